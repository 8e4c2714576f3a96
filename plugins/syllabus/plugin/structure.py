"""The pages Syllabus adds to a site, described before MkDocs turns them into ``File``s.

Each :class:`GeneratedPage` knows its source URI, its Markdown body (only trainer-written
Markdown, never a template), the template that renders the structured part around it and
the YAML file an edit link should open. The list is built from the audience-filtered
catalog only, so a public site cannot contain what it was never given.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from ..core.config import Options, SiteAddress
from ..core.messages import Messages
from ..core.model import Catalog, Course, Plan, Session, Track, reading_language
from ..core.pages import has_body
from ..core.published import (
    CATALOG_PAGE,
    INSIGHTS_PAGE,
    PLAN_DOWNLOADS,
    REFERENCE_PAGE,
    course_sections,
    course_site_path,
    has_calendar,
    plan_download_path,
    plan_site_path,
    session_calendar_path,
    track_site_path,
)
from ..core.rules import COURSE_PAGE
from ..core.schedule import holiday_years, holidays_by_country
from ..core.schemas import specialised_schemas
from ..export.calendar import calendar_file
from ..export.facets import SEARCH_FACETS, TERM_FACETS, catalog_view, facet_values
from ..export.feedback import FeedbackLinks, feedback_links
from ..export.feeds import CourseEvents, course_events
from ..export.field_reference import field_reference
from ..export.plans import by_phase, plan_csv, plan_ics, plan_markdown, plan_page_data, plan_rows, undated_live_dates

TEMPLATES = Path(__file__).parent / "templates"  # the plugin's own, on the theme's search path
COURSE_TEMPLATE = "syllabus/course.html"  # a course's overview page
UNIT_TEMPLATE = "syllabus/unit.html"
# A unit page lists this many of its course's units before and after itself (more at either
# end of the course): every unit page listing every unit made a course of 2,000 units a
# 600 MB site built in six minutes, growing with the square of its units.
UNITS_AROUND = 10


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str
    template: str
    source: str  # catalog-relative YAML (or Markdown) file behind the page
    description: str = ""
    markdown: str = ""
    markdown_source: str = ""  # catalog-relative file ``markdown`` was read from, for error positions
    context: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)  # Material page options, e.g. hide
    language: str = ""  # of the content; the site's when empty
    updated: dt.date | None = None  # when the content last changed (the sitemap's lastmod)
    # Site search: None keeps the page out of the index; otherwise the facets it is found
    # under (Pagefind filters) and what a result shows besides its title (Pagefind meta).
    search_filters: Mapping[str, tuple[str, ...]] | None = None
    search_meta: Mapping[str, str] = field(default_factory=dict)

    @property
    def files(self) -> tuple[str, ...]:
        """The files it is made of, as diagnostics name them, the one a trainer edits for its
        text first: a course's overview is its index.md and course.yml, a unit its Markdown file."""
        return tuple(dict.fromkeys(filter(None, (self.markdown_source, self.source))))


def site_file(config: MkDocsConfig, site_path: str, *, content: str | bytes | None = None,
              abs_src_path: str | None = None) -> File:
    """A file the site publishes whatever ``exclude_docs`` and ``draft_docs`` say: MkDocs
    applies their patterns to every file after ``on_files``, and they are about the docs
    folder (``*.csv`` there must not drop every plan's CSV)."""
    if content is not None:
        return File.generated(config, site_path, content=content, inclusion=InclusionLevel.INCLUDED)
    assert abs_src_path is not None
    return File.generated(config, site_path, abs_src_path=abs_src_path, inclusion=InclusionLevel.INCLUDED)


@dataclass(frozen=True)
class Download:
    """A file the site publishes besides its pages: a plan export, a session calendar, a feed, a redirect."""

    dest_uri: str
    content: bytes


