"""Plain-words explanations of YAML syntax mistakes, each with a fix hint.

The parser stops at its first error and words it in grammar terms ("could not find expected
':'"), often on the line after the mistake. Trainers make a handful of mistakes again and
again, so when a file does not parse this module reads it line by line, the way a person
would, and names every such mistake it recognises at its own line and column. The parser's
error only decides what to say when no line explains it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .yamlsafe import TYPOGRAPHIC_QUOTES, YamlProblem

_KEY = re.compile(r"""(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\[\]{},&*!|>%@`-][^#]*?|-[^\s#][^#]*?)"""
                  r"""[ \t]*:(?:[ \t]+|$)""")
_NO_SPACE_AFTER_COLON = re.compile(r"(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:/][^:]*)$")
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?$")
_COMMENT = re.compile(r"[ \t]#")  # where YAML starts a comment after a plain value
_COMMENT_IN_VALUE = re.compile(r"[ \t]#\S")  # one a person may not have meant: "Lesson #3"
_MEANT_COMMENT = re.compile(r"[ \t]#(?=[ \t]|$)")  # one a person wrote as one: "beginner  # one of: ..."

TAB_HINT = "replace the tab with spaces (two per level) and set your editor to indent YAML with spaces"
# Characters that look like the ones YAML reads as structure, as Japanese input methods and
# word processors type them.
_LOOKALIKE_SPACES = {"\u00a0": "a non-breaking space (U+00A0)", "\u3000": "a full-width space (U+3000)"}
_LOOKALIKE_SEPARATOR = re.compile(r"(?P<key>[^\s:#\uff1a][^:#\uff1a]*?)(?:(?P<wide>\uff1a)|:(?P<space>[\u00a0\u3000]))")
_LOOKALIKE_DASH = re.compile(r"(?:[-\u30fc\u2212\u2013\u2014\uff0d\u2022\u30fb*])(?P<space>[ \u00a0\u3000])")


@dataclass
class _Level:
    """An open block: its indentation and what its lines are (fields or list items)."""

    indent: int
    kind: str  # "map" or "seq"
    last_key: str = ""
    last_key_line: int = 0
    open_key: bool = False  # the last line has no value: a deeper block may follow
    compact: bool = False  # a list at its key's own indentation ("key:" then "- item")


@dataclass
class _Reader:
    lines: list[str]
    problems: list[YamlProblem] = field(default_factory=list)

    def add(self, line: int, column: int, message: str, hint: str, rule: str, severity: str = "error") -> None:
        self.problems.append(YamlProblem(line, column, message, rule, hint=hint, severity=severity))


def _quote_closes(value: str) -> bool:
    """True if the quoted scalar starting ``value`` ends on this line."""
    quote = value[0]
    index = 1
    while index < len(value):
        char = value[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and value[index + 1 : index + 2] == "'":
                index += 2
                continue
            return True
        index += 1
    return False


@dataclass(frozen=True)
class _Flow:
    """What one line of a flow collection (``[a, 'b']``, ``{k: v}``) holds, read as YAML does."""

    depth: int  # open brackets minus closed ones, quoted text aside
    open_quote: int | None  # the index of a quote that runs to the end of the line
    reserved: int | None  # the index of the first item starting with what YAML reserves (@, `)
    comment: int | None = None  # the index of the '#' that starts a comment, outside quotes


def _flow(value: str) -> _Flow:
    """Scan ``value``; a quote opens a quoted item only where an item starts (after ``[``,
    ``{``, ``,`` or ``: ``): inside one (``[Liam O'Connor]``) it is a letter like any other.
    A quoted item followed by more than a separator (``["admin, "manager"]``) is a quote that
    does not pair up, as one running to the end of the line is."""
    depth, index, starts, reserved = 0, 0, True, None
    while index < len(value):
        char = value[index]
        if char in " \t":
            index += 1
            continue
        if starts and char in "\"'":
            end = index + 1
            while end < len(value) and (value[end] != char or value[end:end + 2] == "''"):
                end += 2 if (char == '"' and value[end] == "\\") or value[end:end + 2] == "''" else 1
            after = value[end + 1:].lstrip(" \t")[:1]
            if end >= len(value) or after not in ("", ",", "]", "}", ":", "#"):
                return _Flow(depth, index, reserved)
            index, starts = end + 1, False
            continue
        if char == "#" and index and value[index - 1] in " \t":
            return _Flow(depth, None, reserved, index)
        if starts and char in "@`" and reserved is None:
            reserved = index
        depth += (char in "[{") - (char in "]}")
        starts = char in "[{," or (char == ":" and value[index + 1:index + 2] in ("", " ", "\t"))
        index += 1
    return _Flow(depth, None, reserved)


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _next_content(lines: list[str], start: int) -> tuple[int, str] | None:
    for number in range(start, len(lines)):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            return number, lines[number]
    return None


