"""The autoescaping Jinja environment for the pages the plugin generates (the preview's
error page has its own, in :mod:`.preview`, which shows diagnostics before any catalog loads).

Content (titles, summaries, notes) only ever reaches HTML as template *data*: autoescaped
in text and attributes, ``|tojson`` inside scripts, and never compiled as a template.
Trainer Markdown arrives already converted by MkDocs and is inserted as ``body``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..core.config import Options, page_address
from ..core.html_allowlist import element_ids
from ..core.locale_format import ENGLISH_FORMAT, LocaleFormat, language_attributes, writing_direction
from ..core.messages import Messages, gap
from ..core.model import Catalog, Course, Session
from ..core.published import (
    anchors_beside,
    course_page,
    plan_download_path,
    plan_page,
    session_calendar_path,
    track_page,
    unit_address,
)
from ..export.facets import SEARCH_FACETS
from ..export.plans import phase_days
from ..export.structured_data import script_json
from .page_assets import PLAN_SCRIPT, asset_name
from .site_search import BODY_START
from .structure import GeneratedPage


@dataclass(frozen=True)
class SessionTimes:
    """What a session's ``<time>`` element holds: exact instants for the visitor's clock,
    and the label in the session's own zone for readers without JavaScript."""

    start: str  # ISO 8601 with the zone's offset
    end: str
    label: str  # "Wed, Dec 2, 2026, 16:00 – 17:00" in the site's language


def session_times(session: Session, default_minutes: int, formats: LocaleFormat = ENGLISH_FORMAT) -> SessionTimes:
    start, end = session.starts_at, session.ends_at(default_minutes)
    return SessionTimes(start.isoformat(), end.isoformat(), formats.session(start, end))


# data-over: when its last meeting ends (a cohort's sixth week), after which the page script
# no longer offers it. data-venue: held in person, where the venue's clock is the one that counts.
_SESSION_TIME = (
    '<time class="syllabus-session-time" datetime="%(start)s" data-start="%(start)s" data-end="%(end)s" '
    'data-over="%(over)s" data-zone="%(zone)s" data-zone-name="%(city)s"%(venue)s>%(label)s</time>'
)


def session_time(session: Session, course: Course, formats: LocaleFormat = ENGLISH_FORMAT) -> Markup:
    """The ``<time>`` element that ``syllabus.js`` rewrites into the visitor's own zone.

    A Python helper rather than a macro: the element is a contract with the script, not a
    design choice, and a catalog prints thousands of them (a macro call costs Jinja's whole
call machinery each time).
    """
    times = session_times(session, course.duration_minutes, formats)
    # "(Los Angeles time)": readers know cities, not IANA ids. Every value escaped by hand:
    # Markup.format would do it too, at a cost paid for every session of every page.
    over = course.ends_last(session).isoformat()
    return Markup(_SESSION_TIME % {"start": escape(times.start), "end": escape(times.end), "over": escape(over),
                                   "zone": escape(session.timezone), "city": escape(formats.city(session.timezone)),
                                   "venue": ' data-venue=""' if session.location else "",
                                   "label": escape(formats.in_zone(times.label, session.timezone))})


def _unbroken(format_value: Callable[[Any], str], value: Any) -> str:
    """A value that reads as one: "2 h 30 min" never wraps as "2 h 30 / min" on a phone."""
    return format_value(value).replace(" ", "\u00a0")


def _spaced(note: str) -> Markup:
    """A side note with the space before it that :func:`gap` says."""
    return Markup(gap(note)) + note


def messages_element(messages: Messages, languages: Iterable[str] = (),
                     facet_order: Mapping[str, Sequence[str]] | None = None) -> str:
    """The page scripts' texts and date formats in the site's language, carried by every
    page that loads them (``syllabusText``, ``syllabusFormat``, ``syllabusLanguageName``,
    ``syllabusFacetOrder`` and ``syllabusSearchFacets`` in syllabus.js read it), with the names
    of ``languages`` as the catalog's filter writes them, the site search's facets and each
    one's titles in the taxonomy's order, so that the search dialog's filters say and list
    what the catalog's do: JSON that cannot close its element."""
    formats = LocaleFormat(messages)
    data = {"language": messages.language, "texts": messages.for_scripts(), "formats": formats.for_scripts(),
            "languages": {tag: formats.language_name(tag) for tag in sorted(set(languages))},
            "facet_order": dict(facet_order or {}), "search_facets": SEARCH_FACETS}
    return f'<script type="application/json" id="__syllabus-messages">{script_json(data)}</script>'


