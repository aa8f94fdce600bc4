"""make video's last step: the parts' videos joined into FullStory.mp4, with subtitles, soundtrack
and record made from the parts' records (scenes/timeline.py), and each chapter's clip with its own.

Whatever is published is made whole under a private name beside its target and renamed over it
with its subtitles (and record): an interruption or a full disk at any moment leaves the old video
or the new one. When the parts give what the published video was made from (.FullStory.inputs
beside it), nothing is made again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from scenes.atomic import private_folder, private_name, remove_orphans, renamed_together, written_atomically
from scenes.settings import current_settings, current_story, fail
from scenes.timeline import TIMELINE_VERSION, Section, Sentence, Timeline, record_of
from scenes.tracks.subtitles import SUBTITLE_SUFFIXES, join_subtitles, subtitle_texts, write_subtitles
from scenes.tracks.voice import mix, write_wav


class Rendered(Protocol):
    """A part of the render, as its process left it: its video and the record of it."""

    video: Path

    @property
    def record(self) -> Timeline: ...


# The soundtrack's AAC, as tracks/voice.py's add_soundtrack encodes a chapter's: ffmpeg's "fast" coder.
SOUNDTRACK = ["-c:a", "aac", "-aac_coder", "fast", "-b:a", "160k", "-movflags", "+faststart"]


def ffmpeg(arguments: list[str], what: str) -> None:
    """Run ffmpeg; a full disk raises OSError (one line in main), any other failure stops with one line."""
    result = subprocess.run(["ffmpeg", "-y", "-loglevel", "error", *arguments], capture_output=True, text=True)
    if result.returncode != 0:
        if "No space left" in result.stderr:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(Path(arguments[-1]).parent))
        fail(f"{what} failed: {(result.stderr.strip().splitlines() or ['no output'])[-1]}")


def encode(video_input: list[str], target: Path, sound: np.ndarray | None) -> None:
    """target from ffmpeg's video input arguments, the video stream copied, with sound (samples of
    the mix) as its one AAC track when given: the picture and its soundtrack in one ffmpeg run."""
    with private_folder(target.parent) as folder:
        command = [*video_input, "-c", "copy"]
        if sound is not None:
            wav = Path(folder) / "sound.wav"
            write_wav(wav, sound)
            command = [*video_input, "-i", str(wav), "-map", "0:v", "-map", "1:a", "-c:v", "copy", *SOUNDTRACK]
        ffmpeg([*command, str(target)], f"writing {target.name}")


def join(clips: list[Path], target: Path, lengths: list[float], sound: np.ndarray | None = None) -> None:
    """Concatenate clips losslessly into target (a private name: publish renames it), with sound
    under them when given; each clip is given its length in frames (the container's duration runs
    a few ticks over, and ffmpeg would start the next clip that late: a gap in the timestamps at
    the join)."""
    with private_folder(target.parent) as folder:
        listing = Path(folder) / "clips.txt"
        entries = [
            f"file '{clip.resolve()}'\nduration {length:.6f}\n" for clip, length in zip(clips, lengths, strict=True)
        ]
        listing.write_text("".join(entries), encoding="utf-8")
        encode(["-f", "concat", "-safe", "0", "-i", str(listing)], target, sound)


def with_subtitles(video: Path) -> list[Path]:
    return [video, *(video.with_name(video.stem + suffix) for suffix in SUBTITLE_SUFFIXES)]


def put_in_place(staged: Path, target: Path, record: bool = False) -> None:
    """Rename the staged video, then its subtitles (and its record), over target's, with Ctrl-C and
    TERM held back until all are in place (a signal then stops the render after them, and the new
    video is kept)."""
    files = with_record if record else with_subtitles
    renamed_together(zip(files(staged), files(target), strict=True))


def with_record(video: Path) -> list[Path]:
    return [*with_subtitles(video), record_of(video)]


@contextlib.contextmanager
def staged_beside(target: Path):
    """A private name beside target (.NAME.PID.partial.mp4, which the next run removes if this one
    dies) for target's next version and its subtitles; whatever is left of them is removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_orphans(target.parent)
    staged = private_name(target)
    try:
        yield staged
    finally:
        for path in with_record(staged):
            path.unlink(missing_ok=True)


