"""The built site: the example catalog and small fixtures through a real ``mkdocs build --strict``.

Expectations about the example catalog are read from its YAML sources wherever possible, so
the tests check the site against the content rather than against a copy of the content.
"Today" is SOURCE_DATE_EPOCH of :func:`build_site`, 2026-11-18 (UTC).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import yaml
from syllabus.core.locale_format import ENGLISH_FORMAT
from syllabus.core.model import id_order

from .conftest import (
    EPOCH,
    MKDOCS_TEMPLATE,
    REPO,
    CatalogDir,
    build_site,
    course_data,
    example_catalog,
    plan_data,
    track_data,
)
from .sitetools import (
    Element,
    embedded_json,
    html_pages,
    id_problems,
    internal_references,
    nav_tree,
    page,
    pagefind_pages,
    parse_html,
    reproducible_files,
    schema_org_problems,
    site_files,
)

TODAY = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC).date()
REPO_EDIT = "https://github.com/keystone-example/academy/edit/main/"


# --- the example catalog -------------------------------------------------------------------------


def load_sources(root: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """Every course, track and plan of a catalog folder as plain data, keyed by id."""
    def read(path: Path) -> dict[str, Any]:
        return yaml.safe_load(path.read_text(encoding="utf-8"))

    return {
        "courses": {p.parent.name: read(p) for p in sorted((root / "courses").glob("*/course.yml"))},
        "tracks": {p.stem: read(p) for p in sorted((root / "tracks").glob("*.yml"))},
        "plans": {p.stem: read(p) for p in sorted((root / "plans").glob("*.yml"))},
    }


def is_public(item: dict[str, Any]) -> bool:
    return item["visibility"] == "public" and item.get("status", "active") != "draft"


def public(kind: str) -> dict[str, dict[str, Any]]:
    return {key: item for key, item in SOURCES[kind].items() if is_public(item)}


def track_items(track: dict[str, Any]) -> list[tuple[str, bool]]:
    """``(course id, required)`` in track order."""
    return [(i, True) if isinstance(i, str) else (i["course"], i.get("required", True))
            for section in track["sections"] for i in section["courses"]]


def plan_course_ids(plan: dict[str, Any]) -> set[str]:
    ids = set()
    for item in (i for phase in plan["phases"] for i in phase["items"]):
        if item["type"] == "course":
            ids.add(item["course"])
        elif item["type"] == "track":
            ids.update(c for c, _ in track_items(SOURCES["tracks"][item["track"]]))
    return ids


def upcoming(course: dict[str, Any]) -> list[dict[str, Any]]:
    """The sessions the site should list: from today on, earliest instant first."""
    def instant(session: dict[str, Any]) -> dt.datetime:
        return dt.datetime.fromisoformat(session["start"]).replace(tzinfo=ZoneInfo(session["timezone"]))

    return sorted((s for s in course.get("sessions") or () if s["start"][:10] >= TODAY.isoformat()), key=instant)


SOURCES = load_sources(REPO)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's example catalog, built once for every read-only test below."""
    target = tmp_path_factory.mktemp("example") / "site"
    build_site(REPO / "mkdocs.yml", target)
    return target


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example catalog built for the education team (SYLLABUS_AUDIENCE=internal)."""
    target = tmp_path_factory.mktemp("example-internal") / "site"
    build_site(REPO / "mkdocs.yml", target, env={"SYLLABUS_AUDIENCE": "internal"})
    return target


def article(site: Path, url: str) -> Element:
    """The innermost ``<article>``: the plugin's template inside Material's content area."""
    return page(site, url).find_all("article")[-1]


def links(element: Element) -> list[tuple[str, str]]:
    return [(a.attrs.get("href") or "", a.text) for a in element.find_all("a")]


def facts(element: Element) -> dict[str, str]:
    rows = element.find("dl", cls="syllabus-facts").children_named("div")
    return {div.find("dt").text: div.find("dd").text for div in rows}


def section_after(container: Element, heading: str) -> Element:
    """The element right after the ``<h2>`` whose text is ``heading``."""
    for parent in container.iter():
        children = [c for c in parent.children if isinstance(c, Element)]
        for index, child in enumerate(children[:-1]):
            if child.tag == "h2" and child.text == heading:
                return children[index + 1]
    raise AssertionError(f"no <h2>{heading}</h2> followed by an element")


def test_the_example_catalog_has_hidden_content_to_leave_out() -> None:
    hidden = set(SOURCES["courses"]) - set(public("courses"))
    assert {"ai-assist-preview", "partner-demo-environments"} <= hidden


def test_every_visible_course_track_and_plan_has_a_page_and_nothing_hidden_does(site: Path) -> None:
    for course_id, course in SOURCES["courses"].items():
        pages = [f"courses/{course_id}/index.html"]
        pages += [f"courses/{course_id}/{u['file'].removesuffix('.md')}/index.html" for u in course.get("units", ())]
        for path in pages:
            assert (site / path).is_file() == is_public(course), path
        assert (site / "courses" / course_id).exists() == is_public(course), course_id
    for kind in ("tracks", "plans"):
        for item_id, item in SOURCES[kind].items():
            assert (site / kind / item_id / "index.html").is_file() == is_public(item), item_id
    for plan_id in public("plans"):
        for ext in ("md", "csv", "ics"):
            assert (site / f"plans/{plan_id}/plan.{ext}").stat().st_size > 0


def test_site_level_outputs_exist(site: Path) -> None:
    for path in ("index.html", "catalog/index.html", "catalog.json", "pagefind/pagefind.js", "courses.xml",
                 "search/search_index.json",  # Material's search plugin, listed as the contract lists it
                 "sessions.ics", "sitemap.xml",
                 "sitemap.xml.gz", "404.html"):
        assert (site / path).is_file(), path


def test_catalog_cards_link_the_on_demand_alternative_of_a_live_course(site: Path) -> None:
    """"Or take it on demand" was text: the alternative is a link, to a course of the catalog
    or to the recording's address."""
    page = (site / "catalog/index.html").read_text(encoding="utf-8")
    card = page[page.index('data-id="search-bootcamp-live"'):]
    card = card[:card.index("</li>")]
    assert '<a class="syllabus-also" href="../courses/keystone-101/">Or take it on demand</a>' in card


def test_the_not_found_page_is_titled_as_such(site: Path) -> None:
    """A tab or a history entry of a broken link said only the site's name."""
    assert "<title>Page not found - Keystone Academy</title>" in (site / "404.html").read_text(encoding="utf-8")


def test_feed_categories_are_the_catalog_filtered_by_their_facet(site: Path) -> None:
    """RFC 4287 4.2.2.2: a category's scheme is an IRI; the scheme and term together open the
    catalog filtered by that value."""
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    categories = list(ET.fromstring((site / "courses.xml").read_bytes()).iter(f"{atom}category"))
    assert {c.attrib["scheme"] for c in categories} == {
        f"https://academy.keystone.example/catalog/?{facet}=" for facet in ("role", "level", "format")}
    admin = next(c for c in categories if c.attrib["term"] == "admin")
    assert admin.attrib["scheme"] + admin.attrib["term"] == "https://academy.keystone.example/catalog/?role=admin"


def test_pages_are_titled_once_with_the_site_name(site: Path) -> None:
    """The home page is the site's name alone; every other page is "<page> - <site>"."""
    assert page(site, "").find("title").text == "Keystone Academy"
    assert page(site, "catalog/").find("title").text == "Catalog - Keystone Academy"


def test_public_site_has_no_workshop_tooling_and_no_third_party_requests(site: Path) -> None:
    """Customers get neither the authoring pages, owners, edit pencils nor the repository
    link (whose GitHub API call, like Google Fonts, would leave the site)."""
    assert not (site / "contributing").exists() and not (site / "reference").exists()
    assert not (site / "assets" / "screenshots").exists()  # the README's pictures
    published = [path for path in site.rglob("*") if path.suffix in (".html", ".json", ".xml")]  # Material's
    # bundle holds the code for a repository link; the browser tests record that nothing calls it
    assert len(published) > 50
    for path in published:
        # The feedback links open the repository's issue forms: links a reader follows, not requests.
        text = re.sub(r'href="https://github\.com/keystone-example/academy/issues/new\?[^"]*"', "",
                      path.read_text(encoding="utf-8"))
        for needle in ("fonts.googleapis.com", "fonts.gstatic.com", "api.github.com", 'class="md-source"',
                       "github.com/keystone-example", 'rel="edit"', "Owners:", "@maria-chen", "Field reference"):
            assert needle not in text, (path.relative_to(site), needle)


def test_internal_site_keeps_the_workshop_tooling(internal_site: Path) -> None:
    for path in ("contributing/index.html", "reference/fields/index.html"):
        assert (internal_site / path).is_file(), path
    course = page(internal_site, "courses/search-bootcamp-live/")
    assert "Owners: @maria-chen" in course.find("footer", cls="syllabus-meta").text
    assert course.find("a", cls="md-source").attrs["href"] == "https://github.com/keystone-example/academy"


def test_each_tooling_option_turns_one_thing_on_in_a_public_build(catalog: CatalogDir, tmp_path: Path) -> None:
    (catalog.root / "docs").mkdir(exist_ok=True)
    (catalog.root / "docs" / "authors.md").write_text("---\nauthoring: true\n---\n# For authors\n", encoding="utf-8")
    config = catalog.root / "mkdocs.yml"
    base = config.read_text(encoding="utf-8").replace(
        "site_url: https://academy.test/\n",
        "site_url: https://academy.test/\nrepo_url: https://github.com/example/academy\nedit_uri: edit/main/docs/\n")
    base = base.replace("  name: material\n", "  name: material\n  features: [content.action.edit]\n")
    catalog.course("intro", owners=["@owner-handle"])
    seen = {}
    for option in (None, "authoring_pages", "owners", "edit_links", "repository_link"):
        config.write_text(base + (f"      {option}: true\n" if option else ""), encoding="utf-8")
        site = tmp_path / str(option)
        build_site(config, site)
        html = (site / "courses/intro/index.html").read_text(encoding="utf-8")
        seen[option] = {"authoring_pages": (site / "authors/index.html").is_file()
                        and (site / "reference/fields/index.html").is_file(),
                        "owners": "@owner-handle" in html, "edit_links": 'rel="edit"' in html,
                        "repository_link": "md-source" in html}
    assert seen[None] == dict.fromkeys(seen[None], False)
    for option in ("authoring_pages", "owners", "edit_links", "repository_link"):
        assert seen[option] == {key: key == option for key in seen[None]}, option


def test_only_materials_a_public_course_names_are_copied(site: Path) -> None:
    for course_id, course in public("courses").items():
        folder = site / "courses" / course_id
        published = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
                     and p.suffix != ".html" and p.parent.name != "sessions"}
        named = {m["file"] for m in course.get("materials", ()) if "file" in m}
        assert published == named, course_id
        for name in named:
            assert (folder / name).read_bytes() == (REPO / "courses" / course_id / name).read_bytes()


