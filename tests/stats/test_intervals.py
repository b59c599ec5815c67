"""Confidence limits against hand-worked values (z = 1.959964 for 95%, z^2 = 3.841459)."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from pmf_kit.errors import UnknownIndicatorError
from pmf_kit.stats import (
    add_confidence_limits,
    byar_interval,
    confidence_limits,
    wilson_interval,
)


def test_wilson_interval_for_30_out_of_100():
    # p = 0.3; z^2 + 4 O (1 - p) = 3.841459 + 84 = 87.841459; sqrt = 9.372377; x z = 18.369522
    # 2O + z^2 = 63.841459; 2 (n + z^2) = 207.682918
    # lower = (63.841459 - 18.369522) / 207.682918 = 45.471937 / 207.682918 = 0.218949
    # upper = (63.841459 + 18.369522) / 207.682918 = 82.210981 / 207.682918 = 0.395849
    lower, upper = wilson_interval(30, 100)
    assert lower == pytest.approx(0.218949, abs=1e-6)
    assert upper == pytest.approx(0.395849, abs=1e-6)


def test_wilson_interval_for_a_zero_numerator_starts_at_zero():
    # O = 0: lower = (0 + z^2 - z * sqrt(z^2)) / ... = 0
    # upper = 2 z^2 / (2 (n + z^2)) = 3.841459 / (10 + 3.841459) = 0.277533
    lower, upper = wilson_interval(0, 10)
    assert lower == pytest.approx(0.0, abs=1e-12)
    assert upper == pytest.approx(0.277533, abs=1e-6)


def test_wilson_interval_is_nan_for_zero_missing_or_impossible_denominators():
    lower, upper = wilson_interval([5, np.nan, 5, 11], [0, 10, np.nan, 10])
    assert np.isnan(lower).all() and np.isnan(upper).all()


def test_byar_interval_for_a_count_of_20():
    # lower = 20 (1 - 1/180 - z / (3 sqrt 20))^3 = 20 (1 - 0.0055556 - 0.1460871)^3
    #       = 20 x 0.8483574^3 = 20 x 0.6105714 = 12.211429
    # upper = 21 (1 - 1/189 + z / (3 sqrt 21))^3 = 21 (1 - 0.0052910 + 0.1425664)^3
    #       = 21 x 1.1372754^3 = 21 x 1.4709467 = 30.889880
    lower, upper = byar_interval(20)
    assert lower == pytest.approx(12.211429, abs=1e-5)
    assert upper == pytest.approx(30.889880, abs=1e-5)


def test_byar_interval_is_used_from_a_count_of_exactly_10():
    # lower = 10 (1 - 1/90 - z / (3 sqrt 10))^3 = 10 (1 - 0.0111111 - 0.2065983)^3
    #       = 10 x 0.7822905^3 = 10 x 0.4787450 = 4.787450
    lower, _ = byar_interval(10)
    assert lower == pytest.approx(4.787450, abs=1e-5)


def test_exact_limits_for_counts_of_0_and_1():
    # chi-square with 2 df is exponential with mean 2: ppf(q) = -2 ln(1 - q)
    # O = 0: lower 0; upper = chi2.ppf(0.975, 2) / 2 = -ln(0.025) = 3.688879
    # O = 1: lower = chi2.ppf(0.025, 2) / 2 = -ln(0.975) = 0.025318
    #        upper = chi2.ppf(0.975, 4) / 2 = u solving P(Poisson(u) <= 1) = e^-u (1 + u) = 0.025,
    #        u = 5.571643 (check: e^-5.571643 x 6.571643 = 0.0038043 x 6.571643 = 0.025000)
    lower, upper = byar_interval([0, 1])
    assert lower[0] == 0
    assert upper[0] == pytest.approx(-math.log(0.025), abs=1e-9)
    assert lower[1] == pytest.approx(-math.log(0.975), abs=1e-9)
    assert upper[1] == pytest.approx(5.571643, abs=1e-6)


def test_exact_limits_of_a_count_between_0_and_1_are_both_of_that_count():
    # Apportioned data give counts that are not whole. O = 0.5: 2O = 1 degree of freedom, and a
    # chi-square on 1 df is Z^2, so chi2.ppf(0.025, 1) = (norm.ppf(0.5125))^2 = 0.0313367^2
    # = 0.000981990, and the lower limit is half that, 0.000491 (not the 0.0253 of O = 1).
    # O = 0.9: chi2.ppf(0.025, 1.8) / 2 = 0.01602 (the value PHStatsMethods' exact_lower gives).
    lower, upper = byar_interval([0.5, 0.9])
    assert lower[0] == pytest.approx(stats.norm.ppf(0.5125) ** 2 / 2, rel=1e-9)
    assert lower[0] == pytest.approx(0.000491, abs=5e-7)
    assert lower[1] == pytest.approx(0.01602, abs=5e-6)
    assert upper == pytest.approx(stats.chi2.ppf(0.975, [3.0, 3.8]) / 2)
    assert (lower < [0.5, 0.9]).all() and (upper > [0.5, 0.9]).all()


def test_byar_interval_is_nan_for_missing_or_negative_counts():
    lower, upper = byar_interval([np.nan, -1])
    assert np.isnan(lower).all() and np.isnan(upper).all()


def test_confidence_limits_for_a_percentage():
    # 100 x the Wilson limits of 30 / 100 worked above
    limits = confidence_limits(pd.Series([30]), pd.Series([100]), "percent")
    assert list(limits.columns) == ["value", "lower_ci", "upper_ci"]
    assert limits.iloc[0].tolist() == pytest.approx([30.0, 21.8949, 39.5849], abs=1e-4)


def test_confidence_limits_for_a_rate_per_1000_scale_the_count_limits():
    # O = 20, n = 4000: value = 1000 x 20 / 4000 = 5.0
    # limits = 1000 x (12.211429, 30.889880) / 4000 = (3.052857, 7.722470)
    limits = confidence_limits([20], [4000], "rate_per_1000")
    assert limits.iloc[0].tolist() == pytest.approx([5.0, 3.052857, 7.722470], abs=1e-5)


def test_confidence_limits_for_a_rate_per_100000_with_a_small_count():
    # O = 1, n = 50000: value = 100000 / 50000 = 2.0; limits = 2 x (0.025318, 5.571643)
    limits = confidence_limits([1], [50000], "rate_per_100000")
    assert limits.iloc[0].tolist() == pytest.approx([2.0, 0.050636, 11.143286], abs=1e-5)


def test_a_count_is_not_an_estimate_of_a_rate_and_gets_no_interval():
    limits = confidence_limits([20, 37888], [np.nan, np.nan], "count")
    assert limits["value"].tolist() == [20.0, 37888.0]
    assert limits[["lower_ci", "upper_ci"]].isna().all().all()


def test_add_confidence_limits_never_gives_a_count_an_interval_even_a_published_one():
    catalogue = pd.DataFrame({"indicator_id": ["population"], "unit": ["count"]})
    values = pd.DataFrame({"indicator_id": ["population"], "numerator": [37888], "denominator": [np.nan],
                           "value": [37888.0], "lower_ci": [37500.0], "upper_ci": [38300.0]})
    limited = add_confidence_limits(values, catalogue)
    assert limited["value"].tolist() == [37888.0]
    assert limited[["lower_ci", "upper_ci"]].isna().all().all()


def test_confidence_limits_for_a_mean_have_no_limits():
    limits = confidence_limits([50], [20], "mean")
    assert limits["value"].iloc[0] == 2.5
    assert limits[["lower_ci", "upper_ci"]].isna().all().all()


@pytest.mark.parametrize("unit", ["score", "standardised_ratio", "minutes", "years"])
def test_confidence_limits_for_units_without_a_numerator_form_are_blank(unit):
    assert confidence_limits([7], [1], unit).isna().all().all()


def test_rate_per_10000_is_ten_times_the_rate_per_1000_with_its_limits():
    # 20 events in 4,000: 50 per 10,000; Byar lower limit of 20 is 12.21143 (hand-worked above
    # as 3.052857 per 1,000), so 30.52857 per 10,000.
    per_1000 = confidence_limits([20], [4000], "rate_per_1000")
    per_10000 = confidence_limits([20], [4000], "rate_per_10000")
    assert per_10000["value"].iloc[0] == pytest.approx(50.0)
    assert per_10000["lower_ci"].iloc[0] == pytest.approx(30.52857, abs=1e-4)
    assert per_10000.to_numpy() == pytest.approx(10 * per_1000.to_numpy())


@pytest.mark.parametrize("unit", ["percent", "rate_per_1000", "rate_per_10000", "rate_per_100000", "mean"])
def test_confidence_limits_with_a_zero_denominator_are_nan(unit):
    assert confidence_limits([0, 3], [0, 0], unit).isna().all().all()


def test_confidence_limits_reject_an_unknown_unit():
    with pytest.raises(ValueError, match="per_cent"):
        confidence_limits([1], [2], "per_cent")


def test_add_confidence_limits_uses_each_indicators_unit_and_keeps_published_values():
    catalogue = pd.DataFrame(
        {
            "indicator_id": ["smoking", "admissions", "wellbeing"],
            "unit": ["percent", "rate_per_1000", "score"],
        }
    )
    values = pd.DataFrame(
        {
            "indicator_id": ["smoking", "admissions", "wellbeing", "smoking"],
            "geography_code": ["S01", "S01", "S01", "S92000003"],
            "numerator": [30, 20, np.nan, np.nan],
            "denominator": [100, 4000, np.nan, np.nan],
            "value": [np.nan, np.nan, 48.2, 17.5],
        }
    )
    result = add_confidence_limits(values, catalogue)
    assert result["geography_code"].tolist() == values["geography_code"].tolist()
    assert result["value"].tolist() == pytest.approx([30.0, 5.0, 48.2, 17.5])
    assert result["lower_ci"].iloc[:2].tolist() == pytest.approx([21.8949, 3.052857], abs=1e-4)
    assert result[["lower_ci", "upper_ci"]].iloc[2:].isna().all().all()


def test_add_confidence_limits_names_an_indicator_missing_from_the_catalogue():
    catalogue = pd.DataFrame({"indicator_id": ["smoking"], "unit": ["percent"]})
    values = pd.DataFrame({"indicator_id": ["smokng"], "numerator": [1], "denominator": [2]})
    with pytest.raises(UnknownIndicatorError) as raised:
        add_confidence_limits(values, catalogue)
    assert raised.value.suggestions == ["smoking"]


def test_confidence_limits_accept_nullable_integers_with_missing_values():
    numerator = pd.Series([30, pd.NA], dtype="Int64")
    denominator = pd.Series([100, 100], dtype="Int64")
    limits = confidence_limits(numerator, denominator, "percent")
    assert limits["value"].iloc[0] == 30.0
    assert limits.iloc[1].isna().all()


def test_limits_published_with_a_value_are_kept_as_published():
    catalogue = pd.DataFrame({"indicator_id": ["life_expectancy", "smoking"], "unit": ["mean", "percent"]})
    values = pd.DataFrame({
        "indicator_id": ["life_expectancy", "smoking", "smoking"],
        "numerator": [np.nan, 20, 20], "denominator": [np.nan, 100, 100],
        "value": [76.3, 20.0, 99.0], "lower_ci": [75.9, np.nan, 1.0], "upper_ci": [76.7, np.nan, 2.0],
    })
    limited = add_confidence_limits(values, catalogue)
    assert limited.loc[0, ["value", "lower_ci", "upper_ci"]].tolist() == [76.3, 75.9, 76.7]
    lower, upper = wilson_interval(20, 100)
    assert limited.loc[1, ["lower_ci", "upper_ci"]].tolist() == pytest.approx([100 * lower, 100 * upper])
    assert limited.loc[2, ["value", "lower_ci", "upper_ci"]].tolist() == [99.0, 1.0, 2.0]
