"""spend.csv as a data set holds it (docs/dataset-format.md): spend in pounds and service users
by data zone, period and service line, checked when the data set first reads it. What the
figures mean beside need is `pmf_kit.data.spend`'s job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from pmf_kit.data.periods import PeriodError, parse_period
from pmf_kit.data.tabular import (
    check_allowed,
    check_at_least_zero,
    check_plausible,
    check_unique,
    check_whole,
    fail_at_first,
    read_csv_checked,
    spreadsheet_row,
)
from pmf_kit.errors import DataFileError

SPEND_FILE = "spend.csv"
SPEND_COLUMNS = ("datazone_code", "period", "service_line", "spend_gbp", "service_users")


def load_spend(path: Path, datazone_codes: Iterable[str]) -> pd.DataFrame:
    """Read and check spend.csv: known data zones, valid periods, no repeated rows, spend and
    service users of 0 or more (plausible sizes), service users whole."""
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
    check_plausible(spend, ["spend_gbp", "service_users"], path)
    check_at_least_zero(spend, ["spend_gbp"], path, "an amount in pounds")
    check_at_least_zero(spend, ["service_users"], path, "a number of service users")
    check_whole(spend, ["service_users"], path, "a whole number of service users")
    fail_at_first(spend["spend_gbp"].isna(), path, "an amount in pounds", "spend_gbp")
    spend["period"] = spend["period"].map(lambda label: parse_period(label).label)
    return spend
