"""Every sample KPI assessed: values match values.csv worked by hand, and the rules give the status."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pmf_kit.data.dataset import open_dataset
from pmf_kit.performance import assess, load_register
from pmf_kit.performance.actions import action_progress, load_action_plan
from pmf_kit.performance.at_a_glance import actions_at_a_glance, export_at_a_glance, kpi_at_a_glance
from pmf_kit.performance.status import trend_label
from pmf_kit.stats import recent_trend
from tests.conftest import PROJECT_ROOT, SAMPLE_DATASET

LOIP = PROJECT_ROOT / "data" / "loip"


@pytest.fixture(scope="module")
def sample():
    return open_dataset(SAMPLE_DATASET)


@pytest.fixture(scope="module")
def register(sample):
    return load_register(LOIP, sample)


@pytest.fixture(scope="module")
def q4(sample, register):
    return assess(sample, register, "2024/25 Q4")


def council_rate(indicator: str, period: str, multiplier: float) -> float:
    """Summed numerators over summed denominators of every data zone, with pandas."""
    values = pd.read_csv(SAMPLE_DATASET / "values.csv", dtype={"geography_code": str, "period": str})
    rows = values[(values["indicator_id"] == indicator) & (values["period"] == period)
                  & values["geography_code"].str.startswith("X01")].dropna(subset=["numerator", "denominator"])
    return multiplier * rows["numerator"].sum() / rows["denominator"].sum()


def row(performance, kpi_id: str) -> pd.Series:
    return performance.table.set_index("kpi_id").loc[kpi_id]


def test_latest_and_baseline_values_come_from_the_data(q4):
    alcohol = row(q4, "HL02")
    assert alcohol["latest_period"] == "2024/25"
    assert alcohol["latest_value"] == pytest.approx(council_rate("alcohol_admissions", "2024/25", 100_000))
    assert alcohol["baseline_value"] == pytest.approx(council_rate("alcohol_admissions", "2019/20", 100_000))


def test_status_follows_the_trajectory(q4):
    alcohol = row(q4, "HL02")
    # baseline 2019/20 -> milestone 622.41 in 2022/23 -> target 560 in 2026/27; 2024/25 is 2 of the 4 years
    # from the milestone to the target
    expected = 622.41 + (560 - 622.41) * 2 / 4
    assert alcohol["expected_value"] == pytest.approx(expected)
    assert alcohol["status"] == ("on track" if alcohol["latest_value"] <= expected else "off track")
    smoking = row(q4, "HL03")  # tolerance 20% of the gap
    shortfall = smoking["latest_value"] - smoking["expected_value"]
    assert 0 < shortfall <= 0.2 * abs(10.0 - smoking["baseline_value"])
    assert smoking["status"] == "at risk"


def test_suppressed_island_figures_are_no_data(q4):
    island = row(q4, "LP-ISL01")
    assert island["status"] == "no data" and math.isnan(island["latest_value"])
    assert island["forecast_statement"] == "cannot be forecast"
    assert island["baseline_value"] == 12.0  # given in the register


def test_the_mid_year_report_reads_the_previous_year(sample, register):
    q2 = assess(sample, register, "2024/25 Q2")
    assert row(q2, "HL02")["latest_period"] == "2023/24"
    assert row(q2, "TP03")["latest_period"] == "2023"


def test_benchmark_against_scotland_and_the_council(q4):
    crime = row(q4, "SC01")
    assert crime["comparator_name"] == "Scotland (synthetic)"
    values = pd.read_csv(SAMPLE_DATASET / "values.csv", dtype={"geography_code": str, "period": str})
    scotland = values[(values["indicator_id"] == "crime_rate") & (values["period"] == "2024/25")
                      & (values["geography_code"] == "X92000003")].iloc[0]
    assert crime["comparator_value"] == pytest.approx(1000 * scotland["numerator"] / scotland["denominator"])
    assert crime["comparison"] in ("better", "worse", "no different")
    assert row(q4, "LP-INV02")["comparator_name"] == "Sample Council"
    assert row(q4, "LP-INV02")["comparator_value"] == pytest.approx(crime["latest_value"])


def test_every_status_and_statement_is_known(q4):
    assert set(q4.table["status"]) <= {"on track", "at risk", "off track", "no data"}
    assert set(q4.table["trend"]) <= {"improving", "no change", "worsening", "not calculated"}
    assert {"on track", "at risk", "off track", "no data"} <= set(q4.table["status"])


def test_at_a_glance_export_has_both_sheets(q4, register, tmp_path):
    titles = {outcome.id: outcome.title for outcome in register.outcomes.values()}
    progress = action_progress(load_action_plan(LOIP, register.outcomes), "2024/25 Q4")
    kpis = kpi_at_a_glance(q4.table, titles)
    actions = actions_at_a_glance(progress, titles)
    assert kpis.loc[kpis["KPI"] == "Alcohol-related hospital stays", "Status"].item() == "✔ On track"
    path = export_at_a_glance(kpis, actions, tmp_path / "out" / "glance.xlsx")
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == ["KPIs", "Actions"]
    assert len(sheets["KPIs"]) == len(q4.table) and len(sheets["Actions"]) == len(progress)
    assert list(tmp_path.joinpath("out").iterdir()) == [path]


def test_the_trend_is_fingertips_recent_trend_of_the_kpis_series(q4, sample):
    for kpi_id in ("HL02", "HL03"):  # a rate (weighted regression) and a percentage (chi-square, logit slope)
        shown = q4.series[kpi_id]
        kpi = row(q4, kpi_id)
        shown = shown[(shown["area_code"] == kpi["area_code"]) & shown["value"].notna()]
        trend = recent_trend(shown, kpi["unit"], kpi["polarity"])
        assert kpi["trend"] == trend_label(trend)
        assert trend.direction != "cannot be calculated"
