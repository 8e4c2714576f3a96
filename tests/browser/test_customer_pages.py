"""Every customer-facing page type, on a phone (390x844) and a laptop (1366x900): nothing
scrolls sideways, one <h1>, axe-core finds nothing at all (WCAG 2.2 target size included),
and no request leaves the site."""

from __future__ import annotations

import json
import re
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from ..conftest import REPO, CatalogDir, build_site, course_data
from .conftest import is_remote, open_page, serve

sys.path.insert(0, str(REPO / "scripts"))
from local_site import CUSTOMER_PAGES

from .test_accessibility import ANIMATIONS_SETTLED

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 900}}
# target-size (WCAG 2.2, 2.5.8: 24 by 24 px, or spaced as far apart) is off in axe by default.
AXE_OPTIONS = {"rules": {"target-size": {"enabled": True}}}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", CUSTOMER_PAGES)
def test_page_fits_is_accessible_and_stays_on_the_site(browser: Any, example_site: str, name: str,
                                                        viewport: str) -> None:
    requested: list[str] = []
    with open_page(browser, viewport=VIEWPORTS[viewport], timezone_id="Europe/Berlin", locale="en-GB") as page:
        page.on("request", lambda request: requested.append(request.url))
        page.goto(example_site + CUSTOMER_PAGES[name])
        page.wait_for_load_state("networkidle")
        page.wait_for_function(ANIMATIONS_SETTLED)
        width, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= inner, f"{name} scrolls sideways: {width} > {inner}"
        expect(page.locator("h1")).to_have_count(1)
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in violations] == []
    assert len(requested) > 3
    assert [url for url in requested if is_remote(url)] == []


def keyword_matches(example_site: str, words: str) -> list[str]:
    """Ids of the courses whose title, summary, tags or product titles hold every word."""
    with urllib.request.urlopen(example_site + "catalog.json") as response:
        document = json.load(response)
    products = document["taxonomy"]["products"]
    found = []
    for course in document["courses"]:
        tags = yaml.safe_load((REPO / "courses" / course["id"] / "course.yml").read_text("utf-8")).get("tags", [])
        text = " ".join([course["title"], course["summary"], *tags,
                         *(products[p]["title"] for p in course["products"])]).lower()
        if all(word in text for word in words.lower().split()):
            found.append(course["id"])
    return sorted(found)


def test_catalog_keyword_box_filters_at_once_and_is_in_the_address(page: Any, example_site: str) -> None:
    page.goto(example_site + "catalog/")
    cards = page.locator("li.syllabus-card")
    total = cards.count()
    for words in ("batch", "insights dashboards", "CERTIFICATION"):
        expected = keyword_matches(example_site, words)
        assert 0 < len(expected) < total, words
        page.get_by_label("Search the catalog").fill(words)
        expect(cards).to_have_count(len(expected))
        assert sorted(cards.evaluate_all("cards => cards.map(c => c.dataset.id)")) == expected
    assert page.evaluate("location.search") == "?keywords=CERTIFICATION"
    page.goto(example_site + "catalog/?keywords=code+insights&role=manager")
    expect(page.get_by_label("Search the catalog")).to_have_value("code insights")
    expect(page.locator("input[name=role][value=manager]")).to_be_checked()
    page.get_by_role("button", name="Clear all filters").click()
    expect(cards).to_have_count(total)


CLEAR_OF_THE_BUTTON = """() => {
    const focused = document.activeElement.closest('.syllabus-option') || document.activeElement;
    const box = focused.getBoundingClientRect();
    const button = document.querySelector('[data-show-results]').getBoundingClientRect();
    return box.bottom <= button.top || box.top >= button.bottom; }"""


