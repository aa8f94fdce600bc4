"""On-screen captions, subtitles and chart words, one TOML file per language (en, zh).

Numbers in the text are placeholders such as ``{mean_loss}``, filled from the Walkthrough
through ``fmt`` so the words stay true for any dataset.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from bce_math import Walkthrough, fmt, fmt_small
from scenes.settings import LANGUAGES, current_settings

_HERE = Path(__file__).parent
# A viewer needs about this long per English word, or per two Chinese characters.
SECONDS_PER_WORD = 0.4
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@cache
def _table(language: str) -> dict[str, dict[str, str]]:
    with (_HERE / f"{language}.toml").open("rb") as file:
        return tomllib.load(file)


def placeholders(story: Walkthrough) -> dict[str, str]:
    """Every value a caption may quote, as on-screen text: a value stated as the result of other
    values shown is computed from them as shown (bce_math/shown.py)."""
    return {
        "n": str(story.n),
        "n_positive": str(story.n_positive),
        "n_negative": str(story.n_negative),
        "mean_loss": fmt(story.mean_loss),
        "worst_probability": fmt(story.prob_true_class[story.worst_point]),
        "worst_loss": fmt(story.shown.losses[story.worst_point]),
        "memorable_probability": fmt(story.memorable_probability, 2),
        "memorable_loss": fmt(story.memorable_loss, 1),
        "entropy_q": fmt(story.entropy_q),
        "other_0": fmt(story.other[0], 2),
        "other_1": fmt(story.other[1], 2),
        "cross_entropy_other": fmt(story.cross_entropy_other),
        "class_rate": fmt(story.q[1], 2),
        "flat_start": fmt(story.other[1], 2),
        "kl_other": fmt(story.shown.kl_other),
        "positive_loss_sum": fmt(story.shown.positive_loss_sum),
        "negative_loss_sum": fmt(story.shown.negative_loss_sum),
        "mean_prob_green": fmt(story.mean_prob_green),
        "flat_even_loss": fmt(story.flat_even_loss),
        "unpenalised_loss": fmt(story.unpenalised_loss),
        "w": fmt(story.w),
        "unpenalised_w": fmt(story.unpenalised_w),
        "gain_from_x": fmt(story.shown.gain_from_x),
        "penalty_divisor": f"{story.penalty_divisor:g}",
        **_worsened(story),
        "likelihood": fmt_small(story.shown.likelihood_partials[-1], story.shown.likelihood_decimals),
        "neg_log_likelihood": fmt(story.shown.loss_sum),
    }


def _worsened(story: Walkthrough) -> dict[str, str]:
    """The worst mistakes' losses under the fit (as shown on their bars) and without the penalty."""
    values = {}
    for rank, i in enumerate(story.worsened):
        values[f"worse_before_{rank}"] = fmt(story.shown.losses[i])
        values[f"worse_after_{rank}"] = fmt(story.unpenalised_losses[i])
    return values


def caption(chapter: str, beat: str, story: Walkthrough, language: str | None = None) -> str:
    """The caption of one beat of one chapter, numbers filled in (BCE_LANG unless language is given)."""
    return _table(language or current_settings().language)[chapter][beat].format_map(placeholders(story))


@cache
def _spoken_table(language: str) -> dict[str, dict[str, str]]:
    path = _HERE / f"{language}_spoken.toml"
    if not path.exists():
        return {}
    with path.open("rb") as file:
        return tomllib.load(file)


# In a spoken line, "|" marks a word the picture waits for (StoryScene.at_mark): it is not said.
MARK = "|"


def spoken(chapter: str, beat: str, story: Walkthrough, language: str | None = None) -> str:
    """What the voice says for a beat: its words for the ear where the caption has symbols, else the caption."""
    return _marked(chapter, beat, story, language).replace(MARK, "")


def _marked(chapter: str, beat: str, story: Walkthrough, language: str | None) -> str:
    language = language or current_settings().language
    text = _spoken_table(language).get(chapter, {}).get(beat)
    text = text.format_map(placeholders(story)) if text else caption(chapter, beat, story, language)
    return _POWER_OF_TEN.sub(lambda match: _power_words(match, language), text)


def is_cjk(char: str) -> bool:
    """A Chinese character or CJK punctuation (full width)."""
    return "\u2e80" <= char <= "\uffef"


def columns(text: str) -> int:
    """Time a text takes to say, in columns: a CJK character takes two (the subtitles' timing too)."""
    return sum(2 if is_cjk(char) else 1 for char in text)


def mark_shares(chapter: str, beat: str, story: Walkthrough, language: str | None = None) -> list[float]:
    """Where each MARK falls in a beat's sentence, as a share of its speaking time: the share of
    its columns said before it, as the subtitles time a sentence's pieces."""
    widths = [columns(piece) for piece in _marked(chapter, beat, story, language).split(MARK)]
    total = sum(widths) or 1
    return [sum(widths[: i + 1]) / total for i in range(len(widths) - 1)]


# A power of ten written by bce_math.fmt_small, said as words: a voice reads superscripts badly.
_POWER_OF_TEN = re.compile("\u00d710([\u207b\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+)")
_FROM_SUPERSCRIPT = str.maketrans("\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "-0123456789")


def _power_words(match: re.Match, language: str) -> str:
    exponent = match.group(1).translate(_FROM_SUPERSCRIPT)
    if exponent.startswith("-"):
        exponent = word("minus", language) + exponent[1:]
    return word("power_of_ten", language, exponent=exponent)


def word(key: str, language: str | None = None, **values: object) -> str:
    """A word or short label drawn on a chart, in BCE_LANG unless language is given."""
    return _table(language or current_settings().language)["words"][key].format(**values)


def chapter_title(key: str, language: str | None = None) -> str:
    """A chapter's title (key: the chapter function's name), for clip lists and video chapters."""
    return _table(language or current_settings().language)["chapters"][key]


def reading_units(text: str) -> float:
    """Words to read: Latin words count one, Chinese characters one half."""
    cjk = len(_CJK.findall(text))
    return len(_CJK.sub(" ", text).split()) + cjk / 2


def reading_seconds(chapter: str, beat: str, story: Walkthrough) -> float:
    """Time to read a caption in the slowest language, so every language's video has one timeline."""
    return SECONDS_PER_WORD * max(reading_units(caption(chapter, beat, story, lang)) for lang in LANGUAGES)


def page_words(language: str | None = None) -> dict[str, str]:
    """The course page's and the lab's words, unformatted (the page fills their placeholders)."""
    return dict(_table(language or current_settings().language)["page"])
