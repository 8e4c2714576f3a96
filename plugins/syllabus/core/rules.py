"""Rules a JSON Schema cannot express: real dates and zones, files on disk, references
between files, prerequisite order and cycles, symmetric translations, and leaks of draft
or internal content into public pages. Each rule reports at the YAML node it is about.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import stat
import zlib
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from .config import Options, is_id
from .diagnostics import counted, printable
from .html_allowlist import C0_AND_SPACE, SCHEME, as_browsers_read
from .locale_format import unknown_language
from .model import (
    YEARS,
    Catalog,
    Course,
    Plan,
    Session,
    Track,
    TrackItem,
    TrackSection,
    Unit,
    day_begins,
    last_meeting_end,
    local_instant,
    review_overdue_on,
    shown_to_customers,
)
from .pages import MARKDOWN_SUFFIXES
from .report import Report
from .schema_messages import closest, did_you_mean, dotted, quoted, suggested
from .yamlsafe import HARD_LINK_MESSAGE, Path_
from .zones import session_zones, time_zone, zone_advice, zone_problem

PLACEHOLDER = "Replace me:"
"""Starts every piece of text ``syllabus new`` writes for the author to replace; the
validator looks for it, so a scaffold's filler cannot be published."""
# The hint depends on whether the file is published: a draft may keep its filler for now.
_PLACEHOLDER_HINTS = {
    "error": "write the real text, or keep it unpublished with status: draft",
    "warning": "fine while unpublished; write the real text before it goes public (then it is an error)",
}


def finished_and_shown(data: Any, audience: str) -> bool:
    """Whether raw file data is published as finished on the site of ``audience``: not a
    draft (drafts are work in progress, shown by the internal site and its preview), and
    public unless the site is the internal one (as the model's ``visible_to`` says)."""
    return (isinstance(data, Mapping) and data.get("status", "active") != "draft"
            and (audience == "internal" or data.get("visibility") == "public"))


def check_placeholders(data: Any, source: str, audience: str, report: Report) -> None:
    """Every scaffold placeholder left in a file's values: an error once it is published as
    finished (:func:`finished_and_shown`), a warning while it is a draft or not shown."""
    severity = "error" if finished_and_shown(data, audience) else "warning"
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if PLACEHOLDER in value:
                report.on(source, path, f"{dotted(path)}: still holds placeholder text from `syllabus new`",
                          "placeholder", severity=severity, hint=_PLACEHOLDER_HINTS[severity])
        elif isinstance(value, Mapping):
            stack.extend(((*path, key), child) for key, child in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, index), child) for index, child in enumerate(value))


def check_placeholder_markdown(text: str, source: str, published: bool, report: Report) -> None:
    """Scaffold placeholders left in a course's Markdown pages, each at its line."""
    if PLACEHOLDER not in text:
        return
    severity = "error" if published else "warning"
    for number, line in enumerate(text.splitlines(), start=1):
        if (column := line.find(PLACEHOLDER)) >= 0:
            report.at(source, number, column + 1, "this page still holds placeholder text from `syllabus new`",
                      "placeholder", severity, _PLACEHOLDER_HINTS[severity])


COURSE_FILE = "course.yml"  # in each course's folder
COURSE_PAGE = "index.md"  # a course's page, in its folder: generated, with index.md's body if there is one
# File and folder names that are published: they become URLs, so nothing a URL or a shell
# would read specially (no spaces, quotes, ":", "#", "?", "%", backslashes, leading dots).
SAFE_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")
# Materials a browser would run as a document from the site's own origin.
BROWSER_DOCUMENT_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".svg", ".svgz", ".xml", ".xsl",
                                       ".xslt", ".mht", ".mhtml", ".shtml"})
# Suffixes a host may read as the file's compression, typing it by the suffix before (as
# Python's mimetypes does: notes.html.gz is text/html, gzip-compressed).
COMPRESSION_SUFFIXES = frozenset({".gz", ".z", ".bz2", ".xz", ".br", ".zst"})
# Those of materials a host may send as gzip content-encoding (Apache's "AddEncoding x-gzip
# .gz .tgz"), which browsers unpack before they sniff the type: lab.tf.gz holding
# "<script>" ran as a page served so. The rest are no material suffix (MATERIAL_SUFFIXES).
GZIP_ENCODED_SUFFIXES = frozenset({".gz", ".tgz"})
GZIP_MAGIC = b"\x1f\x8b"
# Meetings of one course (sessions x program_weeks). Each is an event in the session's own
# calendar, the site's and each of its roles': 2,000 sessions of a 520-week program in one
# small course.yml wrote a million events. A year of weekly cohorts of a 12-week program is 624.
MAX_MEETINGS = 1_000
# Events in all the calendar files a site publishes: each meeting is one in its session's file,
# in sessions.ics and in the calendar of each role of its course (200 courses at the limit
# above, or 20,000 meetings for 50 roles, wrote calendars of hundreds of megabytes). A catalog
# of 2,000 courses with five sessions each for two roles is 40,000.
MAX_CALENDAR_EVENTS = 200_000
# Items of one plan (all its phases'). Each is a row of the plan page, with its dates and live
# session choices worked out in the visitor's browser on every keystroke: 4,000 items made a
# page that froze the browser on each one. A year's plan with a few items a week is
# ~150.
MAX_PLAN_ITEMS = 300
# Pictures a course's Markdown may show, published beside its pages. Not SVG: opened on its
# own, an SVG file runs its scripts with the site's origin.
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})
# All that docs/ publishes besides its pages: pictures and downloads, by an allowlist. A file
# in docs/ wins over the theme's own at the same path, so a script or stylesheet there
# (assets/javascripts/bundle.<hash>.min.js) would run on every page; fonts, data and
# documents the theme or a browser loads are no safer. CNAME is GitHub Pages' domain file.
DOCS_FILE_SUFFIXES = frozenset({*IMAGE_SUFFIXES, ".ico", ".pdf", ".txt", ".csv", ".zip", ".doc", ".docx", ".ppt",
                                ".pptx", ".xls", ".xlsx", ".odt", ".odp", ".ods", ".key", ".mp3", ".mp4", ".webm"})
DOCS_FILE_NAMES = frozenset({"CNAME"})
# What a course publishes as materials, by an allowlist too: documents, media, archives, and
# the data and code files of labs, each served as a download or as text (a type no browser
# runs as a page: .xhtm, .rdf or .xml with a stylesheet would run script on the site's origin).
MATERIAL_SUFFIXES = frozenset({*DOCS_FILE_SUFFIXES, ".rtf", ".epub", ".gz", ".tgz", ".tar", ".7z", ".ics", ".vtt",
                               ".srt", ".json", ".yaml", ".yml", ".toml", ".ini", ".conf", ".env", ".sh", ".ps1",
                               ".py", ".ipynb", ".sql", ".tf", ".hcl", ".go", ".java", ".rb", ".log", ".diff",
                               ".patch"})
SITE_ASSET_SUFFIXES = frozenset({".css", ".js", ".mjs"})  # what extra_css and extra_javascript may load
SNIFFED_BYTES = 1445  # the most of a file browsers read to sniff its type (the standard's resource header)


def runs_in_browsers(name: str) -> bool:
    """Whether a file called ``name`` is, or may be served as, a document browsers run: by its
    last suffix, or the one before its compression's; or by any suffix before a last one
    some servers do not type (Apache types ``notes.html.yaml`` by ``.html``, knowing no
    ``.yaml``), unless the last is one every server types (Intro.to.XML.pdf is a PDF)."""
    suffixes = _typed_by(name)
    if not suffixes or suffixes[-1] in BROWSER_DOCUMENT_SUFFIXES:
        return bool(suffixes)
    return suffixes[-1] not in DOCS_FILE_SUFFIXES and not BROWSER_DOCUMENT_SUFFIXES.isdisjoint(suffixes)


