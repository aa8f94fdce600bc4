"""The charts the story draws on: number line, value axes, points, bars, curves and model panels.

Chapters compose these; they compute nothing."""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    PI,
    RIGHT,
    UP,
    UR,
    Circle,
    DashedLine,
    FadeIn,
    FadeOut,
    Line,
    Rectangle,
    Square,
    Succession,
    Text,
    Transform,
    VGroup,
    VMobject,
)

from bce_math import Walkthrough, sigmoid
from scenes.narration import word
from scenes.stage import fonts, layout, palette
from scenes.stage.layout import BASELINE_Y, CHART_LEFT, CHART_WIDTH, TOP_Y, Chart
from scenes.stage.lettering import label, number

POINT_RADIUS = 0.11
AXIS_GAP = 0.25  # between the chart's left edge and its value axis
TITLE_BUFF = 0.1  # between a value axis's tick labels and its title: the title ends clear of the side band
# Under a curve panel's horizontal axis, its tick labels stand this far down: at 0 they would meet
# the value axis's own "0" at the corner.
CORNER_BUFF = 0.22


class NumberLine(VGroup):
    """The x axis with data-driven ticks, labelled through fmt.

    Labels too long to sit side by side are relative (bce_math.axis_ticks): the factor and offset
    they share are written once, under the labels at the right end, as plotting libraries do.
    """

    def __init__(self, story: Walkthrough, y: float) -> None:
        ticks = story.x_ticks
        chart = Chart.for_story(story)
        self.axis = Line(
            [CHART_LEFT, y, 0], [CHART_LEFT + CHART_WIDTH, y, 0], color=palette.MUTED, stroke_width=palette.AXIS_STROKE
        )
        self.ticks = VGroup()
        self.tick_labels = VGroup()
        for position, value in zip(ticks.positions, ticks.values, strict=True):
            x = chart.x_to_screen(position)
            self.ticks.add(
                Line([x, y - 0.08, 0], [x, y + 0.08, 0], color=palette.MUTED, stroke_width=palette.TICK_STROKE)
            )
            tick_label = number(value, ticks.digits, fonts.TICK_SIZE, palette.MUTED)
            self.tick_labels.add(tick_label.next_to([x, y - 0.12, 0], DOWN, buff=0.1))
        self.name_label = label(word("x"), fonts.LABEL_SIZE, palette.MUTED).next_to(self.axis.get_end(), UP, buff=0.12)
        parts = [self.axis, self.ticks, self.tick_labels, self.name_label]
        self.note = None
        if ticks.note:
            self.note = label(ticks.note.replace("-", "\u2212"), fonts.TICK_SIZE, palette.MUTED)
            self.note.next_to(self.tick_labels, DOWN, buff=0.12).align_to(self.tick_labels[-1], RIGHT)
            parts.append(self.note)
        super().__init__(*parts)


def neutral_point(position) -> Circle:
    """A data point before its label is known."""
    return Circle(radius=POINT_RADIUS, color=palette.NEUTRAL, fill_opacity=1, stroke_width=0).move_to(position)


def class_point(label_value: int, position) -> VMobject:
    """A labelled point: a circle for y = 1, a square for y = 0, so shape repeats colour."""
    colour = palette.class_colour(label_value)
    shape = Circle(radius=POINT_RADIUS * 1.15) if label_value == 1 else Square(side_length=POINT_RADIUS * 1.9)
    return shape.set_fill(colour, 1).set_stroke(palette.TEXT, 1.5).move_to(position)


