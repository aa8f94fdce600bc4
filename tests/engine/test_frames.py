"""Frames counted and drawn (scenes/engine/frames.py): how many frames a play call writes, and
nothing painted for an animation whose frames are not written (cached or skipped)."""

from types import SimpleNamespace

import pytest
from manim import tempconfig

from scenes.engine.frames import draw_only_frames_written, frames_written


def _played(duration: float, frozen: bool = False) -> SimpleNamespace:
    return SimpleNamespace(duration=duration, is_current_animation_frozen_frame=lambda: frozen)


@pytest.mark.parametrize(
    ("rate", "duration", "frozen", "frames"),
    [(15, 1.0, False, 15), (60, 0.8, False, 48), (60, 0.1, False, 6), (15, 2.0, True, 30), (60, 0.5, True, 30)],
)
def test_a_play_writes_its_frames_as_manim_counts_them(rate, duration, frozen, frames):
    with tempconfig({"frame_rate": rate}):
        assert frames_written(_played(duration, frozen)) == frames


def test_a_play_whose_frames_are_skipped_draws_nothing():
    drawn = []

    class Renderer:
        skip_animations = False

        def play(self, skipped: bool) -> None:
            self.skip_animations = skipped
            self.update_frame("inside")

        def update_frame(self, where: str) -> None:
            drawn.append(where)

    renderer = Renderer()
    draw_only_frames_written(renderer)
    renderer.play(False)
    renderer.play(True)  # a cached or skipped animation: its frames are not written
    renderer.update_frame("after")  # outside a play (the last frame saved as an image): drawn
    assert drawn == ["inside", "after"]
    assert renderer.in_play is False
