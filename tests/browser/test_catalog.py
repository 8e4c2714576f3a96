"""The catalog page in Chromium: facets and their counts, URL state, empty state, sorting,
keyboard use, the role entry points of the home page and the page without JavaScript.

Expected results are computed here, in Python, from the site's ``catalog.json``: AND
across facets, OR within one, and a facet's counts ignore that facet's own selection.
"""

from __future__ import annotations

import itertools
import json
import re
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from syllabus.core.locale_format import ENGLISH_FORMAT
from syllabus.export.facets import duration_bucket

from ..conftest import CatalogDir, build_site
from .conftest import open_page, serve

Selection = Mapping[str, Sequence[str]]


# Expected state, from catalog.json -------------------------------------------------


@pytest.fixture(scope="module")
def courses(example_site: str) -> list[dict[str, Any]]:
    with urllib.request.urlopen(example_site + "catalog.json") as response:
        return json.load(response)["courses"]


def facet_values(course: Mapping[str, Any]) -> dict[str, list[str]]:
    """A course's languages are its own and those its sessions (catalog.json lists the
    upcoming ones) are taught in, cancelled ones aside."""
    taught_in = [session["language"] for session in course["sessions"]
                 if session.get("language") and session["status"] != "cancelled"]
    return {
        "role": course["roles"], "level": [course["level"]], "format": [course["format"]],
        "product": course["products"], "language": list(dict.fromkeys([course["language"], *taught_in])),
        "duration": [duration_bucket(course["duration_minutes"])],
    }


def matches(course: Mapping[str, Any], selection: Selection, ignore: str = "") -> bool:
    values = facet_values(course)
    return all(set(values[key]) & set(chosen) for key, chosen in selection.items() if chosen and key != ignore)


def expected_ids(courses: Sequence[Mapping[str, Any]], selection: Selection) -> set[str]:
    return {course["id"] for course in courses if matches(course, selection)}


def expected_counts(courses: Sequence[Mapping[str, Any]], selection: Selection) -> dict[str, int]:
    """``{"role=admin": n}`` for every value some course has: how many would show if ticked too."""
    counts: dict[str, int] = {}
    for course in courses:
        for key, values in facet_values(course).items():
            for value in values:
                counts.setdefault(f"{key}={value}", 0)
                counts[f"{key}={value}"] += matches(course, selection, ignore=key)
    return counts


# What the page shows ----------------------------------------------------------------


def visible_ids(page: Any) -> list[str]:
    """Card ids in display order, hidden cards left out."""
    return page.evaluate(
        "() => [...document.querySelectorAll('li.syllabus-card')].filter(c => !c.hidden).map(c => c.dataset.id)")


def shown_counts(page: Any) -> dict[str, int]:
    texts = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('[data-count-for]')]"
        ".map(n => [n.dataset.countFor, n.textContent]))")
    return {key: int(text.strip("()")) for key, text in texts.items()}


def result_text(count: int) -> str:
    return "1 course" if count == 1 else f"{count} courses"


def query(page: Any) -> str:
    return urlsplit(page.url).query


def checkbox(page: Any, key: str, value: str) -> Any:
    return page.locator(f"input[name='{key}'][value='{value}']")


def assert_shows(page: Any, courses: Sequence[Mapping[str, Any]], selection: Selection) -> None:
    """Cards, per-option counts, result count and empty state all match ``selection``."""
    expected = expected_ids(courses, selection)
    expect(page.locator("[data-result-count]")).to_have_text(result_text(len(expected)))
    assert set(visible_ids(page)) == expected
    assert shown_counts(page) == expected_counts(courses, selection)
    for key, value in (option.split("=", 1) for option in shown_counts(page)):
        if value in selection.get(key, ()):
            expect(checkbox(page, key, value)).to_be_checked()
        else:
            expect(checkbox(page, key, value)).not_to_be_checked()
    if expected:
        expect(page.locator("[data-empty]")).to_be_hidden()
    else:
        expect(page.locator("[data-empty]")).to_be_visible()


# Tests ------------------------------------------------------------------------------


