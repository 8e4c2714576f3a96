"""Load a whole catalog: discover files, read them strictly, check them, build the model.

This is the single entry point the CLI and the MkDocs plugin share. It never raises for a
content problem: everything ends up in the returned :class:`Report`, sorted, all at once.
"""

from __future__ import annotations

import bisect
import gc
import itertools
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from . import rules
from .config import Options
from .html_allowlist import Allowlist, as_browsers_read, as_text_read
from .markdown_safety import check_markdown
from .model import ITEM_FOLDERS, ITEM_KINDS, Catalog, Course, Plan, Track, id_order
from .pages import (
    ALLOWLIST_RULE,
    MARKDOWN_SUFFIXES,
    NO_LINKS,
    OutOfTime,
    PageCheck,
    PageLinks,
    PageRenderer,
    RenderBudget,
    files_for_authors,
    for_authors,
    render_seconds,
    split_page,
)
from .published import check_links, generated_files, generated_pages, output_path
from .report import MORE_PROBLEMS_RULE, Report
from .schema_messages import dotted, messages_for, without_knock_ons
from .schemas import SchemaSet, build_schema_set
from .yamlsafe import HARD_LINK_MESSAGE, NOT_A_FILE, SymlinkRefused, YamlProblem, YamlRejected, load_file, read_text

HIDDEN_REFERENCE_RULE = "hidden-reference"
T = TypeVar("T")


@dataclass
class FileCache:
    """What reading each file found, kept between loads of the same catalog (the author
    preview reloads it after every edit): a file whose size, modification time and inode
    are unchanged is not read, parsed or schema-checked again; its findings are replayed."""

    entries: dict[str, tuple[tuple[int, int, int], Any]] = field(default_factory=dict)

    @staticmethod
    def signature(path: Path) -> tuple[int, int, int] | None:
        try:
            status = os.lstat(path)
        except OSError:
            return None
        return status.st_mtime_ns, status.st_size, status.st_ino

    def get(self, path: Path) -> tuple[tuple[int, int, int] | None, Any]:
        """(the file's signature now, what was found at that signature or None)."""
        signature = self.signature(path)
        entry = self.entries.get(str(path))
        return signature, (entry[1] if entry is not None and entry[0] == signature else None)

    def put(self, path: Path, signature: tuple[int, int, int] | None, found: Any) -> None:
        if signature is not None:
            self.entries[str(path)] = (signature, found)


@dataclass(frozen=True)
class LoadResult:
    catalog: Catalog
    report: Report
    # Catalog-relative path -> text of every Markdown file that was checked, so a build
    # converts exactly the text that was checked, without reading the file again.
    markdown: dict[str, str] = field(default_factory=dict)
    # The same for the docs folder's pages this site publishes (not those MkDocs or the
    # audience leaves out): public text, which ``syllabus leak-check`` tells hidden text from.
    docs_markdown: dict[str, str] = field(default_factory=dict)


def _relative(root: Path, path: Path) -> str:
    """``path`` as reports name it: relative to ``root``, with forward slashes.

    The files were found under ``root``, so cutting the prefix is enough; ``relpath``
    (which makes both paths absolute first) was a tenth of loading a large catalog.
    """
    text, prefix = str(path), os.path.join(str(root), "")
    relative = text[len(prefix):] if text.startswith(prefix) else os.path.relpath(path, root)
    return relative.replace(os.sep, "/")


def _entries(directory: Path, report: Report, shown: str) -> list[os.DirEntry[str]]:
    """Sorted entries; DirEntry knows its type, which saves stat calls on large catalogs. A
    folder that cannot be read is reported as ``shown``, and holds nothing."""
    try:
        with os.scandir(directory) as scan:
            return sorted(scan, key=lambda entry: entry.name)
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        report.at(shown, 1, 1, f"{shown} is a file, where the catalog keeps a folder of them", "layout",
                  hint=f"move it away and make {shown}/ a folder")
    except OSError as error:
        report.at(shown, 1, 1, f"cannot read folder: {error.strerror}", "io", hint="make it readable")
    return []


def linked_folder(root: Path, folder: str, report: Report) -> bool:
    """Whether the content folder ``folder`` of the repository at ``root`` is, or lies in, a
    symlink, reported if so: everything under it would be read (and published) from wherever
    it points, outside the repository and its review. Only the part inside ``root`` counts
    (a docs_dir of ``../shared`` is checked as the folder it names)."""
    parts = Path(folder).parts
    inside = [part for part in parts if part not in ("", ".")]
    steps = [Path(*parts)] if ".." in inside else [Path(*inside[:end]) for end in range(1, len(inside) + 1)]
    linked = next((step for step in steps if (root / step).is_symlink()), None)
    if linked is not None:
        report.at(linked.as_posix(), 1, 1, f"{linked.as_posix()} is a symlink: content folders must be real folders "
                  "of the repository, or files from outside it would be published; replace it with the folder itself",
                  "symlink")
    return linked is not None


