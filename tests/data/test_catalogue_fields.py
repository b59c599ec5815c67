"""The catalogue's statements on how each indicator may be read: kinds, defaults and breaks."""

import pandas as pd
import pytest

from pmf_kit.data.catalogue_fields import break_between, parse_series_breaks, read_catalogue_fields
from pmf_kit.data.dataset import open_dataset
from pmf_kit.errors import DataFileError
from pmf_kit.stats.intervals import PUBLISHED_ONLY_UNITS


def catalogue(**columns) -> pd.DataFrame:
    return pd.DataFrame({"indicator_id": ["a", "b"], "unit": ["percent", "years"], **columns})


def test_defaults_follow_the_unit_and_control_disclosure(tmp_path):
    read = read_catalogue_fields(catalogue(), tmp_path / "indicators.csv", PUBLISHED_ONLY_UNITS)
    assert read["variability"].tolist() == ["events", "published"]
    assert read["disclosure"].tolist() == ["controlled", "controlled"]
    assert read["period_source"].tolist() == read["series_breaks"].tolist() == ["", ""]


def test_a_blank_cell_takes_the_default_and_a_word_outside_the_list_names_its_row(tmp_path):
    read = read_catalogue_fields(catalogue(variability=["census", None]), tmp_path / "i.csv", PUBLISHED_ONLY_UNITS)
    assert read["variability"].tolist() == ["census", "published"]
    with pytest.raises(DataFileError, match=r"row 3, column 'disclosure': expected one of controlled, "
                                            r"published_at_source \(or a blank cell\), found 'public'"):
        read_catalogue_fields(catalogue(disclosure=["controlled", "public"]), tmp_path / "i.csv", PUBLISHED_ONLY_UNITS)


def test_series_breaks_read_in_time_order_and_a_reason_may_hold_a_semicolon():
    breaks = parse_series_breaks("2020: Universal Credit; a wider count; 2017: new base")
    assert [(found.period, found.reason) for found in breaks] == [
        ("2017", "new base"), ("2020", "Universal Credit; a wider count")]
    assert break_between("2017: new base", "2014", "2021").reason == "new base"
    assert break_between("2017: new base", "2017", "2021") is None  # both after the break
    assert break_between("2018: new road network", "2015", "2017") is None


def test_a_break_without_a_period_names_its_row(tmp_path):
    with pytest.raises(DataFileError, match=r"row 2, column 'series_breaks'"):
        read_catalogue_fields(catalogue(series_breaks=["new method", ""]), tmp_path / "i.csv", PUBLISHED_ONLY_UNITS)


def test_a_source_suppressed_cell_may_carry_its_largest_count_and_nothing_else_may(tiny_copy):
    values = tiny_copy / "values.csv"
    lines = values.read_text().splitlines()
    lines = [lines[0] + ",quality_flag,numerator_max"] + [line + ",," for line in lines[1:]]
    lines = [line.replace("smoking,XD0000003,2023,3,80,,,", "smoking,XD0000003,2023,,80,,source_suppressed,4")
             for line in lines]
    values.write_text("\n".join(lines) + "\n")
    south = open_dataset(tiny_copy).aggregate("locality", "smoking", periods=["2023"]).set_index("geography_code")
    north = south.loc["XL0000001"]  # 10 + 20 known, 0 to 4 hidden, over 100 + 150 + 80 adults
    assert (north["numerator"], north["numerator_high"], north["denominator"]) == (30, 34, 330)
    assert north["datazones_source_suppressed"] == 1
    values.write_text(values.read_text().replace("smoking,XD0000001,2023,10,100,,,", "smoking,XD0000001,2023,10,100,,,4"))
    with pytest.raises(DataFileError, match="column 'numerator_max': expected a blank cell"):
        open_dataset(tiny_copy)
