"""Action plans: the latest update per reporting period, overdue flags, and clear errors."""

from __future__ import annotations

from datetime import date

import pytest

from pmf_kit.errors import DataFileError
from pmf_kit.performance.actions import action_progress, is_overdue, load_action_plan
from tests.conftest import PROJECT_ROOT

OUTCOMES = ["safer", "healthier"]
ACTIONS = """action_id,parent_id,outcome,title,target,measuring_success,start,due,lead,partners
A1,,safer,Community safety hub,Hub open,Opening hours,2023-04-01,2024-09-30,Safety manager,Police
A1.1,A1,safer,Lease premises,Lease signed,Signed,2023-04-01,2023-12-31,Estates,
A2,,healthier,Falls classes,Two a week,Classes held,2023-04-01,2026-03-31,AHP lead,Leisure trust
A3,,healthier,New clinic,Open,Clinics,2023-04-01,2024-03-31,Midwife,
"""
UPDATES = """action_id,reporting_period,status,percent_complete,commentary,updated_by
A1,2023/24 Q2,on track,30,Premises found,Safety manager
A1,2024/25 Q2,delayed,70,Staffing not agreed,Safety manager
A1.1,2023/24 Q4,complete,100,Signed,Estates
A3,2023/24 Q4,complete,100,Open,Midwife
"""


@pytest.fixture
def loip(tmp_path):
    (tmp_path / "actions.csv").write_text(ACTIONS, encoding="utf-8")
    (tmp_path / "action_updates.csv").write_text(UPDATES, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("due", "status", "percent", "overdue"),
    [
        (date(2024, 9, 30), "delayed", 70, True),      # due before the end of 2024/25 Q4
        (date(2024, 9, 30), "complete", 100, False),   # done
        (date(2025, 4, 1), "on track", 50, False),     # due on the first day after the period
        (date(2025, 3, 31), "on track", 95, True),     # due on the last day of the period, not done
    ],
)
def test_overdue_rule(due, status, percent, overdue):
    assert is_overdue(due, status, percent, as_of=date(2025, 4, 1)) is overdue


def test_latest_update_and_overdue_flag_per_period(loip):
    plan = load_action_plan(loip, OUTCOMES)
    q4 = action_progress(plan, "2024/25 Q4").set_index("action_id")
    assert q4.loc["A1", ["update_period", "status", "percent_complete"]].tolist() == ["2024/25 Q2", "delayed", 70.0]
    assert q4.loc["A1", "overdue"] and not q4.loc["A3", "overdue"]
    assert q4.loc["A2", ["status", "percent_complete", "overdue"]].tolist() == ["not started", 0.0, False]
    earlier = action_progress(plan, "2023/24 Q2").set_index("action_id")
    assert earlier.loc["A1", "status"] == "on track" and not earlier.loc["A1", "overdue"]
    assert earlier.loc["A1.1", "status"] == "not started"


def test_operational_actions_follow_their_high_level_action(loip):
    progress = action_progress(load_action_plan(loip, OUTCOMES), "2024/25 Q4", outcome="safer")
    assert progress["action_id"].tolist() == ["A1", "A1.1"]
    assert progress["is_high_level"].tolist() == [True, False]


@pytest.mark.parametrize(
    ("file", "old", "new", "row", "column"),
    [
        ("action_updates.csv", "delayed,70", "stalled,70", 3, "status"),
        ("action_updates.csv", "delayed,70", "delayed,170", 3, "percent_complete"),
        ("action_updates.csv", "A3,2023/24 Q4,complete,100", "A3,2023/24 Q4,complete,90", 5, "percent_complete"),
        ("action_updates.csv", "A1,2024/25 Q2", "A1,2024/25 Q3", 3, "reporting_period"),
        ("action_updates.csv", "A3,2023/24", "A9,2023/24", 5, "action_id"),
        ("actions.csv", "A1.1,A1,", "A1.1,A2.7,", 3, "parent_id"),
        ("actions.csv", "2024-09-30", "30/09/2024", 2, "due"),
        ("actions.csv", "A3,,healthier", "A3,,wealthier", 5, "outcome"),
        ("actions.csv", "2023-04-01,2026-03-31", "2026-04-01,2020-03-31", 4, "due"),
    ],
)
def test_a_mistake_names_file_row_and_column(loip, file, old, new, row, column):
    path = loip / file
    path.write_text(path.read_text().replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_action_plan(loip, OUTCOMES)
    assert (caught.value.path.endswith(file), caught.value.row, caught.value.column) == (True, row, column)


def test_the_sample_action_plan():
    plan = load_action_plan(PROJECT_ROOT / "data" / "loip",
                            ["healthier_lives", "tackling_poverty", "children_young_people", "safer_communities"])
    assert len(plan.actions) >= 20
    assert set(plan.updates["reporting_period"]) == {"2023/24 Q2", "2023/24 Q4", "2024/25 Q2", "2024/25 Q4"}
    progress = action_progress(plan, "2024/25 Q4")
    assert progress["overdue"].any() and not progress["overdue"].all()
    assert (progress["parent_id"] != "").any()


def test_optional_columns_plan_and_updated_on(loip):
    plan = load_action_plan(loip, OUTCOMES)
    assert set(plan.actions["plan"]) == {"LOIP"} and plan.updates["updated_on"].isna().all()
    (loip / "actions.csv").write_text(ACTIONS.replace("partners\n", "partners,plan\n", 1)
                                      .replace("Leisure trust\n", "Leisure trust,Harbour locality plan\n"))
    (loip / "action_updates.csv").write_text(UPDATES.replace("updated_by\n", "updated_by,updated_on\n", 1)
                                             .replace("Safety manager\n", "Safety manager,2023-10-12\n", 1))
    plan = load_action_plan(loip, OUTCOMES)
    assert plan.actions.set_index("action_id")["plan"].to_dict() == {
        "A1": "LOIP", "A1.1": "LOIP", "A2": "Harbour locality plan", "A3": "LOIP"}
    assert plan.updates["updated_on"].tolist() == [date(2023, 10, 12), None, None, None]
    path = loip / "action_updates.csv"
    path.write_text(path.read_text().replace("2023-10-12", "12/10/2023"))
    with pytest.raises(DataFileError) as caught:
        load_action_plan(loip, OUTCOMES)
    assert (caught.value.row, caught.value.column, caught.value.found) == (2, "updated_on", "12/10/2023")


def test_text_stored_safe_for_spreadsheets_reads_as_typed(loip):
    (loip / "action_updates.csv").write_text(UPDATES.replace("Premises found", "'=Premises found"))
    plan = load_action_plan(loip, OUTCOMES)
    assert plan.updates["commentary"].iloc[0] == "=Premises found"
