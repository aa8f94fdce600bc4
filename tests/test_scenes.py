"""Every chapter built headless: inside the frame, no text over text, numbers from bce_math."""

import pytest

from bce_math import default_dataset, walkthrough
from scenes import story as story_module
from scenes.chapters import CHAPTERS
from tests.scene_checks import (
    build,
    numbers_on_screen,
    outside_frame,
    overlapping_texts,
    untraced_numbers,
)

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
        assert not outside_frame(snap), f"animation {index}: {outside_frame(snap)} leave the frame"
        assert not overlapping_texts(snap), f"animation {index}: texts overlap {overlapping_texts(snap)}"
        assert not untraced_numbers(snap), f"animation {index}: numbers not from fmt {untraced_numbers(snap)}"


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
    ticks = [t.value for t in numbers_on_screen(final)]
    assert ticks == pytest.approx([start + i * step for i in range(round((end - start) / step) + 1)])
    caption = [t.original_text for t in final.texts if not hasattr(t, "value")]
    assert any(f"{story.n} points" in text for text in caption)
