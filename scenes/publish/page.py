"""The course page (index.html) and the lab (lab.html), from Jinja2 templates in web/templates.

The page's words come from the narration tables ([page] and [words]); its colours from the render's
theme; the lab's starting points and its numbers from bce_math for the dataset in use. Scripts and
d3's modules are copied beside the pages (d3 from node_modules, installed by npm ci from the
lockfile; only the files the lab loads): no network, from file:// or a USB stick.

    python -m scenes.publish.page OUT     the lab alone, as OUT/lab.html (no video needed)
"""

from __future__ import annotations

import signal
import sys

if __name__ == "__main__":
    from scenes.atomic import stop_quietly_while_loading

    stop_quietly_while_loading()

import argparse
import base64
import dataclasses
import shutil
from pathlib import Path

import jinja2
import srt

from bce_math import Walkthrough
from scenes.atomic import cannot_write, interrupt_once, remove_orphans, written_atomically
from scenes.narration import caption, page_words, word
from scenes.settings import LANGUAGES, current_settings, current_story, fail
from scenes.stage import palette

ROOT = Path(__file__).resolve().parents[2]
WEB = Path(__file__).resolve().parent / "web"
ASSETS = "assets"
# d3's modules the lab loads, in dependency order (each UMD file adds to the global d3).
D3_MODULES = [
    "d3-array",
    "d3-color",
    "d3-interpolate",
    "d3-format",
    "d3-time",
    "d3-time-format",
    "d3-scale",
    "d3-selection",
    "d3-dispatch",
    "d3-drag",
    "d3-axis",
]
LAB_SCRIPTS = [
    *(f"{name}.min.js" for name in D3_MODULES),
    "model.js",
    "points.js",  # the points as text, and fill: before the chart and the lab, which use it
    "chart.js",
    "pointloss.js",
    "lab.js",
]
LAB_SCRIPTS += ["optimiser.js"]  # after lab.js: it starts on the lab's instance
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(WEB / "templates"), autoescape=True, undefined=jinja2.StrictUndefined
    )


def copy_assets(target: Path, node_modules: Path = ROOT / "node_modules") -> None:
    """The stylesheet, the scripts and the d3 files the pages load, into target/assets."""
    folder = target / ASSETS
    folder.mkdir(parents=True, exist_ok=True)
    for name in D3_MODULES:
        source = node_modules / name / "dist" / f"{name}.min.js"
        if not source.exists():
            raise FileNotFoundError(f"{source} is missing: run make setup (npm ci installs d3's modules)")
        _copy(source, folder / source.name)
    for source in [WEB / "style.css", *sorted((WEB / "lab").glob("*.js")), *sorted((WEB / "course").glob("*.js"))]:
        _copy(source, folder / source.name)


def _copy(source: Path, target: Path) -> None:
    """A file copied whole or not at all (a killed copy leaves a private name the next run removes)."""
    with written_atomically(target) as partial:
        shutil.copyfile(source, partial)


def lab_words(language: str) -> dict[str, str]:
    """The lab's words in language: the page's, and the ladder's rung names."""
    words = page_words(language)
    for key in ("ladder_coin", "ladder_fit"):
        words[key] = word(key, language)
    words["ladder_rate"] = "H(q)"
    return words


def lab_data(story: Walkthrough, languages: list[str]) -> dict:
    """What the lab's script starts from: the points, the x axis and its words in each language of
    the page, the first shown (its numbers it computes itself, as bce_math does:
    tests/publish/test_lab_model.py)."""
    start, end, _ = story.x_range
    return {
        "points": [[x, y] for x, y in zip(story.x, story.y, strict=True)],
        "domain": [start, end],
        "words": lab_words(languages[0]),
        "languages": {language: lab_words(language) for language in languages},
    }


def _common(story: Walkthrough, languages: list[str]) -> dict:
    theme = palette.THEME
    colours = {
        field.name: getattr(theme, field.name) for field in dataclasses.fields(theme) if field.name != "code_style"
    }
    return {
        "language": languages[0],
        "colours": colours,
        "assets": ASSETS,
        "words": page_words(languages[0]),
        "lab": lab_data(story, languages),
    }


def lab_page(story: Walkthrough, languages: list[str] | None = None) -> str:
    """lab.html: the lab alone, for a projector; its words in the first of languages (default: the
    render's language), switched among them."""
    languages = languages or [current_settings().language]
    return (
        _environment()
        .get_template("lab.html.j2")
        .render(**_common(story, languages), switch=_switch(languages), scripts=[*LAB_SCRIPTS, "languages.js"])
    )


