"""SIMD's crime indicator per data zone, with the cells SG suppressed kept as bounds.

SG publishes recorded crime per data zone grossed up to each council's total (crimes it could not
place in a data zone are shared out), so every count of a council is a whole number of crimes
times that council's grossing factor (1.0014 to 1.0351 in SIMD 2020), and suppresses data zones
with fewer than 3 crimes (statistics.gov.scot, "Scottish Index of Multiple Deprivation - Crime
Indicators": "Data Zones where the crime count is less than 3 have been suppressed"). SIMD 2020's
workbook shows `*` for them (500 zones); the SIMD 2016 workbook here publishes every zone's rate,
and the count it implies (rate x population / 10,000) for the 433 zones under 3, which SG's own
file suppresses, is suppressed here too, so the data set publishes no more than SG did.

A suppressed zone keeps its residents in the denominator and may hold up to 2 crimes times its
council's factor (`numerator_max`): an area's rate is then a range over all its data zones
(stats.bounds), never a rate over the higher-crime zones left (which put Scotland at 307.0 per
10,000 against a true 288.2 to 290.1).
"""

from __future__ import annotations

import pandas as pd

from pmf_kit.sources.tables import suppressed

SUPPRESSED_BELOW = 3
"""SG suppresses data zones with fewer than this many recorded crimes."""
MOST_GROSSED_UP = 1.04
"""The largest grossing factor SG's councils reach (about 0.97 to 1.04: METHODS.md), for a
council whose own cannot be read."""
SUPPRESSION_RULE = ("SG suppressed data zones with fewer than 3 recorded crimes; each is counted as 0 to 2 crimes "
                    "(times its council's grossing factor), its residents kept in the denominator")


def grossing_factors(frame: pd.DataFrame, counts: pd.Series) -> pd.Series:
    """Each data zone's council grossing factor: every published count of a council is a whole
    number of crimes times one factor, so the smallest count of at least 3 over its nearest whole
    number gives it (exactly, to 1e-12, for every council in both editions). A council with no
    count to read it from takes the largest factor of the others (or MOST_GROSSED_UP), so its
    bound is never too low."""
    published = counts.where(counts >= SUPPRESSED_BELOW - 0.5)
    smallest = published.groupby(frame["council_name"]).transform("min")
    factors = smallest / smallest.round()
    return factors.fillna(factors.max() if factors.notna().any() else MOST_GROSSED_UP)


def crime_counts(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(count, flag of zones suppressed at source): SIMD 2020's published counts, or SIMD 2016's
    implied by its rate, with the zones under 3 crimes suppressed as SG's own file has them."""
    if "crime_count" in frame.columns:
        flags = suppressed(frame, "crime_count") | suppressed(frame, "crime_rate")
        return frame["crime_count"].mask(flags), flags
    implied = frame["crime_rate"] * frame["total_population"] / 10000
    flags = suppressed(frame, "crime_rate") | (implied < SUPPRESSED_BELOW - 0.5)
    return implied.mask(flags), flags


def crime_bounds(frame: pd.DataFrame) -> pd.DataFrame:
    """`numerator`, `denominator`, `numerator_max` and `source_suppressed` per data zone: the
    published count over the edition's total population, and for a suppressed zone no count, its
    residents and the largest count it can hold (2 x its council's grossing factor). A zone with no
    residents keeps its crimes: they count towards its area's rate, over the area's residents."""
    counts, flags = crime_counts(frame)
    factors = grossing_factors(frame, counts)
    return pd.DataFrame({
        "numerator": counts.mask(flags),
        "denominator": frame["total_population"].astype(float),
        "numerator_max": ((SUPPRESSED_BELOW - 1) * factors).where(flags).round(6),
        "source_suppressed": flags,
    }, index=frame.index)
