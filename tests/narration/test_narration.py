"""Captions and chart words: complete in every language, numbers filled from the Walkthrough."""

import ast
import re
from pathlib import Path

import numpy as np
import pytest

from bce_math import Dataset, default_dataset, walkthrough
from scenes.narration import _spoken_table, _table, caption, placeholders, reading_units, spoken, word
from scenes.settings import LANGUAGES

STORY = walkthrough(default_dataset())


def keys(language: str) -> dict[str, set[str]]:
    return {table: set(entries) for table, entries in _table(language).items()}


def test_every_language_has_every_caption_and_word():
    for language in LANGUAGES:
        assert keys(language) == keys("en"), language


@pytest.mark.parametrize("language", LANGUAGES)
def test_captions_quote_only_known_values(language):
    known = set(placeholders(STORY))
    for chapter, beats in _table(language).items():
        if chapter in ("words", "page"):  # filled by the chart and by the page, not from the story
            continue
        for beat, text in beats.items():
            assert set(re.findall(r"\{(\w+)\}", text)) <= known, (chapter, beat)
            assert "{" not in caption(chapter, beat, STORY, language)


def test_numbers_in_captions_come_from_the_walkthrough():
    assert caption("average", "done", STORY, "en").endswith(placeholders(STORY)["mean_loss"])
    assert placeholders(STORY)["mean_loss"] in caption("average", "done", STORY, "zh")
    assert word("more_rows", "zh", hidden=7) == "…… 另有 7 行 ……"


def test_reading_time_counts_words_and_chinese_characters():
    assert reading_units("one two three") == 3
    assert reading_units("二元交叉熵 0.3329") == 3.5


def test_chinese_text_draws_real_glyphs_not_boxes():
    from scenes.stage.lettering import label

    def outline(text: str):
        return [tuple((glyph.points - glyph.get_center()).round(3).flatten()) for glyph in label(text)]

    chinese = outline("二元交叉熵")
    missing = outline("\ue000")  # a private-use code point: Pango draws its "missing glyph" box
    assert len(chinese) == 5 and len(set(chinese)) == 5  # five glyphs, all different shapes
    assert not set(chinese) & set(missing)


def test_every_chapter_has_a_title_in_every_language():
    from scenes.chapters import CHAPTERS
    from scenes.narration import chapter_title

    for language in LANGUAGES:
        assert set(_table(language)["chapters"]) == {chapter.__name__ for chapter in CHAPTERS}
        assert chapter_title("entropy", language) in ("Entropy", "熵")


