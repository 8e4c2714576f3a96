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

Calendar choice: plan events are all-day events (``DTSTART;VALUE=DATE``). A plan is day
granular, and an all-day date is the same calendar day in every zone, so no daylight-saving
shift can move an item to the previous or next day; the chosen zone travels as
``X-WR-TIMEZONE`` for the calendar apps that read it. The undated template needs dates too,
so its events fall on a documented placeholder kickoff (:func:`template_kickoff`) and each
summary starts with "Day N".
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from urllib.parse import quote

from ..core.model import Catalog, Course, Plan, PlanItem
from .calendar import new_calendar, new_event, reserialise
from .catalog_json import track_minutes
from .placeholders import WEEKDAYS, Choice, Option, Personalisation, escape, fill, page_data, placeholder
from .text import format_minutes

LABELS = {"course": "Course", "track": "Track", "task": "Task", "meeting": "Meeting", "milestone": "Milestone"}
CSV_HEADER = ("date", "day", "phase", "type", "title", "owner", "duration_minutes", "link", "details")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
URL_SAFE = ":/?#[]@!$&'*+,;=%~"  # everything but spaces, parentheses and angle brackets


@dataclass(frozen=True)
class Link:
    """A course (or recording) a row points to."""

    title: str
    url: str
    minutes: int | None = None


@dataclass(frozen=True)
class SessionSlot:
    """An upcoming, bookable live session of a course, dated in its own zone."""

    date: dt.date
    text: str  # "Thu 2027-01-07 16:00–17:30 America/New_York"
    registration_url: str | None = None


@dataclass(frozen=True)
class PlanRow:
    """One item or milestone of a plan, with everything the exports print about it."""

    key: str  # stable within the plan; part of the calendar UID
    day: int
    phase: str
    phase_index: int
    type: str  # course | track | task | meeting | milestone
    title: str
    owner: str = ""
    duration_minutes: int | None = None
    link: str = ""  # absolute when the site_url is known, else site-relative
    note: str = ""
    format: str = ""  # a course's format title
    live: bool = False  # a live course: the exports say when it next runs in the phase
    sessions: tuple[SessionSlot, ...] = ()
    on_demand: Link | None = None
    required: tuple[Link, ...] = ()  # a track's required courses
    success_criteria: str = ""

    @property
    def label(self) -> str:
        return LABELS.get(self.type, self.type.capitalize())


def site_link(base_url: str, path: str) -> str:
    """``path`` under the site's URL when it is known (pasted plans need absolute links)."""
    return f"{base_url.rstrip('/')}/{path}" if base_url else path


def template_kickoff(today: dt.date) -> dt.date:
    """The undated calendar's placeholder kickoff: the first Monday after "today"."""
    return today + dt.timedelta(days=7 - today.weekday())


# Rows -------------------------------------------------------------------------------


def plan_rows(plan: Plan, catalog: Catalog, today: dt.date, base_url: str = "") -> list[PlanRow]:
    """Items and milestones sorted by day, then phase; items keep their authored order."""
    rows = [_item_row(item, index, phase.title, catalog, today, base_url)
            for index, phase in enumerate(plan.phases) for item in phase.items]
    for milestone in plan.milestones:
        index = max((i for i, p in enumerate(plan.phases) if p.start_day <= milestone.day), default=0)
        rows.append(PlanRow(key=f"milestone-{milestone.day}-{_digest(milestone.title)}", day=milestone.day,
                            phase=plan.phases[index].title, phase_index=index, type="milestone",
                            title=milestone.title, success_criteria=milestone.success_criteria))
    return sorted(_unique_keys(rows), key=lambda row: (row.day, row.phase_index))


