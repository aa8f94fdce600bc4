"""Colours of the story, per theme (BCE_THEME): Okabe-Ito hues, safe under deuteranopia and protanopia;
and the widths its lines are drawn at, by what a line is.

The article's green/red meaning is kept (bluish green = positive, vermillion = negative), and
shape repeats it: positive points are circles, negative points are squares. On the light theme
the hues are darkened so that text in any of them keeps a 4.5:1 contrast with the background.
"""

from __future__ import annotations

from dataclasses import dataclass

from scenes.settings import current_settings


@dataclass(frozen=True)
class Theme:
    background: str
    text: str
    muted: str
    neutral: str  # a point before its class is known
    positive: str  # y = 1, "green"
    negative: str  # y = 0, "red"
    curve: str  # the model's sigmoid, a model's guess p
    loss: str  # loss bars and the -ln curve
    mean: str  # the average
    code_style: str  # Pygments style of the code listing


THEMES = {
    "dark": Theme(
        background="#14171C",
        text="#ECEFF4",
        muted="#9AA3AD",
        neutral="#C9D1D9",
        positive="#009E73",  # Okabe-Ito bluish green
        negative="#D55E00",  # Okabe-Ito vermillion
        curve="#56B4E9",  # Okabe-Ito sky blue
        loss="#CC79A7",  # Okabe-Ito reddish purple
        mean="#F0E442",  # Okabe-Ito yellow
        code_style="monokai",
    ),
    "light": Theme(
        background="#FFFFFF",
        text="#1B1F24",
        muted="#57606A",
        neutral="#6E7781",
        positive="#007A5A",
        negative="#B34700",
        curve="#0072B2",  # Okabe-Ito blue
        loss="#9E4A7A",
        mean="#7A6100",  # dark gold: yellow cannot be read on white
        code_style="friendly",
    ),
}

THEME = THEMES[current_settings().theme]
BACKGROUND = THEME.background
TEXT = THEME.text
MUTED = THEME.muted
NEUTRAL = THEME.neutral
POSITIVE = THEME.positive
NEGATIVE = THEME.negative
CURVE = THEME.curve
LOSS = THEME.loss
MEAN = THEME.mean


# Stroke widths (Manim's units), by what a line is.
AXIS_STROKE = 3  # a chart's axes
MARK_STROKE = 3  # a mark drawn on a chart: a bracket, an arrow, where a bar's top was
TICK_STROKE = 2  # ticks, a rung's leader to its card, a small chart's axes
CURVE_STROKE = 5  # a model's or a loss's curve, and the ladder's rungs (a model each)
LEVEL_STROKE = 4  # a level across a chart (the mean, H(q)), an underline
LENGTH_STROKE = 10  # a probability or a loss laid out as a length


def class_colour(label: int) -> str:
    """POSITIVE for y = 1, NEGATIVE for y = 0."""
    return POSITIVE if label == 1 else NEGATIVE