def test_course_page_holds_every_part_of_the_course(site: Path) -> None:
    course = SOURCES["courses"]["admin-essentials"]
    body = article(site, "courses/admin-essentials/")
    assert body.find("h1").text == course["title"]
    assert body.find("p", cls="syllabus-lead").text == " ".join(course["summary"].split())
    assert facts(body) == {"Level": "Beginner", "Format": "Self-paced", "Duration": ENGLISH_FORMAT.duration(150),
                           "For": "Administrator", "Products": "Self-hosted platform, Code search",
                           "Language": "English"}  # named in the site's language by the build
    assert body.find("dd").attrs == {}  # facts are plain text
    duration = next(div.find("dd") for div in body.find("dl", cls="syllabus-facts").children_named("div")
                    if div.find("dt").text == "Duration")
    assert duration.raw_text == "2\u00a0h\u00a030\u00a0min"  # one unbreakable value: never "2 h 30 / min"
    start = body.find("div", cls="syllabus-cta").find("a", cls="md-button--primary")
    assert (start.text, start.attrs["href"]) == ("Start now", f"{course['units'][0]['file'].removesuffix('.md')}/")
    assert links(body.find("ul", cls="syllabus-prerequisites")) == [
        ("../keystone-101/", SOURCES["courses"]["keystone-101"]["title"])]
    assert [li.text for li in section_after(body, "What you will be able to do").find_all("li")] == course["outcomes"]
    assert links(body.find("ol", cls="syllabus-units")) == [
        (f"{u['file'].removesuffix('.md')}/", u["title"]) for u in course["units"]]
    materials = body.find("ul", cls="syllabus-materials")
    assert links(materials) == [("first-week-checklist.txt", "Administrator first-week checklist"),
                                (course["materials"][1]["url"], "Slides: Admin essentials")]
    assert "download" in materials.find("a").attrs
    assert links(section_after(body, "Where next"))[:len(course["recommended_next"])] == [
        (f"../{c}/", SOURCES["courses"][c]["title"]) for c in course["recommended_next"]]
    footer = body.find("footer", cls="syllabus-meta")
    # No owners on the public site; the date as the site's language writes it.
    assert footer.text == f"Last reviewed {ENGLISH_FORMAT.date(dt.date.fromisoformat(course['last_reviewed']))}"
    # Every section the template adds has an anchor, listed in the table of contents in page order.
    toc = [a.attrs["href"] for a in page(site, "courses/admin-essentials/").find("nav", cls="md-nav--secondary")
           .find_all("a")]
    # The course's own Markdown has a "Before you start" too: it keeps its anchor, the template's is numbered.
    generated = ["#before-you-start_1", "#outcomes", "#units", "#about", "#materials", "#next-steps"]
    assert [anchor for anchor in toc if anchor in generated] == generated
    assert "#before-you-start" in toc[toc.index("#about"):]
    ids = [element.attrs["id"] for element in page(site, "courses/admin-essentials/").find_all(id=True)]
    assert len(toc) == len(set(toc)) and len(ids) == len(set(ids))
    assert not footer.find_all(cls="syllabus-stale")  # reviewed within the site's 365 days


def test_the_home_page_is_headed_by_its_own_heading_not_its_nav_label(catalog: CatalogDir, tmp_path: Path) -> None:
    catalog.write("docs/index.md", "# Globex Academy\n\nTraining for our customers.\n")
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8") + "nav:\n  - Home: index.md\n")
    build_site(catalog.config, tmp_path / "site")
    hero = page(tmp_path / "site", "").find("section", cls="syllabus-hero")
    assert hero.find("h1").text == "Globex Academy" and hero.find("h1").attrs["id"] == "globex-academy"


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_catalog_without_a_home_page_gets_the_front_door(catalog: CatalogDir, tmp_path: Path,
                                                            language: str) -> None:
    """No docs/index.md had no index.html (a folder listing, or GitHub Pages' 404, at the site's
    address); the front door is headed by the site's name, listed as "Home" in the site's language,
    and offers a way in for the roles some course or track is for, only."""
    (catalog.root / "docs" / "index.md").unlink()
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8").replace(
        "name: material", f"name: material\n  language: {language}"))
    catalog.course("intro", roles=["admin"])
    build_site(catalog.config, tmp_path / "site")
    home = page(tmp_path / "site", "")
    assert home.find("section", cls="syllabus-hero").find("h1").text == "Test Academy"
    assert nav_tree(home)[0] == ({"en": "Home", "ja": "ホーム"}[language], ".", [])
    assert [card.find("h3").text for card in home.find_all("li", cls="syllabus-role-card")] == [
        {"en": "Administrator", "ja": "Administratorの方"}[language]]


@pytest.mark.parametrize("name", ["README.md", "index.markdown", "README.markdown"])
def test_any_page_mkdocs_publishes_as_the_home_page_is_the_home_page(catalog: CatalogDir, tmp_path: Path,
                                                                     name: str) -> None:
    """index.markdown was taken for no home page, and the one added in its place clashed with it."""
    (catalog.root / "docs" / "index.md").rename(catalog.root / "docs" / name)
    build_site(catalog.config, tmp_path / "site")
    home = page(tmp_path / "site", "")
    assert home.find("section", cls="syllabus-hero").find("h1").text == "Welcome"
    assert nav_tree(home)[0] == ("Welcome", ".", [])


def test_a_home_page_exclude_docs_leaves_out_is_replaced_not_published(catalog: CatalogDir, tmp_path: Path) -> None:
    catalog.write("docs/index.md", "# Welcome\n\nNot for the site yet.\n")
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8") + "exclude_docs: |\n  index.md\n")
    build_site(catalog.config, tmp_path / "site")
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Not for the site yet" not in home and 'id="top">Test Academy</h1>' in home


def test_an_overview_opening_with_the_courses_title_shows_it_once(catalog: CatalogDir, run_cli,
                                                                  tmp_path: Path) -> None:
    """'# Intro to search' atop index.md, as Markdown pages open, gave the page two headings
    saying the same; the page's own keeps the id, so a link to it still lands. A heading
    saying something else is the trainer's and stays."""
    catalog.course("intro", title="Intro to Search")
    catalog.write("courses/intro/index.md", "# Intro  to search\n\nBack to [the top](#intro-to-search).\n\n"
                                            "## Agenda\n\nText.\n")
    catalog.write("docs/links.md", "# Links\n\n[Intro](courses/intro/index.md#title)\n")
    catalog.course("other", title="Other")
    catalog.write("courses/other/index.md", "# Welcome aboard\n\nText.\n")
    assert run_cli("validate", "--strict", "-f", catalog.config).code == 0
    build_site(catalog.config, tmp_path / "site")
    headings = page(tmp_path / "site", "courses/intro/").find_all("h1")
    assert [(h.text, h.attrs["id"]) for h in headings] == [("Intro to Search", "title")]
    assert headings[0].find("span").attrs["id"] == "intro-to-search"  # and a link to #title still lands
    assert [h.text for h in page(tmp_path / "site", "courses/other/").find_all("h1")] == ["Other", "Welcome aboard"]


def test_a_deprecated_course_points_to_what_it_recommends_only_if_it_does(catalog: CatalogDir, tmp_path: Path) -> None:
    catalog.course("old", status="deprecated", recommended_next=["new"])
    catalog.course("older", status="deprecated")
    catalog.course("new")
    build_site(catalog.config, tmp_path / "site")
    pointing = page(tmp_path / "site", "courses/old/").find("div", cls="syllabus-banner")
    assert pointing.find_all("p")[1].text == "This content will be retired. See the courses recommended instead."
    assert pointing.find("a").attrs["href"] == "#next-steps"
    assert page(tmp_path / "site", "courses/old/").find("h2", id="next-steps")
    alone = page(tmp_path / "site", "courses/older/").find("div", cls="syllabus-banner")
    assert alone.find_all("p")[1].text == "This content will be retired." and not alone.find_all("a")


def test_course_page_lists_the_tracks_and_plans_that_include_it(site: Path) -> None:
    for course_id in ("admin-essentials", "keystone-101", "search-bootcamp-live"):
        tracks = [t for t, track in public("tracks").items() if course_id in dict(track_items(track))]
        plans = [p for p, plan in public("plans").items() if course_id in plan_course_ids(plan)]
        assert tracks or plans, course_id
        expected = [(f"../../tracks/{t}/", public("tracks")[t]["title"]) for t in tracks]
        expected += [(f"../../plans/{p}/", public("plans")[p]["title"]) for p in plans]
        shown = links(section_after(article(site, f"courses/{course_id}/"), "Where next"))
        assert [(h, title) for h, title in shown if h.startswith(("../../tracks/", "../../plans/"))] == expected


def test_live_course_lists_upcoming_sessions_with_zone_status_and_registration(site: Path) -> None:
    course = SOURCES["courses"]["search-bootcamp-live"]
    body = article(site, "courses/search-bootcamp-live/")
    assert body.find("h2", id="sessions").text == "Upcoming sessions"
    cta = body.find("div", cls="syllabus-cta")  # the facts panel offers the first open session
    first_open = next(s for s in upcoming(course) if s.get("status", "scheduled") == "scheduled")
    assert cta.find("a", cls="md-button--primary").attrs["href"] == first_open["registration_url"]
    items = body.find_all("li", cls="syllabus-session")
    sessions = upcoming(course)
    assert len(items) == len(sessions) >= 5
    assert any(s.get("status") == "full" for s in sessions)
    for item, session in zip(items, sessions, strict=True):
        start = dt.datetime.fromisoformat(session["start"])
        time = item.find("time")
        assert time.attrs["data-zone"] == session["timezone"]
        assert time.attrs["datetime"] == start.replace(tzinfo=ZoneInfo(session["timezone"])).isoformat()
        end = start + dt.timedelta(minutes=120)
        city = ENGLISH_FORMAT.city(session["timezone"])  # "New York": readers know cities, not IANA ids
        assert time.attrs["data-zone-name"] == city and "/" not in city
        label = f"{ENGLISH_FORMAT.session(start, end)} ({city} time)"  # .text folds the thin spaces
        assert label.endswith(f"{start:%H:%M}\u2009–\u2009{end:%H:%M} ({city} time)")
        assert time.text == " ".join(label.split())
        registration = item.find_all("a", cls="md-button--primary")
        if session.get("status") == "full":
            assert item.find("strong", cls="syllabus-state").text == "Full" and not registration
        else:
            assert [a.attrs["href"] for a in registration] == [session["registration_url"]]
        key = f"{start:%Y%m%dT%H%M}-{session['timezone'].replace('/', '-').lower()}"
        is_open = session.get("status") != "full"  # a full session is no date to keep
        calendar = [a.attrs["href"] for a in item.find_all("a", cls="syllabus-ics")]
        assert calendar == ([f"sessions/{key}.ics"] if is_open else [])
        assert (site / f"courses/search-bootcamp-live/sessions/{key}.ics").is_file() == is_open
        details = item.find("span", cls="syllabus-session-details").text
        assert details.startswith(f"with {', '.join(session['instructors'])}")
    on_demand = body.find("p", cls="syllabus-on-demand")
    assert links(on_demand) == [("../keystone-101/", SOURCES["courses"]["keystone-101"]["title"])]


def test_program_course_shows_weeks_and_credential(site: Path) -> None:
    course = SOURCES["courses"]["keystone-certified-admin"]
    body = article(site, "courses/keystone-certified-admin/")
    weeks = course["program_weeks"]
    assert facts(body)["Duration"] == f"{ENGLISH_FORMAT.duration(course['duration_minutes'])} over {weeks} weeks"
    credential = course["credential"]
    heading = f"{credential['type'].capitalize()}: {credential['title']}"
    assert section_after(body, heading).text == " ".join(credential["criteria"].split())


def test_each_weekly_meeting_says_its_own_date_in_its_calendar_event(site: Path) -> None:
    import icalendar

    course = SOURCES["courses"]["keystone-certified-admin"]
    zones = {session["start"].replace("-", "").replace(":", ""): session["timezone"] for session in course["sessions"]}
    paths = sorted((site / "courses/keystone-certified-admin/sessions").glob("*.ics"))
    assert len(paths) >= 3  # a full session has no calendar file
    for path in paths:
        zone = ZoneInfo(zones[path.name.split("-")[0]])
        events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        assert len(events) == course["program_weeks"]
        for event in events:
            start = event["DTSTART"].dt.astimezone(zone)
            said = f"{ENGLISH_FORMAT.date(start)}, {ENGLISH_FORMAT.time(start)}"
            assert f"Scheduled for {said} (" in str(event["DESCRIPTION"]), (path.name, event["SUMMARY"])


def test_structured_data_spans_a_cohort_and_offers_no_seat_in_a_cancelled_session(site: Path) -> None:
    from .test_escaping import structured_data

    weeks = SOURCES["courses"]["keystone-certified-admin"]["program_weeks"]
    cohorts = structured_data(site, "courses/keystone-certified-admin")["hasCourseInstance"]
    for cohort in [c for c in cohorts if c["courseMode"][1] == "synchronous"]:
        span = dt.datetime.fromisoformat(cohort["endDate"]) - dt.datetime.fromisoformat(cohort["startDate"])
        assert dt.timedelta(weeks=weeks - 1) < span < dt.timedelta(weeks=weeks)  # first meeting to last
        schedule = cohort["courseSchedule"]
        assert (schedule["repeatFrequency"], schedule["repeatCount"]) == ("Weekly", weeks)
        assert (schedule["startDate"], schedule["endDate"]) == (cohort["startDate"], cohort["endDate"])
    instances = [i for path in sorted((site / "courses").glob("*/index.html"))
                 for i in structured_data(site, path.parent.relative_to(site).as_posix()).get("hasCourseInstance", [])]
    cancelled = [i for i in instances if i.get("eventStatus") == "https://schema.org/EventCancelled"]
    assert cancelled and not [i for i in cancelled if "offers" in i]
    assert [i for i in instances if i.get("offers", {}).get("availability") == "https://schema.org/InStock"]


