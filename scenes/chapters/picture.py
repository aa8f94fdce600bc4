"""Part I, the visual way: each function is one chapter's beats, in storyboard order."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    RIGHT,
    UL,
    UP,
    UR,
    AnimationGroup,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Line,
    ReplacementTransform,
    Transform,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    always_redraw,
    linear,
    smooth,
)

from bce_math import CLIP_EPS
from scenes.narration import caption, word
from scenes.stage import charts, fonts, formulas, layout, lettering, live, palette, pointing
from scenes.stage.layout import BASELINE_Y, TOP_Y
from scenes.stage.scene import StoryScene

LEGEND_Y = 2.5
VALUE_GAP = 0.1  # between a bar's end and its value
RESULT_Y = 2.45  # above the chart, under the caption
NOTE_X, NOTE_ROOM = 0.6, 0.15  # a note under the result, clear of the axis labels and the bars


def title(scene: StoryScene) -> None:
    """Title card."""
    heading = lettering.label(caption("title", "title", scene.story), fonts.TITLE_SIZE)
    subtitle = lettering.label(caption("title", "subtitle", scene.story), fonts.SUBTITLE_SIZE, palette.MUTED)
    card = VGroup(heading, subtitle).arrange(DOWN, buff=0.45)
    # Card: the title, then its subtitle, held while the voice reads them; then the card goes.
    scene.subtitle("title", "spoken")
    scene.play(FadeIn(heading, shift=0.2 * DOWN), run_time=1.2)
    scene.play(FadeIn(subtitle), run_time=0.8)
    scene.wait(4.0)
    scene.play(FadeOut(card), run_time=1.0)


def feature(scene: StoryScene) -> None:
    """Feature: a number line covering the data, the points as neutral dots at their x."""
    story, chart, stage = scene.story, scene.chart, scene.stage
    stage.number_line = charts.NumberLine(story, chart.middle_y)
    stage.points = [charts.neutral_point(chart.point(x, 0.5)) for x in story.x]

    # Points: a number line that covers the data, and each point as a neutral dot at its x.
    scene.play(Create(stage.number_line), run_time=1.5)
    scene.say("feature", "points")
    scene.play(LaggedStart(*(GrowFromCenter(point) for point in stage.points), lag_ratio=0.15), run_time=2.0)
    scene.hold()
    # Only x: the model will see nothing else.
    scene.say("feature", "only")
    scene.hold()


def labels(scene: StoryScene) -> None:
    """Labels: the dots take their class colour and shape; the question becomes a probability."""
    story, stage = scene.story, scene.stage
    coloured = [charts.class_point(y, point.get_center()) for y, point in zip(story.y, stage.points, strict=True)]
    stage.legend = charts.legend().move_to([0, LEGEND_Y, 0])

    # Colours: each dot takes its class colour and shape; the legend says which is which.
    scene.say("labels", "colours")
    transforms = [ReplacementTransform(old, new) for old, new in zip(stage.points, coloured, strict=True)]
    scene.play(LaggedStart(*transforms, lag_ratio=0.1), FadeIn(stage.legend), run_time=2.0)
    stage.points = coloured
    scene.hold()
    # Classes: green is positive, red negative, counted; each class flashes as the voice names it.
    scene.say("labels", "classes")
    greens = [point for y, point in zip(story.y, stage.points, strict=True) if y == 1]
    reds = [point for y, point in zip(story.y, stage.points, strict=True) if y == 0]
    scene.highlight(*greens)
    scene.at_mark()
    scene.highlight(*reds)
    scene.hold()
    # Question: the model's answer will be a probability of green, for every point.
    scene.say("labels", "question")
    scene.highlight(*stage.points)
    scene.hold()


def split(scene: StoryScene) -> None:
    """Split: keeping x, green points rise to the y = 1 row and red ones sink to y = 0."""
    story, chart, stage = scene.story, scene.chart, scene.stage
    stage.row_labels = charts.row_labels()

    # Rows: keeping x, green points rise to y = 1, red ones sink to y = 0; the line goes down with them.
    scene.say("split", "rows")
    rows = [
        point.animate.move_to(chart.point(x, y)) for x, y, point in zip(story.x, story.y, stage.points, strict=True)
    ]
    drop_line = stage.number_line.animate.shift((BASELINE_Y - chart.middle_y) * UP)
    scene.play(*rows, drop_line, FadeOut(stage.legend), run_time=2.0)
    scene.play(FadeIn(stage.row_labels), run_time=0.8)
    scene.hold()
    # Levels: the two rows are the certainties 1 and 0.
    scene.say("split", "levels")
    scene.highlight(stage.row_labels)
    scene.hold()


def sigmoid_fit(scene: StoryScene) -> None:
    """Sigmoid fit: a probability axis grows; the sigmoid converges from flat 0.5 to the fit."""
    story, chart, stage = scene.story, scene.chart, scene.stage
    path = story.trajectory
    stage.value_axis = charts.probability_axis()

    # Axis: the row labels become its 0 and 1.
    scene.say("sigmoid_fit", "axis")
    low_label, high_label = stage.value_axis.tick_labels[0], stage.value_axis.tick_labels[-1]
    scene.play(
        Create(stage.value_axis.axis),
        Create(stage.value_axis.ticks),
        ReplacementTransform(stage.row_labels[0], high_label),
        ReplacementTransform(stage.row_labels[1], low_label),
        FadeIn(stage.value_axis.tick_labels[1:-1], stage.value_axis.title),
        run_time=1.5,
    )
    scene.add(stage.value_axis)  # one object from now on, so later transforms take all of it
    scene.hold()

    # Fit: the model, P(green) = sigmoid(wx + b), with its slope w and shift b live, each number taken
    # from the trajectory's steps; the parameters flash as the voice names them.
    scene.say("sigmoid_fit", "fit")
    progress = ValueTracker(0)
    # Curve and readout show the same step of the path: the numbers always describe the curve drawn.
    curve = always_redraw(lambda: charts.sigmoid_curve(chart, story, *path.at(int(progress.get_value()))))
    readout = live.FitReadout(path)
    readout.add_updater(lambda panel: panel.show_step(path, int(progress.get_value())))
    model = _beside_readout(formulas.formula(r"P(\text{green}) = \sigma(wx + b)"), readout)
    scene.play(Create(curve), FadeIn(readout), FadeIn(model), run_time=1.0)
    for parameter in (readout.w, readout.b):
        scene.at_mark()
        scene.highlight(parameter)
    scene.play(progress.animate.set_value(len(path) - 1), run_time=6.0, rate_func=linear)
    readout.clear_updaters()
    stage.curve = charts.sigmoid_curve(chart, story, story.w, story.b)
    scene.remove(curve)
    scene.add(stage.curve)
    scene.hold()
    # Cost: what the fit lowers, the mean log loss plus a penalty on the slope (scikit-learn's
    # C * sum of losses + w^2 / 2, per point); the penalty flashes as the voice names it.
    scene.say("sigmoid_fit", "cost")
    cost = _beside_readout(_cost_formula(story), readout)
    scene.play(ReplacementTransform(model, cost), run_time=1.0)
    scene.at_mark()
    scene.highlight(cost[1])
    scene.at_mark()  # narrated: "scikit-learn's default ... solved to convergence": the fit's values
    scene.highlight(readout)
    scene.hold()
    # Done: the fitted curve gives P(green) at every x.
    scene.say("sigmoid_fit", "done")
    scene.play(FadeOut(readout, cost))
    scene.hold()


def _cost_formula(story) -> VGroup:
    """What the fit minimises per point: the mean log loss plus the L2 penalty, w^2 / (2 C N)."""
    return formulas.coloured(
        (r"\text{cost} = \text{mean log loss}", palette.TEXT),
        (rf"+\,\frac{{w^2}}{{{story.penalty_divisor:g}}}", palette.CURVE),
    )


def _beside_readout(formula: VGroup, readout: VGroup) -> VGroup:
    """On the readout's line, to its left, inside the frame's readable area."""
    room = readout.get_left()[0] - live.READOUT_GAP + layout.SAFE_SIDE
    if formula.width > room:
        formula.scale_to_fit_width(room)
    return formula.next_to(readout, LEFT, buff=live.READOUT_GAP)


def positive_bars(scene: StoryScene) -> None:
    """Positive bars: under the curve at each green point, a bar as tall as P(green)."""
    # Bars: each green point gets a bar up to the curve, P(green).
    scene.say("positive_bars", "bars")
    _grow_bars(scene, label_value=1)
    scene.hold()
    # Meaning: a taller bar is more belief in the right answer.
    scene.say("positive_bars", "meaning")
    scene.hold()


def negative_bars(scene: StoryScene) -> None:
    """Negative bars: for each red point, a bar hanging from 1 down to the curve."""
    # Bars: each red point gets a bar hanging from 1 down to the curve, 1 - P(green).
    scene.say("negative_bars", "bars")
    _grow_bars(scene, label_value=0)
    scene.hold()
    # Meaning: the green bars step back; the caption is about the red ones.
    scene.say("negative_bars", "meaning")
    story, stage = scene.story, scene.stage
    green = [
        m for i in range(story.n) if story.y[i] == 1 for m in (stage.bars[i], stage.bar_values[i], stage.points[i])
    ]
    scene.play(*pointing.dim(green), run_time=0.8)
    scene.hold()
    scene.play(*pointing.undim(green), run_time=0.6)


def _grow_bars(scene: StoryScene, label_value: int) -> None:
    story, chart, stage = scene.story, scene.chart, scene.stage
    if not stage.bars:
        stage.bars, stage.bar_values = [None] * story.n, [None] * story.n
    width = layout.bar_width(layout.point_spacing(chart, story.x))
    readable = scene.readable_values
    grows = []
    for i, (x, y, p_true) in enumerate(zip(story.x, story.y, story.prob_true_class, strict=True)):
        if y != label_value:
            continue
        screen_x = chart.x_to_screen(x)
        p_green = story.prob_green[i]
        if y == 1:
            stage.bars[i] = charts.bar(screen_x, BASELINE_Y, chart.p_to_screen(p_green), width, palette.POSITIVE)
        else:
            stage.bars[i] = charts.bar(screen_x, chart.p_to_screen(p_green), TOP_Y, width, palette.NEGATIVE)
        anchor = np.array([screen_x, TOP_Y + VALUE_GAP, 0])
        stage.bar_values[i] = charts.vertical_value(p_true, anchor, readable[i])
        edge = DOWN if y == 1 else UP
        grows.append(AnimationGroup(GrowFromEdge(stage.bars[i], edge), FadeIn(stage.bar_values[i])))
    # Bars go behind the points and the curve, as in a chart.
    scene.play(LaggedStart(*grows, lag_ratio=0.15), run_time=2.5)
    scene.bring_to_front(stage.curve, *stage.points)


def _value_anchor(scene: StoryScene, x: float, bar_top: float) -> np.ndarray:
    """Where a bar's value stands: on the bar; but when crowding thinned the values, all keep to
    one row above the chart, where no taller neighbour can reach them."""
    y = bar_top if all(scene.readable_values) else TOP_Y
    return np.array([x, y + VALUE_GAP, 0])


def all_bars(scene: StoryScene) -> None:
    """All together: one bar per point, the probability of its true class."""
    stage = scene.stage
    # Together: one bar per point, the probability of its true class.
    scene.say("all_bars", "together")
    scene.play(
        LaggedStart(*(Indicate(bar, scale_factor=1.0, color=palette.TEXT) for bar in stage.bars), lag_ratio=0.1),
        run_time=2.5,
    )
    scene.hold()
    # Judge: long bars are good guesses, short ones mistakes.
    scene.say("all_bars", "judge")
    scene.hold()


def side_by_side(scene: StoryScene) -> None:
    """Side by side: x and the curve go; the bars line up in x order, red ones still hanging."""
    story, stage = scene.story, scene.stage
    # Slide: x goes; the bars line up side by side, still in x order.
    scene.say("side_by_side", "slide")
    scene.play(FadeOut(stage.number_line, stage.curve, *stage.points), run_time=1.0)
    scene.play(*_move_to_slots(stage, story.order_by_x, layout.CHART_LEFT, layout.CHART_WIDTH), run_time=2.0)
    scene.hold()
    # Keep: only the bars matter now.
    scene.say("side_by_side", "keep")
    scene.hold()


def _move_to_slots(stage, order: tuple[int, ...], left: float, width: float) -> list:
    """Animations moving bars (and their values) into evenly spaced slots, keeping order."""
    centres = layout.slot_centers(len(order), left, width)
    bar_w = layout.bar_width(width / len(order))
    moves = []
    for slot, index in enumerate(order):
        bar, value = stage.bars[index], stage.bar_values[index]
        moves.append(bar.animate.stretch_to_fit_width(bar_w).set_x(centres[slot]))
        moves.append(value.animate.set_x(centres[slot]))
    return moves


def reposition(scene: StoryScene) -> None:
    """Reposition: the hanging bars drop to the baseline; every bar now rises from 0."""
    stage = scene.stage
    # Drop: the hanging bars fall onto 0.
    scene.say("reposition", "drop")
    new_title = (
        charts.axis_title(word("prob_true_class")).rotate(PI / 2).move_to(stage.value_axis.title, aligned_edge=RIGHT)
    )
    drops = []
    for bar, value in zip(stage.bars, stage.bar_values, strict=True):
        drops.append(bar.animate.align_to([0, BASELINE_Y, 0], DOWN))
        drops.append(value.animate.next_to(_value_anchor(scene, bar.get_x(), BASELINE_Y + bar.height), UP, buff=0))
    scene.play(*drops, Transform(stage.value_axis.title, new_title), run_time=2.0)
    scene.hold()
    # Compare: every bar now reads the same way.
    scene.say("reposition", "compare")
    scene.hold()


def log_curve(scene: StoryScene) -> None:
    """Log curve: -ln(p) beside the bars; a tracer runs down it to a confident mistake."""
    story, stage = scene.story, scene.stage
    stage.loss_curve = charts.LossCurve(story, layout.CURVE_PANEL_LEFT, layout.CURVE_PANEL_WIDTH)
    # Curve: -ln(p) on its own axes beside the bars, zero at p = 1.
    scene.say("log_curve", "curve")
    left, width = layout.LEFT_PANEL
    scene.play(*_move_to_slots(stage, story.order_by_x, left, width), run_time=1.5)
    scene.play(Create(stage.loss_curve), run_time=2.0)

    # Tracer: from p = 1 (no loss) down to the memorable probability.
    probability = ValueTracker(1.0)
    tracer = live.CurveTracer(stage.loss_curve, probability.get_value())
    tracer.add_updater(lambda mob: mob.follow(probability.get_value()))
    scene.play(FadeIn(tracer), run_time=0.5)
    scene.play(probability.animate.set_value(story.memorable_probability), run_time=5.0, rate_func=smooth)
    tracer.clear_updaters()
    # Steep: the tracer runs down to the memorable probability and its cost.
    scene.say("log_curve", "steep")
    pointer = pointing.arrow_to(tracer.dot, word("confident_mistake"), RIGHT)
    scene.play(FadeIn(pointer), run_time=0.8)
    scene.hold()
    # Why: the nearer to 0, the steeper the cost.
    scene.say("log_curve", "why")
    scene.hold()
    scene.play(FadeOut(tracer, pointer), run_time=0.6)


def losses(scene: StoryScene) -> None:
    """Losses: the worst guess through the curve slowly, as lengths; then the rest; bars become losses."""
    story, stage = scene.story, scene.stage
    worst = story.worst_point
    loss_axis = charts.VerticalAxis(stage.value_axis.axis.get_x(), story.loss_range, 0, word("loss"))
    others = [m for i, pair in enumerate(zip(stage.bars, stage.bar_values, strict=True)) if i != worst for m in pair]
    on_p_axis = _worst_on_p_axis(scene, others)
    length, marks = _worst_cost(scene)
    riders = _the_rest_through(scene, others, [*marks, on_p_axis])
    _bars_become_losses(scene, loss_axis, length, riders)
    # Read: the good guesses step back; the mistakes (below one half on the true class) stand out.
    scene.say("losses", "read")
    good = [m for i in range(story.n) if i not in story.mistakes for m in (stage.bars[i], stage.bar_values[i])]
    scene.play(*pointing.dim(good), run_time=0.8)
    scene.hold()
    scene.play(*pointing.undim(good), run_time=0.6)


def _worst_on_p_axis(scene: StoryScene, others: list) -> Line:
    """Worst guess: everything else steps back; its bar's height lies down on the curve's p axis."""
    story, stage = scene.story, scene.stage
    curve, worst = stage.loss_curve, story.worst_point
    colour = palette.class_colour(story.y[worst])
    scene.say("losses", "worst")
    on_p_axis = Line(
        curve.point(0, 0),
        curve.point(story.prob_true_class[worst], 0),
        color=colour,
        stroke_width=palette.LENGTH_STROKE,
    )
    scene.play(*pointing.dim(others), run_time=1.0)
    scene.play(TransformFromCopy(stage.bars[worst], on_p_axis), run_time=1.5)
    scene.hold()
    return on_p_axis


def _worst_cost(scene: StoryScene) -> tuple[Line, list]:
    """Cost: up to the curve, across to the loss axis; the loss is that length (and the marks that
    drew it: the guides, the dot on the curve, the loss written, the length named)."""
    story, stage = scene.story, scene.stage
    curve, worst = stage.loss_curve, story.worst_point
    p_worst, loss_worst = story.prob_true_class[worst], story.losses[worst]
    colour = palette.class_colour(story.y[worst])
    scene.say("losses", "cost")
    on_curve = curve.point(p_worst, loss_worst)
    up, across = pointing.guide(curve.point(p_worst, 0), on_curve), pointing.guide(on_curve, curve.point(0, loss_worst))
    length = Line(curve.point(0, 0), curve.point(0, loss_worst), color=colour, stroke_width=palette.LENGTH_STROKE)
    dot = Dot(on_curve, radius=0.08, color=palette.TEXT)
    # On the side of the dot with room: a worst guess above one half sits near the panel's right edge;
    # and clear of the curve's own label.
    sides = (LEFT, UL, RIGHT) if p_worst > 0.5 else (RIGHT, UR, LEFT)
    value = pointing.beside(lettering.number(story.shown.losses[worst]), on_curve, sides, curve.formula)
    named = pointing.brace_label(length, word("neg_ln"), RIGHT, colour)
    # Each step drawn as the voice names it (narrated cut): up, across, the length named.
    scene.at_mark()
    scene.play(Create(up), FadeIn(dot), run_time=1.2)
    scene.at_mark()
    scene.play(Create(across), GrowFromEdge(length, DOWN), FadeIn(value), run_time=1.5)
    scene.at_mark()
    scene.play(FadeIn(named), run_time=0.8)
    scene.hold()
    return length, [up, across, dot, value, named]


def _the_rest_through(scene: StoryScene, others: list, leaving: list) -> list:
    """The rest: each bar's probability rides to the axis, up to the curve, faster (the worst one's
    marks leave); the riders, where they stop on the curve."""
    story, stage = scene.story, scene.stage
    curve = stage.loss_curve
    scene.say("losses", "through")
    rest = [i for i in range(story.n) if i != story.worst_point]
    riders = [Dot(stage.bars[i].get_top(), radius=0.07, color=palette.class_colour(story.y[i])) for i in rest]
    scene.play(*pointing.undim(others), FadeOut(*leaving), FadeIn(*riders), run_time=0.8)
    scene.play(
        LaggedStart(
            *(r.animate.move_to(curve.point(story.prob_true_class[i], 0)) for r, i in zip(riders, rest, strict=True)),
            lag_ratio=0.08,
        ),
        run_time=1.5,
    )
    scene.play(
        LaggedStart(
            *(
                r.animate.move_to(curve.point(story.prob_true_class[i], story.losses[i]))
                for r, i in zip(riders, rest, strict=True)
            ),
            lag_ratio=0.08,
        ),
        run_time=1.5,
    )
    return riders


def _bars_become_losses(scene: StoryScene, loss_axis: charts.VerticalAxis, length: Line, riders: list) -> None:
    """Every bar becomes its loss bar, in its class colour; the worst one grows from its length."""
    story, stage = scene.story, scene.stage
    worst = story.worst_point
    readable = scene.readable_values
    loss_bars, loss_values = [], []
    # Each bar is as tall as its loss; its value is -ln of its probability as shown (bce_math/shown.py).
    for i, (bar, loss, label, shown) in enumerate(zip(stage.bars, story.losses, story.y, readable, strict=True)):
        top = loss_axis.y_of(loss)
        loss_bars.append(charts.bar(bar.get_x(), BASELINE_Y, top, bar.width, palette.class_colour(label)))
        loss_values.append(charts.vertical_value(story.shown.losses[i], _value_anchor(scene, bar.get_x(), top), shown))
    bar_moves = [
        ReplacementTransform(length if i == worst else old, new)
        for i, (old, new) in enumerate(zip(stage.bars, loss_bars, strict=True))
    ]
    # Numbers are replaced, not morphed (a digit turning into another cannot be read), and never
    # over a bar that is still changing: the old ones go first, the new ones come once the bars stand.
    scene.play(FadeOut(*stage.bar_values, *riders), run_time=0.5)
    scene.play(*charts.change_axis(stage.value_axis, loss_axis), *bar_moves, FadeOut(stage.bars[worst]), run_time=1.6)
    scene.play(FadeIn(*loss_values), run_time=0.4)
    scene.remove(stage.value_axis)
    scene.add(loss_axis)
    stage.value_axis, stage.bars, stage.bar_values = loss_axis, loss_bars, loss_values
    scene.hold()


def average(scene: StoryScene) -> None:
    """Average: the losses level out to their mean, the binary cross-entropy."""
    story, stage = scene.story, scene.stage
    # Mean: the loss bars level out to their mean, on an axis that fits them.
    scene.say("average", "mean")
    scene.play(FadeOut(stage.loss_curve), run_time=1.0)

    # Full width again, on an axis that fits the losses; values move under the baseline.
    axis = charts.VerticalAxis(stage.value_axis.axis.get_x(), story.loss_bar_range, story.loss_bar_digits, word("loss"))
    centres = layout.slot_centers(story.n)
    width = layout.bar_width(layout.CHART_WIDTH / story.n)
    readable = scene.readable_values
    tall_bars, values_below = [], []
    for slot, index in enumerate(story.order_by_x):
        top = axis.y_of(story.losses[index])
        anchor = np.array([centres[slot], BASELINE_Y - charts.LOSS_VALUE_GAP, 0])  # the row Part III keeps
        tall_bars.append(charts.bar(centres[slot], BASELINE_Y, top, width, palette.class_colour(story.y[index])))
        values_below.append(charts.value_below(story.shown.losses[index], anchor, readable[index]))
    ordered_bars = [stage.bars[i] for i in story.order_by_x]
    ordered_values = [stage.bar_values[i] for i in story.order_by_x]
    # The values leave the bar tops before the bars move and come back under the baseline, where
    # the bars never reach: moved there, they would slide down through their bars.
    scene.play(FadeOut(*ordered_values), run_time=0.4)
    scene.play(
        *charts.change_axis(stage.value_axis, axis),
        *(ReplacementTransform(old, new) for old, new in zip(ordered_bars, tall_bars, strict=True)),
        FadeIn(*values_below),
        run_time=1.6,
    )
    scene.remove(stage.value_axis)
    scene.add(axis)
    stage.value_axis, stage.bars, stage.bar_values = axis, tall_bars, values_below

    mean_y = axis.y_of(story.mean_loss)
    level = [
        charts.bar(bar.get_x(), BASELINE_Y, mean_y, width, palette.MEAN).set_fill(opacity=0.35) for bar in tall_bars
    ]
    mean_line = DashedLine([layout.CHART_LEFT, mean_y, 0], [layout.CHART_LEFT + layout.CHART_WIDTH, mean_y, 0])
    mean_line.set_stroke(palette.MEAN, palette.LEVEL_STROKE)
    result = live.Result(word("bce"), story.mean_loss).move_to([0, RESULT_Y, 0])
    scene.play(*(TransformFromCopy(bar, flat) for bar, flat in zip(tall_bars, level, strict=True)), run_time=2.0)
    scene.play(Create(mean_line), FadeOut(*level), run_time=1.2)
    if story.clipped:  # the loss was computed on clipped probabilities: say so where it is shown
        note = lettering.label(word("clipped", eps=f"{CLIP_EPS:g}"), fonts.VALUE_SIZE, palette.MUTED)
        result.shift(NOTE_ROOM * UP).add(note.next_to(result, DOWN, buff=0.05).set_x(NOTE_X))
    scene.play(FadeIn(result, shift=0.2 * UP), run_time=1.0)
    stage.mean_line, stage.result = mean_line, result
    scene.hold()
    # Done: the binary cross-entropy, large, with its value.
    scene.say("average", "done")
    mark = pointing.underline(result.value)
    scene.play(Create(mark), run_time=0.6)
    scene.hold(2.0)
    scene.play(FadeOut(mark), run_time=0.4)