def _typed_by(name: str) -> list[str]:
    """The suffixes a server types a file called ``name`` by, in lower case: all of them but
    a compression's at the end, which it reads as the encoding of the type before."""
    suffixes = [suffix.lower() for suffix in PurePosixPath(name).suffixes]
    while suffixes and suffixes[-1] in COMPRESSION_SUFFIXES:
        suffixes.pop()
    return suffixes


def reads_as_markup(path: Path) -> bool:
    """Whether the file at ``path``, which a server may send with no type, begins as a web page
    or XML does: "<" first, after a byte-order mark (UTF-8, -16 or -32, read as that encoding)
    and control characters or spaces. A server that sends no type for it (Apache, for a suffix
    it does not know; for ``notes.xhtm.yaml``, the XML type of ``.xhtm``) leaves browsers to
    read its first bytes (MIME Sniffing Standard 7.1), and they run such a file as HTML or XML
    on the site's origin. A file whose last suffix every server types (DOCS_FILE_SUFFIXES, a
    ``.txt`` cheat sheet starting "<Ctrl>+K") is never read so."""
    if (suffixes := _typed_by(path.name)) and suffixes[-1] in DOCS_FILE_SUFFIXES:
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFFED_BYTES)
            if path.suffix.lower() in GZIP_ENCODED_SUFFIXES and head.startswith(GZIP_MAGIC):
                handle.seek(0)
                head = _unpacked_head(handle)  # sent as gzip content-encoding: sniffed as unpacked
    except OSError:
        return False  # unreadable: said where it is read
    for mark, encoding in _BYTE_ORDER_MARKS:
        if head.startswith(mark):
            head = head[len(mark):].decode(encoding, "ignore").encode("utf-8")
            break
    return head.lstrip(_C0_AND_SPACE).startswith(b"<")


def _unpacked_head(handle: BinaryIO) -> bytes:
    """The first SNIFFED_BYTES a browser unpacks of a gzip file, member after member: what
    decodes before damage counts too (a truncated file, or junk after the first member,
    still ran its script), as a browser renders what it decoded."""
    head, pending, inflater = b"", b"", zlib.decompressobj(16 + zlib.MAX_WBITS)
    while len(head) < SNIFFED_BYTES:
        pending = pending or handle.read(READ_STEP)
        if not pending:
            break
        try:
            head += inflater.decompress(pending, SNIFFED_BYTES - len(head))
        except zlib.error:
            break
        pending = inflater.unconsumed_tail
        if inflater.eof:  # the next member, if what follows starts one
            pending = inflater.unused_data + pending
            if not pending.startswith(GZIP_MAGIC) and len(pending) >= len(GZIP_MAGIC):
                break
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    return head