def discover(root: Path, report: Report, unread: dict[str, set[str]] | None = None) -> dict[str, list[Path]]:
    """Content files by kind, sorted; symlinks and misplaced files are reported, never read.
    ``unread`` gets the ids of those in a symlinked content folder, named but not read, so
    that what refers to them is not reported too."""
    found: dict[str, list[Path]] = {kind: [] for kind in ITEM_KINDS}
    linked = {folder for folder in ITEM_FOLDERS.values() if linked_folder(root, folder, report)}
    for kind, folder in ITEM_FOLDERS.items():
        if folder in linked and unread is not None:
            unread[kind].update(entry.name if kind == "course" else entry.name.removesuffix(".yml")
                                for entry in _entries(root / folder, report, folder))
    for entry in _entries(root / "courses", report, "courses") if "courses" not in linked else ():
        rel = f"courses/{entry.name}"
        if entry.is_symlink():
            report.at(rel, 1, 1, "symlinks are not allowed in courses/; replace it with a real folder", "symlink")
        elif entry.is_dir():
            course_file = os.path.join(entry.path, rules.COURSE_FILE)
            mode = rules.own_mode(course_file)
            if stat.S_ISLNK(mode):
                report.at(f"{rel}/{rules.COURSE_FILE}", 1, 1, "course.yml must not be a symlink", "symlink")
            elif stat.S_ISREG(mode):
                found["course"].append(Path(course_file))
            elif mode:  # a folder or a pipe by that name: "no course.yml" would send the trainer looking
                report.at(f"{rel}/{rules.COURSE_FILE}", 1, 1, NOT_A_FILE, "io")
            elif not os.access(entry.path, os.R_OK | os.X_OK):
                report.at(rel, 1, 1, "cannot read folder: Permission denied", "io", hint="make it readable")
            elif misnamed := sorted(name for name in os.listdir(entry.path) if name != rules.COURSE_FILE
                                    and name.lower() in (rules.COURSE_FILE, "course.yaml")
                                    and stat.S_ISREG(rules.own_mode(os.path.join(entry.path, name)))):
                # Checked where it is, so one error says what is wrong, not every reference to the course.
                for name in misnamed:  # Course.YML beside course.yaml: one of them is to go
                    report.at(f"{rel}/{name}", 1, 1, f"a course is defined in {rules.COURSE_FILE}; rename "
                              f"{name} to {rules.COURSE_FILE}", "layout")
                found["course"].append(Path(entry.path, misnamed[0]))
            else:
                report.at(rel, 1, 1, f"course folder has no {rules.COURSE_FILE}; add one (syllabus new course ID) "
                          "or remove the folder", "layout")
        elif not entry.name.startswith("."):
            report.at(rel, 1, 1, "files directly in courses/ are ignored; put them in a course folder", "layout",
                      "warning")
    for kind, folder in (("track", "tracks"), ("plan", "plans")):
        for entry in _entries(root / folder, report, folder) if folder not in linked else ():
            rel = f"{folder}/{entry.name}"
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                report.at(rel, 1, 1, f"symlinks are not allowed in {folder}/", "symlink")
            elif entry.name.endswith(".yml") and entry.is_file():
                found[kind].append(Path(entry.path))
            elif entry.name.endswith(".yml") and not entry.is_dir():  # a pipe or a device
                report.at(rel, 1, 1, NOT_A_FILE, "io")
            else:  # a YAML file under another suffix was meant as one: the site would go without it
                stem, _, suffix = entry.name.rpartition(".")
                meant = suffix.lower() in ("yaml", "yml") and entry.is_file()
                report.at(rel, 1, 1, f"{folder}/ holds {kind}s as <id>.yml files; "
                          + (f"rename it to {stem}.yml (it is not read)" if meant else "it is not read"), "layout",
                          "error" if meant else "warning")
    return found


def _cached(cache: FileCache | None, path: Path, source: str, report: Report, check: Callable[[], T]) -> T:
    """``check()``'s result for ``path``; with a cache, an unchanged file's is replayed with
    its diagnostics (and its loaded document, which positions later findings)."""
    if cache is None:
        return check()
    signature, found = cache.get(path)
    if found is not None:
        result, diagnostics, document = found
        report.files_checked += 1
        report.diagnostics.extend(diagnostics)
        if document is not None:
            report.documents[source] = document
        return result
    before = len(report.diagnostics)
    result = check()
    cache.put(path, signature, (result, report.diagnostics[before:], report.documents.get(source)))
    return result


MAX_SCHEMA_PROBLEMS = 100  # per file, as yamlsafe bounds repeated keys and refused characters


