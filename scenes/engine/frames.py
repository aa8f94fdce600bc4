"""Manim's frame drawing and counting: what a play call draws and how many frames it writes.

Works around manim 0.21.0's Cairo renderer, which paints the frames of a cached or skipped
animation and throws them away.
"""

from __future__ import annotations

import numpy as np
from manim import Scene, config


def frames_written(scene: Scene) -> int:
    """Frames the last play call adds to the video, drawn or taken from the cache (as Manim counts them)."""
    if scene.is_current_animation_frozen_frame():
        return int(scene.duration / (1 / config.frame_rate))
    return len(np.arange(0, scene.duration, 1 / config.frame_rate))


def draw_only_frames_written(renderer) -> None:
    """Draw nothing in a play call whose frames are not written (its movie is cached, or its section skipped).

    Manim's Cairo renderer still paints the still picture under each such animation and its last
    frame, then throws them away: at 1080p that was most of an unchanged re-render. The last
    frame saved as an image (-s, and the headless builds) is drawn after the plays, as before.
    """
    play, update_frame = renderer.play, renderer.update_frame

    def play_drawing_what_is_written(*args, **kwargs) -> None:
        renderer.in_play = True
        try:
            play(*args, **kwargs)
        finally:
            renderer.in_play = False

    def update_frame_if_written(*args, **kwargs) -> None:
        if not (renderer.in_play and renderer.skip_animations):
            update_frame(*args, **kwargs)

    renderer.in_play = False
    renderer.play, renderer.update_frame = play_drawing_what_is_written, update_frame_if_written
