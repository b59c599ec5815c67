"""LOIP action plans: high-level actions, the operational actions under them, and progress updates.

`actions.csv` holds one row per action (an operational action names its high-level action in
`parent_id`; an optional `plan` names the locality plan it belongs to, blank for the LOIP);
`action_updates.csv` holds the action leads' updates, one per action and reporting period (the
partnership's reporting quarters, `partnership.yaml`: Q2 mid-year and Q4 full-year unless it says
otherwise), with an optional `updated_on` date. Both are checked on load; an action past its due
date at the end of the reporting period and not complete is flagged overdue. An action is
withdrawn or superseded (optional `action_status` and `withdrawn_on`) rather than removed, so that
its updates keep their history; from its `withdrawn_on` date it leaves the active lists (update
forms, chasing, overdue). An active action owed an update for the period that has none is marked
"update not received". Text a spreadsheet would read as a formula is stored with OWASP's leading
apostrophe, taken off here.
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
from pmf_kit.performance.partnership import Partnership, load_partnership, quarter_of
from pmf_kit.performance.status import period_end

ACTION_COLUMNS = ["action_id", "parent_id", "outcome", "title", "target", "measuring_success",
                  "start", "due", "lead", "partners"]
UPDATE_COLUMNS = ["action_id", "reporting_period", "status", "percent_complete", "commentary", "updated_by"]
UPDATED_ON = "updated_on"
"""Optional column of action_updates.csv: the date the lead gave the update."""
LOIP_PLAN = "LOIP"
"""The plan of an action whose `plan` is blank (or a file without the column)."""
ACTION_STATUSES = ("not started", "on track", "at risk", "delayed", "complete")
ACTIVE = "active"
ENDED_STATUSES = ("withdrawn", "superseded")
"""Optional `action_status` of actions.csv: blank (or `active`), or how the action ended, on `withdrawn_on`."""
NOT_RECEIVED = "update not received"


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
                               text=["parent_id", "target", "measuring_success", "start", "partners", "plan",
                                     "action_status", "withdrawn_on"])
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
    _read_action_status(actions, path)
    return actions


def _read_action_status(actions: pd.DataFrame, path: Path) -> None:
    """`action_status` (active, withdrawn, superseded) and `withdrawn_on`, a date exactly when it ended."""
    blank = pd.Series("", index=actions.index)
    status = actions["action_status"].fillna("").str.strip().str.lower() if "action_status" in actions else blank
    actions["action_status"] = status.where(status != "", ACTIVE)
    check_allowed(actions, "action_status", (ACTIVE, *ENDED_STATUSES), path)
    ended = actions["action_status"] != ACTIVE
    withdrawn_on = actions["withdrawn_on"] if "withdrawn_on" in actions else pd.Series(pd.NA, index=actions.index)
    actions["withdrawn_on"] = iso_dates(withdrawn_on, path, "withdrawn_on", required=False)
    for position, (is_ended, day) in enumerate(zip(ended, actions["withdrawn_on"])):
        if is_ended and day is None:
            raise DataFileError(path, "the date a withdrawn or superseded action ended, such as 2025-03-31",
                                spreadsheet_row(position), "withdrawn_on")
        if not is_ended and day is not None:
            raise DataFileError(path, f"a blank withdrawn_on for an active action (or action_status one of "
                                f"{', '.join(ENDED_STATUSES)})", spreadsheet_row(position), "withdrawn_on",
                                found=day.isoformat())


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
    for position, action_id in enumerate(updates["action_id"]):
        if action_id not in action_ids:
            raise DataFileError(path, f"an action_id of actions.csv: {action_id} has updates here but is not in "
                                "actions.csv; put its row back and mark it withdrawn (action_status withdrawn or "
                                "superseded, and withdrawn_on) rather than removing it", spreadsheet_row(position),
                                "action_id", found=action_id)
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


def previous_reporting_period(period: str, partnership: Partnership = Partnership()) -> str:
    """The reporting period before this one: with Q2 and Q4, 2025/26 Q2 → 2024/25 Q4, 2025/26 Q4 → 2025/26 Q2."""
    return partnership.previous_period(period)


def is_reporting_period(period: str, partnership: Partnership = Partnership()) -> bool:
    """A quarter of the partnership's reporting cycle, e.g. 2024/25 Q2 with Q2 and Q4."""
    parsed = parse_period(period)
    return parsed.kind == "financial_quarter" and quarter_of(parsed.label) in partnership.reporting_quarters