def _read(path: Path, source: str, kind: str, schemas: SchemaSet, report: Report) -> tuple[Any, bool]:
    """Read one file strictly and check it against its schema: (data or None, usable)."""
    report.files_checked += 1
    try:
        document = load_file(path)
    except YamlRejected as rejected:
        _report_problems(source, rejected.problems, report)
        return None, False
    except OSError as error:
        report.at(source, 1, 1, f"cannot read file: {error.strerror}", "io")
        return None, False
    report.documents[source] = document
    _report_problems(source, document.problems, report)
    _whole_numbers(document.data)
    errors = schemas.errors(kind, document.data)
    # Read lazily and cut short: 30,000 unknown keys in each of 40 files were 1.3 million
    # messages, each suggesting a field, where a few say what is wrong.
    messages = list(itertools.islice(((message, error.validator) for error in errors
                                      for message in messages_for(error, document.sources, schemas.titles)),
                                     MAX_SCHEMA_PROBLEMS + 1))
    messages, beyond = messages[:MAX_SCHEMA_PROBLEMS], messages[MAX_SCHEMA_PROBLEMS:]
    kept = {id(message) for message in without_knock_ons([message for message, _ in messages])}
    for message, validator in messages:
        if id(message) in kept:
            report.on(source, message.path, message.message, f"schema-{validator}", at_key=message.at_key)
    for message, _ in beyond:
        report.on(source, message.path, f"this file has more problems with its fields than the "
                  f"{MAX_SCHEMA_PROBLEMS} listed; the next is here", MORE_PROBLEMS_RULE, at_key=message.at_key,
                  hint="fix the ones listed and validate again")
    return document.data, not (errors or any(problem.severity == "error" for problem in document.problems))


def _not_hinted(problems: list[YamlProblem], hinted: Mapping[int, list[int]], text: str) -> list[YamlProblem]:
    """The ``problems`` of ``text`` that no hint (its columns by line) places already. A hint
    and the allowlist's refusal of one construct differ by a few columns (the tag, its
    attribute) with no tag, Markdown link or attribute list starting or ending between them; a
    refusal of another construct on the same line stays, one the allowlist placed nowhere
    (1:1) does not. Each problem is compared with the hints beside it only, by bisection: a
    line of thousands of refused tags takes no longer than the rest of its checks."""
    if not hinted:
        return problems
    lines = text.split("\n")
    columns = {line: sorted(places) for line, places in hinted.items()}
    marks = {line: [index for index, character in enumerate(lines[line - 1]) if character in "<>[]{}"]
             for line in hinted if line <= len(lines)}  # 0-based: where a tag, link or attribute list starts or ends

    def in_one_construct(line: int, column: int, other: int) -> bool:
        first, last = sorted((column, other))  # no mark strictly between the two (1-based) columns
        return bisect.bisect_left(marks[line], last - 1) <= bisect.bisect_left(marks[line], first)

    kept = []
    for problem in problems:
        if (problem.line, problem.column, problem.rule) == (1, 1, ALLOWLIST_RULE):
            continue  # one the allowlist could not place (an entity made it): a hint places it
        near = columns.get(problem.line, [])
        at = bisect.bisect_left(near, problem.column)
        if not any(in_one_construct(problem.line, problem.column, column) for column in near[max(at - 1, 0):at + 1]):
            kept.append(problem)
    return kept


def _whole_numbers(value: Any) -> Any:
    """``value`` with every whole float (``60.0``) an int, changed in place: JSON Schema counts
    ``60.0`` an integer, and no field of the content model takes a fraction, so the rules, the
    model and every output see the number the author meant, never ``range(6.0)`` or "Day 30.0"."""
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = _whole_numbers(item)
    elif isinstance(value, list):
        value[:] = map(_whole_numbers, value)
    elif isinstance(value, float) and value.is_integer() and abs(value) < _EXACT_FLOATS:
        return int(value)
    return value  # 1e308 stays as written: it is past every maximum, and reads better so


_EXACT_FLOATS = 2.0**53  # every whole float below it is the integer it looks like


def _load_item(kind: str, path: Path, source: str, name: str, schemas: SchemaSet, options: Options,
               report: Report) -> tuple[Any, Course | Track | Plan | None]:
    """One file through its own checks: (its data or None if unreadable, its model item or
    None if the data fails them). Nothing here depends on other files, so the result of an
    unchanged file can be reused as it is, the same item included."""
    data, usable = _read(path, source, kind, schemas, report)
    if data is None:
        return None, None
    if not rules.check_file(kind, data, name, source, options, report) or not usable:
        return data, None
    model = {"course": Course, "track": Track, "plan": Plan}[kind]
    return data, model.from_data(data, source=source, site_language=options.site_language)


def _report_problems(source: str, problems: list[YamlProblem], report: Report) -> None:
    for problem in problems:
        report.at(source, problem.line, problem.column, problem.message, problem.rule,
                  "warning" if problem.severity == "warning" else "error", problem.hint)


