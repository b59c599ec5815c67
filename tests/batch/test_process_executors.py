"""The local executors under faults: a hanging report is stopped and its warm kernel replaced, a
dead worker or kernel costs only one more try, and a batch killed by Ctrl-C, SIGTERM or SIGKILL
leaves no worker, kernel, scratch folder or half-written file behind."""

from __future__ import annotations

import shutil
import signal
import time

import pytest
from click.testing import CliRunner

from pmf_kit.batch.scratch import new_scratch
from pmf_kit.cli import cli
from tests.batch.faults_project import (
    faults_run_set, files_under, gone, kernels_and_workers, scratch_folders, started_pmf_kit, wait_until,
)


def run(*arguments: str):
    return CliRunner().invoke(cli, ["run", *arguments], catch_exceptions=False)


@pytest.mark.integration
def test_a_hanging_report_is_stopped_and_the_warm_kernel_replaced(project):
    run_set, pid_file = faults_run_set(project, [
        "{name: first, parameters: {area: A}}",
        "{name: hangs, parameters: {area: B, sleep_seconds: 600}}",
        "{name: after, parameters: {area: C}}",
        "{name: last, parameters: {area: D}}",
    ])

    result = run(str(run_set), "--executor", "warm", "--timeout", "8")

    assert result.exit_code == 1
    assert "3 of 4 reports written" in result.output
    assert "FAILED hangs: timed out after 8 s (--timeout); its kernel was stopped" in result.output
    kernels = [kernel for kernel, _ in kernels_and_workers(pid_file)]
    first, hangs, after, last = kernels
    assert first == hangs  # one warm kernel ran report after report...
    assert after != hangs and after == last  # ...until the timeout killed it: a new one took over
    assert gone(hangs)
    assert sorted(path.name for path in (project / "reports/faults").glob("*.html")) == [
        "after.html", "first.html", "last.html",
    ]


@pytest.mark.integration
def test_the_processes_executor_starts_a_fresh_kernel_for_every_report(project):
    run_set, pid_file = faults_run_set(project, [f"{{name: r{n}, parameters: {{area: A{n}}}}}" for n in range(3)])

    assert run(str(run_set), "--executor", "processes").exit_code == 0

    kernels = [kernel for kernel, _ in kernels_and_workers(pid_file)]
    assert len(set(kernels)) == 3
    assert all(gone(kernel) for kernel in kernels)


@pytest.mark.integration
@pytest.mark.parametrize("executor", ["warm", "processes"])
def test_a_worker_or_kernel_that_dies_once_costs_one_more_try(project, executor, tmp_path):
    run_set, pid_file = faults_run_set(project, [
        f"{{name: worker-dies-once, parameters: {{area: A, kill: worker, marker: {tmp_path / 'w'}}}}}",
        f"{{name: kernel-dies-once, parameters: {{area: B, kill: kernel, marker: {tmp_path / 'k'}}}}}",
        "{name: fine, parameters: {area: C}}",
    ])

    result = run(str(run_set), "--executor", executor, "--jobs", "2")

    assert result.exit_code == 0, result.output
    assert "3 of 3 reports written" in result.output
    assert sorted(path.name for path in (project / "reports/faults").glob("*.html")) == [
        "fine.html", "kernel-dies-once.html", "worker-dies-once.html",
    ]


@pytest.mark.integration
@pytest.mark.parametrize("executor, stop", [
    ("warm", signal.SIGINT), ("warm", signal.SIGTERM), ("warm", signal.SIGKILL),
    ("processes", signal.SIGKILL),
])
def test_a_stopped_batch_leaves_nothing_running_or_writing(project, executor, stop):
    assert_stopping_leaves_nothing(project, executor, stop)


def assert_stopping_leaves_nothing(project, executor: str, stop: signal.Signals) -> None:
    """Start a batch of hanging reports, stop it with `stop` once two run, and look around."""
    run_set, pid_file = faults_run_set(project, [
        f"{{name: r{n}, parameters: {{area: A{n}, sleep_seconds: 600}}}}" for n in range(3)
    ])
    batch = started_pmf_kit(project, "run", str(run_set), "--jobs", "2", "--executor", executor)
    assert wait_until(lambda: len(kernels_and_workers(pid_file)) == 2, seconds=240), batch.communicate()[0]
    processes = [pid for pair in kernels_and_workers(pid_file) for pid in pair]

    stopped_at = time.monotonic()
    batch.send_signal(stop)
    output = batch.communicate(timeout=60)[0]
    seconds = time.monotonic() - stopped_at

    if stop == signal.SIGKILL:
        assert batch.returncode == -signal.SIGKILL
    else:
        assert batch.returncode == 130, output
        assert "0 of 3 reports written" in output and "3 not run (interrupted)" in output
        assert output.rstrip().endswith("interrupted") and "Traceback" not in output
    assert wait_until(lambda: all(gone(pid) for pid in processes), seconds=15), processes
    reports = project / "reports"
    before = files_under(reports) if reports.exists() else {}
    time.sleep(2)
    after = files_under(reports) if reports.exists() else {}
    assert after == before
    assert not [name for name in after if ".tmp" in name or name.startswith("faults/") and name.endswith(".html")]
    owners = [batch.pid] + [worker for _, worker in kernels_and_workers(pid_file)]
    if executor == "dask" and stop == signal.SIGKILL:
        # Dask ends a LocalCluster's workers at once (os._exit) when their batch dies, before
        # they can tidy up: the next batch started on the machine removes their scratch folders.
        shutil.rmtree(new_scratch("batch"))
    assert wait_until(lambda: not scratch_folders(owners), seconds=10), scratch_folders(owners)
    print(f"{executor} stopped by {stop.name} in {seconds:.1f} s")
