"""The synthetic sample data set: reproducible, shaped like a real council, honest numbers.

Checks are made by hand from the written files with pandas and shapely, never by calling
other pmf_kit code, so they hold the generator to the data set format rather than to itself.
"""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
import yaml

from pmf_kit.sample import generate_sample, writing
from pmf_kit.sample import __main__ as sample_command
from tests.conftest import SAMPLE_DATASET

SAMPLE_FILES = {"README.md", "boundaries.gpkg", "comparators.csv", "dataset.yaml",
                "indicators.csv", "lookup.csv", "population.csv", "simd.csv", "spend.csv",
                "values.csv"}
THEMES = {"Health", "Economy", "Education", "Community safety", "Housing",
          "Children and young people", "Older people"}
MULTIPLIER = {"percent": 100, "rate_per_1000": 1000, "rate_per_100000": 100000, "mean": 1}
ROUNDING = {"percent": 0.005, "rate_per_1000": 0.005, "rate_per_100000": 0.05, "mean": 0.005}
ESP_BANDS = [f"{start}-{start + 4}" for start in range(0, 90, 5)] + ["90+"]
SCOTLAND = "X92000003"


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fresh") / "sample"
    generate_sample(folder)
    return folder


@pytest.fixture(scope="module")
def lookup(sample_dir) -> pd.DataFrame:
    return pd.read_csv(sample_dir / "lookup.csv", dtype=str).astype({"population": int})


@pytest.fixture(scope="module")
def values(sample_dir) -> pd.DataFrame:
    return pd.read_csv(sample_dir / "values.csv", dtype={"period": str, "quality_flag": str},
                       keep_default_na=False, na_values={"numerator": [""],
                                                         "denominator": [""], "value": [""]})


@pytest.fixture(scope="module")
def indicators(sample_dir) -> pd.DataFrame:
    return pd.read_csv(sample_dir / "indicators.csv")


@pytest.fixture(scope="module")
def simd(sample_dir) -> pd.DataFrame:
    return pd.read_csv(sample_dir / "simd.csv")


@pytest.fixture(scope="module")
def boundaries(sample_dir) -> gpd.GeoDataFrame:
    return gpd.read_file(sample_dir / "boundaries.gpkg", layer="datazone")


def test_regenerating_gives_byte_identical_files(sample_dir, tmp_path):
    generate_sample(tmp_path / "again")
    assert {path.name for path in (tmp_path / "again").iterdir()} == SAMPLE_FILES
    for name in SAMPLE_FILES:
        assert (tmp_path / "again" / name).read_bytes() == (sample_dir / name).read_bytes(), name


def test_committed_sample_equals_a_fresh_generation(sample_dir):
    assert {path.name for path in SAMPLE_DATASET.iterdir()} == SAMPLE_FILES
    for name in SAMPLE_FILES:
        assert (SAMPLE_DATASET / name).read_bytes() == (sample_dir / name).read_bytes(), (
            f"data/sample/{name} is stale: run python -m pmf_kit.sample data/sample")


def test_a_failed_write_leaves_the_previous_folder_untouched(tmp_path):
    target = tmp_path / "sample"
    target.mkdir()
    (target / "lookup.csv").write_text("old\n")

    def fail_half_way(folder: Path) -> None:
        (folder / "lookup.csv").write_text("new\n")
        raise OSError("disk full")

    with pytest.raises(OSError):
        writing.replace_folder_atomically(target, fail_half_way)
    assert (target / "lookup.csv").read_text() == "old\n"
    assert [path.name for path in tmp_path.iterdir()] == ["sample"]


def test_a_successful_write_replaces_the_whole_folder(tmp_path):
    target = tmp_path / "sample"
    target.mkdir()
    (target / "stale.csv").write_text("old\n")
    writing.replace_folder_atomically(target, lambda folder: (folder / "lookup.csv")
                                      .write_text("new\n"))
    assert [path.name for path in target.iterdir()] == ["lookup.csv"]
    assert [path.name for path in tmp_path.iterdir()] == ["sample"]


def test_command_line_passes_the_folder_to_the_generator(monkeypatch, tmp_path):
    asked = []
    monkeypatch.setattr(sample_command, "generate_sample", asked.append)
    monkeypatch.setattr("sys.argv", ["python -m pmf_kit.sample", str(tmp_path / "out")])
    sample_command.main()
    assert asked == [str(tmp_path / "out")]


