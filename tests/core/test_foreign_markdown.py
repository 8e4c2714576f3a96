"""Markdown written for GitHub, Docusaurus or a word processor is published as text here:
validate says where, with the syntax that works, and only when the site's own extensions
really published it as text."""

from __future__ import annotations

import pytest
from syllabus.core.foreign_markdown import RULE
from syllabus.core.html_allowlist import Allowlist
from syllabus.core.pages import MarkdownSettings, PageRenderer, split_page

EXAMPLE_SITE = ("admonition", "attr_list", "tables", "toc", "pymdownx.details", "pymdownx.superfences")


def warnings(body: str, extensions: tuple[str, ...] = EXAMPLE_SITE) -> list[tuple[int, int, str, str]]:
    """(line, column, message, hint) of each foreign construct of a page whose metadata
    takes its first two lines."""
    page = split_page("---\ntitle: Unit\n---\n" + body)
    problems = PageRenderer(MarkdownSettings(extensions), Allowlist()).check(page).problems
    assert all(problem.rule == RULE and problem.severity == "warning" for problem in problems), problems
    return [(problem.line, problem.column, problem.message, problem.hint) for problem in problems]


@pytest.mark.parametrize(("body", "place", "words"), [
    pytest.param("Intro.\n\n> [!IMPORTANT]\n> Back up first.\n", (6, 3),
                 ["alert syntax", "'[!IMPORTANT]'", "'!!! info' line", "indented 4 spaces"], id="github-alert"),
    pytest.param("Intro.\n\n:::caution\nThis deletes data.\n:::\n", (6, 1),
                 ["':::' blocks", "'!!! danger' line", "no closing ':::'"], id="container"),
    pytest.param("| Setting | Default |\n| port | 80 |\n| tls | on |\n", (4, 1),
                 ["no '| --- |' line under its first row", "'| --- | --- |'"], id="table-without-separator"),
    pytest.param("Before you start:\n\n  - [ ] a licence\n  - [x] an account\n", (6, 5),
                 ["'[ ]' task boxes need the pymdownx.tasklist extension", "without the box"], id="task-list"),
    pytest.param("Run:\n\n```bash\nsyllabus validate\n\nThen read the report.\n", (6, 1),
                 ["code fence (```) is never closed", "add a line with ```"], id="unclosed-fence"),
    pytest.param("詳しくは[管理ガイド]（https://docs.example/）を参照。\n", (4, 12),
                 ["full-width '（'", "[text](address)"], id="full-width-link"),
    pytest.param("!!! warning\n  Back up first.\n", (5, 3),
                 ["indented less than 4 spaces", "published empty", "4 spaces"], id="admonition-indent-2"),
    pytest.param("Filters:\n| Filter | Meaning |\n|---|---|\n| `repo:` | repository |\n", (5, 1),
                 ["follows a line of text with no blank line", "leave a blank line above"],
                 id="table-right-after-text"),  # GitHub renders it; Python-Markdown does not
])
def test_foreign_markdown_is_placed_with_the_syntax_that_works(body, place, words):
    (line, column, message, hint), = warnings(body)
    assert (line, column) == place
    for word in words:
        assert word in f"{message} (hint: {hint})"


def test_each_table_task_list_and_container_is_reported_once():
    body = ("| a | b |\n| c | d |\n| e | f |\n\n- [ ] one\n- [ ] two\n- [ ] three\n\n"
            ":::note\nx\n:::\n\n:::tip\ny\n:::\n")
    assert [(line, column) for line, column, _, _ in warnings(body)] == [(4, 1), (8, 3), (12, 1), (16, 1)]


@pytest.mark.parametrize("body", [
    pytest.param("| a | b |\n| --- | :-: |\n| c | d |\n", id="table"),
    pytest.param("!!! note\n    Four spaces.\n\n!!! tip \"Only a title\"\n\nText after it.\n", id="admonitions"),
    pytest.param("```markdown\n> [!NOTE]\n| a | b |\n| c | d |\n- [ ] x\n:::tip\n[a]（b）\n```\n", id="in-a-fence"),
    pytest.param("~~~~\n```\n~~~~\n", id="fence-closed-by-a-longer-one"),
    pytest.param("Write `> [!NOTE]`, `:::` or ```` ``` ```` inline.\n", id="inline-code"),
    pytest.param("    | a | b |\n    | c | d |\n\n    > [!NOTE]\n", id="indented-code"),
    pytest.param("A sentence | with a pipe\nand | another.\n", id="pipes-in-prose"),
    pytest.param("| A | B |\n| - - | --- |\n| 1 | 2 |\n\n> Run it as:\n> | cat file | sort |\n",
                 id="loose-separator-beside-a-quoted-pipe"),
    pytest.param("# Settings\n| A | B |\n|---|---|\n| 1 | 2 |\n", id="table-right-after-a-heading"),
])
def test_what_the_site_renders_as_meant_is_not_reported(body):
    assert warnings(body) == []


def test_a_site_whose_extensions_read_the_syntax_is_not_told_they_do_not():
    assert warnings("- [ ] one\n- [x] two\n", (*EXAMPLE_SITE, "pymdownx.tasklist")) == []
    assert len(warnings("- [ ] one\n- [x] two\n")) == 1


def test_without_the_admonition_extension_the_hint_says_how_to_get_it():
    (_, _, _, hint), = warnings("> [!NOTE]\n> Read this.\n", ("tables", "toc"))
    assert hint.startswith("write it as a plain quote, or add admonition to markdown_extensions in mkdocs.yml")

