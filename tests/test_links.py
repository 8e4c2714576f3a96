"""Relative links: ``syllabus validate`` reports each one ``mkdocs build --strict`` would fail
on, at the link, and passes the ones it publishes.

Every case runs both on the same catalog: the diagnostic is asserted whole, and the build
must fail on the same link (MkDocs names it in its warning) or pass.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

import pytest
from syllabus.core.diagnostics import bounded
from syllabus.core.model import Catalog, Course, Credential, Material, Unit
from syllabus.core.taxonomy import Taxonomy

from .conftest import build_site, course_data, dump, plan_data, track_data

UNITS = {"units": [{"title": "Setup", "file": "setup.md"}, {"title": "Lab", "file": "lab/index.md"}],
         "materials": [{"title": "Checklist", "kind": "handout", "file": "checklist.pdf"}]}


def write_catalog(catalog, body: str, page: str = "courses/intro/index.md") -> None:
    """Two courses: intro (live, with a past and an upcoming session, two units, a material, a
    picture, and files nothing publishes) and other; a docs page and a plan."""
    catalog.course("intro", course_data("intro", **UNITS, format="virtual-ilt", sessions=[
        {"start": "2026-11-03T10:00", "timezone": "Europe/Berlin"},
        {"start": "2026-12-03T10:00", "timezone": "Europe/Berlin"}]))
    catalog.plan("onboarding", plan_data("onboarding"))
    catalog.course("other", course_data("other"))
    catalog.write("courses/intro/setup.md", "# Setup\n")
    catalog.write("courses/intro/lab/index.md", "# Lab\n")
    catalog.write("courses/intro/checklist.pdf", b"%PDF-1.4\n")
    catalog.write("courses/intro/notes.txt", "private notes\n")
    catalog.write("courses/intro/draft.md", "# Not a unit yet\n")
    catalog.write("courses/intro/diagram.png", b"\x89PNG\r\n\x1a\n")
    catalog.write("courses/intro/flow.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>\n")
    catalog.write("courses/intro/my diagram.png", b"\x89PNG\r\n\x1a\n")
    catalog.write("docs/guide.md", "# Guide\n")
    # For authors: not on the public site, so neither linked nor checked there.
    catalog.write("docs/authors.md", "---\nauthoring: true\n---\n\n# For authors\n\n[broken](nowhere.pdf)\n")
    catalog.write(page, body)


def reported(result) -> list[dict]:
    """validate's JSON diagnostics, but the warning that the catalog's draft.md is no unit (on purpose)."""
    return [d for d in json.loads(result.out) if d["rule"] != "unlisted-page"]


def validate(run_cli, catalog) -> list[tuple[str, int, int, str]]:
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert result.err == ""
    return [(d["path"], d["line"], d["column"], d["message"]) for d in json.loads(result.out) if d["rule"] == "link"]


class Broken(NamedTuple):
    id: str
    body: str
    line: int
    column: int
    message: str
    page: str = "courses/intro/index.md"


BROKEN = [
    Broken("typo", "# Intro\n\nStart with [setup](setpu.md).\n", 3, 20,
           "'setpu.md' not found in course 'intro' (did you mean 'setup.md'?)"),
    Broken("typo-from-a-subfolder-unit", "# Lab\n\nBack to [setup](../setpu.md).\n", 3, 17,
           "'../setpu.md' not found in course 'intro' (did you mean '../setup.md'?)", "courses/intro/lab/index.md"),
    Broken("missing-image", "# Intro\n\n![Flow](flow.png)\n", 3, 9, "'flow.png' not found in course 'intro'"),
    Broken("markdown-not-a-unit", "# Intro\n\nSee [notes](draft.md).\n", 3, 13,
           "'draft.md' is not a unit of course 'intro'"),
    Broken("file-not-a-material", "# Intro\n\nSee [notes](notes.txt).\n", 3, 13, "'notes.txt' is not published"),
    Broken("unknown-course", "# Intro\n\nThen [next](../ohter/index.md).\n", 3, 13,
           "'../ohter/index.md' links to course 'ohter', which does not exist (did you mean 'other'?)"),
    Broken("outside-the-site", "# Intro\n\n[up](../../../README.md)\n", 3, 6, "'../../../README.md' points outside "
           "the site"),
    Broken("from-a-docs-pages-file", "# Guide\n\nTake [the course](../courses/intro/index.md).\n", 3, 19,
           "'../courses/intro/index.md' points outside the site (did you mean 'courses/intro/index.md'?)",
           "docs/index.md"),  # as GitHub's file view follows it
    Broken("from-a-docs-page", "# Guide\n\nTake [the lab](courses/intro/lab.md).\n", 3, 16,
           "'courses/intro/lab.md' not found in course 'intro' (did you mean 'courses/intro/lab/index.md'?)",
           "docs/index.md"),
    Broken("nul-byte", "# Intro\n\n[a](x%00.md)\n", 3, 5, "'x%00.md' not found in course 'intro'"),
    Broken("name-too-long-to-look-up", f"# Intro\n\n[a]({'y' * 300}.md)\n", 3, 5,
           f"'{'y' * 300}.md' not found in course 'intro'"),  # said shortened (diagnostics.bounded)
    Broken("reference-style", "# Intro\n\nSee [setup][s].\n\n[s]: set-up.md\n", 5, 6,
           "'set-up.md' not found in course 'intro' (did you mean 'setup.md'?)"),
    Broken("docs-page-typo", "# Home\n\nRead [the guide](giude.md).\n", 3, 18,
           "'giude.md' not found in the site (did you mean 'guide.md'?)", "docs/index.md"),
    Broken("unit-to-a-docs-page", "# Intro\n\nSee [the guide](../../gide.md).\n", 3, 17,
           "'../../gide.md' not found in the site (did you mean '../../guide.md'?)"),
    Broken("generated-page-typo", "# Home\n\nBrowse [the catalog](catalog/indx.md).\n", 3, 22,
           "'catalog/indx.md' not found in the site (did you mean 'catalog/index.md'?)", "docs/index.md"),
    Broken("download-typo", "# Home\n\nSubscribe to [sessions](session.ics).\n", 3, 25,
           "'session.ics' not found in the site (did you mean 'sessions.ics'?)", "docs/index.md"),
    Broken("markdown-download", "# Home\n\nTake [the plan](plans/onboarding/plan.md).\n", 3, 17,
           "'plans/onboarding/plan.md' is a Markdown download, which MkDocs takes for a link to a page",
           "docs/index.md"),
    Broken("authoring-page", "# Home\n\nSee [the authors' guide](authors.md).\n", 3, 26,
           "'authors.md' is a page for authors (authoring: true), which only the internal site publishes",
           "docs/index.md"),
    Broken("unpublished-insights", "# Home\n\nSee [figures](insights/index.md).\n", 3, 15,
           "'insights/index.md' not found in the site", "docs/index.md"),
    Broken("theme-template", "# Home\n\nSee [the header](partials/header.html).\n", 3, 18,
           "'partials/header.html' not found in the site", "docs/index.md"),
    Broken("theme-static-template", "# Home\n\nSee [the map](sitemap.xml).\n", 3, 15,
           "'sitemap.xml' not found in the site", "docs/index.md"),
    Broken("through-the-docs-folder", "# Intro\n\nSee [the guide](../../docs/guide.md).\n", 3, 17,
           "'../../docs/guide.md' not found in the site, which has no docs/ folder (did you mean '../../guide.md'?)"),
    # Written as the repository holds the file, from its root, its courses/ folder or the docs folder.
    Broken("repository-path-to-another-course", "# Intro\n\nSee [next](courses/other/index.md).\n", 3, 12,
           "'courses/other/index.md' not found in course 'intro' (did you mean '../other/index.md'?)"),
    Broken("path-from-the-courses-folder", "# Lab\n\nSee [next](other/index.md).\n", 3, 12,
           "'other/index.md' not found in course 'intro' (did you mean '../../other/index.md'?)",
           "courses/intro/lab/index.md"),
    Broken("repository-path-to-a-docs-page", "# Intro\n\nSee [the guide](docs/guide.md).\n", 3, 17,
           "'docs/guide.md' not found in course 'intro' (did you mean '../../guide.md'?)"),
    Broken("picture-typo", "# Intro\n\n![Diagram](diagam.png) of [setup](setup.md)\n", 3, 12,
           "'diagam.png' not found in course 'intro' (did you mean 'diagram.png'?)"),
    Broken("svg-picture", "# Intro\n\n![Flow](flow.svg)\n", 3, 9,
           "'flow.svg' is never published: 'flow.svg' is a document browsers run (it could carry script served from "
           "this site); publish it as PDF or PNG, or put its content in a unit page"),
    Broken("picture-with-an-unsafe-name", "# Intro\n\n![Diagram](<my diagram.png>)\n", 3, 13,
           "the picture 'my diagram.png' is never published: 'my diagram.png' is not a safe file name: use ASCII "
           "letters and digits, '-', '_' and '.' only, not starting with '.'; rename the file"),
    Broken("course-definition", "# Intro\n\n[Source](course.yml)\n", 3, 10,
           "'course.yml' is never published: 'course.yml' is the course's definition (with its owners and notes), not "
           "a material"),
    Broken("past-session-calendar", "# Intro\n\n[Add](sessions/20261103T1000-europe-berlin.ics)\n", 3, 7,
           "'sessions/20261103T1000-europe-berlin.ics' not found in course 'intro' (did you mean "
           "'sessions/20261203T1000-europe-berlin.ics'?)"),
]


@pytest.mark.parametrize("case", BROKEN, ids=[case.id for case in BROKEN])
def test_a_link_the_build_cannot_resolve_is_reported_at_the_link(catalog, run_cli, tmp_path, case):
    write_catalog(catalog, case.body, case.page)
    assert validate(run_cli, catalog) == [(case.page, case.line, case.column, bounded(case.message))]
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode == 1
    link = case.message.split("'")[1]
    assert f"contains a link '{link}', but the target" in build.stderr


def test_a_strict_build_that_fails_leaves_no_half_built_site(catalog, tmp_path):
    """MkDocs fails `--strict` after writing every page: the site folder held a whole site with
    the broken link in it, for a later step of a workflow to publish. It is left as MkDocs
    left it before writing (its hidden files, which MkDocs never removes, kept)."""
    write_catalog(catalog, "# Intro\n\nSee [the setup](setpu.md).\n")
    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    (site / "old" / "index.html").write_text("from the build before\n", encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")
    build = build_site(catalog.config, site, check=False)
    assert build.returncode == 1 and "contains a link 'setpu.md'" in build.stderr, build.stderr
    assert [path.name for path in site.iterdir()] == [".nojekyll"]
    assert build_site(catalog.config, site, strict=False).returncode == 0  # without --strict: built as before
    assert (site / "courses" / "intro" / "index.html").is_file()


def test_a_link_to_a_draft_course_however_written_fails_both(catalog, run_cli, tmp_path):
    write_catalog(catalog, "# Intro\n\nSoon: [preview](.././secret/index.md).\n")
    catalog.course("secret", course_data("secret", status="draft"))
    catalog.write("courses/secret/index.md", "# Secret\n\nBack to [intro](../intro/index.md).\n")  # not published
    assert validate(run_cli, catalog) == [("courses/intro/index.md", 3, 17, "'.././secret/index.md' links to course "
                                           "'secret', a draft or internal course the public site does not publish")]
    build = build_site(catalog.config, tmp_path / "site", check=False)
    # The build stops before MkDocs reads links, with validate's report.
    assert build.returncode == 1 and "index.md:3:17: error: '.././secret/index.md' links to course 'secret', a draft " \
        "or internal course the public site does not publish" in build.stderr



@pytest.mark.parametrize("not_found", ["warn", "info"])
@pytest.mark.parametrize(("page", "address", "kind"), [
    ("docs/courses/index.md", "secret/", "course"), ("docs/courses/index.md", "secret/lab/", "course"),
    ("docs/courses/index.md", '<a href="./secret/">x</a>', "course"), ("docs/tracks/index.md", "secret/", "track"),
    ("docs/courses/all.md", "../secret/", "course"), ("docs/courses/index.md", "secret/index.md", "course"),
    ("docs/courses/index.md", "![b](secret/shot.png)", "course"), ("docs/courses/index.md", "Secret/", "course")],
    ids=["folder", "unit", "html", "track", "from-a-page-folder", "file", "picture", "letter-case"])
def test_a_link_reaching_a_draft_by_its_bare_id_fails_both(catalog, run_cli, tmp_path, page, address, kind,
                                                            not_found):
    """A docs page published beside the items (courses/) reaches a draft by its id alone, which
    the check of a draft's path in the text does not read as one. Found by an attack: validate
    said so only where broken links were errors, and the build published the link with a
    warning (or, with ``not_found: info``, silently). Always an error, as the link is resolved."""
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8") + dump(
        {"validation": {"links": {"not_found": not_found}}}))
    link = address if address.startswith(("<", "!")) else f"[x]({address})"
    write_catalog(catalog, f"# Everything\n\nSoon: {link}\n", page)
    catalog.course("secret", course_data("secret", status="draft"))
    if kind == "track":
        catalog.track("secret", track_data("secret", ["intro"], status="draft"))
    messages = [message for path, *_, message in validate(run_cli, catalog) if path == page]
    written = address.split('"')[1] if address.startswith("<") else address.partition("](")[2].rstrip(")") or address
    assert messages == [f"'{written}' links to {kind} 'secret', a draft or internal {kind} the public site does "
                        "not publish"]
    build = build_site(catalog.config, tmp_path / "site", strict=False, check=False)
    assert build.returncode == 1, build.stderr
    assert f"'{written}' links to {kind} 'secret', a draft or internal {kind}" in build.stderr
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize("address", ["https:secret/", "HTTPS:secret/lab/", "http:secret/"])
def test_an_address_with_a_scheme_and_no_host_is_refused_and_never_reaches_a_draft(catalog, run_cli, tmp_path,
                                                                                  address):
    """``https:secret/`` on an https page is ``secret/`` to a browser (the URL standard), but
    was taken for another site's address: a page at courses/ published it, to a draft, past
    validate, the build and leak-check (attack on this stop's change). Validate refuses any
    such address; the build resolves it as a browser does."""
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8").replace(
        "site_url: https://", "site_url: http://" if address.startswith("http:") else "site_url: https://"))
    write_catalog(catalog, f"# Everything\n\nSoon: [x]({address})\n", "docs/courses/index.md")
    catalog.course("secret", course_data("secret", status="draft"))
    assert [message for path, *_, message in validate(run_cli, catalog) if path == "docs/courses/index.md"] == [
        f"'{address}' has a scheme but no host: a browser reads it as a path from this page, or as a host's name "
        "from a page served over the other scheme"]
    build = build_site(catalog.config, tmp_path / "site", strict=False, check=False)
    assert build.returncode == 1 and f"'{address}' links to course 'secret', a draft" in build.stderr, build.stderr

def test_a_link_after_a_reference_definition_is_placed_at_itself(catalog, run_cli):
    write_catalog(catalog, "# Intro\n\nSee [the unit][u].\n\nThen [this](nope.md).\n\n[u]: setup.md\n")
    assert validate(run_cli, catalog) == [("courses/intro/index.md", 5, 13, "'nope.md' not found in course 'intro' "
                                           "(did you mean 'index.md'?)")]


def test_a_broken_link_is_placed_where_it_links_not_where_code_or_a_comment_quotes_it(catalog, run_cli):
    write_catalog(catalog, "# Intro\n\nWrite `[text](nope.md)` to link.\n\n<!-- old: [x](gone.md) -->\n\n"
                           "```markdown\n[example](nope.md)\n```\n\nReal: [a](nope.md) and [b](gone.md).\n")
    assert validate(run_cli, catalog) == [
        ("courses/intro/index.md", 11, 11, "'nope.md' not found in course 'intro' (did you mean 'index.md'?)"),
        ("courses/intro/index.md", 11, 28, "'gone.md' not found in course 'intro' (did you mean 'index.md'?)")]


@pytest.mark.parametrize("metadata", ["---\ndescription: Where src=nope.md lives\n---\n",
                                      "Description: Where src=nope.md lives\n"], ids=["yaml", "multimarkdown"])
def test_a_broken_link_is_placed_in_the_body_not_in_the_metadata_above_it(catalog, run_cli, metadata):
    write_catalog(catalog, f"{metadata}\n# Intro\n\n<img src=nope.md alt=x>\n")
    lines = metadata.count("\n") + 1
    assert [place[:3] for place in validate(run_cli, catalog)] == [("courses/intro/index.md", lines + 3, 10)]


def test_a_page_with_refused_metadata_still_has_its_body_checked(catalog, run_cli):
    """Every problem in one run: a misspelt key did not hide the broken link below it."""
    write_catalog(catalog, "---\ntitel: Intro\n---\n\n# Intro\n\nSee [this](nope.md).\n")
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert [(d["line"], d["column"], d["rule"]) for d in reported(result)] == [(2, 1, "front-matter"),
                                                                                     (7, 12, "link")]


def test_links_the_site_publishes_pass_both(catalog, run_cli, tmp_path):
    write_catalog(catalog, "# Intro\n\n"
                  "[Setup](setup.md#setup), [the lab](lab/index.md), [checklist](checklist.pdf), "
                  "![Diagram](diagram.png), [other course](../other/index.md), [other, folder style](../other/), "
                  "[guide](../../guide.md), [home](../../index.md), [top](#intro), [absolute](/catalog/), "
                  "[web](https://example.com/x.md), [mail](mailto:a@example.com), `[code](nowhere.md)`\n\n"
                  "```\n[fenced](nowhere.md)\n```\n")
    catalog.write("courses/intro/lab/index.md", "# Lab\n\nBack to [setup](../setup.md) and [intro](../index.md).\n")
    catalog.write("docs/index.md", "# Welcome\n\n[Intro](courses/intro/index.md), [setup](courses/intro/setup.md)\n\n"
                  "Downloads the site generates: [all sessions](sessions.ics), [admins' sessions](sessions-admin.ics), "
                  "[courses feed](courses.xml), [catalog data](catalog.json), [plan](plans/onboarding/index.md) "
                  "[as CSV](plans/onboarding/plan.csv) [and calendar](plans/onboarding/plan.ics), "
                  "[next session](courses/intro/sessions/20261203T1000-europe-berlin.ics); and the theme's: "
                  "![icon](assets/images/favicon.png), [styles](assets/syllabus/syllabus.css)\n")
    assert validate(run_cli, catalog) == []
    build_site(catalog.config, tmp_path / "site")
    assert (tmp_path / "site" / "courses/intro/sessions/20261203T1000-europe-berlin.ics").is_file()
    assert not (tmp_path / "site" / "courses/intro/sessions/20261103T1000-europe-berlin.ics").exists()


def test_a_course_failing_its_checks_is_not_reported_again_through_links(catalog, run_cli):
    write_catalog(catalog, "# Intro\n\n[Broken course](../broken/index.md)\n")
    catalog.course("broken", course_data("broken", level="expert"))
    assert validate(run_cli, catalog) == []


def test_a_course_failing_its_checks_still_has_its_missing_link_targets_reported(catalog, run_cli):
    """Which of its files the site publishes waits for course.yml to be fixed; a file not in
    its folder is missing either way, so the trainer sees it in the same run."""
    write_catalog(catalog, "# Intro\n\n[Broken unit](../broken/setpu.md)\n")
    catalog.course("broken", course_data("broken", level="expert", units=[{"title": "Setup", "file": "setup.md"}]))
    catalog.write("courses/broken/setup.md", "# Setup\n\n[Back](index.md), ![Diagram](diagram.png), [next](lab.md)\n")
    assert validate(run_cli, catalog) == [
        ("courses/broken/setup.md", 3, 30, "'diagram.png' not found in course 'broken'"),
        ("courses/broken/setup.md", 3, 51, "'lab.md' not found in course 'broken'"),
        ("courses/intro/index.md", 3, 15, "'../broken/setpu.md' not found in course 'broken' "
                                          "(did you mean '../broken/setup.md'?)"),
    ]


def test_no_link_errors_where_mkdocs_is_told_not_to_warn(catalog, run_cli, tmp_path):
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8") + dump(
        {"validation": {"links": {"not_found": "info"}}}))
    write_catalog(catalog, "# Intro\n\n[setup](setpu.md)\n")
    assert validate(run_cli, catalog) == []
    build_site(catalog.config, tmp_path / "site")


def test_pages_mkdocs_leaves_out_are_neither_checked_nor_missing(catalog, run_cli, tmp_path):
    """A draft_docs page is not built, so its links are not checked; linking it (or an
    exclude_docs file) only makes MkDocs say so at info level."""
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8")
                  + "draft_docs: |\n  drafts/\nexclude_docs: |\n  private/\n")
    write_catalog(catalog, "# Intro\n\n[Coming](../../drafts/wip.md), [notes](../../private/notes.txt)\n")
    catalog.write("docs/drafts/wip.md", "# Work in progress\n\n[soon](not-yet.pdf)\n")
    catalog.write("docs/private/notes.txt", "internal\n")
    assert validate(run_cli, catalog) == []
    build_site(catalog.config, tmp_path / "site")
    assert not (tmp_path / "site" / "drafts").exists()


def test_the_internal_site_has_the_authoring_pages(catalog, run_cli, tmp_path, monkeypatch):
    write_catalog(catalog, "# Intro\n\nAuthors read [the guide](../../authors.md) and "
                           "[the fields](../../reference/fields/index.md).\n")
    catalog.write("docs/authors.md", "---\nauthoring: true\n---\n\n# For authors\n\n[setup](courses/intro/setup.md)\n")
    monkeypatch.setenv("SYLLABUS_AUDIENCE", "internal")
    assert validate(run_cli, catalog) == []
    build_site(catalog.config, tmp_path / "site", env={"SYLLABUS_AUDIENCE": "internal"})
    monkeypatch.setenv("SYLLABUS_AUDIENCE", "public")
    assert [problem[3] for problem in validate(run_cli, catalog)] == [
        "'../../authors.md' is a page for authors (authoring: true), which only the internal site publishes",
        "'../../reference/fields/index.md' not found in the site"]


def test_the_files_of_pages_for_authors_go_with_them(catalog, run_cli, tmp_path, monkeypatch):
    """A page for authors left the public site; notes.txt and a picture beside it were
    published, to anyone with their address. A folder of pages for authors only keeps its files;
    the site's own pictures (assets/) stay, and the internal site has them all."""
    write_catalog(catalog, "# Intro\n\nSee [the notes](../../authors/notes.txt).\n")
    catalog.write("docs/authors/guide.md", "---\nauthoring: true\n---\n\n# For authors\n\n[Notes](notes.txt) "
                                           "![Flow](pictures/flow.png) ![Logo](../assets/logo.png)\n")
    catalog.write("docs/authors/notes.txt", "CANARY-AUTHORS-NOTES\n")
    catalog.write("docs/authors/pictures/flow.png", b"\x89PNG\r\n\x1a\n")
    catalog.write("docs/assets/logo.png", b"\x89PNG\r\n\x1a\n")
    assert validate(run_cli, catalog) == [("courses/intro/index.md", 3, 17, "'../../authors/notes.txt' is in a folder "
                                           "of pages for authors only, which only the internal site publishes, with "
                                           "their files")]
    write_catalog(catalog, "# Intro\n\nNo link.\n")
    site = tmp_path / "public"
    build_site(catalog.config, site)
    assert not (site / "authors").exists() and (site / "assets/logo.png").is_file()
    assert not [path for path in site.rglob("*") if path.is_file() and b"CANARY-AUTHORS" in path.read_bytes()]
    internal = tmp_path / "internal"
    (catalog.root / "docs/authors.md").unlink()  # the fixture's page for authors links nowhere, on purpose
    build_site(catalog.config, internal, env={"SYLLABUS_AUDIENCE": "internal"})
    assert (internal / "authors/notes.txt").is_file() and (internal / "authors/pictures/flow.png").is_file()


# (validation.links settings, page body, what validate reports) for links only some settings fail.
BY_SETTING = [
    ({"absolute_links": "relative_to_docs"}, "[a](/courses/intro/setpu.md) [b](/guide.md) [c](/nope.pdf)",
     ["'/courses/intro/setpu.md' not found in course 'intro' (did you mean '/courses/intro/setup.md'?)",
      "'/nope.pdf' not found in the site"]),
    ({"absolute_links": "warn"}, "[a](/guide.md) [b](/nope.pdf) [c](../../guide.md)",
     ["'/guide.md' is an absolute link, which MkDocs leaves as is (from here: '../../guide.md')",
      "'/nope.pdf' is an absolute link, which MkDocs leaves as is"]),
    ({"unrecognized_links": "warn"}, "[a](lab/) [b](../other/) [c](setup.md) [d](mailto:a@example.com) <a@example.com>",
     ["'lab/' names no file of the site (did you mean 'lab/index.md'?)",
      "'../other/' names no file of the site (did you mean '../other/index.md'?)"]),
]


@pytest.mark.parametrize(("setting", "body", "expected"), BY_SETTING, ids=[next(iter(s)) + "-" + next(iter(s.values()))
                                                                         for s, _, _ in BY_SETTING])
def test_links_are_checked_as_the_sites_validation_settings_say(catalog, run_cli, tmp_path, setting, body, expected):
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8") + dump({"validation": {"links": setting}}))
    write_catalog(catalog, f"# Intro\n\n{body}\n")
    assert [problem[3] for problem in validate(run_cli, catalog)] == expected
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode == 1
    assert all(f"link '{message.split(chr(39))[1]}'" in build.stderr for message in expected)


def test_an_address_markdown_cannot_parse_is_reported(catalog, run_cli):
    """MkDocs stops on it with a traceback; validate says where."""
    write_catalog(catalog, "# Intro\n\nSee [the host](//[bad).\n")
    assert validate(run_cli, catalog) == [("courses/intro/index.md", 3, 16, "'//[bad' is not a valid address")]


@pytest.mark.parametrize("address", ["../../secret/index.md", "../../secret/"], ids=["file", "folder-style"])
def test_a_link_to_a_draft_course_is_reported_once_at_the_link(catalog, run_cli, address):
    """Its path in the link is not reported again as a draft's path shown on a public page;
    a mention elsewhere still is. A folder-style address (published as written) too."""
    write_catalog(catalog, f"# Lab\n\nSoon: [preview]({address}).\n\nNotes in courses/secret/ soon.\n",
                  "courses/intro/lab/index.md")
    catalog.course("secret", course_data("secret", status="draft"))
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert [(d["line"], d["column"], d["rule"]) for d in reported(result)] == [(3, 17, "link"),
                                                                                   (5, 10, "hidden-reference")]
    assert f"'{address}' links to course 'secret', a draft or internal course" in reported(result)[0]["message"]


@pytest.mark.parametrize("kind", ["track", "plan"])
def test_a_link_to_a_draft_track_or_plan_says_so(catalog, run_cli, tmp_path, kind):
    """It was "not found in the site (did you mean '../../../tracks/admin-path/index.md'?)",
    of a track that is there, as a draft; a draft course's link said what it is."""
    write_catalog(catalog, f"# Lab\n\nSoon: [preview](../../../{kind}s/secret/index.md).\n",
                  "courses/intro/lab/index.md")
    catalog.track("admin-path", track_data("admin-path", ["intro"]))
    if kind == "track":
        catalog.track("secret", track_data("secret", ["intro"], status="draft"))
    else:
        catalog.plan("secret", plan_data("secret", status="draft"))
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert [(d["line"], d["column"], d["message"], d["hint"]) for d in reported(result)] == [
        (3, 17, f"'../../../{kind}s/secret/index.md' links to {kind} 'secret', a draft or internal {kind} the public "
                "site does not publish", f"remove the link, or publish the {kind}")]
    assert build_site(catalog.config, tmp_path / "site", check=False).returncode == 1


@pytest.mark.parametrize("written", ["courses\\/secret", "courses/\\secret", "courses&#x2F;secret",
                                     '<a href="https://academy.test/courses/&#115;ecret/">x</a>'])
def test_a_drafts_path_escaped_as_markdown_or_html_is_still_its_path(catalog, run_cli, written):
    """Markdown's backslash escapes and HTML's character references are undone before the page
    is published: 'courses/ai\\-assist' passed validate and the build, and was published."""
    write_catalog(catalog, f"# Intro\n\nSoon: {written} and more.\n")
    catalog.course("secret", course_data("secret", status="draft"))
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert [(d["line"], d["rule"]) for d in reported(result)] == [(3, "hidden-reference")], result.out


# (a public item's file, the data naming a draft or internal one, where validate says so)
HIDDEN_IN_DATA = [
    ("courses/intro/course.yml", {"materials": [{"title": "Notes", "kind": "other",
                                                 "url": "https://academy.test/courses/secret/"}]},
     "materials[0].url: 'courses/secret' is a draft or internal item"),
    ("courses/intro/course.yml", {"outcomes": ["Read courses/secret/ first"]}, "outcomes[0]: 'courses/secret'"),
    # Spelt as a browser would still read it: letter case, "//" and "/./", percent-encoding.
    ("courses/intro/course.yml", {"outcomes": ["See https://academy.test/COURSES//./Secret/"]},
     "outcomes[0]: 'COURSES//./Secret' is a draft or internal item"),
    ("courses/intro/course.yml", {"outcomes": ["See https://academy.test/courses%2Fsec%72et/"]},
     "outcomes[0]: 'courses/secret' is a draft"),
    ("courses/intro/course.yml", {"outcomes": ["Or ../secret#top"]}, "outcomes[0]: '../secret' is a draft"),
    # Through another folder and back, and with a backslash (a browser reads it as "/").
    ("courses/intro/course.yml", {"outcomes": ["See https://academy.test/courses/intro/../secret/"]},
     "outcomes[0]: 'courses/intro/../secret' is a draft"),
    ("courses/intro/course.yml", {"outcomes": ["See https://academy.test/courses\\secret/"]},
     "outcomes[0]: 'courses\\secret' is a draft"),
    ("courses/intro/course.yml", {"format": "virtual-ilt", "sessions": [
        {"start": "2027-01-06T16:00", "timezone": "Europe/Berlin",
         "registration_url": "https://academy.test/tracks/hidden-path/"}]},
     "sessions[0].registration_url: 'tracks/hidden-path' is a draft or internal item"),
    ("plans/onboarding.yml", None, "phases[0].items[0].note: 'courses/secret' is a draft or internal item"),
]


@pytest.mark.parametrize(("source", "fields", "message"), HIDDEN_IN_DATA,
                         ids=[message.split(":")[0] for *_, message in HIDDEN_IN_DATA])
def test_a_draft_named_in_a_public_items_data_is_reported_there(catalog, run_cli, tmp_path, source, fields, message):
    """A material's URL, an outcome, a session's registration page or a plan's note is
    published as written: it may not name what the public site leaves out (leak-check
    found them after a build that passed)."""
    catalog.course("secret", course_data("secret", visibility="internal"))
    catalog.track("hidden-path", track_data("hidden-path", ["secret"], status="draft"))
    catalog.course("intro", course_data("intro", **(fields or {})))
    plan = plan_data("onboarding")
    if fields is None:
        plan["phases"][0]["items"][0]["note"] = "Then courses/secret/, once it is out."
    catalog.plan("onboarding", plan)
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 1 and result.out.count(": error: ") == 1 and message in result.out, result.out
    assert result.out.startswith(f"{source}:") and "hidden-reference" not in result.out
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode == 1 and message in build.stderr


PUBLISHED_AS_WRITTEN = [  # (body of courses/intro/setup.md, what validate says)
    ("[Other](../other/)\n", "'../other/' names no file, so MkDocs publishes it as written, and leads to "
     "courses/intro/other/, where the site has nothing (did you mean '../other/index.md'?)"),
    ("[Other](/courses/other/index.md)\n", "'/courses/other/index.md' is an absolute address, which MkDocs "
     "publishes as written, and leads to courses/other/index.md, where the site has nothing (did you mean "
     "'../other/index.md'?)"),
    ('<a href="lab/index.md">Lab</a>\n', "'lab/index.md' is written in HTML, which MkDocs publishes as written, "
     "and leads to courses/intro/setup/lab/index.md, where the site has nothing (did you mean '../lab/'?)"),
    ('<img src="diagram.png" alt="Diagram">\n', "'diagram.png' is written in HTML, which MkDocs publishes as "
     "written, and leads to courses/intro/setup/diagram.png, where the site has nothing (did you mean "
     "'../diagram.png'?)"),
]


FULL = "is this site's own address written in full, which MkDocs does not check, and leads to"
OWN_FULL_ADDRESSES = [  # (body of courses/intro/setup.md, what validate says)
    ("[Gone](https://academy.test/courses/gone/)\n", f"'https://academy.test/courses/gone/' {FULL} courses/gone/, "
     "where the site has nothing"),
    ("[Lab](http://ACADEMY.test/courses/intro/lab/index.md)\n", f"'http://ACADEMY.test/courses/intro/lab/index.md' "
     f"{FULL} courses/intro/lab/index.md, where the site has nothing (did you mean 'lab/index.md'?)"),
    ('<a href="//academy.test/courses/intro/lab/index.md">Lab</a>\n', f"'//academy.test/courses/intro/lab/index.md' "
     f"{FULL} courses/intro/lab/index.md, where the site has nothing (did you mean '../lab/'?)"),
    # The same host as browsers compare it: its scheme's own port, a final dot, a user name.
    ("[Gone](https://trainer@Academy.test.:443/courses/gone/)\n", "'https://trainer@Academy.test.:443/courses/gone/' "
     f"{FULL} courses/gone/, where the site has nothing"),
]


@pytest.mark.parametrize(("body", "message"), PUBLISHED_AS_WRITTEN + OWN_FULL_ADDRESSES,
                         ids=["folder", "absolute", "html", "html-image", "full-gone", "full-file-not-page",
                              "full-protocol-relative", "full-port-dot-user"])
def test_a_link_published_as_written_must_work_from_the_published_page(catalog, run_cli, tmp_path, body, message):
    """MkDocs publishes folder-style, absolute and HTML addresses as written (noting the
    first two at info level): from a unit, published one folder down, they lead nowhere. It
    takes one written with site_url's host (http or https, any letter case) for another
    site's and checks nothing: it broke once deployed."""
    write_catalog(catalog, f"# Setup\n\n{body}", page="courses/intro/setup.md")
    assert validate(run_cli, catalog) == [("courses/intro/setup.md", 3, body.index(message.split("'")[1]) + 1, message)]
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode == 1
    assert f"syllabus: courses/intro/setup.md: '{message.split(chr(39))[1]}' leads to " in build.stderr


def test_a_link_published_as_written_that_works_passes_both(catalog, run_cli, tmp_path):
    """From the course page (published as courses/intro/), '../other/' reaches the other
    course; an HTML link to the unit's published address works too."""
    write_catalog(catalog, '# Intro\n\n[Other](../other/), <a href="setup/">Setup</a>, [Home](/)\n')
    assert validate(run_cli, catalog) == []
    build_site(catalog.config, tmp_path / "site")


def test_a_picture_shown_in_html_from_a_unit_is_published_where_the_unit_reaches_it(catalog, run_cli, tmp_path):
    """A unit is published one folder down, so its HTML reaches the course's picture as
    ../diagram.png: that path publishes the picture, and passes both."""
    write_catalog(catalog, '# Setup\n\n<img src="../diagram.png" alt="Diagram">\n', page="courses/intro/setup.md")
    assert validate(run_cli, catalog) == []
    build_site(catalog.config, tmp_path / "site")
    assert (tmp_path / "site/courses/intro/diagram.png").is_file()


def test_full_addresses_this_site_publishes_or_another_site_has_pass(catalog, run_cli, tmp_path):
    """The site's own pages and files written in full pass; another host, another port, an
    e-mail address on the site's host, and a path the site publishes nothing under (another
    site on its host: a GitHub Pages project beside the organisation's) are not its to check."""
    write_catalog(catalog, "# Setup\n\n[a](https://academy.test/courses/other/) [b](https://academy.test) "
                           "[c](https://academy.test/courses/intro/checklist.pdf#page=2) "
                           "[g](https://academy.test/api-docs/) <a href='//academy.test/api-docs/v2/'>h</a> "
                           "[d](https://academy.test:8443/nothing/) [e](https://other.test/nothing/) "
                           "<https://academy.test/guide/> <mailto:trainers@academy.test>\n",
                  page="courses/intro/setup.md")
    assert validate(run_cli, catalog) == []
    build_site(catalog.config, tmp_path / "site")


def test_an_email_address_markdown_links_passes_both(catalog, run_cli, tmp_path):
    """Markdown writes an e-mail autolink's address as character references: the build read
    it as written, a relative address leading nowhere, and failed every such page."""
    write_catalog(catalog, "# Setup\n\nWrite to <trainers@academy.test> or <mailto:help@academy.test>.\n",
                  page="courses/intro/setup.md")
    assert validate(run_cli, catalog) == []
    build_site(catalog.config, tmp_path / "site")
    assert (tmp_path / "site/courses/intro/setup/index.html").read_text(encoding="utf-8").count('href="mailto:') == 2


def test_a_full_address_on_the_sites_host_outside_its_folder_is_another_sites(catalog, run_cli, tmp_path):
    """A site served from /academy/ shares its host with others: /blog/ is not its to check,
    /academy/courses/gone/ is."""
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8").replace(
        "site_url: https://academy.test/", "site_url: https://academy.test/academy/"))
    write_catalog(catalog, "# Setup\n\n[Blog](https://academy.test/blog/) "
                           "[Gone](https://academy.test/academy/courses/gone/)\n", page="courses/intro/setup.md")
    assert [message for _, _, _, message in validate(run_cli, catalog)] == [
        f"'https://academy.test/academy/courses/gone/' {FULL} courses/gone/, where the site has nothing"]
    assert "'https://academy.test/academy/courses/gone/' leads to courses/gone/" in build_site(
        catalog.config, tmp_path / "site", check=False).stderr


