"""Course material in one folder, ready to upload: ``python -m scenes.publish.course -qh`` (``make course``).

media/course/
  00-full-story.mp4 (+ .en/.zh .srt/.vtt)      the whole video
  NN-chapter-name.mp4 (+ subtitles)           one clip per chapter, from Manim's sections
  posters/NN-chapter-name.png                 each clip's middle frame
  previews/NN-chapter-name.gif                a short 480p preview of each clip
  index.html                                  one player with chapters and the transcript, the lab,
                                              then each clip with its downloads, the deck, the description
  lab.html (+ assets/)                        the lab alone, for a projector (scenes/publish/page.py)
  youtube-description.txt, thumbnail.png      for publishing: chapter timestamps, a 1280x720 picture
  deck/index.html (+ index_assets/, reveal.js/)  the lecture deck: one slide per beat, speaker notes
  deck/slides.pptx, deck/slides.pdf           the same slides for PowerPoint, Keynote, Impress, and
                                              a handout (each slide's picture with its notes)

With --languages en,zh (make course LANGS=en,zh) each language's course is laid out as above in a
folder of its own (en/, zh/), each complete in its language (speech, subtitles, deck notes, page),
and media/course/index.html is one page for both: a switch swaps the video, the subtitles, the
chapters, the transcript and the page's words, keeps the place in the story, and the lab's words
follow. The cuts render one after the other into the same media folder: every animation that is the
same in both is drawn once (Manim's cache of partial movies).

The story is rendered as make video renders it (python -m scenes.publish.render, two processes,
with --save_sections for the clips), in the cut BCE_VOICE chooses (narrated by default), so the
two commands share their partial movies; the Deck (the deck cut: a slide per beat, no holds)
renders beside it. Nothing is downloaded: reveal.js and d3's modules come from node_modules/, which
`make setup` fills with `npm ci` from package-lock.json.

Faults: every process the course starts runs in a process group of its own and dies with the course,
even killed; Ctrl-C reaches the course alone, which stops them all at once and prints one line
(the render's own, during the render), exit 130; a step that was merely stopped says nothing. A
failure, or a folder that cannot be written or is full, is one line, exit 2. Its temporary files
(the processes' too: TMPDIR) live in media/.PID.partial.tmp-*, the course is laid out in
media/.PID.partial.course-*, both removed when it ends or, killed, by the next run; media/course is
replaced in one step (the old course or the new one, never none) and is readable by others.
"""

from __future__ import annotations

import os
import signal
import sys

if __name__ == "__main__":
    from scenes.atomic import stop_quietly_while_loading

    stop_quietly_while_loading()

import argparse
import contextlib
import ctypes
import errno
import json
import shutil
import subprocess
import tempfile
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from scenes.atomic import cannot_write, remove_orphans
from scenes.narration import caption, chapter_title
from scenes.publish import page
from scenes.publish.render import FOLDERS, child_environment, shown
from scenes.settings import LANGUAGES, current_settings, current_story, fail
from scenes.timeline import Timeline, record_of
from scenes.tracks.subtitles import SUBTITLE_SUFFIXES

ROOT = Path(__file__).resolve().parents[2]
GIF_SECONDS, GIF_FPS, GIF_MAX_BYTES = 6.0, 10, 5_000_000
FULL_NAME = "00-full-story"
PLAYER_POSTER = "all_bars"  # the player's still before it plays: every point's bar, no result yet
SCENE = "FullStory"
DECK = "Deck"
REVEAL = ROOT / "node_modules" / "reveal.js"  # package.json pins the version manim-slides 5.7.0's template uses
# The reveal.js files manim-slides' template loads (black theme; its fonts are inside the CSS).
REVEAL_FILES = ["dist/reveal.css", "dist/theme/black.css", "dist/plugin/highlight/zenburn.css", "dist/reveal.js"]
REVEAL_FILES += ["dist/plugin/notes.js", "dist/plugin/markdown.js", "LICENSE"]
NOTES_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"  # Debian's fonts-noto-cjk
WORKERS = os.cpu_count() or 2  # ffmpeg and the converters, one per core
# Every process the course starts dies with it, even killed (SIGKILL): util-linux's setpriv sets
# the death signal before it runs the command (in a thread, preexec_fn is unsafe).
SETPRIV = shutil.which("setpriv")
RENAME_EXCHANGE, AT_FDCWD = 2, -100  # renameat2(2): two names swapped in one step


