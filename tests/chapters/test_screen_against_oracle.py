"""The screen against an independent oracle (tests/oracle.py): every number, colour, curve and cut.

The story is built headless once (conftest's `full`); each test reads the screen the way a viewer
does and compares it with values computed here from scikit-learn and scipy.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import log_loss

from bce_math import default_dataset
from scenes.chapters import CHAPTERS
from scenes.narration import MARK
from scenes.stage import fonts, palette
from scenes.tracks.subtitles import cues, lines
from tests.oracle import NUMBER, axis_map, class_look, default_oracle, difference, read_number, tiny
from tests.relations import CAPTION_RELATIONS, FORMULA_RELATIONS, caption_relations, formula_relations
from tests.scene_checks import READABLE_OPACITY, boxes_overlap

pytestmark = pytest.mark.story  # builds the whole story headless: make test, not make check

ORACLE = default_oracle()
# The default data lists its points left to right; a shuffled copy catches code that confuses the
# file's order with the order of x.
SHUFFLE = [7, 2, 9, 0, 5, 3, 8, 1, 6, 4]


@pytest.fixture(scope="module")
def shuffled(tmp_path_factory):
    """The story built from the default points listed in another order (end of each animation only)."""
    from scenes import settings, story
    from tests.oracle import Oracle, stage_view
    from tests.scene_checks import build

    data = default_dataset()
    folder = tmp_path_factory.mktemp("shuffled")
    path = folder / "shuffled.csv"
    path.write_text("x,y\n" + "".join(f"{float(data.x[i])!r},{int(data.y[i])}\n" for i in SHUFFLE), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BCE_DATA", str(path))
        settings.current_settings.cache_clear()
        settings.current_story.cache_clear()
        try:
            built = build(story.FullStory, folder / "media", inside=False, view=stage_view)
        finally:
            settings.current_settings.cache_clear()
            settings.current_story.cache_clear()
    return built, Oracle(data.x[SHUFFLE], data.y[SHUFFLE])


@pytest.fixture(params=["default", "shuffled"])
def story_and_oracle(request):
    """Each Part I check on the default data and on the same points in another order."""
    if request.param == "default":
        return request.getfixturevalue("full"), ORACLE
    return request.getfixturevalue("shuffled")


NAMES = [c.__name__ for c in CHAPTERS]
WORDS = tomllib.loads((Path(__file__).resolve().parents[2] / "scenes" / "narration" / "en.toml").read_text())["words"]
NARRATION = Path(__file__).resolve().parents[2] / "scenes" / "narration"
PART_ONE_BARS = ["positive_bars", "negative_bars", "all_bars", "side_by_side", "reposition"]


def plays_of(full, chapter: str) -> range:
    starts = [*full.section_starts, len(full.snapshots)]
    index = NAMES.index(chapter)
    return range(starts[index], starts[index + 1])


def end_of(full, chapter: str):
    return full.snapshots[plays_of(full, chapter)[-1]]


def moments_of(full, chapter: str):
    plays = plays_of(full, chapter)
    return [m for m in full.moments if m.play in plays]


def f4(value: float) -> str:
    return f"{value:.4f}"


# -- points, the curve, the bars: Part I read off its axes ---------------------------------------


@pytest.mark.parametrize("chapter", ["feature", "labels", "split", "sigmoid_fit", "positive_bars", "all_bars"])
def test_points_sit_at_their_x_in_their_class_look(story_and_oracle, chapter):
    full, oracle = story_and_oracle
    view = end_of(full, chapter).view
    assert view["x_ticks_note"] == ""  # the default data needs no offset
    to_x = axis_map(view["x_ticks"])
    kinds, xs, ys, colours = zip(*view["points"], strict=True)
    assert to_x(xs) == pytest.approx(oracle.x, abs=1e-3)
    if chapter == "feature":
        assert set(colours) == {palette.NEUTRAL.upper()}
        return
    for kind, colour, label in zip(kinds, colours, oracle.y, strict=True):
        want_colour, want_shape = class_look(label)
        assert colour == want_colour.upper() and issubclass(kind, want_shape)
    if chapter in ("labels",):
        assert len(set(np.round(ys, 3))) == 1  # still one row
    elif "value_ticks" in view:
        assert axis_map(view["value_ticks"])(ys) == pytest.approx(oracle.y, abs=1e-3)
    else:  # split: green above red, one row each
        assert min(np.array(ys)[oracle.y == 1]) > max(np.array(ys)[oracle.y == 0])
        assert len(set(np.round(ys, 3))) == 2


@pytest.mark.parametrize("chapter", ["sigmoid_fit", "positive_bars", "negative_bars", "all_bars"])
def test_the_curve_is_the_models_probability_of_green(story_and_oracle, chapter):
    full, oracle = story_and_oracle
    view = end_of(full, chapter).view
    to_x, to_p = axis_map(view["x_ticks"]), axis_map(view["value_ticks"])
    xs, ps = to_x(view["curve"][:, 0]), to_p(view["curve"][:, 1])
    assert ps == pytest.approx(oracle.green(xs), abs=2e-3)


def test_the_fit_readout_describes_the_curve_drawn_with_it(full):
    moments = [m for m in moments_of(full, "sigmoid_fit") if "fit_readout" in m.view and m.view["sigmoids"]]
    assert len(moments) >= 4
    for moment in moments:
        view = moment.view
        w, b = read_number(view["live"]["w"]), read_number(view["live"]["b"])
        to_x, to_p = axis_map(view["x_ticks"]), axis_map(view["value_ticks"])
        (curve,) = view["sigmoids"]
        xs = to_x(curve[:, 0])
        # w and b are shown to 4 decimals: the curve they describe is within 1e-4 of the one drawn.
        assert to_p(curve[:, 1]) == pytest.approx(1 / (1 + np.exp(-(w * xs + b))), abs=3e-4)
        assert set(view["live"]) == {"w", "b"}  # no loss before the loss exists
    final = moments[-1].view["live"]
    assert final["w"] == f4(ORACLE.model.coef_[0, 0]) and final["b"] == f4(ORACLE.model.intercept_[0])


def _bars_left_to_right(view, oracle):
    """Bars and their written values, left to right, each paired with the point it stands for."""
    bars = sorted(view["bars"], key=lambda bar: bar[0])
    values = {}
    for text, x, _, opacity in view["bar_values"]:
        values[round(x, 2)] = text if opacity > 0.5 else None
    for slot, (x, bottom, top, _, colour) in enumerate(bars):
        written = min(values, key=lambda vx: abs(vx - x))
        if "x_ticks" in view:  # still over the number line: the point at the bar's x
            point = int(np.argmin(np.abs(axis_map(view["x_ticks"])(x) - oracle.x)))
        else:  # side by side, in the order of x
            point = oracle.by_x[slot]
        yield point, bottom, top, colour, values[written]


@pytest.mark.parametrize("chapter", [*PART_ONE_BARS, "losses", "average", "loss_at_work", "back_to_loss"])
def test_each_bar_shows_its_points_value_in_its_class_colour(story_and_oracle, chapter):
    full, oracle = story_and_oracle
    view = end_of(full, chapter).view
    to_value = axis_map(view["value_ticks"])
    loss_chart = chapter in ("losses", "average", "loss_at_work", "back_to_loss")
    count = 0
    for point, bottom, top, colour, written in _bars_left_to_right(view, oracle):
        label = oracle.y[point]
        count += 1
        assert colour == class_look(label)[0].upper(), f"bar of point {point} in the wrong colour"
        want = oracle.losses[point] if loss_chart else oracle.prob_true[point]
        hanging = label == 0 and chapter in ("negative_bars", "all_bars", "side_by_side")
        low, high = (oracle.prob_green[point], 1.0) if hanging else (0.0, want)
        assert to_value([bottom, top]) == pytest.approx([low, high], abs=2e-3)
        # A loss bar's value is -ln of its probability as written (what a student's calculator gives).
        meant = oracle.shown_losses[point] if loss_chart else f4(want)
        assert written is None or written == meant, f"point {point}: {written} written, {meant} meant"
    assert count == (int(oracle.y.sum()) if chapter == "positive_bars" else len(oracle.y))


def test_the_mean_line_and_the_result_are_the_log_loss(story_and_oracle):
    full, oracle = story_and_oracle
    view = end_of(full, "average").view
    assert axis_map(view["value_ticks"])(view["mean_y"]) == pytest.approx(oracle.mean_loss, abs=2e-3)
    assert view["result"] == f4(oracle.mean_loss)


def test_the_loss_curve_is_minus_the_log(full):
    view = end_of(full, "log_curve").view
    to_p, to_loss = axis_map(view["loss_curve_p"]), axis_map(view["loss_curve_loss"])
    ps, losses = to_p(view["loss_curve"][:, 0]), to_loss(view["loss_curve"][:, 1])
    assert losses == pytest.approx(-np.log(ps), abs=0.02)


def test_the_tracer_reads_where_its_dot_is(full):
    moments = [m for m in moments_of(full, "log_curve") if "tracer" in m.view]
    assert len(moments) >= 4
    for moment in moments:
        view = moment.view
        p = float(axis_map(view["loss_curve_p"])(view["tracer"][0]))
        loss = float(axis_map(view["loss_curve_loss"])(view["tracer"][1]))
        assert loss == pytest.approx(-np.log(p), abs=0.03), "the dot left the curve"
        shown_p, shown_loss = (read_number(v) for v in view["live"].values())
        assert shown_p == pytest.approx(p, abs=0.006)
        assert shown_loss == pytest.approx(-np.log(p), abs=0.006 + 0.005 / p)
        # The pair as written: -ln of the p written, to the loss's 2 decimals.
        written_p, written_loss = view["live"].values()
        assert f"{-np.log(read_number(written_p)) + 0.0:.2f}" == written_loss.replace("\u2212", "-")
    assert list(moments[-1].view["live"].values()) == ["0.01", f"{-np.log(0.01):.2f}"]


def test_the_worst_guess_is_laid_out_as_lengths_on_the_curves_axes(full):
    worst = int(np.argmax(ORACLE.losses))
    colour = class_look(ORACLE.y[worst])[0].upper()
    shown = [
        snap.view for snap in (full.snapshots[i] for i in plays_of(full, "losses")) if len(snap.view["lengths"]) == 2
    ]
    assert shown, "the probability and the loss were never drawn as lengths"
    view = shown[-1]
    to_p, to_loss = axis_map(view["loss_curve_p"]), axis_map(view["loss_curve_loss"])
    (along_p,) = [line for line in view["lengths"] if abs(line[1] - line[3]) < 1e-6]
    (along_loss,) = [line for line in view["lengths"] if abs(line[0] - line[2]) < 1e-6]
    assert to_p([along_p[0], along_p[2]]) == pytest.approx([0, ORACLE.prob_true[worst]], abs=2e-3)
    assert to_loss([along_loss[1], along_loss[3]]) == pytest.approx([0, ORACLE.losses[worst]], abs=5e-3)
    assert along_p[4] == along_loss[4] == colour


def test_the_program_prints_the_models_probabilities_and_loss(full):
    texts = end_of(full, "code").captions
    printed = [float(v) for t in texts if t.startswith("P(green)") for v in NUMBER.findall(t)]
    assert printed == pytest.approx(ORACLE.prob_green, abs=5e-5)
    (loss_line,) = [t for t in texts if t.startswith("log loss")]
    assert loss_line.split()[-1] == f4(ORACLE.mean_loss)


# -- Part III: formulas and live readouts -----------------------------------------------------------


def _entitled() -> dict[int, set[str]]:
    """The numbers Part III may write, by decimals: the data's shares, entropies, sums and the loss."""
    q, other = ORACLE.q, ORACLE.other
    four = {
        *(f4(v) for v in q),
        f4(ORACLE.entropy_q),
        f4(np.log(2)),
        f4(0.0),
        f4(ORACLE.cross_entropy_other),
        ORACLE.shown_green,
        ORACLE.shown_red,
        f4(ORACLE.mean_loss),
        # One point's cross-entropy (loss_at_work): its probabilities and its loss.
        *(f4(v) for v in (*ORACLE.prob_green, *(1 - ORACLE.prob_green))),
        *ORACLE.shown_losses,
    }
    return {4: four, 2: {f"{v:.2f}" for v in (*q, *other)}}