READ_STEP = 4096  # of a compressed file, while its head is unpacked
_C0_AND_SPACE = C0_AND_SPACE.encode()  # what browsers skip before a file's first '<'
_BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),  # before UTF-16's
                     (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def stylesheet_fetches_elsewhere(path: Path) -> str | None:
    """The first address in the stylesheet at ``path`` that a browser could fetch from
    another host, as CSS reads it: decoded as browsers decode a stylesheet (its byte-order
    mark, then @charset), tokenized by tinycss2 (CSS Syntax 3: escapes resolved, comments left
    out). Every url() and every string counts, wherever it is written: a custom property
    (``--a: "https://..."``) reaches image-set() through var(), so no list of the places
    that fetch would do. Every page loads the site's stylesheets, so every visitor would ask."""
    import tinycss2  # imported only for a site whose mkdocs.yml loads a stylesheet of its own

    try:
        rules, _ = tinycss2.parse_stylesheet_bytes(path.read_bytes(), skip_comments=True)
    except OSError:
        return None  # unreadable: said where it is read
    return next((address for address in _addresses(rules) if _elsewhere(address)), None)


def _addresses(nodes: Iterable[Any]) -> Iterator[str]:
    """Every url() and string of ``nodes`` (rules, declarations and tokens), blocks included."""
    for node in nodes:
        if node.type in ("url", "string"):
            yield node.value
        for part in ("prelude", "content", "arguments", "value"):
            if isinstance(children := getattr(node, part, None), list):
                yield from _addresses(children)


def _elsewhere(address: str) -> bool:
    """Whether a browser could fetch ``address`` from another host: it starts with "//" or
    with a scheme browsers fetch from (http: and the like; "Note: ..." in a content string
    and data:, which holds its bytes itself, are none), read as browsers read it (C0 controls
    and spaces trimmed, tabs and line breaks dropped, backslashes as slashes)."""
    read = as_browsers_read(address)
    scheme = SCHEME.match(read)
    return read.startswith("//") or (scheme is not None and scheme.group(1).lower() in _FETCHED_SCHEMES)


_FETCHED_SCHEMES = frozenset({"http", "https", "ftp", "ws", "wss", "file"})


MARKUP_MESSAGE = ("begins with '<' as a web page does, which a browser runs as one (with its script, from this "
                  "site) where the server does not know the file's type; put it in a .zip, or save it as PDF")


def material_problem(name: str) -> str | None:
    """Why the course folder's file ``name`` may not be published as a material, if so."""
    suffix = PurePosixPath(name).suffix.lower()
    if PurePosixPath(name) == PurePosixPath(COURSE_FILE):
        return f"'{name}' is the course's definition (with its owners and notes), not a material"
    if suffix in MARKDOWN_SUFFIXES:
        return (f"'{name}' is Markdown, which the site builds as a page, not a download; list it under units, or "
                "publish it as PDF")
    if runs_in_browsers(name):
        return (f"'{name}' is a document browsers run (it could carry script served from this site); publish it as "
                "PDF or PNG, or put its content in a unit page")
    if suffix not in MATERIAL_SUFFIXES:
        return (f"'{name}' is not a kind of file the site publishes as a material (documents, media, archives, data "
                f"and code: {', '.join(sorted(MATERIAL_SUFFIXES))}); put it in a .zip, or save it as one of them")
    return None


def confined_file(folder: Path, name: str) -> bool:
    """True if ``name`` is a safely named regular file inside ``folder``, reached without any
    symlink and not hard-linked to another file."""
    return file_problem(folder, name) is None


MISSING_FILE_HINT = "correct the file name, or add the file to the course folder"


def file_problem(folder: Path, name: str) -> str | None:
    """Why ``name`` in ``folder`` is never published (see :func:`confined_file`), if so."""
    return _file_problem(folder, name, list_siblings=False)


def _file_problem(folder: Path, name: str, *, list_siblings: bool = True,
                  listed: Collection[str] = ()) -> str | None:
    relative = PurePosixPath(name)
    if relative.is_absolute() or "\\" in name or not relative.parts:
        return f"'{name}' must be a path relative to the course folder"
    if name.endswith(("/", "/.")):  # the path reads as the file, which would then go unread as a page
        return f"'{name}' ends as a folder does; write the file's own name ('{relative}')"
    if ".." in relative.parts:
        return f"'{name}' leaves the course folder; materials and units must stay inside it"
    if not all(SAFE_NAME.fullmatch(part) for part in relative.parts):
        return (f"'{name}' is not a safe file name: use ASCII letters and digits, '-', '_' and '.' only, "
                "not starting with '.'; rename the file")
    if problem := windows_name_problem(relative.as_posix(), "rename the file"):
        return problem
    path, status = folder, None
    for part in relative.parts:
        path = path / part
        status = own_status(path)
        if status is not None and stat.S_ISLNK(status.st_mode):
            return f"'{name}' goes through a symlink; symlinks are never published"
    if status is not None and not stat.S_ISREG(status.st_mode):
        what = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file (a pipe or a device)"
        return f"'{name}' is {what}; name a file"
    if status is None:
        # A unit, or a material: suggest a file of its kind that no other entry lists (a renamed
        # file is one of those, however unlike its old name), naming the only one if none is alike.
        page = relative.suffix.lower() in MARKDOWN_SUFFIXES
        siblings = sorted(p.name for p in folder.iterdir() if p.name not in (COURSE_FILE, COURSE_PAGE, *listed)
                          and not p.name.startswith(".")  # .DS_Store and the like: never a unit or material
                          and (p.suffix.lower() in MARKDOWN_SUFFIXES) == page and p.is_file()) \
            if folder.is_dir() and list_siblings else []
        if (alike := closest(name, siblings)) is not None:
            return f"'{name}' not found in the course folder{suggested(alike)}"
        meant = likely_meant(name, siblings)  # then the only one
        return f"'{name}' not found in the course folder" + (
            f" (is it '{meant}', which no entry lists?)" if meant else "")
    if status.st_nlink > 1:
        return f"'{name}' {HARD_LINK_MESSAGE}"
    if not os.access(path, os.R_OK):  # the build would stop halfway, copying it
        return f"'{name}' cannot be read (Permission denied); make it readable"
    if relative.suffix.lower() not in MARKDOWN_SUFFIXES and is_lfs_pointer(path, status):  # pages are read anyway
        return f"'{name}' {LFS_POINTER_MESSAGE}"
    return None


# What Git LFS leaves in a checkout that did not fetch its files: a small text file that
# names the real one. Published, it is a "PDF" or "PNG" no one can open.
_LFS_POINTER = re.compile(rb"version https://git-lfs\.github\.com/spec/v1\noid sha256:[0-9a-f]{64}\nsize [0-9]+\n")
LFS_POINTER_MESSAGE = ("is a Git LFS pointer, not the file: this checkout did not fetch Git LFS files (run git lfs "
                       "pull; in GitHub Actions, actions/checkout with lfs: true)")


def is_lfs_pointer(path: Path, status: os.stat_result) -> bool:
    """Whether the regular file ``path`` (of ``status``) is a Git LFS pointer (under 1 KB:
    only those are read)."""
    if status.st_size > 1024:
        return False
    try:
        with path.open("rb") as handle:
            return _LFS_POINTER.match(handle.read(1024)) is not None
    except OSError:
        return False


def own_mode(path: Path | str) -> int:
    """The file type bits of ``path`` itself (0 if there is nothing to look up): one syscall,
    symlinks not followed."""
    status = own_status(path)
    return status.st_mode if status is not None else 0


def own_status(path: Path | str) -> os.stat_result | None:
    """``path``'s own status (a symlink is not followed), or None if there is nothing there
    or the name cannot be looked up (longer than the file system allows, a NUL byte)."""
    try:
        return os.lstat(path)
    except (OSError, ValueError):
        return None


def _text(data: Any, key: str) -> str | None:
    value = data.get(key) if isinstance(data, Mapping) else None
    return value if isinstance(value, str) else None


def _entries(data: Any, key: str) -> list[tuple[int, Mapping[str, Any]]]:
    """The mapping entries of a list field, skipping anything the schema already reported."""
    value = data.get(key) if isinstance(data, Mapping) else None
    return [(i, v) for i, v in enumerate(value) if isinstance(v, Mapping)] if isinstance(value, list) else []


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# Names Windows keeps for devices, with any extension and spaces before it (nul.txt and
# "aux .txt" are NUL and AUX; COM¹ counts too), and what no Windows name may hold or end with:
# a repository holding courses/con/, tracks/nul.yml or docs/a?.md cannot be checked out there.
_WINDOWS_DEVICE = re.compile(r"(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$) *(?:\..*)?",
                             re.IGNORECASE)
_WINDOWS_UNNAMEABLE = re.compile(r'[<>:"\\|?*\x00-\x1f]|[. ]$')


def windows_name_problem(name: str, fix: str = "choose another id") -> str | None:
    """Why ``name`` (an id, or a path whose every folder and file counts) cannot be a folder
    or file on Windows, if so."""
    for part in name.split("/"):
        where = "" if part == name else f" (in '{printable(name)}')"
        if _WINDOWS_DEVICE.fullmatch(part):
            return (f"'{printable(part)}'{where} is a device name on Windows (CON, PRN, AUX, NUL, COM0-9, LPT0-9, "
                    f"CONIN$, CONOUT$, with any extension), where no folder or file may be called so and the "
                    f"repository could not be checked out; {fix}")
        if _WINDOWS_UNNAMEABLE.search(part):
            return (f"'{printable(part)}'{where} cannot be a file or folder name on Windows (no < > : \" \\ | ? * "
                    f"or control characters, no space or dot at the end) and the repository could not be checked "
                    f"out there; {fix}")
    return None


def check_file(kind: str, data: Any, name: str, source: str, options: Options, report: Report) -> bool:
    """Per-file rules. They also run on data that failed its schema (guarding every type),
    so one run reports everything; False if the model cannot be built from the data."""
    ok = True
    check_placeholders(data, source, options.audience, report)
    if _text(data, "id") not in (None, name):
        where = "folder" if kind == "course" else "file name"
        report.on(source, ("id",), f"id: '{data['id']}' must equal the {where} '{name}'", "id-matches-name")
        ok = False
    elif problem := windows_name_problem(name):
        report.on(source, ("id",), f"id: {problem}", "id-reserved")
        ok = False
    _check_language(("language",), _text(data, "language"), source, report)
    if kind == "course":
        ok = _check_course_data(data, source, options, report) and ok
    elif kind == "plan":
        _check_plan_data(data, source, report)
    return ok


_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")  # any other shape is the schema's to report
# A session start as people write it: the date and time with or without leading zeros, a
# space for the "T", seconds, and a UTC offset the session's timezone must give instead.
_LOOSE_START = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*"
                          r"(Z|[+-]\d{2}(?::?\d{2})?)?", re.IGNORECASE)
_TIME_ONLY = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
START_FORMAT = "YYYY-MM-DDTHH:MM"


def _real_date(value: str | None, report: Report, source: str, path: tuple[Any, ...]) -> dt.date | None:
    if value is None:
        return None
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        if _DATE_SHAPE.fullmatch(value):  # 2026-02-30, or 2026-13-01 in place of the schema's "not a valid date"
            report.restate(source, path, f"{dotted(path)}: '{value}' is not a real date (YYYY-MM-DD)", "date")
        return None
    if not YEARS[0] <= date.year <= YEARS[1]:
        report.on(source, path, f"{dotted(path)}: '{value}' is outside the years {YEARS[0]}-{YEARS[1]}", "date")
        return None
    return date


def session_start(text: str) -> tuple[dt.datetime | None, str]:
    """A session's local start from its text, or None and what is wrong with it ("'9:30'
    has no date; ...")."""
    loose = _LOOSE_START.fullmatch(text.strip())
    if loose is None and _TIME_ONLY.fullmatch(text.strip()):
        return None, f"{quoted(text)} is a time without its date; write {START_FORMAT} (e.g. '2026-12-03T09:30')"
    if loose is None:
        return None, f"{quoted(text)} is not a date and time; write {START_FORMAT} (e.g. '2026-12-03T16:00')"
    year, month, day, hour, minute, second, offset = loose.groups()
    if hour is None:
        return None, f"{quoted(text)} has no time; write {START_FORMAT} (e.g. '{text.strip()}T09:00')"
    try:
        start = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return None, f"{quoted(text)} is not a real date and time ({START_FORMAT})"
    written = f"{start:%Y-%m-%dT%H:%M}" + (f":{start:%S}" if second else "")
    if offset:
        return None, (f"{quoted(text)} has a UTC offset ({offset}); write the local time alone ('{written}'): "
                      "the session's timezone says where it is")
    if not YEARS[0] <= start.year <= YEARS[1]:
        return None, f"{quoted(text)} is outside the years {YEARS[0]}-{YEARS[1]}"
    if written != text:
        return None, f"write {quoted(text)} as '{written}' ({START_FORMAT}, two digits each)"
    return start, ""


