"""Every number the videos show, computed once from a dataset."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from bce_math.dataset import Dataset
from bce_math.display import AxisTicks, axis_ticks, nice_range, nice_step, step_digits
from bce_math.information import binary_entropy_curve, cross_entropy, entropy, kl_divergence, label_distribution
from bce_math.losses import (
    FlatPath,
    binary_cross_entropy,
    clip_probability,
    flat_mean_loss,
    flat_path,
    likelihood,
    likelihood_partial_products,
    log_likelihood,
    needs_clipping,
    point_losses,
    prob_true_class,
)
from bce_math.model import DEFAULT_C, Trajectory, fit_logistic, fit_logistic_unpenalised, fit_trajectory, is_separable
from bce_math.shown import Shown, as_shown, shown_numbers

# The example of the -ln curve (log_curve): a confident mistake (1 % on the true class) is expensive.
MEMORABLE_PROBABILITY = 0.01
# One step per frame of sigmoid_fit's 6 s at 30 fps: the curve and the readout show the same step.
TRAJECTORY_STEPS = 180
# The fit replayed with its loss bars (loss_at_work), each leg (5 s, then 4 s): a step per frame or two at 30 fps.
REPLAY_STEPS = 120
# The flat model's loss over c, from FLAT_LOSS_EDGE to 1 - FLAT_LOSS_EDGE (it grows without bound at
# 0 and 1), in this many even steps, plus q(1) itself so the curve's lowest point is drawn exactly.
FLAT_LOSS_SAMPLES, FLAT_LOSS_EDGE = 97, 0.02
FLAT_PATH_STEPS = 121  # c moves by at most 1/240 per step: the slide looks continuous
# The flat model that knows nothing: P(green) = 1/2 at every x, a coin flip.
COIN_FLIP = 0.5
# Samples of the binary entropy curve H(c): every 0.01 of c, so c = 1/2 is one of them.
ENTROPY_CURVE_SAMPLES = 101
# The loss-bar axis reaches at least this high: near-perfect fits would otherwise get ticks
# like 0.00002 that are too long to read.
MIN_LOSS_AXIS_TOP = 0.1


def flat_loss_samples(rate: float) -> np.ndarray:
    """The c at which the flat model's loss curve is drawn: evenly spaced, and the class rate."""
    even = np.linspace(FLAT_LOSS_EDGE, 1.0 - FLAT_LOSS_EDGE, FLAT_LOSS_SAMPLES)
    return np.sort(np.append(even[np.abs(even - rate) > 1e-9], rate))  # 0.7 once, not 0.7 and 0.70000000001


def _other_distribution(q: tuple[float, float]) -> tuple[float, float]:
    """A model that knows nothing (50/50) unless the labels are already 50/50; then a lopsided guess."""
    if math.isclose(q[1], 0.5):
        return (0.2, 0.8)
    return (0.5, 0.5)


