"""What runs on a Dask worker for the `dask` executor (pmf_kit.batch.dask_executor): the report
task and the Ctrl-C stop.

Each worker thread keeps one warm kernel (started by its first report) and a scratch folder.
The kernel exits within a second of its worker process (ipykernel watches its parent); a
LocalCluster's workers exit at once when the batch process that started them dies (Dask's own
rule). The scratch folder is removed when the worker ends, or, if it was killed, by the next
batch started on the machine (pmf_kit.batch.scratch). The project root is the worker's own: the
project folder `dask worker` was started from (found by its pmf-kit.yaml, as everywhere).
"""

from __future__ import annotations

import atexit
import shutil
import threading

from pmf_kit.batch.kernels import kill_process, running_kernel_pids
from pmf_kit.batch.report_task import RenderedReport, ReportJob, WarmKernels, run_job
from pmf_kit.batch.scratch import new_scratch
from pmf_kit.data.paths import working_root

_worker_state = threading.local()
_stopped_batches: set[str] = set()


def run_on_dask_worker(job: ReportJob) -> RenderedReport:
    """The task: run one report in this worker thread's warm kernel (started on first use)."""
    kernels = getattr(_worker_state, "kernels", None)
    if kernels is None:
        scratch = new_scratch("dask")
        kernels = WarmKernels(working_root(), scratch, on_start=lambda kernel: None)
        _worker_state.kernels = kernels
        atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    return run_job(job, kernels, cancelled=lambda: job.batch in _stopped_batches)


def stop_batch_on_worker(batch: str) -> None:
    """Run on every worker at Ctrl-C: no report of `batch` is tried again; kernels killed now."""
    _stopped_batches.add(batch)
    for pid in running_kernel_pids():
        kill_process(pid)

