"""Scenes built inside the test process are the silent cut: narration changes only how long a beat
holds, and synthesising every sentence would slow each headless build. The narrated cut is
rendered, and listened to, by the tests that ask for it (BCE_VOICE=en)."""

import os
import tempfile

os.environ["BCE_VOICE"] = "off"
# One typesetting folder for the session, made before pytest starts its workers (-n 2), which
# inherit it: tests/scene_checks.py and the renders the tests start typeset into it.
os.environ.setdefault("BCE_TEST_TYPESETTING", tempfile.mkdtemp(prefix="bce-typesetting-"))

import pytest


@pytest.fixture(scope="session")
def full(tmp_path_factory):
    """The full story built headless once for every scene test: after each animation and inside it."""
    from scenes import story
    from tests.oracle import stage_view
    from tests.scene_checks import build

    return build(story.FullStory, tmp_path_factory.mktemp("media"), view=stage_view)
