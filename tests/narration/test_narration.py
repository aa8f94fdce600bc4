"""Captions and chart words: complete in every language, numbers filled from the Walkthrough."""

import re

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