@dataclass(frozen=True)
class Clip:
    """One chapter's clip in the course folder."""

    number: int
    key: str  # chapter function name, e.g. "sigmoid_fit"
    title: str
    seconds: float
    start: float  # in the full video
    video: Path  # the clip the render published

    @property
    def name(self) -> str:
        return f"{self.number:02d}-{self.key.replace('_', '-')}"


def step(message: str) -> None:
    """Progress, one line per step, so a long build shows where it is."""
    print(f"[course {time.strftime('%H:%M:%S')}] {message}", flush=True)


class CourseError(Exception):
    """The course stops with this exit code; message is its one line (None: a step has said it)."""

    def __init__(self, code: int = 2, message: str | None = None, error: OSError | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.error = code, message, error


INTERRUPTED = 130
_stops: list[CourseError] = []  # the first is why the course stops; the steps it stopped say nothing
_stopping = threading.Event()
_children: dict[int, tuple[subprocess.Popen, int]] = {}  # pid: (process, the signal that stops it)
_guard = threading.RLock()


def stop(reason: CourseError) -> CourseError:
    """Stop the course for reason (the first one counts): every process it runs is stopped, and
    every step still running stops without a word. Returns the exception to raise."""
    with _guard:
        _stops.append(reason)
        if not _stopping.is_set():
            _stopping.set()
            for process, number in _children.values():
                _signal(process, number)
    return reason if reason is _stops[0] else CourseError(reason.code)


def _signal(process: subprocess.Popen, number: int) -> None:
    """Stop a process of start(): the render alone (a TERM: it stops its own, as on Ctrl-C), any
    other with its process group (ffmpeg, LaTeX)."""
    with contextlib.suppress(ProcessLookupError):
        if number == signal.SIGTERM:
            os.kill(process.pid, number)
        else:
            os.killpg(process.pid, number)


def _interrupted(number: int, frame: object) -> None:
    """Ctrl-C (SIGINT) or a kill (SIGTERM): stop everything at once; a second one is ignored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    stop(CourseError(INTERRUPTED))
    raise KeyboardInterrupt


def start(command: list[str], stop_with: int = signal.SIGKILL, **options) -> subprocess.Popen:
    """A process of the course's, in a process group of its own: the terminal's Ctrl-C reaches the
    course alone, which stops it (with stop_with) and says so once; it dies with the course."""
    if _stopping.is_set():
        raise CourseError(_stops[0].code)
    if SETPRIV:
        command = [SETPRIV, "--pdeathsig", signal.Signals(stop_with).name.removeprefix("SIG"), *command]
    process = subprocess.Popen(command, cwd=ROOT, env=child_environment(), start_new_session=True, **options)
    with _guard:
        _children[process.pid] = (process, stop_with)
        if _stopping.is_set():  # stopped while it started
            _signal(process, stop_with)
    return process


def finish(process: subprocess.Popen) -> int:
    """Wait for a process of start(); its exit code."""
    code = process.wait()
    with _guard:
        _children.pop(process.pid, None)
    return code


def run(command: list[str], what: str) -> None:
    """Run a tool; on failure the course stops with one line naming what failed (a tool the course
    stopped says nothing)."""
    process = start(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        errors = process.communicate()[1]
    finally:
        finish(process)
    if _stopping.is_set():
        raise CourseError(_stops[0].code)
    if process.returncode != 0:
        raise stop(CourseError(2, f"{what} failed: {(errors.strip().splitlines() or ['no output'])[-1]}"))


def story_command(quality: str, media: Path) -> list[str]:
    """The story with a clip per chapter, rendered as make video renders it."""
    return [sys.executable, "-m", "scenes.publish.render", quality, "--save_sections", "--media_dir", str(media)]


def deck_command(quality: str, media: Path) -> list[str]:
    """The deck; it typesets into the story's folder of texts and formulas (scenes/engine/cache.py makes that safe)."""
    return [sys.executable, "-m", "manim", quality, "--media_dir", str(media), "scenes/deck.py", DECK]


def convert_command(media: Path) -> list[str]:
    """manim-slides' converter, before its options."""
    return [sys.executable, "-m", "manim_slides", "convert", "--folder", str(media / "slides")]


def render(quality: str, media: Path, work: Path) -> Path:
    """Render the story with a clip per chapter, as make video renders it (the same partial movies:
    either command after the other renders nothing again), and the deck beside it; returns the
    story's folder. work: the course's private folder (the deck's log)."""
    step(f"rendering the story and the deck {quality} (this takes minutes)")
    log = work / "deck.log"
    with log.open("w") as output:
        slides = start(deck_command(quality, media), stdout=output, stderr=subprocess.STDOUT)
    try:
        # The story's progress and its errors go to the terminal, as make video's do. A TERM stops
        # it as Ctrl-C stops make video: its parts stopped, its own one line, exit 130.
        code = finish(start(story_command(quality, media), stop_with=signal.SIGTERM))
        if code in (2, INTERRUPTED):
            raise stop(CourseError(code))  # it has said why, in one line
        if code != 0:
            raise stop(CourseError(2, "rendering the story failed (see above)"))
        if finish(slides) != 0:
            lines = log.read_text(errors="replace").strip().splitlines()
            raise stop(CourseError(2, f"rendering the deck failed: {lines[-1].strip() if lines else 'no output'}"))
    finally:
        if slides.poll() is None:  # the story failed, or the course was stopped
            _signal(slides, signal.SIGKILL)
    return media / "videos" / "story" / FOLDERS[quality]


def slide_deck(media: Path, target: Path) -> int:
    """deck/index.html (videos beside it, reveal.js's files it loads), slides.pptx and slides.pdf.

    Returns the number of slides.
    """
    if not (REVEAL / "dist" / "reveal.js").is_file():
        fail(f"{REVEAL}: reveal.js is not installed; run make setup (npm ci)")
    for name in REVEAL_FILES:
        (target / "reveal.js" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REVEAL / name, target / "reveal.js" / name)
    convert = convert_command(media)
    title = caption("title", "title", current_story())
    html_options = ["--to", "html", "-ccdn_url=reveal.js", f"-ctitle={title}", "-cslide_number=true"]
    slides = json.loads((media / "slides" / f"{DECK}.json").read_text(encoding="utf-8"))["slides"]
    # The two converters run beside the handout's pictures.
    with ThreadPoolExecutor(2) as pool:
        jobs = [
            pool.submit(run, [*convert, *html_options, DECK, str(target / "index.html")], "converting to HTML"),
            pool.submit(run, [*convert, "--to", "pptx", DECK, str(target / "slides.pptx")], "converting to PowerPoint"),
        ]
        handout(slides, target / "slides.pdf")
        for job in jobs:
            job.result()
    return len(slides)


def last_picture(video: str, target: Path) -> Image.Image:
    """The last frame of a video (every frame of its last second written over the one before)."""
    ffmpeg = ["ffmpeg", "-y", "-loglevel", "error", "-sseof", "-1", "-i", video]
    run([*ffmpeg, "-update", "1", str(target)], f"last picture of {Path(video).name}")
    return Image.open(target).convert("RGB").resize((1600, 900))


def handout(slides: list[dict], target: Path) -> None:
    """A PDF page per slide: its last picture, and its speaker notes under it."""
    font = ImageFont.truetype(NOTES_FONT, 30, index=2)  # the Simplified Chinese face, Latin included
    pages = []
    with tempfile.TemporaryDirectory() as folder, ThreadPoolExecutor(WORKERS) as pool:
        frames = [Path(folder) / f"{number}.bmp" for number in range(len(slides))]
        pictures = pool.map(last_picture, [slide["file"] for slide in slides], frames)
        for number, (slide, picture) in enumerate(zip(slides, pictures, strict=True), start=1):
            page = Image.new("RGB", (1700, 1300), "white")
            page.paste(picture, (50, 50))
            width = 90 if current_settings().language == "en" else 48
            notes = textwrap.fill(slide["notes"], width=width)
            ImageDraw.Draw(page).multiline_text((50, 990), f"{number}. {notes}", fill="black", font=font, spacing=10)
            pages.append(page)
    pages[0].save(target, save_all=True, append_images=pages[1:], resolution=150)


def clips_of(folder: Path) -> list[Clip]:
    """The story's chapters, in order, with their clips, lengths and start times: from the record
    the render leaves beside the video (scenes/timeline.py)."""
    try:
        record = Timeline.read(record_of(folder / f"{SCENE}.mp4"))
    except (OSError, ValueError) as error:  # a render that did not finish, or a record of another version
        raise CourseError(2, f"the story's chapters: {error}") from None
    clips = []
    for number, section in enumerate(record.sections):
        key = section.name.split("_", 1)[1]  # "02_labels": the chapter function's name
        seconds = (section.end_frame - section.first_frame) / record.frame_rate  # exact, as the clip's frames
        clips.append(Clip(number, key, chapter_title(key), seconds, record.seconds(section)[0], section.clip))
    return clips


def copy_video(source: Path, target: Path) -> None:
    """The video and its subtitle files, under the target's name."""
    shutil.copyfile(source, target)
    for suffix in SUBTITLE_SUFFIXES:
        shutil.copyfile(source.with_name(source.stem + suffix), target.with_name(target.stem + suffix))


def poster(video: Path, target: Path, at: float) -> None:
    """The clip's key frame, at `at` seconds."""
    ffmpeg = ["ffmpeg", "-y", "-loglevel", "error", "-ss", f"{at:.2f}", "-i", str(video)]
    run([*ffmpeg, "-update", "1", "-frames:v", "1", str(target)], f"poster of {video.name}")


def preview(video: Path, target: Path, start: float) -> None:
    """A few seconds of the clip as a 480p GIF with its own palette; fewer frames if it is too large."""
    for fps in (GIF_FPS, GIF_FPS // 2):
        scale = f"fps={fps},scale=-2:480:flags=lanczos,split[a][b];[a]palettegen=max_colors=64[p];[b][p]paletteuse"
        ffmpeg = ["ffmpeg", "-y", "-loglevel", "error", "-ss", f"{start:.2f}", "-t", str(GIF_SECONDS)]
        run([*ffmpeg, "-i", str(video), "-vf", scale, str(target)], f"preview of {video.name}")
        if target.stat().st_size <= GIF_MAX_BYTES:
            return


def timestamp(seconds: float) -> str:
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes:02d}:{rest:02d}"


def youtube_description(clips: list[Clip]) -> str:
    """Chapter timestamps as YouTube reads them: the first at 00:00, one line each."""
    story = current_story()
    lines = [caption("title", "spoken", story), ""]
    lines += [f"{timestamp(clip.start)} {clip.title}" for clip in clips]
    lines += ["", caption("closing", "summary", story)]
    return "\n".join(lines) + "\n"


def build(quality: str, out: Path, media: Path, work: Path, languages: list[str]) -> list[Path]:
    """Render each language's cut, then lay out the course folder (replaced only when complete);
    work: the course's private folder. One language: the course at the top of the folder. More: a
    complete course per language in its own folder (en/, zh/), and at the top one page that
    switches between them, with the lab."""
    out.parent.mkdir(parents=True, exist_ok=True)
    # Named after this process: the next run removes it if this one is killed (remove_orphans).
    staging = Path(tempfile.mkdtemp(prefix=f".{os.getpid()}.partial.course-", dir=out.parent))
    try:
        if len(languages) == 1:
            with speaking(languages[0]):
                lay_out(render(quality, media, work), media, staging)
        else:
            blocks = []
            for language in languages:
                with speaking(language):
                    step(f"the {page.LANGUAGE_NAMES[language]} cut")
                    blocks.append(lay_out(render(quality, media, work), media, staging / language, language))
            step("the page of both languages")
            page.copy_assets(staging)
            (staging / "index.html").write_text(page.index_page(blocks), encoding="utf-8")
            with speaking(languages[0]):
                lab = page.lab_page(current_story(), languages)
            (staging / "lab.html").write_text(lab, encoding="utf-8")
        readable(staging)
        replace(staging, out)  # staging now holds the old course, if there was one
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sorted(p for p in out.rglob("*") if p.is_file())


@contextlib.contextmanager
def speaking(language: str):
    """Settings (and so the render's processes) in language: its voice, unless the cut is silent."""
    before = {name: os.environ.get(name) for name in ("BCE_LANG", "BCE_VOICE")}
    narrated = current_settings().narrated
    os.environ["BCE_LANG"], os.environ["BCE_VOICE"] = language, language if narrated else "off"
    current_settings.cache_clear()
    try:
        current_settings()  # a voice that is not installed stops here, in one line
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        current_settings.cache_clear()


def lay_out(folder: Path, media: Path, staging: Path, prefix: str = "") -> dict:
    """One language's course in staging, from the render in folder: the clips with their posters
    and previews, the thumbnail, the description, the page, the lab and the deck. Returns the
    page's part for this language, its links under prefix (the folder it has in a page of more
    languages)."""
    clips = clips_of(folder)
    (staging / "posters").mkdir(parents=True)
    (staging / "previews").mkdir()
    copy_video(folder / f"{SCENE}.mp4", staging / f"{FULL_NAME}.mp4")

    def publish(clip: Clip) -> None:
        if _stopping.is_set():
            raise CourseError(_stops[0].code)
        step(f"clip {clip.number + 1}/{len(clips)}: {clip.name}")
        try:
            copy_video(clip.video, staging / f"{clip.name}.mp4")
        except OSError as error:  # a full disk: the other clips stop at once, and say nothing
            if cannot_write(error, staging, "") is None:
                raise
            raise stop(CourseError(2, error=error)) from error
        # From the middle of the chapter: what it is about, not where it ends (the answer).
        poster(clip.video, staging / "posters" / f"{clip.name}.png", clip.seconds / 2)
        preview(clip.video, staging / "previews" / f"{clip.name}.gif", start=max(0.0, clip.seconds / 2 - 3))

    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(publish, clips))
    step("thumbnail, description and index page")
    closing = staging / "posters" / f"{clips[-1].name}.png"
    run(
        [
            "ffmpeg",
            "-y",
            "-loglevel",
            "error",
            "-i",
            str(closing),
            "-vf",
            "scale=1280:720",
            str(staging / "thumbnail.png"),
        ],
        "thumbnail",
    )
    description = youtube_description(clips)
    (staging / "youtube-description.txt").write_text(description, encoding="utf-8")
    page.copy_assets(staging)
    first_screen = next(clip for clip in clips if clip.key == PLAYER_POSTER)
    poster_name = f"posters/{first_screen.name}.png"
    block = page.course_block(clips, staging / f"{FULL_NAME}.mp4", poster_name, description)
    (staging / "index.html").write_text(page.index_page([block]), encoding="utf-8")
    (staging / "lab.html").write_text(page.lab_page(current_story()), encoding="utf-8")
    step("lecture deck: HTML, PowerPoint and the PDF handout")
    (staging / "deck").mkdir()
    slides = slide_deck(media, staging / "deck")
    step(f"{slides} slides, one per beat")
    if not prefix:
        return block
    return page.course_block(clips, staging / f"{FULL_NAME}.mp4", poster_name, description, f"{prefix}/")


