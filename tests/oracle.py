"""What a viewer must see, computed here from scikit-learn and scipy, never read back from bce_math.

The story's numbers on screen are checked against these, and the screen is read as a viewer reads
it: a bar's height against the tick labels of its axis, a point's place against the number line's
labels, a readout's digits beside the curve drawn in the same frame.
"""

from __future__ import annotations

import itertools
import operator
import re
import warnings
from decimal import Decimal

import numpy as np
from manim import Circle, Square
from scipy.stats import entropy as scipy_entropy
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from bce_math import default_dataset
from scenes.stage import palette

NUMBER = re.compile(r"\d+(?:\.\d+)?")


class Oracle:
    """The story's values for one dataset, from the libraries the article uses."""

    def __init__(self, x, y) -> None:
        self.x, self.y = np.asarray(x, dtype=float), np.asarray(y, dtype=int)
        self.model = converged_sklearn(self.x, self.y)
        self.prob_green = self.model.predict_proba(self.x.reshape(-1, 1))[:, 1]
        self.prob_true = np.where(self.y == 1, self.prob_green, 1 - self.prob_green)
        self.losses = -np.log(self.prob_true)
        self.mean_loss = log_loss(self.y, self.prob_green)
        self.q = np.bincount(self.y, minlength=2) / len(self.y)
        self.entropy_q = float(scipy_entropy(self.q))
        # The model that knows nothing: a coin flip, unless the labels are already half and half.
        self.other = np.array([0.2, 0.8]) if np.isclose(self.q[1], 0.5) else np.array([0.5, 0.5])
        self.cross_entropy_other = cross_entropy(self.q, self.other)
        self.by_x = np.argsort(self.x, kind="stable")
        # The ladder: two models that ignore x, the default fit, and the fit with no penalty on w.
        flat = [log_loss(self.y, np.full(len(self.y), c), labels=[0, 1]) for c in (0.5, self.q[1])]
        # Without penalty: solved to convergence where the classes overlap (a finite optimum); where a
        # threshold splits them the optimum is at infinity, and lbfgs stops where readers' run does.
        green, red = self.x[self.y == 1], self.x[self.y == 0]
        if red.max() > green.min() and green.max() > red.min():
            free = converged_sklearn(self.x, self.y, c=np.inf)
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                free = LogisticRegression(C=np.inf).fit(self.x.reshape(-1, 1), self.y)
        self.free_model = free
        self.ladder = [*flat, self.mean_loss, log_loss(self.y, free.predict_proba(self.x.reshape(-1, 1))[:, 1])]
        self.free_w = float(free.coef_[0, 0])
        # What a student computes from the digits on screen, redone here: a loss is -ln of the
        # probability as shown; sums and differences are of the numbers as shown; the likelihood is
        # the product of the bars as shown, with the fewest decimals (4 to 8, else 6) whose -ln
        # rounds to the sum of the shown losses.
        self.shown_losses = np.array([shown_loss(p) for p in self.prob_true])
        self.shown_green = decimal_sum(self.shown_losses[self.y == 1])
        self.shown_red = decimal_sum(self.shown_losses[self.y == 0])
        self.shown_total = decimal_sum(self.shown_losses)
        self.shown_partials = list(
            itertools.accumulate((Decimal(f"{p:.4f}") for p in self.prob_true[self.by_x]), operator.mul)
        )
        fitting = [
            d for d in range(4, 9) if f"{-np.log(float(round(self.shown_partials[-1], d))):.4f}" == self.shown_total
        ]
        self.likelihood_decimals = fitting[0] if fitting else 6
        self.likelihood_is_exact = bool(fitting)

    def green(self, at_x) -> np.ndarray:
        return self.model.predict_proba(np.asarray(at_x, dtype=float).reshape(-1, 1))[:, 1]

    def placeholders(self) -> dict[str, str]:
        """What each caption placeholder must read, formatted here (4 digits unless the storyboard says otherwise)."""
        return {
            "n": str(len(self.y)),
            "n_positive": str(int(self.y.sum())),
            "n_negative": str(int((1 - self.y).sum())),
            "mean_loss": f"{self.mean_loss:.4f}",
            "worst_probability": f"{self.prob_true.min():.4f}",  # the worst guess: least on its true class
            "worst_loss": str(self.shown_losses[np.argmax(self.losses)]),
            "memorable_probability": "0.01",  # the storyboard's confident mistake
            "memorable_loss": f"{-np.log(0.01):.1f}",
            "entropy_q": f"{self.entropy_q:.4f}",
            "other_0": f"{self.other[0]:.2f}",
            "other_1": f"{self.other[1]:.2f}",
            "cross_entropy_other": f"{self.cross_entropy_other:.4f}",
            "class_rate": f"{self.q[1]:.2f}",
            "flat_start": f"{self.other[1]:.2f}",
            "kl_other": difference(self.cross_entropy_other, self.entropy_q),
            "positive_loss_sum": self.shown_green,
            "negative_loss_sum": self.shown_red,
            "mean_prob_green": f"{self.prob_green.mean():.4f}",
            "flat_even_loss": f"{self.ladder[0]:.4f}",
            "unpenalised_loss": f"{self.ladder[3]:.4f}",
            "gain_from_x": difference(self.entropy_q, self.mean_loss),
            "likelihood": tiny(float(self.shown_partials[-1]), self.likelihood_decimals),
            "neg_log_likelihood": self.shown_total,
            "w": f"{self.model.coef_[0, 0]:.4f}",
            "unpenalised_w": f"{self.free_w:.4f}",
            "penalty_divisor": str(2 * len(self.y)),  # C * sum + w^2 / 2 over C * N, for C = 1
            **self.worsened(),
        }

    def worsened(self) -> dict[str, str]:
        """The two worst mistakes (P(true) < 1/2) whose loss grows once the penalty is dropped."""
        free = self.free_model.predict_proba(self.x.reshape(-1, 1))[:, 1]
        free_losses = -np.log(np.where(self.y == 1, free, 1 - free))
        grown = [
            i
            for i in np.argsort(-self.losses, kind="stable")
            if self.prob_true[i] < 0.5 and free_losses[i] > self.losses[i]
        ]
        values = {}
        for rank, i in enumerate(grown[:2]):
            values[f"worse_before_{rank}"] = str(self.shown_losses[i])
            values[f"worse_after_{rank}"] = f"{free_losses[i]:.4f}"
        return values


