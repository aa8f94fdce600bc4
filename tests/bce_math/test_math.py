"""bce_math against scikit-learn, scipy and the storyboard's hand-checked values."""

import itertools
import math
import warnings
from decimal import Decimal

import numpy as np
import pytest
from scipy.optimize import minimize, minimize_scalar
from scipy.stats import entropy as scipy_entropy
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from bce_math import (
    CLIP_EPS,
    Dataset,
    LogisticFit,
    axis_ticks,
    binary_cross_entropy,
    binary_entropy,
    binary_entropy_curve,
    cross_entropy,
    default_dataset,
    entropy,
    fit_logistic,
    fit_logistic_unpenalised,
    fit_trajectory,
    flat_losses,
    flat_mean_loss,
    flat_path,
    fmt,
    fmt_small,
    has_finite_optimum,
    is_separable,
    kl_divergence,
    label_distribution,
    likelihood,
    likelihood_partial_products,
    log_likelihood,
    nice_range,
    nice_step,
    point_losses,
    prob_true_class,
    walkthrough,
)
from bce_math.model import MIN_SPAN
from tests.oracle import converged_sklearn

# The storyboard's table for the article's dataset, at scikit-learn's optimum (its solver run to the
# end). The article printed scikit-learn's lbfgs stopped at tol = 1e-4, 3e-4 away in w: its fourth
# digits differ in places (p 0.1851, 0.4696, 0.7005 ...; w 0.9716; see test_the_article_stopped_short).
EXPECTED_P = [0.1850, 0.3307, 0.4695, 0.7006, 0.7397, 0.8074, 0.8608, 0.9423, 0.9699, 0.9941]
EXPECTED_TRUE = [0.8150, 0.6693, 0.4695, 0.2994, 0.7397, 0.8074, 0.8608, 0.9423, 0.9699, 0.9941]
EXPECTED_LOSS = [0.2046, 0.4015, 0.7560, 1.2058, 0.3015, 0.2140, 0.1499, 0.0594, 0.0305, 0.0059]


@pytest.fixture(scope="module")
def story():
    return walkthrough(default_dataset())


def test_fit_matches_sklearn():
    data = default_dataset()
    model = converged_sklearn(data.x, data.y)
    fit = fit_logistic(data.x, data.y)
    assert fit.w == pytest.approx(model.coef_[0, 0], abs=1e-10)
    assert fit.b == pytest.approx(model.intercept_[0], abs=1e-10)
    np.testing.assert_allclose(fit.predict_proba(data.x), model.predict_proba(data.x.reshape(-1, 1))[:, 1], atol=1e-10)


@pytest.mark.parametrize("offset", [0.0, 300.0, -800.0])
def test_fit_matches_sklearn_run_to_the_end_far_from_zero(offset):
    """Where scikit-learn's default lbfgs stops far from the optimum (x in the hundreds), the fit is
    still the optimum scikit-learn reaches when its solver runs to the end."""
    x = offset + np.array([-40.0, -25.0, -10.0, 0.0, 5.0, 15.0, 30.0, 45.0])
    y = np.array([0, 0, 1, 0, 1, 0, 1, 1])
    model = converged_sklearn(x, y)
    fit = fit_logistic(x, y)
    np.testing.assert_allclose(fit.predict_proba(x), model.predict_proba(x.reshape(-1, 1))[:, 1], atol=1e-9)


def test_the_article_stopped_short():
    """The article's w = 0.9716 is scikit-learn's lbfgs stopped at its default tolerance; the optimum is 0.9719."""
    data = default_dataset()
    stopped = LogisticRegression(solver="lbfgs").fit(data.x.reshape(-1, 1), data.y)
    assert fmt(stopped.coef_[0, 0]) == "0.9716" and fmt(fit_logistic(data.x, data.y).w) == "0.9719"


def test_storyboard_values(story):
    assert fmt(story.w) == "0.9719"
    assert fmt(story.b) == "0.6555"
    assert [fmt(p) for p in story.prob_green] == [f"{v:.4f}" for v in EXPECTED_P]
    assert [fmt(p) for p in story.prob_true_class] == [f"{v:.4f}" for v in EXPECTED_TRUE]
    assert [fmt(v) for v in story.losses] == [f"{v:.4f}" for v in EXPECTED_LOSS]
    assert fmt(story.mean_loss) == "0.3329"
    assert story.mean_loss == pytest.approx(0.332911, abs=5e-7)
    assert story.worst_point == 3  # the storyboard's worst prediction: 0.2994 on the true class
    assert story.mistakes == (2, 3)  # 0.4695 and 0.2994 on the true class
    assert fmt(story.gain_from_x) == "0.2780"  # what using x buys (storyboard, chapter 19: 0.6109 - 0.3329)
    assert story.loss_stack_tops[-1] == pytest.approx(story.neg_log_likelihood)
    assert story.likelihood_range[1] >= story.neg_log_likelihood > story.likelihood_range[1] - story.likelihood_range[2]
    low, high, step = story.ladder_range
    assert low == 0 and high >= max(story.ladder) and (high - low) / step <= 8
    assert fmt(story.positive_loss_sum) == "1.5172"
    assert fmt(story.negative_loss_sum) == "1.8119"
    assert story.q == pytest.approx((0.3, 0.7))
    assert fmt(story.entropy_q) == "0.6109"
    assert fmt(story.entropy_even) == "0.6931"
    assert story.entropy_certain == 0.0
    assert fmt(story.mean_prob_green) == "0.7000"
    assert fmt(story.memorable_loss, 1) == "4.6"
    assert not story.clipped


