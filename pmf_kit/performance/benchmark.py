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
from pmf_kit.performance.status import period_end
from pmf_kit.performance.values import level_series
from pmf_kit.stats import compare_with_comparator


class Benchmark(NamedTuple):
    """The comparator's name and value, the period they are compared at, and how the KPI compares."""

    name: str
    value: float
    comparison: str
    period: str = ""
    """The KPI's latest period, or where the comparator has no figure for it the latest period
    both have (the report says so); empty when nothing is compared."""


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


def benchmark(dataset: Dataset, kpi: KPI, series: pd.DataFrame, latest_period: str | None) -> Benchmark:
    """Compare the KPI's area `series` with its comparator at `latest_period`, or, where the
    comparator has no figure then (Scotland's not yet published for a KPI's own new figure), at
    the latest period both have: never silently dropped."""
    compared = comparator_series(dataset, kpi)
    if compared.empty:
        return NO_BENCHMARK
    name = str(compared["area_name"].iloc[0])
    both = series[series["value"].notna()].merge(compared[compared["value"].notna()], on="period",
                                                 suffixes=("", "_comparator"))
    if latest_period is not None:
        ends = {period: period_end(period) for period in both["period"]}
        both = both[both["period"].map(ends) <= period_end(latest_period)]
    if both.empty:
        return Benchmark(name, float("nan"), "no comparator data")
    row = both.loc[both["period_start"].idxmax()]
    comparison = compare_with_comparator(row["value"], row["lower_ci"], row["upper_ci"],
                                         row["value_comparator"], kpi.polarity)
    return Benchmark(name, float(row["value_comparator"]), str(comparison.item()), str(row["period"]))
