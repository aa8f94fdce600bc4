# ruff: noqa: RUF001 (Chinese messages, with their full-width punctuation)
"""The lab's address edited in the open page, and a broken rule said in Chinese, in headless Chromium.

#points=... typed into the address of an open lab loads those points as one edit (bce_math's numbers
for them); a bad one is refused in the words of a bad link on opening, the points kept; an anchor (#lab)
leaves them; the lab's own addresses (history.replaceState) fire nothing. On the page of both languages
lang= there switches too, and a CSV's or a link's broken rule is said in Chinese on the Chinese page, in
the checker's English on the English one."""

from pathlib import Path

import pytest

from bce_math import DatasetError, fmt, load_dataset
from scenes.narration import page_words
from tests.publish.lab_pages import needs_chromium, opened
from tests.publish.test_lab_page import readout, snapshot, status, story_of, table

pytestmark = needs_chromium
EN, ZH = page_words("en"), page_words("zh")
PAIRS = [(-1.5, 0), (0.3, 1), (2.25, 0), (3, 1), (4.1, 1), (7.5, 1)]
LINK = ";".join(f"{x},{y}" for x, y in PAIRS)
COUNT = "() => { window.hashchanges = 0; addEventListener('hashchange', () => { window.hashchanges += 1; }); }"


def go(page, hash_: str) -> None:
    """The hash set as a reader edits the address (one hashchange), the lab's answer awaited (its
    listener was added before this page's counter)."""
    before = page.evaluate("window.hashchanges")
    page.evaluate("(hash) => { location.hash = hash; }", hash_)
    page.wait_for_function("(n) => window.hashchanges > n", arg=before)


def numbers(page) -> tuple:
    """The points and their numbers, whatever the language of the class column, and the readout."""
    return [[row[0], *row[2:]] for row in table(page)], readout(page)


def language(page) -> str:
    return page.evaluate("document.documentElement.lang")


def test_points_edited_into_the_address_of_the_open_lab_are_one_edit(browser, lab):
    with opened(browser, lab) as page:
        course = snapshot(page)
        page.evaluate(COUNT)
        go(page, "#points=" + LINK)
        story = story_of(PAIRS)
        assert [float(row[0]) for row in table(page)] == [x for x, _ in PAIRS]
        assert readout(page) == fmt(story.mean_loss)
        assert [row[4] for row in table(page)] == [fmt(loss) for loss in story.shown.losses]
        assert status(page) == EN["link_loaded"].format(n=6, bce=fmt(story.mean_loss))
        linked = snapshot(page)
        go(page, "#lang=en&points=" + LINK)  # the same points beside another pair: no edit
        assert snapshot(page) == linked
        # An edit writes the address itself (replaceState): no hashchange, so nothing loads twice.
        page.locator("g.point").nth(0).focus()
        page.keyboard.press("Delete")
        assert page.evaluate("location.hash") == "#lang=en&points=" + LINK.split(";", 1)[1]
        page.locator("button.undo").click()  # the removal
        assert snapshot(page) == linked
        page.locator("button.undo").click()  # the link, in one step
        assert snapshot(page) == course
        assert status(page) == EN["undone"].format(edit=EN["edit_link"], bce=course[1])
        assert page.evaluate("location.hash") == "#lang=en"  # the course's points: none in the address
        page.locator("button.undo").click()
        assert status(page) == EN["nothing_to_undo"]
        assert page.evaluate("window.hashchanges") == 2


@pytest.mark.parametrize(
    "value, said",
    [
        ("1,0;2,7", "point 2: y must be 0 or 1, got '7'"),
        ("1,1;2,1", "both classes needed, every y is 1 (add a point with y=0)"),
        ("", "need at least 2 points, found 0"),
    ],
)
def test_a_bad_address_says_why_as_on_opening_and_keeps_the_points(browser, lab, value, said):
    with opened(browser, lab) as page:
        page.evaluate(COUNT)
        go(page, "#points=" + LINK)
        before = snapshot(page)
        go(page, "#points=" + value)
        # The words of a bad link on opening (test_lab_page), the points as they were.
        assert status(page) == f"The link's points could not be used ({said}), so the points are as they were."
        assert snapshot(page) == before
        assert page.evaluate("location.hash") == "#points=" + LINK  # the address says what is on screen
        go(page, "#lab")  # an anchor: no points asked, the points stay
        assert snapshot(page) == before
        page.locator("button.undo").click()  # only the link was an edit
        assert len(table(page)) == 10 and page.evaluate("window.hashchanges") == 3


