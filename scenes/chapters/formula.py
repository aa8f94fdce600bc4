"""Part III, the loss at work and back to it: the fit replayed with its loss bars, the bars folded
into the BCE formula, the ladder of models, the likelihood, and the closing card (chapters 18-22)."""

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
    Indicate,
    LaggedStart,
    Line,
    MathTex,
    ReplacementTransform,
    Transform,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    linear,
)

from bce_math import fmt, step_digits
from scenes.narration import caption, word
from scenes.stage import charts, fonts, layout, lettering, live, pacing, palette, pointing
from scenes.stage.layout import BASELINE_Y, TOP_Y, Chart, spread
from scenes.stage.scene import StoryScene


def loss_at_work(scene: StoryScene) -> None:
    """18. The loss at work: the fit replayed from the best flat line, every loss bar and the mean
    following its curve down to the fit's loss; then, the penalty dropped, on to the lowest."""
    story, stage = scene.story, scene.stage
    chart, replay, free = stage.model_chart, story.replay, story.unpenalising
    w_readout = live.LiveValue("w", replay.w[0], size=fonts.TICK_SIZE, colour=palette.CURVE).move_to(stage.readouts[2])
    w_readout.align_to(stage.readouts[2], LEFT)

    def fit(path, steps: tuple[int, int], run_time: float, **values) -> None:
        curve = {chart.curve: lambda m, step: m.become(chart.sigmoid(path.w[step], path.b[step]))}
        readouts = {stage.readouts[1]: path.loss, w_readout: path.w}
        live.follow_path(scene, steps, path.point_losses, path.loss, readouts, curve, run_time, **values)

    # Fit: the model's chart returns at the best flat line, P(green) = q(1): a sigmoid with w = 0.
    scene.say("loss_at_work", "fit")
    scene.play(
        FadeOut(stage.formulas, stage.flat_loss_curve, stage.flat_dot, stage.flat_label, stage.readouts[2]),
        Transform(stage.entropy_line, charts.level(stage.value_axis, story.entropy_q, palette.LOSS)),
        Transform(stage.mean_line, charts.level(stage.value_axis, story.flat_rate_loss, palette.MEAN, dashed=True)),
        run_time=0.8,
    )
    scene.play(FadeIn(chart, w_readout), run_time=0.8)
    # The fit replayed: every loss bar and the mean follow the curve's steps down to the fit's loss.
    fit(replay, (0, len(replay) - 1), 5.0, shown=story.shown.losses)
    scene.hold()
    # Below: the mean ends under the H(q) line, the least loss of a model that ignores x; this one uses x.
    scene.say("loss_at_work", "below")
    scene.at_mark()
    scene.highlight(stage.entropy_line, stage.mean_line)
    scene.hold()
    # Free: without the penalty the loss falls further while w grows; where the worst mistakes' bars
    # stood stays marked.
    scene.say("loss_at_work", "free")
    marks = [_top_mark(stage.bars[i]) for i in story.worsened]
    if marks:
        scene.play(*(Create(mark) for mark in marks), run_time=0.4)
    scene.at_mark()  # narrated: "the slope grows"
    fit(free, (0, len(free) - 1), 4.0, values_after=False)
    scene.at_mark()
    scene.highlight(stage.readouts[1], stage.mean_line)
    scene.hold()
    # Worse: yet those mistakes grew; their new losses are written as the voice says them, and the
    # steeper curve that made them flashes.
    grown = _grown_values(scene)
    if grown:
        scene.say("loss_at_work", "worse" if len(grown) == 2 else "worse_one")
        scene.highlight(*(stage.bars[i] for i in story.worsened))
        scene.at_mark()
        scene.as_named(*(FadeIn(value) for value in grown), run_time=1.0)
        scene.at_mark()
        scene.highlight(chart.curve)
        scene.hold()
    # Safer: the penalty keeps the slope gentle (w flashes), and would stop a slope that grows without
    # end (the curve flashes); back to the default fit, the one the story uses.
    scene.say("loss_at_work", "safer")
    for named in (w_readout, chart.curve):
        scene.at_mark()
        scene.highlight(named)
    scene.at_mark()
    if marks:
        scene.play(FadeOut(*marks, *grown), run_time=0.4)
    fit(free, (len(free) - 1, 0), 1.5, shown=story.shown.losses, values_before=False)
    scene.hold()
    stage.readouts = VGroup(stage.readouts[0], stage.readouts[1], w_readout)
    stage.formulas = VGroup()


