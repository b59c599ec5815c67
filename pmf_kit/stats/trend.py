"""Recent trend (Fingertips), improvement rate and projection (Improvement Service CPOP)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from pmf_kit.stats.comparison import POLARITIES

RECENT_TREND_POINTS = 5
"""Fingertips tests the trend over the most recent five points."""

RECENT_TREND_CHI_SQUARE = 9.54953570608324
"""Critical chi-square on 1 degree of freedom for p < 0.002, scipy.stats.chi2.ppf(0.998, 1), to
the digits Fingertips' TrendMarkerCalculator uses."""

STANDARD_ERRORS_IN_95_INTERVAL = 3.92
"""A 95% interval spans 2 x 1.96 standard errors: se = (upper95 - lower95) / 3.92 (Fingertips)."""

GROWTH_BOUNDS = (0.95, 1.05)
"""CPOP bounds on the annual growth factor used for projections."""


class RecentTrend(NamedTuple):
    """Outcome of `recent_trend`."""

    direction: str
    """"increasing", "decreasing", "no significant change" or "cannot be calculated"."""
    assessment: str
    """"improving" or "worsening" read through polarity; for a neutral indicator, or when there
    is no significant change, the same as `direction`."""
    chi_square: float
    """The chi-square for trend over the last five points (NaN when not calculated)."""


def chi_square_for_trend(numerators: ArrayLike, denominators: ArrayLike, scores: ArrayLike) -> float:
    """Chi-square test for a linear trend in proportions O_i / n_i at time scores x_i.

    With N = sum n_i and O = sum O_i:

        chi-square = N (N sum O_i x_i - O sum n_i x_i)^2
                     / (O (N - O) (N sum n_i x_i^2 - (sum n_i x_i)^2))   on 1 degree of freedom

    The chi-square test for trend (Cochran-Armitage; Altman 1991, Practical Statistics for
    Medical Research, 10.7.4), as Fingertips' recent trend computes it for proportions. When no
    one or everyone is an event (O = 0 or O = N) there is no trend to test: the chi-square is 0.
    """
    observed, total, score = (
        np.asarray(series, dtype=float) for series in (numerators, denominators, scores)
    )
    events, people = observed.sum(), total.sum()
    spread = people * (total * score**2).sum() - (total * score).sum() ** 2
    divisor = events * (people - events) * spread
    if divisor <= 0:
        return 0.0
    return float(people * (people * (observed * score).sum() - events * (total * score).sum()) ** 2 / divisor)


def logit_slope(numerators: ArrayLike, denominators: ArrayLike, scores: ArrayLike) -> float:
    """Unweighted least-squares slope of logit(p_i) = ln(O_i / (n_i - O_i)) on the scores x_i:
    the direction of a proportion's recent trend in Fingertips. NaN when a proportion is 0 or 1
    (its logit is infinite)."""
    observed, total, score = (
        np.asarray(series, dtype=float) for series in (numerators, denominators, scores)
    )
    inside = (observed > 0) & (observed < total)
    if not inside.all():
        return float("nan")
    logit = np.log(observed / (total - observed))
    return float(np.polyfit(score, logit, 1)[0])


def weighted_slope(
    values: ArrayLike, lower_ci: ArrayLike, upper_ci: ArrayLike, scores: ArrayLike
) -> tuple[float, float]:
    """Inverse-variance weighted regression of the value on time: (slope, chi-square).

    Each point's standard error comes from its 95% limits, se_i = (upper_i - lower_i) / 3.92, and
    its weight is w_i = 1 / se_i^2. With D = sum w sum w x^2 - (sum w x)^2:

        slope      = (sum w sum w x y - sum w x sum w y) / D
        se(slope)  = sqrt(sum w / D)
        chi-square = (slope / se(slope))^2   on 1 degree of freedom

    Source: OHID Fingertips recent trends (TrendMarkerCalculator) for every indicator type other
    than proportions: rates, ratios, means, life expectancy.
    """
    value, lower, upper, score = (
        np.asarray(series, dtype=float) for series in (values, lower_ci, upper_ci, scores)
    )
    weight = 1 / ((upper - lower) / STANDARD_ERRORS_IN_95_INTERVAL) ** 2
    # The same sums about the weighted mean score (D / sum w = sum w (x - mean)^2), each score's
    # distance from the mean summed from its exact distances to the others: the raw sums, or x -
    # mean, cancel to a few digits when one point carries nearly all the weight.
    centred = (weight * (score[:, None] - score)).sum(axis=1) / weight.sum()
    spread = (weight * centred**2).sum()
    slope = (weight * centred * value).sum() / spread
    return float(slope), float(slope**2 * spread)


def _weighted_direction(values: np.ndarray, lower_ci: np.ndarray, upper_ci: np.ndarray, scores: np.ndarray) -> float:
    return weighted_slope(values, lower_ci, upper_ci, scores)[0]