def formula_problems(tex: str, oracle=ORACLE) -> list[str]:
    """What a formula states that is false, unchecked, or not a number of this story."""
    entitled = _entitled() if oracle is ORACLE else None
    problems = [
        f"{number} is not a value of this story"
        for number in re.findall(r"\d+\.\d+", tex)
        if entitled is not None and number not in entitled.get(len(number.split(".")[1]), set())
    ]
    return problems + [f"{r.kind}: {r.problem} ({r.text})" for r in formula_relations(tex, oracle) if r.problem]


@pytest.mark.parametrize(
    "planted",
    [
        r"q(y{=}0) = \frac{3}{10} = 0.7000",
        "0.6109 > 0.6931",
        r"H(q) = 0.6109 \le 0.3329",
        r"H(q) = -\big[ \tfrac{3}{10}\ln \tfrac{3}{10}  +  \tfrac{7}{10}\ln \tfrac{7}{10} \big] = 0.6931",
        r"\frac{1}{10}\big[ 1.5173 + 1.8121 \big] \approx 0.3329",  # exact at these digits: "=" is due
        r"q_i = (1,\,0) \quad \mathbf{p}_i = (1 - p_i,\, p_i) = (0.2994,\,0.7006) \quad H = -\ln 0.2994 = 1.2059",
        r"q_i = (1,\,0) \quad \mathbf{p}_i = (1 - p_i,\, p_i) = (0.2994,\,0.7006) \quad H = -\ln 0.7006 = 0.3558",
        r"0.6931 - 0.6109 = 0.0823",  # a new relation, true or not, that no check claims
    ],
)
def test_the_formula_checker_catches_a_false_or_unchecked_statement(planted):
    assert formula_problems(planted)


