"""Formulas: LaTeX in the story's colours, each part in the colour of the picture's object it stands
for, and the strip of them under the caption. Their numbers come from fmt."""

from __future__ import annotations

from manim import RIGHT, MathTex, VGroup, VMobject

from scenes.stage import fonts, palette
from scenes.stage.lettering import lighten


def formula(*tex: str, size: int = fonts.FORMULA_SIZE, colour: str = palette.TEXT) -> MathTex:
    """A LaTeX formula (several strings = parts that transforms can match); numbers come from fmt."""
    return lighten(MathTex(*tex, font_size=size, color=colour))


def coloured(*parts: tuple[str, str]) -> MathTex:
    """A formula whose parts each take the colour of the picture's object they stand for."""
    tex = formula(*(part for part, _ in parts))
    for piece, (_, colour) in zip(tex, parts, strict=True):
        piece.set_color(colour)
    return tex


# Formulas name the picture's parts: a strip of them under the caption, each part in the colour
# of what it stands for, faded in while its source flashes (pointing.point_at).
STRIP_Y = 2.5  # between the caption and the charts
STRIP_MAX_WIDTH = 12.8


def strip(*formulas: VMobject) -> VGroup:
    """A line of formulas under the caption, centred, fitted to the frame's width."""
    row = VGroup(*formulas).arrange(RIGHT, buff=0.5)
    if row.width > STRIP_MAX_WIDTH:
        row.scale_to_fit_width(STRIP_MAX_WIDTH)
    return row.move_to([0, STRIP_Y, 0])
