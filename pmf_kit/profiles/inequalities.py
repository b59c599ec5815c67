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
from pmf_kit.stats.disclosure import SUPPRESSION_SYMBOL
from pmf_kit.stats.inequality import slope_index_of_inequality

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
