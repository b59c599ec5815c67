"""NRS Flexible Table Builder (SuperWEB2) exports, as analysts download them, read into a tidy
table with what the export says about itself (title, table, geography, footnotes).

Census tables come from scotlandscensus.gov.uk's table builder as CSV or XLSX, wide or long,
with a preamble, a geography-name row, trailing commas, codes with stray spaces, maybe a Total
row and always NRS's footnotes (`superweb2_layout` finds those parts). Here the areas are
checked against the geography the export names (output areas, 2011 or 2022 data zones,
intermediate zones or councils by code or name, Scotland), every cell is a number, no area is
there twice, and a Total row agrees with the sum of the areas within NRS's perturbation.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from pmf_kit.errors import DataFileError
from pmf_kit.sources.superweb2_layout import JOIN, PREAMBLE_SEARCH_ROWS, Layout, read_layout, text
from pmf_kit.sources.tables import decoded_text, worksheets

CODE_LIKE = re.compile(r"S\d{8}")
TOTAL_NOISE_PER_ROOT_AREA = 5
"""NRS perturbs every cell, its Total included, so the Total row differs from the sum of the
areas above it: on the six 2022 data zone tables of ../shared/realdata by at most 2.7 times the
square root of the number of areas (232 households over 7,392 zones). Five times is allowed."""


@dataclass(frozen=True)
class Geography:
    """One geography a SuperWEB2 export can be at, and what its row labels must be."""

    label: str
    code: re.Pattern[str]
    code_range: tuple[int, int] | None = None
    names: bool = False

    def expected(self) -> str:
        if self.code_range is not None:
            low, high = self.code_range
            return f"a {self.label} code (S01{low:06d} to S01{high:06d})"
        example = {"S00": "S00135307", "S02": "S02001236", "S12": "S12000033", "S92": "S92000003"}
        code = f"a {self.label} code like {example[self.code.pattern[:3]]}"
        return f"{code} or name" if self.names else code

    def holds(self, code: str) -> bool:
        if not self.code.fullmatch(code):
            return False
        return self.code_range is None or self.code_range[0] <= int(code[3:]) <= self.code_range[1]


GEOGRAPHIES = {
    "output_area": Geography("output area", re.compile(r"S00\d{6}")),
    "datazone_2011": Geography("2011 data zone", re.compile(r"S01\d{6}"), (6506, 13481)),
    "datazone_2022": Geography("2022 data zone", re.compile(r"S01\d{6}"), (13482, 20873)),
    "intermediate_zone": Geography("intermediate zone", re.compile(r"S02\d{6}"), names=True),
    "council": Geography("council area", re.compile(r"S12\d{6}"), names=True),
    "scotland": Geography("Scotland", re.compile(r"S92\d{6}"), names=True),
}


@dataclass(frozen=True)
class SuperwebExport:
    """An export read: one row per area in `wide`, and what the export says about itself."""

    path: Path
    sheet: str | None
    title: str | None
    table_id: str | None
    dataset: str | None
    description: str
    counting: str | None
    filters: dict[str, str]
    geography_label: str
    geography: str
    variables: list[str]
    columns: list[str]
    wide: pd.DataFrame
    """`geography_code` (or None), `geography_name` (or None), one column per category, `source_row`."""
    total: dict[str, float] | None
    total_row: int | None
    footnotes: list[str]

    @property
    def by_name(self) -> bool:
        """True when the export's rows are areas by name (intermediate zones, councils)."""
        return bool(self.wide["geography_code"].isna().any())

    def tidy(self) -> pd.DataFrame:
        """One row per area and category: the geography, one column per variable, `count`."""
        long = self.wide.melt(id_vars=["geography_code", "geography_name", "source_row"],
                              value_vars=self.columns, var_name="category", value_name="count")
        parts = long["category"].str.split(JOIN, n=len(self.variables) - 1, regex=False, expand=True)
        for number, variable in enumerate(self.variables):
            long[variable] = parts[number]
        return long[["geography_code", "geography_name", *self.variables, "count", "source_row"]]


def read_superweb2(path: str | Path, sheet: str | None = None, geography: str | None = None,
                   require_total: bool = False) -> SuperwebExport:
    """Read a SuperWEB2 export (CSV or XLSX); `geography` (a key of GEOGRAPHIES) is the one the
    caller expects, `require_total` asks for a Total row. Any problem is a DataFileError."""
    path = Path(path)
    rows, sheet = _raw_rows(path, sheet)
    layout = read_layout(rows, path, sheet)
    description, title, dataset, counting = _about(layout)
    geography_label = layout.geography_label or description.split(" by ")[0]
    geography_row = layout.geography_row
    kind = _classify(geography_label, path, sheet, geography_row)
    if geography is not None and kind != geography:
        raise DataFileError(path, f"an export of {GEOGRAPHIES[geography].label}s", row=geography_row,
                            sheet=sheet, found=geography_label)
    columns = [JOIN.join(category) for category in layout.categories]
    repeated = next((name for name in columns if columns.count(name) > 1), None)
    if repeated is not None:
        raise DataFileError(path, "each column of categories once", row=geography_row, column=repeated, sheet=sheet)
    wide = _areas(layout, kind, columns, path, sheet, geography_label)
    total, total_row = _total(layout, wide, columns, path, sheet, require_total)
    table_id = re.search(r"\bTable (\S+)", title or "")
    return SuperwebExport(path, sheet, title, table_id.group(1) if table_id else None, dataset, description,
                          counting, layout.filters, geography_label, kind, layout.variables, columns, wide,
                          total, total_row, layout.footnotes)


