"""The YAML spec of `pmf-kit add-indicators`: which file holds an analyst's own indicators, how
it is laid out, and the catalogue row of each indicator.

```yaml
file: docs/examples/fife-community-safety.xlsx   # CSV or XLSX; relative to the project root
sheet: Incidents by data zone                    # XLSX only (default: the first sheet)
geography: {level: datazone, column: Data zone code}   # or name_column: for names
layout: wide                                     # long: one row per area and period
periods: {2021/22: "2021/22", 2022/23: "2022/23"}      # wide: period -> column suffix
indicators:
  - id: antisocial_behaviour
    title: Antisocial behaviour incidents per 1,000 residents
    theme: Community safety
    unit: rate_per_1000
    polarity: lower_is_better
    source: Police Scotland, Fife division
    numerator: "Incidents {period}"              # a column, {period} filled in when wide
    denominator: Residents
    suppression_threshold: 10
```

An NRS Flexible Table Builder (SuperWEB2) census export is read as downloaded (`layout:
superweb2`): its rows are the areas (codes or names of `geography.level`), `period` is its one
period, and a numerator or denominator is one of its columns or a list of them, summed:

```yaml
file: census-tenure.csv
layout: superweb2
geography: {level: intermediate_zone}
period: 2022
indicators:
  - id: rented_households
    ...
    numerator: [Social rented, Private rented]   # columns summed
    denominator: All households
```

Every problem is collected, one line each naming the spec file and the key, so an analyst fixes
them all in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pmf_kit.data.indicators import AGGREGATIONS, DEFAULT_SUPPRESSION_THRESHOLD, POLARITIES
from pmf_kit.data.paths import missing_path_hint, project_path
from pmf_kit.data.periods import PeriodError, parse_period
from pmf_kit.errors import ConfigError, DataProblemsError
from pmf_kit.stats.intervals import PUBLISHED_ONLY_UNITS, UNITS

INDICATOR_ID = re.compile(r"^[a-z][a-z0-9_]*$")
LAYOUTS = ("long", "wide", "superweb2")
REQUIRED_INDICATOR_KEYS = ("id", "title", "theme", "unit", "polarity", "source")
OPTIONAL_INDICATOR_KEYS = ("definition", "owner", "numerator", "denominator", "value", "aggregation",
                           "suppression_threshold", "numerator_label", "denominator_label")
TOP_KEYS = ("file", "sheet", "geography", "layout", "period_column", "periods", "period", "indicators",
            "suppressed_marks")
SUM = " + "
"""Between the export columns a superweb2 numerator or denominator sums, in the name of the sum."""
SUPPRESSED_MARKS = ("*", "c", "x")
"""Cells a partner writes for a figure withheld at source: stored blank and flagged."""


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator of the spec: its catalogue row and the columns of its figures."""

    catalogue: dict[str, Any]
    numerator: str | None
    denominator: str | None
    value: str | None
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """superweb2: the export columns summed into each of the columns above."""

    @property
    def id(self) -> str:
        return str(self.catalogue["indicator_id"])

    @property
    def unit(self) -> str:
        return str(self.catalogue["unit"])


@dataclass(frozen=True)
class AddSpec:
    """A whole spec: the file and its layout, and the indicators it holds."""

    path: Path
    file: Path
    sheet: str | None
    level: str
    code_column: str | None
    name_column: str | None
    layout: str
    period_column: str | None
    periods: dict[str, str]
    indicators: list[IndicatorSpec]
    suppressed_marks: tuple[str, ...] = field(default=SUPPRESSED_MARKS)
    period: str | None = None
    """superweb2: the one period of the export."""

    def column(self, role: str | None, period: str | None) -> str | None:
        """The column of a figure: as written, with `{period}` filled in for a wide layout."""
        if role is None:
            return None
        return role.replace("{period}", self.periods[period]) if period is not None else role


def read_spec(path: str | Path) -> AddSpec:
    """Read and check a spec; every problem found is reported together (DataProblemsError)."""
    path = project_path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, "expected an add-indicators spec (.yaml) here; there is no such file"
                          f"{missing_path_hint(path)}") from None
    except yaml.YAMLError as error:
        raise ConfigError(path, f"not valid YAML: {error}") from None
    if not isinstance(document, dict):
        raise ConfigError(path, f"expected a mapping with keys {', '.join(TOP_KEYS)}")
    problems: list[str] = []
    spec = _build(path, document, problems)
    if problems:
        raise DataProblemsError(path, problems)
    return spec


