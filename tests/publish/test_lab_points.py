"""The lab's points.js (run in Node) against bce_math.load_dataset: a CSV the lab loads is one
`python -m bce_math check` accepts, with the same points; one it refuses, it refuses on the same line
with the same words. And the page's address: points=x,y;x,y;... beside the course page's lang=."""

import base64
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bce_math import DatasetError, load_dataset
from scenes.narration import page_words
from tests.publish.lab_pages import ROOT, NodeBridge

BRIDGE = Path(__file__).with_name("points_bridge.js")
POINTS_JS = ROOT / "scenes" / "publish" / "web" / "lab" / "points.js"
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js runs the lab's script")
NAME = "points.csv"


@pytest.fixture(scope="module")
def node():
    bridge = NodeBridge(BRIDGE)
    yield bridge
    bridge.close()


def python_reads(folder: Path, content: bytes) -> dict:
    """What load_dataset makes of content saved as points.csv: the points, or the error's line and problem."""
    path = folder / NAME
    path.write_bytes(content)
    try:
        data = load_dataset(path)
    except DatasetError as error:
        return {"error": f"{NAME}:{error.line}: {error.problem}", "line": error.line, "problem": error.problem}
    return {"points": [[float(x), int(y)] for x, y in zip(data.x, data.y, strict=True)]}


def lab_reads(node, content: bytes) -> dict:
    return node.ask(op="csv", bytes=base64.b64encode(content).decode("ascii"), name=NAME)


TOO_MANY = "x,y\n" + "".join(f"{i},{i % 2}\n" for i in range(41))
FILES = {
    "good": "x,y\n-2.2,0\n0.2,1\n1.5,0\n",
    "good with comments, blanks, spaces, CRLF": "# my points\r\n\r\n X , Y \r\n 1 , 0 # left\r\n2,1\r\n",
    "good at the limits": "x,y\n-1e15,0\n1E15,1\n.5,1\n+3.,0\n",
    "missing header": "1,0\n2,1\n",
    "header of three": "x,y,z\n1,0\n",
    "empty": "",
    "only comments": "# nothing\n\n",
    "bad number": "x,y\n1,0\nabc,1\n",
    "underscore number": "x,y\n1_000,0\n2,1\n",
    "arabic digits": "x,y\n\u0663,0\n2,1\n",
    "not finite": "x,y\nnan,0\n2,1\n",
    "infinity": "x,y\n-Infinity,0\n2,1\n",
    "label not 0/1": "x,y\n1,2\n2,0\n",
    "label 1.0": "x,y\n1,1.0\n2,0\n",
    "one class only": "x,y\n1,1\n2,1\n3,1\n",
    "too few": "x,y\n1,1\n",
    "no points": "x,y\n",
    "too many": TOO_MANY,
    "x too large": "x,y\n1,0\n2e15,1\n",
    "x overflows": "x,y\n1,0\n1e999,1\n",
    "three values": "x,y\n1,0,1\n",
    "quote in repr": "x,y\nit's,0\n",
    "both quotes in repr": 'x,y\n"it\'s",0\n',
    "control character": "x,y\n1\x0b2,0\n",
    "unicode space strip": "x,y\n\u20031\u3000,0\n2,1\n",
    "form feed break": "x,y\n1,0\x0c\n2,1\n",
    "line separator": "x,y\n1,0\u2028\n2,1\n",
    "old Mac line ends": "x,y\r1,0\r2,x\r",
}
BYTES = {
    "BOM": b"\xef\xbb\xbfx,y\n1,0\n2,1\n",
    "not UTF-8 on line 3": b"x,y\n1,0\n2,\xff\n",
    "truncated UTF-8 at the end": b"x,y\r\n1,0\r\n2,1\xe2\x82",
    "surrogate bytes": b"x,y\n\xed\xa0\x80,0\n",
    "overlong": b"x,y\n\xc0\xaf,0\n",
    "BOM then bad byte": b"\xef\xbb\xbfx,y\n\x80,1\n",
}
CASES = {name: text.encode("utf-8") for name, text in FILES.items()} | BYTES


