"""The page scripts speak the site's language: their texts come from the page
(#__syllabus-messages) through syllabusText, on the example catalog built in Japanese."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from syllabus.core.messages import load_messages

from ..conftest import CatalogDir, CliResult, build_site, course_data, example_catalog
from .conftest import open_page, serve
from .test_plan_page import PLAN, download

BOOTCAMP = "search-bootcamp-live"  # live sessions, organised in New York and Berlin


@pytest.fixture(scope="module")
def japanese_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example catalog with ``theme.language: ja``; returns its mkdocs.yml."""
    return example_catalog(tmp_path_factory.mktemp("example-ja") / "catalog", "ja")


@pytest.fixture(scope="module")
def japanese_site(japanese_catalog: Path) -> Iterator[str]:
    """The Japanese example catalog built and served at the returned base URL."""
    site = japanese_catalog.parent.parent / "site"
    build_site(japanese_catalog, site)
    with serve(site) as url:
        yield url


def test_the_catalog_counts_in_japanese(page: Any, japanese_site: str) -> None:
    page.goto(japanese_site + "catalog/")
    cards = page.locator("li.syllabus-card")
    total = cards.count()
    expect(page.locator("[data-result-count]")).to_have_text(f"{total}件のコース")
    page.locator("input[name=level][value=beginner]").check()
    expect(page.locator("[data-active-count]")).to_have_text("（1件選択中）")
    expect(page.locator("[data-result-count]")).to_have_text(f"{cards.count()}件のコース")
    # Each filter option's count, as the build wrote it and as the script rewrites it: full-width brackets.
    counts = page.locator("[data-count-for]").all_text_contents()
    assert counts and all(re.fullmatch(r"（\d+）", count) for count in counts), counts
    expect(page.locator("[data-count-for='level=beginner']")).to_have_text(f"（{cards.count()}）")


def test_the_organisers_time_is_named_in_japanese(browser: Any, japanese_site: str) -> None:
    with open_page(browser, timezone_id="Asia/Tokyo") as page:
        page.goto(japanese_site + f"courses/{BOOTCAMP}/")
        organiser = page.locator(".syllabus-session .syllabus-time-secondary").first
        expect(organiser).to_have_text(re.compile(r"^主催者の現地時間: .+（ニューヨーク）$"))


def test_texts_by_count_follow_the_languages_plural_rules(page: Any, example_site: str) -> None:
    page.goto(example_site + "catalog/")
    text = "(values) => window.syllabusText('script.catalog.count', values)"
    assert [page.evaluate(text, {"count": n}) for n in (0, 1, 2)] == ["0 courses", "1 course", "2 courses"]


def test_counts_are_written_as_the_build_writes_them(page: Any, japanese_site: str) -> None:
    """Digit grouping by the language: Intl in the page agrees with Babel in the build."""
    page.goto(japanese_site + "catalog/")
    messages, _ = load_messages("ja")
    for count in (7, 1234, 1234567):
        in_page = page.evaluate("(n) => window.syllabusText('script.catalog.count', {count: n})", count)
        assert in_page == messages.text("script.catalog.count", count=count)
    assert messages.text("script.catalog.count", count=1234) == "1,234件のコース"
    # Every number of a text, not only its count: "48 of 1000 shown" beside "1,000 courses" (stop 42).
    more = page.evaluate("() => window.syllabusText('script.catalog.more', {count: 48, shown: 1048, total: 2000})")
    assert more.count("1,048") == 1 and more.count("2,000") == 1, more


def test_placeholders_are_replaced_never_evaluated(page: Any, example_site: str) -> None:
    page.goto(example_site)
    filled = page.evaluate("() => window.syllabusText('script.catalog.more', "
                           "{count: '{shown}', shown: '$& <b>', total: 'constructor'})")
    assert filled == "Show {shown} more ($& <b> of constructor shown)"
    assert page.evaluate("() => window.syllabusText('script.no.such.key')") == "script.no.such.key"


def test_the_site_search_names_its_filters_in_japanese(page: Any, japanese_site: str) -> None:
    page.goto(japanese_site)
    page.locator("body").press("/")
    page.locator("input.md-search__input").fill("Keystone")
    status = page.locator("[data-syllabus-search-status]")
    expect(status).to_have_text(re.compile(r"\d+.*件"), timeout=20_000)  # Material's own Japanese words
    filters = page.locator("[data-syllabus-search-filters] label")
    expect(filters.first).to_be_visible()
    labels = [label.split()[0] for label in filters.all_inner_texts()]
    assert labels[:2] == ["言語", "役割"]
    expect(page.locator("select[data-facet=level] option").first).to_have_text("すべて")
    expect(page.locator("select[data-facet=level] option[value='初級']")).to_have_count(1)  # the title in Japanese
    expect(page.locator("select[data-facet=language] option[value=en]")).to_have_text("英語")  # as the facets name it


