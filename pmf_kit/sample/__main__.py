"""`python -m pmf_kit.sample OUT_DIR`: write the synthetic sample data set to OUT_DIR."""

from __future__ import annotations

import argparse

from pmf_kit.sample import generate_sample


def main() -> None:
    """Parse the one argument and generate the sample there."""
    parser = argparse.ArgumentParser(
        prog="python -m pmf_kit.sample",
        description="Write the deterministic synthetic sample data set (pmf_kit format).")
    parser.add_argument("out_dir", help="folder to write; replaced in one step if it exists")
    arguments = parser.parse_args()
    generate_sample(arguments.out_dir)
    print(f"sample data set written to {arguments.out_dir}")


if __name__ == "__main__":
    main()
