"""Files written whole or not at all: every file the project writes goes through here.

A file is written under a name private to its process and renamed into place when complete, so a
kill, Ctrl-C or a second render at once never leaves a half-written file under a name someone
reads. What a dead process leaves behind under a private name is removed by the next run.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
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
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


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