def test_every_relation_in_a_formula_is_listed_and_holds(story_and_oracle):
    full, oracle = story_and_oracle
    formulas = {tex for snap in full.snapshots for tex in snap.formulas}
    assert len(formulas) >= 6
    problems = {tex: formula_problems(tex, oracle) for tex in formulas}
    assert not {tex: p for tex, p in problems.items() if p}
    # Each kind of relation the registry checks is stated somewhere: a check with nothing to check
    # is a relation that left the story, or a pattern that stopped matching it.
    kinds = {r.kind for tex in formulas for r in formula_relations(tex, oracle)}
    assert kinds == set(FORMULA_RELATIONS)


def test_the_label_shares_are_counted_from_the_points(full):
    view = end_of(full, "distribution").view
    assert view["q_values"] == [f4(v) for v in ORACLE.q]
    heights = np.array(view["q_tops"])
    assert heights / heights.sum() == pytest.approx(ORACLE.q, abs=1e-3)
    # Before they become the bars, the points stand in two piles: one per class, as tall as its bar.
    piled = [
        snap.view for snap in (full.snapshots[i] for i in plays_of(full, "distribution")) if "points" in snap.view
    ][-1]
    _, xs, ys, colours = zip(*piled["points"], strict=True)
    for label in (0, 1):
        colour = class_look(label)[0].upper()
        pile = [(x, y) for x, y, c in zip(xs, ys, colours, strict=True) if c == colour]
        assert len(pile) == np.sum(ORACLE.y == label)
        assert len({round(x, 3) for x, _ in pile}) == 1, "a pile is one column"
        rise = sum(heights) / len(ORACLE.y)
        assert max(y for _, y in pile) + rise / 2 - min(y for _, y in pile) + rise / 2 == pytest.approx(
            heights[label], abs=1e-3
        )


