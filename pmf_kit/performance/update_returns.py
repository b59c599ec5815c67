"""A returned update form, read and checked cell by cell.

Every cell a lead may fill in is checked against the same rules as action_updates.csv (a status
from the list, % complete a whole number from 0 to 100 and no lower than last time unless a
reason is given, complete meaning 100, a date inside the period's window, commentary of bounded
length, no formulas), and every locked cell against what the form recorded when it was sent. The
form must be one `update_forms` wrote, for the period being collected; each action must be in
actions.csv and led by the person the form was sent to. A row with any bad cell is rejected
whole, and each bad cell is named by file, sheet, row and column; good rows go on to be merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zipfile import BadZipFile

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from pmf_kit.data.paths import from_project_root
from pmf_kit.errors import DataFileError
from pmf_kit.performance.actions import ACTION_STATUSES, ActionPlan, action_progress
from pmf_kit.performance.update_forms import (
    COLUMNS,
    FIRST_ROW,
    FORM_KIND,
    FORM_SHEET,
    INPUTS,
    PERIOD_CELL,
    RECORD_SHEET,
    TEXT_LIMIT,
    cell_text,
    date_window,
    previous_reporting_period,
)

NOT_A_FORM = f"a workbook made by `pmf-kit updates send` (an .xlsx file with its sheet {FORM_SHEET!r})"
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y")
"""Dates typed as text: ISO, or day first as in the UK."""


@dataclass(frozen=True)
class ReturnedUpdate:
    """One action's new update from a returned form, every cell checked."""

    action_id: str
    status: str
    percent_complete: float
    commentary: str
    updated_by: str
    updated_on: date
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
    """The input cells of one row; None when any is bad, each bad cell reported through `reject`."""
    faults: list[str] = []

    def fault(key: str, expected: str, found: object = None) -> None:
        faults.append(key)
        reject(COLUMNS[key].letter, expected, found)

    for key, cell in cells.items():
        if cell.data_type == "f":
            fault(key, "a value typed in, not a formula", cell_text(cell.value))
    if faults:
        return None
    status = _status(cells["status"].value)
    if status is None:
        fault("status", f"one of {', '.join(ACTION_STATUSES)}", _found(cells["status"].value))
    percent = _percent(cells["percent_complete"].value)
    if percent is None:
        fault("percent_complete", "a whole number from 0 to 100", _found(cells["percent_complete"].value))
    updated_on = _date(cells["updated_on"].value)
    first, last_day = date_window(period)
    if updated_on is None:
        fault("updated_on", "a date such as 15/10/2025", _found(cells["updated_on"].value))
    elif not first <= updated_on <= last_day:
        fault("updated_on", f"a date from {first:%d/%m/%Y} to {last_day:%d/%m/%Y} for {period}", f"{updated_on:%d/%m/%Y}")
    commentary = cell_text(cells["commentary"].value).strip()
    reason = cell_text(cells["reason"].value).strip()
    if not commentary:
        fault("commentary", f"a commentary of up to {TEXT_LIMIT} characters", "a blank cell")
    for key, text in (("commentary", commentary), ("reason", reason)):
        if len(text) > TEXT_LIMIT:
            fault(key, f"up to {TEXT_LIMIT} characters", f"{len(text)} characters")
    if status == "complete" and percent is not None and percent < 100:
        fault("percent_complete", "100 for an action whose status is complete", _found(percent))
    last_percent = float(previous["percent_complete"]) if previous is not None and previous["update_period"] else None
    fell = percent is not None and last_percent is not None and percent < last_percent
    if fell and not reason:
        fault("percent_complete", f"{last_percent:g} or more (the last update, {previous['update_period']}), "
              f"or the reason it fell in column {COLUMNS['reason'].letter}", _found(percent))
    if faults:
        return None
    if reason:
        commentary += (f" (Lower than the {last_percent:g}% of {previous['update_period']}: {reason})" if fell
                       else f" ({reason})")
    return ReturnedUpdate(action_id, status, percent, commentary, lead, updated_on, shown, row)


def _found(value: object) -> str:
    return "a blank cell" if value is None or cell_text(value).strip() == "" else cell_text(value)


def _status(value: object) -> str | None:
    text = " ".join(value.split()).lower() if isinstance(value, str) else None
    return text if text in ACTION_STATUSES else None


def _percent(value: object) -> float | None:
    """A whole number from 0 to 100, typed as a number or as text ("60")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, (int, float)) and float(value).is_integer() and 0 <= value <= 100:
        return float(value)
    return None


def _date(value: object) -> date | None:
    """A date cell, or a date typed as text (ISO or day first); anything else is not a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        for layout in DATE_FORMATS:
            try:
                return datetime.strptime(value.strip(), layout).date()
            except ValueError:
                continue
    return None
