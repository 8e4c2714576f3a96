"""The session-request link gets the visitor's time zone from the page script."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from ..conftest import MKDOCS_TEMPLATE, CatalogDir, build_site, course_data
from .conftest import open_page, serve


@pytest.fixture(scope="module")
def feedback_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    catalog = CatalogDir(tmp_path_factory.mktemp("feedback-catalog"))
    catalog.write("mkdocs.yml", MKDOCS_TEMPLATE.format(audience="public")
                  + "      feedback: https://github.com/acme/academy\n")
    catalog.write("docs/index.md", "# Welcome\n")
    catalog.course("intro", course_data("intro"))
    site = Path(tmp_path_factory.mktemp("feedback-site"))
    build_site(catalog.config, site)
    with serve(site) as url:
        yield url


def _session_query(page: object) -> dict[str, list[str]]:
    href = page.get_attribute("a[data-syllabus-feedback=session]", "href")
    return parse_qs(urlsplit(href).query, keep_blank_values=True)


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/Los_Angeles"])
def test_the_visitor_time_zone_is_filled_in(browser, feedback_site: str, zone: str) -> None:
    with open_page(browser, timezone_id=zone) as page:
        page.goto(feedback_site + "courses/intro/")
        query = _session_query(page)
        assert query["time-zone"] == [zone]
        assert query["item-id"] == ["intro"]
        # Material's instant navigation runs the script again on each page: the zone is added once.
        page.evaluate("() => document$.next(document)")
        assert _session_query(page)["time-zone"] == [zone]


def test_without_javascript_the_zone_is_left_for_the_visitor(browser, feedback_site: str) -> None:
    with open_page(browser, java_script_enabled=False, timezone_id="Asia/Tokyo") as page:
        page.goto(feedback_site + "courses/intro/")
        assert _session_query(page)["time-zone"] == [""]


@pytest.mark.parametrize("width", [390, 1366])
def test_the_links_are_spaced_buttons_on_every_width(browser, feedback_site: str, width: int) -> None:
    with open_page(browser, viewport={"width": width, "height": 900}) as page:
        page.goto(feedback_site + "courses/intro/")
        links = page.locator(".syllabus-feedback")
        assert links.evaluate("element => getComputedStyle(element).display") == "flex"
        assert links.evaluate("element => getComputedStyle(element).rowGap") == "10px"  # 0.5rem
