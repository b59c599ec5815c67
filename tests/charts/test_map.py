"""pmf_kit.charts.map: SIMD classes, coordinates Vega can draw, simplification, size, tables."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import box

from pmf_kit import charts
from pmf_kit.errors import PmfKitError


def all_positions(spec: dict) -> np.ndarray:
    shapes = [shapely.geometry.shape(feature["geometry"]) for feature in spec["data"]["values"]]
    return shapely.get_coordinates(shapes)


def test_map_legend_lists_all_ten_deciles_in_order(datazones):
    spec = charts.datazone_map(datazones).to_dict()
    colour = spec["encoding"]["color"]
    assert colour["field"] == "simd_decile" and colour["type"] == "ordinal"
    assert colour["scale"]["domain"] == list(range(1, 11))
    assert colour["scale"]["range"] == charts.simd_palette(10)
    assert colour["legend"]["values"] == list(range(1, 11))
    assert colour["title"] == "SIMD decile (1 = most deprived)"
    assert "most deprived" in colour["legend"]["labelExpr"]


def test_map_quintiles_use_five_classes(datazones):
    spec = charts.datazone_map(datazones, colour_column="simd_quintile").to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == [1, 2, 3, 4, 5]


def test_map_is_in_rounded_longitude_latitude(datazones):
    spec = charts.datazone_map(datazones).to_dict()
    positions = all_positions(spec)
    assert np.all((-3.3 < positions[:, 0]) & (positions[:, 0] < -3.1))
    assert np.all((56.0 < positions[:, 1]) & (positions[:, 1] < 56.2))
    scaled = positions * 10**charts.COORDINATE_DECIMALS
    assert np.allclose(scaled, np.round(scaled), rtol=0, atol=1e-6)
    assert spec["projection"] == {"type": "mercator"}


def test_map_outer_rings_are_clockwise_for_vega(datazones):
    anticlockwise = datazones.assign(geometry=shapely.orient_polygons(datazones.geometry.values))
    spec = charts.datazone_map(anticlockwise).to_dict()
    for feature in spec["data"]["values"]:
        ring = shapely.geometry.shape(feature["geometry"]).exterior
        assert not ring.is_ccw


def test_map_features_carry_only_needed_properties(datazones):
    with_extra = datazones.assign(secret=1)
    spec = charts.datazone_map(with_extra, tooltip_columns=("datazone_name",)).to_dict()
    feature = spec["data"]["values"][0]
    assert set(feature) == {"type", "geometry", "datazone_name", "simd_decile"}
    assert [tooltip["title"] for tooltip in spec["encoding"]["tooltip"]] == ["Data zone"]


def test_map_has_description_and_title(datazones):
    spec = charts.datazone_map(datazones, title="Kirkcaldy by SIMD decile").to_dict()
    assert spec["title"]["text"] == "Kirkcaldy by SIMD decile"
    assert "9 data zones" in spec["description"]
    assert "2 in class 1" in spec["description"] and "0 in class 10" in spec["description"]


def test_map_refuses_more_than_5000_areas():
    squares = [box(x, 0, x + 1, 1) for x in range(5001)]
    many = gpd.GeoDataFrame(
        {"datazone_code": range(5001), "datazone_name": "x", "simd_decile": 1},
        geometry=squares,
        crs=27700,
    )
    with pytest.raises(PmfKitError, match="at most 5,000 areas and was given 5,001"):
        charts.datazone_map(many)


def test_map_needs_a_crs(datazones):
    with pytest.raises(PmfKitError, match="coordinate reference system"):
        charts.datazone_map(datazones.set_crs(None, allow_override=True))


def test_map_simplifies_in_metres_keeping_neighbours_joined():
    wiggle = [(0, 0), (20, 3), (40, 0), (1000, 0)]
    north = shapely.Polygon([*wiggle, (1000, 1000), (0, 1000)])
    south = shapely.Polygon([*wiggle, (1000, -1000), (0, -1000)])
    areas = gpd.GeoDataFrame(
        {"datazone_code": ["a", "b"], "datazone_name": ["A", "B"], "simd_decile": [1, 2]},
        geometry=gpd.GeoSeries([north, south], crs=27700).translate(327000, 691000),
    )
    kept = charts.datazone_map(areas, simplify_metres=0).to_dict()["data"]["values"]
    simplified = charts.datazone_map(areas, simplify_metres=10).to_dict()["data"]["values"]
    assert sum(len(feature["geometry"]["coordinates"][0]) for feature in simplified) < sum(
        len(feature["geometry"]["coordinates"][0]) for feature in kept
    )
    north_shape, south_shape = (shapely.geometry.shape(area["geometry"]) for area in simplified)
    assert north_shape.intersection(south_shape).length > 0
    assert north_shape.intersection(south_shape).area == 0


def test_map_tables(datazones):
    table = charts.datazone_map_table(datazones)
    assert list(table.columns) == ["Data zone code", "Data zone", "SIMD decile (1 = most deprived)"]
    assert table["SIMD decile (1 = most deprived)"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 4]
    counts = charts.simd_class_counts(datazones)
    assert list(counts.columns) == ["SIMD decile (1 = most deprived)", "Number of data zones"]
    assert counts["Number of data zones"].tolist() == [2, 2, 2, 3, 0, 0, 0, 0, 0, 0]


def test_map_spec_stays_small(datazones):
    spec = charts.datazone_map(datazones).to_dict()
    assert len(json.dumps(spec["data"]["values"])) < 3_000
