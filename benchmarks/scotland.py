"""How long the all-Scotland imports take, on the 2011 and on the 2022 data zones (goal: each under
30 s on a 2-core machine), adding the worked example's partner data, and the advanced table at
every level of the 2011 data set.

Reads the published files in place (by default ../shared/realdata) and writes the data set to a
temporary folder, never over data/scotland. Run it alone (flock /tmp/pmf-heavy.lock ...) for
figures worth quoting.

    .venv/bin/python benchmarks/scotland.py [--source DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from pmf_kit.data.dataset import open_dataset
from pmf_kit.explore.advanced_table import table
from pmf_kit.importers.add_indicators import add_indicators
from pmf_kit.importers.scotland_2011 import import_scotland_2011
from pmf_kit.importers.scotland_2022 import import_scotland_2022

INDICATORS = ["income_deprived", "crime_rate", "drive_time_gp", "life_expectancy_female", "migration_in"]
IMPORT_GOAL_SECONDS = 30
EXAMPLE_SPEC = Path(__file__).resolve().parents[1] / "docs" / "examples" / "fife-community-safety.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "realdata")
    source = parser.parse_args().source
    with tempfile.TemporaryDirectory(prefix="pmf_kit-bench-") as scratch:
        for kind, build in (("scotland-2022", import_scotland_2022), ("scotland-2011", import_scotland_2011)):
            target = Path(scratch) / kind
            started = time.perf_counter()
            summary = build(source, target, progress=lambda message: None)
            seconds = time.perf_counter() - started
            megabytes = sum(summary.file_sizes.values()) / 1e6
            print(f"import {kind} from {source}: {seconds:6.1f} s "
                  f"(goal under {IMPORT_GOAL_SECONDS} s: {'met' if seconds < IMPORT_GOAL_SECONDS else 'NOT met'}), "
                  f"{megabytes:.0f} MB written")
        started = time.perf_counter()
        add_indicators(target, EXAMPLE_SPEC)
        print(f"add-indicators, worked example (494 data zones x 3 years): {time.perf_counter() - started:6.1f} s")
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
