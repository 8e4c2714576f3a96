"""Every text export escapes for its format through one module per format (issue 12.6):
``md_escape`` for plan.md, ``syllabus plan --format md|checklist``, ``syllabus report`` and
``syllabus diff``; ``csv_escape`` for CSV cells; ``ics_escape`` for iCalendar TEXT and
folding. Hostile titles go through the real commands and are read back with real parsers.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import icalendar
import markdown
import pytest
from markdown_it import MarkdownIt
from syllabus.export import csv_escape, ics_escape, md_escape
from syllabus.export.placeholders import ESCAPES

from .conftest import CatalogDir, CliResult, csv_rows, plan_data, track_data
from .sitetools import parse_html

HOSTILE = [
    "[click](javascript:alert(1))",
    "![img](https://evil.test/x.png)",
    "<img src=x onerror=alert(1)>",
    "*bold* _it_ `code` ~~gone~~",
    "line one\n- a new list item\n\n# a heading",
    "| a | b |",
    "{: onclick=alert(1) }",
    "- starts a list",
    "1. starts an ordered list",
    "> a quote",
    "trailing backslash \\",
    "--",  # a rule after a list's "- " (the attack on the CLI's outputs), a setext underline on a line
    "---",
    "==",
    "- - -",
    "-- not a rule",
]


def rendered(text: str) -> list:
    """The HTML trees CommonMark (GitHub, GitLab) and Python-Markdown make of ``text``."""
    commonmark = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)
    python = markdown.markdown(text, extensions=["attr_list", "tables"])
    return [parse_html(commonmark), parse_html(python)]


@pytest.mark.parametrize("value", HOSTILE)
def test_markdown_inline_value_stays_one_line_of_plain_text(value: str) -> None:
    line = f"- Title: {md_escape.inline(value)} · end"
    assert "\n" not in line
    for tree in rendered(line + "\n"):
        assert [element.tag for element in tree.iter() if element.tag not in ("#document", "ul", "li")] == []
    paragraph = md_escape.inline(value)  # also where it starts a line
    for tree in rendered(paragraph + "\n"):
        assert [element.tag for element in tree.iter() if element.tag not in ("#document", "p")] == []
    for tree in rendered(f"- {paragraph}\n"):  # a whole list item, as a plan's outcomes are
        assert [element.tag for element in tree.iter() if element.tag not in ("#document", "ul", "li")] == []
    for tree in rendered(f"Text before it\n{paragraph}\n"):  # the line under a paragraph
        assert [element.tag for element in tree.iter() if element.tag not in ("#document", "p")] == []


@pytest.mark.parametrize("value", ["lab.txt\n", "a b", "x`y", "notes.md"])
def test_a_code_span_holds_only_a_whole_plain_name(value: str) -> None:
    """``code`` took "lab.txt" plus a line break for a plain name: the span was left open and
    the rest of a table row became a row of its own."""
    line = f"| changed | {md_escape.code(value)} | end |"
    assert "\n" not in line
    assert (line.count("`") == 2) == (value == "notes.md")


@pytest.mark.parametrize("value", ["Tips & tricks", "AT&amp;T", "&#60;b&#62; &#x202e;", "a &x; b"])
def test_markdown_inline_value_reads_as_itself_with_ampersands(value: str) -> None:
    """A title holding "&amp;" read "&" in plan.md (a character reference); as written, it reads
    as written. So does a name typed into the plan page or the command line (escape)."""
    for text in (md_escape.inline(value), md_escape.escape(value)):
        for tree in rendered(text + "\n"):
            [paragraph] = [element for element in tree.iter() if element.tag == "p"]
            assert paragraph.text == value


@pytest.mark.parametrize("value", ["https://evil.test/login", "www.evil.com",
                                   "Acme (HTTP://evil.test/x, WWW.evil.com)"])
def test_a_written_out_address_stays_text_where_github_would_link_it(value: str) -> None:
    """A customer's name typed as an address became a link in a checklist pasted into GitHub."""
    github_like = MarkdownIt("gfm-like")  # linkify: bare addresses become links, as GitHub's renderer makes them
    assert "<a " in github_like.render(value)
    for text in (md_escape.inline(value), md_escape.escape(value)):
        tree = parse_html(github_like.render(text + "\n"))
        assert [element.tag for element in tree.iter() if element.tag not in ("#document", "p")] == []
        assert [element.text for element in tree.iter() if element.tag == "p"] == [value]


def test_markdown_link_keeps_title_text_and_url() -> None:
    text = md_escape.link("a](javascript:1) [b", "https://x.test/a b(c)")
    [tree, _] = rendered(text)
    links = [e for e in tree.iter() if e.tag == "a"]
    assert [(a.attrs["href"], a.text) for a in links] == [("https://x.test/a%20b%28c%29", "a](javascript:1) [b")]


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "plain", ""])
def test_csv_cells_that_could_be_formulas_are_neutralised(value: str) -> None:
    out = csv_escape.cell(value)
    assert not out.startswith(csv_escape.FORMULA_STARTS)
    assert out.removeprefix("'") == value


