"""Forecast of a KPI at its target period, and how likely the target is to be met.

Method (written out for the appendix in FORECAST_METHOD): ordinary least squares of value on
period start year (2024/25 → 2024.25) over the last five points with a value; the forecast is
the fitted line at the target period's start, with a 95% prediction interval

    se = s sqrt(1 + 1/n + (x0 - mean x)^2 / Sxx),   interval = forecast ± t(0.975, n-2) se

(Altman, Practical Statistics for Medical Research, 11.6). The probability that the target is
met is P(Y >= target) (higher is better) or P(Y <= target) (lower is better) for Y on the
t-distribution with n-2 degrees of freedom centred on the forecast with scale se. The forecast
and its interval are then kept within what the unit allows (no negative rate, no percentage
above 100); the probability is read before that.
"""

from __future__ import annotations

import math
from typing import NamedTuple, Sequence

import numpy as np
from scipy import stats as scipy_stats

FORECAST_POINTS = 5
"""The forecast uses the same window as the recent trend: the last five points."""

MINIMUM_POINTS = 3
"""A prediction interval needs at least one degree of freedom."""

LIKELY, UNLIKELY = 0.8, 0.2
"""Probability at or above which the target is "likely to be met", at or below "unlikely"."""

FORECAST_METHOD = (
    "Forecast: a straight line fitted by least squares to the last five values (by the start "
    "date of each period) and extended to the target period, with a 95% prediction interval. "
    "The probability that the target is met is read from the t-distribution of that prediction. "
    "It is \"likely to be met\" at 80% or more, \"unlikely to be met\" at 20% or less, and "
    "\"uncertain\" in between. A forecast assumes the recent trend continues; it is not a "
    "promise. A forecast or limit below zero (or a percentage above 100) is shown at that bound. "
    "With fewer than three values there is no forecast."
)


class Forecast(NamedTuple):
    """A KPI's forecast at its target period."""

    value: float
    lower: float
    upper: float
    probability: float
    statement: str


NO_FORECAST = Forecast(math.nan, math.nan, math.nan, math.nan, "cannot be forecast")


def linear_forecast(
    years: Sequence[float], values: Sequence[float], at_year: float, target: float, polarity: str,
    confidence: float = 0.95, bounds: tuple[float, float] = (-math.inf, math.inf),
) -> Forecast:
    """Forecast at `at_year` from the last FORECAST_POINTS (year, value) pairs with a value,
    kept within `bounds` (see `unit_bounds`)."""
    points = [(x, y) for x, y in sorted(zip(years, values)) if not math.isnan(y)][-FORECAST_POINTS:]
    if len(points) < MINIMUM_POINTS:
        return NO_FORECAST
    x, y = (np.array(column, dtype=float) for column in zip(*points))
    n = len(x)
    sxx = ((x - x.mean()) ** 2).sum()
    slope = ((x - x.mean()) * (y - y.mean())).sum() / sxx
    intercept = y.mean() - slope * x.mean()
    predicted = intercept + slope * at_year
    residual_sd = math.sqrt(((y - intercept - slope * x) ** 2).sum() / (n - 2))
    se = residual_sd * math.sqrt(1 + 1 / n + (at_year - x.mean()) ** 2 / sxx)
    t = scipy_stats.t(df=n - 2)
    half_width = t.ppf(0.5 + confidence / 2) * se
    probability = target_probability(predicted, se, target, polarity, n - 2)
    low, high = bounds
    value, lower, upper = (float(np.clip(v, low, high)) for v in (predicted, predicted - half_width, predicted + half_width))
    return Forecast(value, lower, upper, probability, target_statement(probability))


def unit_bounds(unit: str) -> tuple[float, float]:
    """The values a unit allows: 0 to 100 for a percent, 0 upwards for rates and counts."""
    if unit == "percent":
        return 0.0, 100.0
    never_negative = ("rate_per_1000", "rate_per_10000", "rate_per_100000", "count", "standardised_ratio", "minutes",
                      "years")
    return (0.0, math.inf) if unit in never_negative else (-math.inf, math.inf)


def target_probability(predicted: float, se: float, target: float, polarity: str, df: int) -> float:
    """P(the value at the target period is at or better than the target)."""
    if se == 0:
        met = predicted >= target if polarity == "higher_is_better" else predicted <= target
        return 1.0 if met else 0.0
    below = float(scipy_stats.t.cdf((target - predicted) / se, df))
    return 1 - below if polarity == "higher_is_better" else below


def target_statement(probability: float) -> str:
    """"likely to be met" / "uncertain" / "unlikely to be met" from the probability."""
    if math.isnan(probability):
        return "cannot be forecast"
    if probability >= LIKELY:
        return "likely to be met"
    return "unlikely to be met" if probability <= UNLIKELY else "uncertain"
