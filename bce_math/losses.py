"""Per-point probabilities of the true class and their log losses."""

from __future__ import annotations

import numpy as np

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
