"""The spine view: every indicator of a profile against each comparator, with significance.

ScotPHO's spine chart shows, for each indicator, whether the area is significantly better,
worse or no different from the comparator; here that is read through the indicator's polarity,
and the chart places the area's value as a percentage difference from the comparator so that
indicators of every unit share one axis.
"""

from __future__ import annotations

import pandas as pd

from pmf_kit.data.geography import Area
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.stats import compare_with_comparator

SIGNIFICANCE_ORDER = ["better", "no different", "worse", "higher", "lower", "not comparable"]


def comparison_with(profile: LocalityProfile, comparator: Area) -> pd.DataFrame:
    """One row per indicator shown: the area's value and 95% limits in its reporting period, the
    comparator's value in the same period, the difference in percent, and the significance.

    Suppressed or missing figures give "not comparable"; so do a comparator with no value, a
    value with no interval (a published figure without limits) and a count, which has no
    interval and no % difference: residents of a locality are no fraction of a council's rate.
    Worked out once per profile and comparator (the spine and the key points both use it).
    """
    return profile.remembered(("comparison_with", comparator.code), lambda: _comparison(profile, comparator)).copy()


def _comparison(profile: LocalityProfile, comparator: Area) -> pd.DataFrame:
    catalogue = profile.dataset.catalogue
    rows = []
    for indicator_id in profile.shown_indicator_ids:
        period = profile.reporting_period(indicator_id)
        of_indicator = profile.indicator_values(indicator_id)
        same = of_indicator[of_indicator["period"] == period]
        area = same[same["geography_code"] == profile.area.code]
        other = same[same["geography_code"] == comparator.code]
        value, lower, upper = (area[column].iloc[0] if len(area) else float("nan")
                               for column in ("value", "lower_ci", "upper_ci"))
        comparator_value = other["value"].iloc[0] if len(other) else float("nan")
        rows.append({
            "indicator_id": indicator_id, "title": catalogue.loc[indicator_id, "title"],
            "theme": catalogue.loc[indicator_id, "theme"], "unit": catalogue.loc[indicator_id, "unit"],
            "polarity": catalogue.loc[indicator_id, "polarity"], "period": period or "no data",
            "value": value, "lower_ci": lower, "upper_ci": upper, "comparator": profile.label(comparator),
            "comparator_value": comparator_value,
        })
    frame = pd.DataFrame(rows)
    comparator_values = frame["comparator_value"].where((frame["comparator_value"] != 0) & (frame["unit"] != "count"))
    frame["difference_percent"] = 100 * (frame["value"] / comparator_values - 1)
    frame["lower_difference_percent"] = 100 * (frame["lower_ci"] / comparator_values - 1)
    frame["upper_difference_percent"] = 100 * (frame["upper_ci"] / comparator_values - 1)
    frame["significance"] = compare_with_comparator(
        frame["value"], frame["lower_ci"], frame["upper_ci"], frame["comparator_value"], frame["polarity"])
    return frame


def spine_table(profile: LocalityProfile) -> pd.DataFrame:
    """Every indicator against every comparator: value, comparator value and significance."""
    table = None
    for comparator in profile.comparators:
        compared = comparison_with(profile, comparator)
        name = profile.label(comparator)
        columns = compared[["title", "period", "value"]].rename(
            columns={"title": "Indicator", "period": "Period", "value": profile.label(profile.area)})
        columns[name] = compared["comparator_value"]
        columns[f"Compared with {name}"] = compared["significance"]
        table = columns if table is None else table.join(columns[[name, f"Compared with {name}"]])
    return table if table is not None else pd.DataFrame()
