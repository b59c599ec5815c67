"""The whole-Scotland importer: on the synthetic four-zone source folder, and on the real files.

Unit tests run the importer once on tests/fixtures/sources/scotland_2011. Integration tests run
it once on ../shared/realdata and check its output against numbers computed here, straight from
the raw files with plain pandas, never through pmf_kit's readers.
"""

from __future__ import annotations

import shutil
import sys
import warnings
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pyogrio
import pytest
import yaml
from click.testing import CliRunner

from pmf_kit.cli import cli, main
from pmf_kit.data.dataset import open_dataset
from pmf_kit.errors import DataFileError, PmfKitError
from pmf_kit.importers import import_scotland_2011
from tests.conftest import FIXTURES, REAL_DATA

FIXTURE_SOURCE = FIXTURES / "sources" / "scotland_2011"
GLASGOW, FIFE, SCOTLAND = "S12000049", "S12000047", "S92000003"
LEVEL_IDS = [
    "datazone", "intermediate_zone", "ward", "hscp_locality", "council", "hscp", "health_board",
    "urban_rural_6fold", "scotland",
]


def read_output(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype={"period": str}, keep_default_na=True)


def area_percent(folder: Path, indicator_id: str, period: str, level: str) -> pd.Series:
    """100 × sum of numerators / sum of denominators per area code, from values and lookup."""
    values = read_output(folder, "values.csv")
    lookup = read_output(folder, "lookup.csv")
    rows = values[(values["indicator_id"] == indicator_id) & (values["period"] == period)]
    rows = rows.merge(lookup, left_on="geography_code", right_on="datazone_code")
    sums = rows.groupby(f"{level}_code")[["numerator", "denominator"]].sum()
    return 100 * sums["numerator"] / sums["denominator"]


# --- Unit tests on the synthetic source folder -----------------------------------------------


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    out = tmp_path_factory.mktemp("mini") / "scotland"
    summary = import_scotland_2011(FIXTURE_SOURCE, out)
    return out, summary


def test_writes_every_file_of_the_format(mini):
    out, _ = mini
    assert sorted(path.name for path in out.iterdir()) == [
        "README.md", "boundaries.gpkg", "dataset.yaml", "indicators.csv", "lookup.csv",
        "population.csv", "simd.csv", "values.csv",
    ]
    assert not [path for path in out.parent.iterdir() if path.name.startswith(".")]


def test_output_folder_has_the_permissions_of_any_new_folder(mini, tmp_path):
    out, _ = mini
    (tmp_path / "ordinary").mkdir()
    assert out.stat().st_mode == (tmp_path / "ordinary").stat().st_mode


def test_dataset_yaml_lists_levels_smallest_first_with_labels(mini):
    out, _ = mini
    card = yaml.safe_load((out / "dataset.yaml").read_text())
    assert card["name"] == "Scotland (2011 data zones)"
    assert [level["id"] for level in card["levels"]] == LEVEL_IDS
    assert all(level["label"] for level in card["levels"])
    assert card["simd_edition"] == "SIMD 2020" and card["boundaries"] == "boundaries.gpkg"
    assert "Open Government Licence v3.0" in card["licence"]


def test_lookup_has_every_level_and_scotland(mini):
    out, _ = mini
    lookup = read_output(out, "lookup.csv")
    expected = ["datazone_code", "datazone_name", "population"] + [
        f"{level}_{part}" for level in LEVEL_IDS[1:] for part in ("code", "name")
    ]
    assert list(lookup.columns) == expected
    assert set(lookup["scotland_code"]) == {"S92000003"}
    assert set(lookup["scotland_name"]) == {"Scotland"}
    assert lookup["health_board_name"].str.startswith("NHS ").all()


def test_localities_are_blank_never_guessed_where_not_published(mini):
    out, summary = mini
    lookup = read_output(out, "lookup.csv").set_index("datazone_code")
    assert lookup.loc["S01006507", "hscp_locality_name"] == "Aberdeen South"
    assert lookup.loc[lookup["council_name"] == "Glasgow City", "hscp_locality_code"].isna().all()
    assert summary.councils_without_localities == ["Glasgow City"]


def test_lookup_population_is_mid_2021_males_plus_females(mini):
    out, _ = mini
    lookup = read_output(out, "lookup.csv")
    persons = pd.read_excel(FIXTURE_SOURCE / "population" / "sape-2021-persons.xlsx", sheet_name=1, skiprows=2)
    assert lookup["population"].tolist() == persons["Total population"].tolist()


