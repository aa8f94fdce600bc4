"""Print the cache key of the story's state after each animation, FullStory built headless."""

import tempfile

from scenes.engine import play_hash as play_hash_module
from scenes.engine.play_hash import play_hash
from scenes.story import FullStory
from tests.scene_checks import build


def main() -> None:
    def refuse(*args):
        raise AssertionError("play_hash fell back to Manim's key")

    play_hash_module.get_hash_from_play_call = refuse  # the story must never need the slow key
    keys = []

    class Keyed(FullStory):
        def play(self, *args, **kwargs):
            super().play(*args, **kwargs)
            keys.append(play_hash(self, self.camera, [], self.mobjects))

    with tempfile.TemporaryDirectory() as media:
        build(Keyed, media, inside=False)
    print("\n".join(f"key {k}" for k in keys))