def converged_sklearn(x, y, c: float = 1.0) -> LogisticRegression:
    """scikit-learn's default model (L2, C = 1), or with no penalty (C = inf), its solver run to
    full convergence: the optimum the video and the lab show."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        model = LogisticRegression(C=c, solver="newton-cholesky", tol=1e-12, max_iter=1000)
        return model.fit(np.asarray(x, dtype=float).reshape(-1, 1), np.asarray(y))


def tiny(value: float, decimals: int = 4) -> str:
    """How the story must write a probability that the decimals would show as 0: 3.58, times, 10 to the -5."""
    if value >= 0.5 * 10.0**-decimals:
        return f"{value:.{decimals}f}"
    mantissa, exponent = f"{value:.2e}".split("e")
    superscript = dict(zip("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹", strict=True))
    return mantissa + "\u00d710" + "".join(superscript[c] for c in str(int(exponent)))


def shown_loss(probability: float) -> str:
    """-ln of the probability as written (4 decimals), written to 4 decimals."""
    written = float(f"{probability:.4f}")
    return f"{-np.log(written if written > 0 else max(probability, 1e-15)):.4f}"


def decimal_sum(written) -> str:
    """The exact sum of numbers as written."""
    return f"{sum((Decimal(str(v)) for v in written), Decimal(0)):.4f}"


def difference(a: float, b: float) -> str:
    """a - b, both as written to 4 decimals."""
    return f"{Decimal(f'{a:.4f}') - Decimal(f'{b:.4f}'):.4f}"


def cross_entropy(q, p) -> float:
    """H_p(q) = H(q) + D_KL(q || p), from scipy."""
    return float(scipy_entropy(q) + scipy_entropy(q, p))


def default_oracle() -> Oracle:
    data = default_dataset()
    return Oracle(data.x, data.y)


def read_number(text: str) -> float:
    return float(text.replace("\u2212", "-"))


def axis_map(ticks: list[tuple[float, str]]):
    """Screen coordinate -> value, from an axis's tick positions and the numbers written at them."""
    positions = np.array([position for position, _ in ticks])
    values = np.array([read_number(text) for _, text in ticks])
    slope, offset = np.polyfit(positions, values, 1)
    return lambda screen: slope * np.asarray(screen) + offset


def class_look(label: int) -> tuple[str, type]:
    """A class's colour and shape: green circles for y = 1, red squares for y = 0 (storyboard)."""
    return (palette.POSITIVE if label == 1 else palette.NEGATIVE), (Circle if label == 1 else Square)


def hex_of(mobject) -> str:
    return mobject.get_fill_color().to_hex().upper()


def hex_of_stroke(mobject) -> str:
    return mobject.get_stroke_color().to_hex().upper()


def anchors(curve) -> np.ndarray:
    """The points a curve passes through exactly (its Bézier anchors), on screen."""
    return np.asarray(curve.get_anchors())[:, :2].copy()


