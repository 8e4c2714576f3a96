"""Enablement plan exports: ``syllabus plan`` as Markdown, CSV and iCalendar, and the
undated templates and session calendars the site publishes.

The fixture plan (30 days, kickoff 2027-01-04 in the tests) has a live course twice: on
day 1 its phase (days 1-9, 2027-01-05..13) holds the 2027-01-06 New York session, on day
12 its phase (days 12-29, 2027-01-16..02-02) holds none (the 2027-01-20 session is full),
so the on-demand course is offered instead. Golden files pin the Markdown and CSV; set
SYLLABUS_UPDATE_GOLDEN=1 to rewrite them after an intended change.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import icalendar
import markdown
import pytest
from syllabus.export.placeholders import ESCAPES, TRIMMED, Personalisation, escape_for, fill

from .conftest import CatalogDir, CliResult, build_site, csv_rows, plan_data, track_data
from .sitetools import page

GOLDEN = Path(__file__).parent / "golden"
START = dt.date(2027, 1, 4)
ARGS = ("--customer", "Acme Corp", "--start", "2027-01-04", "--timezone", "Europe/Berlin")
ITEMS = [
    {"day": 0, "type": "meeting", "title": "Kickoff call", "note": "Confirm goals and the day-29 review."},
    {"day": 0, "type": "task", "title": "Send the plan to every participant", "owner": "ce"},
    {"day": 1, "type": "course", "course": "live-class"},
    {"day": 2, "type": "track", "track": "admin-path", "note": "Administrators start here."},
]
LATER_ITEMS = [
    {"day": 12, "type": "course", "course": "live-class", "note": "For anyone who missed it."},
    {"day": 20, "type": "meeting", "title": "Adoption review"},
]
MILESTONES = [
    {"day": 9, "title": "Installed", "success_criteria": "Keystone runs in production with SSO."},
    {"day": 29, "title": "Adopted", "success_criteria": "80% of developers searched this month."},
]
ROW_COUNT = len(ITEMS) + len(LATER_ITEMS) + len(MILESTONES)


def write_plan_catalog(catalog: CatalogDir, *, items: list[dict] | None = None, **plan_fields: object) -> None:
    catalog.course("live-class", format="virtual-ilt", duration_minutes=90, on_demand={"course": "recorded"},
                   sessions=[
                       {"start": "2027-01-06T16:00", "timezone": "America/New_York",
                        "registration_url": "https://events.test/live-class/1"},
                       {"start": "2027-01-20T09:00", "timezone": "Europe/Berlin", "status": "full"},
                       {"start": "2027-02-17T09:00", "timezone": "Europe/Berlin"},
                   ])
    catalog.course("recorded", duration_minutes=45)
    catalog.course("basics")
    catalog.track("admin-path", track_data("admin-path", ["basics", {"course": "recorded", "required": False},
                                                          "live-class"]))
    catalog.plan("onboarding", plan_data(
        "onboarding", length_days=30, outcomes=["Every developer searches code every week."],
        phases=[{"title": "Install", "start_day": 0, "end_day": 9, "items": items or ITEMS},
                {"title": "Adopt", "start_day": 10, "end_day": 29, "items": LATER_ITEMS}],
        milestones=MILESTONES, **plan_fields))


@pytest.fixture
def plan_cli(catalog: CatalogDir, run_cli: Callable[..., CliResult]) -> Callable[..., CliResult]:
    write_plan_catalog(catalog)
    return lambda *args: run_cli("plan", "-f", catalog.config, *args)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("SYLLABUS_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8"), f"differs from {path} (SYLLABUS_UPDATE_GOLDEN=1 rewrites it)"


def parse_ics(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


# Markdown and CSV ---------------------------------------------------------------------


def test_markdown_matches_golden(plan_cli: Callable[..., CliResult]) -> None:
    result = plan_cli("onboarding", *ARGS, "--ce", "Jane Doe")
    assert result.code == 0, result.err
    check_golden("plan-onboarding.md", result.out)


def test_markdown_dates_sessions_and_links(plan_cli: Callable[..., CliResult]) -> None:
    text = plan_cli("onboarding", *ARGS).out
    assert text.startswith("# Plan onboarding: Acme Corp\n")
    assert "- Kickoff: **Mon, Jan 4, 2027** (day 0)" in text
    assert ("- **Tue, Jan 5, 2027** · day 1 · Course: [Course live-class](https://academy.test/courses/live-class/)"
            " · Live online · 1 h 30 min\n") in text
    # Day 1: the New York session falls inside days 1-9, shown at its Berlin time; day 12:
    # the only session in the phase is full, so the on-demand course is offered.
    assert ("Next live session in this phase: Wed, Jan 6, 2027, 22:00–23:30 Berlin time (16:00 New York) "
            "— at night in this time zone (22:00 to 07:00): no daytime session fits; ask for a private session "
            "([register](https://events.test/live-class/1))") in text
    assert "On demand instead: [Course recorded](https://academy.test/courses/recorded/)" in text
    assert "- Customer engineer:" not in text  # optional, and not given
    # Track items expand to their required courses with the required total.
    required = next(line for line in text.splitlines() if "Required courses" in line)
    assert required.startswith("    - Required courses (2 h 30 min in total): [Course basics]")
    assert "Course live-class" in required and "Course recorded" not in required  # optional in the track


def test_session_choice_follows_the_kickoff_date(plan_cli: Callable[..., CliResult]) -> None:
    text = plan_cli("onboarding", "--customer", "Acme", "--start", "2027-02-12").out
    # Kickoff 2027-02-12: day 1's phase runs 02-13..02-21 and holds the 02-17 Berlin session.
    assert "Next live session in this phase: Wed, Feb 17, 2027, 08:00–09:30 UTC time (09:00 Berlin)" in text


def write_one_course_plan(catalog: CatalogDir, **course: object) -> None:
    """A 30-day plan whose first phase (days 0-9) takes one live course, "live"."""
    catalog.course("live", **{"format": "virtual-ilt", "duration_minutes": 60, **course})
    catalog.plan("onboarding", plan_data("onboarding", length_days=30, phases=[
        {"title": "Start", "start_day": 0, "end_day": 9, "items": [{"day": 0, "type": "course", "course": "live"}]}]))


def test_a_session_held_in_a_room_keeps_its_venues_time_and_says_where(catalog: CatalogDir,
                                                                         run_cli: Callable[..., CliResult]) -> None:
    """An in-person briefing in New York was shown to a Tokyo customer at 23:00 Tokyo time,
    flagged as at night, with no venue; the Tokyo office's a day later was passed over."""
    rooms = [{"start": "2027-01-05T09:00", "timezone": "America/New_York", "location": "NY office, 1 Main St"},
             {"start": "2027-01-06T09:30", "timezone": "Asia/Tokyo", "location": "Tokyo office, Marunouchi"}]
    write_one_course_plan(catalog, format="in-person", duration_minutes=120, sessions=rooms)
    args = ("plan", "-f", catalog.config, "onboarding", "--customer", "Acme", "--start", "2027-01-04")
    for zone in ("Asia/Tokyo", "Japan"):  # Japan: Tokyo's old name, the same place
        tokyo = run_cli(*args, "--timezone", zone).out
        assert ("Next live session in this phase: Wed, Jan 6, 2027, 09:30–11:30 Tokyo time "
                "(at Tokyo office, Marunouchi)") in tokyo
    berlin = run_cli(*args, "--timezone", "Europe/Berlin").out  # neither is in Berlin: the first
    assert "Tue, Jan 5, 2027, 09:00–11:00 New York time (at NY office, 1 Main St)" in berlin
    assert "night" not in berlin
    event = next(e for e in parse_ics(run_cli(*args, "--timezone", "Asia/Tokyo", "--format", "ics").out).walk("VEVENT")
                 if e.get("dtstart").dt == dt.datetime(2027, 1, 6, 0, 30, tzinfo=dt.UTC))
    assert str(event.get("location")) == "Tokyo office, Marunouchi"


