"""Program insights for the education team: coverage, delivery mix, live load, freshness.

One computation feeds both the ``insights/`` page and ``syllabus report``, so the page and
the quarterly review cannot disagree. The definitions, where the figures need one:

- The *program* is every course of the (already audience-filtered) catalog except
  ``retired`` ones, which are no longer offered. Drafts count in internal builds: they are
  the planned answers to today's gaps.
- *Live* means a taxonomy format declared ``live: true``; everything else is on demand.
- *Live delivery load* counts the meetings still to come (not over when today begins, in
  UTC) of live courses' sessions that are not ``cancelled``, each meeting of a weekly
  program apart, by calendar month of its local start. Each meeting costs its session's
  duration (or the course's) once, whatever the number of instructors; the FTE share is
  those hours over ``fte_hours_per_month``, in percent. A month's "sessions" are its meetings.
- A course is *overdue* for review when ``last_reviewed`` plus its review window falls
  before today; a course never reviewed is listed apart. Each owner sees every such course
  they own, most overdue first.
- A track's weekly pace spreads its required hours evenly over ``target_days``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..core.config import Options
from ..core.model import Catalog, Course
from ..core.taxonomy import Taxonomy, Term
from .md_escape import inline
from .svg_charts import BarChart, ShareChart, bar_chart, share_chart

GAP_TEXT = "0 — gap"  # visible text, so a gap never relies on colour alone


def rounded(value: float, digits: int) -> float:
    """Half-up rounding, as a reader checks by hand (``round`` makes 1.25 into 1.2)."""
    return float(Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def percent(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole``, one decimal; 0.0 when there is no whole."""
    return rounded(part / whole * 100, 1) if whole else 0.0


def hours(minutes: float) -> float:
    return rounded(minutes / 60, 2)


@dataclass(frozen=True)
class Coverage:
    """Program courses per role (rows) and level (columns), in taxonomy order."""

    roles: tuple[Term, ...]
    levels: tuple[Term, ...]
    counts: Mapping[str, Mapping[str, int]]  # role id -> level id -> courses

    def cell_text(self, role: Term, level: Term) -> str:
        """What a reader sees in a cell: the count, or a gap spelled out."""
        return str(self.counts[role.id][level.id] or GAP_TEXT)

    @property
    def gaps(self) -> tuple[tuple[Term, Term], ...]:
        return tuple((role, level) for role in self.roles for level in self.levels
                     if not self.counts[role.id][level.id])

    @property
    def gap_names(self) -> str:
        """The gaps as a reader sees them: "Administrator × Advanced, ..."."""
        return ", ".join(f"{role.title} × {level.title}" for role, level in self.gaps)


@dataclass(frozen=True)
class FormatShare:
    format: Term
    courses: int
    minutes: int  # learner minutes: the sum of the courses' durations


@dataclass(frozen=True)
class FormatMix:
    formats: tuple[FormatShare, ...]

    @property
    def courses(self) -> int:
        return sum(f.courses for f in self.formats)

    @property
    def minutes(self) -> int:
        return sum(f.minutes for f in self.formats)

    @property
    def live_courses(self) -> int:
        return sum(f.courses for f in self.formats if f.format.live)

    @property
    def live_minutes(self) -> int:
        return sum(f.minutes for f in self.formats if f.format.live)

    @property
    def live_course_share(self) -> float:
        return percent(self.live_courses, self.courses)

    @property
    def live_minutes_share(self) -> float:
        return percent(self.live_minutes, self.minutes)

    def chart(self, courses: str, minutes: str, live: str, on_demand: str) -> ShareChart:
        """The live and on-demand shares as 100 % bars, labelled with the page's words."""
        return share_chart([
            (courses, [(live, self.live_course_share),
                       (on_demand, percent(self.courses - self.live_courses, self.courses))]),
            (minutes, [(live, self.live_minutes_share),
                       (on_demand, percent(self.minutes - self.live_minutes, self.minutes))]),
        ])


@dataclass(frozen=True)
class MonthLoad:
    month: str  # YYYY-MM of the sessions' local start
    sessions: int
    minutes: int
    fte_percent: float

    @property
    def hours(self) -> float:
        return hours(self.minutes)


@dataclass(frozen=True)
class LiveLoad:
    """Instructor time of the upcoming live schedule, month by month (quiet months as 0)."""

    fte_hours_per_month: float
    months: tuple[MonthLoad, ...]

    @property
    def sessions(self) -> int:
        return sum(m.sessions for m in self.months)

    @property
    def hours(self) -> float:
        return hours(sum(m.minutes for m in self.months))

    @property
    def chart(self) -> BarChart:
        return bar_chart([(m.month, m.hours) for m in self.months])


@dataclass(frozen=True)
class StaleCourse:
    id: str
    title: str
    last_reviewed: dt.date | None
    review_due: dt.date | None
    days_overdue: int | None


@dataclass(frozen=True)
class OwnerReviews:
    owner: str
    overdue: tuple[StaleCourse, ...]  # most overdue first
    never_reviewed: tuple[StaleCourse, ...]