def _check_markdown_file(root: Path, path: Path, options: Options, report: Report,
                         renderer: PageRenderer | None) -> tuple[str, str | None, PageLinks]:
    """Check one Markdown file: (its source name, its text with LF line ends, or None if
    unread, and the addresses it links to, in Markdown and in HTML, if it was rendered).

    Its metadata and size are always checked (MkDocs reads them before any plugin sees the
    page); with a ``renderer`` its body is also rendered and put through the build's
    allowlist, which alone decides. When the allowlist refuses a page, markdown-it's findings
    point at each construct with exact columns; the allowlist's own remain for the
    constructs they do not cover.
    """
    source = _relative(root, path)
    report.files_checked += 1
    try:
        text = read_text(path)
    except SymlinkRefused:  # never read, never published
        report.at(source, 1, 1, "Markdown pages must not be symlinks; replace it with the file itself", "symlink")
        return source, None, NO_LINKS
    except YamlRejected as rejected:  # size and encoding checks are shared with YAML
        _report_problems(source, rejected.problems, report)
        return source, None, NO_LINKS
    except OSError as error:
        report.at(source, 1, 1, f"cannot read file: {error.strerror}", "io")
        return source, None, NO_LINKS
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    page = split_page(text)
    checked = renderer.check(page) if renderer is not None else PageCheck([])
    refused = checked.problems
    hinted: dict[int, list[int]] = {}  # the columns the hints placed, by line
    if any(problem.rule == ALLOWLIST_RULE for problem in refused):  # what the hints can place
        try:
            with RenderBudget(OutOfTime, render_seconds(text)):
                findings = check_markdown(text, allowed_iframe_hosts=options.video_hosts)
        except OutOfTime:  # the hints only place what the allowlist refused: its own places stand
            findings = []
        for finding in findings:
            if finding.line >= page.body_line:  # metadata is text, escaped where it is printed
                report.at(source, finding.line, finding.column, finding.message, f"markdown-{finding.rule}")
                hinted.setdefault(finding.line, []).append(finding.column)
    for problem in page.problems + _not_hinted(refused, hinted, text):
        report.at(source, problem.line, problem.column, problem.message, problem.rule, problem.severity,
                  problem.hint)
    return source, text, checked.links


def course_markdown(course_file: Path, data: Any) -> list[Path]:
    """A course folder's publishable Markdown (index.md and units), read from the raw data
    so that a course failing its schema still gets its Markdown checked in the same run."""
    folder = course_file.parent
    if not isinstance(data, dict):  # unreadable course.yml: check every page it may list
        return sorted(path for path in folder.glob("*.md") if path.is_file() or path.is_symlink())
    index = folder / "index.md"
    mode = rules.own_mode(index)
    files = [index] if mode else []  # a folder or a pipe named index.md is reported as such
    units = data.get("units")
    missing = []
    for unit in units if isinstance(units, list) else ():
        name = unit.get("file") if isinstance(unit, dict) else None
        # A unit that is no Markdown file (course.yml) is reported as such, not read as a page.
        if isinstance(name, str) and name.lower().endswith(".md"):
            if rules.confined_file(folder, name):
                files.append(folder / name)
            elif rules.own_status(folder / name) is None:
                missing.append(name)
    # A unit naming a missing file ("shareing.md"): the page it most likely means is checked too,
    # so its own mistakes are said in this run, not after the name is fixed.
    if missing:
        unlisted = rules.unlisted_pages(folder, rules.listed_files(data))
        files += [folder / meant for name in missing if (meant := rules.likely_meant(name, unlisted))]
    return files


def docs_files(root: Path, report: Report, options: Options) -> list[tuple[Path, str]]:
    """Every file MkDocs would publish from the docs folder, with its path there, checked
    like a material (see :func:`docs_file_problem`); those refused are left out."""
    docs = root / options.docs_dir
    files = []

    def unreadable(error: OSError) -> None:  # MkDocs passes over it too: its pages would be missing
        report.at(_relative(root, Path(error.filename)), 1, 1, f"cannot read folder: {error.strerror}", "io",
                  hint="make it readable")

    for folder, subfolders, names in os.walk(docs, onerror=unreadable) if docs.is_dir() and not linked_folder(
            root, options.docs_dir, report) else ():
        subfolders.sort()
        for name in sorted(names) + [d for d in subfolders if os.path.islink(os.path.join(folder, d))]:
            path = Path(folder, name)
            source = _relative(root, path)
            published_as = os.path.relpath(path, docs).replace(os.sep, "/")
            if (name.startswith(".") and not os.path.islink(path) if options.docs_unpublished is None
                    else published_as in options.docs_unpublished):
                continue  # MkDocs does not publish it
            problem = docs_file_problem(path, published_as, options.site_assets)
            if problem:
                report.at(source, 1, 1, *problem)
            else:
                files.append((path, published_as))
    return files


