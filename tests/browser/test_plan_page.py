"""The plan page personalises the example plan in Chromium, and what it copies and downloads
is, byte for byte, what ``syllabus plan`` prints for the same inputs.

Both run with the same SOURCE_DATE_EPOCH (the build's, via ``build_site``; the command
line's, via ``run_cli``), so "today" and every calendar DTSTAMP agree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
import yaml
from playwright.sync_api import expect
from syllabus.core.messages import load_messages

from ..conftest import REPO, CatalogDir, CliResult, build_site, course_data, example_catalog, plan_data
from .conftest import open_page, serve

PLAN = "enterprise-onboarding-90"
FORMATS = ("md", "csv", "ics")
UNKNOWN_ZONE = "Unknown time zone: type a city, such as Tokyo, or a zone, such as Asia/Tokyo."
HOSTILE = 'Ünïcode & "Co", Ltd; <img src=x onerror=window.__pwned=1> *x* [y](javascript:1) \\ =1+1'


@pytest.fixture
def plan_page(browser: Any, example_site: str) -> Iterator[Any]:
    with open_page(browser, permissions=["clipboard-read", "clipboard-write"]) as page:
        page.goto(example_site + f"plans/{PLAN}/")
        yield page


def personalise(page: Any, customer: str, start: str, timezone: str = "", ce: str = "", *, days: str = "",
                weekend: str = "", holidays: str = "") -> None:
    page.fill("#plan-customer", customer)
    page.fill("#plan-start", start)
    page.fill("#plan-timezone", timezone)
    page.fill("#plan-ce", ce)
    page.select_option("#plan-weekend", weekend)  # before the days: calendar days ask neither
    page.select_option("#plan-holidays", holidays)
    page.select_option("#plan-days", days)
    expect(page.locator("[data-syllabus-plan]")).to_have_attribute("data-personalised", "true")


def cli_plan(run_cli: Callable[..., CliResult], fmt: str, *args: str) -> str:
    result = run_cli("plan", "-f", REPO / "mkdocs.yml", PLAN, *args, "--format", fmt)
    assert result.code == 0, result.err
    return result.out


def download(page: Any, fmt: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.click(f"a[data-download='{fmt}']")
    return info.value.suggested_filename, Path(info.value.path()).read_bytes().decode("utf-8")


def test_dates_url_copy_and_downloads_match_the_command_line(
        plan_page: Any, run_cli: Callable[..., CliResult]) -> None:
    page = plan_page
    personalise(page, "Acme Corp", "2027-01-04", "Europe/Berlin")

    # Day offsets become dates in place: a 2027-01-04 kickoff puts day 85 on Tuesday 2027-03-30;
    # day 5 (Saturday 9 January) moves to Monday, and the move is shown.
    expect(page.locator("tr[data-day='85'] .syllabus-date")).to_have_text("Tue, Mar 30, 2027")
    expect(page.locator("tr[data-day='0'] .syllabus-date").first).to_have_text("Mon, Jan 4, 2027")
    expect(page.locator("tr[data-day='5'] .syllabus-date")).to_have_text("Mon, Jan 11, 2027")
    expect(page.locator("tr[data-day='5'] .syllabus-moved")).to_have_text("(moved from Sat, Jan 9, 2027)")
    expect(page.locator("[data-plan-for]")).to_be_visible()
    expect(page.locator("[data-plan-for] [data-plan-value='customer']")).to_have_text("Acme Corp")

    # The form state is in the address, and a reload (or a shared link) restores it: in its
    # fragment, which no request carries (in the query, the page promised "nothing leaves your
    # browser" while a reload sent the customer's name to the server's log).
    address = urlsplit(page.url)
    assert parse_qs(address.fragment) == {"customer": ["Acme Corp"], "start": ["2027-01-04"],
                                          "timezone": ["Europe/Berlin"]} and address.query == ""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.reload()
    assert requested and not any("Acme" in url for url in requested)
    expect(page.locator("#plan-customer")).to_have_value("Acme Corp")
    expect(page.locator("#plan-timezone")).to_have_value("Europe/Berlin")
    expect(page.locator("[data-syllabus-plan]")).to_have_attribute("data-personalised", "true")
    expect(page.locator("tr[data-day='85'] .syllabus-date")).to_have_text("Tue, Mar 30, 2027")

    args = ("--customer", "Acme Corp", "--start", "2027-01-04", "--timezone", "Europe/Berlin")
    expected = {fmt: cli_plan(run_cli, fmt, *args) for fmt in FORMATS}

    page.click("[data-plan-copy='md']")
    expect(page.locator("[data-plan-status]")).to_have_text("Copied the plan as Markdown.")
    assert page.evaluate("navigator.clipboard.readText()") == expected["md"]
    page.click("[data-plan-copy='checklist']")
    expect(page.locator("[data-plan-status]")).to_have_text("Copied the plan as checklist.")
    assert page.evaluate("navigator.clipboard.readText()") == cli_plan(run_cli, "checklist", *args)

    for fmt in FORMATS:
        name, text = download(page, fmt)
        assert name == f"{PLAN}-acme-corp-2027-01-04.{fmt}"  # another customer's plan is another file
        assert text == expected[fmt], f"{fmt} differs from `syllabus plan`"

    plan = yaml.safe_load((REPO / "plans" / f"{PLAN}.yml").read_text(encoding="utf-8"))
    events = icalendar.Calendar.from_ical(expected["ics"]).walk("VEVENT")
    rows = sum(len(phase["items"]) for phase in plan["phases"]) + len(plan["milestones"])
    # The six-week certification program (its Los Angeles cohort, 09:00 there, 18:00 in Berlin)
    # meets five more times, each an event of its own at the organiser's hour across the clock
    # changes of 14 March there and 28 March in Berlin.
    weeks = [e for e in events if "Certified Administrator program (week" in str(e["SUMMARY"])]
    assert len({str(e["UID"]) for e in events}) == len(events) == rows + len(weeks) == rows + 5
    first = next(e for e in events
                 if str(e["SUMMARY"]) == "Acme Corp · Course: Keystone Certified Administrator program")
    starts = [e.decoded("DTSTART").astimezone(ZoneInfo("America/Los_Angeles")) for e in (first, *weeks)]
    assert [start - starts[0] for start in starts] == [dt.timedelta(weeks=week) for week in range(6)]
    assert "(6 weekly meetings, the last on" in expected["md"]
    assert [str(e["SUMMARY"]) for e in events if e.decoded("DTSTART").isoformat() == "2027-04-05"] == [
        "Acme Corp · Meeting: Day-90 executive business review",
        "Acme Corp · Task: Hand over to the customer success manager with the plan for the next quarter",
        "Acme Corp · Milestone: Self-sufficient"]


def test_the_plan_script_is_fetched_for_plan_pages_only_and_after_instant_navigation(
        browser: Any, example_site: str) -> None:
    """plan.js (30 KB) was loaded by every page: it is fetched when a plan page is shown, one
    swapped in by Material's instant navigation (its location$, no new document) too, and once."""
    with open_page(browser) as page:
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
        page.goto(example_site)
        page.wait_for_load_state("networkidle")
        assert fetched and not [path for path in fetched if path.endswith("/plan.js")]
        page.evaluate("window.__sameDocument = true")
        for plan in (PLAN, "team-quickstart-30", PLAN):
            page.evaluate("url => location$.next(new URL(url))", f"{example_site}plans/{plan}/")
            expect(page.locator(f"[data-plan='{plan}']")).to_be_visible()
            personalise(page, "Acme Corp", "2027-01-04", "Europe/Berlin")
        expect(page.locator("tr[data-day='85'] .syllabus-date")).to_have_text("Tue, Mar 30, 2027")
        assert page.evaluate("window.__sameDocument") is True
        assert len([path for path in fetched if path.endswith("/assets/syllabus/plan.js")]) == 1