def _item_row(item: PlanItem, index: int, phase: str, catalog: Catalog, today: dt.date, base_url: str) -> PlanRow:
    common = {"day": item.day, "phase": phase, "phase_index": index, "type": item.type, "note": item.note or ""}
    course = catalog.courses.get(item.course or "") if item.type == "course" else None
    track = catalog.tracks.get(item.track or "") if item.type == "track" else None
    if course:
        live = catalog.taxonomy.is_live(course.format)
        return PlanRow(key=f"course-{item.day}-{course.id}", title=course.title,
                       duration_minutes=course.duration_minutes, link=site_link(base_url, f"courses/{course.id}/"),
                       format=catalog.taxonomy.title("formats", course.format), live=live,
                       sessions=_sessions(course, today) if live else (),
                       on_demand=_on_demand(course, catalog, base_url) if live else None, **common)
    if track:
        required = {i.course: i for i in track.items}  # as track_minutes counts them
        courses = [catalog.courses[c] for c, i in required.items() if i.required and c in catalog.courses]
        return PlanRow(key=f"track-{item.day}-{track.id}", title=track.title,
                       duration_minutes=track_minutes(track, catalog)[1],
                       link=site_link(base_url, f"tracks/{track.id}/"),
                       required=tuple(Link(c.title, site_link(base_url, f"courses/{c.id}/"), c.duration_minutes)
                                      for c in courses), **common)
    title = item.title or item.course or item.track or ""
    return PlanRow(key=f"{item.type}-{item.day}-{_digest(title)}", title=title, owner=item.owner or "", **common)


def _sessions(course: Course, today: dt.date) -> tuple[SessionSlot, ...]:
    """Scheduled sessions from today on; full and cancelled ones cannot be booked."""
    slots = []
    for session in course.upcoming_sessions(today):
        if session.status == "scheduled":
            start, end = session.start, session.ends_at(course.duration_minutes)
            text = (f"{WEEKDAYS[start.weekday()]} {start.date().isoformat()} "
                    f"{start:%H:%M}–{end:%H:%M} {session.timezone}")
            slots.append(SessionSlot(start.date(), text, session.registration_url))
    return tuple(slots)


def _on_demand(course: Course, catalog: Catalog, base_url: str) -> Link | None:
    if course.on_demand is None:
        return None
    if course.on_demand.url:
        return Link("watch the recording", course.on_demand.url)
    other = catalog.courses.get(course.on_demand.course or "")  # absent when not visible
    return Link(other.title, site_link(base_url, f"courses/{other.id}/"), other.duration_minutes) if other else None


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


def _md(text: str) -> str:
    return escape("md", text)


def _md_link(title: str, url: str) -> str:
    """``[title](url)``; the URL is percent-encoded where Markdown would end or break it."""
    return f"[{_md(title)}]({quote(url, safe=URL_SAFE)})"


def live_dates(row: PlanRow, slot: SessionSlot | None, *, dated: bool) -> dict[str, str]:
    """The line about when a live course runs, per format: ``text`` (plain, also for the
    page), ``md``, and ``csv``/``ics`` pre-escaped for insertion into a filled template."""
    in_phase = " in this phase" if dated else ""
    if slot:
        text = md = f"Next live session{in_phase}: {slot.text}"
        md = _md(md)
        if slot.registration_url:
            text += f" (register: {slot.registration_url})"
            md += f" ({_md_link('register', slot.registration_url)})"
    elif row.on_demand:
        text = f"On demand instead: {row.on_demand.title} ({row.on_demand.url})"
        md = f"On demand instead: {_md_link(row.on_demand.title, row.on_demand.url)}"
    else:
        text = f"No live session is scheduled{in_phase} yet; see the course page for new dates."
        md = _md(text)
    return {"text": text, "md": md, "csv": escape("csv", text), "ics": escape("ics", text)}


def _choices(plan: Plan, rows: Sequence[PlanRow]) -> dict[str, Choice]:
    """For each live course: its next session from the item's day to the end of its phase,
    picked when the kickoff date is known (a session after the phase would come too late)."""
    choices = {}
    for row in rows:
        if row.live:
            phase = plan.phases[row.phase_index]
            options = tuple(Option(slot.date, live_dates(row, slot, dated=True)) for slot in row.sessions)
            choices[row.key] = Choice(max(row.day, phase.start_day), phase.end_day, options,
                                      live_dates(row, None, dated=True))
    return choices


def _live_line(row: PlanRow, fmt: str, dated: bool) -> str:
    """A placeholder in a dated template; the undated text (next session from today) otherwise."""
    if dated:
        return placeholder("choice", row.key)
    texts = live_dates(row, row.sessions[0] if row.sessions else None, dated=False)
    return texts["md"] if fmt == "md" else texts["text"]


