"""The site's search index: Pagefind run over the finished site's pages.

Pagefind's binary comes in a wheel (``pagefind[extended]``; the extended build segments
Japanese and Chinese), found through ``pagefind``'s own lookup, which also honours
``PAGEFIND_BINARY_PATH``. It reads only the published HTML, and only what the templates mark
with ``data-pagefind-body``, so the index holds nothing that is not on a public page.
A site without its search is not published: any failure stops the build.

Pagefind parses every byte of every page, and the theme's chrome around a page's search
body is most of them. A build therefore hands Pagefind each page as ``search_document``
cuts it from the published HTML (its head and its search body, when nothing else of the
page counts for the index), beside every other HTML file of the site as published: the
same index, for about a third less of Pagefind's work.

Pagefind files a page under the language of its ``<html lang>``, which is the site's (the
page's chrome is in it); a course written in another language is marked as such inside
the page, and its search document says that language instead, so that Japanese is
segmented as Japanese and English stemmed as English whatever the site's language.
A browser reads every query with one language's rules, though: the primary index's
stemmer (see search.js). A page of a second stemmed language (an Arabic course on an
English site) would be indexed by stems its readers' queries are never cut to ("البحث"
found nothing of a page indexed as "بحث"), so such pages are indexed again under the
primary language, whose stemmer then cuts the page and the query alike.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import time
from pathlib import Path

from markupsafe import escape

from ..core.locale_format import LANGUAGE_TAG
from ..core.model import reading_language

BUNDLE = "pagefind"  # the index's folder under the site directory; search.js loads it from there
TIMEOUT_SECONDS = 1800  # a 10,000-course catalog indexes in under a minute on two shared cores
BODY_START = "<div data-pagefind-body>"  # how render.searchable opens a page's search body
# What Pagefind reads outside data-pagefind-body too: its own attributes (filters, meta,
# another body), the page's first <h1> (the result's title) and <img> (its image). The
# head (language, <title>, meta tags) is kept whole.
READ_ANYWHERE = ("data-pagefind-", "<h1", "<img")


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


def pagefind_binary() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchIndexError("site search needs Pagefind: pip install 'pagefind[extended]'") from None
    binary = get_executable()
    if binary is None or not binary.is_file():
        raise SearchIndexError(f"site search needs Pagefind's binary{f' (not found at {binary})' if binary else ''}: "
                               "pip install 'pagefind[extended]'")
    return binary


def index_command(site: Path, output: Path, *, keep_index_url: bool = False) -> list[str]:
    """The Pagefind command that indexes ``site`` into the bundle folder ``output``. Results
    link ``courses/x/`` for ``courses/x/index.html`` unless ``keep_index_url`` (a site
    without directory URLs, whose host may serve no folder's index)."""
    return [str(pagefind_binary()), "--site", str(site), "--output-path", str(output), "--silent",
            "--exclude-selectors", ".headerlink",  # the headings' permalink signs
            *(["--keep-index-url"] if keep_index_url else [])]


def index_failure(command: list[str], returncode: int, output_text: str, bundle: Path) -> SearchIndexError | None:
    """What went wrong with a finished Pagefind run, or None if it wrote its bundle."""
    if returncode != 0:
        detail = output_text.strip() or f"exit status {returncode}"
        return SearchIndexError(f"Pagefind could not index the site ({command[0]}): {detail}")
    if not (bundle / "pagefind.js").is_file():
        return SearchIndexError(f"Pagefind ran but wrote no search bundle under {bundle}; check that {command[0]} "
                                "is Pagefind")
    return None


def index_site(pages: Path, bundle: Path, *, keep_index_url: bool = False) -> None:
    """Index the HTML files under ``pages`` into the search bundle folder ``bundle``."""
    command = index_command(pages, bundle, keep_index_url=keep_index_url)
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"Pagefind could not index the site ({command[0]}): {error}") from None
    if (failure := index_failure(command, result.returncode, result.stderr or result.stdout, bundle)):
        raise failure