def _over(session: Session, weeks: int, course_minutes: int, today: dt.date) -> bool:
    """Whether the pages no longer offer ``session``, as the model decides (its last meeting
    ended before ``today`` began); values the schema refuses decide nothing."""
    try:
        return last_meeting_end(session, weeks, course_minutes) < day_begins(today)
    except (OverflowError, ValueError):  # years beyond datetime's, from a program_weeks the schema refuses
        return False


def _check_clock_changes(start: dt.datetime, zone: str, weeks: int, path: tuple[str | int, ...], source: str,
                         report: Report) -> None:
    """A warning at the first meeting of a session (each week of a program meets at the same
    local time) whose time the clocks skip or repeat that day: it is held at another hour than
    written (see :func:`.model.local_instant`), or may be read as either of two."""
    for week in range(weeks):
        local = start + dt.timedelta(weeks=week)
        aware = local.replace(tzinfo=time_zone(zone))
        held_at = local_instant(local, zone)
        meeting = f"{dotted(path)}: {local:%Y-%m-%dT%H:%M}" + (f" (week {week + 1})" if week else "")
        if held_at.replace(tzinfo=None) != local:
            report.on(source, path, f"{meeting} does not exist in {zone} (clocks change that day)", "datetime",
                      severity="warning", hint=f"the clocks skip that time: it is held at {held_at:%H:%M}; "
                                               "write another time")
            return
        if aware.utcoffset() != aware.replace(fold=1).utcoffset():
            report.on(source, path, f"{meeting} happens twice in {zone} (clocks go back that day); it is read as "
                      "the first, so pick another time that no one can read otherwise", "datetime",
                      severity="warning")
            return


SESSION_YEARS_AHEAD = 2  # a session later than this many years from today is most likely a typo'd year
MINUTES_IN_A_DAY = 24 * 60  # a session that sits longer is most likely a course's effort taken as its length


def _check_schedule(data: Any, held: list[tuple[int, dt.datetime, str, Mapping[str, Any]]], source: str,
                    options: Options, report: Report) -> None:
    """Warnings on what a trainer most likely did not mean: a session listed twice (the same in
    every field: two rooms or languages at one time are two sessions), one years ahead (2207),
    one sitting for over a day (a 40-hour course's effort, taken as its sessions' length),
    and a live course whose sessions have all been held, with no on-demand alternative, whose
    page would offer nothing to register for. Past sessions stay allowed: they are history."""
    first: dict[str, int] = {}  # each session's fields, written out, to the first index holding them
    for index, start, _, session in held:
        fields = repr(sorted(session.items(), key=lambda field: str(field[0])))
        if (same := first.setdefault(fields, index)) != index:
            report.on(source, ("sessions", index, "start"), f"sessions[{index}]: the same session as "
                      f"sessions[{same}], field for field; remove one", "session-duplicate", severity="warning")
        if start.year > options.today.year + SESSION_YEARS_AHEAD:
            report.on(source, ("sessions", index, "start"), f"sessions[{index}].start: {start:%Y-%m-%d} is more "
                      f"than {SESSION_YEARS_AHEAD} years ahead; check the year", "session-date", severity="warning")
    course_minutes = _whole(data.get("duration_minutes")) or 0
    if course_minutes > MINUTES_IN_A_DAY and (long := next(
            (index for index, _, _, session in held if not _whole(session.get("duration_minutes"))), None)) is not None:
        report.on(source, ("sessions", long), f"sessions[{long}] meets for the course's duration_minutes, "
                  f"{course_minutes} minutes: one sitting of more than a day, as its page and calendar show it",
                  "session-length", severity="warning",
                  hint="give each session its own duration_minutes, the length of one sitting")
    format_id = _text(data, "format")
    if not held or not format_id or not options.taxonomy.is_live(format_id) or data.get("on_demand"):
        return
    # Why each session offers no registration, if it offers none: every one must say so.
    weeks = _whole(data.get("program_weeks")) or 1
    closed = {"is cancelled" if session.get("status") == "cancelled" else "has been held"
              if _over(Session(start, zone, _whole(session.get("duration_minutes"))), weeks, course_minutes,
                       options.today)
              else "is full" if session.get("status") == "full" else None
              for _, start, zone, session in held}
    if None not in closed:
        report.on(source, ("sessions",), f"sessions: every session {' or '.join(sorted(closed))}, so the course "
                  "page offers no date to register for; add the next ones, or an on_demand alternative",
                  "session-date", severity="warning")


def likely_meant(name: str, unlisted: Sequence[str]) -> str | None:
    """The file no entry lists that an entry naming the missing ``name`` most likely means:
    the one spelt most alike, else the only one (a renamed file, however unlike its old name)."""
    return closest(name, unlisted) or (unlisted[0] if len(unlisted) == 1 else None)


def _check_course_folder(data: Any, folder: Path, source: str, report: Report, *, refused: Iterable[str]) -> None:
    """What beside course.yml no unit or material lists, and is still wrong. A file or folder
    anywhere in the course folder that Windows cannot name (nul.txt, img/aux.png, notes?.md)
    stops the repository from being checked out there, published or not. A page that no unit
    lists is published nowhere: a trainer who wrote it and forgot the course.yml line saw
    nothing say so; but not the page a ``refused`` entry was most likely meant to name (the
    entry's own error suggests it)."""
    base = PurePosixPath(source).parent
    listed = listed_files(data)
    _check_windows_names(folder, base, listed, report)
    units = data.get("units") if isinstance(data, Mapping) else None
    # Otherwise the schema reports the units, and which pages they list is unknown.
    if not (units is None or (isinstance(units, list) and all(
            isinstance(unit, Mapping) and isinstance(unit.get("file"), str) for unit in units))):
        return
    unlisted = unlisted_pages(folder, listed)
    meant = {likely_meant(name, unlisted) for name in refused}
    for name in unlisted:
        if name not in meant:
            report.at(printable(str(base / name)), 1, 1, f"{name} is not listed under units in "
                      "course.yml, so it is not published", "unlisted-page", "warning",
                      hint="list it under units, or move it out of the course folder")


def listed_files(data: Any) -> set[PurePosixPath]:
    """The files a course's units and materials name (a page as a material is refused there)."""
    return {PurePosixPath(name) for field in ("units", "materials")
            for _, entry in _entries(data, field) if (name := _text(entry, "file"))}


