"""Manim's file caches, made safe against a killed render and against two renders at once.

Manim writes its cached files in place: partial movies (one per animation), text SVGs from Pango
and LaTeX's SVGs. A render killed mid-write leaves a truncated file under its final name, and
every later render trusts it and fails (InvalidDataError, ParseError); two renders sharing a media
folder read each other's half-written files, and LaTeX's clean-up deletes the other one's work.
Here every cache file is written under a name of its own and renamed into place when complete,
and a file found in the cache is checked before use: a bad one is deleted and made again.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from functools import wraps
from pathlib import Path

import av
import manimpango
import svgelements as se
from manim import RIGHT, SVGMobject, config
from manim.mobject.text import tex_mobject, text_mobject
from manim.scene.scene_file_writer import SceneFileWriter
from manim.utils.tex_file_writing import make_tex_compilation_command, tex_hash

from scenes.atomic import private_folder, private_name, remove_orphans, usable, written_atomically
from scenes.engine.text import drop_parsed_paths

_installed = False


# SVGs this process has parsed whole, by path: (size, modification time) when they were.
_parsed: dict[Path, tuple[int, int]] = {}


def is_complete_svg(path: Path) -> bool:
    """An SVG that parses as XML with an <svg> root: a killed writer leaves an empty or cut-off
    file, and a damaged one can still end in </svg>. Parsed once per process and file version
    (0.2 ms for a typical one)."""
    try:
        status = path.stat()
        version = (status.st_size, status.st_mtime_ns)
        if _parsed.get(path) == version:
            return True
        if not ET.parse(path).getroot().tag.endswith("svg"):
            return False
    except (OSError, ET.ParseError):
        return False
    _parsed[path] = version
    return True


def is_complete_movie(path: Path) -> bool:
    """A partial movie that opens and holds video (a killed encoder leaves a stub without an index)."""
    try:
        with av.open(str(path)) as container:
            return bool(container.streams.video) and container.duration is not None and container.duration > 0
    except (OSError, av.FFmpegError):
        return False


def _text_svg(settings, size, line_spacing, disable_liga, file_name, *args) -> str:
    """manimpango.text2svg, written under a private name and renamed into place."""
    with written_atomically(Path(file_name)) as partial:
        manimpango.text2svg(settings, size, line_spacing, disable_liga, str(partial), *args)
    return str(file_name)


class _Pango:
    """What text_mobject sees as `manimpango`: the real module, with text2svg made atomic."""

    def __getattr__(self, name: str):
        return _text_svg if name == "text2svg" else getattr(manimpango, name)


class _PangoUtils:
    """What text_mobject sees as `PangoUtils`: with remove_last_M rewriting a text's SVG atomically.

    Manim calls it on the cached SVG each time it makes a Text, truncating the file and writing it
    again: a render reading that text at the same moment found it empty (and removed it as broken),
    then the other one found no file at all (CI: `could not find …svg.svg`).
    """

    def __getattr__(self, name: str):
        return getattr(manimpango.PangoUtils, name)

    @staticmethod
    def remove_last_M(file_name: str) -> None:  # noqa: N802 (Manim calls it by this name)
        path = Path(file_name)
        content = path.read_text()
        trimmed = re.sub(r'Z M [^A-Za-z]*? "\/>', 'Z "/>', content)
        if trimmed != content:  # an already trimmed file is left alone
            with written_atomically(path) as partial:
                partial.write_text(trimmed)


def _checked_text2svg(method):
    @wraps(method)
    def text2svg(self, color) -> str:
        usable(config.get_dir("text_dir") / f"{self._text2hash(color)}.svg", is_complete_svg)
        return method(self, color)

    return text2svg


def _generate_mobject(self: SVGMobject) -> SVGMobject:
    """SVGMobject.generate_mobject, with its rewritten copy of the SVG under a private name, and its
    shapes kept beside the SVG for the next render.

    Manim writes that copy beside the SVG as NAME_.svg and deletes it after parsing: two renders
    drawing the same text at once deleted each other's copy (FileNotFoundError). Parsing an SVG
    into shapes was half of an unchanged re-render (every label, caption and formula, each run).
    """
    file_path = self.get_file_path()
    shapes_file = _shapes_file(self, file_path)
    shapes = _load_shapes(shapes_file)
    if shapes is None:
        modified = private_name(file_path.with_name(f"{file_path.stem}_{file_path.suffix}"))
        try:
            try:
                tree = ET.parse(file_path)
            except ET.ParseError as error:  # damaged since it was checked: named, and made again next time
                Path(file_path).unlink(missing_ok=True)
                raise ValueError(f"{file_path}: not a readable SVG ({error}); removed, render again") from None
            self.modify_xml_tree(tree).write(modified)
            svg = se.SVG.parse(modified)
        finally:
            modified.unlink(missing_ok=True)
        shapes = self.get_mobjects_from(svg)
        drop_parsed_paths(shapes[0])
        # Used as read back, in every run: a partial movie's key is a pickle, and which equal
        # strings are one object shows in it; a parsed shape and a loaded one differ there.
        shapes = pickle.loads(_save_shapes(shapes_file, shapes))
    mobjects, self.id_to_vgroup_dict = shapes
    self.add(*mobjects)
    self.flip(RIGHT)  # SVG's y axis points down
    return self


def _shapes_file(svg_mobject: SVGMobject, file_path: Path) -> Path:
    """Where the shapes of this SVG, parsed with this mobject's settings, are kept."""
    settings = (type(svg_mobject).__qualname__, svg_mobject.svg_default, svg_mobject.path_string_config)
    key = hashlib.blake2b(file_path.read_bytes() + repr(settings).encode(), digest_size=12).hexdigest()
    return file_path.with_name(f"{file_path.stem}.{key}.shapes")


