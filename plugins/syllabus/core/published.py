"""What the site publishes from course folders, by site path, and pages' relative links
checked against it the way MkDocs checks them, so ``syllabus validate`` reports a broken
link with the other problems instead of leaving it to ``mkdocs build --strict``.

A course folder's site path is its catalog path (``courses/<id>/``), so a link resolves the
same way from the repository and from the site. Every relative link of a course or docs
page is checked against the whole site: the docs folder, the generated pages and downloads,
and the theme's files.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import os
import posixpath
import re
import stat
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple
from urllib.parse import SplitResult, unquote, urlsplit

from markdown.util import AMP_SUBSTITUTE

from .config import Options
from .html_allowlist import as_browsers_read
from .model import Catalog, Course, Plan, Session, Track, Unit
from .pages import MARKDOWN_SUFFIXES, NO_LINKS, PageLinks, body_line, has_body
from .report import Report
from .rules import (
    COURSE_PAGE,
    IMAGE_SUFFIXES,
    MISSING_FILE_HINT,
    confined_file,
    file_problem,
    material_problem,
    own_mode,
)
from .schema_messages import did_you_mean, suggested

LINK_RULE = "link"


class BadLink(NamedTuple):
    """What is wrong with a link, for the trainer: a message and a hint."""

    message: str
    hint: str
    to_unpublished: bool = False  # a draft or internal item, whose path a public page may not show


# Pages the site generates, by site path (their Markdown source's, as MkDocs names files).
CATALOG_PAGE = "catalog/index.md"
INSIGHTS_PAGE = "insights/index.md"
REFERENCE_PAGE = "reference/fields/index.md"
HOME_PAGES = ("index.md", "README.md")  # the docs folder's (MkDocs takes either), framed by home.html

# The places the templates add around a page's Markdown body (each a name course.html,
# unit.html and home.html give ``anchor()``; where the body has a heading of the same
# name, the template's becomes name_1): a link may reach them from any page. Which ones a
# page shows, _sections_of says.
SECTION_ANCHORS = {
    "course": frozenset({"title", "about", "before-you-start", "outcomes", "sessions", "units", "materials",
                         "credential", "next-steps"}),
    "unit": frozenset({"title", "units-of-course"}),
    "home": frozenset({"top", "roles", "next-sessions", "latest-courses", "tracks", "plans", "how-it-works"}),
}


def course_sections(course: Course, catalog: Catalog, *, has_body: bool) -> frozenset[str]:
    """The sections of SECTION_ANCHORS["course"] that ``course``'s page shows: course.html
    shows each where this says, and validate checks a link to one by it."""
    shown = {
        "title": True,
        "before-you-start": bool(course.prerequisites),
        "outcomes": bool(course.outcomes),
        "sessions": catalog.taxonomy.is_live(course.format),
        "units": bool(course.units),
        "about": has_body,
        "materials": bool(course.materials),
        "credential": course.credential is not None,
        "next-steps": bool(course.recommended_next or catalog.tracks_by_course.get(course.id)
                           or catalog.plans_by_course.get(course.id)
                           or any(other in catalog.courses for other in course.translations.values())),
    }
    return frozenset(name for name, showing in shown.items() if showing)


def anchors_beside(taken: Collection[str]) -> Callable[[str], str]:
    """Ids for a template's own sections that the page's Markdown body has not ``taken``: a
    body heading "Before you start" keeps its anchor, and the template's section of that
    name becomes ``before-you-start_1``, as Markdown numbers a repeated heading."""
    def anchor(name: str) -> str:
        candidate, count = name, 0
        while candidate in taken:
            count += 1
            candidate = f"{name}_{count}"
        return candidate
    return anchor


def course_page(course_id: str) -> str:
    """The site folder of a course's page (``courses/<id>/``): its address with directory
    URLs, and the folder of its files (units, materials, session calendars)."""
    return f"courses/{course_id}/"


def course_site_path(course: Course, name: str) -> str:
    """The site path of the file ``name`` (relative to the course folder) of ``course``."""
    return course_page(course.id) + name


def unit_address(course: Course, unit: Unit, use_directory_urls: bool) -> str:
    """The site address of a unit's page, as MkDocs publishes it: ``courses/x/lab/``, or
    without directory URLs the file, ``courses/x/lab.html``."""
    if use_directory_urls:
        return course_site_path(course, f"{unit.slug}/" if unit.slug else "")
    return course_site_path(course, output_path(unit.file, use_directory_urls=False))


def track_page(track_id: str) -> str:
    return f"tracks/{track_id}/"


def plan_page(plan_id: str) -> str:
    return f"plans/{plan_id}/"


def track_site_path(track: Track) -> str:
    return track_page(track.id) + "index.md"


def plan_site_path(plan: Plan) -> str:
    return plan_page(plan.id) + "index.md"


# Files the site generates besides its pages, by site path.
CATALOG_DOCUMENT = "catalog.json"
COURSES_FEED = "courses.xml"
PLAN_DOWNLOADS = ("md", "csv", "ics")  # plans/<id>/plan.<format>


def sessions_feed_path(role: str | None = None) -> str:
    """The calendar of every upcoming session, or of those for ``role``."""
    return f"sessions-{role}.ics" if role else "sessions.ics"


def plan_download_path(plan: Plan, file_format: str) -> str:
    return plan_page(plan.id) + f"plan.{file_format}"


def session_calendar_path(course: Course, session: Session) -> str:
    return course_site_path(course, f"sessions/{session.key}.ics")


def redirects(course: Course, use_directory_urls: bool) -> dict[str, tuple[str, str]]:
    """Each page ``course`` had under an old id (``redirect_from``), kept as a page that sends
    readers on, by the file that keeps it: (the old address, the address it moved to). The
    course's page and each unit's: a bookmarked unit leads to the same unit."""
    kept = {}
    for old in course.redirect_from:
        before = replace(course, id=old)
        kept[course_site_path(before, "index.html")] = (course_page(old), course_page(course.id))
        for unit in course.units:
            output = output_path(course_site_path(before, unit.file), use_directory_urls)
            kept.setdefault(output, (unit_address(before, unit, use_directory_urls),
                                     unit_address(course, unit, use_directory_urls)))
    return kept


def has_calendar(catalog: Catalog, course: Course, session: Session) -> bool:
    """Whether the course page offers "Add to calendar" for an upcoming ``session``: one open
    for registration (a full or cancelled session is no date to keep)."""
    return catalog.taxonomy.is_live(course.format) and session.is_bookable


def generated_files(catalog: Catalog, today: dt.date, use_directory_urls: bool) -> set[str]:
    """The site path of every file the site generates for ``catalog`` besides its pages."""
    files = {CATALOG_DOCUMENT, COURSES_FEED, sessions_feed_path(),
             *map(sessions_feed_path, catalog.taxonomy_in_use.roles)}
    for plan in catalog.plans.values():
        files.update(plan_download_path(plan, file_format) for file_format in PLAN_DOWNLOADS)
    for course in catalog.courses.values():
        files.update(session_calendar_path(course, session) for session in course.upcoming_sessions(today)
                     if has_calendar(catalog, course, session))
        files.update(redirects(course, use_directory_urls))
    return files


def output_path(site_path: str, use_directory_urls: bool) -> str:
    """The file MkDocs writes for the site path of a page or file: ``a/b.md`` as
    ``a/b/index.html`` (``a/b.html`` without directory URLs), ``index.md`` and ``README.md``
    as their folder's ``index.html``; any other file as it is."""
    folder, name = posixpath.split(site_path)
    if not name.endswith(MARKDOWN_SUFFIXES):  # as MkDocs tells pages, letter case included
        return site_path
    stem = posixpath.splitext(name)[0]
    if stem in ("index", "README"):
        return posixpath.join(folder, "index.html")
    return posixpath.join(folder, stem, "index.html") if use_directory_urls else posixpath.join(folder, f"{stem}.html")


