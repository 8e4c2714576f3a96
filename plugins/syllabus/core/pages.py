"""Markdown pages as MkDocs reads them: front matter (data, checked like course YAML), then a
body rendered by Python-Markdown with the site's extensions and checked by the allowlist.

MkDocs takes a page's metadata from a leading ``---`` YAML block, or else from leading
``key: value`` lines (MultiMarkdown style), and Material prints some of it raw (the page
``<title>``, the description). So the same split is made here, the metadata is read by the
strict loader, only keys Material uses safely are accepted, and the plugin hands Material
escaped text (:func:`printable_meta`).

Nothing here imports MkDocs: ``syllabus validate`` renders with Python-Markdown directly.
"""

from __future__ import annotations

import bisect
import posixpath
import re
import signal
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from html import unescape
from types import FrameType
from typing import Any, NamedTuple, TypeVar

import markdown
import yaml
from markdown.extensions import Extension
from markdown.htmlparser import htmlparser as markdown_html_parser
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE
from markupsafe import Markup, escape

from .diagnostics import printable
from .foreign_markdown import RULE as FOREIGN_RULE
from .foreign_markdown import foreign_syntax
from .html_allowlist import Allowlist, element_ids, linked_addresses, pictures, positioned
from .locale_format import LANGUAGE_TAG, unknown_language
from .schema_messages import closest, did_you_mean, suggested
from .yamlsafe import YamlProblem, YamlRejected, forbidden_character, load_text, refused_character

# MkDocs' list (mkdocs.utils.markdown_extensions): every one of these becomes a page.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")

# The same patterns as mkdocs.utils.meta, so both read the same lines as metadata.
_YAML_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
# A "---" line then a "key:" line, with no closing line (``_YAML_FRONT_MATTER`` did not match).
_UNCLOSED_FRONT_MATTER = re.compile(r"-{3}[ \t]*\n[ ]{0,3}[A-Za-z0-9_-]+:(?:[ \t]|$)", re.MULTILINE)
_CLOSED_AT_THE_END = re.compile(r"-{3}[ \t]*\n.*\n(?:\.{3}|-{3})[ \t]*\Z", re.DOTALL)  # no line break after it

TEXT_KEYS = ("title", "description", "subtitle")  # printed by Material: escaped by printable_meta
HIDE_VALUES = frozenset({"navigation", "toc", "footer", "path", "tags", "feedback"})
SIZE_RULE = "markdown-size"  # a page too large to render in bounded time: it is not rendered
FRONT_MATTER_KEYS = (*TEXT_KEYS, "hide", "search", "language", "authoring")  # authoring: for authors, not customers
# BCP 47, as the content schema's `language` has it: the page's <html lang> and search language.
MAX_TEXT = 300


@dataclass(frozen=True)
class PageSource:
    """A page split the way MkDocs splits it; ``body_line`` is the body's first source line."""

    meta: dict[str, Any]
    body: str
    body_line: int
    problems: list[YamlProblem]


def split_page(text: str) -> PageSource:
    """Metadata and body of a page (LF line ends), with every metadata problem positioned,
    and blocks too large to render in bounded time refused."""
    page = _split(text)
    page.problems.extend(_bounded_work_problems(text))
    if (at := text.find("\x00")) != -1:  # the sanitiser drops it: said here, and rendered as U+FFFD
        nul = YamlProblem(text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at),
                          refused_character(forbidden_character("\x00") or ""), "control-character")
        if nul not in page.problems:  # the metadata's reader says it of a NUL there
            page.problems.append(nul)
        return replace(page, body=page.body.replace("\x00", "\ufffd"))
    return page


def has_body(text: str) -> bool:
    """Whether a page says anything below its metadata (a course page then shows "About")."""
    return bool(_split(text).body.strip())


def body_line(text: str) -> int:
    """The source line a page's body starts on, below its metadata (as MkDocs splits it)."""
    return _split(text).body_line


def for_authors(text: str) -> bool:
    """Whether a hand-written page is for authors (``authoring: true`` in its front matter),
    which only sites that publish authoring pages have."""
    return _split(text).meta.get("authoring") is True


def files_for_authors(pages: Mapping[str, bool], files: Iterable[str]) -> set[str]:
    """Which of the docs folder's ``files`` (site paths of pictures and downloads) go with the
    pages for authors: those whose nearest folder holding pages (theirs, or one above) holds
    pages for authors and none for readers (``pages``: site path -> for authors). A site that
    leaves the pages out leaves these out too: notes.txt beside an authoring page was published."""
    readers, authors = set(), set()
    for page, is_for_authors in pages.items():
        folders = (authors if is_for_authors else readers)
        folder = posixpath.dirname(page)
        while folder not in folders:  # each folder up to the top, once
            folders.add(folder)
            if not folder:
                break
            folder = posixpath.dirname(folder)
    kept = set()
    for file in files:
        folder = posixpath.dirname(file)
        while folder and folder not in readers and folder not in authors:
            folder = posixpath.dirname(folder)
        if folder in authors and folder not in readers:
            kept.add(file)
    return kept


