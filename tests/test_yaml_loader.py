"""The strict YAML loader (``syllabus.core.yamlsafe``), unit by unit.

The loader has two ways of reading a file: a fast path where libyaml composes the whole tree
in C (only for files without ``&``, ``*`` or ``!`` and provably shallow nesting) and an event
path that checks every parser event as it arrives. Both must enforce the same rules with the
same positions, so every case that can run on both runs on both: the event path is forced by
appending a comment holding ``& * !``, which changes no line or column of the content, and a
spy on the two builders proves which one ran.

Positions are 1-based (line, column) and were counted by hand from the literal YAML text.
"""

from __future__ import annotations

import math
import os
import random
import re
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from syllabus.core import yamlsafe
from syllabus.core.yamlsafe import (
    MAX_BYTES,
    MAX_CHARACTER_PROBLEMS,
    MAX_DUPLICATE_KEYS,
    MAX_NOT_PLAIN_DATA,
    SymlinkRefused,
    YamlDocument,
    YamlRejected,
    load_file,
    load_text,
    read_text,
)

from .conftest import EPOCH, MKDOCS_TEMPLATE, REPO

FORCE_EVENT_PATH = "# a comment with & * ! sends the file down the event path\n"
PATHS = ["fast", "event"]
BUILDER = {"fast": "_NodeBuilder", "event": "_EventBuilder"}

Problem = tuple[int, int, str, str]  # line, column, rule, message


def problems_of(error: YamlRejected | YamlDocument) -> list[Problem]:
    return [(p.line, p.column, p.rule, p.message) for p in error.problems]