def search_document(page_html: str, search_body: str) -> str | None:
    """What Pagefind reads of a published page: its head and its search body, or None if
    anything else on the page would count for the index too (the page is indexed whole).

    The search body must appear verbatim after the head, so the document is cut from the
    published bytes, never rebuilt from another source."""
    head_end = page_html.find("</head>")
    start = page_html.find(search_body, head_end) if head_end >= 0 else -1
    if start < 0:
        return None
    end = start + len(search_body)
    for part in (page_html[head_end:start], page_html[end:]):
        lowered = part.lower()
        if any(mark in lowered for mark in READ_ANYWHERE):
            return None
    return f"{page_html[:head_end]}</head><body>{search_body}</body></html>"


_HTML_START_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_LANG_ATTRIBUTE = re.compile(r"""\slang\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*)""", re.IGNORECASE)


def in_language(document: str, language: str) -> str:
    """``document`` with its ``<html>`` element saying the language the index files it under:
    the page's own as a reader picks it (:func:`reading_language`: ja-JP with ja in one index;
    Pagefind stems by the language alone, and panicked on a tag of 30 characters and more),
    everything else as it was."""
    tag = _HTML_START_TAG.search(document)
    if tag is None:
        return document
    indexed = reading_language(language)
    marked = f'{tag.group()[:5]} lang="{escape(indexed)}"{_LANG_ATTRIBUTE.sub("", tag.group()[5:])}'
    return document[:tag.start()] + marked + document[tag.end():]


SOURCE_PREFIX = "syllabus-search-"  # then the building process's id: see remove_abandoned_sources
ABANDONED_AFTER_SECONDS = 4 * TIMEOUT_SECONDS  # no build's search folder is in use for longer


class SearchSource:
    """The folder Pagefind reads for a build: each searchable page's ``search_document`` (or
    the whole page, if more of it counts) in the page's language, and every other HTML file
    of the finished site as published (linked, or copied).

    A temporary folder, not the site: nothing of it is published, whatever happens. A build
    removes it when it ends, and the next build removes those of builds that were killed."""

    def __init__(self, *, site_language: str = "en", keep_index_url: bool = False) -> None:
        remove_abandoned_sources()
        self.site_language = reading_language(site_language).lower()  # first among equals (primary_language)
        self.keep_index_url = keep_index_url  # see index_command
        self._folder = tempfile.TemporaryDirectory(prefix=f"{SOURCE_PREFIX}{os.getpid()}-")
        self.root = Path(self._folder.name)
        self._made: set[Path] = set()  # folders made already: one mkdir per folder, not per page
        self._written: set[str] = set()  # pages written for the index, by path in the site
        self._languages: dict[str, str] = {}  # the index language of every HTML file, by path in the site

    def add_page(self, dest_uri: str, page_html: str, search_body: str | None, language: str) -> None:
        """A page as published in ``language``; ``search_body`` is its ``data-pagefind-body``
        element, if any (a page without one is not indexed: the published file is linked)."""
        if not search_body:
            return
        self._write(dest_uri, search_document(page_html, search_body) or page_html, language)

    def add_published(self, dest_uri: str, page_html: str, language: str) -> None:
        """A page published as it was before (the preview reuses unchanged pages): read whole."""
        if BODY_START in page_html:
            self._write(dest_uri, page_html, language)

    def _write(self, dest_uri: str, document: str, language: str) -> None:
        if not LANGUAGE_TAG.match(language):  # set by another plugin after the checks: the site's
            language = self.site_language
        target = self.root / dest_uri
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        target.write_bytes(in_language(document, language).encode("utf-8", errors="xmlcharrefreplace"))  # as MkDocs
        self._written.add(dest_uri)
        self._languages[dest_uri] = reading_language(language).lower()

    def index(self, site: Path) -> tuple[int, int]:
        """Write the search bundle of the finished ``site`` to ``site/pagefind/``; returns how
        many pages Pagefind read as written for it and how many files as published."""
        whole = self.add_the_rest(site)
        index_site(self.root, site / BUNDLE, keep_index_url=self.keep_index_url)
        if self.under_one_stemmer(site / BUNDLE):
            shutil.rmtree(site / BUNDLE)
            index_site(self.root, site / BUNDLE, keep_index_url=self.keep_index_url)
        return len(self._written), whole

    def under_one_stemmer(self, bundle: Path) -> bool:
        """Move the pages of every stemmed language but the primary (by ``bundle``'s list of
        languages) under the primary; True if any moved, and the index must be made again."""
        languages = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
        stemmed = [code for code, info in languages.items() if info.get("wasm")]
        if len(stemmed) < 2:
            return False
        primary = primary_language(languages, self.site_language)
        for dest_uri, language in self._languages.items():
            if language in stemmed and language != primary:
                path = self.root / dest_uri
                document = path.read_text(encoding="utf-8")
                path.unlink()  # perhaps a link to the published page (add_the_rest): never written through
                path.write_bytes(in_language(document, primary).encode("utf-8", errors="xmlcharrefreplace"))
        return True

    def add_the_rest(self, site: Path) -> int:
        """Every other HTML file of the finished ``site`` as published; returns how many."""
        whole = 0
        for folder, _, names in os.walk(site):
            relative = Path(folder).relative_to(site)
            for name in names:
                if name.endswith(".html") and (dest_uri := (relative / name).as_posix()) not in self._written:
                    target = self.root / relative / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        os.link(Path(folder) / name, target)
                    except OSError:  # another file system
                        shutil.copyfile(Path(folder) / name, target)
                    self._languages[dest_uri] = published_language(target)
                    whole += 1
        return whole

    def close(self) -> None:
        self._folder.cleanup()


