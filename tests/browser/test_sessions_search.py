"""Sessions in the visitor's time zone, session states and calendar files, and Japanese
search through Material's search box, on the example catalog in Chromium."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import yaml
from playwright.sync_api import expect
from syllabus.core.locale_format import ENGLISH_FORMAT

from ..conftest import EPOCH, REPO, CatalogDir, build_site, course_data
from .conftest import open_page, serve

TODAY = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC).date()
BOOTCAMP = "search-bootcamp-live"
OFFICE_HOURS = "admin-office-hours"


def upcoming_sessions(course_id: str) -> list[dict[str, Any]]:
    """The course's sessions from its YAML, as the site lists them: from today, earliest first."""
    data = yaml.safe_load((REPO / "courses" / course_id / "course.yml").read_text(encoding="utf-8"))
    sessions = [s for s in data["sessions"] if dt.datetime.fromisoformat(s["start"]).date() >= TODAY]
    return sorted(sessions, key=lambda s: dt.datetime.fromisoformat(s["start"]).replace(
        tzinfo=ZoneInfo(s["timezone"])))


def wall_clock(session: dict[str, Any], zone: str) -> dt.datetime:
    start = dt.datetime.fromisoformat(session["start"]).replace(tzinfo=ZoneInfo(session["timezone"]))
    return start.astimezone(ZoneInfo(zone))


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/Los_Angeles"])
def test_sessions_show_the_visitors_time_and_name_the_original_zone(browser: Any, example_site: str,
                                                                     zone: str) -> None:
    sessions = upcoming_sessions(BOOTCAMP)
    with open_page(browser, timezone_id=zone, locale="en-GB") as page:
        page.goto(example_site + f"courses/{BOOTCAMP}/")
        times = page.locator(".syllabus-session time[data-start]")
        expect(times).to_have_count(len(sessions))
        for node, session in zip(times.all(), sessions, strict=True):
            start = dt.datetime.fromisoformat(session["start"])
            mine = wall_clock(session, zone)
            # The visitor's own time first, in the site's language (not the browser's), as the organiser's.
            expect(node.locator(".syllabus-time-primary")).to_have_text(re.compile(
                rf"^\w+, {mine:%b} {mine.day}, {mine.year}, {mine:%H:%M}\s–\s.*\d\d:\d\d \(your time: "
                rf"{ {'Asia/Tokyo': 'Japan Standard Time', 'America/Los_Angeles': 'Pacific Time'}[zone]}\)$"))
            organiser = node.locator(".syllabus-time-secondary")
            if session["timezone"] == zone:
                expect(organiser).to_have_count(0)  # already in the visitor's zone
                continue
            expect(organiser).to_have_text(re.compile(
                rf"^Organiser's time: \w+, {start:%b} {start.day}, {start.year}, {start:%H:%M}\s–.*"
                rf"\({re.escape(ENGLISH_FORMAT.city(session['timezone']))}\)$"))  # "(New York)"


def test_tokyo_visitor_sees_a_new_york_session_the_next_morning(browser: Any, example_site: str) -> None:
    session = upcoming_sessions(BOOTCAMP)[0]
    assert (session["start"], session["timezone"]) == ("2026-12-08T11:00", "America/New_York")
    with open_page(browser, timezone_id="Asia/Tokyo", locale="en-GB") as page:
        page.goto(example_site + f"courses/{BOOTCAMP}/")
        first = page.locator(".syllabus-session").first
        expect(first.locator(".syllabus-time-primary")).to_contain_text("Wed, Dec 9, 2026, 01:00")
        expect(first.locator(".syllabus-time-secondary")).to_contain_text("Tue, Dec 8, 2026, 11:00")
        # The catalog card's next session is localised the same way.
        page.goto(example_site + "catalog/")
        card = page.locator(f"li.syllabus-card[data-id='{BOOTCAMP}'] .syllabus-next")
        expect(card.locator(".syllabus-time-secondary")).to_contain_text("(Berlin)")


