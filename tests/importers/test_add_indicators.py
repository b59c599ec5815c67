"""`pmf-kit add-indicators`: an analyst's own file added to a data set, round trip and every
rejection, on the six-zone tiny data set (figures worked by hand) and on the real import."""

from __future__ import annotations

import sys
import textwrap

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from pmf_kit.cli import cli, main
from pmf_kit.data.dataset import open_dataset
from pmf_kit.errors import DataFileError, DataProblemsError
from pmf_kit.importers import import_scotland_2011
from pmf_kit.importers.add_indicators import add_indicators
from tests.conftest import PROJECT_ROOT, REAL_DATA

LONG_CSV = """\
Partner service file,,,
Intermediate zone,Year,Referrals,Households
northtown,2022/23,40,400
HILLFOOT,2022/23,*,150
SOUTHPORT,2022/23,30,600
Eastbay,2022/23,12,300
Northtown,2023-24,44,410
"""


def spec_for(tmp_path, data_file, body: str) -> str:
    path = tmp_path / "spec.yaml"
    path.write_text(f"file: {data_file}\n" + textwrap.dedent(body), encoding="utf-8")
    return str(path)


LONG_SPEC = """\
geography: {level: intermediate_zone, name_column: Intermediate zone}
layout: long
period_column: Year
indicators:
  - id: referrals
    title: Households referred to the service
    theme: Housing support
    unit: percent
    polarity: lower_is_better
    source: Tiny Council housing service
    numerator: Referrals
    denominator: Households
    suppression_threshold: 5
"""


@pytest.fixture
def long_file(tmp_path):
    path = tmp_path / "referrals.csv"
    path.write_text(LONG_CSV, encoding="utf-8")
    return path


def test_long_file_by_intermediate_zone_name_is_added_as_published_values(tiny_copy, tmp_path, long_file):
    added = add_indicators(tiny_copy, spec_for(tmp_path, long_file, LONG_SPEC))
    assert [(a.indicator_id, a.rows, a.areas, a.periods, a.new, a.replaced_rows) for a in added] == [
        ("referrals", 5, 4, ["2022/23", "2023/24"], True, 0)]
    dataset = open_dataset(tiny_copy)
    values = dataset.aggregate("intermediate_zone", "referrals").set_index(["geography_code", "period"])
    assert values.loc[("XI0000001", "2022/23"), "value"] == pytest.approx(100 * 40 / 400)
    assert values.loc[("XI0000001", "2023/24"), "value"] == pytest.approx(100 * 44 / 410)
    withheld = dataset.values.set_index(["geography_code", "period"]).loc[("XI0000002", "2022/23")]
    assert pd.isna(withheld["numerator"]) and withheld["quality_flag"] == "source_suppressed"
    assert dataset.catalogue.loc["referrals", "title"] == "Households referred to the service"


WIDE_SPEC = """\
sheet: Counts
geography: {level: datazone, column: Data zone}
layout: wide
periods: {2022: "2022", 2023: "2023"}
indicators:
  - id: callouts
    title: Fire callouts
    theme: Community safety
    unit: count
    polarity: lower_is_better
    source: Fire service
    numerator: "Callouts {period}"
"""


@pytest.fixture
def wide_file(tmp_path):
    path = tmp_path / "callouts.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Counts"
    sheet.append(["Fire callouts by data zone (test)"])
    sheet.append([])
    sheet.append(["Data zone", "Callouts 2022", "Callouts 2023"])
    for number, (first, second) in enumerate([(5, 6), (7, 8), (9, 10), (11, 12), (13, 14), (15, 16)], start=1):
        sheet.append([f"XD000000{number}", first, second])
    workbook.save(path)
    return path


