"""The advanced table and `pmf-kit table`, on the tiny data set with hand-worked figures."""

import pandas as pd
import pytest
from click.testing import CliRunner

from pmf_kit.cli import cli
from pmf_kit.errors import PmfKitError, UnknownAreaError
from pmf_kit.explore.advanced_table import table, write_table
from tests.conftest import TINY_DATASET

COLUMNS = ["area_level", "area_code", "area_name", "indicator_id", "period", "release", "period_is_edition",
           "numerator", "numerator_highest", "denominator", "value", "value_lowest", "value_highest", "lower_95",
           "upper_95", "datazones_suppressed_at_source", "suppressed"]


def test_columns_and_values_for_localities(tiny):
    frame = table(tiny, "smoking", "locality")
    assert list(frame.columns) == COLUMNS
    north = frame.iloc[0]
    assert (north["area_level"], north["area_code"], north["area_name"]) == ("locality", "XL0000001", "North & Hills")
    assert (north["numerator"], north["denominator"], north["value"]) == (33, 330, pytest.approx(10.0))
    # Wilson 95% for 33/330: centre (33 + 1.9208)/(330 + 3.8415) = 0.104603,
    # half-width 1.96 * sqrt(0.1*0.9/330 + 3.8415/(4*330^2)) / (1 + 3.8415/330) = 0.032511
    assert north["lower_95"] == pytest.approx(7.2094, abs=1e-3)
    assert north["upper_95"] == pytest.approx(13.7111, abs=1e-3)


def test_within_keeps_only_areas_inside_and_suppresses(tiny):
    frame = table(tiny, ["smoking"], "datazone", within="locality=north and hills", period="2023")
    assert list(frame["area_code"]) == ["XD0000003", "XD0000001", "XD0000002"]
    # XD0000003 has 3 smokers (< 5): primary. The locality total 33 would give it away as
    # 33 - 10 - 20, so the next smallest, XD0000001 (10), is hidden too.
    assert list(frame["suppressed"]) == ["primary", "secondary", ""]
    assert frame["numerator"].isna().tolist() == [True, True, False]


def test_period_all_and_latest(tiny):
    assert list(table(tiny, "smoking", "council", period="all")["period"]) == ["2022", "2023"]
    assert list(table(tiny, "smoking", "council")["period"]) == ["2023"]


def test_bad_within(tiny):
    with pytest.raises(PmfKitError, match="expected LEVEL=NAME"):
        table(tiny, "smoking", "datazone", within="North")
    with pytest.raises(UnknownAreaError, match="closest matches: South Coast"):
        table(tiny, "smoking", "datazone", within="locality=South Cost")


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "md"])
def test_write_every_format(tiny, tmp_path, suffix):
    frame = table(tiny, "smoking,admissions", "locality")
    path = write_table(frame, tmp_path / f"table.{suffix}")
    assert [p.name for p in tmp_path.iterdir()] == [f"table.{suffix}"]
    if suffix == "csv":
        assert list(pd.read_csv(path).columns) == COLUMNS
    elif suffix == "xlsx":
        assert len(pd.read_excel(path)) == 4
    else:
        assert "| North & Hills |" in path.read_text(encoding="utf-8").replace("  ", " ")


def test_cli_prints_csv_and_names_unknown_indicator():
    runner = CliRunner()
    shown = runner.invoke(cli, ["table", "--dataset", str(TINY_DATASET), "--indicator", "smoking",
                                "--level", "locality"])
    assert shown.exit_code == 0
    assert shown.output.splitlines()[0] == ",".join(COLUMNS)
    assert "locality,XL0000002,South Coast,smoking,2023,,False,70,70,320,21.875,21.875,21.875," in shown.output  # counts as integers
    failed = runner.invoke(cli, ["table", "--dataset", str(TINY_DATASET), "--indicator", "smokng",
                                 "--level", "locality"])
    assert "closest: smoking" in str(failed.exception)