def _split(text: str) -> PageSource:
    if match := _YAML_FRONT_MATTER.match(text):
        body = text[match.end():]
        stripped = body.lstrip("\n")
        body_line = text.count("\n", 0, match.end()) + len(body) - len(stripped) + 1
        try:  # read below a blank line for the "---": every line it names is the file's
            document = load_text("\n" + match.group(1))
        except YamlRejected as rejected:
            return PageSource({}, stripped, body_line, rejected.problems)
        problems = list(document.problems)
        as_mkdocs_reads, unread = _read_by_mkdocs(match.group(1))
        if unread:
            return PageSource({}, stripped, body_line, [*problems, unread])
        for key, value in document.data.items():
            line, column = document.key_marks.get((key,), (1, 1))
            problem = _meta_problem(key, value) or _typed_otherwise(value, as_mkdocs_reads.get(key))
            if problem:
                problems.append(YamlProblem(line, column, problem, "front-matter"))
        return PageSource(document.data, stripped, body_line, problems)
    page = _multimarkdown_meta(text)
    if _UNCLOSED_FRONT_MATTER.match(text):
        fix = ("end the file with a line break after its closing '---'" if _CLOSED_AT_THE_END.match(text)
               else "add a '---' line after its last key")
        page.problems.append(YamlProblem(1, 1, "the metadata block this '---' opens is never closed, so MkDocs would "
                                         f"publish it as text; {fix}", "front-matter"))
    elif late := _late_front_matter(text):
        page.problems.append(YamlProblem(late, 1, "MkDocs reads a metadata block only at the very start of the "
                                         "file, so it would publish this one as text (an authoring: true page on "
                                         "the public site); move it to the top", "front-matter"))
    return page


def _late_front_matter(text: str) -> int | None:
    """The line of a metadata block MkDocs does not read (below blank lines or HTML comments,
    or indented), if it is one: a whole block whose keys include Syllabus' page keys. A rule
    and a line of text ("---", "Note: ...") is text, as MkDocs reads it."""
    position = 0
    while (end := text.find("\n", position)) != -1:
        line = text[position:end]
        if line.lstrip().startswith("<!--") and (close := text.find("-->", position)) != -1:
            end = text.find("\n", close)
            if end == -1 or text[close + 3:end].strip():
                return None
        elif line.strip():
            break
        position = end + 1
    rest = text[position:]
    block = _YAML_FRONT_MATTER.match(rest.lstrip(" "))  # "^": at the start of the string only
    if block is None or (position == 0 and not rest.startswith(" ")):
        return None
    try:
        keys = load_text("\n" + block.group(1)).data
    except YamlRejected:
        return None
    return text.count("\n", 0, position) + 1 if isinstance(keys, dict) and set(keys) & set(FRONT_MATTER_KEYS) \
        else None


# MkDocs reads front matter with PyYAML's safe loader (libyaml's if built), and if that
# raises, it ignores the whole block and publishes it as text: `authoring: true` beside a
# date that does not exist (2026-02-29) published a page for authors on the public site.
_MKDOCS_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_by_mkdocs(block: str) -> tuple[dict[Any, Any], YamlProblem | None]:
    """The front matter ``block`` as MkDocs reads it, or why it cannot, placed where it fails."""
    text = "\n" + block  # the "---" line: positions are the file's
    try:
        data = yaml.load(text, _MKDOCS_YAML_LOADER)
        return (data if isinstance(data, dict) else {}), None
    except yaml.MarkedYAMLError as error:
        mark, why = error.problem_mark or error.context_mark, error.problem or str(error)
    except Exception as error:  # MkDocs catches every exception here too
        mark, why = _unbuilt_value(text), str(error)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return {}, YamlProblem(line, column, f"MkDocs cannot read this front matter ({why}), so it would ignore all of "
                           "it and publish it as text at the top of the page", "front-matter",
                           "quote the value: MkDocs' YAML reader takes it for a date or another type")