def test_a_session_in_the_readers_language_is_picked_and_another_is_named(
        catalog: CatalogDir, run_cli: Callable[..., CliResult]) -> None:
    """An English plan offered Admin office hours' Japanese session, by day in Copenhagen,
    without saying it was in Japanese."""
    sessions = [{"start": "2027-01-05T15:00", "timezone": "Asia/Tokyo", "language": "ja"},
                {"start": "2027-01-06T15:00", "timezone": "America/New_York", "language": "en"}]
    write_one_course_plan(catalog, sessions=sessions)
    args = ("plan", "-f", catalog.config, "onboarding", "--customer", "Acme", "--timezone", "Europe/Copenhagen")
    both = run_cli(*args, "--start", "2027-01-04").out  # the English one, a day later and at 21:00 there
    assert "Wed, Jan 6, 2027, 21:00–22:00 Copenhagen time (15:00 New York)\n" in both
    write_one_course_plan(catalog, sessions=sessions[:1])
    only_japanese = run_cli(*args, "--start", "2027-01-04").out
    assert "Tue, Jan 5, 2027, 07:00–08:00 Copenhagen time (15:00 Tokyo) (in Japanese)" in only_japanese


def test_undated_markdown_matches_golden(catalog: CatalogDir, tmp_path: Path) -> None:
    write_plan_catalog(catalog)
    build_site(catalog.config, tmp_path / "site")
    check_golden("plan-onboarding-undated.md",
                 (tmp_path / "site/plans/onboarding/plan.md").read_bytes().decode("utf-8"))


