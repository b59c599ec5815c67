"""pmf_kit.charts.gradient: bars most to least deprived, deciles, limits, table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmf_kit import charts
from tests.charts.specs import QUINTILE_LABEL, inline_rows, layer_with_mark, marks_of


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


def test_gradient_small_multiples_one_panel_per_indicator(gradient):
    both = pd.concat([gradient.assign(title="Healthy life expectancy", unit="years"),
                      gradient.assign(title="Smoking", unit="%", value=gradient["value"] / 4)], ignore_index=True)
    spec = charts.simd_gradient_small_multiples(both, "Levenmouth by deprivation", QUINTILE_LABEL).to_dict()
    assert spec["facet"]["sort"] == ["Healthy life expectancy (years)", "Smoking (%)"]
    assert spec["resolve"]["scale"]["y"] == "independent"
    assert [layer["mark"]["type"] for layer in spec["spec"]["layer"]] == ["bar", "errorbar", "errorbar"]
    table = charts.simd_gradient_small_multiples_table(both, QUINTILE_LABEL)
    assert table["Indicator"].tolist() == ["Healthy life expectancy"] * 5 + ["Smoking"] * 5
    assert table[QUINTILE_LABEL].tolist()[:5] == [1, 2, 3, 4, 5]
