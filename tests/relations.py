"""Every relation the story states between numbers, found on screen and in the narration, and how a
student redoes each with the digits shown (the rule of bce_math/shown.py).

The finder is deliberately wider than the checks: any `=`, `≈`, `<`, `>`, `≤` or `≥` with a number
beside it in a formula, and any caption that quotes a value computed from other values, is a
relation. A relation that no entry below claims is reported as unchecked, so a new one added to a
scene or a caption fails until it gets a check here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from tests.oracle import Oracle, tiny

DECIMAL = r"\d+\.\d+"
FRACTION = r"\\t?frac\{\d+\}\{\d+\}"
TERM_NUMBER = rf"(\\tfrac\{{\d+\}}\{{\d+\}}|{DECIMAL})"
# A relation sign at the top level of a formula; `y{=}1` inside braces is a name, not a relation.
SIGN = re.compile(r"(?<!\{)=(?!\})|\\approx|\\ge|\\le|>|<")


@dataclass(frozen=True)
class Found:
    """One relation stated on screen: its kind, its text, and what is wrong with it ("" if it holds)."""

    kind: str
    text: str
    problem: str


def f4(value: float) -> str:
    return f"{value:.4f}"


def _read(number: str) -> float:
    fraction = re.fullmatch(r"\\tfrac\{(\d+)\}\{(\d+)\}", number)
    return int(fraction[1]) / int(fraction[2]) if fraction else float(number)


def _to_digits(value: float, like: str) -> str:
    return f"{value:.{len(like.split('.')[1])}f}"


def _share(oracle: Oracle, m: re.Match) -> str:
    label, count, n, value = int(m[1]), int(m[2]), int(m[3]), m[4]
    if (count, n) != (int((oracle.y == label).sum()), len(oracle.y)):
        return f"q({label}) = {count}/{n}, but the data has {int((oracle.y == label).sum())} of {len(oracle.y)}"
    return "" if _to_digits(count / n, value) == value else f"{count}/{n} is not {value}"


def _entropy_sum(oracle: Oracle, m: re.Match) -> str:
    """-[q0 ln p0 + q1 ln p1] = v: the value from the digits written; q the data's shares."""
    name, q0, p0, q1, p1, value, sign, right = m.groups()
    shares = (_read(q0), _read(q1))
    if not np.allclose(shares, oracle.q):
        return f"the shares {shares} are not the data's {tuple(oracle.q)}"
    computed = -(shares[0] * math.log(_read(p0)) + shares[1] * math.log(_read(p1)))
    if _to_digits(computed, value) != value:
        return f"-({q0} ln {p0} + {q1} ln {p1}) is {computed:.6f}, not {value}"
    if name == "H(q)" and value != f4(oracle.entropy_q):
        return f"H(q) is {f4(oracle.entropy_q)}, not {value}"
    if sign and not (float(value) > float(right) if sign == ">" else float(value) < float(right)):
        return f"{value} {sign} {right} is false"
    if right and right != f4(oracle.entropy_q):
        return f"H(q) is {f4(oracle.entropy_q)}, not {right}"
    return ""


def _fold(oracle: Oracle, m: re.Match) -> str:
    """1/N [green + red] = mean: the shown sums, and "=" only where their mean rounds to the shown one."""
    count, green, red, sign, mean = m.groups()
    if (count, green, red) != (str(len(oracle.y)), oracle.shown_green, oracle.shown_red):
        return f"the sums read {green}, {red}; the shown losses add to {oracle.shown_green}, {oracle.shown_red}"
    if mean != f4(oracle.mean_loss):
        return f"the mean is {f4(oracle.mean_loss)}, not {mean}"
    exact = f4(float(Decimal(green) + Decimal(red)) / int(count)) == mean
    return "" if (sign == "=") == exact else f"1/{count} [{green} + {red}] {sign} {mean}: the sign is wrong"


def _formula_value(oracle: Oracle, m: re.Match) -> str:
    return "" if m[1] == f4(oracle.mean_loss) else f"BCE is {f4(oracle.mean_loss)}, not {m[1]}"


def _one_point(oracle: Oracle, m: re.Match) -> str:
    """q_i = (1 - y, y), p_i = (1 - p_i, p_i) = (a, b): b a point's P(green) as shown, a + b = 1
    exactly, and that point's class is the one q_i keeps."""
    red_share, green_share, red, green = m.groups()
    points = [i for i, v in enumerate(oracle.prob_green) if f4(v) == green]
    if not points or Decimal(red) + Decimal(green) != 1:
        return f"({red}, {green}) is not (1 - p, p) of a point's p as shown"
    if (red_share, green_share) not in {(str(1 - oracle.y[i]), str(oracle.y[i])) for i in points}:
        return f"q_i = ({red_share}, {green_share}) is not the truth of the point with p = {green}"
    return ""


