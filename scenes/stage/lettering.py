"""Text on screen: labels, captions and numbers in the story's font, and program output."""

from __future__ import annotations

from typing import ClassVar

from manim import DOWN, LEFT, UP, Text, VGroup, VMobject

from bce_math import fmt, fmt_small
from scenes.engine.text import lighten, set_glyphs, without_glyphs
from scenes.stage import fonts, palette
from scenes.stage.layout import CAPTION_LINE_SPACING, CAPTION_MAX_WIDTH, CAPTION_TOP, CAPTION_Y


def label(text: str, size: int = fonts.LABEL_SIZE, colour: str = palette.TEXT, line_spacing: float = -1) -> Text:
    """Any on-screen text, in the story's font (line_spacing: Manim's, for text of several lines)."""
    return lighten(Text(text, font=fonts.TEXT_FONT, font_size=size, color=colour, line_spacing=line_spacing))


def shown(value: float, digits: int = 4, small: bool = False) -> str:
    """The on-screen text of a number: bce_math.fmt (fmt_small where tiny values must not read 0),
    with a typographic minus."""
    return (fmt_small if small else fmt)(value, digits).replace("-", "\u2212")


def number(
    value: float, digits: int = 4, size: int = fonts.VALUE_SIZE, colour: str = palette.TEXT, small: bool = False
) -> Text:
    """A number on screen. It remembers its value so tests can check the text against bce_math."""
    string = shown(value, digits, small)
    text = _Numerals.of(size, colour).set(string) if _Numerals.can_set(string) else label(string, size, colour)
    text.value, text.digits, text.small = value, digits, small
    return text


class _Numerals:
    """Numbers set from glyphs typeset once per size and colour: Pango's own shapes and places.

    A readout sliding through values shows a new number at every frame, 60 a second at 1080p60:
    typesetting each (Pango, then parsing its SVG) was the largest part of a cold render. The
    story's font has tabular, unkerned figures, so a number is its glyphs at fixed advances; they
    are measured from one typeset line, each glyph between two zeros. The result is the Text that
    Pango would make, point for point (a test compares them).
    """

    GLYPHS = "0123456789.\u2212"
    _made: ClassVar[dict[tuple[int, str], _Numerals]] = {}

    def __init__(self, size: int, colour: str) -> None:
        line = lighten(
            Text(
                "00" + "".join(glyph + "0" for glyph in self.GLYPHS), font=fonts.TEXT_FONT, font_size=size, color=colour
            )
        )
        lefts = [glyph.get_left()[0] for glyph in line.submobjects]
        zero = lefts[1] - lefts[0]
        self.glyphs: dict[str, VMobject] = {}
        self.advance: dict[str, float] = {}
        self.bearing: dict[str, float] = {}  # where the ink starts, against a zero's
        self.left: dict[str, float] = {}  # where it starts in the line
        for index, glyph in enumerate(self.GLYPHS):
            before, at, after = lefts[1 + 2 * index : 4 + 2 * index]
            self.bearing[glyph] = at - before - zero
            self.advance[glyph] = after - at + self.bearing[glyph]
            self.glyphs[glyph], self.left[glyph] = line.submobjects[2 + 2 * index], at
        self.empty = without_glyphs(line)  # the Text's own attributes, to be filled with one number's glyphs

    @classmethod
    def of(cls, size: int, colour: str) -> _Numerals:
        if (size, colour) not in cls._made:
            cls._made[size, colour] = cls(size, colour)
        return cls._made[size, colour]

    @classmethod
    def can_set(cls, string: str) -> bool:
        return bool(string) and all(glyph in cls.GLYPHS for glyph in string)

    def set(self, string: str) -> Text:
        shapes, pen = [], 0.0
        for glyph in string:
            shapes.append(self.glyphs[glyph].copy().shift([pen + self.bearing[glyph] - self.left[glyph], 0, 0]))
            pen += self.advance[glyph]
        return set_glyphs(self.empty, shapes, string).center()


def caption(text: str) -> Text:
    """A caption at the top of the frame, always at one size: a sentence too long for one line
    wraps onto two (at the space, or Chinese punctuation, nearest its middle), never shrinks."""
    line = label(text, fonts.CAPTION_SIZE)
    if line.width > CAPTION_MAX_WIDTH:
        line = label(_two_lines(text), fonts.CAPTION_SIZE, line_spacing=CAPTION_LINE_SPACING)
    # Two lines grow downward from where one line's top is: the chart below keeps its room.
    return line.move_to([0, CAPTION_Y, 0]).align_to([0, CAPTION_TOP, 0], UP)


CHINESE_BREAKS = "\uff0c\uff1a\uff1b\u3001\u3002"  # full-width comma, colon, semicolon; enumeration comma; full stop


def _two_lines(text: str) -> str:
    """text with its most central break (a space, or after Chinese punctuation) turned into a newline."""
    breaks = [i for i, char in enumerate(text) if char == " "]
    if breaks:
        middle = min(breaks, key=lambda i: abs(i - len(text) / 2))
        return text[:middle] + "\n" + text[middle + 1 :]
    breaks = [i + 1 for i, char in enumerate(text) if char in CHINESE_BREAKS] or [len(text) // 2]
    middle = min(breaks, key=lambda i: abs(i - len(text) / 2))
    return text[:middle] + "\n" + text[middle:]


def monospace(lines: str, size: int = fonts.CODE_SIZE) -> VGroup:
    """Program output, one Text per line, left aligned."""
    rows = [
        lighten(Text(line, font=fonts.MONO_FONT, font_size=size, color=palette.TEXT)) for line in lines.splitlines()
    ]
    return VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
