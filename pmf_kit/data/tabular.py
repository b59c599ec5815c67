"""Reading the CSV files of a data set with checks that name the file, row and column.

Every loader goes through here so that a wrong header, a text value in a numeric column or a
blank key is reported once, in the same words, with the spreadsheet row number (header = row 1).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from pmf_kit.data.paths import missing_path_hint
from pmf_kit.errors import DataFileError

HEADER_ROWS = 1
MAX_MAGNITUDE = 1e12
"""No figure a data set holds (a count, a population, a rate, pounds spent) comes near this: a
larger one is a unit or typing mistake (1e300), never data."""


def spreadsheet_row(position: int) -> int:
    """Row number a user sees in a spreadsheet for the data row at 0-based `position`."""
    return position + HEADER_ROWS + 1


def read_csv_checked(
    path: Path,
    required: Iterable[str],
    numeric: Iterable[str] = (),
    keys: Iterable[str] = (),
    text: Iterable[str] = (),
) -> pd.DataFrame:
    """Read a CSV, insisting on the required columns, numbers in numeric ones, no blank keys.

    Text columns are read as strings so codes like `X01000001` or periods like `2016` keep
    their exact spelling.
    """
    path = Path(path)
    required = list(required)
    if not path.is_file():
        raise DataFileError(path, f"a CSV file here, but there is no such file{missing_path_hint(path)}")
    text_columns = set(text) | set(keys)
    try:
        frame = pd.read_csv(
            path,
            dtype={column: "string" for column in text_columns},
            encoding="utf-8-sig",
            keep_default_na=True,
            skipinitialspace=True,
            low_memory=False,
        )
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise DataFileError(path, "a readable UTF-8 CSV file", found=str(error)) from None
    except pd.errors.EmptyDataError:
        raise DataFileError(path, f"a header row with columns {', '.join(required)}") from None
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise DataFileError(
            path,
            f"columns {', '.join(required)}",
            row=1,
            column=missing[0],
            found=f"header {', '.join(map(str, frame.columns))}",
        )
    for column in keys:
        blank = frame[column].isna() | (frame[column].str.strip() == "")
        if blank.any():
            position = int(blank.to_numpy().nonzero()[0][0])
            raise DataFileError(
                path, "a value (this column may not be blank)", spreadsheet_row(position), column
            )
        frame[column] = frame[column].str.strip()
    for column in numeric:
        frame[column] = to_numeric_checked(frame[column], path, column)
    return frame


def to_numeric_checked(values: pd.Series, path: Path, column: str) -> pd.Series:
    """Convert a column to numbers; blanks become missing, anything else non-numeric is an error."""
    if pd.api.types.is_numeric_dtype(values):
        return values.astype("float64")
    stripped = values.astype("string").str.strip()
    converted = pd.to_numeric(stripped, errors="coerce")
    bad = converted.isna() & stripped.notna() & (stripped != "")
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        raise DataFileError(
            path, "a number or a blank cell", spreadsheet_row(position), column,
            found=str(stripped.iloc[position]),
        )
    return converted.astype("float64")


def check_allowed(
    frame: pd.DataFrame, column: str, allowed: Iterable[str], path: Path
) -> None:
    """Every value of `column` must be one of `allowed` (e.g. a unit or a polarity)."""
    allowed = list(allowed)
    bad = ~frame[column].isin(allowed)
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        raise DataFileError(
            path, f"one of {', '.join(allowed)}", spreadsheet_row(position), column,
            found=frame[column].iloc[position],
        )


def check_unique(frame: pd.DataFrame, columns: list[str], path: Path) -> None:
    """No two rows may share the same key (e.g. a data zone listed twice)."""
    duplicated = frame.duplicated(subset=columns, keep="first")
    if duplicated.any():
        position = int(duplicated.to_numpy().nonzero()[0][0])
        key = ", ".join(str(frame[column].iloc[position]) for column in columns)
        raise DataFileError(
            path, f"each {' + '.join(columns)} only once", spreadsheet_row(position), columns[0],
            found=f"{key} again",
        )


def fail_at_first(bad: pd.Series, path: Path, expected: str, column: str, found: pd.Series | None = None) -> None:
    """Raise DataFileError at the first row where `bad` holds, naming its value if given."""
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        shown = None if found is None else found.iloc[position]
        raise DataFileError(path, expected, spreadsheet_row(position), column, found=shown)


def check_plausible(frame: pd.DataFrame, columns: Iterable[str], path: Path) -> None:
    """Numbers are finite and within MAX_MAGNITUDE either way (blanks are allowed)."""
    for column in columns:
        values = frame[column]
        fail_at_first(values.notna() & ~(values.abs() <= MAX_MAGNITUDE), path,
                      f"a finite number no larger than {MAX_MAGNITUDE:,.0f}", column, values)


def check_at_least_zero(frame: pd.DataFrame, columns: Iterable[str], path: Path, what: str = "a count") -> None:
    """No negative numbers (blanks are allowed)."""
    for column in columns:
        fail_at_first(frame[column] < 0, path, f"{what} of 0 or more", column, frame[column])


def check_whole(frame: pd.DataFrame, columns: Iterable[str], path: Path, what: str = "a whole number") -> None:
    """Whole numbers only (blanks are allowed): people are counted, not apportioned."""
    for column in columns:
        values = frame[column]
        fail_at_first(values.notna() & (values % 1 != 0), path, what, column, values)
