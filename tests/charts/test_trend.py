"""pmf_kit.charts.trend: periods in time order, the highlighted area, bands, targets, read-outs, table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmf_kit import charts
from pmf_kit.errors import PmfKitError, UnknownAreaError
from tests.charts.specs import FINANCIAL_YEARS, inline_rows, layer_with_mark, marks_of


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
    assert "Levenmouth, 2019/20: 60.0 (confidence interval 58.0 to 62.3)" in said  # 62.25 half up
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
    assert table.iloc[0].tolist() == ["Scotland", "2019/20", 70.0, 68.0, 72.3]  # 72.25 half up, as PHS rounds


def test_trend_table_leaves_out_empty_limits(trend):
    table = charts.trend_table(trend.drop(columns=["upper_ci"]), "Rate")
    assert list(table.columns) == ["Area", "Period", "Rate"]


def test_trend_names_missing_columns():
    with pytest.raises(PmfKitError, match="missing: value"):
        charts.trend_chart(pd.DataFrame({"area_name": ["A"], "period": ["2020"]}), "t", "u")