def _typed_otherwise(value: Any, as_mkdocs_reads: Any) -> str | None:
    """Why text the strict loader read is not what MkDocs reads (``title: 12:30:00`` is the
    number 45000 to YAML 1.1), if it is not."""
    if isinstance(value, str) and not isinstance(as_mkdocs_reads, str):
        kind = {bool: "true/false", int: "a number", float: "a number"}.get(type(as_mkdocs_reads), "a date")
        return f"MkDocs reads '{value[:40]}' as {kind} ({as_mkdocs_reads}), not as this text; quote it"
    return None


def _unbuilt_value(text: str) -> Any:
    """The start of the first value PyYAML's safe loader cannot build (a date that does not
    exist), or None."""
    loader = _MKDOCS_YAML_LOADER(text)
    try:
        nodes = [loader.get_single_node()]
        while nodes:
            node = nodes.pop(0)
            if isinstance(node, yaml.ScalarNode):
                try:
                    loader.construct_object(node)
                except Exception:  # whichever error the value's type raises
                    return node.start_mark
            elif isinstance(node, yaml.SequenceNode):
                nodes.extend(node.value)
            elif isinstance(node, yaml.MappingNode):
                nodes.extend(part for pair in node.value for part in pair)
        return None
    finally:
        loader.dispose()


# Python-Markdown rebuilds a block's text once per inline match (links, tags, emphasis, code,
# entities), so its time grows with (matches x length) of one block: tens of thousands of
# inline tags in one paragraph stall a build. Prose blocks hold a few dozen; fenced code is
# not inline-processed.
MAX_INLINE_OPENERS = 5000
_INLINE_OPENERS = re.compile(r"[<\[`*_&!{]")
_FENCE = re.compile(r"^[ ]{0,3}(?:`{3,}|~{3,})")
# Python-Markdown looks for the "]" of each "[" (links, images, references) by reading on from
# it, to the block's end when none closes it: "[a" repeated in one block is quadratic, and every
# such block of a page adds as much again. What a page makes it read is bounded; a "\[" and
# fenced code are not read.
MAX_BRACKET_SCAN = 2_000_000  # characters
_BRACKET = re.compile(r"\\.|[\[\]]")
# Each quote or list level re-parses the lines below it (a line of ">" is quadratic), and
# Python-Markdown parses nested blocks recursively: 500 "- " on one line ended the build in a
# RecursionError. A level is a ">", a list marker or four columns of indentation.
MAX_BLOCK_DEPTH = 30
_BLOCK_MARKER = re.compile(r">[ \t]*|(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+|$)")


# Python-Markdown and html.parser have more super-linear paths than the limits above bound
# (a "(" never closed after "[a]", "<a" never closed...), so a page also stops rendering once
# it has taken more CPU time than its size can explain. Dense content (one-letter table rows,
# "## h" headings, "*a*" emphasis or "\." escapes) costs each element the work of
# Python-Markdown, the table of contents and the allowlist, many times what prose of the
# same size costs, and a machine with its cores busy takes longer again. A
# tighter budget let such a page pass validate and fail the build (or the other way round) as
# the load went: this one leaves the densest pages room for a busy machine, and still stops a
# super-linear input, which takes far longer at this size. benchmarks/pathological.py
# measures both against it.
RENDER_SECONDS = 2.0  # for any page
RENDER_SECONDS_PER_KIB = 0.08  # and for each KiB of its text


def render_seconds(text: str) -> float:
    """The CPU time rendering ``text`` may take."""
    return RENDER_SECONDS + RENDER_SECONDS_PER_KIB * len(text) / 1024


def too_slow(seconds: float) -> str:
    return (f"this page takes more than {seconds:.1f} s of CPU time to render, more than its size explains, so it "
            "is not published; look for long runs of '[', '(', '<' or '\\' that never close, or split the page")


class RenderBudget:
    """Raises ``error()`` in a page's rendering once it has used ``seconds`` of CPU time,
    from a profiling timer's signal, so the work per page is bounded whatever the input.
    Python runs signal handlers in the main thread only, on POSIX: in another thread, or on
    Windows, the budget is off and the input limits alone apply."""

    def __init__(self, error: Callable[[], Exception], seconds: float) -> None:
        self.error, self.seconds = error, seconds
        self.expired = False  # even where the code it interrupted swallowed the error
        self._previous: Any = None
        self._running = False

    def start(self) -> None:
        """Arms the budget; on a running one it does nothing, so a budget started in one
        place (the plugin's on_page_markdown) can be a ``with`` block's in another."""
        if self._running or not hasattr(signal, "setitimer") \
                or threading.current_thread() is not threading.main_thread():
            return
        self._previous = signal.signal(signal.SIGPROF, self._on_signal)
        self._running = True
        signal.setitimer(signal.ITIMER_PROF, self.seconds, 0.05)  # and again, should the code swallow it

    def stop(self) -> None:
        """Ends the budget; raises ``error()`` if it ran out, as the rendering may have caught
        the first and gone on with half a page."""
        expired = self.expired
        self.cancel()
        if expired:
            raise self.error()

    def cancel(self) -> None:
        """Ends the budget without a word: an error is on its way already."""
        if self._running:
            signal.setitimer(signal.ITIMER_PROF, 0)
            self._running = False  # a signal already on its way is ignored...
            # ...and never meets SIGPROF's default action, which ends the process.
            keep = self._previous not in (signal.SIG_DFL, None)
            signal.signal(signal.SIGPROF, self._previous if keep else signal.SIG_IGN)
        self.expired = False

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self._running:
            self.expired = True
            raise self.error()

    def __enter__(self) -> RenderBudget:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None:
            self.stop()
        else:
            self.cancel()


