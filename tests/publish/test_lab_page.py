"""The lab in headless Chromium, as a reader uses it: drag a point, move one with the keyboard, flip a
class, download the points; the page's numbers are bce_math's and scikit-learn's for those points."""

import itertools
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import log_loss

from bce_math import DatasetError, default_dataset, fmt, load_dataset, walkthrough
from tests.oracle import converged_sklearn
from tests.publish.lab_pages import needs_chromium, opened

ROOT = Path(__file__).resolve().parents[2]
pytestmark = needs_chromium


@pytest.fixture
def page(browser, lab):
    with opened(browser, lab, accept_downloads=True) as page:
        yield page


def readout(page) -> str:
    return page.locator(".bce-value").inner_text()


def table(page) -> list[list[str]]:
    return [row.split("\t") for row in page.locator("table.lab-points tbody tr").all_inner_texts()]


def point(page, index: int):
    """The marker of the table's row index (the chart keeps its markers in x order, the table its rows in
    the order they came): the slider of its class at its x."""
    x, kind = table(page)[index][:2]
    return page.locator(f'g.point.{"green" if kind.startswith("green") else "red"}[aria-valuenow="{x}"]')


def test_the_lab_opens_on_the_storys_points_and_numbers(page):
    story = walkthrough(default_dataset())
    assert readout(page) == fmt(story.mean_loss)
    rows = table(page)
    assert [row[3] for row in rows] == [fmt(p) for p in story.prob_true_class]
    assert [row[4] for row in rows] == [fmt(loss) for loss in story.shown.losses]  # as the video shows them
    assert page.locator(".fit-value").inner_text() == f"w = {fmt(story.w)}, b = {fmt(story.b)}"
    # A point's name says which point and its class, its value its x and its numbers.
    assert point(page, 3).get_attribute("aria-label") == "point 4 of 10: red, y = 0"
    p_true, loss = fmt(story.prob_true_class[3]), fmt(story.shown.losses[3])
    assert point(page, 3).get_attribute("aria-valuetext") == f"x = 0.2, P(true class) {p_true}, loss {loss}"
    assert point(page, 3).get_attribute("tabindex") == "0"
    bce = page.locator(".bce-value")
    assert bce.get_attribute("aria-live") is None and bce.get_attribute("role") is None  # the message line speaks
    assert page.locator(".bce").inner_text() == f"Binary cross-entropy, the mean loss: {fmt(story.mean_loss)}"
    # Which fit, in words, beside its numbers.
    assert (
        "LogisticRegression with its default penalty (C = 1), solved to convergence"
        in page.locator(".readouts").inner_text()
    )


def test_drag_keys_and_flip_then_the_downloaded_points_give_the_readout(page, tmp_path):
    before = readout(page)
    # Drag the worst guess (red, x = 0.2) to the right with the mouse.
    box = point(page, 3).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(box["x"] + box["width"] / 2 + 20 * step, box["y"] + box["height"] / 2)
    page.mouse.up()
    assert readout(page) != before
    dragged = float(table(page)[3][0])
    assert dragged > 1.0
    # Move the first point with the keyboard: three steps right.
    point(page, 0).focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert float(table(page)[0][0]) == pytest.approx(-2.2 + 3 * 0.05)
    # Flip a green point to red with a double-click, and one with Enter.
    point(page, 5).dblclick()
    assert table(page)[5][1] == "red (0)"
    point(page, 6).focus()
    page.keyboard.press("Enter")
    assert table(page)[6][1] == "red (0)"
    with page.expect_download() as download:
        page.locator("button.download").click()
    csv = tmp_path / "points.csv"
    download.value.save_as(csv)
    data = load_dataset(csv)  # the file make video DATA=... reads
    assert list(data.y) == [0, 0, 1, 0, 1, 0, 0, 1, 1, 1]
    model = converged_sklearn(list(data.x), list(data.y))
    p_green = model.predict_proba(np.asarray(data.x).reshape(-1, 1))[:, 1]
    assert readout(page) == fmt(log_loss(data.y, p_green)) == fmt(walkthrough(data).mean_loss)
    story = walkthrough(data)
    assert [row[4] for row in table(page)] == [fmt(loss) for loss in story.shown.losses]


