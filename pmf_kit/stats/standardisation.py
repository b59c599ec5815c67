"""Directly age-standardised rates on the European Standard Population 2013, Dobson intervals."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from pmf_kit.stats.intervals import byar_interval

ESP2013_AGE_BANDS = (
    "0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
    "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+",
)  # fmt: skip
OPEN_85_BAND = "85+"
POPULATION_AGE_BANDS = (*ESP2013_AGE_BANDS[:17], OPEN_85_BAND, *ESP2013_AGE_BANDS[17:])
"""The bands a population may be held in: ESP2013's, or 85+ for a source that does not split 85-89
from 90+ (the census output-area tables). A population with 85+ cannot be age-standardised."""

EUROPEAN_STANDARD_POPULATION_2013 = pd.Series(
    [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
     7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000],
    index=pd.Index(ESP2013_AGE_BANDS, name="age_band"),
    name="standard_population",
    dtype=float,
)  # fmt: skip
"""European Standard Population 2013 (Eurostat 2013), 19 five-year bands to 90+, total 100,000."""

MINIMUM_TOTAL_COUNT = 10
"""Fingertips does not publish a standardised rate from fewer than 10 events in total."""


def age_standardised_rate(
    frame: pd.DataFrame,
    multiplier: float = 100000,
    confidence: float = 0.95,
    by: Sequence[str] | None = None,
    minimum_total_count: int = MINIMUM_TOTAL_COUNT,
) -> pd.DataFrame:
    """Directly standardised rate per `multiplier`, with Dobson confidence limits.

    `frame` has age_band (the ESP 2013 bands: 0-4, 5-9, ..., 85-89, 90+), numerator (events)
    and denominator (population), and id columns `by` (default: every other column, e.g.
    indicator_id, geography_code, period, sex). Rows with the same ids and band are summed first.

    With O_i events, n_i population and w_i standard population in band i, O = sum O_i:

        DSR      = m * sum(w_i O_i / n_i) / sum(w_i)
        var(DSR) = m^2 * sum(w_i^2 O_i / n_i^2) / sum(w_i)^2
        limits   = DSR + sqrt(var(DSR) / O) * (O_L - O),  O_L = lower, upper limit of O

    where O_L are Byar's (or exact, for O < 10) limits of the total count (`byar_interval`).
    Sources: Dobson et al. (1991) Stat Med 10:457-462; Fingertips PHStatsMethods `calculate_dsr`;
    ScotPHO profiles; Eurostat (2013) Revision of the European Standard Population.

    A group gets NaN value and limits when a band is missing, a band's numerator or denominator
    is blank, a band's denominator is 0, or O < `minimum_total_count` (10, as Fingertips).
    Returns one row per group: the id columns, numerator (O), denominator (sum n_i), value,
    lower_ci, upper_ci. An age band outside ESP 2013 raises ValueError.
    """
    unknown = set(frame["age_band"]) - set(ESP2013_AGE_BANDS)
    if unknown:
        raise ValueError(
            f"age band {sorted(map(str, unknown))[0]!r} is not an ESP 2013 band; expected one of "
            f"{', '.join(ESP2013_AGE_BANDS)}"
        )
    ids = list(by) if by is not None else [
        column for column in frame.columns if column not in ("age_band", "numerator", "denominator")
    ]
    bands = (
        frame.groupby([*ids, "age_band"], sort=False, dropna=False)[["numerator", "denominator"]]
        .sum(min_count=1)
        .reset_index()
    )
    weight = bands["age_band"].map(EUROPEAN_STANDARD_POPULATION_2013)
    population = bands["denominator"].where(bands["denominator"] > 0)
    bands["weighted_rate"] = weight * bands["numerator"] / population
    bands["weighted_variance"] = weight**2 * bands["numerator"] / population**2
    grouped = (
        bands.groupby(ids, sort=False, dropna=False) if ids else bands.groupby(np.zeros(len(bands)))
    )
    totals = grouped.agg(
        numerator=("numerator", _sum_or_nan),
        denominator=("denominator", _sum_or_nan),
        band_count=("age_band", "nunique"),
        weighted_rate=("weighted_rate", _sum_or_nan),
        weighted_variance=("weighted_variance", _sum_or_nan),
    ).reset_index(drop=not ids)
    standard_total = EUROPEAN_STANDARD_POPULATION_2013.sum()
    calculable = (totals["band_count"] == len(ESP2013_AGE_BANDS)) & (
        totals["numerator"] >= minimum_total_count
    )
    count = totals["numerator"].where(calculable)
    value = multiplier * totals["weighted_rate"].where(calculable) / standard_total
    variance = multiplier**2 * totals["weighted_variance"] / standard_total**2
    lower_count, upper_count = byar_interval(count, confidence)
    spread = np.sqrt(variance / count)
    totals["value"] = value
    totals["lower_ci"] = value + spread * (lower_count - count)
    totals["upper_ci"] = value + spread * (upper_count - count)
    return totals[[*ids, "numerator", "denominator", "value", "lower_ci", "upper_ci"]]


def _sum_or_nan(column: pd.Series) -> float:
    """Sum that is NaN when any part is missing."""
    return column.sum(skipna=False)
