"""make video's last step (scenes/publish/join.py): the joined video's record from the parts', and
publishing only what changed."""

from pathlib import Path

from scenes.publish.join import is_current, joined_inputs, joined_timeline, record_inputs
from scenes.timeline import Beat, Section, Sentence, Timeline, record_of
from scenes.tracks.subtitles import SUBTITLE_SUFFIXES


def test_the_joined_record_puts_each_part_after_the_ones_before_it():
    """The second part ran through the first part's chapters (frames 0..30, a beat at 1.0 s) before
    its own, from frame 30: in the joined video its sections, beats and sentences follow the first's."""
    tone = Path("/voice/tone.wav")
    first = Timeline(
        Path("a.mp4"),
        True,
        15.0,
        0,
        30,
        (Section("00_title", 0, 30, Path("a_0.mp4")),),
        (Beat(1.0, "average", "mean"),),
        (Sentence(1.0, tone),),
    )
    second = Timeline(
        Path("b.mp4"),
        True,
        15.0,
        30,
        75,
        (Section("01_feature", 30, 75, Path("b_1.mp4")),),
        (Beat(1.0, "average", "mean"), Beat(2.5, "average", "done")),
        (Sentence(2.5, tone),),
    )
    target = Path("/media/FullStory.mp4")
    joined = joined_timeline([first, second], [2.0, 3.0], target)
    assert (joined.video, joined.first_frame, joined.end_frame, joined.narrated) == (target, 0, 75, True)
    assert joined.sections == (
        Section("00_title", 0, 30, Path("/media/sections/FullStory_0000_00_title.mp4")),
        Section("01_feature", 30, 75, Path("/media/sections/FullStory_0001_01_feature.mp4")),
    )
    assert joined.beats == (Beat(1.0, "average", "mean"), Beat(2.5, "average", "done"))
    assert joined.speech == (Sentence(1.0, tone), Sentence(2.5, tone))


def test_an_unchanged_rerender_keeps_the_published_video(tmp_path):
    """make video publishes (join, mix, AAC) only when a part's video, subtitles or speech changed,
    or when the published files were edited or removed since."""

    class PartLeft:  # what a part's process leaves: its video and its record
        def __init__(self, pid: int, beats: tuple[Beat, ...] = (Beat(0.0, "average", "mean"),)) -> None:
            self.video = tmp_path / f".StoryPart.{pid}.partial.mp4"
            self.video.write_bytes(b"frames")
            speech = (Sentence(0.5, tmp_path / "voice" / "0123.wav"),)
            Timeline(self.video, False, 15.0, 0, 30, (), beats, speech).write()
            self.record = Timeline.read(record_of(self.video))

    parts = [PartLeft(101), PartLeft(102)]
    target = tmp_path / "FullStory.mp4"
    for path in [target, record_of(target), *(target.with_name(target.stem + suffix) for suffix in SUBTITLE_SUFFIXES)]:
        path.write_text("published")
    inputs = joined_inputs(parts)
    assert not is_current(target, inputs)  # never published from these
    record_inputs(target, inputs)
    assert is_current(target, inputs)
    assert joined_inputs([PartLeft(201), PartLeft(202)]) == inputs  # the next render's processes have other names
    assert joined_inputs([PartLeft(201), PartLeft(202, (Beat(0.0, "average", "done"),))]) != inputs  # a caption
    target.with_name("FullStory.en.vtt").unlink()
    assert not is_current(target, inputs)  # a removed subtitle file is written again
    record_inputs(target, inputs)
    record_of(target).unlink()
    assert not is_current(target, inputs)  # and so is a removed record
