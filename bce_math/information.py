"""Entropy, cross-entropy and KL divergence of discrete distributions."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy.special import entr

_SUM_TOLERANCE = 1e-9


def as_distribution(values: Sequence[float] | np.ndarray, name: str = "distribution") -> np.ndarray:
    """Check that values are non-negative and sum to 1; return them as a float array."""
    dist = np.asarray(values, dtype=float)
    if dist.ndim != 1 or dist.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D sequence")
    if not np.all(np.isfinite(dist)) or np.any(dist < 0):
        raise ValueError(f"{name} must be finite and non-negative, got {dist.tolist()}")
    if abs(dist.sum() - 1.0) > _SUM_TOLERANCE:
        raise ValueError(f"{name} must sum to 1, sums to {dist.sum()!r}")
    return dist


def label_distribution(y: Sequence[int] | np.ndarray) -> tuple[float, float]:
    """q(y) = (share of label 0, share of label 1)."""
    y = np.asarray(y)
    share_positive = float(np.mean(y == 1))
    return (1.0 - share_positive, share_positive)


def _log(values: np.ndarray, base: float | None) -> np.ndarray:
    logs = np.log(values)
    return logs / math.log(base) if base else logs


def entropy(q: Sequence[float] | np.ndarray, base: float | None = None) -> float:
    """H(q) = -sum q ln q (0 ln 0 = 0); natural log unless base is given (2 for bits)."""
    q = as_distribution(q, "q")
    support = q > 0
    return float(-np.sum(q[support] * _log(q[support], base)))


def _support_pair(q, p) -> tuple[np.ndarray, np.ndarray] | None:
    """q and p validated and restricted to q's support; None when p misses part of it (infinite cost)."""
    q = as_distribution(q, "q")
    p = as_distribution(p, "p")
    if q.shape != p.shape:
        raise ValueError("q and p must have the same number of outcomes")
    support = q > 0
    if np.any(p[support] == 0):
        return None
    return q[support], p[support]


def cross_entropy(q: Sequence[float] | np.ndarray, p: Sequence[float] | np.ndarray, base: float | None = None) -> float:
    """H_p(q) = -sum q ln p: the cost of coding q's outcomes with p. Infinite if p misses q's support."""
    pair = _support_pair(q, p)
    if pair is None:
        return math.inf
    q, p = pair
    return float(-np.sum(q * _log(p, base)))


def kl_divergence(q: Sequence[float] | np.ndarray, p: Sequence[float] | np.ndarray, base: float | None = None) -> float:
    """D_KL(q || p) = sum q ln(q / p) = H_p(q) - H(q), never negative."""
    pair = _support_pair(q, p)
    if pair is None:
        return math.inf
    q, p = pair
    # Summed directly rather than as a difference of entropies, so it is exactly 0 when p == q.
    return float(max(0.0, np.sum(q * _log(q / p, base))))


def binary_entropy(c: np.ndarray | float, base: float | None = None) -> np.ndarray:
    """H(c) = -c ln c - (1 - c) ln(1 - c), the entropy of (1 - c, c), for each c in [0, 1].

    0 at c = 0 and 1 (no surprise), largest at c = 1/2: ln 2 nats, 1 bit.
    """
    c = np.asarray(c, dtype=float)
    if not np.all((c >= 0.0) & (c <= 1.0)):  # also rejects nan
        raise ValueError(f"c must lie between 0 and 1, got {c.tolist()}")
    # entr(t) = -t ln t with entr(0) = 0, the convention entropy() applies by skipping zeros.
    nats = entr(c) + entr(1.0 - c)
    return nats / math.log(base) if base else nats


def binary_entropy_curve(samples: int) -> tuple[np.ndarray, np.ndarray]:
    """(c, H(c)) at samples evenly spaced c from 0 to 1, both ends included, for drawing the curve."""
    if samples < 2:
        raise ValueError("a curve needs at least 2 samples")
    c = np.linspace(0.0, 1.0, samples)
    return c, binary_entropy(c)
