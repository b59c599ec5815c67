"""The indicator catalogue and the tidy values table: loading, validation, and the unit rule.

The catalogue says how each indicator is read (unit, polarity) and aggregated; the values table
holds numerators and denominators so that any geography can be built by summing them.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable

import pandas as pd

from pmf_kit.data.catalogue_fields import read_catalogue_fields
from pmf_kit.data.naming import closest_names, matching_names
from pmf_kit.data.periods import PeriodError, parse_period
from pmf_kit.data.tabular import (
    check_allowed,
    check_at_least_zero,
    check_plausible,
    check_unique,
    fail_at_first,
    read_csv_checked,
    spreadsheet_row,
)
from pmf_kit.errors import DataFileError, UnknownIndicatorError, UnknownThemeError
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
RELEASE = "release"
"""Optional column of values.csv and population.csv: the release a figure comes from (`SIMD 2020`,
`Census 2022`), shown beside the period its data describe (`2017/18`)."""
PERIOD_IS_EDITION = "period_is_edition"
"""Optional column of values.csv: true where no source states the year a figure describes, so its
period is its release's edition year and every output says "data year not stated"."""
NUMERATOR_MAX = "numerator_max"
"""Optional column of values.csv: for a cell its source suppressed (quality_flag source_suppressed),
the largest count it can hold (2.03 for SIMD 2020's fewer than 3 crimes, grossed up): an area's
figure is then a range, not a figure over fewer data zones."""
COUNTED_UNITS = ("percent", "rate_per_1000", "rate_per_10000", "rate_per_100000", "count")
"""Units whose numerator counts people or events: never negative, and whole unless apportioned."""
MIN_PERIOD_COVERAGE = 0.5
"""A period of an indicator must have rows for at least this share of the data zones its fullest
period has: fewer is a stray row, not a new year of data."""


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
    catalogue["simd_input"] = _yes_no(catalogue, "simd_input", path)
    for column in text_columns:
        catalogue[column] = catalogue[column].fillna("")
    catalogue = read_catalogue_fields(catalogue, path, PUBLISHED_ONLY_UNITS)
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
    path: Path, catalogue: pd.DataFrame, known_codes: Iterable[str], datazone_codes: Iterable[str] = (),
) -> pd.DataFrame:
    """Read values.csv, checking indicators, geography codes, periods and numbers.

    A blank value with a numerator and denominator present is computed by the unit rule.
    Published 95% limits (optional `lower_ci`, `upper_ci`) come as a pair around a value.
    Impossible figures are errors naming the row and column: a number that is not finite or
    beyond MAX_MAGNITUDE, a negative count or denominator, a negative percentage, rate or count
    (a rate published without its count, a net flow, may be negative),
    a percentage whose numerator is above its denominator of more than 0 (or above 100), and a period of an
    indicator with rows for fewer than half the data zones of its fullest period.
    """
    header = _header(path)
    limits = [column for column in PUBLISHED_LIMIT_COLUMNS if column in header]
    bounds = [NUMERATOR_MAX] if NUMERATOR_MAX in header else []
    values = read_csv_checked(
        path, VALUE_COLUMNS, numeric=["numerator", "denominator", "value", *limits, *bounds],
        keys=["indicator_id", "geography_code", "period"],
        text=[column for column in (RELEASE, PERIOD_IS_EDITION) if column in header],
    )
    for column in PUBLISHED_LIMIT_COLUMNS:
        if column not in values.columns:
            values[column] = float("nan")
    _check_published_limits(values, path, values["indicator_id"].map(catalogue["unit"]))
    _check_known(values, "indicator_id", set(catalogue.index), path, "an indicator id from indicators.csv")
    _check_known(values, "geography_code", set(known_codes), path,
                 "a data zone or area code from lookup.csv or comparators.csv")
    _check_figures(values, values["indicator_id"].map(catalogue["unit"]), path)
    values["period"] = _normalised_periods(values["period"], path)
    _check_quarters_alone(values, path)
    check_unique(values, ["indicator_id", "geography_code", "period"], path)
    _check_periods_cover_datazones(values, set(datazone_codes), path)
    unit = values["indicator_id"].map(catalogue["unit"])
    computed = compute_value(values["numerator"], values["denominator"], unit)
    values["value"] = values["value"].fillna(computed)
    if "quality_flag" not in values.columns:
        values["quality_flag"] = pd.NA
    values[RELEASE] = values[RELEASE].fillna("").str.strip() if RELEASE in values.columns else ""
    values[PERIOD_IS_EDITION] = _yes_no(values, PERIOD_IS_EDITION, path)
    if NUMERATOR_MAX not in values.columns:
        values[NUMERATOR_MAX] = float("nan")
    _check_numerator_max(values, path)
    return values


