"""An area against one comparator, indicator by indicator, like for like only.

A verdict is given only between figures of the same period (a locality's 5-year life expectancy
is never tested against a council's 3-year one: the comparator's nearest figure is shown beside
it, with its own period, and no verdict), and only as each indicator's kind of variability allows
(pmf_kit.data.catalogue_fields, METHODS.md "Random variation, or none"):

- counts of events or people (`events`): significantly better or worse when the comparator,
  or the whole range it lies in, falls outside the area's 95% interval (ScotPHO; a range where a
  source hid counts, stats.bounds);
- published values with limits (`published`): both intervals count, as Fingertips compares two
  published values: different only when they do not overlap;
- a classification of whole zones, a population estimate or a census count: no sampling error,
  so no test; higher, lower or the same by size only ("the same" where the two read alike at the
  precision shown);
- a count of residents or events: not compared with an area of another size at all.

Against the similar areas the verdict reads their range, not their pooled interval (which the
largest of them dominates, and which ignores how they differ): better or worse only when the area
and its whole 95% interval lie beyond every one of them ("significantly higher than all 5
similar areas"); a figure beyond them whose interval reaches into their range is said to lie
beyond them, with no verdict; no different within their range (profiles.similar_areas_spread).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pmf_kit.charts.wording import UNIT_SUFFIX
from pmf_kit.data.catalogue_fields import WITHOUT_SAMPLING_ERROR
from pmf_kit.data.geography import Area
from pmf_kit.data.periods import parse_period
from pmf_kit.profiles.figures import figure_text, row_period_text
from pmf_kit.stats.comparison import compare_by_size, compare_intervals

if TYPE_CHECKING:
    from pmf_kit.profiles.profile import LocalityProfile

NOT_TESTED = "not tested"
"""The significance of a figure without sampling error: compared by size only."""
REASONS = {
    "different periods": "the comparator has no figure for the same period",
    "a count": "a count is not compared with an area of another size",
    "no interval": "no 95% interval to test (an average, or a value published without limits)",
    "no data": "no figure to compare",
}


def comparison_with(profile: LocalityProfile, comparator: Area) -> pd.DataFrame:
    """One row per indicator shown: this area's figure in its reporting period and the
    comparator's figure shown beside it (the same period where it has one, else its nearest, with
    `same_period` False), each with value, range ends, limits and period text; then the difference
    in percent, `significance` (better, worse, no different, higher, lower, not tested, not
    comparable), `size` (higher, lower, the same, overlapping: by size alone) and `reason` (why
    not comparable). Worked out once per profile and comparator."""
    return profile.remembered(("comparison_with", comparator.code), lambda: _comparison(profile, comparator)).copy()


def comparator_row(profile: LocalityProfile, indicator_id: str, code: str, period: str | None) -> tuple[pd.Series | None, bool]:
    """The comparator's figure to set beside the area's at `period`: the same period's, or else the
    one whose midpoint is nearest (a council's 3-year life expectancy beside a locality's 5-year
    one; latest first on a tie); (row or None, whether it is the same period)."""
    if period is None:
        return None, False
    rows = profile.indicator_values(indicator_id)
    rows = rows[rows["geography_code"] == code]
    same = rows[rows["period"] == period]
    if len(same):
        return same.iloc[0], True
    shown = rows[rows["value"].notna() | (rows["suppressed"] != "")]
    if shown.empty:
        return None, False
    wanted = parse_period(period).midpoint
    distance = shown["period"].map(lambda label: abs((parse_period(label).midpoint - wanted).days))
    nearest = shown.assign(distance=distance, start=shown["period"].map(lambda label: parse_period(label).start))
    return nearest.sort_values(["distance", "start"], ascending=[True, False]).iloc[0], False


def _comparison(profile: LocalityProfile, comparator: Area) -> pd.DataFrame:
    catalogue = profile.dataset.catalogue
    rows = []
    for indicator_id in profile.shown_indicator_ids:
        period = profile.reporting_period(indicator_id)
        area_row = _area_row(profile, indicator_id, period)
        other, same_period = comparator_row(profile, indicator_id, comparator.code, period)
        row = {"indicator_id": indicator_id, "title": catalogue.loc[indicator_id, "title"],
               "theme": catalogue.loc[indicator_id, "theme"], "unit": catalogue.loc[indicator_id, "unit"],
               "polarity": catalogue.loc[indicator_id, "polarity"],
               "variability": catalogue.loc[indicator_id, "variability"], "period": period or "no data",
               "period_text": row_period_text(area_row) if area_row is not None else "no data",
               "comparator": profile.label(comparator), "same_period": same_period,
               "comparator_period": other["period"] if other is not None else "",
               "comparator_period_text": row_period_text(other) if other is not None else ""}
        for prefix, found in (("", area_row), ("comparator_", other)):
            for column in ("value", "value_low", "value_high", "lower_ci", "upper_ci"):
                row[f"{prefix}{column}"] = _number(found, column)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=_COLUMNS)
    comparable = frame["comparator_value"].where((frame["comparator_value"] != 0) & (frame["unit"] != "count"))
    for column, of in (("difference_percent", "value"), ("lower_difference_percent", "lower_ci"),
                       ("upper_difference_percent", "upper_ci")):
        frame[column] = 100 * (frame[of] / comparable - 1)
    frame["significance"], frame["size"], frame["reason"] = _verdicts(frame)
    frame["similar_words"] = ""
    if comparator == profile.similar_group:
        _against_the_range(profile, frame)
    return frame


def _against_the_range(profile: LocalityProfile, frame: pd.DataFrame) -> None:
    """The verdicts against the similar areas by their range (module docstring), and in words:
    "higher than all 5 similar areas (12.1% to 19.8%)". Their own figures are of the area's own
    period and level (a locality's 5-year life expectancy against theirs), so like for like even
    where their pool has no figure."""
    for position, row in frame.iterrows():
        spread = profile.similar_spread.range(row["indicator_id"], row["period"])
        unit = str(row["unit"])
        where = spread.position(row["value_low"], row["value_high"])
        if row["unit"] == "count" or pd.isna(row["value"]):
            continue
        words = spread.words(lambda value: figure_text(value, value, unit))
        if words:
            frame.loc[position, ["same_period", "comparator_period"]] = [True, row["period"]]
        beyond = (None if row["variability"] in WITHOUT_SAMPLING_ERROR
                  else spread.position(row["lower_ci"], row["upper_ci"]))
        significantly = "significantly " if beyond in ("higher", "lower") else ""
        frame.loc[position, "similar_words"] = (
            f"{significantly}{spread.position_words(row['value_low'], row['value_high'])} "
            f"({words.removeprefix('range ')}{UNIT_SUFFIX.get(unit, '')})" if where and words else "")
        if row["variability"] in WITHOUT_SAMPLING_ERROR:
            frame.loc[position, "size"] = {"higher": "higher", "lower": "lower"}.get(where, "overlapping" if where else "")
            continue
        if where is None:
            frame.loc[position, ["significance", "reason"]] = ["not comparable", "the similar areas' range is hidden "
                                                                                 "or overlaps this area's figure"]
            continue
        if pd.isna(row["lower_ci"]) or pd.isna(row["upper_ci"]):
            frame.loc[position, ["significance", "reason"]] = ["not comparable", "this area's figure has no interval"]
            continue
        higher_is = {"higher_is_better": ("better", "worse"), "lower_is_better": ("worse", "better")}.get(
            str(row["polarity"]), ("higher", "lower"))
        frame.loc[position, ["significance", "reason"]] = [
            {"higher": higher_is[0], "lower": higher_is[1]}.get(beyond, "no different"), ""]


_COLUMNS = ["indicator_id", "title", "theme", "unit", "polarity", "variability", "period", "period_text", "comparator",
            "same_period", "comparator_period", "comparator_period_text", "value", "value_low", "value_high",
            "lower_ci", "upper_ci", "comparator_value", "comparator_value_low", "comparator_value_high",
            "comparator_lower_ci", "comparator_upper_ci"]


def _area_row(profile: LocalityProfile, indicator_id: str, period: str | None) -> pd.Series | None:
    rows = profile.indicator_values(indicator_id)
    rows = rows[(rows["geography_code"] == profile.area.code) & (rows["period"] == period)]
    return rows.iloc[0] if len(rows) else None


def _number(row: pd.Series | None, column: str) -> float:
    if row is None or column not in row.index:
        return float("nan")
    value = pd.to_numeric(row[column], errors="coerce")
    return float(value) if pd.notna(value) else float("nan")


def _verdicts(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """significance, size and reason per row, by the rules of this module's docstring."""
    published_limits = frame["comparator_lower_ci"].notna() & (frame["variability"] == "published")
    comparator_low = frame["comparator_lower_ci"].where(published_limits, frame["comparator_value_low"])
    comparator_high = frame["comparator_upper_ci"].where(published_limits, frame["comparator_value_high"])
    tested = compare_intervals(frame["lower_ci"], frame["upper_ci"], comparator_low, comparator_high, frame["polarity"])
    size = compare_by_size(frame["value_low"], frame["value_high"], frame["comparator_value_low"],
                           frame["comparator_value_high"])
    shown_alike = [figure_text(low, high, unit) == figure_text(other_low, other_high, unit)
                   for low, high, other_low, other_high, unit in zip(
                       frame["value_low"], frame["value_high"], frame["comparator_value_low"],
                       frame["comparator_value_high"], frame["unit"])]
    size = np.where(shown_alike & ~frame["value"].isna().to_numpy(), "the same", size)
    without_error = frame["variability"].isin(WITHOUT_SAMPLING_ERROR)
    missing = frame["value"].isna() | frame["comparator_value"].isna()
    reasons = np.select(
        [missing, ~frame["same_period"], frame["unit"] == "count", ~without_error & frame["lower_ci"].isna()],
        ["no data", "different periods", "a count", "no interval"], "")
    significance = np.where(reasons != "", "not comparable", np.where(without_error, NOT_TESTED, tested))
    size = np.where((reasons != "") & (reasons != "no interval"), "", size)
    return significance.astype(object), size.astype(object), list(reasons)