RESOLVED_AS_BROWSERS_DO = [  # (an HTML link in courses/intro/setup.md, where a browser goes)
    ('<a href="..//other/">x</a>', "courses/intro//other/"),  # empty segments stay
    ('<a href="%2E%2E%2Fother%2F">x</a>', "courses/intro/setup/../other/"),  # an encoded "/" names no folder
    ('<a href="../other/draft/">x</a>', "courses/intro/other/draft/"),
]


@pytest.mark.parametrize(("body", "leads"), RESOLVED_AS_BROWSERS_DO, ids=["empty-segments", "encoded", "plain"])
def test_links_are_followed_as_a_browser_follows_them(catalog, run_cli, tmp_path, body, leads):
    write_catalog(catalog, f"# Setup\n\n{body}\n", page="courses/intro/setup.md")
    [(_, _, _, message)] = validate(run_cli, catalog)
    assert f"leads to {leads}, where the site has nothing" in message
    assert f"leads to {leads}, where the site has nothing" in build_site(catalog.config, tmp_path / "site",
                                                                        check=False).stderr


def test_links_a_browser_follows_to_a_page_pass(catalog, run_cli, tmp_path):
    """Spaces around an address, backslashes and ".." past the root are what browsers make of them."""
    write_catalog(catalog, '# Setup\n\n<a href=" ../../other/ ">a</a> <a href="..\\..\\other\\">b</a> '
                           "[home](../../../../) [home too](/..)\n", page="courses/intro/setup.md")
    assert validate(run_cli, catalog) == []
    build_site(catalog.config, tmp_path / "site")


