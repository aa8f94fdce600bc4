"""Part III, the ladder: four models on one loss axis, each drawn small beside its rung (the chapter
ladder)."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, Create, FadeIn, Line, VGroup

from bce_math import step_digits
from scenes.narration import word
from scenes.stage import charts, fonts, layout, lettering, palette, pointing
from scenes.stage.layout import spread
from scenes.stage.scene import StoryScene

LADDER_AXIS_X, LEADER_RUN = -5.0, 0.5
# The cards' right edge: clear of the side band, also while the narrated cut flashes one
# (scene.highlight: Indicate, 1.08 times its size about its centre).
LABEL_RIGHT = layout.SAFE_SIDE - 0.3
LABEL_GAP = 1.15  # between two rung cards' centres: nearby rungs get their cards pushed apart
THUMB_WIDTH, THUMB_HEIGHT = 1.7, 0.85  # each rung's model, drawn small on Part I's axes
LADDER_TOP = 2.6  # the cards' highest edge: below the caption
# The four models on the ladder, in the story's order: their word, and the colour of their rung.
# Colours keep their meaning: the class rate costs H(q), drawn in the loss colour of its line since
# the chapter entropy; the fit keeps its curve's colour; the fit without a penalty has a colour of its own.
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
        line = Line([LADDER_AXIS_X, y, 0], [rung_end, y, 0], color=colour, stroke_width=palette.CURVE_STROKE)
        leader = Line([rung_end, y, 0], [label_x - 0.1, card_y, 0], color=colour, stroke_width=palette.TICK_STROKE)
        rungs.append(VGroup(line, leader, card.move_to([label_x, card_y, 0], aligned_edge=LEFT)))
    return rungs


def ladder(scene: StoryScene) -> None:
    """The ladder: four models on one loss axis; H(q) is the best cost without x, not a floor."""
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
