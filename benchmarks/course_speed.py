"""Seconds of make course for one language against both (make course LANGS=en,zh), cold, at -ql.

    .venv/bin/python benchmarks/course_speed.py            # -ql
    .venv/bin/python benchmarks/course_speed.py -qh

Each build starts from an empty media folder of its own (nothing cached, the voices' sentences
included; the Chinese voice's joined model is the user's, as after make setup). Prints each build's
seconds, the seconds of video it made, and the ratio of the two-language build to the one-language one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(quality: str, languages: str | None, media: Path) -> float:
    command = [sys.executable, "-m", "scenes.publish.course", quality, "--media_dir", str(media)]
    if languages:
        command += ["--languages", languages]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env=os.environ | {"BCE_LANG": "en"})
    return time.perf_counter() - start


def video_seconds(folder: Path) -> float:
    probe = ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0"]
    return float(subprocess.run([*probe, str(folder / "00-full-story.mp4")], capture_output=True, check=True).stdout)


def main(arguments: list[str]) -> None:
    quality = next((argument for argument in arguments if argument.startswith("-q")), "-ql")
    print(f"{'course':14} {'seconds':>8} {'video s':>8} {'s per video s':>14}")
    seconds = {}
    for name, languages in (("en", None), ("en,zh", "en,zh")):
        with tempfile.TemporaryDirectory() as temp:
            seconds[name] = build(quality, languages, Path(temp))
            course = Path(temp) / "course"
            folders = [course] if languages is None else [course / language for language in languages.split(",")]
            video = sum(video_seconds(folder) for folder in folders)
        print(f"{name:14} {seconds[name]:8.1f} {video:8.1f} {seconds[name] / video:14.2f}", flush=True)
    print(f"two languages / one: {seconds['en,zh'] / seconds['en']:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