def test_the_catalog_lists_its_course_pages_as_structured_data(site: Path) -> None:
    """A summary page with an ItemList of course pages, each with its Course: search engines'
    course list (stop 43 left it out)."""
    from .test_escaping import structured_data

    data = structured_data(site, "catalog")
    assert (data["@type"], list(schema_org_problems(data))) == ("ItemList", [])
    site_url = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    assert [(item["position"], item["url"]) for item in data["itemListElement"]] == [
        (position, f"{site_url}courses/{course_id}/")
        for position, course_id in enumerate(sorted(public("courses"), key=id_order), 1)]


def test_an_in_person_session_says_where_on_its_page_calendar_catalog_and_structured_data(site: Path) -> None:
    """The content model had no venue: the executive briefing's Tokyo session was a time with
    no place. Its location is shown, is the calendar event's LOCATION, catalog.json's and
    a schema.org Place."""
    import icalendar

    from .test_escaping import structured_data

    sessions = upcoming(SOURCES["courses"]["executive-briefing"])
    assert all(session["location"] for session in sessions)
    items = article(site, "courses/executive-briefing/").find_all("li", cls="syllabus-session")
    assert [item.find("span", cls="syllabus-session-place").text for item in items] == [
        f"At {session['location']}" for session in sessions]
    session = next(s for s in sessions if s.get("status", "scheduled") == "scheduled")
    start = dt.datetime.fromisoformat(session["start"])
    key = f"{start:%Y%m%dT%H%M}-{session['timezone'].replace('/', '-').lower()}"
    calendar = icalendar.Calendar.from_ical((site / f"courses/executive-briefing/sessions/{key}.ics").read_bytes())
    assert [str(event["LOCATION"]) for event in calendar.walk("VEVENT")] == [session["location"]]
    listed = next(c for c in json.loads((site / "catalog.json").read_text("utf-8"))["courses"]
                  if c["id"] == "executive-briefing")
    assert [s["location"] for s in listed["sessions"]] == [s["location"] for s in sessions]
    places = [i["location"] for i in structured_data(site, "courses/executive-briefing")["hasCourseInstance"]
              if "location" in i]
    assert {"@type": "Place", "name": session["location"], "address": session["location"]} in places


def test_japanese_course_is_marked_translated_and_searchable(site: Path) -> None:
    course = SOURCES["courses"]["keystone-101-ja"]
    body = article(site, "courses/keystone-101-ja/")
    assert body.find("h1").attrs["lang"] == "ja" and body.find("h1").text == course["title"]
    english = body.find("a", hreflang="en")
    assert (english.attrs["href"], english.attrs["hreflang"]) == ("../keystone-101/", "en")
    back = article(site, "courses/keystone-101/").find("ul", "syllabus-related").find("a", hreflang="ja")  # Where next
    assert (back.attrs["href"], back.attrs["hreflang"], back.text) == ("../keystone-101-ja/", "ja", course["title"])
    for url in ("courses/keystone-101-ja/", *(f"courses/keystone-101-ja/{u['file'][:-3]}/" for u in course["units"])):
        document = page(site, url)
        assert document.find("html").attrs["lang"] == "en", url  # the site's, as its chrome is
        assert document.find("header").find("span", lang="ja") is not None, url  # the page's title in the header
    indexed = pagefind_pages(site)["courses/keystone-101-ja/"]
    segmented = indexed["content"].replace("\u200b", "")  # Pagefind marks where it split Japanese words
    assert indexed["meta"]["title"] == course["title"] and course["summary"] in segmented
    assert indexed["filters"]["language"] == ["ja"]


def test_unit_pages_link_back_to_their_course_and_to_each_other(site: Path) -> None:
    course = SOURCES["courses"]["admin-essentials"]
    slugs = [u["file"].removesuffix(".md") for u in course["units"]]
    for index, unit in enumerate(course["units"]):
        document = page(site, f"courses/admin-essentials/{slugs[index]}/")
        content = document.find("article")
        assert links(content.find("nav", cls="syllabus-breadcrumb")) == [("../", course["title"])]
        assert len(document.find_all("h1")) == 1
        assert content.find("p", cls="syllabus-unit-position").text.startswith(f"Unit {index + 1} of {len(slugs)}")
        pager = [href for href, _ in links(content.find("nav", cls="syllabus-pager"))]
        expected = ([f"../{slugs[index - 1]}/"] if index else []) + (
            [f"../{slugs[index + 1]}/"] if index + 1 < len(slugs) else ["../"])  # the last leads back
        assert pager == expected
        listed = content.find("nav", cls="syllabus-unit-list").find("ol").find_all("a")
        assert [a.attrs["href"] for a in listed] == ["./" if i == index else f"../{s}/" for i, s in enumerate(slugs)]
        assert [a.attrs.get("aria-current") for a in listed] == [
            "page" if i == index else None for i in range(len(slugs))]
        assert document.find("title").text == f"{unit['title']} - Keystone Academy"
        # Its table of contents: every section once, in page order, titled as written.
        toc = document.find("nav", cls="md-nav--secondary").find_all("a")
        assert [a.attrs["href"] for a in toc] == [f"#{h2.attrs['id']}" for h2 in content.find_all("h2")]
        assert all("¶" not in a.text for a in toc)


def test_a_long_courses_unit_page_lists_the_units_around_it(tmp_path: Path) -> None:
    """Every unit page listed every unit: a course of 2,000 units built a 600 MB site in six
    minutes. A unit page lists 21 (ten before and after it, more at either end of the course)
    numbered as in the course, and links to the course page, which lists all of them."""
    catalog = CatalogDir.new(tmp_path / "catalog")
    count = 30
    catalog.course("long", course_data("long", units=[
        {"title": f"Part {n}", "file": f"part-{n}.md", "minutes": 1} for n in range(1, count + 1)]))
    for n in range(1, count + 1):
        catalog.write(f"courses/long/part-{n}.md", f"# Part {n}\n\nText {n}.\n")
    build_site(catalog.config, tmp_path / "site")
    for number, first in ((1, 1), (11, 1), (15, 5), (20, 10), (30, 10)):
        listing = article(tmp_path / "site", f"courses/long/part-{number}/").find("nav", cls="syllabus-unit-list")
        items = listing.find("ol")
        assert items.attrs.get("start") == (str(first) if first > 1 else None), number
        assert [a.text for a in items.find_all("a")] == [f"Part {n}" for n in range(first, first + 21)], number
        assert links(listing.find("p")) == [("../", "All 30 units, on the course page")]
    course_page = article(tmp_path / "site", "courses/long/")
    assert {href for href, _ in links(course_page) if href.startswith("part-")} == {
        f"part-{n}/" for n in range(1, count + 1)}


def test_track_page_sections_marks_computed_minutes_and_diagram(site: Path) -> None:
    track = SOURCES["tracks"]["admin-path"]
    body = article(site, "tracks/admin-path/")
    assert body.find("h1").text == track["title"]
    sections = body.find_all("section", cls="syllabus-track-section")
    assert [s.find("h2").text for s in sections] == [f"{i}. {s['title']}" for i, s in enumerate(track["sections"], 1)]
    shown = [(li.find("a").attrs["href"].split("/")[-2], li.find("span", cls="syllabus-tag").text == "Required")
             for s in sections for li in s.find_all("li", cls="syllabus-track-item")]
    items = track_items(track)
    assert shown == items and not all(required for _, required in items)
    minutes = {c: SOURCES["courses"][c]["duration_minutes"] for c, _ in items}
    total, required = sum(minutes.values()), sum(minutes[c] for c, r in items if r)
    assert total > required
    duration = ENGLISH_FORMAT.duration
    assert facts(body) == {"For": "Administrator", "Total": duration(total), "Required": duration(required),
                           "Target": f"required courses within {track['target_days']} days"}
    credential = track["credential"]
    assert section_after(body, f"Badge: {credential['title']}").text == " ".join(credential["criteria"].split())
    steps = body.find("ol", cls="syllabus-steps-diagram").children_named("li")
    boxes = [(step_number, li) for step_number, step in enumerate(steps) for li in step.find_all("li")]
    assert sorted(li.find("a").attrs["href"] for _, li in boxes) == sorted(f"../../courses/{c}/" for c in minutes)
    step_of = {li.find("a").attrs["href"].split("/")[-2]: number for number, li in boxes}
    pairs = [(p, c) for c in minutes for p in SOURCES["courses"][c].get("prerequisites", ()) if p in minutes]
    assert pairs and all(step_of[p] < step_of[c] for p, c in pairs)  # every course after what it needs
    for _, li in boxes:  # and says so in words, with full titles
        needs = [SOURCES["courses"][p]["title"] for p in SOURCES["courses"][li.find("a").attrs["href"].split("/")[-2]]
                 .get("prerequisites", ()) if p in minutes]
        after = [span.text for span in li.find_all("span", cls="syllabus-step-after")]
        assert after == ([f"After {', '.join(needs)}"] if needs else [])


def test_plan_page_phases_items_and_milestones(site: Path) -> None:
    plan = SOURCES["plans"]["team-quickstart-30"]
    body = article(site, "plans/team-quickstart-30/")
    assert body.find("h1").text == plan["title"]
    phases = body.find_all("section", cls="syllabus-phase")
    assert [p.find("h2").text.split(" (days")[0] for p in phases] == [p["title"] for p in plan["phases"]]
    for section, phase in zip(phases, plan["phases"], strict=True):
        rows = section.find_all("tr", cls="syllabus-plan-row")
        milestones = [m for m in plan.get("milestones", ()) if phase["start_day"] <= m["day"] <= phase["end_day"]]
        assert len(rows) == len(phase["items"]) + len(milestones)
        for item in phase["items"]:
            target = item.get(item["type"], "")
            row = next(r for r in rows if r.attrs["data-day"] == str(item["day"])
                       and f"syllabus-plan-row--{item['type']}" in r.classes and r.attrs["data-key"].endswith(target))
            assert row.find("span", cls="syllabus-day").text == f"Day {item['day']}"
            if target:
                title = SOURCES[f"{item['type']}s"][target]["title"]
                assert links(row)[0] == (f"../../{item['type']}s/{target}/", title)
        for milestone in milestones:
            row = next(r for r in rows if "syllabus-plan-row--milestone" in r.classes
                       and r.attrs["data-day"] == str(milestone["day"]))
            assert milestone["title"] in row.text
            assert f"Success criteria: {milestone['success_criteria']}" in row.text
    downloads = {a.attrs["data-download"]: a.attrs["href"] for a in body.find_all("a", data_download=True)}
    assert downloads == {ext: f"plan.{ext}" for ext in ("md", "csv", "ics")}
    # The table of contents leads to each phase, between the form and the outcomes.
    toc = page(site, "plans/team-quickstart-30/").find("nav", cls="md-nav--secondary").find_all("a")
    phase_links = [a.attrs["href"] for a in toc if a.attrs["href"].startswith("#phase-")]
    assert phase_links == [f"#{p.find('h2').attrs['id']}" for p in phases] and len(phase_links) == len(phases)


def test_catalog_page_has_a_card_per_visible_course_and_every_facet(site: Path) -> None:
    document = page(site, "catalog/")
    cards = document.find_all("li", cls="syllabus-card")
    expected = sorted(public("courses"))
    assert [c.attrs["data-id"] for c in cards] == expected
    for card in cards:
        course = SOURCES["courses"][card.attrs["data-id"]]
        assert links(card)[0] == (f"../courses/{card.attrs['data-id']}/", course["title"])
        # The course's title and summary are in its language, the card's labels in the site's.
        assert "lang" not in card.attrs
        assert [p.attrs.get("lang") for p in card.children_named("h2") + card.children_named("p")][:2] == \
            [course.get("language", "en")] * 2
    facets = [f.attrs["data-facet"] for f in document.find_all("fieldset", cls="syllabus-facet")]
    assert facets == ["role", "level", "format", "product", "language", "duration"]
    data = embedded_json(document, "catalog")
    assert isinstance(data, dict) and [c["id"] for c in data["courses"]] == expected


