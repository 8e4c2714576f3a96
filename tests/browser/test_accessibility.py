"""axe-core finds no serious or critical violation on the example site's page types, in
their initial state and with the catalog filtered down to its empty state."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from ..conftest import REPO, CatalogDir, build_site, course_data
from .conftest import open_page, serve

BLOCKING = {"serious", "critical"}

# Material fades the search output in over 0.4 s; axe measuring mid-fade sees half-transparent
# text and reports contrast the finished page does not have. Finite animations must end first.
ANIMATIONS_SETTLED = """() => document.getAnimations().every(
    animation => animation.playState !== "running"
        || animation.effect.getComputedTiming().endTime === Infinity)"""

PAGES = [
    "",  # home, with the role entry points
    "catalog/",
    "catalog/?role=manager&level=advanced&format=self-paced",  # empty state
    "courses/search-bootcamp-live/",  # sessions: full state, on-demand alternative
    "courses/admin-office-hours/",  # cancelled session
    "courses/keystone-101-ja/",  # Japanese content
    "courses/keystone-101-ja/welcome/",  # a unit page
    "tracks/admin-path/",  # prerequisite diagram
    "plans/enterprise-onboarding-90/",
]


def blocking_violations(page: Any) -> list[str]:
    page.wait_for_function(ANIMATIONS_SETTLED)
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:5]}"
        for violation in results.response["violations"] if violation["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_axe_violations(page: Any, example_site: str, path: str) -> None:
    page.goto(example_site + path)
    page.wait_for_load_state("networkidle")
    assert blocking_violations(page) == []


def test_filtered_catalog_and_open_search_stay_accessible(page: Any, example_site: str) -> None:
    # Animations at a quarter speed: the search panel's fade lasts 1.6 s, as on a slow CI
    # runner, so an axe run that does not wait for it fails every time rather than sometimes.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Animation.enable")
    cdp.send("Animation.setPlaybackRate", {"playbackRate": 0.25})
    page.goto(example_site + "catalog/")
    page.locator("input[name='role'][value='admin']").check()
    page.locator("input[name='format']").first.focus()
    assert blocking_violations(page) == []
    page.locator("input.md-search__input").click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    page.locator("input.md-search__input").press_sequentially("search")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert blocking_violations(page) == []


def test_the_menu_button_is_a_button_with_script_and_the_themes_label_without(browser: Any,
                                                                             example_site: str) -> None:
    """The published label carries no role, name or focus (HTML forbids aria-label on a form
    control's label: Lighthouse and the W3C checker failed every page); the script makes it a
    named button, and without script the label opens the drawer as the theme's does."""
    with open_page(browser, viewport={"width": 390, "height": 844}, java_script_enabled=False) as page:
        page.goto(example_site + "courses/keystone-101/")
        label = page.locator("label[data-drawer-button]")
        assert label.evaluate("l => l.getAttributeNames().filter(n => /^(aria-|role$|tabindex$)/.test(n))") == []
        label.click()
        assert page.evaluate("document.getElementById('__drawer').checked")
    with open_page(browser, viewport={"width": 390, "height": 844}) as page:
        page.goto(example_site + "courses/keystone-101/")
        expect(page.locator("label[data-drawer-button]")).to_have_count(0)
        page.get_by_role("button", name="Navigation").click()
        assert page.evaluate("document.getElementById('__drawer').checked")
        page.locator("label.md-overlay").click(position={"x": 380, "y": 400})  # beside the drawer: closes it
        expect(page.get_by_role("button", name="Navigation")).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("path", ["tracks/admin-path/", "plans/enterprise-onboarding-90/"])
def test_the_open_drawer_on_a_phone_is_accessible(browser: Any, example_site: str, path: str) -> None:
    """Its section and table-of-contents titles were 4.4:1 on the theme's grey title bar."""
    with open_page(browser, viewport={"width": 390, "height": 844}) as page:
        page.goto(example_site + path)
        page.get_by_role("button", name="Navigation").click()
        expect(page.get_by_role("button", name="Navigation")).to_have_attribute("aria-expanded", "true")
        assert blocking_violations(page) == []


def test_the_closed_drawer_on_a_phone_is_out_of_the_tab_order(browser: Any, example_site: str) -> None:
    """Tab walked through nine links of the navigation pushed off screen. Closed, it is out of
    the tab order; the menu button takes focus and opens it with Enter, focus goes into it,
    and Escape closes it and gives focus back to the button."""
    with open_page(browser, viewport={"width": 390, "height": 844}) as page:
        page.goto(example_site + "courses/keystone-101/")
        button = page.locator("[data-drawer-button]")
        for _ in range(25):
            page.keyboard.press("Tab")
            assert not page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
            if page.evaluate("document.activeElement.hasAttribute('data-drawer-button')"):
                break
        expect(button).to_be_focused()
        expect(page.get_by_role("button", name="Navigation")).to_have_attribute("aria-expanded", "false")
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__drawer').checked")
        assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
        expect(button).to_have_attribute("aria-expanded", "true")
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__drawer').checked")
        assert page.evaluate("document.querySelector('.md-sidebar--primary').inert")
        expect(button).to_be_focused()
        expect(button).to_have_attribute("aria-expanded", "false")
    with open_page(browser, viewport={"width": 1366, "height": 800}) as page:  # a sidebar, not a drawer
        page.goto(example_site + "courses/keystone-101/")
        assert not page.evaluate("document.querySelector('.md-sidebar--primary').inert")


FOCUSED_TEXT = "document.activeElement.getAttribute('aria-label') || document.activeElement.textContent.trim()"
IN_VIEW = """() => { const box = document.activeElement.getBoundingClientRect();
    return box.width > 0 && box.left >= 0 && box.right <= innerWidth && box.top >= 0 && box.bottom <= innerHeight; }"""


def test_the_drawers_sections_open_and_close_from_the_keyboard(browser: Any, example_site: str) -> None:
    """In the drawer, sections (Tracks, Plans) are levels opened by labels that took no focus:
    Tab skipped them and walked into their closed levels, off screen, then out of the open
    drawer into the page it covers. Now: each section's label is a button, only the open
    level is reachable, and Tab out of the drawer closes it."""
    with open_page(browser, viewport={"width": 390, "height": 844}, reduced_motion="reduce") as page:  # no slide
        page.goto(example_site + "courses/keystone-101/")
        page.locator("[data-drawer-button]").click()
        stops = []
        for _ in range(8):
            stops.append(page.evaluate(FOCUSED_TEXT))
            assert page.evaluate(IN_VIEW), stops
            page.keyboard.press("Tab")
            if not page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"):
                break
        assert stops == ["Keystone Academy", "Keystone Academy", "Catalog", "Tracks", "Plans"]  # logo, home
        assert not page.evaluate("document.getElementById('__drawer').checked")  # Tab left it: closed
        page.locator("[data-drawer-button]").click()
        tracks = page.get_by_role("button", name="Tracks", exact=True).first
        tracks.focus()
        expect(tracks).to_have_attribute("aria-expanded", "false")
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__nav_3').checked")
        tracks_titles = [t.strip() for t in page.locator("nav[aria-labelledby='__nav_3_label'] a").all_inner_texts()]
        level = [page.evaluate(FOCUSED_TEXT)]
        for _ in tracks_titles:
            page.keyboard.press("Tab")
            level.append(page.evaluate(FOCUSED_TEXT))
            assert page.evaluate(IN_VIEW), level
        assert level == ["Tracks", *tracks_titles]  # the level's own back button, then its links
        for _ in tracks_titles:
            page.keyboard.press("Shift+Tab")
        page.keyboard.press(" ")  # closes the level; focus goes back to the label that opened it
        assert not page.evaluate("document.getElementById('__nav_3').checked")
        assert page.evaluate("document.activeElement.id") == "__nav_3_label"
    with open_page(browser, viewport={"width": 1366, "height": 800}) as page:  # sections are headings there
        page.goto(example_site + "courses/keystone-101/")
        assert page.evaluate("document.querySelectorAll('.md-sidebar--primary [role=button], "
                             ".md-sidebar--primary [inert]').length") == 0


def test_the_current_pages_table_of_contents_is_a_level_the_keyboard_opens(browser: Any, example_site: str) -> None:
    """On a track page the drawer lists the page itself, a label that opens its table of
    contents: it took no focus, and the contents were out of reach."""
    with open_page(browser, viewport={"width": 390, "height": 844}, reduced_motion="reduce") as page:
        page.goto(example_site + "tracks/admin-path/")
        page.locator("[data-drawer-button]").click()
        here = page.locator(".md-sidebar--primary label.md-nav__link[for='__toc']")
        expect(here).to_have_attribute("role", "button")
        here.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__toc').checked")
        assert page.evaluate("document.activeElement.matches(\".md-nav--secondary label.md-nav__title[for='__toc']\")")
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary .md-nav--secondary')")
        assert page.evaluate(IN_VIEW)


def test_a_tablet_turned_across_keeps_the_open_drawer_usable(browser: Any, example_site: str) -> None:
    """Across (960-1,219 px) the drawer is still a drawer but the contents stand beside the
    page: with the contents level open before the turn, every link the drawer showed was inert.
    Back on a wide screen, the labels are as the theme renders them."""
    with open_page(browser, viewport={"width": 820, "height": 1180}, reduced_motion="reduce") as page:
        page.goto(example_site + "tracks/admin-path/")
        page.locator("[data-drawer-button]").click()
        page.locator(".md-sidebar--primary label.md-nav__link[for='__toc']").click()
        assert page.evaluate("document.getElementById('__toc').checked")
        page.set_viewport_size({"width": 1180, "height": 820})
        # The page script hears of the width a frame or more later (a media query's change event).
        page.wait_for_function("""() => Array.from(document.querySelectorAll('.md-sidebar--primary a.md-nav__link'))
            .some(link => link.getClientRects().length && !link.closest('[inert]'))""", timeout=5_000)
        theirs = page.evaluate("""() => Array.from(document.querySelectorAll(
            '.md-sidebar--primary label.md-nav__title[for^="__nav"]'), label => label.getAttribute('tabindex'))""")
        page.set_viewport_size({"width": 1366, "height": 800})
        page.wait_for_function("""() => !document.querySelector('.md-sidebar--primary [role=button]')""")
        assert page.evaluate("""() => Array.from(document.querySelectorAll(
            '.md-sidebar--primary label.md-nav__title[for^="__nav"]'), label => label.getAttribute('tabindex'))""") \
            == [None] * len(theirs)  # as the theme renders a level's title: no tabindex at all


def test_closing_a_level_with_a_click_leaves_focus_in_the_drawer(browser: Any, example_site: str) -> None:
    """A click on an open level's title closed it and left focus on a label now covered: the
    next Tab went behind the open drawer."""
    with open_page(browser, viewport={"width": 390, "height": 844}, reduced_motion="reduce") as page:
        page.goto(example_site + "tracks/admin-path/")  # the drawer opens at the Tracks level
        page.locator("[data-drawer-button]").click()
        page.locator(".md-sidebar--primary nav[data-md-level='1'] > label.md-nav__title[for='__nav_3']").click()
        assert not page.evaluate("document.getElementById('__nav_3').checked")
        assert page.evaluate("document.activeElement.id") == "__nav_3_label"
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")


def test_a_section_button_showing_only_an_icon_is_named_by_its_page(browser: Any, tmp_path: Path) -> None:
    """With navigation.indexes a section's label holds only its arrow, beside a link to the
    section's page: the button it became had no name (axe: button-name, critical)."""
    catalog = CatalogDir.new(tmp_path / "catalog")
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  features: [navigation.indexes]\n")
        + "nav:\n  - index.md\n  - Guide:\n      - guide/index.md\n      - guide/first.md\n      - guide/second.md\n")
    for name, title in (("index", "Guide overview"), ("first", "First steps"), ("second", "Second steps")):
        catalog.write(f"docs/guide/{name}.md", f"# {title}\n\nWords.\n")
    build_site(catalog.config, tmp_path / "site")
    with serve(tmp_path / "site") as url, open_page(browser, viewport={"width": 390, "height": 844}) as page:
        page.goto(url)
        page.locator("[data-drawer-button]").click()
        opener = page.locator(".md-nav__container > label.md-nav__link")
        expect(opener).to_have_attribute("role", "button")
        expect(opener).to_have_accessible_name("Guide")
        assert blocking_violations(page) == []