class OutOfTime(Exception):
    """A page ran out of its :class:`RenderBudget` while ``syllabus validate`` checked it."""


def _block_depth(line: str) -> int:
    """How many quotes, lists and indentation levels open on ``line`` (at least)."""
    text = line.expandtabs(4)
    position = len(text) - len(text.lstrip(" "))
    depth = position // 4
    while depth <= MAX_BLOCK_DEPTH and (marker := _BLOCK_MARKER.match(text, position)):
        depth, position = depth + 1, marker.end()
    return depth


def _bracket_scan(block: str) -> int:
    """How many characters Python-Markdown's link search reads in ``block``: from each "["
    to the "]" that closes it, or to the block's end."""
    opened, read = [], 0
    for match in _BRACKET.finditer(block):
        if match.group() == "[":
            opened.append(match.start())
        elif match.group() == "]" and opened:
            read += match.start() - opened.pop()
    return read + sum(len(block) - start for start in opened)


def _bounded_work_problems(text: str) -> list[YamlProblem]:
    """A refusal for each block of consecutive lines with too many inline constructs, and
    one for the block where the page's brackets pass what may be read for them."""
    problems, count, first, fence = [], 0, 0, None
    block: list[str] = []  # the lines of a block holding a "[", else none
    bracket_scan = 0

    def end_block(last: int) -> None:
        nonlocal bracket_scan
        if block and bracket_scan <= MAX_BRACKET_SCAN:
            bracket_scan += _bracket_scan("\n".join(block))
            if bracket_scan > MAX_BRACKET_SCAN:
                problems.append(YamlProblem(first, 1, f"the '[' of this block (up to line {last}) and of "
                                            "the blocks before it close late or never, more than can be rendered in "
                                            "bounded time; close each with ']', write a literal one as \\[, or put "
                                            "the text in a fenced code block", SIZE_RULE))
        block.clear()

    number = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if fence is not None:
            if line.lstrip().startswith(fence):
                fence = None
            continue
        if opener := _FENCE.match(line):
            end_block(number - 1)
            fence, count = opener.group().strip()[:3], 0
            continue
        if not line.strip(" \t"):  # as Python-Markdown ends a block: U+00A0 and the like do not
            end_block(number - 1)
            count = 0
            continue
        if block or "[" in line:
            block.append(line)
        if _block_depth(line) > MAX_BLOCK_DEPTH:
            problems.append(YamlProblem(number, 1, f"quotes and lists nested more than {MAX_BLOCK_DEPTH} levels "
                                        "deep; use fewer '>' or list markers, or less indentation", SIZE_RULE))
            break  # one report is enough
        if count == 0:
            first = number
        count += len(_INLINE_OPENERS.findall(line))
        if count > MAX_INLINE_OPENERS:
            problems.append(YamlProblem(first, 1, f"this block (up to line {number}) holds more than "
                                        f"{MAX_INLINE_OPENERS} inline markup characters (< [ ` * _ & ! {{), too "
                                        "many to render in bounded time; split it with blank lines or put it in "
                                        "a fenced code block", SIZE_RULE))
            count = -(10**9)  # one report per block
    end_block(number)
    return problems


