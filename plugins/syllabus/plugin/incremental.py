"""What the author preview keeps between rebuilds, so an edit costs what it changes.

``mkdocs serve`` rebuilds the whole site after every change. At a thousand courses, rendering
every page and indexing the site for search would take seconds, so the plugin keeps the
final HTML of course and unit pages (thousands of them, none in the navigation); on the
next rebuild a page is published from that copy, instead of being rendered again, when
nothing it shows can have changed (its course, the courses it names, the tracks and plans
listing it, its Markdown, and what frames every page: options, the navigation's tracks and
plans, the hand-written pages, mkdocs.yml).
It also keeps what each unchanged course gave to catalog.json and the calendars, compiled
templates, and it indexes the site for search after the rebuilt pages are served.
"""

from __future__ import annotations

import gc
import logging
import os
import posixpath
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit, urlunsplit
from xml.etree import ElementTree as ET

import jinja2
import jinja2.bccache
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..core.model import Catalog, Course
from ..core.pages import linking_attribute
from ..core.published import course_site_path
from ..core.rules import COURSE_PAGE
from .site_search import BUNDLE, TIMEOUT_SECONDS, SearchSource, index_command, index_failure

log = logging.getLogger("mkdocs.plugins.syllabus")
T = TypeVar("T")


def _linked_courses(course: Course) -> set[str]:
    """The course and every course its page names."""
    linked = {course.id, *course.prerequisites, *course.recommended_next, *course.translations.values()}
    if course.on_demand is not None and course.on_demand.course:
        linked.add(course.on_demand.course)
    return linked


def _markdown_sources(course: Course) -> list[str]:
    return [f"{course.folder}/index.md", *(f"{course.folder}/{unit.file}" for unit in course.units)]


def course_page_uris(course: Course) -> list[str]:
    """The generated pages of a course (as ``structure.course_pages`` names them)."""
    return [course_site_path(course, name) for name in (COURSE_PAGE, *(unit.file for unit in course.units))]


def _changed(now: Mapping[str, Course], before: Mapping[str, Course]) -> set[str]:
    """Ids added, removed or edited (an unchanged file gives the very same item)."""
    return {key for key in now.keys() | before.keys()
            if (item := now.get(key)) is not before.get(key) and item != before.get(key)}


@dataclass
class RenderedPages:
    """Final HTML of course and unit pages from earlier builds, and what they were built from."""

    html: dict[str, str] = field(default_factory=dict)
    catalog: Catalog | None = None
    markdown: Mapping[str, str] = field(default_factory=dict)
    frame: Any = None
    _pending: tuple[Catalog, Mapping[str, str], Any] | None = None

    @staticmethod
    def keeps(src_uri: str) -> bool:
        """Whether a generated page's HTML is kept: course and unit pages. Other generated
        pages are few and in the navigation, where only pages MkDocs renders belong."""
        return src_uri.startswith("courses/")

    def reusable(self, catalog: Catalog, markdown: Mapping[str, str], frame: Any) -> set[str]:
        """The course and unit pages whose kept HTML is what rendering them again would give."""
        self._pending = (catalog, markdown, frame)
        previous = self.catalog
        if previous is None or frame != self.frame:
            self.html.clear()
            return set()
        changed = _changed(catalog.courses, previous.courses)
        tracks_now, tracks_before = catalog.tracks_by_course, previous.tracks_by_course
        plans_now, plans_before = catalog.plans_by_course, previous.plans_by_course
        reusable: set[str] = set()
        for course in catalog.courses.values():
            if (_linked_courses(course) & changed
                    or tracks_now.get(course.id, ()) != tracks_before.get(course.id, ())
                    or plans_now.get(course.id, ()) != plans_before.get(course.id, ())
                    or any(markdown.get(s) != self.markdown.get(s) for s in _markdown_sources(course))):
                continue
            reusable.update(uri for uri in course_page_uris(course) if uri in self.html)
        return reusable

    def keep(self, src_uri: str, html: str) -> None:
        self.html[src_uri] = html

    def forget(self, src_uri: str) -> None:
        """Render the page again next time (what it was kept as may be older than this build)."""
        self.html.pop(src_uri, None)

    def built(self, published: Iterable[str]) -> None:
        """The build finished: its inputs are what the kept pages show; forget removed pages."""
        if self._pending is not None:
            self.catalog, self.markdown, self.frame = self._pending
            self._pending = None
        current = set(published)
        for uri in [uri for uri in self.html if uri not in current]:
            del self.html[uri]


