"""Property tests: the identities of information theory and of the loss hold for any input."""

import itertools
import math
import warnings
from decimal import Decimal
from random import Random

import numpy as np
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import minimize_scalar
from scipy.stats import entropy as scipy_entropy
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from bce_math import (
    Dataset,
    axis_ticks,
    binary_cross_entropy,
    binary_entropy,
    cross_entropy,
    entropy,
    fit_logistic,
    fit_logistic_unpenalised,
    fit_trajectory,
    flat_mean_loss,
    fmt,
    has_finite_optimum,
    kl_divergence,
    label_distribution,
    likelihood,
    likelihood_partial_products,
    log_likelihood,
    nice_range,
    point_losses,
    walkthrough,
)

settings.register_profile("fast", max_examples=60, deadline=None)
settings.load_profile("fast")

share = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
open_share = st.floats(min_value=1e-6, max_value=1 - 1e-6)


@st.composite
def labelled_probabilities(draw):
    n = draw(st.integers(min_value=1, max_value=40))
    y = draw(arrays(np.int64, n, elements=st.integers(0, 1)))
    p = draw(arrays(np.float64, n, elements=share))
    return y, p


@given(share, open_share)
def test_cross_entropy_at_least_entropy(q1, p1):
    q, p = (1 - q1, q1), (1 - p1, p1)
    assert cross_entropy(q, p) >= entropy(q) - 1e-12


@given(share, open_share)
def test_kl_non_negative_and_zero_only_when_equal(q1, p1):
    q, p = (1 - q1, q1), (1 - p1, p1)
    kl = kl_divergence(q, p)
    assert kl >= 0.0
    assert (kl == 0.0) == (q1 == p1) or abs(q1 - p1) < 1e-6
    assert kl_divergence(q, q) == 0.0


@given(share, open_share)
def test_kl_is_cross_entropy_minus_entropy(q1, p1):
    q, p = (1 - q1, q1), (1 - p1, p1)
    assert math.isclose(kl_divergence(q, p), cross_entropy(q, p) - entropy(q), abs_tol=1e-9)


@given(labelled_probabilities())
def test_mean_of_point_losses_is_the_bce_formula(data):
    y, p = data
    clipped = np.clip(p, 1e-15, 1 - 1e-15)
    formula = -np.mean(y * np.log(clipped) + (1 - y) * np.log(1 - clipped))
    assert math.isclose(binary_cross_entropy(y, p), formula, rel_tol=1e-9, abs_tol=1e-12)
    assert math.isclose(np.mean(point_losses(y, p)), binary_cross_entropy(y, p), rel_tol=1e-12)


@given(labelled_probabilities(), st.randoms())
def test_order_of_points_does_not_matter(data, rnd):
    y, p = data
    order = list(range(len(y)))
    rnd.shuffle(order)
    assert math.isclose(binary_cross_entropy(y[order], p[order]), binary_cross_entropy(y, p), rel_tol=1e-9)


@given(labelled_probabilities())
def test_losses_finite_even_at_zero_and_one(data):
    y, p = data
    p = np.where(p > 0.5, 1.0, 0.0)
    losses = point_losses(y, p)
    assert np.all(np.isfinite(losses)) and np.all(losses >= 0)


@st.composite
def small_datasets(draw):
    n = draw(st.integers(min_value=2, max_value=12))
    x = draw(arrays(np.float64, n, elements=st.floats(-50, 50)))
    y = draw(arrays(np.int64, n, elements=st.integers(0, 1)))
    y[0], y[1] = 0, 1  # both classes, as load_dataset demands
    return x, y


# x too close for the fit to tell apart (bce_math/model.py: MIN_SPAN): spanning less than 1e-150,
# one place, as if every x were the same; or 0 and 5e-324 beside 3e-148 (2^-490), one u.
TOO_CLOSE = [
    (np.array([0.0, 7.235106956877273e-307]), np.array([0, 1])),
    (np.array([0.0, 1e-160, 0.0]), np.array([0, 1, 1])),
    (np.array([0.0, 5e-324, 2.0**-490]), np.array([0, 1, 1])),
]


@settings(max_examples=25, deadline=None)
@given(small_datasets(), st.randoms())
@example(TOO_CLOSE[0], Random(0))
@example(TOO_CLOSE[1], Random(0))
@example(TOO_CLOSE[2], Random(0))
def test_fit_and_trajectory_for_any_dataset(data, rnd):
    x, y = data
    fit = fit_logistic(x, y)
    path = fit_trajectory(x, y, steps=12)
    assert abs(path.w[-1] - fit.w) < 1e-9 and abs(path.b[-1] - fit.b) < 1e-9
    assert np.all(np.isfinite(path.loss))
    order = list(range(len(x)))
    rnd.shuffle(order)
    shuffled = fit_logistic(x[order], y[order])
    assert math.isclose(shuffled.w, fit.w, abs_tol=1e-3) and math.isclose(shuffled.b, fit.b, abs_tol=1e-3)


