"""Part III, show me the math: q(y), entropy, cross-entropy, KL divergence, back to the loss."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Line,
    MathTex,
    Rectangle,
    ReplacementTransform,
    Succession,
    Transform,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
    config,
    linear,
    smooth,
)

from bce_math import fmt
from bce_math.display import step_digits
from scenes import fonts, layout, mobjects, palette
from scenes.base import StoryScene
from scenes.layout import BASELINE_Y, Chart, spread
from scenes.narration import caption, word

Q_BARS_X = layout.LEFT_PANEL[0] + layout.LEFT_PANEL[1] / 2  # the bars of q(y): the left panel's middle
STRIP_Y = 2.5  # formulas, between the caption and the charts
STRIP_MAX_WIDTH = 12.8
READOUT_LEFT, READOUT_Y = layout.CURVE_PANEL_LEFT - 0.7, -3.35  # live numbers, under the model chart
VALUE_GAP = 0.1
LINE_WIDTH = 4


def _strip(*formulas) -> VGroup:
    """A line of formulas under the caption, centred, fitted to the frame's width."""
    row = VGroup(*formulas).arrange(RIGHT, buff=0.5)
    if row.width > STRIP_MAX_WIDTH:
        row.scale_to_fit_width(STRIP_MAX_WIDTH)
    return row.move_to([0, STRIP_Y, 0])


def _readouts(*values) -> VGroup:
    """Live numbers in a row under the model chart (no bar's value hangs there), each named in the
    colour of the line it measures."""
    return VGroup(*values).arrange(RIGHT, buff=0.45).move_to([READOUT_LEFT, READOUT_Y, 0], aligned_edge=LEFT)


def _point_at(source, *formulas) -> list:
    """Name where a formula comes from: the source flashes while the formula fades in.

    (A copy flying out of a number would print it over itself as it leaves.)"""
    return [Indicate(source, scale_factor=1.1, color=palette.TEXT), *(FadeIn(f, shift=0.15 * DOWN) for f in formulas)]


def _coloured(*parts: tuple[str, str]) -> MathTex:
    """A formula whose parts each take the colour of the picture's object they stand for."""
    tex = mobjects.formula(*(part for part, _ in parts))
    for piece, (_, colour) in zip(tex, parts, strict=True):
        piece.set_color(colour)
    return tex


def _loss_bars(scene: StoryScene, axis: mobjects.VerticalAxis, losses) -> tuple[list, list]:
    """Each point's loss as a bar in the left panel, left to right in x order, its value below."""
    story = scene.story
    left, width = layout.LEFT_PANEL
    centres = layout.slot_centers(story.n, left, width)
    bar_width = layout.bar_width(width / story.n)
    bars, values = [None] * story.n, [None] * story.n
    for slot, i in enumerate(story.order_by_x):
        colour = palette.class_colour(story.y[i])
        bars[i] = mobjects.bar(centres[slot], BASELINE_Y, axis.y_of(losses[i]), bar_width, colour)
        anchor = [centres[slot], BASELINE_Y - VALUE_GAP, 0]
        values[i] = mobjects.value_below(losses[i], anchor, scene.readable_values[i])
    return bars, values


def _level(axis: mobjects.VerticalAxis, value: float, colour: str, dashed: bool = False) -> Line:
    """A horizontal line across the bar panel at a loss value."""
    left, width = layout.LEFT_PANEL
    start, end = [left, axis.y_of(value), 0], [left + width, axis.y_of(value), 0]
    line = DashedLine(start, end) if dashed else Line(start, end)
    return line.set_stroke(colour, LINE_WIDTH)


def _flat_label(chart: mobjects.ModelChart, c: float) -> mobjects.LiveValue:
    """The flat model's c, in its line's colour."""
    label = mobjects.LiveValue("c", c, colour=palette.CURVE)
    # Under the line's right end: between the rows of points, where nothing else stands.
    return label.next_to([chart.left + chart.span, Chart.p_to_screen(c) - 0.12, 0], DOWN + LEFT, buff=0)


