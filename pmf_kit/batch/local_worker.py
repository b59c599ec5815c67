"""A local worker process: runs the report jobs the batch sends it, one at a time, in its own
kernel (fresh or warm), and sends back each RenderedReport.

It writes nothing outside its scratch folder. It ignores Ctrl-C (the batch decides, and kills
it), and it watches the batch process: if the batch dies, even by SIGKILL, the worker kills its
kernel, removes its scratch folder and exits within half a second.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

from pmf_kit.batch.kernels import Kernel, kill_process, running_kernel_pids
from pmf_kit.batch.report_task import ColdKernels, WarmKernels, run_job

WATCH_SECONDS = 0.5


def worker_main(connection: Connection, root: str, scratch: str, warm: bool, batch_pid: int) -> None:
    """The worker's whole life: jobs in, results out, until told to stop or orphaned."""
    logging.getLogger("papermill").setLevel(logging.ERROR)
    scratch_path = Path(scratch)
    scratch_path.mkdir(parents=True, exist_ok=True)

    def started(kernel: Kernel) -> None:
        connection.send(("kernel", kernel.pid))

    threading.Thread(target=_watch_batch, args=(batch_pid, scratch_path), daemon=True).start()
    kinds = WarmKernels if warm else ColdKernels
    kernels = kinds(Path(root), scratch_path, on_start=started)
    try:
        while True:
            try:
                job = connection.recv()
            except EOFError:
                break
            if job is None:
                break
            rendered = run_job(job, kernels)
            connection.send(("done", rendered, next(iter(running_kernel_pids()), None)))
    finally:
        if isinstance(kernels, WarmKernels):
            kernels.close()
        shutil.rmtree(scratch_path, ignore_errors=True)


def _watch_batch(batch_pid: int, scratch: Path) -> None:
    """Exit, taking the kernel along, as soon as the batch process is gone."""
    while os.getppid() == batch_pid:
        time.sleep(WATCH_SECONDS)
    for pid in running_kernel_pids():
        kill_process(pid)
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        scratch.parent.rmdir()  # the batch's scratch folder, once its last worker has gone
    except OSError:
        pass
    os._exit(1)
