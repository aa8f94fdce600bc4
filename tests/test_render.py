"""One real low-quality render of FullStory: a playable video with a clip per chapter."""

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import srt

from scenes.chapters import CHAPTERS, scene_name, section_name

ROOT = Path(__file__).resolve().parent.parent


def probe_duration(path: Path) -> float:
    output = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(output.stdout)


FRAME_COUNT = ["ffprobe", "-v", "error", "-count_packets", "-select_streams", "v:0"]


def frame_count(path: Path) -> int:
    command = [*FRAME_COUNT, "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", str(path)]
    return int(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


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
    check_subtitles(video, duration)
    for section in index:
        clip = video.parent / "sections" / section["video"]
        assert check_subtitles(clip, probe_duration(clip)), f"{section['name']} has no subtitles"


def check_subtitles(video: Path, duration: float) -> int:
    """Both languages' .srt beside video: in order, not overlapping, inside the video; same cue times."""
    timings = {}
    for language in ("en", "zh"):
        cues = list(srt.parse(video.with_name(f"{video.stem}.{language}.srt").read_text(encoding="utf-8")))
        for cue, following in itertools.pairwise(cues):
            assert cue.start < cue.end <= following.start
        assert cues[-1].end.total_seconds() <= duration + 0.1
        timings[language] = [(cue.start, cue.end) for cue in cues]
        assert video.with_name(f"{video.stem}.{language}.vtt").read_text(encoding="utf-8").startswith("WEBVTT")
    assert timings["en"] == timings["zh"]
    return len(timings["en"])


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


@pytest.mark.slow
def test_parallel_render_joins_to_the_serial_video(tmp_path):
    """scenes.render: chapter clips rendered apart and joined play exactly as FullStory."""
    media = tmp_path / "media"
    result = subprocess.run(
        [sys.executable, "-m", "scenes.render", "-ql", "--jobs", "2", "--media_dir", str(media)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=os.environ | {"BCE_DATA": ""},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    folder = media / "videos" / "story" / "480p15"
    joined = folder / "FullStory.mp4"
    clips = [
        media / "chapters" / scene_name(chapter) / "videos" / "story" / "480p15" / f"{scene_name(chapter)}.mp4"
        for chapter in CHAPTERS
    ]
    assert frame_count(joined) == sum(frame_count(clip) for clip in clips)
    assert probe_duration(joined) == pytest.approx(sum(probe_duration(clip) for clip in clips), abs=0.1)
    assert not list(folder.glob("tmp*"))
