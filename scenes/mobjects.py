"""Shared on-screen objects of the story. Scenes compose these; they compute nothing."""

from __future__ import annotations

from manim import (
    DOWN,
    UP,
    Circle,
    Line,
    Square,
    Text,
    VGroup,
    VMobject,
)

from bce_math import Walkthrough, fmt
from scenes import fonts, palette
from scenes.layout import CAPTION_MAX_WIDTH, CAPTION_Y, CHART_LEFT, CHART_WIDTH, Chart

POINT_RADIUS = 0.11


def label(text: str, size: int = fonts.LABEL_SIZE, colour: str = palette.TEXT) -> Text:
    """Any on-screen text, in the story's font."""
    return Text(text, font=fonts.TEXT_FONT, font_size=size, color=colour)


def shown(value: float, digits: int = 4) -> str:
    """The on-screen text of a number: bce_math.fmt, with a typographic minus."""
    return fmt(value, digits).replace("-", "\u2212")


def number(value: float, digits: int = 4, size: int = fonts.VALUE_SIZE, colour: str = palette.TEXT) -> Text:
    """A number on screen. It remembers its value so tests can check the text against bce_math."""
    text = label(shown(value, digits), size, colour)
    text.value, text.digits = value, digits
    return text


def caption(text: str) -> Text:
    """A caption line at the top of the frame, shrunk if it would not fit."""
    line = label(text, fonts.CAPTION_SIZE)
    if line.width > CAPTION_MAX_WIDTH:
        line.scale_to_fit_width(CAPTION_MAX_WIDTH)
    return line.move_to([0, CAPTION_Y, 0])


class NumberLine(VGroup):
    """The x axis with data-driven ticks, labelled through fmt."""

    def __init__(self, story: Walkthrough, y: float) -> None:
        start, end, step = story.x_range
        chart = Chart.for_story(story)
        self.axis = Line([CHART_LEFT, y, 0], [CHART_LEFT + CHART_WIDTH, y, 0], color=palette.MUTED, stroke_width=3)
        self.ticks = VGroup()
        self.tick_labels = VGroup()
        count = round((end - start) / step)
        for i in range(count + 1):
            value = start + i * step
            x = chart.x_to_screen(value)
            self.ticks.add(Line([x, y - 0.08, 0], [x, y + 0.08, 0], color=palette.MUTED, stroke_width=2))
            tick_label = number(value, story.x_digits, fonts.TICK_SIZE, palette.MUTED)
            self.tick_labels.add(tick_label.next_to([x, y - 0.12, 0], DOWN, buff=0.1))
        self.name_label = label("x", fonts.LABEL_SIZE, palette.MUTED).next_to(self.axis.get_end(), UP, buff=0.12)
        super().__init__(self.axis, self.ticks, self.tick_labels, self.name_label)


def neutral_point(position) -> Circle:
    """A data point before its label is known."""
    return Circle(radius=POINT_RADIUS, color=palette.NEUTRAL, fill_opacity=1, stroke_width=0).move_to(position)


def class_point(label_value: int, position) -> VMobject:
    """A labelled point: a circle for y = 1, a square for y = 0, so shape repeats colour."""
    colour = palette.class_colour(label_value)
    shape = Circle(radius=POINT_RADIUS * 1.15) if label_value == 1 else Square(side_length=POINT_RADIUS * 1.9)
    return shape.set_fill(colour, 1).set_stroke(palette.TEXT, 1.5).move_to(position)
