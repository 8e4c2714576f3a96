/* Syllabus in the browser: catalog keyword box and filters with shareable URLs, session
 * times in the visitor's own time zone, search entries, and that zone in
 * session-request links. Progressive enhancement only: without this script every card is
 * listed, every time is shown in its original zone, and session requests leave the time
 * zone for the visitor to type.
 *
 * Safety: content reaches the page only through the build's escaped JSON and through
 * textContent; nothing here parses HTML (no innerHTML, no insertAdjacentHTML).
 */
(function () {
  "use strict";

  var messages = null, pluralRules = null, numberFormat = null;

  // What the build put in the page for the scripts: {language, texts, formats}.
  function pageMessages() {
    if (!messages) {
      var element = document.getElementById("__syllabus-messages");
      try { messages = JSON.parse(element.textContent); } catch (e) { messages = { language: "en", texts: {} }; }
    }
    return messages;
  }

  function countFormat() {
    if (!numberFormat) {
      try { numberFormat = new Intl.NumberFormat(pageMessages().language); } catch (e) { numberFormat = new Intl.NumberFormat("en"); }
    }
    return numberFormat;
  }

  /* The text for `key` in the site's language, from the texts the build put in the page
   * (<script type="application/json" id="__syllabus-messages">; English fills any gap there).
   * A text by count is a map of CLDR plural categories, picked with Intl.PluralRules;
   * each {name} is replaced by String(values.name), never evaluated. plan.js and search.js
   * use it too, as window.syllabusText. */
  function syllabusText(key, values) {
    values = values || {};
    var text = pageMessages().texts[key];
    if (text === undefined) return key;  // a script asking for a text the build did not give
    if (typeof text === "object") {
      if (!pluralRules) {
        try { pluralRules = new Intl.PluralRules(messages.language); } catch (e) { pluralRules = new Intl.PluralRules("en"); }
      }
      text = text[pluralRules.select(Number(values.count))] || text.other;
    }
    return text.replace(/\{([a-z_]+)\}/g, function (placeholder, name) {
      if (!Object.prototype.hasOwnProperty.call(values, name)) return placeholder;
      // Numbers are written the language's way (1,000), as the build's Babel does: not only
      // the count ("48 of 1000 shown" beside "1,000 courses").
      if (typeof values[name] === "number") return countFormat().format(values[name]);
      return String(values[name]);
    });
  }
  window.syllabusText = syllabusText;

  /* A language tag's name as the catalog's language filter writes it (Babel, at build time,
   * for every language of the catalog); Intl's name for a tag the build did not name. */
  function syllabusLanguageName(code) {
    var names = pageMessages().languages || {};
    if (Object.prototype.hasOwnProperty.call(names, code)) return names[code];
    try {
      return new Intl.DisplayNames([pageMessages().language], { type: "language" }).of(code) || code;
    } catch (e) {
      return code;
    }
  }
  window.syllabusLanguageName = syllabusLanguageName;

  /* A facet's values (the search dialog's: titles) in the order the catalog lists them, the
   * taxonomy's (levels lowest first); a value the build did not list goes last, by its text. */
  window.syllabusFacetOrder = function (facet, values) {
    // As Pagefind keeps a filter's value: spaces collapsed ("Code  insights" is "Code insights").
    function plain(value) { return String(value).replace(/\s+/g, " ").trim(); }
    var order = ((pageMessages().facet_order || {})[facet] || []).map(plain);
    function place(value) { var index = order.indexOf(plain(value)); return index < 0 ? order.length : index; }
    return values.slice().sort(function (a, b) { return place(a) - place(b) || (a < b ? -1 : a > b ? 1 : 0); });
  };

  /* The site search's facets in the order shown, from the build (export/facets.py). */
  window.syllabusSearchFacets = function () { return pageMessages().search_facets || []; };

  var FACETS = [];  // the catalog's facets in the order shown: its data's (export/facets.py), read by initCatalog

  function readState(search) {
    var params = new URLSearchParams(search);
    var state = { sort: params.get("sort") || "title", keywords: params.get("keywords") || "", filters: {} };
    FACETS.forEach(function (key) {
      var values = [];
      params.getAll(key).forEach(function (value) {
        value.split(",").forEach(function (part) { if (part) values.push(part); });
      });
      state.filters[key] = values;
    });
    return state;
  }

  function writeQuery(state) {
    var params = new URLSearchParams();
    // Not "q": Material's search opens itself with the query of a "q" parameter.
    if (state.keywords.trim()) params.set("keywords", state.keywords.trim());
    FACETS.forEach(function (key) {
      state.filters[key].forEach(function (value) { params.append(key, value); });
    });
    if (state.sort && state.sort !== "title") params.set("sort", state.sort);
    var query = params.toString();
    return query ? "?" + query : "";
  }

  // Text as the build writes a course's keyword text (facets.keyword_text): NFKC, lower case,
  // katakana as hiragana, so a keyword matches however a keyboard typed it.
  function folded(text) {
    return text.normalize("NFKC").toLowerCase().replace(/[\u30a1-\u30f6]/g, function (kana) {
      return String.fromCharCode(kana.charCodeAt(0) - 0x60);
    });
  }

  function initCatalog(root) {
    if (!root.dataset.catalog || root.dataset.ready) return;
    root.dataset.ready = "true";
    var data = JSON.parse(root.dataset.catalog), courses = data.courses;
    FACETS = data.facets;
    var form = root.querySelector("[data-filters]");
    var list = root.querySelector("[data-cards]");
    var countNode = root.querySelector("[data-result-count]");
    var emptyNode = root.querySelector("[data-empty]");
    var sortSelect = form.querySelector("select[name=sort]");
    var keywordInput = form.querySelector("input[name=keywords]");
    var clearButton = form.querySelector("[data-clear]");  // shown while there is something to clear
    var panel = root.querySelector("[data-filter-panel]");
    var activeCount = root.querySelector("[data-active-count]");
    // Facets are open beside the results on wide screens, folded above them on narrow ones,
    // and follow a turned tablet or a zoomed window across (open above the results, they
    // pushed the first card off a portrait screen).
    var wide = window.matchMedia("(min-width: 60em)");
    function followWidth() {
      if (panel.isConnected) panel.open = wide.matches;
      else wide.removeEventListener("change", followWidth);  // the page was left (instant navigation)
    }
    if (panel) {
      followWidth();
      wide.addEventListener("change", followWidth);
    }
    var cards = {};
    Array.prototype.forEach.call(list.children, function (card) { cards[card.dataset.id] = card; });
    var countNodes = {};
    Array.prototype.forEach.call(root.querySelectorAll("[data-count-for]"), function (node) {
      countNodes[node.dataset.countFor] = node;
    });
    var moreButton = root.querySelector("[data-more]");
    var showButton = root.querySelector("[data-show-results]");
    if (showButton) {
      showButton.hidden = false;  // it works only with this script
      showButton.addEventListener("click", function () {
        panel.open = false;
        focusCount();
        countNode.scrollIntoView({ block: "start" });
      });
    }
    function focusCount() {
      countNode.setAttribute("tabindex", "-1");
      countNode.focus({ preventScroll: true });
    }
    var lastSort = null;
    var ordered = courses;  // display order
    // Styling and laying out thousands of cards, not the filtering, is what would make a
    // change slow. So only the listed cards stay in the document: the first PAGE matches,
    // and PAGE more per "Show more"; the others wait detached. Without this script every
    // card is listed.
    var PAGE = 48;  // fills rows of 1, 2, 3 or 4 columns
    var limit = PAGE;
    var listed = [];
    list.setAttribute("data-paged", "");  // every listed card is drawn from now on: see syllabus.css

    function stateFromForm() {
      var state = { sort: sortSelect.value, keywords: keywordInput.value, filters: {} };
      FACETS.forEach(function (key) {
        state.filters[key] = Array.prototype.map.call(
          form.querySelectorAll("input[name='" + key + "']:checked"),
          function (input) { return input.value; });
      });
      return state;
    }

    function stateToForm(state) {
      Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (input) {
        input.checked = (state.filters[input.name] || []).indexOf(input.value) !== -1;
      });
      keywordInput.value = state.keywords || "";
      sortSelect.value = ["title", "duration", "next"].indexOf(state.sort) !== -1 ? state.sort : "title";
    }

    var collator = new Intl.Collator(undefined, { numeric: true });  // "Module 2" before "Module 10"

    // By the session its card shows (showCardSession): the next not yet started (the
    // build's may be past) that the card may show.
    function nextStart(course, languages) {
      var now = Date.now();
      var session = course.next.filter(function (next) {
        return new Date(next[0]).getTime() > now && cardMayShow(languages, next[1], next[2]);
      })[0];
      return session ? session[0] : null;
    }

    function sortCourses(key, languages) {
      courses.forEach(function (course) { course.start = key === "next" ? nextStart(course, languages) : null; });
      ordered = courses.slice();
      ordered.sort(function (a, b) {
        if (key === "duration" && a.minutes !== b.minutes) return a.minutes - b.minutes;
        if (key === "next" && a.start !== b.start) {
          if (!a.start) return 1;
          if (!b.start) return -1;
          return a.start < b.start ? -1 : 1;
        }
        return collator.compare(a.title, b.title);
      });
    }

    function render(next, languages) {
      next.forEach(function (card) {
        var line = card.querySelector(".syllabus-next");
        if (line) showCardSession(line, languages);
      });
      var unchanged = next.length === listed.length && next.every(function (card, i) { return card === listed[i]; });
      listed = next;
      if (!(unchanged && list.children.length === next.length)) {
        var fragment = document.createDocumentFragment();
        next.forEach(function (card) { fragment.appendChild(card); });
        list.textContent = "";  // detaches the cards no longer listed
        list.appendChild(fragment);
      }
      localiseSessions(list);
    }

    // Facet values become small integers once, so a change is a few array scans per course.
    var optionIndex = {};  // "role=admin" -> index
    var optionCount = 0;
    courses.forEach(function (course) {
      course.foldedTitle = folded(course.title);
      course.options = FACETS.map(function (key) {
        return (course.facets[key] || []).map(function (value) {
          var id = key + "=" + value;
          if (!(id in optionIndex)) optionIndex[id] = optionCount++;
          return optionIndex[id];
        });
      });
    });

    function apply(state) {
      var sort = state.sort === "next" ? "next:" + state.filters.language.join(",") : state.sort;
      if (sort !== lastSort) {
        sortCourses(state.sort, state.filters.language);
        lastSort = sort;
      }
      var selected = new Uint8Array(optionCount);
      var active = [];  // indices of facets with a selection
      FACETS.forEach(function (key, facet) {
        state.filters[key].forEach(function (value) {
          var index = optionIndex[key + "=" + value];
          if (index === undefined) return;
          selected[index] = 1;
          if (active.indexOf(facet) === -1) active.push(facet);
        });
      });
      // Keywords: every word must occur in the title, summary, tags, units or the terms a card
      // shows (course.text). Sorted by title, the courses whose title holds every word come
      // first: "search" lists "Code search bootcamp" before a course that only mentions it.
      var words = folded(state.keywords).split(/\s+/).filter(Boolean);
      var hasAll = function (text) { return words.every(function (word) { return text.indexOf(word) !== -1; }); };
      var sequence = ordered;
      if (words.length && state.sort === "title") {
        sequence = ordered.filter(function (course) { return hasAll(course.foldedTitle); }).concat(
          ordered.filter(function (course) { return !hasAll(course.foldedTitle); }));
      }
      var counts = new Int32Array(optionCount);
      var shown = 0;
      var next = [];
      var c, a, f, k, course, options, ok, failed, failedFacet;
      for (c = 0; c < sequence.length; c++) {
        course = sequence[c];
        if (words.length && !hasAll(course.text)) continue;
        // Active facets this course fails: OR within a facet, AND across facets.
        failed = 0;
        failedFacet = -1;
        for (a = 0; a < active.length && failed < 2; a++) {
          options = course.options[active[a]];
          ok = false;
          for (k = 0; k < options.length && !ok; k++) ok = selected[options[k]] === 1;
          if (!ok) { failed++; failedFacet = active[a]; }
        }
        if (failed === 0 && ++shown <= limit) next.push(cards[course.id]);
        if (failed > 1) continue;
        // A facet's counts ignore its own selection: "how many if I also tick this".
        for (f = 0; f < FACETS.length; f++) {
          if (failed === 1 && f !== failedFacet) continue;
          options = course.options[f];
          for (k = 0; k < options.length; k++) counts[options[k]]++;
        }
      }
      render(next, state.filters.language);
      Object.keys(countNodes).forEach(function (id) {
        var text = syllabusText("script.facet.count", { count: id in optionIndex ? counts[optionIndex[id]] : 0 });
        if (countNodes[id].textContent !== text) countNodes[id].textContent = text;
      });
      countNode.textContent = syllabusText("script.catalog.count", { count: shown });
      if (showButton) showButton.textContent = syllabusText("script.catalog.show", { count: shown });
      if (activeCount) {
        var picked = active.reduce(function (sum, f) { return sum + state.filters[FACETS[f]].length; }, 0);
        activeCount.textContent = picked ? syllabusText("script.catalog.selected", { count: picked }) : "";
      }
      emptyNode.hidden = shown !== 0;
      if (clearButton) clearButton.hidden = !active.length && !words.length;
      if (moreButton) {
        moreButton.hidden = shown <= limit;
        if (!moreButton.hidden) {  // hidden, its counts would be negative: "Show -23 more"
          moreButton.textContent = syllabusText("script.catalog.more",
            { count: Math.min(PAGE, shown - limit), shown: limit, total: shown });
        }
      }
    }

    function update(push) {
      var state = stateFromForm();
      limit = PAGE;
      var query = writeQuery(state);
      if (query !== location.search) {
        var url = location.pathname + query + location.hash;
        if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
      }
      apply(state);
    }

    form.addEventListener("change", function () { update(true); });
    // Typing filters at once; the address follows without a history entry per key.
    keywordInput.addEventListener("input", function () { update(false); });
    if (moreButton) moreButton.addEventListener("click", function () {
      var first = limit;
      limit += PAGE;
      apply(stateFromForm());
      remember();
      // Keyboard users continue at the first card just added.
      if (listed[first]) listed[first].querySelector("a").focus();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      // The button hides itself and would leave focus nowhere. Pressed from the keyboard,
      // focus goes where a new search starts; after a click or tap, to the count of results
      // (the search box would open a phone's keyboard over them).
      var fromKeyboard = document.activeElement === clearButton && clearButton.matches(":focus-visible");
      stateToForm({ sort: sortSelect.value, keywords: "", filters: {} });
      update(true);
      if (fromKeyboard) keywordInput.focus();
      else focusCount();
    });
    var clearLink = root.querySelector("[data-clear-link]");
    if (clearLink) clearLink.addEventListener("click", function (event) {
      event.preventDefault();
      stateToForm({ sort: sortSelect.value, keywords: "", filters: {} });
      update(true);
      form.querySelector("input, select").focus();
    });
    // The URL may name values no checkbox offers (a course was retired since the link
    // was shared): show what the form can express, and put that back in the URL.
    function restore() {
      stateToForm(readState(location.search));
      update(false);
      var kept = listedKept();
      if (kept > limit) {  // see remember()
        limit = kept;
        apply(stateFromForm());
      }
    }

    /* How many cards "Show more" listed for this address, kept for the tab's session: back
     * from a course opened from the longer list (or on reload) it is as long again, so the
     * browser (or instant navigation) puts the reader back at the card they left. In
     * sessionStorage, not history.state, which Material's instant navigation replaces. */
    function listedKey() { return "syllabus-listed:" + location.pathname + location.search; }
    function listedKept() {  // a whole number of cards, at most every course
      var kept;
      try { kept = sessionStorage.getItem(listedKey()) || ""; } catch (error) { return 0; }
      return /^[1-9][0-9]{0,6}$/.test(kept) ? Math.min(Number(kept), courses.length) : 0;
    }
    function remember() {
      try { sessionStorage.setItem(listedKey(), String(limit)); } catch (error) { /* storage off: not kept */ }
    }

    window.addEventListener("popstate", function () {
      if (document.body.contains(root)) restore();
    });
    restore();
  }

  var formatters = {};  // by kind and time zone: building one is slow

  /* A date ("date"), wall-clock time ("time") or both ("date_time") of an instant in a time
   * zone, as the build writes it (syllabus/core/locale_format.py): Intl in the site's
   * language, with the options the build derived from the same CLDR skeletons. plan.js
   * uses it too. */
  function syllabusFormat(kind, instant, zone) {
    if (kind === "date_time") {
      return join("date_time", syllabusFormat("time", instant, zone), syllabusFormat("date", instant, zone));
    }
    var key = kind + " " + zone;
    if (!formatters[key]) {
      var formats = pageMessages().formats;
      formatters[key] = new Intl.DateTimeFormat(formats.language, Object.assign({ timeZone: zone }, formats[kind]));
    }
    return formatters[key].format(instant);
  }
  window.syllabusFormat = syllabusFormat;

  // CLDR's joining patterns, as LocaleFormat.range and LocaleFormat.date_time use them.
  function join(kind, first, second) {
    return pageMessages().formats[kind].replace(/\{([01])\}/g, function (match, index) {
      return index === "0" ? first : second;
    });
  }

  // The zone's offset from UTC at an instant, as CLDR writes it short: "GMT+11" (utc_offset).
  function utcOffset(instant, zone) {
    var part = new Intl.DateTimeFormat("en", { timeZone: zone, timeZoneName: "shortOffset" }).formatToParts(instant)
      .filter(function (item) { return item.type === "timeZoneName"; })[0];
    return part ? part.value : "";
  }

  // LocaleFormat.session: the date once when the session ends the same day in `zone`, and
  // each end's offset when the clocks change in between (02:30 GMT+11 – 02:30 GMT+10).
  function formatSession(zone, start, end) {
    var startDate = syllabusFormat("date", start, zone), endDate = syllabusFormat("date", end, zone);
    var startTime = syllabusFormat("time", start, zone), endTime = syllabusFormat("time", end, zone);
    var startOffset = utcOffset(start, zone), endOffset = utcOffset(end, zone);
    if (startOffset !== endOffset) {
      startTime += " " + startOffset;
      endTime += " " + endOffset;
    }
    if (startDate === endDate) return join("date_time", join("range", startTime, endTime), startDate);
    return join("range", join("date_time", startTime, startDate), join("date_time", endTime, endDate));
  }

  var visitorZone, visitorZoneName;

  // The zone's name as the browser says it in the page's language ("Pacific Time", "日本時間"),
  // so a visitor on a VPN or travelling sees which clock "your time" is; else its IANA id.
  // A zone without a generic name (UTC: "GMT+00:00") goes by its long one ("Coordinated
  // Universal Time", "協定世界時") where that is a name.
  function zoneName(zone) {
    function named(style) {
      var parts = new Intl.DateTimeFormat(pageMessages().formats.language, { timeZone: zone, timeZoneName: style })
        .formatToParts(new Date());
      var name = parts.filter(function (part) { return part.type === "timeZoneName"; })[0];
      return name ? name.value : zone;
    }
    try {
      var generic = named("longGeneric");
      if (!/^GMT[+\-\u2212]/.test(generic)) return generic;
      var long = named("long");
      return /^GMT[+\-\u2212]/.test(long) ? generic : long;
    } catch (e) { return zone; }
  }

  // Session times: the visitor's own zone first, the organiser's below it, both in the
  // site's language; a session held in person keeps the venue's time first (as the build
  // wrote it) and adds the visitor's below it. Without this script the organiser's time is
  // all there is.
  function localiseSessions(scope) {
    if (!visitorZone) {
      try { visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
      visitorZoneName = zoneName(visitorZone);
    }
    Array.prototype.forEach.call(scope.querySelectorAll("time[data-start][data-zone]"), function (node) {
      if (node.dataset.localised) return;
      var start = new Date(node.dataset.start), end = new Date(node.dataset.end || node.dataset.start);
      if (isNaN(start.getTime()) || isNaN(end.getTime())) return;
      var primary = document.createElement("span");
      primary.className = "syllabus-time-primary";
      var secondary = null;
      if (node.dataset.zone !== visitorZone) {
        secondary = document.createElement("span");
        secondary.className = "syllabus-time-secondary";
      }
      try {
        var yours = syllabusText("script.session.your_time",
          { time: formatSession(visitorZone, start, end), zone: visitorZoneName });
        if ("venue" in node.dataset) {
          primary.textContent = node.textContent;
          if (secondary) secondary.textContent = yours;
        } else {
          primary.textContent = yours;
          if (secondary) secondary.textContent = syllabusText("script.session.organiser_time",
            { time: formatSession(node.dataset.zone, start, end), zone: node.dataset.zoneName || node.dataset.zone });
        }
      } catch (e) { return; }  // a zone this browser does not know: keep the organiser's label
      node.textContent = "";
      node.appendChild(primary);
      node.dataset.localised = "true";
      if (!secondary) return;
      // On its own line below the session's facts that follow the time (" · in Japanese"),
      // which would otherwise start a line of their own with their separator.
      var last = node;
      while (last.nextElementSibling && last.nextElementSibling.hasAttribute("data-session-fact")) {
        last = last.nextElementSibling;
      }
      if (last === node) node.appendChild(secondary);
      else last.after(secondary);
    });
  }

  function ended(node) {  // its last meeting is over (a cohort runs for weeks)
    var time = node && node.querySelector("time[data-over]");
    return !!time && new Date(time.dataset.over).getTime() < Date.now();
  }

  function begun(node) {  // its first meeting has started
    var time = node && node.querySelector("time[data-start]");
    return !!time && new Date(time.dataset.start).getTime() <= Date.now();
  }

  // Whether a card may show a session taught in ``language``: one in a language the visitor
  // filtered by or, unfiltered, one of the course's next few (``first``).
  function cardMayShow(languages, language, first) {
    return languages.length ? languages.indexOf(language) !== -1 : !!first;
  }

  /* A catalog card shows one session and carries more in a template: the course's next few,
   * and the next few in each language it is taught in (facets.card_sessions). It shows the
   * first not over in a language the visitor filtered by or, unfiltered, among the next
   * few; with none of those left it points to the course page (the on-demand alternative
   * stays), and with none at all of all the course's sessions (data-without-session), says
   * what the card of a course without one says. */
  function showCardSession(line, languages) {
    var when = line.querySelector("[data-card-when]");
    if (!when) return;
    if (!line.syllabusSessions) {
      var later = line.querySelector("template[data-later]");
      line.syllabusLabel = when.firstChild.textContent;
      line.syllabusShown = when.querySelector(".syllabus-card-session");
      line.syllabusSessions = [line.syllabusShown].concat(
        later ? Array.prototype.slice.call(later.content.querySelectorAll(".syllabus-card-session")) : []);
    }
    var left = line.syllabusSessions.filter(function (session) { return !ended(session); });
    var shown = left.filter(function (session) {
      return cardMayShow(languages, session.dataset.language, "first" in session.dataset);
    });
    // The next to start, as the course page's box offers it; one under way only if none is to come.
    var pick = shown.filter(function (session) { return !begun(session); })[0] || shown[0];
    var without = line.querySelector("template[data-without-session]");
    if (!left.length && without) {  // for good: the line has no [data-card-when] any more
      line.replaceChildren(without.content.cloneNode(true));
      return;
    }
    if (pick === line.syllabusShown && !(pick && begun(pick))) return;
    line.syllabusShown = pick;
    var label = pick && begun(pick) ? syllabusText("script.catalog.in_progress") + " " : line.syllabusLabel;
    if (pick) when.replaceChildren(label, pick.cloneNode(true));
    else when.textContent = syllabusText("script.catalog.dates_on_course");
  }

  /* Sessions that ended since the site was built (it is rebuilt daily): a course page's
   * list says so instead of offering to register, and one under way says it is in progress
   * (one may still join a cohort); its "next session" box moves to the next open one that
   * has not begun (else one under way, else the page's words for none left) and its "All N
   * dates" counts the rest, and the home page's list drops them (a catalog card:
   * showCardSession). Before localiseSessions, so a moved time is localised like the rest. */
  function retireEndedSessions(scope) {
    var open = [], running = [];
    Array.prototype.forEach.call(scope.querySelectorAll("li.syllabus-session"), function (item) {
      if (!ended(item)) {
        if (!item.classList.contains("syllabus-session--scheduled")) return;
        (begun(item) ? running : open).push(item);
        var when = item.querySelector(".syllabus-session-when");
        if (begun(item) && when && !when.querySelector("[data-in-progress]")) {
          var now = document.createElement("strong");
          now.className = "syllabus-session-now";
          now.dataset.inProgress = "";
          now.textContent = syllabusText("script.session.in_progress");
          when.prepend(now);
        }
        return;
      }
      item.classList.add("syllabus-session--ended");
      var actions = item.querySelector(".syllabus-session-actions");
      if (actions && !item.classList.contains("syllabus-session--cancelled")) {  // cancelled it stays
        var state = document.createElement("strong");
        state.className = "syllabus-state";
        state.textContent = syllabusText("script.session.ended");
        actions.replaceChildren(state);
      }
    });
    var when = scope.querySelector(".syllabus-cta-when");
    if (when && begun(when)) {
      var cta = when.parentNode;
      var next = open[0] || (ended(when) ? running[0] : null);
      if (next) {
        var register = cta.querySelector("a.md-button--primary");
        var nextRegister = next.querySelector(".syllabus-session-actions a.md-button--primary");
        when.querySelector("time").replaceWith(next.querySelector("time").cloneNode(true));
        // Its language, if not the course's, goes with it.
        Array.prototype.forEach.call(when.querySelectorAll("[data-session-fact]"), function (old) { old.remove(); });
        Array.prototype.forEach.call(next.querySelectorAll("[data-session-fact]"), function (fact) {
          when.appendChild(fact.cloneNode(true));
        });
        if (nextRegister && !register) {  // the built box's session took no registration; this one does
          register = document.createElement("a");
          register.className = "md-button md-button--primary";
          register.rel = "noopener";
          register.textContent = syllabusText("course.register_session");
          when.after(register);
        }
        if (nextRegister) register.href = nextRegister.href;
        else if (register) register.remove();
      } else if (ended(when)) {  // what the built page says when no session is open: the on-demand course, or so
        var without = cta.querySelector("template[data-without-session]");
        if (without) cta.replaceChildren(without.content.cloneNode(true));
      }
    }
    // A cohort that has begun is offered until it is over (one may still join), but it is no
    // longer "next": the box says it is in progress, when no other is to come.
    var label = scope.querySelector(".syllabus-cta-when .syllabus-cta-label");
    if (label && begun(label.parentNode)) label.textContent = syllabusText("script.session.in_progress");
    var allDates = scope.querySelector("a[data-all-dates]");
    if (allDates) {  // the sessions still coming, full and cancelled ones included, as the build counts
      var coming = scope.querySelectorAll("li.syllabus-session:not(.syllabus-session--ended)").length;
      allDates.textContent = syllabusText("course.all_dates", { count: coming });
    }
    // The home page lists the next few sessions and carries more, hidden: the first still coming.
    Array.prototype.forEach.call(scope.querySelectorAll(".syllabus-home-sessions"), function (list) {
      Array.prototype.slice.call(list.children).forEach(function (item) { if (ended(item)) item.remove(); });
      Array.prototype.forEach.call(list.children, function (item, index) {
        item.hidden = index >= Number(list.dataset.shown);
        var facts = item.querySelector(".syllabus-muted");
        if (begun(item) && facts && !facts.querySelector("[data-in-progress]")) {  // as the course page says
          var state = document.createElement("span");
          state.dataset.inProgress = "";
          state.textContent = " · " + syllabusText("script.session.in_progress");
          facts.appendChild(state);
        }
      });
      if (!list.children.length) list.closest("section").remove();
    });
  }

  // A session request's link ends with its (empty) time-zone value: append the visitor's
  // zone, so the issue form or email says where the session is wanted.
  function fillTimeZone(scope) {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (error) { return; }
    if (!zone) return;
    Array.prototype.forEach.call(scope.querySelectorAll("a[data-syllabus-timezone]"), function (link) {
      if (link.dataset.zoneFilled) return;
      link.href = link.getAttribute("href") + encodeURIComponent(zone);
      link.dataset.zoneFilled = "true";
    });
  }

  // Search entries on the home and 404 pages open Material's own search (header box).
  function connectSearchEntries(scope) {
    Array.prototype.forEach.call(scope.querySelectorAll("[data-search-entry]"), function (button) {
      button.addEventListener("click", function () {
        var toggle = document.querySelector("input[data-md-toggle=search]");
        var input = document.querySelector("input.md-search__input");
        if (toggle && !toggle.checked) toggle.click();
        if (input) input.focus();
      });
    });
  }

  // Material's search dialog has no accessible name (axe: aria-dialog-name).
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
      dialog.setAttribute("aria-label", syllabusText("script.search.dialog"));
    }
  }

  // On a phone the theme's navigation is a drawer pushed off screen, whose links Tab still
  // walked through while it was closed: out of reach until opened (inert), and Escape closes it.
  var DRAWER_MEDIA = window.matchMedia("(max-width: 76.234375em)");  // the theme's drawer width

  // The header's menu button is the theme's label, which takes no focus and may carry no role
  // nor name: a button with the label's icon, named as header.html says, takes its place. It
  // says whether the drawer is open, focus moves into the drawer and, with Escape, back.
  function syncDrawer() {
    var toggle = document.getElementById("__drawer");
    var drawer = document.querySelector(".md-sidebar--primary");
    var button = document.querySelector("button[data-drawer-button]");
    if (toggle && drawer) drawer.inert = DRAWER_MEDIA.matches && !toggle.checked;
    if (toggle && button) button.setAttribute("aria-expanded", String(toggle.checked));
    if (drawer) syncDrawerLevels(drawer);
  }

  // In the drawer each section of the navigation, and the current page's table of contents,
  // is a level that slides over the one above it, opened and closed by labels that take no
  // focus (Material renders sections as headings on wide screens): Tab reached no section and
  // walked into closed levels off screen. On a phone the labels are buttons, named by the
  // section's page where they show only an icon (navigation.indexes), and only the open level
  // (the deepest) can be reached. The drawer's own title (__drawer) is no level.
  var DRAWER_LEVEL_LABELS = "label.md-nav__link[for]:not([for='__drawer']), " +
    "label.md-nav__title[for]:not([for='__drawer'])";
  var KEPT_TABINDEX = "data-syllabus-tabindex";  // the theme's own, put back on a wide screen
  var NO_TABINDEX = "none";  // kept for a label the theme renders without one
  // Below this width the drawer shows the current page's table of contents as a level of its
  // own; above it (a tablet across), the contents stand beside the page and their level is
  // not drawn: a level checked but not drawn is no open level.
  var CONTENTS_IN_DRAWER = window.matchMedia("(max-width: 59.984375em)");

  function syncDrawerLevels(drawer) {
    var phone = DRAWER_MEDIA.matches;
    Array.prototype.forEach.call(drawer.querySelectorAll("[data-syllabus-inert]"), function (hidden) {
      hidden.inert = false;
      hidden.removeAttribute("data-syllabus-inert");
    });
    Array.prototype.forEach.call(drawer.querySelectorAll(DRAWER_LEVEL_LABELS), function (label) {
      var toggle = document.getElementById(label.htmlFor);
      if (phone) {
        if (!label.hasAttribute(KEPT_TABINDEX)) {
          label.setAttribute(KEPT_TABINDEX, label.hasAttribute("tabindex") ? label.getAttribute("tabindex") : NO_TABINDEX);
        }
        label.tabIndex = 0;
        label.setAttribute("role", "button");
        label.setAttribute("aria-expanded", String(Boolean(toggle && toggle.checked)));
        var page = !label.textContent.trim() && label.parentElement.querySelector(":scope > a");
        if (page) label.setAttribute("aria-label", page.textContent.trim());
      } else if (label.hasAttribute(KEPT_TABINDEX)) {
        var kept = label.getAttribute(KEPT_TABINDEX);
        if (kept === NO_TABINDEX) label.removeAttribute("tabindex");
        else label.setAttribute("tabindex", kept);
        ["role", "aria-expanded", "aria-label", KEPT_TABINDEX].forEach(function (name) { label.removeAttribute(name); });
      }
    });
    if (!phone) return;
    var open = Array.prototype.map.call(drawer.querySelectorAll("input.md-nav__toggle:checked"), levelOf)
      .filter(function (level) { return level && level.getClientRects().length > 0; });
    // Everything but the open level and the elements holding it: the levels above, covered.
    for (var node = open[open.length - 1]; node && node !== drawer; node = node.parentElement) {
      Array.prototype.forEach.call(node.parentElement.children, function (sibling) {
        if (sibling !== node) cover(sibling);
      });
    }
    Array.prototype.forEach.call(drawer.querySelectorAll("input.md-nav__toggle:not(:checked)"), function (toggle) {
      var closed = levelOf(toggle);
      if (closed) cover(closed);
    });
  }

  // The level a toggle of the drawer opens: its <nav> beside it.
  function levelOf(toggle) {
    return toggle.parentElement.querySelector(":scope > nav.md-nav");
  }

  // Out of reach while its level is covered or closed; syncDrawerLevels lets it back first.
  function cover(element) {
    if (element.inert) return;  // the theme's own, or covered already
    element.inert = true;
    element.setAttribute("data-syllabus-inert", "");
  }

  // After a level opened or closed: the label that closes it again, or the one that opened it.
  function levelLabel(toggle) {
    var level = levelOf(toggle);
    return toggle.checked
      ? level && level.querySelector(":scope > label.md-nav__title")
      : toggle.parentElement.querySelector(":scope > label.md-nav__link, :scope > div > label.md-nav__link");
  }

  function focusLevel(toggle) {
    var label = levelLabel(toggle);
    if (label) label.focus({ preventScroll: true });  // a scroll would carry the sliding level away
  }

  // A level opened or closed from the keyboard, or by a click that left focus on a label now
  // covered: focus follows. Keys are handled before anything else sees them: the theme clicks
  // a focused label on Enter itself, which would toggle the level twice.
  function connectDrawerLevels(toggle) {
    document.addEventListener("keydown", function (event) {
      var label = event.target instanceof Element && event.target.closest("[role=button]");
      if (!label || !label.matches(DRAWER_LEVEL_LABELS) || (event.key !== "Enter" && event.key !== " ")) return;
      event.preventDefault();
      event.stopPropagation();
      var level = document.getElementById(label.htmlFor);
      label.click();  // toggles the level, whose change event syncs the drawer (below)
      if (level) focusLevel(level);
    }, true);
    document.addEventListener("change", function (event) {
      var level = event.target;
      if (!(level instanceof Element) || !level.matches(".md-sidebar--primary input.md-nav__toggle")) return;
      syncDrawer();
      var focused = document.activeElement;
      if (toggle.checked && DRAWER_MEDIA.matches && (!focused || focused === document.body || focused.closest("[inert]"))) {
        focusLevel(level);
      }
    });
    // Tab past the open drawer's last link went on behind it, into the covered page.
    document.addEventListener("focusout", function (event) {
      var drawer = document.querySelector(".md-sidebar--primary");
      var to = event.relatedTarget;
      if (!drawer || !toggle.checked || !DRAWER_MEDIA.matches || !drawer.contains(event.target)
          || !(to instanceof Element) || drawer.contains(to) || to.matches("[data-drawer-button]")) return;
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    });
  }

  function drawerButton(toggle) {
    var label = document.querySelector("label[data-drawer-button]");
    if (!label) return null;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.setAttribute("data-drawer-button", "");
    button.setAttribute("aria-label", label.getAttribute("data-drawer-name") || "");
    while (label.firstChild) button.appendChild(label.firstChild);
    label.replaceWith(button);
    button.addEventListener("click", function () {
      toggle.checked = !toggle.checked;
      toggle.dispatchEvent(new Event("change"));
      var drawer = toggle.checked && document.querySelector(".md-sidebar--primary");
      var first = drawer && Array.prototype.find.call(drawer.querySelectorAll("a[href], [role=button]"),
        function (stop) { return !stop.closest("[inert]"); });
      if (first) first.focus();
    });
    return button;
  }

  function connectDrawer() {
    var toggle = document.getElementById("__drawer");
    if (!toggle) return;
    var button = drawerButton(toggle);
    connectDrawerLevels(toggle);
    toggle.addEventListener("change", syncDrawer);
    DRAWER_MEDIA.addEventListener("change", syncDrawer);
    CONTENTS_IN_DRAWER.addEventListener("change", syncDrawer);
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !toggle.checked) return;
      var inside = document.activeElement && document.activeElement.closest(".md-sidebar--primary");
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
      if (inside && button) button.focus();
    });
  }

  // A table wider than the page scrolls inside the theme's wrapper, and a chart inside its
  // figure, which the keyboard could not reach in every browser (axe: scrollable-region-
  // focusable, at 320 px): while it overflows, it takes focus as a region named for what it is.
  // A code block takes focus as the theme's own script makes it do, but on touch screens too
  // (the theme's only where the pointer hovers: a phone or tablet with a keyboard could not
  // scroll one).
  var TABLE_SCROLLER = ".md-typeset__scrollwrap", CODE_SCROLLER = ".md-typeset pre > code";
  var SCROLLERS = [TABLE_SCROLLER, ".syllabus-chart", CODE_SCROLLER].join(", ");
  var scrollers = window.ResizeObserver && new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { markScroller(entry.target); });
  });

  function scrollerName(wrapper) {
    var title = wrapper.matches(TABLE_SCROLLER) ? null : wrapper.querySelector("svg > title");
    if (title) return syllabusText("script.chart.scrolls", { title: title.textContent });
    // Numbered among the page's tables: two regions of one name are one landmark to a reader.
    var number = Array.prototype.indexOf.call(document.querySelectorAll(TABLE_SCROLLER), wrapper) + 1;
    return syllabusText("script.table.scrolls", { number: number });
  }

  function markScroller(wrapper) {
    var overflows = wrapper.scrollWidth > wrapper.clientWidth + 1;
    if (wrapper.matches(CODE_SCROLLER)) {
      if (overflows) wrapper.tabIndex = 0;
      else wrapper.removeAttribute("tabindex");
    } else if (overflows) {
      wrapper.tabIndex = 0;
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", scrollerName(wrapper));
    } else if (wrapper.getAttribute("role") === "region") {
      wrapper.removeAttribute("tabindex");
      wrapper.removeAttribute("role");
      wrapper.removeAttribute("aria-label");
    }
  }

  function connectScrollers(root) {
    if (!scrollers) return;
    scrollers.disconnect();  // the previous page's, replaced by instant navigation
    // The theme wraps tables once it has mounted the page, after this script's turn.
    requestAnimationFrame(function () {
      Array.prototype.forEach.call(root.querySelectorAll(SCROLLERS), function (wrapper) {
        scrollers.observe(wrapper);  // reported at once, then on every change of size
      });
    });
  }

  function init() {
    syncDrawer();  // instant navigation closes the drawer without a change event
    connectScrollers(document);
    nameSearchDialog();
    connectSearchEntries(document);
    Array.prototype.forEach.call(document.querySelectorAll("[data-syllabus-catalog]"), initCatalog);
    retireEndedSessions(document);
    localiseSessions(document);
    fillTimeZone(document);
    personalisePlans(document);
  }

  // plan.js, which only plan pages use, is fetched when the first one is shown (instant
  // navigation may reach it from any page): the page names it with its digest, and it lies
  // beside this script, whose address does not change as instant navigation moves on.
  var here = document.currentScript.src;
  var planScript = null;
  function personalisePlans(root) {
    var plan = root.querySelector("[data-plan-script]");
    if (!plan) return;
    if (window.syllabusPlan) {
      window.syllabusPlan(root);
    } else if (!planScript) {
      planScript = document.createElement("script");
      planScript.src = new URL(plan.getAttribute("data-plan-script"), here).href;
      planScript.onload = function () { window.syllabusPlan(document); };  // the page shown by then
      document.head.appendChild(planScript);
    }
  }

  // Material's instant navigation swaps pages without a reload and announces each one
  // through document$; without it, run once when the DOM is ready. Opened from files (the
  // offline plugin's site), instant navigation never starts and document$ never announces
  // a page: every page is a load of its own there.
  connectDrawer();
  if (location.protocol !== "file:" && window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
