"""Site search in the browser: Material's header box answered by Pagefind.

Exact English and Japanese titles (of courses and of units) find their pages from a page in
either language; a facet narrows the results; draft and internal courses are never found;
the keyboard shortcut, arrow keys and Escape work as in Material; content in results never
runs (``window.alert`` is hooked before any script of the page).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from ..conftest import REPO, CatalogDir, build_site, course_data
from .conftest import open_page, serve

STATUS = "[data-syllabus-search-status]"
LIST = "[data-syllabus-search-results]"
RESULTS = ".md-search-result__item > .md-search-result__link:first-child"  # a page; sections follow it
LINKS = ".md-search-result__link"
FILTERS = "[data-syllabus-search-filters]"


def course(course_id: str) -> dict[str, Any]:
    return yaml.safe_load((REPO / "courses" / course_id / "course.yml").read_text(encoding="utf-8"))


def answered(page: Any) -> None:
    """Wait for the count to be announced and every result to be in the list."""
    expect(page.locator(STATUS)).to_have_text(re.compile(r"matching document"), timeout=20_000)
    expect(page.locator(LIST)).not_to_have_attribute("aria-busy", "true")


def search(page: Any, query: str) -> list[dict[str, str]]:
    """Open search with its shortcut, type ``query``, wait for the announcement; returns
    each top-level result's site path, title, course line and language."""
    page.locator("body").press("/")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    page.evaluate(f"document.querySelector('{STATUS}').textContent = ''")
    box.fill(query)
    answered(page)
    return page.locator(RESULTS).evaluate_all("""links => links.map(link => ({
        path: new URL(link.href).pathname,
        title: link.querySelector("h1").textContent,
        course: (link.querySelector(".syllabus-search-course") || {}).textContent || "",
        lang: link.querySelector("article").lang,
    }))""")


def paths(results: list[dict[str, str]]) -> list[str]:
    return [result["path"] for result in results]


JA = course("keystone-101-ja")
ADMIN = course("admin-essentials")
TITLES = [
    # (query, page it must find, course the result names)
    (JA["units"][1]["title"], "/courses/keystone-101-ja/first-search/", JA["title"]),  # はじめての検索
    (JA["units"][3]["title"], "/courses/keystone-101-ja/code-navigation/", JA["title"]),  # 定義へ移動と参照の検索
    (JA["title"], "/courses/keystone-101-ja/", ""),
    (ADMIN["title"], "/courses/admin-essentials/", ""),
    (ADMIN["units"][2]["title"], "/courses/admin-essentials/authentication/", ADMIN["title"]),  # Single sign-on
]


@pytest.mark.parametrize("start", ["", "courses/keystone-101-ja/"], ids=["from-english-page", "from-japanese-page"])
@pytest.mark.parametrize(("query", "expected", "course_title"), TITLES, ids=[t[1] for t in TITLES])
def test_exact_titles_find_their_pages(page: Any, example_site: str, start: str, query: str, expected: str,
                                       course_title: str) -> None:
    page.goto(example_site + start)
    results = search(page, query)
    assert expected in paths(results)[:3], results[:5]
    found = next(r for r in results if r["path"] == expected)
    assert found["course"] == course_title
    # Its sections follow it, not its own title again (the section of its h1).
    sections = page.locator(f"{RESULTS}[href$='{expected}'] ~ {LINKS} h2").all_text_contents()
    assert found["title"] not in sections
    assert found["lang"] == ("ja" if "-ja/" in expected else "en")


def test_letters_typed_full_width_find_what_they_spell(page: Any, example_site: str) -> None:
    """A Japanese keyboard types "ｂｏｏｔｃａｍｐ"; it found nothing. Each query on a page of
    its own: a second query in one page was read while its results were still coming."""
    found = []
    for query in ("ｂｏｏｔｃａｍｐ", "bootcamp"):
        page.goto(example_site)
        found.append(paths(search(page, query)))
    assert found[0] == found[1] != []