def test_a_language_with_a_region_is_filtered_as_its_language(catalog: CatalogDir, tmp_path: Path) -> None:
    """A course in ja-JP beside classes taught in ja was under two filters, "Japanese" and
    "Japanese (Japan)", and filtering by the first missed it; so in the site search."""
    catalog.course("tokyo", language="ja-JP", title="東京", summary="日本語のコース。")
    catalog.course("live", format="virtual-ilt", sessions=[
        {"start": "2026-12-08T11:00", "timezone": "Asia/Tokyo", "language": "ja"},
        {"start": "2026-12-09T11:00", "timezone": "Europe/London", "language": "en-GB"}])
    build_site(catalog.config, tmp_path / "site")
    document = page(tmp_path / "site", "catalog/")
    facet = document.find("fieldset", cls="syllabus-facet", **{"data-facet": "language"})
    assert [(box.attrs["value"], label.text) for box, label in zip(facet.find_all("input"), facet.find_all("label"),
                                                                   strict=True)] == [("en", "English (1)"),
                                                                                     ("ja", "Japanese (2)")]
    data = embedded_json(document, "catalog")
    assert isinstance(data, dict)
    assert {c["id"]: c["facets"]["language"] for c in data["courses"]} == {"live": ["en", "ja"], "tokyo": ["ja"]}
    assert pagefind_pages(tmp_path / "site")["courses/tokyo/"]["filters"]["language"] == ["ja"]


def test_the_search_dialog_names_languages_as_the_catalogs_filter_does(catalog: CatalogDir, tmp_path: Path) -> None:
    """search.js named them with the browser's Intl ("Traditional Chinese") beside the
    catalog's Babel names ("Chinese (Traditional)"): the build gives the page its names."""
    catalog.course("taipei", language="zh-TW", title="台北", summary="繁體中文課程。")
    catalog.course("live", format="virtual-ilt", sessions=[
        {"start": "2026-12-08T11:00", "timezone": "Europe/Berlin", "language": "de-AT"}])
    build_site(catalog.config, tmp_path / "site")
    document = page(tmp_path / "site", "catalog/")
    facet = document.find("fieldset", cls="syllabus-facet", **{"data-facet": "language"})
    labels = {box.attrs["value"]: label.text.rsplit(" (", 1)[0]
              for box, label in zip(facet.find_all("input"), facet.find_all("label"), strict=True)}
    assert labels == {"de": "German", "en": "English", "zh-Hant": "Chinese (Traditional)"}
    messages = json.loads(document.find("script", id="__syllabus-messages").raw_text)
    assert messages["languages"] == labels


def test_catalog_json_content_ordering_and_sorted_keys(site: Path) -> None:
    text = (site / "catalog.json").read_text(encoding="utf-8")
    document = json.loads(text)
    assert text == json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n"  # keys sorted
    assert document["schema_version"] == 1
    assert [c["id"] for c in document["courses"]] == sorted(public("courses"))
    assert [t["id"] for t in document["tracks"]] == sorted(public("tracks"))
    assert [p["id"] for p in document["plans"]] == sorted(public("plans"))
    for course in document["courses"]:
        source = SOURCES["courses"][course["id"]]
        for key in ("title", "level", "roles", "format", "duration_minutes", "status"):
            assert course[key] == source.get(key, "active"), (course["id"], key)
        assert course["summary"] == source["summary"]
        assert course["language"] == source.get("language", "en")
        reviewed = source.get("last_reviewed")
        assert course.get("last_reviewed") == course.get("updated") == (str(reviewed) if reviewed else None)
        assert course["url"] == f"courses/{course['id']}/" and (site / course["url"] / "index.html").is_file()
        assert [s["start"] for s in course["sessions"]] == [s["start"] for s in upcoming(source)]
        assert [s["start_utc"] for s in course["sessions"]] == sorted(s["start_utc"] for s in course["sessions"])
    for track in document["tracks"]:
        items = track_items(SOURCES["tracks"][track["id"]])
        minutes = {c: SOURCES["courses"][c]["duration_minutes"] for c, _ in items}
        assert track["courses"] == [c for c, _ in items]
        assert (track["duration_minutes"], track["required_minutes"]) == (
            sum(minutes.values()), sum(minutes[c] for c, r in items if r))
        assert (site / track["url"] / "index.html").is_file()
        assert track["language"] == "en"
        assert track["updated"] == str(max(SOURCES["courses"][c]["last_reviewed"] for c, _ in items
                                           if SOURCES["courses"][c].get("last_reviewed")))
    for plan in document["plans"]:
        assert plan["language"] == "en"
        assert plan["length_days"] == SOURCES["plans"][plan["id"]]["length_days"]
        assert (site / plan["url"] / "index.html").is_file()
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/name:", ""))
    options = next(p["syllabus"] for p in config["plugins"] if isinstance(p, dict) and "syllabus" in p)
    assert list(document["taxonomy"]["roles"]) == sorted(options["roles"])
    # Keys sorted by id lose mkdocs.yml's order (levels lowest first): each term says its place.
    for kind in ("roles", "levels", "formats", "products"):
        terms = document["taxonomy"][kind]
        assert sorted(terms, key=lambda term: terms[term]["order"]) == list(options[kind]), kind


def test_catalog_json_is_what_syllabus_export_prints(site: Path, run_cli: Any) -> None:
    result = run_cli("export", "-f", REPO / "mkdocs.yml")
    assert result.code == 0, result.err
    assert result.out == (site / "catalog.json").read_text(encoding="utf-8")


def test_navigation_lists_catalog_tracks_plans_and_docs_but_no_course(site: Path) -> None:
    nav = nav_tree(page(site, ""))
    assert [label for label, _, _ in nav] == ["Keystone Academy", "Catalog", "Tracks", "Plans"]
    assert [href for _, href, _ in nav] == [".", "catalog/", None, None]
    assert nav[2][2] == [(t["title"], f"tracks/{i}/", []) for i, t in public("tracks").items()]
    assert nav[3][2] == [(p["title"], f"plans/{i}/", []) for i, p in public("plans").items()]
    for url in ("courses/admin-essentials/", "courses/admin-essentials/architecture/", "tracks/admin-path/"):
        primary = page(site, url).find("nav", cls="md-nav--primary")
        assert not [a for a in primary.find_all("a") if "courses/" in (a.attrs.get("href") or "")], url


def test_numbered_ids_are_listed_in_number_order(catalog: CatalogDir, tmp_path: Path) -> None:
    """plan-120 came before plan-14 in the nav and on every page listing plans (customer review)."""
    for number in (14, 120, 2):
        catalog.course(f"course-{number}")
        catalog.track(f"path-{number}", track_data(f"path-{number}", [f"course-{number}"]))
        catalog.plan(f"plan-{number}", plan_data(f"plan-{number}"))
    site = tmp_path / "site"
    build_site(catalog.config, site)
    nav = nav_tree(page(site, ""))
    assert [href for _, href, _ in nav[2][2]] == ["tracks/path-2/", "tracks/path-14/", "tracks/path-120/"]
    assert [href for _, href, _ in nav[3][2]] == ["plans/plan-2/", "plans/plan-14/", "plans/plan-120/"]
    cards = page(site, "catalog/").find_all("li", cls="syllabus-card")
    assert [card.attrs["data-id"] for card in cards] == ["course-2", "course-14", "course-120"]


def test_the_home_page_shows_a_few_plans_and_the_rest_behind_a_disclosure(catalog: CatalogDir,
                                                                           tmp_path: Path) -> None:
    """Every track and plan was a card on the home page: 20 tracks and 10 plans made it
    6,373 px long on a phone (customer review, stop 43)."""
    catalog.course("c")
    for number in range(1, 9):
        catalog.plan(f"plan-{number}", plan_data(f"plan-{number}"))
    site = tmp_path / "site"
    build_site(catalog.config, site)
    section = next(s for s in page(site, "").find_all("section") if s.find_all("ul", cls="syllabus-plan-cards"))
    first, rest = section.find_all("ul", cls="syllabus-plan-cards")
    assert [links(card)[0][0] for card in first.children_named("li")] == [f"plans/plan-{n}/" for n in range(1, 5)]
    more = section.find("details", cls="syllabus-home-more")
    assert more.find("summary").text == "4 more enablement plans"
    assert [links(card)[0][0] for card in rest.children_named("li")] == [f"plans/plan-{n}/" for n in range(5, 9)]


def test_the_home_page_shows_a_few_roles_and_the_rest_behind_a_disclosure(catalog: CatalogDir,
                                                                           tmp_path: Path) -> None:
    """15 roles with descriptions filled four screens of a phone before anything else on the
    home page (customer review, stop 45): the first four, in the taxonomy's order, then the rest."""
    roles = [f"role-{n}" for n in range(1, 8)]
    config = catalog.config.read_text(encoding="utf-8")
    catalog.write("mkdocs.yml", config.replace("        end-user: {title: End user}\n", "".join(
        f"        {role}: {{title: Role {role[5:]}, description: Does things}}\n" for role in roles)))
    catalog.course("c", roles=roles)
    site = tmp_path / "site"
    build_site(catalog.config, site)
    hero = page(site, "").find("section", cls="syllabus-hero")
    first, rest = hero.find_all("ul", cls="syllabus-role-grid")
    named = [[card.find("h3").text for card in grid.children_named("li")] for grid in (first, rest)]
    assert named == [[f"Role {n}" for n in range(1, 5)], [f"Role {n}" for n in range(5, 8)]]
    assert hero.find("details", cls="syllabus-home-more").find("summary").text == "3 more roles"


def test_the_home_page_names_the_latest_courses(catalog: CatalogDir, tmp_path: Path) -> None:
    """A catalog of one course had a home page that named no course (customer review, stop
    45): the four most recently updated, as the courses feed orders them, then the catalog."""
    for number, reviewed in enumerate(("2026-01-05", "2026-09-01", "2026-03-01", "2026-11-02", "2025-12-24"), 1):
        catalog.course(f"course-{number}", title=f"Course {number}", last_reviewed=reviewed)
    site = tmp_path / "site"
    build_site(catalog.config, site)
    section = page(site, "").find("section", aria_labelledby="latest-courses")
    assert section.find("h2").text == "New and updated courses"
    cards = section.find("ul", cls="syllabus-course-cards").children_named("li")
    assert [links(card)[0] for card in cards] == [(f"courses/course-{n}/", f"Course {n}") for n in (4, 2, 3, 1)]
    assert links(section)[-1] == ("catalog/", "All 5 courses in the catalog")
    feed = (site / "courses.xml").read_text(encoding="utf-8")
    assert list(dict.fromkeys(re.findall(r"courses/(course-\d)/", feed))) == [  # the feed's order
        "course-4", "course-2", "course-3", "course-1", "course-5"]

    for number in (2, 3, 4, 5):
        shutil.rmtree(catalog.root / f"courses/course-{number}")  # one course left
    build_site(catalog.config, site)
    section = page(site, "").find("section", aria_labelledby="latest-courses")
    assert links(section) == [("courses/course-1/", "Course 1")]  # no link to a catalog of the same one


def test_hand_written_pages_in_folders_are_sections_of_the_navigation(catalog: CatalogDir, tmp_path: Path) -> None:
    """Without a nav in mkdocs.yml, docs/ pages went into one flat list by path (a deep page
    before a folder's overview); they are nested by folder, each folder's index first, as
    MkDocs nests them."""
    catalog.course("intro")
    for path, title in (("guide/start/first-steps.md", "First steps"), ("guide/start/index.md", "Start here"),
                        ("guide/admin/deep/backup.md", "Backups"), ("guide/admin/overview.md", "Overview"),
                        ("faq.md", "FAQ")):
        catalog.write(f"docs/{path}", f"# {title}\n\nWords.\n")
    catalog.write("docs/guide/hidden.md", "# Hidden\n\nPublished, not listed.\n")
    catalog.config.write_text(catalog.config.read_text(encoding="utf-8") + "not_in_nav: |\n  /guide/hidden.md\n",
                              encoding="utf-8")
    site = tmp_path / "site"
    build_site(catalog.config, site)
    assert (site / "guide/hidden/index.html").is_file()  # published, out of the nav as mkdocs.yml says
    nav = nav_tree(page(site, ""))
    assert nav[2:] == [
        ("FAQ", "faq/", []),
        ("Guide", None, [
            ("Admin", None, [("Overview", "guide/admin/overview/", []),
                             ("Deep", None, [("Backups", "guide/admin/deep/backup/", [])])]),
            ("Start", None, [("Start here", "guide/start/", []), ("First steps", "guide/start/first-steps/", [])]),
        ]),
    ]


