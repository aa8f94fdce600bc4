# ruff: noqa: RUF001 (Chinese sentences, with their full-width punctuation)
"""The Chinese voice (Kokoro-82M speaking misaki's Mandarin phonemes): what it is given to read, the
model it joins from its packages, and the samples it makes."""

import re

import numpy as np
import pytest

from bce_math import Dataset, default_dataset, walkthrough
from scenes.narration import _table, spoken
from scenes.tracks import voice, zh_voice

DATASETS = {
    "article": default_dataset(),
    # two points ("两个点"), x in the thousands (tiny losses: a likelihood near 1), 40 crowded points
    "two": Dataset(np.array([-1.0, 1.0]), np.array([0, 1])),
    "thousands": Dataset(np.array([1200, 1500, 1750, 2100, 2500, 3100]), np.array([0, 0, 1, 1, 1, 1])),
    "crowded": Dataset(np.round(np.random.default_rng(7).uniform(-5, 5, 40), 3), np.arange(40) % 2),
}


def sentences_of(story):
    for chapter, table in _table("zh").items():
        if chapter not in ("words", "chapters", "page"):
            for beat in table:
                try:
                    yield chapter, beat, spoken(chapter, beat, story, "zh")
                except KeyError:  # a number this dataset has not: the story does not say that beat for it
                    continue


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("0.3329", "零点三三二九"),
        ("1.2060", "一点二零六零"),  # the zeros shown are said
        ("0.035814", "零点零三五八一四"),
        ("0.70", "零点七零"),
        ("4.6", "四点六"),
        ("10 个点", "十 个点"),
        ("12", "十二"),
        ("40", "四十"),
        ("105", "一百零五"),
        ("1010", "一千零一十"),
        ("0", "零"),
        ("-0.5", "负零点五"),
        ("\u22121.5", "负一点五"),
        ("除以 2", "除以 二"),
        ("2 个点", "两 个点"),  # a count before a measure word
        ("3.58乘以十的-5次方", "三点五八乘以十的负五次方"),
        ("0.3329 10 个点 4.6 105", "零点三三二九 十 个点 四点六 一百零五"),
    ],
)
def test_numbers_are_read_in_chinese(text, said):
    assert zh_voice.chinese_numbers(text) == said


def test_the_voice_reads_words_without_spaces_between_characters():
    assert zh_voice.normalised("这 10 个点的二元交叉熵：0.3329") == "这十个点的二元交叉熵：零点三三二九"
    assert zh_voice.sentences("为什么要取对数？把这 2 个概率相乘。") == ["为什么要取对数？", "把这两个概率相乘。"]


def written(chapter: str, beat: str) -> str:
    """A beat's line as the narration files write it, placeholders left out."""
    from scenes.narration import _spoken_table

    line = _spoken_table("zh").get(chapter, {}).get(beat) or _table("zh")[chapter][beat]
    return re.sub(r"\{[^}]*\}", "", line)


@pytest.mark.parametrize("name", DATASETS)
def test_numbers_reach_the_synthesiser_in_words_and_letters_only_where_the_narration_writes_them(name):
    for chapter, beat, text in sentences_of(walkthrough(DATASETS[name])):
        said = zh_voice.normalised(text)
        assert not re.search(r"[0-9\u2212=_|]", said), (chapter, beat, said)
        assert re.findall("[A-Za-z]+", said) == re.findall("[A-Za-z]+", written(chapter, beat)), (chapter, beat)


def test_a_latin_letter_is_said_by_its_name():
    assert zh_voice.phonemes("第i个点") == "ti\u2198 ai\u2198 k\u0264\u2198tj\u025b\u2193n"  # di ai ge dian
    assert zh_voice.spelt("KL") == zh_voice.spelt("k") + " " + zh_voice.spelt("l")


def test_every_phoneme_is_in_the_models_vocabulary():
    """misaki's phonemes of the whole narration are symbols Kokoro knows (none dropped), tones included."""
    table = zh_voice.vocabulary()
    symbols = set()
    for chapter, beat, text in sentences_of(walkthrough(default_dataset())):
        for sentence in zh_voice.sentences(text):
            phonemes = zh_voice.phonemes(sentence)
            assert phonemes and set(phonemes) <= set(table), (chapter, beat, phonemes)
            ids = zh_voice.token_ids(phonemes)
            assert len(ids) == len(phonemes) and set(ids) <= set(table.values())
            symbols |= set(phonemes)
    assert set("\u2192\u2197\u2193\u2198") <= symbols  # the four tones: level, rising, dipping, falling