def test_csv_matches_golden_and_parses(plan_cli: Callable[..., CliResult]) -> None:
    text = plan_cli("onboarding", *ARGS, "--format", "csv").out
    check_golden("plan-onboarding.csv", text)
    rows = csv_rows(text)
    assert list(rows[0]) == ["date", "day", "moved_from", "phase", "type", "title", "owner", "duration_minutes", "link",
                             "details", "success_criteria", "customer", "customer_engineer", "status", "done_on"]
    assert len(rows) == ROW_COUNT
    # Each row names its customer: a row imported into a tracker leaves the file's name behind.
    assert {(row["customer"], row["customer_engineer"]) for row in rows} == {("Acme Corp", "")}
    assert [r["day"] for r in rows] == sorted((r["day"] for r in rows), key=int)
    for row in rows:  # working days: kickoff + day, or the next weekday
        date, calendar = dt.date.fromisoformat(row["date"]), START + dt.timedelta(days=int(row["day"]))
        assert date.weekday() < 5 and 0 <= (date - calendar).days <= 2
        assert (row["status"], row["done_on"]) == ("", "")
    course = rows[2]
    # type is the row's label, as the plan page shows it: the CSV is for people, in the site's language
    assert (course["type"], course["title"], course["duration_minutes"]) == ("Course", "Course live-class", "90")
    assert course["link"] == "https://academy.test/courses/live-class/"
    assert "Next live session in this phase: Wed, Jan 6, 2027, 22:00–23:30 Berlin time" in course["details"]
    assert rows[-1]["type"] == "Milestone" and rows[-1]["success_criteria"].startswith("80%")


def test_csv_cells_cannot_become_formulas(catalog: CatalogDir, run_cli: Callable[..., CliResult]) -> None:
    """A cell starting with = + - @ is prefixed with an apostrophe (shown as text)."""
    write_plan_catalog(catalog, items=[
        {"day": 0, "type": "task", "title": '=HYPERLINK("https://evil.test","Click")', "owner": "ce"},
        {"day": 1, "type": "meeting", "title": "+1 sync", "note": "-2 days before the review"},
    ])
    result = run_cli("plan", "-f", catalog.config, "onboarding", *ARGS, "--format", "csv")
    rows = csv_rows(result.out)
    assert rows[0]["title"] == '\'=HYPERLINK("https://evil.test","Click")'
    assert rows[0]["owner"] == "Customer engineer"  # the owner role's title
    assert rows[1]["title"] == "'+1 sync" and rows[1]["details"] == "'-2 days before the review"
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())


def test_a_customer_a_spreadsheet_would_run_is_guarded_in_every_row(plan_cli: Callable[..., CliResult]) -> None:
    """The customer and engineer fill whole cells, typed by whoever personalises the plan."""
    customer, engineer = "=HYPERLINK(\"https://evil.test\",\"Click\")", "@Dana \"Lee\""
    rows = csv_rows(plan_cli("onboarding", "--customer", customer, "--ce", engineer, "--start", "2027-01-04",
                             "--format", "csv").out)
    assert {(row["customer"], row["customer_engineer"]) for row in rows} == {("'" + customer, "'" + engineer)}


@pytest.mark.parametrize("written", ['"\\uE000value\\uE002customer\\uE002=HYPERLINK(1)\\uE001"',
                                     "\ue000choice\ue002nosuchkey\ue002when\ue001"], ids=["escaped", "raw"])
def test_content_cannot_forge_the_downloads_placeholders(catalog: CatalogDir, run_cli: Callable[..., CliResult],
                                                         written: str) -> None:
    """The downloads' templates mark placeholders with private-use characters; a note holding
    them made a CSV formula after the formula check, forged calendar lines, or stopped the
    build. Content may hold no private-use character, so none reaches a template."""
    write_plan_catalog(catalog, items=[{"day": 0, "type": "meeting", "title": "Kickoff", "note": "NOTE"}])
    path = catalog.root / "plans/onboarding.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("note: NOTE", f"note: {written}"), encoding="utf-8")
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 1 and "plans/onboarding.yml:" in result.out
    assert "private-use character U+E000 is not allowed" in result.out
    assert run_cli("plan", "-f", catalog.config, "onboarding", *ARGS, "--format", "csv").code == 1


# iCalendar ----------------------------------------------------------------------------


