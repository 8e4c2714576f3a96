/* Syllabus plan page: personalise an enablement plan in the browser, with no server.
 *
 * The Markdown, checklist, CSV and calendar texts are NOT formatted here. The build renders
 * them in Python (syllabus/export/plans.py) as templates with placeholders and embeds them
 * in the page with the date rules' data (weekends, public holidays); this script dates plan
 * days as syllabus/core/schedule.py does (UTC date arithmetic, moved to the next working
 * day unless calendar days are chosen), shows session instants in the chosen zone (Intl),
 * fills the placeholders and folds calendar lines as ics_escape.fold does. `fill` below is
 * the twin of syllabus/export/placeholders.py `fill`; the browser tests compare the results
 * with `syllabus plan` byte for byte. Words come from the page (syllabusText: the catalog's
 * script.plan. texts) and dates and times are formatted as the build formats them
 * (syllabusFormat: Intl in the site's language), both from syllabus.js.
 *
 * Safety: values reach the page only through textContent and input values; nothing here
 * parses HTML. Form values stay in the address's fragment (history.replaceState), which
 * browsers never send to a server: a reload or a shared link restores them, and the
 * customer's name is in no request and no server's log.
 */
(function () {
  "use strict";

  var SEP = "\uE002";
  var ITEM = "\uE003";  // placeholders.ITEM: in a choice's texts, the key of the item that chose
  var PLACEHOLDER = /\uE000([^\uE001]*)\uE001/g;
  var FIELDS = ["customer", "start", "timezone", "ce", "days", "weekend", "holidays"];
  // Each plan page's last entries, by path, while the tab keeps this script: instant navigation
  // loads the page again for a heading's anchor (after a full load), whose address has none.
  var lastEntries = {};
  var TYPES = { md: "text/markdown", csv: "text/csv", ics: "text/calendar" };
  var TYPED = /^(text|search|date)$/;  // fields typed into a character or a date part at a time
  var TYPING_PAUSE_MS = 800;  // a pause in typing after which the entries' verdict is said
  var encoder = new TextEncoder();
  var formatters = {};

  function say(key, values) { return window.syllabusText(key, values); }
  function format(kind, instant, zone) { return window.syllabusFormat(kind, instant, zone); }

  // --- The twin of placeholders.py -------------------------------------------------

  function addDays(start, days) {
    return new Date(Date.UTC(start.year, start.month - 1, start.day + days));
  }

  function isoDate(date) {
    return date.toISOString().slice(0, 10);
  }

  function weekday(date) {
    return (date.getUTCDay() + 6) % 7;  // Monday is 0, as Python's date.weekday()
  }

  // schedule.WorkingDays.date_of: counted from the kickoff as held, moved to the next working day.
  function dateOf(data, who, day) {
    return working(data, who, unmoved(data, who, day));
  }

  // schedule.WorkingDays.unmoved: the kickoff given for day 0, the kickoff as held + day after.
  function unmoved(data, who, day) {
    var kickoff = addDays(who.start, 0);
    return day === 0 ? kickoff : new Date(working(data, who, kickoff).getTime() + day * 86400000);
  }

  function working(data, who, date) {
    if (!who.days.shift) return date;
    var weekend = data.weekends[who.days.weekend];
    for (var i = 0; i < data.max_shift_days; i++) {
      if (weekend.indexOf(weekday(date)) === -1 && !who.days.holidays.has(isoDate(date))) break;
      date = new Date(date.getTime() + 86400000);
    }
    return date;
  }

  // A plan date (midnight UTC) as LocaleFormat.date writes it.
  function dateLabel(date) {
    return format("date", date, "UTC");
  }

  function formatDate(data, who, day, style) {
    var date = dateOf(data, who, day);
    if (style === "label") return dateLabel(date);
    if (style === "moved" || style === "moved-iso") {
      var calendar = unmoved(data, who, day);
      if (calendar.getTime() === date.getTime()) return "";
      return style === "moved" ? say("script.plan.moved", { date: dateLabel(calendar) }) : isoDate(calendar);
    }
    if (style === "end") date = new Date(date.getTime() + 86400000);
    var iso = isoDate(date);
    return style === "iso" ? iso : iso.replace(/-/g, "");
  }

  // An instant as wall-clock time in a zone: schedule.in_zone.
  function local(text, zone) {
    if (!formatters[zone]) {
      formatters[zone] = new Intl.DateTimeFormat("en-US", {
        timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
        hour: "2-digit", minute: "2-digit"
      });
    }
    var parts = {};
    formatters[zone].formatToParts(new Date(text)).forEach(function (part) { parts[part.type] = part.value; });
    var date = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)));
    return { date: date, hour: Number(parts.hour), minute: Number(parts.minute) };
  }

  // schedule.is_night
  function isNight(data, start, end) {
    if (start.date.getTime() !== end.date.getTime()) return true;
    return start.hour * 60 + start.minute < data.night[1] * 60 || end.hour * 60 + end.minute > data.night[0] * 60;
  }

  // placeholders.days_text
  function daysText(days, data) {
    if (!days.shift) return say("script.plan.days_calendar");
    var weekend = say("script.plan.weekend." + days.weekend);
    if (days.country) {
      return say("script.plan.days_working_holidays", { weekend: weekend, country: data.countries[days.country] });
    }
    return say("script.plan.days_working", { weekend: weekend });
  }

  // placeholders.night_flag
  function nightFlag(data) {
    function hour(h) { return format("time", new Date(Date.UTC(2000, 0, 1, h)), "UTC"); }
    return say("script.plan.night", { start: hour(data.night[0]), end: hour(data.night[1]) });
  }

  function valueOf(data, who, name) {
    if (name === "zone") return data.timezones[who.timezone]; // its city, LocaleFormat.city
    if (name === "days") return daysText(who.days, data);
    return who[name] || "";
  }

  // placeholders.escape_for: the format's table and, in Markdown, an "&" that starts a character
  // reference written "&amp;" (md_escape.REFERENCE_START), so "AT&amp;T" reads as typed, and
  // a backslash before the ":" of "://" and the "." of "www." (md_escape.AUTOLINK_PUNCTUATION).
  function escapeText(data, fmt, text) {
    var table = data.escapes[fmt];
    if (data.references[fmt]) text = text.replace(new RegExp(data.references[fmt], "g"), "&amp;");
    text = Array.from(text).map(function (char) {
      return Object.prototype.hasOwnProperty.call(table, char) ? table[char] : char;
    }).join("");
    if (!data.autolinks[fmt]) return text;
    return text.replace(new RegExp(data.autolinks[fmt], "g"), function (found) {
      return found.slice(0, -1) + "\\" + found.slice(-1);
    });
  }

  // placeholders.Choice.pick: a session dated in the window in the customer's zone (a session
  // held in a room, in its venue's), in the reader's language if one is, by day if one fits
  // (one in a room in the customer's zone first), else the first; else the fallback.
  function pick(data, choice, who) {
    var first = dateOf(data, who, choice.first_day).getTime();
    var last = dateOf(data, who, choice.last_day).getTime();
    var fitting = data.sessions[choice.sessions].filter(function (option) {
      var day = local(option.start, option.zone || who.timezone).date.getTime();
      return first <= day && day <= last;
    });
    var readable = fitting.filter(function (option) { return !option.foreign; });  // in the reader's language
    if (readable.length) fitting = readable;
    var current = function (zone) {  // zones.current_name: Asia/Calcutta is Asia/Kolkata's place
      return Object.prototype.hasOwnProperty.call(data.old_names, zone) ? data.old_names[zone] : zone;
    };
    var here = fitting.filter(function (option) {
      return option.zone && current(option.zone) === current(who.timezone);
    });
    var daytime = here.concat(fitting).filter(function (option) {
      var zone = option.zone || who.timezone;
      return !isNight(data, local(option.start, zone), local(option.end, zone));
    });
    var chosen = daytime[0] || fitting[0];
    return chosen ? chosen.texts : choice.fallback;
  }

  function fill(data, template, fmt, who, uids) {
    return template.replace(PLACEHOLDER, function (match, inner) {
      var args = inner.split(SEP);
      var kind = args.shift();
      if (kind === "value") {
        var value = valueOf(data, who, args[0]);
        return value ? args[1] + escapeText(data, fmt, value) + args[2] : "";
      }
      if (kind === "cell") {  // csv_escape.cell: what a spreadsheet would run as a formula, guarded
        var text = valueOf(data, who, args[0]);
        var formula = data.formula.starts.some(function (start) { return text.startsWith(start); });
        return escapeText(data, fmt, formula ? data.formula.guard + text : text);
      }
      if (kind === "date") return escapeText(data, fmt, formatDate(data, who, Number(args[0]), args[1]));
      if (kind === "uid") return uids[args.join(SEP)];
      if (kind === "choice") return fill(data, chosen(data, args[0], args[1], who), fmt, who, uids);
      if (kind === "instant") {
        var instant = new Date(args[0]), style = args[1] === "label" ? "date" : "time";
        if (args[2] && format("date", instant, who.timezone) !== format("date", new Date(args[2]), who.timezone)) {
          style = "date_time"; // a session ending on another day: its end's date too
        }
        return escapeText(data, fmt, format(style, instant, who.timezone));
      }
      if (kind === "elsewhere") {
        if (who.timezone === args[0]) return "";
        var sameDay = local(args[3], who.timezone).date.getTime() === local(args[3], args[0]).date.getTime();
        return sameDay ? args[1] : args[2];
      }
      if (kind === "night") {
        var night = isNight(data, local(args[0], who.timezone), local(args[1], who.timezone));
        return night ? escapeText(data, fmt, nightFlag(data)) : "";
      }
      throw new Error("unknown placeholder " + kind);
    });
  }

  // A choice's text `part` for the item `key`, naming it where the text says ITEM.
  function chosen(data, key, part, who) {
    return pick(data, data.choices[key], who)[part].split(ITEM).join(key);
  }

  // UIDs hash their arguments, the customer and the kickoff date (placeholders.stable_uid);
  // the chosen texts hold some too (a weekly program's later meetings).
  function uidsFor(data, template, who) {
    var keys = [];
    (function scan(text) {
      text.replace(PLACEHOLDER, function (match, inner) {
        var args = inner.split(SEP);
        var kind = args.shift();
        if (kind === "uid") keys.push(args.join(SEP));
        if (kind === "choice") scan(chosen(data, args[0], args[1], who));
        return match;
      });
    })(template);
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

  function name(value, field, data) {
    value = value.trim();
    var what = say("script.plan.field." + field);
    function refused(text) { return Object.assign(new Error(text), { field: field }); }  // marked (see tell)
    if (new RegExp(data.forbidden).test(value)) throw refused(say("script.plan.error.control", { field: what }));
    if (Array.from(value).length > data.name_length) {
      throw refused(say("script.plan.error.long", { field: what, limit: data.name_length }));
    }
    return value.normalize("NFC");
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

  // schedule.WorkingDays.choose
  function readDays(values, data, start) {
    var days = { shift: values.days !== "calendar", weekend: values.weekend || data.plan_weekend,
                 holidays: new Set(), country: "" };
    if (!data.weekends[days.weekend]) throw new Error(say("script.plan.error.weekend", { weekend: days.weekend }));
    var country = values.holidays.trim().toUpperCase();
    if (!country || !days.shift) return days;
    if (!data.holidays[country]) throw new Error(say("script.plan.error.holidays_country", { country: country }));
    var last = addDays(start, data.length_days + data.max_shift_days).getUTCFullYear();
    if (start.year < data.holiday_years[0] || last > data.holiday_years[1]) {
      throw new Error(say("script.plan.error.holidays_years",
                           { first: data.holiday_years[0], last: data.holiday_years[1] }));
    }
    days.holidays = new Set(data.holidays[country]);
    days.country = country;
    return days;
  }

  // The zone the visitor typed, in any letter case, with or without accents (zones.lookup_key):
  // its id ("asia/tokyo"), its place as the command line reads it ("Tokyo", "sao paulo":
  // zones.zone_places, in the page's data), or its city as the list shows it in the
  // page's language ("東京", one zone's only: Japan, an old name of Asia/Tokyo, is Asia/Tokyo).
  function lookupKey(text) { return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var zoneNames = null;
  function zoneNamed(typed, data) {
    if (known(data, typed)) return typed;
    if (!zoneNames) {
      zoneNames = {};
      var cities = {};
      Object.keys(data.timezones).forEach(function (zone) {
        var city = lookupKey(String(data.timezones[zone]));
        var named = Object.prototype.hasOwnProperty.call(data.old_names, zone) ? data.old_names[zone] : zone;
        cities[city] = cities[city] === undefined || cities[city] === named ? named : null;  // null: two zones
      });
      Object.keys(cities).forEach(function (city) { if (cities[city]) zoneNames[city] = cities[city]; });
      Object.keys(data.places).forEach(function (place) { zoneNames[place] = data.places[place]; });
      Object.keys(data.timezones).forEach(function (zone) { zoneNames[lookupKey(zone)] = zone; });
    }
    var zone = zoneNames[lookupKey(typed)];
    return zone && known(data, zone) ? zone : typed;
  }

  // A zone of the page's list that the browser's Intl knows too (nearly all; the few it lacks are
  // refused). Asked of a zone as it is used: asking it of all ~600 as the page loaded was its
  // longest task, 0.5-0.9 s on a phone-speed CPU (Lighthouse).
  var intlKnows = {};
  function known(data, zone) {
    if (!Object.prototype.hasOwnProperty.call(data.timezones, zone)) return false;
    if (!Object.prototype.hasOwnProperty.call(intlKnows, zone)) {
      try { new Intl.DateTimeFormat("en-US", { timeZone: zone }); intlKnows[zone] = true; }
      catch (error) { intlKnows[zone] = false; }
    }
    return intlKnows[zone];
  }

  // The customer in a download's name, so two customers' plans with one kickoff do not collide:
  // letters and digits of any script, every other run of characters one "-".
  function fileWord(text) {
    return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").slice(0, 40)
      .replace(/^-+|-+$/g, "");
  }

  function readForm(values, data) {
    var state = { start: parseStart(values.start, data), who: null, error: "" };
    try {
      var customer = name(values.customer, "customer", data);
      var ce = name(values.ce, "ce", data);
      var zone = zoneNamed(values.timezone.trim(), data) || data.default_timezone;
      // The zone typed (or the visitor's, filled in), known before anything else is.
      if (values.timezone.trim() && known(data, zone)) state.zone = zone;
      if (!values.start) state.error = say("script.plan.error.start_missing");
      else if (!state.start) {
        state.error = say("script.plan.error.start_invalid");
        state.invalid = "start";
      } else {
        state.days = readDays(values, data, state.start);
        if (!customer) state.error = say("script.plan.error.customer_missing");
        else if (!known(data, zone)) {
          state.error = say("script.plan.error.timezone");  // not the text: a link may have written it
          state.invalid = "timezone";
        }
        else state.who = { customer: customer, ce: ce, timezone: zone, start: state.start,
                           startText: state.start.text, days: state.days };
      }
    } catch (error) {
      state.error = error.message;
      state.invalid = error.field;
    }
    return state;
  }

  // --- The page ------------------------------------------------------------------------

  function initPlan(root) {
    var form = root.querySelector("[data-plan-form]");
    var source = root.querySelector("[data-plan-data]");
    if (!source || !form || root.dataset.ready) return;
    root.dataset.ready = "true";
    var data = JSON.parse(source.dataset.planData);
    var planId = root.dataset.plan;
    var status = root.querySelector("[data-plan-status]");
    var copyButtons = Array.prototype.slice.call(root.querySelectorAll("[data-plan-copy]"));
    var links = Array.prototype.slice.call(root.querySelectorAll("a[data-download]"));
    var dates = root.querySelectorAll("[data-date-for]");
    var moves = root.querySelectorAll("[data-moved-for]");
    var choices = root.querySelectorAll("[data-choice]");
    var initialStatus = status.textContent;
    var objectUrls = [];
    var copies = {};
    var generation = 0;

    links.forEach(function (link) { link.dataset.templateHref = link.getAttribute("href"); });
    var zoneList = root.querySelector("[data-plan-timezones]");
    Object.keys(data.timezones).forEach(function (zone) {
      // An old name (Japan, Asia/Calcutta) is accepted as typed, but offered only as its zone's
      // name today: the list showed 東京 twice.
      if (Object.prototype.hasOwnProperty.call(data.old_names, zone)) return;
      var option = document.createElement("option");
      option.value = zone;
      option.label = data.timezones[zone]; // its city, shown beside the zone in the list
      zoneList.appendChild(option);
    });

    // The entries as the form holds them (``asked``: a field not asked counts as empty).
    function values(asked) {
      var result = {};
      FIELDS.forEach(function (field) {
        result[field] = asked && form.elements[field].disabled ? "" : form.elements[field].value;
      });
      return result;
    }

    // Calendar days date every item kickoff + day: a weekend or holidays would move nothing,
    // and the command line refuses them beside --calendar-days. They are not asked until
    // working days are chosen again; the address keeps them for then.
    function askDays() {
      var calendar = form.elements.days.value === "calendar";
      form.elements.weekend.disabled = form.elements.holidays.disabled = calendar;
    }

    var ownZone = "";  // the visitor's zone, filled in for them: written to the address with other entries
    var holdAddress = false;  // see lastEntries

    function writeUrl(current) {
      // A link shows what its sender saw, in the sender's zone even where they kept their own
      // (its reader's own may be another); the zone alone, filled in for them, is no entry.
      var params = new URLSearchParams();
      FIELDS.forEach(function (field) { if (current[field]) params.set(field, current[field]); });
      if (Array.from(params.keys()).join() === "timezone" && current.timezone === ownZone) params.delete("timezone");
      var fragment = params.toString();
      lastEntries[location.pathname] = fragment;
      if (holdAddress) return;  // entries kept from before a heading's anchor: the anchor stays until an edit
      if (!fragment && !entriesIn(location.hash)) return;  // a heading's anchor, or nothing: left as it is
      var url = location.pathname + otherQuery() + (fragment ? "#" + fragment : "");
      if (url !== location.pathname + location.search + location.hash) history.replaceState(null, "", url);
    }

    // Dates need only the kickoff and the days chosen, so they show before the customer is
    // typed; sessions, in the zone the form holds (the visitor's own at first), even before that.
    function showDates(state) {
      var zone = state.zone || data.default_timezone;
      var who = state.start && state.days ? { start: state.start, days: state.days, timezone: zone } : null;
      if (who && state.who) who = state.who;
      Array.prototype.forEach.call(dates, function (node) {
        var text = who ? formatDate(data, who, Number(node.dataset.dateFor), "label") : "";
        if (node.textContent !== text) node.textContent = text;
      });
      Array.prototype.forEach.call(moves, function (node) {
        var text = who ? formatDate(data, who, Number(node.dataset.movedFor), "moved").trim() : "";
        if (node.textContent !== text) node.textContent = text;
      });
      var now = Date.now();
      Array.prototype.forEach.call(choices, function (node) {
        var texts = who ? pick(data, data.choices[node.dataset.choice], who) : null;
        var line = texts;
        if (!texts) {  // the first session not ended yet (the build may be days old), else none
          var undated = data.undated[data.choices[node.dataset.choice].sessions];  // per course
          line = undated.sessions.filter(function (option) { return Date.parse(option.end) > now; })[0]
            || undated.none;
        }
        node.textContent = fill(data, line.text, "text", who || { timezone: state.zone || line.zone || zone }, {});
        var register = root.querySelector('a[data-register-for="' + node.dataset.choice + '"]');
        if (register) {
          var url = line.register || "";
          if (/^https?:\/\//i.test(url)) register.href = url;  // the schema allows only these schemes
          register.hidden = !/^https?:\/\//i.test(url);
        }
        // The on-demand alternative's link (its address is the page's own): shown when the line offers it.
        var onDemand = root.querySelector('a[data-on-demand-for="' + node.dataset.choice + '"]');
        if (onDemand) onDemand.hidden = !line.on_demand;
      });
      Array.prototype.forEach.call(root.querySelectorAll("[data-plan-dated]"), function (node) {
        node.hidden = !who;
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
      copies = {};
      copyButtons.forEach(function (button) { button.disabled = true; });
    }

    // The verdict on the entries (the status, read out as it changes, and the field it is
    // about): while the visitor types, only once they pause; a screen reader read out "Unknown
    // time zone: E.", "...: Eu." for every letter of "Europe/Berlin".
    var verdictTimer = null;
    var pendingVerdict = null;
    function tell(text, invalid, typing) {
      clearTimeout(verdictTimer);
      pendingVerdict = function () {
        pendingVerdict = null;
        FIELDS.forEach(function (field) {  // the field the message is about says so to assistive technology
          var input = form.elements[field];
          if (invalid === field) input.setAttribute("aria-invalid", "true");
          else input.removeAttribute("aria-invalid");
        });
        if (status.textContent !== text) status.textContent = text;  // the same words are not said again
      };
      if (typing) verdictTimer = setTimeout(pendingVerdict, TYPING_PAUSE_MS);
      else pendingVerdict();
    }

    function update(typing) {
      askDays();
      writeUrl(values(false));
      var current = values(true);
      var state = readForm(current, data);
      var mine = ++generation;
      root.dataset.personalised = "false";
      showDates(state);
      showCustomer(state.who);
      resetDownloads();
      if (!state.who) {
        tell(state.error && FIELDS.some(function (f) { return current[f]; }) ? state.error : initialStatus,
          state.invalid, typing);
        return;
      }
      if (!window.crypto || !crypto.subtle) {
        tell(say("script.plan.status.insecure"), null, typing);
        return;
      }
      var who = state.who;
      var formats = links.map(function (link) { return link.dataset.download; }).concat(["checklist"]);
      Promise.all(formats.map(function (fmt) { return render(data, fmt, who); })).then(function (texts) {
        if (mine !== generation) return;
        copies = { md: texts[formats.indexOf("md")], checklist: texts[formats.indexOf("checklist")] };
        links.forEach(function (link, index) {
          var fmt = link.dataset.download;
          var url = URL.createObjectURL(new Blob([texts[index]], { type: TYPES[fmt] + ";charset=utf-8" }));
          objectUrls.push(url);
          link.setAttribute("href", url);
          link.setAttribute("download", [planId, fileWord(who.customer), who.startText].filter(Boolean).join("-")
            + "." + fmt);
        });
        copyButtons.forEach(function (button) { button.disabled = false; });
        tell(say("script.plan.status.ready", { customer: who.customer }), null, typing);
        root.dataset.personalised = "true";
      });
    }

    copyButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        var copied = button.dataset.planCopy === "checklist" ? "script.plan.status.copied_checklist"
          : "script.plan.status.copied_md";
        if (!navigator.clipboard) {
          status.textContent = say("script.plan.status.no_clipboard");
          return;
        }
        navigator.clipboard.writeText(copies[button.dataset.planCopy]).then(function () {
          status.textContent = say(copied);
        }, function () {
          status.textContent = say("script.plan.status.copy_refused");
        });
      });
    });
    form.addEventListener("input", function (event) {
      holdAddress = false;
      update(event.target instanceof HTMLInputElement && TYPED.test(event.target.type));
    });
    // The entry is done when the field is left, or with Enter: its verdict at once. Not on
    // change, which a date field fires for each part typed into it.
    function sayNow() {
      clearTimeout(verdictTimer);
      if (pendingVerdict) pendingVerdict();
    }
    form.addEventListener("focusout", sayNow);
    form.addEventListener("keydown", function (event) { if (event.key === "Enter") sayNow(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    // A link made before the entries moved to the fragment has them in the query: read once,
    // then written to the fragment by update(), and taken out of the page's links to itself
    // (instant navigation made them absolute with the query, and a click sent it to the server).
    var fromQuery = !entriesIn(location.hash) && entriesIn(location.search);
    var kept = !entriesIn(location.hash) && !fromQuery && entriesIn("#" + (lastEntries[location.pathname] || ""));
    holdAddress = Boolean(kept);
    var params = entriesIn(location.hash) || fromQuery || kept || new URLSearchParams();
    FIELDS.forEach(function (field) {
      if (params.has(field) && !fits(form.elements[field], params.get(field))) params.delete(field);
      if (params.has(field)) form.elements[field].value = params.get(field);
    });
    if (entriesIn(location.search)) withoutEntries(document);
    // Back to an address with entries (after a heading's anchor replaced them): the form
    // shows them again.
    window.addEventListener("hashchange", function () {
      var entries = entriesIn(location.hash);
      if (!entries || !document.body.contains(form)) return;
      holdAddress = false;
      FIELDS.forEach(function (field) {  // each field's default is "", the zone's the visitor's own
        var value = entries.get(field) || "";
        if (!value || !fits(form.elements[field], value)) value = field === "timezone" ? ownZone : "";
        form.elements[field].value = value;
      });
      update();
    });
    if (!params.has("timezone")) {  // the visitor's own zone, until they type another
      try {
        var own = Intl.DateTimeFormat().resolvedOptions().timeZone;
        // By its current name: browsers give some by an old one (Asia/Calcutta). The zone its
        // place names is its own, under the database's name (see zoneNamed).
        var place = lookupKey(own.split("/").pop().replace(/_/g, " "));
        if (own.indexOf("/") > 0 && Object.prototype.hasOwnProperty.call(data.places, place)) own = data.places[place];
        if (known(data, own)) form.elements.timezone.value = ownZone = own;
      } catch (error) { /* the default zone stands */ }
    }
    update();
  }

  /* Whether the address's ``value`` for ``field`` is one typing could enter: no longer than
   * the field takes (a link could otherwise put any length of text on the page). A value
   * that is not counts as none: the zone is then the visitor's own, as with no value. A
   * select has no maxLength (one not among its options selects none, which reads as "").
   */
  function fits(field, value) {
    return !(field.maxLength >= 0) || value.length <= field.maxLength;
  }

  /* The form's entries in a query or fragment ("#customer=Acme&start=2027-01-04"), or
   * null if it holds none (a heading's anchor). */
  function entriesIn(part) {
    var params = new URLSearchParams(part.slice(1));
    return FIELDS.some(function (field) { return params.has(field); }) ? params : null;
  }

  /* The links of ``scope`` to this page without the form's entries in their query. */
  function withoutEntries(scope) {
    Array.prototype.forEach.call(scope.querySelectorAll("a[href]"), function (link) {
      var target = new URL(link.href, location.href);
      if (target.origin !== location.origin || target.pathname !== location.pathname) return;
      if (!entriesIn(target.search)) return;
      FIELDS.forEach(function (field) { target.searchParams.delete(field); });
      link.setAttribute("href", target.pathname + target.search + target.hash);
    });
  }

  /* The address's query without the form's entries (see entriesIn), "?" and all. */
  function otherQuery() {
    var params = new URLSearchParams(location.search);
    FIELDS.forEach(function (field) { params.delete(field); });
    var query = params.toString();
    return query ? "?" + query : "";
  }

  window.syllabusPlan = function (scope) {
    Array.prototype.forEach.call(scope.querySelectorAll("[data-syllabus-plan]"), initPlan);
  };
})();