def test_wide_workbook_by_data_zone_sums_to_every_level_and_readding_needs_replace(tiny_copy, tmp_path, wide_file):
    spec = spec_for(tmp_path, wide_file, WIDE_SPEC)
    add_indicators(tiny_copy, spec)
    council = open_dataset(tiny_copy).aggregate("council", "callouts").set_index("period")["value"]
    assert council.to_dict() == {"2022": 5 + 7 + 9 + 11 + 13 + 15, "2023": 6 + 8 + 10 + 12 + 14 + 16}
    values_before = (tiny_copy / "values.csv").read_bytes()
    refused = CliRunner().invoke(cli, ["add-indicators", "--dataset", str(tiny_copy), spec])
    assert refused.exit_code != 0
    assert isinstance(refused.exception, DataProblemsError)
    message = str(refused.exception)
    assert ("callouts: the file would replace values it already holds: 12 rows, 2 periods (2022, 2023), "
            "6 areas (XD0000001 2022: 5;") in message
    assert "and 7 more" in message and "--replace" in message
    assert (tiny_copy / "values.csv").read_bytes() == values_before
    result = CliRunner().invoke(cli, ["add-indicators", "--dataset", str(tiny_copy), "--replace", spec])
    assert result.exit_code == 0, result.output
    assert "callouts: 0 rows added, 12 replaced, 0 kept as they were; the file's 6 areas, periods 2022, 2023" in result.output
    assert (open_dataset(tiny_copy).values["indicator_id"] == "callouts").sum() == 12


ONE_FIGURE_SPEC = """\
geography: {{level: council, column: Council}}
layout: long
period_column: Year
indicators:
  - id: callouts
    title: Fire callouts
    theme: Community safety
    unit: {unit}
    polarity: lower_is_better
    source: Fire service
    numerator: Callouts
"""


def one_figure(tmp_path, period: str, callouts: int) -> str:
    """A KPI owner's return: one figure for the council, as a one-row file."""
    data = tmp_path / f"figure-{period.replace('/', '-').replace(' ', '')}.csv"
    data.write_text(f"Council,Year,Callouts\nXC0000001,{period},{callouts}\n", encoding="utf-8")
    return spec_for(tmp_path, data, ONE_FIGURE_SPEC.format(unit="count"))


def test_one_new_figure_is_appended_beside_the_data_zone_history(tiny_copy, tmp_path, wide_file):
    add_indicators(tiny_copy, spec_for(tmp_path, wide_file, WIDE_SPEC))
    result = CliRunner().invoke(cli, ["add-indicators", "--dataset", str(tiny_copy), one_figure(tmp_path, "2024", 70)])
    assert result.exit_code == 0, result.output
    assert "callouts: 1 row added, 0 replaced, 12 kept as they were; the file's 1 area, periods 2024" in result.output
    dataset = open_dataset(tiny_copy)
    assert (dataset.values["indicator_id"] == "callouts").sum() == 13
    council = dataset.aggregate("council", "callouts").set_index("period")["value"]
    assert council.to_dict() == {"2022": 60, "2023": 66, "2024": 70}


def test_correcting_one_held_figure_needs_replace_and_keeps_every_other_row(tiny_copy, tmp_path, wide_file):
    add_indicators(tiny_copy, spec_for(tmp_path, wide_file, WIDE_SPEC))
    add_indicators(tiny_copy, one_figure(tmp_path, "2024", 70))
    with pytest.raises(DataProblemsError, match=r"1 row, 1 period \(2024\), 1 area \(XC0000001 2024: 70\)"):
        add_indicators(tiny_copy, one_figure(tmp_path, "2024", 72))
    added, = add_indicators(tiny_copy, one_figure(tmp_path, "2024", 72), replace=True)
    assert (added.added_rows, added.replaced_rows, added.kept_rows) == (0, 1, 12)
    council = open_dataset(tiny_copy).aggregate("council", "callouts").set_index("period")["value"]
    assert council.to_dict() == {"2022": 60, "2023": 66, "2024": 72}


