"""Render the full story on both cores: two processes, each a run of chapters, joined without re-encoding.

    python -m scenes.publish.render -qh            # media/videos/story/1080p60/FullStory.mp4 (+ subtitles)
    python -m scenes.publish.render -ql --split code

The first process renders the chapters before the split, the second runs through them (their
code runs, nothing is drawn) and renders the rest. Each animation is encoded on its own either way,
so the two videos, concatenated with ffmpeg's concat demuxer (stream copy), give the frames of a
serial FullStory render. Each part leaves the record of what it rendered (scenes/timeline.py:
its sections, beats and sentences); from the two records come the joined video's subtitles and
soundtrack, each part's shifted by the length of the parts before it, the chapters' clips with
theirs, and the joined video's own record (FullStory.timeline.json, which make course reads). The
joined file replaces the old one only once it is complete. Each process keeps
its partial movies in a media folder of its own, so a re-render reuses each part's cached
animations; both typeset into the main media folder's texts/ and Tex/ (scenes/engine/cache.py makes
that safe): the second part runs through the first part's chapters ahead of it, so the first part
finds most of its words and formulas typeset.
"""

from __future__ import annotations

import os
import sys

if __name__ == "__main__" and os.environ.get("PYTHONHASHSEED") != "0":
    # The parts are forks of this process and share its string hashes: Manim's TransformMatchingTex
    # orders its parts by iterating a set, so the hashes must be the same from run to run (or that
    # animation, and its cache key, change). Start again with a fixed seed, before the slow imports.
    os.execve(
        sys.executable,
        [sys.executable, "-m", "scenes.publish.render", *sys.argv[1:]],
        {**os.environ, "PYTHONHASHSEED": "0"},
    )

import argparse
import contextlib
import ctypes
import dataclasses
import errno
import fcntl
import hashlib
import json
import shutil
import signal
import subprocess
import tempfile
import time
import traceback
from pathlib import Path

import numpy as np

from scenes.atomic import (
    cannot_write,
    private_folder,
    private_name,
    remove_orphans,
    renamed_together,
    written_atomically,
)
from scenes.chapters import CHAPTERS
from scenes.publish.progress import Progress, chapters_reported, report_chapter
from scenes.settings import current_settings, current_story, fail
from scenes.timeline import TIMELINE_VERSION, Section, Sentence, Timeline, record_of
from scenes.tracks.subtitles import SUBTITLE_SUFFIXES, join_subtitles, subtitle_texts, write_subtitles
from scenes.tracks.voice import Narrator, mix, write_wav

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = {"-ql": "480p15", "-qm": "720p30", "-qh": "1080p60", "-qp": "1440p60", "-qk": "2160p60"}
QUALITIES = {"-ql": "low_quality", "-qm": "medium_quality", "-qh": "high_quality"}
QUALITIES |= {"-qp": "production_quality", "-qk": "fourk_quality"}
# The first chapter of the second part: Part III's chapters cost more to draw than their length
# says (live numbers are typeset anew at every step), so Part I, the code and the class shares go
# to the first process. The second process also runs through the first part's chapters without
# drawing. Chosen so both processes end together (benchmarks/render_speed.py prints each part's
# time): narrated at 1080p, 138 s and 144 s (split at "distribution": 125 s and 150 s). The Chinese
# voice costs about seven times the English one per second of speech, so its cold render is led by
# speech (0.18 CPU s a character) more than by drawing: at "entropy" its parts took 226 s and 335 s
# (-ql, 2026-12-05), and "cross_entropy" gives the first part the entropy chapter's 213 characters.
DEFAULT_SPLIT = {"en": "entropy", "zh": "cross_entropy"}
PART_NAME = "StoryPart"
PR_SET_PDEATHSIG = 1  # prctl(2)


def chapter_names(chapters: range) -> str:
    return f"{CHAPTERS[chapters.start].__name__}..{CHAPTERS[chapters.stop - 1].__name__}"


