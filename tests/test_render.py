"""One real low-quality render of FullStory: a playable video with a clip per chapter."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scenes.chapters import CHAPTERS, section_name

ROOT = Path(__file__).resolve().parent.parent


def probe_duration(path: Path) -> float:
    output = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(output.stdout)


@pytest.mark.render
def test_full_story_renders_with_sections(tmp_path):
    manim = [sys.executable, "-m", "manim", "-ql", "--save_sections", "--media_dir", str(tmp_path)]
    result = subprocess.run(
        [*manim, "scenes/story.py", "FullStory"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=os.environ | {"BCE_DATA": ""},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    video = tmp_path / "videos" / "story" / "480p15" / "FullStory.mp4"
    duration = probe_duration(video)
    index = json.loads((video.parent / "sections" / "FullStory.json").read_text())
    assert [section["name"] for section in index] == [section_name(chapter) for chapter in CHAPTERS]
    clip_total = sum(probe_duration(video.parent / "sections" / section["video"]) for section in index)
    assert clip_total == pytest.approx(duration, abs=0.2 * len(index))


def test_bad_data_stops_manim_before_rendering(tmp_path):
    data = tmp_path / "bad.csv"
    data.write_text("x,y\n1,0\n2,5\n")
    result = subprocess.run(
        [sys.executable, "-m", "manim", "-ql", "--media_dir", str(tmp_path / "media"), "scenes/story.py", "FullStory"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=os.environ | {"BCE_DATA": str(data)},
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {data}:3: y must be 0 or 1, got '5'"
    assert "Traceback" not in result.stdout + result.stderr
    assert not list(tmp_path.glob("media/**/*.mp4"))