def edit_link(site: Path, url: str) -> str | None:
    found = page(site, url).find_all("a", rel="edit")
    return found[0].attrs["href"] if found else None


@pytest.mark.parametrize(("url", "source"), [
    ("courses/admin-essentials/", "courses/admin-essentials/course.yml"),
    ("courses/admin-essentials/architecture/", "courses/admin-essentials/architecture.md"),
    ("tracks/admin-path/", "tracks/admin-path.yml"),
    ("plans/team-quickstart-30/", "plans/team-quickstart-30.yml"),
    ("contributing/", "docs/contributing.md"),
])
def test_edit_links_open_the_source_file(internal_site: Path, url: str, source: str) -> None:
    assert (REPO / source).is_file()
    assert edit_link(internal_site, url) == REPO_EDIT + source


def test_generated_pages_without_a_source_have_no_edit_link(internal_site: Path) -> None:
    assert edit_link(internal_site, "catalog/") is None


def test_every_internal_link_resolves(site: Path) -> None:
    references = list(internal_references(site))
    broken = [f"{url or '/'}: {reference}" for url, reference, target in references if not target.is_file()]
    assert len(references) > 1000 and not broken, broken


def test_units_in_subfolders_are_linked_where_they_are_published(catalog: CatalogDir, tmp_path: Path) -> None:
    """MkDocs publishes lab/index.md and lab/README.md as the folder's page (lab/), a.md as a/."""
    files = [("Intro", "intro.md"), ("Lab", "lab/index.md"), ("Notes", "notes/README.md"), ("Deep", "part/two/deep.md")]
    units = [{"title": title, "file": file} for title, file in files]
    for unit in units:
        catalog.write(f"courses/c/{unit['file']}", f"# {unit['title']}\n\nText.\n")
    catalog.course("c", units=units)
    site = tmp_path / "site"
    build_site(catalog.config, site)
    course_links = {a.attrs.get("href") for a in page(site, "courses/c/").iter() if a.tag == "a"}
    assert {"intro/", "lab/", "notes/", "part/two/deep/"} <= course_links
    broken = [f"{url}: {ref}" for url, ref, target in internal_references(site)
              if url.startswith("courses/c/") and not target.is_file()]
    assert not broken, broken


def test_units_are_linked_where_they_are_published_without_directory_urls(catalog: CatalogDir,
                                                                          tmp_path: Path) -> None:
    """With use_directory_urls: false MkDocs publishes a.md as a.html: the course's unit list,
    the pager and the unit list of every unit link those files (they linked a/index.html).
    And no page links a folder (the 404 page's ways in, the catalog's "clear the filters" did):
    a host that serves no folder's index.html is why a site turns directory URLs off."""
    files = [("Intro", "intro.md"), ("Lab", "lab/index.md"), ("Deep", "part/two/deep.md")]
    units = [{"title": title, "file": file} for title, file in files]
    for unit in units:
        catalog.write(f"courses/c/{unit['file']}", f"# {unit['title']}\n\nText.\n")
    catalog.course("c", units=units)
    catalog.track("path", track_data("path", ["c"]))
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8") + "use_directory_urls: false\n")
    site = tmp_path / "site"
    build_site(catalog.config, site)
    course_links = {a.attrs.get("href") for a in page(site, "courses/c/").iter() if a.tag == "a"}
    assert {"intro.html", "lab/index.html", "part/two/deep.html"} <= course_links
    references = list(internal_references(site))
    broken = [f"{url}: {ref}" for url, ref, target in references if not target.is_file()]
    assert not broken, broken
    folders = [f"{url}: {ref}" for url, ref, _ in references if urlsplit(ref).path.endswith(("/", "."))]
    assert not folders, folders
    assert {"/catalog/index.html", "/index.html", "/tracks/path/index.html"} <= {
        a.attrs["href"] for a in parse_html((site / "404.html").read_text(encoding="utf-8")).find_all("a", href=True)}


def test_material_offline_plugin_gets_file_links_and_no_script_from_another_host(catalog: CatalogDir,
                                                                                 tmp_path: Path) -> None:
    """Material's offline plugin turns directory URLs off in its own on_config, after
    Syllabus' (every course's "Start now" and unit links led to folders: 42 broken links in the
    example opened from the file system), and adds a script from unpkg.com to every page
    unless extra.polyfills names an iframe-worker one: refused, as mkdocs.yml's own would be."""
    catalog.write("courses/c/intro.md", "# Intro\n\nText.\n")
    catalog.course("c", units=[{"title": "Intro", "file": "intro.md"}])
    text = catalog.config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - offline\n", 1)
    catalog.write("mkdocs.yml", text)
    refused = build_site(catalog.config, tmp_path / "refused", check=False)
    assert refused.returncode != 0 and not (tmp_path / "refused" / "courses").exists()
    assert "extra.polyfills[0]: 'https://unpkg.com/iframe-worker/shim' is loaded into every page from another host" \
        in refused.stderr, refused.stderr
    catalog.write("docs/assets/iframe-worker.js", "/* the site's own copy */\n")
    catalog.write("mkdocs.yml", text + "extra:\n  polyfills: [assets/iframe-worker.js]\n")
    site = tmp_path / "site"
    build_site(catalog.config, site)
    assert "intro.html" in {a.attrs.get("href") for a in page(site, "courses/c/").iter() if a.tag == "a"}
    references = list(internal_references(site))
    broken = [f"{url}: {ref}" for url, ref, target in references if not target.is_file()]
    assert not broken, broken


def test_addresses_read_away_from_the_site_are_its_files_without_directory_urls(tmp_path: Path) -> None:
    """What is read away from the site (the feed, calendars, JSON-LD, sitemap, plan downloads,
    catalog.json) and the site search's results address each page as the file it is published
    as: a folder address, which a host serving no folder's index.html answers with a 404, is
    why a site turns directory URLs off. Every address under site_url in every published file,
    every catalog.json url and every search result."""
    config = example_catalog(tmp_path / "catalog", "en")
    base = "https://docs.example/academy/"
    text = config.read_text(encoding="utf-8").replace("https://academy.keystone.example/", base)
    config.write_text(text + "use_directory_urls: false\n", encoding="utf-8")
    site = tmp_path / "site"
    build_site(config, site)
    found: dict[str, set[str]] = {}
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".ics", ".json", ".md", ".csv"}:
            content = path.read_bytes().decode("utf-8").replace("\r\n ", "")  # unfold iCalendar lines
            for address in re.findall(re.escape(base) + r"[^\s\"'<>()\[\]\\]*", content):
                target = urlsplit(address).path.removeprefix("/academy/")
                found.setdefault(target, set()).add(str(path.relative_to(site)))
    document = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    for entry in [*document["courses"], *document["tracks"], *document["plans"]]:
        found.setdefault(entry["url"], set()).add("catalog.json")
    assert {"courses.xml", "sessions.ics", "sitemap.xml", "catalog.json"} <= set().union(*found.values())
    assert any(name.startswith("plans/") and name.endswith(".md") for name in set().union(*found.values()))
    for url in pagefind_pages(site):  # the site search's results (Pagefind drops index.html unless told)
        found.setdefault(url, set()).add("pagefind")
    missing = {address: sorted(sources)[:3] for address, sources in found.items()
               if address and not (site / address).is_file()}
    assert not missing, missing


def test_every_id_is_unique_and_every_fragment_link_lands(site: Path) -> None:
    """What link checkers verify: a page's ids are unique (a course's own "Before you start"
    beside the template's) and each ``href="#x"``, label and ARIA reference names one of them."""
    problems = [problem for url, document in html_pages(site) for problem in id_problems(url, document)]
    assert not problems, problems


def test_search_index_and_sitemap_cover_generated_pages(site: Path) -> None:
    indexed = pagefind_pages(site)
    expected = {*(f"courses/{c}/" for c in public("courses")),
                *(f"tracks/{t}/" for t in public("tracks")), *(f"plans/{p}/" for p in public("plans"))}
    assert expected <= set(indexed)
    assert not {f"courses/{c}/" for c in SOURCES["courses"]} - expected & set(indexed)
    assert "catalog/" not in indexed and "reference/fields/" not in indexed  # cards repeat courses; YAML tables
    sitemap = (site / "sitemap.xml").read_bytes()
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == sitemap
    urls = {e.text for e in parse_html(sitemap.decode("utf-8")).find_all("loc")}
    assert {f"https://academy.keystone.example/{u}" for u in {*expected, "catalog/"}} <= urls
    lastmod = {u.find("loc").text: u.find("lastmod").text for u in parse_html(sitemap.decode("utf-8")).find_all("url")}
    course = SOURCES["courses"]["search-bootcamp-live"]
    assert lastmod["https://academy.keystone.example/courses/search-bootcamp-live/"] == str(course["last_reviewed"])


def test_search_index_reads_course_prose_not_facts(site: Path) -> None:
    """Title, summary and body are searchable; facts, session dates and buttons and lists of
    other pages, still on the page, are not (they would match every query for "beginner").
    The sessions' heading is, so that an instructor or venue is found under it (9df22cc)."""
    course = SOURCES["courses"]["search-bootcamp-live"]
    indexed = pagefind_pages(site)["courses/search-bootcamp-live/"]
    assert indexed["meta"]["title"] == course["title"]
    text = indexed["content"]
    assert course["summary"] in text and "Literal search and reading results" in text  # from index.md
    assert "¶" not in text
    shown = article(site, "courses/search-bootcamp-live/").text
    for fact in ("Add to calendar", "Part of"):
        assert fact in shown and fact not in text, fact
    assert indexed["filters"]["level"] == ["Beginner"] and indexed["filters"]["role"] == ["End user"]


def test_the_home_page_is_found_by_its_own_words_not_by_its_lists(site: Path) -> None:
    """The home page's lists (roles, next sessions, tracks, plans, the steps) repeat other
    pages' words: it came up first for course titles and instructors' names."""
    home = pagefind_pages(site)[""]["content"]
    shown = article(site, "").text
    for listed in (*(t["title"] for t in SOURCES["tracks"].values()), *(p["title"] for p in SOURCES["plans"].values())):
        assert listed in shown and listed not in home, listed
    prose = (REPO / "docs/index.md").read_text(encoding="utf-8")
    assert "Questions about a course or a session" in prose and "Questions about a course or a session" in home


def test_a_plan_is_found_by_its_own_words_not_by_the_form_around_them(site: Path) -> None:
    """The line a personalised plan shows ("Prepared for ... kickoff ... time zone"), empty and
    hidden until then, was in every plan's search excerpt."""
    for plan_id in SOURCES["plans"]:
        indexed = pagefind_pages(site)[f"plans/{plan_id}/"]["content"]
        assert SOURCES["plans"][plan_id]["summary"] in indexed and "Prepared for" not in indexed, plan_id


def test_unit_results_name_their_course(site: Path) -> None:
    course = SOURCES["courses"]["admin-essentials"]
    unit = course["units"][0]
    indexed = pagefind_pages(site)[f"courses/admin-essentials/{unit['file'][:-3]}/"]
    assert indexed["meta"] == {"title": unit["title"], "course": course["title"]} or (
        indexed["meta"]["course"] == course["title"] and indexed["meta"]["title"] == unit["title"])




def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_site(REPO / "mkdocs.yml", again)
    files = reproducible_files(site)
    assert files == reproducible_files(again)
    assert len(files) > 100
    different = [f for f in files if (site / f).read_bytes() != (again / f).read_bytes()]
    assert not different


# --- small fixture catalogs ----------------------------------------------------------------------


def new_catalog(root: Path, audience: str = "public", extra: str = "") -> CatalogDir:
    catalog = CatalogDir(root)
    catalog.write("mkdocs.yml", MKDOCS_TEMPLATE.format(audience=audience) + extra)
    catalog.write("docs/index.md", "# Welcome\n\nTraining for our customers.\n")
    return catalog


