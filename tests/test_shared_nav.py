"""The nav rendered once per folder is byte for byte the nav Material renders on each page.

Each site is built twice in this process, with and without sharing, and the two site
folders must be identical. The sites cover what could make one rendering wrong for
another page: nav entries below a course page, a hand-written page in ``courses/``,
file URLs (``use_directory_urls: false``) and a site overriding the nav partial.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from syllabus.plugin import plugin as plugin_module
from syllabus.plugin.shared_nav import SharedNavigation

from .conftest import EPOCH, REPO, CatalogDir, plan_data, track_data


def build_in_process(config_file: Path, site_dir: Path) -> SharedNavigation | None:
    config = load_config(str(config_file), site_dir=str(site_dir))
    build(config)
    return config.plugins["syllabus"].shared_nav


def site_bytes(site_dir: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site_dir)): path.read_bytes() for path in sorted(site_dir.rglob("*"))
            if path.is_file()}


def build_both_ways(config_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SharedNavigation | None:
    """Build with the shared nav, then without; assert the sites are identical."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    shared = build_in_process(config_file, tmp_path / "shared")
    with monkeypatch.context() as patch:
        patch.setattr(plugin_module, "share_navigation", lambda *args, **kwargs: None)
        assert build_in_process(config_file, tmp_path / "per-page") is None
    shared_site, per_page_site = site_bytes(tmp_path / "shared"), site_bytes(tmp_path / "per-page")
    assert shared_site.keys() == per_page_site.keys()
    assert [path for path in shared_site if shared_site[path] != per_page_site[path]] == []
    return shared


def test_example_site_course_and_unit_pages_share_their_nav(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = build_both_ways(REPO / "mkdocs.yml", tmp_path, monkeypatch)
    assert shared is not None
    # One rendering for all course pages, one per course with unit pages; none for the
    # pages in the nav (catalog, tracks, plans), which each render their own.
    with_units = {path.parent.name for path in REPO.glob("courses/*/course.yml")
                  if "units:" in path.read_text(encoding="utf-8")}
    assert ("courses", 2) in shared.renderings
    assert {key for key in shared.renderings if key[1] == 3} <= {(f"courses/{course}", 3) for course in with_units}
    assert all(key[0].startswith("courses") for key in shared.renderings)


def course_with_units(catalog: CatalogDir, course_id: str) -> None:
    catalog.course(course_id, units=[{"title": "First steps", "file": "first.md", "minutes": 10},
                                     {"title": "Next steps", "file": "next.md", "minutes": 10}])
    catalog.write(f"courses/{course_id}/index.md", "Overview.\n")
    catalog.write(f"courses/{course_id}/first.md", "# First steps\n\nStart here.\n")
    catalog.write(f"courses/{course_id}/next.md", "# Next steps\n\nGo on.\n")


NAV_BELOW_COURSE_PAGES = """\
nav:
  - index.md
  - Courses: courses/index.md
  - Deep link: courses/alpha/first.md
  - Catalog: catalog/index.md
  - Tracks: [tracks/path/index.md]
  - Plans: [plans/onboarding/index.md]
"""


@pytest.mark.parametrize("directory_urls", [True, False])
def test_pages_with_nav_entries_below_them_render_their_own_nav(
    catalog: CatalogDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, directory_urls: bool
) -> None:
    for course_id in ("alpha", "beta", "gamma"):
        course_with_units(catalog, course_id)
    catalog.track("path", track_data("path", ["alpha", "beta"]))
    catalog.plan("onboarding", plan_data("onboarding"))
    catalog.write("docs/courses/index.md", "# All courses\n\nA hand-written page beside the course pages.\n")
    config = catalog.config.read_text(encoding="utf-8") + NAV_BELOW_COURSE_PAGES
    catalog.config.write_text(config + f"use_directory_urls: {str(directory_urls).lower()}\n", encoding="utf-8")

    shared = build_both_ways(catalog.config, tmp_path, monkeypatch)

    assert shared is not None

    def key(src_uri: str) -> tuple[str, int] | None:
        url = src_uri.removesuffix(".md").removesuffix("index")
        if src_uri.endswith("/index.md"):
            url = url if directory_urls else url + "index.html"
        else:
            url = url + "/" if directory_urls else url + ".html"
        return shared.key(SimpleNamespace(url=url, file=SimpleNamespace(src_uri=src_uri)))

    # alpha has a nav entry below it (its unit "first"); beta and gamma share one rendering.
    assert key("courses/alpha/index.md") is None
    assert key("courses/beta/index.md") == key("courses/gamma/index.md") == ("courses", 2)
    assert key("courses/alpha/first.md") is None  # in the nav itself
    if directory_urls:  # a unit page is a folder below its course page
        assert key("courses/alpha/next.md") == ("courses/alpha", 3)
        assert key("courses/beta/next.md") == ("courses/beta", 3)
    else:  # a unit page is a file beside its course page, and alpha's folder holds the deep link
        assert key("courses/alpha/next.md") is None
        assert key("courses/beta/next.md") == ("courses", 2)
    assert key("courses/index.md") is None  # hand-written: not a generated page


def test_a_site_overriding_the_nav_partial_keeps_its_own(
    catalog: CatalogDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for course_id in ("alpha", "beta"):
        course_with_units(catalog, course_id)
    catalog.write("overrides/partials/nav.html", "<nav class=\"custom\">{{ page.title }}</nav>\n")
    config = catalog.config.read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    catalog.config.write_text(config, encoding="utf-8")

    assert build_both_ways(catalog.config, tmp_path, monkeypatch) is None
    html = (tmp_path / "shared" / "courses" / "beta" / "index.html").read_text(encoding="utf-8")
    assert '<nav class="custom">Course beta</nav>' in html


def _page(url: str) -> SimpleNamespace:
    return SimpleNamespace(url=url)


def test_keys_separate_folders_and_depths() -> None:
    shared = SharedNavigation(lambda context: iter(()), ["", "catalog/", "courses/x/deep/"], lambda page: True)
    assert shared.key(_page("courses/a/")) == shared.key(_page("courses/b/")) == ("courses", 2)
    assert shared.key(_page("courses/a/index.html")) == ("courses", 2)
    assert shared.key(_page("courses/a/u/")) != shared.key(_page("courses/b/u/"))
    assert shared.key(_page("courses/x/")) is None
    assert shared.key(_page("a.html")) != shared.key(_page("a/"))  # root folder vs depth one
    assert SharedNavigation(lambda context: iter(()), [], lambda page: False).key(_page("courses/a/")) is None

