"""The page scripts write dates and times as the build does: syllabusFormat (syllabus.js,
Intl in Chromium) against LocaleFormat (core/locale_format.py, Babel), for the same
instants and zones, in English, Japanese and German."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from syllabus.core.locale_format import LocaleFormat
from syllabus.core.messages import load_messages
from syllabus.plugin.render import messages_element

from ..conftest import REPO
from .conftest import open_page

SCRIPT = REPO / "plugins/syllabus/plugin/assets/syllabus.js"
# Midnight and late evening, a leap day, a clock change, single- and two-digit days and
# months, both ends of the 1900s-2000s, and zones either side of UTC.
INSTANTS = [("2027-01-14T09:05:00Z", "UTC"), ("2027-01-14T23:59:00Z", "Asia/Tokyo"),
            ("2028-02-29T00:00:00Z", "America/Los_Angeles"), ("2027-03-28T01:30:00Z", "Europe/Berlin"),
            ("2026-12-08T16:00:00Z", "America/New_York"), ("1999-12-31T23:00:00Z", "Pacific/Auckland"),
            ("2030-10-05T12:45:00Z", "Asia/Kolkata"), ("2027-07-04T18:00:00Z", "Australia/Sydney")]
SESSIONS = [("2027-01-14T09:05:00Z", "2027-01-14T10:35:00Z", "Europe/Berlin"),  # same day
            ("2027-01-14T22:00:00Z", "2027-01-15T01:00:00Z", "UTC"),  # ends the next day
            ("2026-12-08T16:00:00Z", "2026-12-08T18:00:00Z", "Asia/Tokyo"),  # the next day there
            # The night Sydney's clocks go back: 02:30 to 02:30 again, each end with its offset.
            ("2027-04-03T15:30:00Z", "2027-04-03T16:30:00Z", "Australia/Sydney")]


def instant(text: str, zone: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(ZoneInfo(zone))


@pytest.mark.parametrize("language", ["en", "ja", "de"])
def test_the_script_formats_dates_times_and_sessions_as_the_build(page: Any, language: str) -> None:
    messages = load_messages(language)[0]
    formats = LocaleFormat(messages)
    page.set_content(f"<!doctype html><head>{messages_element(messages)}</head><body></body>")
    page.add_script_tag(content=SCRIPT.read_text(encoding="utf-8"))
    browser = page.evaluate("""([instants]) => ({
        dates: instants.map(([text, zone]) => syllabusFormat("date", new Date(text), zone)),
        times: instants.map(([text, zone]) => syllabusFormat("time", new Date(text), zone)),
      })""", [INSTANTS])
    assert browser["dates"] == [formats.date(instant(text, zone)) for text, zone in INSTANTS]
    assert browser["times"] == [formats.time(instant(text, zone)) for text, zone in INSTANTS]
    if language == "ja":
        assert browser["dates"][0] == "2027年1月14日(木)" and browser["times"][0] == "9:05"


@pytest.mark.parametrize("language", ["en", "ja"])
def test_visitor_and_organiser_times_read_as_the_builds_session_labels(browser: Any, language: str) -> None:
    """syllabus.js rewrites each session's <time> into the visitor's zone and the organiser's:
    both read as LocaleFormat.session would write them for that zone, the organiser's named
    by its city as the build names it."""
    messages = load_messages(language)[0]
    formats = LocaleFormat(messages)
    visitor = "Asia/Tokyo"
    elements = "".join(
        f'<time data-start="{instant(start, zone).isoformat()}" data-end="{instant(end, zone).isoformat()}" '
        f'data-zone="{zone}" data-zone-name="{formats.city(zone)}">label</time>' for start, end, zone in SESSIONS)
    with open_page(browser, timezone_id=visitor, locale="en-GB") as page:
        page.set_content(f"<!doctype html><head>{messages_element(messages)}</head><body>{elements}</body>")
        page.add_script_tag(content=SCRIPT.read_text(encoding="utf-8"))
        shown = page.evaluate("""() => [...document.querySelectorAll("time")].map((node) => [
            node.querySelector(".syllabus-time-primary").textContent,
            (node.querySelector(".syllabus-time-secondary") || {}).textContent || ""])""")
    for (primary, secondary), (start, end, zone) in zip(shown, SESSIONS, strict=True):
        # The visitor's zone named as the browser names it in the page's language.
        assert primary == messages.text("script.session.your_time",
                                        time=formats.session(instant(start, visitor), instant(end, visitor)),
                                        zone={"en": "Japan Standard Time", "ja": "日本標準時"}[language])
        organiser = formats.session(instant(start, zone), instant(end, zone))
        assert secondary == ("" if zone == visitor else
                             messages.text("script.session.organiser_time", time=organiser, zone=formats.city(zone)))