def test_the_dataset_rules_hold(page):
    # The last red points cannot all go: a class keeps one point; the story keeps two points.
    for index in (3, 1):
        point(page, index).focus()
        page.keyboard.press("Delete")
    assert len(table(page)) == 8
    point(page, 0).focus()
    page.keyboard.press("Delete")
    assert len(table(page)) == 8 and "Both classes" in page.locator(".lab-status").inner_text()
    point(page, 0).focus()
    page.keyboard.press("Enter")  # the last red point cannot turn green either
    assert table(page)[0][1] == "red (0)"
    for _ in range(32):
        page.locator("button.add-green").click()
    assert len(table(page)) == 40
    page.locator("button.add-red").click()
    assert len(table(page)) == 40 and "at most 40" in page.locator(".lab-status").inner_text()
    page.locator("button.reset").click()
    assert readout(page) == fmt(walkthrough(default_dataset()).mean_loss) and len(table(page)) == 10


def test_added_points_go_to_free_space(page):
    # Every add lands where no point is: 30 adds give 40 points at 40 different x inside the axis.
    for index in range(30):
        page.locator("button.add-green" if index % 2 else "button.add-red").click()
    xs = [float(row[0]) for row in table(page)]
    assert len(xs) == 40 and len(set(xs)) == 40
    low, high = page.evaluate("JSON.parse(document.querySelector('script.lab-data').textContent).domain")
    assert all(low <= x <= high for x in xs)
    centres = sorted(box["x"] + box["width"] / 2 for box in (p.bounding_box() for p in page.locator("g.point").all()))
    assert min(b - a for a, b in itertools.pairwise(centres)) > 5  # no marker hides another one


def test_click_selects_and_switching_is_its_own_action(page):
    status = page.locator(".lab-status")
    page.locator("button.remove").click()  # nothing selected yet: said, nothing removed
    assert len(table(page)) == 10 and "Select a point first" in status.inner_text()
    page.locator("button.switch").click()
    assert "Select a point first" in status.inner_text()
    # A click selects and does not flip; Remove then removes that very point, as it was.
    before = table(page)
    point(page, 5).click()
    assert table(page) == before and "selected" in point(page, 5).get_attribute("class")
    page.locator("button.remove").click()
    assert [row[:2] for row in table(page)] == [row[:2] for row in before[:5] + before[6:]]
    # Switching: the button, the F key, a double-click.
    point(page, 4).click()
    page.locator("button.switch").click()
    assert table(page)[4][1] == "red (0)"
    point(page, 4).focus()
    page.keyboard.press("f")
    assert table(page)[4][1] == "green (1)"
    point(page, 6).dblclick()
    assert table(page)[6][1] == "red (0)"
    # After Delete the focus stays on a neighbouring point, never the body.
    point(page, 2).focus()
    page.keyboard.press("Delete")
    assert len(table(page)) == 8
    assert page.evaluate("document.activeElement.matches('g.point')")
    focused = page.evaluate(
        "(e => [e.classList.contains('red'), e.getAttribute('aria-valuenow')])(document.activeElement)"
    )
    assert focused in ([True, "-1.4"], [True, "0.2"])