def _multimarkdown_meta(text: str) -> PageSource:
    lines = text.split("\n")
    meta: dict[str, Any] = {}
    problems: list[YamlProblem] = []
    key, used = None, 0
    refused: set[str] = set()  # keys reported already: one problem each
    for number, line in enumerate(lines):
        if not line.strip():
            used = number + 1
            break
        if found := _META_LINE.match(line):
            key = found.group("key").lower().strip()
            meta[key] = f"{meta[key]} {found.group('value').strip()}" if key in meta else found.group("value").strip()
            column = line.find(found.group("key")) + 1
        elif (more := _META_MORE.match(line)) and key:
            meta[key] += f" {more.group('value').strip()}"  # as MkDocs joins an indented line to the value
            column = more.start("value") + 1
        else:
            used = number
            break
        # The value as MkDocs will use it, checked again after every line that adds to it.
        if key not in refused and (problem := _meta_problem(key, meta[key], unfenced=True)):
            refused.add(key)
            problems.append(YamlProblem(number + 1, column, f"MkDocs reads this line as page metadata: {problem}",
                                        "front-matter"))
        used = number + 1
    body = "\n".join(lines[used:])
    stripped = body.lstrip("\n")
    return PageSource(meta, stripped, used + len(body) - len(stripped) + 1, problems)


def _meta_problem(key: str, value: Any, *, unfenced: bool = False) -> str | None:
    """Why a metadata entry is refused, or None; ``unfenced``: MultiMarkdown's metadata, the
    page's first lines with no ``---`` around them, which may well be meant as text."""
    if key not in FRONT_MATTER_KEYS:
        meant = closest(key, FRONT_MATTER_KEYS)
        return (f"'{key[:40]}' is not a page metadata key Syllabus allows"
                + (suggested(meant) or f" ({', '.join(FRONT_MATTER_KEYS)})")
                + ("; remove it, or add a blank line first if this line is text" if unfenced else "; remove it"))
    if key in TEXT_KEYS:
        if not isinstance(value, str):
            return f"'{key}' must be text; quote it"
        if len(value) > MAX_TEXT:
            return f"'{key}' is {len(value)} characters long; keep it under {MAX_TEXT}"
    elif key == "language":
        if isinstance(value, str) and len(value) <= 35 and (problem := unknown_language(value)):
            return f"'language': {problem}"
        if not isinstance(value, str) or len(value) > 35 or not LANGUAGE_TAG.match(value):
            return "'language' must be a language tag such as en or ja"
    elif key == "hide":
        if not isinstance(value, list) or not all(isinstance(v, str) and v in HIDE_VALUES for v in value):
            wrong = next((v for v in value if not isinstance(v, str) or v not in HIDE_VALUES), None) \
                if isinstance(value, list) else None
            return (f"'hide' must be a list of {', '.join(sorted(HIDE_VALUES))}"
                    + did_you_mean(wrong, sorted(HIDE_VALUES)))
    elif key == "search" and (not isinstance(value, dict) or set(value) - {"exclude"}
                              or not isinstance(value.get("exclude", False), bool)):
        # Material's search also reads a boost; Pagefind, which searches the site, has no
        # page boost, and a setting that would do nothing is refused rather than ignored.
        return "'search' may only set exclude (true/false); the site search has no per-page boost"
    elif key == "authoring" and isinstance(value, str) and value.strip().lower() in ("true", "false"):
        # MultiMarkdown's metadata, without '---' lines, holds text only: "true" is no true.
        return (f"'authoring' is the text '{value.strip()}' here, not {value.strip().lower()}, so the page would be "
                f"published; write {value.strip().lower()} without quotes, in metadata between two '---' lines")
    elif key == "authoring" and not isinstance(value, bool):
        return "'authoring' must be true or false"
    return None


def printable_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """The text values Material prints unescaped, escaped (and only those keys kept as text)."""
    return {key: Markup(escape(meta[key])) for key in TEXT_KEYS if isinstance(meta.get(key), str)}


# Chinese and Japanese characters (ideographs, kana, their punctuation and full-width forms;
# not Hangul: Korean separates words with spaces).
_SPACELESS = ("\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60"
              "\U00020000-\U0003ffff")
# Inline elements a sentence runs through ("英語版は\n[こちら](…)"): a break beside one is
# between the characters on either side.
_INLINE = "(?:a|abbr|b|code|del|em|i|ins|kbd|mark|q|s|small|span|strong|sub|sup)"
_SPACELESS_LINE_BREAK = re.compile(
    f"([{_SPACELESS}](?:</{_INLINE}>)*)[ \t]*\n[ \t]*(?=(?:<{_INLINE}\\b[^<>]*>)*[{_SPACELESS}])")
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL | re.IGNORECASE)


def joined_lines(html: str) -> str:
    """``html`` without the line breaks of its Markdown source between two Chinese or Japanese
    characters: a browser shows them as spaces ("コードを 見つけ"), where CSS Text 3 drops
    them and Firefox does. Preformatted text keeps its lines."""
    if "\n" not in html:
        return html
    parts = _PRE.split(html)  # odd items are <pre> elements
    return "".join(part if index % 2 else _SPACELESS_LINE_BREAK.sub(r"\1", part) for index, part in enumerate(parts))


