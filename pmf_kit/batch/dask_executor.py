"""The `dask` executor: reports on a Dask distributed cluster, one warm kernel per worker thread.

Each report is a pure task (pmf_kit.batch.dask_worker: a ReportJob in, a RenderedReport out) sent with
`client.submit` and gathered with `as_completed`; the page travels back as text and the batch
process writes every file, so no shared file system is needed. What each worker needs is the
project installed (`pip install -e .`, the same pmf_kit version) and the data set (and LOIP
folder) at the same path under its own project folder, the folder `dask worker` is started
from. With no scheduler address the executor starts a LocalCluster of `jobs` single-threaded
worker processes on this machine, and stops it afterwards.

The fault rules are those of the local executors: the per-report timeout is kept by the task's
own watchdog (it kills the kernel), a dying kernel is replaced and its report tried once more,
and a report whose worker is lost is resubmitted once by the scheduler (`allowed-failures` 1:
set for the LocalCluster, and by DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES=1 for a scheduler
started by hand) and then fails, named. The scheduler gives a worker one report per thread at a
time (`worker-saturation` 1.0, likewise), because Dask counts a lost worker against every task it
holds: with reports queued behind the running one, a report that kills its worker would take its
neighbours' second chance too. Ctrl-C cancels every task, kills the kernels on every
worker at once, and closes the cluster it started.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import Any, Iterator, Sequence

from pmf_kit.batch.executor import Executor, executors
from pmf_kit.batch.report_task import RenderedReport, ReportJob, describe
from pmf_kit.errors import PmfKitError

ALLOWED_FAILURES = 1
WORKER_SATURATION = 1.0
CONNECT_SECONDS = 20


class DaskExecutor(Executor):
    """`dask`: reports on the cluster at `scheduler`, or on a LocalCluster of `jobs` workers."""

    name = "dask"

    def __init__(self, jobs: int, root: Path, scheduler: str | None = None) -> None:
        self.jobs = jobs
        self.root = root
        self.scheduler = scheduler
        self.batch = uuid.uuid4().hex
        self.client: Any = None
        self.cluster: Any = None
        self.pending: set[Any] = set()

    def run(self, jobs: Sequence[ReportJob]) -> Iterator[RenderedReport]:
        from distributed import as_completed

        from pmf_kit.batch.dask_worker import run_on_dask_worker

        self._connect()
        by_key = {}
        for job in jobs:
            job = _in_batch(job, self.batch)
            future = self.client.submit(run_on_dask_worker, job, key=f"pmf_kit-{job.name}-{self.batch}", pure=False)
            by_key[future.key] = job
            self.pending.add(future)
        for future in as_completed(list(self.pending)):
            result = _result(future, by_key.pop(future.key))
            self.pending.discard(future)
            future.release()  # the page is here now; the cluster need not keep it
            yield result

    def _connect(self) -> None:
        import dask
        from distributed import Client, LocalCluster

        logging.getLogger("distributed").setLevel(logging.ERROR)
        if self.scheduler is None:
            with dask.config.set({"distributed.scheduler.worker-saturation": WORKER_SATURATION}):
                self.cluster = LocalCluster(
                    n_workers=self.jobs, threads_per_worker=1, processes=True, dashboard_address=":0",
                    silence_logs=logging.ERROR, scheduler_kwargs={"allowed_failures": ALLOWED_FAILURES},
                )
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(self.scheduler, timeout=CONNECT_SECONDS)
            except (OSError, TimeoutError, ValueError) as error:
                raise PmfKitError(f"--scheduler {self.scheduler}: cannot reach a Dask scheduler there "
                                  f"within {CONNECT_SECONDS} s ({type(error).__name__}: {error}); start one "
                                  "with `dask scheduler` (see README, Batch runs)") from None

    def close(self) -> None:
        if self.client is None:
            return
        client, self.client = self.client, None
        unfinished = [future for future in self.pending if not future.done()]
        try:
            if unfinished:
                from pmf_kit.batch.dask_worker import stop_batch_on_worker

                client.cancel(unfinished, force=True)
                client.run(stop_batch_on_worker, self.batch)
        except Exception:  # a scheduler gone or a worker lost while stopping changes nothing
            pass
        finally:
            client.close(timeout=10)
            if self.cluster is not None:
                self.cluster.close(timeout=10)
                self.cluster = None


def _in_batch(job: ReportJob, batch: str) -> ReportJob:
    return ReportJob(job.name, job.label, job.notebook, job.parameters, job.timeout, batch)


def _result(future: Any, job: ReportJob) -> RenderedReport:
    from distributed.scheduler import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        return RenderedReport(
            job.name, 0.0, attempts=ALLOWED_FAILURES + 1,
            cause="WorkerDied: its Dask worker was lost twice while running this report "
                  "(resubmitted once to another worker)",
        )
    except Exception as error:
        return RenderedReport(job.name, 0.0, cause=describe(error))


executors.register(DaskExecutor.name, DaskExecutor)
