"""All of Scotland in one run: what a report costs cold and warm against the floor, what a second
worker (local or Dask) buys, memory per worker, and what that makes of the national run sets.

Prints, in one run on this machine:
- the floor: papermill + nbconvert of a notebook that only imports pandas, altair, geopandas and
  pmf_kit, in a fresh kernel (median of --floor-runs);
- seconds per report cold (a fresh kernel each, `--executor processes`) and warm (one kernel
  kept warm, every report after its first), each with its ratio to the floor;
- wall time for the same reports with the warm executor at --jobs 1 and 2, and a Dask
  LocalCluster of 1 and 2 workers, with each speed-up over one worker;
- peak memory per worker, its kernel included (resident set, sampled every 0.2 s);
- reports per hour, and the projected time for every report of the national run sets;
- `--changed` with nothing changed, over every intermediate zone of Scotland.

Reports are written to a temporary folder, never over reports/. Run it under the heavy lock, as
timings on a shared machine mean little otherwise:

    flock /tmp/pmf-heavy.lock .venv/bin/python benchmarks/national.py [--reports N] [RUN_SET]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from pmf_kit.batch.build_manifest import Fingerprints, record_builds
from pmf_kit.batch.runner import run_batch, select_reports
from pmf_kit.batch.runsets import Report, load_run_sets
from pmf_kit.data.paths import working_root

from floor import floor_seconds

NATIONAL = Path("parameters/scotland-national")
PAGE = os.sysconf("SC_PAGE_SIZE")


def main() -> None:
    arguments = _arguments()
    reports = select_reports(load_run_sets(arguments.run_set))[: arguments.reports]
    national = {run_set.title: len(run_set.reports) for run_set in load_run_sets(NATIONAL)}
    print(f"run set {arguments.run_set}: {len(reports)} reports of {reports[0].notebook}; "
          f"{os.cpu_count()} cores (a shared machine: other work may run alongside)")

    with tempfile.TemporaryDirectory(prefix="pmf_kit-bench-") as folder:
        scratch = Path(folder)
        floor = statistics.median(floor_seconds() for _ in range(arguments.floor_runs))
        cold = _timed(reports, scratch / "cold", "processes", 1)
        warm = {jobs: _timed(reports, scratch / f"warm{jobs}", "warm", jobs) for jobs in (1, 2)}
        dask = {jobs: _timed(reports, scratch / f"dask{jobs}", "dask", jobs) for jobs in (1, 2)}
        changed_seconds, changed_reports = _changed_nothing(scratch / "changed")

    cold_seconds = statistics.median(cold.seconds)
    warm_seconds = statistics.median(warm[1].seconds[1:])  # the first pays for the warm-up
    print(f"floor (fresh kernel, papermill + nbconvert, imports only): {floor:7.2f} s")
    print(f"cold seconds per report (median, --executor processes):    {cold_seconds:7.2f} s  "
          f"ratio to floor {cold_seconds / floor:.2f}")
    print(f"warm seconds per report (median after the first):          {warm_seconds:7.2f} s  "
          f"ratio to floor {warm_seconds / floor:.2f}")
    for name, runs in (("warm --jobs", warm), ("dask workers", dask)):
        for jobs, run in runs.items():
            print(f"wall, {name} {jobs}: {run.wall:7.1f} s ({run.wall / len(reports):.2f} s/report), "
                  f"{run.failed} failed")
        print(f"speed-up, {name} 2 over 1: {runs[1].wall / runs[2].wall:.2f}x")
    for label, run in (("cold", cold), ("warm --jobs 2", warm[2]), ("dask 2 workers", dask[2])):
        print(f"peak memory per worker, kernel included, {label}: {run.peak_worker_mb:6.0f} MB")
    best = min(warm[2].wall, dask[2].wall)
    per_hour = len(reports) / best * 3600
    print(f"reports per hour with two workers: {per_hour:,.0f}")
    for title, count in national.items():
        print(f"projected, {title} ({count:,} reports): {count / per_hour * 60:7.1f} min")
    total = sum(national.values())
    print(f"projected, all three national run sets ({total:,} reports): {total / per_hour:5.1f} h")
    print(f"--changed with nothing changed, {changed_reports:,} reports: {changed_seconds:.1f} s")
    for run in (cold, warm[1], warm[2], dask[1], dask[2]):
        for cause in run.causes:
            print(f"FAILED {cause}")


@dataclasses.dataclass
class Timed:
    wall: float
    seconds: list[float]
    failed: int
    causes: list[str]
    peak_worker_mb: float


def _timed(reports: list[Report], folder: Path, executor: str, jobs: int) -> Timed:
    """A batch whose HTML goes to `folder`, its wall time, and its workers' peak memory."""
    redirected = [dataclasses.replace(report, output_path=folder / report.output_path.name) for report in reports]
    with PeakMemory() as memory:
        started = time.perf_counter()
        outcomes = run_batch(redirected, jobs=jobs, executor=executor, progress=False)
        wall = time.perf_counter() - started
    failed = [outcome for outcome in outcomes if not outcome.succeeded]
    return Timed(wall, [outcome.seconds for outcome in outcomes], len(failed),
                 [str(outcome.error) for outcome in failed], memory.peak_worker_bytes / 1e6)


