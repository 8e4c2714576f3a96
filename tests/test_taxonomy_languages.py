"""Taxonomy titles and descriptions in several languages: the site's language picks one."""

from __future__ import annotations

from pathlib import Path

import pytest
from syllabus.core.taxonomy import in_language

from .conftest import CatalogDir, build_site
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
