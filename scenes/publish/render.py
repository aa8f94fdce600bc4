"""Render the full story on both cores: two processes, each a run of chapters, joined without re-encoding.

    python -m scenes.publish.render -qh            # media/videos/story/1080p60/FullStory.mp4 (+ subtitles)
    python -m scenes.publish.render -ql --split code

The first process renders the chapters before the split, the second runs through them (their
code runs, nothing is drawn) and renders the rest. Each animation is encoded on its own either way,
so the two videos, concatenated with ffmpeg's concat demuxer (stream copy), give the frames of a
serial FullStory render. Each part leaves the record of what it rendered (scenes/timeline.py:
its sections, beats and sentences); from the two records come the joined video's subtitles and
soundtrack, each part's shifted by the length of the parts before it, the chapters' clips with
theirs, and the joined video's own record (FullStory.timeline.json, which make course reads):
scenes/publish/join.py. The joined file replaces the old one only once it is complete. Each process keeps
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
import functools
import signal
import subprocess
import tempfile
import time
import traceback
from pathlib import Path

from scenes.atomic import cannot_write, remove_orphans
from scenes.chapters import CHAPTERS
from scenes.publish.join import publish_once
from scenes.publish.progress import Progress, chapters_reported, report_chapter
from scenes.settings import current_settings, current_story, fail
from scenes.timeline import Timeline, record_of
from scenes.tracks.voice import Narrator

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

    @functools.cached_property
    def record(self) -> Timeline:
        """What the part's process rendered (scenes/timeline.py), read once it has ended."""
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