# What MkDocs writes for every Material site besides its files: the theme's static templates.
THEME_OUTPUTS = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz"})
OUTSIDE = ".."  # where link_target says a link leads that leaves the site


def link_target(url: str, page_output: str, site_url: str, outputs: frozenset[str]) -> str | None:
    """Where a link leads that a visitor follows as published: ``url`` on the page MkDocs
    wrote to ``page_output`` (``courses/a/b/index.html``), resolved as browsers resolve it
    (RFC 3986 on the still-encoded path, "\\" read as "/", ".." stopping at the host's root),
    as a path in the site ("courses/a/c/", "x.png", "" for the home page), :data:`OUTSIDE`
    if it leaves the site; None for another site, an e-mail address or an anchor on the page.
    The site is served from ``site_url``, so a full address on its host below its path
    (``https://academy.example/courses/x/``) is a link into the site too, where the site
    publishes anything under its first segment (``outputs``: the site's files); elsewhere
    on that host it may well be another site's (a GitHub Pages project beside an
    organisation's), which the build knows nothing of."""
    try:
        scheme, netloc, path, _, _ = urlsplit(_special_address(as_browsers_read(url), site_url))
    except ValueError:  # reported as not a valid address
        return None
    full = bool(scheme or netloc)
    if full and not _on_site_host(scheme, netloc, site_url):
        return None
    if not path and not full:
        return None
    root = _served_from(site_url)
    page = root + page_output
    resolved = _without_dot_segments(path if path.startswith("/") else page[: page.rfind("/") + 1] + path)
    if not (resolved + "/").startswith(root):
        return None if full else OUTSIDE
    target = unquote(resolved[len(root):])
    return None if full and target.split("/", 1)[0] not in _first_segments(outputs) else target


def _special_address(url: str, site_url: str) -> str:
    """``url`` as the URL standard reads an http(s) address whose "//" is missing or more: on
    a page served over the same scheme, one without "//" is relative (``https:secret/`` is
    ``secret/``); otherwise any run of slashes, or none, comes before the host (``http:host/x``
    and ``https:////host/x`` are ``http://host/x`` and ``https://host/x``). Without a site_url
    the page's scheme is unknown: either is taken for its own."""
    scheme, colon, rest = url.partition(":")
    if not colon or scheme.lower() not in {"http", "https"}:
        return url
    if urlsplit(site_url).scheme.lower() in {"", scheme.lower()} and not rest.startswith("//"):
        return rest
    return f"{scheme}://{rest.lstrip('/')}"


@functools.lru_cache(maxsize=4)
def _first_segments(outputs: frozenset[str]) -> frozenset[str]:
    """What the site publishes at its top: "" (its home), its top files and folders; found
    once per set of files (a frozenset's hash is kept), not per link."""
    return frozenset({"", *(output.split("/", 1)[0] for output in outputs)})


def _on_site_host(scheme: str, netloc: str, site_url: str) -> bool:
    """Whether a full address is on the host (and port) ``site_url`` names, over either
    http or https (a site moved to https is still linked with http:// here and there), as
    browsers compare them: letter case, a final dot, a port that is the scheme's own and a
    user name aside."""
    try:
        site, link = urlsplit(site_url), urlsplit(f"//{netloc}")
        return bool(site.hostname) and scheme.lower() in {"http", "https", ""} and \
            _host_and_port(link, scheme or site.scheme) == _host_and_port(site, site.scheme)
    except ValueError:  # an odd port or host: reported elsewhere, or another site's
        return False


def _host_and_port(parts: SplitResult, scheme: str) -> tuple[str, int | None]:
    port = parts.port
    return (parts.hostname or "").rstrip("."), None if port == _DEFAULT_PORTS.get(scheme.lower()) else port


_DEFAULT_PORTS = {"http": 80, "https": 443}


