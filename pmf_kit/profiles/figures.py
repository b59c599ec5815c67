"""How a profile writes one figure for a reader: the value, or the range it lies in where its
source hid some counts, at the precision shown; and the period its data describe with the release
it comes from ("2017/18, SIMD 2020"), so that no edition year passes for a data year.
"""

from __future__ import annotations

import pandas as pd

from pmf_kit.charts.display import NO_DATA, format_value
from pmf_kit.data.periods import parse_period
from pmf_kit.stats.disclosure import SUPPRESSION_SYMBOL

RANGE_WORD = " to "
NOT_STATED = "data year not stated"


def figure_text(low: object, high: object, unit: str) -> str:
    """One figure as a table shows it: "288.2 to 290.0" where its ends differ at the precision
    shown, else the one value ("288.2"); a string (the suppression symbol) as it is."""
    if isinstance(low, str):
        return low
    first, last = format_value(low, unit), format_value(high, unit)
    if first == NO_DATA or last == NO_DATA or first == last:
        return first
    return f"{first}{RANGE_WORD}{last}"


def row_figure(row: pd.Series | None, unit: str) -> str:
    """A values row's figure (value or range; the suppression symbol where hidden; no-data mark)."""
    if row is None:
        return NO_DATA
    if row.get("suppressed"):
        return SUPPRESSION_SYMBOL
    low, high = row.get("value_low", row.get("value")), row.get("value_high", row.get("value"))
    return figure_text(low, high, unit)


def is_a_range(row: pd.Series, unit: str) -> bool:
    """Whether the figure is shown as a range (its ends differ at the precision shown)."""
    return RANGE_WORD in row_figure(row, unit)


def period_text(period: str, release: str = "", period_is_edition: bool = False) -> str:
    """The period a figure's data describe and the release it comes from: "2017/18, SIMD 2020";
    "5-year aggregate 2016-2020, ScotPHO profiles"; "data year not stated, SIMD 2020" where no
    source states it (the period is then only the edition's year); the period alone where the
    data set names no release."""
    if period_is_edition:
        return f"{NOT_STATED}, {release}" if release else NOT_STATED
    shown = period_words(period)
    return f"{shown}, {release}" if release and release not in period else shown


def period_words(period: str) -> str:
    """A period as a reader reads it: a multi-year aggregate as "5-year aggregate 2016-2020"
    (no brackets inside the brackets a sentence puts it in), any other period as it is."""
    parsed = parse_period(period)
    if not parsed.is_multi_year:
        return period
    years = parsed.months // 12
    return f"{years}-year aggregate {parsed.start.year}-{parsed.start.year + years - 1}"


def row_period_text(row: pd.Series | None) -> str:
    """`period_text` of a values row."""
    if row is None:
        return NO_DATA
    return period_text(str(row["period"]), str(row.get("release", "") or ""), bool(row.get("period_is_edition", False)))
