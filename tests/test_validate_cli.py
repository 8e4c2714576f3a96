"""``syllabus validate`` end to end: hostile files, positions, formats and exit codes.

Every hostile case writes literal file content into a small catalog, runs the real command
line and asserts the whole diagnostic (path, line, column, rule, message) in JSON and as the
text line a trainer sees, the exit status, and that no traceback was printed. Positions are
1-based and were counted by hand from the literal text.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
import syllabus
from syllabus.core.diagnostics import bounded
from syllabus.plugin.config import REVIEW_EVERY_DAYS

from .conftest import EPOCH, MKDOCS_TEMPLATE, REPO, build_site, track_data
from .conftest import PLAN_YAML as PLAN

COURSE_FILE = "courses/intro/course.yml"
COURSE = """\
id: intro
title: Intro to search
summary: Learn to search code.
level: beginner
roles: [admin]
format: self-paced
duration_minutes: 60
owners: ['@trainer']
visibility: public
"""
TRACK = """\
id: admin
title: Administrator track
summary: Install and run it.
role: admin
visibility: public
sections:
  - title: Start
    courses: [intro]
"""
BILLION_LAUGHS = 'lol1: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"lol{i}: &{'abcdefghi'[i - 1]} [" + ",".join([f"*{'abcdefghi'[i - 2]}"] * 9) + "]\n" for i in range(2, 10)
)

NOT_TEXT = "key '{0}' is not text; quote it (\"{0}\") if you meant it as a name"
MULTIPLE = ("a file may hold only one YAML document; remove the '---' and what follows, or split it "
            "into files")
CONTROL = "control or bidirectional character {} is not allowed; delete it (it may hide or reorder text)"
ESCAPED = ("control or bidirectional character {} is not allowed, not even as an escape; delete it (it may hide "
           "or reorder text)")
ANCHOR = "anchor &{} is not allowed; write values out in full (anchors and aliases are not supported)"
ALIAS = "alias *{} is not allowed; write the value out in full (anchors and aliases are not supported)"
TAG = "tag {} is not allowed; content files hold plain data only"
WEB_ADDRESS = "is not a valid web address (e.g. 'https://www.example.com/page')"
NOT_ALLOWED_SCHEME = ("uses the \"{}:\" scheme, which is not allowed; use a relative link or an https, http or "
                      "mailto URL")


def course(**replace: str) -> str:
    """COURSE with whole lines replaced: ``course(level="level: expert")``."""
    lines = COURSE.splitlines()
    for field, line in replace.items():
        index = next(i for i, text in enumerate(lines) if text.startswith(f"{field}:"))
        lines[index] = line
    return "\n".join(lines) + "\n"


class Hostile(NamedTuple):
    id: str
    files: dict[str, str | bytes]  # written over a catalog holding the valid COURSE
    expected: list[tuple[str, int, int, str, str]]  # path, line, column, rule, message


def in_course(line: int, column: int, rule: str, message: str) -> tuple[str, int, int, str, str]:
    return (COURSE_FILE, line, column, rule, message)


HOSTILE_YAML = [
    Hostile("duplicate-key", {COURSE_FILE: COURSE + "title: Again\n"}, [
        in_course(10, 1, "yaml-duplicate-key", "duplicate key 'title' (first defined on line 2, again on line 10); "
                  "keep one")]),
    Hostile("duplicate-nested-key", {
        COURSE_FILE: COURSE + "units:\n  - title: One\n    file: one.md\n    file: two.md\n",
        "courses/intro/one.md": "# One\n"}, [
        in_course(13, 5, "yaml-duplicate-key", "duplicate key 'file' (first defined on line 12, again on line 13); "
                  "keep one")]),
    Hostile("anchor", {COURSE_FILE: COURSE + "outcomes: &o [Search]\n"}, [
        in_course(10, 11, "yaml-anchor", ANCHOR.format("o"))]),
    Hostile("alias", {COURSE_FILE: course(summary="summary: *s")}, [
        in_course(3, 10, "yaml-alias", "alias *s is not allowed; write the value out in full (anchors and aliases "
                  "are not supported)")]),
    Hostile("merge-key", {COURSE_FILE: COURSE + "credential:\n  <<: {type: badge}\n"}, [
        in_course(11, 3, "yaml-merge-key", "merge keys (<<) are not allowed; write the fields out in full")]),
    Hostile("python-tag", {COURSE_FILE: COURSE + "x-run: !!python/object/apply:os.system ['touch pwned']\n"}, [
        in_course(10, 8, "yaml-tag", TAG.format("!!python/object/apply:os.system"))]),
    Hostile("core-tag", {COURSE_FILE: course(duration_minutes="duration_minutes: !!int 60")}, [
        in_course(7, 19, "yaml-tag", TAG.format("!!int"))]),
    Hostile("local-tag", {COURSE_FILE: COURSE + "x-include: !include other.yml\n"}, [
        in_course(10, 12, "yaml-tag", TAG.format("!include"))]),
    Hostile("two-documents", {COURSE_FILE: COURSE + "---\nid: other\n"}, [
        in_course(10, 1, "yaml-multiple-documents", MULTIPLE)]),
    Hostile("int-key", {COURSE_FILE: COURSE + "2026: planned\n"}, [
        in_course(10, 1, "yaml-key", NOT_TEXT.format("2026"))]),
    Hostile("bool-key", {COURSE_FILE: COURSE + "true: x\n"}, [in_course(10, 1, "yaml-key", NOT_TEXT.format("true"))]),
    Hostile("null-key", {COURSE_FILE: COURSE + "null: x\n"}, [in_course(10, 1, "yaml-key", NOT_TEXT.format("null"))]),
    Hostile("list-key", {COURSE_FILE: COURSE + "? [a, b]\n: x\n"}, [
        in_course(10, 3, "yaml-key", "mapping keys must be plain text, not a list or mapping")]),
    Hostile("invalid-utf8", {COURSE_FILE: COURSE.encode().replace(b"code.", b"code.\xff")}, [
        in_course(3, 31, "encoding", "invalid UTF-8 (byte 0xff); save the file as UTF-8")]),
    Hostile("invalid-utf8-after-cjk", {COURSE_FILE: course(title="title: 検索入門").encode().replace(
        "入門".encode(), "入門".encode() + b"\x80")}, [
        in_course(2, 12, "encoding", "invalid UTF-8 (byte 0x80); save the file as UTF-8")]),
    Hostile("utf16", {COURSE_FILE: COURSE.encode("utf-16")}, [
        in_course(1, 1, "encoding", "file is UTF-16; save it as UTF-8")]),
    Hostile("bom-crlf", {COURSE_FILE: b"\xef\xbb\xbf" + course(level="level: expert").replace("\n", "\r\n").encode()}, [
        in_course(4, 8, "schema-enum", "level: 'expert' is not one of beginner, intermediate, advanced "
                                                 "(did you mean 'advanced'?)")]),
    Hostile("crlf-duplicate", {COURSE_FILE: (COURSE + "title: Again\n").replace("\n", "\r\n")}, [
        in_course(10, 1, "yaml-duplicate-key", "duplicate key 'title' (first defined on line 2, again on line 10); "
                  "keep one")]),
    Hostile("cr-only", {COURSE_FILE: course(level="level: expert").replace("\n", "\r")}, [
        in_course(4, 8, "schema-enum", "level: 'expert' is not one of beginner, intermediate, advanced "
                                                 "(did you mean 'advanced'?)")]),
    Hostile("unit-path-too-long-to-look-up", {COURSE_FILE: COURSE + "units:\n  - title: One\n    file: " + "d/" * 3000
                                              + "x.md\n"}, [
        in_course(12, 11, "file", bounded(f"units[0].file: '{'d/' * 3000}x.md' not found in the course folder"))]),
    Hostile("noncharacter-escape", {COURSE_FILE: course(title='title: "Intro \\uFFFF to search"')}, [
        in_course(2, 8, "control-character", "non-character U+FFFF is not allowed, not even as an escape; delete it "
                  "(it may hide or reorder text)")]),
    Hostile("noncharacter-raw", {COURSE_FILE: course(title="title: Intro \ufdd0 to search")}, [
        in_course(2, 14, "control-character", "non-character U+FDD0 is not allowed; delete it (it may hide or "
                  "reorder text)")]),
    Hostile("title-of-a-byte-order-mark", {COURSE_FILE: course(title='title: "\\uFEFF"')}, [
        in_course(2, 8, "schema-pattern", "title: must not be blank (it holds only spaces or invisible characters)")]),
    Hostile("nesting-65", {COURSE_FILE: COURSE + "outcomes: " + "[" * 64 + "]" * 64 + "\n"}, [
        in_course(10, 74, "yaml-depth", "nesting is deeper than 64 levels")]),
    Hostile("nesting-200k", {COURSE_FILE: COURSE + "outcomes: " + "[" * 200_000 + "\n"}, [
        in_course(10, 74, "yaml-depth", "nesting is deeper than 64 levels")]),
    Hostile("over-256-kib", {COURSE_FILE: COURSE + "x-pad: " + "x" * 256 * 1024 + "\n"}, [
        in_course(1, 1, "file-size", "file is larger than 256 KiB; split it")]),
    Hostile("bell", {COURSE_FILE: course(title="title: Intro\x07 to search")}, [
        in_course(2, 13, "control-character", CONTROL.format("U+0007"))]),
    Hostile("nul", {COURSE_FILE: course(summary="summary: Learn\x00")}, [
        in_course(3, 15, "control-character", CONTROL.format("U+0000"))]),
    Hostile("terminal-escape", {COURSE_FILE: course(title="title: \x1b[2JIntro")}, [
        in_course(2, 8, "control-character", CONTROL.format("U+001B"))]),
    Hostile("trojan-source-comment", {COURSE_FILE: course(owners="owners: ['@trainer'] # \u202e ,'@attacker'")}, [
        in_course(8, 24, "control-character", CONTROL.format("U+202E"))]),
    Hostile("bidi-isolate", {COURSE_FILE: course(title="title: Intro \u2066to search")}, [
        in_course(2, 14, "control-character", CONTROL.format("U+2066"))]),
    Hostile("line-separator", {COURSE_FILE: course(summary="summary: Learn\u2028to search.")}, [
        in_course(3, 15, "control-character", CONTROL.format("U+2028"))]),
    Hostile("escaped-bidi", {COURSE_FILE: course(title='title: "Intro \\u202e to search"')}, [
        in_course(2, 8, "control-character", ESCAPED.format("U+202E"))]),
    Hostile("escaped-terminal-escape-is-quoted-escaped", {COURSE_FILE: course(level='level: "\\e[31mexpert"')}, [
        in_course(4, 8, "control-character", ESCAPED.format("U+001B")),
        in_course(4, 8, "schema-enum", "level: '\\x1b[31mexpert' is not one of beginner, intermediate, advanced")]),
    Hostile("id-with-trailing-newline", {COURSE_FILE: course(id='id: "intro\\n"')}, [
        in_course(1, 5, "schema-pattern", "id: 'intro\\n' is not a valid identifier (e.g. 'k8s-install')"),
        in_course(1, 5, "id-matches-name", "id: 'intro\\n' must equal the folder 'intro'")]),
    Hostile("billion-laughs", {COURSE_FILE: COURSE + BILLION_LAUGHS}, [  # stopped at the first alias
        in_course(10, 7, "yaml-anchor", ANCHOR.format("a")), in_course(11, 7, "yaml-anchor", ANCHOR.format("b")),
        in_course(11, 11, "yaml-alias", ALIAS.format("a"))]),
    Hostile("top-level-list", {COURSE_FILE: "- id: intro\n"}, [
        in_course(1, 1, "yaml-structure", "the top level must be a mapping of fields (key: value)")]),
    Hostile("empty-file", {COURSE_FILE: ""}, [
        in_course(1, 1, "yaml-structure", "file is empty; expected a mapping of fields (key: value)")]),
    Hostile("unclosed-flow", {COURSE_FILE: course(roles="roles: [admin")}, [
        in_course(5, 8, "yaml-unclosed-bracket", "the '[' opened on line 5 column 8 is never closed")]),
    Hostile("tab-indent", {COURSE_FILE: COURSE + "units:\n\t- title: x\n"}, [
        in_course(11, 1, "yaml-tab", "YAML indents with spaces; line 11 starts with a tab")]),
    Hostile("track-anchor", {"tracks/admin.yml": TRACK.replace("title: Start", "title: &t Start")}, [
        ("tracks/admin.yml", 7, 12, "yaml-anchor", ANCHOR.format("t"))]),
    Hostile("plan-duplicate-key", {"plans/onboarding.yml": PLAN + "length_days: 60\n"}, [
        ("plans/onboarding.yml", 12, 1, "yaml-duplicate-key", "duplicate key 'length_days' (first defined on "
         "line 4, again on line 12); keep one")]),
    Hostile("duration-1-30", {COURSE_FILE: course(duration_minutes="duration_minutes: 1:30")}, [
        in_course(7, 19, "schema-type", "duration_minutes: '1:30' is a time, not minutes; write 90")]),
    Hostile("duration-0123", {COURSE_FILE: course(duration_minutes="duration_minutes: 0123")}, [
        in_course(7, 19, "schema-type", "duration_minutes: expected a whole number, got text '0123'")]),
    Hostile("title-1.10", {COURSE_FILE: course(title="title: 1.10")}, [
        in_course(2, 8, "schema-type", "title: '1.10' is a number; quote it if you meant text")]),
    Hostile("colon-in-a-list-item", {COURSE_FILE: COURSE + "outcomes:\n  - Deploy: the chart\n"}, [
        in_course(11, 5, "schema-type", "outcomes[0]: expected text, got a mapping: the colon in it made YAML read "
                  "'Deploy' as the name of a field; put the whole text in quotes: \"Deploy: the chart\"")]),
    Hostile("visibility-no", {COURSE_FILE: course(visibility="visibility: no")}, [
        in_course(9, 13, "schema-enum", "visibility: 'no' is not one of public, internal")]),
    Hostile("impossible-date", {COURSE_FILE: COURSE + "last_reviewed: 2026-02-30\n"}, [
        in_course(10, 16, "date", "last_reviewed: '2026-02-30' is not a real date (YYYY-MM-DD)")]),
    Hostile("javascript-registration-url", {COURSE_FILE: course(format="format: virtual-ilt") + (
        "sessions:\n  - start: 2026-12-03T16:00\n    timezone: America/New_York\n"
        "    registration_url: javascript:alert(document.cookie)\n")}, [
        in_course(13, 23, "schema-pattern", f"sessions[0].registration_url: 'javascript:alert(document.cookie)' "
                  f"{WEB_ADDRESS}")]),
    Hostile("javascript-on-demand-url", {COURSE_FILE: COURSE + "on_demand:\n  url: javascript:alert(1)\n"}, [
        in_course(11, 8, "schema-pattern", f"on_demand.url: 'javascript:alert(1)' {WEB_ADDRESS}")]),
    Hostile("javascript-material-url", {COURSE_FILE: COURSE + (
        "materials:\n  - title: Slides\n    kind: slides\n    url: 'JavaScript:alert(1)'\n")}, [
        in_course(13, 10, "schema-pattern", f"materials[0].url: 'JavaScript:alert(1)' {WEB_ADDRESS}")]),
]

INDEX = "courses/intro/index.md"
YOUTUBE_COOKIES = ("<iframe> embeds from www.youtube.com, which sets cookies in every visitor's browser; write "
                   "www.youtube-nocookie.com in its place (the same video)")
HOSTILE_MARKDOWN = [
    Hostile("md-script", {INDEX: "# Intro\n\n<script>alert(1)</script>\n"}, [
        (INDEX, 3, 1, "markdown-forbidden-tag", "<script> is not allowed in course Markdown; remove it (show code "
         "samples in a fenced code block instead)")]),
    Hostile("md-style-in-docs-page", {"docs/guide.md": "Text <style>body{}</style>\n"}, [
        ("docs/guide.md", 1, 6, "markdown-forbidden-tag", "<style> is not allowed in course Markdown; remove it (the "
         "site theme provides the styling; add classes with an attribute list)")]),
    Hostile("md-iframe-other-host", {INDEX: '# Intro\n\n<iframe src="https://evil.example/"></iframe>\n'}, [
        (INDEX, 3, 1, "markdown-iframe-host", "<iframe> may only embed https pages from www.youtube-nocookie.com; "
         "remove it or embed the video from one of those hosts")]),
    Hostile("md-iframe-cookie-setting-host", {INDEX: '# Intro\n\n<iframe src="https://www.youtube.com/embed/x">'
                                                     '</iframe>\n'}, [
        (INDEX, 3, 1, "markdown-iframe-host", YOUTUBE_COOKIES)]),
    Hostile("md-object", {INDEX: "<object data=x.swf></object>\n"}, [
        (INDEX, 1, 1, "markdown-forbidden-tag", "<object> is not allowed in course Markdown; remove it (embed "
         "videos with an <iframe> from an allowed video host)")]),
    Hostile("md-embed", {INDEX: "Intro\n\n<embed src=x.swf>\n"}, [
        (INDEX, 3, 1, "markdown-forbidden-tag", "<embed> is not allowed in course Markdown; remove it (embed "
         "videos with an <iframe> from an allowed video host)")]),
    Hostile("md-form", {INDEX: "<form action=https://evil.example/></form>\n"}, [
        (INDEX, 1, 1, "markdown-forbidden-tag", "<form> is not allowed in course Markdown; remove it (link to the "
         "form instead)")]),
    Hostile("md-event-handler", {INDEX: "<img src=x.png onerror=alert(1)>\n",
                                 "courses/intro/x.png": b"\x89PNG\r\n\x1a\n"}, [
        (INDEX, 1, 16, "markdown-event-handler", "onerror= on <img> is an event handler, which runs JavaScript; "
         "remove it")]),
    # Two refusals on one line, one the hints place and one only the allowlist finds: both said
    # at once (the second was said only once the first was mended), each construct once.
    Hostile("md-two-tags-one-line", {INDEX: 'Text <span style="color:red">red</span> and <a href="#" '
                                            'onclick="x()">x</a> <script>y()</script>\n'}, [
        (INDEX, 1, 12, "markdown-allowlist", "style= is not allowed on <span> in published pages; only text-align "
         "in table cells is allowed; use an attribute list class instead"),
        (INDEX, 1, 57, "markdown-event-handler", "onclick= on <a> is an event handler, which runs JavaScript; "
         "remove it"),
        (INDEX, 1, 77, "markdown-forbidden-tag", "<script> is not allowed in course Markdown; remove it (show code "
         "samples in a fenced code block instead)")]),
    Hostile("md-link-then-tag-one-line", {INDEX: '[a](javascript:alert(1)) and <a href="https://example.com/" '
                                                 'target="win">b</a>\n'}, [
        (INDEX, 1, 5, "markdown-unsafe-url", "Link target " + NOT_ALLOWED_SCHEME.format("javascript")),
        (INDEX, 1, 69, "markdown-allowlist", 'target="win" is not allowed on <a> in published pages; a link opens '
         "in this tab or a new one only (_blank): a named window gives the page it opens control of this one; "
         'write target="_blank" or remove it')]),
    Hostile("md-javascript-link", {INDEX: "[Click](javascript:alert(1))\n"}, [
        (INDEX, 1, 9, "markdown-unsafe-url", "Link target " + NOT_ALLOWED_SCHEME.format("javascript"))]),
    Hostile("md-data-image", {INDEX: "![x](data:image/svg+xml;base64,AAAA)\n"}, [
        (INDEX, 1, 6, "markdown-unsafe-url", "Image source " + NOT_ALLOWED_SCHEME.format("data"))]),
    Hostile("md-vbscript-uppercase", {INDEX: "[a](VBSCRIPT:msgbox)\n"}, [
        (INDEX, 1, 5, "markdown-unsafe-url", "Link target " + NOT_ALLOWED_SCHEME.format("vbscript"))]),
    Hostile("md-entity-obfuscated-javascript", {INDEX: "[a](jav&#x61;script:alert(1))\n"}, [
        (INDEX, 1, 5, "markdown-unsafe-url", "Link target " + NOT_ALLOWED_SCHEME.format("javascript"))]),
    Hostile("md-invalid-utf8", {INDEX: b"# Intro\n\nCaf\xe9\n"}, [
        (INDEX, 3, 4, "encoding", "invalid UTF-8 (byte 0xe9); save the file as UTF-8")]),
    Hostile("md-script-in-unit", {
        COURSE_FILE: COURSE + "units:\n  - title: One\n    file: one.md\n",
        "courses/intro/one.md": "# One\n\nText\n\n<SCRIPT>alert(1)</SCRIPT>\n"}, [
        ("courses/intro/one.md", 5, 1, "markdown-forbidden-tag", "<script> is not allowed in course Markdown; "
         "remove it (show code samples in a fenced code block instead)")]),
]
HOSTILE = HOSTILE_YAML + HOSTILE_MARKDOWN


def test_there_are_at_least_40_hostile_cases():
    assert len(HOSTILE_YAML) >= 40
    assert len(HOSTILE) == len({case.id for case in HOSTILE})


def diagnostics(result) -> list[tuple[str, int, int, str, str, str]]:
    return [(d["path"], d["line"], d["column"], d["severity"], d["rule"], d["message"]) for d in json.loads(result.out)]


@pytest.mark.parametrize("case", HOSTILE, ids=[case.id for case in HOSTILE])
def test_hostile_input_is_reported_at_its_position(catalog, run_cli, case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where a constructed os.system tag would "touch pwned"
    catalog.course("intro", COURSE)
    for relative, content in case.files.items():
        catalog.write(relative, content)

    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert result.code == 1
    assert result.err == ""
    assert diagnostics(result) == [(path, line, column, "error", rule, message)
                                   for path, line, column, rule, message in case.expected]

    text = run_cli("validate", "-f", catalog.config)
    assert text.code == 1
    assert "Traceback" not in text.out + text.err
    lines = text.out.splitlines()
    assert [line.split(" (hint: ")[0] for line in lines[:-1]] == [
        f"{path}:{line}:{column}: error: {message}" for path, line, column, _, message in case.expected]
    errors = len(case.expected)
    assert re.fullmatch(rf"{errors} errors?, 0 warnings in \d+ files?", lines[-1])
    assert not (tmp_path / "pwned").exists()


# --------------------------------------------------------------------------------------------
# The same through a real process: no traceback on any stream, whatever the input
# --------------------------------------------------------------------------------------------

def run_process(*args: str | os.PathLike[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    environment.pop("SYLLABUS_AUDIENCE", None)
    return subprocess.run([sys.executable, "-m", "syllabus", *map(str, args)], capture_output=True, text=True,
                          env=environment, cwd=cwd, timeout=120, check=False)


@pytest.mark.parametrize("module", ["syllabus", "syllabus.cli"])
def test_both_module_forms_run_the_command(catalog, module: str) -> None:
    """`python -m syllabus.cli`, as scripts wrote it before `python -m syllabus` worked, once
    did nothing and exited 0 whatever the content held."""
    catalog.course("intro", COURSE.replace("level: beginner", "level: expert"))
    result = subprocess.run([sys.executable, "-m", module, "validate", "-f", str(catalog.config)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1 and "courses/intro/course.yml:4:8: error: " in result.stdout


def test_many_hostile_files_at_once_in_a_real_process(catalog, tmp_path):
    hostile = {
        "tag": COURSE.replace("intro", "tag") + "x-run: !!python/object/apply:os.system ['touch pwned']\n",
        "laughs": COURSE.replace("intro", "laughs") + BILLION_LAUGHS,
        "utf8": (COURSE.replace("intro", "utf8")).encode().replace(b"code.", b"code.\xff"),
        "deep": COURSE.replace("intro", "deep") + "outcomes: " + "[" * 200_000 + "\n",
        "bidi": COURSE.replace("intro", "bidi").replace("Intro to", "Intro \u202e to"),
        "utf16": COURSE.replace("intro", "utf16").encode("utf-16"),
        "list": "- not a mapping\n",
    }
    for course_id, content in hostile.items():
        catalog.write(f"courses/{course_id}/course.yml", content)
    result = run_process("validate", "-f", catalog.config, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ""
    assert "Traceback" not in result.stdout
    assert result.stdout.splitlines() == [
        f"courses/bidi/course.yml:2:14: error: {CONTROL.format('U+202E')}",
        "courses/deep/course.yml:10:74: error: nesting is deeper than 64 levels",
        f"courses/laughs/course.yml:10:7: error: {ANCHOR.format('a')}",
        f"courses/laughs/course.yml:11:7: error: {ANCHOR.format('b')}",
        f"courses/laughs/course.yml:11:11: error: {ALIAS.format('a')}",
        "courses/list/course.yml:1:1: error: the top level must be a mapping of fields (key: value)",
        f"courses/tag/course.yml:10:8: error: {TAG.format('!!python/object/apply:os.system')}",
        "courses/utf16/course.yml:1:1: error: file is UTF-16; save it as UTF-8",
        "courses/utf8/course.yml:3:31: error: invalid UTF-8 (byte 0xff); save the file as UTF-8",
        "9 errors, 0 warnings in 8 files",  # docs/index.md is checked too
    ]
    assert not (tmp_path / "pwned").exists()

    as_json = run_process("validate", "--format", "json", "-f", catalog.config, cwd=tmp_path)
    assert as_json.returncode == 1
    assert as_json.stderr == ""
    assert [(d["path"], d["line"], d["column"]) for d in json.loads(as_json.stdout)] == [
        ("courses/bidi/course.yml", 2, 14), ("courses/deep/course.yml", 10, 74), ("courses/laughs/course.yml", 10, 7),
        ("courses/laughs/course.yml", 11, 7), ("courses/laughs/course.yml", 11, 11), ("courses/list/course.yml", 1, 1),
        ("courses/tag/course.yml", 10, 8), ("courses/utf16/course.yml", 1, 1),
        ("courses/utf8/course.yml", 3, 31),
    ]


HOSTILE_NAMES = {  # Git keeps any file name; each printed raw acted on the terminal or the CI log
    "courses/evil\n::error file=x::injected": "courses/evil\\n::error file=x::injected",
    "courses/an\x1b[2Jx": "courses/an\\x1b[2Jx",
    "docs/a\u202eb.md": "docs/a\\u202eb.md",
}


def test_hostile_file_names_are_printed_escaped_in_every_format(catalog, tmp_path):
    """A newline in a folder's name started a workflow command, an escape cleared the
    terminal, a bidi override reordered the line: names are shown as messages show values."""
    catalog.course("intro", COURSE)
    for name in HOSTILE_NAMES:
        if name.startswith("courses/"):
            (catalog.root / name).mkdir()
        else:
            catalog.write(name, "# A page\n")
    text = run_process("validate", "-f", catalog.config).stdout
    github = run_process("validate", "--format", "github", "-f", catalog.config).stdout
    build = build_site(catalog.config, tmp_path / "site", check=False).stderr
    for output, colon in ((text, ":"), (github, "%3A"), (build, ":")):  # a property escapes ":" too
        assert all(shown.replace(":", colon) in output for shown in HOSTILE_NAMES.values())
        assert not any(line.startswith("::error file=x") for line in output.splitlines())
        assert "\x1b" not in output and "\u202e" not in output
    assert len(text.splitlines()) == len(HOSTILE_NAMES) + 1  # one line each, and the summary
    # A name that is not UTF-8 (Python holds its byte as a lone surrogate, which no output encodes).
    (catalog.root / "courses/intro").joinpath(os.fsdecode(b"bad\xff.md")).write_text("# Bad\n", encoding="utf-8")
    as_json = run_process("validate", "--format", "json", "-f", catalog.config)
    assert "courses/intro/bad\\udcff.md" in [d["path"] for d in json.loads(as_json.stdout)]
    assert "courses/intro/bad\\udcff.md:1:1: warning:" in run_process("validate", "-f", catalog.config).stdout


def test_hostile_markdown_in_a_real_process(catalog):
    catalog.course("intro", COURSE)
    catalog.write(INDEX, b"# Intro\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n")
    result = run_process("validate", "--format", "github", "-f", catalog.config)
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "::error file=courses/intro/index.md,line=3,col=1,title=markdown-forbidden-tag::<script> is not allowed in "
        "course Markdown; remove it (show code samples in a fenced code block instead)",
        "::error file=courses/intro/index.md,line=5,col=5,title=markdown-unsafe-url::Link target "
        + NOT_ALLOWED_SCHEME.format("javascript"),
        "2 errors, 0 warnings in 3 files",
    ]


def test_mkdocs_yml_problems_are_annotations_and_json_in_order_too(catalog, run_cli):
    """They went to stderr as text whatever --format asked: CI made no annotation of them, and
    a JSON reader read nothing. In the file's order (line 5 came after line 6)."""
    catalog.write("mkdocs.yml", PLUGIN_OPTIONS + "      roles: {admin: {title: A, colour: red}}\n      rolez: {}\n")
    annotations = run_cli("validate", "--format", "github", "-f", catalog.config)
    assert (annotations.code, annotations.err) == (2, "")
    assert annotations.out.splitlines() == [
        "::error file=mkdocs.yml,line=5,col=33,title=config::syllabus: roles.admin: unknown key 'colour'",
        "::error file=mkdocs.yml,line=6,col=7,title=config::syllabus: unknown option 'rolez' (did you mean 'roles'?)",
        "2 errors, 0 warnings in 1 file"]
    read = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert [(d["line"], d["column"]) for d in json.loads(read.out)] == [(5, 33), (6, 7)]


