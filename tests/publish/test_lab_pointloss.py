"""One point's loss in the lab (pointloss.js), in headless Chromium: the point focused or under the
pointer has its P(true class) carried onto a small -ln curve and across to its loss, bce_math's numbers
for those points; its two bars in the chart are outlined; it follows key moves and the optimiser; on a
phone its text is readable and it overlaps nothing."""

import itertools
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from bce_math import Dataset, default_dataset, fmt, sigmoid, walkthrough
from bce_math.shown import loss_of_shown
from scenes.narration import page_words
from tests.publish import lab_pages
from tests.publish.lab_pages import needs_chromium

ROOT = Path(__file__).resolve().parents[2]
pytestmark = needs_chromium
LAPTOP, PHONE, SHORT_LAPTOP = (1280, 800), (390, 844), (1280, 720)
RED_AT = 0.2  # the course's worst guess: P(true) 0.2994, loss 1.2060
WORDS = page_words("en")


@contextmanager
def opened(browser, lab, size=LAPTOP):
    """The lab at a viewport size (a phone's with touch), its chart laid out."""
    with lab_pages.opened(browser, lab, size, has_touch=size == PHONE) as page:
        settle(page)
        yield page


@pytest.fixture
def page(browser, lab):
    with opened(browser, lab) as page:
        yield page


def settle(page):
    """Two frames: the chart redraws a frame after its box changes."""
    page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def marker_of(page, x: float, y: int):
    """A point's marker in the chart, found by its class and its value (the slider's x)."""
    return page.locator(f'g.point.{"green" if y == 1 else "red"}[aria-valuenow="{x:g}"]')


def numbers(data: Dataset, x: float, y: int) -> tuple[str, str]:
    """bce_math's P(true class) and loss (as the video shows it) of the point (x, y), as printed."""
    story = walkthrough(data)
    i = next(i for i, (px, py) in enumerate(zip(data.x, data.y, strict=True)) if px == x and py == y)
    return fmt(story.prob_true_class[i]), fmt(story.shown.losses[i])


def shown(page) -> tuple[str, str]:
    return page.locator(".pointloss-p").text_content(), page.locator(".pointloss-loss").text_content()


# The inset as drawn: the marker, the curve's polyline, and its two axes' scales from their ticks.
GEOMETRY = """() => {
    const inset = document.querySelector('g.pointloss');
    const marker = inset.querySelector('.pointloss-marker');
    const curve = inset.querySelector('.pointloss-curve').getAttribute('d').slice(1).split('L')
        .map((pair) => pair.split(',').map(Number));
    const ticks = (axis, along) => [...inset.querySelectorAll(`.pointloss-axis.${axis} .tick`)].map((tick) => {
        const [, tx, ty] = tick.getAttribute('transform').match(/translate\\(([-\\d.e]+),([-\\d.e]+)\\)/).map(Number);
        return [Number(tick.__data__), along === 'x' ? tx : ty];
    });
    const at = (node) => [node.cx.baseVal.value, node.cy.baseVal.value];
    return {cx: at(marker)[0], cy: at(marker)[1], curve, p: ticks("p", "x"), loss: ticks("loss", "y")};
}"""


def scale(ticks):
    """The linear scale through an axis's ticks [value, pixel]: value -> pixel."""
    (v0, px0), (v1, px1) = ticks[0], ticks[-1]
    return lambda value: px0 + (value - v0) * (px1 - px0) / (v1 - v0)


def curve_y(curve, x):
    """The drawn polyline's y at x (its points run left to right)."""
    for (x0, y0), (x1, y1) in itertools.pairwise(curve):
        if x0 <= x <= x1:
            return y0 if x1 == x0 else y0 + (x - x0) * (y1 - y0) / (x1 - x0)
    raise AssertionError(f"x = {x} is off the curve {curve[0]}..{curve[-1]}")


def assert_on_the_curve(page, p_true: str, loss: str):
    drawn = page.evaluate(GEOMETRY)
    assert curve_y(drawn["curve"], drawn["cx"]) == pytest.approx(drawn["cy"], abs=1)
    # In the inset's own scales: at P(true) across, at its loss up.
    assert drawn["cx"] == pytest.approx(scale(drawn["p"])(float(p_true)), abs=1)
    assert drawn["cy"] == pytest.approx(scale(drawn["loss"])(float(loss)), abs=1)


def active_bars(page) -> dict[str, list[list[float]]]:
    return page.evaluate("""() => Object.fromEntries(['prob-bars', 'loss-bars'].map((layer) => [layer,
        [...document.querySelectorAll(`g.${layer} rect.active`)].map((r) => [r.__data__.x, r.__data__.y])]))""")


def marker_shown(page) -> bool:
    return page.evaluate("getComputedStyle(document.querySelector('.pointloss-marker')).display !== 'none'")


