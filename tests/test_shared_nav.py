"""The nav rendered once per folder is byte for byte the nav Material renders on each page.

Each site is built twice, once as it is and once with Material's own ``partials/nav.html``
in the site's ``custom_dir`` (which shadows Syllabus' override, so every page renders its
own nav), and the two sites must be identical. The sites cover what could make one
rendering wrong for another page: nav entries below a course page, a hand-written page in
``courses/``, file URLs (``use_directory_urls: false``) and a site overriding a partial
the nav prints.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from syllabus.plugin.shared_nav import MATERIAL_TEMPLATES, SharedNav

from .conftest import EPOCH, REPO, CatalogDir, plan_data, track_data
from .sitetools import reproducible_files


def build_in_process(config_file: Path, site_dir: Path) -> SharedNav | None:
    config = load_config(str(config_file), site_dir=str(site_dir))
    build(config)
    return config.plugins["syllabus"].shared_nav


def site_bytes(site_dir: Path) -> dict[str, bytes]:
    """Every published file (but the search bundle if it is not reproducible)."""
    return {name: (site_dir / name).read_bytes() for name in reproducible_files(site_dir)}


def with_custom_dir(config_file: Path, folder: Path) -> Path:
    """A copy of ``config_file`` beside it whose theme has ``custom_dir: folder``."""
    text = config_file.read_text(encoding="utf-8")
    assert "  name: material\n" in text and "custom_dir" not in text
    copy = config_file.with_name("mkdocs-custom-dir.yml")
    copy.write_text(text.replace("  name: material\n", f"  name: material\n  custom_dir: {folder}\n"), encoding="utf-8")
    return copy


def build_both_ways(config_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SharedNav:
    """Build with the shared nav, then with Material's nav on every page; assert the sites are identical."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    shared = build_in_process(config_file, tmp_path / "shared")
    material_nav = tmp_path / "material-nav"
    (material_nav / "partials").mkdir(parents=True)
    shutil.copyfile(MATERIAL_TEMPLATES / "partials" / "nav.html", material_nav / "partials" / "nav.html")
    per_page = build_in_process(with_custom_dir(config_file, material_nav), tmp_path / "per-page")
    assert per_page is not None and not per_page.renderings  # the site's own nav.html: no sharing
    shared_site, per_page_site = site_bytes(tmp_path / "shared"), site_bytes(tmp_path / "per-page")
    assert shared_site.keys() == per_page_site.keys()
    assert [path for path in shared_site if shared_site[path] != per_page_site[path]] == []
    assert shared is not None
    return shared


EXAMPLE = ("mkdocs.yml", "docs", "courses", "tracks", "plans", "schemas")  # the example catalog's files


def test_example_site_course_and_unit_pages_share_their_nav(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    example = tmp_path / "example"  # a copy: the second build's mkdocs.yml is written beside the first
    example.mkdir()
    for name in EXAMPLE:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, example / name)
        else:
            shutil.copyfile(REPO / name, example / name)
    shared = build_both_ways(example / "mkdocs.yml", tmp_path, monkeypatch)
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

    # alpha has a nav entry below it (its unit "first"); beta and gamma share one rendering.
    course, unit = ("courses/{}/", "courses/{}/next/") if directory_urls else \
        ("courses/{}/index.html", "courses/{}/next.html")
    assert shared.key_of_url("courses/alpha/first/" if directory_urls else "courses/alpha/first.html") is None
    assert shared.key_of_url(course.format("alpha")) is None
    assert shared.key_of_url(course.format("beta")) == shared.key_of_url(course.format("gamma")) == ("courses", 2)
    if directory_urls:  # a unit page is a folder below its course page
        assert shared.key_of_url(unit.format("alpha")) == ("courses/alpha", 3)
        assert shared.key_of_url(unit.format("beta")) == ("courses/beta", 3)
    else:  # a unit page is a file beside its course page, and alpha's folder holds the deep link
        assert shared.key_of_url(unit.format("alpha")) is None
        assert shared.key_of_url(unit.format("beta")) == ("courses", 2)
    unit_folders = {(f"courses/{course_id}", 3) for course_id in ("alpha", "beta", "gamma")}
    assert set(shared.renderings) == ({("courses", 2)} | unit_folders if directory_urls else {("courses", 2)})


def test_a_site_overriding_a_partial_of_the_nav_renders_it_on_every_page(
    catalog: CatalogDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for course_id in ("alpha", "beta"):
        course_with_units(catalog, course_id)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    overrides = tmp_path / "overrides"
    (overrides / "partials").mkdir(parents=True)
    (overrides / "partials" / "logo.html").write_text("<b class=\"logo\">{{ page.title }}</b>\n", encoding="utf-8")

    shared = build_in_process(with_custom_dir(catalog.config, overrides), tmp_path / "site")

    assert shared is not None and not shared.enabled and not shared.renderings
    for course_id in ("alpha", "beta"):
        html = (tmp_path / "site" / "courses" / course_id / "index.html").read_text(encoding="utf-8")
        assert f'<b class="logo">Course {course_id}</b>' in html