def _switch(languages: list[str]) -> list[dict]:
    """The language switch's buttons: a page of one language has none."""
    if len(languages) == 1:
        return []
    return [
        {"language": language, "label": LANGUAGE_NAMES[language], "title": page_words(language)["lab"]}
        for language in languages
    ]


def transcript(subtitles: Path) -> list[dict]:
    """The lines of the transcript: the cues of the video's subtitles in the render's language."""
    cues = srt.parse(subtitles.read_text(encoding="utf-8"))
    return [
        {
            "start": round(cue.start.total_seconds(), 3),
            "end": round(cue.end.total_seconds(), 3),
            "text": " ".join(cue.content.split()),
        }
        for cue in cues
    ]


def _data_url(vtt: Path) -> str:
    """The subtitles inside the page: Chromium does not load a <track> from file:// (each file is
    an origin of its own), and the page must work from a USB stick."""
    return "data:text/vtt;base64," + base64.b64encode(vtt.read_bytes()).decode("ascii")


def _length(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def course_block(clips: list, video: Path, poster: str, youtube: str, prefix: str = "") -> dict:
    """The course page's part in the render's language: its player with chapters and the transcript
    (the video's subtitles in that language), then its clips, its deck and its YouTube description;
    every link under prefix (its language's folder, in a page of more languages)."""
    story = current_story()
    language = current_settings().language
    suffixes = [f".{lang}{kind}" for lang in LANGUAGES for kind in (".srt", ".vtt")]
    stem = video.stem

    def downloads(name: str) -> list[dict]:
        return [{"href": f"{prefix}{name}.mp4", "label": "mp4"}] + [
            {"href": f"{prefix}{name}{suffix}", "label": suffix.lstrip(".")} for suffix in suffixes
        ]

    return {
        "language": language,
        "words": page_words(language),
        "title": caption("title", "title", story),
        "subtitle": caption("title", "subtitle", story),
        "prefix": prefix,
        "video": prefix + video.name,
        "poster": prefix + poster,
        "tracks": [
            {
                "src": _data_url(video.with_name(f"{stem}.{lang}.vtt")),
                "language": lang,
                "label": LANGUAGE_NAMES[lang],
                "default": lang == language,
            }
            for lang in LANGUAGES
        ],
        "clips": [
            {
                "number": clip.number,
                "name": clip.name,
                "title": clip.title,
                "start": round(clip.start, 3),
                "seconds": round(clip.seconds, 3),
                "length": _length(clip.seconds),
                "downloads": downloads(clip.name),
            }
            for clip in clips
        ],
        "cues": transcript(video.with_name(f"{stem}.{language}.srt")),
        "full_downloads": downloads(stem),
        "deck": {
            key: word(f"deck_{key}" if key != "title" else "deck", language)
            for key in ("title", "slides", "pptx", "pdf", "howto")
        },
        "youtube": youtube,
    }


def index_page(blocks: list[dict]) -> str:
    """index.html: the course page, from course_block()s, one per language (the first shown, a
    switch between them when there are more): its player, the lab, its clips, deck and description."""
    languages = [block["language"] for block in blocks]
    context = _common(current_story(), languages) | {
        "blocks": blocks,
        "switch": _switch(languages),
        "scripts": [*LAB_SCRIPTS, "player.js", "languages.js"],
    }
    return _environment().get_template("index.html.j2").render(**context)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenes.publish.page", description="Write the lab alone.")
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    target = args.out / "lab.html"
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    interrupt_once()
    try:
        story = current_story()
        args.out.mkdir(parents=True, exist_ok=True)
        for folder in (args.out, args.out / ASSETS):
            remove_orphans(folder)  # what a killed run left
        copy_assets(args.out)
        with written_atomically(target) as partial:  # a good page is replaced only by a whole one
            partial.write_text(lab_page(story), encoding="utf-8")
        print(target)
    except KeyboardInterrupt:
        print(f"error: interrupted; {target} is as it was", file=sys.stderr)
        return 130
    except OSError as error:
        message = cannot_write(error, args.out, "the lab")
        if message is None:
            raise
        fail(message)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    return 0


if __name__ == "__main__":
    sys.exit(main())
