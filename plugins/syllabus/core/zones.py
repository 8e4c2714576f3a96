"""Time zones as the IANA time zone database pinned with Syllabus defines them.

Python's ``zoneinfo`` prefers the operating system's copy of the database, whose age varies
by machine: Debian 12's (2025b) starts a Vancouver session of 2 February 2027 an hour away
from tzdata 2026 and from browsers, which carry a recent copy of their own. Reading the
``tzdata`` package (a dependency, pinned in constraints.txt) gives every machine the same
instants, keeps the plan page and ``syllabus plan`` in agreement, and makes an update of
the rules a deliberate refresh of the pins.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel.core import get_global

from .schema_messages import closest, quoted, suggested

_NAME = re.compile(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*")


@functools.lru_cache(maxsize=1024)
def time_zone(name: str) -> ZoneInfo:
    """The zone ``name`` (``Europe/Berlin``) from the tzdata package, else from the system;
    ``ZoneInfoNotFoundError`` if neither knows it."""
    if not _NAME.fullmatch(name):
        raise ZoneInfoNotFoundError(f"No time zone found with key {name}")
    try:
        with resources.files("tzdata").joinpath("zoneinfo", *name.split("/")).open("rb") as data:
            return ZoneInfo.from_file(data, key=name)
    except (ModuleNotFoundError, OSError, ValueError):  # no package, no such file, not a zone file
        pass
    try:
        return ZoneInfo(name)
    except (OSError, ValueError):  # a folder of zones ("America"), an unreadable file
        raise ZoneInfoNotFoundError(f"No time zone found with key {name}") from None


@functools.cache
def known_zones() -> frozenset[str]:
    """Every IANA zone name; not the host's ``localtime`` link nor the database's stand-ins."""
    return frozenset(available_timezones() - {"localtime", "posixrules", "Factory"}) | {"UTC"}


@functools.cache
def old_names() -> dict[str, str]:
    """Each old name of a place's zone by the name it goes by now (``Japan``, ``Asia/Calcutta``:
    ``Asia/Tokyo``, ``Asia/Kolkata``), as CLDR aliases them. Not the database's links, which
    also join places that have kept one clock since 1970: Europe/Copenhagen is a link to
    Europe/Berlin, and a customer in Copenhagen reads "Copenhagen time", not Berlin's."""
    known = known_zones()
    return {old: new for old, new in sorted(get_global("zone_aliases").items()) if old in known and new in known}


def current_name(zone: str) -> str:
    """The name ``zone``'s place goes by now: ``Asia/Kolkata`` for ``Asia/Calcutta``."""
    return old_names().get(zone, zone)


_ACCENTS = re.compile("[\u0300-\u036f]")  # Unicode's combining diacritical marks


def lookup_key(text: str) -> str:
    """``text`` as a typed zone or place is looked up: letter case, accents and full-width
    forms ignored ("São Paulo", "SAO PAULO": "sao paulo"); plan.js makes the same key."""
    return _ACCENTS.sub("", unicodedata.normalize("NFKD", text)).lower()


@functools.cache
def zone_places() -> dict[str, str]:
    """Each zone by the place that ends its name, as typed (``tokyo``, ``new york``): the place
    of one zone, or of names of one zone (``istanbul``: Europe/Istanbul, of which
    Asia/Istanbul is an old name); not a place two zones share."""
    by_place: dict[str, set[str]] = {}
    for zone in known_zones():
        if "/" in zone:
            by_place.setdefault(lookup_key(zone.rpartition("/")[2].replace("_", " ")), set()).add(current_name(zone))
    return {place: zones.pop() for place, zones in sorted(by_place.items()) if len(zones) == 1}


@functools.cache
def session_zones() -> frozenset[str]:
    """Zones a session may be held in: ``Area/City`` names and UTC. Not the legacy names:
    EST is a fixed offset, so a summer session in New York would be an hour off."""
    return frozenset(z for z in known_zones() if "/" in z or z == "UTC")


