"""Every number of the binary cross-entropy videos, with no drawing code."""

from bce_math.dataset import MAX_ABS_X, MAX_POINTS, MIN_POINTS, Dataset, DatasetError, default_dataset, load_dataset
from bce_math.display import AxisTicks, axis_ticks, fmt, nice_range, nice_step
from bce_math.information import cross_entropy, entropy, kl_divergence, label_distribution
from bce_math.losses import CLIP_EPS, binary_cross_entropy, point_losses, prob_true_class
from bce_math.model import LogisticFit, Trajectory, fit_logistic, fit_trajectory, sigmoid
from bce_math.walkthrough import Walkthrough, walkthrough

__all__ = [
    "CLIP_EPS",
    "MAX_ABS_X",
    "MAX_POINTS",
    "MIN_POINTS",
    "AxisTicks",
    "Dataset",
    "DatasetError",
    "LogisticFit",
    "Trajectory",
    "Walkthrough",
    "axis_ticks",
    "binary_cross_entropy",
    "cross_entropy",
    "default_dataset",
    "entropy",
    "fit_logistic",
    "fit_trajectory",
    "fmt",
    "kl_divergence",
    "label_distribution",
    "load_dataset",
    "nice_range",
    "nice_step",
    "point_losses",
    "prob_true_class",
    "sigmoid",
    "walkthrough",
]
