"""Taxonomy titles and descriptions in several languages: the site's language picks one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from syllabus.core.model import reading_language, reads_as
from syllabus.core.taxonomy import in_language

from .conftest import CatalogDir, CliResult, build_site
from .sitetools import page


@pytest.mark.parametrize(("language", "expected"), [
    ("ja", "管理者"), ("ja-JP", "管理者"), ("en", "Administrator"), ("de", "Administrator"), ("pt-BR", "Administrador"),
])
def test_a_taxonomy_title_in_several_languages_follows_the_site(language: str, expected: str) -> None:
    title = {"pt": "Administrador", "ja": "管理者", "en": "Administrator"}
    assert in_language(title, language) == expected
    assert in_language({"fr": "Administrateur", "ja": "管理者"}, "de") == "Administrateur"  # the first given
    assert in_language("Admin", language) == "Admin"


def test_the_site_language_picks_taxonomy_titles_on_the_pages(catalog: CatalogDir, tmp_path: Path) -> None:
    catalog.course("intro")
    config = catalog.config.read_text(encoding="utf-8").replace(
        "admin: {title: Administrator}", "admin: {title: {en: Administrator, ja: 管理者}, "
        "description: {en: Runs it, ja: 運用する方}}")
    for language, title, description in (("en", "Administrator", "Runs it"), ("ja", "管理者", "運用する方")):
        catalog.write("mkdocs.yml", config.replace("name: material", f"name: material\n  language: {language}"))
        build_site(catalog.config, tmp_path / language)
        course = page(tmp_path / language, "courses/intro/")
        assert course.find("a", href="../../catalog/?role=admin").text == title
        home = page(tmp_path / language, "")
        assert home.find("li", cls="syllabus-role-card").find("p").text == description


def test_control_and_bidi_characters_in_the_options_are_positioned_errors(
        catalog: CatalogDir, tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    """As in content files: a right-to-left override or terminal escape in a role title
    would reach every page, feed and calendar (an ESC breaks the Atom feed's XML)."""
    catalog.course("intro")
    config = catalog.config.read_text(encoding="utf-8").replace(
        "admin: {title: Administrator}", 'admin: {title: {en: "Ad\\u202emin"}, description: "Runs \\e[31mit"}')
    catalog.write("mkdocs.yml", config)
    line = next(number for number, text in enumerate(config.splitlines(), start=1) if "admin:" in text)
    cli = run_cli("validate", "-f", catalog.config)
    assert cli.code == 2
    for key, code, column in (("description", "U+001B", config.splitlines()[line - 1].index('"Runs') + 1),
                              ("title.en", "U+202E", config.splitlines()[line - 1].index('"Ad') + 1)):
        assert (f"mkdocs.yml:{line}:{column}: error: syllabus: roles.admin.{key}: control or bidirectional "
                f"character {code} is not allowed") in cli.err
    assert "\u202e" not in cli.err and "\x1b" not in cli.err
    result = build_site(catalog.config, tmp_path / "site", check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "roles.admin.title.en: control or bidirectional character U+202E" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_title_keyed_by_a_country_code_is_a_positioned_error(
        catalog: CatalogDir, tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    catalog.course("intro")
    config = catalog.config.read_text(encoding="utf-8").replace(
        "admin: {title: Administrator}", "admin: {title: {en: Administrator, jp: 管理者}}")
    catalog.write("mkdocs.yml", config)
    line = next(number for number, text in enumerate(config.splitlines(), start=1) if "admin:" in text)
    column = config.splitlines()[line - 1].index("管理者") + 1  # its text, as for the other option errors
    expected = (f"mkdocs.yml:{line}:{column}: error: syllabus: roles: 'admin.title': 'jp' is not a language code "
                "(JP is Japan: did you mean 'ja'?)")
    cli = run_cli("validate", "-f", catalog.config)
    assert cli.code == 2 and expected in cli.err
    build = build_site(catalog.config, tmp_path / "site", check=False)
    assert build.returncode == 1 and expected in build.stderr


@pytest.mark.parametrize(("tag", "read_as"), [
    ("en", "en"), ("en-GB", "en"), ("EN-us", "en"), ("en-Latn-GB-oxendict-abcdefgh-x1234", "en"),
    ("zh", "zh"), ("zh-CN", "zh"), ("zh-Hans-CN", "zh"), ("zh-TW", "zh-Hant"), ("zh-Hant-TW", "zh-Hant"),
    ("sr", "sr"), ("sr-Latn", "sr-Latn"), ("sr-ME", "sr-Latn"), ("ja-JP", "ja"), ("es-419", "es"),
])
def test_a_language_is_picked_by_its_language_and_any_unusual_script(tag: str, read_as: str) -> None:
    """'en-Latn-GB...' was a filter of its own ("English (Latin)") beside English, and
    'zh-TW' was filtered with simplified Chinese: the script a language usually takes is no
    part of its filter, the one a region implies (CLDR's likely subtags) is."""
    assert reading_language(tag) == read_as
    assert reads_as(tag, read_as) and reads_as(read_as, tag)


def test_traditional_chinese_does_not_read_as_simplified() -> None:
    assert not reads_as("zh-TW", "zh") and not reads_as("zh-Hant", "zh-Hans") and reads_as("zh-Hans", "zh-CN")