def test_language_facet_keeps_only_japanese_pages(page: Any, example_site: str) -> None:
    page.goto(example_site)
    everything = search(page, "Keystone")
    assert {"en", "ja"} <= {r["lang"] for r in everything}
    language = page.locator("select[data-facet=language]")
    expect(language.locator("option[value=ja]")).to_have_text("Japanese")  # as the catalog's facet names it
    page.evaluate(f"document.querySelector('{STATUS}').textContent = ''")
    language.select_option("ja")
    answered(page)
    japanese = page.locator(RESULTS).evaluate_all("links => links.map(link => link.querySelector('article').lang)")
    assert japanese and set(japanese) == {"ja"}


def test_filters_list_their_values_in_the_catalogs_order(page: Any, example_site: str) -> None:
    """They were sorted by text: "Advanced, Beginner, Intermediate"; the taxonomy's order is
    the catalog page's (levels lowest first)."""
    page.goto(example_site)
    search(page, "Keystone")
    expect(page.locator("select[data-facet=level] option")).to_have_count(4)  # built after the results
    expect(page.locator("select[data-facet=role] option")).to_have_count(5)
    levels = page.locator("select[data-facet=level] option").all_text_contents()
    assert levels == ["All", "Beginner", "Intermediate", "Advanced"]
    roles = page.locator("select[data-facet=role] option").all_text_contents()
    assert roles == ["All", "Administrator", "End user", "Power user", "Engineering manager"]
    # A title as Pagefind keeps it, its spaces collapsed, is in its place too.
    assert page.evaluate("window.syllabusFacetOrder('role', ['Power user', 'End  user ', 'Zed', 'Administrator'])") \
        == ["Administrator", "End  user ", "Power user", "Zed"]


def test_level_facet_restricts_results(page: Any, example_site: str) -> None:
    page.goto(example_site)
    before = search(page, "Keystone")
    page.evaluate(f"document.querySelector('{STATUS}').textContent = ''")
    page.locator("select[data-facet=level]").select_option("Advanced")
    answered(page)
    after = page.locator(RESULTS).evaluate_all("links => links.map(link => new URL(link.href).pathname)")
    assert after and set(after) < set(paths(before)) | set(after) and len(after) < len(before)
    assert "/courses/keystone-101/" not in after  # a beginner course


def test_nothing_found_with_filters_offers_to_search_without_them(page: Any, example_site: str) -> None:
    page.goto(example_site)
    everything = search(page, "Keystone")
    page.evaluate(f"document.querySelector('{STATUS}').textContent = ''")
    page.locator("select[data-facet=language]").select_option("ja")
    page.locator("select[data-facet=level]").select_option("Advanced")  # Keystone 101 in Japanese is a beginner's
    answered(page)
    expect(page.locator(STATUS)).to_have_text("No matching documents")
    clear = page.get_by_role("button", name="Nothing matches with these filters: search without them")
    page.evaluate(f"document.querySelector('{STATUS}').textContent = ''")
    clear.click()
    answered(page)
    expect(page.locator("input.md-search__input")).to_be_focused()
    assert page.locator(f"{FILTERS} select").evaluate_all("selects => selects.map(s => s.value)") == [""] * len(
        page.locator(f"{FILTERS} select").all())
    assert len(page.locator(RESULTS).all()) == len(everything)


@pytest.mark.parametrize("course_id", ["ai-assist-preview", "partner-demo-environments"])
def test_draft_and_internal_courses_are_never_found(page: Any, example_site: str, course_id: str) -> None:
    hidden = course(course_id)
    assert hidden.get("status") == "draft" or hidden["visibility"] == "internal"
    page.goto(example_site)
    for query in (hidden["title"], course_id):
        page.locator("body").press("/")
        page.evaluate(f"document.querySelector('{STATUS}').textContent = ''")
        page.locator("input.md-search__input").fill(query)
        answered(page)
        found = page.locator(RESULTS).evaluate_all("links => links.map(link => new URL(link.href).pathname)")
        assert not [p for p in found if course_id in p]
        page.keyboard.press("Escape")


