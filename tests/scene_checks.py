"""Build scenes headless (no video: every animation skipped to its end) and inspect what is on screen."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from manim import MathTex, Rectangle, Scene, Text, VMobject, tempconfig

from scenes.layout import SAFE_MARGIN
from scenes.mobjects import shown

NUMERIC = re.compile(r"^[\u2212-]?\d+(\.\d+)?$")
FRAME_HALF_WIDTH, FRAME_HALF_HEIGHT = 64 / 9, 4.0


@dataclass
class Snapshot:
    """What was on screen after one animation, measured at that moment (mobjects move on later)."""

    outside_frame: list[str]
    overlapping_texts: list[tuple[str, str]]
    texts_over_bars: list[str]
    untraced_numbers: list[str]
    numbers: list[tuple[str, float]]  # (text, value) of every number on screen
    captions: list[str]
    signature: list[tuple]


@dataclass
class Build:
    scene: Scene
    snapshots: list[Snapshot] = field(default_factory=list)
    section_starts: list[int] = field(default_factory=list)
    section_start_times: list[float] = field(default_factory=list)  # seconds of video
    end_time: float = 0.0


def visible(mobject) -> bool:
    if not isinstance(mobject, VMobject) or not mobject.has_points():
        return False
    return mobject.fill_opacity > 0.01 or mobject.stroke_opacity > 0.01


def box(mobject) -> np.ndarray:
    """[xmin, ymin, xmax, ymax] of everything the mobject draws."""
    points = mobject.get_all_points()
    return np.concatenate([points[:, :2].min(axis=0), points[:, :2].max(axis=0)])


def boxes_overlap(a: np.ndarray, b: np.ndarray, tolerance: float = 0.02) -> bool:
    return bool(np.all(a[:2] + tolerance < b[2:]) and np.all(b[:2] + tolerance < a[2:]))


def snapshot(scene: Scene) -> Snapshot:
    family = [m for top in scene.mobjects for m in top.get_family()]
    texts = [m for m in family if isinstance(m, Text | MathTex) and any(visible(leaf) for leaf in m.get_family())]
    # Whole Text and formula objects only (not their letters or parts).
    texts = [t for t in texts if not any(t is not o and t in o.get_family() for o in texts)]
    for formula in texts:
        if isinstance(formula, MathTex):
            formula.original_text = formula.tex_string
    leaves = [m for m in family if visible(m)]
    in_texts = {id(part) for t in texts for part in t.get_family()}
    bars = [m for m in leaves if isinstance(m, Rectangle) and id(m) not in in_texts]  # not fraction lines
    text_boxes = [box(t) for t in texts]
    bar_boxes = [box(b) for b in bars]
    numbers = [t for t in texts if NUMERIC.match(t.original_text.replace(" ", ""))]
    return Snapshot(
        outside_frame=[type(m).__name__ for m in leaves if outside(box(m))],
        overlapping_texts=[
            (texts[i].original_text, texts[j].original_text)
            for i in range(len(texts))
            for j in range(i + 1, len(texts))
            if boxes_overlap(text_boxes[i], text_boxes[j])
        ],
        texts_over_bars=[
            text.original_text
            for text, text_box in zip(texts, text_boxes, strict=True)
            for bar_box in bar_boxes
            if boxes_overlap(text_box, bar_box)
        ],
        untraced_numbers=[
            t.original_text for t in numbers if not hasattr(t, "value") or t.original_text != shown(t.value, t.digits)
        ],
        numbers=[(t.original_text, t.value) for t in numbers if hasattr(t, "value")],
        captions=[t.original_text for t in texts if not hasattr(t, "value")],
        signature=layout_signature(scene.mobjects),
    )


def build(scene_class: type[Scene], media_dir) -> Build:
    """Run scene_class with every animation skipped to its end state, snapshotting after each."""
    result: Build

    class Checked(scene_class):
        def play(self, *args, **kwargs):
            super().play(*args, **kwargs)
            result.snapshots.append(snapshot(self))

        def next_section(self, *args, **kwargs):
            super().next_section(*args, **kwargs)
            result.section_starts.append(len(result.snapshots))
            result.section_start_times.append(self.renderer.time)

    Checked.__name__ = scene_class.__name__
    options = {"media_dir": str(media_dir), "quality": "low_quality", "save_last_frame": True, "write_to_movie": False}
    with tempconfig(options):
        scene = Checked()
        result = Build(scene)
        scene.render()
        result.end_time = scene.renderer.time
    return result


def outside(bounds: np.ndarray) -> bool:
    limit_x, limit_y = FRAME_HALF_WIDTH - SAFE_MARGIN / 2, FRAME_HALF_HEIGHT - SAFE_MARGIN / 2
    return bool(bounds[0] < -limit_x or bounds[2] > limit_x or bounds[1] < -limit_y or bounds[3] > limit_y)


def layout_signature(top_level: list) -> list[tuple]:
    """Type, position and size of every visible leaf: what a viewer would see."""
    signature = []
    for top in top_level:
        for leaf in top.get_family():
            if visible(leaf):
                signature.append(
                    (type(leaf).__name__, *np.round(leaf.get_center()[:2], 3), *np.round([leaf.width, leaf.height], 3))
                )
    return signature