@dataclass(frozen=True)
class Freshness:
    review_every_days: int  # the default window; a course may set its own
    owners: tuple[OwnerReviews, ...]  # the owner with the most overdue course first

    @property
    def overdue_courses(self) -> int:
        return len({c.id for group in self.owners for c in group.overdue})

    @property
    def never_reviewed_courses(self) -> int:
        return len({c.id for group in self.owners for c in group.never_reviewed})


@dataclass(frozen=True)
class TrackPace:
    id: str
    title: str
    role: Term
    required_minutes: int
    target_days: int | None

    @property
    def required_hours(self) -> float:
        return hours(self.required_minutes)

    @property
    def hours_per_week(self) -> float | None:
        """Required hours per week to finish within ``target_days`` (None without a target)."""
        if not self.target_days:
            return None
        return rounded(self.required_minutes / 60 / (self.target_days / 7), 1)


@dataclass(frozen=True)
class Insights:
    today: dt.date
    audience: str
    coverage: Coverage
    format_mix: FormatMix
    live_load: LiveLoad
    freshness: Freshness
    tracks: tuple[TrackPace, ...]


def compute_insights(catalog: Catalog, options: Options) -> Insights:
    """Every figure for an already audience-filtered catalog, as of ``options.today``."""
    program = [course for course in catalog.courses.values() if course.status != "retired"]
    taxonomy = catalog.taxonomy
    return Insights(
        today=options.today,
        audience=catalog.audience,
        coverage=coverage(program, taxonomy),
        format_mix=FormatMix(tuple(
            FormatShare(term, sum(1 for c in program if c.format == key),
                        sum(c.duration_minutes for c in program if c.format == key))
            for key, term in taxonomy.formats.items()
        )),
        live_load=live_load(program, taxonomy, options),
        freshness=freshness(program, options),
        tracks=tuple(
            TrackPace(track.id, track.title, taxonomy.roles[track.role], catalog.track_minutes(track)[1],
                      track.target_days)
            for track in catalog.tracks.values()
        ),
    )


def coverage(program: Sequence[Course], taxonomy: Taxonomy) -> Coverage:
    counts = {role: dict.fromkeys(taxonomy.levels, 0) for role in taxonomy.roles}
    for course in program:
        for role in course.roles:
            counts[role][course.level] += 1
    return Coverage(tuple(taxonomy.roles.values()), tuple(taxonomy.levels.values()), counts)


def month_span(months: Iterable[str]) -> list[str]:
    """Every ``YYYY-MM`` from the earliest to the latest given, so quiet months show as 0."""
    ordered = sorted(months)
    if not ordered:
        return []
    year, month = map(int, ordered[0].split("-"))
    span = []
    while (key := f"{year:04d}-{month:02d}") <= ordered[-1]:
        span.append(key)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return span


def live_load(program: Sequence[Course], taxonomy: Taxonomy, options: Options) -> LiveLoad:
    minutes: dict[str, list[int]] = {}
    for course in program:
        if not taxonomy.is_live(course.format):
            continue  # sessions of an on-demand course are never shown, so never delivered
        for session, start in course.meetings_to_come(options.today):
            minutes.setdefault(f"{start:%Y-%m}", []).append(course.session_minutes(session))
    fte = options.fte_hours_per_month
    months = tuple(
        MonthLoad(month, len(spent), sum(spent), percent(sum(spent) / 60, fte))
        for month, spent in ((m, minutes.get(m, [])) for m in month_span(minutes))
    )
    return LiveLoad(fte, months)


def freshness(program: Sequence[Course], options: Options) -> Freshness:
    overdue: dict[str, list[StaleCourse]] = {}
    never: dict[str, list[StaleCourse]] = {}
    for course in program:
        due = course.review_due(options.review_every_days)
        if due is not None and not course.review_overdue(options.today, options.review_every_days):
            continue
        stale = StaleCourse(course.id, course.title, course.last_reviewed, due,
                            (options.today - due).days if due else None)
        for owner in course.owners:
            (never if due is None else overdue).setdefault(owner, []).append(stale)
    groups = [
        OwnerReviews(owner, tuple(sorted(overdue.get(owner, ()), key=lambda c: (c.review_due, c.id))),
                     tuple(never.get(owner, ())))
        for owner in overdue.keys() | never.keys()
    ]
    groups.sort(key=lambda g: (g.overdue[0].review_due if g.overdue else dt.date.max, g.owner))
    return Freshness(options.review_every_days, tuple(groups))


def _stale_json(course: StaleCourse) -> dict[str, Any]:
    return {
        "id": course.id, "title": course.title, "days_overdue": course.days_overdue,
        "last_reviewed": course.last_reviewed.isoformat() if course.last_reviewed else None,
        "review_due": course.review_due.isoformat() if course.review_due else None,
    }