def test_command_line_reports_a_failed_write_in_one_line(monkeypatch, capsys, tmp_path):
    def refuse(out_dir):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sample_command, "generate_sample", refuse)
    monkeypatch.setattr("sys.argv", ["python -m pmf_kit.sample", str(tmp_path / "out")])
    with pytest.raises(SystemExit) as exit_info:
        sample_command.main()
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.startswith(f"error: could not write {tmp_path / 'out'}")


def test_dataset_yaml_lists_the_six_levels_in_order(sample_dir):
    dataset = yaml.safe_load((sample_dir / "dataset.yaml").read_text())
    assert dataset["name"] == "Sample Council (synthetic)"
    assert "synthetic" in dataset["licence"].lower()
    assert dataset["levels"] == [
        {"id": "datazone", "label": "Data zone"},
        {"id": "intermediate_zone", "label": "Intermediate zone"},
        {"id": "ward", "label": "Multi-member ward"},
        {"id": "community_council", "label": "Community council area"},
        {"id": "locality", "label": "Locality"},
        {"id": "council", "label": "Council area"},
    ]
    assert dataset["simd_edition"] == "SIMD 2020"
    assert dataset["boundaries"] == "boundaries.gpkg"


def test_geography_counts_are_those_of_a_mid_sized_council(lookup):
    assert 450 <= lookup["datazone_code"].nunique() == len(lookup) <= 550
    assert 100 <= lookup["intermediate_zone_code"].nunique() <= 140
    assert 15 <= lookup["ward_code"].nunique() <= 25
    assert 35 <= lookup["community_council_code"].nunique() <= 45
    assert lookup["locality_code"].nunique() == 7
    assert lookup["council_code"].unique().tolist() == ["X12000001"]


def test_one_locality_has_a_long_name_and_one_has_few_data_zones(lookup):
    datazones_per_locality = lookup.groupby("locality_name").size()
    assert max(len(name) for name in datazones_per_locality.index) >= 40
    assert 6 <= datazones_per_locality.min() <= 10


def test_every_area_code_is_fictional(lookup, values, sample_dir):
    comparators = pd.read_csv(sample_dir / "comparators.csv")
    codes = pd.concat([lookup[column] for column in lookup if column.endswith("_code")]
                      + [values["geography_code"], comparators["geography_code"]])
    assert codes.str.match(r"^X\d{8}$").all()
    assert comparators.to_dict("records") == [
        {"geography_code": SCOTLAND, "geography_name": "Scotland (synthetic)",
         "level": "scotland"}]


def test_each_name_is_unique_within_its_level(lookup):
    for level in ("datazone", "intermediate_zone", "ward", "community_council", "locality"):
        per_code = lookup.groupby(f"{level}_code")[f"{level}_name"].nunique()
        assert (per_code == 1).all(), level
        names = lookup.drop_duplicates(f"{level}_code")[f"{level}_name"]
        assert names.is_unique, level
    assert lookup["datazone_name"].str.match(r"^.+ - \d{2}$").all()


def test_locality_names_are_used_by_no_other_level(lookup):
    other_names = set()
    for level in ("datazone", "intermediate_zone", "ward", "community_council", "council"):
        other_names |= set(lookup[f"{level}_name"])
    assert not set(lookup["locality_name"]) & other_names


def test_datazone_populations_are_500_to_1000_and_match_the_latest_year(lookup, sample_dir):
    assert lookup["population"].between(500, 1000).all()
    population = pd.read_csv(sample_dir / "population.csv", dtype={"period": str})
    latest = population[population["period"] == population["period"].max()]
    totals = latest.groupby("datazone_code")["population"].sum()
    assert totals.reindex(lookup["datazone_code"]).tolist() == lookup["population"].tolist()


def test_population_has_both_sexes_and_every_esp_band_each_year(lookup, sample_dir):
    population = pd.read_csv(sample_dir / "population.csv", dtype={"period": str})
    assert set(population["sex"]) == {"female", "male"}
    assert set(population["age_band"]) == set(ESP_BANDS)
    assert sorted(population["period"].unique()) == [str(year) for year in range(2016, 2025)]
    rows_per_zone_year = population.groupby(["datazone_code", "period"]).size()
    assert (rows_per_zone_year == 2 * 19).all()
    assert len(rows_per_zone_year) == len(lookup) * 9


