"""The spine view on the tiny data set: significance and % difference worked by hand."""

import pytest

from pmf_kit.data.dataset import open_dataset
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.profiles.spine import comparison_with, spine_table


@pytest.fixture
def south(tiny):
    return LocalityProfile(tiny, "South Coast", "locality", ["council", "scotland"])


def test_significantly_worse_than_the_council(south):
    compared = comparison_with(south, south.comparators[0]).set_index("indicator_id")
    smoking = compared.loc["smoking"]
    # South Coast 2023: 70/320 = 21.875 %, Wilson 95% 17.69 to 26.72; council 103/650 = 15.846 %
    # lies below the interval, so South Coast is higher; lower is better, so it is worse.
    assert smoking["comparator_value"] == pytest.approx(103 / 650 * 100)
    assert smoking["difference_percent"] == pytest.approx((21.875 / (103 / 650 * 100) - 1) * 100)
    assert smoking["significance"] == "worse"


def test_no_interval_or_no_comparator_is_not_comparable(south):
    compared = comparison_with(south, south.comparators[1]).set_index("indicator_id")
    assert compared.loc["admissions", "significance"] == "not comparable"  # Scotland has no 2023/24 figure
    assert compared.loc["wellbeing", "significance"] == "not comparable"  # a score has no interval


def test_a_count_is_not_compared_with_an_area_of_another_size(tiny_copy):
    values = tiny_copy / "values.csv"
    values.write_text(values.read_text(encoding="utf-8").replace("births,XD0000005,2023,,,", "births,XD0000005,2023,8,,"),
                      encoding="utf-8")
    south = LocalityProfile(open_dataset(tiny_copy), "South Coast", "locality", ["council"])
    births = comparison_with(south, south.comparators[0]).set_index("indicator_id").loc["births"]
    # South Coast 9 + 8 + 12 = 29 births against the council's 46: fewer, but not a lower rate
    assert (births["value"], births["comparator_value"]) == (29, 46)
    assert births[["lower_ci", "upper_ci", "difference_percent"]].isna().all()
    assert births["significance"] == "not comparable"


def test_spine_table_has_a_column_pair_per_comparator(south):
    table = spine_table(south)
    assert list(table.columns) == ["Indicator", "Period", "South Coast", "Tiny Council",
                                   "Compared with Tiny Council", "Scotland", "Compared with Scotland"]


def test_a_published_value_is_compared_with_its_published_limits_and_without_them_not_at_all(tiny_copy):
    path = tiny_copy / "values.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",lower_ci,upper_ci"] + [line + ",," for line in lines[1:]]
    lines = [line.replace("wellbeing,XL0000002,2023,,,47.25,,", "wellbeing,XL0000002,2023,,,47.25,45.0,49.5")
             for line in lines] + ["wellbeing,XS0000001,2023,,,50.1,,"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dataset = open_dataset(tiny_copy)
    south = LocalityProfile(dataset, "South Coast", "locality", ["scotland"])
    north = LocalityProfile(dataset, "North & Hills", "locality", ["scotland"])
    # South Coast 47.25 published with 45.0 to 49.5; Scotland's 50.1 lies above, and higher is better
    wellbeing = comparison_with(south, south.comparators[0]).set_index("indicator_id").loc["wellbeing"]
    assert wellbeing[["value", "lower_ci", "upper_ci"]].tolist() == [47.25, 45.0, 49.5]
    assert wellbeing["significance"] == "worse"
    assert south.trend("wellbeing").query("area_name == 'South Coast'")[["lower_ci", "upper_ci"]].values.tolist() == [[45.0, 49.5]]
    # North & Hills 49.5 is published without limits: shown, but never compared as if it were exact
    north_wellbeing = comparison_with(north, north.comparators[0]).set_index("indicator_id").loc["wellbeing"]
    assert north_wellbeing["value"] == 49.5
    assert north_wellbeing["significance"] == "not comparable"