def _details(row: PlanRow, fmt: str, dated: bool) -> list[str]:
    """Plain facts beyond title, owner, duration and link: for CSV cells and calendar notes."""
    parts = [row.format] if row.format else []
    if row.live:
        parts.append(_live_line(row, fmt, dated))
    if row.required:
        courses = "; ".join(f"{c.title} ({format_minutes(c.minutes)})" for c in row.required)
        parts.append(f"Required courses ({format_minutes(row.duration_minutes)} in total): {courses}")
    if row.success_criteria:
        parts.append(f"Success criteria: {row.success_criteria}")
    if row.note:
        parts.append(row.note)
    return parts


def _date_label(day: int) -> str:
    """How a date reads in the Markdown and on the page: ``Tue 2027-03-30``."""
    return f"{placeholder('date', day, 'weekday')} {placeholder('date', day, 'iso')}"


def _customer(suffix: str = "") -> str:
    return placeholder("value", "customer", "", suffix)


# Markdown ---------------------------------------------------------------------------


def _markdown(plan: Plan, rows: Sequence[PlanRow], dated: bool, plan_url: str) -> str:
    last = plan.length_days - 1
    if dated:
        lines = [f"# {_md(plan.title)}: {_customer()}", "", _md(plan.summary), "",
                 f"- Kickoff: **{_date_label(0)}** (day 0)",
                 f"- Last day: **{_date_label(last)}** (day {last})",
                 "- Time zone: " + placeholder("value", "timezone", "", "")
                 + placeholder("value", "ce", "\n- Customer engineer: ", ""),
                 f"- Plan template: {_md_link(plan.title, plan_url)}"]
    else:
        lines = [f"# {_md(plan.title)}", "", _md(plan.summary), "",
                 f"- Length: {plan.length_days} days; day 0 is the kickoff",
                 f"- Personalise it with the customer's name and kickoff date: {_md_link(plan.title, plan_url)}"]
    phase_index = None
    for row in rows:
        if row.phase_index != phase_index:
            phase_index = row.phase_index
            phase = plan.phases[phase_index]
            span = f"days {phase.start_day}–{phase.end_day}"
            dates = f" · {_date_label(phase.start_day)} to {_date_label(phase.end_day)}" if dated else ""
            lines += ["", f"## {_md(phase.title)}{dates} ({span})", ""]
        lines += _markdown_row(row, dated)
    if plan.outcomes:
        lines += ["", "## Outcomes", "", *(f"- {_md(outcome)}" for outcome in plan.outcomes)]
    return "\n".join(lines) + "\n"


def _markdown_row(row: PlanRow, dated: bool) -> list[str]:
    when = f"**{_date_label(row.day)}** · day {row.day}" if dated else f"**Day {row.day}**"
    title = _md_link(row.title, row.link) if row.link else _md(row.title)
    facts = [f"{row.label}: {title}"]
    if row.type == "course":
        facts += [_md(row.format), format_minutes(row.duration_minutes)]
    elif row.type == "track":
        facts.append(f"{format_minutes(row.duration_minutes)} required")
    elif row.owner:
        facts.append(f"owner: {_md(row.owner)}")
    nested = []
    if row.live:
        nested.append(_live_line(row, "md", dated))
    if row.required:
        courses = "; ".join(f"{_md_link(c.title, c.url)} ({format_minutes(c.minutes)})" for c in row.required)
        nested.append(f"Required courses ({format_minutes(row.duration_minutes)} in total): {courses}")
    if row.success_criteria:
        nested.append(f"Success criteria: {_md(row.success_criteria)}")
    if row.note:
        nested.append(_md(row.note))
    return [f"- {when} · {' · '.join(f for f in facts if f)}", *(f"    - {line}" for line in nested)]


# CSV --------------------------------------------------------------------------------


def _cell(value: object) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula ("CSV injection"), so such
    a cell gets a leading apostrophe: shown as text, the apostrophe itself hidden."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv(plan: Plan, rows: Sequence[PlanRow], dated: bool) -> str:
    # Every cell is quoted: a value filled in later may hold a comma or a quote, and a
    # cell the writer left bare could not take it.
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in rows:
        date = placeholder("date", row.day, "iso") if dated else ""
        details = " · ".join(_details(row, "csv", dated))
        writer.writerow([date, row.day, *map(_cell, (row.phase, row.type, row.title, row.owner)),
                         row.duration_minutes or "", _cell(row.link), _cell(details)])
    return out.getvalue()


