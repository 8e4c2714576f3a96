"""iCalendar (RFC 5545) files: one timed event per live session, and the events of an
enablement plan (see :mod:`.plans`), sharing the header, UIDs and timestamp rules here.

Each meeting of a session is its own event with exact UTC instants (RFC 5545 form 2), which
every calendar shows in its owner's zone: no RRULE, so no VTIMEZONE is needed to keep a
weekly meeting's local hour across a DST change (the model computes each meeting).
``DTSTAMP`` is midnight UTC of "today", which ``SOURCE_DATE_EPOCH`` fixes, so the same
sources always give the same bytes. No ``METHOD``: the files are published, not sent as
invitations, and iTIP's ``PUBLISH`` would require an ``ORGANIZER`` (RFC 5546 3.2.1), an
address a catalog does not have; without it calendars import the events as they are.

Plan templates are written by the ``icalendar`` library and folded by
:func:`.ics_escape.fold` once their placeholders are filled, as ``plan.js`` folds them.
Session files are one fixed shape written line by line: a catalog has thousands of them,
and building each through the library was a measurable share of a build (see
``benchmarks/build.py``). Tests hold them to the library: parsing and re-writing one gives
back the same bytes. The library is imported only when a plan calendar is made, so builds
without one do not pay for its import.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..core.locale_format import LocaleFormat
from ..core.messages import Messages
from ..core.model import Course, Session, day_begins, reads_as
from .ics_escape import Text, escape, fold, ical_utc
from .placeholders import stable_uid

if TYPE_CHECKING:
    from icalendar import Calendar, Component, Event

PRODID = "-//Syllabus//Training catalog//EN"
SEPARATOR = "\n\n"  # between the paragraphs of a session's description


def add_text(component: Component, name: str, value: str) -> None:
    """Add a TEXT property escaped by :func:`.ics_escape.escape`, as session files are,
    never by the library's own escaping (see :class:`.ics_escape.Text`)."""
    component.add(name, Text(value), encode=False)


def new_calendar(name: str) -> Calendar:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    add_text(calendar, "x-wr-calname", name)
    return calendar


def new_event(uid: str, summary: str, today: dt.date) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", day_begins(today))
    add_text(event, "summary", summary)
    return event


def session_event(course: Course, session: Session, today: dt.date, course_url: str,
                  messages: Messages) -> list[str]:
    """The VEVENT lines of one session, one event per meeting (a six-week program's six,
    :meth:`Course.meetings`), in the site's language; UIDs are the same in every file that
    holds them, so a calendar that imported the session's own file and subscribes to a feed
    keeps one event each."""
    formats = LocaleFormat(messages)
    after = [course_url]
    if session.registration_url:
        after.append(messages.text("calendar.register", url=session.registration_url))
    if session.instructors:
        names = messages.text("list.separator").join(session.instructors)
        after.append(messages.text("calendar.instructors", names=names))

    def description(start: dt.datetime) -> str:
        """Said at the meeting's own local date and time (meetings are aware in the session's zone)."""
        local = formats.in_zone(formats.date_time(formats.date(start), formats.time(start)), session.timezone)
        details = [course.summary, messages.text("calendar.scheduled", time=local), *after]
        return fold(f"DESCRIPTION:{escape(SEPARATOR.join(details))}")

    url = session.registration_url or course_url
    meetings = course.meetings(session)
    lines = []
    # The order icalendar writes in, so that re-writing a parsed file changes nothing. Only
    # lines holding content can reach 75 octets and need folding.
    # A session in another language than the calendar's says so where a calendar lists it.
    language = course.language_of(session)
    in_language = "" if reads_as(language, messages.language) else messages.aside(formats.taught_in(language))
    for number, (start, end) in enumerate(meetings, start=1):
        title = course.title if len(meetings) == 1 else messages.text(
            "calendar.week", title=course.title, number=number, total=len(meetings))
        title += in_language
        key = session.key if number == 1 else f"{session.key}-week-{number}"  # week 1 keeps a single's UID
        lines += [
            "BEGIN:VEVENT",
            fold(f"SUMMARY:{escape(title)}"),
            f"DTSTART:{ical_utc(start)}",
            f"DTEND:{ical_utc(end)}",
            dtstamp(today),
            fold(f"UID:{stable_uid('session', course.id, key)}"),
            description(start),
            *([fold(f"LOCATION:{escape(session.location)}")] if session.location else []),
            f"STATUS:{'CONFIRMED' if session.takes_place else 'CANCELLED'}",
            *([fold(f"URL:{url}")] if url.startswith(("https://", "http://")) else []),  # a site path is no URI
            "END:VEVENT",
        ]
    return lines


def dtstamp(today: dt.date) -> str:
    """The DTSTAMP line of an event written line by line (see the module's docstring)."""
    return f"DTSTAMP:{ical_utc(day_begins(today))}"


def calendar_file(name: str, events: list[list[str]]) -> bytes:
    """A calendar named ``name`` holding ``events`` (lists of VEVENT lines)."""
    components = [line for event in events for line in event] or _NO_EVENTS
    lines = [_HEADER, fold(f"X-WR-CALNAME:{escape(name)}"), *components, "END:VCALENDAR", ""]
    return "\r\n".join(lines).encode("utf-8")


_HEADER = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{PRODID}\r\nCALSCALE:GREGORIAN"
# A calendar holds one component or more (RFC 5545 3.6): a feed with no sessions (a role's,
# until one is scheduled) holds a UTC time zone, which every calendar reads and shows nothing for.
_NO_EVENTS = ["BEGIN:VTIMEZONE", "TZID:UTC", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0000",
              "TZOFFSETTO:+0000", "TZNAME:UTC", "END:STANDARD", "END:VTIMEZONE"]
