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
