"""Trends as small multiples: one panel per indicator of a theme, each on its own scale, the
area of the report bold with its confidence band and its comparators dashed, one shared legend.

One chart per theme replaces a full-width chart per indicator, so a theme's trends are read
at a glance (Tufte's small multiples; the layout of Fingertips' and PHS profiles' trend grids).
Time runs along a shared axis of dates, each point at the middle of its period, so calendar,
financial and school years, and aggregates of different lengths, line up across panels.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from pmf_kit.charts.shared import (
    MARK_DESCRIPTION,
    has_intervals,
    range_text,
    require_columns,
    text_tooltip,
    value_table,
    with_value_text,
)
from pmf_kit.charts.theme import COMPARATOR_COLOURS, HIGHLIGHT_COLOUR
from pmf_kit.stats.bounds import is_range
from pmf_kit.stats.rounding import round_half_up

PANEL_WIDTH = 230
PANEL_HEIGHT = 150
PANEL_COLUMNS = 3
PANEL_TITLE_CHARACTERS = 34
LINE_BREAK = "|"


def panel_title(title: str, unit: str) -> str:
    """A panel's heading: the indicator and its unit, wrapped onto short lines (split at `|`); a
    title that ends in its unit already ("Income deprived (number)") keeps it once."""
    headed = title if title.endswith(f"({unit})") else f"{title} ({unit})"
    return LINE_BREAK.join(textwrap.wrap(headed, PANEL_TITLE_CHARACTERS))


def _rows(trends: pd.DataFrame) -> pd.DataFrame:
    """Only what the chart draws (tooltip and screen-reader texts are worked out in the
    browser), so a theme's chart stays small in the page."""
    require_columns(trends, ["title", "unit", "area_name", "period", "period_start", "value"], "trend_small_multiples")
    placed = trends["period_middle"] if "period_middle" in trends.columns else trends["period_start"]
    rows = trends.assign(panel=[panel_title(title, unit) for title, unit in zip(trends["title"], trends["unit"])],
                         period_start=pd.to_datetime(placed).dt.strftime("%Y-%m-%d"),
                         period=trends["period_text"] if "period_text" in trends.columns else trends["period"])
    columns = ["panel", "area_name", "period", "period_start", "value"]
    if has_intervals(trends):
        columns += ["lower_ci", "upper_ci"]
    shown = with_value_text(rows[columns].astype({"area_name": str, "period": str}))
    if {"value_low", "value_high"} <= set(trends.columns):
        shown["value_text"] = [range_text(low, high, text) for low, high, text
                               in zip(trends["value_low"], trends["value_high"], shown["value_text"])]
    return shown


def _areas(rows: pd.DataFrame, highlight: str) -> list[str]:
    """The area of the report first, then the others in order of appearance."""
    return [highlight, *[area for area in dict.fromkeys(rows["area_name"]) if area != highlight]]