DESCRIPTION_LENGTH = 160  # characters of a page's description search engines show
_PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>(.*?)</p>", re.DOTALL)
_NOT_PROSE = re.compile(r'<sup\b[^>]*>\s*<a\b[^>]*class="footnote-ref"[^>]*>.*?</a>\s*</sup>', re.DOTALL)  # "note1"
_LINE_BREAK = re.compile(r"<br\s*/?>")
_JOINERS = frozenset("\u200d\ufe0e\ufe0f")  # zero-width joiner, variation selectors


def lead_text(html: str) -> str:
    """The words of the first paragraph of a page's ``html`` that has any (not an admonition's
    title; tags dropped, entities read, line breaks and runs of spaces one space), cut after a
    word, or a character where there are no spaces, within :data:`DESCRIPTION_LENGTH`
    characters: a unit page's own description, where it had its course's summary."""
    for match in _PARAGRAPH.finditer(html):
        if "admonition-title" in html[match.start():match.start(1)]:
            continue
        text = " ".join(Markup(_LINE_BREAK.sub(" ", _NOT_PROSE.sub("", match.group(1)))).striptags().split())
        if text:
            break
    else:
        return ""
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    end = DESCRIPTION_LENGTH - 1
    while end > 0 and _continues(text, end):  # never half a character as seen (an emoji sequence, an accent)
        end -= 1
    cut = text[:end]
    words = cut.rsplit(" ", 1)[0] if " " in cut else cut  # Japanese has no spaces between words
    return words.rstrip(" ,;:") + "…"


def _continues(text: str, index: int) -> bool:
    """Whether ``text[index]`` belongs to the character seen before it (a cluster of Unicode's
    text segmentation, for the kinds a description meets)."""
    character, code = text[index], ord(text[index])
    return (character in _JOINERS or text[index - 1] == "\u200d"
            or unicodedata.category(character) in ("Mn", "Mc", "Me")  # a combining accent
            or 0x1F3FB <= code <= 0x1F3FF  # an emoji's skin tone
            or 0xE0020 <= code <= 0xE007F  # the tags of a subdivision's flag (England's)
            or 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF  # a Hangul syllable's vowel or final
            or _second_of_a_flag(text, index))


def _second_of_a_flag(text: str, index: int) -> bool:
    """Whether ``text[index]`` is the second of a pair of regional indicators (a flag)."""
    indicators = 0
    while index - indicators >= 0 and 0x1F1E6 <= ord(text[index - indicators]) <= 0x1F1FF:
        indicators += 1
    return indicators > 0 and indicators % 2 == 0


def plain_title(html_title: str) -> Markup:
    """A title MkDocs took from a rendered ``<h1>`` (tags stripped, entities kept) as safe text."""
    return Markup(escape(Markup(html_title).striptags()))


@dataclass(frozen=True)
class MarkdownSettings:
    """The site's ``markdown_extensions`` as MkDocs resolved them (with its built-in ``toc``,
    ``tables`` and ``fenced_code``) and their configs."""

    extensions: tuple[Any, ...] = ()
    configs: Mapping[str, Mapping[str, Any]] | None = None


def extension_name(entry: Any) -> str:
    """The module of a ``markdown_extensions`` entry however mkdocs.yml names it: as a
    module (``admonition`` for ``markdown.extensions.admonition``), as ``module:Class``, or as
    an instance."""
    name = entry.partition(":")[0] if isinstance(entry, str) else type(entry).__module__
    return name.removeprefix("markdown.extensions.")


class MarkdownLinks(Extension):
    """The ``href`` of each ``<a>`` and ``src`` of each ``<img>`` Markdown made in the page
    converted last: ``urls`` as written, collected after the inline patterns made them
    (priority 2, before MkDocs resolves them against the site's files at 0 and before the
    preview's :class:`~syllabus.plugin.incremental.KeptPageLinks` at 1); ``published``, each
    as (written, as MkDocs left it and the HTML gives it to a browser: an e-mail autolink's
    address is character references, held as AMP_SUBSTITUTE until Markdown writes "&"), after
    MkDocs (priority -1). Raw HTML is not in the tree. Both are emptied before each page
    (:meth:`start_page`)."""

    def __init__(self) -> None:
        super().__init__()
        self.published: list[tuple[str, str]] = []
        self._written: dict[int, str] = {}  # by element, in page order

    @property
    def urls(self) -> list[str]:
        return list(self._written.values())

    def start_page(self) -> None:
        self.published, self._written = [], {}

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_LinkCollector(md, self, written=True), "syllabus_markdown_links", 2)
        md.treeprocessors.register(_LinkCollector(md, self, written=False), "syllabus_published_links", -1)


