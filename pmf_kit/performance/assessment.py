"""Every KPI of a LOIP assessed at one reporting period: the one table all views read.

The At a Glance table, the trend charts and the narrative are all drawn from `assess`, so a
number in the text is the number in the table and on the chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from pmf_kit.data.dataset import Dataset
from pmf_kit.data.periods import parse_period
from pmf_kit.performance.benchmark import benchmark, comparator_series
from pmf_kit.performance.forecast import linear_forecast, unit_bounds
from pmf_kit.performance.kpis import KPI, Milestone, Register
from pmf_kit.performance.status import expected_value, kpi_status, period_start_year, trend_label
from pmf_kit.performance.values import area_series, latest_due_period
from pmf_kit.stats import improvement_rate, recent_trend


@dataclass(frozen=True)
class Performance:
    """The assessment table (one row per KPI) and each KPI's series with its comparator."""

    reporting_period: str
    table: pd.DataFrame
    series: dict[str, pd.DataFrame]

    def outcome(self, outcome: str) -> "Performance":
        """Only the KPIs of one outcome."""
        table = self.table[self.table["outcome"] == outcome].reset_index(drop=True)
        return Performance(self.reporting_period, table, {k: self.series[k] for k in table["kpi_id"]})


def assess(dataset: Dataset, register: Register, reporting_period: str) -> Performance:
    """Status, trend, forecast and benchmark of every KPI at `reporting_period` (e.g. 2024/25 Q4)."""
    reporting_period = parse_period(reporting_period).label
    rows, series = [], {}
    for kpi in register.kpis:
        row, kpi_series = _assess_kpi(dataset, kpi, reporting_period)
        rows.append(row)
        series[kpi.id] = kpi_series
    return Performance(reporting_period, pd.DataFrame(rows), series)


def _value_at(series: pd.DataFrame, period: str | None) -> pd.Series:
    """The series row of a period, or a row of blanks."""
    row = series[series["period"] == period]
    if row.empty:
        return pd.Series({"period": period, "value": math.nan, "lower_ci": math.nan, "upper_ci": math.nan})
    return row.iloc[0]


def _assess_kpi(dataset: Dataset, kpi: KPI, reporting_period: str) -> tuple[dict, pd.DataFrame]:
    """One KPI's row of the assessment table and its chart series."""
    catalogue = dataset.catalogue.loc[kpi.indicator]
    series = area_series(dataset, kpi.indicator, kpi.level, kpi.area, reporting_period)
    latest = _value_at(series, latest_due_period(series))
    baseline_value = kpi.baseline_value
    if baseline_value is None:
        baseline_value = float(_value_at(series, kpi.baseline_period)["value"])
    milestones = [Milestone(kpi.baseline_period, baseline_value), *kpi.trajectory, kpi.target]
    expected = expected_value(milestones, latest["period"]) if latest["period"] else math.nan
    shown = series[series["value"].notna()]
    trend = recent_trend(shown, str(catalogue["unit"]), kpi.polarity,
                         yearly=all(parse_period(period).is_single_year for period in shown["period"]))
    forecast = linear_forecast(shown["period_start"], shown["value"], period_start_year(kpi.target.period),
                               kpi.target.value, kpi.polarity, bounds=unit_bounds(str(catalogue["unit"])))
    compared = benchmark(dataset, kpi, series, latest["period"])
    area_name = kpi.area_name
    row = {
        "kpi_id": kpi.id, "outcome": kpi.outcome, "priority": kpi.priority, "plan": kpi.plan,
        "title": kpi.title, "indicator_id": kpi.indicator, "unit": str(catalogue["unit"]),
        "polarity": kpi.polarity, "level": kpi.level, "area_code": kpi.area, "area_name": area_name,
        "baseline_period": kpi.baseline_period, "baseline_value": baseline_value,
        "latest_period": latest["period"], "latest_value": float(latest["value"]),
        "lower_ci": float(latest["lower_ci"]), "upper_ci": float(latest["upper_ci"]),
        "change_since_baseline_percent": float(100 * improvement_rate(baseline_value, latest["value"])),
        "expected_value": expected, "target_period": kpi.target.period, "target_value": kpi.target.value,
        "status": kpi_status(float(latest["value"]), expected, baseline_value, kpi.target.value,
                             kpi.polarity, kpi.tolerance),
        "trend": trend_label(trend),
        "forecast_value": forecast.value, "forecast_lower": forecast.lower,
        "forecast_upper": forecast.upper, "probability": forecast.probability,
        "forecast_statement": forecast.statement,
        "comparator_name": compared.name, "comparator_value": compared.value,
        "comparison": compared.comparison, "comparison_period": compared.period,
    }
    comparator = comparator_series(dataset, kpi)
    comparator = comparator[comparator["period"].isin(series["period"])]
    chart_series = pd.concat([series.assign(area_name=area_name), comparator], ignore_index=True)
    return row, chart_series