def course_pages(course: Course, catalog: Catalog, markdown: Mapping[str, str],
                 options: Options) -> Iterator[GeneratedPage]:
    """The course page and its unit pages; ``markdown`` holds the checked text of each file
    (:attr:`LoadResult.markdown`), and a course without ``index.md`` has no body.

    The course page's context also carries what is looked up or computed for it (its live
    sessions, the tracks and plans including it, its review date): plain values here, where
    the template would pay a call through Jinja for each.
    """
    live = catalog.taxonomy.is_live(course.format)
    filters = course_filters(course, catalog)
    updated = catalog.updated(course)
    upcoming = course.upcoming_sessions(options.today) if live else ()
    body_source = f"{course.folder}/{COURSE_PAGE}"
    body = markdown.get(body_source, "")
    context = {
        "course": course, "live": live, "upcoming": upcoming,
        "sections": course_sections(course, catalog, has_body=has_body(body)),
        "next_session": next((s for s in upcoming if s.is_bookable), None),
        "in_tracks": catalog.tracks_by_course.get(course.id, ()),
        "in_plans": catalog.plans_by_course.get(course.id, ()),
        "review_due": course.review_due(options.review_every_days),
        "review_overdue": course.review_overdue(options.today, options.review_every_days),
        "feedback_links": page_feedback("course", course, options),
    }
    yield GeneratedPage(
        src_uri=course_site_path(course, COURSE_PAGE), title=course.title, template=COURSE_TEMPLATE,
        source=course.source, description=course.summary, language=course.language, updated=updated,
        markdown=body, markdown_source=body_source,
        context=context, search_filters=filters,
    )
    for index in range(len(course.units)):
        yield unit_page(course, index, markdown, filters, updated)


def page_feedback(kind: str, item: Course | Track | Plan, options: Options) -> FeedbackLinks | None:
    """The page's "Report a problem" and "Request a session" links, if the site has a target.

    The owners' handles are prefilled for the internal audience only: the public site does
    not name its authors (see the ``owners`` option), so its links do not either."""
    owners = item.owners if options.audience == "internal" else ()
    return feedback_links(options.feedback, kind=kind, item_id=item.id, title=item.title,
                          path=f"{kind}s/{item.id}/", site=options.site, owners=owners)