def test_a_bad_choice_is_positioned_and_names_the_value(catalog, run_cli):
    catalog.write("mkdocs.yml", PLUGIN_OPTIONS + "      audience: everyone\n")
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 2
    assert result.err.startswith("mkdocs.yml:5:17: error: syllabus: audience: ")
    assert "'everyone'" in result.err


def test_inherit_and_env_are_read_as_mkdocs_reads_them(catalog, tmp_path, monkeypatch):
    """``INHERIT`` and ``!ENV`` reach the CLI as they reach the build: both see an internal audience."""
    catalog.write("base.yml", MKDOCS_TEMPLATE.format(audience="!ENV [CATALOG_AUDIENCE, public]"))
    catalog.write("mkdocs.yml", "INHERIT: base.yml\nsite_name: !ENV [CATALOG_NAME, Inherited Academy]\n")
    catalog.course("intro", COURSE)
    catalog.course("secret", COURSE.replace("intro", "secret").replace("visibility: public", "visibility: internal"))
    monkeypatch.setenv("CATALOG_AUDIENCE", "internal")
    exported = run_process("export", "-f", catalog.config)
    assert exported.returncode == 0, exported.stderr
    assert [c["id"] for c in json.loads(exported.stdout)["courses"]] == ["intro", "secret"]
    build_site(catalog.config, tmp_path / "site", env={"CATALOG_AUDIENCE": "internal"})
    built = json.loads((tmp_path / "site" / "catalog.json").read_text(encoding="utf-8"))
    assert built == json.loads(exported.stdout)


