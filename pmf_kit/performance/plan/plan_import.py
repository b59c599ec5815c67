"""`pmf-kit loip import`: a plan workbook (from `loip export`, edited) checked whole and written
into the LOIP folder in one swap.

The workbook's sheets become outcomes.yaml, kpis.yaml, actions.csv, risks.yaml and
improvement_plan.csv in a copy of the folder (updates, KPI commentary, case studies, narratives
and returned files carried over as they are), and the copy is loaded by the same checks every
report runs: a baseline or target period the indicator cannot have, an unknown outcome, KPI or
action id, a risk scored wrongly. Any problem is reported by the workbook's sheet, row and column
and nothing changes; a removed action that has progress updates is refused (withdraw it). The
plan files replaced are kept under `history/` in the folder, so an import can be undone.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zipfile import BadZipFile

import pandas as pd
import yaml
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from pmf_kit.data.dataset import Dataset, open_dataset
from pmf_kit.data.escaping import csv_cell
from pmf_kit.data.paths import from_project_root, missing_path_hint, project_path
from pmf_kit.errors import ConfigError, DataFileError, DataProblemsError, PmfKitError
from pmf_kit.importers.dataset_folder import write_atomically
from pmf_kit.performance.actions import load_action_plan
from pmf_kit.performance.improvement_plan import load_improvement_plan
from pmf_kit.performance.kpis import load_register
from pmf_kit.performance.plan.plan_export import PLAN_MARK
from pmf_kit.performance.plan.plan_sheets import APPETITE_SHEET, CSV_SHEETS, YAML_SHEETS, unflatten
from pmf_kit.performance.risks import load_risk_register

HISTORY = "history"
ENTRY_AT = re.compile(r"(?:line \d+, )?(outcomes|kpis|risks)\[(\d+)\]\.?([\w.]*)(?:\[\d+\][\w.]*)?: ")
SHEET_OF_KEY = {key: sheet for sheet, (_, key) in YAML_SHEETS.items()}


@dataclass(frozen=True)
class PlanImport:
    """What an import changed: per sheet the ids added and removed, and where the old files went."""

    counts: dict[str, int]
    added: dict[str, list[str]]
    removed: dict[str, list[str]]
    kept_in: Path


def import_plan(workbook_path: str | Path, loip: str | Path, dataset: str | Path) -> PlanImport:
    """Check the workbook whole against the data set and write it into the LOIP folder."""
    workbook_path, loip = project_path(workbook_path), project_path(loip)
    if not (loip / "outcomes.yaml").is_file():
        raise ConfigError(loip, f"expected a LOIP folder holding outcomes.yaml{missing_path_hint(loip)}")
    if not workbook_path.is_file():
        raise DataFileError(workbook_path, f"a plan workbook here, but there is no such file{missing_path_hint(workbook_path)}")
    sheets = _read_workbook(workbook_path)
    data = open_dataset(dataset)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    before = _ids(loip)
    shown = from_project_root(workbook_path)
    _check_removed_actions(shown, loip, sheets)
    rows = {key: [record["__row__"] for record in sheets.get(sheet, [])] for sheet, (_, key) in YAML_SHEETS.items()}

    def write(staging: Path) -> None:
        shutil.copytree(loip, staging, dirs_exist_ok=True)
        history = staging / HISTORY / f"plan-{stamp}"
        history.mkdir(parents=True)
        for name in [*(name for name, _ in YAML_SHEETS.values()), *CSV_SHEETS.values()]:
            if (staging / name).is_file():
                shutil.copy2(staging / name, history / name)
                (staging / name).unlink()
        _write_plan(staging, sheets, shown)
        _check_staged(staging, data, shown, rows)

    write_atomically(loip, write)
    after = _ids(loip)
    return PlanImport({sheet: len(ids) for sheet, ids in after.items()},
                      {sheet: sorted(set(ids) - set(before.get(sheet, []))) for sheet, ids in after.items()},
                      {sheet: sorted(set(ids) - set(after.get(sheet, []))) for sheet, ids in before.items()},
                      loip / HISTORY / f"plan-{stamp}")


def _read_workbook(path: Path) -> dict[str, list[dict]]:
    """Every sheet as rows of {column: value}, each with its sheet row; formulas refused."""
    try:
        workbook = load_workbook(path)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as error:
        raise DataFileError(path, "a plan workbook written by `pmf-kit loip export` (.xlsx)",
                            found=type(error).__name__) from None
    if "About" not in workbook.sheetnames or workbook["About"]["A1"].value != PLAN_MARK:
        raise DataFileError(path, "a plan workbook written by `pmf-kit loip export` (its first sheet 'About')")
    problems, sheets = [], {}
    for name in [*YAML_SHEETS, *CSV_SHEETS, APPETITE_SHEET]:
        if name not in workbook.sheetnames:
            continue
        rows = list(workbook[name].iter_rows())
        headings = [str(cell.value).strip() if cell.value is not None else "" for cell in rows[0]] if rows else []
        records = []
        for cells in rows[1:]:
            record = {}
            for heading, cell in zip(headings, cells):
                if cell.data_type == "f":
                    problems.append(str(DataFileError(path, "a value typed in, not a formula", cell.row, heading,
                                                      found=str(cell.value), sheet=name)))
                if heading:
                    record[heading] = cell.value
            if any(value is not None and str(value).strip() for value in record.values()):
                records.append({**record, "__row__": cells[0].row})
        sheets[name] = records
    for name in ("Outcomes", "KPIs", "Actions"):
        if name not in sheets:
            problems.append(f"{path}: expected a sheet {name!r}; it is missing")
    if problems:
        raise DataProblemsError(path, problems)
    return sheets


def _write_plan(folder: Path, sheets: dict[str, list[dict]], shown: str) -> None:
    for sheet, (name, key) in YAML_SHEETS.items():
        if sheet not in sheets:
            continue
        entries = []
        for record in sheets[sheet]:
            try:
                entries.append(unflatten({k: v for k, v in record.items() if k != "__row__"}))
            except ValueError as error:
                raise DataProblemsError(shown, [f"sheet {sheet!r}, row {record['__row__']}, {error}"]) from None
        document = {key: entries}
        if key == "risks" and sheets.get(APPETITE_SHEET):
            document = {"appetite": unflatten({k: v for k, v in sheets[APPETITE_SHEET][0].items() if k != "__row__"}),
                        **document}
        header = "# Written by pmf-kit loip import from the plan workbook; see data/loip/README.md.\n"
        (folder / name).write_text(header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100),
                                   encoding="utf-8")
    for sheet, name in CSV_SHEETS.items():
        if sheet not in sheets:
            continue
        table = pd.DataFrame([{k: v for k, v in record.items() if k != "__row__"} for record in sheets[sheet]])
        table = table.map(lambda value: "" if value is None or pd.isna(value) else csv_cell(_csv_text(value)))
        table.to_csv(folder / name, index=False)


def _csv_text(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _check_removed_actions(shown: str, loip: Path, sheets: dict[str, list[dict]]) -> None:
    """An action with progress updates stays in the plan: its history is the partnership's record."""
    kept = {str(record.get("action_id", "")).strip() for record in sheets["Actions"]}
    updates = pd.read_csv(loip / "action_updates.csv", dtype=str, keep_default_na=False) \
        if (loip / "action_updates.csv").is_file() else pd.DataFrame(columns=["action_id"])
    counts = updates["action_id"].str.strip().value_counts()
    gone = [f"{shown}, sheet 'Actions': action {action_id} is not in the workbook, but action_updates.csv holds "
            f"{count} progress update{'s' if count != 1 else ''} for it; keep its row and set it withdrawn or "
            "superseded instead" for action_id, count in counts.items() if action_id not in kept]
    if gone:
        raise DataProblemsError(shown, gone)