def _top_mark(bar: VMobject) -> Line:
    """A short line where a bar's top is now, to see how far it moves."""
    return Line(bar.get_corner(UP + LEFT), bar.get_corner(UP + RIGHT)).set_stroke(palette.TEXT, 3)


def _grown_values(scene: StoryScene) -> list:
    """The worsened mistakes' losses without the penalty, below their bars, worst first."""
    story = scene.story
    values = charts.loss_bars(story, scene.stage.value_axis, story.unpenalised_losses, scene.readable_values)[1]
    return [values[i] for i in story.worsened]


def back_to_loss(scene: StoryScene) -> None:
    """19. Back to the loss: per point the cross-entropy is its loss bar; stacks fold into BCE."""
    story, stage = scene.story, scene.stage
    chart, worst, fit_bars, mean_line = stage.model_chart, story.worst_point, stage.bars, stage.mean_line

    # Point: the truth is one-hot, so the cross-entropy picks -ln of one probability: its loss bar.
    scene.say("back_to_loss", "point")
    formula = _one_point(story, worst)
    point = [*formula[0], *formula[1]]  # q_i, p_i, the key line, its value
    scene.play(Indicate(chart.dots[worst], scale_factor=1.6, color=palette.TEXT), run_time=0.8)
    # q_i, then p_i, then the key line, each as the voice comes to it.
    scene.at_mark()
    scene.as_named(FadeIn(point[0]), FadeIn(point[1]), FadeIn(*point[2:]), run_time=1.5)
    whole_since = scene.frames
    scene.play(
        *pointing.point_at(fit_bars[worst]),
        FadeOut(point[3].copy(), target_position=fit_bars[worst].get_top()),
        run_time=1.2,
    )
    scene.play(
        LaggedStart(*(Indicate(b, scale_factor=1.0, color=palette.TEXT) for b in fit_bars), lag_ratio=0.1),
        run_time=1.5,
    )
    scene.hold()
    scene.read_formula(whole_since)

    # Sum: the green losses end to end, and the red ones.
    scene.say("back_to_loss", "sum")
    stack_range = story.class_stack_range
    stack_axis = charts.VerticalAxis(layout.CURVE_PANEL_LEFT, stack_range, step_digits(stack_range[2]), word("loss"))
    stacks, totals = _class_stacks(story, stack_axis)
    scene.play(
        FadeOut(chart.x_axis, chart.x_name, chart.curve, chart.dots, formula, stage.readouts),
        *charts.change_axis(chart.axis, stack_axis),
        run_time=1.0,
    )
    scene.remove(chart)
    scene.add(stack_axis)
    moves = [TransformFromCopy(fit_bars[i], segment) for i, segment in stacks]
    scene.play(LaggedStart(*moves, lag_ratio=0.1), run_time=3.0)
    scene.play(FadeIn(*totals), run_time=0.6)
    stage.stack, stage.stack_axis = [segment for _, segment in stacks], stack_axis
    scene.hold()

    # Fold: divided by N, the two sums become the two terms of the formula, in their colours.
    scene.say("back_to_loss", "fold")
    sums, bce = _fold(story)
    scene.play(
        FadeIn(sums[0], sums[2], sums[4]),
        *pointing.point_at(VGroup(*totals), sums[1], sums[3]),  # totals: green, then red
        run_time=1.5,
    )
    scene.play(*pointing.point_at(mean_line, sums[5]), run_time=0.8)
    whole_since = scene.frames
    scene.at_mark()  # narrated: "the two sums become the two terms"
    scene.read_formula(whole_since)
    scene.play(*(ReplacementTransform(a, b) for a, b in zip(sums, bce, strict=True)), run_time=2.0)
    scene.at_mark()  # narrated: "y i is 1 for a green point and 0 for a red one": the two terms
    scene.highlight(bce[1], bce[3])
    scene.hold()

    # KL: per point the truth is certain, so each loss bar is all KL divergence.
    scene.say("back_to_loss", "kl")
    per_point = _all_kl()
    scene.play(FadeIn(per_point), run_time=1.0)
    scene.hold()
    stage.formulas = VGroup(bce, per_point)


