"""Placeholders: how one plan renderer serves both ``syllabus plan`` and the plan page.

A personalised plan differs from its template only in a few values: the customer, the
customer engineer, the time zone, the dates, the calendar UIDs and which live session
falls inside a phase. The renderers in :mod:`.plans` write those as placeholders and
:func:`fill` replaces them. The plan page embeds the same templates, and ``plan.js``
fills them with a line-for-line twin of :func:`fill`; that twin is deliberately tiny (add
days to a date, look values up, apply an escape table that comes from here) and the
browser tests compare its downloads with the command line's output byte for byte.
Words and dates are the site's language: :func:`fill` takes the texts from the message
catalog (the ``script.plan.`` ones, which the page carries for ``plan.js`` too) and formats
dates and times with :class:`~syllabus.core.locale_format.LocaleFormat`, as ``plan.js``
does with ``syllabusFormat``.

A placeholder is ``OPEN kind SEP arg SEP ... CLOSE``, delimited by Unicode private-use
characters that no Markdown, CSV or iCalendar writer escapes, so it passes through the
format's own writer unchanged; content cannot forge one, as no content file, option or
site text may hold a private-use character (:mod:`syllabus.core.yamlsafe`). Kinds:

``value name prefix suffix``
    a form value (``customer``, ``ce``, ``timezone``, ``zone`` (its city, in the site's
    language), ``days`` (which
    days count)), escaped for the format; the prefix and suffix (already in the format's
    syntax) are written only around a non-empty value.
``cell name``
    a form value as a whole CSV cell: escaped, and guarded where a spreadsheet would run
    it as a formula (:func:`~syllabus.export.csv_escape.cell`; a ``=cmd`` customer).
``date day style``
    the date of plan day ``day`` under the personalisation's working days
    (:mod:`syllabus.core.schedule`), as ``iso`` (2027-03-30), ``basic`` (20270330),
    ``end`` (the day after, basic: an all-day event's DTEND), ``label``
    (Tue, Mar 30, 2027), ``moved`` (" (moved from Sat, Mar 27, 2027)" when it moved, else "") or
    ``moved-iso`` (2027-03-27 when it moved, else "").
``uid arg ...``
    a calendar UID: a hash of the arguments, the customer and the kickoff date.
``choice key part``
    of ``choices[key]``'s options (live sessions) dated, in the customer's zone, inside the
    choice's day window: the first outside the night hours, else the first; else its
    fallback. ``part`` names one of its ready-made texts, which may hold placeholders, and
    :data:`ITEM` for ``key``: the texts are written once for the items taking one course,
    and the calendar events a text adds (a weekly program's meetings) have UIDs per item.
``instant utc style [since]``
    a moment (``2027-02-02T23:00:00Z``) in the customer's zone, as ``label`` or ``time``;
    a time with ``since`` (a session's start) also names its date when that differs from
    the start's there, so a session crossing midnight does not read as ending before it starts.
``elsewhere zone text dated start``
    ``text`` unless the customer's zone is ``zone`` (the organiser's time, said once), or
    ``dated`` (which also names the organiser's date) when the session starting at the
    instant ``start`` falls on another date there than in the customer's zone.
``night start end``
    a warning when the session from ``start`` to ``end`` is at night in the customer's zone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..core.locale_format import LocaleFormat
from ..core.messages import ENGLISH, REFERENCE_LANGUAGE, Messages
from ..core.model import YEARS
from ..core.schedule import (
    MAX_SHIFT_DAYS,
    NIGHT_ENDS,
    NIGHT_STARTS,
    WEEKENDS,
    WorkingDays,
    in_zone,
    is_night,
)
from ..core.zones import current_name, known_zones, lookup_key, old_names, zone_places, zone_problem
from . import csv_escape, ics_escape, md_escape

OPEN, SEP, CLOSE = "\ue000", "\ue002", "\ue001"
ITEM = "\ue003"  # in a choice's texts: the key of the item that chose (see ``choice`` above)
_PLACEHOLDER = re.compile(f"{OPEN}([^{CLOSE}]*){CLOSE}")

NAME_LENGTH = 120  # characters (code points), as plan.js counts them too: not a maxlength, which counts UTF-16 units
DEFAULT_TIMEZONE = "UTC"
UID_LENGTH, UID_DOMAIN = 32, "syllabus"

# Characters each format escapes in a value a visitor typed, from the format's own module;
# ``text`` is shown on the page through textContent and needs none.
ESCAPES: Mapping[str, Mapping[str, str]] = {
    "md": md_escape.ESCAPES, "checklist": md_escape.ESCAPES, "csv": csv_escape.ESCAPES,
    "ics": ics_escape.ESCAPES, "text": {},
}
MARKDOWN_FORMATS = ("md", "checklist")  # which also write an "&" that starts a character reference as "&amp;"

# A value filled into a quoted CSV cell: every escaped character is a single one, so a
# character class finds them; re.sub skips the text between them, where str.translate with a
# table visits every character. (Markdown and iCalendar values go through their modules.)
_CSV_ESCAPED = re.compile(f"[{re.escape(''.join(csv_escape.ESCAPES))}]")

# What a name typed into the form or the command line may not contain: controls (tabs and
# line ends too: a name is one line), line separators, bidirectional controls, and the private
# use characters that mark placeholders in templates. Written with escapes that Python's and
# JavaScript's regular expressions read alike: plan.js compiles this same text.
FORBIDDEN_IN_NAMES = r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ue000-\uf8ff]"
_FORBIDDEN = re.compile(FORBIDDEN_IN_NAMES)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UNDECODED = re.compile("[\udc80-\udcff]")  # os.fsdecode's surrogateescape stand-ins for bytes
# What JavaScript's trim() takes off a typed name in plan.js: tabs, line ends, Unicode's space
# separators (Zs) and U+FEFF. Python's strip() would also take \x1c-\x1f and \x85 (refused
# there) and leave U+FEFF, and the page and the command line would write other bytes.
TRIMMED = "\t\n\v\f\r\u2028\u2029\ufeff" + "".join(map(chr, (0x20, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F,
                                                          0x205F, 0x3000)))


def placeholder(kind: str, *args: object) -> str:
    return OPEN + SEP.join((kind, *map(str, args))) + CLOSE


def escape_for(fmt: str, text: str) -> str:
    """Escape ``text`` for the format with the same table (and, in Markdown, the same
    character reference rule) ``plan.js`` uses; a calendar's with its module's escaping, which also
    turns a carriage return (never in a typed value, but in a place in course.yml) into a break."""
    if fmt in MARKDOWN_FORMATS:
        return md_escape.escape(text)
    if fmt == "ics":
        return ics_escape.escape(text)
    if fmt == "csv":
        return _CSV_ESCAPED.sub(lambda match: csv_escape.ESCAPES[match.group()], text)
    return text  # "text": the page shows it through textContent


def stable_uid(*parts: str) -> str:
    """The same parts always give the same UID, so re-importing an updated calendar file
    updates its events instead of duplicating them (``plan.js`` hashes the same way)."""
    digest = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
    return f"{digest[:UID_LENGTH]}@{UID_DOMAIN}"


def weekend_title(weekend: str, messages: Messages) -> str:
    """``sat-sun`` -> ``Saturday and Sunday``."""
    return messages.text(f"script.plan.weekend.{weekend}")


def days_text(days: WorkingDays, messages: Messages) -> str:
    """Which days count, said in the plan's header."""
    if not days.shift:
        return messages.text("script.plan.days_calendar")
    weekend = weekend_title(days.weekend, messages)
    if days.country:
        return messages.text("script.plan.days_working_holidays", weekend=weekend,
                             country=LocaleFormat(messages).country(days.country))
    return messages.text("script.plan.days_working", weekend=weekend)


