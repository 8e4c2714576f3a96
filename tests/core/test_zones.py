"""Time zones come from the pinned tzdata package, not the machine's own database."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from syllabus.core.model import Session
from syllabus.core.zones import session_zones, time_zone, zone_problem

# Tuesday 2 February 2027, 23:00 UTC: British Columbia no longer changes its clocks in
# tzdata 2026 (UTC-7 all year); Debian 12's system database (2025b) still says UTC-8.
MOMENT = dt.datetime(2027, 2, 2, 23, 0, tzinfo=dt.UTC)


def packaged(name: str) -> ZoneInfo:
    with resources.files("tzdata").joinpath("zoneinfo", *name.split("/")).open("rb") as data:
        return ZoneInfo.from_file(data, key=name)


@pytest.mark.parametrize("name", ["America/Vancouver", "Europe/Berlin", "Asia/Tokyo", "UTC", "Etc/GMT+12"])
def test_zones_follow_the_pinned_database_whatever_the_machine_has(name: str) -> None:
    assert time_zone(name).utcoffset(MOMENT) == packaged(name).utcoffset(MOMENT)
    assert str(time_zone(name)) == name


def test_a_session_starts_at_the_same_instant_on_every_machine() -> None:
    session = Session(start=dt.datetime(2027, 2, 2, 16, 0), timezone="America/Vancouver")
    assert session.starts_at.astimezone(dt.UTC) == MOMENT


@pytest.mark.parametrize("name", ["America", "../../etc/passwd", "Mars/Olympus", "", "Europe/Berlin/"])
def test_what_is_not_a_zone_is_refused_as_one(name: str) -> None:
    with pytest.raises(ZoneInfoNotFoundError):
        time_zone(name)


@pytest.mark.parametrize(("written", "advice"), [
    ("EST", "'EST' is an abbreviation, not an IANA time zone; write the zone of the place, e.g. America/New_York"),
    ("Japan", "'Japan' is an old name of a time zone; write the zone of the place, Asia/Tokyo"),
    ("+09:00", "'+09:00' is an offset, not a place"),
    ("Zulu", "'Zulu' is another name of UTC; write UTC"),
    ("EST5EDT", "'EST5EDT' names a rule of the zone database, not a place; write the zone of the place, "
                "e.g. America/New_York"),
])
def test_a_session_zone_that_is_no_place_is_refused_with_the_place_to_write(written: str, advice: str) -> None:
    """Japan and GB are names the database knows, but of no place a session is held in."""
    assert zone_problem(written, session_zones()).startswith(advice)
