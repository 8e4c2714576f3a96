"""Front matter problems are said with the file's own line numbers, and with a suggestion."""

from __future__ import annotations

from syllabus.core.pages import split_page


def problems(text: str) -> list[tuple[int, int, str]]:
    return [(problem.line, problem.column, problem.message) for problem in split_page(text).problems]


def test_lines_inside_a_message_count_from_the_top_of_the_file() -> None:
    assert problems("---\ntitle: Setup\n  subtitle: x\n---\n# Setup\n") == [
        (3, 3, "'subtitle' is indented deeper than 'title' on line 2, which already has a value")]


def test_a_mistyped_key_or_value_gets_a_suggestion() -> None:
    assert problems("---\ntitel: Setup\nhide: [tok]\n---\n# Setup\n") == [
        (2, 1, "'titel' is not a page metadata key Syllabus allows (did you mean 'title'?); remove it"),
        (3, 1, "'hide' must be a list of feedback, footer, navigation, path, tags, toc (did you mean 'toc'?)")]
    # Without the '---' lines (MultiMarkdown's metadata), the first lines may be meant as text: a blank line
    # first makes them so. Inside '---' it would not (trainer review, stop 42).
    assert [message for _, _, message in problems("Titel: Setup\n\n# Setup\n")] == [
        "MkDocs reads this line as page metadata: 'titel' is not a page metadata key Syllabus allows (did you mean "
        "'title'?); remove it, or add a blank line first if this line is text"]


def test_a_block_never_closed_is_refused_at_its_first_line() -> None:
    assert problems("---\ntitle: Setup\n\n# Setup\n") == [
        (1, 1, "the metadata block this '---' opens is never closed, so MkDocs would publish it as text; add a "
               "'---' line after its last key")]
    assert problems("---\n\nA page that opens with a rule.\n") == []
    assert problems("---\ntitle: Setup\n---") == [  # MkDocs needs the line break after the closing line
        (1, 1, "the metadata block this '---' opens is never closed, so MkDocs would publish it as text; end the "
               "file with a line break after its closing '---'")]


def test_front_matter_mkdocs_cannot_read_is_refused_where_it_fails() -> None:
    """MkDocs reads front matter with PyYAML and ignores all of it if that fails: beside a
    date that does not exist, `authoring: true` published a page for authors publicly."""
    unread = ("MkDocs cannot read this front matter ({}), so it would ignore all of it and publish it as text at "
              "the top of the page")
    assert problems("---\nauthoring: true\nsubtitle: 2026-02-29\n---\n# Notes\n") == [
        (3, 11, unread.format("day is out of range for month"))]
    assert problems("---\nsearch: {exclude: true}\ntitle: =\n---\n# Notes\n") == [
        (3, 8, unread.format("could not determine a constructor for the tag 'tag:yaml.org,2002:value'"))]
    assert split_page("---\nauthoring: true\nsubtitle: 2026-02-29\n---\n# Notes\n").meta == {}


def test_text_mkdocs_reads_as_another_type_is_to_be_quoted() -> None:
    assert problems("---\ntitle: 12:30:00\ndescription: 2027-01-04\nsubtitle: '12:30'\n---\n# Notes\n") == [
        (2, 1, "MkDocs reads '12:30:00' as a number (45000), not as this text; quote it"),
        (3, 1, "MkDocs reads '2027-01-04' as a date (2027-01-04), not as this text; quote it")]


def test_a_hide_entry_that_is_no_word_is_refused_not_a_traceback() -> None:
    assert problems("---\nhide: [[toc], {a: b}]\n---\n# Notes\n") == [
        (2, 1, "'hide' must be a list of feedback, footer, navigation, path, tags, toc")]


def test_a_block_below_the_first_line_is_refused_where_it_starts() -> None:
    """MkDocs reads front matter at the very start only: below a blank line, a comment or an
    indent it published `authoring: true` as a heading, and the page for authors publicly."""
    late = ("MkDocs reads a metadata block only at the very start of the file, so it would publish this one as "
            "text (an authoring: true page on the public site); move it to the top")
    assert problems("\n---\nauthoring: true\n---\n\n# Notes\n") == [(2, 1, late)]
    assert problems("  \n<!-- for authors -->\n---\nauthoring: true\n---\n# Notes\n") == [(3, 1, late)]
    assert problems("<!--\nlicense header\n-->\n---\ntitle: Notes\n---\n# Notes\n") == [(4, 1, late)]
    assert problems(" ---\nauthoring: true\n---\n\n# Notes\n") == [(1, 1, late)]
    assert problems("\u00a0\n---\nauthoring: true\n---\n# Notes\n") == [(2, 1, late)]
    # Text: a rule, then a line that reads "Word: ...", with or without a second rule.
    assert problems("\n---\n\nA page that opens with a rule.\n") == []
    assert problems("\n---\nNote: this page covers the admin console.\n\nBody text.\n") == []
    assert problems("<!-- markdownlint-disable MD041 -->\n---\nAudience: administrators\n---\n\nBody\n") == []
    assert problems("# Notes\n\n---\nauthoring: true\n---\n") == []


def test_authoring_written_as_text_says_the_page_would_be_published() -> None:
    """MultiMarkdown's metadata (no '---') holds text: "true" is no true, and the page for
    authors is published; it was told 'authoring' must be true or false, as it had written."""
    for text, where in (("authoring: true\n\n# Notes\n", (1, 1)), ('---\nauthoring: "true"\n---\n# Notes\n', (2, 1))):
        [problem] = split_page(text).problems
        assert (problem.line, problem.column) == where
        assert "'authoring' is the text 'true' here, not true, so the page would be published; write true " \
               "without quotes, in metadata between two '---' lines" in problem.message
