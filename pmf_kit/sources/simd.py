"""Scottish Index of Multiple Deprivation (SIMD) indicator data, Scottish Government.

Readers for the SG "SIMD 2016 indicator data" and "SIMD 2020v2 indicator data" workbooks
(sheet `Data`) and for the CSV export of SIMD 2020v2 used by simd.scot. All three carry the same
facts under different spellings; each reader returns one tidy row per data zone with our names
(`datazone_code`, `simd_rank`, `income_count`, ...), so that 2016 and 2020 line up as a series
on the 2011 data zones.
"""

from __future__ import annotations

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
    suppressed_flags,
)

SIMD_2016 = "SIMD 2016"
SIMD_2020 = "SIMD 2020"
FIRST_HEADER_CELL = "Data_Zone"
DATA_SHEET = "Data"

_SHARED_NAMES = {
    "Data_Zone": "datazone_code",
    "Intermediate_Zone": "intermediate_zone_name",
    "Council_area": "council_name",
    "Total_population": "total_population",
}
_EDITION_NAMES = {
    SIMD_2020: {
        "Working_Age_population": "working_age_population",
        "SIMD2020v2_Rank": "simd_rank",
        "SIMD_2020v2_Percentile": "simd_percentile",
        "SIMD2020v2_Vigintile": "simd_vigintile",
        "SIMD2020v2_Decile": "simd_decile",
        "SIMD2020v2_Quintile": "simd_quintile",
        "SIMD2020v2_Income_Domain_Rank": "income_rank",
        "SIMD2020_Employment_Domain_Rank": "employment_rank",
        "SIMD2020_Health_Domain_Rank": "health_rank",
        "SIMD2020_Education_Domain_Rank": "education_rank",
        "SIMD2020_Access_Domain_Rank": "access_rank",
        "SIMD2020_Crime_Domain_Rank": "crime_rank",
        "SIMD2020_Housing_Domain_Rank": "housing_rank",
    },
    SIMD_2016: {
        "Working_age_population_Revised": "working_age_population",
        "Overal_SIMD16_Rank": "simd_rank",
        "SIMD_2016_Percentile": "simd_percentile",
        "SIMD_2016_Vigintile": "simd_vigintile",
        "SIMD_2016_Decile": "simd_decile",
        "SIMD_2016_Quintile": "simd_quintile",
        "Income_Domain_2016_Rank": "income_rank",
        "Employment_Domain_2016_Rank": "employment_rank",
        "Health_Domain_2016_Rank": "health_rank",
        "Education_Domain_2016_Rank": "education_rank",
        "Geographic_Access_Domain_2016_Rank": "access_rank",
        "Crime_Domain_2016_Rank": "crime_rank",
        "Housing_Domain_2016_Rank": "housing_rank",
    },
}
_EDITION_MARKERS = {"SIMD2020v2_Rank": SIMD_2020, "Overal_SIMD16_Rank": SIMD_2016}
# Indicator columns renamed in 2020; ours follow the 2020 spelling, in lower case.
_INDICATOR_NAMES_2016 = {
    "Noquals": "no_qualifications",
    "NEET": "not_participating",
    "HESA": "university",
    "drive_PO": "drive_post",
    "PT_Post": "pt_post",
    "nocentralheat_count": "nocentralheating_count",
    "nocentralheat_rate": "nocentralheating_rate",
}
WHOLE_NUMBER_COLUMNS = [
    "total_population", "working_age_population", "simd_rank", "simd_percentile",
    "simd_vigintile", "simd_decile", "simd_quintile",
]
# Domain ranks may be tied, published as halves (SIMD16 income rank 6975.5).
DOMAIN_RANK_COLUMNS = [
    "income_rank", "employment_rank", "health_rank", "education_rank", "access_rank",
    "crime_rank", "housing_rank",
]
TEXT_COLUMNS = ["datazone_code", "intermediate_zone_name", "council_name"]


