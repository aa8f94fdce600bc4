"""A rendered video's tracks, from its record (scenes/timeline.py): the subtitles of the video and
of each chapter's clip, in every language, and in the narrated cut the soundtrack under each."""

from __future__ import annotations

from bce_math import Walkthrough
from scenes.timeline import Timeline
from scenes.tracks.subtitles import write_subtitles
from scenes.tracks.voice import add_soundtrack, mix


def lay_tracks(timeline: Timeline, story: Walkthrough) -> None:
    """Subtitles beside the video and each saved clip; narrated, their speech mixed under them."""
    videos = [(timeline.video, timeline.start, timeline.end)]
    videos += [(section.clip, *timeline.seconds(section)) for section in timeline.sections if section.clip]
    for video, start, stop in videos:
        write_subtitles(video, timeline.beats, start, stop, story)
    if timeline.narrated:
        for video, start, stop in videos:
            add_soundtrack(video, mix(timeline.speech, start, stop))
