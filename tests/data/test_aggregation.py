"""Aggregation sums numerators and denominators; the expected figures are worked by hand from
tests/fixtures/tiny_dataset/values.csv."""

import pandas as pd
import pytest

from pmf_kit.data.aggregation import aggregate
from pmf_kit.data.dataset import open_dataset


def row(frame, code, indicator, period):
    selected = frame[(frame["geography_code"] == code) & (frame["indicator_id"] == indicator)
                     & (frame["period"] == period)]
    assert len(selected) == 1
    return selected.iloc[0]


def test_percentage_is_summed_numerators_over_summed_denominators(tiny):
    localities = tiny.aggregate("locality")
    north = row(localities, "XL0000001", "smoking", "2023")
    # (10 + 20 + 3) / (100 + 150 + 80) = 33 / 330 = 10 %; the mean of the three percentages
    # (10, 13.33, 3.75) would be 9.03 %.
    assert north["numerator"] == 33
    assert north["denominator"] == 330
    assert north["value"] == pytest.approx(10.0)


def test_missing_data_zone_is_left_out_and_coverage_reported(tiny):
    south = row(tiny.aggregate("locality"), "XL0000002", "smoking", "2023")
    # XD0000006 is blank in 2023: (30 + 40) / (120 + 200) = 70 / 320 = 21.875 %, 2 of 3 zones.
    assert south["value"] == pytest.approx(21.875)
    assert south["datazones_reporting"] == 2
    assert south["datazones_expected"] == 3


def test_rate_per_1000_for_the_council(tiny):
    council = row(tiny.aggregate("council"), "XC0000001", "admissions", "2023/24")
    # (40 + 70 + 30 + 100 + 90 + 150) / (500 + 700 + 600 + 800 + 900 + 1000) * 1000 = 480 / 4500 * 1000
    assert council["numerator"] == 480
    assert council["value"] == pytest.approx(480 / 4500 * 1000)


def test_count_with_a_missing_zone_is_blank_not_understated(tiny):
    localities = tiny.aggregate("locality")
    assert row(localities, "XL0000001", "births", "2023")["value"] == 17  # 4 + 7 + 6
    south = row(localities, "XL0000002", "births", "2023")
    assert south["value"] != south["value"]  # NaN: XD0000005 is missing


def test_not_additive_indicator_is_only_published_values(tiny):
    localities = tiny.aggregate("locality", indicators="wellbeing")
    assert list(localities["value"]) == [49.5, 47.25]
    assert set(localities["source"]) == {"published"}
    assert tiny.aggregate("council", indicators="wellbeing").empty


def test_straddling_ward_is_summed_from_its_own_zones(tiny):
    middle = row(tiny.aggregate("ward"), "XW0000002", "smoking", "2022")
    # Middle Ward = XD0000003 + XD0000004: (4 + 33) / (80 + 120) = 18.5 %
    assert middle["value"] == pytest.approx(18.5)


def test_comparator_values_are_published_as_they_are(tiny):
    scotland = tiny.aggregate("scotland")
    assert list(scotland["geography_name"]) == ["Scotland"]
    assert scotland.iloc[0]["value"] == pytest.approx(15.0)  # 600 / 4000


def test_periods_filter_accepts_any_spelling(tiny):
    council = tiny.aggregate("council", indicators=["admissions"], periods=["2023-24"])
    assert list(council["period"]) == ["2023/24"]


def test_published_value_without_numerator_is_weighted_by_its_denominator():
    """Travel times: 4 minutes for 500 residents and 10 minutes for 1,500 give
    (4 × 500 + 10 × 1,500) / 2,000 = 8.5 minutes."""
    catalogue = pd.DataFrame({"indicator_id": ["drive"], "unit": ["minutes"],
                              "aggregation": ["population_weighted"]}).set_index("indicator_id", drop=False)
    values = pd.DataFrame({"indicator_id": "drive", "geography_code": ["D1", "D2", "D3"], "period": "2020",
                           "numerator": float("nan"), "denominator": [500.0, 1500.0, float("nan")],
                           "value": [4.0, 10.0, 99.0]})
    membership = pd.DataFrame({"datazone_code": ["D1", "D2", "D3"], "code": "A", "name": "Area"})
    built = aggregate(values, membership, catalogue, "area").iloc[0]
    assert built["value"] == pytest.approx(8.5)
    assert (built["datazones_reporting"], built["datazones_expected"]) == (2, 3)


def test_an_areas_release_is_its_zones_one_release_or_each_named_once_in_order(tiny_copy):
    """Northtown's two zones from two releases name both, sorted, once each; Southport's zones
    from one release name it; a blank release adds nothing."""
    values = tiny_copy / "values.csv"
    lines = values.read_text(encoding="utf-8").splitlines()
    releases = {"smoking,XD0000001,2023": "Survey wave B", "smoking,XD0000002,2023": "Survey wave A",
                "smoking,XD0000003,2023": "Survey wave A", "smoking,XD0000004,2023": "Survey wave A",
                "smoking,XD0000005,2023": ""}
    lines = [lines[0] + ",release"] + [line + "," + next((release for key, release in releases.items()
                                                          if line.startswith(key)), "") for line in lines[1:]]
    values.write_text("\n".join(lines) + "\n", encoding="utf-8")
    zones = open_dataset(tiny_copy).aggregate("intermediate_zone")
    assert row(zones, "XI0000001", "smoking", "2023")["release"] == "Survey wave A; Survey wave B"
    assert row(zones, "XI0000003", "smoking", "2023")["release"] == "Survey wave A"
    assert row(zones, "XI0000002", "smoking", "2023")["release"] == "Survey wave A"
    assert row(zones, "XI0000001", "smoking", "2022")["release"] == ""
