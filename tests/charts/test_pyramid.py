"""Tests for pmf_kit.charts: specs, palettes, accessibility text, data tables and offline export."""

from __future__ import annotations

import json
import os

import altair as alt
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

from pmf_kit import charts
from pmf_kit.errors import PmfKitError, UnknownAreaError

FINANCIAL_YEARS = ["2019/20", "2020/21", "2021/22", "2022/23"]
QUINTILE_LABEL = "SIMD 2020 national quintile (1 = most deprived)"


def layers_of(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def marks_of(spec: dict) -> list[str]:
    return [layer["mark"]["type"] for layer in layers_of(spec)]


def layer_with_mark(spec: dict, mark: str) -> dict:
    return next(layer for layer in layers_of(spec) if layer["mark"]["type"] == mark)


def inline_rows(spec: dict, layer: dict) -> list[dict]:
    """The rows a layer draws: its own inline data or the top-level named dataset."""
    name = layer.get("data", spec.get("data", {})).get("name")
    return spec["datasets"][name]


@pytest.fixture
def trend() -> pd.DataFrame:
    rows = []
    for area, base in [("Scotland", 70.0), ("Levenmouth", 60.0)]:
        for offset, period in enumerate(FINANCIAL_YEARS):
            value = base + offset
            rows.append(
                {
                    "area_name": area,
                    "period": period,
                    "period_start": pd.Timestamp(f"{period[:4]}-04-01"),
                    "value": value,
                    "lower_ci": value - 2,
                    "upper_ci": value + 2.25,
                }
            )
    return pd.DataFrame(rows).iloc[[5, 2, 7, 0, 3, 6, 1, 4]]


@pytest.fixture
def comparison() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_name": ["Fife", "Levenmouth", "Scotland", "Kirkcaldy"],
            "value": [11.9, 18.2, 14.0, np.nan],
            "lower_ci": [10.9, 16.0, 13.8, np.nan],
            "upper_ci": [12.9, 20.5, 14.2, np.nan],
        }
    )


@pytest.fixture
def gradient() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "quantile": [3, 1, 5, 2, 4],
            "value": [71.0, 62.5, 78.9, 66.0, 74.2],
            "lower_ci": [69.0, 60.0, 77.0, 64.0, 72.0],
            "upper_ci": [73.0, 65.0, 80.8, 68.0, 76.4],
        }
    )


@pytest.fixture
def population() -> pd.DataFrame:
    rows = [
        {"sex": sex, "age_band": band, "population": 10 + index, "comparator_share": 2.5}
        for sex in ("female", "male")
        for index, band in enumerate(charts.ESP2013_AGE_BANDS)
    ]
    return pd.DataFrame(rows)


@pytest.fixture
def datazones() -> gpd.GeoDataFrame:
    """A 3 x 3 grid of 1 km squares near Kirkcaldy in British National Grid, deciles 1-4 only."""
    squares = [
        box(x, y, x + 1000, y + 1000)
        for y in range(691000, 694000, 1000)
        for x in range(327000, 330000, 1000)
    ]
    return gpd.GeoDataFrame(
        {
            "datazone_code": [f"S0100{index:04d}" for index in range(9)],
            "datazone_name": [f"Kirkcaldy {index}" for index in range(9)],
            "simd_decile": [1, 1, 2, 2, 3, 3, 4, 4, 4],
            "simd_quintile": [1, 1, 1, 1, 2, 2, 2, 2, 2],
        },
        geometry=squares,
        crs=27700,
    )


# ----------------------------------------------------------------------------- theme and setup


def test_pmf_kit_theme_is_registered_and_active():
    assert "pmf_kit" in alt.theme.names()
    assert alt.theme.active == "pmf_kit"
    config = charts.pmf_kit_theme()["config"]
    assert config["range"]["category"][0] == charts.HIGHLIGHT_COLOUR
    assert "Arial" in config["font"]


def test_theme_config_reaches_the_chart_spec(comparison):
    spec = charts.comparison_bars(comparison, "t", "u", "Fife").to_dict()
    assert spec["config"]["font"] == charts.FONT


def test_offline_rendering_keeps_html_renderer_and_row_guard(comparison):
    alt.renderers.enable("mimetype")
    alt.data_transformers.disable_max_rows()
    charts.enable_offline_rendering()
    assert alt.renderers.active == "default"
    assert alt.data_transformers.options["max_rows"] == 5000
    bundle = charts.comparison_bars(comparison, "t", "u", "Fife")._repr_mimebundle_()
    assert list(bundle) == ["text/html"]
    assert "VEGA_DEBUG" in bundle["text/html"]


