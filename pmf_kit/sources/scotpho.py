"""ScotPHO online profiles data extracts (Public Health Scotland): one indicator value per area
and period, with its published 95% confidence limits.

The extract is ScotPHO's long format: `indicator, area_name, area_code, area_type, year, period,
numerator, measure, lower_confidence_interval, upper_confidence_interval, definition,
data_source`. Periods are labels such as "2014 to 2018 (5 year aggregate)", read by the one
period parser; `year` is the middle year ScotPHO lines aggregates of different lengths up by.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pmf_kit.data.periods import PeriodError, parse_period
from pmf_kit.errors import DataFileError
from pmf_kit.sources.tables import drop_blank_rows, parse_numbers, read_csv_cells, require_columns

_EXTRACT_TEXT = {
    "indicator": "indicator", "area_name": "area_name", "area_code": "area_code",
    "area_type": "area_type", "period": "period", "data_source": "data_source",
}
_EXTRACT_NUMBERS = {
    "measure": "value", "lower_confidence_interval": "lower_ci",
    "upper_confidence_interval": "upper_ci",
}
SCOTPHO_SCOTLAND_CODE = "S00000001"
"""ScotPHO's own code for Scotland (statistics.gov.scot uses S92000003)."""


def read_scotpho_extract(path: Path) -> pd.DataFrame:
    """One row per indicator, area and period: value and published limits, period canonical.

    A blank or unreadable number, limits that do not enclose the value, or a period the parser
    does not know name their row and column.
    """
    path = Path(path)
    cells = drop_blank_rows(read_csv_cells(path, "indicator"))
    require_columns(cells, [*_EXTRACT_TEXT, *_EXTRACT_NUMBERS], path)
    frame = pd.DataFrame({ours: cells[theirs].map(_text) for theirs, ours in _EXTRACT_TEXT.items()})
    for theirs, ours in _EXTRACT_NUMBERS.items():
        frame[ours], _ = parse_numbers(cells, theirs, path, allow_blank=False)
    frame["source_row"] = cells["source_row"]
    frame = frame.reset_index(drop=True)
    frame["period"] = _canonical_periods(frame, path)
    outside = (frame["lower_ci"] > frame["value"]) | (frame["upper_ci"] < frame["value"])
    if outside.any():
        first = frame[outside].iloc[0]
        raise DataFileError(path, "95% limits either side of the measure", row=int(first["source_row"]),
                            column="lower_confidence_interval", found=(first["lower_ci"], first["upper_ci"]))
    return frame


def _text(value: object) -> object:
    return None if value is None else str(value).strip()


def _canonical_periods(frame: pd.DataFrame, path: Path) -> pd.Series:
    canonical = {}
    for label in frame["period"].unique():
        try:
            canonical[label] = parse_period(label).label
        except PeriodError:
            row = int(frame.loc[frame["period"] == label, "source_row"].iloc[0])
            raise DataFileError(path, "a period such as 2014 to 2018 (5 year aggregate)", row=row,
                                column="period", found=label) from None
    return frame["period"].map(canonical)
