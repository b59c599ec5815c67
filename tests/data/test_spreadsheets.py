"""CSV and XLSX files keep formula-like text as text: opened again, no cell is a formula."""

from __future__ import annotations

import csv
import zipfile

import openpyxl
import pandas as pd

from pmf_kit.data.spreadsheets import write_csv, write_xlsx

RISKY = ["=1+2", "+SUM(A1)", "-1+1", "@SUM(A1)", "\tTab", "\rReturn", '=HYPERLINK("http://x.invalid","y")']


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"=heading": RISKY + ["Plain text"], "count": list(range(len(RISKY) + 1)),
                         "rate": [-1.5] * (len(RISKY) + 1)})


def test_xlsx_stores_formula_like_text_as_quoted_strings(tmp_path):
    path = write_xlsx({"KPIs": _frame(), "Actions": _frame()}, tmp_path / "table.xlsx")
    workbook = openpyxl.load_workbook(path)
    for sheet in ("KPIs", "Actions"):
        rows = list(workbook[sheet].iter_rows())
        header, body = rows[0], rows[1:]
        assert (header[0].value, header[0].data_type, header[0].quotePrefix) == ("=heading", "s", True)
        # XML reads a carriage return back as a line feed
        assert [row[0].value for row in body] == [text.replace("\r", "\n") for text in RISKY] + ["Plain text"]
        assert all(row[0].data_type == "s" for row in body)
        assert [row[0].quotePrefix for row in body] == [True] * len(RISKY) + [False]
        assert [row[1].value for row in body] == list(range(len(RISKY) + 1))
        assert all(row[2].value == -1.5 and row[2].data_type == "n" for row in body)
    with zipfile.ZipFile(path) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(name) or b"<f " in archive.read(name) for name in sheets)


def test_csv_prefixes_formula_like_text_and_keeps_numbers(tmp_path):
    path = write_csv(_frame(), tmp_path / "table.csv")
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["'=heading", "count", "rate"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in RISKY] + ["Plain text"]
    assert [row[2] for row in rows[1:]] == ["-1.5"] * (len(RISKY) + 1)