def test_keyboard_opens_moves_through_and_closes_search(page: Any, example_site: str) -> None:
    page.goto(example_site + "catalog/")
    search(page, "Keystone")
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("ArrowDown")
    first = page.locator(LINKS).first
    expect(first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator(LINKS).nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(first).to_be_focused()
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    expect(page.locator(STATUS)).to_have_attribute("aria-live", "polite")


def focused_in(page: Any, selector: str) -> bool:
    return page.evaluate(f"!!document.activeElement.closest({selector!r})")


@pytest.mark.parametrize("width", [390, 1366])
def test_tab_through_the_header_opens_search_and_leaving_it_closes_it(browser: Any, example_site: str,
                                                                        width: int) -> None:
    with open_page(browser, viewport={"width": width, "height": 844}) as page:
        page.goto(example_site + "courses/admin-essentials/")
        for _ in range(40):  # from the top of the page into the search box
            page.keyboard.press("Tab")
            if focused_in(page, "input.md-search__input"):
                break
        else:
            raise AssertionError("Tab never reached the search box")
        assert page.evaluate("document.getElementById('__search').checked")
        for _ in range(10):  # through the empty dialog and out of it
            page.keyboard.press("Tab")
            if not focused_in(page, "[data-syllabus-search]"):
                break
        assert not page.evaluate("document.getElementById('__search').checked")  # the page is not dimmed
        assert not focused_in(page, "[data-syllabus-search]")


def test_after_escape_tab_skips_the_hidden_results_and_slash_opens_search_again(page: Any, example_site: str) -> None:
    page.goto(example_site + "catalog/")
    search(page, "Keystone")
    page.locator(f"{FILTERS} select").first.focus()  # Escape from a filter of the results
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert not focused_in(page, "[data-syllabus-search]")
    page.keyboard.press("/")  # focus left the dialog for the page itself, where the shortcut works
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.press("Escape")
    for _ in range(5):
        page.keyboard.press("Tab")
        assert not focused_in(page, ".md-search__output")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    assert page.evaluate("document.getElementById('__search').checked")


@pytest.mark.parametrize("close", ["Escape", "back arrow"])
def test_closing_search_on_a_phone_leaves_the_page_as_wide_as_the_screen(browser: Any, example_site: str,
                                                                         close: str) -> None:
    """Material's dialog background shrinks back after it closes; a phone's browser widened the page to fit it."""
    with open_page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True) as page:
        page.goto(example_site)
        page.locator("label.md-header__button[for=__search]").click()
        expect(page.locator("input.md-search__input")).to_be_focused()
        page.wait_for_timeout(1000)  # Material's opening and closing transitions take 0.4 s each
        if close == "Escape":
            page.keyboard.press("Escape")
        else:
            page.locator("label.md-search__icon[for=__search]").click()
        assert not page.evaluate("document.getElementById('__search').checked")
        page.wait_for_timeout(1000)
        assert page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]") == [390, 390]


@pytest.mark.parametrize("url", ["catalog/", "courses/admin-essentials/", "tracks/admin-path/",
                                 "plans/enterprise-onboarding-90/"])
def test_skip_to_content_lands_on_the_page_title(page: Any, example_site: str, url: str) -> None:
    page.goto(example_site + url)
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    target = "#" + skip.get_attribute("href").split("#")[1]  # Material makes it absolute
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    expect(page.locator(f"h1{target}")).to_be_in_viewport()
    # At the top of the screen, not a section below the page's facts.
    assert 0 <= page.evaluate(f"document.querySelector('{target}').getBoundingClientRect().top") < 200


