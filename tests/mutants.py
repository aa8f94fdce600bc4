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
    "tests/test_math.py",
    "tests/test_narration.py",
    "tests/test_subtitles.py",
    "tests/test_layout.py",
    "tests/test_oracle.py",
    "tests/test_scenes.py",
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
        "scenes/part1.py",
        "point.animate.move_to(chart.point(x, y))",
        "point.animate.move_to(chart.point(x, 1 - y))",
        "rows swapped",
    ),
    (
        "scenes/part1.py",
        "mobjects.class_point(y, point.get_center())",
        "mobjects.class_point(1 - y, point.get_center())",
        "class colours swapped",
    ),
    (
        "scenes/mobjects.py",
        "Circle(radius=POINT_RADIUS * 1.15) if label_value == 1 else",
        "Circle(radius=POINT_RADIUS * 1.15) if label_value == 0 else",
        "shapes swapped",
    ),
    ("scenes/mobjects.py", "sigmoid(w * xs + b)", "sigmoid(w * xs - b)", "curve with the wrong sign of b"),
    (
        "scenes/part1.py",
        "mobjects.vertical_value(p_true, anchor, readable[i])",
        "mobjects.vertical_value(p_green, anchor, readable[i])",
        "red bars labelled P(green)",
    ),
    (
        "scenes/part1.py",
        "chart.p_to_screen(p_green), TOP_Y, width, palette.NEGATIVE)",
        "chart.p_to_screen(p_green), TOP_Y, width, palette.POSITIVE)",
        "red bars drawn green",
    ),
    (
        "scenes/part1.py",
        "        top = loss_axis.y_of(loss)\n",
        "        top = stage.value_axis.y_of(loss)\n",
        "loss bars on the probability axis",
    ),
    (
        "scenes/part1.py",
        "mean_y = axis.y_of(story.mean_loss)",
        "mean_y = axis.y_of(story.mean_prob_green)",
        "mean line at the wrong value",
    ),
    (
        "scenes/part1.py",
        'mobjects.Result(word("bce"), story.mean_loss)',
        'mobjects.Result(word("bce"), story.entropy_q)',
        "result shows H(q)",
    ),
    (
        "scenes/part1.py",
        "for slot, index in enumerate(order):",
        "for slot, index in enumerate(sorted(order)):",
        "bars side by side in file order, not x order",
    ),
    (
        "scenes/mobjects.py",
        "        loss = -math.log(probability)\n",
        "        loss = -math.log10(probability)\n",
        "tracer on log10",
    ),
    (
        "scenes/mobjects.py",
        "[self.point(p, -math.log(p)) for p in ps]",
        "[self.point(p, -math.log2(p)) for p in ps]",
        "loss curve in bits",
    ),
    (
        "scenes/mobjects.py",
        "self.b.set_value(trajectory.b[step])",
        "self.b.set_value(trajectory.b[max(step - 1, 0)])",
        "readout one step behind",
    ),
    ("scenes/mobjects.py", "            swapped_out(self.value_text)\n", "", "live value overprints"),
    ("scenes/part3.py", '= {fmt(story.q[cls])}",', '= {fmt(story.q[1 - cls])}",', "fraction and decimal disagree"),
    (
        "scenes/part3.py",
        '(rf"> H(q) = {fmt(story.entropy_q)}"',
        '(rf"< H(q) = {fmt(story.entropy_q)}"',
        "false inequality",
    ),
    (
        "scenes/part3.py",
        "(fmt(v) for v in (story.positive_loss_sum, story.negative_loss_sum))",
        "(fmt(v) for v in (story.negative_loss_sum, story.positive_loss_sum))",
        "green and red sums swapped",
    ),
    (
        "scenes/part3.py",
        "top = axis.y_of(path.losses[now(), i])",
        "top = axis.y_of(path.losses[start, i])",
        "flat bars frozen while the line slides, then jump",
    ),
    (
        "scenes/part3.py",
        "_loss_bars(scene, axis, story.flat_path.losses[-1])",
        "_loss_bars(scene, axis, story.flat_path.losses[0])",
        "bars of another flat model than the one drawn",
    ),
    (
        "scenes/mobjects.py",
        "        value = float(binary_entropy(share))\n",
        "        value = float(binary_entropy(share / 2))\n",
        "the entropy dot leaves its curve",
    ),
    (
        "scenes/part3.py",
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
        "scenes/part1.py",
        '    stage = scene.stage\n    scene.say("reposition", "drop")',
        '    stage = scene.stage\n    stage.value_axis.shift(0.2 * RIGHT)\n    scene.say("reposition", "drop")',
        "the axis jumps at a cut",
    ),
    (
        "bce_math/walkthrough.py",
        "self.flat_rate_loss, self.mean_loss, self.unpenalised_loss)",
        "self.flat_rate_loss, self.unpenalised_loss, self.mean_loss)",
        "ladder rungs swapped",
    ),
    (
        "scenes/part3.py",
        "mobjects.number(cost)).arrange",
        "mobjects.number(costs[0])).arrange",
        "every rung labelled alike",
    ),
    (
        "scenes/part1.py",
        "curve.point(0, loss_worst), color=colour",
        "curve.point(0, p_worst), color=colour",
        "the lesson draws the probability as the loss",
    ),
    (
        "scenes/narration/__init__.py",
        '"likelihood": fmt(story.likelihood)',
        '"likelihood": fmt(story.neg_log_likelihood)',
        "caption quotes -ln L as L",
    ),
]


def run(indices: list[int]) -> None:
    caught, missed = [], []
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder)
        archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(copy)], input=archive, check=True)
        for index in indices:
            path, original, bug, what = MUTANTS[index]
            target = copy / path
            clean = target.read_text(encoding="utf-8")
            if clean.count(original) != 1:
                print(f"{index:2d} INVALID {path}: the code to mutate is not there exactly once", flush=True)
                continue
            target.write_text(clean.replace(original, bug), encoding="utf-8")
            start = time.monotonic()
            test = subprocess.run(
                [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *TESTS],
                cwd=copy,
                capture_output=True,
                text=True,
            )
            target.write_text(clean, encoding="utf-8")
            failed = [line for line in test.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
            verdict = "caught" if test.returncode != 0 else "MISSED"
            (caught if test.returncode != 0 else missed).append(index)
            print(f"{index:2d} {verdict:6s} {time.monotonic() - start:5.0f} s  {what}  {failed[:1]}", flush=True)
    total = len(caught) + len(missed)
    print(f"caught {len(caught)} of {total} ({100 * len(caught) / max(total, 1):.0f} %); missed: {missed}")


if __name__ == "__main__":
    run([int(a) for a in sys.argv[1:]] or list(range(len(MUTANTS))))
