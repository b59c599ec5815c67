"""A theme's table as a reader sees it: every indicator with a figure, its period and release,
this area beside each comparator, its like-for-like change and its recent trend, and the notes
the table needs (a comparator of another period, a figure that is a range, a change not shown
across a method change).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from pmf_kit.charts.display import NO_DATA, format_value
from pmf_kit.data.indicators import unit_words
from pmf_kit.profiles.changes import MISSING, NO_EARLIER, OVERLAPPING, change
from pmf_kit.profiles.comparisons import comparator_row
from pmf_kit.profiles.figures import figure_text, is_a_range, row_figure, row_period_text
from pmf_kit.stats.intervals import PUBLISHED_ONLY_UNITS

if TYPE_CHECKING:
    from pmf_kit.profiles.profile import LocalityProfile

TREND_COLUMN = "Recent trend"
NO_CHANGE = "–"
OTHER_PERIOD_MARK = "†"
QUIET_REASONS = (MISSING, NO_EARLIER, OVERLAPPING)
"""Reasons a change is missing that need no note: the dash says it."""


def theme_table(profile: LocalityProfile, theme: str) -> pd.DataFrame:
    """One row per indicator of a theme with a figure to show: Indicator, Period (the period its
    data describe, with its release), Unit, this area and each comparator (a value, or a range
    where its source hid counts; "*" where hidden; a comparator's figure of another period marked
    †), this area's change and its recent trend, and `indicator_id`."""
    catalogue = profile.dataset.catalogue
    areas = [profile.area, *profile.comparators]
    rows = []
    for indicator_id in profile.shown_indicators(theme):
        period = profile.reporting_period(indicator_id)
        unit = str(catalogue.loc[indicator_id, "unit"])
        own, _ = comparator_row(profile, indicator_id, profile.area.code, period)
        shown_period = own if own is not None else _first_comparator_row(profile, indicator_id, period)
        row = {"Indicator": catalogue.loc[indicator_id, "title"], "Period": row_period_text(shown_period),
               "Unit": unit_words(unit), "indicator_id": indicator_id}
        for area in areas:
            found, same = comparator_row(profile, indicator_id, area.code, period)
            text = _with_published_limits(found, row_figure(found, unit), unit)
            if area == profile.similar_group and unit != "count" and period is not None:
                spread = _range_words(profile, indicator_id, period, unit)
                text = spread.strip(" ()") if found is None and spread else text + spread
                same = same or bool(spread)
            row[profile.label(area)] = text if same or found is None else f"{text}{OTHER_PERIOD_MARK}"
        row[f"Change in {profile.label(profile.area)}"] = change_text(profile, indicator_id, period)
        row[TREND_COLUMN] = profile.trend_words(indicator_id)
        rows.append(row)
    columns = ["Indicator", "Period", "Unit", *map(profile.label, areas), f"Change in {profile.label(profile.area)}",
               TREND_COLUMN, "indicator_id"]
    return pd.DataFrame(rows, columns=columns)


def _range_words(profile: LocalityProfile, indicator_id: str, period: str, unit: str) -> str:
    """" (range 12.1 to 19.8)": the similar areas' own lowest and highest beside their pooled figure,
    which the largest of them dominates; nothing where the range is hidden or too few have a figure."""
    words = profile.similar_spread.range(indicator_id, period).words(lambda value: figure_text(value, value, unit))
    return f" ({words})" if words else ""


def _first_comparator_row(profile: LocalityProfile, indicator_id: str, period: str | None) -> pd.Series | None:
    for comparator in profile.comparators:
        found, same = comparator_row(profile, indicator_id, comparator.code, period)
        if found is not None and same:
            return found
    return None


def _with_published_limits(row: pd.Series | None, text: str, unit: str) -> str:
    """The figure, followed by its 95% limits where they were published with it (life expectancy)."""
    if row is None or unit not in PUBLISHED_ONLY_UNITS or row["suppressed"]:
        return text
    if pd.isna(row["lower_ci"]) or pd.isna(row["upper_ci"]):
        return text
    return f"{text} ({format_value(row['lower_ci'], unit)} to {format_value(row['upper_ci'], unit)})"