def test_hostile_names_are_escaped_exactly_like_the_command_line(
        plan_page: Any, run_cli: Callable[..., CliResult]) -> None:
    page = plan_page
    typed = f"\ufeff\u3000 {HOSTILE} \ufeff"  # what JavaScript's trim() takes off, the command line too
    ce = "<b>Jo</b>, CE &amp; &#42; https://evil.test/login www.evil.test"
    personalise(page, typed, "2027-02-28", "America/Los_Angeles", ce=ce)
    expect(page.locator("[data-plan-for] [data-plan-value='customer']")).to_have_text(HOSTILE)
    expect(page.locator("[data-plan-for] img")).to_have_count(0)
    args = ("--customer", typed, "--start", "2027-02-28", "--timezone", "America/Los_Angeles",
            "--ce", ce)
    for fmt in FORMATS:
        assert download(page, fmt)[1] == cli_plan(run_cli, fmt, *args), fmt
    assert page.evaluate("window.__pwned") is None


def test_a_name_a_spreadsheet_would_run_is_guarded_in_the_csv_like_the_command_line(
        plan_page: Any, run_cli: Callable[..., CliResult]) -> None:
    """The customer and engineer fill whole CSV cells: one starting with = + - @ is text."""
    page = plan_page
    customer, ce = '=HYPERLINK("https://evil.test","x")', "-Dana"
    personalise(page, customer, "2027-02-01", "UTC", ce=ce)
    args = ("--customer", customer, "--start", "2027-02-01", "--timezone", "UTC", f"--ce={ce}")
    text = download(page, "csv")[1]
    assert text == cli_plan(run_cli, "csv", *args)
    assert '"\'=HYPERLINK(""https://evil.test"",""x"")","\'-Dana",' in text


def test_live_sessions_follow_the_kickoff_date(plan_page: Any) -> None:
    """Day 17's live bootcamp names the next session inside its phase, else its on-demand course."""
    page = plan_page
    note = page.locator("tr[data-day='17'] [data-choice]")
    # Before anyone personalises it: in the visitor's zone (the form's, filled in), the organiser's second.
    expect(note).to_have_text("Next live session: Thu, Dec 10, 2026, 09:00–11:00 UTC time (10:00 Berlin)")
    undated = "Next live session: Thu, Dec 10, 2026, 10:00–12:00 Berlin time"  # as built: the organiser's zone
    undated_register = page.locator("tr[data-day='17'] a[data-register-for]").get_attribute("href")
    assert undated_register.startswith("https://events.keystone.example/")  # the next session's, linked
    personalise(page, "Acme", "2027-01-04")
    # Days 17-44 of a 2027-01-04 kickoff: 2027-01-21 .. 2027-02-17. The Sydney bootcamp on
    # 2027-02-03 comes first but is at night in UTC (23:00), so the London one is offered.
    register = page.locator("tr[data-day='17'] a[data-register-for]")
    london = "https://events.keystone.example/academy/search-bootcamp/2027-02-10-london"
    expect(note).to_have_text("Next live session in this phase: Wed, Feb 10, 2027, 14:00–16:00 UTC time (14:00 London)")
    expect(register).to_have_attribute("href", london)  # a link, not a URL in the text
    expect(register).to_be_visible()
    # It reads "Register" beside the session line; a screen reader hears which course it is for.
    hidden = register.locator(".syllabus-visually-hidden").bounding_box()
    assert hidden["width"] <= 1 and hidden["height"] <= 1
    expect(register).to_have_accessible_name("Register for Code search bootcamp (live)")
    # In Sydney the Sydney session is by day (10:00, said once); in Berlin the London one (15:00).
    personalise(page, "Acme", "2027-01-04", "Australia/Sydney")
    expect(note).to_have_text("Next live session in this phase: Wed, Feb 3, 2027, 10:00–12:00 Sydney time")
    expect(register).to_have_attribute("href", london.replace("2027-02-10-london", "2027-02-03-sydney"))
    personalise(page, "Acme", "2027-01-04", "Europe/Berlin")
    expect(note).to_have_text("Next live session in this phase: Wed, Feb 10, 2027, 15:00–17:00 Berlin time "
                              "(14:00 London)")
    expect(register).to_have_attribute("href", london)
    on_demand = page.locator("tr[data-day='17'] a[data-on-demand-for]")
    expect(on_demand).to_be_hidden()
    personalise(page, "Acme", "2030-01-07")  # no session then: the on-demand alternative, linked
    expect(note).to_have_text("On demand instead: Keystone 101: Search and navigate your code")
    expect(register).to_be_hidden()  # no session to register for
    expect(on_demand).to_be_visible()
    expect(on_demand).to_have_text("Start now with the on-demand course")
    expect(on_demand).to_have_attribute("href", re.compile(r"/courses/keystone-101/$"))
    page.fill("#plan-start", "")  # and no zone in the form (personalise emptied it): as built
    expect(note).to_have_text(undated)
    expect(register).to_have_attribute("href", undated_register)
    expect(on_demand).to_be_hidden()
    expect(page.locator("tr[data-day='85'] .syllabus-date")).to_have_text("")