def on_own_clock(record: Timeline) -> list[Sentence]:
    """A part's sentences, timed from its video's first frame."""
    return [Sentence(sentence.time - record.start, sentence.path) for sentence in record.speech]


def clip_path(target: Path, section: str) -> Path:
    """Where a chapter's clip is published, under the name a one-process render of FullStory gives
    it: section "02_labels" of media/.../FullStory.mp4 is media/.../sections/FullStory_0002_02_labels.mp4."""
    return target.parent / "sections" / f"{target.stem}_{int(section.split('_')[0]):04d}_{section}.mp4"


def publish_sections(parts: Sequence[Rendered], target: Path) -> None:
    """Each chapter's clip (a section Manim saved in its part) beside target, with its subtitles and,
    narrated, its speech; and the sections' index, FullStory.json, as Manim writes it."""
    story, index = current_story(), []
    for record in [part.record for part in parts]:
        speech = on_own_clock(record)
        for section in [section for section in record.sections if section.clip is not None]:
            start, stop = record.seconds(section)
            published = clip_path(target, section.name)
            # Each clip with its sound, made beside it and renamed over it (as the video, in publish).
            with staged_beside(published) as staged:
                if record.narrated:
                    encode(["-i", str(section.clip)], staged, mix(speech, start - record.start, stop - record.start))
                else:
                    shutil.copyfile(section.clip, staged)
                write_subtitles(staged, record.beats, start, stop, story)
                put_in_place(staged, published)
            index.append({"name": section.name, "video": published.name, "duration": seconds(published)})
    listed = {entry["video"] for entry in index}
    for stale in target.parent.glob(f"sections/{target.stem}_*.mp4"):  # clips of another chapter list
        if stale.name not in listed:
            for path in with_subtitles(stale):
                path.unlink(missing_ok=True)
    with written_atomically(target.parent / "sections" / f"{target.stem}.json") as partial:
        partial.write_text(json.dumps(index, indent=1), encoding="utf-8")


def joined_speech(records: list[Timeline], lengths: list[float]) -> list[Sentence]:
    """Every part's sentences on the joined video's clock."""
    speech, offset = [], 0.0
    for record, length in zip(records, lengths, strict=True):
        speech += [Sentence(offset + sentence.time, sentence.path) for sentence in on_own_clock(record)]
        offset += length
    return speech


def joined_timeline(records: list[Timeline], lengths: list[float], target: Path) -> Timeline:
    """The record of the joined video: each part's sections, beats and sentences after the parts
    before it (a part's beats before its first frame are the run-through of earlier chapters)."""
    sections, beats, offset, frames = [], [], 0.0, 0
    for record, length in zip(records, lengths, strict=True):
        shift = frames - record.first_frame
        for section in record.sections:
            first, end = section.first_frame + shift, section.end_frame + shift
            sections.append(Section(section.name, first, end, clip_path(target, section.name)))
        beats += [
            dataclasses.replace(beat, time=offset + (beat.time - record.start))
            for beat in record.beats
            if beat.time >= record.start
        ]
        offset, frames = offset + length, frames + record.end_frame - record.first_frame
    return Timeline(
        video=target,
        narrated=records[0].narrated,
        frame_rate=records[0].frame_rate,
        first_frame=0,
        end_frame=frames,
        sections=tuple(sections),
        beats=tuple(beats),
        speech=tuple(joined_speech(records, lengths)),
    )


def publish(parts: Sequence[Rendered], target: Path) -> None:
    """Join the parts' videos and subtitles into target's, with their speech mixed under it (narrated cut).

    The new video is made whole, its soundtrack in it, beside target under a private name, and
    renamed over it with its subtitles: an interruption or a full disk at any moment leaves the old
    video or the new one, never a picture without its sound.
    """
    lengths = [seconds(part.video) for part in parts]
    records = [part.record for part in parts]
    joined = joined_timeline(records, lengths, target)
    with staged_beside(target) as staged:
        sound = mix(joined.speech, 0.0, sum(lengths)) if joined.narrated else None
        join([part.video for part in parts], staged, lengths, sound)
        join_subtitles(list(zip(records, lengths, strict=True)), staged, current_story())
        joined.write(record_of(staged))
        put_in_place(staged, target, record=True)


