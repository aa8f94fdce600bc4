"""The tests mirror the code: every module of scenes/ and bce_math/ has a test module named after
it, in the folder that mirrors its own (scenes/stage/charts.py: tests/stage/test_charts.py;
scenes/settings.py: tests/test_settings.py; bce_math/dataset.py: tests/bce_math/test_dataset.py).
A module without one is listed in EXCEPTIONS, with the reason, or fails here by name."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"

# A module of chapters (one with a function in CHAPTERS) needs none: a chapter is tested by building
# the story (tests/chapters/test_frames.py, test_screen_against_oracle.py, test_meaning.py,
# tests/narration/test_notation.py read every chapter's screen), so a new chapter needs no more.
# Modules tested elsewhere, each with why (a module: its path from the project's root).
BCE_MATH = (
    "tested through bce_math's exports against scikit-learn and scipy: tests/bce_math/test_math.py, test_properties.py"
)
EXCEPTIONS: dict[str, str] = {
    "bce_math/display.py": BCE_MATH,
    "bce_math/information.py": BCE_MATH,
    "bce_math/losses.py": BCE_MATH,
    "bce_math/model.py": BCE_MATH,
    "bce_math/shown.py": BCE_MATH,
    "bce_math/walkthrough.py": BCE_MATH,
    "scenes/story.py": "Manim's entry point, no code of its own beyond the scene classes: tests/test_architecture.py "
    "(a scene class per chapter) and every render test",
    "scenes/deck.py": "the deck is built and opened by tests/publish/test_render.py (the course)",
    "scenes/publish/course.py": "tests/publish/test_render.py (the course built and opened), test_faults_course.py",
    "scenes/publish/page.py": "the pages are opened in Chromium: tests/publish/test_lab_*.py, test_course_languages.py",
    "scenes/stage/fonts.py": "names of fonts and sizes only; tests/narration/test_narration.py draws its CJK glyphs",
    "scenes/stage/palette.py": "tests/test_settings.py (contrast of every text colour, colour-blind separation)",
    "scenes/stage/formulas.py": "formulas are read off the built story: tests/chapters/test_meaning.py (colours), "
    "tests/relations.py (arithmetic)",
    "scenes/engine/text.py": "tests/stage/test_lettering.py (a number set from glyphs is Pango's Text)",
}


def mirror_of(path: Path) -> Path:
    """Where a module's tests live: tests/, then the module's folders below scenes/ (bce_math/ kept)."""
    parts = path.relative_to(ROOT).parts
    folders = parts[1:-1] if parts[0] == "scenes" else parts[:-1]
    return TESTS.joinpath(*folders, f"test_{path.stem}.py")


def modules() -> list[Path]:
    """Every module that needs a test module of its own: not a package's __init__ or __main__, nor a
    module of chapters."""
    from scenes.chapters import CHAPTERS

    chapters = {ROOT.joinpath(*chapter.__module__.split(".")).with_suffix(".py") for chapter in CHAPTERS}
    found = [*sorted((ROOT / "scenes").rglob("*.py")), *sorted((ROOT / "bce_math").glob("*.py"))]
    return [path for path in found if path.name not in ("__init__.py", "__main__.py") and path not in chapters]


def test_every_module_has_its_test_module():
    missing = [
        f"{path.relative_to(ROOT)}: write {mirror_of(path).relative_to(ROOT)} (or list it in EXCEPTIONS with why)"
        for path in modules()
        if not mirror_of(path).exists() and str(path.relative_to(ROOT)) not in EXCEPTIONS
    ]
    assert missing == [], "\n".join(missing)


def test_every_exception_is_a_module_still_without_its_tests():
    stale = [
        f"{name}: {'has ' + str(mirror_of(ROOT / name).relative_to(ROOT)) if (ROOT / name).exists() else 'is gone'}"
        ", drop it from EXCEPTIONS"
        for name in EXCEPTIONS
        if not (ROOT / name).exists() or mirror_of(ROOT / name).exists()
    ]
    assert stale == [], "\n".join(stale)


def test_the_mirror_is_read_as_written():
    assert mirror_of(ROOT / "scenes" / "stage" / "charts.py") == TESTS / "stage" / "test_charts.py"
    assert mirror_of(ROOT / "scenes" / "settings.py") == TESTS / "test_settings.py"
    assert mirror_of(ROOT / "bce_math" / "dataset.py") == TESTS / "bce_math" / "test_dataset.py"
    assert mirror_of(ROOT / "scenes" / "engine" / "frames.py") != TESTS / "chapters" / "test_frames.py"
