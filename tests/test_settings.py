"""BCE_* settings: bad values stop before anything renders; themes keep contrast and colour-blind safety."""

import subprocess
import sys
from pathlib import Path

import pytest

from scenes.stage.palette import THEMES
from tests.colour_vision import contrast, difference

ROOT = Path(__file__).resolve().parent.parent
TEXT_COLOURS = ("text", "muted", "neutral", "positive", "negative", "curve", "loss", "mean")


def run_manim(tmp_path, **env: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "manim", "-ql", "--media_dir", str(tmp_path / "media"), "scenes/story.py"]
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **env}
    return subprocess.run([*command, "Title"], cwd=ROOT, capture_output=True, text=True, env=environment)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("BCE_THEME", "blue", "error: BCE_THEME=blue: unknown value, choose one of dark, light"),
        ("BCE_LANG", "fr", "error: BCE_LANG=fr: unknown value, choose one of en, zh"),
    ],
)
def test_unknown_theme_or_language_stops_manim_in_one_line(tmp_path, variable, value, message):
    result = run_manim(tmp_path, **{variable: value})
    assert result.returncode == 2
    assert result.stderr.strip() == message
    assert not list(tmp_path.glob("media/**/*.mp4"))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("colour", TEXT_COLOURS)
def test_every_text_colour_reads_on_its_background(theme, colour):
    palette = THEMES[theme]
    assert contrast(getattr(palette, colour), palette.background) >= 4.5


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("vision", [None, "protanopia", "deuteranopia"])
def test_classes_and_curves_stay_apart_under_colour_blindness(theme, vision):
    palette = THEMES[theme]
    # CIE76 distance 20: clearly different colours side by side.
    assert difference(palette.positive, palette.negative, vision) >= 20
    assert difference(palette.curve, palette.loss, vision) >= 20
    assert difference(palette.loss, palette.mean, vision) >= 20


def test_a_render_names_the_settings_in_effect(tmp_path):
    result = run_manim(tmp_path, BCE_THEME="light", BCE_LANG="zh", BCE_VOICE="off")
    assert "BCE_DATA=the article's 10 points  BCE_THEME=light  BCE_LANG=zh" in result.stderr


class FakeWriter:
    """Writes half a file, then fails, as an interrupted encoder would."""

    def combine_files(self, input_files, output_file, *args, **kwargs):
        Path(output_file).write_bytes(b"half a vid")
        raise KeyboardInterrupt


def test_an_interrupted_write_keeps_the_previous_video(tmp_path):
    from scenes.engine.encoder import write_videos_atomically as _write_videos_atomically

    good = tmp_path / "FullStory.mp4"
    good.write_bytes(b"a complete good video")
    writer = FakeWriter()
    _write_videos_atomically(writer)
    with pytest.raises(KeyboardInterrupt):
        writer.combine_files(["part.mp4"], good)
    assert good.read_bytes() == b"a complete good video"
    assert [p.name for p in tmp_path.iterdir()] == ["FullStory.mp4"]
