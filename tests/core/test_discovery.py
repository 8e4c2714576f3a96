"""What search engines and calendar apps read: JSON-LD that no text can break out of, a
cohort's weekly schedule, and session feeds per role that mark cancellations."""

from __future__ import annotations

import datetime as dt
import json

import icalendar
import pytest
from syllabus.core.config import SiteAddress
from syllabus.core.messages import ENGLISH
from syllabus.core.model import Catalog, Course, OnDemand, Session
from syllabus.core.taxonomy import Taxonomy
from syllabus.export.feeds import atom_feed, session_feeds
from syllabus.export.structured_data import course_json_ld, iso_duration, script_json

from tests.sitetools import schema_org_problems

TODAY = dt.date(2026, 11, 18)
TAXONOMY = Taxonomy.from_options({})


def course(course_id: str, **fields: object) -> Course:
    values: dict[str, object] = dict(title=f"Course {course_id}", summary="Learn.", level="beginner", roles=("admin",),
                                      format="virtual-ilt", duration_minutes=90, owners=("@t",), visibility="public",
                                      source=f"courses/{course_id}/course.yml")
    values.update(fields)
    return Course(id=course_id, **values)  # type: ignore[arg-type]


def catalog(*courses: Course) -> Catalog:
    return Catalog(TAXONOMY, {c.id: c for c in courses}, {}, {})


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!-- a", "a & b", "line\u2028sep\u2029x",
                                  "' \" \\ \x7f 日本語"])
def test_script_json_cannot_close_its_element_and_round_trips(text: str) -> None:
    written = script_json({"name": text})
    assert not set(written) & {"<", ">", "&", "'", "\u2028", "\u2029"}
    assert json.loads(written) == {"name": text}


@pytest.mark.parametrize(("minutes", "duration"), [(90, "PT1H30M"), (60, "PT1H"), (45, "PT45M"), (600, "PT10H")])
def test_iso_durations(minutes: int, duration: str) -> None:
    assert iso_duration(minutes) == duration


def test_cohort_sessions_repeat_weekly_in_the_organisers_zone() -> None:
    cohort = course("cohort", program_weeks=6, on_demand=OnDemand(url="https://video.example/cohort"), sessions=(
        Session(start=dt.datetime(2027, 3, 27, 9, 0), timezone="Europe/Berlin", status="full",
                registration_url="https://events.example/c"),
        Session(start=dt.datetime(2027, 3, 29, 9, 0), timezone="Europe/Berlin", status="cancelled"),
    ))
    data = course_json_ld(cohort, catalog(cohort), TODAY, SiteAddress("https://academy.example/"), "Academy")
    full, cancelled, recording = data["hasCourseInstance"]
    assert full["startDate"] == "2027-03-27T09:00:00+01:00"  # before the switch to summer time
    assert cancelled["startDate"] == "2027-03-29T09:00:00+02:00"
    assert full["courseSchedule"]["repeatFrequency"] == "Weekly" and full["courseSchedule"]["repeatCount"] == 6
    assert full["endDate"] == full["courseSchedule"]["endDate"] == "2027-05-01T10:30:00+02:00"  # week 6, summer time
    assert full["offers"]["availability"] == "https://schema.org/SoldOut"
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled" and "offers" not in cancelled
    assert recording["courseMode"] == ["online", "asynchronous"]
    assert recording["location"] == {"@type": "VirtualLocation", "url": "https://video.example/cohort"}
    assert data["url"] == "https://academy.example/courses/cohort/"
    assert list(schema_org_problems(data)) == []


def test_on_demand_course_data_uses_only_schema_org_terms() -> None:
    self_paced = course("reading", format="self-paced", outcomes=("Search code",), tags=("basics",),
                        products=(), prerequisites=("cohort",), last_reviewed=dt.date(2026, 10, 1))
    prerequisite = course("cohort")
    data = course_json_ld(self_paced, catalog(self_paced, prerequisite), TODAY, SiteAddress(), "Academy")
    assert data["hasCourseInstance"] == [{
        "@type": "CourseInstance", "name": "Course reading", "courseMode": ["online", "asynchronous"],
        "courseWorkload": "PT1H30M", "location": {"@type": "VirtualLocation", "url": "courses/reading/"},
        "inLanguage": "en"}]
    assert data["coursePrerequisites"] == [{"@type": "Course", "name": "Course cohort", "url": "courses/cohort/"}]
    assert list(schema_org_problems(data)) == []
    assert list(schema_org_problems({"@type": "Course", "startDate": "2026-01-01"})) == [
        "$: Course has no property 'startDate'"]  # the check can fail