def test_a_quarter_added_to_an_annual_series_is_refused_even_with_replace(tiny_copy, tmp_path, wide_file):
    add_indicators(tiny_copy, spec_for(tmp_path, wide_file, WIDE_SPEC))
    values_before = (tiny_copy / "values.csv").read_bytes()
    with pytest.raises(DataProblemsError) as raised:
        add_indicators(tiny_copy, one_figure(tmp_path, "2024/25 Q1", 20), replace=True)
    assert raised.value.problems == [
        f"{tmp_path / 'figure-2024-25Q1.csv'}, row 2, column 'Year': expected a period of the kind callouts "
        "already holds: calendar years (2023), not financial quarters, found '2024/25 Q1'"]
    assert (tiny_copy / "values.csv").read_bytes() == values_before


def test_a_change_of_unit_says_the_whole_history_would_go(tiny_copy, tmp_path, wide_file):
    add_indicators(tiny_copy, spec_for(tmp_path, wide_file, WIDE_SPEC))
    data = tmp_path / "rate.csv"
    data.write_text("Council,Year,Callouts,Homes\nXC0000001,2024,70,7000\n", encoding="utf-8")
    spec = spec_for(tmp_path, data, ONE_FIGURE_SPEC.format(unit="rate_per_1000") + "    denominator: Homes\n")
    values_before = (tiny_copy / "values.csv").read_bytes()
    with pytest.raises(DataProblemsError, match="its whole history would be replaced, because the file changes "
                       "its unit: count → rate_per_1000: 12 rows, 2 periods \\(2022, 2023\\), 6 areas"):
        add_indicators(tiny_copy, spec)
    assert (tiny_copy / "values.csv").read_bytes() == values_before
    added, = add_indicators(tiny_copy, spec, replace=True)
    assert (added.added_rows, added.replaced_rows, added.kept_rows) == (1, 12, 0)
    assert open_dataset(tiny_copy).aggregate("council", "callouts")["value"].tolist() == [pytest.approx(10.0)]


@pytest.mark.parametrize(("old", "new", "message"), [
    ("SOUTHPORT,", "Atlantis,", "row 5, column 'Intermediate zone': expected the name of a intermediate_zone"),
    ("2023-24", "2023 to 24", "row 7, column 'Year': expected a period"),
    ("Eastbay,2022/23,12", "Eastbay,2022/23,-12", "row 6, column 'Referrals': expected a numerator of 0 or more"),
    ("SOUTHPORT,2022/23,30,600", "SOUTHPORT,2022/23,700,600", "row 5, column 'Referrals': expected a numerator no larger"),
    ("Northtown,2023-24", "Northtown,2022/23", "row 7: expected one row per area and period for referrals"),
    ("Eastbay,2022/23,12", "Eastbay,2022/23,twelve", "row 6, column 'Referrals': expected a number"),
])
def test_each_bad_row_is_named_with_file_row_and_column_and_nothing_is_written(tiny_copy, tmp_path, long_file, old, new, message):
    long_file.write_text(LONG_CSV.replace(old, new), encoding="utf-8")
    before = (tiny_copy / "values.csv").read_bytes(), (tiny_copy / "indicators.csv").read_bytes()
    with pytest.raises(DataProblemsError) as raised:
        add_indicators(tiny_copy, spec_for(tmp_path, long_file, LONG_SPEC))
    assert f"{long_file}, {message}" in str(raised.value)
    assert len(raised.value.problems) == 1
    assert ((tiny_copy / "values.csv").read_bytes(), (tiny_copy / "indicators.csv").read_bytes()) == before
    assert not [path for path in tiny_copy.iterdir() if path.name.startswith(".")]


def test_every_problem_is_listed_at_once(tiny_copy, tmp_path, long_file):
    long_file.write_text(LONG_CSV.replace("SOUTHPORT,", "Atlantis,").replace("2023-24", "someday"), encoding="utf-8")
    with pytest.raises(DataProblemsError) as raised:
        add_indicators(tiny_copy, spec_for(tmp_path, long_file, LONG_SPEC))
    assert str(raised.value).startswith(f"2 problems in {long_file}:")


