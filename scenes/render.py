"""Render the full story on both cores: two processes, each a run of chapters, joined without re-encoding.

    python -m scenes.render -qh            # media/videos/story/1080p60/FullStory.mp4 (+ subtitles)
    python -m scenes.render -ql --split code

The first process renders the chapters before the split, the second runs through them (their
code runs, nothing is drawn) and renders the rest. Each animation is encoded on its own either way,
so the two videos, concatenated with ffmpeg's concat demuxer (stream copy), give the frames of a
serial FullStory render. The parts' subtitles are joined too, each shifted by the length of the
parts before it. The joined file replaces the old one only once it is complete. Each process keeps
its own media folder (Manim's text and TeX caches are not safe to fill from two processes at once),
so a re-render reuses each part's cached animations.
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

from scenes.chapters import CHAPTERS
from scenes.settings import current_settings, current_story, fail
from scenes.subtitles import join_subtitles

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"-ql": "480p15", "-qm": "720p30", "-qh": "1080p60", "-qp": "1440p60", "-qk": "2160p60"}
QUALITIES = {"-ql": "low_quality", "-qm": "medium_quality", "-qh": "high_quality"}
QUALITIES |= {"-qp": "production_quality", "-qk": "fourk_quality"}
# The first chapter of the second part. The second process also runs through the first part
# without drawing (~0.1 s per video second), so it gets less video; at -ql drawing is cheap and that
# run-through weighs more. Chosen so both processes end together (benchmarks/render_speed.py).
SPLIT = {"-ql": "distribution"}
DEFAULT_SPLIT = "average"
PART_NAME = "StoryPart"


def chapter_names(chapters: range) -> str:
    return f"{CHAPTERS[chapters.start].__name__}..{CHAPTERS[chapters.stop - 1].__name__}"


def run(command: list[str], what: str) -> None:
    """Run a tool; on failure stop with one line naming what failed.

    A Python child gets a fixed string-hash seed: Manim's TransformMatchingTex orders its parts by
    iterating a set, so without it that animation (and its cache key) changes from run to run.
    """
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        fail(f"{what} failed: {(result.stderr.strip().splitlines() or ['no output'])[-1]}")


def render_part(chapters: range, quality: str, folder: Path) -> Path:
    """Render CHAPTERS[chapters] in a new process; returns its video."""
    start = time.perf_counter()
    command = [sys.executable, "-m", "scenes.render", quality, "--media_dir", str(folder)]
    run([*command, "--part", f"{chapters.start}:{chapters.stop}"], f"rendering {chapter_names(chapters)}")
    print(f"{chapter_names(chapters)}: {time.perf_counter() - start:.0f} s", flush=True)
    return folder / "videos" / f"{PART_NAME}.mp4"


def render_here(chapters: range, quality: str, folder: Path) -> None:
    """The work of one part's process: Manim's own render of those chapters, configured as the CLI would."""
    from manim import config

    from scenes.base import ChapterScene

    class StoryPart(ChapterScene):
        def chapter_range(self) -> range:
            return chapters

    config.quality = QUALITIES[quality]
    config.media_dir = str(folder)
    config.video_dir = str(folder / "videos")
    config.output_file = PART_NAME
    StoryPart().render()


def join(clips: list[Path], target: Path) -> None:
    """Concatenate clips losslessly into target, written atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as folder:
        listing = Path(folder) / "clips.txt"
        listing.write_text("".join(f"file '{clip.resolve()}'\n" for clip in clips), encoding="utf-8")
        partial = Path(folder) / target.name
        ffmpeg = ["ffmpeg", "-y", "-loglevel", "error", "-f", "concat", "-safe", "0", "-i", str(listing)]
        subprocess.run([*ffmpeg, "-c", "copy", str(partial)], check=True)
        os.replace(partial, target)


def seconds(video: Path) -> float:
    """Length of a video from its frame count (exact, unlike the container's rounded duration)."""
    probe = ["ffprobe", "-v", "error", "-count_packets", "-select_streams", "v:0"]
    probe += ["-show_entries", "stream=nb_read_packets,r_frame_rate", "-of", "csv=p=0", str(video)]
    rate, packets = subprocess.run(probe, capture_output=True, text=True, check=True).stdout.strip().split(",")
    numerator, denominator = map(int, rate.split("/"))
    return int(packets) * denominator / numerator


def split_index(name: str) -> int:
    names = [chapter.__name__ for chapter in CHAPTERS]
    if name not in names[1:]:
        fail(f"--split {name}: not a chapter after the first; choose one of {', '.join(names[1:])}")
    return names.index(name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenes.render", description="Render FullStory on two cores.")
    qualities = parser.add_mutually_exclusive_group()
    for flag in FOLDERS:
        qualities.add_argument(flag, dest="quality", action="store_const", const=flag, help=FOLDERS[flag])
    parser.set_defaults(quality="-qh")
    parser.add_argument("--split", help="first chapter of the second process (default: balanced for the quality)")
    parser.add_argument("--media_dir", type=Path, default=ROOT / "media")
    parser.add_argument("--part", help=argparse.SUPPRESS)  # FIRST:STOP, for the processes started here
    args = parser.parse_args(argv)

    current_story()  # bad settings stop here, before any rendering
    if args.part:
        first, stop = map(int, args.part.split(":"))
        render_here(range(first, stop), args.quality, args.media_dir)
        return 0

    split = split_index(args.split or SPLIT.get(args.quality, DEFAULT_SPLIT))
    parts = [range(0, split), range(split, len(CHAPTERS))]
    folders = [args.media_dir / "parts" / str(index) for index in range(len(parts))]
    print(current_settings().describe(), file=sys.stderr)
    print(f"Rendering {' and '.join(map(chapter_names, parts))} in {len(parts)} processes", flush=True)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(parts)) as pool:
        clips = list(pool.map(render_part, parts, [args.quality] * len(parts), folders))
    target = args.media_dir / "videos" / "story" / FOLDERS[args.quality] / "FullStory.mp4"
    join(clips, target)
    join_subtitles([(clip, seconds(clip)) for clip in clips], target)
    print(f"{len(CHAPTERS)} chapters in {time.perf_counter() - start:.0f} s on {len(parts)} processes")
    print(f"Video: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
