"""Locked return workbooks: every cell locked but the shaded inputs, Excel's own checks on those,
and a very hidden sheet recording what the form is and what each locked cell held when sent.

A returned form is then read back against its record, so a changed locked cell or text typed
outside the inputs is named by row and column, and still every other bad cell of the row is
reported (a lead fixes a returned form in one pass, not one error per round trip).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, PatternFill, Protection, Side
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pmf_kit.data.spreadsheets import write_text_cell

RECORD_SHEET = "pmf_kit_form"
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
THIN = Side(style="thin", color="8C8C8C")


def cell_text(value: object) -> str:
    """A cell's value as comparable text, the same whether just written or read back from a file."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def put_locked(sheet: Worksheet, locked: dict[str, str], coordinate: str, value: object) -> None:
    """A locked cell: text written as text (never a formula), and what it holds recorded."""
    cell = sheet[coordinate]
    if isinstance(value, str):
        write_text_cell(cell, value)
    else:
        cell.value = value
    locked[coordinate] = cell_text(cell.value)


def make_input(sheet: Worksheet, coordinate: str, number_format: str) -> None:
    """An unlocked, shaded, bordered input cell; "@" keeps typed text as text."""
    cell = sheet[coordinate]
    cell.protection = Protection(locked=False)
    cell.fill = INPUT_FILL
    cell.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.number_format = number_format


def add_rule(sheet: Worksheet, rule: DataValidation, cells: str, title: str, message: str) -> None:
    """Excel's own check on some input cells, with its prompt and its error message."""
    rule.allow_blank = True
    rule.showErrorMessage = rule.showInputMessage = True
    rule.errorTitle = rule.promptTitle = title
    rule.error = rule.prompt = message
    rule.add(cells)
    sheet.add_data_validation(rule)


def protect(workbook: Workbook, sheet: Worksheet) -> None:
    """The sheet protected (columns and rows may still be resized), the workbook's structure too
    (the record sheet cannot be shown nor sheets renamed), printed landscape on one page wide."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    workbook.security = WorkbookProtection(lockStructure=True)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def write_record(workbook: Workbook, facts: dict[str, str], locked: dict[str, str]) -> None:
    """The very hidden sheet: the form's facts (kind, version, period, to whom) and each locked cell."""
    record = workbook.create_sheet(RECORD_SHEET)
    record.sheet_state = "veryHidden"
    rows = [(key, value) for key, value in facts.items()]
    rows += [("cell", coordinate, text) for coordinate, text in locked.items()]
    for number, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            write_text_cell(record.cell(row=number, column=column), value)
    record.protection.sheet = True


@dataclass(frozen=True)
class Record:
    """A returned form's record: its facts and every locked cell's text as sent."""

    facts: dict[str, str]
    cells: dict[str, str]


def open_returned(path: Path, kind: str, sheet_name: str) -> tuple[Worksheet, Record] | str:
    """The form's sheet and record, or why the file is not a form of `kind` (an exception's name)."""
    try:
        workbook = load_workbook(path)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as error:
        return type(error).__name__
    if RECORD_SHEET not in workbook.sheetnames or sheet_name not in workbook.sheetnames:
        return "no form record"
    facts, cells = {}, {}
    for key, *values in workbook[RECORD_SHEET].iter_rows(values_only=True):
        if key == "cell" and len(values) >= 2:
            cells[str(values[0])] = cell_text(values[1])
        elif key is not None and values:
            facts[str(key)] = cell_text(values[0])
    if facts.get("form") != kind:
        return "no form record"
    return workbook[sheet_name], Record(facts, cells)


def row_and_column(coordinate: str) -> tuple[int, str]:
    letter, row = coordinate_from_string(coordinate)
    return row, letter


def tampered_cells(sheet: Worksheet, record: Record, inputs: set[str]) -> list[tuple[int, str, str, str]]:
    """(row, column letter, expected, found) for each locked cell changed and each cell written
    outside the inputs."""
    found = []
    for coordinate, sent in record.cells.items():
        now = cell_text(sheet[coordinate].value)
        if now != sent:
            found.append((*row_and_column(coordinate), f"{sent!r} as sent (a locked cell)", now))
    for cells in sheet.iter_rows():
        for cell in cells:
            if cell.value is not None and cell.coordinate not in record.cells and cell.coordinate not in inputs:
                found.append((cell.row, cell.column_letter, "an empty cell, as sent (a locked cell)",
                              cell_text(cell.value)))
    return found