def test_focused_links_keep_their_contrast(page: Any, example_site: str) -> None:
    """Material's default accent coloured a focused or hovered link #526cfe, 4.26:1 on white."""
    page.goto(example_site + "catalog/")
    page.locator("[data-cards] li h2 a").first.focus()
    assert blocking_violations(page) == []
    accent = page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-accent-fg-color').trim()")
    assert accent == "#3d5afe"


def test_search_results_show_focus_and_matches_in_forced_colours(browser: Any, example_site: str) -> None:
    """Windows' high-contrast mode dropped the background that marks the focused result and the
    matched words (black on black in a dark theme)."""
    with open_page(browser, forced_colors="active", color_scheme="dark") as page:
        page.goto(example_site + "courses/keystone-101/")
        page.locator("body").press("/")
        page.locator("input.md-search__input").fill("search")
        expect(page.locator(".md-search-result__link").first).to_be_visible(timeout=20_000)
        page.locator("input.md-search__input").press("ArrowDown")
        focused = page.evaluate("""() => { const style = getComputedStyle(document.activeElement);
            return [document.activeElement.matches('.md-search-result__link'), style.outlineStyle]; }""")
        assert focused == [True, "solid"]
        mark = page.locator(".md-search-result mark").first
        expect(mark).to_be_visible()
        assert mark.evaluate("m => [getComputedStyle(m).backgroundColor, getComputedStyle(m).color]") == \
            page.evaluate("""() => { const probe = document.createElement('span');
                probe.style.cssText = 'forced-color-adjust: none; background: Mark; color: MarkText';
                document.body.append(probe);
                const colours = [getComputedStyle(probe).backgroundColor, getComputedStyle(probe).color];
                probe.remove(); return colours; }""")


