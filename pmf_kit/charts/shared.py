"""What every chart builder shares: column checks, rounded read-outs for tooltips and screen
readers, and the tidy data table with human headers that sits beneath each chart.

Every figure a tooltip or a screen reader says is text made here by stats.rounding (half up,
as PHS rounds), never by Vega's number format, which rounds the binary value (79.85 -> 79.8)."""

from __future__ import annotations

from typing import Sequence

import altair as alt
import pandas as pd

from pmf_kit.errors import PmfKitError
from pmf_kit.stats.rounding import figure_text, round_half_up

LOWER_CI_TITLE = "Lower confidence limit"
UPPER_CI_TITLE = "Upper confidence limit"
CHART_DECIMALS = 1
"""Decimals of the figures a chart's tooltips and descriptions read out."""
MARK_DESCRIPTION = alt.Description("mark_description:N")

_COLUMN_TITLES = {
    "datazone_code": "Data zone code",
    "datazone_name": "Data zone",
    "simd_decile": "SIMD decile (1 = most deprived)",
    "simd_quintile": "SIMD quintile (1 = most deprived)",
    "simd_rank": "SIMD rank (1 = most deprived)",
    "population": "Population",
}


def require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise PmfKitError(
            f"{what} needs columns {', '.join(columns)}; missing: {', '.join(missing)}"
        )


def has_intervals(frame: pd.DataFrame) -> bool:
    """True when both CI columns exist and at least one row has both limits."""
    if "lower_ci" not in frame.columns or "upper_ci" not in frame.columns:
        return False
    return bool((frame["lower_ci"].notna() & frame["upper_ci"].notna()).any())


def format_number(value: float, decimals: int = CHART_DECIMALS) -> str:
    """A chart's read-out of a figure: half up, thousands separated; "no value" when missing."""
    return "no value" if pd.isna(value) else figure_text(value, decimals)


def with_value_text(rows: pd.DataFrame, columns: Sequence[str] = ("value",),
                    decimals: int = CHART_DECIMALS) -> pd.DataFrame:
    """`<column>_text` beside each numeric column: the figure as a tooltip shows it (see
    `text_tooltip`), "" where missing."""
    return rows.assign(**{f"{column}_text": [figure_text(value, decimals) if pd.notna(value) else ""
                                             for value in rows[column]] for column in columns})


def range_text(low: float, high: float, text: str, decimals: int = CHART_DECIMALS) -> str:
    """"205.5 to 208.0" where a figure's two ends differ at the precision shown (its source hid
    some counts: stats.bounds), else `text`, the figure as it reads already."""
    if pd.isna(low) or pd.isna(high):
        return text
    first, last = figure_text(low, decimals), figure_text(high, decimals)
    return text if first == last else f"{first} to {last}"


def text_tooltip(column: str, title: str) -> alt.Tooltip:
    """The tooltip of a numeric column, reading its `_text` twin (with_value_text)."""
    return alt.Tooltip(f"{column}_text:N", title=title)


def column_title(column: str) -> str:
    return _COLUMN_TITLES.get(column, column.replace("_", " ").capitalize())


def interval_text(lower: float, upper: float) -> str:
    if pd.isna(lower) or pd.isna(upper):
        return "not available"
    return f"{figure_text(lower, CHART_DECIMALS)} to {figure_text(upper, CHART_DECIMALS)}"


def with_mark_text(rows: pd.DataFrame, names: pd.Series) -> pd.DataFrame:
    """Add what a tooltip or screen reader says for each mark, rounded and without "null"."""
    rows = with_value_text(rows)
    sentences = names.astype(str) + ": " + rows["value"].map(format_number)
    if not has_intervals(rows):
        return rows.assign(mark_description=sentences)
    intervals = pd.Series(
        [interval_text(lower, upper) for lower, upper in zip(rows["lower_ci"], rows["upper_ci"])],
        index=rows.index,
    )
    return rows.assign(
        interval=intervals, mark_description=sentences + " (confidence interval " + intervals + ")"
    )


def value_tooltips(unit_label: str, with_intervals: bool) -> list[alt.Tooltip]:
    tooltips = [text_tooltip("value", unit_label)]
    if with_intervals:
        tooltips.append(alt.Tooltip("interval:N", title="Confidence interval"))
    return tooltips


def value_table(
    frame: pd.DataFrame, leading: dict[str, str], unit_label: str, decimals: int
) -> pd.DataFrame:
    """Rename the leading columns and value/CI columns to human headers, rounding the numbers."""
    headers = {**leading, "value": unit_label}
    if has_intervals(frame):
        headers.update({"lower_ci": LOWER_CI_TITLE, "upper_ci": UPPER_CI_TITLE})
    table = frame[list(headers)].rename(columns=headers).reset_index(drop=True)
    numeric = [unit_label, LOWER_CI_TITLE, UPPER_CI_TITLE]
    rounded = [column for column in numeric if column in table.columns]
    table[rounded] = table[rounded].astype(float).map(lambda value: round_half_up(value, decimals))
    return table
