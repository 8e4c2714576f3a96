"""Plans in the customer's calendar (issue 15) and plans that end on day ``length_days``
(issue 13): working days, weekends, public holidays, sessions in the customer's zone, timed
calendar events, the tracking columns and the checklist, for kickoff Monday 2027-01-11.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import icalendar
import markdown
import pytest

from .conftest import REPO, CatalogDir, CliResult, csv_rows, plan_data
from .test_plans import check_golden

KICKOFF = dt.date(2027, 1, 11)  # a Monday
BERLIN = ("--customer", "Acme", "--start", KICKOFF.isoformat(), "--timezone", "Europe/Berlin")
HOSTILE = "Evil [x](javascript:alert(1)) <img src=x onerror=alert(1)>\n- closed | *b* `c` {: #i}, a;b\\"


def write_catalog(catalog: CatalogDir, *, title: str = "Kickoff call") -> None:
    """A 90-day plan with items on a Saturday (day 5), Easter Monday 2027 (day 77), the
    issue's 2027-04-05 (day 84) and day 90, and a live course whose only session is in Sydney."""
    catalog.course("bootcamp", format="virtual-ilt", duration_minutes=120, sessions=[
        {"start": "2027-02-04T10:00", "timezone": "Australia/Sydney",
         "registration_url": "https://events.test/bootcamp/sydney"}])
    catalog.plan("ninety", plan_data(
        "ninety", length_days=90,
        phases=[{"title": "Start", "start_day": 0, "end_day": 44, "items": [
                    {"day": 0, "type": "meeting", "title": title},
                    {"day": 5, "type": "task", "title": "Saturday task", "owner": "customer-admin"},
                    {"day": 20, "type": "course", "course": "bootcamp"}]},
                {"title": "Scale", "start_day": 45, "end_day": 90, "items": [
                    {"day": 77, "type": "task", "title": "Easter Monday task", "owner": "ce"},
                    {"day": 84, "type": "meeting", "title": "Monday 5 April"},
                    {"day": 90, "type": "meeting", "title": "Day-90 review"}]}],
        milestones=[{"day": 90, "title": "Self-sufficient", "success_criteria": "Teams search daily."}]))


@pytest.fixture
def plan(catalog: CatalogDir, run_cli: Callable[..., CliResult]) -> Callable[..., str]:
    write_catalog(catalog)

    def run(*args: str) -> str:
        result = run_cli("plan", "-f", catalog.config, "ninety", *args)
        assert result.code == 0, result.err
        return result.out

    return run


def dates_by_title(text: str) -> dict[str, dt.date]:
    return {row["title"]: dt.date.fromisoformat(row["date"]) for row in csv_rows(text)}


def test_working_days_by_default_move_items_off_the_weekend_and_show_the_move(plan: Callable[..., str]) -> None:
    rows = csv_rows(plan(*BERLIN, "--format", "csv"))
    assert rows and all(dt.date.fromisoformat(r["date"]).weekday() < 5 for r in rows)
    assert dates_by_title(plan(*BERLIN, "--format", "csv"))["Saturday task"] == dt.date(2027, 1, 18)
    assert {(r["title"], r["moved_from"]) for r in rows if r["moved_from"]} == {
        ("Saturday task", "2027-01-16"), ("Course bootcamp", "2027-01-31"), ("Day-90 review", "2027-04-11"),
        ("Self-sufficient", "2027-04-11")}  # Saturday, Sunday, Sunday, Sunday
    text = plan(*BERLIN)
    assert "**Mon, Jan 18, 2027** · day 5 (moved from Sat, Jan 16, 2027) · Task: Saturday task" in text
    assert "- Days: working days (weekend: Saturday and Sunday)" in text


def test_calendar_days_date_every_item_kickoff_plus_day(plan: Callable[..., str]) -> None:
    rows = csv_rows(plan(*BERLIN, "--calendar-days", "--format", "csv"))
    assert [dt.date.fromisoformat(r["date"]) for r in rows] == [KICKOFF + dt.timedelta(days=int(r["day"]))
                                                                  for r in rows]
    assert "moved from" not in plan(*BERLIN, "--calendar-days")
    assert {r["moved_from"] for r in rows} == {""}


