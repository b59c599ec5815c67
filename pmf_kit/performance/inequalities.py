"""The gap between the most and least deprived fifths of data zones, for each KPI of an outcome.

National SIMD quintiles (1 = most deprived), values summed from data zones by quintile as the
data set publishes them (data zones with no figure are left out, as in the area's own total), the
absolute range most minus least deprived (ScotPHO), in the KPI's latest period and its baseline
period. Figures are suppressed by the data set's one decision before the gap is formed.
"""

from __future__ import annotations

import math

import pandas as pd

from pmf_kit.data.dataset import Dataset
from pmf_kit.data.geography import Area
from pmf_kit.data.publication import quintile_figures
from pmf_kit.performance.assessment import Performance

RATIO_UNITS = ("percent", "rate_per_1000", "rate_per_10000", "rate_per_100000", "mean")
GAP_COLUMNS = ["kpi_id", "title", "unit", "polarity", "area_name", "simd_edition", "latest_period",
               "most_deprived_value", "least_deprived_value", "gap", "baseline_period", "baseline_gap"]


def quintile_values(dataset: Dataset, indicator: str, area_code: str, level: str, period: str) -> tuple[float, float]:
    """(most deprived, least deprived) national SIMD quintile values in one area and period, as
    the data set publishes them (data.publication.quintile_figures: summed over the data zones
    with a figure) and suppressed by its one decision; NaN where hidden, absent, or the area is
    too small to be broken down."""
    wanted = pd.DataFrame({"indicator_id": [indicator], "period": [period]})
    figures = quintile_figures(dataset, Area(level, area_code, area_code), dataset.simd_edition, wanted)
    if figures.empty:
        return math.nan, math.nan
    by_quintile = dataset.disclosure.apply(figures).set_index("quantile")["value"]
    return float(by_quintile.get(1, math.nan)), float(by_quintile.get(5, math.nan))


def deprivation_gaps(dataset: Dataset, performance: Performance) -> pd.DataFrame:
    """One row per KPI with a ratio unit: most and least deprived values and the gap, now and at baseline.

    A KPI whose indicator is made from SIMD (`derived_from_simd`) has no row: its gap would only
    restate how it was made (`simd_derived_note` says so beside the table)."""
    rows = []
    for kpi in performance.table.itertuples(index=False):
        if (kpi.unit not in RATIO_UNITS or not isinstance(kpi.latest_period, str)
                or dataset.catalogue.loc[kpi.indicator_id, "derived_from_simd"]):
            continue
        most, least = quintile_values(dataset, kpi.indicator_id, kpi.area_code, kpi.level, kpi.latest_period)
        base_most, base_least = quintile_values(dataset, kpi.indicator_id, kpi.area_code, kpi.level, kpi.baseline_period)
        rows.append({
            "kpi_id": kpi.kpi_id, "title": kpi.title, "unit": kpi.unit, "polarity": kpi.polarity,
            "area_name": kpi.area_name, "simd_edition": dataset.simd_edition,
            "latest_period": kpi.latest_period, "most_deprived_value": most, "least_deprived_value": least,
            "gap": most - least, "baseline_period": kpi.baseline_period, "baseline_gap": base_most - base_least,
        })
    return pd.DataFrame(rows, columns=GAP_COLUMNS)
