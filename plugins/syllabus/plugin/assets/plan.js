/* Syllabus plan page: personalise an enablement plan in the browser, with no server.
 *
 * The Markdown, CSV and calendar texts are NOT formatted here. The build renders them in
 * Python (syllabus/export/plans.py) as templates with placeholders and embeds them in the
 * page; this script only adds day offsets to the kickoff date (UTC date arithmetic, so no
 * daylight-saving surprises), fills the placeholders and, for the calendar, folds lines as
 * the icalendar library does. `fill` below is the twin of syllabus/export/placeholders.py
 * `fill`; the browser tests compare the results with `syllabus plan` byte for byte.
 *
 * Safety: values reach the page only through textContent and input values; nothing here
 * parses HTML. Form values stay in the address (history.replaceState) and never leave the
 * browser.
 */
(function () {
  "use strict";

  var SEP = "\uE002";
  var PLACEHOLDER = /\uE000([^\uE001]*)\uE001/g;
  var FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
  var FIELDS = ["customer", "start", "timezone", "ce"];
  var TYPES = { md: "text/markdown", csv: "text/csv", ics: "text/calendar" };
  var encoder = new TextEncoder();

  // --- The twin of placeholders.py -------------------------------------------------

  function addDays(start, days) {
    return new Date(Date.UTC(start.year, start.month - 1, start.day + days));
  }

  function shift(start, days) {
    var date = addDays(start, days);
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  }

  function isoDate(date) {
    return date.toISOString().slice(0, 10);
  }

  function formatDate(data, date, style) {
    if (style === "weekday") return data.weekdays[(date.getUTCDay() + 6) % 7];
    var iso = isoDate(date);
    return style === "basic" ? iso.replace(/-/g, "") : iso;
  }

  function escapeText(table, text) {
    return Array.from(text).map(function (char) {
      return Object.prototype.hasOwnProperty.call(table, char) ? table[char] : char;
    }).join("");
  }

  function pick(choice, start) {
    var first = isoDate(addDays(start, choice.first_day));
    var last = isoDate(addDays(start, choice.last_day));
    for (var i = 0; i < choice.options.length; i++) {
      var option = choice.options[i];
      if (first <= option.date && option.date <= last) return option.texts;
    }
    return choice.fallback;
  }

  function fill(data, template, fmt, who, uids) {
    return template.replace(PLACEHOLDER, function (match, inner) {
      var args = inner.split(SEP);
      var kind = args.shift();
      if (kind === "value") {
        var value = who[args[0]] || "";
        return value ? args[1] + escapeText(data.escapes[fmt], value) + args[2] : "";
      }
      if (kind === "date") return formatDate(data, addDays(who.start, Number(args[0])), args[1]);
      if (kind === "uid") return uids[args.join(SEP)];
      if (kind === "choice") return pick(data.choices[args[0]], who.start)[fmt];
      throw new Error("unknown placeholder " + kind);
    });
  }

  // UIDs hash their arguments, the customer and the kickoff date (placeholders.stable_uid).
  function uidsFor(data, template, who) {
    var keys = [];
    template.replace(PLACEHOLDER, function (match, inner) {
      var args = inner.split(SEP);
      if (args.shift() === "uid") keys.push(args.join(SEP));
      return match;
    });
    return Promise.all(keys.map(function (key) {
      var text = key.split(SEP).concat([who.customer, who.startText]).join("\n");
      return crypto.subtle.digest("SHA-256", encoder.encode(text)).then(function (buffer) {
        var hex = Array.from(new Uint8Array(buffer)).map(function (b) {
          return b.toString(16).padStart(2, "0");
        }).join("");
        return hex.slice(0, data.uid.length) + "@" + data.uid.domain;
      });
    })).then(function (values) {
      var uids = {};
      keys.forEach(function (key, index) { uids[key] = values[index]; });
      return uids;
    });
  }

  // RFC 5545 folding exactly as icalendar's foldline: lines stay under `limit` octets,
  // never split inside a UTF-8 sequence, and a backslash or caret moves with the character
  // it escapes.
  function foldLine(line, limit) {
    var lines = [];
    var current = [];
    var size = 0;
    Array.from(line).forEach(function (char) {
      var length = encoder.encode(char).length;
      if (current.length && size + length >= limit) {
        var last = current[current.length - 1];
        if (current.length > 1 && (last === "\\" || last === "^")) {
          current.pop();
          lines.push(current.join(""));
          current = [last];
          size = encoder.encode(last).length;
        } else {
          lines.push(current.join(""));
          current = [];
          size = 0;
        }
      }
      current.push(char);
      size += length;
    });
    if (current.length) lines.push(current.join(""));
    return lines.join("\r\n ");
  }

  function fold(text, limit) {
    return text.split("\r\n").map(function (line) { return line ? foldLine(line, limit) : line; }).join("\r\n");
  }

  function render(data, fmt, who) {
    var template = data.templates[fmt];
    return uidsFor(data, template, who).then(function (uids) {
      var text = fill(data, template, fmt, who, uids);
      return data.fold[fmt] ? fold(text, data.fold[fmt]) : text;
    });
  }

  // --- Reading the form: the same rules as Personalisation.parse -------------------------

  function name(text, what, data) {
    text = text.trim();
    if (FORBIDDEN.test(text)) throw new Error("The " + what + " contains control characters.");
    if (Array.from(text).length > data.name_length) throw new Error("The " + what + " is too long.");
    return text.normalize("NFC");
  }

  function parseStart(text, data) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return null;
    var start = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    if (isoDate(addDays(start, 0)) !== text) return null;
    if (start.year < data.kickoff_years[0] || start.year > data.kickoff_years[1]) return null;
    start.text = text;
    return start;
  }

  function readForm(values, data) {
    var state = { start: parseStart(values.start, data), who: null, error: "" };
    try {
      var customer = name(values.customer, "customer name", data);
      var ce = name(values.ce, "customer engineer", data);
      var zone = values.timezone.trim() || data.default_timezone;
      if (!values.start) state.error = "Enter the kickoff date.";
      else if (!state.start) state.error = "The kickoff date is not a valid date.";
      else if (!customer) state.error = "Enter the customer name.";
      else if (data.timezones.indexOf(zone) === -1) state.error = "Unknown time zone: " + zone + ".";
      else state.who = { customer: customer, ce: ce, timezone: zone, start: state.start, startText: state.start.text };
    } catch (error) {
      state.error = error.message;
    }
    return state;
  }

  // --- The page ------------------------------------------------------------------------

  function initPlan(root) {
    var form = root.querySelector("[data-plan-form]");
    if (!root.dataset.planData || !form || root.dataset.ready) return;
    root.dataset.ready = "true";
    var data = JSON.parse(root.dataset.planData);
    var planId = root.dataset.plan;
    var status = root.querySelector("[data-plan-status]");
    var copyButton = root.querySelector("[data-plan-copy]");
    var links = Array.prototype.slice.call(root.querySelectorAll("a[data-download]"));
    var dates = root.querySelectorAll("[data-date-for]");
    var choices = root.querySelectorAll("[data-choice]");
    var initialStatus = status.textContent;
    var objectUrls = [];
    var markdown = "";
    var generation = 0;

    links.forEach(function (link) { link.dataset.templateHref = link.getAttribute("href"); });
    Array.prototype.forEach.call(choices, function (node) { node.dataset.undated = node.textContent; });
    var zoneList = root.querySelector("[data-plan-timezones]");
    data.timezones.forEach(function (zone) {
      var option = document.createElement("option");
      option.value = zone;
      zoneList.appendChild(option);
    });

    function values() {
      var result = {};
      FIELDS.forEach(function (field) { result[field] = form.elements[field].value; });
      return result;
    }

    function writeUrl(current) {
      var params = new URLSearchParams();
      FIELDS.forEach(function (field) { if (current[field]) params.set(field, current[field]); });
      var query = params.toString();
      var url = location.pathname + (query ? "?" + query : "") + location.hash;
      if (url !== location.pathname + location.search + location.hash) history.replaceState(null, "", url);
    }

    function showDates(start) {
      Array.prototype.forEach.call(dates, function (node) {
        var day = Number(node.dataset.dateFor);
        var text = start ? fill(data, data.date_label, "md", { start: shift(start, day) }, {}) : "";
        if (node.textContent !== text) node.textContent = text;
      });
      Array.prototype.forEach.call(choices, function (node) {
        node.textContent = start ? pick(data.choices[node.dataset.choice], start).text : node.dataset.undated;
      });
      Array.prototype.forEach.call(root.querySelectorAll("[data-plan-dated]"), function (node) {
        node.hidden = !start;
      });
    }

    function showCustomer(who) {
      root.querySelector("[data-plan-for]").hidden = !who;
      if (!who) return;
      Array.prototype.forEach.call(root.querySelectorAll("[data-plan-value]"), function (node) {
        node.textContent = who[node.dataset.planValue];
      });
      Array.prototype.forEach.call(root.querySelectorAll("[data-plan-if]"), function (node) {
        node.hidden = !who[node.dataset.planIf];
      });
    }

    function resetDownloads() {
      objectUrls.forEach(function (url) { URL.revokeObjectURL(url); });
      objectUrls = [];
      links.forEach(function (link) {
        link.setAttribute("href", link.dataset.templateHref);
        link.setAttribute("download", "");
      });
      markdown = "";
      copyButton.disabled = true;
    }

    function update() {
      var current = values();
      writeUrl(current);
      var state = readForm(current, data);
      var mine = ++generation;
      root.dataset.personalised = "false";
      showDates(state.start);
      showCustomer(state.who);
      resetDownloads();
      if (!state.who) {
        status.textContent = state.error && FIELDS.some(function (f) { return current[f]; }) ? state.error : initialStatus;
        return;
      }
      if (!window.crypto || !crypto.subtle) {
        status.textContent = "Personalised downloads need a secure (https) connection.";
        return;
      }
      var who = state.who;
      Promise.all(links.map(function (link) { return render(data, link.dataset.download, who); })).then(function (texts) {
        if (mine !== generation) return;
        links.forEach(function (link, index) {
          var fmt = link.dataset.download;
          var url = URL.createObjectURL(new Blob([texts[index]], { type: TYPES[fmt] + ";charset=utf-8" }));
          objectUrls.push(url);
          link.setAttribute("href", url);
          link.setAttribute("download", planId + "-" + who.startText + "." + fmt);
          if (fmt === "md") markdown = texts[index];
        });
        copyButton.disabled = false;
        status.textContent = "Downloads and copy are personalised for " + who.customer + ".";
        root.dataset.personalised = "true";
      });
    }

    copyButton.addEventListener("click", function () {
      if (!navigator.clipboard) {
        status.textContent = "Copying is not available here; download the Markdown instead.";
        return;
      }
      navigator.clipboard.writeText(markdown).then(function () {
        status.textContent = "Copied the plan as Markdown.";
      }, function () {
        status.textContent = "The browser refused to copy; download the Markdown instead.";
      });
    });
    form.addEventListener("input", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    var params = new URLSearchParams(location.search);
    FIELDS.forEach(function (field) {
      if (params.has(field)) form.elements[field].value = params.get(field);
    });
    update();
  }

  window.syllabusPlan = function (scope) {
    Array.prototype.forEach.call(scope.querySelectorAll("[data-syllabus-plan]"), initPlan);
  };
})();
