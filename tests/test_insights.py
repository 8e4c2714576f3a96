"""Program insights: every figure on a fixture catalog with known answers, and the page,
the JSON and the Markdown report agreeing with each other.

"Today" is the SOURCE_DATE_EPOCH of the fixtures, 2026-11-18 (UTC). The fixture program:

============  ===========  ===============  =====  ==========================================
course        format       roles / level    min    review
============  ===========  ===============  =====  ==========================================
live-a        virtual-ilt  admin beginner   60     2026-01-01 every 90 days: 231 days overdue
office        in-person    end-user interm  120    never reviewed
self-a        self-paced   admin+end-user   240    2025-06-01 every 365 days: 170 days overdue
                           beginner
self-b        self-paced   admin advanced   30     due exactly today: not overdue
secret        self-paced   end-user adv.    60     internal visibility
old-retired   self-paced   end-user adv.    500    retired: not part of the program
============  ===========  ===============  =====  ==========================================

live-a has ten one-hour sessions in December 2026 (one of them on New Year's Eve in Los
Angeles, already January in UTC), one two-hour session today, one 90-minute session in
February, and a cancelled and a past session that must not count; office has one session
of its course's two hours in February.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from syllabus.core.catalog import load_catalog
from syllabus.export.insights import Insights, compute_insights, insights_json, month_span
from syllabus.export.svg_charts import bar_chart, share_chart
from syllabus.plugin.options import load_options

from .conftest import CatalogDir, build_site, track_data

TODAY = dt.date(2026, 11, 18)

DECEMBER = [{"start": f"2026-12-0{day}T10:00", "timezone": "Europe/Berlin"} for day in range(1, 10)]
SESSIONS = [
    {"start": "2026-11-10T10:00", "timezone": "Europe/Berlin"},  # past
    {"start": "2026-11-18T18:00", "timezone": "America/New_York", "duration_minutes": 120},  # today
    *DECEMBER,
    {"start": "2026-12-31T20:00", "timezone": "America/Los_Angeles", "status": "full"},
    {"start": "2026-12-15T10:00", "timezone": "Europe/Berlin", "status": "cancelled"},
    {"start": "2027-02-02T10:00", "timezone": "Europe/Berlin", "duration_minutes": 90},
]


def write_program(catalog: CatalogDir, *, options: str = "") -> None:
    """The fixture catalog of the module docstring; ``options`` adds syllabus plugin options."""
    if options:
        catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8") + options)
    catalog.course("live-a", format="virtual-ilt", owners=["@zed", "@ben"], sessions=SESSIONS,
                   last_reviewed="2026-01-01", review_every_days=90)
    catalog.course("office", format="in-person", duration_minutes=120, roles=["end-user"],
                   level="intermediate", owners=["@cy"],
                   sessions=[{"start": "2027-02-10T14:00", "timezone": "Europe/London"}])
    catalog.course("self-a", duration_minutes=240, roles=["admin", "end-user"], owners=["@ben", "@abe"],
                   last_reviewed="2025-06-01")
    catalog.course("self-b", duration_minutes=30, level="advanced", owners=["@ana"],
                   last_reviewed="2025-11-18")
    catalog.course("secret", roles=["end-user"], level="advanced", visibility="internal",
                   title="Secret roadmap course", last_reviewed="2026-10-01")
    catalog.course("old-retired", duration_minutes=500, roles=["end-user"], level="advanced",
                   status="retired")
    catalog.track("admin-path", track_data("admin-path", [
        "live-a", "self-a", {"course": "self-b", "required": False}], target_days=14))
    catalog.track("user-path", track_data("user-path", ["self-a"], role="end-user"))


def insights_for(catalog: CatalogDir, audience: str = "internal") -> Insights:
    options = replace(load_options(catalog.config), today=TODAY, audience=audience)
    result = load_catalog(options)
    assert not result.report.has_errors, result.report.diagnostics
    return compute_insights(result.catalog.visible_to(audience), options)


@pytest.fixture
def program(catalog: CatalogDir, monkeypatch: pytest.MonkeyPatch) -> CatalogDir:
    monkeypatch.delenv("SYLLABUS_AUDIENCE", raising=False)
    write_program(catalog)
    return catalog


# --- the figures ---------------------------------------------------------------------------


def test_ten_one_hour_sessions_in_a_month_are_7_1_percent_of_an_fte(program: CatalogDir) -> None:
    load = insights_json(insights_for(program))["live_load"]
    assert load["fte_hours_per_month"] == 140.0
    assert load["months"] == [
        {"month": "2026-11", "sessions": 1, "minutes": 120, "hours": 2.0, "fte_percent": 1.4},
        {"month": "2026-12", "sessions": 10, "minutes": 600, "hours": 10.0, "fte_percent": 7.1},
        {"month": "2027-01", "sessions": 0, "minutes": 0, "hours": 0.0, "fte_percent": 0.0},
        {"month": "2027-02", "sessions": 2, "minutes": 210, "hours": 3.5, "fte_percent": 2.5},
    ]
    assert (load["sessions"], load["hours"]) == (13, 15.5)


def test_a_weekly_program_loads_each_month_it_meets_in(catalog: CatalogDir, monkeypatch: pytest.MonkeyPatch) -> None:
    """Six 90-minute meetings from 26 January: one in January, four in February, one in
    March (it counted one meeting, all in January). One under way since 10 November counts
    the meeting to come (24 November), not those held (10 and 17)."""
    monkeypatch.delenv("SYLLABUS_AUDIENCE", raising=False)
    catalog.course("cohort", format="virtual-ilt", program_weeks=6, duration_minutes=540, sessions=[
        {"start": "2027-01-26T10:00", "timezone": "UTC", "duration_minutes": 90}])
    catalog.course("under-way", format="virtual-ilt", program_weeks=3, duration_minutes=180, sessions=[
        {"start": "2026-11-10T10:00", "timezone": "UTC", "duration_minutes": 60}])
    months = insights_json(insights_for(catalog))["live_load"]["months"]
    assert [(m["month"], m["sessions"], m["minutes"]) for m in months] == [
        ("2026-11", 1, 60), ("2026-12", 0, 0), ("2027-01", 1, 90), ("2027-02", 4, 360), ("2027-03", 1, 90)]


def test_fte_hours_per_month_is_configurable_and_rounds_half_up(
        catalog: CatalogDir, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SYLLABUS_AUDIENCE", raising=False)
    write_program(catalog, options="      fte_hours_per_month: 160\n")
    december = insights_json(insights_for(catalog))["live_load"]["months"][1]
    assert december["fte_percent"] == 6.3  # 10 / 160 = 6.25 %, not banker's 6.2


def test_coverage_counts_roles_by_level_and_lists_the_gaps(program: CatalogDir) -> None:
    internal = insights_json(insights_for(program))["coverage"]
    assert internal["counts"] == {
        "admin": {"beginner": 2, "intermediate": 0, "advanced": 1},
        "end-user": {"beginner": 1, "intermediate": 1, "advanced": 1},
    }
    assert internal["gaps"] == [{"role": "admin", "level": "intermediate"}]
    public = insights_json(insights_for(program, "public"))["coverage"]
    assert public["gaps"] == [{"role": "admin", "level": "intermediate"},
                              {"role": "end-user", "level": "advanced"}]  # secret not visible


def test_format_mix_shares_of_courses_and_learner_minutes(program: CatalogDir) -> None:
    mix = insights_json(insights_for(program))["format_mix"]
    assert mix["formats"] == [
        {"format": "self-paced", "live": False, "courses": 3, "minutes": 330},
        {"format": "virtual-ilt", "live": True, "courses": 1, "minutes": 60},
        {"format": "in-person", "live": True, "courses": 1, "minutes": 120},
    ]
    assert (mix["courses"], mix["live_courses"], mix["live_course_share"]) == (5, 2, 40.0)
    assert (mix["minutes"], mix["live_minutes"], mix["live_minutes_share"]) == (510, 180, 35.3)


def test_freshness_groups_overdue_courses_by_owner_most_overdue_first(program: CatalogDir) -> None:
    fresh = insights_json(insights_for(program))["freshness"]
    assert (fresh["overdue_courses"], fresh["never_reviewed_courses"]) == (2, 1)
    summary = [(g["owner"], [(c["id"], c["days_overdue"]) for c in g["overdue"]],
                [c["id"] for c in g["never_reviewed"]]) for g in fresh["owners"]]
    assert summary == [
        ("@ben", [("live-a", 231), ("self-a", 170)], []),
        ("@zed", [("live-a", 231)], []),
        ("@abe", [("self-a", 170)], []),
        ("@cy", [], ["office"]),
    ]
    assert fresh["owners"][0]["overdue"][0] == {
        "id": "live-a", "title": "Course live-a", "last_reviewed": "2026-01-01",
        "review_due": "2026-04-01", "days_overdue": 231,
    }


def test_track_required_hours_against_target_days(program: CatalogDir) -> None:
    tracks = insights_json(insights_for(program))["tracks"]
    assert tracks == [
        {"id": "admin-path", "title": "Track admin-path", "role": "admin", "required_minutes": 300,
         "required_hours": 5.0, "target_days": 14, "hours_per_week": 2.5},
        {"id": "user-path", "title": "Track user-path", "role": "end-user", "required_minutes": 240,
         "required_hours": 4.0, "target_days": None, "hours_per_week": None},
    ]


def test_an_empty_catalog_has_no_division_by_zero(catalog: CatalogDir) -> None:
    data = insights_json(insights_for(catalog))
    assert data["format_mix"]["live_course_share"] == 0.0
    assert data["live_load"]["months"] == []
    assert data["tracks"] == []


def test_month_span_fills_quiet_months_across_a_year_end() -> None:
    assert month_span(["2027-02", "2026-11"]) == ["2026-11", "2026-12", "2027-01", "2027-02"]
    assert month_span([]) == []


def test_chart_geometry_is_proportional() -> None:
    chart = bar_chart([("a", 10.0), ("b", 5.0), ("c", 0.0)])
    assert [bar.height for bar in chart.bars] == [160.0, 80.0, 0]
    assert all(bar.y + bar.height == chart.baseline for bar in chart.bars)
    row = share_chart([("Courses", [("Live", 40.0), ("On demand", 60.0)])]).rows[0]
    assert [segment.width for segment in row.segments] == [160.0, 240.0]
    assert row.segments[1].x == row.segments[0].x + row.segments[0].width


# --- the command line -----------------------------------------------------------------------


def test_report_json_follows_the_audience(program: CatalogDir, run_cli: Any,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    public = run_cli("report", "--format", "json", "-f", program.config)
    assert public.code == 0, public.err
    assert "secret" not in public.out
    monkeypatch.setenv("SYLLABUS_AUDIENCE", "internal")
    internal = run_cli("report", "--format", "json", "-f", program.config)
    assert json.loads(internal.out) == insights_json(insights_for(program))


def test_report_markdown_prints_the_same_figures(program: CatalogDir, run_cli: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYLLABUS_AUDIENCE", "internal")
    result = run_cli("report", "-f", program.config)
    assert result.code == 0, result.err
    for line in (
        "As of 2026-11-18, internal audience.",
        "| Administrator | 2 | 0 — gap | 1 |",
        "Gaps: Administrator × Intermediate.",
        "Live: 2 of 5 courses (40.0 %) and 180 of 510 learner minutes (35.3 %).",
        "| 2026-12 | 10 | 10.0 | 7.1 % |",
        "13 upcoming sessions, 15.5 instructor hours; an FTE month is 140 hours.",
        "2 courses overdue for review, 1 never reviewed (review every 365 days unless a course "
        "sets its own).",
        "| Course live-a (live-a) | 2026-01-01 | 2026-04-01 | 231 |",
        "Never reviewed: Course office (office)",
        "| Track admin-path | Administrator | 5.0 | 14 | 2.5 |",
        "| Track user-path | End user | 4.0 | — | — |",
    ):
        assert line in result.out.splitlines(), line
    owners = [line for line in result.out.splitlines() if line.startswith("### ")]
    assert owners == ["### @ben", "### @zed", "### @abe", "### @cy"]


def test_report_refuses_a_catalog_with_content_errors(program: CatalogDir, run_cli: Any) -> None:
    program.course("broken", level="expert")
    result = run_cli("report", "-f", program.config)
    assert (result.code, result.out) == (1, "")
    assert "expert" in result.err


# --- the site -------------------------------------------------------------------------------


class DataAttributes(HTMLParser):
    """Collects the ``data-*`` attributes of every element inside the insights article."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        data = {name[5:]: value or "" for name, value in attrs if name.startswith("data-")}
        if data:
            self.elements.append(data)