class _RawHtmlReading(Preprocessor):
    """MkDocs reads every page's raw HTML once more than Python-Markdown does, for the anchors
    links may name (its ``mkdocs_raw_html`` preprocessor, just before ``html_block``).
    Validate's renderer reads it too, in its place and with the same parser (Python-Markdown's
    copy of html.parser, which ends a tag at a backtick: the standard one took 120 s where it
    took 0.07), so that a page's render budget measures the same work there as in the build:
    unclosed tags cost most in that reading ("<a <a <a ..." took 1.6 s in validate without it
    and 3.7 s in the build, which refused a page validate passed)."""

    def run(self, lines: list[str]) -> list[str]:
        reader = markdown_html_parser.HTMLParser()
        reader.feed("\n".join(lines))
        reader.close()
        return lines


class _LinkCollector(Treeprocessor):
    def __init__(self, md: markdown.Markdown, extension: MarkdownLinks, *, written: bool) -> None:
        super().__init__(md)
        self.extension, self.written = extension, written

    def run(self, root: Any) -> None:
        for element in root.iter():
            url = element.get(attribute) if (attribute := linking_attribute(element.tag)) else None
            if not url:
                continue
            if self.written:
                self.extension._written[id(element)] = url
            elif id(element) in self.extension._written:
                read = unescape(url.replace(AMP_SUBSTITUTE, "&")) if AMP_SUBSTITUTE in url else url
                self.extension.published.append((self.extension._written[id(element)], read))


def linking_attribute(tag: str) -> str | None:
    """The attribute of an element with ``tag`` that MkDocs resolves as a link: an ``<a>``'s
    ``href``, an ``<img>``'s ``src``."""
    return "href" if tag == "a" else "src" if tag == "img" else None


ALLOWLIST_RULE = "markdown-allowlist"  # the rule of a refusal by the allowlist on the rendered page


class PageLinks(NamedTuple):
    """The addresses of a page's links and images, for :func:`~syllabus.core.published.check_links`
    (which places the few it reports): those Markdown made, in page order, which MkDocs
    resolves against the site's files, and those written in HTML, which it publishes as written;
    and the ids of its body, which links to the page's anchors reach, and its <h1>, which
    decides the title its template adds."""

    markdown: list[str]
    html: list[str]
    ids: frozenset[str] = frozenset()
    has_h1: bool = False  # then a unit page's template adds no title of its own
    opens_with_h1: bool = False  # then the home page's title is that heading, with its id


NO_LINKS = PageLinks([], [])


@dataclass(frozen=True)
class PageCheck:
    """What rendering a page found: the allowlist's refusals (and a page too deep or slow to
    render), and its links."""

    problems: list[YamlProblem]
    links: PageLinks = NO_LINKS


def _published_links(made_by_markdown: list[str], published: str, ids: frozenset[str]) -> PageLinks:
    """The links of a page as published: those Markdown made (not the ones the allowlist
    removed, which it refused), and the others of its HTML, written as HTML."""
    unclaimed = Counter(linked_addresses(published))
    markdown_links = []
    for url in made_by_markdown:
        if unclaimed[url] > 0:
            unclaimed[url] -= 1
            markdown_links.append(url)
    return PageLinks(markdown_links, list((+unclaimed).elements()), ids,
                     has_h1="<h1" in published, opens_with_h1=published.lstrip().startswith("<h1"))


PICTURE_TEXT_RULE = "picture-text"


def pictures_without_text(body: str, published: str) -> list[tuple[int, int, str]]:
    """(line, column, address) of each picture of ``published`` (the page as the allowlist
    returned it) with no alternative text, found where ``body`` writes its address (else at
    the start): ``![](flow.png)`` publishes ``alt=""``, which tells screen readers to skip it.
    Each picture is looked up among the addresses the body writes, in order after the last one
    found (searching the rest of the page for each grew with pictures times page size), else
    among its reference definitions, which Markdown writes apart, often at the end: the next
    one not taken yet, or the last taken."""
    inline: dict[str, list[int]] = {}  # the places the body writes each address
    defined: dict[str, list[int]] = {}
    for match in _WRITTEN_ADDRESS.finditer(body):
        (defined if match.group(1) else inline).setdefault(_address(match.group(2)), []).append(match.start(2))
    line_starts = [0, *(match.end() for match in _LINE_END.finditer(body))]
    found, cursor, definitions_taken = [], 0, Counter[str]()
    for source, text in pictures(published):
        places = inline.get(source, [])
        index = bisect.bisect_left(places, cursor)
        if index < len(places):
            at = places[index]
            cursor = at + len(source)
        elif definitions := defined.get(source):
            at = definitions[min(definitions_taken[source], len(definitions) - 1)]
            definitions_taken[source] += 1
        else:
            at = 0
        if not text.strip():
            line = bisect.bisect_right(line_starts, at)
            found.append((line, at - line_starts[line - 1] + 1, printable(source[:80])))
    return found


