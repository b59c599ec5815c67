"""What the one suppression decision costs: computed from nothing, read from the cache, and for a
custom area set on top, on the sample and (where built) the all-Scotland data set.

The decision is made once per data set content and kept in the cache folder (PMF_KIT_CACHE), so
a batch pays the cold figure once and every report after it the warm one. Runs in a fresh
temporary cache, never the user's.

    .venv/bin/python benchmarks/disclosure.py [DATASET ...] [--custom-areas FILE]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from pmf_kit.data.dataset import open_dataset
from pmf_kit.data.publication import published_sets

DEFAULTS = [("data/sample", "parameters/custom/areas.yaml"), ("data/scotland", None)]


def main() -> None:
    arguments = _arguments()
    chosen = [(path, arguments.custom_areas) for path in arguments.datasets] or DEFAULTS
    for path, custom_areas in chosen:
        if not Path(path).is_dir():
            print(f"{path}: not built, skipped")
            continue
        with tempfile.TemporaryDirectory(prefix="pmf_kit-cache-") as cache:
            os.environ["PMF_KIT_CACHE"] = cache
            _measure(path, custom_areas)


def _measure(path: str, custom_areas: str | None) -> None:
    started = time.perf_counter()
    dataset = open_dataset(path)
    opened = time.perf_counter() - started
    sets = published_sets(dataset)
    families = dataset.values[["indicator_id", "period"]].drop_duplicates()
    print(f"{path}: {len(dataset.geography.lookup):,} data zones, {len(sets.codes):,} published sets, "
          f"{len(families)} indicator-periods; opened in {opened:.1f} s")
    cold = _timed(lambda: open_dataset(path).disclosure)
    warm = _timed(lambda: open_dataset(path).disclosure)
    decision = open_dataset(path).disclosure.decision
    counts = decision["suppressed"].value_counts()
    print(f"  decision: {cold:.1f} s computed, {warm:.1f} s from the cache (open included); "
          f"{counts.get('primary', 0):,} primary, {counts.get('secondary', 0):,} secondary")
    if custom_areas:
        cold = _timed(lambda: open_dataset(path, custom_areas=custom_areas).disclosure)
        warm = _timed(lambda: open_dataset(path, custom_areas=custom_areas).disclosure)
        print(f"  with {custom_areas}: {cold:.1f} s computed on top, {warm:.1f} s from the cache")


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets", nargs="*", help="data set folders (default: data/sample, data/scotland)")
    parser.add_argument("--custom-areas", help="a custom areas file decided on top")
    return parser.parse_args()


if __name__ == "__main__":
    main()