def page_figures(html: str) -> dict[str, Any]:
    """The figures the insights page states, shaped like the matching parts of the JSON."""
    parser = DataAttributes()
    parser.feed(html)
    elements = parser.elements

    def having(key: str) -> list[dict[str, str]]:
        return [e for e in elements if key in e]

    mix = having("live-course-share")[0]
    load = having("fte-hours-per-month")[0]
    fresh = having("overdue-courses")[0]
    return {
        "today": having("today")[0]["today"],
        "counts": {(e["role"], e["level"]): int(e["count"]) for e in having("count") if "role" in e},
        "formats": [(e["format"], int(e["courses"]), int(e["minutes"])) for e in having("format")],
        "shares": (float(mix["live-course-share"]), float(mix["live-minutes-share"])),
        "months": [(e["month"], int(e["sessions"]), float(e["hours"]), float(e["fte-percent"]))
                   for e in having("month")],
        "load": (int(load["sessions"]), float(load["hours"]), float(load["fte-hours-per-month"])),
        "fresh": (int(fresh["overdue-courses"]), int(fresh["never-reviewed-courses"])),
        "overdue": [(e["owner"], e["course"], int(e["days-overdue"])) for e in having("days-overdue")],
        "never": [(e["owner"], e["course"]) for e in having("never-reviewed")],
        "tracks": [(e["track"], int(e["required-minutes"]), e["target-days"], e["hours-per-week"])
                   for e in having("track")],
    }


