"""The SMART check: each rule worked by hand on a made-up KPI, the sample's KPIs that fail on
purpose, and the check-register command."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest
from click.testing import CliRunner

from pmf_kit.cli import cli
from pmf_kit.performance.forecast import linear_forecast
from pmf_kit.performance.kpis import KPI, SHEET_FIELDS, Milestone
from pmf_kit.performance.smart import (
    FAILS,
    NOT_CHECKED,
    PASSES,
    achievable,
    by_kpi,
    check_loip,
    measurable,
    specific,
    time_bound,
)
from tests.conftest import PROJECT_ROOT, SAMPLE_DATASET

LOIP = PROJECT_ROOT / "data" / "loip"
KPI_SHEET = {field: f"{field} text" for field in SHEET_FIELDS}
MADE_UP = KPI(id="K1", outcome="o", priority="p", title="Made-up KPI", indicator="i", level="council", area="C1",
              area_name="Council", baseline_period="2019", baseline_value=10.0, target=Milestone("2026", 21.0),
              trajectory=(Milestone("2022", 14.0),), polarity="higher_is_better", tolerance=0.05, comparator=None,
              plan="LOIP", sheet=KPI_SHEET)


def test_specific_needs_what_it_measures_and_how_it_is_calculated():
    assert specific(MADE_UP)[0] == PASSES
    vague = dataclasses.replace(MADE_UP, sheet=KPI_SHEET | {"measures": "", "calculation": ""})
    assert specific(vague) == (FAILS, "The data management sheet does not say what it measures (measures) or how "
                                      "it is calculated (calculation).")


def test_measurable_needs_a_published_figure_a_source_and_an_owner():
    published = pd.DataFrame({"area_code": ["C1", "C1", "S1"], "value": [12.0, math.nan, 11.0]})
    assert measurable(MADE_UP, published, "2024/25 Q4") == (PASSES, "1 published figures; source and owner named.")
    suppressed = pd.DataFrame({"area_code": ["C1", "S1"], "value": [math.nan, 11.0]})  # only the comparator has one
    result, reason = measurable(dataclasses.replace(MADE_UP, sheet=KPI_SHEET | {"responsible": ""}),
                                suppressed, "2024/25 Q4")
    assert result == FAILS
    assert reason == ("No figure for Council up to 2024/25 Q4 can be published (no data, or every count below the "
                      "suppression threshold); the sheet does not say who is responsible (responsible).")


def test_measurable_needs_a_baseline_figure_when_the_register_gives_no_value():
    published = pd.DataFrame({"area_code": ["C1", "C1"], "period": ["2020", "2021"], "value": [12.0, 13.0]})
    no_value = dataclasses.replace(MADE_UP, baseline_value=None)
    assert measurable(no_value, published, "2024/25 Q4") == (FAILS, (
        "The baseline period 2019 has no published figure for Council, and kpis.yaml gives no baseline value, "
        "so the KPI gets no status."))
    with_baseline = published.assign(period=["2019", "2021"])
    assert measurable(no_value, with_baseline, "2024/25 Q4") == (PASSES, "2 published figures; source and owner named.")


def _forecast_row(target: float, polarity: str = "higher_is_better") -> pd.Series:
    forecast = linear_forecast([2019, 2020, 2021, 2022, 2023], [10, 12, 11, 13, 14], 2026, target, polarity)
    return pd.Series({"forecast_value": forecast.value, "forecast_lower": forecast.lower,
                      "forecast_upper": forecast.upper, "target_value": target, "target_period": "2026",
                      "unit": "percent", "polarity": polarity})


def test_achievable_worked_by_hand():
    # By hand: mean x 2021, mean y 12, Sxx 10, Sxy 9 → slope 0.9, forecast at 2026 = 12 + 0.9 x 5 = 16.5.
    # Residuals -0.2, 0.9, -1, 0.1, 0.2: SSE 1.9, s = sqrt(1.9 / 3) = 0.7958224.
    # se = s sqrt(1 + 1/5 + 25/10) = 1.5307950; t(0.975, 3) = 3.1824463 (tables); half-width 4.8716729.
    row = _forecast_row(21.0)
    assert (row["forecast_value"], row["forecast_lower"], row["forecast_upper"]) == pytest.approx(
        (16.5, 11.6283271, 21.3716729), abs=1e-6)
    assert achievable(row) == (PASSES, "The target 21.0 is inside the 95% prediction interval (11.6 to 21.4 in 2026).")
    assert achievable(_forecast_row(22.0)) == (
        FAILS, "The target 22.0 is better than the whole 95% prediction interval (11.6 to 21.4 in 2026): not "
               "reachable on the recent trend.")
    assert achievable(_forecast_row(11.0)) == (
        FAILS, "The target 11.0 is worse than the whole 95% prediction interval (11.6 to 21.4 in 2026): the recent "
               "trend is expected to beat it, so it asks for nothing beyond the trend.")
    assert achievable(_forecast_row(11.0, "lower_is_better"))[1].startswith("The target 11.0 is better than")
    no_forecast = pd.Series({"forecast_value": math.nan})
    assert achievable(no_forecast) == (NOT_CHECKED, "Too few published values to forecast the target date.")


def test_time_bound_needs_a_milestone_before_the_target_date():
    assert time_bound(MADE_UP) == (PASSES, "Target date 2026; milestones 2022.")
    assert time_bound(dataclasses.replace(MADE_UP, trajectory=())) == (
        FAILS, "No interim milestone between the baseline (2019) and the target date (2026).")


@pytest.fixture(scope="module")
def sample_check():
    return check_loip(SAMPLE_DATASET, LOIP, "2024/25 Q4")


@pytest.mark.parametrize(("kpi_id", "rule"), [
    ("CY03", "specific"), ("LP-ISL01", "measurable"), ("TP03", "achievable"), ("SC03", "time_bound")])
def test_the_sample_kpis_that_fail_on_purpose(sample_check, kpi_id, rule):
    results = sample_check[sample_check["kpi_id"] == kpi_id].set_index("rule")["result"]
    assert results[rule] == FAILS
    assert (results.drop(rule) != FAILS).all()


def test_the_sample_register_otherwise(sample_check):
    assert sample_check["kpi_id"].nunique() == 22 and len(sample_check) == 88
    assert set(sample_check.loc[sample_check["result"] == NOT_CHECKED, "kpi_id"]) == {"LP-ISL01"}
    wide = by_kpi(sample_check).set_index("KPI")
    assert wide.loc["HL02 Alcohol-related hospital stays"].tolist() == ["LOIP"] + ["✔ Passes"] * 4
    assert wide.loc["SC03 Deliberate fires", "Time-bound"] == "✖ Fails"


def test_the_command():
    result = CliRunner().invoke(cli, ["check-register", "--loip", str(LOIP), "--dataset", str(SAMPLE_DATASET),
                                      "--period", "2024/25 q4"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "SMART check at 2024/25 Q4: 22 KPIs, 11 failing at least one rule"
    assert "  Specific: The KPI's data management sheet says what it measures and how it is calculated (its definition)." in lines
    assert "  SC03 Deliberate fires (LOIP)" in lines
    assert ("    ✖ Time-bound: No interim milestone between the baseline (2019/20) and the target date (2026/27)."
            in lines)
    assert "Cannot be checked:" in lines
