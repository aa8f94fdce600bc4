"""Every chapter built headless: inside the frame, no text over text, numbers from bce_math."""

import itertools

import numpy as np
import pytest
from manim import LEFT, RIGHT, FadeIn, Scene

from bce_math import default_dataset, fmt, walkthrough
from scenes import story as story_module
from scenes.chapters import CHAPTERS, scene_name
from scenes.stage.charts import vertical_value
from scenes.stage.layout import SAFE_BOTTOM, SAFE_SIDE
from scenes.stage.lettering import label, number
from scenes.stage.pacing import FORMULA_READ_SECONDS
from tests.scene_checks import TEXT_GAP, build

pytestmark = pytest.mark.story  # builds the whole story headless: make test, not make check

CHAPTER_NAMES = [c.__name__ for c in CHAPTERS]
# Chapters also built alone (each re-runs every chapter before it): one from each stretch of the
# story, where the state handed over is richest (kl_divergence takes the flat chart, its lines and
# readouts). FullStory itself covers every chapter.
STANDALONE = ["SigmoidFit", "Losses", "KlDivergence"]


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


def section_range(full_build, chapter_name: str) -> range:
    index = CHAPTER_NAMES.index(chapter_name)
    starts = [*full_build.section_starts, len(full_build.snapshots)]
    return range(starts[index], starts[index + 1])


@pytest.mark.parametrize("chapter", CHAPTER_NAMES)
def test_every_animation_ends_inside_frame_without_overlaps(full, chapter):
    snapshots = section_range(full, chapter)
    assert snapshots, "the chapter played nothing"
    for index in snapshots:
        snap = full.snapshots[index]
        assert not snap.outside_frame, f"animation {index}: {snap.outside_frame} leave the frame"
        assert not snap.overlapping_texts, f"animation {index}: texts overlap {snap.overlapping_texts}"
        assert not snap.untraced_numbers, f"animation {index}: numbers not from fmt {snap.untraced_numbers}"
        assert not snap.texts_over_bars, f"animation {index}: text over a bar {snap.texts_over_bars}"


def moments_in(full_build, chapter_name: str) -> list:
    plays = section_range(full_build, chapter_name)
    return [m for m in full_build.moments if m.play in plays]


@pytest.mark.parametrize("chapter", CHAPTER_NAMES)
def test_every_text_stays_out_of_the_subtitles_and_side_bands(full, chapter):
    """Players draw subtitles over the bottom 12 % and may crop 3.5 % at the sides (layout.SAFE_*):
    after every animation, and inside every one of them."""
    for index in section_range(full, chapter):
        outside = full.snapshots[index].outside_safe_area
        assert not outside, f"animation {index}: {outside} in the subtitles' or a side band"
    for moment in moments_in(full, chapter):
        outside = moment.outside_safe_area
        assert not outside, f"animation {moment.play} at {moment.fraction:.0%}: {outside} in a band"


@pytest.mark.parametrize("chapter", CHAPTER_NAMES)
def test_no_text_is_drawn_over_a_bar_inside_animations(full, chapter):
    """A value fading in while its bar still grows, or sliding through a bar, is drawn over it."""
    for moment in moments_in(full, chapter):
        over = moment.texts_over_bars
        assert not over, f"animation {moment.play} at {moment.fraction:.0%}: {over} over a bar"


class _Planted(Scene):
    """A readout in the subtitles' band, a label in the right band, and two values with no daylight."""

    def construct(self) -> None:
        readout = number(0.3329).move_to([0, SAFE_BOTTOM - 0.05, 0])
        edge = label("H(q)").next_to([SAFE_SIDE + 0.05, 0, 0], LEFT, buff=0).shift(0.1 * RIGHT)
        first = vertical_value(0.2994, np.array([-3.0, 0.0, 0.0]))
        second = vertical_value(0.7397, np.array([-3.0 + first.width + TEXT_GAP / 2, 0.0, 0.0]))
        self.play(FadeIn(readout, edge, first, second))


def test_the_checks_catch_a_planted_readout_edge_label_and_touching_values(tmp_path):
    planted = build(_Planted, tmp_path)
    final = planted.snapshots[-1]
    assert sorted(final.outside_safe_area) == ["0.3329", "H(q)"]
    assert final.overlapping_texts == [("0.2994", "0.7397")]
    inside = [m for m in planted.moments if m.fraction > 0]
    assert inside and all(sorted(m.outside_safe_area) == ["0.3329", "H(q)"] for m in inside)


@pytest.mark.parametrize("name", STANDALONE)
def test_chapter_alone_starts_and_ends_as_in_the_full_story(full, media, name):
    chapter = next(c.__name__ for c in CHAPTERS if scene_name(c) == name)
    alone = build(getattr(story_module, name), media, inside=False)
    own = section_range(full, chapter)
    before = full.snapshots[own.start - 1].signature if own.start else []
    start = alone.section_starts[-1]
    assert (alone.snapshots[start - 1].signature if start else []) == before
    assert alone.snapshots[-1].signature == full.snapshots[own.stop - 1].signature