def _address(written: str) -> str:
    """An address as written up to a space, quote or angle bracket, less the ")" that closes
    a Markdown link around it (``](a(1).png)`` writes ``a(1).png``)."""
    unopened = written.count(")") - written.count("(")
    closing = len(written) - len(written.rstrip(")"))
    return written[:len(written) - min(max(unopened, 0), closing)]


# Where Markdown or HTML writes a picture's address: ](x), ](<x>), src="x", src=x, and a
# reference definition's [id]: x.
_WRITTEN_ADDRESS = re.compile(r"""(?:\]\([ \t]?<?|(\]:)[ \t]*<?|src=["']?)([^\s"'<>]*)""")
_LINE_END = re.compile(r"\n")

T = TypeVar("T")  # what work on a rendered page gives


class PageRenderer:
    """Python-Markdown with the site's extensions, then the allowlist: the build's own check."""

    def __init__(self, settings: MarkdownSettings, allowlist: Allowlist) -> None:
        self.settings, self.allowlist = settings, allowlist
        self._admonitions = "admonition" in {extension_name(entry) for entry in settings.extensions}
        self._markdown: markdown.Markdown | None = None
        self._links = MarkdownLinks()

    def render(self, body: str) -> str:
        if self._markdown is None:  # made on first use: validate runs without Markdown pages too
            self._markdown = markdown.Markdown(extensions=[*self.settings.extensions, self._links],
                                               extension_configs=dict(self.settings.configs or {}))
            self._markdown.preprocessors.register(_RawHtmlReading(self._markdown), "mkdocs_raw_html", 21)
        self._links.start_page()
        return self._markdown.reset().convert(body)

    def check(self, page: PageSource) -> PageCheck:
        """What the build's allowlist would refuse in this page, positioned in its source,
        and the page's links. A page already refused for its size is not rendered; one whose
        metadata is refused is, so that its body's problems are reported in the same run."""
        outcome = self.within_budget(page, lambda rendered: self._checked(page, rendered))
        if isinstance(outcome, PageCheck):
            return outcome
        return PageCheck([] if outcome is None else [outcome])

    def within_budget(self, page: PageSource, work: Callable[[str], T]) -> T | YamlProblem | None:
        """``work`` done on the page's HTML, the rendering and the work both within the page's
        CPU time; None for a page refused for its size (never rendered), and the problem for
        one that nests too deeply or takes too long."""
        if any(problem.rule == SIZE_RULE for problem in page.problems):
            return None
        seconds = render_seconds(page.body)
        try:
            with RenderBudget(OutOfTime, seconds):
                return work(self.render(page.body))
        except RecursionError:
            return YamlProblem(page.body_line, 1, "this page nests Markdown too deeply to render; simplify it",
                               "markdown-depth")
        except OutOfTime:
            self._markdown = None  # interrupted mid-page: its state is not to be reused
            return YamlProblem(page.body_line, 1, too_slow(seconds), SIZE_RULE)

    def _checked(self, page: PageSource, rendered: str) -> PageCheck:
        published, removals = self.allowlist.removals(rendered)
        refusals = positioned(page.body, removals)
        foreign = [YamlProblem(line + page.body_line - 1, column, message, FOREIGN_RULE, hint, "warning")
                   for line, column, message, hint in foreign_syntax(page.body, published,
                                                                     admonitions=self._admonitions)]
        foreign += [YamlProblem(line + page.body_line - 1, column, f"the picture '{source}' has no text for those who "
                                "cannot see it (a screen reader skips it)", PICTURE_TEXT_RULE,
                                f"write what it shows between the brackets: ![What it shows]({source})", "warning")
                    for line, column, source in pictures_without_text(page.body, published)]
        # A refused id is reported once: links to it (its heading's own permalink) are checked
        # against the ids the page wrote, not reported again as leading nowhere.
        ids = frozenset(element_ids(rendered if refusals else published))
        return PageCheck([*(YamlProblem(line + page.body_line - 1, column, message, ALLOWLIST_RULE)
                            for line, column, message in refusals), *foreign],
                         _published_links(self._links.urls, published, ids))