def test_unknown_data_zone_code_and_missing_column_and_sheet(tiny_copy, tmp_path, wide_file):
    workbook = openpyxl.load_workbook(wide_file)
    workbook["Counts"]["A4"] = "XD0009999"
    workbook.save(wide_file)
    with pytest.raises(DataProblemsError, match="sheet 'Counts', row 4, column 'Data zone': expected a datazone code"):
        add_indicators(tiny_copy, spec_for(tmp_path, wide_file, WIDE_SPEC))
    with pytest.raises(DataProblemsError, match="column 'Callouts 2024': expected a column called 'Callouts 2024'"):
        add_indicators(tiny_copy, spec_for(tmp_path, wide_file, WIDE_SPEC.replace('2023: "2023"', '2024: "2024"')))
    with pytest.raises(Exception, match="a sheet called 'Totals'"):
        add_indicators(tiny_copy, spec_for(tmp_path, wide_file, WIDE_SPEC.replace("sheet: Counts", "sheet: Totals")))


@pytest.mark.parametrize(("old", "new", "message"), [
    ("unit: percent", "unit: per_cent", "indicators[1].unit: expected one of percent"),
    ("polarity: lower_is_better", "polarity: down", "indicators[1].polarity: expected one of"),
    ("id: referrals", "id: Referrals!", "indicators[1].id: expected lower case letters"),
    ("    denominator: Households\n", "", "indicators[1].denominator: a percent needs the column of its denominators"),
    ("period_column: Year\n", "", "period_column: expected the column"),
    ("level: intermediate_zone", "level: parish", "geography.level: the data set has no level 'parish'"),
    ("suppression_threshold: 5", "suppression_threshold: -1", "suppression_threshold: expected a whole number"),
])
def test_each_spec_mistake_is_named(tiny_copy, tmp_path, long_file, old, new, message):
    with pytest.raises(DataProblemsError, match=message.replace("[", r"\[").replace("]", r"\]")):
        add_indicators(tiny_copy, spec_for(tmp_path, long_file, LONG_SPEC.replace(old, new)))


def test_cli_lists_every_problem_without_a_traceback(tiny_copy, tmp_path, long_file, monkeypatch, capsys):
    long_file.write_text(LONG_CSV.replace("SOUTHPORT,", "Atlantis,"), encoding="utf-8")
    spec = spec_for(tmp_path, long_file, LONG_SPEC)
    monkeypatch.setattr(sys, "argv", ["pmf-kit", "add-indicators", "--dataset", str(tiny_copy), spec])
    with pytest.raises(SystemExit) as exited:
        main()
    error = capsys.readouterr().err
    assert exited.value.code == 2 and "Traceback" not in error
    assert error.startswith(f"error: 1 problem in {long_file}:\n  - {long_file}, row 5")


@pytest.mark.integration
@pytest.mark.skipif(not REAL_DATA.is_dir(), reason=f"real published data not found at {REAL_DATA}")
def test_the_worked_example_round_trips_on_the_real_import(tmp_path):
    """docs/examples: the Fife workbook added to the real import; Fife's rate is its incidents
    over its residents, summed with pandas straight from the workbook (withheld cells left out,
    numerator and denominator alike)."""
    out = tmp_path / "scotland"
    import_scotland_2011(REAL_DATA, out)
    spec = PROJECT_ROOT / "docs" / "examples" / "fife-community-safety.yaml"
    [added] = add_indicators(out, spec)
    assert (added.rows, added.areas) == (3 * 494, 494)
    sheet = pd.read_excel(PROJECT_ROOT / "docs" / "examples" / "fife-community-safety.xlsx", sheet_name="By data zone",
                          skiprows=3)
    counts = pd.to_numeric(sheet["ASB incidents 2023-24"], errors="coerce")
    reported = counts.notna()
    expected = 1000 * counts[reported].sum() / sheet.loc[reported, "Residents (mid-2021)"].sum()
    council = open_dataset(out).aggregate("council", "antisocial_behaviour_incidents", periods=["2023/24"])
    assert council.set_index("geography_name").loc["Fife", "value"] == pytest.approx(expected)


