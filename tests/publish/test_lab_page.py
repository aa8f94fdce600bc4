"""The lab in headless Chromium, as a reader uses it: drag a point, move one with the keyboard, flip a
class, download the points; the page's numbers are bce_math's and scikit-learn's for those points."""

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
    # Flip a green point to red with a click, and one back with Enter.
    point(page, 5).click()
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
