"""Readers of published formats: every quirk of the real files and every error path.

The fixtures under tests/fixtures/sources/scotland_2011 are four synthetic data zones that copy
the quirks of the real files (see make_fixtures.py); error cases edit a copy in tmp_path.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import shapely

from pmf_kit.errors import DataFileError, PmfKitError
from pmf_kit.sources import (
    DownloadError,
    download,
    esp2013_age_bands,
    read_datazone_boundaries,
    read_datazone_centroids,
    read_intermediate_zone_boundaries,
    read_phs_datazone_labels,
    read_phs_locality_lookup,
    read_sape_table_csv,
    read_sape_workbook,
    read_scotpho_geo_lookup,
    read_sg_datazone_lookup,
    read_simd_csv,
    read_simd_workbook,
    read_urban_rural_2020,
    read_wkt_boundaries_csv,
)
from pmf_kit.sources.population import age_band
from pmf_kit.sources.tables import suppressed
from pmf_kit.stats.standardisation import ESP2013_AGE_BANDS
from tests.conftest import FIXTURES, REAL_DATA

SOURCE_FIXTURES = FIXTURES / "sources" / "scotland_2011"
SIMD16 = SOURCE_FIXTURES / "simd" / "SIMD16_Data.xlsx"
SIMD20 = SOURCE_FIXTURES / "simd" / "SIMD20_Data.xlsx"
SIMD20_CSV = SOURCE_FIXTURES / "simd" / "simd2020_withinds_oobrien.csv"
SG_LOOKUP = SOURCE_FIXTURES / "lookups" / "Datazone2011lookup_SG.csv"
PHS_LABELS = SOURCE_FIXTURES / "lookups" / "dz2011_codes_and_labels_PHS.csv"
PHS_LOCALITIES = SOURCE_FIXTURES / "lookups" / "datazone_to_hscp_locality_lookup_PHS_partial.csv"
URBAN_RURAL = SOURCE_FIXTURES / "lookups" / "datazone2011_urban_rural_2020.csv"
SCOTPHO = SOURCE_FIXTURES / "lookups" / "scotpho_geo_lookup.csv"
CENTROIDS = SOURCE_FIXTURES / "lookups" / "dz2011_centroids_oobrien.geojson"
SAPE_MALES = SOURCE_FIXTURES / "population" / "sape-2021-males.xlsx"
SAPE_FEMALES = SOURCE_FIXTURES / "population" / "sape-2021-females.xlsx"
SAPE_PERSONS = SOURCE_FIXTURES / "population" / "sape-2021-persons.xlsx"
SAPE_2020 = SOURCE_FIXTURES / "population" / "sape-2020-persons_Table1a.csv"
DZ_BOUNDARIES = SOURCE_FIXTURES / "boundaries" / "dz2011_simplified_wgs84.geojson"
IZ_BOUNDARIES = SOURCE_FIXTURES / "boundaries" / "iz2011_simplified_wgs84.geojson"
IZ_WKT = SOURCE_FIXTURES / "boundaries" / "iz2011_bng_wkt_fife.csv"
DATAZONES = ["S01006506", "S01006507", "S01010206", "S01010207"]


def edited_text(source: Path, tmp_path: Path, old: str, new: str, encoding: str = "utf-8-sig") -> Path:
    """A copy of a text fixture with every occurrence of a piece of text replaced."""
    text = source.read_text(encoding=encoding)
    assert old in text, f"fixture {source.name} has no {old!r} to replace"
    copy = tmp_path / source.name
    copy.write_text(text.replace(old, new), encoding=encoding)
    return copy


def edited_workbook(source: Path, tmp_path: Path, sheet: str, cell: str, value: object) -> Path:
    """A copy of a workbook fixture with one cell changed."""
    workbook = openpyxl.load_workbook(source)
    workbook[sheet][cell] = value
    copy = tmp_path / source.name
    workbook.save(copy)
    return copy


# --- SIMD ------------------------------------------------------------------------------------


def test_simd16_workbook_drops_trailing_note_rows_and_blank_row():
    simd = read_simd_workbook(SIMD16)
    assert list(simd["datazone_code"]) == DATAZONES
    assert set(simd["simd_edition"]) == {"SIMD 2016"}


def test_simd16_council_and_zone_names_lose_their_underscores():
    simd = read_simd_workbook(SIMD16)
    assert list(simd["council_name"]) == ["Aberdeen City"] * 2 + ["Glasgow City"] * 2


def test_simd16_columns_take_our_names_shared_with_2020():
    columns16 = set(read_simd_workbook(SIMD16).columns)
    columns20 = set(read_simd_workbook(SIMD20).columns)
    for name in ["working_age_population", "simd_rank", "simd_quintile", "access_rank",
                 "income_count", "employment_count", "no_qualifications", "university"]:
        assert name in columns16 and name in columns20


def test_suppressed_cell_is_missing_and_flagged_never_zero():
    simd = read_simd_workbook(SIMD16)
    petershill_02 = simd.iloc[3]
    assert pd.isna(petershill_02["attainment"])
    assert petershill_02["attainment_suppressed"]
    assert list(suppressed(simd, "attainment")) == [False, False, False, True]


def test_suppressed_count_used_by_indicators_is_flagged():
    simd = read_simd_workbook(SIMD16)
    assert list(suppressed(simd, "employment_count")) == [False, False, False, True]
    assert simd["employment_count"].isna().tolist() == [False, False, False, True]


def test_column_without_suppression_reports_no_flags():
    simd = read_simd_workbook(SIMD16)
    assert "income_count_suppressed" not in simd.columns
    assert not suppressed(simd, "income_count").any()


def test_excel_value_error_for_empty_data_zone_is_missing_not_suppressed():
    simd = read_simd_workbook(SIMD16)
    empty_zone = simd.iloc[2]
    assert empty_zone["total_population"] == 0
    assert pd.isna(empty_zone["income_rate"])
    assert not suppressed(simd, "income_rate").any()


def test_tied_domain_ranks_keep_their_halves():
    simd = read_simd_workbook(SIMD16)
    assert simd.iloc[2]["income_rank"] == 6975.5


def test_simd20_blank_cell_is_missing_without_flag():
    simd = read_simd_workbook(SIMD20)
    assert pd.isna(simd.iloc[3]["cif"])
    assert not suppressed(simd, "cif").any()
    assert list(suppressed(simd, "crime_count")) == [False, False, True, False]


def test_simd_csv_byte_order_mark_percent_text_and_na():
    simd = read_simd_csv(SIMD20_CSV)
    assert simd.columns[1] == "datazone_code"
    assert list(simd["datazone_code"]) == DATAZONES
    assert simd.iloc[0]["income_rate"] == pytest.approx(0.08)
    assert pd.isna(simd.iloc[1]["attainment"])
    assert not suppressed(simd, "attainment").any()
    assert list(suppressed(simd, "crime_count")) == [False, False, True, False]


def test_simd_csv_and_workbook_agree_on_ranks():
    columns = ["datazone_code", "simd_rank", "simd_quintile", "income_count"]
    pd.testing.assert_frame_equal(read_simd_csv(SIMD20_CSV)[columns], read_simd_workbook(SIMD20)[columns])


def test_simd_text_in_numeric_column_names_file_sheet_row_and_column(tmp_path):
    broken = edited_workbook(SIMD20, tmp_path, "Data", "S3", "seventy")
    with pytest.raises(DataFileError) as caught:
        read_simd_workbook(broken)
    error = caught.value
    assert (error.sheet, error.row, error.column, error.found) == ("Data", 3, "income_count", "seventy")
    assert str(broken) in str(error) and "sheet 'Data'" in str(error) and "row 3" in str(error)


def test_simd_blank_rank_is_an_error(tmp_path):
    broken = edited_workbook(SIMD20, tmp_path, "Data", "F4", None)
    with pytest.raises(DataFileError, match="row 4, column 'SIMD2020v2_Rank'"):
        read_simd_workbook(broken)


def test_simd_missing_column_is_named(tmp_path):
    broken = edited_workbook(SIMD20, tmp_path, "Data", "J1", "Quintile")
    with pytest.raises(DataFileError) as caught:
        read_simd_workbook(broken)
    assert caught.value.column == "SIMD2020v2_Quintile"
    assert caught.value.row == 1


def test_simd_unrecognised_edition_says_what_was_expected(tmp_path):
    broken = edited_workbook(SIMD20, tmp_path, "Data", "F1", "Rank")
    with pytest.raises(DataFileError, match="SIMD 2016 or 2020v2"):
        read_simd_workbook(broken)


def test_simd_unknown_data_zone_code_names_its_row(tmp_path):
    with pytest.raises(DataFileError) as caught:
        read_simd_workbook(SIMD20, datazones=DATAZONES[:3] + ["S01099999"])
    assert (caught.value.row, caught.value.column, caught.value.found) == (5, "Data_Zone", "S01010207")


def test_simd_wrong_row_count_against_the_lookup():
    with pytest.raises(DataFileError, match="one row for each of the 5 data zones") as caught:
        read_simd_workbook(SIMD20, datazones=DATAZONES + ["S01013481"])
    assert "4 rows; missing S01013481" in str(caught.value)


def test_simd_malformed_code_is_an_error(tmp_path):
    broken = edited_text(SIMD20_CSV, tmp_path, "S01006507", "X01006507")
    with pytest.raises(DataFileError, match="row 3, column 'Data_Zone'"):
        read_simd_csv(broken)


def test_simd_duplicated_code_is_an_error(tmp_path):
    broken = edited_text(SIMD20_CSV, tmp_path, "S01006507", "S01006506")
    with pytest.raises(DataFileError, match="each data zone once"):
        read_simd_csv(broken)


def test_simd_missing_sheet_is_named(tmp_path):
    workbook = openpyxl.load_workbook(SIMD20)
    workbook["Data"].title = "Figures"
    workbook.save(tmp_path / "SIMD20_Data.xlsx")
    with pytest.raises(DataFileError, match="a sheet called 'Data'"):
        read_simd_workbook(tmp_path / "SIMD20_Data.xlsx")


def test_missing_file_is_reported_plainly(tmp_path):
    with pytest.raises(DataFileError, match="no such file"):
        read_simd_workbook(tmp_path / "SIMD20_Data.xlsx")


def test_file_that_is_not_a_workbook_is_reported(tmp_path):
    (tmp_path / "SIMD20_Data.xlsx").write_text("not a workbook")
    with pytest.raises(DataFileError, match="readable .xlsx"):
        read_simd_workbook(tmp_path / "SIMD20_Data.xlsx")


# --- Lookups ---------------------------------------------------------------------------------


def test_sg_lookup_gives_every_level_in_our_names():
    lookup = read_sg_datazone_lookup(SG_LOOKUP)
    assert lookup.loc[0, ["datazone_code", "ward_code", "council_name", "scotland_code"]].tolist() == [
        "S01006506", "S13002843", "Aberdeen City", "S92000003"]


def test_phs_labels_give_hscp_and_nhs_board_names():
    labels = read_phs_datazone_labels(PHS_LABELS, DATAZONES)
    assert labels.loc[2, ["hscp_code", "health_board_name"]].tolist() == [
        "S37000034", "NHS Greater Glasgow and Clyde"]


def test_locality_lookup_is_partial_and_names_are_trimmed():
    localities = read_phs_locality_lookup(PHS_LOCALITIES, DATAZONES)
    assert list(localities["datazone_code"]) == DATAZONES[:2]
    assert set(localities["hscp_locality_name"]) == {"Aberdeen South"}


def test_locality_lookup_rejects_data_zone_outside_the_lookup():
    with pytest.raises(DataFileError, match="row 3, column 'DataZone'"):
        read_phs_locality_lookup(PHS_LOCALITIES, DATAZONES[:1] + DATAZONES[2:])


def test_urban_rural_classes_are_whole_numbers():
    urban_rural = read_urban_rural_2020(URBAN_RURAL, DATAZONES)
    assert urban_rural["urban_rural_6fold"].tolist() == [1, 1, 1, 2]


def test_urban_rural_class_out_of_range_is_an_error(tmp_path):
    broken = edited_text(URBAN_RURAL, tmp_path, "S01010207,1,1,2,2", "S01010207,1,1,7,2")
    with pytest.raises(DataFileError, match="row 5, column 'UrbanRural6fold2020'"):
        read_urban_rural_2020(broken)


def test_lookup_missing_column_is_named(tmp_path):
    broken = edited_text(SG_LOOKUP, tmp_path, "MMWard_Code", "Ward_Code")
    with pytest.raises(DataFileError) as caught:
        read_sg_datazone_lookup(broken)
    assert (caught.value.row, caught.value.column) == (1, "MMWard_Code")


def test_repeated_column_name_is_an_error(tmp_path):
    broken = edited_text(URBAN_RURAL, tmp_path, "UrbanRural3fold2020", "UrbanRural2fold2020")
    with pytest.raises(DataFileError, match="row 1, column 'UrbanRural2fold2020': expected each column"):
        read_urban_rural_2020(broken)


def test_scotpho_geo_lookup_reads_area_types():
    areas = read_scotpho_geo_lookup(SCOTPHO)
    assert areas["area_type"].tolist() == ["Scotland", "HSC partnership", "HSC partnership", "HSC locality", "HSC locality"]
    assert areas.loc[areas["code"] == "S99000001", "parent_area"].tolist() == ["Aberdeen City"]


# --- Population ------------------------------------------------------------------------------


def test_sape_workbook_header_on_row_3_is_found_and_sheet_name_varies():
    females = read_sape_workbook(SAPE_FEMALES)
    males = read_sape_workbook(SAPE_MALES)
    assert set(females["sex"]) == {"female"} and set(males["sex"]) == {"male"}
    assert females["source_row"].min() == 4
    assert sorted(females["age"].unique()) == list(range(91))


def test_sape_persons_equal_males_plus_females():
    persons = read_sape_workbook(SAPE_PERSONS)
    both = pd.concat([read_sape_workbook(SAPE_MALES), read_sape_workbook(SAPE_FEMALES)])
    assert set(persons["sex"]) == {"persons"}
    assert persons["population"].sum() == both["population"].sum()


def test_sape_total_that_does_not_add_up_is_an_error(tmp_path):
    broken = edited_workbook(SAPE_MALES, tmp_path, "Population_male_2021", "F4", 999)
    with pytest.raises(DataFileError) as caught:
        read_sape_workbook(broken)
    assert (caught.value.sheet, caught.value.row, caught.value.column) == (
        "Population_male_2021", 4, "Total population")


def test_sape_missing_age_column_is_an_error(tmp_path):
    broken = edited_workbook(SAPE_MALES, tmp_path, "Population_male_2021", "AA3", "Age twenty")
    with pytest.raises(DataFileError, match="no column for age 20"):
        read_sape_workbook(broken)


def test_sape_unknown_sex_is_an_error(tmp_path):
    broken = edited_workbook(SAPE_MALES, tmp_path, "Population_male_2021", "E5", "Both")
    with pytest.raises(DataFileError, match="row 5, column 'Sex'"):
        read_sape_workbook(broken)


def test_sape_without_header_row_says_what_it_looked_for(tmp_path):
    broken = edited_workbook(SAPE_MALES, tmp_path, "Population_male_2021", "A3", "Code")
    with pytest.raises(DataFileError, match="header row starting 'Data zone code'"):
        read_sape_workbook(broken)


def test_sape_2020_csv_skips_banner_total_subheader_and_cp1252_footer():
    population = read_sape_table_csv(SAPE_2020)
    assert population["datazone_code"].unique().tolist() == DATAZONES
    assert population["source_row"].unique().tolist() == [7, 8, 9, 10]
    assert set(population["sex"]) == {"persons"}


def test_sape_2020_csv_reads_thousands_separators():
    population = read_sape_table_csv(SAPE_2020)
    assert population[population["datazone_code"] == "S01010207"]["population"].sum() == 1092


def test_sape_2020_scotland_total_must_match_the_data_zones(tmp_path):
    broken = edited_text(SAPE_2020, tmp_path, '"1,912"', '"1,913"', encoding="cp1252")
    with pytest.raises(DataFileError, match="row 5, column 'All ages'"):
        read_sape_table_csv(broken)


def test_sape_2020_stray_text_row_is_an_error(tmp_path):
    broken = edited_text(SAPE_2020, tmp_path, "S01006507,", "Notes,", encoding="cp1252")
    with pytest.raises(DataFileError, match="row 8, column 'Area code'"):
        read_sape_table_csv(broken)


def test_age_bands_follow_esp2013():
    assert [age_band(age) for age in (0, 4, 5, 89, 90)] == ["0-4", "0-4", "5-9", "85-89", "90+"]
    assert len(ESP2013_AGE_BANDS) == 19


def test_esp2013_bands_keep_every_resident():
    single_years = read_sape_workbook(SAPE_FEMALES)
    bands = esp2013_age_bands(single_years)
    assert bands["population"].sum() == single_years["population"].sum()
    first_zone = bands[bands["datazone_code"] == DATAZONES[0]]
    assert first_zone["age_band"].tolist() == list(ESP2013_AGE_BANDS)


# --- Boundaries ------------------------------------------------------------------------------


def test_datazone_boundaries_are_made_valid_in_british_national_grid():
    boundaries = read_datazone_boundaries(DZ_BOUNDARIES, DATAZONES)
    assert boundaries.crs.to_epsg() == 27700
    assert boundaries.is_valid.all()
    assert boundaries.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    assert boundaries.loc[2, "geometry"].area > 0
    assert boundaries.columns.tolist() == ["datazone_code", "datazone_name", "geometry"]


def test_invalid_polygons_can_be_dissolved():
    boundaries = read_datazone_boundaries(DZ_BOUNDARIES)
    assert boundaries.dissolve().is_valid.all()


def test_boundary_with_unknown_data_zone_is_an_error():
    with pytest.raises(DataFileError, match="a data zone code of the lookup"):
        read_datazone_boundaries(DZ_BOUNDARIES, DATAZONES[:3])


def test_boundary_without_code_property_is_named(tmp_path):
    broken = edited_text(DZ_BOUNDARIES, tmp_path, '"dz11_code"', '"zone"', encoding="utf-8")
    with pytest.raises(DataFileError, match="feature property for datazone_code"):
        read_datazone_boundaries(broken)


def test_intermediate_zone_boundaries_are_valid():
    zones = read_intermediate_zone_boundaries(IZ_BOUNDARIES)
    assert zones.is_valid.all() and zones.crs.to_epsg() == 27700


def test_centroids_are_points_in_british_national_grid():
    centroids = read_datazone_centroids(CENTROIDS, DATAZONES)
    assert centroids.geom_type.eq("Point").all() and centroids.crs.to_epsg() == 27700
    assert 380_000 < centroids.geometry.x.iloc[0] < 390_000


def test_wkt_in_british_national_grid_stays_put():
    zones = read_wkt_boundaries_csv(IZ_WKT)
    assert zones.crs.to_epsg() == 27700
    assert zones.geometry.iloc[0].area == pytest.approx(1_000_000)
    assert zones["total_population"].tolist() == [3129, 2400]


def test_broken_wkt_names_its_row(tmp_path):
    broken = edited_text(IZ_WKT, tmp_path, "POLYGON ((293000", "POLYGON ((oops", encoding="utf-8")
    with pytest.raises(DataFileError, match="row 2, column 'geometry'"):
        read_wkt_boundaries_csv(broken)


def test_full_resolution_wkt_beyond_csv_default_cell_size_is_read(tmp_path):
    circle = shapely.Point(300_000, 700_000).buffer(1_000, quad_segs=4_000)
    header = IZ_WKT.read_text().splitlines()[0]
    (tmp_path / "iz.csv").write_text(f'{header}\nS02001738,Kincardine,3129,6,79,76,"{circle.wkt}",1,1,1,1,1,1\n')
    assert len(circle.wkt) > 131_072
    zones = read_wkt_boundaries_csv(tmp_path / "iz.csv")
    assert zones.geometry.iloc[0].area == pytest.approx(circle.area)


def test_wkt_self_intersection_is_repaired():
    zones = read_wkt_boundaries_csv(IZ_WKT)
    assert shapely.is_valid(zones.geometry.to_numpy()).all()


# --- Download --------------------------------------------------------------------------------


def test_download_from_file_url_lands_in_the_cache(tmp_path):
    cache = tmp_path / "cache"
    path = download(SIMD20_CSV.as_uri(), cache)
    assert path == cache / SIMD20_CSV.name
    assert path.read_bytes() == SIMD20_CSV.read_bytes()
    assert not list(cache.glob(".*.tmp*"))


def test_download_uses_a_file_placed_by_hand_without_the_network(tmp_path):
    placed = tmp_path / "SIMD20_Data.xlsx"
    shutil.copy(SIMD20, placed)
    assert download("http://127.0.0.1:9/SIMD20_Data.xlsx", tmp_path) == placed


@pytest.fixture
def local_server(tmp_path):
    """An HTTP server on 127.0.0.1 serving the fixture folder; never the internet."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SOURCE_FIXTURES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_download_over_http_from_a_local_server(tmp_path, local_server):
    path = download(f"{local_server}/lookups/scotpho_geo_lookup.csv", tmp_path / "cache")
    assert path.read_bytes() == SCOTPHO.read_bytes()


