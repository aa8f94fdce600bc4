"""The lab in headless Chromium, as a reader uses it: drag a point, move one with the keyboard, flip a
class, download the points; the page's numbers are bce_math's and scikit-learn's for those points."""

import itertools
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import log_loss

from bce_math import default_dataset, fmt, load_dataset, walkthrough
from tests.oracle import converged_sklearn

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium drives the page tests")


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lab")
    environment = os.environ | {"BCE_DATA": "", "BCE_LANG": "en"}
    subprocess.run([sys.executable, "-m", "scenes.publish.page", str(out)], cwd=ROOT, env=environment, check=True)
    return out / "lab.html"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, lab):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(lab.as_uri())
    page.wait_for_function("document.querySelector('.bce-value').textContent !== ''")
    yield page
    assert [url for url in page.requests if not url.startswith(("file:", "data:"))] == []
    assert page.errors == []
    context.close()


def readout(page) -> str:
    return page.locator(".bce-value").inner_text()


def table(page) -> list[list[str]]:
    return [row.split("\t") for row in page.locator("table.lab-points tbody tr").all_inner_texts()]


def point(page, index: int):
    return page.locator("g.point").nth(index)


def test_the_lab_opens_on_the_storys_points_and_numbers(page):
    story = walkthrough(default_dataset())
    assert readout(page) == fmt(story.mean_loss)
    rows = table(page)
    assert [row[3] for row in rows] == [fmt(p) for p in story.prob_true_class]
    assert [row[4] for row in rows] == [fmt(loss) for loss in story.shown.losses]  # as the video shows them
    assert page.locator(".fit-value").inner_text() == f"w = {fmt(story.w)}, b = {fmt(story.b)}"
    assert point(page, 3).get_attribute("aria-label") == "red point, y = 0, at x = 0.2"
    assert point(page, 3).get_attribute("tabindex") == "0"
    bce = page.locator(".bce-value")
    assert bce.get_attribute("role") == "status" and bce.get_attribute("aria-live") == "polite"
    assert page.locator("#" + bce.get_attribute("aria-labelledby")).inner_text().startswith("Binary cross-entropy")


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
    focused_x = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused_x in {"red point, y = 0, at x = -1.4", "red point, y = 0, at x = 0.2"}


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
