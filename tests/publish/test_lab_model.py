"""The lab's model (web/lab/model.js, run in Node) against scikit-learn and bce_math: the page and the
video print the same digits for any points the reader can make."""

import itertools
import math
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from sklearn.metrics import log_loss

from bce_math import (
    CLIP_EPS,
    Dataset,
    binary_cross_entropy,
    entropy,
    fit_logistic,
    fit_logistic_unpenalised,
    fmt,
    has_finite_optimum,
    is_separable,
    label_distribution,
    loss_of_shown,
    nice_range,
    point_losses,
    prob_true_class,
    sigmoid,
    walkthrough,
)
from bce_math.model import MIN_SPAN
from tests.oracle import converged_sklearn
from tests.publish.lab_pages import NodeBridge

BRIDGE = Path(__file__).with_name("model_bridge.js")
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js runs the lab's model")


@pytest.fixture(scope="module")
def node():
    bridge = NodeBridge(BRIDGE)
    yield bridge
    bridge.close()


# The lab's rules: 2 to 40 points, both classes, x where a reader can drag them.
points = st.integers(2, 40).flatmap(
    lambda n: st.tuples(
        st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=n, max_size=n),
        st.lists(st.integers(0, 1), min_size=n, max_size=n).filter(lambda ys: 0 < sum(ys) < len(ys)),
    )
)


@settings(max_examples=300, deadline=None)
@given(points)
@example(([-2.2, -1.4, -0.8, 0.2, 0.4, 0.8, 1.2, 2.2, 2.9, 4.6], [0, 0, 1, 0, 1, 1, 1, 1, 1, 1]))
@example(([5.0, 5.0], [0, 1]))  # all x equal
@example(([-1e3, 1e3], [0, 1]))  # separable, at the ends of the axis
# Spread's squares subnormal: 1 / scale^2 was infinite, the lab's Newton step NaN, and it stayed at
# w = b = 0 (mean 0.6931, not 0.6365); x spanning less than MIN_SPAN are one place to both fits.
@example(([0.0, 1e-160, 0.0], [0, 1, 1]))
@example(([0.0, 7.235106956877273e-307], [1, 0]))
def test_the_labs_fit_is_scikit_learns_and_prints_bce_maths_digits(node, data):
    xs, ys = data
    lab = node.ask(op="story", xs=xs, ys=ys)
    model = converged_sklearn(xs, ys)
    x, y = np.asarray(xs), np.asarray(ys)
    p_green = model.predict_proba(x.reshape(-1, 1))[:, 1]
    assert lab["w"] == pytest.approx(model.coef_[0, 0], abs=1e-6, rel=1e-6)
    assert lab["b"] == pytest.approx(model.intercept_[0], abs=1e-6, rel=1e-6)
    assert np.allclose(lab["probGreen"], p_green, atol=1e-6)
    assert np.allclose(lab["losses"], -np.log(np.where(y == 1, p_green, 1 - p_green)), atol=1e-6, rtol=1e-6)
    assert lab["meanLoss"] == pytest.approx(log_loss(y, p_green, labels=[0, 1]), abs=1e-6, rel=1e-6)
    assert lab["entropyQ"] == pytest.approx(-sum(q * math.log(q) for q in label_distribution(y)), abs=1e-12)
    # Every printed digit as the video prints it: bce_math's fit, losses and fmt.
    fit = fit_logistic(x, y)
    ours = fit.predict_proba(x)
    shown = node.ask(
        op="fmt",
        values=[
            lab["w"],
            lab["b"],
            *lab["probGreen"],
            *lab["probTrueClass"],
            *lab["losses"],
            lab["meanLoss"],
            lab["entropyQ"],
        ],
        digits=4,
    )
    expected = [
        fit.w,
        fit.b,
        *ours,
        *prob_true_class(y, ours),
        *point_losses(y, ours),
        point_losses(y, ours).mean(),
        entropy(label_distribution(y)),
    ]
    assert shown == [fmt(value) for value in expected]
    # The table's losses: -ln of P(true) as shown, as the video's loss bars (bce_math/shown.py).
    assert [fmt(v) for v in lab["shownLosses"]] == [fmt(loss_of_shown(p)) for p in prob_true_class(y, ours)]


