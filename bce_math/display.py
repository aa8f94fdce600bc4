"""The one way numbers become on-screen text, and axis ticks that suit the data."""

from __future__ import annotations

import math


def fmt(value: float, digits: int = 4) -> str:
    """Round for display only: fixed decimals, and no "-0.0000" for values that round to zero.

    The minus is ASCII so the text also works inside MathTex.
    """
    text = f"{value:.{digits}f}"
    if text.startswith("-") and float(text) == 0.0:
        text = text[1:]
    return text


def nice_step(span: float, target_ticks: int = 8) -> float:
    """A 1, 2 or 5 times 10^k step giving about target_ticks ticks over span."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / target_ticks
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for multiple in (1.0, 2.0, 5.0, 10.0):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10.0 * magnitude


def step_digits(step: float) -> int:
    """Decimals needed to print multiples of step exactly (0.5 -> 1, 2 -> 0)."""
    return max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0


def nice_range(low: float, high: float, target_ticks: int = 8) -> tuple[float, float, float]:
    """(start, end, step) on multiples of a nice step covering [low, high] with some margin."""
    if high - low < 1e-12:
        half = max(1.0, abs(low) * 0.1)
        low, high = low - half, high + half
    step = nice_step(high - low, target_ticks)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    # A point exactly on the edge tick would sit on the end of the arrow: give it room.
    if math.isclose(start, low, abs_tol=step * 1e-9):
        start -= step
    if math.isclose(end, high, abs_tol=step * 1e-9):
        end += step
    return (round(start, 12), round(end, 12), step)
