"""The local executors: worker processes on this machine, `jobs` of them, each running one
report at a time (pmf_kit.batch.local_worker) in a fresh kernel (`processes`) or a warm one
(`warm`).

The batch process hands out jobs and watches its workers. A worker that dies (killed, out of
memory) costs only the report it was running: that report is tried once more on a new worker,
and fails, named, if its worker dies again. A report that outlives its timeout (and the
worker's own watchdog, which kills the kernel) has its worker and kernel killed. On Ctrl-C or
SIGTERM every worker and kernel is killed at once and the scratch folder removed.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import shutil
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import ClassVar, Iterator, Sequence

from pmf_kit.batch.executor import Executor, executors
from pmf_kit.batch.kernels import kill_process
from pmf_kit.batch.local_worker import worker_main
from pmf_kit.batch.report_task import RenderedReport, ReportJob
from pmf_kit.batch.scratch import new_scratch

POLL_SECONDS = 0.25
# How long past its timeout a report may go before the batch kills its worker: the worker's own
# watchdog should have stopped it long before.
BACKSTOP_SECONDS = 30.0


@dataclass
class Worker:
    """One worker process as the batch sees it."""

    number: int
    process: multiprocessing.process.BaseProcess
    connection: Connection
    scratch: Path
    job: ReportJob | None = None
    started_at: float = 0.0
    kernel_pid: int | None = None

    def kill(self) -> None:
        """Kill the worker and its kernel now."""
        if self.kernel_pid is not None:
            kill_process(self.kernel_pid)
        if self.process.is_alive() and self.process.pid is not None:
            kill_process(self.process.pid)
        self.process.join(timeout=5)
        self.connection.close()
        shutil.rmtree(self.scratch, ignore_errors=True)


class ProcessExecutor(Executor):
    """Reports in local worker processes; `warm` says whether each keeps its kernel."""

    warm: ClassVar[bool]

    def __init__(self, jobs: int, root: Path, scheduler: str | None = None) -> None:
        super().__init__(jobs, root, scheduler)
        self.scratch = new_scratch("batch")
        self.workers: list[Worker] = []
        self._numbers = iter(range(1, 1_000_000))
        self._context = multiprocessing.get_context("spawn")

    def run(self, jobs: Sequence[ReportJob]) -> Iterator[RenderedReport]:
        pending = deque(jobs)
        tries: dict[str, int] = {}
        size = max(1, min(self.jobs, len(jobs)))
        while pending or any(worker.job for worker in self.workers):
            while len(self.workers) < size:
                self.workers.append(self._start_worker())
            for worker in list(self.workers):
                if worker.job is None and not worker.process.is_alive():
                    self._replace(worker)
                    self.workers.append(self._start_worker())
            for worker in self.workers:
                if worker.job is None and pending:
                    self._hand_out(worker, pending.popleft(), tries)
            yield from self._collect(pending, tries)

    def _hand_out(self, worker: Worker, job: ReportJob, tries: dict[str, int]) -> None:
        tries[job.name] = tries.get(job.name, 0) + 1
        worker.job, worker.started_at = job, time.monotonic()
        try:
            worker.connection.send(job)
        except OSError:
            pass  # the worker died on the way; _collect sees its sentinel

    def _collect(self, pending: deque[ReportJob], tries: dict[str, int]) -> Iterator[RenderedReport]:
        busy = [worker for worker in self.workers if worker.job is not None]
        handles = [worker.connection for worker in busy] + [worker.process.sentinel for worker in busy]
        ready = set(wait(handles, timeout=POLL_SECONDS))
        for worker in busy:
            if worker.connection in ready:
                result = self._receive(worker)
                if result is not None:
                    yield result
                    continue
            if worker.job is not None and not worker.process.is_alive():
                yield from self._worker_died(worker, pending, tries)
            elif worker.job is not None and self._overdue(worker):
                yield self._stop_overdue(worker)

    def _receive(self, worker: Worker) -> RenderedReport | None:
        try:
            while worker.connection.poll():
                message = worker.connection.recv()
                if message[0] == "kernel":
                    worker.kernel_pid = message[1]
                else:
                    _, result, worker.kernel_pid = message
                    worker.job = None
                    return result
        except (EOFError, OSError):
            pass  # the worker died; its sentinel says so
        return None

    def _worker_died(
        self, worker: Worker, pending: deque[ReportJob], tries: dict[str, int]
    ) -> Iterator[RenderedReport]:
        job = worker.job
        assert job is not None
        exit_code = worker.process.exitcode
        self._replace(worker)
        if tries[job.name] < 2:
            pending.appendleft(job)
            return
        how = f"killed by signal {-exit_code}" if exit_code and exit_code < 0 else f"exit code {exit_code}"
        yield RenderedReport(
            job.name, time.monotonic() - worker.started_at, attempts=tries[job.name],
            cause=f"WorkerDied: its worker process died ({how}) twice while running this report "
                  "(tried again once on a new worker)",
        )

    def _overdue(self, worker: Worker) -> bool:
        assert worker.job is not None
        return time.monotonic() - worker.started_at > worker.job.timeout + BACKSTOP_SECONDS

    def _stop_overdue(self, worker: Worker) -> RenderedReport:
        job = worker.job
        assert job is not None
        seconds = time.monotonic() - worker.started_at
        self._replace(worker)
        return RenderedReport(
            job.name, seconds, timed_out=True,
            cause=f"timed out after {job.timeout:g} s (--timeout); its worker and kernel were stopped",
        )

    def _replace(self, worker: Worker) -> None:
        worker.kill()
        self.workers.remove(worker)

    def _start_worker(self) -> Worker:
        number = next(self._numbers)
        scratch = self.scratch / f"worker-{number}"
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=worker_main, name=f"pmf_kit-worker-{number}", daemon=True,
            args=(theirs, str(self.root), str(scratch), self.warm, multiprocessing.current_process().pid),
        )
        with _interrupts_ignored_by_new_processes():
            process.start()
        theirs.close()
        return Worker(number, process, ours, scratch)

    def close(self) -> None:
        for worker in self.workers:
            worker.kill()
        self.workers = []
        shutil.rmtree(self.scratch, ignore_errors=True)


class ColdProcessExecutor(ProcessExecutor):
    """`processes`: a fresh kernel for every report, as papermill's own engine runs one."""

    name = "processes"
    warm = False


class WarmProcessExecutor(ProcessExecutor):
    """`warm`: each worker keeps one kernel warm and resets its namespace between reports."""

    name = "warm"
    warm = True


@contextlib.contextmanager
def _interrupts_ignored_by_new_processes() -> Iterator[None]:
    """A process started inside inherits SIGINT ignored (kept across exec), so Ctrl-C in the
    terminal reaches the batch alone; this process's own handler is restored."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


executors.register(ColdProcessExecutor.name, ColdProcessExecutor)
executors.register(WarmProcessExecutor.name, WarmProcessExecutor)
