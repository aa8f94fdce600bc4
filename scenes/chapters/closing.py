"""The closing card: the formula, the final number, and where the lab is (the chapter closing)."""

from __future__ import annotations

from manim import DOWN, UP, FadeIn, VGroup, Write

from scenes.narration import caption
from scenes.stage import fonts, formulas, lettering, pacing, palette
from scenes.stage.scene import StoryScene


def closing(scene: StoryScene) -> None:
    """Closing card: the formula, the final number, and where to try it with other points."""
    story = scene.story
    heading = lettering.label(caption("closing", "title", story), fonts.TITLE_SIZE)
    bce = formulas.formula(
        r"-\frac{1}{N}\sum_{i=1}^{N}\Big[y_i \ln p_i + (1-y_i)\ln(1-p_i)\Big]", size=fonts.FORMULA_SIZE + 6
    )
    value = lettering.number(story.mean_loss, 4, fonts.TITLE_SIZE, palette.MEAN)
    note = lettering.label(caption("closing", "data", story), fonts.SUBTITLE_SIZE, palette.MUTED)
    lab = lettering.label(caption("closing", "lab", story), fonts.CAPTION_SIZE, palette.CURVE)
    VGroup(heading, bce, value, note, lab).arrange(DOWN, buff=0.4)
    # Summary: the stage clears and the card stands alone: the formula, and its value for these points.
    scene.clear_stage()
    scene.unsay()
    scene.subtitle("closing", "summary")
    scene.play(FadeIn(heading, shift=0.2 * DOWN), run_time=1.0)
    scene.play(Write(bce), run_time=2.0)
    scene.play(FadeIn(value, shift=0.2 * UP), FadeIn(note), run_time=1.0)
    scene.wait(1.0)
    # Lab: where the viewer moves the points and sees the same numbers.
    scene.subtitle("closing", "lab")
    scene.play(FadeIn(lab, shift=0.2 * UP), run_time=1.0)
    scene.wait(max(3.5, pacing.wait_for_speech(scene.clock, scene.speech_end)))  # the voice ends before the video
