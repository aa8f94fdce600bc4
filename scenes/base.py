"""Scene classes every chapter shares: captions, the story's data, and chapter sequencing."""

from __future__ import annotations

from collections.abc import Callable

from manim import DOWN, FadeIn, FadeOut, Mobject, Scene, Text

from bce_math import Walkthrough
from scenes import mobjects, palette
from scenes.layout import Chart, readable_values
from scenes.narration import caption as caption_text
from scenes.settings import current_story

# Seconds a viewer needs per caption word, on top of a second and a half to notice it.
READING_SECONDS_PER_WORD = 0.4


class Stage:
    """The objects on screen that outlive a chapter; each chapter picks up what the last one left."""

    def __init__(self) -> None:
        self.caption: Text | None = None
        self.number_line: Mobject | None = None
        self.points: list[Mobject] = []  # dataset order, like every per-point list here
        self.legend: Mobject | None = None
        self.row_labels: Mobject | None = None
        self.value_axis: Mobject | None = None
        self.curve: Mobject | None = None
        self.bars: list[Mobject] = []
        self.bar_values: list[Mobject] = []
        self.loss_curve: Mobject | None = None
        self.mean_line: Mobject | None = None
        self.result: Mobject | None = None
        # Part III: the class distribution q, a model's guess p, and formulas on the right.
        self.q_bars: Mobject | None = None
        self.p_bars: Mobject | None = None
        self.formulas: Mobject | None = None


class StoryScene(Scene):
    """A scene of the story: knows the data in use and how to show captions."""

    story: Walkthrough
    chart: Chart
    readable_values: tuple[bool, ...]
    stage: Stage

    def setup(self) -> None:
        self.camera.background_color = palette.BACKGROUND
        self.story = current_story()
        self.chart = Chart.for_story(self.story)
        # Which per-bar values are written (crowded data thins them); the same in every chapter.
        self.readable_values = readable_values(self.chart, self.story.x, self.story.order_by_x)
        self.stage = Stage()

    def say(self, chapter: str, beat: str, run_time: float = 0.8) -> None:
        """Replace the caption with this beat's text."""
        new = mobjects.caption(caption_text(chapter, beat, self.story))
        old = self.stage.caption
        animations = [FadeIn(new, shift=0.15 * DOWN)]
        if old is not None:
            animations.append(FadeOut(old))
        self.play(*animations, run_time=run_time)
        self.stage.caption = new

    def clear_stage(self, run_time: float = 1.0) -> None:
        """Fade out everything but the caption."""
        leaving = [m for m in self.mobjects if m is not self.stage.caption]
        if leaving:
            self.play(*(FadeOut(m) for m in leaving), run_time=run_time)

    def hold(self, extra: float = 0.0) -> None:
        """Wait long enough to read the caption on screen."""
        words = len(self.stage.caption.original_text.split()) if self.stage.caption is not None else 0
        self.wait(1.5 + READING_SECONDS_PER_WORD * words + extra)


Chapter = Callable[[StoryScene], None]


class ChapterScene(StoryScene):
    """One chapter as its own clip, starting from exactly what the previous chapters leave.

    The earlier chapters run through the same code with animations skipped, so the first frame
    of this clip equals the last frame of the previous one in the full video.
    """

    chapter: Chapter

    def construct(self) -> None:
        from scenes.chapters import CHAPTERS, section_name

        index = CHAPTERS.index(self.chapter)
        if index:
            self.next_section("setup", skip_animations=True)
            for earlier in CHAPTERS[:index]:
                earlier(self)
        self.next_section(section_name(self.chapter))
        self.chapter(self)
