"""ScotPHO life expectancy in the whole-Scotland import: published values and limits kept, and
HSC localities matched by name within their HSCP, on the synthetic mini-Scotland."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from pmf_kit.data.dataset import open_dataset
from pmf_kit.importers import import_scotland_2011
from pmf_kit.importers.scotpho_life_expectancy import match_localities
from tests.conftest import FIXTURES

SOURCE = FIXTURES / "sources" / "scotland_2011"


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    out = tmp_path_factory.mktemp("mini") / "scotland"
    return out, import_scotland_2011(SOURCE, out)


def published(code: str, period: str, sex: str = "females") -> list[float]:
    """Measure and limits of one row of the extract, read with the csv module."""
    with (SOURCE / "indicators" / "scotpho_life_expectancy_extract.csv").open(newline="") as file:
        for row in csv.DictReader(file):
            if (row["area_code"], row["period"], row["indicator"]) == (code, period, f"Life expectancy, {sex}"):
                return [float(row[key]) for key in ("measure", "lower_confidence_interval", "upper_confidence_interval")]
    raise AssertionError(f"no row for {code} {period}")


@pytest.mark.parametrize(("ours", "theirs", "period"), [
    ("S02001236", "S02001236", "2014 to 2018 (5 year aggregate)"),  # intermediate zone
    ("PN0000003", "S99000003", "2015 to 2019 (5 year aggregate)"),  # locality, by name
    ("S12000033", "S12000033", "2015 to 2017 (3 year aggregate)"),  # council
    ("S92000003", "S00000001", "2016 to 2018 (3 year aggregate)"),  # Scotland, ScotPHO's own code
])
def test_values_and_limits_are_exactly_as_published(mini, ours, theirs, period):
    out, _ = mini
    dataset = open_dataset(out)
    values = dataset.values.set_index(["indicator_id", "geography_code", "period"])
    row = values.loc[("life_expectancy_female", ours, period)]
    assert [row["value"], row["lower_ci"], row["upper_ci"]] == published(theirs, period)


def test_unmatched_localities_are_listed_with_the_reason_never_guessed(mini):
    out, summary = mini
    assert summary.scotpho_localities_matched == 1
    assert summary.scotpho_localities_unmatched == [
        "S99000057 Glasgow South (Glasgow City): PHS publishes no localities for this HSCP",
        "S99000200 Atlantis & Lyonesse: its HSCP is not known",
    ]
    assert summary.localities_without_life_expectancy == []
    values = pd.read_csv(out / "values.csv", dtype=str)
    assert not values["geography_code"].str.startswith("S99").any()
    assert "Atlantis & Lyonesse: its HSCP is not known" in (out / "README.md").read_text()


def test_a_locality_is_matched_forgivingly_within_its_hscp_only():
    geography = pd.DataFrame({
        "code": ["S37000001", "S37000002", "S99000001"], "name": ["Aberdeen City", "Aberdeenshire", "Marr"],
        "area_type": ["HSC partnership", "HSC partnership", "HSC locality"],
        "parent_area": [None, None, "Aberdeenshire"]})
    lookup = pd.DataFrame({
        "hscp_locality_code": ["PN1", "PN2", "PN3"], "hscp_locality_name": ["Marr ", "Kincardine and Mearns", "Marr"],
        "hscp_code": ["S37000001", "S37000002", "S37000002"], "hscp_name": ["Aberdeen City", "Aberdeenshire", "Aberdeenshire"]})
    scotpho = pd.DataFrame({"area_code": ["S99000009", "S99000010"], "area_name": ["MARR", "Kincardine & Mearns"]})
    match = match_localities(scotpho, geography, lookup)
    assert match.codes == {"S99000009": "PN3", "S99000010": "PN2"}
    assert match.without == ["PN1 Marr  (Aberdeen City)"]
