"""Which sessions a build still offers, and the hour a session is held at: rules of the
model, which every page and file reads (catalog.json, feeds, calendars, plans, insights)."""

from __future__ import annotations

import datetime as dt

from syllabus.core.model import Course, Session
from syllabus.export.catalog_json import session_json

TODAY = dt.date(2026, 11, 18)  # the build's day, UTC


def live(*sessions: Session, weeks: int | None = None) -> Course:
    return Course(id="c", title="C", summary="S", level="beginner", roles=("admin",), format="virtual-ilt",
                  duration_minutes=60, owners=("@t",), visibility="public", source="courses/c/course.yml",
                  program_weeks=weeks, sessions=sessions)


def test_a_session_is_offered_until_it_ends_compared_as_instants() -> None:
    """At 00:00 UTC on 18 November an evening in Los Angeles on the 17th is still to come
    (04:00 UTC), and one that began at 00:30 on the 18th in Kiritimati (UTC+14) ended on the
    17th: the date in each session's own zone kept the one and dropped the other."""
    los_angeles = Session(dt.datetime(2026, 11, 17, 20, 0), "America/Los_Angeles")
    kiritimati = Session(dt.datetime(2026, 11, 18, 0, 30), "Pacific/Kiritimati")
    assert live(los_angeles, kiritimati).upcoming_sessions(TODAY) == (los_angeles,)


def test_a_weekly_program_is_offered_until_its_last_meeting_ends() -> None:
    """Meeting on Tuesdays from 10 November at 10:00 in Berlin: two weeks ended on the 17th,
    three go on to the 24th (it was dropped once its first meeting began)."""
    under_way = Session(dt.datetime(2026, 11, 10, 10, 0), "Europe/Berlin", duration_minutes=60)
    assert live(under_way, weeks=2).ends_last(under_way) == dt.datetime(2026, 11, 17, 10, 0, tzinfo=dt.UTC)
    assert live(under_way, weeks=2).upcoming_sessions(TODAY) == ()
    assert live(under_way, weeks=3).upcoming_sessions(TODAY) == (under_way,)


def test_a_time_the_clocks_skip_is_held_and_said_at_the_hour_after_the_change() -> None:
    """02:30 on 14 March 2027 in New York does not exist (02:00 becomes 03:00): the session is
    at 07:30 UTC, which New York's clocks show as 03:30; a label said "02:30 - 04:30"."""
    gap = Session(dt.datetime(2027, 3, 14, 2, 30), "America/New_York")
    assert gap.starts_at.astimezone(dt.UTC) == dt.datetime(2027, 3, 14, 7, 30, tzinfo=dt.UTC)
    assert f"{gap.starts_at:%H:%M} - {gap.ends_at(60):%H:%M}" == "03:30 - 04:30"


def test_catalog_json_keeps_the_start_as_written() -> None:
    """Seconds are allowed in a start (the schema's pattern); catalog.json dropped them
    beside a start_utc that kept them."""
    course = live(on_the_minute := Session(dt.datetime(2026, 12, 20, 10, 0), "UTC"),
                  with_seconds := Session(dt.datetime(2026, 12, 20, 10, 0, 30), "UTC"))
    assert session_json(on_the_minute, course)["start"] == "2026-12-20T10:00"
    written = session_json(with_seconds, course)
    assert (written["start"], written["start_utc"]) == ("2026-12-20T10:00:30", "2026-12-20T10:00:30Z")