def write_dated_catalog(catalog: CatalogDir) -> None:
    """Sessions around "today", a stale and a fresh review, materials next to stray files."""
    catalog.course("live", format="virtual-ilt", last_reviewed="2025-01-01", sessions=[
        {"start": "2026-11-10T10:00", "timezone": "Europe/Berlin", "instructors": ["Past Person"]},
        {"start": "2026-11-18T18:00", "timezone": "America/New_York", "instructors": ["Today Person"]},
        {"start": "2026-12-01T09:00", "timezone": "Asia/Tokyo", "status": "full"},
        {"start": "2026-12-02T09:00", "timezone": "Europe/London", "status": "cancelled"},
        {"start": "2026-12-03T16:00", "timezone": "America/Los_Angeles",
         "registration_url": "https://events.test/register/3"},
    ])
    catalog.course("fresh", last_reviewed="2026-06-01", program_weeks=3, roles=["end-user"],  # a role without sessions
                   materials=[{"title": "Handout", "kind": "handout", "file": "handout.txt"}])
    catalog.write("courses/fresh/handout.txt", "handout\n")
    catalog.write("courses/fresh/notes.txt", "trainer notes, not a material\n")
    catalog.write("courses/fresh/extra/slides.txt", "not a material either\n")
    catalog.course("sketch", status="draft", title="Sketch of a course")


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dated")
    catalog = new_catalog(root / "catalog")
    write_dated_catalog(catalog)
    # Courses overdue for review on purpose: printed, never a reason to fail --strict.
    build = build_site(catalog.config, root / "site")
    assert "INFO    -  courses/live/course.yml:" in build.stderr and "is older than" in build.stderr
    return root / "site"


def test_sessions_before_today_are_hidden_and_states_are_shown(dated_site: Path) -> None:
    body = article(dated_site, "courses/live/")
    items = body.find_all("li", cls="syllabus-session")
    assert [i.find("time").attrs["data-zone"] for i in items] == [
        "America/New_York", "Asia/Tokyo", "Europe/London", "America/Los_Angeles"]
    assert "Past Person" not in body.text and "Today Person" in items[0].text
    states = [i.find_all("strong", cls="syllabus-state") for i in items]
    assert [s[0].text if s else None for s in states] == [None, "Full", "Cancelled", None]
    assert not items[2].find_all("a", cls="syllabus-ics")  # nothing to add for a cancelled session
    assert [a.attrs["href"] for a in items[3].find_all("a", cls="md-button--primary")] == [
        "https://events.test/register/3"]
    document = json.loads((dated_site / "catalog.json").read_text(encoding="utf-8"))
    live = next(c for c in document["courses"] if c["id"] == "live")
    assert [s["start"][:10] for s in live["sessions"]] == ["2026-11-18", "2026-12-01", "2026-12-02", "2026-12-03"]


def test_calendars_are_published_not_sent_and_never_empty(site: Path, dated_site: Path) -> None:
    """No iTIP METHOD (PUBLISH would need an ORGANIZER, RFC 5546 3.2.1), and one component or
    more in each calendar (RFC 5545 3.6), the feed of a role with no sessions included."""
    import icalendar

    calendars = sorted([*site.rglob("*.ics"), *dated_site.rglob("*.ics")])
    assert len(calendars) > 20
    for path in calendars:
        data = path.read_bytes()
        assert b"METHOD" not in data, path
        assert icalendar.Calendar.from_ical(data).subcomponents, path
    empty = icalendar.Calendar.from_ical((dated_site / "sessions-end-user.ics").read_bytes())
    assert not empty.walk("VEVENT") and [zone["TZID"] for zone in empty.walk("VTIMEZONE")] == ["UTC"]


def test_staleness_is_judged_against_source_date_epoch(dated_site: Path) -> None:
    stale = article(dated_site, "courses/live/").find("footer", cls="syllabus-meta")
    assert stale.find("strong", cls="syllabus-stale").text == "review overdue since Thu, Jan 1, 2026"
    fresh = article(dated_site, "courses/fresh/").find("footer", cls="syllabus-meta")
    assert "Last reviewed Mon, Jun 1, 2026" in fresh.text and not fresh.find_all(cls="syllabus-stale")


def test_stray_files_in_a_course_folder_are_not_published(dated_site: Path) -> None:
    assert (dated_site / "courses/fresh/handout.txt").read_text(encoding="utf-8") == "handout\n"
    assert not (dated_site / "courses/fresh/notes.txt").exists()
    assert not (dated_site / "courses/fresh/extra").exists()
    assert facts(article(dated_site, "courses/fresh/"))["Duration"] == "1 h over 3 weeks"


def test_public_build_leaves_out_drafts_and_insights(dated_site: Path) -> None:
    assert not (dated_site / "courses/sketch").exists()
    assert not (dated_site / "insights").exists()
    assert not page(dated_site, "courses/live/").find_all(cls="syllabus-banner")


def test_audience_plugin_option_builds_internal_site_with_banners(tmp_path: Path) -> None:
    catalog = new_catalog(tmp_path / "catalog", audience="internal")
    write_dated_catalog(catalog)
    build_site(catalog.config, tmp_path / "site")
    body = article(tmp_path / "site", "courses/sketch/")
    assert body.find("h1").text == "Sketch of a course"
    assert body.find("div", cls="syllabus-banner").find("p", cls="admonition-title").text == (
        "Draft: not on the public site")
    assert (tmp_path / "site/insights/index.html").is_file()
    assert "sketch" in [c["id"] for c in json.loads((tmp_path / "site/catalog.json").read_text())["courses"]]


def test_custom_dir_overrides_a_plugin_template(catalog: CatalogDir, tmp_path: Path) -> None:
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    catalog.write("overrides/syllabus/course.html",
                  '<article class="house-style"><h1>{{ course.title }}</h1><p>{{ course.summary }}</p></article>\n')
    catalog.course("intro", title="Intro <b>now</b>")
    catalog.track("path", track_data("path", ["intro"]))
    catalog.plan("plan", plan_data("plan"))
    build_site(catalog.config, tmp_path / "site")
    body = article(tmp_path / "site", "courses/intro/")
    assert body.classes == {"house-style"}
    assert body.find("h1").text == "Intro <b>now</b>" and not body.find_all("b")
    assert article(tmp_path / "site", "tracks/path/").classes == {"syllabus-track"}  # the others stay


def test_dirty_build_is_refused(catalog: CatalogDir, tmp_path: Path) -> None:
    catalog.course("intro")
    site = tmp_path / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--dirty", "-f", str(catalog.config), "-d", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, check=False,
                            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode != 0
    assert "--dirty is not supported" in result.stderr and "Traceback" not in result.stderr
    assert not site.exists()


def test_content_error_aborts_with_a_positioned_diagnostic_and_writes_nothing(
        catalog: CatalogDir, tmp_path: Path, run_cli) -> None:
    catalog.course("intro")
    catalog.write("courses/intro/index.md", "# Intro\n\nNext: [setup](setp.md).\n")
    catalog.course("broken", course_data("broken", level="expert"))
    site = tmp_path / "site"
    result = build_site(catalog.config, site, check=False)
    assert result.returncode == 1
    line = next(n for n, text in enumerate(catalog.root.joinpath("courses/broken/course.yml")
                                           .read_text(encoding="utf-8").splitlines(), 1) if text.startswith("level:"))
    assert f"courses/broken/course.yml:{line}:8: error: level: 'expert' is not one of" in result.stderr
    assert "Traceback" not in result.stderr
    # Every problem validate reports, the Markdown's too: a trainer fixing course.yml met the
    # broken link only in the next run (trainer review).
    errors = [line for line in run_cli("validate", "-f", catalog.config).out.splitlines() if ": error: " in line]
    assert len(errors) == 2 and errors[0].startswith("courses/broken/course.yml:")
    assert errors[1].startswith("courses/intro/index.md:3:") and "'setp.md' not found" in errors[1]
    assert [line.removeprefix("ERROR   -  ") for line in result.stderr.splitlines() if ": error: " in line] == errors
    assert not site.exists()
    # A site from an earlier build is left exactly as it was, not cleaned half-way.
    site.mkdir()
    (site / "earlier.html").write_text("earlier\n", encoding="utf-8")
    assert build_site(catalog.config, site, check=False).returncode == 1
    assert site_files(site) == ["earlier.html"]


def test_renamed_course_keeps_its_old_url(catalog: CatalogDir, tmp_path: Path) -> None:
    catalog.course("search-basics", redirect_from=["search-101"])
    site = tmp_path / "site"
    build_site(catalog.config, site)
    redirect = parse_html((site / "courses" / "search-101" / "index.html").read_text(encoding="utf-8"))
    assert redirect.find("meta", http_equiv="refresh").attrs["content"] == "0; url=../search-basics/"
    assert redirect.find("link", rel="canonical").attrs["href"] == "../search-basics/"
    assert redirect.find("meta", name="robots").attrs["content"] == "noindex"
    assert (site / "courses" / "search-basics" / "index.html").is_file()
    assert "courses/search-101/" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_unit_file_written_with_dot_segments_is_its_page(catalog: CatalogDir, tmp_path: Path) -> None:
    """The schema takes "./lab.md" (as the rules compare it, lab.md): the page was built with
    its title alone, no text, and a renamed course's old address of it was never checked."""
    catalog.course("c", units=[{"title": "Lab", "file": "./lab.md"}, {"title": "Step", "file": "more//step.md"}],
                   redirect_from=["old-c"])
    catalog.write("courses/c/lab.md", "# Lab\n\nThe lab's own words.\n")
    catalog.write("courses/c/more/step.md", "# Step\n\nThe step's own words.\n")
    site = tmp_path / "site"
    build_site(catalog.config, site)
    assert "The lab's own words." in page(site, "courses/c/lab/").text
    assert "The step's own words." in page(site, "courses/c/more/step/").text
    assert (site / "courses/old-c/lab/index.html").is_file()


@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_renamed_courses_old_unit_addresses_lead_to_its_units(catalog: CatalogDir, tmp_path: Path,
                                                                directory_urls: bool) -> None:
    """Only the course's own old page was kept: a bookmarked unit of a renamed course was a 404."""
    units = [{"title": "Lab", "file": "lab.md"}, {"title": "Step", "file": "more/step.md"}]
    catalog.course("search-basics", redirect_from=["search-101"], units=units)
    catalog.write("courses/search-basics/lab.md", "# Lab\n\nText.\n")
    catalog.write("courses/search-basics/more/step.md", "# Step\n\nText.\n")
    if not directory_urls:
        catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8") + "use_directory_urls: false\n")
    site = tmp_path / "site"
    build_site(catalog.config, site)
    kept = {"courses/search-101/lab/index.html": "../../search-basics/lab/",
            "courses/search-101/more/step/index.html": "../../../search-basics/more/step/"} if directory_urls else {
            "courses/search-101/lab.html": "../search-basics/lab.html",
            "courses/search-101/more/step.html": "../../search-basics/more/step.html"}
    for old, moved_to in kept.items():
        redirect = parse_html((site / old).read_text(encoding="utf-8"))
        assert redirect.find("meta", http_equiv="refresh").attrs["content"] == f"0; url={moved_to}", old
        assert redirect.find("link", rel="canonical").attrs["href"] == moved_to, old
        target = (site / old).parent / moved_to
        assert (target / "index.html" if moved_to.endswith("/") else target).is_file(), old


