"""The lab's optimiser mode in headless Chromium, as a learner uses it: hold the model with the sliders
(by keyboard) or by dragging the curve, watch the mean follow (bce_math's mean loss for that w and
b), let Fit take over (it lands on the fit's digits), drop the penalty; and all of it by keyboard,
the focus never lost to the page's body."""

from pathlib import Path

import numpy as np
import pytest

from bce_math import Dataset, binary_cross_entropy, default_dataset, fmt, sigmoid, walkthrough
from scenes.narration import page_words
from tests.publish.lab_pages import build_lab, needs_chromium, opened

ROOT = Path(__file__).resolve().parents[2]
pytestmark = needs_chromium
# A threshold at x = 0.5 separates these: with no penalty the best fit never ends.
SEPARABLE = ([-2.0, -1.0, 0.0, 1.0, 2.0, 3.0], [0, 0, 0, 1, 1, 1])


@pytest.fixture(scope="module")
def separable_lab(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("separable")
    csv = folder / "points.csv"
    csv.write_text("x,y\n" + "".join(f"{x},{y}\n" for x, y in zip(*SEPARABLE, strict=True)), encoding="utf-8")
    return build_lab(folder, str(csv))


@pytest.fixture
def page(browser, lab):
    with opened(browser, lab) as page:
        yield page


@pytest.fixture
def separable_page(browser, separable_lab):
    with opened(browser, separable_lab) as page:
        yield page


def readout(page) -> str:
    return page.locator(".bce-value").inner_text()


def held(page) -> tuple[float, float]:
    """(w, b) as the sliders hold them."""
    return tuple(float(page.locator(f"input.hold-{name}").input_value()) for name in ("w", "b"))


def mean_loss_of(data: Dataset, w: float, b: float) -> float:
    return binary_cross_entropy(data.y, sigmoid(w * np.asarray(data.x, dtype=float) + b))


def focus_is_in_the_page(page) -> bool:
    return page.evaluate("document.activeElement !== null && document.activeElement !== document.body")


def turn_on_by_keyboard(page) -> None:
    page.locator("button.optimiser-toggle").focus()
    page.keyboard.press("Enter")
    assert page.locator("button.optimiser-toggle").get_attribute("aria-pressed") == "true"


def wait_for_fit(page) -> str:
    page.wait_for_function("!window.bceOptimiser.instance.running()", timeout=30_000)
    return page.locator(".optimiser-status").inner_text()


def test_the_mode_is_off_until_asked_and_the_target_is_the_fits_mean(page):
    story = walkthrough(default_dataset())
    assert page.locator("button.optimiser-toggle").inner_text() == "Be the optimiser"
    assert page.locator(".optimiser-body").is_hidden()
    turn_on_by_keyboard(page)
    assert page.locator(".optimiser-body").is_visible()
    assert page.locator(".target").inner_text() == f"the fit reaches {fmt(story.mean_loss)}"
    assert page.locator("label.hold-w").inner_text().startswith("w (slope)")
    assert page.locator("label.hold-b").inner_text().startswith("b (shift)")
    # It starts where the loss_at_work chapter starts: the best flat line (w = 0), and the page shows its mean.
    w, b = held(page)
    assert w == 0 and readout(page) == fmt(mean_loss_of(default_dataset(), w, b))
    assert page.locator(".hold-w-value").inner_text() == fmt(w)


def test_sliders_by_keyboard_show_bce_maths_mean_for_that_model(page):
    data = default_dataset()
    turn_on_by_keyboard(page)
    page.keyboard.press("Tab")  # the first control after the toggle: w's slider
    assert page.evaluate("document.activeElement.matches('input.hold-w')")
    before = readout(page)
    for _ in range(24):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('input.hold-b')")
    for _ in range(7):
        page.keyboard.press("ArrowLeft")
    w, b = held(page)
    assert w == pytest.approx(24 * float(page.locator("input.hold-w").get_attribute("step")))
    expected = mean_loss_of(data, w, b)
    assert readout(page) != before
    assert readout(page) == fmt(expected)
    assert page.locator(".held-mean").inner_text() == f"Your model's mean loss: {fmt(expected)}"
    assert (page.locator(".hold-w-value").inner_text(), page.locator(".hold-b-value").inner_text()) == (fmt(w), fmt(b))
    # Every loss in the table follows too (its last column: -ln of P(true) as shown).
    p_green = sigmoid(w * np.asarray(data.x) + b)
    rows = [row.split("\t") for row in page.locator("table.lab-points tbody tr").all_inner_texts()]
    assert [row[2] for row in rows] == [fmt(p) for p in p_green]
    # The map's marker says the same model.
    assert f"at w = {fmt(w)}" in page.locator("svg.loss-map").get_attribute("aria-label")


def test_fit_takes_over_and_lands_on_the_fits_digits_then_leaving_shows_the_fit(page):
    story = walkthrough(default_dataset())
    turn_on_by_keyboard(page)
    page.locator("input.hold-w").focus()
    for _ in range(10):
        page.keyboard.press("ArrowLeft")  # a slope the wrong way: Fit has work to do
    assert readout(page) != fmt(story.mean_loss)
    page.locator("button.fit-run").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.optimiser-status').textContent.startsWith('Newton step')")
    status = wait_for_fit(page)
    assert status.startswith("Fitted in") and f"mean loss {fmt(story.mean_loss)}." in status
    assert readout(page) == fmt(story.mean_loss)
    assert page.locator(".hold-w-value").inner_text() == fmt(story.w)
    assert page.locator(".hold-b-value").inner_text() == fmt(story.b)
    assert focus_is_in_the_page(page)
    # Escape leaves the mode: the chart is the fit's again, the focus on the toggle.
    page.locator("input.hold-b").focus()
    page.keyboard.press("ArrowRight")
    assert readout(page) != fmt(story.mean_loss)
    page.keyboard.press("Escape")
    assert page.locator("button.optimiser-toggle").get_attribute("aria-pressed") == "false"
    assert page.evaluate("document.activeElement.matches('button.optimiser-toggle')")
    assert readout(page) == fmt(story.mean_loss)
    assert page.locator(".fit-value").inner_text().startswith(f"w = {fmt(story.w)}, b = {fmt(story.b)}")


def test_no_penalty_lowers_the_mean_and_the_worst_mistakes_grow_as_in_the_video(page):
    story = walkthrough(default_dataset())
    turn_on_by_keyboard(page)
    page.locator("button.fit-run").click()
    wait_for_fit(page)
    # Keyboard: the penalty's radios switch with the arrows.
    page.locator(".penalty input[value=default]").focus()
    page.keyboard.press("ArrowRight")
    assert page.locator(".penalty input[value=none]").is_checked()
    assert "mean loss" in page.locator("svg.loss-map").get_attribute("aria-label")
    page.locator("button.fit-run").focus()
    page.keyboard.press("Space")
    status = wait_for_fit(page)
    assert readout(page) == fmt(story.unpenalised_loss)
    assert page.locator(".hold-w-value").inner_text() == fmt(story.unpenalised_w)
    assert status.startswith(f"No penalty: the mean falls to {fmt(story.unpenalised_loss)}, below the fit's")
    assert story.worsened  # the story's data has mistakes the unpenalised fit makes worse
    for i in story.worsened:
        loss_before, loss_after = fmt(story.shown.losses[i]), fmt(story.unpenalised_losses[i])  # as said
        assert f"x = {story.x[i]:g}, loss {loss_before} → {loss_after}" in status


def test_without_a_penalty_on_separable_points_w_keeps_growing(separable_page):
    page = separable_page
    data = Dataset(np.asarray(SEPARABLE[0]), np.asarray(SEPARABLE[1]))
    story = walkthrough(data)
    turn_on_by_keyboard(page)
    page.locator("button.fit-run").click()
    assert wait_for_fit(page).startswith("Fitted in")
    assert page.locator(".hold-w-value").inner_text() == fmt(story.w)
    page.locator(".penalty input[value=none]").check()
    assert "no lowest point" in page.locator("svg.loss-map").get_attribute("aria-label")
    page.locator("button.fit-run").click()
    seen = []
    while page.evaluate("window.bceOptimiser.instance.running()"):
        seen.append(float(page.evaluate("window.bceOptimiser.instance.held().w")))
        page.wait_for_timeout(150)
    status = wait_for_fit(page)
    assert status.startswith("w keeps growing: with no penalty the best fit never ends")
    final = page.evaluate("window.bceOptimiser.instance.held()")
    assert final["w"] > 5 * story.w and seen == sorted(seen)
    assert readout(page) == fmt(mean_loss_of(data, final["w"], final["b"]))
    assert float(readout(page)) < float(fmt(story.mean_loss))


def on_the_curve(page, x: float) -> tuple[float, float]:
    """Where on the screen the curve drawn passes over x."""
    return tuple(
        page.evaluate(
            """(x) => {
                const lab = window.bceLab.instance, story = lab.story();
                const point = lab.svg.createSVGPoint(); // the chart's units to the screen's
                point.x = lab.chart.x(x);
                point.y = lab.chart.prob(window.bceModel.sigmoid(story.w * x + story.b));
                const screen = point.matrixTransform(lab.svg.getScreenCTM());
                return [screen.x, screen.y];
            }""",
            x,
        )
    )


def drag(page, start: tuple[float, float], by: tuple[float, float]) -> None:
    page.mouse.move(*start)
    page.mouse.down()
    for step in range(1, 9):
        page.mouse.move(start[0] + by[0] * step / 8, start[1] + by[1] * step / 8)
    page.mouse.up()


def test_dragging_the_curve_moves_the_model_and_the_mean_follows(page):
    data = default_dataset()
    turn_on_by_keyboard(page)
    grip = page.locator("svg.lab-chart path.curve-grip")
    assert grip.get_attribute("display") is None  # there, though transparent (a wide band over the curve)
    w0, b0 = held(page)
    drag(page, on_the_curve(page, 1.0), (0, -50))  # up: the flat line tilts about the point held
    w1, b1 = held(page)
    assert w1 > w0
    assert readout(page) == fmt(mean_loss_of(data, w1, b1))
    # The point held keeps its height: w x + b at x = 1 is what it was (to the sliders' steps).
    assert w1 * 1.0 + b1 == pytest.approx(w0 * 1.0 + b0, abs=0.1)
    drag(page, on_the_curve(page, 1.0), (60, 0))  # sideways: the curve slides right, b falls
    w2, b2 = held(page)
    assert w2 == w1 and b2 < b1
    assert readout(page) == fmt(mean_loss_of(data, w2, b2))


def test_keyboard_alone_reaches_every_control_and_the_focus_never_falls_to_the_body(page):
    assert page.locator("svg.lab-chart path.curve-grip").get_attribute("display") == "none"  # off: no grip
    turn_on_by_keyboard(page)
    reached = []
    for _ in range(4):
        page.keyboard.press("Tab")
        assert focus_is_in_the_page(page)
        reached.append(page.evaluate("document.activeElement.className || document.activeElement.value"))
        if page.evaluate("document.activeElement.matches('input[type=range]')"):
            page.keyboard.press("End")
            page.keyboard.press("Home")
            page.keyboard.press("PageUp")
        elif page.evaluate("document.activeElement.matches('button.fit-run')"):
            page.keyboard.press("Enter")
            wait_for_fit(page)
        assert focus_is_in_the_page(page)
    assert reached == ["hold-w", "hold-b", "fit-run", "default"]
    page.keyboard.press("ArrowRight")  # the radios: no penalty
    assert page.locator(".penalty input[value=none]").is_checked() and focus_is_in_the_page(page)
    page.keyboard.press("Escape")
    assert focus_is_in_the_page(page) and page.locator(".optimiser-body").is_hidden()
    assert page.evaluate("document.activeElement.matches('button.optimiser-toggle')")
    page.keyboard.press("Enter")  # on the toggle again: back on
    assert page.locator(".optimiser-body").is_visible() and focus_is_in_the_page(page)


def test_the_panel_speaks_the_pages_language(page):
    """The course page's switch gives the lab other words (lab.setWords): the panel follows."""
    zh = page_words("zh")
    story = walkthrough(default_dataset())
    turn_on_by_keyboard(page)
    page.evaluate("(words) => window.bceLab.instance.setWords(words)", zh)
    assert page.locator("button.optimiser-toggle").inner_text() == zh["optimiser"]
    assert page.locator("label.hold-w").inner_text().startswith(zh["slider_w"])
    assert page.locator(".target").inner_text() == zh["target"].replace("{fit}", fmt(story.mean_loss))
    assert page.locator("button.fit-run").inner_text() == zh["fit_run"]
    assert zh["map_cost_penalised"].replace("{d}", str(2 * story.n)) in page.locator("svg.loss-map").text_content()
