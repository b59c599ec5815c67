"""Comparison bars: areas side by side for one indicator, highest first, one highlighted."""

from __future__ import annotations

import difflib

import altair as alt
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
from pmf_kit.charts.theme import CHART_WIDTH, HIGHLIGHT_COLOUR, INK, OTHER_AREA_COLOUR
from pmf_kit.charts.spine import SIGNIFICANCE_COLOURS
from pmf_kit.errors import UnknownAreaError

COMPARATOR = "comparator"
"""The `compared` value of the comparator's own bar."""


def _comparison_rows(table: pd.DataFrame) -> pd.DataFrame:
    """Areas sorted by value, largest first, missing values last."""
    require_columns(table, ["area_name", "value"], "comparison_bars")
    columns = ["area_name", "value"] + (["lower_ci", "upper_ci"] if has_intervals(table) else [])
    columns += ["compared"] if "compared" in table.columns else []
    rows = table[columns].astype({"area_name": str})
    ordered = rows.sort_values("value", ascending=False, na_position="last", kind="stable")
    return ordered.reset_index(drop=True)


def comparison_bars(
    table: pd.DataFrame, title: str, unit_label: str, highlight: str
) -> alt.LayerChart:
    """Horizontal bars, largest first, the highlighted area in blue, with confidence limits.

    `table` columns: area_name, value, and optionally lower_ci, upper_ci, and `compared`: each
    area against the comparator ("better", "worse", "no different", "not comparable"; the
    comparator's own row "comparator"), which then colours the bars in the spine chart's
    colour-blind-safe colours, names the comparator in the legend and the tooltips, and leaves
    the highlighted area told apart by its bold label.
    """
    rows = _comparison_rows(table)
    if "compared" in rows.columns:
        return _bars_by_comparison(rows, title, unit_label, highlight)
    areas = rows["area_name"].tolist()
    if highlight not in areas:
        raise UnknownAreaError(highlight, None, difflib.get_close_matches(highlight, areas))
    with_intervals = has_intervals(rows)
    is_highlight = alt.datum.area_name == highlight
    label_is_highlight = alt.datum.value == highlight
    y = alt.Y(
        "area_name:N",
        sort=areas,
        title=None,
        axis=alt.Axis(
            labelFontWeight=alt.condition(
                label_is_highlight, alt.value("bold"), alt.value("normal")
            ),
            labelColor=alt.condition(label_is_highlight, alt.value("#000000"), alt.value(INK)),
        ),
    )
    tooltips = [
        alt.Tooltip("area_name:N", title="Area"),
        *value_tooltips(unit_label, with_intervals),
    ]
    base = alt.Chart(with_mark_text(rows, rows["area_name"]))
    bars = base.mark_bar().encode(
        y=y,
        x=alt.X("value:Q", title=unit_label),
        color=alt.condition(
            is_highlight, alt.value(HIGHLIGHT_COLOUR), alt.value(OTHER_AREA_COLOUR)
        ),
        tooltip=tooltips,
        description=MARK_DESCRIPTION,
    )
    layers = [bars]
    if with_intervals:
        layers.append(
            base.mark_rule(color="#000000", strokeWidth=1.5, aria=False).encode(
                y=y, x="lower_ci:Q", x2="upper_ci:Q", tooltip=tooltips
            )
        )
    if rows["value"].isna().any():
        layers.append(_no_value_labels(rows, y))
    return alt.layer(
        *layers,
        title=alt.Title(title),
        description=_comparison_description(rows, title, unit_label, highlight, with_intervals),
    ).properties(width=CHART_WIDTH - 160, height=alt.Step(24))


def _bars_by_comparison(rows: pd.DataFrame, title: str, unit_label: str, highlight: str) -> alt.LayerChart:
    """The comparison bars coloured by better / worse / no different than the comparator."""
    areas = rows["area_name"].tolist()
    if highlight not in areas:
        raise UnknownAreaError(highlight, None, difflib.get_close_matches(highlight, areas))
    comparator = next((area for area, kind in zip(rows["area_name"], rows["compared"]) if kind == COMPARATOR), None)
    with_intervals = has_intervals(rows)
    marked = with_mark_text(rows, rows["area_name"])
    if with_intervals:
        marked["interval"] = marked["interval"].where(marked["compared"] != COMPARATOR, "the comparator")
    marked["compared_text"] = [f"{kind} than {comparator}" if kind in ("better", "worse") and comparator
                               else kind for kind in marked["compared"]]
    marked["mark_description"] = marked["mark_description"] + ", " + marked["compared_text"]
    present = [kind for kind in (*SIGNIFICANCE_COLOURS, COMPARATOR) if kind in set(rows["compared"])]
    colours = {**SIGNIFICANCE_COLOURS, COMPARATOR: INK}
    label_is_highlight = alt.datum.value == highlight
    y = alt.Y("area_name:N", sort=areas, title=None, axis=alt.Axis(
        labelFontWeight=alt.condition(label_is_highlight, alt.value("bold"), alt.value("normal")),
        labelColor=alt.condition(label_is_highlight, alt.value("#000000"), alt.value(INK))))
    legend_title = f"Compared with {comparator}" if comparator else "Compared"
    tooltips = [alt.Tooltip("area_name:N", title="Area"), *value_tooltips(unit_label, with_intervals),
                alt.Tooltip("compared_text:N", title=legend_title)]
    base = alt.Chart(marked)
    layers = [base.mark_bar(stroke=INK, strokeWidth=0.6).encode(
        y=y, x=alt.X("value:Q", title=unit_label),
        color=alt.Color("compared:N", title=legend_title,
                        scale=alt.Scale(domain=present, range=[colours[kind] for kind in present]),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        tooltip=tooltips, description=MARK_DESCRIPTION)]
    if with_intervals:
        layers.append(base.mark_rule(color="#000000", strokeWidth=1.5, aria=False).encode(
            y=y, x="lower_ci:Q", x2="upper_ci:Q", tooltip=tooltips))
    if rows["value"].isna().any():
        layers.append(_no_value_labels(rows, y))
    against = f", each coloured by whether it is better, worse or no different than {comparator}" if comparator else ""
    return alt.layer(
        *layers, title=alt.Title(title),
        description=_comparison_description(rows, title, unit_label, highlight, with_intervals).replace(
            " highlighted in blue.", f" in bold{against}."),
    ).properties(width=CHART_WIDTH - 160, height=alt.Step(24))


def _no_value_labels(rows: pd.DataFrame, y: alt.Y) -> alt.Chart:
    """Say "no value" where a bar is missing, so an empty row is not read as zero."""
    return (
        alt.Chart(rows)
        .transform_filter("!isValid(datum.value)")
        .mark_text(align="left", x=4, color=INK, fontStyle="italic", fontSize=12)
        .encode(y=y, text=alt.value("no value"))
    )


def _comparison_description(
    rows: pd.DataFrame, title: str, unit_label: str, highlight: str, with_intervals: bool
) -> str:
    values = "; ".join(
        f"{area} {format_number(value)}"
        for area, value in zip(rows["area_name"], rows["value"])
    )
    limits = " Black lines show confidence limits." if with_intervals else ""
    return (
        f"Bar chart: {title}. {unit_label} for {len(rows)} areas, highest first, "
        f"{highlight} highlighted in blue.{limits} Values: {values}."
    )


def comparison_table(
    table: pd.DataFrame, unit_label: str, *, decimals: int = 1
) -> pd.DataFrame:
    """The numbers behind `comparison_bars`, in the same order (highest first)."""
    return value_table(_comparison_rows(table), {"area_name": "Area"}, unit_label, decimals)
