"""A strict, data-only YAML loader that remembers where every value came from.

Course files are written by many hands and published to customers, so the loader accepts
plain data only: one document whose top level is a mapping with text keys. It walks
libyaml's event stream (the C parser, when available) instead of constructing objects, so
tags are never constructed, aliases are never expanded (a billion-laughs file stops at its
first alias), and every value keeps its line and column for error messages.

Scalars are typed the YAML 1.2 core way, stricter still: ``no``/``on`` stay text, dates stay
text (the schema checks them), ``1:30`` and ``0123`` stay text.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

# Quotes a word processor types around a value pasted into YAML, which reads them as text
# (yamlhints warns of them): each opener with the closers it pairs with (German „…“, Polish „…”).
# Not « »: a French title may be set in guillemets on purpose.
TYPOGRAPHIC_QUOTES = {"“": "”", "‘": "’", "„": "“”"}

try:  # libyaml parses in C; the pure-Python parser is a correct, slower fallback.
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    CParser = None


class _PyParser(Reader, Scanner, Parser, Composer, BaseResolver):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)


if CParser is not None:

    class _CParser(CParser, BaseResolver):  # type: ignore[misc, valid-type]
        """libyaml with no implicit typing: every scalar stays text until :func:`type_scalar`."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            BaseResolver.__init__(self)

        def resolve(self, kind: type, value: Any, implicit: Any) -> str:
            """Tags are never read (scalars are typed by type_scalar), so skip resolution."""
            return ""

    _Parser: Any = _CParser
else:  # pragma: no cover
    _Parser = _PyParser

_CHAINED_INDICATORS = re.compile(r"[-?][ \t]+[-?](?:[ \t]|$)", re.MULTILINE)


def is_shallow(text: str) -> bool:
    """True if nesting provably stays within MAX_DEPTH. libyaml composes recursively in C,
    so a deeply nested file would overflow the C stack there; only provably shallow files
    may use it. A level needs a flow bracket or deeper indentation (a sequence may share its
    key's indentation, hence 2x); one line adds at most two more (``- key:``) unless it
    chains compact indicators (``- - x``), which sends the file to the event path."""
    # budget = MAX_DEPTH - 2 - brackets - 2 * (indent + 1) >= 0, i.e. no line indented
    # deeper than ``widest``: one search for such a line, not a list of every indent.
    widest = (MAX_DEPTH - 2 - text.count("[") - text.count("{")) // 2 - 1
    if widest < 0 or re.search(f"^ {{{widest + 1}}}", text, re.MULTILINE):
        return False
    return _CHAINED_INDICATORS.search(text) is None


MAX_BYTES = 256 * 1024
MAX_DEPTH = 64

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]  # 1-based line, column

# C0 controls except tab/LF/CR, DEL, C1 controls, Unicode line/paragraph separators and
# the bidirectional embedding/override/isolate characters ("Trojan Source").
# Unicode's non-characters: no text holds them, and XML refuses U+FFFE and U+FFFF (a title
# spelling them as escapes made the Atom feed unreadable).
_BMP_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff"
_ASTRAL_NONCHARACTERS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
                                 for plane in range(1, 17))
_NONCHARACTERS = _BMP_NONCHARACTERS + _ASTRAL_NONCHARACTERS
_NONCHARACTER = re.compile(f"[{_NONCHARACTERS}]")
# Lone surrogates: no UTF-8 file holds them, but mkdocs.yml's loader makes them from escapes.
_SURROGATES = "\ud800-\udfff"
# Private-use characters: no reader's font shows them as text, and the plan downloads'
# templates mark their placeholders with three of them (export.placeholders), which content
# holding them would forge (a CSV formula, calendar lines, a build that fails).
_BMP_PRIVATE_USE = "\ue000-\uf8ff"
_PRIVATE_USE = _BMP_PRIVATE_USE + "\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_PRIVATE_USE_CHARACTER = re.compile(f"[{_PRIVATE_USE}]")
_BMP_HIDING = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
               f"{_BMP_NONCHARACTERS}{_SURROGATES}")
