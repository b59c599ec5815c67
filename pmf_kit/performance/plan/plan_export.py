"""`pmf-kit loip export`: the whole plan of a LOIP folder as one workbook an officer can edit.

One sheet per plan file (outcomes, KPIs with every data management sheet field, targets and
milestones, actions, risks and the risk appetite, the improvement plan), every field a column
(`plan_sheets`), and a first sheet saying how to edit it and bring it back with `loip import`.
Text goes in as text, never as a formula (`data.spreadsheets`). Progress updates, KPI figures,
case studies and narratives are not the plan and stay in their files.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from pmf_kit.data.atomic import replacing
from pmf_kit.data.escaping import from_csv_cell
from pmf_kit.data.paths import project_path
from pmf_kit.data.spreadsheets import write_text_cell
from pmf_kit.errors import ConfigError
from pmf_kit.performance.plan.plan_sheets import (
    APPETITE_SHEET,
    CSV_SHEETS,
    OPTIONAL_FILES,
    YAML_SHEETS,
    cell_value,
    flatten,
)
from pmf_kit.performance.yaml_lines import read_yaml_with_lines

ABOUT_SHEET = "About"
PLAN_MARK = "pmf_kit LOIP plan workbook"
ABOUT = [
    PLAN_MARK,
    "",
    "Edit the plan in the sheets that follow: one row per outcome, KPI, action, risk and improvement action.",
    "Add a row to add one; change a cell to change it. Columns with a dot are parts of one field: "
    "baseline.period is the KPI's baseline period, sheet.responsible who owns its data.",
    "Lists (priorities, a risk's outcomes and mitigating actions) are separated by semicolons. A KPI's "
    "trajectory is its interim milestones: 2022/23: 9872.8; 2024/25: 9700.",
    "An action that has progress updates cannot be removed: set it withdrawn or superseded instead.",
    "Bring it back with: pmf-kit loip import --loip <LOIP folder> --dataset <data set> <this file>. "
    "The whole workbook is checked first, and nothing is changed until every problem is fixed.",
]


def export_plan(loip: str | Path, out: str | Path) -> Path:
    """Write the LOIP folder's plan to the workbook `out`, atomically."""
    loip, out = project_path(loip), project_path(out)
    sheets: dict[str, pd.DataFrame] = {}
    appetite = None
    for sheet, (name, key) in YAML_SHEETS.items():
        path = loip / name
        if name in OPTIONAL_FILES and not path.is_file():
            continue
        document = read_yaml_with_lines(path)
        entries = document.get(key) if isinstance(document, dict) else None
        if not isinstance(entries, list):
            raise ConfigError(path, f"expected a mapping with '{key}:', a list")
        sheets[sheet] = pd.DataFrame([flatten(entry) for entry in entries if isinstance(entry, dict)])
        if key == "risks" and isinstance(document.get("appetite"), dict):
            appetite = pd.DataFrame([flatten(document["appetite"])])
    if appetite is not None:
        sheets[APPETITE_SHEET] = appetite
    for sheet, name in CSV_SHEETS.items():
        path = loip / name
        if name in OPTIONAL_FILES and not path.is_file():
            continue
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        sheets[sheet] = table.map(from_csv_cell)
    _write(sheets, out)
    return out


def _write(sheets: dict[str, pd.DataFrame], out: Path) -> None:
    workbook = Workbook()
    about = workbook.active
    about.title = ABOUT_SHEET
    for number, line in enumerate(ABOUT, start=1):
        write_text_cell(about.cell(row=number, column=1), line)
        about.cell(row=number, column=1).alignment = Alignment(wrap_text=True)
    about["A1"].font = Font(bold=True, size=14)
    about.column_dimensions["A"].width = 110
    for name, table in sheets.items():
        sheet = workbook.create_sheet(name)
        for column, heading in enumerate(table.columns, start=1):
            write_text_cell(sheet.cell(row=1, column=column), str(heading)).font = Font(bold=True)
            sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = 18
        for row, values in enumerate(table.itertuples(index=False), start=2):
            for column, value in enumerate(values, start=1):
                value = None if pd.isna(value) else cell_value(value) if not isinstance(value, str) else value
                cell = sheet.cell(row=row, column=column)
                if isinstance(value, str):
                    write_text_cell(cell, value)
                else:
                    cell.value = value
        sheet.freeze_panes = "B2"
    with replacing(out) as temporary:
        workbook.save(temporary)
