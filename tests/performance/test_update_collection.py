"""Collecting returned forms: the round trip send -> fill in -> collect, collecting twice, a second
update needing --replace, the files kept, the chasing list, and the command's report."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from click.testing import CliRunner

from pmf_kit.cli import cli
from pmf_kit.errors import DataFileError
from pmf_kit.performance.actions import load_action_plan
from pmf_kit.performance.update_collection import Chase, chasing_list, collect_updates
from pmf_kit.performance.update_forms import send_update_forms
from tests.performance.test_update_returns import GOOD, fill

PERIOD = "2025/26 Q2"


@pytest.fixture
def forms(tiny_loip, tmp_path):
    return {form.lead: form.path for form in send_update_forms(tiny_loip, PERIOD, tmp_path / "forms")}


def updates_at(loip, period=PERIOD) -> pd.DataFrame:
    updates = load_action_plan(loip, ["safer", "healthier"]).updates
    return updates[updates["reporting_period"] == period].reset_index(drop=True)


def test_before_anyone_returns_everyone_is_chased(tiny_loip):
    assert chasing_list(tiny_loip, PERIOD) == [Chase("AHP lead", ("A2",)), Chase("Safety manager", ("A1", "A4"))]


def test_round_trip(tiny_loip, forms):
    returned = fill(forms["Safety manager"], {8: GOOD | {"L": "-2 staff, hub still open"}})
    collection = collect_updates(tiny_loip, PERIOD, [returned])
    assert collection.all_good and [update.action_id for update in collection.added] == ["A1"]
    merged = updates_at(tiny_loip)
    assert merged[["action_id", "status", "percent_complete", "commentary", "updated_by"]].values.tolist() == [
        ["A1", "on track", 80.0, "-2 staff, hub still open", "Safety manager"]]
    assert merged["updated_on"].tolist() == [date(2025, 10, 15)]
    last_line = (tiny_loip / "action_updates.csv").read_text().splitlines()[-1]
    assert last_line == "A1,2025/26 Q2,on track,80,\"'-2 staff, hub still open\",Safety manager,2025-10-15"
    assert collection.chasing == [Chase("AHP lead", ("A2",)), Chase("Safety manager", ("A4",))]
    [kept] = collection.kept
    assert kept.parent == tiny_loip / "returns" / "2025-26-q2" and kept.read_bytes() == returned.read_bytes()


def test_earlier_rows_are_written_back_with_their_values(tiny_loip, forms):
    before = pd.read_csv(tiny_loip / "action_updates.csv", dtype=str, keep_default_na=False)
    collect_updates(tiny_loip, PERIOD, [fill(forms["Safety manager"], {8: GOOD})])
    after = pd.read_csv(tiny_loip / "action_updates.csv", dtype=str, keep_default_na=False)
    assert after.iloc[:len(before)][list(before.columns)].equals(before)
    assert after["updated_on"].iloc[:len(before)].tolist() == [""] * len(before)


def test_collecting_the_same_file_twice_changes_nothing(tiny_loip, forms):
    returned = fill(forms["Safety manager"], {8: GOOD})
    collect_updates(tiny_loip, PERIOD, [returned])
    csv_file = tiny_loip / "action_updates.csv"
    before, stamp = csv_file.read_bytes(), csv_file.stat().st_mtime_ns
    again = collect_updates(tiny_loip, PERIOD, [returned])
    assert again.added == [] and [update.action_id for update in again.unchanged] == ["A1"] and again.all_good
    assert csv_file.read_bytes() == before and csv_file.stat().st_mtime_ns == stamp
    assert len(list((tiny_loip / "returns" / "2025-26-q2").iterdir())) == 1


def test_a_second_update_for_the_period_needs_replace(tiny_loip, forms):
    collect_updates(tiny_loip, PERIOD, [fill(forms["Safety manager"], {8: GOOD})])
    csv_file = tiny_loip / "action_updates.csv"
    before = csv_file.read_bytes()
    corrected = fill(forms["Safety manager"], {8: GOOD | {"J": 85}}, name="corrected.xlsx")
    held = collect_updates(tiny_loip, PERIOD, [corrected])
    [conflict] = held.conflicts
    assert not held.all_good and csv_file.read_bytes() == before
    assert conflict.message == (f"{corrected}, row 8: A1 already has an update for 2025/26 Q2 (on track, 80% complete, "
                                "from Safety manager); collect with --replace to replace it")
    replaced = collect_updates(tiny_loip, PERIOD, [corrected], replace=True)
    assert [update.percent_complete for update in replaced.replaced] == [85.0]
    assert updates_at(tiny_loip)["percent_complete"].tolist() == [85.0]
    assert len(list((tiny_loip / "returns" / "2025-26-q2").iterdir())) == 2  # both returns kept


def test_good_rows_merge_while_bad_rows_wait(tiny_loip, forms):
    safety = fill(forms["Safety manager"], {8: GOOD, 9: GOOD | {"I": "finished"}})
    ahp = fill(forms["AHP lead"], {8: GOOD | {"J": 50}}, name="ahp.xlsx")
    collection = collect_updates(tiny_loip, PERIOD, [safety, ahp])
    assert sorted(update.action_id for update in collection.added) == ["A1", "A2"]
    [error] = collection.rejections
    assert (error.row, error.column, error.found) == (9, "I (Status)", "finished")
    assert collection.chasing == [Chase("Safety manager", ("A4",))]


def test_a_missing_file_stops_before_anything_is_written(tiny_loip, forms, tmp_path):
    before = (tiny_loip / "action_updates.csv").read_bytes()
    with pytest.raises(DataFileError, match="no such file"):
        collect_updates(tiny_loip, PERIOD, [fill(forms["Safety manager"], {8: GOOD}), tmp_path / "missing.xlsx"])
    assert (tiny_loip / "action_updates.csv").read_bytes() == before
    assert not (tiny_loip / "returns").exists()


def test_the_commands(tiny_loip, tmp_path):
    runner = CliRunner()
    sent = runner.invoke(cli, ["updates", "send", "--loip", str(tiny_loip), "--period", PERIOD,
                               "--out", str(tmp_path / "out")])
    assert sent.exit_code == 0, sent.output
    assert "wrote 2 update forms for 2025/26 Q2" in sent.output
    assert "safety-manager-2025-26-q2-update.xlsx: Safety manager, 2 actions (A1, A4)" in sent.output
    form = tmp_path / "out" / "safety-manager-2025-26-q2-update.xlsx"
    good = fill(form, {8: GOOD})
    collected = runner.invoke(cli, ["updates", "collect", "--loip", str(tiny_loip), "--period", PERIOD, str(good)])
    assert collected.exit_code == 0, collected.output
    assert collected.output.splitlines()[0] == "collected 1 form for 2025/26 Q2: 1 update added, 0 replaced, 0 already held"
    assert "still to return: 2 leads, 2 actions\n  AHP lead: A2\n  Safety manager: A4\n" in collected.output
    bad = fill(form, {9: GOOD | {"J": 120}}, name="bad.xlsx")
    rejected = runner.invoke(cli, ["updates", "collect", "--loip", str(tiny_loip), "--period", PERIOD, str(bad)])
    assert rejected.exit_code == 1
    assert (f"rejected (1):\n  {bad}, sheet 'Update', row 9, column 'J (% complete)': expected a whole number "
            "from 0 to 100, found '120'\n") in rejected.output
