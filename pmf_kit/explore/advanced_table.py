"""The KnowFife "advanced table": one row per area, indicator and period, with explicit columns.

Analysts paste it into spreadsheets and other tools, so every column says what it is, the
geography is spelt out (level, code, name), intervals are included, and figures are suppressed
by the data set's one decision, exactly as in the reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from pmf_kit.data.atomic import write_text_atomically
from pmf_kit.data.dataset import Dataset
from pmf_kit.data.indicators import resolve_indicators
from pmf_kit.data.ownership import check_replaceable, has_columns
from pmf_kit.data.paths import project_path
from pmf_kit.data.periods import parse_period
from pmf_kit.data.spreadsheets import csv_safe, machine_figures, write_csv, write_xlsx
from pmf_kit.errors import PmfKitError
from pmf_kit.stats import add_confidence_limits
from pmf_kit.stats.disclosure import SUPPRESSION_SYMBOL
from pmf_kit.stats.rounding import figure_text

TABLE_COLUMNS = {
    "level": "area_level", "geography_code": "area_code", "geography_name": "area_name",
    "indicator_id": "indicator_id", "period": "period", "release": "release",
    "period_is_edition": "period_is_edition", "numerator": "numerator", "numerator_high": "numerator_highest",
    "denominator": "denominator", "value": "value", "value_low": "value_lowest", "value_high": "value_highest",
    "lower_ci": "lower_95", "upper_ci": "upper_95", "datazones_source_suppressed": "datazones_suppressed_at_source",
    "suppressed": "suppressed",
}
"""Every figure with the period its data describe and its release, and a range where its source
hid counts (the README's advanced table; `pmf-kit table --help` explains each column)."""
FORMATS = ("csv", "xlsx", "markdown")
SUFFIX_FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".md": "markdown"}


def parse_within(within: str | None) -> tuple[str, str] | None:
    """`council=Fife` → ("council", "Fife"); None stays None."""
    if not within:
        return None
    level, separator, name = within.partition("=")
    if not separator or not level.strip() or not name.strip():
        raise PmfKitError(f"--within {within!r}: expected LEVEL=NAME, e.g. council=Fife")
    return level.strip(), name.strip()


def table(
    dataset: Dataset, indicators: Iterable[str] | str, level: str,
    within: str | tuple[str, str] | None = None, period: str = "latest",
) -> pd.DataFrame:
    """The advanced table for areas of `level` (optionally only those within another area).

    `period` is a period label, `latest` (each indicator's latest period) or `all`.
    Figures are suppressed by the data set's one decision (data.publication), the same in every
    table and report: `suppressed` says why a blank is blank.
    """
    wanted = resolve_indicators(dataset.catalogue, indicators)
    values = dataset.aggregate(level, wanted)
    parent = _within_area(dataset, within)
    if parent is not None:
        inside = dataset.geography.areas_within(parent, level)["code"]
        values = values[values["geography_code"].isin(inside)]
    values = _select_period(values, period)
    values = dataset.disclosure.apply(add_confidence_limits(values, dataset.catalogue))
    values = values.sort_values(["indicator_id", "geography_name", "period"], key=_period_aware)
    return values[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS).reset_index(drop=True)


def _within_area(dataset: Dataset, within: str | tuple[str, str] | None):
    """The area that `within` names, or None."""
    parsed = parse_within(within) if isinstance(within, str) or within is None else within
    if parsed is None:
        return None
    level, name = parsed
    return dataset.find_area(name, level)


def _select_period(values: pd.DataFrame, period: str) -> pd.DataFrame:
    """Rows of one period, of each indicator's latest period, or all rows."""
    if period == "all" or values.empty:
        return values
    if period == "latest":
        latest = values.groupby("indicator_id")["period"].agg(lambda labels: max(labels, key=parse_period))
        return values[values["period"] == values["indicator_id"].map(latest)]
    label = parse_period(period).label
    return values[values["period"] == label]


def _period_aware(column: pd.Series) -> pd.Series:
    """Sort periods by date and names case-insensitively."""
    if column.name == "period":
        return column.map(lambda label: parse_period(label).start)
    return column.astype(str).str.casefold()


def write_table(
    frame: pd.DataFrame, path: Path, table_format: str | None = None, force: bool = False
) -> Path:
    """Write the table as CSV, XLSX or Markdown, atomically; the format is the suffix's.

    `table_format`, if given, must agree with the suffix (.csv, .xlsx, .md). An existing file is
    replaced only if it is a table with the same columns (data.ownership), or with `force`. Text
    that a spreadsheet would take for a formula is written as text (data.spreadsheets).
    """
    path = project_path(path)
    table_format = _format_of(path, table_format)
    columns = [str(column) for column in frame.columns]
    check_replaceable(path, has_columns(columns), f"a {table_format} table with the columns "
                      f"{', '.join(columns[:4])}, ...", force)
    if table_format == "csv":
        return write_csv(frame, path)
    if table_format == "xlsx":
        return write_xlsx({"table": frame}, path)
    return write_text_atomically(path, markdown(frame))


def _format_of(path: Path, table_format: str | None) -> str:
    """The format the suffix names; a different `table_format` is a mistake, not a choice."""
    if table_format is not None and table_format not in FORMATS:
        raise PmfKitError(f"{path}: cannot write a table as {table_format!r}; use one of {', '.join(FORMATS)}")
    expected = SUFFIX_FORMATS.get(path.suffix.lower())
    if expected is None:
        raise PmfKitError(
            f"{path}: cannot tell a table format from the suffix {path.suffix or '(none)'!r}; "
            f"expected {', '.join(SUFFIX_FORMATS)}"
        )
    if table_format is not None and table_format != expected:
        suffix = next(key for key, value in SUFFIX_FORMATS.items() if value == table_format)
        raise PmfKitError(
            f"{path}: --format {table_format} does not match the suffix {path.suffix} "
            f"({expected}); name the file *{suffix} or leave --format out"
        )
    return expected


def csv_text(frame: pd.DataFrame) -> str:
    """The table as CSV text, as written to a .csv file or to standard output: counts as whole
    numbers, values to six decimals, formula-like text kept as text, rows ending in CRLF
    (data.spreadsheets)."""
    return csv_safe(machine_figures(frame)).to_csv(index=False, lineterminator="\r\n")


def markdown(frame: pd.DataFrame) -> str:
    """The table as Markdown, suppressed cells shown with the suppression symbol."""
    shown = frame.copy()
    hidden = shown["suppressed"] != ""
    for column, decimals in (("numerator", 0), ("denominator", 0), ("value", 2), ("lower_95", 2), ("upper_95", 2)):
        text = shown[column].map(lambda number: "" if pd.isna(number) else figure_text(number, decimals))
        shown[column] = text.where(~hidden | (column == "denominator"), SUPPRESSION_SYMBOL)
    return shown.to_markdown(index=False, disable_numparse=True) + "\n"
