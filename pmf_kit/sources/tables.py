"""Raw tables from published files, and the checks every reader shares.

Published spreadsheets are made for people: banners above the header, notes below the data,
`*` for suppressed cells, "8%" for 0.08, "1,252" for 1252. Each reader first loads the file as
raw cells with the spreadsheet row number of every line (`source_row`), finds the header row by
looking for a known first cell, and then parses columns with the helpers here, so that every
surprise is reported as a DataFileError naming the file, sheet, row and column.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Collection, Iterable, Iterator

import pandas as pd
import python_calamine

from pmf_kit.errors import DataFileError

SUPPRESSED_MARK = "*"
# Cells meaning "no value" without suppression: the simd.scot CSV writes "n/a" where the SG
# workbook leaves the cell blank, and SIMD16 keeps Excel's "#VALUE!" for rates of a data zone
# with no residents (0 / 0).
NOT_AVAILABLE_MARKS = frozenset({"n/a", "#value!", "#div/0!", "#n/a"})
DATAZONE_CODE = re.compile(r"S01\d{6}")
HEADER_SEARCH_ROWS = 30
TEXT_ENCODINGS = ("utf-8-sig", "cp1252")
# Full-resolution WKT boundaries put a whole polygon in one cell, beyond csv's default 128 kB.
LARGEST_CELL = 2**31 - 1


def read_csv_cells(path: Path, header_cell: str) -> pd.DataFrame:
    """All cells of a CSV as text under its header row, found by its first cell.

    Tries UTF-8 (with or without a byte-order mark) and then Windows-1252, the encoding of
    older NRS exports whose footer holds a bare `©`.
    """
    path = Path(path)
    csv.field_size_limit(max(csv.field_size_limit(), LARGEST_CELL))
    rows = list(csv.reader(io.StringIO(decoded_text(path), newline="")))
    return _cells_under_header(rows, header_cell, path, sheet=None)


def read_excel_cells(
    path: Path, header_cell: str, sheet: str | None = None
) -> tuple[pd.DataFrame, str]:
    """All cells of the worksheet whose header row starts with `header_cell`, and its name.

    Sheet names differ between editions of the same publication (NRS calls one
    `Population_male_2021` and its twin `Female_population_2021`), so the sheet is found by
    its header unless named. Workbooks are read with calamine (Rust), about thirty times
    faster than openpyxl on the 3 MB SG and NRS workbooks; cell values are the same.
    """
    path = Path(path)
    names = []
    for name, rows in worksheets(path, sheet):
        names.append(name)
        if _header_position(rows, header_cell) is None:
            continue
        return _cells_under_header(rows, header_cell, path, sheet=name), name
    raise DataFileError(
        path, f"a sheet with a header row starting {header_cell!r}", found=f"sheets {names}"
    )


def worksheets(path: Path, sheet: str | None = None) -> Iterator[tuple[str, list[list[object]]]]:
    """Each worksheet's name and cells (calamine), or only `sheet`: a file that is missing, not a
    workbook, or without that sheet is a DataFileError before any sheet is read."""
    _require_file(path, "an Excel workbook")
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises several types for a file that is not a workbook
        raise DataFileError(path, "a readable .xlsx workbook", found=str(error)) from None
    if sheet is not None and sheet not in workbook.sheet_names:
        raise DataFileError(path, f"a sheet called {sheet!r}", found=workbook.sheet_names)
    for name in [sheet] if sheet is not None else workbook.sheet_names:
        yield name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)


def decoded_text(path: Path) -> str:
    """The text of a file in the first encoding that decodes it."""
    _require_file(path, "a CSV file")
    raw = path.read_bytes()
    for encoding in TEXT_ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataFileError(path, "a UTF-8 or Windows-1252 text file")


def _require_file(path: Path, what: str) -> None:
    if not path.is_file():
        raise DataFileError(path, f"{what} here, but there is no such file")


def _cell_text(value: object) -> object:
    """Blank cells as None and text trimmed; numbers stay numbers."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, str):
        return value.strip() or None
    return value


def _header_position(rows: list[list[object]], header_cell: str) -> int | None:
    for position, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if row and isinstance(row[0], str) and row[0].strip().lstrip("\ufeff") == header_cell:
            return position
    return None


def _cells_under_header(
    rows: list[list[object]], header_cell: str, path: Path, sheet: str | None
) -> pd.DataFrame:
    """Rows below the header as a frame named by the header, with `source_row` (1-based)."""
    position = _header_position(rows, header_cell)
    if position is None:
        raise DataFileError(
            path, f"a header row starting {header_cell!r} within the first "
            f"{HEADER_SEARCH_ROWS} rows", sheet=sheet,
        )
    header = [_cell_text(cell) for cell in rows[position]]
    named = [index for index, name in enumerate(header) if name is not None]
    names = [str(header[index]) for index in named]
    repeated = next((name for name in names if names.count(name) > 1), None)
    if repeated is not None:
        raise DataFileError(
            path, "each column name once in the header", row=position + 1, column=repeated,
            sheet=sheet,
        )
    body = [
        [_cell_text(row[index]) if index < len(row) else None for index in named]
        for row in rows[position + 1:]
    ]
    frame = pd.DataFrame(body, columns=names, dtype=object)
    frame["source_row"] = range(position + 2, position + 2 + len(body))
    frame.attrs["header_row"] = position + 1
    return frame


def drop_blank_rows(cells: pd.DataFrame) -> pd.DataFrame:
    """Cells without the rows where every cell is blank."""
    content = cells.drop(columns="source_row")
    return cells[content.notna().any(axis=1)]


