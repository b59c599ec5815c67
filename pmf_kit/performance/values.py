"""A KPI's values over time, from the data set at the KPI's geography, as every report shows them.

Values are aggregated by the data set (summed numerators and denominators), given 95% limits by
unit (`add_confidence_limits`) and suppressed (the data set's decision) before anything else sees
them, so the status, forecast, chart and narrative all read the same, safe numbers.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from pmf_kit.data.dataset import Dataset
from pmf_kit.performance.status import period_end, period_start_year
from pmf_kit.stats import add_confidence_limits

SERIES_COLUMNS = ["area_code", "area_name", "period", "period_start", "numerator", "denominator",
                  "value", "lower_ci", "upper_ci", "suppressed"]


@lru_cache(maxsize=256)
def level_series(dataset: Dataset, indicator: str, level: str) -> pd.DataFrame:
    """Every area of a level: one indicator's values with limits, small counts suppressed.

    Suppressed by the data set's one decision (data.publication), as every other output. Kept per
    data set, indicator and level (a report reads each several times); callers must not modify the
    frame returned.
    """
    values = dataset.disclosure.apply(add_confidence_limits(dataset.aggregate(level, indicator), dataset.catalogue))
    values["period_start"] = values["period"].map(period_start_year)
    values = values.rename(columns={"geography_code": "area_code", "geography_name": "area_name"})
    return values.sort_values(["area_code", "period_start"])[SERIES_COLUMNS].reset_index(drop=True)


def area_series(dataset: Dataset, indicator: str, level: str, area_code: str, reported_by: str) -> pd.DataFrame:
    """One area's values for the periods that had ended when the reporting period `reported_by` did."""
    series = level_series(dataset, indicator, level)
    ended = series["period"].map(lambda period: period_end(period) <= period_end(reported_by))
    return series[(series["area_code"] == area_code) & ended].reset_index(drop=True)


def latest_due_period(series: pd.DataFrame) -> str | None:
    """The KPI's latest due period: the most recent period of its own area's series (from
    `area_series`, so ended by the reporting period), whether or not its figure is published.

    The area's own, not the indicator's anywhere: a council's figure added for a new year must
    not turn a locality KPI on the same indicator to "no data".
    """
    if series.empty:
        return None
    return str(series.loc[series["period_start"].idxmax(), "period"])