_HIDING = _BMP_HIDING + _ASTRAL_NONCHARACTERS
_HIDING_CHARS = re.compile(f"[{_HIDING}]")
_FORBIDDEN_CHARS = re.compile(f"[{_HIDING}{_PRIVATE_USE}]")
# The same classes without their characters beyond U+FFFF: the regex engine tests a class
# holding any of those range by range, and one within the BMP by a table lookup. A text with
# no such character, nearly every one, is searched with these.
_BMP_HIDING_CHARS = re.compile(f"[{_BMP_HIDING}]")
_BMP_FORBIDDEN_CHARS = re.compile(f"[{_BMP_HIDING}{_BMP_PRIVATE_USE}]")


def _beyond_bmp(text: str) -> bool:
    """Whether ``text`` holds a character beyond U+FFFF (that an ASCII text holds none is
    known without reading it)."""
    return not text.isascii() and max(text) > "\uffff"


_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_INT_OCT = re.compile(r"0o[0-7]+")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_FLOAT_SPECIAL = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}  # fmt: skip


@dataclass(frozen=True)
class YamlProblem:
    """A positioned problem found while reading a file (before any schema check)."""

    line: int
    column: int
    message: str
    rule: str
    hint: str = ""
    severity: str = "error"


class YamlRejected(Exception):
    """The file cannot be read as plain data; ``problems`` says where and why."""

    def __init__(self, problems: list[YamlProblem]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems


@dataclass
class YamlDocument:
    """Loaded data plus where each value (and each mapping key) stands in the source."""

    data: dict[str, Any]
    marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)
    sources: dict[Path_, str] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)

    def locate(self, path: Path_, *, at_key: bool = False) -> Mark:
        """The closest known position for ``path``: its value (or key), else its parent's."""
        table = self.key_marks if at_key else self.marks
        while path:
            if path in table:
                return table[path]
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))


def position_of(text: str, index: int) -> Mark:
    """1-based line and column of character ``index``, counting CRLF, CR and LF as breaks."""
    line = 1
    line_start = 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line += 1
        line_start = match.end()
    return line, index - line_start + 1


