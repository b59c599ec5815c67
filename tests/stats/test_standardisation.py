"""European Standard Population 2013 rates and Dobson limits against hand-worked values."""

import math

import numpy as np
import pandas as pd
import pytest

from pmf_kit.stats import (
    ESP2013_AGE_BANDS,
    EUROPEAN_STANDARD_POPULATION_2013,
    age_standardised_rate,
)


def bands(numerators, denominator=1000.0, **ids) -> pd.DataFrame:
    return pd.DataFrame(
        {**ids, "age_band": ESP2013_AGE_BANDS, "numerator": numerators, "denominator": denominator}
    )


def test_the_standard_population_has_19_bands_summing_to_100000():
    assert len(EUROPEAN_STANDARD_POPULATION_2013) == 19
    assert EUROPEAN_STANDARD_POPULATION_2013.sum() == 100000
    assert EUROPEAN_STANDARD_POPULATION_2013["0-4"] == 5000
    assert EUROPEAN_STANDARD_POPULATION_2013["90+"] == 1000


def test_dsr_and_dobson_limits_for_events_in_the_two_oldest_bands():
    # Population 1000 in every band; 30 events at 85-89 (w = 1500), 20 at 90+ (w = 1000).
    # DSR = 100000 x (1500 x 30/1000 + 1000 x 20/1000) / 100000 = 45 + 20 = 65.0
    # var = 100000^2 x (1500^2 x 30/1000^2 + 1000^2 x 20/1000^2) / 100000^2 = 67.5 + 20 = 87.5
    # O = 50; Byar: O_L = 50 (1 - 1/450 - z/(3 sqrt 50))^3 = 50 (1 - 0.0022222 - 0.0923936)^3
    #                   = 50 x 0.9053842^3 = 50 x 0.7421620 = 37.108100
    #               O_U = 51 (1 - 1/459 + z/(3 sqrt 51))^3 = 51 (1 - 0.0021786 + 0.0914833)^3
    #                   = 51 x 1.0893046^3 = 51 x 1.2925521 = 65.920157
    # sqrt(var / O) = sqrt(87.5 / 50) = sqrt(1.75) = 1.3228757
    # lower = 65 + 1.3228757 x (37.108100 - 50) = 65 - 17.054382 = 47.945618
    # upper = 65 + 1.3228757 x (65.920157 - 50) = 65 + 21.060385 = 86.060385
    result = age_standardised_rate(bands([0] * 17 + [30, 20], geography_code="S12"))
    assert result.columns.tolist() == [
        "geography_code", "numerator", "denominator", "value", "lower_ci", "upper_ci"
    ]
    row = result.iloc[0]
    assert (row["numerator"], row["denominator"]) == (50, 19000)
    assert row["value"] == pytest.approx(65.0)
    assert row["lower_ci"] == pytest.approx(47.945618, abs=1e-5)
    assert row["upper_ci"] == pytest.approx(86.060385, abs=1e-5)


def test_equal_rates_in_every_band_give_that_rate_whatever_the_weights():
    # 2 per 1000 in every band: DSR = 100000 x sum(w x 0.002) / 100000 = 200 per 100,000
    result = age_standardised_rate(bands([2] * 19), multiplier=100000)
    assert result["value"].iloc[0] == pytest.approx(200.0)
    # var = 100000^2 x sum(w^2 x 2 / 1000^2) / 100000^2 = 585,000,000 x 2e-6 = 1170
    # O = 38, so the limits are 200 + sqrt(1170 / 38) (O_L - 38) with Byar's O_L
    assert (EUROPEAN_STANDARD_POPULATION_2013**2).sum() == 585_000_000
    lower_count = 38 * (1 - 1 / 342 - 1.959964 / (3 * math.sqrt(38))) ** 3
    assert result["lower_ci"].iloc[0] == pytest.approx(
        200 + math.sqrt(1170 / 38) * (lower_count - 38), abs=1e-4
    )


def test_rates_are_grouped_by_the_id_columns_and_rows_of_a_band_summed():
    # female + male rows of one band add up before standardising
    area = bands([1] * 19, denominator=500.0, geography_code="A")
    persons = pd.concat([area.assign(sex="female"), area.assign(sex="male")])
    other = bands([4] * 19, geography_code="B").assign(sex="female")
    result = age_standardised_rate(pd.concat([persons, other]), by=["geography_code"])
    assert result["geography_code"].tolist() == ["A", "B"]
    # A: 2 per 1000 in every band -> 200; B: 4 per 1000 -> 400
    assert result["value"].tolist() == pytest.approx([200.0, 400.0])
    assert result["numerator"].tolist() == [38, 76]


def test_fewer_than_10_events_in_total_are_not_standardised():
    # 9 events: below the Fingertips minimum of 10
    result = age_standardised_rate(bands([0] * 18 + [9]))
    assert result[["value", "lower_ci", "upper_ci"]].isna().all().all()
    assert result["numerator"].iloc[0] == 9


def test_a_missing_band_or_a_zero_population_gives_nan():
    missing_band = bands([2] * 19).iloc[:-1]
    zero_population = bands([2] * 19).assign(denominator=[1000.0] * 18 + [0.0])
    blank_count = bands([2.0] * 18 + [np.nan])
    for frame in (missing_band, zero_population, blank_count):
        assert age_standardised_rate(frame)[["value", "lower_ci", "upper_ci"]].isna().all().all()


def test_an_unknown_age_band_is_refused():
    frame = bands([2] * 19).replace({"age_band": {"90+": "90-94"}})
    with pytest.raises(ValueError, match="90-94"):
        age_standardised_rate(frame)