def primary_language(languages: dict[str, dict], site_language: str) -> str:
    """Of Pagefind's languages (its entry file's), the one whose rules read every query, as
    search.js's primaryLanguage picks it: the stemmed language with the most pages, the
    site's (or its base language) first among equals, else the site's."""
    site = next((code for code in (site_language, site_language.split("-")[0]) if code in languages), None)

    def rank(code: str) -> tuple[int, bool, str]:
        return -languages[code]["page_count"], code != site, code

    stemmed = [code for code, info in languages.items() if info.get("wasm")]
    return min(stemmed, key=rank) if stemmed else site or min(languages, key=rank)


def published_language(page: Path) -> str:
    """The index language of a published HTML file, by its ``<html lang>`` (Pagefind's reading)."""
    with page.open(encoding="utf-8", errors="replace") as handle:
        tag = _HTML_START_TAG.search(handle.read(4096))
    attribute = _LANG_ATTRIBUTE.search(tag.group()) if tag else None
    value = attribute.group().split("=", 1)[1].strip("'\" ") if attribute else ""
    return reading_language(value).lower() if value else "unknown"


def remove_abandoned_sources() -> None:
    """Remove this user's search folders whose build process has ended: a build stopped by
    SIGTERM or SIGKILL cannot remove its own. Only folders older than any build: a build in
    another process namespace sharing the temp directory (containers) has a process id this
    one cannot see. POSIX only: elsewhere os.kill ends a process."""
    if os.name != "posix":
        return
    for folder in Path(tempfile.gettempdir()).glob(f"{SOURCE_PREFIX}*-*"):
        pid = folder.name.removeprefix(SOURCE_PREFIX).partition("-")[0]
        try:
            info = folder.lstat()
            if (not pid.isdigit() or len(pid) > 9 or info.st_uid != os.getuid() or not stat.S_ISDIR(info.st_mode)
                    or time.time() - info.st_mtime < ABANDONED_AFTER_SECONDS):
                continue
            os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # alive under another user, or the folder went meanwhile
            continue
