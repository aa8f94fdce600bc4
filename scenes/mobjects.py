"""Shared on-screen objects of the story. Scenes compose these; they compute nothing."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import ClassVar

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    PI,
    RIGHT,
    UP,
    UR,
    Arrow,
    Brace,
    Circle,
    Code,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Line,
    MathTex,
    MoveToTarget,
    Rectangle,
    Restore,
    Square,
    Succession,
    Text,
    Transform,
    VGroup,
    VMobject,
)

from bce_math import Trajectory, Walkthrough, binary_entropy, fmt, fmt_small, sigmoid
from scenes import fonts, palette
from scenes.layout import BASELINE_Y, CAPTION_MAX_WIDTH, CAPTION_TOP, CAPTION_Y, CHART_LEFT, CHART_WIDTH, TOP_Y, Chart
from scenes.narration import word

POINT_RADIUS = 0.11
AXIS_GAP = 0.3  # between the chart's left edge and its value axis
READOUT_X, READOUT_Y = 2.2, 2.55
READOUT_GAP = 0.6  # between the readouts of one line
TRACER_READOUT_Y = 0.6


def lighten(mobject: VMobject) -> VMobject:
    """Drop what Manim needs only to build text: each glyph's parsed SVG path, for Text the
    SVG's groups by element id (MathTex keeps these: it colours by them), for Code the parsed
    HTML of the highlighted listing.

    Every animation deep-copies the mobjects it moves and every play call hashes all mobjects on
    screen; these parts were most of that work for text and formulas.
    """
    for part in mobject.get_family():
        if getattr(part, "path_obj", None) is not None:
            part.path_obj = None
        if isinstance(part, Text):
            part.id_to_vgroup_dict = {}
        if isinstance(part, Code):
            part._code_html = None
    return mobject


def label(text: str, size: int = fonts.LABEL_SIZE, colour: str = palette.TEXT) -> Text:
    """Any on-screen text, in the story's font."""
    return lighten(Text(text, font=fonts.TEXT_FONT, font_size=size, color=colour))


def shown(value: float, digits: int = 4, small: bool = False) -> str:
    """The on-screen text of a number: bce_math.fmt (fmt_small where tiny values must not read 0),
    with a typographic minus."""
    return (fmt_small if small else fmt)(value, digits).replace("-", "\u2212")


def number(
    value: float, digits: int = 4, size: int = fonts.VALUE_SIZE, colour: str = palette.TEXT, small: bool = False
) -> Text:
    """A number on screen. It remembers its value so tests can check the text against bce_math."""
    string = shown(value, digits, small)
    text = _Numerals.of(size, colour).set(string) if _Numerals.can_set(string) else label(string, size, colour)
    text.value, text.digits, text.small = value, digits, small
    return text


class _Numerals:
    """Numbers set from glyphs typeset once per size and colour: Pango's own shapes and places.

    A readout sliding through values shows a new number at every frame, 60 a second at 1080p60:
    typesetting each (Pango, then parsing its SVG) was the largest part of a cold render. The
    story's font has tabular, unkerned figures, so a number is its glyphs at fixed advances; they
    are measured from one typeset line, each glyph between two zeros. The result is the Text that
    Pango would make, point for point (a test compares them).
    """

    GLYPHS = "0123456789.\u2212"
    _made: ClassVar[dict[tuple[int, str], _Numerals]] = {}

    def __init__(self, size: int, colour: str) -> None:
        line = lighten(
            Text(
                "00" + "".join(glyph + "0" for glyph in self.GLYPHS), font=fonts.TEXT_FONT, font_size=size, color=colour
            )
        )
        lefts = [glyph.get_left()[0] for glyph in line.submobjects]
        zero = lefts[1] - lefts[0]
        self.glyphs: dict[str, VMobject] = {}
        self.advance: dict[str, float] = {}
        self.bearing: dict[str, float] = {}  # where the ink starts, against a zero's
        self.left: dict[str, float] = {}  # where it starts in the line
        for index, glyph in enumerate(self.GLYPHS):
            before, at, after = lefts[1 + 2 * index : 4 + 2 * index]
            self.bearing[glyph] = at - before - zero
            self.advance[glyph] = after - at + self.bearing[glyph]
            self.glyphs[glyph], self.left[glyph] = line.submobjects[2 + 2 * index], at
        line.submobjects, line.chars = [], VGroup()
        self.empty = line.copy()  # the Text's own attributes, to be filled with one number's glyphs

    @classmethod
    def of(cls, size: int, colour: str) -> _Numerals:
        if (size, colour) not in cls._made:
            cls._made[size, colour] = cls(size, colour)
        return cls._made[size, colour]

    @classmethod
    def can_set(cls, string: str) -> bool:
        return bool(string) and all(glyph in cls.GLYPHS for glyph in string)

    def set(self, string: str) -> Text:
        text, pen = self.empty.copy(), 0.0
        for glyph in string:
            shape = self.glyphs[glyph].copy()
            shape.shift([pen + self.bearing[glyph] - self.left[glyph], 0, 0])
            text.add(shape)
            pen += self.advance[glyph]
        text.chars = VGroup(*text.submobjects)
        text.text = text.original_text = string
        text.initial_height = text.height
        return text.center()


