"""Withdrawn and superseded actions keep their history but leave the active lists; an active
action owed an update that has none is marked "update not received"; removing an action that
still has updates is one clear error. The tiny LOIP of tests/performance/conftest.py."""

from __future__ import annotations

import pytest

from pmf_kit.errors import DataFileError
from pmf_kit.performance.actions import action_progress, load_action_plan, updates_not_received
from pmf_kit.performance.update_collection import Chase, chasing_list
from pmf_kit.performance.update_forms import send_update_forms
from tests.conftest import PROJECT_ROOT

OUTCOMES = ["safer", "healthier"]
SAMPLE_OUTCOMES = ["healthier_lives", "tackling_poverty", "children_young_people", "safer_communities"]


def end_action(loip, action_id: str, status: str, on: str) -> None:
    """Give actions.csv the optional columns, and end one action."""
    path = loip / "actions.csv"
    lines = path.read_text().splitlines()
    lines = [lines[0] + ",action_status,withdrawn_on"] + [
        line + (f",{status},{on}" if line.startswith(f"{action_id},") else ",,") for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n")


def test_a_withdrawn_action_leaves_forms_chasing_and_overdue_but_keeps_its_history(tiny_loip, tmp_path):
    end_action(tiny_loip, "A2", "withdrawn", "2025-08-01")
    sent = send_update_forms(tiny_loip, "2025/26 Q2", tmp_path / "forms")
    assert [(form.lead, form.action_ids) for form in sent] == [("Safety manager", ("A1", "A4"))]
    assert chasing_list(tiny_loip, "2025/26 Q2") == [Chase("Safety manager", ("A1", "A4"))]
    plan = load_action_plan(tiny_loip, OUTCOMES)
    assert plan.updates["action_id"].tolist() == ["A1", "A1", "A1.1", "A2"]  # its update still loads
    # 2026/27 Q2: A2 (due 2026-03-31, 40% at 2024/25 Q2) would be overdue and owed were it active
    later = action_progress(plan, "2026/27 Q2").set_index("action_id")
    assert later.loc["A2", ["active", "overdue", "not_received", "update_period", "status_shown"]].tolist() == [
        False, False, False, "2024/25 Q2", "Withdrawn on 01 Aug 2025"]
    assert later.loc["A4", ["active", "overdue", "not_received"]].tolist() == [True, True, True]
    before = action_progress(plan, "2024/25 Q4").set_index("action_id")  # still active then
    assert before.loc["A2", ["active", "status_shown"]].tolist() == [
        True, "Update not received (last update 2024/25 Q2: at risk)"]


def test_superseded_is_an_ending_too(tiny_loip):
    end_action(tiny_loip, "A4", "Superseded", "2025-09-30")
    progress = action_progress(load_action_plan(tiny_loip, OUTCOMES), "2025/26 Q2").set_index("action_id")
    assert progress.loc["A4", ["active", "status_shown"]].tolist() == [False, "Superseded on 30 Sep 2025"]
    assert chasing_list(tiny_loip, "2025/26 Q2") == [Chase("AHP lead", ("A2",)), Chase("Safety manager", ("A1",))]


def test_update_not_received_at_a_period(tiny_loip):
    progress = action_progress(load_action_plan(tiny_loip, OUTCOMES), "2024/25 Q4").set_index("action_id")
    # A1 has its 2024/25 Q4 update; A1.1 was complete at 2023/24 Q4, so owes none; A3 starts in 2026;
    # A2 (last 2024/25 Q2) and A4 (never updated, no start date) owe one.
    assert progress["not_received"].to_dict() == {"A1": False, "A1.1": False, "A2": True, "A3": False, "A4": True}
    assert progress.loc["A1", "status_shown"] == "On track"
    assert progress.loc["A4", "status_shown"] == "Update not received (no update yet)"


@pytest.mark.parametrize(("status", "on", "column", "words"), [
    ("withdrawn", "", "withdrawn_on", "expected the date a withdrawn or superseded action ended"),
    ("", "2025-08-01", "withdrawn_on", "expected a blank withdrawn_on for an active action"),
    ("paused", "2025-08-01", "action_status", "expected one of active, withdrawn, superseded"),
    ("withdrawn", "1 Aug 2025", "withdrawn_on", "expected a date such as 2025-03-31"),
])
def test_a_bad_ending_names_row_and_column(tiny_loip, status, on, column, words):
    end_action(tiny_loip, "A2", status, on)
    with pytest.raises(DataFileError) as caught:
        load_action_plan(tiny_loip, OUTCOMES)
    assert (caught.value.row, caught.value.column) == (4, column) and words in str(caught.value)


def test_removing_an_action_that_has_updates_says_to_withdraw_it(tiny_loip):
    path = tiny_loip / "actions.csv"
    path.write_text("".join(line for line in path.read_text().splitlines(keepends=True) if not line.startswith("A1.1,")))
    with pytest.raises(DataFileError) as caught:
        load_action_plan(tiny_loip, OUTCOMES)
    error = caught.value
    assert (error.path, error.row, error.column, error.found) == (str(tiny_loip / "action_updates.csv"), 4, "action_id",
                                                                  "A1.1")
    assert "A1.1 has updates here but is not in actions.csv" in str(error)
    assert "mark it withdrawn (action_status withdrawn or superseded, and withdrawn_on)" in str(error)


def test_updates_not_received_in_the_sample():
    """By hand from data/loip/action_updates.csv: at 2024/25 Q4 only CY-A2.1 (delayed, 90% at 2024/25
    Q2) has no update; TP-A2.1 and HL-A1.1 have none either, but were complete before. At 2023/24 Q2
    SC-A3 (started 1 Sep 2023) had none yet. At 2024/25 Q2 every action owed one has it."""
    loip = PROJECT_ROOT / "data" / "loip"
    plan = load_action_plan(loip, SAMPLE_OUTCOMES)
    q4 = action_progress(plan, "2024/25 Q4").set_index("action_id")
    assert list(q4.index[q4["not_received"]]) == ["CY-A2.1"]
    assert q4.loc["CY-A2.1", ["status_shown", "percent_complete", "overdue"]].tolist() == [
        "Update not received (last update 2024/25 Q2: delayed)", 90.0, True]  # due 31 Aug 2024
    assert q4.loc["TP-A2.1", "status_shown"] == "Complete"
    assert updates_not_received(q4.reset_index()) == [("College Schools Partnership Manager", ("CY-A2.1",))]
    assert chasing_list(loip, "2024/25 Q4") == [Chase("College Schools Partnership Manager", ("CY-A2.1",))]
    first = action_progress(plan, "2023/24 Q2").set_index("action_id")
    assert list(first.index[first["not_received"]]) == ["SC-A3"]
    assert first.loc["SC-A3", "status_shown"] == "Update not received (no update yet)"
    assert chasing_list(loip, "2024/25 Q2") == []
