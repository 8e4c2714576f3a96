"""iCalendar (RFC 5545) files, always serialised by the ``icalendar`` library, never by hand.

Two kinds share the header, the UIDs and the timestamp rules here: one timed event per
live session (in the session's own zone, with its VTIMEZONE, so every calendar shows the
right local time across daylight-saving changes), and the all-day events of an enablement
plan (see :mod:`.plans`). ``DTSTAMP`` is midnight UTC of "today", which
``SOURCE_DATE_EPOCH`` fixes, so the same sources always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from icalendar import Calendar, Event, Timezone, vText

from ..core.model import Course, Session
from .placeholders import stable_uid

PRODID = "-//Syllabus//Training catalog//EN"


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(name))  # X- properties are only escaped as explicit TEXT
    return calendar


def new_event(uid: str, summary: str, today: dt.date) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", dt.datetime.combine(today, dt.time(), tzinfo=dt.timezone.utc))
    event.add("summary", summary)
    return event


def reserialise(text: str) -> bytes:
    """Parse unfolded iCalendar text and let the library write (and fold) it again."""
    return Calendar.from_ical(text).to_ical()


def session_ics(course: Course, session: Session, today: dt.date, course_url: str) -> bytes:
    """One scheduled session as a calendar file, linked from the course page."""
    calendar = new_calendar(course.title)
    event = new_event(stable_uid("session", course.id, session.key), course.title, today)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at(course.duration_minutes))
    details = [course.summary, course_url]
    if session.registration_url:
        details.append(f"Register: {session.registration_url}")
    if session.instructors:
        details.append("With " + ", ".join(session.instructors))
    event.add("description", "\n\n".join(details))
    url = session.registration_url or course_url
    if url.startswith(("https://", "http://")):  # a site-relative path is no URI
        event.add("url", url)
    event.add("status", "CONFIRMED")
    calendar.add_component(event)
    calendar.subcomponents.insert(0, _vtimezone(session.timezone, session.start.year))  # before its events
    return calendar.to_ical()


@cache
def _vtimezone(zone: str, year: int) -> Timezone:
    """A zone's VTIMEZONE for the years around ``year``, computed once per build: deriving it
    from zoneinfo is slow, and the whole 1970-2038 default is kilobytes of RDATEs."""
    return Timezone.from_tzid(zone, first_date=dt.date(year - 1, 1, 1), last_date=dt.date(year + 2, 1, 1))