class VerticalAxis(VGroup):
    """A value axis standing at screen x, mapping [low, high] to [BASELINE_Y, TOP_Y], ticks labelled through fmt."""

    def __init__(self, x: float, value_range: tuple[float, float, float], digits: int, title: str) -> None:
        low, high, step = value_range
        self.low, self.high = low, high
        self.axis = Line([x, BASELINE_Y, 0], [x, TOP_Y, 0], color=palette.MUTED, stroke_width=palette.AXIS_STROKE)
        self.ticks, self.tick_labels = VGroup(), VGroup()
        for i in range(round((high - low) / step) + 1):
            value = low + i * step
            y = self.y_of(value)
            self.ticks.add(
                Line([x - 0.08, y, 0], [x + 0.08, y, 0], color=palette.MUTED, stroke_width=palette.TICK_STROKE)
            )
            self.tick_labels.add(
                number(value, digits, fonts.TICK_SIZE, palette.MUTED).next_to([x - 0.1, y, 0], LEFT, 0.1)
            )
        # Written upward beside the tick labels, as on a printed chart: keeps the space above free.
        self.title = axis_title(title).rotate(PI / 2).next_to(self.tick_labels, LEFT, buff=TITLE_BUFF)
        self.title.set_y((BASELINE_Y + TOP_Y) / 2)
        if self.title.get_left()[0] < -layout.SAFE_SIDE:
            # Tick labels too wide (many digits) to leave the title room beside them outside the
            # side band: it stands over the axis instead, as a heading.
            self.title = axis_title(title).next_to(self.tick_labels[-1], UP, buff=TITLE_BUFF)
            self.title.align_to(self.tick_labels, LEFT)
        super().__init__(self.axis, self.ticks, self.tick_labels, self.title)

    def y_of(self, value: float) -> float:
        return BASELINE_Y + (value - self.low) / (self.high - self.low) * (TOP_Y - BASELINE_Y)


def sigmoid_curve(chart: Chart, story: Walkthrough, w: float, b: float, samples: int = 64) -> VMobject:
    """The model's P(green | x) drawn across the number line."""
    start, end, _ = story.x_range
    xs, probabilities = sigmoid_samples(start, end, w, b, samples)
    points = [chart.point(x, p) for x, p in zip(xs, probabilities, strict=True)]
    return VMobject(stroke_color=palette.CURVE, stroke_width=palette.CURVE_STROKE).set_points_smoothly(points)


def sigmoid_samples(start: float, end: float, w: float, b: float, samples: int) -> tuple[np.ndarray, np.ndarray]:
    """The model's P(green) = sigmoid(w x + b) at `samples` evenly spaced x from start to end: every
    sigmoid drawn (Part I's curve, the model chart's, the ladder's small ones) is sampled here."""
    xs = np.linspace(start, end, samples)
    return xs, sigmoid(w * xs + b)


def bar(x: float, bottom: float, top: float, width: float, colour: str) -> Rectangle:
    """A bar between two screen heights, centred at screen x."""
    height = max(top - bottom, 1e-3)
    rect = Rectangle(width=width, height=height, stroke_width=1.5, stroke_color=colour, fill_color=colour)
    return rect.set_fill(opacity=0.8).move_to([x, (top + bottom) / 2, 0])


def vertical_value(value: float, anchor: np.ndarray, readable: bool = True, size: int = fonts.VALUE_SIZE) -> Text:
    """A value written upward, standing on anchor: fits narrow, crowded bars.

    With readable=False it is kept (so every bar has one) but fully transparent: thinned out.
    """
    text = number(value, 4, size).rotate(PI / 2).next_to(anchor, UP, buff=0.08)
    return text if readable else text.set_opacity(0)


def value_below(value: float, anchor: np.ndarray, readable: bool = True, size: int = fonts.VALUE_SIZE) -> Text:
    """A value written upward, hanging under anchor (below a baseline); see vertical_value."""
    text = number(value, 4, size).rotate(PI / 2).next_to(anchor, DOWN, buff=0.08)
    return text if readable else text.set_opacity(0)


