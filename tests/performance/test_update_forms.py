"""Update forms: one workbook per lead, the right actions and last updates, Excel's own checks,
locked cells and protection, and text from the LOIP files written as text."""

from __future__ import annotations

import zipfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from pmf_kit.errors import PmfKitError
from pmf_kit.performance.actions import load_action_plan
from pmf_kit.performance.update_forms import (
    RECORD_SHEET,
    actions_to_update,
    date_window,
    previous_reporting_period,
    reporting_period,
    send_update_forms,
)

PERIOD = "2025/26 Q2"


@pytest.fixture
def sent(tiny_loip, tmp_path):
    return {form.lead: form for form in send_update_forms(tiny_loip, PERIOD, tmp_path / "forms")}


def test_reporting_periods_and_the_window_for_dates():
    assert reporting_period("2025-26 q2") == "2025/26 Q2"
    assert previous_reporting_period("2025/26 Q2") == "2024/25 Q4"
    assert previous_reporting_period("2025/26 Q4") == "2025/26 Q2"
    assert date_window("2025/26 Q2") == (date(2025, 7, 1), date(2025, 12, 31))
    assert date_window("2025/26 Q4") == (date(2026, 1, 1), date(2026, 6, 30))
    for wrong in ("2025/26 Q1", "2025/26", "next year"):
        with pytest.raises(PmfKitError, match="a Q2 or Q4 reporting period"):
            reporting_period(wrong)


def test_actions_due_an_update(tiny_loip):
    plan = load_action_plan(tiny_loip, ["safer", "healthier"])
    assert list(actions_to_update(plan, PERIOD)["action_id"]) == ["A1", "A2", "A4"]  # A1.1 complete, A3 not started
    assert list(actions_to_update(plan, "2025/26 Q4")["action_id"]) == ["A1", "A2", "A3", "A4"]


def test_one_workbook_per_lead(sent, tmp_path):
    assert sorted(sent) == ["AHP lead", "Safety manager"]
    assert sent["Safety manager"].action_ids == ("A1", "A4")
    assert sent["Safety manager"].path == tmp_path / "forms" / "safety-manager-2025-26-q2-update.xlsx"
    assert sorted(path.name for path in (tmp_path / "forms").iterdir()) == [
        "ahp-lead-2025-26-q2-update.xlsx", "safety-manager-2025-26-q2-update.xlsx"]


def test_each_action_with_its_last_update(sent):
    sheet = load_workbook(sent["Safety manager"].path)["Update"]
    assert sheet["B3"].value == PERIOD and sheet["B4"].value == "Safety manager"
    assert [cell.value for cell in sheet[7]][:9] == [
        "Action ID", "Action", "LOIP outcome", "Due", "Last update", "Last status", "Last % complete",
        "Last commentary", "Status"]
    assert [cell.value for cell in sheet[8]][:8] == [
        "A1", "Community safety hub", "Safer communities", datetime(2026, 9, 30), "2024/25 Q4", "on track", 70,
        "Staffing agreed"]
    assert [cell.value for cell in sheet[9]][:8] == [
        "A4", "Youth diversion", "Safer communities", datetime(2026, 3, 31), "none yet", None, None, None]
    assert sheet.max_row == 9


def test_excel_validates_every_input_cell(sent):
    sheet = load_workbook(sent["Safety manager"].path)["Update"]
    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    assert sorted(rules) == ["I8:I9", "J8:J9", "K8:K9", "L8:L9", "M8:M9"]
    assert rules["I8:I9"].type == "list"
    assert rules["I8:I9"].formula1 == '"not started,on track,at risk,delayed,complete"'
    assert (rules["J8:J9"].type, rules["J8:J9"].operator, rules["J8:J9"].formula1, rules["J8:J9"].formula2) == \
        ("whole", "between", "0", "100")
    assert (rules["K8:K9"].type, rules["K8:K9"].formula1, rules["K8:K9"].formula2) == \
        ("date", "DATE(2025,7,1)", "DATE(2025,12,31)")
    for text in ("L8:L9", "M8:M9"):
        assert (rules[text].type, rules[text].operator, rules[text].formula1) == ("textLength", "lessThanOrEqual", "500")
    assert all(rule.showErrorMessage and rule.error for rule in rules.values())


def test_locked_cells_protection_and_the_hidden_record(sent):
    workbook = load_workbook(sent["Safety manager"].path)
    sheet = workbook["Update"]
    assert sheet.protection.sheet and workbook.security.lockStructure
    unlocked = {cell.coordinate for row in sheet.iter_rows(min_row=1, max_row=20, max_col=15)
                for cell in row if not cell.protection.locked}
    assert unlocked == {f"{letter}{row}" for letter in "IJKLM" for row in (8, 9)}
    record = workbook[RECORD_SHEET]
    assert record.sheet_state == "veryHidden"
    facts = {row[0]: row[1:] for row in record.iter_rows(values_only=True)}
    assert facts["period"][0] == PERIOD and facts["lead"][0] == "Safety manager"
    cells = {row[1]: row[2] for row in record.iter_rows(values_only=True) if row[0] == "cell"}
    assert cells["A8"] == "A1" and cells["D8"] == "2026-09-30" and cells["G8"] == "70"


def test_text_that_looks_like_a_formula_is_written_as_text(sent):
    path = sent["AHP lead"].path
    sheet = load_workbook(path)["Update"]
    assert sheet["B8"].value == "=Falls classes" and sheet["B8"].data_type == "s" and sheet["B8"].quotePrefix
    assert sheet["H8"].value == "@risk: instructor leaving" and sheet["H8"].quotePrefix
    with zipfile.ZipFile(path) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
