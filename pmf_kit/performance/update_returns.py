"""A returned update form, read and checked cell by cell.

Every cell a lead may fill in is checked against the rules of `update_rules` (shared with
`pmf-kit updates add`), and must not be a formula; every locked cell is checked against what the
form recorded when it was sent. The form must be one `update_forms` wrote, for the period being
collected; each action must be in actions.csv and led by the person the form was sent to. A row
with any bad cell is rejected whole, and every problem in it is named by file, sheet, row and
column (a changed locked cell and each bad input cell); good rows go on to be merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from zipfile import BadZipFile

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from pmf_kit.data.paths import from_project_root
from pmf_kit.errors import DataFileError
from pmf_kit.performance.actions import ActionPlan, action_progress, previous_reporting_period
from pmf_kit.performance.update_forms import (
    COLUMNS,
    FIRST_ROW,
    FORM_KIND,
    FORM_SHEET,
    INPUTS,
    PERIOD_CELL,
    RECORD_SHEET,
    cell_text,
)
from pmf_kit.performance.update_rules import CheckedUpdate, LastUpdate, check_update

NOT_A_FORM = f"a workbook made by `pmf-kit updates send` (an .xlsx file with its sheet {FORM_SHEET!r})"


@dataclass(frozen=True)
class ReturnedUpdate(CheckedUpdate):
    """One action's new update from a returned form, every cell checked: where it came from."""

    source: str
    row: int


@dataclass(frozen=True)
class ReturnedForm:
    """What a returned workbook holds: who sent it, its good updates, its rejected cells."""

    path: Path
    lead: str | None
    period: str | None
    updates: list[ReturnedUpdate] = field(default_factory=list)
    rejections: list[DataFileError] = field(default_factory=list)
    left_blank: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Record:
    """The very hidden sheet's facts: the period and lead sent to, and each locked cell's text."""

    period: str
    lead: str
    cells: dict[str, str]


def column_label(letter: str, row: int) -> str:
    """"J (% complete)" in an action row of the form, the bare letter elsewhere."""
    heading = next((column.heading for column in COLUMNS.values() if column.letter == letter), None)
    return f"{letter} ({heading})" if heading and row >= FIRST_ROW else letter


def read_returned_form(path: Path, period: str, plan: ActionPlan) -> ReturnedForm:
    """Read and check one returned form for `period` against the LOIP's action plan."""
    shown = from_project_root(path)
    try:
        workbook = load_workbook(path)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as error:
        return ReturnedForm(path, None, None, rejections=[DataFileError(shown, NOT_A_FORM, found=type(error).__name__)])
    record = _read_record(workbook)
    if record is None or FORM_SHEET not in workbook.sheetnames:
        return ReturnedForm(path, None, None, rejections=[DataFileError(shown, NOT_A_FORM)])
    if record.period != period:
        row, column = _row_and_column(PERIOD_CELL)
        return ReturnedForm(path, record.lead, record.period, rejections=[DataFileError(
            shown, f"a form for {period}, the period being collected", row, column_label(column, row),
            found=record.period, sheet=FORM_SHEET)])
    return _read_rows(path, shown, workbook[FORM_SHEET], record, period, plan)


def _read_record(workbook) -> _Record | None:
    if RECORD_SHEET not in workbook.sheetnames:
        return None
    facts, cells = {}, {}
    for key, *values in workbook[RECORD_SHEET].iter_rows(values_only=True):
        if key == "cell" and len(values) >= 2:
            cells[str(values[0])] = cell_text(values[1])
        elif key is not None and values:
            facts[str(key)] = cell_text(values[0])
    if facts.get("form") != FORM_KIND or not facts.get("period") or not facts.get("lead"):
        return None
    return _Record(facts["period"], facts["lead"], cells)


def _row_and_column(coordinate: str) -> tuple[int, str]:
    letter, row = coordinate_from_string(coordinate)
    return row, letter


