"""Indicator values per data zone and period, plus a fictional Scotland comparator.

Counts are binomial or Poisson draws around a rate that is worse in more deprived data zones,
so small areas show realistic noise and many small numerators (which exercise disclosure
control), and the deprivation gradient appears when data zones are summed by SIMD quintile.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmf_kit.sample.catalogue import CALENDAR, SOURCE_SUPPRESSED_BELOW, IndicatorSpec
from pmf_kit.sample.population import AGE_BANDS, YEARS
from pmf_kit.sample.seeding import random_stream

SCOTLAND_CODE = "X92000003"
SCOTLAND_NAME = "Scotland (synthetic)"
SCOTLAND_POPULATION = dict(zip(YEARS, (5_404_700, 5_424_800, 5_438_100, 5_463_300, 5_466_000,
                                      5_479_900, 5_447_700, 5_490_100, 5_511_500)))
UNIT_MULTIPLIER = {"percent": 100, "rate_per_1000": 1_000, "rate_per_100000": 100_000, "mean": 1}
UNIT_DECIMALS = {"percent": 2, "rate_per_1000": 2, "rate_per_100000": 1, "mean": 2}
DATAZONE_EFFECT_SPREAD = 0.15
VALUE_COLUMNS = ("indicator_id", "geography_code", "period", "numerator", "denominator",
                 "value", "quality_flag", "numerator_max")


def period_labels(period_type: str) -> list[str]:
    """`2016` for calendar years, `2016/17` for financial (and school) years."""
    if period_type == CALENDAR:
        return [str(year) for year in YEARS]
    return [f"{year}/{(year + 1) % 100:02d}" for year in YEARS]


def denominators(counts: np.ndarray) -> dict[str, np.ndarray]:
    """Each denominator population as an array [data zone, year], from residents by age.

    Single-year groups (16 to 64, P1 children, school leavers) are taken as the right share
    of the five-year band they fall in, as a small-area analyst would estimate them.
    """
    persons = counts.sum(axis=2)
    band = {name: persons[:, :, index] for index, name in enumerate(AGE_BANDS)}
    residents = persons.sum(axis=2)
    aged_0_15 = persons[:, :, :3].sum(axis=2) + np.rint(0.2 * band["15-19"])
    women_15_44 = counts[:, :, 0, 3:9].sum(axis=2)
    pupils = band["5-9"] + band["10-14"] + np.rint(0.6 * band["15-19"])
    births = random_stream("births").binomial(women_15_44, 0.055)
    groups = {
        "residents": residents,
        "aged_0_15": aged_0_15,
        "aged_16_64": persons[:, :, 4:13].sum(axis=2) + np.rint(0.8 * band["15-19"]),
        "aged_16_plus": residents - aged_0_15,
        "aged_65_plus": persons[:, :, 13:].sum(axis=2),
        "households": np.rint(residents / 2.15),
        "births": births,
        "p1_children": np.rint(band["5-9"] / 5),
        "school_leavers": np.rint(band["15-19"] / 5),
        "half_day_sessions": pupils * 380,
    }
    return {name: group.astype(np.int64) for name, group in groups.items()}


def indicator_values(
    spec: IndicatorSpec,
    datazones: pd.DataFrame,
    deprivation_position: np.ndarray,
    population_groups: dict[str, np.ndarray],
) -> pd.DataFrame:
    """values.csv rows for one indicator: every data zone and period, then Scotland.

    `deprivation_position` runs from 0 (least deprived in Scotland) to 1 (most deprived).
    """
    rng = random_stream(f"values-{spec.indicator_id}")
    denominator = population_groups[spec.denominator]
    level = _yearly_level(spec)
    datazone_effect = np.exp(rng.normal(0, DATAZONE_EFFECT_SPREAD, size=len(datazones)))
    rural = 1 + spec.rural_effect * (datazones["rurality"].to_numpy() - 0.5)
    if spec.draw == "mean":
        relative = spec.gradient ** (0.5 - deprivation_position)
    else:
        relative = spec.gradient ** (deprivation_position - 0.5)
    expected = level[None, :] * (relative * rural * datazone_effect)[:, None]
    numerator = _draw_numerators(spec, denominator, expected, rng).astype(float)
    published_numerator, published_denominator, quality_flag = _with_gaps(
        spec, numerator, denominator.astype(float), rng)
    local = _rows(spec, datazones["datazone_code"].to_numpy(), published_numerator,
                  published_denominator, quality_flag)
    council_residents = population_groups["residents"].sum(axis=0)
    national = _scotland_rows(spec, denominator, council_residents, level, rng)
    return pd.concat([local, national], ignore_index=True)


def _yearly_level(spec: IndicatorSpec) -> np.ndarray:
    """The event rate (or mean) at average deprivation in each year, trend and shocks applied."""
    years_since_start = np.arange(len(YEARS))
    shocks = np.array([spec.shocks.get(year, 1.0) for year in YEARS])
    return spec.base * (1 + spec.annual_change) ** years_since_start * shocks


def _draw_numerators(
    spec: IndicatorSpec, denominator: np.ndarray, expected: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Counts drawn around the expected rate: binomial shares, Poisson events, summed scores."""
    if spec.draw == "binomial":
        events = rng.binomial(denominator, np.clip(expected, 0, 0.95))
        return denominator - events if spec.counts_shortfall else events
    if spec.draw == "poisson":
        return rng.poisson(denominator * expected)
    noise = np.exp(rng.normal(0, 0.3, size=expected.shape) / np.sqrt(np.maximum(denominator, 1)))
    return np.rint(denominator * expected * noise).astype(np.int64)


