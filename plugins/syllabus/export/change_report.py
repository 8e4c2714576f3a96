"""What a change to the catalog affects, for reviewers who should not have to read YAML diffs.

Two loaded catalogs (before and after) are compared as models: which courses, tracks and
plans were added, removed or changed, which tracks and plans include a changed course and
how their duration moved, which prerequisite orders newly broke, and whose visibility
changed. Rendered as Markdown for a pull request's job summary, or as JSON.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.catalog import LoadResult, discover, load_catalog
from ..core.config import Options
from ..core.diagnostics import Diagnostic, printable
from ..core.model import ITEM_FOLDERS, ITEM_KINDS, Catalog, Course, Plan, Track
from ..core.report import Report
from ..core.rules import COURSE_FILE
from .catalog_json import dumps
from .md_escape import code, inline


@dataclass(frozen=True)
class Side:
    """One revision: its root on disk, what loaded, and which ids have a file at all."""

    root: Path
    result: LoadResult
    present: Mapping[str, frozenset[str]]

    @classmethod
    def load(cls, options: Options) -> Side:
        found = discover(options.root, Report())
        present = {kind: frozenset(p.parent.name if kind == "course" else p.stem for p in paths)
                   for kind, paths in found.items()}
        return cls(options.root, load_catalog(options), present)

    @property
    def catalog(self) -> Catalog:
        return self.result.catalog

    def item(self, kind: str, item_id: str) -> Course | Track | Plan | None:
        return self.catalog.items_of(kind).get(item_id)


@dataclass(frozen=True)
class ItemChange:
    kind: str
    id: str
    change: str  # added | removed | changed
    title: str
    fields: tuple[str, ...] = ()  # model fields that differ
    files: tuple[str, ...] = ()  # other files of a course folder that differ
    unreadable: bool = False  # content errors on a side: compared by file only


@dataclass(frozen=True)
class Duration:
    total: int
    required: int


@dataclass(frozen=True)
class DurationImpact:
    """A track or plan that includes a changed course (or whose learner time moved)."""

    kind: str
    id: str
    title: str
    because: tuple[str, ...]
    before: Duration | None
    after: Duration | None


@dataclass(frozen=True)
class OrderBreak:
    track: str
    course: str
    prerequisite: str


@dataclass(frozen=True)
class VisibilityChange:
    kind: str
    id: str
    title: str
    before: str
    after: str
    listed_by: tuple[str, ...]  # public tracks and plans still listing a course that went hidden


@dataclass(frozen=True)
class ChangeReport:
    base: str
    head: str
    changes: tuple[ItemChange, ...]
    durations: tuple[DurationImpact, ...]
    order: tuple[OrderBreak, ...]
    visibility: tuple[VisibilityChange, ...]
    problems: Mapping[str, tuple[Diagnostic, ...]]  # "base" / "head" -> errors


def _folder_digest(root: Path, course_id: str) -> dict[str, str]:
    folder = root / ITEM_FOLDERS["course"] / course_id
    return {
        path.relative_to(folder).as_posix(): _digest(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink() and path.name != COURSE_FILE
    }


def _digest(path: Path) -> str:
    with path.open("rb") as file:  # a step at a time: a material may be a video of gigabytes
        return hashlib.file_digest(file, "sha256").hexdigest()


def _changed_files(base: Side, head: Side, course_id: str) -> tuple[str, ...]:
    before, after = _folder_digest(base.root, course_id), _folder_digest(head.root, course_id)
    return tuple(sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name)))


def _changed_fields(before: Any, after: Any) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(before) if getattr(before, f.name) != getattr(after, f.name))


def item_changes(base: Side, head: Side) -> list[ItemChange]:
    changes = []
    for kind in ITEM_KINDS:
        for item_id in sorted(base.present[kind] | head.present[kind]):
            old, new = base.item(kind, item_id), head.item(kind, item_id)
            title = (new or old).title if (new or old) else ""
            if item_id not in base.present[kind]:
                changes.append(ItemChange(kind, item_id, "added", title))
                continue
            if item_id not in head.present[kind]:
                changes.append(ItemChange(kind, item_id, "removed", title))
                continue
            files = _changed_files(base, head, item_id) if kind == "course" else ()
            if old is None or new is None:
                changes.append(ItemChange(kind, item_id, "changed", title, files=files, unreadable=True))
            elif (fields := _changed_fields(old, new)) or files:
                changes.append(ItemChange(kind, item_id, "changed", title, fields, files))
    return changes


def _duration(side: Side, kind: str, item_id: str) -> Duration | None:
    item = side.item(kind, item_id)
    if isinstance(item, Track):
        return Duration(*side.catalog.track_minutes(item))
    return Duration(*side.catalog.plan_minutes(item)) if isinstance(item, Plan) else None


def _includes(side: Side, kind: str, item_id: str) -> tuple[str, ...]:
    item = side.item(kind, item_id)
    return side.catalog.course_ids_of(item) if isinstance(item, Track | Plan) else ()


def duration_impacts(base: Side, head: Side, changed_courses: set[str]) -> list[DurationImpact]:
    impacts = []
    for kind in ("track", "plan"):
        ids = set(base.catalog.items_of(kind)) | set(head.catalog.items_of(kind))
        for item_id in sorted(ids):
            included = {*_includes(base, kind, item_id), *_includes(head, kind, item_id)}
            because = tuple(sorted(changed_courses & included))
            before, after = _duration(base, kind, item_id), _duration(head, kind, item_id)
            if because or before != after:
                item = head.item(kind, item_id) or base.item(kind, item_id)
                impacts.append(DurationImpact(kind, item_id, item.title if item else "", because, before, after))
    return impacts


def order_breaks(base: Side, head: Side) -> list[OrderBreak]:
    """Prerequisite orders broken by this change: in the new catalog, not in the old one."""
    breaks = []
    for track_id, track in head.catalog.tracks.items():
        old = base.catalog.tracks.get(track_id)
        before = {(m.course, m.prerequisite) for m in old.misordered(base.catalog.courses)} if old else set()
        for found in track.misordered(head.catalog.courses):
            if (found.course, found.prerequisite) not in before:
                breaks.append(OrderBreak(track_id, found.course, found.prerequisite))
    return breaks


def _state(item: Course | Track | Plan) -> str:
    return item.hidden_as or "public"


def visibility_changes(base: Side, head: Side) -> list[VisibilityChange]:
    changes = []
    for kind in ITEM_KINDS:
        for item_id, new in head.catalog.items_of(kind).items():
            old = base.item(kind, item_id)
            if old is None or _state(old) == _state(new):
                continue
            listed_by: tuple[str, ...] = ()
            if kind == "course" and _state(new) != "public":
                tracks = head.catalog.tracks_by_course.get(item_id, ())
                plans = head.catalog.plans_by_course.get(item_id, ())
                listed_by = (*(f"track {t.id}" for t in tracks if t.is_public),
                             *(f"plan {p.id}" for p in plans if p.is_public))
            changes.append(VisibilityChange(kind, item_id, new.title, _state(old), _state(new), listed_by))
    return changes


def _errors(result: LoadResult) -> tuple[Diagnostic, ...]:
    return tuple(d for d in result.report.sorted() if d.severity == "error")


def compare(base: Side, head: Side, *, base_name: str, head_name: str) -> ChangeReport:
    changes = item_changes(base, head)
    changed_courses = {c.id for c in changes if c.kind == "course"}
    return ChangeReport(
        base=base_name, head=head_name, changes=tuple(changes),
        durations=tuple(duration_impacts(base, head, changed_courses)),
        order=tuple(order_breaks(base, head)), visibility=tuple(visibility_changes(base, head)),
        problems={"base": _errors(base.result), "head": _errors(head.result)},
    )


def as_json(report: ChangeReport) -> str:
    return dumps(dataclasses.asdict(report))


# --- Markdown ---------------------------------------------------------------------------

def _codes(values: Iterable[str]) -> str:
    return ", ".join(code(v) for v in values)


def _minutes(impact: DurationImpact, field: str) -> str:
    before = getattr(impact.before, field) if impact.before else None
    after = getattr(impact.after, field) if impact.after else None
    if before is None or after is None:
        return f"{after if before is None else before} min ({'new' if before is None else 'removed'})"
    if before == after:
        return f"{after} min"
    return f"{before} → {after} min ({after - before:+d})"


def _fence(lines: Iterable[str]) -> list[str]:
    body = list(lines)
    longest = max((len(run) for line in body for run in re.findall("`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}text", *body, fence]


def _what_changed(change: ItemChange) -> str:
    parts = []
    if change.unreadable:
        parts.append("has content errors (below)")
    if change.fields:
        parts.append(_codes(change.fields))
    if change.files:
        parts.append("files: " + _codes(change.files))
    return "; ".join(parts)


def _summary(report: ChangeReport) -> str:
    parts = [f"**{kind.capitalize()}s:** {text}" for kind, text in _counts(report)]
    return " · ".join(parts) or NOTHING_CHANGED


NOTHING_CHANGED = "No course, track or plan changed."


def _counts(report: ChangeReport) -> list[tuple[str, str]]:
    """``(kind, "2 added, 1 changed")`` for each kind with changes, in ITEM_KINDS order."""
    counts = []
    for kind in ITEM_KINDS:
        numbers = {c: sum(1 for x in report.changes if x.kind == kind and x.change == c)
                   for c in ("added", "removed", "changed")}
        if text := ", ".join(f"{n} {c}" for c, n in numbers.items() if n):
            counts.append((kind, text))
    return counts


def as_markdown(report: ChangeReport) -> str:
    lines = ["## Catalog changes", "",
             f"Comparing {inline(report.base)} with {inline(report.head)}.", "", _summary(report), ""]
    if report.changes:
        lines += ["| Change | Kind | Id | Title | What changed |", "|---|---|---|---|---|"]
        lines += [f"| {c.change} | {c.kind} | {code(c.id)} | {inline(c.title)} | {_what_changed(c)} |"
                  for c in report.changes]
        lines.append("")
    if report.durations:
        lines += ["### Tracks and plans affected", "",
                  "| Kind | Id | Title | Because of | Total | Required |", "|---|---|---|---|---|---|"]
        for d in report.durations:
            required = _minutes(d, "required") if d.kind == "track" else "–"
            lines.append(f"| {d.kind} | {code(d.id)} | {inline(d.title)} | {_codes(d.because) or 'its own change'} "
                         f"| {_minutes(d, 'total')} | {required} |")
        lines.append("")
    if report.order:
        lines += ["### Newly broken prerequisite order", ""]
        lines += [f"- track {code(b.track)}: {code(b.course)} is now listed before its prerequisite "
                  f"{code(b.prerequisite)}" for b in report.order]
        lines.append("")
    if report.visibility:
        lines += ["### Visibility changes", ""]
        for v in report.visibility:
            listed = f"; listed by public {inline(', '.join(v.listed_by))}" if v.listed_by else ""
            lines.append(f"- {v.kind} {code(v.id)} ({inline(v.title)}): {v.before} → {v.after}{listed}")
        lines.append("")
    for side in ("base", "head"):
        errors = report.problems.get(side, ())
        if errors:
            name = report.base if side == "base" else report.head
            lines += [f"### Content errors in {inline(name)}", "", *_fence(d.as_text() for d in errors), ""]
    return "\n".join(lines)


# --- Plain text (a terminal) ----------------------------------------------------------------

def _plain(value: str) -> str:
    """One line of text: validated content holds no control characters; line breaks fold."""
    return " ".join(value.split())


def _changed_plain(change: ItemChange) -> str:
    parts = ["has content errors (below)"] if change.unreadable else []
    if change.fields:
        parts.append("fields: " + ", ".join(change.fields))
    if change.files:
        parts.append("files: " + ", ".join(change.files))
    return "; ".join(parts)


def as_text(report: ChangeReport) -> str:
    """The same report as :func:`as_markdown`, for reading in a terminal."""
    counts = [f"{kind}s: {text}" for kind, text in _counts(report)]
    lines = [f"Catalog changes from {_plain(report.base)} to {_plain(report.head)}",
             "; ".join(counts) or NOTHING_CHANGED, ""]
    if report.changes:
        width = max(len(c.id) for c in report.changes)
        for c in report.changes:
            detail = _changed_plain(c)
            lines.append(f"  {c.change:<8} {c.kind:<6} {c.id:<{width}}  {_plain(c.title)}"
                         + (f"  ({detail})" if detail else ""))
        lines.append("")
    if report.durations:
        lines.append("Tracks and plans affected:")
        for d in report.durations:
            because = ", ".join(d.because) or "its own change"
            required = f"; required {_minutes(d, 'required')}" if d.kind == "track" else ""
            lines.append(f"  {d.kind} {d.id} ({_plain(d.title)}), because of {because}: total "
                         f"{_minutes(d, 'total')}{required}")
        lines.append("")
    if report.order:
        lines.append("Newly broken prerequisite order:")
        lines += [f"  track {b.track}: {b.course} is now listed before its prerequisite {b.prerequisite}"
                  for b in report.order]
        lines.append("")
    if report.visibility:
        lines.append("Visibility changes:")
        for v in report.visibility:
            listed = f"; listed by public {', '.join(v.listed_by)}" if v.listed_by else ""
            lines.append(f"  {v.kind} {v.id} ({_plain(v.title)}): {v.before} → {v.after}{listed}")
        lines.append("")
    for side in ("base", "head"):
        if errors := report.problems.get(side, ()):
            name = report.base if side == "base" else report.head
            lines += [f"Content errors in {_plain(name)}:", *(f"  {d.as_text()}" for d in errors), ""]
    # Ids are folder names and files any names (Git keeps any): a terminal escape or a line
    # break in one is shown escaped, as validate shows it.
    return "\n".join(map(printable, lines))
