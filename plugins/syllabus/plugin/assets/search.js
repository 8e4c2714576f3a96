/* Site search: Material's header search box and result list, answered by Pagefind.
 *
 * Pagefind's index is split into small chunks that are fetched for the words typed, so a
 * visitor downloads a few kilobytes per query instead of the whole index. The engine
 * (pagefind/pagefind.js, its WebAssembly and the index's page list) starts once the page
 * is idle, or when the search box is first touched if that comes sooner, so the first
 * query does not wait for it. Results are built as DOM nodes: titles and excerpts are content, so only
 * their text and Pagefind's <mark> highlights are ever put into the page.
 */
(() => {
  "use strict";

  const box = document.querySelector("[data-syllabus-search]");
  const configElement = document.getElementById("__config");
  if (!box || !configElement) return;

  const config = JSON.parse(configElement.textContent);
  const site = new URL(config.base, location.href); // the site's root, whatever page this is
  const bundle = new URL("pagefind/", site);
  const toggle = document.getElementById("__search");
  const form = box.querySelector("[data-syllabus-search-form]");
  const input = box.querySelector("[data-syllabus-search-input]");
  const status = box.querySelector("[data-syllabus-search-status]");
  const list = box.querySelector("[data-syllabus-search-results]");
  const filterBar = box.querySelector("[data-syllabus-search-filters]");
  const words = config.translations;
  const siteLanguage = box.dataset.siteLanguage || "en";

  const PAGE_OF_RESULTS = 20; // shown at a time; a button below them shows the next ones
  const FIRST_BATCH = 5; // results fetched and shown before the rest of the first page
  const MAX_SECTIONS = 3; // headings shown under a page, as Material does
  const DEBOUNCE_MS = 60; // a query per pause in typing, not per key
  // Facets of the catalog, in the order shown (syllabusSearchFacets); their values are written on
  // each page as data-pagefind-filter (see the page templates), their titles are the texts script.facet.<key>.
  const text = window.syllabusText; // syllabus.js, loaded first: the texts in the site's language

  let engine = null;

  /* Pagefind searches one index per language, all with the first one's query rules: its
   * stemmer, which the other indexes' words were stemmed with too if they share the
   * language. The first is the stemmed language with the most pages, the site's on a tie
   * (a Japanese site's English courses: "installing" finds "install", as Japanese has no
   * stemmer and every index segments Japanese words alike; a German site of English
   * courses: "install" found 7 of their 17 pages read with German rules), never the
   * page's: the same query finds the same pages everywhere. The build indexes the pages of
   * any other stemmed language under this one (site_search.py: its primary_language picks it
   * as this does), so no index holds stems the query is not cut to. Pagefind takes the
   * language from <html lang> when it starts, so <html lang> holds it for that moment. The
   * other indexes are merged in, named by the bundle's absolute URL (Pagefind skips a merge
   * whose path starts like the primary bundle's). */
  function load() {
    if (engine) return engine;
    engine = (async () => {
      const [pagefind, entry] = await Promise.all([
        import(new URL("pagefind.js", bundle).href),
        fetch(new URL("pagefind-entry.json", bundle)).then((response) => response.json()),
      ]);
      const languages = entry.languages;
      const primary = primaryLanguage(Object.keys(languages), languages);
      await pagefind.options({ baseUrl: site.pathname });
      const root = document.documentElement;
      const pageLanguage = root.getAttribute("lang");
      root.setAttribute("lang", primary);
      const started = pagefind.init(); // reads <html lang> before its first await
      root.setAttribute("lang", pageLanguage);
      await started;
      await Promise.all(Object.keys(languages).filter((language) => language !== primary)
        .map((language) => pagefind.mergeIndex(bundle.href, { language, baseUrl: site.pathname })));
      return pagefind;
    })();
    return engine;
  }

  /* The index whose rules read every query: the stemmed language with the most pages (the
   * site's language, or its base language, first among equals), else the site's. */
  function primaryLanguage(codes, languages) {
    const own = siteLanguage.toLowerCase();
    const site = [own, own.split("-")[0]].find((code) => codes.includes(code));
    const byPages = (a, b) => languages[b].page_count - languages[a].page_count
      || (b === site) - (a === site) || (a < b ? -1 : 1);
    const stemmed = codes.filter((code) => languages[code].wasm).sort(byPages);
    return stemmed[0] || site || codes.sort(byPages)[0];
  }

  /* The facet pickers, made once, after the first results are shown. */
  function showFilters(available) {
    if (filterBar.children.length) return;
    for (const key of window.syllabusSearchFacets()) {
      const values = window.syllabusFacetOrder(key, Object.keys(available[key] || {}));
      if (values.length < 2) continue; // nothing to narrow down
      const field = document.createElement("label");
      field.className = "syllabus-search-filter";
      field.append(text("script.facet." + key) + " ");
      const select = document.createElement("select");
      select.dataset.facet = key;
      const all = new Option(text("script.search.all"), "");
      select.append(all);
      for (const value of values) {
        const option = new Option(key === "language" ? window.syllabusLanguageName(value) : value, value);
        select.append(option);
      }
      select.addEventListener("change", () => search(input.value));
      field.append(select);
      filterBar.append(field);
    }
    filterBar.hidden = !filterBar.children.length;
  }

  function chosenFilters() {
    const filters = {};
    for (const select of filterBar.querySelectorAll("select")) {
      if (select.value) filters[select.dataset.facet] = select.value;
    }
    return filters;
  }

  /* An excerpt as text and <mark> highlights. Pagefind writes the page's text with < and >
   * escaped and wraps matches in <mark>; nothing else in it is markup, so it is split, not
   * parsed, and only ever becomes text nodes. */
  function highlighted(excerpt) {
    const fragment = document.createDocumentFragment();
    let marked = false;
    for (const part of (excerpt || "").split(/(<\/?mark>)/)) {
      if (part === "<mark>" || part === "</mark>") {
        marked = part === "<mark>";
        continue;
      }
      const text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      if (!marked) {
        fragment.append(text);
        continue;
      }
      const mark = document.createElement("mark");
      mark.textContent = text;
      fragment.append(mark);
    }
    return fragment;
  }

  function article(heading, title, excerpt, course, language) {
    const element = document.createElement("article");
    element.className = "md-search-result__article md-typeset";
    if (heading === "h1") {
      element.classList.add("md-search-result__article--document");
      const icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      element.append(icon);
    }
    const titleElement = document.createElement(heading);
    titleElement.textContent = title; // titles and meta are plain text
    element.append(titleElement);
    if (course) {
      const context = document.createElement("p");
      context.className = "syllabus-search-course";
      context.textContent = course;
      element.append(context);
    }
    const text = document.createElement("p");
    text.append(highlighted(excerpt));
    element.append(text);
    if (language) {
      element.lang = language;
      element.dir = "auto"; // a result in Arabic or Hebrew reads right to left, by its own text
    }
    return element;
  }

  function link(url, child) {
    const anchor = document.createElement("a");
    anchor.className = "md-search-result__link";
    anchor.href = url;
    anchor.append(child);
    return anchor;
  }

  function resultItem(data) {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const language = (data.filters.language || [])[0];
    item.append(link(data.url, article("h1", data.meta.title, data.excerpt, data.meta.course, language)));
    // Not the page itself again: its top, or the section of its own title (the h1 has an id).
    const sections = (data.sub_results || []).filter((section) => section.url !== data.url
      && !(section.url.split("#")[0] === data.url && section.title === data.meta.title));
    for (const section of sections.slice(0, MAX_SECTIONS)) {
      item.append(link(section.url, article("h2", section.title, section.excerpt, "", language)));
    }
    return item;
  }

  function announce(count) {
    if (count === 0) status.textContent = words["search.result.none"];
    else if (count === 1) status.textContent = words["search.result.one"];
    else status.textContent = words["search.result.other"].replace("#", String(count));
  }

  let latest = 0;
  // Opened from files (Material's offline plugin): a browser fetches nothing of the index
  // there, so the search says where it works instead of failing on every key.
  const served = location.protocol !== "file:";

  async function search(query) {
    const ticket = ++latest;
    if (!query.trim()) {
      list.replaceChildren();
      list.removeAttribute("aria-busy");
      status.textContent = words["search.result.placeholder"];
      return;
    }
    if (!served) {
      status.textContent = text("script.search.needs_server");
      return;
    }
    let pagefind;
    try {
      pagefind = await load();
    } catch (error) {
      engine = null; // try again with the next key
      if (ticket === latest) status.textContent = text("script.search.unavailable");
      return;
    }
    // In NFKC: letters typed full-width on a Japanese keyboard ("ｂａｔｃｈ") are the words the pages write.
    const found = await pagefind.debouncedSearch(query.normalize("NFKC"), { filters: chosenFilters() }, DEBOUNCE_MS);
    if (found === null || ticket !== latest) return; // a newer query replaced this one
    // Each result's text is a fetch of its own: the first few are shown as soon as they
    // arrive, with the count (never the placeholder over results), the rest appended after;
    // the list is busy until then.
    const wanted = found.results.slice(0, PAGE_OF_RESULTS);
    list.setAttribute("aria-busy", "true");
    let shown = false;
    for (const batch of [wanted.slice(0, FIRST_BATCH), wanted.slice(FIRST_BATCH)]) {
      const pages = await Promise.all(batch.map((result) => result.data()));
      if (ticket !== latest) return;
      const items = pages.map(resultItem);
      if (shown) list.append(...items);
      else list.replaceChildren(...items);
      if (!shown) announce(found.results.length);
      shown = true;
    }
    if (!found.results.length && Object.keys(chosenFilters()).length) list.replaceChildren(clearFilters());
    else if (found.results.length > wanted.length) list.append(moreResults(found.results, wanted.length, ticket));
    list.removeAttribute("aria-busy");
    if (filterBar.hidden) pagefind.filters().then(showFilters);
  }

  /* More results than are shown: a button that shows the next page of them in its place,
   * and moves focus to the first of them, where a keyboard user reads on. */
  function moreResults(results, from, ticket) {
    const item = document.createElement("li");
    item.className = "md-search-result__item syllabus-search-more md-typeset"; // md-typeset: the button looks like one
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    const next = results.slice(from, from + PAGE_OF_RESULTS);
    button.textContent = text("script.search.more", { count: next.length, shown: from, total: results.length });
    button.addEventListener("click", async () => {
      button.disabled = true;
      list.setAttribute("aria-busy", "true");
      const pages = await Promise.all(next.map((result) => result.data()));
      if (ticket !== latest) return; // a newer query replaced the list
      const items = pages.map(resultItem);
      const shown = from + next.length;
      item.replaceWith(...items, ...(results.length > shown ? [moreResults(results, shown, ticket)] : []));
      list.removeAttribute("aria-busy");
      items[0].querySelector(".md-search-result__link").focus();
    });
    item.append(button);
    return item;
  }

  /* Nothing found with filters chosen: say so, and offer to search without them. */
  function clearFilters() {
    const item = document.createElement("li");
    item.className = "md-search-result__item syllabus-search-clear md-typeset";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = text("script.search.clear_filters");
    button.addEventListener("click", () => {
      for (const select of filterBar.querySelectorAll("select")) select.value = "";
      input.focus();
      search(input.value);
    });
    item.append(button);
    return item;
  }

  function open() {
    input.focus(); // opens the dialog (see the focus handler)
    input.select();
  }

  /* Closed with Escape, focus goes back where it was when the dialog opened (the home page's
   * search button, a link), so that a keyboard user goes on from there, not from the top. */
  let opener = null;

  function close(restoreFocus = false) {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    if (!box.contains(document.activeElement)) return;
    if (restoreFocus && opener instanceof HTMLElement && opener.isConnected) opener.focus();
    else document.activeElement.blur(); // "/" opens it again
  }

  /* Whether the visitor asked to save data or is on a 2G connection, as far as the browser
   * says (a getter that throws, or odd values, say no). */
  function savingData() {
    try {
      const connection = navigator.connection || {};
      return connection.saveData === true || String(connection.effectiveType || "").endsWith("2g");
    } catch {
      return false;
    }
  }

  function typing(target) {
    return target instanceof HTMLElement &&
      (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName));
  }

  /* Focus moves from the box through the result links, and the buttons under them (more
   * results, search without filters), with the arrow keys, as in Material. */
  function moveFocus(step) {
    const stops = [input, ...list.querySelectorAll(".md-search-result__link, .md-search-result__item button")];
    const index = stops.indexOf(document.activeElement);
    stops[(Math.max(index, 0) + step + stops.length) % stops.length].focus();
  }

  input.addEventListener("input", () => search(input.value));
  const warm = () => served && load().catch(() => { engine = null; }); // a failure shows when a query needs it
  for (const touched of ["focus", "pointerdown"]) input.addEventListener(touched, warm, { once: true });
  input.addEventListener("focus", (event) => { // as in Material: the box in the header opens the dialog
    if (!box.contains(event.relatedTarget)) opener = event.relatedTarget;
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
  });
  // Ready before the first query (the engine, fetched once), unless the visitor asked to save data or is
  // on a slow connection: then the engine comes when the box is first touched.
  if (!savingData()) addEventListener("load", () => (window.requestIdleCallback || setTimeout)(warm), { once: true });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector(".md-search-result__link");
    if (first) first.click();
  });
  form.addEventListener("reset", () => {
    list.replaceChildren();
    status.textContent = words["search.result.placeholder"];
    input.focus();
  });
  /* Closed, nothing of the dialog but the box takes focus: Tab goes from the header to the
   * page, not through invisible filters and results. Open, focus leaving it for the page
   * closes it, so Tab never walks the page under an open dialog. */
  const output = box.querySelector(".md-search__output");
  const syncOutput = () => { output.inert = !toggle.checked; };
  syncOutput();
  toggle.addEventListener("change", () => {
    syncOutput();
    if (toggle.checked) input.focus();
  });
  box.addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    if (toggle.checked && next instanceof Node && !box.contains(next)) close();
  });
  list.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a")) close();
  });

  // Material's shortcuts: f, s or / open search; Escape closes it.
  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (!toggle.checked) {
      if (["f", "s", "/"].includes(event.key) && !typing(event.target)) {
        event.preventDefault();
        open();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") &&
               (document.activeElement === input || list.contains(document.activeElement))) {
      event.preventDefault();
      moveFocus(event.key === "ArrowDown" ? 1 : -1);
    }
  });
})();