def unlisted_pages(folder: Path, listed: Collection[PurePosixPath]) -> list[str]:
    """The pages directly in a course folder that no entry lists (index.md aside), by name."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [name for name in names if PurePosixPath(name).suffix.lower() in MARKDOWN_SUFFIXES
            and name != COURSE_PAGE and PurePosixPath(name) not in listed and stat.S_ISREG(own_mode(folder / name))]


def _check_windows_names(folder: Path, base: PurePosixPath, listed: set[PurePosixPath], report: Report) -> None:
    """Every name under ``folder`` that Windows cannot hold, once each (not the files inside
    such a folder), but not those a unit or material lists: their own entries say so; and
    names that differ only in letter case, which Windows and macOS hold as one."""
    for root, folders, files in os.walk(folder):  # symlinked folders are not entered
        relative = PurePosixPath(Path(root).relative_to(folder).as_posix())
        folders.sort()
        first_of: dict[str, str] = {}
        for name in sorted([*folders, *files]):
            path = relative / name
            other = first_of.setdefault(name.casefold(), name)
            problem = windows_name_problem(name, "rename or remove it") or (
                f"'{printable(other)}' and '{printable(name)}' differ only in letter case: Windows and macOS keep "
                "one of them, so the checkout loses the other; rename one" if other != name else None)
            if problem is None:
                continue
            if name in folders:
                folders.remove(name)
            # Said at a name no entry lists (a listed one's entry says what is wrong with it); of
            # two names in other letter case, at the unlisted one, if one is listed.
            unlisted = [at for at in (path, relative / other) if not any(
                entry.parts[:len(at.parts)] == at.parts for entry in listed)]
            if unlisted:
                report.at(printable(str(base / unlisted[0])), 1, 1, problem, "file-name")


def _check_course_data(data: Any, source: str, options: Options, report: Report) -> bool:
    """A course's checks beyond its schema, in the order they report; False where what is
    wrong keeps it from being modelled (a date that is no date, a zone no one knows)."""
    review_ok = _check_review_date(data, source, options, report)
    sessions_ok = _check_sessions(data, source, options, report)
    folder = options.root / PurePosixPath(source).parent
    refused = _check_listed_files(data, folder, source, report)
    _check_course_folder(data, folder, source, report, refused=refused)
    _check_units_fit(data, source, report)
    _check_output_paths(data, source, report)
    _check_languages(data, source, options, report)
    return review_ok and sessions_ok


def _check_review_date(data: Any, source: str, options: Options, report: Report) -> bool:
    """``last_reviewed`` is a real date, not overdue for review, not in the future."""
    reviewed_text = _text(data, "last_reviewed")
    reviewed = _real_date(reviewed_text, report, source, ("last_reviewed",))
    days = _whole(data.get("review_every_days")) or options.review_every_days
    if reviewed is not None and review_overdue_on(options.today, reviewed, days):
        report.on(source, ("last_reviewed",), f"last_reviewed {reviewed_text} is older than "
                  f"{counted(days, 'day')}; review the course and update the date", "stale", severity="warning")
    elif reviewed is not None and reviewed > options.today:  # a typo'd year would never go stale
        report.on(source, ("last_reviewed",), f"last_reviewed {reviewed_text} is in the future; write the date "
                  "of the last review", "stale", severity="warning")
    return reviewed is not None or reviewed_text is None


def _check_sessions(data: Any, source: str, options: Options, report: Report) -> bool:
    """Each session's start and zone, the schedule they make, and whether the format holds sessions."""
    ok = True
    held: list[tuple[int, dt.datetime, str, Mapping[str, Any]]] = []  # (index, local start, zone, session) readable
    for index, session in _entries(data, "sessions"):
        path = ("sessions", index)
        start = None
        if (start_text := _text(session, "start")) is not None:
            start, problem = session_start(start_text)
            if start is None:  # said instead of the schema's "not a valid local date and time"
                report.restate(source, (*path, "start"), f"sessions[{index}].start: {problem}", "datetime")
                ok = False
        zone = _text(session, "timezone")
        if zone is not None and zone not in session_zones():
            report.restate(source, (*path, "timezone"), f"sessions[{index}].timezone: "
                           f"{zone_problem(zone, session_zones())}", "timezone")
            ok = False
        elif zone is not None and (advice := zone_advice(zone)):
            report.on(source, (*path, "timezone"), f"sessions[{index}].timezone: {advice}", "timezone",
                      severity="warning")
        if zone in session_zones() and start is not None:
            held.append((index, start, zone, session))
    weeks = _whole(data.get("program_weeks")) or 1
    meetings = len(_entries(data, "sessions")) * weeks
    for index, start, zone, _ in held if meetings <= MAX_MEETINGS else ():
        _check_clock_changes(start, zone, weeks, ("sessions", index, "start"), source, report)
    _check_schedule(data, held, source, options, report)
    if meetings > MAX_MEETINGS:
        report.on(source, ("sessions",), f"sessions: {meetings:,} meetings ({len(_entries(data, 'sessions'))} "
                  f"sessions x program_weeks); at most {MAX_MEETINGS:,} per course: every meeting is a calendar "
                  "event in several published files; list the next cohorts only", "sessions-count")
        ok = False
    format_id = _text(data, "format")
    known_format = format_id in options.taxonomy.formats  # else the schema says so, and sessions wait for the fix
    if _entries(data, "sessions") and known_format and not options.taxonomy.is_live(format_id):
        report.on(source, ("sessions",), f"sessions: format '{format_id}' is not a live format, so its "
                  "sessions are not shown; use a live format or remove them", "sessions-format",
                  severity="warning")
    elif known_format and not options.taxonomy.is_online(format_id):  # held in a room: learners need its address
        for index, session in _entries(data, "sessions"):
            if isinstance(session, Mapping) and not session.get("location") and session.get("status") != "cancelled":
                report.on(source, ("sessions", index), f"sessions[{index}]: an in-person session with no location; "
                          "add location: venue, address and city", "session-location", severity="warning")
    return ok


def _check_listed_files(data: Any, folder: Path, source: str, report: Report) -> list[str]:
    """The files units and materials list: each there and publishable; those that are not."""
    refused: list[str] = []
    listed = {name for field in ("units", "materials") for _, entry in _entries(data, field)
              if (name := _text(entry, "file"))}
    for field in ("units", "materials"):
        for index, entry in _entries(data, field):
            name = _text(entry, "file")
            if name is not None and (problem := _file_problem(folder, name, listed=listed)):  # more than the pattern
                report.restate(source, (field, index, "file"), f"{field}[{index}].file: {problem}", "file",
                               hint="" if os.path.lexists(folder / name) else MISSING_FILE_HINT)
                refused.append(name)
            elif field == "materials" and name is not None and (problem := material_problem(name)):
                report.on(source, (field, index, "file"), f"materials[{index}].file: {problem}", "file")
            elif field == "materials" and name is not None and reads_as_markup(folder / name):
                report.on(source, (field, index, "file"), f"materials[{index}].file: '{name}' {MARKUP_MESSAGE}",
                          "browser-document")
            elif field == "units" and name is not None and PurePosixPath(name) == PurePosixPath(COURSE_PAGE):
                report.on(source, (field, index, "file"), f"units[{index}].file: index.md is the course "
                          "overview page, not a unit; give the unit its own file", "file")
    return refused


def _check_languages(data: Any, source: str, options: Options, report: Report) -> None:
    """Translations name other languages than the course's; sessions' languages are known."""
    language = _text(data, "language") or options.site_language
    translations = data.get("translations") if isinstance(data, Mapping) else None
    for tag in translations if isinstance(translations, Mapping) else ():
        if tag == language:
            report.on(source, ("translations", tag), f"translations: '{tag}' is the course's own "
                      "language", "translations", at_key=True)
        elif isinstance(tag, str) and (problem := unknown_language(tag)):  # in place of the schema's, if any
            report.restate(source, ("translations", tag), f"translations: {problem}", "language", at_key=True)
    for index, session in _entries(data, "sessions"):
        _check_language(("sessions", index, "language"), _text(session, "language"), source, report)


def _check_language(path: tuple[str | int, ...], tag: str | None, source: str, report: Report) -> None:
    if tag is not None and (problem := unknown_language(tag)):  # in place of the schema's "not valid"
        report.restate(source, path, f"{dotted(path)}: {problem}", "language")