class Panel(VGroup):
    """A chart in a panel: a value axis up its left edge and an axis across its foot, on the
    baseline, read from 0 at the left edge to 1 at the right (a probability, a share of green, c).

    A chart calls _set_axes first, then gives VGroup's __init__ its parts in its drawing order.
    """

    def _set_axes(self, left: float, width: float, value_axis: VerticalAxis) -> None:
        self.left, self.span, self.value_axis = left, width, value_axis
        start, end = [left, BASELINE_Y, 0], [left + width, BASELINE_Y, 0]
        self.across = Line(start, end, color=palette.MUTED, stroke_width=palette.AXIS_STROKE)

    def point(self, across: float, value: float) -> np.ndarray:
        """Where a value (on the value axis) stands at a place across, from 0 to 1."""
        return np.array([self.left + across * self.span, self.value_axis.y_of(value), 0.0])

    def across_labels(self) -> VGroup:
        """0, 0.5 and 1 under the axis across, CORNER_BUFF down (clear of the value axis's lowest label)."""
        low = self.value_axis.low
        return VGroup(
            *(
                number(at, 1, fonts.TICK_SIZE, palette.MUTED).next_to(self.point(at, low), DOWN, CORNER_BUFF)
                for at in (0.0, 0.5, 1.0)
            )
        )


class LossCurve(Panel):
    """-ln(p) for p in (0, 1], on its own axes: probability across, loss up."""

    def __init__(self, story: Walkthrough, left: float, width: float) -> None:
        self.loss_axis = VerticalAxis(left, story.loss_range, 0, word("loss"))
        self._set_axes(left, width, self.loss_axis)
        high = story.loss_range[1]
        self.p_labels = self.across_labels()
        # Under its tick labels, as the entropy curve's: above the axis's end it reached into the side
        # band, and a worst guess near p = 1 has its value written there.
        self.p_title = label(word("p"), fonts.LABEL_SIZE, palette.MUTED).next_to(self.p_labels, DOWN, 0.12)
        smallest = math.exp(-high)  # where the curve leaves the top of the axes
        ps = np.concatenate([np.geomspace(smallest, 0.1, 40), np.linspace(0.1, 1.0, 30)[1:]])
        self.curve = VMobject(stroke_color=palette.LOSS, stroke_width=palette.CURVE_STROKE).set_points_smoothly(
            [self.point(p, -math.log(p)) for p in ps]
        )
        self.formula = label(word("neg_ln"), fonts.LABEL_SIZE, palette.LOSS).next_to(
            self.point(0.3, -math.log(0.3)), UR, 0.2
        )
        super().__init__(self.loss_axis, self.across, self.p_labels, self.p_title, self.curve, self.formula)


class ModelChart(Panel):
    """Part I's chart in a panel: P(green) up, x across, the points in their rows, a model's curve.

    Part III draws models on it: flat ones that ignore x (P(green) = c everywhere), then the fit.
    """

    PAD = 0.35  # the first point keeps clear of the axis
    SAMPLES = 64

    def __init__(self, story: Walkthrough, left: float, width: float, c: float) -> None:
        self.axis = probability_axis(left)
        self._set_axes(left, width, self.axis)
        self.x_start, self.x_end, _ = story.x_range
        self._xs = np.linspace(self.x_start, self.x_end, self.SAMPLES)
        self.x_axis = self.across  # x across it, placed by x_to_screen (not 0 to 1)
        self.x_name = label(word("x"), fonts.LABEL_SIZE, palette.MUTED).next_to(self.x_axis.get_end(), DOWN, 0.15)
        self.dots = VGroup(
            *(
                class_point(y, [self.x_to_screen(x), Chart.p_to_screen(y), 0])
                for x, y in zip(story.x, story.y, strict=True)
            )
        )
        self.curve = self.flat(c)
        super().__init__(self.axis, self.x_axis, self.x_name, self.curve, self.dots)

    def x_to_screen(self, x: float) -> float:
        return self.left + self.PAD + (x - self.x_start) / (self.x_end - self.x_start) * (self.span - self.PAD)

    def flat(self, c: float) -> VMobject:
        """The model that ignores x: P(green) = c at every x."""
        return self._through(np.full(self.SAMPLES, c))

    def sigmoid(self, w: float, b: float) -> VMobject:
        """The logistic model P(green) = sigmoid(w x + b)."""
        return self._through(sigmoid_samples(self.x_start, self.x_end, w, b, self.SAMPLES)[1])

    def _through(self, probabilities: np.ndarray) -> VMobject:
        # Same samples for every model, so a flat line bends into the sigmoid point by point.
        points = [[self.x_to_screen(x), Chart.p_to_screen(p), 0] for x, p in zip(self._xs, probabilities, strict=True)]
        return VMobject(stroke_color=palette.CURVE, stroke_width=palette.CURVE_STROKE).set_points_smoothly(points)


