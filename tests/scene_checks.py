"""Build scenes headless (no video) and inspect what is on screen: after each animation, and at
sampled moments inside it, as the camera would draw them.

Manim draws an animation's frames as a still image of the mobjects that do not move (frozen as
they were when the animation began) under the moving ones, which it lists, family and all, when
the animation begins. A mobject swapped out of a moving group mid-animation stays in that list
and is still drawn; a "still" mobject changed by an updater is not redrawn until the next
animation. The moments below model exactly that, so a test sees an overprint or a jump as a
viewer would.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from manim import MathTex, Rectangle, Scene, Text, VMobject, Wait, tempconfig
from manim.utils.family import extract_mobject_family_members
from tqdm import tqdm

from scenes.stage.layout import FRAME_HALF_HEIGHT, FRAME_HALF_WIDTH, SAFE_BOTTOM, SAFE_MARGIN, SAFE_SIDE
from scenes.stage.lettering import shown

# One typesetting folder for the whole test session (scenes/engine/cache.py makes sharing safe):
# most captions, labels and formulas repeat from one build to the next. The processes a test
# starts find it in the environment; renders a test starts get it as their media folder's.
SHARED_TYPESETTING = Path(os.environ.get("BCE_TEST_TYPESETTING") or tempfile.mkdtemp(prefix="bce-typesetting-"))
os.environ["BCE_TEST_TYPESETTING"] = str(SHARED_TYPESETTING)


def sharing_typesetting(media: Path) -> Path:
    """media, its texts/ and Tex/ linked to the session's typesetting: a media folder a first
    render has typeset into already, as a user's is after their first make video."""
    media.mkdir(parents=True, exist_ok=True)
    for name in ("texts", "Tex"):
        (SHARED_TYPESETTING / name).mkdir(parents=True, exist_ok=True)
        (media / name).symlink_to(SHARED_TYPESETTING / name, target_is_directory=True)
    return media


_break_up = MathTex._break_up_by_substrings


def _break_up_remembering_the_whole(self: MathTex) -> MathTex:
    """Manim's split of a formula into parts, each part remembering its formula.

    A chapter may show a formula only in parts (a FadeIn of a slice, a part-by-part transform), so
    no whole MathTex is ever on screen; the snapshot reads such a formula through its parts.
    The part keeps the formula's tex string (not the formula: a copy of the part would copy it all).
    """
    _break_up(self)
    for part in self.submobjects:
        part.whole_tex = self.tex_string
    return self


MathTex._break_up_by_substrings = _break_up_remembering_the_whole

NUMERIC = re.compile(r"^[\u2212-]?\d+(\.\d+)?$")
# Where inside each animation the build looks (fractions of its run time); 0 is its first frame.
MOMENTS = (0.0, 0.25, 0.5, 0.75, 0.999)
# A text fading in or out below this opacity is not read as a second text on top of another.
READABLE_OPACITY = 0.6
# Two texts closer than this read as one (about 7 pixels at 1080p): rotated values of neighbouring
# bars with no daylight between them, a label against a number.
TEXT_GAP = 0.05


@dataclass
class Shown:
    """One text or formula as drawn at a moment."""

    text: str
    box: np.ndarray
    opacity: float
    value: float | None  # the value a number was made from (mobjects.number), else None
    size: float  # font size as drawn (Text only; 0 for formulas)
    moving: bool = False  # drawn from the animation's moving list, over its still image


@dataclass
class Snapshot:
    """What was on screen after one animation, measured at that moment (mobjects move on later)."""

    outside_frame: list[str]
    overlapping_texts: list[tuple[str, str]]
    texts_over_bars: list[str]
    outside_safe_area: list[str]  # texts in the subtitles' band or the side bands (layout.SAFE_*)
    untraced_numbers: list[str]
    numbers: list[tuple[str, float]]  # (text, value) of every number on screen
    captions: list[str]
    signature: list[tuple]
    drawn: list[tuple] = field(default_factory=list)  # leaf_record of every visible leaf, sorted
    formulas: list[str] = field(default_factory=list)  # tex strings of every MathTex on screen
    held: bool = False  # the animation was a wait
    time: float = 0.0  # seconds of video when the animation ended
    view: dict = field(default_factory=dict)  # the stage's objects as a viewer reads them (tests.oracle)


@dataclass
class Moment:
    """What the camera draws at time t of animation `play` (a frame inside it)."""

    play: int
    fraction: float
    texts: list[Shown]
    signature: list[tuple]
    view: dict = field(default_factory=dict)
    bars: list[np.ndarray] = field(default_factory=list)  # boxes of the bars in the still image
    moving_bars: list[np.ndarray] = field(default_factory=list)  # and of those drawn over it

    @property
    def outside_safe_area(self) -> list[str]:
        return [t.text for t in self.texts if outside_safe_area(t.box)]

    @property
    def texts_over_bars(self) -> list[str]:
        """Texts drawn over a bar, at any opacity: a value fading in over a bar still growing is seen.

        A moving bar is drawn over the still image: one passing a still label hides it for a moment
        (the bars flying to their stacks in back_to_loss cross the stack axis's numbers), it is not
        printed over. A moving text is drawn over every bar it meets."""
        return [
            t.text
            for t in self.texts
            for bar in (self.bars + self.moving_bars if t.moving else self.bars)
            if boxes_overlap(t.box, bar)
        ]


