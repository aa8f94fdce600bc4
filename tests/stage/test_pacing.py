"""How long a beat holds in each cut (scenes/stage/pacing.py)."""

import pytest

from scenes.stage.pacing import (
    BREATH_SECONDS,
    FORMULA_READ_SECONDS,
    GLANCE_SECONDS,
    MAX_HOLD_SECONDS,
    NOTICE_SECONDS,
    formula_seconds_left,
    hold_seconds,
    wait_for_speech,
)


def test_the_captioned_cut_holds_to_notice_and_read_the_caption_counting_what_was_shown():
    assert hold_seconds("captioned", 10.0, 0.0, reading=3.0, shown_for=0.0) == NOTICE_SECONDS + 3.0
    assert hold_seconds("captioned", 10.0, 0.0, reading=3.0, shown_for=2.0) == pytest.approx(NOTICE_SECONDS + 1.0)
    assert hold_seconds("captioned", 10.0, 0.0, reading=1.0, shown_for=9.0) == GLANCE_SECONDS  # read already
    assert hold_seconds("captioned", 10.0, 0.0, reading=30.0, shown_for=0.0) == MAX_HOLD_SECONDS  # never longer
    assert hold_seconds("captioned", 10.0, 0.0, reading=1.0, shown_for=9.0, extra=2.0) == GLANCE_SECONDS + 2.0


def test_the_narrated_cut_holds_until_the_sentence_ends_and_a_breath():
    assert hold_seconds("narrated", clock=10.0, speech_end=13.0, reading=99.0, shown_for=0.0) == 3.0 + BREATH_SECONDS
    assert hold_seconds("narrated", clock=20.0, speech_end=13.0, reading=0.0, shown_for=0.0) == GLANCE_SECONDS
    assert hold_seconds("narrated", 10.0, 13.0, 0.0, 0.0, extra=1.0) == 3.0 + BREATH_SECONDS + 1.0


def test_the_deck_never_holds_nor_waits_for_a_formula():
    assert hold_seconds("deck", 10.0, 30.0, reading=5.0, shown_for=0.0, extra=2.0) == 0.0
    assert formula_seconds_left("deck", 0.0) == 0.0


def test_a_new_sentence_waits_for_the_last_one_and_a_breath():
    assert wait_for_speech(clock=10.0, speech_end=12.0) == 2.0 + BREATH_SECONDS
    assert wait_for_speech(clock=20.0, speech_end=12.0) == 0.0


def test_a_formula_line_stays_long_enough_to_read():
    assert formula_seconds_left("captioned", 1.0) == FORMULA_READ_SECONDS - 1.0
    assert formula_seconds_left("narrated", FORMULA_READ_SECONDS + 4.0) == 0.0
