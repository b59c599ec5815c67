"""spend.csv as a data set holds it (docs/dataset-format.md): spend in pounds and service users
by data zone, period and service line, checked when the data set first reads it. What the
figures mean beside need is `pmf_kit.data.spend`'s job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from pmf_kit.data.periods import PeriodError, parse_period
from pmf_kit.data.tabular import check_allowed, check_unique, read_csv_checked, spreadsheet_row
from pmf_kit.errors import DataFileError

SPEND_FILE = "spend.csv"
SPEND_COLUMNS = ("datazone_code", "period", "service_line", "spend_gbp", "service_users")


def load_spend(path: Path, datazone_codes: Iterable[str]) -> pd.DataFrame:
    """Read and check spend.csv: known data zones, valid periods, no negative or repeated rows."""
    path = Path(path)
    spend = read_csv_checked(path, SPEND_COLUMNS, numeric=["spend_gbp", "service_users"],
                             keys=["datazone_code", "period", "service_line"])
    check_allowed(spend, "datazone_code", list(datazone_codes), path)
    check_unique(spend, ["datazone_code", "period", "service_line"], path)
    for position, label in enumerate(spend["period"]):
        try:
            parse_period(label)
        except PeriodError:
            raise DataFileError(path, "a period such as 2023/24 or 2023", spreadsheet_row(position),
                                "period", found=label) from None
    for column in ("spend_gbp", "service_users"):
        negative = spend[column] < 0
        if negative.any():
            position = int(negative.to_numpy().nonzero()[0][0])
            raise DataFileError(path, "zero or more", spreadsheet_row(position), column,
                                found=spend[column].iloc[position])
    blank_spend = spend["spend_gbp"].isna()
    if blank_spend.any():
        position = int(blank_spend.to_numpy().nonzero()[0][0])
        raise DataFileError(path, "an amount in pounds", spreadsheet_row(position), "spend_gbp")
    spend["period"] = spend["period"].map(lambda label: parse_period(label).label)
    return spend
