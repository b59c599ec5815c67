"""Forecast at the target period and "will the target be met", against hand-worked cases."""

from __future__ import annotations

import math

import pytest

from pmf_kit.performance.forecast import linear_forecast, target_statement, unit_bounds

YEARS = [2020.0, 2021.0, 2022.0, 2023.0, 2024.0]


def test_a_hand_worked_forecast():
    # y = 10, 11, 13, 12, 14: mean x 2022, mean y 12, Sxx = 10, Sxy = 9 -> slope 0.9.
    # At 2026: 12 + 0.9 x 4 = 15.6. Residuals -0.2, -0.1, 1.0, -0.9, 0.2: SS 1.9, s = sqrt(1.9/3).
    # se = s sqrt(1 + 1/5 + 16/10) = 0.795822 x 1.673320 = 1.331666; t(0.975, 3) = 3.182446.
    forecast = linear_forecast(YEARS, [10, 11, 13, 12, 14], 2026.0, target=15.0, polarity="higher_is_better")
    assert forecast.value == pytest.approx(15.6)
    assert forecast.lower == pytest.approx(15.6 - 3.182446 * 1.331666, abs=1e-4)
    assert forecast.upper == pytest.approx(15.6 + 3.182446 * 1.331666, abs=1e-4)
    # P(Y >= 15) = P(T3 >= (15 - 15.6) / 1.331666 = -0.45056) = 0.6587 (t tables, 3 df)
    assert forecast.probability == pytest.approx(0.6587, abs=1e-3)
    assert forecast.statement == "uncertain"


def test_lower_is_better_reads_the_other_tail():
    forecast = linear_forecast(YEARS, [10, 11, 13, 12, 14], 2026.0, target=15.0, polarity="lower_is_better")
    assert forecast.probability == pytest.approx(1 - 0.6587, abs=1e-3)


def test_a_perfect_line_is_certain():
    rising = [10, 12, 14, 16, 18]  # 2026 -> 22 exactly
    met = linear_forecast(YEARS, rising, 2026.0, target=20.0, polarity="higher_is_better")
    assert met.value == pytest.approx(22.0)
    assert (met.probability, met.statement) == (1.0, "likely to be met")
    missed = linear_forecast(YEARS, rising, 2026.0, target=25.0, polarity="higher_is_better")
    assert (missed.probability, missed.statement) == (0.0, "unlikely to be met")


def test_only_the_last_five_values_count_and_gaps_are_skipped():
    years = [2016.0, 2017.0, 2018.0, 2019.0, *YEARS]
    values = [100.0, 100.0, 100.0, math.nan, 10, 12, 14, 16, 18]
    assert linear_forecast(years, values, 2026.0, 20.0, "higher_is_better").value == pytest.approx(22.0)


def test_too_few_points_cannot_be_forecast():
    forecast = linear_forecast([2023.0, 2024.0], [1.0, 2.0], 2026.0, 3.0, "higher_is_better")
    assert math.isnan(forecast.value) and forecast.statement == "cannot be forecast"


@pytest.mark.parametrize(
    ("probability", "statement"),
    [(0.8, "likely to be met"), (0.95, "likely to be met"), (0.79, "uncertain"), (0.21, "uncertain"),
     (0.2, "unlikely to be met"), (0.0, "unlikely to be met"), (math.nan, "cannot be forecast")],
)
def test_plain_statement_thresholds(probability, statement):
    assert target_statement(probability) == statement


def test_a_forecast_stays_within_what_the_unit_allows():
    falling = [4.0, 3.0, 2.0, 1.0, 0.5]
    forecast = linear_forecast(YEARS, falling, 2027.0, 1.0, "lower_is_better", bounds=unit_bounds("percent"))
    assert forecast.value == 0.0 and forecast.lower == 0.0 and forecast.upper >= 0.0
    assert forecast.statement == "likely to be met"  # read before the value is kept at 0
    assert unit_bounds("rate_per_1000") == (0.0, math.inf) and unit_bounds("mean")[0] == -math.inf
