"""YAML syntax mistakes named in plain words, each with a hint, at the mistake's own line.

Each case plants one common mistake in an otherwise valid course and runs ``syllabus validate``
on a catalog that also holds a second, schema-invalid course and a Markdown unit: the mistake's
rule and position (counted by hand) must be reported together with the other file's error, and
every file must be counted. Assertions are on our rules and positions, never on the parser's
wording; the hint must be there, whatever its words.
"""

from __future__ import annotations

import json
import re

import pytest

from .test_validate_cli import COURSE, COURSE_FILE

OTHER_FILE = "courses/other/course.yml"
OTHER = COURSE.replace("id: intro", "id: other").replace("level: beginner", "level: expert")
# The other course's schema error, which must appear in the same run as every syntax mistake.
OTHER_ERROR = (OTHER_FILE, 4, 8, "schema-enum")

CASES = [
    # id, text of courses/intro/course.yml, expected (line, column, rule) in order
    ("tab", COURSE + "outcomes:\n\t- Search code\n", [(11, 1, "yaml-tab")]),
    ("tabs-on-every-line", COURSE + "outcomes:\n\t- Search code\n\t- Read results\ntags:\n\t- search\n",
     [(11, 1, "yaml-tab"), (12, 1, "yaml-tab"), (14, 1, "yaml-tab")]),
    ("tab-after-spaces", COURSE + "outcomes:\n  \t- Search code\n", [(11, 3, "yaml-tab")]),
    # The lines under the tabbed one are not judged against a width no one can know.
    ("tab-before-an-item-with-fields", COURSE + "units:\n\t- title: Basics\n    file: basics.md\n"
     "  - title: More\n    file: basics.md\n", [(11, 1, "yaml-tab")]),
    ("unclosed-double-quote", COURSE.replace("title: Intro to search", 'title: "Intro to search'),
     [(2, 8, "yaml-unclosed-quote")]),
    ("unclosed-quote-before-another-quote", COURSE.replace("title: Intro to search", "title: 'Intro to search")
     .replace("summary: Learn to search code.", "summary: 'Learn to search code.'"), [(2, 8, "yaml-unclosed-quote")]),
    ("unclosed-bracket", COURSE.replace("roles: [admin]", "roles: [admin"), [(5, 8, "yaml-unclosed-bracket")]),
    ("unclosed-brace", COURSE + "on_demand: {url: https://example.com/watch\n", [(10, 12, "yaml-unclosed-bracket")]),
    ("missing-colon", COURSE.replace("format: self-paced", "format self-paced"), [(6, 1, "yaml-missing-colon")]),
    ("missing-space-after-colon", COURSE.replace("format: self-paced", "format:self-paced"),
     [(6, 7, "yaml-missing-space")]),
    ("stray-dash", COURSE.replace("format: self-paced", "- format: self-paced"), [(6, 1, "yaml-stray-dash")]),
    ("stray-dash-under-a-value", COURSE.replace("roles: [admin]", "roles: [admin]\n  - user"),
     [(6, 3, "yaml-stray-dash")]),
    ("key-indented-too-deep", COURSE.replace("format: self-paced", "  format: self-paced"),
     [(6, 3, "yaml-indent")]),
    ("key-between-levels", COURSE + "units:\n  - title: Basics\n    file: basics.md\n   minutes: 5\n",
     [(13, 4, "yaml-indent")]),
    ("list-item-indented-one-space-too-far", COURSE + "units:\n  - {title: Basics, file: basics.md, minutes: 5}\n"
     "   - {title: More, file: basics.md, minutes: 5}\n", [(12, 4, "yaml-indent")]),
    # One error, not one more for each item after it.
    ("list-item-indented-one-space-too-little", COURSE + "outcomes:\n  - Search code\n - Read\n  - Share\n  - Save\n",
     [(12, 2, "yaml-indent")]),
    ("quotes-that-do-not-pair-up", COURSE.replace("roles: [admin]", 'roles: ["admin, "manager"]'),
     [(5, 8, "yaml-unclosed-quote")]),
    ("handle-unquoted-in-a-list", COURSE.replace("owners: ['@trainer']", "owners: [@dev-patel, @yuki]"),
     [(8, 10, "yaml-reserved")]),
    ("handle-unquoted-item", COURSE.replace("owners: ['@trainer']", "owners:\n  - @dev-patel"),
     [(9, 5, "yaml-reserved")]),
    # Valid lines above the one mistake are not judged by it: an apostrophe inside an item, a
    # comma or '@' inside a quoted one (each was reported, the hint splitting the tag in two).
    ("apostrophe-and-quoted-commas-above-a-mistake",
     COURSE + "instructors: [Liam O'Connor, Ana D'Souza]\ntags: [\"search, @mentions\", 'a, `b`']\n"
              "outcomes:\n\t- Search code\n", [(13, 1, "yaml-tab")]),
    ("bracket-then-text", COURSE.replace("title: Intro to search", "title: [Beta] Code insights"),
     [(2, 8, "yaml-reserved")]),
    ("asterisk-start", COURSE.replace("title: Intro to search", "title: *New* search"), [(2, 8, "yaml-reserved")]),
    ("non-breaking-space-after-colon", COURSE.replace("level: beginner", "level:\u00a0beginner"),
     [(4, 7, "yaml-lookalike")]),
    ("full-width-colon", COURSE.replace("title: Intro", "title\uff1aIntro"), [(2, 6, "yaml-lookalike")]),
    ("full-width-space-indent", COURSE + "outcomes:\n\u3000- Search code\n", [(11, 1, "yaml-lookalike")]),
    ("asterisk-bullets", COURSE + "outcomes:\n  * Search code\n", [(11, 3, "yaml-lookalike")]),
    ("colon-in-value", COURSE.replace("title: Intro to search", "title: Search: the basics"),
     [(2, 8, "yaml-colon-in-value")]),
    ("colon-in-list-item", COURSE + "outcomes:\n  - Know this: and that: too\n", [(11, 16, "yaml-colon-in-value")]),
]


