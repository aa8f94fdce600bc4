"""Build scenes headless (no video: every animation skipped to its end) and inspect what is on screen."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from manim import Scene, Text, VMobject, tempconfig

from scenes.layout import SAFE_MARGIN
from scenes.mobjects import shown

NUMERIC = re.compile(r"^[\u2212-]?\d+(\.\d+)?$")
FRAME_HALF_WIDTH, FRAME_HALF_HEIGHT = 64 / 9, 4.0


@dataclass
class Snapshot:
    """What was on screen after one animation."""

    texts: list[Text]
    leaves: list  # mobjects with points
    signature: list[tuple]  # taken at once: the mobjects themselves move on later


@dataclass
class Build:
    scene: Scene
    snapshots: list[Snapshot] = field(default_factory=list)
    section_starts: list[int] = field(default_factory=list)


def visible(mobject) -> bool:
    if not isinstance(mobject, VMobject) or not mobject.has_points():
        return False
    return mobject.fill_opacity > 0.01 or mobject.stroke_opacity > 0.01


def snapshot(scene: Scene) -> Snapshot:
    family = [m for top in scene.mobjects for m in top.get_family()]
    texts = [m for m in family if isinstance(m, Text) and any(visible(leaf) for leaf in m.get_family())]
    leaves = [m for m in family if visible(m)]
    return Snapshot(texts=texts, leaves=leaves, signature=layout_signature(scene.mobjects))


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

    Checked.__name__ = scene_class.__name__
    options = {"media_dir": str(media_dir), "quality": "low_quality", "save_last_frame": True, "write_to_movie": False}
    with tempconfig(options):
        scene = Checked()
        result = Build(scene)
        scene.render()
    return result


def outside_frame(snap: Snapshot) -> list:
    bad = []
    for mobject in snap.leaves:
        low, high = mobject.get_critical_point((-1, -1, 0)), mobject.get_critical_point((1, 1, 0))
        limit_x, limit_y = FRAME_HALF_WIDTH - SAFE_MARGIN / 2, FRAME_HALF_HEIGHT - SAFE_MARGIN / 2
        if low[0] < -limit_x or high[0] > limit_x or low[1] < -limit_y or high[1] > limit_y:
            bad.append(mobject)
    return bad


def boxes_overlap(a, b, tolerance: float = 0.02) -> bool:
    a_low, a_high = a.get_critical_point((-1, -1, 0)), a.get_critical_point((1, 1, 0))
    b_low, b_high = b.get_critical_point((-1, -1, 0)), b.get_critical_point((1, 1, 0))
    return bool(np.all(a_low[:2] + tolerance < b_high[:2]) and np.all(b_low[:2] + tolerance < a_high[:2]))


def overlapping_texts(snap: Snapshot) -> list[tuple[str, str]]:
    # Only whole Text objects count (not their letters), and a Text never overlaps itself.
    texts = [t for t in snap.texts if not any(t is not o and t in o.get_family() for o in snap.texts)]
    return [
        (a.original_text, b.original_text) for i, a in enumerate(texts) for b in texts[i + 1 :] if boxes_overlap(a, b)
    ]


def numbers_on_screen(snap: Snapshot) -> list[Text]:
    return [t for t in snap.texts if NUMERIC.match(t.text.replace(" ", ""))]


def untraced_numbers(snap: Snapshot) -> list[str]:
    """Numbers on screen not made by mobjects.number (so not checked against bce_math.fmt)."""
    return [t.text for t in numbers_on_screen(snap) if not hasattr(t, "value") or t.text != shown(t.value, t.digits)]


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