def test_the_entropy_curve_is_scipys_and_the_dot_reads_where_it_is(full):
    from scipy.stats import entropy as scipy_entropy

    def h(share):
        return np.array([scipy_entropy([1 - s, s]) for s in np.clip(np.atleast_1d(share), 0, 1)])

    moments = [m for m in moments_of(full, "entropy") if "entropy_curve" in m.view and "tracer" in m.view]
    assert len(moments) >= 8
    for moment in moments:
        view = moment.view
        to_share, to_h = axis_map(view["entropy_shares"]), axis_map(view["entropy_ticks"])
        curve = view["entropy_curve"]
        assert to_h(curve[:, 1]) == pytest.approx(h(to_share(curve[:, 0])), abs=2e-3)
        share, value = float(to_share(view["tracer"][0])), float(to_h(view["tracer"][1]))
        assert value == pytest.approx(h(share)[0], abs=2e-3), "the dot left the curve"
        assert read_number(view["live"]["s"]) == pytest.approx(share, abs=1e-3)
        assert read_number(view["live"]["H(s)"]) == pytest.approx(h(share)[0], abs=1e-3)
    shares = [read_number(m.view["live"]["s"]) for m in moments]
    assert {f4(1.0), f4(0.5), f4(ORACLE.q[1])} <= {f4(v) for v in shares}, "the dot skipped a stop"