def test_island_locality_is_older_than_the_deprived_town(lookup, sample_dir):
    population = pd.read_csv(sample_dir / "population.csv", dtype={"period": str})
    population = population.merge(lookup[["datazone_code", "locality_name"]])
    older_bands = ESP_BANDS[13:]
    population["aged_65_plus"] = population["age_band"].isin(older_bands) * population[
        "population"]
    by_locality = population.groupby("locality_name")[["aged_65_plus", "population"]].sum()
    share = by_locality["aged_65_plus"] / by_locality["population"]
    assert share["Isle of Innisbrae"] > share["Inverbrackie"] + 0.1


def test_intermediate_zones_nest_in_localities(lookup):
    assert (lookup.groupby("intermediate_zone_code")["locality_code"].nunique() == 1).all()


def test_some_wards_and_community_councils_straddle_localities(lookup):
    assert (lookup.groupby("ward_code")["locality_code"].nunique() > 1).any()
    assert (lookup.groupby("community_council_code")["locality_code"].nunique() > 1).any()


def test_boundaries_are_datazones_in_british_national_grid(boundaries, lookup):
    assert boundaries.crs.to_epsg() == 27700
    assert list(boundaries.columns) == ["datazone_code", "geometry"]
    assert sorted(boundaries["datazone_code"]) == sorted(lookup["datazone_code"])
    west, south, east, north = boundaries.total_bounds
    assert 100_000 < west < east < 470_000 and 530_000 < south < north < 1_000_000
    assert (boundaries.geom_type == "Polygon").all() and boundaries.is_valid.all()


def test_boundaries_tile_the_council_without_gaps_or_overlaps(boundaries):
    council = shapely.union_all(boundaries.geometry.values)
    assert council.area == pytest.approx(boundaries.area.sum(), rel=1e-9)
    islands = shapely.get_parts(council)
    assert len(islands) == 2
    assert all(len(island.interiors) == 0 for island in islands)


@pytest.mark.parametrize("level", ["intermediate_zone", "ward", "community_council",
                                   "locality"])
def test_every_area_is_one_contiguous_piece(boundaries, lookup, level):
    areas = boundaries.merge(lookup[["datazone_code", f"{level}_code"]])
    for code, members in areas.groupby(f"{level}_code"):
        assert shapely.union_all(members.geometry.values).geom_type == "Polygon", code


def test_simd_ranks_are_national_and_bands_follow_from_them(simd, lookup):
    assert set(simd["simd_edition"]) == {"SIMD 2016", "SIMD 2020"}
    for _, edition in simd.groupby("simd_edition"):
        assert sorted(edition["datazone_code"]) == sorted(lookup["datazone_code"])
        for column in [c for c in simd if c.endswith("_rank")]:
            assert edition[column].between(1, 6976).all() and edition[column].is_unique
        assert edition["simd_decile"].tolist() == [math.ceil(rank / 697.6)
                                                   for rank in edition["simd_rank"]]
        assert edition["simd_quintile"].tolist() == [math.ceil(rank / 1395.2)
                                                     for rank in edition["simd_rank"]]
        assert set(edition["simd_quintile"]) == {1, 2, 3, 4, 5}


def test_domain_ranks_follow_the_overall_rank(simd):
    latest = simd[simd["simd_edition"] == "SIMD 2020"]
    correlation = latest.drop(columns=["datazone_code", "simd_edition"]).corr("spearman")
    domains = [c for c in simd if c.endswith("_rank") and c != "simd_rank"]
    assert len(domains) == 7
    assert (correlation.loc[domains, "simd_rank"] > 0).all()
    assert (correlation.loc[["income_rank", "employment_rank"], "simd_rank"] > 0.8).all()


def test_deprivation_is_concentrated_in_one_locality(simd, lookup):
    latest = simd[simd["simd_edition"] == "SIMD 2020"].merge(lookup)
    most_deprived = latest[latest["simd_quintile"] == 1].groupby("locality_name").size()
    assert most_deprived.max() >= 30
    assert most_deprived.max() >= 0.4 * most_deprived.sum()