def test_download_http_error_names_the_file_to_place_by_hand(tmp_path, local_server):
    with pytest.raises(DownloadError, match="404") as caught:
        download(f"{local_server}/no-such-file.csv", tmp_path / "cache")
    assert caught.value.target == tmp_path / "cache" / "no-such-file.csv"
    assert not (tmp_path / "cache" / "no-such-file.csv").exists()


def test_download_without_network_says_so_and_where_to_put_the_file(tmp_path):
    # Port 9 (discard) on the loopback address has no listener: the connection is refused
    # at once, which is what an offline machine sees.
    with pytest.raises(DownloadError) as caught:
        download("http://127.0.0.1:9/SIMD20_Data.xlsx", tmp_path / "cache")
    message = str(caught.value)
    assert "no network" in message
    assert "http://127.0.0.1:9/SIMD20_Data.xlsx" in message
    assert str(tmp_path / "cache" / "SIMD20_Data.xlsx") in message
    assert isinstance(caught.value, PmfKitError)
    assert not list((tmp_path / "cache").iterdir())


def test_download_needs_a_file_name_it_can_tell(tmp_path):
    with pytest.raises(PmfKitError, match="filename="):
        download("http://127.0.0.1:9/", tmp_path)


# --- The real published files (../shared/realdata) -------------------------------------------

