"""Live numbers: readouts that change as a value slides, tracers riding a curve, the result."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Dot,
    FadeIn,
    FadeOut,
    Text,
    ValueTracker,
    VGroup,
    VMobject,
    smooth,
)

from bce_math import Trajectory, binary_entropy, loss_of_shown
from scenes.narration import word
from scenes.stage import charts, fonts, palette
from scenes.stage.layout import BASELINE_Y, CAPTION_MAX_WIDTH
from scenes.stage.lettering import label, number, shown

if TYPE_CHECKING:
    from scenes.stage.charts import EntropyCurve, LossCurve
    from scenes.stage.scene import StoryScene

READOUT_X, READOUT_Y = 2.2, 2.55
READOUT_GAP = 0.6  # between the readouts of one line
TRACER_READOUT_Y = 0.6


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
        stacked: bool = False,
    ) -> None:
        self.digits, self.size, self.small = digits, size, small
        self._beside = DOWN if stacked else RIGHT  # the value after its name, or under it
        self.key = label(name, size, colour)
        self.value_text = self._text_for(value).copy()
        super().__init__(self.key, self.value_text)
        self.arrange(self._beside, buff=0.2)
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
            new = self._text_for(value).copy()
            new.next_to(self.key, self._beside, buff=self._gap_per_height * self.key.height)
            self.submobjects[self.submobjects.index(self.value_text)] = new
            swapped_out(self.value_text)
            self.value_text = new
        self.value_text.value = value
        return self


class EntropyTracer(VGroup):
    """A dot on the entropy curve with its live share of green and entropy."""

    def __init__(self, curve: EntropyCurve, share: float) -> None:
        self.curve = curve
        self.dot = Dot(radius=0.09, color=palette.TEXT)
        self._dot_outline = self.dot.points.copy()
        self.share = LiveValue("s", share)
        self.entropy = LiveValue("H(s)", float(binary_entropy(share)), colour=palette.LOSS)
        self.readout = VGroup(self.share, self.entropy).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        self.readout.move_to(curve.point(0.5, 0.0)).set_y(TRACER_READOUT_Y + 0.8)
        super().__init__(self.dot, self.readout)
        self.follow(share)

    def follow(self, share: float) -> None:
        value = float(binary_entropy(share))
        self.dot.points = self._dot_outline + self.curve.point(share, value)
        self.share.set_value(share)
        self.entropy.set_value(value)


class FitReadout(VGroup):
    """One line 'w … b …' showing the fit's current step (its loss waits until the loss is built:
    loss_at_work replays the fit with it)."""

    def __init__(self, trajectory: Trajectory) -> None:
        self.w = LiveValue("w", trajectory.w[0])
        self.b = LiveValue("b", trajectory.b[0])
        super().__init__(self.w, self.b)
        # Each value gets the room of the longest text it will show, not of its first: for x far
        # from 0 the path's intercept passes through millions, and must not run into the next name.
        left = 0.0
        for live, values in ((self.w, trajectory.w), (self.b, trajectory.b)):
            live.shift((left - live.get_left()[0]) * RIGHT)
            left += live.room(values) + READOUT_GAP
        width = left - READOUT_GAP
        # Where it always stood, unless the longest texts would take it out of the frame.
        centre = min(READOUT_X, CAPTION_MAX_WIDTH / 2 - width / 2)
        self.shift((centre - width / 2) * RIGHT).set_y(READOUT_Y)

    def show_step(self, trajectory: Trajectory, step: int) -> None:
        self.w.set_value(trajectory.w[step])
        self.b.set_value(trajectory.b[step])


class CurveTracer(VGroup):
    """A dot on the -ln curve with its live probability and loss."""

    def __init__(self, curve: LossCurve, probability: float) -> None:
        self.curve = curve
        self.dot = Dot(radius=0.09, color=palette.TEXT)
        self._dot_outline = self.dot.points.copy()  # centred at the origin
        self.p = LiveValue(word("p"), probability, 2)
        self.loss = LiveValue(word("neg_ln"), loss_of_shown(probability, 2), 2)
        self.readout = VGroup(self.p, self.loss).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        self.readout.move_to(curve.point(0.72, 0.0)).set_y(TRACER_READOUT_Y)
        super().__init__(self.dot, self.readout)
        self.follow(probability)

    def follow(self, probability: float) -> None:
        loss = -math.log(probability)
        # Set from the outline, not moved from where it was: the same point whatever the frames drawn.
        self.dot.points = self._dot_outline + self.curve.point(probability, loss)
        self.p.set_value(probability)
        # -ln of p as the readout shows it (2 decimals): a student checks the pair with a calculator.
        self.loss.set_value(loss_of_shown(probability, 2))


class Result(VGroup):
    """The final number, large, with what it is."""

    def __init__(self, name: str, value: float) -> None:
        self.heading = label(name, fonts.SUBTITLE_SIZE, palette.MUTED)
        self.value = number(value, 4, fonts.TITLE_SIZE, palette.MEAN)
        super().__init__(self.heading, self.value)
        self.arrange(RIGHT, buff=0.4)


def follow_path(
    scene: StoryScene,
    steps: tuple[int, int],
    losses,
    means,
    readouts: dict,
    followers: dict,
    run_time: float,
    shown=None,
    values_before: bool = True,
    values_after: bool = True,
) -> None:
    """A model moving along a path of steps: each point's loss bar, the mean line, the live numbers
    and the followers (mobject -> update(mobject, step)) all show the same step in every frame.
    The bars' values come back at the end (shown: as stated, when derived from other numbers shown)."""
    story, stage = scene.story, scene.stage
    axis = stage.value_axis
    step = ValueTracker(steps[0])

    def now() -> int:
        return round(step.get_value())

    def follow_bar(i: int):
        def follow(bar) -> None:
            top = axis.y_of(losses[now()][i])
            bar.stretch_to_fit_height(max(top - BASELINE_Y, 1e-3)).align_to([0, BASELINE_Y, 0], DOWN)

        return follow

    stage.mean_line.add_updater(lambda m: m.set_y(axis.y_of(means[now()])))
    for readout, values in readouts.items():
        readout.add_updater(lambda m, values=values: m.set_value(values[now()]))
    for mobject, update in followers.items():
        mobject.add_updater(lambda m, update=update: update(m, now()))
    for i, bar in enumerate(stage.bars):
        bar.add_updater(follow_bar(i))
    moving = [stage.mean_line, *readouts, *followers, *stage.bars]
    if values_before:  # numbers that change every frame cannot be read
        scene.play(FadeOut(*stage.bar_values), run_time=0.4)
    scene.play(step.animate.set_value(steps[1]), run_time=run_time, rate_func=smooth)
    for mobject in moving:
        mobject.clear_updaters()
    if values_after:
        stage.bar_values = charts.loss_bars(story, axis, losses[steps[1]], scene.readable_values, shown)[1]
        scene.play(FadeIn(*stage.bar_values), run_time=0.4)