def test_rounding_only_for_display(story):
    rounded = np.round(story.prob_green, 2)
    assert fmt(binary_cross_entropy(np.array(story.y), rounded)) == "0.3335"
    assert fmt(story.mean_loss) == "0.3329"


def test_bce_matches_sklearn_log_loss(story):
    y, p = np.array(story.y), np.array(story.prob_green)
    assert binary_cross_entropy(y, p) == pytest.approx(log_loss(y, p), abs=1e-12)
    assert story.positive_loss_sum + story.negative_loss_sum == pytest.approx(story.n * story.mean_loss)


def test_information_matches_scipy(story):
    q, other = story.q, story.other
    assert entropy(q) == pytest.approx(scipy_entropy(q))
    assert entropy(q, base=2) == pytest.approx(scipy_entropy(q, base=2))
    assert kl_divergence(q, other) == pytest.approx(scipy_entropy(q, other))
    assert cross_entropy(q, other) == pytest.approx(scipy_entropy(q) + scipy_entropy(q, other))
    assert story.other != pytest.approx(q)
    assert story.cross_entropy_other > story.entropy_q


def test_the_flat_slide_shrinks_the_kl_gap_to_zero(story):
    path = story.flat_path
    assert path.gap[0] == pytest.approx(story.kl_other)
    assert path.gap[-1] == 0.0
    assert all(a >= b for a, b in itertools.pairwise(path.gap))
    for c, mean, gap, losses in zip(path.c, path.mean_loss, path.gap, path.losses, strict=True):
        assert mean - story.entropy_q == pytest.approx(gap, abs=1e-12)
        assert gap == pytest.approx(scipy_entropy(story.q, (1 - c, c)), abs=1e-12)
        constant = np.full(story.n, c)
        assert mean == pytest.approx(log_loss(story.y, constant, labels=[0, 1]), abs=1e-12)
        np.testing.assert_allclose(losses, -np.log(np.where(np.array(story.y) == 1, c, 1 - c)), atol=1e-12)


def test_trajectory_starts_at_zero_and_ends_on_sklearn_fit(story):
    data = default_dataset()
    path = fit_trajectory(data.x, data.y, steps=30)
    assert len(path) == 30
    assert path.w[0] == 0.0 and path.b[0] == 0.0
    assert path.loss[0] == pytest.approx(math.log(2))
    assert abs(path.w[-1] - story.w) < 1e-9 and abs(path.b[-1] - story.b) < 1e-9
    assert path.loss[-1] == pytest.approx(story.mean_loss, abs=1e-12)
    # The live counter never ticks up. (The path optimises the regularised objective, so the plain
    # log loss may dip a hair below its final value near the end, far below display precision.)
    shown = [float(fmt(loss)) for loss in path.loss]
    assert shown == sorted(shown, reverse=True)
    assert path.loss[0] - path.loss[-1] > 0.3


# The article's path to the optimum (step: w, b, mean loss), pinned: Newton's method is
# affine-invariant, so computing it in standardised x must not move it beyond rounding.
ARTICLE_PATH = {
    1: (0.16435529666134766, 0.10879638006553645, 0.5701270141341506),
    3: (0.4103688864555569, 0.2672100185534302, 0.44961239202291436),
    10: (0.8877048153157345, 0.5909145406503057, 0.3421237752239796),
    25: (0.9714872144033984, 0.6551849210495715, 0.33295490850460935),
    39: (0.9719344751851489, 0.6555359451636958, 0.33291140995039037),
}


def test_article_trajectory_unchanged():
    data = default_dataset()
    path = fit_trajectory(data.x, data.y, steps=40)
    for step, (w, b, loss) in ARTICLE_PATH.items():
        assert (path.w[step], path.b[step], path.loss[step]) == pytest.approx((w, b, loss), rel=1e-9, abs=1e-12)