def _read_rows(path: Path, shown: str, sheet: Worksheet, record: _Record, period: str,
               plan: ActionPlan) -> ReturnedForm:
    """Every action row: locked cells as sent, the action known and the lead's, inputs valid."""
    action_rows = sorted({row for row, letter in map(_row_and_column, record.cells)
                          if row >= FIRST_ROW and letter == COLUMNS["action_id"].letter})
    inputs = {f"{COLUMNS[key].letter}{row}" for row in action_rows for key in INPUTS}
    problems: dict[int, list[DataFileError]] = {}

    def reject(row: int, letter: str | None, expected: str, found: object = None) -> None:
        problems.setdefault(row, []).append(
            DataFileError(shown, expected, row, column_label(letter, row) if letter else None, found, sheet=FORM_SHEET))

    for coordinate, sent in record.cells.items():
        now = cell_text(sheet[coordinate].value)
        if now != sent:
            row, letter = _row_and_column(coordinate)
            reject(row, letter, f"{sent!r} as sent (a locked cell)", now)
    for cells in sheet.iter_rows():
        for cell in cells:
            if cell.value is not None and cell.coordinate not in record.cells and cell.coordinate not in inputs:
                reject(cell.row, cell.column_letter, "an empty cell, as sent (a locked cell)", cell_text(cell.value))
    heading_problems = [error for row, errors in sorted(problems.items()) if row < FIRST_ROW for error in errors]
    if heading_problems:
        return ReturnedForm(path, record.lead, record.period, rejections=heading_problems)

    owners = dict(zip(plan.actions["action_id"], plan.actions["lead"]))
    last = action_progress(plan, previous_reporting_period(period, plan.partnership)).set_index("action_id")
    updates, blank = [], []
    for row in action_rows:
        action_id = cell_text(sheet[f"{COLUMNS['action_id'].letter}{row}"].value)
        if action_id not in owners:
            reject(row, COLUMNS["action_id"].letter, "an action_id of actions.csv", action_id)
        elif owners[action_id] != record.lead:
            reject(row, COLUMNS["action_id"].letter,
                   f"an action led by {record.lead} (actions.csv names {owners[action_id]} as its lead)", action_id)
        values = {key: sheet[f"{COLUMNS[key].letter}{row}"] for key in INPUTS}
        if all(cell.value is None or cell_text(cell.value).strip() == "" for cell in values.values()):
            if row not in problems:
                blank.append(action_id)
            continue
        previous = last.loc[action_id] if action_id in last.index else None
        update = _check_inputs(values, action_id, record.lead, shown, row, previous, period,
                               lambda letter, expected, found=None, row=row: reject(row, letter, expected, found))
        if row not in problems and update is not None:
            updates.append(update)
    rejections = [error for _, errors in sorted(problems.items())
                  for error in sorted(errors, key=lambda error: error.column or "")]
    return ReturnedForm(path, record.lead, record.period, updates, rejections, blank)


def _check_inputs(cells: dict, action_id: str, lead: str, shown: str, row: int, previous: pd.Series | None,
                  period: str, reject) -> ReturnedUpdate | None:
    """The input cells of one row; None when any is bad, every bad cell reported through `reject`
    (a formula once, as a formula; every other cell against the rules of `update_rules`)."""
    formulas = {key for key, cell in cells.items() if cell.data_type == "f"}
    for key in formulas:
        reject(COLUMNS[key].letter, "a value typed in, not a formula", cell_text(cells[key].value))

    def fault(key: str, expected: str, found: object = None) -> None:
        if key not in formulas:
            reject(COLUMNS[key].letter, expected, found)

    last = (LastUpdate(previous["update_period"], float(previous["percent_complete"]))
            if previous is not None and previous["update_period"] else None)
    checked = check_update({key: cell.value for key, cell in cells.items()}, action_id, lead, period, last,
                           f"in column {COLUMNS['reason'].letter}", fault)
    if checked is None or formulas:
        return None
    return ReturnedUpdate(**vars(checked), source=shown, row=row)
