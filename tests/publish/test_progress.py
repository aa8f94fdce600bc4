"""The render's progress off a terminal: a line per chapter, whatever the timing of the processes."""

import io

from scenes.publish.progress import Progress


def test_two_chapters_finished_between_two_looks_give_two_lines():
    """Both processes can finish a chapter between two looks: the log must still count each one (the
    course test saw 22 lines for 23 chapters once the two processes ended together)."""
    log = io.StringIO()
    progress = Progress(4, stream=log)
    progress.update(1, 100)
    progress.update(3, 350)  # one chapter from each process at once
    progress.update(3, 360)  # more frames, no chapter: no line
    progress.update(4, 400)
    lines = log.getvalue().splitlines()
    assert [line.split()[1] for line in lines] == ["1/4", "2/4", "3/4", "4/4"]
    assert lines[-1].startswith("[render] 4/4 chapters (100 %), 400 frames")
