"""A slide per beat inside a chapter's section (scenes/engine/slides.py): the deck's beats are
manim-slides' slides, its chapters Manim's sections, and each slide keeps its speaker notes.

Run in a process of its own: importing manim_slides replaces its module in sys.modules with one
whose __spec__ is None, which importlib.util.find_spec (tests/test_architecture.py) refuses."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TWO_BEATS = """
import json, sys
from manim import Create, FadeOut, Square, tempconfig
from manim_slides import Slide
from scenes.engine.slides import next_slide_in_section, set_notes

class TwoBeats(Slide):
    def construct(self):
        self.next_section("00_chapter")
        square = Square()
        self.play(Create(square))
        set_notes(self, "the first beat's words")
        next_slide_in_section(self, "the second beat's words")
        self.play(FadeOut(square))

config = {"media_dir": sys.argv[1], "quality": "low_quality", "write_to_movie": False, "save_last_frame": False}
with tempconfig(config):
    scene = TwoBeats()
    scene.render()
sections = [section.name for section in scene.renderer.file_writer.sections]
slides = [(slide.notes, slide.start_animation, slide.end_animation) for slide in scene._slides]
print(json.dumps({"sections": sections, "slides": slides}))
"""


def test_two_beats_are_two_slides_with_their_notes_in_one_section(tmp_path):
    command = [sys.executable, "-c", TWO_BEATS, str(tmp_path / "media")]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}  # run from tmp_path: manim-slides writes slides/ there
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=environment, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    played = json.loads(result.stdout.strip().splitlines()[-1])
    assert played["sections"] == ["00_chapter"]
    assert played["slides"] == [["the first beat's words", 0, 1], ["the second beat's words", 1, 2]]
    assert (tmp_path / "slides" / "TwoBeats.json").exists()
