"""The figures of a locality profile, on the tiny data set, against hand-worked numbers."""

import pandas as pd
import pytest

from pmf_kit.data.dataset import open_dataset
from pmf_kit.data.geography import Area
from pmf_kit.errors import UnknownAreaError, UnknownLevelError
from pmf_kit.profiles.changes import FEWER_ZONES, NO_EARLIER, change
from pmf_kit.profiles.comparisons import comparison_with
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.profiles.theme_tables import table_notes
from pmf_kit.stats.disclosure import SUPPRESSION_SYMBOL
from tests.conftest import PROJECT_ROOT, SAMPLE_DATASET


@pytest.fixture
def south(tiny):
    return LocalityProfile(tiny, "south coast", level="locality", comparator_levels=["council", "scotland"])


def test_comparators_and_peers(south):
    assert south.comparators == [Area("council", "XC0000001", "Tiny Council"),
                                 Area("scotland", "XS0000001", "Scotland")]
    assert south.peers == [Area("locality", "XL0000001", "North & Hills")]


def test_theme_table_values(south):
    table = south.theme_table("Health").set_index("indicator_id")
    assert table.loc["smoking", "Period"] == "2023"
    assert table.loc["smoking", "South Coast"] == "21.9"  # 70 / 320 = 21.875%, rounded half up
    assert "North & Hills" not in table.columns  # peers are ranked beside the table, not in it
    # council 2023: (33 + 70) / (330 + 320) = 15.846%
    assert table.loc["smoking", "Tiny Council"] == "15.8"
    assert table.loc["smoking", "Scotland"] == "15.0"
    assert table.loc["admissions", "Period"] == "2023/24"
    numbers = south.values.set_index(["indicator_id", "geography_code", "period"])
    assert numbers.loc[("smoking", "XL0000002", "2023"), "value"] == pytest.approx(70 / 320 * 100)


def test_asking_for_an_earlier_period(tiny):
    profile = LocalityProfile(tiny, "South Coast", "locality", ["council"], period="2022")
    table = profile.theme_table("Health").set_index("indicator_id")
    assert table.loc["smoking", "South Coast"] == "22.3"  # (33+44+50)/(120+200+250) = 22.28%
    assert table.loc["admissions", "Period"] == "–"  # its only period, 2023/24, starts later


def test_trend_holds_area_and_comparators_in_time_order(south):
    trend = south.trend("smoking")
    assert list(trend["period"]) == ["2022", "2022", "2023", "2023", "2023"]
    first = trend.iloc[0]
    assert first["area_name"] == "South Coast"
    # Wilson 95% limits of 127/570 = 22.28 %: worked with z = 1.959964
    assert first["lower_ci"] == pytest.approx(19.0565, abs=1e-3)
    assert first["upper_ci"] == pytest.approx(25.8760, abs=1e-3)


def test_headline_share_in_most_deprived_quintile(south):
    # XD0000004 (800) and XD0000005 (900) are in quintile 1, XD0000006 (1000) is not.
    assert south.share_in_most_deprived_quintile() == pytest.approx(1700 / 2700 * 100)
    headline = south.headline().set_index("Measure")
    assert headline.loc["Residents (2023)", "South Coast"] == 2700
    assert headline.loc["Residents (2023)", "Tiny Council"] == 4500
    assert list(headline.columns) == ["South Coast", "Tiny Council"]  # Scotland has no data zones here


def test_straddling_ward_is_reported_with_its_share(tiny):
    north = LocalityProfile(tiny, "North & Hills", "locality", ["council"])
    straddling = north.straddling_areas()
    assert list(straddling["Area"]) == ["Middle Ward"]
    assert straddling.iloc[0]["Share of its residents in this area"] == pytest.approx(42.9)  # 600 / 1400
    assert straddling.iloc[0]["Assigned to"] == "South Coast"


def test_datazone_table_most_deprived_first(south):
    table = south.datazone_table()
    assert list(table["Data zone code"]) == ["XD0000004", "XD0000005", "XD0000006"]
    assert list(table["National quintile"]) == [1, 1, 2]