def large_offset(offset: float, spread: float, n: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """n points at offset + [0, spread], classes mixed (not separable), like timestamps."""
    x = offset + spread * np.linspace(0.0, 1.0, n)
    y = (np.arange(n) >= n // 2).astype(int)
    y[1], y[-2] = 1, 0
    return x, y


@pytest.mark.parametrize(("offset", "spread"), [(1.7e9, 150.0), (1e8, 1.0), (1e8, 10.0), (1e12, 100.0), (-3e10, 50.0)])
def test_large_offset_walks_through_to_sklearn_fit(offset, spread):
    x, y = large_offset(offset, spread)
    story = walkthrough(Dataset(x, y))
    fit = fit_logistic(x, y)
    assert (story.w, story.b) == (fit.w, fit.b)
    assert (story.trajectory.w[-1], story.trajectory.b[-1]) == (fit.w, fit.b)
    assert story.trajectory.w[0] == 0.0 and story.trajectory.b[0] == 0.0
    assert np.all(np.isfinite(story.trajectory.loss))
    assert story.trajectory.loss[-1] == pytest.approx(story.mean_loss, rel=1e-9)
    # The live loss only falls on the way to the fit (it used to fall towards the optimum, then
    # climb back to scikit-learn's near-constant fit), but for the noise of w x + b at this offset
    # (x near 1e12: the last bits of w x are 1e-6 of the loss's argument); the readout never ticks up.
    assert np.diff(story.trajectory.loss).max() <= 1e-6
    shown = [float(fmt(loss)) for loss in story.trajectory.loss]
    assert shown == sorted(shown, reverse=True)


def test_clipping_keeps_losses_finite():
    y = np.array([1, 0, 1, 0])
    p = np.array([0.0, 1.0, 1.0, 0.0])
    losses = point_losses(y, p)
    assert np.all(np.isfinite(losses))
    assert losses[0] == pytest.approx(-math.log(CLIP_EPS))
    assert losses[2] == pytest.approx(-math.log1p(-CLIP_EPS))
    assert binary_cross_entropy(y, p) == pytest.approx(log_loss(y, np.clip(p, CLIP_EPS, 1 - CLIP_EPS)))


def test_prob_true_class_and_label_distribution():
    np.testing.assert_allclose(prob_true_class(np.array([1, 0]), np.array([0.8, 0.8])), [0.8, 0.2])
    assert label_distribution([0, 1, 1, 1]) == (0.25, 0.75)


@pytest.mark.parametrize("bad", [[0.5, 0.6], [-0.1, 1.1], [float("nan"), 1.0], []])
def test_distributions_are_validated(bad):
    with pytest.raises(ValueError):
        entropy(bad)


def test_fmt():
    assert fmt(0.332940) == "0.3329"
    assert fmt(-0.00001) == "0.0000"
    assert fmt(-2.0, 1) == "-2.0"
    assert fmt(4.60517, 1) == "4.6"


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(-2.2, 4.6, (-3.0, 5.0, 1.0)), (1000.0, 3500.0, (500.0, 4000.0, 500.0)), (2.0, 2.0, (0.5, 3.5, 0.5))],
)
def test_nice_range(low, high, expected):
    assert nice_range(low, high) == pytest.approx(expected)


@pytest.mark.parametrize(("span", "step"), [(8e-5, 1e-5), (6.1e-5, 1e-5), (0.4, 0.05), (8.0, 1.0), (1900.0, 500.0)])
def test_nice_step_is_the_float_nearest_its_decimal(span, step):
    assert nice_step(span) == step  # not 9.999999999999999e-06: labels print its digits


@pytest.mark.parametrize(
    ("low", "high"),
    [(1e15, 1e15 + 0.125), (-1e15, -1e15 + 1), (1.7e9, 1.7e9 + 1e-6), (369570737751615.5, 369570737751616.5)],
)
def test_nice_range_far_from_zero_has_distinct_ticks(low, high):
    start, end, step = nice_range(low, high)
    assert start < low and high < end
    ticks = [start + i * step for i in range(round((end - start) / step) + 1)]
    assert 3 <= len(ticks) <= 11
    assert all(b - a > 0.5 * step for a, b in itertools.pairwise(ticks))


@pytest.mark.parametrize(
    ("value_range", "labels"),
    [
        ((-3.0, 5.0, 1.0), ("-3", "-2", "-1", "0", "1", "2", "3", "4", "5")),
        ((1000.0, 3500.0, 500.0), ("1000", "1500", "2000", "2500", "3000", "3500")),
        ((-45.0, -15.0, 5.0), ("-45", "-40", "-35", "-30", "-25", "-20", "-15")),
        ((0.5, 3.5, 0.5), ("0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5")),
        ((-0.002, 0.012, 0.002), ("-0.002", "0.000", "0.002", "0.004", "0.006", "0.008", "0.010", "0.012")),
    ],
)
def test_ordinary_axis_ticks_are_plain(value_range, labels):
    ticks = axis_ticks(value_range)
    assert ticks.labels == labels
    assert ticks.note == "" and ticks.offset == 0.0 and ticks.power == 0
    assert ticks.positions == pytest.approx([float(label) for label in labels])


def test_default_story_ticks_unchanged(story):
    assert story.x_range == (-3.0, 5.0, 1.0)
    assert story.x_ticks.labels == tuple(str(v) for v in range(-3, 6)) and story.x_ticks.note == ""


