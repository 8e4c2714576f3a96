"""What the author preview reuses between rebuilds, and what it must not.

``FileCache`` replays an unchanged file's findings; ``RenderedPages`` keeps a course page
only while nothing it shows changed. Both are checked against a real catalog on disk,
edited between loads the way an author edits it.
"""

from __future__ import annotations

import gc
import os
import time
import weakref
from pathlib import Path

import pytest
from syllabus.core.catalog import FileCache, load_catalog
from syllabus.export.catalog_json import catalog_document, catalog_text, course_text, dumps
from syllabus.plugin.incremental import BackgroundSearchIndex, PerCourse, PreviewHeap, RenderedPages, course_page_uris
from syllabus.plugin.options import load_options
from syllabus.plugin.site_search import SearchSource, pagefind_binary

from .conftest import CatalogDir, build_site, course_data, dump, track_data
from .sitetools import pagefind_pages

INDEX_LIMIT = 120.0  # seconds for Pagefind to index a tiny site on a busy machine
PAGEFIND_DELAY = 2  # seconds: reading the published index takes milliseconds


def _catalog(catalog: CatalogDir) -> None:
    catalog.course("base", title="Base course")
    catalog.course("next", prerequisites=["base"])  # its page names Base course
    catalog.course("alone")
    catalog.course("in-track")
    catalog.track("path", dump(track_data("path", ["in-track"])))


def _touch_later(path: Path) -> None:
    """A new modification time even on file systems with coarse timestamps."""
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))


def _reuse_after(catalog: CatalogDir, edit) -> set[str]:
    """Course page URIs reused after ``edit``, given every page was kept from the first build."""
    options = load_options(catalog.config)
    pages = RenderedPages()
    first = load_catalog(options)
    pages.reusable(first.catalog, first.markdown, frame="same")
    for course in first.catalog.courses.values():
        for uri in course_page_uris(course):
            pages.keep(uri, f"<html>{uri}</html>")
    pages.built([uri for course in first.catalog.courses.values() for uri in course_page_uris(course)])
    edit()
    second = load_catalog(options)
    return pages.reusable(second.catalog, second.markdown, frame="same")


def test_an_edit_rerenders_the_course_and_the_pages_naming_it(catalog: CatalogDir) -> None:
    _catalog(catalog)

    def retitle() -> None:
        catalog.course("base", title="Base course, renamed")

    assert _reuse_after(catalog, retitle) == {"courses/alone/index.md", "courses/in-track/index.md"}


def test_a_track_edit_rerenders_the_courses_it_lists_before_or_after(catalog: CatalogDir) -> None:
    _catalog(catalog)

    def move() -> None:
        catalog.track("path", dump(track_data("path", ["alone"])))

    assert _reuse_after(catalog, move) == {"courses/base/index.md", "courses/next/index.md"}


def test_markdown_edits_and_a_new_frame_are_seen(catalog: CatalogDir) -> None:
    _catalog(catalog)

    def write_overview() -> None:
        catalog.write("courses/alone/index.md", "# A new overview\n")

    assert "courses/alone/index.md" not in _reuse_after(catalog, write_overview)

    options = load_options(catalog.config)
    pages = RenderedPages()
    loaded = load_catalog(options)
    pages.reusable(loaded.catalog, loaded.markdown, frame=1)
    pages.keep("courses/alone/index.md", "<html>")
    pages.built(["courses/alone/index.md"])
    assert pages.reusable(loaded.catalog, loaded.markdown, frame=1) == {"courses/alone/index.md"}
    assert pages.reusable(loaded.catalog, loaded.markdown, frame=2) == set()  # e.g. mkdocs.yml changed


def test_the_file_cache_replays_unchanged_files_and_rereads_edited_ones(catalog: CatalogDir) -> None:
    _catalog(catalog)
    catalog.course("broken", dump(course_data("broken", level="expert")))
    options = load_options(catalog.config)
    cache = FileCache()
    fresh = load_catalog(options)
    cached_first = load_catalog(options, cache=cache)
    replayed = load_catalog(options, cache=cache)
    for result in (cached_first, replayed):
        assert result.report.sorted() == fresh.report.sorted()
        assert result.report.files_checked == fresh.report.files_checked
        assert result.catalog == fresh.catalog

    edited = catalog.course("broken", dump(course_data("broken", level="beginner")))
    _touch_later(edited)
    after = load_catalog(options, cache=cache)
    assert after.report.sorted() == load_catalog(options).report.sorted() == []
    assert "broken" in after.catalog.courses


def test_unchanged_files_keep_their_model_items(catalog: CatalogDir) -> None:
    """The preview's later steps know an unchanged course by identity, so the reload hands back
    the same item; an edited file gets a new one."""
    _catalog(catalog)
    options = load_options(catalog.config)
    cache = FileCache()
    first = load_catalog(options, cache=cache).catalog
    _touch_later(catalog.course("base", title="Base course, renamed"))
    second = load_catalog(options, cache=cache).catalog
    assert second.courses["next"] is first.courses["next"]
    assert second.tracks["path"] is first.tracks["path"]
    assert second.courses["base"] is not first.courses["base"]
    assert second.courses["base"].title == "Base course, renamed"


