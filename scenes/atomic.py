"""Files written whole or not at all: every file the project writes goes through here.

A file is written under a name private to its process and renamed into place when complete, so a
kill, Ctrl-C or a second render at once never leaves a half-written file under a name someone
reads. What a dead process leaves behind under a private name is removed by the next run.

Every rename into place in the project is one of these (tests/test_architecture.py): one file
(written_atomically, or rename_into_place for a file chosen among several written), or files that
belong together (renamed_together). The one exception is publish/course.py's swap of the whole
course folder: renameat2's exchange of two folders, so the old course stands until the new one does.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

# Private files are named ".<name>.<pid>.partial.<ext>", private folders ".<pid>.partial.<random>".
_OWNER = re.compile(r"\.(\d+)\.partial\.")


def private_name(path: Path) -> Path:
    """A sibling of path that only this process writes: hidden, and named after the process."""
    return path.with_name(f".{path.stem}.{os.getpid()}.partial{path.suffix}")


@contextmanager
def written_atomically(path: Path) -> Iterator[Path]:
    """A private name to write path's new content under; renamed to path when the block succeeds."""
    partial = private_name(path)
    try:
        yield partial
        rename_into_place(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def rename_into_place(written: Path, path: Path) -> None:
    """A file written whole under a private name takes path's name, in one step: a reader finds the
    old file or the new one, never a part of either."""
    os.replace(written, path)


def renamed_together(moves: Iterable[tuple[Path, Path]]) -> None:
    """Files written whole under private names take their names (each move: written, path), one after
    another, with Ctrl-C and TERM held back until all are in place: a signal then stops the process
    after them, and never leaves some new and some old (a new video with the old subtitles).

    Held by Python's handlers, in the main thread (where they run): blocking the signals there
    (pthread_sigmask) held nothing once numpy had started threads, which then took the signal."""
    held: list[int] = []
    handlers = {number: signal.signal(number, lambda number, frame: held.append(number)) for number in _STOPS}
    try:
        for written, path in moves:
            rename_into_place(written, path)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        for number in dict.fromkeys(held):
            signal.raise_signal(number)  # as it came: its own handler now runs


_STOPS = (signal.SIGINT, signal.SIGTERM)


def private_folder(parent: Path) -> tempfile.TemporaryDirectory:
    """A work folder inside parent that only this process uses, removed when done (or by remove_orphans)."""
    return tempfile.TemporaryDirectory(dir=parent, prefix=f".{os.getpid()}.partial.")


def usable(path: Path, check: Callable[[Path], bool]) -> bool:
    """Whether a cached file can be used as it is; a bad one (cut short before these rules) is removed."""
    if not path.exists():
        return False
    if check(path):
        return True
    path.unlink(missing_ok=True)
    return False


def remove_orphans(folder: Path) -> None:
    """Delete private files and folders left in folder by processes that no longer run."""
    if not folder.is_dir():
        return
    for path in folder.glob(".*.partial*"):
        owner = _OWNER.search(path.name)
        if owner and not _running(int(owner.group(1))):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# What stops a write for a reason the user can fix: permissions, a read-only disk, a file where a
# folder is needed, no space.
_CANNOT_WRITE = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST, errno.EISDIR}
_NO_SPACE = {errno.ENOSPC, errno.EDQUOT}


def cannot_write(error: OSError, folder: Path, command: str) -> str | None:
    """One line for a permission or space error met writing under folder: the folder and what
    command needs there; None for any other error (a bug: its traceback is wanted). The file is
    not named: it is a private name, or (shutil's copies) the source."""
    if error.errno in _NO_SPACE:
        return f"no space left in {_shown(folder)} ({error.strerror}); {command} needs more free space there"
    if error.errno in _CANNOT_WRITE:
        reason = "a file where a folder is needed" if error.errno in (errno.EEXIST, errno.ENOTDIR) else error.strerror
        return f"cannot write in {_shown(folder)} ({reason}); {command} needs a folder it can write"
    return None


def _shown(path: Path) -> Path:
    """path as the user typed it: relative to the current folder when inside it."""
    path = Path(path)
    return path.relative_to(Path.cwd()) if path.is_absolute() and path.is_relative_to(Path.cwd()) else path


def stop_quietly_while_loading() -> None:
    """Ctrl-C (or a kill) while a command's modules load (seconds: Manim), before anything is
    written: one line, exit 130, no traceback. The command installs its own handling once loaded."""

    def stopped(number: int, frame: object) -> None:
        print("error: interrupted; nothing was written", file=sys.stderr, flush=True)
        os._exit(130)

    signal.signal(signal.SIGINT, stopped)
    signal.signal(signal.SIGTERM, stopped)


def interrupt_once() -> None:
    """Ctrl-C (SIGINT) and a kill (SIGTERM) raise KeyboardInterrupt in the main thread, once: a
    second one while the first is being handled is ignored (no traceback from the cleanup)."""

    def interrupted(number: int, frame: object) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)
