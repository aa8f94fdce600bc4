"""The caches made safe (scenes/engine/cache.py): a formula or text SVG cut short or damaged is
typeset again, a damaged one found while parsing is named, two processes typesetting one text at
once both succeed, and Manim's list of partial movies is private to its process."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_a_truncated_formula_is_typeset_again(tmp_path):
    from manim import config, tempconfig

    from scenes.engine.cache import tex_to_svg_file

    with tempconfig({"media_dir": str(tmp_path)}):
        svg = tex_to_svg_file(r"-\ln p", "align*")
        whole = svg.read_bytes()
        svg.write_bytes(whole[: len(whole) // 2])
        assert tex_to_svg_file(r"-\ln p", "align*") == svg
        assert svg.read_bytes() == whole
        assert [path.name for path in config.get_dir("tex_dir").iterdir()] == [svg.name]


SAME_TEXT_OVER_AND_OVER = """
import sys
from manim import Text, tempconfig
from scenes.engine.cache import make_typesetting_safe
with tempconfig({"media_dir": sys.argv[1]}):
    make_typesetting_safe()
    for _ in range(300):
        Text("the same words in both", use_svg_cache=False)
"""


def test_two_processes_typesetting_the_same_text_at_once(tmp_path):
    """Manim rewrites a text's cached SVG each time it makes the Text: the other process read it
    half-written (CI: `could not find …svg.svg`, when make course's deck and story shared a folder)."""
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", SAME_TEXT_OVER_AND_OVER, str(tmp_path)], cwd=ROOT, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    errors = [run.communicate(timeout=300)[1].decode(errors="replace") for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors


def test_a_damaged_formula_that_still_ends_in_svg_is_typeset_again(tmp_path):
    """Garbage inside a cached formula's SVG, its end intact: the formula is typeset again (every
    render failed with a ParseError that named no file)."""
    from manim import tempconfig

    from scenes.engine.cache import tex_to_svg_file

    with tempconfig({"media_dir": str(tmp_path)}):
        svg = tex_to_svg_file(r"-\ln q", "align*")
        whole = svg.read_bytes()
        svg.write_bytes(whole[:200] + b"\x00<<garbage & more" + whole[200:])
        assert svg.read_bytes().rstrip().endswith(b"</svg>")
        assert tex_to_svg_file(r"-\ln q", "align*") == svg
        assert svg.read_bytes() == whole


def test_a_damaged_text_svg_is_made_again(tmp_path):
    from manim import Text, tempconfig

    from scenes.engine.cache import is_complete_svg, make_typesetting_safe

    with tempconfig({"media_dir": str(tmp_path)}):
        make_typesetting_safe()
        Text("log loss")
        (svg,) = (tmp_path / "texts").glob("*.svg")
        whole = svg.read_bytes()
        svg.write_bytes(whole[:100] + b"<g <g" + whole[100:])
        assert svg.read_bytes().rstrip().endswith(b"</svg>")
        assert len(Text("log loss").submobjects) == len("logloss")
        assert b"<g <g" not in svg.read_bytes() and is_complete_svg(svg)


def test_a_damaged_svg_found_while_parsing_is_named(tmp_path):
    """An SVG damaged after its check: the error names the file (a bare ParseError before)."""
    from manim import SVGMobject

    from scenes.engine.cache import make_typesetting_safe

    make_typesetting_safe()
    svg = tmp_path / "damaged.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0" <</svg>')
    with pytest.raises(Exception, match=r"damaged\.svg"):
        SVGMobject(str(svg))


LISTS_OF_PARTIAL_MOVIES = """
import sys
from manim import Create, Scene, Square, tempconfig
from manim.scene.scene_file_writer import SceneFileWriter
from scenes.engine import install
seen = []
combine = SceneFileWriter.combine_files
def spy(self, input_files, output_file, *args, **kwargs):
    seen.append(str(self.partial_movie_directory))
    return combine(self, input_files, output_file, *args, **kwargs)
SceneFileWriter.combine_files = spy
class Small(Scene):
    def setup(self):
        install(self)
    def construct(self):
        self.play(Create(Square()), run_time=0.2)
with tempconfig({"media_dir": sys.argv[1], "quality": "low_quality"}):
    Small().render()
print(seen[0])
"""


def test_the_list_of_partial_movies_is_private_to_its_process(tmp_path):
    """Manim writes partial_movie_file_list.txt in place in the partial movie folder two renders
    share: it is now written in a folder of the process's own, and nothing of it is left."""
    result = subprocess.run(
        [sys.executable, "-c", LISTS_OF_PARTIAL_MOVIES, str(tmp_path)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    listed_in = Path(result.stdout.strip().splitlines()[-1])
    assert ".partial." in listed_in.name and listed_in.parent.name == "partial_movie_files"
    movies = next(tmp_path.rglob("partial_movie_files"))
    assert not list(movies.rglob("partial_movie_file_list.txt"))
    assert not list(movies.glob(".*partial*"))
    assert list(tmp_path.rglob("Small.mp4"))