def test_before_personalising_the_page_names_the_first_session_not_ended_when_read(browser: Any,
                                                                                   example_site: str) -> None:
    """The site may be days old: the line said a session that had ended (the course page had
    it as ended), with its registration link. It names the next one, or says none is left."""
    with open_page(browser, timezone_id="Europe/Berlin") as page:
        page.clock.set_fixed_time("2026-12-10T12:00:00Z")  # the Berlin bootcamp of Dec 10 has just ended
        page.goto(example_site + f"plans/{PLAN}/")
        note = page.locator("tr[data-day='17'] [data-choice]")
        expect(note).not_to_contain_text("Dec 10, 2026")
        expect(note).to_contain_text("Next live session:")
        register = page.locator("tr[data-day='17'] a[data-register-for]")
        expect(register).to_be_visible()
        assert "2026-12-10" not in (register.get_attribute("href") or "")
    with open_page(browser, timezone_id="Europe/Berlin") as page:
        page.clock.set_fixed_time("2031-01-01T00:00:00Z")  # every session is over
        page.goto(example_site + f"plans/{PLAN}/")
        expect(page.locator("tr[data-day='17'] [data-choice]")).to_have_text(
            "On demand instead: Keystone 101: Search and navigate your code")
        expect(page.locator("tr[data-day='17'] a[data-register-for]")).to_be_hidden()
        expect(page.locator("tr[data-day='17'] a[data-on-demand-for]")).to_be_visible()


def test_a_session_crossing_midnight_names_its_end_date_on_the_page_and_in_downloads(
        plan_page: Any, run_cli: Callable[..., CliResult]) -> None:
    """Days 17-44 of a 2027-01-18 kickoff hold only the London bootcamp, 14:00-16:00 UTC on
    10 February: 23:00 to 01:00 the next day in Tokyo."""
    page = plan_page
    personalise(page, "Acme", "2027-01-18", "Asia/Tokyo")
    expect(page.locator("tr[data-day='17'] [data-choice]")).to_contain_text(
        "Next live session in this phase: Wed, Feb 10, 2027, 23:00–Thu, Feb 11, 2027, 01:00 Tokyo time (14:00 London)")
    args = ("--customer", "Acme", "--start", "2027-01-18", "--timezone", "Asia/Tokyo")
    for fmt in FORMATS:
        assert download(page, fmt)[1] == cli_plan(run_cli, fmt, *args), f"{fmt} differs from `syllabus plan`"


def test_an_old_link_with_entries_in_its_query_moves_them_to_the_fragment(browser: Any, example_site: str) -> None:
    """Links shared before the entries moved to the fragment still open personalised, and the
    address then keeps the name out of the query (and so out of the next reload's request);
    a heading's anchor is left alone until something is typed."""
    with open_page(browser, timezone_id="Europe/Berlin") as page:
        page.goto(example_site + f"plans/{PLAN}/?customer=Acme%20Corp&start=2027-01-04")
        expect(page.locator("[data-syllabus-plan]")).to_have_attribute("data-personalised", "true")
        address = urlsplit(page.url)
        # The zone the page filled in (the reader's own) is written beside them: the plan they see.
        assert (address.query, parse_qs(address.fragment)) == (
            "", {"customer": ["Acme Corp"], "start": ["2027-01-04"], "timezone": ["Europe/Berlin"]})
        # Instant navigation had made the page's links to itself absolute, with the old query:
        # a click on the table of contents sent the name to the server.
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        assert page.locator("a[href*='customer=']").count() == 0
        page.evaluate("document.querySelector('.md-nav--secondary a.md-nav__link').click()")
        page.wait_for_timeout(500)
        assert not any("Acme" in url for url in requested)
        # Back to the address with the entries (the anchor replaced them): the form shows them.
        page.go_back()
        expect(page.locator("#plan-customer")).to_have_value("Acme Corp")
        # Entries in both the query and the fragment: the query's are taken out of the links too.
        page.goto(example_site + f"plans/{PLAN}/?customer=SecretQ&start=2027-01-04#customer=Frag&start=2027-01-04")
        expect(page.locator("#plan-customer")).to_have_value("Frag")
        assert page.locator("a[href*='customer=']").count() == 0 and "SecretQ" not in page.url
        # Instant navigation loads the page again for a heading's anchor after a full load: the
        # page script starts again at an address with no entries, and keeps those typed before.
        page.evaluate("""async () => {
            history.replaceState(null, "", "#timeline");
            const fresh = new DOMParser().parseFromString(await (await fetch(location.pathname)).text(), "text/html");
            const root = document.querySelector("[data-syllabus-plan]");
            root.replaceWith(document.adoptNode(fresh.querySelector("[data-syllabus-plan]")));
            window.syllabusPlan(document);
        }""")
        expect(page.locator("#plan-customer")).to_have_value("Frag")
        assert urlsplit(page.url).fragment == "timeline"
        page.goto("about:blank")
        page.goto(example_site + f"plans/{PLAN}/#timeline")
        expect(page.locator("#plan-customer")).to_have_value("")
        assert urlsplit(page.url).fragment == "timeline"
        page.fill("#plan-customer", "Acme")
        expect(page).to_have_url(re.compile(r"#customer=Acme&timezone=Europe%2FBerlin$"))