def _with_gaps(
    spec: IndicatorSpec, numerator: np.ndarray, denominator: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Blank (NaN) cells where data were not received or a source suppressed a small count.

    Returns numerator, denominator and the quality flag, each shaped [data zone, period].
    """
    numerator, denominator = numerator.copy(), denominator.copy()
    not_received = (rng.random(numerator.shape) < spec.missing_share) | (denominator == 0)
    numerator[not_received] = np.nan
    denominator[not_received] = np.nan
    periods = np.array(period_labels(spec.period_type))
    in_suppressed_period = np.isin(periods, spec.source_suppressed_periods)[None, :]
    suppressed = in_suppressed_period & (numerator >= 1) & (numerator < SOURCE_SUPPRESSED_BELOW)
    numerator[suppressed] = np.nan
    quality_flag = np.where(suppressed, "source_suppressed", "")
    return numerator, denominator, quality_flag


def _rows(
    spec: IndicatorSpec,
    geography_codes: np.ndarray,
    numerator: np.ndarray,
    denominator: np.ndarray,
    quality_flag: np.ndarray | None = None,
) -> pd.DataFrame:
    """Long rows, value from numerator and denominator by the unit rule, missing period dropped.

    Numerator and denominator are float arrays [geography, period] with NaN for blanks.
    """
    periods = period_labels(spec.period_type)
    if quality_flag is None:
        quality_flag = np.full(numerator.shape, "")
    rows = pd.DataFrame({
        "indicator_id": spec.indicator_id,
        "geography_code": np.repeat(geography_codes, len(periods)),
        "period": np.tile(periods, len(geography_codes)),
        "numerator": pd.array(numerator.reshape(-1), dtype="Int64"),
        "denominator": pd.array(denominator.reshape(-1), dtype="Int64"),
        "value": unit_value(spec.unit, numerator.reshape(-1), denominator.reshape(-1)),
        "quality_flag": quality_flag.reshape(-1),
        "numerator_max": np.where(quality_flag.reshape(-1) == "source_suppressed", SOURCE_SUPPRESSED_BELOW - 1, np.nan),
    })
    if spec.missing_period is not None:
        rows = rows[rows["period"] != spec.missing_period].reset_index(drop=True)
    return rows


def unit_value(unit: str, numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """value = multiplier × numerator / denominator (docs/dataset-format.md), rounded."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = numerator / denominator
    return np.round(ratio * UNIT_MULTIPLIER[unit], UNIT_DECIMALS[unit])


def _scotland_rows(
    spec: IndicatorSpec,
    denominator: np.ndarray,
    council_residents: np.ndarray,
    level: np.ndarray,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Scotland's published counts: council denominators scaled to Scotland's population,
    numerators at the rate of Scotland's average deprivation."""
    scale = np.array([SCOTLAND_POPULATION[year] for year in YEARS]) / council_residents
    national_denominator = np.rint(denominator.sum(axis=0) * scale).astype(np.int64)[None, :]
    root = np.sqrt(spec.gradient)  # mean of gradient ** (position - 0.5) over positions 0 to 1
    average_gradient = (root - 1 / root) / np.log(spec.gradient)
    spread = np.exp(DATAZONE_EFFECT_SPREAD**2 / 2)
    expected = (level * average_gradient * spread)[None, :]
    numerator = _draw_numerators(spec, national_denominator, expected, rng)
    return _rows(spec, np.array([SCOTLAND_CODE]), numerator.astype(float),
                 national_denominator.astype(float))
