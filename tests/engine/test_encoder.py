"""A held picture is encoded once per run and its packets repeated (scenes/engine/encoder.py):
every frame is still in the file, at one frame per step, and looks like the picture encoded frame by frame."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace

import av
import numpy as np
import pytest

from scenes.engine.encoder import ENCODER_OPTIONS, HELD_RUN_SECONDS, _encode_held_frame, encode_with_options, run_length
from tests.media_probe import frame_count, probe_duration
from tests.scene_checks import sharing_typesetting

ROOT = Path(__file__).resolve().parents[2]

RATE, WIDTH, HEIGHT = 15, 320, 192


def still() -> np.ndarray:
    """A picture like a chart of the story: a dark ground, an axis, bars in the class colours."""
    rgba = np.zeros((HEIGHT, WIDTH, 4), np.uint8)
    rgba[...] = (20, 23, 28, 255)
    rgba[20:172, 30:32, :3] = 150  # the axis
    for slot, top in enumerate((60, 90, 40, 120, 75, 100)):
        left = 45 + slot * 45
        rgba[top:170, left : left + 28, :3] = (0, 135, 100) if slot % 2 else (200, 90, 20)
    return rgba


def open_movie(path: Path, width: int = WIDTH, height: int = HEIGHT):
    """A partial movie's container and stream, as Manim 0.21 opens one, tuned by encode_with_options."""

    def open_partial_movie_stream() -> None:
        container = av.open(str(path), mode="w")
        stream = container.add_stream("libx264", rate=RATE, options={"an": "1", "crf": "23"})
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        writer._current_encode_job = SimpleNamespace(stream=stream, container=container)

    writer = SimpleNamespace(open_partial_movie_stream=open_partial_movie_stream)
    encode_with_options(writer, ENCODER_OPTIONS)
    writer.open_partial_movie_stream()
    return writer._current_encode_job.container, writer._current_encode_job.stream


def held_movie(path: Path, frames: int) -> Path:
    container, stream = open_movie(path)
    job = SimpleNamespace(stream=stream, container=container)
    _encode_held_frame(job, still(), frames)
    for packet in job.stream.encode():  # Manim's flush at the end of every partial movie
        container.mux(packet)
    container.close()
    return path


def frame_by_frame(path: Path, frames: int) -> Path:
    container, stream = open_movie(path)
    planes = av.VideoFrame.from_ndarray(still(), format="rgba").reformat(format="yuv420p").to_ndarray()
    for _ in range(frames):
        for packet in stream.encode(av.VideoFrame.from_ndarray(planes, format="yuv420p")):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)
    container.close()
    return path


def decoded(path: Path) -> tuple[list[np.ndarray], list[int], int]:
    """The frames as pictures, their timestamps, and one frame's length in timestamp units."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = list(container.decode(stream))
        step = round(1 / (RATE * stream.time_base))
        return [f.to_ndarray(format="rgb24").astype(float) for f in frames], [f.pts for f in frames], step


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    error = np.mean((a - b) ** 2)
    return float("inf") if error == 0 else 10 * np.log10(255**2 / error)


RUN = HELD_RUN_SECONDS * RATE


@pytest.mark.parametrize("frames", [2 * RUN, 3 * RUN + 2, 5 * RUN - 1, RUN + 3, 1, 23, 20, 8])
def test_a_hold_has_every_frame_and_each_is_the_picture(tmp_path, frames):
    held, pts, step = decoded(held_movie(tmp_path / "held.mp4", frames))
    usual, _, _ = decoded(frame_by_frame(tmp_path / "usual.mp4", frames))
    assert len(held) == frames == len(usual)
    assert min(psnr(a, b) for a, b in zip(held, usual, strict=True)) >= 45
    # Constant frame rate: one frame per step, strictly increasing, no gap, no repeat.
    assert np.all(np.diff(pts) == step) and pts[0] == 0
    # And the movie lasts exactly its frames: Manim's join starts the next movie where this one
    # ends (a last frame a few ticks short made a gap at each join).
    with av.open(str(tmp_path / "held.mp4")) as container:
        stream = container.streams.video[0]
        assert stream.duration * stream.time_base == Fraction(frames, RATE)


def test_a_long_hold_is_not_encoded_frame_by_frame(tmp_path):
    """Its packets repeat: a run's packets, again and again, each run opening on a key frame."""
    frames = 4 * RUN
    run = run_length(frames, RUN)
    assert frames % run == 0 and run < RUN  # a shorter run that the hold is a whole number of
    with av.open(str(held_movie(tmp_path / "held.mp4", frames))) as container:
        packets = [bytes(p) for p in container.demux(container.streams.video[0]) if p.size]
        keys = sum(1 for p in av.open(str(tmp_path / "held.mp4")).demux(video=0) if p.is_keyframe)
    assert len(packets) == frames and keys == frames // run
    assert packets[:run] == packets[run : 2 * run] == packets[-run:]


