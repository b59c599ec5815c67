"""Figures known only within bounds, because the source hid some of the counts they are made of.

SG suppressed SIMD 2020's crime count in data zones with fewer than 3 crimes. Dropping such zones
from an area's numerator and denominator keeps only the higher-crime zones and biases every
area's rate upwards (Scotland 307.0 per 10,000 where the truth lies between 288.2 and 290.1). A
suppressed cell is instead known to hold between 0 and its largest possible count (threshold - 1,
times any grossing factor), and its residents stay in the denominator; an area's count is then a
range, from the known sum to the known sum plus every hidden cell's largest count (METHODS.md,
"Source suppression"). Everything derived from it carries the range:

- the value runs from the value at the lowest count to the value at the highest (every unit's
  value rises with its count);
- the 95% interval runs from the lower limit at the lowest count to the upper limit at the highest,
  so it covers the interval of every count the range allows;
- a difference of two ranges runs from low - high to high - low;
- a linear statistic of several ranges (the slope index of inequality, a weighted regression on
  the quintiles' values) takes its extremes at the corners of the box the ranges make, and so
  does a ratio of two linear ones (the RII): `extremes_over_corners` evaluates them all.

A range is shown as one figure only where its two ends agree to the precision shown.
"""

from __future__ import annotations

from itertools import product
from typing import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike

MAX_CORNER_DIMENSIONS = 12
"""At most 2^12 corners are evaluated: a statistic of more ranges than that takes no range."""


def difference_range(
    now_low: ArrayLike, now_high: ArrayLike, then_low: ArrayLike, then_high: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """The range of `now - then` when each is known only within its bounds: (now_low - then_high,
    now_high - then_low). Equal ends give an exact difference."""
    now_low, now_high, then_low, then_high = (np.asarray(part, dtype=float)
                                              for part in (now_low, now_high, then_low, then_high))
    return now_low - then_high, now_high - then_low


def extremes_over_corners(
    statistic: Callable[[np.ndarray], float], low: Sequence[float], high: Sequence[float]
) -> tuple[float, float]:
    """The smallest and largest value of `statistic(values)` over every corner of the box with
    `low[i] <= values[i] <= high[i]`: exact for a statistic linear in the values, or a ratio of two
    linear functions with a denominator of one sign (the SII and RII). Dimensions whose ends agree
    are not varied; NaN for both when more than MAX_CORNER_DIMENSIONS differ or any end is missing."""
    low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    if np.isnan(low).any() or np.isnan(high).any():
        return float("nan"), float("nan")
    varying = np.flatnonzero(low != high)
    if len(varying) > MAX_CORNER_DIMENSIONS:
        return float("nan"), float("nan")
    results = []
    for corner in product((False, True), repeat=len(varying)):
        values = low.copy()
        values[varying[list(corner)]] = high[varying[list(corner)]]
        results.append(float(statistic(values)))
    finite = [result for result in results if np.isfinite(result)]
    if len(finite) < len(results):
        return float("nan"), float("nan")
    return min(finite), max(finite)


def is_range(low: ArrayLike, high: ArrayLike) -> np.ndarray:
    """Whether each figure is a range rather than one value (its ends differ)."""
    low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    return ~np.isnan(low) & ~np.isnan(high) & (low != high)
