"""The partnership's improvement plan: `improvement_plan.csv` in the LOIP folder, checked on load.

One row per improvement action: `improvement_id, finding, action, owner, due, status`, where
`finding` is the finding it answers (of an audit, a self-assessment, the Board) and `status` is one
of the action plan's statuses. As for actions, an improvement is overdue when its due date is
before the end of the reporting period and it is not complete.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from pmf_kit.data.escaping import from_csv_cell
from pmf_kit.data.paths import project_path
from pmf_kit.data.tabular import check_allowed, check_unique, read_csv_checked
from pmf_kit.performance.actions import ACTION_STATUSES, is_overdue, iso_dates

IMPROVEMENT_FILE = "improvement_plan.csv"
IMPROVEMENT_COLUMNS = ["improvement_id", "finding", "action", "owner", "due", "status"]


def load_improvement_plan(folder: str | Path) -> pd.DataFrame | None:
    """improvement_plan.csv of a LOIP folder, every field checked; None when there is none."""
    path = project_path(folder) / IMPROVEMENT_FILE
    if not path.is_file():
        return None
    plan = read_csv_checked(path, IMPROVEMENT_COLUMNS, keys=IMPROVEMENT_COLUMNS)
    check_unique(plan, ["improvement_id"], path)
    check_allowed(plan, "status", ACTION_STATUSES, path)
    plan["due"] = iso_dates(plan["due"], path, "due", required=True)
    for column in ("finding", "action", "owner"):
        plan[column] = plan[column].map(from_csv_cell)
    return plan


def improvement_progress(plan: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The plan with an `overdue` flag at `as_of` (the first day after the reporting period)."""
    overdue = [is_overdue(due, status, 100.0 if status == "complete" else 0.0, as_of)
               for due, status in zip(plan["due"], plan["status"])]
    return plan.assign(overdue=overdue)


def progress_counts(progress: pd.DataFrame) -> dict[str, int]:
    """How many improvements have each status, and how many are overdue."""
    counts = {status: int((progress["status"] == status).sum()) for status in ACTION_STATUSES}
    return counts | {"overdue": int(progress["overdue"].sum()), "total": len(progress)}