def test_every_chapter_has_a_scene_and_a_section(full):
    assert len(full.section_starts) == len(CHAPTERS)
    for chapter in CHAPTERS:
        scene = getattr(story_module, scene_name(chapter))
        assert issubclass(scene, story_module.ChapterScene) and scene.chapter is chapter


def last_of(full_build, chapter: str):
    return full_build.snapshots[section_range(full_build, chapter)[-1]]


def snapshots_of(full_build, chapter: str):
    return [full_build.snapshots[i] for i in section_range(full_build, chapter)]


def test_feature_shows_the_data_ticks_and_points(full):
    story = walkthrough(default_dataset())
    final = last_of(full, "feature")
    start, end, step = story.x_range
    ticks = [value for _, value in final.numbers]
    assert ticks == pytest.approx([start + i * step for i in range(round((end - start) / step) + 1)])
    shown_captions = [text for snap in snapshots_of(full, "feature") for text in snap.captions]
    assert any(text.startswith(f"{story.n} points") for text in shown_captions)


def test_pacing_for_a_lecture(full):
    bounds = [*full.section_start_times, full.end_time]
    names = [c.__name__ for c in CHAPTERS]
    lengths = dict(zip(names, [b - a for a, b in itertools.pairwise(bounds)], strict=True))
    part_two = names.index("code")
    for card in ("title", "closing"):
        assert 4 <= lengths.pop(card) <= 12
    for name, seconds in lengths.items():
        # Part I: 10-30 s a chapter, but the losses chapter, the lesson the story turns on, may take longer.
        longest = 30 if names.index(name) < part_two and name != "losses" else 45
        assert 10 <= seconds <= longest, f"chapter {name} lasts {seconds:.1f} s"
    assert 180 <= full.section_start_times[part_two] <= 300  # Part I: 3 to 5 minutes


STORY = walkthrough(default_dataset())


def shown_texts(snap) -> list[str]:
    return [text.replace("\u2212", "-") for text, _ in snap.numbers]


def test_bars_show_the_probability_of_each_true_class(full):
    final = shown_texts(last_of(full, "reposition"))
    assert sorted(final) == sorted([fmt(p) for p in STORY.prob_true_class] + [fmt(t, 1) for t in (0.0, 0.5, 1.0)])


def test_loss_bars_and_average_equal_bce_math(full):
    losses = shown_texts(last_of(full, "losses"))
    # Each loss as bce_math states it: -ln of its probability as shown (bce_math/shown.py).
    assert all(fmt(loss) in losses for loss in STORY.shown.losses)
    final = shown_texts(last_of(full, "average"))
    assert fmt(STORY.mean_loss) in final
    assert all(fmt(loss) in final for loss in STORY.shown.losses)


def test_fit_readout_ends_on_the_sklearn_fit(full):
    readouts = [shown_texts(snap) for snap in snapshots_of(full, "sigmoid_fit")]
    assert any({fmt(STORY.w), fmt(STORY.b)} <= set(texts) for texts in readouts)
    # No loss is shown before the loss exists (log_curve builds it; loss_at_work replays the fit with it).
    assert not any(fmt(STORY.mean_loss) in texts for texts in readouts)


def test_log_curve_tracer_stops_at_the_memorable_point(full):
    texts = {text for snap in snapshots_of(full, "log_curve") for text in shown_texts(snap)}
    assert {fmt(STORY.memorable_probability, 2), fmt(STORY.memorable_loss, 2)} <= texts


def test_kl_readout_shrinks_to_zero(full):
    texts = [shown_texts(snap) for snap in snapshots_of(full, "kl_divergence")]
    assert any(fmt(STORY.shown.kl_other) in t for t in texts)
    assert fmt(0.0) in texts[-1] and fmt(STORY.entropy_q) in texts[-1]


def test_no_still_picture_lasts_longer_than_eight_seconds(full):
    assert full.holds and max(full.holds) <= 8.0  # the storyboard's longest still picture


def test_every_formula_line_stays_long_enough_to_read(full):
    """Whole on screen from the end of the animation that brings a formula to the start of the one
    that takes it away (a formula a chapter keeps to its end counts on into the next)."""
    whole_since: dict[str, float] = {}
    short = []
    for before, snap in itertools.pairwise(full.snapshots):
        for tex in set(snap.formulas) - set(before.formulas):
            whole_since[tex] = snap.time
        for tex in set(before.formulas) - set(snap.formulas):
            seconds = before.time - whole_since.pop(tex)
            if seconds < FORMULA_READ_SECONDS:
                short.append((tex[:50], round(seconds, 1)))
    assert short == []