@dataclass
class Build:
    scene: Scene
    snapshots: list[Snapshot] = field(default_factory=list)
    moments: list[Moment] = field(default_factory=list)
    section_starts: list[int] = field(default_factory=list)
    section_start_times: list[float] = field(default_factory=list)  # seconds of video
    end_time: float = 0.0
    holds: list[float] = field(default_factory=list)  # seconds of each stretch of waits in a row

    def moments_of(self, play: int) -> list[Moment]:
        return [m for m in self.moments if m.play == play]


def opacity(mobject) -> float:
    """How opaque a shape is drawn now (its colour arrays: animations change those, not the attributes)."""
    return max(float(np.max(mobject.get_fill_opacities())), float(np.max(mobject.get_stroke_opacities())))


def visible(mobject) -> bool:
    """Drawn as more than a point: has ink and some extent (an animation's first frame may shrink it to nothing)."""
    if not isinstance(mobject, VMobject) or not mobject.has_points() or opacity(mobject) <= 0.01:
        return False
    return mobject.width > 1e-3 or mobject.height > 1e-3


def box(mobject) -> np.ndarray:
    """[xmin, ymin, xmax, ymax] of everything the mobject draws."""
    points = mobject.get_all_points()
    return np.concatenate([points[:, :2].min(axis=0), points[:, :2].max(axis=0)])


def boxes_overlap(a: np.ndarray, b: np.ndarray, tolerance: float = 0.02) -> bool:
    return bool(np.all(a[:2] + tolerance < b[2:]) and np.all(b[:2] + tolerance < a[2:]))


def boxes_touch(a: np.ndarray, b: np.ndarray, gap: float = TEXT_GAP) -> bool:
    """Closer than gap on both axes: overlapping, or with no daylight between them."""
    return boxes_overlap(a, b, tolerance=-gap)


def outside_safe_area(bounds: np.ndarray) -> bool:
    """Reaches into the band players draw subtitles in, or into a side band."""
    return bool(bounds[1] < SAFE_BOTTOM or bounds[0] < -SAFE_SIDE or bounds[2] > SAFE_SIDE)


def bar_boxes(leaves: list, texts: list) -> list[np.ndarray]:
    """Boxes of the bars among the leaves drawn (rectangles, not the fraction lines of formulas)."""
    in_texts = {id(part) for t in texts for part in t.get_family()}
    return [box(m) for m in leaves if isinstance(m, Rectangle) and id(m) not in in_texts]


def snapshot(scene: Scene, view=None) -> Snapshot:
    family = [m for top in scene.mobjects for m in top.get_family()]
    texts = [m for m in family if isinstance(m, Text | MathTex) and any(visible(leaf) for leaf in m.get_family())]
    # Whole Text and formula objects only (not their letters or parts).
    texts = [t for t in texts if not any(t is not o and t in o.get_family() for o in texts)]
    for formula in texts:
        if isinstance(formula, MathTex):
            formula.original_text = formula.tex_string
    leaves = [m for m in family if visible(m)]
    text_boxes = [box(t) for t in texts]
    bars = bar_boxes(leaves, texts)
    numbers = [t for t in texts if NUMERIC.match(t.original_text.replace(" ", ""))]
    return Snapshot(
        outside_frame=[type(m).__name__ for m in leaves if outside(box(m))],
        overlapping_texts=[
            (texts[i].original_text, texts[j].original_text)
            for i in range(len(texts))
            for j in range(i + 1, len(texts))
            if boxes_touch(text_boxes[i], text_boxes[j])
        ],
        texts_over_bars=[
            text.original_text
            for text, text_box in zip(texts, text_boxes, strict=True)
            for bar_box in bars
            if boxes_overlap(text_box, bar_box)
        ],
        outside_safe_area=[t.original_text for t, b in zip(texts, text_boxes, strict=True) if outside_safe_area(b)],
        untraced_numbers=[
            t.original_text
            for t in numbers
            if not hasattr(t, "value") or t.original_text != shown(t.value, t.digits, getattr(t, "small", False))
        ],
        numbers=[(t.original_text, t.value) for t in numbers if hasattr(t, "value")],
        captions=[t.original_text for t in texts if not hasattr(t, "value")],
        signature=layout_signature(scene.mobjects),
        drawn=sorted(leaf_record(m) for m in leaves),
        formulas=formulas_on_screen(texts, family),
        view=view(scene) if view else {},
    )


def formulas_on_screen(texts: list, family: list) -> list[str]:
    """Tex strings of the formulas on screen, whole or in parts (the whole formula a part belongs to)."""
    formulas = [t.tex_string for t in texts if isinstance(t, MathTex)]
    for part in family:
        if hasattr(part, "whole_tex") and any(visible(leaf) for leaf in part.get_family()):
            formulas.append(part.whole_tex)
    return list(dict.fromkeys(formulas))