def _one_point(story, i: int) -> VGroup:
    """Point i's truth as a distribution, q_i, beside the model's, p_i (pairs red first, as the
    formulas write them); under them, from the left (clear of the chart's axis), the key line:
    their cross-entropy is -ln of the one probability q_i keeps, the true class's: the point's loss."""
    label, p_green = story.y[i], story.prob_green[i]
    pairs = pointing.coloured(
        (rf"q_i = (1 - y_i,\, y_i) = ({1 - label},\,{label})", palette.TEXT),
        # The model's distribution over the two classes, bold: built from the formula's p_i = P(green).
        (rf"\quad \mathbf{{p}}_i = (1 - p_i,\, p_i) = ({fmt(1 - p_green)},\,{fmt(p_green)})", palette.CURVE),
    )
    key = pointing.coloured(
        (rf"H_{{\mathbf{{p}}_i}}(q_i) = -\ln {fmt(story.prob_true_class[i])} =", palette.TEXT),
        (fmt(story.shown.losses[i]), palette.class_colour(label)),
    )
    pointing.strip(pairs).shift(ONE_POINT_RISE * UP)
    return VGroup(pairs, key.next_to(pairs, DOWN, buff=0.25, aligned_edge=LEFT))


def _fold(story) -> tuple[MathTex, MathTex]:
    """The two sums over N, and the formula they become: term for term, in the colours of their bars."""
    green_sum, red_sum = (fmt(v) for v in (story.shown.positive_loss_sum, story.shown.negative_loss_sum))
    positive, negative = palette.class_colour(1), palette.class_colour(0)
    sums = pointing.coloured(
        (rf"\frac{{1}}{{{story.n}}}\big[", palette.TEXT),
        (green_sum, positive),
        ("+", palette.TEXT),
        (red_sum, negative),
        # (green + red) / N as shown need not round to the mean: then it is "approximately".
        (r"\big] =" if story.shown.fold_is_exact else r"\big] \approx", palette.TEXT),
        (fmt(story.mean_loss), palette.MEAN),
    )
    bce = pointing.coloured(
        (r"\mathrm{BCE} = -\frac{1}{N}\sum_{i=1}^{N}\Big[", palette.TEXT),
        (r"y_i \ln p_i", positive),
        ("+", palette.TEXT),
        (r"(1-y_i)\ln(1-p_i)", negative),
        (r"\Big] =", palette.TEXT),
        (fmt(story.mean_loss), palette.MEAN),
    )
    for line in (sums, bce):
        pointing.strip(line)
    return sums, bce


def _all_kl() -> MathTex:
    """Per point the truth is certain: its loss is all KL divergence. Under the stacks, where no value hangs."""
    per_point = pointing.coloured(
        (r"H(q_i) = 0", palette.LOSS),
        (r"\;\Rightarrow\;", palette.TEXT),
        (r"-\ln P(\text{true}) = D_{\mathrm{KL}}(q_i\,\|\,\mathbf{p}_i)", palette.TEXT),
    )
    per_point.scale_to_fit_width(min(per_point.width, PER_POINT_WIDTH)).move_to([*PER_POINT_AT, 0])
    return per_point


def _class_stacks(story, axis: charts.VerticalAxis) -> tuple[list, list]:
    """The green losses end to end in one column and the red in another, each topped by its sum
    (green first, as the formula reads)."""
    stacks, totals = [], []
    for column, label in enumerate((1, 0)):
        tops = story.class_stack_tops[label]
        x = STACKS_X + column * STACKS_GAP
        colour = palette.class_colour(label)
        members = [i for i in story.order_by_x if story.y[i] == label]
        for i, bottom, top in zip(members, (0.0, *tops[:-1]), tops, strict=True):
            stacks.append((i, charts.bar(x, axis.y_of(bottom), axis.y_of(top), CLASS_STACK_WIDTH, colour)))
        # Labelled with the sum of the losses as shown (bce_math/shown.py); as tall as the exact sum.
        shown_sum = story.shown.positive_loss_sum if label == 1 else story.shown.negative_loss_sum
        totals.append(lettering.number(shown_sum, colour=colour).next_to([x, axis.y_of(tops[-1]), 0], UP, buff=0.15))
    return stacks, totals


