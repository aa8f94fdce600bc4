"""A new chapter in three files (README, "Adding a chapter"): its module in scenes/chapters, its entry
in CHAPTERS and its captions in scenes/narration/en.toml and zh.toml. In a copy of the project, a
small chapter added after `average` that way passes the tests that guard the chapter list, and
renders alone with its subtitles; each of the three left out fails a test that names it."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bce_math import default_dataset, walkthrough
from scenes.chapters import CHAPTERS
from scenes.narration import placeholders
from tests.scene_checks import sharing_typesetting

ROOT = Path(__file__).resolve().parents[2]
MODULE = '''"""A recap after the average (the chapter recap): how many points the mean is over."""

from __future__ import annotations

from manim import DOWN, FadeIn, FadeOut

from scenes.stage import fonts, lettering, palette
from scenes.stage.scene import StoryScene


def recap(scene: StoryScene) -> None:
    """Recap: the points the mean is over, and the mean once more."""
    count = lettering.number(scene.story.n, 0, fonts.VALUE_SIZE, palette.MUTED)
    count.next_to(scene.stage.result, DOWN, buff=0.2)
    # Points: how many points the mean is over.
    scene.say("recap", "points")
    scene.play(FadeIn(count), run_time=0.8)
    scene.hold()
    # Mean: the mean once more; the count goes.
    scene.say("recap", "mean")
    scene.play(FadeOut(count), run_time=0.6)
    scene.hold()
'''
CAPTIONS = {
    "en": ("These {n} points, one number", "Their mean loss: {mean_loss}", "Recap"),
    "zh": (
        "\u8fd9 {n} \u4e2a\u70b9\uff0c\u4e00\u4e2a\u6570",
        "\u5b83\u4eec\u7684\u5e73\u5747\u635f\u5931\uff1a{mean_loss}",
        "\u56de\u987e",
    ),
}
# The tests that guard the chapter list and name what a new chapter lacks (fast: no build, no render).
GUARDS = [
    "tests/narration/test_narration.py",
    "tests/test_architecture.py",
    "tests/test_test_layout.py",
    "tests/chapters/test_new_chapter.py::test_every_chapter_function_is_in_the_chapter_list",
]
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "media", "node_modules", "__pycache__", ".*_cache", ".hypothesis", "*.egg-info"
)


def copy_with_recap(folder: Path, module: bool = True, entry: bool = True, narration: bool = True) -> Path:
    """The project (its working tree) copied into folder, with the recap chapter added in the three files."""
    copy = folder / "project"
    shutil.copytree(ROOT, copy, ignore=IGNORED)
    if module:
        (copy / "scenes" / "chapters" / "recap.py").write_text(MODULE, encoding="utf-8")
    if entry:
        chapters = copy / "scenes" / "chapters" / "__init__.py"
        source = chapters.read_text(encoding="utf-8")
        assert source.count("\nfrom scenes.chapters import ") == 1 and source.count("    picture.average,\n") == 1
        source = source.replace(
            "\nfrom scenes.chapters import ", "\nfrom scenes.chapters import recap\nfrom scenes.chapters import "
        )
        chapters.write_text(
            source.replace("    picture.average,\n", "    picture.average,\n    recap.recap,\n"), encoding="utf-8"
        )
    if narration:
        for language, (points, mean, title) in CAPTIONS.items():
            table = copy / "scenes" / "narration" / f"{language}.toml"
            text = table.read_text(encoding="utf-8")
            text = text.replace("\n[chapters]\n", f'\n[chapters]\nrecap = "{title}"\n', 1)
            table.write_text(text + f'\n[recap]\npoints = "{points}"\nmean = "{mean}"\n', encoding="utf-8")
    return copy


def guards(copy: Path) -> subprocess.CompletedProcess:
    """The guarding tests, run in the copy (its own scenes/ first on the path)."""
    command = [sys.executable, "-m", "pytest", "-q", "-n0", "-o", "addopts=", "-p", "no:cacheprovider", *GUARDS]
    return subprocess.run(command, cwd=copy, capture_output=True, text=True, timeout=300)


def test_every_chapter_function_is_in_the_chapter_list():
    """A function of scenes/chapters that takes the scene (scene: StoryScene) and is public is a
    chapter: written and never listed, it would never play."""
    listed = {(chapter.__module__, chapter.__name__) for chapter in CHAPTERS}
    unlisted = []
    for path in sorted((ROOT / "scenes" / "chapters").glob("*.py")):
        module = f"scenes.chapters.{path.stem}" if path.stem != "__init__" else "scenes.chapters"
        functions = [
            node for node in ast.parse(path.read_text(encoding="utf-8")).body if isinstance(node, ast.FunctionDef)
        ]
        for node in functions:
            arguments = node.args.args
            takes_scene = [ast.unparse(a.annotation) for a in arguments if a.annotation] == ["StoryScene"]
            public = not node.name.startswith("_") and module != "scenes.chapters"
            if takes_scene and len(arguments) == 1 and public and (module, node.name) not in listed:
                unlisted.append(f"{module}.{node.name}: add it to CHAPTERS in scenes/chapters/__init__.py")
    assert unlisted == [], "\n".join(unlisted)


@pytest.mark.render
def test_a_chapter_in_three_files_passes_the_guards_and_renders_alone(tmp_path):
    copy = copy_with_recap(tmp_path)
    checked = guards(copy)
    assert checked.returncode == 0, checked.stdout[-3000:]
    # The README's chapter table is the one thing written by hand after them: its test names the row.
    readme = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n0",
            "-o",
            "addopts=",
            "-p",
            "no:cacheprovider",
            "tests/test_readme.py",
        ],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
    )
    average = [chapter.__name__ for chapter in CHAPTERS].index("average")
    assert f"no row for `Recap`: add | {average + 1} | `Recap` | ... | after the row of `Average`" in readme.stdout
    assert "renumber `Code` " in readme.stdout

    media = sharing_typesetting(tmp_path / "media")
    environment = {**os.environ, "BCE_VOICE": "off"}
    command = [sys.executable, "-m", "manim", "-ql", "--media_dir", str(media), "scenes/story.py", "Recap"]
    rendered = subprocess.run(command, cwd=copy, capture_output=True, text=True, env=environment, timeout=300)
    assert rendered.returncode == 0, rendered.stderr[-3000:]
    video = media / "videos" / "story" / "480p15" / "Recap.mp4"
    probe = ["ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0"]
    probe += ["-show_entries", "stream=nb_read_frames,r_frame_rate", "-of", "json", str(video)]
    (stream,) = json.loads(subprocess.check_output(probe, text=True))["streams"]
    frames, rate = int(stream["nb_read_frames"]), stream["r_frame_rate"]
    assert rate == "15/1" and frames > 15  # two beats held for reading: seconds of video
    values = placeholders(walkthrough(default_dataset()))
    for language, (points, mean, _) in CAPTIONS.items():
        subtitles = video.with_suffix(f".{language}.srt").read_text(encoding="utf-8")
        assert points.format_map(values) in subtitles and mean.format_map(values) in subtitles
        # The last cue ends with the video: its frames are the chapter's, the earlier chapters skipped.
        end = subtitles.strip().split("\n\n")[-1].splitlines()[1].split(" --> ")[1]
        hours, minutes, seconds = end.replace(",", ".").split(":")
        assert round((int(hours) * 3600 + int(minutes) * 60 + float(seconds)) * 15) == frames


@pytest.mark.parametrize(
    ("left_out", "named"),
    [
        (
            "narration",
            [
                "scenes/narration/en.toml has no [recap] table",
                "scenes/narration/zh.toml has no [recap] table",
                "scenes/narration/en.toml [chapters] has no title for recap",
            ],
        ),
        (
            "entry",
            ["scenes.chapters.recap.recap: add it to CHAPTERS", "[recap] is no chapter: add its function to CHAPTERS"],
        ),
        ("module", ["ImportError: cannot import name 'recap' from partially initialized module 'scenes.chapters'"]),
    ],
)
def test_a_chapter_missing_one_of_its_files_fails_naming_it(tmp_path, left_out, named):
    checked = guards(copy_with_recap(tmp_path, **{left_out: False}))
    assert checked.returncode != 0
    for words in named:
        assert words in checked.stdout, checked.stdout[-3000:]
