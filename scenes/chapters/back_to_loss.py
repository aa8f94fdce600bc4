"""Part III, back to the loss: one point's cross-entropy is its loss bar, the class sums of the
bars fold into the BCE formula, and each loss is all KL divergence (the chapter back_to_loss)."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    UP,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    MathTex,
    ReplacementTransform,
    TransformFromCopy,
    VGroup,
)

from bce_math import fmt, step_digits
from scenes.narration import word
from scenes.stage import charts, formulas, layout, lettering, palette, pointing
from scenes.stage.scene import StoryScene

ONE_POINT_RISE = 0.25  # the point's two formula lines, up toward the caption, clear of the charts
STACKS_X, STACKS_GAP, CLASS_STACK_WIDTH = 2.6, 2.2, 1.0  # the green and red columns
PER_POINT_AT, PER_POINT_WIDTH = (3.6, layout.SAFE_BOTTOM + 0.35), 5.8  # above the subtitles' band


def back_to_loss(scene: StoryScene) -> None:
    """Back to the loss: per point the cross-entropy is its loss bar; stacks fold into BCE."""
    story, stage = scene.story, scene.stage
    chart, worst, fit_bars = stage.model_chart, story.worst_point, stage.bars

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
    totals = _class_sums(scene, formula)
    _fold_into_bce(scene, totals)

    # KL: per point the truth is certain, so each loss bar is all KL divergence.
    scene.say("back_to_loss", "kl")
    per_point = _all_kl()
    scene.play(FadeIn(per_point), run_time=1.0)
    scene.hold()


def _class_sums(scene: StoryScene, formula: VGroup) -> list:
    """Sum: the model chart and the point's formula leave; the green losses end to end, and the red
    ones, each column topped by its sum (returned: green, then red)."""
    story, stage = scene.story, scene.stage
    chart, fit_bars = stage.model_chart, stage.bars
    # The live numbers under the model chart, leaving as one row.
    readouts = VGroup(stage.entropy_readout, stage.mean_readout, stage.w_readout)
    scene.say("back_to_loss", "sum")
    stack_range = story.class_stack_range
    stack_axis = charts.VerticalAxis(layout.CURVE_PANEL_LEFT, stack_range, step_digits(stack_range[2]), word("loss"))
    stacks, totals = _class_stacks(story, stack_axis)
    scene.play(
        FadeOut(chart.x_axis, chart.x_name, chart.curve, chart.dots, formula, readouts),
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
    return totals


def _fold_into_bce(scene: StoryScene, totals: list) -> None:
    """Fold: divided by N, the two sums become the two terms of the formula, in their colours."""
    scene.say("back_to_loss", "fold")
    sums, bce = _fold(scene.story)
    scene.play(
        FadeIn(sums[0], sums[2], sums[4]),
        *pointing.point_at(VGroup(*totals), sums[1], sums[3]),  # totals: green, then red
        run_time=1.5,
    )
    scene.play(*pointing.point_at(scene.stage.mean_line, sums[5]), run_time=0.8)
    whole_since = scene.frames
    scene.at_mark()  # narrated: "the two sums become the two terms"
    scene.read_formula(whole_since)
    scene.play(*(ReplacementTransform(a, b) for a, b in zip(sums, bce, strict=True)), run_time=2.0)
    scene.at_mark()  # narrated: "y i is 1 for a green point and 0 for a red one": the two terms
    scene.highlight(bce[1], bce[3])
    scene.hold()


def _one_point(story, i: int) -> VGroup:
    """Point i's truth as a distribution, q_i, beside the model's, p_i (pairs red first, as the
    formulas write them); under them, from the left (clear of the chart's axis), the key line:
    their cross-entropy is -ln of the one probability q_i keeps, the true class's: the point's loss."""
    label, p_green = story.y[i], story.prob_green[i]
    pairs = formulas.coloured(
        (rf"q_i = (1 - y_i,\, y_i) = ({1 - label},\,{label})", palette.TEXT),
        # The model's distribution over the two classes, bold: built from the formula's p_i = P(green).
        (rf"\quad \mathbf{{p}}_i = (1 - p_i,\, p_i) = ({fmt(1 - p_green)},\,{fmt(p_green)})", palette.CURVE),
    )
    key = formulas.coloured(
        (rf"H_{{\mathbf{{p}}_i}}(q_i) = -\ln {fmt(story.prob_true_class[i])} =", palette.TEXT),
        (fmt(story.shown.losses[i]), palette.class_colour(label)),
    )
    formulas.strip(pairs).shift(ONE_POINT_RISE * UP)
    return VGroup(pairs, key.next_to(pairs, DOWN, buff=0.25, aligned_edge=LEFT))


def _fold(story) -> tuple[MathTex, MathTex]:
    """The two sums over N, and the formula they become: term for term, in the colours of their bars."""
    green_sum, red_sum = (fmt(v) for v in (story.shown.positive_loss_sum, story.shown.negative_loss_sum))
    positive, negative = palette.class_colour(1), palette.class_colour(0)
    sums = formulas.coloured(
        (rf"\frac{{1}}{{{story.n}}}\big[", palette.TEXT),
        (green_sum, positive),
        ("+", palette.TEXT),
        (red_sum, negative),
        # (green + red) / N as shown need not round to the mean: then it is "approximately".
        (r"\big] =" if story.shown.fold_is_exact else r"\big] \approx", palette.TEXT),
        (fmt(story.mean_loss), palette.MEAN),
    )
    bce = formulas.coloured(
        (r"\mathrm{BCE} = -\frac{1}{N}\sum_{i=1}^{N}\Big[", palette.TEXT),
        (r"y_i \ln p_i", positive),
        ("+", palette.TEXT),
        (r"(1-y_i)\ln(1-p_i)", negative),
        (r"\Big] =", palette.TEXT),
        (fmt(story.mean_loss), palette.MEAN),
    )
    for line in (sums, bce):
        formulas.strip(line)
    return sums, bce


def _all_kl() -> MathTex:
    """Per point the truth is certain: its loss is all KL divergence. Under the stacks, where no value hangs."""
    per_point = formulas.coloured(
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