def night_flag(formats: LocaleFormat) -> str:
    """What a session at night in the customer's zone is flagged with."""
    return formats.messages.text("script.plan.night", start=formats.time(dt.time(NIGHT_STARTS)),
                                 end=formats.time(dt.time(NIGHT_ENDS)))


@cache
def _zones_by_lookup_key(language: str) -> dict[str, str]:
    """Each zone by the names plan.js's zoneNamed reads, by their ``zones.lookup_key``: its city
    in ``language`` where that is one zone's (a zone's old names, Japan for Asia/Tokyo,
    count as it: 東京), its place (``zone_places``), its id. The page carries the places and
    the old names; it has the cities already."""
    city, by_city = LocaleFormat(Messages(language)).city, {}
    for zone in known_zones():
        by_city.setdefault(lookup_key(city(zone)), set()).add(current_name(zone))
    cities = {name: zones.pop() for name, zones in by_city.items() if len(zones) == 1}
    return {**cities, **zone_places(), **{lookup_key(zone): zone for zone in known_zones()}}


@dataclass(frozen=True)
class Personalisation:
    """Who a plan is for, when it starts and which days count. Build it with :meth:`parse`
    from user input."""

    customer: str
    start: dt.date
    timezone: str = DEFAULT_TIMEZONE
    ce: str | None = None
    days: WorkingDays = field(default_factory=WorkingDays)

    @classmethod
    def parse(cls, customer: str, start: str, timezone: str | None = None, ce: str | None = None, *,
              days: WorkingDays | None = None, language: str = REFERENCE_LANGUAGE) -> Personalisation:
        """Check what a customer engineer typed (a zone's city in ``language``, the site's,
        as the plan page reads it); ``ValueError`` says what is wrong."""
        customer, ce_name = _name("customer name", customer), _name("customer engineer", ce or "")
        if not customer:
            raise ValueError("the customer name is empty")
        kickoff = parse_kickoff(start)
        typed = (timezone or "").strip(TRIMMED) or DEFAULT_TIMEZONE
        zone = _zones_by_lookup_key(language).get(lookup_key(typed))  # as the plan page takes it
        if zone is None:
            raise ValueError(f"time zone {zone_problem(typed, known_zones())}")
        return cls(customer, kickoff, zone, ce_name or None, days or WorkingDays())

    def value(self, name: str, messages: Messages) -> str:
        if name == "days":
            return days_text(self.days, messages)
        return {"customer": self.customer, "ce": self.ce or "", "timezone": self.timezone,
                "zone": LocaleFormat(messages).city(self.timezone)}[name]

    def date(self, day: int) -> dt.date:
        return self.days.date_of(self.start, day)