# iCalendar --------------------------------------------------------------------------


def _ics(plan: Plan, rows: Sequence[PlanRow], dated: bool, today: dt.date) -> str:
    """Unfolded calendar text with date and UID placeholders (filled, then re-folded)."""
    from icalendar import vText  # imported with the library only when a plan needs it (see .calendar)

    if dated:
        calendar = new_calendar(f"{plan.title}: {_customer()}")
        calendar.add("x-wr-timezone", vText(placeholder("value", "timezone", "", "")))
        calendar.add("x-wr-caldesc", vText(plan.summary))
    else:
        calendar = new_calendar(plan.title)
        calendar.add("x-wr-caldesc", vText(f"{plan.summary}\n\nTemplate dates assume a kickoff on the first Monday "
                                     "after the site was built; personalise the plan on its page for real dates."))
    for row in rows:
        prefix = _customer(" · ") if dated else f"Day {row.day} · "
        event = new_event(placeholder("uid", plan.id, row.key), f"{prefix}{row.label}: {row.title}", today)
        event.add("dtstart", vText(placeholder("date", row.day, "basic")), parameters={"VALUE": "DATE"})
        event.add("dtend", vText(placeholder("date", row.day + 1, "basic")), parameters={"VALUE": "DATE"})
        facts = [f"Owner: {row.owner}"] if row.owner else []
        facts += [f"Duration: {format_minutes(row.duration_minutes)}"] if row.duration_minutes else []
        facts += [f"Day {row.day} of {plan.length_days} · {row.phase}", *_details(row, "ics", dated)]
        event.add("description", "\n".join(facts + ([row.link] if row.link else [])))
        if row.link.startswith(("https://", "http://")):
            event.add("url", row.link)
        event.add("categories", [row.label])
        event.add("transp", "TRANSPARENT")  # plan days are reminders, not busy time
        calendar.add_component(event)
    return "\r\n".join(line for line in calendar.content_lines() if line) + "\r\n"


# Public API -------------------------------------------------------------------------


def plan_markdown(plan: Plan, rows: Sequence[PlanRow], who: Personalisation | None = None, *,
                  base_url: str = "") -> str:
    """Markdown to paste into an email or a README; undated (day offsets) without ``who``."""
    template = _markdown(plan, rows, who is not None, site_link(base_url, f"plans/{plan.id}/"))
    return fill(template, "md", who, _choices(plan, rows)) if who else template


def plan_csv(plan: Plan, rows: Sequence[PlanRow], who: Personalisation | None = None) -> str:
    """One row per item and milestone, UTF-8, with a header row."""
    template = _csv(plan, rows, who is not None)
    return fill(template, "csv", who, _choices(plan, rows)) if who else template


def plan_ics(plan: Plan, rows: Sequence[PlanRow], who: Personalisation | None = None, *, today: dt.date) -> str:
    """One all-day event per item and milestone; stable UIDs per plan, customer and kickoff."""
    template = _ics(plan, rows, who is not None, today)
    filler = who or Personalisation("", template_kickoff(today))
    return reserialise(fill(template, "ics", filler, _choices(plan, rows))).decode("utf-8")


def plan_page_data(plan: Plan, rows: Sequence[PlanRow], today: dt.date, base_url: str = "") -> dict[str, object]:
    """The dated templates and choices the plan page fills in the browser."""
    plan_url = site_link(base_url, f"plans/{plan.id}/")
    templates = {"md": _markdown(plan, rows, True, plan_url), "csv": _csv(plan, rows, True),
                 "ics": _ics(plan, rows, True, today)}
    return page_data(templates, _choices(plan, rows), _date_label(0))


def undated_live_dates(rows: Sequence[PlanRow]) -> Mapping[str, str]:
    """What the plan page shows about live courses before anyone personalises it."""
    return {row.key: _live_line(row, "text", False) for row in rows if row.live}