def found(page: Any, site: str, query: str, language: str | None = None) -> tuple[int, set[str]]:
    """What the site search announces for ``query`` (its count, in either language) and the
    paths of the pages it lists; with ``language``, how many and which course pages are in it."""
    page.goto(site)
    page.locator("body").press("/")
    page.locator("input.md-search__input").fill(query)
    status = page.locator("[data-syllabus-search-status]")
    expect(status).to_have_text(re.compile(r"\d"), timeout=20_000)
    expect(page.locator("[data-syllabus-search-results]")).not_to_have_attribute("aria-busy", "true")
    listed = page.locator(".md-search-result__item > .md-search-result__link:first-child").evaluate_all(
        "links => links.map(link => [new URL(link.href).pathname, link.querySelector('article').lang])")
    if language is not None:  # the courses' pages in it (the sites' own pages are in their languages)
        paths = {path for path, lang in listed if lang == language and path.startswith("/courses/")}
        return len(paths), paths
    return int(re.search(r"\d+", status.inner_text()).group()), {path for path, _ in listed}


@pytest.mark.parametrize("query", ["indexes", "permissions", "installing"])
def test_english_words_are_stemmed_on_the_japanese_site_too(page: Any, example_site: str, japanese_site: str,
                                                            query: str) -> None:
    """Courses in English are found by the same English query on either site (a query with
    fewer answers than a page of results, so all of them are compared). Read with the
    Japanese index's rules (no stemmer), "indexes" found 19 pages and "permissions" 11.
    Compared on the English pages: Pagefind may also list a Japanese page for a word's first
    letters ("in" for "indexes", its fallback for a word its index lacks), depending on how
    that index is cut into chunks."""
    english = found(page, example_site, query, "en")
    assert english[0] > 5
    assert found(page, japanese_site, query, "en") == english


