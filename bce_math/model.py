"""The logistic regression of the story: scikit-learn's fit and a path that converges to it."""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

from bce_math.losses import binary_cross_entropy, point_losses

# scikit-learn's default inverse regularisation strength: the objective is
# C * sum(point losses) + w**2 / 2, the intercept is not penalised.
DEFAULT_C = 1.0


def sigmoid(z: np.ndarray | float) -> np.ndarray:
    """1 / (1 + e^-z), computed without overflow for large |z|."""
    z = np.asarray(z, dtype=float)
    return np.exp(-np.logaddexp(0.0, -z))


@dataclass(frozen=True)
class LogisticFit:
    """P(y = 1 | x) = sigmoid(w x + b)."""

    w: float
    b: float

    def predict_proba(self, x: np.ndarray | float) -> np.ndarray:
        """Probability of the positive class (green) at each x."""
        return sigmoid(self.w * np.asarray(x, dtype=float) + self.b)


def _fit_quietly(model: LogisticRegression, x: np.ndarray, y: np.ndarray) -> LogisticFit:
    with warnings.catch_warnings():
        # Perfectly separable toy data may stop at max_iter; the fit is still the one readers get.
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(np.asarray(x, dtype=float).reshape(-1, 1), np.asarray(y))
    return LogisticFit(w=float(model.coef_[0, 0]), b=float(model.intercept_[0]))


NEWTON_MAX_STEPS = 100
NEWTON_TOLERANCE = 1e-13  # a step this small, relative to the parameters: converged to the last bit that matters
ARMIJO = 1e-4  # a step must lower the objective by this share of what its slope promises
# A Newton step this small, relative to the parameters, is taken whole. It promises a decrease of
# order its size squared times the curvature, which near the minimum is below the objective's
# rounding (an ulp of a sum of logs, 2.2e-16 at 1.86): the Armijo test then refuses a right step for
# an ulp, and the halved steps crawl (0.29102681780 where the minimum is 0.29102681784, on 0, 0, 1
# with y 0, 1, 1). The quadratic model's error over such a step is of order its size cubed: nothing.
WHOLE_STEP = 1e-6


