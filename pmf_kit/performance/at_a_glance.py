"""The At a Glance table: every KPI and action of an outcome at the reporting period, in words.

Built from the assessment and action progress tables, so it shows the numbers the charts and
narrative use; exported to Excel (one sheet of KPIs, one of actions) for boards that want it.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from pmf_kit.charts.display import format_value
from pmf_kit.data.indicators import UNIT_WORDS as CATALOGUE_UNIT_WORDS
from pmf_kit.data.paths import project_path
from pmf_kit.data.spreadsheets import write_xlsx

STATUS_SYMBOLS = {"on track": "✔ On track", "at risk": "▲ At risk", "off track": "✖ Off track", "no data": "– No data"}
"""Status with a shape, so it reads without colour and in a black-and-white print."""

KPI_COLUMNS = ["Outcome", "KPI", "Geography", "Unit", "Baseline", "Latest", "Target", "Status", "Trend",
               "Forecast at target date", "Comparator"]
UNIT_WORDS = {**CATALOGUE_UNIT_WORDS, "mean": "average"}
SHORT_STATEMENTS = {"likely to be met": "likely", "uncertain": "uncertain", "unlikely to be met": "unlikely"}
ACTION_COLUMNS = ["Outcome", "Action", "Lead", "Due", "Status", "% complete", "Overdue", "Latest update"]


def _milestone(period: object, value: float, unit: str) -> str:
    """"2019/20: 669.2" or "2024/25: no data" (the unit has its own column)."""
    if not isinstance(period, str) or not period:
        return "no data"
    return f"{period}: {format_value(value, unit) if not math.isnan(value) else 'no data'}"


def _forecast(row: pd.Series) -> str:
    """Forecast value and whether the target will be met, with its probability: "561.2: uncertain (47%)"."""
    if math.isnan(row["forecast_value"]):
        return "cannot be forecast"
    return (f"{format_value(row['forecast_value'], row['unit'])}: "
            f"{SHORT_STATEMENTS[row['forecast_statement']]} ({row['probability']:.0%})")


def _comparator(row: pd.Series) -> str:
    """"better than Scotland (synthetic) (620.9)", or why there is none; the period compared is
    said when the comparator has no figure for the KPI's latest one."""
    if not row["comparator_name"]:
        return "no comparator"
    if math.isnan(row["comparator_value"]):
        return f"{row['comparator_name']}: no data"
    value = format_value(row["comparator_value"], row["unit"])
    if row["comparison"] in ("better", "worse"):
        text = f"{row['comparison']} than {row['comparator_name']} ({value})"
    else:
        text = f"{row['comparison']}: {row['comparator_name']} ({value})"
    if row["comparison_period"] != row["latest_period"]:
        text = (f"in {row['comparison_period']}, {text}; {row['comparator_name']} has no "
                f"{row['latest_period']} figure yet")
    return text


def kpi_at_a_glance(assessment: pd.DataFrame, outcome_titles: dict[str, str]) -> pd.DataFrame:
    """One row per KPI, every cell text as the report shows it."""
    rows = [[outcome_titles[row["outcome"]], row["title"], row["area_name"], UNIT_WORDS[row["unit"]],
             _milestone(row["baseline_period"], row["baseline_value"], row["unit"]),
             _milestone(row["latest_period"], row["latest_value"], row["unit"]),
             _milestone(row["target_period"], row["target_value"], row["unit"]),
             STATUS_SYMBOLS[row["status"]], row["trend"], _forecast(row), _comparator(row)]
            for _, row in assessment.iterrows()]
    return pd.DataFrame(rows, columns=KPI_COLUMNS)


def actions_at_a_glance(progress: pd.DataFrame, outcome_titles: dict[str, str]) -> pd.DataFrame:
    """One row per action, operational actions indented under their high-level action."""
    rows = [[outcome_titles[row["outcome"]],
             ("" if row["is_high_level"] else "↳ ") + f"{row['action_id']} {row['title']}",
             row["lead"], row["due"].strftime("%d %b %Y"), row["status_shown"],
             f"{row['percent_complete']:.0f}%", "Overdue" if row["overdue"] else "",
             row["update_period"] or "no update yet"]
            for _, row in progress.iterrows()]
    return pd.DataFrame(rows, columns=ACTION_COLUMNS)


def export_at_a_glance(kpis: pd.DataFrame, actions: pd.DataFrame, path: str | Path) -> Path:
    """Write the At a Glance table to .xlsx (sheets "KPIs" and "Actions"), atomically; a title or
    lead that looks like a formula stays text (data.spreadsheets)."""
    path = project_path(path)
    return write_xlsx({"KPIs": kpis, "Actions": actions}, path)