def test_every_card_is_listed_without_javascript(browser: Any, example_site: str,
                                                 courses: list[dict[str, Any]]) -> None:
    with open_page(browser, java_script_enabled=False) as page:
        page.goto(example_site + "catalog/?role=admin")
        cards = page.locator("li.syllabus-card")
        expect(cards).to_have_count(len(courses))
        expect(page.locator("[data-result-count]")).to_have_text(result_text(len(courses)))
        for course in courses:
            card = page.locator(f"li.syllabus-card[data-id='{course['id']}']")
            expect(card).to_be_visible()
            expect(card.locator("h2 a")).to_have_text(course["title"])
            expect(card).to_contain_text(course["summary"])
            bookable = any(session["status"] == "scheduled" for session in course["sessions"])
            expect(card.locator(".syllabus-next")).to_contain_text("Next live session" if bookable else "On demand")
        # Initial counts are rendered by the build, not only by the script.
        assert shown_counts(page) == expected_counts(courses, {})
        # Filters that cannot filter (the address said role=admin, every card is listed) are
        # not offered, and the cards take the width they leave.
        expect(page.locator("form[data-filters]")).to_be_hidden()
        assert page.locator("[data-cards]").bounding_box()["x"] < 100
    with open_page(browser) as page:
        # With script nothing moves, however late the theme's script comes: hidden by Material's
        # no-js class (removed at the end of the body), the filters pushed the cards by 0.17.
        page.add_init_script("window.shifted = 0; new PerformanceObserver(list => list.getEntries().forEach("
                             "entry => { window.shifted += entry.value; })).observe({type: 'layout-shift', "
                             "buffered: true});")
        page.route("**/bundle.*.js", lambda route: (time.sleep(0.8), route.continue_()))
        page.goto(example_site + "catalog/")
        expect(page.locator("form[data-filters]")).to_be_visible()
        page.wait_for_timeout(500)
        assert page.evaluate("window.shifted") < 0.05


def test_cards_show_the_course_facts(page: Any, example_site: str, courses: list[dict[str, Any]]) -> None:
    bootcamp = next(course for course in courses if course["id"] == "search-bootcamp-live")
    first = next(s for s in bootcamp["sessions"] if s["status"] == "scheduled")  # full ones cannot be booked
    page.goto(example_site + "catalog/")
    card = page.locator("li.syllabus-card[data-id='search-bootcamp-live']")
    for fact in ("Code search bootcamp (live)", "Beginner", "Live online", "2 h", "en", "For End user",
                 "Next live session", f"({ENGLISH_FORMAT.city(first['timezone'])})", "Or take it on demand"):
        expect(card).to_contain_text(fact)
    japanese = page.locator("li.syllabus-card[data-id='keystone-101-ja']")
    expect(japanese.locator(".syllabus-card-title")).to_have_attribute("lang", "ja")  # the course's words
    expect(japanese).not_to_have_attribute("lang", "ja")  # not the site's labels around them
    expect(page.locator("li.syllabus-card[data-id='keystone-101'] .syllabus-next")).to_have_text("On demand")


def test_filters_combine_and_counts_follow(page: Any, example_site: str, courses: list[dict[str, Any]]) -> None:
    page.goto(example_site + "catalog/")
    assert_shows(page, courses, {})
    steps: list[tuple[str, str]] = [("role", "admin"), ("role", "manager"), ("level", "intermediate"),
                                    ("format", "virtual-ilt"), ("format", "self-paced"), ("product", "platform")]
    selection: dict[str, list[str]] = {}
    for key, value in steps:
        checkbox(page, key, value).check()
        selection.setdefault(key, []).append(value)
        assert_shows(page, courses, selection)
    # OR within a facet widened the list, AND across facets narrowed it.
    assert expected_ids(courses, {"role": ["admin"]}) < expected_ids(courses, {"role": ["admin", "manager"]})
    assert expected_ids(courses, selection) < expected_ids(courses, {"role": ["admin", "manager"]})
    checkbox(page, "role", "admin").uncheck()
    selection["role"].remove("admin")
    assert_shows(page, courses, selection)


