"""Part III, the math on the flat model: q(y), entropy, cross-entropy and the KL divergence (the chapters
distribution, entropy, cross_entropy and kl_divergence)."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Line,
    ReplacementTransform,
    Succession,
    Transform,
    TransformFromCopy,
    ValueTracker,
    VGroup,
)

from bce_math import fmt, step_digits
from scenes.narration import word
from scenes.stage import charts, fonts, formulas, layout, lettering, live, palette, pointing
from scenes.stage.layout import BASELINE_Y, Chart
from scenes.stage.scene import StoryScene

Q_BARS_X = layout.LEFT_PANEL[0] + layout.LEFT_PANEL[1] / 2  # the bars of q(y): the left panel's middle
# Live numbers, under the model chart and its x, above the subtitles' band.
MODEL_INSET = 0.5  # the flat model's p = (1 - c, c), in from its chart's left edge
READOUT_LEFT, READOUT_Y = layout.CURVE_PANEL_LEFT - 1.0, layout.SAFE_BOTTOM + 0.3
READOUT_GAP = 0.4  # between two readouts of the row
READOUT_MARGIN = 0.1  # between the row's right end and the side band


def _readouts(*values) -> VGroup:
    """Live numbers in a row under the model chart (no bar's value hangs there), each named in the
    colour of the line it measures."""
    row = VGroup(*values).arrange(RIGHT, buff=READOUT_GAP).move_to([READOUT_LEFT, READOUT_Y, 0], aligned_edge=LEFT)
    return row.shift(min(layout.SAFE_SIDE - READOUT_MARGIN - row.get_right()[0], 0) * RIGHT)  # clear of the side band


def _flat_label(chart: charts.ModelChart, c: float) -> live.LiveValue:
    """The flat model's c, in its line's colour."""
    label = live.LiveValue("c", c, colour=palette.CURVE)
    # Under the line's right end: between the rows of points, where nothing else stands.
    return label.next_to([chart.left + chart.span, Chart.p_to_screen(c) - 0.12, 0], DOWN + LEFT, buff=0)


def _slide(scene: StoryScene, start: int, end: int, run_time: float, followers: dict | None = None) -> None:
    """Move the flat model along its path: the bars, the mean line and the numbers follow one step,
    and so do `followers` (mobject -> update(mobject, step); by default its line and c on the model chart)."""
    story, stage = scene.story, scene.stage
    path, chart = story.flat_path, stage.model_chart
    on_chart = {
        chart.curve: lambda m, step: m.become(chart.flat(path.c[step])),
        stage.flat_label: lambda m, step: m.set_value(path.c[step]).move_to(_flat_label(chart, path.c[step])),
    }
    live.follow_path(
        scene,
        (start, end),
        path.losses,
        path.mean_loss,
        {stage.mean_readout: path.mean_loss, stage.kl_readout: story.shown.flat_gap},
        followers if followers is not None else on_chart,
        run_time,
    )


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
        live.LiveValue("KL", story.shown.flat_gap[-1], size=fonts.TICK_SIZE),  # its place kept for kl_divergence
    )
    chart = charts.ModelChart(story, layout.CURVE_PANEL_LEFT, layout.CURVE_PANEL_WIDTH, story.q[1])
    flat_label = _flat_label(chart, story.q[1])
    return axis, entropy_line, readouts, chart, flat_label


def distribution(scene: StoryScene) -> None:
    """Distribution: the points drop into two piles, counted into the bars of q(y)."""
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
        formulas.coloured(
            (rf"q(y{{=}}{cls}) = \frac{{{counts[cls]}}}{{{story.n}}} = {fmt(story.q[cls])}", palette.class_colour(cls))
        )
        for cls in (0, 1)
    ]
    stage.q_bars, stage.q_shares, stage.points, stage.value_axis = q_bars, formulas.strip(*shares), points, axis

    # Points: the labelled points again, on their line.
    scene.clear_stage(caption=True)
    scene.play(Create(line), LaggedStart(*(FadeIn(p, scale=0.5) for p in points), lag_ratio=0.1), run_time=1.5)
    scene.say("distribution", "counts")
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
    """Entropy: the curve of H over the share of green; the flat curve at c = q(1) averages H(q)."""
    story, stage = scene.story, scene.stage
    curve = charts.EntropyCurve(story, layout.CURVE_PANEL_LEFT, layout.CURVE_PANEL_WIDTH)
    share = ValueTracker(1.0)
    tracer = live.EntropyTracer(curve, 1.0)
    tracer.add_updater(lambda m: m.follow(share.get_value()))

    # Idea: the entropy of two classes, for every share of green.
    scene.say("entropy", "idea")
    scene.play(FadeOut(stage.q_shares), Create(curve), run_time=2.0)
    scene.hold()
    # Certain, even, ours: the dot visits all green, half and half, and the labels' own share.
    for beat, target in (("certain", 1.0), ("even", 0.5), ("ours", story.q[1])):
        scene.say("entropy", beat)
        if beat == "certain":
            scene.play(FadeIn(tracer), run_time=0.8)
        else:
            scene.play(share.animate.set_value(target), run_time=2.0)
        if beat == "even":  # "in bits, exactly 1": the voice is still on this point
            scene.at_mark()
            scene.highlight(tracer)
        scene.hold()
    tracer.clear_updaters()
    at_q = curve.point(story.q[1], story.entropy_q)
    guide = pointing.guide(at_q, curve.point(0.0, story.entropy_q))
    scene.play(Create(guide), run_time=0.8)
    _flat_model_bars(scene, curve, tracer, guide)
    _flat_model_mean(scene)


def _flat_model_bars(scene: StoryScene, curve: charts.EntropyCurve, tracer: live.EntropyTracer, guide) -> None:
    """Flat: the share as a model, P(green) = q(1) at every x; its loss bars on Part I's chart."""
    story, stage = scene.story, scene.stage
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
    scene.at_mark()  # narrated: "which we call c"
    scene.highlight(flat_label)
    scene.play(LaggedStart(*(GrowFromEdge(b, DOWN) for b in bars), lag_ratio=0.08), FadeIn(*values), run_time=2.0)
    scene.remove(stage.value_axis)
    scene.add(axis)
    stage.value_axis, stage.bars, stage.bar_values = axis, bars, values
    stage.model_chart, stage.flat_label, stage.entropy_line = chart, flat_label, entropy_line
    stage.entropy_readout, stage.mean_readout, stage.kl_readout = readouts
    scene.hold()


def _flat_model_mean(scene: StoryScene) -> None:
    """Mean: the flat model's loss bars level out exactly onto the H(q) line; its formula is that average."""
    story, stage = scene.story, scene.stage
    axis, bars = stage.value_axis, stage.bars
    scene.say("entropy", "mean")
    mean_line = charts.level(axis, story.flat_rate_loss, palette.MEAN, dashed=True)
    level = [
        charts.bar(b.get_x(), BASELINE_Y, mean_line.get_y(), b.width, palette.MEAN).set_fill(opacity=0.35) for b in bars
    ]
    scene.play(*(TransformFromCopy(b, flat) for b, flat in zip(bars, level, strict=True)), run_time=1.5)
    scene.play(Create(mean_line), FadeOut(*level), FadeIn(stage.mean_readout), run_time=1.0)
    scene.bring_to_front(stage.entropy_line, mean_line)  # lines over the bars, as on a printed chart
    # The entropy's formula is that average: each class's share of the points times its bars' -ln.
    entropy_formula = formulas.strip(_entropy_formula(story))
    scene.play(*pointing.point_at(mean_line, entropy_formula), run_time=1.2)
    stage.mean_line, stage.entropy_formula = mean_line, entropy_formula
    whole_since = scene.frames
    scene.hold()
    scene.read_formula(whole_since)


def _share(count: int, n: int) -> str:
    """A class's share of the points as the fraction it is (a decimal would round it)."""
    return rf"\tfrac{{{count}}}{{{n}}}"


def _entropy_formula(story) -> VGroup:
    """H(q) = -[q0 ln q0 + q1 ln q1] with the data's shares, each term in its class's colour."""
    counts = (story.n_negative, story.n_positive)
    return formulas.coloured(
        (r"H(q) = -\big[", palette.TEXT),
        (rf"{_share(counts[0], story.n)}\ln {_share(counts[0], story.n)}", palette.class_colour(0)),
        (" + ", palette.TEXT),
        (rf"{_share(counts[1], story.n)}\ln {_share(counts[1], story.n)}", palette.class_colour(1)),
        (rf"\big] = {fmt(story.entropy_q)}", palette.LOSS),
    )


def cross_entropy(scene: StoryScene) -> None:
    """Cross-entropy: the flat curve at the coin flip; its mean is H_p(q), above H(q)."""
    story, stage = scene.story, scene.stage
    p0, p1 = (fmt(v, 2) for v in story.other)  # exact: 0.50, or 0.20 and 0.80
    q0, q1 = (_share(count, story.n) for count in (story.n_negative, story.n_positive))
    negative, positive = palette.class_colour(0), palette.class_colour(1)
    general = formulas.coloured(
        (r"H_{\mathbf{p}}(q) = -\big[", palette.TEXT),
        (rf"{q0}\ln {p0}", negative),
        (" + ", palette.TEXT),
        (rf"{q1}\ln {p1}", positive),
        (rf"\big] = {fmt(story.cross_entropy_other)}", palette.MEAN),
        (rf"> H(q) = {fmt(story.entropy_q)}", palette.LOSS),
    )
    formulas.strip(general)

    # Flat start: c goes to the coin flip, where sigmoid_fit's fit began; every bar and the mean follow.
    scene.say("cross_entropy", "flat")
    scene.play(FadeOut(stage.entropy_formula), run_time=0.5)
    _slide(scene, len(story.flat_path) - 1, 0, run_time=2.5)
    scene.hold()
    # Formula: the model as a distribution over the two classes, bold p, red then green (in their
    # colours); the mean is the labels' shares weighing its logs: the cross-entropy, above H(q).
    scene.say("cross_entropy", "formula")
    model = _model_distribution(stage.model_chart, story.other[1])
    scene.at_mark()  # narrated: "red first, one minus c", then "green, c": each flashes as named
    scene.play(*pointing.point_at(stage.model_chart.curve, model), run_time=1.0)
    scene.highlight(model[1])
    scene.at_mark()
    scene.highlight(model[3])
    scene.at_mark()
    scene.play(*pointing.point_at(stage.mean_readout, general[:5]), run_time=1.5)
    scene.play(*pointing.point_at(stage.entropy_readout, general[5]), run_time=1.0)
    scene.at_mark()  # narrated: "we write the model as a subscript"
    scene.highlight(general[0])
    scene.at_mark()  # narrated: "most textbooks put both inside the brackets"
    scene.highlight(general[0])
    stage.cross_entropy_formula = VGroup(general, model)
    scene.hold()


def _model_distribution(chart: charts.ModelChart, c: float) -> VGroup:
    """p = (1 - c, c): the flat model's two probabilities, red first, each in its class's colour;
    between the rows of points, in the wider gap beside the line at c, from the chart's left (the
    label of c stands under the line's right end)."""
    model = formulas.coloured(
        (r"\mathbf{p} = (", palette.CURVE),
        ("1 - c", palette.class_colour(0)),
        (r",\;", palette.CURVE),
        ("c", palette.class_colour(1)),
        (")", palette.CURVE),
    )
    middle = (1 + c) / 2 if c <= 0.5 else c / 2
    return model.move_to([chart.left + MODEL_INSET, Chart.p_to_screen(middle), 0], aligned_edge=LEFT)


def kl_divergence(scene: StoryScene) -> None:
    """KL divergence: the flat model's loss over c is a U that touches H(q) at c = q(1); the
    height of the model's place on it above H(q) is the KL divergence, closing to 0 as c slides there."""
    story, stage = scene.story, scene.stage
    path, axis = story.flat_path, stage.value_axis
    definition = formulas.coloured(
        (r"D_{\mathrm{KL}}(q\,\|\,\mathbf{p})", palette.TEXT),
        ("=", palette.TEXT),
        (r"H_{\mathbf{p}}(q)", palette.MEAN),
        ("-", palette.TEXT),
        ("H(q)", palette.LOSS),
        (r"\ge 0", palette.TEXT),
    )
    definition.move_to([0, formulas.STRIP_Y, 0])
    u_curve = charts.FlatLossCurve(story, axis, layout.CURVE_PANEL_LEFT, layout.CURVE_PANEL_WIDTH)
    right = u_curve.point(1.0, 0.0)[0]
    dot = Dot(u_curve.point(path.c[0], path.mean_loss[0]), radius=0.09, color=palette.TEXT)
    gap = _kl_gap(u_curve, dot)

    def ride(m, step: int) -> None:
        m.move_to(u_curve.point(path.c[step], path.mean_loss[step]))

    def mark(m, step: int) -> None:
        # Between the U's two branches near the top, where the curve never passes.
        m.set_value(path.c[step]).move_to(u_curve.point(0.5, axis.high)).shift(0.3 * DOWN)

    # Gap: the model's chart gives its panel to its loss over c, on the loss panel's scale: H(q)
    # and the mean run across to it; the mean is where the model stands on the U, KL above H(q).
    scene.say("kl_divergence", "gap")
    scene.play(FadeOut(stage.cross_entropy_formula, stage.model_chart, stage.flat_label), run_time=0.6)
    scene.play(
        Create(u_curve),
        Transform(stage.entropy_line, charts.level(axis, story.entropy_q, palette.LOSS, right=right)),
        Transform(stage.mean_line, charts.level(axis, path.mean_loss[0], palette.MEAN, dashed=True, right=right)),
        run_time=1.5,
    )
    mark(stage.flat_label, 0)
    stage.kl_readout.set_value(story.shown.flat_gap[0])  # off screen until now, so not followed before
    scene.play(FadeIn(definition, dot, stage.flat_label, stage.kl_readout), Create(gap), run_time=1.2)
    stage.flat_loss_curve, stage.flat_dot = u_curve, dot
    scene.hold()
    # Shrink: c slides to the class rate; the model rides down the U, the gap closes to exactly 0.
    scene.say("kl_divergence", "shrink")
    followers = {dot: ride, stage.flat_label: mark, gap: lambda m, step: m.become(_kl_gap(u_curve, dot))}
    _slide(scene, 0, len(path) - 1, run_time=5.0, followers=followers)
    stage.model_chart.curve.become(stage.model_chart.flat(path.c[-1]))  # off screen: where the slide left c
    scene.play(FadeOut(gap), run_time=0.3)
    scene.hold()
    stage.kl_definition = definition


def _kl_gap(u_curve: charts.FlatLossCurve, dot: Dot) -> VGroup:
    """From the H(q) line up to the model's place on the U: a bracket named KL."""
    bottom = [dot.get_x(), u_curve.loss_axis.y_of(u_curve.lowest), 0]
    top = [dot.get_x(), dot.get_y(), 0]
    end = top if top[1] - bottom[1] > 1e-3 else [top[0], bottom[1] + 1e-3, 0]
    line = Line(bottom, end).set_stroke(palette.TEXT, palette.MARK_STROKE)
    # Under the H(q) line, where the U never goes: the gap itself may be thinner than the name.
    name = lettering.label("KL", fonts.LABEL_SIZE, palette.TEXT).next_to(bottom, DOWN, buff=0.12)
    return VGroup(line, name)