def test_catalogue_covers_every_theme_unit_and_polarity(indicators):
    assert len(indicators) >= 15 and indicators["indicator_id"].is_unique
    per_theme = indicators.groupby("theme").size()
    assert set(per_theme.index) == THEMES and (per_theme >= 2).all()
    assert {"percent", "rate_per_1000", "rate_per_100000", "mean"} <= set(indicators["unit"])
    assert set(indicators["polarity"]) == {"higher_is_better", "lower_is_better", "neutral"}
    assert (indicators["polarity"] == "neutral").sum() == 1
    assert (indicators["source"] == "Synthetic sample: pmf_kit generator").all()
    assert set(indicators["aggregation"]) <= {"sum_ratio", "population_weighted"}
    assert (indicators["aggregation"] == "sum_ratio").mean() > 0.8
    assert set(indicators["suppression_threshold"]) == {5, 10}
    assert indicators.drop(columns="source_suppression").notna().all().all()
    # only the indicator whose source withheld small counts says how
    assert indicators.loc[indicators["source_suppression"].notna(), "indicator_id"].tolist() == ["domestic_abuse"]


def test_every_indicator_has_at_least_eight_periods_of_both_kinds(values, indicators):
    periods = values[values["geography_code"].str.startswith("X01")].groupby(
        "indicator_id")["period"].unique()
    assert set(periods.index) == set(indicators["indicator_id"])
    assert (periods.map(len) >= 8).all()
    financial = periods.map(lambda labels: all("/" in label for label in labels))
    calendar = periods.map(lambda labels: all(label.isdigit() for label in labels))
    assert financial.sum() >= 2 and calendar.sum() >= 2 and (financial | calendar).all()


def test_every_datazone_has_a_row_for_every_indicator_period(values, lookup):
    datazone_rows = values[values["geography_code"].str.startswith("X01")]
    rows_per_series = datazone_rows.groupby(["indicator_id", "period"]).size()
    assert (rows_per_series == len(lookup)).all()
    assert not datazone_rows.duplicated(["indicator_id", "geography_code", "period"]).any()


def test_numerators_and_denominators_are_whole_numbers(sample_dir):
    raw = pd.read_csv(sample_dir / "values.csv", dtype=str, keep_default_na=False)
    assert raw["numerator"].str.match(r"^(\d+)?$").all()
    assert raw["denominator"].str.match(r"^\d*$").all()


def test_value_is_the_unit_rule_applied_to_numerator_and_denominator(values, indicators):
    rows = values.merge(indicators[["indicator_id", "unit"]])
    rows = rows[rows["value"].notna()]
    assert rows[["numerator", "denominator"]].notna().all().all()
    expected = rows["unit"].map(MULTIPLIER) * rows["numerator"] / rows["denominator"]
    assert ((rows["value"] - expected).abs() <= rows["unit"].map(ROUNDING) + 1e-9).all()


def test_one_row_worked_by_hand(values):
    row = values[(values["indicator_id"] == "emergency_admissions")
                 & (values["geography_code"] == "X01000001")
                 & (values["period"] == "2016/17")].iloc[0]
    assert row["value"] == round(100000 * row["numerator"] / row["denominator"], 1)


def test_small_counts_and_missing_values_are_present(values):
    datazone_rows = values[values["geography_code"].str.startswith("X01")]
    assert datazone_rows["numerator"].between(0, 4).mean() > 0.15
    not_received = datazone_rows[datazone_rows["denominator"].isna()]
    assert len(not_received) > 50
    assert not_received[["numerator", "value"]].isna().all().all()
    suppressed = datazone_rows[datazone_rows["quality_flag"] == "source_suppressed"]
    assert len(suppressed) > 0
    assert suppressed["numerator"].isna().all() and suppressed["denominator"].notna().all()
    assert set(datazone_rows["quality_flag"]) == {"", "source_suppressed"}


def test_school_attendance_misses_one_period_everywhere(values):
    attendance = values[values["indicator_id"] == "school_attendance"]
    assert "2020/21" not in set(attendance["period"])
    assert {"2019/20", "2021/22"} <= set(attendance["period"])


def test_scotland_has_a_published_row_for_every_indicator_period(values):
    series = values[values["geography_code"].str.startswith("X01")][
        ["indicator_id", "period"]].drop_duplicates()
    scotland = values[values["geography_code"] == SCOTLAND]
    assert len(scotland) == len(series)
    assert set(map(tuple, scotland[["indicator_id", "period"]].values)) == set(
        map(tuple, series.values))
    council = values[values["geography_code"].str.startswith("X01")].groupby(
        ["indicator_id", "period"])["denominator"].sum()
    scotland_denominator = scotland.set_index(["indicator_id", "period"])["denominator"]
    assert (scotland_denominator > 10 * council.reindex(scotland_denominator.index)).all()
    assert scotland["value"].notna().all()