def test_nothing_pointed_at_shows_the_curve_and_a_hint_and_no_marker(page):
    assert page.locator(".pointloss-note").text_content() == WORDS["pointloss_hint"]
    assert page.locator(".pointloss-title").text_content() == WORDS["pointloss_title"]
    assert page.locator(".pointloss-curve").get_attribute("d").count("L") > 100
    assert not marker_shown(page)
    assert active_bars(page) == {"prob-bars": [], "loss-bars": []}


def test_focusing_the_red_point_carries_its_p_true_onto_the_curve_and_across_to_its_loss(page):
    p_true, loss = numbers(default_dataset(), RED_AT, 0)
    assert (p_true, loss) == ("0.2994", "1.2060")  # the video's losses chapter
    marker_of(page, RED_AT, 0).focus()
    assert shown(page) == (p_true, loss)
    assert marker_shown(page)
    assert page.locator(".pointloss-note").text_content() == WORDS["name_red"].replace("{x}", "0.2")
    assert_on_the_curve(page, p_true, loss)
    # Its bars, and only its, are outlined; the marker, the guides and the numbers wear its class colour.
    assert active_bars(page) == {"prob-bars": [[RED_AT, 0]], "loss-bars": [[RED_AT, 0]]}
    colours = page.evaluate("""() => ['.pointloss-marker', '.pointloss-p', '.pointloss-loss']
        .map((s) => getComputedStyle(document.querySelector(s)).fill)""")
    bar = page.evaluate("getComputedStyle(document.querySelector('g.loss-bars rect.active')).fill")
    assert set(colours) == {bar}
    # The focus gone, the hint again.
    page.locator("button.reset").focus()
    assert not marker_shown(page) and page.locator(".pointloss-note").text_content() == WORDS["pointloss_hint"]
    assert active_bars(page) == {"prob-bars": [], "loss-bars": []}


def test_arrow_keys_move_the_point_and_its_numbers_follow(page):
    marker_of(page, RED_AT, 0).focus()
    data = default_dataset()
    xs = list(data.x)
    for steps in (1, 2):
        page.keyboard.press("ArrowRight")  # 0.05 a step
        moved = round(RED_AT + 0.05 * steps, 2)
        xs[3] = moved
        expected = numbers(Dataset(np.array(xs), data.y), moved, 0)
        assert shown(page) == expected
        assert_on_the_curve(page, *expected)
        assert active_bars(page)["loss-bars"] == [[moved, 0]]
        assert page.locator(".pointloss-note").text_content() == WORDS["name_red"].replace("{x}", f"{moved:g}")
    assert shown(page) != numbers(data, RED_AT, 0)


def test_a_drag_is_followed_step_by_step(page):
    def row() -> tuple[str, str]:  # the table's P(true class) and loss of the red point (its fourth row)
        cells = page.locator("table.lab-points tbody tr").nth(3).all_inner_texts()[0].split("\t")
        return cells[3], cells[4]

    box = marker_of(page, RED_AT, 0).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    seen = set()
    for step in range(1, 7):
        page.mouse.move(x + 15 * step, y)
        assert shown(page) == row()
        seen.add(shown(page))
    page.mouse.up()
    assert len(seen) >= 5  # it moved with the point, not once at the end
    moved = float(page.locator("table.lab-points tbody tr").nth(3).all_inner_texts()[0].split("\t")[0])
    data = default_dataset()
    xs = list(data.x)
    xs[3] = moved
    assert shown(page) == numbers(Dataset(np.array(xs), data.y), moved, 0)
    assert_on_the_curve(page, *shown(page))


def test_the_point_under_the_pointer_wins_and_leaving_it_gives_the_focused_one_back(page):
    data = default_dataset()
    marker_of(page, RED_AT, 0).focus()
    box = marker_of(page, 2.9, 1).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert shown(page) == numbers(data, 2.9, 1)
    assert active_bars(page) == {"prob-bars": [[2.9, 1]], "loss-bars": [[2.9, 1]]}
    assert_on_the_curve(page, *numbers(data, 2.9, 1))
    page.mouse.move(5, 5)
    assert shown(page) == numbers(data, RED_AT, 0)


def test_in_the_optimiser_it_shows_the_held_models_numbers(page):
    data = default_dataset()
    page.locator("button.optimiser-toggle").click()
    slider = page.locator("input.hold-w")
    slider.focus()
    for _ in range(30):
        page.keyboard.press("ArrowRight")
    w, b = (float(page.locator(f"input.hold-{name}").input_value()) for name in ("w", "b"))
    marker_of(page, RED_AT, 0).hover()
    p_true = 1 - sigmoid(w * RED_AT + b)
    assert shown(page) == (fmt(p_true), fmt(loss_of_shown(p_true)))
    assert shown(page) != numbers(data, RED_AT, 0)
    assert_on_the_curve(page, *shown(page))


