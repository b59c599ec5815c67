"""Confidence intervals for percentages, crude rates and counts.

The methods are those of ScotPHO profiles and of OHID Fingertips (the PHStatsMethods /
PHEindicatormethods packages): Wilson score limits for proportions, Byar's approximation to the
Poisson limits of a count, with exact chi-square limits for counts under 10. An indicator whose
unit is `count` (residents, events) is not an estimate of a rate, so it gets no interval.

Every function is vectorised over numpy arrays and pandas Series. A missing input gives a missing
output, and an impossible one (denominator zero or negative, negative count, numerator above the
denominator of a proportion) gives NaN rather than an exception.
"""

from __future__ import annotations

import difflib

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import stats as scipy_stats

from pmf_kit.errors import UnknownIndicatorError

PUBLISHED_ONLY_UNITS = ("score", "standardised_ratio", "minutes", "years")
"""Units with no numerator / denominator form: a published value is used as it is. A
standardised ratio has 100 = Scotland (SIMD health ratios); minutes are travel times; years are
life expectancy."""

UNITS = (
    "percent", "rate_per_1000", "rate_per_10000", "rate_per_100000", "count", "mean",
    *PUBLISHED_ONLY_UNITS,
)
"""The indicator units of the catalogue (docs/dataset-format.md)."""

UNIT_MULTIPLIERS = {
    "percent": 100.0, "rate_per_1000": 1000.0, "rate_per_10000": 10000.0,
    "rate_per_100000": 100000.0,
}
"""value = multiplier x numerator / denominator for the ratio units."""

EXACT_COUNT_LIMIT = 10
"""Counts below this get exact chi-square Poisson limits instead of Byar's approximation."""


def z_score(confidence: float) -> float:
    """Two-sided standard normal quantile for a confidence level: 1.959964 for 0.95."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be a proportion between 0 and 1, got {confidence!r}")
    return float(scipy_stats.norm.ppf(1 - (1 - confidence) / 2))


def wilson_interval(
    numerator: ArrayLike, denominator: ArrayLike, confidence: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion O / n, as proportions between 0 and 1.

    With p = O / n and z the two-sided normal quantile for `confidence`:

        lower = (2O + z^2 - z * sqrt(z^2 + 4 O (1 - p))) / (2 (n + z^2))
        upper = (2O + z^2 + z * sqrt(z^2 + 4 O (1 - p))) / (2 (n + z^2))

    Source: Wilson (1927); the method for percentages in ScotPHO profiles and in Fingertips
    (PHStatsMethods `wilson_lower` / `wilson_upper`; Newcombe 1998, method 3).
    NaN where O or n is missing, n <= 0, O < 0 or O > n.
    """
    z = z_score(confidence)
    observed = np.asarray(numerator, dtype=float)
    total = np.asarray(denominator, dtype=float)
    valid = (total > 0) & (observed >= 0) & (observed <= total)
    observed = np.where(valid, observed, np.nan)
    total = np.where(valid, total, np.nan)
    proportion = observed / total
    spread = z * np.sqrt(z**2 + 4 * observed * (1 - proportion))
    centre = 2 * observed + z**2
    scale = 2 * (total + z**2)
    return (centre - spread) / scale, (centre + spread) / scale