@pytest.mark.parametrize("indicator_id", ["crime_rate", "child_poverty", "employment_deprived"])
def test_most_deprived_quintile_fares_worse_than_least(values, simd, indicator_id):
    latest = simd[simd["simd_edition"] == "SIMD 2020"]
    quintile = latest.set_index("datazone_code")["simd_quintile"]
    rows = values[values["indicator_id"] == indicator_id].copy()
    rows["quintile"] = rows["geography_code"].map(quintile)
    totals = rows.dropna(subset=["quintile", "numerator", "denominator"]).groupby(
        "quintile")[["numerator", "denominator"]].sum()
    rate = totals["numerator"] / totals["denominator"]
    assert rate[1] > 2 * rate[5]


def test_some_indicators_improve_and_some_worsen(values):
    scotland = values[values["geography_code"] == SCOTLAND].set_index(
        ["indicator_id", "period"])["value"]
    assert scotland["employment_deprived"].iloc[-1] < scotland["employment_deprived"].iloc[0]
    assert scotland["child_poverty"].iloc[-1] > scotland["child_poverty"].iloc[0]


def test_data_card_names_the_special_localities_and_every_indicator(sample_dir, indicators):
    card = (sample_dir / "README.md").read_text()
    assert "None of this is real" in card
    assert "python -m pmf_kit.sample data/sample" in card
    for name in ("Balgarvie, Lochmorran and the Ochterlony Villages", "Isle of Innisbrae",
                 SCOTLAND):
        assert name in card
    for indicator_id in indicators["indicator_id"]:
        assert f"`{indicator_id}`" in card


@pytest.fixture(scope="module")
def spend(sample_dir) -> pd.DataFrame:
    return pd.read_csv(sample_dir / "spend.csv", dtype={"period": str},
                       keep_default_na=False, na_values={"service_users": [""]})


def test_spend_covers_every_datazone_year_and_service_line_once(spend, lookup):
    assert list(spend.columns) == ["datazone_code", "period", "service_line", "spend_gbp",
                                   "service_users"]
    assert sorted(spend["period"].unique()) == ["2019/20", "2020/21", "2021/22", "2022/23",
                                                "2023/24"]
    assert spend["service_line"].nunique() == 5
    assert len(spend) == len(lookup) * 5 * 5
    assert not spend.duplicated(["datazone_code", "period", "service_line"]).any()
    assert set(spend["datazone_code"]) == set(lookup["datazone_code"])
    assert (spend["spend_gbp"] >= 0).all() and spend["spend_gbp"].dtype == np.int64


def test_spend_records_users_only_where_there_is_activity(spend):
    recorded = spend.groupby("service_line")["service_users"].apply(lambda users: users.notna().all())
    blank = spend.groupby("service_line")["service_users"].apply(lambda users: users.isna().all())
    assert (recorded | blank).all() and recorded.sum() == 3 and blank.sum() == 2
    with_users = spend[spend["service_users"].notna()]
    assert (with_users["service_users"] % 1 == 0).all()
    assert (with_users.loc[with_users["service_users"] == 0, "spend_gbp"] == 0).all()


def test_spend_per_head_follows_need(spend, simd, lookup):
    quintile = simd[simd["simd_edition"] == "SIMD 2020"].set_index("datazone_code")["simd_quintile"]
    residents = lookup.set_index("datazone_code")["population"]
    latest = spend[spend["period"] == "2023/24"].assign(
        quintile=lambda rows: rows["datazone_code"].map(quintile))
    by_quintile = latest.groupby(["service_line", "quintile"])["spend_gbp"].sum().unstack()
    per_head = by_quintile / residents.groupby(quintile).sum()
    assert per_head.sum().loc[1] > per_head.sum().loc[5]
    assert per_head.loc["Employability support", 1] > 2 * per_head.loc["Employability support", 5]
    assert per_head.loc["Parks and open spaces", 1] < per_head.loc["Parks and open spaces", 5]


def test_data_card_describes_spend(sample_dir):
    card = (sample_dir / "README.md").read_text()
    assert "| `spend.csv` |" in card and "## Service spend" in card