@pytest.mark.parametrize(
    ("low", "high", "note"),
    [
        (1.7e9, 1.7e9 + 150, "+1.7\u00d710\u2079"),  # timestamps
        (-1.7e9 - 150, -1.7e9, "-1.7\u00d710\u2079"),
        (1e6, 1e6 + 10, "+10\u2076"),
        (1e14, 1e14 + 100, "+10\u00b9\u2074"),
        (1712345678.0, 1712345828.0, "+1.712346\u00d710\u2079"),
        (1e6, 8e6, "\u00d710\u2076"),
        (0.0, 1e14, "\u00d710\u00b9\u2074"),
        (-1e15, 1e15, "\u00d710\u00b9\u2075"),
        (1.2e-7, 8.8e-7, "\u00d710\u207b\u2077"),
        (1.7e9, 1.7e9 + 1.5e6, "\u00d710\u2076 +1.7\u00d710\u2079"),
        (1e15, 1e15, "\u00d710\u00b9\u2075"),
        (-3.0517578125e-05, 3.0517578125e-05, "\u00d710\u207b\u2075"),
    ],
)
def test_long_tick_labels_become_relative(low, high, note):
    value_range = nice_range(low, high)
    ticks = axis_ticks(value_range)
    assert ticks.note == note
    assert all(len(label) <= 6 for label in ticks.labels)
    assert len(set(ticks.labels)) == len(ticks.labels)
    # What the note says: tick = label x 10^power + offset.
    step = value_range[2]
    for position, label in zip(ticks.positions, ticks.labels, strict=True):
        assert float(label) * 10.0**ticks.power + ticks.offset == pytest.approx(position, abs=step * 1e-6)


def test_large_offset_story_exposes_its_ticks():
    x, y = large_offset(1.7e9, 150.0)
    story = walkthrough(Dataset(x, y))
    assert story.x_ticks.note == "+1.7\u00d710\u2079"
    assert story.x_ticks.labels == ("-20", "0", "20", "40", "60", "80", "100", "120", "140", "160")


def test_a_guess_missing_an_outcome_costs_infinity():
    assert cross_entropy((0.5, 0.5), (1.0, 0.0)) == math.inf
    assert kl_divergence((0.5, 0.5), (1.0, 0.0)) == math.inf
    assert cross_entropy((0.0, 1.0), (1.0, 0.0)) == math.inf
    assert cross_entropy((1.0, 0.0), (1.0, 0.0)) == 0.0


# Part III: the ladder of models, the flat model, the entropy curve and the likelihood.


def test_ladder_values(story):
    assert story.flat_even_loss == pytest.approx(math.log(2), abs=1e-12)
    assert story.flat_even_loss == pytest.approx(0.6931, abs=5e-5)
    assert story.flat_rate_loss == pytest.approx(0.6109, abs=5e-5)
    assert story.flat_rate_loss == pytest.approx(story.entropy_q, abs=1e-12)
    assert story.unpenalised_loss == pytest.approx(0.3052, abs=5e-5)
    assert story.unpenalised_w == pytest.approx(1.6424, abs=5e-5)
    assert story.unpenalised_b == pytest.approx(0.8028, abs=5e-5)
    assert story.ladder == (story.flat_even_loss, story.flat_rate_loss, story.mean_loss, story.unpenalised_loss)
    assert [fmt(v) for v in story.ladder] == ["0.6931", "0.6109", "0.3329", "0.3052"]
    assert not story.separable


def test_flat_losses_per_point():
    y = np.array([1, 0, 1, 1])
    np.testing.assert_allclose(flat_losses(y, 0.7), [-math.log(0.7), -math.log(0.3), -math.log(0.7), -math.log(0.7)])
    assert flat_mean_loss(y, 0.7) == pytest.approx((3 * -math.log(0.7) - math.log(0.3)) / 4)
    # c = 0 rules green out: clipped like every loss, not infinite.
    assert flat_losses(y, 0.0)[0] == pytest.approx(-math.log(CLIP_EPS))
    assert flat_losses(y, 0.0)[1] == pytest.approx(0.0, abs=1e-14)


@pytest.mark.parametrize("c", [-0.1, 1.5, float("nan")])
def test_flat_model_needs_a_probability(c):
    with pytest.raises(ValueError):
        flat_losses(np.array([0, 1]), c)


@pytest.mark.parametrize("c", [0.05, 0.3, 0.5, 0.7, 0.99])
def test_flat_mean_loss_matches_sklearn_and_cross_entropy(c):
    y = default_dataset().y
    assert flat_mean_loss(y, c) == pytest.approx(log_loss(y, np.full(len(y), c), labels=[0, 1]), abs=1e-12)
    assert flat_mean_loss(y, c) == pytest.approx(cross_entropy(label_distribution(y), (1 - c, c)), abs=1e-12)


def test_best_flat_model_is_the_class_rate_and_costs_the_entropy():
    y = default_dataset().y
    best = minimize_scalar(lambda c: flat_mean_loss(y, c), bounds=(1e-6, 1 - 1e-6), method="bounded")
    assert best.x == pytest.approx(0.7, abs=1e-4)
    assert best.fun == pytest.approx(scipy_entropy([0.3, 0.7]), abs=1e-9)
    assert flat_mean_loss(y, 0.7) == pytest.approx(0.6109, abs=5e-5)


