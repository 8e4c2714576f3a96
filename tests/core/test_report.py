"""The report's lookup of the error already at a place (restate, extend_error), kept as an
index as diagnostics are added: it must answer as a scan of the whole list would, however
the list changed in between."""

from __future__ import annotations

from syllabus.core.report import MORE_PROBLEMS_RULE, Report
from syllabus.core.yamlsafe import load_text

SOURCE = "courses/intro/course.yml"
TEXT = "id: intro\ntitle: Intro\nlevel: expert\nformat: nonsense\n"


def report_with_errors() -> Report:
    report = Report()
    report.documents[SOURCE] = load_text(TEXT)
    report.on(SOURCE, ("level",), "schema says level", "schema-enum")
    report.on(SOURCE, ("format",), "schema says format", "schema-enum")
    return report


def messages(report: Report) -> list[tuple[int, int, str]]:
    return sorted((d.line, d.column, d.message) for d in report.diagnostics)


def test_a_restated_error_replaces_the_one_at_its_place_however_the_list_changed() -> None:
    report = report_with_errors()
    report.restate(SOURCE, ("level",), "level: 'expert' is not a level", "level")
    report.discard(lambda diagnostic: diagnostic.line == 3)  # the level's, now out of the list
    report.restate(SOURCE, ("format",), "format: 'nonsense' is not a format", "format")  # found after the discard
    assert report.extend_error(SOURCE, ("format",), " (did you mean 'self-paced'?)")
    report.restate(SOURCE, ("title",), "title: too short", "title")  # none there: a new one
    assert messages(report) == [(2, 8, "title: too short"),
                                (4, 9, "format: 'nonsense' is not a format (did you mean 'self-paced'?)")]


def test_a_restatement_to_the_key_moves_it_and_the_next_lookup_still_finds_the_others() -> None:
    report = report_with_errors()
    report.restate(SOURCE, ("level",), "level: not allowed here", "level", to_key=True)
    report.diagnostics.extend(report_with_errors().diagnostics[1:])  # appended as the file cache does
    report.restate(SOURCE, ("format",), "format: restated", "format")
    assert messages(report) == [(3, 1, "level: not allowed here"), (4, 9, "format: restated"),
                                (4, 9, "schema says format")]  # the first error at a place is the one restated


def test_the_note_of_more_problems_is_never_the_error_restated() -> None:
    report = Report()
    report.documents[SOURCE] = load_text(TEXT)
    report.on(SOURCE, ("level",), "more problems follow", MORE_PROBLEMS_RULE)
    report.restate(SOURCE, ("level",), "level: 'expert' is not a level", "level")
    assert messages(report) == [(3, 8, "level: 'expert' is not a level"), (3, 8, "more problems follow")]