def test_filter_state_lives_in_the_url(page: Any, example_site: str, courses: list[dict[str, Any]]) -> None:
    page.goto(example_site + "catalog/")
    checkbox(page, "role", "admin").check()
    expect(page).to_have_url(re.compile(r"/catalog/\?role=admin$"))
    checkbox(page, "level", "advanced").check()
    expect(page).to_have_url(re.compile(r"/catalog/\?role=admin&level=advanced$"))
    both = {"role": ["admin"], "level": ["advanced"]}
    assert_shows(page, courses, both)

    page.reload()
    assert_shows(page, courses, both)

    page.go_back()
    expect(page).to_have_url(re.compile(r"/catalog/\?role=admin$"))
    assert_shows(page, courses, {"role": ["admin"]})
    page.go_back()
    expect(page).to_have_url(re.compile(r"/catalog/$"))
    assert_shows(page, courses, {})
    page.go_forward()
    page.go_forward()
    expect(page).to_have_url(re.compile(r"/catalog/\?role=admin&level=advanced$"))
    assert_shows(page, courses, both)


def test_keywords_find_the_words_a_card_shows_and_the_units(page: Any, example_site: str,
                                                            courses: list[dict[str, Any]]) -> None:
    """"beginner" and "live online" are on the cards, a unit's title is in the course: the box
    found neither."""
    page.goto(example_site + "catalog/")
    page.fill("#syllabus-keywords", "beginner")
    expect(page.locator("[data-result-count]")).to_have_text(
        f"{sum(course['level'] == 'beginner' for course in courses)} courses")
    page.fill("#syllabus-keywords", "live online")
    expect(page.locator("[data-result-count]")).to_have_text(
        f"{sum(course['format'] == 'virtual-ilt' for course in courses)} courses")
    page.fill("#syllabus-keywords", "regular expressions")
    expect(page.locator("[data-result-count]")).to_have_text("1 course")
    assert visible_ids(page) == ["keystone-102"]
    page.fill("#syllabus-keywords", "ＲＥＧＵＬＡＲ　ｅｘｐｒｅｓｓｉｏｎｓ")  # as a Japanese keyboard types it
    expect(page.locator("[data-result-count]")).to_have_text("1 course")
    # Katakana and hiragana find each other, as a phone's Japanese keyboard offers either.
    for typed in ("なびげーしょん", "ナビゲーション", "ｺｰﾄﾞ"):
        page.fill("#syllabus-keywords", typed)
        expect(page.locator("[data-result-count]")).to_have_text("1 course")
        assert visible_ids(page) == ["keystone-101-ja"]


def test_keywords_list_the_courses_titled_with_them_first(page: Any, example_site: str,
                                                          courses: list[dict[str, Any]]) -> None:
    """"search" is in 13 of 16 courses (a product is "Code search"): sorted by title alone,
    "Admin essentials" came before "Code search bootcamp". Courses whose title holds every
    word come first, each group by title; another sort is kept as chosen."""
    page.goto(example_site + "catalog/")
    page.fill("#syllabus-keywords", "Search ")
    expect(page.locator("[data-result-count]")).not_to_have_text(f"{len(courses)} courses")
    shown = visible_ids(page)
    titles = {course["id"]: course["title"] for course in courses}
    titled = [i for i in shown if "search" in titles[i].lower()]
    assert len(titled) >= 2 and len(shown) > len(titled)
    assert shown[:len(titled)] == titled  # the titled ones first
    collate = page.evaluate("ts => ts.slice().sort(new Intl.Collator(undefined, {numeric: true}).compare)",
                            [titles[i] for i in titled])
    assert [titles[i] for i in titled] == collate
    page.select_option("#syllabus-sort", "duration")
    minutes = {course["id"]: course["duration_minutes"] for course in courses}
    by_duration = [minutes[i] for i in visible_ids(page)]
    assert by_duration == sorted(by_duration) and visible_ids(page) != shown


