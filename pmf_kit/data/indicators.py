"""The indicator catalogue and the tidy values table: loading, validation, and the unit rule.

The catalogue says how each indicator is read (unit, polarity) and aggregated; the values table
holds numerators and denominators so that any geography can be built by summing them.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable

import pandas as pd

from pmf_kit.data.naming import closest_names
from pmf_kit.data.periods import PeriodError, parse_period
from pmf_kit.data.tabular import check_allowed, check_unique, read_csv_checked, spreadsheet_row
from pmf_kit.errors import DataFileError, UnknownIndicatorError
from pmf_kit.stats.intervals import PUBLISHED_ONLY_UNITS, UNIT_MULTIPLIERS, UNITS

UNIT_WORDS = {
    "percent": "%",
    "rate_per_1000": "per 1,000",
    "rate_per_10000": "per 10,000",
    "rate_per_100000": "per 100,000",
    "mean": "mean",
    "count": "number",
    "score": "score",
    "standardised_ratio": "ratio (Scotland = 100)",
    "minutes": "minutes",
    "years": "years",
}
POLARITIES = ["higher_is_better", "lower_is_better", "neutral"]
AGGREGATIONS = ["sum_ratio", "population_weighted", "not_additive"]
DEFAULT_SUPPRESSION_THRESHOLD = 5

CATALOGUE_COLUMNS = [
    "indicator_id", "title", "theme", "definition", "numerator_label", "denominator_label",
    "unit", "polarity", "source", "owner", "aggregation",
]
VALUE_COLUMNS = ["indicator_id", "geography_code", "period", "numerator", "denominator", "value"]
PUBLISHED_LIMIT_COLUMNS = ["lower_ci", "upper_ci"]
"""Optional columns of values.csv: 95% limits published with a value, used as published."""


def load_catalogue(path: Path) -> pd.DataFrame:
    """Read indicators.csv, checking units, polarities, aggregation rules and thresholds."""
    text_columns = [c for c in CATALOGUE_COLUMNS if c != "indicator_id"]
    catalogue = read_csv_checked(
        path, CATALOGUE_COLUMNS, keys=["indicator_id", "title", "theme", "unit", "polarity",
                                       "aggregation"], text=text_columns,
    )
    check_unique(catalogue, ["indicator_id"], path)
    check_allowed(catalogue, "unit", UNITS, path)
    check_allowed(catalogue, "polarity", POLARITIES, path)
    check_allowed(catalogue, "aggregation", AGGREGATIONS, path)
    if "suppression_threshold" not in catalogue.columns:
        catalogue["suppression_threshold"] = DEFAULT_SUPPRESSION_THRESHOLD
    catalogue["suppression_threshold"] = _thresholds(catalogue, path)
    catalogue["derived_from_simd"] = _yes_no(catalogue, "derived_from_simd", path)
    for column in text_columns:
        catalogue[column] = catalogue[column].fillna("")
    return catalogue.set_index("indicator_id", drop=False)


def _thresholds(catalogue: pd.DataFrame, path: Path) -> pd.Series:
    """Suppression thresholds as whole numbers, blank meaning the default."""
    raw = catalogue["suppression_threshold"]
    numbers = pd.to_numeric(raw, errors="coerce")
    bad = (numbers.isna() & raw.notna()) | (numbers < 0) | (numbers.notna() & (numbers % 1 != 0))
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        raise DataFileError(
            path, "a whole number of at least 0", spreadsheet_row(position),
            "suppression_threshold", found=raw.iloc[position],
        )
    return numbers.fillna(DEFAULT_SUPPRESSION_THRESHOLD).astype(int)


def _yes_no(catalogue: pd.DataFrame, column: str, path: Path) -> pd.Series:
    """An optional true/false column: `true`, `false` or blank (false)."""
    if column not in catalogue.columns:
        return pd.Series(False, index=catalogue.index)
    words = catalogue[column].astype("string").str.strip().str.lower().fillna("")
    bad = ~words.isin(["true", "false", ""])
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        raise DataFileError(path, "true, false or a blank cell", spreadsheet_row(position), column,
                            found=catalogue[column].iloc[position])
    return words == "true"


def compute_value(numerator: pd.Series, denominator: pd.Series, unit: pd.Series) -> pd.Series:
    """The indicator value from its numerator and denominator by the unit rule.

    percent = 100 n/d, rate_per_1000 = 1000 n/d, rate_per_10000 = 10000 n/d, rate_per_100000 =
    100000 n/d, mean = n/d, count = n; a zero or missing denominator gives a missing value, never
    infinity. Scores, standardised ratios, minutes and years have no such form: missing.
    """
    multiplier = unit.map({**UNIT_MULTIPLIERS, "mean": 1.0}).astype("float64")
    safe_denominator = denominator.where(denominator > 0)
    ratio = numerator / safe_denominator * multiplier
    return ratio.where(unit != "count", numerator).where(~unit.isin(PUBLISHED_ONLY_UNITS))


def load_values(
    path: Path, catalogue: pd.DataFrame, known_codes: Iterable[str]
) -> pd.DataFrame:
    """Read values.csv, checking indicators, geography codes, periods and numbers.

    A blank value with a numerator and denominator present is computed by the unit rule.
    Published 95% limits (optional `lower_ci`, `upper_ci`) come as a pair around a value.
    """
    header = _header(path)
    limits = [column for column in PUBLISHED_LIMIT_COLUMNS if column in header]
    values = read_csv_checked(
        path, VALUE_COLUMNS, numeric=["numerator", "denominator", "value", *limits],
        keys=["indicator_id", "geography_code", "period"],
    )
    for column in PUBLISHED_LIMIT_COLUMNS:
        if column not in values.columns:
            values[column] = float("nan")
    _check_published_limits(values, path, values["indicator_id"].map(catalogue["unit"]))
    _check_known(values, "indicator_id", set(catalogue.index), path, "an indicator id from indicators.csv")
    _check_known(values, "geography_code", set(known_codes), path,
                 "a data zone or area code from lookup.csv or comparators.csv")
    values["period"] = _normalised_periods(values["period"], path)
    check_unique(values, ["indicator_id", "geography_code", "period"], path)
    unit = values["indicator_id"].map(catalogue["unit"])
    computed = compute_value(values["numerator"], values["denominator"], unit)
    values["value"] = values["value"].fillna(computed)
    if "quality_flag" not in values.columns:
        values["quality_flag"] = pd.NA
    return values


def _header(path: Path) -> list[str]:
    """The column names of a CSV file (none if it cannot be read: the full read says why)."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as file:
            return next(csv.reader(file), [])
    except (OSError, UnicodeDecodeError):
        return []


