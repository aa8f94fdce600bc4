"""The lab as a lesson uses it, end to end in headless Chromium: a teacher on a projector makes one
confident mistake and shares the link; a student opens it on a phone, holds the model, drags the
curve until the mean is low, presses Fit and sees the fit's own numbers. Every number checked is
bce_math's for the points in the shared link."""

import numpy as np
import pytest

from bce_math import Dataset, fmt, walkthrough
from tests.publish.lab_pages import CHROMIUM, needs_chromium
from tests.publish.test_lab_optimiser import drag, held, mean_loss_of, on_the_curve, readout, wait_for_fit

pytestmark = needs_chromium


def shared_points(address: str) -> Dataset:
    """The points of a #points=x,y;x,y link."""
    pairs = dict(part.split("=", 1) for part in address.lstrip("#").split("&"))["points"]
    xs, ys = zip(*(pair.split(",") for pair in pairs.split(";")), strict=True)
    return Dataset(np.array([float(x) for x in xs]), np.array([int(y) for y in ys]))


def test_a_shared_confident_mistake_is_fitted_by_hand_on_a_phone_then_by_fit(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        # The teacher, on a projector: the red point at 0.2 goes far into the green side.
        projector = browser.new_page(viewport={"width": 1920, "height": 1080})
        projector.goto(lab.as_uri())
        mistake = projector.locator("g.point.red[aria-valuenow='0.2']").first
        mistake.focus()
        for _ in range(8):
            projector.keyboard.press("Shift+ArrowRight")
        projector.wait_for_function("location.hash.includes('points=')")
        link = projector.evaluate("location.hash")
        data = shared_points(link)
        story = walkthrough(data)
        assert max(story.shown.losses) > 1.6  # confident and wrong: P(true) under 20 %
        assert readout(projector) == fmt(story.mean_loss)
        # The student, on a phone, from the link.
        phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        errors: list[str] = []
        phone.on("pageerror", lambda error: errors.append(str(error)))
        phone.goto(lab.as_uri() + link)
        phone.wait_for_function("document.querySelector('.bce-value').textContent !== ''")
        assert readout(phone) == fmt(story.mean_loss)
        toggle = phone.locator("button.optimiser-toggle")
        toggle.scroll_into_view_if_needed()
        toggle.click()
        phone.evaluate("document.querySelector('svg.lab-chart').scrollIntoView({block: 'start'})")
        means = [float(readout(phone))]
        for by in [(0, -5), (0, -5), (0, -5)]:  # tilt it up, a little at a time
            drag(phone, on_the_curve(phone, 1.0), by)
            w, b = held(phone)
            assert readout(phone) == fmt(mean_loss_of(data, w, b))  # every step: bce_math's mean
            means.append(float(readout(phone)))
        assert min(means[1:]) < means[0]  # the hand lowered the loss
        assert min(means) > float(fmt(story.mean_loss)) - 1e-12  # never under the fit's
        phone.locator("button.fit-run").click()
        wait_for_fit(phone)
        assert readout(phone) == fmt(story.mean_loss)
        assert held(phone) == pytest.approx((story.w, story.b), abs=0.05)  # the sliders' steps
        assert phone.locator(".fit-value").inner_text() == f"w = {fmt(story.w)}, b = {fmt(story.b)}"
        assert errors == []
        browser.close()