def test_its_words_change_with_the_labs(page):
    zh = page_words("zh")
    marker_of(page, RED_AT, 0).focus()
    page.evaluate("(words) => window.bceLab.instance.setWords(words)", zh)
    assert page.locator(".pointloss-title").text_content() == zh["pointloss_title"]
    assert page.locator(".pointloss-axis-title").text_content() == zh["pointloss_axis"]
    assert page.locator(".pointloss-note").text_content() == zh["name_red"].replace("{x}", "0.2")
    page.locator("button.reset").focus()
    assert page.locator(".pointloss-note").text_content() == zh["pointloss_hint"]


BOXES = """(selector) => [...document.querySelectorAll(selector)]
    .filter((e) => getComputedStyle(e).display !== 'none' && e.getClientRects().length)
    .map((e) => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })"""
TEXT_SIZES = """() => [...document.querySelectorAll('g.pointloss text')]
    .filter((t) => getComputedStyle(t).display !== 'none' && t.textContent.trim())
    .map((t) => [t.textContent, parseFloat(getComputedStyle(t).fontSize)
        * t.ownerSVGElement.getBoundingClientRect().width / t.ownerSVGElement.viewBox.baseVal.width])"""
NEIGHBOURS = ["g.prob-bars", "g.loss-bars", "g.mean", "g.x-axis", "g.loss-axis", "g.ladder", "g.notes", "g.points"]


def overlaps(a, b) -> bool:
    return min(a[0] + a[2], b[0] + b[2]) > max(a[0], b[0]) and min(a[1] + a[3], b[1] + b[3]) > max(a[1], b[1])


@pytest.mark.parametrize("size", [PHONE, LAPTOP, SHORT_LAPTOP])
def test_the_inset_is_readable_and_apart_from_its_neighbours(browser, lab, size):
    with opened(browser, lab, size) as page:
        marker_of(page, RED_AT, 0).focus()
        settle(page)
        assert shown(page) == numbers(default_dataset(), RED_AT, 0)
        assert_readable_and_apart(page, size)


# The least height of the inset's curve (from loss 0 up to the top of its scale) on a 1280 x 720
# projector, in CSS px; it was some 50 there, and in English on the page of both languages none at all.
LEAST_PLOT_SHORT = 85


@pytest.mark.parametrize("language", ["en", "zh"])
def test_on_a_short_projector_the_inset_has_room_for_its_curve_in_either_language(browser, bilingual_lab, language):
    # The page of both languages: the switch above the lab leaves the chart its least height.
    with opened(browser, bilingual_lab, SHORT_LAPTOP) as page:
        page.locator(f"[data-switch={language}]").click()
        settle(page)
        words = page_words(language)
        marker_of(page, RED_AT, 0).focus()
        settle(page)
        assert page.locator(".pointloss-title").text_content() == words["pointloss_title"]
        assert shown(page) == numbers(default_dataset(), RED_AT, 0)
        assert_on_the_curve(page, *shown(page))
        heights = [y for _, y in page.evaluate(GEOMETRY)["curve"]]
        assert max(heights) - min(heights) >= LEAST_PLOT_SHORT
        assert_readable_and_apart(page, SHORT_LAPTOP)


def assert_readable_and_apart(page, size):
    """The inset's text at least 12 px, inside the chart, over no other part of it, its labels apart."""
    sizes = page.evaluate(TEXT_SIZES)
    assert len(sizes) >= 8 and all(px >= 12 for _, px in sizes), sizes
    # Every piece of the inset inside the chart's box, none over another part of the chart.
    chart = page.locator("svg.lab-chart").bounding_box()
    pieces = page.evaluate(BOXES, "g.pointloss text, g.pointloss circle, g.pointloss path, g.pointloss line")
    for x, y, w, h in pieces:
        assert chart["x"] - 1 <= x and x + w <= chart["x"] + chart["width"] + 1, (x, w)
        assert chart["y"] - 1 <= y and y + h <= chart["y"] + chart["height"] + 1, (y, h)
    inset = page.evaluate(BOXES, "g.pointloss")[0]
    for selector in NEIGHBOURS:
        for box in page.evaluate(BOXES, f"{selector} text, {selector} rect, {selector} line, {selector} path"):
            assert not overlaps(inset, box), (selector, box, inset)
    # Its own labels apart: the two numbers, the tick numbers left, the title, the note.
    labels = page.evaluate(BOXES, "g.pointloss text")
    assert [pair for pair in itertools.combinations(labels, 2) if overlaps(*pair)] == []
    if size == PHONE:  # under the loss panel, above the ladder
        assert page.locator("g.x-axis").bounding_box()["y"] < inset[1]
        assert inset[1] + inset[3] < page.locator("g.ladder").bounding_box()["y"]
