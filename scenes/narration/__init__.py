"""On-screen captions (and later the spoken narration), one TOML file per language.

Numbers in the text are placeholders such as ``{mean_loss}``, filled from the Walkthrough
through ``fmt`` so the words stay true for any dataset.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from bce_math import Walkthrough, fmt

_HERE = Path(__file__).parent


@cache
def _table(language: str) -> dict[str, dict[str, str]]:
    with (_HERE / f"{language}.toml").open("rb") as file:
        return tomllib.load(file)


def placeholders(story: Walkthrough) -> dict[str, str]:
    """Every value a caption may quote, as on-screen text."""
    return {
        "n": str(story.n),
        "n_positive": str(story.n_positive),
        "n_negative": str(story.n_negative),
        "mean_loss": fmt(story.mean_loss),
        "memorable_probability": fmt(story.memorable_probability, 2),
        "memorable_loss": fmt(story.memorable_loss, 1),
        "entropy_q": fmt(story.entropy_q),
        "other_0": fmt(story.other[0], 2),
        "other_1": fmt(story.other[1], 2),
        "cross_entropy_other": fmt(story.cross_entropy_other),
        "mean_prob_green": fmt(story.mean_prob_green),
    }


def caption(chapter: str, beat: str, story: Walkthrough, language: str = "en") -> str:
    """The caption of one beat of one chapter, numbers filled in."""
    return _table(language)[chapter][beat].format_map(placeholders(story))