LADDER_AXIS_X, LEADER_RUN = -5.0, 0.5
# The cards' right edge: clear of the side band, also while the narrated cut flashes one
# (scene.highlight: Indicate, 1.08 times its size about its centre).
LABEL_RIGHT = layout.SAFE_SIDE - 0.3
LABEL_GAP = 1.15  # between two rung cards' centres: nearby rungs get their cards pushed apart
THUMB_WIDTH, THUMB_HEIGHT = 1.7, 0.85  # each rung's model, drawn small on Part I's axes
LADDER_TOP = 2.6  # the cards' highest edge: below the caption
# The four models on the ladder, in the story's order: their word, and the colour of their rung.
# Colours keep their meaning: the class rate costs H(q), drawn in the loss colour of its line since
# chapter 15; the fit keeps its curve's colour; the fit without a penalty has a colour of its own.
RUNGS = (("ladder_coin", "MUTED"), ("ladder_rate", "LOSS"), ("ladder_fit", "CURVE"), ("ladder_free", "TEXT"))


def _rungs(story, axis: charts.VerticalAxis) -> list[VGroup]:
    """A rung per model: a line at its cost from the axis, a leader to its card (the model drawn
    small in the rung's colour; its name and cost). The cards stand as far right as the widest
    lets them; the rungs reach toward them."""
    heights = [axis.y_of(cost) for cost in story.ladder]
    cards = []
    for (key, colour_name), cost, (w, b) in zip(RUNGS, story.ladder, story.ladder_models, strict=True):
        colour = getattr(palette, colour_name)
        text = VGroup(lettering.label(word(key), fonts.LABEL_SIZE, colour), lettering.number(cost))
        text.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        thumbnail = charts.Thumbnail(story, w, b, colour, THUMB_WIDTH, THUMB_HEIGHT)
        cards.append(VGroup(thumbnail, text).arrange(RIGHT, buff=0.2))
    label_x = LABEL_RIGHT - max(card.width for card in cards)
    rung_end = label_x - LEADER_RUN
    card_ys = spread(heights, LABEL_GAP)
    # Under the caption's band, even where two rungs coincide (labels split half and half).
    too_high = max(card_ys) + max(card.height for card in cards) / 2 - LADDER_TOP
    card_ys = [y - max(too_high, 0.0) for y in card_ys]
    rungs = []
    for (_, colour_name), card, y, card_y in zip(RUNGS, cards, heights, card_ys, strict=True):
        colour = getattr(palette, colour_name)
        line = Line([LADDER_AXIS_X, y, 0], [rung_end, y, 0], color=colour, stroke_width=5)
        leader = Line([rung_end, y, 0], [label_x - 0.1, card_y, 0], color=colour, stroke_width=2)
        rungs.append(VGroup(line, leader, card.move_to([label_x, card_y, 0], aligned_edge=LEFT)))
    return rungs


def ladder(scene: StoryScene) -> None:
    """20. The ladder: four models on one loss axis; H(q) is the best cost without x, not a floor."""
    story, stage = scene.story, scene.stage
    axis = charts.VerticalAxis(LADDER_AXIS_X, story.ladder_range, step_digits(story.ladder_range[2]), word("loss"))
    rungs = _rungs(story, axis)
    stage.value_axis, stage.rungs = axis, rungs

    # Flat models: a coin flip and the class rate, neither looks at x.
    scene.clear_stage(caption=True)
    scene.play(Create(axis), run_time=1.0)
    scene.say("ladder", "flat")
    scene.as_named(*(FadeIn(rung) for rung in rungs[:2]))
    scene.at_mark()  # narrated: "the best any such model can do"
    scene.highlight(*rungs[1])  # line, leader and card each about its own centre: the card stays put
    scene.hold()

    # Models that use x: the fit, and the lowest a sigmoid reaches without the penalty.
    scene.say("ladder", "fit")
    scene.as_named(*(FadeIn(rung) for rung in rungs[2:]))
    scene.at_mark()
    scene.highlight(*rungs[3])
    scene.hold()

    # The trap resolved: the gap between the class rate and the fit is what x buys.
    scene.say("ladder", "trap")
    brace_x = rungs[0][0].get_end()[0] - 1.0  # a little in from the rungs' ends
    span = Line([brace_x, axis.y_of(story.mean_loss), 0], [brace_x, axis.y_of(story.flat_rate_loss), 0])
    saved = pointing.brace_label(span, word("x_saves"), LEFT, palette.MEAN)
    saved.add(lettering.number(story.shown.gain_from_x, colour=palette.MEAN).next_to(saved[1], DOWN, buff=0.08))
    scene.play(FadeIn(saved), run_time=1.0)
    scene.at_mark()
    scene.highlight(saved)
    scene.hold()
    stage.formulas = VGroup(axis, *rungs, saved)