def test_a_card_filtered_by_language_shows_a_session_in_it(page: Any, example_site: str) -> None:
    """The briefing's next class is in English, a later one in Japanese: filtered to Japanese,
    the card shows that one and says so; unfiltered, the next again."""
    card = page.locator("li.syllabus-card[data-id='executive-briefing'] .syllabus-next")
    page.goto(example_site + "catalog/?language=ja")
    expect(card.locator(".syllabus-card-session")).to_have_count(1)
    expect(card.locator("time")).to_have_attribute("data-start", "2027-02-18T09:30:00+09:00")
    expect(card).to_contain_text(" · in Japanese")
    checkbox(page, "language", "ja").uncheck()
    expect(card.locator("time")).to_have_attribute("data-start", "2026-12-09T09:00:00-05:00")
    expect(card).not_to_contain_text("in Japanese")
    checkbox(page, "language", "en").check()
    checkbox(page, "language", "ja").check()  # either language: the next of both
    expect(card.locator("time")).to_have_attribute("data-start", "2026-12-09T09:00:00-05:00")
    # Sorted by next session, the cards follow the sessions they show.
    page.goto(example_site + "catalog/?language=ja&sort=next")
    expect(card).to_contain_text(" · in Japanese")
    starts = page.locator("li.syllabus-card .syllabus-card-session time").evaluate_all(
        "nodes => nodes.map(node => Date.parse(node.dataset.start))")
    assert len(starts) > 1 and starts == sorted(starts)


def test_a_shared_link_opens_the_filtered_view(page: Any, example_site: str, courses: list[dict[str, Any]]) -> None:
    page.goto(example_site + "catalog/?role=end-user&language=ja")
    assert_shows(page, courses, {"role": ["end-user"], "language": ["ja"]})
    assert visible_ids(page) == ["search-bootcamp-live", "keystone-101-ja"]  # one has a class taught in Japanese
    # Comma lists are read too, and written back as repeated parameters.
    page.goto(example_site + "catalog/?role=admin,manager")
    assert_shows(page, courses, {"role": ["admin", "manager"]})
    assert query(page) == "role=admin&role=manager"



def test_filters_survive_materials_instant_page_swap(page: Any, example_site: str,
                                                    courses: list[dict[str, Any]]) -> None:
    """The first Back after a load makes Material fetch the page and swap it in, re-creating
    its inline scripts without their type: the filter data must not live in one."""
    page.goto(example_site + "catalog/?role=admin")
    page.evaluate("location.hash = 'top'")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/catalog/\?role=admin$"))
    checkbox(page, "level", "advanced").check()
    assert_shows(page, courses, {"role": ["admin"], "level": ["advanced"]})

def test_values_no_checkbox_offers_are_dropped(page: Any, example_site: str, courses: list[dict[str, Any]]) -> None:
    page.goto(example_site + "catalog/?role=admin&level=retired-level&colour=red")
    assert_shows(page, courses, {"role": ["admin"]})
    assert query(page) == "role=admin"