def parse_kickoff(text: str) -> dt.date:
    """A kickoff date typed as ``YYYY-MM-DD`` within :data:`YEARS`."""
    try:
        kickoff = dt.date.fromisoformat(text) if _ISO_DATE.match(text) else None
    except ValueError:
        kickoff = None
    if kickoff is None:
        raise ValueError(f"kickoff date {text!r} is not a date like 2027-01-04")
    low, high = YEARS
    if not low <= kickoff.year <= high:
        raise ValueError(f"kickoff date {text} is not between the years {low} and {high}")
    return kickoff


def _name(what: str, text: str) -> str:
    if _UNDECODED.search(text):  # a command-line argument that was not UTF-8: Python keeps its bytes as these
        raise ValueError(f"the {what} is not UTF-8 text; set the terminal to UTF-8 (e.g. LANG=C.UTF-8) and "
                         "type it again")
    text = text.strip(TRIMMED)
    if _FORBIDDEN.search(text):
        raise ValueError(f"the {what} contains control, bidirectional or private-use characters")
    if len(text) > NAME_LENGTH:
        raise ValueError(f"the {what} is longer than {NAME_LENGTH} characters")
    return unicodedata.normalize("NFC", text)


def iso_utc(moment: dt.datetime) -> str:
    """An aware instant in UTC, ISO 8601: ``2027-02-02T23:00:00Z`` (catalog.json's instants and
    the ``instant`` placeholder's argument)."""
    return f"{moment.astimezone(dt.UTC):%Y-%m-%dT%H:%M:%S}Z"


