"""Pointing (scenes/stage/pointing.py): dimming and back, underlines, labels placed clear of others."""

import numpy as np
import pytest
from manim import DOWN, RIGHT, UP, Square

from scenes.stage import palette
from scenes.stage.lettering import label
from scenes.stage.pointing import DIMMED_OPACITY, beside, dim, underline, undim


def _run(animations) -> None:
    for animation in animations:
        animation.begin()
        animation.interpolate(1.0)
        animation.finish()


def test_dimming_fades_the_rest_back_and_undimming_restores_it():
    square = Square().set_fill(palette.MEAN, 1.0).set_stroke(palette.TEXT, 4, 1.0)
    _run(dim([square]))
    assert square.get_fill_opacity() == pytest.approx(DIMMED_OPACITY)
    assert square.get_stroke_opacity() == pytest.approx(DIMMED_OPACITY)
    _run(undim([square]))
    assert square.get_fill_opacity() == pytest.approx(1.0)
    assert square.get_stroke_opacity() == pytest.approx(1.0)


def test_an_underline_spans_its_term_just_below_it_in_the_given_colour():
    term = label("0.3329")
    line = underline(term, palette.CURVE)
    assert line.get_start()[0] == pytest.approx(term.get_left()[0])
    assert line.get_end()[0] == pytest.approx(term.get_right()[0])
    assert line.get_y() < term.get_bottom()[1]
    assert line.get_color().to_hex().upper() == palette.CURVE.upper()


def test_a_label_goes_to_the_first_side_clear_of_what_is_there():
    point = np.array([0.0, 0.0, 0.0])
    there = label("H(q)").next_to(point, UP, buff=0.3)
    placed = beside(label("0.6109"), point, [UP, RIGHT], there)
    assert placed.get_left()[0] > point[0]  # up was taken: it went right
    alone = beside(label("0.6109"), point, [DOWN, RIGHT], there)
    assert alone.get_top()[1] < point[1]  # down was free
    crowded = label("0.6109").move_to(point)
    fallback = beside(label("0.1"), point, [UP, DOWN, RIGHT], crowded.scale(20))
    assert fallback.get_bottom()[1] > point[1]  # nowhere clear: the first side
