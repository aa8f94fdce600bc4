"""Manim's Text, Code and SVG shapes, without what they keep only to be built; a Text set from glyphs.

Works around manim 0.21.0's text mobjects, which keep each glyph's parsed SVG path, a Text's SVG
groups by element id and a Code's parsed HTML after they are built: every animation deep-copies
the mobjects it moves and every play call hashes all mobjects on screen, and these parts were
most of that work for text and formulas. A Text set from glyphs typeset once is given the
attributes Text.__init__ gives one typeset by Pango.
"""

from __future__ import annotations

from collections.abc import Iterable

from manim import Code, Mobject, Text, VGroup, VMobject


def drop_parsed_paths(mobjects: Iterable[Mobject]) -> None:
    """Let go of the parsed SVG path each shape keeps after making its points from it.

    Manim reads it only while making the shape, yet every copy of a glyph deep-copied it, and it
    entered each partial movie's key (differently once pickled: a loaded shape missed the cache).
    """
    for mobject in mobjects:
        for part in mobject.get_family():
            if getattr(part, "path_obj", None) is not None:
                part.path_obj = None


def lighten(mobject: VMobject) -> VMobject:
    """Drop what Manim needs only to build text: each glyph's parsed SVG path, for Text the SVG's
    groups by element id (MathTex keeps these: it colours by them), for Code the parsed HTML of the
    highlighted listing. The mobject itself, lightened."""
    drop_parsed_paths([mobject])
    for part in mobject.get_family():
        if isinstance(part, Text):
            part.id_to_vgroup_dict = {}
        if isinstance(part, Code):
            part._code_html = None
    return mobject


def without_glyphs(text: Text) -> Text:
    """Take text's glyphs out of it (whoever holds them keeps them) and return a copy of what is
    left: the Text's own attributes (font, size, colour), to set other glyphs in (set_glyphs)."""
    text.submobjects, text.chars = [], VGroup()
    return text.copy()


def set_glyphs(empty: Text, glyphs: Iterable[VMobject], string: str) -> Text:
    """A copy of empty (from without_glyphs) holding glyphs, placed where they are, as the Text of
    string: its characters, its text and its height as Text.__init__ sets them."""
    text = empty.copy()
    for glyph in glyphs:
        text.add(glyph)
    text.chars = VGroup(*text.submobjects)
    text.text = text.original_text = string
    text.initial_height = text.height
    return text
