"""Session calendars are written line by line; ``icalendar`` is the independent judge.

Parsing a file with the library and writing it back must give the same bytes (so escaping,
folding and property order are exactly the library's), and the parsed values must be the
course's own text, including at fold boundaries inside multi-byte characters and escapes.
"""

from __future__ import annotations

import datetime as dt
import random

import icalendar
import pytest
from syllabus.core.messages import ENGLISH, Messages, load_messages
from syllabus.core.model import Course, Session
from syllabus.export.calendar import calendar_file, session_event

TODAY = dt.date(2026, 11, 18)
COURSE_URL = "https://academy.example/courses/c/"
TEXTS = [
    "Plain title",
    "Commas, semicolons; back\\slashes and \"quotes\"",
    "x" * 73 + "\\;",  # an escape straddling the 75-octet fold
    "y" * 72 + "^^n",  # RFC 6868 caret, kept with the next character like the library does
    "日本語のコース" * 12,  # three-byte characters never split across a fold
    "emoji 🧑‍💻 " * 20,
    "Line one\nline two",
]


def session_ics(course: Course, session: Session, today: dt.date, course_url: str, messages=ENGLISH) -> bytes:
    """A session's own calendar file, as the build writes it beside the course page."""
    return calendar_file(course.title, [session_event(course, session, today, course_url, messages)])


def course(title: str, summary: str, **session: object) -> tuple[Course, Session]:
    meeting = Session(start=dt.datetime(2027, 3, 28, 1, 30), timezone="Europe/Berlin", **session)  # type: ignore[arg-type]
    return Course(id="c", title=title, summary=summary, level="beginner", roles=("admin",), format="virtual-ilt",
                  duration_minutes=90, owners=("@t",), visibility="public", source="courses/c/course.yml",
                  sessions=(meeting,)), meeting


@pytest.mark.parametrize("text", TEXTS)
def test_session_calendar_is_what_icalendar_writes(text: str) -> None:
    this, meeting = course(text, text, registration_url="https://events.example/r?a=1;b=2,3",
                           instructors=(text, "Ana"))
    data = session_ics(this, meeting, TODAY, COURSE_URL, ENGLISH)
    parsed = icalendar.Calendar.from_ical(data)
    assert parsed.to_ical() == data
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert data.endswith(b"END:VCALENDAR\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    event = parsed.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == text
    assert parsed["X-WR-CALNAME"] == icalendar.vText(text).to_ical().decode()  # X- values stay escaped
    description = str(event["DESCRIPTION"]).split("\n\n")
    assert description == [text, "Scheduled for Sun, Mar 28, 2027, 01:30 (Berlin time).", COURSE_URL,
                           "Register: https://events.example/r?a=1;b=2,3", f"With {text}, Ana"]


def test_session_calendar_times_are_utc_instants() -> None:
    # 01:30 in Berlin on the night clocks go forward (28 March 2027) is 00:30 UTC, and
    # 90 minutes later is 02:00 UTC (04:00 local), not the wall-clock sum 03:00.
    this, meeting = course("T", "S")
    event = icalendar.Calendar.from_ical(session_ics(this, meeting, TODAY, "/courses/c/", ENGLISH)).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == dt.datetime(2027, 3, 28, 0, 30, tzinfo=dt.UTC)
    assert event.decoded("DTEND") == dt.datetime(2027, 3, 28, 2, 0, tzinfo=dt.UTC)
    assert f"{meeting.ends_at(this.duration_minutes):%H:%M %Z}" == "04:00 CEST"  # what pages show
    assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 18, tzinfo=dt.UTC)
    assert "URL" not in event  # a site-relative path is no URI
    assert str(event["UID"]).endswith("@syllabus") and str(event["STATUS"]) == "CONFIRMED"


def test_random_titles_fold_as_icalendar_does() -> None:
    rng = random.Random(5)
    for length in range(60, 260):
        text = "".join(rng.choice("ab\\^;, é日🧑") for _ in range(length))
        this, meeting = course(text, text)
        data = session_ics(this, meeting, TODAY, COURSE_URL, ENGLISH)
        assert icalendar.Calendar.from_ical(data).to_ical() == data, text


def test_a_multi_week_program_calendar_holds_every_weekly_meeting_at_its_local_hour() -> None:
    """A six-week cohort meets six times; the US clocks change on 14 March 2027, and the
    meetings stay at 09:00 in Los Angeles (17:00 UTC before, 16:00 UTC after)."""
    meeting = Session(start=dt.datetime(2027, 3, 2, 9, 0), timezone="America/Los_Angeles", duration_minutes=90)
    program = Course(id="cohort", title="Cohort", summary="Weekly.", level="advanced", roles=("admin",),
                     format="virtual-ilt", duration_minutes=1740, owners=("@t",), visibility="public",
                     source="courses/cohort/course.yml", program_weeks=6, sessions=(meeting,))
    text = session_ics(program, meeting, TODAY, COURSE_URL, ENGLISH)
    assert icalendar.Calendar.from_ical(text).to_ical() == text
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    starts = [event.decoded("DTSTART") for event in events]
    assert [s.strftime("%d %H:%M") for s in starts] == ["02 17:00", "09 17:00", "16 16:00", "23 16:00",
                                                       "30 16:00", "06 16:00"]
    assert all(e.decoded("DTEND") - e.decoded("DTSTART") == dt.timedelta(minutes=90) for e in events)
    assert [str(e["SUMMARY"]) for e in events] == [f"Cohort (week {n} of 6)" for n in range(1, 7)]
    assert len({str(e["UID"]) for e in events}) == 6


def test_a_weekly_meeting_in_the_hour_the_clocks_skip_is_said_at_the_hour_it_is_held() -> None:
    """Week 2 of a program meeting at 02:30 in New York falls on 14 March 2027, when 02:00
    becomes 03:00: the event is at 07:30 UTC, and its text said "02:30", an hour that day has not."""
    meeting = Session(start=dt.datetime(2027, 3, 7, 2, 30), timezone="America/New_York", duration_minutes=60)
    program = Course(id="night", title="Night", summary="Weekly.", level="advanced", roles=("admin",),
                     format="virtual-ilt", duration_minutes=180, owners=("@t",), visibility="public",
                     source="courses/night/course.yml", program_weeks=3, sessions=(meeting,))
    events = icalendar.Calendar.from_ical(session_ics(program, meeting, TODAY, COURSE_URL)).walk("VEVENT")
    assert [e.decoded("DTSTART") for e in events] == [dt.datetime(2027, 3, d, h, 30, tzinfo=dt.UTC)
                                                      for d, h in ((7, 7), (14, 7), (21, 6))]
    said = [str(e["DESCRIPTION"]).split("\n\n")[1] for e in events]
    assert said == ["Scheduled for Sun, Mar 7, 2027, 02:30 (New York time).",
                    "Scheduled for Sun, Mar 14, 2027, 03:30 (New York time).",
                    "Scheduled for Sun, Mar 21, 2027, 02:30 (New York time)."]


def test_a_session_in_another_language_says_so_in_its_title() -> None:
    """The page says "in Japanese"; a calendar subscribed to the feed listed it as any other."""
    def title(language: str, messages: Messages = ENGLISH) -> str:
        this, meeting = course("Office hours", "S", language=language)
        return str(icalendar.Calendar.from_ical(session_ics(this, meeting, TODAY, COURSE_URL, messages))
                   .walk("VEVENT")[0]["SUMMARY"])

    assert title("ja") == "Office hours (in Japanese)"
    assert title("ja", load_messages("ja")[0]) == "Office hours"  # the calendar's own language
    assert title("en") == "Office hours"
