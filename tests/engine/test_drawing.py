"""Manim's drawing with less Python (scenes/engine/drawing.py): the frames are Manim's own, bit for bit."""

from __future__ import annotations

import io
from unittest.mock import patch

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from manim import BLUE, LEFT, RED, Arc, Circle, DashedLine, MathTex, Mobject, Square, Text, VGroup, VMobject
from manim.camera.camera import Camera

from scenes.engine import drawing as paths
from scenes.engine.drawing import MANIMS_EXTRACT
from scenes.engine.play_hash import _KeyPickler


def shapes() -> VGroup:
    """Closed and open paths, strokes and fills, several subpaths, a glyph and a formula."""
    square = Square(1.5).set_fill(BLUE, 0.6).shift(3 * LEFT)
    arc = Arc(radius=1.2, angle=4).set_stroke(RED, 6)
    broken = VMobject().set_points_as_corners([[2, 1, 0], [3, 2, 0], [4, 1, 0]]).set_stroke(width=3)
    return VGroup(square, arc, Circle(0.4).set_fill(RED, 1), DashedLine([-4, -2, 0], [4, -2, 0]), broken).add(
        Text("Log loss").shift(2 * LEFT + 2.5 * np.array([0, 1, 0])), MathTex(r"-\ln p").shift(3 * np.array([1, -1, 0]))
    )


def drawn(group: VGroup, cached: bool, monkeypatch) -> np.ndarray:
    monkeypatch.setattr(Camera, "set_cairo_context_path", paths._cached_path if cached else paths.MANIMS_PATH)
    camera = Camera(pixel_width=480, pixel_height=270)
    frames = []
    for step in range(3):  # the same shapes again (kept paths), then moved (new ones)
        camera.reset()
        camera.capture_mobjects([group])
        frames.append(camera.pixel_array.copy())
        if step == 1:
            group.shift(0.37 * LEFT)
    return np.stack(frames)


def test_kept_paths_draw_the_frames_manim_draws(monkeypatch):
    cached, manims = drawn(shapes(), True, monkeypatch), drawn(shapes(), False, monkeypatch)
    assert np.array_equal(cached, manims)
    assert not np.array_equal(cached[1], cached[2])  # the moved frame is drawn anew, not from old paths


def test_a_path_is_kept_once_for_its_points_and_not_in_the_cache_key(monkeypatch):
    """Kept once; and not on the camera, which play_hash writes into each animation's key (a
    cairo.Path cannot be pickled: every key fell back to Manim's slow one, 20 s of a 1080p render)."""
    monkeypatch.setattr(Camera, "set_cairo_context_path", paths._cached_path)
    camera = Camera(pixel_width=480, pixel_height=270)
    paths.KEPT.clear()
    group = shapes()
    camera.capture_mobjects([group])
    kept = len(paths.KEPT)
    camera.capture_mobjects([group])
    assert kept == len(paths.KEPT) > 10
    group.shift(LEFT)
    camera.capture_mobjects([group])
    assert len(paths.KEPT) == 2 * kept
    _KeyPickler(io.BytesIO(), scene=None).dump((camera, [], [group]))  # no fallback: it pickles


@st.composite
def mobject_lists(draw):
    """A few mobjects, some with points, nested at random, some shared by two parents, listed with
    repeats (as the camera gets them: every moving family member, after its group)."""
    pool = [VMobject() for _ in range(draw(st.integers(2, 12)))]
    for member in pool:
        if draw(st.booleans()):
            member.set_points_as_corners([[0, 0, 0], [1, 0, 0]])
        member.z_index = draw(st.integers(0, 2))
    for index, parent in enumerate(pool):  # children from later in the pool: no cycles
        later = pool[index + 1 :]
        if later:
            parent.submobjects = draw(st.lists(st.sampled_from(later), max_size=3))
    return draw(st.lists(st.sampled_from(pool), min_size=1, max_size=8))


@given(mobject_lists(), st.booleans(), st.booleans())
@settings(max_examples=200, deadline=None)
def test_families_are_listed_as_manim_lists_them(mobjects, use_z_index, with_points):
    with patch.object(Mobject, "get_family", paths.MANIMS_GET_FAMILY):  # Manim's own, even once installed
        expected = MANIMS_EXTRACT(mobjects, use_z_index=use_z_index, only_those_with_points=with_points)
        families = [mobject.get_family() for mobject in mobjects]
    assert paths.extract_mobject_family_members(mobjects, use_z_index, with_points) == expected
    assert [paths.get_family(mobject) for mobject in mobjects] == families
