"""The house's rules, read from the code (ast): no import circles, Manim's patches behind one door,
the chapter list written once."""

from __future__ import annotations

import ast
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
FORBIDDEN = {
    "chapters": {"engine", "publish", "story", "deck"},
    "engine": {"chapters", "stage", "tracks", "publish", "narration", "story", "deck"},
    "stage": {"chapters", "publish", "story", "deck"},
    "tracks": {"chapters", "stage", "engine", "publish", "story", "deck"},
    "narration": {"chapters", "stage", "engine", "tracks", "publish", "story", "deck"},
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