def _raw_rows(path: Path, sheet: str | None) -> tuple[list[list[object]], str | None]:
    if path.suffix.lower() != ".xlsx":
        return list(csv.reader(io.StringIO(decoded_text(path), newline=""))), None
    rows, name = [], sheet
    for name, rows in worksheets(path, sheet):
        if any(row and text(row[0]) == "Filters:" for row in rows[:PREAMBLE_SEARCH_ROWS]):
            break
    return rows, name


def _about(layout: Layout) -> tuple[str, str | None, str | None, str | None]:
    """Description, title, data set and what is counted, from the preamble's lines."""
    lines = [line for line in layout.preamble if line != "SuperWEB2(tm)"]
    counting = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("Counting:")), None)
    lines = [line for line in lines if not line.startswith("Counting:")]
    description = lines[-1] if lines else ""
    title = lines[-2] if len(lines) >= 3 else None
    dataset = lines[0] if len(lines) >= 2 else None
    return description, title, dataset, counting


def _classify(label: str, path: Path, sheet: str | None, row: int | None) -> str:
    """The geography a label names; a hierarchy `Intermediate Zone - Data Zone 2011` is its last level."""
    level = label.split(" - ")[-1].lower()
    year = re.search(r"(2011|2022)", level)
    if "output area" in level:
        return "output_area"
    if "data zone" in level or "datazone" in level:
        if year is None:
            raise DataFileError(path, "a data zone geography that says its year (2011 or 2022)", row=row,
                                sheet=sheet, found=label)
        return f"datazone_{year.group(1)}"
    for words, kind in (("intermediate zone", "intermediate_zone"), ("council", "council"),
                        ("scotland", "scotland"), ("country", "scotland")):
        if words in level:
            return kind
    raise DataFileError(path, "a geography of output areas, data zones, intermediate zones, council areas or "
                        "Scotland", row=row, sheet=sheet, found=label)


def _areas(layout: Layout, kind: str, columns: list[str], path: Path, sheet: str | None,
           column: str) -> pd.DataFrame:
    geography = GEOGRAPHIES[kind]
    codes, names, seen = [], [], {}
    by_code = None
    for label, row in layout.areas:
        is_code = bool(CODE_LIKE.fullmatch(label))
        if (is_code and not geography.holds(label)) or (not is_code and not geography.names):
            raise DataFileError(path, geography.expected(), row=row, column=column, sheet=sheet, found=label)
        if by_code is None:
            by_code = is_code
        elif by_code != is_code:
            raise DataFileError(path, f"every area by {'code' if by_code else 'name'}, as in the first row",
                                row=row, column=column, sheet=sheet, found=label)
        if label.lower() in seen:
            raise DataFileError(path, f"each area once (it is also on row {seen[label.lower()]})", row=row,
                                column=column, sheet=sheet, found=label)
        seen[label.lower()] = row
        codes.append(label if is_code else None)
        names.append(None if is_code else label)
    if not layout.areas:
        raise DataFileError(path, "at least one area under the header", row=layout.end_row, sheet=sheet)
    wide = _numbers(layout, columns, path, sheet)
    wide.insert(0, "geography_name", pd.Series(names, dtype=object))
    wide.insert(0, "geography_code", pd.Series(codes, dtype=object))
    wide["source_row"] = [row for _, row in layout.areas]
    return wide


def _numbers(layout: Layout, columns: list[str], path: Path, sheet: str | None) -> pd.DataFrame:
    """Every cell as a number, converted a column at a time; a cell that does not convert is
    read alone, in row order, so the first that is not a number is the one reported."""
    raw = pd.DataFrame(layout.values, columns=range(len(columns)), dtype=object)
    numbers = raw.apply(lambda column: pd.to_numeric(column, errors="coerce")).astype(float)
    for position, index in np.argwhere(~np.isfinite(numbers.to_numpy())):
        numbers.iat[position, index] = _number(raw.iat[position, index], path, sheet,
                                               layout.cell_rows[position][index], columns[index])
    numbers.columns = columns
    return numbers


def _number(cell: object, path: Path, sheet: str | None, row: int, column: str) -> float:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        number = float(cell)
    else:
        try:
            number = float(text(cell))
        except ValueError:
            raise DataFileError(path, "a number", row=row, column=column, sheet=sheet,
                                found=text(cell) or "a blank cell") from None
    if not math.isfinite(number):
        raise DataFileError(path, "a finite number", row=row, column=column, sheet=sheet, found=text(cell))
    return number


def _total(layout: Layout, wide: pd.DataFrame, columns: list[str], path: Path, sheet: str | None,
           require_total: bool) -> tuple[dict[str, float] | None, int | None]:
    """The Total row, checked against the sum of the areas within NRS's perturbation."""
    if layout.total is None:
        if require_total:
            raise DataFileError(path, "a Total row after the last area", row=layout.end_row, sheet=sheet,
                                found=layout.footnotes[0] if layout.footnotes else None)
        return None, None
    cells, row = layout.total
    allowed = TOTAL_NOISE_PER_ROOT_AREA * math.sqrt(len(wide))
    total = {}
    for cell, column in zip(cells, columns):
        total[column] = _number(cell, path, sheet, row, column)
        areas = float(wide[column].sum())
        if abs(total[column] - areas) > allowed:
            raise DataFileError(path, f"a Total within {allowed:.0f} of the sum of the {len(wide):,} areas above it "
                                f"({areas:,.0f}; NRS perturbs each cell a little)", row=row, column=column,
                                sheet=sheet, found=f"{total[column]:,.0f}")
    return total, row
