"""Chart geometry for the insights page, computed here so the template only draws.

The page ships inline SVG rather than a JavaScript chart library: it renders without
scripts, prints, and its text is autoescaped by the template like any other content.
Every chart is paired with a table of the same numbers, so nothing here carries meaning
the table does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MARGIN = 8
VALUE_SPACE, LABEL_SPACE = 20, 24  # above the bars (values) and below them (labels)
PLOT_HEIGHT, BAR_SLOT, BAR_WIDTH = 160, 72, 44
ROW_LABEL_WIDTH, ROW_BAR_WIDTH, ROW_HEIGHT, ROW_GAP = 120, 400, 28, 12
MIN_LABELLED_WIDTH = 120  # a narrower segment has no room for its label and percentage


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    baseline: int  # y of the axis the bars stand on


def bar_chart(points: Sequence[tuple[str, float]]) -> BarChart:
    """Vertical bars scaled to the largest value (all flat when every value is zero)."""
    largest = max((value for _, value in points), default=0)
    baseline = MARGIN + VALUE_SPACE + PLOT_HEIGHT
    bars = []
    for index, (label, value) in enumerate(points):
        height = round(value / largest * PLOT_HEIGHT, 1) if largest else 0
        bars.append(Bar(label, value, MARGIN + index * BAR_SLOT + (BAR_SLOT - BAR_WIDTH) / 2,
                        round(baseline - height, 1), BAR_WIDTH, height))
    width = MARGIN * 2 + max(len(points), 1) * BAR_SLOT
    return BarChart(tuple(bars), width, baseline + LABEL_SPACE + MARGIN, baseline)


@dataclass(frozen=True)
class Segment:
    label: str
    share: float  # percent of the row
    x: float
    width: float

    @property
    def labelled(self) -> bool:
        return self.width >= MIN_LABELLED_WIDTH


@dataclass(frozen=True)
class ShareRow:
    label: str
    y: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class ShareChart:
    rows: tuple[ShareRow, ...]
    width: int
    height: int
    bar_x: int  # where the bars start, right of the row labels
    row_height: int = ROW_HEIGHT


def share_chart(rows: Sequence[tuple[str, Sequence[tuple[str, float]]]]) -> ShareChart:
    """100 % stacked bars: one row per ``(label, [(segment label, percent), ...])``."""
    bar_x = MARGIN + ROW_LABEL_WIDTH
    result = []
    for index, (label, shares) in enumerate(rows):
        segments, offset = [], 0.0
        for segment_label, share in shares:
            width = round(share / 100 * ROW_BAR_WIDTH, 1)
            segments.append(Segment(segment_label, share, round(bar_x + offset, 1), width))
            offset += width
        result.append(ShareRow(label, MARGIN + index * (ROW_HEIGHT + ROW_GAP), tuple(segments)))
    height = MARGIN * 2 + len(rows) * (ROW_HEIGHT + ROW_GAP) - ROW_GAP
    return ShareChart(tuple(result), bar_x + ROW_BAR_WIDTH + MARGIN, height, bar_x)
