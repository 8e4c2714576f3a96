"""Markdown escaping for every Markdown the package writes: ``plan.md``, ``syllabus plan``
(Markdown and checklist), ``syllabus report``, ``syllabus diff`` and the field reference.

A value (a title, a note, a customer's name) must read as itself and never become markup:
no link (not even a written-out address), image, emphasis, code, HTML, table cell or
heading, and no line break that would end the list item it sits in or start a block.
:data:`ESCAPES` is also the table the plan page (``plan.js``) applies to names a visitor
types, so both write the same bytes.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ..core.diagnostics import printable

# Every character that could open inline markup in CommonMark, GitHub, GitLab or
# Python-Markdown (with attribute lists and tables) is backslash-escaped; line breaks and
# tabs become spaces, so a value stays on its line.
ESCAPES = {**{c: "\\" + c for c in "\\`*_{}[]<>#|~"}, "\n": " ", "\r": " ", "\t": " "}
_ESCAPED = re.compile(f"[{re.escape(''.join(ESCAPES))}]")
# What opens a block when it starts a line: a list marker, an ordered list number, a setext
# underline or a thematic break ("--" after a list's "- " is "- --", a rule; ``#``, ``>``,
# ``*`` and ``_`` are escaped anyway). "5.0" or "-2" in a cell are not.
_BLOCK_START = re.compile(r"^(?:-+|=+|\+|\d{1,9}[.)])(?=\s|$)")
# An "&" that starts a character reference ("&amp;", "&#60;") would read as the character it
# names; written "&amp;", it reads as itself in every renderer (Python-Markdown has no "\&").
# The plan page applies the same pattern to typed names (placeholders.page_data carries it).
REFERENCE_START = r"&(?=#?[A-Za-z0-9]+;)"
_REFERENCE_START = re.compile(REFERENCE_START)
# A web address written out, which GitHub, GitLab and markdown-it (linkify) make a link of:
# a backslash before the ":" of "://" and the "." of "www." keeps it text, as the page shows
# it. The plan page applies the same pattern, after the table (placeholders.page_data).
# Left as renderers make them: cmark-gfm links an e-mail address (mailto:, xmpp:) whatever is
# escaped in it, and markdown-it's fuzzy linkify a bare domain (example.com), which GitHub does not.
AUTOLINK_PUNCTUATION = r":(?=//)|[Ww]{3}\."
_AUTOLINK_PUNCTUATION = re.compile(AUTOLINK_PUNCTUATION)
_CODE_SAFE = re.compile(r"[A-Za-z0-9_./-]+")  # ids, field and file names: safe in a code span (whole)
URL_SAFE = ":/?#[]@!$&'*+,;=%~"  # percent-encode the rest: spaces, parentheses, angle brackets


def escape(text: str) -> str:
    """Escape with :data:`REFERENCE_START` (the plan page's rule for typed names: "AT&amp;T"
    reads as typed), :data:`ESCAPES`, then :data:`AUTOLINK_PUNCTUATION`."""
    escaped = _ESCAPED.sub(lambda match: ESCAPES[match.group()], _REFERENCE_START.sub("&amp;", text))
    return _AUTOLINK_PUNCTUATION.sub(lambda match: f"{match.group()[:-1]}\\{match.group()[-1]}", escaped)


def inline(text: str) -> str:
    """A value as inert inline text, also safe where it starts a line; a control or bidi
    character (a folder's name may hold one: diff and report print ids) is written as its
    escape, as diagnostics write it, so a CI summary or a terminal showing it does not act on it."""
    text = escape(printable(" ".join(text.split())))
    return _BLOCK_START.sub(lambda match: match.group()[:-1] + "\\" + match.group()[-1], text, count=1)


def link(title: str, url: str) -> str:
    """``[title](url)``; the URL is percent-encoded where Markdown would end or break it."""
    return f"[{inline(title)}]({quote(url, safe=URL_SAFE)})"


def code(value: str) -> str:
    """An id or file name as a code span when it is plainly one, else as escaped text."""
    return f"`{value}`" if _CODE_SAFE.fullmatch(value) else inline(value)
