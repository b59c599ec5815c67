"""What KPI owners say each period: `kpi_commentary.csv` in the LOIP folder, one row per KPI and
reporting period, and the register as a report of a period reads it (each KPI's latest words).

"What the data is telling us" in kpis.yaml is written once and goes stale; the owners' returns
(`pmf-kit kpis collect`) keep it per period, and every report shows the latest up to its own
period, saying which return it came from. A KPI with no return yet keeps kpis.yaml's text.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from pmf_kit.data.atomic import replacing
from pmf_kit.data.escaping import csv_cell, from_csv_cell
from pmf_kit.data.periods import PeriodError, parse_period
from pmf_kit.errors import DataFileError
from pmf_kit.performance.kpis import Register
from pmf_kit.performance.status import period_end

COMMENTARY_FILE = "kpi_commentary.csv"
COMMENTARY_COLUMNS = ["kpi_id", "reporting_period", "figure_period", "telling_us", "actions_to_improve", "updated_by"]


def load_commentary(loip: Path) -> pd.DataFrame:
    """kpi_commentary.csv as text (empty when the folder has none), every period checked."""
    path = loip / COMMENTARY_FILE
    if not path.is_file():
        return pd.DataFrame(columns=COMMENTARY_COLUMNS)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [column for column in COMMENTARY_COLUMNS if column not in table.columns]
    if missing:
        raise DataFileError(path, f"the columns {', '.join(COMMENTARY_COLUMNS)}", 1, missing[0])
    for position, label in enumerate(table["reporting_period"]):
        try:
            table.loc[position, "reporting_period"] = parse_period(label).label
        except PeriodError:
            raise DataFileError(path, "a reporting period such as 2025/26 Q2", position + 2, "reporting_period",
                                found=label) from None
    for column in ("telling_us", "actions_to_improve", "updated_by"):
        table[column] = table[column].map(from_csv_cell)
    return table[COMMENTARY_COLUMNS]


def write_commentary(loip: Path, table: pd.DataFrame) -> None:
    """The whole file, atomically, formula-like text kept as text."""
    text = table[COMMENTARY_COLUMNS].copy()
    for column in ("telling_us", "actions_to_improve", "updated_by"):
        text[column] = text[column].map(csv_cell)
    with replacing(loip / COMMENTARY_FILE) as temporary:
        text.to_csv(temporary, index=False)


def with_latest_commentary(register: Register, loip: Path, reporting_period: str) -> Register:
    """The register with each KPI's "what the data is telling us" and "actions to improve" from
    its latest return up to `reporting_period`, where it has one."""
    table = load_commentary(loip)
    due = table[table["reporting_period"].map(lambda label: period_end(label) <= period_end(reporting_period))]
    if due.empty:
        return register
    latest = due.assign(order=due["reporting_period"].map(period_end)).sort_values("order").groupby("kpi_id").last()
    kpis = []
    for kpi in register.kpis:
        if kpi.id not in latest.index:
            kpis.append(kpi)
            continue
        row = latest.loc[kpi.id]
        said = f" ({row['updated_by']}, {row['reporting_period']} return)"
        sheet = {**kpi.sheet, "telling_us": row["telling_us"] + said,
                 "actions_to_improve": row["actions_to_improve"] or kpi.sheet.get("actions_to_improve", "")}
        kpis.append(dataclasses.replace(kpi, sheet=sheet))
    return Register(register.outcomes, kpis)
