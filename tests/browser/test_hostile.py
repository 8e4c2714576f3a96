"""Hostile content: markup in titles, summaries, outcomes, notes and instructor names is
shown as text on every page and in search results, and never runs.

Each payload sets ``window.__pwned`` if a browser ever treats it as markup; ``{{ 7*7 }}``
would become ``49`` if content were compiled as a template.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from syllabus.export.placeholders import NAME_LENGTH

from ..conftest import MKDOCS_TEMPLATE, CatalogDir, build_site, course_data, plan_data, track_data
from .conftest import open_page, serve

IMG = "<img src=x onerror=window.__pwned=1>"
SCRIPT = "</script><script>window.__pwned=1</script>"
TEMPLATE = "{{ 7*7 }}"
SVG = '"><svg onload=window.__pwned=1>'
QUOTE = "' autofocus onfocus='window.__pwned=1"  # breaks out of single-quoted attributes
PAYLOADS = (IMG, SCRIPT, TEMPLATE, SVG, QUOTE)

COURSE_TITLE = f"Evil {IMG} {TEMPLATE}"
COURSE_SUMMARY = f"Summary {SCRIPT} {SVG} {TEMPLATE}"
LIVE_TITLE = f"Live {SVG} {SCRIPT} {QUOTE}"
TRACK_TITLE = f"Track {SVG} {TEMPLATE}"
PLAN_TITLE = f"Plan {IMG} {SCRIPT}"
UNIT_TITLE = f"Unit {SVG} {IMG}"

UNBROKEN = "W" * NAME_LENGTH  # a name with nowhere to wrap, as long as a plan's customer may be

# Anything a payload could have become once parsed as HTML.
INJECTED = "img[src='x'], [onerror], [onload], [onfocus]"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small catalog whose every free-text field is hostile, built and served."""
    root = tmp_path_factory.mktemp("hostile")
    catalog = CatalogDir.new(root / "catalog")
    catalog.config.write_text(catalog.config.read_text(encoding="utf-8").replace(
        "end-user: {title: End user}", f"end-user: {{title: {UNBROKEN[:110]}}}"), encoding="utf-8")
    catalog.course("evil", course_data(
        "evil", title=COURSE_TITLE, summary=COURSE_SUMMARY,
        outcomes=[f"Outcome {IMG}", f"Outcome {SCRIPT}", f"Outcome {TEMPLATE}", f"Outcome {SVG}"],
        units=[{"title": UNIT_TITLE, "file": "unit.md"}],
        tags=[f"tag {SVG}", f"tag {QUOTE}"],
    ))
    catalog.write("courses/evil/unit.md", "A plain unit body.\n")
    catalog.course("nagai", course_data("nagai", title="長い名前", language="ja", units=[
        {"title": "はじめに", "file": "first.md"}, {"title": f"{UNBROKEN[:60]} を設定する", "file": "second.md"}]))
    catalog.write("courses/nagai/first.md", "最初の単元。\n")
    catalog.write("courses/nagai/second.md", "次の単元。\n")
    catalog.course("evil-live", course_data(
        "evil-live", title=LIVE_TITLE, summary=f"Live summary {IMG}", format="virtual-ilt", roles=["end-user"],
        sessions=[{"start": "2026-12-08T11:00", "timezone": "America/New_York",
                   "instructors": [f"Mallory {IMG}", f"Eve {SCRIPT}", f"Trudy {SVG} {TEMPLATE}", UNBROKEN]}],
    ))
    catalog.track("evil-track", track_data(
        "evil-track", [{"course": "evil", "note": f"Note {IMG} {SCRIPT}"}, "evil-live"],
        title=TRACK_TITLE, summary=f"Track summary {SCRIPT} {IMG}", outcomes=[f"Track outcome {SVG}"], role="end-user",
    ))
    catalog.plan("evil-plan", plan_data(
        "evil-plan", title=PLAN_TITLE, summary=f"Plan summary {SVG} {TEMPLATE}", audience=["end-user"],
        phases=[{"title": f"Phase {IMG} {UNBROKEN[:75]}", "start_day": 0, "end_day": 29, "items": [
            {"day": 0, "type": "meeting", "title": f"Kickoff {SCRIPT}", "note": f"Bring {SVG}"},
            {"day": 3, "type": "course", "course": "evil", "note": f"Course note {TEMPLATE}"}]}],
    ))
    site = root / "site"
    build_site(catalog.config, site)
    with serve(site) as url:
        yield url