def _check_published_limits(values: pd.DataFrame, path: Path, unit: pd.Series) -> None:
    """Published limits come both or neither, with a value, and lower <= value <= upper; never
    for a count, which is not an estimate of a rate and so has no interval."""
    lower, upper, value = values["lower_ci"], values["upper_ci"], values["value"]
    problems = [
        (lower.notna() & (unit == "count"), "lower_ci", "no limits for a count (a blank cell)"),
        (lower.notna() != upper.notna(), "lower_ci", "both limits or neither"),
        (lower.notna() & value.isna(), "value", "the published value beside its limits"),
        (lower > value, "lower_ci", "a lower limit no higher than the value"),
        (upper < value, "upper_ci", "an upper limit no lower than the value"),
    ]
    for bad, column, expected in problems:
        if bad.any():
            position = int(bad.to_numpy().nonzero()[0][0])
            raise DataFileError(path, expected, spreadsheet_row(position), column,
                                found=values[column].iloc[position])


def _check_known(frame: pd.DataFrame, column: str, known: set[str], path: Path, expected: str) -> None:
    """Every value of `column` must be one we know, else an error naming the first stranger."""
    unknown = ~frame[column].isin(known)
    if unknown.any():
        position = int(unknown.to_numpy().nonzero()[0][0])
        raise DataFileError(path, expected, spreadsheet_row(position), column,
                            found=frame[column].iloc[position])


def _normalised_periods(periods: pd.Series, path: Path) -> pd.Series:
    """Period labels in their one canonical spelling; an unreadable one names its row."""
    canonical = {}
    for label in periods.unique():
        try:
            canonical[label] = parse_period(label).label
        except PeriodError as error:
            position = int((periods == label).to_numpy().nonzero()[0][0])
            raise DataFileError(path, str(error).split(" is ", 1)[1].replace("not ", "", 1),
                                spreadsheet_row(position), "period", found=label) from None
    return periods.map(canonical)


def resolve_indicators(catalogue: pd.DataFrame, indicator_ids: Iterable[str] | str | None) -> list[str]:
    """Indicator ids checked against the catalogue; None means every indicator."""
    if indicator_ids is None:
        return list(catalogue.index)
    if isinstance(indicator_ids, str):
        indicator_ids = [part.strip() for part in indicator_ids.split(",") if part.strip()]
    resolved = []
    for indicator_id in indicator_ids:
        if indicator_id not in catalogue.index:
            raise UnknownIndicatorError(indicator_id, closest_names(indicator_id, list(catalogue.index)))
        resolved.append(indicator_id)
    return resolved


def unit_words(unit: str) -> str:
    """A unit as a table header or axis title says it."""
    return UNIT_WORDS.get(unit, unit)


def simd_derived_note(catalogue: pd.DataFrame, indicator_ids: Iterable[str]) -> str | None:
    """The one-line note for a deprivation breakdown that leaves out indicators made from SIMD.

    An indicator defined by the SIMD classification itself (`derived_from_simd`, e.g. the share
    of residents in the 20% most deprived data zones) is 100% in quintile 1 and 0% elsewhere by
    construction, so its gradient, SII or gap would only restate how it was made. None when no
    indicator among `indicator_ids` is made from SIMD.
    """
    derived = [indicator for indicator in indicator_ids if catalogue.loc[indicator, "derived_from_simd"]]
    if not derived:
        return None
    titles = "; ".join(str(catalogue.loc[indicator, "title"]) for indicator in derived)
    subject = "It is" if len(derived) == 1 else "Each is"
    return (f"Not broken down by deprivation: {titles}. {subject} defined by the SIMD classification itself, "
            "so by SIMD quintile it would be 100% in the most deprived quintile and 0% elsewhere by construction.")