def _slide(scene: StoryScene, start: int, end: int, run_time: float) -> None:
    """Move the flat model along its path: its line, the bars, the mean line and the numbers follow one step."""
    story, stage = scene.story, scene.stage
    path, axis, chart = story.flat_path, stage.value_axis, stage.model_chart
    step = ValueTracker(start)

    def now() -> int:
        return round(step.get_value())

    def follow_bar(i: int):
        def follow(bar) -> None:
            top = axis.y_of(path.losses[now(), i])
            bar.stretch_to_fit_height(max(top - BASELINE_Y, 1e-3)).align_to([0, BASELINE_Y, 0], DOWN)

        return follow

    chart.curve.add_updater(lambda m: m.become(chart.flat(path.c[now()])))
    stage.flat_label.add_updater(lambda m: m.set_value(path.c[now()]).move_to(_flat_label(chart, path.c[now()])))
    stage.mean_line.add_updater(lambda m: m.set_y(axis.y_of(path.mean_loss[now()])))
    stage.readouts[1].add_updater(lambda m: m.set_value(path.mean_loss[now()]))
    stage.readouts[2].add_updater(lambda m: m.set_value(path.gap[now()]))
    for i, bar in enumerate(stage.bars):
        bar.add_updater(follow_bar(i))
    moving = [chart.curve, stage.flat_label, stage.mean_line, *stage.readouts, *stage.bars]
    scene.play(FadeOut(*stage.bar_values), run_time=0.4)  # numbers that change every frame cannot be read
    scene.play(step.animate.set_value(end), run_time=run_time, rate_func=smooth)
    for mobject in moving:
        mobject.clear_updaters()
    stage.bar_values = _loss_bars(scene, axis, path.losses[end])[1]
    scene.play(FadeIn(*stage.bar_values), run_time=0.4)


def _flat_model(story) -> tuple:
    """Part I's chart for flat models: the loss axis with the H(q) line, the live numbers under the
    model chart, and the chart itself with its line at c = q(1) and the label of c."""
    axis = mobjects.VerticalAxis(
        layout.CHART_LEFT - mobjects.AXIS_GAP,
        story.part3_loss_range,
        step_digits(story.part3_loss_range[2]),
        word("loss"),
    )
    entropy_line = _level(axis, story.entropy_q, palette.LOSS)
    readouts = _readouts(
        mobjects.LiveValue("H(q)", story.entropy_q, size=fonts.TICK_SIZE, colour=palette.LOSS),
        mobjects.LiveValue(word("mean"), story.flat_rate_loss, size=fonts.TICK_SIZE, colour=palette.MEAN),
        mobjects.LiveValue("KL", story.flat_path.gap[-1], size=fonts.TICK_SIZE),  # its place kept for chapter 17
    )
    chart = mobjects.ModelChart(story, layout.CURVE_PANEL_LEFT, layout.CURVE_PANEL_WIDTH, story.q[1])
    flat_label = _flat_label(chart, story.q[1])
    return axis, entropy_line, readouts, chart, flat_label


