"""Group a track's courses into steps by prerequisite depth, for the track page's diagram.

A course sits one step after the deepest course it needs from the track; within a step,
the track's order. The template draws the steps as boxes that wrap into rows on wide
screens and stack on narrow ones, each box naming in words what it builds on. Pure data;
the template escapes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.model import Catalog, Track


@dataclass(frozen=True)
class Box:
    course_id: str
    title: str
    required: bool
    after: tuple[str, ...]  # titles of the track's courses this one needs


def track_diagram(track: Track, catalog: Catalog) -> tuple[tuple[Box, ...], ...] | None:
    """The steps, first to last; None when no course in the track needs another one from it."""
    items = {item.course: item for item in track.items if item.course in catalog.courses}
    needs = {cid: [p for p in catalog.courses[cid].prerequisites if p in items] for cid in items}
    if not any(needs.values()):
        return None
    depth: dict[str, int] = {}
    for cid in items:  # track order already puts prerequisites first (a validated rule)
        depth[cid] = 1 + max((depth.get(p, 0) for p in needs[cid]), default=-1)
    steps: list[list[Box]] = [[] for _ in range(max(depth.values()) + 1)]
    for cid, item in items.items():
        after = tuple(catalog.courses[p].title for p in needs[cid])
        steps[depth[cid]].append(Box(cid, catalog.courses[cid].title, item.required, after))
    return tuple(tuple(step) for step in steps)
