"""The lecture deck: the story as manim-slides slides, one slide per beat, with speaker notes.

manim -qh scenes/deck.py Deck      (slides in media/slides/, then `manim-slides convert`)

The deck is the story's third cut: the same chapters and animations as FullStory, paced for a
lecturer who speaks over them. Each beat is a slide that plays its animations and stops on its
last picture (no holds for reading or for a voice); its notes are the beat's narration. Each
chapter is still a Manim section (a group of slides).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from manim import config
from manim_slides import Slide

from scenes.engine.slides import next_slide_in_section, set_notes
from scenes.narration import spoken
from scenes.story import FullStory


class Deck(Slide, FullStory):
    """FullStory, a slide per beat; a lecturer advances by hand."""

    skip_reversing = True  # nobody plays this story backwards; reversing costs a second encode

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, output_folder=Path(config.media_dir) / "slides", **kwargs)
        self.slide_has_beat = False

    @property
    def cut(self) -> str:
        return "deck"

    def next_section(self, name: str = "unnamed", *args: Any, **kwargs: Any) -> None:
        # Slide.next_section (a new slide and section) does not reach StoryScene's bookkeeping.
        self.section_frames[name] = self.frames
        super().next_section(name, *args, **kwargs)
        # What a chapter plays before its first beat (clearing the stage) opens that beat's slide.
        self.slide_has_beat = False

    def begin_beat(self, chapter: str, beat: str) -> None:
        notes = spoken(chapter, beat, self.story)
        if self.slide_has_beat:
            next_slide_in_section(self, notes)  # a slide only: sections are chapters
        else:
            set_notes(self, notes)
        self.slide_has_beat = True