def test_ics_events_dates_zone_and_stable_uids(plan_cli: Callable[..., CliResult]) -> None:
    text = plan_cli("onboarding", *ARGS, "--format", "ics").out
    calendar = parse_ics(text)
    events = calendar.walk("VEVENT")
    assert len(events) == ROW_COUNT
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Berlin"
    timed = [e for e in events if type(e.decoded("DTSTART")) is dt.datetime]
    # The live course on day 1 runs at the New York session's real instant (16:00 EST = 21:00 UTC).
    assert [(e.decoded("DTSTART").isoformat(), e.decoded("DTEND").isoformat()) for e in timed] == [
        ("2027-01-06T21:00:00+00:00", "2027-01-06T22:30:00+00:00")]
    assert "https://events.test/live-class/1" in str(timed[0]["DESCRIPTION"])
    assert "(16:00 New York)" in str(timed[0]["DESCRIPTION"])
    for event in events:
        if event in timed:
            continue
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and end == start + dt.timedelta(days=1) and start.weekday() < 5  # all-day
        assert str(event["SUMMARY"]).startswith("Acme Corp · ")
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith("@syllabus") for uid in uids)

    def uids_for(*args: str) -> list[str]:
        return [str(e["UID"]) for e in parse_ics(plan_cli("onboarding", *args, "--format", "ics").out).walk("VEVENT")]

    assert uids_for(*ARGS) == uids  # same plan, customer and kickoff: same UIDs, run after run
    assert uids_for("--customer", "Acme Corp", "--start", "2027-01-04") == uids  # the zone is no part of it
    assert not set(uids_for("--customer", "Globex", "--start", "2027-01-04")) & set(uids)
    assert not set(uids_for("--customer", "Acme Corp", "--start", "2027-01-11")) & set(uids)


def test_ics_is_reproducible_and_folded_like_the_library(plan_cli: Callable[..., CliResult]) -> None:
    """The command line folds the filled template as plan.js does; icalendar must read it and
    write it back with the same content lines."""
    text = plan_cli("onboarding", *ARGS, "--format", "ics").out
    assert text == plan_cli("onboarding", *ARGS, "--format", "ics").out
    assert max(len(line.encode("utf-8")) for line in text.split("\r\n")) <= 75
    again = parse_ics(text).to_ical().decode("utf-8")
    assert sorted(again.replace("\r\n ", "").split("\r\n")) == sorted(text.replace("\r\n ", "").split("\r\n"))


# Hostile input ------------------------------------------------------------------------

HOSTILE = 'Acme [x](javascript:alert(1)) <img src=x onerror=alert(1)> *b* _i_ `c` #1 | {: onclick="x"}; a,b\\'


def test_hostile_customer_name_is_escaped_in_every_format(plan_cli: Callable[..., CliResult]) -> None:
    args = ("onboarding", "--customer", HOSTILE, "--start", "2027-01-04", "--ce", "<b>CE</b>")
    text = plan_cli(*args).out
    html = markdown.markdown(text, extensions=["attr_list"])
    assert "<img" not in html and "<b>" not in html and 'href="javascript' not in html
    assert html.startswith("<h1>Plan onboarding: Acme [x](javascript:alert(1)) ")  # no attributes, no link
    rows = csv_rows(plan_cli(*args, "--format", "csv").out)
    assert len(rows) == ROW_COUNT
    assert {(row["customer"], row["customer_engineer"]) for row in rows} == {(HOSTILE, "<b>CE</b>")}
    text = plan_cli(*args, "--format", "ics").out
    calendar = parse_ics(text)
    assert all(str(e["SUMMARY"]).startswith(HOSTILE + " · ") for e in calendar.walk("VEVENT"))
    lines = text.replace("\r\n ", "").split("\r\n")  # the calendar's own texts, as written
    assert f"X-WR-CALNAME:Plan onboarding: {escape_for('ics', HOSTILE)}" in lines
    assert next(line for line in lines if line.startswith("X-WR-CALDESC:")).endswith(
        "\\n\\nCustomer engineer: <b>CE</b>")


@pytest.mark.parametrize("text", ["plain", "a,b;c\\d", "line\nbreak", "日本語, テスト", "\\,;"])
def test_ics_escape_table_matches_icalendar(text: str) -> None:
    """plan.js escapes typed values with this table; it must equal the library's TEXT escaping."""
    assert escape_for("ics", text) == icalendar.vText(text).to_ical().decode("utf-8")


def test_fill_replaces_values_dates_and_uids() -> None:
    who = Personalisation.parse("  Ünïcode,Co  ", "2027-01-04", "Asia/Tokyo", "")
    assert (who.customer, who.timezone, who.ce) == ("Ünïcode,Co", "Asia/Tokyo", None)
    template = ("\ue000value\ue002customer\ue002[\ue002]\ue001\ue000value\ue002ce\ue002 CE: \ue002\ue001 "
                "\ue000date\ue00285\ue002iso\ue001 "
                "\ue000date\ue00286\ue002basic\ue001 \ue000date\ue00289\ue002label\ue001"
                "\ue000date\ue00289\ue002moved\ue001")
    # Dates are escaped like values: their commas too (RFC 5545 TEXT)
    assert fill(template, "ics", who, {}) == ("[Ünïcode\\,Co] 2027-03-30 20270331 Mon\\, Apr 5\\, 2027"
                                              " (moved from Sat\\, Apr 3\\, 2027)")
    assert set(ESCAPES) == {"md", "checklist", "csv", "ics", "text"}