def zero_result_selection(courses: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """The first role and level, both offered, that no course has together."""
    roles = sorted({role for course in courses for role in course["roles"]})
    levels = sorted({course["level"] for course in courses})
    for role, level in itertools.product(roles, levels):
        selection = {"role": [role], "level": [level]}
        if not expected_ids(courses, selection):
            return selection
    raise AssertionError("the example catalog has no empty role × level combination")


def test_empty_state_suggests_removing_a_filter(page: Any, example_site: str, courses: list[dict[str, Any]]) -> None:
    selection = zero_result_selection(courses)
    page.goto(example_site + "catalog/")
    checkbox(page, "role", selection["role"][0]).check()
    checkbox(page, "level", selection["level"][0]).check()
    assert_shows(page, courses, selection)
    expect(page.locator("[data-result-count]")).to_have_text("0 courses")
    empty = page.locator("[data-empty]")
    expect(empty).to_contain_text("Try fewer words or filters")
    empty.get_by_role("link", name="clear all filters").click()
    assert_shows(page, courses, {})
    assert query(page) == ""
    expect(page.locator("form[data-filters] input").first).to_be_focused()


def test_clear_all_resets_filters_but_keeps_the_sort(page: Any, example_site: str,
                                                      courses: list[dict[str, Any]]) -> None:
    page.goto(example_site + "catalog/?role=admin&format=self-paced&sort=duration")
    assert_shows(page, courses, {"role": ["admin"], "format": ["self-paced"]})
    page.get_by_role("button", name="Clear all filters").click()
    assert_shows(page, courses, {})
    assert query(page) == "sort=duration"
    page.go_back()
    assert_shows(page, courses, {"role": ["admin"], "format": ["self-paced"]})


def test_sort_by_title_duration_and_next_session(page: Any, example_site: str,
                                                 courses: list[dict[str, Any]]) -> None:
    by_id = {course["id"]: course for course in courses}

    def next_start(course_id: str) -> str:
        upcoming = [s["start_utc"] for s in by_id[course_id]["sessions"] if s["status"] == "scheduled"]
        return upcoming[0] if upcoming else "~"  # no session: after every date

    page.goto(example_site + "catalog/")
    titles = [by_id[i]["title"].casefold() for i in visible_ids(page)]
    assert titles == sorted(titles)

    page.select_option("select#syllabus-sort", "duration")
    expect(page).to_have_url(re.compile(r"\?sort=duration$"))
    minutes = [by_id[i]["duration_minutes"] for i in visible_ids(page)]
    assert minutes == sorted(minutes) and len(minutes) == len(courses)

    page.select_option("select#syllabus-sort", "next")
    order = visible_ids(page)
    starts = [next_start(i) for i in order]
    assert starts == sorted(starts)
    assert order[0] == min(by_id, key=next_start)

    checkbox(page, "format", "virtual-ilt").check()
    page.reload()
    expect(page.locator("select#syllabus-sort")).to_have_value("next")
    filtered = visible_ids(page)
    assert filtered == [i for i in order if i in expected_ids(courses, {"format": ["virtual-ilt"]})]


def tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has focus (as a keyboard user would)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} was not reached with Tab")


def test_filters_work_from_the_keyboard(page: Any, example_site: str, courses: list[dict[str, Any]]) -> None:
    page.goto(example_site + "catalog/")
    result = page.locator("[data-result-count]")
    expect(result).to_have_attribute("role", "status")
    expect(result).to_have_attribute("aria-live", "polite")

    first = page.locator("input[name='role']").first
    tab_to(page, "input[name='role']")
    expect(first).to_be_focused()
    outline = first.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth]; }")
    assert outline[0] != "none" and outline[1] != "0px", outline
    role = first.get_attribute("value")
    # Labelled form control: the label names it, and clicking the label would toggle it.
    expect(page.get_by_role("checkbox", name=re.compile(page.locator(f"label[for='f-role-{role}']")
                                                       .inner_text().split(" (")[0]))).to_have_count(1)

    page.keyboard.press("Space")
    expect(first).to_be_checked()
    assert query(page) == f"role={role}"
    assert_shows(page, courses, {"role": [role]})

    page.keyboard.press("Tab")
    second = page.locator("input[name='role']").nth(1)
    expect(second).to_be_focused()
    page.keyboard.press("Space")
    assert_shows(page, courses, {"role": [role, second.get_attribute("value")]})

    tab_to(page, "button[data-clear]")
    page.keyboard.press("Enter")
    assert_shows(page, courses, {})
    # Nothing left to clear: the button goes, and focus waits where a new search starts.
    expect(page.locator("button[data-clear]")).to_be_hidden()
    expect(page.locator("input[name=keywords]")).to_be_focused()
    page.keyboard.type("search")
    expect(page.locator("button[data-clear]")).to_be_visible()
    page.locator("button[data-clear]").click()  # a click: not to the box (a phone's keyboard stays closed)
    expect(page.locator("input[name=keywords]")).not_to_be_focused()
    expect(page.locator("[data-result-count]")).to_be_focused()  # nor nowhere, as the hidden button left it


