"""Lay out a track's prerequisite graph as boxes in columns, for an inline SVG.

Columns are prerequisite depth within the track (a course sits right of everything it
needs), rows keep the track's order. Pure data; the template draws it, escaped.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.model import Catalog, Track

BOX_WIDTH, BOX_HEIGHT, GAP_X, GAP_Y, MARGIN = 200, 44, 56, 16, 8


@dataclass(frozen=True)
class Box:
    course_id: str
    title: str
    x: int
    y: int
    required: bool


@dataclass(frozen=True)
class Edge:
    x1: int
    y1: int
    x2: int
    y2: int


@dataclass(frozen=True)
class Diagram:
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]
    width: int
    height: int


def track_diagram(track: Track, catalog: Catalog) -> Diagram | None:
    """None when no course in the track needs another one from it (nothing to draw)."""
    items = {item.course: item for item in track.items if item.course in catalog.courses}
    needs = {cid: [p for p in catalog.courses[cid].prerequisites if p in items] for cid in items}
    if not any(needs.values()):
        return None
    depth: dict[str, int] = {}
    for cid in items:  # track order already puts prerequisites first (a validated rule)
        depth[cid] = 1 + max((depth.get(p, 0) for p in needs[cid]), default=-1)
    rows: dict[int, int] = {}
    boxes: dict[str, Box] = {}
    for cid, item in items.items():
        column = depth[cid]
        row = rows.get(column, 0)
        rows[column] = row + 1
        boxes[cid] = Box(cid, catalog.courses[cid].title, MARGIN + column * (BOX_WIDTH + GAP_X),
                         MARGIN + row * (BOX_HEIGHT + GAP_Y), item.required)
    edges = tuple(
        Edge(boxes[p].x + BOX_WIDTH, boxes[p].y + BOX_HEIGHT // 2, boxes[c].x, boxes[c].y + BOX_HEIGHT // 2)
        for c in items for p in needs[c]
    )
    width = MARGIN * 2 + (max(depth.values()) + 1) * (BOX_WIDTH + GAP_X) - GAP_X
    height = MARGIN * 2 + max(rows.values()) * (BOX_HEIGHT + GAP_Y) - GAP_Y
    return Diagram(tuple(boxes.values()), edges, width, height)