def _run(catalog, run_cli, text: str) -> tuple[list[dict], str]:
    catalog.course("intro", text)
    catalog.course("other", OTHER)
    catalog.write("courses/intro/basics.md", "# Basics\n")
    catalog.write("courses/intro/index.md", "# Intro\n")
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert result.code == 1
    assert result.err == ""
    text_run = run_cli("validate", "-f", catalog.config)
    return json.loads(result.out), text_run.out


@pytest.mark.parametrize(("text", "expected"), [pytest.param(text, expected, id=name)
                                               for name, text, expected in CASES])
def test_each_mistake_is_named_at_its_line_with_a_hint(catalog, run_cli, text, expected):
    rows, text_output = _run(catalog, run_cli, text)
    in_file = [(row["line"], row["column"], row["rule"]) for row in rows if row["path"] == COURSE_FILE]
    assert in_file == expected
    assert all(row["hint"] for row in rows if row["path"] == COURSE_FILE)
    assert all(row["severity"] == "error" for row in rows if row["path"] == COURSE_FILE)
    # The other file is still checked in the same run ...
    assert [(r["path"], r["line"], r["column"], r["rule"]) for r in rows if r["path"] == OTHER_FILE] == [OTHER_ERROR]
    # ... and every file read is counted: two course.yml, two Markdown pages, docs/index.md.
    assert re.search(r" in 5 files\n\Z", text_output)
    for line, column, _ in expected:
        assert f"{COURSE_FILE}:{line}:{column}: error: " in text_output
    assert "(hint: " in text_output


def test_tab_message_names_the_line(catalog, run_cli):
    rows, _ = _run(catalog, run_cli, COURSE + "outcomes:\n\t- Search code\n")
    assert "line 11" in rows[0]["message"] and "tab" in rows[0]["message"]


