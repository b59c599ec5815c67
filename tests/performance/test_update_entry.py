"""`pmf-kit updates add`: one late, emailed or corrected update, checked as a returned form is,
held back without --replace when the period already has one, and written atomically."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from pmf_kit.cli import cli
from pmf_kit.errors import DataFileError, DataProblemsError
from pmf_kit.performance.update_entry import add_update

PERIOD = "2025/26 Q2"
GOOD = {"status": "on track", "percent_complete": "80", "commentary": "Hub open five days a week",
        "updated_on": "2025-11-03"}


def last_line(loip) -> str:
    return (loip / "action_updates.csv").read_text().splitlines()[-1]


def test_an_update_is_added_with_formula_looking_text_stored_safely(tiny_loip):
    entry = add_update(tiny_loip, "A1", PERIOD, GOOD | {"commentary": "=2 staff short"}, "Safety manager")
    assert entry.outcome == "added" and entry.update.updated_on == date(2025, 11, 3)
    assert last_line(tiny_loip) == "A1,2025/26 Q2,on track,80,'=2 staff short,Safety manager,2025-11-03"


def test_every_broken_rule_is_named_by_its_option_and_nothing_written(tiny_loip):
    before = (tiny_loip / "action_updates.csv").read_bytes()
    with pytest.raises(DataProblemsError) as raised:
        add_update(tiny_loip, "A1", PERIOD, {"status": "done", "percent_complete": "60", "commentary": "x" * 501,
                                             "updated_on": "30/06/2025"}, "Safety manager")
    assert raised.value.problems == [
        "--status: expected one of not started, on track, at risk, delayed, complete, found 'done'",
        "--on: expected a date from 01/07/2025 to 31/12/2025 for 2025/26 Q2, found '30/06/2025'",
        "--commentary: expected up to 500 characters, found '501 characters'",
        # A1 was 70% at 2024/25 Q4 (tests/performance/conftest.py)
        "--percent: expected 70 or more (the last update, 2024/25 Q4), or the reason it fell with --reason, found '60'",
    ]
    assert (tiny_loip / "action_updates.csv").read_bytes() == before


def test_complete_means_100_and_a_reason_lets_it_fall(tiny_loip):
    with pytest.raises(DataProblemsError, match="--percent: expected 100 for an action whose status is complete"):
        add_update(tiny_loip, "A1", PERIOD, GOOD | {"status": "complete", "percent_complete": "90"}, "Safety manager")
    entry = add_update(tiny_loip, "A1", PERIOD, GOOD | {"percent_complete": "60", "reason": "Lease lost"}, "Safety manager")
    assert entry.update.commentary == "Hub open five days a week (Lower than the 70% of 2024/25 Q4: Lease lost)"


def test_an_action_not_in_actions_csv(tiny_loip):
    with pytest.raises(DataFileError, match="actions.csv: expected a row for action 'A9'"):
        add_update(tiny_loip, "A9", PERIOD, GOOD, "Safety manager")


def test_the_command_holds_an_update_back_without_replace(tiny_loip):
    runner = CliRunner()
    command = ["updates", "add", "--loip", str(tiny_loip), "--action", "A1", "--period", PERIOD, "--status", "on track",
               "--percent", "80", "--commentary", "Hub open", "--by", "Safety manager", "--on", "03/11/2025"]
    added = runner.invoke(cli, command)
    assert added.exit_code == 0, added.output
    assert added.output == "A1, 2025/26 Q2: added (on track, 80% complete, from Safety manager on 03/11/2025)\n"
    before = (tiny_loip / "action_updates.csv").read_bytes()
    corrected = [*command, "--percent", "85"]
    held = runner.invoke(cli, corrected)
    assert held.exit_code == 1
    assert held.output == ("not added: A1 already has an update for 2025/26 Q2 (on track, 80% complete, from Safety "
                           "manager); add with --replace to replace it\n")
    assert (tiny_loip / "action_updates.csv").read_bytes() == before
    replaced = runner.invoke(cli, [*corrected, "--replace"])
    assert replaced.exit_code == 0 and "replaced (on track, 85% complete" in replaced.output
    assert last_line(tiny_loip) == "A1,2025/26 Q2,on track,85,Hub open,Safety manager,2025-11-03"
    assert len((tiny_loip / "action_updates.csv").read_text().splitlines()) == 6  # header, 4 rows, this one
    again = runner.invoke(cli, [*corrected])
    assert again.exit_code == 0 and "unchanged" in again.output