def test_an_html_link_to_a_page_mkdocs_leaves_out_leads_nowhere(catalog, run_cli, tmp_path):
    """MkDocs notes a Markdown link to a draft_docs page at info level; written in HTML it is a
    link to a page the site does not have, in both."""
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8") + "draft_docs: |\n  drafts/\n")
    write_catalog(catalog, '# Intro\n\n[Coming](../../drafts/wip.md), <a href="../../drafts/wip/">soon</a>\n')
    catalog.write("docs/drafts/wip.md", "# Work in progress\n")
    [(_, _, _, message)] = validate(run_cli, catalog)
    assert message.startswith("'../../drafts/wip/' is written in HTML, which MkDocs publishes as written, and leads "
                              "to drafts/wip/, where the site has nothing")
    assert "'../../drafts/wip/' leads to drafts/wip/" in build_site(catalog.config, tmp_path / "site",
                                                                   check=False).stderr


# Links to places: the intro course's index.md (its body has "# Intro", its template adds
# #units, #materials, #sessions...), its unit setup.md ("# Setup").
ANCHORS = ("# Intro\n\n[a](setup.md#setpu) [b](#intor) [c](../other/index.md#nope) [d](setup.md#setup) [e](#intro) "
           "[f](#units) [g](../other/index.md#title) [h](setup.md#units-of-course) [i](#sessions) "
           "<a href=\"#nowhere\">html</a> [j](setup.md?x=1#setpu) [k](../other/index.md#sessions) "
           "[l](setup.md#title) [m](../../plans/onboarding/index.md#nope)\n")