ONE_POINT_RISE = 0.25  # chapter 19's two formula lines, up toward the caption, clear of the charts
STACKS_X, STACKS_GAP, CLASS_STACK_WIDTH = 2.6, 2.2, 1.0  # chapter 18's green and red columns
PER_POINT_AT, PER_POINT_WIDTH = (3.6, layout.SAFE_BOTTOM + 0.35), 5.8  # above the subtitles' band

LIKELIHOOD_BARS_WIDTH = 5.7  # the probability bars, from the chart's left edge: clear of the product's name
# The product bar, then the loss stack on its axis; right of the stack, the room for its sum's column.
PRODUCT_X, STACK_AXIS_X, STACK_X = 1.45, 3.35, 3.95
PRODUCT_READOUT_RISE = 0.25  # the likelihood's readout: its lowest edge above the charts' top
STACK_WIDTH = 0.55
SUM_GAP = 0.2  # between the stack and the column computing from it


def _likelihood_bars(scene: StoryScene) -> tuple[list, list]:
    """The probability of each point's true class, left to right in class colours (as in chapter 9)."""
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


def likelihood(scene: StoryScene) -> None:
    """21. Why the log: the bars multiply into the likelihood; -ln turns the product into the losses end to end."""
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

    # Log: -ln turns each factor into its loss, the product into a sum: the losses end to end.
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
        LaggedStart(*(TransformFromCopy(b, seg) for b, seg in zip(bars, stack, strict=True)), lag_ratio=0.15),
        run_time=3.0,
    )
    scene.play(FadeIn(total), run_time=0.6)
    scene.hold()

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
    stage.formulas = VGroup(axis, *bars, *values, product, readout, stack_axis, *stack, total, mean)


def closing(scene: StoryScene) -> None:
    """Closing card: the formula, the final number, and where to try it with other points."""
    story = scene.story
    heading = lettering.label(caption("closing", "title", story), fonts.TITLE_SIZE)
    bce = pointing.formula(
        r"-\frac{1}{N}\sum_{i=1}^{N}\Big[y_i \ln p_i + (1-y_i)\ln(1-p_i)\Big]", size=fonts.FORMULA_SIZE + 6
    )
    value = lettering.number(story.mean_loss, 4, fonts.TITLE_SIZE, palette.MEAN)
    note = lettering.label(caption("closing", "data", story), fonts.SUBTITLE_SIZE, palette.MUTED)
    lab = lettering.label(caption("closing", "lab", story), fonts.CAPTION_SIZE, palette.CURVE)
    VGroup(heading, bce, value, note, lab).arrange(DOWN, buff=0.4)
    # Summary: the stage clears and the card stands alone: the formula, and its value for these points.
    scene.clear_stage()
    scene.unsay()
    scene.subtitle("closing", "summary")
    scene.play(FadeIn(heading, shift=0.2 * DOWN), run_time=1.0)
    scene.play(Write(bce), run_time=2.0)
    scene.play(FadeIn(value, shift=0.2 * UP), FadeIn(note), run_time=1.0)
    scene.wait(1.0)
    # Lab: where the viewer moves the points and sees the same numbers.
    scene.subtitle("closing", "lab")
    scene.play(FadeIn(lab, shift=0.2 * UP), run_time=1.0)
    scene.wait(max(3.5, pacing.wait_for_speech(scene.clock, scene.speech_end)))  # the voice ends before the video
