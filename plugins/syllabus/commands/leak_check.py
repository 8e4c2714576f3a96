"""``syllabus leak-check SITE_DIR``: an independent check that a public build leaks nothing.

The plugin drops draft and internal items before rendering; this looks at the result from
the outside, as the publish workflow's last gate before deploying. Every file under the
site (gzip-compressed ones decompressed) is searched for what identifies each hidden
course, track and plan: its page path, its title and its summary, spelled the ways HTML
and JSON write them; and for the sentences of a hidden course's pages that no public source
has, as text, however they got there (a Markdown extension or a plugin that pastes files); public
text is what public items and the docs pages the public site publishes hold. Compressed
files are recognised by their first bytes, not their name: the site search's index chunks
(``pagefind/``) are gzip without a ``.gz`` suffix, and each member of a zip archive (a
course's download, a .docx or .epub) is searched as a file of its own. What cannot be read
whole (decompressing past MAX_DECOMPRESSED, encrypted, damaged) is a finding too: the gate
fails closed. Exit 1 with every finding, 0 when none.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import html
import io
import json
import lzma
import os
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape as markup_escape

from ..core.catalog import LoadResult
from ..core.config import ConfigError, Options
from ..core.diagnostics import counted, printable
from ..core.html_allowlist import Allowlist, as_text_read
from ..core.model import ITEM_FOLDERS, ITEM_KINDS, Catalog, Course, Plan, Track
from ..core.pages import PageRenderer, split_page
from ..core.rules import GZIP_MAGIC
from . import EXIT_CONTENT, EXIT_OK, load_checked


@dataclass(frozen=True)
class Needle:
    """Something only hidden content contains, and the forms it takes in built files."""

    what: str  # e.g. "title of draft course 'ai-preview'"
    forms: frozenset[bytes]
    whole_word: bool = False  # a short text: found as a word of a text file only (see MARKER_WEIGHT)

    def found_in(self, data: bytes, text: bool) -> bool:
        """Whether ``data`` holds it; ``text``: whether the file is text (UTF-8)."""
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


ZIP_MAGIC = b"PK\x03\x04"  # a zip's first local header: also .docx, .pptx, .xlsx, .odt, .epub
# The most a file's contents may decompress to (a gzip file's members, or a zip's members and
# what they hold, all together), read whole to be searched. A site's own gzip files (the
# sitemap, Pagefind's index chunks) are kilobytes and a course's archives megabytes; the
# search keeps a few copies of what it reads (as bytes, as text, as a browser reads it), so
# this bounds leak-check's memory near 1 GB (a gzip of zeros once took all the machine had). What
# decompresses to more cannot be checked, and is a finding: the gate fails closed.
MAX_DECOMPRESSED = 128 * 1024 * 1024
MB = 1024 * 1024
INFLATE_STEP = MB
NESTED_ARCHIVES = 1  # an archive in an archive is opened (a .tgz in a zip); one deeper is a finding
# Members of one zip archive, each searched as a file: a course's download holds tens, and a
# 100 MB archive of empty files holds a million, each searched for every marker.
MAX_MEMBERS = 10_000
_ZIP_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA})
# A zip member's local header (APPNOTE 4.3.7), which its data follows: read to find where
# that data starts, so a deflated member is also read to its end, whatever size it states.
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
# Archives leak-check cannot open, by their first bytes: what they hold is unknown, so each is
# a finding (.7z is an allowed material suffix; the rest may sit in a file of any name).
_UNOPENED = ((re.compile(rb"7z\xbc\xaf\x27\x1c"), "7z"), (re.compile(rb"Rar!\x1a\x07"), "RAR"),
             (re.compile(rb"\xfd7zXZ\x00"), "xz"), (re.compile(rb"\x28\xb5\x2f\xfd"), "Zstandard"),
             (re.compile(rb"BZh[1-9]1AY&SY"), "bzip2"))


class Unreadable(Exception):
    """Why leak-check cannot read a file whole: a finding, since what it holds is unknown."""


@dataclass
class _Budget:
    """What one site file's contents may still decompress to (see MAX_DECOMPRESSED)."""

    left: int = dataclasses.field(default_factory=lambda: MAX_DECOMPRESSED)

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise Unreadable(f"decompresses to more than {MAX_DECOMPRESSED // MB} MB; leak-check cannot read it whole")