ANCHOR_MESSAGES = [
    "'setup.md#setpu': 'setup.md' has no heading or other element with id 'setpu' (did you mean 'setup'?)",
    "'#intor': this page has no heading or other element with id 'intor' (did you mean 'intro'?)",
    "'../other/index.md#nope': '../other/index.md' has no heading or other element with id 'nope'",
    "'setup.md?x=1#setpu': 'setup.md' has no heading or other element with id 'setpu' (did you mean 'setup'?)",
    # other is self-paced: its page has no sessions section
    "'../other/index.md#sessions': '../other/index.md' has no heading or other element with id 'sessions'",
    # setup.md has its own <h1>, so its page has no title of the template's
    "'setup.md#title': 'setup.md' has no heading or other element with id 'title'",
    # A plan's page is made from YAML: neither validate nor the build knows its places.
]


@pytest.mark.parametrize(("level", "severity"), [(None, "warning"), ("warn", "error"), ("ignore", None)],
                         ids=["default-info", "warn", "ignore"])
def test_a_link_to_a_place_its_page_lacks_is_reported_as_mkdocs_anchors_setting_says(catalog, run_cli, tmp_path,
                                                                                      level, severity):
    """MkDocs notes such a link at info level by default (validate warns) and fails --strict at
    ``anchors: warn`` (validate errs). The sections a template adds around a page's body
    (#units, #sessions on a live course's page) are places too, in both."""
    if level:
        catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8")
                      + dump({"validation": {"links": {"anchors": level}}}))
    write_catalog(catalog, ANCHORS)
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    found = [(d["line"], d["column"], d["message"], d["severity"]) for d in reported(result)]
    line = ANCHORS.splitlines()[2]
    assert found == ([(3, line.index(f"({message.split(chr(39))[1]})") + 2, message, severity)
                      for message in ANCHOR_MESSAGES] if severity else [])
    build = build_site(catalog.config, tmp_path / "site", check=False)  # not verbose: MkDocs then skips the check
    assert build.returncode == (1 if severity == "error" else 0)
    noted = [line for line in build.stderr.splitlines() if "does not contain an anchor" in line
             or "no such anchor" in line]
    # MkDocs names a page's missing place once, at the first link to it.
    assert sorted(line.split("contains a link '")[1].split("'")[0] for line in noted) == (
        ["#intor", "../other/index.md#nope", "../other/index.md#sessions", "setup.md#setpu", "setup.md#title"]
        if severity else [])


