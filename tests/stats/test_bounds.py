"""Figures known only within bounds: differences, corner extremes and ranges, by hand."""

import numpy as np
import pandas as pd
import pytest

from pmf_kit.stats.bounds import difference_range, extremes_over_corners, is_range
from pmf_kit.stats.inequality import sii_and_rii
from pmf_kit.stats.intervals import add_confidence_limits, confidence_limits


def test_a_difference_of_ranges_runs_from_low_minus_high_to_high_minus_low():
    low, high = difference_range(338.9, 341.3, 345.2, 347.5)
    assert (round(float(low), 1), round(float(high), 1)) == (-8.6, -3.9)
    exact_low, exact_high = difference_range(10.0, 10.0, 4.0, 4.0)
    assert float(exact_low) == float(exact_high) == 6.0


def test_extremes_of_a_linear_statistic_are_at_the_corners():
    def weighted_sum(values):
        return 2 * values[0] - 3 * values[1] + values[2]

    # the minimum takes the low end where the weight is positive and the high end where negative
    assert extremes_over_corners(weighted_sum, [1, 1, 0], [2, 4, 0]) == (2 * 1 - 3 * 4 + 0, 2 * 2 - 3 * 1 + 0)
    assert extremes_over_corners(weighted_sum, [1, np.nan, 0], [2, 4, 0]) != extremes_over_corners(weighted_sum, [1, 1, 0], [2, 4, 0])


def test_sii_over_ranged_quintiles_is_bounded_by_the_sii_of_every_corner():
    population = np.array([1000.0, 1000.0, 1000.0, 1000.0, 1000.0])
    low = np.array([50.0, 40.0, 30.0, 20.0, 10.0])
    high = low + np.array([0.0, 0.0, 0.0, 0.0, 5.0])  # the least deprived quintile's count was hidden in part
    sii_low, sii_high = extremes_over_corners(lambda values: sii_and_rii(population, values)[0], low, high)
    # equal populations: ranks 0.1 .. 0.9, the SII is 0.8 x the slope; 10 -> 15 in quintile 5 lowers the gap
    assert sii_low == pytest.approx(sii_and_rii(population, high)[0])
    assert sii_high == pytest.approx(sii_and_rii(population, low)[0]) == pytest.approx(50.0)


def test_is_range_tells_exact_from_bounded_and_ignores_missing():
    assert is_range([1.0, 1.0, np.nan], [1.0, 2.0, np.nan]).tolist() == [False, True, False]


def test_a_range_of_counts_gets_the_interval_of_its_lowest_and_highest_count():
    """Scotland's SIMD 2020 crime: 156,322.07 known crimes plus up to 1,011.75 in suppressed zones,
    over 5,424,800 residents: the value is a range and the interval runs from the lower limit at
    the low count to the upper limit at the high one."""
    values = pd.DataFrame({"indicator_id": ["crime"], "numerator": [156322.07], "numerator_high": [157333.82],
                           "denominator": [5424800.0]})
    catalogue = pd.DataFrame({"indicator_id": ["crime"], "unit": ["rate_per_10000"]})
    limited = add_confidence_limits(values, catalogue).iloc[0]
    low = confidence_limits(pd.Series([156322.07]), 5424800.0, "rate_per_10000").iloc[0]
    high = confidence_limits(pd.Series([157333.82]), 5424800.0, "rate_per_10000").iloc[0]
    assert (round(limited["value_low"], 1), round(limited["value_high"], 1)) == (288.2, 290.0)
    assert limited["lower_ci"] == pytest.approx(low["lower_ci"]) and limited["upper_ci"] == pytest.approx(high["upper_ci"])
    assert limited["value"] == pytest.approx((low["value"] + high["value"]) / 2)


def test_figures_without_sampling_error_get_no_interval():
    values = pd.DataFrame({"indicator_id": ["q1_share", "smoking"], "numerator": [300.0, 30.0],
                           "denominator": [1000.0, 100.0]})
    catalogue = pd.DataFrame({"indicator_id": ["q1_share", "smoking"], "unit": ["percent", "percent"],
                              "variability": ["classification", "events"]})
    limited = add_confidence_limits(values, catalogue).set_index("indicator_id")
    assert limited.loc["q1_share", "value"] == 30.0 and pd.isna(limited.loc["q1_share", "lower_ci"])
    assert limited.loc["smoking", "lower_ci"] < 30.0 < limited.loc["smoking", "upper_ci"]
