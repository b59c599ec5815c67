"""How long a report takes, against the floor every report pays, and what --jobs 2 buys.

The floor is papermill + nbconvert of a notebook that only imports what reports import (pandas,
altair, geopandas, pmf_kit): kernel start, imports and rendering. A report much slower than the
floor spends its time in pmf_kit or the notebook; one close to it can only get faster by doing
less per process. Reports are written to a temporary folder, never over reports/.

    .venv/bin/python benchmarks/reports.py [RUN_SET] [--reports N] [--floor-runs N]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import tempfile
import time
from pathlib import Path

from pmf_kit.batch.runner import ReportOutcome, run_batch, select_reports
from pmf_kit.batch.runsets import Report, load_run_sets

from floor import floor_seconds


def main() -> None:
    arguments = _arguments()
    reports = select_reports(load_run_sets(arguments.run_set))[: arguments.reports]
    print(f"run set {arguments.run_set}: timing {len(reports)} report(s) of {reports[0].notebook}")

    with tempfile.TemporaryDirectory(prefix="pmf_kit-bench-") as scratch:
        scratch = Path(scratch)
        floor = statistics.median(floor_seconds() for _ in range(arguments.floor_runs))
        serial_wall, serial = _timed_batch(reports, scratch / "jobs1", jobs=1)
        parallel_wall, _ = _timed_batch(reports, scratch / "jobs2", jobs=2)
        sizes = [path.stat().st_size for path in (scratch / "jobs1").glob("*.html")]

    failed = [outcome for outcome in serial if not outcome.succeeded]
    per_report = statistics.median(outcome.seconds for outcome in serial)
    print(f"floor (empty notebook importing pandas, altair, geopandas, pmf_kit): {floor:6.2f} s")
    print(f"seconds per report, median of --jobs 1 runs (warm kernel):     {per_report:6.2f} s")
    print(f"ratio report / floor:                                          {per_report / floor:6.2f}")
    print(f"batch wall time, --jobs 1: {serial_wall:6.1f} s ({serial_wall / len(reports):.2f} s/report)")
    print(f"batch wall time, --jobs 2: {parallel_wall:6.1f} s ({parallel_wall / len(reports):.2f} s/report)")
    print(f"speed-up with --jobs 2: {serial_wall / parallel_wall:.2f}x")
    if sizes:
        print(f"HTML size per report: median {statistics.median(sizes) / 1e6:.2f} MB")
    for outcome in failed:
        print(f"FAILED {outcome.error}")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_set", nargs="?", default="parameters/sample/",
                        help="run-set file or folder (default: parameters/sample/)")
    parser.add_argument("--reports", type=int, default=4, help="reports to time (default 4)")
    parser.add_argument("--floor-runs", type=int, default=3, help="runs of the floor (default 3)")
    return parser.parse_args()


def _timed_batch(reports: list[Report], folder: Path, jobs: int) -> tuple[float, list[ReportOutcome]]:
    """Wall time of a batch whose HTML goes to `folder` instead of the run set's output."""
    redirected = [
        dataclasses.replace(report, output_path=folder / report.output_path.name) for report in reports
    ]
    started = time.perf_counter()
    outcomes = run_batch(redirected, jobs=jobs, progress=False)
    return time.perf_counter() - started, outcomes


if __name__ == "__main__":
    main()