def test_a_symlink_in_docs_stops_the_build(catalog: CatalogDir, tmp_path: Path) -> None:
    catalog.course("intro")
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for customers")
    os.symlink(secret, catalog.root / "docs" / "diagram.png")
    result = build_site(catalog.config, tmp_path / "site", check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "symlinks are never published" in result.stderr and "diagram.png" in result.stderr
    assert not (tmp_path / "site").exists()


def test_files_mkdocs_leaves_out_are_never_read(catalog: CatalogDir, run_cli, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A FIFO named notes.md in a folder exclude_docs leaves out hung the public build, which
    read every page's front matter for authoring: true (attack, stop 45); a symlink there
    stopped it, with no line, where validate said nothing. MkDocs publishes neither: both
    pass, as validate does, and neither reaches the site."""
    catalog.course("intro")
    catalog.write("docs/scratch/keep.md", "# Kept out\n")
    os.mkfifo(catalog.root / "docs/scratch/notes.md")
    (catalog.root / "docs/scratch/passwd.md").symlink_to("/etc/passwd")
    catalog.config.write_text(catalog.config.read_text(encoding="utf-8") + "exclude_docs: |\n  /scratch/\n",
                              encoding="utf-8")
    monkeypatch.setenv("SYLLABUS_AUDIENCE", "public")
    assert run_cli("validate", "-f", catalog.config).code == 0
    result = build_site(catalog.config, tmp_path / "site", check=False, env={"SYLLABUS_AUDIENCE": "public"},
                        timeout=120)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site/scratch").exists()


def test_markdown_saved_on_windows_builds_like_markdown_saved_on_unix(catalog: CatalogDir, tmp_path: Path) -> None:
    """The build converts the text validation checked (read once); a BOM and CRLF line ends
    must come out as the same page as plain LF text."""
    body = "## Overview\n\nFirst line\nsecond line.\n\n- one\n- two\n\n```\ncode\n```\n"
    unit = "# Lab\n\nDo this.\r\nThen that.\n"
    for name, encode in (("unix", str.encode), ("windows", lambda text: b"\xef\xbb\xbf" + text.replace(
            "\n", "\r\n").encode())):
        catalog.course(name, units=[{"title": "Lab", "file": "lab.md", "minutes": 5}])
        catalog.write(f"courses/{name}/index.md", encode(body))
        catalog.write(f"courses/{name}/lab.md", encode(unit.replace("\r\n", "\n")))
    site = tmp_path / "site"
    build_site(catalog.config, site)
    for url in ("courses/{}/", "courses/{}/lab/"):
        unix, windows = (page(site, url.format(name)).find("article") for name in ("unix", "windows"))
        assert windows.raw_text == unix.raw_text.replace("unix", "windows")
    overview = page(site, "courses/windows/").find("div", cls="syllabus-body").raw_text
    assert "First line\nsecond line." in overview and "\r" not in overview and "\ufeff" not in overview


@pytest.mark.parametrize("with_plan", [False, True])
def test_the_calendar_library_is_loaded_only_for_plans(catalog: CatalogDir, tmp_path: Path, with_plan: bool) -> None:
    """icalendar is a costly import; session calendars are written without it."""
    catalog.course("intro", format="virtual-ilt", sessions=[{"start": "2027-07-01T10:00", "timezone": "UTC"}])
    if with_plan:
        catalog.plan("onboarding", plan_data("onboarding"))
    script = ("import sys; from mkdocs.commands.build import build; from mkdocs.config import load_config; "
              "build(load_config(sys.argv[1], site_dir=sys.argv[2])); print('icalendar' in sys.modules)")
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-c", script, str(catalog.config), str(site)], capture_output=True,
                            text=True, check=True, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    assert result.stdout.split()[-1] == str(with_plan)
    assert len(list(site.glob("courses/intro/sessions/*.ics"))) == 1
    assert (site / "plans" / "onboarding" / "plan.ics").is_file() is with_plan


def test_a_hand_written_page_where_a_generated_one_goes_stops_the_build(catalog: CatalogDir, tmp_path: Path) -> None:
    catalog.course("intro")
    catalog.write("docs/catalog/index.md", "# My own catalog\n")
    result = build_site(catalog.config, tmp_path / "site", check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("docs/catalog/index.md:1:1: error: the site generates catalog/index.md at catalog/index.html"
            in result.stderr)
    assert not (tmp_path / "site").exists()


def test_build_fails_clearly_when_pagefind_cannot_run(tmp_path: Path) -> None:
    """A site without its search is never published."""
    catalog = new_catalog(tmp_path / "catalog")
    catalog.course("basics")
    missing = tmp_path / "no-pagefind"
    result = build_site(catalog.config, tmp_path / "site", check=False, env={"PAGEFIND_BINARY_PATH": str(missing)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"site search needs Pagefind's binary (not found at {missing})" in result.stderr
    assert not (tmp_path / "site").exists()  # found out before anything was written
    failing = tmp_path / "failing-pagefind"
    failing.write_text("#!/bin/sh\necho 'index write failed' >&2\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    result = build_site(catalog.config, tmp_path / "site2", check=False, env={"PAGEFIND_BINARY_PATH": str(failing)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"Pagefind could not index the site ({failing}): index write failed" in result.stderr


def test_hand_written_pages_take_their_language_from_front_matter(tmp_path: Path) -> None:
    catalog = new_catalog(tmp_path / "catalog")
    catalog.course("basics")
    catalog.write("docs/ja.md", "---\nlanguage: ja\n---\n# はじめに\n\n検索の使い方を学びます。\n")
    site = tmp_path / "site"
    build_site(catalog.config, site)
    japanese = page(site, "ja/")
    assert japanese.find("html").attrs["lang"] == "en"  # the site's, as the chrome around it is
    assert japanese.find("div", lang="ja").find("h1").text == "はじめに"  # the page's own words
    assert pagefind_pages(site)["ja/"]["filters"]["language"] == ["ja"]
    languages = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    assert languages["ja"]["page_count"] == 1  # filed under Japanese: segmented as Japanese
    catalog.write("docs/ja.md", '---\nlanguage: \'ja" onload="x\'\n---\n# Hi\n')
    result = build_site(catalog.config, tmp_path / "bad", check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "docs/ja.md:2:1: error: 'language' must be a language tag such as en or ja" in result.stderr


@pytest.mark.parametrize("kind", ["tracks", "plans"])
def test_search_index_reads_track_and_plan_prose_not_course_lists(site: Path, kind: str) -> None:
    indexed = pagefind_pages(site)
    for item_id, item in public(kind).items():
        record = indexed[f"{kind}/{item_id}/"]
        assert record["meta"]["title"] == item["title"] and item["summary"] in record["content"]
        sections = item.get("sections") or item["phases"]
        assert all(section["title"] in record["content"] for section in sections)
        own_words = json.dumps(item, ensure_ascii=False)
        courses = track_items(item) if kind == "tracks" else [(c, True) for c in plan_course_ids(item)]
        titles = {SOURCES["courses"][c]["title"] for c, _ in courses}
        assert titles and not {t for t in titles if t in record["content"] and t not in own_words}


@pytest.mark.parametrize("home", ["# Tracks\n\n## Next sessions\n\nWelcome.\n", "Welcome.\n\n## Top\n\n## Roles\n"])
def test_headings_named_like_the_pages_own_ids_never_repeat_an_id(catalog: CatalogDir, tmp_path: Path,
                                                                   home: str) -> None:
    """Authors' headings slug to ids the templates and the page chrome use: the home page's
    title and sections, a course's sections, the search box's ids."""
    catalog.course("basics", units=[{"title": "Unit", "file": "unit.md"}], prerequisites=[],
                   outcomes=["Search"])
    catalog.write("courses/basics/index.md", "## Sessions\n\n## Outcomes\n\n## Syllabus search results\n\n"
                                             "## Syllabus messages {#units}\n")
    catalog.write("courses/basics/unit.md", "# Unit\n\n## Units of course\n\n## Syllabus search status\n")
    catalog.write("docs/index.md", home)
    site = tmp_path / "site"
    build_site(catalog.config, site)
    pages = dict(html_pages(site))
    assert {"", "courses/basics/", "courses/basics/unit/"} <= set(pages)
    assert [problem for url, document in pages.items() for problem in id_problems(url, document)] == []


def test_a_unit_links_its_courses_materials_and_shows_its_images(catalog: CatalogDir, tmp_path: Path) -> None:
    """Files of the course folder a unit links to or shows are site files: MkDocs resolves the
    links (a strict build passes) and the files are published beside the course page; an
    image the text never mentions, an SVG and an unsafe name are not."""
    catalog.course("basics", units=[{"title": "Unit", "file": "unit.md"}, {"title": "Lab", "file": "lab/index.md"}],
                   materials=[{"title": "Handout", "kind": "handout", "file": "handout.txt"}])
    catalog.write("courses/basics/unit.md", "# Unit\n\nGet the [handout](handout.txt), then compare\n"
                                            "![the diagram](diagram.png) with ![a screenshot](shots/step-1.webp).\n"
                                            "The logo.svg and the bad name.png are not shown; data.png is a name.\n")
    catalog.write("courses/basics/lab/index.md", "# Lab\n\n![Before](./before.png) and ![after](../after.jpg)\n\n"
                  "<!-- ![old](old.png) -->\n\n```\n![draft](draft.png)\n```\n\nNot `shot.png` either,\n"
                  "nor ``![x](double.png)``.\n\n> ```\n> ![q](quoted.png)\n> ```\n\n<pre>pre.png</pre>\n")
    catalog.write("courses/basics/handout.txt", "handout\n")
    # Not shown: a name only text mentions, one inside another word, a same-named trainer note,
    # and paths in a comment or code.
    for name in ("diagram.png", "shots/step-1.webp", "unused.png", "logo.svg", "bad name.png", "a.png",
                 "trainer-notes/diagram.png", "lab/before.png", "after.jpg", "lab/old.png", "lab/draft.png",
                 "lab/shot.png", "lab/double.png", "lab/quoted.png", "lab/pre.png"):
        catalog.write(f"courses/basics/{name}", "not really an image\n")
    site = tmp_path / "site"
    build_site(catalog.config, site)  # strict: a link MkDocs cannot resolve would be a warning
    published = sorted(path.relative_to(site / "courses/basics").as_posix()
                       for path in (site / "courses/basics").rglob("*") if path.is_file())
    assert published == ["after.jpg", "diagram.png", "handout.txt", "index.html", "lab/before.png", "lab/index.html",
                         "shots/step-1.webp", "unit/index.html"]
    unit = article(site, "courses/basics/unit/")
    assert [a.attrs["href"] for a in unit.find_all("a") if "handout" in a.attrs.get("href", "")] == ["../handout.txt"]
    assert [img.attrs["src"] for img in unit.find_all("img")] == ["../diagram.png", "../shots/step-1.webp"]
    broken = [f"{url}: {ref}" for url, ref, target in internal_references(site) if not target.is_file()]
    assert broken == []


def test_japanese_lines_of_the_source_do_not_become_spaces(catalog: CatalogDir, tmp_path: Path) -> None:
    """A browser shows a line break between two Japanese characters as a space; the build
    drops it (also beside a link or emphasis), except in code blocks, and keeps it between
    English words (and in Korean)."""
    catalog.course("basics", language="ja")
    catalog.write("courses/basics/index.md", "コードを\n見つけます。\n「検索」\nを使います。Search\nwords "
                                             "한국어\n문장\n\n```\nコード\nです\n```\n")
    catalog.write("docs/guide.md", "# ガイド\n\n毎週\n実行します。英語版は\n[こちら](index.md)\nです。"
                                   "**太字**\nの後。\n")
    site = tmp_path / "site"
    build_site(catalog.config, site)
    course = (site / "courses/basics/index.html").read_text(encoding="utf-8")
    assert "コードを見つけます。「検索」を使います。Search\nwords 한국어\n문장" in course
    assert "<code>コード\nです\n</code></pre>" in course
    guide = (site / "guide/index.html").read_text(encoding="utf-8")
    assert '毎週実行します。英語版は<a href="../">こちら</a>です。<strong>太字</strong>の後。' in guide


def test_exclude_docs_patterns_leave_the_sites_own_files_alone(catalog: CatalogDir, tmp_path: Path) -> None:
    """exclude_docs and draft_docs are about docs/ (MkDocs applies them to every file after
    the plugins): a ``*.csv`` there must not drop every plan's CSV, nor ``*.ics`` the calendars."""
    patterns = "".join(f"  *.{suffix}\n" for suffix in ("csv", "ics", "xml", "json", "html", "pdf", "png", "css", "js"))
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8")
                  + f"exclude_docs: |\n{patterns}draft_docs: |\n  plans/\n  courses/\n")
    catalog.course("live", format="virtual-ilt", redirect_from=["old-live"],
                   materials=[{"title": "Handout", "kind": "handout", "file": "handout.pdf"}],
                   sessions=[{"start": "2026-12-03T10:00", "timezone": "Europe/Berlin"}])
    catalog.write("courses/live/index.md", "# Live\n\n![Flow](flow.png)\n")
    catalog.write("courses/live/handout.pdf", b"%PDF-1.4\n")
    catalog.write("courses/live/flow.png", b"\x89PNG\r\n\x1a\n")
    catalog.plan("onboarding", plan_data("onboarding"))
    catalog.write("docs/notes.csv", "a,b\n")
    result = build_site(catalog.config, tmp_path / "site", strict=False)
    # *.png leaves the theme's favicon out too (MkDocs applies it to every file): said, not mended
    assert ("theme.favicon: 'assets/images/favicon.png' is no file of the site, and every page would ask for "
            "it; exclude_docs or draft_docs leaves it out of the site") in result.stderr
    site = tmp_path / "site"
    expected = ["catalog.json", "courses.xml", "sessions.ics", "sessions-admin.ics", "plans/onboarding/plan.csv",
                "plans/onboarding/plan.ics", "plans/onboarding/plan.md", "courses/old-live/index.html",
                "courses/live/sessions/20261203T1000-europe-berlin.ics", "courses/live/handout.pdf",
                "courses/live/flow.png", "assets/syllabus/syllabus.css", "assets/syllabus/syllabus.js"]
    assert [path for path in expected if not (site / path).is_file()] == []
    assert not (site / "notes.csv").exists()  # the docs folder's own file is excluded as asked


def test_the_home_pages_steps_say_what_this_catalog_offers(catalog: CatalogDir, tmp_path: Path) -> None:
    """A one-course catalog from `syllabus new` said "Each role has a learning path" with no
    track, and that its catalog filters by product with no product."""
    catalog.course("only")
    build_site(catalog.config, tmp_path / "one")
    steps = page(tmp_path / "one", "").find("ol", "syllabus-steps").text
    assert "learning path" not in steps and "live class" not in steps
    assert "Start any course right away and take it at your own pace." in steps
    assert "filters every course by role, level, format, language, length." in steps
    catalog.course("live", format="virtual-ilt", products=["code-search"])
    catalog.track("path", track_data("path", ["only"]))
    build_site(catalog.config, tmp_path / "two")
    steps = page(tmp_path / "two", "").find("ol", "syllabus-steps").text
    assert "A learning path gives the courses to take" in steps and "or join a live class" in steps
    assert "filters every course by role, level, format, product, language, length." in steps
    for course_id in ("only", "live"):  # none public: nothing to learn or find, no steps (were "by .")
        catalog.course(course_id, visibility="internal")
    (catalog.root / "tracks" / "path.yml").unlink()
    build_site(catalog.config, tmp_path / "none")
    assert not page(tmp_path / "none", "").find_all("ol", "syllabus-steps")


def test_with_toc_integrate_a_course_page_shows_its_contents_beside_the_nav(catalog: CatalogDir,
                                                                           tmp_path: Path) -> None:
    """Material puts the contents in the nav under the page's entry, and course and unit
    pages have none: they showed no table of contents at all."""
    catalog.write("courses/c/index.md", "## First part\n\nText.\n\n## Second part\n\nMore.\n")
    catalog.course("c")
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8").replace(
        "theme:\n  name: material\n", "theme:\n  name: material\n  features: [toc.integrate, navigation.tabs]\n"))
    site = tmp_path / "site"
    build_site(catalog.config, site)
    document = page(site, "courses/c/")
    sidebar = document.find("div", "md-sidebar--primary")
    toc = sidebar.find("nav", "md-nav--secondary")
    assert {"#first-part", "#second-part"} <= {a.attrs.get("href") for a in toc.iter() if a.tag == "a"}
    assert not id_problems("courses/c/", document)
    home = page(site, "")  # listed in the nav: Material's own integrated contents, once
    assert len(home.find_all("nav", "md-nav--secondary")) <= 1


