"""A video's tracks laid from its record (scenes/tracks/lay.py): subtitles beside the video and each
clip, each on its own clock, and in the narrated cut each sentence heard where the record puts it."""

import subprocess
from pathlib import Path

import numpy as np
import pytest
import srt

from bce_math import default_dataset, walkthrough
from scenes.timeline import Beat, Section, Sentence, Timeline
from scenes.tracks.lay import lay_tracks
from scenes.tracks.subtitles import SUBTITLE_SUFFIXES
from scenes.tracks.voice import SAMPLE_RATE, write_wav

STORY = walkthrough(default_dataset())
FPS = 15


def grey_video(path: Path, seconds: float) -> None:
    source = f"color=c=gray:s=64x36:r={FPS}:d={seconds}"
    command = ["ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", source, "-pix_fmt", "yuv420p", str(path)]
    subprocess.run(command, check=True)


def soundtrack(video: Path) -> np.ndarray:
    command = ["ffmpeg", "-loglevel", "error", "-i", str(video), "-map", "0:a", "-ac", "1", "-ar", str(SAMPLE_RATE)]
    raw = subprocess.run([*command, "-f", "s16le", "-"], capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype=np.int16).astype(float)


def has_audio(video: Path) -> bool:
    probe = ["ffprobe", "-v", "error", "-select_streams", "a", "-show_entries", "stream=index", "-of", "csv=p=0"]
    return bool(subprocess.run([*probe, str(video)], capture_output=True, text=True, check=True).stdout.strip())


@pytest.fixture
def record(tmp_path) -> Timeline:
    """Two seconds from frame 15 of the scene (a chapter rendered alone), the second its own clip;
    a caption from 0.5 s (on screen as the video starts), the next from 2.5 s, and a half-second
    tone at 2.2 s (seconds of the scene)."""
    video, clip = tmp_path / "Chapter.mp4", tmp_path / "sections" / "Chapter_0000_02_labels.mp4"
    clip.parent.mkdir()
    grey_video(video, 2.0)
    grey_video(clip, 1.0)
    tone = tmp_path / "tone.wav"
    seconds = np.arange(SAMPLE_RATE // 2) / SAMPLE_RATE
    write_wav(tone, 8000 * np.sin(2 * np.pi * 440 * seconds))
    beats = (Beat(0.5, "average", "mean"), Beat(2.5, "average", "done"))
    sections = (Section("01_feature", 15, 30), Section("02_labels", 30, 45, clip))
    return Timeline(video, False, FPS, 15, 45, sections, beats, (Sentence(2.2, tone),))


def cue_times(video: Path) -> list[tuple[float, float]]:
    text = video.with_name(f"{video.stem}.en.srt").read_text(encoding="utf-8")
    return [(cue.start.total_seconds(), cue.end.total_seconds()) for cue in srt.parse(text)]


def test_subtitles_beside_the_video_and_its_clip_each_from_zero(record):
    lay_tracks(record, STORY)
    clip = record.sections[1].clip
    for video in (record.video, clip):
        assert all(video.with_name(video.stem + suffix).exists() for suffix in SUBTITLE_SUFFIXES)
    assert cue_times(record.video) == [(0.0, 1.5), (1.5, 2.0)]  # the caption on screen at frame 15 included
    assert cue_times(clip) == [(0.0, 0.5), (0.5, 1.0)]
    assert not has_audio(record.video)  # the captioned cut is silent


def test_the_narrated_cut_hears_each_sentence_where_the_record_puts_it(record):
    lay_tracks(Timeline(**{**record.__dict__, "narrated": True}), STORY)
    for video, tone_starts in ((record.video, 1.2), (record.sections[1].clip, 0.2)):
        loud = np.flatnonzero(np.abs(soundtrack(video)) > 1000) / SAMPLE_RATE
        assert (loud.min(), loud.max()) == pytest.approx((tone_starts, tone_starts + 0.5), abs=0.03), video