def joined_inputs(parts: Sequence[Rendered]) -> str:
    """A digest of everything publish() makes target from: each part's video, and from its record
    the subtitles (in every language), sections and sentences it gives.

    The speech files are named after their voice and words, so their names stand for their sound;
    the parts' own names (their processes') are left out.
    """
    digest = hashlib.sha256(f"narrated={current_settings().narrated} record={TIMELINE_VERSION}".encode())
    for part in parts:
        record = part.record
        digest.update(part.video.read_bytes())
        for text in subtitle_texts(record.beats, record.start, record.end, current_story()):
            digest.update(text.encode())
        sections = [(section.name, section.first_frame, section.end_frame) for section in record.sections]
        speech = [(sentence.time, str(sentence.path)) for sentence in on_own_clock(record)]
        digest.update(json.dumps([record.frame_rate, record.first_frame, record.end_frame, sections, speech]).encode())
    return digest.hexdigest()


def _inputs_record(target: Path) -> Path:
    return target.with_name(f".{target.stem}.inputs")


def _outputs_state(target: Path) -> str:
    """Size and modification time of target and its subtitles: an edit or removal changes it.

    For the sections' index, of the index and of every clip it lists with its subtitles: a clip
    removed, cut short or replaced makes the sections published again (the course matched the
    clips left to the wrong chapters).
    """
    outputs = with_record(target)
    if target.suffix == ".json":
        try:
            listed = [target.with_name(entry["video"]) for entry in json.loads(target.read_text(encoding="utf-8"))]
        except (OSError, ValueError, TypeError, KeyError):
            listed = [target.with_name("(unreadable index)")]
        outputs = [target, *(path for clip in listed for path in with_subtitles(clip))]
    return " ".join(f"{path.stat().st_size}:{path.stat().st_mtime_ns}" if path.exists() else "-" for path in outputs)


def is_current(target: Path, inputs: str) -> bool:
    """Whether target and its subtitles were published from these inputs and are untouched since.

    An unchanged re-render then skips the join, the mix and the AAC encoding (a third of its time).
    """
    record = _inputs_record(target)
    return record.exists() and record.read_text(encoding="utf-8") == f"{inputs}\n{_outputs_state(target)}\n"


def record_inputs(target: Path, inputs: str) -> None:
    with written_atomically(_inputs_record(target)) as partial:
        partial.write_text(f"{inputs}\n{_outputs_state(target)}\n", encoding="utf-8")


def seconds(video: Path) -> float:
    """Length of a video from its frame count (exact, unlike the container's rounded duration)."""
    probe = ["ffprobe", "-v", "error", "-count_packets", "-select_streams", "v:0"]
    probe += ["-show_entries", "stream=nb_read_packets,r_frame_rate", "-of", "csv=p=0", str(video)]
    rate, packets = subprocess.run(probe, capture_output=True, text=True, check=True).stdout.strip().split(",")
    numerator, denominator = map(int, rate.split("/"))
    return int(packets) * denominator / numerator


def publish_once(parts: Sequence[Rendered], target: Path, sections: bool, quiet: bool) -> None:
    """The parts joined into target (and, with sections, a clip per chapter), unless they are what
    target was last published from; one render at a time (a lock beside target)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with (target.parent / f".{target.stem}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a render at once with this one writes its video and subtitles after
        inputs = joined_inputs(parts)
        index = target.parent / "sections" / f"{target.stem}.json"
        if is_current(target, inputs):
            if not quiet:
                print("The parts are as last time: the video and its subtitles are kept as they are", flush=True)
        else:
            publish(parts, target)
            record_inputs(target, inputs)
        if sections and not is_current(index, inputs):
            publish_sections(parts, target)
            record_inputs(index, inputs)