def readable(folder: Path) -> None:
    """folder and everything in it readable by others, as a folder the user makes is (the user's
    umask: 0755 and 0644 with the usual 022); mkdtemp makes folders only its owner can open."""
    mask = _umask()
    os.chmod(folder, 0o777 & ~mask)
    for parent, folders, files in os.walk(folder):
        for names, mode in ((folders, 0o777), (files, 0o666)):
            for path in (Path(parent) / name for name in names):
                if not path.is_symlink():
                    os.chmod(path, mode & ~mask)


def _umask() -> int:
    """The process's umask, read without changing it (os.umask sets it, for every thread)."""
    with contextlib.suppress(OSError, StopIteration, ValueError):
        status = Path("/proc/self/status").read_text(encoding="ascii").splitlines()
        return int(next(line.split()[1] for line in status if line.startswith("Umask:")), 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_published = threading.Event()  # the new course is in place


def replace(staging: Path, out: Path) -> None:
    """out becomes the course built in staging, in one step (renameat2's exchange: at every moment
    out is the old course or the new one); staging gets the old one. Ctrl-C waits for it."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        if not out.exists():
            staging.rename(out)
        elif not _exchange(staging, out):  # a file system without the exchange
            shutil.rmtree(out)
            staging.rename(out)
        _published.set()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names in one step; False where the system or its file system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    arguments = (AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if renameat2(*arguments) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(number, os.strerror(number), str(second))


def sweep(media: Path) -> None:
    """What killed courses left in media: their private folders (work, a course half laid out),
    and the .course-* folders of courses before these were named after their process."""
    remove_orphans(media)
    for folder in media.glob(".course-*"):
        shutil.rmtree(folder, ignore_errors=True)


def _wait_for_children() -> bool:
    """Wait for every process the course stopped (the render has up to 30 s to stop its parts);
    whether one said why itself (the render's own "error: interrupted" line, exit 130)."""
    said = False
    for process, number in list(_children.values()):
        try:
            code = process.wait(timeout=30 if number == signal.SIGTERM else 5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            code = process.wait()
        said = said or (number == signal.SIGTERM and code == INTERRUPTED)
        _children.pop(process.pid, None)
    return said


def chosen_languages(listed: str | None) -> list[str]:
    """The languages of --languages (make course LANGS=en,zh), each checked (its voice installed,
    when narrated) before anything renders; BCE_LANG's alone when not given."""
    if not listed:
        return [current_settings().language]
    languages = [language.strip() for language in listed.split(",") if language.strip()]
    for language in languages:
        if language not in LANGUAGES:
            fail(f"LANGS={listed}: unknown language {language!r}, choose from {', '.join(LANGUAGES)}")
        with speaking(language):
            pass
    if len(set(languages)) != len(languages):
        fail(f"LANGS={listed}: a language is named twice")
    return languages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenes.publish.course", description=__doc__.splitlines()[0])
    qualities = parser.add_mutually_exclusive_group()
    for flag, folder in FOLDERS.items():
        qualities.add_argument(flag, dest="quality", action="store_const", const=flag, help=folder)
    parser.set_defaults(quality="-qh")
    parser.add_argument("--media_dir", type=Path, default=ROOT / "media")
    parser.add_argument(
        "--languages", help="the cuts of a page that switches language, as en,zh (default: BCE_LANG alone)"
    )
    args = parser.parse_args(argv)
    print(current_settings().describe())
    current_story()  # bad settings stop here, before any rendering
    languages = chosen_languages(args.languages)
    began = time.perf_counter()
    out, media = args.media_dir / "course", args.media_dir.resolve()
    _stops.clear(), _stopping.clear(), _published.clear()
    handlers = {number: signal.signal(number, _interrupted) for number in (signal.SIGINT, signal.SIGTERM)}
    before = os.environ.get("TMPDIR"), tempfile.tempdir
    work = None
    try:
        media.mkdir(parents=True, exist_ok=True)
        sweep(media)
        # Every temporary file, the course's and its processes' (Manim's, manim-slides'), in a
        # folder of this run's, removed when it ends, or by the next run if it is killed.
        work = Path(tempfile.mkdtemp(prefix=f".{os.getpid()}.partial.tmp-", dir=media))
        os.environ["TMPDIR"] = tempfile.tempdir = str(work)
        written = build(args.quality, out, media, work, languages)
        size = sum(p.stat().st_size for p in written) / 1e6
        step(f"done in {time.perf_counter() - began:.0f} s: {len(written)} files, {size:.0f} MB in {out}")
    except (KeyboardInterrupt, CourseError, OSError) as stopped:
        if isinstance(stopped, OSError):
            if cannot_write(stopped, media, "") is None:
                raise
            stop(CourseError(2, error=stopped))
        elif isinstance(stopped, KeyboardInterrupt):
            stop(CourseError(INTERRUPTED))  # (the handler has, unless Python raised it)
        said = _wait_for_children()
        first = _stops[0]
        if first.code == INTERRUPTED:
            if not said:
                state = "the new course" if _published.is_set() else "as it was"
                print(f"error: interrupted; {shown(out)} is {state}", file=sys.stderr)
        elif first.error is not None:
            print(f"error: {cannot_write(first.error, media, 'the course')}", file=sys.stderr)
        elif first.message:
            print(f"error: {first.message}", file=sys.stderr)
        return first.code
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
        if before[0] is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = before[0]
        tempfile.tempdir = before[1]
        for number, handler in handlers.items():
            signal.signal(number, handler)
    return 0


if __name__ == "__main__":
    sys.exit(main())