_DOTS = {".": 1, "%2e": 1, "..": 2, ".%2e": 2, "%2e.": 2, "%2e%2e": 2}  # browsers decode %2e in dot segments


@functools.lru_cache(maxsize=8)
def _served_from(site_url: str) -> str:
    """The path the site is served from ("/", "/academy/"), from mkdocs.yml's site_url."""
    prefix = urlsplit(site_url).path.strip("/")
    return f"/{prefix}/" if prefix else "/"


def _without_dot_segments(path: str) -> str:
    """An absolute path with its "." and ".." segments applied (RFC 3986, 5.2.4): empty
    segments stay, and ".." at the root stays at the root."""
    kept: list[str] = []
    segments = path.split("/")[1:]
    for segment in segments:
        dots = _DOTS.get(segment.lower())
        if dots == 2 and kept:
            kept.pop()
        elif dots is None:
            kept.append(segment)
    folder = bool(segments) and _DOTS.get(segments[-1].lower()) is not None  # "a/.." names the folder a/
    return "/" + "/".join(kept) + ("/" if folder and kept else "")


def is_published(target: str, outputs: Collection[str]) -> bool:
    """Whether a server of the site's files answers the ``link_target`` ``target``: with
    that file, or with a folder's ``index.html`` (its address with or without the "/")."""
    folder = target.rstrip("/")
    return (not target.endswith("/") and target in outputs) or posixpath.join(folder, "index.html") in outputs


def generated_pages(catalog: Catalog, options: Options) -> set[str]:
    """The site path of every page the site generates for ``catalog``: a page in docs/ at
    one of them would be replaced (the build refuses it)."""
    pages = {CATALOG_PAGE, *map(track_site_path, catalog.tracks.values()), *map(plan_site_path, catalog.plans.values())}
    if options.publishes_insights:
        pages.add(INSIGHTS_PAGE)
    if options.publishes_authoring_pages:
        pages.add(REFERENCE_PAGE)
    for course in catalog.courses.values():
        pages.update(course_site_path(course, name) for name in (COURSE_PAGE, *(unit.file for unit in course.units)))
    return pages


def course_files(catalog: Catalog, root: Path, markdown: Mapping[str, str],
                 use_directory_urls: bool = True) -> list[tuple[str, Path]]:
    """The files of the catalog's course folders published as they are, as (site path,
    source): the materials a course names, and the images its Markdown mentions by file name
    (a picture the text never mentions stays private), never the folder wholesale. They are
    site files, so MkDocs resolves a unit's links to them (``[handout](handout.pdf)``,
    ``![diagram](diagram.png)``) as it does links between pages. An image is published when
    a page writes its path (relative to that page's file, or to the page as published, which
    is how a browser reads an ``<img>`` written in HTML; as a link or as text, outside
    comments and code), not its name alone."""
    published = []
    for course in catalog.courses.values():
        folder = root / course.folder
        names = [material.file for material in course.materials if material.file]
        shown = set()  # image paths the pages write, relative to the course folder
        for page in (COURSE_PAGE, *(unit.file for unit in course.units)):
            folders = {posixpath.dirname(page), posixpath.dirname(output_path(page, use_directory_urls))}
            shown_text = _UNSHOWN.sub("", markdown.get(f"{course.folder}/{page}", ""))
            written = _IMAGE_PATH.findall(shown_text) if _IMAGE_SUFFIX.search(shown_text) else []
            shown.update(posixpath.normpath(posixpath.join(here, path)) for here in folders for path in written)
        if shown:
            names += [name for name in _files_in(folder) if name in shown]
        published += [(course_site_path(course, name), folder / name)
                      for name in dict.fromkeys(names) if confined_file(folder, name)]
    return published


# What a page writes but never shows: HTML comments, <pre> and fenced code blocks (also in
# quotes), code spans. Not indented code: a list item's paragraphs are indented alike. Each
# runs to the end of the page if never closed (as a fence does): a pattern that had to find
# its close would search on from each of thousands of unclosed fences (quadratic).
_UNSHOWN = re.compile(r"<!--.*?(?:-->|\Z)|<pre\b.*?(?:</pre>|\Z)|^[ \t>]*(`{3,}|~{3,}).*?(?:^[ \t>]*\1[ \t]*$|\Z)"
                      r"|``[^\n]*?``|`[^`\n]*`", re.DOTALL | re.MULTILINE | re.IGNORECASE)
# A path to an image as a page writes it: safe-name characters and "/", ending in an image
# suffix (a whole word: "data.png" is not "a.png", "notes/diagram.png" not "diagram.png").
_IMAGE_END = r"\.(?:" + "|".join(sorted(s[1:] for s in IMAGE_SUFFIXES)) + r")(?![\w.-])"
_IMAGE_PATH = re.compile(r"(?<![\w./-])[\w./-]+" + _IMAGE_END, re.IGNORECASE)
# Its end alone: a page that writes none (most) is not searched for paths, a search that
# tries every word (far slower than the search for the end).
_IMAGE_SUFFIX = re.compile(_IMAGE_END, re.IGNORECASE)


def _files_in(folder: Path) -> Iterator[str]:
    """Files under ``folder``, as paths relative to it (symlinked folders are not entered)."""
    for parent, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            yield os.path.relpath(os.path.join(parent, name), folder).replace(os.sep, "/")


