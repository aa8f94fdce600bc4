"""The charts (scenes/stage/charts.py): points in their class's shape and colour, value axes that
map their range onto the chart, the sigmoid sampled where it is drawn, bars between two heights."""

import numpy as np
import pytest
from manim import Circle, Square

from bce_math import default_dataset, fmt, walkthrough
from scenes.stage import palette
from scenes.stage.charts import VerticalAxis, bar, class_point, sigmoid_curve, sigmoid_samples
from scenes.stage.layout import BASELINE_Y, TOP_Y, Chart

STORY = walkthrough(default_dataset())


@pytest.mark.parametrize(("label_value", "shape"), [(1, Circle), (0, Square)])
def test_a_point_takes_its_class_shape_and_colour(label_value, shape):
    point = class_point(label_value, np.array([1.0, 2.0, 0.0]))
    assert isinstance(point, shape)
    assert point.get_fill_color().to_hex().upper() == palette.class_colour(label_value).upper()
    assert point.get_center() == pytest.approx([1.0, 2.0, 0.0])


def test_a_value_axis_maps_its_range_onto_the_chart_and_labels_its_ticks():
    axis = VerticalAxis(-3.0, (0.0, 2.0, 0.5), 1, "loss")
    assert axis.y_of(0.0) == pytest.approx(BASELINE_Y) and axis.y_of(2.0) == pytest.approx(TOP_Y)
    assert axis.y_of(1.0) == pytest.approx((BASELINE_Y + TOP_Y) / 2)
    assert [label.original_text for label in axis.tick_labels] == [fmt(v, 1) for v in (0.0, 0.5, 1.0, 1.5, 2.0)]
    assert [tick.get_y() for tick in axis.ticks] == pytest.approx([axis.y_of(v) for v in (0.0, 0.5, 1.0, 1.5, 2.0)])


def test_the_sigmoid_is_sampled_across_the_data_and_drawn_through_its_samples():
    xs, probabilities = sigmoid_samples(-2.0, 3.0, STORY.w, STORY.b, 11)
    assert xs == pytest.approx(np.linspace(-2.0, 3.0, 11))
    assert probabilities == pytest.approx(1 / (1 + np.exp(-(STORY.w * xs + STORY.b))))
    chart = Chart.for_story(STORY)
    curve = sigmoid_curve(chart, STORY, STORY.w, STORY.b, samples=16)
    start, end, _ = STORY.x_range
    first, last = curve.get_start(), curve.get_end()
    assert first[0] == pytest.approx(chart.x_to_screen(start)) and last[0] == pytest.approx(chart.x_to_screen(end))
    p_start = 1 / (1 + np.exp(-(STORY.w * start + STORY.b)))
    assert first[1] == pytest.approx(chart.p_to_screen(p_start))


def test_a_bar_stands_between_its_two_heights_in_its_colour():
    made = bar(1.5, BASELINE_Y, 0.7, 0.3, palette.POSITIVE)
    assert made.get_bottom()[1] == pytest.approx(BASELINE_Y) and made.get_top()[1] == pytest.approx(0.7)
    assert made.width == pytest.approx(0.3) and made.get_x() == pytest.approx(1.5)
    assert made.get_fill_color().to_hex().upper() == palette.POSITIVE.upper()
