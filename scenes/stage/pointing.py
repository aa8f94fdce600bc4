"""Pointing: what a caption names, the picture shows. Dimming, guides, braces, arrows, underlines,
and a formula's source flashing as the formula comes (the formulas themselves: formulas.py)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from manim import (
    DL,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    UR,
    Arrow,
    Brace,
    DashedLine,
    FadeIn,
    Indicate,
    Line,
    MoveToTarget,
    Restore,
    VGroup,
    VMobject,
)

from scenes.stage import fonts, palette
from scenes.stage.lettering import label

DIMMED_OPACITY = 0.25


def dim(mobjects: Iterable[VMobject]) -> list:
    """Animations fading everything but the subject back, so the eye goes to what is left bright."""
    animations = []
    for mobject in mobjects:
        mobject.save_state()
        # Not `.animate.fade`: it fades the mobject once more when done, from wherever its last
        # frame left it, so a drawn and a cached run ended with different opacities (and keys).
        mobject.generate_target()
        mobject.target.fade(1 - DIMMED_OPACITY)
        animations.append(MoveToTarget(mobject))
    return animations


def undim(mobjects: Iterable[VMobject]) -> list:
    """Animations bringing dimmed objects back as they were."""
    return [Restore(mobject) for mobject in mobjects]


def guide(start, end) -> DashedLine:
    """A dashed guide for the eye, from one point of a chart to another."""
    return DashedLine(start, end, dash_length=0.08, color=palette.MUTED, stroke_width=2.5)


def brace_label(mobject: VMobject, text: str, direction=DOWN, colour: str = palette.TEXT) -> VGroup:
    """A brace along one side of mobject, with a short label beyond it."""
    brace = Brace(mobject, direction, color=palette.MUTED)
    return VGroup(brace, label(text, fonts.TICK_SIZE, colour).next_to(brace, direction, buff=0.1))


def arrow_to(mobject: VMobject, text: str, direction=UP, colour: str = palette.TEXT) -> VGroup:
    """An arrow pointing at mobject from direction, with a label at its tail."""
    tip = mobject.get_edge_center(direction)
    tail = tip + 0.8 * np.asarray(direction)
    arrow = Arrow(
        tail, tip, buff=0.05, color=palette.MUTED, stroke_width=palette.MARK_STROKE, max_tip_length_to_length_ratio=0.3
    )
    return VGroup(arrow, label(text, fonts.TICK_SIZE, colour).next_to(arrow, direction, buff=0.08))


def underline(mobject: VMobject, colour: str = palette.MEAN) -> Line:
    """A line under a term or a number, in the colour of what it stands for."""
    return Line(
        mobject.get_corner(DOWN + LEFT),
        mobject.get_corner(DOWN + RIGHT),
        color=colour,
        stroke_width=palette.LEVEL_STROKE,
    ).shift(0.08 * DOWN)


def point_at(source: VMobject, *formulas: VMobject) -> list:
    """Name where a formula comes from: the source flashes while the formula fades in.

    (A copy flying out of a number would print it over itself as it leaves.)"""
    return [Indicate(source, scale_factor=1.1, color=palette.TEXT), *(FadeIn(f, shift=0.15 * DOWN) for f in formulas)]


def beside(mobject: VMobject, point, sides, avoid: VMobject, buff: float = 0.15) -> VMobject:
    """mobject next to point on the first of sides where it stays clear of avoid (a label already
    on the chart); on the first side if none is clear."""
    for side in sides:
        mobject.next_to(point, side, buff=buff)
        if not _boxes_meet(mobject, avoid):
            return mobject
    return mobject.next_to(point, sides[0], buff=buff)


def _boxes_meet(a: VMobject, b: VMobject, gap: float = 0.05) -> bool:
    (a_left, a_bottom, _), (a_right, a_top, _) = a.get_corner(DL), a.get_corner(UR)
    (b_left, b_bottom, _), (b_right, b_top, _) = b.get_corner(DL), b.get_corner(UR)
    return a_left < b_right + gap and b_left < a_right + gap and a_bottom < b_top + gap and b_bottom < a_top + gap