@pytest.fixture
def builders_used(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the builders that ran, in order (a spy on both ``build`` methods)."""
    used: list[str] = []
    for cls in (yamlsafe._NodeBuilder, yamlsafe._EventBuilder):

        def build(self: Any, _original: Callable[..., Any] = cls.build, _name: str = cls.__name__) -> Any:
            used.append(_name)
            return _original(self)

        monkeypatch.setattr(cls, "build", build)
    return used


@pytest.fixture
def load_on(builders_used: list[str], monkeypatch: pytest.MonkeyPatch) -> Callable[[str, str], YamlDocument]:
    """``load_on(path, text)``: load ``text`` on the ``fast`` or ``event`` path, proving which ran.

    The event path is forced by declaring the file not provably shallow, which changes no
    position (a ``& * !`` comment would move errors reported at the end of the file)."""

    def load(path: str, text: str) -> YamlDocument:
        builders_used.clear()
        with monkeypatch.context() as patch:
            if path == "event":
                patch.setattr(yamlsafe, "is_shallow", lambda text: False)
            try:
                return load_text(text)
            finally:
                # A file the event path rejects is read again by the pure-Python parser (the
                # same builder), so libyaml's own limits never decide what is reported; one
                # the fast path finds no YAML is read again by the event path, for the
                # problems before the error.
                assert builders_used[0] == BUILDER[path], f"expected the {path} path, ran {builders_used}"
                assert set(builders_used) <= {BUILDER[path], "_EventBuilder"}, builders_used

    return load


def rejected_on(load: Callable[[str, str], YamlDocument], path: str, text: str) -> list[Problem]:
    with pytest.raises(YamlRejected) as caught:
        load(path, text)
    return problems_of(caught.value)


# --------------------------------------------------------------------------------------------
# Plain data loads, with positions for values and keys
# --------------------------------------------------------------------------------------------

PLAIN = """\
id: intro
title: "Intro: search"
roles: [admin, end-user]
units:
  - title: First steps
    file: 01.md
    minutes: 15
"""


@pytest.mark.parametrize("path", PATHS)
def test_plain_data_loads_with_value_and_key_positions(load_on, path):
    doc = load_on(path, PLAIN)
    assert doc.data == {
        "id": "intro",
        "title": "Intro: search",
        "roles": ["admin", "end-user"],
        "units": [{"title": "First steps", "file": "01.md", "minutes": 15}],
    }
    assert doc.problems == []
    assert doc.marks[("id",)] == (1, 5)
    assert doc.marks[("title",)] == (2, 8)
    assert doc.marks[("roles",)] == (3, 8)
    assert doc.marks[("roles", 1)] == (3, 16)
    assert doc.marks[("units",)] == (5, 3)
    assert doc.marks[("units", 0)] == (5, 5)
    assert doc.marks[("units", 0, "minutes")] == (7, 14)
    assert doc.key_marks[("units",)] == (4, 1)
    assert doc.key_marks[("units", 0, "file")] == (6, 5)
    assert doc.sources == {("units", 0, "minutes"): "15"}
    assert doc.locate(("units", 0, "nope")) == (5, 5)  # a missing key is placed at its mapping


def test_the_example_catalog_takes_the_fast_path(builders_used):
    """Typical course files really use the C path (otherwise the fast-path cases test nothing)."""
    files = sorted(REPO.glob("courses/*/course.yml"))
    assert files
    for file in files:
        builders_used.clear()
        load_file(file)
        assert builders_used == ["_NodeBuilder"], file


# --------------------------------------------------------------------------------------------
# Scalars are typed the YAML 1.2 core way (stricter: no leading-zero numbers)
# --------------------------------------------------------------------------------------------

TYPED = [
    ("no", "no"), ("yes", "yes"), ("on", "on"), ("off", "off"), ("y", "y"), ("n", "n"), ("NO", "NO"),
    ("true", True), ("True", True), ("TRUE", True), ("false", False), ("FALSE", False),
    ("~", None), ("null", None), ("Null", None), ("NULL", None), ("", None),
    ("2024-01-05", "2024-01-05"), ("2026-12-03T16:00", "2026-12-03T16:00"), ("2026-02-30", "2026-02-30"),
    ("1:30", "1:30"), ("12:30:00", "12:30:00"), ("190:20:30", "190:20:30"),
    ("0123", "0123"), ("007", "007"), ("00", "00"), ("1_000", "1_000"), ("0b101", "0b101"), ("+0123", "+0123"),
    ("0", 0), ("60", 60), ("-7", -7), ("+1", 1), ("0o17", 15), ("0x1F", 31),
    ("1.10", 1.1), ("-.5", -0.5), ("1e3", 1000.0), ("1.5E-2", 0.015), (".inf", math.inf), ("-.Inf", -math.inf),
    ("'1.10'", "1.10"), ('"60"', "60"), ("'no'", "no"), ("'null'", "null"), ('"true"', "true"),
    ("|\n  two\n  lines", "two\nlines\n"), (">-\n  folded\n  text", "folded text"),
]  # fmt: skip


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("source", "expected"), TYPED, ids=[repr(s) for s, _ in TYPED])
def test_scalars_are_typed_the_yaml_1_2_core_way(load_on, path, source, expected):
    doc = load_on(path, f"value: {source}\n")
    value = doc.data["value"]
    assert value == expected
    assert type(value) is type(expected)
    if not isinstance(expected, str) and source[:1] not in ("'", '"'):
        assert doc.sources[("value",)] == source  # kept for messages like "'1.10' is a number"
    else:
        assert ("value",) not in doc.sources


@pytest.mark.parametrize("path", PATHS)
def test_nan_is_a_float_and_typing_applies_inside_lists(load_on, path):
    doc = load_on(path, "value: .nan\nlist: [no, 0123, 1:30, 2024-01-05, 42]\n")
    assert math.isnan(doc.data["value"])
    assert doc.data["list"] == ["no", "0123", "1:30", "2024-01-05", 42]
    assert doc.sources == {("value",): ".nan", ("list", 4): "42"}


def test_the_pure_python_parser_types_and_positions_like_libyaml(monkeypatch):
    """Without libyaml the loader falls back to PyYAML's pure-Python parser, whose plain
    scalars have style None instead of ''. It used to read every number as text."""
    texts = [
        PLAIN,
        "a: 0123\nb: 1:30\nc: 2024-01-05\nd: no\ne: 0o17\nf: 1.10\ng: true\nh: ~\ni: '7'\nj: |\n  x\n",
        "a: 1\nb: [1, {c: 2, c: 3}]\na: 2\n",
    ]
    expected = [load_text(t) for t in texts]
    rejected = ["a: &x 1\n", "a: *x\n", "a: !!str 1\n", "a: 1\n---\nb: 2\n", "1: a\n", "<<: {a: 1}\n", "- a\n"]
    expected_rejections = [rejected_problems(t) for t in rejected]
    monkeypatch.setattr(yamlsafe, "_Parser", yamlsafe._PyParser)
    for text, want in zip(texts, expected, strict=True):
        got = load_text(text)
        assert (got.data, got.marks, got.key_marks, got.sources, got.problems) == (
            want.data, want.marks, want.key_marks, want.sources, want.problems)
    assert [rejected_problems(t) for t in rejected] == expected_rejections


def rejected_problems(text: str) -> list[Problem]:
    with pytest.raises(YamlRejected) as caught:
        load_text(text)
    return problems_of(caught.value)


# --------------------------------------------------------------------------------------------
# Duplicate keys: reported with both lines, the first value wins, nothing from the repeat leaks
# --------------------------------------------------------------------------------------------

DUPLICATES = [
    pytest.param(
        "id: a\ntitle: x\nid: b\n", {"id": "a", "title": "x"},
        [(3, 1, "duplicate key 'id' (first defined on line 1, again on line 3); keep one")],
        id="top-level",
    ),
    pytest.param(
        "units:\n  - title: A\n    file: a.md\n    title: B\n", {"units": [{"title": "A", "file": "a.md"}]},
        [(4, 5, "duplicate key 'title' (first defined on line 2, again on line 4); keep one")],
        id="nested-block",
    ),
    pytest.param(
        "credential: {type: badge, type: certificate}\n", {"credential": {"type": "badge"}},
        [(1, 27, "duplicate key 'type' (first defined on line 1, again on line 1); keep one")],
        id="flow-same-line",
    ),
    pytest.param(
        "title: a\n'title': b\n", {"title": "a"},
        [(2, 1, "duplicate key 'title' (first defined on line 1, again on line 2); keep one")],
        id="quoted-and-plain",
    ),
    pytest.param(
        "a: 1\na: 2\na: 3\n", {"a": 1},
        [(2, 1, "duplicate key 'a' (first defined on line 1, again on line 2); keep one"),
         (3, 1, "duplicate key 'a' (first defined on line 1, again on line 3); keep one")],
        id="three-times",
    ),
    pytest.param(
        "a:\n  x: 1\n  x: 2\nb: 1\na: 2\n", {"a": {"x": 1}, "b": 1},
        [(3, 3, "duplicate key 'x' (first defined on line 2, again on line 3); keep one"),
         (5, 1, "duplicate key 'a' (first defined on line 1, again on line 5); keep one")],
        id="nested-and-outer-in-source-order",
    ),
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("text", "data", "expected"), DUPLICATES)
def test_duplicate_keys_name_both_lines(load_on, path, text, data, expected):
    doc = load_on(path, text)
    assert doc.data == data
    assert [(line, column, message) for line, column, _, message in problems_of(doc)] == expected
    assert {p.rule for p in doc.problems} == {"yaml-duplicate-key"}


@pytest.mark.parametrize("path", PATHS)
def test_a_repeated_keys_value_leaves_no_positions_or_sources_behind(load_on, path):
    """The first value wins, so positions and quoted source text must stay the first value's
    (the event path used to overwrite ``owners[0]``'s position with the repeat's)."""
    doc = load_on(path, "owners: [bob]\nowners: [12, {x: 1}]\n")
    assert doc.data == {"owners": ["bob"]}
    assert doc.marks[("owners", 0)] == (1, 10)
    assert ("owners", 1) not in doc.marks
    assert ("owners", 1, "x") not in doc.key_marks
    assert doc.sources == {}


@pytest.mark.parametrize("path", PATHS)
def test_a_repeated_keys_value_is_still_checked(load_on, path):
    """The repetition is said too: a hard stop keeps the problems found before it."""
    assert rejected_on(load_on, path, "a: 1\na:\n  b:\n    1: x\n") == [
        (2, 1, "yaml-duplicate-key", "duplicate key 'a' (first defined on line 1, again on line 2); keep one"),
        (4, 5, "yaml-key", "key '1' is not text; quote it (\"1\") if you meant it as a name"),
    ]


@pytest.mark.parametrize("path", PATHS)
def test_both_paths_stop_at_the_first_problem_in_source_order(load_on, path):
    text = "units:\n  - 1: x\n2: y\nroles:\n  - 3: z\n"
    assert rejected_on(load_on, path, text) == [
        (2, 5, "yaml-key", "key '1' is not text; quote it (\"1\") if you meant it as a name"),
    ]


# --------------------------------------------------------------------------------------------
# Hostile structure, rejected on both paths with the same position
# --------------------------------------------------------------------------------------------

NOT_TEXT = "key '{0}' is not text; quote it (\"{0}\") if you meant it as a name"
MULTIPLE = ("a file may hold only one YAML document; remove the '---' and what follows, or split it "
            "into files")
NOT_A_MAPPING = "the top level must be a mapping of fields (key: value)"
EMPTY = "file is empty; expected a mapping of fields (key: value)"
COMPLEX_KEY = "mapping keys must be plain text, not a list or mapping"

REJECTED_ON_BOTH_PATHS = [
    ("merge-key", "base: {a: 1}\nother:\n  <<: {b: 2}\n", 3, 3, "yaml-merge-key",
     "merge keys (<<) are not allowed; write the fields out in full"),
    ("int-key", "title: x\n1: a\n", 2, 1, "yaml-key", NOT_TEXT.format("1")),
    ("bool-key", "true: a\n", 1, 1, "yaml-key", NOT_TEXT.format("true")),
    ("null-key", "~: a\n", 1, 1, "yaml-key", NOT_TEXT.format("~")),
    ("float-key", "1.5: a\n", 1, 1, "yaml-key", NOT_TEXT.format("1.5")),
    ("nested-int-key", "units:\n  - 2: a\n", 2, 5, "yaml-key", NOT_TEXT.format("2")),
    ("list-key", "? [a, b]\n: 1\n", 1, 3, "yaml-key", COMPLEX_KEY),
    ("flow-list-key", "{[a]: 1}\n", 1, 2, "yaml-key", COMPLEX_KEY),
    ("mapping-key", "? {a: 1}\n: 1\n", 1, 3, "yaml-key", COMPLEX_KEY),
    ("two-documents", "a: 1\n---\nb: 2\n", 2, 1, "yaml-multiple-documents", MULTIPLE),
    ("two-explicit-documents", "---\na: 1\n---\nb: 2\n", 3, 1, "yaml-multiple-documents", MULTIPLE),
    ("trailing-empty-document", "a: 1\n---\n", 2, 1, "yaml-multiple-documents", MULTIPLE),
    ("top-level-list", "- a\n- b\n", 1, 1, "yaml-structure", NOT_A_MAPPING),
    ("top-level-text", "just words\n", 1, 1, "yaml-structure", NOT_A_MAPPING),
    ("empty", "\n", 1, 1, "yaml-structure", EMPTY),
    ("only-comments", "# nothing here\n", 1, 1, "yaml-structure", EMPTY),
    ("unknown-escape", 'title: "\\q"\n', 1, 9, "yaml-syntax",
     "YAML syntax: found unknown escape character (while parsing a quoted scalar)"),
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("text", "line", "column", "rule", "message"),
                         [pytest.param(*case[1:], id=case[0]) for case in REJECTED_ON_BOTH_PATHS])
def test_hostile_structure_is_rejected_on_both_paths(load_on, path, text, line, column, rule, message):
    assert rejected_on(load_on, path, text) == [(line, column, rule, message)]


# --------------------------------------------------------------------------------------------
# Anchors, aliases and tags: only possible with & * !, so always the event path
# --------------------------------------------------------------------------------------------

REJECTED_ON_EVENT_PATH = [
    ("anchor", "base: &b {a: 1}\n", 1, 7, "yaml-anchor",
     "anchor &b is not allowed; write values out in full (anchors and aliases are not supported)"),
    ("anchor-on-document", "&top\na: 1\n", 1, 1, "yaml-anchor",
     "anchor &top is not allowed; write values out in full (anchors and aliases are not supported)"),
    ("alias-undefined", "title: *t\n", 1, 8, "yaml-alias",
     "alias *t is not allowed; write the value out in full (anchors and aliases are not supported)"),
    ("merge-of-alias", "base:\n  a: 1\nother:\n  <<: *b\n", 4, 3, "yaml-merge-key",
     "merge keys (<<) are not allowed; write the fields out in full"),
    ("alias-as-value", "base:\n  a: 1\nother:\n  x: *b\n", 4, 6, "yaml-alias",
     "alias *b is not allowed; write the value out in full (anchors and aliases are not supported)"),
    ("python-apply-tag", "run: !!python/object/apply:os.system ['echo hi']\n", 1, 6, "yaml-tag",
     "tag !!python/object/apply:os.system is not allowed; content files hold plain data only"),
    ("python-name-tag", "x: !!python/name:os.system\n", 1, 4, "yaml-tag",
     "tag !!python/name:os.system is not allowed; content files hold plain data only"),
    ("str-tag", "title: !!str 1\n", 1, 8, "yaml-tag", "tag !!str is not allowed; content files hold plain data only"),
    ("local-tag", "file: !include other.yml\n", 1, 7, "yaml-tag",
     "tag !include is not allowed; content files hold plain data only"),
    ("verbatim-tag", "title: !<tag:yaml.org,2002:str> x\n", 1, 8, "yaml-tag",
     "tag !!str is not allowed; content files hold plain data only"),
    ("tag-on-collection", "units: !!omap\n  - a: 1\n", 1, 8, "yaml-tag",
     "tag !!omap is not allowed; content files hold plain data only"),
    ("tag-on-key", "!!str a: b\n", 1, 1, "yaml-tag", "tag !!str is not allowed; content files hold plain data only"),
    ("tag-directive", "%TAG !e! tag:example.com,2000:\n---\ntitle: !e!foo x\n", 3, 8, "yaml-tag",
     "tag tag:example.com,2000:foo is not allowed; content files hold plain data only"),
]


@pytest.mark.parametrize(("text", "line", "column", "rule", "message"),
                         [pytest.param(*case[1:], id=case[0]) for case in REJECTED_ON_EVENT_PATH])
def test_anchors_aliases_and_tags_are_rejected_where_they_stand(builders_used, text, line, column, rule, message):
    assert rejected_problems(text) == [(line, column, rule, message)]
    assert builders_used == ["_EventBuilder"]


def test_tags_are_never_constructed(tmp_path):
    marker = tmp_path / "pwned"
    for tag in ("!!python/object/apply:os.system", "!!python/object/new:os.system"):
        with pytest.raises(YamlRejected):
            load_text(f"title: {tag} ['touch {marker}']\n")
    with pytest.raises(YamlRejected):
        load_text(f"title: !!python/object/apply:subprocess.call [[touch, '{marker}']]\n")
    assert not marker.exists()


def test_text_that_merely_contains_ampersands_still_loads(builders_used):
    doc = load_text('title: "Q&A: *the* basics!"\nsummary: Tips & tricks\n')
    assert doc.data == {"title": "Q&A: *the* basics!", "summary": "Tips & tricks"}
    assert builders_used == ["_EventBuilder"]


BILLION_LAUGHS = 'lol1: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"lol{i}: &{'abcdefghi'[i - 1]} [" + ",".join([f"*{'abcdefghi'[i - 2]}"] * 9) + "]\n" for i in range(2, 10)
)


def test_billion_laughs_is_rejected_with_bounded_memory(tmp_path):
    assert BILLION_LAUGHS.count("*") == 72  # the classic: 9**9 "lol"s if expanded
    path = tmp_path / "course.yml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    tracemalloc.start()
    try:
        with pytest.raises(YamlRejected) as caught:
            load_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    anchor = "anchor &{} is not allowed; write values out in full (anchors and aliases are not supported)"
    assert problems_of(caught.value) == [
        (1, 7, "yaml-anchor", anchor.format("a")), (2, 7, "yaml-anchor", anchor.format("b")),
        (2, 11, "yaml-alias", "alias *a is not allowed; write the value out in full (anchors and aliases are not "
         "supported)"),
    ]
    assert peak < 10 * 1024 * 1024


def test_every_anchor_tag_and_repeated_key_is_reported_in_one_run():
    """The first anchor or tag ended the reading: a trainer mended it, ran validate again and
    met the next. Nothing is expanded or constructed meanwhile; an alias still stops it."""
    text = "id: a\nid: b\nsummary: &s text\nlevel: !!str beginner\n!!str 1: key\nroles: !!set {admin}\n"
    assert rejected_problems(text) == [
        (2, 1, "yaml-duplicate-key", "duplicate key 'id' (first defined on line 1, again on line 2); keep one"),
        (3, 10, "yaml-anchor", "anchor &s is not allowed; write values out in full (anchors and aliases are not "
         "supported)"),
        (4, 8, "yaml-tag", "tag !!str is not allowed; content files hold plain data only"),
        (5, 1, "yaml-tag", "tag !!str is not allowed; content files hold plain data only"),
        (5, 1, "yaml-key", "key '1' is not text; quote it (\"1\") if you meant it as a name"),
    ]
    assert rejected_problems("a: 1\na: 2\n---\nb: 1\n") == [
        (2, 1, "yaml-duplicate-key", "duplicate key 'a' (first defined on line 1, again on line 2); keep one"),
        (3, 1, "yaml-multiple-documents", "a file may hold only one YAML document; remove the '---' and what "
         "follows, or split it into files"),
    ]
    # Whichever path reads it: libyaml (the fast path) stops at YAML's own error before checking anything.
    for forced in ("", FORCE_EVENT_PATH):
        assert [rule for _, _, rule, _ in rejected_problems(forced + "a: 1\na: 2\nb: [c\n")] == [
            "yaml-duplicate-key", "yaml-unclosed-bracket"]


@pytest.mark.parametrize("path", PATHS)
def test_repeated_keys_are_reported_up_to_a_bound(load_on, path):
    """30,000 repeated keys in a 256 KiB file printed 3.5 MB: the first MAX_DUPLICATE_KEYS are
    said, then how many more there are."""
    problems = load_on(path, "".join(f"k: {n}\n" for n in range(30))).problems
    assert [(problem.line, problem.rule) for problem in problems] == [
        (line, "yaml-duplicate-key") for line in range(2, MAX_DUPLICATE_KEYS + 3)]
    assert problems[-1].message == "9 more repeated keys from here on; keep one of each"


def test_anchors_and_tags_are_reported_up_to_a_bound():
    """A file of thousands of tags would print thousands of lines: the reading stops at the 20th."""
    problems = rejected_problems("".join(f"k{n}: !!str v\n" for n in range(5000)))
    expected = [(line, "yaml-tag") for line in range(1, MAX_NOT_PLAIN_DATA + 1)]
    assert [(line, rule) for line, _, rule, _ in problems] == expected


def test_billion_laughs_without_anchors_is_rejected_at_the_first_alias():
    text = re.sub(r"&[a-i] ", "", BILLION_LAUGHS)
    assert text.splitlines()[1] == "lol2: [*a,*a,*a,*a,*a,*a,*a,*a,*a]"
    tracemalloc.start()
    try:
        problems = rejected_problems(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert problems == [(2, 8, "yaml-alias", "alias *a is not allowed; write the value out in full (anchors "
                         "and aliases are not supported)")]
    assert peak < 10 * 1024 * 1024


# --------------------------------------------------------------------------------------------
# Control and bidirectional-override characters (checked on the raw text, then on escapes)
# --------------------------------------------------------------------------------------------

CONTROL = "control or bidirectional character {} is not allowed; delete it (it may hide or reorder text)"
ESCAPED = ("control or bidirectional character {} is not allowed, not even as an escape; delete it (it may hide "
           "or reorder text)")

RAW_CHARACTERS = [
    ("nul", "title: a\x00b\n", 1, 9, "U+0000"),
    ("bell", "id: a\ntitle: ding\x07\n", 2, 12, "U+0007"),
    ("escape-sequence", "id: a\ntitle: \x1b[31mred\n", 2, 8, "U+001B"),
    ("vertical-tab", "title: a\x0bb\n", 1, 9, "U+000B"),
    ("delete", "title: a\x7f\n", 1, 9, "U+007F"),
    ("c1-next-line", "title: a\x85b\n", 1, 9, "U+0085"),
    ("line-separator", "title: a\u2028b\n", 1, 9, "U+2028"),
    ("right-to-left-override", "id: a\ntitle: Admin\u202egnp.exe\n", 2, 13, "U+202E"),
    ("left-to-right-embedding", "title: \u202ax\n", 1, 8, "U+202A"),
    ("right-to-left-isolate", "title: x\u2067y\n", 1, 9, "U+2067"),
    ("override-in-a-comment", "id: a  # \u202e hidden\n", 1, 10, "U+202E"),
    ("override-in-a-key", "ti\u202etle: x\n", 1, 3, "U+202E"),
]


@pytest.mark.parametrize(("text", "line", "column", "code"), [pytest.param(*c[1:], id=c[0]) for c in RAW_CHARACTERS])
def test_control_and_bidi_characters_are_rejected_at_their_position(builders_used, text, line, column, code):
    assert rejected_problems(text) == [(line, column, "control-character", CONTROL.format(code))]
    assert rejected_problems(text + FORCE_EVENT_PATH) == [(line, column, "control-character", CONTROL.format(code))]
    assert builders_used == []  # checked on the raw text, before either path parses anything


def test_every_forbidden_character_is_reported_and_tab_cr_lf_are_fine():
    assert rejected_problems("a: \x01\nb: \x02\u202d\n") == [
        (1, 4, "control-character", CONTROL.format("U+0001")),
        (2, 4, "control-character", CONTROL.format("U+0002")),
        (2, 5, "control-character", CONTROL.format("U+202D")),
    ]
    assert load_text("a: 'tab\there'\r\nb: 日本語 עברית\n").data == {"a": "tab\there", "b": "日本語 עברית"}


ESCAPES = [
    ("escaped-override", 'id: a\ntitle: "Admin\\u202egnp.exe"\n', 2, 8, "U+202E", "title"),
    ("escaped-bell", 'title: "\\a"\n', 1, 8, "U+0007", "title"),
    ("escaped-escape", 'title: "\\e[31m"\n', 1, 8, "U+001B", "title"),
    ("escaped-nul-hex", 'title: "\\x00"\n', 1, 8, "U+0000", "title"),
    ("escaped-line-separator", 'title: "a\\Lb"\n', 1, 8, "U+2028", "title"),
    ("escaped-in-a-key", '"ti\\u2066tle": x\n', 1, 1, "U+2066", "ti\u2066tle"),
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("text", "line", "column", "code", "key"), [pytest.param(*c[1:], id=c[0]) for c in ESCAPES])
def test_escaped_control_and_bidi_characters_are_reported_too(load_on, path, text, line, column, code, key):
    doc = load_on(path, text)
    assert key in doc.data
    assert problems_of(doc) == [(line, column, "control-character", ESCAPED.format(code))]


@pytest.mark.parametrize("path", PATHS)
def test_harmless_escapes_are_fine(load_on, path):
    doc = load_on(path, 'title: "tab\\there \\u00e9 \\\\u202e"\nsingle: \'\\u202e\'\n')
    assert doc.data == {"title": "tab\there é \\u202e", "single": "\\u202e"}
    assert doc.problems == []


# --------------------------------------------------------------------------------------------
# Encoding: UTF-8 only, invalid bytes at line:column, BOM and CRLF with correct positions
# --------------------------------------------------------------------------------------------

INVALID_UTF8 = [
    ("stray-byte", b"id: a\ntitle: caf\xc3\xa9 \xff\n", 2, 13, "ff"),
    ("continuation-after-cjk", b"id: a\ntitle: \xe6\x97\xa5\xe6\x9c\xac\x80\n", 2, 10, "80"),
    ("truncated-at-end", b"id: a\ntitle: \xe6\x97", 2, 8, "e6"),
    ("overlong", b"a: \xc0\xaf\n", 1, 4, "c0"),
    ("surrogate", b"a: b\nc: \xed\xa0\x80\n", 2, 4, "ed"),
    ("latin-1-file", b"id: a\nsummary: Gr\xfc\xdfe\n", 2, 12, "fc"),
    ("after-bom-and-crlf", b"\xef\xbb\xbfid: a\r\ntitle: \xff\r\n", 2, 8, "ff"),
    ("after-cr-only", b"id: a\rtitle: x\r\xfe\r", 3, 1, "fe"),
]


@pytest.mark.parametrize(("raw", "line", "column", "byte"), [pytest.param(*c[1:], id=c[0]) for c in INVALID_UTF8])
def test_invalid_utf8_is_reported_at_line_and_column(tmp_path, raw, line, column, byte):
    path = tmp_path / "course.yml"
    path.write_bytes(raw)
    with pytest.raises(YamlRejected) as caught:
        load_file(path)
    assert problems_of(caught.value) == [
        (line, column, "encoding", f"invalid UTF-8 (byte 0x{byte}); save the file as UTF-8"),
    ]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_files_are_named(tmp_path, encoding):
    path = tmp_path / "course.yml"
    path.write_bytes("\ufeffid: a\n".encode(encoding))
    with pytest.raises(YamlRejected) as caught:
        load_file(path)
    name = encoding[:6].upper()
    assert problems_of(caught.value) == [(1, 1, "encoding", f"file is {name}; save it as UTF-8")]


JAPANESE = "id: a\ntitle: はじめての検索\nsummary: 準備\n"


@pytest.mark.parametrize(("encoding", "name", "column"), [("shift_jis", "Shift_JIS", 8), ("euc_jp", "EUC-JP", 8)])
def test_a_japanese_file_in_another_encoding_is_named(tmp_path, encoding, name, column):
    """"invalid UTF-8 (byte 0x82)" did not say what the file is."""
    path = tmp_path / "course.yml"
    path.write_bytes(JAPANESE.encode(encoding))
    with pytest.raises(YamlRejected) as caught:
        load_file(path)
    byte = JAPANESE.encode(encoding)[13:14].hex()
    assert problems_of(caught.value) == [
        (2, column, "encoding", f"invalid UTF-8 (byte 0x{byte}; the file reads as {name}); save the file as UTF-8")]


@pytest.mark.parametrize("text", ["id: a\ntitle: Grüße\nsummary: x\n", JAPANESE], ids=["latin", "japanese"])
@pytest.mark.parametrize(("encoding", "order"), [("utf-16-le", "little"), ("utf-16-be", "big")])
def test_utf16_without_a_byte_order_mark_is_one_problem(tmp_path, encoding, order, text):
    """Not one 'control character U+0000' per character of the file (1,657 for a course);
    Japanese (few zero bytes) was 'invalid UTF-8' somewhere in its first line."""
    path = tmp_path / "course.yml"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(YamlRejected) as caught:
        load_file(path)
    assert problems_of(caught.value) == [
        (1, 1, "encoding", f"file is UTF-16 ({order}-endian, without a byte-order mark); save it as UTF-8")]


def test_a_file_of_control_characters_is_a_few_problems_found_in_one_pass(tmp_path):
    """A binary file gave one problem per byte, and finding their lines took a minute."""
    path = tmp_path / "course.yml"
    path.write_bytes(b"id: a\r\n" + b"x\x00\x01\n" * 60_000)
    with pytest.raises(YamlRejected) as caught:
        load_file(path)
    problems = problems_of(caught.value)
    assert len(problems) == MAX_CHARACTER_PROBLEMS + 1
    assert problems[:2] == [(2, 2, "control-character", CONTROL.format("U+0000")),
                            (2, 3, "control-character", CONTROL.format("U+0001"))]
    assert problems[-1] == (12, 2, "control-character", f"{120_000 - MAX_CHARACTER_PROBLEMS} more such characters "
                            "from here on; is this a text file saved as UTF-8?")


POSITIONED = "id: a\ntitle: x\nroles:\n  - admin\n  - end-user\nid: b\nsummary: |\n  two\n  lines\nlevel: 1\n"


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("bom", "newline"), [
    pytest.param(b"", b"\n", id="lf"),
    pytest.param(b"", b"\r\n", id="crlf"),
    pytest.param(b"", b"\r", id="cr"),
    pytest.param(b"\xef\xbb\xbf", b"\n", id="bom-lf"),
    pytest.param(b"\xef\xbb\xbf", b"\r\n", id="bom-crlf"),
])
def test_bom_and_line_endings_keep_every_position(builders_used, tmp_path, path, bom, newline):
    text = POSITIONED if path == "fast" else POSITIONED + FORCE_EVENT_PATH
    file = tmp_path / "course.yml"
    file.write_bytes(bom + text.encode().replace(b"\n", newline))
    doc = load_file(file)
    assert builders_used == [BUILDER[path]]
    assert doc.data == {"id": "a", "title": "x", "roles": ["admin", "end-user"], "summary": "two\nlines\n",
                        "level": 1}
    assert doc.marks == {(): (1, 1), ("id",): (1, 5), ("title",): (2, 8), ("roles",): (4, 3), ("roles", 0): (4, 5),
                         ("roles", 1): (5, 5), ("summary",): (7, 10), ("level",): (10, 8)}
    assert doc.key_marks[("level",)] == (10, 1)
    assert problems_of(doc) == [
        (6, 1, "yaml-duplicate-key", "duplicate key 'id' (first defined on line 1, again on line 6); keep one"),
    ]


def test_forbidden_characters_after_bom_and_crlf_keep_their_position(tmp_path):
    file = tmp_path / "course.yml"
    file.write_bytes(b"\xef\xbb\xbfid: a\r\ntitle: x\x1b[31m\r\n")
    with pytest.raises(YamlRejected) as caught:
        load_file(file)
    assert problems_of(caught.value) == [(2, 9, "control-character", CONTROL.format("U+001B"))]


def test_a_bom_in_the_middle_is_a_syntax_error_not_a_crash():
    assert rejected_problems("a: 1\n\ufeffb: 1\n") == [
        (2, 2, "yaml-syntax", "YAML syntax: did not find expected key (while parsing a block mapping)"),
    ]


@pytest.mark.parametrize(("text", "index", "expected"), [
    ("abc", 0, (1, 1)), ("abc", 2, (1, 3)), ("a\nb", 2, (2, 1)), ("a\r\nb", 3, (2, 1)), ("a\rb\nc", 4, (3, 1)),
    ("a\r\n\r\nxy", 6, (3, 2)), ("日本\n語", 3, (2, 1)),
])
def test_position_of_counts_crlf_cr_and_lf_as_one_break(text, index, expected):
    assert yamlsafe.position_of(text, index) == expected


# --------------------------------------------------------------------------------------------
# Size limit: 256 KiB, enforced before the whole file is read
# --------------------------------------------------------------------------------------------

def sized_yaml(size: int) -> bytes:
    head = b"id: a\nsummary: "
    return head + b"x" * (size - len(head) - 1) + b"\n"


def test_a_file_of_exactly_256_kib_is_read(tmp_path):
    path = tmp_path / "course.yml"
    path.write_bytes(sized_yaml(MAX_BYTES))
    assert path.stat().st_size == 256 * 1024
    assert len(load_file(path).data["summary"]) == MAX_BYTES - 16


def test_one_byte_over_256_kib_is_rejected(tmp_path):
    path = tmp_path / "course.yml"
    path.write_bytes(sized_yaml(MAX_BYTES + 1))
    with pytest.raises(YamlRejected) as caught:
        load_file(path)
    assert problems_of(caught.value) == [(1, 1, "file-size", "file is larger than 256 KiB; split it")]


def test_a_huge_file_is_rejected_without_reading_it(tmp_path):
    path = tmp_path / "course.yml"
    with path.open("wb") as handle:
        handle.truncate(1024**3)  # a sparse 1 GiB file
    tracemalloc.start()
    try:
        with pytest.raises(YamlRejected) as caught:
            load_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024
    assert caught.value.problems[0].rule == "file-size"


def test_a_symlinked_file_is_refused_without_being_followed(tmp_path):
    target = tmp_path / "secret.yml"
    target.write_text("id: secret\n", encoding="utf-8")
    link = tmp_path / "course.yml"
    link.symlink_to(target)
    with pytest.raises(SymlinkRefused):
        read_text(link)


def test_a_fifo_is_refused_without_blocking(tmp_path):
    path = tmp_path / "course.yml"
    os.mkfifo(path)  # an open() that waited for a writer would hang the test run here
    with pytest.raises(YamlRejected) as caught:
        read_text(path)
    assert caught.value.problems[0].message == "not a regular file; replace it with a plain file"


# --------------------------------------------------------------------------------------------
# Nesting: at most 64 levels, on both builders; deep files never reach the C composer
# --------------------------------------------------------------------------------------------

def flow(levels: int) -> str:
    """A mapping holding ``levels - 1`` nested flow lists: ``levels`` collections in all."""
    return "a: " + "[" * (levels - 1) + "]" * (levels - 1) + "\n"


def block(levels: int) -> str:
    """``levels`` nested block mappings, one per line, each indented one more space."""
    return "".join(" " * i + f"k{i}:\n" for i in range(levels - 1)) + " " * (levels - 1) + "v: 1\n"


DEPTH_MESSAGE = "nesting is deeper than 64 levels"
BUILDERS = [pytest.param(yamlsafe._NodeBuilder, id="fast"), pytest.param(yamlsafe._EventBuilder, id="event")]


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize(("shape", "deepest"), [
    pytest.param(flow, ("a", *[0] * 62), id="flow"),
    pytest.param(block, (*[f"k{i}" for i in range(63)], "v"), id="block"),
])
def test_64_levels_are_accepted(builder, shape, deepest):
    doc = builder(shape(64)).build()
    assert max(doc.marks, key=len) == deepest


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize(("shape", "line", "column"), [(flow, 1, 67), (block, 65, 65)])
def test_65_levels_are_rejected_at_the_65th(builder, shape, line, column):
    with pytest.raises(YamlRejected) as caught:
        builder(shape(65)).build()
    assert problems_of(caught.value) == [(line, column, "yaml-depth", DEPTH_MESSAGE)]


@pytest.mark.parametrize("builder", BUILDERS)
def test_the_first_too_deep_branch_is_reported_on_both_builders(builder):
    with pytest.raises(YamlRejected) as caught:
        builder(flow(65) + flow(65).replace("a:", "b:")).build()
    assert problems_of(caught.value) == [(1, 67, "yaml-depth", DEPTH_MESSAGE)]


@pytest.mark.parametrize("shape", [flow, block])
def test_deep_files_take_the_event_path(builders_used, shape):
    assert not yamlsafe.is_shallow(shape(64))
    load_text(shape(64))
    assert builders_used == ["_EventBuilder"]


@pytest.mark.parametrize("text", [
    pytest.param("a: " + "[" * 200_000 + "]" * 200_000 + "\n", id="200k-flow-lists"),
    pytest.param("a: " + "{b: " * 60_000 + "1" + "}" * 60_000 + "\n", id="60k-flow-mappings"),
    pytest.param("a:\n" + "".join("  " * (i + 1) + "-\n" for i in range(120)), id="block-sequences"),
])
def test_very_deep_nesting_is_rejected_in_process(text):
    [(_, _, rule, message)] = rejected_problems(text)
    assert (rule, message) == ("yaml-depth", DEPTH_MESSAGE)


@pytest.mark.skipif(yamlsafe._Parser is yamlsafe._PyParser, reason="libyaml is not built into this PyYAML")
def test_a_nesting_limit_of_libyaml_does_not_change_the_diagnostic(monkeypatch):
    """PyYAML 6.0.4's libyaml stops at 1,000 levels with its own message; ours still decides."""
    text = "a: " + "[" * 2_000 + "]" * 2_000 + "\n"

    class LimitedParser(yamlsafe._Parser):
        def get_event(self) -> Any:
            limit = yaml.Mark("", 0, 0, 1003, "", 0)
            raise yaml.scanner.ScannerError(None, None, "exceeded maximum nesting depth", limit)

    monkeypatch.setattr(yamlsafe, "_Parser", LimitedParser)
    monkeypatch.setattr(yamlsafe._Builder.__init__, "__defaults__", (LimitedParser,))
    [(line, column, rule, message)] = rejected_problems(text)
    assert (line, column, rule, message) == (1, 67, "yaml-depth", DEPTH_MESSAGE)


def test_very_deep_nesting_is_a_content_error_from_the_cli_in_a_subprocess(tmp_path):
    """In a separate process, so a crash in C (stack overflow) would show as a signal here."""
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_TEMPLATE.format(audience="public"), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    course = tmp_path / "courses" / "deep" / "course.yml"
    course.parent.mkdir(parents=True)
    course.write_text("id: deep\nroles: " + "[" * 200_000 + "\n", encoding="utf-8")  # 200 KB, under the limit
    result = subprocess.run(
        [sys.executable, "-m", "syllabus", "validate", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH}, timeout=60, check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""
    assert result.stdout == (f"courses/deep/course.yml:2:71: error: {DEPTH_MESSAGE}\n"
                             "1 error, 0 warnings in 1 file\n")


def nesting_depth(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many collections deep ``text`` really nests (counted by the event path, unlimited)."""
    with monkeypatch.context() as patch:
        patch.setattr(yamlsafe, "MAX_DEPTH", 10**6)
        doc = yamlsafe._EventBuilder(text).build()
    return max(len(p) for p in doc.marks)


def random_tree(rng: random.Random, depth: int) -> Any:
    """``depth`` nested lists and mappings in random order, with scalar siblings at each level."""
    value: Any = rng.choice(["x", 1, "two words"])
    for _ in range(depth):
        if rng.random() < 0.5:
            value = [value, "x"][: rng.randint(1, 2)]
        else:
            value = {"k": value, "other": 1} if rng.random() < 0.5 else {"k": value}
    return value


def test_the_shallow_check_never_lets_a_deep_file_onto_the_fast_path(monkeypatch):
    rng = random.Random(20261118)
    texts = []
    for depth in range(1, 80):
        tree = {"root": random_tree(rng, depth)}
        texts.append(yaml.safe_dump(tree, default_flow_style=False, indent=2))
        texts.append(yaml.safe_dump(tree, default_flow_style=False, indent=4))
        texts.append(yaml.safe_dump(tree, default_flow_style=None, width=10**6))
    # Compact notation packs levels onto one line; chains of it must leave the fast path.
    texts += ["a:\n" + "- - - - x\n", "? - ? - x\n: 1\n", "a:\n" + "".join(" " * i + "- k:\n" for i in range(40))]
    fast = 0
    for text in texts:
        if yamlsafe.is_shallow(text):
            fast += 1
            assert nesting_depth(text, monkeypatch) <= yamlsafe.MAX_DEPTH, text
    assert fast > 10  # the check is not trivially "never"