def test_facets_fold_above_the_results_on_a_phone_and_open_beside_them_on_a_laptop(
        browser: Any, example_site: str) -> None:
    for viewport, folded in (("phone", True), ("laptop", False)):
        with open_page(browser, viewport=VIEWPORTS[viewport]) as page:
            page.goto(example_site + "catalog/")
            panel = page.locator("details[data-filter-panel]")
            expect(panel).to_have_js_property("open", not folded)
            first_card = page.locator("li.syllabus-card").first.bounding_box()
            assert (first_card["y"] < VIEWPORTS[viewport]["height"]) is True, viewport  # results on screen 1
            show = page.locator("[data-show-results]")
            if folded:
                page.get_by_text("Filters", exact=True).click()
                # The results are a screen below the open panel: its button says how many and goes
                # there, and stays at the foot of the screen while the filters run past it.
                expect(show).to_be_in_viewport()
                page.locator("input[name=level][value=advanced]").check()
                page.locator("input[name=language][value=ja]").scroll_into_view_if_needed()
                page.locator("input[name=language][value=ja]").check()
                expect(page.locator("[data-active-count]")).to_have_text("(2 selected)")
                expect(show).to_have_text("Show 2 courses")  # advanced, with sessions in Japanese
                expect(show).to_be_in_viewport()
                # Tabbing through the filters, none ends up behind the button (WCAG 2.4.11).
                page.locator("input[name=role]").first.focus()
                for _ in range(page.locator("[data-filter-panel] input").count()):
                    assert page.evaluate(CLEAR_OF_THE_BUTTON), page.evaluate("document.activeElement.id")
                    page.keyboard.press("Tab")
                expect(page.locator("[data-result-count]")).to_have_text("2 courses")
                show.click()
                expect(panel).to_have_js_property("open", False)
                expect(page.locator("[data-result-count]")).to_be_focused()
                expect(page.locator("li.syllabus-card").first).to_be_in_viewport()
                # Scrolled up to the count, the theme shows "Back to top" over the page: not over the count.
                back_to_top = page.locator(".md-top")
                expect(back_to_top).to_be_visible()
                page.wait_for_function("""() => { const count = document.querySelector('[data-result-count]');
                    const button = document.querySelector('.md-top');
                    return count.getBoundingClientRect().top >= button.getBoundingClientRect().bottom; }""",
                                       timeout=2_000)
                panel.locator("summary").click()  # open again for the checks below
            else:
                expect(show).to_be_hidden()  # the results are beside the panel
            # Languages by name, in the page's language.
            expect(page.locator("label[for='f-language-ja']")).to_contain_text("Japanese")
            box = page.locator("input[name=role]").first.bounding_box()
            assert box["width"] >= 24 and box["height"] >= 24, box


def test_catalog_shows_two_or_more_columns_from_1000_px(browser: Any, example_site: str) -> None:
    with open_page(browser, viewport={"width": 1000, "height": 800}) as page:
        page.goto(example_site + "catalog/")
        tops = page.locator("li.syllabus-card").evaluate_all("cards => cards.slice(0, 4).map(c => c.offsetTop)")
        assert tops[0] == tops[1], tops


def test_home_and_404_search_entries_open_the_header_search(browser: Any, example_site: str) -> None:
    for viewport in VIEWPORTS.values():
        with open_page(browser, viewport=viewport) as page:
            for path in ("", "404.html"):
                page.goto(example_site + path)
                entry = page.get_by_role("button", name="Search courses, tracks and plans")
                entry.click()
                expect(page.locator("input.md-search__input")).to_be_focused()
                page.keyboard.press("Escape")
                expect(entry).to_be_focused()  # a keyboard user goes on from where they were


def test_home_shows_next_live_sessions_in_the_visitors_zone_and_paths_with_their_length(
        browser: Any, example_site: str) -> None:
    with open_page(browser, timezone_id="Asia/Tokyo", locale="en-GB") as page:
        page.goto(example_site)
        sessions = page.locator(".syllabus-home-sessions li:visible")
        expect(sessions).to_have_count(4)
        expect(sessions.first.locator(".syllabus-time-primary")).to_contain_text("(your time: Japan Standard Time)")
        expect(page.locator(".syllabus-track-card")).to_have_count(4)
        expect(page.locator(".syllabus-track-card").first).to_contain_text("required")
        # The first screen of a phone holds the search entry and the first role.
        page.set_viewport_size(VIEWPORTS["phone"])
        for target in (page.locator("[data-search-entry]"), page.locator(".syllabus-role-card").first):
            assert target.bounding_box()["y"] < VIEWPORTS["phone"]["height"]


def test_a_visitor_on_utc_is_told_so_by_name(browser: Any, example_site: str) -> None:
    """UTC has no generic name: the browser said "GMT+00:00"."""
    with open_page(browser, timezone_id="UTC", locale="en-GB") as page:
        page.goto(example_site)
        expect(page.locator(".syllabus-home-sessions li:visible .syllabus-time-primary").first).to_contain_text(
            "(your time: Coordinated Universal Time)")