def relative_url(target: str, page_url: str, use_directory_urls: bool) -> str:
    """Link from the page at ``page_url`` to the site path ``target`` (e.g. ``courses/x/``).

    Both are site paths without ``.`` or ``..`` segments, so the link climbs out of the
    page's folders below the common ones and descends into the target's.
    """
    if target == "" or target.endswith("/"):
        target = page_address(target, use_directory_urls)
    folders = page_url.split("/")[:-1]  # "courses/x/" and "courses/x/index.html": courses, x
    parts = target.split("/") if target else []  # the site root: just climb ("../..")
    common = 0
    while common < min(len(folders), len(parts) - 1) and folders[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(folders) - common) + parts[common:]) or "./"


class Renderer:
    """Renders the structured part of generated pages around their Markdown body."""

    def __init__(self, search_path: Sequence[str], catalog: Catalog, options: Options,
                 use_directory_urls: bool, bytecode_cache: jinja2.BytecodeCache | None = None) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(list(search_path)),
            bytecode_cache=bytecode_cache,
            auto_reload=False,  # one build per environment; no stat() of templates on every page
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        # A filter, not a taxonomy.title() call in the template: Jinja calls filters directly,
        # methods through its call machinery (a page names up to a dozen terms).
        # Values (dates, durations, numbers, language names) read as the site's language writes them.
        taxonomy = catalog.taxonomy
        formats = LocaleFormat(options.messages)
        self.env.filters.update(minutes=functools.partial(_unbroken, formats.duration), date=formats.date,
                                number=formats.number,
                                language=formats.language_name, term=lambda key, kind: taxonomy.title(kind, key),
                                listed=options.messages.text("list.separator").join, spaced=_spaced,
                                language_attributes=functools.partial(language_attributes,
                                                                      site_language=options.site_language),
                                writing_direction=writing_direction)
        # t: the reader-facing texts in the site's language; feeds: see SyllabusPlugin.on_files
        self.env.globals.update(session_time=self.session_time, feeds=(),
                                t=options.messages.text, around=options.messages.around, gap=gap,
                                phase_days=functools.partial(phase_days, text=options.messages.text),
                                course_page=course_page, track_page=track_page, plan_page=plan_page,
                                plan_download_path=plan_download_path,
                                session_calendar_path=session_calendar_path,
                                plan_script=asset_name(PLAN_SCRIPT),  # beside syllabus.js, which loads it
                                unit_page=functools.partial(unit_address, use_directory_urls=use_directory_urls))
        self.catalog, self.options = catalog, options
        self.use_directory_urls = use_directory_urls
        self.formats = formats
        self._session_times: dict[tuple[Session, int, int | None], Markup] = {}

    def session_time(self, session: Session, course: Course) -> Markup:
        """:func:`session_time`, made once per session: a course page shows its next session
        twice (the box and the list), and the catalog's card shows it again. The element
        depends on the session and on the course's length and weeks only."""
        key = (session, course.duration_minutes, course.program_weeks)
        if (element := self._session_times.get(key)) is None:
            element = self._session_times[key] = session_time(session, course, self.formats)
        return element

    def linker(self, page_url: str) -> Callable[[str], str]:
        return lambda target: relative_url(target, page_url, self.use_directory_urls)

    def render(self, name: str, page_url: str, *, page_html: str = "", **context: Any) -> str:
        """``page_html``: what of the page's own HTML goes in it, whose ids the template's avoid."""
        template = self.env.get_template(name)
        return template.render(
            catalog=self.catalog, taxonomy=self.catalog.taxonomy, options=self.options,
            today=self.options.today, link=self.linker(page_url),
            anchor=anchors_beside(element_ids(page_html)),
            **context,
        )

    def render_page(self, page: GeneratedPage, body_html: str, page_url: str, title_id: str | None = None) -> str:
        """The page around its converted Markdown; ``title_id``: the id of a heading of the
        body's that the page's own title replaces, which the title keeps."""
        return self.render(page.template, page_url, page_html=body_html, body=Markup(body_html),
                           page_info=page, title_id=title_id, **page.context)


def searchable(html: str, filters: Mapping[str, Sequence[str]], meta: Mapping[str, str]) -> str:
    """A page's content marked for Pagefind: the index reads only what is inside
    ``data-pagefind-body``, and the facets and meta ride along unseen (``hidden``) and
    unindexed (``data-pagefind-ignore``), so they never show up in excerpts."""
    facets = "".join(f'<span data-pagefind-filter="{escape(key)}">{escape(value)}</span>'
                     for key, values in filters.items() for value in values)
    facets += "".join(f'<span data-pagefind-meta="{escape(key)}">{escape(value)}</span>' for key, value in meta.items())
    return f'{BODY_START}<div hidden data-pagefind-ignore="index">{facets}</div>{html}</div>'
