"""Faults of the render's own steps (issue 36): an interrupted or full-disk publish never leaves a
silent video, a lost or cut clip is published again, a read-only media folder is one line, and a
sentence synthesised again is the same sentence (the caches' own faults: tests/engine/test_cache.py).

The publish tests run make video's main() in this process with its two render processes replaced
by parts made with ffmpeg (a colour per part and per chapter, a tone for speech), so every step of
the publish can be interrupted in well under a second.
"""

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from scenes.chapters import CHAPTERS
from scenes.publish import join, render
from scenes.settings import Settings
from scenes.timeline import Beat, Section, Sentence, Timeline, record_of

ROOT = Path(__file__).resolve().parents[2]
FPS = 15
CLIP_FRAMES = 9  # each chapter's clip: 0.6 s
# (red, green, blue) of each part's video, and of each part's two chapter clips, in two versions.
COLOURS = {
    "old": [(200, 30, 30), (30, 200, 30)],
    "new": [(30, 30, 200), (200, 200, 30)],
}
CLIP_COLOURS = [(250, 0, 0), (0, 250, 0), (0, 0, 250), (250, 250, 0)]


def ffmpeg(*arguments: str) -> None:
    subprocess.run(["ffmpeg", "-y", "-loglevel", "error", *arguments], check=True)


def colour_video(path: Path, colour: tuple[int, int, int], seconds: float) -> None:
    source = f"color=c=0x{''.join(f'{c:02x}' for c in colour)}:s=64x36:r={FPS}:d={seconds}"
    ffmpeg("-f", "lavfi", "-i", source, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(path))


def first_colour(video: Path) -> tuple[int, int, int]:
    command = ["ffmpeg", "-loglevel", "error", "-i", str(video), "-frames:v", "1", "-vf", "scale=1:1"]
    pixel = subprocess.run([*command, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], capture_output=True, check=True)
    return tuple(pixel.stdout[:3])


def near(one: tuple[int, int, int], other: tuple[int, int, int]) -> bool:
    return max(abs(a - b) for a, b in zip(one, other, strict=True)) < 30


def streams(video: Path) -> dict[str, float]:
    """Each stream's kind and length in seconds."""
    command = ["ffprobe", "-v", "error", "-show_entries", "stream=codec_type,duration", "-of", "json", str(video)]
    found = json.loads(subprocess.run(command, capture_output=True, check=True).stdout)["streams"]
    return {stream["codec_type"]: float(stream["duration"]) for stream in found}


def assert_whole_with_sound(video: Path) -> float:
    """The video has a soundtrack as long as its picture; returns the picture's length."""
    kinds = streams(video)
    assert set(kinds) == {"video", "audio"}, (video, kinds)
    assert kinds["audio"] == pytest.approx(kinds["video"], abs=0.1), kinds
    return kinds["video"]