def fit_logistic(x: np.ndarray, y: np.ndarray, c: float = DEFAULT_C) -> LogisticFit:
    """scikit-learn's LogisticRegression with its defaults (L2 penalty, C = 1, intercept not
    penalised), solved to the end: the unique minimum of C * sum(log loss) + w^2 / 2.

    scikit-learn's default solver (lbfgs) stops at tol = 1e-4, up to 2e-4 away in a probability
    for x in the thousands: the fourth printed digit. The objective is strictly convex in (w, b),
    so Newton's method with a backtracking line search from w = b = 0 reaches its one minimum
    (what scikit-learn's solvers reach with tol -> 0; a test holds it to newton-cholesky at
    tol = 1e-12). The lab's page (scenes/publish/web/lab/model.js) runs the same steps: the video and the
    lab print the same digits.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    centre, scale, u = _standardised(x)
    phi = np.zeros(2)
    for _ in range(NEWTON_MAX_STEPS):
        gradient, hessian = _gradient_and_hessian(phi, u, y, c, scale)
        step = np.linalg.solve(hessian, gradient)
        current, size = _objective(phi, u, y, c, scale), 1.0
        whole = np.max(np.abs(step)) <= WHOLE_STEP * (1.0 + np.max(np.abs(phi)))
        while not whole and _objective(phi - size * step, u, y, c, scale) > current - ARMIJO * size * (gradient @ step):
            size /= 2
            if size < 1e-10:
                break
        phi = phi - size * step
        if np.max(np.abs(size * step)) <= NEWTON_TOLERANCE * (1.0 + np.max(np.abs(phi))):
            break
    w = phi[0] / scale
    return LogisticFit(w=float(w), b=float(phi[1] - w * centre))


# x spanning less than this are one place to the fit, as if every x were the same (then u = 0 and
# w has no say). Telling them apart would take slopes w ~ 1 / span and a penalty weight 1 / (C scale^2)
# beyond doubles: below about 1.5e-154 the squares in the spread (and scale^2) are subnormal or 0
# (0 and 7e-307 came out "all equal" with u = +-3.6e-307, whose squares vanished from the Hessian,
# and unpenalised Newton had no step), and at the smallest subnormal spacing w = v / scale is
# infinite for any v above 1e-15. From 1e-150 on, for up to 1e6 points, the spread is at least
# 1e-150 / sqrt(2e6) ~ 7e-154: its square is normal, 1 / scale^2 finite, and w = v / scale stays
# finite for any step the fit takes. Both fits, has_finite_optimum and is_separable use this rule;
# the lab's model.js has it too (MIN_SPAN).
MIN_SPAN = 1e-150


def _is_one_place(x: np.ndarray) -> bool:
    """True when every x is one place to the fit: max - min below MIN_SPAN (exact in any language)."""
    return not float(x.max() - x.min()) >= MIN_SPAN


def _standardised(x: np.ndarray) -> tuple[float, float, np.ndarray]:
    """(centre, scale, u) with u = (x - centre) / scale: Newton's steps in u do not lose x's digits
    when x is far from 0 for its spread (see fit_trajectory). x spanning less than MIN_SPAN (every x
    the same, too) are one place: u = 0, nothing to scale."""
    centre = float(x.mean())
    if _is_one_place(x):
        return centre, 1.0, np.zeros_like(x)
    scale = float(x.std())
    return centre, scale, (x - centre) / scale


def _objective(phi: np.ndarray, u: np.ndarray, y: np.ndarray, c: float, scale: float) -> float:
    """sum(log loss) + w^2 / (2 C) in standardised parameters (see _gradient_and_hessian)."""
    z = phi[0] * u + phi[1]
    return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 / c * (phi[0] / scale) ** 2)


def fit_logistic_unpenalised(x: np.ndarray, y: np.ndarray, default: LogisticFit | None = None) -> LogisticFit:
    """The log loss alone minimised, solved to the end: LogisticRegression(C=np.inf) at tol -> 0.

    C=np.inf is scikit-learn's spelling of "no penalty" (penalty=None is deprecated since 1.8). Its
    default solver stops at tol = 1e-4 (w = 1.6416 on the article's points, where the optimum is
    1.6424); Newton's steps, as in fit_logistic with the penalty's weight at 0, reach the optimum
    (a test holds it to newton-cholesky at tol = 1e-12).

    Without overlap (has_finite_optimum) there is no finite optimum. All x one place to the fit
    (equal, or spanning less than MIN_SPAN): the loss does not depend on w, and the default fit
    (w = 0, the class rate) is one of the minima. A threshold separates the classes, ties at it
    allowed: the loss keeps falling as |w| grows; lbfgs then stops where the slope is below its
    tolerance (or at max_iter), a finite, deterministic fit whose w only says "steep", kept when
    its loss is at most the default fit's.
    """
    default = default or fit_logistic(x, y)  # the caller's, when it has it already
    x, y = np.asarray(x, dtype=float), np.asarray(y)
    if has_finite_optimum(x, y):
        unpenalised = fit_logistic(x, y, c=math.inf)
    elif _is_one_place(x):
        return default
    else:
        unpenalised = _fit_quietly(LogisticRegression(solver="lbfgs", C=np.inf), x, y)
    # x far from 0 for its spread (timestamps) loses digits in w x + b: where the two fits all but
    # coincide, the optimum can then evaluate an ulp above the default fit, and the ladder would climb.
    if binary_cross_entropy(y, unpenalised.predict_proba(x)) > binary_cross_entropy(y, default.predict_proba(x)):
        return default
    return unpenalised


def has_finite_optimum(x: np.ndarray, y: np.ndarray) -> bool:
    """True when the unpenalised log loss has one finite minimum: the classes overlap on x, each
    class reaching past the other's nearest point (no threshold, not even one through tied points,
    puts every green on one side). Needs both classes.

    Judged on x as the fit sees it, centred and scaled (_standardised): two x that differ by less
    than that keeps (0 and 4e-221 beside a 1), or x spanning less than MIN_SPAN (0 and 7e-307), are
    one place to Newton's steps, and an overlap only the exact values have would leave the steps a
    singular Hessian."""
    negatives, positives = _by_class(_standardised(np.asarray(x, dtype=float))[2], y)
    return bool(negatives.max() > positives.min() and positives.max() > negatives.min())


def _by_class(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(x of the y = 0 points, x of the y = 1 points); both must be there."""
    x, y = np.asarray(x, dtype=float), np.asarray(y)
    negatives, positives = x[y == 0], x[y == 1]
    if not (negatives.size and positives.size):
        raise ValueError("both classes needed to tell how the classes lie on x")
    return negatives, positives


def is_separable(x: np.ndarray, y: np.ndarray) -> bool:
    """True when a threshold on x puts every y = 0 on one side and every y = 1 on the other.

    Then no finite (w, b) minimises the unpenalised log loss. Needs both classes. Judged on x as the
    fit sees it, as has_finite_optimum: x it cannot tell apart (spanning less than MIN_SPAN, or 0
    and 4e-221 beside a 1) are one place, where no threshold passes between them.
    """
    negatives, positives = _by_class(_standardised(np.asarray(x, dtype=float))[2], y)
    return bool(negatives.max() < positives.min() or positives.max() < negatives.min())