@pytest.mark.parametrize("name", CASES)
def test_a_csv_reads_as_bce_math_check_reads_it(node, tmp_path, name):
    expected = python_reads(tmp_path, CASES[name])
    assert lab_reads(node, CASES[name]) == expected


# Files near the rules: short lines of the characters the rules turn on.
cells = st.sampled_from(["x", "X", "y", "1", "0", "-2.5", ".5", "1e3", "1e16", "nan", "a", " ", "", "'", '"', "\t"])
lines = st.lists(cells, min_size=0, max_size=4).map(",".join)
endings = st.sampled_from(["\n", "\r\n", "\r", "\x0c", "\u2028", " # note\n"])
files = st.lists(st.tuples(lines, endings), max_size=8).map(lambda rows: "".join(a + b for a, b in rows))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=files)
@example(text="x,y\n1,0\n2,1")
def test_any_near_miss_reads_the_same(node, tmp_path, text):
    content = text.encode("utf-8")
    assert lab_reads(node, content) == python_reads(tmp_path, content)


def test_the_address_holds_points_and_keeps_the_language(node):
    points = [[-2.2, 0], [0.35, 1], [1e-7, 1], [12345.5, 0]]
    value = node.ask(op="toAddress", points=points)
    assert value == "-2.2,0;0.35,1;1e-7,1;12345.5,0"
    assert node.ask(op="address", value=value) == {"points": points}
    hash_ = node.ask(op="withPair", hash="#lang=zh", key="points", value=value)
    assert hash_ == "#lang=zh&points=" + value
    assert node.ask(op="hashPairs", hash=hash_) == [["lang", "zh"], ["points", value]]
    assert node.ask(op="withPair", hash=hash_, key="points", value=None) == "#lang=zh"
    # The language switch (languages.js) keeps the points.
    assert node.ask(op="withLanguage", hash=hash_, language="en") == "#lang=en&points=" + value
    assert node.ask(op="withLanguage", hash="", language="zh") == "#lang=zh"
    # A bad address says which point and which rule, in the checker's words.
    assert node.ask(op="address", value="1,0;2,7")["error"] == "link:2: y must be 0 or 1, got '7'"
    assert node.ask(op="address", value="1,0;2")["error"] == "link:2: expected 2 values 'x,y', got 1"
    one_class = "link:0: both classes needed, every y is 1 (add a point with y=0)"
    assert node.ask(op="address", value="1,1;2,1")["error"] == one_class
    assert node.ask(op="address", value="")["error"] == "link:0: need at least 2 points, found 0"


def test_quoting_is_pythons_repr(node):
    values = ["a", "it's", '"it\'s"', 'say "hi"', "back\\slash", "\x00\x7f\x85\xa0", "\u2028\ufeff", "é中"]
    values += ["\U0001f600", "\U000e0001"]
    assert node.ask(op="repr", values=values) == [repr(value) for value in values]


def test_every_rule_has_the_checkers_words_in_english_and_its_own_in_chinese():
    """The lab says a broken rule in the page's words (check_<rule>): in English exactly points.js's
    (the checker's, above); in Chinese with the same placeholders and no English rule text."""
    script = f"console.log(JSON.stringify(require({json.dumps(str(POINTS_JS))}).RULES))"
    rules = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    assert len(rules) == 11
    en, zh = page_words("en"), page_words("zh")
    assert {key: en[f"check_{key}"] for key in rules} == rules
    for key, words in rules.items():
        chinese = zh[f"check_{key}"]
        assert set(re.findall(r"\{\w+\}", chinese)) == set(re.findall(r"\{\w+\}", words)), key
        text = re.sub(r"\{\w+\}", "", chinese)
        assert re.search(r"[\u4e00-\u9fff]", text) and not re.search(r"must|need|got|found|UTF-8 text", text), key
    for key in ("csv_where", "link_point", "link_bad", "link_bad_kept", "load_bad"):
        assert set(re.findall(r"\{\w+\}", zh[key])) == set(re.findall(r"\{\w+\}", en[key])), key
    assert en["csv_where"] == "{file}:{line}: {error}"  # the checker's "name:line: problem"