def explain(text: str) -> list[YamlProblem]:
    """Every recognised mistake in ``text``, in line order (empty if none is recognised)."""
    reader = _Reader(text.splitlines())
    lines = reader.lines
    stack: list[_Level] = []
    skip_deeper_than: int | None = None  # inside a block scalar or a multi-line value
    for index, raw in enumerate(lines):
        number = index + 1
        stripped = raw.strip()
        if not stripped or stripped.startswith("#") or stripped in ("---", "..."):
            continue
        indent = _indent_of(raw)
        if skip_deeper_than is not None:
            if indent > skip_deeper_than:
                continue
            skip_deeper_than = None
        if raw[indent] == "\t":
            reader.add(number, indent + 1, f"YAML indents with spaces; line {number} starts with a tab", TAB_HINT,
                       "yaml-tab")
            # Its width is unknown, so the lines under it are not judged against it.
            skip_deeper_than = stack[-1].indent if stack else None
            continue
        if raw[indent] in _LOOKALIKE_SPACES:
            reader.add(number, indent + 1, f"line {number} is indented with {_LOOKALIKE_SPACES[raw[indent]]}, which "
                       "YAML does not read as indentation", "indent it with ordinary spaces", "yaml-lookalike")
            continue
        skip_deeper_than = _read_line(reader, stack, number, raw, indent)
    return reader.problems


def _read_line(reader: _Reader, stack: list[_Level], number: int, raw: str, indent: int) -> int | None:
    """Check one content line against the open blocks; returns an indentation below which the
    following lines belong to this line's value (block scalar, multi-line text), or None."""
    content = raw[indent:]
    is_item = content == "-" or content.startswith(("- ", "-\t"))
    bullet = None if is_item else _LOOKALIKE_DASH.match(content)
    if bullet:  # "• item", "* item", "-" then a non-breaking space
        space = _LOOKALIKE_SPACES.get(bullet["space"])
        reader.add(number, indent + 1, f"the space after '-' on line {number} is {space}, so YAML reads no list item"
                   if content[0] == "-" and space else f"line {number} starts with '{content[0]}', which YAML does "
                   "not read as a list item", "start each list item with '-' and an ordinary space", "yaml-lookalike")
        return None
    above = stack[-1] if stack else None
    if above is None or indent > above.indent:
        if above is not None and not above.open_key:
            _deeper_than_a_value(reader, above, number, content, indent, is_item)
            return None
        if above is not None:
            above.open_key = False
        stack.append(_Level(indent, "seq" if is_item else "map"))
    else:
        if above.open_key and indent == above.indent and is_item and above.kind == "map":
            above.open_key = False  # "key:" then "- item" at the same indentation: a list under that key
            stack.append(_Level(indent, "seq", compact=True))
        above.open_key = False
        columns = " or ".join(str(level.indent + 1) for level in stack if not level.compact)
        depth = len(stack)  # the blocks this line closes, kept open if it lines up with none
        while depth and (stack[depth - 1].indent > indent or (stack[depth - 1].compact
                                                              and stack[depth - 1].indent == indent and not is_item)):
            depth -= 1
        if not depth or stack[depth - 1].indent != indent:  # the lines after it are read as if it were not there
            reader.add(number, indent + 1, f"line {number} is not lined up with the lines above it (they "
                       f"start at column {columns})",
                       "indent it exactly like the other fields of the same group", "yaml-indent")
            return None
        del stack[depth:]
    level = stack[-1]
    if is_item:
        return _read_item(reader, stack, level, number, content, indent)
    if level.kind == "seq":
        match = _KEY.match(content)
        subject = f"'{match.group('key')}'" if match else f"line {number}"
        reader.add(number, indent + 1, f"{subject} stands where the list above has its '-' items",
                   "indent it less to end the list, or start it with '- ' to make it a list item", "yaml-indent")
        return None
    return _read_field(reader, level, number, content, indent)


def _deeper_than_a_value(reader: _Reader, above: _Level, number: int, content: str, indent: int,
                         is_item: bool) -> None:
    """A line indented under one that already has its value: fine for wrapped text, a mistake
    for a field or a list item."""
    match = _KEY.match(content)
    owner = f"'{above.last_key}' on line {above.last_key_line}" if above.last_key else "the line above"
    if is_item and above.kind == "seq":
        reader.add(number, indent + 1, f"the '-' on line {number} is indented deeper than the list's other items "
                   f"(column {above.indent + 1}), under one that already has its value",
                   f"line it up with the '-' above it, at column {above.indent + 1}", "yaml-indent")
    elif is_item:
        reader.add(number, indent + 1, f"a stray '-' on line {number}: it is indented under {owner}, which "
                   "already has a value", "remove the '-', or remove the value so the list belongs to that field",
                   "yaml-stray-dash")
    elif match:
        key = match.group("key")
        reader.add(number, indent + 1, f"'{key}' is indented deeper than {owner}, which already has a value",
                   f"line '{key}' up with the fields around it, or indent it under a field that ends with ':'",
                   "yaml-indent")


