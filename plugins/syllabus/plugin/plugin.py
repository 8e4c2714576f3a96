"""The ``syllabus`` MkDocs plugin: a thin adapter that feeds the core's catalog to MkDocs.

Event order matters and is spelled out on each handler. In short: validate in
``on_config`` (abort before anything is written), add in-memory pages, downloads and
feeds in ``on_files``, hand Material escaped titles in ``on_page_markdown``, wrap their
converted Markdown in ``on_page_content``, add feed links and structured data to each
page's head in ``on_post_page`` (and, last of all plugins, hand the published page to the
search index), and write the downloads (plan files, calendars, feeds, redirect pages), then
index the finished site for search, in ``on_post_build``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import os
import posixpath
import re
import tempfile
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urljoin

import jinja2
from markupsafe import Markup, escape
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import clean_directory, nest_paths
from mkdocs.utils.meta import get_data

from ..core.admonitions import AdmonitionTitles, admonition_titles
from ..core.catalog import FileCache, LoadResult, docs_file_problem, load_catalog
from ..core.config import ConfigError, Options, page_address
from ..core.diagnostics import Diagnostic, printable
from ..core.html_allowlist import Allowlist, element_ids, is_id, linked_addresses, positioned
from ..core.locale_format import language_attributes
from ..core.messages import load_messages
from ..core.model import Catalog, reading_language
from ..core.pages import (
    MarkdownLinks,
    RenderBudget,
    files_for_authors,
    joined_lines,
    lead_text,
    plain_title,
    printable_meta,
    render_seconds,
    too_slow,
)
from ..core.published import (
    CATALOG_DOCUMENT,
    CATALOG_PAGE,
    OUTSIDE,
    THEME_OUTPUTS,
    course_files,
    link_to_unpublished,
    links_leading_nowhere,
    plan_site_path,
    redirects,
    track_page,
    track_site_path,
    unpublished_items,
)
from ..core.schema_messages import dotted
from ..export.catalog_json import catalog_document, catalog_text, course_json, course_text, dumps
from ..export.facets import SESSIONS_KEPT, TERM_FACETS
from ..export.feeds import Feed, course_events, site_feeds
from ..export.structured_data import course_json_ld, course_list_json_ld, script_json
from .config import SyllabusConfig, check_options
from .config_source import ConfigSource
from .incremental import (
    BackgroundSearchIndex,
    CompiledTemplates,
    KeptPageLinks,
    PerCourse,
    PreviewHeap,
    RenderedPages,
    page_frame,
)
from .options import (
    SOURCE_FOLDERS,
    config_path,
    docs_folder,
    options_from_config,
    site_language,
    theme_text_problems,
    unpublished_loads,
)
from .page_assets import ASSET_FILES, ASSETS, ASSETS_SITE_FOLDER, EVERY_PAGE_ASSETS, asset_address
from .preview import (
    editor_from_environment,
    error_files,
    error_page,
    is_loopback,
    own_host_only,
    stop_on_terminate,
    warnings_note,
)
from .render import Renderer, messages_element, searchable
from .shared_nav import MATERIAL_TEMPLATES, OVERRIDES, SharedNav, share_nav
from .site_search import BODY_START, SearchIndexError, SearchSource, pagefind_binary
from .structure import (
    COURSE_TEMPLATE,
    TEMPLATES,
    UNIT_TEMPLATE,
    Download,
    GeneratedPage,
    next_live_sessions,
    plan_downloads,
    session_downloads,
    site_file,
    site_pages,
)
from .watch import FolderWatch, symlinked_folders

if TYPE_CHECKING:  # the server module pulls in asyncio and threading; only `serve` needs it
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.syllabus")

HOME_SESSIONS = 4  # next live sessions on the home page
HOME_CARDS = 4  # roles, learning paths and plans the home page shows before "n more"; its latest courses
HOME_OUTPUT = "index.html"  # the home page, whichever docs page MkDocs writes it from (index.md, README.markdown)
TOOLING = ("authoring_pages", "owners", "edit_links", "repository_link")  # see SyllabusConfig
# Without JavaScript the catalog's filters cannot filter a static page: not shown, and the
# cards take the width. In the head, read before the first paint, so that with JavaScript
# nothing moves (Material's no-js class goes only at the end of the body: 0.17 layout shift).
WITHOUT_SCRIPT = ("<noscript><style>.syllabus-catalog{display:block}"
                  ".syllabus-catalog>.syllabus-filters{display:none}</style></noscript>")


class SyllabusPlugin(BasePlugin[SyllabusConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.options: Options | None = None
        self.catalog: Catalog | None = None
        self.unpublished: dict[str, frozenset[str]] = {}  # ids of the items this site leaves out, by folder
        self.markdown: dict[str, str] = {}  # checked text of course Markdown, by catalog path
        self.pages: dict[str, GeneratedPage] = {}
        self.home_generated = False  # docs has no home page: an empty one is added for the front door
        self.downloads: list[Download] = []
        self.renderer: Renderer | None = None
        self.allowlist: Allowlist | None = None
        self.edit_links: tuple[str, str] | None = None  # (edit URL of docs_dir, project root from docs_dir)
        self.feeds: list[Feed] = []
        self.feed_links = ""  # the <link rel="alternate"> of the overall feeds, in every page's head
        self.script_messages = ""  # the page scripts' texts, in every page's head (render.messages_element)
        self.serving = False
        self.file_cache_options: Options | None = None
        self.failed: list[Diagnostic] | None = None  # serving with content errors: the error site
        self.option_problems: list[Diagnostic] = []  # serving: mkdocs.yml's, shown as content errors are
        self.page_warnings: dict[str, list[Diagnostic]] = {}  # serving: each file's warnings, on its pages
        self.addresses: list[str] = []  # HTML pages of the last good build, where errors are shown
        self.docs_dir = ""  # serving: the docs folder mkdocs.yml names, watched (see on_serve)
        self.no_docs: tempfile.TemporaryDirectory[str] | None = None  # the error site's docs folder, until on_files
        self.file_cache = FileCache()  # serving: unchanged files are not checked again
        self.rendered = RenderedPages()  # serving: course pages not rendered again
        self.compiled = CompiledTemplates()  # serving: templates not compiled again
        self.search_index = BackgroundSearchIndex()  # serving: Pagefind runs after the pages are served
        self.folder_watch: FolderWatch | None = None  # serving with live reload: what it watches
        self.search_source: SearchSource | None = None  # what Pagefind reads (see site_search.py)
        self.cleaned_site: Path | None = None  # the site folder MkDocs emptied for this build (not the preview's)
        self.reused: dict[str, tuple[str, str]] = {}  # serving: dest_uri -> (HTML, language) of pages kept as built
        self.per_course = PerCourse()  # serving: what unchanged courses gave to catalog.json and calendars
        self.heap = PreviewHeap()  # serving: no cycle collection during a rebuild
        self.tooling: dict[str, bool] = {}
        self.nav_urls: list[str] = []  # of every page and link in the nav (see shared_nav.py)
        self.shared_nav: SharedNav | None = None
        self.render_budget: RenderBudget | None = None  # of the page being rendered, from its Markdown to the allowlist
        self.admonition_titles = AdmonitionTitles()  # untitled boxes titled in the language of the page converted
        self.kept_page_links = KeptPageLinks()  # serving: links to pages reused as HTML
        self.markdown_links = MarkdownLinks()  # the links Markdown made of the page converted last
        self.site_outputs: frozenset[str] | None = None  # the files this build publishes, for links
        self.titles_by_language: dict[str, dict[str, str]] = {}
        self.described_by_author: set[str] = set()  # units whose front matter has a description

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> tuple[Any, Any]:
        """Unknown options and keys are errors here, not MkDocs' warnings, and every error
        is positioned in ``mkdocs.yml``; the CLI runs the same check."""
        source = ConfigSource(config_path(config_file_path))
        self.config, problems = check_options(options, source)
        # A rebuild of the preview shows them in the browser (see _on_config_validate): refused
        # here, MkDocs' server would wait for a good build and answer no request until then.
        self.option_problems = [problem.diagnostic for problem in problems] if self.serving else []
        if self.option_problems:
            return [], []
        return [(problem.option, problem.diagnostic.as_text()) for problem in problems], []

    def _show_errors(self, config: MkDocsConfig, diagnostics: list[Diagnostic]) -> MkDocsConfig:
        """The preview's error site in place of the site: every problem, at every address."""
        self.failed = diagnostics
        self.pages, self.downloads, self.feeds = {}, [], []
        # Nor the theme's own pages (404.html, the sitemap): a refused theme setting (a
        # language it has no texts for, an icon it lacks) fails their rendering, and MkDocs'
        # server answers no request after a failed build. on_post_build writes the 404 page.
        config.theme.static_templates.clear()
        if symlinked_folders(Path(config.docs_dir)):  # MkDocs walks docs next, following them
            self.no_docs = tempfile.TemporaryDirectory(prefix="syllabus-no-docs-")
            config.docs_dir = self.no_docs.name  # the error site publishes nothing of docs
        return config

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"
        if self.serving:  # before the first build, with or without live reload
            stop_on_terminate()
        # A dirty build keeps files from the previous build, which may have been internal;
        # refusing it is the only way to guarantee a public site never holds them.
        if dirty and command != "serve":
            raise PluginError("syllabus: --dirty is not supported (a dirty build could keep draft "
                              "or internal files from an earlier build); run a clean build")

    # Validate before any other plugin sees the config, so a content error aborts the build
    # before anything is written to the site directory: Material's group plugin (150) too,
    # which loads its plugins, emptying its list of them as MkDocs reads it, and can hang on
    # one listed twice, where Syllabus says what is wrong with that list (as validate does).
    @event_priority(200)
    def _on_config_validate(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        if self.serving:
            self.heap.pause()  # until on_post_build or on_build_error
            self.docs_dir = config.docs_dir
            config.site_url = _preview_address(config)
        options, problems = self._checked_options(config)
        if problems and self.serving and self.options is not None:  # the last good build's, for the error site
            return self._show_errors(config, problems)
        if options is None:
            raise PluginError("syllabus: configuration errors")
        self._use_options(options)
        result = self._checked_content(config)
        if result.report.has_errors and self.serving:  # show them in the browser, not a stale site
            return self._show_errors(config, result.report.sorted())
        if result.report.has_errors:
            raise PluginError("syllabus: content errors above; nothing was built")
        self._use_catalog(config, result)
        return config

    def _checked_options(self, config: MkDocsConfig) -> tuple[Options | None, list[Diagnostic]]:
        """The build's options, or None and the configuration's errors (logged)."""
        problems, options = self.option_problems, None
        if not problems:
            try:
                options = options_from_config(self.config, config, with_theme_files=self.serving)
            except ConfigError as error:
                problems = error.diagnostics
        for diagnostic in problems:
            log.error(diagnostic.as_text())
        return options, problems

    def _use_options(self, options: Options) -> None:
        self.options = options
        if self.serving and self.options == self.file_cache_options:
            # The very same object: values kept per course (PerCourse) recognise their arguments
            # (today, the messages...) by identity, without comparing them again for each course.
            self.options = self.file_cache_options
        elif self.serving:
            self.file_cache, self.file_cache_options = FileCache(), self.options

    def _checked_content(self, config: MkDocsConfig) -> LoadResult:
        """The catalog loaded and checked, its problems logged (and kept per file, serving)."""
        assert self.options is not None
        # The preview checks every page as validate does (the file cache skips unchanged ones),
        # so an author sees a refused page or a broken link in the browser; a build leaves
        # pages to the allowlist and links to MkDocs.
        result = load_catalog(self.options, render_pages=self.serving, cache=self.file_cache if self.serving else None)
        if result.report.has_errors and not self.serving:
            # The build stops here: the report is validate's, pages and links too, so a trainer
            # fixing course.yml does not meet the Markdown's problems only in the next run.
            result = load_catalog(options_from_config(self.config, config, with_theme_files=True), render_pages=True)
        # A content warning (a course overdue for review, a time the clocks skip) is printed, and
        # never fails --strict: the daily publish would stop as courses age, with no file
        # changed. `syllabus validate --strict` makes warnings errors where a team wants that.
        diagnostics = result.report.sorted()
        for diagnostic in diagnostics:
            log.log(logging.ERROR if diagnostic.severity == "error" else logging.INFO, diagnostic.as_text())
        self.failed = None
        self.page_warnings = {}
        for diagnostic in diagnostics if self.serving else ():
            self.page_warnings.setdefault(diagnostic.path, []).append(diagnostic)
        return result

    def _use_catalog(self, config: MkDocsConfig, result: LoadResult) -> None:
        """What the build publishes (the audience's catalog) and how: Markdown, links, theme."""
        assert self.options is not None
        self._extend_markdown(config)
        self.titles_by_language = {}
        self.catalog = result.catalog.visible_to(self.options.audience)
        self.unpublished = unpublished_items(result.catalog, self.catalog)
        self.allowlist = Allowlist(self.options.video_hosts)
        self.markdown = result.markdown
        self.tooling = {name: self.options.tooling_on(self.config[name]) for name in TOOLING}
        self.edit_links = None
        if config.repo_url and config.edit_uri and self.tooling["edit_links"]:
            # Resolved once: a page's source is then a string join.
            root_from_docs = os.path.relpath(self.options.root, Path(config.docs_dir).resolve()).replace(os.sep, "/")
            self.edit_links = (urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri), root_from_docs)
        _keep_customers_on_site(config, self.tooling, self.edit_links, self.options.audience)
        self._extend_theme(config)

    def _extend_markdown(self, config: MkDocsConfig) -> None:
        """What every page is converted with: untitled admonitions and permalinks in the page's
        language, a record of the links Markdown made (checked as published), and serving,
        the links to pages reused as HTML."""
        assert self.options is not None
        _permalinks_in_site_language(config, self.options.messages.text("nav.permalink"))
        if self.admonition_titles not in config.markdown_extensions:  # each page's, from on_page_markdown
            config.markdown_extensions.append(self.admonition_titles)
        if self.markdown_links not in config.markdown_extensions:
            config.markdown_extensions.append(self.markdown_links)
        if self.serving and self.kept_page_links not in config.markdown_extensions:
            config.markdown_extensions.append(self.kept_page_links)

    def _extend_theme(self, config: MkDocsConfig) -> None:
        """The plugin's templates and Material partials it overrides, its scripts and styles on
        every page, and Pagefind, without which a site is never published."""
        assert self.catalog is not None and self.options is not None
        # Appended after the theme's own folders, so custom_dir and the theme win.
        config.theme.dirs.append(str(TEMPLATES))
        # The overridden partials go just before Material's own, so a site's custom_dir still wins.
        folders = [Path(folder).resolve() for folder in config.theme.dirs]
        if MATERIAL_TEMPLATES in folders and str(OVERRIDES) not in config.theme.dirs:
            config.theme.dirs.insert(folders.index(MATERIAL_TEMPLATES), str(OVERRIDES))
        try:  # before anything is written: a site without its search is never published
            pagefind_binary()
        except SearchIndexError as error:
            raise PluginError(f"syllabus: {error}") from None
        taxonomy = self.catalog.taxonomy_in_use
        self.script_messages = messages_element(
            self.options.messages, _filtered_languages(self.catalog, self.options),
            {facet: [taxonomy.title(kind, key) for key in getattr(taxonomy, kind)]
             for facet, kind in TERM_FACETS.items()})
        for asset in EVERY_PAGE_ASSETS:
            path = asset_address(asset)
            if asset.endswith(".css"):
                if path not in config.extra_css:
                    config.extra_css.append(path)
            elif path not in [str(script) for script in config.extra_javascript]:
                # Deferred: run in order after the page is parsed, never in the way of its first paint.
                script = ExtraScriptValue(path)
                script.defer = True
                config.extra_javascript.append(script)

    # Last: other plugins change the configuration in their own on_config (Material's offline
    # plugin turns directory URLs off and adds a script from unpkg.com to every page), so the
    # addresses are read, and what the theme loads is checked again, once all of them have run.
    @event_priority(-100)
    def _on_config_settled(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if self.catalog is None or self.options is None or self.failed is not None:  # the error site instead
            return None
        source = ConfigSource(config_path(config.config_file_path))
        problems = [source.error(keys, f"{dotted(keys)}: {why}; another plugin in mkdocs.yml set this value: "
                                       "write one of the site's own there (Material's offline plugin adds none "
                                       "when the name of a file extra.polyfills lists holds 'iframe-worker')")
                    for keys, why in theme_text_problems(config)]
        if problems:
            for diagnostic in problems:
                log.error(diagnostic.as_text())
            raise PluginError("syllabus: configuration errors")
        if config.use_directory_urls != self.options.use_directory_urls:
            self.options = dataclasses.replace(self.options, use_directory_urls=config.use_directory_urls)
        self.renderer = Renderer(config.theme.dirs, self.catalog, self.options, config.use_directory_urls,
                                 bytecode_cache=self.compiled if self.serving else None)
        self.renderer.env.globals["show_owners"] = self.tooling["owners"]
        return config

    on_config = CombinedEvent(_on_config_validate, _on_config_settled)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.serving:  # before MkDocs cleans the site folder
            self.search_index.set_aside(Path(config.site_dir))
        if self.catalog is not None:
            self.search_source = SearchSource(site_language=self.options.site_language,
                                              keep_index_url=not config.use_directory_urls)


    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        # MkDocs has emptied the site folder: from here, all it holds is this build's.
        self.cleaned_site = Path(config.site_dir) if self.config.enabled and not self.serving else None
        if self.no_docs is not None:  # MkDocs has listed it
            self.no_docs.cleanup()
            self.no_docs = None
        if self.failed is not None and self.options is not None:
            return error_files(config, error_page(self.failed, self.options.root, editor_from_environment(),
                                                       self.options.messages),
                               self.addresses)
        if not self.config.enabled or self.catalog is None or self.options is None:
            return None
        self._refuse_unpublishable(files, config)
        if not self.options.publishes_authoring_pages:
            self._leave_out_authoring_pages(files, config)
        # A course's values are made once per build for every output that needs them, and
        # serving, again only for edited courses.
        remembering = (self.per_course if self.serving else PerCourse()).remembering
        events = remembering(course_events)
        today, site = self.options.today, self.options.site
        document = catalog_document(self.catalog, today, site.directory_urls, entry=remembering(course_json))
        self._add_pages(files, config, site_pages(self.catalog, self.markdown, self.options, document))
        if self.serving:
            text_of = remembering(course_text)
            texts = [text_of(course, today, site.directory_urls) for course in self.catalog.courses.values()]
            catalog_json = catalog_text(document, texts)
        else:
            catalog_json = dumps(document)
        files.append(site_file(config, CATALOG_DOCUMENT, content=catalog_json))
        for asset in ASSET_FILES:
            files.append(site_file(config, ASSETS_SITE_FOLDER + asset, abs_src_path=str(ASSETS / asset)))
        self.feeds = site_feeds(self.catalog, today, site, config.site_name, self.options.messages,
                                events=events)
        assert self.renderer is not None
        self.renderer.env.globals["feeds"] = self.feeds  # the catalog page lists them
        self.feed_links = "".join(
            f'<link rel="alternate" type="{feed.media_type}" title="{escape(feed.title)}" href="{{base}}{feed.path}">'
            for feed in self.feeds[:2])  # the courses and all sessions; the per-role calendars are on the catalog
        for site_path, source in course_files(self.catalog, self.options.root, self.markdown,
                                              config.use_directory_urls):
            files.append(site_file(config, site_path, abs_src_path=str(source)))
        self._add_downloads(files, config, [
            *plan_downloads(self.catalog, today, site, self.options.messages),
            *session_downloads(self.catalog, today, site, self.options.messages, events=events),
            *self._redirects(config.use_directory_urls),
            *(Download(feed.path, feed.content) for feed in self.feeds)])
        self.site_outputs = None  # taken at the first page, after every plugin's on_files
        if config.nav is None:
            config.nav = self._nav(files)
        if self.serving:
            self.per_course.forget_others(self.catalog)
            self.addresses = [f.dest_uri for f in files if f.dest_uri.endswith(".html")]
        return files

    def _refuse_unpublishable(self, files: Files, config: MkDocsConfig) -> None:
        """What MkDocs will publish from the docs folder, whatever docs_dir, exclude_docs or
        not_in_nav say: pages, pictures and downloads only (validate reports the same), never
        through a symlink; draft_docs files only when serving, as MkDocs publishes them."""
        assert self.options is not None
        linked = [f.src_uri for f in files
                  if f.abs_src_path and self._publishes(f) and _through_symlink(f.abs_src_path, config.docs_dir)]
        if linked:  # MkDocs would follow them and publish whatever they point at
            raise PluginError(f"syllabus: symlinks are never published; replace with real files: {', '.join(linked)}")
        docs = Path(config.docs_dir).resolve()
        refused = [f"{docs_folder(config)}/{f.src_uri}:1:1: error: {problem[0]}" for f in files
                   if f.abs_src_path and self._publishes(f)
                   and Path(f.abs_src_path).is_relative_to(docs)
                   and (problem := docs_file_problem(Path(f.abs_src_path), f.src_uri, self.options.site_assets))]
        if refused:
            raise PluginError("\n".join(refused))

    def _leave_out_authoring_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Pages for authors, with the files that go with them: the internal site's only. Of
        the files this build publishes: one it leaves out is never read (a FIFO named notes.md
        in an excluded folder hung the build; validate skips them too)."""
        docs = Path(config.docs_dir).resolve()
        from_docs = [f for f in files if f.abs_src_path and f.generated_by is None and self._publishes(f)
                     and Path(f.abs_src_path).is_relative_to(docs)]
        pages = {f.src_uri: _is_authoring_page(f) for f in from_docs if f.is_documentation_page()}
        attached = files_for_authors(pages, (f.src_uri for f in from_docs if not f.is_documentation_page()))
        for file in [f for f in from_docs if pages.get(f.src_uri) or f.src_uri in attached]:
            files.remove(file)

    def _add_pages(self, files: Files, config: MkDocsConfig, pages: list[GeneratedPage]) -> None:
        """The generated pages, in memory; serving, those whose inputs did not change are
        published as the HTML they rendered to last time."""
        assert self.catalog is not None and self.options is not None
        self.pages = {page.src_uri: page for page in pages}
        reusable: set[str] = set()
        self.reused = {}
        self.kept_page_links.kept = {}
        if self.serving:
            documents = [(f.src_uri, f.abs_src_path) for f in files.documentation_pages()]
            frame = page_frame(self.catalog, self.options, config.config_file_path, documents)
            # A page showing warnings is rendered again: they may change with no change to what it shows.
            reusable = {uri for uri in self.rendered.reusable(self.catalog, self.markdown, frame)
                        if not self._warnings_about(self.pages[uri].files)}
        # The front door is the home page's template around docs/index.md; a catalog without one
        # had no index.html (a folder listing, or GitHub Pages' 404, at its address).
        self.home_generated = not any(f.dest_uri == HOME_OUTPUT and f.is_documentation_page() and self._publishes(f)
                                      for f in files)
        if self.home_generated:
            if (unpublished := files.get_file_from_path("index.md")) is not None:  # exclude_docs names it
                files.remove(unpublished)
            files.append(site_file(config, "index.md", content=""))
        for page in pages:
            if page.src_uri in files.src_uris:  # generated URIs are already normalised
                raise PluginError(f"syllabus: docs/{page.src_uri} clashes with a generated page; "
                                  "rename or remove it")
            file = File.generated(config, page.src_uri, content=page.markdown,
                                  inclusion=InclusionLevel.NOT_IN_NAV)  # the nav lists what it should
            if page.src_uri in reusable:  # published as the HTML it rendered to last time
                file = site_file(config, file.dest_uri, content=self.rendered.html[page.src_uri])
                self.kept_page_links.kept[page.src_uri] = file.dest_uri
                self.reused[file.dest_uri] = (self.rendered.html[page.src_uri],
                                              page.language or self.options.site_language)
            files.append(file)

    def _add_downloads(self, files: Files, config: MkDocsConfig, downloads: list[Download]) -> None:
        """Site files, so a page's link to one resolves (``[calendar](sessions.ics)``) as it does
        to any file; a Markdown download (plan.md) would be taken for a page, and is written
        after the build instead."""
        self.downloads = []
        for download in downloads:
            file = site_file(config, download.dest_uri, content=download.content)
            if file.is_documentation_page():
                self.downloads.append(download)
            else:
                files.append(file)
        _refuse_shared_outputs(files, self.downloads)

    def _redirects(self, use_directory_urls: bool) -> list[Download]:
        """Old course URLs (``redirect_from``) keep working after a rename, its units' too."""
        assert self.catalog is not None and self.renderer is not None
        kept = []
        for course in self.catalog.courses.values():
            for output, (page_url, moved_to) in redirects(course, use_directory_urls).items():
                html = self.renderer.render("syllabus/redirect.html", page_url, course=course,
                                            target=self.renderer.linker(page_url)(moved_to))
                kept.append(Download(output, content=html.encode("utf-8")))
        return kept

    def _nav(self, files: Files) -> list[Any]:
        """Home, Catalog, tracks, plans, then the hand-written pages; never the course pages."""
        assert self.catalog is not None and self.options is not None
        generated = set(self.pages)
        # In MkDocs' order (a folder's index first), and nested by folder as MkDocs nests them.
        pages = [(f.src_uri, f.dest_uri) for f in sorted(files.documentation_pages(), key=file_sort_key)
                 if f.src_uri not in generated and f.inclusion.is_in_nav()]  # not mkdocs.yml's not_in_nav
        homes = {uri for uri, output in pages if output == HOME_OUTPUT}  # index.md, README.markdown...
        docs = _escaped_sections(nest_paths(uri for uri, _ in pages if uri not in homes))
        messages = self.options.messages

        def text(key: str) -> Markup:  # Material prints nav titles raw
            return Markup(escape(messages.text(key)))

        home = [{text("nav.home"): uri} if self.home_generated else uri for uri in sorted(homes)]

        nav: list[Any] = [*home, {text("nav.catalog"): CATALOG_PAGE}]
        if self.catalog.tracks:
            nav.append({text("nav.tracks"): [{Markup(escape(t.title)): track_site_path(t)}
                                   for t in self.catalog.tracks.values()]})
        if self.catalog.plans:
            nav.append({text("nav.plans"): [{Markup(escape(p.title)): plan_site_path(p)}
                                  for p in self.catalog.plans.values()]})
        nav.extend(docs)
        # Generated pages that are not per-item: the field reference, and insights if built.
        nav.extend({self.pages[uri].title: uri} for uri in ("reference/fields/index.md", "insights/index.md")
                   if uri in self.pages)
        return nav

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """A page mkdocs.yml's nav names that this build leaves out (draft_docs, exclude_docs):
        MkDocs notes it at info level and links it from every page, to nothing, under the
        title mkdocs.yml gives it."""
        self.nav_urls = list(_urls(nav.items))
        for page in nav.pages:
            if not self._publishes(page.file):
                log.warning(f"syllabus: mkdocs.yml's nav names {printable(page.file.src_uri)}, which this build "
                            "leaves out (exclude_docs or draft_docs): every page would link to it, and it is not "
                            "there; take it out of the nav, or publish it")
        return nav

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        if self.serving:
            env.bytecode_cache = self.compiled
        if self.config.enabled and self.catalog is not None and self.options is not None:  # for the 404 page
            def address(folder: str) -> str:
                return page_address(folder, config.use_directory_urls)
            env.globals["syllabus_home"], env.globals["syllabus_catalog"] = address(""), address("catalog/")
            env.globals["syllabus_tracks"] = [(t.title, address(track_page(t.id)), t.language)
                                              for t in self.catalog.tracks.values()]
            # The theme's environment does not autoescape: its t() gives escaped text.
            messages = self.options.messages
            env.globals["t"] = lambda key, **values: escape(messages.text(key, **values))
        if str(OVERRIDES) in config.theme.dirs:  # its partials/nav.html calls the shared nav
            self.shared_nav = share_nav(env, self.nav_urls)
            env.filters["language_attributes"] = functools.partial(language_attributes,
                                                                   site_language=site_language(config))
        # Every plugin has added its files by now; the preview's error page has none of the site's.
        if self.config.enabled and self.catalog is not None and self.failed is None:
            _warn_of_missing_loads(config, files, {file.dest_uri for file in files if self._publishes(file)})
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return markdown
        generated = self.pages.get(page.file.src_uri)
        if page.is_homepage and "hide" not in page.meta:  # the front door uses the full width
            page.meta["hide"] = ["navigation", "toc"]
        if generated is None:
            # Hand-written page: its metadata was checked in on_config (load_catalog); Material
            # prints title and description raw, so it gets them escaped.
            page.meta.update(printable_meta(page.meta))
        else:
            # Material prints page.meta.title raw (also inside <title>), so it gets escaped text.
            # A unit is described by its front matter's description, else by its first
            # paragraph (on_page_content), else by its course's summary.
            authored = page.meta.get("description") if generated.template == UNIT_TEMPLATE else None
            authored = authored.strip() if isinstance(authored, str) else ""
            page.meta["title"] = Markup(escape(generated.title))
            page.meta["description"] = Markup(escape(authored or generated.description))
            if authored:
                self.described_by_author.add(page.file.src_uri)
            else:
                self.described_by_author.discard(page.file.src_uri)
            page.meta.update(generated.meta)
            if generated.language:  # the header's page title and the search index take it
                page.meta["language"] = generated.language
            if generated.updated:  # the sitemap's lastmod; other pages keep the build date
                page.update_date = generated.updated.isoformat()
        self.admonition_titles.titles = self._admonition_titles(str(page.meta.get("language") or ""))
        self.kept_page_links.page = page.file.src_uri
        self.markdown_links.start_page()
        if self.allowlist is not None:
            seconds = render_seconds(markdown)

            def out_of_time() -> PluginError:
                line = _metadata_lines(page.file.content_string, page.markdown or "") + 1
                return PluginError(f"syllabus: {self._edited_file(page, config)}:{line}:1: {too_slow(seconds)}")
            self.render_budget = RenderBudget(out_of_time, seconds)
            self.render_budget.start()
        return markdown

    # After other plugins changed the HTML, so the allowlist sees (and publishes) the final body
    # of every page rendered from Markdown, and refuses the page if it had to remove anything.
    @event_priority(-100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.allowlist is None:
            return html
        content = self._published_content(html, page, config, files)
        warnings = self._warnings_about(self._files(page, config)) if self.page_warnings else []
        if not warnings:  # a build has none: only the preview shows them
            return content
        assert self.options is not None
        return warnings_note(warnings, self.options.root, editor_from_environment(), self.options.messages) + content

    def _published_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The page's HTML as the site publishes it: through the allowlist, its links
        checked, in its template (a generated page, the home page) and marked for the search."""
        html = self._allowed(html, page, config)
        self._check_published_links(html, page, config, files)
        html = joined_lines(html)
        # A title taken from the first <h1> is HTML to MkDocs; the home page is titled by the
        # site's name alone, as Material titles it, not "Academy - Academy".
        if "title" not in page.meta and page.title and not page.is_homepage:
            page.meta["title"] = plain_title(page.title)
        excluded = bool((page.meta.get("search") or {}).get("exclude"))  # Pagefind reads marked pages only
        if (generated := self.pages.get(page.file.src_uri)) is not None:
            return self._generated_page(html, page, generated, excluded)
        if page.is_homepage:
            return self._home_page(html, page, config, excluded)
        html = self._in_its_language(page, html)
        _with_published_ids(page, html)
        return html if excluded else self._searchable(page, html)

    def _allowed(self, html: str, page: Page, config: MkDocsConfig) -> str:
        """The page's HTML through the allowlist, which must leave it unchanged: else the
        build stops, each removal at its place in the page's Markdown."""
        budget, self.render_budget = self.render_budget, None
        # The page's budget, started in on_page_markdown, ends here: raising if it ran out,
        # though a library caught the first error.
        with budget or contextlib.nullcontext():
            html, removals = self.allowlist.removals(html)
            refusals = positioned(page.markdown or "", removals)
        if refusals:
            source = self._edited_file(page, config)
            offset = _metadata_lines(page.file.content_string, page.markdown or "")
            raise PluginError("\n".join(
                f"syllabus: {source}:{line + offset}:{column}: {printable(message)}"
                for line, column, message in refusals
            ) + "\n(the published HTML of a page must pass the allowlist unchanged; run `syllabus validate`)")
        return html

    def _home_page(self, html: str, page: Page, config: MkDocsConfig, excluded: bool) -> str:
        """The front door (roles, sessions, latest courses, paths), then the page's own prose."""
        assert self.renderer is not None and self.options is not None
        heading = _FIRST_H1.match(html)  # moves into the front door, keeping its anchor and words
        # (a nav label such as "Home" names the page in the menu, not the academy on it)
        written = _heading_words(page, heading) or page.meta.get("title")  # else the site's, never "Home"
        prose = self._in_its_language(page, html[heading.end():] if heading else html)
        home = self.renderer.render(
            "syllabus/home.html", page.url, page_html=html, body=Markup(prose),
            title=plain_title(written or config.site_name),
            title_id=heading.group(1) if heading else None,
            lead=config.site_description or "",
            next_sessions=next_live_sessions(self.catalog, self.options.today, HOME_SESSIONS * SESSIONS_KEPT),
            sessions_shown=HOME_SESSIONS, cards_shown=HOME_CARDS, **self._how_it_works(),
            latest_courses=self.catalog.by_last_update(self.options.today)[:HOME_CARDS],
        )
        _with_published_ids(page, home)
        return home if excluded else self._searchable(page, home)

    def _generated_page(self, html: str, page: Page, generated: GeneratedPage, excluded: bool) -> str:
        """A course's, unit's, track's, plan's or the catalog's page: its Markdown (if any) in its template."""
        assert self.renderer is not None and self.options is not None
        # An overview opening with "# <the course's title>", as Markdown pages do, showed the
        # title twice: the page's own heading takes its place, and holds its id beside #title.
        heading = _FIRST_H1.match(html) if generated.template == COURSE_TEMPLATE else None
        repeated = heading is not None and _same_words(_heading_words(page, heading) or "", generated.title)
        if repeated:
            html = html[heading.end():]
        content = self.renderer.render_page(generated, html, page.url, heading.group(1) if repeated else None)
        if (generated.template == UNIT_TEMPLATE and page.file.src_uri not in self.described_by_author
                and (lead := lead_text(html))):
            page.meta["description"] = Markup(escape(lead))
        if generated.markdown_source:
            _with_published_ids(page, content)
        else:  # a track's, a plan's, the catalog's: validate cannot know its places, nor does MkDocs check them
            page.present_anchor_ids = None
        other_language = generated.language if generated.language != self.options.site_language else None
        page.toc = toc_with_sections(content, page.toc, other_language and
                                     language_attributes(other_language, self.options.site_language))
        if generated.search_filters is None or excluded:
            return content
        return searchable(content, generated.search_filters, generated.search_meta)

    def _how_it_works(self) -> dict[str, Any]:
        """What the home page's steps say this catalog offers: the filters its catalog page
        has (none by product where no course names one), and self-paced or live courses or both."""
        assert self.options is not None and self.catalog is not None
        text, taxonomy = self.options.messages.text, self.catalog.taxonomy
        live = {taxonomy.is_live(course.format) for course in self.catalog.courses.values()}
        learn = "home.step_learn_live" if live == {True} else "home.step_learn_self_paced" if live == {False} \
            else "home.step_learn"
        facets = self.pages[CATALOG_PAGE].context["facets"]
        return {"facet_names": [text(f"home.facet.{facet.key}") for facet in facets], "learn_text": learn}

    def _check_published_links(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Each link of the published body that leads nowhere: MkDocs publishes folder-style,
        absolute and HTML addresses as written, and notes the first two at info level only.
        One reaching an item this site leaves out stops the build, as validate reports it
        whatever the site's link rules; any other is a warning (so ``--strict`` fails) where
        the site's ``validation.links.not_found`` makes broken links fail the build."""
        assert self.options is not None
        if self.site_outputs is None:  # the files of this build, once every plugin added its own
            self.site_outputs = frozenset({*(f.dest_uri for f in files if self._publishes(f)),
                                           *(d.dest_uri for d in self.downloads), *THEME_OUTPUTS})
        hidden = []
        for url, target, as_written in links_leading_nowhere(linked_addresses(html), self.markdown_links.published,
                                                             page.file.dest_uri, self.options.site_url,
                                                             self.site_outputs):
            if problem := link_to_unpublished(url, target, self.unpublished, self.options.audience):
                hidden.append(f"syllabus: {self._edited_file(page, config)}: {printable(problem.message)}")
            elif as_written and self.options.links.not_found:
                leads = "outside the site" if target == OUTSIDE else f"to {target or 'the home page'}"
                log.warning(f"syllabus: {self._edited_file(page, config)}: '{printable(url)}' leads {leads}, where "
                            "the site has nothing (`syllabus validate` says where and what to write)")
        if hidden:
            raise PluginError("\n".join(hidden) + "\n(`syllabus validate` says where; nothing was built)")

    def _publishes(self, file: File) -> bool:
        """Whether this build writes ``file`` into the site: the preview writes draft_docs too."""
        return file.inclusion.is_in_serve() if self.serving else file.inclusion.is_included()

    def _files(self, page: Page, config: MkDocsConfig) -> tuple[str, ...]:
        """The files a page is made of, as diagnostics name them, the one a trainer edits first
        (:attr:`GeneratedPage.files`; a hand-written page's own)."""
        generated = self.pages.get(page.file.src_uri)
        return generated.files if generated is not None else (f"{docs_folder(config)}/{page.file.src_uri}",)

    def _edited_file(self, page: Page, config: MkDocsConfig) -> str:
        """The file a trainer edits for ``page``'s text, as a diagnostic names it (printable)."""
        return printable(self._files(page, config)[0])

    def _warnings_about(self, sources: Iterable[str]) -> list[Diagnostic]:
        """The preview's warnings about these files (none in a build)."""
        return [diagnostic for path in sources for diagnostic in self.page_warnings.get(path, ())]

    def _admonition_titles(self, language: str) -> dict[str, str]:
        """Untitled admonitions' titles on a page in ``language`` (the site's if empty)."""
        assert self.options is not None
        language = language or self.options.site_language
        if language not in self.titles_by_language:
            messages = (self.options.messages if language == self.options.site_language
                        else load_messages(language, self.options.root)[0])  # its file's mistakes: on_config
            self.titles_by_language[language] = admonition_titles(messages)
        return self.titles_by_language[language]

    def _in_its_language(self, page: Page, html: str) -> str:
        """A hand-written page's own words, marked with the language its front matter names
        when that is not the site's (<html lang> is the site's, as its chrome is), and its
        table of contents with them."""
        assert self.options is not None
        language = page.meta.get("language")
        if not language or language == self.options.site_language:
            return html
        attributes = language_attributes(str(language), self.options.site_language)
        mark_language(page.toc, attributes)
        return f"<div {attributes}>{html}</div>"

    def _searchable(self, page: Page, html: str) -> str:
        """A hand-written page in the index, found under its language."""
        assert self.options is not None
        language = str(page.meta.get("language") or self.options.site_language)
        return searchable(html, {"language": (reading_language(language),)}, {})

    @event_priority(-100)
    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict[str, Any] | None:
        # Material prints each entry's "#" + id unescaped: the allowlist let only word ids into
        # the body, and the table of contents may link to nothing else.
        if self.allowlist is not None and (bad := next(
                (e.id for e in _anchors(page.toc) if not is_id(e.id)), None)) is not None:
            raise PluginError(f"syllabus: {self._edited_file(page, config)}: the table of contents links to "
                              f"{bad[:60]!r}, which is not an id the allowlist accepts (letters, digits and "
                              "- _ . :); rename the heading's id")
        generated = self.pages.get(page.file.src_uri)
        if generated is not None and generated.source and self.edit_links is not None:
            # Edit links of generated pages open their YAML (or unit Markdown) source.
            edit_base, root_from_docs = self.edit_links
            page.edit_url = urljoin(edit_base, posixpath.normpath(f"{root_from_docs}/{generated.source}"))
        return context

    def _on_post_page_head(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Feed links and the page scripts' texts on every page, and a course's structured
        data, go into the head, which Material's instant navigation leaves alone (it would
        re-run scripts in the body)."""
        if self.catalog is None or self.options is None:
            return None
        base = escape(page.url.count("/") * "../")
        head = self.script_messages + WITHOUT_SCRIPT + self.feed_links.replace("{base}", base)
        generated = self.pages.get(page.file.src_uri)
        course = generated.context.get("course") if generated is not None else None
        data = None  # structured data: a course page's Course, the catalog's list of them
        if course is not None and generated is not None and generated.template == COURSE_TEMPLATE:
            data = course_json_ld(course, self.catalog, self.options.today, self.options.site, config.site_name)
        elif page.file.src_uri == CATALOG_PAGE:
            data = course_list_json_ld(self.catalog, self.options.site)
        if data is not None:
            head += f'<script type="application/ld+json">{script_json(data)}</script>'
        output = output.replace("</head>", head + "</head>", 1)
        if self.serving and generated is not None and self.rendered.keeps(page.file.src_uri):
            if self._warnings_about(generated.files):  # its note may go stale
                self.rendered.forget(page.file.src_uri)
            else:
                self.rendered.keep(page.file.src_uri, output)
        return output

    # Last, after minifiers and the like: the search index reads the page as published.
    @event_priority(-100)
    def _on_post_page_search(self, output: str, *, page: Page, config: MkDocsConfig) -> None:
        if self.search_source is not None:  # the content on_page_content made searchable
            assert self.options is not None
            content = page.content or ""
            self.search_source.add_page(page.file.dest_uri, output, content if content.startswith(BODY_START) else None,
                                        str(page.meta.get("language") or self.options.site_language))

    on_post_page = CombinedEvent(_on_post_page_head, _on_post_page_search)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        """The 404 page loads the page scripts too, so it carries their texts."""
        if template_name != "404.html" or self.catalog is None:
            return None
        return output_content.replace("</head>", self.script_messages + "</head>", 1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        if self.serving and self.failed is None:
            self.rendered.built(self.pages)
        if self.failed is not None and self.options is not None:  # every other address too
            page = error_page(self.failed, self.options.root, editor_from_environment(), self.options.messages,
                              reload_by_polling=True)
            (site / "404.html").write_text(page, encoding="utf-8")
        folders: set[Path] = set()  # made already: one mkdir per folder, not per file
        for download in self.downloads:
            target = site / download.dest_uri
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            target.write_bytes(download.content)
        # Last, over the finished pages: only what is published can be found.
        if self.serving:
            if self.failed is None and self.search_source is not None:
                for dest_uri, (html, language) in self.reused.items():  # pages MkDocs did not render again
                    self.search_source.add_published(dest_uri, html, language)
                self.search_index.start(site, self.search_source)
                self.search_source = None  # the background index removes it when done
            self._close_search_source()
            self.heap.resume()
            return
        if self.search_source is None:  # the plugin is off
            return
        try:
            written, whole = self.search_source.index(site)
        except SearchIndexError as error:
            raise PluginError(f"syllabus: {error}") from None
        finally:
            self._close_search_source()
        log.debug(f"syllabus: Pagefind read {written} pages as their search documents and {whole} HTML files as "
                  "published")

    def on_build_error(self, *, error: Exception) -> None:
        if self.cleaned_site is not None:  # a failed build (--strict included) publishes no half-built site
            clean_directory(str(self.cleaned_site))
            log.info(f"syllabus: the build failed, so {self.cleaned_site} is left empty, as MkDocs left it before "
                     "writing")
            self.cleaned_site = None
        if self.render_budget is not None:
            self.render_budget.cancel()
            self.render_budget = None
        self.heap.resume()
        self._close_search_source()

    def _close_search_source(self) -> None:
        if self.search_source is not None:
            self.search_source.close()
            self.search_source = None

    def on_shutdown(self) -> None:
        self.search_index.stop()
        if self.folder_watch is not None:
            self.folder_watch.close()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Watch the content folders, and the docs folder again, never through a symlinked
        folder, and those made while the preview runs (see :class:`FolderWatch`)."""
        server.set_app(own_host_only(server.get_app(), config.dev_addr.host))  # the standard WSGI server's API
        if not is_loopback(config.dev_addr.host):
            log.warning(f"syllabus: the preview, drafts and internal courses included, answers every machine that "
                        f"can reach {config.dev_addr.host}; serve on 127.0.0.1 unless that is meant")
        root = config_path(config.config_file_path).parent
        server.unwatch(config.docs_dir)  # watched whole by MkDocs
        self.folder_watch = FolderWatch(server, [Path(self.docs_dir or config.docs_dir),
                                                 *(root / name for name in SOURCE_FOLDERS)])
        return server


def _preview_address(config: MkDocsConfig) -> str:
    """The preview's site_url, which MkDocs writes from ``dev_addr`` with an IPv6 host bare
    (``http://::1:8000/``): no address a browser, a feed or a link check reads. Bracketed, as
    browsers write it."""
    host, port = config.dev_addr
    bare = f"http://{host}:{port}/"
    if ":" in host and config.site_url.startswith(bare):
        return f"http://[{host}]:{port}/{config.site_url.removeprefix(bare)}"
    return config.site_url


def _escaped_sections(items: list[Any]) -> list[Any]:
    """A nav made by ``nest_paths`` with its sections' titles (folder names) as escaped text:
    Material prints nav titles raw."""
    return [{Markup(escape(title)): _escaped_sections(children) for title, children in item.items()}
            if isinstance(item, dict) else item for item in items]


def _refuse_shared_outputs(files: Files, downloads: list[Download]) -> None:
    """No two sources may be written to the same site path: the later would silently win.
    Paths are compared in lower case: macOS and Windows read Courses/ as courses/."""
    writers: dict[str, tuple[str, str]] = {}
    sources = [(f.dest_uri, f.src_uri if f.generated_by is None
                else f"{'page' if f.is_documentation_page() else 'download'} {f.dest_uri}") for f in files]
    sources += [(d.dest_uri, f"download {d.dest_uri}") for d in downloads]
    for dest, source in sources:
        if (writer := writers.get(dest.casefold())) is not None:
            other, other_dest = writer
            in_case = "" if other_dest == dest else " (their paths differ only in case)"
            raise PluginError(f"syllabus: {printable(source)} and {printable(other)} would both be published as "
                              f"{printable(other_dest)}{in_case}; rename one of them")
        writers[dest.casefold()] = (source, dest)


def _with_published_ids(page: Page, content: str) -> None:
    """Links to anchors (``validation.links.anchors``) are checked against every id of the
    page as published, as validate checks them: MkDocs took the ids from the Markdown's tree,
    before the template framed it (``#sessions``) and without those an extension wrote as
    HTML (a fence's ``{ #sample }``)."""
    page.present_anchor_ids = {*(page.present_anchor_ids or ()), *element_ids(content)}


def _metadata_lines(source: str, body: str) -> int:
    """How many lines of ``source`` MkDocs read as metadata before the Markdown ``body``."""
    if not body or not source.endswith(body):
        return 0
    return source[: len(source) - len(body)].count("\n")


_FIRST_H1 = re.compile(r'\s*<h1\b(?:[^>]*\bid="([^"]*)")?[^>]*>.*?</h1>', re.DOTALL)
_TITLE = re.compile(r'<h1\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h1>', re.DOTALL)
_SECTION = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def _heading_words(page: Page, heading: re.Match[str] | None) -> str | None:
    """The words of the page's ``heading`` (a :data:`_FIRST_H1` match), as its table of contents
    holds them: escaped text, without the permalink sign the heading's HTML ends with."""
    return next((entry.title for entry in page.toc.items if heading and entry.id == heading.group(1)), None)


def _same_words(heading: str, title: str) -> bool:
    """Whether a heading (escaped HTML text, as the table of contents holds it) says ``title``."""
    return str(plain_title(heading)).casefold().split() == str(escape(title)).casefold().split()


def toc_with_sections(html: str, toc: TableOfContents, body_attributes: Markup | None = None) -> TableOfContents:
    """The table of contents of a generated page: every ``<h2 id>`` in page order, the
    template's sections (sessions, units...) among the body's own (kept with their
    sub-entries, marked with ``body_attributes``, the body's :func:`language_attributes`,
    when it is not in the site's language). Titles stay the escaped HTML text the page holds,
    as Markdown's are. A body that opens with its
    own ``<h1>`` (a unit's title, which the page shows as its heading) holds its sections
    one level down.

    The sections hang under the page's ``<h1>``, as in a Markdown page's contents: Material
    shows them without it, and its "Skip to content" link goes to the first entry, the
    title, not past the page's facts to its first section."""
    if body_attributes:
        mark_language(toc, body_attributes)
    from_body = {entry.id: entry for item in toc for entry in (item.children if item.level == 1 else [item])}
    items = [from_body.pop(anchor, None) or AnchorLink(_TAG.sub("", inner).strip(), anchor, 2)
             for anchor, inner in _SECTION.findall(html)]
    sections = items + list(from_body.values())
    title = _TITLE.search(html)
    if title is None:
        return TableOfContents(sections)
    top = AnchorLink(_TAG.sub("", title.group(2)).strip(), title.group(1), 1)
    top.children = sections
    return TableOfContents([top])


def mark_language(entries: Iterable[AnchorLink], attributes: Markup) -> None:
    """Table of contents entries (and theirs) titled in another language than the page's
    (the site's), marked with its :func:`language_attributes`: Material prints a title as
    the HTML it is."""
    for entry in _anchors(entries):
        entry.title = f"<span {attributes}>{entry.title}</span>"


def _permalinks_in_site_language(config: MkDocsConfig, title: str) -> None:
    """The toc extension titles each heading's permalink "Permanent link" whatever the
    site's language; unless mkdocs.yml names it, it is named in the site's language. The
    extension's options are replaced, not changed in place: the options compared between
    preview rebuilds hold the ones mkdocs.yml gave."""
    toc = config.mdx_configs.get("toc")
    if toc and toc.get("permalink") and "permalink_title" not in toc:
        config.mdx_configs["toc"] = {**toc, "permalink_title": title}


def _filtered_languages(catalog: Catalog, options: Options) -> set[str]:
    """The languages a visitor can filter the site's pages and sessions by, as filters
    name them (:func:`reading_language`)."""
    tags = {options.site_language}
    for course in catalog.courses.values():
        tags.update(course.language_of(session) for session in course.sessions)
        tags.add(course.language)
    tags.update(item.language for item in (*catalog.tracks.values(), *catalog.plans.values()))
    return {reading_language(tag) for tag in tags}


def _keep_customers_on_site(config: MkDocsConfig, tooling: dict[str, bool],
                            edit_links: tuple[str, str] | None, audience: str) -> None:
    """Turn off what customers need not see or would have to fetch from another host."""
    features = config.theme.get("features") or []
    if not tooling["edit_links"]:
        config.theme["features"] = [f for f in features if f != "content.action.edit"]
        config.edit_uri = config.edit_uri_template = None  # pages get no edit_url either
    if not tooling["repository_link"] and config.repo_url:
        if edit_links is not None and config.edit_uri:  # edit links stay absolute without repo_url
            config.edit_uri = edit_links[0]
        config.repo_url = None  # Material links the repository and asks its host's API for stars
    if audience == "public":  # Material's default fonts come from Google; the system's are as good
        config.theme["font"] = False


def _warn_of_missing_loads(config: MkDocsConfig, files: Files, published: Collection[str]) -> None:
    """A warning (``--strict`` fails) for each file of the site mkdocs.yml has every page load
    (the theme's favicon too) that the site does not publish (``published``: site paths)."""
    source = ConfigSource(config_path(config.config_file_path))
    left_out = {file.dest_uri for file in files} - set(published)
    for keys, problem in unpublished_loads(config, set(published).__contains__, left_out.__contains__):
        shown, line, column = source.locate(keys)
        log.warning(f"syllabus: {shown}:{line}:{column}: {problem}")


def _is_authoring_page(file: File) -> bool:
    """A hand-written page for authors (``authoring: true`` in its front matter)."""
    if file.generated_by is not None or not file.abs_src_path:
        return False
    _, meta = get_data(file.content_string)
    return meta.get("authoring") is True


def _anchors(entries: Iterable[AnchorLink]) -> Iterator[AnchorLink]:
    """Every entry of a table of contents, sub-entries included."""
    for entry in entries:
        yield entry
        yield from _anchors(entry.children)


def _urls(items: list[Any]) -> Iterator[str]:
    """The URL of every page and link in the nav, sections opened."""
    for item in items:
        if isinstance(item, Section):
            yield from _urls(item.children)
        elif isinstance(item, (Page, Link)) and item.url is not None:
            yield item.url


def _through_symlink(path: str, docs_dir: str) -> bool:
    """True if ``path`` is a symlink or lies below one inside ``docs_dir``."""
    current, top = Path(path), Path(docs_dir)
    while current != top and top in current.parents:
        if current.is_symlink():
            return True
        current = current.parent
    return False