def _one_loss(oracle: Oracle, m: re.Match) -> str:
    """H_p_i(q_i) = -ln t = loss: t a point's P(true) as shown, loss its loss bar's value."""
    true_class, loss = m.groups()
    if true_class not in {f4(v) for v in oracle.prob_true}:
        return f"{true_class} is no point's P(true) as shown"
    if _to_digits(-math.log(float(true_class)), loss) != loss or loss not in set(oracle.shown_losses):
        return f"-ln {true_class} is not {loss}"
    return ""


def _comparison(oracle: Oracle, m: re.Match) -> str:
    a, sign, b = m.groups()
    holds = {">": float(a) > float(b), "<": float(a) < float(b), r"\le": float(a) <= float(b)}
    return "" if holds.get(sign, float(a) >= float(b)) else f"{a} {sign} {b} is false"


# kind -> (pattern, check): the relations the formulas may state, and how each is redone.
FORMULA_RELATIONS: dict[str, tuple[re.Pattern, Callable[[Oracle, re.Match], str]]] = {
    "a share is a count over n": (
        re.compile(rf"q\(y\{{=\}}(\d)\)\s*=\s*\\frac\{{(\d+)\}}\{{(\d+)\}}\s*=\s*({DECIMAL})"),
        _share,
    ),
    "an entropy or cross-entropy from the digits written": (
        re.compile(
            rf"(H\(q\)|H_{{\\mathbf{{p}}}}\(q\))\s*=\s*-\s*\\big\[\s*{TERM_NUMBER}\\ln {TERM_NUMBER}\s*\+\s*"
            rf"{TERM_NUMBER}\\ln {TERM_NUMBER}\s*\\big\]\s*=\s*({DECIMAL})(?:\s*([<>])\s*H\(q\)\s*=\s*({DECIMAL}))?"
        ),
        _entropy_sum,
    ),
    "the mean of the two class sums": (
        re.compile(
            rf"\\frac\{{1\}}\{{(\d+)\}}\\big\[\s*({DECIMAL})\s*\+\s*({DECIMAL})\s*\\big\]\s*(=|\\approx)\s*({DECIMAL})"
        ),
        _fold,
    ),
    "the formula's value is the mean loss": (re.compile(rf"\\Big\]\s*=\s*({DECIMAL})"), _formula_value),
    "one point: its truth and the model's two probabilities": (
        re.compile(
            rf"q_i = \(1 - y_i,\\, y_i\) = \((\d),\\,(\d)\).*?\(1 - p_i,\\, p_i\)\s*=\s*\(({DECIMAL}),\\,({DECIMAL})\)"
        ),
        _one_point,
    ),
    "one point: -ln of its true class's probability": (
        re.compile(rf"H_{{\\mathbf{{p}}_i}}\(q_i\)\s*=\s*-\\ln\s*({DECIMAL})\s*=\s*({DECIMAL})"),
        _one_loss,
    ),
    "a comparison of two numbers": (
        re.compile(rf"({DECIMAL})\s*(>|<|\\le|\\ge)\s*(?:[A-Za-z_(){{}}]+\s*=\s*)?({DECIMAL})"),
        _comparison,
    ),
}


def stated_signs(tex: str) -> list[int]:
    """Where a formula states a relation with a number on either side of it."""
    signs = list(SIGN.finditer(tex))
    bounds = [0, *(s.start() for s in signs), len(tex)]
    found = []
    for index, sign in enumerate(signs):
        left, right = tex[bounds[index] : sign.start()], tex[sign.end() : bounds[index + 2]]
        if re.search(rf"{DECIMAL}|{FRACTION}", left + right):
            found.append(sign.start())
    return found


def formula_relations(tex: str, oracle: Oracle) -> list[Found]:
    """Every relation a formula states: checked if a kind above claims it, reported unchecked if not."""
    found, claimed = [], set()
    for kind, (pattern, check) in FORMULA_RELATIONS.items():
        for m in pattern.finditer(tex):
            found.append(Found(kind, m[0], check(oracle, m)))
            claimed |= set(range(*m.span()))
    for position in stated_signs(tex):
        if position not in claimed:
            found.append(Found("unchecked", tex[max(0, position - 30) : position + 30], "no check claims it"))
    return found


# Caption placeholders: each value quoted that is computed from other values on screen, and how a
# student redoes it from them (the placeholder values are the strings shown).
def _minus_ln(probability: str, loss: str) -> str:
    return "" if _to_digits(-math.log(float(probability)), loss) == loss else f"-ln {probability} is not {loss}"


def _difference(values: dict, result: str, a: str, b: str) -> str:
    exact = f"{Decimal(values[a]) - Decimal(values[b]):.4f}"
    return "" if values[result] == exact else f"{values[a]} - {values[b]} is {exact}, not {values[result]}"