def caption(text: str) -> Text:
    """A caption at the top of the frame, always at one size: a sentence too long for one line
    wraps onto two (at the space, or Chinese punctuation, nearest its middle), never shrinks."""
    line = label(text, fonts.CAPTION_SIZE)
    if line.width > CAPTION_MAX_WIDTH:
        line = label(_two_lines(text), fonts.CAPTION_SIZE)
    # Two lines grow downward from where one line's top is: the chart below keeps its room.
    return line.move_to([0, CAPTION_Y, 0]).align_to([0, CAPTION_TOP, 0], UP)


CHINESE_BREAKS = "\uff0c\uff1a\uff1b\u3001\u3002"  # full-width comma, colon, semicolon; enumeration comma; full stop


def _two_lines(text: str) -> str:
    """text with its most central break (a space, or after Chinese punctuation) turned into a newline."""
    breaks = [i for i, char in enumerate(text) if char == " "]
    if breaks:
        middle = min(breaks, key=lambda i: abs(i - len(text) / 2))
        return text[:middle] + "\n" + text[middle + 1 :]
    breaks = [i + 1 for i, char in enumerate(text) if char in CHINESE_BREAKS] or [len(text) // 2]
    middle = min(breaks, key=lambda i: abs(i - len(text) / 2))
    return text[:middle] + "\n" + text[middle:]


class NumberLine(VGroup):
    """The x axis with data-driven ticks, labelled through fmt.

    Labels too long to sit side by side are relative (bce_math.axis_ticks): the factor and offset
    they share are written once, under the labels at the right end, as plotting libraries do.
    """

    def __init__(self, story: Walkthrough, y: float) -> None:
        ticks = story.x_ticks
        chart = Chart.for_story(story)
        self.axis = Line([CHART_LEFT, y, 0], [CHART_LEFT + CHART_WIDTH, y, 0], color=palette.MUTED, stroke_width=3)
        self.ticks = VGroup()
        self.tick_labels = VGroup()
        for position, value in zip(ticks.positions, ticks.values, strict=True):
            x = chart.x_to_screen(position)
            self.ticks.add(Line([x, y - 0.08, 0], [x, y + 0.08, 0], color=palette.MUTED, stroke_width=2))
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
        self.axis = Line([x, BASELINE_Y, 0], [x, TOP_Y, 0], color=palette.MUTED, stroke_width=3)
        self.ticks, self.tick_labels = VGroup(), VGroup()
        for i in range(round((high - low) / step) + 1):
            value = low + i * step
            y = self.y_of(value)
            self.ticks.add(Line([x - 0.08, y, 0], [x + 0.08, y, 0], color=palette.MUTED, stroke_width=2))
            self.tick_labels.add(
                number(value, digits, fonts.TICK_SIZE, palette.MUTED).next_to([x - 0.1, y, 0], LEFT, 0.1)
            )
        # Written upward beside the tick labels, as on a printed chart: keeps the space above free.
        self.title = axis_title(title).rotate(PI / 2).next_to(self.tick_labels, LEFT, buff=0.15)
        self.title.set_y((BASELINE_Y + TOP_Y) / 2)
        super().__init__(self.axis, self.ticks, self.tick_labels, self.title)

    def y_of(self, value: float) -> float:
        return BASELINE_Y + (value - self.low) / (self.high - self.low) * (TOP_Y - BASELINE_Y)


def sigmoid_curve(chart: Chart, story: Walkthrough, w: float, b: float, samples: int = 64) -> VMobject:
    """The model's P(green | x) drawn across the number line."""
    start, end, _ = story.x_range
    xs = np.linspace(start, end, samples)
    points = [chart.point(x, p) for x, p in zip(xs, sigmoid(w * xs + b), strict=True)]
    return VMobject(stroke_color=palette.CURVE, stroke_width=5).set_points_smoothly(points)


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


def swapped_out(old: VMobject) -> VMobject:
    """Make a mobject replaced mid-animation invisible, and return it.

    Manim lists the moving mobjects, family and all, when an animation begins and draws that list
    on every frame: a text swapped out of a live readout would stay drawn under the new one.
    """
    return old.set_opacity(0)


class LiveValue(VGroup):
    """'name = value' whose number changes only when its displayed text changes, reusing built glyphs.

    Rebuilding text on every frame dominates render time; values that round to the same text
    do nothing, and each distinct text is built once.
    """

    # Built texts by (text, size, colour), kept outside the mobjects: Manim copies and hashes every
    # attribute of a mobject on screen, and the texts a readout showed are history, not state.
    _built: ClassVar[dict[tuple[str, int, str], Text]] = {}

    def __init__(
        self,
        name: str,
        value: float,
        digits: int = 4,
        size: int = fonts.LABEL_SIZE,
        colour: str = palette.MUTED,
        small: bool = False,
    ) -> None:
        self.digits, self.size, self.small = digits, size, small
        self.key = label(name, size, colour)
        self.value_text = self._text_for(value).copy()
        super().__init__(self.key, self.value_text)
        self.arrange(RIGHT, buff=0.2)
        self._gap_per_height = 0.2 / self.key.height  # the gap scales with the readout

    def _text_for(self, value: float) -> Text:
        key = (shown(value, self.digits, self.small), self.size, palette.TEXT)
        if key not in self._built:
            self._built[key] = number(value, self.digits, self.size, small=self.small)
        return self._built[key]

    def room(self, values: Iterable[float]) -> float:
        """Width from the name's left edge that showing any of values takes."""
        longest = max(values, key=lambda value: len(shown(value, self.digits, self.small)))
        return self.key.width + self._gap_per_height * self.key.height + self._text_for(longest).width

    def set_value(self, value: float) -> LiveValue:
        if shown(value, self.digits, self.small) != self.value_text.original_text:
            # Placed from the name and swapped in, not moved from the last text and `become`: that
            # drifts by rounding and pads the glyphs to the longest text shown so far, so the end
            # state would depend on how many frames were drawn, and a re-render that reuses this
            # animation from Manim's cache would miss it for every animation after.
            new = self._text_for(value).copy().next_to(self.key, RIGHT, buff=self._gap_per_height * self.key.height)
            self.submobjects[self.submobjects.index(self.value_text)] = new
            swapped_out(self.value_text)
            self.value_text = new
        self.value_text.value = value
        return self


class LossCurve(VGroup):
    """-ln(p) for p in (0, 1], on its own axes: probability across, loss up."""

    def __init__(self, story: Walkthrough, left: float, width: float) -> None:
        self.left, self.span = left, width
        low, high, _ = story.loss_range
        self.loss_axis = VerticalAxis(left, story.loss_range, 0, word("loss"))
        self.p_axis = Line([left, BASELINE_Y, 0], [left + width, BASELINE_Y, 0], color=palette.MUTED, stroke_width=3)
        self.p_labels = VGroup(
            *(
                number(p, 1, fonts.TICK_SIZE, palette.MUTED).next_to(self.point(p, low), DOWN, 0.15)
                for p in (0.0, 0.5, 1.0)
            )
        )
        self.p_title = label(word("p"), fonts.LABEL_SIZE, palette.MUTED).next_to(self.p_axis.get_end(), UP, 0.15)
        smallest = math.exp(-high)  # where the curve leaves the top of the axes
        ps = np.concatenate([np.geomspace(smallest, 0.1, 40), np.linspace(0.1, 1.0, 30)[1:]])
        self.curve = VMobject(stroke_color=palette.LOSS, stroke_width=5).set_points_smoothly(
            [self.point(p, -math.log(p)) for p in ps]
        )
        self.formula = label(word("neg_ln"), fonts.LABEL_SIZE, palette.LOSS).next_to(
            self.point(0.3, -math.log(0.3)), UR, 0.2
        )
        super().__init__(self.loss_axis, self.p_axis, self.p_labels, self.p_title, self.curve, self.formula)

    def point(self, probability: float, loss: float) -> np.ndarray:
        return np.array([self.left + probability * self.span, self.loss_axis.y_of(loss), 0.0])


class ModelChart(VGroup):
    """Part I's chart in a panel: P(green) up, x across, the points in their rows, a model's curve.

    Part III draws models on it: flat ones that ignore x (P(green) = c everywhere), then the fit.
    """

    PAD = 0.35  # the first point keeps clear of the axis
    SAMPLES = 64

    def __init__(self, story: Walkthrough, left: float, width: float, c: float) -> None:
        self.left, self.span = left, width
        self.x_start, self.x_end, _ = story.x_range
        self._xs = np.linspace(self.x_start, self.x_end, self.SAMPLES)
        self.axis = probability_axis(left)
        self.x_axis = Line([left, BASELINE_Y, 0], [left + width, BASELINE_Y, 0], color=palette.MUTED, stroke_width=3)
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
        return self._through(sigmoid(w * self._xs + b))

    def _through(self, probabilities: np.ndarray) -> VMobject:
        # Same samples for every model, so a flat line bends into the sigmoid point by point.
        points = [[self.x_to_screen(x), Chart.p_to_screen(p), 0] for x, p in zip(self._xs, probabilities, strict=True)]
        return VMobject(stroke_color=palette.CURVE, stroke_width=5).set_points_smoothly(points)


class EntropyCurve(VGroup):
    """The entropy of two classes against the share of green q(1), from 0 to 1, on its own axes."""

    def __init__(self, story: Walkthrough, left: float, width: float) -> None:
        self.left, self.span = left, width
        self.axis = VerticalAxis(left, (0.0, 1.0, 0.5), 1, word("entropy"))
        self.share_axis = Line(
            [left, BASELINE_Y, 0], [left + width, BASELINE_Y, 0], color=palette.MUTED, stroke_width=3
        )
        self.share_labels = VGroup(
            *(
                number(share, 1, fonts.TICK_SIZE, palette.MUTED).next_to(self.point(share, 0.0), DOWN, 0.15)
                for share in (0.0, 0.5, 1.0)
            )
        )
        self.share_title = label(word("share_green"), fonts.LABEL_SIZE, palette.MUTED)
        self.share_title.next_to(self.share_labels, DOWN, buff=0.12)
        self.curve = VMobject(stroke_color=palette.LOSS, stroke_width=5).set_points_smoothly(
            [self.point(share, value) for share, value in story.entropy_curve]
        )
        super().__init__(self.axis, self.share_axis, self.share_labels, self.share_title, self.curve)

    def point(self, share: float, value: float) -> np.ndarray:
        return np.array([self.left + share * self.span, self.axis.y_of(value), 0.0])


class EntropyTracer(VGroup):
    """A dot on the entropy curve with its live share of green and entropy."""

    def __init__(self, curve: EntropyCurve, share: float) -> None:
        self.curve = curve
        self.dot = Dot(radius=0.09, color=palette.TEXT)
        self._dot_outline = self.dot.points.copy()
        self.share = LiveValue("q(1)", share)
        self.entropy = LiveValue("H(q)", float(binary_entropy(share)), colour=palette.LOSS)
        self.readout = VGroup(self.share, self.entropy).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        self.readout.move_to(curve.point(0.5, 0.0)).set_y(TRACER_READOUT_Y + 0.8)
        super().__init__(self.dot, self.readout)
        self.follow(share)

    def follow(self, share: float) -> None:
        value = float(binary_entropy(share))
        self.dot.points = self._dot_outline + self.curve.point(share, value)
        self.share.set_value(share)
        self.entropy.set_value(value)


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


class FitReadout(VGroup):
    """One line 'w … b … log loss …' showing the fit's current step."""

    def __init__(self, trajectory: Trajectory) -> None:
        self.w = LiveValue("w", trajectory.w[0])
        self.b = LiveValue("b", trajectory.b[0])
        self.loss = LiveValue(word("log_loss"), trajectory.loss[0])
        super().__init__(self.w, self.b, self.loss)
        # Each value gets the room of the longest text it will show, not of its first: for x far
        # from 0 the path's intercept passes through millions, and must not run into the next name.
        left = 0.0
        for live, values in ((self.w, trajectory.w), (self.b, trajectory.b), (self.loss, trajectory.loss)):
            live.shift((left - live.get_left()[0]) * RIGHT)
            left += live.room(values) + READOUT_GAP
        width = left - READOUT_GAP
        # Where it always stood, unless the longest texts would take it out of the frame.
        centre = min(READOUT_X, CAPTION_MAX_WIDTH / 2 - width / 2)
        self.shift((centre - width / 2) * RIGHT).set_y(READOUT_Y)

    def show_step(self, trajectory: Trajectory, step: int) -> None:
        self.w.set_value(trajectory.w[step])
        self.b.set_value(trajectory.b[step])
        self.loss.set_value(trajectory.loss[step])


class CurveTracer(VGroup):
    """A dot on the -ln curve with its live probability and loss."""

    def __init__(self, curve: LossCurve, probability: float) -> None:
        self.curve = curve
        self.dot = Dot(radius=0.09, color=palette.TEXT)
        self._dot_outline = self.dot.points.copy()  # centred at the origin
        self.p = LiveValue(word("p"), probability, 2)
        self.loss = LiveValue(word("neg_ln"), -math.log(probability), 2)
        self.readout = VGroup(self.p, self.loss).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        self.readout.move_to(curve.point(0.72, 0.0)).set_y(TRACER_READOUT_Y)
        super().__init__(self.dot, self.readout)
        self.follow(probability)

    def follow(self, probability: float) -> None:
        loss = -math.log(probability)
        # Set from the outline, not moved from where it was: the same point whatever the frames drawn.
        self.dot.points = self._dot_outline + self.curve.point(probability, loss)
        self.p.set_value(probability)
        self.loss.set_value(loss)


class Result(VGroup):
    """The final number, large, with what it is."""

    def __init__(self, name: str, value: float) -> None:
        self.heading = label(name, fonts.SUBTITLE_SIZE, palette.MUTED)
        self.value = number(value, 4, fonts.TITLE_SIZE, palette.MEAN)
        super().__init__(self.heading, self.value)
        self.arrange(RIGHT, buff=0.4)


def formula(*tex: str, size: int = fonts.FORMULA_SIZE, colour: str = palette.TEXT) -> MathTex:
    """A LaTeX formula (several strings = parts that transforms can match); numbers come from fmt."""
    return lighten(MathTex(*tex, font_size=size, color=colour))


def monospace(lines: str, size: int = fonts.CODE_SIZE) -> VGroup:
    """Program output, one Text per line, left aligned."""
    rows = [
        lighten(Text(line, font=fonts.MONO_FONT, font_size=size, color=palette.TEXT)) for line in lines.splitlines()
    ]
    return VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.12)


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