@pytest.mark.parametrize(("typed", "language", "zone"), [
    ("東京", "ja", "Asia/Tokyo"),  # also the city of Japan, another name of Asia/Tokyo
    ("サンパウロ", "ja", "America/Sao_Paulo"),  # also Brazil/East's
    ("ｎｅｗ ｙｏｒｋ", "ja", "America/New_York"),  # the place, whatever the language
    ("Japan", "ja", "Japan"),  # an id is itself
    # The database links these to Berlin and Abidjan (one clock since 1970); they are other places.
    ("コペンハーゲン", "ja", "Europe/Copenhagen"), ("copenhagen", "en", "Europe/Copenhagen"),
    ("Reykjavik", "en", "Atlantic/Reykjavik"), ("\ufeff東京\u3000", "ja", "Asia/Tokyo"),  # trimmed as plan.js trims
])
def test_a_zone_is_named_by_its_city_in_the_sites_language(typed: str, language: str, zone: str) -> None:
    assert Personalisation.parse("Acme", "2027-01-04", typed, language=language).timezone == zone


def test_a_city_in_another_language_is_not_a_zone() -> None:
    with pytest.raises(ValueError, match="'東京' is not an IANA time zone"):
        Personalisation.parse("Acme", "2027-01-04", "東京")


def test_plain_text_downloads_write_urls_in_one_pair_of_angle_brackets(catalog: CatalogDir, run_cli) -> None:
    """RFC 3986 appendix C's delimiters, so a linker ends the URL where it ends; a '<' or '>'
    in it would end it early, so they are percent-encoded."""
    write_plan_catalog(catalog)
    course_file = catalog.root / "courses/live-class/course.yml"
    course_file.write_text(course_file.read_text("utf-8").replace("live-class/1", "live-class/1?next=<x>"), "utf-8")
    for fmt in ("csv", "ics"):
        result = run_cli("plan", "-f", catalog.config, "onboarding", *ARGS, "--format", fmt)
        assert result.code == 0, result.err
        unfolded = result.out.replace("\r\n ", "")
        assert "<https://events.test/live-class/1?next=%3Cx%3E>" in unfolded, fmt


def test_names_are_trimmed_as_javascript_trims_them() -> None:
    """plan.js trims typed names with String.prototype.trim: its whitespace is Unicode's space
    separators, tabs, line ends and U+FEFF, not Python's (which also has \\x1c-\\x1f, \\x85)."""
    spaces = {chr(code) for code in range(0x110000) if unicodedata.category(chr(code)) == "Zs"}
    assert set(TRIMMED) == spaces | set("\t\n\v\f\r\u2028\u2029\ufeff")
    assert Personalisation.parse("\ufeff Acme\u3000", "2027-01-04").customer == "Acme"
    with pytest.raises(ValueError, match="control, bidirectional or private-use"):
        Personalisation.parse("Acme\x1c", "2027-01-04")  # JavaScript keeps it, and refuses it


# Command line -------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    (("onbording", *ARGS), "did you mean 'onboarding'"),
    (("onboarding", "--customer", "Acme", "--start", "2027-02-30"), "is not a date"),
    (("onboarding", "--customer", "Acme", "--start", "04/01/2027"), "is not a date"),
    (("onboarding", "--customer", "Acme", "--start", "0999-01-01"), "between the years"),
    (("onboarding", "--customer", "Acme", "--start", "2027-01-04", "--timezone", "Mars/Olympus"),
     "not an IANA time zone"),
    (("onboarding", "--customer", "Acme", "--start", "2027-01-04", "--timezone", " "), "--timezone is empty"),
    (("onboarding", "--customer", "  ", "--start", "2027-01-04"), "customer name is empty"),
    (("onboarding", "--customer", "Acme\u202e", "--start", "2027-01-04"), "control, bidirectional or private-use"),
    # A placeholder's marker typed in a name: the name is refused, as content holding one is.
    (("onboarding", "--customer", "Acme\ue003", "--start", "2027-01-04"), "control, bidirectional or private-use"),
    # 東京 typed in a Shift_JIS terminal: its bytes reach Python as surrogates; the calendar raised on them.
    *((("onboarding", "--customer", "\udc93\udc8c\udc8b\udc9e", "--start", "2027-01-04", "--format", fmt),
       "customer name is not UTF-8 text") for fmt in ("md", "ics")),
    (("onboarding", "--customer", "Acme", "--ce", "\udcff", "--start", "2027-01-04"), "engineer is not UTF-8"),
])
def test_usage_errors_exit_2(plan_cli: Callable[..., CliResult], args: tuple[str, ...], message: str) -> None:
    result = plan_cli(*args)
    assert result.code == 2 and message in result.err and result.out == ""
    assert "Traceback" not in result.err