SUPERWEB2_EXPORT = """\
SuperWEB2(tm)

"Household"
"Intermediate Zone 2011 by Household tenure"
"Counting: Households"

Filters:
"Default Summation","Households"

"Household tenure","Owned","Social rented","Private rented","Total",
"Intermediate Zone 2011",
"Northtown",250,100,50,400,
"Hillfoot ",90,40,20,150,
"Southport",400,150,50,600,
"Eastbay",200,60,40,300,
"Total",940,350,160,1450,


"INFO","Cells in this table have been randomly adjusted to avoid the release of confidential data."
"""

SUPERWEB2_SPEC = """\
layout: superweb2
geography: {level: intermediate_zone}
period: 2022
indicators:
  - id: rented_households
    title: Households renting their home
    theme: Housing
    unit: percent
    polarity: neutral
    source: Scotland's Census 2022 (NRS)
    numerator: [Social rented, Private rented]
    denominator: Total
"""


@pytest.fixture
def superweb2_file(tmp_path):
    path = tmp_path / "table_2025-02-22_19-23-42.csv"
    path.write_text(SUPERWEB2_EXPORT, encoding="utf-8")
    return path


def test_superweb2_export_by_intermediate_zone_name_added_as_downloaded(tiny_copy, tmp_path, superweb2_file):
    [added] = add_indicators(tiny_copy, spec_for(tmp_path, superweb2_file, SUPERWEB2_SPEC))
    assert (added.indicator_id, added.rows, added.areas, added.periods) == ("rented_households", 4, 4, ["2022"])
    dataset = open_dataset(tiny_copy)
    zones = dataset.aggregate("intermediate_zone", "rented_households").set_index("geography_code")
    assert zones.loc["XI0000001", "value"] == pytest.approx(100 * (100 + 50) / 400)
    assert zones.loc["XI0000002", ["numerator", "denominator"]].tolist() == [40 + 20, 150]
    assert dataset.catalogue.loc["rented_households", "numerator_label"] == "Social rented + Private rented"


def test_superweb2_export_by_council_name_with_a_single_column_numerator(tiny_copy, tmp_path, superweb2_file):
    export = SUPERWEB2_EXPORT.replace("Intermediate Zone 2011", "Council Area 2019")
    body = export.split('"Northtown"')[0] + '"Tiny Council",940,350,160,1450,\n\n\n"INFO","Data has been perturbed"\n'
    superweb2_file.write_text(body, encoding="utf-8")
    spec = SUPERWEB2_SPEC.replace("intermediate_zone", "council").replace("[Social rented, Private rented]", "Owned")
    add_indicators(tiny_copy, spec_for(tmp_path, superweb2_file, spec))
    council = open_dataset(tiny_copy).values.set_index("geography_code").loc["XC0000001"]
    assert (council["numerator"], council["denominator"]) == (940, 1450)


@pytest.mark.parametrize(("old", "new", "message"), [
    ("level: intermediate_zone", "level: datazone",
     "geography.level: datazone, but the export's rows are intermediate zones ('Intermediate Zone 2011')"),
    ("Private rented]", "Private renting]",
     "indicators[1].numerator: the export has no column 'Private renting'; closest: 'Private rented'"),
    ("period: 2022\n", "", "period: expected, for a superweb2 export, the period its figures describe"),
    ("period: 2022\n", "period_column: Year\n", "period_column: a superweb2 export has one period; give it as period"),
    ("level: intermediate_zone}", "level: intermediate_zone, name_column: Zone}",
     "geography: a superweb2 export's rows are its areas; give only level"),
])
def test_superweb2_spec_mistakes_are_named(tiny_copy, tmp_path, superweb2_file, old, new, message):
    with pytest.raises(DataProblemsError) as raised:
        add_indicators(tiny_copy, spec_for(tmp_path, superweb2_file, SUPERWEB2_SPEC.replace(old, new)))
    assert message in str(raised.value)


