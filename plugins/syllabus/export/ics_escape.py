"""iCalendar TEXT values and line folding (RFC 5545 sections 3.3.11 and 3.1), for session
calendars written line by line and for plan calendars filled on the plan page.

:data:`ESCAPES` is the table ``plan.js`` also applies, and :func:`fold` folds exactly as the
``icalendar`` library (and ``plan.js``'s ``foldLine``) do: lines stay under 75 octets,
never split inside a UTF-8 sequence, an escaping backslash moves with what it escapes.
"""

from __future__ import annotations

import datetime as dt
import re

ESCAPES = {"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"}
FOLD_LIMIT = 75
_ESCAPED = re.compile(f"[{re.escape(''.join(ESCAPES))}]")


def escape(text: str) -> str:
    """A TEXT value: backslash, semicolon, comma escaped, every line break as ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ESCAPED.sub(lambda match: ESCAPES[match.group()], text)


class Text(str):
    """A TEXT value the ``icalendar`` library writes as :func:`escape` does (added with
    ``encode=False``; the library writes any value with a ``to_ical``): its own escaping
    reads a written ``\\N`` as a line break, so ``C:\\Navigate`` arrived as "C:", a new
    line and "avigate"."""

    def to_ical(self) -> bytes:
        return escape(self).encode("utf-8")


def fold(line: str) -> str:
    """Fold at :data:`FOLD_LIMIT` octets between characters, never right after a backslash or
    caret escape; ASCII lines, nearly all of them, are cut by slicing."""
    limit = FOLD_LIMIT
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


def ical_utc(moment: dt.datetime) -> str:
    """An aware instant as an iCalendar date-time in UTC (RFC 5545 3.3.5, form 2): ``20270202T230000Z``."""
    return f"{moment.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
