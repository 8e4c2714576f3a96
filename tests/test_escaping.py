"""Hostile text in every free-text field stays text in every output of the site.

Titles, summaries, outcomes, notes, owners, instructors, unit, track, plan, phase and
milestone titles carry markup that would run if it ever became HTML, a template expression
(``{{ 7*7 }}`` would become ``49``), a Jinja block tag and a literal entity. The site is
parsed, not grepped, wherever structure matters: a payload is a failure when it becomes an
element or an attribute, and a success only when the reader sees exactly the authored text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from markdown_it import MarkdownIt
from syllabus.export import ics_escape, placeholders

from .conftest import MKDOCS_TEMPLATE, CatalogDir, build_site, course_data, csv_rows, plan_data, track_data
from .sitetools import (
    Element,
    embedded_json,
    html_pages,
    nav_tree,
    page,
    pagefind_pages,
    parse_html,
    schema_org_problems,
    site_files,
)

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
TEMPLATE = "{{ 7*7 }}"
BLOCK = "{% raw %}"
SVG = '"><svg onload=alert(1)>'
AMP = "&amp;"
QUOTE = "' autofocus onfocus='alert(1)"  # breaks out of a single-quoted attribute

COURSE_TITLE = f"Evil {IMG} {TEMPLATE} {AMP} {QUOTE}"
LIVE_TITLE = f"Live {SCRIPT} {SVG} {BLOCK}"
SUMMARY = f"Sum {IMG} {SCRIPT} {TEMPLATE} {BLOCK} {SVG} {AMP} {QUOTE}"
UNIT_TITLE = f"Unit {SVG} {TEMPLATE}"
TRACK_TITLE = f"Track {SVG} {TEMPLATE} {AMP}"
PLAN_TITLE = f"Plan {IMG} {SCRIPT} {QUOTE}"
OUTCOMES = [f"Out {IMG}", f"Out {SCRIPT}", f"Out {TEMPLATE} {BLOCK}", f"Out {SVG} {AMP}"]
# Owners must look like handles or emails (no spaces), which still leaves room for markup.
# Email owners are held to HTML's email syntax, which still allows quotes, '=', '&' and braces.
OWNERS = ["x'/onmouseover='alert`1`'@evil.test", "a&amp&#38{%x%}@evil.test", "{{7*7}}@evil.test"]
INSTRUCTORS = [f"Mallory {IMG}", f"Eve {SCRIPT} {TEMPLATE}", f"Trudy {SVG} {AMP}"]
TRACK_NOTE = f"Note {IMG} {SCRIPT} {BLOCK}"
PHASE = f"Phase {IMG} {TEMPLATE}"
MEETING = f"Kick {SCRIPT} {AMP}"
TASK_OWNER = f"Customer engineer {IMG}"  # an owner role's title, from the site's config
MILESTONE = f"Milestone {SVG}"
CRITERIA = f"Criteria {SCRIPT} {TEMPLATE}"
CREDENTIAL = f"Badge {IMG} {BLOCK}"
ROLE_DESCRIPTION = f"Reads {IMG} and {TEMPLATE}"
ROLE_TITLE = f"Admin {SVG} {TEMPLATE}"  # the site's own config, printed on every course page and card
# A unit's first paragraph, with markup written as entities: its page's description too.
UNIT_LEAD_SOURCE = f'Unit body {TEMPLATE} &lt;img src=x onerror=alert(1)&gt; "quoted".'
UNIT_LEAD = f'Unit body {TEMPLATE} <img src=x onerror=alert(1)> "quoted".'

# What each payload must never turn into, in the raw bytes of an HTML file.
MARKUP = ("<img src=x", "<img/src=x", "<script>alert", "<svg onload", "<svg/onload", "' autofocus")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    catalog = CatalogDir(root / "catalog")
    role = f"admin: {{title: {json.dumps(ROLE_TITLE)}, description: {json.dumps(ROLE_DESCRIPTION)}}}"
    config = MKDOCS_TEMPLATE.format(audience="public").replace("admin: {title: Administrator}", role)
    task_owners = f"      task_owners:\n        ce: {{title: {json.dumps(TASK_OWNER)}}}\n"
    config = config.replace("      video_hosts:", task_owners + "      video_hosts:")
    assert "description" in config
    config += "      owners: true\n"  # shown, so their escaping is tested too (off by default in public)
    catalog.write("mkdocs.yml", config)
    catalog.write("docs/index.md", f"# Welcome\n\nLiteral {TEMPLATE} and {BLOCK} in a hand-written page.\n")
    catalog.course("evil", course_data(
        "evil", title=COURSE_TITLE, summary=SUMMARY, outcomes=OUTCOMES, owners=OWNERS, tags=[f"tag {SVG}"],
        units=[{"title": UNIT_TITLE, "file": "unit.md"}],
        materials=[{"title": f"Handout {IMG}", "kind": "handout", "file": "handout.txt"}],
        credential={"type": "badge", "title": CREDENTIAL, "criteria": CRITERIA},
    ))
    catalog.write("courses/evil/index.md", f"Course body with {TEMPLATE} and {BLOCK}.\n")
    catalog.write("courses/evil/unit.md", f"{UNIT_LEAD_SOURCE}\n")
    catalog.write("courses/evil/handout.txt", "handout\n")
    catalog.course("evil-live", course_data(
        "evil-live", title=LIVE_TITLE, summary=SUMMARY, format="virtual-ilt", roles=["end-user"],
        sessions=[{"start": "2026-12-08T11:00", "timezone": "America/New_York", "instructors": INSTRUCTORS}],
    ))
    catalog.track("evil-track", track_data(
        "evil-track", [{"course": "evil", "note": TRACK_NOTE}, "evil-live"], title=TRACK_TITLE, summary=SUMMARY,
        outcomes=[f"Track outcome {SVG}"], owners=OWNERS[:1],
    ))
    catalog.plan("evil-plan", plan_data(
        "evil-plan", title=PLAN_TITLE, summary=SUMMARY, outcomes=[f"Plan outcome {IMG}"],
        phases=[{"title": PHASE, "start_day": 0, "end_day": 29, "items": [
            {"day": 0, "type": "meeting", "title": MEETING, "note": f"Bring {SVG}"},
            {"day": 1, "type": "task", "title": f"Task {TEMPLATE}", "owner": "ce"},
            {"day": 2, "type": "track", "track": "evil-track"},
            {"day": 3, "type": "course", "course": "evil-live", "note": f"Course note {TEMPLATE}"}]}],
        milestones=[{"day": 5, "title": MILESTONE, "success_criteria": CRITERIA}],
    ))
    build_site(catalog.config, root / "site")
    return root / "site"


def injections(document: Element) -> Iterator[str]:
    """Every element or attribute a payload could have become."""
    for element in document.iter():
        for name in element.attrs:
            if name.startswith("on") or name == "autofocus":
                yield f"<{element.tag} {name}>"
        if element.tag == "img" and element.attrs.get("src") == "x":
            yield "<img src=x>"
        if element.tag == "script" and "src" not in element.attrs:
            if element.attrs.get("type") in ("application/json", "application/ld+json"):
                json.loads(element.raw_text)  # a payload that closed the script would break the JSON
            elif "alert" in element.raw_text:
                yield f"<script>{element.raw_text[:40]}"


def visible_text(document: Element) -> str:
    """What a reader sees: text outside scripts and styles."""
    parts: list[str] = []

    def walk(element: Element) -> None:
        for child in element.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in ("script", "style"):
                walk(child)

    walk(document)
    return " ".join(" ".join(parts).split())


def text_of(value: str) -> str:
    """An HTML fragment (search index title or text) as the text it shows."""
    return parse_html(value).text


def test_every_html_file_keeps_payloads_inert(site: Path) -> None:
    pages = [f for f in site_files(site) if f.endswith(".html")]
    assert len(pages) >= 8
    for path in pages:
        raw = (site / path).read_text(encoding="utf-8")
        assert not list(injections(parse_html(raw))), path
        assert not [m for m in MARKUP if m in raw], path


PAGES = {
    "courses/evil/": [COURSE_TITLE, SUMMARY, *OUTCOMES, UNIT_TITLE, f"Handout {IMG}", CREDENTIAL, CRITERIA,
                      TRACK_TITLE, PLAN_TITLE, ", ".join(OWNERS), f"Course body with {TEMPLATE} and {BLOCK}.",
                      ROLE_TITLE],
    "courses/evil/unit/": [UNIT_TITLE, COURSE_TITLE, UNIT_LEAD],
    "courses/evil-live/": [LIVE_TITLE, SUMMARY, f"with {', '.join(INSTRUCTORS)}", TRACK_TITLE, PLAN_TITLE],
    "catalog/": [COURSE_TITLE, LIVE_TITLE, SUMMARY, f"For {ROLE_TITLE}"],
    "tracks/evil-track/": [TRACK_TITLE, SUMMARY, TRACK_NOTE, COURSE_TITLE, LIVE_TITLE, f"Track outcome {SVG}",
                           OWNERS[0]],
    "plans/evil-plan/": [PLAN_TITLE, SUMMARY, PHASE, MEETING, f"Bring {SVG}", f"Task {TEMPLATE}", TASK_OWNER,
                         TRACK_TITLE, COURSE_TITLE, LIVE_TITLE, f"Course note {TEMPLATE}", MILESTONE,
                         f"Success criteria: {CRITERIA}", f"Plan outcome {IMG}"],
    "": [ROLE_DESCRIPTION, f"Literal {TEMPLATE} and {BLOCK} in a hand-written page.", TRACK_TITLE],
}


@pytest.mark.parametrize("url", list(PAGES))
def test_hostile_text_reads_exactly_as_authored(site: Path, url: str) -> None:
    content = " ".join(page(site, url).find("article", cls="md-content__inner").text.split())
    for text in PAGES[url]:
        assert text in content, text


@pytest.mark.parametrize(("url", "title", "description"), [
    ("courses/evil/", COURSE_TITLE, SUMMARY),
    ("courses/evil/unit/", UNIT_TITLE, UNIT_LEAD),  # its first paragraph, as text
    ("courses/evil-live/", LIVE_TITLE, SUMMARY),
    ("tracks/evil-track/", TRACK_TITLE, SUMMARY),
    ("plans/evil-plan/", PLAN_TITLE, SUMMARY),
])
def test_title_description_and_heading_stay_text(site: Path, url: str, title: str, description: str) -> None:
    document = page(site, url)
    assert document.find("title").text == f"{title} - Test Academy"
    assert document.find("meta", name="description").attrs["content"] == description
    assert document.find("article", cls="md-content__inner").find("h1").text == title


def test_navigation_shows_track_and_plan_titles_as_text(site: Path) -> None:
    for url in ("", "courses/evil/"):
        nav = {label: [child for child, _, _ in children] for label, _, children in nav_tree(page(site, url))}
        assert nav["Tracks"] == [TRACK_TITLE] and nav["Plans"] == [PLAN_TITLE]


def test_templates_are_never_evaluated(site: Path) -> None:
    for url, document in html_pages(site):
        text = visible_text(document)
        assert "49" not in text, url
        assert "{% endraw %}" not in text
    course = visible_text(page(site, "courses/evil/"))
    assert course.count(TEMPLATE) >= 4 and BLOCK in course


def test_search_index_keeps_hostile_text_as_text(site: Path) -> None:
    """Pagefind stores text; results put it into the page as text (see the browser tests)."""
    indexed = pagefind_pages(site)
    assert indexed["courses/evil/"]["meta"]["title"] == COURSE_TITLE
    for url, record in indexed.items():
        assert "49" not in record["content"], url


def test_catalog_json_round_trips_every_string(site: Path) -> None:
    document = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    courses = {c["id"]: c for c in document["courses"]}
    assert (courses["evil"]["title"], courses["evil"]["summary"]) == (COURSE_TITLE, SUMMARY)
    assert courses["evil"]["tags"] == [f"tag {SVG}"]
    assert courses["evil-live"]["title"] == LIVE_TITLE
    assert courses["evil-live"]["sessions"][0]["instructors"] == INSTRUCTORS
    assert [(t["title"], t["summary"]) for t in document["tracks"]] == [(TRACK_TITLE, SUMMARY)]
    assert [(p["title"], p["summary"]) for p in document["plans"]] == [(PLAN_TITLE, SUMMARY)]
    assert document["taxonomy"]["roles"]["admin"]["description"] == ROLE_DESCRIPTION


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_embedded_json_parses_back_to_the_authored_strings(site: Path) -> None:
    data = embedded_json(page(site, "catalog/"), "catalog")
    assert isinstance(data, dict)
    assert {c["id"]: c["title"] for c in data["courses"]} == {"evil": COURSE_TITLE, "evil-live": LIVE_TITLE}
    plan = list(strings(embedded_json(page(site, "plans/evil-plan/"), "plan-data")))
    # The CSV template carries titles as plain text (CSV quoting doubles only the quote).
    assert any(PHASE in text for text in plan)
    assert any(MEETING in text for text in plan)


def test_plan_downloads_carry_payloads_as_data(site: Path) -> None:
    # CommonMark with raw HTML enabled, as GitHub or a mail client would render the file.
    source = (site / "plans/evil-plan/plan.md").read_text(encoding="utf-8")
    rendered = parse_html(MarkdownIt("commonmark").render(source))
    assert not list(injections(rendered)) and not rendered.find_all("img") and not rendered.find_all("svg")
    for text in (PLAN_TITLE, PHASE, f"Bring {SVG}", f"Task {TEMPLATE}", MILESTONE, CRITERIA):
        assert text in rendered.text, text
    rows = csv_rows((site / "plans/evil-plan/plan.csv").read_text(encoding="utf-8"))
    assert {row["phase"] for row in rows} == {PHASE}
    assert [row["title"] for row in rows if row["type"] == "Meeting"] == [MEETING]
    assert [row["owner"] for row in rows if row["type"] == "Task"] == [TASK_OWNER]
    calendar = Calendar.from_ical((site / "plans/evil-plan/plan.ics").read_bytes())
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert f"Day 0 · Meeting: {MEETING}" in summaries and f"Day 5 · Milestone: {MILESTONE}" in summaries


def test_session_calendar_keeps_the_title(site: Path) -> None:
    [ics] = [f for f in site_files(site) if f.startswith("courses/evil-live/sessions/")]
    [event] = Calendar.from_ical((site / ics).read_bytes()).walk("VEVENT")
    assert LIVE_TITLE in str(event["SUMMARY"])


def structured_data(site: Path, url: str) -> dict:
    """The JSON-LD of a page, read as a search engine does: the script's text, parsed."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    start = head.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    text = head[start:head.index("</script>", start)]
    assert "<" not in text and ">" not in text and "&" not in text
    return json.loads(text)