def test_calendar_days_refuse_holidays_and_a_weekend_they_would_ignore(
        catalog: CatalogDir, run_cli: Callable[..., CliResult]) -> None:
    """`--calendar-days --holidays ZZ` printed a plan, the country unchecked and nothing moved."""
    write_catalog(catalog)
    for extra, given in ((("--holidays", "ZZ"), "--holidays"), (("--holidays", "DE", "--weekend", "fri-sat"),
                                                               "--holidays and --weekend")):
        result = run_cli("plan", "-f", catalog.config, "ninety", *BERLIN, "--calendar-days", *extra)
        assert (result.code, result.out) == (2, "")
        assert f"--calendar-days dates every item kickoff + day, so {given} would move nothing" in result.err


def test_fri_sat_weekend(plan: Callable[..., str]) -> None:
    rows = csv_rows(plan(*BERLIN, "--weekend", "fri-sat", "--format", "csv"))
    assert all(dt.date.fromisoformat(r["date"]).weekday() not in (4, 5) for r in rows)
    assert dates_by_title(plan(*BERLIN, "--weekend", "fri-sat", "--format", "csv"))["Saturday task"] == \
        dt.date(2027, 1, 17)  # Saturday 16 January moves to Sunday, a working day there


def test_german_holidays_move_easter_monday(plan: Callable[..., str]) -> None:
    """Easter Monday 2027 is 29 March (the issue's 2027-04-05 is an ordinary Monday in 2027
    and stays); day 90 (Sunday 11 April) moves to Monday 12 April either way."""
    without = dates_by_title(plan(*BERLIN, "--format", "csv"))
    dates = dates_by_title(plan(*BERLIN, "--holidays", "DE", "--format", "csv"))
    assert without["Easter Monday task"] == dt.date(2027, 3, 29)
    assert dates["Easter Monday task"] == dt.date(2027, 3, 30)
    assert dates["Monday 5 April"] == without["Monday 5 April"] == dt.date(2027, 4, 5)
    assert "public holidays: Germany" in plan(*BERLIN, "--holidays", "de")


def test_a_kickoff_on_a_holiday_moves_and_the_days_count_from_where_it_is_held(plan: Callable[..., str]) -> None:
    """Friday 1 January 2027 is a holiday in Japan: the kickoff is held on Monday 4 January,
    day 5 falls five days later. Counted from the 1st, days 0, 1 and 2 all fell on the 4th."""
    args = ("--customer", "Acme", "--start", "2027-01-01", "--timezone", "Asia/Tokyo", "--holidays", "JP")
    rows = csv_rows(plan(*args, "--format", "csv"))
    dates = {row["title"]: (dt.date.fromisoformat(row["date"]), row["moved_from"]) for row in rows}
    assert dates["Kickoff call"] == (dt.date(2027, 1, 4), "2027-01-01")  # the only day said to move
    # 4 + 5 = Saturday 9, moved past the weekend and Coming of Age Day (Monday 11).
    assert dates["Saturday task"] == (dt.date(2027, 1, 12), "2027-01-09")
    assert "- Kickoff: **Mon, Jan 4, 2027** (day 0) (moved from Fri, Jan 1, 2027)" in plan(*args)


@pytest.mark.parametrize(("args", "message"), [
    (("--holidays", "XX"), "no public holidays are known for country code 'XX'"),
    (("--weekend", "thu-fri"), "invalid choice"),
])
def test_bad_day_options_exit_2(catalog: CatalogDir, run_cli: Callable[..., CliResult],
                                args: tuple[str, ...], message: str) -> None:
    write_catalog(catalog)
    result = run_cli("plan", "-f", catalog.config, "ninety", *BERLIN, *args)
    assert result.code == 2 and message in result.err and "Traceback" not in result.err


def test_holidays_outside_the_known_years_are_refused(catalog: CatalogDir, run_cli: Callable[..., CliResult]) -> None:
    write_catalog(catalog)
    result = run_cli("plan", "-f", catalog.config, "ninety", "--customer", "Acme", "--start", "2040-01-02",
                     "--holidays", "DE")
    assert result.code == 2 and "public holidays are known from" in result.err


