"""pmf_kit.charts.ranking: an area ranked among its peers, similar areas and comparators."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmf_kit import charts
from pmf_kit.charts.ranking import ROLE_STYLES


def ranking() -> pd.DataFrame:
    rows = [("Levenmouth", "this area", 18.2), ("Kirkcaldy", "similar area", 15.0), ("Glenrothes", "similar area", 19.9),
            ("Dunfermline", "other HSCP locality", 9.1), ("Fife", "comparator", 12.0), ("Cupar", "other HSCP locality", np.nan)]
    return pd.DataFrame([{"title": "Income deprived", "unit": "%", "period": "2020", "area_name": name, "role": role,
                          "value": value} for name, role, value in rows])


def test_areas_are_ranked_highest_first_and_marked_by_role():
    spec = charts.ranked_dot_chart(ranking(), "Economy: Levenmouth ranked").to_dict()
    encoding = spec["spec"]["encoding"]
    assert encoding["y"]["sort"] == "-x"
    assert encoding["color"]["scale"]["domain"] == ["this area", "similar area", "other HSCP locality", "comparator"]
    assert encoding["color"]["scale"]["range"][0] == charts.HIGHLIGHT_COLOUR
    assert encoding["shape"]["scale"]["range"][-1] == ROLE_STYLES["comparator"][1]  # colour is not the only cue
    assert spec["resolve"]["scale"]["y"] == "independent"
    rows = next(iter(spec["datasets"].values()))
    assert "Cupar" not in {row["area_name"] for row in rows}  # no figure, no dot


def test_table_ranks_within_each_indicator():
    table = charts.ranked_dot_table(ranking())
    assert table["Area"].tolist() == ["Glenrothes", "Levenmouth", "Kirkcaldy", "Fife", "Dunfermline"]
    assert table["Rank"].tolist() == [1, 2, 3, 4, 5]
    assert list(table.columns) == ["Indicator", "Unit", "Period", "Rank", "Area", "Which", "Value"]