@pytest.fixture(scope="module")
def german_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example catalog with ``theme.language: de`` (no texts of Syllabus' own in German),
    built and served at the returned base URL."""
    folder = tmp_path_factory.mktemp("example-de")
    build_site(example_catalog(folder / "catalog", "de"), folder / "site")
    with serve(folder / "site") as url:
        yield url


@pytest.mark.parametrize("query", ["install", "permissions"])
def test_english_words_find_english_courses_alike_on_a_german_site(page: Any, example_site: str,
                                                                   german_site: str, query: str) -> None:
    """Read with German rules (the site's language, which Pagefind stems), "install" found 7
    of the 17 pages the English site lists; the most-paged stemmed language reads queries now.
    Compared on the English course pages, as on the Japanese site: the German index (the home
    page, found by its own words only) lacks "install", and Pagefind may list a page for the
    word's first letters there."""
    english = found(page, example_site, query, "en")
    assert 5 < english[0] <= 20  # a page of results: every one is compared
    assert found(page, german_site, query, "en") == english


@pytest.mark.parametrize("query", ["検索", "インスタンス"])
def test_japanese_words_find_the_same_courses_on_both_sites(page: Any, example_site: str, japanese_site: str,
                                                            query: str) -> None:
    """Both sites segment a Japanese query alike; the Japanese site's own pages (in Japanese
    whatever their course's language) may add to what it finds."""
    english = found(page, example_site, query)
    assert english[0] > 0
    assert english[1] <= found(page, japanese_site, query)[1]


def test_the_zone_list_names_each_place_once(browser: Any, japanese_site: str) -> None:
    """Japan and Asia/Tokyo were both offered as 東京: an old name is accepted, not listed."""
    with open_page(browser) as page:
        page.goto(japanese_site + f"plans/{PLAN}/")
        zones = page.locator("#plan-timezones option").evaluate_all("os => os.map(o => [o.value, o.label])")
        assert ["Asia/Tokyo", "東京"] in zones and not [zone for zone, _ in zones if zone in ("Japan", "Asia/Calcutta")]
        tokyo = [zone for zone, label in zones if label == "東京"]
        assert tokyo == ["Asia/Tokyo"], tokyo
        page.fill("#plan-customer", "Acme")
        page.fill("#plan-start", "2027-01-04")
        page.fill("#plan-timezone", "Japan")  # still accepted
        expect(page.locator("[data-syllabus-plan]")).to_have_attribute("data-personalised", "true")


def test_a_products_name_in_the_sites_language_finds_its_courses(page: Any, japanese_site: str) -> None:
    """一括変更 (Batch changes) found nothing: the course pages named it only in their facts,
    which the index did not read."""
    count, paths = found(page, japanese_site, "一括変更")
    assert count > 0 and "/courses/batch-changes-fundamentals/" in paths, paths


@pytest.mark.parametrize("width", [390, 1366])
def test_plan_days_never_break_inside(browser: Any, japanese_site: str, width: int) -> None:
    """"0日目" and "0〜14日目" are one word each: a narrow column must not stack their characters."""
    with open_page(browser, viewport={"width": width, "height": 900}) as page:
        page.goto(japanese_site + "plans/enterprise-onboarding-90/")
        days = page.locator(".syllabus-day, .syllabus-timeline-bar .syllabus-muted")
        expect(days.first).to_be_visible()
        lines = days.evaluate_all("spans => spans.map(span => [span.textContent, span.getClientRects().length])")
        assert len(lines) > 10
        assert [text for text, count in lines if count != 1] == []


def test_a_zone_is_typed_by_its_city_in_japanese(browser: Any, japanese_site: str, japanese_catalog: Path,
                                                 run_cli: Callable[..., CliResult]) -> None:
    """東京 is also the city of Japan, an old name of Asia/Tokyo: it named no zone."""
    with open_page(browser, timezone_id="Europe/Berlin") as page:
        page.goto(japanese_site + f"plans/{PLAN}/")
        page.fill("#plan-customer", "Acme")
        page.fill("#plan-start", "2027-01-04")
        # Copenhagen's zone is a link to Berlin's in the database, but Copenhagen is its own place.
        for typed, zone in (("東京", "Asia/Tokyo"), ("コペンハーゲン", "Europe/Copenhagen"),
                            ("サンパウロ", "America/Sao_Paulo")):
            page.fill("#plan-timezone", typed)
            expect(page.locator("[data-plan-value='timezone']")).to_have_text(zone)
            expect(page.locator("#plan-timezone")).not_to_have_attribute("aria-invalid", "true")
        cli = run_cli("plan", "-f", japanese_catalog, PLAN, "--customer", "Acme", "--start", "2027-01-04",
                      "--timezone", "サンパウロ", "--format", "ics")
        assert cli.code == 0, cli.err
        assert download(page, "ics")[1] == cli.out


def test_a_list_written_the_other_way_from_the_page_is_indented_from_its_own_side(browser: Any,
                                                                                  tmp_path: Path) -> None:
    """An Arabic course on an English site: its outcomes list (dir="rtl") and the lists of its
    body are indented from the right, where their bullets are; the theme indented them from
    the page's left and the bullets hung past the text's right edge (attack, stop 42)."""
    catalog = CatalogDir.new(tmp_path / "catalog")
    catalog.course("arabic", **course_data("arabic", title="مقدمة", language="ar", outcomes=["البحث", "التصفية"]))
    catalog.write("courses/arabic/index.md", "## الخطوات\n\n- الأولى\n- الثانية\n")
    catalog.course("english", **course_data("english", outcomes=["Search", "Filter"]))
    build_site(catalog.config, tmp_path / "site")
    margins = """lists => lists.map(list => {
        const ul = getComputedStyle(list), li = getComputedStyle(list.children[0]);
        return [ul.marginLeft, ul.marginRight, li.marginLeft, li.marginRight]; })"""
    with serve(tmp_path / "site") as url, open_page(browser, viewport={"width": 390, "height": 844}) as page:
        page.goto(url + "courses/arabic/")
        rtl = page.locator(".md-typeset ul[dir=rtl], .md-typeset div[dir=rtl] ul").evaluate_all(margins)
        assert len(rtl) == 2 and all(sides == ["0px", "10px", "0px", "20px"] for sides in rtl), rtl
        page.goto(url + "courses/english/")  # the page's own direction: as the theme has it
        assert page.locator(".md-typeset ul:not(.syllabus-session-list)").first.evaluate_all(margins) == [
            ["10px", "0px", "20px", "0px"]]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_folded_disclosure_points_the_way_its_text_runs(browser: Any, tmp_path: Path, language: str) -> None:
    """On an Arabic site the folded filters pointed right, away from the text they unfold
    (found by a review); they point the way the page reads, and down when open."""
    folder = tmp_path / language
    build_site(example_catalog(folder / "catalog", language), folder / "site", strict=False)
    marker = "element => getComputedStyle(element, '::before').content"
    with serve(folder / "site") as url, open_page(browser, viewport={"width": 390, "height": 844}) as page:
        page.goto(url + "catalog/")
        summary = page.locator("[data-filter-panel] > summary")
        assert summary.evaluate(marker) == ('"◂" / ""' if language == "ar" else '"▸" / ""')
        summary.click()
        assert summary.evaluate(marker) == '"▾" / ""'
