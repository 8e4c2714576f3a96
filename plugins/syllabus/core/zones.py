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
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
