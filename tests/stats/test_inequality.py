"""Deprivation profile, SII/RII, attributable risk and ranges, with the regression worked by hand."""

import numpy as np
import pandas as pd
import pytest

from pmf_kit.stats import (
    absolute_range,
    deprivation_profile,
    population_attributable_risk,
    relative_range,
    slope_index_of_inequality,
)


def data_zones(quintiles, numerators, denominators) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": "admissions",
            "period": "2023/24",
            "datazone_code": [f"S01{row:06d}" for row in range(len(quintiles))],
            "simd_quintile": quintiles,
            "numerator": numerators,
            "denominator": denominators,
        }
    )


# Quintile populations 1000, 2000, 3000, 2000, 2000 (quintile 5 split over two data zones of
# 1000) and events 50, 80, 90, 50, 20 + 20: rates per 1000 of 50, 40, 30, 25, 20.
WORKED = data_zones([1, 2, 3, 4, 5, 5], [50, 80, 90, 50, 20, 20], [1000, 2000, 3000, 2000, 1000, 1000])


def worked_profile() -> pd.DataFrame:
    return deprivation_profile(WORKED, "simd_quintile", "national_quintile", "rate_per_1000")


def test_deprivation_profile_sums_by_quintile_and_keeps_the_quantile_type():
    profile = worked_profile()
    assert profile.columns.tolist() == [
        "indicator_id", "period", "quantile_type", "quantile", "numerator", "denominator", "value"
    ]
    assert profile["quantile_type"].unique().tolist() == ["national_quintile"]
    assert profile["numerator"].tolist() == [50, 80, 90, 50, 40]
    assert profile["denominator"].tolist() == [1000, 2000, 3000, 2000, 2000]
    assert profile["value"].tolist() == pytest.approx([50, 40, 30, 25, 20])


def test_slope_index_of_inequality_worked_by_hand():
    # Population shares p = 0.1, 0.2, 0.3, 0.2, 0.2; cumulative 0.1, 0.3, 0.6, 0.8, 1.0
    # mid-point ranks x = 0.05, 0.2, 0.45, 0.7, 0.9 (0 = most deprived end)
    # weighted means: x_w = 0.005 + 0.04 + 0.135 + 0.14 + 0.18 = 0.5
    #                 y_w = 5 + 8 + 9 + 5 + 4 = 31 (the overall rate: 310 / 10000 x 1000)
    # x - x_w = -0.45, -0.3, -0.05, 0.2, 0.4;  y - y_w = 19, 9, -1, -6, -11
    # sum p (x - x_w)(y - y_w) = -0.855 - 0.54 + 0.015 - 0.24 - 0.88 = -2.5
    # sum p (x - x_w)^2 = 0.02025 + 0.018 + 0.00075 + 0.008 + 0.032 = 0.079
    # b = -2.5 / 0.079 = -31.645570, so SII = +31.645570 (higher in the most deprived)
    # RII = 31.645570 / 31 = 1.020825
    # fitted = 31 + b (x - 0.5) = 45.240506, 40.493671, 32.582278, 24.670886, 18.341772
    # residuals e = 4.759494, -0.493671, -2.582278, 0.329114, 1.658228
    # sum n e^2 = 22652.78 + 487.42 + 20004.49 + 216.63 + 5499.44 = 48860.76
    # s^2 = 48860.76 / (5 - 2) = 16286.92; sum n (x - x_w)^2 = 10000 x 0.079 = 790
    # SE(b) = sqrt(16286.92 / 790) = sqrt(20.616354) = 4.540524
    # t(0.975, 3 df) = 3.182446; margin = 3.182446 x 4.540524 = 14.449972
    # SII limits 31.645570 -/+ 14.449972 = 17.195597, 46.095542
    # RII limits / 31 = 0.554697, 1.486953
    result = slope_index_of_inequality(worked_profile())
    assert result.columns.tolist() == [
        "indicator_id", "period", "quantile_type",
        "sii", "sii_lower_ci", "sii_upper_ci", "rii", "rii_lower_ci", "rii_upper_ci", "note",
    ]
    row = result.iloc[0]
    assert row["note"] == ""
    assert row[["sii", "sii_lower_ci", "sii_upper_ci"]].tolist() == pytest.approx(
        [31.645570, 17.195597, 46.095542], abs=1e-5
    )
    assert row[["rii", "rii_lower_ci", "rii_upper_ci"]].tolist() == pytest.approx(
        [1.020825, 0.554697, 1.486953], abs=1e-5
    )


