"""Placeholders: how one plan renderer serves both ``syllabus plan`` and the plan page.

A personalised plan differs from its template only in a few values: the customer, the
customer engineer, the time zone, the dates, the calendar UIDs and which live session
falls inside a phase. The renderers in :mod:`.plans` write those as placeholders and
:func:`fill` replaces them. The plan page embeds the same templates, and ``plan.js``
fills them with a line-for-line twin of :func:`fill`; that twin is deliberately tiny (add
days to a date, look values up, apply an escape table that comes from here) and the
browser tests compare its downloads with the command line's output byte for byte.

A placeholder is ``OPEN kind SEP arg SEP ... CLOSE``, delimited by Unicode private-use
characters that no Markdown, CSV or iCalendar writer escapes, so it passes through the
format's own writer unchanged. Kinds:

``value name prefix suffix``
    a form value (``customer``, ``ce`` or ``timezone``), escaped for the format; the
    prefix and suffix (already in the format's syntax) are written only around a
    non-empty value.
``date day style``
    kickoff + ``day`` days, as ``iso`` (2027-03-30), ``basic`` (20270330) or ``weekday``
    (Tue).
``uid arg ...``
    a calendar UID: a hash of the arguments, the customer and the kickoff date.
``choice key``
    the first option of ``choices[key]`` dated inside the choice's day window, else its
    fallback. Options carry one ready-made text per format.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

OPEN, SEP, CLOSE = "\ue000", "\ue002", "\ue001"
_PLACEHOLDER = re.compile(f"{OPEN}([^{CLOSE}]*){CLOSE}")

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
KICKOFF_YEARS = (1900, 2999)  # a plan of any length still ends inside ``datetime``'s range
NAME_LENGTH = 120  # the form's maxlength
DEFAULT_TIMEZONE = "UTC"
UID_LENGTH, UID_DOMAIN = 32, "syllabus"

# Characters each format escapes in a value a visitor typed. Markdown: everything that
# could start emphasis, code, links, HTML, tables, attribute lists or close a heading
# (an escaped character still reads as itself). CSV: the writer quotes every cell, so only
# quotes double. iCalendar: the TEXT escapes of RFC 5545 section 3.3.11.
ESCAPES: Mapping[str, Mapping[str, str]] = {
    "md": {c: "\\" + c for c in "\\`*_{}[]<>#|~"},
    "csv": {'"': '""'},
    "ics": {"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"},
}

# Every escaped character is a single one, so a character class finds them; re.sub is
# about four times faster than str.translate with a table on text that has few of them.
_ESCAPED = {fmt: re.compile(f"[{re.escape(''.join(table))}]") for fmt, table in ESCAPES.items()}

# What a name typed into the form or the command line may not contain: the characters the
# content loader also rejects (controls, line separators, bidirectional overrides).
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def placeholder(kind: str, *args: object) -> str:
    return OPEN + SEP.join((kind, *map(str, args))) + CLOSE


def escape(fmt: str, text: str) -> str:
    """Escape ``text`` for the format with the same table ``plan.js`` uses."""
    table = ESCAPES[fmt]
    return _ESCAPED[fmt].sub(lambda match: table[match.group()], text)


def stable_uid(*parts: str) -> str:
    """The same parts always give the same UID, so re-importing an updated calendar file
    updates its events instead of duplicating them (``plan.js`` hashes the same way)."""
    digest = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
    return f"{digest[:UID_LENGTH]}@{UID_DOMAIN}"


@cache
def _zones() -> frozenset[str]:
    """IANA zone names; not the host's ``localtime`` link nor the tz database's stand-ins."""
    return frozenset(zoneinfo.available_timezones() - {"localtime", "posixrules", "Factory"}) | {DEFAULT_TIMEZONE}


@dataclass(frozen=True)
class Personalisation:
    """Who a plan is for and when it starts. Build it with :meth:`parse` from user input."""

    customer: str
    start: dt.date
    timezone: str = DEFAULT_TIMEZONE
    ce: str | None = None

    @classmethod
    def parse(cls, customer: str, start: str, timezone: str | None = None, ce: str | None = None
              ) -> Personalisation:
        """Check what a customer engineer typed; ``ValueError`` says what is wrong."""
        customer, ce_name = _name("customer name", customer), _name("customer engineer", ce or "")
        if not customer:
            raise ValueError("the customer name is empty")
        try:
            kickoff = dt.date.fromisoformat(start) if _ISO_DATE.match(start) else None
        except ValueError:
            kickoff = None
        if kickoff is None:
            raise ValueError(f"kickoff date {start!r} is not a date like 2027-01-04")
        low, high = KICKOFF_YEARS
        if not low <= kickoff.year <= high:
            raise ValueError(f"kickoff date {start} is not between the years {low} and {high}")
        zone = (timezone or "").strip() or DEFAULT_TIMEZONE
        if zone not in _zones():
            raise ValueError(f"time zone {zone!r} is not an IANA time zone such as Europe/Berlin")
        return cls(customer, kickoff, zone, ce_name or None)

    def value(self, name: str) -> str:
        return {"customer": self.customer, "ce": self.ce or "", "timezone": self.timezone}[name]


def _name(what: str, text: str) -> str:
    text = text.strip()
    if _FORBIDDEN.search(text):
        raise ValueError(f"the {what} contains control or bidirectional characters")
    if len(text) > NAME_LENGTH:
        raise ValueError(f"the {what} is longer than {NAME_LENGTH} characters")
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Option:
    """One candidate for a choice: valid on ``date``, with a ready-made text per format."""

    date: dt.date
    texts: Mapping[str, str]


@dataclass(frozen=True)
class Choice:
    """Pick the first option dated within kickoff + ``first_day`` .. kickoff + ``last_day``."""

    first_day: int
    last_day: int
    options: tuple[Option, ...]
    fallback: Mapping[str, str]

    def pick(self, start: dt.date) -> Mapping[str, str]:
        first, last = (start + dt.timedelta(days=d) for d in (self.first_day, self.last_day))
        return next((o.texts for o in self.options if first <= o.date <= last), self.fallback)

    def as_json(self) -> dict[str, Any]:
        return {"first_day": self.first_day, "last_day": self.last_day, "fallback": dict(self.fallback),
                "options": [{"date": o.date.isoformat(), "texts": dict(o.texts)} for o in self.options]}


def _date(start: dt.date, day: int, style: str) -> str:
    date = start + dt.timedelta(days=day)
    if style == "weekday":
        return WEEKDAYS[date.weekday()]
    iso = date.isoformat()
    return iso.replace("-", "") if style == "basic" else iso


def fill(template: str, fmt: str, who: Personalisation, choices: Mapping[str, Choice]) -> str:
    """Replace every placeholder in a ``fmt`` template (``plan.js``'s ``fill`` is the twin)."""

    def replace(match: re.Match[str]) -> str:
        kind, *args = match.group(1).split(SEP)
        if kind == "value":
            name, prefix, suffix = args
            value = who.value(name)
            return prefix + escape(fmt, value) + suffix if value else ""
        if kind == "date":
            return _date(who.start, int(args[0]), args[1])
        if kind == "uid":
            return stable_uid(*args, who.customer, who.start.isoformat())
        if kind == "choice":
            return choices[args[0]].pick(who.start)[fmt]
        raise ValueError(f"unknown placeholder {kind!r}")

    return _PLACEHOLDER.sub(replace, template)


def page_data(templates: Mapping[str, str], choices: Mapping[str, Choice], date_label: str) -> dict[str, Any]:
    """Everything ``plan.js`` needs, as JSON for the plan page: the templates, the choices,
    the escape tables and the few constants :func:`fill` uses."""
    return {
        "templates": dict(templates),
        "choices": {key: choice.as_json() for key, choice in choices.items()},
        "escapes": {fmt: dict(table) for fmt, table in ESCAPES.items() if fmt in templates},
        "date_label": date_label,
        "weekdays": list(WEEKDAYS),
        "kickoff_years": list(KICKOFF_YEARS),
        "name_length": NAME_LENGTH,
        "default_timezone": DEFAULT_TIMEZONE,
        "timezones": sorted(_zones()),  # the page accepts exactly the zones the command line does
        "uid": {"length": UID_LENGTH, "domain": UID_DOMAIN},
        "fold": {"ics": 75},
    }