def test_the_filters_open_and_fold_as_a_tablet_turns(browser: Any, example_site: str) -> None:
    """Opened once, at load: turned to landscape the filters stayed folded, and turned back
    they stayed open above the results, the first card off the screen."""
    with open_page(browser, viewport={"width": 768, "height": 1024}, is_mobile=True, has_touch=True) as page:
        page.goto(example_site + "catalog/")
        panel = page.locator("[data-filter-panel]")
        assert not panel.evaluate("panel => panel.open")
        page.set_viewport_size({"width": 1024, "height": 768})
        expect(panel).to_have_js_property("open", True)
        page.set_viewport_size({"width": 768, "height": 1024})
        expect(panel).to_have_js_property("open", False)
        assert page.locator("[data-cards] > *").first.evaluate("card => card.getBoundingClientRect().top") < 1024


def test_home_page_role_entry_points(page: Any, example_site: str, courses: list[dict[str, Any]]) -> None:
    page.goto(example_site)
    # Each card is titled by the role as the site's taxonomy writes it: no English grammar applied
    # to it (no "a"/"an", no lower-casing that would turn "SRE" into "sre").
    card = page.locator(".syllabus-role-card").filter(
        has=page.get_by_role("heading", name="Administrator", exact=True))
    expect(card).to_have_count(1)
    expect(card.get_by_role("link", name="Administrator", exact=True)).to_have_attribute(  # the role's one track
        "href", re.compile(r"(^|/)tracks/admin-path/$"))
    card.get_by_role("link", name="Administrator: all courses", exact=True).click()
    expect(page).to_have_url(re.compile(r"/catalog/\?role=admin$"))
    assert_shows(page, courses, {"role": ["admin"]})
    page.go_back()
    roles = page.locator(".syllabus-role-grid")
    expect(roles.get_by_role("heading", name="End user", exact=True)).to_be_visible()
    roles.get_by_role("link", name="End user", exact=True).click()
    expect(page).to_have_url(re.compile(r"/tracks/end-user-path/$"))


@pytest.fixture(scope="module")
def large_catalog_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """100 courses: more than the script lists before "Show more"."""
    root = tmp_path_factory.mktemp("large")
    catalog = CatalogDir.new(root / "catalog")
    for index in range(100):
        live = {"format": "virtual-ilt", "sessions": [{"start": "2026-12-08T11:00", "timezone": "America/New_York"}]}
        catalog.course(f"course-{index:03d}", title=f"Module {index}", roles=["admin" if index % 4 else "end-user"],
                       duration_minutes=30 + index, **(live if index % 10 == 0 else {}))
    build_site(catalog.config, root / "site")
    with serve(root / "site") as url:
        yield url


def test_large_results_are_listed_a_page_at_a_time(page: Any, large_catalog_site: str) -> None:
    page.goto(large_catalog_site + "catalog/")
    expect(page.locator("[data-result-count]")).to_have_text("100 courses")
    listed = len(visible_ids(page))
    assert 0 < listed < 100
    more = page.locator("button[data-more]")
    expect(more).to_have_text(f"Show {min(listed, 100 - listed)} more ({listed} of 100 shown)")
    # Counts still cover every course, listed or not.
    assert shown_counts(page)["role=admin"] == 75

    more.focus()
    page.keyboard.press("Enter")
    ids = visible_ids(page)
    assert len(ids) == min(2 * listed, 100)
    expect(page.locator(f"li.syllabus-card[data-id='{ids[listed]}'] a")).to_be_focused()
    assert ids == sorted(ids)  # title order, numbers as numbers: "Module 2" before "Module 10"

    checkbox(page, "role", "end-user").check()
    assert len(visible_ids(page)) == 25 and listed >= 25
    expect(more).to_be_hidden()
    assert "-" not in more.text_content()  # not "Show -23 more (48 of 25 shown)" in the page
    checkbox(page, "role", "end-user").uncheck()
    assert len(visible_ids(page)) == listed  # a new filter starts from the first page again


