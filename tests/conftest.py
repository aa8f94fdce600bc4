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
from hypothesis import settings

# Property tests draw the same examples in every run (derandomised, no example database): a red
# suite is red for a reason that is red again. HYPOTHESIS_PROFILE=explore draws new ones, to look
# for bugs by hand; what it finds is then pinned with @example.
settings.register_profile("repeatable", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", max_examples=500, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def full(tmp_path_factory):
    """The full story built headless once for every scene test: after each animation and inside it."""
    from scenes import story
    from tests.oracle import stage_view
    from tests.scene_checks import build

    return build(story.FullStory, tmp_path_factory.mktemp("media"), view=stage_view)


# Files that read the one headless build of the story (`full`, made once per worker): they go to
# the same worker as one unit, so the story is built once per session, not once per worker.
SHARING_THE_STORY_BUILD = (
    "tests/chapters/test_screen_against_oracle.py",
    "tests/chapters/test_frames.py",
    "tests/narration/test_notation.py",
)


def pytest_xdist_make_scheduler(config, log):
    """Whole files per worker (--dist loadfile), with the files sharing the story build as one unit.

    (pytest-xdist's own --dist loadgroup would do it with a mark, but it stopped grouping with
    pytest 9.2: pytest-xdist issue 1386.)
    """
    from xdist.scheduler import LoadFileScheduling

    class SharedBuildScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            scope = super()._split_scope(nodeid)
            return "the story's headless build" if scope in SHARING_THE_STORY_BUILD else scope

    return SharedBuildScheduling(config, log)


# The longest files first: the two workers take whole files in this order, and a long one
# started last would leave the other worker idle at the end.
LONGEST_FIRST = [
    "test_render.py",
    "test_screen_against_oracle.py",
    "test_extreme_data.py",
    "test_voice.py",
    "test_frames.py",
]


def pytest_collection_modifyitems(items):
    def rank(item) -> int:
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: the tests of a file keep their order
