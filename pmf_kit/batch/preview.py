"""`pmf-kit run RUNSET --list`: every report a batch would make, and about how long it would take,
before anything runs, so that `within: council=Glasgow` meaning 136 reports is no surprise.

The estimate reads the seconds each report's last good build took (the build manifest beside
the reports); a report never built is counted at the median of those known for its notebook,
or at REPORT_SECONDS, the figure measured on this project's 2-core machine.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from pmf_kit.batch.build_manifest import Fingerprints, manifest_path, read_build_seconds, unchanged_reports
from pmf_kit.batch.runsets import Report, RunSet
from pmf_kit.charts.wording import count_noun
from pmf_kit.data.paths import from_project_root

REPORT_SECONDS = 6.0
"""Seconds of report time per report where no build has been timed: every HSCP locality of
Scotland took 299 s on two warm workers (about 6 s each), measured on a 2-core machine."""

START_SECONDS = 10.0
"""Starting the workers and their kernels, once per batch (measured about 5-10 s on 2 cores)."""


@dataclass(frozen=True)
class Estimate:
    """How long a batch should take: report time, wall time on `jobs` workers, and where the
    figures come from (how many reports were timed at their last build)."""

    reports: int
    to_build: int
    timed: int
    report_seconds: float
    wall_seconds: float


def estimate(reports: Sequence[Report], root: Path, jobs: int = 1, changed: bool = False) -> Estimate:
    """The time a batch of these reports should take on `jobs` workers (skipping unchanged
    reports with `changed`, as the run would)."""
    fingerprints = Fingerprints(root)
    skipped = unchanged_reports(reports, fingerprints) if changed else set()
    to_build = [report for report in reports if report.output_path not in skipped]
    known = _last_seconds(reports, root)
    by_notebook: dict[Path, list[float]] = {}
    for report in reports:
        if report.output_path in known:
            by_notebook.setdefault(report.notebook, []).append(known[report.output_path])
    seconds = [known.get(report.output_path,
                         statistics.median(by_notebook[report.notebook]) if report.notebook in by_notebook
                         else REPORT_SECONDS)
               for report in to_build]
    total = sum(seconds)
    workers = max(1, min(jobs, len(to_build)))
    wall = (START_SECONDS + total / workers) if to_build else 0.0
    timed = sum(report.output_path in known for report in to_build)
    return Estimate(len(reports), len(to_build), timed, total, wall)


def _last_seconds(reports: Sequence[Report], root: Path) -> dict[Path, float]:
    """Seconds of each report's last good build, by output path, from the build manifests."""
    manifests: dict[Path, dict[str, float]] = {}
    known = {}
    for report in reports:
        folder = manifest_path(report)
        if folder not in manifests:
            manifests[folder] = read_build_seconds(root / folder)
        if report.name in manifests[folder]:
            known[report.output_path] = manifests[folder][report.name]
    return known


def listing_lines(run_sets: Sequence[RunSet], reports: Sequence[Report], root: Path, jobs: int = 1,
                  changed: bool = False) -> list[str]:
    """What `--list` prints: per run set its title, notebook and level, one line per report
    (name, level, output path), then the count and the time estimate."""
    chosen = {report.output_path for report in reports}
    lines = []
    for run_set in run_sets:
        shown = [report for report in run_set.reports if report.output_path in chosen]
        if not shown:
            continue
        lines.append(f"{from_project_root(run_set.source)}: "
                     f"{run_set.title} ({count_noun(len(shown), 'report')}, {run_set.notebook.as_posix()})")
        width = max(len(report.label) for report in shown)
        for report in shown:
            level = str(report.parameters.get("area_level", "-"))
            lines.append(f"  {report.label:<{width}}  {level:<17}  {report.output_path.as_posix()}")
    guess = estimate(reports, root, jobs, changed)
    lines.append(_estimate_line(guess, jobs, changed))
    return lines


def _estimate_line(guess: Estimate, jobs: int, changed: bool) -> str:
    """`26 reports; about 1 min 30 s on 2 workers (...)`: the count and the estimate in words."""
    count = count_noun(guess.reports, "report")
    if changed:
        count += f", {guess.to_build} to build ({guess.reports - guess.to_build} unchanged)"
    if not guess.to_build:
        return f"{count}; nothing to build"
    if guess.timed == guess.to_build:
        basis = "from their last builds"
    elif guess.timed:
        basis = (f"{guess.timed} from their last builds, the rest at the median of those "
                 f"or {REPORT_SECONDS:.0f} s each")
    else:
        basis = f"never built here: {REPORT_SECONDS:.0f} s each, as measured on a 2-core machine"
    workers = count_noun(max(1, min(jobs, guess.to_build)), "worker")
    return f"{count}; about {duration_words(guess.wall_seconds)} on {workers} ({basis})"


def duration_words(seconds: float) -> str:
    """`45 s`, `3 min 10 s`, `2 h 5 min`: a duration as a reader says it, rounded up."""
    seconds = math.ceil(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {rest} s" if rest else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"
