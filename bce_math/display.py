"""The one way numbers become on-screen text, and axis ticks that suit the data."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

# An axis never spans less than this fraction of its values' magnitude: a float near 1e15 is only
# good to 0.125, and ticks closer than a few hundred of those would fall on the same floats.
MIN_RELATIVE_SPAN = 1e-12
# Tick labels are fonts.TICK_SIZE text (a character is about 0.18 units) on an 11-unit axis: about
# 60 characters fit side by side; each label keeps one character's gap, and at most this many, so
# that labels stay easy to read.
AXIS_CHARS = 60
MAX_TICK_CHARS = 6
_SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def fmt(value: float, digits: int = 4) -> str:
    """Round for display only: fixed decimals, and no "-0.0000" for values that round to zero.

    The minus is ASCII so the text also works inside MathTex.
    """
    text = f"{value:.{digits}f}"
    if text.startswith("-") and float(text) == 0.0:
        text = text[1:]
    return text


def fmt_small(value: float, digits: int = 4) -> str:
    """fmt, unless a value that is not 0 would show as 0 at these decimals: then three significant
    digits and a power of ten, "3.58\u00d710\u207b\u2075". The likelihood of many points is that small."""
    if value == 0.0 or abs(value) >= 0.5 * 10.0**-digits:
        return fmt(value, digits)
    mantissa, exponent = f"{value:.2e}".split("e")
    return f"{mantissa}\u00d710{str(int(exponent)).translate(_SUPERSCRIPT)}"


def nice_step(span: float, target_ticks: int = 8) -> float:
    """A 1, 2 or 5 times 10^k step giving about target_ticks ticks over span."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / target_ticks
    exponent = math.floor(math.log10(raw))
    # The float nearest to the decimal: 10.0**-6 * 10 is 9.999999999999999e-06, not 1e-05, and tick
    # labels are printed from the step's decimal digits.
    for multiple in (1, 2, 5):
        if raw <= (step := float(f"{multiple}e{exponent}")):
            return step
    return float(f"1e{exponent + 1}")


def step_digits(step: float) -> int:
    """Decimals needed to print multiples of step exactly (0.5 -> 1, 2 -> 0)."""
    return max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0


def nice_range(low: float, high: float, target_ticks: int = 8) -> tuple[float, float, float]:
    """(start, end, step) on multiples of a nice step covering [low, high] with some margin."""
    if high - low < 1e-12:
        half = max(1.0, abs(low) * 0.1)
        low, high = low - half, high + half
    min_span = MIN_RELATIVE_SPAN * max(abs(low), abs(high))
    if high - low < min_span:
        centre = low / 2 + high / 2
        low, high = centre - min_span / 2, centre + min_span / 2
    step = nice_step(high - low, target_ticks)
    first, last = math.floor(low / step), math.ceil(high / step)
    # A point exactly on the edge tick would sit on the end of the arrow: give it room. (Closeness
    # relative to the step only: relative to x, 1e-9 of a timestamp is a whole step.)
    if math.isclose(first * step, low, rel_tol=0.0, abs_tol=step * 1e-9):
        first -= 1
    if math.isclose(last * step, high, rel_tol=0.0, abs_tol=step * 1e-9):
        last += 1
    # Ends from the exact decimal multiples (the float nearest to 7 x 0.1 is 0.7, not 0.7000000000000001).
    exact_step = Decimal(repr(step))
    return (float(first * exact_step), float(last * exact_step), step)


@dataclass(frozen=True)
class AxisTicks:
    """An axis's ticks and what their labels say: tick = value x 10^power + offset.

    Plain values (power 0, offset 0, no note) unless they would be too long to sit side by side,
    as plotting libraries do; then note holds the factor and offset, shown once on the axis.
    """

    positions: tuple[float, ...]  # each tick, in data units
    values: tuple[float, ...]  # the number each label shows
    digits: int  # decimals of every label
    power: int
    offset: float
    note: str  # e.g. "\u00d710\u2076", "+1.7\u00d710\u2079", "" for plain labels; ASCII minus, like fmt

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(fmt(value, self.digits) for value in self.values)


def _decimals(step: Decimal, power: int) -> int:
    """Decimals needed to print multiples of step divided by 10^power exactly."""
    return max(0, -step.normalize().scaleb(-power).as_tuple().exponent)


def _power_of_ten(value: Decimal) -> str:
    """value as mantissa x 10^k with superscript k (the mantissa only when it is not 1), e.g. 1.7x10^9."""
    exponent = value.adjusted()
    mantissa = value.scaleb(-exponent).normalize()
    power = "10" + str(exponent).translate(_SUPERSCRIPT)
    if mantissa == 1:
        return power
    return f"{fmt(float(mantissa), _decimals(mantissa, 0))}\u00d7{power}"


def axis_ticks(value_range: tuple[float, float, float], axis_chars: int = AXIS_CHARS) -> AxisTicks:
    """Ticks of (start, end, step) from nice_range, labels short enough to sit side by side.

    Tried in order, the first whose labels fit: plain values; values x 10^power; values relative to
    a round offset near the middle (timestamps: -20 ... 160 and "+1.7x10^9"); both. If none fits,
    the shortest.
    """
    start, end, step = value_range
    exact_step = Decimal(repr(step))
    first = round(start / step)
    count = round((end - start) / step)
    # Exact decimal ticks: labels are computed from these, not from floats near them.
    ticks = [(first + i) * exact_step for i in range(count + 1)]
    positions = tuple(float(t) for t in ticks)
    room = min(MAX_TICK_CHARS, axis_chars // max(count, 1) - 1)

    def candidate(offset: Decimal, power: int) -> AxisTicks:
        digits = _decimals(exact_step, power)
        values = tuple(float((t - offset).scaleb(-power)) for t in ticks)
        notes = []
        if power:
            notes.append("\u00d7" + _power_of_ten(Decimal(10) ** power))
        if offset:
            notes.append(("-" if offset < 0 else "+") + _power_of_ten(abs(offset)))
        return AxisTicks(positions, values, digits, power, float(offset), " ".join(notes))

    def width(ticks: AxisTicks) -> int:
        return max(len(label) for label in ticks.labels)

    def scaled(offset: Decimal) -> AxisTicks:
        largest = max(abs(t - offset) for t in ticks)
        return candidate(offset, largest.adjusted() if largest else 0)

    # A round offset: the multiple of 10^k (10^k at least the span) nearest the middle, so labels
    # relative to it have at most k digits.
    unit = Decimal(10) ** math.ceil(math.log10(end - start))
    offset = ((ticks[0] + ticks[-1]) / 2 / unit).to_integral_value() * unit
    candidates = [candidate(Decimal(0), 0), scaled(Decimal(0))]
    if offset:
        candidates += [candidate(offset, 0), scaled(offset)]
    return next((c for c in candidates if width(c) <= room), min(candidates, key=width))