def check_links(links: Mapping[str, PageLinks], texts: Mapping[str, str], catalog: Catalog,
                known_courses: set[str], docs_files: Collection[str], options: Options,
                report: Report, *, for_authors: Collection[str] = ()) -> set[tuple[str, int]]:
    """Report each relative link of the pages in ``links`` (their addresses in page order, by
    catalog-relative source; ``texts`` are the pages' sources) to a file the site will not
    have: what MkDocs warns about (``validation.links.not_found``), so ``--strict`` fails;
    and each link MkDocs publishes as written (a folder-style or absolute address, or one
    written in HTML) that leads nowhere from the published page, which the build fails on too.
    The site is the audience's: a public page linking a draft course's page fails the public
    build. A hidden course's own pages are checked against the whole catalog, as the build
    that publishes them sees it. ``known_courses`` are the course folders found, including
    those whose course.yml failed its checks (reported already); ``docs_files`` the site
    paths of what the docs folder publishes. Returns the (source, line) of each link it
    reported to a draft or internal course. ``for_authors``: the docs pages this site leaves
    out as ``authoring: true``."""
    def site_of(shown: Catalog) -> _Site:
        pages = {path for path, _ in course_files(shown, options.root, texts, options.use_directory_urls)}
        pages |= generated_pages(shown, options)
        generated = generated_files(shown, options.today, options.use_directory_urls)
        return _Site(pages | set(docs_files), generated, options, set(for_authors), unpublished_items(catalog, shown))

    visible = catalog.visible_to(options.audience)
    hidden_folders = {course.folder for course in catalog.courses.values() if course.id not in visible.courses}
    visible_site = site_of(visible)
    whole_site = site_of(catalog) if hidden_folders else visible_site
    docs = f"{options.docs_dir}/"
    rendered = {course_site_path(course, COURSE_PAGE): NO_LINKS for course in catalog.courses.values()}  # no body
    # Not a page that could not be read (reported already): which headings it has is unknown.
    rendered.update((source.removeprefix(docs), page_links) for source, page_links in links.items() if source in texts)
    courses_at = {course_site_path(course, COURSE_PAGE): course for course in catalog.courses.values()}

    def sections_of(target: str) -> frozenset[str]:
        return _sections_of(target, rendered[target], courses_at.get(target), texts, visible, catalog)
    problems: dict[tuple[bool, str, str, bool], BadLink | None] = {}  # by (hidden, page, address, in HTML)
    anchor_problems: dict[tuple[bool, str, str, bool], BadLink | None] = {}
    suggest = _IdSuggestions()
    to_hidden: set[tuple[str, int]] = set()
    for source, page_links in links.items():
        seen: dict[str, int] = {}
        places: _Places | None = None  # made for a page with a broken link only
        hidden = "/".join(source.split("/")[:2]) in hidden_folders
        shown, site = (catalog, whole_site) if hidden else (visible, visible_site)
        page = source.removeprefix(docs) if source.startswith(docs) else source
        check = _LinkCheck(page, site, shown, catalog, known_courses, options)
        for url, in_html in [*((url, False) for url in page_links.markdown), *((url, True) for url in page_links.html)]:
            nth = seen[url] = seen.get(url, -1) + 1
            key = (hidden, page, url, in_html)
            if key not in problems:
                problems[key] = check.problem(url, in_html=in_html)
            problem = problems[key]
            severity = "error"
            if problem is None and not in_html and options.links.anchors is not None and "#" in url:
                if key not in anchor_problems:
                    anchor_problems[key] = _anchor_problem(page, url, rendered, sections_of, suggest,
                                                           from_docs=options.links.absolute_from_docs)
                problem, severity = anchor_problems[key], options.links.anchors
            if problem:
                places = places or _Places(texts.get(source, ""))
                line, column = places.of(url, nth)
                report.at(source, line, column, problem[0], LINK_RULE, severity, hint=problem[1])
                if problem.to_unpublished:
                    to_hidden.add((source, line))
    _check_nav(options, visible_site, report)
    return to_hidden


def _check_nav(options: Options, site: _Site, report: Report) -> None:
    """Report each nav entry that is no page of ``site``: MkDocs (or the plugin, for a page
    left out) warns of each, so ``--strict`` fails."""
    for entry in options.nav:
        if entry.target in site.paths:
            continue
        if entry.target in site.unpublished or entry.target in site.for_authors:
            why = "is left out of this build (exclude_docs, draft_docs or authoring: true)"
            hint = "take it out of the nav, or publish the page"
        else:
            why = f"is no page of this site{site.suggestion(entry.target, entry.target, '.')}"
            hint = ("name a file of the docs folder, relative to it, or a page Syllabus makes (catalog/index.md, "
                    "tracks/<id>/index.md, plans/<id>/index.md)")
        report.at(entry.source, entry.line, entry.column, f"nav: '{entry.target}' {why}", "nav", hint=hint)


# Broken links that get a "did you mean": past this many, finding the closest of a large
# site's paths for each would make validate's time grow with links times pages.
SUGGESTED_LINKS = 200
# Likewise for links to missing places: ids compared in all (thousands of broken links on a
# page of thousands of headings stalled validate).
COMPARED_IDS = 5_000


class _IdSuggestions:
    """"did you mean" for missing places, until COMPARED_IDS ids have been compared."""

    def __init__(self) -> None:
        self.left = COMPARED_IDS

    def __call__(self, fragment: str, places: Collection[str]) -> str:
        if len(places) > self.left:
            return ""
        self.left -= len(places)
        return did_you_mean(fragment, sorted(place for place in places if not place.startswith("__")))  # not Material's