def test_the_plans_phases_keep_their_extent_in_forced_colours(browser: Any, example_site: str) -> None:
    """Forced colours drop backgrounds: the phase bar read as loose text, its proportions gone."""
    with open_page(browser, forced_colors="active") as page:
        page.goto(example_site + "plans/enterprise-onboarding-90/")
        phases = page.locator(".syllabus-timeline-bar li")
        expect(phases.first).to_be_visible()
        assert set(phases.evaluate_all("items => items.map(i => getComputedStyle(i).borderTopStyle)")) == {"solid"}


# The rectangle that hides the content under it: the sticky header, and "Back to top" where shown.
OBSCURED_TO = """() => {
    let bottom = document.querySelector(".md-header").getBoundingClientRect().bottom;
    const top = document.querySelector(".md-top");
    if (top && !top.hidden && Number(getComputedStyle(top).opacity) > 0.5) {
        bottom = Math.max(bottom, top.getBoundingClientRect().bottom);
    }
    return bottom;
}"""


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
ZOOMED = {"viewport": {"width": 683, "height": 384}, "device_scale_factor": 2}  # a laptop at 200 %


@pytest.mark.parametrize(("path", "context"), [
    ("catalog/", PHONE), ("courses/search-bootcamp-live/", PHONE), ("plans/enterprise-onboarding-90/", ZOOMED)])
