"""Deprivation gradient: an indicator by SIMD quintile or decile, most deprived first."""

from __future__ import annotations

import altair as alt
import pandas as pd

from pmf_kit.charts.shared import (
    MARK_DESCRIPTION,
    format_number,
    has_intervals,
    require_columns,
    text_tooltip,
    value_table,
    value_tooltips,
    with_mark_text,
    with_value_text,
)
from pmf_kit.charts.small_multiples import LINE_BREAK, panel_title
from pmf_kit.charts.theme import INK, simd_palette

GRADIENT_COLUMNS = 3


def _gradient_rows(profile: pd.DataFrame) -> pd.DataFrame:
    require_columns(profile, ["quantile", "value"], "simd_gradient_chart")
    columns = ["quantile", "value"] + (["lower_ci", "upper_ci"] if has_intervals(profile) else [])
    rows = profile[columns].astype({"quantile": int})
    return rows.sort_values("quantile", kind="stable").reset_index(drop=True)


def simd_gradient_chart(
    profile: pd.DataFrame, title: str, unit_label: str, quantile_label: str
) -> alt.LayerChart:
    """Bars for each SIMD quintile or decile, most deprived first, shaded as on the map.

    `profile` columns: quantile (1..5 or 1..10, 1 = most deprived), value, and optionally
    lower_ci, upper_ci. `quantile_label` names the classes, e.g.
    "SIMD 2020 national quintile (1 = most deprived)".
    """
    rows = _gradient_rows(profile)
    classes = 5 if rows["quantile"].max() <= 5 else 10
    with_intervals = has_intervals(rows)
    domain = list(range(1, classes + 1))
    x = alt.X(
        "quantile:O",
        title=quantile_label,
        scale=alt.Scale(domain=domain),
        axis=alt.Axis(labelAngle=0),
    )
    tooltips = [
        alt.Tooltip("quantile:O", title=quantile_label),
        *value_tooltips(unit_label, with_intervals),
    ]
    shading = alt.Scale(domain=domain, range=simd_palette(classes))
    base = alt.Chart(with_mark_text(rows, quantile_label + " " + rows["quantile"].astype(str)))
    bars = base.mark_bar(stroke=INK, strokeWidth=0.6).encode(
        x=x,
        y=alt.Y("value:Q", title=unit_label),
        color=alt.Color("quantile:O", scale=shading, legend=None),
        tooltip=tooltips,
        description=MARK_DESCRIPTION,
    )
    layers = [bars]
    if with_intervals:
        layers += [
            _whiskers(base, x, unit_label, colour, thickness)
            for colour, thickness in (("#ffffff", 4.0), ("#000000", 1.5))
        ]
    return alt.layer(
        *layers,
        title=alt.Title(title),
        description=_gradient_description(rows, title, unit_label, quantile_label, with_intervals),
    ).properties(width=alt.Step(48 if classes == 5 else 36), height=280)


def _whiskers(
    base: alt.Chart, x: alt.X, unit_label: str, colour: str, thickness: float
) -> alt.Chart:
    """Confidence limits as whiskers; drawn white-then-black so they show on the darkest bars."""
    return base.mark_errorbar(
        ticks={"aria": False, "size": 16}, rule={"aria": False}, color=colour, thickness=thickness
    ).encode(x=x, y=alt.Y("lower_ci:Q", title=unit_label), y2="upper_ci:Q")


def _gradient_description(
    rows: pd.DataFrame, title: str, unit_label: str, quantile_label: str, with_intervals: bool
) -> str:
    values = "; ".join(
        f"{quantile}: {format_number(value)}"
        for quantile, value in zip(rows["quantile"], rows["value"])
    )
    limits = " Black whiskers show confidence limits." if with_intervals else ""
    return (
        f"Bar chart: {title}. {unit_label} by {quantile_label}, most deprived on the left."
        f"{limits} Values: {values}."
    )


