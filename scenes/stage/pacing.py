"""How long a beat lasts in each cut: the one place where the story's timing is decided.

Captioned cut (silent): a beat holds to notice its caption, then to read it. Narrated cut: a beat
holds until its sentence is spoken, then breathes, and never for less than a glance at the picture.
Deck: no holds at all; the slide stops on its last picture and the lecturer speaks.
"""

from __future__ import annotations

NOTICE_SECONDS = 1.5
BREATH_SECONDS = 0.5  # after a sentence, before the next one (narrated cut)
GLANCE_SECONDS = 0.8
# A still picture longer than this loses the viewer (captioned cut); reading time counts from when
# the caption appeared, since it is read while the beat's animation plays.
MAX_HOLD_SECONDS = 8.0
# A formula line stays at least this long before the next one replaces it (a viewer reads it whole).
FORMULA_READ_SECONDS = 3.0


def hold_seconds(
    cut: str, clock: float, speech_end: float, reading: float, shown_for: float, extra: float = 0.0
) -> float:
    """How long a beat's last picture stays once its animations are done, at clock (seconds of video).

    speech_end: when the beat's sentence ends (narrated cut); reading: seconds to read its caption;
    shown_for: seconds the caption has been on screen already (captioned cut).
    """
    if cut == "deck":
        return 0.0
    if cut == "narrated":
        return max(GLANCE_SECONDS, speech_end + BREATH_SECONDS - clock) + extra
    return min(MAX_HOLD_SECONDS, max(GLANCE_SECONDS, NOTICE_SECONDS + reading - shown_for) + extra)


def wait_for_speech(clock: float, speech_end: float) -> float:
    """Before a new sentence starts: the rest of the one being spoken, then a breath (0 once the
    breath after it is over too: the new sentence starts after a silence, as its cue does)."""
    return max(speech_end + BREATH_SECONDS - clock, 0.0)


def formula_seconds_left(cut: str, shown_for: float) -> float:
    """Before a formula line is replaced: what is left of its reading time (none on a deck's slide,
    where the lecturer moves on)."""
    return 0.0 if cut == "deck" else max(FORMULA_READ_SECONDS - shown_for, 0.0)