@pytest.mark.parametrize("variable", [None, "base.yml"])
def test_inherit_may_name_its_file_by_an_environment_variable(catalog, tmp_path, monkeypatch, variable):
    """``INHERIT: !ENV [VARIABLE, default]`` builds with MkDocs; validate said "write the name of
    one file to inherit from" and exited 2."""
    catalog.write("base.yml", MKDOCS_TEMPLATE.format(audience="public"))
    catalog.write("mkdocs.yml", "INHERIT: !ENV [SYLLABUS_TEST_BASE, missing.yml]\nsite_name: Inherited Academy\n")
    catalog.course("intro", COURSE)
    if variable:
        monkeypatch.setenv("SYLLABUS_TEST_BASE", variable)
    else:
        monkeypatch.delenv("SYLLABUS_TEST_BASE", raising=False)
    validated = run_process("validate", "-f", catalog.config)
    built = build_site(catalog.config, tmp_path / "site", check=False)
    if variable:
        assert (validated.returncode, built.returncode) == (0, 0), validated.stdout + validated.stderr + built.stderr
    else:  # the default names no file: both stop, validate at the place
        assert (validated.returncode, validated.stderr) == (2, "mkdocs.yml:1:10: error: INHERIT: there is no file "
                                                               "missing.yml (hint: name a file relative to this one)\n")
        assert built.returncode != 0 and "Inherited config file 'missing.yml' does not exist" in built.stderr


def test_an_option_error_in_an_inherited_file_is_positioned_there(catalog, run_cli):
    catalog.write("base.yml", PLUGIN_OPTIONS + "      rolez: {}\n")
    catalog.write("mkdocs.yml", "INHERIT: base.yml\n")
    result = run_cli("validate", "-f", catalog.config)
    assert (result.code, result.err) == (
        2, "base.yml:5:7: error: syllabus: unknown option 'rolez' (did you mean 'roles'?)\n")


def test_a_deeply_nested_mkdocs_yml_is_positioned_not_a_traceback(catalog, run_cli, tmp_path):
    """500 levels in mkdocs.yml (or a file it inherits) ended validate in a RecursionError: the
    file is composed again to position problems, and MkDocs' own loader recurses too."""
    catalog.write("base.yml", PLUGIN_OPTIONS + "extra:\n  deep: " + "[" * 500 + "]" * 500 + "\n")
    catalog.write("mkdocs.yml", "INHERIT: base.yml\n")
    result = run_cli("validate", "-f", catalog.config)
    line = PLUGIN_OPTIONS.count("\n") + 2
    assert (result.code, result.err) == (
        2, f"base.yml:{line}:71: error: nesting is deeper than 64 levels (hint: write the lists and mappings out "
        "flatter)\n")
    # The build agrees (MkDocs' loader took it up to a few hundred levels).
    catalog.write("base.yml", PLUGIN_OPTIONS + "extra:\n  deep: " + "[" * 100 + "]" * 100 + "\n")
    assert run_cli("validate", "-f", catalog.config).code == 2
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode != 0 and "nesting is deeper than 64 levels" in build.stderr


@pytest.mark.parametrize(("setting", "line", "expected"), [
    ("docs_dir: courses/secret\n", "docs_dir: ", "docs_dir: 'courses/secret' is inside the catalog's courses/ folder"),
    ("docs_dir: courses\nexclude_docs: '*.yml'\n", "docs_dir: ",
     "docs_dir: 'courses' is the catalog's courses/ folder"),
    ("theme:\n  name: material\n  custom_dir: courses/secret/files\n", "  custom_dir: ",
     "theme.custom_dir: 'courses/secret/files' is inside the catalog's courses/ folder"),
], ids=["docs-in-a-course", "docs-is-courses", "theme-files-in-a-course"])
def test_a_folder_mkdocs_publishes_whole_stays_out_of_the_catalogs_own(catalog, run_cli, tmp_path, setting, line,
                                                                       expected):
    """`docs_dir: courses/secret` (or a custom_dir there) published an internal course's
    pages and files as docs pages and theme files: validate, --strict and leak-check passed
    (an attack review). The folders MkDocs publishes whole stay out of the catalog's own."""
    catalog.course("secret", COURSE.replace("intro", "secret").replace("visibility: public", "visibility: internal"))
    catalog.write("courses/secret/files/roadmap.pdf", b"%PDF-1.4\n")
    config = catalog.config.read_text(encoding="utf-8")
    if setting.startswith("theme:"):
        config = config.replace("theme:\n  name: material\n", setting)
    else:
        config += setting
    catalog.write("mkdocs.yml", config)
    number = config.splitlines().index(next(text for text in config.splitlines() if text.startswith(line))) + 1
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 2
    assert result.err.startswith(f"mkdocs.yml:{number}:{len(line) + 1}: error: {expected}: MkDocs would publish its "
                                 "files as they are, drafts and internal ones too; write a folder of its own")
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode != 0 and expected in build.stderr
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").iterdir())


def test_a_file_with_thousands_of_unknown_fields_gets_a_bounded_report(catalog, run_cli):
    """30,000 unknown keys in each of 40 files were 1.3 million errors (454 MB of output, 2.9 GB
    of memory, 140 s): a file's first 100 problems with its fields are listed, then where the
    next one is."""
    catalog.course("intro", COURSE + "".join(f"extra{number:05d}: 1\n" for number in range(5000)))
    first = COURSE.count("\n") + 1
    result = run_cli("validate", "-f", catalog.config)
    lines = result.out.splitlines()
    assert (result.code, len(lines), lines[-1]) == (1, 102, "101 errors, 0 warnings in 2 files")
    assert lines[99].startswith(f"courses/intro/course.yml:{first + 99}:1: error: extra00099: unknown field")
    assert lines[100] == (f"courses/intro/course.yml:{first + 100}:1: error: this file has more problems with its "
                          "fields than the 100 listed; the next is here (hint: fix the ones listed and validate again)")


def test_a_symbolic_link_in_the_themes_folder_is_refused(catalog, run_cli, tmp_path):
    """MkDocs copies the theme's files as the links among them lead: `overrides/leak.txt`
    leading to an internal course's course.yml (or .git/config) was published (attack review)."""
    catalog.course("secret", COURSE.replace("intro", "secret").replace("visibility: public", "visibility: internal"))
    catalog.write("overrides/main.html", "{% extends 'base.html' %}\n")
    (catalog.root / "overrides" / "leak.txt").symlink_to("../courses/secret/course.yml")
    config = catalog.config.read_text(encoding="utf-8").replace("theme:\n  name: material\n",
                                                                "theme:\n  name: material\n  custom_dir: overrides\n")
    catalog.write("mkdocs.yml", config)
    line = config.splitlines().index("  custom_dir: overrides") + 1
    result = run_cli("validate", "-f", catalog.config)
    assert (result.code, result.err) == (2, f"mkdocs.yml:{line}:15: error: theme.custom_dir: 'overrides/leak.txt' is a "
                                            "symbolic link: MkDocs would publish what it leads to; copy the file in "
                                            "instead\n")
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode != 0 and not (tmp_path / "site" / "leak.txt").exists()


