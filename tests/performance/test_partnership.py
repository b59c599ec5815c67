"""partnership.yaml: the defaults without it, every field checked with its line, and a partnership
that reports quarterly getting Q1 and Q3 update forms and action updates."""

from __future__ import annotations

import sys
from datetime import date

import pytest
from openpyxl import load_workbook

from pmf_kit.cli import main
from pmf_kit.errors import ConfigError, DataFileError, PmfKitError
from pmf_kit.performance.actions import load_action_plan
from pmf_kit.performance.partnership import GovernanceBody, Partnership, load_partnership
from pmf_kit.performance.update_forms import actions_to_update
from tests.conftest import PROJECT_ROOT

QUARTERLY = Partnership(reporting_quarters=(1, 2, 3, 4))


def test_without_the_file_the_defaults_keep_q2_and_q4(tmp_path):
    partnership = load_partnership(tmp_path)
    assert partnership == Partnership("Community Planning Partnership", (2, 4), 4, ())
    assert partnership.quarters_text == "Q2 or Q4"
    with pytest.raises(PmfKitError, match="period '2025/26 Q3': expected a Q2 or Q4 reporting period such as 2025/26 Q2"):
        partnership.reporting_period("2025/26 Q3")


def test_the_sample_partnership():
    partnership = load_partnership(PROJECT_ROOT / "data" / "loip")
    assert partnership.name == "Sample Community Planning Partnership"
    assert partnership.reporting_quarters == (2, 4)
    assert GovernanceBody("Sample Community Planning Partnership Board", "board") in partnership.governance
    assert {body.kind for body in partnership.governance} >= {"board", "executive_group", "locality_partnership", "strategy"}


def test_a_quarterly_partnership_read_from_its_file(tmp_path):
    (tmp_path / "partnership.yaml").write_text(
        "name: Borders Partnership\nreporting_quarters: [3, 1, 4, 2]\ngovernance:\n"
        "  - {name: Executive, kind: executive_group}\n", encoding="utf-8")
    partnership = load_partnership(tmp_path)
    assert partnership == Partnership("Borders Partnership", (1, 2, 3, 4), 4, (GovernanceBody("Executive", "executive_group"),))
    assert partnership.quarters_text == "Q1, Q2, Q3 or Q4"
    assert partnership.reporting_period("2025-26 q3") == "2025/26 Q3"


@pytest.mark.parametrize("text, message", [
    ("name: Fife\nreporting_quarters: [2, 5]\n", "line 2, partnership.reporting_quarters: expected a list of quarters from 1 to 4"),
    ("name: Fife\nreporting_quarters: [2, 2]\n", "line 2, partnership.reporting_quarters: expected a list"),
    ("reporting_quarters: []\n", "line 1, partnership.reporting_quarters: expected a list"),
    ("reporting_quarters: Q2\n", "line 1, partnership.reporting_quarters: expected a list"),
    ("name: ''\n", "line 1, partnership.name: expected a non-empty text"),
    ("name: Fife\n\nyear_start_month: 1\n", "line 3, partnership.year_start_month: expected 4 \\(April"),
    ("name: Fife\nquarters: [1]\n", "line 2, partnership.quarters: expected one of the fields name, reporting_quarters"),
    ("governance:\n  - {name: Board, kind: board}\n  - {name: Group, kind: club}\n",
     "line 3, partnership.governance\\[2\\].kind: expected one of board, executive_group"),
    ("governance:\n  - {name: Board}\n", "line 2, partnership.governance\\[1\\].kind: expected a non-empty text"),
    ("governance: Board\n", "line 1, partnership.governance: expected a list of \\{name, kind\\}"),
    ("- name: Fife\n", "line 1, partnership: expected a mapping of the fields name, reporting_quarters"),
])
def test_every_bad_field_names_the_file_line_and_field(tmp_path, text, message):
    (tmp_path / "partnership.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=f"partnership.yaml: {message}"):
        load_partnership(tmp_path)


def test_the_period_before_follows_the_cycle():
    assert Partnership().previous_period("2025/26 Q2") == "2024/25 Q4"
    assert Partnership().previous_period("2025/26 Q4") == "2025/26 Q2"
    assert QUARTERLY.previous_period("2025/26 Q1") == "2024/25 Q4"
    assert QUARTERLY.previous_period("2025/26 Q4") == "2025/26 Q3"


@pytest.mark.parametrize("partnership, today, latest", [
    (Partnership(), date(2025, 10, 1), "2025/26 Q2"),    # Q2 ended 30 September 2025
    (Partnership(), date(2025, 9, 30), "2024/25 Q4"),    # Q2 ends today: not yet past
    (Partnership(), date(2026, 3, 31), "2025/26 Q2"),
    (Partnership(), date(2026, 4, 1), "2025/26 Q4"),
    (QUARTERLY, date(2026, 1, 5), "2025/26 Q3"),         # Q3 ended 31 December 2025
    (QUARTERLY, date(2025, 7, 1), "2025/26 Q1"),
    (Partnership(reporting_quarters=(4,)), date(2025, 12, 7), "2024/25 Q4"),
])
def test_the_latest_reporting_period_due(partnership, today, latest):
    assert partnership.latest_due(today) == latest


@pytest.fixture
def quarterly_loip(tiny_loip):
    (tiny_loip / "partnership.yaml").write_text("name: Quarterly Partnership\nreporting_quarters: [1, 2, 3, 4]\n",
                                                encoding="utf-8")
    with (tiny_loip / "action_updates.csv").open("a", encoding="utf-8") as updates:
        updates.write("A1,2025/26 Q1,on track,75,Staff in post,Safety manager\n")
    return tiny_loip


def test_a_quarterly_partnerships_q1_update_is_read_and_a_biannual_ones_refused(quarterly_loip):
    plan = load_action_plan(quarterly_loip, ["safer", "healthier"])
    assert "2025/26 Q1" in set(plan.updates["reporting_period"])
    (quarterly_loip / "partnership.yaml").unlink()
    with pytest.raises(DataFileError, match="row 6, column 'reporting_period': expected a Q2 or Q4 reporting period such as 2024/25 Q2, found '2025/26 Q1'"):
        load_action_plan(quarterly_loip, ["safer", "healthier"])


def test_q3_update_forms_are_sent_with_the_q2_update_before_them(quarterly_loip, tmp_path, monkeypatch, capsys):
    plan = load_action_plan(quarterly_loip, ["safer", "healthier"])
    due = actions_to_update(plan, "2025/26 Q3").set_index("action_id")
    assert due.loc["A1", "update_period"] == "2025/26 Q1" and due.loc["A1", "percent_complete"] == 75
    out = tmp_path / "forms"
    monkeypatch.setattr(sys, "argv", ["pmf-kit", "updates", "send", "--loip", str(quarterly_loip),
                                      "--period", "2025/26 Q3", "--out", str(out)])
    main()
    assert "wrote 2 update forms for 2025/26 Q3" in capsys.readouterr().out
    sheet = load_workbook(out / "safety-manager-2025-26-q3-update.xlsx")["Update"]
    assert sheet["A1"].value == "Action progress update: 2025/26 Q3" and sheet["B3"].value == "2025/26 Q3"
    assert [sheet["A8"].value, sheet["E8"].value, sheet["G8"].value] == ["A1", "2025/26 Q1", 75]