def test_tabbing_backwards_never_leaves_focus_under_the_header(browser: Any, example_site: str, path: str,
                                                               context: dict[str, Any]) -> None:
    """The browser scrolled a focused element to the very top, under the sticky header (7 of
    the catalog's 27 stops on a phone; 15 of the plan's 51 at 200 % zoom): WCAG 2.4.11."""
    with open_page(browser, **context) as page:
        page.goto(example_site + path)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.locator("footer a").last.focus()
        hidden, stops = [], 0
        for _ in range(120):
            page.keyboard.press("Shift+Tab")
            focused = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
                return {top: r.top, name: e.tagName + " " + (e.textContent || "").trim().slice(0, 40),
                        start: e.matches(".md-skip, body"), chrome: !!e.closest(".md-header, .md-sidebar")}; }""")
            if focused["start"]:
                break
            if not focused["chrome"]:
                stops += 1
                if focused["top"] < page.evaluate(OBSCURED_TO) - 1:
                    hidden.append(focused["name"])
        assert stops > 10 and hidden == []


@pytest.mark.parametrize("width", [390, 1366])
def test_back_to_top_hidden_on_a_short_page_takes_no_focus(browser: Any, example_site: str, width: int) -> None:
    """On the 404 page, too short to scroll, Tab reached Material's faded-out "Back to top"."""
    with open_page(browser, viewport={"width": width, "height": 900}) as page:
        page.goto(example_site + "404.html")
        button = page.locator("button.md-top")
        expect(button).to_have_attribute("hidden", "")
        button.evaluate("button => button.focus()")
        assert page.evaluate("document.activeElement.matches('button.md-top')") is False


