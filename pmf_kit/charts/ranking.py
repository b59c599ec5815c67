"""Ranked dot chart: the area of the report among its peers, similar areas and comparators, one
panel per indicator, highest first.

It takes the place of a column per peer in a theme table, which would push the table off the
page: each panel ranks every area on one indicator (the Fingertips "compare areas" view), the
area of the report in blue, its statistical nearest neighbours in orange, other areas grey and
comparators as black diamonds, so colour is never the only cue.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from pmf_kit.charts.shared import (
    range_text,
    require_columns,
    text_tooltip,
    with_value_text,
)
from pmf_kit.charts.small_multiples import LINE_BREAK, panel_title
from pmf_kit.charts.theme import HIGHLIGHT_COLOUR, INK, OKABE_ITO, OTHER_AREA_COLOUR
from pmf_kit.stats.bounds import is_range
from pmf_kit.stats.rounding import figure_text, round_half_up

PANEL_WIDTH = 190
ROW_HEIGHT = 17
PANEL_COLUMNS = 2
NAME_LABEL_WIDTH = 160
ROLE_STYLES = {"this area": (HIGHLIGHT_COLOUR, "circle"), "similar area": (OKABE_ITO["orange"], "circle"),
               "comparator": (INK, "diamond")}
OTHER_STYLE = (OTHER_AREA_COLOUR, "circle")


def _roles(ranking: pd.DataFrame) -> list[str]:
    """Roles in legend order: this area, similar areas, others of its level, comparators."""
    present = list(dict.fromkeys(ranking["role"]))
    named = [role for role in ROLE_STYLES if role in present and role != "comparator"]
    others = [role for role in present if role not in ROLE_STYLES]
    return [*named, *others, *(["comparator"] if "comparator" in present else [])]


def ranked_dot_chart(ranking: pd.DataFrame, title: str, columns: int = PANEL_COLUMNS) -> alt.FacetChart:
    """One panel per indicator, areas ranked highest first, marked by role.

    `ranking` columns: title, unit (of the indicator), area_name, role ("this area",
    "similar area", "comparator" or any other label, such as "other locality"), value.
    """
    require_columns(ranking, ["title", "unit", "area_name", "role", "value"], "ranked_dot_chart")
    rows = with_value_text(ranking[ranking["value"].notna()].astype({"area_name": str, "role": str}))
    if {"value_low", "value_high"} <= set(rows.columns):
        rows["value_text"] = [range_text(low, high, text) for low, high, text
                              in zip(rows["value_low"], rows["value_high"], rows["value_text"])]
        rows = rows.drop(columns=["value_low", "value_high"])
    rows = rows.assign(panel=[panel_title(t, u) for t, u in zip(rows["title"], rows["unit"])])
    panels = list(dict.fromkeys(rows["panel"]))
    roles = _roles(rows)
    styles = [ROLE_STYLES.get(role, OTHER_STYLE) for role in roles]
    most = int(rows.groupby("panel").size().max()) if len(rows) else 1
    y = alt.Y("area_name:N", sort="-x", title=None,
              axis=alt.Axis(labelLimit=NAME_LABEL_WIDTH, labelFontSize=11, ticks=False, domain=False))
    points = alt.Chart(rows).mark_point(filled=True, size=70, opacity=1).encode(
        x=alt.X("value:Q", title=None, scale=alt.Scale(zero=False), axis=alt.Axis(tickCount=4)),
        y=y,
        color=alt.Color("role:N", title=None, scale=alt.Scale(domain=roles, range=[colour for colour, _ in styles]),
                        legend=alt.Legend(orient="bottom", direction="horizontal", columns=2)),
        shape=alt.Shape("role:N", scale=alt.Scale(domain=roles, range=[shape for _, shape in styles]), legend=None),
        tooltip=[alt.Tooltip("title:N", title="Indicator"), alt.Tooltip("area_name:N", title="Area"),
                 alt.Tooltip("role:N", title="Which"), text_tooltip("value", "Value")],
        description=alt.Description("mark_description:N"),
    ).transform_calculate(
        mark_description="datum.area_name + ' (' + datum.role + '): ' + datum.value_text"
    ).properties(width=PANEL_WIDTH, height=ROW_HEIGHT * most)
    header = alt.Header(title=None, labelExpr=f"split(datum.label, '{LINE_BREAK}')", labelAnchor="start",
                        labelAlign="left", labelFontSize=12, labelFontWeight="bold", labelLimit=PANEL_WIDTH + NAME_LABEL_WIDTH)
    return points.facet(
        facet=alt.Facet("panel:N", sort=panels, header=header), columns=columns, title=alt.Title(title),
        description=(f"Ranked dot chart: {title}; {len(panels)} indicators, each ranking "
                     f"{', '.join(roles)} from highest to lowest."),
    ).resolve_scale(y="independent", x="independent")


def ranked_dot_table(ranking: pd.DataFrame, decimals: int = 1) -> pd.DataFrame:
    """The numbers behind `ranked_dot_chart`: Indicator, Unit, Period, Rank, Area, Which, Value,
    highest first within each indicator."""
    rows = ranking[ranking["value"].notna()].copy()
    panels = list(dict.fromkeys(rows["title"]))
    rows["panel_order"] = rows["title"].map(panels.index)
    rows = rows.sort_values(["panel_order", "value"], ascending=[True, False], kind="stable")
    rows["rank"] = rows.groupby("title").cumcount() + 1
    table = rows[["title", "unit", "period", "rank", "area_name", "role", "value"]].rename(columns={
        "title": "Indicator", "unit": "Unit", "period": "Period", "rank": "Rank", "area_name": "Area",
        "role": "Which", "value": "Value"})
    table["Value"] = table["Value"].astype(float).map(lambda value: round_half_up(value, decimals))
    if {"value_low", "value_high"} <= set(rows.columns) and is_range(rows["value_low"], rows["value_high"]).any():
        table["Value"] = [range_text(low, high, figure_text(value, decimals), decimals) for low, high, value
                          in zip(rows["value_low"], rows["value_high"], rows["value"])]
    return table.reset_index(drop=True)