def _build(path: Path, document: dict, problems: list[str]) -> AddSpec | None:
    for key in document:
        if key not in TOP_KEYS:
            problems.append(f"unknown key {key!r}; expected {', '.join(TOP_KEYS)}")
    file = document.get("file")
    if not isinstance(file, str) or not file.strip():
        problems.append("file: expected the CSV or XLSX file to read, relative to the project root")
        file = ""
    elif not project_path(file).is_file():
        problems.append(f"file: {file} does not exist (relative paths are taken from the project root)")
    elif Path(file).suffix.lower() not in (".csv", ".xlsx"):
        problems.append(f"file: expected a .csv or .xlsx file, found {file}")
    geography = document.get("geography")
    level = code_column = name_column = None
    if not isinstance(geography, dict) or not isinstance(geography.get("level"), str):
        problems.append("geography: expected {level: LEVEL, column: CODE COLUMN} or {level: LEVEL, name_column: NAMES}")
    else:
        level = geography["level"]
        code_column, name_column = geography.get("column"), geography.get("name_column")
        if document.get("layout") == "superweb2":
            if code_column is not None or name_column is not None:
                problems.append("geography: a superweb2 export's rows are its areas; give only level")
        elif (code_column is None) == (name_column is None):
            problems.append("geography: expected exactly one of column (codes) or name_column (names)")
    layout = document.get("layout", "long")
    if layout not in LAYOUTS:
        problems.append(f"layout: expected long, wide or superweb2, found {layout!r}")
    periods = _periods(document, layout, problems)
    period = _export_period(document, layout, problems)
    for key in ("periods", "period_column") if layout == "superweb2" else ():
        if key in document:
            problems.append(f"{key}: a superweb2 export has one period; give it as period")
    if layout == "long" and not isinstance(document.get("period_column"), str):
        problems.append("period_column: expected the column holding each row's period (long layout)")
    marks = document.get("suppressed_marks", list(SUPPRESSED_MARKS))
    if not isinstance(marks, list) or not all(isinstance(mark, str) for mark in marks):
        problems.append("suppressed_marks: expected a list of texts such as ['*', 'c']")
        marks = list(SUPPRESSED_MARKS)
    entries = document.get("indicators")
    if not isinstance(entries, list) or not entries:
        problems.append("indicators: expected a list of indicators, each with id, title, theme, unit, polarity, source")
        entries = []
    indicators = [_indicator(entry, number, layout, problems) for number, entry in enumerate(entries, start=1)]
    ids = [indicator.id for indicator in indicators if indicator is not None]
    for repeated in sorted({indicator_id for indicator_id in ids if ids.count(indicator_id) > 1}):
        problems.append(f"indicators: id {repeated!r} is given more than once")
    return AddSpec(path, project_path(file) if file else path, document.get("sheet"), str(level), code_column,
                   name_column, str(layout), document.get("period_column"), periods,
                   [indicator for indicator in indicators if indicator is not None], tuple(marks), period)


def _export_period(document: dict, layout: str, problems: list[str]) -> str | None:
    """superweb2: the period every figure of the export describes (2022 for Census 2022)."""
    if layout != "superweb2":
        return None
    try:
        return parse_period(str(document.get("period", ""))).label
    except PeriodError:
        problems.append("period: expected, for a superweb2 export, the period its figures describe, e.g. 2022")
        return None


def _periods(document: dict, layout: str, problems: list[str]) -> dict[str, str]:
    """Wide layout: canonical period label -> the text that stands for it in column names."""
    if layout != "wide":
        return {}
    raw = document.get("periods")
    if not isinstance(raw, dict) or not raw:
        problems.append("periods: expected, for a wide layout, a mapping of period to the text in its "
                        "column names, e.g. {2022/23: '2022-23'}")
        return {}
    periods = {}
    for label, text in raw.items():
        try:
            periods[parse_period(label).label] = str(text)
        except PeriodError as error:
            problems.append(f"periods: {error}")
    return periods


