"""Residents of each data zone by sex and five-year age band, for every year of the series.

Rural, coastal and island localities are older; deprived town centres are younger; every
place ages a little year on year, as Scotland does. Counts are multinomial draws, so a data
zone's age pyramid is lumpy the way real small-area estimates are.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmf_kit.sample.seeding import random_stream
from pmf_kit.stats.standardisation import ESP2013_AGE_BANDS

YEARS = tuple(range(2016, 2025))
AGE_BANDS = ESP2013_AGE_BANDS
SEXES = ("female", "male")
# Share of Scotland's residents in each band, roughly as in the mid-2010s estimates.
SCOTLAND_AGE_SHARE = np.array([5.3, 5.4, 5.1, 5.6, 6.8, 6.7, 6.4, 5.9, 6.1, 7.4, 7.6, 7.0,
                               6.2, 5.8, 4.6, 3.4, 2.4, 1.3, 0.6])
FEMALE_SHARE = np.array([0.49] * 12 + [0.51, 0.515, 0.525, 0.545, 0.58, 0.63, 0.72])
BAND_MIDPOINTS = np.array([2.5 + 5 * band for band in range(18)] + [92.5])
SMALLEST_DATAZONE, LARGEST_DATAZONE = 500, 1000


def population_counts(datazones: pd.DataFrame, deprivation: np.ndarray) -> np.ndarray:
    """Residents as an array indexed [data zone, year, sex, age band]."""
    rng = random_stream("population")
    totals = _totals_by_year(datazones, rng)
    deprivation = (deprivation - deprivation.mean()) / deprivation.std()
    counts = np.zeros((len(datazones), len(YEARS), len(SEXES), len(AGE_BANDS)), dtype=np.int64)
    for year_index, year in enumerate(YEARS):
        oldness = (datazones["ageing"].to_numpy() - 0.2 + 0.3 * datazones["rurality"].to_numpy()
                   - 0.2 * deprivation + 0.015 * (year - YEARS[0]))
        shares = _age_sex_shares(oldness)
        drawn = rng.multinomial(totals[:, year_index], shares)
        counts[:, year_index] = drawn.reshape(len(datazones), len(SEXES), len(AGE_BANDS))
    return counts


def _totals_by_year(datazones: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Each data zone's total for each year: 500-1,000, growing or shrinking gently."""
    latest = rng.integers(560, 960, size=len(datazones), endpoint=True)
    yearly_growth = 0.004 - 0.012 * datazones["ageing"].to_numpy()
    years_before_latest = np.array(YEARS[-1]) - np.array(YEARS)
    totals = latest[:, None] * (1 - yearly_growth[:, None] * years_before_latest[None, :])
    totals += rng.normal(0, 6, size=totals.shape)
    totals[:, -1] = latest
    return np.clip(np.round(totals), SMALLEST_DATAZONE, LARGEST_DATAZONE).astype(np.int64)


def _age_sex_shares(oldness: np.ndarray) -> np.ndarray:
    """Probabilities of each (sex, band) per data zone; older places tilt towards older bands."""
    tilt = (BAND_MIDPOINTS - 42) / 30
    weights = SCOTLAND_AGE_SHARE[None, :] * np.exp(oldness[:, None] * tilt[None, :])
    weights /= weights.sum(axis=1, keepdims=True)
    by_sex = np.concatenate([weights * FEMALE_SHARE, weights * (1 - FEMALE_SHARE)], axis=1)
    return by_sex / by_sex.sum(axis=1, keepdims=True)


def population_table(datazone_codes: pd.Series, counts: np.ndarray) -> pd.DataFrame:
    """population.csv rows: one per data zone, year, sex and age band."""
    index = pd.MultiIndex.from_product(
        [datazone_codes, [str(year) for year in YEARS], SEXES, AGE_BANDS],
        names=["datazone_code", "period", "sex", "age_band"])
    return pd.DataFrame({"population": counts.reshape(-1)}, index=index).reset_index()