def test_superweb2_area_not_in_the_data_set_and_a_malformed_export(tiny_copy, tmp_path, superweb2_file):
    superweb2_file.write_text(SUPERWEB2_EXPORT.replace('"Eastbay"', '"Westbay"'), encoding="utf-8")
    with pytest.raises(DataProblemsError) as raised:
        add_indicators(tiny_copy, spec_for(tmp_path, superweb2_file, SUPERWEB2_SPEC))
    assert (f"{superweb2_file}, row 15, column 'Intermediate Zone 2011': expected the name of a intermediate_zone"
            in str(raised.value))
    superweb2_file.write_text(SUPERWEB2_EXPORT.replace("90,40", "90,forty"), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"row 13, column 'Social rented': expected a number, found 'forty'"):
        add_indicators(tiny_copy, spec_for(tmp_path, superweb2_file, SUPERWEB2_SPEC))


@pytest.mark.integration
@pytest.mark.skipif(not REAL_DATA.is_dir(), reason=f"real published data not found at {REAL_DATA}")
def test_the_census_worked_example_adds_the_real_superweb2_export_as_downloaded(tmp_path):
    """docs/examples/census-2022-disability.yaml on the real import: a data zone's share from
    the cells read by eye in the raw workbook, and Fife's summed from the workbook with openpyxl."""
    out = tmp_path / "scotland"
    import_scotland_2011(REAL_DATA, out)
    [added] = add_indicators(out, PROJECT_ROOT / "docs" / "examples" / "census-2022-disability.yaml")
    assert (added.rows, added.areas, added.periods) == (6976, 6976, ["2022"])
    dataset = open_dataset(out)
    values = dataset.values[dataset.values["indicator_id"] == "census_2022_activities_limited"]
    zone = values.set_index("geography_code").loc["S01006506"]
    assert (zone["numerator"], zone["denominator"]) == (63 + 140, 969)
    workbook = openpyxl.load_workbook(REAL_DATA / "census2022" / "dz2011" / "table_2025-02-27_11-36-52.xlsx",
                                      read_only=True)
    rows = {str(row[1]).strip(): row[2:6] for row in workbook["Data Sheet 0"].iter_rows(min_row=13, values_only=True)
            if row[1] and str(row[1]).strip().startswith("S01")}
    lookup = dataset.geography.lookup
    fife = lookup.loc[lookup["council_name"] == "Fife", "datazone_code"]
    limited = sum(rows[code][1] + rows[code][2] for code in fife)
    people = sum(rows[code][0] for code in fife)
    council = dataset.aggregate("council", "census_2022_activities_limited").set_index("geography_name")
    assert council.loc["Fife", "value"] == pytest.approx(100 * limited / people)


def test_superweb2_export_of_another_geography_version_is_one_problem(tiny_copy, tmp_path, superweb2_file):
    export = SUPERWEB2_EXPORT.replace("Intermediate Zone 2011", "Data Zone (2022)").replace('"Total",940,350,160,1450,\n', "")
    for number, name in enumerate(["Northtown", "Hillfoot ", "Southport", "Eastbay"]):
        export = export.replace(f'"{name}"', f'"S0101349{number}"')
    superweb2_file.write_text(export, encoding="utf-8")
    spec = SUPERWEB2_SPEC.replace("intermediate_zone", "datazone")
    with pytest.raises(DataProblemsError) as raised:
        add_indicators(tiny_copy, spec_for(tmp_path, superweb2_file, spec))
    assert raised.value.problems == [
        "geography.level: the export's rows are 2022 data zones ('Data Zone (2022)'), and none of its 4 codes is a "
        "datazone of the data set (is it another geography version?)"]
