"""The binary cross-entropy story, Manim's entry point. Render it all, or any chapter alone:

manim -qh scenes/story.py FullStory
manim -qh scenes/story.py Feature

Each chapter's scene class (Title, Feature, ... Closing) is made here from the chapter list in
scenes/chapters, named by scene_name.
"""

from __future__ import annotations

import sys

from scenes.chapters import CHAPTERS, ChapterScene, play_all, scene_name
from scenes.settings import current_settings, current_story
from scenes.stage.scene import StoryScene
from scenes.timeline import Timeline
from scenes.tracks.lay import lay_tracks
from scenes.tracks.voice import Narrator

# Refuse bad settings (BCE_THEME, BCE_LANG, BCE_DATA) before Manim builds any scene; say which are in effect.
current_story()
print(current_settings().describe(), file=sys.stderr)


class Told(Narrator):
    """What a scene rendered by Manim's CLI adds to the stage: a voice, and once its video is written,
    the record beside it and its tracks (subtitles; narrated, the soundtrack) laid from it."""

    def recorded(self, timeline: Timeline) -> None:
        lay_tracks(timeline, self.story)
        timeline.write()


class FullStory(Told, StoryScene):
    """Title card and every chapter in order, one section per chapter."""

    def construct(self) -> None:
        play_all(self)


def _chapter_scene(chapter) -> type[ChapterScene]:
    """The scene class that renders one chapter alone (found by Manim's CLI in this module)."""
    name = scene_name(chapter)
    doc = f"Chapter {CHAPTERS.index(chapter)} alone: {(chapter.__doc__ or name).splitlines()[0]}"
    return type(name, (Told, ChapterScene), {"chapter": staticmethod(chapter), "__module__": __name__, "__doc__": doc})


CHAPTER_SCENES: dict[str, type[ChapterScene]] = {scene_name(chapter): _chapter_scene(chapter) for chapter in CHAPTERS}
globals().update(CHAPTER_SCENES)