def test_population_has_2020_persons_and_2021_by_sex_in_esp_bands(mini):
    out, _ = mini
    population = read_output(out, "population.csv")
    sexes = population.groupby("period")["sex"].unique().map(sorted).to_dict()
    assert sexes == {"2020": ["persons"], "2021": ["female", "male"]}
    assert population["age_band"].nunique() == 19
    assert population[population["period"] == "2020"]["population"].sum() == 1912


def test_simd_has_both_editions(mini):
    out, _ = mini
    simd = read_output(out, "simd.csv")
    assert simd.groupby("simd_edition").size().to_dict() == {"SIMD 2016": 4, "SIMD 2020": 4}
    assert simd.loc[2, "income_rank"] == 6975.5


def test_indicators_cover_the_periods_their_editions_publish(mini):
    out, _ = mini
    values = read_output(out, "values.csv")
    catalogue = read_output(out, "indicators.csv")
    periods = values.groupby("indicator_id")["period"].unique().map(sorted).to_dict()
    simd = set(catalogue.loc[catalogue["source"].str.startswith("Scottish Government"), "indicator_id"])
    assert len(simd) == 37 and simd <= set(periods) <= set(catalogue["indicator_id"])
    # each period is the one its data describe (importers.simd_data_years): SIMD's population bases
    # are mid-2014 and mid-2017, its crime police recorded crime of 2014/15 and 2017/18
    assert periods["population"] == ["2014", "2017", "2020", "2021"]
    assert periods["simd_most_deprived_20pct"] == periods["working_age_population"] == ["2014", "2017"]
    assert periods["crime_rate"] == periods["crime_count"] == ["2014/15", "2017/18"]
    assert periods["income_deprived"] == ["2015", "2020"]  # SIMD 2020's income year is not stated
    assert periods["employment_deprived"] == ["2014/15", "2017"]
    assert periods["drive_time_gp"] == ["2015", "2018"]
    for unstated in ("comparative_illness_factor", "school_attendance"):
        assert periods[unstated] == ["2016", "2020"], unstated
    for census in ("overcrowded", "no_central_heating_count"):
        assert periods[census] == ["2011"], census
    assert periods["neet_16_19"] == periods["entering_higher_education_17_21"] == ["2016"]
    assert periods["not_participating_16_19"] == periods["no_superfast_broadband"] == ["2020"]
    assert periods["working_age_no_qualifications"] == ["2020"]
    edition = values.groupby(["indicator_id", "period"])["period_is_edition"].first()
    assert edition[("comparative_illness_factor", "2020")] and not edition[("crime_rate", "2017/18")]
    releases = values.groupby(["indicator_id", "period"])["release"].first()
    assert releases[("crime_rate", "2017/18")] == "SIMD 2020" and releases[("population", "2014")] == "SIMD 2016"
    assert releases[("population", "2021")] == "NRS small area population estimates"


def test_only_the_share_in_quintile_1_is_marked_as_made_from_simd(mini):
    out, _ = mini
    catalogue = open_dataset(out).catalogue
    assert catalogue.index[catalogue["derived_from_simd"]].tolist() == ["simd_most_deprived_20pct"]


def test_share_aged_65_and_over_is_summed_from_the_sape_single_years(mini):
    out, _ = mini
    values = read_output(out, "values.csv")
    persons = pd.read_excel(FIXTURE_SOURCE / "population" / "sape-2021-persons.xlsx", sheet_name=1, skiprows=2)
    older = [column for column in persons.columns if column.startswith("Age ") and
             (column == "Age 90 and over" or int(column.split()[1]) >= 65)]
    zone = persons[persons["Data zone code"] == "S01006506"].iloc[0]
    row = values[(values["indicator_id"] == "population_aged_65_plus") & (values["period"] == "2021")
                 & (values["geography_code"] == "S01006506")].iloc[0]
    assert (row["numerator"], row["denominator"]) == (zone[older].sum(), zone["Total population"])
    assert row["value"] == pytest.approx(100 * zone[older].sum() / zone["Total population"])