def test_a_site_without_site_url_is_told_its_plan_links_are_relative(catalog: CatalogDir, plan_cli) -> None:
    assert "site_url" not in plan_cli("onboarding", *ARGS).err
    catalog.config.write_text(catalog.config.read_text("utf-8").replace("site_url: https://academy.test/\n", ""),
                              encoding="utf-8")
    result = plan_cli("onboarding", *ARGS)
    assert result.code == 0 and "](courses/live-class/)" in result.out
    assert "sets no site_url" in result.err and "set site_url to make the links work" in result.err


def test_required_options_exit_2(plan_cli: Callable[..., CliResult]) -> None:
    assert plan_cli("onboarding", "--start", "2027-01-04").code == 2


@pytest.mark.parametrize(("fields", "state"), [({"visibility": "internal"}, "internal"),
                                               ({"status": "draft"}, "a draft")])
def test_public_audience_cannot_print_internal_or_draft_plans(
        catalog: CatalogDir, run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch,
        fields: dict[str, str], state: str) -> None:
    """A trainer's new plan is a draft: they are told why and how to print it, not 'unknown'."""
    write_plan_catalog(catalog, **fields)
    result = run_cli("plan", "-f", catalog.config, "onboarding", *ARGS)
    assert result.code == 2 and result.out == ""
    assert result.err == (f"syllabus: error: plan 'onboarding' is {state}, which the public site does not publish; "
                          "to print it for review, run with SYLLABUS_AUDIENCE=internal\n")
    monkeypatch.setenv("SYLLABUS_AUDIENCE", "internal")
    assert run_cli("plan", "-f", catalog.config, "onboarding", *ARGS).code == 0


def test_content_errors_exit_1(plan_cli: Callable[..., CliResult], catalog: CatalogDir) -> None:
    catalog.plan("broken", plan_data("broken", length_days="thirty"))
    assert plan_cli("onboarding", *ARGS).code == 1


def test_whole_numbers_written_with_a_decimal_point_read_as_the_numbers(
        plan_cli: Callable[..., CliResult], catalog: CatalogDir, run_cli: Callable[..., CliResult],
        tmp_path: Path) -> None:
    """JSON Schema counts 30.0 an integer: such a catalog is valid, and reads as if written 30."""
    written = {fmt: plan_cli("onboarding", *ARGS, "--format", fmt).out for fmt in ("md", "csv", "ics")}
    plan = catalog.root / "plans/onboarding.yml"
    plan.write_text(re.sub(r"(day|_days|start_day|end_day): (\d+)$", r"\1: \2.0", plan.read_text("utf-8"),
                           flags=re.M), encoding="utf-8")
    assert "length_days: 30.0" in plan.read_text("utf-8") and "- day: 12.0" in plan.read_text("utf-8")
    catalog.course("weekly", format="virtual-ilt", duration_minutes=240.0, program_weeks=4.0, sessions=[
        {"start": "2027-01-06T16:00", "timezone": "Europe/Berlin", "duration_minutes": 60.0, "capacity": 40.0}])
    assert run_cli("validate", "-f", catalog.config).code == 0
    assert {fmt: plan_cli("onboarding", *ARGS, "--format", fmt).out for fmt in written} == written
    session = json.loads(run_cli("export", "-f", catalog.config).out)["courses"][-1]["sessions"][0]
    assert (session["capacity"], session["duration_minutes"]) == (40, 60) and type(session["capacity"]) is int
    build_site(catalog.config, tmp_path / "site")
    assert len(parse_ics((tmp_path / "site/courses/weekly/sessions/20270106T1600-europe-berlin.ics")
                         .read_text("utf-8")).walk("VEVENT")) == 4


def test_a_weekly_program_is_every_meeting_in_the_plan_calendar_and_said_in_every_format(
        catalog: CatalogDir, run_cli: Callable[..., CliResult]) -> None:
    """A customer's calendar held a six-week cohort's first meeting only, and the plan never
    said it met again. Two items choosing one session give each meeting an event per item."""
    catalog.course("cohort", format="virtual-ilt", duration_minutes=600, program_weeks=3, sessions=[
        {"start": "2027-03-09T09:00", "timezone": "America/Los_Angeles", "duration_minutes": 90}])  # DST: 14 March
    catalog.plan("onboarding", plan_data("onboarding", length_days=30, phases=[
        {"title": "All", "start_day": 0, "end_day": 30, "items": [
            {"day": 1, "type": "course", "course": "cohort"}, {"day": 2, "type": "course", "course": "cohort"}]}]))
    args = ("plan", "-f", catalog.config, "onboarding", "--customer", "Acme", "--start", "2027-03-01",
            "--timezone", "Europe/Berlin", "--format")
    result = run_cli(*args, "ics")
    assert result.code == 0, result.err
    events = parse_ics(result.out).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == 2 * [
        "Acme · Course: Course cohort", "Acme · Course: Course cohort (week 2 of 3)",
        "Acme · Course: Course cohort (week 3 of 3)"]
    assert len({str(event["UID"]) for event in events}) == 6
    assert [event.decoded("DTSTART").isoformat() for event in events[:3]] == [
        "2027-03-09T17:00:00+00:00", "2027-03-16T16:00:00+00:00", "2027-03-23T16:00:00+00:00"]
    said = ("Tue, Mar 9, 2027, 18:00–19:30 Berlin time (09:00 Los Angeles) "
            "(3 weekly meetings, the last on Tue, Mar 23, 2027)")
    for fmt in ("md", "checklist", "csv"):
        assert said in run_cli(*args, fmt).out, fmt


