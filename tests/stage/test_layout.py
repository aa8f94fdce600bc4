"""Layout rules derived from the data: crowded per-bar values are thinned, never overlapping; live readouts
keep room for every value they will show."""

import numpy as np
import pytest

from bce_math import Dataset, default_dataset, walkthrough
from scenes.stage import layout
from scenes.stage.layout import Chart
from scenes.stage.live import FitReadout
from tests.scene_checks import box, boxes_overlap, outside


def kept_centres(story):
    chart = Chart.for_story(story)
    readable = layout.readable_values(chart, story.x, story.order_by_x)
    at_x = sorted(chart.x_to_screen(x) for x, keep in zip(story.x, readable, strict=True) if keep)
    slots = layout.slot_centers(story.n, *layout.LEFT_PANEL)
    in_panel = [slots[s] for s, i in enumerate(story.order_by_x) if readable[i]]
    return readable, at_x, in_panel


def test_default_data_shows_every_value():
    readable, _, _ = kept_centres(walkthrough(default_dataset()))
    assert all(readable)


def test_forty_crowded_points_keep_values_apart():
    rng = np.random.default_rng(3)
    x = rng.uniform(-5, 5, 40)
    y = np.arange(40) % 2
    readable, at_x, in_panel = kept_centres(walkthrough(Dataset(x, y, "crowded")))
    assert 0 < sum(readable) < 40
    for centres in (at_x, in_panel):
        assert np.all(np.diff(centres) >= layout.VALUE_THICKNESS - 1e-9)


def test_equal_x_values_share_one_label():
    readable, _, _ = kept_centres(walkthrough(Dataset(np.array([1.0, 1.0, 1.0]), np.array([0, 1, 1]), "same")))
    assert sum(readable) == 1


# x far from 0: on its way to the fit the path passes through intercepts in the millions.
FAR_DATA = {
    "article": default_dataset(),
    "timestamps": Dataset(1.7e9 + np.linspace(0, 150, 10), np.array([0, 0, 0, 1, 0, 1, 1, 1, 1, 1])),
    "at_the_bound": Dataset(np.array([1e15, 1e15 - 0.125, 1e15 - 0.25]), np.array([0, 1, 1])),
    "thousands": Dataset(np.array([1200, 1500, 1750, 2100, 2500, 3100]), np.array([0, 0, 1, 1, 1, 1])),
}


@pytest.mark.parametrize("name", FAR_DATA)
def test_fit_readout_has_room_for_every_step(name):
    path = walkthrough(FAR_DATA[name]).trajectory
    readout = FitReadout(path)
    for step in range(len(path)):
        readout.show_step(path, step)
        parts = [part for live in (readout.w, readout.b) for part in (live.key, live.value_text)]
        boxes = [box(part) for part in parts]
        clashes = [
            (parts[i].original_text, parts[j].original_text)
            for i in range(len(parts))
            for j in range(i + 1, len(parts))
            if boxes_overlap(boxes[i], boxes[j])
        ]
        assert not clashes, f"step {step}: {clashes}"
        assert not outside(box(readout)), f"step {step}: leaves the frame"