def action_progress(plan: ActionPlan, reporting_period: str, outcome: str | None = None) -> pd.DataFrame:
    """Each action with its latest update at or before `reporting_period`, whether it is active
    then, whether its update for the period is owed and not received, and the overdue flag.

    High-level actions come first, each followed by its operational actions. An action with no
    update yet is "not started", 0% complete. `status_shown` is the status as a report shows it:
    the action's ending ("Withdrawn on 01 Aug 2025"), "Update not received (last update <period>:
    <status>)", or the latest status ("On track").
    """
    period = parse_period(reporting_period)
    as_of = period_end(period.label)
    actions = plan.actions if outcome is None else plan.actions[plan.actions["outcome"] == outcome]
    progress = _latest_updates(plan, actions, period.label)
    progress["active"] = [status == ACTIVE or day >= as_of
                          for status, day in zip(progress["action_status"], progress["withdrawn_on"])]
    progress["overdue"] = [active and is_overdue(due, status, percent, as_of) for active, due, status, percent
                           in zip(progress["active"], progress["due"], progress["status"], progress["percent_complete"])]
    progress["not_received"] = _owed(plan, actions, period.label) & (progress["update_period"] != period.label)
    progress["status_shown"] = [_status_shown(row) for _, row in progress.iterrows()]
    progress["high_level_id"] = progress["parent_id"].where(progress["parent_id"] != "", progress["action_id"])
    progress["is_high_level"] = progress["parent_id"] == ""
    return progress.sort_values(["high_level_id", "is_high_level", "action_id"], ascending=[True, False, True],
                                kind="stable").reset_index(drop=True)


def needs_update(plan: ActionPlan, period: str) -> set[str]:
    """The action_ids owed an update at `period`: active then, started by its end (or with no start
    date) and not complete at the last update before it."""
    return set(plan.actions.loc[_owed(plan, plan.actions, period), "action_id"])


def _latest_updates(plan: ActionPlan, actions: pd.DataFrame, period: str) -> pd.DataFrame:
    updates = plan.updates[plan.updates["reporting_period"].map(parse_period) <= parse_period(period)]
    updates = updates.assign(order=updates["reporting_period"].map(parse_period)).sort_values("order")
    latest = updates.drop_duplicates("action_id", keep="last").set_index("action_id")
    progress = actions.copy()
    for column, none_yet in (("reporting_period", ""), ("status", "not started"), ("percent_complete", 0.0),
                             ("commentary", "")):
        values = dict(zip(latest.index, latest[column]))
        progress["update_period" if column == "reporting_period" else column] = \
            [values.get(action_id, none_yet) for action_id in progress["action_id"]]
    progress["percent_complete"] = progress["percent_complete"].astype(float)
    return progress


def _owed(plan: ActionPlan, actions: pd.DataFrame, period: str) -> pd.Series:
    if not is_reporting_period(period, plan.partnership):
        return pd.Series(False, index=actions.index)
    end = period_end(period)
    before = _latest_updates(plan, actions, previous_reporting_period(period, plan.partnership))
    return pd.Series([(status == ACTIVE or day >= end) and (start is None or start < end) and last != "complete"
                      for status, day, start, last in zip(actions["action_status"], actions["withdrawn_on"],
                                                          actions["start"], before["status"])], index=actions.index)


def _status_shown(row: pd.Series) -> str:
    if not row["active"]:
        shown = f"{row['action_status']} on {row['withdrawn_on']:%d %b %Y}"
    elif row["not_received"]:
        last = f"last update {row['update_period']}: {row['status']}" if row["update_period"] else "no update yet"
        shown = f"{NOT_RECEIVED} ({last})"
    else:
        shown = row["status"]
    return shown[:1].upper() + shown[1:]


def updates_not_received(progress: pd.DataFrame) -> list[tuple[str, tuple[str, ...]]]:
    """Who owes what: each lead (in alphabetical order) with their actions in `progress` whose
    update for the period was not received, in the order of the action plan."""
    owed = progress[progress["not_received"]]
    return [(lead, tuple(rows["action_id"])) for lead, rows in owed.groupby("lead", sort=True)]
