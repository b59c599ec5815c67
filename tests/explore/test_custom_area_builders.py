"""Custom areas made interactively: from data zones, from intermediate zones or wards, from a
GeoJSON map selection (codes, polygons, points); saved to YAML the batch reads back."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
import shapely
import yaml

import pmf_kit as pk
from pmf_kit.batch.runsets import load_run_set
from pmf_kit.data.custom_areas import load_custom_areas
from pmf_kit.errors import ConfigError, DataFileError, UnknownAreaError
from tests.conftest import PROJECT_ROOT, SAMPLE_DATASET


@pytest.fixture(scope="module")
def sample():
    return pk.open_dataset(SAMPLE_DATASET)


def write_geojson(path, features):
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def feature(geometry, **properties):
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def test_from_a_list_of_datazones_by_code_or_name(tiny):
    assert pk.from_datazones(tiny, "Harbour", ["XD0000004", "Southport - 02", "XD0000004"]) == {
        "Harbour": ["XD0000004", "XD0000005"]}
    with pytest.raises(UnknownAreaError, match="XD0000099"):
        pk.from_datazones(tiny, "Harbour", ["XD0000099"])


def test_from_intermediate_zones_and_from_wards(tiny):
    assert pk.from_areas(tiny, "North", ["Northtown", "Hillfoot"], "intermediate_zone") == {
        "North": ["XD0000001", "XD0000002", "XD0000003"]}
    assert pk.from_areas(tiny, "Middle", ["Middle Ward"], "ward") == {"Middle": ["XD0000003", "XD0000004"]}


def test_from_geojson_features_carrying_datazone_codes(tiny, tmp_path):
    path = write_geojson(tmp_path / "picked.geojson", [
        feature(None, DataZone="XD0000006"), feature({"type": "Point", "coordinates": [0, 0]}, DataZone="XD0000001")])
    assert pk.from_geojson(tiny, "Picked", path) == {"Picked": ["XD0000006", "XD0000001"]}
    write_geojson(path, [feature(None, DataZone="XD0000006"), feature(None, DataZone="S01000001")])
    with pytest.raises(DataFileError) as error:
        pk.from_geojson(tiny, "Picked", path)
    assert (error.value.row, error.value.column, error.value.found) == (2, "DataZone", "S01000001")


def test_from_a_drawn_polygon_takes_the_datazones_whose_representative_point_is_inside(sample, tmp_path):
    boundaries = sample.datazone_boundaries.set_index("datazone_code")
    chosen = ["X01000010", "X01000011", "X01000012"]
    drawn = shapely.union_all(boundaries.loc[chosen].geometry.to_numpy()).buffer(-5)
    wgs84 = gpd.GeoSeries([drawn], crs=27700).to_crs(4326).iloc[0]
    path = write_geojson(tmp_path / "drawn.geojson", [feature(shapely.geometry.mapping(wgs84), name="drawn")])
    assert sorted(pk.from_geojson(sample, "Drawn", path)["Drawn"]) == chosen


def test_from_points_takes_the_datazones_they_fall_in(sample, tmp_path):
    point = sample.datazone_boundaries.set_index("datazone_code").loc["X01000100"].geometry.representative_point()
    wgs84 = gpd.GeoSeries([point], crs=27700).to_crs(4326).iloc[0]
    path = write_geojson(tmp_path / "points.geojson", [feature(shapely.geometry.mapping(wgs84))])
    assert pk.from_geojson(sample, "Point", path) == {"Point": ["X01000100"]}


def test_the_committed_map_selection_is_inverbrackie_town_centre(sample):
    areas = pk.from_geojson(sample, "Town centre", PROJECT_ROOT / "parameters" / "custom" / "map-selection.geojson")
    localities = set(sample.geography.lookup.set_index("datazone_code").loc[areas["Town centre"], "locality_name"])
    assert localities == {"Inverbrackie"} and len(areas["Town centre"]) > 10


def test_geojson_errors(tiny, sample, tmp_path):
    with pytest.raises(DataFileError, match="no such file"):
        pk.from_geojson(tiny, "X", tmp_path / "missing.geojson")
    empty = write_geojson(tmp_path / "empty.geojson", [])
    with pytest.raises(ConfigError, match="no features"):
        pk.from_geojson(tiny, "X", empty)
    shape = write_geojson(tmp_path / "shape.geojson", [feature({"type": "Point", "coordinates": [-3.0, 56.0]})])
    with pytest.raises(ConfigError, match="no boundaries"):
        pk.from_geojson(tiny, "X", shape)
    far_away = write_geojson(tmp_path / "far.geojson", [feature({"type": "Point", "coordinates": [10.0, 50.0]})])
    with pytest.raises(ConfigError, match="no data zone"):
        pk.from_geojson(sample, "X", far_away)


def test_saved_areas_are_read_back_by_the_batch_and_added_to_the_data_set(tiny, tmp_path):
    areas = {**pk.from_datazones(tiny, "Harbour", ["XD0000004", "XD0000005"]),
             **pk.from_areas(tiny, "North", ["Northtown"], "intermediate_zone")}
    path = tmp_path / "custom" / "areas.yaml"
    added = pk.use_custom_areas(tiny, areas, path)
    assert list(added["name"]) == ["Harbour", "North"]
    assert yaml.safe_load(path.read_text())["areas"][0] == {"name": "Harbour", "datazones": ["XD0000004", "XD0000005"]}
    reopened = pk.open_dataset(tiny.path, custom_areas=path)
    assert reopened.find_area("Harbour", "custom").code == "CUSTOM-HARBOUR"
    assert set(load_custom_areas(path, tiny.geography)["name"]) == {"Harbour", "North"}


def test_the_custom_area_run_set_profiles_every_area_of_the_custom_areas_file():
    run_set = load_run_set(PROJECT_ROOT / "parameters" / "sample" / "custom-areas.yaml")
    assert [report.label for report in run_set.reports] == ["Coast and islands", "Inverbrackie town centre"]
    assert {report.parameters["custom_areas"] for report in run_set.reports} == {"parameters/custom/areas.yaml"}
    assert run_set.reports[1].parameters["area"] == "CUSTOM-INVERBRACKIE-TOWN-CENTRE"