def test_small_count_is_suppressed_and_cannot_be_recovered_from_the_council(tiny_copy):
    values = tiny_copy / "values.csv"
    text = values.read_text(encoding="utf-8")
    for zone, old in (("XD0000001", "10"), ("XD0000002", "20"), ("XD0000003", "3")):
        text = text.replace(f"smoking,{zone},2023,{old},", f"smoking,{zone},2023,1,")
    values.write_text(text, encoding="utf-8")
    profile = LocalityProfile(open_dataset(tiny_copy), "North & Hills", "locality", ["council"])
    table = profile.theme_table("Health").set_index("indicator_id")
    # North & Hills has 1 + 1 + 1 = 3 smokers (< 5): hidden. The council shows 73, so South
    # Coast's 70 would give North away as 73 - 70: South Coast is hidden as well.
    assert table.loc["smoking", "North & Hills"] == SUPPRESSION_SYMBOL
    assert table.loc["smoking", "Tiny Council"] == "11.2"  # 73 / 650
    ranked = profile.ranking("Health")
    assert "South Coast" not in set(ranked.loc[ranked["indicator_id"] == "smoking", "area_name"])
    trend = profile.trend("smoking")
    hidden = trend[(trend["area_name"] == "North & Hills") & (trend["period"] == "2023")].iloc[0]
    assert hidden["value"] != hidden["value"] and hidden["lower_ci"] != hidden["lower_ci"]


def test_unknown_area_and_level(tiny):
    with pytest.raises(UnknownAreaError, match="closest matches: South Coast"):
        LocalityProfile(tiny, "South Coat", "locality")
    with pytest.raises(UnknownLevelError):
        LocalityProfile(tiny, "South Coast", "locality", comparator_levels=["health_board"])


def test_change_only_over_the_same_data_zones(south):
    table = south.theme_table("Health").set_index("indicator_id")
    # 2023 is (30 + 40) / (120 + 200), XD0000006 sending nothing; 2022 is over all three zones:
    # the two are not over the same data zones, so no change is given, and the table says why
    assert table.loc["smoking", "Change in South Coast"] == "–"
    assert change(south, "smoking", "2023").reason == FEWER_ZONES
    assert "Change not shown for Adults who smoke: a figure is built from fewer" in " ".join(
        table_notes(south, ["smoking"]))
    assert table.loc["admissions", "Change in South Coast"] == "–"  # one period only
    assert change(south, "admissions", "2023/24").reason == NO_EARLIER


def test_change_since_the_earliest_period_of_the_same_kind(tiny):
    north = LocalityProfile(tiny, "North & Hills", "locality", ["council"])
    found = change(north, "smoking", "2023")
    # 2023: (10 + 20 + 3) / (100 + 150 + 80); 2022: (12 + 21 + 4) / (100 + 150 + 80)
    assert found.since["period"] == "2022"
    assert found.low == found.high == pytest.approx(100 * 33 / 330 - 100 * 37 / 330)
    assert north.theme_table("Health").set_index("indicator_id").loc["smoking", "Change in North & Hills"] == \
        "−1.2 points since 2022"


def test_an_area_named_like_its_council_is_labelled_by_level_everywhere(tiny_copy):
    lookup = tiny_copy / "lookup.csv"
    lookup.write_text(lookup.read_text().replace("South Coast", "Tiny Council"))
    profile = LocalityProfile(open_dataset(tiny_copy), "Tiny Council", level="locality", comparator_levels=["council"])
    assert [profile.label(area) for area in profile.compared_areas] == [
        "Tiny Council (locality)", "Tiny Council (council area)", "North & Hills"]
    assert list(profile.headline().columns) == ["Measure", "Tiny Council (locality)", "Tiny Council (council area)"]
    table = profile.theme_table("Health")
    assert table.columns.is_unique and "Tiny Council (council area)" in table.columns
    assert set(profile.trend("smoking")["area_name"]) == {"Tiny Council (locality)", "Tiny Council (council area)"}


def test_a_comparators_aggregate_of_another_length_is_shown_beside_without_a_verdict(tiny_copy):
    values = tiny_copy / "values.csv"
    values.write_text(values.read_text() + "".join(
        f"life,{code},{period},,,{value}\n" for code, period, value in (
            ("XL0000002", "2014 to 2018 (5 year aggregate)", 80.0), ("XC0000001", "2015 to 2017 (3 year aggregate)", 81.0))))
    catalogue = tiny_copy / "indicators.csv"
    catalogue.write_text(catalogue.read_text() + "life,Life expectancy,Health,Years,,,years,higher_is_better,Test,"
                                                 "Test team,not_additive,0\n")
    south = LocalityProfile(open_dataset(tiny_copy), "South Coast", "locality", ["council"])
    table = south.theme_table("Health").set_index("indicator_id")
    assert table.loc["life", "Period"] == "5-year aggregate 2014-2018"
    assert table.loc["life", "Tiny Council"] == "81.0†"
    assert table_notes(south, ["life"])[0].startswith("† 3-year aggregate 2015-2017: Tiny Council (Life expectancy)")
    compared = comparison_with(south, south.comparators[0]).set_index("indicator_id").loc["life"]
    assert compared["significance"] == "not comparable" and compared["reason"] == "different periods"


