"""Geography versions never mix: the 2011 and 2022 data zones are told apart by their codes, and
a data set refuses codes, custom areas and areas of the other version with one message naming
both. Tested on the tiny data set with its six zones recoded as real 2022 zones."""

from __future__ import annotations

import shutil
import textwrap

import pytest

import pmf_kit as pk
from pmf_kit.data.dataset import open_dataset
from pmf_kit.data.geography_versions import other_version, version_of_code, versions_of
from pmf_kit.errors import ConfigError, DataFileError, DataProblemsError, PmfKitError
from pmf_kit.importers.add_indicators import add_indicators
from tests.conftest import TINY_DATASET

TINY_CODES_2022 = {f"XD000000{number}": f"S0101348{number + 1}" for number in range(1, 7)} | {
    f"XI000000{number}": f"S0200251{number + 4}" for number in range(1, 4)}
"""The tiny data set's zones and intermediate zones, renamed to codes of the 2022 versions."""


@pytest.fixture
def tiny_2022(tmp_path):
    """The tiny data set on (the codes of) the 2022 data zones."""
    target = tmp_path / "tiny-2022"
    shutil.copytree(TINY_DATASET, target)
    for path in target.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        for old, new in TINY_CODES_2022.items():
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return target


@pytest.mark.parametrize("code, level, version", [
    ("S01006506", "datazone", "2011"), ("S01013481", "datazone", "2011"),
    ("S01013482", "datazone", "2022"), ("S01020873", "datazone", "2022"),
    ("S01020874", "datazone", None), ("S01006505", "datazone", None), ("XD0000001", "datazone", None),
    ("S02001236", "intermediate_zone", "2011"), ("S02002514", "intermediate_zone", "2011"),
    ("S02002515", "intermediate_zone", "2022"), ("S02003848", "intermediate_zone", "2022"),
    (" S01013482", "datazone", None), ("S0101348", "datazone", None),
])
def test_a_code_says_its_version(code, level, version):
    assert version_of_code(code, level) == version


def test_codes_of_one_other_version_are_named_and_anything_else_is_left_to_the_usual_checks():
    assert other_version(["S01013482", "S01020873"], "2011") == "2022"
    assert other_version(["S01013482", "S01006506"], "2011") is None
    assert other_version(["S01013482"], "2022") is None
    assert other_version(["XD0000009"], "2011") is None
    assert versions_of(["S01006506", "S01013482", "X"]) == {"2011", "2022"}


def test_a_data_set_knows_its_version_from_its_codes_or_its_card(tiny, tiny_2022):
    assert tiny.geography_version is None
    assert open_dataset(tiny_2022).geography_version == "2022"