def test_mkdocs_yml_may_not_link_a_draft_however_the_address_is_written(catalog, run_cli, tmp_path):
    """A nav entry, the copyright or extra.homepage naming a draft's page put it on every page of
    the public site; percent-encoded, leak-check missed it too (attack review)."""
    catalog.course("intro", COURSE)
    catalog.course("secret", COURSE.replace("intro", "secret").replace("visibility: public", "visibility: internal"))
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8") + (
        "copyright: 'See <a href=\"/courses/secret/\">our partners</a>'\n"
        "extra:\n  homepage: https://academy.test/courses/s%65cret/\n"
        "nav:\n  - index.md\n  - Soon: /courses/s&#x65;cret/setup/\n  - Later: \"/courses/se\\tcret/\"\n"))
    lines = catalog.config.read_text(encoding="utf-8").splitlines()
    expected = [(lines.index(text) + 1, column) for text, column in (
        ("copyright: 'See <a href=\"/courses/secret/\">our partners</a>'", 12),
        ("  homepage: https://academy.test/courses/s%65cret/", 13), ("  - Soon: /courses/s&#x65;cret/setup/", 5),
        ('  - Later: "/courses/se\\tcret/"', 5))]
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 1
    assert [line for line in result.out.splitlines() if "draft or internal" in line] == [
        f"mkdocs.yml:{line}:{column}: error: 'courses/secret' is a draft or internal item, which the public site does "
        "not publish; remove it from mkdocs.yml, whose value every page shows" for line, column in expected]
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode != 0 and f"mkdocs.yml:{expected[0][0]}:12: error: 'courses/secret'" in build.stderr


def test_the_note_of_more_problems_is_not_restated_by_a_rule(catalog, run_cli):
    """The rules restate a schema error at its place in their own words; at the 101st place
    they replaced the note that more problems follow, which was lost (attack review)."""
    sessions = "".join(f"  - {{start: 'x{number}', timezone: Nowhere/X}}\n" for number in range(120))
    catalog.course("intro", COURSE.replace("format: self-paced", "format: virtual-ilt") + "sessions:\n" + sessions)
    result = run_cli("validate", "-f", catalog.config)
    notes = [line for line in result.out.splitlines() if "more problems with its fields" in line]
    assert len(notes) == 1 and notes[0].endswith("than the 100 listed; the next is here (hint: fix the ones listed "
                                                 "and validate again)")


def test_a_nav_entry_the_build_leaves_out_fails_validate_and_the_build(catalog, run_cli, tmp_path):
    """A draft_docs page named in the nav passed both: MkDocs notes it at info level, and every
    public page linked it, to nothing, under its nav title. The preview still shows it."""
    catalog.course("intro", COURSE)
    catalog.write("docs/drafty.md", "# Drafty\n\nNot yet.\n")
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8") + (
        "draft_docs: drafty.md\nnav:\n  - index.md\n  - Coming soon: drafty.md\n"))
    line = catalog.config.read_text(encoding="utf-8").splitlines().index("  - Coming soon: drafty.md") + 1
    result = run_cli("validate", "-f", catalog.config)
    assert (result.code, result.out.splitlines()[:-1]) == (1, [
        f"mkdocs.yml:{line}:18: error: nav: 'drafty.md' is left out of this build (exclude_docs, draft_docs or "
        "authoring: true) (hint: take it out of the nav, or publish the page)"])
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode != 0 and "mkdocs.yml's nav names drafty.md, which this build leaves out" in build.stderr


@pytest.mark.parametrize(("written", "expected"), [
    ("extra:\n  launched: 2026-02-30\n", "mkdocs.yml:{line}:13: error: '2026-02-30' is read as a date, and day is out "
     "of range for month (hint: write a date that exists, or quote it if you meant text)"),
    ("x: 2026-13-45\n", "mkdocs.yml:{line}:4: error: '2026-13-45' is read as a date, and month must be in 1..12 "
     "(hint: write a date that exists, or quote it if you meant text)"),
])
def test_a_value_mkdocs_cannot_read_is_positioned(catalog, run_cli, written, expected):
    """MkDocs' loader says "month must be in 1..12" with no file, line or column."""
    catalog.write("mkdocs.yml", PLUGIN_OPTIONS + written)
    result = run_cli("validate", "-f", catalog.config)
    line = PLUGIN_OPTIONS.count("\n") + written.count("\n")
    assert (result.code, result.err) == (2, expected.format(line=line) + "\n")


def test_a_mkdocs_yml_that_is_a_list_is_positioned(catalog, run_cli):
    catalog.write("mkdocs.yml", "- site_name: x\n- plugins: [syllabus]\n")
    result = run_cli("validate", "-f", catalog.config)
    assert (result.code, result.err) == (
        2, "mkdocs.yml:1:1: error: the top level must be a mapping of settings (site_name: ...)\n")
    catalog.write("parent.yml", "- site_name: x\n")  # inherited: MkDocs' merge raised a TypeError
    catalog.write("mkdocs.yml", "INHERIT: parent.yml\nplugins: [syllabus]\n")
    result = run_cli("validate", "-f", catalog.config)
    assert (result.code, result.err) == (
        2, "parent.yml:1:1: error: the top level must be a mapping of settings (site_name: ...)\n")


def test_a_nav_entry_the_site_lacks_is_an_error_where_it_is_written(catalog, run_cli, tmp_path):
    """It passed validate and failed `mkdocs build --strict` (MkDocs warns of it). A page
    Syllabus makes, a full address and a path from the site's root are no files to look for."""
    catalog.course("intro", COURSE)
    catalog.track("path", track_data("path", ["intro"]))
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8") + (
        "nav:\n  - index.md\n  - Catalog: catalog/index.md\n  - Paths:\n      - tracks/path/index.md\n"
        "      - Gone: tracks/gone/index.md\n  - Guide: guide.md\n  - Blog: https://blog.test/\n  - Shop: /shop/\n"))
    lines = catalog.config.read_text(encoding="utf-8").splitlines()
    gone, guide = (next(number for number, text in enumerate(lines, 1) if text.endswith(name))
                   for name in ("gone/index.md", "guide.md"))
    hint = ("(hint: name a file of the docs folder, relative to it, or a page Syllabus makes (catalog/index.md, "
            "tracks/<id>/index.md, plans/<id>/index.md))")
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 1
    assert result.out.splitlines()[:-1] == [
        f"mkdocs.yml:{gone}:15: error: nav: 'tracks/gone/index.md' is no page of this site (did you mean "
        f"'tracks/path/index.md'?) {hint}",
        f"mkdocs.yml:{guide}:12: error: nav: 'guide.md' is no page of this site (did you mean 'index.md'?) {hint}",
    ]
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode != 0 and "'tracks/gone/index.md' is included in the 'nav'" in build.stderr


def test_folders_that_cannot_be_read_or_are_files_are_reported_where_they_are(catalog, run_cli, monkeypatch):
    """A folder the user may not read stopped validate with a PermissionError traceback, or
    (in docs/) was passed over with its pages (as root, every folder reads: refused here as
    the operating system refuses another user); a file named tracks was passed over."""
    catalog.course("intro", COURSE)
    catalog.course("other", COURSE.replace("intro", "other"))
    catalog.write("tracks", "not a folder\n")
    catalog.write("docs/sub/page.md", "# Page\n")
    refused = {str(catalog.root / "plans"), str(catalog.root / "courses/other"), str(catalog.root / "docs/sub")}
    scandir, access = os.scandir, os.access

    def guarded_scandir(path):
        if str(path) in refused:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    monkeypatch.setattr(os, "access", lambda path, mode: str(path) not in refused and access(path, mode))
    (catalog.root / "plans").mkdir()
    (catalog.root / "courses/other/course.yml").rename(catalog.root / "courses/other/kept.yml")
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert "Traceback" not in result.err
    assert [(d["path"], d["message"], d.get("hint")) for d in json.loads(result.out)] == [
        ("courses/other", "cannot read folder: Permission denied", "make it readable"),
        ("docs/sub", "cannot read folder: Permission denied", "make it readable"),  # MkDocs left its pages out
        ("plans", "cannot read folder: Permission denied", "make it readable"),
        ("tracks", "tracks is a file, where the catalog keeps a folder of them", "move it away and make tracks/ a "
                   "folder")]


def test_a_key_written_twice_in_mkdocs_yml_is_an_error_in_both(catalog, run_cli, tmp_path):
    """MkDocs keeps the last: `audience: internal` below `audience: public` passed validate and
    the build, which published the internal course on the public site."""
    catalog.course("intro", COURSE)
    catalog.course("secret", COURSE.replace("intro", "secret").replace("visibility: public", "visibility: internal"))
    catalog.write("mkdocs.yml", MKDOCS_TEMPLATE.format(audience="public") + "      audience: internal\nsite_name: X\n")
    expected = ["mkdocs.yml:15:7: error: duplicate key 'audience' (first on line 7): MkDocs keeps the last and "
                "ignores the first (hint: keep one)",
                "mkdocs.yml:16:1: error: duplicate key 'site_name' (first on line 1): MkDocs keeps the last and "
                "ignores the first (hint: keep one)"]
    result = run_cli("validate", "-f", catalog.config)
    assert (result.code, result.err.splitlines()) == (2, expected)
    built = build_site(catalog.config, tmp_path / "site", check=False)
    assert built.returncode != 0 and all(line in built.stderr for line in expected)
    assert not (tmp_path / "site").exists()
    # A second `theme:` without a name: MkDocs' own complaint, and why (it was that complaint alone).
    catalog.write("mkdocs.yml", MKDOCS_TEMPLATE.format(audience="public") + "theme:\n  favicon: x.png\n")
    said = run_cli("validate", "-f", catalog.config)
    assert said.code == 2 and "error: duplicate key 'theme'" in said.err and "No theme name set" in said.err
    catalog.write("mkdocs.yml", MKDOCS_TEMPLATE.format(audience="public") + "extra: {'1': text, 1: number}\n")
    assert run_cli("validate", "-f", catalog.config).code == 0  # two keys to YAML and to MkDocs
    catalog.write("base.yml", MKDOCS_TEMPLATE.format(audience="public"))  # a file and the one it inherits: no twice
    catalog.write("mkdocs.yml", "INHERIT: base.yml\nsite_name: Other Academy\n")
    assert run_cli("validate", "-f", catalog.config).code == 0


def test_a_key_mkdocs_does_not_know_is_said_where_it_is(catalog, run_cli, tmp_path):
    """MkDocs warns of it and `build --strict` fails; validate said 0 errors."""
    catalog.course("intro", COURSE)
    catalog.write("mkdocs.yml", MKDOCS_TEMPLATE.format(audience="public") + "foo: 1\n")
    result = run_cli("validate", "-f", catalog.config)
    assert (result.code, result.out.splitlines()) == (0, [
        "mkdocs.yml:15:1: warning: config value 'foo': Unrecognised configuration name: foo (hint: `mkdocs build "
        "--strict` fails on it)", "0 errors, 1 warning in 2 files"])
    assert build_site(catalog.config, tmp_path / "site", check=False).returncode == 1


@pytest.mark.parametrize(("yaml", "expected"), [
    ("theme:\n  name: material\n  icon:\n    search: material/magnifyy\n",
     "mkdocs.yml:4:13: error: theme.icon.search: the theme has no icon 'material/magnifyy' (did you mean "
     "'material/magnify'?)"),
    ("theme:\n  name: material\n  icon:\n    admonition:\n      note: ../partials/x\n",
     "mkdocs.yml:5:13: error: theme.icon.admonition.note: the theme has no icon '../partials/x' (icons are named "
     "as material/magnify, fontawesome/brands/github...)"),
    ("theme:\n  name: material\n  palette: 5\n",
     "mkdocs.yml:3:12: error: theme.palette: the theme reads it as a mapping or a list of them, not 5"),
    ("theme:\n  name: material\nextra:\n  social: hello\n",
     "mkdocs.yml:4:11: error: extra.social: the theme reads it as a list of mappings, not 'hello'"),
    ("theme:\n  name: material\nextra:\n  social:\n    - {icon: fontawesome/brands/githubb, link: https://x.test}\n",
     "mkdocs.yml:5:14: error: extra.social[0].icon: the theme has no icon 'fontawesome/brands/githubb' (did you "
     "mean 'fontawesome/brands/github'?)"),
    ("theme:\n  name: material\nextra:\n  alternate: 5\n",
     "mkdocs.yml:4:14: error: extra.alternate: the theme reads it as a list of mappings, not 5"),
    ("theme:\n  name: material\nextra:\n  social:\n    - {icon: fontawesome/brands/github, link: 5}\n",
     "mkdocs.yml:5:47: error: extra.social[0].link: must be an address, not 5"),
    ("theme:\n  name: material\nextra:\n  social:\n    - {name: GitHub, link: https://x.test}\n",
     "mkdocs.yml:5:7: error: extra.social[0]: an entry needs an icon, such as fontawesome/brands/github"),
], ids=["icon", "icon-path", "palette", "social", "social-icon", "alternate", "social-link", "social-no-icon"])
def test_theme_values_the_templates_cannot_read_are_refused_by_both(catalog, run_cli, tmp_path, yaml, expected):
    """Each passed validate and stopped the build with a template traceback (TemplateNotFound)."""
    catalog.course("intro", COURSE)
    without_theme = MKDOCS_TEMPLATE.format(audience="public").replace("theme:\n  name: material\n", "")
    catalog.write("mkdocs.yml", yaml + without_theme)
    result = run_cli("validate", "-f", catalog.config)
    assert (result.code, result.err.splitlines()) == (2, [expected])
    built = build_site(catalog.config, tmp_path / "site", check=False)
    assert built.returncode == 1 and expected in built.stderr and "Traceback" not in built.stderr