def trend_small_multiples(trends: pd.DataFrame, title: str, highlight: str,
                          columns: int = PANEL_COLUMNS) -> alt.FacetChart:
    """One panel per indicator: lines over time for `highlight` (solid, with its 95% band) and
    its comparators (dashed), each panel on its own value scale.

    `trends` columns: title and unit (of the indicator; they name the panel), area_name,
    period, period_start, value, and optionally lower_ci, upper_ci. Missing values stay in as
    blanks, so a line breaks at a suppressed or missing period instead of joining across it.
    """
    rows = _rows(trends)
    areas = _areas(rows, highlight)
    panels = list(dict.fromkeys(rows["panel"]))
    x = alt.X("period_start:T", title=None, axis=alt.Axis(format="%Y", tickCount=4, labelAngle=0, grid=False))
    y = alt.Y("value:Q", title=None, scale=alt.Scale(zero=False), axis=alt.Axis(tickCount=4))
    colour = alt.Color("area_name:N", title="Area", sort=areas,
                       scale=alt.Scale(domain=areas, range=[HIGHLIGHT_COLOUR, *COMPARATOR_COLOURS]),
                       legend=alt.Legend(orient="bottom", direction="horizontal", symbolType="stroke",
                                         symbolStrokeWidth=3, columns=2, labelLimit=150))
    dash = alt.StrokeDash("area_name:N", title="Area", sort=areas,
                          scale=alt.Scale(domain=areas, range=[[1, 0]] + [[6, 3]] * (len(areas) - 1)))
    width = alt.condition(alt.datum.area_name == highlight, alt.value(2.5), alt.value(1.5))
    layers = []
    if has_intervals(rows):
        layers.append(alt.Chart().transform_filter(alt.datum.area_name == highlight)
                      .mark_area(color=HIGHLIGHT_COLOUR, opacity=0.18, aria=False)
                      .encode(x=x, y="lower_ci:Q", y2="upper_ci:Q"))
    layers.append(alt.Chart().mark_line(aria=False).encode(x=x, y=y, color=colour, strokeDash=dash, strokeWidth=width))
    tooltips = [alt.Tooltip("indicator:N", title="Indicator"), alt.Tooltip("area_name:N", title="Area"),
                alt.Tooltip("period:N", title="Period"), text_tooltip("value", "Value")]
    texts = {"indicator": f"replace(datum.panel, /[{LINE_BREAK}]/g, ' ')",
             "mark_description": "datum.area_name + ', ' + datum.period + ': ' + datum.value_text"}
    if has_intervals(rows):
        tooltips.append(alt.Tooltip("interval:N", title="Confidence interval"))
        texts["interval"] = ("isValid(datum.lower_ci) ? format(datum.lower_ci, ',.1f') + ' to ' + "
                             "format(datum.upper_ci, ',.1f') : 'not available'")
    layers.append(alt.Chart().transform_calculate(**texts).mark_point(filled=True, size=28, opacity=1).encode(
        x=x, y=y, color=colour, tooltip=tooltips, description=MARK_DESCRIPTION))
    header = alt.Header(title=None, labelExpr=f"split(datum.label, '{LINE_BREAK}')", labelAnchor="start",
                        labelAlign="left", labelFontSize=12, labelFontWeight="bold", labelLimit=PANEL_WIDTH + 40)
    described = (f"Small multiples: {title}, one panel per indicator ({len(panels)}), over time for {highlight} "
                 f"(solid line, with its 95% confidence band)"
                 + (f" compared with {', '.join(areas[1:])} (dashed lines)" if len(areas) > 1 else "") + ".")
    return alt.layer(*layers, data=rows).properties(width=PANEL_WIDTH, height=PANEL_HEIGHT).facet(
        facet=alt.Facet("panel:N", sort=panels, header=header), columns=columns,
        title=alt.Title(title), description=described,
    ).resolve_scale(y="independent")


def trend_small_multiples_table(trends: pd.DataFrame, highlight: str, decimals: int = 1) -> pd.DataFrame:
    """The numbers behind `trend_small_multiples`: Indicator, Unit, Area, Period, Value (and
    limits), indicators in panel order, the area of the report first, periods in time order."""
    areas = _areas(trends.astype({"area_name": str}), highlight)
    panels = list(dict.fromkeys(trends["title"]))
    order = trends.assign(panel_order=trends["title"].map(panels.index),
                          area_order=trends["area_name"].astype(str).map(areas.index))
    order = order.sort_values(["panel_order", "area_order", "period_start"], kind="stable")
    if "period_text" in order.columns:
        order = order.assign(period=order["period_text"])
    table = value_table(order, {"title": "Indicator", "unit": "Unit", "area_name": "Area", "period": "Period"},
                        "Value", decimals)
    if {"value_low", "value_high"} <= set(order.columns) and is_range(order["value_low"], order["value_high"]).any():
        position = list(table.columns).index("Value")
        table = table.drop(columns="Value")
        table.insert(position, "Value (highest possible)",
                     order["value_high"].astype(float).map(lambda value: round_half_up(value, decimals)).to_numpy())
        table.insert(position, "Value (lowest possible)",
                     order["value_low"].astype(float).map(lambda value: round_half_up(value, decimals)).to_numpy())
    return table
