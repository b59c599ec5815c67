"""The spine view on the tiny data set: significance and % difference worked by hand."""

import pytest

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


def test_spine_table_has_a_column_pair_per_comparator(south):
    table = spine_table(south)
    assert list(table.columns) == ["Indicator", "Period", "South Coast", "Tiny Council",
                                   "Compared with Tiny Council", "Scotland", "Compared with Scotland"]
