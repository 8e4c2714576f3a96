"""The catalog as typed, immutable objects, built only from schema-valid data.

Everything downstream (pages, catalog.json, plans, reports) reads these objects and never
the raw YAML, so a field is interpreted in exactly one place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any, NamedTuple

from babel.core import get_global

from .messages import REFERENCE_LANGUAGE
from .schedule import DEFAULT_WEEKEND
from .taxonomy import Taxonomy
from .zones import time_zone

# What a catalog holds, in the order every list and report names them, and each kind's folder.
ITEM_FOLDERS = {"course": "courses", "track": "tracks", "plan": "plans"}
ITEM_KINDS = tuple(ITEM_FOLDERS)
# The years any date of the content may fall in: far beyond any real catalog, and inside
# what ``datetime`` can hold after any time zone offset, duration, recurrence or shift.
YEARS = (1900, 2999)


@dataclass(frozen=True)
class Credential:
    type: str
    title: str
    criteria: str

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None) -> Credential | None:
        return cls(data["type"], data["title"], data["criteria"]) if data else None


def day_begins(today: dt.date) -> dt.datetime:
    """The instant ``today`` (the build's day, a UTC date) begins: what is over before it is
    history to every page and file of the build."""
    return dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)


def review_overdue_on(today: dt.date, last_reviewed: dt.date, every_days: int) -> bool:
    """Whether a review made on ``last_reviewed``, due ``every_days`` later, is overdue on
    ``today`` (due before it): the one rule validate, the course page and the report share.
    Counted back from ``today``, so a window too large for a date (the schema's to refuse) decides too."""
    return (today - last_reviewed).days > every_days


def local_instant(wall: dt.datetime, zone: str) -> dt.datetime:
    """The instant a wall-clock time names in ``zone``, aware there and written as its clocks
    show it: a time the clocks skip is read as the same moment after the change (02:30 on the
    spring-forward day is 03:30), a time they repeat as its first. Pages, calendars and exports
    then say the hour the event is at; validate warns of both."""
    aware = wall.replace(tzinfo=time_zone(zone))
    return aware.astimezone(dt.UTC).astimezone(aware.tzinfo)


def last_meeting_end(session: Session, weeks: int, course_minutes: int) -> dt.datetime:
    """When the last of ``weeks`` weekly meetings of ``session`` ends (see :meth:`Course.meetings`)."""
    return _meeting(session, weeks - 1, course_minutes)[1]


def _meeting(session: Session, week: int, course_minutes: int) -> tuple[dt.datetime, dt.datetime]:
    """(start, end) of the meeting ``week`` weeks after the first: the same local time, its
    length counted in elapsed time."""
    start = session.starts_at if week == 0 else local_instant(session.start + dt.timedelta(weeks=week),
                                                               session.timezone)
    elapsed = dt.timedelta(minutes=session.meeting_minutes(course_minutes))
    return start, (start.astimezone(dt.UTC) + elapsed).astimezone(start.tzinfo)


@dataclass(frozen=True)
class Session:
    """A scheduled live delivery: local wall-clock start in an IANA zone."""

    start: dt.datetime  # naive, local to ``timezone``
    timezone: str
    duration_minutes: int | None = None
    language: str | None = None
    status: str = "scheduled"
    registration_url: str | None = None
    instructors: tuple[str, ...] = ()
    capacity: int | None = None
    location: str | None = None  # where an in-person session is held
    occurrence: int = 1  # 2 for the course's second session at this start and zone (two rooms)...

    @property
    def is_bookable(self) -> bool:
        """Open to register for, as far as its status says (not cancelled, not full)."""
        return self.status == "scheduled"

    @property
    def takes_place(self) -> bool:
        """Not cancelled (a full one is still held): instructors deliver it, a reader can find
        a course by its language, its calendar event is confirmed, its offer stands."""
        return self.status != "cancelled"

    def meeting_minutes(self, course_minutes: int) -> int:
        """How long each of its meetings lasts: its own length, else its course's ``course_minutes``."""
        return self.duration_minutes or course_minutes

    # Cached: a build asks each session for these on the course page, the catalog card,
    # catalog.json, its calendar file and while sorting (frozen, so they cannot go stale).
    @cached_property
    def key(self) -> str:
        """Stable file-name-safe identity, e.g. ``20261203T1600-america-new_york`` (``-2`` after
        it for a second session at the same start and zone)."""
        key = f"{self.start:%Y%m%dT%H%M}-{self.timezone.replace('/', '-').lower()}"
        return key if self.occurrence == 1 else f"{key}-{self.occurrence}"

    @cached_property
    def starts_at(self) -> dt.datetime:
        """The aware start instant in the session's own zone (see :func:`local_instant`)."""
        return local_instant(self.start, self.timezone)

    def ends_at(self, default_minutes: int) -> dt.datetime:
        """The aware end of its (first) meeting in the session's zone, counted in elapsed time:
        aware datetimes add wall-clock time, so across a DST change the sum is done in UTC."""
        return _meeting(self, 0, default_minutes)[1]


def shown_to_customers(visibility: object, status: object) -> bool:
    """Public and not a draft; fail closed: any other value, or none, hides it. Rules ask it
    of a file the model could not take too, whose references are then checked for leaks."""
    return visibility == "public" and status != "draft"


def id_order(item_id: str) -> tuple[tuple[str | int, ...], str]:
    """Where an id sorts among its kind's: its numbers as numbers, so plan-14 comes before
    plan-120 on every page and in every list (as a person would file them)."""
    parts = _DIGITS.split(item_id)  # text, number, text, ...: like for like at each place
    return tuple(int(part) if index % 2 else part for index, part in enumerate(parts)), item_id


_DIGITS = re.compile(r"(\d+)")


class Published:
    """What courses, tracks and plans share: who may see them."""

    visibility: str
    status: str

    @property
    def is_public(self) -> bool:
        return shown_to_customers(self.visibility, self.status)

    @property
    def hidden_as(self) -> str | None:
        """Why customers do not see it, as every banner, label and report says it: "draft"
        (unfinished, whoever it is for), "internal", or None for a public item."""
        if self.status == "draft":
            return "draft"
        return None if self.is_public else "internal"


@dataclass(frozen=True)
class Unit:
    title: str
    file: str
    minutes: int | None = None

    @property
    def slug(self) -> str:
        """The unit page's folder in its course, where MkDocs publishes the file (directory
        URLs): ``a/b.md`` -> ``a/b``; an index or README is its folder's page: ``lab/index.md``
        -> ``lab``."""
        path = PurePosixPath(self.file)
        folder = path.parent if path.stem in ("index", "README") else path.parent / path.stem
        return "" if folder == PurePosixPath(".") else str(folder)


@dataclass(frozen=True)
class Material:
    title: str
    kind: str
    file: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class OnDemand:
    url: str | None = None
    course: str | None = None


@dataclass(frozen=True)
class Course(Published):
    id: str
    title: str
    summary: str
    level: str
    roles: tuple[str, ...]
    format: str
    duration_minutes: int
    owners: tuple[str, ...]
    visibility: str
    source: str  # catalog-relative path of course.yml
    status: str = "active"
    language: str = REFERENCE_LANGUAGE
    translations: Mapping[str, str] = field(default_factory=dict)
    products: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    program_weeks: int | None = None
    outcomes: tuple[str, ...] = ()
    prerequisites: tuple[str, ...] = ()
    recommended_next: tuple[str, ...] = ()
    units: tuple[Unit, ...] = ()
    materials: tuple[Material, ...] = ()
    sessions: tuple[Session, ...] = ()
    on_demand: OnDemand | None = None
    credential: Credential | None = None
    last_reviewed: dt.date | None = None
    review_every_days: int | None = None
    redirect_from: tuple[str, ...] = ()

    @property
    def folder(self) -> str:
        return self.source.rsplit("/", 1)[0]

    def unit_at(self, file: str) -> Unit | None:
        """The unit written in ``file``: a translation names its units' files as the original
        does, so a unit page can lead to the same unit in the other language."""
        return next((unit for unit in self.units if unit.file == file), None)

    def review_due(self, default_days: int) -> dt.date | None:
        if self.last_reviewed is None:
            return None
        return self.last_reviewed + dt.timedelta(days=self.review_every_days or default_days)

    def review_overdue(self, today: dt.date, default_days: int) -> bool:
        """Reviewed, and its next review due before ``today`` (see :func:`review_overdue_on`)."""
        return self.last_reviewed is not None and review_overdue_on(
            today, self.last_reviewed, self.review_every_days or default_days)

    def upcoming_sessions(self, today: dt.date) -> tuple[Session, ...]:
        """Sessions not over when ``today`` (the build's day, UTC) begins, earliest first:
        instants compared, not a date in each session's zone, which would keep an evening in
        Kiritimati that ended the day before and drop one in Los Angeles still to come. A
        weekly program stays until its last meeting ends; the page script hides each session
        once it ends, between builds."""
        if (upcoming := self._upcoming_by_day.get(today)) is None:  # a build asks for each course's many times
            begins = day_begins(today)
            upcoming = tuple(sorted((s for s in self.sessions if self.ends_last(s) >= begins),
                                    key=lambda s: s.starts_at))
            self._upcoming_by_day[today] = upcoming
        return upcoming

    @cached_property
    def _upcoming_by_day(self) -> dict[dt.date, tuple[Session, ...]]:
        return {}

    def meetings_to_come(self, today: dt.date) -> Iterator[tuple[Session, dt.datetime]]:
        """(session, start) of every meeting instructors have yet to deliver: not over when
        ``today`` begins (UTC), of sessions not cancelled, each meeting of a weekly program
        apart (its earlier weeks may be over)."""
        begins = day_begins(today)
        for session in self.upcoming_sessions(today):
            if session.takes_place:
                yield from ((session, start) for start, end in self.meetings(session) if end >= begins)

    def session_minutes(self, session: Session) -> int:
        """How long each meeting of ``session`` lasts (see :meth:`Session.meeting_minutes`)."""
        return session.meeting_minutes(self.duration_minutes)

    def ends_last(self, session: Session) -> dt.datetime:
        """When the last meeting of ``session`` ends (its only one, unless a weekly program)."""
        return last_meeting_end(session, self.program_weeks or 1, self.duration_minutes)

    def language_of(self, session: Session) -> str:
        """The language ``session`` is taught in: its own, or else the course's."""
        return session.language or self.language

    def meetings(self, session: Session) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
        """(start, end) of every meeting of ``session``, aware in its zone.

        A multi-week program (``program_weeks``) meets every week at the same local time,
        so a meeting after a DST change keeps its wall-clock hour; anything else meets once.
        """
        return tuple(_meeting(session, week, self.duration_minutes) for week in range(self.program_weeks or 1))

    @classmethod
    def from_data(cls, data: Mapping[str, Any], *, source: str, site_language: str) -> Course:
        def dated(value: str | None) -> dt.date | None:
            return dt.date.fromisoformat(value) if value else None

        on_demand = data.get("on_demand")
        return cls(
            id=data["id"], title=data["title"], summary=data["summary"], level=data["level"],
            roles=tuple(data["roles"]), format=data["format"],
            duration_minutes=int(data["duration_minutes"]), owners=tuple(data["owners"]),
            visibility=data["visibility"], source=source,
            status=data.get("status", "active"),
            language=data.get("language") or site_language,
            translations=dict(sorted((data.get("translations") or {}).items())),
            products=tuple(data.get("products") or ()), tags=tuple(data.get("tags") or ()),
            program_weeks=data.get("program_weeks"), outcomes=tuple(data.get("outcomes") or ()),
            prerequisites=tuple(data.get("prerequisites") or ()),
            recommended_next=tuple(data.get("recommended_next") or ()),
            # As the rules compare files: "./a.md" and "a//b.md" name a.md and a/b.md.
            units=tuple(Unit(u["title"], PurePosixPath(u["file"]).as_posix(), u.get("minutes"))
                        for u in data.get("units") or ()),
            materials=tuple(
                Material(m["title"], m["kind"], m.get("file"), m.get("url"))
                for m in data.get("materials") or ()
            ),
            sessions=_numbered(
                Session(
                    start=dt.datetime.fromisoformat(s["start"]), timezone=s["timezone"],
                    duration_minutes=s.get("duration_minutes"), language=s.get("language"),
                    status=s.get("status", "scheduled"), registration_url=s.get("registration_url"),
                    instructors=tuple(s.get("instructors") or ()), capacity=s.get("capacity"),
                    location=s.get("location"),
                )
                for s in data.get("sessions") or ()
            ),
            on_demand=OnDemand(on_demand.get("url"), on_demand.get("course")) if on_demand else None,
            credential=Credential.from_data(data.get("credential")),
            last_reviewed=dated(data.get("last_reviewed")),
            review_every_days=data.get("review_every_days"),
            redirect_from=tuple(data.get("redirect_from") or ()),
        )


def _numbered(sessions: Iterable[Session]) -> tuple[Session, ...]:
    """The sessions in order, each numbered until its key is one no earlier session has (a
    second at the same start and zone; "etc-gmt" numbered 2 would be Etc/GMT-2's key), so
    each has its own calendar file and UIDs."""
    taken: set[str] = set()
    numbered = []
    for session in sessions:
        while session.key in taken:
            session = replace(session, occurrence=session.occurrence + 1)
        taken.add(session.key)
        numbered.append(session)
    return tuple(numbered)


@dataclass(frozen=True)
class TrackItem:
    course: str
    required: bool = True
    note: str | None = None


@dataclass(frozen=True)
class TrackSection:
    title: str
    items: tuple[TrackItem, ...]
    description: str | None = None


class Misordered(NamedTuple):
    """A track's course (at ``section``, ``item``) listed before its ``prerequisite``,
    needed ``through`` the courses between them ((): directly)."""

    section: int
    item: int
    course: str
    prerequisite: str
    through: tuple[str, ...]


def _listed_needs(course_id: str, courses: Mapping[str, Course],
                  listed: Mapping[str, int]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """The courses of a track (``listed``) that ``course_id`` needs, directly or through courses
    the track does not list, nearest first, each with the courses between (breadth first; the
    search stops at a listed course, whose own needs are its own, so it stays linear in the
    catalog for each course, and a cycle ends where it comes back)."""
    seen = {course_id}
    queue = deque([(course_id, ())])
    while queue:
        current, through = queue.popleft()
        for prerequisite in course.prerequisites if (course := courses.get(current)) else ():
            if prerequisite in seen:
                continue
            seen.add(prerequisite)
            if prerequisite in listed:
                yield prerequisite, through
            else:
                queue.append((prerequisite, (*through, prerequisite)))


@dataclass(frozen=True)
class Track(Published):
    id: str
    title: str
    summary: str
    role: str
    sections: tuple[TrackSection, ...]
    visibility: str
    source: str
    outcomes: tuple[str, ...] = ()
    target_days: int | None = None
    credential: Credential | None = None
    owners: tuple[str, ...] = ()
    status: str = "active"
    language: str = REFERENCE_LANGUAGE  # of its own text; each course it lists keeps its own

    @property
    def items(self) -> Iterator[TrackItem]:
        for section in self.sections:
            yield from section.items

    @property
    def course_ids(self) -> tuple[str, ...]:
        return tuple(item.course for item in self.items)

    @property
    def listings(self) -> dict[str, TrackItem]:
        """Each course the track lists, once, by id: the item of its last listing (whether
        it is required), in the order first listed."""
        return {item.course: item for item in self.items}

    @property
    def required_course_ids(self) -> tuple[str, ...]:
        """The courses a learner must take, each once, in the order first listed (as
        :attr:`listings` says whether each is required)."""
        return tuple(course_id for course_id, item in self.listings.items() if item.required)

    def misordered(self, courses: Mapping[str, Course]) -> Iterator[Misordered]:
        """Each course listed before a prerequisite that the track also lists: each such direct
        one, else the nearest it needs through courses the track leaves out (c needs b, which
        needs a: listing c before a puts a learner in c without a); one a course needs through
        another course of the track is that course's to report. A prerequisite the track leaves
        out is not its concern; a course needing itself, or caught in a cycle, is the course's."""
        position = {}
        for index, course_id in enumerate(self.course_ids):
            position.setdefault(course_id, index)
        for index, (s_index, i_index, item) in enumerate(
                (s, i, item) for s, section in enumerate(self.sections) for i, item in enumerate(section.items)):
            later = [found for found in _listed_needs(item.course, courses, position) if position[found[0]] > index]
            direct = [found for found in later if not found[1]]
            for prerequisite, through in direct or later[:1]:
                yield Misordered(s_index, i_index, item.course, prerequisite, through)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], *, source: str, site_language: str) -> Track:
        def item(raw: str | Mapping[str, Any]) -> TrackItem:
            if isinstance(raw, str):
                return TrackItem(raw)
            return TrackItem(raw["course"], bool(raw.get("required", True)), raw.get("note"))

        return cls(
            id=data["id"], title=data["title"], summary=data["summary"], role=data["role"],
            sections=tuple(
                TrackSection(s["title"], tuple(item(i) for i in s["courses"]), s.get("description"))
                for s in data["sections"]
            ),
            visibility=data["visibility"], source=source,
            outcomes=tuple(data.get("outcomes") or ()), target_days=data.get("target_days"),
            credential=Credential.from_data(data.get("credential")),
            owners=tuple(data.get("owners") or ()), status=data.get("status", "active"),
            language=data.get("language") or site_language,
        )


@dataclass(frozen=True)
class PlanItem:
    day: int
    type: str  # course | track | task | meeting
    course: str | None = None
    track: str | None = None
    title: str | None = None
    owner: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Phase:
    title: str
    start_day: int
    end_day: int
    items: tuple[PlanItem, ...]


@dataclass(frozen=True)
class Milestone:
    day: int
    title: str
    success_criteria: str


@dataclass(frozen=True)
class Plan(Published):
    id: str
    title: str
    summary: str
    length_days: int
    phases: tuple[Phase, ...]
    visibility: str
    source: str
    audience: tuple[str, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    outcomes: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    status: str = "active"
    weekend: str = DEFAULT_WEEKEND  # see core.schedule: which days items move off
    language: str = REFERENCE_LANGUAGE  # of its own text (phases, tasks, milestones); courses and tracks keep theirs

    @classmethod
    def from_data(cls, data: Mapping[str, Any], *, source: str, site_language: str) -> Plan:
        fields = ("course", "track", "title", "owner", "note")
        return cls(
            id=data["id"], title=data["title"], summary=data["summary"],
            length_days=data["length_days"],
            phases=tuple(
                Phase(
                    p["title"], p["start_day"], p["end_day"],
                    tuple(PlanItem(i["day"], i["type"], **{f: i.get(f) for f in fields})
                          for i in p["items"]),
                )
                for p in data["phases"]
            ),
            visibility=data["visibility"], source=source,
            audience=tuple(data.get("audience") or ()),
            milestones=tuple(
                Milestone(m["day"], m["title"], m["success_criteria"]) for m in data.get("milestones") or ()
            ),
            outcomes=tuple(data.get("outcomes") or ()), owners=tuple(data.get("owners") or ()),
            status=data.get("status", "active"), weekend=data.get("weekend", DEFAULT_WEEKEND),
            language=data.get("language") or site_language,
        )


RETIRING = ("deprecated", "retired")  # statuses of a course no longer offered in place of another


def _language_and_script(tag: str) -> tuple[str, str | None]:
    """A tag's language, and the script it is written in when that is not the language's
    usual one (CLDR's likely subtags): "zh-TW" is Chinese in traditional script as
    "zh-Hant" is, "en-Latn-GB" English as "en" is, "sr-ME" Serbian in Latin script."""
    language, *rest = tag.casefold().split("-")
    script = next((s for s in rest[:2] if len(s) == 4 and s.isalpha()), None)
    region = next((s for s in rest[:2] if (len(s) == 2 and s.isalpha()) or (len(s) == 3 and s.isdigit())), None)
    if script is None and region is not None:
        script = _likely_script(f"{language}_{region.upper()}")
    return language, script if script != _likely_script(language) else None


def _likely_script(locale: str) -> str | None:
    """The script CLDR expects for ``locale`` (``zh_TW``: ``hant``), if it knows."""
    likely = get_global("likely_subtags").get(locale, "").split("_")
    return likely[1].casefold() if len(likely) > 2 and len(likely[1]) == 4 else None


def reads_as(tag: str, reader: str) -> bool:
    """Whether text in language ``tag`` is in the ``reader``'s language: "ja-JP" reads as "ja";
    "zh-Hant" (and "zh-TW") does not read as "zh-Hans" or "zh" (their scripts differ)."""
    return _language_and_script(tag) == _language_and_script(reader)


def reading_language(tag: str) -> str:
    """The language a reader picks ``tag`` by, in a filter: "ja-JP" and "ja" are Japanese,
    "en-GB" English, "zh-Hant-TW" Chinese in traditional script ("zh-Hant")."""
    language, script = _language_and_script(tag)
    return f"{language}-{script.title()}" if script else language


@dataclass(frozen=True)
class StepCourse:
    """A course in a step of a track's diagram (:meth:`Catalog.track_steps`)."""

    course_id: str
    title: str
    required: bool
    after: tuple[str, ...]  # titles of the track's courses this one needs


@dataclass(frozen=True)
class Catalog:
    """Every loaded course, track and plan, keyed by id in :func:`id_order`."""

    taxonomy: Taxonomy
    courses: Mapping[str, Course]
    tracks: Mapping[str, Track]
    plans: Mapping[str, Plan]
    audience: str = "public"

    def items_of(self, kind: str) -> Mapping[str, Course | Track | Plan]:
        """The items of ``kind`` (one of :data:`ITEM_KINDS`) by id: for code that goes through every kind."""
        return {"course": self.courses, "track": self.tracks, "plan": self.plans}[kind]

    def visible_to(self, audience: str) -> Catalog:
        """What the audience may see: public drops drafts and internal content entirely."""
        if audience == "internal":
            return replace(self, audience=audience)

        def keep(items: Mapping[str, Any]) -> dict[str, Any]:
            return {key: item for key, item in items.items() if item.is_public}

        return replace(self, courses=keep(self.courses), tracks=keep(self.tracks),
                       plans=keep(self.plans), audience=audience)

    @cached_property
    def taxonomy_in_use(self) -> Taxonomy:
        """The terms its courses, tracks and plans name: what a site publishes of the taxonomy
        (catalog.json, the search dialog's filters), so that a product only a draft names is
        not announced before its course."""
        courses, plans = self.courses.values(), self.plans.values()
        return self.taxonomy.only({
            "roles": {role for course in courses for role in course.roles}
                     | {track.role for track in self.tracks.values()}
                     | {role for plan in plans for role in plan.audience},
            "levels": {course.level for course in courses},
            "formats": {course.format for course in courses},
            "products": {product for course in courses for product in course.products},
            "task_owners": {item.owner for plan in plans for phase in plan.phases for item in phase.items
                            if item.owner},
        })

    @cached_property
    def roles_served(self) -> frozenset[str]:
        """The roles some course or track is for: the home page offers a way in for these only."""
        return frozenset(role for course in self.courses.values() for role in course.roles) | {
            track.role for track in self.tracks.values()}

    @cached_property
    def tracks_by_course(self) -> Mapping[str, tuple[Track, ...]]:
        index: dict[str, list[Track]] = {}
        for track in self.tracks.values():
            for course_id in dict.fromkeys(track.course_ids):
                index.setdefault(course_id, []).append(track)
        return {key: tuple(value) for key, value in index.items()}

    def translation_for(self, course: Course, language: str) -> Course | None:
        """The same course in ``language`` (the reader's), when ``course`` is in another one
        and this catalog has that translation, not retiring: a track or plan names one
        course, and a reader is offered it in their own language too."""
        if reads_as(course.language, language):
            return None
        tags = sorted(course.translations, key=lambda tag: tag.casefold() != language.casefold())  # exact first
        offered = (self.courses.get(course.translations[tag]) for tag in tags if reads_as(tag, language))
        return next((other for other in offered if other and other.status not in RETIRING), None)

    def track_minutes(self, track: Track) -> tuple[int, int]:
        """Total and required learner minutes of a track, computed from its courses (never authored)."""
        minutes = self._course_minutes(track.listings)
        return sum(minutes.values()), sum(minutes.get(c, 0) for c in track.required_course_ids)

    def _course_minutes(self, course_ids: Iterable[str]) -> dict[str, int]:
        """Each course's learner minutes, by id; an id naming no course counts nothing."""
        return {c: course.duration_minutes for c in course_ids if (course := self.courses.get(c))}

    def track_steps(self, track: Track) -> tuple[tuple[StepCourse, ...], ...] | None:
        """A track's courses in steps by prerequisite depth, first to last, for the track
        page's diagram: a course sits one step after the deepest course it needs from the
        track; within a step, the track's order. None when no course needs another from it."""
        items = {item.course: item for item in track.items if item.course in self.courses}
        needs = {cid: [p for p in self.courses[cid].prerequisites if p in items] for cid in items}
        if not any(needs.values()):
            return None
        depth: dict[str, int] = {}
        for cid in items:  # track order already puts prerequisites first (a validated rule)
            depth[cid] = 1 + max((depth.get(p, 0) for p in needs[cid]), default=-1)
        steps: list[list[StepCourse]] = [[] for _ in range(max(depth.values()) + 1)]
        for cid, item in items.items():
            after = tuple(self.courses[p].title for p in needs[cid])
            steps[depth[cid]].append(StepCourse(cid, self.courses[cid].title, item.required, after))
        return tuple(tuple(step) for step in steps)

    def plan_minutes(self, plan: Plan) -> tuple[int, int]:
        """Total and required learner minutes of the courses a plan includes, each once: a
        course it lists is required, a track's course as the track says."""
        minutes = self._course_minutes(self.plan_course_ids(plan))
        return sum(minutes.values()), sum(minutes.get(c, 0) for c in self.plan_course_ids(plan, required=True))

    def plan_course_ids(self, plan: Plan, *, required: bool = False) -> tuple[str, ...]:
        """Every course a plan includes, directly or through a track it lists, sorted; with
        ``required``, only those it requires: a course it lists, a track's as the track says."""
        ids = {i.course for p in plan.phases for i in p.items if i.type == "course"}
        for track_id in {i.track for p in plan.phases for i in p.items if i.type == "track"}:
            if track := self.tracks.get(track_id or ""):
                ids.update(track.required_course_ids if required else track.course_ids)
        return tuple(sorted(i for i in ids if i))

    def course_ids_of(self, item: Track | Plan) -> tuple[str, ...]:
        """The courses a track lists (in its order) or a plan includes (see :meth:`plan_course_ids`)."""
        return item.course_ids if isinstance(item, Track) else self.plan_course_ids(item)

    def by_last_update(self, today: dt.date) -> list[Course]:
        """The courses, most recently updated first (one never reviewed counts as updated
        today), then by id: the courses feed's order, and the home page's latest."""
        return sorted(self.courses.values(), key=lambda c: (-(self.updated(c) or today).toordinal(), c.id))

    def updated(self, item: Course | Track | Plan) -> dt.date | None:
        """When an item's content last changed, as far as the sources say: a course's
        ``last_reviewed``; a track's or plan's latest among the courses it includes."""
        if isinstance(item, Course):
            return item.last_reviewed
        reviewed = (c.last_reviewed for i in self.course_ids_of(item) if (c := self.courses.get(i)))
        return max((day for day in reviewed if day), default=None)

    @cached_property
    def plans_by_course(self) -> Mapping[str, tuple[Plan, ...]]:
        index: dict[str, list[Plan]] = {}
        for plan in self.plans.values():
            for course_id in self.plan_course_ids(plan):
                index.setdefault(course_id, []).append(plan)
        return {key: tuple(value) for key, value in index.items()}