def docs_file_problem(path: Path, site_path: str, site_assets: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """(message, rule) if MkDocs must not publish this file of the docs folder at ``site_path``:
    a symlink, hard link or unsafe name; anything but a page, a picture or a download, or a
    script or stylesheet that mkdocs.yml loads into every page (``site_assets``). The build
    applies it to every file it publishes from there, validate to what it finds."""
    name = site_path.rpartition("/")[2]
    status = rules.own_status(path)
    if status is not None and stat.S_ISLNK(status.st_mode):
        return "symlinks are never published; replace it with the file itself", "symlink"
    if not rules.SAFE_NAME.fullmatch(name):
        return ("not a safe file name: use ASCII letters and digits, '-', '_' and '.' only, not starting with '.'; "
                "rename it", "file-name")
    if any(not rules.SAFE_NAME.fullmatch(folder) for folder in site_path.split("/")[:-1]):  # in every address
        return ("in a folder whose name is not safe: use ASCII letters and digits, '-', '_' and '.' only, not "
                "starting with '.'; rename the folder", "file-name")
    if problem := rules.windows_name_problem(site_path, "rename it"):
        return problem, "file-name"
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES and path.suffix != suffix:  # MkDocs tells pages by the suffix, in lower case
        return (f"MkDocs takes only '{suffix}' in lower case for a page: it would publish this file as it is, source "
                f"and front matter, at its own name; write the suffix '{suffix}'", "file-name")
    if suffix not in MARKDOWN_SUFFIXES and rules.runs_in_browsers(name):  # a page is rendered, whatever its name
        return ("a document browsers run (it could carry script served from this site); publish it as PDF "
                "or PNG, or write it as a Markdown page", "browser-document")
    site_asset = site_path in site_assets and suffix in rules.SITE_ASSET_SUFFIXES
    if (suffix not in MARKDOWN_SUFFIXES and suffix not in rules.DOCS_FILE_SUFFIXES and name not in rules.DOCS_FILE_NAMES
            and not site_asset):
        return (f"docs/ publishes pages, pictures and downloads only ({', '.join(sorted(rules.DOCS_FILE_SUFFIXES))}); "
                "a script, stylesheet or other file here would replace the theme's own at the same path: remove "
                "it, or list it under extra_css, extra_javascript or extra.polyfills in mkdocs.yml", "docs-file-type")
    if status is not None and status.st_nlink > 1:
        return f"this file {HARD_LINK_MESSAGE}", "hard-link"
    if status is not None and suffix not in MARKDOWN_SUFFIXES and rules.is_lfs_pointer(path, status):
        return f"this file {rules.LFS_POINTER_MESSAGE}", "lfs-pointer"
    if suffix not in MARKDOWN_SUFFIXES and not site_asset and rules.reads_as_markup(path):
        return f"this file {rules.MARKUP_MESSAGE}", "browser-document"
    if site_asset and suffix == ".css" and (address := rules.stylesheet_fetches_elsewhere(path)) is not None:
        return (f"this stylesheet, which every page loads, has every visitor's browser fetch '{address[:80]}' from "
                "another host; publish the file (a font, a picture) in docs/ and give its address relative to the "
                "stylesheet", "third-party")
    return None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a catalog loads.

    Loading makes hundreds of thousands of small objects (parser nodes, positions, data)
    and keeps many of them, so each collection re-walks a growing heap (a fifth of the load
    time of a large catalog). None of them forms a reference cycle. When loading ends, all it
    made is still in the youngest generation, which the next collection would walk whole,
    and its survivors counted towards an early full
    collection: it is moved to the oldest instead (freezing and unfreezing moves every
    object there), where the next full collection frees any cycle made meanwhile. Not while
    anything else is frozen (the preview's heap, see PreviewHeap): that stays frozen.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def load_catalog(options: Options, *, render_pages: bool = False, cache: FileCache | None = None) -> LoadResult:
    """Load and check everything under ``options.root``; the catalog holds only valid items.

    ``render_pages`` also renders every Markdown page with the site's extensions and checks
    it with the allowlist the build applies (``syllabus validate``; the build itself checks
    the HTML it publishes). ``cache`` (kept by the caller between loads with the same
    options) skips unchanged files.
    """
    renderer = PageRenderer(options.markdown, Allowlist(options.video_hosts)) if render_pages else None
    with _collector_paused():
        return _load_catalog(options, renderer, cache)


def _load_catalog(options: Options, renderer: PageRenderer | None, cache: FileCache | None) -> LoadResult:
    """:func:`load_catalog`, step by step: the items, the catalog's own checks, what the
    public site would show of items it leaves out, the course pages, the docs folder, and
    last the links between all of them."""
    loading = _Loading(options, renderer, cache, Report(diagnostics=list(options.site_problems)))
    report = loading.report
    items = loading.read_items()
    catalog, known_ids = items.catalog, items.known_ids
    rules.check_catalog(catalog, options, report, known_ids, items.unusable)
    hidden = _hidden_items(catalog) if options.audience == "public" else None
    visible = catalog.visible_to(options.audience)
    if hidden:
        loading.report_hidden_in_data(visible, items.data_of, hidden)
    texts, links = loading.check_course_pages(items.markdown, visible, hidden)
    docs = loading.check_docs_files(catalog, visible, known_ids, hidden)
    links.update(docs.links)
    if renderer is not None and options.links.checked:  # validate; the build has MkDocs check them
        to_hidden = check_links(links, {**texts, **docs.texts}, catalog, known_ids["course"], docs.published, options,
                                report, for_authors=docs.authoring)
        # Such a link said once, at the link, not again where the path of the course shows in it.
        report.discard(lambda d: d.rule == HIDDEN_REFERENCE_RULE and (d.path, d.line) in to_hidden)
    return LoadResult(catalog=catalog, report=report, markdown=texts, docs_markdown=docs.texts)


class _Items(NamedTuple):
    """What reading the items' files found, which the later steps check against."""
    catalog: Catalog  # the valid items
    known_ids: dict[str, set[str]]  # by kind, each item found, broken ones too
    markdown: list[Path]  # the course pages to check
    unusable: list[tuple[str, str, Any]]  # (kind, source, raw data) of files that failed checks
    data_of: dict[str, Any]  # each item's data, by source


class _PublishedDocs(NamedTuple):
    """What the docs folder publishes on this site, for the link check."""
    published: list[str]  # site paths
    authoring: list[str]  # site paths of the pages for authors and their files, which this site leaves out
    links: dict[str, PageLinks]  # of the published pages, by source
    texts: dict[str, str]  # of the published pages read, by source


@dataclass(frozen=True)
class _Loading:
    """What every step of one load reads: the site's ``options``, the ``renderer`` that
    checks pages (validate's), the ``cache`` of unchanged files, and the ``report`` each
    step adds to; held once so that each step is a method of its own."""
    options: Options
    renderer: PageRenderer | None
    cache: FileCache | None
    report: Report

    def read_items(self) -> _Items:
        """Every course, track and plan file found, through its own checks; the catalog holds
        the valid items, in id order (not the file system's)."""
        options, report = self.options, self.report
        root = options.root
        schemas = build_schema_set(options.taxonomy)
        known_ids: dict[str, set[str]] = {"course": set(), "track": set(), "plan": set()}
        found = discover(root, report, unread=known_ids)
        courses: dict[str, Course] = {}
        tracks: dict[str, Track] = {}
        plans: dict[str, Plan] = {}
        markdown: list[Path] = []
        unusable: list[tuple[str, str, Any]] = []
        data_of: dict[str, Any] = {}
        for kind, paths in found.items():
            for path in paths:
                source = _relative(root, path)
                name = path.parent.name if kind == "course" else path.stem
                known_ids[kind].add(name)  # broken files still "exist" for references to them
                data, item = _cached(self.cache, path, source, report,
                                     lambda: _load_item(kind, path, source, name, schemas, options, report))  # noqa: B023
                if kind == "course":
                    markdown.extend(course_markdown(path, data))
                if data is None:
                    continue
                data_of[source] = data
                if item is None:
                    unusable.append((kind, source, data))
                elif isinstance(item, Course):
                    courses[item.id] = item
                elif isinstance(item, Track):
                    tracks[item.id] = item
                else:
                    plans[item.id] = item
        catalog = Catalog(
            taxonomy=options.taxonomy,
            courses=_in_id_order(courses),
            tracks=_in_id_order(tracks),
            plans=_in_id_order(plans),
            audience=options.audience,
        )
        return _Items(catalog, known_ids, markdown, unusable, data_of)

    def report_hidden_in_data(self, visible: Catalog, data_of: Mapping[str, Any], hidden: _HiddenItems) -> None:
        """Each draft or internal item named in what the public site shows outside pages: the
        fields of the items it publishes (``visible``, their data in ``data_of``) and the
        texts of mkdocs.yml every page shows."""
        for item in (*visible.courses.values(), *visible.tracks.values(), *visible.plans.values()):
            _report_hidden_values(item.source, data_of[item.source], hidden, self.report)
        for site_text in self.options.site_texts:  # an address, as a browser reads one (tabs and line breaks dropped)
            if found := next(hidden.find(as_browsers_read(_as_read(site_text.text))), None):
                self.report.at(site_text.source, site_text.line, site_text.column,
                               f"'{found[1]}' is a draft or internal item, which the public site does not publish; "
                               f"remove it from {site_text.source}, whose value every page shows",
                               HIDDEN_REFERENCE_RULE)

    def check_course_pages(self, markdown: list[Path], visible: Catalog,
                           hidden: _HiddenItems | None) -> tuple[dict[str, str], dict[str, PageLinks]]:
        """Each course page (``markdown``) checked: (the texts read, which the build converts,
        and every page's links, by source). Placeholders and draft items named are errors
        only where this audience's site publishes the page as finished, as in course.yml: a
        draft scaffolded by `syllabus new` shows in the internal site and preview while it is written."""
        published_folders = {course.folder for course in visible.courses.values() if course.status != "draft"}
        texts = {}
        links: dict[str, PageLinks] = {}
        for path in markdown:
            source, text, page_links = self.markdown_file(path)
            links[source] = page_links
            if text is not None:
                texts[source] = text
                published = "/".join(source.split("/")[:2]) in published_folders  # courses/<id>, any unit depth
                rules.check_placeholder_markdown(text, source, published, self.report)
                if hidden and published:
                    _report_hidden_references(source, text, hidden, self.report)
        return texts, links

    def check_docs_files(self, catalog: Catalog, visible: Catalog, known_ids: Mapping[str, set[str]],
                         hidden: _HiddenItems | None) -> _PublishedDocs:
        """Each file of the docs folder (MkDocs reads these itself) checked where it is
        published, and each page as a page: which of them this site publishes, leaving out
        the pages for authors and the files that go with them, as the build does."""
        options, report = self.options, self.report
        generated = _generated_outputs(catalog, options)
        docs = _PublishedDocs(published=[], authoring=[], links={}, texts={})
        docs_pages: dict[str, bool] = {}  # site path -> for authors
        docs_outputs: dict[str, tuple[str, str]] = {}  # what each docs/ file is published as, and its source
        shown = {"course": set(visible.courses), "track": set(visible.tracks), "plan": set(visible.plans)}
        for path, site_path in docs_files(options.root, report, options):
            source = _relative(options.root, path)
            output = output_path(site_path, options.use_directory_urls)
            # Not published: its links are checked once it moves, and the generated page's against itself.
            clash = generated.get(output.casefold())
            if clash is not None:
                report.at(source, 1, 1, f"the site generates {clash[0]} at {clash[1]}; rename or move this file"
                          f"{_IN_CASE_ONLY if clash[1] != output else ''}", "docs-path")
            elif problem := _docs_path_problem(source, site_path, output, docs_outputs, known_ids, shown):
                report.at(problem[0], 1, 1, problem[1], "docs-path")
            docs_outputs.setdefault(output.casefold(), (source, output))
            if path.suffix.lower() not in MARKDOWN_SUFFIXES:
                if clash is None:
                    docs.published.append(site_path)
                continue
            source, text, page_links = self.markdown_file(path)
            if clash is not None:
                continue
            docs_pages[site_path] = text is not None and not options.publishes_authoring_pages and for_authors(text)
            if docs_pages[site_path]:
                docs.authoring.append(site_path)
                continue  # not on this site: the build leaves it out
            docs.published.append(site_path)
            docs.links[source] = page_links
            if text is not None:  # one not read is reported; its links and headings are unknown
                docs.texts[source] = text
            if hidden and text is not None:
                _report_hidden_references(source, text, hidden, report)
        if attached := files_for_authors(docs_pages, docs.published):  # left out with their pages, as the build does
            return docs._replace(published=[path for path in docs.published if path not in attached],
                                 authoring=docs.authoring + sorted(attached))
        return docs

    def markdown_file(self, path: Path) -> tuple[str, str | None, PageLinks]:
        """A course or docs page checked (:func:`_check_markdown_file`), or, unchanged since
        the last load, what checking it found then."""
        return _cached(self.cache, path, _relative(self.options.root, path), self.report,
                       lambda: _check_markdown_file(self.options.root, path, self.options, self.report, self.renderer))


def _in_id_order(items: dict[str, T]) -> dict[str, T]:
    """``items`` by id, in id order: the catalog's order, not the file system's."""
    return {item_id: items[item_id] for item_id in sorted(items, key=id_order)}


def _generated_outputs(catalog: Catalog, options: Options) -> dict[str, tuple[str, str]]:
    """(site path, address) of each page and file the site generates, by address in lower case:
    addresses that differ only in case are one file on macOS and Windows, so a docs file at
    either clashes with it."""
    generated = {(output := output_path(path, options.use_directory_urls)).casefold(): (path, output)
                 for path in generated_pages(catalog, options)}
    generated.update((path.casefold(), (path, path))
                     for path in generated_files(catalog, options.today, options.use_directory_urls))
    return generated


_IN_CASE_ONLY = " (the two differ only in case: one file on macOS and Windows)"


def _docs_path_problem(source: str, site_path: str, output: str, docs_outputs: Mapping[str, tuple[str, str]],
                       known_ids: Mapping[str, set[str]], shown: Mapping[str, set[str]]) -> tuple[str, str] | None:
    """(the file to report, why) if the docs/ file ``source`` may not be published at
    ``site_path``: in a course's folder (its files come from courses/<id>/, and one of the
    same name lost to them silently) or in the folder of a track or plan this site does not
    publish (docs/courses/<draft>/ published the draft's id); nor where another docs/ file
    is published (MkDocs leaves README.md out for its folder's index.md; the build refused
    page.md beside page/index.md). Folders and addresses are compared in lower case (macOS and
    Windows read Courses/ as courses/)."""
    folder, _, rest = site_path.casefold().partition("/")
    item_id = rest.partition("/")[0]
    kind = next((kind for kind, its_folder in ITEM_FOLDERS.items() if its_folder == folder), None)
    if kind and "/" in rest and item_id in known_ids[kind] and (kind == "course" or item_id not in shown[kind]):
        place = (f"in the course's own folder (courses/{item_id}/)" if kind == "course"
                 else f"elsewhere in docs/: this site does not publish {kind} '{item_id}'")
        return source, f"{folder}/{item_id}/ is where {kind} '{item_id}' is published; put the file {place}"
    if (published := docs_outputs.get(output.casefold())) is None:
        return None
    other, other_output = published
    if other_output != output:
        return source, f"{other} is published at {other_output}; rename one of them{_IN_CASE_ONLY}"
    readme = next((name for name in (other, source) if name.rpartition("/")[2].startswith("README.")), None)
    if readme:
        kept = source if readme == other else other
        return readme, f"MkDocs leaves this page out: {kept} is published at {output}; merge the two"
    return source, f"{other} is published at {output} too; rename one of them"


# A path as text shows it: from a folder of items (or "..", from a course page) to where a
# browser would stop reading it (space, quote, bracket, query or fragment).
_SITE_PATH = re.compile(r"""(?<![\w-])(?:courses|tracks|plans|\.\.)[/\\][^\s"'<>()\[\]{}`|?#]*""", re.IGNORECASE)
_NAME = re.compile(r"[\w-]*")  # an id as a path segment starts it: "secret", "secret,", "secret.md"


@dataclass(frozen=True)
class _HiddenItems:
    """The site paths of draft or internal courses, tracks and plans, found the way a browser
    reads a path: ``courses/ID``, ``tracks/ID``, ``plans/ID`` and, from a course page,
    ``../ID``, in any letter case, with ``/`` or ``\\``, and through ``//``, ``./`` and
    ``other/../``. Each path is walked once, segment by segment: time in step with the text."""

    ids: Mapping[str, frozenset[str]]  # by folder ("courses", and ".." for courses seen from one)

    def find(self, text: str) -> Iterator[tuple[int, str]]:
        """(where, the path up to the item's id) for each such path in ``text``."""
        for path in _SITE_PATH.finditer(text):
            if (end := self._end_of_hidden(path.group())) is not None:
                yield path.start(), path.group()[:end]

    def _end_of_hidden(self, path: str) -> int | None:
        folders: list[str] = []  # the path so far, resolved
        end = -1  # where the segment ends in ``path``
        for name in path.lower().replace("\\", "/").split("/"):
            end += len(name) + 1
            if name in ("", "."):
                continue
            if name == "..":
                if folders and folders[-1] != "..":
                    folders.pop()
                else:
                    folders.append(name)
                continue
            if folders and folders[-1] in self.ids:
                item_id = _NAME.match(name).group()  # type: ignore[union-attr]  # matches "" at worst
                if item_id in self.ids[folders[-1]]:
                    return end - len(name) + len(item_id)
            folders.append(name)
        return None


def _hidden_items(catalog: Catalog) -> _HiddenItems | None:
    """The draft or internal items of ``catalog`` by the folder of their pages (None if none)."""
    ids = {folder: frozenset(item.id.lower() for item in items.values() if not item.is_public)
           for folder, items in (("courses", catalog.courses), ("tracks", catalog.tracks), ("plans", catalog.plans))}
    ids[".."] = ids["courses"]
    return _HiddenItems(ids) if any(ids.values()) else None


_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation


def _as_read(text: str) -> str:
    """``text`` as a reader's browser gets its paths: Markdown's backslash escapes undone
    (``courses\\-x`` publishes courses-x), then as any text is read."""
    return as_text_read(_MARKDOWN_ESCAPE.sub(r"\1", text))


def _report_hidden_values(source: str, data: Any, hidden: _HiddenItems, report: Report,
                          path: tuple[str | int, ...] = ()) -> None:
    """The same in a published item's YAML: a material's or session's URL, an outcome, a
    plan item's note is published as written."""
    if isinstance(data, str):
        if found := next(hidden.find(_as_read(data)), None):
            report.on(source, path, f"{dotted(path)}: '{found[1]}' is a draft or internal item, which the public "
                      "site does not publish; remove it from this public page's data", HIDDEN_REFERENCE_RULE)
    elif isinstance(data, Mapping):
        for key, value in data.items():
            _report_hidden_values(source, value, hidden, report, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _report_hidden_values(source, value, hidden, report, (*path, index))


def _report_hidden_references(source: str, text: str, hidden: _HiddenItems, report: Report) -> None:
    """A public page may not link to (or name the path of) what a public build leaves out,
    escaped or encoded or not (placed in the text as read: the same line unless it encodes
    one)."""
    text = _as_read(text)
    for start, found in hidden.find(text):
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        report.at(source, line, column, f"'{found}' is a draft or internal item, which the public "
                  "site does not publish; remove the link (and its id) from this public page", HIDDEN_REFERENCE_RULE)