def assert_inert(page: Any) -> None:
    """No payload ran and none became an element."""
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator(INJECTED).count() == 0, page.locator(INJECTED).first.evaluate("e => e.outerHTML")
    assert "49" not in page.title() and "49" not in page.locator("body").inner_text()


PAGES = {
    "": [],  # home: the nav lists the track and the plan titles
    "catalog/": [COURSE_TITLE, COURSE_SUMMARY, LIVE_TITLE],
    "courses/evil/": [COURSE_TITLE, COURSE_SUMMARY, f"Outcome {IMG}", f"Outcome {SCRIPT}",
                      f"Outcome {TEMPLATE}", f"Outcome {SVG}", UNIT_TITLE, TRACK_TITLE, PLAN_TITLE],
    "courses/evil-live/": [LIVE_TITLE, f"Mallory {IMG}", f"Eve {SCRIPT}", f"Trudy {SVG} {TEMPLATE}"],
    "courses/evil/unit/": [UNIT_TITLE, COURSE_TITLE],
    "tracks/evil-track/": [TRACK_TITLE, f"Note {IMG} {SCRIPT}", COURSE_TITLE, LIVE_TITLE, f"Track outcome {SVG}"],
    "plans/evil-plan/": [PLAN_TITLE, f"Plan summary {SVG} {TEMPLATE}", f"Phase {IMG}", f"Kickoff {SCRIPT}",
                         f"Bring {SVG}", f"Course note {TEMPLATE}"],
}


@pytest.mark.parametrize("width", [375, 1366])
def test_unbroken_names_wrap_inside_the_page(browser: Any, hostile_site: str, width: int) -> None:
    """An instructor's name, a phase title in the plan's timeline and the customer's name the
    plan page repeats in its status, with no space: the page scrolled sideways (to 601 px and
    797 px on a phone; 1,619 px on a laptop). So did a Japanese unit's title holding a long
    Latin word, in the "Next unit" link (666 px on a 375 px phone), and a role's title in the
    catalog's filters (1,366 px on a 390 px phone: a fieldset is as wide as its widest word)
    and in a plan's facts (2,285 px)."""
    with open_page(browser, viewport={"width": width, "height": 900}) as page:
        page.goto(hostile_site + "courses/nagai/first/")
        expect(page.locator(".syllabus-pager-link--next")).to_contain_text(UNBROKEN[:60])
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.goto(hostile_site + "courses/evil-live/")
        expect(page.locator(".syllabus-session-details")).to_contain_text(UNBROKEN)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.goto(hostile_site + "catalog/")  # a role titled with no space: its filter, opened (stop 45)
        page.evaluate("document.querySelectorAll('details').forEach(details => { details.open = true; })")
        expect(page.locator("fieldset[data-facet='role']")).to_contain_text(UNBROKEN[:110])
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.goto(hostile_site + "tracks/evil-track/")  # the role in its facts
        expect(page.locator(".syllabus-facts")).to_contain_text(UNBROKEN[:110])
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.goto(hostile_site + f"plans/evil-plan/?customer={UNBROKEN}&start=2027-01-04")
        expect(page.locator("[data-syllabus-plan]")).to_have_attribute("data-personalised", "true")
        expect(page.locator("[data-plan-status]")).to_contain_text(UNBROKEN)
        assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("path", list(PAGES))
def test_hostile_text_is_shown_literally_and_never_runs(page: Any, hostile_site: str, path: str) -> None:
    page.goto(hostile_site + path)
    content = page.locator("article.md-content__inner")
    for text in PAGES[path]:
        expect(content).to_contain_text(text)
    # The navigation shows the track and plan titles as text too.
    nav = page.locator(".md-nav--primary")
    expect(nav).to_contain_text(TRACK_TITLE)
    expect(nav).to_contain_text(PLAN_TITLE)
    assert_inert(page)