@dataclass(frozen=True)
class Walkthrough:
    """All values of the story for one dataset. Per-point tuples are in the dataset's order."""

    x: tuple[float, ...]
    y: tuple[int, ...]
    # Logistic regression P(green | x) = sigmoid(w x + b), scikit-learn's fit.
    w: float
    b: float
    trajectory: Trajectory
    # The fit replayed once the loss is known (loss_at_work): from the best flat line, P(green) = q(1)
    # (a sigmoid with w = 0), to the default fit; then, the penalty dropped, on to the unpenalised fit.
    replay: Trajectory
    unpenalising: Trajectory
    prob_green: tuple[float, ...]
    prob_true_class: tuple[float, ...]
    losses: tuple[float, ...]
    mean_loss: float
    positive_loss_sum: float
    negative_loss_sum: float
    clipped: bool
    mean_prob_green: float
    # Part III: the class distribution and its information measures.
    q: tuple[float, float]
    entropy_q: float
    entropy_certain: float
    entropy_even: float
    other: tuple[float, float]
    cross_entropy_other: float
    kl_other: float
    memorable_probability: float
    memorable_loss: float
    # Part III, the ladder: four models on the same points, each costing no more than the one before
    # (except that scikit-learn may stop short of its optimum, above H(q)).
    flat_even_loss: float  # P(green) = 1/2 at every x (a coin flip): ln 2
    flat_rate_loss: float  # P(green) = q(1) at every x (the class rate): H(q), the best flat model
    # (then mean_loss, scikit-learn's default fit, and last the fit with no penalty, never above it)
    unpenalised_w: float
    unpenalised_b: float
    unpenalised_loss: float
    separable: bool  # a threshold splits the classes: no finite unpenalised optimum, w is where the solver stopped
    # c slid from 1/2 to q(1): the mean loss falls to H(q), the KL gap to 0. With 50/50 labels the
    # coin flip is already the class rate: every step is c = 1/2 with gap 0 (nothing to slide).
    flat_path: FlatPath  # c from the flat start other[1] (a coin flip unless q is even) to q(1)
    entropy_curve: tuple[tuple[float, float], ...]  # (c, H(c)) from c = 0 to 1, for drawing
    # The flat model's mean loss as a function of c (a U, lowest at c = q(1), where it is H(q)).
    flat_loss_curve: tuple[tuple[float, float], ...]
    # The likelihood of the labels under the fit, with clipped probabilities so that
    # neg_log_likelihood is exactly the sum of the losses shown (n * mean_loss).
    likelihood: float
    likelihood_partials: tuple[float, ...]  # running product, points left to right (order_by_x)
    neg_log_likelihood: float
    # Layout derived from the data: number line and loss axis.
    x_range: tuple[float, float, float]
    x_ticks: AxisTicks  # the number line's tick labels, relative to an offset or scaled when long
    loss_range: tuple[float, float, float]  # the -ln curve's axis, tall enough for the memorable point
    loss_bar_range: tuple[float, float, float]  # fits the loss bars alone
    loss_bar_digits: int
    shown: Shown  # the numbers stated as results of other numbers shown (bce_math/shown.py)

    @property
    def n(self) -> int:
        return len(self.x)

    @property
    def n_positive(self) -> int:
        return sum(self.y)

    @property
    def n_negative(self) -> int:
        return self.n - self.n_positive

    @property
    def mistakes(self) -> tuple[int, ...]:
        """Points whose true class got less than one half: the model leans the wrong way on them."""
        return tuple(i for i, p in enumerate(self.prob_true_class) if p < 0.5)

    @property
    def worst_point(self) -> int:
        """The point with the largest loss (the first, on a tie): `losses` takes it through the curve first."""
        return int(np.argmax(self.losses))

    @property
    def order_by_x(self) -> tuple[int, ...]:
        """Point indices from left to right (ties keep the file's order)."""
        return tuple(int(i) for i in _left_to_right(self.x))

    @property
    def ladder(self) -> tuple[float, float, float, float]:
        """Mean loss of coin flip, class rate, default fit and unpenalised fit, in the video's order."""
        return (self.flat_even_loss, self.flat_rate_loss, self.mean_loss, self.unpenalised_loss)

    @property
    def ladder_models(self) -> tuple[tuple[float, float], ...]:
        """(w, b) of each rung's model, P(green) = sigmoid(w x + b): the flat ones have w = 0 (the
        class rate's is where the replay starts)."""
        rate = (float(self.replay.w[0]), float(self.replay.b[0]))
        return ((0.0, 0.0), rate, (self.w, self.b), (self.unpenalised_w, self.unpenalised_b))

    @property
    def penalty_divisor(self) -> float:
        """The fit's cost per point is the mean log loss + w^2 / penalty_divisor: scikit-learn's
        C * sum(losses) + w^2 / 2, divided by C * N (2 C N; 20 for C = 1 and 10 points)."""
        return 2 * DEFAULT_C * self.n

    @property
    def unpenalised_losses(self) -> np.ndarray:
        """Each point's loss under the fit without the penalty (where loss_at_work's second leg ends)."""
        return self.unpenalising.point_losses[-1]

    @property
    def worsened(self) -> tuple[int, ...]:
        """The fit's two worst mistakes, worst first, where dropping the penalty makes them worse:
        the steeper sigmoid is surer of itself on them too (loss_at_work). Fewer where fewer grow.
        A loss grows when the number said for it does: before, the loss of its shown probability
        (its bar's value); after, the unpenalised loss as shown. A growth in the last bits (two fits
        that differ by rounding) is none."""
        growing = [i for i in self.mistakes if as_shown(self.unpenalised_losses[i]) > self.shown.losses[i]]
        return tuple(sorted(growing, key=lambda i: -self.losses[i])[:2])

    @property
    def gain_from_x(self) -> float:
        """What using x saves: the best model that ignores x (the class rate, H(q)) minus the fit's loss."""
        return self.flat_rate_loss - self.mean_loss

    @property
    def loss_stack_tops(self) -> tuple[float, ...]:
        """The losses end to end, left to right: where each one's segment tops out (likelihood)."""
        return tuple(float(v) for v in np.cumsum([self.losses[i] for i in self.order_by_x]))

    @property
    def class_stack_tops(self) -> tuple[tuple[float, ...], tuple[float, ...]]:
        """Each class's losses end to end, left to right (red y = 0, then green y = 1): running sums."""
        stacks = []
        for label in (0, 1):
            losses = [self.losses[i] for i in self.order_by_x if self.y[i] == label]
            stacks.append(tuple(float(v) for v in np.cumsum(losses)))
        return stacks[0], stacks[1]

    @property
    def class_stack_range(self) -> tuple[float, float, float]:
        """The axis of back_to_loss's two stacks: from 0 to above the larger class sum."""
        top = max(self.positive_loss_sum, self.negative_loss_sum, MIN_LOSS_AXIS_TOP)
        step = nice_step(top, 4)
        return (0.0, math.ceil(top / step) * step, step)

    @property
    def likelihood_range(self) -> tuple[float, float, float]:
        """The axis of the losses stacked end to end (likelihood): from 0 to above their sum."""
        step = nice_step(self.neg_log_likelihood, 4)
        return (0.0, math.ceil(self.neg_log_likelihood / step) * step, step)

    @property
    def part3_loss_range(self) -> tuple[float, float, float]:
        """The loss axis of Part III: the flat models' bars along their path and the fit's bars."""
        top = max(float(self.flat_path.losses.max()), max(self.losses), MIN_LOSS_AXIS_TOP)
        step = nice_step(top, 4)
        return (0.0, math.ceil(top / step) * step, step)

    @property
    def ladder_range(self) -> tuple[float, float, float]:
        """The ladder's loss axis: from 0, tall enough for its highest rung, about four ticks."""
        step = nice_step(max(self.ladder), 4)
        return (0.0, math.ceil(max(self.ladder) / step) * step, step)


