"""Run the on-screen scikit-learn program on the data in use, as the render happens.

Its output is kept in the media folder, named after the program, the points and the versions of
Python, NumPy and scikit-learn: a re-render of the same data shows it without running the program
again (about 1.5 s, in each of make video's processes); anything that could change it runs it again.
"""

from __future__ import annotations

import hashlib
import platform
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import numpy
import sklearn
from manim import config

from bce_math import Walkthrough
from scenes.atomic import written_atomically

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fit_and_score.py"


def example_source() -> str:
    """The program as shown on screen: the file itself, without its docstring."""
    text = EXAMPLE.read_text(encoding="utf-8")
    return text.split('"""', 2)[2].strip() + "\n"


def example_output(story: Walkthrough) -> str:
    """What the program prints for this story's points. A failure stops the render in one line."""
    return _run(story.x, story.y)


@cache
def _run(xs: tuple[float, ...], ys: tuple[int, ...]) -> str:
    rows = "x,y\n" + "".join(f"{x!r},{y}\n" for x, y in zip(xs, ys, strict=True))
    versions = f"{platform.python_version()} {numpy.__version__} {sklearn.__version__}"
    key = hashlib.sha256(f"{EXAMPLE.read_text(encoding='utf-8')}\n{rows}\n{versions}".encode()).hexdigest()[:24]
    kept = Path(config.media_dir) / "example" / f"{key}.txt"
    if kept.exists():
        return kept.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        points = Path(folder) / "points.csv"
        points.write_text(rows, encoding="utf-8")
        run = subprocess.run([sys.executable, str(EXAMPLE), str(points)], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        last_line = (run.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"error: {EXAMPLE}:1: the example program failed: {last_line}", file=sys.stderr)
        raise SystemExit(2)
    kept.parent.mkdir(parents=True, exist_ok=True)
    with written_atomically(kept) as partial:
        partial.write_text(run.stdout, encoding="utf-8")
    return run.stdout
