"""A returned KPI form, read and checked cell by cell.

The form must be one `kpi_forms` wrote, for the period being collected; each KPI must be in
kpis.yaml and owned by the person the form went to. In each KPI row every problem is reported
together, each naming file, sheet, row and column: a changed locked cell, a formula, a period
that is not one or not of the indicator's kind or not ended by the reporting period, a figure
that is not a number or not whole for a count, a numerator above its denominator for a
percentage, limits that do not hold their value, text too long. A row with any problem is
rejected whole; good rows go on to be collected.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from openpyxl.worksheet.worksheet import Worksheet

from pmf_kit.data.dataset import Dataset
from pmf_kit.data.paths import from_project_root
from pmf_kit.data.periods import KIND_WORDS, PeriodError, parse_period
from pmf_kit.errors import DataFileError
from pmf_kit.performance.kpis import KPI, Register
from pmf_kit.performance.returns.kpi_forms import (
    COLUMNS,
    FIGURES,
    FIRST_ROW,
    FORM_KIND,
    FORM_SHEET,
    PERIOD_CELL,
    TEXT_LIMIT,
    TEXTS,
    figure_fields,
)
from pmf_kit.performance.returns.locked_workbooks import Record, cell_text, open_returned, row_and_column, tampered_cells
from pmf_kit.performance.status import period_end

NOT_A_FORM = f"a workbook made by `pmf-kit kpis send` (an .xlsx file with its sheet {FORM_SHEET!r})"


@dataclass(frozen=True)
class ReturnedFigure:
    """One KPI's return: the figure (None where none was given) and the commentary."""

    kpi_id: str
    figure_period: str | None
    figures: dict[str, float]
    telling_us: str
    actions: str
    owner: str
    source: str
    row: int


@dataclass(frozen=True)
class ReturnedKpiForm:
    path: Path
    owner: str | None
    period: str | None
    returns: list[ReturnedFigure] = field(default_factory=list)
    rejections: list[DataFileError] = field(default_factory=list)
    left_blank: list[str] = field(default_factory=list)


def column_label(letter: str, row: int) -> str:
    """"H (Count (numerator))" in a KPI row, the bare letter elsewhere."""
    heading = next((column.heading for column in COLUMNS.values() if column.letter == letter), None)
    return f"{letter} ({heading})" if heading and row >= FIRST_ROW else letter


def read_kpi_form(path: Path, period: str, register: Register, data: Dataset) -> ReturnedKpiForm:
    """Read and check one returned KPI form for `period` against the register and the data set."""
    shown = from_project_root(path)
    opened = open_returned(path, FORM_KIND, FORM_SHEET)
    if isinstance(opened, str):
        return ReturnedKpiForm(path, None, None, rejections=[DataFileError(shown, NOT_A_FORM, found=opened)])
    sheet, record = opened
    owner, sent_for = record.facts.get("owner"), record.facts.get("period")
    if sent_for != period:
        row, letter = row_and_column(PERIOD_CELL)
        return ReturnedKpiForm(path, owner, sent_for, rejections=[DataFileError(
            shown, f"a form for {period}, the period being collected", row, letter, found=sent_for, sheet=FORM_SHEET)])
    return _read_rows(path, shown, sheet, record, period, register, data)


def _read_rows(path: Path, shown: str, sheet: Worksheet, record: Record, period: str, register: Register,
               data: Dataset) -> ReturnedKpiForm:
    owner = record.facts["owner"]
    kpi_rows = sorted({row for row, letter in map(row_and_column, record.cells)
                       if row >= FIRST_ROW and letter == COLUMNS["kpi_id"].letter})
    kpis = {kpi.id: kpi for kpi in register.kpis}
    inputs = {f"{COLUMNS[key].letter}{row}" for row in kpi_rows for key in _open_keys(sheet, record, row, kpis, data)}
    problems: dict[int, list[DataFileError]] = {}

    def reject(row: int, letter: str | None, expected: str, found: object = None) -> None:
        problems.setdefault(row, []).append(DataFileError(
            shown, expected, row, column_label(letter, row) if letter else None, found, sheet=FORM_SHEET))

    for row, letter, expected, found in tampered_cells(sheet, record, inputs):
        reject(row, letter, expected, found)
    if any(row < FIRST_ROW for row in problems):
        return ReturnedKpiForm(path, owner, period, rejections=[error for row, errors in sorted(problems.items())
                                                                 if row < FIRST_ROW for error in errors])
    returns, blank = [], []
    for row in kpi_rows:
        kpi_id = record.cells[f"{COLUMNS['kpi_id'].letter}{row}"]
        kpi = kpis.get(kpi_id)
        if kpi is None:
            reject(row, COLUMNS["kpi_id"].letter, "the id of a KPI in kpis.yaml", kpi_id)
            continue
        if kpi.sheet.get("responsible") != owner:
            reject(row, COLUMNS["kpi_id"].letter, f"a KPI owned by {owner} (kpis.yaml names "
                   f"{kpi.sheet.get('responsible') or 'nobody'})", kpi_id)
        returned = _check_row(sheet, row, kpi, data, period, owner, shown,
                              lambda letter, expected, found=None, row=row: reject(row, letter, expected, found))
        if returned is None and row not in problems:
            blank.append(kpi_id)
        elif returned is not None and row not in problems:
            returns.append(returned)
    rejections = [error for _, errors in sorted(problems.items()) for error in errors]
    return ReturnedKpiForm(path, owner, period, returns, rejections, blank)


