"""What validate checks in a rendered page besides the allowlist (core/pages.py PageRenderer.check)."""

from __future__ import annotations

import time

import pytest
from syllabus.core.html_allowlist import Allowlist
from syllabus.core.pages import SIZE_RULE, MarkdownSettings, PageRenderer, pictures_without_text, split_page
from syllabus.core.published import link_target
from syllabus.core.yamlsafe import YamlProblem


def test_pictures_without_text_are_placed_where_each_is_written() -> None:
    body = ("![](<a.png>) and ![](a(1).png)\n\n![Shown](a.png) then ![][p]\n\n<img src=c.png alt=\"\">\n\n"
            "![](a.png)\n\n[p]: <b.png>\n")
    renderer = PageRenderer(MarkdownSettings(("md_in_html",), {}), Allowlist())
    published, _ = renderer.allowlist.removals(renderer.render(body))
    # In order, each after the last one found (the described a.png takes the second place a.png
    # is written), a reference's at its definition.
    assert pictures_without_text(body, published) == [(1, 6, "a.png"), (1, 22, "a(1).png"), (9, 7, "b.png"),
                                                      (5, 10, "c.png"), (7, 5, "a.png")]


def test_the_checks_of_a_page_run_within_its_render_time(monkeypatch) -> None:
    """The picture check ran after the budget, 17 s on one page (attack, stop 44): a page's
    checks after rendering are bounded by its budget too."""
    monkeypatch.setattr("syllabus.core.pages.RENDER_SECONDS", 0.1)
    monkeypatch.setattr("syllabus.core.pages.RENDER_SECONDS_PER_KIB", 0.0)
    renderer = PageRenderer(MarkdownSettings((), {}), Allowlist())

    def slow(rendered: str) -> str:
        end = time.process_time() + 5
        while time.process_time() < end:
            sum(range(1000))
        return rendered

    problem = renderer.within_budget(split_page("# A page\n"), slow)
    assert isinstance(problem, YamlProblem) and problem.rule == SIZE_RULE
    assert renderer.within_budget(split_page("# A page\n"), str.upper).startswith("<H1")


def test_pictures_of_one_address_by_reference_take_its_definitions_in_turn() -> None:
    """Two references to flow.png were both placed at the first definition, and said once
    (attack, stop 44); an address with parentheses, after many links sharing its start, at 1:1."""
    body = "![][a]\n\n![][b]\n\n" + "[x](a) " * 21 + "\n\n![](a(1).png)\n\n[a]: flow.png\n[b]: flow.png\n"
    renderer = PageRenderer(MarkdownSettings((), {}), Allowlist())
    published, _ = renderer.allowlist.removals(renderer.render(body))
    assert pictures_without_text(body, published) == [(9, 6, "flow.png"), (10, 6, "flow.png"), (7, 5, "a(1).png")]


@pytest.mark.parametrize(("url", "site_url", "target"), [
    ("https:secret/", "https://academy.test/", "courses/secret/"),  # the page's own scheme, no "//": relative
    ("https:secret/", "", "courses/secret/"),  # no site_url: either scheme may be the page's
    ("http:secret/", "https://academy.test/", None),  # another scheme: "secret" is a host
    ("http:/academy.test/courses/secret/", "https://academy.test/", "courses/secret/"),
    ("https:////academy.test/courses/x/../secret/", "https://academy.test/", "courses/secret/"),
    ("https:///courses/secret/", "https://academy.test/", None),  # the host is "courses"
    ("https://academy.test/courses/secret/", "https://academy.test/", "courses/secret/"),
])
def test_an_http_address_is_resolved_as_the_url_standard_reads_it(url: str, site_url: str, target: str | None) -> None:
    """A scheme without "//", or with more slashes, is read by browsers as relative or as
    naming a host; leak-check and the build's link check took them for other sites (attacks)."""
    assert link_target(url, "courses/index.html", site_url, frozenset({"courses/index.html"})) == target
