"""Per-point probabilities of the true class, their log losses, and the likelihood they multiply to."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bce_math.information import kl_divergence, label_distribution

# Probabilities are clipped to [CLIP_EPS, 1 - CLIP_EPS] before any logarithm, so a perfectly
# confident wrong prediction costs -ln(1e-15) = 34.5 nats instead of infinity.
CLIP_EPS = 1e-15


def clip_probability(p: np.ndarray | float) -> np.ndarray:
    """P(y = 1) kept inside [CLIP_EPS, 1 - CLIP_EPS]."""
    return np.clip(np.asarray(p, dtype=float), CLIP_EPS, 1.0 - CLIP_EPS)


def needs_clipping(p: np.ndarray | float) -> bool:
    """True when some probability is closer to 0 or 1 than CLIP_EPS."""
    p = np.asarray(p, dtype=float)
    return bool(np.any((p < CLIP_EPS) | (p > 1.0 - CLIP_EPS)))


def prob_true_class(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Probability the model gives to each point's own label: p where y = 1, 1 - p where y = 0."""
    y = np.asarray(y)
    p = np.asarray(p, dtype=float)
    return np.where(y == 1, p, 1.0 - p)


def point_losses(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """-ln(probability of the true class) for each point, after clipping."""
    return -np.log(prob_true_class(y, clip_probability(p)))


def binary_cross_entropy(y: np.ndarray, p: np.ndarray) -> float:
    """Mean of the point losses: -(1/N) sum[y ln p + (1 - y) ln(1 - p)]."""
    return float(np.mean(point_losses(y, p)))


# The flat model: it ignores x and predicts the same P(green) = c for every point.


def _check_share(c: float) -> float:
    c = float(c)
    if not 0.0 <= c <= 1.0:  # also rejects nan
        raise ValueError(f"c must be a probability between 0 and 1, got {c!r}")
    return c


def flat_losses(y: np.ndarray, c: float) -> np.ndarray:
    """Per-point losses of the flat model P(green) = c: -ln c where y = 1, -ln(1 - c) where y = 0.

    Clipped like every other loss, so c = 0 or 1 costs 34.5 nats on the points it rules out.
    """
    y = np.asarray(y)
    return point_losses(y, np.full(y.shape, _check_share(c)))


def flat_mean_loss(y: np.ndarray, c: float) -> float:
    """Mean loss of the flat model P(green) = c: the cross-entropy H_p(q) with p = (1 - c, c).

    Smallest at c = q(1), the share of green labels, where it is the entropy H(q) (Gibbs).
    """
    return float(np.mean(flat_losses(y, c)))


@dataclass(frozen=True)
class FlatPath:
    """The flat model slid along c: its mean loss and how far that is above H(q) at each step."""

    c: np.ndarray
    losses: np.ndarray  # (steps, points): each point's loss at each step, in the data's order
    mean_loss: np.ndarray
    gap: np.ndarray  # mean loss - H(q) = D_KL(q || (1 - c, c)), 0 at c = q(1)

    def __len__(self) -> int:
        return len(self.c)


def flat_path(y: np.ndarray, start: float, steps: int) -> FlatPath:
    """c in equal steps from start to the class rate q(1), the best flat model.

    The gap is the KL divergence summed directly rather than mean loss - H(q), so it is never
    negative and exactly 0 on the last step, not a rounding residue.
    """
    if steps < 2:
        raise ValueError("a path needs at least 2 steps")
    q = label_distribution(y)
    c = np.linspace(_check_share(start), q[1], steps)
    # c is read off the screen at 4 decimals while it slides: each step's losses are those of the c
    # shown, so a student who recomputes the mean from the printed c gets the printed mean.
    c[1:-1] = np.round(c[1:-1], 4)
    losses = np.array([flat_losses(y, v) for v in c])
    return FlatPath(
        c=c,
        losses=losses,
        mean_loss=losses.mean(axis=1),
        gap=np.array([kl_divergence(q, (1.0 - v, v)) for v in c]),
    )


# The likelihood is the product of the probabilities of the true class. A float product underflows:
# below 2.2e-308 (the smallest normal double) it loses digits, and below 4.9e-324 it is 0, that is
# once the losses sum past 708 and 745 nats. A clipped factor costs at most 34.5 nats, so up to 20
# points never underflow; MAX_POINTS = 40 points reach 0 when they average 18.6 nats (8e-9 on the
# true class). The walkthrough's fit averages at most ln 2 per point (its solver starts at the coin
# flip and only descends), so its likelihood stays above 2^-40 = 9e-13. log_likelihood never underflows.


def _as_probabilities(prob_true_class: np.ndarray) -> np.ndarray:
    p = np.asarray(prob_true_class, dtype=float)
    if p.ndim != 1:
        raise ValueError("probabilities must be a 1-D sequence")
    if not np.all((p >= 0.0) & (p <= 1.0)):  # also rejects nan
        raise ValueError(f"probabilities must lie between 0 and 1, got {p.tolist()}")
    return p


def likelihood(prob_true_class: np.ndarray) -> float:
    """P(every label, as observed) = product of the probabilities of the true class (may underflow to 0)."""
    return float(np.prod(_as_probabilities(prob_true_class)))


def likelihood_partial_products(prob_true_class: np.ndarray) -> np.ndarray:
    """Running product after each factor, in the order given; the last one is the likelihood."""
    return np.cumprod(_as_probabilities(prob_true_class))


def log_likelihood(prob_true_class: np.ndarray) -> float:
    """ln(likelihood) as a sum of logs, finite where the product underflows; -inf if a factor is 0.

    -log_likelihood is the sum of the point losses, N times the binary cross-entropy.
    """
    p = _as_probabilities(prob_true_class)
    with np.errstate(divide="ignore"):  # ln 0 = -inf is the answer, not an accident
        return float(np.sum(np.log(p)))