def test_simd_palette_runs_dark_to_light_with_one_colour_per_class():
    for classes in (5, 10):
        palette = charts.simd_palette(classes)
        assert len(palette) == classes
        assert palette[0] == "#081d58" and palette[-1] == "#ffffd9"
        lightness = [sum(charts._hex_to_rgb(colour)) for colour in palette]
        assert lightness == sorted(lightness)


# ----------------------------------------------------------------------------- trend chart


def test_trend_periods_sort_chronologically_whatever_the_row_order(trend):
    spec = charts.trend_chart(trend, "Adults feeling safe", "Percentage of adults").to_dict()
    line = layer_with_mark(spec, "line")
    assert line["encoding"]["x"]["field"] == "period"
    assert line["encoding"]["x"]["type"] == "ordinal"
    assert line["encoding"]["x"]["sort"] == FINANCIAL_YEARS


def test_trend_orders_by_period_start_not_by_label():
    trend = pd.DataFrame(
        {
            "area_name": ["Fife"] * 3,
            "period": ["Oct 2023", "Apr 2024", "Jan 2024"],
            "period_start": pd.to_datetime(["2023-10-01", "2024-04-01", "2024-01-01"]),
            "value": [1.0, 3.0, 2.0],
        }
    )
    spec = charts.trend_chart(trend, "t", "u").to_dict()
    line = layer_with_mark(spec, "line")
    assert line["encoding"]["x"]["sort"] == ["Oct 2023", "Jan 2024", "Apr 2024"]


def test_trend_emphasises_the_highlighted_area(trend):
    spec = charts.trend_chart(trend, "t", "u", highlight="Levenmouth").to_dict()
    encoding = layer_with_mark(spec, "line")["encoding"]
    assert encoding["color"]["scale"]["domain"] == ["Levenmouth", "Scotland"]
    assert encoding["color"]["scale"]["range"][:2] == [
        charts.HIGHLIGHT_COLOUR,
        charts.OKABE_ITO["orange"],
    ]
    assert encoding["strokeDash"]["scale"]["range"] == [[1, 0], [6, 3]]
    assert encoding["strokeWidth"] == {
        "condition": {"test": "(datum.area_name === 'Levenmouth')", "value": 3},
        "value": 2,
    }
    assert "Levenmouth (solid line) compared with Scotland (dashed lines)" in spec["description"]


def test_trend_of_one_area_draws_a_thick_solid_line(trend):
    one_area = trend[trend["area_name"] == "Scotland"]
    encoding = layer_with_mark(charts.trend_chart(one_area, "t", "u").to_dict(), "line")["encoding"]
    assert encoding["strokeDash"]["scale"]["range"] == [[1, 0]]
    assert encoding["strokeWidth"]["condition"]["value"] == 3


def test_trend_defaults_to_the_first_area_listed(trend):
    spec = charts.trend_chart(trend, "t", "u").to_dict()
    assert layer_with_mark(spec, "line")["encoding"]["color"]["scale"]["domain"][0] == "Levenmouth"


def test_trend_rejects_an_unknown_highlight(trend):
    with pytest.raises(UnknownAreaError, match="Levenmuoth"):
        charts.trend_chart(trend, "t", "u", highlight="Levenmuoth")


def test_trend_band_only_when_intervals_exist(trend):
    with_band = charts.trend_chart(trend, "t", "u", highlight="Levenmouth").to_dict()
    band = layer_with_mark(with_band, "area")
    assert band["encoding"]["y"]["field"] == "lower_ci"
    assert band["encoding"]["y2"]["field"] == "upper_ci"
    assert band["transform"] == [{"filter": "(datum.area_name === 'Levenmouth')"}]
    no_limits = trend.assign(lower_ci=np.nan, upper_ci=np.nan)
    assert "area" not in marks_of(charts.trend_chart(no_limits, "t", "u").to_dict())
    no_columns = trend.drop(columns=["lower_ci", "upper_ci"])
    assert "area" not in marks_of(charts.trend_chart(no_columns, "t", "u").to_dict())


