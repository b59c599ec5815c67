"""A KPI's trend chart: its values and comparator (charts.trend_chart), the target line, and the
forecast to the target period with its 95% prediction interval."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from pmf_kit import charts
from pmf_kit.charts.wording import format_quantity
from pmf_kit.data.indicators import unit_words
from pmf_kit.data.periods import parse_period

FORECAST_COLOUR = charts.INK


def periods_until(latest: str, target: str) -> list[str]:
    """The yearly periods after `latest` up to and including `target`: 2024/25 → 2025/26, 2026/27."""
    following, period = [], parse_period(latest)
    while period < parse_period(target):
        year = period.start.year + 1
        label = f"{year}/{(year + 1) % 100:02d}" if period.kind == "financial_year" else str(year)
        period = parse_period(label)
        following.append(period.label)
    return following


def chart_rows(series: pd.DataFrame, kpi: pd.Series) -> pd.DataFrame:
    """The KPI's series, its comparator's, and empty rows for the periods up to the target."""
    rows = series[["area_name", "period", "period_start", "value", "lower_ci", "upper_ci"]]
    last = rows["period"].iloc[-1] if len(rows) else kpi["baseline_period"]
    future = pd.DataFrame({"area_name": kpi["area_name"], "period": periods_until(last, kpi["target_period"])})
    future["period_start"] = future["period"].map(lambda label: parse_period(label).start.toordinal())
    rows = rows.assign(period_start=rows["period"].map(lambda label: parse_period(label).start.toordinal()))
    return pd.concat([rows, future], ignore_index=True)


def _forecast_layers(kpi: pd.Series, periods: list[str]) -> list[alt.Chart]:
    """Dashed line from the latest value to the forecast, with the interval as an error bar."""
    line = pd.DataFrame({"period": [kpi["latest_period"], kpi["target_period"]],
                         "value": [kpi["latest_value"], kpi["forecast_value"]]})
    point = pd.DataFrame({"period": [kpi["target_period"]], "value": [kpi["forecast_value"]],
                          "lower": [kpi["forecast_lower"]], "upper": [kpi["forecast_upper"]],
                          "label": [f"Forecast: {kpi['forecast_statement']}"]})
    x = alt.X("period:O", sort=periods)
    return [
        alt.Chart(line).mark_line(color=FORECAST_COLOUR, strokeDash=[4, 4], strokeWidth=1.5).encode(x=x, y="value:Q"),
        alt.Chart(point).mark_rule(color=FORECAST_COLOUR, strokeWidth=1.5).encode(x=x, y="lower:Q", y2="upper:Q"),
        alt.Chart(charts.with_value_text(point, ["value", "lower", "upper"])).mark_point(color=FORECAST_COLOUR, shape="diamond", size=90, filled=True).encode(
            x=x, y="value:Q", tooltip=[alt.Tooltip("label:N", title="Forecast"),
                                       charts.text_tooltip("value", "Forecast value"),
                                       charts.text_tooltip("lower", "95% lower"),
                                       charts.text_tooltip("upper", "95% upper")]),
    ]


def subtitle(kpi: pd.Series) -> list[str]:
    """Status, trend and forecast in words, under the chart title."""
    lines = [f"Status {kpi['latest_period']}: {kpi['status']} · trend: {kpi['trend']} · "
             f"target {format_quantity(kpi['target_value'], kpi['unit'])} by {kpi['target_period']}"]
    if not math.isnan(kpi["forecast_value"]):
        lines.append(f"Forecast for {kpi['target_period']}: {format_quantity(kpi['forecast_value'], kpi['unit'])} "
                     f"(diamond; bar = 95% interval), target {kpi['forecast_statement']}")
    return lines


def kpi_chart(series: pd.DataFrame, kpi: pd.Series) -> alt.LayerChart:
    """Trend of one KPI with target line and forecast (`kpi` is its row of the assessment table)."""
    rows = chart_rows(series, kpi)
    chart = charts.trend_chart(rows, kpi["title"], unit_words(kpi["unit"]), target=kpi["target_value"],
                               highlight=kpi["area_name"])
    periods = list(pd.unique(rows.sort_values("period_start", kind="stable")["period"]))
    if not math.isnan(kpi["forecast_value"]):
        chart = alt.layer(chart, *_forecast_layers(kpi, periods))
    return chart.properties(title=alt.Title(kpi["title"], subtitle=subtitle(kpi)))


def kpi_chart_table(series: pd.DataFrame, kpi: pd.Series) -> pd.DataFrame:
    """The numbers behind `kpi_chart`: every value shown, then the forecast and the target."""
    unit = unit_words(kpi["unit"])
    shown = series[series["value"].notna()]
    table = charts.trend_table(shown, unit, highlight=kpi["area_name"]) if len(shown) else pd.DataFrame()
    extra = pd.DataFrame([
        {"Area": f"{kpi['area_name']}: forecast", "Period": kpi["target_period"], unit: round(kpi["forecast_value"], 1),
         charts.LOWER_CI_TITLE: round(kpi["forecast_lower"], 1), charts.UPPER_CI_TITLE: round(kpi["forecast_upper"], 1)},
        {"Area": f"{kpi['area_name']}: target", "Period": kpi["target_period"], unit: kpi["target_value"]},
    ])
    return pd.concat([table, extra], ignore_index=True)
