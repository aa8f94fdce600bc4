"""Subtitles from the caption timeline: in order, not overlapping, clipped and shifted per clip."""

import pytest
import srt

from bce_math import default_dataset, fmt, walkthrough
from scenes.timeline import Timeline
from scenes.tracks.subtitles import Beat, cues, join_subtitles, to_vtt, write_subtitles

STORY = walkthrough(default_dataset())
TIMELINE = [
    Beat(0.0, "feature", "points"),
    Beat(5.0, "feature", "only"),
    Beat(9.0, "average", "done"),
    Beat(14.0),  # caption cleared
    Beat(15.0, "closing", "summary"),
]


def test_each_caption_lasts_until_the_next():
    subs = cues(TIMELINE, 0.0, 20.0, STORY, "en")
    assert [(s.start.total_seconds(), s.end.total_seconds()) for s in subs] == [
        (0, 5),
        (5, 9),
        (9, 14),
        (15, 20),
    ]
    assert subs[2].content.endswith(fmt(STORY.mean_loss))


def test_a_clip_gets_its_own_stretch_from_zero():
    subs = cues(TIMELINE, 7.0, 12.0, STORY, "zh")
    assert [(s.start.total_seconds(), s.end.total_seconds()) for s in subs] == [(0, 2), (2, 5)]
    assert fmt(STORY.mean_loss) in subs[1].content


def test_files_for_every_language_parse(tmp_path):
    written = write_subtitles(tmp_path / "Clip.mp4", TIMELINE, 0.0, 20.0, STORY)
    assert sorted(p.name for p in written) == ["Clip.en.srt", "Clip.en.vtt", "Clip.zh.srt", "Clip.zh.vtt"]
    parsed = list(srt.parse((tmp_path / "Clip.zh.srt").read_text(encoding="utf-8")))
    assert len(parsed) == 4
    vtt = (tmp_path / "Clip.en.vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT\n") and "00:00:05.000 --> 00:00:09.000" in vtt
    assert to_vtt([]) == "WEBVTT\n"


# The narrated cut: each beat's sentence starts with its caption and lasts `speech` seconds.
SPOKEN = [
    Beat(0.0, "title", "spoken", 4.1),
    Beat(6.0, "losses", "cost", 8.2),
    Beat(16.0, "entropy", "flat", 11.5),
    Beat(29.0, "average", "done", 3.0),
]


def test_narrated_subtitles_carry_the_spoken_words_in_readable_cues():
    from scenes.chapters import CHAPTERS
    from scenes.narration import _table, spoken

    beats = [(c.__name__, beat) for c in CHAPTERS for beat in _table("en")[c.__name__]]
    # Each sentence spoken at a usual pace: 0.06 s a character in English, 0.2 s in Chinese.
    for language, per_character in (("en", 0.06), ("zh", 0.2)):
        speech = [per_character * len(spoken(c, b, STORY, language)) for c, b in beats]
        starts = [sum(speech[:i]) + 0.5 * i for i in range(len(beats))]
        timeline = [Beat(at, c, b, s) for at, (c, b), s in zip(starts, beats, speech, strict=True)]
        subs = cues(timeline, 0.0, starts[-1] + speech[-1] + 1.0, STORY, language)
        limit = {"en": 42, "zh": 16}[language]
        for cue in subs:
            lines = cue.content.split("\n")
            assert len(lines) <= 2 and all(len(line) <= limit for line in lines), cue.content
            assert 1.0 - 1e-3 <= (cue.end - cue.start).total_seconds() <= 7.0 + 1e-3, cue.content
        # Every spoken word is in the subtitles, in order, and nothing else.
        said = "".join("".join(spoken(c, b, STORY, language).split()) for c, b in beats)
        shown = "".join("".join(cue.content.split()) for cue in subs)
        assert shown == said


def test_a_narrated_cue_starts_with_its_speech_and_ends_with_it():
    subs = cues(SPOKEN, 0.0, 40.0, STORY, "en")
    starts = [cue.start.total_seconds() for cue in subs]
    assert {0.0, 6.0, 16.0, 29.0} <= set(starts)
    by_beat = {beat.time: beat.time + beat.speech for beat in SPOKEN}
    for cue in subs:
        beat_start = max(t for t in by_beat if t <= cue.start.total_seconds())
        assert cue.end.total_seconds() <= by_beat[beat_start] + 1e-3  # no caption over the silence after it
    assert subs[-1].content.replace("\n", " ").endswith(fmt(STORY.mean_loss))


@pytest.mark.parametrize(("timeline", "split", "end"), [("captions", 12.0, 20.0), ("speech", 20.0, 40.0)])
def test_parts_joined_match_the_whole(tmp_path, timeline, split, end):
    """Two parts rendered apart, split mid-caption or mid-sentence: their subtitles joined equal the whole video's."""
    beats = TIMELINE if timeline == "captions" else SPOKEN
    # Each part's record counts a frame a second: the first part's frames 0..split, the second's split..end.
    first = Timeline(tmp_path / "a" / "Part.mp4", False, 1.0, 0, int(split), beats=tuple(beats))
    second = Timeline(tmp_path / "b" / "Part.mp4", False, 1.0, int(split), int(end), beats=tuple(beats))
    write_subtitles(tmp_path / "Whole.mp4", beats, 0.0, end, STORY)
    join_subtitles([(first, split), (second, end - split)], tmp_path / "Joined.mp4", STORY)
    for suffix in (".en.srt", ".zh.srt", ".en.vtt", ".zh.vtt"):
        joined = (tmp_path / f"Joined{suffix}").read_text(encoding="utf-8")
        assert joined == (tmp_path / f"Whole{suffix}").read_text(encoding="utf-8")
