"""``catalog.json``: the machine-readable catalog, one shape for the CLI and the site.

Keys are sorted and lists keep the catalog's stable (id) order, so the same sources and
the same "today" give the same bytes. Fields are only ever added within a schema version:
``language`` and ``updated`` (see :meth:`Catalog.updated`) and each taxonomy term's
``order`` came later than the rest.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from ..core.config import page_address
from ..core.model import Catalog, Course, Plan, Session, Track
from ..core.published import course_page, plan_page, track_page
from .placeholders import iso_utc

SCHEMA_VERSION = 1


def session_json(session: Session, course: Course) -> dict[str, Any]:
    """A session with its local wall-clock time and the exact UTC instants of its first
    meeting (``end_utc`` is when that meeting ends: a weekly program, ``program_weeks`` on
    the course, meets at the same local time each week after it)."""
    data: dict[str, Any] = {
        "start": session.start.isoformat(timespec="seconds" if session.start.second else "minutes"),  # as written
        "timezone": session.timezone,
        "start_utc": iso_utc(session.starts_at),
        "end_utc": iso_utc(session.ends_at(course.duration_minutes)),
        "duration_minutes": course.session_minutes(session),
        "status": session.status,
        "language": course.language_of(session),
    }
    if session.registration_url:
        data["registration_url"] = session.registration_url
    if session.instructors:
        data["instructors"] = list(session.instructors)
    if session.capacity:
        data["capacity"] = session.capacity
    if session.location:
        data["location"] = session.location
    return data


def course_json(course: Course, today: dt.date, directory_urls: bool = True) -> dict[str, Any]:
    """A course's entry; its ``url``s are site-relative, as MkDocs publishes the pages."""
    data: dict[str, Any] = {
        "id": course.id,
        "title": course.title,
        "summary": course.summary,
        "url": page_address(course_page(course.id), directory_urls),
        "level": course.level,
        "roles": list(course.roles),
        "format": course.format,
        "duration_minutes": course.duration_minutes,
        "language": course.language,
        "products": list(course.products),
        "tags": list(course.tags),
        "prerequisites": list(course.prerequisites),
        "status": course.status,
        "sessions": [session_json(s, course) for s in course.upcoming_sessions(today)],
    }
    if course.on_demand:
        data["on_demand"] = (
            {"url": course.on_demand.url} if course.on_demand.url
            else {"course": course.on_demand.course,
                  "url": page_address(course_page(course.on_demand.course), directory_urls)}
        )
    if course.last_reviewed:
        data["last_reviewed"] = data["updated"] = course.last_reviewed.isoformat()
    if course.translations:
        data["translations"] = dict(course.translations)
    if course.program_weeks:
        data["program_weeks"] = course.program_weeks
    return data


def _updated(catalog: Catalog, item: Track | Plan) -> dict[str, str]:
    updated = catalog.updated(item)
    return {"updated": updated.isoformat()} if updated else {}


def catalog_document(catalog: Catalog, today: dt.date, directory_urls: bool = True, *,
                     entry: Callable[[Course, dt.date, bool], dict[str, Any]] = course_json) -> dict[str, Any]:
    """The ``catalog.json`` document for an already audience-filtered catalog, its page
    addresses site-relative (``courses/x/``, or ``courses/x/index.html`` without directory
    URLs). ``entry`` gives each course's (the author preview passes a version that remembers
    unchanged courses')."""
    tracks = []
    for track in catalog.tracks.values():
        total, required = catalog.track_minutes(track)
        tracks.append({
            "id": track.id, "title": track.title, "summary": track.summary, "role": track.role,
            "url": page_address(track_page(track.id), directory_urls),
            "courses": list(dict.fromkeys(track.course_ids)),
            "duration_minutes": total, "required_minutes": required, "language": track.language,
            **({"target_days": track.target_days} if track.target_days else {}), **_updated(catalog, track),
        })
    return {
        "schema_version": SCHEMA_VERSION,
        "courses": [entry(c, today, directory_urls) for c in catalog.courses.values()],
        "tracks": tracks,
        "plans": [
            {"id": p.id, "title": p.title, "summary": p.summary, "url": page_address(plan_page(p.id), directory_urls),
             "length_days": p.length_days, "language": p.language, **_updated(catalog, p)}
            for p in catalog.plans.values()
        ],
        "taxonomy": catalog.taxonomy_in_use.as_json(),
    }


def dumps(document: Any) -> str:
    """Stable JSON text: sorted keys, UTF-8 kept readable, newline-terminated."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def course_text(course: Course, today: dt.date, directory_urls: bool = True) -> str:
    """A course's entry as ``dumps`` writes it inside a catalog document's course list."""
    return dumps(course_json(course, today, directory_urls)).rstrip("\n").replace("\n", "\n    ")


def catalog_text(document: dict[str, Any], course_texts: list[str]) -> str:
    """``dumps(document)`` from the text of each course entry (``course_text``, in the
    document's order), which the author preview keeps for unchanged courses."""
    if not course_texts:
        return dumps(document)
    # "courses" sorts first among the document's keys, so its empty list is found first.
    return dumps({**document, "courses": []}).replace(
        '"courses": []', '"courses": [\n    ' + ",\n    ".join(course_texts) + "\n  ]", 1)
