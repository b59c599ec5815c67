"""One report as a task: warm and cold give the same page, a warm kernel keeps nothing of one
report for the next, and a kernel that will not start or dies is replaced."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from pmf_kit.batch.report_task import ReportJob, WarmKernels, run_job
from pmf_kit.batch.scratch import new_scratch
from pmf_kit.cli import cli
from tests.conftest import FIXTURES, copy_project

PROFILES = """\
title: Locality profiles
notebook: notebooks/locality_profile.ipynb
dataset: data/sample
output: reports/{folder}
parameters: {{area_level: locality, comparator_levels: [council, scotland], period: latest}}
areas: [{areas}]
"""


def comparable(page: str) -> str:
    """A page with what differs between any two runs taken out: Altair's random chart ids."""
    return re.sub(r"altair-viz-[0-9a-f]{32}", "altair-viz-ID", page)


@pytest.mark.integration
def test_a_profile_made_warm_after_others_is_the_same_as_one_made_cold(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    (project / "parameters" / "warm.yaml").write_text(
        PROFILES.format(folder="warm", areas="Inverbrackie, Isle of Innisbrae, Auchterlinn"))
    (project / "parameters" / "cold.yaml").write_text(PROFILES.format(folder="cold", areas="Auchterlinn"))

    warm = CliRunner().invoke(cli, ["run", "parameters/warm.yaml", "--executor", "warm", "--jobs", "1"])
    cold = CliRunner().invoke(cli, ["run", "parameters/cold.yaml", "--executor", "processes"])

    assert warm.exit_code == 0 and cold.exit_code == 0, warm.output + cold.output
    made_warm = (project / "reports/warm/auchterlinn.html").read_text(encoding="utf-8")
    made_cold = (project / "reports/cold/auchterlinn.html").read_text(encoding="utf-8")
    assert "Auchterlinn" in made_warm and "vegaEmbed" in made_warm
    assert comparable(made_warm) == comparable(made_cold)


@pytest.mark.integration
def test_a_warm_kernel_keeps_nothing_a_report_defined(project):
    notebook = json.loads((FIXTURES / "faults.ipynb").read_text(encoding="utf-8"))
    scratch = new_scratch("batch")
    kernels = WarmKernels(project, scratch, on_start=lambda kernel: None)
    try:
        pages = [
            run_job(ReportJob(area, area, notebook, {"area": area}, timeout=120), kernels).html
            for area in ("first", "second")
        ]
        kernel = kernels.acquire()
        assert kernels.acquire() is kernel  # the same warm kernel throughout
    finally:
        kernels.close()
        shutil.rmtree(scratch)
    assert "area=first leftover=False" in pages[0]
    assert "area=second leftover=False" in pages[1]  # `leftover = area` of the first report is gone


@pytest.mark.integration
def test_a_report_whose_kernel_dies_every_time_fails_after_one_more_try(project):
    notebook = json.loads((FIXTURES / "faults.ipynb").read_text(encoding="utf-8"))
    scratch = new_scratch("batch")
    kernels = WarmKernels(project, scratch, on_start=lambda kernel: None)
    try:
        result = run_job(ReportJob("dies", "dies", notebook, {"kill": "kernel"}, timeout=120), kernels)
    finally:
        kernels.close()
        shutil.rmtree(scratch)
    assert result.html is None and result.attempts == 2
    assert result.cause == ("DeadKernelError: the kernel died twice while running this report "
                            "(replaced and tried again once)")
