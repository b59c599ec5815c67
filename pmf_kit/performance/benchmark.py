"""Benchmarking a KPI against the council, Scotland or a family group, where the data exists.

The comparison is the ScotPHO spine-chart test (`stats.compare_with_comparator`): better or
worse when the comparator lies outside the KPI's 95% interval, read through its polarity.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from pmf_kit.data.dataset import Dataset
from pmf_kit.performance.kpis import KPI
from pmf_kit.performance.values import level_series
from pmf_kit.stats import compare_with_comparator


class Benchmark(NamedTuple):
    """The comparator's name and value in the KPI's latest period, and how the KPI compares."""

    name: str
    value: float
    comparison: str


NO_BENCHMARK = Benchmark("", float("nan"), "no comparator")


def comparator_area(dataset: Dataset, kpi: KPI) -> tuple[str, str] | None:
    """(code, name) of the comparator: the only area of its level, or the one holding the KPI's area."""
    if kpi.comparator is None:
        return None
    return _comparator_area(dataset, kpi.comparator, kpi.level, kpi.area)


@lru_cache(maxsize=256)
def _comparator_area(dataset: Dataset, comparator: str, level: str, area: str) -> tuple[str, str] | None:
    areas = dataset.areas(comparator)
    if len(areas) == 1:
        return str(areas.iloc[0]["code"]), str(areas.iloc[0]["name"])
    geography = dataset.geography
    zones = geography.membership(level)
    inside = zones.loc[zones["code"] == area, "datazone_code"]
    holders = geography.membership(comparator)
    holders = holders[holders["datazone_code"].isin(inside)]["code"].value_counts()
    if holders.empty:
        return None
    code = str(holders.index[0])
    return code, str(areas.loc[areas["code"] == code, "name"].iloc[0])


def comparator_series(dataset: Dataset, kpi: KPI) -> pd.DataFrame:
    """The comparator's values for the KPI's indicator (empty when there is no comparator)."""
    area = comparator_area(dataset, kpi)
    if area is None:
        return pd.DataFrame(columns=["area_code", "area_name", "period", "value"])
    series = level_series(dataset, kpi.indicator, kpi.comparator)
    return series[series["area_code"] == area[0]].reset_index(drop=True)


def benchmark(dataset: Dataset, kpi: KPI, latest: pd.Series) -> Benchmark:
    """Compare the KPI's latest row (period, value, lower_ci, upper_ci) with its comparator."""
    series = comparator_series(dataset, kpi)
    row = series[series["period"] == latest.get("period")]
    if row.empty or pd.isna(row["value"].iloc[0]):
        return NO_BENCHMARK if series.empty else Benchmark(str(series["area_name"].iloc[0]), float("nan"), "no comparator data")
    comparison = compare_with_comparator(latest["value"], latest["lower_ci"], latest["upper_ci"],
                                         row["value"].iloc[0], kpi.polarity)
    return Benchmark(str(row["area_name"].iloc[0]), float(row["value"].iloc[0]), str(comparison.item()))
