"""Every chapter built headless: inside the frame, no text over text, numbers from bce_math."""

import itertools

import pytest

from bce_math import default_dataset, fmt, walkthrough
from scenes import story as story_module
from scenes.chapters import CHAPTERS
from tests.scene_checks import build

CHAPTER_SCENES = [getattr(story_module, c.__name__.title().replace("_", "")) for c in CHAPTERS]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    return {cls.__name__: build(cls, media) for cls in [*CHAPTER_SCENES, story_module.FullStory]}


@pytest.mark.parametrize("scene", [*CHAPTER_SCENES, story_module.FullStory], ids=lambda c: c.__name__)
def test_every_animation_ends_inside_frame_without_overlaps(builds, scene):
    result = builds[scene.__name__]
    assert result.snapshots, "the scene played nothing"
    for index, snap in enumerate(result.snapshots):
        assert not snap.outside_frame, f"animation {index}: {snap.outside_frame} leave the frame"
        assert not snap.overlapping_texts, f"animation {index}: texts overlap {snap.overlapping_texts}"
        assert not snap.untraced_numbers, f"animation {index}: numbers not from fmt {snap.untraced_numbers}"
        assert not snap.texts_over_bars, f"animation {index}: text over a bar {snap.texts_over_bars}"


@pytest.mark.parametrize("index", range(1, len(CHAPTER_SCENES)), ids=lambda i: CHAPTERS[i].__name__)
def test_chapter_starts_where_previous_ended(builds, index):
    previous = builds[CHAPTER_SCENES[index - 1].__name__]
    current = builds[CHAPTER_SCENES[index].__name__]
    start = current.section_starts[-1]
    start_state = current.snapshots[start - 1].signature if start else []
    assert previous.snapshots[-1].signature == start_state


def test_full_story_has_a_section_per_chapter(builds):
    full = builds["FullStory"]
    assert len(full.section_starts) == len(CHAPTERS)
    assert full.snapshots[-1].signature == builds[CHAPTER_SCENES[-1].__name__].snapshots[-1].signature


def test_feature_shows_the_data_ticks_and_points(builds):
    story = walkthrough(default_dataset())
    final = builds["Feature"].snapshots[-1]
    start, end, step = story.x_range
    ticks = [value for _, value in final.numbers]
    assert ticks == pytest.approx([start + i * step for i in range(round((end - start) / step) + 1)])
    shown_captions = [text for snap in builds["Feature"].snapshots for text in snap.captions]
    assert any(text.startswith(f"{story.n} points") for text in shown_captions)


def test_pacing_for_a_lecture(builds):
    full = builds["FullStory"]
    bounds = [*full.section_start_times, full.end_time]
    lengths = dict(zip([c.__name__ for c in CHAPTERS], [b - a for a, b in itertools.pairwise(bounds)], strict=True))
    title = lengths.pop("title")
    assert 4 <= title <= 12
    for name, seconds in lengths.items():
        assert 10 <= seconds <= 30, f"chapter {name} lasts {seconds:.1f} s"
    assert 180 <= full.end_time <= 300


STORY = walkthrough(default_dataset())


def shown_texts(snap) -> list[str]:
    return [text.replace("\u2212", "-") for text, _ in snap.numbers]


def test_bars_show_the_probability_of_each_true_class(builds):
    final = shown_texts(builds["Reposition"].snapshots[-1])
    assert sorted(final) == sorted([fmt(p) for p in STORY.prob_true_class] + [fmt(t, 1) for t in (0.0, 0.5, 1.0)])


def test_loss_bars_and_average_equal_bce_math(builds):
    losses = shown_texts(builds["Losses"].snapshots[-1])
    assert all(fmt(loss) in losses for loss in STORY.losses)
    final = shown_texts(builds["Average"].snapshots[-1])
    assert fmt(STORY.mean_loss) in final
    assert all(fmt(loss) in final for loss in STORY.losses)


def test_fit_readout_ends_on_the_sklearn_fit(builds):
    fit = builds["SigmoidFit"]
    readouts = [shown_texts(snap) for snap in fit.snapshots[fit.section_starts[-1] :]]
    assert any({fmt(STORY.w), fmt(STORY.b), fmt(STORY.mean_loss)} <= set(texts) for texts in readouts)


def test_log_curve_tracer_stops_at_the_memorable_point(builds):
    curve = builds["LogCurve"]
    texts = {text for snap in curve.snapshots[curve.section_starts[-1] :] for text in shown_texts(snap)}
    assert {fmt(STORY.memorable_probability, 2), fmt(STORY.memorable_loss, 2)} <= texts