class _Site:
    """What an audience's site publishes, by site path: ``pages`` (with the docs folder's
    files) and generated ``files`` (their Markdown ones, such as plan.md, MkDocs takes for
    pages: a link to one fails), and the theme's files. A docs file MkDocs leaves out of the
    build is linked without failing it (MkDocs says so at info level)."""

    def __init__(self, pages: set[str], files: set[str], options: Options, for_authors: set[str],
                 unpublished_items: Mapping[str, frozenset[str]]) -> None:
        self.markdown_downloads = {path for path in files if posixpath.splitext(path)[1].lower() in MARKDOWN_SUFFIXES}
        self.paths = pages | (files - self.markdown_downloads) | options.theme_files
        self.unpublished = options.docs_unpublished or frozenset()
        self.use_directory_urls = options.use_directory_urls
        self.docs_dir = options.docs_dir
        self.for_authors = for_authors  # docs pages with authoring: true and their files: left out here
        self.unpublished_items = unpublished_items  # the ids of the items this site leaves out, by folder
        self.folders: dict[str, list[str]] = {}  # the paths by _folder_of, for suggestions
        for path in sorted(self.paths):
            self.folders.setdefault(_folder_of(path), []).append(path)
        self.suggestions_left = SUGGESTED_LINKS

    def has(self, target: str) -> bool:
        return target in self.paths or target in self.unpublished

    @functools.cached_property
    def outputs(self) -> frozenset[str]:
        """The files the site's folder will hold, as MkDocs writes them: what a link published
        as written must reach (not a docs file MkDocs leaves out: a visitor gets a 404)."""
        written = {output_path(path, self.use_directory_urls) for path in self.paths}
        return frozenset(written | self.markdown_downloads | THEME_OUTPUTS)

    def suggestion(self, written: str, target: str, here: str, also: Iterable[str] = ()) -> str:
        """" (did you mean 'x'?)" with the site path of the same kind (page, picture, other
        file) that ``written`` names as a repository path (from the repository's root, its
        courses/ folder or, for the docs folder's files, the folder itself), else the one in
        ``target``'s folder, or among ``also``, closest to what was ``written``; as the trainer
        would write it from the folder ``here`` (or from the site's root, if ``written`` starts
        there)."""
        if self.suggestions_left <= 0:
            return ""
        self.suggestions_left -= 1
        kind = _kind(target)
        if not written.startswith(("/", ".")):  # written from the repository's root or its courses/ folder
            repository = posixpath.normpath(written)
            for meant in (repository, f"courses/{repository}", repository.removeprefix(f"{self.docs_dir}/")):
                if meant in self.paths and _kind(meant) == kind and meant != target:
                    return suggested(posixpath.relpath(meant, here))
        near = [path for path in (*self.folders.get(_folder_of(target), ()), *also) if _kind(path) == kind]
        if written.startswith("/"):
            return did_you_mean(written, [f"/{path}" for path in near])
        return did_you_mean(written, [posixpath.relpath(path, here) for path in near])


def _kind(path: str) -> str:
    suffix = posixpath.splitext(path)[1].lower()
    return "page" if suffix in MARKDOWN_SUFFIXES else "picture" if suffix in IMAGE_SUFFIXES else "file"


def _folder_of(path: str) -> str:
    """Where a mistyped path's intended target is looked for: its course folder, else its
    top folder (root-level paths: "")."""
    parts = path.split("/")
    if parts[0] == "courses" and len(parts) > 2:
        return "/".join(parts[:2])
    return parts[0] if len(parts) > 1 else ""


class _Places:
    """Where a page writes its links: the ``nth`` (from 0) link to an address is its ``nth``
    whole occurrence inside ``(...)``, ``<...>``, quotes or after a reference's ``]:``, else anywhere,
    in the body (not the metadata above it), outside comments and code; else 1:1 (an escaped or
    entity form not written as it reads). Each address is looked for once per page."""

    def __init__(self, text: str) -> None:
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", text))]
        body = self.line_starts[body_line(text) - 1]
        self.shown = re.sub(r"[^\n]", " ", text[:body]) + _UNSHOWN.sub(  # same offsets
            lambda match: re.sub(r"[^\n]", " ", match.group()), text[body:])
        self.found: dict[str, list[int]] = {}

    def of(self, url: str, nth: int) -> tuple[int, int]:
        if url not in self.found:
            everywhere = [match.start() for match in re.finditer(re.escape(url) + r"(?![^\s)\"'>#?])", self.shown)]
            linked = [at for at in everywhere if self._before(at) in "(<:=\"'"]
            self.found[url] = linked or everywhere
        places = self.found[url]
        if not places:
            return 1, 1
        at = places[min(nth, len(places) - 1)]
        line = bisect.bisect_right(self.line_starts, at)
        return line, at - self.line_starts[line - 1] + 1

    def _before(self, at: int) -> str:
        while at > 0 and self.shown[at - 1] == " ":
            at -= 1
        return self.shown[at - 1] if at > 0 else "^"


class _Address(NamedTuple):
    """A link's address as MkDocs resolves it from the page: what each rule for a kind of
    address reads, resolved once."""
    url: str  # as written
    path: str  # its path as written: what a suggestion is compared with
    written: str  # its path, decoded
    target: str  # the site path it names