def distribution(scene: StoryScene) -> None:
    """14. Distribution: the points drop into two piles, counted into the bars of q(y)."""
    story, chart, stage = scene.story, scene.chart, scene.stage
    line = mobjects.NumberLine(story, chart.middle_y)
    points = [mobjects.class_point(y, chart.point(x, 0.5)) for x, y in zip(story.x, story.y, strict=True)]
    q_bars = mobjects.DistributionBars(story.q, Q_BARS_X)
    axis = mobjects.VerticalAxis(layout.CHART_LEFT - mobjects.AXIS_GAP, (0.0, 1.0, 0.5), 1, "q(y)")
    # A pile of k points stands k / N of the way up: the pile is the bar.
    rise = (Chart.p_to_screen(1.0) - BASELINE_Y) / story.n
    rank = [sum(1 for j in range(i) if story.y[j] == story.y[i]) for i in range(story.n)]
    piles = [[q_bars.x_of(y, Q_BARS_X), BASELINE_Y + (r + 0.5) * rise, 0] for y, r in zip(story.y, rank, strict=True)]
    counts = (story.n_negative, story.n_positive)
    shares = [
        _coloured(
            (rf"q(y{{=}}{cls}) = \frac{{{counts[cls]}}}{{{story.n}}} = {fmt(story.q[cls])}", palette.class_colour(cls))
        )
        for cls in (0, 1)
    ]
    stage.q_bars, stage.formulas, stage.points, stage.value_axis = q_bars, _strip(*shares), points, axis

    # Points: the labelled points again, on their line.
    scene.say("distribution", "counts")
    scene.clear_stage()
    scene.play(Create(line), LaggedStart(*(FadeIn(p, scale=0.5) for p in points), lag_ratio=0.1), run_time=1.5)
    # Piles: each point drops onto its class's pile; the piles become the bars.
    scene.play(
        FadeOut(line),
        LaggedStart(*(p.animate.move_to(pile) for p, pile in zip(points, piles, strict=True)), lag_ratio=0.08),
        FadeIn(q_bars.names),
        Create(axis),
        run_time=2.5,
    )
    pile_of = [VGroup(*(p for p, y in zip(points, story.y, strict=True) if y == cls)) for cls in (0, 1)]
    scene.play(
        *(ReplacementTransform(pile_of[cls], q_bars.bars[cls]) for cls in (0, 1)), FadeIn(q_bars.values), run_time=1.2
    )
    scene.play(*_point_at(q_bars.values, *shares), run_time=1.2)
    scene.add(q_bars)
    scene.hold()
    # q: the two shares are one distribution over the classes.
    scene.say("distribution", "q")
    scene.play(Indicate(q_bars.bars, scale_factor=1.05, color=palette.TEXT), run_time=1.2)
    scene.hold()


def entropy(scene: StoryScene) -> None:
    """15. Entropy: the curve of H over the share of green; the flat curve at c = q(1) averages H(q)."""
    story, stage = scene.story, scene.stage
    curve = mobjects.EntropyCurve(story, layout.CURVE_PANEL_LEFT, layout.CURVE_PANEL_WIDTH)
    share = ValueTracker(1.0)
    tracer = mobjects.EntropyTracer(curve, 1.0)
    tracer.add_updater(lambda m: m.follow(share.get_value()))

    # Idea: the entropy of two classes, for every share of green.
    scene.say("entropy", "idea")
    scene.play(FadeOut(stage.formulas), Create(curve), run_time=2.0)
    scene.hold()
    # Certain, even, ours: the dot visits all green, half and half, and the labels' own share.
    for beat, target in (("certain", 1.0), ("even", 0.5), ("ours", story.q[1])):
        scene.say("entropy", beat)
        if beat == "certain":
            scene.play(FadeIn(tracer), run_time=0.8)
        else:
            scene.play(share.animate.set_value(target), run_time=2.0)
        scene.hold()
    tracer.clear_updaters()
    at_q = curve.point(story.q[1], story.entropy_q)
    guide = mobjects.guide(at_q, curve.point(0.0, story.entropy_q))
    scene.play(Create(guide), run_time=0.8)

    # Flat: the share as a model, P(green) = q(1) at every x; its loss bars on Part I's chart.
    scene.say("entropy", "flat")
    axis, entropy_line, readouts, chart, flat_label = _flat_model(story)
    bars, values = _loss_bars(scene, axis, story.flat_path.losses[-1])
    scene.play(
        FadeOut(stage.q_bars),
        *mobjects.change_axis(stage.value_axis, axis),
        TransformFromCopy(guide, entropy_line),
        Indicate(tracer.entropy, scale_factor=1.1, color=palette.TEXT),
        run_time=1.5,
    )
    # The entropy curve leaves before the model chart comes (two sets of axis labels in one place
    # cannot be read); H(q)'s number comes with it, under the chart.
    scene.play(
        Succession(FadeOut(curve, tracer, guide, run_time=0.6), FadeIn(chart, flat_label, readouts[0], run_time=0.8))
    )
    scene.play(LaggedStart(*(GrowFromEdge(b, DOWN) for b in bars), lag_ratio=0.08), FadeIn(*values), run_time=2.0)
    scene.remove(stage.value_axis)
    scene.add(axis)
    stage.value_axis, stage.bars, stage.bar_values = axis, bars, values
    stage.model_chart, stage.flat_label, stage.entropy_line = chart, flat_label, entropy_line
    scene.hold()

    # Mean: the bars level out exactly onto the H(q) line.
    scene.say("entropy", "mean")
    mean_line = _level(axis, story.flat_rate_loss, palette.MEAN, dashed=True)
    level = [
        mobjects.bar(b.get_x(), BASELINE_Y, mean_line.get_y(), b.width, palette.MEAN).set_fill(opacity=0.35)
        for b in bars
    ]
    scene.play(*(TransformFromCopy(b, flat) for b, flat in zip(bars, level, strict=True)), run_time=1.5)
    scene.play(Create(mean_line), FadeOut(*level), FadeIn(readouts[1]), run_time=1.0)
    scene.bring_to_front(entropy_line, mean_line)  # lines over the bars, as on a printed chart
    stage.mean_line, stage.readouts = mean_line, readouts
    scene.hold()