def _check_staged(staging: Path, data: Dataset, shown: str, rows: dict[str, list[int]]) -> None:
    """The copy loaded as every report loads it; an error is named by the workbook's sheet and row."""
    try:
        register = load_register(staging, data)
        plan = load_action_plan(staging, register.outcomes)
        improvements = load_improvement_plan(staging)
        ids = [*plan.actions["action_id"], *([] if improvements is None else improvements["improvement_id"])]
        load_risk_register(staging, register.outcomes, ids)
    except ConfigError as error:
        raise PmfKitError(_in_workbook(shown, error.problem, rows)) from None
    except DataFileError as error:
        sheet = next((sheet for sheet, name in CSV_SHEETS.items() if Path(error.path).name == name), None)
        if sheet is None:
            raise PmfKitError(f"{shown}: with this plan, {Path(error.path).name} no longer loads: "
                              f"{str(error).split(': ', 1)[-1]}") from None
        raise DataFileError(shown, error.expected, error.row, error.column, error.found, sheet=sheet) from None


def _in_workbook(shown: str, problem: str, rows: dict[str, list[int]]) -> str:
    """`line 84, kpis[4].baseline.period: expected ...` → `sheet 'KPIs', row 5, column 'baseline.period': ...`."""
    match = ENTRY_AT.match(problem)
    if match is None:
        return f"{shown}: {problem}"
    key, number, field = match.groups()
    column = f", column {field!r}" if field else ""
    sheet_rows = rows.get(key, [])
    row = sheet_rows[int(number) - 1] if int(number) <= len(sheet_rows) else int(number) + 1
    return f"{shown}, sheet {SHEET_OF_KEY[key]!r}, row {row}{column}: {problem[match.end():]}"


def _ids(loip: Path) -> dict[str, list[str]]:
    """The ids of each plan sheet in the folder as it is (for what an import added and removed)."""
    found: dict[str, list[str]] = {}
    for sheet, (name, key) in YAML_SHEETS.items():
        if (loip / name).is_file():
            document = yaml.safe_load((loip / name).read_text(encoding="utf-8")) or {}
            found[sheet] = [str(entry.get("id")) for entry in document.get(key) or [] if isinstance(entry, dict)]
    for sheet, name in CSV_SHEETS.items():
        if (loip / name).is_file():
            table = pd.read_csv(loip / name, dtype=str, keep_default_na=False)
            found[sheet] = list(table.iloc[:, 0])
    return found
