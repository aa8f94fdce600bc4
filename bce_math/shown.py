"""The numbers as the screen and the voice state them: every relation stated holds for the digits shown.

A careful student pauses the video and redoes a relation with a calculator, from the digits on
screen. Each number rounded on its own from its exact value fails that test in its last digit
(-ln 0.2994 is 1.2060, not the 1.2058 that -ln of the unrounded probability rounds to). The rule
here: a number stated as the result of other numbers shown is computed from those numbers as shown,
then rounded to its own digits, as the student's calculator would:

- a point's loss is -ln of its probability of the true class as shown (4 decimals), and it has that
  one shown value wherever it appears (its bar, the worked example, the formulas);
- a sum of shown losses is their exact decimal sum (the green and red stacks, the losses end to end);
- a difference is the difference of the shown values (KL = mean - H(q); what x saves = H(q) - fit);
- a quotient cannot always be exact at 4 decimals: the mean loss, the BCE, is the exact mean rounded
  (the program on screen prints the same), and the fold "1/N [green + red] = mean" is written with
  "=" when the shown sums divided by N round to it, with "≈" when they do not;
- the likelihood is the product of the bars as shown, factor by factor, written with as many
  decimals as make -ln of it round to the sum of the shown losses (a sum of rounded terms and -ln
  of a product agree only to about N half-units of the last digit): "sum of losses = -ln L", or
  "≈" when no number of decimals up to 8 does (then with 6, where -ln L is within a few units).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from bce_math.display import fmt
from bce_math.losses import CLIP_EPS

DIGITS = 4
MAX_LIKELIHOOD_DECIMALS = 8
FALLBACK_DECIMALS = 6


def as_shown(value: float, digits: int = DIGITS) -> float:
    """value as its digits show it (fmt's rounding), back as a number."""
    return float(fmt(value, digits))


def loss_of_shown(probability: float, digits: int = DIGITS) -> float:
    """-ln of the probability as shown, rounded as shown: the loss a student computes from the screen.

    A probability that shows as 0 has no such loss; its own loss is shown then (clipped as every loss is).
    """
    shown = as_shown(probability, digits)
    return as_shown(-math.log(shown if shown > 0 else max(probability, CLIP_EPS)), digits)


def sum_of_shown(values: Iterable[float], digits: int = DIGITS) -> float:
    """The exact decimal sum of values as shown."""
    return float(sum((Decimal(fmt(value, digits)) for value in values), Decimal(0)))


def difference_of_shown(minuend: float, subtrahend: float, digits: int = DIGITS) -> float:
    """minuend - subtrahend, both as shown."""
    return float(Decimal(fmt(minuend, digits)) - Decimal(fmt(subtrahend, digits)))


@dataclass(frozen=True)
class Shown:
    """The story's derived numbers as shown (values whose fmt is the text on screen)."""

    losses: tuple[float, ...]  # each point's: -ln of its shown probability of the true class
    positive_loss_sum: float  # the green stack: the shown green losses added up
    negative_loss_sum: float
    loss_sum: float  # the losses end to end (likelihood)
    fold_is_exact: bool  # (green + red) / N, as shown, rounds to the shown mean: "=", else "≈"
    kl_other: float  # the shown mean of the coin flip minus the shown H(q)
    flat_gap: tuple[float, ...]  # along the flat slide: the shown mean minus the shown H(q)
    gain_from_x: float  # the shown class-rate rung minus the shown fit rung
    likelihood_partials: tuple[float, ...]  # the shown bars multiplied, left to right: each step's product
    likelihood_decimals: int  # decimals the likelihood is written with
    likelihood_is_exact: bool  # -ln of the likelihood as written rounds to loss_sum


def shown_numbers(
    prob_true_class: Iterable[float],
    labels: Iterable[int],
    mean_loss: float,
    entropy_q: float,
    cross_entropy_other: float,
    flat_means: Iterable[float],
    flat_rate_loss: float,
    order: Iterable[int],
) -> Shown:
    """The derived numbers of one dataset, by the rules above."""
    labels, prob_true_class = tuple(labels), tuple(prob_true_class)
    losses = tuple(loss_of_shown(p) for p in prob_true_class)
    partials, product = [], Decimal(1)
    for i in order:
        product *= Decimal(fmt(prob_true_class[i]))
        partials.append(float(product))
    green = sum_of_shown(loss for loss, label in zip(losses, labels, strict=True) if label == 1)
    red = sum_of_shown(loss for loss, label in zip(losses, labels, strict=True) if label == 0)
    total = sum_of_shown(losses)
    fold = fmt(float((Decimal(fmt(green)) + Decimal(fmt(red))) / len(labels))) == fmt(mean_loss)
    decimals = _likelihood_decimals(partials[-1], total)
    return Shown(
        losses=losses,
        positive_loss_sum=green,
        negative_loss_sum=red,
        loss_sum=total,
        fold_is_exact=fold,
        kl_other=difference_of_shown(cross_entropy_other, entropy_q),
        flat_gap=tuple(max(difference_of_shown(mean, entropy_q), 0.0) for mean in flat_means),
        gain_from_x=difference_of_shown(flat_rate_loss, mean_loss),
        likelihood_partials=tuple(partials),
        likelihood_decimals=decimals or FALLBACK_DECIMALS,
        likelihood_is_exact=bool(decimals),
    )


def _likelihood_decimals(likelihood: float, loss_sum: float) -> int:
    """The fewest decimals (4 to 8) with which -ln of the shown likelihood rounds to loss_sum, or 0."""
    for decimals in range(DIGITS, MAX_LIKELIHOOD_DECIMALS + 1):
        shown = as_shown(likelihood, decimals)
        if shown > 0 and fmt(-math.log(shown)) == fmt(loss_sum):
            return decimals
    return 0
