"""The small helpers every generated page calls: links and session times."""

from __future__ import annotations

import datetime as dt
import posixpath

import pytest
from syllabus.core.model import Session
from syllabus.core.pages import DESCRIPTION_LENGTH, lead_text
from syllabus.plugin.render import relative_url, session_times


def relpath_url(target: str, page_url: str, use_directory_urls: bool) -> str:
    """The previous implementation, on posixpath.relpath: the reference for every case."""
    if not use_directory_urls and (target == "" or target.endswith("/")):
        target += "index.html"
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    relative = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return "./" if relative in ("./", ".") else relative


PATHS = ["", "catalog/", "courses/", "courses/a/", "courses/a/unit/", "courses/ab/", "courses/a/slides.pdf",
         "courses/a/sessions/20270101T1000-utc.ics", "tracks/a/", "index.html", "courses/a/index.html",
         "courses/a/unit/index.html", "courses/a/unit.html", "a.html"]


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_relative_urls_match_relpath_for_every_pair_of_site_paths(use_directory_urls: bool) -> None:
    for page in PATHS:
        for target in PATHS:
            assert relative_url(target, page, use_directory_urls) == relpath_url(target, page, use_directory_urls), (
                target, page)


@pytest.mark.parametrize(("target", "page", "expected"), [
    ("", "courses/a/", "../.."),
    ("catalog/", "courses/a/", "../../catalog/"),
    ("courses/b/", "courses/a/", "../b/"),
    ("courses/a/", "courses/a/", "./"),
    ("courses/a/slides.pdf", "courses/a/", "slides.pdf"),
    ("courses/a/", "courses/a/unit/", "../"),
])
def test_relative_urls_by_example(target: str, page: str, expected: str) -> None:
    assert relative_url(target, page, True) == expected


def test_session_times_count_elapsed_minutes_across_a_clock_change() -> None:
    # 90 minutes from 01:30 CET on the night clocks go forward end at 04:00 CEST.
    times = session_times(Session(start=dt.datetime(2027, 3, 28, 1, 30), timezone="Europe/Berlin"), 90)
    assert (times.start, times.end) == ("2027-03-28T01:30:00+01:00", "2027-03-28T04:00:00+02:00")
    # The clocks change in between: each end says its offset, so 01:30-04:00 reads as the 90 minutes it is.
    assert times.label == "Sun, Mar 28, 2027, 01:30 GMT+1\u2009–\u200904:00 GMT+2"


@pytest.mark.parametrize(("html", "lead"), [
    ("<h2 id='a'>Try</h2><p>By default it runs a <strong>literal</strong> search.</p><p>More.</p>",
     "By default it runs a literal search."),
    ('<div class="admonition note"><p class="admonition-title">Note</p><p>Inside &amp; first.</p></div>',
     "Inside & first."),  # the admonition's title is not prose
    ("<p>" + "word " * 40 + "</p>", ("word " * 31).strip() + "…"),  # cut after a word, within 160
    ("<p>" + "検索" * 100 + "</p>", "検索" * 79 + "検…"),  # no spaces: cut at 159 characters
    ("<pre><code>only code</code></pre>", ""),
    ('<p>a "quoted" &lt;b&gt; line\nbroken</p>', 'a "quoted" <b> line broken'),  # text: escaped where printed
    ("<p>line one<br>line two<br />three</p>", "line one line two three"),
    ('<p>A note<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup> here.</p>', "A note here."),
    ('<p class="lead">Styled lead.</p><p>Second.</p>', "Styled lead."),  # attr_list's { .lead }
    ('<p><img alt="" src="a.png"></p><p>After the picture.</p>', "After the picture."),  # the first with words
    ("<p>spaced&nbsp;&nbsp;out&#9;words</p>", "spaced out words"),
    ("<p>" + "x" * 158 + "\U0001F468\u200d\U0001F469\u200d\U0001F467 family</p>", "x" * 158 + "…"),  # never half
    ("<p>" + "e" * 158 + "e\u0301 accent</p>", "e" * 158 + "…"),  # nor an accent without its letter
    ("<p>" + "\U0001F1EF\U0001F1F5" * 100 + "</p>", "\U0001F1EF\U0001F1F5" * 79 + "…"),  # nor half a flag
    ("<p>" + "a" * 157 + "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F</p>",
     "a" * 157 + "…"),  # England's flag: a black flag and its tags
    ("<p>" + "\u1100\u1161\u11a8" * 60 + "</p>", "\u1100\u1161\u11a8" * 53 + "…"),  # Hangul, letter by letter
])
def test_a_units_description_is_the_lead_of_its_first_paragraph(html: str, lead: str) -> None:
    assert lead_text(html) == lead
    assert len(lead) <= DESCRIPTION_LENGTH