def test_an_in_person_session_leads_with_the_venues_time(browser: Any, example_site: str) -> None:
    """A learner travels to the venue: its clock comes first, the visitor's below it."""
    session = upcoming_sessions("executive-briefing")[0]
    assert (session["start"], session["timezone"]) == ("2026-12-09T09:00", "America/New_York")
    with open_page(browser, timezone_id="Asia/Tokyo", locale="en-GB") as page:
        page.goto(example_site + "courses/executive-briefing/")
        first = page.locator(".syllabus-session time[data-start]").first
        expect(first.locator(".syllabus-time-primary")).to_have_text(
            re.compile(r"^Wed, Dec 9, 2026, 09:00\s–\s12:30 \(New York time\)$"))
        expect(first.locator(".syllabus-time-secondary")).to_have_text(
            re.compile(r"^Wed, Dec 9, 2026, 23:00\s–\s(Thu, Dec 10, 2026, )?02:30 \(your time: Japan Standard Time\)$"))
        page.goto(example_site + "catalog/")  # the catalog card's next date too
        card = page.locator("li.syllabus-card[data-id='executive-briefing'] .syllabus-next")
        expect(card.locator(".syllabus-time-primary")).to_contain_text("(New York time)")
    with open_page(browser, timezone_id="America/New_York", locale="en-US") as page:
        page.goto(example_site + "courses/executive-briefing/")
        first = page.locator(".syllabus-session time[data-start]").first
        expect(first.locator(".syllabus-time-primary")).to_contain_text("09:00")
        expect(first.locator(".syllabus-time-secondary")).to_have_count(0)  # the visitor's clock is the venue's


def test_full_and_cancelled_sessions_and_the_on_demand_alternative(page: Any, example_site: str) -> None:
    sessions = upcoming_sessions(OFFICE_HOURS)
    page.goto(example_site + f"courses/{OFFICE_HOURS}/")
    items = page.locator(".syllabus-session")
    expect(items).to_have_count(len(sessions))
    for item, session in zip(items.all(), sessions, strict=True):
        status = session.get("status", "scheduled")
        register = item.get_by_role("link", name="Register")
        calendar = item.get_by_role("link", name="Add to calendar")
        if status == "full":
            expect(item.locator(".syllabus-state")).to_have_text("Full")
            expect(register).to_have_count(0)
            expect(calendar).to_have_count(0)  # no date to keep
        elif status == "cancelled":
            expect(item.locator(".syllabus-state")).to_have_text("Cancelled")
            expect(item).to_have_class(re.compile(r"syllabus-session--cancelled"))
            expect(register).to_have_count(0)
            expect(calendar).to_have_count(0)
        else:
            expect(register).to_have_attribute("href", session["registration_url"])
            expect(calendar).to_have_count(1)
    assert {"full", "cancelled"} <= {s.get("status") for s in sessions}

    page.goto(example_site + f"courses/{BOOTCAMP}/")
    expect(page.locator(".syllabus-session").first).to_be_visible()
    alternative = page.locator(".syllabus-on-demand")
    expect(alternative).to_contain_text("Can't make a live date?")
    alternative.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/courses/keystone-101/$"))


def test_each_session_has_a_calendar_file(page: Any, example_site: str) -> None:
    sessions = [s for s in upcoming_sessions(BOOTCAMP) if s.get("status", "scheduled") == "scheduled"]
    page.goto(example_site + f"courses/{BOOTCAMP}/")
    links = page.locator(".syllabus-session a.syllabus-ics")
    expect(links).to_have_count(len(sessions))
    for link, session in zip(links.all(), sessions, strict=True):
        expect(link).to_have_attribute("download", "")
        url = link.evaluate("a => a.href")
        assert re.search(rf"/courses/{BOOTCAMP}/sessions/[^/]+\.ics$", url), url
        response = page.request.get(url)
        assert response.ok, f"{url}: HTTP {response.status}"
        body = response.text().replace("\r\n ", "")  # unfold
        assert body.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in body
        start = dt.datetime.fromisoformat(session["start"])
        utc = wall_clock(session, "UTC")
        assert f"{start:%Y%m%dT%H%M}" in body or f"{utc:%Y%m%dT%H%M%S}Z" in body, body