def insights_json(insights: Insights) -> dict[str, Any]:
    """The report as plain JSON data; lists keep taxonomy, month, owner or id order."""
    cover, mix, load, fresh = insights.coverage, insights.format_mix, insights.live_load, insights.freshness
    return {
        "today": insights.today.isoformat(),
        "audience": insights.audience,
        "coverage": {
            "roles": [r.id for r in cover.roles], "levels": [lv.id for lv in cover.levels],
            "counts": {role: dict(levels) for role, levels in cover.counts.items()},
            "gaps": [{"role": role.id, "level": level.id} for role, level in cover.gaps],
        },
        "format_mix": {
            "formats": [{"format": f.format.id, "live": f.format.live, "courses": f.courses,
                         "minutes": f.minutes} for f in mix.formats],
            "courses": mix.courses, "minutes": mix.minutes,
            "live_courses": mix.live_courses, "live_minutes": mix.live_minutes,
            "live_course_share": mix.live_course_share, "live_minutes_share": mix.live_minutes_share,
        },
        "live_load": {
            "fte_hours_per_month": load.fte_hours_per_month,
            "months": [{"month": m.month, "sessions": m.sessions, "minutes": m.minutes,
                        "hours": m.hours, "fte_percent": m.fte_percent} for m in load.months],
            "sessions": load.sessions, "hours": load.hours,
        },
        "freshness": {
            "review_every_days": fresh.review_every_days,
            "overdue_courses": fresh.overdue_courses,
            "never_reviewed_courses": fresh.never_reviewed_courses,
            "owners": [{"owner": g.owner, "overdue": [_stale_json(c) for c in g.overdue],
                        "never_reviewed": [_stale_json(c) for c in g.never_reviewed]}
                       for g in fresh.owners],
        },
        "tracks": [
            {"id": t.id, "title": t.title, "role": t.role.id, "required_minutes": t.required_minutes,
             "required_hours": t.required_hours, "target_days": t.target_days,
             "hours_per_week": t.hours_per_week}
            for t in insights.tracks
        ],
    }


def _cell(value: object) -> str:
    return inline(str(value))


def _table(header: Sequence[str], rows: Iterable[Sequence[object]], numeric_from: int = 1) -> list[str]:
    align = ["---" if i < numeric_from else "---:" for i in range(len(header))]
    lines = ["| " + " | ".join(map(_cell, header)) + " |", "|" + "|".join(align) + "|"]
    lines.extend("| " + " | ".join(map(_cell, row)) + " |" for row in rows)
    return [*lines, ""]


def insights_markdown(insights: Insights) -> str:
    """The quarterly review as Markdown: the same figures, tables and order as the page."""
    cover, mix, load, fresh = insights.coverage, insights.format_mix, insights.live_load, insights.freshness
    lines = ["# Program insights", "",
             f"As of {insights.today.isoformat()}, {insights.audience} audience.", "",
             "## Coverage", ""]
    lines += _table(["Role", *(lv.title for lv in cover.levels)],
                    ([role.title, *(cover.cell_text(role, lv) for lv in cover.levels)]
                     for role in cover.roles))
    gaps = cover.gap_names
    lines += [f"Gaps: {_cell(gaps)}." if gaps else "No gaps: every role has a course at every level.", ""]

    lines += ["## Format mix", ""]
    lines += _table(["Format", "Live", "Courses", "Learner minutes"],
                    ([f.format.title, "yes" if f.format.live else "no", f.courses, f.minutes]
                     for f in mix.formats), numeric_from=2)
    lines += [f"Live: {mix.live_courses} of {mix.courses} courses ({mix.live_course_share} %) and "
              f"{mix.live_minutes} of {mix.minutes} learner minutes ({mix.live_minutes_share} %).", ""]

    lines += ["## Live delivery load", ""]
    if load.months:
        lines += _table(["Month", "Sessions", "Instructor hours", "Share of an FTE"],
                        ([m.month, m.sessions, m.hours, f"{m.fte_percent} %"] for m in load.months))
    lines += [f"{load.sessions} upcoming sessions, {load.hours} instructor hours; "
              f"an FTE month is {load.fte_hours_per_month:g} hours.", ""]

    lines += ["## Freshness", "",
              f"{fresh.overdue_courses} courses overdue for review, {fresh.never_reviewed_courses} never "
              f"reviewed (review every {fresh.review_every_days} days unless a course sets its own).", ""]
    for group in fresh.owners:
        lines += [f"### {_cell(group.owner)}", ""]
        if group.overdue:
            lines += _table(["Course", "Last reviewed", "Review due", "Days overdue"],
                            ([f"{c.title} ({c.id})", c.last_reviewed, c.review_due, c.days_overdue]
                             for c in group.overdue), numeric_from=3)
        if group.never_reviewed:
            never = ", ".join(f"{c.title} ({c.id})" for c in group.never_reviewed)
            lines += [f"Never reviewed: {_cell(never)}", ""]

    lines += ["## Tracks", ""]
    if not insights.tracks:
        return "\n".join([*lines, "No tracks yet.", ""])
    lines += _table(["Track", "Role", "Required hours", "Target days", "Hours per week"],
                    ([t.title, t.role.title, t.required_hours, t.target_days or "—",
                      "—" if t.hours_per_week is None else t.hours_per_week] for t in insights.tracks),
                    numeric_from=2)
    return "\n".join(lines)
