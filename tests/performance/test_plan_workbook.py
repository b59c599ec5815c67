"""The plan in one workbook, through the CLI on a copy of the sample LOIP: exported, edited with
openpyxl as an officer would (a new outcome with a KPI and two actions), imported and reported;
each mistake named by sheet, row and column with the folder left as it was."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from pmf_kit.cli import cli
from pmf_kit.performance.loip_report import open_loip
from tests.conftest import PROJECT_ROOT, SAMPLE_DATASET

PLAN_FILES = ("outcomes.yaml", "kpis.yaml", "actions.csv", "risks.yaml", "improvement_plan.csv")


@pytest.fixture
def loip(tmp_path):
    shutil.copytree(PROJECT_ROOT / "data" / "loip", tmp_path / "loip")
    return tmp_path / "loip"


def export(loip) -> str:
    out = loip.parent / "plan.xlsx"
    result = CliRunner().invoke(cli, ["loip", "export", "--loip", str(loip), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return str(out)


def import_(loip, workbook: str):
    return CliRunner().invoke(cli, ["loip", "import", "--loip", str(loip), "--dataset", str(SAMPLE_DATASET), workbook])


def snapshot(loip) -> dict[str, bytes]:
    return {name: (loip / name).read_bytes() for name in PLAN_FILES}


def append(sheet, cells: dict[str, object]) -> int:
    """A new row under the headings, as an officer types it (text starting "=" typed after an
    apostrophe, so Excel keeps it as text); its sheet row."""
    headings = [cell.value for cell in sheet[1]]
    row = sheet.max_row + 1
    for name, value in cells.items():
        cell = sheet.cell(row=row, column=headings.index(name) + 1, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type, cell.quotePrefix = "s", True
    return row


def test_exported_and_imported_unedited_the_plan_is_the_same(loip):
    before = {name: (loip / name).read_text(encoding="utf-8") for name in PLAN_FILES}
    result = import_(loip, export(loip))
    assert result.exit_code == 0, result.output
    assert "  KPIs: 22\n" in result.output and "  Actions: 23\n" in result.output
    for name in ("outcomes.yaml", "kpis.yaml", "risks.yaml"):
        old, new = yaml.safe_load(before[name]), yaml.safe_load((loip / name).read_text(encoding="utf-8"))
        assert _plain(old) == _plain(new), name
    for name in ("actions.csv", "improvement_plan.csv"):
        assert (loip / name).read_text(encoding="utf-8").replace("\r\n", "\n") == before[name].replace("\r\n", "\n")
    kept = next((loip / "history").iterdir())
    assert (kept / "kpis.yaml").read_text(encoding="utf-8") == before["kpis.yaml"]


def _plain(document):
    """YAML as compared across a round trip: numbers and periods as text (2022 and '2022' are one period),
    a blank field as one left out (kpis.yaml reads both as blank)."""
    if isinstance(document, dict):
        return {key: _plain(value) for key, value in document.items() if value not in ("", None)}
    if isinstance(document, list):
        return [_plain(value) for value in document]
    return f"{document:g}" if isinstance(document, float) else str(document)


def new_outcome(workbook, baseline: str = "2019") -> int:
    """A new outcome, a KPI for it and two actions; the KPI's sheet row."""
    append(workbook["Outcomes"], {"id": "digital_inclusion", "title": "Everyone can get online",
                                  "description": "Fewer people are shut out of services that moved online.",
                                  "priorities": "Skills and devices; Connected places"})
    row = append(workbook["KPIs"], {
        "id": "DI01", "outcome": "digital_inclusion", "priority": "Skills and devices",
        "title": "Employment deprivation", "indicator": "employment_deprived", "geography.level": "council",
        "geography.area": "Sample Council", "baseline.period": baseline, "target.period": "2026",
        "target.value": 8, "trajectory": "2022: 9", "comparator": "scotland",
        "sheet.measures": "Working-age people who are employment deprived.", "sheet.calculation": "Summed counts.",
        "sheet.data_source": "DWP", "sheet.telling_us": "New KPI.", "sheet.responsible": "Digital Lead",
        "sheet.actions_to_improve": "Device lending (DI-A1)."})
    for action in ({"action_id": "DI-A1", "parent_id": None, "title": "=Device lending library"},
                   {"action_id": "DI-A1.1", "parent_id": "DI-A1", "title": "Lend 200 laptops"}):
        append(workbook["Actions"], {**action, "outcome": "digital_inclusion", "target": "200 loans a year",
                                     "measuring_success": "Loans", "start": "2025-04-01", "due": "2027-03-31",
                                     "lead": "Digital Lead", "partners": "Libraries"})
    return row


def test_an_officers_new_outcome_kpi_and_actions_come_in_and_are_reported(loip):
    path = export(loip)
    workbook = load_workbook(path)
    new_outcome(workbook)
    workbook.save(path)
    result = import_(loip, path)
    assert result.exit_code == 0, result.output
    assert "  Outcomes: 5 (added digital_inclusion)" in result.output
    assert "  KPIs: 23 (added DI01)" in result.output
    assert "  Actions: 25 (added DI-A1, DI-A1.1)" in result.output
    actions = pd.read_csv(loip / "actions.csv", dtype=str, keep_default_na=False).set_index("action_id")
    assert actions.loc["DI-A1", "title"] == "'=Device lending library"  # stored as text, never a formula
    report = open_loip(SAMPLE_DATASET, loip, "2024/25 Q4", outcome="digital_inclusion")
    kpi = report.performance.table.set_index("kpi_id").loc["DI01"]
    assert (kpi["latest_period"], kpi["baseline_period"]) == ("2024", "2019")
    assert set(report.progress["action_id"]) == {"DI-A1", "DI-A1.1"}
    assert report.progress.set_index("action_id").loc["DI-A1", "title"] == "=Device lending library"


def test_a_baseline_period_the_indicator_cannot_have_is_named_by_sheet_row_and_column(loip):
    path = export(loip)
    workbook = load_workbook(path)
    row = new_outcome(workbook, baseline="2019/20")
    workbook.save(path)
    before = snapshot(loip)
    result = import_(loip, path)
    assert result.exit_code != 0
    assert str(result.exception) == (
        f"{path}, sheet 'KPIs', row {row}, column 'baseline.period': expected a period of the kind "
        "employment_deprived has: calendar years (2023), found '2019/20'")
    assert snapshot(loip) == before and not (loip / "history").exists()


def test_removing_an_action_with_updates_is_refused_and_a_bad_date_named(loip):
    path = export(loip)
    workbook = load_workbook(path)
    actions = workbook["Actions"]
    removed = next(row for row in range(2, actions.max_row + 1) if actions.cell(row, 1).value == "HL-A2")
    actions.delete_rows(removed)
    workbook.save(path)
    before = snapshot(loip)
    result = import_(loip, path)
    assert result.exit_code != 0
    updates = pd.read_csv(loip / "action_updates.csv", dtype=str)
    count = int((updates["action_id"] == "HL-A2").sum())
    assert (f"sheet 'Actions': action HL-A2 is not in the workbook, but action_updates.csv holds {count} "
            "progress updates for it; keep its row and set it withdrawn or superseded instead") in str(result.exception)
    assert snapshot(loip) == before

    workbook = load_workbook(export(loip))
    workbook["Actions"]["H3"] = "31/02/2026"  # the due date of the second action: no such day
    workbook.save(path)
    result = import_(loip, path)
    assert str(result.exception).startswith(f"{path}, sheet 'Actions', row 3, column 'due': expected ")
    assert snapshot(loip) == before
