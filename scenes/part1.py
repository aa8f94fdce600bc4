"""Part I, the visual way: each function is one chapter's beats, in storyboard order."""

from __future__ import annotations

from manim import DOWN, Create, FadeIn, FadeOut, GrowFromCenter, LaggedStart, VGroup

from scenes import fonts, mobjects, palette
from scenes.base import StoryScene


def title(scene: StoryScene) -> None:
    """Title card."""
    from scenes.narration import caption

    heading = mobjects.label(caption("title", "title", scene.story), fonts.TITLE_SIZE)
    subtitle = mobjects.label(caption("title", "subtitle", scene.story), fonts.SUBTITLE_SIZE, palette.MUTED)
    card = VGroup(heading, subtitle).arrange(DOWN, buff=0.45)
    scene.play(FadeIn(heading, shift=0.2 * DOWN), run_time=1.2)
    scene.play(FadeIn(subtitle), run_time=0.8)
    scene.wait(2.0)
    scene.play(FadeOut(card), run_time=0.8)


def feature(scene: StoryScene) -> None:
    """1. Feature: a number line covering the data, the points as neutral dots at their x."""
    story, chart, stage = scene.story, scene.chart, scene.stage
    stage.number_line = mobjects.NumberLine(story, chart.middle_y)
    stage.points = [mobjects.neutral_point(chart.point(x, 0.5)) for x in story.x]

    scene.say("feature", "points")
    scene.play(Create(stage.number_line), run_time=1.5)
    scene.play(LaggedStart(*(GrowFromCenter(point) for point in stage.points), lag_ratio=0.15), run_time=2.0)
    scene.hold()