def test_a_shared_link_opens_the_plan_its_sender_saw(browser: Any, example_site: str) -> None:
    """A link lost the days, weekend and holidays (selects, which have no maxLength, were
    read as too long) and the zone where the sender kept their own: in New York a Tokyo
    plan had New York's times and other dates (a Japanese holiday as a working day)."""
    with open_page(browser, timezone_id="Asia/Tokyo") as page:
        page.goto(example_site + f"plans/{PLAN}/")
        expect(page.locator("#plan-timezone")).to_have_value("Asia/Tokyo")  # filled in: the sender's own
        assert "timezone" not in page.url  # alone, it is no entry
        page.fill("#plan-customer", "Acme Co., Ltd.")
        page.fill("#plan-start", "2027-01-04")
        page.select_option("#plan-weekend", "fri-sat")
        page.select_option("#plan-holidays", "JP")
        expect(page.locator("[data-syllabus-plan]")).to_have_attribute("data-personalised", "true")
        # A name ending in a full stop is quoted: the sentence's own stop was a second one.
        expect(page.locator("[data-plan-status]")).to_have_text(
            "Downloads and copy are personalised for “Acme Co., Ltd.”.")
        link, sent = page.url, page.locator("[data-syllabus-plan]").inner_text()
    assert "timezone=Asia%2FTokyo" in link
    with open_page(browser, timezone_id="America/New_York") as page:
        page.goto(link)
        for field, value in {"customer": "Acme Co., Ltd.", "start": "2027-01-04", "timezone": "Asia/Tokyo",
                             "weekend": "fri-sat", "holidays": "JP"}.items():
            expect(page.locator(f"#plan-{field}")).to_have_value(value)
        expect(page.locator("[data-syllabus-plan]")).to_have_attribute("data-personalised", "true")
        assert page.locator("[data-syllabus-plan]").inner_text() == sent
        page.reload()
        expect(page.locator("#plan-holidays")).to_have_value("JP")
        page.goto(link.replace("weekend=fri-sat", "days=calendar"))
        expect(page.locator("#plan-days")).to_have_value("calendar")
        expect(page.locator("#plan-weekend")).to_have_value("")


def test_calendar_days_ask_no_weekend_or_holidays(plan_page: Any, example_site: str,
                                                  run_cli: Callable[..., CliResult]) -> None:
    """A link with calendar days and holidays was taken, the holidays silently ignored, where
    the command line refuses the pair: the page now asks neither while calendar days are
    chosen, and keeps them (in the address too) for working days."""
    page = plan_page
    page.goto(example_site + f"plans/{PLAN}/#customer=Acme&start=2027-01-04&timezone=UTC&days=calendar&holidays=DE")
    expect(page.locator("[data-syllabus-plan]")).to_have_attribute("data-personalised", "true")
    expect(page.locator("#plan-holidays")).to_be_disabled()
    expect(page.locator("#plan-weekend")).to_be_disabled()
    args = ("--customer", "Acme", "--start", "2027-01-04", "--calendar-days")
    assert download(page, "csv")[1] == cli_plan(run_cli, "csv", *args)
    page.select_option("#plan-days", "")
    expect(page.locator("#plan-holidays")).to_be_enabled()
    expect(page.locator("#plan-holidays")).to_have_value("DE")
    expect(page).to_have_url(re.compile(r"holidays=DE"))


def test_a_time_zone_typed_in_any_letter_case_is_found(plan_page: Any, run_cli: Callable[..., CliResult]) -> None:
    page = plan_page
    personalise(page, "Acme", "2027-01-04", "europe/BERLIN")
    args = ("--customer", "Acme", "--start", "2027-01-04", "--timezone", "Europe/Berlin")
    assert download(page, "md")[1] == cli_plan(run_cli, "md", *args)


def test_a_zone_the_browser_lacks_is_refused_and_asked_of_only_when_used(browser: Any, example_site: str) -> None:
    """The page asked Intl about each of its ~600 zones as it loaded: its longest task, 0.5-0.9 s
    on a phone-speed CPU (Lighthouse). It asks of a zone as the form uses it; one the browser
    lacks (here Asia/Kathmandu, made unknown) is still refused, as an unknown name is."""
    with open_page(browser, timezone_id="Europe/Berlin") as page:
        page.add_init_script("""(() => {
          const Native = Intl.DateTimeFormat;
          window.zonesAsked = [];
          Intl.DateTimeFormat = function (locales, options) {
            if (options && options.timeZone) {
              window.zonesAsked.push(options.timeZone);
              if (options.timeZone === "Asia/Kathmandu") throw new RangeError("Invalid time zone");
            }
            return new Native(locales, options);
          };
          Intl.DateTimeFormat.prototype = Native.prototype;
          Intl.DateTimeFormat.supportedLocalesOf = Native.supportedLocalesOf;
        })();""")
        page.goto(example_site + f"plans/{PLAN}/")
        expect(page.locator("#plan-timezone")).to_have_value("Europe/Berlin")
        assert page.locator("#plan-timezones option").count() > 400  # the list offers them all
        assert len(set(page.evaluate("window.zonesAsked"))) < 20  # the visitor's, the sessions'
        personalise(page, "Acme", "2027-01-04", "Europe/Paris")
        page.fill("#plan-timezone", "Asia/Kathmandu")
        expect(page.locator("[data-plan-status]")).to_have_text(UNKNOWN_ZONE)
        page.fill("#plan-timezone", "Kathmandu")  # its place names it: refused alike
        expect(page.locator("[data-plan-status]")).to_have_text(UNKNOWN_ZONE)
        page.fill("#plan-timezone", "Asia/Kolkata")
        expect(page.locator("[data-plan-status]")).not_to_have_text(UNKNOWN_ZONE)


