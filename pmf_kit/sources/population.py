"""Small Area Population Estimates (SAPE), National Records of Scotland.

Readers for the mid-2021 workbooks (one per sex: persons, males, females; header on row 3 of a
sheet whose name varies) and the mid-2020 Table 1a CSV export (banner lines, a SCOTLAND total
with thousands separators, a stray sub-header and a `©` footer). Both return residents by data
zone and single year of age in long form; `esp2013_age_bands` groups them into the European
Standard Population 2013 bands that the data set format uses.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Collection

import pandas as pd

from pmf_kit.errors import DataFileError
from pmf_kit.sources.tables import (
    check_datazone_codes,
    drop_blank_rows,
    parse_numbers,
    read_csv_cells,
    read_excel_cells,
    require_columns,
)
from pmf_kit.stats.standardisation import ESP2013_AGE_BANDS

OPEN_AGE = 90
SEXES = {"persons", "male", "female"}

_AGE_COLUMN = re.compile(r"age\s*(\d+)\s*(and over|plus|\+)?", re.IGNORECASE)
_WORKBOOK_COLUMNS = {
    "code": "Data zone code",
    "name": "Data zone name",
    "council_code": "Council area code",
    "council_name": "Council area name",
    "total": "Total population",
}
_TABLE_1A_COLUMNS = {
    "code": "Area code",
    "name": "Area name",
    "council_name": "Council area",
    "total": "All ages",
}
# Rows of Table 1a below its header that are not data zones.
_TABLE_1A_SUBHEADER = "DataZone2011Code"
_FOOTER_PREFIXES = ("©", "(c)", "Crown")


def read_sape_workbook(path: Path, datazones: Collection[str] | None = None) -> pd.DataFrame:
    """Residents by data zone, sex and single year of age from an NRS SAPE 2021 workbook.

    Columns: datazone_code, datazone_name, council_code, council_name, sex (persons, male or
    female: from the `Sex` column where there is one), age (0 to 90, 90 meaning 90 and over),
    population, source_row. Each row's total must equal the sum of its ages.
    """
    path = Path(path)
    cells, sheet = read_excel_cells(path, _WORKBOOK_COLUMNS["code"])
    return _tidy_sape(cells, path, sheet, _WORKBOOK_COLUMNS, datazones)


def read_sape_table_csv(path: Path, datazones: Collection[str] | None = None) -> pd.DataFrame:
    """Residents by data zone and single year of age (persons) from NRS SAPE 2020 Table 1a CSV.

    Same columns as `read_sape_workbook`, with council_code blank (Table 1a has names only).
    The SCOTLAND row is checked against the sum of the data zones, then dropped.
    """
    path = Path(path)
    cells = drop_blank_rows(read_csv_cells(path, _TABLE_1A_COLUMNS["code"]))
    require_columns(cells, _TABLE_1A_COLUMNS.values(), path)
    code = cells["Area code"].map(lambda value: "" if value is None else str(value))
    clutter = (code == _TABLE_1A_SUBHEADER) | code.str.startswith(_FOOTER_PREFIXES)
    total_row = (code == "") & (cells["Area name"].map(str).str.upper() == "SCOTLAND")
    population = _tidy_sape(cells[~clutter & ~total_row], path, None, _TABLE_1A_COLUMNS, datazones)
    if total_row.any():
        _check_scotland_total(cells[total_row], int(population["population"].sum()), path)
    return population


def _check_scotland_total(total_row: pd.DataFrame, counted: int, path: Path) -> None:
    """The published SCOTLAND row must equal the sum of the data zones read."""
    published, _ = parse_numbers(total_row, "All ages", path, whole=True, allow_blank=False)
    if int(published.iloc[0]) != counted:
        raise DataFileError(
            path, f"the SCOTLAND total to equal the sum of the data zones ({counted:,})",
            row=int(total_row["source_row"].iloc[0]), column="All ages",
            found=total_row["All ages"].iloc[0],
        )


def _tidy_sape(
    cells: pd.DataFrame, path: Path, sheet: str | None, names: dict[str, str],
    datazones: Collection[str] | None,
) -> pd.DataFrame:
    require_columns(cells, names.values(), path, sheet)
    cells = drop_blank_rows(cells)
    ages = _age_columns(cells, path, sheet)
    counts = {
        age: parse_numbers(cells, column, path, sheet, whole=True, allow_blank=False)[0]
        for age, column in ages.items()
    }
    total, _ = parse_numbers(cells, names["total"], path, sheet, whole=True, allow_blank=False)
    _check_totals(cells, total, sum(counts.values()), names["total"], path, sheet)
    wide = pd.DataFrame({
        "datazone_code": check_datazone_codes(cells, names["code"], path, sheet, datazones),
        "datazone_name": cells[names["name"]],
        "council_code": cells[names["council_code"]] if "council_code" in names else None,
        "council_name": cells[names["council_name"]],
        "sex": _sex(cells, path, sheet),
        "source_row": cells["source_row"],
        **counts,
    })
    long = wide.melt(
        id_vars=[c for c in wide.columns if c not in counts], var_name="age",
        value_name="population",
    )
    long["age"] = long["age"].astype(int)
    return long.sort_values(["source_row", "age"], ignore_index=True)


def _age_columns(cells: pd.DataFrame, path: Path, sheet: str | None) -> dict[int, str]:
    """Single-year age columns by age, insisting on every age from 0 to 90 and over."""
    ages = {}
    for column in cells.columns:
        match = _AGE_COLUMN.fullmatch(str(column))
        if match:
            ages[int(match.group(1))] = column
    missing = [age for age in range(OPEN_AGE + 1) if age not in ages]
    if missing:
        raise DataFileError(
            path, f"single-year age columns from age 0 to age {OPEN_AGE} and over",
            row=cells.attrs.get("header_row"), sheet=sheet,
            found=f"no column for age {missing[0]}",
        )
    return {age: ages[age] for age in range(OPEN_AGE + 1)}


def _check_totals(
    cells: pd.DataFrame, total: pd.Series, summed: pd.Series, column: str, path: Path,
    sheet: str | None,
) -> None:
    wrong = (total != summed).to_numpy(dtype=bool)
    if wrong.any():
        position = int(wrong.nonzero()[0][0])
        raise DataFileError(
            path, f"a total equal to the sum of the ages ({summed.iloc[position]})",
            row=int(cells["source_row"].iloc[position]), column=column,
            found=total.iloc[position], sheet=sheet,
        )


def _sex(cells: pd.DataFrame, path: Path, sheet: str | None) -> pd.Series:
    if "Sex" not in cells.columns:
        return pd.Series("persons", index=cells.index)
    sex = cells["Sex"].map(lambda value: str(value).strip().lower())
    sex = sex.replace({"males": "male", "females": "female", "all": "persons"})
    unknown = ~sex.isin(SEXES)
    if unknown.any():
        position = int(unknown.to_numpy().nonzero()[0][0])
        raise DataFileError(
            path, "Male, Female or Persons", row=int(cells["source_row"].iloc[position]),
            column="Sex", found=cells["Sex"].iloc[position], sheet=sheet,
        )
    return sex


def esp2013_age_bands(population: pd.DataFrame) -> pd.DataFrame:
    """Residents per data zone, sex and ESP2013 band (0-4, ..., 85-89, 90+) from single years.

    The European Standard Population 2013 bands are those used for age-standardised rates
    (ScotPHO, Fingertips), so populations stored this way can be standardised directly.
    """
    banded = population.assign(age_band=population["age"].map(age_band))
    totals = banded.groupby(["datazone_code", "sex", "age_band"], sort=False, observed=True)[
        "population"
    ].sum()
    result = totals.reset_index()
    result["age_band"] = pd.Categorical(result["age_band"], ESP2013_AGE_BANDS, ordered=True)
    result = result.sort_values(["datazone_code", "sex", "age_band"], ignore_index=True)
    result["age_band"] = result["age_band"].astype(str)
    return result


def age_band(age: int) -> str:
    """The ESP2013 five-year band of a single year of age; 90 and over is one band."""
    if age >= OPEN_AGE:
        return f"{OPEN_AGE}+"
    start = age - age % 5
    return f"{start}-{start + 4}"
