"""Datasets: the article's ten points and CSV files of the user's own."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MIN_POINTS = 2
# More than this and the per-point bars and labels stop being readable at 480p.
MAX_POINTS = 40
# Largest |x| accepted. Floats near 1e15 are 0.125 apart, still fine enough for a number line; far
# beyond, neighbouring points (and ticks) merge, and at 1e308 the axis's span overflows.
MAX_ABS_X = 1e15
_MAX_ABS_X_TEXT = f"{MAX_ABS_X:.0e}".replace("e+", "e")  # as a file would write it: 1e15

# Lines end as in universal-newlines mode (\r\n, \r or \n), not at every break str.splitlines
# knows (form feed, U+2028, ...), which a comment may hold: line numbers match any text editor's.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINE_BREAK_BYTES = re.compile(rb"\r\n|\r|\n")
# What a CSV reader reads as a number: ASCII digits only (float() also takes "1_000" and other
# scripts' digits such as Arabic-Indic), optional sign, fraction and exponent.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NOT_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)


class DatasetError(ValueError):
    """A dataset file breaks a rule; the message is one line: ``path:line: what is wrong``.

    Line 0 means the file as a whole (missing, unreadable).
    """

    def __init__(self, path: str | Path, line: int, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        super().__init__(f"{self.path}:{line}: {problem}")


@dataclass(frozen=True, eq=False)
class Dataset:
    """Points on one feature axis with binary labels (1 = positive/green, 0 = negative/red)."""

    x: np.ndarray
    y: np.ndarray
    name: str = "dataset"

    def __post_init__(self) -> None:
        x = np.asarray(self.x, dtype=float)
        y = np.asarray(self.y)
        if x.ndim != 1 or x.shape != y.shape:
            raise ValueError("x and y must be 1-D arrays of the same length")
        if not np.all(np.isfinite(x)):
            raise ValueError("x must be finite")
        if np.any(np.abs(x) > MAX_ABS_X):
            raise ValueError(f"x must be between -{_MAX_ABS_X_TEXT} and {_MAX_ABS_X_TEXT}")
        if not np.all((y == 0) | (y == 1)):
            raise ValueError("y must hold only 0 and 1")
        x.setflags(write=False)
        y = y.astype(int)
        y.setflags(write=False)
        object.__setattr__(self, "x", x)
        object.__setattr__(self, "y", y)

    def __len__(self) -> int:
        return len(self.x)


def default_dataset() -> Dataset:
    """The article's ten points: three red (y = 0) and seven green (y = 1)."""
    return Dataset(
        x=np.array([-2.2, -1.4, -0.8, 0.2, 0.4, 0.8, 1.2, 2.2, 2.9, 4.6]),
        y=np.array([0, 0, 1, 0, 1, 1, 1, 1, 1, 1]),
        name="article",
    )


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DatasetError(path, 0, "file not found") from None
    except IsADirectoryError:
        raise DatasetError(path, 0, "is a directory, not a CSV file") from None
    except OSError as err:
        raise DatasetError(path, 0, f"cannot read file ({err.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        # err.object is what was decoded: the bytes after the BOM, if there is one.
        line = len(_LINE_BREAK_BYTES.findall(err.object[: err.start])) + 1
        raise DatasetError(path, line, "not UTF-8 text (save the file as UTF-8)") from None


def _parse_x(path: Path, line: int, text: str) -> float:
    if _NOT_FINITE.fullmatch(text):
        raise DatasetError(path, line, f"x must be finite, got {text!r}")
    if not _NUMBER.fullmatch(text):
        raise DatasetError(path, line, f"x must be a number, got {text!r}")
    value = float(text)
    if not abs(value) <= MAX_ABS_X:  # 1e999 reads as inf
        raise DatasetError(path, line, f"x must be between -{_MAX_ABS_X_TEXT} and {_MAX_ABS_X_TEXT}, got {text!r}")
    return value


def _parse_y(path: Path, line: int, text: str) -> int:
    if text not in ("0", "1"):
        raise DatasetError(path, line, f"y must be 0 or 1, got {text!r}")
    return int(text)


def load_dataset(path: str | Path) -> Dataset:
    """Read a CSV with header ``x,y``; ``#`` comments and blank lines are skipped.

    Raises DatasetError (one line, ``path:line: problem``) on the first rule broken.
    """
    path = Path(path)
    xs: list[float] = []
    ys: list[int] = []
    header_line = 0
    last_line = 0
    for number, raw_line in enumerate(_LINE_BREAK.split(_decode(path)), start=1):
        content = raw_line.split("#", 1)[0].strip()
        if not content:
            continue
        last_line = number
        fields = [field.strip() for field in content.split(",")]
        if not header_line:
            if [field.lower() for field in fields] != ["x", "y"]:
                raise DatasetError(path, number, f"header must be 'x,y', got {content!r}")
            header_line = number
            continue
        if len(fields) != 2:
            raise DatasetError(path, number, f"expected 2 values 'x,y', got {len(fields)}")
        if len(xs) == MAX_POINTS:
            raise DatasetError(path, number, f"too many points: at most {MAX_POINTS} keep the video legible")
        xs.append(_parse_x(path, number, fields[0]))
        ys.append(_parse_y(path, number, fields[1]))
    if not header_line:
        raise DatasetError(path, 1, "no header: the first line must be 'x,y'")
    if len(xs) < MIN_POINTS:
        raise DatasetError(path, last_line, f"need at least {MIN_POINTS} points, found {len(xs)}")
    if len(set(ys)) < 2:
        only = ys[0]
        raise DatasetError(path, last_line, f"both classes needed, every y is {only} (add a point with y={1 - only})")
    return Dataset(x=np.array(xs), y=np.array(ys), name=path.stem)