@dataclass(frozen=True)
class _LinkCheck:
    """The context one page's links are checked in: the site path ``page`` they resolve
    from, the ``site`` of the courses ``shown``, the whole ``catalog`` (a course it has that
    the site leaves out is a draft's), the course folders found (``known_courses``) and the
    site's options. Held together so that each kind of address gets a rule of its own,
    without passing all of them to each."""
    page: str
    site: _Site
    shown: Catalog
    catalog: Catalog
    known_courses: set[str]
    options: Options

    @property
    def here(self) -> str:
        """The page's folder, which its relative links (and their suggestions) start from."""
        return posixpath.dirname(self.page)

    def problem(self, url: str, *, in_html: bool = False) -> BadLink | None:
        """What is wrong with a link ``mkdocs build --strict`` would fail on (by the site's
        :class:`LinkRules`), resolved from the page as MkDocs resolves it; ``in_html``:
        written in HTML, which MkDocs publishes as written. Which kind of address it is
        decides which rule reads it."""
        rules = self.options.links
        try:
            scheme, netloc, path, _, _ = urlsplit(url)
        except ValueError:  # "//[x": MkDocs stops on it with a traceback
            return BadLink(f"'{url}' is not a valid address", "correct the link")
        absolute = url.startswith(("/", "\\"))
        if scheme.lower() in {"http", "https"} and not netloc:
            return BadLink(f"'{url}' has a scheme but no host: a browser reads it as a path from this page, or "
                           "as a host's name from a page served over the other scheme",
                           "write the path alone for a page of this site, or https://host/... for another site")
        if (scheme or netloc) and AMP_SUBSTITUTE not in url:  # this site's, if on site_url's host below its path
            return self._full_address_problem(url, in_html=in_html)
        if AMP_SUBSTITUTE in url or (not path and not absolute):
            return None  # an e-mail address Markdown encoded, or an anchor on this page
        written = unquote(path)
        target = posixpath.normpath(posixpath.join(self.here, written).lstrip("/"))  # as MkDocs resolves it
        address = _Address(url, path, written, target)
        if hidden := self._unpublished_problem(address):
            return hidden
        if in_html:
            return _as_published(self.page, url, target, self.site, self.options, "is written in HTML, which MkDocs "
                                 "publishes as written", "write it as the address from this page as published, or "
                                 "as a Markdown link to the file", in_html=True)
        if absolute and not rules.absolute_from_docs:
            return self._absolute_problem(address)
        if self.site.has(target):
            return None
        if not posixpath.splitext(written)[1] and not absolute:  # names no file: a folder-style address
            return self._folder_style_problem(address)
        if not rules.not_found:
            return None
        if target == ".." or target.startswith("../"):
            return self._outside_problem(address)
        parts = target.split("/")
        if parts[0] != "courses" or len(parts) < 3:
            return self._site_file_problem(address)
        return self._course_file_problem(address)

    def _unpublished_problem(self, address: _Address) -> BadLink | None:
        """A link to a page or file of an item this site leaves out, whatever the site's link
        rules: where MkDocs resolves it from the page's file, or, when the site has no file
        there (MkDocs publishes it as written), where a browser follows it from the page as
        published (``secret/`` on a docs page published at courses/ is courses/secret/)."""
        options = self.options
        reached = [address.target]
        if not self.site.has(address.target) and (published := link_target(
                address.url, output_path(self.page, options.use_directory_urls), options.site_url, self.site.outputs)):
            reached.append(published)
        return next(filter(None, (link_to_unpublished(address.url, target, self.site.unpublished_items,
                                                      options.audience) for target in reached)), None)

    def _full_address_problem(self, url: str, *, in_html: bool) -> BadLink | None:
        """A link with a scheme or host, which MkDocs does not check: one to this site's own
        address leads nowhere as published unless the site has what it names."""
        options = self.options
        site_path = link_target(url, output_path(self.page, options.use_directory_urls), options.site_url,
                                self.site.outputs)
        if site_path is None:
            return None
        problem = _as_published(
            self.page, url, site_path.rstrip("/"), self.site, options, "is this site's own address written in full, "
            "which MkDocs does not check", "link the page's Markdown file relative to this page: MkDocs checks it, "
            "and it works wherever the site is served", in_html=in_html)
        # A draft's address written in full is reported where the text names it (hidden-reference).
        return None if problem is None or problem.to_unpublished else problem

    def _absolute_problem(self, address: _Address) -> BadLink | None:
        """A link from the site's root, which MkDocs resolves only from the docs folder
        (``absolute_from_docs``): otherwise it is published as written, or reported as MkDocs
        reports it (``validation.links.absolute_links``)."""
        url, target = address.url, address.target
        if not self.options.links.absolute:  # MkDocs leaves it as is, and says so at info level
            return _as_published(self.page, url, target, self.site, self.options, "is an absolute address, which "
                                 "MkDocs publishes as written",
                                 "write it relative to this page, to the page's Markdown file; for another site on "
                                 "this host, write its full https:// address")
        relative = f" (from here: '{posixpath.relpath(target, self.here)}')" if self.site.has(target) else ""
        return BadLink(f"'{url}' is an absolute link, which MkDocs leaves as is{relative}", "write it relative to "
                       "this page (mkdocs.yml's validation.links.absolute_links makes it an error)")

    def _folder_style_problem(self, address: _Address) -> BadLink | None:
        """A link naming no file the site has and no file at all (``../intro/``): MkDocs does
        not resolve it, so it is published as written, or reported as MkDocs reports it
        (``validation.links.unrecognized_links``)."""
        url, target = address.url, address.target
        if not self.options.links.unrecognized:  # MkDocs leaves it as is, and says so at info level
            return _as_published(self.page, url, target, self.site, self.options,
                                 "names no file, so MkDocs publishes it as written",
                                 "link the page's Markdown file: MkDocs turns it into the page's address, from "
                                 "wherever this page is published")
        pages = [name for name in (f"{target}/index.md", f"{target}/README.md", f"{target}.md") if self.site.has(name)]
        instead = suggested(posixpath.relpath(pages[0], self.here)) if pages else ""
        return BadLink(f"'{url}' names no file of the site{instead}", "link the page's Markdown file (mkdocs.yml's "
                       "validation.links.unrecognized_links makes this an error)")

    def _outside_problem(self, address: _Address) -> BadLink:
        """A link above the site's root: most often written from the page's file in the
        repository (as GitHub's file view follows it), where the site's pages and courses/ are
        folders apart, so the link the site needs is suggested."""
        url = address.url
        docs_dir = self.options.docs_dir
        from_file = posixpath.normpath(posixpath.join(posixpath.dirname(f"{docs_dir}/{self.page}"), address.written))
        if not self.page.startswith("courses/") and self.site.has(from_file):
            fragment = f"#{url.partition('#')[2]}" if "#" in url else ""
            return BadLink(f"'{url}' points outside the site"
                           f"{suggested(posixpath.relpath(from_file, self.here) + fragment)}",
                           f"a link goes from the page's place in the site, where {docs_dir}/ is the top "
                           "and courses/ is beside its pages, not from its file in the repository")
        return BadLink(f"'{url}' points outside the site", "link to a page or file of the site, relative to this page")

    def _site_file_problem(self, address: _Address) -> BadLink:
        """A link to a file the site does not have, outside a course's folder (the docs
        folder's, tracks', plans' and generated files): why it is missing, where that is
        known, else the closest path."""
        url, target = address.url, address.target
        site = self.site
        if target in site.markdown_downloads:
            return BadLink(f"'{url}' is a Markdown download, which MkDocs takes for a link to a page",
                           "link the page that offers it, or write the link in HTML: <a href=\"...\">")
        docs = f"{self.options.docs_dir}/"
        if target.startswith(docs) and site.has(inside := target.removeprefix(docs)):
            return BadLink(f"'{url}' not found in the site, which has no {docs} folder"
                           f"{suggested(posixpath.relpath(inside, self.here))}",
                           f"link a page of {docs} by its place in the site")
        if target in site.for_authors and posixpath.splitext(target)[1].lower() not in MARKDOWN_SUFFIXES:
            return BadLink(f"'{url}' is in a folder of pages for authors only, which only the internal site "
                           "publishes, with their files", "move the file to a folder of pages for readers")
        if target in site.for_authors:
            return BadLink(f"'{url}' is a page for authors (authoring: true), which only the internal site publishes",
                           "link it from other authoring pages only, or remove authoring: true from it")
        return BadLink(f"'{url}' not found in the site{site.suggestion(address.path, target, self.here)}",
                       "correct the path (relative to this page), or add the page or file to docs/")

    def _course_file_problem(self, address: _Address) -> BadLink | None:
        """A link into a course's folder (``courses/<id>/...``) that the site does not have:
        whether the course is one this site leaves out, one whose course.yml failed its
        checks, or none at all, before which of its files it names."""
        url = address.url
        _, course_id, *rest = address.target.split("/")
        name = "/".join(rest)
        course = self.shown.courses.get(course_id)
        if course is None and course_id in self.known_courses:  # its course.yml failed its checks, which are reported
            return _unchecked_course_link(url, address.path, course_id, name, self.here,
                                          self.options.root / "courses" / course_id)
        if course is None:
            return BadLink(f"'{url}' links to course '{course_id}', which does not exist"
                           f"{did_you_mean(course_id, sorted(self.catalog.courses))}",
                           "check the course id: its folder's name under courses/")
        return self._file_in_course_problem(address, course, name)

    def _file_in_course_problem(self, address: _Address, course: Course, name: str) -> BadLink:
        """A link to the file ``name`` of a course this site shows, which the site does not
        publish: why not, if the course folder has it, else the closest file it has."""
        url = address.url
        folder = self.options.root / course.folder
        mode = own_mode(folder / name)
        if stat.S_ISLNK(mode) and (problem := file_problem(folder, name)):
            return BadLink(f"'{url}' is never published: {problem}", "replace the link with the file itself")
        if stat.S_ISREG(mode):
            return _unpublished_file_problem(url, course, name, folder)
        pictures = (course_site_path(course, path) for path in _files_in(folder)  # shown or not
                    if _kind(path) == "picture")
        return BadLink(f"'{url}' not found in course '{course.id}'"
                       f"{self.site.suggestion(address.path, address.target, self.here, also=pictures)}",
                       MISSING_FILE_HINT)


