"""Execute a batch of reports with papermill and render each to offline HTML.

Each report runs in its own kernel and, with `jobs > 1`, in one of several worker processes, so
one report failing or crashing its kernel never stops the others. A failure is recorded with the
notebook's own exception name and message; its executed notebook is kept next to the output as
`<name>.failed.ipynb` for debugging, and the previous good HTML is left as it was.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import papermill
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager
from papermill.exceptions import PapermillExecutionError
from tqdm import tqdm

from pmf_kit.batch.render import data_warnings, notebook_to_html
from pmf_kit.batch.runsets import Report, RunSet
from pmf_kit.data.atomic import write_text_atomically
from pmf_kit.data.naming import slugify
from pmf_kit.data.paths import working_root
from pmf_kit.errors import ConfigError, ReportError

KERNEL_NAME = "python3"

# What `python -m ipykernel_launcher` does, after marking the optional `rfc3987_syntax` module
# absent: jsonschema, imported by every `import altair`, otherwise spends 2-3 s building an
# RFC 3987 parser, only to check "iri" string formats that no report uses (measured: a sample
# locality profile takes about 10 s instead of 12-19 s).
KERNEL_LAUNCH = """\
import sys
if sys.path[0] == "":
    del sys.path[0]
sys.modules.setdefault("rfc3987_syntax", None)
from ipykernel import kernelapp
kernelapp.launch_new_instance()
"""


@dataclass(frozen=True)
class ReportOutcome:
    """What happened to one report: how long it took and, if it failed, why."""

    report: Report
    seconds: float
    cause: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def succeeded(self) -> bool:
        return self.cause is None

    @property
    def error(self) -> ReportError | None:
        """The failure as the error class the CLI summary prints."""
        return None if self.cause is None else ReportError(self.report.label, self.cause)


class VenvKernelManager(AsyncKernelManager):
    """Starts the `python3` kernel with this very interpreter, whatever kernelspecs the user has.

    A `python3` kernelspec in ~/.local/share/jupyter would otherwise win over the environment's
    own, and the report would run with another Python and other package versions.
    The kernel is ipykernel's own, started as KERNEL_LAUNCH says. Its own log (start-up
    warnings) is silenced so it does not break the progress bar; what the notebook prints,
    stderr included, still reaches the executed notebook.
    """

    @property
    def kernel_spec(self) -> KernelSpec:
        return KernelSpec(
            argv=[sys.executable, "-c", KERNEL_LAUNCH, "-f", "{connection_file}"],
            display_name="Python 3 (pmf_kit)",
            language="python",
        )

    async def start_kernel(self, **kwargs: Any) -> None:
        kwargs.setdefault("stderr", subprocess.DEVNULL)
        await super().start_kernel(**kwargs)


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
        available = ", ".join(report.name for report in reports[:20])
        more = ", ..." if len(reports) > 20 else ""
        raise ConfigError(
            run_sets[0].source if len(run_sets) == 1 else run_sets[0].source.parent,
            f"--only {', '.join(sorted(missing))}: no such report; "
            f"expected one of {available}{more}",
        )
    return chosen


def run_batch(
    reports: Sequence[Report], jobs: int = 1, project_root: Path | None = None,
    progress: bool = True,
) -> list[ReportOutcome]:
    """Run every report, `jobs` at a time, and return their outcomes in the reports' order."""
    root = Path(project_root).resolve() if project_root else working_root()
    bar = tqdm(total=len(reports), unit="report", file=sys.stderr, disable=not progress)
    outcomes: dict[int, ReportOutcome] = {}

    def record(index: int, outcome: ReportOutcome) -> None:
        outcomes[index] = outcome
        status = "" if outcome.succeeded else " FAILED"
        bar.set_postfix_str(f"{outcome.report.name}{status}")
        bar.update()

    with bar:
        if jobs <= 1 or len(reports) <= 1:
            for index, report in enumerate(reports):
                record(index, run_report(report, root))
        else:
            _run_in_workers(reports, min(jobs, len(reports)), root, record)
    return [outcomes[index] for index in range(len(reports))]


def _run_in_workers(
    reports: Sequence[Report], jobs: int, root: Path, record: Callable[[int, ReportOutcome], None]
) -> None:
    """Run reports in worker processes that ignore Ctrl-C: on an interrupt the batch stops
    handing out reports, and the ones already running finish writing rather than die mid-file."""
    spawn = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=spawn)
    try:
        with _interrupts_ignored_by_new_processes():
            futures: dict[Future, int] = {
                executor.submit(run_report, report, root): index
                for index, report in enumerate(reports)
            }
        for future in as_completed(futures):
            index = futures[future]
            try:
                outcome = future.result()
            except Exception as error:  # the worker process itself died
                outcome = ReportOutcome(reports[index], 0.0, _describe(error))
            record(index, outcome)
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown()


@contextlib.contextmanager
def _interrupts_ignored_by_new_processes() -> Iterator[None]:
    """Processes started inside inherit SIGINT ignored; this process's handler is restored."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run_report(report: Report, project_root: Path) -> ReportOutcome:
    """Execute one report's notebook and render it; never raises for a problem in the report."""
    started = time.perf_counter()
    output_path = project_root / report.output_path
    failed_path = project_root / report.failed_notebook_path
    with tempfile.TemporaryDirectory(prefix="pmf_kit-") as scratch:
        executed_path = Path(scratch) / f"{report.name}.ipynb"
        try:
            executed = papermill.execute_notebook(
                str(project_root / report.notebook),
                str(executed_path),
                parameters=report.parameters,
                kernel_name=KERNEL_NAME,
                kernel_manager_class=VenvKernelManager,
                cwd=str(project_root),
                progress_bar=False,
                log_output=False,
            )
            notebook_to_html(executed, output_path, title=report.label)
        except Exception as error:
            if executed_path.exists():
                write_text_atomically(failed_path, executed_path.read_text(encoding="utf-8"))
            return ReportOutcome(report, time.perf_counter() - started, _describe(error))
    failed_path.unlink(missing_ok=True)
    return ReportOutcome(report, time.perf_counter() - started, warnings=data_warnings(executed))


def _describe(error: BaseException) -> str:
    """The cause in one line: the notebook's exception name and message, not its traceback."""
    if isinstance(error, PapermillExecutionError):
        name, message = error.ename, error.evalue
    else:
        name, message = type(error).__name__, str(error)
    first_line = message.strip().splitlines()[0] if message.strip() else ""
    return f"{name}: {first_line}" if first_line else name


def summary_lines(outcomes: Sequence[ReportOutcome], wall_seconds: float) -> list[str]:
    """The end-of-batch summary: counts and time, one line per failure with its cause, then each
    data warning the reports showed."""
    failed = [outcome for outcome in outcomes if not outcome.succeeded]
    report_seconds = sum(outcome.seconds for outcome in outcomes)
    lines = [
        f"{len(outcomes) - len(failed)} of {len(outcomes)} reports written in "
        f"{wall_seconds:.0f} s ({report_seconds:.1f} s of report time)"
    ]
    for outcome in failed:
        lines.append(f"FAILED {outcome.error}")
        kept = outcome.report.failed_notebook_path
        if kept.exists():
            lines.append(f"       executed notebook kept in {kept}")
    shown_in: dict[str, int] = {}
    for warning in (warning for outcome in outcomes for warning in outcome.warnings):
        shown_in[warning] = shown_in.get(warning, 0) + 1
    lines += [f"WARNING {warning} (shown in {count} report{'s' if count != 1 else ''})"
              for warning, count in shown_in.items()]
    return lines
