"""Part III, show me the math: q(y), entropy, cross-entropy, KL divergence, back to the loss."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    LaggedStart,
    Line,
    TransformFromCopy,
    TransformMatchingTex,
    ValueTracker,
    VGroup,
    Write,
    linear,
)

from bce_math import fmt
from bce_math.display import step_digits
from scenes import fonts, layout, mobjects, palette
from scenes.base import StoryScene
from scenes.layout import BASELINE_Y, Chart, spread
from scenes.narration import caption, word

BARS_LEFT, BARS_BASELINE = -5.4, -2.2
FORMULA_LEFT = -1.4  # formulas are left-aligned here, on the right half
FORMULA_MAX_WIDTH = 8.2
LINE_GAP = 0.45


def _formula_column(*lines) -> VGroup:
    """Formulas stacked on the right half, left aligned, from just under the caption."""
    for line in lines:
        if line.width > FORMULA_MAX_WIDTH:
            line.scale_to_fit_width(FORMULA_MAX_WIDTH)
    column = VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=LINE_GAP)
    return column.move_to([FORMULA_LEFT, 0, 0], aligned_edge=LEFT).set_y(2.4 - column.height / 2)


def _labelled(key: str, tex: str) -> VGroup:
    """A formula with a short label before it, as Text: LaTeX here has no Chinese fonts."""
    name = mobjects.label(word(key), fonts.LABEL_SIZE, palette.MUTED)
    return VGroup(name, mobjects.formula(tex)).arrange(RIGHT, buff=0.25)


def distribution(scene: StoryScene) -> None:
    """14. Distribution: q(y) as two bars, counted from the labels."""
    story, stage = scene.story, scene.stage
    stage.q_bars = mobjects.DistributionBars(story.q, BARS_LEFT, BARS_BASELINE)
    counts = (story.n_negative, story.n_positive)
    lines = [
        mobjects.formula(rf"q(y{{=}}{cls}) = \frac{{{counts[cls]}}}{{{story.n}}} = {fmt(story.q[cls])}")
        for cls in (0, 1)
    ]
    stage.formulas = _formula_column(*lines)

    scene.say("distribution", "counts")
    scene.clear_stage()
    scene.play(FadeIn(stage.q_bars.names), *(GrowFromEdge(bar, DOWN) for bar in stage.q_bars.bars), run_time=1.5)
    scene.play(FadeIn(stage.q_bars.values), Write(stage.formulas), run_time=2.0)
    scene.add(stage.q_bars)
    scene.hold()
    scene.say("distribution", "q")
    scene.hold(1.0)


def entropy(scene: StoryScene) -> None:
    """15. Entropy: certain (0), even split (ln 2), the general formula on our q."""
    story, stage = scene.story, scene.stage
    general = mobjects.formula(r"H(q) = -\sum_{c} q(y_c)\,\ln q(y_c)")
    certain = _labelled("all_green", rf"H = -1\ln 1 = {fmt(story.entropy_certain)}")
    even = _labelled("half_half", rf"H = -2 \cdot \tfrac12 \ln\tfrac12 = \ln 2 = {fmt(story.entropy_even)}")
    q0, q1 = (fmt(v, 2) for v in story.q)  # coefficients short; the results keep 4 digits
    ours = mobjects.formula(rf"H(q) = -({q0}\ln {q0} + {q1}\ln {q1}) = {fmt(story.entropy_q)}")
    column = _formula_column(general, certain, even, ours)

    scene.say("entropy", "idea")
    scene.play(FadeOut(stage.formulas), run_time=0.5)
    scene.play(Write(general), run_time=1.2)
    scene.hold()
    for beat, line in (("certain", certain), ("even", even), ("ours", ours)):
        scene.say("entropy", beat)
        scene.play(FadeIn(line, shift=0.1 * DOWN), run_time=1.0)
        scene.hold()
    stage.formulas = column


def cross_entropy(scene: StoryScene) -> None:
    """16. Cross-entropy: the cost of expecting p when the truth is q, larger than H(q)."""
    story, stage = scene.story, scene.stage
    stage.p_bars = mobjects.DistributionBars(story.other, BARS_LEFT, BARS_BASELINE, solid=False)
    q0, q1 = (fmt(v, 2) for v in story.q)
    p0, p1 = (fmt(v, 2) for v in story.other)
    general = mobjects.formula(r"H_p(q) = -\sum_{c} q(y_c)\,\ln p(y_c)")
    applied = mobjects.formula(rf"= -({q0}\ln {p0} + {q1}\ln {p1}) = {fmt(story.cross_entropy_other)}")
    compare = mobjects.formula(
        rf"{fmt(story.cross_entropy_other)} > H(q) = {fmt(story.entropy_q)}", colour=palette.MEAN
    )
    column = _formula_column(general, applied, compare)
    legend = VGroup(
        mobjects.label(word("q_legend"), fonts.TICK_SIZE, palette.MUTED),
        mobjects.label(word("p_legend"), fonts.TICK_SIZE, palette.CURVE),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
    legend.next_to(stage.q_bars.names, DOWN, buff=0.35).align_to(stage.q_bars.names, LEFT)

    scene.say("cross_entropy", "idea")
    scene.play(FadeOut(stage.formulas), run_time=0.5)
    scene.play(Write(general), run_time=1.2)
    scene.play(*(GrowFromEdge(bar, DOWN) for bar in stage.p_bars.bars), FadeIn(stage.p_bars.values, legend))
    scene.add(stage.p_bars)
    scene.hold()
    scene.say("cross_entropy", "larger")
    scene.play(FadeIn(applied, shift=0.1 * DOWN), run_time=1.0)
    scene.play(FadeIn(compare), run_time=0.8)
    scene.hold()
    scene.say("cross_entropy", "mean")
    scene.hold()
    stage.formulas = VGroup(column, legend)


def kl_divergence(scene: StoryScene) -> None:
    """17. KL divergence: the gap H_p(q) - H(q), shrinking to 0 as p moves to q."""
    story, stage = scene.story, scene.stage
    definition = mobjects.formula(r"D_{KL}(q\,\|\,p) = H_p(q) - H(q) \ge 0")
    readout = VGroup(
        mobjects.LiveValue(word("cross_entropy"), story.kl_path_cross_entropy[0]),
        mobjects.LiveValue(word("entropy"), story.entropy_q),
        mobjects.LiveValue(word("kl"), story.kl_path_kl[0]),
    ).arrange(DOWN, aligned_edge=RIGHT, buff=0.3)
    column = _formula_column(definition, readout)
    legend = stage.formulas[1]

    scene.say("kl_divergence", "gap")
    scene.play(FadeOut(stage.formulas[0]), run_time=0.5)
    scene.play(Write(definition), FadeIn(readout), run_time=1.2)
    scene.hold()
    scene.say("kl_divergence", "shrink")
    step = ValueTracker(0)
    last = len(story.kl_path_kl) - 1

    def shown_step() -> int:
        return min(int(step.get_value()), last)

    def follow_bars(bars) -> None:
        green = story.kl_path_prob_green[shown_step()]
        bars.show((1 - green, green))

    def follow_readout(_) -> None:
        readout[0].set_value(story.kl_path_cross_entropy[shown_step()])
        readout[2].set_value(story.kl_path_kl[shown_step()])

    # Bars and readout each follow the step with an updater of their own, so both are redrawn every frame.
    stage.p_bars.add_updater(follow_bars)
    readout.add_updater(follow_readout)
    scene.play(step.animate.set_value(last), run_time=5.0, rate_func=linear)
    readout.clear_updaters()
    stage.p_bars.clear_updaters()
    scene.hold()
    stage.formulas = VGroup(column, legend)


def back_to_loss(scene: StoryScene) -> None:
    """18. Back to the loss: one-hot truths, per-point cross-entropy, sums, the BCE formula."""
    story, stage = scene.story, scene.stage
    per_point = mobjects.formula(r"H(q_i) = 0 \qquad H_{p_i}(q_i) = -\ln p_i(y_i)")
    total = rf"{fmt(story.positive_loss_sum)} + {fmt(story.negative_loss_sum)}"
    sums = mobjects.formula(
        r"\frac{1}{N}\Big[\sum_{y_i=1} -\ln p_i",
        r"+",
        r"\sum_{y_i=0} -\ln(1-p_i)\Big]",
        rf"= \frac{{1}}{{{story.n}}}\big[{total}\big]",
    )
    bce = mobjects.formula(
        r"\mathrm{BCE} = -\frac{1}{N}\sum_{i=1}^{N}\Big[y_i \ln p_i",
        r"+",
        r"(1-y_i)\ln(1-p_i)\Big]",
        rf"= {fmt(story.mean_loss)}",
    )
    relation = ">" if story.entropy_above_loss else r"\le"
    trap = mobjects.formula(rf"H(q) = {fmt(story.entropy_q)} {relation} {fmt(story.mean_loss)}", colour=palette.MEAN)
    for line in (sums, bce):
        line.scale_to_fit_width(min(line.width, 12.5))
    VGroup(per_point, bce, trap).arrange(DOWN, buff=0.7).move_to([0, 0.4, 0])
    sums.move_to(bce)

    scene.say("back_to_loss", "point")
    scene.clear_stage()
    scene.play(Write(per_point), run_time=1.5)
    scene.hold()
    scene.say("back_to_loss", "sum")
    scene.play(FadeIn(sums, shift=0.1 * DOWN), run_time=1.2)
    scene.hold()
    scene.say("back_to_loss", "fold")
    scene.play(TransformMatchingTex(sums, bce), run_time=2.0)
    scene.hold()
    scene.say("back_to_loss", "trap")
    scene.play(FadeIn(trap), run_time=0.8)
    scene.hold()
    scene.say("back_to_loss", "kl")
    scene.hold()
    stage.formulas = VGroup(per_point, bce, trap)


LADDER_AXIS_X, LABEL_RIGHT, LEADER_RUN = -5.0, 6.7, 0.5
LABEL_GAP = 0.42  # between two rung labels' centres: nearby rungs get their labels pushed apart
# The four models on the ladder, in the story's order: their word, and the colour of their rung.
RUNGS = (("ladder_coin", "MUTED"), ("ladder_rate", "MUTED"), ("ladder_fit", "MEAN"), ("ladder_free", "CURVE"))


def _rungs(axis: mobjects.VerticalAxis, costs: tuple[float, ...]) -> list[VGroup]:
    """A rung per model: a line at its cost from the axis, a leader to its label (name, value).

    The labels stand as far right as the widest lets them; the rungs reach toward them.
    """
    heights = [axis.y_of(cost) for cost in costs]
    texts = []
    for (key, colour_name), cost in zip(RUNGS, costs, strict=True):
        name = mobjects.label(word(key), fonts.LABEL_SIZE, getattr(palette, colour_name))
        texts.append(VGroup(name, mobjects.number(cost)).arrange(RIGHT, buff=0.25))
    label_x = LABEL_RIGHT - max(text.width for text in texts)
    rung_end = label_x - LEADER_RUN
    rungs = []
    for (_, colour_name), text, y, label_y in zip(RUNGS, texts, heights, spread(heights, LABEL_GAP), strict=True):
        colour = getattr(palette, colour_name)
        line = Line([LADDER_AXIS_X, y, 0], [rung_end, y, 0], color=colour, stroke_width=5)
        leader = Line([rung_end, y, 0], [label_x - 0.1, label_y, 0], color=colour, stroke_width=2)
        rungs.append(VGroup(line, leader, text.move_to([label_x, label_y, 0], aligned_edge=LEFT)))
    return rungs


def ladder(scene: StoryScene) -> None:
    """19. The ladder: four models on one loss axis; H(q) is the best cost without x, not a floor."""
    story, stage = scene.story, scene.stage
    axis = mobjects.VerticalAxis(LADDER_AXIS_X, story.ladder_range, step_digits(story.ladder_range[2]), word("loss"))
    rungs = _rungs(axis, story.ladder)
    stage.value_axis, stage.rungs = axis, rungs

    # Flat models: a coin flip and the class rate, neither looks at x.
    scene.say("ladder", "flat")
    scene.clear_stage()
    scene.play(Create(axis), run_time=1.0)
    scene.play(LaggedStart(*(FadeIn(rung) for rung in rungs[:2]), lag_ratio=0.5), run_time=1.5)
    scene.hold()

    # Models that use x: the fit, and the lowest a sigmoid reaches without the penalty.
    scene.say("ladder", "fit")
    scene.play(LaggedStart(*(FadeIn(rung) for rung in rungs[2:]), lag_ratio=0.5), run_time=1.5)
    scene.hold()

    # The trap resolved: the gap between the class rate and the fit is what x buys.
    scene.say("ladder", "trap")
    brace_x = rungs[0][0].get_end()[0] - 1.0  # a little in from the rungs' ends
    span = Line([brace_x, axis.y_of(story.mean_loss), 0], [brace_x, axis.y_of(story.flat_rate_loss), 0])
    saved = mobjects.brace_label(span, word("x_saves"), LEFT, palette.MEAN)
    saved.add(mobjects.number(story.gain_from_x, colour=palette.MEAN).next_to(saved[1], DOWN, buff=0.08))
    scene.play(FadeIn(saved), run_time=1.0)
    scene.hold()
    stage.formulas = VGroup(axis, *rungs, saved)


LIKELIHOOD_BARS_WIDTH = 7.5  # the probability bars, from the chart's left edge
PRODUCT_X, STACK_AXIS_X, STACK_X = 2.9, 4.7, 5.6
STACK_WIDTH = 0.55


def _likelihood_bars(scene: StoryScene) -> tuple[list, list]:
    """The probability of each point's true class, left to right in class colours (as in chapter 9)."""
    story = scene.story
    centres = layout.slot_centers(story.n, layout.CHART_LEFT, LIKELIHOOD_BARS_WIDTH)
    width = layout.bar_width(LIKELIHOOD_BARS_WIDTH / story.n)
    bars, values = [], []
    for centre, i in zip(centres, story.order_by_x, strict=True):
        top = Chart.p_to_screen(story.prob_true_class[i])
        bars.append(mobjects.bar(centre, BASELINE_Y, top, width, palette.class_colour(story.y[i])))
        anchor = [centre, top + 0.1, 0]
        values.append(mobjects.vertical_value(story.prob_true_class[i], anchor, scene.readable_values[i]))
    return bars, values