def _check_units_fit(data: Any, source: str, report: Report) -> None:
    """A warning where the units take longer than the course: the catalog, tracks and plans
    count duration_minutes."""
    duration = data.get("duration_minutes") if isinstance(data, Mapping) else None
    minutes = [entry.get("minutes") for _, entry in _entries(data, "units") if isinstance(entry, Mapping)]
    total = sum(m for m in minutes if isinstance(m, int) and not isinstance(m, bool))
    if isinstance(duration, int) and not isinstance(duration, bool) and 0 < duration < total:  # 0: the schema's
        report.on(source, ("duration_minutes",), f"duration_minutes: {duration} is less than its units' "
                  f"{total} minutes", "duration", severity="warning",
                  hint=f"make duration_minutes the whole course's length, at least {total}")


# What a course page publishes in its own folder besides units and materials.
_COURSE_OUTPUTS = {"index.html": "the course page", "sessions": "the session calendars (sessions/)"}


def published_unit_path(name: str) -> str:
    """Where MkDocs writes a unit page (directory URLs): ``a/b.md`` -> ``a/b/index.html``."""
    folder = Unit("", name).slug
    return f"{folder}/index.html" if folder else "index.html"


def _check_output_paths(data: Any, source: str, report: Report) -> None:
    """No two things a course publishes may be written to the same path (or one inside the
    other), compared in lower case: macOS and Windows hold Welcome/ and welcome/ as one, and
    the build refuses such a pair (the plugin's _refuse_shared_outputs)."""
    claimed = {path: (owner, path) for path, owner in _COURSE_OUTPUTS.items()}  # lower case: (owner, path)
    listed: dict[PurePosixPath, str] = {}  # files named already, by the first entry naming each
    for field in ("units", "materials"):
        for index, entry in _entries(data, field):
            name = _text(entry, "file")
            if name is None or not all(SAFE_NAME.fullmatch(part) for part in PurePosixPath(name).parts) \
                    or (field == "units" and PurePosixPath(name) == PurePosixPath("index.md")):
                continue  # reported already: an unsafe name, or a unit named like the overview
            if (first := listed.setdefault(PurePosixPath(name), f"{field}[{index}]")) != f"{field}[{index}]":
                report.on(source, (field, index, "file"), f"{field}[{index}].file: '{name}' is listed already, as "
                          f"{first}; remove one of them", "output-path")
                continue
            output = published_unit_path(name) if field == "units" else name
            key = output.casefold()
            parts = PurePosixPath(key).parts
            clash = next((claimed[folder] for folder in ("/".join(parts[:n]) for n in range(1, len(parts) + 1))
                          if folder in claimed), None)
            clash = clash or next((claimed[path] for path in claimed if path.startswith(key + "/")), None)
            if clash is None:
                claimed[key] = (f"{field}[{index}] ({name})", output)
                continue
            owner, its_path = clash
            in_case = "" if its_path.startswith(output) or output.startswith(its_path) else (
                " (the paths differ only in letter case, which macOS and Windows do not tell apart)")
            report.on(source, (field, index, "file"), f"{field}[{index}].file: '{name}' would be published at "
                      f"'{output}', where {owner} is published{in_case}; rename it", "output-path")


# The fields of a plan item that belong to its type (as the plan schema requires them): one
# another type takes was silently ignored (a meeting with a course, a course item with an owner).
ITEM_FIELDS = {"course": ("course",), "track": ("track",), "task": ("title", "owner"), "meeting": ("title",)}


def _check_item_fields(item: Mapping[str, Any], path: Path_, source: str, report: Report) -> None:
    kind = item.get("type")
    if not isinstance(kind, str) or kind not in ITEM_FIELDS:
        return  # the schema says what the type may be
    others = {field for fields in ITEM_FIELDS.values() for field in fields} - set(ITEM_FIELDS[kind])
    for key in item:
        if key in others:
            report.restate(source, (*path, key), f"{dotted((*path, key))}: a {kind} item does not use '{key}', "
                           f"which would be ignored; remove it (a {kind} item takes {', '.join(ITEM_FIELDS[kind])} "
                           "and note)", "plan-item", to_key=True)  # in place of the schema's (its "not")


def _check_plan_data(data: Any, source: str, report: Report) -> None:
    length = _whole(data.get("length_days")) if isinstance(data, Mapping) else None
    previous_end: int | None = None  # the ordered phases' last day so far
    past_the_end: list[tuple[Path_, str, int]] = []  # (where, what, day): said once if length_days is the slip
    dated = 0  # the phases and milestones whose last day is known, of which past_the_end are some
    items = 0
    for index, phase in _entries(data, "phases"):
        for item_index, item in _entries(phase, "items"):
            _check_item_fields(item, ("phases", index, "items", item_index), source, report)
            items += 1
    if items > MAX_PLAN_ITEMS:
        report.on(source, ("phases",), f"phases: {items:,} items in all; a plan holds at most {MAX_PLAN_ITEMS}, each "
                  "a row its page dates in the reader's browser as they type; split it into plans, or list a track "
                  "for a run of courses", "plan-items")
    for index, phase in _entries(data, "phases"):
        path = ("phases", index)
        start, end = _whole(phase.get("start_day")), _whole(phase.get("end_day"))
        if start is None or end is None:
            continue
        if end < start:  # its items are then judged by no span: the end_day is the one slip
            report.on(source, (*path, "end_day"), f"phases[{index}]: end_day {end} is before start_day "
                      f"{start}", "plan-days")
        if previous_end is not None and start <= previous_end:
            report.on(source, (*path, "start_day"), f"phases[{index}]: starts on day {start}, inside the "
                      f"previous phase (which ends on day {previous_end}); phases are ordered and "
                      "must not overlap", "plan-days")
        dated += 1
        if length is not None and end > length:
            past_the_end.append(((*path, "end_day"), f"phases[{index}]: end_day {end}", end))
        previous_end = end if previous_end is None else max(previous_end, end)
        for item_index, item in _entries(phase, "items"):
            day = _whole(item.get("day"))
            if day is not None and day >= 0 and start <= end and not start <= day <= end:  # below 0: the schema's
                report.on(source, (*path, "items", item_index, "day"), f"phases[{index}].items"
                          f"[{item_index}]: day {day} is outside its phase (days {start}-{end})",
                          "plan-days")
    for index, milestone in _entries(data, "milestones"):
        day = _whole(milestone.get("day"))
        dated += day is not None
        if day is not None and length is not None and day > length:
            past_the_end.append((("milestones", index, "day"), f"milestones[{index}]: day {day}", day))
    # length_days 3 for 30 puts most of the plan past its end: one slip, said where it is. A
    # phase or milestone moved past a right length_days is said where it is, each of them.
    if len(past_the_end) > 1 and len(past_the_end) * 2 > dated:
        phases = sum(path[0] == "phases" for path, _, _ in past_the_end)
        ending = " and ".join(counted(count, word) for count, word in
                              ((phases, "phase"), (len(past_the_end) - phases, "milestone")) if count)
        report.on(source, ("length_days",), f"length_days: {length} is shorter than the plan: {ending} end after "
                  f"day {length}, the last on day {max(day for _, _, day in past_the_end)}", "plan-days")
        return
    for path, what, _ in past_the_end:
        report.on(source, path, f"{what} is past the plan's last day ({length}: a plan runs from day 0 to day "
                  "length_days)", "plan-days")