def test_flat_path_slides_from_coin_flip_to_class_rate(story):
    path = story.flat_path
    assert path.c[0] == 0.5 and path.c[-1] == story.q[1]
    assert path.mean_loss[0] == pytest.approx(story.flat_even_loss, abs=1e-12)
    assert path.mean_loss[-1] == pytest.approx(story.flat_rate_loss, abs=1e-12)
    assert path.gap[-1] == 0.0
    assert path.gap[0] == pytest.approx(math.log(2) - story.entropy_q, abs=1e-12)
    np.testing.assert_allclose(path.gap, path.mean_loss - story.entropy_q, atol=1e-12)
    assert np.all(np.diff(path.mean_loss) < 0) and np.all(np.diff(path.gap) < 0)
    assert max(np.diff(path.c)) <= 1 / 240  # small steps: the slide of kl_divergence looks continuous


def test_with_even_labels_the_flat_slide_starts_lopsided():
    story = walkthrough(Dataset(np.array([-1.0, 0.0, 1.0, 2.0]), np.array([0, 1, 0, 1])))
    assert story.q == (0.5, 0.5)
    assert story.flat_even_loss == pytest.approx(story.flat_rate_loss, abs=1e-15)
    # The slide starts from the lopsided guess instead, so kl_divergence still has a gap to close.
    assert story.flat_path.c[0] == 0.8 and story.flat_path.gap[0] > 0 and story.flat_path.gap[-1] == 0.0


def test_flat_path_needs_two_steps():
    with pytest.raises(ValueError):
        flat_path(np.array([0, 1]), 0.5, 1)


def test_binary_entropy_values_and_scipy():
    assert binary_entropy(0.0) == 0.0 and binary_entropy(1.0) == 0.0
    assert binary_entropy(0.5) == pytest.approx(math.log(2), abs=1e-15)
    assert binary_entropy(0.5, base=2) == pytest.approx(1.0, abs=1e-15)
    c = np.array([0.01, 0.2, 0.3, 0.7, 0.95])
    np.testing.assert_allclose(binary_entropy(c), [scipy_entropy([1 - v, v]) for v in c], atol=1e-12)
    assert binary_entropy(0.7) == pytest.approx(0.6109, abs=5e-5)


@pytest.mark.parametrize("bad", [-0.01, 1.01, float("nan")])
def test_binary_entropy_rejects_non_probabilities(bad):
    with pytest.raises(ValueError):
        binary_entropy(np.array([0.5, bad]))


def test_entropy_curve(story):
    c, h = binary_entropy_curve(5)
    np.testing.assert_allclose(c, [0.0, 0.25, 0.5, 0.75, 1.0])
    assert h[0] == 0.0 and h[-1] == 0.0 and h[2] == pytest.approx(math.log(2))
    assert h[1] == pytest.approx(h[3])
    curve = story.entropy_curve
    assert curve[0] == (0.0, 0.0) and curve[-1] == (1.0, 0.0)
    assert max(curve, key=lambda point: point[1]) == (0.5, pytest.approx(story.entropy_even))
    assert all(0.0 <= h <= math.log(2) for _, h in curve)
    with pytest.raises(ValueError):
        binary_entropy_curve(1)


def test_likelihood_values(story):
    assert story.likelihood == pytest.approx(0.0358, abs=5e-5)
    assert story.likelihood == pytest.approx(float(np.prod(story.prob_true_class)), rel=1e-12)
    assert story.neg_log_likelihood == pytest.approx(3.3291, abs=5e-5)
    assert story.neg_log_likelihood == pytest.approx(story.n * story.mean_loss, rel=1e-12)
    assert story.neg_log_likelihood == pytest.approx(story.positive_loss_sum + story.negative_loss_sum, rel=1e-12)
    assert story.neg_log_likelihood == pytest.approx(-math.log(story.likelihood), rel=1e-12)
    assert fmt(story.positive_loss_sum) == "1.5172" and fmt(story.negative_loss_sum) == "1.8119"
    assert len(story.likelihood_partials) == story.n
    assert story.likelihood_partials[-1] == pytest.approx(story.likelihood, rel=1e-12)
    assert all(a >= b for a, b in itertools.pairwise(story.likelihood_partials))


def test_likelihood_partials_go_left_to_right():
    data = default_dataset()
    order = np.array([7, 2, 9, 0, 5, 3, 8, 1, 6, 4])  # the article's points, shuffled
    story = walkthrough(Dataset(data.x[order], data.y[order]))
    left_to_right = np.array(story.prob_true_class)[list(story.order_by_x)]
    assert story.order_by_x[0] == 3  # x = -2.2 is now the fourth point
    np.testing.assert_allclose(story.likelihood_partials, np.cumprod(left_to_right), rtol=1e-12)
    assert story.likelihood_partials[0] == pytest.approx(EXPECTED_TRUE[0], abs=5e-5)
    assert story.likelihood == pytest.approx(0.0358, abs=5e-5)


