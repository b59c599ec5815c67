"""The layout of an NRS Flexible Table Builder (SuperWEB2) export: its preamble, header rows,
area rows, Total row and footnotes, found in the raw cells of a CSV or a worksheet.

SuperWEB2 writes the same table in two shapes. Wide: the preamble (ending with the `Filters:`
block and a blank row), one header row per column variable (a label spanning the blank cells
after it), a row holding only the geography's name, one row per area (a trailing comma in CSV;
in XLSX the labels one column to the right), maybe a `Total` row, then footnotes. Long: after
the preamble, one block per area: the area alone on its row, the column variable's row, the row
variable's row, then one row per category. Row numbers are the file's own (1 = its first line).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pmf_kit.errors import DataFileError

PREAMBLE_SEARCH_ROWS = 30
TOTAL_LABEL = "total"
JOIN = " | "
"""Between the categories of two variables in one column's name: `Owned: Owned outright | ...`."""


@dataclass
class Layout:
    """What the cells of an export say, before any check of its areas or geography."""

    preamble: list[str]
    filters: dict[str, str]
    variables: list[str]
    geography_label: str | None
    categories: list[tuple[str, ...]]
    areas: list[tuple[str, int]]
    values: list[list[object]]
    cell_rows: list[list[int]] = field(default_factory=list)
    """The row of each value (a long export's block spans rows)."""
    total: tuple[list[object], int] | None = None
    footnotes: list[str] = field(default_factory=list)
    geography_row: int | None = None
    """Wide: the row holding only the geography's name."""
    end_row: int = 0
    """The row after the last area's, where a Total row or the footnotes should begin."""


def text(cell: object) -> str:
    """A cell as trimmed text: '' for blank; tabs and stray spaces round labels and codes gone."""
    if cell is None or cell == "":
        return ""
    if isinstance(cell, str):
        return " ".join(cell.split())
    if isinstance(cell, float):
        if cell != cell:
            return ""
        if cell.is_integer():
            return str(int(cell))
    return str(cell)


def _filled(row: list[object]) -> list[tuple[int, str]]:
    found = []
    for index, cell in enumerate(row):
        if cell is not None and cell != "":
            value = text(cell)
            if value:
                found.append((index, value))
    return found


def _blank(row: list[object]) -> bool:
    return all(cell is None or cell == "" or not text(cell) for cell in row)


def read_layout(rows: list[list[object]], path: Path, sheet: str | None) -> Layout:
    """The parts of an export, or a DataFileError naming the row where it stops being one."""
    filters_at = next((position for position, row in enumerate(rows[:PREAMBLE_SEARCH_ROWS])
                       if row and text(row[0]) == "Filters:"), None)
    if filters_at is None:
        raise DataFileError(path, "an NRS Flexible Table Builder (SuperWEB2) export: a preamble ending in "
                            f"'Filters:' within its first {PREAMBLE_SEARCH_ROWS} rows", sheet=sheet)
    preamble = [" ".join(cell for _, cell in _filled(row)) for row in rows[:filters_at] if _filled(row)]
    filters, position = {}, filters_at + 1
    while position < len(rows) and not _blank(rows[position]):
        cells = [cell for _, cell in _filled(rows[position])]
        filters[cells[0]] = " ".join(cells[1:])
        position += 1
    while position < len(rows) and _blank(rows[position]):
        position += 1
    if position == len(rows):
        raise DataFileError(path, "a table after the preamble", row=position, sheet=sheet, found="nothing")
    layout = Layout(preamble, filters, [], None, [], [], [])
    if len(_filled(rows[position])) == 1:
        position = _read_blocks(rows, position, layout, path, sheet)
    else:
        position = _read_wide(rows, position, layout, path, sheet)
    _read_end(rows, position, layout, path, sheet)
    return layout


