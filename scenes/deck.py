"""The story as a slide deck for manim-slides: FullStory, with each chapter also a slide.

manim -qh --save_sections scenes/deck.py Deck    (slides in media/slides/, then `manim-slides convert`)

manim-slides turns every `next_section` into `next_slide`, so Deck plays exactly FullStory and
also writes its video, a clip per chapter and the subtitles: the course needs one render for all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from manim import config
from manim_slides import Slide

from scenes.story import FullStory


class Deck(Slide, FullStory):
    """FullStory, one slide per chapter; a lecturer advances by hand."""

    skip_reversing = True  # nobody plays this story backwards; reversing costs a second encode

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, output_folder=Path(config.media_dir) / "slides", **kwargs)

    def next_section(self, name: str = "unnamed", *args: Any, **kwargs: Any) -> None:
        # Slide.next_section (a new slide and section) does not reach StoryScene's bookkeeping.
        self.section_times[name] = self.clock
        super().next_section(name, *args, **kwargs)