def test_a_section_name_a_body_heading_took_is_numbered_in_both(catalog, run_cli, tmp_path):
    """A body heading "Units" keeps #units, so the template's section is #units_1."""
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8")
                  + dump({"validation": {"links": {"anchors": "warn"}}}))
    write_catalog(catalog, "# Intro\n\n## Units\n\n[a](#units) [b](#units_1) [c](#units_2)\n")
    assert [message for _, _, _, message in validate(run_cli, catalog)] == [
        "'#units_2': this page has no heading or other element with id 'units_2' (did you mean 'units_1'?)"]
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode == 1
    assert "link '#units_2'" in build.stderr and "link '#units_1'" not in build.stderr


def test_a_link_into_a_page_that_cannot_be_read_is_not_judged_by_its_headings(catalog, run_cli):
    """A unit saved as Shift_JIS is invalid UTF-8, said there; the unit linking to its heading
    was also told the heading did not exist."""
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8")
                  + dump({"validation": {"links": {"anchors": "warn"}}}))
    write_catalog(catalog, "# Intro\n\nFirst [run Helm](setup.md#run-helm).\n")
    catalog.write("courses/intro/setup.md", "# 準備\n\n## Run helm\n".encode("shift_jis"))
    catalog.write("docs/index.md", "# Home\n\nSee [setup](guide.md#setup).\n")  # a docs page alike
    catalog.write("docs/guide.md", b"# Guide\n\n## Setup\n\nbad \xff\n")
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert [(d["path"], d["rule"]) for d in json.loads(result.out) if d["severity"] == "error"] == [
        ("courses/intro/setup.md", "encoding"), ("docs/guide.md", "encoding")]


