"""Tables written as CSV and XLSX for analysts, with text that looks like a formula kept as text.

Every spreadsheet pmf_kit writes (advanced tables, explore exports, the At a Glance export, the
LOIP update workbooks) goes through here, so an area name, KPI title or action lead starting with `=`, `+`, `-`, `@`,
a tab or a carriage return never becomes a live formula (OWASP CSV injection; see
pmf_kit.data.escaping). In XLSX such a cell is stored as a string with Excel's "quote prefix"
(so editing it keeps it text); in CSV, which has no cell types, it is prefixed with `'`.
Figures in CSV are written for machines (`machine_figures`): a column of whole numbers as
integers (9968, not 9968.0), any other numeric column half up to MACHINE_DECIMALS places.
Files are written atomically (pmf_kit.data.atomic).
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

from pmf_kit.data.atomic import replacing
from pmf_kit.data.escaping import csv_cell, is_formula_like
from pmf_kit.stats.rounding import MACHINE_DECIMALS, round_half_up

UNREADABLE = "\ufffd"
"""Stands in for a control character a workbook cannot hold."""


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with formula-like text (cells and column names) prefixed as text."""
    safe = frame.rename(columns=lambda column: csv_cell(str(column)))
    for position, dtype in enumerate(safe.dtypes):
        if not pd.api.types.is_numeric_dtype(dtype):
            safe.iloc[:, position] = safe.iloc[:, position].map(csv_cell).astype(object)
    return safe


def machine_figures(frame: pd.DataFrame, decimals: int = MACHINE_DECIMALS) -> pd.DataFrame:
    """A copy whose float columns read as a machine wants them in CSV: whole numbers as integers
    (a count), any other column half up to `decimals` places (stats.rounding); missing stays
    missing."""
    figures = frame.copy()
    for position, dtype in enumerate(figures.dtypes):
        if not pd.api.types.is_float_dtype(dtype):
            continue
        column = figures.iloc[:, position]
        present = column.dropna()
        if len(present) and (present == present.round()).all() and present.abs().max() < 2**53:
            figures.isetitem(position, column.astype("Int64"))
        else:
            figures.isetitem(position, column.map(lambda value: round_half_up(value, decimals)))
    return figures


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as UTF-8 CSV without its index, atomically, its figures for machines
    (`machine_figures`). Rows end in CRLF (RFC 4180), so a field holding a carriage return or
    line feed is quoted and cannot split its row."""
    with replacing(path) as temporary:
        csv_safe(machine_figures(frame)).to_csv(temporary, index=False, lineterminator="\r\n")
    return Path(path)


def write_xlsx(sheets: Mapping[str, pd.DataFrame], path: str | Path) -> Path:
    """Write tables as the sheets of one workbook (sheet name -> table, no index), atomically."""
    with replacing(path) as temporary:
        with pd.ExcelWriter(temporary, engine="openpyxl") as writer:
            for name, frame in sheets.items():
                frame.to_excel(writer, sheet_name=name, index=False)
                _keep_text_as_text(writer.sheets[name])
    return Path(path)


def write_text_cell(cell: Cell, text: str) -> Cell:
    """Put text in a workbook cell as text: a string cell, quote-prefixed where it looks like a
    formula; a control character no workbook can hold becomes U+FFFD."""
    text = ILLEGAL_CHARACTERS_RE.sub(UNREADABLE, str(text))
    cell.value = text
    cell.data_type = "s"
    if is_formula_like(text):
        cell.quotePrefix = True
    return cell


def _keep_text_as_text(worksheet) -> None:
    """Store formula-like strings as strings with a quote prefix (openpyxl would store `=...` as
    a formula, and Excel would read `+...` as one when the cell is edited)."""
    for row in worksheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and is_formula_like(cell.value):
                write_text_cell(cell, cell.value)