@pytest.fixture(scope="module")
def multilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An English site with courses in Arabic and German, two more stemmed languages."""
    root = tmp_path_factory.mktemp("search-languages")
    catalog = CatalogDir.new(root / "catalog")
    catalog.course("servers", course_data("servers", title="Installing the server"))
    catalog.course("bahth", course_data("bahth", language="ar", title="البحث في الشيفرة",
                                        summary="دورة عن البحث في المستودعات"))
    catalog.course("verwalten", course_data("verwalten", language="de", title="Installationen verwalten",
                                            summary="Ein Kurs über Installationen und Server."))
    build_site(catalog.config, root / "site")
    with serve(root / "site") as url:
        yield url


@pytest.mark.parametrize(("query", "expected"), [
    ("البحث", "/courses/bahth/"), ("المستودعات", "/courses/bahth/"),
    ("Installationen", "/courses/verwalten/"), ("installs", "/courses/servers/")])
def test_each_language_reads_the_query_by_its_own_rules(page: Any, multilingual_site: str, query: str,
                                                         expected: str) -> None:
    """Every index was searched with the English index's rules: the Arabic course, indexed by
    Arabic stems, was found by "بحث" and never by "البحث", "the search", as it is written."""
    page.goto(multilingual_site)
    assert paths(search(page, query))[:1] == [expected]


HOSTILE_TITLE = "Sneaky <img src=x onerror=alert(1)> </script><script>alert(2)</script>"
LONG_ROLE = "Site reliability engineers and platform operators of self-hosted deployments"


@pytest.fixture(scope="module")
def hostile_search_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("search-hostile")
    catalog = CatalogDir.new(root / "catalog")
    catalog.course("sneaky", course_data("sneaky", title=HOSTILE_TITLE,
                                         summary="Sneaky summary <svg onload=alert(3)> &amp; more"))
    # With Material's search plugin listed, as the contract's mkdocs.yml has it.
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8").replace("End user", LONG_ROLE).replace(
        "plugins:\n", "plugins:\n  - search:\n      lang: [en, ja]\n"))
    catalog.course("sneaky-ops", course_data("sneaky-ops", title="Sneaky operations", roles=["end-user"]))
    build_site(catalog.config, root / "site")
    with serve(root / "site") as url:
        yield url


def test_a_long_facet_value_fits_the_search_dialog_on_a_phone(browser: Any, hostile_search_site: str) -> None:
    """The role picker took its longest option's width: 465 px in a 320 px dialog, cut off,
    and the results scrolled sideways."""
    with open_page(browser, viewport={"width": 320, "height": 640}) as page:
        page.goto(hostile_search_site)
        search(page, "Sneaky")
        role = page.locator(f"{FILTERS} select[data-facet=role]")
        expect(role.locator("option")).to_have_text(["All", "Administrator", LONG_ROLE])
        box = role.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box
        assert page.locator(".md-search__scrollwrap").evaluate("e => e.scrollWidth <= e.clientWidth")


def test_content_in_results_is_text_and_never_runs(browser: Any, hostile_search_site: str) -> None:
    with open_page(browser) as page:
        page.add_init_script("window.__alerts = []; window.alert = (message) => window.__alerts.push(message);")
        page.goto(hostile_search_site)
        results = search(page, "Sneaky")
        assert results[0]["title"] == HOSTILE_TITLE
        expect(page.locator(".md-search-result")).to_contain_text("<svg onload=alert(3)>")
        injected = ".md-search-result img, .md-search-result svg[onload], .md-search-result script"
        assert page.locator(injected).count() == 0
        page.locator(RESULTS).first.click()
        expect(page.locator("h1")).to_have_text(HOSTILE_TITLE)
        assert page.evaluate("window.__alerts") == []


def test_materials_search_index_is_written_and_never_fetched(browser: Any, hostile_search_site: str) -> None:
    """The contract lists Material's search plugin and its search/search_index.json: written,
    a build with it passes --strict (it failed on a warning to remove the plugin), and no page
    fetches the index or starts Material's search worker, since Pagefind answers the box."""
    with open_page(browser) as page:
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(hostile_search_site + "catalog/")
        search(page, "Sneaky")
        assert any("/pagefind/" in url for url in requested)
        assert not [url for url in requested if "search_index" in url or "/workers/search" in url], requested
        index = page.request.get(hostile_search_site + "search/search_index.json")
        assert index.ok
        titles = {doc["location"]: doc["title"] for doc in index.json()["docs"]}  # HTML, as Material's index holds it
        assert titles["courses/sneaky/"] == html.escape(HOSTILE_TITLE, quote=False)


