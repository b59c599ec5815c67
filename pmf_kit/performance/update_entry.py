"""One update typed in by the performance officer: late, sent by email, or a correction.

`pmf-kit updates add` checks it against the same rules as a returned form (`update_rules`) and
writes it into action_updates.csv in one atomic write. An action that already has an update for
the period keeps it unless `replace=True` (`--replace`): the officer is told what is held.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pmf_kit.data.paths import project_path
from pmf_kit.errors import DataFileError, DataProblemsError
from pmf_kit.performance.actions import action_progress, load_action_plan, previous_reporting_period
from pmf_kit.performance.kpis import load_outcomes
from pmf_kit.performance.update_collection import UPDATES_FILE, UpdatesTable
from pmf_kit.performance.update_forms import TEXT_LIMIT, reporting_period
from pmf_kit.performance.update_rules import CheckedUpdate, LastUpdate, check_update

OPTIONS = {"status": "--status", "percent_complete": "--percent", "updated_on": "--on",
           "commentary": "--commentary", "reason": "--reason"}
"""The command's option for each field of an update, to name it in a message."""


@dataclass(frozen=True)
class Entry:
    """What `add_update` did: `outcome` is "added", "replaced", "unchanged" or "held" (an update
    for the period was already there and `replace` was not asked for); `held` describes it."""

    update: CheckedUpdate
    period: str
    outcome: str
    held: str = ""


def add_update(loip: str | Path, action_id: str, period: str, values: dict[str, object], updated_by: str,
               replace: bool = False) -> Entry:
    """Check one update (`values`: status, percent_complete, commentary, and optionally updated_on,
    default today, and reason) and write it into action_updates.csv, unless one is held for the period."""
    loip = project_path(loip)
    plan = load_action_plan(loip, load_outcomes(loip / "outcomes.yaml"))
    period = reporting_period(period, plan.partnership)
    path = loip / UPDATES_FILE
    if action_id not in set(plan.actions["action_id"]):
        raise DataFileError(loip / "actions.csv", f"a row for action {action_id!r} (--action)")
    problems: list[str] = []
    if not updated_by.strip() or len(updated_by) > TEXT_LIMIT:
        problems.append(f"--by: expected the name of who gave the update, up to {TEXT_LIMIT} characters")
    previous = action_progress(plan, previous_reporting_period(period, plan.partnership)).set_index("action_id").loc[action_id]
    last = LastUpdate(previous["update_period"], float(previous["percent_complete"])) \
        if previous["update_period"] else None
    values = {"updated_on": date.today()} | {key: value for key, value in values.items() if value is not None}
    checked = check_update(values, action_id, updated_by.strip(), period, last, "with --reason",
                           lambda key, expected, found=None: problems.append(
                               f"{OPTIONS[key]}: expected {expected}" + (f", found {found!r}" if found else "")))
    if problems:
        raise DataProblemsError(f"the update given for {action_id} at {period}", problems)
    table = UpdatesTable.read(path)
    existing = table.find(action_id, period)
    if existing is not None and table.same(existing, checked):
        return Entry(checked, period, "unchanged")
    if existing is not None and not replace:
        return Entry(checked, period, "held", table.describe(existing))
    if existing is None:
        table.add(checked, period)
    else:
        table.replace(existing, checked, period)
    table.write()
    return Entry(checked, period, "added" if existing is None else "replaced")