def test_a_table_wider_than_the_page_is_reached_by_the_keyboard(browser: Any, example_site: str) -> None:
    """At 320 px the Japanese course's table scrolled in a wrapper no key could reach
    (axe: scrollable-region-focusable); as wide as the page, it is no stop of its own."""
    scroller = """() => Array.from(document.querySelectorAll('.md-typeset__scrollwrap'), wrapper =>
        [wrapper.scrollWidth > wrapper.clientWidth, wrapper.tabIndex, wrapper.getAttribute('role'),
         wrapper.getAttribute('aria-label')])"""
    with open_page(browser, viewport={"width": 320, "height": 800}) as page:
        page.goto(example_site + "courses/keystone-101-ja/")
        expect(page.locator(".md-typeset__scrollwrap[role=region]")).to_have_count(1)
        assert page.evaluate(scroller) == [[True, 0, "region", "Table 1 (scrolls sideways)"]]
        assert blocking_violations(page) == []
        page.set_viewport_size({"width": 1366, "height": 800})
        expect(page.locator(".md-typeset__scrollwrap[role=region]")).to_have_count(0)
        assert page.evaluate(scroller) == [[False, -1, None, None]]


def test_two_tables_wider_than_the_page_are_two_regions_told_apart(browser: Any, tmp_path: Path) -> None:
    """Each was a region named "Table (scrolls sideways)": two landmarks of one name, which a
    screen reader's list of regions cannot tell apart (axe: landmark-unique)."""
    catalog = CatalogDir.new(tmp_path / "catalog")
    row = "| " + " | ".join(f"Column {number} heading" for number in range(9)) + " |\n"
    table = row + "|" + "---|" * 9 + "\n" + row
    catalog.course("wide", course_data("wide"))
    catalog.write("courses/wide/index.md", f"# Wide\n\n{table}\nBetween the tables.\n\n{table}")
    build_site(catalog.config, tmp_path / "site")
    with serve(tmp_path / "site") as url, open_page(browser, viewport={"width": 390, "height": 800}) as page:
        page.goto(url + "courses/wide/")
        regions = page.locator(".md-typeset__scrollwrap[role=region]")
        expect(regions).to_have_count(2)
        assert [regions.nth(n).get_attribute("aria-label") for n in (0, 1)] == [
            "Table 1 (scrolls sideways)", "Table 2 (scrolls sideways)"]
        page.wait_for_function(ANIMATIONS_SETTLED)
        results = Axe().run(page, options={"runOnly": ["landmark-unique", "scrollable-region-focusable"]})
        assert results.response["violations"] == []


def test_a_code_block_wider_than_a_phone_takes_focus_on_a_touch_screen(browser: Any, tmp_path: Path) -> None:
    """The theme makes an overflowing code block focusable only where the pointer hovers: on a
    phone (or a tablet with a keyboard) it could not be scrolled from the keyboard (axe:
    scrollable-region-focusable, serious). A block that fits takes no focus."""
    catalog = CatalogDir.new(tmp_path / "catalog")
    catalog.course("wide", course_data("wide"))
    long_line = " ".join(f"--option-{number}=value" for number in range(12))
    catalog.write("courses/wide/index.md", f"# Wide\n\n```bash\nkeystone {long_line}\n```\n\n```bash\nls\n```\n")
    build_site(catalog.config, tmp_path / "site")
    with serve(tmp_path / "site") as url, open_page(browser, viewport={"width": 390, "height": 844},
                                                    is_mobile=True, has_touch=True) as page:
        page.goto(url + "courses/wide/")
        blocks = page.locator(".md-typeset pre > code")
        expect(blocks.first).to_have_attribute("tabindex", "0")
        assert blocks.nth(1).get_attribute("tabindex") is None
        page.wait_for_function(ANIMATIONS_SETTLED)
        results = Axe().run(page, options={"runOnly": ["scrollable-region-focusable"]})
        assert results.response["violations"] == []