@pytest.mark.parametrize(
    ("xs", "ys"),
    [
        ([-2.2, -1.4, -0.8, 0.2, 0.4, 0.8, 1.2, 2.2, 2.9, 4.6], [0, 0, 1, 0, 1, 1, 1, 1, 1, 1]),
        ([0.0, 0.0, 1.0], [0, 1, 1]),  # the lab's line search stopped at w = 0.29102681780 (0.29102681784)
        ([3.0, 0.0, -1.4, 0.5, -1.4, 1.0], [0, 1, 1, 1, 1, 1]),  # bce_math's at -1.00163489702 (-1.00163490694)
    ],
)
def test_the_labs_fit_is_bce_maths_to_the_newton_tolerance(node, xs, ys):
    """Both take Newton's steps until one is under NEWTON_TOLERANCE (1e-13) of the parameters, a step
    too small to promise a decrease the objective's doubles can show taken whole: on points this
    well conditioned they end within that of each other (the sums' orders differ, numpy's pairwise
    and the page's left to right, by ulps), not where a line search gave up."""
    fit, lab = fit_logistic(np.asarray(xs), np.asarray(ys)), node.ask(op="story", xs=xs, ys=ys)
    assert lab["w"] == pytest.approx(fit.w, rel=1e-13) and lab["b"] == pytest.approx(fit.b, rel=1e-13)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=20), st.integers(0, 6))
@example([0.03125, -0.03125, 2.5, 0.5, -0.00001, 1e-300, 0.0, -0.0], 4)  # exact ties go to even; no "-0"
@example([0.125, 0.375, 2.5, 3.5], 2)
def test_the_labs_numbers_are_written_as_bce_math_writes_them(node, values, digits):
    assert node.ask(op="fmt", values=values, digits=digits) == [fmt(value, digits) for value in values]


# ---- The optimiser (web/lab/optimiser.js): the learner holds the model, Fit takes it from there. ----


def domain_of(xs) -> list[float]:
    """The lab's x axis for these points (scenes/publish/page.py: the walkthrough's x_range)."""
    start, end, _ = nice_range(min(xs), max(xs))
    return [start, end]


def sigmoid_model(x, w: float, b: float) -> np.ndarray:
    return sigmoid(w * np.asarray(x, dtype=float) + b)


held_models = st.tuples(st.floats(-50, 50, allow_nan=False), st.floats(-500, 500, allow_nan=False))


@settings(max_examples=300, deadline=None)
@given(points, held_models)
@example(([-2.2, -1.4, -0.8, 0.2, 0.4, 0.8, 1.2, 2.2, 2.9, 4.6], [0, 0, 1, 0, 1, 1, 1, 1, 1, 1]), (0.0, 0.0))
@example(([-1e3, 1e3], [0, 1]), (-50.0, 500.0))  # every point certain of the wrong class: clipped
@example(([0.0] * 13 + [-236.0, 0.0], [0] * 14 + [1]), (0.9453125, 245.5))  # 1 - p of 1.9e-10: ulps of p
def test_a_held_model_shows_bce_maths_mean_loss_for_it(node, data, model):
    xs, ys = data
    w, b = model
    held = node.ask(op="storyAt", xs=xs, ys=ys, w=w, b=b)
    y, p_green = np.asarray(ys), sigmoid_model(xs, w, b)
    expected, losses, truth = binary_cross_entropy(y, p_green), point_losses(y, p_green), prob_true_class(y, p_green)
    # A red point the model is sure is green: its loss -ln(1 - p) comes from 1 - p, where numpy's and
    # V8's exp (each right to an ulp or so) differ in p's last bits: the loss is known to ulps / (1 - p).
    slack = 1e-9 + 8 * np.finfo(float).eps / np.maximum(np.asarray(truth), CLIP_EPS)
    assert held["w"] == w and held["b"] == b
    assert held["meanLoss"] == pytest.approx(expected, abs=float(slack.mean()), rel=1e-12)
    assert np.all(np.abs(np.asarray(held["losses"]) - losses) <= slack + 1e-12 * losses)
    assert np.allclose(held["probTrueClass"], truth, atol=1e-15, rtol=1e-12)
    values = [(held["meanLoss"], expected, float(slack.mean()))]
    values += zip(held["probTrueClass"], truth, [1e-15] * len(truth), strict=True)
    values += zip(held["losses"], losses, slack, strict=True)
    shown = node.ask(op="fmt", values=[lab for lab, _, _ in values], digits=4)
    for printed, (_, value, known) in zip(shown, values, strict=True):
        # The printed digits are bce_math's, unless the value lies within what is known of it
        # from a rounding boundary: then either neighbour is right.
        assert abs(float(printed) - value) <= known + 0.5e-4 * (1 + 1e-9)
        if fmt(value - known) == fmt(value + known):
            assert printed == fmt(value)
    # The target stays the fit: its rung is the fit's mean loss, the one story() prints.
    fit = node.ask(op="story", xs=xs, ys=ys)
    assert held["ladder"]["fit"] == fit["meanLoss"] and held["fit"]["meanLoss"] == fit["meanLoss"]
    assert (held["fit"]["w"], held["fit"]["b"]) == (fit["w"], fit["b"])


