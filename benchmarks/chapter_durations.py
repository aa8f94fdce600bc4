"""Duration of each chapter clip of FullStory (renders at -ql with --save_sections into a temp dir)."""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory() as media:
        command = [sys.executable, "-m", "manim", "-ql", "--save_sections", "--media_dir", media]
        subprocess.run([*command, "scenes/story.py", "FullStory"], cwd=ROOT, check=True, capture_output=True)
        sections = Path(media) / "videos" / "story" / "480p15" / "sections"
        total = 0.0
        for section in json.loads((sections / "FullStory.json").read_text()):
            seconds = float(section["duration"])
            total += seconds
            print(f"{section['name']:24} {seconds:6.1f} s")
        print(f"{'total':24} {total:6.1f} s")


if __name__ == "__main__":
    main()