def _check_numerator_max(values: pd.DataFrame, path: Path) -> None:
    """A bound is given only for a cell its source suppressed, in place of its count, and is 0 or more."""
    check_plausible(values, [NUMERATOR_MAX], path)
    bound = values[NUMERATOR_MAX]
    hidden = values["quality_flag"].astype("string").fillna("") == "source_suppressed"
    fail_at_first(bound.notna() & ~hidden, path, "a blank cell (a bound is only for a cell with quality_flag "
                  "source_suppressed)", NUMERATOR_MAX, bound)
    fail_at_first(bound.notna() & values["numerator"].notna(), path, "a blank numerator beside its bound (the "
                  "source suppressed it)", "numerator", values["numerator"])
    fail_at_first(bound < 0, path, "a bound of 0 or more", NUMERATOR_MAX, bound)


def _header(path: Path) -> list[str]:
    """The column names of a CSV file (none if it cannot be read: the full read says why)."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as file:
            return next(csv.reader(file), [])
    except (OSError, UnicodeDecodeError):
        return []


def _check_figures(values: pd.DataFrame, unit: pd.Series, path: Path) -> None:
    """No impossible numbers: see load_values."""
    check_plausible(values, ["numerator", "denominator", "value", *PUBLISHED_LIMIT_COLUMNS], path)
    counted = unit.isin(COUNTED_UNITS)
    fail_at_first(counted & (values["numerator"] < 0), path, "a count of 0 or more", "numerator", values["numerator"])
    check_at_least_zero(values, ["denominator"], path, "a denominator")
    balance = values["numerator"].isna() & unit.str.startswith("rate_per_")
    fail_at_first(counted & ~balance & (values["value"] < 0), path,
                  "a percentage, rate or count of 0 or more (only a rate published without its count, such as "
                  "net migration, may be negative)", "value", values["value"])
    percent = unit == "percent"
    fail_at_first(percent & (values["denominator"] > 0) & (values["numerator"] > values["denominator"]), path,
                  "a numerator no larger than its denominator (a percentage is at most 100)", "numerator",
                  values["numerator"])
    fail_at_first(percent & (values["value"] > 100), path, "a percentage of at most 100", "value", values["value"])


def _check_periods_cover_datazones(values: pd.DataFrame, datazone_codes: set[str], path: Path) -> None:
    """Each period of an indicator has rows for most of its data zones (see MIN_PERIOD_COVERAGE)."""
    zones = values[values["geography_code"].isin(datazone_codes)]
    per_period = zones.groupby(["indicator_id", "period"]).size()
    if per_period.empty:
        return
    fullest = per_period.groupby(level="indicator_id").transform("max")
    thin = per_period[per_period < MIN_PERIOD_COVERAGE * fullest]
    if thin.empty:
        return
    indicator, period = thin.index[0]
    keys = pd.MultiIndex.from_frame(values[["indicator_id", "period"]])
    position = int(keys.get_indexer_for([(indicator, period)]).min())
    raise DataFileError(path, f"a period with rows for the data zones of {indicator} (its fullest period has "
                              f"{int(fullest[(indicator, period)])})", spreadsheet_row(position), "period",
                        found=f"{period} for {int(thin.iloc[0])} data zone{'s' if thin.iloc[0] != 1 else ''}")


def fractional_counts(values: pd.DataFrame, catalogue: pd.DataFrame, path: Path) -> list[str]:
    """Warnings for numerators of counted units that are not whole numbers. Counts apportioned
    to data zones (e.g. from postcode sectors) are legitimately fractional, so they are used as
    they are; the warning lets the analyst check that this is what the file means. Indicators
    published at source are as their publisher made them and are not warned about."""
    counted = values["indicator_id"].map(catalogue["unit"]).isin(COUNTED_UNITS) & _controlled(values, catalogue)
    fractional = counted & values["numerator"].notna() & (values["numerator"] % 1 != 0)
    if not fractional.any():
        return []
    first = int(fractional.to_numpy().nonzero()[0][0])
    indicators = ", ".join(sorted(values.loc[fractional, "indicator_id"].unique()))
    return [f"{path}, row {spreadsheet_row(first)}, column 'numerator': {int(fractional.sum())} counts are not "
            f"whole numbers ({indicators}; the first is {values['numerator'].iloc[first]:g}); they are used as "
            "apportioned counts"]


def _controlled(values: pd.DataFrame, catalogue: pd.DataFrame) -> pd.Series:
    """Rows of indicators pmf_kit controls: a publisher's own figures (grossed-up crime counts, SIMD's
    income count over a population estimate of 0) are as published, not a partner file's slip."""
    return values["indicator_id"].map(catalogue["disclosure"]) != "published_at_source"


