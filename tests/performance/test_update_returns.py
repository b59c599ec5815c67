"""Returned update forms, filled in as a lead would (openpyxl writing the cells): every kind of
bad cell is rejected with its file, sheet, row and column, and a row with one is rejected whole."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from pmf_kit.performance.actions import load_action_plan
from pmf_kit.performance.update_forms import send_update_forms
from pmf_kit.performance.update_returns import read_returned_form

PERIOD = "2025/26 Q2"
GOOD = {"I": "on track", "J": 80, "K": date(2025, 10, 15), "L": "Hub open five days a week"}


def fill(form, rows: dict[int, dict[str, object]], name: str = "returned.xlsx"):
    """Write cells into a sent form the way a lead's spreadsheet would, and save it as returned."""
    workbook = load_workbook(form)
    sheet = workbook["Update"]
    for row, values in rows.items():
        for letter, value in values.items():
            sheet[f"{letter}{row}"] = value
    path = form.parent / name
    workbook.save(path)
    return path


@pytest.fixture
def form(tiny_loip, tmp_path):
    """The Safety manager's form for 2025/26 Q2: A1 on row 8 (last 70% at 2024/25 Q4), A4 on row 9."""
    sent = send_update_forms(tiny_loip, PERIOD, tmp_path / "forms")
    return next(form.path for form in sent if form.lead == "Safety manager")


def read(tiny_loip, path, period=PERIOD):
    return read_returned_form(path, period, load_action_plan(tiny_loip, ["safer", "healthier"]))


def test_a_good_row_and_a_blank_one(tiny_loip, form):
    returned = read(tiny_loip, fill(form, {8: GOOD}))
    assert returned.rejections == [] and returned.left_blank == ["A4"]
    assert returned.lead == "Safety manager" and returned.period == PERIOD
    [update] = returned.updates
    assert (update.action_id, update.status, update.percent_complete, update.commentary, update.updated_by,
            update.updated_on, update.row) == ("A1", "on track", 80.0, "Hub open five days a week",
                                               "Safety manager", date(2025, 10, 15), 8)


def test_lower_than_last_time_with_a_reason_is_accepted_and_the_reason_kept(tiny_loip, form):
    returned = read(tiny_loip, fill(form, {8: GOOD | {"J": 60, "M": "Second site lost its lease"}}))
    assert returned.rejections == []
    assert returned.updates[0].commentary == ("Hub open five days a week (Lower than the 70% of 2024/25 Q4: "
                                              "Second site lost its lease)")


def test_text_numbers_and_dates_typed_as_text_are_read(tiny_loip, form):
    returned = read(tiny_loip, fill(form, {8: GOOD | {"I": " On Track ", "J": "75", "K": "15/10/2025"}}))
    assert returned.rejections == []
    assert (returned.updates[0].status, returned.updates[0].percent_complete, returned.updates[0].updated_on) == \
        ("on track", 75.0, date(2025, 10, 15))


@pytest.mark.parametrize(("cells", "column", "words"), [
    ({"I": "done"}, "I (Status)", "expected one of not started, on track, at risk, delayed, complete, found 'done'"),
    ({"I": None}, "I (Status)", "found 'a blank cell'"),
    ({"J": 120}, "J (% complete)", "expected a whole number from 0 to 100, found '120'"),
    ({"J": -5}, "J (% complete)", "a whole number from 0 to 100, found '-5'"),
    ({"J": 80.5}, "J (% complete)", "a whole number from 0 to 100, found '80.5'"),
    ({"J": "lots"}, "J (% complete)", "a whole number from 0 to 100, found 'lots'"),
    ({"J": 60}, "J (% complete)", "expected 70 or more (the last update, 2024/25 Q4), or the reason it fell in column M"),
    ({"I": "complete", "J": 90}, "J (% complete)", "expected 100 for an action whose status is complete, found '90'"),
    ({"K": "31/09/2025"}, "K (Date of update)", "expected a date such as 15/10/2025, found '31/09/2025'"),
    ({"K": "next week"}, "K (Date of update)", "found 'next week'"),
    ({"K": date(2025, 6, 30)}, "K (Date of update)", "expected a date from 01/07/2025 to 31/12/2025 for 2025/26 Q2, found '30/06/2025'"),
    ({"L": None}, "L (Commentary)", "expected a commentary of up to 500 characters, found 'a blank cell'"),
    ({"L": "x" * 501}, "L (Commentary)", "expected up to 500 characters, found '501 characters'"),
    ({"M": "y" * 501}, "M (Why % complete is lower)", "expected up to 500 characters, found '501 characters'"),
    ({"L": '=HYPERLINK("http://evil.example","click")'}, "L (Commentary)", "expected a value typed in, not a formula"),
    ({"B": "Renamed hub"}, "B (Action)", "expected 'Community safety hub' as sent (a locked cell), found 'Renamed hub'"),
    ({"G": 10}, "G (Last % complete)", "expected '70' as sent (a locked cell), found '10'"),
])
def test_each_bad_cell_is_named_and_its_row_rejected(tiny_loip, form, cells, column, words):
    returned = read(tiny_loip, fill(form, {8: GOOD | cells, 9: GOOD | {"J": 10}}))
    assert [update.action_id for update in returned.updates] == ["A4"]  # the other row still counts
    messages = [str(error) for error in returned.rejections]
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"{form.parent / 'returned.xlsx'}, sheet 'Update', row 8, column '{column}': ")
    assert words in messages[0]


