"""The inequalities section of a profile: each indicator by national SIMD quintile within the
area, with the slope and relative index of inequality read in plain words.

Quintile figures are published, and suppressed, by the data set's one decision like every other
figure (data.publication), and SII/RII are only calculated when every quintile has a visible
value (ScotPHO). An indicator made from SIMD itself (`derived_from_simd`) is never broken down
by SIMD.
"""

from __future__ import annotations

import pandas as pd

from pmf_kit.data.indicators import unit_words
from pmf_kit.data.publication import quintile_figures
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.stats import add_confidence_limits
from pmf_kit.charts.display import NO_DATA
from pmf_kit.profiles.figures import figure_text, row_figure, row_period_text
from pmf_kit.stats.bounds import extremes_over_corners, is_range
from pmf_kit.stats.inequality import sii_and_rii, slope_index_of_inequality

RATIO_UNITS = ("percent", "rate_per_1000", "rate_per_10000", "rate_per_100000")
QUANTILE_LABEL = "national SIMD quintile"


def quintile_values(profile: LocalityProfile) -> pd.DataFrame:
    """Each ratio indicator in its reporting period, by national SIMD quintile of the area's
    data zones, as the data set publishes it (data.publication.quintile_figures) and suppressed by
    its one decision: indicator_id, period, quantile, numerator, denominator, value, lower_ci,
    upper_ci, suppressed. Quintiles with no data zones in the area are left out; areas too small
    to be broken down (Dataset.breakdown_min_datazones) have none. Indicators made from SIMD
    (`derived_from_simd`) are left out (see `simd_derived_note`)."""
    catalogue = profile.dataset.catalogue
    wanted = []
    for indicator_id in catalogue.index:
        period = profile.reporting_period(indicator_id)
        if catalogue.loc[indicator_id, "unit"] in RATIO_UNITS and catalogue.loc[indicator_id, "aggregation"] == "sum_ratio" \
                and period is not None:
            wanted.append((indicator_id, period))
    wanted = pd.DataFrame(wanted, columns=["indicator_id", "period"])
    quintiles = quintile_figures(profile.dataset, profile.area, profile.settings.simd_edition, wanted)
    if quintiles.empty:
        return pd.DataFrame(columns=["indicator_id", "period", "quantile", "numerator", "denominator", "value",
                                     "lower_ci", "upper_ci", "suppressed"])
    quintiles = add_confidence_limits(quintiles, catalogue).assign(quantile_type="national_quintile")
    return profile.dataset.disclosure.apply(quintiles).drop(columns="geography_code")


def inequality_summary(profile: LocalityProfile, quintiles: pd.DataFrame) -> pd.DataFrame:
    """Per indicator: its period text, the most and least deprived quintiles' figures as a table
    shows them (a range where a source hid counts), the SII and RII (their midpoints, and as
    `SII low`/`SII high`, `RII low`/`RII high` where the quintiles are ranges: the extremes over
    every corner of the ranges, stats.bounds), whether it is an input of SIMD itself
    (`simd_input`), `indicator_id`, and a reading."""
    catalogue = profile.dataset.catalogue
    if quintiles.empty:
        return pd.DataFrame()
    profile_columns = ["indicator_id", "period", "quantile_type", "quantile", "numerator", "denominator", "value"]
    indices = slope_index_of_inequality(quintiles[profile_columns])
    rows = []
    for record in indices.itertuples():
        unit = catalogue.loc[record.indicator_id, "unit"]
        group = quintiles[quintiles["indicator_id"] == record.indicator_id].set_index("quantile").sort_index()
        sii_low, sii_high, rii_low, rii_high = _index_ranges(group, record)
        sii, rii = (sii_low + sii_high) / 2, (rii_low + rii_high) / 2
        rows.append({
            "Indicator": catalogue.loc[record.indicator_id, "title"],
            "Period": _period_text(profile, record.indicator_id, record.period), "Unit": unit_words(unit),
            "Most deprived quintile": _quintile_text(group, 1, unit),
            "Least deprived quintile": _quintile_text(group, 5, unit),
            "SII": sii, "RII": rii, "SII low": sii_low, "SII high": sii_high, "RII low": rii_low, "RII high": rii_high,
            "What it means": reading(sii_low, sii_high, rii_low, rii_high, unit,
                                     catalogue.loc[record.indicator_id, "polarity"], record.note),
            "simd_input": bool(catalogue.loc[record.indicator_id, "simd_input"]), "indicator_id": record.indicator_id,
        })
    return pd.DataFrame(rows)


def _index_ranges(group: pd.DataFrame, record: object) -> tuple[float, float, float, float]:
    """(SII low, SII high, RII low, RII high): the SII and RII themselves where every quintile is
    exact, their extremes over the quintiles' ranges otherwise; NaN where not calculated."""
    if record.note or pd.isna(record.sii):
        return (float("nan"),) * 4
    low, high = group["value_low"].to_numpy(float), group["value_high"].to_numpy(float)
    if not is_range(low, high).any():
        return record.sii, record.sii, record.rii, record.rii
    population = group["denominator"].to_numpy(float)
    sii_low, sii_high = extremes_over_corners(lambda values: sii_and_rii(population, values)[0], low, high)
    rii_low, rii_high = extremes_over_corners(lambda values: sii_and_rii(population, values)[1], low, high)
    return sii_low, sii_high, rii_low, rii_high


def _quintile_text(group: pd.DataFrame, quantile: int, unit: str) -> str:
    """A quintile's figure as the table shows it (a range where its source hid counts; * hidden)."""
    if quantile not in group.index:
        return NO_DATA
    return row_figure(group.loc[quantile], unit)


def _period_text(profile: LocalityProfile, indicator_id: str, period: str) -> str:
    rows = profile.indicator_values(indicator_id)
    rows = rows[(rows["geography_code"] == profile.area.code) & (rows["period"] == period)]
    return row_period_text(rows.iloc[0]) if len(rows) else period


def reading(sii_low: float, sii_high: float, rii_low: float, rii_high: float, unit: str, polarity: str,
            note: str) -> str:
    """The SII and RII in one plain sentence, saying which end fares worse; for ranged figures the
    range of each, and no side where the range of the SII spans 0."""
    if note or pd.isna(sii_low):
        return "Not calculated: a quintile has no data zones here, no data, or suppressed counts."
    if sii_low == 0 and sii_high == 0:
        return "No gap between the most and least deprived areas."
    if sii_low < 0 < sii_high:
        return (f"The gap lies between {figure_text(sii_low, sii_high, 'percent')}: its source hid too many counts to "
                "say which end is higher.")
    positive = sii_low > 0 or sii_high > 0
    side = "higher" if positive else "lower"
    amount = "percentage points" if unit == "percent" else unit_words(unit)
    worse = {"higher_is_better": not positive, "lower_is_better": positive}.get(polarity)
    judgement = "" if worse is None else (" — worse for the most deprived" if worse else " — better for the most deprived")
    size = figure_text(min(abs(sii_low), abs(sii_high)), max(abs(sii_low), abs(sii_high)), "percent")
    share = figure_text(100 * min(abs(rii_low), abs(rii_high)), 100 * max(abs(rii_low), abs(rii_high)), "count")
    return (f"Across the deprivation scale, the value is {size} {amount} {side} at the most "
            f"deprived end than at the least deprived end{judgement}; that gap is {share}% "
            "of the area's average.")
