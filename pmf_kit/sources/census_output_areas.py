"""Census 2022 output-area tables (NRS's bulk "2022 output area data") summed to data zones.

The copy read here holds each table as Parquet, one row per output area (`OA`, S00...), with
columns named by position (`UV3020001`, ...), and `Table_Metadata.csv` mapping every column id
to NRS's label, table and unit. Columns are looked up by label, so a table whose columns moved
fails with the label that is missing, never a wrong column. Output areas nest in 2022 data
zones (`oa2022_to_dz2022_by_centroid.csv`): every output area must be in the lookup, and every
data zone must get at least one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pmf_kit.errors import DataFileError
from pmf_kit.sources.tables import column_by_label, drop_blank_rows, read_csv_cells, require_columns

METADATA_FILE = "Table_Metadata.csv"
OUTPUT_AREA_CODE = re.compile(r"S00\d{6}")


@dataclass(frozen=True)
class OutputAreaTable:
    """One table on output areas: counts by label, what it counts, and where it came from."""

    table_id: str
    name: str
    unit: str
    """'Person' or 'Household', as NRS's metadata says."""
    counts: pd.DataFrame
    """One row per output area (index `OA`), one column per label."""
    path: Path

    def column(self, label: str) -> pd.Series:
        """A column by NRS's label, forgiving spacing and case; one missing names the labels."""
        return column_by_label(self.counts, label, self.path, where=f" in table {self.table_id}")


def read_metadata(folder: Path) -> pd.DataFrame:
    """Table_Metadata.csv: Variable_ID, Table_ID, Table_Name, Unit and the label of each column."""
    path = Path(folder) / METADATA_FILE
    cells = drop_blank_rows(read_csv_cells(path, "Variable_Name"))
    require_columns(cells, ["Variable_Name", "Variable_ID", "Table_ID", "Table_Name", "Unit"], path)
    for column in ("Variable_Name", "Variable_ID", "Table_ID", "Table_Name", "Unit"):
        cells[column] = cells[column].map(lambda value: "" if value is None else " ".join(str(value).split()))
    return cells


def read_output_area_table(folder: Path, table_id: str, metadata: pd.DataFrame) -> OutputAreaTable:
    """Table `table_id` of `folder` with NRS's labels as its column names, checked cell by cell."""
    path = Path(folder) / f"{table_id}.parquet"
    if not path.is_file():
        raise DataFileError(path, f"Census 2022 output area table {table_id} here, but there is no such file")
    about = metadata[metadata["Table_ID"] == table_id]
    if about.empty:
        raise DataFileError(Path(folder) / METADATA_FILE, f"the columns of table {table_id}")
    try:
        raw = pd.read_parquet(path)
    except Exception as error:  # pyarrow raises several kinds for a damaged file
        raise DataFileError(path, "a Parquet table", found=str(error).splitlines()[0]) from None
    codes = pd.Series(raw.index.astype(str) if raw.index.name == "OA" else raw.get("OA", pd.Series(dtype=str)))
    if codes.empty:
        raise DataFileError(path, "an output area code column or index named OA")
    bad = ~codes.str.fullmatch(OUTPUT_AREA_CODE)
    if bad.any():
        raise DataFileError(path, "an output area code like S00135307", row=int(bad.to_numpy().argmax()) + 1,
                            column="OA", found=codes[bad].iloc[0])
    if codes.duplicated().any():
        raise DataFileError(path, "each output area once", column="OA", found=codes[codes.duplicated()].iloc[0])
    labels = dict(zip(about["Variable_ID"], about["Variable_Name"]))
    missing = [variable for variable in labels if variable not in raw.columns]
    if missing:
        raise DataFileError(path, f"every column Table_Metadata.csv lists for {table_id}", column=missing[0])
    counts = raw[list(labels)].apply(pd.to_numeric, errors="coerce")
    counts.index = pd.Index(codes.to_numpy(), name="OA")
    _check_counts(counts, raw, labels, path)
    return OutputAreaTable(table_id, about["Table_Name"].iloc[0], about["Unit"].iloc[0],
                           counts.rename(columns=labels), path)


def _check_counts(counts: pd.DataFrame, raw: pd.DataFrame, labels: dict[str, str], path: Path) -> None:
    """Every cell a whole number of at least zero (NRS publishes no blank or negative count); a
    bad one is named by its row and its column's id and label."""
    bad = counts.isna() | (counts < 0) | (counts % 1 != 0)
    if bad.to_numpy().any():
        row, column = (int(position[0]) for position in bad.to_numpy().nonzero())
        variable = counts.columns[column]
        raise DataFileError(path, "a whole number of people or households", row=row + 1,
                            column=f"{variable} ({labels[variable]})", found=raw.iloc[row][variable])


def read_output_area_lookup(path: Path, datazones: list[str]) -> pd.Series:
    """Output area -> 2022 data zone, checked: each output area once, every data zone covered."""
    path = Path(path)
    cells = drop_blank_rows(read_csv_cells(path, "OA"))
    require_columns(cells, ["OA", "geography_code"], path)
    codes = cells["OA"].map(lambda value: str(value).strip())
    zones = cells["geography_code"].map(lambda value: str(value).strip())
    for position in (~codes.str.fullmatch(OUTPUT_AREA_CODE)).to_numpy().nonzero()[0][:1]:
        raise DataFileError(path, "an output area code like S00135307", row=int(cells["source_row"].iloc[position]),
                            column="OA", found=codes.iloc[position])
    for position in codes.duplicated().to_numpy().nonzero()[0][:1]:
        raise DataFileError(path, "each output area once", row=int(cells["source_row"].iloc[position]),
                            column="OA", found=codes.iloc[position])
    known = set(datazones)
    for position in (~zones.isin(known)).to_numpy().nonzero()[0][:1]:
        raise DataFileError(path, "a 2022 data zone of the lookup", row=int(cells["source_row"].iloc[position]),
                            column="geography_code", found=zones.iloc[position])
    uncovered = sorted(known - set(zones))
    if uncovered:
        raise DataFileError(path, f"at least one output area in every 2022 data zone; {len(uncovered):,} have none",
                            found=uncovered[0])
    return pd.Series(zones.to_numpy(), index=pd.Index(codes.to_numpy(), name="OA"), name="datazone_code")


def sum_to_datazones(table: OutputAreaTable, datazone_of: pd.Series, datazones: list[str]) -> pd.DataFrame:
    """The table's counts summed over the output areas of each data zone, in `datazones` order;
    an output area the lookup does not place is an error naming it."""
    unplaced = table.counts.index.difference(datazone_of.index)
    if len(unplaced):
        raise DataFileError(table.path, "output areas that the output area lookup places in a data zone",
                            column="OA", found=unplaced[0])
    summed = table.counts.groupby(datazone_of.reindex(table.counts.index).to_numpy()).sum()
    return summed.reindex(datazones, fill_value=0)