@pytest.mark.parametrize("width, height", [(1280, 800), (1920, 1080)])
def test_chart_controls_and_message_fit_on_one_screen(browser, lab, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(lab.as_uri())
    page.wait_for_function("document.querySelector('.bce-value').textContent !== ''")
    page.locator("button.remove").click()  # a message: nothing is selected
    assert page.locator(".lab-status").inner_text() != ""
    assert page.evaluate("[window.scrollX, window.scrollY]") == [0, 0]
    for selector in ("svg.lab-chart", ".bce-value", ".controls", ".lab-status", "g.loss-bars"):
        box = page.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (selector, box)
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (selector, box)
    # The message sits next to the buttons the learner pressed.
    controls, status = page.locator(".controls").bounding_box(), page.locator(".lab-status").bounding_box()
    assert status["y"] - (controls["y"] + controls["height"]) < 40
    context.close()


# ---- Undo, announcements, shared links and loading a CSV -------------------------------------

LIVE = "[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log], [role=marquee], [role=timer], output"
FOCUS_ON_BODY = "document.activeElement === null || document.activeElement === document.body"


def status(page) -> str:
    return page.locator(".lab-status").inner_text()


def snapshot(page) -> tuple:
    """What undo must give back exactly: every row of the table (x, class, numbers) and the readout."""
    return table(page), readout(page)


def settle(page) -> None:
    """Past the pause after which a run of key steps is one settled edit."""
    page.wait_for_timeout(page.evaluate("bceLab.SETTLE_MS") + 300)


def words() -> dict:
    from scenes.narration import page_words

    return page_words("en")


def open_lab(browser, lab, address: str = ""):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(lab.as_uri() + address)
    page.wait_for_function("document.querySelector('.bce-value').textContent !== ''")
    return context, page


def story_of(pairs):
    from bce_math import Dataset

    return walkthrough(Dataset(x=np.array([x for x, _ in pairs]), y=np.array([y for _, y in pairs])))


def test_keyboard_only_select_move_flip_delete_and_undo(page):
    """Tab, arrows, Shift, F, Delete, Enter, Ctrl+Z: each undo gives back the exact points and BCE, and
    the focus is never on the body."""
    keys = page.keyboard
    for _ in range(6):  # Tab from the top of the page to the first point
        keys.press("Tab")
        if page.evaluate("document.activeElement.matches('g.point')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "point 1 of 10: red, y = 0"
    assert page.evaluate("document.activeElement.getAttribute('aria-valuetext')").startswith("x = -2.2, ")
    keys.press("Tab")  # the next point along x: -1.4
    before = [snapshot(page)]
    for key in ["ArrowRight"] * 3 + ["Shift+ArrowRight"]:  # one run of steps: one edit
        keys.press(key)
        assert not page.evaluate(FOCUS_ON_BODY)
    assert float(table(page)[1][0]) == pytest.approx(-1.4 + 3 * 0.05 + 0.5)
    settle(page)
    assert status(page).startswith("Moved the red point at x = -0.75: its P(true class) is ")
    before.append(snapshot(page))
    keys.press("f")  # red to green
    assert table(page)[1][1] == "green (1)" and not page.evaluate(FOCUS_ON_BODY)
    assert status(page).startswith("Switched the point at x = -0.75 to green (1): ")
    before.append(snapshot(page))
    keys.press("Tab")  # along x: 0.2, now past -0.8 and -0.75
    keys.press("Delete")  # the focus goes to a neighbour
    assert len(table(page)) == 9 and page.evaluate("document.activeElement.matches('g.point')")
    assert status(page) == f"Removed the red point at x = 0.2: 9 points left, mean loss {readout(page)}."
    before.append(snapshot(page))
    page.locator("button.add-red").focus()
    keys.press("Enter")  # a new point, focused
    assert len(table(page)) == 10 and page.evaluate("document.activeElement.matches('g.point.red')")
    # Undo all four edits, newest first, from the new point itself (which the first undo takes away).
    for edit in ("adding a point", "removing a point", "the class switch", "the move"):
        keys.press("Control+z")
        assert not page.evaluate(FOCUS_ON_BODY)
        expected = before.pop()
        assert snapshot(page) == expected
        assert status(page) == f"Undid {edit}: mean loss {expected[1]}."
    assert readout(page) == fmt(walkthrough(default_dataset()).mean_loss)
    keys.press("Meta+z")  # Cmd+Z too: nothing left
    assert status(page) == "Nothing to undo." and not page.evaluate(FOCUS_ON_BODY)


def test_undo_button_takes_back_a_drag_a_reset_and_a_load(page, tmp_path):
    start = snapshot(page)
    box = point(page, 3).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    for step in range(1, 11):  # ten steps, one edit
        page.mouse.move(box["x"] + box["width"] / 2 + 15 * step, box["y"] + box["height"] / 2)
    page.mouse.up()
    dragged = snapshot(page)
    assert dragged != start
    page.locator("button.reset").click()
    assert snapshot(page) == start
    assert status(page) == f"Back to the course's 10 points: mean loss {fmt(walkthrough(default_dataset()).mean_loss)}."
    csv = tmp_path / "mine.csv"
    csv.write_text("x,y\n0,0\n1,1\n2,0\n3,1\n")
    page.locator("input.load-file").set_input_files(str(csv))
    page.wait_for_function("document.querySelectorAll('table.lab-points tbody tr').length === 4")
    for before in (start, dragged, start):  # the load, the reset, the drag
        page.locator("button.undo").click()
        assert snapshot(page) == before
        assert page.evaluate("document.activeElement.matches('button.undo')")


def test_one_live_region_and_one_announcement_per_settled_edit(page):
    # Live regions a screen reader hears: not inside aria-hidden, not hidden (the optimiser's, while it is off).
    heard = page.evaluate(
        """live => [...document.querySelectorAll(live)]
        .filter(e => !e.closest('[aria-hidden=true]') && e.checkVisibility()).map(e => e.className)""",
        LIVE,
    )
    assert heard == ["lab-status"]
    page.evaluate(
        """() => { window.said = [];
        new MutationObserver(() => window.said.push(document.querySelector('.lab-status').textContent))
            .observe(document.querySelector('.lab-status'), {childList: true, characterData: true, subtree: true}); }"""
    )
    readouts = []
    box = point(page, 3).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(box["x"] + box["width"] / 2 + 20 * step, box["y"] + box["height"] / 2)
        readouts.append(readout(page))
    assert len(set(readouts)) > 5  # the numbers follow every step
    assert page.evaluate("window.said") == []  # but nothing is said while the point moves
    page.mouse.up()
    said = page.evaluate("window.said")
    assert len(said) == 1 and said[0].startswith("Moved the red point at x = ")
    assert said[0].endswith(f"mean loss {readout(page)}.")
    point(page, 0).focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    assert len(page.evaluate("window.said")) == 1
    settle(page)
    said = page.evaluate("window.said")
    x, _, _, p_true, loss = table(page)[0]
    assert len(said) == 2 and x == "-1.7"
    numbers = f"its P(true class) is {p_true}, its loss {loss}; mean loss {readout(page)}."
    assert said[1] == f"Moved the red point at x = -1.7: {numbers}"
    page.locator("button.add-green").click()
    assert len(page.evaluate("window.said")) == 3 and status(page).startswith("Added the green point at x = ")


def test_the_address_keeps_the_points_and_a_shared_link_opens_them(page, browser, lab):
    assert "points=" not in page.evaluate("location.hash")  # the course's points: a plain address
    point(page, 0).focus()
    page.keyboard.press("ArrowRight")
    settle(page)
    shared = page.evaluate("location.hash")
    rows = table(page)
    assert shared == "#points=" + ";".join(f"{row[0]},{1 if row[1].startswith('green') else 0}" for row in rows)
    # A teacher's link, beside the course page's language: the page's BCE is bce_math's for those points.
    pairs = [(-1.5, 0), (0.3, 1), (2.25, 0), (3, 1), (4.1, 1), (7.5, 1)]
    address = "#lang=en&points=" + ";".join(f"{x},{y}" for x, y in pairs)
    context, opened = open_lab(browser, lab, address)
    story = story_of(pairs)
    assert readout(opened) == fmt(story.mean_loss)
    assert [row[4] for row in table(opened)] == [fmt(loss) for loss in story.shown.losses]
    assert opened.locator(".fit-value").inner_text() == f"w = {fmt(story.w)}, b = {fmt(story.b)}"
    assert [float(row[0]) for row in table(opened)] == [x for x, _ in pairs]
    box = opened.locator("svg.lab-chart").bounding_box()  # 7.5 is past the course's axis: it widens
    last = opened.locator("g.point").nth(5).bounding_box()
    assert box["x"] < last["x"] and last["x"] + last["width"] < box["x"] + box["width"]
    opened.locator("g.point").nth(0).focus()
    opened.keyboard.press("Delete")
    assert opened.evaluate("location.hash").startswith("#lang=en&points=0.3,1;")  # the other pair kept
    assert opened.errors == []
    context.close()


@pytest.mark.parametrize(
    "value, said",
    [
        ("1,0;2,7", "point 2: y must be 0 or 1, got '7'"),
        ("1,0;abc,1", "point 2: x must be a number, got 'abc'"),
        ("1,1;2,1", "both classes needed, every y is 1 (add a point with y=0)"),
        ("1,0", "need at least 2 points, found 1"),
        ("1,0;2e16,1", "point 2: x must be between -1e15 and 1e15, got '2e16'"),
    ],
)
def test_a_bad_link_says_why_in_one_line_and_opens_the_courses_points(browser, lab, value, said):
    context, opened = open_lab(browser, lab, "#points=" + value)
    message = status(opened)
    assert message == f"The link's points could not be used ({said}), so these are the course's 10 points."
    assert "\n" not in message
    assert readout(opened) == fmt(walkthrough(default_dataset()).mean_loss) and len(table(opened)) == 10
    assert opened.evaluate("location.hash") == ""  # the address says what is on screen
    assert opened.errors == []
    context.close()


BAD_FILES = {
    "missing header": "1,0\n2,1\n",
    "bad number": "x,y\n1,0\nabc,1\n",
    "label not 0/1": "x,y\n1,0\n2,2\n",
    "one class only": "x,y\n1,1\n2,1\n3,1\n",
    "too few": "x,y\n1,0\n",
    "too many": "x,y\n" + "".join(f"{i},{i % 2}\n" for i in range(41)),
    "x too large": "x,y\n1,0\n-3e15,1\n",
}


def test_loading_a_csv_good_and_bad(page, tmp_path):
    course = snapshot(page)
    template = words()["load_bad"]
    for name, content in BAD_FILES.items():
        path = tmp_path / "bad.csv"
        path.write_text(content)
        with pytest.raises(DatasetError) as python:
            load_dataset(path)
        page.locator("input.load-file").set_input_files(str(path))
        expected = template.replace("{error}", f"bad.csv:{python.value.line}: {python.value.problem}")
        page.wait_for_function("text => document.querySelector('.lab-status').textContent === text", arg=expected)
        assert snapshot(page) == course, name  # the points as they were
    good = tmp_path / "class.csv"
    good.write_text("x,y\n# two groups\n-1,0\n-0.5,0\n0.25,1\n0.5,0\n1.75,1\n")
    data = load_dataset(good)
    page.locator("button.load").focus()
    page.locator("input.load-file").set_input_files(str(good))
    page.wait_for_function("document.querySelectorAll('table.lab-points tbody tr').length === 5")
    story = walkthrough(data)
    assert readout(page) == fmt(story.mean_loss)
    assert [float(row[0]) for row in table(page)] == list(data.x)
    assert status(page) == f"Loaded 5 points from class.csv: mean loss {fmt(story.mean_loss)}."
    assert not page.evaluate(FOCUS_ON_BODY)