def _indicator(entry: Any, number: int, layout: str, problems: list[str]) -> IndicatorSpec | None:
    where = f"indicators[{number}]"
    if not isinstance(entry, dict):
        problems.append(f"{where}: expected a mapping with id, title, theme, unit, polarity, source")
        return None
    for key in entry:
        if key not in REQUIRED_INDICATOR_KEYS + OPTIONAL_INDICATOR_KEYS:
            problems.append(f"{where}: unknown key {key!r}")
    for key in REQUIRED_INDICATOR_KEYS:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            problems.append(f"{where}.{key}: expected a non-empty text")
    indicator_id = str(entry.get("id", ""))
    if entry.get("id") and not INDICATOR_ID.fullmatch(indicator_id):
        problems.append(f"{where}.id: expected lower case letters, digits and _ (e.g. antisocial_behaviour), "
                        f"found {indicator_id!r}")
    unit, polarity = entry.get("unit"), entry.get("polarity")
    if unit is not None and unit not in UNITS:
        problems.append(f"{where}.unit: expected one of {', '.join(UNITS)}, found {unit!r}")
    if polarity is not None and polarity not in POLARITIES:
        problems.append(f"{where}.polarity: expected one of {', '.join(POLARITIES)}, found {polarity!r}")
    columns = {role: entry.get(role) for role in ("numerator", "denominator", "value")}
    parts = {}
    for role, column in columns.items():
        if layout == "superweb2" and isinstance(column, (str, list)):
            summed = [column] if isinstance(column, str) else column
            if not summed or not all(isinstance(part, str) for part in summed):
                problems.append(f"{where}.{role}: expected a column of the export or a list of them")
                continue
            columns[role] = SUM.join(summed)
            parts[columns[role]] = tuple(summed)
        elif column is not None and not isinstance(column, str):
            problems.append(f"{where}.{role}: expected a column name")
        elif layout == "wide" and column is not None and "{period}" not in column and role != "denominator":
            problems.append(f"{where}.{role}: a wide layout names its columns with {{period}}, e.g. 'Incidents {{period}}'")
    aggregation = entry.get("aggregation") or _default_aggregation(unit, columns)
    if aggregation not in AGGREGATIONS:
        problems.append(f"{where}.aggregation: expected one of {', '.join(AGGREGATIONS)}, found {aggregation!r}")
    _check_columns_fit_unit(where, unit, columns, aggregation, problems)
    threshold = entry.get("suppression_threshold", DEFAULT_SUPPRESSION_THRESHOLD)
    if not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < 0:
        problems.append(f"{where}.suppression_threshold: expected a whole number of at least 0, found {threshold!r}")
    catalogue = {
        "indicator_id": indicator_id, "title": entry.get("title", ""), "theme": entry.get("theme", ""),
        "definition": entry.get("definition", ""), "numerator_label": entry.get("numerator_label", columns["numerator"] or ""),
        "denominator_label": entry.get("denominator_label", columns["denominator"] or ""), "unit": unit,
        "polarity": polarity, "source": entry.get("source", ""), "owner": entry.get("owner", ""),
        "aggregation": aggregation, "suppression_threshold": threshold, "derived_from_simd": "false",
    }
    return IndicatorSpec(catalogue, columns["numerator"], columns["denominator"], columns["value"], parts)


def _default_aggregation(unit: object, columns: dict[str, Any]) -> str:
    """Counts and rates with numerators sum; anything given as a value alone is not additive."""
    return "sum_ratio" if columns["numerator"] is not None and unit not in PUBLISHED_ONLY_UNITS else "not_additive"


def _check_columns_fit_unit(where: str, unit: object, columns: dict[str, Any], aggregation: str,
                            problems: list[str]) -> None:
    numerator, denominator, value = columns["numerator"], columns["denominator"], columns["value"]
    if unit in PUBLISHED_ONLY_UNITS:
        if value is None:
            problems.append(f"{where}.value: a {unit} has no numerator form; name the column of its values")
    elif unit == "count":
        if numerator is None:
            problems.append(f"{where}.numerator: a count needs the column of its counts")
        if denominator is not None:
            problems.append(f"{where}.denominator: a count has no denominator")
    elif unit is not None and numerator is None and value is None:
        problems.append(f"{where}.numerator: a {unit} needs its numerator and denominator columns (or a value column)")
    elif unit is not None and numerator is not None and denominator is None:
        problems.append(f"{where}.denominator: a {unit} needs the column of its denominators")
    if aggregation == "population_weighted" and (denominator is None or value is None):
        problems.append(f"{where}.aggregation: population_weighted needs a value column and a denominator (the weight)")