# A broken rule of each kind in a CSV, and what the Chinese page says of it.
CHINESE = {
    "missing header": (b"1,0\n2,1\n", "bad.csv 第 1 行：表头必须是 'x,y'，读到的是 '1,0'"),
    "no header": (b"# nothing\n", "bad.csv 第 1 行：没有表头：第一行必须是 'x,y'"),
    "three values": (b"x,y\n1,0,1\n", "bad.csv 第 2 行：应有 2 个值 'x,y'，读到的是 3 个"),
    "bad number": (b"x,y\n1,0\nabc,1\n", "bad.csv 第 3 行：x 必须是数字，读到的是 'abc'"),
    "not finite": (b"x,y\nnan,0\n2,1\n", "bad.csv 第 2 行：x 必须是有限的数，读到的是 'nan'"),
    "x too large": (b"x,y\n1,0\n-3e15,1\n", "bad.csv 第 3 行：x 必须在 -1e15 到 1e15 之间，读到的是 '-3e15'"),
    "label not 0/1": (b"x,y\n1,0\n2,2\n", "bad.csv 第 3 行：y 必须是 0 或 1，读到的是 '2'"),
    "one class only": (
        b"x,y\n1,1\n2,1\n3,1\n",
        "bad.csv 第 4 行：两个类别都要有点，但每个 y 都是 1（请添加一个 y=0 的点）",
    ),
    "too few": (b"x,y\n1,0\n", "bad.csv 第 2 行：至少需要 2 个点，只有 1 个"),
    "too many": (
        ("x,y\n" + "".join(f"{i},{i % 2}\n" for i in range(41))).encode(),
        "bad.csv 第 42 行：点太多了：最多 40 个，视频才看得清",
    ),
    "not UTF-8": (b"x,y\n1,0\n2,\xff\n", "bad.csv 第 3 行：不是 UTF-8 文本（请把文件另存为 UTF-8 编码）"),
}


def load(page, path: Path, expected: str) -> None:
    page.locator("input.load-file").set_input_files(str(path))
    page.wait_for_function("text => document.querySelector('.lab-status').textContent === text", arg=expected)


def test_a_bad_csv_is_said_in_chinese_on_the_chinese_page_and_in_the_checkers_words_in_english(
    browser, bilingual_lab, tmp_path
):
    with opened(browser, bilingual_lab) as page:
        course = numbers(page)
        page.locator("[data-switch=zh]").click()
        assert language(page) == "zh"
        for name, (content, chinese) in CHINESE.items():
            path = tmp_path / "bad.csv"
            path.write_bytes(content)
            with pytest.raises(DatasetError) as python:
                load_dataset(path)
            assert f" 第 {python.value.line} 行：" in chinese, name  # the checker's line
            load(page, path, ZH["load_bad"].replace("{error}", chinese))
            assert numbers(page) == course, name
            # Switched back, the same message in English: byte for byte the checker's.
            page.locator("[data-switch=en]").click()
            assert status(page) == EN["load_bad"].replace("{error}", str(python.value).replace(str(path), "bad.csv"))
            page.locator("[data-switch=zh]").click()


def test_on_the_page_of_both_languages_the_address_gives_the_language_and_the_points(browser, bilingual_lab):
    with opened(browser, bilingual_lab) as page:
        course = numbers(page)
        page.evaluate(COUNT)
        go(page, "#lang=zh&points=1,0;2,7")
        assert language(page) == "zh"
        bad = ZH["link_point"].format(line=2, error="y 必须是 0 或 1，读到的是 '7'")
        assert status(page) == ZH["link_bad_kept"].format(error=bad)
        assert numbers(page) == course and page.evaluate("location.hash") == "#lang=zh"
        go(page, "#lang=zh&points=" + LINK)
        story = story_of(PAIRS)
        assert readout(page) == fmt(story.mean_loss)
        assert status(page) == ZH["link_loaded"].format(n=6, bce=fmt(story.mean_loss))
        go(page, "#lang=en&points=" + LINK)  # the language only: the same points, no edit
        assert language(page) == "en"
        assert status(page) == EN["link_loaded"].format(n=6, bce=fmt(story.mean_loss))
        page.locator("button.undo").click()
        assert numbers(page) == course and page.evaluate("location.hash") == "#lang=en"
        assert page.evaluate("window.hashchanges") == 3
    # A bad link opened on the Chinese page: why, in Chinese.
    context = browser.new_context()
    shared = context.new_page()
    shared.goto(bilingual_lab.as_uri() + "#lang=zh&points=1,0;abc,1")
    shared.wait_for_function("document.documentElement.lang === 'zh'")
    bad = ZH["link_point"].format(line=2, error="x 必须是数字，读到的是 'abc'")
    assert status(shared) == ZH["link_bad"].format(error=bad, n=10)
    context.close()