class Material:
    """What a part's process leaves for the publish step, made once per version: its video,
    subtitles and speech, and a clip per chapter with its subtitles."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.tone = folder / "tone.wav"
        folder.mkdir(parents=True, exist_ok=True)
        from scenes.tracks.voice import SAMPLE_RATE, write_wav

        seconds = np.arange(int(0.5 * SAMPLE_RATE)) / SAMPLE_RATE
        write_wav(self.tone, 8000 * np.sin(2 * np.pi * 440 * seconds))
        for version, colours in COLOURS.items():
            for index, colour in enumerate(colours):
                colour_video(self.video(version, index), colour, 1.0 if version == "old" else 2.0)
        for number, colour in enumerate(CLIP_COLOURS):
            colour_video(self.clip(number), colour, 0.6)

    def video(self, version: str, index: int) -> Path:
        return self.folder / f"{version}{index}.mp4"

    def clip(self, number: int) -> Path:
        return self.folder / f"clip{number}.mp4"


@pytest.fixture(scope="module")
def material(tmp_path_factory) -> Material:
    return Material(tmp_path_factory.mktemp("material"))


@pytest.fixture
def make_video(tmp_path, material, monkeypatch, capsys):
    """make video's main() with parts of a given version: returns (exit code, stderr, stdout)."""
    monkeypatch.setattr(render, "render_parts", lambda parts, progress: None)
    narrated = Settings(data="", theme="dark", language="en", voice="en")
    monkeypatch.setattr(render, "current_settings", lambda: narrated)
    monkeypatch.setattr(join, "current_settings", lambda: narrated)
    handlers = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    version = {"name": "old"}

    class FakePart:
        """A part as its process leaves it: the video, its record (a caption, a sentence, two
        chapters) and the chapters' clips."""

        def __init__(self, chapters, quality, folder: Path, sections: bool = False) -> None:
            index = int(folder.name)
            self.chapters = chapters
            self.video = folder / "videos" / f".StoryPart.{index}.partial.mp4"
            self.video.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(material.video(version["name"], index), self.video)
            clips = []
            for number in (2 * index, 2 * index + 1):  # two chapters a part, each its own colour
                name = f"{number:02d}_{CHAPTERS[number].__name__}"
                clip = self.video.parent / "sections" / f"{self.video.stem}_{number:04d}_{name}.mp4"
                clip.parent.mkdir(exist_ok=True)
                shutil.copyfile(material.clip(number), clip)
                first = CLIP_FRAMES * (number - 2 * index)
                clips.append(Section(name, first, first + CLIP_FRAMES, clip))
            frames = FPS * (1 if version["name"] == "old" else 2)
            beats = (Beat(0.0, "average", "mean"), Beat(0.5))
            Timeline(self.video, True, FPS, 0, frames, tuple(clips), beats, (Sentence(0.2, material.tone),)).write()

        @property
        def record(self) -> Timeline:
            return Timeline.read(record_of(self.video))

        def kill(self) -> None:
            pass

        def remove(self) -> None:
            pass

    monkeypatch.setattr(render, "Part", FakePart)
    media = tmp_path / "media"

    def run(name: str, *flags: str) -> tuple[int, str, str]:
        version["name"] = name
        capsys.readouterr()
        try:
            code = render.main(["-ql", "--quiet", "--media_dir", str(media), *flags])
        except SystemExit as stop:
            code = stop.code
        finally:
            signal.signal(signal.SIGINT, handlers[0])
            signal.signal(signal.SIGTERM, handlers[1])
        captured = capsys.readouterr()
        return code, captured.err, captured.out

    run.target = media / "videos" / "story" / "480p15" / "FullStory.mp4"
    return run


class Interrupt:
    """Ctrl-C (a real SIGINT to this process) at the n-th step of the publish: just before or just
    after a tool runs (ffprobe, ffmpeg) or a file is renamed into place."""

    def __init__(self, monkeypatch, at: int) -> None:
        self.at, self.steps = at, 0
        run, replace = subprocess.run, os.replace

        def step() -> None:
            self.steps += 1
            if self.steps == self.at + 1:
                os.kill(os.getpid(), signal.SIGINT)

        def stepped(call):
            def wrapper(*args, **kwargs):
                step()
                result = call(*args, **kwargs)
                step()
                return result

            return wrapper

        monkeypatch.setattr(subprocess, "run", stepped(run))
        monkeypatch.setattr(os, "replace", stepped(replace))


@pytest.mark.render  # about 13 s of publishing: not in make check
def test_an_interrupted_publish_leaves_the_old_video_or_the_new_one_with_its_sound(make_video, monkeypatch):
    """Ctrl-C at every step of the publish (before and after each tool and each rename): the
    video is the old one or the new one, always with a soundtrack of its length, and the last
    line says which (it said "as it was" over a silent new picture)."""
    target = make_video.target
    media = target.parents[3]
    assert make_video("old")[0] == 0
    old = assert_whole_with_sound(target)
    assert old == pytest.approx(2.0, abs=0.1)
    published = media.with_name("published")
    shutil.copytree(media, published)  # the old video as published, with its record: put back before each try
    at, outcomes = 0, set()
    while True:
        shutil.rmtree(media)
        shutil.copytree(published, media)
        with monkeypatch.context() as patches:
            interrupt = Interrupt(patches, at)
            code, errors, _ = make_video("new")
        if interrupt.steps <= at:  # the publish ended before its at-th step: every step was tried
            assert code == 0
            break
        assert code == 130, errors
        assert "Traceback" not in errors and len(errors.strip().splitlines()) == 1, errors
        length = assert_whole_with_sound(target)
        expected = "is as it was" if length == pytest.approx(old, abs=0.1) else "is the new video"
        assert length == pytest.approx(old if expected == "is as it was" else 4.0, abs=0.1), (at, length)
        assert expected in errors, (at, errors)
        outcomes.add(expected)
        at += 1
    assert at > 10 and outcomes == {"is as it was", "is the new video"}, (at, outcomes)
    assert not list(target.parent.glob(".*partial*"))