def test_a_link_to_a_home_page_section_is_checked_by_what_the_home_page_shows(catalog, run_cli, tmp_path):
    """The latest courses and the steps show on a home page with courses only: a link to one
    is fine there, and said where the public site has no course to show (all drafts)."""
    catalog.course("intro", course_data("intro"))
    catalog.write("docs/index.md", "# Home\n\nSee [the latest](#latest-courses) and [how](#how-it-works).\n")
    assert run_cli("validate", "-f", catalog.config).code == 0
    build_site(catalog.config, tmp_path / "site")
    catalog.course("intro", course_data("intro", status="draft"))
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert [(d["path"], d["line"], d["column"], d["message"].split(":")[0]) for d in json.loads(result.out)
            if d["rule"] == "link"] == [("docs/index.md", 3, 18, "'#latest-courses'"),
                                        ("docs/index.md", 3, 45, "'#how-it-works'")], result.out


def test_the_sections_validate_knows_are_the_ones_the_templates_add():
    """published.SECTION_ANCHORS says which places course.html, unit.html and home.html add to
    a page; each name the templates give anchor() must be there, and a course with everything
    shows every course section."""
    from syllabus.core.published import SECTION_ANCHORS, course_sections
    from syllabus.plugin.plugin import TEMPLATES
    for kind in SECTION_ANCHORS:
        template = (TEMPLATES / "syllabus" / f"{kind}.html").read_text(encoding="utf-8")
        assert set(re.findall(r"""anchor\(['"]([^'"]+)['"]\)""", template)) == SECTION_ANCHORS[kind], kind
    every = course_sections(Course(id="x", title="X", summary="X.", level="beginner", roles=("admin",),
                                   format="in-person", duration_minutes=1, owners=("@x",), visibility="public",
                                   prerequisites=("y",), outcomes=("Do",), units=(Unit("U", "u.md"),),
                                   materials=(Material("M", "other", url="https://x.test/"),),
                                   credential=Credential("badge", "B", "C"), recommended_next=("y",), source="x"),
                            Catalog(Taxonomy.from_options({}), {}, {}, {}), has_body=True)
    assert every == SECTION_ANCHORS["course"]


