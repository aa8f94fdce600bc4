"""The scene every chapter draws on (scenes/stage/scene.py): a beat's caption, its subtitle cue and
its hold on the frame clock; the Stage's fields name real chapters."""

import re
from pathlib import Path

import pytest
from manim import tempconfig

from scenes.chapters import CHAPTERS
from scenes.narration import reading_seconds
from scenes.stage import pacing
from scenes.stage.scene import StoryScene
from tests.scene_checks import sharing_typesetting

SCENE_SOURCE = Path(__file__).resolve().parents[2] / "scenes" / "stage" / "scene.py"


class _OneBeat(StoryScene):
    def construct(self) -> None:
        self.say("average", "mean")
        self.hold()
        self.unsay()


def test_a_beat_shows_its_caption_cues_its_subtitle_and_holds_for_reading(tmp_path):
    media = sharing_typesetting(tmp_path / "media")
    with tempconfig({"media_dir": str(media), "quality": "low_quality", "write_to_movie": False}):
        scene = _OneBeat()
        scene.render()
        rate, clock = 15, scene.clock
    assert scene.cut == "captioned"  # the tests' scenes are the silent cut (tests/conftest.py)
    first, last = scene.timeline
    assert (first.time, first.chapter, first.beat) == (0.0, "average", "mean")
    assert (last.chapter, scene.stage.caption, scene.stage.beat) == (None, None, None)  # the cue ends as it goes
    reading = reading_seconds("average", "mean", scene.story)
    held = pacing.hold_seconds("captioned", 0.8, 0.0, reading, 0.8)
    assert last.time == pytest.approx(0.8 + held, abs=1 / rate)  # fade in, then the hold
    assert clock == scene.frames / rate == pytest.approx(0.8 + held + 0.6, abs=2 / rate)  # counted in frames


def test_the_stages_fields_name_chapters_that_exist():
    """Each Stage field says which chapters set it (->) and read it (<-), by function name."""
    source = SCENE_SOURCE.read_text(encoding="utf-8")
    stage = source[source.index("class Stage") : source.index("class StoryScene")]
    named = {
        name.strip()
        for arrows in re.finditer(r"(?:->|<-)\s*([a-z_, ]+)", stage)
        for name in arrows.group(1).split(",")
        if name.strip() and " " not in name.strip()
    }
    assert len(named) > 15
    chapters = {chapter.__name__ for chapter in CHAPTERS}
    assert sorted(named - chapters) == [], "scenes/stage/scene.py's Stage names chapters that are not in CHAPTERS"