def test_a_gradient_favouring_the_most_deprived_gives_a_negative_sii():
    reversed_rates = data_zones([1, 2, 3, 4, 5], [20, 25, 30, 40, 50], [1000] * 5)
    profile = deprivation_profile(reversed_rates, "simd_quintile", "local_quintile", "rate_per_1000")
    assert slope_index_of_inequality(profile)["sii"].iloc[0] < 0


def test_a_missing_quintile_means_sii_not_calculated():
    without_quintile_3 = WORKED[WORKED["simd_quintile"] != 3]
    profile = deprivation_profile(without_quintile_3, "simd_quintile", "local_quintile", "rate_per_1000")
    assert profile["quantile"].tolist() == [1, 2, 3, 4, 5]
    assert np.isnan(profile["denominator"].iloc[2])
    result = slope_index_of_inequality(profile).iloc[0]
    assert result["note"] == "not calculated: no value or no population in quantile 3"
    assert np.isnan(result[["sii", "sii_lower_ci", "rii", "rii_upper_ci"]].astype(float)).all()
    assert np.isnan(population_attributable_risk(profile)["par"].iloc[0])


def test_a_quintile_with_zero_population_means_sii_not_calculated():
    zero_population = WORKED.assign(
        numerator=[50, 80, 0, 50, 20, 20], denominator=[1000, 2000, 0, 2000, 1000, 1000]
    )
    profile = deprivation_profile(
        zero_population, "simd_quintile", "national_quintile", "rate_per_1000"
    )
    assert slope_index_of_inequality(profile)["note"].iloc[0].endswith("quantile 3")


def test_deciles_need_all_ten():
    profile = deprivation_profile(
        WORKED.rename(columns={"simd_quintile": "simd_decile"}), "simd_decile", "national_decile",
        "rate_per_1000",
    )
    assert len(profile) == 10
    assert slope_index_of_inequality(profile)["note"].iloc[0].endswith("quantile 6, 7, 8, 9, 10")


def test_profiles_are_kept_apart_by_indicator_and_period():
    later = WORKED.assign(period="2024/25", numerator=[20, 40, 60, 40, 20, 20])
    profile = deprivation_profile(
        pd.concat([WORKED, later]), "simd_quintile", "national_quintile", "rate_per_1000"
    )
    result = slope_index_of_inequality(profile)
    assert result["period"].tolist() == ["2023/24", "2024/25"]
    assert result["sii"].iloc[0] == pytest.approx(31.645570, abs=1e-5)


def test_population_attributable_risk():
    # overall 31 per 1000, least deprived 20: PAR = 31 - 20 = 11, 100 x 11 / 31 = 35.483871%
    result = population_attributable_risk(worked_profile()).iloc[0]
    assert result[["overall_value", "least_deprived_value", "par", "par_percent"]].tolist() == (
        pytest.approx([31.0, 20.0, 11.0, 35.483871], abs=1e-6)
    )


def test_absolute_and_relative_range():
    # most deprived 50, least deprived 20 per 1000: 50 - 20 = 30; 50 / 20 = 2.5
    assert absolute_range(worked_profile())["absolute_range"].iloc[0] == 30
    assert relative_range(worked_profile())["relative_range"].iloc[0] == 2.5


def test_relative_range_with_nothing_in_the_least_deprived_is_nan():
    none_least = data_zones([1, 2, 3, 4, 5], [5, 4, 3, 2, 0], [1000] * 5)
    profile = deprivation_profile(none_least, "simd_quintile", "national_quintile", "percent")
    assert np.isnan(relative_range(profile)["relative_range"].iloc[0])
    assert absolute_range(profile)["absolute_range"].iloc[0] == pytest.approx(0.5)


def test_deprivation_profile_refuses_a_quantile_outside_its_type():
    with pytest.raises(ValueError, match="1..5"):
        deprivation_profile(data_zones([6], [1], [10]), "simd_quintile", "local_quintile", "percent")
    with pytest.raises(ValueError, match="quantile type"):
        deprivation_profile(WORKED, "simd_quintile", "quintile", "percent")


def test_an_empty_profile_gives_empty_results_with_their_columns():
    profile = worked_profile().iloc[:0]
    assert slope_index_of_inequality(profile).columns.tolist()[-2:] == ["rii_upper_ci", "note"]
    assert population_attributable_risk(profile).columns.tolist()[-2:] == ["par", "par_percent"]
    assert len(absolute_range(profile)) == 0
