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

The story is rendered as make video renders it (python -m scenes.publish.render, two processes,
with --save_sections for the clips), in the cut BCE_VOICE chooses (narrated by default), so the
two commands share their partial movies; the Deck (the deck cut: a slide per beat, no holds)
renders beside it. Nothing is downloaded: reveal.js and d3's modules come from node_modules/, which
`make setup` fills with `npm ci` from package-lock.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from scenes.chapters import CHAPTERS
from scenes.narration import caption, chapter_title
from scenes.publish import page
from scenes.publish.render import FOLDERS, child_environment, run
from scenes.settings import current_settings, current_story, fail
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


@dataclass(frozen=True)
class Clip:
    """One chapter's clip in the course folder."""

    number: int
    key: str  # chapter function name, e.g. "sigmoid_fit"
    title: str
    seconds: float
    start: float  # in the full video

    @property
    def name(self) -> str:
        return f"{self.number:02d}-{self.key.replace('_', '-')}"


def step(message: str) -> None:
    """Progress, one line per step, so a long build shows where it is."""
    print(f"[course {time.strftime('%H:%M:%S')}] {message}", flush=True)


def render(quality: str, media: Path) -> Path:
    """Render the story with a clip per chapter, as make video renders it (the same partial movies:
    either command after the other renders nothing again), and the deck beside it; returns the
    story's folder."""
    step(f"rendering the story and the deck {quality} (this takes minutes)")
    story = [sys.executable, "-m", "scenes.publish.render", quality, "--save_sections", "--media_dir", str(media)]
    # The deck typesets into the same folder of text and formula SVGs (scenes/engine/cache.py makes that safe).
    deck = [sys.executable, "-m", "manim", quality, "--media_dir", str(media), "scenes/deck.py", DECK]
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "deck.log"
        with log.open("w") as output:
            slides = subprocess.Popen(deck, cwd=ROOT, env=child_environment(), stdout=output, stderr=subprocess.STDOUT)
        try:
            # The story's progress and its errors go to the terminal, as make video's do.
            if subprocess.run(story, cwd=ROOT, env=child_environment(), check=False).returncode != 0:
                fail("rendering the story failed (see above)")
            if slides.wait() != 0:
                lines = log.read_text(errors="replace").strip().splitlines()
                fail(f"rendering the deck failed: {lines[-1].strip() if lines else 'no output'}")
        finally:
            slides.kill()
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
    convert = [sys.executable, "-m", "manim_slides", "convert", "--folder", str(media / "slides")]
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
    """The sections Manim wrote, in order, with their durations and start times."""
    index = json.loads((folder / "sections" / f"{SCENE}.json").read_text(encoding="utf-8"))
    keys = [chapter.__name__ for chapter in CHAPTERS]
    clips, start = [], 0.0
    for number, section in enumerate(index):
        key = keys[number]
        seconds = float(section["duration"])
        clips.append(Clip(number, key, chapter_title(key), seconds, start))
        start += seconds
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


def build(quality: str, out: Path, media: Path) -> list[Path]:
    """Render once, then lay out the course folder (replaced only when complete)."""
    folder = render(quality, media)
    clips = clips_of(folder)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".course-", dir=out.parent))
    try:
        (staging / "posters").mkdir()
        (staging / "previews").mkdir()
        copy_video(folder / f"{SCENE}.mp4", staging / f"{FULL_NAME}.mp4")
        sections = sorted((folder / "sections").glob(f"{SCENE}_*.mp4"))

        def publish(clip: Clip, video: Path) -> None:
            step(f"clip {clip.number + 1}/{len(clips)}: {clip.name}")
            copy_video(video, staging / f"{clip.name}.mp4")
            # From the middle of the chapter: what it is about, not where it ends (the answer).
            poster(video, staging / "posters" / f"{clip.name}.png", clip.seconds / 2)
            preview(video, staging / "previews" / f"{clip.name}.gif", start=max(0.0, clip.seconds / 2 - 3))

        with ThreadPoolExecutor(WORKERS) as pool:
            list(pool.map(publish, clips, sections))
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
        (staging / "youtube-description.txt").write_text(youtube_description(clips), encoding="utf-8")
        page.copy_assets(staging)
        first_screen = next(clip for clip in clips if clip.key == PLAYER_POSTER)
        index = page.index_page(
            clips,
            staging / f"{FULL_NAME}.mp4",
            f"posters/{first_screen.name}.png",
            (staging / "youtube-description.txt").read_text(encoding="utf-8"),
        )
        (staging / "index.html").write_text(index, encoding="utf-8")
        (staging / "lab.html").write_text(page.lab_page(current_story()), encoding="utf-8")
        step("lecture deck: HTML, PowerPoint and the PDF handout")
        (staging / "deck").mkdir()
        slides = slide_deck(media, staging / "deck")
        step(f"{slides} slides, one per beat")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sorted(p for p in out.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenes.publish.course", description=__doc__.splitlines()[0])
    qualities = parser.add_mutually_exclusive_group()
    for flag, folder in FOLDERS.items():
        qualities.add_argument(flag, dest="quality", action="store_const", const=flag, help=folder)
    parser.set_defaults(quality="-qh")
    parser.add_argument("--media_dir", type=Path, default=ROOT / "media")
    args = parser.parse_args(argv)
    print(current_settings().describe())
    current_story()  # bad settings stop here, before any rendering
    start = time.perf_counter()
    out = args.media_dir / "course"
    written = build(args.quality, out, args.media_dir.resolve())
    size = sum(p.stat().st_size for p in written) / 1e6
    step(f"done in {time.perf_counter() - start:.0f} s: {len(written)} files, {size:.0f} MB in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