@pytest.fixture(scope="module")
def large_instant_catalog_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The large catalog with Material's instant navigation, which keeps its own history state."""
    root = tmp_path_factory.mktemp("large-instant")
    catalog = CatalogDir.new(root / "catalog")
    for index in range(100):
        catalog.course(f"course-{index:03d}", title=f"Module {index}", duration_minutes=30 + index)
    catalog.config.write_text(catalog.config.read_text(encoding="utf-8").replace(
        "name: material", "name: material\n  features: [navigation.instant]"), encoding="utf-8")
    build_site(catalog.config, root / "site")
    with serve(root / "site") as url:
        yield url


@pytest.mark.parametrize("site", ["large_catalog_site", "large_instant_catalog_site"])
def test_back_from_a_course_the_longer_list_is_there_again(page: Any, request: pytest.FixtureRequest,
                                                           site: str) -> None:
    """Back from a card shown by "Show more", the list had its first page only and the reader
    was put at its end, the course they came from gone; kept in history.state, it was lost to
    instant navigation's own state on reload."""
    page.goto(request.getfixturevalue(site) + "catalog/")
    listed = len(visible_ids(page))
    page.locator("button[data-more]").click()
    ids = visible_ids(page)
    assert len(ids) == 2 * listed
    card = page.locator(f"li.syllabus-card[data-id='{ids[-2]}']")
    card.scroll_into_view_if_needed()
    card.locator("h2 a").click()
    page.wait_for_url(re.compile(f"courses/{ids[-2]}/"))
    page.go_back()
    expect(page.locator("li.syllabus-card")).to_have_count(2 * listed)
    expect(card).to_be_in_viewport()
    page.mouse.wheel(0, -40)  # instant navigation writes the place into its history state
    page.wait_for_timeout(500)
    page.reload()  # and on reload
    expect(page.locator("li.syllabus-card")).to_have_count(2 * listed)
    expect(card).to_be_in_viewport()
    page.go_forward()
    page.go_back()
    expect(card).to_be_in_viewport()


@pytest.mark.parametrize(("kept", "listed"), [("50.5", 48), ("1e9", 48), ("Infinity", 48), ("-96", 48),
                                              ("96", 96), ("5000", 100)])
def test_a_kept_count_is_a_whole_number_of_cards_at_most_every_course(page: Any, large_catalog_site: str,
                                                                      kept: str, listed: int) -> None:
    page.goto(large_catalog_site + "catalog/")
    page.evaluate(f"sessionStorage.setItem('syllabus-listed:/catalog/', {kept!r})")
    page.reload()
    expect(page.locator("li.syllabus-card")).to_have_count(listed)


def test_cards_beyond_the_first_page_are_localised_when_shown(browser: Any, large_catalog_site: str) -> None:
    with open_page(browser, timezone_id="Asia/Tokyo", locale="en-GB") as page:
        page.goto(large_catalog_site + "catalog/")
        more = page.locator("button[data-more]")
        while more.is_visible():
            more.click()
        expect(page.locator("li.syllabus-card")).to_have_count(100)
        times = page.locator("li.syllabus-card time[data-start]")
        expect(times).to_have_count(10)
        expect(page.locator("li.syllabus-card time .syllabus-time-secondary")).to_have_count(10)
        expect(times.last.locator(".syllabus-time-primary")).to_contain_text("Wed, Dec 9, 2026, 01:00")


def test_opened_from_files_the_pages_scripts_run(page: Any, example_site_folder: Path,
                                                 courses: list[dict[str, Any]]) -> None:
    """Material's offline plugin makes the site to open from files, where instant navigation
    (on in the example) never starts and never announces a page: the filters stayed hidden
    and session times stayed in the organiser's zone."""
    page.goto((example_site_folder / "catalog" / "index.html").as_uri())
    checkbox(page, "role", "admin").check()
    assert_shows(page, courses, {"role": ["admin"]})
    page.goto((example_site_folder / "courses" / "search-bootcamp-live" / "index.html").as_uri())
    expect(page.locator(".syllabus-session-time").first).to_contain_text("your time")
