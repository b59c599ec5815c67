"""Fingertips recent trend, CPOP improvement rate and projection, against hand-worked values."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmf_kit.stats import (
    RECENT_TREND_CHI_SQUARE,
    RecentTrend,
    chi_square_for_trend,
    confidence_limits,
    improvement_rate,
    projection,
    recent_trend,
)
from pmf_kit.stats.trend import logit_slope, weighted_slope

YEARS = ["2019", "2020", "2021", "2022", "2023"]
SCORES = [1, 2, 3, 4, 5]


def proportions(numerators, denominators, periods=YEARS) -> pd.DataFrame:
    return pd.DataFrame({"period": periods, "numerator": numerators, "denominator": denominators})


def values_with_limits(values, lower, upper, periods=YEARS) -> pd.DataFrame:
    return pd.DataFrame({"period": periods, "value": values, "lower_ci": lower, "upper_ci": upper})


def test_the_threshold_is_fingertips_chi_square_for_p_0_002():
    assert RECENT_TREND_CHI_SQUARE == 9.54953570608324


def test_chi_square_for_trend_in_proportions():
    # n = 1000 at each of x = 1..5; O = 100, 115, 130, 145, 160: N = 5000, O = 650,
    # sum O x = 2100, sum n x = 15000, sum n x^2 = 55000
    # numerator   = N (N sum O x - O sum n x)^2 = 5000 (10,500,000 - 9,750,000)^2 = 2.8125e15
    # denominator = O (N - O) (N sum n x^2 - (sum n x)^2) = 650 x 4350 x 5e7 = 1.41375e14
    # chi-square = 19.893899
    chi_square = chi_square_for_trend([100, 115, 130, 145, 160], [1000] * 5, SCORES)
    assert chi_square == pytest.approx(19.893899, abs=1e-6)


def test_a_significant_rise_in_a_lower_is_better_percentage_is_worsening():
    trend = recent_trend(proportions([100, 115, 130, 145, 160], [1000] * 5), "percent", "lower_is_better")
    assert trend == RecentTrend("increasing", "worsening", pytest.approx(19.893899, abs=1e-6))


def test_a_chi_square_just_under_the_threshold_is_no_significant_change():
    # O = 100, 110, ..., 140 of 1000: N sum O x - O sum n x = 5000 x 1900 - 600 x 15000 = 500,000;
    # chi-square = 5000 x 2.5e11 / (600 x 4400 x 5e7) = 9.469697 < 9.5495
    trend = recent_trend(proportions([100, 110, 120, 130, 140], [1000] * 5), "percent", "lower_is_better")
    assert trend.direction == "no significant change"
    assert trend.chi_square == pytest.approx(9.469697, abs=1e-6)


def test_a_percentage_takes_its_direction_from_the_slope_of_logit_p_not_from_the_chi_square():
    # The example, with very unequal denominators: 721, 510, 462, 3, 4 events of
    # 126,448, 68,990, 59,102, 603, 891. Chi-square 27.38 (significant). The pooled test statistic
    # sum x (O - n P) is positive, but Fingertips reads the direction from the unweighted slope
    # of logit(p) = ln(O / (n - O)): -5.1612, -4.8999, -4.8437, -5.2983, -5.4017, whose slope is
    # (2 x 5.1612 + 4.8999 - 5.2983 - 2 x 5.4017) / 10 = -0.0879: decreasing.
    numerators, denominators = [721, 510, 462, 3, 4], [126448, 68990, 59102, 603, 891]
    assert logit_slope(numerators, denominators, SCORES) == pytest.approx(-0.0879, abs=1e-4)
    trend = recent_trend(proportions(numerators, denominators), "percent", "lower_is_better")
    assert trend == RecentTrend("decreasing", "improving", pytest.approx(27.38, abs=0.005))


def test_weighted_regression_of_the_value_on_time():
    # values 10, 12, ..., 18, each with limits +/- 1.96: se = 3.92 / 3.92 = 1, weight 1, so the
    # slope is the ordinary one, 2; D = 5 x 55 - 15^2 = 50, se(slope) = sqrt(5 / 50),
    # chi-square = 2^2 / 0.1 = 40
    values = np.array([10.0, 12, 14, 16, 18])
    slope, chi_square = weighted_slope(values, values - 1.96, values + 1.96, SCORES)
    assert slope == pytest.approx(2.0)
    assert chi_square == pytest.approx(40.0)


def test_weighted_regression_gives_precise_points_more_weight():
    # se 1, 1, 1, 1, 0.5 (weights 1, 1, 1, 1, 4) on values 10, 10, 10, 10, 15: sum w = 8,
    # sum w x = 30, sum w x^2 = 130, sum w y = 100, sum w x y = 400;
    # D = 8 x 130 - 900 = 140; slope = (8 x 400 - 30 x 100) / 140 = 200 / 140 = 1.428571;
    # chi-square = slope^2 x D / sum w = 2.040816 x 140 / 8 = 35.714286
    half_widths = np.array([1.96, 1.96, 1.96, 1.96, 0.98])
    values = np.array([10.0, 10, 10, 10, 15])
    slope, chi_square = weighted_slope(values, values - half_widths, values + half_widths, SCORES)
    assert slope == pytest.approx(1.428571, abs=1e-6)
    assert chi_square == pytest.approx(35.714286, abs=1e-6)


def test_a_rate_is_tested_by_weighted_regression_not_a_poisson_score_test():
    # The example: 59, 62, 73, 79, 93 events a year per 50,000 (rates per 100,000 with
    # Byar's limits). Fingertips' weighted regression gives chi-square 8.83, no significant
    # change (a Poisson score test on the counts would give 9.87, "increasing").
    limits = confidence_limits([59, 62, 73, 79, 93], [50000] * 5, "rate_per_100000").assign(period=YEARS)
    trend = recent_trend(limits, "rate_per_100000", "lower_is_better")
    assert trend == RecentTrend("no significant change", "no significant change", pytest.approx(8.83, abs=0.005))


def test_a_rising_rate_with_narrow_limits_is_worsening_when_lower_is_better():
    trend = recent_trend(values_with_limits([10, 12, 14, 16, 18], [8.04, 10.04, 12.04, 14.04, 16.04],
                                            [11.96, 13.96, 15.96, 17.96, 19.96]), "rate_per_1000", "lower_is_better")
    assert trend == RecentTrend("increasing", "worsening", pytest.approx(40.0))


def test_published_limits_are_what_the_trend_weighs():
    # life expectancy published with its limits (a mean with no numerator or denominator)
    trend = recent_trend(values_with_limits([78.0, 77.6, 77.2, 76.8, 76.4], [77.804, 77.404, 77.004, 76.604, 76.204],
                                            [78.196, 77.796, 77.396, 76.996, 76.596]), "mean", "higher_is_better")
    # se = 0.392 / 3.92 = 0.1 at every point, weight 100: sum w = 500, sum w x = 1500,
    # sum w x^2 = 5500, D = 500 x 5500 - 1500^2 = 500,000; slope -0.4;
    # chi-square = slope^2 x D / sum w = 0.16 x 500,000 / 500 = 160
    assert trend == RecentTrend("decreasing", "worsening", pytest.approx(160.0))


def test_a_jump_in_one_point_alone_is_not_a_trend():
    # 10, 10, 10, 10, 20 with se 1: slope 2, chi-square 40 (significant); left out, the last point
    # leaves a flat line (slope 0), so the direction does not hold.
    values = np.array([10.0, 10, 10, 10, 20])
    trend = recent_trend(values_with_limits(values, values - 1.96, values + 1.96), "rate_per_1000", "neutral")
    assert trend == RecentTrend("no significant change", "no significant change", pytest.approx(40.0))


def test_a_falling_neutral_indicator_is_just_decreasing():
    values = np.array([18.0, 16, 14, 12, 10])
    trend = recent_trend(values_with_limits(values, values - 1.96, values + 1.96), "rate_per_1000", "neutral")
    assert (trend.direction, trend.assessment) == ("decreasing", "decreasing")


def test_only_the_last_five_periods_count_and_periods_are_sorted_first():
    # the 2018/19 point (wildly high) is dropped once the periods are put in order
    periods = ["2021/22", "2018/19", "2019/20", "2022/23", "2020/21", "2023/24"]
    trend = recent_trend(proportions([120, 900, 100, 140, 110, 150], [1000] * 6, periods), "percent", "lower_is_better")
    assert trend.direction == "increasing"
    assert trend.chi_square == chi_square_for_trend([100, 110, 120, 140, 150], [1000] * 5, SCORES)


@pytest.mark.parametrize(
    ("points", "unit"),
    [
        (proportions([10, 20, 30, 40], [1000] * 4, YEARS[:4]), "percent"),  # four points
        (proportions([10, 20, np.nan, 40, 50], [1000] * 5), "percent"),  # a blank numerator
        (proportions([10, 20, 30, 40, 50], [1000, 1000, 0, 1000, 1000]), "percent"),  # zero denominator
        (proportions([10, 20, 30, 40, 50], [40] * 5), "percent"),  # 50 out of 40 is impossible
        (values_with_limits([1, 2, 3, 4, 5], [np.nan] * 5, [np.nan] * 5), "count"),  # a count has no interval
        (values_with_limits([1, 2, 3, 4, 5], [0, 1, 2, 3, 4], [2, 3, np.nan, 5, 6]), "mean"),  # a blank limit
        (values_with_limits([1, 2, 3, 4, 5], [0, 1, 3, 3, 4], [2, 3, 3, 5, 6]), "rate_per_1000"),  # no width
    ],
)
def test_recent_trend_cannot_be_calculated(points, unit):
    trend = recent_trend(points, unit, "neutral")
    assert trend.direction == trend.assessment == "cannot be calculated"
    assert np.isnan(trend.chi_square)


def test_quarterly_rolling_or_multi_year_periods_get_no_recent_trend():
    trend = recent_trend(proportions([100, 115, 130, 145, 160], [1000] * 5), "percent", "neutral", yearly=False)
    assert trend.direction == "cannot be calculated"


def test_a_proportion_at_0_percent_has_no_logit_so_a_significant_trend_has_no_direction():
    # 0, 5, 10, 15, 20 of 100 is a strong rise, but logit(0) is infinite
    assert np.isnan(logit_slope([0, 5, 10, 15, 20], [100] * 5, SCORES))
    assert recent_trend(proportions([0, 5, 10, 15, 20], [100] * 5), "percent", "neutral").direction == "cannot be calculated"


def test_no_events_at_all_is_no_significant_change():
    assert recent_trend(proportions([0] * 5, [1000] * 5), "percent", "neutral").direction == "no significant change"


def test_recent_trend_rejects_an_unknown_polarity():
    with pytest.raises(ValueError, match="good"):
        recent_trend(proportions([1] * 5, [10] * 5), "percent", "good")


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


GENERATED = settings(max_examples=200, deadline=None, derandomize=True, database=None)


@GENERATED
@given(st.lists(st.tuples(st.floats(-1e4, 1e4), st.floats(0.01, 100)), min_size=3, max_size=8))
def test_weighted_slope_is_the_weighted_least_squares_fit(points):
    # numpy's weighted polynomial fit (weights 1/se, covariance unscaled) is an independent route
    # to the slope and its standard error
    values = np.array([value for value, _ in points])
    errors = np.array([error for _, error in points])
    scores = np.arange(1, len(points) + 1, dtype=float)
    half = 1.96 * errors
    slope, chi_square = weighted_slope(values, values - half, values + half, scores)
    coefficients, covariance = np.polyfit(scores, values, 1, w=1 / errors, cov="unscaled")
    # rounding in sums of values up to 1e4 weighted up to 1e4, which grows as one weight dwarfs the others
    spread_of_weights = max(1.0, (errors.max() / errors.min()) ** 2 / 1e6)
    scale = 1e-9 * (1 + np.abs(values).max()) * spread_of_weights
    assert slope == pytest.approx(coefficients[0], rel=1e-7, abs=scale)
    # chi-square = slope^2 / var: a slope off by `scale` moves it by about 2 |slope| scale / var
    chi_scale = (2 * abs(coefficients[0]) * scale + scale**2) / covariance[0, 0]
    assert chi_square == pytest.approx(coefficients[0] ** 2 / covariance[0, 0], rel=1e-6, abs=chi_scale)


@GENERATED
@given(st.lists(st.integers(1, 10**6), min_size=5, max_size=5).flatmap(
    lambda totals: st.tuples(st.just(totals), st.tuples(*(st.integers(0, total) for total in totals)))))
def test_chi_square_for_trend_is_the_score_statistic_u_squared_over_v(series):
    # Altman's form: U = sum x (O - n P), V = P (1 - P) (sum n x^2 - (sum n x)^2 / N)
    totals, events = np.array(series[0], dtype=float), np.array(series[1], dtype=float)
    scores = np.arange(1, 6, dtype=float)
    share = events.sum() / totals.sum()
    u = (scores * (events - totals * share)).sum()
    v = share * (1 - share) * ((totals * scores**2).sum() - (totals * scores).sum() ** 2 / totals.sum())
    expected = u**2 / v if v > 0 else 0.0
    assert chi_square_for_trend(events, totals, scores) == pytest.approx(expected, rel=1e-6, abs=1e-9)


def test_weighted_slope_holds_its_digits_when_one_point_carries_nearly_all_the_weight():
    # Found by the generated test above: the raw sums cancelled to 0.0124999957. The slope worked
    # out exactly in fractions from the same float limits is 0.012499997781065118.
    values = np.array([0.90625, 0.75, 0.875])
    half = 1.96 * np.array([39.0, 39.0, 0.01])
    slope, _ = weighted_slope(values, values - half, values + half, np.array([1.0, 2.0, 3.0]))
    assert slope == pytest.approx(0.012499997781065118, rel=1e-12)
