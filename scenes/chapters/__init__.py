"""The story, in order: every chapter function from the title card on, written once.

Part I, the picture (title to average), is `picture`; Part II, the code, `program`; Part III,
the math on flat models (distribution to kl_divergence), `information`, then a file per chapter:
`loss_at_work`, `back_to_loss`, `ladder`, `likelihood` and `closing`.
`scenes/story.py` makes a scene class of each chapter from this list.
"""

from __future__ import annotations

from collections.abc import Callable

from scenes.chapters import back_to_loss, closing, information, ladder, likelihood, loss_at_work, picture, program
from scenes.stage.scene import StoryScene

Chapter = Callable[[StoryScene], None]

CHAPTERS: list[Chapter] = [
    picture.title,
    picture.feature,
    picture.labels,
    picture.split,
    picture.sigmoid_fit,
    picture.positive_bars,
    picture.negative_bars,
    picture.all_bars,
    picture.side_by_side,
    picture.reposition,
    picture.log_curve,
    picture.losses,
    picture.average,
    program.code,
    information.distribution,
    information.entropy,
    information.cross_entropy,
    information.kl_divergence,
    loss_at_work.loss_at_work,
    back_to_loss.back_to_loss,
    ladder.ladder,
    likelihood.likelihood,
    closing.closing,
]


def scene_name(chapter: Chapter) -> str:
    """The Scene class in scenes/story.py that renders a chapter alone, e.g. ``SigmoidFit``."""
    return chapter.__name__.title().replace("_", "")


def section_name(chapter: Chapter) -> str:
    """The section (and clip) name of a chapter: its number and name, e.g. ``01_feature``."""
    return f"{CHAPTERS.index(chapter):02d}_{chapter.__name__}"


class ChapterScene(StoryScene):
    """One chapter as its own clip, starting from exactly what the previous chapters leave.

    The earlier chapters run through the same code with animations skipped, so the first frame
    of this clip equals the last frame of the previous one in the full video.
    """

    chapter: Chapter

    def chapter_range(self) -> range:
        """Indices in CHAPTERS of the chapters this scene shows."""
        index = CHAPTERS.index(self.chapter)
        return range(index, index + 1)

    def construct(self) -> None:
        shown = self.chapter_range()
        if shown.start:
            self.next_section("setup", skip_animations=True)
            for earlier in CHAPTERS[: shown.start]:
                earlier(self)
        first_frame = self.frames  # the chapters run through before this one are not in the video
        for chapter in CHAPTERS[shown.start : shown.stop]:
            self.next_section(section_name(chapter))
            chapter(self)
            self.chapter_done(chapter.__name__, self.frames - first_frame)


def play_all(scene: StoryScene) -> None:
    """Every chapter in order, one section per chapter (the full story)."""
    for chapter in CHAPTERS:
        scene.next_section(section_name(chapter))
        chapter(scene)
        scene.chapter_done(chapter.__name__, scene.frames)