def test_likelihood_functions():
    p = np.array([0.5, 0.8, 0.25])
    assert likelihood(p) == pytest.approx(0.1)
    np.testing.assert_allclose(likelihood_partial_products(p), [0.5, 0.4, 0.1])
    assert log_likelihood(p) == pytest.approx(math.log(0.1))
    assert log_likelihood(np.array([0.5, 0.0])) == -math.inf
    with pytest.raises(ValueError):
        likelihood(np.array([0.5, 1.2]))


def test_likelihood_underflows_but_its_log_does_not():
    # MAX_POINTS points, each confidently wrong (clipped): the product is below the smallest float.
    p = np.full(40, CLIP_EPS)
    assert likelihood(p) == 0.0
    assert likelihood_partial_products(p)[-1] == 0.0
    assert log_likelihood(p) == pytest.approx(40 * math.log(CLIP_EPS))
    assert math.isfinite(log_likelihood(p))
    # 20 such points still multiply to a normal float.
    assert likelihood(p[:20]) == pytest.approx(math.exp(log_likelihood(p[:20])), rel=1e-9)


def _exact_unpenalised_optimum(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """(w, b) minimising the mean log loss, by scipy to a tight tolerance."""

    def loss(theta):
        z = theta[0] * x + theta[1]
        return float(np.mean(np.where(y == 1, np.logaddexp(0, -z), np.logaddexp(0, z))))

    return minimize(loss, np.zeros(2), method="BFGS", options={"gtol": 1e-10}).x


def test_unpenalised_fit_matches_sklearn_and_scipy():
    data = default_dataset()
    with warnings.catch_warnings():
        # The spelling of "no penalty" must be the current one: no deprecation, no "C is ignored".
        warnings.simplefilter("error", FutureWarning)
        warnings.simplefilter("error", DeprecationWarning)
        warnings.simplefilter("error", UserWarning)
        fit = fit_logistic_unpenalised(data.x, data.y)
        readers = LogisticRegression(C=np.inf).fit(data.x.reshape(-1, 1), data.y)
    # The optimum, to every digit the video shows; lbfgs at its default tol stops short of it.
    exact = _exact_unpenalised_optimum(data.x, data.y)
    assert (fit.w, fit.b) == pytest.approx(tuple(exact), abs=1e-6)
    assert (fmt(fit.w), fmt(fit.b)) == ("1.6424", "0.8028")
    assert fmt(readers.coef_[0, 0]) != fmt(fit.w)
    loss = binary_cross_entropy(data.y, fit.predict_proba(data.x))
    assert loss <= log_loss(data.y, readers.predict_proba(data.x.reshape(-1, 1))[:, 1])
    assert loss == pytest.approx(0.30516, abs=5e-6)
    assert loss == pytest.approx(0.3052, abs=5e-5)
    assert loss < binary_cross_entropy(data.y, fit_logistic(data.x, data.y).predict_proba(data.x))


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ([0.0, 500.0, 1000.0], [0, 1, 1]),  # separable, widely spread: C=inf stops above the default fit
        (1.7e9 + np.array([0.0, 50.0, 100.0]), [0, 1, 1]),  # far from 0: both nearly flat, an ulp apart
    ],
)
def test_unpenalised_fit_falls_back_rather_than_cost_more(x, y):
    x, y = np.asarray(x), np.array(y)
    readers = LogisticRegression(C=np.inf).fit(x.reshape(-1, 1), y)
    default = fit_logistic(x, y)
    readers_fit = LogisticFit(w=float(readers.coef_[0, 0]), b=float(readers.intercept_[0]))
    # The case in point: C=np.inf as readers run it costs more than the default fit.
    assert binary_cross_entropy(y, readers_fit.predict_proba(x)) > binary_cross_entropy(y, default.predict_proba(x))
    assert fit_logistic_unpenalised(x, y) == default
    story = walkthrough(Dataset(x, y))
    assert story.unpenalised_loss == story.mean_loss


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ([-1.0, 1.0], [0, 1]),
        ([0.5, 1.5, 3.0], [0, 1, 1]),
        ([1200.0, 1500, 1750, 2100, 2500, 3100], [0, 0, 1, 1, 1, 1]),
        ([3.0, 2.0, 1.0, -1.0], [0, 0, 1, 1]),  # green on the left: w < 0
    ],
)
def test_unpenalised_fit_on_separable_data_stops_finite(x, y):
    x, y = np.array(x), np.array(y)
    assert is_separable(x, y)
    fit = fit_logistic_unpenalised(x, y)
    assert math.isfinite(fit.w) and math.isfinite(fit.b)
    assert fit_logistic_unpenalised(x, y) == fit  # deterministic
    penalised = fit_logistic(x, y)
    loss = binary_cross_entropy(y, fit.predict_proba(x))
    assert loss <= binary_cross_entropy(y, penalised.predict_proba(x))
    assert abs(fit.w) >= abs(penalised.w)  # no penalty holds it back: at least as steep
    assert np.all((fit.predict_proba(x) > 0.5) == (y == 1))  # every point on its side
    assert loss < 1e-3