def test_a_byte_of_mkdocs_yml_that_is_no_utf8_is_said_where_it_is(catalog, run_cli):
    """It was "position 4024", with no line; content files say where."""
    catalog.course("intro", COURSE)
    catalog.write("mkdocs.yml", MKDOCS_TEMPLATE.format(audience="public").encode() + "extra:\n  cafè: \"caf".encode()
                  + b"\xe9\"\n")
    result = run_cli("validate", "-f", catalog.config)
    assert (result.code, result.err.splitlines()) == (2, [
        "mkdocs.yml:16:13: error: invalid continuation byte: this is not UTF-8 text (hint: save the file as UTF-8)"])


def test_a_usage_error_in_a_real_process_is_one_line_on_stderr(tmp_path):
    result = run_process("validate", "-f", tmp_path / "missing.yml")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (f"syllabus: error: {tmp_path / 'missing.yml'}: no such config file (use -f to point at "
                             "mkdocs.yml)\n")


def test_validate_finds_mkdocs_yml_from_a_course_folder(catalog, tmp_path):
    """As git finds its repository: the nearest mkdocs.yml here or above; paths stay the catalog's."""
    catalog.course("intro", COURSE.replace("level: beginner", "level: expert"))
    result = run_process("validate", cwd=catalog.root / "courses" / "intro")
    assert result.returncode == 1 and result.stdout.startswith("courses/intro/course.yml:4:8: error: level:")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    assert run_process("validate", cwd=outside).stderr.startswith("syllabus: error: mkdocs.yml: no such config file")


# --------------------------------------------------------------------------------------------
# All problems at once, positioned, sorted; summary; formats; exit codes
# --------------------------------------------------------------------------------------------

def test_the_example_catalog_validates_clean_with_strict(run_cli):
    result = run_cli("validate", "--strict", "-f", REPO / "mkdocs.yml")
    assert result.err == ""
    assert result.code == 0, result.out
    assert re.fullmatch(r"0 errors, 0 warnings in \d+ files\n", result.out)


BROKEN_TRACK = """\
id: admin
title: Administrator track
summary: Install and run it.
role: admins
visibility: public
sections:
  - title: Start
    courses: [intro, intro-searh]
"""
BROKEN_COURSE = """\
id: intro-search
title: Intro to search
summary: Learn to search code.
level: expert
roles: [admin]
format: self-paced
duration_minutes: 60
owner: ['@trainer']
visibility: public
units:
  - title: One
"""


def test_every_problem_is_reported_at_once_sorted_by_path_and_line(catalog, run_cli):
    catalog.course("intro", COURSE + "last_reviewed: 2025-01-10\n")
    catalog.course("intro-search", BROKEN_COURSE)
    catalog.track("admin", BROKEN_TRACK)
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 1
    assert result.out == (
        "courses/intro-search/course.yml:4:8: error: level: 'expert' is not one of beginner, intermediate, "
        "advanced (did you mean 'advanced'?)\n"
        # One problem, not also "missing required field 'owners'".
        "courses/intro-search/course.yml:8:1: error: owner: unknown field 'owner' (did you mean 'owners'? it is "
        "required)\n"
        "courses/intro-search/course.yml:11:5: error: units[0]: missing required field 'file' (Path of the unit's "
        "Markdown file relative to the course folder, ending in `.md`)\n"
        "courses/intro/course.yml:10:16: warning: last_reviewed 2025-01-10 is older than 365 days; review the course "
        "and update the date\n"
        "tracks/admin.yml:4:7: error: role: 'admins' is not one of admin, end-user (did you mean 'admin'?)\n"
        # The track fails its schema, yet its references are still checked in the same run.
        "tracks/admin.yml:8:22: error: sections[0].courses[1]: unknown course 'intro-searh' (did you mean "
        "'intro-search'?)\n"
        "5 errors, 1 warning in 4 files\n"
    )


def test_references_to_a_near_miss_id_suggest_the_right_one(catalog, run_cli):
    catalog.course("intro", COURSE)
    catalog.track("admin", TRACK.replace("[intro]", "[intro, intr]"))
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 1
    assert result.out == ("tracks/admin.yml:8:22: error: sections[0].courses[1]: unknown course 'intr' (did you "
                          "mean 'intro'?)\n1 error, 0 warnings in 3 files\n")


def test_a_title_written_where_its_id_goes_suggests_the_id(catalog, run_cli):
    """Trainers see "Administrator" on the site and write it; the taxonomy's own titles say
    which id they mean, however far the spelling is from it."""
    catalog.course("intro", COURSE.replace("roles: [admin]", "roles: [Administrator, End User]"))
    result = run_cli("validate", "-f", catalog.config)
    assert result.out == (
        "courses/intro/course.yml:5:9: error: roles[0]: 'Administrator' is not one of admin, end-user (did you mean "
        "'admin'?)\ncourses/intro/course.yml:5:24: error: roles[1]: 'End User' is not one of admin, end-user (did you "
        "mean 'end-user'?)\n2 errors, 0 warnings in 2 files\n")


def test_a_clean_catalog_exits_0(catalog, run_cli):
    catalog.course("intro", COURSE)
    catalog.track("admin", TRACK)
    catalog.plan("onboarding", PLAN)
    for args in ((), ("--strict",)):
        result = run_cli("validate", *args, "-f", catalog.config)
        assert (result.code, result.out, result.err) == (0, "0 errors, 0 warnings in 4 files\n", "")


def test_warnings_exit_0_unless_strict(catalog, run_cli):
    catalog.course("intro", COURSE + "last_reviewed: 2025-11-17\n")
    expected = ("courses/intro/course.yml:10:16: warning: last_reviewed 2025-11-17 is older than 365 days; review "
                "the course and update the date\n0 errors, 1 warning in 2 files\n")
    relaxed = run_cli("validate", "-f", catalog.config)
    assert (relaxed.code, relaxed.out) == (0, expected)
    strict = run_cli("validate", "--strict", "-f", catalog.config)  # it failed saying "0 errors, 1 warning" alone
    assert (strict.code, strict.out) == (1, expected.replace(
        "0 errors, 1 warning in", "0 errors, 1 warning (--strict: warnings fail the check) in"))
    annotations = run_cli("validate", "--strict", "--format", "github", "-f", catalog.config)
    assert annotations.code == 1 and annotations.out.endswith("(--strict: warnings fail the check) in 2 files\n")
    # A warning that fails the run is annotated as an error (trainer review, stop 42); without --strict a warning.
    assert annotations.out.startswith("::error file=courses/intro/course.yml,line=10,col=16,")
    assert run_cli("validate", "--format", "github", "-f", catalog.config).out.startswith("::warning file=")
    # A one-day review window is "1 day".
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8").replace(
        "review_every_days: 365", "review_every_days: 1"))
    assert "is older than 1 day; review" in run_cli("validate", "-f", catalog.config).out


def test_summary_counts_are_pluralised(catalog, run_cli):
    catalog.course("intro", course(level="level: expert") + "last_reviewed: 2020-01-01\n")
    catalog.course("other", COURSE.replace("intro", "other").replace("level: beginner", "level: guru"))
    result = run_cli("validate", "-f", catalog.config)
    assert result.out.splitlines()[-1] == "2 errors, 1 warning in 3 files"


@pytest.mark.parametrize(("args", "message"), [
    pytest.param(("validate", "--format", "xml"), "invalid choice: 'xml'", id="unknown-format"),
    pytest.param(("validate", "--bogus"), "unrecognized arguments: --bogus", id="unknown-option"),
    pytest.param(("frobnicate",), "invalid choice: 'frobnicate'", id="unknown-command"),
    pytest.param((), "the following arguments are required: COMMAND", id="no-command"),
    # What was typed is quoted bounded and printable, as in every diagnostic.
    pytest.param(("validate", "--format", "x" * 100_000), "'xxx", id="long-value"),
    pytest.param(("strings", "j\x1b[2Ja" * 20_000), "'j\\x1b[2Jaj", id="long-value-with-escapes"),
])
def test_usage_errors_exit_2(run_cli, args, message):
    result = run_cli(*args)
    assert result.code == 2
    assert message in result.err
    assert result.out == ""
    assert len(result.err) < 2_000 and "\x1b" not in result.err


def test_a_long_plan_id_is_quoted_bounded(catalog, run_cli):
    catalog.course("intro", COURSE)
    result = run_cli("plan", "p" * 100_000, "--customer", "Acme", "--start", "2027-01-04", "-f", catalog.config)
    assert result.code == 2 and "unknown plan 'ppp" in result.err and "characters left out" in result.err
    assert len(result.err) < 2_000


@pytest.mark.parametrize(("config", "message"), [
    pytest.param("site_name: x\nplugins:\n  - search\n",
                 "syllabus: error: mkdocs.yml: the 'syllabus' plugin is not enabled under 'plugins'",
                 id="plugin-not-enabled"),
])
def test_configuration_errors_exit_2_with_one_line(catalog, run_cli, config, message):
    catalog.write("mkdocs.yml", config)
    catalog.course("intro", COURSE)
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith(message.replace("mkdocs.yml", str(catalog.config)))
    assert "Traceback" not in result.err


@pytest.mark.parametrize(("config", "diagnostic"), [
    pytest.param(b"site_name: \xff\n", "mkdocs.yml:1:12: error: invalid start byte: this is not UTF-8 text (hint: save "
                 "the file as UTF-8)", id="mkdocs-yml-not-utf8"),
    pytest.param("site_name: [x\n", "mkdocs.yml:1:12: error: the '[' opened on line 1 column 12 is never closed "
                 "(hint: end the value of 'site_name' with ']')", id="unclosed-flow-list"),
    pytest.param("site_name: x\nextra:\n\tfoo: 1\n", "mkdocs.yml:3:1: error: YAML indents with spaces; line 3 starts "
                 "with a tab (hint: replace the tab with spaces (two per level) and set your editor to indent YAML "
                 "with spaces)", id="tab"),
    pytest.param("site_name: x\ntheme: {name: no-such-theme}\nplugins:\n  - syllabus\n",
                 "mkdocs.yml:2:8: error: config value 'theme': Unrecognised theme name: 'no-such-theme'. The "
                 "available installed themes are: ", id="mkdocs-own-option"),
    pytest.param("site_name: x\ndocs_dir: pages\nplugins:\n  - syllabus\n",
                 "mkdocs.yml:2:11: error: config value 'docs_dir': The path '{root}/pages' isn't an existing "
                 "directory.", id="missing-docs-folder"),

    # These stopped validate with a traceback (ValueError, TypeError, RecursionError).
    pytest.param("site_name: x\nplugins:\n  - syllabus: on\n", "mkdocs.yml:3:3: error: config value 'plugins': "
                 "Invalid config options for the 'syllabus' plugin.", id="plugin-options-not-a-mapping"),
    pytest.param("site_name: x\nplugins: 5\n", "mkdocs.yml:2:10: error: config value 'plugins': Invalid Plugins "
                 "configuration. Expected a list or dict.", id="plugins-not-a-list"),
    pytest.param("INHERIT: mkdocs.yml\nsite_name: x\n", "mkdocs.yml:1:10: error: INHERIT: 'mkdocs.yml' comes back "
                 "to mkdocs.yml, where the chain of inherited files started (hint: end the chain at a file without "
                 "INHERIT)", id="inherit-loop"),
    pytest.param("INHERIT: [a.yml, b.yml]\nsite_name: x\n", "mkdocs.yml:1:10: error: INHERIT: write the name of one "
                 "file to inherit from, relative to this one", id="inherit-list"),
    pytest.param("site_name: x\nplugins: [syllabus]\nextra_templates: [leak.txt]\n", "mkdocs.yml:3:19: error: "
                 "extra_templates[0]: 'leak.txt' would be rendered as a Jinja template given the site's whole "
                 "configuration, drafts and internal courses included, and Syllabus never runs content as a template; "
                 "publish the file as it is, or write a page", id="extra-templates"),
    pytest.param("site_name: x\ntheme: material\nplugins:\n  - syllabus\n  - blog:\n      blog_dir: ../courses\n",
                 "mkdocs.yml:6:17: error: plugins.material/blog.blog_dir: '../courses' is outside the docs folder, and "
                 "the blog plugin writes pages into it; name a folder of docs/", id="blog-outside-docs"),
    pytest.param("site_name: x\ntheme: material\nplugins:\n  - syllabus\n  - meta\n", "mkdocs.yml:5:5: error: "
                 "plugins.material/meta: "
                 "Material's meta plugin sets page metadata from .meta.yml files, past the page metadata Syllabus "
                 "allows; write it in each page's front matter and remove the plugin", id="meta-plugin"),
    # In Material's group plugin, enabled or not (CI may enable it).
    pytest.param("site_name: x\ntheme: material\nplugins:\n  - syllabus\n  - group:\n      plugins: [search, meta]\n",
                 "mkdocs.yml:6:25: error: plugins.material/group.plugins.meta: Material's meta plugin sets page "
                 "metadata",
                 id="meta-plugin-in-a-group"),
    pytest.param("site_name: x\ntheme: material\nplugins:\n  - syllabus\n  - group:\n      enabled: true\n"
                 "      plugins:\n        blog: {blog_dir: ../courses}\n",
                 "mkdocs.yml:8:26: error: plugins.material/group.plugins.blog.blog_dir: '../courses' is outside the "
                 "docs folder", id="blog-in-a-group"),
    pytest.param("site_name: x\ntheme: material\nplugins:\n  - syllabus\n  - group:\n      plugins: [metaa]\n",
                 "mkdocs.yml:6:17: error: plugins.material/group.plugins.metaa: the group's plugin 'metaa' cannot be "
                 'loaded: The "metaa" plugin is not installed', id="unknown-plugin-in-a-group"),
    # A group in a group, its outer one off here; an entry MkDocs cannot read; Syllabus again (attack, stop 44).
    pytest.param("site_name: x\ntheme: material\nplugins:\n  - syllabus\n  - group:\n      plugins:\n        - group:\n"
                 "            enabled: true\n            plugins: [meta]\n",
                 "mkdocs.yml:9:23: error: plugins.material/group.plugins.group.plugins.meta: Material's meta plugin",
                 id="meta-plugin-in-a-nested-group"),
    pytest.param("site_name: x\ntheme: material\nplugins:\n  - syllabus\n  - group:\n      enabled: true\n"
                 "      plugins: [{meta: {}, search: {}}]\n",
                 "mkdocs.yml:7:17: error: plugins.material/group.plugins[0]: the group's plugin '#1' cannot be loaded: "
                 "Invalid Plugins configuration", id="two-plugins-in-one-group-entry"),
    pytest.param("site_name: x\ntheme: material\nplugins:\n  - syllabus\n  - group:\n      enabled: true\n"
                 "      plugins: [syllabus]\n",
                 "mkdocs.yml:7:17: error: plugins.material/group.plugins.syllabus: the syllabus plugin is listed again",
                 id="syllabus-in-a-group"),
    pytest.param("INHERIT: base.yml\nsite_name: x\n", "mkdocs.yml:1:10: error: INHERIT: there is no file base.yml "
                 "(hint: name a file relative to this one)", id="inherit-missing"),
    pytest.param("INHERIT: !ENV [SYLLABUS_TEST_UNSET]\nsite_name: x\n", "mkdocs.yml:1:10: error: INHERIT: !ENV gives "
                 "no file name, from its variables or its default (hint: set the variable, or end the list with a "
                 "default: !ENV [VARIABLE, base.yml])", id="inherit-env-unset"),
    pytest.param("INHERIT: !ENV [SYLLABUS_TEST_UNSET, 5]\nsite_name: x\n", "mkdocs.yml:1:10: error: INHERIT: !ENV "
                 "gives no file name, from its variables or its default", id="inherit-env-number"),
])
def test_a_mistake_in_mkdocs_yml_is_positioned_and_explained(catalog, run_cli, config, diagnostic):
    """As in content files: MkDocs' own words had the place inside a sentence (or none)."""
    catalog.write("mkdocs.yml", config)
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 2
    assert result.err.strip().startswith(diagnostic.format(root=catalog.config.parent.resolve()))


