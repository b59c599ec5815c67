"""Impossible data is refused when a data set opens (issue 13 item 7): one error naming the file,
row and column, with the value found written plainly; data that can be right but looks odd (a
fractional count) is a warning every report shows."""

from __future__ import annotations

import pandas as pd
import pytest

from pmf_kit.data.dataset import open_dataset
from pmf_kit.errors import DataFileError


def _break(folder, file: str, old: str | None, new: str) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    if old is None:
        text += new
    else:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("file", "old", "new", "row", "column", "words"), [
    # a negative count
    ("values.csv", "births,XD0000001,2023,4,,", "births,XD0000001,2023,-4,,", 21, "numerator",
     ["a count of 0 or more", "found -4"]),
    # a numerator above its denominator: 300 of 80 adults (375%)
    ("values.csv", "smoking,XD0000003,2023,3,80,", "smoking,XD0000003,2023,300,80,", 4, "numerator",
     ["no larger than its denominator", "found 300"]),
    ("values.csv", "smoking,XS0000001,2023,600,4000,", "smoking,XS0000001,2023,,,1000", 14, "value",
     ["a percentage of at most 100", "found 1000"]),
    # a 300-digit number, and one that is not a number at all
    ("values.csv", "admissions,XD0000001,2023/24,40,500,", "admissions,XD0000001,2023/24,40,500,1e300", 15,
     "value", ["a finite number no larger than 1,000,000,000,000"]),
    ("values.csv", "admissions,XD0000002,2023/24,70,700,", "admissions,XD0000002,2023/24,inf,700,", 16,
     "numerator", ["a finite number"]),
    ("values.csv", "admissions,XD0000002,2023/24,70,700,", "admissions,XD0000002,2023/24,70,-700,", 16,
     "denominator", ["a denominator of 0 or more"]),
    ("values.csv", "smoking,XD0000004,2023,30,120,", "smoking,XD0000004,2023,,,-3", 5, "value",
     ["a percentage, rate or count of 0 or more"]),
    # a quarter's count among an annual indicator's years (2,900 against 9,570 would read as a collapse)
    ("values.csv", "admissions,XD0000002,2023/24,70,700,", "admissions,XD0000002,2023/24 Q1,70,700,", 16,
     "period", ["periods of one kind per indicator: quarters (2024/25 Q2) or years", "found '2023/24 Q1'"]),
    # one stray row for a later period (a whole theme would move to it)
    ("values.csv", None, "smoking,XD0000001,2025,1,10,\n", 29, "period", ["2025 for 1 data zone"]),
    # the council shown twice: a comparator repeated, or one that is an area of the lookup
    ("comparators.csv", None, "XS0000001,Scotland,scotland\n", 3, "geography_code", ["XS0000001"]),
    ("comparators.csv", None, "XC0000001,Tiny Council,council\n", 3, "geography_code",
     ["an area outside lookup.csv"]),
    # population: negative, fractional, persons mixed with sexes in one period
    ("population.csv", "XD0000001,2023,male,0-4,250", "XD0000001,2023,male,0-4,-250", 3, "population", ["-250"]),
    ("population.csv", "XD0000001,2023,male,0-4,250", "XD0000001,2023,male,0-4,250.5", 3, "population",
     ["250.5"]),
    ("population.csv", "XD0000001,2023,male,0-4,250", "XD0000001,2023,persons,0-4,250", 3, "sex",
     ["female and male rows or persons rows for 2023, not both"]),
    # SIMD classes out of range
    ("simd.csv", "XD0000001,SIMD 2020,5000,8,4", "XD0000001,SIMD 2020,5000,11,4", 2, "simd_decile", ["11"]),
])
def test_impossible_data_is_one_error_naming_file_row_and_column(tiny_copy, file, old, new, row, column, words):
    _break(tiny_copy, file, old, new)
    with pytest.raises(DataFileError) as caught:
        open_dataset(tiny_copy)
    error = caught.value
    assert (str(error.path).endswith(file), error.row, error.column) == (True, row, column), str(error)
    message = str(error)
    assert "np.float64" not in message
    for word in words:
        assert word in message, message


def test_a_net_rate_published_without_its_count_may_be_negative(tiny_copy):
    _break(tiny_copy, "values.csv", "admissions,XD0000006,2023/24,150,1000,", "admissions,XD0000006,2023/24,,,-2.5")
    values = open_dataset(tiny_copy).values.set_index(["indicator_id", "geography_code"])
    assert values.loc[("admissions", "XD0000006"), "value"] == -2.5


def test_a_fractional_count_is_a_warning_naming_row_and_column(tiny_copy):
    _break(tiny_copy, "values.csv", "births,XD0000002,2023,7,,", "births,XD0000002,2023,6.5,,")
    dataset = open_dataset(tiny_copy)
    assert len(dataset.warnings) == 1
    assert "values.csv, row 22, column 'numerator': 1 counts are not whole numbers (births; the first is 6.5)" \
        in dataset.warnings[0]


def test_a_warning_names_a_file_in_the_project_from_the_project_root(tiny_copy, monkeypatch):
    """Reports show the warnings: they name data/tiny/values.csv, not the machine's folders."""
    project = tiny_copy.parent
    (project / "pmf-kit.yaml").write_text("", encoding="utf-8")
    (project / "data").mkdir()
    tiny_copy.rename(project / "data" / "tiny")
    _break(project / "data" / "tiny", "values.csv", "births,XD0000002,2023,7,,", "births,XD0000002,2023,6.5,,")
    monkeypatch.chdir(project)
    [warning] = open_dataset("data/tiny").warnings
    assert warning.startswith("data/tiny/values.csv, row 22, column 'numerator': ")


def test_a_count_over_a_denominator_of_0_is_a_warning_and_a_blank_value(tiny_copy):
    # SIMD 2016 publishes such a data zone: income-deprived people where the population is 0
    _break(tiny_copy, "values.csv", "smoking,XD0000003,2023,3,80,", "smoking,XD0000003,2023,3,0,")
    dataset = open_dataset(tiny_copy)
    assert dataset.warnings == [f"{tiny_copy / 'values.csv'}, row 4, column 'denominator': 1 percentages count "
                                "people over a denominator of 0 (smoking); their values are left blank"]
    values = dataset.values.set_index(["indicator_id", "geography_code", "period"])
    assert pd.isna(values.loc[("smoking", "XD0000003", "2023"), "value"])