def test_a_file_every_page_loads_that_the_site_does_not_have_fails_a_strict_build(catalog: CatalogDir, run_cli,
                                                                                  tmp_path: Path) -> None:
    """extra_css, extra_javascript, extra.polyfills, theme.logo and favicon naming no file of
    the site passed validate and --strict, and every visitor's browser asked for them. A file
    is looked for as a browser finds it: a query, "./" and a backslash make no other file, an
    absolute path is under site_url's own, and a file exclude_docs keeps out is none. Validate
    warns of the same ones (it runs no other plugin, which might write such a file)."""
    catalog.write("docs/assets/site.css", "body { margin: 0 }\n")
    catalog.write("docs/js/site.js", "// the site's own\n")
    catalog.write("docs/drafts/logo.png", b"\x89PNG\r\n\x1a\n")
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8").replace(
        "site_url: https://academy.test/\n", "site_url: https://academy.test/sub/\n").replace(
        "theme:\n  name: material\n", "theme:\n  name: material\n  favicon: img/missing.png\n"
                                      "  logo: drafts/logo.png\n")
        + "exclude_docs: drafts/\n"
        + "extra_css: [assets/site.css, css/missing.css, /sub/assets/site.css, /assets/site.css, 'assets\\site.css',"
          " pagefind/pagefind-ui.css]\n"
        + "extra_javascript: ['js/site.js?v=2', ./js/site.js]\nextra:\n  polyfills: [js/gone.js]\n")
    result = build_site(catalog.config, tmp_path / "site", check=False)
    assert result.returncode != 0 and "docs/js/site.js" not in result.stderr, result.stderr  # listed: no docs script
    warned = [line.split("syllabus: ", 1)[1] for line in result.stderr.splitlines() if "is no file of the site" in line]
    assert [line.split(" is no file")[0] for line in warned] == [
        "mkdocs.yml:18:30: extra_css[1]: 'css/missing.css'", "mkdocs.yml:18:69: extra_css[3]: '/assets/site.css'",
        "mkdocs.yml:21:15: extra.polyfills[0]: 'js/gone.js'", "mkdocs.yml:6:9: theme.logo: 'drafts/logo.png'",
        "mkdocs.yml:5:12: theme.favicon: 'img/missing.png'"], warned
    validated = run_cli("validate", "-f", catalog.config)
    assert validated.code == 0 and "0 errors, 5 warnings" in validated.out, validated.out
    said = [line.replace(": warning: ", ": ", 1).split(" (hint: ")[0] for line in validated.out.splitlines()
            if "is no file of the site" in line]
    assert sorted(said) == sorted(warned), said


def test_pages_load_the_plugin_assets_by_a_digest_of_their_bytes(site: Path) -> None:
    """Material names its files by their content; ours keep their names and carry a digest
    as the query, so a host may cache them for long and a new release is fetched anew."""
    for url in ("", "courses/keystone-101/first-search/"):
        html = page(site, url)
        addresses = [str(e.attrs.get("href") or e.attrs.get("src") or "")
                     for e in html.find_all("link") + html.find_all("script")]
        ours = [urlsplit(a) for a in addresses if "assets/syllabus/" in a]
        assert len(ours) == 4, addresses  # plan.js: on the plan pages, which name it
        for address in ours:
            published = site / url / address.path
            assert address.query == f"v={hashlib.sha256(published.read_bytes()).hexdigest()[:12]}", address
    plan_script = urlsplit(page(site, "plans/enterprise-onboarding-90/").find(data_plan_script=True)
                           .attrs["data-plan-script"])
    published = site / "assets/syllabus" / plan_script.path  # beside syllabus.js, which loads it
    assert plan_script.query == f"v={hashlib.sha256(published.read_bytes()).hexdigest()[:12]}"


def test_each_unit_page_is_described_by_its_own_lead(site: Path) -> None:
    """Every unit page repeated its course's summary as its description (a search engine's
    duplicate); a unit's is its first paragraph, its course's summary only if it has none."""
    course = SOURCES["courses"]["keystone-101"]
    descriptions = [page(site, f"courses/keystone-101/{unit['file'][:-3]}/").find("meta", name="description")
                    .attrs["content"] for unit in course["units"]]
    assert len(set(descriptions)) == len(descriptions) and course["summary"] not in descriptions
    assert descriptions[1] == ("By default Keystone runs a literal search: it finds exactly the text you type, "
                               "across every repository you can access.")


def test_a_unit_is_described_by_its_front_matter_then_its_first_words(catalog: CatalogDir, tmp_path: Path) -> None:
    """A unit's `description:` was accepted and ignored; a unit opening with a picture fell
    back to its course's summary though a paragraph followed."""
    catalog.course("intro", units=[{"title": "Said", "file": "said.md"}, {"title": "Shown", "file": "shown.md"},
                                   {"title": "Bare", "file": "bare.md"}])
    catalog.write("courses/intro/said.md", "---\ndescription: What the trainer wrote.\n---\n# Said\n\nFirst words.\n")
    catalog.write("courses/intro/shown.md", "# Shown\n\n![Flow](flow.png)\n\nAfter the picture.\n")
    catalog.write("courses/intro/flow.png", b"\x89PNG\r\n\x1a\n")
    catalog.write("courses/intro/bare.md", "# Bare\n\n## Only headings\n")
    site = tmp_path / "site"
    build_site(catalog.config, site)
    described = {name: page(site, f"courses/intro/{name}/").find("meta", name="description").attrs["content"]
                 for name in ("said", "shown", "bare")}
    summary = yaml.safe_load((catalog.root / "courses/intro/course.yml").read_text(encoding="utf-8"))["summary"]
    assert described == {"said": "What the trainer wrote.", "shown": "After the picture.", "bare": summary}


def test_a_site_with_the_plugin_disabled_builds_its_docs_alone(catalog: CatalogDir, tmp_path: Path) -> None:
    """`enabled: false` (Material's switch for its own plugins) stopped the build with an
    AssertionError from the Markdown of the first page."""
    catalog.course("intro")
    catalog.write("docs/guide.md", "# Guide\n\n!!! note\n    Untitled.\n")
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8").replace(
        "  - syllabus:\n", "  - syllabus:\n      enabled: false\n") + "markdown_extensions: [admonition]\n")
    build_site(catalog.config, tmp_path / "site")
    assert (tmp_path / "site/guide/index.html").is_file() and not (tmp_path / "site/courses").exists()


def test_a_site_with_no_course_published_says_so(catalog: CatalogDir, tmp_path: Path) -> None:
    """Every course still a draft: the catalog offered filters, a sort and "No course matches
    your search and filters" for a search nobody made, and the home page had nothing but a
    search box (customer review, stop 42)."""
    catalog.course("coming", status="draft")
    build_site(catalog.config, tmp_path / "site")
    listing = page(tmp_path / "site", "catalog/")
    assert not listing.find_all("form", cls="syllabus-filters") and not listing.find_all(cls="syllabus-empty")
    assert "No courses are published yet." in listing.find("p", cls="syllabus-lead").text
    assert listing.find("h2", id="subscribe").text == "Subscribe"
    home = page(tmp_path / "site", "")
    note = next(p for p in home.find("section", cls="syllabus-hero").find_all("p") if "published yet" in p.text)
    assert note.find("a").attrs["href"] == "catalog/#subscribe"


def test_a_live_course_with_no_date_says_so_on_its_card(catalog: CatalogDir, tmp_path: Path) -> None:
    """A live course with no session and an on-demand alternative read "On demand", as a
    self-paced course does (customer review, stop 45): it has no date, and a link to the
    alternative, as its page says."""
    catalog.course("recorded")
    catalog.course("workshop", format="virtual-ilt", on_demand={"course": "recorded"})
    catalog.course("briefing", format="virtual-ilt")
    build_site(catalog.config, tmp_path / "site")
    cards = page(tmp_path / "site", "catalog/").find_all("li", cls="syllabus-card")
    lines = {card.attrs["data-id"]: card.find("p", cls="syllabus-next") for card in cards}
    assert {course: " ".join(line.text.split()) for course, line in lines.items()} == {
        "recorded": "On demand", "briefing": "No open session scheduled",
        "workshop": "No open session scheduledOr take it on demand"}
    assert [a.attrs["href"] for a in lines["workshop"].find_all("a")] == ["../courses/recorded/"]


def test_a_card_names_the_first_roles_of_a_course_for_many(catalog: CatalogDir, tmp_path: Path) -> None:
    """Thirty roles made a card's "For" line 1,000 px tall on a phone (customer review, stop 42):
    the first three and how many more; up to four in full. The course page names them all."""
    roles = [f"role-{n}" for n in range(6)]
    config = catalog.config.read_text(encoding="utf-8")
    catalog.write("mkdocs.yml", config.replace("        end-user: {title: End user}\n", "".join(
        f"        {role}: {{title: Role {role[-1]}}}\n" for role in roles)))
    catalog.course("many", roles=roles)
    catalog.course("four", roles=roles[:4])
    build_site(catalog.config, tmp_path / "site")
    cards = page(tmp_path / "site", "catalog/").find_all("li", cls="syllabus-card")
    lines = {card.attrs["data-id"]: card.find("p", cls="syllabus-muted").text for card in cards}
    assert lines == {"many": "For Role 0, Role 1, Role 2 and 3 more", "four": "For Role 0, Role 1, Role 2, Role 3"}
    facts = page(tmp_path / "site", "courses/many/").find("dl", cls="syllabus-facts").text
    assert all(f"Role {n}" in facts for n in range(6))
