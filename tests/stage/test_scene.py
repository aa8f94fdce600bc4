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
    first, last = scene.beats
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


class _Recorded(_OneBeat):
    """The stage with only a hook on what becomes of its record."""

    def recorded(self, timeline) -> None:
        self.handed = timeline


def test_the_stage_records_its_video_and_writes_nothing_beside_it(tmp_path):
    """The subtitles, the soundtrack and the record's file are made by the scene classes that are
    rendered (scenes/story.py, the render's parts): the stage hands them the record, typed."""
    media = sharing_typesetting(tmp_path / "media")
    with tempconfig({"media_dir": str(media), "quality": "low_quality", "output_file": "OneBeat"}):
        scene = _Recorded()
        scene.render()
    record = scene.handed
    beside = sorted(path.name for path in record.video.parent.iterdir() if path.is_file())
    assert beside == ["OneBeat.mp4"]  # no subtitles, no record's file: the stage publishes nothing
    assert (record.first_frame, record.end_frame, record.frame_rate) == (0, scene.frames, 15)
    assert record.beats == tuple(scene.beats) and record.speech == () and not record.narrated
    assert [section.name for section in record.sections] == ["autocreated"]  # Manim's first section