def _unpublished_file_problem(url: str, course: Course, name: str, folder: Path) -> BadLink:
    """Why the file ``name`` of the ``course`` in ``folder``, which the folder has, is not
    published: what the trainer must do to publish it, or to link something that is."""
    suffix = posixpath.splitext(name)[1].lower()
    if suffix in MARKDOWN_SUFFIXES:
        return BadLink(f"'{url}' is not a unit of course '{course.id}'",
                       "add it to the course's units in course.yml, or link one of them")
    if suffix in IMAGE_SUFFIXES and (problem := file_problem(folder, name)):
        return BadLink(f"the picture '{url}' is never published: {problem}",
                       "the page shows it once the file can be published")
    if suffix in IMAGE_SUFFIXES:
        return BadLink(f"'{url}' is a picture published only where a page of course '{course.id}' shows it",
                       "show it in one of the course's pages")
    if (problem := material_problem(name)) is not None:
        return BadLink(f"'{url}' is never published: {problem}", "link a unit, a picture or a material instead")
    return BadLink(f"'{url}' is not published", "list it under the course's materials in course.yml")


def _anchor_problem(page: str, url: str, rendered: Mapping[str, PageLinks],
                    sections_of: Callable[[str], frozenset[str]], suggest: Callable[[str, Collection[str]], str],
                    *, from_docs: bool) -> BadLink | None:
    """A Markdown link from the site path ``page`` to a place (``#fragment``) its page does not
    have, as MkDocs checks it (``validation.links.anchors``): a relative link to a Markdown
    page (``from_docs``: an absolute one too, read from the site's root), or to this page.
    ``rendered`` are the rendered pages, by site path; ``sections_of`` says which sections
    a page's template adds. MkDocs compares the fragment as written, not decoded."""
    try:
        scheme, netloc, path, _, fragment = urlsplit(url)
    except ValueError:
        return None
    absolute = path.startswith(("/", "\\"))
    if not fragment or scheme or netloc or (absolute and not from_docs):
        return None
    written = unquote(path).lstrip("/\\") if absolute else posixpath.join(posixpath.dirname(page), unquote(path))
    target = posixpath.normpath(written) if path else page
    if target not in rendered or fragment in rendered[target].ids:
        return None
    anchor = anchors_beside(rendered[target].ids)
    sections = {anchor(name) for name in sections_of(target)}
    if fragment in sections:
        return None
    where = "this page" if target == page else f"'{path}'"
    hint = ("a heading in Japanese or another script gets an id such as _1: give it its own, ## 例 {#examples} "
            "(attr_list), and link #examples" if not fragment.isascii() else
            "link a heading by its id: its words in lower case, joined by '-' (its permalink shows it)")
    return BadLink(f"'{url}': {where} has no heading or other element with id '{fragment}'"
                   f"{suggest(fragment, rendered[target].ids | sections)}", hint)


