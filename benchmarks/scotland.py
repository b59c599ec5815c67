"""How long the all-Scotland import takes, and the advanced table at every level of its output.

Reads the published files in place (by default ../shared/realdata) and writes the data set to a
temporary folder, never over data/scotland.

    .venv/bin/python benchmarks/scotland.py [--source DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from pmf_kit.data.dataset import open_dataset
from pmf_kit.explore.advanced_table import table
from pmf_kit.importers.scotland_2011 import import_scotland_2011

INDICATORS = ["income_deprived", "employment_deprived", "simd_most_deprived_20pct"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "realdata")
    source = parser.parse_args().source
    with tempfile.TemporaryDirectory(prefix="pmf_kit-bench-") as scratch:
        target = Path(scratch) / "scotland"
        started = time.perf_counter()
        import_scotland_2011(source, target, progress=lambda message: None)
        print(f"import scotland-2011 from {source}: {time.perf_counter() - started:6.1f} s")
        started = time.perf_counter()
        dataset = open_dataset(target)
        print(f"open_dataset (validate lookup, catalogue, values):      {time.perf_counter() - started:6.1f} s")
        for level in dataset.level_ids:
            started = time.perf_counter()
            rows = table(dataset, INDICATORS, level, period="all")
            print(f"table of {len(INDICATORS)} indicators, all periods, {level:>18}: "
                  f"{time.perf_counter() - started:6.2f} s, {len(rows):>6,} rows")


if __name__ == "__main__":
    main()