def test_trend_target_rule_only_when_target_given(trend):
    without = charts.trend_chart(trend, "t", "u").to_dict()
    assert "rule" not in marks_of(without)
    assert "target" not in without["description"]
    spec = charts.trend_chart(trend, "t", "u", target=72.5).to_dict()
    rule = layer_with_mark(spec, "rule")
    assert inline_rows(spec, rule) == [{"target": 72.5, "label": "Target: 72.5"}]
    assert layer_with_mark(spec, "text")["encoding"]["text"]["field"] == "label"
    assert "The target is 72.5." in spec["description"]


def test_trend_has_titles_tooltips_and_description(trend):
    spec = charts.trend_chart(trend, "Adults feeling safe", "Percentage of adults").to_dict()
    assert spec["title"]["text"] == "Adults feeling safe"
    points = layer_with_mark(spec, "point")
    assert points["encoding"]["y"]["title"] == "Percentage of adults"
    titles = [tooltip["title"] for tooltip in points["encoding"]["tooltip"]]
    assert titles == ["Area", "Period", "Percentage of adults", "Confidence interval"]
    assert spec["description"].startswith("Line chart: Adults feeling safe.")
    assert "Latest period 2022/23: Levenmouth 63.0; Scotland 73.0." in spec["description"]


def test_trend_marks_read_out_rounded_values_without_nulls(trend):
    trend = trend.assign(lower_ci=trend["lower_ci"].where(trend["area_name"] == "Levenmouth"))
    spec = charts.trend_chart(trend, "t", "Percentage of adults").to_dict()
    points = layer_with_mark(spec, "point")
    assert points["encoding"]["description"]["field"] == "mark_description"
    said = {row["mark_description"] for row in inline_rows(spec, points)}
    assert "Levenmouth, 2019/20: 60.0 (confidence interval 58.0 to 62.2)" in said
    assert "Scotland, 2022/23: 73.0 (confidence interval not available)" in said
    assert layer_with_mark(spec, "line")["mark"]["aria"] is False
    assert layer_with_mark(spec, "area")["mark"]["aria"] is False


def test_trend_table_is_tidy_chronological_and_rounded(trend):
    table = charts.trend_table(trend, "Percentage of adults", highlight="Scotland")
    assert list(table.columns) == [
        "Area", "Period", "Percentage of adults", "Lower confidence limit", "Upper confidence limit"
    ]  # fmt: skip
    assert table["Area"].tolist() == ["Scotland"] * 4 + ["Levenmouth"] * 4
    assert table["Period"].tolist() == FINANCIAL_YEARS * 2
    assert table.iloc[0].tolist() == ["Scotland", "2019/20", 70.0, 68.0, 72.2]


def test_trend_table_leaves_out_empty_limits(trend):
    table = charts.trend_table(trend.drop(columns=["upper_ci"]), "Rate")
    assert list(table.columns) == ["Area", "Period", "Rate"]


def test_trend_names_missing_columns():
    with pytest.raises(PmfKitError, match="missing: value"):
        charts.trend_chart(pd.DataFrame({"area_name": ["A"], "period": ["2020"]}), "t", "u")


# ----------------------------------------------------------------------------- comparison bars


def test_comparison_bars_sorted_highest_first_with_missing_last(comparison):
    spec = charts.comparison_bars(comparison, "t", "Percentage of children", "Fife").to_dict()
    bars = layer_with_mark(spec, "bar")
    assert bars["encoding"]["y"]["sort"] == ["Levenmouth", "Scotland", "Fife", "Kirkcaldy"]
    assert bars["encoding"]["x"]["title"] == "Percentage of children"


def test_comparison_bars_colour_the_highlight(comparison):
    spec = charts.comparison_bars(comparison, "t", "u", "Fife").to_dict()
    colour = layer_with_mark(spec, "bar")["encoding"]["color"]
    assert colour["condition"] == {
        "test": "(datum.area_name === 'Fife')",
        "value": charts.HIGHLIGHT_COLOUR,
    }
    assert colour["value"] == charts.OTHER_AREA_COLOUR
    assert "Fife highlighted in blue" in spec["description"]
    assert "Kirkcaldy no value" in spec["description"]


def test_comparison_bars_error_bars_only_with_intervals(comparison):
    spec = charts.comparison_bars(comparison, "t", "u", "Fife").to_dict()
    rule = layer_with_mark(spec, "rule")
    assert rule["encoding"]["x"]["field"] == "lower_ci"
    assert rule["encoding"]["x2"]["field"] == "upper_ci"
    plain = comparison.drop(columns=["lower_ci", "upper_ci"]).dropna()
    assert marks_of(charts.comparison_bars(plain, "t", "u", "Fife").to_dict()) == ["bar"]


