"""NRS local area migration (National Records of Scotland data visualisation data set).

Long format, by area name: `Area, Area Type, Indicator, Indicator Type, Year, Year Type,
Measure Type, Value, Rate`. Areas are councils and NHS boards (and SCOTLAND, under both area
types); migration flows (`Indicator Type` Flow) are mid-year to mid-year, `Year` the year the
flow ends in, and `Rate` per 1,000 residents of the area at that mid-year.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pmf_kit.sources.tables import drop_blank_rows, parse_numbers, read_csv_cells, require_columns

_TEXT = {"Area": "area_name", "Area Type": "area_type", "Indicator": "indicator",
         "Indicator Type": "indicator_type", "Year Type": "year_type", "Measure Type": "measure_type"}


def read_nrs_migration(path: Path) -> pd.DataFrame:
    """One row per area, indicator and year: count (`value`), `rate` per 1,000, `year`."""
    path = Path(path)
    cells = drop_blank_rows(read_csv_cells(path, "Area"))
    require_columns(cells, [*_TEXT, "Year", "Value", "Rate"], path)
    frame = pd.DataFrame({ours: cells[theirs].map(lambda value: None if value is None else str(value).strip())
                          for theirs, ours in _TEXT.items()})
    frame["year"], _ = parse_numbers(cells, "Year", path, whole=True, allow_blank=False)
    frame["year"] = frame["year"].astype(int)
    frame["count"], _ = parse_numbers(cells, "Value", path)
    frame["rate"], _ = parse_numbers(cells, "Rate", path)
    frame["source_row"] = cells["source_row"]
    return frame.reset_index(drop=True)