def test_writing_in_an_empty_locked_cell(tiny_loip, form):
    returned = read(tiny_loip, fill(form, {9: GOOD | {"F": "on track"}, 12: {"A": "A2"}}))
    assert [(error.row, error.column) for error in returned.rejections] == [(9, "F (Last status)"), (12, "A (Action ID)")]
    assert all("an empty cell, as sent (a locked cell)" in str(error) for error in returned.rejections)
    assert returned.updates == []


def test_an_edited_heading_rejects_the_whole_form(tiny_loip, form):
    returned = read(tiny_loip, fill(form, {4: {"B": "AHP lead"}, 8: GOOD}))
    assert returned.updates == []
    [error] = returned.rejections
    assert (error.sheet, error.row, error.column, error.found) == ("Update", 4, "B", "AHP lead")
    assert "'Safety manager' as sent (a locked cell)" in str(error)


def test_an_action_not_in_actions_csv(tiny_loip, form):
    returned_path = fill(form, {8: GOOD, 9: GOOD | {"J": 10}})
    actions = tiny_loip / "actions.csv"
    actions.write_text("\n".join(line for line in actions.read_text().splitlines() if not line.startswith("A4,")) + "\n")
    returned = read(tiny_loip, returned_path)
    [error] = returned.rejections
    assert (error.row, error.column, error.found) == (9, "A (Action ID)", "A4")
    assert "expected an action_id of actions.csv" in str(error)
    assert [update.action_id for update in returned.updates] == ["A1"]


def test_an_action_now_led_by_someone_else(tiny_loip, form):
    returned_path = fill(form, {8: GOOD})
    actions = tiny_loip / "actions.csv"
    actions.write_text(actions.read_text().replace("2026-09-30,Safety manager", "2026-09-30,Estates"))
    [error] = read(tiny_loip, returned_path).rejections
    assert (error.row, error.column, error.found) == (8, "A (Action ID)", "A1")
    assert "expected an action led by Safety manager (actions.csv names Estates as its lead)" in str(error)


def test_another_leads_action_typed_over_the_id(tiny_loip, form):
    returned = read(tiny_loip, fill(form, {8: GOOD | {"A": "A2"}}))
    messages = [str(error) for error in returned.rejections]
    assert len(messages) == 2 and returned.updates == []
    assert "expected 'A1' as sent (a locked cell), found 'A2'" in messages[0]
    assert "expected an action led by Safety manager (actions.csv names AHP lead as its lead), found 'A2'" in messages[1]


def test_a_form_for_another_period(tiny_loip, tmp_path):
    sent = send_update_forms(tiny_loip, "2025/26 Q4", tmp_path / "q4")
    path = fill(sent[0].path, {8: GOOD | {"K": date(2026, 4, 10)}})
    returned = read(tiny_loip, path)
    [error] = returned.rejections
    assert (error.sheet, error.row, error.column, error.found) == ("Update", 3, "B", "2025/26 Q4")
    assert "expected a form for 2025/26 Q2, the period being collected" in str(error)
    assert returned.updates == []


def test_files_that_are_not_update_forms(tiny_loip, tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    plain = tmp_path / "plain.xlsx"
    Workbook().save(plain)
    for path in (text, plain):
        [error] = read(tiny_loip, path).rejections
        assert str(error).startswith(f"{path}: expected a workbook made by `pmf-kit updates send`")


@pytest.mark.parametrize("bad", [
    {"I": "done", "J": 120, "K": "next week"},
    {"I": "done", "J": 120, "L": '=HYPERLINK("http://evil.example","click")'},
])
def test_every_problem_in_a_row_is_reported_with_a_changed_locked_cell(tiny_loip, form, bad):
    returned = read(tiny_loip, fill(form, {8: GOOD | {"B": "Renamed hub"} | bad}))
    assert returned.updates == []
    where = [(error.sheet, error.row, error.column) for error in returned.rejections]
    columns = sorted(["B (Action)", "I (Status)", "J (% complete)",
                      "K (Date of update)" if "K" in bad else "L (Commentary)"])
    assert where == [("Update", 8, column) for column in columns]
    messages = [str(error) for error in returned.rejections]
    assert all(message.startswith(f"{form.parent / 'returned.xlsx'}, sheet 'Update', row 8, ") for message in messages)
    assert "expected 'Community safety hub' as sent (a locked cell), found 'Renamed hub'" in messages[0]
    assert "found 'done'" in messages[1] and "found '120'" in messages[2]
