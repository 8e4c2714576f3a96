"""What identifies draft and internal content, and the search for it in a built site (the
engine of ``syllabus leak-check``, whose module says what it promises): markers (page paths,
titles and summaries, spelled as HTML and JSON write them) and sentences of hidden courses'
pages that no public source has, looked for in every file's name and contents as
:mod:`.archives` reads them."""

from __future__ import annotations

import codecs
import dataclasses
import functools
import html
import json
import os
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape as markup_escape

from .archives import Budget, Unreadable, readings
from .catalog import LoadResult
from .config import Options
from .diagnostics import counted
from .html_allowlist import Allowlist, as_text_read
from .model import ITEM_FOLDERS, ITEM_KINDS, Catalog, Course, Plan, Track
from .pages import PageRenderer, split_page
from .published import OUTSIDE, link_target


@dataclass(frozen=True)
class Needle:
    """Something only hidden content contains, and the forms it takes in built files."""

    what: str  # e.g. "title of draft course 'ai-preview'"
    forms: frozenset[bytes]
    whole_word: bool = False  # a short text: found as a word of a text file only (see MARKER_WEIGHT)

    def found_in(self, data: bytes, text: bool) -> bool:
        """Whether ``data`` holds it; ``text``: whether the file is text (see :func:`_text_of`)."""
        if not self.whole_word:
            return any(form in data for form in self.forms)
        return text and self._as_word.search(data) is not None

    @functools.cached_property
    def _as_word(self) -> re.Pattern[bytes]:
        # Not inside a longer word of Latin letters or digits ("Zephyrs"); Japanese has no spaces to wait for.
        alternatives = b"|".join(re.escape(form) for form in sorted(self.forms))
        return re.compile(rb"(?<![A-Za-z0-9])(?:" + alternatives + rb")(?![A-Za-z0-9])")


_HTML_SAFE_JSON = str.maketrans({char: f"\\u{ord(char):04x}" for char in "<>&'"})


def spellings(text: str) -> frozenset[bytes]:
    """The text as written raw, HTML-escaped (as Python and as the site's templates escape:
    ``&#x27;`` and ``&#39;``), and inside JSON strings (escaped or not, and as ``|tojson`` and
    the pages' JSON-LD write them for HTML: ``\u0027``, ``\u0026``)."""
    variants = {text, html.escape(text, quote=False), html.escape(text), str(markup_escape(text))}
    variants |= {json.dumps(v, ensure_ascii=flag)[1:-1] for v in tuple(variants) for flag in (True, False)}
    variants |= {v.translate(_HTML_SAFE_JSON) for v in tuple(variants)}
    return frozenset(v.encode("utf-8") for v in variants if v)


def hidden_ids(catalog: Catalog) -> set[str]:
    """The ids of the draft and internal courses, tracks and plans."""
    return {item.id for _, item in _hidden(catalog)}


def _hidden(catalog: Catalog) -> Iterator[tuple[str, Course | Track | Plan]]:
    for kind in ITEM_KINDS:
        yield from ((kind, item) for item in catalog.items_of(kind).values() if not item.is_public)


# A title or summary shorter than MARKER_WEIGHT (weighed as sentences are) is found by chance
# in a picture's bytes or Material's scripts, so it is looked for as a word of a text file
# only (a codename, "Zephyr"); one shorter than WORD_WEIGHT ("TBD", "x") proves nothing.
MARKER_WEIGHT = 8
WORD_WEIGHT = 4


def hidden_needles(catalog: Catalog) -> list[Needle]:
    """Page paths, titles and summaries of draft and internal items; a title or summary that a
    public item shares, or too short to be the item's own, is skipped, since finding it would
    prove nothing."""
    public = catalog.visible_to("public")
    shared = {text for items in (public.courses, public.tracks, public.plans)
              for item in items.values() for text in (item.title, item.summary)}
    needles = []
    for kind, item in _hidden(catalog):
        label = f"{item.hidden_as} {kind} '{item.id}'"
        needles.append(Needle(f"page path of {label}", frozenset({f"{ITEM_FOLDERS[kind]}/{item.id}/".encode()})))
        needles.extend(Needle(f"{field} of {label}", spellings(text), whole_word=_weight(text) < MARKER_WEIGHT)
                       for field in ("title", "summary")
                       if (text := getattr(item, field)) not in shared and _weight(text) >= WORD_WEIGHT)
    return needles