def cross_entropy(scene: StoryScene) -> None:
    """16. Cross-entropy: the flat curve at the coin flip; its mean is H_p(q), above H(q)."""
    story, stage = scene.story, scene.stage
    p0, p1 = (fmt(v, 2) for v in story.other)
    q0, q1 = (fmt(v, 2) for v in story.q)
    negative, positive = palette.class_colour(0), palette.class_colour(1)
    general = _coloured(
        (r"H_p(q) = -\big[", palette.TEXT),
        (rf"{q0}\ln {p0}", negative),
        (" + ", palette.TEXT),
        (rf"{q1}\ln {p1}", positive),
        (rf"\big] = {fmt(story.cross_entropy_other)}", palette.MEAN),
        (rf"> H(q) = {fmt(story.entropy_q)}", palette.LOSS),
    )
    _strip(general)

    # Flat start: c goes to the coin flip, where chapter 4's fit began; every bar and the mean follow.
    scene.say("cross_entropy", "flat")
    _slide(scene, len(story.flat_path) - 1, 0, run_time=2.5)
    scene.hold()
    # Formula: the mean is the labels' shares weighing the model's logs: the cross-entropy.
    scene.say("cross_entropy", "formula")
    scene.play(*_point_at(stage.readouts[1], general[:5]), run_time=1.5)
    scene.play(*_point_at(stage.readouts[0], general[5]), run_time=1.0)
    stage.formulas = general
    scene.hold()


def kl_divergence(scene: StoryScene) -> None:
    """17. KL divergence: the gap between the mean line and H(q), closing as c slides to q(1)."""
    story, stage = scene.story, scene.stage
    definition = _coloured(
        (r"D_{\mathrm{KL}}(q\,\|\,p)", palette.TEXT),
        ("=", palette.TEXT),
        ("H_p(q)", palette.MEAN),
        ("-", palette.TEXT),
        ("H(q)", palette.LOSS),
        (r"\ge 0", palette.TEXT),
    )
    definition.move_to([0, STRIP_Y, 0])
    left, width = layout.LEFT_PANEL
    # The band between the two lines: what believing p costs beyond the labels' own uncertainty.
    gap = always_redraw(
        lambda: (
            Rectangle(
                width=width, height=max(stage.mean_line.get_y() - stage.entropy_line.get_y(), 1e-3), stroke_width=0
            )
            .set_fill(palette.TEXT, 0.3)
            .move_to([left + width / 2, (stage.mean_line.get_y() + stage.entropy_line.get_y()) / 2, 0])
        )
    )

    # Gap: between the two lines, the extra cost of believing p.
    scene.say("kl_divergence", "gap")
    scene.play(FadeOut(stage.formulas), run_time=0.5)
    stage.readouts[2].set_value(story.flat_path.gap[0])  # off screen until now, so not followed before
    scene.play(FadeIn(definition), Create(gap), FadeIn(stage.readouts[2]), run_time=1.2)
    scene.hold()
    # Shrink: c slides to the class rate; the gap closes to exactly 0.
    scene.say("kl_divergence", "shrink")
    _slide(scene, 0, len(story.flat_path) - 1, run_time=5.0)
    gap.clear_updaters()
    scene.play(FadeOut(gap), run_time=0.3)
    scene.hold()
    stage.formulas = definition