def test_suppressed_source_cells_stay_blank_and_flagged(mini):
    """The fixture's `*` cells: SIMD16 Employment_count and Attainment of S01010207 and CIF of
    S01010206; SIMD20 crime_count of S01010206 (which blanks its crime rate too)."""
    out, _ = mini
    values = read_output(out, "values.csv")
    row = values[(values["indicator_id"] == "employment_deprived") & (values["period"] == "2014/15")
                 & (values["geography_code"] == "S01010207")].iloc[0]
    assert pd.isna(row["numerator"]) and pd.isna(row["value"])
    flagged = values[values["quality_flag"] == "source_suppressed"]
    crime = {(indicator, zone, period) for indicator, zone, period in zip(
        flagged["indicator_id"], flagged["geography_code"], flagged["period"]) if indicator.startswith("crime")}
    assert set(zip(flagged["indicator_id"], flagged["geography_code"], flagged["period"])) - crime == {
        ("employment_deprived", "S01010207", "2014/15"), ("employment_deprived_count", "S01010207", "2014/15"),
        ("school_leaver_attainment", "S01010207", "2016"), ("comparative_illness_factor", "S01010206", "2016"),
    }
    assert {("crime_count", "S01010206", "2017/18"), ("crime_rate", "S01010206", "2017/18")} <= crime
    assert flagged["value"].isna().all()
    bounded = flagged[flagged["indicator_id"] == "crime_rate"]
    # a crime cell SG suppressed keeps its residents and may hold up to 2 crimes, grossed up
    assert bounded["denominator"].notna().all() and bounded["numerator_max"].between(2.0, 2.1).all()


def test_catalogue_rows_are_complete_with_an_aggregation_valid_for_each_unit(mini):
    out, _ = mini
    catalogue = read_output(out, "indicators.csv").set_index("indicator_id")
    for column in ("title", "theme", "definition", "unit", "polarity", "source", "aggregation"):
        assert catalogue[column].notna().all(), column
    ratios = catalogue[catalogue["unit"] == "standardised_ratio"]
    assert len(ratios) == 6 and (ratios["aggregation"] == "not_additive").all()
    assert (catalogue.loc[catalogue["unit"] == "minutes", "aggregation"] == "population_weighted").all()
    assert (catalogue.loc[catalogue["unit"] == "count", "aggregation"] == "sum_ratio").all()


def test_percentages_are_numerator_over_denominator(mini):
    out, _ = mini
    values = read_output(out, "values.csv")
    income = values[(values["indicator_id"] == "income_deprived") & (values["period"] == "2020")]
    assert income["value"].iloc[0] == pytest.approx(100 * 71 / 894)
    most_deprived = values[values["indicator_id"] == "simd_most_deprived_20pct"]
    assert set(most_deprived["value"].dropna()) == {0.0, 100.0}


def test_data_zone_without_residents_has_blank_rates(mini):
    out, _ = mini
    values = read_output(out, "values.csv")
    empty = values[(values["geography_code"] == "S01010206") & (values["release"] == "SIMD 2016")]
    shares = ["population", "income_deprived", "employment_deprived", "simd_most_deprived_20pct"]
    assert empty.set_index("indicator_id").loc[shares, "value"].isna().to_dict() == {
        "population": False, "income_deprived": True, "employment_deprived": True,
        "simd_most_deprived_20pct": True,
    }


def test_boundaries_are_valid_datazone_layer_in_british_national_grid(mini):
    out, _ = mini
    assert [name for name, _ in pyogrio.list_layers(out / "boundaries.gpkg")] == ["datazone"]
    boundaries = gpd.read_file(out / "boundaries.gpkg", layer="datazone")
    assert boundaries.crs.to_epsg() == 27700
    assert list(boundaries.columns) == ["datazone_code", "geometry"]
    assert boundaries.is_valid.all() and len(boundaries) == 4


def test_readme_gives_sources_and_attribution(mini):
    out, _ = mini
    readme = (out / "README.md").read_text()
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in readme
    assert "Contains OS data © Crown copyright and database right (2021)." in readme
    assert "SIMD16_Data.xlsx" in readme and "Glasgow City" in readme


def test_output_opens_as_a_data_set(mini):
    out, _ = mini
    dataset = open_dataset(out)
    assert dataset.level_ids == LEVEL_IDS
    assert len(dataset.simd) == 8 and len(dataset.population) > 0