@pytest.mark.parametrize("chapter", ["entropy", "cross_entropy", "kl_divergence"])
def test_a_flat_models_bars_mean_and_gap_follow_its_line(full, chapter):
    """Inside every animation: c read off the flat line; each bar is its point's loss under c, in its
    class colour; the mean line and the numbers are the cross-entropy and KL of (1 - c, c) against q."""
    checked = 0
    for moment in [*moments_of(full, chapter), *(full.snapshots[i] for i in plays_of(full, chapter))]:
        view = moment.view
        if "model_curve" not in view or "bars" not in view:
            continue
        heights = view["model_curve"][:, 1]
        assert np.ptp(heights) < 1e-6, "the model's line is not flat"
        c = float(axis_map(view["model_ticks"])(heights[0]))
        to_loss = axis_map(view["value_ticks"])
        bars = sorted(view["bars"], key=lambda bar: bar[0])
        for point, (_, bottom, top, _, colour) in zip(ORACLE.by_x, bars, strict=True):
            label = ORACLE.y[point]
            assert colour == class_look(label)[0].upper()
            want = -np.log(c if label == 1 else 1 - c)
            assert to_loss([bottom, top]) == pytest.approx([0, want], abs=3e-3)
        mean = log_loss(ORACLE.y, np.full(len(ORACLE.y), c), labels=[0, 1])
        kl = float(np.sum(ORACLE.q * np.log(ORACLE.q / np.array([1 - c, c]))))
        if "mean_y" in view:  # from the end of the entropy chapter
            assert to_loss(view["mean_y"]) == pytest.approx(mean, abs=3e-3)
        assert to_loss(view["entropy_y"]) == pytest.approx(ORACLE.entropy_q, abs=2e-3)
        live = view.get("live", {})
        assert read_number(live["c"]) == pytest.approx(c, abs=1e-3)
        if WORDS["mean"] in live:
            assert read_number(live[WORDS["mean"]]) == pytest.approx(mean, abs=1e-3)
        if "KL" in live:
            assert read_number(live["KL"]) == pytest.approx(kl, abs=1e-3)
            if WORDS["mean"] in live:  # the gap as written: the mean written minus H(q) written
                assert live["KL"] == difference(read_number(live[WORDS["mean"]]), ORACLE.entropy_q)
        checked += 1
    assert checked >= 4
    end = end_of(full, chapter).view
    want_c = ORACLE.other[1] if chapter == "cross_entropy" else ORACLE.q[1]
    assert end["live"]["c"] == f4(want_c)
    if chapter == "kl_divergence":
        assert end["live"]["KL"] == f4(0.0)


def _flat_log_loss(c: float) -> float:
    """scikit-learn's log loss of the model that says P(green) = c for every point."""
    return log_loss(ORACLE.y, np.full(len(ORACLE.y), c), labels=[0, 1])


def test_the_flat_models_loss_over_c_is_a_u_touching_h_q_at_the_class_rate(full):
    moments = [m for m in moments_of(full, "kl_divergence") if "flat_loss_curve" in m.view and "value_ticks" in m.view]
    assert len(moments) >= 8
    for moment in moments:
        view = moment.view
        to_c, to_loss = axis_map(view["flat_loss_c"]), axis_map(view["value_ticks"])
        cs, losses = to_c(view["flat_loss_curve"][:, 0]), to_loss(view["flat_loss_curve"][:, 1])
        assert losses == pytest.approx([_flat_log_loss(c) for c in cs], abs=3e-3)
        lowest = int(np.argmin(losses))
        assert cs[lowest] == pytest.approx(ORACLE.q[1], abs=1e-3)
        assert losses[lowest] == pytest.approx(ORACLE.entropy_q, abs=2e-3)
        # From near 0 to near 1, or until it leaves the top of the loss axis.
        top = max(read_number(text) for _, text in view["value_ticks"])
        assert cs.min() < 0.05 or losses[0] > top - 0.05
        assert cs.max() > 0.95 or losses[-1] > top - 0.05
        # The model's place: on the U at the c written beside it in the same frame, and the mean
        # line at its height; the KL written is its height above H(q).
        c_dot, loss_dot = to_c(view["flat_dot"][0]), to_loss(view["flat_dot"][1])
        assert c_dot == pytest.approx(float(view["live"]["c"]), abs=2e-3)
        assert loss_dot == pytest.approx(_flat_log_loss(c_dot), abs=3e-3)
        assert to_loss(view["mean_y"]) == pytest.approx(loss_dot, abs=3e-3)
        if "KL" in view["live"]:
            assert float(view["live"]["KL"]) == pytest.approx(loss_dot - ORACLE.entropy_q, abs=2e-3)
    assert float(moments[-1].view["live"]["c"]) == pytest.approx(ORACLE.q[1], abs=1e-4)