def test_course_json_ld_keeps_a_hostile_title_inside_its_script(site: Path) -> None:
    live = structured_data(site, "courses/evil-live")
    assert live["@type"] == "Course" and live["name"] == LIVE_TITLE and live["description"] == SUMMARY
    [instance] = live["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance" and instance["courseMode"] == ["online", "synchronous"]
    assert instance["startDate"] == "2026-12-08T11:00:00-05:00" and instance["location"]["@type"] == "VirtualLocation"
    assert "courseSchedule" not in instance and instance["courseWorkload"].startswith("PT")  # one meeting
    assert [p["name"] for p in instance["instructor"]] == list(INSTRUCTORS)
    on_demand = structured_data(site, "courses/evil")
    assert on_demand["name"] == COURSE_TITLE
    assert on_demand["hasCourseInstance"][0]["courseMode"] == ["online", "asynchronous"]
    assert on_demand["timeRequired"] == "PT1H"
    assert list(schema_org_problems(live)) == list(schema_org_problems(on_demand)) == []


def test_feeds_parse_with_standard_parsers(site: Path) -> None:
    import xml.etree.ElementTree as ET

    import feedparser

    atom = (site / "courses.xml").read_bytes()
    root = ET.fromstring(atom)
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert COURSE_TITLE in titles and LIVE_TITLE in titles
    parsed = feedparser.parse(atom)
    assert not parsed.bozo and {e.link for e in parsed.entries} >= {"https://academy.test/courses/evil/"}
    calendar = Calendar.from_ical((site / "sessions.ics").read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == LIVE_TITLE
    own = Calendar.from_ical(next((site / "courses/evil-live/sessions").iterdir()).read_bytes()).walk("VEVENT")[0]
    assert event["UID"] == own["UID"]  # a subscriber who also downloaded the session keeps one event
    assert Calendar.from_ical((site / "sessions-end-user.ics").read_bytes()).walk("VEVENT")
    assert not Calendar.from_ical((site / "sessions-admin.ics").read_bytes()).walk("VEVENT")


def test_a_calendar_value_is_escaped_one_way_with_no_carriage_return_left() -> None:
    """Plan calendars escaped an in-person session's place with a table that kept a carriage
    return, where session calendars (and the icalendar library) write a line break (code
    review, stop 44): some readers end a line at a bare CR, so a place could add a property."""
    hostile = "Room 1\r\nFloor 2; B\rDESCRIPTION:x, \\"
    assert placeholders.escape_for("ics", hostile) == ics_escape.escape(hostile) == \
        "Room 1\\nFloor 2\\; B\\nDESCRIPTION:x\\, \\\\"