def json_figures(data: dict[str, Any]) -> dict[str, Any]:
    """The same shape as :func:`page_figures`, from ``syllabus report --format json``."""
    mix, load, fresh = data["format_mix"], data["live_load"], data["freshness"]
    return {
        "today": data["today"],
        "counts": {(role, level): n for role, levels in data["coverage"]["counts"].items()
                   for level, n in levels.items()},
        "formats": [(f["format"], f["courses"], f["minutes"]) for f in mix["formats"]],
        "shares": (mix["live_course_share"], mix["live_minutes_share"]),
        "months": [(m["month"], m["sessions"], m["hours"], m["fte_percent"]) for m in load["months"]],
        "load": (load["sessions"], load["hours"], load["fte_hours_per_month"]),
        "fresh": (fresh["overdue_courses"], fresh["never_reviewed_courses"]),
        "overdue": [(g["owner"], c["id"], c["days_overdue"]) for g in fresh["owners"] for c in g["overdue"]],
        "never": [(g["owner"], c["id"]) for g in fresh["owners"] for c in g["never_reviewed"]],
        "tracks": [(t["id"], t["required_minutes"], str(t["target_days"] or ""),
                    "" if t["hours_per_week"] is None else str(t["hours_per_week"]))
                   for t in data["tracks"]],
    }