def check_catalog(catalog: Catalog, options: Options, report: Report, known_ids: Mapping[str, set[str]],
                  unusable: Iterable[tuple[str, str, Any]] = ()) -> None:
    """Cross-file rules over the loaded items, plus the references of files that failed their
    schema (read defensively from the raw data), so a typo'd id is reported in the same run."""
    unusable = list(unusable)
    checker = _CrossFile(catalog, options, report, known_ids, unusable)
    for kind, source, data in unusable:  # as public as its data says: a leak is said now, not after the fix
        public = shown_to_customers(data.get("visibility"), data.get("status"))
        for path, target_kind, target in raw_references(kind, data):
            # Itself by its folder: an id copied from another course is said wrong at id, once.
            if kind == "course" and path[0] == "prerequisites" and target == PurePosixPath(source).parent.name:
                report.on(source, path, f"{dotted(path)}: a course cannot list itself", "self-reference")
            else:
                checker.reference(source, path, target_kind, target, from_public=public)
    checker.cycles()  # first: a track's order is not judged between courses caught in one
    for course in catalog.courses.values():
        checker.course(course)
    _check_site_meetings(catalog.visible_to(options.audience), options.today, report)
    for track in catalog.tracks.values():
        checker.track(track)
    for kind, source, data in unusable:  # its order too: a misspelt role hid it until fixed
        if kind == "track":
            checker.track_order(_track_as_written(data, source))
    for plan in catalog.plans.values():
        checker.plan(plan)


def _hidden_as_written(data: Mapping[str, Any]) -> bool | None:
    """Whether a file the model could not take says it is a draft (True) or internal (False);
    None if it says public, or says nothing readable: a misspelt or missing ``visibility``
    is that file's own error, and every reference to it reported as a leak would bury it."""
    if data.get("status") == "draft":
        return True
    return False if data.get("visibility") == "internal" else None


def _check_site_meetings(site: Catalog, today: dt.date, report: Report) -> None:
    """Said at the course (in id order) whose sessions take the site's calendars past
    MAX_CALENDAR_EVENTS: the meetings of live courses' upcoming sessions (cancelled ones too),
    each in as many files as the calendars hold it."""
    total = 0
    for course in site.courses.values():
        if not site.taxonomy.is_live(course.format):
            continue
        meetings = len(course.upcoming_sessions(today)) * (course.program_weeks or 1)
        total += meetings * (2 + len(course.roles))
        if total > MAX_CALENDAR_EVENTS:
            report.on(course.source, ("sessions",), f"sessions: with this course's, the site's calendars hold more "
                      f"than {MAX_CALENDAR_EVENTS:,} events (each meeting is one in its session's file, in "
                      "sessions.ics and in each of its roles' calendars); list fewer future sessions or roles, "
                      "here or in other courses", "sessions-count")
            return


def raw_references(kind: str, data: Any) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    """``(yaml path, kind, id)`` of every well-formed reference in unvalidated data."""
    if kind == "course":
        for field in ("prerequisites", "recommended_next"):
            values = data.get(field)
            for index, value in enumerate(values if isinstance(values, list) else ()):
                if isinstance(value, str):
                    yield (field, index), "course", value
        on_demand = data.get("on_demand")
        if isinstance(on_demand, Mapping) and isinstance(on_demand.get("course"), str):
            yield ("on_demand", "course"), "course", on_demand["course"]
        translations = data.get("translations")
        for tag, value in translations.items() if isinstance(translations, Mapping) else ():
            if isinstance(value, str):
                yield ("translations", tag), "course", value
    elif kind == "track":
        for s_index, section in _entries(data, "sections"):
            items = section.get("courses")
            for i_index, item in enumerate(items if isinstance(items, list) else ()):
                target = item.get("course") if isinstance(item, Mapping) else item
                if isinstance(target, str):
                    yield ("sections", s_index, "courses", i_index), "course", target
    else:
        for p_index, phase in _entries(data, "phases"):
            for i_index, item in _entries(phase, "items"):
                target_kind = item.get("type")  # another type's field is reported as such (_check_item_fields)
                if target_kind in ("course", "track") and isinstance(item.get(target_kind), str):
                    yield ("phases", p_index, "items", i_index, target_kind), target_kind, item[target_kind]


def _track_as_written(data: Mapping[str, Any], source: str) -> Track:
    """A track that failed its checks, as far as its sections list course ids (any other entry
    kept as an empty id, so that every position stays the file's)."""
    def course_id(item: Any) -> str:
        target = item.get("course") if isinstance(item, Mapping) else item
        return target if isinstance(target, str) else ""

    def section_as_written(section: Any) -> TrackSection:
        courses = section.get("courses") if isinstance(section, Mapping) else None
        return TrackSection("", tuple(TrackItem(course_id(item)) for item in courses)
                            if isinstance(courses, list) else ())

    sections = data.get("sections")
    return Track(id=str(data.get("id") or ""), title="", summary="", role="", visibility="", source=source,
                 sections=tuple(map(section_as_written, sections if isinstance(sections, list) else [])))


# Unknown ids that get a "did you mean": past this many, comparing each with every id of its
# kind would make validate's time grow with the two (thousands of near-miss prerequisites in a
# catalog of hundreds of courses stalled it).
SUGGESTED_IDS = 200
UNKNOWN_ID_HINTS = {  # where each kind's ids come from, for an id like none of them
    "course": "a course's id is its folder's name under courses/; `syllabus new course <id>` starts one",
    "track": "a track's id is its file's name under tracks/, without .yml",
}