def require_columns(
    cells: pd.DataFrame, columns: Iterable[str], path: Path, sheet: str | None = None
) -> None:
    """Fail on the first expected column that the header does not have."""
    present = [column for column in cells.columns if column != "source_row"]
    for column in columns:
        if column not in present:
            raise DataFileError(
                path, f"a column called {column!r}", row=cells.attrs.get("header_row"),
                column=column, found=f"columns {', '.join(present)}", sheet=sheet,
            )


def column_by_label(frame: pd.DataFrame, label: str, path: Path | str, labels: Iterable[str] | None = None,
                    where: str = "") -> pd.Series:
    """A column of `frame` by a census label, forgiving case and runs of spaces or tabs (NRS's
    labels carry both); `labels` are the ones to search when they are not all of `frame`'s
    columns. A label missing names the file, `where` it was looked for and the first labels."""
    labels = list(frame.columns if labels is None else labels)
    by_key = {_label_key(column): column for column in labels}
    column = by_key.get(_label_key(label))
    if column is None:
        raise DataFileError(path, f"a column {label!r}{where}",
                            found=", ".join(labels[:8]) + ("..." if len(labels) > 8 else ""))
    return frame[column]


def _label_key(label: str) -> str:
    return " ".join(label.split()).casefold()


def parse_numbers(
    cells: pd.DataFrame,
    column: str,
    path: Path,
    sheet: str | None = None,
    whole: bool = False,
    allow_blank: bool = True,
) -> tuple[pd.Series, pd.Series]:
    """A column as numbers, and which of its cells were suppressed (`*`) at source.

    Suppressed cells become missing, never zero; "n/a" and Excel error values are missing
    without the flag, as the blank they stand for. Text such as "8%" is read as 0.08 and
    "1,252" as 1252, because published CSV exports carry the spreadsheet's display format.
    """
    values = cells[column]
    suppressed = values.map(lambda value: value == SUPPRESSED_MARK).astype(bool)
    is_percent = values.map(lambda value: isinstance(value, str) and value.endswith("%"))
    cleaned = values.map(_number_text).mask(suppressed, None)
    numbers = pd.to_numeric(cleaned, errors="coerce").astype(float)
    problem = numbers.isna() & cleaned.notna()
    expected = "a whole number" if whole else "a number"
    if not allow_blank:
        problem |= values.isna()
    if whole:
        problem |= numbers.notna() & (numbers % 1 != 0)
    if problem.any():
        first = problem.to_numpy().nonzero()[0][0]
        raise DataFileError(
            path, f"{expected} (or {SUPPRESSED_MARK} for a suppressed cell)",
            row=int(cells["source_row"].iloc[first]), column=column,
            found=values.iloc[first], sheet=sheet,
        )
    numbers = numbers.where(~is_percent.astype(bool), numbers / 100)
    if whole:
        return numbers.astype("Int64"), suppressed
    return numbers, suppressed


def _number_text(value: object) -> object:
    if isinstance(value, str):
        if value.lower() in NOT_AVAILABLE_MARKS:
            return None
        return value.rstrip("%").replace(",", "").strip()
    return value


def check_datazone_codes(
    cells: pd.DataFrame,
    column: str,
    path: Path,
    sheet: str | None = None,
    known: Collection[str] | None = None,
    complete: bool = True,
) -> pd.Series:
    """Data zone codes, checked for shape, uniqueness and (when given) the known set.

    Against a known set, an unknown code names its row, and (if the file must be `complete`)
    a missing one says how many rows were found instead, so a truncated download is caught.
    """
    codes = cells[column].map(lambda value: None if pd.isna(value) else str(value))
    for position, code in enumerate(codes):
        if code is None or not DATAZONE_CODE.fullmatch(code):
            raise _row_error(
                cells, position, path, sheet, column, "a data zone code like S01006506", code
            )
    duplicated = codes.duplicated()
    if duplicated.any():
        position = int(duplicated.to_numpy().nonzero()[0][0])
        raise _row_error(
            cells, position, path, sheet, column, "each data zone once", codes.iloc[position]
        )
    if known is not None:
        _check_known_datazones(cells, codes, known, path, sheet, column, complete)
    return codes


def _check_known_datazones(
    cells: pd.DataFrame, codes: pd.Series, known: Collection[str], path: Path,
    sheet: str | None, column: str, complete: bool,
) -> None:
    known_set = set(known)
    unknown = ~codes.isin(known_set)
    if unknown.any():
        position = int(unknown.to_numpy().nonzero()[0][0])
        raise _row_error(
            cells, position, path, sheet, column, "a data zone code of the lookup",
            codes.iloc[position],
        )
    missing = sorted(known_set - set(codes)) if complete else []
    if missing:
        raise DataFileError(
            path, f"one row for each of the {len(known_set):,} data zones",
            column=column, sheet=sheet,
            found=f"{len(codes):,} rows; missing {', '.join(missing[:5])}"
            + (" ..." if len(missing) > 5 else ""),
        )


def _row_error(
    cells: pd.DataFrame, position: int, path: Path, sheet: str | None, column: str,
    expected: str, found: object,
) -> DataFileError:
    return DataFileError(
        path, expected, row=int(cells["source_row"].iloc[position]), column=column,
        found=found, sheet=sheet,
    )


def suppressed_flags(columns: dict[str, pd.Series]) -> dict[str, pd.Series]:
    """`<column>_suppressed` flags for the columns where the source suppressed any cell."""
    return {f"{name}_suppressed": flags for name, flags in columns.items() if flags.any()}


def suppressed(frame: pd.DataFrame, column: str) -> pd.Series:
    """Which rows of `column` were suppressed at source (all False if none were)."""
    flag = f"{column}_suppressed"
    if flag in frame.columns:
        return frame[flag].astype(bool)
    return pd.Series(False, index=frame.index)
