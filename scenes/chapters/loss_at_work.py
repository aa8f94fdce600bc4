"""Part III, the loss at work: the fit replayed from the best flat line with its loss bars and
their mean, then on without the penalty, while its worst mistakes grow (the chapter loss_at_work)."""

from __future__ import annotations

from manim import LEFT, RIGHT, UP, Create, FadeIn, FadeOut, Line, Transform, VMobject

from scenes.stage import charts, fonts, live, palette
from scenes.stage.scene import StoryScene


def loss_at_work(scene: StoryScene) -> None:
    """The loss at work: the fit replayed from the best flat line, every loss bar and the mean
    following its curve down to the fit's loss; then, the penalty dropped, on to the lowest."""
    story, stage = scene.story, scene.stage
    chart, replay, free = stage.model_chart, story.replay, story.unpenalising
    w_readout = live.LiveValue("w", replay.w[0], size=fonts.TICK_SIZE, colour=palette.CURVE).move_to(stage.kl_readout)
    w_readout.align_to(stage.kl_readout, LEFT)

    def fit(path, steps: tuple[int, int], run_time: float, **values) -> None:
        curve = {chart.curve: lambda m, step: m.become(chart.sigmoid(path.w[step], path.b[step]))}
        readouts = {stage.mean_readout: path.loss, w_readout: path.w}
        live.follow_path(scene, steps, path.point_losses, path.loss, readouts, curve, run_time, **values)

    # Fit: the model's chart returns at the best flat line, P(green) = q(1): a sigmoid with w = 0.
    scene.say("loss_at_work", "fit")
    scene.play(
        FadeOut(stage.kl_definition, stage.flat_loss_curve, stage.flat_dot, stage.flat_label, stage.kl_readout),
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
    scene.highlight(stage.mean_readout, stage.mean_line)
    scene.hold()
    grown = _worse(scene)
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
    stage.w_readout = w_readout


def _top_mark(bar: VMobject) -> Line:
    """A short line where a bar's top is now, to see how far it moves."""
    return Line(bar.get_corner(UP + LEFT), bar.get_corner(UP + RIGHT)).set_stroke(palette.TEXT, palette.MARK_STROKE)


def _worse(scene: StoryScene) -> list:
    """Worse: yet those mistakes grew; their new losses (without the penalty, below their bars, worst
    first: returned) are written as the voice says them, and the steeper curve that made them flashes."""
    story, stage = scene.story, scene.stage
    values = charts.loss_bars(story, stage.value_axis, story.unpenalised_losses, scene.readable_values)[1]
    grown = [values[i] for i in story.worsened]
    if grown:
        scene.say("loss_at_work", "worse" if len(grown) == 2 else "worse_one")
        scene.highlight(*(stage.bars[i] for i in story.worsened))
        scene.at_mark()
        scene.as_named(*(FadeIn(value) for value in grown), run_time=1.0)
        scene.at_mark()
        scene.highlight(stage.model_chart.curve)
        scene.hold()
    return grown
