"""One report as a task: its inputs in, its rendered HTML (or why it failed) out.

A task reads and writes nothing of the project but the data the notebook itself reads: the
notebook travels inside the job, and the page comes back as text. So the same task runs in a
local worker process or on a Dask worker on another machine, and the batch process alone
writes report files (pmf_kit.batch.runner).

Every executor runs tasks through `run_job`, which holds the rules that do not depend on where
the task runs: a report past its timeout is stopped by killing its kernel; a kernel that dies
is replaced and its report tried once more; a kernel that will not start is tried again.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Protocol

import nbformat
import papermill
from nbclient.exceptions import DeadKernelError
from papermill.exceptions import PapermillExecutionError

from pmf_kit.batch.engine import ENGINE_NAME
from pmf_kit.batch.kernels import KERNEL_NAME, Kernel, KernelCodeError, KernelStartError, kill_process
from pmf_kit.batch.render import data_warnings, notebook_html


@dataclass(frozen=True)
class ReportJob:
    """What a worker needs to make one report: the notebook itself, its parameters, a limit."""

    name: str
    label: str
    notebook: dict[str, Any]
    parameters: dict[str, Any]
    timeout: float
    batch: str = ""


@dataclass
class RenderedReport:
    """A task's answer: the page, or the cause of failure and the executed notebook, if any."""

    name: str
    seconds: float
    html: str | None = None
    cause: str | None = None
    executed_notebook: str | None = None
    attempts: int = 1
    timed_out: bool = False
    warnings: tuple[str, ...] = ()


class Kernels(Protocol):
    """Where a task gets its kernel: fresh for every report, or one kept warm."""

    def acquire(self) -> Kernel: ...

    def release(self, kernel: Kernel, healthy: bool) -> None: ...


class ColdKernels:
    """A new kernel for every report, stopped when the report is done."""

    def __init__(self, root: Path, scratch: Path, on_start: Callable[[Kernel], None]) -> None:
        self.root, self.scratch, self.on_start = root, scratch, on_start

    def acquire(self) -> Kernel:
        kernel = Kernel(self.root, self.scratch).start()
        self.on_start(kernel)
        return kernel

    def release(self, kernel: Kernel, healthy: bool) -> None:
        if healthy:
            kernel.stop()
        else:
            kernel.kill()


class WarmKernels:
    """One kernel kept warm (libraries imported, data sets kept open) and reset between
    reports; replaced when it dies or is killed."""

    def __init__(self, root: Path, scratch: Path, on_start: Callable[[Kernel], None]) -> None:
        self.root, self.scratch, self.on_start = root, scratch, on_start
        self.kernel: Kernel | None = None

    def acquire(self) -> Kernel:
        if self.kernel is not None and not self.kernel.is_alive():
            self.kernel.kill()
            self.kernel = None
        if self.kernel is None:
            kernel = Kernel(self.root, self.scratch).start()
            self.on_start(kernel)
            try:
                kernel.warm_up()
            except BaseException:
                kernel.kill()
                raise
            self.kernel = kernel
        else:
            try:
                self.kernel.reset()
            except Exception:  # a kernel that cannot even reset is replaced, not trusted
                self.kernel.kill()
                self.kernel = None
                return self.acquire()
        return self.kernel

    def release(self, kernel: Kernel, healthy: bool) -> None:
        if not healthy:
            kernel.kill()
            self.kernel = None

    def close(self) -> None:
        if self.kernel is not None:
            self.kernel.kill()
            self.kernel = None


class Watchdog:
    """Kills a kernel's process when a report runs past its time (from any thread)."""

    def __init__(self, seconds: float, kernel: Kernel) -> None:
        self.fired = False
        self._pid = kernel.pid
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        if self._pid is not None:
            kill_process(self._pid)

    def cancel(self) -> None:
        self._timer.cancel()


def run_job(
    job: ReportJob, kernels: Kernels, cancelled: Callable[[], bool] = lambda: False
) -> RenderedReport:
    """Execute and render one report; never raises for a problem in the report or its kernel.

    `cancelled` says whether the batch was stopped meanwhile, so a kernel killed by Ctrl-C is
    not taken for one that died by itself and the report is not tried again.
    """
    started = time.perf_counter()
    for attempt in (1, 2):
        if cancelled():
            return RenderedReport(job.name, time.perf_counter() - started, cause="interrupted", attempts=attempt)
        try:
            kernel = kernels.acquire()
        except (KernelStartError, KernelCodeError) as error:
            return RenderedReport(job.name, time.perf_counter() - started, attempts=attempt,
                                  cause=f"{type(error).__name__}: {error}")
        watchdog = Watchdog(job.timeout, kernel)
        healthy = False
        try:
            executed = papermill.execute_notebook(
                nbformat.from_dict(job.notebook), None, parameters=job.parameters,
                engine_name=ENGINE_NAME, kernel=kernel, kernel_name=KERNEL_NAME,
                cwd=str(kernel.root), progress_bar=False, log_output=False,
            )
            kernel.last_notebook = None
            html = notebook_html(executed, job.label)
            healthy = True
            return RenderedReport(job.name, time.perf_counter() - started, html=html, attempts=attempt,
                                  warnings=data_warnings(executed))
        except DeadKernelError:
            if watchdog.fired:
                return _failed(job, started, kernel, attempt, timed_out=True)
            if attempt == 2:
                return _failed(job, started, kernel, attempt, "DeadKernelError: the kernel died "
                               "twice while running this report (replaced and tried again once)")
        except PapermillExecutionError as error:
            healthy = kernel.is_alive()
            return _failed(job, started, kernel, attempt, describe(error))
        except Exception as error:
            if watchdog.fired:
                return _failed(job, started, kernel, attempt, timed_out=True)
            healthy = kernel.is_alive()
            return _failed(job, started, kernel, attempt, describe(error))
        finally:
            watchdog.cancel()
            kernels.release(kernel, healthy)
    raise AssertionError("unreachable: the second attempt always returns")


def _failed(
    job: ReportJob, started: float, kernel: Kernel, attempt: int, cause: str | None = None,
    timed_out: bool = False,
) -> RenderedReport:
    if timed_out:
        cause = f"timed out after {job.timeout:g} s (--timeout); its kernel was stopped"
    notebook, kernel.last_notebook = kernel.last_notebook, None
    executed = nbformat.writes(notebook) if notebook is not None else None
    return RenderedReport(
        job.name, time.perf_counter() - started, cause=cause, executed_notebook=executed,
        attempts=attempt, timed_out=timed_out,
    )


def describe(error: BaseException) -> str:
    """The cause in one line: the notebook's exception name and message, not its traceback."""
    if isinstance(error, PapermillExecutionError):
        name, message = error.ename, error.evalue
    else:
        name, message = type(error).__name__, str(error)
    first_line = message.strip().splitlines()[0] if message.strip() else ""
    return f"{name}: {first_line}" if first_line else name