def test_a_sentence_too_long_for_one_call_is_cut_after_a_clause():
    phonemes = zh_voice.phonemes("逐点来看真实类别是确定的，损失就是真实类别概率的负对数，" * 12)
    pieces = zh_voice._pieces(phonemes)
    assert len(pieces) > 1 and all(0 < len(ids) <= zh_voice.MAX_TOKENS for ids in pieces)
    assert sum(map(len, pieces)) == len(zh_voice.token_ids(phonemes)) - (len(pieces) - 1)  # a space at each cut


def test_the_joined_model_is_checked_and_joined_again_when_corrupt(tmp_path):
    expected = zh_voice.model_sha256()
    model = zh_voice.model_file(tmp_path)
    assert zh_voice._sha256(model) == expected
    assert model.stat().st_size == sum(len(part.read_bytes()) for part in zh_voice._model_parts())
    with model.open("r+b") as file:  # one byte changed in the middle
        file.seek(model.stat().st_size // 2)
        byte = file.read(1)
        file.seek(-1, 1)
        file.write(bytes([byte[0] ^ 0xFF]))
    assert zh_voice.model_file(tmp_path) == model and zh_voice._sha256(model) == expected
    with model.open("r+b") as file:  # cut short, as a killed join before these rules would leave it
        file.truncate(1000)
    assert zh_voice._sha256(zh_voice.model_file(tmp_path)) == expected
    assert [path.name for path in tmp_path.iterdir()] == [model.name]  # no private file left


def test_parts_that_do_not_match_their_sha256_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(zh_voice, "model_sha256", lambda: "0" * 64)
    with pytest.raises(RuntimeError, match="reinstall"):
        zh_voice.model_file(tmp_path)
    assert not list(tmp_path.iterdir())


def speech_frames(samples: np.ndarray, rate: int) -> np.ndarray:
    """dBFS of each 20 ms frame."""
    size = rate // 50
    frames = samples[: len(samples) // size * size].reshape(-1, size).astype(float) / 32768
    return 20 * np.log10(np.sqrt((frames**2).mean(axis=1)) + 1e-12)


def test_a_sentence_is_said_the_same_in_any_order_and_any_session():
    text = "二元交叉熵是零点三三。"
    first, rate = zh_voice.synthesise(text)
    zh_voice.synthesise("熵为零")
    zh_voice._session.cache_clear()  # a fresh session, as another render process has
    again, _ = zh_voice.synthesise(text)
    assert rate == zh_voice.SAMPLE_RATE == 24_000
    assert np.array_equal(first, again)
    # Speech: ten syllables in 1 to 4 s, loud most of the time, with its energy where voices have it.
    assert 1.0 < len(first) / rate < 4.0
    levels = speech_frames(first, rate)
    assert (levels > -35).mean() > 0.6 and levels.max() > -20
    spectrum = np.abs(np.fft.rfft(first.astype(float))) ** 2
    frequencies = np.fft.rfftfreq(len(first), 1 / rate)
    assert spectrum[(frequencies > 80) & (frequencies < 4000)].sum() > 0.8 * spectrum.sum()


def test_two_sentences_are_said_with_a_pause_between(monkeypatch):
    one, rate = zh_voice.synthesise("熵为零。")
    two, _ = zh_voice.synthesise("熵为零。熵为零。", pause=0.25)
    assert len(two) == 2 * len(one) + int(0.25 * rate)
    assert np.array_equal(two[: len(one)], one) and not two[len(one) : len(one) + int(0.25 * rate)].any()


def test_a_spoken_chinese_sentence_is_cached_at_the_loudness_of_online_video(tmp_path, monkeypatch):
    monkeypatch.setenv("BCE_VOICE_CACHE", str(tmp_path))
    speech = voice.speak("这十个点的二元交叉熵：0.3329", "zh")
    assert speech.path.parent == tmp_path and 2.0 < speech.seconds < 6.0
    samples = voice.read_wav(speech.path)
    assert voice.loudness(samples, voice.SAMPLE_RATE) == pytest.approx(
        voice.LOUDNESS_LUFS, abs=voice.LOUDNESS_TOLERANCE
    )
    assert np.abs(samples).max() < 32768 * 10 ** ((voice.TRUE_PEAK_DBTP + 0.5) / 20)  # the limiter's overshoot is small
    monkeypatch.setattr(zh_voice, "synthesise", lambda *args: pytest.fail("said again, not taken from the cache"))
    assert voice.speak("这十个点的二元交叉熵：0.3329", "zh") == speech


def test_the_chinese_cut_is_narrated_by_default(monkeypatch):
    from scenes import settings

    monkeypatch.setenv("BCE_LANG", "zh")
    monkeypatch.delenv("BCE_VOICE", raising=False)
    settings.current_settings.cache_clear()
    try:
        assert settings.zh_voice_installed() and settings.current_settings().voice == "zh"
    finally:
        settings.current_settings.cache_clear()