def test_a_tiny_likelihood_is_written_and_said_as_a_power_of_ten():
    # 40 points whose classes overlap everywhere: the labels are hardly more likely than coin flips.
    x = np.arange(40, dtype=float)
    y = np.array([0, 1, 1, 0] * 10)
    story = walkthrough(Dataset(x, y))
    assert story.likelihood < 5e-5  # four decimals would show 0.0000
    mantissa, exponent = f"{story.likelihood:.2e}".split("e")
    superscript = str(int(exponent)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    assert caption("likelihood", "product", story, "en").endswith(f"{mantissa}×10{superscript}")
    said = spoken("likelihood", "product", story, "en")
    assert f"{mantissa} times ten to the power of minus {-int(exponent)}" in said and "×" not in said
    assert f"{mantissa}乘以十的负{-int(exponent)}次方" in spoken("likelihood", "product", story, "zh")


# Claims larger than the truth: the default (penalised) fit is not the likeliest one (the ladder shows
# the unpenalised fit below it), and the penalty is named by what it does, not called small.
OVERCLAIMS = {
    # A model is not "at H(q)": its loss is (the flat line at c = q(1) costs H(q)).
    "en": [
        r"most likely labels",
        r"least log loss",
        r"smallest log loss is the largest",
        r"small penalty",
        r"at H\(q\)",
    ],
    "zh": [r"似然就最大", r"对数损失最小", r"小惩罚", r"H\(q\) ?处"],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_sentence_claims_more_than_the_picture_shows(language):
    texts = [
        text
        for table in (_table(language), _spoken_table(language))
        for chapter, beats in table.items()
        if chapter not in ("words", "chapters", "page")
        for text in beats.values()
    ]
    assert len(texts) > 40
    for pattern in OVERCLAIMS[language]:
        assert not [text for text in texts if re.search(pattern, text, re.IGNORECASE)], pattern
    # Where the likelihood is the point, the voice says which fit is the likeliest.
    assert "{unpenalised_loss}" in _spoken_table(language)["likelihood"]["mean"]


# One symbol per meaning: P(green) is the model's probability of green (p_i in the BCE formula),
# P(true) the probability of a point's true class, and a bold p a model's distribution over the
# classes (in formulas only). A bare p would be any of them.
BARE_P = re.compile(r"(?<![A-Za-z_{\\])p(?![A-Za-z_(])")


@pytest.mark.parametrize("language", LANGUAGES)
def test_captions_and_chart_words_name_each_probability_by_one_symbol(language):
    texts = {
        f"{chapter}.{key}": text
        for chapter, entries in _table(language).items()
        if chapter not in ("chapters",)
        for key, text in entries.items()
    }
    assert [key for key, text in texts.items() if BARE_P.search(text)] == []
    true_class = {"en": "P(true)", "zh": "P(真实)"}[language]
    assert true_class in texts["words.neg_ln"] and true_class in texts["reposition.compare"]
    assert BARE_P.search("costs \u2212ln p = 1.2060") and not BARE_P.search("up to P(green), p_i")


def test_every_language_marks_the_same_moments_of_a_beat():
    """The picture waits for the marked words (StoryScene.at_mark) in the order the chapter calls
    them: each language marks as many words in each beat, or a flash lands on the wrong word."""
    from scenes.narration import MARK

    tables = {language: _spoken_table(language) for language in LANGUAGES}
    beats = {(chapter, beat) for table in tables.values() for chapter, lines in table.items() for beat in lines}
    counts = {
        beat: {language: tables[language].get(beat[0], {}).get(beat[1], "").count(MARK) for language in LANGUAGES}
        for beat in beats
    }
    assert {beat: n for beat, n in counts.items() if len(set(n.values())) > 1} == {}


# -- a chapter's words: every chapter in CHAPTERS has them in every language ----------------------
# Adding a chapter (README, "Adding a chapter") takes its module, its CHAPTERS entry and its tables
# here; these tests name what is missing and where it goes.

NARRATION = Path(__file__).resolve().parents[2] / "scenes" / "narration"
CHAPTER_FILES = Path(__file__).resolve().parents[2] / "scenes" / "chapters"
NOT_CHAPTERS = ("words", "chapters", "page")  # tables of the caption files that are not a chapter's


def beats_said(source: str) -> list[tuple[str, str, int]]:
    """(chapter, beat, line) of every beat the code says: scene.say, scene.subtitle and caption with
    the chapter and beat written out, or the beat taken by a loop over a tuple written out."""
    found = []
    for function in (n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.FunctionDef)):
        looped: dict[str, list[str]] = {}  # a loop variable -> the strings it takes
        for loop in (n for n in ast.walk(function) if isinstance(n, ast.For)):
            if not isinstance(loop.iter, ast.Tuple | ast.List):
                continue
            names = loop.target.elts if isinstance(loop.target, ast.Tuple) else [loop.target]
            for position, name in enumerate(names):
                items = [item.elts[position] if isinstance(item, ast.Tuple) else item for item in loop.iter.elts]
                if isinstance(name, ast.Name) and all(isinstance(i, ast.Constant) for i in items):
                    looped[name.id] = [item.value for item in items]
        for call in (n for n in ast.walk(function) if isinstance(n, ast.Call) and len(n.args) >= 2):
            called = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            chapter, beat = call.args[:2]
            if called not in ("say", "subtitle", "caption") or not isinstance(chapter, ast.Constant):
                continue
            values = _strings(beat, looped) or [f"<{ast.unparse(beat)}: write the beat out>"]
            found += [(chapter.value, value, call.lineno) for value in values]
    return sorted(found, key=lambda said: said[2])


def _strings(node: ast.expr, looped: dict[str, list[str]]) -> list[str]:
    """The strings an expression can be: written out, one of two written out, or a loop's."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _strings(node.body, looped), _strings(node.orelse, looped)
        return body + orelse if body and orelse else []
    return looped.get(node.id, []) if isinstance(node, ast.Name) else []


def chapter_beats() -> list[tuple[str, str, str]]:
    """(chapter, beat, where) for every beat every chapter module says."""
    return [
        (chapter, beat, f"scenes/chapters/{path.name} line {line}")
        for path in sorted(CHAPTER_FILES.glob("*.py"))
        for chapter, beat, line in beats_said(path.read_text(encoding="utf-8"))
    ]


def test_the_beats_said_are_read_from_the_code():
    planted = (
        "def recap(scene):\n"
        "    scene.say('recap', 'points')\n"
        "    for beat, target in (('one', 1.0), ('two', 0.5)):\n"
        "        scene.say('recap', beat)\n"
        "    text = caption('recap', 'mean', scene.story)\n"
        "    scene.say('recap', chosen)\n"
        "    scene.say('recap', 'a' if few else 'b')\n"
    )
    assert beats_said(planted) == [
        ("recap", "points", 2),
        ("recap", "one", 4),
        ("recap", "two", 4),
        ("recap", "mean", 5),
        ("recap", "<chosen: write the beat out>", 6),
        ("recap", "a", 7),
        ("recap", "b", 7),
    ]
    assert ("entropy", "even", "scenes/chapters/information.py line 153") in chapter_beats()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chapter_has_its_captions_and_title(language):
    """Each chapter in CHAPTERS: a table of captions in scenes/narration/<language>.toml holding every
    beat its code says, and a title in that file's [chapters]."""
    from scenes.chapters import CHAPTERS

    table, file = _table(language), f"scenes/narration/{language}.toml"
    names = [chapter.__name__ for chapter in CHAPTERS]
    problems = [
        f"{file} has no [{name}] table: add one, a key per beat the chapter says" for name in names if name not in table
    ]
    problems += [
        f'{file} [chapters] has no title for {name}: add {name} = "..."'
        for name in names
        if name not in table["chapters"]
    ]
    problems += [
        f'{file} [{chapter}] has no caption {beat!r}, which {where} says: add {beat} = "..."'
        for chapter, beat, where in chapter_beats()
        if chapter in table and beat not in table[chapter]
    ]
    problems += [
        f"{file} [{name}] is no chapter: add its function to CHAPTERS (scenes/chapters/__init__.py) or drop the table"
        for name in table
        if name not in NOT_CHAPTERS and name not in names
    ]
    problems += [
        f"{file} [chapters] titles {name}, which is no chapter in CHAPTERS (scenes/chapters/__init__.py)"
        for name in table["chapters"]
        if name not in names
    ]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_caption_is_said_by_its_chapter(language):
    """A caption no chapter's code says is never shown nor spoken: a beat renamed or gone."""
    said = {(chapter, beat) for chapter, beat, _ in chapter_beats()}
    unsaid = [
        f"scenes/narration/{language}.toml [{chapter}] {beat}: no chapter says it (scene.say({chapter!r}, {beat!r}))"
        for chapter, beats in _table(language).items()
        if chapter not in NOT_CHAPTERS
        for beat in beats
        if (chapter, beat) not in said
    ]
    assert unsaid == [], "\n".join(unsaid)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_spoken_line_is_a_caption_of_its_chapter(language):
    """A spoken table is optional (a beat not in it is said as its caption), but each line in it
    replaces a caption that exists."""
    captions = _table(language)
    stray = [
        f"scenes/narration/{language}_spoken.toml [{chapter}] {beat}: no such caption in {language}.toml"
        for chapter, beats in _spoken_table(language).items()
        for beat in beats
        if beat not in captions.get(chapter, {})
    ]
    assert stray == [], "\n".join(stray)


def test_the_oracle_computes_every_placeholder_a_caption_may_quote():
    """A number new to the captions needs its independent value in tests/oracle.py too."""
    from tests.oracle import default_oracle

    ours, oracle = set(placeholders(STORY)), set(default_oracle().placeholders())
    assert sorted(ours - oracle) == [], "add these to Oracle.placeholders in tests/oracle.py"
    assert sorted(oracle - ours) == [], "add these to placeholders() in scenes/narration/__init__.py"