def test_the_plan_page_carries_a_courses_sessions_once_however_many_items_take_it(
        catalog: CatalogDir, tmp_path: Path) -> None:
    """Every item of a live course offered all of its sessions' texts on the plan page: 50
    items of a course with 1,000 sessions made a 139 MB page and a build past 2 GB; 300
    items, 172 MB through what the page says before it is personalised."""
    items = [{"day": day, "type": "course", "course": "live-class"} for day in range(0, 10)]
    write_plan_catalog(catalog, items=items)
    build_site(catalog.config, tmp_path / "site")
    html = (tmp_path / "site/plans/onboarding/index.html").read_text("utf-8")
    data = json.loads(re.search(r"data-plan-data='([^']*)'", html).group(1).replace("&#39;", "'")
                      .replace("&#34;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
    live = list(data["choices"].values())
    assert len(live) >= 10 and {choice["sessions"] for choice in live} == {"s0"}
    assert list(data["sessions"]) == ["s0"] and len(data["sessions"]["s0"]) == 2  # its bookable sessions, once
    # What the page says before it is personalised, once too (300 items made a 172 MB page).
    assert list(data["undated"]) == ["s0"] and len(data["undated"]["s0"]["sessions"]) == 2


def test_the_plan_page_lists_the_first_of_a_long_tracks_courses(catalog: CatalogDir, tmp_path: Path) -> None:
    """A plan item naming a 40-course track listed all 40 in its row, 1,800 px tall on a laptop
    (customer review, stop 42): the first five and a link to the rest; a short track in full."""
    for number in range(9):
        catalog.course(f"step-{number}")
    catalog.track("long", track_data("long", [f"step-{number}" for number in range(9)]))
    catalog.track("short", track_data("short", [f"step-{number}" for number in range(6)]))
    plan = plan_data("onboarding")
    plan["phases"][0]["items"] = [{"day": 1, "type": "track", "track": "long"},
                                  {"day": 2, "type": "track", "track": "short"}]
    catalog.plan("onboarding", plan)
    build_site(catalog.config, tmp_path / "site")
    lists = page(tmp_path / "site", "plans/onboarding/").find_all("ul", cls="syllabus-plan-required")
    long_items, short_items = ([item.find("a") for item in found.find_all("li")] for found in lists)
    assert [a.text for a in long_items] == [f"Course step-{n}" for n in range(5)] + ["…and 4 more on the track's page"]
    assert long_items[-1].attrs["href"] == "../../tracks/long/"
    assert [a.text for a in short_items] == [f"Course step-{n}" for n in range(6)]
    markdown_download = (tmp_path / "site/plans/onboarding/plan.md").read_text("utf-8")
    assert all(f"Course step-{n}" in markdown_download for n in range(9))  # the downloads list them all


# Site downloads -----------------------------------------------------------------------


def test_site_publishes_undated_templates_and_session_calendars(catalog: CatalogDir, tmp_path: Path) -> None:
    write_plan_catalog(catalog)
    catalog.plan("secret", plan_data("secret", visibility="internal"))
    site = tmp_path / "site"
    build_site(catalog.config, site)
    folder = site / "plans/onboarding"
    rows = csv_rows(folder.joinpath("plan.csv").read_text("utf-8"))
    assert len(rows) == ROW_COUNT and {r["date"] for r in rows} == {""}
    calendar = parse_ics(folder.joinpath("plan.ics").read_text("utf-8"))
    events = calendar.walk("VEVENT")
    assert len(events) == ROW_COUNT
    # Undated: a placeholder kickoff on the first Monday after "today" (2026-11-18), "Day N" summaries.
    first = min(events, key=lambda e: e.decoded("DTSTART"))
    assert first.decoded("DTSTART") == dt.date(2026, 11, 23)
    assert str(first["SUMMARY"]).startswith("Day 0 · ")
    # The live course's next session, escaped once: calendars showed "Wed\\, Jan 6\\, 2027".
    live = "Next live session: Wed, Jan 6, 2027, 16:00–17:30 New York time"
    assert sum(live in str(event["DESCRIPTION"]) for event in events) == sum(live in row["details"] for row in rows) > 0
    # No session chosen for the placeholder kickoff: the event said one session and was at another.
    assert all(type(event.decoded("DTSTART")) is dt.date for event in events)
    assert "\\" not in folder.joinpath("plan.csv").read_text("utf-8")
    assert not (site / "plans/secret").exists()
    sessions = sorted(p.name for p in (site / "courses/live-class/sessions").iterdir())
    assert sessions == ["20270106T1600-america-new_york.ics", "20270217T0900-europe-berlin.ics"]  # not the full one
    session = parse_ics((site / "courses/live-class/sessions" / sessions[0]).read_text("utf-8"))
    event = session.walk("VEVENT")[0]
    # 16:00 in New York on 6 January is 21:00 UTC: an exact instant every calendar can show locally.
    assert event.decoded("DTSTART").isoformat() == "2027-01-06T21:00:00+00:00"
    assert event.decoded("DTEND").isoformat() == "2027-01-06T22:30:00+00:00"
    assert "Scheduled for Wed, Jan 6, 2027, 16:00 (New York time)." in str(event["DESCRIPTION"])
    page = (folder / "index.html").read_text("utf-8")
    assert 'data-download="ics"' in page and "data-plan-data" in page


def test_the_undated_calendar_times_no_session_its_description_does_not_name(catalog: CatalogDir,
                                                                             tmp_path: Path) -> None:
    """Its events fall on a placeholder kickoff (Mon, Nov 23): a live course's event was timed
    at the session chosen for that kickoff (Feb 17) while its description named the next (Jan 6)."""
    write_plan_catalog(catalog)
    catalog.plan("quarter", plan_data("quarter", length_days=90, phases=[
        {"title": "All", "start_day": 0, "end_day": 90, "items": [{"day": 60, "type": "course",
                                                                   "course": "live-class"}]}]))
    build_site(catalog.config, tmp_path / "site")
    (event,) = parse_ics((tmp_path / "site/plans/quarter/plan.ics").read_text("utf-8")).walk("VEVENT")
    assert event.decoded("DTSTART") == dt.date(2027, 1, 22) and event.decoded("DTEND") == dt.date(2027, 1, 23)
    assert "Next live session: Wed, Jan 6, 2027, 16:00–17:30 New York time" in str(event["DESCRIPTION"])


def test_two_sessions_at_the_same_start_and_zone_each_get_a_calendar(catalog: CatalogDir, tmp_path: Path) -> None:
    """Two rooms (or languages) at one time are two sessions: two files, two events, two UIDs."""
    rooms = [{"start": "2027-05-04T10:00", "timezone": zone, "registration_url": f"https://events.test/{room}"}
             for room, zone in [("a", "Etc/GMT"), ("b", "Etc/GMT"), ("c", "Etc/GMT-2")]]
    catalog.course("workshop", format="in-person", sessions=rooms)
    site = tmp_path / "site"
    build_site(catalog.config, site)
    folder = site / "courses/workshop/sessions"
    # The second Etc/GMT session numbered 2 has Etc/GMT-2's key: that one is numbered on.
    assert sorted(p.name for p in folder.iterdir()) == [
        "20270504T1000-etc-gmt-2-2.ics", "20270504T1000-etc-gmt-2.ics", "20270504T1000-etc-gmt.ics"]
    events = [parse_ics(p.read_text("utf-8")).walk("VEVENT")[0] for p in sorted(folder.iterdir())]
    assert len({str(e["UID"]) for e in events}) == 3
    assert {str(e["URL"]) for e in events} == {f"https://events.test/{room}" for room in "abc"}
    feed = parse_ics((site / "sessions.ics").read_text("utf-8"))
    assert len({str(e["UID"]) for e in feed.walk("VEVENT")}) == 3


def test_a_phase_with_nothing_in_it_is_shown_in_every_format(catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    """The page's timeline shows every phase; so do its table, the Markdown and the checklist."""
    def meeting(day: int, title: str) -> list[dict]:
        return [{"day": day, "type": "meeting", "title": title}]

    catalog.plan("gap", plan_data("gap", phases=[
        {"title": "Start", "start_day": 0, "end_day": 9, "items": meeting(0, "Kickoff")},
        {"title": "Quiet weeks", "start_day": 10, "end_day": 19, "items": []},
        {"title": "Finish", "start_day": 20, "end_day": 30, "items": meeting(30, "Review")},
    ]))
    empty = "Nothing is scheduled in this phase."
    for fmt, heading in (("md", "## Quiet weeks"), ("checklist", "### Quiet weeks")):
        text = run_cli("plan", "-f", catalog.config, "gap", "--customer", "Acme", "--start", "2027-01-04",
                       "--format", fmt).out
        assert text.index("Start") < text.index(heading) < text.index(empty) < text.index("Finish"), text
    build_site(catalog.config, tmp_path / "site")
    phases = page(tmp_path / "site", "plans/gap/").find_all("section", cls="syllabus-phase")
    assert [" ".join(s.find("h2").text.split())[:11] for s in phases] == ["Start (days", "Quiet weeks", "Finish (day"]
    assert empty in [p.text for p in phases[1].find_all("p")] and not phases[1].find_all("table")