def back_to_loss(scene: StoryScene) -> None:
    """18. Back to the loss: the fit returns; per point the cross-entropy is its loss bar; stacks fold into BCE."""
    story, stage = scene.story, scene.stage
    axis, chart = stage.value_axis, stage.model_chart
    worst = story.worst_point
    fit_bars, fit_values = _loss_bars(scene, axis, story.losses)
    mean_line = _level(axis, story.mean_loss, palette.MEAN, dashed=True)

    # Fit: the flat line bends into the fitted sigmoid; the bars become its losses, the mean falls below H(q).
    scene.say("back_to_loss", "fit")
    scene.play(FadeOut(stage.formulas, stage.flat_label, *stage.bar_values, stage.readouts), run_time=0.6)
    scene.play(
        Transform(chart.curve, chart.sigmoid(story.w, story.b)),
        *(ReplacementTransform(old, new) for old, new in zip(stage.bars, fit_bars, strict=True)),
        ReplacementTransform(stage.mean_line, mean_line),
        run_time=2.0,
    )
    scene.play(FadeIn(*fit_values), run_time=0.6)
    stage.bars, stage.bar_values, stage.mean_line = fit_bars, fit_values, mean_line
    scene.hold()

    # Point: the truth is one-hot, so the cross-entropy picks -ln of one probability: its loss bar.
    scene.say("back_to_loss", "point")
    point = _one_point(story, worst)
    formula = _strip(point)
    scene.play(Indicate(chart.dots[worst], scale_factor=1.6, color=palette.TEXT), FadeIn(formula), run_time=1.2)
    scene.play(
        *_point_at(fit_bars[worst]), FadeOut(point[3].copy(), target_position=fit_bars[worst].get_top()), run_time=1.2
    )
    scene.play(
        LaggedStart(*(Indicate(b, scale_factor=1.0, color=palette.TEXT) for b in fit_bars), lag_ratio=0.1),
        run_time=1.5,
    )
    scene.hold()

    # Sum: the green losses end to end, and the red ones.
    scene.say("back_to_loss", "sum")
    stack_range = story.class_stack_range
    stack_axis = mobjects.VerticalAxis(layout.CURVE_PANEL_LEFT, stack_range, step_digits(stack_range[2]), word("loss"))
    stacks, totals = _class_stacks(story, stack_axis)
    scene.play(
        FadeOut(chart.x_axis, chart.x_name, chart.curve, chart.dots, formula),
        *mobjects.change_axis(chart.axis, stack_axis),
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
        *_point_at(VGroup(*totals), sums[1], sums[3]),  # totals: green, then red
        run_time=1.5,
    )
    scene.play(*_point_at(mean_line, sums[5]), run_time=0.8)
    scene.hold()
    scene.play(*(ReplacementTransform(a, b) for a, b in zip(sums, bce, strict=True)), run_time=2.0)
    scene.hold()

    # KL: per point the truth is certain, so each loss bar is all KL divergence.
    scene.say("back_to_loss", "kl")
    per_point = _all_kl()
    scene.play(FadeIn(per_point), run_time=1.0)
    scene.hold()
    stage.formulas = VGroup(bce, per_point)