JAPANESE_WORD = "パーマリンク"  # from the outcomes of courses/keystone-101-ja


def search(page: Any, text: str) -> Any:
    box = page.locator("input.md-search__input")
    box.click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")  # index loaded
    box.press_sequentially(text)
    # Playwright inserts Japanese as text, without key events; Material's search reacts to
    # keyup, as it gets at the end of real IME input. End moves nothing and sends one.
    box.press("End")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15_000)  # the worker loads lunr.ja on first use
    return results


def test_japanese_search_finds_the_japanese_course(page: Any, example_site: str) -> None:
    source = (REPO / "courses" / "keystone-101-ja" / "course.yml").read_text(encoding="utf-8")
    assert JAPANESE_WORD in source
    page.goto(example_site)
    results = search(page, JAPANESE_WORD)
    expect(results.first).to_contain_text(JAPANESE_WORD)
    paths = [urlsplit(a.evaluate("a => a.href")).path for a in page.locator(".md-search-result__link").all()]
    assert paths and all(path.startswith("/courses/keystone-101-ja/") for path in paths), paths
    assert "/courses/keystone-101-ja/" in paths
    page.locator(".md-search-result__link").first.click()
    expect(page.locator("h1").first).to_be_visible()
    expect(page.locator("article")).to_contain_text(JAPANESE_WORD)


def test_japanese_title_words_are_searchable(page: Any, example_site: str) -> None:
    page.goto(example_site)
    results = search(page, "ナビゲーション")
    expect(results.first.locator("h1, h2").first).to_have_text("Keystone 101：コードの検索とナビゲーション")


@pytest.fixture(scope="module")
def languages_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An English course with two classes in Japanese, the first with no instructors."""
    root = tmp_path_factory.mktemp("session-languages")
    catalog = CatalogDir.new(root / "catalog")
    catalog.course("mixed", course_data("mixed", format="virtual-ilt", sessions=[
        {"start": "2026-12-10T10:00", "timezone": "Asia/Tokyo", "language": "ja"},
        {"start": "2026-12-11T10:00", "timezone": "Europe/Berlin", "language": "ja", "instructors": ["Ada"]}]))
    build_site(catalog.config, root / "site")
    with serve(root / "site") as url:
        yield url


FACTS = "e => [...e.querySelectorAll('.syllabus-time-primary, .syllabus-session-language, .syllabus-time-secondary')]" \
        ".map(n => n.className)"


def test_a_sessions_language_follows_its_time_and_never_opens_a_line(browser: Any, languages_site: str) -> None:
    """" · in Japanese" came after the script's second line (the organiser's time) and so
    began a line of its own with its separator, as it did a session's details without
    instructors; the home page's list did not say it at all."""
    with open_page(browser, timezone_id="America/Los_Angeles", locale="en-US") as page:
        for path, scope in (("courses/mixed/", ".syllabus-cta-when"), ("catalog/", ".syllabus-card-session")):
            page.goto(languages_site + path)
            expect(page.locator(scope).locator(".syllabus-time-secondary")).to_have_count(1)
            assert page.locator(scope).evaluate(FACTS) == [
                "syllabus-time-primary", "syllabus-session-language", "syllabus-time-secondary"]
        page.goto(languages_site + "courses/mixed/")
        separators = page.locator(".syllabus-session-details .syllabus-fact-separator")
        expect(separators.nth(0)).to_be_hidden()  # nothing before it on its line
        expect(separators.nth(1)).to_be_visible()  # after "With Ada"
        expect(page.locator(".syllabus-session-details").nth(1)).to_have_text("with Ada · in Japanese")
        page.goto(languages_site)
        expect(page.locator(".syllabus-home-sessions li .syllabus-muted").first).to_have_text(
            "Live online · 1 h · in Japanese")
        page.clock.set_fixed_time("2026-12-10T01:30:00Z")  # half an hour into the class in Tokyo
        page.goto(languages_site)
        expect(page.locator(".syllabus-home-sessions li .syllabus-muted").first).to_have_text(
            "Live online · 1 h · in Japanese · In progress")  # as the course page says
