"""Mutation check, run by hand (not in CI): plant realistic bugs one at a time, see if the suite notices.

    .venv/bin/python -m tests.mutants            # every mutant (about an hour on 2 cores)
    .venv/bin/python -m tests.mutants 3 7        # only mutants 3 and 7

Each mutant is one edit of the code as committed, applied to a copy of the project (git archive
of HEAD) and tested with the suite's fast files plus the headless oracle, stopping at the first
failure. A mutant the suite misses is printed with its description: a test to write.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Fast files first: most mutants die in seconds; the scene ones need the one headless build.
TESTS = [
    "tests/bce_math/test_math.py",
    "tests/narration/test_narration.py",
    "tests/tracks/test_subtitles.py",
    "tests/stage/test_layout.py",
    "tests/publish/test_lab_model.py",
    "tests/publish/test_lab_page.py",
    "tests/chapters/test_screen_against_oracle.py",
    "tests/chapters/test_frames.py",
    "tests/chapters/test_meaning.py",
]

# (file, code as committed, the bug, what a viewer or reader would get)
MUTANTS: list[tuple[str, str, str, str]] = [
    (
        "bce_math/losses.py",
        "np.where(y == 1, p, 1.0 - p)",
        "np.where(y == 0, p, 1.0 - p)",
        "probability of the wrong class",
    ),
    ("bce_math/losses.py", "CLIP_EPS, 1.0 - CLIP_EPS)", "CLIP_EPS, 1.0)", "clipping only at 0"),
    ("bce_math/walkthrough.py", "float(losses[y == 1].sum())", "float(losses[y == 0].sum())", "green sum from red"),
    ("bce_math/walkthrough.py", "float(prob_green.mean())", "float(np.median(prob_green))", "median for mean"),
    ("bce_math/walkthrough.py", "    return (0.5, 0.5)", "    return (0.4, 0.6)", "the other guess is not 50/50"),
    ("bce_math/walkthrough.py", "MEMORABLE_PROBABILITY = 0.01", "MEMORABLE_PROBABILITY = 0.02", "the example moved"),
    (
        "bce_math/information.py",
        "float(-np.sum(q[support] * _log(q[support], base)))",
        "float(-np.sum(q[support] * _log(q[support], 2)))",
        "entropy in bits",
    ),
    (
        "scenes/chapters/picture.py",
        "point.animate.move_to(chart.point(x, y))",
        "point.animate.move_to(chart.point(x, 1 - y))",
        "rows swapped",
    ),
    (
        "scenes/chapters/picture.py",
        "charts.class_point(y, point.get_center())",
        "charts.class_point(1 - y, point.get_center())",
        "class colours swapped",
    ),
    (
        "scenes/stage/charts.py",
        "Circle(radius=POINT_RADIUS * 1.15) if label_value == 1 else",
        "Circle(radius=POINT_RADIUS * 1.15) if label_value == 0 else",
        "shapes swapped",
    ),
    ("scenes/stage/charts.py", "sigmoid(w * xs + b)", "sigmoid(w * xs - b)", "curve with the wrong sign of b"),
    (
        "scenes/chapters/picture.py",
        "charts.vertical_value(p_true, anchor, readable[i])",
        "charts.vertical_value(p_green, anchor, readable[i])",
        "red bars labelled P(green)",
    ),
    (
        "scenes/chapters/picture.py",
        "chart.p_to_screen(p_green), TOP_Y, width, palette.NEGATIVE)",
        "chart.p_to_screen(p_green), TOP_Y, width, palette.POSITIVE)",
        "red bars drawn green",
    ),
    (
        "scenes/chapters/picture.py",
        "        top = loss_axis.y_of(loss)\n",
        "        top = stage.value_axis.y_of(loss)\n",
        "loss bars on the probability axis",
    ),
    (
        "scenes/chapters/picture.py",
        "mean_y = axis.y_of(story.mean_loss)",
        "mean_y = axis.y_of(story.mean_prob_green)",
        "mean line at the wrong value",
    ),
    (
        "scenes/chapters/picture.py",
        'live.Result(word("bce"), story.mean_loss)',
        'live.Result(word("bce"), story.entropy_q)',
        "result shows H(q)",
    ),
    (
        "scenes/chapters/picture.py",
        "for slot, index in enumerate(order):",
        "for slot, index in enumerate(sorted(order)):",
        "bars side by side in file order, not x order",
    ),
    (
        "scenes/stage/live.py",
        "        loss = -math.log(probability)\n",
        "        loss = -math.log10(probability)\n",
        "tracer on log10",
    ),
    (
        "scenes/stage/charts.py",
        "[self.point(p, -math.log(p)) for p in ps]",
        "[self.point(p, -math.log2(p)) for p in ps]",
        "loss curve in bits",
    ),
    (
        "scenes/stage/live.py",
        "self.b.set_value(trajectory.b[step])",
        "self.b.set_value(trajectory.b[max(step - 1, 0)])",
        "readout one step behind",
    ),
    ("scenes/stage/live.py", "            swapped_out(self.value_text)\n", "", "live value overprints"),
    (
        "scenes/chapters/information.py",
        '= {fmt(story.q[cls])}",',
        '= {fmt(story.q[1 - cls])}",',
        "fraction and decimal disagree",
    ),
    (
        "scenes/chapters/information.py",
        '(rf"> H(q) = {fmt(story.entropy_q)}"',
        '(rf"< H(q) = {fmt(story.entropy_q)}"',
        "false inequality",
    ),
    (
        "scenes/chapters/back_to_loss.py",
        "(fmt(v) for v in (story.shown.positive_loss_sum, story.shown.negative_loss_sum))",
        "(fmt(v) for v in (story.shown.negative_loss_sum, story.shown.positive_loss_sum))",
        "green and red sums swapped",
    ),
    (
        "scenes/stage/live.py",
        "top = axis.y_of(losses[now()][i])",
        "top = axis.y_of(losses[steps[0]][i])",
        "loss bars frozen while the model moves, then jump",
    ),
    (
        "scenes/chapters/information.py",
        "charts.loss_bars(story, axis, story.flat_path.losses[-1], scene.readable_values)",
        "_loss_bars(scene, axis, story.flat_path.losses[0])",
        "bars of another flat model than the one drawn",
    ),
    (
        "scenes/stage/live.py",
        "        value = float(binary_entropy(share))\n",
        "        value = float(binary_entropy(share / 2))\n",
        "the entropy dot leaves its curve",
    ),
    (
        "scenes/chapters/information.py",
        "rise = (Chart.p_to_screen(1.0) - BASELINE_Y) / story.n",
        "rise = (Chart.p_to_screen(1.0) - BASELINE_Y) / (story.n + 1)",
        "piles not as tall as their bars",
    ),
    (
        "scenes/narration/__init__.py",
        '"n_positive": str(story.n_positive)',
        '"n_positive": str(story.n_negative)',
        "caption counts swapped",
    ),
    (
        "scenes/narration/__init__.py",
        "fmt(story.memorable_loss, 1)",
        "fmt(story.memorable_probability, 1)",
        "caption quotes the wrong value",
    ),
    (
        "scenes/chapters/picture.py",
        "    stage = scene.stage\n    # Drop: the hanging bars fall onto 0.\n",
        "    stage = scene.stage\n    stage.value_axis.shift(0.2 * RIGHT)\n    # Drop: the hanging bars fall onto 0.\n",
        "the axis jumps at a cut",
    ),
    (
        "bce_math/walkthrough.py",
        "self.flat_rate_loss, self.mean_loss, self.unpenalised_loss)",
        "self.flat_rate_loss, self.unpenalised_loss, self.mean_loss)",
        "ladder rungs swapped",
    ),
    (
        "scenes/chapters/ladder.py",
        "lettering.label(word(key), fonts.LABEL_SIZE, colour), lettering.number(cost))",
        "lettering.label(word(key), fonts.LABEL_SIZE, colour), lettering.number(story.ladder[0]))",
        "every rung labelled alike",
    ),
    (
        "scenes/chapters/picture.py",
        "curve.point(0, loss_worst), color=colour",
        "curve.point(0, p_worst), color=colour",
        "the lesson draws the probability as the loss",
    ),
    (
        "scenes/narration/__init__.py",
        '"likelihood": fmt_small(story.shown.likelihood_partials[-1], story.shown.likelihood_decimals)',
        '"likelihood": fmt_small(story.shown.loss_sum, story.shown.likelihood_decimals)',
        "caption quotes -ln L as L",
    ),
    (
        "scenes/publish/web/lab/model.js",
        "(ys[i] === 1 ? p : 1 - p)",
        "(ys[i] === 1 ? 1 - p : p)",
        "the lab's bars show the wrong class",
    ),
    (
        "scenes/publish/web/lab/model.js",
        "gradient: [g0 + phi[0] * penalty, g1]",
        "gradient: [g0, g1]",
        "the lab fits without the penalty",
    ),
    (
        "scenes/tracks/subtitles.py",
        "MAX_CUE_SECONDS = 7.0",
        "MAX_CUE_SECONDS = 70.0",
        "narrated cues longer than 7 s",
    ),
    (
        "scenes/publish/web/lab/lab.js",
        'if (count(point.y) === 1) return say(word("rule_classes"));\n      remember("switch");',
        'remember("switch");',
        "the lab lets a class lose its last point",
    ),
    (
        "bce_math/shown.py",
        "losses = tuple(loss_of_shown(p) for p in prob_true_class)",
        "losses = tuple(as_shown(-math.log(max(p, CLIP_EPS))) for p in prob_true_class)",
        "a loss bar computed from the unrounded probability again",
    ),
    (
        "scenes/chapters/back_to_loss.py",
        "shown_sum = story.shown.positive_loss_sum if label == 1 else story.shown.negative_loss_sum",
        "shown_sum = tops[-1]",
        "a stack labelled with the sum of unrounded losses",
    ),
    (
        "scenes/narration/en.toml",
        'mean = "Divide by {n}: {mean_loss}. The lower the log loss, the likelier the labels"',
        'mean = "Divide by {n}: {mean_loss}. Least log loss, most likely labels"',
        "a caption claiming the default fit is the most likely",
    ),
    (
        "bce_math/walkthrough.py",
        "flat_mean_loss(y, float(c))",
        "flat_mean_loss(np.array([0, 1]), float(c))",
        "the loss over c drawn as if the labels were half and half: its lowest point at 0.5",
    ),
    (
        "scenes/stage/live.py",
        "m.set_y(axis.y_of(means[now()]))",
        "m.set_y(axis.y_of(means[max(now() - 1, 0)]))",
        "the replayed mean line one step behind its curve",
    ),
    (
        "scenes/chapters/ladder.py",
        "zip(RUNGS, story.ladder, story.ladder_models, strict=True)",
        "zip(RUNGS, story.ladder, story.ladder_models[:2] + story.ladder_models[:1:-1], strict=True)",
        "the fit's and the unpenalised fit's thumbnails swapped",
    ),
    # Words and colours against their meaning (tests/chapters/test_meaning.py).
    (
        "scenes/chapters/ladder.py",
        'RUNGS = (("ladder_coin", "MUTED"), ("ladder_rate", "LOSS"), ("ladder_fit", "CURVE"), ("ladder_free", "TEXT"))',
        'RUNGS = (("ladder_free", "TEXT"), ("ladder_rate", "LOSS"), ("ladder_fit", "CURVE"), ("ladder_coin", "MUTED"))',
        "the coin flip's rung named 'no penalty on w' and the other way round",
    ),
    (
        "scenes/chapters/ladder.py",
        "lettering.label(word(key), fonts.LABEL_SIZE, colour)",
        "lettering.label(word(key), fonts.LABEL_SIZE, palette.TEXT)",
        "a rung's name not in its line's colour",
    ),
    (
        "scenes/chapters/back_to_loss.py",
        "positive, negative = palette.class_colour(1), palette.class_colour(0)",
        "positive, negative = palette.class_colour(0), palette.class_colour(1)",
        "the formula's green term and green sum drawn red, the red ones green",
    ),
    (
        "scenes/chapters/information.py",
        '(rf"{_share(counts[0], story.n)}\\ln {_share(counts[0], story.n)}", palette.class_colour(0)),',
        '(rf"{_share(counts[0], story.n)}\\ln {_share(counts[0], story.n)}", palette.class_colour(1)),',
        "H(q)'s red term drawn green",
    ),
    ("scenes/chapters/picture.py", "if story.clipped:", "if not story.clipped:", "the clipped note without clipping"),
    ("scenes/chapters/picture.py", "if story.clipped:", "if False:", "no clipped note where they were clipped"),
    (
        "scenes/chapters/likelihood.py",
        '"is_log_likelihood" if story.shown.likelihood_is_exact else "near_log_likelihood"',
        '"near_log_likelihood" if story.shown.likelihood_is_exact else "is_log_likelihood"',
        "'= -ln L' where the digits give only '≈', and the other way round",
    ),
    (
        "scenes/chapters/likelihood.py",
        '"divided_by" if story.shown.fold_is_exact else "divided_by_near"',
        '"divided_by"',
        "'÷ N =' where the shown sum over N does not round to the mean",
    ),
    (
        "scenes/stage/charts.py",
        '((1, word("legend_positive")), (0, word("legend_negative")))',
        '((1, word("legend_negative")), (0, word("legend_positive")))',
        "the legend calls the green circle red",
    ),
    (
        "scenes/chapters/picture.py",
        'charts.axis_title(word("prob_true_class"))',
        'charts.axis_title(word("prob_green"))',
        "bars of the true class's probability on an axis titled P(green)",
    ),
    (
        "scenes/stage/charts.py",
        'label("y = 1", fonts.TICK_SIZE, palette.POSITIVE)',
        'label("y = 1", fonts.TICK_SIZE, palette.NEGATIVE)',
        "the row label y = 1 in the negative class's colour",
    ),
]


def _pytest() -> list[str]:
    return [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *TESTS]


def run(indices: list[int]) -> None:
    caught, missed = [], []
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder)
        archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(copy)], input=archive, check=True)
        # What git does not hold but the tests need: d3's and reveal.js's files from npm.
        (copy / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
        clean_run = subprocess.run(_pytest(), cwd=copy, capture_output=True, text=True)
        if clean_run.returncode != 0:
            print("the copy fails before any mutant: fix that first\n" + clean_run.stdout[-3000:], flush=True)
            sys.exit(1)
        for index in indices:
            path, original, bug, what = MUTANTS[index]
            target = copy / path
            clean = target.read_text(encoding="utf-8")
            if clean.count(original) != 1:
                print(f"{index:2d} INVALID {path}: the code to mutate is not there exactly once", flush=True)
                continue
            target.write_text(clean.replace(original, bug), encoding="utf-8")
            start = time.monotonic()
            test = subprocess.run(_pytest(), cwd=copy, capture_output=True, text=True)
            target.write_text(clean, encoding="utf-8")
            failed = [line for line in test.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
            verdict = "caught" if test.returncode != 0 else "MISSED"
            (caught if test.returncode != 0 else missed).append(index)
            print(f"{index:2d} {verdict:6s} {time.monotonic() - start:5.0f} s  {what}  {failed[:1]}", flush=True)
    total = len(caught) + len(missed)
    print(f"caught {len(caught)} of {total} ({100 * len(caught) / max(total, 1):.0f} %); missed: {missed}")


if __name__ == "__main__":
    run([int(a) for a in sys.argv[1:]] or list(range(len(MUTANTS))))
