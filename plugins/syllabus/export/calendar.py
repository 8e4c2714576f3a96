"""iCalendar (RFC 5545) files: one timed event per live session, and the all-day events of
an enablement plan (see :mod:`.plans`), sharing the header, UIDs and timestamp rules here.

A session happens once, so its start and end are exact UTC instants (RFC 5545 form 2), which
every calendar shows in its owner's zone; a VTIMEZONE only matters for recurring events.
``DTSTAMP`` is midnight UTC of "today", which ``SOURCE_DATE_EPOCH`` fixes, so the same
sources always give the same bytes.

Plans go through the ``icalendar`` library, which also re-folds them once their
placeholders are filled. Session files are one fixed shape written line by line: a catalog
has thousands of them, and the library spent 1.7 ms on each (a tenth of a build). Tests
hold them to the library: parsing and re-writing one gives back the same bytes. The library
is imported only when a plan calendar is made: it takes ~40 ms, paid by every build otherwise.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..core.model import Course, Session
from .placeholders import escape, stable_uid

if TYPE_CHECKING:
    from icalendar import Calendar, Event

PRODID = "-//Syllabus//Training catalog//EN"


def new_calendar(name: str) -> Calendar:
    from icalendar import Calendar, vText

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(name))  # X- properties are only escaped as explicit TEXT
    return calendar


def new_event(uid: str, summary: str, today: dt.date) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", dt.datetime.combine(today, dt.time(), tzinfo=dt.timezone.utc))
    event.add("summary", summary)
    return event


def reserialise(text: str) -> bytes:
    """Parse unfolded iCalendar text and let the library write (and fold) it again."""
    from icalendar import Calendar

    return Calendar.from_ical(text).to_ical()


def session_ics(course: Course, session: Session, today: dt.date, course_url: str) -> bytes:
    """One scheduled session as a calendar file, linked from the course page."""
    local = f"{session.start:%Y-%m-%d %H:%M} {session.timezone}"
    details = [course.summary, f"Scheduled for {local}.", course_url]
    if session.registration_url:
        details.append(f"Register: {session.registration_url}")
    if session.instructors:
        details.append("With " + ", ".join(session.instructors))
    description = _text("\n\n".join(details))
    url = session.registration_url or course_url
    title = _text(course.title)
    # The order icalendar writes in, so that re-writing a parsed file changes nothing. Only
    # lines holding content can reach 75 octets and need folding.
    lines = [
        _HEADER,
        _fold(f"X-WR-CALNAME:{title}"),
        "BEGIN:VEVENT",
        _fold(f"SUMMARY:{title}"),
        f"DTSTART:{_utc(session.starts_at)}",
        f"DTEND:{_utc(session.ends_at(course.duration_minutes))}",
        f"DTSTAMP:{today:%Y%m%d}T000000Z",
        _fold(f"UID:{stable_uid('session', course.id, session.key)}"),
        _fold(f"DESCRIPTION:{description}"),
        "STATUS:CONFIRMED",
        *([_fold(f"URL:{url}")] if url.startswith(("https://", "http://")) else []),  # a site path is no URI
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    return "\r\n".join(lines).encode("utf-8")


_HEADER = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{PRODID}\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH"


def _utc(moment: dt.datetime) -> str:
    return f"{moment.astimezone(dt.timezone.utc):%Y%m%dT%H%M%SZ}"


def _text(value: str) -> str:
    """A TEXT value (RFC 5545 section 3.3.11); the loader has already refused other controls."""
    return escape("ics", value.replace("\r\n", "\n").replace("\r", "\n"))


def _fold(line: str, limit: int = 75) -> str:
    """Fold at 75 octets between characters, never right after a backslash or caret escape
    (as icalendar does); ASCII lines, nearly all of them, are cut by slicing."""
    if len(line) < limit and (line.isascii() or len(line.encode("utf-8")) < limit):
        return line
    pieces: list[str] = []
    if line.isascii():
        start = 0
        while len(line) - start >= limit:
            end = start + limit - 1
            if line[end - 1] in "\\^":
                end -= 1
            pieces.append(line[start:end])
            start = end
        pieces.append(line[start:])
        return "\r\n ".join(pieces)
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if current and size + width >= limit:
            carried = [current.pop()] if len(current) > 1 and current[-1] in "\\^" else []
            pieces.append("".join(current))
            current, size = carried, len(carried)
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)