def _class_sum(values: dict, oracle: Oracle, key: str, label: int | None) -> str:
    bars = oracle.shown_losses if label is None else oracle.shown_losses[oracle.y == label]
    total = f"{sum((Decimal(b) for b in bars), Decimal(0)):.4f}"
    return "" if values[key] == total else f"the shown losses add to {total}, not {values[key]}"


def _likelihood(values: dict, oracle: Oracle) -> str:
    written = tiny(float(oracle.shown_partials[-1]), oracle.likelihood_decimals)
    if values["likelihood"] != written:
        return f"the product of the bars as shown is {written}, not {values['likelihood']}"
    return ""


def _mean(values: dict, oracle: Oracle) -> str:
    # A quotient: the exact mean rounded, within a unit of the shown total over n.
    from_total = float(Decimal(values["neg_log_likelihood"]) / len(oracle.y))
    if values["mean_loss"] != f4(oracle.mean_loss) or abs(from_total - float(values["mean_loss"])) > 1e-4:
        return f"the mean loss {values['mean_loss']} is not the shown total over n"
    return ""


def _total(values: dict, oracle: Oracle) -> str:
    parts = Decimal(values["positive_loss_sum"]) + Decimal(values["negative_loss_sum"])
    if parts != Decimal(values["neg_log_likelihood"]):
        return "the green and red sums do not add to the total"
    return _class_sum(values, oracle, "neg_log_likelihood", None)


CAPTION_RELATIONS: dict[str, tuple[str, Callable[[dict, Oracle], str]]] = {
    "worst_loss": (
        "-ln of the worst P(true) as shown",
        lambda v, o: _minus_ln(v["worst_probability"], v["worst_loss"]),
    ),
    "memorable_loss": (
        "-ln of the confident mistake's P(true)",
        lambda v, o: _minus_ln(v["memorable_probability"], v["memorable_loss"]),
    ),
    "flat_even_loss": ("ln 2, a coin flip's loss", lambda v, o: _minus_ln("0.5", v["flat_even_loss"])),
    "kl_other": (
        "KL = cross-entropy - H(q), as shown",
        lambda v, o: _difference(v, "kl_other", "cross_entropy_other", "entropy_q"),
    ),
    "gain_from_x": (
        "what x saves = H(q) - the fit's loss, as shown",
        lambda v, o: _difference(v, "gain_from_x", "entropy_q", "mean_loss"),
    ),
    "positive_loss_sum": ("the green loss bars as shown, added", lambda v, o: _class_sum(v, o, "positive_loss_sum", 1)),
    "negative_loss_sum": ("the red loss bars as shown, added", lambda v, o: _class_sum(v, o, "negative_loss_sum", 0)),
    "neg_log_likelihood": ("all loss bars as shown, added: green + red", _total),
    "likelihood": ("the probability bars as shown, multiplied", _likelihood),
    "mean_loss": ("the mean: the exact mean rounded, within a unit of the shown total over n", _mean),
}
# Values quoted as they are: counts, the data's shares, a model's parameters and losses read off.
PLAIN_VALUES = {
    "n", "n_positive", "n_negative", "worst_probability", "memorable_probability", "entropy_q", "other_0", "other_1",
    "cross_entropy_other", "class_rate", "flat_start", "mean_prob_green", "unpenalised_loss", "w", "unpenalised_w",
    "penalty_divisor", "worse_before_0", "worse_after_0", "worse_before_1", "worse_after_1",
}  # fmt: skip
# A plain value quoted after "=", "≈", "costs" or "saves" in a clause that also holds a number is
# stated as the result of that number: it needs a kind above.
CLAUSE_END = ",:;\u3002\uff0c\uff1a\uff1b"  # and the Chinese full stop, comma, colon and semicolon
RESULT_OF_NUMBER = re.compile(rf"([^{CLAUSE_END}]*?\d[^{CLAUSE_END}{{]*?)(?:=|≈|costs|saves)\s*\{{(\w+)\}}")


def caption_relations(templates: list[str], values: dict, oracle: Oracle) -> list[Found]:
    """Every relation the captions and the narration state, checked; a new value, or a plain value
    stated as the result of a number, is reported unchecked."""
    found = []
    for template in templates:
        for key in re.findall(r"\{(\w+)\}", template):
            if key in CAPTION_RELATIONS:
                kind, check = CAPTION_RELATIONS[key]
                found.append(Found(kind, template, check(values, oracle)))
            elif key not in PLAIN_VALUES and key in values:
                found.append(Found("unchecked", template, f"{{{key}}} is neither a plain value nor a checked relation"))
        for _, key in RESULT_OF_NUMBER.findall(template):
            if key in PLAIN_VALUES:
                found.append(Found("unchecked", template, f"{{{key}}} is stated as a result but has no check"))
    return found
