"""Text for a spreadsheet cell: shown as text, never run as a formula (OWASP CSV injection).

A spreadsheet treats a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as
a formula, so an action title or a lead's commentary typed as `=HYPERLINK(...)` could run when an
analyst opens the file. In a workbook such text is written as a string cell with Excel's own
"quote prefix" style (what Excel does when you type `'=1+1`), so the text itself is unchanged; in a
CSV file it gets OWASP's leading apostrophe, which `from_csv_cell` takes off again on reading.
"""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV Injection)."""

CSV_TEXT_PREFIX = "'"
UNREADABLE = "\ufffd"
"""Stands in for a control character a workbook cannot hold."""


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet would read this text as a formula."""
    return text.startswith(FORMULA_STARTS)


def write_text_cell(cell: Cell, text: str) -> Cell:
    """Put text in a workbook cell as text: a string cell, quote-prefixed where it looks like a formula."""
    text = ILLEGAL_CHARACTERS_RE.sub(UNREADABLE, str(text))
    cell.value = text
    cell.data_type = "s"
    if looks_like_formula(text):
        cell.quotePrefix = True
    return cell


def to_csv_cell(text: str) -> str:
    """Text for a CSV cell: a leading apostrophe where a spreadsheet would read a formula."""
    return CSV_TEXT_PREFIX + text if looks_like_formula(text) else text


def from_csv_cell(text: str) -> str:
    """The text `to_csv_cell` was given: the apostrophe it added taken off."""
    if text.startswith(CSV_TEXT_PREFIX) and looks_like_formula(text[1:]):
        return text[1:]
    return text