def change_text(profile: LocalityProfile, indicator_id: str, period: str | None) -> str:
    """The change cell: "+0.4 points since 2017/18, SIMD 2020", a range of changes, or a dash."""
    found = change(profile, indicator_id, period)
    if not found.shown:
        return NO_CHANGE
    unit = str(profile.dataset.catalogue.loc[indicator_id, "unit"])
    low, high = _signed(found.low, unit), _signed(found.high, unit)
    amount = low if low == high else f"{low} to {high}"
    since = found.since["release"] if found.since["period_is_edition"] else row_period_text(found.since)
    return f"{amount}{' points' if unit == 'percent' else ''} since {since}"


def _signed(change_value: float, unit: str) -> str:
    """A change with its sign ("+0.4", "−1.2", "0.0")."""
    text = format_value(abs(change_value), unit)
    sign = "" if text == format_value(0.0, unit) else "+" if change_value > 0 else "−"
    return f"{sign}{text}"


def table_notes(profile: LocalityProfile, indicator_ids: list[str]) -> list[str]:
    """What a theme table needs said beneath it, each said once: comparators shown for another
    period (no verdict), figures that are ranges and why, and changes not shown across a method
    change, the indicators sharing a reason named together."""
    catalogue = profile.dataset.catalogue
    other_periods: dict[str, dict[str, list[str]]] = {}
    ranged: dict[str, list[str]] = {}
    breaks: dict[str, list[str]] = {}
    for indicator_id in indicator_ids:
        period = profile.reporting_period(indicator_id)
        unit, title = str(catalogue.loc[indicator_id, "unit"]), str(catalogue.loc[indicator_id, "title"])
        for area in [profile.area, *profile.comparators]:
            found, same = comparator_row(profile, indicator_id, area.code, period)
            if found is None:
                continue
            if not same:
                areas = other_periods.setdefault(row_period_text(found), {})
                areas.setdefault(profile.label(area), []).append(title)
            rule = str(catalogue.loc[indicator_id, "source_suppression"])
            if rule and is_a_range(found, unit) and title not in ranged.get(rule, []):
                ranged.setdefault(rule, []).append(title)
        reason = change(profile, indicator_id, period).reason
        if reason and reason not in QUIET_REASONS:
            breaks.setdefault(reason, []).append(title)
    notes = [f"{OTHER_PERIOD_MARK} {period_words}: {_listed(areas)}. No figure for this area's period, so shown "
             "beside it for context, without a verdict." for period_words, areas in other_periods.items()]
    notes += [f"Shown as a range, the figure lying somewhere in it: {'; '.join(titles)}. "
              f"{rule[:1].upper() + rule[1:]}; each hidden count is taken from 0 to its largest possible value, its "
              "residents kept." for rule, titles in ranged.items()]
    notes += [f"Change not shown for {'; '.join(titles)}: {reason}." for reason, titles in breaks.items()]
    return notes


def _listed(areas: dict[str, list[str]]) -> str:
    """"Moray and Scotland (Life expectancy at birth, females; ...)", areas sharing indicators together."""
    by_titles: dict[tuple[str, ...], list[str]] = {}
    for area, titles in areas.items():
        by_titles.setdefault(tuple(titles), []).append(area)
    return "; ".join(f"{' and '.join(names)} ({'; '.join(titles)})" for titles, names in by_titles.items())


def all_trends_missing(table: pd.DataFrame) -> bool:
    """Whether no indicator of the table has a recent trend (the column would say nothing)."""
    return bool(len(table)) and bool((table[TREND_COLUMN] == "not calculated").all())


def column_is_empty(table: pd.DataFrame, column: str) -> bool:
    """Whether every cell of a column is the no-data or no-change mark."""
    return bool(len(table)) and bool(table[column].isin([NO_DATA, NO_CHANGE]).all())