def test_the_replayed_fit_moves_every_loss_bar_and_the_mean_with_its_curve(full):
    """Inside the replay (loss_at_work), each frame's bars and mean are the losses of the curve drawn
    in that frame, read where the curve passes over each point, and the mean falls to the fit's
    (loss_at_work), then to the unpenalised fit's, and back."""
    moments = [m for m in moments_of(full, "loss_at_work") if {"model_curve", "bars", "model_dots"} <= m.view.keys()]
    assert len(moments) >= 10
    means = []
    for moment in moments:
        view = moment.view
        to_p, to_loss = axis_map(view["model_ticks"]), axis_map(view["value_ticks"])
        curve = view["model_curve"]
        dots_x = np.array([x for x, _ in view["model_dots"]])
        prob_green = to_p(np.interp(dots_x, curve[:, 0], curve[:, 1]))
        prob_true = np.where(ORACLE.y == 1, prob_green, 1 - prob_green)
        heights = np.array([to_loss(top) - to_loss(bottom) for _, bottom, top, *_ in view["bars"]])
        # The bars stand left to right; the points are in the data's order.
        in_x_order = -np.log(np.clip(prob_true[ORACLE.by_x], 1e-15, 1))
        assert heights == pytest.approx(in_x_order, abs=0.02)
        mean = to_loss(view["mean_y"])
        assert mean == pytest.approx(log_loss(ORACLE.y, np.clip(prob_green, 1e-15, 1 - 1e-15)), abs=0.01)
        means.append(mean)
    assert min(means) == pytest.approx(ORACLE.ladder[3], abs=3e-3)  # no penalty: the lowest reached
    assert means[0] == pytest.approx(ORACLE.entropy_q, abs=3e-3)  # the replay starts on H(q)
    assert end_of(full, "loss_at_work").view["live"]["mean"] == f4(ORACLE.mean_loss)


def test_every_sentence_starts_with_its_picture_on_screen(full):
    """When a caption comes (and its sentence is spoken), something other than words is drawn
    below the caption band: no narration over an empty frame."""
    sentences = _captions(full)
    below_captions = 2.6
    empty = []
    for play in range(1, len(full.snapshots)):
        new = set(full.snapshots[play].captions) - set(full.snapshots[play - 1].captions)
        if not any(c.replace("\n", " ") in sentences for c in new):
            continue
        start = next(m for m in full.moments_of(play) if m.fraction == 0.0)
        if not any(y < below_captions and ink >= 0.5 for _, y, *_, ink in start.signature):
            empty.append((play, sorted(new)))
    assert empty == []


def test_the_class_stacks_reach_the_green_and_red_sums(full):
    snap = end_of(full, "back_to_loss")
    to_loss = axis_map(snap.view["stack_ticks"])
    shown = {text for text, _ in snap.numbers}
    for label in (0, 1):
        colour = class_look(label)[0].upper()
        column = sorted((bottom, top) for bottom, top, c in snap.view["stack"] if c == colour)
        heights = [to_loss(top) - to_loss(bottom) for bottom, top in column]
        in_x_order = [i for i in ORACLE.by_x if ORACLE.y[i] == label]
        assert heights == pytest.approx(ORACLE.losses[in_x_order], abs=3e-3)
        assert to_loss(column[0][0]) == pytest.approx(0, abs=1e-3)
        total = ORACLE.losses[ORACLE.y == label].sum()
        assert to_loss(column[-1][1]) == pytest.approx(total, abs=5e-3)
        assert (ORACLE.shown_green if label == 1 else ORACLE.shown_red) in shown


def test_each_rung_of_the_ladder_stands_at_its_models_cost(full):
    view = end_of(full, "ladder").view
    heights, texts = zip(*view["rungs"], strict=True)
    assert axis_map(view["value_ticks"])(heights) == pytest.approx(ORACLE.ladder, abs=2e-3)
    assert list(texts) == [f4(cost) for cost in ORACLE.ladder]
    assert ORACLE.ladder[1] == pytest.approx(ORACLE.entropy_q)  # the best flat model costs H(q)
    # Colours keep their meaning: H(q) in its line's loss colour, the fit in its curve's colour, the
    # unpenalised fit in one of its own (none of the others).
    colours = view["rung_colours"]
    assert colours[1:3] == [palette.LOSS.upper(), palette.CURVE.upper()]
    assert len(set(colours)) == 4


