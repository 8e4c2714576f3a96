"""iCalendar (RFC 5545) files, always serialised by the ``icalendar`` library, never by hand.

Two kinds share the header, the UIDs and the timestamp rules here: one timed event per
live session, and the all-day events of an enablement plan (see :mod:`.plans`). A session
happens once, so its start and end are exact UTC instants (RFC 5545 form 2), which every
calendar shows in its owner's zone; a VTIMEZONE only matters for recurring events, and
deriving one per session tripled the files' size and was the slowest part of a build.
``DTSTAMP`` is midnight UTC of "today", which ``SOURCE_DATE_EPOCH`` fixes, so the same
sources always give the same bytes.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event, vText

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
    event.add("dtstart", session.starts_at.astimezone(dt.timezone.utc))
    event.add("dtend", session.ends_at(course.duration_minutes).astimezone(dt.timezone.utc))
    local = f"{session.start:%Y-%m-%d %H:%M} {session.timezone}"
    details = [course.summary, f"Scheduled for {local}.", course_url]
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
    return calendar.to_ical()
