"""Spreadsheet text: a cell that a spreadsheet would run as a formula is written as text (OWASP)."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from pmf_kit.data.escaping import csv_cell, from_csv_cell, is_formula_like
from pmf_kit.data.spreadsheets import write_text_cell

FORMULA_LIKE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tnext", "\rreturn"]


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_what_a_spreadsheet_runs_as_a_formula(text):
    assert is_formula_like(text)
    assert csv_cell(text) == "'" + text
    assert from_csv_cell(csv_cell(text)) == text


@pytest.mark.parametrize("text", ["Hub open", "50% done", "'quoted already", "", "a=b"])
def test_ordinary_text_is_left_alone(text):
    assert not is_formula_like(text)
    assert csv_cell(text) == text
    assert from_csv_cell(text) == text


def test_a_workbook_cell_holds_formula_like_text_as_a_quote_prefixed_string(tmp_path):
    workbook = Workbook()
    cell = write_text_cell(workbook.active["A1"], "=1+1")
    write_text_cell(workbook.active["A2"], "Bell\x07 rings")
    assert cell.data_type == "s" and cell.quotePrefix
    path = tmp_path / "cells.xlsx"
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "=1+1" in sheet
    read = load_workbook(path).active
    assert read["A1"].value == "=1+1" and read["A1"].data_type == "s" and read["A1"].quotePrefix
    assert read["A2"].value == "Bell\ufffd rings"  # a control character no workbook can hold
