"""The inequalities section of a profile: each indicator by national SIMD quintile within the
area, with the slope and relative index of inequality read in plain words.

Quintile figures are suppressed like any other (they add up to the area's total, so a single
hidden quintile is protected by hiding a second), and SII/RII are only calculated when every
quintile has a visible value (ScotPHO). An indicator made from SIMD itself (`derived_from_simd`)
is never broken down by SIMD.
"""

from __future__ import annotations

import pandas as pd

from pmf_kit.data.indicators import unit_words
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.stats import add_confidence_limits
from pmf_kit.stats.disclosure import SUPPRESSION_SYMBOL, suppress, thresholds_from_catalogue
from pmf_kit.stats.inequality import deprivation_profile, slope_index_of_inequality

RATIO_UNITS = ("percent", "rate_per_1000", "rate_per_10000", "rate_per_100000")
QUANTILE_LABEL = "national SIMD quintile"


def quintile_values(profile: LocalityProfile) -> pd.DataFrame:
    """Each ratio indicator in its reporting period, by national SIMD quintile of the area's
    data zones: indicator_id, period, quantile, numerator, denominator, value, lower_ci,
    upper_ci, suppressed.

    Quintiles with no data zones in the area are left out rather than shown blank: they hold
    nothing, so they must not count as hidden figures when suppression protects the others.
    Indicators made from SIMD (`derived_from_simd`) are left out (see `simd_derived_note`)."""
    catalogue = profile.dataset.catalogue
    simd = profile.simd_of_datazones[["datazone_code", "simd_quintile"]]
    frames = []
    for indicator_id in catalogue.index:
        unit = catalogue.loc[indicator_id, "unit"]
        period = profile.reporting_period(indicator_id)
        if (unit not in RATIO_UNITS or catalogue.loc[indicator_id, "aggregation"] != "sum_ratio" or period is None
                or catalogue.loc[indicator_id, "derived_from_simd"]):
            continue
        values = profile.dataset.values
        rows = values[(values["indicator_id"] == indicator_id) & (values["period"] == period)
                      & values["geography_code"].isin(profile.datazones)]
        rows = rows.merge(simd, left_on="geography_code", right_on="datazone_code")
        frames.append(deprivation_profile(rows, "simd_quintile", "national_quintile", unit,
                                          by=["indicator_id", "period"]))
    if not frames:
        return pd.DataFrame(columns=["indicator_id", "period", "quantile", "numerator", "denominator", "value", "suppressed"])
    quintiles = pd.concat(frames, ignore_index=True)
    quintiles = quintiles[quintiles["quantile"].isin(simd["simd_quintile"].dropna())]
    quintiles = add_confidence_limits(quintiles, catalogue)
    quintiles["geography_code"] = profile.area.code + "-Q" + quintiles["quantile"].astype(str)
    hierarchy = {code: profile.area.code for code in quintiles["geography_code"]}
    return suppress(quintiles, thresholds_from_catalogue(catalogue), hierarchy).drop(columns="geography_code")


def inequality_summary(profile: LocalityProfile, quintiles: pd.DataFrame) -> pd.DataFrame:
    """Per indicator: quintile 1 and 5 values, SII and RII with 95% limits, and a reading."""
    catalogue = profile.dataset.catalogue
    if quintiles.empty:
        return pd.DataFrame()
    profile_columns = ["indicator_id", "period", "quantile_type", "quantile", "numerator", "denominator", "value"]
    indices = slope_index_of_inequality(quintiles[profile_columns])
    rows = []
    for record in indices.itertuples():
        unit = catalogue.loc[record.indicator_id, "unit"]
        group = quintiles[quintiles["indicator_id"] == record.indicator_id].set_index("quantile")
        shown = group["value"].astype(object).where(group["suppressed"] == "", SUPPRESSION_SYMBOL)
        rows.append({
            "Indicator": catalogue.loc[record.indicator_id, "title"], "Period": record.period,
            "Unit": unit_words(unit),
            "Most deprived quintile": shown.get(1, float("nan")), "Least deprived quintile": shown.get(5, float("nan")),
            "SII": record.sii, "RII": record.rii,
            "What it means": reading(record.sii, record.rii, unit, catalogue.loc[record.indicator_id, "polarity"], record.note),
        })
    return pd.DataFrame(rows)


def reading(sii: float, rii: float, unit: str, polarity: str, note: str) -> str:
    """The SII and RII in one plain sentence, saying which end fares worse."""
    if note or pd.isna(sii):
        return "Not calculated: a quintile has no data zones here, no data, or suppressed counts."
    if sii == 0:
        return "No gap between the most and least deprived areas."
    side = "higher" if sii > 0 else "lower"
    amount = "percentage points" if unit == "percent" else unit_words(unit)
    worse = {"higher_is_better": sii < 0, "lower_is_better": sii > 0}.get(polarity)
    judgement = "" if worse is None else (" — worse for the most deprived" if worse else " — better for the most deprived")
    return (f"Across the deprivation scale, the value is {abs(sii):,.1f} {amount} {side} at the most "
            f"deprived end than at the least deprived end{judgement}; that gap is {abs(rii) * 100:,.0f}% "
            "of the area's average.")
