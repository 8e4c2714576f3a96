"""The message catalog: English as the reference, translations checked against it, site
overrides positioned, plural forms by the language's own rules."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from syllabus.core.locale_format import LocaleFormat
from syllabus.core.messages import (
    ENGLISH,
    PACKAGE_LOCALES,
    fill,
    load_messages,
    missing_keys,
    read_catalog,
)

from .conftest import CatalogDir, CliResult, build_site
from .sitetools import html_pages, page, parse_html


def test_english_is_the_complete_reference() -> None:
    catalog = read_catalog(PACKAGE_LOCALES / "en.yml", "en.yml", reference=None)
    assert catalog.diagnostics == []
    assert missing_keys("en") == []
    assert ENGLISH.text("course.program_weeks", count=1) == "over 1 week"
    assert ENGLISH.text("course.program_weeks", count=3) == "over 3 weeks"


@pytest.mark.parametrize("language", sorted(path.stem for path in PACKAGE_LOCALES.glob("*.yml")))
def test_shipped_translations_are_complete_and_well_formed(language: str) -> None:
    messages, problems = load_messages(language)
    assert problems == []
    assert missing_keys(language) == []
    assert read_catalog(PACKAGE_LOCALES / f"{language}.yml", language, ENGLISH.texts).diagnostics == []
    assert messages.language == language


def test_counts_are_grouped_the_languages_way() -> None:
    german, _ = load_messages("de")
    assert ENGLISH.text("course.program_weeks", count=1200) == "over 1,200 weeks"
    assert german.text("course.program_weeks", count=1200) == "over 1.200 weeks"  # English text, German digits


def test_japanese_has_no_plural_forms_and_its_own_words() -> None:
    messages, _ = load_messages("ja")
    assert messages.text("course.program_weeks", count=1) == messages.text("course.program_weeks", count=1)
    assert messages.text("course.level") != ENGLISH.text("course.level")


def test_a_region_falls_back_to_its_language_then_english(tmp_path: Path) -> None:
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "pt.yml").write_text("course.level: Nível\n", encoding="utf-8")
    (tmp_path / "locales" / "pt-BR.yml").write_text("course.format: Formato\n", encoding="utf-8")
    messages, problems = load_messages("pt-BR", tmp_path)
    assert problems == []
    assert (messages.text("course.level"), messages.text("course.format")) == ("Nível", "Formato")
    assert messages.text("course.duration") == "Duration"
    assert "course.duration" in missing_keys("pt-BR", tmp_path)
    assert "course.level" not in missing_keys("pt-BR", tmp_path)


def test_a_site_overrides_a_shipped_text(tmp_path: Path) -> None:
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "ja.yml").write_text('course.level: "難易度"\n', encoding="utf-8")
    messages, problems = load_messages("ja", tmp_path)
    assert problems == [] and messages.text("course.level") == "難易度"


def test_site_mistakes_are_positioned_and_english_stands_in(tmp_path: Path) -> None:
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "de.yml").write_text(
        "course.levle: Stufe\n"
        "course.format: Format {kind}\n"
        "course.program_weeks: {one: 'eine Woche'}\n"
        "course.for: [Für]\n"
        "nav.catalog: {one: Katalog, other: Kataloge}\n"
        "course.level: Stufe\n"
        "course.level: Niveau\n"  # the first was kept, silently
        "session.in_zone: '{time.__class__} ({zone})'\n"  # shown as written on every page: no placeholder
        "course.cohort: {one: '{count Person', other: '{count} Personen'}\n",
        encoding="utf-8",
    )
    messages, problems = load_messages("de", tmp_path)
    assert [(p.path, p.line, p.column, p.rule) for p in sorted(problems, key=lambda p: p.line)] == [
        ("locales/de.yml", 1, 1, "messages-key"),
        ("locales/de.yml", 2, 16, "messages-placeholder"),
        ("locales/de.yml", 3, 23, "messages-plural"),
        ("locales/de.yml", 4, 13, "messages-text"),
        ("locales/de.yml", 5, 14, "messages-text"),
        ("locales/de.yml", 7, 1, "yaml-duplicate-key"),
        ("locales/de.yml", 8, 18, "messages-placeholder"),
        ("locales/de.yml", 9, 16, "messages-placeholder"),
    ]
    problems = sorted(problems, key=lambda p: p.line)
    assert problems[4].message == "message 'nav.catalog' is one text, not one per count"
    assert "did you mean 'course.level'" in problems[0].message
    assert problems[0].hint == "`syllabus strings de` prints every key with its text"
    assert problems[5].severity == "error"
    assert messages.text("course.format") == "Format"


def test_placeholders_are_replaced_never_evaluated() -> None:
    assert fill("{count} weeks, {count.__class__} {0} {missing}", {"count": 2}) == (
        "2 weeks, {count.__class__} {0} {missing}")


def test_the_site_language_and_overrides_reach_the_pages(catalog: CatalogDir, tmp_path: Path) -> None:
    catalog.course("intro")
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8").replace(
        "name: material", "name: material\n  language: ja"))
    catalog.write("locales/ja.yml", 'course.level: "難易度"\n')
    build_site(catalog.config, tmp_path / "site")
    page = (tmp_path / "site" / "courses" / "intro" / "index.html").read_text(encoding="utf-8")
    assert ">難易度</dt>" in page and ">形式</dt>" in page and ">Level</dt>" not in page


def test_a_mistake_in_the_sites_texts_fails_the_build_and_the_cli(catalog: CatalogDir, tmp_path: Path,
                                                                  run_cli: Callable[..., CliResult]) -> None:
    catalog.course("intro")
    catalog.write("locales/en.yml", "course.levle: Stage\n")
    result = build_site(catalog.config, tmp_path / "site", check=False)
    assert result.returncode != 0
    assert "locales/en.yml:1:1: error: unknown message 'course.levle' (did you mean 'course.level'?)" in result.stderr
    assert not (tmp_path / "site" / "courses").exists()
    # A content error like any other: reported with the rest, then the summary line.
    catalog.write("courses/intro/course.yml", catalog.config.parent.joinpath("courses/intro/course.yml")
                  .read_text(encoding="utf-8").replace("level: beginner", "level: expert"))
    cli = run_cli("validate", "-f", catalog.config)
    assert cli.code == 1, cli.err
    lines = cli.out.splitlines()
    assert lines[0].startswith("courses/intro/course.yml:") and "'expert'" in lines[0]
    assert lines[1].startswith("locales/en.yml:1:1: error: unknown message 'course.levle'")
    assert lines[2].startswith("2 errors, 0 warnings in ")


def test_every_page_carries_the_page_scripts_texts(catalog: CatalogDir, tmp_path: Path) -> None:
    catalog.course("intro")
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8").replace(
        "name: material", "name: material\n  language: ja"))
    hostile = "</script><script>alert(1)</script><!-- & '"  # (U+2028 is refused, as in every content file)
    catalog.write("locales/ja.yml", f"script.search.dialog: {json.dumps(hostile)}\n")
    build_site(catalog.config, tmp_path / "site")
    messages, _ = load_messages("ja", catalog.root)
    expected = {"language": "ja", "texts": messages.for_scripts(), "formats": LocaleFormat(messages).for_scripts(),
                "languages": {"ja": "日本語"},  # the catalog's, named as its language filter names them
                # The terms the catalog's content names, in the taxonomy's order (not a draft's product).
                "facet_order": {"role": ["Administrator"], "level": ["初級"], "format": ["自己学習"], "product": []},
                "search_facets": ["language", "role", "level", "format", "product"]}  # the site search's, in order
    assert expected["texts"]["script.search.dialog"] == hostile
    assert expected["texts"]["script.catalog.count"] == "{count}件のコース"
    pages = dict(html_pages(tmp_path / "site"))
    assert {"", "catalog/", "courses/intro/", "404.html"} <= set(pages)
    for url, document in pages.items():
        carriers = document.find_all("script", id="__syllabus-messages")
        assert len(carriers) == 1, url
        assert carriers[0].attrs["type"] == "application/json"
        assert json.loads(carriers[0].raw_text) == expected, url
        assert not [s for s in document.find_all("script") if "alert(1)" in s.raw_text and s is not carriers[0]]


def test_strings_check_passes_for_the_shipped_japanese(catalog: CatalogDir, run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("strings", "ja", "--check", "-f", catalog.config)
    assert (result.code, result.out) == (0, "")
    assert result.err == f"ja: all {len(ENGLISH.texts)} texts translated\n"


def test_strings_check_lists_what_a_partial_translation_lacks(catalog: CatalogDir,
                                                             run_cli: Callable[..., CliResult]) -> None:
    catalog.write("locales/de.yml", "course.level: Stufe\n"
                                    "course.program_weeks: {one: 'über {count} Woche', other: 'über {count} Wochen'}\n")
    result = run_cli("strings", "de", "--check", "-f", catalog.config)
    missing = result.out.splitlines()
    assert result.code == 1
    assert missing == [key for key in ENGLISH.texts if key not in ("course.level", "course.program_weeks")]
    assert result.err == f"de: {len(missing)} of {len(ENGLISH.texts)} texts missing; readers see them in English\n"
    # The catalog printed for translators is a valid site file: saved, it checks the same.
    printed = run_cli("strings", "de", "-f", catalog.config)
    assert printed.code == 0
    assert "\ncourse.level: Stufe\n" in printed.out and "\n# course.facts: Course facts\n" in printed.out
    catalog.write("locales/de.yml", printed.out)
    messages, problems = load_messages("de", catalog.root)
    assert problems == [] and messages.text("course.program_weeks", count=2) == "über 2 Wochen"
    assert run_cli("strings", "de", "--check", "-f", catalog.config).out == "".join(f"{key}\n" for key in missing)


def test_strings_refuses_a_bad_tag_and_a_broken_site_file(catalog: CatalogDir,
                                                         run_cli: Callable[..., CliResult]) -> None:
    assert run_cli("strings", "de!", "--check", "-f", catalog.config).code == 2
    catalog.write("locales/de.yml", "course.levle: Stufe\n")
    result = run_cli("strings", "de", "--check", "-f", catalog.config)
    assert result.code == 2
    assert result.err.startswith("locales/de.yml:1:1: error: unknown message 'course.levle'")


def test_a_site_rewords_texts_on_every_kind_of_page_and_they_stay_text(catalog: CatalogDir, tmp_path: Path) -> None:
    catalog.course("intro")
    catalog.write("locales/en.yml", 'nav.catalog: "Courses <b>"\n'
                                    'notfound.title: "Lost? <script>alert(1)</script>"\n'
                                    'catalog.title: "All our courses & more"\n'
                                    "script.catalog.count: {one: '{count} offer', other: '{count} offers'}\n")
    build_site(catalog.config, tmp_path / "site")
    site = tmp_path / "site"
    missing = parse_html((site / "404.html").read_text(encoding="utf-8"))
    assert missing.find("h1").text == "Lost? <script>alert(1)</script>"  # text, in the theme's own environment
    assert not [s for s in missing.find_all("script") if "alert(1)" in s.raw_text]
    listing = page(site, "catalog/")
    assert listing.find("h1").text == "All our courses & more"
    assert listing.find("p", data_result_count=True).text == "1 offer"
    assert "Courses <b>" in [link.text for link in page(site, "").find_all("a", cls="md-nav__link")]


def test_every_translation_of_the_site_is_checked_whatever_language_it_builds(
        catalog: CatalogDir, run_cli: Callable[..., CliResult]) -> None:
    catalog.course("intro")
    catalog.write("locales/ja.yml", "course.level: 難易度\ncourse.levle: 難易度\n")
    catalog.write("locales/de.yml", "course.level: {one: Stufe, other: Stufen}\n")
    catalog.write("locales/notes.txt", "not a catalog of texts\n")
    cli = run_cli("validate", "-f", catalog.config)  # an English site
    assert cli.code == 1
    assert [line.split(": error: ")[0] for line in cli.out.splitlines()[:-1]] == [
        "locales/de.yml:1:15", "locales/ja.yml:2:1"]


def test_files_in_locales_that_no_build_reads_are_named(catalog: CatalogDir,
                                                        run_cli: Callable[..., CliResult]) -> None:
    catalog.course("intro")
    catalog.write("locales/en.yaml", "list.separator: ' / '\n")
    catalog.write("locales/japanese.yml", "course.level: 難易度\n")
    catalog.write("locales/ja.yml/texts.yml", "course.level: 難易度\n")
    catalog.write("locales/README.md", "How we translate.\n")
    cli = run_cli("validate", "-f", catalog.config)
    assert cli.code == 0
    assert cli.out.splitlines()[:-1] == [
        "locales/en.yaml:1:1: warning: not read: the site's texts are in locales/<language>.yml files; "
        "rename it to en.yml",
        "locales/ja.yml:1:1: warning: not read: the site's texts are in locales/<language>.yml files; "
        "rename it to <language>.yml, such as ja.yml",
        "locales/japanese.yml:1:1: warning: not read: the site's texts are in locales/<language>.yml files; "
        "rename it to <language>.yml, such as ja.yml",
    ]
    assert run_cli("validate", "--strict", "-f", catalog.config).code == 1


def test_a_symlinked_locales_folder_is_refused(catalog: CatalogDir, tmp_path: Path,
                                               run_cli: Callable[..., CliResult]) -> None:
    catalog.course("intro")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "en.yml").write_text("nav.catalog: Courses\n", encoding="utf-8")
    (catalog.root / "locales").symlink_to(outside, target_is_directory=True)
    cli = run_cli("validate", "-f", catalog.config)
    assert cli.code == 1 and "locales:1:1: error: locales/ must not be a symlink" in cli.out


@pytest.mark.parametrize(("language", "warned"), [("de", True), ("pt-BR", True), ("en", False), ("ja", False)])
def test_a_site_language_syllabus_has_no_texts_in_is_a_positioned_warning(
        catalog: CatalogDir, run_cli: Callable[..., CliResult], language: str, warned: bool) -> None:
    """A German site got English filters and facts beside German theme words and dates, and
    neither validate nor the build said so."""
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8").replace(
        "theme:\n  name: material\n", f"theme:\n  name: material\n  language: {language}\n"))
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 0
    warning = (f"mkdocs.yml:5:13: warning: Syllabus has no texts in '{language}': its own words (filters, course "
               f"facts, session lines) are English on pages whose theme, dates and language names are in "
               f"'{language}' (hint: start a translation with `mkdir -p locales && syllabus strings {language} > "
               f"locales/{language}.yml`, then translate its entries)")
    assert (warning in result.out) is warned, result.out
    if not warned:
        return
    # The hint, as a shell runs it: the file is emptied before `strings` reads it.
    hint = re.search(r"`(mkdir -p locales && syllabus strings .*?)`", result.out).group(1)
    subprocess.run(hint.replace("syllabus ", f"{sys.executable} -m syllabus ", 1) + f" -f {catalog.config}",
                   shell=True, cwd=catalog.root, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    started = catalog.root / "locales" / f"{language}.yml"
    assert "# course.level: Level" in started.read_text(encoding="utf-8")  # all of it English, commented out
    still = run_cli("validate", "-f", catalog.config)
    assert still.code == 0 and "0 errors, 1 warning" in still.out and warning in still.out  # nothing translated
    started.write_text("course.level: Stufe\n", encoding="utf-8")  # a translation begun
    assert "no texts in" not in run_cli("validate", "-f", catalog.config).out