def test_places_only_the_published_html_has_and_absolute_links_from_docs_are_checked_in_both(catalog, run_cli,
                                                                                          tmp_path):
    """An id an extension writes as HTML (a fence's { #sample }) is a place on the page in both;
    with absolute_links: relative_to_docs, /courses/x/setup.md#typo is checked as the relative
    link would be."""
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8") + dump(
        {"validation": {"links": {"anchors": "warn", "absolute_links": "relative_to_docs"}},
         "markdown_extensions": ["attr_list", "pymdownx.superfences"]}))
    write_catalog(catalog, "# Intro\n\n[ok](/courses/intro/setup.md#setup) [typo](/courses/intro/setup.md#setpu)\n")
    catalog.write("docs/guide.md", "# Guide\n\n``` { .python #sample }\nprint(1)\n```\n\nSee [the sample](#sample).\n")
    assert [message for _, _, _, message in validate(run_cli, catalog)] == [
        "'/courses/intro/setup.md#setpu': '/courses/intro/setup.md' has no heading or other element with id 'setpu' "
        "(did you mean 'setup'?)"]
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode == 1
    assert [line.split("contains a link '")[1].split("'")[0] for line in build.stderr.splitlines()
            if "anchor" in line] == ["/courses/intro/setup.md#setpu"]


def test_only_so_many_unknown_ids_are_compared_with_every_id(catalog, run_cli, monkeypatch):
    """Thousands of near-miss prerequisites in a catalog of hundreds of courses stalled validate:
    each was compared with every id. Past SUGGESTED_IDS each is still reported, without a suggestion."""
    monkeypatch.setattr("syllabus.core.rules.SUGGESTED_IDS", 2)
    catalog.course("intro", course_data("intro", prerequisites=["intro-one", "intro-two", "intro-three"]))
    catalog.course("intro-1", course_data("intro-1"))
    result = run_cli("validate", "-f", catalog.config)
    unknown = [line for line in result.out.splitlines() if "unknown course" in line]
    assert ["(did you mean 'intro-1'?)" in line for line in unknown] == [True, True, False], unknown
