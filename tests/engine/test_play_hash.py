"""The partial-movie cache key (scenes/engine/play_hash.py): what changes it, what must not, and that
it is the same in every run, so a re-render finds the movies of the last one."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from manim import BLUE, Circle, FadeIn, Scene, Square, Wait
from manim.animation.animation import prepare_animation
from manim.camera.camera import Camera

from scenes.engine.play_hash import play_hash
from scenes.stage.lettering import label
from scenes.stage.live import LiveValue
from scenes.stage.pointing import dim

ROOT = Path(__file__).resolve().parents[2]


def key(*mobjects, animations=()) -> str:
    scene = Scene()
    return play_hash(scene, scene.camera, list(animations), list(mobjects))


def test_same_content_gives_the_same_key():
    assert key(label("loss"), Circle()) == key(label("loss"), Circle())
    assert key(Circle(), animations=[Wait(2)]) == key(Circle(), animations=[Wait(2)])


def test_what_is_drawn_changes_the_key():
    base = key(label("loss"), Circle())
    assert key(label("loss "), Circle()) != base
    assert key(label("loss"), Circle().set_color(BLUE)) != base
    assert key(label("loss"), Circle().shift([0.001, 0, 0])) != base
    assert key(label("loss"), Circle(), Square()) != base
    assert key(Circle(), animations=[Wait(2)]) != key(Circle(), animations=[Wait(3)])
    circle = Circle()
    assert key(circle, animations=[FadeIn(circle)]) != key(circle, animations=[FadeIn(circle, shift=[1, 0, 0])])


def test_an_updater_keys_by_its_code_and_the_values_it_closes_over():
    def mover(step):
        return lambda mobject, dt: mobject.shift([step * dt, 0, 0])

    assert key(Circle().add_updater(mover(1))) == key(Circle().add_updater(mover(1)))
    assert key(Circle().add_updater(mover(1))) != key(Circle().add_updater(mover(2)))
    assert key(Circle().add_updater(mover(1))) != key(Circle().add_updater(lambda m, dt: m.shift([dt, 0, 0])))


def test_copies_key_alike_whatever_their_originals_address():
    # Manim stamps each copy with its original's memory address; that must not enter the key.
    first, second = Circle(color=BLUE), Circle(color=BLUE)
    assert key(first.copy()) == key(second.copy())


def test_a_readout_keys_by_what_it_shows_not_by_the_values_it_went_through():
    # Manim reuses a cached animation by jumping to its end: the state after it must be the same.
    drawn, jumped = LiveValue("loss", 0.9), LiveValue("loss", 0.9)
    for value in (0.71234, 0.5, 0.40001, 0.333, 0.3329):
        drawn.set_value(value)
    jumped.set_value(0.3329)
    assert key(drawn) == key(jumped)


def test_what_pickle_cannot_write_falls_back_to_manims_key():
    circle = Circle()
    circle.lock = threading.Lock()
    assert key(circle).count("_") == 2  # Manim's key: camera_animations_mobjects


@pytest.mark.story
def test_story_keys_are_the_same_in_every_run(tmp_path):
    """The state after every animation of the whole story, keyed in two processes with different
    string hashing (set order): the keys must match, or re-renders would miss the cache. Both start
    on a new typesetting folder at once, so each parses some texts and loads others the other one
    parsed (the code listing's index of its shapes once keyed differently then)."""
    script = "from tests.play_hash_keys import main; main()"
    environment = {**os.environ, "BCE_TEST_TYPESETTING": str(tmp_path)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**environment, "PYTHONHASHSEED": seed},
            stdout=subprocess.PIPE,
            text=True,
        )
        for seed in ("1", "2")
    ]
    first, second = (
        [line for line in run.communicate(timeout=600)[0].splitlines() if line.startswith("key ")] for run in runs
    )
    assert all(run.returncode == 0 for run in runs)
    assert len(first) > 100
    assert first == second


def test_end_states_a_few_bits_apart_key_alike():
    # A drawn animation reaches its end frame by frame, a cached one in one jump: the last bits differ.
    moved, jumped = Circle(), Circle()
    for _ in range(60):
        moved.shift([0.1 / 60, 0, 0])
    jumped.shift([0.1, 0, 0])
    assert not np.array_equal(moved.points, jumped.points)
    assert key(moved) == key(jumped)


def test_dimming_ends_alike_drawn_or_jumped():
    """dim() leaves the same state whether its frames were drawn or it jumped to its end (a cached render)."""
    drawn, jumped = Square(), Square()
    for mobject, alphas in ((drawn, [0.0, 0.3, 0.7, 0.98]), (jumped, [1.0])):
        animation = prepare_animation(dim([mobject])[0])
        animation.begin()
        for alpha in alphas:
            animation.interpolate(alpha)
        animation.finish()
    assert key(drawn) == key(jumped)


def test_partial_movies_of_an_older_encoding_are_not_reused(monkeypatch):
    """The key carries the encoding's version: after a change to how movies are encoded, a cache
    of older ones (say, with the millisecond edit lists) is rendered again, not joined."""
    from scenes.engine import play_hash as module

    square = Square()
    key = module.play_hash(None, Camera(), [], [square])
    monkeypatch.setattr(module, "PARTIAL_MOVIES", b"encoding 1")
    assert module.play_hash(None, Camera(), [], [square]) != key
