"""The house's rules, read from the code (ast): no import circles, Manim's patches behind one door
(chapters never import scenes/engine, and nothing outside it touches Manim's private names), files
renamed into place only by scenes/atomic.py, the chapter list written once."""

from __future__ import annotations

import ast
import importlib.util
from functools import cache
from pathlib import Path

import pytest
from manim import Scene

ROOT = Path(__file__).resolve().parent.parent
SCENES = ROOT / "scenes"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(SCENES.rglob("*.py"))}


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The modules of this project that path imports (a name imported from a package counts as the
    package, unless it is a module of its own)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in known else node.module)
    return {name for name in found if name.split(".")[0] in ("scenes", "bce_math")}


def graph() -> dict[str, set[str]]:
    known = set(modules()) | {"bce_math"}
    return {name: imports_of(path, known) & known for name, path in modules().items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), or a module importing itself."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_circles_are_found():
    """The detector itself: a planted circle of three is reported, a chain is not."""
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": {"c"}}) == []


def test_no_import_circles():
    assert circles(graph()) == []


def room(module: str) -> str:
    """The folder a module lives in under scenes/ (or the module itself at the top)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


# Which rooms may not import which: the story's chapters never touch Manim's internals, and the
# engine (patches to Manim) knows nothing of the story, its stage, its tracks or its publishing.
# The stage records what happened (scenes/timeline.py) and nothing else: the subtitles and the
# soundtrack (tracks) and the video, clips and course (publish) are made from that record, by
# the scene classes that are rendered (scenes/story.py's, publish/render.py's parts).
FORBIDDEN = {
    "chapters": {"engine", "tracks", "publish", "story", "deck"},
    "engine": {"chapters", "stage", "tracks", "publish", "narration", "story", "deck"},
    "stage": {"chapters", "tracks", "publish", "story", "deck"},
    "tracks": {"chapters", "stage", "engine", "publish", "story", "deck"},
    "narration": {"chapters", "stage", "engine", "tracks", "publish", "story", "deck"},
    "timeline": {"chapters", "stage", "engine", "tracks", "publish", "narration", "story", "deck", "settings"},
}


def test_rooms_import_only_what_they_may():
    broken = [
        f"{module} imports {target}"
        for module, targets in graph().items()
        for target in targets
        if target.startswith("scenes.") and room(target) in FORBIDDEN.get(room(module), set())
    ]
    assert broken == []


def test_scenes_use_bce_math_through_its_exports():
    inner = [f"{module} imports {target}" for module, targets in graph().items() for target in targets]
    assert [line for line in inner if " bce_math." in line] == []
    every = {name for path in modules().values() for name in _bce_math_names(path)}
    import bce_math

    assert every <= set(bce_math.__all__)


def _bce_math_names(path: Path) -> set[str]:
    return {
        alias.name
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module == "bce_math"
        for alias in node.names
    }


@pytest.mark.parametrize("edges", [{"scenes.chapters.picture": {"scenes.engine.cache"}}])
def test_a_chapter_importing_the_engine_is_caught(edges):
    broken = [
        (module, target)
        for module, targets in edges.items()
        for target in targets
        if room(target) in FORBIDDEN[room(module)]
    ]
    assert broken == [("scenes.chapters.picture", "scenes.engine.cache")]


@cache
def manim_private_names() -> frozenset[str]:
    """The private names (one leading underscore) Manim's and manim-slides' own code defines or
    sets: its classes' methods and attributes (`Code._code_html`), its modules' functions and
    variables."""
    names = set()
    for package in ("manim", "manim_slides"):
        for path in Path(importlib.util.find_spec(package).origin).parent.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                    names.add(node.attr)
                elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    names.add(node.name)
                elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    names.add(node.id)
    return frozenset(name for name in names if len(name) > 1 and name[0] == "_" and name[1] != "_")


def private_touches(source: str, private: frozenset[str]) -> list[str]:
    """Where source reads or sets one of the private names: as an attribute (`part._code_html`,
    `getattr(part, "_code_html")`) or imported from manim or manim_slides."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in private:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in private
        ):
            found.append(f"line {node.lineno}: {node.func.id} {node.args[1].value}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("manim", "manim_slides"):
            found += [f"line {node.lineno}: import {alias.name}" for alias in node.names if alias.name.startswith("_")]
    return found


def test_only_the_engine_touches_manims_private_names():
    """Manim's internals behind their door: a workaround that needs one lives in scenes/engine."""
    private = manim_private_names()
    broken = [
        f"{module} {touch}"
        for module, path in modules().items()
        if room(module) != "engine"
        for touch in private_touches(path.read_text(encoding="utf-8"), private)
    ]
    assert broken == []


def test_a_private_touch_outside_the_engine_is_caught():
    """The checker itself: Manim's private names planted as a stage module would are each reported;
    the project's own private names and the standard library's are not."""
    private = manim_private_names()
    assert {"_code_html", "_text2svg", "_base_slide_config", "_current_encode_job"} <= private
    planted = (
        "from manim.mobject.text.text_mobject import _Pango\n"  # not Manim's: made up, still private
        "def lighten(part):\n"
        "    part._code_html = None\n"
        "    setattr(part, '_code_html', None)\n"
        "    return Code._code_html, Text._text2svg\n"
    )
    assert private_touches(planted, private) == [
        "line 1: import _Pango",
        "line 3: ._code_html",
        "line 4: setattr _code_html",
        "line 5: ._code_html",
        "line 5: ._text2svg",
    ]
    assert private_touches("cls._made = {}\nos._exit(0)\nself._built = []\n", private) == []


# Where a file may be renamed into place by hand: scenes/atomic.py, whose helpers every other
# module uses, and publish/course.py's swap of the whole course folder (renameat2's exchange of two
# folders, and its fallback where the system has none: no single file's write-then-rename).
RENAMERS = {"scenes.atomic", "scenes.publish.course"}


def renames(source: str) -> list[str]:
    """Where source renames a file: os.replace, os.rename or os.renames, or a path's rename()."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            called, on = node.func.attr, node.func.value
            by_os = isinstance(on, ast.Name) and on.id == "os" and called in ("replace", "rename", "renames")
            if by_os or called == "rename":
                found.append(f"line {node.lineno}: {ast.unparse(node.func)}")
    return found


def test_files_are_renamed_into_place_only_by_atomic():
    """Every write-then-rename goes through scenes/atomic.py (written whole, named once complete)."""
    broken = [
        f"{module} {rename}"
        for module, path in modules().items()
        if module not in RENAMERS
        for rename in renames(path.read_text(encoding="utf-8"))
    ]
    assert broken == []


def test_a_rename_by_hand_is_caught():
    planted = "os.replace(partial, target)\nstaged.rename(out)\ntext.replace('-', ' ')\nos.renames(a, b)\n"
    assert renames(planted) == ["line 1: os.replace", "line 2: staged.rename", "line 4: os.renames"]


def test_every_chapter_has_its_scene_class_and_every_class_its_chapter():
    from scenes import story
    from scenes.chapters import CHAPTERS, ChapterScene, scene_name

    classes = {
        name: value
        for name, value in vars(story).items()
        if isinstance(value, type) and issubclass(value, Scene) and value.__module__ == story.__name__
    }
    assert set(classes) == {scene_name(chapter) for chapter in CHAPTERS} | {"FullStory"}
    for chapter in CHAPTERS:
        scene_class = classes[scene_name(chapter)]
        assert issubclass(scene_class, ChapterScene)
        assert scene_class.chapter is chapter


def test_every_name_imported_from_the_project_exists():
    """Imports inside functions run only when called (a render's worker): read them all here."""
    import importlib

    missing = []
    for module, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ("scenes", "bce_math"):
                source = importlib.import_module(node.module)
                missing += [
                    f"{module}: {node.module}.{alias.name}"
                    for alias in node.names
                    if not hasattr(source, alias.name) and not _is_module(f"{node.module}.{alias.name}")
                ]
    assert missing == []


def _is_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # its parent is a module, not a package
        return False


def test_every_mutant_targets_code_that_is_there_once():
    """python -m tests.mutants plants each bug by replacing code as committed: code that moved or
    changed leaves a mutant that tests nothing."""
    from tests.mutants import MUTANTS

    for path, original, bug, _ in MUTANTS:
        assert (ROOT / path).read_text(encoding="utf-8").count(original) == 1, (path, original)
        assert bug != original


LONGEST_FUNCTION = 60  # lines: a chapter is a short function of beats, and so is everything it calls


def long_functions(source: str) -> list[tuple[str, int]]:
    """The functions of source longer than LONGEST_FUNCTION lines, with their lengths."""
    return [
        (node.name, node.end_lineno - node.lineno + 1)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > LONGEST_FUNCTION
    ]


def test_no_function_in_scenes_is_over_sixty_lines():
    found = {
        str(path.relative_to(ROOT)): long_functions(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "scenes").rglob("*.py"))
    }
    assert {path: functions for path, functions in found.items() if functions} == {}
    planted = "def beats():\n" + "    pass\n" * LONGEST_FUNCTION
    assert long_functions(planted) == [("beats", LONGEST_FUNCTION + 1)]