def test_a_site_without_a_palette_keeps_the_contrast_of_one_with_the_default(browser: Any, tmp_path: Path) -> None:
    """Without `theme.palette` Material writes no colour scheme on <body>, and the fixes for
    its light scheme did not apply: the search's status line was 4.41:1 (axe: color-contrast)."""
    catalog = CatalogDir.new(tmp_path / "catalog")
    assert "palette" not in catalog.config.read_text(encoding="utf-8")
    catalog.course("intro", course_data("intro"))
    build_site(catalog.config, tmp_path / "site")
    with serve(tmp_path / "site") as url, open_page(browser, viewport={"width": 1366, "height": 800}) as page:
        page.goto(url + "catalog/")
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("intro")
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        assert blocking_violations(page) == []
        page.locator("[data-cards] li h2 a").first.focus()
        accent = page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-accent-fg-color').trim()")
        assert accent == "#3d5afe"


GLYPHS = re.compile("[▸▾←→↓]")


@pytest.mark.parametrize("path", ["catalog/", "courses/keystone-101/filters/", "tracks/power-user-path/"])
def test_glyphs_drawn_for_the_eye_are_not_read_out(page: Any, example_site: str, path: str) -> None:
    """The filter toggle's triangle, the breadcrumb's and pager's arrows and the track
    diagram's were in the names screen readers say ("black right-pointing small triangle
    Filters", "left arrow Previous unit"), as Chromium's accessibility tree shows."""
    page.goto(example_site + path)
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    said = [str(node["name"]["value"]) for node in tree["nodes"] if node.get("name", {}).get("value")]
    assert said and [name for name in said if GLYPHS.search(name)] == []


def test_a_sessions_language_is_named_in_the_pages_language(page: Any, example_site: str) -> None:
    """"in Japanese" on an English page: "Japanese" was marked lang="ja", and read with a Japanese voice."""
    page.goto(example_site + "courses/admin-office-hours/")
    said = page.locator(".syllabus-session-language").first
    expect(said).to_have_text(re.compile(r"in Japanese"))
    expect(said.locator("[lang]")).to_have_count(0)


def test_a_chart_wider_than_the_page_is_reached_by_the_keyboard(browser: Any, tmp_path: Path) -> None:
    """The internal insights page's charts scrolled at 390 px in a figure no key could reach
    (axe: scrollable-region-focusable): named by the chart's title, as wide tables are."""
    site = tmp_path / "site"
    build_site(REPO / "mkdocs.yml", site, env={"SYLLABUS_AUDIENCE": "internal"})
    with serve(site) as url, open_page(browser, viewport={"width": 390, "height": 800}) as page:
        page.goto(url + "insights/")
        charts = page.locator(".syllabus-chart")
        expect(charts.first).to_have_attribute("role", "region")
        titles = charts.evaluate_all("charts => charts.map(c => c.querySelector('svg > title').textContent)")
        overflowing = charts.evaluate_all("charts => charts.map(c => c.scrollWidth > c.clientWidth + 1)")
        assert overflowing[0] and [charts.nth(n).get_attribute("aria-label") for n in range(len(titles))] == [
            f"{title} (scrolls sideways)" if wide else None for title, wide in zip(titles, overflowing, strict=True)]
        page.wait_for_function(ANIMATIONS_SETTLED)
        results = Axe().run(page, options={"runOnly": ["landmark-unique", "scrollable-region-focusable"]})
        assert results.response["violations"] == []
        page.set_viewport_size({"width": 1366, "height": 800})
        expect(page.locator(".syllabus-chart[role=region]")).to_have_count(0)