def _gradient_and_hessian(
    phi: np.ndarray, u: np.ndarray, y: np.ndarray, c: float, scale: float
) -> tuple[np.ndarray, np.ndarray]:
    """Gradient and Hessian of sum(log loss) + w^2 / (2 C) in standardised parameters.

    phi = (v, a) with v u + a = w x + b for u = (x - centre) / scale, so v = w scale and the
    penalty w^2 / 2 is (v / scale)^2 / 2.
    """
    # Divided by C (the same minimum and the same Newton steps), so C = inf is the log loss alone.
    penalty = 1.0 / c
    design = np.column_stack([u, np.ones_like(u)])
    p = sigmoid(design @ phi)
    gradient = design.T @ (p - y) + np.array([penalty * phi[0] / scale**2, 0.0])
    hessian = (design.T * (p * (1 - p))) @ design + np.diag([penalty / scale**2, 0.0])
    return gradient, hessian


@dataclass(frozen=True)
class Trajectory:
    """Parameters and mean log loss at each step of the optimisation path."""

    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    point_losses: np.ndarray  # (steps, points): each point's -ln P(true class) at each step

    def __len__(self) -> int:
        return len(self.w)

    def at(self, step: float) -> tuple[float, float]:
        """(w, b) at a fractional step, interpolated between the path's points (for smooth motion)."""
        step = min(max(step, 0.0), len(self) - 1.0)
        return float(np.interp(step, np.arange(len(self)), self.w)), float(
            np.interp(step, np.arange(len(self)), self.b)
        )


# How far (relative, in standardised x) scikit-learn's fit may sit from the optimum for the path to
# the optimum to be the path shown; its own tolerance leaves it about 1e-4 away.
STOPPED_SHORT = 1e-2


def fit_trajectory(
    x: np.ndarray,
    y: np.ndarray,
    steps: int = 40,
    target: LogisticFit | None = None,
    start: tuple[float, float] = (0.0, 0.0),
    c: float = DEFAULT_C,
) -> Trajectory:
    """A path of damped Newton steps on scikit-learn's objective (C = inf: the log loss alone), from
    (w, b) = start (0, 0: the flat line at 1/2) to its fit (the target).

    The damping is chosen so the path closes in on the optimum geometrically over `steps`
    points (fast at first, then settling, as training looks). scikit-learn stops at its own
    tolerance, a hair away from the exact optimum; that offset is spread linearly along the
    path so the last point is exactly scikit-learn's fit and nothing jumps.
    """
    if steps < 2:
        raise ValueError("a trajectory needs at least 2 steps")
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    target = target or fit_logistic(x, y)  # the caller's fit, when it has it already
    # Newton steps in raw x fail when x is far from 0 for its spread (timestamps: 1.7e9 give or take
    # 100): the Hessian's columns x and 1 are then equal to machine precision and it is singular.
    # In standardised x it is well conditioned. Newton's method is affine-invariant: with
    # theta = (w, b) and phi = (w scale, b + w centre) = T theta, every (damped) step in phi is T
    # times the step in theta, so the path is the same one, only computed without the cancellation.
    centre, scale, u = _standardised(x)
    # Remaining distance after the path, relative to the start: invisible on any screen.
    damping = 1.0 - 1e-6 ** (1.0 / (steps - 1))
    start_phi = np.array([start[0] * scale, start[1] + start[0] * centre])
    phis = [start_phi]
    with np.errstate(all="ignore"):  # no finite optimum (separable, no penalty): the fallback below
        for _ in range(steps - 1):
            gradient, hessian = _gradient_and_hessian(phis[-1], u, y, c, scale)
            try:
                phis.append(phis[-1] - damping * np.linalg.solve(hessian, gradient))
            except np.linalg.LinAlgError:
                phis.append(np.full(2, np.nan))
    phi = np.array(phis)
    # Far from 0 for its spread, scikit-learn (unscaled x) stops short of the optimum, often at a
    # near-constant model. The optimum's path would go past the fit and come back, the live loss
    # falling then rising: instead, ease straight from the start to the fit, as one would watch it learn.
    target_phi = np.array([target.w * scale, target.b + target.w * centre])
    if not np.all(np.isfinite(phi)) or np.linalg.norm(phi[-1] - target_phi) > STOPPED_SHORT * max(
        1.0, np.linalg.norm(target_phi)
    ):
        phi = start_phi + (1.0 - (1.0 - damping) ** np.arange(steps))[:, None] * (target_phi - start_phi)
    w = phi[:, 0] / scale
    path = np.column_stack([w, phi[:, 1] - w * centre])
    progress = np.linspace(0.0, 1.0, steps)[:, None]
    path += progress * (np.array([target.w, target.b]) - path[-1])
    # a + (t - a) need not round to t when |a| is much larger than |t|: end on the fit exactly.
    path[-1] = (target.w, target.b)
    each = np.array([point_losses(y, LogisticFit(w, b).predict_proba(x)) for w, b in path])
    return Trajectory(w=path[:, 0], b=path[:, 1], loss=each.mean(axis=1), point_losses=each)
