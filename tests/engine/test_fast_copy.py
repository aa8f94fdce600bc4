"""Copies (scenes/engine/fast_copy.py): Manim's deep copy of mobjects, faster, keying alike."""

from manim import BLUE, Square

from scenes.stage.lettering import label
from scenes.stage.live import LiveValue
from tests.engine.test_play_hash import key


def test_the_fast_copy_is_manims_deep_copy(monkeypatch):
    """scenes/engine/fast_copy.py copies as Manim does: equal content and key, nothing shared that can
    change, and what two attributes shared stays shared in the copy."""
    import copy

    from manim import ManimColor, Mobject, VGroup

    from scenes.engine import fast_copy
    from scenes.stage.formulas import formula

    ticker = LiveValue("p", 0.25)
    ticker.add_updater(lambda mobject, dt: mobject)
    group = VGroup(label("loss"), formula(r"-\ln(p)"), Square().set_fill(BLUE, 0.5), ticker)
    group.shared = group[2].points  # two attributes holding one array
    monkeypatch.setattr(Mobject, "__deepcopy__", fast_copy.MANIMS_COPY)
    monkeypatch.delattr(ManimColor, "__deepcopy__", raising=False)
    manims = group.copy()
    fast_copy.use_fast_copy()
    fast = group.copy()
    assert key(fast) == key(manims) == key(group)
    assert fast.shared is fast[2].points and fast.shared is not group.shared
    fast[2].points[0, 0] += 1
    fast[2].set_fill("#ff0000", 0.9)
    fast[0].set_color("#00ff00")
    assert key(group) == key(manims)  # changing the copy left the original as it was
    assert len(fast[3].updaters) == 1 and fast[3].updaters[0] is not None
    assert copy.deepcopy(ManimColor("#123456")).to_hex() == "#123456"