def _read_item(reader: _Reader, stack: list[_Level], level: _Level, number: int, content: str,
               indent: int) -> int | None:
    if level.kind == "map":
        reader.add(number, indent + 1, f"a stray '-' on line {number}: the lines around it are fields "
                   "(key: value), not list items",
                   "remove the '-', or put the list under a field ending with ':'", "yaml-stray-dash")
        return None
    rest = content[1:].lstrip(" \t")
    if not rest or rest.startswith("#"):
        level.open_key = True
        return None
    inner = indent + len(content) - len(rest)
    if _KEY.match(rest):
        stack.append(_Level(inner, "map"))
        return _read_field(reader, stack[-1], number, rest, inner)
    return _check_value(reader, number, rest, inner, None, indent)


def _read_field(reader: _Reader, level: _Level, number: int, content: str, indent: int) -> int | None:
    match = _KEY.match(content)
    if match is None:
        level.open_key = False
        spaceless = _NO_SPACE_AFTER_COLON.match(content)
        lookalike = _LOOKALIKE_SEPARATOR.match(content)
        if lookalike and lookalike["wide"]:
            reader.add(number, indent + lookalike.end(), f"'{lookalike['key'].strip()}\uff1a' is written with a "
                       "full-width colon (U+FF1A), which YAML does not read as one", "type ':' and a space",
                       "yaml-lookalike")
        elif lookalike:
            reader.add(number, indent + lookalike.end(), f"the space after '{lookalike['key'].strip()}:' is "
                       f"{_LOOKALIKE_SPACES[lookalike['space']]}, so YAML reads no field", "type an ordinary space",
                       "yaml-lookalike")
        elif spaceless:
            key = spaceless.group("key")
            reader.add(number, indent + len(key) + 1, f"'{content}' has no space after ':', so YAML reads it as "
                       "text, not a field", f"write '{key}: {spaceless.group('value')}'", "yaml-missing-space")
        else:
            reader.add(number, indent + 1, f"line {number} has no ':' after a field name",
                       "write it as 'field: value', or indent it under the field it continues", "yaml-missing-colon")
        return None
    key = match.group("key")
    value = content[match.end():]
    level.last_key, level.last_key_line = key, number
    level.open_key = not value or value.startswith("#")
    if level.open_key:
        return None
    return _check_value(reader, number, value, indent + match.end(), key, indent)