# Pointing: what a caption names, the picture shows. Dimming and restoring go through
# save_state/Restore so every object returns exactly as it was.
DIMMED_OPACITY = 0.25


def dim(mobjects: Iterable[VMobject]) -> list:
    """Animations fading everything but the subject back, so the eye goes to what is left bright."""
    animations = []
    for mobject in mobjects:
        mobject.save_state()
        # Not `.animate.fade`: it fades the mobject once more when done, from wherever its last
        # frame left it, so a drawn and a cached run ended with different opacities (and keys).
        mobject.generate_target()
        mobject.target.fade(1 - DIMMED_OPACITY)
        animations.append(MoveToTarget(mobject))
    return animations


def undim(mobjects: Iterable[VMobject]) -> list:
    """Animations bringing dimmed objects back as they were."""
    return [Restore(mobject) for mobject in mobjects]


def guide(start, end) -> DashedLine:
    """A dashed guide for the eye, from one point of a chart to another."""
    return DashedLine(start, end, dash_length=0.08, color=palette.MUTED, stroke_width=2.5)


def brace_label(mobject: VMobject, text: str, direction=DOWN, colour: str = palette.TEXT) -> VGroup:
    """A brace along one side of mobject, with a short label beyond it."""
    brace = Brace(mobject, direction, color=palette.MUTED)
    return VGroup(brace, label(text, fonts.TICK_SIZE, colour).next_to(brace, direction, buff=0.1))


def arrow_to(mobject: VMobject, text: str, direction=UP, colour: str = palette.TEXT) -> VGroup:
    """An arrow pointing at mobject from direction, with a label at its tail."""
    tip = mobject.get_edge_center(direction)
    tail = tip + 0.8 * np.asarray(direction)
    arrow = Arrow(tail, tip, buff=0.05, color=palette.MUTED, stroke_width=3, max_tip_length_to_length_ratio=0.3)
    return VGroup(arrow, label(text, fonts.TICK_SIZE, colour).next_to(arrow, direction, buff=0.08))


def underline(mobject: VMobject, colour: str = palette.MEAN) -> Line:
    """A line under a term or a number, in the colour of what it stands for."""
    return Line(mobject.get_corner(DOWN + LEFT), mobject.get_corner(DOWN + RIGHT), color=colour, stroke_width=4).shift(
        0.08 * DOWN
    )