@pytest.mark.parametrize("where", ["write_wav", "ffmpeg"])
def test_a_full_disk_while_publishing_is_one_line(make_video, monkeypatch, where):
    """No space left while the soundtrack or the joined video is written: one line, exit 2, no
    traceback, and the old video with its sound in place (a traceback from write_wav before)."""
    target = make_video.target
    assert make_video("old")[0] == 0

    def full(*args, **kwargs):  # as a write meets a full disk: no file named
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if where == "write_wav":
        monkeypatch.setattr(join, "write_wav", full)
        from scenes.tracks import voice

        monkeypatch.setattr(voice, "write_wav", full)  # the soundtrack's WAV, written wherever it is
    else:
        run = subprocess.run

        def ffmpeg_on_a_full_disk(command, *args, **kwargs):
            if command[0] != "ffmpeg":
                return run(command, *args, **kwargs)
            message = "av_interleaved_write_frame(): No space left on device\n"
            if kwargs.get("check"):
                raise subprocess.CalledProcessError(1, command, "", message)
            return subprocess.CompletedProcess(command, 1, "", message)

        monkeypatch.setattr(subprocess, "run", ffmpeg_on_a_full_disk)
    code, errors, _ = make_video("new")
    assert code == 2, errors
    assert "Traceback" not in errors and len(errors.strip().splitlines()) == 1, errors
    assert "no space left in" in errors and "480p15" in errors and "is as it was" in errors
    assert assert_whole_with_sound(target) == pytest.approx(2.0, abs=0.1)


def course_clips(folder: Path) -> list[tuple[int, Path]]:
    """What make course's clip step pairs: each chapter's number in the record with the clip file it takes."""
    from scenes.publish.course import SCENE, clips_of

    clips = clips_of(folder)
    assert sorted(clip.video for clip in clips) == sorted((folder / "sections").glob(f"{SCENE}_*.mp4"))
    return [(clip.number, clip.video) for clip in clips]


@pytest.mark.parametrize("damage", ["removed", "truncated"])
def test_a_lost_or_cut_clip_is_published_again(make_video, damage):
    """One chapter clip of sections/ removed or cut short, the parts unchanged: the next render
    publishes the sections again and the course pairs each chapter with its own clip (the index
    alone was checked: the clips left were matched to the wrong chapters)."""
    assert make_video("old", "--save_sections")[0] == 0
    folder = make_video.target.parent
    clip = sorted((folder / "sections").glob("FullStory_*.mp4"))[1]
    if damage == "removed":
        clip.unlink()
    else:
        clip.write_bytes(clip.read_bytes()[:300])
    assert make_video("old", "--save_sections")[0] == 0
    pairs = course_clips(folder)
    assert len(pairs) == len(CLIP_COLOURS)
    for number, file in pairs:
        assert near(first_colour(file), CLIP_COLOURS[number]), (number, file)
        assert_whole_with_sound(file)


def test_a_read_only_media_folder_is_one_line(tmp_path):
    """make video into a read-only media/ (a read-only bind mount: root writes through permissions):
    one line naming the folder and what is needed, exit 2, no traceback (46 lines before)."""
    media = tmp_path / "media"
    (media / "parts" / "0").mkdir(parents=True)
    command = (
        f"mount --bind -o ro {media} {media} && exec {sys.executable} -m scenes.publish.render -ql --media_dir {media}"
    )
    if os.geteuid() != 0 or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode:
        pytest.skip("needs root and a mount namespace for a read-only bind mount")
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", command], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    errors = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr + result.stdout
    assert errors[-1].startswith("error: ") and str(media) in errors[-1] and "Read-only file system" in errors[-1]
    assert "can write" in errors[-1]
    assert [line for line in errors if line.startswith("error")] == [errors[-1]]


def test_a_sentence_synthesised_again_is_the_same_sentence(tmp_path, monkeypatch):
    """The same sentence twice, its cached WAV removed between and other sentences spoken before
    the second time: the same bytes (the voice drew its noise on from sentence to sentence)."""
    from scenes.tracks import voice

    monkeypatch.setenv("BCE_VOICE_CACHE", str(tmp_path))
    sentence = "Each bar is the probability of its true class."
    first = voice.speak(sentence, "en").path.read_bytes()
    for path in tmp_path.glob("*.wav"):
        path.unlink()
    voice.speak("A different sentence comes first this time.", "en")
    again = voice.speak(sentence, "en")
    assert again.path.read_bytes() == first
