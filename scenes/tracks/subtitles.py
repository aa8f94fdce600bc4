"""Subtitles from the story's own timeline: one cue per caption, in every language, as .srt and .vtt.

The scenes record when each caption appears (``Beat``); the cues are those captions, in any
language, timed to the video. A clip (a section, or a chapter rendered alone) gets the cues of
its own stretch of the timeline, shifted to start at 0.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import srt

from bce_math import Walkthrough
from scenes.atomic import written_atomically
from scenes.narration import caption
from scenes.settings import LANGUAGES

# What follows a video's stem in its subtitle files' names: NAME.en.srt, NAME.en.vtt, ...
SUBTITLE_SUFFIXES = [f".{language}{kind}" for language in LANGUAGES for kind in (".srt", ".vtt")]
# A caption ending within this of its own continuation, across a join, is one cue (times are in ms).
JOIN_TOLERANCE = datetime.timedelta(milliseconds=2)


@dataclass(frozen=True)
class Beat:
    """At `time` (seconds of the scene), the caption of (chapter, beat) appears; chapter None clears it."""

    time: float
    chapter: str | None = None
    beat: str | None = None


def cues(timeline: list[Beat], start: float, end: float, story: Walkthrough, language: str) -> list[srt.Subtitle]:
    """The captions shown between start and end, in language, on a clock that starts at `start`."""
    subtitles = []
    bounds = [*timeline[1:], Beat(end)]
    for beat, following in zip(timeline, bounds, strict=True):
        shown_from, shown_to = max(beat.time, start), min(following.time, end)
        if beat.chapter is None or shown_to - shown_from < 1e-3:
            continue
        subtitles.append(
            srt.Subtitle(
                index=len(subtitles) + 1,
                start=datetime.timedelta(seconds=round(shown_from - start, 3)),
                end=datetime.timedelta(seconds=round(shown_to - start, 3)),
                content=caption(beat.chapter, beat.beat, story, language),
            )
        )
    return subtitles


def to_vtt(subtitles: list[srt.Subtitle]) -> str:
    """WebVTT, for the HTML5 <track> element."""
    blocks = ["WEBVTT\n"]
    for cue in subtitles:
        times = f"{srt.timedelta_to_srt_timestamp(cue.start)} --> {srt.timedelta_to_srt_timestamp(cue.end)}"
        blocks.append(f"{times.replace(',', '.')}\n{cue.content}\n")
    return "\n".join(blocks)


def _write(path: Path, text: str) -> None:
    with written_atomically(path) as partial:  # two renders at once never write one partial file
        partial.write_text(text, encoding="utf-8")


def write_subtitles(video: Path, timeline: list[Beat], start: float, end: float, story: Walkthrough) -> list[Path]:
    """NAME.en.srt, NAME.zh.srt, NAME.en.vtt, NAME.zh.vtt beside video; returns their paths."""
    texts = []
    for language in LANGUAGES:
        subtitles = cues(timeline, start, end, story, language)
        texts += [srt.compose(subtitles), to_vtt(subtitles)]
    written = [video.with_name(video.stem + suffix) for suffix in SUBTITLE_SUFFIXES]
    for path, text in zip(written, texts, strict=True):
        _write(path, text)
    return written


def join_subtitles(parts: list[tuple[Path, float]], target: Path) -> None:
    """Subtitles for target, the videos of parts (video, seconds) played one after another.

    Each part's cues are shifted by the length of the parts before it; a caption on screen across
    a join becomes one cue again.
    """
    for language in LANGUAGES:
        joined: list[srt.Subtitle] = []
        offset = datetime.timedelta()
        for video, seconds in parts:
            for cue in srt.parse(video.with_name(f"{video.stem}.{language}.srt").read_text(encoding="utf-8")):
                cue.start, cue.end = cue.start + offset, cue.end + offset
                if joined and joined[-1].content == cue.content and cue.start - joined[-1].end < JOIN_TOLERANCE:
                    joined[-1].end = cue.end
                else:
                    joined.append(cue)
            offset += datetime.timedelta(seconds=round(seconds, 3))
        for index, cue in enumerate(joined, start=1):
            cue.index = index
        _write(target.with_name(f"{target.stem}.{language}.srt"), srt.compose(joined, reindex=False))
        _write(target.with_name(f"{target.stem}.{language}.vtt"), to_vtt(joined))
