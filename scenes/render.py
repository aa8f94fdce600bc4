"""Render the full story on every core: one process per chapter, joined without re-encoding.

    python -m scenes.render -qh            # media/videos/story/1080p60/FullStory.mp4
    python -m scenes.render -ql --jobs 2

Each chapter scene starts from exactly the state the previous chapters leave, so the chapter
clips, concatenated in order with ffmpeg's concat demuxer (stream copy), play as FullStory does.
The joined file replaces the old one only once it is complete.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scenes.chapters import CHAPTERS, scene_name
from scenes.settings import current_story

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"-ql": "480p15", "-qm": "720p30", "-qh": "1080p60", "-qp": "1440p60", "-qk": "2160p60"}


def render_chapter(name: str, quality: str, media: Path) -> Path:
    # Each process gets its own media folder: Manim's text and TeX caches are not safe to fill
    # from two processes at once (they write the same file names).
    media = media / "chapters" / name
    command = [sys.executable, "-m", "manim", quality, "--media_dir", str(media), "scenes/story.py", name]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"error: scenes/story.py:1: chapter {name} failed to render: {reason}")
    return media / "videos" / "story" / FOLDERS[quality] / f"{name}.mp4"


def join(clips: list[Path], target: Path) -> None:
    """Concatenate clips losslessly into target, written atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as folder:
        listing = Path(folder) / "clips.txt"
        listing.write_text("".join(f"file '{clip}'\n" for clip in clips), encoding="utf-8")
        partial = Path(folder) / target.name
        ffmpeg = ["ffmpeg", "-y", "-loglevel", "error", "-f", "concat", "-safe", "0", "-i", str(listing)]
        subprocess.run([*ffmpeg, "-c", "copy", str(partial)], check=True)
        os.replace(partial, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenes.render", description="Render FullStory in parallel.")
    qualities = parser.add_mutually_exclusive_group()
    for flag in FOLDERS:
        qualities.add_argument(flag, dest="quality", action="store_const", const=flag, help=FOLDERS[flag])
    parser.set_defaults(quality="-qh")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--media_dir", type=Path, default=ROOT / "media")
    args = parser.parse_args(argv)

    current_story()  # bad BCE_DATA stops here, before any rendering
    names = [scene_name(chapter) for chapter in CHAPTERS]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        clips = list(pool.map(lambda name: render_chapter(name, args.quality, args.media_dir), names))
    target = args.media_dir / "videos" / "story" / FOLDERS[args.quality] / "FullStory.mp4"
    join(clips, target)
    print(f"{len(clips)} chapters in {time.perf_counter() - start:.0f} s on {args.jobs} processes")
    print(f"Video: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