@settings(max_examples=200, deadline=None)
@given(points)
@example(([-2.2, -1.4, -0.8, 0.2, 0.4, 0.8, 1.2, 2.2, 2.9, 4.6], [0, 0, 1, 0, 1, 1, 1, 1, 1, 1]))
@example(([5.0, 5.0], [0, 1]))
def test_the_maps_lowest_point_is_the_fit(node, data):
    xs, ys = data
    fit = node.ask(op="story", xs=xs, ys=ys)
    ranges = node.ask(op="holdRange", xs=xs, ys=ys, domain=domain_of(xs))
    assert ranges["w"][0] < fit["w"] < ranges["w"][1] and ranges["b"][0] < fit["b"] < ranges["b"][1]
    drawn = node.ask(op="lossMap", xs=xs, ys=ys, wRange=ranges["w"])
    spacing = drawn["ws"][1] - drawn["ws"][0]
    # The lowest sample of a convex curve is within one sample of its minimum...
    assert abs(drawn["ws"][drawn["best"]] - fit["w"]) <= spacing * (1 + 1e-9)
    # ... and the minimum, found between its neighbours, is the fit, to every printed digit.
    lowest = drawn["lowest"]
    assert lowest["inside"]
    assert lowest["w"] == pytest.approx(fit["w"], abs=1e-6, rel=1e-6)
    assert node.ask(op="fmt", values=[lowest["w"]], digits=4) == [fmt(fit_logistic(xs, ys).w)]
    x, y = np.asarray(xs, dtype=float), np.asarray(ys)
    cost_of_fit = binary_cross_entropy(y, sigmoid_model(x, fit["w"], fit["b"])) + fit["w"] ** 2 / (2 * len(xs))
    assert lowest["cost"] == pytest.approx(cost_of_fit, abs=1e-9)
    # Every sample is the least cost for its w: no b does better (checked at the fit's b and nearby).
    for w, b, cost in zip(drawn["ws"][::6], drawn["bs"][::6], drawn["costs"][::6], strict=True):
        for shift in (-0.1, 0.1, fit["b"] - b):
            assert cost <= node.ask(op="costAt", xs=xs, ys=ys, w=w, b=b + shift) + 1e-12