class KeptPageLinks(Extension):
    """Serving: a link from a page rendered again to a course page kept as HTML.

    A kept page is published as its HTML file (``courses/x/index.html``), not as its Markdown
    page, so MkDocs would not find ``../x/index.md`` among the site's pages: it would warn and
    publish the link as written, which leads nowhere. Before MkDocs resolves the links
    (priority 1, after the inline patterns made them), such a link is pointed at the kept
    page's file, which MkDocs then resolves to its URL. ``page`` is the site path of the page
    being converted; ``kept`` the kept pages' files by the site path of their Markdown.
    """

    def __init__(self) -> None:
        super().__init__()
        self.page = ""
        self.kept: dict[str, str] = {}

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_ToKeptPages(md, self), "syllabus_kept_page_links", 1)


class _ToKeptPages(Treeprocessor):
    def __init__(self, md: Markdown, extension: KeptPageLinks) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: ET.Element) -> None:
        kept, here = self.extension.kept, posixpath.dirname(self.extension.page)
        if not kept:
            return
        for element in root.iter():
            url = element.get(attribute) if (attribute := linking_attribute(element.tag)) else None
            if not url or url.startswith(("/", "\\")):
                continue
            try:
                scheme, netloc, path, query, fragment = urlsplit(url)
            except ValueError:
                continue
            target = posixpath.normpath(posixpath.join(here, unquote(path)))
            if not scheme and not netloc and path and target in kept:
                element.set(attribute, urlunsplit(("", "", posixpath.relpath(kept[target], here or "."), query,
                                                   fragment)))


class PerCourse:
    """Values made from one course alone: catalog.json's entry, the session calendars' events
    (which the feeds and each session's own file share). A build keeps them for its own
    outputs; the preview keeps them between rebuilds while the catalog holds the very same
    course item (the file cache hands back the same item for an unchanged file, so identity
    says "unchanged" without comparing). Each function is called as
    ``function(course, *arguments)``, and a kept value is reused only for the same course item
    and equal arguments."""

    def __init__(self) -> None:
        self._kept: dict[tuple[Callable[..., Any], str], tuple[Course, tuple[Any, ...], Any]] = {}

    def remembering(self, function: Callable[..., T]) -> Callable[..., T]:
        def remembered(course: Course, *arguments: Any) -> T:
            key = (function, course.id)
            kept = self._kept.get(key)
            if kept is not None and kept[0] is course and kept[1] == arguments:
                return kept[2]
            value = function(course, *arguments)
            self._kept[key] = (course, arguments, value)
            return value
        return remembered

    def forget_others(self, catalog: Catalog) -> None:
        """Drop what was kept for courses the catalog no longer holds."""
        for key in [key for key in self._kept if key[1] not in catalog.courses]:
            del self._kept[key]


def page_frame(catalog: Catalog, options: Any, config_file: str | None, documents: Iterable[tuple[str, str]]) -> Any:
    """What every page shows around its content, as comparable values: the options, the
    navigation's tracks and plans, the hand-written pages (by path and modification time,
    since their titles come from their text) and mkdocs.yml's modification time."""
    config_mtime = os.stat(config_file).st_mtime_ns if config_file else None
    documents_mtimes = tuple((uri, os.stat(path).st_mtime_ns if path else 0) for uri, path in sorted(documents))
    return (options, catalog.audience, config_mtime, documents_mtimes,
            tuple((track.id, track.title) for track in catalog.tracks.values()),
            tuple((plan.id, plan.title) for plan in catalog.plans.values()))


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled Jinja templates kept in memory between serve rebuilds: MkDocs makes a new
    theme environment for every build, which would otherwise parse and compile Material's
    templates again each time. Entries are keyed by the template source's checksum, so an
    edited template is compiled afresh."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.compiled.get(bucket.key + bucket.checksum)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key + bucket.checksum] = bucket.bytecode_to_string()


