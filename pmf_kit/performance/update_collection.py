"""Collecting returned update forms: good rows merged into action_updates.csv, the files kept, and
the chasing list of who still owes an update.

`pmf-kit updates collect` reads each returned form (`update_returns`), keeps a copy of every
file under `returns/<period>/` in the LOIP folder (named by its content, so the same file is
kept once), and merges the good rows into action_updates.csv in one atomic write. Collecting the
same file twice changes nothing. An action that already has a different update for the period is
never overwritten silently: it is reported, and replaced only with `replace=True` (`--replace`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from pmf_kit.data.atomic import replacing
from pmf_kit.data.escaping import csv_cell, from_csv_cell
from pmf_kit.data.naming import slugify
from pmf_kit.data.paths import missing_path_hint, project_path
from pmf_kit.data.periods import PeriodError, parse_period
from pmf_kit.errors import DataFileError
from pmf_kit.performance.actions import UPDATE_COLUMNS, UPDATED_ON, action_progress, load_action_plan, updates_not_received
from pmf_kit.performance.kpis import load_outcomes
from pmf_kit.performance.partnership import load_partnership
from pmf_kit.performance.update_forms import cell_text, reporting_period
from pmf_kit.performance.update_returns import ReturnedForm, ReturnedUpdate, read_returned_form
from pmf_kit.performance.update_rules import CheckedUpdate

UPDATES_FILE = "action_updates.csv"
RETURNS_FOLDER = "returns"
BYTE_ORDER_MARK = "\ufeff"


@dataclass(frozen=True)
class Conflict:
    """A new update for an action and period that already has a different one."""

    update: ReturnedUpdate
    existing: dict[str, str]

    @property
    def message(self) -> str:
        return (f"{self.update.source}, row {self.update.row}: {held_update(self.existing)}; "
                "collect with --replace to replace it")


def held_update(existing: dict[str, str]) -> str:
    """"A1 already has an update for 2025/26 Q2 (on track, 80% complete, from Safety manager)"."""
    return (f"{existing['action_id']} already has an update for {existing['reporting_period']} ({existing['status']}, "
            f"{existing['percent_complete']}% complete, from {existing['updated_by'] or 'unknown'})")


@dataclass(frozen=True)
class Chase:
    """An action lead who still owes updates for the period, and for which actions."""

    lead: str
    action_ids: tuple[str, ...]


@dataclass(frozen=True)
class Collection:
    """What one collection did: forms read, updates added, replaced, unchanged or in conflict,
    files kept, and the chasing list after the merge."""

    period: str
    forms: list[ReturnedForm]
    added: list[ReturnedUpdate]
    replaced: list[ReturnedUpdate]
    unchanged: list[ReturnedUpdate]
    conflicts: list[Conflict]
    kept: list[Path]
    chasing: list[Chase]

    @property
    def rejections(self) -> list[DataFileError]:
        """Every rejected cell (or file), in the order the files were given."""
        return [error for form in self.forms for error in form.rejections]

    @property
    def all_good(self) -> bool:
        """No rejected cell and no update held back for --replace."""
        return not self.rejections and not self.conflicts


def collect_updates(loip: str | Path, period: str, files: Iterable[str | Path], replace: bool = False) -> Collection:
    """Read returned forms for `period`, keep them, merge their good rows, and list who to chase."""
    loip = project_path(loip)
    period = reporting_period(period, load_partnership(loip))
    paths = [project_path(file) for file in files]
    for path in paths:
        if not path.is_file():
            raise DataFileError(path, f"a returned update form here, but there is no such file{missing_path_hint(path)}")
    outcomes = load_outcomes(loip / "outcomes.yaml")
    plan = load_action_plan(loip, outcomes)
    forms = [read_returned_form(path, period, plan) for path in paths]
    kept = [keep_returned_file(path, loip / RETURNS_FOLDER / slugify(period)) for path in paths]
    table = UpdatesTable.read(loip / UPDATES_FILE)
    added, replaced, unchanged, conflicts = [], [], [], []
    for update in (update for form in forms for update in form.updates):
        existing = table.find(update.action_id, period)
        if existing is None:
            table.add(update, period)
            added.append(update)
        elif table.same(existing, update):
            unchanged.append(update)
        elif replace:
            table.replace(existing, update, period)
            replaced.append(update)
        else:
            conflicts.append(Conflict(update, dict(zip(table.header, existing))))
    if added or replaced:
        table.write()
    return Collection(period, forms, added, replaced, unchanged, conflicts, kept, chasing_list(loip, period))


def chasing_list(loip: str | Path, period: str) -> list[Chase]:
    """Leads with actions owed an update at `period` (as `updates send` chose them) that have none:
    the same list the partnership dashboard shows (`actions.updates_not_received`)."""
    loip = project_path(loip)
    period = reporting_period(period, load_partnership(loip))
    plan = load_action_plan(loip, load_outcomes(loip / "outcomes.yaml"))
    return [Chase(lead, action_ids) for lead, action_ids in updates_not_received(action_progress(plan, period))]


def keep_returned_file(path: Path, folder: Path) -> Path:
    """A copy of a returned file in `folder`, named `<stem>-<first 12 hex of its SHA-256><suffix>`:
    the same file returned twice is kept once, a corrected one beside it."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    target = folder / f"{path.stem}-{digest}{path.suffix}"
    if not target.is_file():
        with replacing(target) as temporary:
            shutil.copyfile(path, temporary)
    return target


