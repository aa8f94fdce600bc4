"""Faults a real user meets: a killed render, two renders at once, Ctrl-C, a relative BCE_DATA.

Each test runs real renders of a short chapter at low quality (a few seconds each).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import srt

from tests.media_probe import decoded_frames, frame_count

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = "Feature"  # short, and it makes texts and partial movies
EIGHT_POINTS = "x,y\n-2,0\n-1,1\n0,0\n1,1\n2,1\n3,0\n4,1\n5,1\n"


def manim(media: Path, data: Path, scene: str = CHAPTER) -> subprocess.Popen:
    command = [sys.executable, "-m", "manim", "-ql", "--media_dir", str(media), "scenes/story.py", scene]
    environment = os.environ | {"BCE_DATA": str(data)}
    return subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def finished(process: subprocess.Popen) -> str:
    """The output of a render that must succeed."""
    output = process.communicate(timeout=600)[0].decode(errors="replace")
    assert process.returncode == 0, output[-3000:]
    assert "Traceback" not in output
    return output


def cue_times(video: Path) -> list[tuple[float, float]]:
    text = video.with_name(f"{video.stem}.en.srt").read_text(encoding="utf-8")
    return [(cue.start.total_seconds(), cue.end.total_seconds()) for cue in srt.parse(text)]


@pytest.fixture
def data(tmp_path) -> Path:
    path = tmp_path / "eight.csv"
    path.write_text(EIGHT_POINTS)
    return path


@pytest.mark.render
def test_a_killed_render_never_breaks_the_next_one(tmp_path, data):
    """Killed at several moments (while texts and partial movies are written), then rendered again:
    the render succeeds, and a cached re-render gives the same frames and the same cue times."""
    media = tmp_path / "media"
    for moment in (1.5, 3.0, 4.0):
        process = manim(media, data)
        time.sleep(moment)
        process.kill()
        process.wait()
    finished(manim(media, data))
    video = media / "videos" / "story" / "480p15" / f"{CHAPTER}.mp4"
    cold_frames, cold_cues = decoded_frames(video), cue_times(video)
    movies = {path: path.stat().st_mtime_ns for path in media.rglob("partial_movie_files/*/*.mp4")}
    finished(manim(media, data))
    assert {path: path.stat().st_mtime_ns for path in media.rglob("partial_movie_files/*/*.mp4")} == movies
    assert decoded_frames(video) == cold_frames
    assert cue_times(video) == cold_cues
    assert not list(media.rglob(".*.partial*")), "files of killed renders are cleaned up"


@pytest.mark.render
def test_a_truncated_cache_file_is_made_again(tmp_path, data):
    """What a kill before this fix left behind: a stub partial movie and an empty text SVG."""
    media = tmp_path / "media"
    finished(manim(media, data))
    video = media / "videos" / "story" / "480p15" / f"{CHAPTER}.mp4"
    frames = decoded_frames(video)
    movie = max((media / "videos" / "story" / "480p15" / "partial_movie_files" / CHAPTER).glob("*.mp4"))
    movie.write_bytes(movie.read_bytes()[:48])
    svg = max((media / "texts").glob("*.svg"))
    svg.write_bytes(b"")
    finished(manim(media, data))
    assert decoded_frames(video) == frames
    assert svg.read_bytes().rstrip().endswith(b"</svg>")


@pytest.mark.render
def test_cue_times_come_from_the_frames(tmp_path, data):
    """SigmoidFit's cues, cold and cached, are equal and end with the video (they drifted by 33 ms)."""
    media = tmp_path / "media"
    video = media / "videos" / "story" / "480p15" / "SigmoidFit.mp4"
    finished(manim(media, data, "SigmoidFit"))
    cold = cue_times(video)
    finished(manim(media, data, "SigmoidFit"))
    assert cue_times(video) == cold
    assert cold[-1][1] == pytest.approx(frame_count(video) / 15, abs=0.0005)


@pytest.mark.render
def test_two_renders_at_once_both_succeed(tmp_path, data):
    """Two datasets rendered at the same time into one media folder (they crashed on each other's texts)."""
    media = tmp_path / "media"
    other = tmp_path / "other.csv"
    other.write_text("x,y\n" + "".join(f"{x / 3:.3f},{int(x % 3 != 0)}\n" for x in range(12)))
    first, second = manim(media, data), manim(media, other)
    finished(first), finished(second)


@pytest.mark.render
def test_ctrl_c_stops_make_video_at_once(tmp_path):
    """Ctrl-C in the terminal (SIGINT to the foreground group) during the two-process render: every
    process stops within seconds, one line, exit 130, the previous video untouched."""
    media = tmp_path / "media"
    target = media / "videos" / "story" / "480p15" / "FullStory.mp4"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"the previous video")
    command = [sys.executable, "-m", "scenes.publish.render", "-ql", "--media_dir", str(media)]
    render = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    time.sleep(8)
    os.killpg(render.pid, signal.SIGINT)
    interrupted = time.monotonic()
    output, errors = render.communicate(timeout=30)
    assert time.monotonic() - interrupted < 5
    assert render.returncode == 130
    assert "Traceback" not in output + errors
    assert errors.strip().splitlines()[-1].startswith("error: interrupted")
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-f", str(media)], capture_output=True, text=True).stdout.split()
    assert not left, "a render process outlived Ctrl-C"
    assert target.read_bytes() == b"the previous video"
    assert not [path for path in media.rglob(".StoryPart*")]


def test_a_relative_data_path_is_the_file_where_it_was_typed(tmp_path):
    """make video's processes start in the project folder: they must get the file the user named."""
    (tmp_path / "e1.csv").write_text(EIGHT_POINTS)
    probe = "from scenes.publish.render import child_environment; print(child_environment()['BCE_DATA'])"
    environment = os.environ | {"BCE_DATA": "e1.csv", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=environment, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == str(tmp_path / "e1.csv")
    banner = subprocess.run(
        [sys.executable, "-c", "from scenes.settings import current_settings; print(current_settings().describe())"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"BCE_DATA={tmp_path / 'e1.csv'}" in banner.stdout