def _read_wide(rows: list[list[object]], position: int, layout: Layout, path: Path, sheet: str | None) -> int:
    headers = []
    while position < len(rows) and len(_filled(rows[position])) > 1:
        headers.append(rows[position])
        position += 1
    if position == len(rows) or len(_filled(rows[position])) != 1:
        found = " ".join(cell for _, cell in _filled(rows[position])) if position < len(rows) else None
        raise DataFileError(path, "a row holding only the geography's name under the header rows",
                            row=position + 1, sheet=sheet, found=found or "the end of the file")
    label_at, layout.geography_label = _filled(rows[position])[0]
    layout.geography_row = position + 1
    width = max(len(row) for row in headers)
    spans: list[list[str]] = []
    for header in headers:
        cells = [text(header[index]) if index < len(header) else "" for index in range(width)]
        layout.variables.append(next((cell for cell in cells[:label_at + 1] if cell), ""))
        spans.append(cells)
    for spanned in spans[:-1]:
        for index in range(label_at + 2, width):
            spanned[index] = spanned[index] or spanned[index - 1]
    columns = [index for index in range(label_at + 1, width) if spans[-1][index]]
    layout.categories = [tuple(spanned[index] for spanned in spans) for index in columns]
    position += 1
    while position < len(rows) and not _blank(rows[position]):
        row = rows[position]
        label = text(row[label_at]) if label_at < len(row) else ""
        values = [row[index] if index < len(row) else None for index in columns]
        if _is_total(row, label_at):
            layout.total, layout.end_row = (values, position + 1), position + 1
            return position + 1
        if not label:
            raise DataFileError(path, f"an area in the {layout.geography_label!r} column", row=position + 1,
                                column=layout.geography_label, sheet=sheet, found="a blank cell")
        layout.areas.append((label, position + 1))
        layout.values.append(values)
        layout.cell_rows.append([position + 1] * len(values))
        position += 1
    layout.end_row = position + 1
    ahead = position
    while ahead < len(rows) and _blank(rows[ahead]):
        ahead += 1
    if ahead < len(rows) and _is_total(rows[ahead], label_at):
        layout.total = ([rows[ahead][index] if index < len(rows[ahead]) else None for index in columns], ahead + 1)
        return ahead + 1
    return position


def _is_total(row: list[object], label_at: int) -> bool:
    """A Total row: `Total` in the area column (or left of it)."""
    filled = _filled(row)
    return bool(filled) and filled[0][0] <= label_at and filled[0][1].lower() == TOTAL_LABEL


def _read_blocks(rows: list[list[object]], position: int, layout: Layout, path: Path, sheet: str | None) -> int:
    """Long: one block per area; a block ends at a blank row, the blocks at the first row that is
    not an area followed by the column variable's row."""
    column_variable = None
    row_categories: list[str] | None = None
    while position + 1 < len(rows) and len(_filled(rows[position])) == 1:
        header = _filled(rows[position + 1])
        if column_variable is not None and (not header or header[0][1] != column_variable):
            break
        label = _filled(rows[position])[0][1]
        if len(header) < 2 or position + 2 >= len(rows) or len(_filled(rows[position + 2])) != 1:
            raise DataFileError(path, "an area's block: the area, the column variable and its categories, "
                                "then the row variable alone on its row", row=position + 2, sheet=sheet,
                                found=" ".join(cell for _, cell in header))
        if column_variable is None:
            column_variable = header[0][1]
            layout.variables = [_filled(rows[position + 2])[0][1], column_variable]
            layout.geography_label = None
            column_at = [index for index, _ in header[1:]]
            column_names = [cell for _, cell in header[1:]]
        start, position = position + 1, position + 3
        categories, values, cell_rows = [], [], []
        while position < len(rows) and not _blank(rows[position]):
            row = rows[position]
            categories.append(text(row[0]))
            values.append([row[index] if index < len(row) else None for index in column_at])
            cell_rows.extend([position + 1] * len(column_at))
            position += 1
        if row_categories is None:
            row_categories = categories
        elif categories != row_categories:
            raise DataFileError(path, f"the same {layout.variables[0]!r} categories in every block as in the first",
                                row=start, sheet=sheet, found=label)
        flat = [cell for row_values in values for cell in row_values]
        if label.lower() == TOTAL_LABEL:
            layout.total = (flat, start)
        else:
            layout.areas.append((label, start))
            layout.values.append(flat)
            layout.cell_rows.append(cell_rows)
        layout.end_row = position + 1
        while position < len(rows) and _blank(rows[position]):
            position += 1
    if row_categories is None:
        raise DataFileError(path, "an area's block after the preamble", row=position + 1, sheet=sheet)
    layout.categories = [(row_category, column_name) for row_category in row_categories
                         for column_name in column_names]
    return position


def _read_end(rows: list[list[object]], position: int, layout: Layout, path: Path, sheet: str | None) -> None:
    """Footnotes: every line left; an export that ends on an area was cut short."""
    layout.footnotes = [": ".join(cell for _, cell in _filled(row)) for row in rows[position:] if _filled(row)]
    if layout.total is None and not layout.footnotes:
        raise DataFileError(path, "a Total row or NRS's footnotes after the last area (was the download cut short?)",
                            row=layout.end_row, sheet=sheet, found="the end of the file")
