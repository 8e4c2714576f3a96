"""schema.org JSON-LD for course pages, so search engines see a course with dates.

A course is a ``Course``; each upcoming session a ``CourseInstance`` (an ``Event``) whose
start and end are exact instants written with the organiser's UTC offset, since that is
what the trainer scheduled. A live course's recording or on-demand twin, and a course that
is itself on demand, are an asynchronous online ``CourseInstance``. Every value comes from
the model; :func:`script_json` makes the text safe inside ``<script>``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..core.config import SiteAddress
from ..core.model import Catalog, Course, Session
from ..core.published import course_page

SCHEMA = "https://schema.org/"
EVENT_STATUS = {"scheduled": "EventScheduled", "full": "EventScheduled", "cancelled": "EventCancelled"}

# Characters that could end the script element (``</script>``), open a comment (``<!--``),
# end a line in older JavaScript parsers, or (quotes) read as markup to a scanner that does
# not know script elements; JSON allows each as a \u escape.
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027",
                                 "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(value: Any) -> str:
    """JSON text that can sit inside ``<script type="application/ld+json">`` unchanged:
    whatever the strings hold, the element cannot be closed or broken from inside."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).translate(_SCRIPT_ESCAPES)


def iso_duration(minutes: int) -> str:
    """``90`` → ``PT1H30M`` (ISO 8601), the form schema.org's ``Duration`` takes."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def _online(url: str) -> dict[str, Any]:
    return {"@type": "VirtualLocation", "url": url}


def session_instance(course: Course, session: Session, online: bool, course_url: str) -> dict[str, Any]:
    """One live session: when (organiser's offset), how it is attended, its status.

    It runs from its first meeting's start to its last one's end. A cohort that meets weekly
    has a ``Schedule`` active for that span (each meeting's length, weekly, how many times);
    a single meeting has no repetition to describe, so its length is its workload."""
    meetings = course.meetings(session)
    start, end = meetings[0][0], meetings[-1][1]
    minutes = course.session_minutes(session)
    instance: dict[str, Any] = {
        "@type": "CourseInstance",
        "name": course.title,
        "courseMode": ["online" if online else "onsite", "synchronous"],
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
        "eventStatus": SCHEMA + EVENT_STATUS[session.status],
        "eventAttendanceMode": SCHEMA + ("OnlineEventAttendanceMode" if online else "OfflineEventAttendanceMode"),
        "inLanguage": course.language_of(session),
    }
    if online:
        instance["location"] = _online(session.registration_url or course_url)
    elif session.location:  # one text: venue, address and city, as the trainer wrote it
        instance["location"] = {"@type": "Place", "name": session.location, "address": session.location}
    if len(meetings) > 1:
        instance["courseSchedule"] = {"@type": "Schedule", "startDate": start.isoformat(), "endDate": end.isoformat(),
                                      "duration": iso_duration(minutes), "repeatFrequency": "Weekly",
                                      "repeatCount": len(meetings), "scheduleTimezone": session.timezone}
    else:
        instance["courseWorkload"] = iso_duration(minutes)
    if session.instructors:
        instance["instructor"] = [{"@type": "Person", "name": name} for name in session.instructors]
    if session.registration_url and session.takes_place:  # a cancelled one has nothing to register for
        instance["offers"] = {"@type": "Offer", "url": session.registration_url,
                              "availability": SCHEMA + ("SoldOut" if session.status == "full" else "InStock")}
    return instance


def on_demand_instance(course: Course, url: str) -> dict[str, Any]:
    """Taken at any time, online: a self-paced course, or a live course's alternative at ``url``."""
    return {"@type": "CourseInstance", "name": course.title, "courseMode": ["online", "asynchronous"],
            "courseWorkload": iso_duration(course.duration_minutes), "location": _online(url),
            "inLanguage": course.language}


def course_list_json_ld(catalog: Catalog, site: SiteAddress) -> dict[str, Any] | None:
    """The catalog page's ``ItemList`` of the course pages it leads to, in its order: with
    each page's own ``Course``, search engines' course list. None without the site's address:
    a list names its pages by full URL."""
    if not site.url or not catalog.courses:
        return None
    return {"@context": "https://schema.org", "@type": "ItemList",
            "itemListElement": [{"@type": "ListItem", "position": position, "url": site.page(course_page(course_id))}
                                for position, course_id in enumerate(catalog.courses, 1)]}


def course_json_ld(course: Course, catalog: Catalog, today: dt.date, site: SiteAddress,
                   provider: str) -> dict[str, Any]:
    """The ``Course`` of a course page; its links are absolute when the site's URL is known."""
    course_url = site.page(course_page(course.id))
    taxonomy = catalog.taxonomy
    live = taxonomy.is_live(course.format)
    online = live and taxonomy.is_online(course.format)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "@id": f"{course_url}#course",
        "name": course.title,
        "description": course.summary,
        "url": course_url,
        "inLanguage": course.language,
        "educationalLevel": taxonomy.title("levels", course.level),
        "timeRequired": iso_duration(course.duration_minutes),
        "audience": [{"@type": "Audience", "audienceType": taxonomy.title("roles", role)} for role in course.roles],
        "provider": {"@type": "Organization", "name": provider, **({"url": site.page("")} if site.url else {})},
    }
    if course.tags or course.products:
        data["keywords"] = ", ".join([*(taxonomy.title("products", p) for p in course.products), *course.tags])
    if course.outcomes:
        data["teaches"] = list(course.outcomes)
    prerequisites = [catalog.courses[i] for i in course.prerequisites if i in catalog.courses]
    if prerequisites:
        data["coursePrerequisites"] = [
            {"@type": "Course", "name": p.title, "url": site.page(course_page(p.id))} for p in prerequisites]
    if course.credential:
        data["educationalCredentialAwarded"] = course.credential.title
    if course.last_reviewed:
        data["dateModified"] = course.last_reviewed.isoformat()
    if not live:
        instances = [on_demand_instance(course, course_url)]
    else:
        instances = [session_instance(course, s, online, course_url) for s in course.upcoming_sessions(today)]
    if live and course.on_demand and course.on_demand.url:
        instances.append(on_demand_instance(course, course.on_demand.url))
    elif live and course.on_demand and course.on_demand.course in catalog.courses:
        instances.append(on_demand_instance(course, site.page(course_page(course.on_demand.course))))
    if instances:
        data["hasCourseInstance"] = instances
    return data