@pytest.mark.parametrize("value", ["a,b;c\\d", "line\nbreak\r\nand\rmore", "日本語, テスト" * 20, "\\" * 100])
def test_ics_escape_and_fold_match_icalendar(value: str) -> None:
    expected = icalendar.vText(value.replace("\r\n", "\n").replace("\r", "\n")).to_ical().decode("utf-8")
    assert ics_escape.escape(value) == expected
    event = icalendar.Event()
    event.add("description", value.replace("\r\n", "\n").replace("\r", "\n"))
    written = event.to_ical().decode("utf-8").removeprefix("BEGIN:VEVENT\r\n").removesuffix("\r\nEND:VEVENT\r\n")
    assert ics_escape.fold("DESCRIPTION:" + expected) == written


def test_the_page_escapes_typed_values_with_the_same_tables() -> None:
    assert ESCAPES["md"] is md_escape.ESCAPES and ESCAPES["checklist"] is md_escape.ESCAPES
    assert ESCAPES["csv"] is csv_escape.ESCAPES and ESCAPES["ics"] is ics_escape.ESCAPES


# The commands ---------------------------------------------------------------------------

TITLE = "Evil [x](javascript:alert(1)) <img src=x onerror=alert(1)> | *b* `c`"


def test_report_markdown_escapes_hostile_titles(catalog: CatalogDir, run_cli: Callable[..., CliResult]) -> None:
    catalog.course("a", title=TITLE, owners=["@ana"], last_reviewed="2020-01-01")
    catalog.track("t", track_data("t", ["a"], title=f"- {TITLE}\n| x |"))
    result = run_cli("report", "-f", catalog.config)
    assert result.code == 0, result.err
    for tree in rendered(result.out):
        assert not [e for e in tree.iter() if e.tag in ("a", "img", "code", "em", "strong", "script")]
        for table in tree.find_all("table"):  # no title added or removed a cell
            assert len({len(row.find_all("td") + row.find_all("th")) for row in table.find_all("tr")}) == 1
    assert f"- {TITLE}" not in result.out and "Evil \\[x\\](javascript:alert(1))" in result.out


def committed(catalog: CatalogDir) -> None:
    """The catalog as the first commit of a repository around it (``syllabus diff HEAD`` compares with it)."""
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "base")):
        subprocess.run(["git", "-C", str(catalog.root.parent), *args], check=True, capture_output=True,
                       env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                            "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin"})


def test_diff_markdown_escapes_hostile_titles(catalog: CatalogDir, run_cli: Callable[..., CliResult]) -> None:
    catalog.course("a")
    catalog.plan("p", plan_data("p"))
    committed(catalog)
    catalog.course("a", title=TITLE)
    catalog.plan("p", plan_data("p", title=f"1. {TITLE}"))
    result = run_cli("diff", "HEAD", "--format", "md", "-f", catalog.config)
    assert result.code == 0, result.err
    for tree in rendered(result.out):
        assert not [e for e in tree.iter() if e.tag in ("a", "img", "em", "script")]  # its own **Courses:** stay
    assert "Evil \\[x\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\> \\| \\*b\\* \\`c\\`" in result.out


def test_diff_text_shows_file_names_escaped(catalog: CatalogDir, run_cli: Callable[..., CliResult]) -> None:
    """The attack on the CLI's outputs: a course's file named with a terminal escape
    ("\\x1b[8m" hid the rest of the report) or a line break (forged lines) was printed raw."""
    joined = "Dev \U0001f469\u200d\U0001f4bb and \u0641\u0627\u0631\u0633\u06cc\u200c\u0645\u062a\u0646"
    catalog.course("a")
    catalog.course("b", title=joined)
    committed(catalog)
    catalog.write("courses/a/notes\x1b[8m\u202e", "x")
    catalog.write("courses/a/z\n| added | course | forged |", "x")
    catalog.write("courses/b/more.md", "x")
    result = run_cli("diff", "HEAD", "--format", "text", "-f", catalog.config)
    assert "\x1b" not in result.out and "notes\\x1b[8m\\u202e" in result.out
    assert "z\\n| added | course | forged |" in result.out
    assert not [line for line in result.out.splitlines() if line.startswith("| added")]
    # A title's joiners (an emoji's, Persian's) are text, not escaped as a name's controls are.
    assert joined in result.out
    markdown = run_cli("diff", "HEAD", "--format", "md", "-f", catalog.config).out  # a CI job's summary
    assert "\x1b" not in markdown and "\u202e" not in markdown and "notes\\\\x1b\\[8m\\\\u202e" in markdown


def test_plan_csv_and_ics_read_back_hostile_titles(catalog: CatalogDir, tmp_path: Path,
                                                    run_cli: Callable[..., CliResult]) -> None:
    title = f"=cmd|' /C calc'!A0 {TITLE}, a;b C:\\Navigate\\N\\"  # the library read "\\N" as a line break
    catalog.plan("p", plan_data("p", phases=[{"title": "All", "start_day": 0, "end_day": 30, "items": [
        {"day": 1, "type": "meeting", "title": title, "note": "Install to C:\\Program Files\\Keystone\\Nightly"}]}]))
    args = ("plan", "-f", catalog.config, "p", "--customer", "Acme", "--start", "2027-01-11")
    rows = csv_rows(run_cli(*args, "--format", "csv").out)
    assert rows[0]["title"] == "'" + title
    [event] = icalendar.Calendar.from_ical(run_cli(*args, "--format", "ics").out).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Acme · Meeting: {title}"
    assert "Install to C:\\Program Files\\Keystone\\Nightly" in str(event["DESCRIPTION"]).splitlines()
