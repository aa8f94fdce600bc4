"""The order of the story: every chapter function, from the title card on."""

from __future__ import annotations

from scenes import part1
from scenes.base import Chapter

CHAPTERS: list[Chapter] = [
    part1.title,
    part1.feature,
]


def section_name(chapter: Chapter) -> str:
    """The section (and clip) name of a chapter: its number and name, e.g. ``01_feature``."""
    return f"{CHAPTERS.index(chapter):02d}_{chapter.__name__}"