class EntropyCurve(Panel):
    """The entropy H(s) of two classes against a share of green s, from 0 to 1, on its own axes."""

    def __init__(self, story: Walkthrough, left: float, width: float) -> None:
        self.axis = VerticalAxis(left, (0.0, 1.0, 0.5), 1, word("entropy"))
        self._set_axes(left, width, self.axis)
        self.share_labels = self.across_labels()
        self.share_title = label(word("share_green"), fonts.LABEL_SIZE, palette.MUTED)
        self.share_title.next_to(self.share_labels, DOWN, buff=0.12)
        self.curve = VMobject(stroke_color=palette.LOSS, stroke_width=palette.CURVE_STROKE).set_points_smoothly(
            [self.point(share, value) for share, value in story.entropy_curve]
        )
        super().__init__(self.axis, self.across, self.share_labels, self.share_title, self.curve)


def change_axis(old: VerticalAxis, new: VerticalAxis) -> list:
    """The axis line morphs; the old ticks, numbers and title go before the new ones come (their
    counts differ, and two sets of numbers on top of each other cannot be read)."""
    return [
        Transform(old.axis, new.axis),
        Succession(FadeOut(old.ticks, old.tick_labels, old.title), FadeIn(new.ticks, new.tick_labels, new.title)),
    ]


def axis_title(text: str) -> Text:
    return label(text, fonts.LABEL_SIZE, palette.MUTED)


def probability_axis(x: float = CHART_LEFT - AXIS_GAP) -> VerticalAxis:
    """P(green) from 0 to 1, at the left of the chart unless told where."""
    return VerticalAxis(x, (0.0, 1.0, 0.5), 1, word("prob_green"))


def legend() -> VGroup:
    """Circle = green = y = 1; square = red = y = 0."""
    entries = []
    for label_value, words in ((1, word("legend_positive")), (0, word("legend_negative"))):
        entry = VGroup(class_point(label_value, ORIGIN), label(words, fonts.LABEL_SIZE)).arrange(RIGHT, buff=0.18)
        entries.append(entry)
    return VGroup(*entries).arrange(RIGHT, buff=0.9)


def row_labels() -> VGroup:
    """'y = 1' and 'y = 0' where the probability axis will put 1 and 0."""
    x = CHART_LEFT - AXIS_GAP - 0.1
    top = label("y = 1", fonts.TICK_SIZE, palette.POSITIVE).next_to([x, TOP_Y, 0], LEFT, 0.1)
    bottom = label("y = 0", fonts.TICK_SIZE, palette.NEGATIVE).next_to([x, BASELINE_Y, 0], LEFT, 0.1)
    return VGroup(top, bottom)


class DistributionBars(VGroup):
    """The labels' distribution q(y): a bar per class on Part I's probability scale, in the class
    colours, values above and class names below."""

    SLOT = 2.2  # between the two bars' centres
    BAR_WIDTH = 1.2

    def __init__(self, dist: tuple[float, float], centre_x: float) -> None:
        self.baseline = BASELINE_Y
        self.bars, self.values, self.names = VGroup(), VGroup(), VGroup()
        for cls, share in enumerate(dist):
            x = self.x_of(cls, centre_x)
            top = Chart.p_to_screen(share)
            self.bars.add(bar(x, BASELINE_Y, top, self.BAR_WIDTH, palette.class_colour(cls)))
            self.values.add(number(share, 4, fonts.VALUE_SIZE).next_to([x, top, 0], UP, 0.1))
            name = label(f"y = {cls}", fonts.TICK_SIZE, palette.class_colour(cls))
            self.names.add(name.move_to([x, BASELINE_Y - 0.3, 0]))
        super().__init__(self.bars, self.values, self.names)

    @classmethod
    def x_of(cls, label_value: int, centre_x: float) -> float:
        return centre_x + (label_value - 0.5) * cls.SLOT