@pytest.mark.parametrize("stated, message", [
    ("2019", "geography_version: expected one of 2011, 2022, found '2019'"),
    ("2011", "geography_version: 2011, but lookup.csv holds the 2022 data zones"),
])
def test_a_wrong_geography_version_in_dataset_yaml_is_refused(tiny_2022, stated, message):
    card = tiny_2022 / "dataset.yaml"
    card.write_text(card.read_text(encoding="utf-8") + f"geography_version: '{stated}'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        open_dataset(tiny_2022)
    assert message in str(raised.value) and "dataset.yaml" in str(raised.value)


def test_a_lookup_mixing_versions_is_refused(tiny_2022):
    lookup = tiny_2022 / "lookup.csv"
    lookup.write_text(lookup.read_text(encoding="utf-8").replace("S01013482", "S01006506"), encoding="utf-8")
    for name in ("values.csv", "population.csv", "simd.csv"):
        path = tiny_2022 / name
        path.write_text(path.read_text(encoding="utf-8").replace("S01013482", "S01006506"), encoding="utf-8")
    with pytest.raises(DataFileError, match="lookup.csv, column 'datazone_code': expected data zones of one version"):
        open_dataset(tiny_2022)


def test_an_area_code_of_the_other_version_is_named_as_such(tiny_2022):
    dataset = open_dataset(tiny_2022)
    with pytest.raises(PmfKitError) as raised:
        dataset.find_area("S02001236")
    assert str(raised.value).startswith("'S02001236' is a code of the 2011 intermediate zones, but the data set "
                                        "'Tiny Council (test fixture)' is on the 2022 data zones")
    with pytest.raises(PmfKitError, match="'S01006506' is a code of the 2011 data zones"):
        pk.LocalityProfile(dataset, "S01006506", level="datazone")


def test_comparing_an_area_of_another_data_set_is_refused(tiny, tiny_2022):
    northtown_2011_style = tiny.find_area("Northtown", "intermediate_zone")
    dataset = open_dataset(tiny_2022)
    with pytest.raises(PmfKitError, match="XI0000001"):
        pk.compare(dataset, [northtown_2011_style])
    own = dataset.find_area("Northtown", "intermediate_zone")
    assert pk.compare(dataset, [own], "smoking")["area_code"].unique().tolist() == ["S02002515"]


def test_custom_areas_of_the_other_version_are_refused(tiny_2022, tmp_path):
    areas = tmp_path / "areas.yaml"
    areas.write_text("areas:\n  - name: Old town centre\n    datazones: [S01006506, S01006507, S01006508]\n",
                     encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        open_dataset(tiny_2022, custom_areas=areas)
    assert "`datazones:` are codes of the 2011 data zones, but the data set is on the 2022 data zones" in str(raised.value)


def test_indicators_keyed_by_the_other_versions_codes_are_refused_and_nothing_is_written(tiny_2022, tmp_path):
    data = tmp_path / "partner.csv"
    data.write_text("Data zone,Year,Referrals,Households\nS01006506,2022/23,4,40\nS01006507,2022/23,5,50\n",
                    encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text(f"file: {data}\n" + textwrap.dedent("""\
        geography: {level: datazone, column: Data zone}
        layout: long
        period_column: Year
        indicators:
          - {id: referrals, title: Referrals, theme: Housing, unit: percent, polarity: lower_is_better,
             source: Partner, numerator: Referrals, denominator: Households, suppression_threshold: 5}
        """), encoding="utf-8")
    before = (tiny_2022 / "values.csv").read_bytes()
    with pytest.raises(DataProblemsError) as raised:
        add_indicators(tiny_2022, str(spec))
    assert raised.value.problems == [
        f"{data}, column 'Data zone': its datazone codes are codes of the 2011 data zones, but the data set "
        "'Tiny Council (test fixture)' is on the 2022 data zones; the 2011 and 2022 data zones are different "
        "areas, so use a data set on the 2011 data zones"]
    assert (tiny_2022 / "values.csv").read_bytes() == before


EXPORT_2011_ZONES = """\
SuperWEB2(tm)

"Household"
"Data Zone 2011 by Household tenure"
"Counting: Households"

Filters:
"Default Summation","Households"

"Household tenure","Owned","Rented","Total",
"Data Zone 2011",
"S01006506",250,150,400,
"S01006507",90,60,150,
"Total",340,210,550,


"INFO","Cells in this table have been randomly adjusted to avoid the release of confidential data."
"""


def test_a_census_export_on_the_other_versions_data_zones_is_refused(tiny_2022, tmp_path):
    export = tmp_path / "table_2025-02-22_19-23-42.csv"
    export.write_text(EXPORT_2011_ZONES, encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text(f"file: {export}\n" + textwrap.dedent("""\
        layout: superweb2
        geography: {level: datazone}
        period: 2022
        indicators:
          - {id: rented, title: Households renting, theme: Housing, unit: percent, polarity: neutral,
             source: Census, numerator: Rented, denominator: Total}
        """), encoding="utf-8")
    with pytest.raises(DataProblemsError) as raised:
        add_indicators(tiny_2022, str(spec))
    assert raised.value.problems == [
        "geography.level: the export's rows are 2011 data zones ('Data Zone 2011'): its rows are codes of the 2011 "
        "data zones, but the data set 'Tiny Council (test fixture)' is on the 2022 data zones; the 2011 and 2022 "
        "data zones are different areas, so use a data set on the 2011 data zones"]