def _stack(story, axis: mobjects.VerticalAxis) -> list:
    """The losses end to end in one column, left to right from the bottom, in class colours."""
    segments, tops = [], story.loss_stack_tops
    for i, bottom, top in zip(story.order_by_x, (0.0, *tops[:-1]), tops, strict=True):
        colour = palette.class_colour(story.y[i])
        segments.append(mobjects.bar(STACK_X, axis.y_of(bottom), axis.y_of(top), STACK_WIDTH, colour))
    return segments


def likelihood(scene: StoryScene) -> None:
    """20. Why the log: the bars multiply into the likelihood; -ln turns the product into the losses end to end."""
    story, stage = scene.story, scene.stage
    axis = mobjects.VerticalAxis(layout.CHART_LEFT - mobjects.AXIS_GAP, (0.0, 1.0, 0.5), 1, word("prob_true_class"))
    bars, values = _likelihood_bars(scene)
    partials = story.likelihood_partials
    product = mobjects.bar(PRODUCT_X, BASELINE_Y, Chart.p_to_screen(partials[0]), STACK_WIDTH, palette.MEAN)
    readout = mobjects.LiveValue(word("likelihood"), partials[0]).next_to([PRODUCT_X + 0.45, 0, 0], RIGHT, buff=0)
    stage.value_axis, stage.bars, stage.bar_values, stage.product = axis, bars, values, [product, readout]

    # Product: factor by factor the likelihood shrinks; the bar and the number follow one step.
    scene.say("likelihood", "product")
    scene.clear_stage()
    scene.play(Create(axis), LaggedStart(*(GrowFromEdge(b, DOWN) for b in bars), lag_ratio=0.05), run_time=1.5)
    scene.play(FadeIn(*values, product, readout), run_time=0.8)
    step = ValueTracker(0)

    def factors_so_far() -> float:
        return partials[min(int(step.get_value()), len(partials) - 1)]

    product.add_updater(
        lambda m: m.become(
            mobjects.bar(PRODUCT_X, BASELINE_Y, Chart.p_to_screen(factors_so_far()), STACK_WIDTH, palette.MEAN)
        )
    )
    readout.add_updater(lambda m: m.set_value(factors_so_far()))
    scene.play(step.animate.set_value(len(partials) - 0.5), run_time=4.0, rate_func=linear)
    product.clear_updaters()
    readout.clear_updaters()
    scene.hold()

    # Log: -ln turns each factor into its loss, the product into a sum: the losses end to end.
    scene.say("likelihood", "log")
    stack_axis = mobjects.VerticalAxis(
        STACK_AXIS_X, story.likelihood_range, step_digits(story.likelihood_range[2]), word("loss")
    )
    stack = _stack(story, stack_axis)
    total = VGroup(
        mobjects.label(word("sum_of_losses"), fonts.TICK_SIZE, palette.MUTED), mobjects.number(story.neg_log_likelihood)
    )
    # Left-aligned just right of the axis's numbers, so no tick label is written over.
    total.arrange(DOWN, buff=0.08, aligned_edge=LEFT).next_to(stack[-1], UP, buff=0.2)
    total.align_to([STACK_AXIS_X + 0.2, 0, 0], LEFT)
    stage.stack, stage.stack_axis = stack, stack_axis
    scene.play(FadeOut(product, readout), Create(stack_axis), run_time=0.8)
    scene.play(
        LaggedStart(*(TransformFromCopy(b, seg) for b, seg in zip(bars, stack, strict=True)), lag_ratio=0.15),
        run_time=3.0,
    )
    scene.play(FadeIn(total), run_time=0.6)
    scene.hold()

    # Mean: divided by N, the log loss; the least log loss is the most likely labels.
    scene.say("likelihood", "mean")
    mean = VGroup(
        mobjects.label(word("divided_by", n=story.n), fonts.TICK_SIZE, palette.MUTED),
        mobjects.number(story.mean_loss, colour=palette.MEAN),
    )
    mean.arrange(RIGHT, buff=0.12).next_to(total, UP, buff=0.15).align_to(total, LEFT)
    scene.play(FadeIn(mean), run_time=0.8)
    scene.hold()
    stage.formulas = VGroup(axis, *bars, *values, stack_axis, *stack, total, mean)


def closing(scene: StoryScene) -> None:
    """Closing card: the formula and the final number."""
    story = scene.story
    heading = mobjects.label(caption("closing", "title", story), fonts.TITLE_SIZE)
    bce = mobjects.formula(
        r"-\frac{1}{N}\sum_{i=1}^{N}\Big[y_i \ln p_i + (1-y_i)\ln(1-p_i)\Big]", size=fonts.FORMULA_SIZE + 6
    )
    value = mobjects.number(story.mean_loss, 4, fonts.TITLE_SIZE, palette.MEAN)
    note = mobjects.label(caption("closing", "data", story), fonts.SUBTITLE_SIZE, palette.MUTED)
    VGroup(heading, bce, value, note).arrange(DOWN, buff=0.45)
    scene.clear_stage()
    scene.unsay()
    scene.subtitle("closing", "summary")
    scene.play(FadeIn(heading, shift=0.2 * DOWN), run_time=1.0)
    scene.play(Write(bce), run_time=2.0)
    scene.play(FadeIn(value, shift=0.2 * UP), FadeIn(note), run_time=1.0)
    scene.wait(4.0)