def _open_keys(sheet: Worksheet, record: Record, row: int, kpis: dict[str, KPI], data: Dataset) -> tuple[str, ...]:
    """The input cells of a KPI row: the period, its indicator's figure cells, the commentary."""
    kpi = kpis.get(record.cells.get(f"{COLUMNS['kpi_id'].letter}{row}", ""))
    if kpi is None or kpi.indicator not in data.catalogue.index:
        return ()
    catalogue = data.catalogue.loc[kpi.indicator]
    return ("figure_period", *figure_fields(str(catalogue["unit"]), str(catalogue["aggregation"])), *TEXTS)


def _check_row(sheet: Worksheet, row: int, kpi: KPI, data: Dataset, period: str, owner: str, shown: str,
               reject) -> ReturnedFigure | None:
    """One KPI row's inputs, every bad cell reported; None for a row left empty."""
    catalogue = data.catalogue.loc[kpi.indicator]
    fields = figure_fields(str(catalogue["unit"]), str(catalogue["aggregation"]))
    cells = {key: sheet[f"{COLUMNS[key].letter}{row}"] for key in ("figure_period", *fields, *TEXTS)}
    texts = {key: cell_text(cell.value).strip() for key, cell in cells.items()}
    if not any(texts[key] for key in (*fields, *TEXTS)):
        return None
    for key, cell in cells.items():
        if cell.data_type == "f":
            reject(COLUMNS[key].letter, "a value typed in, not a formula", cell_text(cell.value))
    return check_return(texts, kpi, data, period, owner, shown, row,
                        lambda key, expected, found: reject(COLUMNS[key].letter, expected, found))


def check_return(texts: dict[str, str], kpi: KPI, data: Dataset, period: str, owner: str, source: str, row: int,
                 reject: Callable[[str, str, object], None]) -> ReturnedFigure:
    """A KPI's return from its texts (`figure_period`, its figure fields, `telling_us`, `actions`),
    every problem reported through `reject(key, expected, found)`: the one set of rules for a
    returned form and for a figure added by hand (`pmf-kit kpis add`)."""
    catalogue = data.catalogue.loc[kpi.indicator]
    unit = str(catalogue["unit"])
    fields = figure_fields(unit, str(catalogue["aggregation"]))
    figures = {key: _number(texts.get(key, "")) for key in fields if texts.get(key)}
    for key in figures:
        if figures[key] is None:
            reject(key, "a number", texts[key])
    given = {key: value for key, value in figures.items() if value is not None}
    figure_period = None
    if figures:
        figure_period = _period(texts.get("figure_period", ""), kpi, data, period,
                                lambda expected, found: reject("figure_period", expected, found))
        _check_figures(given, [key for key in fields if not texts.get(key)], unit,
                       lambda key, expected, found: reject(key, expected, found))
    for key in TEXTS:
        if len(texts.get(key, "")) > TEXT_LIMIT:
            reject(key, f"up to {TEXT_LIMIT} characters", f"{len(texts[key])} characters")
    if not texts.get("telling_us"):
        reject("telling_us", "what the data is telling us, with or without a new figure", "a blank cell")
    return ReturnedFigure(kpi.id, figure_period, given, texts.get("telling_us", ""), texts.get("actions", ""),
                          owner, source, row)


def _period(text: str, kpi: KPI, data: Dataset, period: str, reject) -> str | None:
    """The figure's period: readable, of a kind the indicator holds, and ended by the reporting period."""
    try:
        parsed = parse_period(text)
    except PeriodError:
        reject("the period the figure describes: 2024, 2024/25 or 2024/25 Q3", text or "a blank cell")
        return None
    held = data.values.loc[data.values["indicator_id"] == kpi.indicator, "period"].unique()
    kinds = {parse_period(label).kind for label in held}
    if kinds and parsed.kind not in kinds:
        reject(f"a period of the kind {kpi.indicator} holds: {' or '.join(KIND_WORDS[kind] for kind in sorted(kinds))}",
               text)
        return None
    if period_end(parsed.label) > period_end(period):
        reject(f"a period that has ended by the end of {period}", text)
        return None
    return parsed.label


def _check_figures(given: dict[str, float], blank: list[str], unit: str, reject) -> None:
    """The figure's numbers together: every needed cell given, counts whole, limits around the value."""
    for key in blank:
        if key not in ("lower", "upper"):
            reject(key, f"the {COLUMNS[key].heading.lower()} of the figure", "a blank cell")
    for key in ("numerator", "denominator"):
        if key in given and (given[key] < 0 or not float(given[key]).is_integer()):
            reject(key, "a whole number of 0 or more (a count)", f"{given[key]:g}")
    if unit == "percent" and {"numerator", "denominator"} <= set(given) and given["numerator"] > given["denominator"]:
        reject("numerator", "a count no larger than its denominator (a percentage)", f"{given['numerator']:g}")
    if "denominator" in given and given["denominator"] == 0:
        reject("denominator", "a denominator above 0", "0")
    limits = [key for key in ("lower", "upper") if key in given]
    if len(limits) == 1:
        reject(limits[0], "both 95% limits, or neither", "one")
    elif limits and "value" in given and not given["lower"] <= given["value"] <= given["upper"]:
        reject("lower", f"limits either side of the value {given['value']:g}",
               f"{given['lower']:g} to {given['upper']:g}")


def _number(text: str) -> float | None:
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        return None
    return number if math.isfinite(number) else None
