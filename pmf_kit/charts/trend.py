"""Trend chart: an indicator over time, the area of the report bold with its confidence band,
comparators dashed, and an optional target line."""

from __future__ import annotations

import difflib

import altair as alt
import numpy as np
import pandas as pd

from pmf_kit.charts.shared import (
    MARK_DESCRIPTION,
    format_number,
    has_intervals,
    require_columns,
    value_table,
    value_tooltips,
    with_mark_text,
)
from pmf_kit.charts.theme import CHART_WIDTH, COMPARATOR_COLOURS, HIGHLIGHT_COLOUR, INK
from pmf_kit.errors import UnknownAreaError


def _chronological_periods(trend: pd.DataFrame) -> list[str]:
    """Period labels in time order: by period_start when given, else by the label itself."""
    order_key = "period_start" if "period_start" in trend.columns else "period"
    ordered = trend.sort_values(order_key, kind="stable")
    return [str(period) for period in pd.unique(ordered["period"])]


def _area_order(trend: pd.DataFrame, highlight: str | None) -> list[str]:
    """Areas in order of appearance, the area of the report first."""
    areas = [str(area) for area in pd.unique(trend["area_name"])]
    if highlight is None:
        return areas
    if highlight not in areas:
        raise UnknownAreaError(highlight, None, difflib.get_close_matches(highlight, areas))
    return [highlight] + [area for area in areas if area != highlight]


def _trend_rows(trend: pd.DataFrame, highlight: str | None) -> pd.DataFrame:
    """The rows to chart or tabulate: report area first, periods in time order."""
    require_columns(trend, ["area_name", "period", "value"], "trend_chart")
    areas = _area_order(trend, highlight)
    periods = _chronological_periods(trend)
    columns = ["area_name", "period", "value"]
    if has_intervals(trend):
        columns += ["lower_ci", "upper_ci"]
    rows = trend[columns].astype({"area_name": str, "period": str})
    order = [rows["area_name"].map(areas.index), rows["period"].map(periods.index)]
    return rows.iloc[np.lexsort(order[::-1])].reset_index(drop=True)


def _trend_description(
    rows: pd.DataFrame, title: str, unit_label: str, areas: list[str], target: float | None
) -> str:
    periods = pd.unique(rows["period"])
    latest = rows[rows["period"] == periods[-1]]
    latest_text = "; ".join(
        f"{area} {format_number(value)}"
        for area, value in zip(latest["area_name"], latest["value"])
    )
    text = (
        f"Line chart: {title}. {unit_label} from {periods[0]} to {periods[-1]} for {areas[0]} "
        f"(solid line)"
    )
    if len(areas) > 1:
        text += f" compared with {', '.join(areas[1:])} (dashed lines)"
    text += f". Latest period {periods[-1]}: {latest_text}."
    if target is not None:
        text += f" The target is {target:g}."
    return text


def trend_chart(
    trend: pd.DataFrame,
    title: str,
    unit_label: str,
    target: float | None = None,
    *,
    highlight: str | None = None,
) -> alt.LayerChart:
    """Lines over time, the area of the report bold with its confidence band, comparators dashed.

    `trend` columns: area_name, period, period_start (orders periods such as "2016/17"), value,
    and optionally lower_ci, upper_ci. `highlight` names the area of the report; by default the
    first area in `trend`. A horizontal rule marks `target` when given.
    """
    rows = _trend_rows(trend, highlight)
    areas = _area_order(trend, highlight)
    periods = _chronological_periods(trend)
    with_intervals = has_intervals(rows)
    x = alt.X("period:O", sort=periods, title="Period", axis=alt.Axis(labelAngle=0))
    y = alt.Y("value:Q", title=unit_label, scale=alt.Scale(zero=False))
    colour, dash, width = _area_styles(areas)
    base = alt.Chart(with_mark_text(rows, rows["area_name"] + ", " + rows["period"]))
    layers: list[alt.Chart] = []
    if with_intervals:
        layers.append(_trend_band(base, x, areas[0]))
    layers.append(
        base.mark_line(aria=False).encode(
            x=x, y=y, color=colour, strokeDash=dash, strokeWidth=width
        )
    )
    tooltips = [
        alt.Tooltip("area_name:N", title="Area"),
        alt.Tooltip("period:O", title="Period"),
        *value_tooltips(unit_label, with_intervals),
    ]
    points = base.mark_point(filled=True, size=45, opacity=1).encode(
        x=x, y=y, color=colour, tooltip=tooltips, description=MARK_DESCRIPTION
    )
    layers.append(points)
    if target is not None:
        layers += _target_layers(target, periods)
    return alt.layer(
        *layers,
        title=alt.Title(title),
        description=_trend_description(rows, title, unit_label, areas, target),
    ).properties(width=CHART_WIDTH, height=300)


def _area_styles(areas: list[str]) -> tuple[alt.Color, alt.StrokeDash, dict]:
    """The first area blue, solid and thick; comparators in other Okabe-Ito colours, dashed.

    Beyond six comparators the colours repeat; the dashes still tell the report area apart.
    """
    comparators = len(areas) - 1
    colour = alt.Color(
        "area_name:N",
        title="Area",
        sort=areas,
        scale=alt.Scale(domain=areas, range=[HIGHLIGHT_COLOUR, *COMPARATOR_COLOURS]),
        legend=alt.Legend(
            orient="bottom", direction="horizontal", symbolType="stroke", symbolStrokeWidth=3
        ),
    )
    dash = alt.StrokeDash(
        "area_name:N",
        title="Area",
        sort=areas,
        scale=alt.Scale(domain=areas, range=[[1, 0]] + [[6, 3]] * comparators),
    )
    width = alt.condition(alt.datum.area_name == areas[0], alt.value(3), alt.value(2))
    return colour, dash, width


def _trend_band(base: alt.Chart, x: alt.X, area: str) -> alt.Chart:
    """The confidence interval of the area of the report, as a translucent band."""
    return (
        base.transform_filter(alt.datum.area_name == area)
        .mark_area(color=HIGHLIGHT_COLOUR, opacity=0.18, aria=False)
        .encode(x=x, y="lower_ci:Q", y2="upper_ci:Q")
    )


def _target_layers(target: float, periods: list[str]) -> list[alt.Chart]:
    """A dotted rule at the target across the periods shown, labelled just after the last one."""
    target_row = pd.DataFrame({"target": [target], "label": [f"Target: {target:g}"]})
    first, last = (alt.X(datum=period, type="ordinal") for period in (periods[0], periods[-1]))
    rule = (
        alt.Chart(target_row)
        .mark_rule(color=INK, strokeWidth=1.5, strokeDash=[2, 2])
        .encode(
            x=first,
            x2=alt.X2(datum=periods[-1]),
            y="target:Q",
            tooltip=alt.Tooltip("label:N", title="Target"),
        )
    )
    label = (
        alt.Chart(target_row)
        .mark_text(align="left", baseline="middle", dx=10, color=INK, fontSize=12)
        .encode(x=last, y="target:Q", text="label:N")
    )
    return [rule, label]


def trend_table(
    trend: pd.DataFrame, unit_label: str, *, highlight: str | None = None, decimals: int = 1
) -> pd.DataFrame:
    """The numbers behind `trend_chart`: Area, Period, value (and limits), report area first."""
    rows = _trend_rows(trend, highlight)
    return value_table(rows, {"area_name": "Area", "period": "Period"}, unit_label, decimals)