def test_unclosed_quote_says_where_it_opened(catalog, run_cli):
    rows, _ = _run(catalog, run_cli, COURSE.replace("title: Intro to search", 'title: "Intro to search'))
    assert "line 2 column 8" in rows[0]["message"]


@pytest.mark.parametrize("text", [
    COURSE + "summary_long: >-\n  Text with: a colon\n  - and a dash\n  \tand a tab inside a block\n",
    COURSE + "outcomes:\n- Compact list at the key's indentation\n- Second\ntags: [a,\n  b]\n",
    COURSE + "units:\n  - title: 'It''s fine'\n    file: basics.md\n    minutes: 5\n",
    COURSE + "note: a long line\n  that wraps onto the next\n",
    COURSE + "instructors: [Liam O'Connor, 'Ana D''Souza']\ntags: [\"search, @mentions\", 'a, `b`', {k: '@x'}]\n",
    # A quoted ' # ' inside a flow collection is text, not a comment, also beside a slip elsewhere.
    COURSE + 'units:\n  - {title: "Capstone review # 2", file: basics.md, minutes: 5}\ntags: ["a # b", c]  # x\n'
    'more: [c, {k: "v # w"}]\nlist:\n  - [x, "y # z"] # c\n',
])
def test_valid_yaml_gets_no_syntax_diagnostics(text):
    from syllabus.core.yamlhints import explain

    assert [problem for problem in explain(text) if problem.severity == "error"] == []


def test_comment_cutting_a_value_short_is_a_warning(catalog, run_cli):
    rows, _ = _run(catalog, run_cli, COURSE.replace("title: Intro to search", "title: Lesson #3 search"))
    assert [(r["line"], r["column"], r["rule"], r["severity"]) for r in rows if r["path"] == COURSE_FILE] == [
        (2, 15, "yaml-comment-in-value", "warning")]


@pytest.mark.parametrize(("title", "severity", "hint"), [
    ("“Intro to search”", "warning", '"Intro to search"'),  # pasted from a word processor: kept as text
    ("„Einführung“  # de", "warning", '"Einführung"'),
    ("‘Intro: search’", "error", '"Intro: search"'),  # and its colon starts another field
])
def test_a_value_in_typographic_quotes_is_named_so(catalog, run_cli, title, severity, hint):
    """“Intro” was published with its quotes; “Intro: search” got the hint to put in quotes
    a value its author believed quoted."""
    rows, _ = _run(catalog, run_cli, COURSE.replace("title: Intro to search", f"title: {title}"))
    assert [(r["line"], r["column"], r["rule"], r["severity"]) for r in rows if r["path"] == COURSE_FILE] == [
        (2, 8, "yaml-typographic-quotes", severity)]
    assert next(r["hint"] for r in rows if r["path"] == COURSE_FILE).endswith(hint)


@pytest.mark.parametrize("title", ["「入門」", "Intro to “search”", "“Intro” to search", "“Search” vs “Find”",
                                   "‘Trainers’ guide’", "« Bonjour »", "“Part one”\n  and two"])
def test_quotes_inside_a_value_are_its_text(catalog, run_cli, title):
    rows, _ = _run(catalog, run_cli, COURSE.replace("title: Intro to search", f"title: {title}"))
    assert [r for r in rows if r["path"] == COURSE_FILE] == []


def test_an_ordinary_trailing_comment_is_not_a_warning(catalog, run_cli):
    rows, _ = _run(catalog, run_cli, COURSE.replace("level: beginner", "level: beginner  # for new admins"))
    assert [r for r in rows if r["path"] == COURSE_FILE] == []


