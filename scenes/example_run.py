"""Run the on-screen scikit-learn program on the data in use, as the render happens."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

from bce_math import Walkthrough

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "fit_and_score.py"


def example_source() -> str:
    """The program as shown on screen: the file itself, without its docstring."""
    text = EXAMPLE.read_text(encoding="utf-8")
    return text.split('"""', 2)[2].strip() + "\n"


def example_output(story: Walkthrough) -> str:
    """What the program prints for this story's points. A failure stops the render in one line."""
    return _run(story.x, story.y)


@cache
def _run(xs: tuple[float, ...], ys: tuple[int, ...]) -> str:
    with tempfile.TemporaryDirectory() as folder:
        points = Path(folder) / "points.csv"
        rows = "".join(f"{x!r},{y}\n" for x, y in zip(xs, ys, strict=True))
        points.write_text("x,y\n" + rows, encoding="utf-8")
        run = subprocess.run([sys.executable, str(EXAMPLE), str(points)], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        last_line = (run.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"error: {EXAMPLE}:1: the example program failed: {last_line}", file=sys.stderr)
        raise SystemExit(2)
    return run.stdout