@st.composite
def offset_datasets(draw):
    """Points far from 0 with a small spread, such as timestamps: offset up to 1e12, spread 1..1000."""
    n = draw(st.integers(min_value=2, max_value=12))
    offset = draw(st.floats(-1e12, 1e12))
    spread = draw(st.floats(1.0, 1000.0))
    positions = draw(arrays(np.float64, n, elements=st.floats(0.0, 1.0)))
    positions[0], positions[1] = 0.0, 1.0  # the spread is exactly spread
    y = draw(arrays(np.int64, n, elements=st.integers(0, 1)))
    y[0], y[1] = draw(st.permutations([0, 1]))
    return offset + spread * positions, y


@settings(max_examples=25, deadline=None)
@given(offset_datasets())
def test_walkthrough_of_data_far_from_zero(data):
    x, y = data
    story = walkthrough(Dataset(x, y))
    fit = fit_logistic(x, y)
    assert (story.trajectory.w[-1], story.trajectory.b[-1]) == (fit.w, fit.b)
    assert story.trajectory.w[0] == 0.0 and story.trajectory.b[0] == 0.0
    assert np.all(np.isfinite(story.trajectory.loss))
    assert np.all(np.isfinite(story.losses)) and math.isfinite(story.mean_loss)


@settings(max_examples=200, deadline=None)
@given(
    st.floats(-1e15, 1e15),
    st.one_of(st.just(0.0), st.floats(1e-9, 2e15)),
    st.integers(min_value=2, max_value=40),
)
def test_axis_ticks_are_short_distinct_and_say_what_they_are(centre, spread, n):
    low, high = max(centre - spread / 2, -1e15), min(centre + spread / 2, 1e15)
    start, end, step = nice_range(low, high)
    assert start < low <= high < end
    ticks = axis_ticks((start, end, step))
    assert 3 <= len(ticks.positions) <= 11
    assert all(b - a > 0.5 * step for a, b in itertools.pairwise(ticks.positions))
    assert all(len(label) <= 6 for label in ticks.labels)
    assert len(set(ticks.labels)) == len(ticks.labels)
    for position, label in zip(ticks.positions, ticks.labels, strict=True):
        assert math.isclose(float(label) * 10.0**ticks.power + ticks.offset, position, abs_tol=step * 1e-6)


@st.composite
def labels(draw, both_classes: bool = False):
    n = draw(st.integers(min_value=2 if both_classes else 1, max_value=40))
    y = draw(arrays(np.int64, n, elements=st.integers(0, 1)))
    if both_classes:
        y[0], y[1] = 0, 1
    return y


@given(labels(), open_share)
def test_flat_mean_loss_is_log_loss_and_cross_entropy(y, c):
    assert math.isclose(flat_mean_loss(y, c), log_loss(y, np.full(len(y), c), labels=[0, 1]), abs_tol=1e-9)
    q = label_distribution(y)
    assert math.isclose(flat_mean_loss(y, c), cross_entropy(q, (1 - c, c)), rel_tol=1e-9, abs_tol=1e-12)


@given(labels(both_classes=True), open_share)
def test_no_flat_model_beats_the_class_rate(y, c):
    q = label_distribution(y)
    assert flat_mean_loss(y, c) >= flat_mean_loss(y, q[1]) - 1e-12
    assert math.isclose(flat_mean_loss(y, q[1]), entropy(q), rel_tol=1e-9, abs_tol=1e-12)


@settings(max_examples=30, deadline=None)
@given(labels(both_classes=True))
def test_flat_minimum_found_by_scipy_is_the_class_rate(y):
    q = label_distribution(y)
    best = minimize_scalar(
        lambda c: flat_mean_loss(y, c), bounds=(1e-9, 1 - 1e-9), method="bounded", options={"xatol": 1e-10}
    )
    assert math.isclose(best.x, q[1], abs_tol=1e-4)
    assert math.isclose(best.fun, scipy_entropy(q), abs_tol=1e-9)


@given(share)
def test_binary_entropy_is_the_entropy_of_the_pair(c):
    h = float(binary_entropy(c))
    assert math.isclose(h, entropy((1 - c, c)), abs_tol=1e-12)
    assert math.isclose(h, float(binary_entropy(1 - c)), abs_tol=1e-12)  # symmetric
    assert 0.0 <= h <= math.log(2) + 1e-15