def child_environment() -> dict[str, str]:
    """The environment of the render's own processes.

    BCE_DATA is handed on resolved (they start in the project folder, not where it was typed). A
    Python child gets a fixed string-hash seed: Manim's TransformMatchingTex orders its parts by
    iterating a set, so without it that animation (and its cache key) changes from run to run.
    """
    return {**os.environ, "PYTHONHASHSEED": "0", "BCE_DATA": current_settings().data}


def run(command: list[str], what: str) -> None:
    """Run a tool; on failure stop with one line naming what failed."""
    result = subprocess.run(command, cwd=ROOT, env=child_environment(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        fail(f"{what} failed: {(result.stderr.strip().splitlines() or ['no output'])[-1]}")


def _die_with_parent() -> None:
    """In a child, before it runs: be killed when the parent dies, however it dies."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class Part:
    """One process rendering a run of chapters into its own media folder, in its own process group.

    The process is a fork of this one: it starts with Manim, scikit-learn and the story already
    loaded (starting Python again and importing them took each part about 3 s).
    """

    def __init__(self, chapters: range, quality: str, folder: Path, sections: bool = False) -> None:
        self.chapters, self.folder = chapters, folder
        # Named after this process: two renders at once never write each other's part.
        self.name = f".{PART_NAME}.{os.getpid()}.partial"
        self.video = folder / "videos" / f"{self.name}.mp4"
        self.log = folder / f"{self.name}.log"
        self.progress = folder / f"{self.name}.progress"  # "chapter frames", a line per chapter drawn
        folder.mkdir(parents=True, exist_ok=True)
        for kept in (folder, folder / "videos"):
            remove_orphans(kept)  # what a killed render left
        sys.stdout.flush(), sys.stderr.flush()  # or the child writes the parent's buffered lines again
        self.pid, self.returncode = os.fork(), None
        if self.pid == 0:
            self._render(quality, sections)
        self.start = time.perf_counter()

    def _render(self, quality: str, sections: bool) -> None:
        """The child: render the chapters, logging to the part's log; never returns."""
        code = 1
        try:
            os.setsid()  # its own process group: Ctrl-C reaches the parent only, which stops the parts
            _die_with_parent()
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            log = os.open(self.log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(log, 1), os.dup2(log, 2)
            # Sentences are kept in the main media folder's voice cache, shared with make course.
            os.environ["BCE_VOICE_CACHE"] = str(self.folder.parent.parent / "voice")
            render_here(self.chapters, quality, self.folder, self.name, sections, self.progress)
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush(), sys.stderr.flush()
            os._exit(code)

    def poll(self) -> int | None:
        """The part's exit code once it has ended, else None."""
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def last_line(self) -> str:
        lines = [line for line in self.log.read_text(errors="replace").splitlines() if line.strip()]
        return lines[-1].strip() if lines else "no output"

    @property
    def record(self) -> Timeline:
        """What the part's process rendered (scenes/timeline.py)."""
        return Timeline.read(record_of(self.video))

    def kill(self) -> None:
        """Stop the process and everything it started (LaTeX, ffmpeg); the caches survive a kill."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        if self.returncode is None:
            self.returncode = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])

    def remove(self) -> None:
        sections = self.video.parent / "sections"
        for path in [
            self.log,
            self.progress,
            *self.video.parent.glob(f"{self.name}.*"),
            *sections.glob(f"{self.name}*"),
        ]:
            path.unlink(missing_ok=True)


def render_parts(parts: list[Part], progress: Progress) -> None:
    """Wait for every part, showing their progress together; the first to fail stops the others
    and the render, in one line."""
    running = list(parts)
    while running:
        time.sleep(0.2)
        reported = [chapters_reported(part.progress) for part in parts]
        progress.update(sum(done for done, _ in reported), sum(frames for _, frames in reported))
        for part in [part for part in running if part.poll() is not None]:
            running.remove(part)
            if part.returncode != 0:
                for other in running:
                    other.kill()
                progress.close()
                fail(f"rendering {chapter_names(part.chapters)} failed: {part.last_line()}")
            if progress.mode != "off":
                print(f"{chapter_names(part.chapters)}: {time.perf_counter() - part.start:.0f} s", flush=True)


def render_here(
    chapters: range, quality: str, folder: Path, name: str, sections: bool = False, progress: Path | None = None
) -> None:
    """The work of one part's process: Manim's own render of those chapters, configured as the CLI
    would; it reports each chapter drawn to progress, and leaves the record of its video for publish."""
    from manim import config

    from scenes.chapters import ChapterScene

    class StoryPart(Narrator, ChapterScene):
        def chapter_range(self) -> range:
            return chapters

        def recorded(self, timeline: Timeline) -> None:
            timeline.write()

        def chapter_done(self, name: str, frames: int) -> None:
            if progress is not None:
                report_chapter(progress, name, frames)

    config.digest_file(ROOT / "manim.cfg")  # as a part started in the project folder would read it
    config.quality = QUALITIES[quality]
    config.media_dir = str(folder)
    config.text_dir, config.tex_dir = str(folder.parent.parent / "texts"), str(folder.parent.parent / "Tex")
    config.video_dir = str(folder / "videos")
    config.output_file = name
    config.save_sections = sections
    StoryPart().render()


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


def publish_sections(parts: list[Part], target: Path) -> None:
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
                write_subtitles(staged, list(record.beats), start, stop, story)
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


def publish(parts: list[Part], target: Path) -> None:
    """Join the parts' videos and subtitles into target's, with their speech mixed under it (narrated cut).

    The new video is made whole, its soundtrack in it, beside target under a private name, and
    renamed over it with its subtitles: an interruption or a full disk at any moment leaves the old
    video or the new one, never a picture without its sound.
    """
    lengths = [seconds(part.video) for part in parts]
    records = [part.record for part in parts]
    joined = joined_timeline(records, lengths, target)
    with staged_beside(target) as staged:
        sound = mix(list(joined.speech), 0.0, sum(lengths)) if joined.narrated else None
        join([part.video for part in parts], staged, lengths, sound)
        join_subtitles(list(zip(records, lengths, strict=True)), staged, current_story())
        joined.write(record_of(staged))
        put_in_place(staged, target, record=True)


def joined_inputs(parts: list[Part]) -> str:
    """A digest of everything publish() makes target from: each part's video, and from its record
    the subtitles (in every language), sections and sentences it gives.

    The speech files are named after their voice and words, so their names stand for their sound;
    the parts' own names (their processes') are left out.
    """
    digest = hashlib.sha256(f"narrated={current_settings().narrated} record={TIMELINE_VERSION}".encode())
    for part in parts:
        record = part.record
        digest.update(part.video.read_bytes())
        for text in subtitle_texts(list(record.beats), record.start, record.end, current_story()):
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


def split_index(name: str) -> int:
    names = [chapter.__name__ for chapter in CHAPTERS]
    if name not in names[1:]:
        fail(f"--split {name}: not a chapter after the first; choose one of {', '.join(names[1:])}")
    return names.index(name)


def arguments(argv: list[str] | None) -> argparse.Namespace:
    """The command line: a quality, --split, --media_dir, --save_sections, --quiet."""
    parser = argparse.ArgumentParser(
        prog="python -m scenes.publish.render", description="Render FullStory on two cores."
    )
    qualities = parser.add_mutually_exclusive_group()
    for flag in FOLDERS:
        qualities.add_argument(flag, dest="quality", action="store_const", const=flag, help=FOLDERS[flag])
    parser.set_defaults(quality="-qh")
    defaults = ", ".join(f"{chapter} in {language}" for language, chapter in DEFAULT_SPLIT.items())
    parser.add_argument("--split", help=f"first chapter of the second process (default: {defaults})")
    parser.add_argument("--media_dir", type=Path, default=ROOT / "media")
    parser.add_argument("--save_sections", action="store_true", help="also a clip per chapter, in sections/")
    parser.add_argument("--quiet", action="store_true", help="no progress, only errors and the video's name")
    return parser.parse_args(argv)


def publish_once(parts: list[Part], target: Path, sections: bool, quiet: bool) -> None:
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


def stopped(parts: list[Part], progress: Progress, why: str, target: Path, before: tuple[int, int] | None) -> None:
    """The parts stopped, and one line: why, and whether target is the old video or the new one."""
    progress.close()
    for part in parts:
        part.kill()
    print(f"error: {why}; {shown(target)} {what_became_of(target, before)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    current_story()  # bad settings stop here, before any rendering (and the parts inherit the story)

    split = split_index(args.split or DEFAULT_SPLIT[current_settings().language])
    ranges = [range(0, split), range(split, len(CHAPTERS))]
    target = args.media_dir / "videos" / "story" / FOLDERS[args.quality] / "FullStory.mp4"
    if not args.quiet:
        print(current_settings().describe(), file=sys.stderr)
        print(f"Rendering {' and '.join(map(chapter_names, ranges))} in {len(ranges)} processes", flush=True)
    media = args.media_dir.resolve()
    # Every folder the render writes in, tried before anything starts: a read-only media/ is one line.
    check_writable(
        [media, media / "parts" / "0", media / "parts" / "1", media / "texts", media / "Tex", media / "voice"]
    )
    check_writable([target.parent, *([target.parent / "sections"] if args.save_sections else [])])
    before = identity(target)
    start, parts = time.perf_counter(), []
    progress = Progress(len(CHAPTERS), quiet=args.quiet)
    # Ctrl-C reaches this process only (the parts have process groups of their own): stop them
    # all at once, whatever they are doing. A kill (TERM) is handled the same way.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        for index, chapters in enumerate(ranges):
            folder = media / "parts" / str(index)
            parts.append(Part(chapters, args.quality, folder, args.save_sections))
        render_parts(parts, progress)
        progress.close()
        publish_once(parts, target, args.save_sections, args.quiet)
    except KeyboardInterrupt:
        stopped(parts, progress, "interrupted", target, before)
        return 130
    except OSError as error:  # a full disk, a folder made read-only meanwhile
        error.filename = error.filename or str(target)  # a write's error names no file: it was the video's
        if unwritable(error) is None:
            raise
        stopped(parts, progress, unwritable(error), target, before)
        return 2
    finally:
        for part in parts:
            part.remove()
    if not args.quiet:
        print(f"{len(CHAPTERS)} chapters in {time.perf_counter() - start:.0f} s on {len(parts)} processes")
    print(f"Video: {shown(target)}")
    return 0


def identity(path: Path) -> tuple[int, int] | None:
    """Which file is at path (a rename puts another there), None when there is none."""
    with contextlib.suppress(FileNotFoundError):
        status = path.stat()
        return status.st_ino, status.st_mtime_ns
    return None


def what_became_of(target: Path, before: tuple[int, int] | None) -> str:
    """For the last line of a stopped render: whether target is the video it found or the new one."""
    return "is as it was" if identity(target) == before else "is the new video, with its sound and subtitles"


def unwritable(error: OSError) -> str | None:
    """One line for a permission or space error (the folder and what the render needs there), None
    for any other error. The folder is the one the failed file was in, or the nearest that exists
    (a private work folder is gone by the time this is said)."""
    path = Path(error.filename) if error.filename else ROOT
    folder = path if path.is_dir() or not path.suffix else path.parent
    while folder != folder.parent and (".partial." in folder.name or not folder.exists()):
        folder = folder.parent
    return cannot_write(error, folder, "the render")


def check_writable(folders: list[Path]) -> None:
    """Stop with one line, exit 2, when one of folders cannot be made or written in."""
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as error:
            error.filename = error.filename or str(folder)
            fail(unwritable(error) or f"cannot write in {shown(folder)}: {error}")


def shown(path: Path) -> Path:
    """path relative to the project when it is inside it, as the user will look for it."""
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


if __name__ == "__main__":
    sys.exit(main())