def counts_over_empty_denominators(values: pd.DataFrame, catalogue: pd.DataFrame, path: Path) -> list[str]:
    """Warnings for percentages counting people over a denominator of 0. Published small-area
    files have them (SIMD 2016 counts an income-deprived person in a data zone whose population
    estimate is 0): the value is left blank, the count still adds to the areas above."""
    percent = (values["indicator_id"].map(catalogue["unit"]) == "percent") & _controlled(values, catalogue)
    empty = percent & (values["denominator"] == 0) & (values["numerator"] > 0)
    if not empty.any():
        return []
    first = int(empty.to_numpy().nonzero()[0][0])
    indicators = ", ".join(sorted(values.loc[empty, "indicator_id"].unique()))
    return [f"{path}, row {spreadsheet_row(first)}, column 'denominator': {int(empty.sum())} percentages count "
            f"people over a denominator of 0 ({indicators}); their values are left blank"]


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


def _check_quarters_alone(values: pd.DataFrame, path: Path) -> None:
    """An indicator's quarters are never mixed with its years: a quarter's count beside a year's
    (2,900 against 9,570) would chart, trend and rate as a collapse. The rows of the kind the
    indicator has fewer of are the mistake; the first is named."""
    labels = values["period"].unique()
    quarterly = values["period"].map({label: parse_period(label).kind == "financial_quarter" for label in labels})
    share = quarterly.groupby(values["indicator_id"]).transform("mean")
    minority = (quarterly & (share < 0.5)) | (~quarterly & (share >= 0.5))
    mixed = (share > 0) & (share < 1)
    fail_at_first(mixed & minority, path, "periods of one kind per indicator: quarters (2024/25 Q2) or years, not "
                  "both (add a quarterly figure as its own indicator)", "period", values["period"])


def resolve_indicators(catalogue: pd.DataFrame, indicator_ids: Iterable[str] | str | None) -> list[str]:
    """Indicator ids checked against the catalogue, case and spacing forgiven (`Crime Rate` is
    `crime_rate`); None means every indicator. An unknown id is an UnknownIndicatorError with
    the closest ids."""
    if indicator_ids is None:
        return list(catalogue.index)
    if isinstance(indicator_ids, str):
        indicator_ids = [part.strip() for part in indicator_ids.split(",") if part.strip()]
    known = list(catalogue.index)
    resolved = []
    for indicator_id in indicator_ids:
        if indicator_id not in catalogue.index:
            matched = matching_names(str(indicator_id), known)
            if len(matched) != 1:
                raise UnknownIndicatorError(str(indicator_id), closest_names(str(indicator_id), known))
            indicator_id = matched[0]
        resolved.append(indicator_id)
    return resolved


def resolve_theme(catalogue: pd.DataFrame, theme: str) -> str:
    """The catalogue's theme meant, case and spacing forgiven (`health` is `Health`); an
    unknown theme is an UnknownThemeError with the closest themes."""
    themes = list(dict.fromkeys(catalogue["theme"]))
    matched = matching_names(str(theme), themes)
    if not matched:
        raise UnknownThemeError(str(theme), themes, closest_names(str(theme), themes))
    return matched[0]


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
