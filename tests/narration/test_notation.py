"""One symbol per meaning, each defined by the voice before or where it is first on screen."""

import re
from pathlib import Path

import pytest

from scenes.chapters import CHAPTERS
from scenes.narration import spoken
from scenes.narration.notation import SYMBOLS, symbols_in_tex, symbols_in_text, unknown_in_text

pytestmark = pytest.mark.story  # reads the headless build of the whole story

CHAPTER_NAMES = [c.__name__ for c in CHAPTERS]
README = Path(__file__).resolve().parents[2] / "README.md"
INTRODUCED = {symbol.written: CHAPTER_NAMES.index(symbol.chapter) for symbol in SYMBOLS}


def _on_screen(full) -> list[tuple[int, str, str]]:
    """(chapter index, "tex" or "text", string) for every formula and text drawn, in order."""
    starts = [*full.section_starts, len(full.snapshots)]

    def chapter_of(play: int) -> int:
        return max(index for index, start in enumerate(starts[:-1]) if start <= play)

    code = CHAPTER_NAMES.index("code")
    captions = {c for snap in full.snapshots for c in snap.captions}
    # The program's listing and output are Python, not the story's notation.
    program = {t.text for m in full.moments if chapter_of(m.play) == code for t in m.texts} - captions
    drawn = []
    for play, snap in enumerate(full.snapshots):
        drawn += [(chapter_of(play), "tex", tex) for tex in snap.formulas]
    for moment in full.moments:
        texts = [t.text for t in moment.texts if t.size and t.opacity > 0.1 and t.text not in program]
        drawn += [(chapter_of(moment.play), "text", text) for text in texts]
    return list(dict.fromkeys(drawn))


def _problems(drawn: list[tuple[int, str, str]]) -> list[str]:
    """Symbols no table entry claims, and symbols on screen before the chapter that defines them."""
    problems = []
    for chapter, kind, string in drawn:
        if kind == "tex":
            found, left = symbols_in_tex(string)
            unknown = [left] if left else []
        else:
            found, unknown = symbols_in_text(string), unknown_in_text(string)
        problems += [
            f"{CHAPTER_NAMES[chapter]}: {u!r} in {string!r} is no symbol of the table (scenes/narration/notation.py)"
            for u in unknown
        ]
        for symbol in found:
            if INTRODUCED[symbol] > chapter:
                problems.append(
                    f"{symbol} in {string!r}, {CHAPTER_NAMES[chapter]}, before {CHAPTER_NAMES[INTRODUCED[symbol]]}"
                )
    return problems


def test_every_symbol_on_screen_is_in_the_table_and_defined_before_it_is_used(full):
    drawn = _on_screen(full)
    assert len(drawn) > 100
    problems = _problems(drawn)
    assert problems == [], "\n".join(problems)
    used = {
        s
        for _, kind, string in drawn
        for s in (symbols_in_tex(string)[0] if kind == "tex" else symbols_in_text(string))
    }
    assert used >= {symbol.written for symbol in SYMBOLS} - {"q"}  # q alone is only said; q(y) is written


def test_a_planted_symbol_before_its_chapter_or_outside_the_table_is_caught():
    labels, average = CHAPTER_NAMES.index("labels"), CHAPTER_NAMES.index("average")
    assert _problems([(labels, "text", "P(green) = c everywhere")]) == [
        "c in 'P(green) = c everywhere', labels, before entropy"
    ]
    assert _problems([(average, "tex", r"\mathbf{p}_i = (1 - p_i,\, p_i)")])  # back_to_loss's, in average
    assert _problems([(average, "tex", r"z = \theta")])  # no symbol of the table
    assert _problems([(average, "text", "k(x) is new")])


def test_each_symbol_is_defined_in_its_chapters_speech(full):
    story = full.scene.story
    speech: dict[str, str] = {}
    for beat in full.scene.beats:
        if beat.chapter:
            speech[beat.chapter] = speech.get(beat.chapter, "") + " " + spoken(beat.chapter, beat.beat, story, "en")
    missing = [(s.written, s.chapter, s.said) for s in SYMBOLS if s.said.lower() not in speech[s.chapter].lower()]
    assert missing == []


def test_the_readme_shows_the_table():
    readme = README.read_text(encoding="utf-8")
    rows = [
        s for s in SYMBOLS if not re.search(rf"^\| `{re.escape(s.written)}` \| {re.escape(s.meaning)} \|", readme, re.M)
    ]
    assert [s.written for s in rows] == []