def test_sessions_that_ended_after_the_build_are_not_offered(browser: Any, example_site: str) -> None:
    """The site is rebuilt daily; until then, a visitor's clock retires ended sessions."""
    with open_page(browser, timezone_id="Europe/Berlin", locale="en-GB") as page:
        page.clock.set_fixed_time("2026-12-20T00:00:00Z")  # after the first two sessions of the bootcamp
        page.goto(example_site + "courses/search-bootcamp-live/")
        items = page.locator("li.syllabus-session")
        expect(items.nth(0)).to_have_class(re.compile("syllabus-session--ended"))
        expect(items.nth(1).locator(".syllabus-session-actions")).to_have_text("Ended")
        assert items.nth(1).locator("a").count() == 0  # no Register, no calendar file
        expect(items.nth(2)).not_to_have_class(re.compile("ended"))
        cta = page.locator(".syllabus-cta")
        assert cta.locator("time").get_attribute("data-start") == items.nth(2).locator("time").get_attribute(
            "data-start")
        assert cta.locator("a.md-button--primary").get_attribute("href") == items.nth(2).locator(
            "a.md-button--primary").get_attribute("href")
        # Localised as the rest.
        expect(cta.locator(".syllabus-time-primary")).to_contain_text("(your time: Central European Time)")
        # The next open session is taught in Japanese (the course in English): the box says so, as the list does.
        expect(cta.locator(".syllabus-cta-when .syllabus-session-language")).to_have_text(" · in Japanese")
        coming = items.count() - 2
        assert coming > 1
        expect(cta.locator("a[data-all-dates]")).to_have_text(f"All {coming} dates")  # the built page counted all
        page.clock.set_fixed_time("2030-01-01T00:00:00Z")  # every session is over: as a rebuild would say
        page.reload()
        expect(cta.locator("a")).to_have_text("Start now with the on-demand course")  # the course offers one
        assert cta.locator("a").get_attribute("href") == "../keystone-101/"
        expect(cta.locator("time")).to_have_count(0)
        page.goto(example_site + "courses/rollout-planning-workshop/")  # one that offers none
        box = page.locator(".syllabus-cta")  # with a way on: ask for a session, or hear of the next
        expect(box.locator("p")).to_have_text("No open session is scheduled right now.")
        expect(box.locator("a")).to_have_text(["Request a session", "Get new dates in your calendar"])
        assert box.locator("a").first.get_attribute("href").endswith("&time-zone=Europe%2FBerlin")  # the page script's
        page.goto(example_site + "courses/admin-office-hours/")  # a cancelled session stays cancelled once past
        cancelled = page.locator("li.syllabus-session--cancelled")
        expect(cancelled).to_have_class(re.compile("syllabus-session--ended"))
        expect(cancelled.locator(".syllabus-session-actions")).to_have_text("Cancelled")
        page.clock.set_fixed_time("2026-12-20T00:00:00Z")
        page.goto(example_site + "catalog/")  # a card whose date ended shows the next one it carries
        card = page.locator("li.syllabus-card[data-id='search-bootcamp-live'] .syllabus-next")
        expect(card.locator(".syllabus-time-primary")).to_contain_text("(your time: ")
        assert card.locator("time").get_attribute("data-start") > "2026-12-20"
        page.clock.set_fixed_time("2030-01-01T00:00:00Z")  # and points to the course page when none is left
        page.reload()
        expect(card).to_contain_text("Next dates on the course page")
        expect(card.locator("a.syllabus-also")).to_have_attribute("href", re.compile(r"/courses/keystone-101/$"))
        # A card that carried every session of its course says what the course page says: it
        # pointed to "next dates" the course page did not have.
        every = page.locator("li.syllabus-card[data-id='executive-briefing'] .syllabus-next")
        expect(every).to_have_text("No open session scheduled")
        page.goto(example_site + "catalog/?language=ja")  # filtered too
        expect(every).to_have_text("No open session scheduled")
        page.clock.set_fixed_time("2027-01-12T19:00:00Z")  # a six-week cohort's first meeting is over, not the cohort
        page.goto(example_site + "courses/keystone-certified-admin/")
        cohort = page.locator("li.syllabus-session").first
        expect(cohort).not_to_have_class(re.compile("ended"))
        expect(cohort.locator("a.md-button--primary")).to_have_count(1)
        # Still offered (one may join), marked in progress; the box offers the next cohort to start.
        expect(cohort.locator("[data-in-progress]")).to_have_text("In progress")
        expect(page.locator(".syllabus-cta-label")).to_have_text("Next session")
        assert page.locator(".syllabus-cta time").get_attribute("data-start").startswith("2027-02-02")
        page.clock.set_fixed_time("2027-04-08T00:00:00Z")  # only cohorts under way are left: the box says so
        page.reload()
        expect(page.locator(".syllabus-cta-label")).to_have_text("In progress")
        # The home page shows four sessions and carries more: once the four have ended, the next four.
        page.clock.set_fixed_time("2026-12-20T00:00:00Z")
        page.goto(example_site)
        shown = page.locator(".syllabus-home-sessions li:visible time")
        expect(shown).to_have_count(4)
        assert all(end > "2026-12-20" for end in shown.evaluate_all("ts => ts.map(t => t.dataset.end)"))
        page.clock.set_fixed_time("2030-01-01T00:00:00Z")  # all it carries have ended: the section goes
        page.reload()
        expect(page.locator(".syllabus-home-sessions")).to_have_count(0)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("track", ["admin-path", "end-user-path", "manager-path", "power-user-path"])