@given(arrays(np.float64, st.integers(1, 40), elements=st.floats(1e-6, 1.0)))
def test_minus_log_likelihood_is_the_sum_of_losses(p):
    y = np.ones(len(p), dtype=int)  # p is then both P(green) and the probability of the true class
    assert math.isclose(-log_likelihood(p), len(p) * binary_cross_entropy(y, p), rel_tol=1e-9, abs_tol=1e-12)
    assert math.isclose(likelihood(p), math.exp(log_likelihood(p)), rel_tol=1e-9)
    partials = likelihood_partial_products(p)
    assert math.isclose(partials[-1], likelihood(p), rel_tol=1e-12)
    assert np.all(np.diff(partials) <= 0)  # each factor is at most 1


@settings(max_examples=25, deadline=None)
@given(small_datasets())
@example(TOO_CLOSE[0])
@example(TOO_CLOSE[1])
@example(TOO_CLOSE[2])
def test_unpenalised_fit_never_costs_more_than_the_default(data):
    x, y = data
    fit = fit_logistic_unpenalised(x, y)
    assert math.isfinite(fit.w) and math.isfinite(fit.b)
    default = fit_logistic(x, y)
    assert binary_cross_entropy(y, fit.predict_proba(x)) <= binary_cross_entropy(y, default.predict_proba(x))


@settings(max_examples=25, deadline=None)
@given(offset_datasets())
def test_ladder_for_data_far_from_zero(data):
    x, y = data
    story = walkthrough(Dataset(x, y))
    assert math.isclose(story.flat_even_loss, math.log(2), rel_tol=1e-12)
    assert story.flat_rate_loss <= story.flat_even_loss
    assert story.unpenalised_loss <= story.mean_loss
    assert all(math.isfinite(v) for v in story.ladder)
    assert story.flat_path.gap[-1] == 0.0 and np.all(story.flat_path.gap >= 0)
    assert math.isclose(story.neg_log_likelihood, story.n * story.mean_loss, rel_tol=1e-9)
    assert story.likelihood > 0.0


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(1e-6, 1 - 1e-6), min_size=2, max_size=40).flatmap(
        lambda ps: st.tuples(st.just(ps), st.lists(st.integers(0, 1), min_size=len(ps), max_size=len(ps)))
    )
)
@example(([0.9999989999999999, 0.9999989999999999], [0, 0]))  # written 1.0000: -ln is -0.0
def test_every_derived_number_is_its_operands_as_shown(data):
    from bce_math.shown import shown_numbers

    ps, labels = data
    order = sorted(range(len(ps)), key=lambda i: ps[i])
    shown = shown_numbers(ps, labels, 0.5, 0.6, 0.7, [0.7, 0.65, 0.6], 0.6, order)
    written = [Decimal(fmt(p)) for p in ps]
    for p, loss in zip(written, shown.losses, strict=True):
        if p > 0:
            assert fmt(loss) == f"{-math.log(p) + 0.0:.4f}"
    assert fmt(shown.loss_sum) == f"{sum(Decimal(fmt(v)) for v in shown.losses):.4f}"
    assert fmt(shown.kl_other) == "0.1000" and [fmt(g) for g in shown.flat_gap] == ["0.1000", "0.0500", "0.0000"]
    product = Decimal(1)
    for i, partial in zip(order, shown.likelihood_partials, strict=True):
        product *= written[i]
        assert partial == float(product)
    if shown.likelihood_is_exact:
        written_likelihood = float(fmt(shown.likelihood_partials[-1], shown.likelihood_decimals))
        assert fmt(-math.log(written_likelihood)) == fmt(shown.loss_sum)  # fmt: -ln 1 is 0, not -0


@st.composite
def overlapping_datasets(draw):
    """Datasets whose classes overlap on x: the unpenalised log loss has one finite minimum."""
    n = draw(st.integers(min_value=3, max_value=40))
    x = draw(arrays(np.float64, n, elements=st.floats(-50, 50).map(lambda v: round(v, 2))))
    y = draw(arrays(np.int64, n, elements=st.integers(0, 1)))
    y[0], y[1] = 0, 1
    assume(has_finite_optimum(x, y))
    return x, y


@settings(max_examples=200, deadline=None)
@given(overlapping_datasets())
def test_unpenalised_fit_is_solved_to_convergence(data):
    """Our Newton steps reach scikit-learn's unpenalised optimum as its own Newton solver does at
    tol = 1e-12 (not lbfgs stopped at its default tol, which leaves w = 1.6416 for 1.6424)."""
    x, y = data
    fit = fit_logistic_unpenalised(x, y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = LogisticRegression(C=np.inf, solver="newton-cholesky", tol=1e-12, max_iter=1000)
        reference.fit(x.reshape(-1, 1), y)
    ours, theirs = fit.predict_proba(x), reference.predict_proba(x.reshape(-1, 1))[:, 1]
    assert np.max(np.abs(ours - theirs)) < 1e-6
    assert binary_cross_entropy(y, ours) <= binary_cross_entropy(y, theirs) + 1e-12
    assert abs(np.sum(ours - y)) < 1e-7 and abs(np.sum((ours - y) * x)) < 1e-5  # the gradient vanishes