def _load_shapes(path: Path):
    """The shapes kept in path, or None when there are none (or they cannot be read: made again)."""
    try:
        with path.open("rb") as kept:
            return pickle.load(kept)
    except FileNotFoundError:
        return None
    except Exception:  # cut off by a kill, or written by another version of Manim
        path.unlink(missing_ok=True)
        return None


def _save_shapes(path: Path, shapes) -> bytes:
    """Keep the shapes in path (renamed into place when complete); their pickled bytes."""
    data = pickle.dumps(shapes, protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(OSError), written_atomically(path) as partial:  # if not, made again next time
        partial.write_bytes(data)
    return data


def tex_to_svg_file(expression: str, environment: str | None = None, tex_template=None) -> Path:
    """Manim's tex_to_svg_file, compiled in a folder of its own and renamed into place."""
    template = tex_template or config["tex_template"]
    code = (
        template.get_texcode_for_expression_in_env(expression, environment)
        if environment
        else template.get_texcode_for_expression(expression)
    )
    tex_dir = config.get_dir("tex_dir")
    tex_dir.mkdir(parents=True, exist_ok=True)
    svg = tex_dir / f"{tex_hash(code)}.svg"
    if usable(svg, is_complete_svg):
        return svg
    with private_folder(tex_dir) as folder, written_atomically(svg) as drawing:
        tex = Path(folder) / "expression.tex"
        tex.write_text(code, encoding="utf-8")
        compilers = [template.tex_compiler] if isinstance(template.tex_compiler, str) else template.tex_compiler
        for compiler in compilers:
            command = make_tex_compilation_command(compiler, template.output_format, tex, Path(folder))
            if subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode:
                log = svg.with_suffix(".log")
                if tex.with_suffix(".log").exists():
                    shutil.copyfile(tex.with_suffix(".log"), log)
                raise ValueError(f"{compiler} could not typeset {expression!r}; see {log}")
        command = ["dvisvgm", *(["--pdf"] if template.output_format == ".pdf" else []), "--page=1", "--no-fonts"]
        command += ["--verbosity=0", f"--output={drawing}", str(tex.with_suffix(template.output_format))]
        subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
        if not is_complete_svg(drawing):
            raise ValueError(f"dvisvgm could not convert {expression!r} to SVG")
    return svg


def _atomic_partial_movies(writer: SceneFileWriter) -> None:
    """Encode each partial movie under a private name; it takes its cache name once complete."""
    open_stream = writer.open_partial_movie_stream

    @wraps(open_stream)
    def open_private(file_path=None) -> None:
        target = Path(file_path or writer.partial_movie_files[writer.renderer.num_plays])
        # Renamed to target when the encoder's job is joined; removed if the job fails.
        writing = contextlib.ExitStack()
        open_stream(writing.enter_context(written_atomically(target)))
        job = writer._current_encode_job
        # Manim knows the job (in-flight map, clean-up) by its cache name.
        job.path = target
        join = job.join

        def join_then_rename() -> None:
            with writing:
                join()

        job.join = join_then_rename

    writer.open_partial_movie_stream = open_private
    is_cached = writer.is_already_cached

    @wraps(is_cached)
    def is_cached_and_complete(hash_invocation: str) -> bool:
        if not is_cached(hash_invocation):
            return False
        path = writer.partial_movie_directory / f"{hash_invocation}{config['movie_file_extension']}"
        return usable(path, is_complete_movie)

    writer.is_already_cached = is_cached_and_complete


def use_safe_cache(writer: SceneFileWriter) -> None:
    """Make this scene's partial movies, and every Text and Tex SVG of the process, safe to cache."""
    _atomic_partial_movies(writer)
    if hasattr(writer, "partial_movie_directory"):
        remove_orphans(writer.partial_movie_directory)
    make_typesetting_safe()


def make_typesetting_safe() -> None:
    """Make every Text and Tex SVG of this process safe to cache (once per process)."""
    global _installed
    if _installed:
        return
    _installed = True
    text_mobject.manimpango = _Pango()
    text_mobject.PangoUtils = _PangoUtils()
    text_mobject.Text._text2svg = _checked_text2svg(text_mobject.Text._text2svg)
    tex_mobject.tex_to_svg_file = tex_to_svg_file
    SVGMobject.generate_mobject = _generate_mobject
    for kind in ("text_dir", "tex_dir"):
        remove_orphans(config.get_dir(kind))
