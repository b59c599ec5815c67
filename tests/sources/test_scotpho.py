"""ScotPHO extract reader: periods read by the one parser, limits checked, rows named."""

from __future__ import annotations

import shutil

import pytest

from pmf_kit.errors import DataFileError
from pmf_kit.sources.scotpho import read_scotpho_extract
from tests.conftest import FIXTURES

EXTRACT = FIXTURES / "sources" / "scotland_2011" / "indicators" / "scotpho_life_expectancy_extract.csv"


def test_extract_keeps_values_and_limits_as_published_with_canonical_periods():
    extract = read_scotpho_extract(EXTRACT)
    culter = extract[(extract["area_code"] == "S02001236") & (extract["indicator"] == "Life expectancy, females")]
    assert culter[["value", "lower_ci", "upper_ci"]].iloc[0].tolist() == [84.28, 82.31, 86.25]
    assert set(extract["period"]) == {
        "2015 to 2017 (3 year aggregate)", "2016 to 2018 (3 year aggregate)",
        "2014 to 2018 (5 year aggregate)", "2015 to 2019 (5 year aggregate)"}


@pytest.mark.parametrize(("old", "new", "message"), [
    ("2014 to 2018 (5 year aggregate)", "2014-2018 (five years)", "row 12, column 'period'"),
    ("84.28,82.31", "84.28,84.30", "row 12, column 'lower_confidence_interval'"),
])
def test_bad_period_or_limits_name_the_row(tmp_path, old, new, message):
    copy = tmp_path / EXTRACT.name
    shutil.copy(EXTRACT, copy)
    copy.write_text(copy.read_text().replace(old, new, 1))
    with pytest.raises(DataFileError, match=message):
        read_scotpho_extract(copy)
