"""`pmf-kit run --period`: one reporting period for every LOIP report of a run set, `{period}` in
report names, the latest period due by a fixed today, and the partnership's own quarters."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from pmf_kit.batch.runsets import load_run_set, load_run_sets
from pmf_kit.errors import ConfigError
from tests.conftest import PROJECT_ROOT

SAMPLE_RUN_SETS = PROJECT_ROOT / "parameters" / "sample"
DASHBOARDS = SAMPLE_RUN_SETS / "dashboards.yaml"
TODAY = datetime.date(2025, 12, 7)


def test_without_period_each_dashboard_has_its_own_period_in_its_name():
    reports = load_run_set(DASHBOARDS, today=TODAY).reports
    assert [(r.label, r.parameters["reporting_period"], r.output_path.name) for r in reports] == [
        ("Dashboard 2024/25 Q2", "2024/25 Q2", "dashboard-2024-25-q2.html"),
        ("Dashboard 2024/25 Q4", "2024/25 Q4", "dashboard-2024-25-q4.html"),
    ]


def test_a_period_makes_one_dashboard_for_it():
    run_set = load_run_set(DASHBOARDS, "2025-26 q2", today=TODAY)
    assert [(r.label, r.parameters["reporting_period"], r.output_path.name) for r in run_set.reports] == [
        ("Dashboard 2025/26 Q2", "2025/26 Q2", "dashboard-2025-26-q2.html")]
    assert run_set.notes == ["every report for 2025/26 Q2 (--period)"]


def test_a_period_replaces_the_shared_reporting_period_of_every_outcome_report():
    reports = load_run_set(SAMPLE_RUN_SETS / "outcomes.yaml", "2024/25 Q2", today=TODAY).reports
    assert len(reports) == 4
    assert {r.parameters["reporting_period"] for r in reports} == {"2024/25 Q2"}
    assert reports[0].output_path.name == "healthier-lives.html"  # no {period} in its name


@pytest.mark.parametrize("today, latest", [
    (datetime.date(2025, 12, 7), "2025/26 Q2"),
    (datetime.date(2025, 10, 1), "2025/26 Q2"),  # Q2 ended the day before
    (datetime.date(2025, 9, 30), "2024/25 Q4"),  # Q2 ends today: not yet past
    (datetime.date(2026, 4, 1), "2025/26 Q4"),
])
def test_latest_is_the_latest_q2_or_q4_ended_by_today(today, latest):
    run_set = load_run_set(DASHBOARDS, "latest", today=today)
    assert [r.parameters["reporting_period"] for r in run_set.reports] == [latest]
    assert run_set.notes == [f"every report for {latest} (the latest reporting period ended by {today:%d %B %Y}) (--period)"]


def test_a_period_outside_the_partnerships_quarters_is_refused():
    with pytest.raises(ConfigError, match=r"dashboards.yaml: --period: period '2025/26 Q3': expected a Q2 or Q4 "
                                          r"reporting period such as 2025/26 Q2 \(the reporting quarters of data/loip/partnership.yaml\)"):
        load_run_set(DASHBOARDS, "2025/26 Q3", today=TODAY)


def test_a_period_not_yet_ended_is_refused():
    with pytest.raises(ConfigError, match="parameters.reporting_period: 2025/26 Q4 ends on 31 March 2026, which is not yet past"):
        load_run_set(DASHBOARDS, "2025/26 Q4", today=TODAY)


def test_a_folder_leaves_run_sets_without_a_reporting_period_alone():
    run_sets = {run_set.source.name: run_set for run_set in load_run_sets(SAMPLE_RUN_SETS, "2024/25 Q2", today=TODAY)}
    assert run_sets["dashboards.yaml"].for_period and not run_sets["localities.yaml"].for_period
    assert all("reporting_period" not in r.parameters for r in run_sets["localities.yaml"].reports)
    with pytest.raises(ConfigError, match="localities.yaml: --period: no run set here makes LOIP reports"):
        load_run_sets(SAMPLE_RUN_SETS / "localities.yaml", "2024/25 Q2", today=TODAY)


def test_period_in_a_name_needs_a_reporting_period(tmp_path):
    run_set = tmp_path / "run.yaml"
    run_set.write_text(f"notebook: notebooks/locality_profile.ipynb\ndataset: data/sample\noutput: {tmp_path}/out\n"
                       "reports:\n  - name: Profile {period}\n    parameters: {area: Auchterlinn}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"reports\[1\].name: \{period\} needs the report's reporting_period"):
        load_run_set(run_set)


@pytest.fixture
def quarterly_run_set(tmp_path) -> Path:
    """A copy of the sample LOIP reporting quarterly, and a run set of outcome reports on it."""
    loip = tmp_path / "loip"
    shutil.copytree(PROJECT_ROOT / "data" / "loip", loip)
    (loip / "partnership.yaml").write_text("name: Quarterly Partnership\nreporting_quarters: [1, 2, 3, 4]\n",
                                           encoding="utf-8")
    run_set = tmp_path / "quarterly.yaml"
    run_set.write_text(f"""\
notebook: notebooks/outcome_report.ipynb
dataset: data/sample
output: {tmp_path}/out
parameters: {{loip: {loip}, outcome: healthier_lives}}
reports:
  - {{name: "Healthier lives {{period}}", parameters: {{reporting_period: 2024/25 Q1}}}}
  - {{name: "Healthier lives {{period}}", parameters: {{reporting_period: 2024/25 Q3}}}}
""", encoding="utf-8")
    return run_set


def test_a_quarterly_partnerships_run_set_takes_q1_and_q3(quarterly_run_set):
    reports = load_run_set(quarterly_run_set, today=TODAY).reports
    assert [(r.name, r.parameters["reporting_period"]) for r in reports] == [
        ("healthier-lives-2024-25-q1", "2024/25 Q1"), ("healthier-lives-2024-25-q3", "2024/25 Q3")]


def test_a_quarterly_partnerships_latest_is_its_last_ended_quarter(quarterly_run_set):
    today = datetime.date(2026, 1, 5)
    reports = load_run_set(quarterly_run_set, "latest", today=today).reports
    assert [(r.name, r.parameters["reporting_period"]) for r in reports] == [("healthier-lives-2025-26-q3", "2025/26 Q3")]


def test_a_biannual_partnership_refuses_a_q3_in_the_run_set(quarterly_run_set):
    (quarterly_run_set.parent / "loip" / "partnership.yaml").unlink()
    with pytest.raises(ConfigError, match=r"reports\[1\].parameters.reporting_period: expected a Q2 \(mid-year\) "
                                          r"or Q4 \(full-year\) reporting period such as 2024/25 Q4, found '2024/25 Q1'"):
        load_run_set(quarterly_run_set, today=TODAY)


def test_without_partnership_yaml_a_q3_period_is_refused_naming_the_default(quarterly_run_set):
    loip = quarterly_run_set.parent / "loip"
    (loip / "partnership.yaml").unlink()
    with pytest.raises(ConfigError, match=f"--period: period '2024/25 Q3': expected a Q2 or Q4 reporting period .*"
                                          f"\\(the default reporting quarters: {loip} has no partnership.yaml\\)"):
        load_run_set(quarterly_run_set, "2024/25 Q3", today=TODAY)
