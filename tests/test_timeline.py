"""The record of a render (scenes/timeline.py): written whole, read back exactly, and refused in
one line when it is not a record of this version."""

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scenes.timeline import TIMELINE_VERSION, Beat, Section, Sentence, Timeline, record_of

times = st.floats(min_value=0, max_value=1e4, allow_nan=False)
names = st.text(min_size=1, max_size=12)


@st.composite
def records(draw) -> Timeline:
    frames = sorted(draw(st.lists(st.integers(0, 10**6), min_size=2, max_size=6)))
    sections = tuple(
        Section(draw(names), first, end, draw(st.none() | st.just(Path("/clips") / f"{index}.mp4")))
        for index, (first, end) in enumerate(itertools.pairwise(frames))
    )
    beats = tuple(draw(st.lists(st.builds(Beat, times, st.none() | names, st.none() | names, times), max_size=8)))
    speech = tuple(draw(st.lists(st.builds(Sentence, times, st.just(Path("/voice/0a1b.wav"))), max_size=8)))
    rate = draw(st.sampled_from([15.0, 30.0, 60.0]))
    video, narrated = Path("/media/FullStory.mp4"), draw(st.booleans())
    return Timeline(video, narrated, rate, frames[0], frames[-1], sections, beats, speech)


@settings(deadline=None)  # a file written and read per example: a loaded disk must not fail it
@given(record=records())
def test_a_record_reads_back_as_it_was_written(record, tmp_path_factory):
    """Every field, every float to the last bit (the subtitles and the mix are timed from them)."""
    path = tmp_path_factory.mktemp("record") / "FullStory.timeline.json"
    assert record.write(path) == path
    assert Timeline.read(path) == record


def test_a_record_lies_beside_its_video_and_counts_in_frames(tmp_path):
    video = tmp_path / "FullStory.mp4"
    section = Section("02_labels", 246, 508, tmp_path / "sections" / "FullStory_0002_02_labels.mp4")
    record = Timeline(video, True, 15.0, 112, 508, (section,))
    assert record.write() == record_of(video) == tmp_path / "FullStory.timeline.json"
    assert (record.start, record.end) == (112 / 15, 508 / 15)
    assert record.seconds(section) == (246 / 15, 508 / 15)
    assert json.loads(record_of(video).read_text())["version"] == TIMELINE_VERSION


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('{"version": 0, "video": "a.mp4"}', "version 0, this code reads version 1"),
        ("[1, 2", "Expecting"),
        ('{"version": 1, "video": "a.mp4"}', "'narrated'"),
    ],
)
def test_what_is_not_a_record_of_this_version_is_refused_in_one_line(tmp_path, text, says):
    path = tmp_path / "FullStory.timeline.json"
    path.write_text(text)
    with pytest.raises(ValueError) as refused:
        Timeline.read(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: not a timeline record this code can read") and says in message
    assert "\n" not in message


def test_a_write_that_fails_leaves_the_old_record_and_no_partial_file(tmp_path, monkeypatch):
    video = tmp_path / "FullStory.mp4"
    old = Timeline(video, False, 15.0, 0, 30)
    old.write()

    write_text = Path.write_text

    def half_then_full_disk(self, text, *args, **kwargs):
        write_text(self, text[: len(text) // 2], *args, **kwargs)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", half_then_full_disk)
    with pytest.raises(OSError):
        Timeline(video, True, 15.0, 0, 60).write()
    monkeypatch.undo()
    assert Timeline.read(record_of(video)) == old
    assert sorted(path.name for path in tmp_path.iterdir()) == ["FullStory.timeline.json"]
