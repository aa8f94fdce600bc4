"""Course material in one folder, ready to upload: ``python -m scenes.course -qh`` (``make course``).

media/course/
  00-full-story.mp4 (+ .en/.zh .srt/.vtt)      the whole video
  NN-chapter-name.mp4 (+ subtitles)           one clip per chapter, from Manim's sections
  posters/NN-chapter-name.png                 each clip's last frame
  previews/NN-chapter-name.gif                a short 480p preview of each clip
  index.html                                  chapter list, players with both subtitle tracks, downloads
  youtube-description.txt, thumbnail.png      for publishing: chapter timestamps, a 1280x720 picture
  deck/index.html, deck/slides.pdf            the slide deck (manim-slides), one slide per chapter,
                                              with reveal.js beside it: it plays from the file system

Everything comes from one render of the Deck scene (the same chapters as FullStory) with
--save_sections, so the clips, the full video, the slides and the timestamps agree to the frame.
The only download is reveal.js from the npm registry, once, at build time (cached in media/).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import json
import shutil
import sys
import tarfile
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from scenes import palette
from scenes.chapters import CHAPTERS
from scenes.narration import caption, chapter_title
from scenes.render import FOLDERS, run
from scenes.settings import LANGUAGES, current_settings, current_story, fail
from scenes.subtitles import SUBTITLE_SUFFIXES

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}
GIF_SECONDS, GIF_FPS, GIF_MAX_BYTES = 6.0, 10, 5_000_000
FULL_NAME = "00-full-story"
SCENE = "Deck"
REVEAL_VERSION = "6.0.1"  # the version manim-slides 5.7.0's template is written for
REVEAL_TARBALL = f"https://registry.npmjs.org/reveal.js/-/reveal.js-{REVEAL_VERSION}.tgz"
REVEAL_INTEGRITY = "sha512-9eacArNIgqO2HGWOK+93gJNn+gvdGDVbSq+i2u3Ja9kjiHps0XNLpgYTZTYjKRH91uXy3clGimeGiw4umHG/tg=="


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
    """Render the Deck with a clip per section; returns the folder holding Deck.mp4."""
    step(f"rendering the story {quality} with sections and slides (this takes minutes)")
    manim = [sys.executable, "-m", "manim", quality, "--save_sections", "--media_dir", str(media)]
    run([*manim, "scenes/deck.py", SCENE], "rendering the story")
    return media / "videos" / "deck" / FOLDERS[quality]


def _download(url: str) -> bytes:
    """The file at url; through npm's own settings (registry, proxy) when a direct request fails."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read()
    except OSError as err:
        if shutil.which("npm") is None:
            fail(f"{url}: cannot download ({err})")
    with tempfile.TemporaryDirectory() as folder:
        run(["npm", "pack", f"reveal.js@{REVEAL_VERSION}", "--silent", "--pack-destination", folder], "npm pack")
        return next(Path(folder).glob("*.tgz")).read_bytes()


def reveal_js(media: Path) -> Path:
    """reveal.js's package from the npm registry, fetched once into media/.cache and checked."""
    tarball = media / ".cache" / f"reveal.js-{REVEAL_VERSION}.tgz"
    if not tarball.exists():
        step(f"fetching reveal.js {REVEAL_VERSION} from the npm registry (once)")
        data = _download(REVEAL_TARBALL)
        digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
        if digest != REVEAL_INTEGRITY:
            fail(f"{REVEAL_TARBALL}: integrity check failed")
        tarball.parent.mkdir(parents=True, exist_ok=True)
        partial = tarball.with_suffix(".partial")
        partial.write_bytes(data)
        partial.replace(tarball)
    return tarball


def slide_deck(media: Path, target: Path) -> None:
    """deck/index.html (videos inside, reveal.js beside it) and deck/slides.pdf, for handouts."""
    target.mkdir()
    with tarfile.open(reveal_js(media)) as package:
        package.extractall(target, filter="data")
    (target / "package").rename(target / "reveal.js")
    convert = [sys.executable, "-m", "manim_slides", "convert", "--folder", str(media / "slides")]
    title = caption("title", "title", current_story())
    html_options = ["--to", "html", "--one-file", "-ccdn_url=reveal.js", f"-ctitle={title}", "-cslide_number=true"]
    run([*convert, *html_options, SCENE, str(target / "index.html")], "converting the slides to HTML")
    run([*convert, "--to", "pdf", SCENE, str(target / "slides.pdf")], "converting the slides to PDF")


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


def index_page(clips: list[Clip]) -> str:
    """A static page: posters, a player per clip with both subtitle tracks, download links."""

    def tracks(name: str) -> str:
        return "".join(
            f'<track kind="subtitles" src="{name}.{lang}.vtt" srclang="{lang}" label="{LANGUAGE_NAMES[lang]}"'
            f"{' default' if lang == current_settings().language else ''}>"
            for lang in LANGUAGES
        )

    def downloads(name: str) -> str:
        files = [f"{name}.mp4", *(name + suffix for suffix in SUBTITLE_SUFFIXES)]
        return " · ".join(f'<a href="{file}" download>{file.split(".", 1)[1]}</a>' for file in files)

    rows = []
    for clip in clips:
        rows.append(
            f'<section id="{clip.name}"><h2>{clip.number:02d} · {html.escape(clip.title)}'
            f" <small>{timestamp(clip.seconds)}</small></h2>"
            f'<video controls preload="none" poster="posters/{clip.name}.png" src="{clip.name}.mp4">'
            f"{tracks(clip.name)}</video>"
            f'<p><img src="previews/{clip.name}.gif" alt="" loading="lazy"> {downloads(clip.name)}</p></section>'
        )
    story, theme = current_story(), palette.THEME  # the page wears the video's theme
    title = html.escape(caption("title", "title", story))
    return f"""<!doctype html>
<html lang="{current_settings().language}"><head><meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: sans-serif; max-width: 980px; margin: 2em auto; }}
body {{ background: {theme.background}; color: {theme.text}; }}
a {{ color: {theme.curve}; }} video {{ width: 100%; background: #000; }} img {{ width: 160px; vertical-align: middle; }}
section {{ margin: 2.5em 0; }} small {{ color: {theme.muted}; font-weight: normal; }}
</style></head><body>
<h1>{title}</h1>
<p>{html.escape(caption("closing", "summary", story))}</p>
<section id="{FULL_NAME}"><h2>{html.escape(caption("title", "subtitle", story))}</h2>
<video controls preload="metadata" poster="thumbnail.png" src="{FULL_NAME}.mp4">{tracks(FULL_NAME)}</video>
<p>{downloads(FULL_NAME)}</p></section>
{"".join(rows)}
</body></html>
"""


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
        for number, (clip, video) in enumerate(zip(clips, sections, strict=True), start=1):
            step(f"clip {number}/{len(clips)}: {clip.name}")
            copy_video(video, staging / f"{clip.name}.mp4")
            # A chapter's picture is complete at its end; the title card fades out there.
            key_frame = clip.seconds / 2 if clip.key == "title" else clip.seconds - 0.5
            poster(video, staging / "posters" / f"{clip.name}.png", key_frame)
            preview(video, staging / "previews" / f"{clip.name}.gif", start=max(0.0, clip.seconds / 2 - 3))
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
        (staging / "index.html").write_text(index_page(clips), encoding="utf-8")
        step("slide deck: HTML and PDF")
        slide_deck(media, staging / "deck")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sorted(p for p in out.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenes.course", description=__doc__.splitlines()[0])
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