def test_a_time_zone_in_any_letter_case_is_the_zone(plan: Callable[..., str]) -> None:
    """As the plan page takes it: the downloads of the two are the same bytes."""
    assert plan("--customer", "Acme", "--start", KICKOFF.isoformat(), "--timezone", "EUROPE/berlin") == plan(*BERLIN)


def test_sydney_session_is_shown_and_exported_at_its_berlin_time(plan: Callable[..., str]) -> None:
    # 10:00 in Sydney on 4 February 2027 (UTC+11) is 23:00 UTC on 3 February, midnight in Berlin.
    sentence = "Thu, Feb 4, 2027, 00:00–02:00 Berlin time (10:00 Sydney)"
    assert sentence in plan(*BERLIN)
    assert sentence in plan(*BERLIN, "--format", "checklist")
    assert sentence in next(r for r in csv_rows(plan(*BERLIN, "--format", "csv")) if r["type"] == "Course")["details"]
    # Night in Berlin and no other session in the phase: offered, and flagged.
    assert "at night in this time zone" in plan(*BERLIN)
    assert "at night" not in plan("--customer", "Acme", "--start", KICKOFF.isoformat(), "--timezone", "Asia/Tokyo")


def test_a_session_crossing_midnight_names_its_end_date_and_the_organisers_date(plan: Callable[..., str]) -> None:
    # 10:00-12:00 in Sydney on 4 February 2027 is 23:00 on 3 February to 01:00 in London:
    # Sydney's date is not London's, so the organiser's time names it.
    sentence = "Wed, Feb 3, 2027, 23:00–Thu, Feb 4, 2027, 01:00 London time (Thu, Feb 4, 2027, 10:00 Sydney)"
    london = ("--customer", "Acme", "--start", KICKOFF.isoformat(), "--timezone", "Europe/London")
    assert sentence in plan(*london)
    assert sentence in next(r for r in csv_rows(plan(*london, "--format", "csv")) if r["type"] == "Course")["details"]


def test_ics_has_a_timed_event_for_the_live_session_and_all_day_events_otherwise(plan: Callable[..., str]) -> None:
    calendar = icalendar.Calendar.from_ical(plan(*BERLIN, "--format", "ics"))
    events = {str(e["SUMMARY"]).split(": ", 1)[1]: e for e in calendar.walk("VEVENT")}
    live = events.pop("Course bootcamp")
    assert live.decoded("DTSTART") == dt.datetime(2027, 2, 3, 23, 0, tzinfo=dt.UTC)
    assert live.decoded("DTEND") == dt.datetime(2027, 2, 4, 1, 0, tzinfo=dt.UTC)
    description = str(live["DESCRIPTION"])
    assert "https://events.test/bootcamp/sydney" in description and "(10:00 Sydney)" in description
    assert str(live["TRANSP"]) == "OPAQUE"  # a session to attend is busy time
    for event in events.values():
        start = event.decoded("DTSTART")
        assert type(start) is dt.date and event.decoded("DTEND") == start + dt.timedelta(days=1)
        assert str(event["TRANSP"]) == "TRANSPARENT"  # a plan day is a reminder
    assert events["Day-90 review"].decoded("DTSTART") == dt.date(2027, 4, 12)  # Sunday 11 April, moved
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    again = icalendar.Calendar.from_ical(plan(*BERLIN, "--holidays", "DE", "--format", "ics"))
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == uids  # same plan, customer and kickoff


def test_day_90_of_a_90_day_plan_is_kickoff_plus_90_days(plan: Callable[..., str]) -> None:
    day_90 = KICKOFF + dt.timedelta(days=90)  # Sunday 11 April 2027
    args = (*BERLIN, "--calendar-days")
    rows = [r for r in csv_rows(plan(*args, "--format", "csv")) if r["day"] == "90"]
    assert {r["date"] for r in rows} == {day_90.isoformat()} and len(rows) == 2
    assert "- Last day: **Sun, Apr 11, 2027** (day 90)" in plan(*args)
    calendar = icalendar.Calendar.from_ical(plan(*args, "--format", "ics"))
    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT") if e.decoded("DTSTART") == day_90) == [
        "Acme · Meeting: Day-90 review", "Acme · Milestone: Self-sufficient"]