def _instant(text: str, zone: str) -> dt.datetime:
    return in_zone(dt.datetime.fromisoformat(text.replace("Z", "+00:00")), zone)


@dataclass(frozen=True)
class Option:
    """One candidate for a choice: a session from ``start`` to ``end`` (UTC), with a
    ready-made text per format and part."""

    start: dt.datetime
    end: dt.datetime
    texts: Mapping[str, str]
    zone: str = ""  # a session held in a room: its venue's, whose clock dates it for everyone
    foreign: bool = False  # taught in another language than the reader's: offered only if none is in theirs


@dataclass(frozen=True)
class Choice:
    """Pick a session dated (in the customer's zone) from the date of ``first_day`` to the
    date of ``last_day``, in the reader's language if one is, preferring one outside the
    night hours, and one held in a room in the customer's zone to one held elsewhere.
    ``sessions`` names the ``options`` in the page's data, where they are written once for
    every choice among the same sessions (once per item, 50 items of one course with 1,000
    sessions wrote them 50 times)."""

    first_day: int
    last_day: int
    sessions: str
    options: tuple[Option, ...]
    fallback: Mapping[str, str]

    def pick(self, who: Personalisation) -> Mapping[str, str]:
        first, last = who.date(self.first_day), who.date(self.last_day)
        local = [(o, in_zone(o.start, o.zone or who.timezone), in_zone(o.end, o.zone or who.timezone))
                 for o in self.options]
        fitting = [(o, start, end) for o, start, end in local if first <= start.date() <= last]
        fitting = [fit for fit in fitting if not fit[0].foreign] or fitting
        place = current_name(who.timezone)  # Asia/Calcutta is Asia/Kolkata's place
        here = [fit for fit in fitting if fit[0].zone and current_name(fit[0].zone) == place]
        daytime = next((o for o, start, end in here + fitting if not is_night(start, end)), None)
        chosen = daytime or (fitting[0][0] if fitting else None)
        return chosen.texts if chosen else self.fallback

    def as_json(self) -> dict[str, Any]:
        return {"first_day": self.first_day, "last_day": self.last_day, "fallback": dict(self.fallback),
                "sessions": self.sessions}

    def options_json(self) -> list[dict[str, Any]]:
        return [{"start": iso_utc(o.start), "end": iso_utc(o.end), "texts": dict(o.texts),
                 **({"zone": o.zone} if o.zone else {}), **({"foreign": True} if o.foreign else {})}
                for o in self.options]


def _date(who: Personalisation, day: int, style: str, formats: LocaleFormat) -> str:
    date = who.date(day)
    if style == "label":
        return formats.date(date)
    if style in ("moved", "moved-iso"):
        calendar = who.days.unmoved(who.start, day)
        if calendar == date:
            return ""
        return formats.messages.text("script.plan.moved", date=formats.date(calendar)) if style == "moved" \
            else calendar.isoformat()
    if style == "end":
        date += dt.timedelta(days=1)
    iso = date.isoformat()
    return iso if style == "iso" else iso.replace("-", "")


