"""How much of the frame each chapter uses: the share of pixels that differ from the background.

    .venv/bin/python benchmarks/ink_coverage.py                   # renders FullStory at -ql first
    .venv/bin/python benchmarks/ink_coverage.py media/videos/story/480p15/sections

Frames are sampled twice a second from each chapter clip; a pixel is ink when one of its channels
differs from the background by more than INK_THRESHOLD. Two measures, each chapter and each part's
mean: the share of ink pixels, and the share of the frame in use (CELL x CELL squares holding ink).
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scenes.stage import palette  # noqa: E402

INK_THRESHOLD = 30  # of 255: anti-aliased edges count, video noise does not
WIDTH, HEIGHT = 854, 480
CELL = 30  # pixels: a sixteenth of the height
PARTS = {"Part I (1-12)": range(1, 13), "Part III (14-21)": range(14, 22)}


def ink_share(clip: Path) -> tuple[float, float]:
    """Mean share of ink pixels, and of cells holding ink, over frames sampled at 2 per second."""
    decode = ["ffmpeg", "-v", "error", "-i", str(clip), "-vf", f"fps=2,scale={WIDTH}:{HEIGHT}"]
    raw = subprocess.run(
        [*decode, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True,
        check=True,
    ).stdout
    frames = np.frombuffer(raw, np.uint8).reshape(-1, HEIGHT, WIDTH, 3).astype(np.int16)
    background = np.array([int(palette.BACKGROUND[i : i + 2], 16) for i in (1, 3, 5)], np.int16)
    ink = np.abs(frames - background).max(axis=3) > INK_THRESHOLD
    rows, columns = HEIGHT // CELL, WIDTH // CELL
    cells = ink[:, : rows * CELL, : columns * CELL].reshape(len(ink), rows, CELL, columns, CELL).any(axis=(2, 4))
    return float(ink.mean()), float(cells.mean())


def report(sections: Path) -> None:
    shares = {}
    for section in json.loads(next(sections.glob("*.json")).read_text()):
        index = int(section["name"].split("_")[0])
        shares[index] = ink_share(sections / section["video"])
        print(f"{section['name']:28} ink {100 * shares[index][0]:5.1f} %   in use {100 * shares[index][1]:5.1f} %")
    for part, chapters in PARTS.items():
        pixels, cells = np.mean([shares[i] for i in chapters if i in shares], axis=0)
        print(f"{part:28} ink {100 * pixels:5.1f} %   in use {100 * cells:5.1f} %")


def main() -> None:
    if len(sys.argv) > 1:
        report(Path(sys.argv[1]))
        return
    with tempfile.TemporaryDirectory() as media:
        command = [sys.executable, "-m", "manim", "-ql", "--save_sections", "--media_dir", media]
        subprocess.run([*command, "scenes/story.py", "FullStory"], cwd=ROOT, check=True, capture_output=True)
        report(Path(media) / "videos" / "story" / "480p15" / "sections")


if __name__ == "__main__":
    main()