def test_the_run_leaves_least_to_encode():
    assert run_length(150, 60) == 50  # three runs of 50, nothing over: 50 frames encoded, not 60 + 30
    assert run_length(120, 60) == 60
    for frames in range(90, 600):
        run = run_length(frames, 60)
        assert 45 <= run <= 60 and run + frames % run <= 60 + frames % 60


def _render_chapter(media: Path, held_runs: bool) -> Path:
    """One chapter at -ql, its holds copied by runs or (held_runs=False) encoded frame by frame."""
    patch = "" if held_runs else "import scenes.engine.encoder as e; e.HELD_RUN_SECONDS = 10**6; "
    script = patch + "import sys; from manim.__main__ import main; sys.exit(main())"
    command = [sys.executable, "-c", script, "-ql", "--media_dir", str(media), "scenes/story.py", "Entropy"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=os.environ | {"BCE_DATA": ""})
    assert result.returncode == 0, result.stderr[-2000:]
    return media / "videos" / "story" / "480p15" / "Entropy.mp4"


@pytest.mark.render
def test_a_chapter_with_its_holds_copied_is_the_chapter_encoded_frame_by_frame(tmp_path):
    copied = _render_chapter(sharing_typesetting(tmp_path / "copied"), held_runs=True)
    encoded = _render_chapter(sharing_typesetting(tmp_path / "encoded"), held_runs=False)
    assert frame_count(copied) == frame_count(encoded) > 10 * RATE
    assert probe_duration(copied) == probe_duration(encoded)
    # Every second, frame by frame: the same picture to the eye (PSNR of each sampled frame).
    psnr_filter = "[0]select='not(mod(n,15))'[a];[1]select='not(mod(n,15))'[b];[a][b]psnr=stats_file=-"
    ffmpeg = ["ffmpeg", "-v", "error", "-i", str(copied), "-i", str(encoded), "-lavfi", psnr_filter, "-f", "null", "-"]
    stats = subprocess.run(ffmpeg, capture_output=True, text=True, check=True).stdout
    values = [float(v) for v in re.findall(r"psnr_avg:(\S+)", stats) if v != "inf"]
    assert len(re.findall(r"psnr_avg:", stats)) >= 10 and (not values or min(values) >= 40)
    for suffix in (".en.srt", ".zh.srt"):
        assert copied.with_suffix(suffix).read_text() == encoded.with_suffix(suffix).read_text()