def test_the_count_is_announced_with_the_first_results(page: Any, example_site: str) -> None:
    """Results are never shown under "Type to start searching", and the list is marked busy
    while the rest of them load."""
    page.goto(example_site)
    page.evaluate(f"""() => {{
        const status = document.querySelector('{STATUS}'), list = document.querySelector('{LIST}');
        window.__seen = [];
        new MutationObserver(() => window.__seen.push([status.textContent, list.children.length]))
            .observe(document.querySelector('[data-syllabus-search]'), {{subtree: true, childList: true,
                                                                          characterData: true}});
    }}""")
    page.locator("body").press("/")
    page.locator("input.md-search__input").fill("Keystone")  # the status still says to type
    answered(page)
    assert page.locator(RESULTS).count() > 5  # more than the first batch
    seen = page.evaluate("window.__seen")
    placeholder = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                                ".translations['search.result.placeholder']")
    assert [text for text, shown in seen if shown and text.strip() == placeholder] == []


def test_more_results_than_a_page_are_shown_a_page_at_a_time(page: Any, example_site: str) -> None:
    """43 pages matched "repositories" and 20 were listed, with no way to the rest."""
    page.goto(example_site)
    search(page, "repositories")
    total = int(re.search(r"\d+", page.locator(STATUS).inner_text()).group())
    assert total > 40
    more = page.locator(".syllabus-search-more button")
    expect(page.locator(RESULTS)).to_have_count(20)
    expect(more).to_have_text(f"Show 20 more results (20 of {total} shown)")
    page.locator(LINKS).last.focus()  # the last link of the results; the arrow key goes on to the button
    page.keyboard.press("ArrowDown")
    expect(more).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(RESULTS)).to_have_count(40)
    expect(page.locator(RESULTS).nth(20)).to_be_focused()  # a keyboard user reads on from the first new one
    expect(more).to_have_text(f"Show {total - 40} more result{'s' if total > 41 else ''} (40 of {total} shown)")
    more.click()
    expect(page.locator(RESULTS)).to_have_count(total)
    expect(more).to_have_count(0)
    assert len(set(paths(page.locator(RESULTS).evaluate_all("ls => ls.map(l => ({path: l.pathname}))")))) == total


def test_opened_from_files_the_search_says_where_it_works(browser: Any, example_site_folder: Path) -> None:
    """Material's offline plugin makes a site to open from files, where a browser fetches
    nothing of Pagefind's index: every key said "unavailable, try again", with errors."""
    with open_page(browser) as page:
        page.goto((example_site_folder / "courses" / "keystone-101" / "index.html").as_uri())
        page.locator("body").press("/")
        page.locator("input.md-search__input").fill("install")
        expect(page.locator(STATUS)).to_have_text(
            "Search works on the published site, not in pages opened from files on this computer.")


CONNECTIONS = {  # navigator.connection as a page sees it, and whether the engine comes at idle
    "engine-at-idle": ("", True),
    "save-data-waits-for-the-box": ("({ saveData: true, effectiveType: '4g' })", False),
    "2g-waits-for-the-box": ("({ saveData: false, effectiveType: 'slow-2g' })", False),
    "a-throwing-getter-is-no-answer": ("(() => { throw new Error('no'); })()", True),
    "odd-values-are-no-answer": ("({ saveData: 'yes', effectiveType: null })", True),
}


@pytest.mark.parametrize("connection", list(CONNECTIONS))
def test_the_engine_is_fetched_at_idle_unless_the_visitor_saves_data(page: Any, example_site: str,
                                                                      connection: str) -> None:
    """Pagefind's engine (~86 KB) is fetched when the page is idle, so the first query is
    answered at once; a visitor who asked to save data fetches it only on using the box. A
    browser whose answer throws or is odd changes nothing (it stopped search.js halfway)."""
    value, at_idle = CONNECTIONS[connection]
    if value:
        page.add_init_script(f"Object.defineProperty(navigator, 'connection', {{ get: () => {value} }})")
    engine = example_site + "pagefind/pagefind.js"
    if at_idle:
        with page.expect_request(engine, timeout=10_000):  # without a touch of the page
            page.goto(example_site + "catalog/")
    else:
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(example_site + "catalog/")
        page.wait_for_load_state("load")
        page.wait_for_timeout(1_500)  # idle callbacks have run (Chromium calls them within 50 ms of idle)
        assert [url for url in fetched if "/pagefind/" in url] == []
    assert search(page, "Keystone")
    page.locator("input.md-search__input").press("Enter")  # the first result: search.js ran to its end
    page.wait_for_url(re.compile(r"/courses/"))