def read_simd_workbook(path: Path, datazones: Collection[str] | None = None) -> pd.DataFrame:
    """One row per data zone from an SG SIMD indicator data workbook (2016 or 2020v2).

    The edition is recognised from the header. Note rows under the data (SIMD16 ends with
    "# Error in the working age population ...") are dropped; `*` cells become missing with a
    `<column>_suppressed` flag. Give `datazones` to insist on exactly that set of codes.
    """
    cells, sheet = read_excel_cells(Path(path), FIRST_HEADER_CELL, sheet=DATA_SHEET)
    return _tidy_simd(cells, Path(path), sheet, datazones)


def read_simd_csv(path: Path, datazones: Collection[str] | None = None) -> pd.DataFrame:
    """One row per data zone from the SIMD 2020v2 CSV export used by simd.scot.

    It starts with a byte-order mark and stores rates as rounded text ("8%"), read here as
    fractions (0.08) to match the workbook.
    """
    cells = read_csv_cells(Path(path), FIRST_HEADER_CELL)
    return _tidy_simd(cells, Path(path), None, datazones)


def _tidy_simd(
    cells: pd.DataFrame, path: Path, sheet: str | None, datazones: Collection[str] | None
) -> pd.DataFrame:
    edition = _edition(cells, path, sheet)
    names = {**_SHARED_NAMES, **_EDITION_NAMES[edition]}
    require_columns(cells, names, path, sheet)
    cells = _without_note_rows(cells)
    tidy = {"simd_edition": edition}
    tidy["datazone_code"] = check_datazone_codes(cells, "Data_Zone", path, sheet, datazones)
    tidy["intermediate_zone_name"] = cells["Intermediate_Zone"].map(name_from_label)
    tidy["council_name"] = cells["Council_area"].map(name_from_label)
    flags = {}
    for column, name in _numeric_names(cells, names, edition).items():
        whole = name in WHOLE_NUMBER_COLUMNS
        required = whole or name in DOMAIN_RANK_COLUMNS
        tidy[name], flags[name] = parse_numbers(
            cells, column, path, sheet, whole=whole, allow_blank=not required
        )
    frame = pd.DataFrame({**tidy, **suppressed_flags(flags)}, index=cells.index)
    frame["source_row"] = cells["source_row"]
    return frame.reset_index(drop=True)


def _edition(cells: pd.DataFrame, path: Path, sheet: str | None) -> str:
    for marker, edition in _EDITION_MARKERS.items():
        if marker in cells.columns:
            return edition
    raise DataFileError(
        path, f"an SIMD 2016 or 2020v2 header with one of {', '.join(_EDITION_MARKERS)}",
        row=cells.attrs.get("header_row"), sheet=sheet,
        found=f"columns {', '.join(map(str, cells.columns[:8]))} ...",
    )


def _without_note_rows(cells: pd.DataFrame) -> pd.DataFrame:
    """Data rows only: blank rows and free-text notes (first cell starting `#`) dropped."""
    cells = drop_blank_rows(cells)
    first = cells["Data_Zone"].map(lambda value: isinstance(value, str) and value.startswith("#"))
    return cells[~first.astype(bool)]


def _numeric_names(cells: pd.DataFrame, core_names: dict[str, str], edition: str) -> dict[str, str]:
    """Every numeric column, source name to ours: core ones as mapped, the rest lower case."""
    renames = _INDICATOR_NAMES_2016 if edition == SIMD_2016 else {}
    numeric = {}
    for column in cells.columns:
        if column == "source_row" or core_names.get(column) in TEXT_COLUMNS:
            continue
        numeric[column] = core_names.get(column) or renames.get(column, column.lower())
    return numeric


def name_from_label(label: object) -> object:
    """An area name as spoken: SIMD16 writes `Aberdeen_City` for Aberdeen City."""
    if isinstance(label, str):
        return " ".join(label.replace("_", " ").split())
    return label