def scan(site: Path, needles: list[Needle], sentence_needles: dict[str, str], *, site_url: str = "",
         hidden_ids: Collection[str] = ()) -> tuple[list[str], int]:
    """(``path: what`` for every needle found in a file's name or contents and every file
    holding sentences of a hidden course's pages, and for every file that cannot be read whole,
    in path order; the files read), each file read once. The links of the site's pages and
    style sheets that name one of ``hidden_ids`` are followed (from ``site_url``, where the
    site is served, for those written in full)."""
    findings: dict[str, None] = {}  # in order, each once: a gzip file is read as it is and unpacked
    paths = sorted(p for p in site.rglob("*") if p.is_file())
    links = _Links(site_url, frozenset(path.relative_to(site).as_posix() for path in paths),
                   re.compile(b"|".join(re.escape(item_id.lower().encode()) for item_id in sorted(hidden_ids)))
                   if hidden_ids else None)
    for path in paths:
        name = os.fsencode(path.relative_to(site).as_posix())  # a name need not be UTF-8
        relative = name.decode("utf-8", errors="replace")
        try:
            for shown, contents in readings(relative, path.read_bytes(), Budget()):
                own_name = name if shown == relative else shown.encode("utf-8", "surrogateescape")
                page = relative if shown == relative else None  # the links of the site's own files
                findings.update(dict.fromkeys(f"{shown}: {finding}" for finding in _found(
                    own_name, contents, needles, sentence_needles, page, links)))
        except Unreadable as why:
            findings[f"{relative}: {why}"] = None
        except OSError as error:
            findings[f"{relative}: cannot read file ({error.strerror}); leak-check cannot check it"] = None
    return list(findings), len(paths)


@dataclass(frozen=True)
class _Links:
    """What following a site file's links needs: the site's address and files, and the ids of
    the left-out items (a file that names none of them, however encoded, is not followed)."""

    site_url: str
    outputs: frozenset[str]
    ids: re.Pattern[bytes] | None


def _found(name: bytes, contents: bytes, needles: list[Needle], sentence_needles: dict[str, str],
           page: str | None, links: _Links) -> list[str]:
    """What a file (its path, its contents and, for a ``page`` of the site, where its links
    lead) holds of hidden content."""
    named = name + b"/\n"  # the file's own path counts too: courses/<draft>/ in it is the draft's
    text = _text_of(contents)
    if text is None:
        return [needle.what for needle in needles if any(needle.found_in(reading, False)
                                                         for reading in (named, contents))]
    as_utf8 = text.encode("utf-8", "surrogateescape")
    text_as_read = _as_read(as_utf8)
    readings = [named, contents, _as_read(named), text_as_read]
    if as_utf8 != contents:  # legacy or UTF-16 text, searched as the UTF-8 every needle is spelled in
        readings.append(as_utf8)
    if page is not None and links.ids is not None and page.lower().endswith(LINKING_SUFFIXES):
        css = page.lower().endswith(".css")
        source = _css_unescaped(text) if css else text
        source_as_read = _as_read(source.encode("utf-8", "surrogateescape")) if css else text_as_read
        if links.ids.search(source_as_read.lower()):
            readings.append(_reached(source, page, links, css=css))
    found = [needle.what for needle in needles if any(needle.found_in(reading, True) for reading in readings)]
    return found + (_sentences_found(text, sentence_needles) if sentence_needles else [])


def _as_read(data: bytes) -> bytes:
    """A text file as a browser reads its addresses and text: character references and
    percent-encoding undone, tabs and line breaks dropped (``courses/ai-%61ssist-preview/`` or
    ``courses/ai-assist-&#9;preview/`` in a nav link is that page)."""
    return as_text_read(data.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape").translate(
        None, b"\t\n\r")