@pytest.mark.parametrize(("line", "hint"), [
    ('roles: ["admin, "manager"]', 'write ["admin", "manager"]'),
    ("roles: ['admin', 'manager]", "write ['admin', 'manager']"),
    ('roles: ["admin", "manager]  # both', 'put each item in its own pair of "'),
])
def test_a_list_whose_quotes_do_not_pair_up_is_written_out_right(line, hint):
    """The parser stops where the quote it is still in ends the line; which quote is missing it
    cannot know, so the hint writes the whole list out, each item in its own quotes."""
    from syllabus.core.yamlhints import explain

    [problem] = explain(COURSE.replace("roles: [admin]", line))
    assert (problem.line, problem.column, problem.rule, problem.hint) == (5, 8, "yaml-unclosed-quote", hint)


@pytest.mark.parametrize(("tail", "expected"), [
    ("outcomes:\n  - Search code\n   - Read results\n     - Share them\n", [(12, 4), (13, 6)]),
    ("tags:\n- search\n  - regex\n", [(12, 3)]),
    ("outcomes:\n  - 'Search code\n   - Read results'\n", []),  # quoted: the trainer's own text
    ("outcomes:\n  - Search code\n  - Read results - then share\n", []),
    ("note: |\n  - one\n    - nested\n", []),
])
def test_a_list_item_yaml_folds_into_the_text_above_is_an_error(tail, expected):
    """It parses, so only the loaded value shows the item was lost into the one above."""
    from syllabus.core.yamlsafe import load_text

    problems = load_text(COURSE + tail).problems
    assert [(p.line, p.column) for p in problems] == expected
    assert all(p.rule == "yaml-folded-item" and p.severity == "error" and p.hint for p in problems)


def test_a_dash_inside_an_item_that_lines_up_is_no_fold():
    """The next item repeats words of this one: it is the value's own text that counts."""
    from syllabus.core.yamlsafe import load_text

    assert load_text(COURSE + "outcomes:\n  - Read code - Write code\n  - Write code\n").problems == []



@pytest.mark.parametrize("kind", ["course", "track", "plan"])
def test_one_slip_in_a_scaffold_is_one_problem_and_its_comments_none(catalog, run_cli, kind):
    """A scaffold's comments (``level: beginner  # one of: ...``, ``roles: [admin]  # one or
    more of: ...``) were read as part of the values once a file failed to parse: an unclosed
    quote gave five errors, four of them on good lines with hints that broke them."""
    from syllabus.core.yamlhints import explain

    catalog.course("basics")  # a track and a plan list a course
    assert run_cli("new", kind, "fresh", "--owner", "@trainer", "-f", catalog.config).code == 0
    path = next(catalog.root.glob(f"{kind}s/fresh*/course.yml" if kind == "course" else f"{kind}s/fresh.yml"))
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(index for index, line in enumerate(lines, start=1) if line.startswith("title: "))
    lines[number - 1] = 'title: "Fresh start'
    assert [(p.line, p.column, p.rule) for p in explain("\n".join(lines) + "\n")] == [
        (number, 8, "yaml-unclosed-quote")]


@pytest.mark.parametrize(("line", "hint"), [
    # A hint quotes what the author meant: a comment written as one is left out, a '#' text
    # follows is kept (following a hint that dropped "#42 triage" cut the title short).
    ("title: Lab 2: Issue #42 triage", "put the value of 'title' in quotes: \"Lab 2: Issue #42 triage\""),
    ("title: Install: the basics  # ask Jo", "put the value of 'title' in quotes: \"Install: the basics\""),
    ("title: [Beta] Part #2", "put the whole value in quotes: \"[Beta] Part #2\""),
    ("title: [Beta] Code insights # new", "put the whole value in quotes: \"[Beta] Code insights\""),
])
def test_a_hint_quotes_the_value_as_meant(line, hint):
    from syllabus.core.yamlhints import explain

    units = '\nunits:\n  - {title: "Capstone review # 2", file: basics.md}\n'  # no problem of its own
    assert [p.hint for p in explain(COURSE.replace("title: Intro to search", line) + units)] == [hint]
