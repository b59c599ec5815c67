"""LOIP action plans: high-level actions, the operational actions under them, and progress updates.

`actions.csv` holds one row per action (an operational action names its high-level action in
`parent_id`; an optional `plan` names the locality plan it belongs to, blank for the LOIP);
`action_updates.csv` holds the action leads' updates, one per action and reporting period (the
partnership's reporting quarters, `partnership.yaml`: Q2 mid-year and Q4 full-year unless it says
otherwise), with an optional `updated_on` date. Both are checked on load; an action
past its due date at the end of the reporting period and not complete is flagged overdue. Text a
spreadsheet would read as a formula is stored with OWASP's leading apostrophe, taken off here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

import pandas as pd

from pmf_kit.data.escaping import from_csv_cell
from pmf_kit.data.paths import project_path
from pmf_kit.data.periods import parse_period
from pmf_kit.data.tabular import check_allowed, check_unique, fail_at_first, read_csv_checked, spreadsheet_row
from pmf_kit.errors import DataFileError, PmfKitError
from pmf_kit.performance.partnership import Partnership, load_partnership
from pmf_kit.performance.status import period_end

ACTION_COLUMNS = ["action_id", "parent_id", "outcome", "title", "target", "measuring_success",
                  "start", "due", "lead", "partners"]
UPDATE_COLUMNS = ["action_id", "reporting_period", "status", "percent_complete", "commentary", "updated_by"]
UPDATED_ON = "updated_on"
"""Optional column of action_updates.csv: the date the lead gave the update."""
LOIP_PLAN = "LOIP"
"""The plan of an action whose `plan` is blank (or a file without the column)."""
ACTION_STATUSES = ("not started", "on track", "at risk", "delayed", "complete")
REPORTING_QUARTERS = (2, 4)
"""The reporting cycle: Q2 (mid-year dashboard) and Q4 (full-year dashboard and annual report)."""


@dataclass(frozen=True)
class ActionPlan:
    """Every action of a LOIP and every progress update."""

    actions: pd.DataFrame
    updates: pd.DataFrame
    partnership: Partnership = Partnership()
    """The partnership whose reporting quarters the updates are for (`partnership.yaml`)."""


def is_overdue(due: date, status: str, percent_complete: float, as_of: date) -> bool:
    """Overdue: the due date has passed by `as_of` and the action is not complete."""
    finished = status == "complete" or percent_complete >= 100
    return due < as_of and not finished


def load_action_plan(folder: str | Path, outcomes: Iterable[str]) -> ActionPlan:
    """Read actions.csv and action_updates.csv from a LOIP folder, every field checked."""
    folder = project_path(folder)
    actions = _read_actions(folder / "actions.csv", list(outcomes))
    partnership = load_partnership(folder)
    updates = _read_updates(folder / "action_updates.csv", set(actions["action_id"]), partnership)
    return ActionPlan(actions, updates, partnership)


def _read_actions(path: Path, outcomes: list[str]) -> pd.DataFrame:
    actions = read_csv_checked(path, ACTION_COLUMNS, keys=["action_id", "outcome", "title", "due", "lead"],
                               text=["parent_id", "target", "measuring_success", "start", "partners", "plan"])
    check_unique(actions, ["action_id"], path)
    check_allowed(actions, "outcome", outcomes, path)
    actions["parent_id"] = actions["parent_id"].fillna("").str.strip()
    high_level = set(actions.loc[actions["parent_id"] == "", "action_id"])
    for position, parent in enumerate(actions["parent_id"]):
        if parent and parent not in high_level:
            raise DataFileError(path, "blank (a high-level action) or the action_id of a high-level action",
                                spreadsheet_row(position), "parent_id", found=parent)
    for column in ("start", "due"):
        actions[column] = iso_dates(actions[column], path, column, required=column == "due")
    due_before_start = pd.Series([start is not None and due < start for start, due in
                                  zip(actions["start"], actions["due"])], index=actions.index)
    fail_at_first(due_before_start, path, "a due date on or after the start date", "due",
                  actions["due"].map(lambda due: due.isoformat()))
    for column in ("title", "target", "measuring_success", "partners", "lead"):
        actions[column] = actions[column].fillna("").map(from_csv_cell)
    plan = actions["plan"].fillna("").str.strip() if "plan" in actions else pd.Series("", index=actions.index)
    actions["plan"] = plan.where(plan != "", LOIP_PLAN)
    return actions


def iso_dates(values: pd.Series, path: Path, column: str, required: bool) -> pd.Series:
    """ISO dates (2025-03-31) as datetime.date; blanks allowed only where not required."""
    parsed = []
    for position, text in enumerate(values):
        if pd.isna(text) or not str(text).strip():
            if required:
                raise DataFileError(path, "a date such as 2025-03-31", spreadsheet_row(position), column)
            parsed.append(None)
            continue
        try:
            parsed.append(date.fromisoformat(str(text).strip()))
        except ValueError:
            raise DataFileError(path, "a date such as 2025-03-31", spreadsheet_row(position), column,
                                found=str(text)) from None
    return pd.Series(parsed, index=values.index, dtype=object)


def _read_updates(path: Path, action_ids: set[str], partnership: Partnership) -> pd.DataFrame:
    updates = read_csv_checked(path, UPDATE_COLUMNS, numeric=["percent_complete"],
                               keys=["action_id", "reporting_period", "status"],
                               text=["commentary", "updated_by", UPDATED_ON])
    check_allowed(updates, "action_id", sorted(action_ids), path)
    check_allowed(updates, "status", ACTION_STATUSES, path)
    labels = []
    for position, text in enumerate(updates["reporting_period"]):
        try:
            labels.append(partnership.reporting_period(text))
        except PmfKitError:
            raise DataFileError(path, f"a {partnership.quarters_text} reporting period such as "
                                f"2024/25 Q{partnership.reporting_quarters[0]}", spreadsheet_row(position),
                                "reporting_period", found=text) from None
    updates["reporting_period"] = labels
    check_unique(updates, ["action_id", "reporting_period"], path)
    percent = updates["percent_complete"]
    outside = percent.isna() | (percent < 0) | (percent > 100)
    if outside.any():
        position = int(outside.to_numpy().nonzero()[0][0])
        raise DataFileError(path, "a percentage from 0 to 100", spreadsheet_row(position), "percent_complete",
                            found=None if pd.isna(percent.iloc[position]) else float(percent.iloc[position]))
    complete_short = (updates["status"] == "complete") & (percent < 100)
    if complete_short.any():
        position = int(complete_short.to_numpy().nonzero()[0][0])
        raise DataFileError(path, "100 for an action whose status is complete", spreadsheet_row(position),
                            "percent_complete", found=float(percent.iloc[position]))
    for column in ("commentary", "updated_by"):
        updates[column] = updates[column].fillna("").map(from_csv_cell)
    updated_on = updates[UPDATED_ON] if UPDATED_ON in updates else pd.Series(pd.NA, index=updates.index)
    updates[UPDATED_ON] = iso_dates(updated_on, path, UPDATED_ON, required=False)
    return updates


def action_progress(plan: ActionPlan, reporting_period: str, outcome: str | None = None) -> pd.DataFrame:
    """Each action with its latest update at or before `reporting_period`, and the overdue flag.

    High-level actions come first, each followed by its operational actions. An action with no
    update yet is "not started", 0% complete.
    """
    period = parse_period(reporting_period)
    as_of = period_end(period.label)
    actions = plan.actions if outcome is None else plan.actions[plan.actions["outcome"] == outcome]
    updates = plan.updates[plan.updates["reporting_period"].map(parse_period) <= period]
    updates = updates.assign(order=updates["reporting_period"].map(parse_period)).sort_values("order")
    latest = updates.drop_duplicates("action_id", keep="last").set_index("action_id")
    progress = actions.copy()
    progress["update_period"] = progress["action_id"].map(latest["reporting_period"]).fillna("")
    progress["status"] = progress["action_id"].map(latest["status"]).fillna("not started")
    progress["percent_complete"] = progress["action_id"].map(latest["percent_complete"]).fillna(0.0)
    progress["commentary"] = progress["action_id"].map(latest["commentary"]).fillna("")
    progress["overdue"] = [is_overdue(due, status, percent, as_of) for due, status, percent
                           in zip(progress["due"], progress["status"], progress["percent_complete"])]
    progress["high_level_id"] = progress["parent_id"].where(progress["parent_id"] != "", progress["action_id"])
    progress["is_high_level"] = progress["parent_id"] == ""
    return progress.sort_values(["high_level_id", "is_high_level", "action_id"], ascending=[True, False, True],
                                kind="stable").reset_index(drop=True)