def test_the_zone_starts_as_the_visitors_and_may_be_typed_as_its_place(
        browser: Any, example_site: str, run_cli: Callable[..., CliResult]) -> None:
    """The field was empty (UTC) whatever the browser said, and refused "Tokyo"."""
    with open_page(browser, timezone_id="Asia/Tokyo") as page:
        page.goto(example_site + f"plans/{PLAN}/")
        expect(page.locator("#plan-timezone")).to_have_value("Asia/Tokyo")
        # The next sessions, before anything is typed: at the visitor's time (they were at Berlin's only).
        expect(page.locator("tr[data-day='17'] [data-choice]")).to_have_text(
            "Next live session: Thu, Dec 10, 2026, 18:00–20:00 Tokyo time (10:00 Berlin)")
        page.fill("#plan-customer", "Acme")
        page.fill("#plan-start", "2027-01-04")
        expect(page.locator("[data-syllabus-plan]")).to_have_attribute("data-personalised", "true")
        assert "timezone=Asia%2FTokyo" in page.url  # with other entries: a link shows the plan its sender saw
        page.fill("#plan-timezone", "new york")
        expect(page.locator("[data-plan-value='timezone']")).to_have_text("America/New_York")
        args = ("--customer", "Acme", "--start", "2027-01-04", "--timezone", "New York")  # the CLI reads it alike
        assert download(page, "md")[1] == cli_plan(run_cli, "md", *args)
        page.fill("#plan-timezone", "PST")
        expect(page.locator("#plan-timezone")).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#plan-timezone")).to_have_attribute("aria-describedby", "plan-status")
        page.fill("#plan-timezone", "Tokyo")
        expect(page.locator("[data-plan-value='timezone']")).to_have_text("Asia/Tokyo")
        page.fill("#plan-timezone", "istanbul")  # Asia/Istanbul is another name of Europe/Istanbul
        expect(page.locator("[data-plan-value='timezone']")).to_have_text("Europe/Istanbul")
        args = ("--customer", "Acme", "--start", "2027-01-04", "--timezone", "Istanbul")
        assert download(page, "md")[1] == cli_plan(run_cli, "md", *args)
        expect(page.locator("#plan-timezone")).not_to_have_attribute("aria-invalid", "true")
        for typed in ("São Paulo", "SAO PAULO", "ｓａｏ ｐａｕｌｏ"):  # accents and full-width forms, as typed
            page.fill("#plan-timezone", "Tokyo")
            page.fill("#plan-timezone", typed)
            expect(page.locator("[data-plan-value='timezone']")).to_have_text("America/Sao_Paulo")
        args = ("--customer", "Acme", "--start", "2027-01-04", "--timezone", "São Paulo")
        assert download(page, "md")[1] == cli_plan(run_cli, "md", *args)


def test_a_session_in_a_room_or_another_language_says_so_on_the_page_and_in_downloads(
        plan_page: Any, run_cli: Callable[..., CliResult]) -> None:
    """The New York briefing was shown to a Tokyo customer at 23:00 Tokyo time, "at night",
    with no address; a session in Japanese was offered in an English plan as any other."""
    page = plan_page
    personalise(page, "Acme", "2026-12-07", "Asia/Tokyo")
    expect(page.locator("tr[data-day='1'] [data-choice]")).to_have_text(
        "Next live session in this phase: Wed, Dec 9, 2026, 09:00–12:30 New York time "
        "(at Keystone New York office, 250 Hudson Street, New York)")
    args = ("--customer", "Acme", "--start", "2026-12-07", "--timezone", "Asia/Tokyo")
    for fmt in FORMATS:
        assert download(page, fmt)[1] == cli_plan(run_cli, fmt, *args)
    assert "LOCATION:Keystone New York office\\, 250 Hudson Street\\, New York" in cli_plan(run_cli, "ics", *args)
    # Office hours' only session in its phase is taught in Japanese: the English plan says so.
    personalise(page, "Acme", "2026-12-07", "Europe/Copenhagen")
    expect(page.locator("tr[data-day='21'] [data-choice]")).to_contain_text("(15:00 Tokyo) (in Japanese)")
    args = ("--customer", "Acme", "--start", "2026-12-07", "--timezone", "Europe/Copenhagen")
    assert download(page, "md")[1] == cli_plan(run_cli, "md", *args)


def test_a_wrong_field_is_marked_and_no_weekend_is_offered_twice(plan_page: Any) -> None:
    """An unknown zone was said only in the status line, three fields below it on a phone;
    "Saturday and Sunday" was offered as the plan's default and again on its own."""
    page = plan_page
    weekends = page.locator("#plan-weekend option").all_inner_texts()
    assert len(weekends) == len(set(weekends)) and sum("Saturday and Sunday" in text for text in weekends) == 1
    personalise(page, "Acme", "2027-01-04", "Europe/Berlin")
    page.fill("#plan-timezone", "Atlantis")
    expect(page.locator("#plan-timezone")).to_have_attribute("aria-invalid", "true")
    error = "rgb(179, 38, 30)"
    assert page.eval_on_selector("#plan-timezone", "e => getComputedStyle(e).borderTopColor") == error
    assert page.eval_on_selector("[data-plan-status]", "e => getComputedStyle(e).color") == error
    page.fill("#plan-timezone", "Tokyo")
    expect(page.locator("#plan-timezone")).not_to_have_attribute("aria-invalid", "true")
    assert page.eval_on_selector("[data-plan-status]", "e => getComputedStyle(e).color") != error
    page.fill("#plan-start", "3000-01-06")  # a date, but past the kickoffs a plan takes
    expect(page.locator("#plan-start")).to_have_attribute("aria-invalid", "true")
    page.fill("#plan-start", "2027-01-04")
    expect(page.locator("#plan-start")).not_to_have_attribute("aria-invalid", "true")


def test_the_visitors_zone_is_named_as_the_database_names_it(browser: Any, example_site: str) -> None:
    """Chromium gives India's zone by its old name; the form, the address and the downloads
    say Asia/Kolkata."""
    with open_page(browser, timezone_id="Asia/Calcutta") as page:
        page.goto(example_site + f"plans/{PLAN}/")
        expect(page.locator("#plan-timezone")).to_have_value("Asia/Kolkata")