class UpdatesTable:
    """action_updates.csv as text rows: rows collect does not replace are written back with the values
    they were read with (a file without `updated_on` gains the column, blank in its old rows)."""

    def __init__(self, path: Path, header: list[str], rows: list[list[str]], byte_order_mark: bool,
                 line_end: str) -> None:
        self.path, self.header, self.rows = path, header, rows
        self.byte_order_mark, self.line_end = byte_order_mark, line_end

    @classmethod
    def read(cls, path: Path) -> "UpdatesTable":
        with open(path, encoding="utf-8", newline="") as file:
            text = file.read()
        records = list(csv.reader(io.StringIO(text.removeprefix(BYTE_ORDER_MARK))))
        header, rows = records[0], [row for row in records[1:] if row]
        missing = [column for column in UPDATE_COLUMNS if column not in header]
        if missing:
            raise DataFileError(path, f"columns {', '.join(UPDATE_COLUMNS)}", 1, missing[0])
        if UPDATED_ON not in header:
            header = [*header, UPDATED_ON]
        rows = [row + [""] * (len(header) - len(row)) for row in rows]
        return cls(path, header, rows, text.startswith(BYTE_ORDER_MARK), "\r\n" if "\r\n" in text else "\n")

    def _value(self, row: list[str], column: str) -> str:
        return row[self.header.index(column)].strip()

    def find(self, action_id: str, period: str) -> list[str] | None:
        """The row of an action and period, if there is one."""
        for row in self.rows:
            if self._value(row, "action_id") == action_id and _same_period(self._value(row, "reporting_period"), period):
                return row
        return None

    def describe(self, row: list[str]) -> str:
        """What a row holds, in words (`held_update`)."""
        return held_update({column: self._value(row, column) for column in self.header})

    def same(self, row: list[str], update: CheckedUpdate) -> bool:
        """True when the row already says exactly what the update says."""
        try:
            percent = float(self._value(row, "percent_complete"))
        except ValueError:
            return False
        return (self._value(row, "status"), percent, from_csv_cell(self._value(row, "commentary")),
                from_csv_cell(self._value(row, "updated_by")), self._value(row, UPDATED_ON)) == \
            (update.status, update.percent_complete, update.commentary, update.updated_by, update.updated_on.isoformat())

    def _row(self, update: CheckedUpdate, period: str) -> list[str]:
        values = {"action_id": update.action_id, "reporting_period": period, "status": update.status,
                  "percent_complete": cell_text(update.percent_complete), "commentary": csv_cell(update.commentary),
                  "updated_by": csv_cell(update.updated_by), UPDATED_ON: update.updated_on.isoformat()}
        return [values.get(column, "") for column in self.header]

    def add(self, update: CheckedUpdate, period: str) -> None:
        self.rows.append(self._row(update, period))

    def replace(self, row: list[str], update: CheckedUpdate, period: str) -> None:
        self.rows[self.rows.index(row)] = self._row(update, period)

    def write(self) -> None:
        """The whole table, written atomically."""
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=self.line_end).writerows([self.header, *self.rows])
        with replacing(self.path) as temporary:
            temporary.write_text((BYTE_ORDER_MARK if self.byte_order_mark else "") + buffer.getvalue(), encoding="utf-8",
                                 newline="")


def _same_period(label: str, period: str) -> bool:
    try:
        return parse_period(label).label == period
    except PeriodError:
        return False