PLUGIN_OPTIONS = "site_name: x\nplugins:\n  - search\n  - syllabus:\n"


@pytest.mark.parametrize(("options", "diagnostic"), [
    pytest.param("      rolez:\n        admin: {title: Admin}\n",
                 "mkdocs.yml:5:7: error: syllabus: unknown option 'rolez' (did you mean 'roles'?)", id="typo"),
    pytest.param("      roles:\n        admin: {title: Administrator, description: Installs, configures and runs it}\n",
                 "mkdocs.yml:6:62: error: syllabus: roles.admin: unknown key 'configures and runs it'; it looks like "
                 "the rest of 'description': a comma separates the entries of {…}, so quote text that contains "
                 'one: description: "Installs, configures and runs it"', id="flow-mapping-comma"),
    pytest.param("      formats:\n        live: {title: Live, colour: red}\n",
                 "mkdocs.yml:6:29: error: syllabus: formats.live: unknown key 'colour'", id="unknown-term-key"),
    pytest.param("      formats:\n        live: {title: Live, livee: true}\n",
                 "mkdocs.yml:6:29: error: syllabus: formats.live: unknown key 'livee' (did you mean 'live'?)",
                 id="term-key-typo"),
    pytest.param("      levels: []\n",
                 "mkdocs.yml:5:15: error: syllabus: levels: must be a non-empty mapping of id: {title: ...}",
                 id="empty-levels"),
    pytest.param("      roles:\n        Team_Lead: {title: Lead}\n",
                 "mkdocs.yml:6:9: error: syllabus: roles: 'Team_Lead' is not a valid id (lowercase-kebab-case)",
                 id="bad-role-id"),
    pytest.param("      roles:\n        admin: {title: {en: Admin, ja_JP!: 管理者}}\n",
                 "mkdocs.yml:6:44: error: syllabus: roles: 'admin.title': 'ja_JP!' is not a language tag "
                 "such as en or ja",
                 id="title-language-tag"),
    pytest.param("      roles:\n        admin:\n          title: [Admin]\n",
                 "mkdocs.yml:7:18: error: syllabus: roles: 'admin.title': must be text, or a mapping of language tags "
                 "to text such as {en: Administrator, ja: 管理者}", id="title-list"),
    pytest.param("      levels:\n        beginner:\n          title: Beginner\n          description: {ja: ''}\n",
                 "mkdocs.yml:8:29: error: syllabus: levels: 'beginner.description': the text for 'ja' must not be "
                 "blank (it holds only spaces or invisible characters)", id="description-empty-translation"),
    pytest.param('      roles:\n        admin: {title: {en: Admin, ja: "\\u2800"}}\n',
                 "mkdocs.yml:6:40: error: syllabus: roles: 'admin.title': the text for 'ja' must not be blank (it "
                 "holds only spaces or invisible characters)", id="title-blank-translation"),
    pytest.param("      levels:\n        beginner:\n          description: {ja: 5}\n",
                 "mkdocs.yml:7:29: error: syllabus: levels: 'beginner.description': the text for 'ja' must be text, "
                 "not 5", id="description-number-translation"),
    pytest.param('      roles:\n        admin: {title: "\\u3164"}\n',
                 "mkdocs.yml:6:24: error: syllabus: roles: 'admin.title': must not be blank (it holds only spaces or "
                 "invisible characters)", id="title-blank"),
    pytest.param("      roles:\n        admin: {title: {en: Admin, no: Administrator}}\n",
                 "mkdocs.yml:6:24: error: syllabus: roles: 'admin.title': 'False' is not a language tag such as en or "
                 "ja (quote it: YAML reads a bare no, yes, on or off as true or false)", id="title-norwegian"),
    pytest.param("      review_every_days: 0\n",
                 "mkdocs.yml:5:26: error: syllabus: review_every_days: must be a whole number from 1 to 3650",
                 id="review-days"),
    # Each passed validate and ended the build in a traceback (a review date past the year 9999,
    # a share past any decimal), or published "NaN %".
    pytest.param("      review_every_days: 99999999999999999999999\n",
                 "mkdocs.yml:5:26: error: syllabus: review_every_days: must be a whole number from 1 to 3650",
                 id="review-days-past-any-date"),
    *(pytest.param(f"      fte_hours_per_month: {value}\n",
                   "mkdocs.yml:5:28: error: syllabus: fte_hours_per_month: must be a number from 1 to 744",
                   id=f"fte-hours-{name}") for name, value in (("tiny", "1.0e-30"), ("nan", ".nan"), ("inf", ".inf"))),
    pytest.param("      video_hosts: www.youtube-nocookie.com\n",
                 "mkdocs.yml:5:20: error: syllabus: video_hosts: must be a list: write [www.youtube-nocookie.com]",
                 id="list-as-text"),
    pytest.param("      holiday_countries: [DE, fr]\n",
                 "mkdocs.yml:5:31: error: syllabus: holiday_countries: 'fr' is not an ISO 3166 country code such as DE "
                 "(did you mean 'FR'?)", id="country-lowercase-at-the-item"),
    pytest.param("      holiday_countries: [DE, XX]\n",
                 "mkdocs.yml:5:31: error: syllabus: holiday_countries: 'XX': no public holidays are known for this "
                 "country code", id="country-without-holidays"),  # passed validate, failed the build unplaced
    pytest.param("      holiday_countries: [DE, 5]\n",
                 "mkdocs.yml:5:31: error: syllabus: holiday_countries: 5 is not an ISO 3166 country code such as DE",
                 id="country-as-a-number"),
    pytest.param("      owners: [true]\n",
                 "mkdocs.yml:5:15: error: syllabus: owners: must be true or false, not a list", id="flag-as-a-list"),
    pytest.param("      audience: everyone\n",
                 "mkdocs.yml:5:17: error: syllabus: audience: 'everyone' is not one of public, internal (did you mean "
                 "'public'?)", id="audience-other-word"),
    pytest.param("      owners: 'no'\n",
                 "mkdocs.yml:5:15: error: syllabus: owners: must be true or false, not 'no'", id="flag-quoted"),
    pytest.param("      video_hosts: [www.youtube.com, 'evil.example/x']\n",
                 "mkdocs.yml:5:38: error: syllabus: video_hosts: 'evil.example/x' is not a host name",
                 id="video-host"),
])
def test_option_errors_are_positioned_in_mkdocs_yml_and_fail_the_build(catalog, run_cli, tmp_path, options,
                                                                        diagnostic):
    catalog.write("mkdocs.yml", PLUGIN_OPTIONS + options)
    catalog.course("intro", COURSE)
    result = run_cli("validate", "-f", catalog.config)
    assert (result.code, result.out, result.err) == (2, "", diagnostic + "\n")
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode != 0
    assert diagnostic in build.stderr
    assert not (tmp_path / "site").exists()



def test_every_option_error_is_reported_in_one_run(catalog, run_cli):
    """MkDocs stops validating a plugin's options at the first that fails: an empty levels
    hid the format's 'live: maybe' until it was fixed (found by a review)."""
    catalog.write("mkdocs.yml", PLUGIN_OPTIONS + "      levels: {}\n      formats:\n"
                  "        self-paced: {title: SP, live: maybe}\n      owners: 'no'\n")
    catalog.course("intro", COURSE)
    result = run_cli("validate", "-f", catalog.config)
    assert (result.code, result.err.splitlines()) == (2, [
        "mkdocs.yml:5:15: error: syllabus: levels: must be a non-empty mapping of id: {title: ...}",
        "mkdocs.yml:7:39: error: syllabus: formats: 'self-paced.live': must be true or false, not 'maybe'",
        "mkdocs.yml:8:15: error: syllabus: owners: must be true or false, not 'no'"])

def test_the_sites_review_window_is_bounded_as_a_courses_own() -> None:
    field = json.loads((Path(syllabus.__file__).parent / "schemas" / "course.schema.json").read_text(
        encoding="utf-8"))["properties"]["review_every_days"]
    assert (field["minimum"], field["maximum"]) == REVIEW_EVERY_DAYS


def test_the_site_name_is_held_to_the_content_character_rules(catalog, run_cli, tmp_path):
    """A non-character in site_name made courses.xml ill-formed XML; it is refused where it is."""
    catalog.write("mkdocs.yml", PLUGIN_OPTIONS.replace("site_name: x", 'site_name: "Academy \\uFFFE"') + "      {}\n")
    catalog.course("intro", COURSE)
    result = run_cli("validate", "-f", catalog.config)
    diagnostic = ("mkdocs.yml:1:12: error: site_name: non-character U+FFFE is not allowed; delete it (it may hide or "
                  "reorder text)")
    assert (result.code, result.out, result.err) == (2, "", diagnostic + "\n")
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode != 0 and diagnostic in build.stderr
    catalog.write("mkdocs.yml", PLUGIN_OPTIONS.replace("site_name: x", 'site_name: "Academy \\uD800"') + "      {}\n")
    assert run_cli("validate", "-f", catalog.config).err == (
        "mkdocs.yml:1:12: error: site_name: lone surrogate U+D800 is not allowed; delete it (it may hide or reorder "
        "text)\n")