def course_filters(course: Course, catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """The catalog's facets of a course, by title, as the site search offers them (its own
    language, not its sessions')."""
    values, taxonomy = facet_values(course, ()), catalog.taxonomy
    return {facet: tuple(values[facet]) if facet not in TERM_FACETS else
            tuple(taxonomy.title(TERM_FACETS[facet], value) for value in values[facet]) for facet in SEARCH_FACETS}


def unit_page(course: Course, index: int, markdown: Mapping[str, str], filters: Mapping[str, tuple[str, ...]],
              updated: dt.date | None) -> GeneratedPage:
    """A unit is found under its course's facets, and its results name the course. Its page
    lists the units around it (:data:`UNITS_AROUND`), the course page every one."""
    unit = course.units[index]
    source = f"{course.folder}/{unit.file}"
    first = max(0, min(index - UNITS_AROUND, len(course.units) - 2 * UNITS_AROUND - 1))
    context = {"course": course, "unit": unit, "index": index, "listed_from": first,
               "listed": course.units[first:first + 2 * UNITS_AROUND + 1]}
    return GeneratedPage(
        src_uri=course_site_path(course, unit.file), title=unit.title, template=UNIT_TEMPLATE,
        source=source, description=course.summary, language=course.language, updated=updated,
        markdown=markdown.get(source, ""), markdown_source=source, context=context,
        search_filters=filters, search_meta={"course": course.title},
    )


def track_page(track: Track, catalog: Catalog, options: Options) -> GeneratedPage:
    return GeneratedPage(
        src_uri=track_site_path(track), title=track.title, template="syllabus/track.html",
        source=track.source, description=track.summary, language=track.language, updated=catalog.updated(track),
        context={"track": track, "feedback_links": page_feedback("track", track, options)},
        search_filters={"language": (reading_language(track.language),),
                        "role": (catalog.taxonomy.title("roles", track.role),)},
    )


def plan_page(plan: Plan, catalog: Catalog, options: Options) -> GeneratedPage:
    """The plan's rows (site-relative folders for the page itself, which the renderer links
    as it links every page) and the templates the page personalises in the browser (absolute
    links, as ``syllabus plan`` prints them)."""
    rows = plan_rows(plan, catalog, options.today, SiteAddress(), language=options.site_language)
    years = holiday_years(options.today)
    exported = plan_rows(plan, catalog, options.today, options.site, language=options.site_language)
    return GeneratedPage(
        src_uri=plan_site_path(plan), title=plan.title, template="syllabus/plan.html",
        source=plan.source, description=plan.summary, language=plan.language, updated=catalog.updated(plan),
        search_filters={"language": (reading_language(plan.language),),
                        "role": tuple(catalog.taxonomy.title("roles", r) for r in plan.audience)},
        context={"plan": plan, "phases": by_phase(plan, rows), "live_dates": undated_live_dates(rows, options.messages),
                 "plan_data": plan_page_data(plan, exported, options.today, options.site,
                                             holiday_years=years, holidays=page_holidays(options),
                                             messages=options.messages),
                 "feedback_links": page_feedback("plan", plan, options)},
    )


def page_holidays(options: Options) -> dict[str, list[str]]:
    """The public holidays the plan page offers, resolved now for a bounded range of years."""
    try:
        return holidays_by_country(options.holiday_countries, holiday_years(options.today))
    except ValueError as error:
        raise PluginError(f"syllabus: option 'holiday_countries': {error}") from None


def insights_page(catalog: Catalog, options: Options) -> GeneratedPage:
    """The education team's program figures (the same ones ``syllabus report`` prints)."""
    from ..export.insights import compute_insights  # imports its charts too; most builds have no insights page

    return GeneratedPage(
        src_uri=INSIGHTS_PAGE, title=options.messages.text("insights.title"), template="syllabus/insights.html",
        source="", description=options.messages.text("insights.description"),
        context={"insights": compute_insights(catalog, options)},
    )


def field_reference_page(catalog: Catalog) -> GeneratedPage:
    """Every field trainers can write, rendered from the schemas at build time so it never drifts."""
    return GeneratedPage(
        src_uri=REFERENCE_PAGE, title="Field reference", template="syllabus/reference.html",
        source="", description="Every field of course, track and plan files, with types and examples.",
        markdown=field_reference(specialised_schemas(catalog.taxonomy)),
    )


def site_pages(catalog: Catalog, markdown: Mapping[str, str], options: Options,
               document: dict[str, Any]) -> list[GeneratedPage]:
    """Every generated page for an audience-filtered catalog, in a stable order.

    ``markdown`` is the checked text of the course files; ``document`` the catalog's
    ``catalog.json`` content, which the catalog page shows.

    Insights are for the education team, the field reference for authors: see
    :attr:`Options.publishes_insights` and :attr:`Options.publishes_authoring_pages`.
    """
    text = options.messages.text
    view = catalog_view(catalog, document["courses"], options.today, options.messages)
    pages = [GeneratedPage(src_uri=CATALOG_PAGE, title=text("nav.catalog"), template="syllabus/catalog.html",
                           source="", description=text("catalog.description"), context=view,
                           meta={"hide": ["navigation", "toc"]})]  # the width goes to the cards; not indexed
    for course in catalog.courses.values():
        pages.extend(course_pages(course, catalog, markdown, options))
    pages.extend(track_page(t, catalog, options) for t in catalog.tracks.values())
    pages.extend(plan_page(p, catalog, options) for p in catalog.plans.values())
    if options.publishes_insights:
        pages.append(insights_page(catalog, options))
    if options.publishes_authoring_pages:
        pages.append(field_reference_page(catalog))
    return pages


def next_live_sessions(catalog: Catalog, today: dt.date, limit: int) -> list[tuple[Course, Session]]:
    """The first ``limit`` sessions open for registration across live courses, soonest first."""
    open_sessions = [(course, session) for course in catalog.courses.values()
                     if catalog.taxonomy.is_live(course.format)
                     for session in course.upcoming_sessions(today) if session.is_bookable]
    return heapq.nsmallest(limit, open_sessions, key=lambda pair: pair[1].starts_at)


def plan_downloads(catalog: Catalog, today: dt.date, site: SiteAddress, messages: Messages) -> list[Download]:
    """The undated template of each visible plan as ``plan.md``, ``plan.csv`` and ``plan.ics``,
    in the language of ``messages``."""
    downloads = []
    for plan in catalog.plans.values():
        rows = plan_rows(plan, catalog, today, site, language=messages.language)
        files = {"md": plan_markdown(plan, rows, site=site, today=today, messages=messages),
                 "csv": plan_csv(plan, rows, today=today, messages=messages),
                 "ics": plan_ics(plan, rows, today=today, messages=messages)}
        downloads.extend(Download(plan_download_path(plan, file_format), content=files[file_format].encode("utf-8"))
                         for file_format in PLAN_DOWNLOADS)
    return downloads


def session_downloads(catalog: Catalog, today: dt.date, site: SiteAddress, messages: Messages, *,
                      events: CourseEvents = course_events) -> list[Download]:
    """An ``.ics`` for every session a course page offers "Add to calendar" for (see
    :func:`has_calendar`). ``events`` gives a course's calendar events; the plugin passes the
    one the feeds were made with, so each event is written once."""
    return [Download(session_calendar_path(course, session), content=calendar_file(course.title, [event]))
            for course in catalog.courses.values() if catalog.taxonomy.is_live(course.format)
            for session, event in events(course, today, site, messages) if has_calendar(catalog, course, session)]
