"""pmf_kit.charts.comparison: bars highest first, the highlight, limits, missing values, table."""

from __future__ import annotations

import pytest

from pmf_kit import charts
from pmf_kit.errors import UnknownAreaError
from tests.charts.specs import inline_rows, layer_with_mark, marks_of


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
