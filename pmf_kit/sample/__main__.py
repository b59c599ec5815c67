"""`python -m pmf_kit.sample OUT_DIR`: write the synthetic sample data set to OUT_DIR."""

from __future__ import annotations

import argparse
import sys

from pmf_kit.sample import generate_sample


def main() -> None:
    """Parse the one argument and generate the sample there; a failed write is one line."""
    parser = argparse.ArgumentParser(
        prog="python -m pmf_kit.sample",
        description="Write the deterministic synthetic sample data set (pmf_kit format).")
    parser.add_argument("out_dir", help="folder to write; replaced in one step if it exists")
    arguments = parser.parse_args()
    try:
        generate_sample(arguments.out_dir)
    except OSError as error:
        print(f"error: could not write {arguments.out_dir}: {error}", file=sys.stderr)
        sys.exit(2)
    print(f"sample data set written to {arguments.out_dir}")


if __name__ == "__main__":
    main()
