"""The lab's chart as laid out in headless Chromium: on a projector, a laptop (800 and 720 px high) and a
phone; with 40 points;
for a screen reader (sliders in x order, axe-core); the ladder's rungs told apart without colour vision
and their labels tied to them."""

import itertools
import re
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from bce_math import Dataset, fmt, walkthrough
from scenes.narration import page_words
from tests.colour_vision import difference
from tests.publish import lab_pages
from tests.publish.lab_pages import needs_chromium

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
pytestmark = needs_chromium
DESKTOPS = [(1280, 800), (1920, 1080), (1280, 720)]
PHONE = (390, 844)
TABLET = (760, 1000)  # the narrowest screen with the ladder beside the chart
# The narrowest bar we call readable, in CSS px: on a laptop or projector, and on a phone with 40 points
# (40 bars share some 290 px there).
MIN_BAR = {DESKTOPS[0]: 8, DESKTOPS[1]: 8, DESKTOPS[2]: 8, PHONE: 5}


@contextmanager
def opened(browser, lab, size):
    """The lab at a viewport size (a phone's with touch), its chart laid out."""
    with lab_pages.opened(browser, lab, size, has_touch=size == PHONE) as page:
        settle(page)
        yield page


def settle(page):
    """Two frames: the chart redraws a frame after its box changes."""
    page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def add_points(page, count):
    for index in range(count):
        page.locator(".add-green" if index % 2 else ".add-red").click()
    settle(page)


def overlapping(boxes, slack=0.0):
    """Pairs of boxes (x, y, width, height) that share more than slack px each way."""
    return [
        (a, b)
        for a, b in itertools.combinations(boxes, 2)
        if min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]) > slack
        and min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]) > slack
    ]


BOXES = """(selector) => [...document.querySelectorAll(selector)].filter((e) => getComputedStyle(e).display !== 'none')
    .map((e) => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })"""

# Every piece of text rendered, with its size in CSS px: SVG text at its font size times the svg's scale.
TEXT_SIZES = """() => {
    const sizes = [];
    for (const svg of document.querySelectorAll('svg')) {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        for (const text of svg.querySelectorAll('text')) {
            if (!text.textContent.trim() || !text.getClientRects().length || !text.getBBox().width) continue;
            sizes.push([text.textContent.slice(0, 40), parseFloat(getComputedStyle(text).fontSize) * scale]);
        }
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, element = node.parentElement;
        if (!node.textContent.trim() || element.closest('svg, script, style')) continue;
        if (!element.getClientRects().length) continue;  // not rendered (a closed details, display: none)
        sizes.push([node.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(element).fontSize)]);
    }
    return sizes;
}"""


def small_text(page):
    return [(text, size) for text, size in page.evaluate(TEXT_SIZES) if size < 12]


@pytest.mark.parametrize("size", [*DESKTOPS, TABLET])
def test_chart_controls_and_message_on_one_screen_with_readable_text(browser, lab, size):
    width, height = size
    with opened(browser, lab, size) as page:
        page.locator("button.remove").click()  # a message: nothing is selected
        settle(page)
        assert page.locator(".lab-status").inner_text() != ""
        assert page.evaluate("[window.scrollX, window.scrollY]") == [0, 0]
        for selector in ("svg.lab-chart", ".controls", ".lab-status"):
            box = page.locator(selector).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (selector, box)
            assert box["y"] >= 0 and box["y"] + box["height"] <= height, (selector, box)
        # Everything the chart draws is inside the svg's box: nothing cut off.
        chart = page.locator("svg.lab-chart").bounding_box()
        for x, y, w, h in page.evaluate(BOXES, "svg.lab-chart text, svg.lab-chart rect, svg.lab-chart circle"):
            assert chart["x"] - 1 <= x and x + w <= chart["x"] + chart["width"] + 1, (x, w)
            assert chart["y"] - 1 <= y and y + h <= chart["y"] + chart["height"] + 1, (y, h)
        assert small_text(page) == []


