"""--changed: a report is skipped while its notebook, parameters, data set, LOIP folder, custom
areas and pmf_kit's version are as at its last good build, and rebuilt when any of them changes."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmf_kit.batch import build_manifest
from pmf_kit.batch.build_manifest import Fingerprints, record_builds, unchanged_reports
from pmf_kit.batch.runsets import Report, load_run_sets
from pmf_kit.cli import cli
from tests.conftest import write_run_set

LOCALITIES = """\
title: Locality profiles
notebook: notebooks/echo.ipynb
dataset: data/{dataset}
output: reports/{folder}
parameters: {{area_level: locality{extra}}}
areas: all
"""


@pytest.fixture
def two_run_sets(project):
    """Two run sets: `a` on data/tiny, `b` on a copy of it in data/other."""
    shutil.copytree(project / "data/tiny", project / "data/other")
    write_run_set(project, LOCALITIES.format(dataset="tiny", folder="a", extra=""), "a.yaml")
    write_run_set(project, LOCALITIES.format(dataset="other", folder="b", extra=""), "b.yaml")
    return project


def built(project):
    """Pretend every report was built now: its page written and its fingerprint recorded."""
    reports = [report for run_set in load_run_sets("parameters") for report in run_set.reports]
    for report in reports:
        (project / report.output_path).parent.mkdir(parents=True, exist_ok=True)
        (project / report.output_path).write_text('<meta name="generator" content="pmf_kit">')
    record_builds(reports, [], Fingerprints(project))
    return reports


def unchanged(project) -> list[str]:
    reports = [report for run_set in load_run_sets("parameters") for report in run_set.reports]
    kept = unchanged_reports(reports, Fingerprints(project))
    return sorted(report.output_path.as_posix() for report in reports if report.output_path in kept)


EVERYTHING = ["reports/a/north-hills.html", "reports/a/south-coast.html",
              "reports/b/north-hills.html", "reports/b/south-coast.html"]


def test_nothing_changed_nothing_rebuilt(two_run_sets):
    built(two_run_sets)
    assert unchanged(two_run_sets) == EVERYTHING
    manifest = json.loads((two_run_sets / "reports/a/pmf-kit-builds.json").read_text())
    assert manifest["generator"] == "pmf_kit" and sorted(manifest["reports"]) == ["north-hills", "south-coast"]


def test_a_changed_data_set_file_rebuilds_the_reports_that_use_it_and_no_others(two_run_sets):
    built(two_run_sets)
    values = two_run_sets / "data/other/values.csv"
    values.write_text(values.read_text().replace("smoking,XD0000001,2023,10,100,", "smoking,XD0000001,2023,11,100,"))
    assert unchanged(two_run_sets) == EVERYTHING[:2]


def test_changed_parameters_rebuild_their_run_set(two_run_sets):
    built(two_run_sets)
    write_run_set(two_run_sets, LOCALITIES.format(dataset="tiny", folder="a", extra=", period: 2023"), "a.yaml")
    assert unchanged(two_run_sets) == EVERYTHING[2:]


def test_a_changed_notebook_rebuilds_every_report_made_with_it(two_run_sets):
    built(two_run_sets)
    notebook = two_run_sets / "notebooks/echo.ipynb"
    notebook.write_text(notebook.read_text().replace("Echo report", "Echo report, revised"))
    assert unchanged(two_run_sets) == []


def test_a_new_pmf_kit_version_rebuilds_everything(two_run_sets, monkeypatch):
    built(two_run_sets)
    monkeypatch.setattr(build_manifest, "__version__", "9.9.9")
    assert unchanged(two_run_sets) == []


def test_a_deleted_report_and_a_failed_one_are_rebuilt(two_run_sets):
    reports = built(two_run_sets)
    (two_run_sets / "reports/a/north-hills.html").unlink()
    record_builds([], [reports[3]], Fingerprints(two_run_sets))
    assert unchanged(two_run_sets) == [EVERYTHING[1], EVERYTHING[2]]


def test_a_loip_folder_and_custom_areas_file_count_as_inputs(project):
    (project / "data/loip").mkdir()
    (project / "data/loip/kpis.yaml").write_text("kpis: []\n")
    report = Report("x", "x", Path("notebooks/echo.ipynb"), {"dataset": "data/tiny", "loip": "data/loip"},
                    Path("reports/x.html"), Path("parameters/x.yaml"))
    before = Fingerprints(project).of(report)
    (project / "data/loip/kpis.yaml").write_text("kpis: [one]\n")
    assert Fingerprints(project).of(report) != before
    (project / "areas.yaml").write_text("areas: []\n")
    report = dataclasses.replace(report, parameters={**report.parameters, "custom_areas": "areas.yaml"})
    with_areas = Fingerprints(project).of(report)
    (project / "areas.yaml").write_text("areas: [x]\n")
    assert Fingerprints(project).of(report) != with_areas


@pytest.mark.integration
def test_run_changed_says_how_many_were_built_and_skipped(two_run_sets):
    runner = CliRunner()
    assert runner.invoke(cli, ["run", "parameters/"]).exit_code == 0
    (two_run_sets / "reports/b/south-coast.html").unlink()

    result = runner.invoke(cli, ["run", "parameters/", "--changed"])

    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 of 4 reports built, 3 skipped as unchanged, in ")
    index = (two_run_sets / "reports/index.html").read_text(encoding="utf-8")
    assert all(f'href="{path.removeprefix("reports/")}"' in index for path in EVERYTHING)
    nothing = runner.invoke(cli, ["run", "parameters/", "--changed"])
    assert nothing.output.startswith("0 of 4 reports built, 4 skipped as unchanged, in ")
