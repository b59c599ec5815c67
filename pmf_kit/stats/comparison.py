"""Comparison of an area's value with a comparator (locality vs council, council vs Scotland)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

POLARITIES = ("higher_is_better", "lower_is_better", "neutral")


def compare_with_comparator(
    value: ArrayLike,
    lower_ci: ArrayLike,
    upper_ci: ArrayLike,
    comparator_value: ArrayLike,
    polarity: ArrayLike,
) -> np.ndarray:
    """Label each area against its comparator, as in ScotPHO spine charts.

    The area differs significantly from the comparator when the comparator value lies outside
    the area's confidence interval: comparator < lower_ci means the area is higher, comparator >
    upper_ci means it is lower, otherwise "no different" (a comparator exactly on a limit is
    no different). The direction is then read through the indicator's polarity:

    - higher_is_better: higher -> "better", lower -> "worse"
    - lower_is_better: higher -> "worse", lower -> "better"
    - neutral: "higher" / "lower"

    Any missing value, limit or comparator gives "not comparable". Source: ScotPHO online
    profiles tool (spine chart significance against the comparator); Fingertips "compared with
    benchmark" using the 95% interval. Every argument may be a scalar or an array (broadcast);
    an unknown polarity raises ValueError.
    """
    value, lower, upper, comparator = (
        np.asarray(argument, dtype=float)
        for argument in (value, lower_ci, upper_ci, comparator_value)
    )
    polarity = np.asarray(polarity, dtype=object)
    unknown = set(np.unique(polarity.astype(str))) - set(POLARITIES)
    if unknown:
        raise ValueError(
            f"unknown polarity {sorted(unknown)[0]!r}; expected one of {', '.join(POLARITIES)}"
        )
    value, lower, upper, comparator, polarity = np.broadcast_arrays(
        value, lower, upper, comparator, polarity
    )
    higher = comparator < lower
    lower_than = comparator > upper
    missing = np.isnan(value) | np.isnan(lower) | np.isnan(upper) | np.isnan(comparator)
    by_polarity = [polarity == "higher_is_better", polarity == "lower_is_better"]
    higher_label = np.select(by_polarity, ["better", "worse"], "higher")
    lower_label = np.select(by_polarity, ["worse", "better"], "lower")
    return np.select(
        [missing, higher, lower_than],
        ["not comparable", higher_label, lower_label],
        "no different",
    ).astype(object)


def compare_intervals(
    lower_ci: ArrayLike,
    upper_ci: ArrayLike,
    comparator_low: ArrayLike,
    comparator_high: ArrayLike,
    polarity: ArrayLike,
) -> np.ndarray:
    """Label each area against a comparator known as an interval, not a point.

    The comparator is what lies between `comparator_low` and `comparator_high`: a range where its
    source hid some counts (stats.bounds), or its own published 95% limits when two published
    values with intervals are compared (both intervals count: METHODS.md, "Like for like"; the
    Fingertips overlap comparison). The area is higher only when the whole comparator interval
    lies below the area's 95% interval (comparator_high < lower_ci), lower when it lies wholly
    above (comparator_low > upper_ci), else "no different"; read through the polarity as in
    `compare_with_comparator`, which this equals when the comparator is a point.
    """
    return compare_with_comparator(
        np.zeros_like(np.asarray(lower_ci, dtype=float)),
        np.asarray(lower_ci, dtype=float) - np.asarray(comparator_high, dtype=float),
        np.asarray(upper_ci, dtype=float) - np.asarray(comparator_low, dtype=float),
        np.zeros_like(np.asarray(lower_ci, dtype=float)),
        polarity,
    )


def compare_by_size(
    value_low: ArrayLike, value_high: ArrayLike, comparator_low: ArrayLike, comparator_high: ArrayLike,
) -> np.ndarray:
    """"higher", "lower" or "the same" for figures with no sampling error (a share of residents in
    zones of a class, a population estimate, a census count: METHODS.md, "Random variation, or
    none"), compared by size only; "overlapping" where ranges overlap, "not comparable" where any
    end is missing. Never "significantly": there is nothing to test."""
    low, high, other_low, other_high = (np.asarray(part, dtype=float)
                                        for part in (value_low, value_high, comparator_low, comparator_high))
    low, high, other_low, other_high = np.broadcast_arrays(low, high, other_low, other_high)
    missing = np.isnan(low) | np.isnan(high) | np.isnan(other_low) | np.isnan(other_high)
    same = (low == high) & (other_low == other_high) & (low == other_low)
    return np.select([missing, same, low > other_high, high < other_low],
                     ["not comparable", "the same", "higher", "lower"], "overlapping").astype(object)