def test_internal_site_insights_page_agrees_with_the_report(
        program: CatalogDir, tmp_path: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # The program's courses are overdue for review on purpose (the insights count them): warnings.
    build_site(program.config, tmp_path / "site", env={"SYLLABUS_AUDIENCE": "internal"}, strict=False)
    html = (tmp_path / "site" / "insights" / "index.html").read_text(encoding="utf-8")
    monkeypatch.setenv("SYLLABUS_AUDIENCE", "internal")
    report = json.loads(run_cli("report", "--format", "json", "-f", program.config).out)

    figures = page_figures(html)
    assert figures == json_figures(report)
    assert ("@cy", "office") in figures["never"] and figures["months"][1][3] == 7.1
    # Two charts, each an accessible SVG image beside a captioned table of its numbers.
    assert len(re.findall(r'<svg role="img" aria-labelledby="[a-z-]+"', html)) == 2
    assert html.count("<title id=") == 2
    assert html.count("<caption>") >= 4 and 'scope="row"' in html and 'scope="col"' in html
    assert re.search(r'class="[^"]*syllabus-gap[^"]*"[^>]*><strong>0 — gap</strong>', html)
    assert "<script" not in html[html.index('class="syllabus-insights"'):html.index("</article>")]


def test_public_site_has_no_insights_unless_published(program: CatalogDir, tmp_path: Path) -> None:
    build_site(program.config, tmp_path / "public", strict=False)  # overdue reviews warn
    assert (tmp_path / "public" / "catalog" / "index.html").is_file()
    assert not (tmp_path / "public" / "insights").exists()

    write_program(program, options="      publish_insights: true\n")
    build_site(program.config, tmp_path / "published", strict=False)
    html = (tmp_path / "published" / "insights" / "index.html").read_text(encoding="utf-8")
    figures = page_figures(html)
    assert figures["counts"][("end-user", "advanced")] == 0  # the internal course stays out
    assert "Secret roadmap course" not in html and "secret" not in html