needs_real_data = pytest.mark.skipif(
    not REAL_DATA.is_dir(), reason=f"real data folder {REAL_DATA} is absent (it sits beside the repository)"
)


@pytest.mark.integration
@needs_real_data
def test_real_simd_csv_agrees_with_the_workbook_despite_its_rounding():
    from_csv = read_simd_csv(REAL_DATA / "simd" / "simd2020_withinds_oobrien.csv")
    raw = pd.read_csv(REAL_DATA / "simd" / "simd2020_withinds_oobrien.csv", encoding="utf-8-sig")
    assert len(from_csv) == 6976
    assert from_csv["simd_quintile"].tolist() == raw["SIMD2020v2_Quintile"].tolist()
    assert from_csv["income_count"].sum() == raw["income_count"].sum()
    percent_text = raw["income_rate"].str.rstrip("%").astype(float) / 100
    assert from_csv["income_rate"].tolist() == pytest.approx(percent_text.tolist())
    assert suppressed(from_csv, "crime_count").sum() == (raw["crime_count"] == "*").sum() == 500


@pytest.mark.integration
@needs_real_data
@pytest.mark.parametrize("council, zones", [
    ("fife", 104), ("moray", 24), ("south_ayrshire", 25), ("scottish_borders", 30),
])
def test_real_wkt_intermediate_zones(council, zones):
    areas = read_wkt_boundaries_csv(REAL_DATA / "boundaries" / f"iz2011_bng_wkt_{council}.csv")
    assert len(areas) == zones and areas["intermediate_zone_code"].is_unique
    assert areas.is_valid.all() and areas.crs.to_epsg() == 27700


@pytest.mark.integration
@needs_real_data
def test_real_intermediate_zone_boundaries_are_all_repaired():
    zones = read_intermediate_zone_boundaries(REAL_DATA / "boundaries" / "iz2011_simplified_wgs84.geojson")
    assert len(zones) == 1279 and zones.is_valid.all()
    assert zones.geom_type.isin(["Polygon", "MultiPolygon"]).all()


@pytest.mark.integration
@needs_real_data
def test_real_centroids_and_scotpho_dictionary():
    centroids = read_datazone_centroids(REAL_DATA / "lookups" / "dz2011_centroids_oobrien.geojson")
    assert len(centroids) == 6976 and centroids["datazone_code"].is_unique
    areas = read_scotpho_geo_lookup(REAL_DATA / "lookups" / "scotpho_geo_lookup.csv")
    assert (areas["area_type"] == "HSC locality").sum() == 127

