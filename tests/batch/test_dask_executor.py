"""The Dask executor: a LocalCluster writes the same files as local workers; a hanging report is
stopped by --timeout while the others finish; a lost worker's report is resubmitted once; a
stopped batch leaves nothing running."""

from __future__ import annotations

import signal

import pytest
from click.testing import CliRunner

from pmf_kit.cli import cli
from tests.batch.faults_project import faults_run_set
from tests.batch.test_process_executors import assert_stopping_leaves_nothing
from tests.conftest import write_run_set

LOCALITIES = """\
title: Locality profiles
notebook: notebooks/echo.ipynb
dataset: data/tiny
output: reports/tiny/{folder}
parameters: {{area_level: locality}}
areas: all
"""


def run(*arguments: str):
    return CliRunner().invoke(cli, ["run", *arguments], catch_exceptions=False)


@pytest.mark.integration
def test_a_local_cluster_writes_the_same_files_as_local_workers(project):
    write_run_set(project, LOCALITIES.format(folder="local"), "local.yaml")
    write_run_set(project, LOCALITIES.format(folder="dask"), "dask.yaml")

    assert run("parameters/local.yaml", "--jobs", "2").exit_code == 0
    result = run("parameters/dask.yaml", "--jobs", "2", "--executor", "dask")

    assert result.exit_code == 0, result.output
    assert "2 of 2 reports written" in result.output
    local, dask = project / "reports/tiny/local", project / "reports/tiny/dask"
    names = sorted(path.name for path in local.glob("*.html"))
    assert names == ["north-hills.html", "south-coast.html"]
    assert sorted(path.name for path in dask.glob("*.html")) == names
    for name in names:
        assert (local / name).read_bytes() == (dask / name).read_bytes()
    index = (project / "reports/index.html").read_text(encoding="utf-8")
    assert 'href="tiny/dask/north-hills.html"' in index


@pytest.mark.integration
def test_on_dask_a_hang_is_stopped_and_a_lost_worker_resubmitted_once(project, tmp_path):
    run_set, _ = faults_run_set(project, [
        "{name: hangs, parameters: {area: A, sleep_seconds: 600}}",
        f"{{name: loses-worker-once, parameters: {{area: B, kill: worker, marker: {tmp_path / 'w'}}}}}",
        f"{{name: kernel-dies-once, parameters: {{area: C, kill: kernel, marker: {tmp_path / 'k'}}}}}",
        "{name: loses-every-worker, parameters: {area: D, kill: worker}}",
        "{name: fine, parameters: {area: E}}",
    ])

    result = run(str(run_set), "--executor", "dask", "--jobs", "2", "--timeout", "8")

    assert result.exit_code == 1
    assert "3 of 5 reports written" in result.output
    assert "FAILED hangs: timed out after 8 s (--timeout); its kernel was stopped" in result.output
    assert ("FAILED loses-every-worker: WorkerDied: its Dask worker was lost twice while running this "
            "report (resubmitted once to another worker)") in result.output
    assert sorted(path.name for path in (project / "reports/faults").glob("*.html")) == [
        "fine.html", "kernel-dies-once.html", "loses-worker-once.html",
    ]


@pytest.mark.integration
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL])
def test_a_stopped_dask_batch_leaves_nothing_running(project, stop):
    assert_stopping_leaves_nothing(project, "dask", stop)


def test_a_scheduler_that_is_not_there_is_one_clear_error(project):
    write_run_set(project, LOCALITIES.format(folder="x"), "x.yaml")

    result = CliRunner().invoke(cli, ["run", "parameters/x.yaml", "--executor", "dask",
                                      "--scheduler", "tcp://127.0.0.1:9"])

    assert "--scheduler tcp://127.0.0.1:9: cannot reach a Dask scheduler there" in str(result.exception)