def _moving_packets(path: Path, width: int, height: int, encode) -> list[bytes]:
    """The packets of eight frames of a bar growing, each encoded by encode(job, frame)."""
    container, stream = open_movie(path, width, height)
    job = SimpleNamespace(stream=stream, container=container)
    for step in range(8):
        frame = np.zeros((height, width, 4), np.uint8)
        frame[...] = (20, 23, 28, 255)
        frame[height // 2 - 8 * step : height // 2, 10:40] = (200, 90, 20, 255)
        encode(job, frame)
    for packet in job.stream.encode():
        container.mux(packet)
    container.close()
    with av.open(str(path)) as movie:
        return [bytes(p) for p in movie.demux(movie.streams.video[0]) if p.size]


def _as_manim_encodes(job, frame: np.ndarray) -> None:
    """manim 0.21's _PartialMovieEncodeJob._encode_and_write_frame, for one frame."""
    for packet in job.stream.encode(av.VideoFrame.from_ndarray(frame, format="rgba")):
        job.container.mux(packet)


@pytest.mark.parametrize("size", [(854, 480), (WIDTH, HEIGHT)])
def test_a_moving_frame_converted_here_encodes_as_manim_would(tmp_path, size):
    """The RGBA to YUV conversion moved out of the encoder changes no bit of the movie."""
    ours = _moving_packets(tmp_path / "ours.mp4", *size, lambda job, frame: _encode_held_frame(job, frame, 1))
    manims = _moving_packets(tmp_path / "manim.mp4", *size, _as_manim_encodes)
    assert len(ours) == 8 and ours == manims


MOVING_SCENE = """
import sys
from manim import BLUE, RIGHT, Circle, Scene, Square, Text, Transform
from scenes import engine
import scenes.engine.encoder as encoder

CONVERTED = sys.argv.pop() == "converted"
frames_given = []
encode = encoder._encode_held_frame
encoder._encode_held_frame = lambda job, frame, n: frames_given.append(type(frame).__name__) or encode(job, frame, n)

class Moving(Scene):
    def setup(self):
        engine.install(self)
        if not CONVERTED:
            self.renderer.render = type(self.renderer).render.__get__(self.renderer)

    def construct(self):
        square = Square().set_fill(BLUE, 0.6)
        self.add(Text("still"))
        self.play(square.animate.shift(2 * RIGHT))
        self.play(Transform(square, Circle()))
        self.wait(1)

Moving().render()
print("given:", " ".join(sorted(set(frames_given))))
"""


@pytest.mark.parametrize("quality", ["low_quality", "medium_quality"])
def test_frames_converted_as_drawn_make_the_same_movie(tmp_path, quality):
    """Frames handed to the encoder converted (no 8 MB copy each) give the very same video stream."""
    script = tmp_path / "moving.py"
    script.write_text(MOVING_SCENE, encoding="utf-8")
    digests, given = [], []
    for way in ("converted", "copied"):
        media = tmp_path / way
        code = f"from manim import config; config.quality = {quality!r}; config.media_dir = {str(media)!r}; "
        code += f"import runpy, sys; sys.argv = ['moving', {way!r}]; runpy.run_path({str(script)!r})"
        run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr[-2000:]
        given.append(run.stdout.rsplit("given:", 1)[1].split())
        (video,) = media.rglob("Moving.mp4")
        md5 = ["ffmpeg", "-v", "error", "-i", str(video), "-map", "0:v", "-f", "framemd5", "-"]
        digests.append([line for line in subprocess.check_output(md5, text=True).splitlines() if line[:1] != "#"])
    assert "VideoFrame" in given[0] and given[1] == ["ndarray"]
    assert len(digests[0]) > 30 and digests[0] == digests[1]


@pytest.mark.parametrize("frames", [8, 23, 38])
def test_a_movie_with_b_frames_lasts_exactly_its_frames(tmp_path, frames):
    """B-frames delay the first picture, so the MP4 gets an edit list; in milliseconds (the muxer's
    default) 8 frames at 15 fps lasted 5 ticks less than 8/15 s, and Manim's join left a gap there."""
    path = tmp_path / "moving.mp4"
    container, stream = open_movie(path)
    job = SimpleNamespace(stream=stream, container=container)
    for step in range(frames):  # a flat picture flickering slightly: x264 puts B-frames between
        _encode_held_frame(job, np.full((HEIGHT, WIDTH, 4), (step % 3) * 3, np.uint8), 1)
    for packet in stream.encode():
        container.mux(packet)
    container.close()
    with av.open(str(path)) as movie:
        video = movie.streams.video[0]
        dts = [packet.dts for packet in movie.demux(video) if packet.size]
        assert min(dts) < 0  # B-frames indeed
        assert video.duration * video.time_base == Fraction(frames, RATE)
