"""The BCE_* environment settings, read once, with one-line errors instead of tracebacks."""

from __future__ import annotations

import os
import sys
from functools import cache

from bce_math import DatasetError, Walkthrough, default_dataset, load_dataset, walkthrough


@cache
def current_story() -> Walkthrough:
    """The Walkthrough of BCE_DATA (a CSV file) or of the article's dataset when unset.

    A bad file stops the process before anything renders: one line on stderr, exit code 2.
    """
    path = os.environ.get("BCE_DATA", "").strip()
    try:
        dataset = load_dataset(path) if path else default_dataset()
    except DatasetError as err:
        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(2) from None
    return walkthrough(dataset)
