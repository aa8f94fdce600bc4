"""The order of the story: every chapter function, from the title card on."""

from __future__ import annotations

from scenes import part1, part2, part3
from scenes.base import Chapter

CHAPTERS: list[Chapter] = [
    part1.title,
    part1.feature,
    part1.labels,
    part1.split,
    part1.sigmoid_fit,
    part1.positive_bars,
    part1.negative_bars,
    part1.all_bars,
    part1.side_by_side,
    part1.reposition,
    part1.log_curve,
    part1.losses,
    part1.average,
    part2.code,
    part3.distribution,
    part3.entropy,
    part3.cross_entropy,
    part3.kl_divergence,
    part3.back_to_loss,
    part3.ladder,
    part3.likelihood,
    part3.closing,
]


def scene_name(chapter: Chapter) -> str:
    """The Scene class in scenes/story.py that renders a chapter alone, e.g. ``SigmoidFit``."""
    return chapter.__name__.title().replace("_", "")


def section_name(chapter: Chapter) -> str:
    """The section (and clip) name of a chapter: its number and name, e.g. ``01_feature``."""
    return f"{CHAPTERS.index(chapter):02d}_{chapter.__name__}"