def _indexed_text(site: Path, url: str) -> str:
    """The page's indexed text ('' while the index is being swapped: the test polls)."""
    try:
        return pagefind_pages(site)[url]["content"]
    except FileNotFoundError:
        return ""


def test_the_preview_serves_the_previous_search_index_until_the_new_one_is_complete(
        catalog: CatalogDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog.course("alone", title="Alone course")
    site = tmp_path / "site"
    build_site(catalog.config, site)
    slow = tmp_path / "slow-pagefind"  # Pagefind itself, started a little later
    slow.write_text(f'#!/bin/sh\nsleep {PAGEFIND_DELAY}\nexec "{pagefind_binary()}" "$@"\n', encoding="utf-8")
    slow.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(slow))
    search = BackgroundSearchIndex()

    search.set_aside(site)  # a rebuild starts: MkDocs cleans the site folder, but not dot-named entries
    assert not (site / "pagefind").exists() and (site / BackgroundSearchIndex.ASIDE / "pagefind.js").is_file()
    page = site / "courses/alone/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Alone course", "Renamed course"), encoding="utf-8")
    try:
        search.start(site, SearchSource())  # the rebuilt pages are served with the previous index at once
        assert "Alone course" in _indexed_text(site, "courses/alone/")

        deadline = time.monotonic() + INDEX_LIMIT
        while ("Renamed course" not in _indexed_text(site, "courses/alone/")
               or (site / BackgroundSearchIndex.OLD).exists() or (site / BackgroundSearchIndex.NEXT).exists()):
            assert time.monotonic() < deadline, "the new search index never replaced the previous one"
            time.sleep(0.05)

        search.start(site, SearchSource())
        search.stop(site)  # a newer rebuild: the unfinished index is dropped, a complete one stays published
        assert (site / "pagefind" / "pagefind.js").is_file() and not (site / BackgroundSearchIndex.NEXT).exists()
        assert "Renamed course" in _indexed_text(site, "courses/alone/")
    finally:
        search.stop()
        gc.unfreeze()  # the finished index settled this process's heap


def test_a_rebuild_pauses_the_cycle_collector_and_restores_it() -> None:
    heap = PreviewHeap()
    assert gc.isenabled()
    heap.pause()
    heap.pause()  # MkDocs may run on_config again before the build ends
    assert not gc.isenabled()
    heap.resume()
    assert gc.isenabled()
    gc.disable()  # a collector someone else turned off stays off
    try:
        heap.pause()
        heap.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_settling_frees_cycles_left_behind_and_freezes_what_is_kept() -> None:
    class Node:
        pass

    kept = Node()
    try:
        PreviewHeap.settle()
        garbage = Node()
        garbage.self = garbage
        alive = weakref.ref(garbage)
        del garbage
        PreviewHeap.settle()
        assert alive() is None  # collected, though the previous settle froze everything alive
        assert gc.get_freeze_count() > 0 and kept is not None
    finally:
        gc.unfreeze()


def test_per_course_values_are_reused_only_for_the_same_course_item_and_arguments(catalog: CatalogDir) -> None:
    _catalog(catalog)
    options = load_options(catalog.config)
    cache = FileCache()
    first = load_catalog(options, cache=cache).catalog
    calls: list[str] = []

    def entry(course, suffix: str) -> str:
        calls.append(course.id)
        return course.title + suffix

    remembered = PerCourse().remembering(entry)
    assert {course.id: remembered(course, "!") for course in first.courses.values()}["base"] == "Base course!"
    _touch_later(catalog.course("base", title="Base course, renamed"))
    second = load_catalog(options, cache=cache).catalog
    calls.clear()
    assert remembered(second.courses["base"], "!") == "Base course, renamed!"
    assert remembered(second.courses["next"], "!") == "Course next!"
    assert remembered(second.courses["next"], "?") == "Course next?"  # other arguments
    assert calls == ["base", "next"]


def test_catalog_json_from_kept_course_texts_is_the_same_bytes(catalog: CatalogDir) -> None:
    _catalog(catalog)
    catalog.course("live", title='Café "quoted" \\ title', summary="Line one: {not: a map}, [x]; 日本語",
                   format="virtual-ilt", sessions=[{"start": "2027-02-04T10:00", "timezone": "Asia/Tokyo",
                                                    "instructors": ["Ana", "Bo"]}])
    options = load_options(catalog.config)
    loaded = load_catalog(options).catalog
    document = catalog_document(loaded, options.today)
    texts = [course_text(course, options.today) for course in loaded.courses.values()]
    assert catalog_text(document, texts) == dumps(document)
    empty = {**document, "courses": []}
    assert catalog_text(empty, []) == dumps(empty)