def _changed_nothing(folder: Path) -> tuple[float, int]:
    """`pmf-kit run --changed` over every intermediate zone, all built already: its wall time."""
    spec = (NATIONAL / "intermediate-zones.yaml").read_text(encoding="utf-8")
    copy = folder / "intermediate-zones.yaml"
    folder.mkdir(parents=True)
    copy.write_text(spec.replace("output: reports/scotland-national/intermediate-zones",
                                 f"output: {folder / 'out'}"), encoding="utf-8")
    [built] = load_run_sets(copy)
    for report in built.reports:
        report.output_path.parent.mkdir(parents=True, exist_ok=True)
        report.output_path.write_text('<meta name="generator" content="pmf_kit">', encoding="utf-8")
    record_builds(built.reports, [], Fingerprints(working_root()))
    started = time.perf_counter()
    result = subprocess.run(
        [str(Path(sys.executable).with_name("pmf-kit")), "run", str(copy), "--changed",
         "--index", str(folder / "index.html")], capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    if f"0 of {len(built.reports)} reports built" not in result.stdout:
        raise SystemExit(f"--changed rebuilt something: {result.stdout}{result.stderr}")
    return seconds, len(built.reports)


class PeakMemory:
    """Samples the resident memory of each child process of this one (a worker) together with
    its descendants (its kernel), and keeps the largest."""

    def __init__(self) -> None:
        self.peak_worker_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            for total in _worker_trees(os.getpid()).values():
                self.peak_worker_bytes = max(self.peak_worker_bytes, total)


def _worker_trees(parent: int) -> dict[int, int]:
    """Bytes resident in each child of `parent` and everything below it."""
    parents, resident = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            resident[int(entry.name)] = int((entry / "statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    trees: dict[int, int] = {}
    for pid in resident:
        ancestor = pid
        while ancestor in parents and parents[ancestor] not in (parent, 0, 1):
            ancestor = parents[ancestor]
        if parents.get(ancestor) == parent:
            trees[ancestor] = trees.get(ancestor, 0) + resident[pid]
    return trees


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_set", nargs="?", default=str(NATIONAL / "hscp-localities.yaml"),
                        help="run-set file or folder to time (default: every HSCP locality of Scotland)")
    parser.add_argument("--reports", type=int, default=24, help="reports to time (default 24)")
    parser.add_argument("--floor-runs", type=int, default=3, help="runs of the floor (default 3)")
    return parser.parse_args()


if __name__ == "__main__":
    main()
