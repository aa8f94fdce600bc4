"""One progress display for a render in several processes: chapters drawn of the total, frames
written, time elapsed and left.

A bar (tqdm, as Manim itself uses) on a terminal; plain lines, one per chapter, when the output
is a log (CI, a pipe); nothing with --quiet. The render's processes report each chapter they finish
by appending "name frames" to a file of their own (report_chapter); the parent reads them.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

from tqdm import tqdm


def report_chapter(path: Path, name: str, frames: int) -> None:
    """A process's report that it has drawn a chapter, and how many frames its video has so far."""
    with open(path, "a", encoding="utf-8") as file:
        file.write(f"{name} {frames}\n")


def chapters_reported(path: Path) -> tuple[int, int]:
    """(chapters finished, frames written) that one process has reported so far."""
    if not path.exists():
        return 0, 0
    lines = [line.split() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return len(lines), int(lines[-1][1]) if lines else 0


class Progress:
    """The whole job's progress; update() with the sums over its processes."""

    def __init__(self, total: int, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total, self.done, self.frames = total, 0, 0
        self.start = time.perf_counter()
        self.mode = "off" if quiet else ("bar" if self.stream.isatty() else "lines")
        self.bar = None
        if self.mode == "bar":
            self.bar = tqdm(total=total, desc="Rendering", unit="chapter", file=self.stream, dynamic_ncols=True)

    def update(self, done: int, frames: int) -> None:
        if (done, frames) == (self.done, self.frames):
            return
        finished, self.done, self.frames = done - self.done, done, frames
        if self.bar is not None:
            self.bar.set_postfix_str(f"{frames} frames", refresh=False)
            self.bar.update(finished)
        elif self.mode == "lines":
            # A line for every chapter, also when the two processes finish one each between two
            # looks (the frames are the latest count for both lines).
            elapsed = time.perf_counter() - self.start
            for count in range(done - finished + 1, done + 1):
                left = elapsed / count * (self.total - count)
                print(
                    f"[render] {count}/{self.total} chapters ({100 * count // self.total} %), {frames} frames, "
                    f"{elapsed:.0f} s elapsed, about {left:.0f} s left",
                    file=self.stream,
                    flush=True,
                )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
