"""Feeds to subscribe to: an Atom feed of new and updated courses, and iCalendar feeds of
upcoming sessions (all of them, and one per role).

Built from the audience-filtered catalog only. Every value is a function of the sources and
"today" (``SOURCE_DATE_EPOCH``), so two builds give the same bytes; session UIDs are those of
the course page's calendar files, so calendar apps update events rather than duplicate them.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..core.config import SiteAddress
from ..core.messages import Messages
from ..core.model import Catalog, Course, Session
from ..core.published import COURSES_FEED, course_page, sessions_feed_path
from .calendar import calendar_file, session_event

ATOM = "http://www.w3.org/2005/Atom"
ATOM_ENTRIES = 100  # the most recently updated courses; older ones are in catalog.json
CourseEvents = Callable[[Course, dt.date, SiteAddress, Messages], list[tuple[Session, list[str]]]]


@dataclass(frozen=True)
class Feed:
    """One published feed: where it lives, what it is called and its media type."""

    # At the site's root: Material's instant navigation looks for sitemap.xml next to every
    # <link rel="alternate">, and there is one only at the root.
    path: str
    title: str
    media_type: str
    content: bytes


def _iri(address: str, site: SiteAddress, kind: str, key: str) -> str:
    """An entry's permanent id: its absolute ``address``, or a URN when the site's URL is unknown."""
    return address if site.url else f"urn:syllabus:{kind}:{key}"


def _scheme(site: SiteAddress, facet: str) -> str:
    """A category's scheme, an IRI (RFC 4287 4.2.2.2): the catalog filtered by the facet, to
    which the term is the value (``.../catalog/?role=`` + ``admin``), or a URN without a site URL."""
    return f"{site.page('catalog/')}?{facet}=" if site.url else f"urn:syllabus:{facet}"


def _instant(day: dt.date) -> str:
    return f"{day:%Y-%m-%d}T00:00:00Z"


def course_updated(catalog: Catalog, course: Course, today: dt.date) -> dt.date:
    """A course's date in the feed: when it was last reviewed, else "today"."""
    return catalog.updated(course) or today


def atom_feed(catalog: Catalog, today: dt.date, site: SiteAddress, site_name: str, messages: Messages) -> Feed:
    """The audience's courses (the public ones on the public site), most recently reviewed
    first (then by id), as Atom 1.0, titled in the site's language."""
    path = COURSES_FEED
    title = messages.text("feed.courses", site=site_name)
    language = messages.language
    courses = catalog.by_last_update(today)[:ATOM_ENTRIES]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language})

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text
        return element

    add(feed, "id", _iri(site.file(path), site, "feed", "courses"))
    add(feed, "title", title)
    newest = max((course_updated(catalog, c, today) for c in courses), default=today)
    add(feed, "updated", _instant(newest))
    add(feed, "author").append(_named(site_name))
    if site.url:
        add(feed, "link", rel="self", href=site.file(path), type="application/atom+xml")
        add(feed, "link", rel="alternate", href=site.page("catalog/"), type="text/html")
    add(feed, "generator", "Syllabus")
    taxonomy = catalog.taxonomy
    for course in courses:
        entry = add(feed, "entry", **{"{http://www.w3.org/XML/1998/namespace}lang": course.language})
        url = site.page(course_page(course.id))
        add(entry, "id", _iri(url, site, "course", course.id))
        add(entry, "title", course.title)
        add(entry, "updated", _instant(course_updated(catalog, course, today)))
        add(entry, "link", rel="alternate", href=url, type="text/html")
        add(entry, "summary", course.summary)
        for role in course.roles:
            add(entry, "category", term=role, label=taxonomy.title("roles", role), scheme=_scheme(site, "role"))
        add(entry, "category", term=course.level, label=taxonomy.title("levels", course.level),
            scheme=_scheme(site, "level"))
        add(entry, "category", term=course.format, label=taxonomy.title("formats", course.format),
            scheme=_scheme(site, "format"))
    text = ET.tostring(feed, encoding="unicode", short_empty_elements=True)
    return Feed(path, title, "application/atom+xml", f'<?xml version="1.0" encoding="utf-8"?>\n{text}\n'.encode())


def _named(name: str) -> ET.Element:
    element = ET.Element(f"{{{ATOM}}}name")
    element.text = name
    return element


def course_events(course: Course, today: dt.date, site: SiteAddress,
                  messages: Messages) -> list[tuple[Session, list[str]]]:
    """The calendar event of each of a course's upcoming sessions, with the session: the
    feeds and each session's own ``.ics`` file hold the same lines."""
    course_url = site.page(course_page(course.id))
    return [(session, session_event(course, session, today, course_url, messages))
            for session in course.upcoming_sessions(today)]


def session_feeds(catalog: Catalog, today: dt.date, site: SiteAddress, site_name: str, messages: Messages, *,
                  events: CourseEvents = course_events) -> Iterator[Feed]:
    """Every upcoming session of a live course (cancelled ones say so, which removes them
    from subscribers' calendars), in one feed and in one per role. ``events`` gives each
    course's (the author preview passes a version that remembers unchanged courses')."""
    # Every role the site names (not one only hidden content has), so a subscription outlives a quiet month.
    by_role: dict[str, list[list[str]]] = {role: [] for role in catalog.taxonomy_in_use.roles}
    everything: list[tuple[dt.datetime, str, list[str]]] = []
    for course in catalog.courses.values():
        if catalog.taxonomy.is_live(course.format):
            everything.extend((session.starts_at, course.id, event)
                              for session, event in events(course, today, site, messages))
    everything.sort(key=lambda item: (item[0], item[1]))
    for _, course_id, event in everything:
        for role in catalog.courses[course_id].roles:
            by_role[role].append(event)
    title = messages.text("feed.sessions", site=site_name)
    yield Feed(sessions_feed_path(), title, "text/calendar",
               calendar_file(title, [event for _, _, event in everything]))
    for role, role_events in by_role.items():
        role_title = messages.text("feed.sessions_for_role", site=site_name, role=catalog.taxonomy.title("roles", role))
        yield Feed(sessions_feed_path(role), role_title, "text/calendar",
                   calendar_file(role_title, role_events))


def site_feeds(catalog: Catalog, today: dt.date, site: SiteAddress, site_name: str, messages: Messages, *,
               events: CourseEvents = course_events) -> list[Feed]:
    """The Atom feed first, then the calendar of all sessions, then one per role."""
    return [atom_feed(catalog, today, site, site_name, messages),
            *session_feeds(catalog, today, site, site_name, messages, events=events)]
