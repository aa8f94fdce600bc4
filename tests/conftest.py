"""Scenes built inside the test process are the silent cut: narration changes only how long a beat
holds, and synthesising every sentence would slow each headless build. The narrated cut is
rendered, and listened to, by the tests that ask for it (BCE_VOICE=en)."""

import os

os.environ["BCE_VOICE"] = "off"

import pytest


@pytest.fixture(scope="session")
def full(tmp_path_factory):
    """The full story built headless once for every scene test: after each animation and inside it."""
    from scenes import story
    from tests.oracle import stage_view
    from tests.scene_checks import build

    return build(story.FullStory, tmp_path_factory.mktemp("media"), view=stage_view)
