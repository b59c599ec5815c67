"""Spend against need: spend per head and unit costs worked by hand on the tiny data set, the
concentration index against a hand-worked value, and the checks on spend.csv."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmf_kit.data.dataset import open_dataset
from pmf_kit.data.spend import (
    ALL_SERVICES,
    concentration_index,
    concentration_reading,
    has_spend,
    spend_by_simd_decile,
    spend_concentration,
    spend_per_head,
)
from pmf_kit.errors import DataFileError, PmfKitError
from tests.conftest import SAMPLE_DATASET

# Tiny data set: residents 500, 700, 600 (North & Hills) and 800, 900, 1000 (South Coast).
RESIDENTS = {"XD0000001": 500, "XD0000002": 700, "XD0000003": 600,
             "XD0000004": 800, "XD0000005": 900, "XD0000006": 1000}
SPEND_CSV = """\
datazone_code,period,service_line,spend_gbp,service_users
XD0000001,2023/24,Home care,1000,3
XD0000002,2023/24,Home care,2000,7
XD0000003,2023/24,Home care,600,5
XD0000004,2023/24,Home care,4000,10
XD0000005,2023/24,Home care,1800,6
XD0000006,2023/24,Home care,2000,8
XD0000001,2023/24,Parks,100,
XD0000002,2023/24,Parks,140,
XD0000003,2023/24,Parks,120,
XD0000004,2023/24,Parks,160,
XD0000005,2023/24,Parks,180,
XD0000006,2023/24,Parks,200,
XD0000001,2022/23,Home care,900,8
"""


@pytest.fixture
def tiny_spend(tiny_copy):
    """The tiny data set with residents in 2023 and a small spend.csv."""
    rows = ["datazone_code,period,sex,age_band,population"]
    rows += [f"{code},2023,persons,40-44,{people}" for code, people in RESIDENTS.items()]
    (tiny_copy / "population.csv").write_text("\n".join(rows) + "\n")
    (tiny_copy / "spend.csv").write_text(SPEND_CSV)
    return open_dataset(tiny_copy)


def test_concentration_index_matches_the_hand_worked_value():
    # Most deprived first: residents 100, 200, 100; spend 300, 200, 100.
    # p = .25, .75, 1; L = .5, .8333, 1.
    # C = (0 x .5 - .25 x 0) + (.25 x .8333 - .75 x .5) + (.75 x 1 - 1 x .8333)
    #   = 0 - .16667 - .08333 = -0.25
    groups = pd.DataFrame({"simd_rank": [3, 1, 2], "residents": [100, 100, 200], "spend_gbp": [100, 300, 200]})
    assert concentration_index(groups) == pytest.approx(-0.25)


def test_concentration_index_equals_twice_the_covariance_with_fractional_rank_over_the_mean():
    rng = np.random.default_rng(7)
    groups = pd.DataFrame({"simd_rank": np.arange(1, 41), "residents": rng.integers(500, 1000, 40),
                           "spend_gbp": rng.gamma(2.0, 50_000, 40)})
    weights = groups["residents"] / groups["residents"].sum()
    fractional_rank = weights.cumsum() - weights / 2
    per_head = groups["spend_gbp"] / groups["residents"]
    mean = (weights * per_head).sum()
    covariance = (weights * (per_head - mean) * (fractional_rank - (weights * fractional_rank).sum())).sum()
    assert concentration_index(groups) == pytest.approx(2 * covariance / mean)


def test_concentration_index_sign_and_limits():
    equal = pd.DataFrame({"simd_rank": [1, 2, 3], "residents": [100, 300, 50], "spend_gbp": [200, 600, 100]})
    assert concentration_index(equal) == pytest.approx(0.0)
    least_deprived_only = equal.assign(spend_gbp=[0, 0, 100])
    assert concentration_index(least_deprived_only) > 0
    assert concentration_index(equal.assign(spend_gbp=0)) != concentration_index(equal.assign(spend_gbp=0))
    assert concentration_reading(-0.3) == "concentrated in more deprived data zones"
    assert concentration_reading(0.01) == "spread evenly by deprivation"


def test_spend_per_head_and_unit_cost_worked_by_hand(tiny_spend):
    table = spend_per_head(tiny_spend, "locality")
    north = table[(table["area_name"] == "North & Hills")].set_index("service_line")
    # Home care: spend 1000 + 2000 + 600 = 3600; residents 1800; users 3 + 7 + 5 = 15.
    assert north.loc["Home care", "spend_gbp"] == 3600
    assert north.loc["Home care", "residents"] == 1800
    assert north.loc["Home care", "spend_per_head_gbp"] == pytest.approx(2.0)
    assert north.loc["Home care", "unit_cost_gbp"] == pytest.approx(240.0)
    # Parks record no activity: no users, no unit cost.
    assert pd.isna(north.loc["Parks", "service_users"]) and pd.isna(north.loc["Parks", "unit_cost_gbp"])
    assert north.loc[ALL_SERVICES, "spend_gbp"] == 3600 + 360
    assert set(table["period"]) == {"2023/24"}
    assert list(table.columns[:3]) == ["area_level", "area_code", "area_name"]


def test_small_service_user_counts_are_suppressed_with_their_unit_cost(tiny_spend):
    table = spend_per_head(tiny_spend, "datazone", within=tiny_spend.find_area("North & Hills", "locality"))
    home_care = table[table["service_line"] == "Home care"].set_index("area_code")
    assert home_care.loc["XD0000001", "suppressed"] == "primary"
    assert pd.isna(home_care.loc["XD0000001", ["service_users", "unit_cost_gbp"]]).all()
    # 3 hidden, and its intermediate zone and ward (both XD0000001 + XD0000002 = 10) public: the
    # other data zone of both (7) is hidden with it, so only their sum shows.
    assert home_care.loc["XD0000002", "suppressed"] == "secondary"
    assert home_care.loc["XD0000003", "suppressed"] == "" and home_care.loc["XD0000003", "service_users"] == 5
    # Spend is about users x unit cost, so it goes too, and with it the data zone's total.
    assert pd.isna(home_care.loc["XD0000001", ["spend_gbp", "spend_per_head_gbp"]]).all()
    totals = table[table["service_line"] == ALL_SERVICES].set_index("area_code")
    assert totals.loc["XD0000001", "suppressed"] == "secondary" and pd.isna(totals.loc["XD0000001", "spend_gbp"])
    assert totals.loc["XD0000003", "suppressed"] == "" and totals.loc["XD0000003", "spend_gbp"] == 600 + 120
    parks = table[table["service_line"] == "Parks"].set_index("area_code")
    assert parks.loc["XD0000001", "spend_gbp"] == 100


def test_spend_of_an_earlier_period_and_of_every_period(tiny_spend):
    earlier = spend_per_head(tiny_spend, "council", period="2022/23")
    assert earlier.loc[earlier["service_line"] == "Home care", "spend_gbp"].item() == 900
    assert set(spend_per_head(tiny_spend, "council", period="all")["period"]) == {"2022/23", "2023/24"}
    with pytest.raises(PmfKitError, match="no spend for period '2019/20'"):
        spend_per_head(tiny_spend, "council", period="2019/20")
    only_parks = spend_per_head(tiny_spend, "council", service_lines=["Parks"])
    assert list(only_parks["service_line"]) == ["Parks"]
    with pytest.raises(PmfKitError, match="unknown service line 'Libraries'"):
        spend_per_head(tiny_spend, "council", service_lines=["Libraries"])


def test_spend_by_simd_decile_worked_by_hand(tiny_spend):
    deciles = spend_by_simd_decile(tiny_spend).set_index("simd_decile")
    assert list(deciles.index) == list(range(1, 11))
    # Decile 1 is XD0000004: spend 4000 + 160, residents 800.
    assert deciles.loc[1, "spend_gbp"] == 4160
    assert deciles.loc[1, "spend_per_head_gbp"] == pytest.approx(5.2)
    assert deciles.loc[4, "datazones"] == 0 and pd.isna(deciles.loc[4, "spend_per_head_gbp"])
    # Deciles 8 and 10 (XD0000001, XD0000002) are hidden: see the next test.
    assert deciles["share_of_spend_percent"].sum() == pytest.approx(100 * (1 - (1100 + 2140) / 12300))


def test_a_decile_whose_spend_would_reveal_few_service_users_is_hidden(tiny_spend):
    deciles = spend_by_simd_decile(tiny_spend).set_index("simd_decile")
    # Decile 8 is XD0000001 alone, with 3 home care users; decile 10 is XD0000002, hidden with it
    # by the data set's decision (the two share every published area), so decile 8 cannot be
    # worked out from the council's total.
    assert deciles.loc[8, "suppressed"] == "primary" and pd.isna(deciles.loc[8, "spend_gbp"])
    assert deciles.loc[10, "suppressed"] == "secondary" and pd.isna(deciles.loc[10, "spend_per_head_gbp"])
    assert (deciles.drop(index=[8, 10])["suppressed"] == "").all()


def test_spend_concentration_per_service_line(tiny_spend):
    concentration = spend_concentration(tiny_spend, "South Coast", "locality").set_index("service_line")
    # South Coast by SIMD rank: XD4 (800 residents, 4000), XD5 (900, 1800), XD6 (1000, 2000).
    p = np.array([0, 800, 1700, 2700]) / 2700
    spend = np.array([0, 4000, 5800, 7800]) / 7800
    expected = sum(p[t - 1] * spend[t] - p[t] * spend[t - 1] for t in range(1, 4))
    assert concentration.loc["Home care", "concentration_index"] == pytest.approx(expected)
    assert concentration.loc["Home care", "concentration_index"] < 0
    assert concentration.loc["Home care", "datazones"] == 3


def test_spend_file_errors_name_the_row_and_column(tiny_copy):
    (tiny_copy / "spend.csv").write_text(SPEND_CSV.replace("XD0000003,2023/24,Home care", "XD0000099,2023/24,Home care"))
    with pytest.raises(DataFileError) as error:
        open_dataset(tiny_copy)
    assert (error.value.row, error.value.column) == (4, "datazone_code")
    (tiny_copy / "spend.csv").write_text(SPEND_CSV.replace("1800,6", "-1800,6"))
    with pytest.raises(DataFileError, match="row 6, column 'spend_gbp': expected an amount in pounds of 0 or more, "
                                            "found -1800.0$"):
        open_dataset(tiny_copy)
    (tiny_copy / "spend.csv").write_text(SPEND_CSV.replace("2022/23", "2022/25"))
    with pytest.raises(DataFileError, match="row 14, column 'period'"):
        open_dataset(tiny_copy)


def test_a_data_set_without_spend_says_so(tiny):
    assert not has_spend(tiny)
    with pytest.raises(DataFileError, match="spend.csv"):
        _ = tiny.spend


def test_sample_spend_adds_up_and_employability_is_concentrated_in_deprived_data_zones():
    sample = open_dataset(SAMPLE_DATASET)
    localities = spend_per_head(sample, "locality")
    council = spend_per_head(sample, "council")
    for line in council["service_line"]:
        assert localities.loc[localities["service_line"] == line, "spend_gbp"].sum() == pytest.approx(
            council.loc[council["service_line"] == line, "spend_gbp"].item())
    concentration = spend_concentration(sample).set_index("service_line")["concentration_index"]
    assert concentration["Employability support"] < -0.1
    assert concentration["Parks and open spaces"] > 0
