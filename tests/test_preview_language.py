"""The author preview's error page in the site's language."""

from __future__ import annotations

from pathlib import Path

from syllabus.core.diagnostics import Diagnostic
from syllabus.core.messages import ENGLISH, load_messages
from syllabus.plugin.preview import error_page

from .sitetools import parse_html


def test_the_preview_error_page_speaks_the_sites_language_and_quotes_diagnostics_in_english() -> None:
    problems = [Diagnostic("courses/x/course.yml", 3, 8, "error", "level: 'expert' is not one of beginner",
                           "schema-enum", "use one of the levels in mkdocs.yml"),
                Diagnostic("courses/x/course.yml", 9, 16, "warning", "last_reviewed is old", "stale")]
    document = parse_html(error_page(problems, Path("/catalog"), None, load_messages("ja")[0]))
    assert document.find("html").attrs["lang"] == "ja"
    assert document.find("h1").text == "コンテンツのエラー 1件、警告 1件"
    assert [s.text for s in document.find_all("span", cls="severity")] == ["エラー", "警告"]
    assert document.find("p", cls="message").attrs["lang"] == "en"
    assert document.find("p", cls="hint").text == "ヒント: use one of the levels in mkdocs.yml"
    english = parse_html(error_page(problems[:1], Path("/catalog"), None, ENGLISH))
    assert (english.find("html").attrs["lang"], english.find("h1").text) == ("en", "1 content error")