def _one_point(story, i: int) -> MathTex:
    """Point i's truth, one-hot, beside the model's guess, and the one -ln the cross-entropy keeps."""
    label, p_green = story.y[i], story.prob_green[i]
    return _coloured(
        (rf"q_i = ({1 - label},\,{label})", palette.TEXT),
        (rf"\quad p_i = ({fmt(1 - p_green)},\,{fmt(p_green)})", palette.CURVE),
        (rf"\quad H_{{p_i}}(q_i) = -\ln {fmt(story.prob_true_class[i])} =", palette.TEXT),
        (fmt(story.losses[i]), palette.class_colour(label)),
    )


def _fold(story) -> tuple[MathTex, MathTex]:
    """The two sums over N, and the formula they become: term for term, in the colours of their bars."""
    green_sum, red_sum = (fmt(v) for v in (story.positive_loss_sum, story.negative_loss_sum))
    positive, negative = palette.class_colour(1), palette.class_colour(0)
    sums = _coloured(
        (rf"\frac{{1}}{{{story.n}}}\big[", palette.TEXT),
        (green_sum, positive),
        ("+", palette.TEXT),
        (red_sum, negative),
        (r"\big] =", palette.TEXT),
        (fmt(story.mean_loss), palette.MEAN),
    )
    bce = _coloured(
        (r"\mathrm{BCE} = -\frac{1}{N}\sum_{i=1}^{N}\Big[", palette.TEXT),
        (r"y_i \ln p_i", positive),
        ("+", palette.TEXT),
        (r"(1-y_i)\ln(1-p_i)", negative),
        (r"\Big] =", palette.TEXT),
        (fmt(story.mean_loss), palette.MEAN),
    )
    for line in (sums, bce):
        _strip(line)
    return sums, bce


def _all_kl() -> MathTex:
    """Per point the truth is certain: its loss is all KL divergence. Under the stacks, where no value hangs."""
    per_point = _coloured(
        (r"H(q_i) = 0", palette.LOSS),
        (r"\;\Rightarrow\;", palette.TEXT),
        (r"-\ln p_i(y_i) = D_{\mathrm{KL}}(q_i\,\|\,p_i)", palette.TEXT),
    )
    per_point.scale_to_fit_width(min(per_point.width, PER_POINT_WIDTH)).move_to([*PER_POINT_AT, 0])
    return per_point


def _class_stacks(story, axis: mobjects.VerticalAxis) -> tuple[list, list]:
    """The green losses end to end in one column and the red in another, each topped by its sum
    (green first, as the formula reads)."""
    stacks, totals = [], []
    for column, label in enumerate((1, 0)):
        tops = story.class_stack_tops[label]
        x = STACKS_X + column * STACKS_GAP
        colour = palette.class_colour(label)
        members = [i for i in story.order_by_x if story.y[i] == label]
        for i, bottom, top in zip(members, (0.0, *tops[:-1]), tops, strict=True):
            stacks.append((i, mobjects.bar(x, axis.y_of(bottom), axis.y_of(top), CLASS_STACK_WIDTH, colour)))
        totals.append(mobjects.number(tops[-1], colour=colour).next_to([x, axis.y_of(tops[-1]), 0], UP, buff=0.15))
    return stacks, totals


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


STACKS_X, STACKS_GAP, CLASS_STACK_WIDTH = 2.6, 2.2, 1.0  # chapter 18's green and red columns
PER_POINT_AT, PER_POINT_WIDTH = (3.7, -3.4), 5.8

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
    readout = mobjects.LiveValue(word("likelihood"), partials[0], small=True)
    # Beside the product bar, unless its longest number (a power of ten, for many points) needs more room.
    left = min(PRODUCT_X + 0.45, config.frame_width / 2 - layout.SAFE_MARGIN - readout.room(partials))
    readout.next_to([left, 0, 0], RIGHT, buff=0)
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