def _check_value(reader: _Reader, number: int, value: str, column0: int, key: str | None,
                 owner_indent: int) -> int | None:
    """Check a value written on its key's (or its '-''s) line; returns ``owner_indent`` when
    the lines below belong to the value (block scalar, multi-line quote or brackets)."""
    column = column0 + 1
    name = f"the value of '{key}'" if key else "this list item"
    if _BLOCK_SCALAR.match(value):
        return owner_indent
    first = value[0]
    if first in "\"'":
        if _quote_closes(value):
            return None
        if _continues(reader.lines, number, owner_indent):
            return owner_indent
        reader.add(number, column, f"the {first} opened on line {number} column {column} is never closed",
                   f"end {name} with {first} on the same line", "yaml-unclosed-quote")
        return None
    if first in "@`*&":  # YAML reserves the first two; the others start an alias or an anchor
        reader.add(number, column, f"{name} starts with '{first}', which YAML "
                   + ("reserves" if first in "@`" else "reads as a reference to another value, not as text"),
                   f"put it in quotes: {in_quotes(_without_comment(value))}", "yaml-reserved")
        return None
    if first in "[{":
        flow = _flow(value)
        depth, open_quote = flow.depth, flow.open_quote
        closer = "]" if first == "[" else "}"
        text = value[:flow.comment].rstrip() if flow.comment is not None else value.rstrip()  # as YAML reads it
        if depth == 0 and not text.endswith(closer):  # "[Beta] Code insights"
            # "[Beta] Part #2": the '#' YAML takes for a comment is text its author meant.
            kept = flow.comment is not None and _COMMENT_IN_VALUE.match(value, flow.comment - 1)
            reader.add(number, column, f"{name} starts with '{first}', which YAML reads as the start of a "
                       f"{'list' if first == '[' else 'mapping'}, and text follows its '{closer}'",
                       f"put the whole value in quotes: {in_quotes(_without_comment(value) if kept else text)}",
                       "yaml-reserved")
            return None
        if depth == 0 and first == "[" and flow.reserved is not None:  # [@dev-patel]
            reader.add(number, column0 + flow.reserved + 1, f"an item of {name} starts with "
                       f"'{value[flow.reserved]}', which YAML reserves", _requoted(text, '"'), "yaml-reserved")
            return None
        if depth <= 0:
            return None
        if _continues(reader.lines, number, owner_indent):
            return owner_indent
        if open_quote is not None:  # ["@a, "@b"]: which quote is missing, the line cannot say
            quote = value[open_quote]
            reader.add(number, column, f"the {quote} marks of {name} do not pair up, so its '{first}' is never "
                       "closed: a quote is missing", _requoted(value.strip(), quote) if first == "[" else
                       f"put each key and value that needs quotes in its own pair of {quote}",
                       "yaml-unclosed-quote")
            return None
        reader.add(number, column, f"the '{first}' opened on line {number} column {column} is never closed",
                   f"end {name} with '{closer}'", "yaml-unclosed-bracket")
        return None
    comment = _COMMENT.search(value)
    text = value[: comment.start()] if comment else value  # as YAML reads it
    typed = _without_comment(value)
    if _in_typographic_quotes(typed) and not _continues(reader.lines, number, owner_indent):
        quotes = f"typographic quotes ({first}…{typed[-1]}), which YAML does not read as quotes"
        if ": " in text:
            reader.add(number, column, f"{name} is in {quotes}, so its ': ' starts another field",
                       f"write straight quotes instead: {in_quotes(typed[1:-1])}", "yaml-typographic-quotes")
        else:
            reader.add(number, column, f"{name} is in {quotes}: they are part of its text",
                       f"remove them, or write straight quotes where the value needs them: {in_quotes(typed[1:-1])}",
                       "yaml-typographic-quotes", "warning")
        return None
    if ": " in text or text.endswith(":"):
        reader.add(number, column, f"{name} contains ': ', which YAML reads as the start of another field",
                   f"put {name} in quotes: {in_quotes(typed)}", "yaml-colon-in-value")
    elif comment and _COMMENT_IN_VALUE.match(value, comment.start()):
        reader.add(number, column0 + comment.start() + 2, f"' #' starts a comment, so {name} is only "
                   f"'{text.strip()}'", f"put {name} in quotes if '{value[comment.start() + 1:].strip()}' "
                   "belongs to it", "yaml-comment-in-value", "warning")
    return None


def _in_typographic_quotes(text: str) -> bool:
    """Whether ``text`` is one quotation in typographic quotes, as a word processor quotes a
    pasted value: “Intro”, not “Search” vs “Find” (two) or ‘Trainers’ guide’ (an apostrophe)."""
    closers = TYPOGRAPHIC_QUOTES.get(text[:1], "")
    inner = text[1:-1]
    return len(text) > 1 and text[-1] in closers and not any(mark in inner for mark in text[0] + closers)


def _without_comment(value: str) -> str:
    """``value`` as its author meant it, for a hint to quote: without a comment written as one
    (`` # ...``), with a '#' that text follows (``Issue #42``), which YAML cut off."""
    comment = _MEANT_COMMENT.search(value)
    return (value[: comment.start()] if comment else value).strip()


def in_quotes(value: str) -> str:
    """``value`` as a quoted YAML text: in double quotes, else (if it holds one) in single."""
    return f'"{value.strip()}"' if '"' not in value else f"'{value.strip()}'"


def _requoted(value: str, quote: str) -> str:
    """How to write a one-line list whose quotes do not pair up: each item in its own. The
    list is written out only where its items are single words (handles, tags): a comma
    inside a phrase may belong to it."""
    generic = f"put each item in its own pair of {quote}"
    if not value.endswith("]") or any(mark in value[1:-1] for mark in "[]{}"):
        return generic
    items = [item.strip().strip(quote).strip() for item in value[1:-1].split(",")]
    if not all(items) or any(" " in item or quote in item for item in items):
        return generic
    return "write [" + ", ".join(f"{quote}{item}{quote}" for item in items) + "]"


def _continues(lines: list[str], number: int, owner_indent: int) -> bool:
    """True if the next content line is indented under the value's owner (a multi-line value)."""
    following = _next_content(lines, number)
    return following is not None and _indent_of(following[1]) > owner_indent


def value_warnings(text: str) -> list[YamlProblem]:
    """For a file that parsed: values silently cut short by ' #' (``title: Lesson #3``), and
    values in typographic quotes that became part of the text (``title: “Intro”``)."""
    return [problem for problem in explain(text) if problem.severity == "warning"]