def fill(template: str, fmt: str, who: Personalisation, choices: Mapping[str, Choice],
         messages: Messages = ENGLISH) -> str:
    """Replace every placeholder in a ``fmt`` template, in the language of ``messages``
    (``plan.js``'s ``fill`` is the twin)."""
    formats = LocaleFormat(messages)

    def replace(match: re.Match[str]) -> str:
        kind, *args = match.group(1).split(SEP)
        if kind == "value":
            name, prefix, suffix = args
            value = who.value(name, messages)
            return prefix + escape_for(fmt, value) + suffix if value else ""
        if kind == "cell":
            return escape_for(fmt, csv_escape.cell(who.value(args[0], messages)))
        if kind == "date":
            return escape_for(fmt, _date(who, int(args[0]), args[1], formats))
        if kind == "uid":
            return stable_uid(*args, who.customer, who.start.isoformat())
        if kind == "choice":
            return fill(choices[args[0]].pick(who)[args[1]].replace(ITEM, args[0]), fmt, who, choices, messages)
        if kind == "instant":
            moment = _instant(args[0], who.timezone)
            if args[1] == "label":
                return escape_for(fmt, formats.date(moment))
            if len(args) > 2 and moment.date() != _instant(args[2], who.timezone).date():
                return escape_for(fmt, formats.date_time(formats.date(moment), formats.time(moment)))
            return escape_for(fmt, formats.time(moment))
        if kind == "elsewhere":
            if who.timezone == args[0]:
                return ""
            return args[1] if _instant(args[3], who.timezone).date() == _instant(args[3], args[0]).date() else args[2]
        if kind == "night":
            night = is_night(_instant(args[0], who.timezone), _instant(args[1], who.timezone))
            return escape_for(fmt, night_flag(formats)) if night else ""
        raise ValueError(f"unknown placeholder {kind!r}")

    return _PLACEHOLDER.sub(replace, template)


def page_data(templates: Mapping[str, str], choices: Mapping[str, Choice], *,
              weekend: str, length_days: int, holiday_years: tuple[int, int],
              holidays: Mapping[str, list[str]], formats: LocaleFormat) -> dict[str, Any]:
    """Everything ``plan.js`` needs, as JSON for the plan page: the templates, the choices,
    the escape tables, the date rules' data and the few constants :func:`fill` uses (its
    texts and date formats are the page's: ``syllabusText``, ``syllabusFormat``; the cities
    that name time zones are CLDR's, which the browser's Intl does not offer)."""
    return {
        "templates": dict(templates),
        "choices": {key: choice.as_json() for key, choice in choices.items()},
        "sessions": {key: choice.options_json()
                     for key, choice in {choice.sessions: choice for choice in choices.values()}.items()},
        "escapes": {fmt: dict(table) for fmt, table in ESCAPES.items() if fmt in templates or fmt == "text"},
        "references": {fmt: md_escape.REFERENCE_START for fmt in MARKDOWN_FORMATS if fmt in templates},
        "autolinks": {fmt: md_escape.AUTOLINK_PUNCTUATION for fmt in MARKDOWN_FORMATS if fmt in templates},
        "formula": {"starts": list(csv_escape.FORMULA_STARTS), "guard": csv_escape.FORMULA_GUARD},
        "kickoff_years": list(YEARS),
        "name_length": NAME_LENGTH,
        "forbidden": FORBIDDEN_IN_NAMES,
        "default_timezone": DEFAULT_TIMEZONE,
        # The page accepts exactly the zones the command line does, each with its city.
        "timezones": {zone: formats.city(zone) for zone in sorted(known_zones())},
        "places": zone_places(),  # "new york": America/New_York, as the command line reads a place
        # Japan: Asia/Tokyo. A zone's old names share its city (東京), which names it still.
        "old_names": old_names(),
        "uid": {"length": UID_LENGTH, "domain": UID_DOMAIN},
        "fold": {"ics": ics_escape.FOLD_LIMIT},
        "weekends": {key: list(days) for key, days in WEEKENDS.items()},
        "plan_weekend": weekend,
        "length_days": length_days,
        "holiday_years": list(holiday_years),
        "holidays": dict(holidays),
        "countries": {code: formats.country(code) for code in holidays},  # by name, in the page's language
        "night": [NIGHT_STARTS, NIGHT_ENDS],
        "max_shift_days": MAX_SHIFT_DAYS,
    }
