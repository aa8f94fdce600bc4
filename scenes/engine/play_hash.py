"""A faster key for Manim's partial-movie cache: the same inputs as Manim's own, hashed directly.

Manim names each animation's partial movie after a hash of the camera, the animations and every
mobject on screen (manim.utils.hashing): it turns each object's attributes, recursively, into
JSON in Python and CRC32s the text. Every play call walks every glyph of every label on screen;
for this story that is 14 s of CPU per low-quality render (which takes 64 s), 4-5 s here.

play_hash serialises the same objects with pickle, which walks attributes in C, and hashes the
bytes. Where pickle would store a reference, the key needs content, as in Manim's: a function is
written as its source and the values it closes over, the scene as a placeholder, the camera
without its pixels, a file path by its name. Like Manim's, the key depends only on what is on
screen and in the code, never on memory addresses or folders, so a later run finds the partial
movies of an earlier one.
"""

from __future__ import annotations

import hashlib
import inspect
import io
import pickle
from pathlib import PurePath
from types import FunctionType, MethodType, ModuleType
from typing import Any

import numpy as np
from manim.camera.camera import Camera
from manim.utils.hashing import KEYS_TO_FILTER_OUT, get_hash_from_play_call

_SOURCES: dict[Any, str] = {}  # code object -> its source; files do not change during a render
# Manim keeps an image's pixels in the key and leaves out the camera's. The camera makes its table
# of drawing methods when it first draws: whether an earlier animation was drawn or taken from the
# cache must not change the key (it made the first re-render after a cold one draw again).
# An SVG's index of its shapes by element id is left out too: the shapes are in the key as
# submobjects, and the index pickled differently in a process that parsed the SVG and one that
# loaded it from the other's shapes file (the code listing's whole text keeps it: a flaky key).
_LEFT_OUT = (KEYS_TO_FILTER_OUT - {"pixel_array"}) | {"id_to_vgroup_dict"}
_LEFT_OUT_OF_CAMERA = KEYS_TO_FILTER_OUT | {"display_funcs"}
# Changed when the partial movies are encoded differently, so that a cache of older ones is not
# reused: "2" since every movie lasts exactly its frames (scenes/engine/encoder.py, MP4 time scale).
PARTIAL_MOVIES = b"encoding 2"


def _marker(*content: Any) -> None:
    """Stands for an object written by its content; only its name ends up in the bytes."""


class _KeyPickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, scene: Any) -> None:
        super().__init__(file, protocol=4)
        self.scene = scene

    def reducer_override(self, obj: Any) -> Any:
        # Content goes in the reduction's state, written after the object is memoised: a bound
        # updater refers to its mobject, which refers to the updater.
        if obj is _marker:
            return NotImplemented
        if obj is self.scene:
            return _marker, ("scene",)
        if isinstance(obj, type):  # by name, even a class defined inside a function
            return _marker, (f"{obj.__module__}.{obj.__qualname__}",)
        if isinstance(obj, ModuleType):
            return _marker, (obj.__name__,)
        if isinstance(obj, PurePath):  # a cached SVG's file: its content is in the points already
            return _marker, (obj.name,)
        if isinstance(obj, (FunctionType, MethodType)):
            return _marker, ("function",), _function_content(obj)
        if isinstance(obj, np.ndarray) and obj.dtype.kind == "f":
            return _marker, ("array", obj.dtype.str, obj.shape), _rounded(obj).tobytes()
        if isinstance(obj, np.floating):
            return _marker, ("float",), float(_rounded(obj))
        attributes = getattr(obj, "__dict__", None)
        left_out = _LEFT_OUT_OF_CAMERA if isinstance(obj, Camera) else _LEFT_OUT
        if type(attributes) is dict and not left_out.isdisjoint(attributes):
            # A copy's original_id is a memory address, the camera's pixels are the output: written
            # as pickle would write the object without them, so a copy keys like its original.
            constructor, arguments, _state, *rest = obj.__reduce_ex__(4)
            return (
                constructor,
                arguments,
                {key: value for key, value in attributes.items() if key not in left_out},
                *rest,
            )
        return NotImplemented


def _rounded(values):
    """Values as the key sees them: to a millionth (of a scene unit, an opacity...), without -0.

    A drawn animation moves a mobject frame by frame, a cached one jumps to its end: the two end
    states differ in their last bits (an updater stretching a bar from its last height), and the
    next animation's key must not. A millionth of a unit is a ten-thousandth of a pixel at 1080p.
    """
    return np.round(values, 6) + 0.0


def _function_content(function: FunctionType | MethodType) -> dict:
    """What Manim's key takes from a function: its source and the values it uses from outside."""
    code = function.__code__
    if code not in _SOURCES:
        try:
            _SOURCES[code] = inspect.getsource(function)
        except (OSError, TypeError):
            _SOURCES[code] = code.co_name
    closure = inspect.getclosurevars(function)
    values = {**closure.globals, **closure.nonlocals}
    values = {name: value for name, value in values.items() if not isinstance(value, ModuleType)}
    owner = function.__self__ if isinstance(function, MethodType) else None
    return {"source": _SOURCES[code], "values": values, "owner": owner}


def play_hash(scene: Any, camera: Any, animations: list, mobjects: list) -> str:
    """Drop-in for manim.utils.hashing.get_hash_from_play_call."""
    buffer = io.BytesIO()
    try:
        _KeyPickler(buffer, scene).dump((camera, sorted(animations, key=str), mobjects))
    except Exception:
        # Something pickle cannot write (a lock, an open file): Manim's own, slower key.
        return get_hash_from_play_call(scene, camera, animations, mobjects)
    return hashlib.blake2b(buffer.getbuffer(), digest_size=16, salt=PARTIAL_MOVIES).hexdigest()


def use_play_hash() -> None:
    """Make the Cairo renderer key its partial movies with play_hash."""
    from manim.renderer import cairo_renderer

    cairo_renderer.get_hash_from_play_call = play_hash