def _sections_of(target: str, page: PageLinks, course: Course | None, texts: Mapping[str, str], visible: Catalog,
                 catalog: Catalog) -> frozenset[str]:
    """The sections the template of the page at site path ``target`` adds around its body
    (``page``): a course page's as course_sections says, a unit's title where its body has no
    <h1>, the home page's as home.html shows them (its next sessions taken as shown)."""
    parts = target.split("/")
    if course is not None:
        return course_sections(course, visible if course.id in visible.courses else catalog,
                               has_body=has_body(texts.get(f"{course.folder}/{COURSE_PAGE}", "")))
    if parts[0] == "courses" and len(parts) > 2:
        return SECTION_ANCHORS["unit"] - ({"title"} if page.has_h1 else set())
    if target in HOME_PAGES:
        return SECTION_ANCHORS["home"] - ({"top"} if page.opens_with_h1 else set()) - (
            set() if visible.tracks else {"tracks"}) - (set() if visible.plans else {"plans"}) - (
            set() if visible.courses else {"latest-courses", "how-it-works"})
    return frozenset()


def unpublished_items(catalog: Catalog, shown: Catalog) -> dict[str, frozenset[str]]:
    """The ids of ``catalog``'s items the site of ``shown`` leaves out, by the folder of their pages."""
    return {folder: frozenset(everything.keys() - published.keys()) for folder, everything, published in (
        ("courses", catalog.courses, shown.courses), ("tracks", catalog.tracks, shown.tracks),
        ("plans", catalog.plans, shown.plans))}


def link_to_unpublished(url: str, target: str, unpublished: Mapping[str, frozenset[str]],
                        audience: str) -> BadLink | None:
    """What is wrong with ``url`` if the site path it reaches, ``target``, is a page or file of
    an item the site leaves out (``unpublished``: :func:`unpublished_items`)."""
    parts = target.lower().split("/")  # ids are lower case; a draft's id in any case is its id
    if len(parts) < 2 or parts[1] not in unpublished.get(parts[0], ()):
        return None
    kind = parts[0].removesuffix("s")
    return BadLink(f"'{url}' links to {kind} '{parts[1]}', a draft or internal {kind} the {audience} site "
                   f"does not publish", f"remove the link, or publish the {kind}", to_unpublished=True)


def _as_published(page: str, url: str, meant: str, site: _Site, options: Options, how: str, hint: str, *,
                  in_html: bool = False) -> BadLink | None:
    """A link MkDocs publishes as written (``how``), if it leads nowhere from the page as
    published: MkDocs does not fail on it, so the build checks it in the published HTML
    (where ``validation.links.not_found`` asks for broken links to fail it). ``meant`` is
    what the trainer most likely meant: the address read from the page's file, not its page."""
    if not options.links.not_found:
        return None
    target = link_target(url, output_path(page, options.use_directory_urls), options.site_url, site.outputs)
    if target is None or is_published(target, site.outputs):
        return None
    if target == OUTSIDE:
        return BadLink(f"'{url}' {how}, and leads outside the site", hint)
    if hidden := link_to_unpublished(url, target, site.unpublished_items, options.audience):
        return hidden
    # Said as Markdown links it (the file), or in HTML as the published page reaches it.
    files = [name for name in (f"{meant}/index.md", f"{meant}/README.md", f"{meant}.md", meant)
             if site.has(name) and not name.startswith("../")]
    instead = ""
    if files and in_html:
        published = output_path(files[0], options.use_directory_urls)
        address = posixpath.relpath(published, posixpath.dirname(output_path(page, options.use_directory_urls)))
        address = address.removesuffix("index.html") if options.use_directory_urls else address
        instead = suggested(address or "./")
    elif files:
        instead = suggested(posixpath.relpath(files[0], posixpath.dirname(page)))
    return BadLink(f"'{url}' {how}, and leads to {target or 'the home page'}, where the site has nothing"
                   f"{instead}", hint)


def links_leading_nowhere(addresses: Iterable[str], made_by_markdown: Iterable[tuple[str, str]], page_output: str,
                          site_url: str, outputs: frozenset[str]) -> Iterator[tuple[str, str, bool]]:
    """(address, the site path it leads to or :data:`OUTSIDE`, whether MkDocs publishes it as
    written) of each link or picture of a published page (its HTML's ``addresses``) that
    leads nowhere from ``page_output``: no file of the site's ``outputs`` answers it. Of those
    Markdown made (``made_by_markdown``: as written, and as MkDocs published it), a relative
    link naming a file is MkDocs' to resolve, and to report (``validation.links``); the rest,
    and those written in HTML, are published as written."""
    as_written = Counter(addresses)
    for written, published in made_by_markdown:
        path = _path_of(written.strip())
        if not path.startswith(("/", "\\")) and posixpath.splitext(unquote(path))[1]:  # names a file: MkDocs'
            as_written[published] -= 1
    for url in dict.fromkeys(as_written):  # each address once, in page order
        target = link_target(url, page_output, site_url, outputs)
        if target is not None and not is_published(target, outputs):
            yield url, target, as_written[url] > 0


def _path_of(url: str) -> str:
    """The path of ``url``, "" if it cannot be read (validate reports it)."""
    try:
        return urlsplit(url).path
    except ValueError:
        return ""


def _unchecked_course_link(url: str, path: str, course_id: str, name: str, here: str,
                           folder: Path) -> BadLink | None:
    """A link into a course whose course.yml failed its checks: which of its files the site
    will publish is unknown until it is fixed, but a file that is not in its folder never
    will be, so such a link is reported in the same run (``path``: as written, as a
    suggestion is compared with it)."""
    if name == COURSE_PAGE or stat.S_ISREG(own_mode(folder / name)):
        return None
    kind = _kind(name)
    near = [posixpath.relpath(course_page(course_id) + file, here) for file in _files_in(folder) if _kind(file) == kind]
    return BadLink(f"'{url}' not found in course '{course_id}'"
                   f"{did_you_mean(path, near)}",
                   MISSING_FILE_HINT)