def test_comparison_bars_say_no_value_for_missing_bars(comparison):
    spec = charts.comparison_bars(comparison, "t", "u", "Fife").to_dict()
    label = layer_with_mark(spec, "text")
    assert label["encoding"]["text"] == {"value": "no value"}


def test_comparison_bars_read_out_each_area(comparison):
    spec = charts.comparison_bars(comparison, "t", "u", "Fife").to_dict()
    bars = layer_with_mark(spec, "bar")
    said = [row["mark_description"] for row in inline_rows(spec, bars)]
    assert said[0] == "Levenmouth: 18.2 (confidence interval 16.0 to 20.5)"
    assert said[-1] == "Kirkcaldy: no value (confidence interval not available)"


def test_comparison_bars_reject_unknown_highlight(comparison):
    with pytest.raises(UnknownAreaError) as raised:
        charts.comparison_bars(comparison, "t", "u", "Levenmuoth")
    assert raised.value.suggestions == ["Levenmouth"]


def test_comparison_table_matches_chart_order(comparison):
    table = charts.comparison_table(comparison, "Percentage of children")
    assert list(table.columns) == [
        "Area", "Percentage of children", "Lower confidence limit", "Upper confidence limit"
    ]  # fmt: skip
    assert table["Area"].tolist() == ["Levenmouth", "Scotland", "Fife", "Kirkcaldy"]
    assert table.iloc[0, 1:].tolist() == [18.2, 16.0, 20.5]
    assert table.iloc[3, 1:].isna().all()


# ----------------------------------------------------------------------------- data zone map


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


# ----------------------------------------------------------------------------- SIMD gradient


def test_gradient_bars_run_most_to_least_deprived(gradient):
    chart = charts.simd_gradient_chart(gradient, "Healthy life expectancy", "Years", QUINTILE_LABEL)
    spec = chart.to_dict()
    bars = layer_with_mark(spec, "bar")
    assert bars["encoding"]["x"]["scale"]["domain"] == [1, 2, 3, 4, 5]
    assert bars["encoding"]["x"]["title"] == QUINTILE_LABEL
    assert bars["encoding"]["color"]["scale"]["range"] == charts.simd_palette(5)
    assert [row["quantile"] for row in inline_rows(spec, bars)] == [1, 2, 3, 4, 5]
    assert "most deprived on the left" in spec["description"]
    said = inline_rows(spec, bars)[0]["mark_description"]
    assert said == f"{QUINTILE_LABEL} 1: 62.5 (confidence interval 60.0 to 65.0)"
    assert "1: 62.5; 2: 66.0" in spec["description"]


def test_gradient_deciles_get_ten_classes():
    deciles = pd.DataFrame({"quantile": range(1, 11), "value": np.linspace(30, 8, 10)})
    spec = charts.simd_gradient_chart(deciles, "t", "u", "SIMD decile").to_dict()
    assert layer_with_mark(spec, "bar")["encoding"]["x"]["scale"]["domain"] == list(range(1, 11))


def test_gradient_error_bars_only_with_intervals(gradient):
    assert marks_of(charts.simd_gradient_chart(gradient, "t", "u", "q").to_dict()) == [
        "bar", "errorbar", "errorbar"
    ]  # fmt: skip
    plain = gradient.drop(columns=["lower_ci", "upper_ci"])
    assert marks_of(charts.simd_gradient_chart(plain, "t", "u", "q").to_dict()) == ["bar"]


def test_gradient_table(gradient):
    table = charts.simd_gradient_table(gradient, "Years", QUINTILE_LABEL)
    assert list(table.columns) == [
        QUINTILE_LABEL, "Years", "Lower confidence limit", "Upper confidence limit"
    ]  # fmt: skip
    assert table[QUINTILE_LABEL].tolist() == [1, 2, 3, 4, 5]
    assert table["Years"].tolist() == [62.5, 66.0, 71.0, 74.2, 78.9]


# ----------------------------------------------------------------------------- age pyramid


def test_population_shares_are_of_the_whole_area(population):
    shares = charts.population_shares(population)
    total = population["population"].sum()
    assert shares["share"].sum() == pytest.approx(100)
    first = shares.iloc[0]
    assert (first["sex"], first["age_band"]) == ("Female", "0-4")
    assert first["share"] == pytest.approx(100 * 10 / total)


