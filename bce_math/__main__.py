"""Command line: ``python -m bce_math check FILE.csv``."""

from __future__ import annotations

import argparse
import sys

from bce_math.dataset import DatasetError, load_dataset
from bce_math.display import fmt
from bce_math.walkthrough import walkthrough


def main(argv: list[str] | None = None) -> int:
    """Check a dataset file and print what the video would show about it."""
    parser = argparse.ArgumentParser(prog="python -m bce_math", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate a CSV (header x,y) and print its fit and loss")
    check.add_argument("file")
    args = parser.parse_args(argv)
    try:
        story = walkthrough(load_dataset(args.file))
    except DatasetError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"{args.file}: ok")
    print(f"points    {story.n} ({story.n_negative} with y=0, {story.n_positive} with y=1)")
    print(f"fit       w = {fmt(story.w)}, b = {fmt(story.b)}")
    print(f"log loss  {fmt(story.mean_loss)}" + ("  (probabilities clipped)" if story.clipped else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
