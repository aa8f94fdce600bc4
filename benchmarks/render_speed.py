"""Seconds of render per second of video for FullStory, at -ql and -qh, against the ffmpeg floor.

    .venv/bin/python benchmarks/render_speed.py                          # every quality, way and cut
    .venv/bin/python benchmarks/render_speed.py -qh parallel narrated    # one of each

Two ways to render: "serial" is `manim FullStory` (one process), "parallel" is `make video`
(`python -m scenes.publish.render`: two processes, joined). Three cuts: "captioned" (BCE_VOICE=off,
silent), "narrated" (BCE_VOICE=en: every sentence synthesised when cold, from the cache after) and
"narrated-zh" (BCE_LANG=zh: the Mandarin voice; its joined model is the user's, already cached).

Runs on a temporary copy of the project with its own media directory:
  cold     a first render, nothing cached;
  cached   the same render again, unchanged (Manim reuses every partial movie);
  edited   after changing one caption of one chapter (entropy), as a lecturer iterating would.
The floor is ffmpeg alone encoding as many flat frames at the same size, rate and x264 settings.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUALITIES = {"-ql": ("480p15", "854x480", 15), "-qh": ("1080p60", "1920x1080", 60)}
WAYS = {"serial": ("manim", ["scenes/story.py", "FullStory"]), "parallel": ("scenes.publish.render", [])}
CUTS = {"captioned": ("en", "off"), "narrated": ("en", "en"), "narrated-zh": ("zh", "zh")}  # BCE_LANG, BCE_VOICE
# One caption of the entropy chapter, edited, per language.
EDITED_CAPTION = {
    "en": ('idea = "Entropy H: how uncertain', 'idea = "Entropy H, in short: how uncertain'),
    "zh": ('idea = "熵 H\uff1a两个类别有多不确定', 'idea = "熵 H\uff1a简单说\uff0c两个类别有多不确定'),
}


def timed(command: list[str], cwd: Path, cut: tuple[str, str] = ("en", "off")) -> float:
    """Wall seconds of a command in a cut (language, voice); the two-process render's lines on its
    parts go to stderr."""
    start = time.perf_counter()
    environment = os.environ | {"BCE_LANG": cut[0], "BCE_VOICE": cut[1]}
    run = subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True, env=environment)
    for line in run.stdout.splitlines():
        if line.endswith(" s") and (".." in line or "processes" in line):
            print(f"  {line}", file=sys.stderr)
    return time.perf_counter() - start


def duration(video: Path) -> float:
    probe = ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(video)]
    return float(subprocess.run(probe, capture_output=True, text=True, check=True).stdout)


def ffmpeg_floor(size: str, rate: int, seconds: float, out: Path) -> float:
    from scenes.engine import ENCODER_OPTIONS

    source = f"color=c=0x14171C:s={size}:r={rate}:d={seconds:.2f}"
    command = ["ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", source, "-vcodec", "libx264"]
    # x264's own threads left at their default: the floor is ffmpeg using both cores.
    options = [item for name, value in ENCODER_OPTIONS.items() if name != "threads" for item in (f"-{name}", value)]
    return timed([*command, *options, "-pix_fmt", "yuv420p", str(out)], ROOT)


def project_copy(folder: Path) -> Path:
    """The parts of the project a render reads, copied so that the edit below stays out of the tree."""
    copy = folder / "project"
    for part in ("scenes", "bce_math", "examples"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manim.cfg", copy / "manim.cfg")
    return copy


def main(arguments: list[str]) -> None:
    qualities = [argument for argument in arguments if argument in QUALITIES] or list(QUALITIES)
    ways = [argument for argument in arguments if argument in WAYS] or list(WAYS)
    cuts = [argument for argument in arguments if argument in CUTS] or list(CUTS)
    print(
        f"{'quality':8} {'way':9} {'cut':10} {'video s':>8} {'cold s':>8} {'cold/video':>10} {'floor s':>8} "
        f"{'ratio':>6} {'cached s':>9} {'edited s':>9}"
    )
    for quality, way, cut in itertools.product(qualities, ways, cuts):
        folder, size, rate = QUALITIES[quality]
        with tempfile.TemporaryDirectory() as temp:
            project = project_copy(Path(temp))
            media = Path(temp) / "media"
            module, scene = WAYS[way]
            manim = [sys.executable, "-m", module, quality, "--media_dir", str(media), *scene]
            cold = timed(manim, project, CUTS[cut])
            video_seconds = duration(media / "videos" / "story" / folder / "FullStory.mp4")
            cached = timed(manim, project, CUTS[cut])
            language = CUTS[cut][0]
            captions = project / "scenes" / "narration" / f"{language}.toml"
            text = captions.read_text(encoding="utf-8")
            if EDITED_CAPTION[language][0] not in text:
                sys.exit(f"{captions}: the caption to edit is not there; update EDITED_CAPTION")
            captions.write_text(text.replace(*EDITED_CAPTION[language]), encoding="utf-8")
            edited = timed(manim, project, CUTS[cut])
            floor = ffmpeg_floor(size, rate, video_seconds, media / "floor.mp4")
        print(
            f"{quality:8} {way:9} {cut:10} {video_seconds:8.1f} {cold:8.1f} {cold / video_seconds:10.2f} "
            f"{floor:8.1f} {cold / floor:6.1f} {cached:9.1f} {edited:9.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