_OTHER_ENCODINGS = (
    (b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"),
)


def decode(raw: bytes) -> str:
    """Decode UTF-8 (a BOM is allowed and dropped); report invalid bytes at line:column."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    # UTF-32's little-endian mark begins with UTF-16's, so it is looked for first.
    for mark, name in _OTHER_ENCODINGS:
        if raw.startswith(mark):
            raise YamlRejected([YamlProblem(1, 1, f"file is {name}; save it as UTF-8", "encoding")])
    if (order := _utf16_byte_order(raw)) is not None:  # one problem, not one per character
        raise YamlRejected([YamlProblem(1, 1, f"file is UTF-16 ({order}-endian, without a byte-order mark); save it "
                                        "as UTF-8", "encoding")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = raw[error.start : error.start + 1].hex()
        guess = f"; the file reads as {name}" if (name := _likely_encoding(raw)) else ""
        message = f"invalid UTF-8 (byte 0x{byte}{guess}); save the file as UTF-8"
        raise YamlRejected([YamlProblem(*position_in(raw, error.start), message, "encoding")]) from None


# What an older Japanese editor may save a file in, instead of UTF-8.
_JAPANESE_ENCODINGS = (("cp932", "Shift_JIS"), ("euc_jp", "EUC-JP"))
_JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")


def _reads_as_japanese(raw: bytes, codec: str) -> bool:
    """Whether the whole of ``raw`` reads in ``codec`` as lines of text with Japanese in them
    (Latin bytes read as UTF-16 are ideographs too, but never a line break)."""
    try:
        lines = raw.decode(codec).splitlines()
    except UnicodeDecodeError:
        return False
    return (len(lines) > 1 and len(_JAPANESE.findall("".join(lines))) > 1  # more than a cut-off character
            and all(line.replace("\t", "").isprintable() for line in lines))


def _likely_encoding(raw: bytes) -> str | None:
    """A Japanese encoding the whole of ``raw`` reads in; none for a UTF-8 file with a bad
    byte in it (its Japanese reads as UTF-8)."""
    if _JAPANESE.search(raw.decode("utf-8", errors="replace")):
        return None
    return next((name for codec, name in _JAPANESE_ENCODINGS if _reads_as_japanese(raw, codec)), None)


def position_in(raw: bytes, offset: int) -> tuple[int, int]:
    """(line, column) of the byte at ``offset``, the bytes before it read as UTF-8."""
    prefix = raw[:offset].decode("utf-8", errors="replace")
    return position_of(prefix, len(prefix))


def _utf16_byte_order(raw: bytes) -> str | None:
    """"little" or "big" if ``raw`` reads as UTF-16 without a byte-order mark: every other
    byte of Latin text is 0, and Japanese text reads as lines of it (its line breaks are)."""
    if b"\x00" not in raw:
        return None
    sample = raw[:4096]
    for zeros, order in ((sample[1::2], "little"), (sample[0::2], "big")):
        if zeros.count(0) > len(zeros) * 0.9 or _reads_as_japanese(raw, f"utf-16-{order[0]}e"):
            return order
    return None


def forbidden_character(text: str) -> str | None:
    """The first control, bidirectional-override or non-character in ``text``, described:
    ``control or bidirectional character U+202E``."""
    found = (_FORBIDDEN_CHARS if _beyond_bmp(text) else _BMP_FORBIDDEN_CHARS).search(text)
    return _described(found.group()) if found else None


def _described(character: str) -> str:
    kind = ("non-character" if _NONCHARACTER.match(character) else "lone surrogate" if "\ud800" <= character <= "\udfff"
            else "private-use character" if _PRIVATE_USE_CHARACTER.match(character)
            else "control or bidirectional character")
    return f"{kind} U+{ord(character):04X}"


_DELETE_IT = "delete it (it may hide or reorder text)"


def refused_character(description: str) -> str:
    """The message for a forbidden character, described as :func:`forbidden_character` does."""
    return f"{description} is not allowed; {_DELETE_IT}"


def more_characters(count: int) -> str:
    """The problem said after :data:`MAX_CHARACTER_PROBLEMS` forbidden characters of a file."""
    return f"{count} more such characters from here on; is this a text file saved as UTF-8?"


def hiding_in(text: str) -> Iterator[tuple[str, str]]:
    """Each character of ``text`` that hides or reorders text (the forbidden ones but for
    private-use characters, which a page may show in an icon font), described, in order."""
    for match in (_HIDING_CHARS if _beyond_bmp(text) else _BMP_HIDING_CHARS).finditer(text):
        yield match.group(), _described(match.group())


def forbidden_text(text: str) -> str | None:
    """Why ``text`` may not be used (its first forbidden character), or None: the wording
    for texts outside content files (plugin options, mkdocs.yml's site texts)."""
    what = forbidden_character(text)
    return refused_character(what) if what else None


MAX_CHARACTER_PROBLEMS = 20  # per file; then one more problem says how many there are besides
MAX_DUPLICATE_KEYS = 20  # likewise


def forbidden_characters(text: str) -> list[YamlProblem]:
    """Control, bidirectional-override and non-characters, each at its position (positions
    found in one pass: a file of them took a minute), the first MAX_CHARACTER_PROBLEMS."""
    problems: list[YamlProblem] = []
    line, line_start, scanned = 1, 0, 0
    matches = list((_FORBIDDEN_CHARS if _beyond_bmp(text) else _BMP_FORBIDDEN_CHARS).finditer(text))
    for match in matches[:MAX_CHARACTER_PROBLEMS + 1]:
        for line_break in _LINE_BREAK.finditer(text, scanned, match.start()):
            line, line_start = line + 1, line_break.end()
        scanned = match.start()
        column = match.start() - line_start + 1
        if len(problems) < MAX_CHARACTER_PROBLEMS:
            problems.append(YamlProblem(line, column, refused_character(_described(match.group())),
                                        "control-character"))
        else:
            problems.append(YamlProblem(line, column, more_characters(len(matches) - MAX_CHARACTER_PROBLEMS),
                                        "control-character"))
    return problems


class SymlinkRefused(OSError):
    """A content file is a symlink: it is never followed, so it is never read or published."""


# One open() answers "is it a symlink?" (O_NOFOLLOW) without a stat first; O_NONBLOCK keeps
# a FIFO from hanging the open (it is then refused as not a regular file).
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


NOT_A_FILE = "not a regular file; replace it with a plain file"  # a folder, a pipe or a device by a file's name
HARD_LINK_MESSAGE = ("is a hard link (the same file also appears elsewhere, perhaps in another course); "
                     "replace it with a copy")


def read_text(path: Path) -> str:
    """Read a content file: a regular file, never through a final symlink, within the size
    limit (taken from fstat, so a small file costs a small read)."""
    if not getattr(os, "O_NOFOLLOW", 0) and os.path.islink(path):  # pragma: no cover - Windows
        raise SymlinkRefused(errno.ELOOP, "is a symlink", str(path))
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise SymlinkRefused(errno.ELOOP, "is a symlink", str(path)) from None
        raise
    try:  # asked before io.FileIO, which refuses a folder with an error of its own
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise YamlRejected([YamlProblem(1, 1, NOT_A_FILE, "io")])
        if status.st_nlink > 1:  # the same file may be another (internal) course's
            raise YamlRejected([YamlProblem(1, 1, HARD_LINK_MESSAGE, "hard-link")])
        with io.FileIO(descriptor, "rb", closefd=False) as handle:
            raw = handle.readall() if status.st_size <= MAX_BYTES else b""
    finally:
        os.close(descriptor)
    if status.st_size > MAX_BYTES or len(raw) > MAX_BYTES:  # the second: it grew while being read
        raise YamlRejected(
            [YamlProblem(1, 1, f"file is larger than {MAX_BYTES // 1024} KiB; split it", "file-size")]
        )
    return decode(raw)


def load_file(path: Path) -> YamlDocument:
    """Load ``path`` strictly; raise :class:`YamlRejected` if it is not plain data."""
    return load_text(read_text(path))


class NumberTooLong(ValueError):
    """A plain scalar that reads as a number longer than any field needs (Python refuses to
    convert decimal integers of more than 4,300 digits, and big ones cost quadratic time)."""


MAX_NUMBER_CHARS = 64


def type_scalar(value: str) -> Any:
    """Type a plain scalar per YAML 1.2 core, keeping leading-zero numbers as text."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    first = value[0]
    if not (first.isdigit() or first in "+-."):
        return value  # fast path: most scalars are words
    if len(value) > MAX_NUMBER_CHARS and (_INT.fullmatch(value) or _INT_OCT.fullmatch(value)
                                          or _INT_HEX.fullmatch(value) or _FLOAT.fullmatch(value)):
        raise NumberTooLong(value)
    if _INT.fullmatch(value):
        return int(value)
    if _INT_OCT.fullmatch(value):
        return int(value[2:], 8)
    if _INT_HEX.fullmatch(value):
        return int(value[2:], 16)
    if _FLOAT.fullmatch(value):
        return float(value)
    return _FLOAT_SPECIAL.get(value, value)


def load_text(text: str) -> YamlDocument:
    """Load one YAML document from ``text``; raise :class:`YamlRejected` if it is not plain data.

    Refused characters are found in the raw text, before anything parses it. Otherwise every
    problem the reading finds is reported, not only the first: duplicate keys, anchors and
    tags before a hard stop, and the stop itself."""
    bad_characters = forbidden_characters(text)
    if bad_characters:
        raise YamlRejected(bad_characters)
    document = _parse(text)
    if " #" in text or "\t#" in text or any(quote in text for quote in TYPOGRAPHIC_QUOTES):
        from .yamlhints import value_warnings  # only files with a trailing comment or such quotes need it

        document.problems.extend(value_warnings(text))
    document.problems.extend(_folded_items(text, document))
    return document


def _parse(text: str) -> YamlDocument:
    """The document ``text`` holds, checked as it is read; YAML's own errors as :class:`YamlRejected`."""
    # Without & * ! a file cannot hold an anchor, an alias or a tag, so libyaml may compose
    # the whole tree in C; otherwise every event is checked as it arrives.
    fast = _Parser is not _PyParser and "&" not in text and "*" not in text and "!" not in text
    shallow = is_shallow(text)
    builder = (_NodeBuilder if fast and shallow else _EventBuilder)(text)
    try:
        try:
            return builder.build()
        except yaml.YAMLError:
            if shallow or _Parser is _PyParser:
                raise
            # libyaml may stop deep nesting with a limit of its own (PyYAML 6.0.4 does),
            # before our depth check, at another place and in its own words. The
            # pure-Python parser has no such limit: if it finds the file too deep, that is
            # the diagnostic, whichever PyYAML is installed; otherwise libyaml's stands.
            try:
                _EventBuilder(text, parser=_PyParser).build()
            except YamlRejected as rejected:
                if rejected.problems[-1].rule == "yaml-depth":  # the stop, after what came before it
                    raise
            except yaml.YAMLError:
                pass
            raise
    except yaml.MarkedYAMLError as error:
        raise YamlRejected(_found_before(text, builder) + syntax_problems(text, error)) from None
    except yaml.YAMLError as error:  # e.g. reader errors from the pure-Python parser
        raise YamlRejected([YamlProblem(1, 1, f"YAML syntax: {error}", "yaml-syntax", _SYNTAX_HINT)]) from None


def _found_before(text: str, builder: _Builder) -> list[YamlProblem]:
    """The problems found before YAML's own error stopped ``builder``. libyaml composes the
    fast path's whole tree before any of it is checked, so there the file's events are read
    up to the error again: the same file reports the same problems whichever path read it."""
    if isinstance(builder, _NodeBuilder):
        builder = _EventBuilder(text)
        with contextlib.suppress(yaml.YAMLError, YamlRejected):
            builder.build()
    return builder.doc.problems


def _folded_items(text: str, document: YamlDocument) -> list[YamlProblem]:
    """An error for each line "- item" that YAML read as more words of the plain text above
    it, being indented deeper than that text's own "-" or key: the outcome "Search code",
    then "   - Read results" one space too far, would be published as "Search code - Read
    results". The lines are those the value was folded from: its first line's text, then
    each next line's, joined by spaces, as the loaded value confirms (a quoted or block text
    is the trainer's own)."""
    problems, lines = [], None
    for path, value in _strings(document.data):
        if " - " not in value or (mark := document.marks.get(path)) is None:
            continue
        lines = lines or text.splitlines()
        line, column = mark
        if line > len(lines):
            continue
        first = lines[line - 1][column - 1:].rstrip()
        if first[:1] in ("'", '"', "|", ">") or not value.startswith(first):
            continue
        at = len(first)  # how much of the value its lines so far account for
        for number in range(line, len(lines)):  # the value's next lines, 0-based
            following = lines[number].strip()
            if at >= len(value) or not following or not value.startswith(f" {following}", at):
                break
            if following.startswith("- "):
                problems.append(YamlProblem(
                    number + 1, len(lines[number]) - len(lines[number].lstrip(" ")) + 1,
                    f"YAML reads '{following[:40]}' as more words of the text on line {line}, as it is indented "
                    "deeper than that text's own '-' or field", "yaml-folded-item",
                    "line the '-' up with the one above to make it an item of its own; if the dash belongs to the "
                    "text, put the text in quotes"))
            at += 1 + len(following)
    return problems


def _strings(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))


_SYNTAX_HINT = "check the quotes, brackets, ':' and indentation on this line and the one above it"


def syntax_problems(text: str, error: yaml.MarkedYAMLError) -> list[YamlProblem]:
    """The mistakes a reader can name (see yamlhints), else the parser's own words, positioned.

    The parser's error is kept only when no recognised mistake stands at or before its line:
    otherwise it is a consequence of one of them, worded in grammar terms.
    """
    from .yamlhints import explain  # syntax errors are rare; valid files never import it

    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if "expected a single document" in str(error.context):
        return [YamlProblem(line, column, _MULTIPLE_DOCUMENTS, "yaml-multiple-documents")]
    found = [problem for problem in explain(text) if problem.severity == "error"
             or problem.line != line]  # a comment warning on the error's line is not its cause
    if any(problem.severity == "error" and problem.line <= line for problem in found):
        return found
    problem = (error.problem or "invalid YAML").rstrip(".")
    context = f" ({error.context})" if error.context else ""
    return [YamlProblem(line, column, f"YAML syntax: {problem}{context}", "yaml-syntax", _SYNTAX_HINT), *found]


_MULTIPLE_DOCUMENTS = ("a file may hold only one YAML document; remove the '---' and what follows, "
                       "or split it into files")
_NOT_A_MAPPING = "the top level must be a mapping of fields (key: value)"
EMPTY_FILE = "file is empty; expected a mapping of fields (key: value)"


def _tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _typed_key(value: str) -> Any:
    try:
        return type_scalar(value)
    except NumberTooLong:
        return 0  # a number either way: the key is refused as not text


class _Builder:
    """What both ways of reading share: positions, key rules and scalar typing.

    Both walk the document in source order, so they stop at the same first hard error. The
    value of a repeated key is checked like any other but records nothing (``record`` is
    False below it): the first value wins, with its own positions and source text.
    """

    def __init__(self, text: str, parser: Any = _Parser) -> None:
        self.parser = parser(text)
        self.doc = YamlDocument(data={})
        self.repeated = 0  # keys repeating an earlier key of their mapping
        self.more_repeated_at: tuple[int, int] = (1, 1)  # the first past MAX_DUPLICATE_KEYS

    def more_repeated(self) -> list[YamlProblem]:
        """The problem said after :data:`MAX_DUPLICATE_KEYS` repeated keys, if there are more."""
        more = self.repeated - MAX_DUPLICATE_KEYS
        return [YamlProblem(*self.more_repeated_at, f"{more} more repeated keys from here on; keep one of each",
                            "yaml-duplicate-key")] if more > 0 else []

    def fail(self, mark: Any, message: str, rule: str) -> YamlRejected:
        """A hard stop at ``mark``, after the problems found before it."""
        return YamlRejected([*self.doc.problems, *self.more_repeated(),
                             YamlProblem(mark.line + 1, mark.column + 1, message, rule)])

    def check_escapes(self, value: str, mark: Any) -> None:
        """A double-quoted scalar can spell forbidden characters as escapes (``"\\u202e"``)."""
        if what := forbidden_character(value):
            self.doc.problems.append(YamlProblem(
                mark.line + 1, mark.column + 1, f"{what} is not allowed, not even as an escape; {_DELETE_IT}",
                "control-character"))

    def scalar(self, value: str, style: str | None, mark: Any, path: Path_, record: bool) -> Any:
        if style:  # quoted or block: always text (the pure-Python parser says None for plain)
            if style == '"':
                self.check_escapes(value, mark)
            return value
        try:
            typed = type_scalar(value)
        except NumberTooLong:
            raise self.fail(mark, f"a number of {len(value)} characters is longer than any field allows "
                            f"(at most {MAX_NUMBER_CHARS}); shorten it, or quote it if you meant text",
                            "yaml-number") from None
        if record and not isinstance(typed, str):
            self.doc.sources[path] = value  # quoted back in messages: "'1.10' is a number"
        return typed

    def key(self, value: str, style: str | None, mark: Any, path: Path_, seen: dict[str, Any],
            record: bool) -> tuple[str, bool]:
        """Check a mapping key; returns it and whether it repeats an earlier key."""
        if style == '"':
            self.check_escapes(value, mark)
        if not style:
            if value == "<<":
                raise self.fail(mark, "merge keys (<<) are not allowed; write the fields out in full",
                                "yaml-merge-key")
            if not isinstance(_typed_key(value), str):
                raise self.fail(mark, f"key '{value}' is not text; quote it (\"{value}\") if you meant it as "
                                "a name", "yaml-key")
        line, column = mark.line + 1, mark.column + 1
        if value in seen:
            self.repeated += 1
            if self.repeated <= MAX_DUPLICATE_KEYS:
                self.doc.problems.append(YamlProblem(
                    line, column, f"duplicate key '{value}' (first defined on line {seen[value]}, again on line "
                    f"{line}); keep one", "yaml-duplicate-key"))
            elif self.repeated == MAX_DUPLICATE_KEYS + 1:
                self.more_repeated_at = (line, column)
            return value, True
        seen[value] = line
        if record:
            self.doc.key_marks[(*path, value)] = (line, column)
        return value, False


class _NodeBuilder(_Builder):
    """Fast path: libyaml composes the tree in C; this walks it in source order with an
    explicit stack of iterators (no recursion)."""

    def build(self) -> YamlDocument:
        root = self.parser.get_single_node()
        if root is None:
            raise YamlRejected([YamlProblem(1, 1, EMPTY_FILE, "yaml-structure")])
        if not isinstance(root, yaml.MappingNode):
            raise self.fail(root.start_mark, _NOT_A_MAPPING, "yaml-structure")
        marks = self.doc.marks
        marks[()] = (root.start_mark.line + 1, root.start_mark.column + 1)
        self.doc.data = {}
        # A frame is (children, container, path, record, keys seen with their lines).
        stack: list[tuple[Any, Any, Path_, bool, dict[str, Any]]] = [(iter(root.value), self.doc.data, (), True, {})]
        while stack:
            children, container, path, record, seen = stack[-1]
            item = next(children, None)
            if item is None:
                stack.pop()
                continue
            duplicate = False
            if isinstance(container, dict):
                key_node, child = item
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(key_node.start_mark, "mapping keys must be plain text, not a list or "
                                    "mapping", "yaml-key")
                name, duplicate = self.key(key_node.value, key_node.style, key_node.start_mark, path, seen, record)
            else:
                name, child = len(container), item
            child_path = (*path, name)
            keep = record and not duplicate
            mark = child.start_mark
            if keep:
                marks[child_path] = (mark.line + 1, mark.column + 1)
            if isinstance(child, yaml.ScalarNode):
                value: Any = self.scalar(child.value, child.style, mark, child_path, keep)
            else:
                if len(stack) >= MAX_DEPTH:
                    raise self.fail(mark, f"nesting is deeper than {MAX_DEPTH} levels", "yaml-depth")
                value = {} if isinstance(child, yaml.MappingNode) else []
                stack.append((iter(child.value), value, child_path, keep, {}))
            if not duplicate:  # a duplicate was reported; the first value wins
                if isinstance(container, dict):
                    container[name] = value
                else:
                    container.append(value)
        self.doc.problems += self.more_repeated()
        return self.doc


_NOT_PLAIN_DATA = frozenset({"yaml-anchor", "yaml-tag"})  # what the file means is not what its text says
MAX_NOT_PLAIN_DATA = 20  # anchors and tags reported per file: the reading stops at the last one


class _EventBuilder(_Builder):
    """General path: checks each parser event as it arrives, so an alias is rejected before
    anything is expanded and a tag before anything is constructed."""

    def check_node_event(self, event: Any) -> None:
        """An alias stops reading before anything is expanded; an anchor or a tag is reported
        and reading goes on (the node is read as written, and nothing is constructed), so the
        file's other problems are found too. Either rejects the file once it is read."""
        if isinstance(event, yaml.AliasEvent):
            raise self.fail(event.start_mark, f"alias *{event.anchor} is not allowed; write the value out in "
                            "full (anchors and aliases are not supported)", "yaml-alias")
        mark = event.start_mark
        if event.anchor is not None:
            self.doc.problems.append(YamlProblem(mark.line + 1, mark.column + 1, f"anchor &{event.anchor} is not "
                                                 "allowed; write values out in full (anchors and aliases are not "
                                                 "supported)", "yaml-anchor"))
        if event.tag is not None:
            self.doc.problems.append(YamlProblem(mark.line + 1, mark.column + 1, f"tag {_tag_name(event.tag)} is "
                                                 "not allowed; content files hold plain data only", "yaml-tag"))
        if (event.anchor is not None or event.tag is not None) and \
                sum(problem.rule in _NOT_PLAIN_DATA for problem in self.doc.problems) >= MAX_NOT_PLAIN_DATA:
            raise YamlRejected(self.doc.problems)

    def build(self) -> YamlDocument:
        parser = self.parser
        parser.get_event()  # StreamStart
        start = parser.get_event()
        if isinstance(start, yaml.StreamEndEvent):
            raise YamlRejected([YamlProblem(1, 1, EMPTY_FILE, "yaml-structure")])
        first = parser.peek_event()
        self.check_node_event(first)
        if not isinstance(first, yaml.MappingStartEvent):
            raise self.fail(first.start_mark, _NOT_A_MAPPING, "yaml-structure")
        self.doc.data = self.build_mapping(parser.get_event())
        parser.get_event()  # DocumentEnd
        after = parser.get_event()
        if not isinstance(after, yaml.StreamEndEvent):
            raise self.fail(after.start_mark, _MULTIPLE_DOCUMENTS, "yaml-multiple-documents")
        self.doc.problems += self.more_repeated()
        if any(problem.rule in _NOT_PLAIN_DATA for problem in self.doc.problems):
            raise YamlRejected(self.doc.problems)
        return self.doc

    def build_mapping(self, event: Any) -> dict[str, Any]:
        """Build the top-level mapping iteratively (no recursion limit to hit)."""
        parser = self.parser
        marks = self.doc.marks
        marks[()] = (event.start_mark.line + 1, event.start_mark.column + 1)
        root: dict[str, Any] = {}
        # A frame is [container, path, pending key, repeated key?, keys seen with their lines, record].
        stack: list[list[Any]] = [[root, (), None, False, {}, True]]
        while stack:
            frame = stack[-1]
            container, path, key, duplicate, seen, record = frame
            event = parser.get_event()
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                continue
            self.check_node_event(event)
            is_map = isinstance(container, dict)
            if is_map and key is None:
                if not isinstance(event, yaml.ScalarEvent):
                    raise self.fail(event.start_mark, "mapping keys must be plain text, not a list or mapping",
                                    "yaml-key")
                frame[2], frame[3] = self.key(event.value, event.style, event.start_mark, path, seen, record)
                continue
            child_path = (*path, key if is_map else len(container))
            keep = record and not duplicate
            if keep:
                marks[child_path] = (event.start_mark.line + 1, event.start_mark.column + 1)
            if isinstance(event, yaml.ScalarEvent):
                value: Any = self.scalar(event.value, event.style, event.start_mark, child_path, keep)
            else:
                if len(stack) >= MAX_DEPTH:
                    raise self.fail(event.start_mark, f"nesting is deeper than {MAX_DEPTH} levels", "yaml-depth")
                value = {} if isinstance(event, yaml.MappingStartEvent) else []
                stack.append([value, child_path, None, False, {}, keep])
            if is_map:
                frame[2] = None
                if not duplicate:  # a duplicate was reported; the first value wins
                    container[key] = value
            else:
                container.append(value)
        return root
