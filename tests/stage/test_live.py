"""Live numbers (scenes/stage/live.py): a readout shows each value through fmt, changes its text only
when the shown digits change, and keeps its place; the result shows its value."""

import pytest

from bce_math import fmt
from scenes.stage.live import LiveValue, Result


def test_a_readout_shows_the_value_and_changes_only_when_its_digits_do():
    readout = LiveValue("w", 0.25)
    assert readout.key.original_text == "w" and readout.value_text.original_text == fmt(0.25)
    shown = readout.value_text
    readout.set_value(0.250001)  # rounds to the same text: the same glyphs stay
    assert readout.value_text is shown and readout.value_text.value == 0.250001
    left = readout.value_text.get_left()[0]
    readout.set_value(0.9719)
    assert readout.value_text is not shown and readout.value_text.original_text == fmt(0.9719)
    assert shown.get_fill_opacity() == 0  # swapped out: not drawn under the new one
    assert readout.value_text.get_left()[0] == pytest.approx(left)  # placed from the name, not moved


def test_a_readout_makes_room_for_its_longest_value():
    readout = LiveValue("b", 0.5)
    assert readout.room([0.5, -12.3456]) > readout.room([0.5])


def test_the_result_shows_its_value_to_four_decimals():
    result = Result("BCE", 0.33289)
    assert result.value.original_text == fmt(0.33289) == "0.3329"
    assert result.heading.get_right()[0] < result.value.get_left()[0]
