"""Words and colours against what they mean: every label, axis title, formula term and note that
carries a meaning is read back from the drawn scene and checked against the thing it names.

A name is read from the screen (a text's words; an axis title by its outline, since a title
morphed into another keeps its old string), its colour from the glyphs drawn, and what it names is
computed by the oracle (tests/oracle.py, scikit-learn and scipy). Things are found by their words
and colours, never by where they stand: the layout moves, the meaning does not.

Two datasets: the article's points, and seven points where the conditions behind the notes turn
the other way (probabilities clipped, the fold's "≈", the likelihood's "≈ -ln L").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from manim import PI, Circle, Square, Text
from manim.mobject.text.tex_mobject import MathTexPart
from scipy.spatial import cKDTree

from bce_math import default_dataset
from scenes.chapters import CHAPTERS
from scenes.stage import palette
from tests.oracle import Oracle, axis_map, read_number, stage_view
from tests.scene_checks import visible

pytestmark = pytest.mark.story  # builds the whole story headless: make test, not make check

ROOT = Path(__file__).resolve().parents[2]
WORDS = tomllib.loads((ROOT / "scenes" / "narration" / "en.toml").read_text(encoding="utf-8"))["words"]
NAMES = [chapter.__name__ for chapter in CHAPTERS]
POSITIVE, NEGATIVE = palette.class_colour(1).upper(), palette.class_colour(0).upper()
CLIP_EPS = 1e-15  # the storyboard's clipping: probabilities within 1e-15 of 0 or 1

# Seven points where the notes' conditions turn: the two far ones get probabilities within 1e-15 of 0
# and 1 (clipped); the green and red sums as shown, over N, miss the mean's last digit (the fold's
# "≈"); and no number of decimals makes -ln of the likelihood round to the sum of the losses ("≈ -ln L").
TURNED = (np.array([-214.0, -5.0, -1.0, 1.0, 2.0, 6.0, 214.0]), np.array([0, 0, 0, 1, 0, 1, 1]))


# -- reading the screen ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Painted:
    """A text, or one part of a formula, as drawn: its words (or tex) and the colours of its glyphs."""

    text: str
    formula: str  # the whole formula's tex for a formula's part; "" for a text
    colours: frozenset[str]
    opacity: float


def _glyph_colours(mobject) -> tuple[frozenset[str], float]:
    leaves = [leaf for leaf in mobject.get_family() if visible(leaf) and leaf.get_fill_opacity() > 0.01]
    colours = frozenset(leaf.get_fill_color().to_hex().upper() for leaf in leaves)
    return colours, max((leaf.get_fill_opacity() for leaf in leaves), default=0.0)


def painted(scene) -> list[Painted]:
    """Every text and every formula part drawn now, with the colours it is drawn in."""
    family = [m for top in scene.mobjects for m in top.get_family()]
    found = []
    for mobject in family:
        if isinstance(mobject, Text):
            colours, ink = _glyph_colours(mobject)
            if colours:
                found.append(Painted(mobject.original_text, "", colours, ink))
        elif isinstance(mobject, MathTexPart) and hasattr(mobject, "whole_tex"):
            colours, ink = _glyph_colours(mobject)
            if colours:
                found.append(Painted(mobject.tex_string, mobject.whole_tex, colours, ink))
    return found


def outline(mobject) -> np.ndarray:
    """Points along every curve a text draws (its glyphs' outlines), on screen."""
    samples = []
    t = np.linspace(0, 1, 6)[:, None]
    weights = np.hstack([(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3])  # cubic Bézier
    for leaf in mobject.get_family():
        if not visible(leaf):
            continue
        points = leaf.points[: len(leaf.points) // 4 * 4, :2].reshape(-1, 4, 2)
        samples.append(np.einsum("tk,ckd->ctd", weights, points).reshape(-1, 2))
    return np.concatenate(samples) if samples else np.zeros((0, 2))


def _normalised(points: np.ndarray) -> np.ndarray:
    low, high = points.min(axis=0), points.max(axis=0)
    return (points - low) / max(high - low)


@cache
def _typeset(words: str, upright: bool) -> np.ndarray:
    from scenes.stage import charts

    title = charts.axis_title(words)
    return _normalised(outline(title if upright else title.rotate(PI / 2)))


def read_title(points: np.ndarray, upright: bool = False) -> str:
    """The words a title spells: the candidate (a chart word of the story) whose outline it traces."""
    drawn = _normalised(points)
    candidates = {w for w in WORDS.values() if "{" not in w and len(w) < 40} | {"q(y)", "c"}

    def distance(words: str) -> float:
        typeset = _typeset(words, upright)
        there = cKDTree(typeset).query(drawn)[0].max()
        back = cKDTree(drawn).query(typeset)[0].max()
        return max(there, back)

    best = min(sorted(candidates), key=distance)
    assert distance(best) < 0.02, f"a title that spells none of the story's words (nearest: {best!r})"
    return best


def meaning_view(scene) -> dict:
    """The oracle's view of the stage, and what carries meaning: painted texts, axis titles, the
    ladder's cards, the legend."""
    view = stage_view(scene)
    stage = scene.stage
    on_screen = {id(m) for top in scene.mobjects for m in top.get_family()}

    def shown(mobject) -> bool:
        return mobject is not None and id(mobject) in on_screen and any(visible(m) for m in mobject.get_family())

    view["painted"] = painted(scene)
    titles = {}
    for role, axis in (("value", stage.value_axis), ("stack", stage.stack_axis)):
        if shown(axis) and shown(axis.title):
            titles[role] = outline(axis.title)
    if shown(stage.model_chart) and shown(stage.model_chart.axis.title):
        titles["model"] = outline(stage.model_chart.axis.title)
        view["model_curve_ticks"] = [
            (t.get_y(), lab.original_text)
            for t, lab in zip(stage.model_chart.axis.ticks, stage.model_chart.axis.tick_labels, strict=True)
        ]
    if shown(stage.loss_curve):
        titles["loss_curve"] = outline(stage.loss_curve.loss_axis.title)
        titles["loss_curve_across"] = outline(stage.loss_curve.p_title)
    from scenes.stage.charts import EntropyCurve

    for top in scene.mobjects:
        if isinstance(top, EntropyCurve) and shown(top):
            titles["entropy"] = outline(top.axis.title)
    view["titles"] = titles
    # The ladder: each rung's name as written on its card, in its colour, beside its line's colour.
    cards = []
    for line, _, card in (rung for rung in stage.rungs if shown(rung)):
        texts = [m for m in card.get_family() if isinstance(m, Text)]
        (name,) = [t for t in texts if not hasattr(t, "value")]
        (cost,) = [t for t in texts if hasattr(t, "value")]
        cards.append((name.original_text, _glyph_colours(name)[0], cost.original_text, line.get_stroke_color()))
    view["rung_cards"] = [(name, colours, cost, colour.to_hex().upper()) for name, colours, cost, colour in cards]
    # The legend: each entry's marker (its shape and colour) beside its words.
    if shown(stage.legend):
        entries = []
        for entry in stage.legend.submobjects:
            (words,) = [m for m in entry.get_family() if isinstance(m, Text)]
            (marker,) = [m for m in entry.submobjects if isinstance(m, Circle | Square)]
            entries.append((words.original_text, type(marker), marker.get_fill_color().to_hex().upper()))
        view["legend"] = entries
    return view


# -- the builds -------------------------------------------------------------------------------------


def _build(folder: Path, data: tuple | None):
    from scenes import settings, story
    from tests.scene_checks import build

    with pytest.MonkeyPatch.context() as patch:
        if data is not None:
            path = folder / "data.csv"
            rows = "".join(f"{float(a)!r},{int(b)}\n" for a, b in zip(*data, strict=True))
            path.write_text("x,y\n" + rows, encoding="utf-8")
            patch.setenv("BCE_DATA", str(path))
        settings.current_settings.cache_clear()
        settings.current_story.cache_clear()
        try:
            return build(story.FullStory, folder / "media", inside=False, view=meaning_view)
        finally:
            settings.current_settings.cache_clear()
            settings.current_story.cache_clear()


@pytest.fixture(scope="module")
def default_build(tmp_path_factory):
    data = default_dataset()
    return _build(tmp_path_factory.mktemp("meaning"), None), Oracle(data.x, data.y)


@pytest.fixture(scope="module")
def turned_build(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("turned"), TURNED), Oracle(*TURNED)


@pytest.fixture(params=["default", "turned"])
def built(request):
    """The story and its oracle, on the article's points and on the four that turn the notes."""
    return request.getfixturevalue(f"{request.param}_build")


def plays_of(full, chapter: str) -> range:
    starts = [*full.section_starts, len(full.snapshots)]
    index = NAMES.index(chapter)
    return range(starts[index], starts[index + 1])


def views_of(full, chapter: str) -> list[dict]:
    return [full.snapshots[i].view for i in plays_of(full, chapter)]


def end_of(full, chapter: str) -> dict:
    return full.snapshots[plays_of(full, chapter)[-1]].view


def f4(value: float) -> str:
    return f"{value:.4f}"


def clipped(oracle: Oracle) -> bool:
    """The fit gives some point a probability within CLIP_EPS of 0 or 1."""
    return bool(np.any(np.minimum(oracle.prob_green, 1 - oracle.prob_green) < CLIP_EPS))


def fold_is_exact(oracle: Oracle) -> bool:
    """The green and red sums as shown, over N, round to the mean as shown."""
    total = Decimal(oracle.shown_green) + Decimal(oracle.shown_red)
    return f"{total / len(oracle.y):.4f}" == f4(oracle.mean_loss)


def texts(view: dict, opacity: float = 0.5) -> list[Painted]:
    return [p for p in view["painted"] if not p.formula and p.opacity >= opacity]


# -- labels against the things they name ---------------------------------------------------------------


def test_the_datasets_turn_the_notes_conditions():
    """The second dataset is there for the notes: each condition holds on one dataset, fails on the other."""
    data = default_dataset()
    default, turned = Oracle(data.x, data.y), Oracle(*TURNED)
    assert (clipped(default), fold_is_exact(default), default.likelihood_is_exact) == (False, True, True)
    assert (clipped(turned), fold_is_exact(turned), turned.likelihood_is_exact) == (True, False, False)


def test_each_rung_is_named_for_the_model_it_stands_for(built):
    """A rung's name against its model: the coin flip costs ln 2 and draws 0.5; the class rate costs
    H(q) and draws q(1); scikit-learn's fit costs the mean log loss and draws its curve; no penalty
    costs the unpenalised loss and draws that fit. The line, the name and the thumbnail share a colour."""
    full, oracle = built
    view = end_of(full, "ladder")
    free = oracle.free_model.predict_proba
    meaning = {
        WORDS["ladder_coin"]: (np.log(2), lambda x: np.full(len(x), 0.5)),
        WORDS["ladder_rate"]: (oracle.entropy_q, lambda x: np.full(len(x), oracle.q[1])),
        WORDS["ladder_fit"]: (oracle.mean_loss, oracle.green),
        WORDS["ladder_free"]: (oracle.ladder[3], lambda x: free(np.asarray(x).reshape(-1, 1))[:, 1]),
    }
    cards = view["rung_cards"]
    assert sorted(name for name, *_ in cards) == sorted(meaning), "a rung missing, or named twice"
    to_loss = axis_map(view["value_ticks"])
    start, end, _ = full.scene.story.x_range
    for (name, name_colours, cost, line_colour), (height, _), model in zip(
        cards, view["rungs"], view["rung_models"], strict=True
    ):
        want_cost, want_model = meaning[name]
        assert to_loss(height) == pytest.approx(want_cost, abs=2e-3), f"{name!r} stands at another model's cost"
        assert cost == f4(want_cost), f"{name!r} says {cost}, its model costs {f4(want_cost)}"
        curve, origin, width, thumb_height, thumb_colour = model
        xs = start + (curve[:, 0] - origin[0]) / width * (end - start)
        drawn = (curve[:, 1] - origin[1]) / thumb_height
        assert drawn == pytest.approx(want_model(xs), abs=2e-3), f"{name!r} shows another model"
        assert name_colours == {line_colour} and thumb_colour == line_colour, f"{name!r} not in its rung's colour"
    assert len({line_colour for *_, line_colour in cards}) == len(cards), "two rungs share a colour"


# What each axis counts, and the chapters it stands in: the title must name it. Checked with it: the
# things drawn against the axis are that quantity (curve, bars), read off its ticks.
TITLED = [
    ("value", WORDS["prob_green"], ["sigmoid_fit", "positive_bars", "negative_bars", "all_bars", "side_by_side"]),
    ("value", WORDS["prob_true_class"], ["reposition", "log_curve", "likelihood"]),
    ("value", WORDS["loss"], ["losses", "average", "entropy", "cross_entropy", "kl_divergence", "ladder"]),
    ("value", "q(y)", ["distribution"]),
    ("model", WORDS["prob_green"], ["entropy", "cross_entropy", "loss_at_work"]),
    ("loss_curve", WORDS["loss"], ["log_curve", "losses"]),
    ("loss_curve_across", WORDS["p"], ["log_curve", "losses"]),
    ("stack", WORDS["loss"], ["back_to_loss", "likelihood"]),
    ("entropy", WORDS["entropy"], ["entropy"]),
]


@pytest.mark.parametrize(("axis", "title", "chapters"), TITLED, ids=[f"{a}-{t}" for a, t, _ in TITLED])
def test_each_axis_is_titled_with_its_quantity(built, axis, title, chapters):
    full, _ = built
    for chapter in chapters:
        drawn = [v["titles"][axis] for v in views_of(full, chapter) if axis in v["titles"]]
        assert drawn, f"no {axis} axis in {chapter}"
        assert read_title(drawn[-1], upright=axis == "loss_curve_across") == title, f"{chapter}: {axis} axis"


def _bars_from_zero(view: dict) -> list[tuple[float, float, str]]:
    """(bottom, top, colour) of the bars standing on the value axis, left to right."""
    return [(bottom, top, colour) for _, bottom, top, _, colour in sorted(view["bars"])]


def test_what_stands_on_each_titled_axis_is_its_quantity(built):
    """P(green): the curve; P(true class): each bar, its point's probability of its true class;
    loss: each bar, its point's loss. Read off the ticks of the axis so titled."""
    full, oracle = built
    p_true_by_x, loss_by_x = oracle.prob_true[oracle.by_x], oracle.losses[oracle.by_x]
    view = end_of(full, "sigmoid_fit")
    to_x, to_p = axis_map(view["x_ticks"]), axis_map(view["value_ticks"])
    assert read_title(view["titles"]["value"]) == WORDS["prob_green"]
    assert to_p(view["curve"][:, 1]) == pytest.approx(oracle.green(to_x(view["curve"][:, 0])), abs=2e-3)
    for chapter, title, want in (
        ("reposition", WORDS["prob_true_class"], p_true_by_x),
        ("likelihood", WORDS["prob_true_class"], p_true_by_x),
        ("average", WORDS["loss"], loss_by_x),
    ):
        view = end_of(full, chapter)
        assert read_title(view["titles"]["value"]) == title
        to_value = axis_map(view["value_ticks"])
        bars = _bars_from_zero(view)
        heights = [to_value(top) - to_value(bottom) for bottom, top, _ in bars]
        assert to_value(bars[0][0]) == pytest.approx(0, abs=2e-3)
        assert heights == pytest.approx(want, abs=5e-3), f"{chapter}: the bars are not {title}"
        assert [c for *_, c in bars] == [palette.class_colour(y).upper() for y in oracle.y[oracle.by_x]]


def test_the_legend_names_each_class_by_its_colour_and_shape(built):
    full, _ = built
    legends = [v["legend"] for v in views_of(full, "labels") if "legend" in v]
    assert legends, "no legend"
    want = {WORDS["legend_positive"]: (Circle, POSITIVE), WORDS["legend_negative"]: (Square, NEGATIVE)}
    assert {words: (kind, colour) for words, kind, colour in legends[-1]} == want


def test_every_class_name_on_screen_is_in_its_class_colour(built):
    """'y = 1' in the positive colour and 'y = 0' in the negative one, wherever written (row labels,
    the bars of q(y)); 'green: ...' and 'red: ...' never in the other class's colour."""
    full, _ = built
    seen = set()
    for snapshot in full.snapshots:
        for text in texts(snapshot.view):
            match = re.fullmatch(r"y = ([01])", text.text)
            if match:
                label = int(match.group(1))
                assert text.colours == {palette.class_colour(label).upper()}, f"{text.text!r} in {text.colours}"
                seen.add(label)
    assert seen == {0, 1}


# -- formula terms in the colours of their classes -----------------------------------------------------


def _parts(full) -> list[Painted]:
    return list(dict.fromkeys(p for s in full.snapshots for p in s.view["painted"] if p.formula and p.opacity > 0.5))


def test_the_bce_formulas_terms_are_in_their_classes_colours(built):
    """y_i ln p_i, the green points' term, in the positive colour; (1 - y_i) ln(1 - p_i) in the negative."""
    full, _ = built
    terms = {0: 0, 1: 0}
    for part in _parts(full):
        green = re.search(r"y_i\s*\\ln\s*p_i", part.text) and not re.search(r"1\s*-\s*y_i", part.text)
        red = re.search(r"\(1\s*-\s*y_i\)\s*\\ln\s*\(1\s*-\s*p_i\)", part.text) and not re.search(
            r"(?<!-)y_i\s*\\ln\s*p_i", part.text
        )
        for label, is_term in ((1, green), (0, red)):
            if is_term:
                assert part.colours == {palette.class_colour(label).upper()}, f"{part.text!r} in {part.colours}"
                terms[label] += 1
    assert terms[0] and terms[1], "the formula's class terms were never drawn apart"


def test_the_fold_writes_the_green_sum_in_green_and_the_red_sum_in_red(built):
    """1/N [green + red] = mean: the first sum is the green losses' (as shown), in the positive
    colour; the second the red ones', in the negative; '=' only where the shown sums give the mean."""
    full, oracle = built
    fold = r"\\frac\{1\}\{(\d+)\}\\big\[(.*)\+(.*)\\big\]\s*(=|\\approx)"
    seen = 0
    for part in _parts(full):
        match = re.search(fold, part.formula.replace(" ", ""))
        if not match:
            continue
        seen += 1
        n, green, red, relation = match.groups()
        assert int(n) == len(oracle.y)
        assert (green, red) == (oracle.shown_green, oracle.shown_red), "the sums in the wrong order"
        assert relation == ("=" if fold_is_exact(oracle) else r"\approx")
        want = {green: POSITIVE, red: NEGATIVE} if green != red else {}
        if part.text.strip() in want:
            assert part.colours == {want[part.text.strip()]}, f"the sum {part.text} in {part.colours}"
    assert seen, "the fold was never drawn"
    # The stacks' totals above their columns: the green sum in the positive colour, the red in the negative.
    totals = {(t.text, c) for v in views_of(full, "back_to_loss") for t in texts(v) for c in t.colours}
    assert {(oracle.shown_green, POSITIVE), (oracle.shown_red, NEGATIVE)} <= totals


def _share_class(oracle: Oracle, numerator: str, n: str) -> set[int]:
    """The classes whose share of the points is numerator / n."""
    counts = np.bincount(oracle.y, minlength=2)
    return {label for label in (0, 1) if counts[label] == int(numerator) and len(oracle.y) == int(n)}


def test_the_entropy_and_cross_entropy_terms_are_in_their_classes_colours(built):
    """H(q) = -[q(0) ln q(0) + q(1) ln q(1)] and H_p(q) = -[q(0) ln p(0) + q(1) ln p(1)]: each term
    is the class whose share weighs it, in that class's colour; the p in it is the model's for that class."""
    full, oracle = built
    share = r"\\tfrac\{(\d+)\}\{(\d+)\}"
    entropy_terms, cross_terms = set(), set()
    for part in _parts(full):
        own = re.fullmatch(rf"\s*{share}\s*\\ln\s*{share}\s*", part.text)
        other = re.fullmatch(rf"\s*{share}\s*\\ln\s*(\d\.\d\d)\s*", part.text)
        if own:
            assert own.group(1, 2) == own.group(3, 4), f"{part.text}: the entropy weighs ln q by another share"
            classes = _share_class(oracle, *own.group(1, 2))
            entropy_terms |= classes
        elif other:
            classes = _share_class(oracle, *other.group(1, 2))
            assert {f"{oracle.other[c]:.2f}" for c in classes} == {other.group(3)}, f"{part.text}: another class's p"
            cross_terms |= classes
        else:
            continue
        assert classes, f"{part.text}: no class has that share"
        assert part.colours <= {palette.class_colour(c).upper() for c in classes} and len(part.colours) == 1
    assert entropy_terms == cross_terms == {0, 1}


def test_the_shares_and_one_points_loss_are_in_their_classes_colours(built):
    """q(y=k) = count/N = share in class k's colour; the worked point's loss in its class's colour;
    the model's distribution (1 - c, c), red first, each in its class's colour (where it is drawn)."""
    full, oracle = built
    worst = int(np.argmax(oracle.losses))
    shares, point_loss = set(), False
    for part in _parts(full):
        share = re.search(r"q\(y\{=\}([01])\)\s*=\s*\\frac\{(\d+)\}\{(\d+)\}\s*=\s*([\d.]+)", part.text)
        if share:
            label = int(share.group(1))
            assert int(share.group(2)) == np.sum(oracle.y == label) and share.group(4) == f4(oracle.q[label])
            assert part.colours == {palette.class_colour(label).upper()}, f"{part.text} in {part.colours}"
            shares.add(label)
        if r"H_{\mathbf{p}_i}(q_i)" in part.formula and part.text.strip() == oracle.shown_losses[worst]:
            assert part.colours == {palette.class_colour(oracle.y[worst]).upper()}, "the point's loss in another colour"
            point_loss = True
        if re.search(r"\\mathbf\{p\}\s*=\s*\(", part.formula):  # p = (1 - c, c)
            want = {"1 - c": NEGATIVE, "c": POSITIVE}.get(part.text.strip())
            assert want is None or part.colours == {want}, f"{part.text} of the model's distribution in {part.colours}"
    assert shares == {0, 1} and point_loss


# -- notes present exactly where their condition holds ------------------------------------------------


def test_the_clipped_note_is_there_exactly_when_probabilities_were_clipped(built):
    full, oracle = built
    note = WORDS["clipped"].format(eps=f"{CLIP_EPS:g}")
    with_note = [v for v in views_of(full, "average") if any(t.text == note for t in texts(v))]
    assert bool(with_note) == clipped(oracle), "clipped note " + ("missing" if clipped(oracle) else "without clipping")
    if with_note:  # it says so where the result is
        assert end_of(full, "average")["result"] == f4(oracle.mean_loss)
        assert any(t.text == note for t in texts(end_of(full, "average")))
    # And nowhere else.
    elsewhere = [i for i, s in enumerate(full.snapshots) if any(t.text == note for t in texts(s.view))]
    assert all(i in plays_of(full, "average") or i in plays_of(full, "code") for i in elsewhere)


def test_the_likelihood_says_equal_or_about_as_the_digits_allow(built):
    """ "= -ln L" where -ln of the likelihood as written rounds to the sum of the losses, "≈ -ln L"
    where it does not; "÷ N =" where the sum over N rounds to the mean, "÷ N ≈" where not."""
    full, oracle = built
    n = len(oracle.y)
    written = {t.text for t in texts(end_of(full, "likelihood"))}
    exact, near = WORDS["is_log_likelihood"], WORDS["near_log_likelihood"]
    assert (exact in written, near in written) == (oracle.likelihood_is_exact, not oracle.likelihood_is_exact)
    divided, divided_near = WORDS["divided_by"].format(n=n), WORDS["divided_by_near"].format(n=n)
    assert (divided in written, divided_near in written) == (fold_is_exact(oracle), not fold_is_exact(oracle))
    assert {oracle.shown_total, f4(oracle.mean_loss)} <= written
    assert read_number(oracle.shown_total) == pytest.approx(
        float(Decimal(oracle.shown_green) + Decimal(oracle.shown_red))
    )


def test_the_model_charts_axis_is_titled_p_green_and_its_curve_is_p_green(built):
    """The model chart's axis is titled P(green): its curve at the end of the replay is the fit's P(green)."""
    full, oracle = built
    view = end_of(full, "loss_at_work")
    assert read_title(view["titles"]["model"]) == WORDS["prob_green"]
    to_p = axis_map(view["model_curve_ticks"])
    # x across, read from where the points stand (the chart writes no x ticks).
    dots_x = np.array([x for x, _ in view["model_dots"]])
    slope, offset = np.polyfit(dots_x, oracle.x, 1)
    curve = view["model_curve"]
    assert to_p(curve[:, 1]) == pytest.approx(oracle.green(slope * curve[:, 0] + offset), abs=3e-3)