@pytest.mark.parametrize(("language", "hint"), [
    ("ja-JP", " (did you mean 'ja'?)"), ("zh-hant-TW", " (did you mean 'zh-Hant'?)"),
    ("PT-br", " (did you mean 'pt-BR'?)"),
    ("englsh", None),
])
def test_a_language_the_theme_has_no_texts_for_is_refused_before_the_build(catalog, run_cli, tmp_path, language,
                                                                            hint):
    """Material imports partials/languages/<language>.html into every page: ``ja-JP`` passed
    validate, then stopped the build with a template traceback."""
    catalog.write("mkdocs.yml", f"site_name: x\ntheme:\n  name: material\n  language: {language}\nplugins:\n"
                                "  - syllabus\n")
    catalog.course("intro", COURSE)
    result = run_cli("validate", "-f", catalog.config)
    if language == "englsh":  # no language reads as it: the message lists the theme's
        assert result.err.startswith("mkdocs.yml:4:13: error: theme.language: the theme has no texts for 'englsh'; "
                                     "it has af, ar, ") and ", en, " in result.err
    else:
        assert (result.code, result.err) == (
            2, f"mkdocs.yml:4:13: error: theme.language: the theme has no texts for '{language}'{hint}\n")
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode != 0 and result.err.strip() in build.stderr and "Traceback" not in build.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(("written", "message"), [
    ("no", "must be a language tag such as en or ja, not False (quote it: YAML reads a bare no, yes, on or off as "
           "true or false)"),
    ("5", "must be a language tag such as en or ja, not 5"),
    ("null", "must be a language tag such as en or ja, not None"),
])
def test_a_theme_language_yaml_reads_as_no_text_is_refused_before_the_build(catalog, run_cli, tmp_path, written,
                                                                            message):
    """language: no (Norwegian) is false to YAML: validate passed, the build stopped on
    partials/languages/False.html."""
    catalog.write("mkdocs.yml", f"site_name: x\ntheme:\n  name: material\n  language: {written}\nplugins:\n"
                                "  - syllabus\n")
    catalog.course("intro", COURSE)
    result = run_cli("validate", "-f", catalog.config)
    assert (result.code, result.err) == (2, f"mkdocs.yml:4:13: error: theme.language: {message}\n")
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode != 0 and "Traceback" not in build.stderr and message in build.stderr


