"""Fingertips recent trend, CPOP improvement rate and projection, against hand-worked values."""

import numpy as np
import pytest

from pmf_kit.stats import RecentTrend, chi_square_for_trend, improvement_rate, projection, recent_trend

YEARS = ["2019", "2020", "2021", "2022", "2023"]


def test_chi_square_for_trend_in_proportions():
    # n = 1000 at each of x = 0..4; O = 100, 115, 130, 145, 160
    # N = 5000, P = 650 / 5000 = 0.13
    # U = sum x O - P sum n x = (0 + 115 + 260 + 435 + 640) - 0.13 x 10000 = 1450 - 1300 = 150
    # V = P (1 - P) (sum n x^2 - (sum n x)^2 / N) = 0.1131 x (30000 - 10000^2 / 5000) = 1131
    # chi-square = 150^2 / 1131 = 19.893899
    chi_square, statistic = chi_square_for_trend(
        [100, 115, 130, 145, 160], [1000] * 5, [0, 1, 2, 3, 4], "percent"
    )
    assert statistic == pytest.approx(150)
    assert chi_square == pytest.approx(19.893899, abs=1e-6)


def test_a_significant_rise_in_a_lower_is_better_percentage_is_worsening():
    trend = recent_trend(YEARS, [100, 115, 130, 145, 160], [1000] * 5, "percent", "lower_is_better")
    assert trend == RecentTrend("increasing", "worsening", pytest.approx(19.893899, abs=1e-6))


def test_a_chi_square_just_under_9_5495_is_no_significant_change():
    # O = 100, 110, ..., 140: P = 0.12, U = 1300 - 1200 = 100,
    # V = 0.12 x 0.88 x 10000 = 1056, chi-square = 10000 / 1056 = 9.469697 < 9.5495
    trend = recent_trend(YEARS, [100, 110, 120, 130, 140], [1000] * 5, "percent", "lower_is_better")
    assert trend.direction == "no significant change"
    assert trend.chi_square == pytest.approx(9.469697, abs=1e-6)


def test_a_jump_in_the_last_point_alone_is_not_a_trend():
    # O = 100, 100, 100, 100, 200: P = 0.12, U = 1400 - 1200 = 200, chi-square = 40000 / 1056
    # = 37.878788, significant; but leaving out the last point leaves 100 x 4: U = 0, so the
    # direction does not hold and the trend is not reported.
    trend = recent_trend(YEARS, [100, 100, 100, 100, 200], [1000] * 5, "percent", "lower_is_better")
    assert trend.chi_square == pytest.approx(37.878788, abs=1e-6)
    assert trend.direction == "no significant change"


def test_a_poisson_trend_in_a_rate_that_should_rise_is_improving():
    # population 1000 at x = 0..4; O = 10, 20, 30, 40, 50; P = 150 / 5000 = 0.03
    # U = (0 + 20 + 60 + 120 + 200) - 0.03 x 10000 = 400 - 300 = 100
    # V = P (sum n x^2 - (sum n x)^2 / N) = 0.03 x 10000 = 300; chi-square = 10000 / 300 = 33.33
    trend = recent_trend(YEARS, [10, 20, 30, 40, 50], [1000] * 5, "rate_per_1000", "higher_is_better")
    assert trend == RecentTrend("increasing", "improving", pytest.approx(33.333333, abs=1e-6))


def test_a_falling_neutral_indicator_is_just_decreasing():
    trend = recent_trend(YEARS, [50, 40, 30, 20, 10], [1000] * 5, "rate_per_1000", "neutral")
    assert (trend.direction, trend.assessment) == ("decreasing", "decreasing")


def test_only_the_last_five_periods_count_and_periods_are_sorted_first():
    # the 2018 point (wildly high) is dropped once the periods are put in order
    periods = ["2021/22", "2018/19", "2019/20", "2022/23", "2020/21", "2023/24"]
    numerators = [30, 900, 10, 40, 20, 50]
    trend = recent_trend(periods, numerators, [1000] * 6, "rate_per_1000", "lower_is_better")
    assert trend == RecentTrend("increasing", "worsening", pytest.approx(33.333333, abs=1e-6))


@pytest.mark.parametrize(
    ("numerators", "denominators", "unit"),
    [
        ([10, 20, 30, 40], [1000] * 4, "rate_per_1000"),  # four points
        ([10, 20, np.nan, 40, 50], [1000] * 5, "rate_per_1000"),  # a blank numerator
        ([10, 20, 30, 40, 50], [1000, 1000, 0, 1000, 1000], "rate_per_1000"),  # zero denominator
        ([10, 20, 30, 40, 50], [1000] * 5, "count"),  # counts are not tested
        ([10, 20, 30, 40, 50], [1000] * 5, "mean"),
        ([10, 20, 30, 40, 50], [40] * 5, "percent"),  # 50 out of 40 is impossible
    ],
)
def test_recent_trend_cannot_be_calculated(numerators, denominators, unit):
    trend = recent_trend(YEARS[: len(numerators)], numerators, denominators, unit, "neutral")
    assert trend.direction == trend.assessment == "cannot be calculated"
    assert np.isnan(trend.chi_square)


def test_no_events_at_all_is_no_significant_change():
    assert recent_trend(YEARS, [0] * 5, [1000] * 5, "percent", "neutral").direction == (
        "no significant change"
    )


def test_recent_trend_rejects_an_unknown_polarity():
    with pytest.raises(ValueError, match="good"):
        recent_trend(YEARS, [1] * 5, [10] * 5, "percent", "good")


def test_improvement_rate():
    # 80 -> 100: 100 / 80 - 1 = 0.25; 100 -> 80: -0.2; first 0 or blank: NaN
    rates = improvement_rate([80, 100, 0, np.nan], [100, 80, 5, 3])
    assert rates[:2] == pytest.approx([0.25, -0.2])
    assert np.isnan(rates[2:]).all()


def test_projection_uses_the_annual_growth_within_bounds():
    # 100 -> 104.04 over 2 years: growth = sqrt(1.0404) = 1.02 a year; 3 years on:
    # 104.04 x 1.02^3 = 104.04 x 1.061208 = 110.408080
    assert projection(100, 104.04, 2, 3) == pytest.approx(110.408080, abs=1e-6)
    # 100 -> 150 in 2 years is 1.2247 a year, bounded to 1.05: 150 x 1.05^3 = 173.64375
    # 100 -> 50 in 1 year is 0.5 a year, bounded to 0.95: 50 x 0.95^2 = 45.125
    assert projection([100, 100], [150, 50], [2, 1], [3, 2]) == pytest.approx([173.64375, 45.125])


def test_projection_without_a_growth_rate_is_nan():
    assert np.isnan(projection([0, 100, 100, np.nan], [10, -1, 10, 10], [1, 1, 0, 1], 2)).all()
