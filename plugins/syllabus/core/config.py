"""Syllabus options as the core sees them: plain values, with every default declared once.

The MkDocs adapter reads them from ``mkdocs.yml`` through MkDocs' own loader and the
plugin's typed config, for the build and the CLI alike (:mod:`syllabus.plugin.options`),
then calls :func:`options_from_mapping`; so the command line and the site always agree
on the taxonomy, the audience and "today".
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .diagnostics import Diagnostic, Severity
from .messages import ENGLISH, REFERENCE_LANGUAGE, Messages, load_messages, other_site_problems
from .pages import MarkdownSettings
from .taxonomy import Taxonomy

AUDIENCES = ("public", "internal")
# Countries whose public holidays the plan page offers (the command line takes any country
# the ``holidays`` package knows).
DEFAULT_HOLIDAY_COUNTRIES = ("AU", "CA", "DE", "ES", "FR", "GB", "IN", "JP", "NL", "US")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def is_id(value: str) -> bool:
    """Lowercase kebab-case, the form of every course, track, plan and taxonomy id."""
    return _ID.match(value) is not None


class ConfigError(Exception):
    """A usage or configuration problem: exit status 2, never a content error.

    ``diagnostics`` position the problems in the config file, where they can be found.
    """

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = tuple(diagnostics)


class NavEntry(NamedTuple):
    """A page mkdocs.yml's ``nav`` names (a path in the docs folder, or a page Syllabus makes),
    as written, and where it is written."""

    target: str
    source: str
    line: int
    column: int


class SiteText(NamedTuple):
    """A value of mkdocs.yml the theme publishes on every page (a nav entry's title or address,
    the copyright, ``extra``'s texts), and where it is written: published, as a page is."""

    text: str
    source: str
    line: int
    column: int


@dataclass(frozen=True)
class LinkRules:
    """Which links ``mkdocs build --strict`` fails on, from mkdocs.yml's ``validation.links``
    (each a warning there, so validate reports them as errors)."""

    not_found: bool = True  # a relative link to a file the site does not have (MkDocs' default)
    absolute: bool = False  # any absolute link (``absolute_links: warn``)
    unrecognized: bool = False  # a relative link naming no file, such as ``../other/`` (``unrecognized_links: warn``)
    absolute_from_docs: bool = False  # ``absolute_links: relative_to_docs``: ``/x.md`` is the site's x.md
    # A Markdown link to a place (#id) its page lacks: a warning, as MkDocs notes it at info
    # level by default; an error at ``anchors: warn``; not checked below info.
    anchors: Severity | None = "warning"

    @property
    def checked(self) -> bool:
        return (self.not_found or self.absolute or self.unrecognized or self.absolute_from_docs
                or self.anchors is not None)


def page_address(folder: str, use_directory_urls: bool) -> str:
    """The address of the page at the site folder ``folder`` (``catalog/``, ``""`` for the
    home page): the folder, or without directory URLs its ``index.html``, which hosts that
    serve no folder's index (the reason to turn directory URLs off) need."""
    return folder if use_directory_urls else f"{folder}index.html"


@dataclass(frozen=True)
class SiteAddress:
    """Where the site is published, for what is read away from it (feeds, calendars,
    JSON-LD, catalog.json, plans a customer pastes): under ``url`` (mkdocs.yml's site_url)
    when it is known, else relative to the site's root; pages as MkDocs publishes them."""

    url: str = ""
    directory_urls: bool = True

    def page(self, folder: str) -> str:
        """The page at the site folder ``folder`` (``courses/x/``)."""
        return self.file(page_address(folder, self.directory_urls))

    def file(self, path: str) -> str:
        """The file at the site path ``path`` (``courses.xml``)."""
        return f"{self.url.rstrip('/')}/{path}" if self.url else path


@dataclass(frozen=True)
class Options:
    """Everything the core needs to know about the site around the content."""

    root: Path
    taxonomy: Taxonomy
    audience: str = "public"
    review_every_days: int = 180
    video_hosts: tuple[str, ...] = ()
    site_language: str = REFERENCE_LANGUAGE
    messages: Messages = ENGLISH  # the reader-facing texts in site_language (core/messages.py)
    # What is wrong around the content (the site's texts in locales/, mkdocs.yml), reported
    # with the content's problems: a text's mistake is an error, mkdocs.yml's are warnings.
    site_problems: tuple[Diagnostic, ...] = ()
    publish_insights: bool = False
    fte_hours_per_month: float = 140.0
    today: dt.date = field(default_factory=lambda: today_from_environment())  # the build's day, UTC
    site_url: str = ""  # mkdocs.yml ``site_url``: makes links in exported plans absolute
    holiday_countries: tuple[str, ...] = DEFAULT_HOLIDAY_COUNTRIES
    markdown: MarkdownSettings = field(default_factory=MarkdownSettings)  # mkdocs.yml ``markdown_extensions``
    links: LinkRules = LinkRules()
    feedback: str = ""  # repository URL or mailto: address for readers' feedback links; "" = none
    # mkdocs.yml extra_css, extra_javascript and extra.polyfills: the only scripts and stylesheets docs/ may hold
    site_assets: frozenset[str] = frozenset()
    docs_dir: str = "docs"  # mkdocs.yml docs_dir, relative to root: the hand-written pages and files
    # Files of docs_dir that MkDocs leaves out of a build (exclude_docs, draft_docs, by default
    # dot files and templates/), by path in it; None: dot files only.
    docs_unpublished: frozenset[str] | None = None
    # Site paths of the theme's files and the plugin's page assets, which pages may link to;
    # only ``syllabus validate`` asks for them (:func:`syllabus.plugin.options.load_options`).
    theme_files: frozenset[str] = frozenset()
    use_directory_urls: bool = True  # mkdocs.yml: a page a/b.md is published as a/b/index.html, else a/b.html
    authoring_pages: bool | None = None  # pages with ``authoring: true`` and the field reference; see tooling_on
    # The pages mkdocs.yml's ``nav`` names (not its links), which MkDocs warns of if the site lacks them.
    nav: tuple[NavEntry, ...] = ()
    site_texts: tuple[SiteText, ...] = ()

    def tooling_on(self, chosen: bool | None) -> bool:
        """Whether an authoring aid (authoring pages, owners, edit links...) is on: as the
        site chose, else on the internal site only (customers see no authoring tooling)."""
        return chosen if chosen is not None else self.audience == "internal"

    @property
    def site(self) -> SiteAddress:
        return SiteAddress(self.site_url, self.use_directory_urls)

    @property
    def publishes_authoring_pages(self) -> bool:
        return self.tooling_on(self.authoring_pages)

    @property
    def publishes_insights(self) -> bool:
        """The education team's figures: on the internal site, or where published on purpose."""
        return self.audience == "internal" or self.publish_insights


# The seconds a build's timestamps may hold: gzip (MkDocs' sitemap.xml.gz) stores them in 32
# unsigned bits, to 2106; later, MkDocs itself fails.
EPOCH_RANGE = range(2**32)


def today_from_environment() -> dt.date:
    """``SOURCE_DATE_EPOCH`` is "today" when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            seconds = int(epoch)
        except ValueError:
            raise ConfigError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp") from None
        if seconds not in EPOCH_RANGE:
            raise ConfigError(f"SOURCE_DATE_EPOCH={epoch!r} is outside 0 to {EPOCH_RANGE[-1]} (1970 to 2106), "
                              "the seconds a build's files can be dated with")
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def options_from_mapping(
    raw: Mapping[str, Any], *, root: Path, site_language: str, today: dt.date | None = None,
    site_url: str = "", markdown: MarkdownSettings | None = None, site_assets: frozenset[str] = frozenset(),
    docs_dir: str | None = None, docs_unpublished: frozenset[str] | None = None,
    theme_files: frozenset[str] = frozenset(), use_directory_urls: bool = True, links: LinkRules | None = None,
) -> Options:
    """Options from plugin option values already checked by the plugin's typed config.

    A value left out (or ``None``) takes the default declared on :class:`Options`;
    ``SYLLABUS_AUDIENCE`` wins over the ``audience`` option.
    """
    def value(name: str) -> Any:
        given = raw.get(name)
        return getattr(Options, name) if given is None else given

    audience = os.environ.get("SYLLABUS_AUDIENCE") or value("audience")
    if audience not in AUDIENCES:
        raise ConfigError(f"SYLLABUS_AUDIENCE must be 'public' or 'internal', not {audience!r}")
    messages, site_problems = load_messages(site_language, root)
    site_problems += other_site_problems(messages.language, root)
    return Options(
        root=root,
        taxonomy=Taxonomy.from_options(raw, messages),
        audience=audience,
        review_every_days=value("review_every_days"),
        video_hosts=tuple(raw.get("video_hosts") or ()),
        site_language=site_language,
        messages=messages,
        site_problems=tuple(site_problems),
        publish_insights=value("publish_insights"),
        fte_hours_per_month=float(value("fte_hours_per_month")),
        today=today or today_from_environment(),
        site_url=site_url,
        holiday_countries=tuple(sorted(set(value("holiday_countries")))),
        markdown=markdown or MarkdownSettings(),
        links=links or LinkRules(),
        feedback=value("feedback"),
        site_assets=site_assets,
        docs_dir=docs_dir or Options.docs_dir,
        docs_unpublished=docs_unpublished,
        theme_files=theme_files,
        use_directory_urls=use_directory_urls,
        authoring_pages=raw.get("authoring_pages"),
    )
