"""Batches: every good report is written even when one fails, and the failure is named."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmf_kit.batch.index_page import read_manifest, update_index
from pmf_kit.batch.runner import ReportOutcome, select_reports, summary_lines
from pmf_kit.batch.runsets import load_run_set
from pmf_kit.cli import cli
from pmf_kit.errors import ConfigError
from tests.conftest import write_run_set


DASHBOARD = """\
title: Partnership dashboard
notebook: notebooks/echo.ipynb
dataset: data/tiny
output: reports/tiny/dashboard
parameters: {area_level: council}
reports:
  - {name: Q2 2024-25, parameters: {area: XC0000001}}
  - {name: broken, parameters: {area: NOWHERE, should_fail: true}}
  - {name: Q4 2024-25, parameters: {area: XC0000001}}
"""

LOCALITIES = """\
title: Locality profiles
notebook: notebooks/echo.ipynb
dataset: data/tiny
output: reports/tiny/{folder}
parameters: {{area_level: locality}}
areas: all
"""


GOOD_OLD_REPORT = '<html><head><meta name="generator" content="pmf_kit 0.1.0"></head>GOOD OLD REPORT'


def run(*arguments: str):
    return CliRunner().invoke(cli, ["run", *arguments], catch_exceptions=False)


@pytest.mark.integration
def test_a_failing_report_is_named_and_the_others_are_still_written(project):
    write_run_set(project, DASHBOARD, "dashboard.yaml")
    output = project / "reports" / "tiny" / "dashboard"
    output.mkdir(parents=True)
    (output / "broken.html").write_text(GOOD_OLD_REPORT)

    result = run("parameters/dashboard.yaml")

    assert result.exit_code == 1
    assert "2 of 3 reports written" in result.output
    assert "FAILED broken: ValueError: no values for NOWHERE" in result.output
    assert "Traceback" not in result.output
    assert sorted(path.name for path in output.iterdir()) == [
        "broken.failed.ipynb", "broken.html", "pmf-kit-builds.json", "q2-2024-25.html",
        "q4-2024-25.html",
    ]
    assert (output / "broken.html").read_text() == GOOD_OLD_REPORT
    page = (output / "q2-2024-25.html").read_text(encoding="utf-8")
    assert "area=XC0000001 level=council dataset=data/tiny" in page
    assert f"kernel prefix={sys.prefix}" in page
    assert not [path for path in project.rglob("*") if path.name.startswith(".") and path.is_file()]


@pytest.mark.integration
def test_the_index_links_every_written_report_grouped_by_run_set(project):
    write_run_set(project, DASHBOARD, "dashboard.yaml")
    write_run_set(project, LOCALITIES.format(folder="localities"), "localities.yaml")

    run("parameters/")

    index = (project / "reports" / "index.html").read_text(encoding="utf-8")
    # both make something other than a profile or a performance report, so they go by title
    assert index.index("Locality profiles") < index.index("Partnership dashboard")
    assert 'href="tiny/localities/north-hills.html">North &amp; Hills</a>' in index
    assert 'href="tiny/dashboard/q4-2024-25.html">Q4 2024-25</a>' in index
    assert "broken.html" not in index
    assert "Data set: Tiny Council (test fixture)" in index
    assert "<script src" not in index and "http" not in index


@pytest.mark.integration
def test_two_jobs_write_the_same_files_as_one(project):
    write_run_set(project, LOCALITIES.format(folder="serial"), "serial.yaml")
    write_run_set(project, LOCALITIES.format(folder="parallel"), "parallel.yaml")

    assert run("parameters/serial.yaml", "--jobs", "1").exit_code == 0
    assert run("parameters/parallel.yaml", "--jobs", "2").exit_code == 0

    serial = project / "reports" / "tiny" / "serial"
    parallel = project / "reports" / "tiny" / "parallel"
    names = sorted(path.name for path in serial.glob("*.html"))
    assert names == ["north-hills.html", "south-coast.html"]
    assert sorted(path.name for path in parallel.glob("*.html")) == names
    for name in names:
        assert (serial / name).read_bytes() == (parallel / name).read_bytes()


@pytest.mark.integration
def test_only_runs_the_named_report(project):
    write_run_set(project, LOCALITIES.format(folder="localities"), "localities.yaml")

    result = run("parameters/localities.yaml", "--only", "South Coast")

    assert result.exit_code == 0
    assert [path.name for path in (project / "reports/tiny/localities").glob("*.html")] == [
        "south-coast.html"
    ]


def test_only_matches_area_names_file_names_and_codes(project):
    run_set = load_run_set(write_run_set(project, LOCALITIES.format(folder="l"), "l.yaml"))

    for name in ("South Coast", "south-coast", "XL0000002"):
        assert [report.name for report in select_reports([run_set], [name])] == ["south-coast"]


def test_only_with_an_unknown_name_lists_the_reports(project):
    run_set = load_run_set(write_run_set(project, LOCALITIES.format(folder="l"), "l.yaml"))

    with pytest.raises(ConfigError, match="--only kirkhaven: no such report; expected one of "
                                          "north-hills, south-coast"):
        select_reports([run_set], ["Kirkhaven"])


def test_the_summary_counts_reports_and_names_each_failure_with_its_cause(project):
    run_set = load_run_set(write_run_set(project, DASHBOARD, "dashboard.yaml"))
    good, broken, _ = run_set.reports
    outcomes = [
        ReportOutcome(good, 2.0),
        ReportOutcome(broken, 1.5, "KeyError: 'population'"),
    ]

    assert summary_lines(outcomes, wall_seconds=3.6) == [
        "1 of 2 reports written in 4 s (3.5 s of report time)",
        "FAILED broken: KeyError: 'population'",
    ]


def test_a_failed_report_keeps_its_last_good_listing_in_the_index(project):
    run_set = load_run_set(write_run_set(project, DASHBOARD, "dashboard.yaml"))
    good, broken, later = run_set.reports
    for report in run_set.reports:
        report.output_path.parent.mkdir(parents=True, exist_ok=True)
        report.output_path.write_text("report")
    index_path = Path("reports/index.html")

    update_index([run_set], [ReportOutcome(report, 1.0) for report in run_set.reports], index_path)
    later.output_path.unlink()
    update_index([run_set], [ReportOutcome(broken, 1.0, "ValueError: x")], index_path)

    [listed] = read_manifest(index_path.with_suffix(".json"))
    assert [report.label for report in listed.reports] == ["Q2 2024-25", "broken"]
    assert listed.dataset_name == "Tiny Council (test fixture)"


def test_only_with_a_misspelt_name_offers_the_closest_reports(project):
    run_set = load_run_set(write_run_set(project, LOCALITIES.format(folder="l"), "l.yaml"))

    with pytest.raises(ConfigError, match=r"--only south-caost: no such report; closest: south-coast "
                                          r"\(--list shows them all\)"):
        select_reports([run_set], ["South Caost"])


def test_only_in_a_big_run_set_counts_the_reports_rather_than_listing_them(project, monkeypatch):
    monkeypatch.setattr("pmf_kit.batch.runner.LISTED_IN_FULL", 1)
    run_set = load_run_set(write_run_set(project, LOCALITIES.format(folder="l"), "l.yaml"))

    with pytest.raises(ConfigError, match=r"--only kirkhaven: no such report; the run set has 2 reports "
                                          r"\(--list shows them all\)$"):
        select_reports([run_set], ["Kirkhaven"])