@settings(max_examples=200, deadline=None)
@given(points, st.floats(0, 1), st.floats(0, 1))
@example(([-2.2, -1.4, -0.8, 0.2, 0.4, 0.8, 1.2, 2.2, 2.9, 4.6], [0, 0, 1, 0, 1, 1, 1, 1, 1, 1]), 0.0, 0.0)
@example(([-2.2, -1.4, -0.8, 0.2, 0.4, 0.8, 1.2, 2.2, 2.9, 4.6], [0, 0, 1, 0, 1, 1, 1, 1, 1, 1]), 0.0, 1.0)
@example(([999.0, 1000.0, 1000.5], [0, 1, 0]), 0.0, 0.0)  # far from 0: the corner saturates every point
# x in the hundreds: from the corner, Newton ends trading the minimum's last bits
@example(
    ([561.3682819057528, 561.3682819057528, 0.0, 685.5474892966856, 0.0, 685.5474892966856], [0, 0, 0, 0, 1, 0]),
    0.0,
    0.0,
)
def test_fit_from_anywhere_on_the_sliders_ends_at_the_fit(node, data, along_w, along_b):
    xs, ys = data
    ranges = node.ask(op="holdRange", xs=xs, ys=ys, domain=domain_of(xs))
    start = {
        "w": ranges["w"][0] + along_w * (ranges["w"][1] - ranges["w"][0]),
        "b": ranges["b"][0] + along_b * (ranges["b"][1] - ranges["b"][0]),
    }
    fitted = node.ask(op="fitFrom", xs=xs, ys=ys, start=start)
    fit = node.ask(op="story", xs=xs, ys=ys)
    last = fitted["steps"][-1]
    assert fitted["converged"] and not fitted["growing"]
    assert fitted["steps"][0]["w"] == start["w"] and fitted["steps"][0]["b"] == start["b"]
    assert last["w"] == pytest.approx(fit["w"], abs=1e-6, rel=1e-6)
    assert last["b"] == pytest.approx(fit["b"], abs=1e-6, rel=1e-6)
    assert node.ask(op="fmt", values=[last["w"], last["b"], last["meanLoss"]], digits=4) == node.ask(
        op="fmt", values=[fit["w"], fit["b"], fit["meanLoss"]], digits=4
    )
    # Newton's steps never raise what they lower (the mean loss plus the penalty).
    costs = [node.ask(op="costAt", xs=xs, ys=ys, w=s["w"], b=s["b"]) for s in fitted["steps"]]
    assert all(later <= earlier + 1e-12 for earlier, later in itertools.pairwise(costs))


separable = st.integers(2, 40).flatmap(
    lambda n: st.tuples(
        st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=n, max_size=n, unique=True),
        st.integers(1, n - 1),
        st.booleans(),
    )
)


@settings(max_examples=150, deadline=None)
@given(separable)
@example(([-2.2, -1.4, -0.8, 0.2, 0.4, 0.8, 1.2, 2.2, 2.9, 4.6], 3, False))
# Spanning less than MIN_SPAN: one place to the fit (the squares in the spread were 0, so "all x
# equal" with u = +-3.6e-307, and no-penalty Newton found a singular Hessian and took no step).
@example(([0.0, 7.235106956877273e-307], 1, False))
@example(([0.0, 5e-324], 1, True))  # the smallest subnormal: w = v / scale would be infinite
@example(([0.0, 1e-149], 1, True))  # just above MIN_SPAN: two places, w grows past 1e150
@example(([0.0, 4e-221, 1.0], 1, True))  # 0 and 4e-221 one place beside a 1, tied at the cut: still unbounded
def test_without_a_penalty_on_separable_points_w_grows_at_every_step(node, data):
    xs, cut, green_right = data
    xs = sorted(xs)
    ys = [int((i >= cut) == green_right) for i in range(len(xs))]
    x, y = np.asarray(xs), np.asarray(ys)
    # x spanning less than MIN_SPAN are one place to the fit (bce_math/model.py: slopes of 1 / span
    # and the penalty's weight 1 / (C scale^2) would leave doubles): w has no say, as when every x
    # is the same, and the video keeps the fit for "no penalty" too.
    one_place = float(x.max() - x.min()) < MIN_SPAN
    assert not has_finite_optimum(x, y) and not (one_place and is_separable(x, y))
    fit = node.ask(op="story", xs=xs, ys=ys)
    ranges = node.ask(op="holdRange", xs=xs, ys=ys, domain=domain_of(xs))
    for start in ({"w": fit["w"], "b": fit["b"]}, {"w": 0.0, "b": 0.0}):
        fitted = node.ask(op="fitFrom", xs=xs, ys=ys, start=start, c=None)
        means = [s["meanLoss"] for s in fitted["steps"]]
        assert all(later <= earlier for earlier, later in itertools.pairwise(means))
        if one_place:
            # Nothing grows: Fit only puts b at its best (the class rate), w stays where it was.
            assert not fitted["growing"] and {s["w"] for s in fitted["steps"]} == {start["w"]}
            # H(q), the best flat model's, to the rounding of a mean of up to 40 logs (40 ulps of 1).
            assert means[-1] == pytest.approx(entropy(label_distribution(y)), abs=1e-14)
            continue
        assert fitted["growing"] and not fitted["converged"]
        sizes = [abs(s["w"]) for s in fitted["steps"]]
        assert all(later > earlier for earlier, later in itertools.pairwise(sizes)), sizes
    if one_place:
        assert fit["w"] == 0.0 and fit_logistic_unpenalised(x, y) == fit_logistic(x, y)
    drawn = node.ask(op="lossMap", xs=xs, ys=ys, wRange=ranges["w"], c=None)
    assert not drawn["lowest"]["inside"]  # the floor still falls at the range's end: no lowest point