class BackgroundSearchIndex:
    """The preview's search index, made while its pages are already served.

    Pagefind reads the whole site after every build, which at a thousand courses takes
    longer than the rest of a preview rebuild. So the preview publishes its pages with the
    previous index, and Pagefind indexes the new site in the background, into a folder next
    to it that replaces the published index when it is done. MkDocs cleans the site folder
    before each build but leaves dot-named entries, so the published index is moved aside
    under a dot name for the build and comes back with the new pages. A rebuild that starts
    while Pagefind still runs stops it first: it is indexing pages about to be replaced.
    """

    ASIDE = ".syllabus-search"  # the published index while a build runs
    NEXT = ".syllabus-search-next"  # Pagefind's output until it is complete
    OLD = ".syllabus-search-old"  # the replaced index, removed after the swap

    def __init__(self) -> None:
        self._lock = threading.Lock()  # held to start, stop or swap the index
        self._process: subprocess.Popen[str] | None = None
        self._thread: threading.Thread | None = None

    def set_aside(self, site: Path) -> None:
        """Before a build: stop indexing and keep the published index from the clean-up."""
        self.stop(site)
        if (site / BUNDLE).is_dir():
            shutil.rmtree(site / self.ASIDE, ignore_errors=True)
            os.replace(site / BUNDLE, site / self.ASIDE)

    def start(self, site: Path, source: SearchSource) -> None:
        """After a build: publish the previous index at once, and index the new site from
        ``source`` (its pages in their languages, as a build indexes them), which this index
        removes when it is done."""
        self.stop(site)
        if (site / self.ASIDE).is_dir() and not (site / BUNDLE).exists():
            os.replace(site / self.ASIDE, site / BUNDLE)
        source.add_the_rest(site)
        command = index_command(source.root, site / self.NEXT, keep_index_url=source.keep_index_url)
        with self._lock:
            try:
                self._process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            except OSError as error:
                log.error(f"syllabus: Pagefind could not index the preview ({command[0]}): {error}")
                source.close()
                return
            self._thread = threading.Thread(target=self._finish, args=(self._process, command, site, source),
                                            name="syllabus-search-index", daemon=True)
            self._thread.start()

    def _finish(self, process: subprocess.Popen[str], command: list[str], site: Path, source: SearchSource) -> None:
        try:
            self._swap(process, command, site)
        finally:
            source.close()

    def _swap(self, process: subprocess.Popen[str], command: list[str], site: Path) -> None:
        """Wait for Pagefind; publish its index if it is the latest and complete."""
        try:
            output, _ = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:  # reported below by its exit status
            process.kill()
            output, _ = process.communicate()
        with self._lock:
            if process is not self._process:  # stopped: a newer build is on its way
                return
            self._process = None
            if (failure := index_failure(command, process.returncode, output, site / self.NEXT)) is not None:
                log.error(f"syllabus: the preview's search index is not up to date: {failure}")
                return
            if (site / BUNDLE).exists():
                os.replace(site / BUNDLE, site / self.OLD)
            os.replace(site / self.NEXT, site / BUNDLE)
            shutil.rmtree(site / self.OLD, ignore_errors=True)
            PreviewHeap.settle()  # the preview is idle now, as far as it can tell

    def stop(self, site: Path | None = None) -> None:
        """Stop a running index and wait for it; its partial output is removed."""
        with self._lock:
            process, thread, self._process, self._thread = self._process, self._thread, None, None
            if process is not None:
                process.terminate()
        if thread is not None:
            thread.join()
        if site is not None:
            shutil.rmtree(site / self.NEXT, ignore_errors=True)


class PreviewHeap:
    """Python's cycle collector while the preview rebuilds.

    A full collection walks every tracked object, and a rebuild of a large catalog makes
    enough of them to start one or two, each longer than much of the rebuild. So the
    collector is paused while a rebuild runs (as while a catalog loads), and the garbage is
    collected once the preview is idle, after which everything still alive (what the preview
    keeps between rebuilds, MkDocs and its plugins) is frozen out of later collections.
    Frozen objects that become garbage are freed by reference counting as usual; a cycle
    among them waits for the next idle collection, so nothing piles up across rebuilds.
    """

    def __init__(self) -> None:
        self._resume = False  # the collector was on when the rebuild paused it

    def pause(self) -> None:
        if not self._resume and gc.isenabled():
            gc.disable()
            self._resume = True

    def resume(self) -> None:
        if self._resume:
            gc.enable()
            self._resume = False

    @staticmethod
    def settle() -> None:
        """Collect what earlier rebuilds left behind and freeze what survives."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