def test_similar_areas_are_a_comparator_pooling_their_counts(tiny):
    """Hillfoot's two nearest intermediate zones are Eastbay and Northtown (test_similar_areas)."""
    profile = LocalityProfile(tiny, "Hillfoot", "intermediate_zone", ["council"], similar_areas=2)
    assert [area.name for area in profile.similar] == ["Eastbay", "Northtown"]
    assert [area.name for area in profile.comparators] == ["Tiny Council", "Similar areas (2)"]
    table = profile.theme_table("Health").set_index("indicator_id")
    # admissions 2023/24: (150 + 40 + 70) / (1000 + 500 + 700) per 1,000. Smoking 2023: Eastbay
    # has no figure, so the pool would be Northtown's (10 + 20) / (100 + 150), which the data
    # set's decision hides (secondary, to protect Hillfoot's 3): the pool is hidden with it
    # pooled 260 / 2200 per 1,000, beside the range of their own figures: Northtown (40 + 70) / (500
    # + 700) = 91.7, Eastbay 150 / 1000 = 150.0
    assert table.loc["admissions", "Similar areas (2)"] == "118.2 (range 91.7 to 150.0)"
    # Hillfoot's 30 / 600 = 50.0 is lower than both, and so is its whole 95% interval (Byar's for 30
    # events: 20.2 to 42.8, so 33.7 to 71.4 per 1,000, below 91.7): significantly better, read
    # against the range, not the pool
    against = comparison_with(profile, profile.similar_group).set_index("indicator_id").loc["admissions"]
    assert against["upper_ci"] < 91.7 and against["significance"] == "better"
    assert against["similar_words"] == "significantly lower than all 2 similar areas (91.7 to 150.0 per 1,000)"
    assert tiny.disclosure.status(["smoking"], ["2023"], ["XI0000001"]).tolist() == ["secondary"]
    assert table.loc["smoking", "Similar areas (2)"] == SUPPRESSION_SYMBOL
    ranked = profile.ranking("Health")
    roles = dict(zip(ranked.loc[ranked["indicator_id"] == "admissions", "area_name"],
                     ranked.loc[ranked["indicator_id"] == "admissions", "role"]))
    assert roles == {"Hillfoot": "this area", "Eastbay": "similar area", "Northtown": "similar area",
                     "Southport": "other intermediate zone", "Tiny Council": "comparator",
                     "Similar areas (2)": "comparator"}


def test_the_similar_areas_figure_is_hidden_where_one_of_theirs_is(tiny_copy):
    values = tiny_copy / "values.csv"
    text = values.read_text(encoding="utf-8")
    for zone, old in (("XD0000001", "10"), ("XD0000002", "20")):
        text = text.replace(f"smoking,{zone},2023,{old},", f"smoking,{zone},2023,1,")
    values.write_text(text, encoding="utf-8")
    profile = LocalityProfile(open_dataset(tiny_copy), "Hillfoot", "intermediate_zone", ["council"], similar_areas=2)
    table = profile.theme_table("Health").set_index("indicator_id")
    assert table.loc["smoking", "Similar areas (2)"] == SUPPRESSION_SYMBOL  # Northtown's 2 smokers are hidden


def test_recent_trend_is_not_calculated_for_too_few_years_or_a_count(south):
    table = south.theme_table("Health").set_index("indicator_id")
    assert table.loc["smoking", "Recent trend"] == "not calculated"  # two years, not five
    assert south.trend_words("births") == "not calculated"



def test_a_custom_area_has_no_similar_areas():
    """The analyst's own areas are drawn by hand, not a set of like areas to choose from."""
    sample = open_dataset(SAMPLE_DATASET, custom_areas=PROJECT_ROOT / "parameters" / "custom" / "areas.yaml")
    custom = LocalityProfile(sample, "Coast and islands", "custom", ["council"], similar_areas=5)
    assert custom.similar == [] and custom.similar_group is None
    assert [area.name for area in custom.comparators] == ["Sample Council"]
    assert len(LocalityProfile(sample, "Auchterlinn", "locality", ["council"], similar_areas=5).similar) == 5