def byar_interval(count: ArrayLike, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Confidence limits for a Poisson count O.

    For O >= 10, Byar's approximation (Breslow & Day 1987):

        lower = O (1 - 1/(9O) - z/(3 sqrt(O)))^3
        upper = (O+1) (1 - 1/(9(O+1)) + z/(3 sqrt(O+1)))^3

    For O < 10, the exact limits from the chi-square distribution, a = 1 - confidence:

        lower = chi2.ppf(a/2, 2O) / 2        (0 when O = 0)
        upper = chi2.ppf(1 - a/2, 2O + 2) / 2

    also for a count that is not whole (apportioned or weighted data): both limits are those of
    the same O, so 0.5 gets [0.000491, 4.674] at 95%.

    Source: ScotPHO profiles; Fingertips PHStatsMethods (`byars_lower`, `byars_upper`, exact
    limits below 10 as in `calculate_rate`). NaN where O is missing or negative.
    """
    z = z_score(confidence)
    alpha = 1 - confidence
    observed = np.asarray(count, dtype=float)
    observed = np.where(observed >= 0, observed, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        byar_lower = observed * (1 - 1 / (9 * observed) - z / (3 * np.sqrt(observed))) ** 3
        byar_upper = (observed + 1) * (
            1 - 1 / (9 * (observed + 1)) + z / (3 * np.sqrt(observed + 1))
        ) ** 3
    with np.errstate(invalid="ignore"):
        exact_lower = np.where(observed > 0, scipy_stats.chi2.ppf(alpha / 2, 2 * observed) / 2, 0.0)
    exact_upper = scipy_stats.chi2.ppf(1 - alpha / 2, 2 * observed + 2) / 2
    small = observed < EXACT_COUNT_LIMIT
    lower = np.where(small, exact_lower, byar_lower)
    upper = np.where(small, exact_upper, byar_upper)
    missing = np.isnan(observed)
    return np.where(missing, np.nan, lower), np.where(missing, np.nan, upper)


def confidence_limits(
    numerator: ArrayLike, denominator: ArrayLike, unit: str, confidence: float = 0.95
) -> pd.DataFrame:
    """Value and confidence limits of one unit, as a DataFrame [value, lower_ci, upper_ci].

    - percent: value = 100 O / n, limits = 100 x Wilson score limits (see `wilson_interval`).
    - rate_per_1000, rate_per_10000, rate_per_100000: value = m O / n, limits = m x Byar/exact limits of the count
      O divided by n (see `byar_interval`); the denominator is treated as fixed (ScotPHO,
      Fingertips crude rates).
    - count: value = O and no limits: a count (residents, events) is not an estimate of a rate,
      so it has no interval and no significance comparison with an area of another size.
    - mean: value = O / n; no limits, since they need the variance, which the values table lacks.
    - score, standardised_ratio, minutes, years: value and limits NaN; these have no
      numerator/denominator form, so a published value (and its published limits, if any) is
      used as it is (see `add_confidence_limits`).

    Denominator zero or missing gives NaN, never an exception. An unknown unit raises ValueError.
    """
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; expected one of {', '.join(UNITS)}")
    index = numerator.index if isinstance(numerator, pd.Series) else None
    observed = np.atleast_1d(np.asarray(numerator, dtype=float))
    total = np.broadcast_to(np.asarray(denominator, dtype=float), observed.shape)
    positive_total = np.where(total > 0, total, np.nan)
    nothing = np.full(observed.shape, np.nan)
    if unit == "percent":
        lower, upper = wilson_interval(observed, total, confidence)
        value = np.where(np.isnan(lower), np.nan, 100 * observed / positive_total)
        lower, upper = 100 * lower, 100 * upper
    elif unit in UNIT_MULTIPLIERS:
        multiplier = UNIT_MULTIPLIERS[unit]
        lower_count, upper_count = byar_interval(observed, confidence)
        value = multiplier * np.where(observed >= 0, observed, np.nan) / positive_total
        lower = multiplier * lower_count / positive_total
        upper = multiplier * upper_count / positive_total
    elif unit == "count":
        value, lower, upper = np.where(observed >= 0, observed, np.nan), nothing, nothing
    elif unit == "mean":
        value, lower, upper = observed / positive_total, nothing, nothing
    else:
        value, lower, upper = nothing, nothing, nothing
    return pd.DataFrame({"value": value, "lower_ci": lower, "upper_ci": upper}, index=index)


def add_confidence_limits(
    values: pd.DataFrame, catalogue: pd.DataFrame, confidence: float = 0.95
) -> pd.DataFrame:
    """Add value, lower_ci and upper_ci to a tidy values table, by each indicator's unit, and
    value_low and value_high: the range a figure lies in when its source hid some of its counts.

    `values` has indicator_id, numerator, denominator (and any other columns, kept as they are);
    `catalogue` has indicator_id and unit (and `variability`, where given). Each row gets
    `confidence_limits` for its unit. Where no value can be computed (blank numerator, or a score) a
    `value` already in the table (a published figure) is kept, with blank limits, so it is "not
    comparable", never compared as if it were exact. A row that already carries both limits (a
    value published with its interval, such as ScotPHO life expectancy) keeps its value and limits
    exactly as published: they are never recomputed. A count never carries limits, even published
    ones (see `confidence_limits`); nor does a figure without sampling error (variability
    `classification`, `estimate` or `census`: see pmf_kit.data.catalogue_fields).

    Where `numerator_high` is given above `numerator` (the known sum; stats.bounds), value_low and
    value_high are the values at the two counts, `value` their midpoint, and the interval runs from
    the lower limit at the low count to the upper limit at the high one. An indicator missing from
    the catalogue raises `UnknownIndicatorError`.
    """
    indicators = catalogue.drop_duplicates("indicator_id").set_index("indicator_id")
    units = indicators["unit"]
    unknown = sorted(set(values["indicator_id"]) - set(units.index))
    if unknown:
        suggestions = difflib.get_close_matches(str(unknown[0]), [str(i) for i in units.index])
        raise UnknownIndicatorError(str(unknown[0]), suggestions)
    row_units = values["indicator_id"].map(units)
    high = values["numerator_high"] if "numerator_high" in values.columns else values["numerator"]
    low_limits = _limits_by_unit(values["numerator"], values["denominator"], row_units, confidence)
    high_limits = _limits_by_unit(high.fillna(values["numerator"]), values["denominator"], row_units, confidence)
    limits = low_limits.copy()
    limits["upper_ci"] = high_limits["upper_ci"]
    limits["value_low"], limits["value_high"] = low_limits["value"], high_limits["value"]
    limits["value"] = (low_limits["value"] + high_limits["value"]) / 2
    if "value" in values.columns:
        published_value = pd.to_numeric(values["value"])
        for column in ("value", "value_low", "value_high"):
            limits[column] = limits[column].fillna(published_value)
    if {"value", "lower_ci", "upper_ci"} <= set(values.columns):
        published = values[["value", "lower_ci", "upper_ci"]].apply(pd.to_numeric).astype(float)
        as_published = published.notna().all(axis=1) & (row_units != "count")
        limits.loc[as_published, ["value", "lower_ci", "upper_ci"]] = published.loc[as_published].to_numpy()
        limits.loc[as_published, "value_low"] = limits.loc[as_published, "value_high"] = published.loc[as_published, "value"]
    if "variability" in indicators.columns:
        without_error = values["indicator_id"].map(indicators["variability"]).isin(("classification", "estimate", "census"))
        limits.loc[without_error, ["lower_ci", "upper_ci"]] = np.nan
    result = values.copy()
    result[["value", "lower_ci", "upper_ci", "value_low", "value_high"]] = limits[
        ["value", "lower_ci", "upper_ci", "value_low", "value_high"]]
    return result


def _limits_by_unit(numerator: pd.Series, denominator: pd.Series, units: pd.Series, confidence: float) -> pd.DataFrame:
    """`confidence_limits` of every row, by its unit."""
    limits = pd.DataFrame(np.nan, index=numerator.index, columns=["value", "lower_ci", "upper_ci"], dtype=float)
    for unit, rows in numerator.groupby(units, sort=False):
        limits.loc[rows.index] = confidence_limits(rows, denominator.loc[rows.index], str(unit), confidence).to_numpy()
    return limits