def test_track_steps_share_a_row_only_when_all_fit(browser: Any, example_site: str, viewport: str,
                                                    track: str) -> None:
    """A diagram's steps are one row with → between them, or stacked with ↓: never a row
    that wraps, whose last arrow would point at nothing."""
    with open_page(browser, viewport=VIEWPORTS[viewport]) as page:
        page.goto(example_site + f"tracks/{track}/")
        steps = page.locator(".syllabus-step")
        expect(steps.first).to_be_visible()
        layout = steps.evaluate_all("""steps => steps.map(step => [
            Math.round(step.getBoundingClientRect().top), getComputedStyle(step, "::after").content])""")
    tops = [top for top, _ in layout]
    arrows = {arrow.removesuffix(' / ""') for _, arrow in layout[:-1]}  # drawn, with empty alternative text
    if len(set(tops)) == 1 and len(tops) > 1:
        assert arrows == {'"→"'}, layout
    else:
        assert tops == sorted(tops) and len(set(tops)) == len(tops), layout
        assert arrows <= {'"↓"'}, layout


def test_every_course_shows_its_call_to_action_on_a_phones_first_screen(browser: Any, example_site: str) -> None:
    """What, when and how to take it: the Register or Start button is whole on the first
    screen of a 390x844 phone for every course of the example, the six-week program's seven
    facts included."""
    with urllib.request.urlopen(example_site + "catalog.json") as response:
        courses = [course["id"] for course in json.load(response)["courses"]]
    below = []
    with open_page(browser, viewport=VIEWPORTS["phone"]) as page:
        for course in courses:
            page.goto(example_site + f"courses/{course}/")
            button = page.locator(".syllabus-cta .md-button--primary")
            if button.count():
                bottom = button.evaluate("button => button.getBoundingClientRect().bottom")
                if bottom > VIEWPORTS["phone"]["height"]:
                    below.append(f"{course}: {bottom:.0f}")
    assert len(courses) > 10 and below == []


def test_a_session_under_way_is_marked_and_the_next_to_start_is_offered(browser: Any, tmp_path: Path) -> None:
    """A session running now kept the box ("In progress", with no button: the box's session of
    the build had no registration) and hid the one still to come that evening; the list and
    the card offered the running one as "next" (customer review, stop 42)."""
    catalog = CatalogDir.new(tmp_path / "catalog")
    catalog.course("today", **course_data("today", format="virtual-ilt", sessions=[
        {"start": "2027-03-01T08:00", "timezone": "UTC", "duration_minutes": 60},
        {"start": "2027-03-01T14:00", "timezone": "UTC", "duration_minutes": 240,
         "registration_url": "https://events.example.com/now"},
        {"start": "2027-03-01T20:00", "timezone": "UTC", "duration_minutes": 60,
         "registration_url": "https://events.example.com/evening"},
    ]))
    build_site(catalog.config, tmp_path / "site")
    with serve(tmp_path / "site") as url, open_page(browser, timezone_id="UTC", locale="en-GB") as page:
        page.clock.set_fixed_time("2027-03-01T14:35:00Z")
        page.goto(url + "courses/today/")
        items = page.locator("li.syllabus-session")
        expect(items.nth(0).locator(".syllabus-session-actions")).to_have_text("Ended")
        expect(items.nth(1).locator("[data-in-progress]")).to_have_text("In progress")
        expect(items.nth(1).locator("a.md-button--primary")).to_have_text("Register")  # one may still join
        expect(items.nth(2).locator("[data-in-progress]")).to_have_count(0)
        cta = page.locator(".syllabus-cta")
        expect(cta.locator(".syllabus-cta-label")).to_have_text("Next session")
        assert cta.locator("time").get_attribute("data-start") == items.nth(2).locator("time").get_attribute(
            "data-start")
        expect(cta.locator("a.md-button--primary")).to_have_text("Register for this session")
        expect(cta.locator("a.md-button--primary")).to_have_attribute("href", "https://events.example.com/evening")
        page.goto(url + "catalog/")
        card = page.locator("li.syllabus-card[data-id='today'] [data-card-when]")
        expect(card).to_contain_text("Next live session:")
        expect(card.locator(".syllabus-time-primary")).to_contain_text("20:00")
        page.clock.set_fixed_time("2027-03-01T20:30:00Z")  # the last one is under way
        page.reload()
        expect(card).to_contain_text("In progress:")
        page.goto(url + "courses/today/")
        expect(cta.locator(".syllabus-cta-label")).to_have_text("In progress")
        expect(cta.locator("a.md-button--primary")).to_have_attribute("href", "https://events.example.com/evening")