# Byte order marks, UTF-32's first: UTF-32 LE's begins with UTF-16 LE's.
_BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
LEGACY_TEXT = "cp1252"  # what a Western editor saved before UTF-8 (a superset of Latin-1's letters)


def _text_of(contents: bytes) -> str | None:
    """A file's text as an editor opens it: UTF-16 or UTF-32 by its byte order mark (Notepad's
    "Unicode"), UTF-8, else Windows-1252 where no byte is NUL; None for the rest (pictures,
    archives and PDFs hold NUL bytes, text does not)."""
    for mark, codec in _BYTE_ORDER_MARKS:
        if contents.startswith(mark):  # a flaw in it (an odd byte, a lone surrogate) is replaced, as editors do
            return contents.decode(codec, errors="replace")
    try:
        return contents.decode("utf-8")
    except UnicodeDecodeError:
        return None if b"\0" in contents else contents.decode(LEGACY_TEXT, errors="replace")


# The files whose addresses a browser follows: pages, pictures and style sheets.
LINKING_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".css")
# Where a page gives an address, in any quoting (the published HTML's own; code shown on a
# page has its quotes escaped): an attribute a browser follows or loads, a refresh's url=,
# a style's url(); a srcset's candidates are split apart.
_HTML_ADDRESS = re.compile(r"""(?<![\w:-])(?:href|src|action|formaction|poster|cite|data|xlink:href)\s*=\s*"""
                           r"""("[^"]*"|'[^']*'|[^\s"'>]+)|[;,]\s*url\s*=\s*["']?([^"'>\s;]+)"""
                           r"""|\burl\(\s*["']?([^"')\s]+)""", re.IGNORECASE)
_SRCSET = re.compile(r"""(?<![\w:-])(?:image)?srcset\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""", re.IGNORECASE)
_SRCSET_CANDIDATE = re.compile(r"[^\s,]+")  # each candidate's address, and its width or density
# In a style sheet every string may be an address (@import "x", image-set("x" 1x)), and url().
_CSS_ADDRESS = re.compile(r"""url\(\s*([^"')\s]+)|"([^"]*)"|'([^']*)'""", re.IGNORECASE)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n]?|\\(.)", re.DOTALL)


def _css_unescaped(text: str) -> str:
    """A style sheet with its escapes undone (``\\61 i-assist`` is ``ai-assist``), as a browser reads it."""
    def character(match: re.Match[str]) -> str:
        if match.group(2) is not None:
            return match.group(2)
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return _CSS_ESCAPE.sub(character, text)


def _reached(text: str, page: str, links: _Links, *, css: bool) -> bytes:
    """The item folders (``courses/secret/``) that the addresses of the site's file ``page``
    lead into, one per line in lower case, as a page path is looked for: a page published
    beside the courses reaches a draft by its id alone (``secret/`` on courses/index.html).
    A page is also read with its character references undone, for a page inside an
    attribute (``srcdoc``). Only an address naming a left-out item's id is resolved, each
    once, and only its first two segments are kept: a page of millions of addresses is
    read in one pass, never held as a list of them."""
    assert links.ids is not None
    folders, resolved = set(), set()
    for address in _addresses(text, css=css):
        if address in resolved or not links.ids.search(_as_read(address.encode("utf-8", "surrogateescape")).lower()):
            continue
        resolved.add(address)
        if (target := link_target(address, page, links.site_url, links.outputs)) and target != OUTSIDE:
            folders.add("/".join(target.lower().split("/", 2)[:2]))
    return "".join(f"{folder}/\n" for folder in sorted(folders)).encode("utf-8", "surrogateescape")


def _addresses(text: str, *, css: bool) -> Iterator[str]:
    """Every address a page or a style sheet (``css``) gives, as written, one at a time."""
    if css:
        yield from ("".join(found.groups(default="")) for found in _CSS_ADDRESS.finditer(text))
        return
    for shown in (text, html.unescape(text)):
        for found in _HTML_ADDRESS.finditer(shown):
            yield html.unescape("".join(found.groups(default="")).strip("\"'"))
        for found in _SRCSET.finditer(shown):
            for candidate in _SRCSET_CANDIDATE.finditer(html.unescape(found.group(1).strip("\"'"))):
                yield candidate.group()


