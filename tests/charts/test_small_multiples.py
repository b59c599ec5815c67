"""pmf_kit.charts.small_multiples: a theme's trends in one faceted chart, one panel per indicator."""

from __future__ import annotations

import numpy as np
import pandas as pd
import vl_convert

from pmf_kit import charts
from pmf_kit.charts.small_multiples import panel_title


def theme_trends(trend: pd.DataFrame) -> pd.DataFrame:
    """Two indicators of one theme: the fixture's trend, and a count for Levenmouth alone."""
    rate = trend.assign(title="Emergency hospital admissions", unit="per 100,000")
    count = trend[trend["area_name"] == "Levenmouth"].assign(
        title="Residents", unit="people", lower_ci=np.nan, upper_ci=np.nan)
    return pd.concat([rate, count], ignore_index=True)


def test_one_panel_per_indicator_each_on_its_own_scale(trend):
    spec = charts.trend_small_multiples(theme_trends(trend), "Health: trends", "Levenmouth").to_dict()
    assert spec["facet"]["field"] == "panel" and spec["columns"] == 3
    assert spec["facet"]["sort"] == ["Emergency hospital admissions (per|100,000)", "Residents (people)"]
    assert spec["resolve"]["scale"]["y"] == "independent"
    marks = [layer["mark"]["type"] for layer in spec["spec"]["layer"]]
    assert marks == ["area", "line", "point"]  # the band, the lines, the points
    colour = spec["spec"]["layer"][1]["encoding"]["color"]["scale"]
    assert colour["domain"] == ["Levenmouth", "Scotland"] and colour["range"][0] == charts.HIGHLIGHT_COLOUR
    assert "Levenmouth (solid line, with its 95% confidence band) compared with Scotland" in spec["description"]


def test_the_page_carries_only_what_is_drawn(trend):
    spec = charts.trend_small_multiples(theme_trends(trend), "t", "Levenmouth").to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert set(rows[0]) == {"panel", "area_name", "period", "period_start", "value", "value_text", "lower_ci", "upper_ci"}
    assert rows[0]["period_start"] == "2020-04-01"


def test_panel_titles_wrap_onto_short_lines():
    assert panel_title("Primary 1 children at risk of overweight or obesity", "%") == \
        "Primary 1 children at risk of|overweight or obesity (%)"


def test_a_title_ending_in_its_unit_names_it_once():
    """The all-Scotland import titles SIMD counts "People who are income deprived (number)"."""
    assert panel_title("People who are income deprived (number)", "number") == \
        "People who are income deprived|(number)"
    assert panel_title("Residents", "number") == "Residents (number)"


def test_it_draws_offline(trend):
    svg = vl_convert.vegalite_to_svg(charts.trend_small_multiples(theme_trends(trend), "t", "Levenmouth").to_dict())
    assert "<tspan>Emergency hospital admissions (per</tspan><tspan x=\"0\" dy=\"14\">100,000)</tspan>" in svg
    assert "Residents (people)" in svg


def test_table_lists_indicators_in_panel_order_area_first(trend):
    table = charts.trend_small_multiples_table(theme_trends(trend), "Levenmouth")
    assert list(table.columns) == ["Indicator", "Unit", "Area", "Period", "Value",
                                   "Lower confidence limit", "Upper confidence limit"]
    assert table["Indicator"].tolist() == ["Emergency hospital admissions"] * 8 + ["Residents"] * 4
    assert table["Area"].tolist()[:5] == ["Levenmouth"] * 4 + ["Scotland"]
    assert table["Period"].tolist()[:4] == ["2019/20", "2020/21", "2021/22", "2022/23"]
