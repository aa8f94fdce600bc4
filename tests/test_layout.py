"""Layout rules derived from the data: crowded per-bar values are thinned, never overlapping."""

import numpy as np

from bce_math import Dataset, default_dataset, walkthrough
from scenes import layout
from scenes.layout import Chart


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
