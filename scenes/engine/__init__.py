"""Every change this project makes to Manim's and manim-slides' own behaviour, behind one door.

Pinned to manim 0.21.0 and manim-slides 5.7.0 (pyproject.toml); each module says which upstream
behaviour it works around. The stage installs them for each scene; chapters never import them.

- cache: partial movies, text and formula SVGs written atomically and checked before use; parsed
  shapes kept (Manim writes its caches in place and re-parses every SVG).
- encoder: x264 options, frames converted as drawn (no copy), held frames encoded once, final
  videos written atomically.
- frames: nothing drawn for frames that are not written; the frames a play call writes.
- play_hash: a faster partial-movie key (Manim's JSON of every mobject dominated a re-render).
- fast_copy: a faster mobject deep copy.
- drawing: a shape's Cairo path built once for its points, not at every frame it is drawn; a
  family listed in one pass.
- slides: a manim-slides slide within a Manim section (the deck: slides are beats, sections chapters).
"""

from __future__ import annotations

from manim import Scene

from scenes.engine.cache import use_safe_cache
from scenes.engine.drawing import use_faster_drawing
from scenes.engine.encoder import ENCODER_OPTIONS, convert_while_drawing, encode_with_options, write_videos_atomically
from scenes.engine.fast_copy import use_fast_copy
from scenes.engine.frames import draw_only_frames_written, frames_written
from scenes.engine.play_hash import use_play_hash

__all__ = ["ENCODER_OPTIONS", "frames_written", "install"]


def install(scene: Scene) -> None:
    """Install every patch for this scene (its file writer and renderer) and for the process."""
    writer = scene.renderer.file_writer
    write_videos_atomically(writer)
    use_safe_cache(writer)
    encode_with_options(writer, ENCODER_OPTIONS)
    draw_only_frames_written(scene.renderer)
    convert_while_drawing(scene.renderer)
    use_play_hash()
    use_fast_copy()
    use_faster_drawing()
