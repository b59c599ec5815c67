"""Which existing files pmf_kit may replace: the ones it wrote, and no others.

An output path may already hold something precious (a README, a report someone edited, another
program's spreadsheet). Before replacing a file, pmf_kit checks that it is its own: a page or a
manifest carrying pmf_kit's mark, an executed notebook from a batch, or a table with exactly the
columns about to be written. Anything else is refused with ForeignFileError unless forced. An
empty file holds nothing to lose and may be replaced.
"""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path
from typing import Callable, Sequence

from pmf_kit.errors import ForeignFileError

GENERATOR = "pmf_kit"
PAGE_MARK = 'name="generator" content="pmf_kit'
COLOPHON_MARK = 'class="pmf-colophon"'
HEAD_BYTES = 4096


def check_replaceable(
    path: Path, is_own: Callable[[Path], bool], expected: str, force: bool = False
) -> None:
    """Raise ForeignFileError if `path` exists, is not empty, and `is_own` does not know it.

    `expected` says what pmf_kit would have written there, for the message.
    """
    if force or not path.exists() and not path.is_symlink():
        return
    if path.is_dir():
        raise ForeignFileError(path, f"{expected} (it is a folder)")
    if path.is_file() and path.stat().st_size == 0:
        return
    try:
        own = is_own(path)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        own = False
    if not own:
        raise ForeignFileError(path, expected)


def is_pmf_kit_page(path: Path) -> bool:
    """An HTML page pmf_kit made: a report or an index, with its generator mark near the top
    (or, in reports made before the mark moved there, its colophon at the very end)."""
    with open(path, "rb") as file:
        if PAGE_MARK.encode() in file.read(HEAD_BYTES):
            return True
        file.seek(max(0, path.stat().st_size - HEAD_BYTES))
        return COLOPHON_MARK.encode() in file.read()


def is_pmf_kit_json(path: Path) -> bool:
    """A JSON manifest pmf_kit made: a mapping whose `generator` is pmf_kit."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return isinstance(document, dict) and document.get("generator") == GENERATOR


def is_executed_notebook(path: Path) -> bool:
    """A notebook executed by papermill (a batch's `.failed.ipynb`)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return isinstance(document, dict) and "papermill" in document.get("metadata", {})


def has_columns(columns: Sequence[str]) -> Callable[[Path], bool]:
    """A table file (CSV, XLSX or Markdown) whose header row is exactly `columns`."""
    wanted = [str(column) for column in columns]

    def recognise(path: Path) -> bool:
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            return _first_xlsx_row(path) == wanted
        with open(path, encoding="utf-8", newline="") as file:
            first = file.readline()
        if suffix == ".md":
            return [cell.strip() for cell in first.strip().strip("|").split("|")] == wanted
        return next(csv.reader([first]), []) == wanted

    return recognise


def _first_xlsx_row(path: Path) -> list[str]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        sheet = workbook.worksheets[0]
        row = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
        return [str(cell) for cell in row if cell is not None]
    finally:
        workbook.close()
