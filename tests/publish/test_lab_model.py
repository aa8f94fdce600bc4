"""The lab's model (web/lab/model.js, run in Node) against scikit-learn and bce_math: the page and the
video print the same digits for any points the reader can make."""

import json
import math
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sklearn.metrics import log_loss

from bce_math import entropy, fit_logistic, fmt, label_distribution, loss_of_shown, point_losses, prob_true_class
from tests.oracle import converged_sklearn

BRIDGE = Path(__file__).with_name("model_bridge.js")
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js runs the lab's model")


class Node:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            ["node", str(BRIDGE)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
        )

    def ask(self, **request):
        self.process.stdin.write(json.dumps(request) + "\n")
        return json.loads(self.process.stdout.readline())


@pytest.fixture(scope="module")
def node():
    bridge = Node()
    yield bridge
    bridge.process.stdin.close()
    bridge.process.wait(timeout=10)


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


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=20), st.integers(0, 6))
@example([0.03125, -0.03125, 2.5, 0.5, -0.00001, 1e-300, 0.0, -0.0], 4)  # exact ties go to even; no "-0"
@example([0.125, 0.375, 2.5, 3.5], 2)
def test_the_labs_numbers_are_written_as_bce_math_writes_them(node, values, digits):
    assert node.ask(op="fmt", values=values, digits=digits) == [fmt(value, digits) for value in values]
