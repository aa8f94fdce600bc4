"""Part III, why the log: the bars multiply into the likelihood, and -ln turns the product into the
losses end to end (the chapter likelihood)."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    GrowFromEdge,
    LaggedStart,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    linear,
)

from bce_math import step_digits
from scenes.narration import word
from scenes.stage import charts, fonts, layout, lettering, live, palette
from scenes.stage.layout import BASELINE_Y, TOP_Y, Chart
from scenes.stage.scene import StoryScene

LIKELIHOOD_BARS_WIDTH = 5.7  # the probability bars, from the chart's left edge: clear of the product's name
# The product bar, then the loss stack on its axis; right of the stack, the room for its sum's column.
PRODUCT_X, STACK_AXIS_X, STACK_X = 1.45, 3.35, 3.95
PRODUCT_READOUT_RISE = 0.25  # the likelihood's readout: its lowest edge above the charts' top
STACK_WIDTH = 0.55
SUM_GAP = 0.2  # between the stack and the column computing from it


def _likelihood_bars(scene: StoryScene) -> tuple[list, list]:
    """The probability of each point's true class, left to right in class colours (as in reposition)."""
    story = scene.story
    centres = layout.slot_centers(story.n, layout.CHART_LEFT, LIKELIHOOD_BARS_WIDTH)
    width = layout.bar_width(LIKELIHOOD_BARS_WIDTH / story.n)
    bars, values = [], []
    for centre, i in zip(centres, story.order_by_x, strict=True):
        top = Chart.p_to_screen(story.prob_true_class[i])
        bars.append(charts.bar(centre, BASELINE_Y, top, width, palette.class_colour(story.y[i])))
        anchor = [centre, top + 0.1, 0]
        values.append(charts.vertical_value(story.prob_true_class[i], anchor, scene.readable_values[i]))
    return bars, values


def _stack(story, axis: charts.VerticalAxis) -> list:
    """The losses end to end in one column, left to right from the bottom, in class colours."""
    segments, tops = [], story.loss_stack_tops
    for i, bottom, top in zip(story.order_by_x, (0.0, *tops[:-1]), tops, strict=True):
        colour = palette.class_colour(story.y[i])
        segments.append(charts.bar(STACK_X, axis.y_of(bottom), axis.y_of(top), STACK_WIDTH, colour))
    return segments


def _sum_column(total: VGroup, mean: VGroup, top_segment) -> None:
    """Right of the stack, read top-down in the order it is computed: the sum of the losses, its
    value level with the stack's top, = -ln L, then divided by N, the mean (its row comes later)."""
    total.arrange(DOWN, buff=0.08, aligned_edge=LEFT)
    mean.arrange(RIGHT, buff=0.12)
    VGroup(total, mean).arrange(DOWN, buff=0.15, aligned_edge=LEFT).next_to(top_segment, RIGHT, buff=SUM_GAP)
    VGroup(total, mean).shift((top_segment.get_top()[1] - total[1].get_y()) * UP)


def _losses_end_to_end(scene: StoryScene) -> VGroup:
    """Log: -ln turns each factor into its loss, the product into a sum: the losses end to end; beside
    them their sum (= -ln L) and, still hidden, the sum divided by N (returned)."""
    story, stage = scene.story, scene.stage
    scene.say("likelihood", "log")
    stack_axis = charts.VerticalAxis(
        STACK_AXIS_X, story.likelihood_range, step_digits(story.likelihood_range[2]), word("loss")
    )
    stack = _stack(story, stack_axis)
    # The shown losses added up; "= -ln L" when -ln of the likelihood L as written rounds to it, else "≈".
    relation = word("is_log_likelihood" if story.shown.likelihood_is_exact else "near_log_likelihood")
    total = VGroup(
        lettering.label(word("sum_of_losses"), fonts.TICK_SIZE, palette.MUTED),
        lettering.number(story.shown.loss_sum),
        lettering.label(relation, fonts.TICK_SIZE, palette.MUTED),
    )
    mean = VGroup(
        lettering.label(
            word("divided_by" if story.shown.fold_is_exact else "divided_by_near", n=story.n),
            fonts.TICK_SIZE,
            palette.MUTED,
        ),
        lettering.number(story.mean_loss, colour=palette.MEAN),
    )
    _sum_column(total, mean, stack[-1])
    stage.stack, stage.stack_axis = stack, stack_axis
    scene.play(Create(stack_axis), run_time=0.8)
    scene.play(
        LaggedStart(*(TransformFromCopy(b, seg) for b, seg in zip(stage.bars, stack, strict=True)), lag_ratio=0.15),
        run_time=3.0,
    )
    scene.play(FadeIn(total), run_time=0.6)
    scene.hold()
    return mean


def likelihood(scene: StoryScene) -> None:
    """Why the log: the bars multiply into the likelihood; -ln turns the product into the losses end to end."""
    story, stage = scene.story, scene.stage
    axis = charts.VerticalAxis(layout.CHART_LEFT - charts.AXIS_GAP, (0.0, 1.0, 0.5), 1, word("prob_true_class"))
    bars, values = _likelihood_bars(scene)
    # The bars as shown, multiplied (bce_math/shown.py): each step is the last one times a bar's value.
    partials, digits = story.shown.likelihood_partials, story.shown.likelihood_decimals
    product = charts.bar(PRODUCT_X, BASELINE_Y, Chart.p_to_screen(partials[0]), STACK_WIDTH, palette.MEAN)
    # Above the product bar, the value under its name, so it stays while the losses stack beside it.
    readout = live.LiveValue(word("likelihood"), partials[0], digits=digits, small=True, stacked=True)
    # Above the tallest the product bar can be, and clear of the loss axis's top tick label beside it.
    readout.next_to([PRODUCT_X + 0.15, TOP_Y + PRODUCT_READOUT_RISE, 0], UP, buff=0)
    stage.value_axis, stage.bars, stage.bar_values, stage.product = axis, bars, values, [product, readout]

    # Product: factor by factor the likelihood shrinks; the bar and the number follow one step.
    scene.clear_stage(caption=True)
    scene.play(Create(axis), LaggedStart(*(GrowFromEdge(b, DOWN) for b in bars), lag_ratio=0.05), run_time=1.5)
    scene.say("likelihood", "product")
    scene.play(FadeIn(*values, product, readout), run_time=0.8)
    step = ValueTracker(0)

    def factors_so_far() -> float:
        return partials[min(int(step.get_value()), len(partials) - 1)]

    product.add_updater(
        lambda m: m.become(
            charts.bar(PRODUCT_X, BASELINE_Y, Chart.p_to_screen(factors_so_far()), STACK_WIDTH, palette.MEAN)
        )
    )
    readout.add_updater(lambda m: m.set_value(factors_so_far()))
    scene.play(step.animate.set_value(len(partials) - 0.5), run_time=4.0, rate_func=linear)
    product.clear_updaters()
    readout.clear_updaters()
    scene.hold()

    mean = _losses_end_to_end(scene)

    # Mean: divided by N, the log loss; the least log loss is the most likely labels.
    scene.say("likelihood", "mean")
    scene.play(FadeIn(mean), run_time=0.8)
    # Narrated cut: the mean flashes as the voice calls it lower, then the likelihood it gives up.
    scene.at_mark()
    scene.highlight(mean)
    scene.at_mark()
    scene.highlight(readout)
    scene.at_mark()
    scene.highlight(readout)
    scene.hold()