def test_csv_tracks_status_done_on_and_success_criteria(plan: Callable[..., str]) -> None:
    rows = csv_rows(plan(*BERLIN, "--format", "csv"))
    assert list(rows[0])[-5:] == ["success_criteria", "customer", "customer_engineer", "status", "done_on"]
    milestone = next(r for r in rows if r["type"] == "Milestone")
    assert milestone["success_criteria"] == "Teams search daily."
    assert {r["owner"] for r in rows if r["type"] == "Task"} == {"Customer administrator", "Customer engineer"}


def test_checklist_matches_golden(plan: Callable[..., str]) -> None:
    check_golden("plan-ninety-checklist.md", plan(*BERLIN, "--holidays", "DE", "--format", "checklist"))


def test_unknown_owner_role_is_a_validation_error(catalog: CatalogDir, run_cli: Callable[..., CliResult]) -> None:
    catalog.plan("p", plan_data("p", phases=[{"title": "All", "start_day": 0, "end_day": 30, "items": [
        {"day": 1, "type": "task", "title": "Do it", "owner": "customer-admn"}]}]))
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 1
    assert ("owner: 'customer-admn' is not one of ce, customer-admin, customer-champion, customer-sponsor"
            in result.out)


# Hostile titles: each format's escaping ------------------------------------------------


def test_hostile_titles_stay_text_in_every_format(catalog: CatalogDir, run_cli: Callable[..., CliResult]) -> None:
    write_catalog(catalog, title=HOSTILE)

    def out(fmt: str) -> str:
        return run_cli("plan", "-f", catalog.config, "ninety", *BERLIN, "--format", fmt).out

    for fmt in ("md", "checklist"):
        text = out(fmt)
        html = markdown.markdown(text, extensions=["attr_list", "tables"])
        assert "<img" not in html and "<a href=\"javascript" not in html and "<code>" not in html, fmt
        line = next(line for line in text.splitlines() if "Evil" in line)
        assert line.startswith("- ")  # the title's line break did not start a new list item
        assert "Evil \\[x\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\> - closed \\| \\*b\\*" in line
    rows = csv_rows(out("csv"))
    assert rows[0]["title"] == HOSTILE
    formula = write_formula_plan(catalog, run_cli)
    assert formula == ["'=1+1", "'+SUM(A1)", "'-2", "'@cmd", "'\tTab", "'\rCR"]
    [event] = [e for e in icalendar.Calendar.from_ical(out("ics")).walk("VEVENT") if "Evil" in str(e["SUMMARY"])]
    assert str(event["SUMMARY"]) == f"Acme · Meeting: {HOSTILE}"


def write_formula_plan(catalog: CatalogDir, run_cli: Callable[..., CliResult]) -> list[str]:
    titles = ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tTab", "\rCR"]
    catalog.plan("formulas", plan_data("formulas", phases=[{"title": "All", "start_day": 0, "end_day": 30, "items": [
        {"day": 1, "type": "meeting", "title": title} for title in titles]}]))
    text = run_cli("plan", "-f", catalog.config, "formulas", *BERLIN, "--format", "csv").out
    return [r["title"] for r in csv_rows(text)]


def test_a_daytime_session_is_preferred_to_an_earlier_one_at_night(run_cli: Callable[..., CliResult]) -> None:
    """The example bootcamp's Sydney session (3 February) is at midnight in Berlin; the London
    one a week later, at 15:00 Berlin time, is offered instead; in Sydney, the Sydney one."""
    def plan(zone: str) -> str:
        result = run_cli("plan", "-f", REPO / "mkdocs.yml", "enterprise-onboarding-90", "--customer", "Acme",
                         "--start", KICKOFF.isoformat(), "--timezone", zone)
        assert result.code == 0, result.err
        return result.out

    assert "Wed, Feb 10, 2027, 15:00–17:00 Berlin time (14:00 London)" in plan("Europe/Berlin")
    assert "Wed, Feb 3, 2027, 10:00–12:00 Sydney time ([register]" in plan("Australia/Sydney")