# Part III's loss panel: a bar per point in the left panel, and levels across it.
# Between the baseline and a loss bar's value (and the value's own 0.08): room for a bar pulsed to
# 1.1 times its height (pointing.point_at) not to reach it, and the row still ends above the subtitles.
LOSS_VALUE_GAP = 0.12


def loss_bars(
    story: Walkthrough, axis: VerticalAxis, losses, readable: tuple[bool, ...], shown=None
) -> tuple[list, list]:
    """Each point's loss as a bar in the left panel, left to right in x order, its value below
    (shown: the values as stated, when they are derived from other numbers on screen)."""
    shown = losses if shown is None else shown
    left, width = layout.LEFT_PANEL
    centres = layout.slot_centers(story.n, left, width)
    thickness = layout.bar_width(width / story.n)
    bars, values = [None] * story.n, [None] * story.n
    for slot, i in enumerate(story.order_by_x):
        colour = palette.class_colour(story.y[i])
        bars[i] = bar(centres[slot], BASELINE_Y, axis.y_of(losses[i]), thickness, colour)
        anchor = [centres[slot], BASELINE_Y - LOSS_VALUE_GAP, 0]
        values[i] = value_below(shown[i], anchor, readable[i])
    return bars, values


def level(axis: VerticalAxis, value: float, colour: str, dashed: bool = False, right: float | None = None) -> Line:
    """A horizontal line across the loss panel at a loss value (on to `right`, when given)."""
    left, width = layout.LEFT_PANEL
    start, end = [left, axis.y_of(value), 0], [left + width if right is None else right, axis.y_of(value), 0]
    line = DashedLine(start, end) if dashed else Line(start, end)
    return line.set_stroke(colour, palette.LEVEL_STROKE)


class FlatLossCurve(Panel):
    """The flat model's mean loss over c, in the curve panel on the loss panel's scale: its heights
    read on the loss axis at the left and its lines (H(q), the mean) run across to it."""

    def __init__(self, story: Walkthrough, axis: VerticalAxis, left: float, width: float) -> None:
        self.loss_axis = axis  # the loss panel's, at the far left: not a part of this chart
        self._set_axes(left, width, axis)
        self.c_labels = self.across_labels()
        # Above the axis's end, as P(true)'s: beside it, it met the tick label under the end.
        self.c_title = label("c", fonts.LABEL_SIZE, palette.CURVE).next_to(self.across.get_end(), UP, buff=0.15)
        # Where the loss leaves the top of the axis the curve stops: it grows without bound towards 0 and 1.
        drawn = [(c, loss) for c, loss in story.flat_loss_curve if loss <= axis.high]
        self.lowest = min(loss for _, loss in drawn)  # at c = q(1): H(q)
        self.curve = VMobject(stroke_color=palette.MEAN, stroke_width=palette.CURVE_STROKE).set_points_as_corners(
            [self.point(c, loss) for c, loss in drawn]
        )
        super().__init__(self.across, self.c_labels, self.c_title, self.curve)


class Thumbnail(VGroup):
    """A model drawn small on Part I's axes: the points in their rows, its P(green) curve in a colour."""

    SAMPLES = 32

    def __init__(self, story: Walkthrough, w: float, b: float, colour: str, width: float, height: float) -> None:
        start, end, _ = story.x_range

        def to_x(x: float) -> float:
            return (x - start) / (end - start) * width

        frame = VGroup(Line(ORIGIN, [width, 0, 0]), Line(ORIGIN, [0, height, 0])).set_stroke(
            palette.MUTED, palette.TICK_STROKE
        )
        dots = VGroup(
            *(
                Circle(radius=0.045)
                .set_stroke(width=0)
                .set_fill(palette.class_colour(y), 1)
                .move_to([to_x(x), y * height, 0])
                for x, y in zip(story.x, story.y, strict=True)
            )
        )
        across, probabilities = sigmoid_samples(start, end, w, b, self.SAMPLES)
        self.curve = VMobject(stroke_color=colour, stroke_width=3.5).set_points_smoothly(
            [[to_x(x), p * height, 0] for x, p in zip(across, probabilities, strict=True)]
        )
        super().__init__(frame, dots, self.curve)
