"""Every bad input names its file, row and column and says what was expected."""

import pytest

from pmf_kit.data.dataset import open_dataset
from pmf_kit.errors import ConfigError, DataFileError, UnknownIndicatorError


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_folder():
    with pytest.raises(DataFileError, match="no such folder"):
        open_dataset("does/not/exist")


def test_missing_file(tiny_copy):
    (tiny_copy / "values.csv").unlink()
    with pytest.raises(DataFileError, match="values.csv: expected a CSV file here"):
        open_dataset(tiny_copy)


def test_unknown_datazone_code_in_values(tiny_copy):
    replace_in(tiny_copy / "values.csv", "smoking,XD0000003,2023", "smoking,XD0000099,2023")
    with pytest.raises(DataFileError) as caught:
        open_dataset(tiny_copy)
    assert (caught.value.row, caught.value.column, caught.value.found) == (4, "geography_code", "XD0000099")
    assert "values.csv, row 4, column 'geography_code'" in str(caught.value)


def test_non_numeric_numerator(tiny_copy):
    replace_in(tiny_copy / "values.csv", "smoking,XD0000002,2023,20,", "smoking,XD0000002,2023,twenty,")
    with pytest.raises(DataFileError, match="row 3, column 'numerator': expected a number or a blank cell, found 'twenty'"):
        open_dataset(tiny_copy)


def test_wrong_column_name(tiny_copy):
    replace_in(tiny_copy / "lookup.csv", "locality_name", "locality_nm")
    with pytest.raises(DataFileError, match="lookup.csv, row 1, column 'locality_name'"):
        open_dataset(tiny_copy)


def test_unknown_unit_in_catalogue(tiny_copy):
    replace_in(tiny_copy / "indicators.csv", "rate_per_1000", "per_thousand")
    with pytest.raises(DataFileError, match="row 3, column 'unit': expected one of percent"):
        open_dataset(tiny_copy)


def test_bad_period(tiny_copy):
    replace_in(tiny_copy / "values.csv", "admissions,XD0000001,2023/24", "admissions,XD0000001,FY23")
    with pytest.raises(DataFileError, match="column 'period'.*found 'FY23'"):
        open_dataset(tiny_copy)


def test_datazone_listed_twice(tiny_copy):
    replace_in(tiny_copy / "lookup.csv", "XD0000002,Northtown - 02", "XD0000001,Northtown - 02")
    with pytest.raises(DataFileError, match="row 3, column 'datazone_code'"):
        open_dataset(tiny_copy)


def test_broken_dataset_yaml(tiny_copy):
    (tiny_copy / "dataset.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="dataset.yaml: broken YAML at line"):
        open_dataset(tiny_copy)


def test_unknown_indicator_suggests(tiny):
    with pytest.raises(UnknownIndicatorError, match="closest: smoking"):
        tiny.aggregate("locality", indicators="smokng")


def with_published_limits(folder, row: str) -> None:
    """values.csv with the optional published-limit columns and one extra published row."""
    path = folder / "values.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",lower_ci,upper_ci"] + [line + ",," for line in lines[1:]] + [row]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("row, column, expected", [
    ("wellbeing,XS0000001,2023,,,50.1,48.2,", "lower_ci", "both limits or neither"),
    ("wellbeing,XS0000001,2023,,,,48.2,52.0", "value", "the published value beside its limits"),
    ("wellbeing,XS0000001,2023,,,50.1,50.5,52.0", "lower_ci", "a lower limit no higher than the value"),
    ("wellbeing,XS0000001,2023,,,50.1,48.2,49.0", "upper_ci", "an upper limit no lower than the value"),
    ("births,XS0000001,2023,500,,500,457,546", "lower_ci", "no limits for a count (a blank cell)"),
])
def test_published_limits_come_as_a_pair_around_their_value(tiny_copy, row, column, expected):
    with_published_limits(tiny_copy, row)
    with pytest.raises(DataFileError) as caught:
        open_dataset(tiny_copy)
    assert (caught.value.row, caught.value.column, caught.value.expected) == (29, column, expected)


def test_published_limits_reach_the_area_as_published(tiny_copy):
    with_published_limits(tiny_copy, "wellbeing,XS0000001,2023,,,50.1,48.2,52.0")
    scotland = open_dataset(tiny_copy).aggregate("scotland", indicators="wellbeing")
    assert scotland[["value", "lower_ci", "upper_ci"]].values.tolist() == [[50.1, 48.2, 52.0]]


def test_derived_from_simd_is_true_false_or_blank(tiny_copy):
    path = tiny_copy / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    flags = ["derived_from_simd", "true", "", "FALSE", "maybe"]
    path.write_text("\n".join(f"{line},{flag}" for line, flag in zip(lines, flags)) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        open_dataset(tiny_copy)
    assert (caught.value.row, caught.value.column, caught.value.found) == (5, "derived_from_simd", "maybe")
    path.write_text(path.read_text(encoding="utf-8").replace(",maybe", ","), encoding="utf-8")
    assert open_dataset(tiny_copy).catalogue["derived_from_simd"].tolist() == [True, False, False, False]


def test_derived_from_simd_defaults_to_false(tiny):
    assert not tiny.catalogue["derived_from_simd"].any()
