"""Scenes built inside the test process are the silent cut: narration changes only how long a beat
holds, and synthesising every sentence would slow each headless build. The narrated cut is
rendered, and listened to, by the tests that ask for it (BCE_VOICE=en)."""

import os

os.environ["BCE_VOICE"] = "off"
