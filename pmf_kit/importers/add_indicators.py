"""`pmf-kit add-indicators`: an analyst's own partner data (a police or NHS file by data zone, a
council service file by intermediate zone, a census table downloaded from NRS's table builder)
added to a data set as indicators.

The file is read as the spec describes (pmf_kit.importers.indicator_spec), every row checked
against the data set (codes or names of the level, periods, numbers, negative counts, a numerator
above its denominator for a percentage, duplicate rows), and every problem reported together,
each naming the file, sheet, row and column. Nothing is written unless all is well; then
indicators.csv and values.csv are replaced atomically. Rows for an indicator already held are
added beside its history (pmf_kit.importers.indicator_merge): replacing a held value, or the whole
history when the unit changes, needs `replace`, and is refused with exactly what would be lost.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import python_calamine

from pmf_kit.data.dataset import Dataset, open_dataset
from pmf_kit.data.geography_versions import mixed_versions_message, other_version
from pmf_kit.data.naming import matching_names
from pmf_kit.data.periods import PeriodError, parse_period
from pmf_kit.errors import DataFileError, DataProblemsError
from pmf_kit.importers.indicator_merge import (
    Merge,
    as_values_text,
    held_tables,
    merged_values,
    period_kind_problems,
    plan_merge,
    write_merged,
)
from pmf_kit.importers.indicator_spec import AddSpec, IndicatorSpec, read_spec
from pmf_kit.importers.superweb2_table import superweb2_table

HEADER_SEARCH_ROWS = 30
SOURCE_SUPPRESSED = "source_suppressed"


@dataclass(frozen=True)
class AddedIndicator:
    """What one indicator brought: its rows, areas and periods, and what it did to the rows held."""

    indicator_id: str
    rows: int
    areas: int
    periods: list[str]
    new: bool
    """The id was not in the data set before."""
    added_rows: int
    """Rows at an area and period the data set did not hold."""
    replaced_rows: int
    kept_rows: int
    """Rows held before and left as they were."""
    replaced: str = ""
    """What was replaced, in words (rows, periods, areas, the first values); empty if nothing."""
    catalogue_changes: tuple[str, ...] = ()
    """Fields of the held catalogue row the spec changed, in words."""


def add_indicators(dataset_path: str | Path, spec_path: str | Path, replace: bool = False) -> list[AddedIndicator]:
    """Add the indicators a spec describes to a data set folder; see the module docstring.

    Without `replace`, a file that would replace any value the data set holds writes nothing and
    raises a DataProblemsError saying, per indicator, exactly which rows, periods and areas.
    """
    spec = read_spec(spec_path)
    dataset = open_dataset(dataset_path)
    if spec.layout == "superweb2":
        table, sheet, spec = superweb2_table(spec, dataset)
    else:
        table, sheet = read_table(spec.file, spec.sheet, _header_cells(spec))
    rows = partner_rows(spec, table, sheet, dataset)
    catalogue, values = held_tables(dataset)
    merges = [plan_merge(indicator.id, indicator.catalogue, catalogue, values,
                         rows[rows["indicator_id"] == indicator.id]) for indicator in spec.indicators]
    _check_merges(spec, sheet, merges, replace)
    write_merged(dataset, catalogue, merges, merged_values(values, merges, as_values_text(rows.drop(columns="row"))))
    return [_summary(merge) for merge in merges]


def _check_merges(spec: AddSpec, sheet: str | None, merges: list[Merge], replace: bool) -> None:
    """Refuse a period of another kind always, and a replacement unless asked for."""
    where = _Where(spec.file, sheet)
    column = spec.period_column if spec.layout == "long" else None
    problems = [problem for merge in merges for problem in period_kind_problems(
        merge, lambda row, period, expected: where.say(row, column, expected, period))]
    if problems:
        raise DataProblemsError(spec.file, problems)
    losses = [merge.loss() for merge in merges if not merge.replaced.empty]
    if losses and not replace:
        raise DataProblemsError(spec.file, losses + [
            "nothing was written; to replace these rows, run the command again with --replace "
            "(every other row the data set holds is kept)"])


def _summary(merge: Merge) -> AddedIndicator:
    rows = merge.new_rows
    return AddedIndicator(merge.indicator_id, len(rows), int(rows["geography_code"].nunique()),
                          sorted(set(rows["period"]), key=parse_period), merge.is_new, merge.added_rows,
                          len(merge.replaced), len(merge.kept), merge.loss() if not merge.replaced.empty else "",
                          merge.catalogue_changes)


def _header_cells(spec: AddSpec) -> list[str]:
    """Column names the header row must hold (to find it under a partner's title rows)."""
    first = spec.code_column or spec.name_column
    return [str(first)] + ([spec.period_column] if spec.layout == "long" else [])


def read_table(path: Path, sheet: str | None, header_cells: list[str]) -> tuple[pd.DataFrame, str | None]:
    """Every cell under the header row (the first row holding `header_cells`), as text or
    numbers, with `row`: the row number a spreadsheet shows."""
    if path.suffix.lower() == ".xlsx":
        try:
            workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        except Exception as error:  # calamine raises several types for a file that is not a workbook
            raise DataFileError(path, "a readable .xlsx workbook", found=str(error)) from None
        sheet = sheet if sheet is not None else workbook.sheet_names[0]
        if sheet not in workbook.sheet_names:
            raise DataFileError(path, f"a sheet called {sheet!r}", found=workbook.sheet_names)
        cells = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    else:
        sheet = None
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        cells = list(csv.reader(io.StringIO(text, newline="")))
    for position, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
        names = [str(cell).strip() for cell in row]
        if all(cell in names for cell in header_cells):
            body = [list(line) + [""] * (len(names) - len(line)) for line in cells[position + 1:]]
            frame = pd.DataFrame([line[:len(names)] for line in body], columns=names, dtype=object)
            frame["row"] = range(position + 2, position + 2 + len(body))
            blank = frame.drop(columns="row").map(lambda cell: str(cell).strip() == "").all(axis=1)
            return frame[~blank].reset_index(drop=True), sheet
    raise DataFileError(path, f"a header row with {', '.join(map(repr, header_cells))} in its first "
                        f"{HEADER_SEARCH_ROWS} rows", sheet=sheet)


def partner_rows(spec: AddSpec, table: pd.DataFrame, sheet: str | None, dataset: Dataset) -> pd.DataFrame:
    """values.csv rows for every indicator of the spec; every problem raised together."""
    problems: list[str] = []
    where = _Where(spec.file, sheet)
    if spec.level not in dataset.level_ids:
        raise DataProblemsError(spec.path, [f"geography.level: the data set has no level {spec.level!r}; "
                                            f"it has {', '.join(dataset.level_ids)}"])
    columns = _expected_columns(spec)
    missing = [column for column in columns if column not in table.columns]
    if missing:
        present = ", ".join(column for column in table.columns if column != "row")
        raise DataProblemsError(spec.file, [where.say(None, column, f"a column called {column!r} (found {present})")
                                            for column in missing])
    codes = _area_codes(spec, table, dataset, where, problems)
    frames = []
    for indicator in spec.indicators:
        for period in (spec.periods or [None]):
            frames.append(_indicator_rows(spec, indicator, period, table, codes, where, problems))
    rows = pd.concat(frames, ignore_index=True)
    _check_duplicates(rows, where, problems)
    if problems:
        raise DataProblemsError(spec.file, problems)
    return rows


@dataclass(frozen=True)
class _Where:
    path: Path
    sheet: str | None

    def say(self, row: int | None, column: str | None, expected: str, found: object = None) -> str:
        return str(DataFileError(self.path, expected, row=row, column=column, found=found, sheet=self.sheet))


def _expected_columns(spec: AddSpec) -> list[str]:
    columns = [spec.code_column or spec.name_column] + ([spec.period_column] if spec.layout == "long" else [])
    for indicator in spec.indicators:
        for role in (indicator.numerator, indicator.denominator, indicator.value):
            for period in (spec.periods or [None]):
                column = spec.column(role, period) if role and "{period}" in role else role
                if column is not None and column not in columns:
                    columns.append(column)
    return columns


def _area_codes(spec: AddSpec, table: pd.DataFrame, dataset: Dataset, where: _Where, problems: list[str]) -> pd.Series:
    """Each row's area code: a code of the level, or a name matched forgivingly within it."""
    areas = dataset.areas(spec.level)
    column = spec.code_column or spec.name_column
    known = set(areas["code"])
    if spec.code_column is not None:
        texts = [str(cell).strip() for cell in table[column]]
        theirs = other_version([text for text in texts if text not in known], dataset.geography_version, spec.level)
        if theirs is not None:
            problems.append(f"{where.path}, column {column!r}: " + mixed_versions_message(
                f"its {spec.level} codes", theirs, dataset.name, dataset.geography_version))
            return pd.Series([None] * len(table), index=table.index)
    found = []
    for cell, row in zip(table[column], table["row"]):
        text = str(cell).strip()
        if spec.code_column is not None:
            code = text if text in known else None
            if code is None:
                problems.append(where.say(row, column, f"a {spec.level} code of the data set", text))
        else:
            names = matching_names(text, list(areas["name"]))
            matches = areas[areas["name"].isin(names)]
            code = matches["code"].iloc[0] if len(matches) == 1 else None
            if code is None:
                what = "one" if len(matches) > 1 else "the"
                problems.append(where.say(row, column, f"{what} name of a {spec.level} of the data set", text))
        found.append(code)
    return pd.Series(found, index=table.index)


def _indicator_rows(spec: AddSpec, indicator: IndicatorSpec, period: str | None, table: pd.DataFrame,
                    codes: pd.Series, where: _Where, problems: list[str]) -> pd.DataFrame:
    periods = pd.Series(period, index=table.index) if period is not None else _periods(spec, table, where, problems)
    figures, flags = {}, pd.Series(False, index=table.index)
    for role in ("numerator", "denominator", "value"):
        column = spec.column(getattr(indicator, role), period)
        if column is None:
            figures[role] = pd.Series(float("nan"), index=table.index)
            continue
        figures[role], withheld = _numbers(spec, table, column, where, problems)
        flags |= withheld
    numerator, denominator = figures["numerator"], figures["denominator"]
    for role, column in (("numerator", indicator.numerator), ("denominator", indicator.denominator)):
        negative = figures[role] < 0
        for row in table.loc[negative, "row"]:
            problems.append(where.say(row, spec.column(column, period), f"a {role} of 0 or more (a count)",
                                      f"{figures[role][table['row'] == row].iloc[0]:g}"))
    if indicator.unit == "percent":
        above = numerator > denominator
        for row in table.loc[above, "row"]:
            problems.append(where.say(row, spec.column(indicator.numerator, period),
                                      "a numerator no larger than its denominator (a percentage)",
                                      f"{numerator[table['row'] == row].iloc[0]:g}"))
    return pd.DataFrame({
        "indicator_id": indicator.id, "geography_code": codes, "period": periods,
        "numerator": numerator, "denominator": denominator, "value": figures["value"],
        "quality_flag": flags.map({True: SOURCE_SUPPRESSED, False: ""}), "row": table["row"],
    })


def _periods(spec: AddSpec, table: pd.DataFrame, where: _Where, problems: list[str]) -> pd.Series:
    labels = []
    for cell, row in zip(table[spec.period_column], table["row"]):
        text = str(int(cell)) if isinstance(cell, float) and cell.is_integer() else str(cell).strip()
        try:
            labels.append(parse_period(text).label)
        except PeriodError:
            problems.append(where.say(row, spec.period_column,
                                      "a period: 2023, 2023/24, 2024/25 Q2 or 2014 to 2018", text))
            labels.append(None)
    return pd.Series(labels, index=table.index)


def _numbers(spec: AddSpec, table: pd.DataFrame, column: str, where: _Where,
             problems: list[str]) -> tuple[pd.Series, pd.Series]:
    """A column as numbers; blank is missing, a suppression mark missing and flagged, and any
    other text a problem naming its row."""
    numbers, withheld = [], []
    for cell, row in zip(table[column], table["row"]):
        text = str(cell).strip().replace(",", "")
        withheld.append(text in spec.suppressed_marks)
        if text == "" or text in spec.suppressed_marks:
            numbers.append(float("nan"))
            continue
        try:
            numbers.append(float(text))
        except ValueError:
            problems.append(where.say(row, column, "a number, a blank cell or a suppression mark "
                                      f"({', '.join(spec.suppressed_marks)})", str(cell)))
            numbers.append(float("nan"))
    return pd.Series(numbers, index=table.index), pd.Series(withheld, index=table.index)


def _check_duplicates(rows: pd.DataFrame, where: _Where, problems: list[str]) -> None:
    keys = ["indicator_id", "geography_code", "period"]
    known = rows.dropna(subset=keys)
    for row in known.loc[known.duplicated(keys), ["indicator_id", "geography_code", "period", "row"]].itertuples():
        problems.append(where.say(row.row, None, f"one row per area and period for {row.indicator_id}",
                                  f"{row.geography_code} {row.period} again"))