def test_separable_story():
    story = walkthrough(Dataset(np.array([-1.0, 0.0, 2.0, 3.0]), np.array([0, 0, 1, 1])))
    assert story.separable
    assert story.unpenalised_loss <= story.mean_loss
    assert math.isfinite(story.unpenalised_w)


@pytest.mark.parametrize(
    ("x", "y", "separable"),
    [
        ([0.0, 1.0, 2.0], [0, 1, 1], True),
        ([0.0, 1.0, 2.0], [1, 0, 0], True),
        ([0.0, 1.0, 2.0], [0, 1, 0], False),
        ([1.0, 1.0], [0, 1], False),  # same x, different labels: no threshold splits them
    ],
)
def test_is_separable(x, y, separable):
    assert is_separable(np.array(x), np.array(y)) is separable


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ([0.0, 7.235106956877273e-307], [1, 0]),  # squares of the spread 0: "all equal", u = +-3.6e-307
        ([0.0, 5e-324], [0, 1]),  # the smallest subnormal: w = v / scale would be infinite
        ([0.0, 1e-160, 0.0], [0, 1, 1]),  # squares subnormal: the Hessian lost x
        ([1e-140, 1e-140 + 3e-155, 1e-140 - 5e-155], [1, 0, 0]),  # 8e-155 apart at 1e-140
    ],
)
def test_x_spanning_less_than_min_span_are_one_place_to_the_fit(x, y):
    """Such x are as if every x were the same: w has no say (the default fit: w = 0, the class rate),
    no threshold passes between them, and without the penalty the fit is the same one."""
    x, y = np.array(x), np.array(y)
    assert np.ptp(x) < MIN_SPAN
    rate = label_distribution(y)[1]
    fit = fit_logistic(x, y)
    assert fit.w == 0.0 and fit.b == pytest.approx(math.log(rate / (1 - rate)), abs=1e-15)
    assert not is_separable(x, y) and not has_finite_optimum(x, y)
    assert fit_logistic_unpenalised(x, y) == fit
    story = walkthrough(Dataset(x, y))
    assert not story.separable and (story.unpenalised_w, story.unpenalised_b) == (story.w, story.b)
    assert story.mean_loss == pytest.approx(story.flat_rate_loss, abs=1e-15)
    assert story.mean_loss == story.unpenalised_loss
    assert np.all(np.isfinite(story.trajectory.loss)) and np.all(np.isfinite(story.unpenalising.loss))


def test_from_min_span_on_the_fit_tells_x_apart_and_scales_with_them():
    """x spanning 2^-490 (3e-148, just above MIN_SPAN) are what 0, 1, 2 are, scaled by a power of two
    (exactly, in doubles): the same Newton steps in standardised x, so the unpenalised fit's w is
    2^490 times steeper to the bit, and the separable case is separable."""
    tiny = 2.0**-490
    assert tiny > MIN_SPAN
    y = np.array([0, 1, 0])
    wide, narrow = (
        fit_logistic_unpenalised(np.array([0.0, 1.0, 2.0]), y),
        fit_logistic_unpenalised(tiny * np.array([0.0, 1.0, 2.0]), y),
    )
    assert (narrow.w, narrow.b) == (wide.w / tiny, wide.b)
    assert is_separable(np.array([0.0, tiny]), np.array([0, 1]))
    assert not has_finite_optimum(np.array([0.0, tiny]), np.array([0, 1]))


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ([3.0, 0.0, -1.4, 0.5, -1.4, 1.0], [0, 1, 1, 1, 1, 1]),  # stopped at w = -1.00163489702 (-1.00163490694)
        ([0.0, 0.0, 1.0], [0, 1, 1]),  # the lab stopped at w = 0.29102681780 (0.29102681784)
    ],
)
def test_a_newton_step_below_the_objectives_rounding_is_taken_whole(x, y):
    """Near the minimum a step promises less than an ulp of the objective: the Armijo test, seeing
    the objective an ulp higher, halved it again and again, and the steps, too small to go on, stopped
    short. Taken whole, the fit is scikit-learn's run to the end, to its last bits."""
    x, y = np.array(x), np.array(y)
    model = converged_sklearn(x, y)
    fit = fit_logistic(x, y)
    assert fit.w == pytest.approx(model.coef_[0, 0], rel=1e-14)
    assert fit.b == pytest.approx(model.intercept_[0], rel=1e-14)


def test_is_separable_needs_both_classes():
    with pytest.raises(ValueError):
        is_separable(np.array([0.0, 1.0]), np.array([1, 1]))


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.0358, "0.0358"), (5e-5, "0.0001"), (4.9e-5, "4.90×10⁻⁵"), (3.5812e-12, "3.58×10⁻¹²"), (0.0, "0.0000")],
)
def test_a_tiny_value_keeps_three_digits_and_a_power_of_ten(value, text):
    assert fmt_small(value) == text


# -- the numbers as shown (bce_math/shown.py): every relation stated holds for the digits shown --------


