"""Part III, the math on the flat model: q(y), entropy, cross-entropy and the KL divergence (chapters 14-17)."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Create,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Rectangle,
    ReplacementTransform,
    Succession,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    always_redraw,
    smooth,
)

from bce_math import fmt, step_digits
from scenes.narration import word
from scenes.stage import charts, fonts, layout, live, palette, pointing
from scenes.stage.layout import BASELINE_Y, Chart
from scenes.stage.scene import StoryScene

Q_BARS_X = layout.LEFT_PANEL[0] + layout.LEFT_PANEL[1] / 2  # the bars of q(y): the left panel's middle
READOUT_LEFT, READOUT_Y = layout.CURVE_PANEL_LEFT - 0.7, -3.35  # live numbers, under the model chart


def _readouts(*values) -> VGroup:
    """Live numbers in a row under the model chart (no bar's value hangs there), each named in the
    colour of the line it measures."""
    return VGroup(*values).arrange(RIGHT, buff=0.45).move_to([READOUT_LEFT, READOUT_Y, 0], aligned_edge=LEFT)


def _flat_label(chart: charts.ModelChart, c: float) -> live.LiveValue:
    """The flat model's c, in its line's colour."""
    label = live.LiveValue("c", c, colour=palette.CURVE)
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
    stage.readouts[2].add_updater(lambda m: m.set_value(story.shown.flat_gap[now()]))
    for i, bar in enumerate(stage.bars):
        bar.add_updater(follow_bar(i))
    moving = [chart.curve, stage.flat_label, stage.mean_line, *stage.readouts, *stage.bars]
    scene.play(FadeOut(*stage.bar_values), run_time=0.4)  # numbers that change every frame cannot be read
    scene.play(step.animate.set_value(end), run_time=run_time, rate_func=smooth)
    for mobject in moving:
        mobject.clear_updaters()
    stage.bar_values = charts.loss_bars(story, axis, path.losses[end], scene.readable_values)[1]
    scene.play(FadeIn(*stage.bar_values), run_time=0.4)


def _flat_model(story) -> tuple:
    """Part I's chart for flat models: the loss axis with the H(q) line, the live numbers under the
    model chart, and the chart itself with its line at c = q(1) and the label of c."""
    axis = charts.VerticalAxis(
        layout.CHART_LEFT - charts.AXIS_GAP,
        story.part3_loss_range,
        step_digits(story.part3_loss_range[2]),
        word("loss"),
    )
    entropy_line = charts.level(axis, story.entropy_q, palette.LOSS)
    readouts = _readouts(
        live.LiveValue("H(q)", story.entropy_q, size=fonts.TICK_SIZE, colour=palette.LOSS),
        live.LiveValue(word("mean"), story.flat_rate_loss, size=fonts.TICK_SIZE, colour=palette.MEAN),
        live.LiveValue("KL", story.shown.flat_gap[-1], size=fonts.TICK_SIZE),  # its place kept for chapter 17
    )
    chart = charts.ModelChart(story, layout.CURVE_PANEL_LEFT, layout.CURVE_PANEL_WIDTH, story.q[1])
    flat_label = _flat_label(chart, story.q[1])
    return axis, entropy_line, readouts, chart, flat_label


def distribution(scene: StoryScene) -> None:
    """14. Distribution: the points drop into two piles, counted into the bars of q(y)."""
    story, chart, stage = scene.story, scene.chart, scene.stage
    line = charts.NumberLine(story, chart.middle_y)
    points = [charts.class_point(y, chart.point(x, 0.5)) for x, y in zip(story.x, story.y, strict=True)]
    q_bars = charts.DistributionBars(story.q, Q_BARS_X)
    axis = charts.VerticalAxis(layout.CHART_LEFT - charts.AXIS_GAP, (0.0, 1.0, 0.5), 1, "q(y)")
    # A pile of k points stands k / N of the way up: the pile is the bar.
    rise = (Chart.p_to_screen(1.0) - BASELINE_Y) / story.n
    rank = [sum(1 for j in range(i) if story.y[j] == story.y[i]) for i in range(story.n)]
    piles = [[q_bars.x_of(y, Q_BARS_X), BASELINE_Y + (r + 0.5) * rise, 0] for y, r in zip(story.y, rank, strict=True)]
    counts = (story.n_negative, story.n_positive)
    shares = [
        pointing.coloured(
            (rf"q(y{{=}}{cls}) = \frac{{{counts[cls]}}}{{{story.n}}} = {fmt(story.q[cls])}", palette.class_colour(cls))
        )
        for cls in (0, 1)
    ]
    stage.q_bars, stage.formulas, stage.points, stage.value_axis = q_bars, pointing.strip(*shares), points, axis

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
    scene.play(*pointing.point_at(q_bars.values, *shares), run_time=1.2)
    scene.add(q_bars)
    scene.hold()
    # q: the two shares are one distribution over the classes.
    scene.say("distribution", "q")
    scene.play(Indicate(q_bars.bars, scale_factor=1.05, color=palette.TEXT), run_time=1.2)
    scene.hold()


def entropy(scene: StoryScene) -> None:
    """15. Entropy: the curve of H over the share of green; the flat curve at c = q(1) averages H(q)."""
    story, stage = scene.story, scene.stage
    curve = charts.EntropyCurve(story, layout.CURVE_PANEL_LEFT, layout.CURVE_PANEL_WIDTH)
    share = ValueTracker(1.0)
    tracer = live.EntropyTracer(curve, 1.0)
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
    guide = pointing.guide(at_q, curve.point(0.0, story.entropy_q))
    scene.play(Create(guide), run_time=0.8)

    # Flat: the share as a model, P(green) = q(1) at every x; its loss bars on Part I's chart.
    scene.say("entropy", "flat")
    axis, entropy_line, readouts, chart, flat_label = _flat_model(story)
    bars, values = charts.loss_bars(story, axis, story.flat_path.losses[-1], scene.readable_values)
    scene.play(
        FadeOut(stage.q_bars),
        *charts.change_axis(stage.value_axis, axis),
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
    mean_line = charts.level(axis, story.flat_rate_loss, palette.MEAN, dashed=True)
    level = [
        charts.bar(b.get_x(), BASELINE_Y, mean_line.get_y(), b.width, palette.MEAN).set_fill(opacity=0.35) for b in bars
    ]
    scene.play(*(TransformFromCopy(b, flat) for b, flat in zip(bars, level, strict=True)), run_time=1.5)
    scene.play(Create(mean_line), FadeOut(*level), FadeIn(readouts[1]), run_time=1.0)
    scene.bring_to_front(entropy_line, mean_line)  # lines over the bars, as on a printed chart
    # The entropy's formula is that average: each class's share of the points times its bars' -ln.
    entropy_formula = pointing.strip(_entropy_formula(story))
    scene.play(*pointing.point_at(mean_line, entropy_formula), run_time=1.2)
    stage.mean_line, stage.readouts, stage.formulas = mean_line, readouts, entropy_formula
    scene.hold()


def _share(count: int, n: int) -> str:
    """A class's share of the points as the fraction it is (a decimal would round it)."""
    return rf"\tfrac{{{count}}}{{{n}}}"


def _entropy_formula(story) -> VGroup:
    """H(q) = -[q0 ln q0 + q1 ln q1] with the data's shares, each term in its class's colour."""
    counts = (story.n_negative, story.n_positive)
    return pointing.coloured(
        (r"H(q) = -\big[", palette.TEXT),
        (rf"{_share(counts[0], story.n)}\ln {_share(counts[0], story.n)}", palette.class_colour(0)),
        (" + ", palette.TEXT),
        (rf"{_share(counts[1], story.n)}\ln {_share(counts[1], story.n)}", palette.class_colour(1)),
        (rf"\big] = {fmt(story.entropy_q)}", palette.LOSS),
    )


def cross_entropy(scene: StoryScene) -> None:
    """16. Cross-entropy: the flat curve at the coin flip; its mean is H_p(q), above H(q)."""
    story, stage = scene.story, scene.stage
    p0, p1 = (fmt(v, 2) for v in story.other)  # exact: 0.50, or 0.20 and 0.80
    q0, q1 = (_share(count, story.n) for count in (story.n_negative, story.n_positive))
    negative, positive = palette.class_colour(0), palette.class_colour(1)
    general = pointing.coloured(
        (r"H_{\mathbf{p}}(q) = -\big[", palette.TEXT),
        (rf"{q0}\ln {p0}", negative),
        (" + ", palette.TEXT),
        (rf"{q1}\ln {p1}", positive),
        (rf"\big] = {fmt(story.cross_entropy_other)}", palette.MEAN),
        (rf"> H(q) = {fmt(story.entropy_q)}", palette.LOSS),
    )
    pointing.strip(general)

    # Flat start: c goes to the coin flip, where chapter 4's fit began; every bar and the mean follow.
    scene.say("cross_entropy", "flat")
    scene.play(FadeOut(stage.formulas), run_time=0.5)
    _slide(scene, len(story.flat_path) - 1, 0, run_time=2.5)
    scene.hold()
    # Formula: the mean is the labels' shares weighing the model's logs: the cross-entropy.
    scene.say("cross_entropy", "formula")
    scene.play(*pointing.point_at(stage.readouts[1], general[:5]), run_time=1.5)
    scene.play(*pointing.point_at(stage.readouts[0], general[5]), run_time=1.0)
    stage.formulas = general
    scene.hold()


def kl_divergence(scene: StoryScene) -> None:
    """17. KL divergence: the gap between the mean line and H(q), closing as c slides to q(1)."""
    story, stage = scene.story, scene.stage
    definition = pointing.coloured(
        (r"D_{\mathrm{KL}}(q\,\|\,\mathbf{p})", palette.TEXT),
        ("=", palette.TEXT),
        (r"H_{\mathbf{p}}(q)", palette.MEAN),
        ("-", palette.TEXT),
        ("H(q)", palette.LOSS),
        (r"\ge 0", palette.TEXT),
    )
    definition.move_to([0, pointing.STRIP_Y, 0])
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
    stage.readouts[2].set_value(story.shown.flat_gap[0])  # off screen until now, so not followed before
    scene.play(FadeIn(definition), Create(gap), FadeIn(stage.readouts[2]), run_time=1.2)
    scene.hold()
    # Shrink: c slides to the class rate; the gap closes to exactly 0.
    scene.say("kl_divergence", "shrink")
    _slide(scene, 0, len(story.flat_path) - 1, run_time=5.0)
    gap.clear_updaters()
    scene.play(FadeOut(gap), run_time=0.3)
    scene.hold()
    stage.formulas = definition
