"""bce_math against scikit-learn, scipy and the storyboard's hand-checked values."""

import itertools
import math

import numpy as np
import pytest
from scipy.stats import entropy as scipy_entropy
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from bce_math import (
    CLIP_EPS,
    Dataset,
    axis_ticks,
    binary_cross_entropy,
    cross_entropy,
    default_dataset,
    entropy,
    fit_logistic,
    fit_trajectory,
    fmt,
    kl_divergence,
    label_distribution,
    nice_range,
    nice_step,
    point_losses,
    prob_true_class,
    walkthrough,
)

# The storyboard's table for the article's dataset.
EXPECTED_P = [0.1851, 0.3307, 0.4696, 0.7005, 0.7397, 0.8073, 0.8607, 0.9423, 0.9699, 0.9941]
EXPECTED_TRUE = [0.8149, 0.6693, 0.4696, 0.2995, 0.7397, 0.8073, 0.8607, 0.9423, 0.9699, 0.9941]
EXPECTED_LOSS = [0.2047, 0.4016, 0.7559, 1.2057, 0.3016, 0.2140, 0.1500, 0.0594, 0.0305, 0.0059]


@pytest.fixture(scope="module")
def story():
    return walkthrough(default_dataset())


def test_fit_matches_sklearn():
    data = default_dataset()
    model = LogisticRegression(solver="lbfgs").fit(data.x.reshape(-1, 1), data.y)
    fit = fit_logistic(data.x, data.y)
    assert fit.w == pytest.approx(model.coef_[0, 0], abs=1e-12)
    assert fit.b == pytest.approx(model.intercept_[0], abs=1e-12)
    np.testing.assert_allclose(fit.predict_proba(data.x), model.predict_proba(data.x.reshape(-1, 1))[:, 1], atol=1e-12)


def test_storyboard_values(story):
    assert fmt(story.w) == "0.9716"
    assert fmt(story.b) == "0.6555"
    assert [fmt(p) for p in story.prob_green] == [f"{v:.4f}" for v in EXPECTED_P]
    assert [fmt(p) for p in story.prob_true_class] == [f"{v:.4f}" for v in EXPECTED_TRUE]
    assert [fmt(v) for v in story.losses] == [f"{v:.4f}" for v in EXPECTED_LOSS]
    assert fmt(story.mean_loss) == "0.3329"
    assert story.mean_loss == pytest.approx(0.332940, abs=5e-7)
    assert fmt(story.positive_loss_sum) == "1.5174"
    assert fmt(story.negative_loss_sum) == "1.8120"
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


def test_kl_path_shrinks_to_zero(story):
    kls = story.kl_path_kl
    assert kls[0] == pytest.approx(story.kl_other)
    assert kls[-1] == 0.0
    assert all(a >= b for a, b in itertools.pairwise(kls))
    for green, ce, kl in zip(story.kl_path_prob_green, story.kl_path_cross_entropy, story.kl_path_kl, strict=True):
        assert ce - story.entropy_q == pytest.approx(kl, abs=1e-12)
        assert kl == pytest.approx(scipy_entropy(story.q, (1 - green, green)), abs=1e-12)


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


# The article's path before the optimiser moved to standardised x (step: w, b, mean loss). Newton's
# method is affine-invariant, so the change must not move it beyond rounding.
ARTICLE_PATH = {
    1: (0.1643477597760182, 0.10879548438119134, 0.570131209804621),
    3: (0.41034627579956845, 0.26720733150039494, 0.4496198227986932),
    10: (0.8876294464624399, 0.5909055838068549, 0.3421326125814384),
    25: (0.9712987922701619, 0.655162528940944, 0.3329732443745112),
    39: (0.9716405366573001, 0.6555010134742371, 0.332939988498614),
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
    # climb back to scikit-learn's near-constant fit).
    assert np.diff(story.trajectory.loss).max() <= 1e-9


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