def recent_trend(points: pd.DataFrame, unit: str, polarity: str, *, yearly: bool = True) -> RecentTrend:
    """Fingertips recent trend over the last five points, for every type of indicator.

    `points` has period and, for a percent, numerator and denominator; for every other unit,
    value, lower_ci and upper_ci (the 95% limits shown, computed or as published). Points are put
    in period order (labels of one format sort correctly: "2023", "2023/24") and the last five
    taken, scored 1..5 (equally spaced periods assumed).

    - percent (a proportion): the chi-square for trend (`chi_square_for_trend`); the direction is
      the sign of the unweighted slope of logit(p) (`logit_slope`).
    - every other unit: the inverse-variance weighted regression of the value on time
      (`weighted_slope`); the direction is the sign of its slope.

    The trend is significant when the chi-square exceeds 9.54953570608324 (p < 0.002) and the
    direction holds when each of the five points is left out in turn (the same slope, from the
    other four, keeping their scores; a slope of exactly 0 does not hold it, as in OHID's
    PHEindicatormethods `assign_trend_markers`). Then "increasing" or "decreasing", read through polarity
    as "improving" or "worsening"; otherwise "no significant change".

    "cannot be calculated" when the periods are not single years (`yearly=False`: quarters,
    rolling or multi-year aggregates are not tested), there are fewer than five points, any of
    the last five lacks what its method needs (a numerator and a denominator with 0 <= O <= n
    and n > 0; or a value with limits lower < upper, so a count, which has no interval, is never
    tested), or a significant proportion has a point at 0% or 100%, where the logit slope is
    undefined. Source: OHID Fingertips, "Recent trends" (TrendMarkerCalculator).
    """
    if polarity not in POLARITIES:
        raise ValueError(f"unknown polarity {polarity!r}; expected one of {', '.join(POLARITIES)}")
    cannot = RecentTrend("cannot be calculated", "cannot be calculated", float("nan"))
    last = points.iloc[np.argsort(points["period"].astype(str).to_numpy(), kind="stable")].tail(RECENT_TREND_POINTS)
    if not yearly or len(last) < RECENT_TREND_POINTS:
        return cannot
    scores = np.arange(1, RECENT_TREND_POINTS + 1, dtype=float)
    if unit == "percent":
        series = [pd.to_numeric(last[column]).to_numpy(float) for column in ("numerator", "denominator")]
        observed, total = series
        if np.isnan(np.concatenate(series)).any() or (total <= 0).any() or (observed < 0).any() \
                or (observed > total).any():
            return cannot
        chi_square, direction_of = chi_square_for_trend(observed, total, scores), logit_slope
    else:
        series = [pd.to_numeric(last[column]).to_numpy(float) for column in ("value", "lower_ci", "upper_ci")]
        value, lower, upper = series
        if np.isnan(np.concatenate(series)).any() or (upper <= lower).any():
            return cannot
        chi_square, direction_of = weighted_slope(value, lower, upper, scores)[1], _weighted_direction
    if chi_square <= RECENT_TREND_CHI_SQUARE:
        return RecentTrend("no significant change", "no significant change", chi_square)
    kept = [np.ones(RECENT_TREND_POINTS, dtype=bool)]
    kept += [np.arange(RECENT_TREND_POINTS) != point for point in range(RECENT_TREND_POINTS)]
    slopes = [direction_of(*(column[keep] for column in series), scores[keep]) for keep in kept]
    if np.isnan(slopes).any():
        return cannot
    if len({np.sign(slope) for slope in slopes}) > 1:
        return RecentTrend("no significant change", "no significant change", chi_square)
    rising = slopes[0] > 0
    direction = "increasing" if rising else "decreasing"
    if polarity == "neutral":
        return RecentTrend(direction, direction, chi_square)
    improving = rising == (polarity == "higher_is_better")
    return RecentTrend(direction, "improving" if improving else "worsening", chi_square)


def improvement_rate(first: ArrayLike, last: ArrayLike) -> np.ndarray:
    """Improvement rate = last / first - 1 (Improvement Service CPOP); NaN when first is 0.

    A proportional change, not yet read through polarity: +0.10 means the value rose by 10%.
    """
    first = np.asarray(first, dtype=float)
    last = np.asarray(last, dtype=float)
    return last / np.where(first != 0, first, np.nan) - 1


def projection(
    first: ArrayLike, last: ArrayLike, years_between: ArrayLike, years_ahead: ArrayLike
) -> np.ndarray:
    """Project a value forward from its recent growth (Improvement Service CPOP).

        growth    = (last / first) ^ (1 / years_between), bounded to 0.95 .. 1.05 a year
        projected = last * growth ^ years_ahead

    NaN when first <= 0, last < 0 or years_between <= 0 (no growth rate can be formed).
    """
    first, last, years_between, years_ahead = (
        np.asarray(a, dtype=float) for a in (first, last, years_between, years_ahead)
    )
    valid = (first > 0) & (last >= 0) & (years_between > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = (last / first) ** (1 / years_between)
    growth = np.clip(np.where(valid, growth, np.nan), *GROWTH_BOUNDS)
    return last * growth**years_ahead