def test_summary_counts_areas_per_level(mini):
    _, summary = mini
    assert summary.level_counts == {
        "datazone": 4, "intermediate_zone": 2, "ward": 2, "hscp_locality": 1, "council": 2,
        "hscp": 2, "health_board": 2, "urban_rural_6fold": 2, "scotland": 1,
    }
    assert summary.seconds > 0 and summary.file_sizes["values.csv"] > 0


def test_missing_source_file_is_named_before_anything_is_written(source_copy, tmp_path):
    (source_copy / "population" / "sape-2021-males.xlsx").unlink()
    with pytest.raises(DataFileError, match="sape-2021-males.xlsx: expected the NRS SAPE mid-2021 males"):
        import_scotland_2011(source_copy, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_failed_import_leaves_the_previous_data_set_and_no_half_written_folder(
    source_copy, tmp_path, mini
):
    out = tmp_path / "out"
    shutil.copytree(mini[0], out)
    before = (out / "values.csv").read_bytes()
    workbook = openpyxl.load_workbook(source_copy / "simd" / "SIMD20_Data.xlsx")
    workbook["Data"]["S3"] = "seventy"
    workbook.save(source_copy / "simd" / "SIMD20_Data.xlsx")
    with pytest.raises(DataFileError, match="sheet 'Data', row 3, column 'income_count'"):
        import_scotland_2011(source_copy, out)
    assert (out / "values.csv").read_bytes() == before
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_simd_workbooks_swapped_are_reported(source_copy, tmp_path):
    simd = source_copy / "simd"
    shutil.copy(simd / "SIMD20_Data.xlsx", simd / "SIMD16_Data.xlsx")
    with pytest.raises(DataFileError, match="SIMD16_Data.xlsx, sheet 'Data': expected the SIMD 2016"):
        import_scotland_2011(source_copy, tmp_path / "out")


def test_data_zone_missing_from_one_file_is_reported(source_copy, tmp_path):
    labels = source_copy / "lookups" / "dz2011_codes_and_labels_PHS.csv"
    lines = labels.read_text().splitlines(keepends=True)
    labels.write_text("".join(lines[:-1]))
    with pytest.raises(DataFileError, match="one row for each of the 4 data zones"):
        import_scotland_2011(source_copy, tmp_path / "out")


def test_council_disagreement_between_lookups_is_reported(source_copy, tmp_path):
    labels = source_copy / "lookups" / "dz2011_codes_and_labels_PHS.csv"
    labels.write_text(labels.read_text().replace("S12000049", "S12000046", 1))
    with pytest.raises(DataFileError, match="row 4, column 'CA'"):
        import_scotland_2011(source_copy, tmp_path / "out")


def test_existing_data_set_is_replaced(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "dataset.yaml").write_text("name: old\n")
    (out / "stale.csv").write_text("old\n")
    import_scotland_2011(FIXTURE_SOURCE, out)
    assert not (out / "stale.csv").exists()
    assert "Scotland (2011 data zones)" in (out / "dataset.yaml").read_text()


def test_folder_that_is_not_a_data_set_is_never_replaced(tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "letter.txt").write_text("keep me\n")
    with pytest.raises(PmfKitError, match="is not a data set folder"):
        import_scotland_2011(FIXTURE_SOURCE, out)
    assert (out / "letter.txt").read_text() == "keep me\n"


def test_cli_import_prints_counts_and_councils_without_localities(tmp_path):
    result = CliRunner().invoke(
        cli, ["import", "scotland-2011", "--source", str(FIXTURE_SOURCE), "--out", str(tmp_path / "ds")]
    )
    assert result.exit_code == 0, result.output
    assert "datazone: 4" in result.output
    assert "councils without HSCP localities (none published): Glasgow City" in result.output
    assert (tmp_path / "ds" / "dataset.yaml").is_file()


def test_cli_import_error_is_one_line_without_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(
        sys, "argv",
        ["pmf-kit", "import", "scotland-2011", "--source", str(tmp_path / "nowhere"), "--out", str(tmp_path / "ds")],
    )
    with pytest.raises(SystemExit) as caught:
        main()
    assert caught.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ") and "nowhere" in error and "Traceback" not in error


# --- Integration tests on the real published files -------------------------------------------


@pytest.fixture(scope="module")
def simd_workbooks():
    """The two SIMD `Data` sheets read with plain pandas (SIMD16 note rows dropped).

    Council codes come from the SG lookup by data zone, because SIMD names councils
    differently ("Na h-Eileanan an Iar", SG "Na h-Eileanan Siar").
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        simd16 = pd.read_excel(REAL_DATA / "simd" / "SIMD16_Data.xlsx", sheet_name="Data")
        simd20 = pd.read_excel(REAL_DATA / "simd" / "SIMD20_Data.xlsx", sheet_name="Data")
    simd16 = simd16[simd16["Data_Zone"].str.startswith("S01", na=False)]
    sg = pd.read_csv(REAL_DATA / "lookups" / "Datazone2011lookup_SG.csv", dtype=str)
    council = sg.set_index("DZ2011_Code")["LA_Code"]
    return {
        "2016": simd16.assign(council=simd16["Data_Zone"].map(council),
                              quintile=simd16["SIMD_2016_Quintile"]),
        "2020": simd20.assign(council=simd20["Data_Zone"].map(council),
                              quintile=simd20["SIMD2020v2_Quintile"]),
    }


@pytest.mark.integration
def test_real_import_has_every_data_zone_and_area(scotland):
    out, summary = scotland
    lookup = read_output(out, "lookup.csv")
    assert len(lookup) == 6976 and lookup["datazone_code"].is_unique
    assert summary.level_counts == {
        "datazone": 6976, "intermediate_zone": 1279, "ward": 354, "hscp_locality": 97,
        "council": 32, "hscp": 31, "health_board": 14, "urban_rural_6fold": 6, "scotland": 1,
    }


@pytest.mark.integration
def test_real_councils_without_localities_match_the_phs_file(scotland):
    _, summary = scotland
    sg = pd.read_csv(REAL_DATA / "lookups" / "Datazone2011lookup_SG.csv", dtype=str)
    localities = pd.read_csv(REAL_DATA / "lookups" / "datazone_to_hscp_locality_lookup_PHS_partial.csv", dtype=str)
    covered = set(sg.loc[sg["DZ2011_Code"].isin(localities["DataZone"]), "LA_Name"])
    independent = sorted(set(sg["LA_Name"]) - covered)
    assert summary.councils_without_localities == independent == [
        "East Dunbartonshire", "East Renfrewshire", "Falkirk", "Glasgow City", "Inverclyde",
        "North Ayrshire", "Orkney Islands", "Perth and Kinross", "Shetland Islands",
    ]


@pytest.mark.integration
def test_real_population_per_council_equals_sape_2021_persons(scotland):
    out, _ = scotland
    lookup = read_output(out, "lookup.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        persons = pd.read_excel(REAL_DATA / "population" / "sape-2021-persons.xlsx", sheet_name=1, skiprows=2)
    independent = persons.groupby("Council area code")["Total population"].sum()
    imported = lookup.groupby("council_code")["population"].sum()
    pd.testing.assert_series_equal(imported, independent, check_names=False)
    assert lookup["population"].sum() == 5_479_900
    assert imported[FIFE] == 374_730  # from the persons workbook


@pytest.mark.integration
def test_real_population_table_totals(scotland):
    out, _ = scotland
    population = read_output(out, "population.csv")
    totals = population.groupby(["period", "sex"])["population"].sum().to_dict()
    assert totals[("2021", "female")] + totals[("2021", "male")] == 5_479_900
    assert totals[("2020", "persons")] == 5_466_000  # the SCOTLAND row of SAPE 2020 Table 1a
    assert len(population) == 6976 * 19 * 3


POPULATION_YEAR = {"2016": "2014", "2020": "2017"}
"""The year of each edition's population base, the period its quintile 1 share describes."""


@pytest.mark.integration
@pytest.mark.parametrize("period", ["2016", "2020"])
def test_real_quintile_1_share_per_council_equals_the_simd_workbooks(scotland, simd_workbooks, period):
    out, _ = scotland
    simd = simd_workbooks[period]
    residents = simd.groupby("council")["Total_population"].sum()
    in_quintile_1 = simd["Total_population"].where(simd["quintile"] == 1, 0).groupby(simd["council"]).sum()
    independent = 100 * in_quintile_1 / residents
    imported = area_percent(out, "simd_most_deprived_20pct", POPULATION_YEAR[period], "council")
    assert len(imported) == 32
    for council, share in imported.items():
        assert share == pytest.approx(independent[council]), council


# Worked once by hand with pandas from the SIMD `Data` sheets: per council, the sum of
# Total_population over data zones whose national quintile (SIMD_2016_Quintile or
# SIMD2020v2_Quintile) is 1, over the sum of Total_population of all its data zones.
QUINTILE_1_SHARES = {
    (GLASGOW, "2016"): 100 * 283_471 / 599_650,  # 47.27%
    (GLASGOW, "2020"): 100 * 275_320 / 621_020,  # 44.33%
    (FIFE, "2016"): 100 * 71_695 / 367_260,  # 19.52%
    (FIFE, "2020"): 100 * 72_930 / 371_410,  # 19.64%
    (SCOTLAND, "2016"): 100 * 1_049_314 / 5_347_600,  # 19.62%
    (SCOTLAND, "2020"): 100 * 1_059_288 / 5_424_800,  # 19.53%
}


@pytest.mark.integration
@pytest.mark.parametrize("code, period", list(QUINTILE_1_SHARES))
def test_real_quintile_1_share_written_down(scotland, code, period):
    out, _ = scotland
    level = "scotland" if code == SCOTLAND else "council"
    share = area_percent(out, "simd_most_deprived_20pct", POPULATION_YEAR[period], level)[code]
    assert share == pytest.approx(QUINTILE_1_SHARES[(code, period)])


@pytest.mark.integration
def test_real_income_deprivation_glasgow_2020(scotland):
    out, _ = scotland
    # SIMD20 `Data`: Glasgow City income_count 119,742 over Total_population 621,020.
    share = area_percent(out, "income_deprived", "2020", "council")[GLASGOW]
    assert share == pytest.approx(100 * 119_742 / 621_020)


@pytest.mark.integration
def test_real_fife_has_seven_localities_of_494_data_zones(scotland):
    out, _ = scotland
    lookup = read_output(out, "lookup.csv")
    fife = lookup[lookup["council_name"] == "Fife"]
    assert fife["hscp_locality_code"].notna().sum() == 494 == len(fife)
    assert fife["hscp_locality_name"].nunique() == 7
    localities = pd.read_csv(REAL_DATA / "lookups" / "datazone_to_hscp_locality_lookup_PHS_partial.csv", dtype=str)
    independent = localities["SubHSCPName"].str.strip().value_counts()
    imported = lookup["hscp_locality_name"].value_counts()
    pd.testing.assert_series_equal(imported.sort_index(), independent.sort_index(), check_names=False)


@pytest.mark.integration
def test_real_boundaries_are_valid_and_complete(scotland):
    out, _ = scotland
    boundaries = gpd.read_file(out / "boundaries.gpkg", layer="datazone")
    assert len(boundaries) == 6976 and boundaries.crs.to_epsg() == 27700
    assert boundaries.is_valid.all()
    assert 75_000 < boundaries.area.sum() / 1e6 < 82_000  # Scotland is about 78,000 km²


@pytest.mark.integration
def test_real_data_set_opens_and_aggregates_to_councils(scotland, simd_workbooks):
    out, _ = scotland
    dataset = open_dataset(out)
    councils = dataset.aggregate(to="council", indicators="simd_most_deprived_20pct", periods=["2017"])
    assert len(councils) == 32


# --- Integration: the indicators beyond deprivation, each against the raw files with pandas ---


@pytest.fixture(scope="module")
def scotland_dataset(scotland):
    return open_dataset(scotland[0])


@pytest.fixture(scope="module")
def phs_localities():
    """Data zone -> PHS locality name, straight from the PHS lookup (names trimmed)."""
    localities = pd.read_csv(REAL_DATA / "lookups" / "datazone_to_hscp_locality_lookup_PHS_partial.csv",
                             encoding="utf-8-sig", dtype=str)
    return localities.set_index("DataZone")["SubHSCPName"].str.strip()


def built(dataset, level: str, indicator_id: str, period: str) -> pd.Series:
    """Values of one indicator and period for every area of a level, by area name."""
    rows = dataset.aggregate(level, indicator_id, periods=[period])
    return rows.set_index("geography_name")["value"]


@pytest.mark.integration
@pytest.mark.parametrize(("indicator_id", "column", "period"), [
    ("income_deprived_count", "income_count", "2020"),
    ("employment_deprived_count", "employment_count", "2017"),
    ("overcrowded_count", "overcrowded_count", "2011"),
    ("no_central_heating_count", "nocentralheating_count", "2011"),
])
def test_real_counts_sum_to_councils_and_localities(scotland_dataset, simd_workbooks, phs_localities,
                                                    indicator_id, column, period):
    simd = simd_workbooks["2020"]
    counts = pd.to_numeric(simd[column])
    by_council = counts.groupby(simd["council"]).sum()
    imported = scotland_dataset.aggregate("council", indicator_id, periods=[period]).set_index("geography_code")["value"]
    pd.testing.assert_series_equal(imported.sort_index(), by_council.sort_index().astype(float), check_names=False,
                                   check_index_type=False)
    by_locality = counts.groupby(simd["Data_Zone"].map(phs_localities)).sum()
    localities = built(scotland_dataset, "hscp_locality", indicator_id, period)
    assert len(localities) == 97
    for name in ("Levenmouth", "Moray East", "Clackmannanshire", "Wigtownshire"):
        assert localities[name] == by_locality[name], name


@pytest.mark.integration
def test_real_overcrowding_rate_uses_the_denominator_derived_as_count_over_rate(scotland_dataset, simd_workbooks):
    """People in overcrowded households over people in households, the latter count / rate per
    data zone (from the no-central-heating pair where the overcrowding count is 0), rounded."""
    simd = simd_workbooks["2020"]
    overcrowded, rate = simd["overcrowded_count"], simd["overcrowded_rate"]
    twin = (simd["nocentralheating_count"] / simd["nocentralheating_rate"].where(simd["nocentralheating_rate"] > 0))
    households = (overcrowded / rate.where(rate > 0)).fillna(twin).round()
    known = households.notna()
    fife = known & (simd["council"] == FIFE)
    expected = 100 * overcrowded[fife].sum() / households[fife].sum()
    assert built(scotland_dataset, "council", "overcrowded", "2011")["Fife"] == pytest.approx(expected)
    assert (~known).sum() == 5  # the five data zones with neither count


def crime_bounds_by_hand(simd: pd.DataFrame, where: pd.Series, counts: pd.Series) -> tuple[float, float]:
    """An area's crime rate per 10,000 from the raw workbook: the published counts over all its
    residents, and that plus 2 crimes times the council's grossing factor per suppressed zone
    (every count of a council is a whole number of crimes times one factor: the smallest count
    over its nearest whole number)."""
    factor = counts.groupby(simd["council"]).transform(lambda group: group[group >= 2.5].min() / round(group[group >= 2.5].min()))
    suppressed = counts.isna() & where
    residents = simd.loc[where, "Total_population"].sum()
    low = 10000 * counts[where].sum() / residents
    return low, low + 10000 * (2 * factor[suppressed]).sum() / residents


@pytest.mark.integration
def test_real_crime_rate_2020_is_a_range_over_every_residents_with_sg_suppressed_zones_bounded(scotland_dataset, simd_workbooks):
    """SG suppressed 500 data zones with fewer than 3 crimes: dropping them from numerator and
    denominator gave Scotland 307.0 per 10,000. Kept as 0 to 2 crimes (grossed up), residents
    kept, Scotland is 288.2 to 290.0, Glasgow and Moray their own ranges."""
    simd = simd_workbooks["2020"]
    crimes = pd.to_numeric(simd["crime_count"], errors="coerce")
    assert crimes.isna().sum() == 500
    everywhere = pd.Series(True, index=simd.index)
    low, high = crime_bounds_by_hand(simd, everywhere, crimes)
    assert (round(low, 1), round(high, 1)) == (288.2, 290.0)
    scotland = scotland_dataset.aggregate("scotland", "crime_rate", periods=["2017/18"]).iloc[0]
    assert 10000 * scotland["numerator"] / scotland["denominator"] == pytest.approx(low)
    assert 10000 * scotland["numerator_high"] / scotland["denominator"] == pytest.approx(high)
    assert scotland["datazones_source_suppressed"] == 500
    councils = scotland_dataset.aggregate("council", "crime_rate", periods=["2017/18"]).set_index("geography_code")
    for council in (GLASGOW, FIFE, "S12000020", "S12000005"):  # and Moray, Clackmannanshire
        low, high = crime_bounds_by_hand(simd, simd["council"] == council, crimes)
        row = councils.loc[council]
        assert (10000 * row["numerator"] / row["denominator"], 10000 * row["numerator_high"] / row["denominator"]) == \
            pytest.approx((low, high)), council


@pytest.mark.integration
def test_real_crime_2016_is_suppressed_as_sg_suppressed_it(scotland_dataset, simd_workbooks):
    """The SIMD 2016 workbook here shows rates SG's own file suppresses (433 data zones whose rate
    x population / 10,000 is under 3 crimes): the data set holds them as bounds, not counts."""
    simd = simd_workbooks["2016"]
    implied = pd.to_numeric(simd["crime_rate"], errors="coerce") * simd["Total_population"] / 10000
    under_three = implied < 2.5
    assert under_three.sum() == 433
    values = scotland_dataset.values
    zones = values[(values["indicator_id"] == "crime_rate") & (values["period"] == "2014/15")].set_index("geography_code")
    hidden = zones.loc[simd.loc[under_three, "Data_Zone"]]
    assert hidden["numerator"].isna().all() and (hidden["quality_flag"] == "source_suppressed").all()
    assert hidden["numerator_max"].between(2.0, 2.05).all()


@pytest.mark.integration
def test_real_drive_time_is_the_population_weighted_mean_of_the_data_zones(scotland_dataset, simd_workbooks):
    simd = simd_workbooks["2016"]
    fife = simd["council"] == FIFE
    expected = (simd.loc[fife, "drive_GP"] * simd.loc[fife, "Total_population"]).sum() / simd.loc[fife, "Total_population"].sum()
    assert built(scotland_dataset, "council", "drive_time_gp", "2015")["Fife"] == pytest.approx(expected)


@pytest.fixture(scope="module")
def life_expectancy_extract():
    return pd.read_csv(REAL_DATA / "indicators" / "scotpho_life_expectancy_extract.csv")


@pytest.mark.integration
@pytest.mark.parametrize(("level", "name", "scotpho_name", "area_type"), [
    ("intermediate_zone", "Culter", "Culter", "Intermediate zone"),
    ("hscp_locality", "Levenmouth", "Levenmouth", "HSC locality"),
    ("hscp_locality", "Stirling City with the Eastern Villages Bridge of Allan and Dunblane",
     "Stirling City with the Eastern Villages Bridge of Allan & Dunblane", "HSC locality"),
    ("council", "Fife", "Fife", "Council area"),
    ("health_board", "NHS Fife", "NHS Fife", "Health board"),
    ("scotland", "Scotland", "Scotland", "Scotland"),
])
def test_real_life_expectancy_values_and_limits_are_the_published_ones(scotland_dataset, life_expectancy_extract,
                                                                       level, name, scotpho_name, area_type):
    extract = life_expectancy_extract
    published = extract[(extract["area_name"] == scotpho_name) & (extract["area_type"] == area_type)]
    imported = scotland_dataset.aggregate(level, ["life_expectancy_female", "life_expectancy_male"])
    imported = imported[imported["geography_name"] == name]
    assert len(imported) == len(published) == 6
    for row in published.itertuples():
        indicator = "life_expectancy_female" if row.indicator.endswith("females") else "life_expectancy_male"
        mine = imported[(imported["indicator_id"] == indicator) & (imported["period"] == row.period)].iloc[0]
        assert (mine["value"], mine["lower_ci"], mine["upper_ci"]) == (
            row.measure, row.lower_confidence_interval, row.upper_confidence_interval)


@pytest.mark.integration
def test_real_localities_unmatched_are_listed_and_none_guessed(scotland):
    _, summary = scotland
    assert summary.scotpho_localities_matched == 91
    assert len(summary.scotpho_localities_unmatched) == 124 - 91
    assert "S99000088 Mull Iona Coll & Tiree: its HSCP is not known" in summary.scotpho_localities_unmatched
    assert summary.localities_without_life_expectancy[0].startswith("PH0000010 Mull, Iona, Coll, Tiree and Colonsay")


@pytest.mark.integration
def test_real_migration_is_the_nrs_count_and_rate(scotland_dataset):
    migration = pd.read_csv(REAL_DATA / "indicators" / "nrs_local_area_migration_ca_hb.csv")
    fife = migration[(migration["Area"] == "Fife") & (migration["Area Type"] == "Council Area")
                     & (migration["Indicator"] == "Total In-Migration") & (migration["Year"] == 2018)].iloc[0]
    row = scotland_dataset.aggregate("council", "migration_in", periods=["2018"]).set_index("geography_name").loc["Fife"]
    assert (row["numerator"], row["value"]) == (fife["Value"], pytest.approx(fife["Rate"]))