class _CrossFile:
    """``unusable``: (kind, source, raw data) of the files that failed their checks, read for
    what they say of themselves (hidden or not, prerequisites), so that what they are part
    of is reported in the same run, not after the fix."""

    def __init__(self, catalog: Catalog, options: Options, report: Report,
                 known_ids: Mapping[str, set[str]], unusable: Iterable[tuple[str, str, Any]]) -> None:
        self.catalog, self.options, self.report, self.known = catalog, options, report, known_ids
        self.suggestions_left = SUGGESTED_IDS
        self.public = options.audience == "public"
        self.redirect_claims: dict[str, list[str]] = {}  # old id -> courses claiming it, built once
        self.tangle_of: dict[str, frozenset[str]] = {}  # the courses caught in a course's prerequisite cycle
        written = [(kind, source, data) for kind, source, data in unusable if isinstance(data.get("id"), str)]
        # By (kind, id): None if public, else whether a draft.
        self.written_hidden = {(kind, data["id"]): _hidden_as_written(data) for kind, _, data in written}
        # By id: (source, prerequisites).
        self.written_prerequisites = {
            data["id"]: (source, [p for p in data.get("prerequisites") or () if isinstance(p, str)])
            for kind, source, data in written if kind == "course" and isinstance(data.get("prerequisites") or [], list)}
        for course in catalog.courses.values():
            for old in dict.fromkeys(course.redirect_from):
                self.redirect_claims.setdefault(old, []).append(course.id)

    def reference(self, source: str, path: tuple[Any, ...], kind: str, target: str,
                  from_public: bool) -> None:
        """Report a reference to a missing id, or (public audience) to hidden content."""
        where = dotted(path)
        if target not in self.known[kind]:
            candidates = self.known[kind] if self.suggestions_left > 0 else set()
            self.suggestions_left -= 1
            if not is_id(target):
                # A malformed id already has the schema's error at this spot: the suggestion joins it.
                match = closest(target, candidates)
                named = match and match != target.lower()  # else the schema's error says "write it in lower case"
                if self.report.extend_error(source, path, f"; did you mean '{match}'?" if named else ""):
                    return
            suggestion = did_you_mean(target, candidates)
            self.report.on(source, path, f"{where}: unknown {kind} '{target}'{suggestion}", f"unknown-{kind}",
                           hint="" if suggestion else UNKNOWN_ID_HINTS[kind])
            return
        draft = self.hidden(kind, target)
        if self.public and from_public and draft is not None:
            state = "a draft" if draft else "internal"
            self.report.on(source, path, f"{where}: {kind} '{target}' is {state} and must not be "
                           "referenced from public content (it would leak); remove the reference or "
                           "publish it", "leak")

    def hidden(self, kind: str, target: str) -> bool | None:
        """None if the item is public (or unknown), else whether it is a draft."""
        item = self.catalog.items_of(kind).get(target)
        if item is None:
            return self.written_hidden.get((kind, target))
        return None if item.is_public else item.status == "draft"

    def course(self, course: Course) -> None:
        src, public = course.source, course.is_public
        for field in ("prerequisites", "recommended_next"):
            for index, target in enumerate(getattr(course, field)):
                if target == course.id:
                    self.report.on(src, (field, index), f"{field}[{index}]: a course cannot list itself",
                                   "self-reference")
                else:
                    self.reference(src, (field, index), "course", target, public)
        if course.on_demand and course.on_demand.course:
            self.reference(src, ("on_demand", "course"), "course", course.on_demand.course, public)
        for tag, target in course.translations.items():
            path = ("translations", tag)
            self.reference(src, path, "course", target, public)
            other = self.catalog.courses.get(target)
            if other is None or unknown_language(course.language) or unknown_language(other.language):
                continue  # a language that is no language is reported where it is written
            if tag == course.language:
                continue  # its own language, reported with the course's data
            if other.translations.get(course.language) != course.id:
                self.report.on(src, path, f"translations.{tag}: '{target}' does not point back (add "
                               f"'{course.language}: {course.id}' to the translations in {other.source})",
                               "translations")
            if other.language != tag:
                self.report.on(src, path, f"translations.{tag}: '{target}' is in language "
                               f"'{other.language}', not '{tag}'", "translations")
        for index, old in enumerate(course.redirect_from):
            path = ("redirect_from", index)
            if old in self.known["course"]:
                self.report.on(src, path, f"redirect_from[{index}]: '{old}' is the id of an existing course",
                               "redirect")
            others = [c for c in self.redirect_claims.get(old, ()) if c != course.id]
            if others:
                self.report.on(src, path, f"redirect_from[{index}]: '{old}' is also claimed by "
                               f"{', '.join(others)}", "redirect")

    def track(self, track: Track) -> None:
        for s_index, section in enumerate(track.sections):
            for i_index, item in enumerate(section.items):
                path = ("sections", s_index, "courses", i_index)
                self.reference(track.source, path, "course", item.course, track.is_public)
                self.retired(track.source, path, item.course, track.status)
        self.track_order(track)

    def retired(self, source: str, path: Path_, course_id: str | None, status: str) -> None:
        """A course no longer offered, listed by a track or plan still offered: its page says
        "no longer offered" to everyone the path sends there."""
        course = self.catalog.courses.get(course_id or "")
        if course is not None and course.status == "retired" and status != "retired":
            self.report.on(source, path, f"{dotted(path)}: course '{course.id}' is retired (no longer offered); "
                           "take it out, or list the course that replaces it", "retired-course", severity="warning")

    def track_order(self, track: Track) -> None:
        """Courses listed twice, or before a prerequisite the track also lists."""
        seen: set[str] = set()
        for s_index, section in enumerate(track.sections):
            for i_index, item in enumerate(section.items):
                path = ("sections", s_index, "courses", i_index)
                if item.course in seen:
                    self.report.on(track.source, path, f"{dotted(path)}: '{item.course}' is listed "
                                   "twice in this track", "track-duplicate")
                if item.course:  # "": an entry that is not a course id, reported with the schema
                    seen.add(item.course)
        for found in track.misordered(self.catalog.courses):
            if found.prerequisite in self.tangle_of.get(found.course, ()) or any(
                    found.course in self.tangle_of.get(between, ()) for between in found.through):
                continue  # no order of the two would do: the cycle is reported at its course
            path = ("sections", found.section, "courses", found.item)
            between = [*map(quoted, found.through[:3]), *(["..."] if len(found.through) > 3 else [])]
            through = f" (needed through {', '.join(between)})" if found.through else ""
            self.report.on(track.source, path, f"{dotted(path)}: '{found.course}' is listed before its "
                           f"prerequisite '{found.prerequisite}'{through}; move it after", "track-order")

    def plan(self, plan: Plan) -> None:
        for p_index, phase in enumerate(plan.phases):
            for i_index, item in enumerate(phase.items):
                path = ("phases", p_index, "items", i_index)
                if item.type in ("course", "track"):
                    target = item.course if item.type == "course" else item.track
                    self.reference(plan.source, (*path, item.type), item.type, target or "",
                                   plan.is_public)
                if item.type == "course":
                    self.retired(plan.source, (*path, "course"), item.course, plan.status)

    def report_cycle(self, cycle: list[str], tangle: frozenset[str], source: str, prerequisites: list[str]) -> None:
        """``source`` and ``prerequisites``: those of the cycle's first course in id order."""
        first = min(cycle)
        rotated = cycle[cycle.index(first):] + cycle[: cycle.index(first)]
        nxt = rotated[1] if len(rotated) > 1 else first
        others = sorted(tangle - set(cycle))
        also = f" (also caught in this loop: {', '.join(others)})" if others else ""
        self.report.on(source, ("prerequisites", prerequisites.index(nxt)),
                       "prerequisites form a cycle: " + " → ".join([*rotated, first]) + also, "prerequisite-cycle")

    def cycles(self) -> None:
        """Name one cycle per tangle of prerequisites (strongly connected component), on its
        first course in id order, and list the other courses caught in the same tangle: every
        tangle holds at least one back edge of the search, so none goes unreported; courses
        whose files failed their checks included."""
        courses = dict(sorted({**self.written_prerequisites, **{cid: (c.source, list(c.prerequisites))
                                                                for cid, c in self.catalog.courses.items()}}.items()))
        graph = {cid: [p for p in prerequisites if p in courses and p != cid]
                 for cid, (_, prerequisites) in courses.items()}
        components = _components(graph)
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done
        reported: set[frozenset[str]] = set()
        for start in graph:
            if state.get(start):
                continue
            stack: list[tuple[str, Iterable[str]]] = [(start, iter(graph[start]))]
            path = [start]
            state[start] = 1
            while stack:
                node, children = stack[-1]
                child = next(iter(children), None)
                if child is None:
                    state[node] = 2
                    stack.pop()
                    path.pop()
                elif state.get(child) == 1:
                    tangle = components[child]  # the back edge's own: both its ends are in it
                    if tangle not in reported:
                        reported.add(tangle)
                        self.tangle_of.update(dict.fromkeys(tangle, tangle))
                        cycle = path[path.index(child):]
                        self.report_cycle(cycle, tangle, *courses[min(cycle)])
                elif not state.get(child):
                    state[child] = 1
                    path.append(child)
                    stack.append((child, iter(graph[child])))


def _components(graph: Mapping[str, list[str]]) -> dict[str, frozenset[str]]:
    """Each node's strongly connected component, by Tarjan's algorithm in one pass over the
    graph (a tangle found from each back edge took time to the fourth power of the courses:
    200 courses all prerequisites of each other stalled validate). Without recursion: a chain of
    thousands of prerequisites is no deeper a stack than one."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    open_nodes: list[str] = []  # visited, their component not yet closed
    opened_at: dict[str, int] = {}  # each open node's place in open_nodes
    component: dict[str, frozenset[str]] = {}
    for root in graph:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        opened_at[root] = len(open_nodes)
        open_nodes.append(root)
        work: list[tuple[str, Iterator[str]]] = [(root, iter(graph[root]))]
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    opened_at[child] = len(open_nodes)
                    open_nodes.append(child)
                    work.append((child, iter(graph[child])))
                    break
                if child in opened_at:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    members = open_nodes[opened_at[node]:]
                    del open_nodes[opened_at[node]:]
                    for member in members:
                        del opened_at[member]
                    closed = frozenset(members)
                    component.update(dict.fromkeys(members, closed))
    return component
