"""Run a batch of reports on an executor and write what comes back.

The runner is the one interface to every executor (pmf_kit.batch.executor): it turns reports
into jobs, hands them to the executor chosen by name, shows a progress bar, and writes each
rendered page itself, atomically, so that workers (local or on other machines) write nothing.
Before anything runs it refuses to replace a file pmf_kit did not write (unless forced); with
`changed` it skips reports whose inputs are unchanged since their last good build
(pmf_kit.batch.build_manifest). A report that fails, times out, loses its worker or cannot be
written is one outcome with its cause; the batch goes on. The previous good HTML of a failed
report is left as it was, and its executed notebook kept beside it as `<name>.failed.ipynb`.
Ctrl-C or SIGTERM stops the executor within seconds and raises BatchInterrupted with the
outcomes so far, so the caller can still update the index and summarise.
"""

from __future__ import annotations

import contextlib
import json
import signal
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from tqdm import tqdm

from pmf_kit.batch import dask_executor, process_executors  # noqa: F401  (they register executors)
from pmf_kit.batch.build_manifest import Fingerprints, manifest_path, record_builds, unchanged_reports
from pmf_kit.batch.executor import DEFAULT_EXECUTOR, executors
from pmf_kit.batch.report_task import RenderedReport, ReportJob
from pmf_kit.batch.runsets import Report, RunSet
from pmf_kit.data.atomic import write_text_atomically
from pmf_kit.data.naming import closest_names, slugify
from pmf_kit.data.ownership import check_replaceable, is_executed_notebook, is_pmf_kit_json, is_pmf_kit_page
from pmf_kit.data.paths import working_root
from pmf_kit.errors import ConfigError, ForeignFileError, ReportError

DEFAULT_TIMEOUT_SECONDS = 1800.0

WRITTEN, FAILED, SKIPPED, NOT_RUN = "written", "failed", "skipped", "not run"


@dataclass(frozen=True)
class ReportOutcome:
    """What happened to one report: written, failed (and why), skipped as unchanged, or not run."""

    report: Report
    seconds: float
    cause: str | None = None
    status: str = ""
    kept_notebook: Path | None = None
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.status:
            object.__setattr__(self, "status", WRITTEN if self.cause is None else FAILED)

    @property
    def succeeded(self) -> bool:
        return self.status == WRITTEN

    @property
    def error(self) -> ReportError | None:
        """The failure as the error class the CLI summary prints."""
        return None if self.cause is None else ReportError(self.report.label, self.cause)


class BatchInterrupted(Exception):
    """Ctrl-C or SIGTERM stopped the batch; `outcomes` holds every report's outcome so far."""

    def __init__(self, outcomes: list[ReportOutcome]) -> None:
        self.outcomes = outcomes
        super().__init__("interrupted")


LISTED_IN_FULL = 12
"""A run set this small is listed whole in an --only mistake; a bigger one is counted."""


def select_reports(run_sets: Sequence[RunSet], only: Sequence[str] = ()) -> list[Report]:
    """Every report of the run sets, or those `only` names by area name, file name or code."""
    reports = [report for run_set in run_sets for report in run_set.reports]
    if not only:
        return reports
    wanted = {slugify(name) for name in only}

    def names(report: Report) -> set[str]:
        return {report.name, slugify(str(report.parameters.get("area", "")))}

    chosen = [report for report in reports if names(report) & wanted]
    missing = wanted - set().union(*(names(report) for report in chosen))
    if missing:
        known = [report.name for report in reports]
        close = list(dict.fromkeys(name for wrong in sorted(missing) for name in closest_names(wrong, known)))
        if close:
            hint = f"closest: {', '.join(close)} (--list shows them all)"
        elif len(known) <= LISTED_IN_FULL:
            hint = f"expected one of {', '.join(known)}"
        else:
            hint = f"the run set has {len(known):,} reports (--list shows them all)"
        raise ConfigError(
            run_sets[0].source if len(run_sets) == 1 else run_sets[0].source.parent,
            f"--only {', '.join(sorted(missing))}: no such report; {hint}",
        )
    return chosen


def run_batch(
    reports: Sequence[Report], jobs: int = 1, project_root: Path | None = None,
    progress: bool | None = None, executor: str = DEFAULT_EXECUTOR,
    timeout: float = DEFAULT_TIMEOUT_SECONDS, scheduler: str | None = None,
    changed: bool = False, force: bool = False,
) -> list[ReportOutcome]:
    """Run the reports, `jobs` at a time, on the named executor; outcomes in the reports' order.

    The progress bar shows when `progress` is true, or (None) when standard error is a terminal.

    Raises ForeignFileError, before anything runs, if an output would replace a file pmf_kit did
    not write (unless `force`), and BatchInterrupted on Ctrl-C or SIGTERM.
    """
    root = Path(project_root).resolve() if project_root else working_root()
    executor_class = executors.get(executor)
    check_outputs_replaceable(reports, root, force)
    fingerprints = Fingerprints(root)
    unchanged = unchanged_reports(reports, fingerprints) if changed else set()
    outcomes: dict[int, ReportOutcome] = {
        index: ReportOutcome(report, 0.0, status=SKIPPED)
        for index, report in enumerate(reports) if report.output_path in unchanged
    }
    to_build = {
        f"{index:06d}-{report.name}": (index, report)
        for index, report in enumerate(reports) if index not in outcomes
    }
    interrupted = False
    if to_build:
        try:
            _build(to_build, outcomes, root, force, progress, timeout,
                   executor_class(min(jobs, len(to_build)), root, scheduler))
        except KeyboardInterrupt:
            interrupted = True
    ordered = [
        outcomes.get(index, ReportOutcome(report, 0.0, status=NOT_RUN))
        for index, report in enumerate(reports)
    ]
    record_builds(
        [outcome.report for outcome in ordered if outcome.status == WRITTEN],
        [outcome.report for outcome in ordered if outcome.status == FAILED],
        fingerprints, force,
        seconds={outcome.report.output_path: outcome.seconds for outcome in ordered if outcome.status == WRITTEN},
    )
    if interrupted:
        raise BatchInterrupted(ordered)
    return ordered