def leaf_record(leaf) -> tuple:
    """A drawn shape as a viewer tells it apart: place, size, colour (RGB, 0-1) and opacity."""
    painted = leaf.get_fill_color() if leaf.get_fill_opacity() > 0.01 else leaf.get_stroke_color()
    return (
        *np.round(leaf.get_center()[:2], 2),
        *np.round([leaf.width, leaf.height], 2),
        *np.round(painted.to_rgb(), 2),
        round(opacity(leaf), 1),
    )


def texts_in(mobjects) -> list:
    """Whole Text and MathTex objects among mobjects' families (not their letters or parts)."""
    family = extract_mobject_family_members(mobjects)
    texts = [m for m in family if isinstance(m, Text | MathTex)]
    inner = {id(part) for t in texts for part in t.get_family()[1:]}
    return [t for t in texts if id(t) not in inner]


def shown_text(text, leaves: list, moving: bool = False) -> Shown:
    """A text drawn with these of its leaves (the ones the camera draws at that moment)."""
    points = np.concatenate([leaf.get_all_points() for leaf in leaves])
    string = text.tex_string if isinstance(text, MathTex) else text.original_text
    return Shown(
        text=string,
        box=np.concatenate([points[:, :2].min(axis=0), points[:, :2].max(axis=0)]),
        opacity=max(opacity(leaf) for leaf in leaves),
        value=getattr(text, "value", None),
        size=text.font_size if isinstance(text, Text) else 0.0,
        moving=moving,
    )


class _Frozen:
    """The still image of one animation: its mobjects as they were when it began."""

    def __init__(self, scene: Scene) -> None:
        leaves = [m for m in scene.static_mobjects if visible(m)]
        self.leaves = {id(m): (m, leaf_record(m)) for m in leaves}
        self.bars = bar_boxes(leaves, texts_in(scene.mobjects))
        self.texts = []
        for text in texts_in(scene.mobjects):
            own = [leaf for leaf in text.get_family() if id(leaf) in self.leaves]
            if own:
                self.texts.append(shown_text(text, own))


def moment(scene: Scene, frozen: _Frozen, play: int, fraction: float, view=None) -> Moment:
    """What the camera draws now: the still image, and the moving list at its current state."""
    listed = extract_mobject_family_members(scene.moving_mobjects, only_those_with_points=True)
    moving = [m for m in listed if visible(m)]
    moving_ids = {id(m) for m in moving}
    texts = list(frozen.texts)
    for text in texts_in(scene.moving_mobjects):
        own = [leaf for leaf in text.get_family() if id(leaf) in moving_ids]
        if own:
            texts.append(shown_text(text, own, moving=True))
    signature = sorted([record for _, record in frozen.leaves.values()] + [leaf_record(m) for m in moving])
    moving_bars = bar_boxes(moving, texts_in(scene.moving_mobjects))
    return Moment(play, fraction, texts, signature, view(scene) if view else {}, frozen.bars, moving_bars)


def build(scene_class: type[Scene], media_dir, inside: bool = True, view=None) -> Build:
    """Run scene_class headless, snapshotting after each animation and, with inside=True, at
    MOMENTS within it. view(scene) -> dict, if given, records what a test needs of the stage."""
    result: Build

    class Checked(scene_class):
        def begin_animations(self) -> None:
            super().begin_animations()
            self._frozen = _Frozen(self)

        def _get_animation_time_progression(self, animations, duration):
            times = super()._get_animation_time_progression(animations, duration)
            if not inside or all(isinstance(a, Wait) for a in animations) or duration <= 0:
                return times
            times.close()
            return tqdm([duration * f for f in MOMENTS] + [duration], disable=True)

        def update_to_time(self, t: float) -> None:
            super().update_to_time(t)
            if t < self.duration:
                fraction = round(t / self.duration, 3)
                result.moments.append(moment(self, self._frozen, len(result.snapshots), fraction, view))

        def play(self, *args, **kwargs):
            super().play(*args, **kwargs)
            if all(isinstance(a, Wait) for a in self.animations):
                waited_before = result.holds.pop() if result.snapshots and result.snapshots[-1].held else 0.0
                result.holds.append(waited_before + self.duration)
            result.snapshots.append(snapshot(self, view))
            result.snapshots[-1].held = all(isinstance(a, Wait) for a in self.animations)
            result.snapshots[-1].time = self.renderer.time

        def next_section(self, *args, **kwargs):
            super().next_section(*args, **kwargs)
            result.section_starts.append(len(result.snapshots))
            result.section_start_times.append(self.renderer.time)

    Checked.__name__ = scene_class.__name__
    options = {"media_dir": str(media_dir), "quality": "low_quality", "save_last_frame": True, "write_to_movie": False}
    options |= {"text_dir": str(SHARED_TYPESETTING / "texts"), "tex_dir": str(SHARED_TYPESETTING / "Tex")}
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