def test_age_pyramid_puts_oldest_at_top_and_females_left(population):
    chart = charts.age_pyramid(population, "Levenmouth population, 2021", comparator_label="Fife")
    spec = chart.to_dict()
    bars = layer_with_mark(spec, "bar")
    assert bars["encoding"]["y"]["sort"] == list(reversed(charts.ESP2013_AGE_BANDS))
    assert bars["transform"] == [{"calculate": "datum.side * datum.share", "as": "signed_share"}]
    sides = {row["sex"]: row["side"] for row in inline_rows(spec, bars)}
    assert sides == {"Female": -1, "Male": 1}
    assert bars["encoding"]["color"]["scale"]["range"] == list(charts.SEX_COLOURS.values())
    assert "abs(datum.value)" in bars["encoding"]["x"]["axis"]["labelExpr"]
    assert "Black marks show Fife" in spec["title"]["subtitle"]
    said = inline_rows(spec, bars)[0]["mark_description"]
    assert said.startswith("Females aged 0-4: ") and said.endswith("(10 people); Fife 2.5%")
    assert spec["description"].startswith("Population pyramid: Levenmouth population, 2021.")


def test_age_pyramid_comparator_marks_only_when_given(population):
    assert "tick" in marks_of(charts.age_pyramid(population, "t").to_dict())
    plain = population.drop(columns=["comparator_share"])
    assert marks_of(charts.age_pyramid(plain, "t").to_dict()) == ["bar"]


def test_age_pyramid_rejects_unknown_bands(population):
    with pytest.raises(PmfKitError, match="found 0-15"):
        charts.age_pyramid(population.assign(age_band="0-15"), "t")


def test_age_pyramid_table(population):
    table = charts.age_pyramid_table(population, comparator_label="Fife")
    assert list(table.columns) == [
        "Age band",
        "Females", "Females (% of population)", "Females, Fife (%)",
        "Males", "Males (% of population)", "Males, Fife (%)",
    ]  # fmt: skip
    assert table["Age band"].tolist() == charts.ESP2013_AGE_BANDS
    total = population["population"].sum()
    assert table.loc[0, "Females"] == 10
    assert table.loc[18, "Males"] == 28
    assert table.loc[18, "Males (% of population)"] == round(100 * 28 / total, 1)
    assert table.loc[0, "Females, Fife (%)"] == 2.5


# ----------------------------------------------------------------------------- export


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<svg")])
def test_save_chart_writes_offline_and_atomically(tmp_path, comparison, suffix, magic):
    target = tmp_path / f"bars{suffix}"
    target.write_bytes(b"old")
    saved = charts.save_chart(charts.comparison_bars(comparison, "t", "u", "Fife"), target)
    assert saved == target
    assert target.read_bytes().startswith(magic)
    assert os.listdir(tmp_path) == [target.name]


def test_save_chart_leaves_old_file_when_rendering_fails(tmp_path, comparison, monkeypatch):
    target = tmp_path / "bars.png"
    target.write_bytes(b"old")
    chart = charts.comparison_bars(comparison, "t", "u", "Fife")

    def half_written(self, path, **kwargs):
        with open(path, "wb") as partial:
            partial.write(b"\x89PNG half")
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(alt.LayerChart, "save", half_written)
    with pytest.raises(RuntimeError):
        charts.save_chart(chart, target)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["bars.png"]


def test_save_chart_refuses_other_formats(tmp_path, comparison):
    with pytest.raises(PmfKitError, match=".png or .svg"):
        charts.save_chart(charts.comparison_bars(comparison, "t", "u", "Fife"), tmp_path / "b.pdf")


def test_every_chart_renders_to_png(tmp_path, trend, comparison, gradient, population, datazones):
    built = {
        "trend": charts.trend_chart(trend, "t", "u", target=70),
        "bars": charts.comparison_bars(comparison, "t", "u", "Fife"),
        "gradient": charts.simd_gradient_chart(gradient, "t", "u", QUINTILE_LABEL),
        "pyramid": charts.age_pyramid(population, "t"),
        "map": charts.datazone_map(datazones),
    }
    for name, chart in built.items():
        path = charts.save_chart(chart, tmp_path / f"{name}.png", scale=1)
        assert path.stat().st_size > 2000, name


def test_map_spec_stays_small(datazones):
    spec = charts.datazone_map(datazones).to_dict()
    assert len(json.dumps(spec["data"]["values"])) < 3_000
