"""The story's notation: one symbol per meaning, each defined by the voice where it first appears.

The table is the one the README shows. Tests (tests/narration/test_notation.py) read every formula,
caption and label of the built story, check that each symbol in them is one of these, and that
none is on screen before the chapter whose speech defines it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Symbol:
    """A symbol: as written, what it holds, the chapter whose English speech defines it (with the
    words that do), and how it is found in a formula's TeX and in plain text (captions, labels)."""

    written: str
    meaning: str
    chapter: str
    said: str
    tex: str = ""
    text: str = ""


# Read in this order: a compound form (H_p(q), q(y)) is taken whole before the letters in it.
SYMBOLS: tuple[Symbol, ...] = (
    Symbol(
        "P(green)",
        "the model's probability that a point is green",
        "labels",
        "P of green",
        r"P\(\\text\{green\}\)",
        r"P\(green\)",
    ),
    Symbol(
        "P(true)",
        "the probability the model gives a point's true class: each bar from the reposition chapter on",
        "reposition",
        "P of true",
        r"P\(\\text\{true\}\)",
        r"P\(true( class)?\)",
    ),
    Symbol(
        "Hp(q)",
        "the cross-entropy of q under the model p (the model as a subscript, as the article writes it)",
        "cross_entropy",
        "cross-entropy of q under the model",
        r"H_\{\\mathbf\{p\}(_i)?\}\(q(_i)?\)",
    ),
    Symbol(
        "D_KL(q‖p)",
        "the KL divergence of p from q: Hp(q) \u2212 H(q)",
        "kl_divergence",
        "KL divergence",
        r"D_\{\\mathrm\{KL\}\}\(q(_i)?\\,\\\|\\,\\mathbf\{p\}(_i)?\)",
        r"\bKL\b",
    ),
    Symbol("H(q)", "the entropy of q", "entropy", "H of q", r"H\(q(_i)?\)", r"H\(q\)"),
    Symbol("H(s)", "the entropy of a share s of green", "entropy", "Entropy, H", "", r"H\(s\)|\bH\b"),
    Symbol(
        "q(y)",
        "the data's distribution: the share of the points in class y",
        "distribution",
        "call it q",
        r"q\(y(\{=\}\d)?\)",
        r"\bq\(y\)",
    ),
    Symbol(
        "p_i (bold)",
        "the model's distribution for point i, red then green: (1 \u2212 p_i, p_i)",
        "back_to_loss",
        "bold p i",
        r"\\mathbf\{p\}_i",
    ),
    Symbol(
        "p",
        "a model's distribution over the two classes, red then green (bold in formulas): (1 \u2212 c, c) when flat",
        "cross_entropy",
        "bold p",
        r"\\mathbf\{p\}",
        r"\bp\b",
    ),
    Symbol(
        "q_i",
        "point i's truth as a distribution, red then green: (1 \u2212 y_i, y_i)",
        "back_to_loss",
        "q i puts all its weight",
        r"q_i",
    ),
    Symbol("p_i", "the model's P(green) for point i", "back_to_loss", "p i, its probability of green", r"p_i"),
    Symbol("q", "the data's distribution q(y), as a whole", "distribution", "call it q", r"q", r"\bq\b"),
    Symbol(
        "\u03c3(z)",
        "the sigmoid, 1 / (1 + e^\u2212z): any number to a probability",
        "sigmoid_fit",
        "sigma",
        r"\\sigma",
        "\u03c3",
    ),
    Symbol("ln", "the natural logarithm", "log_curve", "natural logarithm", r"\\ln", r"\bln\b"),
    Symbol("BCE", "binary cross-entropy, the mean log loss", "average", "binary cross-entropy", r"\\mathrm\{BCE\}"),
    Symbol("i", "a point's number, 1 to N", "back_to_loss", "point i", r"_i|_\{i=1\}", r"\bi\b"),
    Symbol("x", "a point's position on the line: the one feature", "feature", "feature", r"x", r"\bx\b"),
    Symbol("y", "a point's class: 1 green, 0 red", "labels", "y equals 1", r"y", r"\by\b"),
    Symbol("w", "the sigmoid's slope", "sigmoid_fit", "w sets how steep", r"w", r"\bw\b|w²"),
    Symbol("b", "the sigmoid's shift along x", "sigmoid_fit", "b shifts it", r"b", r"\bb\b"),
    Symbol("s", "a share of green: where the entropy curve is read", "entropy", "share of green s", "", r"\bs\b"),
    Symbol("c", "a flat model's P(green), the same at every x", "entropy", "which we call c", r"c", r"\bc\b"),
    Symbol("N", "the number of points", "back_to_loss", "N, the number of points", r"N", r"\bN\b"),
    Symbol("L", "the likelihood: the product of every point's P(true)", "likelihood", "written L", "", r"\bL\b"),
)

# In a formula: what is not a symbol (layout commands, words in \text, numbers, signs).
_TEX_NOISE = re.compile(r"\\(text|mathrm)\{[^}]*\}|\\[A-Za-z]+|\\.|\d+(\.\d+)?|[{}()\[\]_^=+\-,.;:<>|&/!\\]|\s")
# In a caption or label: what stands alone as a word and is not a symbol (an article, a shape's
# name, the s of a possessive).
_WORDS = re.compile(r"\b(a|A|I|U)\b|['\u2019]s\b")


def symbols_in_tex(tex: str) -> tuple[list[str], str]:
    """The symbols a formula writes, and whatever is left that no symbol claims ("" if none):
    compound forms first, then, once commands and words are gone, the lone letters."""
    found = []

    def take(symbols) -> None:
        nonlocal tex
        for symbol in symbols:
            pattern = re.compile(symbol.tex)
            if pattern.search(tex):
                found.append(symbol.written)
                tex = pattern.sub(" ", tex)

    take(s for s in SYMBOLS if len(s.tex) > 1)
    tex = _TEX_NOISE.sub(" ", tex)
    take(s for s in SYMBOLS if len(s.tex) == 1)
    return found, re.sub(r"\s+", "", tex)


def symbols_in_text(text: str) -> list[str]:
    """The symbols a caption or label writes (a lone letter that is a word, like "a", is not one)."""
    text = _WORDS.sub(" ", text)
    found = []
    for symbol in (s for s in SYMBOLS if s.text):
        pattern = re.compile(symbol.text)
        if pattern.search(text):
            found.append(symbol.written)
            text = pattern.sub(" ", text)
    return found


def unknown_in_text(text: str) -> list[str]:
    """Lone letters, or a letter applied to something, that no symbol claims."""
    text = _WORDS.sub(" ", text)
    for symbol in (s for s in SYMBOLS if s.text):
        text = re.sub(symbol.text, " ", text)
    return re.findall(r"\b[A-Za-z]\b(?:\([^)]*\))?", text)
