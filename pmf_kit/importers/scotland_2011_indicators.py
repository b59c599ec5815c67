"""The indicators of the whole-Scotland data set, computed per data zone from SIMD and SAPE.

Each indicator is stored as numerator and denominator per data zone, so that any area's value
is the sum of its numerators over the sum of its denominators (never an average of
percentages). Period `2016` is read from the SIMD 2016 workbook and `2020` from SIMD 2020v2,
each on the population base that SIMD edition was calculated on; population `2021` is the NRS
mid-2021 estimate.
"""

from __future__ import annotations

import pandas as pd

from pmf_kit.sources.simd import SIMD_2016, SIMD_2020
from pmf_kit.sources.tables import suppressed

SOURCE_SUPPRESSED = "source_suppressed"
PERIOD_OF_EDITION = {SIMD_2016: "2016", SIMD_2020: "2020"}
SIMD_SOURCE = "Scottish Government, SIMD 2016 and SIMD 2020v2 indicator data"
VALUE_COLUMNS = [
    "indicator_id", "geography_code", "period", "numerator", "denominator", "value",
    "quality_flag",
]

INDICATOR_CATALOGUE = pd.DataFrame(
    [
        {
            "indicator_id": "population",
            "title": "Total population",
            "theme": "Population",
            "definition": "Residents: SIMD population base for 2016 and 2020, NRS small area "
            "population estimate for mid-2021.",
            "numerator_label": "Residents",
            "denominator_label": "",
            "unit": "count",
            "polarity": "neutral",
            "source": f"{SIMD_SOURCE}; National Records of Scotland, small area population "
            "estimates mid-2021",
            "owner": "Scottish Government; National Records of Scotland",
            "aggregation": "sum_ratio",
            "suppression_threshold": 0,
            "derived_from_simd": False,
        },
        {
            "indicator_id": "income_deprived",
            "title": "People who are income deprived",
            "theme": "Deprivation",
            "definition": "Percentage of residents who are income deprived (SIMD income domain "
            "count over the SIMD total population).",
            "numerator_label": "Income deprived residents",
            "denominator_label": "Residents",
            "unit": "percent",
            "polarity": "lower_is_better",
            "source": SIMD_SOURCE,
            "owner": "Scottish Government",
            "aggregation": "sum_ratio",
            "suppression_threshold": 5,
            "derived_from_simd": False,
        },
        {
            "indicator_id": "employment_deprived",
            "title": "Working-age people who are employment deprived",
            "theme": "Deprivation",
            "definition": "Percentage of the working-age population who are employment deprived "
            "(SIMD employment domain count over the SIMD working-age population).",
            "numerator_label": "Employment deprived working-age residents",
            "denominator_label": "Working-age residents",
            "unit": "percent",
            "polarity": "lower_is_better",
            "source": SIMD_SOURCE,
            "owner": "Scottish Government",
            "aggregation": "sum_ratio",
            "suppression_threshold": 5,
            "derived_from_simd": False,
        },
        {
            "indicator_id": "simd_most_deprived_20pct",
            "title": "Residents of Scotland's 20% most deprived data zones",
            "theme": "Deprivation",
            "definition": "Percentage of residents living in data zones in national SIMD "
            "quintile 1 (the 20% most deprived in Scotland) of that edition.",
            "numerator_label": "Residents of national SIMD quintile 1 data zones",
            "denominator_label": "Residents",
            "unit": "percent",
            "polarity": "lower_is_better",
            "source": SIMD_SOURCE,
            "owner": "Scottish Government",
            "aggregation": "sum_ratio",
            "suppression_threshold": 0,
            "derived_from_simd": True,
        },
    ]
)


def indicator_values(simd: list[pd.DataFrame], residents_2021: pd.Series) -> pd.DataFrame:
    """values.csv rows for every indicator, data zone and period.

    `residents_2021` is the mid-2021 population per data zone code.
    """
    frames = []
    for edition in simd:
        period = PERIOD_OF_EDITION[edition["simd_edition"].iloc[0]]
        frames += [
            _count_rows("population", edition, "total_population", period),
            _ratio_rows("income_deprived", edition, "income_count", "total_population", period),
            _ratio_rows(
                "employment_deprived", edition, "employment_count", "working_age_population", period
            ),
            _most_deprived_rows(edition, period),
        ]
    totals_2021 = residents_2021.rename("population").rename_axis("datazone_code").reset_index()
    frames.append(_count_rows("population", totals_2021, "population", "2021"))
    values = pd.concat(frames, ignore_index=True)
    values["value"] = values["value"].round(6)
    return values[VALUE_COLUMNS]


def _count_rows(indicator_id: str, frame: pd.DataFrame, column: str, period: str) -> pd.DataFrame:
    """A count indicator: value = numerator, denominator blank."""
    return _rows(indicator_id, frame, period, frame[column], None, suppressed(frame, column))


def _ratio_rows(
    indicator_id: str, frame: pd.DataFrame, numerator: str, denominator: str, period: str
) -> pd.DataFrame:
    """A percentage: 100 × numerator / denominator, blank when either is missing or d is 0."""
    flags = suppressed(frame, numerator) | suppressed(frame, denominator)
    return _rows(indicator_id, frame, period, frame[numerator], frame[denominator], flags)


def _most_deprived_rows(edition: pd.DataFrame, period: str) -> pd.DataFrame:
    """Residents of quintile 1 data zones over all residents (100 or 0 per data zone)."""
    residents = edition["total_population"]
    in_quintile_1 = residents.where(edition["simd_quintile"] == 1, 0)
    return _rows(
        "simd_most_deprived_20pct", edition, period, in_quintile_1, residents,
        suppressed(edition, "total_population"),
    )


def _rows(
    indicator_id: str, frame: pd.DataFrame, period: str, numerator: pd.Series,
    denominator: pd.Series | None, flags: pd.Series,
) -> pd.DataFrame:
    numerator = _whole_if_possible(numerator.mask(flags))
    if denominator is None:
        denominator = pd.Series(pd.NA, index=frame.index, dtype="Int64")
        value = numerator.astype(float)
    else:
        denominator = _whole_if_possible(denominator.mask(flags))
        divisor = denominator.astype(float)
        value = 100 * numerator.astype(float) / divisor.where(divisor != 0)
    return pd.DataFrame({
        "indicator_id": indicator_id,
        "geography_code": frame["datazone_code"],
        "period": period,
        "numerator": numerator,
        "denominator": denominator,
        "value": value,
        "quality_flag": flags.map({True: SOURCE_SUPPRESSED, False: ""}),
    })


def _whole_if_possible(counts: pd.Series) -> pd.Series:
    """Counts as whole numbers when they are, so values.csv shows 71 rather than 71.0."""
    numbers = pd.to_numeric(counts, errors="coerce").astype(float)
    if (numbers.dropna() % 1 == 0).all():
        return numbers.astype("Int64")
    return numbers
