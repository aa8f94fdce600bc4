"""Seconds of render per second of video for FullStory, at -ql and -qh, against the ffmpeg floor.

    .venv/bin/python benchmarks/render_speed.py            # both qualities
    .venv/bin/python benchmarks/render_speed.py -ql        # one

Each quality renders into a fresh media directory (no cache), then once more unchanged (cache hits).
The floor is ffmpeg alone encoding as many flat frames at the same size and rate.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUALITIES = {"-ql": ("480p15", "854x480", 15), "-qh": ("1080p60", "1920x1080", 60)}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def duration(video: Path) -> float:
    probe = ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(video)]
    return float(subprocess.run(probe, capture_output=True, text=True, check=True).stdout)


def ffmpeg_floor(size: str, rate: int, seconds: float, out: Path) -> float:
    source = f"color=c=0x14171C:s={size}:r={rate}:d={seconds:.2f}"
    command = ["ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", source, "-vcodec", "libx264"]
    return timed([*command, "-pix_fmt", "yuv420p", str(out)])


def main(qualities: list[str]) -> None:
    print(f"{'quality':8} {'video s':>8} {'wall s':>8} {'wall/video':>10} {'floor s':>8} {'ratio':>6} {'cached s':>9}")
    for quality in qualities:
        folder, size, rate = QUALITIES[quality]
        with tempfile.TemporaryDirectory() as media:
            manim = [sys.executable, "-m", "manim", quality, "--media_dir", media, "scenes/story.py", "FullStory"]
            wall = timed(manim)
            video_seconds = duration(Path(media) / "videos" / "story" / folder / "FullStory.mp4")
            cached = timed(manim)
            floor = ffmpeg_floor(size, rate, video_seconds, Path(media) / "floor.mp4")
        print(
            f"{quality:8} {video_seconds:8.1f} {wall:8.1f} {wall / video_seconds:10.2f} "
            f"{floor:8.1f} {wall / floor:6.1f} {cached:9.1f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:] or list(QUALITIES))
