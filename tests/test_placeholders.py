"""Scaffold placeholders cannot go public: ``syllabus new`` marks its filler text, and the
validator (so also the build) rejects any left in a public, non-draft course, track or plan,
naming the field and its line. In drafts they are warnings."""

from __future__ import annotations

import re

from .conftest import CatalogDir, build_site

SCAFFOLDS = (("course", "intro-to-search", "courses/intro-to-search/course.yml"),
             ("track", "admin-start", "tracks/admin-start.yml"),
             ("plan", "first-30-days", "plans/first-30-days.yml"))
# The fields holding placeholder text in each scaffold `syllabus new` writes.
EXPECTED = {
    "courses/intro-to-search/course.yml": {"summary", "outcomes[0]"},
    "tracks/admin-start.yml": {"summary", "outcomes[0]"},
    "plans/first-30-days.yml": {"summary", "outcomes[0]", "milestones[0].success_criteria"},
}
POSITIONED = re.compile(r"(?P<path>[\w./-]+\.yml):(?P<line>\d+):(?P<column>\d+): (?P<severity>\w+): (?P<field>[^:]+): "
                        r"still holds placeholder text", re.MULTILINE)


def _publish_only_status_and_visibility(catalog: CatalogDir, run_cli) -> None:
    for kind, item_id, path in SCAFFOLDS:
        assert run_cli("new", kind, item_id, "--owner", "@trainer", "-f", catalog.config).code == 0
        file = catalog.root / path
        text = file.read_text(encoding="utf-8")
        published = text.replace("status: draft", "status: active").replace("visibility: internal",
                                                                             "visibility: public")
        assert published.count("\n") == text.count("\n") and published != text
        file.write_text(published, encoding="utf-8")


def _named(output: str, catalog: CatalogDir) -> dict[str, set[str]]:
    """Placeholder fields per file, checking each reported line really holds the placeholder."""
    found: dict[str, set[str]] = {}
    for match in POSITIONED.finditer(output):
        assert match["severity"] == "error"
        line = (catalog.root / match["path"]).read_text(encoding="utf-8").splitlines()[int(match["line"]) - 1]
        assert "Replace me:" in line[int(match["column"]) - 1:]
        found.setdefault(match["path"], set()).add(match["field"])
    return found


def test_published_scaffolds_fail_validation_naming_each_placeholder(catalog: CatalogDir, run_cli) -> None:
    _publish_only_status_and_visibility(catalog, run_cli)
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 1
    assert _named(result.out, catalog) == EXPECTED
    assert re.search(r"^courses/intro-to-search/index\.md:1:1: error: .*placeholder", result.out, re.MULTILINE)


def test_published_scaffolds_fail_the_strict_build(catalog: CatalogDir, run_cli, tmp_path) -> None:
    _publish_only_status_and_visibility(catalog, run_cli)
    result = build_site(catalog.config, tmp_path / "site", check=False)
    assert result.returncode != 0
    assert _named(result.stderr, catalog) == EXPECTED
    assert not (tmp_path / "site" / "courses" / "intro-to-search").exists()


def test_placeholders_in_drafts_are_warnings(catalog: CatalogDir, run_cli) -> None:
    for kind, item_id, _ in SCAFFOLDS:
        assert run_cli("new", kind, item_id, "--owner", "@trainer", "-f", catalog.config).code == 0
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 0
    fields = {(m["path"], m["field"], m["severity"]) for m in re.finditer(
        r"^(?P<path>\S+):\d+:\d+: (?P<severity>\w+): (?P<field>[^:]+): still holds", result.out, re.MULTILINE)}
    assert fields == {(path, field, "warning") for path, names in EXPECTED.items() for field in names}
    assert "(hint: fine while unpublished; write the real text before it goes public" in result.out
    assert "keep it unpublished with status: draft" not in result.out  # it is a draft already
    assert run_cli("validate", "--strict", "-f", catalog.config).code == 1


def test_drafts_scaffolds_build_on_both_sites_and_finished_pages_with_placeholders_fail(
        catalog: CatalogDir, run_cli, tmp_path) -> None:
    """A scaffolded draft can be merged unfinished: the public site does not publish it, and
    the internal site (and the pull request's preview built from it) shows it as the draft it
    is, its placeholders warnings there too (the preview refused every page of a new course).
    A finished internal course the internal site publishes with a placeholder fails it."""
    catalog.course("live-course")
    for kind, item_id, _ in SCAFFOLDS:
        assert run_cli("new", kind, item_id, "--owner", "@trainer", "-f", catalog.config).code == 0
    public = build_site(catalog.config, tmp_path / "public", verbose=True)
    assert "courses/intro-to-search/course.yml" in public.stderr  # still said, at info level
    internal = build_site(catalog.config, tmp_path / "internal", env={"SYLLABUS_AUDIENCE": "internal"}, verbose=True)
    assert "courses/intro-to-search/index.md:1:1: warning: this page still holds placeholder text" in internal.stderr
    assert (tmp_path / "internal/courses/intro-to-search/index.html").is_file()
    course = catalog.root / "courses/intro-to-search/course.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("status: draft", "status: active"), encoding="utf-8")
    finished = build_site(catalog.config, tmp_path / "finished", check=False, env={"SYLLABUS_AUDIENCE": "internal"})
    assert finished.returncode == 1
    assert "courses/intro-to-search/index.md:1:1: error: this page still holds placeholder text" in finished.stderr
    assert "courses/intro-to-search/course.yml:" in finished.stderr and not (tmp_path / "finished").exists()
