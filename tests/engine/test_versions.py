"""The engine's patches are written for one Manim and one manim-slides (scenes/engine/__init__.py):
another version found stops the render with one line, exit code 2, before anything is patched."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import PackageNotFoundError
from pathlib import Path

import pytest

from scenes import engine

ROOT = Path(__file__).resolve().parents[2]


def test_the_pinned_versions_are_pyprojects():
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    pinned = (re.fullmatch(r"([\w.-]+)(?:\[[\w,]+\])?==(\S+)", line) for line in dependencies)
    pins = dict(match.groups() for match in pinned if match)
    assert {name: pins[name] for name in engine.PINNED} == engine.PINNED


def test_the_installed_versions_pass():
    engine.check_versions()


@pytest.mark.parametrize(
    ("found", "named"),
    [
        ({"manim": "0.22.0"}, "found manim 0.22.0 and manim-slides 5.7.0"),
        ({"manim-slides": "5.8.1"}, "found manim 0.21.0 and manim-slides 5.8.1"),
        ({"manim": None}, "found manim none and manim-slides 5.7.0"),
    ],
)
def test_another_version_stops_with_one_line(monkeypatch, capsys, found, named):
    def lookup(distribution: str) -> str:
        number = found.get(distribution, engine.PINNED[distribution])
        if number is None:
            raise PackageNotFoundError(distribution)
        return number

    monkeypatch.setattr(engine, "version", lookup)
    with pytest.raises(SystemExit) as stop:
        engine.install(object())  # stops before it touches the scene
    assert stop.value.code == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "manim 0.21.0 and manim-slides 5.7.0" in lines[0] and named in lines[0]


def test_a_render_with_another_manim_says_one_line_and_no_traceback(tmp_path):
    """Through Manim's own command line: the scene's setup stops the process, its last line the
    reason, no traceback."""
    script = (
        "import importlib.metadata as metadata, sys\n"
        "real = metadata.version\n"
        "metadata.version = lambda name: '0.22.0' if name == 'manim' else real(name)\n"
        "from manim.__main__ import main\n"
        f"sys.argv = ['manim', '-ql', '--media_dir', {str(tmp_path)!r}, 'scenes/story.py', 'Title']\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, env={**os.environ, "BCE_VOICE": "off"}
    )
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line.lower() or "Traceback" in line]
    assert errors == [
        "error: scenes/engine's patches are for manim 0.21.0 and manim-slides 5.7.0, "
        "found manim 0.22.0 and manim-slides 5.7.0; install those (make setup)"
    ]
    assert result.stderr.rstrip().endswith("(make setup)")
    assert not list(tmp_path.rglob("*.mp4"))
