"""The search index: Pagefind reads each page cut to its head and search body, and finds
exactly what it finds reading the whole published site."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from syllabus.plugin.site_search import (
    ABANDONED_AFTER_SECONDS,
    BODY_START,
    SearchSource,
    in_language,
    index_site,
    primary_language,
    search_document,
)

from .conftest import CatalogDir, CliResult, build_site, example_catalog
from .sitetools import pagefind_pages

HEAD = '<!doctype html><html lang="ja" class="no-js"><head><title>Page - Academy</title></head>'
BODY = f'{BODY_START}<div hidden data-pagefind-ignore="index"><span data-pagefind-filter="level">x</span></div>' \
       '<h1 id="page">Page</h1><p>Words <img src="a.png" alt=""></p></div>'


def page_with(before: str = "", after: str = "") -> str:
    return f'{HEAD}<body dir="ltr"><header>Academy</header>{before}<article>{BODY}</article>{after}</body></html>'


def test_a_page_is_cut_to_its_head_and_search_body() -> None:
    assert search_document(page_with('<nav><a href="/">Home</a></nav>', "<footer>(c)</footer>"), BODY) == \
        f"{HEAD[:-len('</head>')]}</head><body>{BODY}</body></html>"


@pytest.mark.parametrize("outside", [
    "<h1>Title</h1>",  # Pagefind titles a result with the page's first <h1>
    '<IMG src="cover.png">',  # and pictures it with its first image, wherever they are
    '<span data-pagefind-meta="author">A</span>',  # its attributes count anywhere
    '<p DATA-PAGEFIND-FILTER="level">advanced</p>',
    f"{BODY_START}<p>a second search body</p></div>",
])
@pytest.mark.parametrize("where", ["before", "after"])
def test_a_page_with_more_for_the_index_outside_its_search_body_is_read_whole(outside: str, where: str) -> None:
    assert search_document(page_with(**{where: outside}), BODY) is None


def test_a_search_body_that_is_not_published_verbatim_is_not_used() -> None:
    published = page_with().replace("<p>Words", "<p>Other words")  # changed after it was made
    assert search_document(published, BODY) is None
    assert search_document(page_with().replace("</head>", ""), BODY) is None  # no head to keep
    head_only = f"{HEAD[:-len('</head>')]}{BODY}</head><body></body></html>"  # not in the body
    assert search_document(head_only, BODY) is None


def test_pages_are_indexed_in_their_language_and_files_without_a_search_body_as_published(tmp_path: Path) -> None:
    """A page whose search document cannot be cut is read whole; either way in its own
    language, which <html lang> (the site's) does not say for a course in another one."""
    site = tmp_path / "site"
    (site / "courses" / "a").mkdir(parents=True)
    (site / "courses" / "a" / "index.html").write_text(page_with(), encoding="utf-8")
    (site / "index.html").write_text(page_with("<h1>Outside</h1>"), encoding="utf-8")
    (site / "404.html").write_text(f"{HEAD}<body><h1>Not found</h1></body></html>", encoding="utf-8")
    source = SearchSource()
    try:
        source.add_page("courses/a/index.html", page_with(), BODY, "en")
        source.add_page("index.html", page_with("<h1>Outside</h1>"), BODY, "ja")
        source.add_page("404.html", f"{HEAD}<body><h1>Not found</h1></body></html>", None, "ja")
        assert source.index(site) == (2, 1)
        assert (source.root / "courses/a/index.html").read_text(encoding="utf-8") == \
            search_document(page_with(), BODY).replace('<html lang="ja"', '<html lang="en"')
        assert (source.root / "index.html").read_bytes() == (site / "index.html").read_bytes()
        assert (source.root / "404.html").read_bytes() == (site / "404.html").read_bytes()
    finally:
        source.close()
    assert not source.root.exists()
    indexed = pagefind_pages(site)
    assert sorted(indexed) == ["", "courses/a/"]  # the 404 page has no search body
    assert indexed[""]["meta"]["title"] == "Outside" and indexed["courses/a/"]["meta"]["title"] == "Page"
    languages = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    assert {language: entry["page_count"] for language, entry in languages.items()} == {"en": 1, "ja": 1}


@pytest.mark.parametrize(("tag", "marked"), [
    ('<html lang="en" class="no-js">', '<html lang="ja" class="no-js">'),
    ("<HTML class=x LANG='en'>", '<HTML lang="ja" class=x>'),
    ("<html>", '<html lang="ja">'),
])
def test_a_document_is_put_in_a_language_by_its_html_element_only(tag: str, marked: str) -> None:
    rest = '<head></head><body><p lang="en">x</p></body></html>'
    assert in_language(f"<!doctype html>{tag}{rest}", "ja") == f"<!doctype html>{marked}{rest}"
    assert in_language(f"<!doctype html>{tag}{rest}", "ja-JP") == f"<!doctype html>{marked}{rest}"  # one index


def test_a_long_language_tag_is_indexed_under_its_language(catalog: CatalogDir, tmp_path: Path) -> None:
    """A course in 'en-abcdefgh-abcdefgh-abcdefgh-12' (a valid tag) passed validate and
    stopped the build: Pagefind panicked ("byte index 40 is out of bounds") on index names
    of 30 characters and more."""
    catalog.course("long", language="en-abcdefgh-abcdefgh-abcdefgh-12")
    site = tmp_path / "site"
    build_site(catalog.config, site)
    languages = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    assert set(languages) == {"en"}
    assert "courses/long/" in pagefind_pages(site)


def test_pages_of_a_second_stemmed_language_are_indexed_under_the_first(catalog: CatalogDir, tmp_path: Path) -> None:
    """A browser reads every query with the primary index's stemmer: an Arabic course kept in
    an Arabic index was found by its stems ("بحث") and never by its words ("البحث"). Pages of
    another stemmed language go under the primary; Japanese, unstemmed, keeps its own index
    (Japanese words are segmented by the language the page is indexed in)."""
    catalog.course("servers", title="Installing the server")
    catalog.course("bahth", language="ar", title="البحث في الشيفرة")
    catalog.course("verwalten", language="de", title="Installationen verwalten")
    catalog.course("kensaku", language="ja", title="コード検索入門")
    site = tmp_path / "site"
    build_site(catalog.config, site)
    languages = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    assert {code: info["wasm"] for code, info in languages.items()} == {"en": "en", "ja": None}
    pages = pagefind_pages(site)
    assert {"courses/bahth/", "courses/verwalten/", "courses/kensaku/"} <= set(pages)
    assert languages["ja"]["page_count"] == 1  # the course page; every other page is under "en"
    assert not list((site / "pagefind").glob("wasm.ar.*")) and not list((site / "pagefind").glob("wasm.de.*"))


@pytest.mark.parametrize(("languages", "site", "expected"), [
    ({"en": (3, "en"), "de": (5, "de"), "ja": (9, None)}, "en", "de"),  # the stemmed one with the most pages
    ({"en": (4, "en"), "de": (4, "de")}, "de-AT", "de"),  # the site's (base) language first among equals
    ({"fr": (4, "fr"), "de": (4, "de")}, "en", "de"),  # then by name
    ({"ja": (4, None), "zh": (7, None)}, "ja", "ja"),  # no stemmer at all: the site's
])
def test_the_primary_language_is_picked_as_the_page_script_picks_it(languages, site, expected) -> None:
    entry = {code: {"page_count": count, "wasm": wasm} for code, (count, wasm) in languages.items()}
    assert primary_language(entry, site.lower()) == expected


def test_the_built_index_equals_pagefind_reading_the_whole_site(tmp_path: Path) -> None:
    """The example catalog, a hand-written page with no heading (the theme adds its <h1>
    outside the search body) and one in Japanese: every record of the index, URL, text,
    anchors, filters and meta, is the one Pagefind makes from the published site."""
    config = example_catalog(tmp_path / "catalog", "en")
    (config.parent / "docs" / "no-heading.md").write_text("Just a paragraph about *sandboxes*.\n", encoding="utf-8")
    (config.parent / "docs" / "ja.md").write_text("---\nlanguage: ja\n---\n# はじめに\n\n検索の使い方。\n",
                                                 encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(config, site, verbose=True)
    counts = re.search(r"Pagefind read (\d+) pages as their search documents and (\d+) HTML files as\s+published",
                       result.stderr)
    assert counts is not None, result.stderr[-2000:]
    written, as_published = map(int, counts.groups())
    pages = sorted(site.rglob("*.html"))
    assert written + as_published == len(pages) and as_published >= 1 and written > 20, (written, as_published)
    # The published site, each page put in the language its search filter names (what <html
    # lang> said when it was the page's language), read whole by Pagefind.
    whole = tmp_path / "whole"
    for path in pages:
        html = path.read_text(encoding="utf-8")
        language = re.search(r'data-pagefind-filter="language">([^<]*)<', html)
        target = whole / path.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(in_language(html, language.group(1)) if language else html, encoding="utf-8")
    index_site(whole, whole / "pagefind")
    built, from_whole_site = pagefind_pages(site), pagefind_pages(whole)
    assert built == from_whole_site
    assert built["no-heading/"]["meta"]["title"] == "No heading" and "sandboxes" in built["no-heading/"]["content"]
    assert built["ja/"]["filters"]["language"] == ["ja"]
    assert len(built) > 20


def test_the_index_reads_pages_as_published_after_every_other_plugin(tmp_path: Path) -> None:
    """A plugin that changes pages after Syllabus (a minifier, say) changes what is found:
    the search reads the published page, not the content Syllabus handed to the theme."""
    catalog = CatalogDir.new(tmp_path / "catalog")
    catalog.course("basics")
    catalog.write("docs/about.md", "# About\n\nAsk about the quietword in class.\n")
    catalog.write("hooks.py", "def on_post_page(output, page, config):\n"
                              "    return output.replace('quietword', 'LOUDWORD')\n")
    catalog.config.write_text(catalog.config.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n", encoding="utf-8")
    site = tmp_path / "site"
    build_site(catalog.config, site)
    indexed = pagefind_pages(site)["about/"]["content"]
    assert "LOUDWORD" in indexed and "quietword" not in indexed


def test_a_page_whose_front_matter_excludes_it_is_not_indexed(tmp_path: Path,
                                                              run_cli: Callable[..., CliResult]) -> None:
    """``search: {exclude: true}``, as Material reads it, for hand-written, home and course pages."""
    catalog = CatalogDir.new(tmp_path / "catalog")
    catalog.course("basics", units=[{"title": "Unit", "file": "unit.md"}])
    catalog.write("courses/basics/index.md", "---\nsearch:\n  exclude: true\n---\nAll about the zebraword.\n")
    catalog.write("courses/basics/unit.md", "# Unit\n\nThe zebraword again.\n")
    catalog.write("docs/index.md", "---\nsearch:\n  exclude: true\n---\n# Welcome\n\nzebraword at home.\n")
    catalog.write("docs/hidden.md", "---\nsearch:\n  exclude: true\n---\n# Hidden\n\nzebraword hidden.\n")
    catalog.write("docs/shown.md", "---\nsearch:\n  exclude: false\n---\n# Shown\n\nzebraword shown.\n")
    site = tmp_path / "site"
    build_site(catalog.config, site)
    found = sorted(url for url, record in pagefind_pages(site).items() if "zebraword" in record["content"])
    assert found == ["courses/basics/unit/", "shown/"]
    # Material's boost has no Pagefind counterpart: refused, not ignored.
    catalog.write("docs/shown.md", "---\nsearch:\n  boost: 2\n---\n# Shown\n")
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 1
    assert "docs/shown.md:2:1: error: 'search' may only set exclude (true/false); the site search has no " \
           "per-page boost" in result.out + result.err


def test_a_build_removes_the_search_folders_of_killed_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build stopped by SIGTERM leaves its search folder; a later one removes it once it
    is older than any build runs, and leaves alone those of builds still running."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    killed = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    abandoned = tmp_path / f"syllabus-search-{killed.pid}-x1"
    (abandoned / "courses").mkdir(parents=True)
    (abandoned / "courses" / "index.html").write_text("<html></html>", encoding="utf-8")
    killed.send_signal(signal.SIGTERM)
    killed.wait()
    recent = tmp_path / f"syllabus-search-{killed.pid}-x3"  # maybe a build in another PID namespace
    recent.mkdir()
    running = tmp_path / f"syllabus-search-{os.getppid()}-x2"  # the process that ran pytest
    huge = tmp_path / "syllabus-search-99999999999999999999-x4"  # no process has such an id
    for folder in (running, huge):
        folder.mkdir()
    old = time.time() - ABANDONED_AFTER_SECONDS - 60
    for folder in (abandoned, running, huge):
        os.utime(folder, (old, old))
    source = SearchSource()
    try:
        assert source.root.parent == tmp_path and source.root.name.startswith(f"syllabus-search-{os.getpid()}-")
        assert not abandoned.exists()
    finally:
        source.close()
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([running.name, recent.name, huge.name])


def test_who_teaches_a_session_and_where_are_found_not_its_dates(tmp_path: Path) -> None:
    """A venue ("Hudson") and an instructor's name found nothing on the course page: the
    whole session list was left out of the index, not only its dates and buttons."""
    catalog = CatalogDir.new(tmp_path / "catalog")
    catalog.course("briefing", format="in-person", sessions=[
        {"start": "2027-03-02T09:00", "timezone": "America/New_York", "instructors": ["Jonas Weber"],
         "location": "Keystone office, 250 Hudson Street, New York", "registration_url": "https://example.com/r"},
        {"start": "2027-03-09T09:00", "timezone": "America/New_York", "instructors": ["Cancelled Teacher"],
         "location": "Elsewhere Hall, New York", "status": "cancelled"}])
    site = tmp_path / "site"
    build_site(catalog.config, site)
    record = pagefind_pages(site)["courses/briefing/"]
    assert "Jonas Weber" in record["content"] and "250 Hudson Street" in record["content"]
    assert not any(word in record["content"] for word in ("2027", "Mar", "Register", "Add to calendar",
                                                          "Cancelled Teacher", "Elsewhere"))
    # Found under the sessions' heading (a sub-result linking #sessions), not the one before it.
    assert [anchor["id"] for anchor in record["anchors"]][-1] == "sessions"
    assert record["content"].index("Jonas Weber") > record["content"].index("Upcoming sessions")
