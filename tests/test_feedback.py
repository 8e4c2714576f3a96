"""Feedback links on course, track and plan pages, read back from a real build.

Each link is parsed as a URL: a repository target opens the catalog's issue form whose
field ids (read from .github/ISSUE_TEMPLATE/) match the prefilled query parameters; an
email target is a mailto: with the same facts. No target, no links.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from .conftest import MKDOCS_TEMPLATE, REPO, CatalogDir, build_site, course_data, dump, plan_data, track_data
from .sitetools import page

REPOSITORY = "https://github.com/acme/academy"
HOSTILE_TITLE = 'Tips & "tricks" <b>#1</b> ?x=1'
FORMS = REPO / ".github" / "ISSUE_TEMPLATE"
PAGES = {  # site URL -> (id, title)
    "courses/intro/": ("intro", HOSTILE_TITLE),
    "tracks/admin/": ("admin", "Track admin"),
    "plans/onboarding/": ("onboarding", "Plan onboarding"),
}


def _catalog(catalog: CatalogDir, feedback: str | None) -> Path:
    config = MKDOCS_TEMPLATE.format(audience="public")
    if feedback is not None:
        config += f"      feedback: {feedback}\n"
    catalog.write("mkdocs.yml", config)
    catalog.course("intro", course_data("intro", title=HOSTILE_TITLE, owners=["@ana", "ana@example.com", "@org/team"]))
    catalog.track("admin", dump(track_data("admin", ["intro"], owners=["@bo"])))
    catalog.plan("onboarding", dump(plan_data("onboarding")))
    return catalog.config


def _links(site: Path, url: str) -> dict[str, str]:
    return {a.attrs["data-syllabus-feedback"]: a.attrs["href"]
            for a in page(site, url).find_all("a", data_syllabus_feedback=True)}


def _form_ids(name: str) -> set[str]:
    form = yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))
    return {field["id"] for field in form["body"] if "id" in field}


def test_repository_links_open_the_issue_forms_prefilled(catalog: CatalogDir, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(_catalog(catalog, REPOSITORY), site)
    for url, (item_id, title) in PAGES.items():
        links = _links(site, url)
        assert set(links) == {"report", "session"}, url
        for name, href in links.items():
            parts = urlsplit(href)
            assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/acme/academy/issues/new")
            query = parse_qs(parts.query, keep_blank_values=True)
            form = {"report": "report-a-problem.yml", "session": "request-a-session.yml"}[name]
            assert query.pop("template") == [form]
            assert query.pop("title")[0].startswith(f"[{item_id}]")
            # Every other parameter fills a field of that form, by its id.
            assert set(query) <= _form_ids(form), (url, name)
            assert query["item-id"] == [item_id]
            assert query["item-title"] == [title]
            assert query["page-url"] == [f"https://academy.test/{url}"]
        session = parse_qs(urlsplit(links["session"]).query, keep_blank_values=True)
        assert session["time-zone"] == [""]  # filled in by the page script
        assert links["session"].endswith("&time-zone=")
        assert "time-zone" not in parse_qs(urlsplit(links["report"]).query, keep_blank_values=True)
    # The public site names no authors, so its links prefill no owners; the internal one does.
    assert "owners" not in parse_qs(urlsplit(_links(site, "courses/intro/")["report"]).query, keep_blank_values=True)
    internal = tmp_path / "internal"
    build_site(catalog.config, internal, env={"SYLLABUS_AUDIENCE": "internal"})
    owners = parse_qs(urlsplit(_links(internal, "courses/intro/")["report"]).query)["owners"]
    assert owners == ["@ana @org/team"]  # handles only: an email owner is never published


def test_email_links_are_mailto_with_the_same_facts(catalog: CatalogDir, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(_catalog(catalog, "training@acme.example"), site)
    links = _links(site, "courses/intro/")
    for href in links.values():
        parts = urlsplit(href)
        assert (parts.scheme, parts.path) == ("mailto", "training@acme.example")
        body = parse_qs(parts.query)["body"][0]
        assert "Course: intro" in body and f"Title: {HOSTILE_TITLE}" in body
        assert "Page: https://academy.test/courses/intro/" in body
    assert parse_qs(urlsplit(links["session"]).query, keep_blank_values=True)["body"][0].endswith("Time zone: ")


def test_no_links_without_a_target(catalog: CatalogDir, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(_catalog(catalog, None), site)
    for url in PAGES:
        assert _links(site, url) == {}
        assert "issues/new" not in (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["javascript:alert(1)", "https://github.com/acme", "not an address", "[1, 2]"])
def test_a_bad_target_is_a_configuration_error(catalog: CatalogDir, run_cli, value: str) -> None:
    _catalog(catalog, value)
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 2
    assert "feedback" in result.err


def test_issue_forms_declare_the_prefilled_fields() -> None:
    for name in ("report-a-problem.yml", "request-a-session.yml"):
        assert {"item-id", "item-title", "page-url", "owners"} <= _form_ids(name)
    assert "time-zone" in _form_ids("request-a-session.yml")


@pytest.mark.parametrize("feedback", [REPOSITORY, None], ids=["with-feedback", "without"])
def test_a_live_course_without_a_session_offers_a_way_on(catalog: CatalogDir, tmp_path: Path,
                                                        feedback: str | None) -> None:
    """Its box said "No open session is scheduled right now" with nothing to click (a customer
    review): "Request a session" stood only at the page's foot. The box asks for a session,
    where the site takes requests, and offers the session calendars, which bring new dates."""
    _catalog(catalog, feedback)
    catalog.course("workshop", course_data("workshop", format="virtual-ilt"))
    site = tmp_path / "site"
    build_site(catalog.config, site)
    box = page(site, "courses/workshop/").find("div", cls="syllabus-cta")
    assert box.find("p").text == "No open session is scheduled right now."
    links = [(a.attrs.get("data-syllabus-feedback"), a.attrs["href"], a.text) for a in box.find_all("a")]
    calendars = (None, "../../catalog/#subscribe", "Get new dates in your calendar")
    if feedback:
        assert links == [("session", _links(site, "courses/workshop/")["session"], "Request a session"), calendars]
    else:
        assert links == [calendars]
    assert page(site, "catalog/").find("h2", id="subscribe").text == "Subscribe"


def test_a_live_courses_box_offers_its_on_demand_alternative(catalog: CatalogDir, tmp_path: Path) -> None:
    """The recording or the on-demand course was said only below the list of sessions, 1,100 px
    down a phone: the box beside the next session links it, as the catalog card does."""
    _catalog(catalog, None)
    session = {"start": "2027-01-12T10:00", "timezone": "Europe/Berlin", "registration_url": "https://events.test/1"}
    catalog.course("live", course_data("live", format="virtual-ilt", sessions=[session],
                                       on_demand={"url": "https://videos.test/live"}))
    catalog.course("live-too", course_data("live-too", format="virtual-ilt", sessions=[session],
                                           on_demand={"course": "intro"}))
    site = tmp_path / "site"
    build_site(catalog.config, site)
    for course_id, href in (("live", "https://videos.test/live"), ("live-too", "../intro/")):
        box = page(site, f"courses/{course_id}/").find("div", cls="syllabus-cta")
        also = box.find("a", cls="syllabus-also")
        assert (also.attrs["href"], also.text) == (href, "Or take it on demand")
        # The last, in the box's <template>, is what the page script shows once the session is over.
        assert [a.text for a in box.find_all("a", cls="md-button")] == [
            "Register for this session", "See the date", "Start now" if course_id == "live" else
            "Start now with the on-demand course"]