@pytest.fixture(scope="module")
def uneven_plans_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A 90-day plan whose review phase is day 90 alone, and a year in four quarters."""
    root = tmp_path_factory.mktemp("uneven-plans")
    catalog = CatalogDir.new(root / "catalog")
    catalog.course("intro", course_data("intro"))
    spans = {"review-day": (90, [(0, 30), (31, 89), (90, 90)]),
             "fortnights": (90, [(0, 14), (15, 29), (30, 44), (45, 59), (60, 89), (90, 90)]),
             "quarters": (365, [(0, 91), (92, 183), (184, 275), (276, 365)])}
    for plan_id, (length, phases) in spans.items():
        catalog.plan(plan_id, plan_data(plan_id, length_days=length, phases=[
            {"title": f"Phase {index}", "start_day": start, "end_day": end,
             "items": [{"day": start, "type": "meeting", "title": "Check-in"}]}
            for index, (start, end) in enumerate(phases, 1)]))
    build_site(catalog.config, root / "site")
    with serve(root / "site") as url:
        yield url


@pytest.mark.parametrize("width", [390, 1366])
def test_every_phase_of_the_timeline_shows_its_title_and_days_whole(browser: Any, uneven_plans_site: str,
                                                                     width: int) -> None:
    """A one-day phase was a sliver with its title one letter a line and its days cut off,
    and four quarters pushed a phone's page sideways."""
    for plan_id in ("review-day", "fortnights", "quarters"):
        with open_page(browser, viewport={"width": width, "height": 844}) as page:
            page.goto(uneven_plans_site + f"plans/{plan_id}/")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, plan_id
            phases = page.locator(".syllabus-timeline-bar li")
            for index in range(phases.count()):
                phase = phases.nth(index)
                box = phase.bounding_box()
                for part in phase.locator("span").all():  # the title, then its days, each on one line at most twice
                    inner = part.bounding_box()
                    assert box["x"] <= inner["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"] + 0.5
                    assert inner["height"] < 2.5 * float(part.evaluate("e => getComputedStyle(e).lineHeight")[:-2])
            expect(phases.last.locator(".syllabus-muted")).to_have_text("days 276–365" if plan_id == "quarters"
                                                                        else "day 90")
            # None wider than its share of the days (or the floor its words need): a one-day
            # phase wrapped alone onto a second line filled it, wider than a fortnight's.
            too_wide = page.evaluate("""() => [...document.querySelectorAll(".syllabus-timeline-bar li")].filter(li => {
                const style = getComputedStyle(li), bar = li.parentElement.clientWidth;
                const share = (+style.getPropertyValue("--end") - +style.getPropertyValue("--start") + 1)
                    / (+style.getPropertyValue("--length") + 1);
                return li.offsetWidth > Math.max(7.5 * parseFloat(style.fontSize), share * bar) + 1;
            }).map(li => li.textContent)""")
            assert too_wide == [], plan_id


def test_a_name_the_command_line_takes_is_taken_whole_and_a_longer_one_refused(
        plan_page: Any, run_cli: Callable[..., CliResult]) -> None:
    """The form's maxlength counted UTF-16 units where the rule counts characters: a
    120-character name with an emoji was cut, a family emoji split in two into the downloads,
    and a longer name was cut silently where the command line refuses it."""
    page = plan_page
    family = "\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 7 characters, 11 UTF-16 units
    name = "a" * 113 + family
    personalise(page, name, "2027-01-04", "Europe/Berlin")
    expect(page.locator("[data-plan-for] [data-plan-value='customer']")).to_have_text(name)
    args = ("--customer", name, "--start", "2027-01-04", "--timezone", "Europe/Berlin")
    assert download(page, "csv")[1] == cli_plan(run_cli, "csv", *args)
    page.fill("#plan-customer", name + "b")
    page.locator("#plan-customer").press("Enter")
    expect(page.locator("[data-plan-status]")).to_have_text("The customer name is longer than 120 characters.")
    expect(page.locator("#plan-customer")).to_have_attribute("aria-invalid", "true")  # said at the field too
    assert run_cli("plan", "-f", REPO / "mkdocs.yml", PLAN, "--customer", name + "b", "--start", "2027-01-04").code == 2


def test_the_form_refuses_the_characters_the_command_line_refuses(plan_page: Any, run_cli: Callable[..., CliResult]
                                                                 ) -> None:
    """plan.js kept its own copy of the forbidden characters, without the private-use ones
    that mark placeholders: a name holding one was taken by the page and refused by the
    command line. The page now compiles the command line's pattern."""
    page = plan_page
    for character in ("\u202e", "\ue003", "\x1c"):
        page.fill("#plan-customer", f"Acme{character}")
        page.fill("#plan-start", "2027-01-04")
        page.locator("#plan-customer").press("Enter")
        expect(page.locator("[data-plan-status]")).to_have_text(
            "The customer name contains control, bidirectional or private-use characters.")
        typed = ("--customer", f"Acme{character}", "--start", "2027-01-04")
        assert run_cli("plan", "-f", REPO / "mkdocs.yml", PLAN, *typed).code == 2, character


def test_invalid_input_keeps_the_undated_template(plan_page: Any) -> None:
    page = plan_page
    page.fill("#plan-customer", "Acme")
    page.fill("#plan-start", "2027-01-04")
    page.fill("#plan-timezone", "Mars/Olympus")
    expect(page.locator("[data-plan-status]")).to_have_text(UNKNOWN_ZONE)
    expect(page.locator("[data-plan-copy='md']")).to_be_disabled()
    expect(page.locator("a[data-download='md']")).to_have_attribute("href", re.compile(rf"/plans/{PLAN}/plan\.md$"))
    expect(page.locator("tr[data-day='85'] .syllabus-date")).to_have_text("Tue, Mar 30, 2027")


def test_a_link_puts_no_text_of_its_own_in_the_status_or_an_overlong_one_in_a_field(
        browser: Any, example_site: str) -> None:
    """The status said "Unknown time zone: <the link's text>" in the alert's red, any length: a
    link could write "Sign in again at https://..." on the site's own page."""
    notice = "Europe/Berlin. SECURITY NOTICE: this plan link has expired; sign in again at https://evil.test/renew"
    with open_page(browser, timezone_id="Asia/Tokyo") as page:
        page.goto(example_site + f"plans/{PLAN}/#" + urlencode({"customer": "Acme", "start": "2027-03-01",
                                                                 "timezone": "Mars/Olympus. Sign in at evil.test"}))
        expect(page.locator("[data-plan-status]")).to_have_text(UNKNOWN_ZONE)
        page.goto("about:blank")
        page.goto(example_site + f"plans/{PLAN}/#" + urlencode({"customer": "Acme", "start": "2027-03-01",
                                                                 "timezone": notice}))
        expect(page.locator("#plan-customer")).to_have_value("Acme")
        # Longer than the field takes: as if the link named no zone, the visitor's own (not UTC).
        expect(page.locator("#plan-timezone")).to_have_value("Asia/Tokyo")
        expect(page.locator("[data-syllabus-plan]")).to_have_attribute("data-personalised", "true")
        assert "evil.test" not in page.locator("[data-syllabus-plan]").inner_text()
        page.evaluate("notice => { location.hash = notice; }", "customer=Acme&start=2027-03-01&timezone=" + "A" * 65)
        expect(page.locator("#plan-timezone")).to_have_value("Asia/Tokyo")


