"""Every change this project makes to Manim's and manim-slides' own behaviour, behind one door.

Pinned to manim 0.21.0 and manim-slides 5.7.0 (pyproject.toml, PINNED): install stops with one
line when it finds others. Each module says which upstream behaviour it works around. The stage
installs them for each scene and makes its text with `text` (stage/lettering.py); chapters never
import them, and no module outside this folder touches a private name of Manim's
(tests/test_architecture.py).

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
- text: text and formulas without what Manim keeps only to build them; a Text set from glyphs.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from manim import Scene

from scenes.engine.cache import use_safe_cache
from scenes.engine.drawing import use_faster_drawing
from scenes.engine.encoder import ENCODER_OPTIONS, convert_while_drawing, encode_with_options, write_videos_atomically
from scenes.engine.fast_copy import use_fast_copy
from scenes.engine.frames import draw_only_frames_written, frames_written
from scenes.engine.play_hash import use_play_hash
from scenes.settings import fail

__all__ = ["ENCODER_OPTIONS", "PINNED", "check_versions", "frames_written", "install"]

# The versions whose internals these patches were written against (pyproject.toml pins the same).
PINNED = {"manim": "0.21.0", "manim-slides": "5.7.0"}


def installed_version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "none"


def check_versions() -> None:
    """Stop the process with one line (exit code 2, as scenes.settings.fail) when the installed
    Manim or manim-slides is not the version the patches were written for: in another version
    their internals may have moved, and a render would fail deep inside, or draw wrongly."""
    found = {name: installed_version(name) for name in PINNED}
    if found != PINNED:
        fail(f"scenes/engine's patches are for {_listed(PINNED)}, found {_listed(found)}; install those (make setup)")


def _listed(versions: dict[str, str]) -> str:
    return " and ".join(f"{name} {number}" for name, number in versions.items())


def install(scene: Scene) -> None:
    """Install every patch for this scene (its file writer and renderer) and for the process,
    after checking that Manim and manim-slides are the versions they were written for."""
    check_versions()
    writer = scene.renderer.file_writer
    write_videos_atomically(writer)
    use_safe_cache(writer)
    encode_with_options(writer, ENCODER_OPTIONS)
    draw_only_frames_written(scene.renderer)
    convert_while_drawing(scene.renderer)
    use_play_hash()
    use_fast_copy()
    use_faster_drawing()