def test_the_storys_relations_hold_for_the_digits_shown(story):
    """The slips a careful student found, each redone with the digits on screen."""
    shown = story.shown
    worst = story.worst_point
    assert fmt(story.prob_true_class[worst]) == "0.2994"
    assert fmt(shown.losses[worst]) == "1.2060" == f"{-math.log(0.2994):.4f}"  # not -ln of the unrounded p
    assert fmt(shown.losses[1]) == f"{-math.log(float(fmt(story.prob_true_class[1]))):.4f}"
    green = [fmt(v) for v, label in zip(shown.losses, story.y, strict=True) if label == 1]
    assert fmt(shown.positive_loss_sum) == f"{sum(Decimal(v) for v in green):.4f}" == "1.5173"
    assert fmt(shown.kl_other) == "0.0822" == f"{Decimal('0.6931') - Decimal('0.6109'):.4f}"
    assert fmt(shown.gain_from_x) == "0.2780" == f"{Decimal('0.6109') - Decimal(fmt(story.mean_loss)):.4f}"
    likelihood = fmt(shown.likelihood_partials[-1], shown.likelihood_decimals)
    assert shown.likelihood_is_exact and f"{-math.log(float(likelihood)):.4f}" == fmt(shown.loss_sum) == "3.3294"
    assert shown.fold_is_exact and fmt(float(Decimal(fmt(shown.loss_sum)) / 10)) == fmt(story.mean_loss)


def test_the_replay_runs_from_the_best_flat_line_to_the_fit_then_on_without_the_penalty():
    data = default_dataset()
    story = walkthrough(data)
    replay, free = story.replay, story.unpenalising
    # Starts on the flat line P(green) = q(1): w = 0, its mean loss H(q) (scipy).
    assert replay.w[0] == 0.0 and replay.loss[0] == pytest.approx(scipy_entropy(story.q))
    fit = converged_sklearn(data.x, data.y)
    assert (replay.w[-1], replay.b[-1]) == pytest.approx((fit.coef_[0, 0], fit.intercept_[0]), abs=1e-6)
    unpenalised = LogisticRegression(C=np.inf).fit(data.x.reshape(-1, 1), data.y)
    assert free.loss[-1] == pytest.approx(log_loss(data.y, unpenalised.predict_proba(data.x.reshape(-1, 1))), abs=1e-6)
    assert (free.w[0], free.b[0]) == (replay.w[-1], replay.b[-1])  # nothing jumps between the legs
    # Minimising: each step's loss no higher than the last (to float noise), w growing without the penalty.
    assert np.all(np.diff(replay.loss) <= 1e-9) and np.all(np.diff(free.loss) <= 1e-9)
    assert free.w[-1] > free.w[0]
    # Every step's per-point losses are scikit-learn's for that step's (w, b).
    for path in (replay, free):
        for step in (0, len(path) // 3, len(path) - 1):
            model = LogisticRegression()
            model.classes_, model.coef_, model.intercept_ = (
                np.array([0, 1]),
                np.array([[path.w[step]]]),
                np.array([path.b[step]]),
            )
            prob_green = model.predict_proba(data.x.reshape(-1, 1))[:, 1]
            prob_true = np.where(data.y == 1, prob_green, 1 - prob_green)
            assert path.point_losses[step] == pytest.approx(-np.log(prob_true), rel=1e-9)
            assert path.loss[step] == pytest.approx(log_loss(data.y, prob_green), rel=1e-9)


def test_the_flat_models_loss_over_c_is_scikit_learns_with_its_lowest_point_at_the_class_rate():
    data = default_dataset()
    story = walkthrough(data)
    cs, losses = np.array(story.flat_loss_curve).T
    assert losses == pytest.approx([log_loss(data.y, np.full(len(data.y), c), labels=[0, 1]) for c in cs], rel=1e-12)
    lowest = int(np.argmin(losses))
    assert cs[lowest] == story.q[1] and losses[lowest] == pytest.approx(scipy_entropy(story.q))
    assert cs[0] <= 0.05 and cs[-1] >= 0.95
    # A U: falling to q(1), rising after it.
    assert np.all(np.diff(losses[: lowest + 1]) < 0) and np.all(np.diff(losses[lowest:]) > 0)


def test_each_rung_of_the_ladder_names_the_model_that_costs_it():
    data = default_dataset()
    story = walkthrough(data)
    for (w, b), cost in zip(story.ladder_models, story.ladder, strict=True):
        prob_green = 1 / (1 + np.exp(-(w * data.x + b)))
        assert log_loss(data.y, prob_green) == pytest.approx(cost, rel=1e-6)


def test_the_sliding_flat_model_is_the_c_shown():
    """While c slides, every readout is computed from c as printed (0.5167 gives 0.6803, not 0.6804)."""
    story = walkthrough(default_dataset())
    path = story.flat_path
    for c, mean_loss in zip(path.c, path.mean_loss, strict=True):
        assert fmt(flat_mean_loss(story.y, float(fmt(c)))) == fmt(mean_loss)
    assert path.c[-1] == story.q[1]