def _gunzip(data: bytes, budget: _Budget) -> bytes:
    """Every gzip member of ``data`` decompressed, within the budget (bytes after the last
    member that start none are searched with the file's own bytes: see :func:`_readings`)."""
    out = bytearray()
    while data[:2] == GZIP_MAGIC:
        inflater, pending = zlib.decompressobj(16 + zlib.MAX_WBITS), data
        while not inflater.eof:  # a step at a time: the budget stops a bomb after one step past it
            try:
                chunk = inflater.decompress(pending, INFLATE_STEP)
            except zlib.error as error:
                raise Unreadable(f"is a damaged gzip file ({error}); leak-check cannot read it") from None
            if not chunk and not inflater.unconsumed_tail:
                raise Unreadable("is a truncated gzip file; leak-check cannot read it whole")
            budget.take(len(chunk))
            out += chunk
            pending = inflater.unconsumed_tail
        data = inflater.unused_data
    return bytes(out)


def _unzip(data: bytes, budget: _Budget) -> Iterator[tuple[str, bytes]]:
    """(name, contents) of each member of the zip archive ``data``, within the budget."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise Unreadable(f"holds more than {MAX_MEMBERS} files; leak-check cannot read them all")
            for member in members:
                if member.is_dir():
                    yield member.filename, b""
                    continue
                if member.flag_bits & 0x1:
                    raise Unreadable(f"holds an encrypted member ({member.filename}); leak-check cannot read it")
                if member.compress_type not in _ZIP_METHODS:
                    raise Unreadable(f"holds a member ({member.filename}) compressed in a way leak-check cannot "
                                     f"read (method {member.compress_type})")
                with archive.open(member) as handle:
                    contents = handle.read(budget.left + 1)  # not as the header says: it may lie
                budget.take(len(contents))
                if member.compress_type == zipfile.ZIP_DEFLATED and _runs_on(data, member, contents, budget):
                    raise Unreadable(f"holds a member ({member.filename}) whose data runs on past the size it "
                                     "states; leak-check cannot tell what it holds")
                yield member.filename, contents
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
            lzma.LZMAError, ValueError) as error:
        raise Unreadable(f"is a damaged zip archive ({error}); leak-check cannot read it") from None


def _runs_on(data: bytes, member: zipfile.ZipInfo, contents: bytes, budget: _Budget) -> bool:
    """Whether a deflated member's stream holds more than was read by its stated size: an
    unzip tool reads the stream to its end (and only warns of the checksum), so text past
    the stated size is published all the same."""
    header = _LOCAL_HEADER.unpack_from(data, member.header_offset)
    start = member.header_offset + _LOCAL_HEADER.size + header[-2] + header[-1]
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    whole = inflater.decompress(memoryview(data)[start:], len(contents) + 1)  # one byte more is enough to tell
    budget.take(max(len(whole) - len(contents), 0))
    return len(whole) > len(contents)


def _unopened(data: bytes) -> str | None:
    """The kind of archive ``data`` is, if leak-check cannot open it."""
    return next((kind for magic, kind in _UNOPENED if magic.match(data)), None)


def _is_zip(data: bytes) -> bool:
    """A zip archive, by its first local header or by its end record (a zip with bytes in
    front of it, such as a self-extracting script, is unzipped all the same)."""
    return data[:4] == ZIP_MAGIC or zipfile.is_zipfile(io.BytesIO(data))


def _readings(name: str, data: bytes, budget: _Budget, depth: int = 0) -> Iterator[tuple[str, bytes]]:
    """(name, contents) of a site file, gzip decompressed, and of each member of a zip archive
    as a file of its own (``site.zip!folder/file.txt``); archives recognised by their first
    bytes, not their name (Pagefind's chunks are gzip without a ``.gz`` suffix)."""
    if kind := _unopened(data):
        raise Unreadable(f"is a {kind} archive, which leak-check cannot open; publish a .zip or .tar.gz instead")
    is_zip = _is_zip(data)
    if (is_zip or data[:2] == GZIP_MAGIC) and depth > NESTED_ARCHIVES:
        raise Unreadable("holds archives inside archives deeper than leak-check reads")
    yield name, data  # an archive's own bytes too: a stored member, a comment, a gzip header's file name
    if data[:2] == GZIP_MAGIC:
        yield from _readings(name, _gunzip(data, budget), budget, depth + 1)
    elif is_zip:
        for member, contents in _unzip(data, budget):
            yield from _readings(f"{name}!{member}", contents, budget, depth + 1)


def scan(site: Path, needles: list[Needle], sentence_needles: dict[str, str]) -> tuple[list[str], int]:
    """(``path: what`` for every needle found in a file's name or contents and every file
    holding sentences of a hidden course's pages, and for every file that cannot be read whole,
    in path order; the files read), each file read once."""
    findings: dict[str, None] = {}  # in order, each once: a gzip file is read as it is and unpacked
    files = 0
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        files += 1
        name = os.fsencode(path.relative_to(site).as_posix())  # a name need not be UTF-8
        relative = name.decode("utf-8", errors="replace")
        try:
            for shown, contents in _readings(relative, path.read_bytes(), _Budget()):
                own_name = name if shown == relative else shown.encode("utf-8", "surrogateescape")
                findings.update(dict.fromkeys(f"{shown}: {finding}" for finding in _found(
                    own_name, contents, needles, sentence_needles)))
        except Unreadable as why:
            findings[f"{relative}: {why}"] = None
        except OSError as error:
            findings[f"{relative}: cannot read file ({error.strerror}); leak-check cannot check it"] = None
    return list(findings), files


def _found(name: bytes, contents: bytes, needles: list[Needle], sentence_needles: dict[str, str]) -> list[str]:
    """What a file (its path and contents) holds of hidden content."""
    text = _is_text(contents)
    named = name + b"/\n"  # the file's own path counts too: courses/<draft>/ in it is the draft's
    readings = (named, contents, _as_read(named), _as_read(contents)) if text else (named, contents)
    found = [needle.what for needle in needles if any(needle.found_in(reading, text) for reading in readings)]
    return found + (_sentences_found(contents, sentence_needles) if sentence_needles else [])


def _as_read(data: bytes) -> bytes:
    """A text file as a browser reads its addresses and text: character references and
    percent-encoding undone, tabs and line breaks dropped (``courses/ai-%61ssist-preview/`` or
    ``courses/ai-assist-&#9;preview/`` in a nav link is that page)."""
    return as_text_read(data.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape").translate(
        None, b"\t\n\r")


def _is_text(contents: bytes) -> bool:
    try:
        contents.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


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


def _sentences_found(contents: bytes, needles: dict[str, str]) -> list[str]:
    """``what (n sentences, such as '...')`` for each hidden course whose sentences a file holds."""
    try:
        text = _json_text(contents.decode("utf-8"))
    except UnicodeDecodeError:
        return []  # a picture, a PDF: no text of ours
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


def run(args: argparse.Namespace, options: Options) -> int:
    site: Path = args.site_dir
    if not site.is_dir():
        raise ConfigError(f"{site}: no such site directory (build it first with mkdocs build)")
    result = load_checked(options)
    if result is None:
        return EXIT_CONTENT
    needles, body = hidden_needles(result.catalog), body_needles(result, options)
    findings, files = scan(site, needles, body)
    for finding in findings:
        # Names in it are the site's and its archives' (a zip member's may hold a line break
        # and "::error ...", or a terminal escape): shown escaped, one finding per line.
        sys.stdout.write(f"{printable(finding)}\n")
    sys.stdout.write(f"{len(findings)} leaks of draft or internal content in {files} files "
                     f"({len(needles)} markers and {len(body)} sentences checked)\n")
    return EXIT_CONTENT if findings else EXIT_OK


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("leak-check", parents=[common],
                                 help="fail if a built site contains any draft or internal content")
    parser.add_argument("site_dir", metavar="SITE_DIR", type=Path, help="the built site, e.g. site/")
    parser.set_defaults(run=run)