def test_page_titles_and_descriptions_stay_text(page: Any, hostile_site: str) -> None:
    page.goto(hostile_site + "courses/evil/")
    assert page.title().startswith(COURSE_TITLE)
    assert page.locator("meta[name=description]").get_attribute("content") == COURSE_SUMMARY
    expect(page.locator("h1")).to_have_text(COURSE_TITLE)
    assert_inert(page)


def test_catalog_filters_keep_hostile_cards_as_text(page: Any, hostile_site: str) -> None:
    page.goto(hostile_site + "catalog/")
    page.locator("input[name=format][value=virtual-ilt]").check()
    expect(page.locator("li.syllabus-card:visible")).to_have_count(1)
    expect(page.locator("li.syllabus-card:visible h2")).to_have_text(LIVE_TITLE)
    page.select_option("select#syllabus-sort", "next")
    assert_inert(page)


def search(page: Any, query: str) -> Any:
    """Type ``query`` into Material's search box; returns the top-level result links."""
    box = page.locator("input.md-search__input")
    box.click()
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text("Type to start searching")  # the index is loaded
    box.press_sequentially(query)
    expect(meta).to_have_text(re.compile(r"matching document"), timeout=15_000)
    expect(page.locator("[data-syllabus-search-results]")).not_to_have_attribute("aria-busy", "true")
    return page.locator(".md-search-result__item > .md-search-result__link")


@pytest.mark.parametrize("query", PAYLOADS)
def test_typing_hostile_text_into_search_runs_nothing(page: Any, hostile_site: str, query: str) -> None:
    page.goto(hostile_site)
    search(page, query)
    assert_inert(page)


# "summary" finds the course whose summary holds SCRIPT (the field reference, which matched
# "script" too, is not on the public site).
@pytest.mark.parametrize("query", ["onerror", "onload", "summary", "autofocus"])
def test_search_results_show_hostile_text_and_open_safely(page: Any, hostile_site: str, query: str) -> None:
    page.goto(hostile_site)
    links = search(page, query)
    expect(links.first).to_be_visible()
    expect(page.locator(".md-search-result")).to_contain_text(query.split()[0])
    assert_inert(page)
    for href in [link.get_attribute("href") for link in links.all()]:
        page.goto(hostile_site)
        search(page, query)
        page.locator(f".md-search-result__item > .md-search-result__link[href='{href}']").click()
        # As long as the search itself may take: two CI runs side by side once took over 5 s to navigate.
        expect(page).to_have_url(re.compile(rf"^[^?#]*{re.escape(urlsplit(href).path)}([?#].*)?$"), timeout=15_000)
        assert_inert(page)


# --- Markdown pages (issue 12): what the allowlist lets through is inert too -------------------

ALERT_HOOK = "window.__alerts = []; for (const name of ['alert', 'confirm', 'prompt']) " \
             "{ window[name] = (...args) => { window.__alerts.push(args.join(' ')); }; }"
ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"
FRONT_TITLE = "Guide </title><script>alert(1)</script> {{ 7*7 }}"
FRONT_DESCRIPTION = '"><img src=x onerror=alert(1)>'
HOSTILE_MARKDOWN = {
    "docs/hostile-guide.md": (
        f"---\ntitle: '{FRONT_TITLE}'\ndescription: '{FRONT_DESCRIPTION}'\n---\n\n"
        f"# Heading {ESCAPED}\n\n## Step &lt;script&gt;alert(1)&lt;/script&gt;\n\n"
        '!!! note "&lt;img src=x onerror=alert(1)&gt;"\n    Body `<script>alert(1)</script>`.\n\n'
        "> > quoted &lt;svg onload=alert(1)&gt;\n\n"
        "Footnote[^1] and [a link](https://example.com/ \"t\\\" onmouseover=alert(1)\").\n\n"
        "*[HTML]: <img src=x onerror=alert(1)>\n\n"
        "HTML and [proto](//evil.example/ \"a' onmouseover='alert(1)\") and [i](#top \"&quot; onerror=x\").\n\n"
        "| a | b |\n|---|---|\n| `<script>` | &lt;svg onload=alert(1)&gt; |\n\n"
        "[^1]: Note &#60;img src=x onerror=alert(1)&#62;\n"
    ),
    # As deep as a page may nest (30 levels): the theme indents every level.
    "docs/deep.md": "# Deep\n\n" + "".join(f"{'    ' * level}- Level {level} of a list\n" for level in range(30))
    + "\n" + "\n".join(f"{'>' * level} Level {level} of a quote\n{'>' * level}" for level in range(1, 31)) + "\n",
    "courses/md-course/unit.md": (
        f"# Unit {ESCAPED}\n\n- item\n\n    text &lt;b onclick=alert(1)&gt;\n\n"
        "````\n<script>alert(1)</script>\n````\n\nAfter the fence.\n"
    ),
}


