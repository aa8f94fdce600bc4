"""Where things go on the 16:9 frame (14.2 x 8 units), and how data maps to screen."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from bce_math import Walkthrough

CAPTION_Y = 3.25
CAPTION_TOP = 3.82  # a caption's top edge, one line or two: its second line needs the room
CAPTION_LINE_SPACING = 0.7  # Pango's leading as a share of the size: Manim's default sets the lines touching
CAPTION_MAX_WIDTH = 12.5
# The value axis's title (left of its tick labels) ends clear of the left side band.
CHART_LEFT = -5.2
CHART_WIDTH = 10.9
# Probability 0: high enough that a value written upward under it (charts.value_below) ends
# above the subtitles' band, SAFE_BOTTOM.
BASELINE_Y = -1.95
TOP_Y = 1.9  # probability 1
SAFE_MARGIN = 0.15  # nothing closer than this to the frame edge
FRAME_HALF_WIDTH, FRAME_HALF_HEIGHT = 64 / 9, 4.0
# Players draw subtitles over the bottom 12 % of the frame, and TVs and some players crop its sides:
# nothing a viewer must read (a word, a number, a formula) stands in these bands.
SUBTITLE_BAND = 0.12 * 2 * FRAME_HALF_HEIGHT  # 0.96 units high
SIDE_BAND = 0.035 * 2 * FRAME_HALF_WIDTH  # 0.50 units wide
SAFE_BOTTOM = -FRAME_HALF_HEIGHT + SUBTITLE_BAND  # -3.04: the lowest edge of any text
SAFE_SIDE = FRAME_HALF_WIDTH - SIDE_BAND  # 6.61: the farthest any text reaches left or right


@dataclass(frozen=True)
class Chart:
    """Screen coordinates of the story's chart: x of the data across, probability up."""

    x_start: float
    x_end: float

    @classmethod
    def for_story(cls, story: Walkthrough) -> Chart:
        start, end, _ = story.x_range
        return cls(start, end)

    def x_to_screen(self, x: float) -> float:
        return CHART_LEFT + (x - self.x_start) / (self.x_end - self.x_start) * CHART_WIDTH

    @staticmethod
    def p_to_screen(probability: float) -> float:
        return BASELINE_Y + probability * (TOP_Y - BASELINE_Y)

    def point(self, x: float, probability: float) -> np.ndarray:
        return np.array([self.x_to_screen(x), self.p_to_screen(probability), 0.0])

    @property
    def middle_y(self) -> float:
        """Height of the number line before the classes split (probability one half)."""
        return self.p_to_screen(0.5)


def slot_centers(count: int, left: float = CHART_LEFT, width: float = CHART_WIDTH) -> list[float]:
    """Evenly spaced x centres for count bars standing side by side in [left, left + width]."""
    spacing = width / count
    return [left + spacing * (i + 0.5) for i in range(count)]


def bar_width(spacing: float) -> float:
    """Bars fill most of their slot, never wider than a comfortable 0.6 units."""
    return min(0.6, 0.7 * spacing)


# log_curve and losses split the frame: bars on the left, the -ln curve on the right.
LEFT_PANEL = (CHART_LEFT, 5.0)  # left edge and width of the bar panel
CURVE_PANEL_LEFT = 1.2
CURVE_PANEL_WIDTH = 5.0


def point_spacing(chart: Chart, xs: tuple[float, ...]) -> float:
    """Smallest screen gap between distinct neighbouring x values (bars at x must not touch)."""
    screen = np.unique(np.round([chart.x_to_screen(x) for x in xs], 6))
    gaps = np.diff(screen)
    return float(gaps.min()) if gaps.size else CHART_WIDTH / 2


# A value written upward (digits of fonts.VALUE_SIZE, 0.21 tall) needs this much room across, with
# daylight to its neighbour (two values with none read as one number).
VALUE_THICKNESS = 0.27


def _thin(centres: list[float]) -> set[int]:
    """Indices (into centres) kept so that no two kept centres are closer than VALUE_THICKNESS."""
    kept, last = set(), -math.inf
    for index in sorted(range(len(centres)), key=centres.__getitem__):
        if centres[index] - last >= VALUE_THICKNESS:
            kept.add(index)
            last = centres[index]
    return kept


def readable_values(chart: Chart, xs: tuple[float, ...], order: tuple[int, ...]) -> tuple[bool, ...]:
    """Which points get their per-bar value written: all, unless neighbours would collide.

    Checked in the tightest arrangements the bars go through (at their x, and side by side in
    the left panel), so a value shown once can stay on screen through every later chapter.
    """
    at_x = _thin([chart.x_to_screen(x) for x in xs])
    slots = slot_centers(len(xs), *LEFT_PANEL)
    in_panel = {order[slot] for slot in _thin(slots)}
    return tuple(i in at_x and i in in_panel for i in range(len(xs)))


def spread(heights: list[float], gap: float) -> list[float]:
    """Label heights near heights, at least gap apart (nearby rungs get leaders): pushed apart
    upwards, then the whole column moved back down by its mean push, so it stays centred on them."""
    order = sorted(range(len(heights)), key=heights.__getitem__)
    placed: dict[int, float] = {}
    last = -math.inf
    for index in order:
        placed[index] = max(heights[index], last + gap)
        last = placed[index]
    push = sum(placed[i] - heights[i] for i in placed) / len(heights) if heights else 0.0
    return [placed[i] - push for i in range(len(heights))]