def test_the_phone_has_readable_text_touch_targets_and_no_sideways_scroll(browser, lab):
    with opened(browser, lab, PHONE) as page:
        assert small_text(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
        targets = page.evaluate(BOXES, "g.point .hit")
        assert len(targets) == 10 and all(w >= 24 and h >= 24 for _, _, w, h in targets)
        # The ladder sits under the chart there, and its text is as large as the rest.
        ladder = page.locator("g.ladder").bounding_box()
        loss_axis = page.locator("g.x-axis").bounding_box()
        assert ladder["y"] > loss_axis["y"] + loss_axis["height"]


def test_the_chart_redraws_for_a_new_screen_size(browser, lab):
    with opened(browser, lab, DESKTOPS[0]) as page:
        page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
        page.wait_for_function("document.querySelector('svg.lab-chart').viewBox.baseVal.width < 400")
        settle(page)
        assert small_text(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
        assert all(w >= 24 and h >= 24 for _, _, w, h in page.evaluate(BOXES, "g.point .hit"))


@pytest.mark.parametrize("size", [DESKTOPS[0], DESKTOPS[2], PHONE])
def test_forty_points_keep_their_markers_apart_and_their_bars_readable(browser, lab, size):
    with opened(browser, lab, size) as page:
        add_points(page, 38)
        assert page.locator("g.point").count() == 40
        markers = page.evaluate(BOXES, "g.point.green circle.marker, g.point.red rect.marker")
        assert len(markers) == 40 and overlapping(markers) == []
        for layer in ("prob-bars", "loss-bars"):
            bars = page.evaluate(BOXES, f"g.{layer} rect")
            assert len(bars) == 40 and min(w for _, _, w, _ in bars) >= MIN_BAR[size], layer
        # Every loss bar stands on the same axis: side by side, none over another.
        assert overlapping(page.evaluate(BOXES, "g.loss-bars rect")) == []
        assert all(w >= 24 and h >= 24 for _, _, w, h in page.evaluate(BOXES, "g.point .hit"))
        assert small_text(page) == []


def test_points_at_the_same_x_stand_side_by_side(browser, lab):
    with opened(browser, lab, DESKTOPS[0]) as page:
        page.locator('g.point[aria-valuenow="-1.4"]').focus()
        for _ in range(16):  # 16 steps of 0.05: onto the red point at -2.2
            page.keyboard.press("ArrowLeft")
        settle(page)
        assert page.locator('g.point[aria-valuenow="-2.2"]').count() == 2
        markers = page.evaluate(BOXES, "g.point.green circle.marker, g.point.red rect.marker")
        assert overlapping(markers) == []
        bars = page.evaluate(BOXES, "g.loss-bars rect")
        assert overlapping(bars) == [] and min(w for _, _, w, _ in bars) >= MIN_BAR[DESKTOPS[0]]


# The right column's text: the ladder's title, ticks and labels, the notes, one point's loss.
RIGHT_COLUMN = "text.axis-title[data-word=ladder], g.ladder-axis text, g.ladder text, g.notes text, g.pointloss text"
NOTE_LINES = "() => [...document.querySelectorAll('svg.lab-chart g.notes tspan')].map((t) => t.textContent)"


@pytest.mark.parametrize("crowded", [False, True])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_on_a_short_projector_the_right_columns_text_stands_apart(browser, bilingual_lab, language, crowded):
    # 1280 x 720 on the page of both languages (the switch above leaves the chart least), a point focused:
    # the ladder, the notes and one point's loss share the column, no text over another, none cut off.
    with opened(browser, bilingual_lab, DESKTOPS[2]) as page:
        page.locator(f"[data-switch={language}]").click()
        settle(page)
        if crowded:
            add_points(page, 38)
        page.locator("g.point").nth(3).focus()
        settle(page)
        assert page.locator("g.pointloss .pointloss-marker").is_visible()
        boxes = page.evaluate(BOXES, RIGHT_COLUMN)
        assert len(boxes) >= 16 and overlapping(boxes) == []
        chart = page.locator("svg.lab-chart").bounding_box()
        for x, y, w, h in boxes:
            assert chart["x"] - 1 <= x and x + w <= chart["x"] + chart["width"] + 1, (x, w)
            assert chart["y"] - 1 <= y and y + h <= chart["y"] + chart["height"] + 1, (y, h)
        assert small_text(page) == []
        # A note's line break never splits a name like "P(真实)".
        lines = page.evaluate(NOTE_LINES)
        assert len(lines) >= 5 and all(line.count("(") == line.count(")") for line in lines), lines


SLIDER = ["role", "aria-valuemin", "aria-valuemax", "aria-valuenow", "aria-valuetext", "aria-orientation", "tabindex"]
SLIDER += ["aria-label", "class"]


def sliders(page):
    return page.evaluate(
        """(names) => [...document.querySelectorAll('svg.lab-chart g.point')].map((g) => Object.fromEntries(
            names.map((name) => [name, g.getAttribute(name)])))""",
        SLIDER,
    )


def test_points_are_sliders_in_x_order_and_keep_the_focus_when_they_pass_another(browser, lab):
    with opened(browser, lab, DESKTOPS[0]) as page:
        low, high = page.evaluate("JSON.parse(document.querySelector('script.lab-data').textContent).domain")
        words = page_words("en")
        for slider in sliders(page):
            assert slider["role"] == "slider" and slider["aria-orientation"] == "horizontal"
            assert slider["tabindex"] == "0"
            assert float(slider["aria-valuemin"]) == low and float(slider["aria-valuemax"]) == high
        assert_names_and_values(page, words)
        xs = [float(slider["aria-valuenow"]) for slider in sliders(page)]
        assert xs == sorted(xs) and len(xs) == 10
        # The red point at -2.2 moves right past -1.4 and -0.8: it moves in the page's order too, focused.
        page.locator('g.point[aria-valuenow="-2.2"]').focus()
        for _ in range(4):
            page.keyboard.press("Shift+ArrowRight")  # 4 x 0.5
        settle(page)
        xs = [float(slider["aria-valuenow"]) for slider in sliders(page)]
        assert xs == sorted(xs) and -0.2 in xs and -2.2 not in xs
        assert page.evaluate("document.activeElement.getAttribute('aria-valuenow')") == "-0.2"
        assert page.evaluate("[...document.querySelectorAll('g.point')].indexOf(document.activeElement)") == 2
        assert_names_and_values(page, words)  # its place and its numbers follow
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "point 3 of 10: red, y = 0"
        # The ticks' numbers are hidden from assistive technology; the chart keeps its name.
        hidden = "[...document.querySelectorAll('svg.lab-chart g.axis')].map((g) => g.getAttribute('aria-hidden'))"
        assert page.evaluate(hidden) == ["true"] * 4
        chart = page.locator("svg.lab-chart")
        assert chart.get_attribute("role") == "group" and chart.get_attribute("aria-label") == words["chart_label"]


def assert_names_and_values(page, words):
    """Each point's name is short, its place along x and its class; its value text its x, P(true class)
    and loss (bce_math's, as the table prints them); neither repeats the other."""
    points = [(float(row[0]), 1 if row[1] == words["class_green"] else 0) for row in table_rows(page)]
    story = walkthrough(Dataset(np.array([x for x, _ in points]), np.array([y for _, y in points])))
    shown = zip(points, story.prob_true_class, story.shown.losses, strict=True)
    numbers = {point: (fmt(p), fmt(loss)) for point, p, loss in shown}
    found = sliders(page)
    for place, slider in enumerate(found, start=1):
        y = 1 if "green" in slider["class"].split() else 0
        x = slider["aria-valuenow"]
        name = words["point_green" if y else "point_red"].format(i=place, n=len(found))
        assert slider["aria-label"] == name
        p_true, loss = numbers[(float(x), y)]
        assert slider["aria-valuetext"] == words["point_value"].format(x=x, p=p_true, loss=loss)
        said = set(re.split("[\\s,:\uff0c\uff1a]+", slider["aria-valuetext"]))
        assert x not in name and not {"red", "green", "point", "\u7ea2\u8272", "\u7eff\u8272"} & said  # 红色, 绿色


def table_rows(page) -> list[list[str]]:
    return [row.split("\t") for row in page.locator("table.lab-points tbody tr").all_inner_texts()]


def test_point_names_and_values_in_chinese(browser, lab):
    with opened(browser, lab, DESKTOPS[0]) as page:
        page.evaluate("(words) => window.bceLab.instance.setWords(words)", page_words("zh"))
        assert_names_and_values(page, page_words("zh"))
        assert sliders(page)[3]["aria-label"] == page_words("zh")["point_red"].format(i=4, n=10)


def test_axe_finds_nothing_serious(browser, lab):
    if not AXE.exists():
        pytest.skip("axe-core is installed by npm ci (package.json's devDependencies)")
    with opened(browser, lab, DESKTOPS[0]) as page:
        page.add_script_tag(path=str(AXE))
        # No preload: axe would fetch the stylesheet again, which file:// pages may not.
        results = page.evaluate("axe.run(document, {resultTypes: ['violations'], preload: false})")
        serious = [
            (violation["id"], [node["target"] for node in violation["nodes"]])
            for violation in results["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert serious == []


RUNGS = ("coin", "rate", "fit")


def rung_styles(page):
    return page.evaluate(
        """(rungs) => rungs.map((key) => {
            const style = getComputedStyle(document.querySelector(`g.ladder g.rung.${key} .rung-line`));
            return [style.stroke, style.strokeDasharray];
        })""",
        list(RUNGS),
    )


def hex_colour(rgb: str) -> str:
    red, green, blue = (int(part) for part in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3])
    return f"#{red:02X}{green:02X}{blue:02X}"


def test_the_ladders_rungs_differ_in_dash_and_in_colour_under_deuteranopia(browser, lab):
    with opened(browser, lab, DESKTOPS[0]) as page:
        styles = rung_styles(page)
        colours = {key: hex_colour(stroke) for key, (stroke, _) in zip(RUNGS, styles, strict=True)}
        dashes = [dash for _, dash in styles]
        assert len(set(dashes)) == 3 and dashes[2] == "none"  # coin dotted, H(q) dashed, the fit solid
        for a, b in itertools.combinations(RUNGS, 2):
            assert difference(colours[a], colours[b], "deuteranopia") >= 20, (a, b, colours)
            assert difference(colours[a], colours[b], "protanopia") >= 10, (a, b, colours)
        # What the bars and the lines are, in the chart's own words.
        notes = page.evaluate("document.querySelector('svg.lab-chart g.notes').textContent")
        words = page_words("en")
        for key in ("ladder_rate_note", "legend_prob", "legend_loss", "legend_mean"):
            assert words[key].replace(" ", "") in notes.replace(" ", ""), key


LADDER = """() => [...document.querySelectorAll('g.ladder g.rung')].map((g) => {
    const box = (selector) => g.querySelector(selector).getBBox();
    const rung = g.querySelector('.rung-line'), leader = g.querySelector('.leader');
    const value = box('.rung-value'), name = box('.rung-name');
    const attr = (e, name) => e[name].baseVal.value;
    return {rung: attr(rung, 'y1'), rungEnd: attr(rung, 'x2'), leaderStart: [attr(leader, 'x1'), attr(leader, 'y1')],
            leaderEnd: [attr(leader, 'x2'), attr(leader, 'y2')], value: [value.x, value.y, value.width, value.height],
            name: [name.x, name.y, name.width, name.height]};
})"""


@pytest.mark.parametrize("crowded", [False, True])
def test_rung_labels_stay_tied_to_their_rungs(browser, lab, crowded):
    # Crowded: with 40 points the three rungs lie within a few hundredths of each other.
    with opened(browser, lab, DESKTOPS[0]) as page:
        if crowded:
            add_points(page, 38)
        rungs = page.evaluate(LADDER)
        assert len(rungs) == 3
        for rung in rungs:
            assert rung["leaderStart"][1] == pytest.approx(rung["rung"], abs=0.5)  # it starts on its rung
            assert abs(rung["leaderStart"][0] - rung["rungEnd"]) <= 4
            x, y, w, h = rung["value"]
            assert rung["leaderEnd"][1] == pytest.approx(y + h / 2, abs=3)  # and ends at its label
            assert 0 <= x - rung["leaderEnd"][0] <= 8
            assert rung["name"][0] >= x + w  # the name follows its value on the same line
            assert rung["name"][1] + rung["name"][3] / 2 == pytest.approx(y + h / 2, abs=3)
        # A label: its value and its name, one line.
        labels = [[*r["value"][:2], r["name"][0] + r["name"][2] - r["value"][0], r["value"][3]] for r in rungs]
        assert overlapping(labels) == []
        if crowded:  # the labels had to move apart from their rungs
            assert max(abs(r["leaderEnd"][1] - r["rung"]) for r in rungs) > 5