@settings(max_examples=60, deadline=None)
@given(points.filter(lambda data: has_finite_optimum(*map(np.asarray, data))))
@example(([-2.2, -1.4, -0.8, 0.2, 0.4, 0.8, 1.2, 2.2, 2.9, 4.6], [0, 0, 1, 0, 1, 1, 1, 1, 1, 1]))
# x with no say (w = 0 at both optima, a few ulps apart): no mistake grows
@example(([0.0, 0.0, 0.0, 0.0, 1.0, 0.5], [0, 0, 0, 1, 0, 1]))
def test_without_a_penalty_the_mean_falls_and_the_worst_mistakes_grow_as_in_the_video(node, data):
    xs, ys = data
    story = walkthrough(Dataset(np.asarray(xs, dtype=float), np.asarray(ys)))
    assume((story.unpenalised_w, story.unpenalised_b) != (story.w, story.b))  # no gain: the video keeps the fit
    fit = node.ask(op="story", xs=xs, ys=ys)
    fitted = node.ask(op="fitFrom", xs=xs, ys=ys, start={"w": fit["w"], "b": fit["b"]}, c=None)
    assert fitted["converged"] and not fitted["growing"]
    last = fitted["steps"][-1]
    assert last["w"] == pytest.approx(story.unpenalised_w, abs=1e-6, rel=1e-6)
    assert last["meanLoss"] <= fit["meanLoss"] + 1e-12
    after = node.ask(op="storyAt", xs=xs, ys=ys, w=last["w"], b=last["b"])
    assert np.allclose(after["losses"], story.unpenalised_losses, atol=1e-6, rtol=1e-6)
    grown = node.ask(
        op="worsened", fitLosses=fit["losses"], fitProbTrue=fit["probTrueClass"], afterLosses=after["losses"]
    )
    assert tuple(grown) == story.worsened


@pytest.mark.parametrize("ys", [[0, 0, 0, 1, 0, 1], [0, 0, 0, 0, 0, 1]])
def test_an_overlap_only_the_exact_x_have_is_no_overlap_to_either_fit(node, ys):
    """4e-221 beside 0 and 1 is 0 to the fit (centred and scaled): the unpenalised optimum is then
    unbounded for both, and bce_math's walkthrough does not stop on a singular Hessian."""
    xs = [0.0, 0.0, 0.0, 0.0, 1.0, 4.12778964844055e-221]
    assert not has_finite_optimum(np.asarray(xs), np.asarray(ys))
    assert node.ask(op="hasFiniteOptimum", xs=xs, ys=ys) is False
    story = walkthrough(Dataset(np.asarray(xs), np.asarray(ys)))
    assert node.ask(op="fmt", values=[node.ask(op="story", xs=xs, ys=ys)["meanLoss"]], digits=4) == [
        fmt(story.mean_loss)
    ]