def test_each_rung_shows_its_model_small_in_its_colour(full):
    view = end_of(full, "ladder").view
    start, end, _ = full.scene.story.x_range
    models = [
        lambda x: np.full(len(x), 0.5),
        lambda x: np.full(len(x), ORACLE.q[1]),
        ORACLE.green,
        lambda x: ORACLE.free_model.predict_proba(np.asarray(x).reshape(-1, 1))[:, 1],
    ]
    for (curve, origin, width, height, colour), model, rung_colour in zip(
        view["rung_models"], models, view["rung_colours"], strict=True
    ):
        xs = start + (curve[:, 0] - origin[0]) / width * (end - start)
        assert (curve[:, 1] - origin[1]) / height == pytest.approx(model(xs), abs=2e-3)
        assert colour == rung_colour


def test_the_likelihood_readout_is_the_product_bar_drawn_with_it(full):
    moments = [m for m in moments_of(full, "likelihood") if "product" in m.view]
    assert len(moments) >= 4
    # Each step is the bars as written multiplied so far, written with the likelihood's decimals.
    running = [tiny(float(v), ORACLE.likelihood_decimals) for v in ORACLE.shown_partials]
    for moment in moments:
        top, text = moment.view["product"]
        assert text in running, f"{text} is not a product of the first bars"
        assert axis_map(moment.view["value_ticks"])(top) == pytest.approx(read_number(text), abs=2e-3)
    assert moments[-1].view["product"][1] == running[-1]


def test_the_losses_end_to_end_reach_minus_the_log_of_the_likelihood(full):
    snap = end_of(full, "likelihood")
    to_loss = axis_map(snap.view["stack_ticks"])
    segments = sorted(snap.view["stack"])
    heights = [to_loss(top) - to_loss(bottom) for bottom, top, _ in segments]
    assert heights == pytest.approx(ORACLE.losses[ORACLE.by_x], abs=3e-3)
    assert [colour for *_, colour in segments] == [class_look(ORACLE.y[i])[0].upper() for i in ORACLE.by_x]
    assert to_loss(segments[-1][1]) == pytest.approx(-np.log(np.prod(ORACLE.prob_true)), abs=5e-3)
    shown = {text for text, _ in snap.numbers}
    assert {ORACLE.shown_total, f4(ORACLE.mean_loss)} <= shown
    # "= -ln L" only where -ln of the likelihood as written rounds to that sum.
    likelihood = float(ORACLE.shown_partials[-1])
    exact = f"{-np.log(float(tiny(likelihood, ORACLE.likelihood_decimals))):.4f}" == ORACLE.shown_total
    assert exact == ORACLE.likelihood_is_exact


# -- captions, subtitles and speech, in both languages -------------------------------------------------


def _templates(name: str) -> dict:
    with (NARRATION / name).open("rb") as file:
        return tomllib.load(file)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_captions_subtitles_and_speech_quote_the_oracles_values(full, language):
    from scenes.narration import caption, spoken

    story = full.scene.story
    captions, voice = _templates(f"{language}.toml"), _templates(f"{language}_spoken.toml")
    values = ORACLE.placeholders()
    beats = [beat for beat in full.scene.beats if beat.chapter]
    assert len(beats) >= 40
    for beat in beats:
        want = captions[beat.chapter][beat.beat].format_map(values)
        assert caption(beat.chapter, beat.beat, story, language) == want
        template = voice.get(beat.chapter, {}).get(beat.beat, captions[beat.chapter][beat.beat])
        assert spoken(beat.chapter, beat.beat, story, language) == template.replace(MARK, "").format_map(values)
    subtitles = cues(full.scene.beats, 0.0, full.end_time, story, language)
    shown = ["\n".join(lines(captions[b.chapter][b.beat].format_map(values), language)) for b in beats]
    assert [s.content for s in subtitles] == shown
    if language == "en":  # the build is the English cut: every caption but the cards' was on screen
        on_screen = {text.replace("\n", " ") for snap in full.snapshots for text in snap.captions}
        for b in beats:
            if b.chapter not in ("title", "closing"):
                assert captions[b.chapter][b.beat].format_map(values) in on_screen


def _all_templates() -> list[str]:
    tables = [_templates(f"{language}{kind}.toml") for language in ("en", "zh") for kind in ("", "_spoken")]
    return [text for table in tables for chapter in table.values() for text in chapter.values()]


def test_every_relation_the_words_state_is_listed_and_holds(story_and_oracle):
    from scenes.narration import placeholders

    full, oracle = story_and_oracle
    found = caption_relations(_all_templates(), placeholders(full.scene.story), oracle)
    assert [(r.kind, r.problem, r.text) for r in found if r.problem] == []
    assert {r.kind for r in found} == {kind for kind, _ in CAPTION_RELATIONS.values()}