def simd_gradient_table(
    profile: pd.DataFrame, unit_label: str, quantile_label: str, *, decimals: int = 1
) -> pd.DataFrame:
    """The numbers behind `simd_gradient_chart`, most deprived first."""
    return value_table(_gradient_rows(profile), {"quantile": quantile_label}, unit_label, decimals)


def simd_gradient_small_multiples(
    gradients: pd.DataFrame, title: str, quantile_label: str, columns: int = GRADIENT_COLUMNS
) -> alt.FacetChart:
    """One panel of quintile (or decile) bars per indicator, each on its own scale, most
    deprived first, shaded as on the map: every indicator's gradient in one chart.

    `gradients` columns: title and unit (of the indicator; they name the panel), quantile,
    value, and optionally lower_ci, upper_ci.
    """
    require_columns(gradients, ["title", "unit", "quantile", "value"], "simd_gradient_small_multiples")
    with_intervals = has_intervals(gradients)
    columns_kept = ["quantile", "value"] + (["lower_ci", "upper_ci"] if with_intervals else [])
    rows = with_value_text(gradients[columns_kept].astype({"quantile": int})).assign(
        panel=[panel_title(t, u) for t, u in zip(gradients["title"], gradients["unit"])])
    panels = list(dict.fromkeys(rows["panel"]))
    classes = 5 if rows["quantile"].max() <= 5 else 10
    domain = list(range(1, classes + 1))
    x = alt.X("quantile:O", title=quantile_label, scale=alt.Scale(domain=domain), axis=alt.Axis(labelAngle=0))
    y = alt.Y("value:Q", title=None, axis=alt.Axis(tickCount=4))
    texts = {"indicator": f"replace(datum.panel, /[{LINE_BREAK}]/g, ' ')",
             "mark_description": "'Quintile ' + datum.quantile + ': ' + datum.value_text"}
    tooltips = [alt.Tooltip("indicator:N", title="Indicator"), alt.Tooltip("quantile:O", title=quantile_label),
                text_tooltip("value", "Value")]
    layers = [alt.Chart().transform_calculate(**texts).mark_bar(stroke=INK, strokeWidth=0.6).encode(
        x=x, y=y, color=alt.Color("quantile:O", scale=alt.Scale(domain=domain, range=simd_palette(classes)), legend=None),
        tooltip=tooltips, description=MARK_DESCRIPTION)]
    if with_intervals:
        layers += [alt.Chart().mark_errorbar(ticks={"aria": False, "size": 12}, rule={"aria": False}, color=colour,
                                             thickness=thickness).encode(x=x, y=alt.Y("lower_ci:Q", title=None), y2="upper_ci:Q")
                   for colour, thickness in (("#ffffff", 4.0), ("#000000", 1.5))]
    header = alt.Header(title=None, labelExpr=f"split(datum.label, '{LINE_BREAK}')", labelAnchor="start",
                        labelAlign="left", labelFontSize=12, labelFontWeight="bold", labelLimit=260)
    limits = " Black whiskers show confidence limits." if with_intervals else ""
    return alt.layer(*layers, data=rows).properties(width=alt.Step(34 if classes == 5 else 18), height=150).facet(
        facet=alt.Facet("panel:N", sort=panels, header=header), columns=columns, title=alt.Title(title),
        description=(f"Bar charts: {title}; one panel per indicator ({len(panels)}), {quantile_label}, "
                     f"most deprived on the left.{limits}"),
    ).resolve_scale(y="independent")


def simd_gradient_small_multiples_table(gradients: pd.DataFrame, quantile_label: str, decimals: int = 1) -> pd.DataFrame:
    """The numbers behind `simd_gradient_small_multiples`: Indicator, Unit, quintile, Value (and limits)."""
    rows = gradients.sort_values("quantile", kind="stable")
    rows = rows.assign(order=rows["title"].map(list(dict.fromkeys(gradients["title"])).index)).sort_values("order", kind="stable")
    return value_table(rows, {"title": "Indicator", "unit": "Unit", "quantile": quantile_label}, "Value", decimals)