# A sentence this long is one page's own; shorter ones ("See the next unit.") prove nothing.
# Chinese and Japanese characters count twice: a sentence says as much in half as many.
SENTENCE_WEIGHT = 40
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[\u3002\uff01\uff1f])\s*|\n")
# Elements inside a sentence, dropped; every other tag ends one (a heading, a list item).
_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|code|del|em|i|ins|kbd|mark|q|s|small|span|strong|sub|sup)\b[^>]*>",
                         re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


def sentences(html_text: str) -> set[str]:
    """The sentences of HTML (or of plain text) long enough to be one page's own, with their
    spaces collapsed: a line break inside a paragraph is a space, a tag between blocks ends
    a sentence."""
    text = html.unescape(_TAG.sub("\n", _SPACES.sub(" ", _INLINE_TAG.sub("", html_text))))
    return {sentence for part in _SENTENCE_END.split(text)
            if _weight(sentence := part.strip()) >= SENTENCE_WEIGHT}


def _weight(sentence: str) -> int:
    return len(sentence) + sum(1 for character in sentence if character >= "\u2e80")


def body_needles(result: LoadResult, options: Options) -> dict[str, str]:
    """What each sentence of a draft or internal course's pages says about it ("text of draft
    course 'x'"), by sentence; one that public content also has is left out."""
    catalog, renderer = result.catalog, PageRenderer(options.markdown, Allowlist(options.video_hosts))
    hidden = {course.folder: f"text of {course.hidden_as} course '{course.id}'"
              for course in catalog.courses.values() if not course.is_public}
    if not hidden:
        return {}
    needles: dict[str, str] = {}
    public: set[str] = set()
    for path, text in sorted(result.markdown.items()):
        label = hidden.get("/".join(path.split("/")[:2]))
        found = _page_sentences(renderer, text)
        if label is None:
            public |= found
        else:
            needles.update(dict.fromkeys(found - needles.keys(), label))
    for text in result.docs_markdown.values():  # as the build publishes them: no dot folder, draft or authoring page
        public |= _page_sentences(renderer, text)
    shown = catalog.visible_to("public")
    for item in (*shown.courses.values(), *shown.tracks.values(), *shown.plans.values()):
        public |= {sentence for value in _texts(item) for sentence in sentences(value)}
    return {sentence: label for sentence, label in needles.items() if sentence not in public}


def _page_sentences(renderer: PageRenderer, text: str) -> set[str]:
    """The sentences of a page as published, rendered within the build's limits of size and
    time; of its Markdown as written where they refuse it (a draft's page, which no public
    build renders, had no time limit)."""
    page = split_page(text)
    found = renderer.within_budget(page, sentences)
    if isinstance(found, set):
        return found
    return sentences("".join(f"<p>{html.escape(block)}</p>" for block in _BLANK_LINE.split(page.body)))


_BLANK_LINE = re.compile(r"\n[ \t]*\n")  # between blocks of Markdown


def _texts(value: object) -> Iterator[str]:
    """Every text a model object holds (its fields', its lists' and mappings')."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)


def _sentences_found(text: str, needles: dict[str, str]) -> list[str]:
    """``what (n sentences, such as '...')`` for each hidden course whose sentences a file's text holds."""
    text = _json_text(text)
    by_label: dict[str, list[str]] = {}
    for sentence in sorted(sentences(text) & needles.keys()):
        by_label.setdefault(needles[sentence], []).append(sentence)
    return [f"{label} ({counted(len(found), 'sentence')}, such as '{found[0][:80]}')"
            for label, found in sorted(by_label.items())]


JSON_SIGNATURE = 16  # how far into a file its JSON may start (Pagefind's records follow "pagefind_dcd")


def _json_text(text: str) -> str:
    """The strings of a JSON file (the search index's records), one per line; else the text."""
    start = min((at for at in (text.find("{"), text.find("[")) if at >= 0), default=-1)
    if not 0 <= start < JSON_SIGNATURE:
        return text
    try:
        return "\n".join(_texts(json.loads(text[start:])))
    except ValueError:
        return text