def test_print_shows_the_personalised_plan_without_the_form(plan_page: Any) -> None:
    page = plan_page
    personalise(page, "Acme Corp", "2027-01-04")
    page.emulate_media(media="print")
    expect(page.locator(".syllabus-personalise")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator("[data-plan-for]")).to_be_visible()
    expect(page.locator("tr[data-day='85'] .syllabus-date")).to_be_visible()
    assert page.locator("tr[data-day='85']").evaluate("row => getComputedStyle(row).breakInside") == "avoid"
    # On A4 (681 px between 15 mm margins) it printed a phone's cards under a header row of its own.
    page.set_viewport_size({"width": 681, "height": 963})
    table = page.locator(".syllabus-plan-items").first
    assert table.evaluate("table => getComputedStyle(table).display") == "table"
    starts = "cells => cells.map(c => Math.round(c.getBoundingClientRect().left))"
    heads = table.locator("thead th").evaluate_all(starts)
    assert heads == table.locator("tbody tr").first.locator("td").evaluate_all(starts) and len(heads) == 3



@pytest.mark.parametrize("choice", [
    {"args": (), "form": {}},
    {"args": ("--calendar-days",), "form": {"days": "calendar"}},
    {"args": ("--weekend", "fri-sat"), "form": {"weekend": "fri-sat"}},
    {"args": ("--holidays", "DE"), "form": {"holidays": "DE"}},
    {"args": ("--holidays", "DE"), "form": {"holidays": "DE"}, "kickoff": "2027-01-01"},
], ids=["working-days", "calendar-days", "fri-sat", "holidays-de", "kickoff-on-a-holiday"])
def test_working_days_weekends_and_holidays_match_the_command_line(
        plan_page: Any, run_cli: Callable[..., CliResult], choice: dict[str, Any]) -> None:
    """Kickoff Monday 2027-01-11 in Berlin (or New Year's Day, held on the 4th): the page and
    `syllabus plan` agree on every date, session and file for each choice of days."""
    page = plan_page
    kickoff = choice.get("kickoff", "2027-01-11")
    personalise(page, "Acme", kickoff, "Europe/Berlin", **choice["form"])
    args = ("--customer", "Acme", "--start", kickoff, "--timezone", "Europe/Berlin", *choice["args"])
    for fmt in FORMATS:
        assert download(page, fmt)[1] == cli_plan(run_cli, fmt, *args), fmt
    page.click("[data-plan-copy='checklist']")
    expect(page.locator("[data-plan-status]")).to_have_text("Copied the plan as checklist.")
    assert page.evaluate("navigator.clipboard.readText()") == cli_plan(run_cli, "checklist", *args)
    # The page's dates are the files' dates.
    csv_dates = [line.split('","')[0].strip('"') for line in cli_plan(run_cli, "csv", *args).splitlines()[1:]]
    shown = page.locator("tr[data-day] .syllabus-date").all_text_contents()
    assert len(shown) == len(csv_dates)
    assert [_iso(text) for text in shown] == csv_dates


def _iso(label: str) -> str:
    import datetime as dt

    return dt.datetime.strptime(label, "%a, %b %d, %Y").date().isoformat()


# The example catalog with theme.language: ja -------------------------------------------

def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield " ".join(data.split())
    elif isinstance(data, dict | list):
        for value in data.values() if isinstance(data, dict) else data:
            yield from _strings(value)


# Every text of the example catalog's YAML, longest first
CONTENT = sorted({text for path in (REPO / "mkdocs.yml", *REPO.glob("courses/*/course.yml"), *REPO.glob("tracks/*.yml"),
                                    *REPO.glob("plans/*.yml"))
                  for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8").replace("!!python", "")))
                  if len(text) > 2}, key=len, reverse=True)
JAPANESE_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日\([月火水木金土日]\)")


