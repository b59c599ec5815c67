"""Recent trend (Fingertips), improvement rate and projection (Improvement Service CPOP)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from pmf_kit.stats.comparison import POLARITIES

RECENT_TREND_POINTS = 5
"""Fingertips tests the trend over the most recent five points."""

RECENT_TREND_CHI_SQUARE = 9.5495
"""Critical chi-square on 1 degree of freedom for p < 0.002: scipy.stats.chi2.ppf(0.998, 1)."""

TREND_UNITS = ("percent", "rate_per_1000", "rate_per_100000")
"""Units for which a recent trend can be tested from numerators and denominators."""

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


def chi_square_for_trend(
    numerators: ArrayLike, denominators: ArrayLike, scores: ArrayLike, unit: str
) -> tuple[float, float]:
    """Chi-square test for a linear trend over time points with scores x_i (e.g. 0, 1, 2, ...).

    With O_i events out of n_i at score x_i, N = sum n_i, P = sum O_i / N:

        U = sum x_i (O_i - n_i P)
        V = f(P) (sum n_i x_i^2 - (sum n_i x_i)^2 / N),  f(P) = P (1 - P) for a percent,
                                                          f(P) = P for a rate (Poisson counts)
        chi-square = U^2 / V   on 1 degree of freedom

    Proportions: the chi-square test for trend (Cochran-Armitage; Altman 1991, Practical
    Statistics for Medical Research, 10.7.4). Rates: the score test for a log-linear trend in
    Poisson counts with person-time n_i (Breslow & Day 1987). Both as used for Fingertips recent
    trends. Returns (chi-square, U); the sign of U gives the direction. When V = 0 (no events,
    or every person an event) the chi-square is 0.
    """
    observed, total, score = (
        np.asarray(series, dtype=float) for series in (numerators, denominators, scores)
    )
    overall = observed.sum() / total.sum()
    spread = (total * score**2).sum() - (total * score).sum() ** 2 / total.sum()
    variance = (overall * (1 - overall) if unit == "percent" else overall) * spread
    statistic = (score * (observed - total * overall)).sum()
    return (float(statistic**2 / variance) if variance > 0 else 0.0), float(statistic)


def recent_trend(
    periods: ArrayLike,
    numerators: ArrayLike,
    denominators: ArrayLike,
    unit: str,
    polarity: str,
) -> RecentTrend:
    """Fingertips recent trend over the last five periods.

    Points are put in period order (period labels of one format sort correctly: "2023",
    "2023/24", "2024/25 Q2") and the last five taken, scored 0..4 (equally spaced periods
    assumed). The trend is significant when the chi-square for trend (`chi_square_for_trend`)
    exceeds 9.5495 (p < 0.002) and the direction (sign of U) stays the same when each of the five
    points is left out in turn, keeping the others' scores. Then "increasing" or "decreasing",
    read through polarity as "improving" or "worsening"; otherwise "no significant change".

    "cannot be calculated" when there are fewer than five points, any of the last five has a
    blank numerator or denominator, a denominator <= 0, a percent numerator above its
    denominator, or the unit is not a percent or a crude rate (counts, means and scores are not
    tested). Source: OHID Fingertips, "Recent trends" method note.
    """
    if polarity not in POLARITIES:
        raise ValueError(f"unknown polarity {polarity!r}; expected one of {', '.join(POLARITIES)}")
    cannot = RecentTrend("cannot be calculated", "cannot be calculated", float("nan"))
    order = np.argsort(np.asarray(periods), kind="stable")
    observed = np.asarray(numerators, dtype=float)[order][-RECENT_TREND_POINTS:]
    total = np.asarray(denominators, dtype=float)[order][-RECENT_TREND_POINTS:]
    if (
        unit not in TREND_UNITS
        or len(observed) < RECENT_TREND_POINTS
        or np.isnan(observed).any()
        or np.isnan(total).any()
        or (total <= 0).any()
        or (observed < 0).any()
        or (unit == "percent" and (observed > total).any())
    ):
        return cannot
    scores = np.arange(RECENT_TREND_POINTS, dtype=float)
    chi_square, statistic = chi_square_for_trend(observed, total, scores, unit)
    left_out_signs = {
        np.sign(
            chi_square_for_trend(
                np.delete(observed, point), np.delete(total, point), np.delete(scores, point), unit
            )[1]
        )
        for point in range(RECENT_TREND_POINTS)
    }
    if chi_square <= RECENT_TREND_CHI_SQUARE or left_out_signs != {np.sign(statistic)}:
        return RecentTrend("no significant change", "no significant change", chi_square)
    direction = "increasing" if statistic > 0 else "decreasing"
    if polarity == "neutral":
        return RecentTrend(direction, direction, chi_square)
    better_when_increasing = polarity == "higher_is_better"
    improving = (statistic > 0) == better_when_increasing
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