# What people write for a zone instead of its IANA name, and the place zone they most often
# mean (an example in a hint, never applied: CST is also China's, IST also Ireland's).
ABBREVIATIONS = {
    "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "PT": "America/Los_Angeles",
    "MST": "America/Denver", "MDT": "America/Denver", "MT": "America/Denver",
    "CST": "America/Chicago", "CDT": "America/Chicago", "CT": "America/Chicago",
    "EST": "America/New_York", "EDT": "America/New_York", "ET": "America/New_York",
    "GMT": "Europe/London", "BST": "Europe/London", "WET": "Europe/Lisbon", "CET": "Europe/Berlin",
    "CEST": "Europe/Berlin", "EET": "Europe/Helsinki", "EEST": "Europe/Helsinki", "MSK": "Europe/Moscow",
    "IST": "Asia/Kolkata", "SGT": "Asia/Singapore", "HKT": "Asia/Hong_Kong", "JST": "Asia/Tokyo",
    "KST": "Asia/Seoul", "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney", "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland", "BRT": "America/Sao_Paulo",
}
_OFFSET = re.compile(r"(?:UTC|GMT|Z)?\s*[+\-\u2212]\s*\d{1,2}(?::?\d{2})?|Z", re.IGNORECASE)


_POSIX_OFFSET_ZONE = re.compile(r"Etc/GMT([+-])(\d{1,2})")


def hours_ahead_of_utc(zone: str) -> int | None:
    """How many hours a fixed-offset zone is ahead of UTC (Etc/GMT-9: 9; its POSIX sign reads
    the other way round); None for any other zone."""
    if offset := _POSIX_OFFSET_ZONE.fullmatch(zone):
        return int(offset[2]) * (1 if offset[1] == "-" else -1)
    return None


def zone_advice(zone: str) -> str | None:
    """Why a session's valid ``zone`` is still better written another way, if so: an old
    name (US/Pacific), or an offset whose POSIX sign reads the other way round (Etc/GMT-9 is
    nine hours ahead of UTC, and keeps no summer time)."""
    if (new := old_names().get(zone)) is not None and not new.startswith("Etc/"):  # UTC stays UTC
        return f"'{zone}' is an old name of {new}; write {new}"
    if hours := hours_ahead_of_utc(zone):
        return (f"'{zone}' is {abs(hours)} h {'ahead of' if hours > 0 else 'behind'} UTC (its sign is reversed) and "
                "keeps no summer time; write the zone of the place, e.g. Asia/Tokyo")
    return None


@functools.lru_cache(maxsize=1024)  # a catalog writes one wrong zone many times, and difflib is slow
def zone_problem(text: str, zones: frozenset[str]) -> str:
    """Why ``text`` is not one of ``zones``, with the fix: "'JST' is an abbreviation, not an
    IANA time zone; write the zone of the place, e.g. Asia/Tokyo"."""
    if _OFFSET.fullmatch(text.strip()):
        return (f"{quoted(text)} is an offset, not a place; write the IANA zone of the place (e.g. Asia/Tokyo, "
                "not +09:00), which also follows its summer time")
    if (example := ABBREVIATIONS.get(text.strip().upper())) is not None:
        return f"{quoted(text)} is an abbreviation, not an IANA time zone; write the zone of the place, e.g. {example}"
    if (current := old_names().get(text.strip())) is not None and current in zones:
        if current.startswith("Etc/"):  # Zulu, Greenwich, GMT0: UTC, as sessions write it
            return f"{quoted(text)} is another name of UTC; write UTC"
        return f"{quoted(text)} is an old name of a time zone; write the zone of the place, {current}"
    if text.strip() in known_zones():  # EST5EDT: a rule of the database, kept for old systems
        example = ABBREVIATIONS.get(text.strip()[:3].upper(), "Europe/Berlin")
        return (f"{quoted(text)} names a rule of the zone database, not a place; write the zone of the place, "
                f"e.g. {example}")
    # Never Etc/GMT+10 for "GMT+10": its POSIX sign reads the other way round (it is UTC-10).
    match = closest(text, (zone for zone in zones if not zone.startswith("Etc/")))
    return f"{quoted(text)} is not an IANA time zone" + (suggested(match) or " (e.g. Europe/Berlin)")
