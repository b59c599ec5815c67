"""Building indicator values for any geography from data zone numerators and denominators.

A rate for an area is its summed numerator over its summed denominator: averaging the data
zones' percentages would weight a zone of 500 people like one of 1,000. Published values for an
area (e.g. Scotland) are used as they are.
"""

from __future__ import annotations

import pandas as pd

from pmf_kit.data.indicators import compute_value

AGGREGATE_COLUMNS = [
    "level", "geography_code", "geography_name", "indicator_id", "period", "numerator",
    "numerator_high", "denominator", "value", "lower_ci", "upper_ci", "datazones_reporting",
    "datazones_expected", "datazones_source_suppressed", "release", "period_is_edition", "source",
]
"""`numerator` is the sum of the counts known; `numerator_high` adds the largest count each
source-suppressed data zone can hold (stats.bounds), so the two are equal for an exact figure."""


OPTIONAL_DEFAULTS = {"numerator_max": float("nan"), "release": "", "period_is_edition": False}
"""values.csv's optional columns as a values table without them reads (data.indicators)."""


def aggregate(
    values: pd.DataFrame, membership: pd.DataFrame, catalogue: pd.DataFrame, level: str
) -> pd.DataFrame:
    """Values of every area in `membership` (`datazone_code, code, name`), by each indicator's rule.

    sum_ratio: sum numerators and denominators over the data zones that report both, then
    apply the unit rule. population_weighted: mean of values weighted by denominator, over the
    data zones with both (a published value needs no numerator).
    not_additive: not built from data zones at all. `datazones_reporting` against
    `datazones_expected` says how complete each figure is; a count with a zone missing is
    left blank rather than understated.

    A data zone whose count its source suppressed, with the largest count it can hold given
    (`numerator_max`), reports: it adds 0 to `numerator`, its bound to `numerator_high` and its
    residents to the denominator, so the area's figure is a range over all its data zones, never
    a figure over the zones left (stats.bounds); `datazones_source_suppressed` counts them.
    """
    values = values.assign(**{column: values[column] if column in values.columns else default
                              for column, default in OPTIONAL_DEFAULTS.items()})
    rule = values["indicator_id"].map(catalogue["aggregation"])
    datazone_values = values[rule != "not_additive"].merge(
        membership.rename(columns={"code": "geography_code_area", "name": "geography_name"}),
        left_on="geography_code", right_on="datazone_code",
    )
    if datazone_values.empty:
        return pd.DataFrame(columns=AGGREGATE_COLUMNS)
    bounded = datazone_values["numerator"].isna() & datazone_values["numerator_max"].notna()
    datazone_values["numerator_high"] = datazone_values["numerator"].fillna(datazone_values["numerator_max"])
    datazone_values["numerator"] = datazone_values["numerator"].mask(bounded, 0.0)
    datazone_values["source_suppressed"] = bounded.astype(int)
    datazone_values["reporting"] = datazone_values["numerator"].notna() & datazone_values["denominator"].notna()
    unit = datazone_values["indicator_id"].map(catalogue["unit"])
    datazone_values["reporting"] |= (unit == "count") & datazone_values["numerator"].notna()
    weighted = datazone_values["indicator_id"].map(catalogue["aggregation"]) == "population_weighted"
    datazone_values["reporting"] |= weighted & datazone_values["value"].notna() & datazone_values["denominator"].notna()
    datazone_values["weighted_value"] = datazone_values["value"] * datazone_values["denominator"]
    reporting = datazone_values[datazone_values["reporting"]]
    keys = ["geography_code_area", "geography_name", "indicator_id", "period"]
    grouped = reporting.groupby(keys)
    sums = grouped[["numerator", "numerator_high", "denominator", "weighted_value", "source_suppressed"]].sum(min_count=1)
    sums["datazones_reporting"] = grouped.size()
    sums["release"] = _releases(reporting, keys).reindex(sums.index).fillna("")
    sums["period_is_edition"] = grouped["period_is_edition"].any()
    sums = sums.reset_index()
    expected = (
        membership.groupby("code").size().rename("datazones_expected").reset_index()
        .rename(columns={"code": "geography_code_area"})
    )
    periods = datazone_values[keys].drop_duplicates()
    result = periods.merge(sums, on=keys, how="left").merge(expected, on="geography_code_area")
    result["datazones_reporting"] = result["datazones_reporting"].fillna(0).astype(int)
    result["datazones_source_suppressed"] = result.pop("source_suppressed").fillna(0).astype(int)
    result["release"] = result["release"].fillna("")
    result["period_is_edition"] = result["period_is_edition"].fillna(False).astype(bool)
    unit = result["indicator_id"].map(catalogue["unit"])
    rule = result["indicator_id"].map(catalogue["aggregation"])
    ratio = compute_value(result["numerator"], result["denominator"], unit)
    weighted = result["weighted_value"] / result["denominator"].where(result["denominator"] > 0)
    result["value"] = ratio.where(rule == "sum_ratio", weighted)
    incomplete_count = (unit == "count") & (result["datazones_reporting"] < result["datazones_expected"])
    result.loc[incomplete_count, ["numerator", "numerator_high", "value"]] = float("nan")
    result["level"] = level
    result["lower_ci"] = result["upper_ci"] = float("nan")
    result["source"] = "aggregated from data zones"
    result = result.rename(columns={"geography_code_area": "geography_code"})
    return result[AGGREGATE_COLUMNS].sort_values(["indicator_id", "geography_code", "period"]).reset_index(drop=True)


def _releases(reporting: pd.DataFrame, keys: list[str]) -> pd.Series:
    """The release of each area's figure: its data zones' one release, or every release named in
    order. Worked on the distinct (figure, release) pairs, so the usual one release per figure
    costs no Python loop over the hundreds of thousands of data zone figures."""
    named = reporting.loc[reporting["release"].notna() & (reporting["release"] != ""), [*keys, "release"]]
    named = named.drop_duplicates().sort_values("release", kind="stable")
    several = named.duplicated(keys, keep=False)
    one = named[~several].set_index(keys)["release"]
    joined = named[several].groupby(keys)["release"].agg("; ".join)
    return pd.concat([one, joined])


def published_values(
    values: pd.DataFrame, areas: pd.DataFrame, level: str
) -> pd.DataFrame:
    """Rows of values.csv published directly for areas of a level (`areas`: code, name), with
    their published limits where given."""
    rows = values.merge(areas[["code", "name"]], left_on="geography_code", right_on="code")
    if rows.empty:
        return pd.DataFrame(columns=AGGREGATE_COLUMNS)
    rows = rows.rename(columns={"name": "geography_name"})
    rows["level"] = level
    rows["datazones_reporting"] = pd.NA
    rows["datazones_expected"] = pd.NA
    rows["datazones_source_suppressed"] = 0
    rows["numerator_high"] = rows["numerator"]
    rows["source"] = "published"
    return rows[AGGREGATE_COLUMNS].reset_index(drop=True)


def combine(aggregated: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Aggregated values, with published ones filling the areas and periods not built up."""
    keys = ["geography_code", "indicator_id", "period"]
    if published.empty:
        return aggregated
    if aggregated.empty:
        return published
    built = pd.MultiIndex.from_frame(aggregated[keys])
    extra = published[~pd.MultiIndex.from_frame(published[keys]).isin(built)]
    combined = pd.concat([aggregated, extra], ignore_index=True)
    return combined.sort_values(["indicator_id", "geography_code", "period"]).reset_index(drop=True)
