"""Markdown written for another tool, which this site publishes as plain text: GitHub's
alerts (``> [!NOTE]``), ``:::`` containers, a table without its ``| --- |`` line, task
boxes without ``pymdownx.tasklist``, a code fence never closed, full-width brackets around
a link's address, and an admonition whose text is indented less than 4 spaces.

Each is found in the page's source and then confirmed in the page as the site's extensions
rendered it (outside code), so a site whose extensions do read a syntax is never told that
they do not. They are warnings: the page publishes, only not as its author meant.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from html import escape
from typing import NamedTuple

RULE = "markdown-foreign"

# GitHub's alert types and the usual ::: container names, as Material's admonition types.
ADMONITION_TYPES = {"note": "note", "tip": "tip", "important": "info", "info": "info", "warning": "warning",
                    "caution": "danger", "danger": "danger", "success": "success", "example": "example"}

_ALERT = re.compile(r" {0,3}>[ \t]*(\[!(note|tip|important|warning|caution)\])", re.IGNORECASE)
_CONTAINER = re.compile(r" {0,3}(:{3,})[ \t]*([A-Za-z]*)")
_TABLE_ROW = re.compile(r" {0,3}(\|).*\|")
_TABLE_SEPARATOR = re.compile(r"[ \t|:-]*-[ \t|:-]*$")  # as loose as Python-Markdown's tables read it
_TASK = re.compile(r"[ \t]*(?:[-*+]|[0-9]{1,9}[.)])[ \t]+(\[[ xX]\])(?:[ \t]|$)")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_FULL_WIDTH_LINK = re.compile(r"\]（")
_ADMONITION = re.compile(r" {0,3}(?:!!!|\?\?\?\+?)[ \t]*([A-Za-z][\w-]*)")
_SHALLOW_INDENT = re.compile(r" {1,3}(?=\S)")

# How each construct shows in the rendered page when it was published as text.
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.DOTALL)
_BOX_AS_TEXT = re.compile(r"<li>(?:\s*<p>)?\s*\[[ xX]\]")
_EMPTY_BOX = re.compile(r'class="admonition-title">[^<]*</p>\s*</div>|</summary>\s*</details>')


class ForeignSyntax(NamedTuple):
    line: int  # in the body given, from 1
    column: int
    message: str
    hint: str


MAX_PER_KIND = 10  # candidates of each kind looked at per page: each costs a search of the page


def foreign_syntax(body: str, published: str, *, admonitions: bool) -> list[ForeignSyntax]:
    """Each construct of ``body`` that ``published`` (its rendering) shows as text: the first
    :data:`MAX_PER_KIND` candidates of each kind, so that the work stays linear in the page.
    ``admonitions``: whether the site writes admonitions (the hints say how otherwise)."""
    visible = _CODE.sub("", published)
    looked_at: Counter[str] = Counter()
    found = []
    for line, column, kind, word in _candidates(body.split("\n")):
        looked_at[kind] += 1
        if looked_at[kind] <= MAX_PER_KIND and (said := _as_text(kind, word, visible, admonitions)):
            found.append(ForeignSyntax(line, column, *said))
    return found


def _as_text(kind: str, word: str, visible: str, admonitions: bool) -> tuple[str, str] | None:
    """(message, hint) if the page as rendered shows the candidate ``word`` of ``kind`` as text."""
    if kind == "alert" and word in visible:
        return (f"GitHub's alert syntax is published as a quote that starts with '{word}'",
                _admonition_hint(word[2:-1], admonitions))
    if kind == "container" and ":::" in visible:
        return ("':::' blocks (Docusaurus, VitePress) are not Markdown here: this is published as text, colons "
                "included", _admonition_hint(word, admonitions) + ", and no closing ':::' line")
    if kind in ("table", "table-after-text") and escape(word, quote=False) in visible:
        if kind == "table":
            return ("this table has no '| --- |' line under its first row, so it is published as text, pipes "
                    "included", "add a line such as '| --- | --- |' (one '---' per column) under the first row")
        return ("this table follows a line of text with no blank line between, so it is published as part of that "
                "paragraph, pipes included", "leave a blank line above the table")
    if kind == "task" and _BOX_AS_TEXT.search(visible):
        return (f"'{word}' task boxes need the pymdownx.tasklist extension, which this site does not use: '{word}' "
                "is published as text", "write the items without the box, or add pymdownx.tasklist to "
                "markdown_extensions in mkdocs.yml")
    if kind == "fence" and word in visible:
        return (f"this code fence ({word}) is never closed, so the code below it is published as text",
                f"add a line with {word} after the code's last line")
    if kind == "full-width" and "]（" in visible:
        return ("a full-width '（' after ']' makes no link: '[text]（address）' is published as text",
                "type the brackets around the address half-width: [text](address)")
    if kind == "admonition" and _EMPTY_BOX.search(visible):
        return ("this text is indented less than 4 spaces, so the box above it is published empty and this text "
                "below it", "indent each line of the box's text 4 spaces")
    return None


def _candidates(lines: list[str]) -> Iterator[tuple[int, int, str, str]]:
    """(line, column, kind, the construct's word) of each construct that may be foreign,
    outside fenced code; one per table, task list and ::: block."""
    fence: str | None = None  # the open fence's characters
    fence_start = (0, 0)
    container_open = False
    previous = ""
    under_admonition = False  # below a '!!!' line, blank lines between
    for number, line in enumerate(lines, start=1):
        if fence is not None:
            if (close := _FENCE.match(line)) and close.group(1)[0] == fence[0] \
                    and len(close.group(1)) >= len(fence) and not line[close.end():].strip():
                fence = None
            continue
        if opening := _FENCE.match(line):
            fence, fence_start = opening.group(1), (number, opening.start(1) + 1)
            previous, under_admonition = "", False
            continue
        following = lines[number] if number < len(lines) else ""
        if found := _ALERT.match(line):
            yield number, found.start(1) + 1, "alert", found.group(1)
        elif found := _CONTAINER.match(line):
            if found.group(2) or not container_open:
                yield number, found.start(1) + 1, "container", found.group(2).lower() or "note"
            container_open = bool(found.group(2)) or not container_open
        elif (found := _TABLE_ROW.match(line)) and not _TABLE_ROW.match(previous) \
                and (_TABLE_ROW.match(following) or _TABLE_SEPARATOR.match(following)):
            first_cell = line[:line.index("|", found.end(1)) + 1].strip()  # "| Setting |": as the page shows it
            if not _TABLE_SEPARATOR.match(following):
                yield number, found.start(1) + 1, "table", first_cell
            elif previous.strip():
                yield number, found.start(1) + 1, "table-after-text", first_cell
        elif (found := _TASK.match(line)) and not _TASK.match(previous):
            yield number, found.start(1) + 1, "task", found.group(1)
        elif (found := _SHALLOW_INDENT.match(line)) and under_admonition:
            yield number, found.end() + 1, "admonition", ""
        under_admonition = bool(_ADMONITION.match(line)) or (under_admonition and not line.strip())
        for found in _FULL_WIDTH_LINK.finditer(line):
            yield number, found.start() + 2, "full-width", ""
        previous = line
    if fence is not None:
        yield *fence_start, "fence", fence


def _admonition_hint(kind: str, admonitions: bool) -> str:
    box = f"!!! {ADMONITION_TYPES.get(kind.lower(), 'note')}"
    if admonitions:
        return f"write an admonition: a '{box}' line with the text below it indented 4 spaces"
    return (f"write it as a plain quote, or add admonition to markdown_extensions in mkdocs.yml and write a '{box}' "
            "line with the text below it indented 4 spaces")

