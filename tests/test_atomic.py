"""Files written whole or not at all (scenes/atomic.py): a file takes its name only once complete,
files that belong together take theirs with Ctrl-C held back until all have."""

from __future__ import annotations

import os
import signal

import pytest

from scenes.atomic import private_name, rename_into_place, renamed_together, written_atomically


def test_a_file_takes_its_name_when_the_block_succeeds(tmp_path):
    target = tmp_path / "clip.wav"
    target.write_text("old")
    with written_atomically(target) as partial:
        assert partial == private_name(target) and partial.parent == tmp_path
        partial.write_text("new")
        assert target.read_text() == "old"  # nobody sees the new file before it is whole
    assert target.read_text() == "new"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["clip.wav"]


def test_a_failed_block_leaves_the_old_file_and_nothing_else(tmp_path):
    target = tmp_path / "model.onnx"
    target.write_text("old")
    with pytest.raises(RuntimeError), written_atomically(target) as partial:
        partial.write_text("half")
        raise RuntimeError("the parts do not match their sha256")
    assert target.read_text() == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["model.onnx"]


def test_a_file_chosen_among_several_takes_its_name(tmp_path):
    candidates = [private_name(tmp_path / f"gain{index}.wav") for index in range(3)]
    for index, path in enumerate(candidates):
        path.write_text(str(index))
    rename_into_place(candidates[1], tmp_path / "clip.wav")
    assert (tmp_path / "clip.wav").read_text() == "1" and not candidates[1].exists()


@pytest.fixture
def interruptible():
    """Ctrl-C raises KeyboardInterrupt in this test, whatever the runner installed."""
    handler = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, handler)


def test_files_renamed_together_are_all_in_place_before_ctrl_c_stops(tmp_path, monkeypatch, interruptible):
    """Ctrl-C just before the first rename (a real SIGINT) stops the process only after the last."""
    names = ["FullStory.mp4", "FullStory.en.srt", "FullStory.en.vtt"]
    staged = [private_name(tmp_path / name) for name in names]
    for path in staged:
        path.write_text("new")
    replace, renamed = os.replace, []

    def interrupted_replace(source, destination):
        if not renamed:
            os.kill(os.getpid(), signal.SIGINT)
        replace(source, destination)
        renamed.append(destination)

    monkeypatch.setattr(os, "replace", interrupted_replace)
    with pytest.raises(KeyboardInterrupt):
        renamed_together(zip(staged, [tmp_path / name for name in names], strict=True))
    assert len(renamed) == 3
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(names)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # nothing left held back


def test_ctrl_c_is_held_back_while_numpys_threads_run(tmp_path, monkeypatch, interruptible):
    """numpy's OpenBLAS starts threads of its own; a signal the main thread blocked went to one of
    them and still stopped the renames half way (pthread_sigmask): the same Ctrl-C with them running."""
    import numpy  # noqa: F401 (its threads)

    assert len(os.listdir("/proc/self/task")) > 1
    test_files_renamed_together_are_all_in_place_before_ctrl_c_stops(tmp_path, monkeypatch, None)
