"""Enablement plans as rows, and rows as Markdown, CSV and iCalendar.

A plan is authored in day offsets. :func:`plan_rows` flattens it once into rows (every item
and milestone, by day then phase) carrying what a customer engineer wants to copy: links,
format, duration, the live sessions and on-demand alternative of a course, the required
courses of a track. The renderers read only rows, so the three formats cannot disagree.

Each renderer writes either the undated template the site publishes as ``plans/<id>/plan.*``
(day offsets only) or, for a personalised plan, a template with placeholders for the
customer, the dates and the rest (:mod:`.placeholders`), which :func:`~.placeholders.fill`
completes. The plan page embeds those same templates (:func:`plan_page_data`) and fills
them in the browser, so ``syllabus plan`` and the page give the same bytes.

Dates are the model's (:mod:`syllabus.core.schedule`): a day moves to the next working day
unless calendar days are chosen, and live sessions are shown in the customer's zone with
the organiser's time second. Calendar choice: plan items are all-day events
(``DTSTART;VALUE=DATE``), the same calendar day in every zone; the session chosen for a
live course is a timed event at its exact UTC instant. The chosen zone also travels as
``X-WR-TIMEZONE`` for the calendar apps that read it. The undated template needs dates too,
so its events fall on a documented placeholder kickoff
(:func:`~syllabus.core.schedule.template_kickoff`), each summary starts with "Day N", and a
live course is an all-day reminder there like the rest, its next session said in the
description as in the Markdown and CSV.

Every word is the message catalog's, in the site's language (:class:`Wording` escapes a
text's own words for the format), and dates, times and durations are
:class:`~syllabus.core.locale_format.LocaleFormat`'s. CSV header names are translated too:
the file is for people reading it in a spreadsheet, not for a program.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..core.config import SiteAddress
from ..core.locale_format import LocaleFormat
from ..core.messages import ENGLISH, Messages, gap
from ..core.model import Catalog, Course, Phase, Plan, PlanItem, reads_as
from ..core.published import course_page, plan_page, track_page
from ..core.schedule import WorkingDays, in_zone, template_kickoff
from . import md_escape
from .calendar import add_text, dtstamp, new_calendar, new_event
from .csv_escape import BYTE_ORDER_MARK, cell
from .ics_escape import fold, ical_utc
from .placeholders import (
    DEFAULT_TIMEZONE,
    ITEM,
    MARKDOWN_FORMATS,
    Choice,
    Option,
    Personalisation,
    escape_for,
    fill,
    iso_utc,
    page_data,
    placeholder,
)

# The CSV's columns; their names are the catalog's download.csv.<column> texts. Each row
# names the customer (and engineer), as rows imported into a tracker leave the file's name.
CSV_COLUMNS = ("date", "day", "moved_from", "phase", "type", "title", "owner", "duration_minutes", "link",
               "details", "success_criteria", "customer", "customer_engineer", "status", "done_on")
FORMATS = ("md", "checklist", "csv", "ics")
_WHEN = "DTSTART"  # a token in it stands for an event's DTSTART, DTEND and TRANSP lines, all-day or timed
_END_EVENT = "END:VEVENT"  # a live course's, which a chosen weekly program's later meetings follow


@dataclass(frozen=True)
class Link:
    """A course (or recording) a row points to."""

    title: str  # "" for a recording: the exports call it "watch the recording" in their language
    url: str
    minutes: int | None = None
    language: str = ""  # a course's (a translation offered, a track's required course)


@dataclass(frozen=True)
class SessionSlot:
    """An upcoming, bookable live session of a course, from ``start`` to ``end`` (aware, in
    the organiser's zone)."""

    start: dt.datetime
    end: dt.datetime
    zone: str
    registration_url: str | None = None
    location: str = ""  # where it is held, if in a room: its time is the venue's clock, for everyone
    language: str = ""  # what it is taught in
    later: tuple[tuple[dt.datetime, dt.datetime], ...] = ()  # a weekly program's other meetings (start, end)


@dataclass(frozen=True)
class PlanRow:
    """One item or milestone of a plan, with everything the exports print about it."""

    key: str  # stable within the plan; part of the calendar UID
    day: int
    phase: str
    phase_index: int
    type: str  # course | track | task | meeting | milestone
    title: str
    language: str = ""  # what its title is in: a course's or track's own, the plan's for the rest
    owner: str = ""  # the owner role's title ("Customer engineer")
    duration_minutes: int | None = None
    link: str = ""  # absolute when the site_url is known, else site-relative
    note: str = ""
    format_title: str = ""  # a course's delivery format, as the taxonomy titles it
    live: bool = False  # a live course: the exports say when it next runs in the phase
    sessions: tuple[SessionSlot, ...] = ()
    on_demand: Link | None = None
    translation: Link | None = None  # the course in the reader's language, when it is in another
    required: tuple[Link, ...] = ()  # a track's required courses
    success_criteria: str = ""


# Rows -------------------------------------------------------------------------------


def plan_rows(plan: Plan, catalog: Catalog, today: dt.date, site: SiteAddress, *,
              language: str) -> list[PlanRow]:
    """Items and milestones sorted by day, then phase; items keep their authored order.
    ``language`` is the reader's: a course in another one offers its translation; links are
    absolute when ``site`` knows its URL (pasted plans need them)."""
    listed = frozenset(item.course for phase in plan.phases for item in phase.items if item.type == "course")
    slots: dict[str, tuple[SessionSlot, ...]] = {}  # by course: read once for all the items that take it
    rows = [_item_row(item, index, phase.title, plan.language, catalog, today, site, language, listed, slots)
            for index, phase in enumerate(plan.phases) for item in phase.items]
    for milestone in plan.milestones:
        index = max((i for i, p in enumerate(plan.phases) if p.start_day <= milestone.day), default=0)
        rows.append(PlanRow(key=f"milestone-{milestone.day}-{_digest(milestone.title)}", day=milestone.day,
                            phase=plan.phases[index].title, phase_index=index, type="milestone",
                            title=milestone.title, language=plan.language,
                            success_criteria=milestone.success_criteria))
    return sorted(_unique_keys(rows), key=lambda row: (row.day, row.phase_index))


def phase_days(phase: Phase, text: Callable[..., str]) -> str:
    """"days 31–89", or "day 90" for a phase of one day, in ``text``'s language and format."""
    if phase.start_day == phase.end_day:
        return text("plan.one_day", day=phase.start_day)
    return text("plan.days_span", start=phase.start_day, end=phase.end_day)


def by_phase(plan: Plan, rows: Sequence[PlanRow]) -> list[tuple[int, Phase, list[PlanRow]]]:
    """Every phase of ``plan`` in order, with its rows in their order: a phase with nothing
    in it too, so each format shows the phases the page's timeline does."""
    return [(index, phase, [row for row in rows if row.phase_index == index])
            for index, phase in enumerate(plan.phases)]


def _item_row(item: PlanItem, index: int, phase: str, plan_language: str, catalog: Catalog, today: dt.date,
              site: SiteAddress, language: str, listed: frozenset[str | None],
              slots: dict[str, tuple[SessionSlot, ...]]) -> PlanRow:
    """One item's row; a course in another language than ``language`` offers its translation,
    unless the plan lists that too (``listed``). ``slots`` keeps each live course's sessions;
    a task's or meeting's title is in ``plan_language``."""
    common = {"day": item.day, "phase": phase, "phase_index": index, "type": item.type, "note": item.note or ""}
    course = catalog.courses.get(item.course or "") if item.type == "course" else None
    track = catalog.tracks.get(item.track or "") if item.type == "track" else None
    if course:
        live = catalog.taxonomy.is_live(course.format)
        if live and course.id not in slots:
            slots[course.id] = _sessions(course, today)
        return PlanRow(key=f"course-{item.day}-{course.id}", title=course.title, language=course.language,
                       duration_minutes=course.duration_minutes, link=site.page(course_page(course.id)),
                       format_title=catalog.taxonomy.title("formats", course.format), live=live,
                       sessions=slots[course.id] if live else (),
                       on_demand=_on_demand(course, catalog, site, language) if live else None,
                       translation=_translation(course, catalog, site, language, listed), **common)
    if track:
        courses = [catalog.courses[c] for c in track.required_course_ids if c in catalog.courses]
        return PlanRow(key=f"track-{item.day}-{track.id}", title=track.title, language=track.language,
                       duration_minutes=catalog.track_minutes(track)[1],
                       link=site.page(track_page(track.id)),
                       required=tuple(Link(c.title, site.page(course_page(c.id)), c.duration_minutes,
                                           c.language) for c in courses), **common)
    title = item.title or item.course or item.track or ""
    owner = catalog.taxonomy.title("task_owners", item.owner) if item.owner else ""
    return PlanRow(key=f"{item.type}-{item.day}-{_digest(title)}", title=title, language=plan_language, owner=owner,
                   **common)


def _sessions(course: Course, today: dt.date) -> tuple[SessionSlot, ...]:
    """Scheduled sessions from today on, each with every meeting (:meth:`Course.meetings`);
    full and cancelled ones cannot be booked."""
    slots = []
    for session in course.upcoming_sessions(today):
        if session.is_bookable:
            (start, end), *later = course.meetings(session)
            slots.append(SessionSlot(start, end, session.timezone, session.registration_url, session.location or "",
                                     course.language_of(session), tuple(later)))
    return tuple(slots)


def _on_demand(course: Course, catalog: Catalog, site: SiteAddress, language: str) -> Link | None:
    """The course's on-demand alternative, in the reader's ``language`` if the catalog has it so."""
    if course.on_demand is None:
        return None
    if course.on_demand.url:
        return Link("", course.on_demand.url)
    other = catalog.courses.get(course.on_demand.course or "")  # absent when not visible
    if other is None:
        return None
    other = catalog.translation_for(other, language) or other
    return Link(other.title, site.page(course_page(other.id)), other.duration_minutes)


def _translation(course: Course, catalog: Catalog, site: SiteAddress, language: str,
                 listed: frozenset[str | None]) -> Link | None:
    other = catalog.translation_for(course, language)
    if other is None or other.id in listed:  # a plan listing both offers neither
        return None
    return Link(other.title, site.page(course_page(other.id)), other.duration_minutes, other.language)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _unique_keys(rows: Iterable[PlanRow]) -> list[PlanRow]:
    """Suffix repeated keys (the same task twice on one day) with their occurrence."""
    seen: dict[str, int] = {}
    unique = []
    for row in rows:
        seen[row.key] = seen.get(row.key, 0) + 1
        unique.append(row if seen[row.key] == 1 else replace(row, key=f"{row.key}-{seen[row.key]}"))
    return unique


# Text shared by the formats -----------------------------------------------------------

_VALUE = "\ue004"  # marks where a value goes while a text's own words are escaped (not a placeholder)
_VALUE_MARK = re.compile(f"{_VALUE}([a-z_]+){_VALUE}")


def _md(text: str) -> str:
    return md_escape.inline(text)


@dataclass(frozen=True)
class Wording:
    """The catalog's texts written straight into a ``fmt`` text (not through the format's
    writer): a text's own words are escaped for the format, since a site may reword them."""

    messages: Messages
    fmt: str

    def __call__(self, key: str, /, **values: object) -> str:
        """The text with ``values`` put in as given: already in the format's syntax (a
        Markdown link, an escaped title) or placeholders. ``count`` is a number."""
        marked = {name: value if name == "count" else f"{_VALUE}{name}{_VALUE}" for name, value in values.items()}
        text = escape_for(self.fmt, self.messages.text(key, **marked))
        return _VALUE_MARK.sub(lambda match: str(values[match[1]]), text)

    def plain(self, key: str, /, **values: object) -> str:
        """The text with plain ``values`` (a URL, a zone's name), all of it escaped."""
        return escape_for(self.fmt, self.messages.text(key, **values))

    def aside(self, text: str) -> str:
        """``text``, already in the format's syntax, as a side note (``Messages.aside``)."""
        note = self("aside", text=text)
        return gap(note) + note

    def around(self, key: str, name: str) -> tuple[str, str]:
        """What a text says before and after its value ``name``: a ``value``
        placeholder's prefix and suffix, written only when the value is not empty."""
        before, after = self(key, **{name: _VALUE}).split(_VALUE)
        return before, after


def _url_in_text(url: str, fmt: str) -> str:
    """A URL in a plain-text download (CSV, calendar), in angle brackets as RFC 3986 (appendix
    C) advises: a mail or calendar app that links it would otherwise take the "）" of a
    Japanese side note after it as part of the address. The plan page ("text") shows it bare."""
    return url if fmt == "text" else f"<{url.replace('<', '%3C').replace('>', '%3E')}>"  # one pair of brackets


def _label(row: PlanRow, messages: Messages) -> str:
    """``Course``, ``Milestone``...: what kind of row it is."""
    return messages.text(f"plan.type.{row.type}")


def _in_language(slot: SessionSlot, words: Wording, formats: LocaleFormat) -> str:
    """"(in Japanese)" after a session taught in another language than the reader's."""
    if reads_as(slot.language, words.messages.language):
        return ""
    return words.aside(escape_for(words.fmt, formats.taught_in(slot.language)))


def _session_sentence(slot: SessionSlot, fmt: str, messages: Messages) -> str:
    """When a session runs, in the customer's zone, with the organiser's time second:
    ``Thu, Feb 4, 2027, 01:00–03:00 Berlin time (11:00 Sydney)`` once filled, and the
    organiser's date too where it is another: ``... 00:00–01:00 Tokyo time (Wed, Feb 10,
    2027, 16:00 Berlin)``."""
    words = Wording(messages, fmt)
    start, end = iso_utc(slot.start), iso_utc(slot.end)
    formats = LocaleFormat(messages)
    city = formats.city(slot.zone)
    if slot.location:  # held in a room: at the venue's time wherever the customer is, and where
        local_start, local_end = in_zone(slot.start, slot.zone), in_zone(slot.end, slot.zone)
        ends = (formats.time(local_end) if local_start.date() == local_end.date()
                else formats.date_time(formats.date(local_end), formats.time(local_end)))
        when = words.plain("download.session_when", date=formats.date(local_start), start=formats.time(local_start),
                           end=ends, zone=city)
        return (when + words.aside(words.plain("download.session_location", location=slot.location))
                + _in_language(slot, words, formats) + _weekly(slot, words, formats))
    organiser = words.plain("download.organiser_time", time=formats.time(slot.start), zone=city)
    organiser_dated = words.plain("download.organiser_time", zone=city,
                                  time=formats.date_time(formats.date(slot.start), formats.time(slot.start)))
    when = words("download.session_when", date=placeholder("instant", start, "label"),
                 start=placeholder("instant", start, "time"), end=placeholder("instant", end, "time", start),
                 zone=placeholder("value", "zone", "", ""))
    elsewhere = placeholder("elsewhere", slot.zone, organiser, organiser_dated, start)
    return (f"{when}{elsewhere}{placeholder('night', start, end)}{_in_language(slot, words, formats)}"
            f"{_weekly(slot, words, formats)}")


def _weekly(slot: SessionSlot, words: Wording, formats: LocaleFormat) -> str:
    """" (6 weekly meetings, the last on Tue, Apr 6, 2027)" after a weekly program's first
    meeting: in the customer's zone, or the venue's for a session in a room."""
    if not slot.later:
        return ""
    last = slot.later[-1][0]
    date = (escape_for(words.fmt, formats.date(in_zone(last, slot.zone))) if slot.location
            else placeholder("instant", iso_utc(last), "label"))
    return words.aside(words("download.weekly_meetings", count=len(slot.later) + 1, date=date))


def _live_texts(row: PlanRow, slot: SessionSlot | None, messages: Messages, *, dated: bool,
                formats: Sequence[str] = ("text", *FORMATS)) -> dict[str, str]:
    """The line about when a live course runs, per format (``text`` is the page's), with
    placeholders; ``when`` is the calendar event's DTSTART and DTEND lines."""
    texts = {}
    for fmt in formats:
        words = Wording(messages, fmt)
        markdown = fmt in MARKDOWN_FORMATS
        if slot:
            text = words("download.next_session_in_phase" if dated else "download.next_session",
                         when=_session_sentence(slot, fmt, messages))
            if slot.registration_url and fmt != "text":  # the page links it (texts["register"])
                register = (md_escape.link(messages.text("download.register"), slot.registration_url) if markdown
                            else words.plain("download.register_url", url=_url_in_text(slot.registration_url, fmt)))
                text += words.aside(register)
        elif row.on_demand:
            title = row.on_demand.title or messages.text("download.recording")
            if markdown:
                text = words("download.on_demand", course=md_escape.link(title, row.on_demand.url))
            elif fmt == "text":  # the page links it (texts["on_demand"]), a recording by the link's words
                text = words.plain("download.on_demand", course=row.on_demand.title).rstrip()
            else:
                text = words.plain("download.on_demand",
                                   course=title + messages.aside(_url_in_text(row.on_demand.url, fmt)))
        else:
            text = words.plain("download.no_session_in_phase" if dated else "download.no_session")
        texts[fmt] = text
    if slot and slot.registration_url:
        texts["register"] = slot.registration_url
    elif not slot and row.on_demand:
        texts["on_demand"] = row.on_demand.url
    texts["when"] = (f"DTSTART:{ical_utc(slot.start)}\r\nDTEND:{ical_utc(slot.end)}\r\n"
                     "TRANSP:OPAQUE") if slot else _all_day(row.day)  # a session to attend: busy time
    if slot and slot.location:
        texts["when"] += f"\r\nLOCATION:{escape_for('ics', slot.location)}"
    return texts


def _all_day(day: int) -> str:
    """An all-day event's dates: a plan day is a reminder, not busy time."""
    return (f"DTSTART;VALUE=DATE:{placeholder('date', day, 'basic')}\r\n"
            f"DTEND;VALUE=DATE:{placeholder('date', day, 'end')}\r\n"
            "TRANSP:TRANSPARENT")


def _choices(plan: Plan, rows: Sequence[PlanRow], today: dt.date, messages: Messages) -> dict[str, Choice]:
    """For each live course: its sessions from the item's day to the end of its phase,
    picked when the kickoff date and zone are known (a session after the phase would come
    too late)."""
    choices = {}
    options: dict[str, tuple[str, tuple[Option, ...]]] = {}  # made once per course, by its link
    for row in rows:
        if row.live:
            phase = plan.phases[row.phase_index]
            if row.link not in options:
                options[row.link] = (f"s{len(options)}", tuple(
                    Option(slot.start, slot.end, {**_live_texts(row, slot, messages, dated=True),
                                                  "end": _event_end(plan, row, slot, today, messages)},
                           slot.zone if slot.location else "", not reads_as(slot.language, messages.language))
                    for slot in row.sessions))
            choices[row.key] = Choice(max(row.day, phase.start_day), phase.end_day, *options[row.link],
                                      {**_live_texts(row, None, messages, dated=True), "end": _END_EVENT})
    return choices


def _event_end(plan: Plan, row: PlanRow, slot: SessionSlot, today: dt.date, messages: Messages) -> str:
    """The end of the event of a chosen session, and an event for each later meeting of a
    weekly program (``week 2 of 6``...): separate events at exact instants, as the session
    calendars write them, which every calendar imports (Outlook refuses RDATE without RRULE).
    Their UIDs name the item that chose the session (placeholders.ITEM): unique per item."""
    lines = [_END_EVENT]
    total = len(slot.later) + 1
    for number, (start, end) in enumerate(slot.later, start=2):
        title = messages.text("calendar.week", title=row.title, number=number, total=total)
        lines += ["BEGIN:VEVENT",
                  f"SUMMARY:{_customer(' · ')}{escape_for('ics', f'{_label(row, messages)}: {title}')}",
                  f"DTSTART:{ical_utc(start)}", f"DTEND:{ical_utc(end)}", "TRANSP:OPAQUE",
                  *([f"LOCATION:{escape_for('ics', slot.location)}"] if slot.location else []),
                  dtstamp(today),
                  f"UID:{placeholder('uid', plan.id, ITEM, 'week', number)}",
                  f"CATEGORIES:{escape_for('ics', _label(row, messages))}",
                  f"DESCRIPTION:{escape_for('ics', row.link)}",
                  *([f"URL:{row.link}"] if row.link.startswith(("https://", "http://")) else []),
                  _END_EVENT]
    return "\r\n".join(lines)


def _undated_live(row: PlanRow, fmt: str, messages: Messages) -> str:
    """The next session from "today", in the organiser's own zone (no customer yet)."""
    slot = row.sessions[0] if row.sessions else None
    organiser = Personalisation("", dt.date.min, slot.zone if slot else DEFAULT_TIMEZONE, days=WorkingDays(shift=False))
    return fill(_live_texts(row, slot, messages, dated=False)[fmt], fmt, organiser, {}, messages)


def _live_line(row: PlanRow, fmt: str, dated: bool, messages: Messages) -> str:
    """A placeholder in a dated template; in an undated CSV or calendar file one for its
    text, already escaped for the format (:func:`_undated_live`), which
    :func:`_with_undated_lines` puts in after the format's writer; in undated Markdown, the text."""
    if dated:
        return placeholder("choice", row.key, fmt)
    return placeholder("undated", row.key, fmt) if fmt in ("csv", "ics") else _undated_live(row, fmt, messages)


def _with_undated_lines(template: str, rows: Sequence[PlanRow], fmt: str, messages: Messages) -> str:
    for row in rows:
        if row.live:
            template = template.replace(placeholder("undated", row.key, fmt), _undated_live(row, fmt, messages))
    return template


def _details(row: PlanRow, fmt: str, dated: bool, messages: Messages, *, criteria: bool = True) -> list[str]:
    """Plain facts beyond title, owner, duration and link: for CSV cells and calendar notes."""
    formats = LocaleFormat(messages)
    duration = formats.duration
    parts = [row.format_title] if row.format_title else []
    if row.live:
        parts.append(_live_line(row, fmt, dated, messages))
    if row.required:
        courses = messages.text("list.title_separator").join(c.title + messages.aside(duration(c.minutes))
                                                             for c in row.required)
        parts.append(messages.text("download.required_courses", duration=duration(row.duration_minutes),
                                   courses=courses))
    if row.success_criteria and criteria:
        parts.append(messages.text("download.success_criteria", criteria=row.success_criteria))
    if row.note:
        parts.append(row.note)
    if row.translation:
        course = row.translation.title + messages.aside(_url_in_text(row.translation.url, fmt))
        parts.append(messages.text("download.translation", course=course,
                                   language=formats.language_name(row.translation.language)))
    return parts


def _date_label(day: int) -> str:
    """How a date reads in the Markdown and on the page: ``Tue, Mar 30, 2027``."""
    return placeholder("date", day, "label")


def _customer(suffix: str = "") -> str:
    return placeholder("value", "customer", "", suffix)


def _title(row: PlanRow) -> str:
    return md_escape.link(row.title, row.link) if row.link else _md(row.title)


# Markdown ---------------------------------------------------------------------------


def _markdown(plan: Plan, rows: Sequence[PlanRow], dated: bool, plan_url: str, messages: Messages) -> str:
    words = Wording(messages, "md")
    last = plan.length_days
    link = md_escape.link(plan.title, plan_url)
    if dated:
        ce_before, ce_after = words.around("download.ce", "ce")
        lines = [f"# {_md(plan.title)}: {_customer()}", "", _md(plan.summary), "",
                 "- " + words("download.kickoff", date=f"**{_date_label(0)}**") + placeholder("date", 0, "moved"),
                 "- " + words("download.last_day", date=f"**{_date_label(last)}**", day=last)
                 + placeholder("date", last, "moved"),
                 "- " + words("download.days", days=placeholder("value", "days", "", "")),
                 "- " + words("download.timezone", timezone=placeholder("value", "timezone", "", ""))
                 + placeholder("value", "ce", "\n- " + ce_before, ce_after),
                 "- " + words("download.template", link=link)]
    else:
        lines = [f"# {_md(plan.title)}", "", _md(plan.summary), "",
                 "- " + words("download.length", count=last), "- " + words("download.personalise", link=link)]
    for _, phase, phase_rows in by_phase(plan, rows):
        span = phase_days(phase, words)
        dates = (" · " + words("download.phase_dates", start=_date_label(phase.start_day),
                               end=_date_label(phase.end_day))) if dated else ""
        lines += ["", f"## {_md(phase.title)}{dates}{words.aside(span)}", ""]
        for row in phase_rows:
            lines += _markdown_row(row, dated, messages)
        if not phase_rows:
            lines.append(words("plan.phase_empty"))
    if plan.outcomes:
        lines += ["", "## " + words("plan.outcomes"), "", *(f"- {_md(outcome)}" for outcome in plan.outcomes)]
    return "\n".join(lines) + "\n"


def _markdown_row(row: PlanRow, dated: bool, messages: Messages) -> list[str]:
    words = Wording(messages, "md")
    formats = LocaleFormat(messages)
    duration = formats.duration
    when = (f"**{_date_label(row.day)}** · {words('download.day', day=row.day)}{placeholder('date', row.day, 'moved')}"
            if dated else f"**{words('plan.day', day=row.day)}**")
    facts = [f"{words.plain(f'plan.type.{row.type}')}: {_title(row)}"]
    if row.type == "course":
        facts += [_md(row.format_title), _md(duration(row.duration_minutes))]
    elif row.type == "track":
        facts.append(words("plan.required", duration=_md(duration(row.duration_minutes))))
    elif row.owner:
        facts.append(words("download.owner", owner=_md(row.owner)))
    nested = []
    if row.live:
        nested.append(_live_line(row, "md", dated, messages))
    if row.required:
        courses = messages.text("list.title_separator").join(
            md_escape.link(c.title, c.url) + words.aside(_md(duration(c.minutes))) for c in row.required)
        nested.append(words("download.required_courses", duration=_md(duration(row.duration_minutes)),
                            courses=courses))
    if row.success_criteria:
        nested.append(words("download.success_criteria", criteria=_md(row.success_criteria)))
    if row.note:
        nested.append(_md(row.note))
    if row.translation:
        nested.append(_translation_md(row.translation, words))
    return [f"- {when} · {' · '.join(f for f in facts if f)}", *(f"    - {line}" for line in nested)]


def _translation_md(translation: Link, words: Wording) -> str:
    """"Japanese version: [title](url)" in the Markdown downloads."""
    language = LocaleFormat(words.messages).language_name(translation.language)
    return words("download.translation", course=md_escape.link(translation.title, translation.url),
                 language=_md(language))


# Checklist --------------------------------------------------------------------------


def _checklist(plan: Plan, rows: Sequence[PlanRow], messages: Messages) -> str:
    """Markdown task lists grouped by phase, to paste into a GitHub, GitLab or Jira issue;
    a milestone's success criteria are an item of their own."""
    words = Wording(messages, "checklist")
    duration = LocaleFormat(messages).duration
    lines = [f"**{_md(plan.title)}: {_customer()}** · {words('download.checklist_kickoff', date=_date_label(0))} · "
             + placeholder("value", "days", "", "")]
    for _, phase, phase_rows in by_phase(plan, rows):
        dates = words("download.phase_dates", start=_date_label(phase.start_day), end=_date_label(phase.end_day))
        lines += ["", f"### {_md(phase.title)} · {dates}", ""]
        for row in phase_rows:
            facts = [f"{words.plain(f'plan.type.{row.type}')}: {_title(row)}"]
            if row.type == "course":
                facts.append(f"{_md(row.format_title)}, {_md(duration(row.duration_minutes))}")
                if row.translation:
                    facts.append(_translation_md(row.translation, words))
            elif row.type == "track":
                facts.append(words("plan.required", duration=_md(duration(row.duration_minutes))))
            elif row.owner:
                facts.append(_md(row.owner))
            if row.live:
                facts.append(placeholder("choice", row.key, "checklist"))
            lines.append(f"- [ ] {_date_label(row.day)} — {' — '.join(facts)}")
            if row.success_criteria:
                lines.append("    - [ ] " + words("download.success_criteria", criteria=_md(row.success_criteria)))
        if not phase_rows:
            lines.append(words("plan.phase_empty"))
    return "\n".join(lines) + "\n"


# CSV --------------------------------------------------------------------------------


def _csv(rows: Sequence[PlanRow], dated: bool, messages: Messages) -> str:
    # Every cell is quoted: a value filled in later may hold a comma or a quote, and a
    # cell the writer left bare could not take it. status and done_on are for the customer.
    out = io.StringIO()
    out.write(BYTE_ORDER_MARK)
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([cell(messages.text(f"download.csv.{column}")) for column in CSV_COLUMNS])
    who = (placeholder("cell", "customer"), placeholder("cell", "ce")) if dated else ("", "")
    for row in rows:
        dates = [placeholder("date", row.day, style) if dated else "" for style in ("iso", "moved-iso")]
        details = " · ".join(_details(row, "csv", dated, messages, criteria=False))
        writer.writerow([dates[0], row.day, dates[1],
                         *map(cell, (row.phase, _label(row, messages), row.title, row.owner)),
                         row.duration_minutes or "", cell(row.link), cell(details), cell(row.success_criteria),
                         *who, "", ""])
    return out.getvalue() if dated else _with_undated_lines(out.getvalue(), rows, "csv", messages)


# iCalendar --------------------------------------------------------------------------


def _ics(plan: Plan, rows: Sequence[PlanRow], dated: bool, today: dt.date, messages: Messages) -> str:
    """Unfolded calendar text with date and UID placeholders (filled, then re-folded)."""
    text, duration = messages.text, LocaleFormat(messages).duration
    if dated:
        calendar = new_calendar(f"{plan.title}: {_customer()}")
        add_text(calendar, "x-wr-timezone", placeholder("value", "timezone", "", ""))
        ce_before, ce_after = Wording(messages, "text").around("download.ce", "ce")  # add_text escapes
        add_text(calendar, "x-wr-caldesc", plan.summary + placeholder("value", "ce", "\n\n" + ce_before, ce_after))
    else:
        calendar = new_calendar(plan.title)
        add_text(calendar, "x-wr-caldesc", f"{plan.summary}\n\n{text('download.calendar_template')}")
    when = {}
    for row in rows:
        label = _label(row, messages)
        prefix = _customer(" · ") if dated else f"{text('plan.day', day=row.day)} · "
        event = new_event(placeholder("uid", plan.id, row.key), f"{prefix}{label}: {row.title}", today)
        token = placeholder("when", row.key)
        add_text(event, _WHEN, token)
        # Undated, a live course is a reminder on its day like the rest: its next session (in
        # the description) is no session chosen for the placeholder kickoff.
        when[f"{_WHEN}:{token}"] = placeholder("choice", row.key, "when") if row.live and dated else _all_day(row.day)
        facts = [text("download.owner_title", owner=row.owner)] if row.owner else []
        facts += [text("download.duration", duration=duration(row.duration_minutes))] if row.duration_minutes else []
        facts += [text("download.day_of", day=row.day, length=plan.length_days, phase=row.phase),
                  *_details(row, "ics", dated, messages)]
        add_text(event, "description", "\n".join(facts + ([row.link] if row.link else [])))
        if row.link.startswith(("https://", "http://")):
            event.add("url", row.link)
        add_text(event, "categories", label)  # one category
        calendar.add_component(event)
    lines, events = [], iter(rows)
    for line in calendar.content_lines():
        if line == "BEGIN:VEVENT":
            row = next(events)  # the calendar holds the rows' events in their order
        elif line == _END_EVENT and dated and row.live:
            line = placeholder("choice", row.key, "end")  # and a weekly program's later meetings
        if line:
            lines.append(when.get(line, line))
    unfolded = "\r\n".join(lines) + "\r\n"
    return unfolded if dated else _with_undated_lines(unfolded, rows, "ics", messages)


# Public API -------------------------------------------------------------------------
# ``messages``: the site's texts (Options.messages); the language of the words and dates.


def plan_markdown(plan: Plan, rows: Sequence[PlanRow], who: Personalisation | None = None, *,
                  site: SiteAddress, today: dt.date, messages: Messages = ENGLISH) -> str:
    """Markdown to paste into an email or a README; undated (day offsets) without ``who``."""
    template = _markdown(plan, rows, who is not None, site.page(plan_page(plan.id)), messages)
    return fill(template, "md", who, _choices(plan, rows, today, messages), messages) if who else template


def plan_checklist(plan: Plan, rows: Sequence[PlanRow], who: Personalisation, *, today: dt.date,
                   messages: Messages = ENGLISH) -> str:
    """Markdown task lists (``- [ ] Thu, Jan 14, 2027 — …``) to track the plan in an issue."""
    return fill(_checklist(plan, rows, messages), "checklist", who, _choices(plan, rows, today, messages), messages)


def plan_csv(plan: Plan, rows: Sequence[PlanRow], who: Personalisation | None = None, *, today: dt.date,
             messages: Messages = ENGLISH) -> str:
    """One row per item and milestone, UTF-8, with a header row."""
    template = _csv(rows, who is not None, messages)
    return fill(template, "csv", who, _choices(plan, rows, today, messages), messages) if who else template


def plan_ics(plan: Plan, rows: Sequence[PlanRow], who: Personalisation | None = None, *, today: dt.date,
             messages: Messages = ENGLISH) -> str:
    """An all-day event per item and milestone, a timed one for a chosen live session;
    stable UIDs per plan, customer and kickoff."""
    template = _ics(plan, rows, who is not None, today, messages)
    filler = who or Personalisation("", template_kickoff(today), days=WorkingDays(shift=False))
    filled = fill(template, "ics", filler, _choices(plan, rows, today, messages), messages)
    return "\r\n".join(fold(line) for line in filled.split("\r\n"))


def plan_page_data(plan: Plan, rows: Sequence[PlanRow], today: dt.date, site: SiteAddress, *,
                   holiday_years: tuple[int, int], holidays: Mapping[str, list[str]],
                   messages: Messages = ENGLISH) -> dict[str, object]:
    """The dated templates, choices and date rules the plan page fills in the browser."""
    plan_url = site.page(plan_page(plan.id))
    templates = {"md": _markdown(plan, rows, True, plan_url, messages), "checklist": _checklist(plan, rows, messages),
                 "csv": _csv(rows, True, messages), "ics": _ics(plan, rows, True, today, messages)}
    choices = _choices(plan, rows, today, messages)
    data = page_data(templates, choices, weekend=plan.weekend, length_days=plan.length_days,
                     holiday_years=holiday_years, holidays=holidays, formats=LocaleFormat(messages))
    # A live course's upcoming sessions before anyone personalises the plan, in order: the
    # page says the first that has not ended when it is read (the site may have been built
    # days before), in the zone the form holds (the visitor's own, at first) rather than only
    # in the organiser's; past the last one, the line without a session. Once per course, as
    # its choices' sessions are (one per item made a page grow with items times sessions).
    data["undated"] = {}
    for row in rows:
        if row.live and choices[row.key].sessions not in data["undated"]:
            data["undated"][choices[row.key].sessions] = {
                "sessions": [_undated_option(row, slot, messages) for slot in row.sessions],
                "none": _undated_option(row, None, messages)}
    return data


def _undated_option(row: PlanRow, slot: SessionSlot | None, messages: Messages) -> dict[str, str]:
    """What the page shows of ``slot`` (or of no session) before anyone personalises it: its
    line, when it ends, in which zone, and the address to register, or of the on-demand course."""
    texts = _live_texts(row, slot, messages, dated=False, formats=("text",))
    shown = {"text": texts["text"], "register": texts.get("register", ""), "on_demand": texts.get("on_demand", "")}
    if slot is None:
        return shown
    last_end = slot.later[-1][1] if slot.later else slot.end  # a weekly program is offered until its last meeting
    return {**shown, "end": iso_utc(last_end), "zone": slot.zone}


def undated_live_dates(rows: Sequence[PlanRow], messages: Messages = ENGLISH) -> Mapping[str, tuple[str, str, bool]]:
    """What the plan page shows about live courses before anyone personalises it: the line,
    the registration URL of its session (the page makes that a link), or "", and whether the
    line offers the on-demand alternative (the page links that too)."""
    return {row.key: (_undated_live(row, "text", messages),
                      row.sessions[0].registration_url or "" if row.sessions else "",
                      not row.sessions and row.on_demand is not None)
            for row in rows if row.live}
