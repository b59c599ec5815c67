"""Integration: what a real profile tells its reader is true, checked against the raw files for
councils and localities of the all-Scotland import (issue 21): population labelled with the year
it describes and one residents figure per area and year, every life-expectancy verdict like for
like, no interval on a whole-zone share, crime as a range with SG's suppressed zones kept, and no
change across a method change."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from pmf_kit.cli import cli
from pmf_kit.data.dataset import open_dataset
from pmf_kit.profiles.changes import change
from pmf_kit.profiles.comparisons import comparison_with
from pmf_kit.profiles.key_points import key_points
from pmf_kit.profiles.profile import LocalityProfile
from tests.conftest import REAL_DATA

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not REAL_DATA.is_dir(), reason=f"real published data not found at {REAL_DATA}"),
]

LOCALITIES = ["Greenock East", "Moray East", "Southern", "Inverness", "Bute", "Clackmannanshire"]
"""HSCP localities (and an intermediate zone, Greenock East, of a council without localities)."""
COUNCILS = ["Glasgow City", "Moray", "Highland", "East Ayrshire", "Orkney Islands"]


@pytest.fixture(scope="module")
def scotland(tmp_path_factory):
    work = tmp_path_factory.mktemp("true-figures")
    imported = CliRunner().invoke(cli, ["import", "scotland-2011", "--source", str(REAL_DATA),
                                        "--out", str(work / "scotland")], catch_exceptions=False)
    assert imported.exit_code == 0, imported.output
    return open_dataset(work / "scotland")


@pytest.fixture(scope="module")
def workbooks():
    """Both SIMD workbooks' Data sheets, with each data zone's council name."""
    sheets = {}
    for edition, name in (("2016", "SIMD16_Data.xlsx"), ("2020", "SIMD20_Data.xlsx")):
        sheet = pd.read_excel(REAL_DATA / "simd" / name, sheet_name="Data")
        sheets[edition] = sheet[sheet["Data_Zone"].astype(str).str.startswith("S01")]
    lookup = pd.read_csv(REAL_DATA / "lookups" / "Datazone2011lookup_SG.csv", dtype=str)
    council = lookup.set_index("DZ2011_Code")["LA_Name"]
    return {edition: sheet.assign(council=sheet["Data_Zone"].map(council)) for edition, sheet in sheets.items()}


def profile_of(dataset, name: str) -> LocalityProfile:
    level = "intermediate_zone" if name == "Greenock East" else "hscp_locality"
    return LocalityProfile(dataset, name, level, ["council", "scotland"], similar_areas=5)


@pytest.mark.parametrize("council", COUNCILS)
def test_simds_population_is_labelled_mid_2014_and_mid_2017_and_equals_the_workbooks(scotland, workbooks, council):
    built = scotland.aggregate("council", "population").set_index(["geography_name", "period"])
    for edition, period, release in (("2016", "2014", "SIMD 2016"), ("2020", "2017", "SIMD 2020")):
        sheet = workbooks[edition]
        assert built.loc[(council, period), "value"] == sheet.loc[sheet["council"] == council, "Total_population"].sum()
        assert built.loc[(council, period), "release"] == release
    assert ("Moray", "2016") not in built.index and ("Moray", "2020") in built.index  # 2020 is NRS's own mid-2020


@pytest.mark.parametrize("name", LOCALITIES)
def test_one_residents_figure_per_area_and_year(scotland, name):
    """The at-a-glance residents, the key points and the population table give the same figure for
    the same year, each labelled with it."""
    profile = profile_of(scotland, name)
    latest, earliest = profile.population_periods
    assert (latest, earliest) == ("2021", "2020")
    headline = profile.headline().set_index("Measure")[profile.label(profile.area)]
    table = profile.indicator_values("population")
    own = table[table["geography_code"] == profile.area.code].set_index("period")["value"]
    assert headline["Residents (2021, NRS small area population estimates)"] == own["2021"]
    assert headline["Residents (2020, NRS small area population estimates)"] == own["2020"]
    assert f"{own['2021']:,.0f} residents (2021, NRS small area population estimates)" in key_points(profile)
    assert set(own.index) == {"2014", "2017", "2020", "2021"}  # no year twice, no edition year


@pytest.mark.parametrize("name", LOCALITIES)
def test_every_life_expectancy_verdict_is_like_for_like(scotland, name):
    """ScotPHO publishes 5-year aggregates for localities and intermediate zones, 3-year ones for
    councils and Scotland: no verdict between the two, only the figures side by side."""
    profile = profile_of(scotland, name)
    for comparator in profile.comparators:
        compared = comparison_with(profile, comparator).set_index("indicator_id")
        for indicator in ("life_expectancy_female", "life_expectancy_male"):
            if indicator not in compared.index or pd.isna(compared.loc[indicator, "value"]):
                continue
            row = compared.loc[indicator]
            if row["same_period"]:
                assert row["period"] == row["comparator_period"]
            else:
                assert row["significance"] == "not comparable", (name, comparator.name, indicator)
                assert row["reason"] in ("different periods", "no data")


def test_every_localitys_life_expectancy_verdict_is_like_for_like(scotland):
    for name in scotland.areas("hscp_locality")["name"]:
        profile = LocalityProfile(scotland, name, "hscp_locality", ["council", "scotland"])
        for comparator in profile.comparators:
            compared = comparison_with(profile, comparator).set_index("indicator_id")
            for indicator in ("life_expectancy_female", "life_expectancy_male"):
                if indicator in compared.index and compared.loc[indicator, "significance"] in ("better", "worse", "no different"):
                    assert compared.loc[indicator, "period"] == compared.loc[indicator, "comparator_period"], name


@pytest.mark.parametrize("name", LOCALITIES)
def test_the_share_in_quintile_1_has_no_interval_and_is_compared_by_size(scotland, name):
    profile = profile_of(scotland, name)
    share = profile.indicator_values("simd_most_deprived_20pct")
    assert share["lower_ci"].isna().all() and share["upper_ci"].isna().all()
    for comparator in profile.comparators:
        row = comparison_with(profile, comparator).set_index("indicator_id").loc["simd_most_deprived_20pct"]
        assert row["significance"] in ("not tested", "not comparable")
    said = [line for line in key_points(profile).splitlines() if "20% most deprived" in line]
    assert all("significantly" not in line for line in said)


@pytest.mark.parametrize("council", ["Glasgow City", "Moray", "Highland", "Clackmannanshire"])
def test_crime_is_a_range_with_sgs_suppressed_zones_counted_as_0_to_2(scotland, workbooks, council):
    sheet = workbooks["2020"]
    counts = pd.to_numeric(sheet["crime_count"], errors="coerce")
    factor = counts.groupby(sheet["council"]).transform(lambda group: group[group >= 2.5].min() / round(group[group >= 2.5].min()))
    inside = sheet["council"] == council
    residents = sheet.loc[inside, "Total_population"].sum()
    low = 10000 * counts[inside].sum() / residents
    high = low + 10000 * (2 * factor[inside & counts.isna()]).sum() / residents
    built = scotland.aggregate("council", "crime_rate", periods=["2017/18"]).set_index("geography_name").loc[council]
    assert 10000 * built["numerator"] / built["denominator"] == pytest.approx(low)
    assert 10000 * built["numerator_high"] / built["denominator"] == pytest.approx(high)
    assert built["datazones_source_suppressed"] == int((inside & counts.isna()).sum())


def test_clackmannanshires_crime_change_is_a_range_over_the_same_zones(scotland, workbooks):
    """Both editions over all 72 data zones, SG's suppressed zones bounded in each: the change is
    -8.6 to -3.9 per 10,000, where dropping them gave +22.4."""
    profile = profile_of(scotland, "Clackmannanshire")
    found = change(profile, "crime_rate", "2017/18")
    assert found.since["period"] == "2014/15"
    assert (round(found.low, 1), round(found.high, 1)) == (-8.6, -3.9)


@pytest.mark.parametrize("name", ["Moray East", "Inverness"])
def test_no_change_across_a_method_change(scotland, name):
    profile = profile_of(scotland, name)
    for indicator in ("drive_time_gp", "income_deprived", "employment_deprived"):
        found = change(profile, indicator, profile.reporting_period(indicator))
        assert not found.shown and ("Universal Credit" in found.reason or "travel time" in found.reason), indicator
    assert "since" not in profile.theme_table("Access to services")[f"Change in {profile.label(profile.area)}"].str.cat()


def test_council_only_figures_are_named_once_and_small_numbers_never_lead(scotland):
    kilmacolm = LocalityProfile(scotland, "Kilmacolm Central", "intermediate_zone", ["council", "scotland"])
    text = key_points(kilmacolm)
    assert text.count("Migration figures (15 indicators) are published for larger areas only") == 1
    assert "People moving into the area" not in text
    assert "**Read with care**" in text and text.index("**Read with care**") > text.index("**Population**")
    assert "84.0 years" in text.split("**Read with care**")[1]  # the 2,539-resident zone's male life expectancy


@pytest.mark.parametrize("name", ["Coatbridge", "Southern", "Inverness"])
def test_a_verdict_against_similar_areas_needs_the_whole_interval_beyond_their_range(scotland, name):
    """Coatbridge's male life expectancy (74.0, 2016-2020) lies just below all 5 similar areas
    (74.1 to 75.3) but its interval reaches into their range: described, with no verdict."""
    profile = LocalityProfile(scotland, name, "hscp_locality", ["council", "scotland"], similar_areas=5)
    against = comparison_with(profile, profile.similar_group)
    spread = profile.similar_spread
    judged = against[against["significance"].isin(["better", "worse"])]
    for _, row in judged.iterrows():
        figures = spread.range(row["indicator_id"], row["period"]).figures
        assert row["lower_ci"] > figures["value_high"].max() or row["upper_ci"] < figures["value_low"].min(), row["title"]
        assert row["similar_words"].startswith("significantly ")
    beyond_but_overlapping = against[against["similar_words"].str.contains(r"^(?:higher|lower) than all", regex=True)
                                     & ~against["variability"].isin(["classification", "estimate", "census"])]
    assert (beyond_but_overlapping["significance"] == "no different").all()
    if name == "Coatbridge":
        males = against.set_index("indicator_id").loc["life_expectancy_male"]
        assert males["similar_words"].startswith("lower than all 5 similar areas")
        assert males["significance"] == "no different"


@pytest.mark.parametrize("name, similar", [("Angus South West", "Nairn & Nairnshire")])
def test_what_sg_publishes_for_every_data_zone_is_never_hidden(scotland, workbooks, name, similar):
    """SIMD's overcrowding and central heating counts are in SG's workbook for every data zone, so a
    locality with fewer than 5 people in one of its zones still shows its figure (once `*`)."""
    profile = profile_of(scotland, name)
    values = profile.values[profile.values["indicator_id"].isin(["overcrowded", "overcrowded_count",
                                                                    "no_central_heating", "no_central_heating_count"])]
    assert (values["suppressed"] == "").all(), values.loc[values["suppressed"] != "", ["geography_name", "indicator_id"]]
    zones = scotland.geography.datazones_in(scotland.find_area(similar, "hscp_locality"))
    sheet = workbooks["2020"].set_index("Data_Zone").loc[list(zones)]
    shown = values[(values["geography_name"] == similar) & (values["indicator_id"] == "overcrowded_count")]
    assert shown["value"].iloc[0] == pd.to_numeric(sheet["overcrowded_count"]).sum()