@pytest.fixture(scope="module")
def japanese_example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The example catalog built with ``theme.language: ja``: its mkdocs.yml and base URL."""
    root = tmp_path_factory.mktemp("example-ja")
    config = example_catalog(root / "catalog", "ja")
    build_site(config, root / "site")
    with serve(root / "site") as url:
        yield config, url


def english_leftovers(pieces: Iterable[str], prefixes: tuple[str, ...]) -> list[str]:
    """The English texts of the catalog's keys under ``prefixes`` (those Japanese words
    differently) that the pieces of a page (text nodes) or file (lines) still hold. A text
    with a placeholder or several words is looked for anywhere (its words around any
    values); a single word only as a whole piece or a row's label ("Course: ..."), so that
    content such as "Kickoff call" is not taken for the label "Kickoff"."""
    english, japanese = load_messages("en")[0].texts, load_messages("ja")[0].texts
    pieces = [" ".join(piece.split()) for piece in pieces]
    for text in CONTENT:  # the example's own words are English: "Enterprise onboarding (90 days)"
        pieces = [piece.replace(text, "") for piece in pieces]
    found = []
    for key, message in english.items():
        if not key.startswith(prefixes) or message == japanese[key]:
            continue
        forms: Iterable[str] = message.values() if isinstance(message, Mapping) else (message,)
        for form in forms:
            parts = re.split(r"\{[a-z_]+\}", form)
            if sum(char.isalpha() for char in "".join(parts)) < 3:
                continue  # "{hours} {minutes}": no words of its own
            words = [re.escape(re.sub(r"\s+", " ", part)) for part in parts]
            if "{" in form or " " in form.strip():
                values = iter(r"\d+" if name == "count" else ".+?" for name in re.findall(r"\{([a-z_]+)\}", form))
                pattern = re.compile(r"\b" * form[0].isalpha() + "".join(word + next(values, "") for word in words)
                                     + r"\b" * form[-1].isalpha())
            else:  # one word
                pattern = re.compile(rf"^\W*{words[0]}\W*$|(^|[-*·] ){words[0]}: ")
            found += [f"{key}: {piece!r}" for piece in pieces if pattern.search(piece)]
    return found


def test_the_japanese_plan_page_and_its_downloads_match_the_command_line(
        browser: Any, japanese_example: tuple[Path, str], run_cli: Callable[..., CliResult]) -> None:
    config, url = japanese_example
    with open_page(browser, permissions=["clipboard-read", "clipboard-write"], locale="en-US") as page:
        page.goto(url + f"plans/{PLAN}/")
        built = page.locator("[data-choice]").first.text_content()
        assert JAPANESE_DATE.search(built), built  # the next live session, dated by the build
        personalise(page, "Acme", "2027-01-04", "Europe/Berlin", holidays="DE")
        # Dates in Japanese whatever the browser's locale: day 85 of a 2027-01-04 kickoff is
        # Tuesday 30 March; day 5, Saturday 9 January, moves to Monday 11 January.
        expect(page.locator("tr[data-day='85'] .syllabus-date")).to_have_text("2027年3月30日(火)")
        expect(page.locator("tr[data-day='5'] .syllabus-date")).to_have_text("2027年1月11日(月)")
        expect(page.locator("tr[data-day='5'] .syllabus-moved")).to_have_text("（2027年1月9日(土)から移動）")
        # Cities in Japanese (CLDR's), the customer's filled in by the page, the organiser's by the build.
        live = page.locator("tr[data-day='17'] [data-choice]")
        expect(live).to_contain_text("（ベルリン時間）（主催者側 14:00 ロンドン）")
        ready = "ダウンロードとコピーは Acme 向けにカスタマイズされています。"
        expect(page.locator("[data-plan-status]")).to_have_text(ready)
        # Countries by name: the holiday choice and the plan's header.
        expect(page.locator("#plan-holidays option[value=DE]")).to_have_text("ドイツ")
        assert "ドイツ" in page.locator("[data-syllabus-plan]").inner_text()
        args = ("--customer", "Acme", "--start", "2027-01-04", "--timezone", "Europe/Berlin", "--holidays", "DE")
        expected = {fmt: run_cli("plan", "-f", config, PLAN, *args, "--format", fmt) for fmt in (*FORMATS, "checklist")}
        assert all(result.code == 0 for result in expected.values()), {f: r.err for f, r in expected.items()}
        for fmt in FORMATS:
            assert download(page, fmt)[1] == expected[fmt].out, f"{fmt} differs from `syllabus plan`"
        page.click("[data-plan-copy='checklist']")
        expect(page.locator("[data-plan-status]")).to_have_text("プランをチェックリストとしてコピーしました。")
        assert page.evaluate("navigator.clipboard.readText()") == expected["checklist"].out
        shown = page.locator("article.syllabus-plan").evaluate("""article => {
            const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT), texts = [];
            while (walker.nextNode()) texts.push(walker.currentNode.textContent);
            return texts.concat([...article.querySelectorAll("[aria-label]")].map((node) => node.ariaLabel));
        }""")
        page.fill("#plan-timezone", "Mars/Olympus")
        expect(page.locator("[data-plan-status]")).to_have_text(
            "不明なタイムゾーンです。都市名（例: 東京）またはタイムゾーン（例: Asia/Tokyo）を入力してください。")

    # No English text of the plan's keys on the personalised page or in the downloads, whose
    # dates are Japanese too.
    keys = ("plan.", "download.", "format.", "script.plan.")
    assert english_leftovers(shown, keys) == []
    for fmt, result in expected.items():
        text = result.out
        if fmt == "ics":  # unfolded and unescaped, as a calendar shows it
            text = re.sub(r"\\([,;\\])", r"\1", text.replace("\r\n ", "")).replace("\\n", "\n")
        assert english_leftovers(text.splitlines(), keys) == [], fmt
        assert JAPANESE_DATE.search(text), fmt
    assert expected["csv"].out.startswith('\ufeff"日付","日目","元の日付","フェーズ","種類","タイトル","担当",')


def test_the_verdict_is_said_when_typing_pauses_not_for_every_letter(plan_page: Any) -> None:
    """The status is a live region: typing "Europe/Berlin" read out "Unknown time zone: E.",
    "...: Eu." and ten more. While a field is typed into, the verdict (and aria-invalid)
    waits for a pause; leaving the field says it at once."""
    page = plan_page
    personalise(page, "Acme", "2027-03-01")
    page.evaluate("""() => { window.said = [];
        new MutationObserver(() => window.said.push(document.querySelector('#plan-status').textContent))
            .observe(document.querySelector('#plan-status'), { childList: true, characterData: true, subtree: true });
        const zone = document.querySelector('#plan-timezone');
        window.flagged = 0;
        new MutationObserver(() => { if (zone.getAttribute('aria-invalid')) window.flagged++; })
            .observe(zone, { attributes: true }); }""")
    box = page.locator("#plan-timezone")
    box.fill("")
    box.press_sequentially("Europe/Berlin", delay=40)
    expect(page.locator("#plan-status")).to_contain_text("Acme")
    assert page.evaluate("window.flagged") == 0
    said = page.evaluate("window.said")
    assert len(said) <= 2 and not any("Unknown" in text or "unknown" in text for text in said), said
    box.press_sequentially("xx", delay=40)
    box.press("Tab")  # left: said at once
    expect(box).to_have_attribute("aria-invalid", "true", timeout=300)
    box.fill("Europe/Berlin")
    box.press("Tab")
    expect(page.locator("#plan-status")).to_contain_text("Acme")
    kickoff = page.locator("#plan-start")
    kickoff.fill("")
    expect(page.locator("#plan-status")).to_have_text("Enter the kickoff date.")
    page.evaluate("window.said = []")
    kickoff.focus()
    kickoff.press_sequentially("12312026", delay=120)  # a date field fires change for each part typed
    expect(kickoff).to_have_value("2026-12-31")
    expect(page.locator("#plan-status")).to_contain_text("Acme")
    assert len(page.evaluate("window.said")) == 1, page.evaluate("window.said")  # not "not a valid date" x3
