"""Subtitles from the caption timeline: in order, not overlapping, clipped and shifted per clip."""

import srt

from bce_math import default_dataset, fmt, walkthrough
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


def test_parts_joined_match_the_whole(tmp_path):
    """Two parts rendered apart (split at 12 s, mid-caption): their subtitles joined equal the whole video's."""
    first, second, whole = tmp_path / "a" / "Part.mp4", tmp_path / "b" / "Part.mp4", tmp_path / "Whole.mp4"
    for video, start, end in ((first, 0.0, 12.0), (second, 12.0, 20.0)):
        video.parent.mkdir()
        write_subtitles(video, TIMELINE, start, end, STORY)
    write_subtitles(whole, TIMELINE, 0.0, 20.0, STORY)
    join_subtitles([(first, 12.0), (second, 8.0)], tmp_path / "Joined.mp4")
    for suffix in (".en.srt", ".zh.srt", ".en.vtt", ".zh.vtt"):
        joined = (tmp_path / f"Joined{suffix}").read_text(encoding="utf-8")
        assert joined == (tmp_path / f"Whole{suffix}").read_text(encoding="utf-8")
