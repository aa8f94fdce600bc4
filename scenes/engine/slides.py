"""manim-slides 5.7.0, made to take a slide per beat inside Manim's sections (one per chapter).

Slide.next_slide also starts a Manim section, and Slide.next_section starts a slide: the deck
needs slides (beats) finer than sections (chapters), so it calls the undecorated BaseSlide method.
"""

from __future__ import annotations

from manim_slides.slide.base import BaseSlide, BaseSlideConfig


def next_slide_in_section(slide: BaseSlide, notes: str) -> None:
    """End the slide being played and start a new one with these speaker notes, in the same section."""
    BaseSlide.next_slide.__wrapped__(slide, base_slide_config=BaseSlideConfig(notes=notes))


def set_notes(slide: BaseSlide, notes: str) -> None:
    """Give the slide being played these speaker notes."""
    slide._base_slide_config = slide._base_slide_config.model_copy(update={"notes": notes})