def _build(
    to_build: dict[str, tuple[int, Report]], outcomes: dict[int, ReportOutcome], root: Path,
    force: bool, progress: bool | None, timeout: float, executor: Any,
) -> None:
    notebooks: dict[Path, dict[str, Any]] = {}
    jobs = [_job(key, report, root, timeout, notebooks) for key, (_, report) in to_build.items()]
    bar = tqdm(total=len(jobs), unit="report", file=sys.stderr,
               disable=None if progress is None else not progress)
    with bar, _terminate_as_interrupt(), executor:
        for rendered in executor.run(jobs):
            index, report = to_build[rendered.name]
            outcome = write_outputs(report, rendered, root, force)
            outcomes[index] = outcome
            status = "" if outcome.succeeded else " FAILED"
            bar.set_postfix_str(f"{report.name}{status}")
            bar.update()


def _job(key: str, report: Report, root: Path, timeout: float, notebooks: dict[Path, dict[str, Any]]) -> ReportJob:
    """The job of a report; each notebook is read once per batch."""
    if report.notebook not in notebooks:
        notebooks[report.notebook] = json.loads((root / report.notebook).read_text(encoding="utf-8"))
    return ReportJob(key, report.label, notebooks[report.notebook], dict(report.parameters), timeout)


def write_outputs(report: Report, rendered: RenderedReport, root: Path, force: bool = False) -> ReportOutcome:
    """Write a rendered report (or keep its failed notebook); a fault becomes the outcome's cause."""
    output = root / report.output_path
    kept = root / report.failed_notebook_path
    if rendered.html is not None:
        try:
            check_replaceable(output, is_pmf_kit_page, "a pmf_kit report", force)
            write_text_atomically(output, rendered.html)
            if kept.is_file() and is_executed_notebook(kept):
                kept.unlink()
        except ForeignFileError as error:
            return ReportOutcome(report, rendered.seconds, f"ForeignFileError: {error}")
        except (OSError, ValueError) as error:
            return ReportOutcome(report, rendered.seconds, _cannot_write(report.output_path, error))
        return ReportOutcome(report, rendered.seconds, warnings=rendered.warnings)
    cause = rendered.cause or "failed"
    if rendered.executed_notebook is None:
        return ReportOutcome(report, rendered.seconds, cause)
    try:
        check_replaceable(kept, is_executed_notebook, "an executed notebook from a pmf_kit batch", force)
        write_text_atomically(kept, rendered.executed_notebook)
    except (ForeignFileError, OSError, ValueError) as error:
        return ReportOutcome(report, rendered.seconds, f"{cause} (its executed notebook was not kept: {error})")
    return ReportOutcome(report, rendered.seconds, cause, kept_notebook=report.failed_notebook_path)


def _cannot_write(path: Path, error: Exception) -> str:
    reason = getattr(error, "strerror", None) or str(error)
    return f"{type(error).__name__}: cannot write {path.as_posix()}: {reason}"


def check_outputs_replaceable(reports: Sequence[Report], root: Path, force: bool = False) -> None:
    """Raise ForeignFileError for the first output that would replace a file pmf_kit did not write."""
    if force:
        return
    manifests = set()
    for report in reports:
        check_replaceable(root / report.output_path, is_pmf_kit_page, "a pmf_kit report")
        check_replaceable(root / report.failed_notebook_path, is_executed_notebook,
                          "an executed notebook from a pmf_kit batch")
        manifests.add(manifest_path(report))
    for path in sorted(manifests):
        check_replaceable(root / path, is_pmf_kit_json, "a pmf_kit build manifest")


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the batch as Ctrl-C does (workers and kernels killed, summary printed)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def summary_lines(outcomes: Sequence[ReportOutcome], wall_seconds: float) -> list[str]:
    """The end-of-batch summary: counts and time, one line per failure with its cause, then each
    data warning the reports showed."""
    counts = {status: sum(outcome.status == status for outcome in outcomes)
              for status in (WRITTEN, FAILED, SKIPPED, NOT_RUN)}
    report_seconds = sum(outcome.seconds for outcome in outcomes)
    timing = f"in {wall_seconds:.0f} s ({report_seconds:.1f} s of report time)"
    if counts[SKIPPED]:
        first = (f"{counts[WRITTEN]} of {len(outcomes)} reports built, {counts[SKIPPED]} skipped "
                 f"as unchanged, {timing}")
    else:
        first = f"{counts[WRITTEN]} of {len(outcomes)} reports written {timing}"
    if counts[NOT_RUN]:
        first += f"; {counts[NOT_RUN]} not run (interrupted)"
    lines = [first]
    for outcome in outcomes:
        if outcome.status == FAILED:
            lines.append(f"FAILED {outcome.error}")
            if outcome.kept_notebook is not None:
                lines.append(f"       executed notebook kept in {outcome.kept_notebook.as_posix()}")
    shown_in: dict[str, int] = {}
    for warning in (warning for outcome in outcomes for warning in outcome.warnings):
        shown_in[warning] = shown_in.get(warning, 0) + 1
    lines += [f"WARNING {warning} (shown in {count} report{'s' if count != 1 else ''})"
              for warning, count in shown_in.items()]
    return lines