@pytest.mark.parametrize(
    ("template", "values"),
    [
        ("P(true) = {worst_probability} costs {worst_loss}", {"worst_probability": "0.2995", "worst_loss": "1.2057"}),
        ("KL {kl_other}", {"cross_entropy_other": "0.6931", "entropy_q": "0.6109", "kl_other": "0.0823"}),
        ("ln 2 = {entropy_q}", {"entropy_q": "0.6931"}),  # a plain value stated as a result
        ("{brand_new}", {"brand_new": "1.0000"}),  # a value nobody classified
    ],
)
def test_the_word_checker_catches_a_false_or_unchecked_statement(template, values):
    assert any(r.problem for r in caption_relations([template], values, ORACLE))


# -- motion: continuity at every cut, no overprint, no frozen jump ------------------------------------------


def _unmatched(before: list[tuple], after: list[tuple]) -> list[tuple]:
    """Shapes drawn in before with no shape of nearly the same place, size, colour and opacity after.

    The kind of shape is not compared: a morph ends as its target (a circle turning into a square).
    """
    others = np.array(sorted(set(after)), dtype=float).reshape(-1, 8)
    tolerance = np.array([0.05] * 4 + [0.03] * 3 + [0.15])
    return [record for record in set(before) if not np.any(np.all(np.abs(others - record) <= tolerance, axis=1))]


def _jump(before, after) -> str:
    gone, new = _unmatched(before, after), _unmatched(after, before)
    return f"{len(gone)} shapes vanish ({gone[:2]}), {len(new)} appear ({new[:2]})" if gone or new else ""


@pytest.mark.parametrize("chapter", NAMES[1:])
def test_a_chapter_starts_exactly_where_the_last_one_ended(full, chapter):
    first = plays_of(full, chapter)[0]
    start = next(m for m in full.moments_of(first) if m.fraction == 0.0)
    assert not _jump(full.snapshots[first - 1].drawn, start.signature)


@pytest.mark.parametrize("chapter", NAMES)
def test_nothing_jumps_between_or_at_the_end_of_animations(full, chapter):
    for play in plays_of(full, chapter):
        moments = full.moments_of(play)
        if not moments:
            continue
        if play:
            assert not _jump(full.snapshots[play - 1].drawn, moments[0].signature), f"before animation {play}"
        assert not _jump(moments[-1].signature, full.snapshots[play].drawn), f"at the end of animation {play}"


@pytest.mark.parametrize("chapter", NAMES)
def test_no_number_is_printed_over_another_inside_animations(full, chapter):
    for moment in moments_of(full, chapter):
        readable = [t for t in moment.texts if t.opacity >= READABLE_OPACITY]
        for i, a in enumerate(readable):
            for b in readable[i + 1 :]:
                assert not boxes_overlap(a.box, b.box), (
                    f"animation {moment.play} at {moment.fraction:.0%}: {a.text!r} over {b.text!r}"
                )


def _captions(full) -> set[str]:
    values = ORACLE.placeholders()
    table = _templates("en.toml")
    return {
        text.format_map(values)
        for chapter, beats in table.items()
        if chapter not in ("words", "chapters", "page", "title", "closing")  # the cards' words are not captions
        for text in beats.values()
    }


def test_captions_come_one_at_a_time_and_all_at_one_size(full):
    sentences = _captions(full)
    sizes = set()
    for moment in full.moments:
        captions = [t for t in moment.texts if t.text.replace("\n", " ") in sentences and t.opacity > 0.1]
        assert len(captions) <= 1, f"animation {moment.play}: {[c.text for c in captions]} at once"
        sizes |= {round(c.size, 1) for c in captions if c.opacity > 0.99}
    assert len(sizes) == 1 and abs(sizes.pop() - fonts.CAPTION_SIZE) < 0.7  # under a pixel at 1080p


def test_every_formula_names_a_probability_by_one_symbol(full):
    """p_i is P(green) of point i (the BCE formula), a bold p a model's distribution; no bare p."""
    formulas = {tex for snap in full.snapshots for tex in snap.formulas}
    bare = re.compile(r"(?<![A-Za-z\\{])p(?![A-Za-z_])")
    assert [tex for tex in formulas if bare.search(tex.replace(r"\mathbf{p}", ""))] == []
    assert any(r"\mathbf{p}_i = (1 - p_i" in tex for tex in formulas)  # the two tied together where both appear