def stage_view(scene) -> dict:
    """The stage's objects that are on screen now, as plain data (mobjects move on later)."""
    stage = scene.stage
    on_screen = {id(m) for top in scene.mobjects for m in top.get_family()}
    view: dict = {}

    def shown(mobject) -> bool:
        return mobject is not None and id(mobject) in on_screen

    if shown(stage.number_line):
        line = stage.number_line
        view["x_ticks"] = [(t.get_x(), lab.original_text) for t, lab in zip(line.ticks, line.tick_labels, strict=True)]
        view["x_ticks_note"] = line.note.original_text if line.note is not None else ""
    points = [p for p in stage.points if shown(p)]
    if points:
        view["points"] = [(type(p), *p.get_center()[:2], hex_of(p)) for p in points]
    if shown(stage.value_axis):
        axis = stage.value_axis
        view["value_ticks"] = [
            (t.get_y(), lab.original_text) for t, lab in zip(axis.ticks, axis.tick_labels, strict=True)
        ]
        view["value_title"] = axis.title.original_text
    if shown(stage.curve):
        view["curve"] = anchors(stage.curve)
    bars = [b for b in stage.bars if shown(b)]
    if bars:
        view["bars"] = [(b.get_x(), b.get_bottom()[1], b.get_top()[1], b.width, hex_of(b)) for b in bars]
        view["bar_values"] = [
            (v.original_text, *v.get_center()[:2], float(np.max(v.get_fill_opacities())))
            for v in stage.bar_values
            if shown(v)
        ]
    if shown(stage.loss_curve):
        curve = stage.loss_curve
        view["loss_curve"] = anchors(curve.curve)
        view["loss_curve_p"] = [(lab.get_x(), lab.original_text) for lab in curve.p_labels]
        view["loss_curve_loss"] = [
            (t.get_y(), lab.original_text)
            for t, lab in zip(curve.loss_axis.ticks, curve.loss_axis.tick_labels, strict=True)
        ]
    if stage.product and shown(stage.product[0]):
        view["product"] = (stage.product[0].get_top()[1], stage.product[1].value_text.original_text)
    if stage.stack and shown(stage.stack[0]):
        view["stack"] = [(seg.get_bottom()[1], seg.get_top()[1], hex_of(seg)) for seg in stage.stack]
        axis = stage.stack_axis
        view["stack_ticks"] = [
            (t.get_y(), lab.original_text) for t, lab in zip(axis.ticks, axis.tick_labels, strict=True)
        ]
    rungs = [rung for rung in stage.rungs if shown(rung)]
    if rungs:
        view["rungs"] = [(line.get_y(), card[1][1].original_text) for line, _, card in rungs]
        view["rung_colours"] = [hex_of_stroke(line) for line, _, _ in rungs]
        # Each rung's model drawn small: its curve in the thumbnail's own axes (origin, width, height).
        view["rung_models"] = [
            (anchors(card[0].curve), card[0][0][0].get_start()[:2], card[0][0][0].get_length(),
             card[0][0][1].get_length(), hex_of_stroke(card[0].curve))
            for _, _, card in rungs
        ]  # fmt: skip
    if shown(stage.model_chart):
        chart = stage.model_chart
        view["model_curve"] = anchors(chart.curve)
        view["model_ticks"] = [
            (t.get_y(), lab.original_text) for t, lab in zip(chart.axis.ticks, chart.axis.tick_labels, strict=True)
        ]
    if shown(stage.model_chart):
        view["model_dots"] = [dot.get_center()[:2].copy() for dot in stage.model_chart.dots]
    if shown(stage.flat_loss_curve):
        u_curve = stage.flat_loss_curve
        view["flat_loss_curve"] = anchors(u_curve.curve)
        view["flat_loss_c"] = [(lab.get_x(), lab.original_text) for lab in u_curve.c_labels]
        view["flat_dot"] = stage.flat_dot.get_center()[:2].copy()
    if shown(stage.entropy_line):
        view["entropy_y"] = stage.entropy_line.get_y()
    if shown(stage.mean_line):
        view["mean_y"] = stage.mean_line.get_y()
    if shown(stage.result):
        view["result"] = stage.result.value.original_text
    if shown(stage.q_bars):
        view["q_values"] = [v.original_text for v in stage.q_bars.values]
        view["q_tops"] = [b.get_top()[1] - stage.q_bars.baseline for b in stage.q_bars.bars]
    from scenes.stage.charts import EntropyCurve
    from scenes.stage.live import CurveTracer, EntropyTracer, FitReadout, LiveValue

    curves = {
        id(m): m
        for top in [*scene.mobjects, *getattr(scene, "moving_mobjects", [])]
        for m in top.get_family()
        if type(m).__name__ == "VMobject" and m.has_points() and hex_of_stroke(m) == palette.CURVE.upper()
    }
    view["sigmoids"] = [anchors(m) for m in curves.values()]
    # Lengths drawn on a chart's axes (the losses chapter lays a probability and a loss out as lengths).
    view["lengths"] = [
        (*m.get_start()[:2], *m.get_end()[:2], hex_of_stroke(m))
        for top in scene.mobjects
        for m in top.get_family()
        if type(m).__name__ == "Line" and m.get_stroke_width() >= 8 and m.get_stroke_opacity() > 0.5
    ]
    for top in scene.mobjects:
        if isinstance(top, CurveTracer | EntropyTracer):
            view["tracer"] = top.dot.get_center()[:2].copy()
        if isinstance(top, EntropyCurve):
            view["entropy_curve"] = anchors(top.curve)
            view["entropy_shares"] = [(lab.get_x(), lab.original_text) for lab in top.share_labels]
            view["entropy_ticks"] = [
                (t.get_y(), lab.original_text) for t, lab in zip(top.axis.ticks, top.axis.tick_labels, strict=True)
            ]
        for live in (m for m in top.get_family() if isinstance(m, LiveValue)):
            view.setdefault("live", {})[live.key.original_text] = live.value_text.original_text
        if isinstance(top, FitReadout):
            view["fit_readout"] = True
    return view