def test_session_feeds_per_role_keep_uids_and_mark_cancellations() -> None:
    live = course("live", roles=("admin", "manager"), sessions=(
        Session(start=dt.datetime(2026, 12, 1, 9, 0), timezone="Asia/Tokyo", status="cancelled"),
        Session(start=dt.datetime(2026, 11, 1, 9, 0), timezone="Asia/Tokyo")))  # past: not in any feed
    other = course("other", roles=("end-user",), sessions=(
        Session(start=dt.datetime(2026, 11, 30, 9, 0), timezone="America/New_York"),))
    quiet = course("quiet", roles=("power-user",))  # a feed all the same: a subscription outlives a quiet month
    site = SiteAddress("https://a.example/")
    feeds = {feed.path: feed for feed in session_feeds(catalog(live, other, quiet), TODAY, site, "Academy", ENGLISH)}
    assert set(feeds) == {"sessions.ics", *(f"sessions-{role}.ics" for role in TAXONOMY.roles)}
    assert {feed.path for feed in session_feeds(catalog(live, other), TODAY, site, "Academy", ENGLISH)} == {
        "sessions.ics", "sessions-admin.ics", "sessions-manager.ics", "sessions-end-user.ics"}  # none named: none

    def events(path: str) -> list[icalendar.Event]:
        return icalendar.Calendar.from_ical(feeds[path].content).walk("VEVENT")

    everything = events("sessions.ics")
    assert [str(e["STATUS"]) for e in everything] == ["CONFIRMED", "CANCELLED"]  # in time order
    assert [str(e["UID"]) for e in events("sessions-manager.ics")] == [str(everything[1]["UID"])]
    assert [str(e["SUMMARY"]) for e in events("sessions-end-user.ics")] == ["Course other"]
    assert events("sessions-power-user.ics") == []


def test_atom_feed_lists_most_recently_reviewed_first() -> None:
    old = course("old", last_reviewed=dt.date(2025, 1, 1))
    new = course("new", last_reviewed=dt.date(2026, 10, 1), language="ja")
    unreviewed = course("unreviewed")
    feed = atom_feed(catalog(old, new, unreviewed), TODAY, SiteAddress("https://a.example/"), "Academy", ENGLISH)
    import feedparser

    parsed = feedparser.parse(feed.content)
    assert not parsed.bozo
    assert [e.id for e in parsed.entries] == [f"https://a.example/courses/{c}/" for c in ("unreviewed", "new", "old")]
    assert parsed.entries[1].updated == "2026-10-01T00:00:00Z" and parsed.entries[0].updated == "2026-11-18T00:00:00Z"
    assert parsed.feed.updated == "2026-11-18T00:00:00Z"


@pytest.mark.parametrize(("reader", "translations", "offered"), [
    ("ja", {"ja": "intro-ja"}, "intro-ja"),
    ("ja-JP", {"ja": "intro-ja"}, "intro-ja"),  # a region reads its language's translation
    ("ja", {"ja-JP": "intro-ja", "ja": "intro-ja2"}, "intro-ja2"),  # the exact tag first
    ("en-GB", {"ja": "intro-ja"}, None),  # the course is in the reader's language already
    ("de", {"ja": "intro-ja"}, None),
    ("ja", {"ja": "gone"}, None),  # not in this catalog (a draft, on the public site)
    ("zh-Hant", {"zh-Hans": "intro-hans", "zh-Hant": "intro-hant"}, "intro-hant"),
    ("zh-Hant-TW", {"zh-Hans": "intro-hans"}, None),  # another script is not the reader's
    ("ja", {"ja": "intro-retired"}, None),  # no longer offered
])
def test_a_course_is_offered_in_the_readers_language(reader: str, translations: dict[str, str],
                                                     offered: str | None) -> None:
    courses = catalog(course("intro", language="en", translations=translations),
                      course("intro-ja", language="ja"), course("intro-ja2", language="ja"),
                      course("intro-hans", language="zh-Hans"), course("intro-hant", language="zh-Hant"),
                      course("intro-retired", language="ja", status="retired"))
    found = courses.translation_for(courses.courses["intro"], reader)
    assert (found.id if found else None) == offered