def _left_to_right(x: np.ndarray | tuple[float, ...]) -> np.ndarray:
    # Stable, so points at the same x keep the file's order.
    return np.argsort(x, kind="stable")


def walkthrough(dataset: Dataset) -> Walkthrough:
    """Compute every displayed number for dataset."""
    x, y = dataset.x, dataset.y
    fit = fit_logistic(x, y)
    prob_green = fit.predict_proba(x)
    losses = point_losses(y, prob_green)
    q = label_distribution(y)
    other = _other_distribution(q)
    memorable_loss = -math.log(MEMORABLE_PROBABILITY)
    unpenalised = fit_logistic_unpenalised(x, y, default=fit)
    true_class = prob_true_class(y, prob_green)
    mean_loss = binary_cross_entropy(y, prob_green)
    entropy_q, cross_entropy_other, flat_rate_loss = entropy(q), cross_entropy(q, other), flat_mean_loss(y, q[1])
    order = _left_to_right(x)
    # Clipped as the losses are, so -ln(likelihood) is their sum even when a probability is 0 or 1.
    clipped_true_class = prob_true_class(y, clip_probability(prob_green))
    entropy_c, entropy_h = binary_entropy_curve(ENTROPY_CURVE_SAMPLES)
    flat_slide = flat_path(y, other[1], FLAT_PATH_STEPS)
    loss_top = max(memorable_loss, float(losses.max()))
    loss_step = nice_step(loss_top, 5)
    x_range = nice_range(float(x.min()), float(x.max()))
    bar_top = max(float(losses.max()), MIN_LOSS_AXIS_TOP)
    bar_step = nice_step(bar_top, 4)
    return Walkthrough(
        x=tuple(float(v) for v in x),
        y=tuple(int(v) for v in y),
        w=fit.w,
        b=fit.b,
        trajectory=fit_trajectory(x, y, TRAJECTORY_STEPS, target=fit),
        replay=fit_trajectory(x, y, REPLAY_STEPS, target=fit, start=(0.0, float(np.log(q[1] / q[0])))),
        unpenalising=fit_trajectory(x, y, REPLAY_STEPS, target=unpenalised, start=(fit.w, fit.b), c=math.inf),
        prob_green=tuple(float(v) for v in prob_green),
        prob_true_class=tuple(float(v) for v in true_class),
        losses=tuple(float(v) for v in losses),
        mean_loss=mean_loss,
        positive_loss_sum=float(losses[y == 1].sum()),
        negative_loss_sum=float(losses[y == 0].sum()),
        clipped=needs_clipping(prob_green),
        mean_prob_green=float(prob_green.mean()),
        q=q,
        entropy_q=entropy_q,
        entropy_certain=entropy((0.0, 1.0)),
        entropy_even=entropy((0.5, 0.5)),
        other=other,
        cross_entropy_other=cross_entropy_other,
        kl_other=kl_divergence(q, other),
        memorable_probability=MEMORABLE_PROBABILITY,
        memorable_loss=memorable_loss,
        flat_even_loss=flat_mean_loss(y, COIN_FLIP),
        flat_rate_loss=flat_rate_loss,
        unpenalised_w=unpenalised.w,
        unpenalised_b=unpenalised.b,
        unpenalised_loss=binary_cross_entropy(y, unpenalised.predict_proba(x)),
        separable=is_separable(x, y),
        flat_path=flat_slide,
        entropy_curve=tuple((float(c), float(h)) for c, h in zip(entropy_c, entropy_h, strict=True)),
        flat_loss_curve=tuple((float(c), flat_mean_loss(y, float(c))) for c in flat_loss_samples(q[1])),
        likelihood=likelihood(clipped_true_class),
        likelihood_partials=tuple(float(v) for v in likelihood_partial_products(clipped_true_class[order])),
        neg_log_likelihood=-log_likelihood(clipped_true_class),
        x_range=x_range,
        x_ticks=axis_ticks(x_range),
        loss_range=(0.0, math.ceil(loss_top / loss_step) * loss_step, loss_step),
        loss_bar_range=(0.0, math.ceil(bar_top / bar_step) * bar_step, bar_step),
        loss_bar_digits=step_digits(bar_step),
        shown=shown_numbers(
            true_class,
            y,
            mean_loss=mean_loss,
            entropy_q=entropy_q,
            cross_entropy_other=cross_entropy_other,
            flat_means=flat_slide.mean_loss,
            flat_rate_loss=flat_rate_loss,
            order=order,
        ),
    )