def test_a_bad_source_date_epoch_is_a_usage_error(catalog, run_cli, monkeypatch):
    catalog.course("intro", COURSE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run_cli("validate", "-f", catalog.config)
    assert (result.code, result.err) == (2, "syllabus: error: SOURCE_DATE_EPOCH='yesterday' is not a Unix timestamp\n")


@pytest.mark.parametrize("epoch", ["32503680000", "-1"])  # the year 3000; 1969
def test_a_source_date_epoch_past_what_a_build_can_date_is_a_usage_error(catalog, run_cli, monkeypatch, tmp_path,
                                                                          epoch):
    """The year 3000 passed validate; the build then failed in a traceback (MkDocs' gzip of the
    sitemap, or a plan's calendar) with its files left written."""
    catalog.course("intro", COURSE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = run_cli("validate", "-f", catalog.config)
    assert (result.code, result.err) == (2, f"syllabus: error: SOURCE_DATE_EPOCH='{epoch}' is outside 0 to 4294967295 "
                                            "(1970 to 2106), the seconds a build's files can be dated with\n")


def test_json_format_lists_every_field_sorted(catalog, run_cli):
    catalog.course("intro", course(level="level: expert") + "last_reviewed: 2020-01-01\nvisiblity: public\n")
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert result.code == 1
    assert json.loads(result.out) == [
        {"path": COURSE_FILE, "line": 4, "column": 8, "severity": "error", "rule": "schema-enum",
         "message": "level: 'expert' is not one of beginner, intermediate, advanced (did you mean 'advanced'?)"},
        {"path": COURSE_FILE, "line": 10, "column": 16, "severity": "warning", "rule": "stale",
         "message": "last_reviewed 2020-01-01 is older than 365 days; review the course and update the date"},
        {"path": COURSE_FILE, "line": 11, "column": 1, "severity": "error", "rule": "schema-additionalProperties",
         "message": "visiblity: unknown field 'visiblity' (did you mean 'visibility'?)"},
    ]


def test_json_format_of_a_clean_catalog_is_an_empty_list(catalog, run_cli):
    catalog.course("intro", COURSE)
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert (result.code, json.loads(result.out)) == (0, [])


def test_github_format_escapes_workflow_command_data(catalog, run_cli):
    catalog.course("intro", course(level='level: "100%, really: yes"') + "last_reviewed: 2020-01-01\n")
    result = run_cli("validate", "--format", "github", "-f", catalog.config)
    assert result.code == 1
    assert result.out.splitlines() == [
        "::error file=courses/intro/course.yml,line=4,col=8,title=schema-enum::level: '100%25, really: yes' is not "
        "one of beginner, intermediate, advanced",
        "::warning file=courses/intro/course.yml,line=10,col=16,title=stale::last_reviewed 2020-01-01 is older than "
        "365 days; review the course and update the date",
        "1 error, 1 warning in 2 files",
    ]


def test_github_annotations_name_files_from_the_repositorys_top(catalog, run_cli, monkeypatch):
    """GitHub places an annotation by the path from the repository's top: a catalog in a
    subfolder ("catalog/") annotated nothing, its paths being the catalog's own."""
    subprocess.run(["git", "init", "-q", str(catalog.root.parent)], check=True)
    catalog.course("intro", course(level="level: expert"))
    for folder in (catalog.root, catalog.root / "courses"):  # wherever it is run from
        monkeypatch.chdir(folder)
        result = run_cli("validate", "--format", "github", "-f", catalog.config)
        assert result.out.splitlines()[0].startswith("::error file=catalog/courses/intro/course.yml,line=4,col=8,")
    assert run_cli("validate", "-f", catalog.config).out.startswith("courses/intro/course.yml:4:8: error:")


def test_github_format_escapes_the_path(catalog, run_cli):
    catalog.write("courses/a,b:c/course.yml", COURSE.replace("id: intro", "id: a-b-c"))
    result = run_cli("validate", "--format", "github", "-f", catalog.config)
    assert result.out.splitlines()[0] == (
        "::error file=courses/a%2Cb%3Ac/course.yml,line=1,col=5,title=id-matches-name::id: 'a-b-c' must equal the "
        "folder 'a,b:c'")


def test_a_huge_value_is_quoted_by_its_ends(catalog, run_cli):
    """A message quoting a 6,000-character path, and one naming each of 40,000 repeated tags,
    was as long: it keeps its start and end, and says how much is left out."""
    catalog.course("intro", COURSE + "units:\n  - title: One\n    file: " + "d/" * 3000 + "x.md\n"
                   + f"tags: [{', '.join(['a'] * 40_000)}]\n")
    result = run_cli("validate", "--format", "github", "-f", catalog.config)
    lines = result.out.splitlines()
    assert result.code == 1 and len(lines) == 3 and max(map(len, lines)) < 1_200, [len(line) for line in lines]
    assert "tags: lists 'a' more than once" in result.out
    assert re.search(r"units\[0\]\.file: '(d/)+d? … \(5,\d{3} characters left out\) … (/?d)+/x\.md' not found in "
                     "the course folder", result.out)
    # A long key is shortened where it is quoted, each time, so what the problem is stays said.
    key = "k" * 5_000
    catalog.course("intro", COURSE + f"? {key}\n: 1\n")  # a key that long must be written explicitly
    [line, _] = run_cli("validate", "-f", catalog.config).out.splitlines()
    assert len(line) < 1_000 and line.count(" characters left out) … ") == 2  # the key, and the key quoted
    assert ": unknown field '" in line, line


def test_one_problem_per_line_even_when_a_value_holds_line_breaks(catalog, run_cli):
    catalog.course("intro", course(level='level: "expert\\nline two\\r\\u2028"'))
    result = run_cli("validate", "-f", catalog.config)
    assert result.out.splitlines() == [
        "courses/intro/course.yml:4:8: error: control or bidirectional character U+2028 is not allowed, not even as "
        "an escape; delete it (it may hide or reorder text)",
        "courses/intro/course.yml:4:8: error: level: 'expert\\nline two\\r\\u2028' is not one of beginner, "
        "intermediate, advanced",
        "2 errors, 0 warnings in 2 files",
    ]


def test_the_summary_says_file_for_a_single_file(catalog, run_cli):
    (catalog.root / "docs" / "index.md").unlink()
    catalog.course("intro", course(level="level: expert"))
    result = run_cli("validate", "-f", catalog.config)
    assert result.out.splitlines()[-1] == "1 error, 0 warnings in 1 file"


def test_version_and_a_summary_for_every_command(capsys):
    from importlib.metadata import version

    from syllabus.cli import COMMANDS, build_parser

    parser = build_parser()
    with pytest.raises(SystemExit) as exit_:
        parser.parse_args(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"syllabus {version('syllabus')}\n"
    listing = parser.format_help()
    for name in (command.replace("_", "-") for command in COMMANDS):
        with pytest.raises(SystemExit):
            parser.parse_args([name, "--help"])
        own_help = capsys.readouterr().out
        description = " ".join(own_help.split("\n\n")[1].split())  # usage, then the description paragraph
        assert description.endswith(".") and len(description.split()) >= 2, own_help
        assert re.search(rf"^    {name}\s+\S", listing, re.MULTILINE), listing  # a summary beside the name


def test_a_language_code_that_is_no_language_is_named_with_the_likely_one(catalog, run_cli):
    """``jp`` is Japan's country code; the language is ``ja``. Its translations are not
    cross-checked on top (the hint would have written the mistake into the other course)."""
    live = COURSE.replace("format: self-paced", "format: virtual-ilt")
    catalog.course("intro", live + "language: jp\ntranslations: {en: intro-en}\nsessions:\n"
                   "  - {start: '2027-01-05T10:00', timezone: Asia/Tokyo, language: xx}\n")
    catalog.course("intro-en", COURSE.replace("id: intro", "id: intro-en") + "language: en\n"
                   "translations: {jp: intro, gr: intro}\n")
    catalog.write("docs/notes.md", "---\nlanguage: cn\n---\n\n# Notes\n")
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert [(d["path"], d["line"], d["column"], d["message"]) for d in json.loads(result.out)] == [
        ("courses/intro-en/course.yml", 11, 16, "translations: 'jp' is not a language code (JP is Japan: did you "
                                                "mean 'ja'?)"),
        ("courses/intro-en/course.yml", 11, 27, "translations: 'gr' is not a language code (GR is Greece: did you "
                                                "mean 'el'?)"),
        ("courses/intro/course.yml", 10, 11, "language: 'jp' is not a language code (JP is Japan: did you mean "
                                             "'ja'?)"),
        ("courses/intro/course.yml", 13, 65, "sessions[0].language: 'xx' is not a language code"),
        ("docs/notes.md", 2, 1, "'language': 'cn' is not a language code (CN is China: did you mean 'zh'?)"),
    ]


def test_a_tracks_or_plans_language_that_is_no_language_is_said_where_written(catalog, run_cli):
    catalog.course("intro", COURSE)
    catalog.write("tracks/start.yml", "id: start\ntitle: Start\nsummary: A path.\nrole: admin\nvisibility: public\n"
                  "language: jp\nsections:\n  - {title: One, courses: [intro]}\n")
    catalog.write("plans/onboarding.yml", PLAN.replace("visibility: public", "visibility: public\nlanguage: English"))
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert [(d["path"], d["line"], d["message"]) for d in json.loads(result.out)] == [
        ("plans/onboarding.yml", PLAN.splitlines().index("visibility: public") + 2,
         "language: 'English' is a language's name; write its code, 'en'"),
        ("tracks/start.yml", 6, "language: 'jp' is not a language code (JP is Japan: did you mean 'ja'?)"),
    ]


def test_a_language_written_as_a_locale_or_a_name_gets_its_tag(catalog, run_cli):
    """``en_US`` (a locale, as operating systems write it) and ``English`` (a name) are said
    once each, with the tag to write, not as the schema's "not a valid language"."""
    live = COURSE.replace("format: self-paced", "format: virtual-ilt")
    catalog.course("intro", live + "language: en_US\nsessions:\n"
                   "  - {start: '2027-01-05T10:00', timezone: Asia/Tokyo, language: Japanese}\n")
    catalog.write("docs/notes.md", "---\nlanguage: ja_JP\n---\n\n# Notes\n")
    catalog.write("docs/uk.md", "---\nlanguage: en-UK\n---\n\n# Notes\n")
    catalog.write("docs/gb.md", "---\nlanguage: en_UK\n---\n\n# Notes\n")
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert [(d["path"], d["line"], d["column"], d["message"]) for d in json.loads(result.out)] == [
        ("courses/intro/course.yml", 10, 11, "language: 'en_US' is not a language tag; write 'en-US' (with a hyphen)"),
        ("courses/intro/course.yml", 12, 65, "sessions[0].language: 'Japanese' is a language's name; write its code, "
                                             "'ja'"),
        ("docs/gb.md", 2, 1, "'language': 'en_UK' is not a language tag; write 'en-GB' (with a hyphen)"),
        ("docs/notes.md", 2, 1, "'language': 'ja_JP' is not a language tag; write 'ja-JP' (with a hyphen)"),
        ("docs/uk.md", 2, 1, "'language': 'en-UK': UK is not a region code (did you mean 'en-GB'?)"),
    ]


def test_another_word_for_an_allowed_value_is_answered_with_that_value(catalog, run_cli):
    """'sold out' is not spelled like 'full', but it is what a trainer means by it."""
    live = COURSE.replace("format: self-paced", "format: virtual-ilt").replace("visibility: public",
                                                                              "visibility: Private")
    catalog.course("intro", live + "sessions:\n  - {start: '2027-01-05T10:00', timezone: Asia/Tokyo, "
                   "status: sold out}\n")
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert [(d["line"], d["message"]) for d in json.loads(result.out)] == [
        (9, "visibility: 'Private' is not one of public, internal (did you mean 'internal'?)"),
        (11, "sessions[0].status: 'sold out' is not one of scheduled, full, cancelled (did you mean 'full'?)"),
    ]


def test_the_build_refuses_an_embed_in_the_words_validate_uses(catalog, tmp_path):
    catalog.course("intro", COURSE)
    catalog.write(INDEX, '# Intro\n\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n')
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode == 1
    assert f"syllabus: {INDEX}:3:14: {YOUTUBE_COOKIES}" in build.stderr


def test_a_translation_keyed_by_a_locale_gets_its_tag(catalog, run_cli):
    catalog.course("intro", COURSE + "translations:\n  en_UK: intro-gb\n")
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert [(d["line"], d["column"], d["message"]) for d in json.loads(result.out) if d["rule"] == "language"] == [
        (11, 3, "translations: 'en_UK' is not a language tag; write 'en-GB' (with a hyphen)")]


def test_values_typed_as_a_word_processor_or_an_input_method_types_them_are_named(catalog, run_cli):
    """Full-width digits, a non-breaking space, bullets and a list where one value goes: one
    message each, saying what is there and what to write."""
    catalog.course("intro", COURSE.replace("duration_minutes: 60", "duration_minutes: \uff16\uff10")
                   .replace("roles: [admin]", "roles: [\u00a0admin]") + "outcomes:\n  \u2022 Search\n  \u2022 Read\n")
    catalog.track("admin", TRACK.replace("role: admin", "role: [admin, manager]"))
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert [(d["path"], d["line"], d["message"]) for d in json.loads(result.out)] == [
        ("courses/intro/course.yml", 5, "roles[0]: '\u00a0admin' (it holds no-break space (U+00A0)) is not one of "
                                        "admin, end-user (did you mean 'admin'?)"),
        ("courses/intro/course.yml", 7, "duration_minutes: expected a whole number, got text '\uff16\uff10' (it "
                                        "holds full-width characters: typed half-width it reads '60')"),
        ("courses/intro/course.yml", 11, "outcomes: expected a list, got the text '\u2022 Search \u2022 Read': YAML "
                                         "starts each item with '-' and a space, not '\u2022'; write one '- item' per "
                                         "line"),
        ("tracks/admin.yml", 4, "role: takes one value, not a list; write one of them, such as 'admin'"),
    ]


def test_units_longer_than_the_course_are_warned_about(catalog, run_cli):
    catalog.course("intro", COURSE.replace("duration_minutes: 60", "duration_minutes: 6") + (
        "units:\n  - {title: Setup, file: setup.md, minutes: 30}\n  - {title: Lab, file: lab.md, minutes: 30}\n"))
    for name in ("setup.md", "lab.md"):
        catalog.write(f"courses/intro/{name}", f"# {name}\n")
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert result.code == 0
    assert [(d["path"], d["line"], d["severity"], d["message"]) for d in json.loads(result.out)] == [
        ("courses/intro/course.yml", 7, "warning", "duration_minutes: 6 is less than its units' 60 minutes")]


def test_an_in_person_session_without_a_location_is_warned_about(catalog, run_cli):
    """Learners need to know where to go; online and cancelled sessions need no place."""
    catalog.course("briefing", COURSE.replace("id: intro", "id: briefing").replace("self-paced", "in-person")
                   + "sessions:\n  - {start: '2027-01-26T09:30', timezone: Europe/Berlin}\n"
                   "  - {start: '2027-02-26T09:30', timezone: Europe/Berlin, location: 'Friedrichstraße 68, Berlin'}\n"
                   "  - {start: '2027-03-26T09:30', timezone: Europe/Berlin, status: cancelled}\n")
    result = run_cli("validate", "-f", catalog.config)
    assert (result.code, result.out) == (0, (
        "courses/briefing/course.yml:11:5: warning: sessions[0]: an in-person session with no location; add "
        "location: venue, address and city\n0 errors, 1 warning in 2 files\n"))


def test_a_site_without_site_url_is_warned_that_what_is_read_away_from_it_leads_nowhere(catalog, run_cli):
    """Without site_url, the feed, calendars and plan downloads link 'courses/x/', which
    leads nowhere in a calendar or a pasted plan; the build and validate said nothing."""
    catalog.course("intro")
    assert "site_url" not in run_cli("validate", "-f", catalog.config).out
    catalog.config.write_text(catalog.config.read_text("utf-8").replace("site_url: https://academy.test/\n", ""),
                              encoding="utf-8")
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 0
    assert result.out.startswith("mkdocs.yml:1:12: warning: mkdocs.yml sets no site_url: the course feed, the "
                                 "calendars, plan downloads and feedback links can name pages only by paths "
                                 "relative to the site"), result.out
    assert "(hint: set site_url to the address the site is published at" in result.out


@pytest.mark.parametrize(("site_url", "message"), [
    ("https://example.com/academy?ref=feed", "write the address the site is published at, without '?' or '#'"),
    ("https://example.com/academy/#top", "write the address the site is published at, without '?' or '#'"),
    ("https://example.com/a b/", "an address has no spaces"),
    ("https://example.com/academy/index.html", "write the folder the site is published at, not a page in it"),
    ("https://example.com/aca\u200bdemy/", "write it with only the characters an address holds (RFC 3986), each "
     "other one %-encoded: 'https://example.com/aca%E2%80%8Bdemy/'"),
    ("https://example.com\\\\academy/", "write it with only the characters an address holds (RFC 3986), each "
     "other one %-encoded: 'https://example.com%5Cacademy/'"),
    ("https://example.com/100%zz/", "write it with only the characters an address holds (RFC 3986), each "
     "other one %-encoded: 'https://example.com/100%25zz/'"),
    ("https://example.com/caf%C3%A9/\u200b/", "write it with only the characters an address holds (RFC 3986), "
     "each other one %-encoded: 'https://example.com/caf%C3%A9/%E2%80%8B/'"),  # what is encoded stays so
    ("https://example.com/v[2]/", "write it with only the characters an address holds (RFC 3986), each "
     "other one %-encoded: 'https://example.com/v%5B2%5D/'"),  # brackets belong around an IPv6 host only
    ("https://deploy:s3cret@example.com/", "write it without a user name or password: it is printed in every "
     "feed, calendar and page's data"),
])
def test_a_site_url_no_page_address_can_follow_is_refused(catalog, run_cli, tmp_path, site_url, message):
    """Each page's address is written after site_url: '?ref=feed' gave
    'https://example.com/academy/?ref=feed/courses/intro/' in the feed and the JSON-LD."""
    catalog.course("intro")
    catalog.config.write_text(catalog.config.read_text("utf-8").replace(
        "site_url: https://academy.test/\n", f'site_url: "{site_url}"\n'), encoding="utf-8")
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 2 and result.err.startswith(f"mkdocs.yml:2:11: error: site_url: {message}"), result.err
    built = build_site(catalog.config, tmp_path / "site", check=False)
    assert built.returncode != 0 and f"site_url: {message}" in built.stderr


@pytest.mark.parametrize("site_url", ["https://example.com/v1.2/", "https://example.com/academy",
                                      "https://org.github.io/repo/", "http://[::1]:8000/academy/"])
def test_a_site_url_of_a_folder_is_taken(catalog, run_cli, site_url):
    catalog.config.write_text(catalog.config.read_text("utf-8").replace(
        "site_url: https://academy.test/\n", f"site_url: {site_url}\n"), encoding="utf-8")
    assert run_cli("validate", "-f", catalog.config).code == 0


@pytest.mark.parametrize(("site_dir", "how"), [("courses", "is the catalog's courses/ folder"),
                                               ("courses/intro", "is inside the catalog's courses/ folder"),
                                               ("tracks", "is the catalog's tracks/ folder"),
                                               ("locales/", "is the catalog's locales/ folder")])
def test_a_site_dir_that_would_empty_a_folder_of_the_catalog_is_refused(catalog, run_cli, tmp_path, site_dir, how):
    """MkDocs empties site_dir before a build and guards docs_dir only: `site_dir: courses`
    (or `mkdocs build -d tracks`) passed validate, and the build deleted every course."""
    catalog.course("intro")
    catalog.track("path", track_data("path", ["intro"]))
    catalog.write("locales/en.yml", "course.register: Sign up\n")
    catalog.write("overrides/main.html", '{% extends "base.html" %}\n')
    before = sorted(path for path in catalog.root.rglob("*") if path.is_file())
    catalog.config.write_text(catalog.config.read_text("utf-8").replace("  name: material\n", (
        "  name: material\n  custom_dir: overrides\n")) + f"site_dir: {site_dir}\n", encoding="utf-8")
    message = f"site_dir: '{site_dir.rstrip('/')}' {how}, which MkDocs would empty before writing the site"
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 2 and f"mkdocs.yml:16:11: error: {message}" in result.err, result.err
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(catalog.config)]
    built = subprocess.run(command, capture_output=True, text=True, check=False)
    assert built.returncode != 0 and message in built.stderr
    overridden = build_site(catalog.config, catalog.root / "plans", check=False)  # `mkdocs build -d plans`
    assert overridden.returncode != 0 and "is the catalog's plans/ folder" in overridden.stderr
    (catalog.root / ".git").mkdir()
    for folder, what in ((".git", "is the repository's .git folder"), ("overrides", "the theme's custom_dir")):
        overridden = build_site(catalog.config, catalog.root / folder, check=False)
        assert overridden.returncode != 0 and what in overridden.stderr
    assert sorted(path for path in catalog.root.rglob("*") if path.is_file()) == before


def test_a_value_mkdocs_cannot_parse_is_an_error_not_a_traceback(catalog, run_cli):
    """MkDocs' own URL option raises ValueError on 'https://[::1/': validate printed a traceback."""
    catalog.config.write_text(catalog.config.read_text("utf-8").replace(
        "site_url: https://academy.test/\n", 'site_url: "https://[::1/"\n'), encoding="utf-8")
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.endswith("mkdocs.yml: MkDocs cannot read a value of it: Invalid IPv6 URL\n"), result.err


def test_an_unknown_id_and_a_missing_unit_file_say_how_to_fix_them(catalog, run_cli):
    """A prerequisite with no id like it, and a unit whose file is not there, had no hint
    (trainer review): each says where ids and files come from."""
    catalog.course("intro", COURSE)
    catalog.course("setup", COURSE.replace("id: intro", "id: setup") + "prerequisites: [no-such-course]\n"
                   "units:\n  - {title: Extra, file: extra.md, minutes: 10}\n")
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    hints = {d["rule"]: d.get("hint") for d in json.loads(result.out)}
    assert hints["unknown-course"] == ("a course's id is its folder's name under courses/; `syllabus new course <id>` "
                                       "starts one")
    assert hints["file"] == "correct the file name, or add the file to the course folder"


GROUPS = {  # plugins in Material's group plugin, appended to the test site's plugins
    "plugins written as mappings": "  - group:\n      enabled: true\n      plugins:\n        - typeset: {}\n",
    "meta as a mapping": "  - group:\n      enabled: true\n      plugins:\n        - meta: {}\n",
    "meta in a group in a group": "  - group:\n      enabled: true\n      plugins:\n        group:\n"
                                  "          enabled: true\n          plugins: [meta]\n",
    "syllabus again": "  - group:\n      enabled: true\n      plugins: [syllabus]\n",
}


@pytest.mark.parametrize("group", GROUPS.values(), ids=GROUPS.keys())
def test_validate_and_the_build_agree_on_plugins_in_a_group(catalog, run_cli, tmp_path, group):
    """The build's group loads its plugins before Syllabus' checks and empties each entry as
    MkDocs reads it: an ordinary `- typeset: {}` made the build stop with a traceback that
    validate never saw, and a group in a group went unchecked by validate (attack, stop 44)."""
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8") + group)
    catalog.course("intro", COURSE)
    result = run_cli("validate", "-f", catalog.config)
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert "Traceback" not in result.err + build.stderr
    said = [line.removeprefix("ERROR   -  ") for line in build.stderr.splitlines() if ": error: " in line]
    assert said == result.err.splitlines()
    assert (build.returncode, result.code) == ((0, 0) if "typeset" in group else (1, 2))
