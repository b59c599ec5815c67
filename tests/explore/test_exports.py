"""Exports: tables to CSV and XLSX with geography columns and names from their content, charts
to PNG and SVG offline."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

import pmf_kit as pk
from pmf_kit.errors import PmfKitError
from pmf_kit.explore.exports import chart_title, table_file_stem
from tests.conftest import TINY_DATASET


@pytest.fixture
def crime_table(tiny):
    return pk.table(tiny, tiny.catalogue.index[0], "locality")


def test_a_table_is_named_after_its_indicator_areas_and_period(crime_table):
    indicator = crime_table["indicator_id"].iloc[0]
    period = crime_table["period"].iloc[0].replace("/", "-")
    assert table_file_stem(crime_table, "advanced table") == (
        f"advanced-table_{indicator.replace('_', '-')}_2-localities_{period}")
    one_area = crime_table.iloc[:1]
    assert table_file_stem(one_area) == f"{indicator.replace('_', '-')}_north-hills_{period}"


def test_tables_are_written_to_csv_and_xlsx_with_explicit_columns(crime_table, tmp_path):
    written = pk.export_table(crime_table, tmp_path / "exports", "advanced table")
    assert [path.suffix for path in written] == [".csv", ".xlsx"]
    csv = pd.read_csv(written[0])
    xlsx = pd.read_excel(written[1])
    for frame in (csv, xlsx):
        assert list(frame.columns) == list(crime_table.columns)
        assert {"area_level", "area_code", "area_name"} <= set(frame.columns)
        assert len(frame) == len(crime_table)
    assert sorted(path.name for path in (tmp_path / "exports").iterdir()) == sorted(path.name for path in written)


def test_a_table_without_geography_columns_is_refused(tmp_path):
    with pytest.raises(PmfKitError, match="no geography column"):
        pk.export_table(pd.DataFrame({"indicator_id": ["x"], "value": [1.0]}), tmp_path)


def test_charts_are_written_to_png_and_svg_named_after_their_title(tmp_path):
    chart = alt.Chart(pd.DataFrame({"area_name": ["A", "B"], "value": [1, 2]}),
                      title="Crime & safety, 2024").mark_bar().encode(x="value:Q", y="area_name:N")
    assert chart_title(chart) == "Crime & safety, 2024"
    png, svg = pk.export_chart(chart, tmp_path / "charts")
    assert png.name == "crime-safety-2024.png" and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert svg.name == "crime-safety-2024.svg" and "<svg" in svg.read_text()
    with pytest.raises(PmfKitError, match="no title"):
        pk.export_chart(alt.Chart(pd.DataFrame({"x": [1]})).mark_point(), tmp_path)


def test_export_all_writes_every_table_of_an_explore_result(tmp_path):
    dataset = pk.open_dataset(TINY_DATASET)
    quick = pk.quick_profile(dataset, "North", level="locality")
    written = pk.export_all(quick, tmp_path)
    names = sorted(path.name for path in written)
    assert len(names) == 4
    assert any(name.startswith("quick-profile-north-hills") and name.endswith(".xlsx") for name in names)
    assert any(name.startswith("indicators-compared_") and name.endswith(".csv") for name in names)
    for path in written:
        if path.suffix == ".csv":
            assert "area_code" in pd.read_csv(path).columns


def test_export_all_writes_the_trend_charts_of_an_area_profile(tmp_path):
    dataset = pk.open_dataset(TINY_DATASET)
    profile = pk.area_profile(dataset, "South Coast", level="locality")
    written = pk.export_all(profile, tmp_path)
    charts = sorted(path.name for path in written if path.suffix in (".png", ".svg"))
    assert charts and len(charts) == 2 * len(profile.charts())
    assert all(name.startswith("south-coast-") and "-trend." in name for name in charts)
