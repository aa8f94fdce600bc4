"""The binary cross-entropy story. Render it all, or any chapter alone:

manim -qh scenes/story.py FullStory
manim -qh scenes/story.py Feature
"""

from __future__ import annotations

import sys

from scenes import part1, part2, part3
from scenes.base import ChapterScene, StoryScene
from scenes.chapters import CHAPTERS, section_name
from scenes.settings import current_settings, current_story

# Refuse bad settings (BCE_THEME, BCE_LANG, BCE_DATA) before Manim builds any scene; say which are in effect.
current_story()
print(current_settings().describe(), file=sys.stderr)


class FullStory(StoryScene):
    """Title card and every chapter in order, one section per chapter."""

    def construct(self) -> None:
        for chapter in CHAPTERS:
            self.next_section(section_name(chapter))
            chapter(self)


class Title(ChapterScene):
    chapter = staticmethod(part1.title)


class Feature(ChapterScene):
    chapter = staticmethod(part1.feature)


class Labels(ChapterScene):
    chapter = staticmethod(part1.labels)


class Split(ChapterScene):
    chapter = staticmethod(part1.split)


class SigmoidFit(ChapterScene):
    chapter = staticmethod(part1.sigmoid_fit)


class PositiveBars(ChapterScene):
    chapter = staticmethod(part1.positive_bars)


class NegativeBars(ChapterScene):
    chapter = staticmethod(part1.negative_bars)


class AllBars(ChapterScene):
    chapter = staticmethod(part1.all_bars)


class SideBySide(ChapterScene):
    chapter = staticmethod(part1.side_by_side)


class Reposition(ChapterScene):
    chapter = staticmethod(part1.reposition)


class LogCurve(ChapterScene):
    chapter = staticmethod(part1.log_curve)


class Losses(ChapterScene):
    chapter = staticmethod(part1.losses)


class Average(ChapterScene):
    chapter = staticmethod(part1.average)


class Code(ChapterScene):
    chapter = staticmethod(part2.code)


class Distribution(ChapterScene):
    chapter = staticmethod(part3.distribution)


class Entropy(ChapterScene):
    chapter = staticmethod(part3.entropy)


class CrossEntropy(ChapterScene):
    chapter = staticmethod(part3.cross_entropy)


class KlDivergence(ChapterScene):
    chapter = staticmethod(part3.kl_divergence)


class BackToLoss(ChapterScene):
    chapter = staticmethod(part3.back_to_loss)


class Ladder(ChapterScene):
    chapter = staticmethod(part3.ladder)


class Likelihood(ChapterScene):
    chapter = staticmethod(part3.likelihood)


class Closing(ChapterScene):
    chapter = staticmethod(part3.closing)
