"""What runs on a Dask worker for the `dask` executor (pmf_kit.batch.dask_executor): the report
task, the Ctrl-C stop, and the watch that ends a LocalCluster worker with its batch.

Each worker thread keeps one warm kernel (started by its first report) and a scratch folder,
both gone when the worker process ends. The project root is the worker's own: the project
folder `dask worker` was started from (found by its pmf-kit.yaml, as everywhere).
"""

from __future__ import annotations

import atexit
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from pmf_kit.batch.kernels import kill_process, running_kernel_pids
from pmf_kit.batch.report_task import RenderedReport, ReportJob, WarmKernels, run_job
from pmf_kit.batch.scratch import new_scratch
from pmf_kit.data.paths import working_root

WATCH_SECONDS = 0.5

_worker_state = threading.local()
_stopped_batches: set[str] = set()
_scratch_folders: list[Path] = []


def run_on_dask_worker(job: ReportJob) -> RenderedReport:
    """The task: run one report in this worker thread's warm kernel (started on first use)."""
    kernels = getattr(_worker_state, "kernels", None)
    if kernels is None:
        scratch = new_scratch("dask")
        kernels = WarmKernels(working_root(), scratch, on_start=lambda kernel: None)
        _worker_state.kernels, _worker_state.scratch = kernels, scratch
        _scratch_folders.append(scratch)
        atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    return run_job(job, kernels, _worker_state.scratch, cancelled=lambda: job.batch in _stopped_batches)


def stop_batch_on_worker(batch: str) -> None:
    """Run on every worker at Ctrl-C: no report of `batch` is tried again; kernels killed now."""
    _stopped_batches.add(batch)
    for pid in running_kernel_pids():
        kill_process(pid)


class BatchWatch(WorkerPlugin):
    """Worker plugin for the LocalCluster: a worker exits, killing its kernels, as soon as the
    batch process that started the cluster is gone (even killed by SIGKILL)."""

    name = "pmf_kit-batch-watch"

    def __init__(self, batch_pid: int) -> None:
        self.batch_pid = batch_pid

    def setup(self, worker: Any) -> None:
        if os.getppid() == self.batch_pid:  # a worker process of the batch's own LocalCluster
            threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        while os.getppid() == self.batch_pid:
            time.sleep(WATCH_SECONDS)
        for pid in running_kernel_pids():
            kill_process(pid)
        for scratch in _scratch_folders:
            shutil.rmtree(scratch, ignore_errors=True)
        os._exit(1)