@pytest.fixture(scope="module")
def markdown_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Hostile-looking Markdown and front matter the allowlist lets through (all of it text)."""
    root = tmp_path_factory.mktemp("hostile-markdown")
    catalog = CatalogDir(root / "catalog")
    catalog.root.mkdir()
    catalog.write("mkdocs.yml", MKDOCS_TEMPLATE.format(audience="public")
                  + "markdown_extensions: [admonition, footnotes, attr_list, abbr, tables, {toc: {permalink: true}}]\n")
    catalog.write("docs/index.md", "# Welcome\n\nTraining for our customers.\n")
    catalog.course("md-course", course_data("md-course", units=[{"title": "Unit", "file": "unit.md"}]))
    for relative, text in HOSTILE_MARKDOWN.items():
        catalog.write(relative, text)
    site = root / "site"
    build_site(catalog.config, site)
    with serve(site) as url:
        yield url


def hooked(page: Any) -> list[str]:
    """Hook alert/confirm/prompt before any page script and record every dialog event."""
    dialogs: list[str] = []
    page.add_init_script(ALERT_HOOK)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def assert_nothing_ran(page: Any, dialogs: list[str]) -> None:
    assert page.evaluate("window.__alerts") == [] and dialogs == []
    assert page.locator("script:not([src])").filter(has_text="alert(1)").count() == 0
    assert page.locator("[onerror], [onload], [onclick], [onmouseover], svg[onload]").count() == 0


@pytest.mark.parametrize("path", ["hostile-guide/", "courses/md-course/unit/"])
def test_hostile_markdown_pages_show_text_and_run_nothing(page: Any, markdown_site: str, path: str) -> None:
    dialogs = hooked(page)
    page.goto(markdown_site + path)
    content = page.locator("article.md-content__inner")
    expect(content).to_contain_text("<img src=x onerror=alert(1)>")
    for link in page.locator("article a[href]:visible").all()[:20]:  # mouseover handlers would run
        link.hover()
    assert_nothing_ran(page, dialogs)


def test_deep_lists_and_quotes_fit_a_phone(browser: Any, markdown_site: str) -> None:
    """Every level indented by the theme's 30 px (a list) or 16 px (a quote): 30 levels were
    up to 924 px wide; past six levels they indent no further."""
    with open_page(browser, viewport={"width": 390, "height": 844}) as page:
        page.goto(markdown_site + "deep/")
        expect(page.locator("article li").filter(has_text="Level 29 of a list").last).to_be_visible()
        expect(page.locator("article blockquote").filter(has_text="Level 30 of a quote").last).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_front_matter_title_and_description_stay_text(page: Any, markdown_site: str) -> None:
    dialogs = hooked(page)
    page.goto(markdown_site + "hostile-guide/")
    assert page.title().startswith(FRONT_TITLE)
    assert page.locator("meta[name=description]").get_attribute("content") == FRONT_DESCRIPTION
    expect(page.locator(".md-nav--primary")).to_contain_text(FRONT_TITLE)
    toc = page.locator(".md-sidebar--secondary .md-nav--secondary")
    expect(toc).to_contain_text("Step <script>alert(1)</script>")
    assert_nothing_ran(page, dialogs)


# "step" finds the heading "Step <script>..." (the field reference, which matched "script",
# is not on the public site).
@pytest.mark.parametrize("query", ["onerror", "step"])
def test_search_results_of_hostile_markdown_run_nothing(page: Any, markdown_site: str, query: str) -> None:
    dialogs = hooked(page)
    page.goto(markdown_site)
    links = search(page, query)
    expect(links.first).to_be_visible()
    assert_nothing_ran(page, dialogs)
    links.first.click()
    page.wait_for_load_state()
    assert_nothing_ran(page, dialogs)
