"""SuperWEB2 (NRS Flexible Table Builder) exports: every quirk of the layout on small files
written here, the way NRS writes them, and every malformed export named by file, row and column."""

from __future__ import annotations

import openpyxl
import pytest

from pmf_kit.errors import DataFileError
from pmf_kit.sources.superweb2 import read_superweb2

PREAMBLE = """\
SuperWEB2(tm)

"Census 2022-Person-2Cv1"
"Scotland's Census 2022 - National Records of Scotland Table UV303 - Disability  All people "
"{geography} by Disability by Individuals"
"Counting: Individuals"

Filters:
"Default Summation","Individuals"

"""
FOOTER = """

"INFO","Cells in this table have been randomly adjusted to avoid the release of confidential data."


(c) Copyright WingArc Australia 2018
"""
WIDE_BODY = """\
"Disability","All people","Limited a lot","Limited a little","Not limited",
"{geography}",
"S01013482",969,63,140,766,
"S01013483",758,59,115,584,
"S01013484",542,33,59,450,
"""
TOTAL = '"Total",2269,155,314,1800,\n'


def wide_csv(tmp_path, geography="Data Zone (2022)", body=WIDE_BODY, total=TOTAL, footer=FOOTER,
             name="export.csv", newline="\n"):
    path = tmp_path / name
    text = PREAMBLE.format(geography=geography) + body.format(geography=geography) + total + footer
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def test_wide_csv_with_preamble_geography_row_trailing_comma_total_and_footnotes(tmp_path):
    export = read_superweb2(wide_csv(tmp_path, newline="\r\n"))
    assert export.title == "Scotland's Census 2022 - National Records of Scotland Table UV303 - Disability All people"
    assert (export.table_id, export.dataset, export.counting) == ("UV303", "Census 2022-Person-2Cv1", "Individuals")
    assert export.filters == {"Default Summation": "Individuals"}
    assert (export.geography_label, export.geography) == ("Data Zone (2022)", "datazone_2022")
    assert export.variables == ["Disability"]
    assert export.columns == ["All people", "Limited a lot", "Limited a little", "Not limited"]
    assert export.wide["geography_code"].tolist() == ["S01013482", "S01013483", "S01013484"]
    assert export.wide["source_row"].tolist() == [13, 14, 15]
    assert export.total == {"All people": 2269, "Limited a lot": 155, "Limited a little": 314, "Not limited": 1800}
    assert export.total_row == 16
    assert export.footnotes == [
        "INFO: Cells in this table have been randomly adjusted to avoid the release of confidential data.",
        "(c) Copyright WingArc Australia 2018"]
    tidy = export.tidy().set_index(["geography_code", "Disability"])["count"]
    assert len(tidy) == 12
    assert tidy[("S01013483", "Limited a little")] == 115
    assert tidy[("S01013484", "Not limited")] == 450


def test_an_older_export_in_windows_1252_with_a_bare_copyright_sign(tmp_path):
    path = wide_csv(tmp_path, footer=FOOTER.replace("(c)", "\u00a9"))
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    assert read_superweb2(path).footnotes[-1] == "\u00a9 Copyright WingArc Australia 2018"


def test_total_row_after_a_blank_line_and_a_total_within_perturbation_of_the_sum(tmp_path):
    export = read_superweb2(wide_csv(tmp_path, total='\n"Total",2270,155,313,1801,\n'))
    assert export.total["All people"] == 2270 and export.total_row == 17


def test_2011_data_zones_without_a_total_row(tmp_path):
    body = WIDE_BODY.replace("S0101348", "S0100651")
    export = read_superweb2(wide_csv(tmp_path, "Intermediate Zone - Data Zone 2011", body, total=""))
    assert export.geography == "datazone_2011" and export.total is None and export.total_row is None
    assert export.wide["geography_code"].tolist() == ["S01006512", "S01006513", "S01006514"]


def write_workbook(path, rows, title="Data Sheet 0"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("format").append(["heading", ""])
    workbook.save(path)
    return path


XLSX_PREAMBLE = [
    [], [], ["household2022NotVisibleFromCatalogueScreen"],
    ["Scotland's Census 2022 - National Records of Scotland\nTable UV404 - Household tenure - Households\n"
     "All occupied households"],
    ["Intermediate Zone - Data Zone 2011 by Household tenure"], ["Counting: Households"], [], ["Filters:"],
    ["Default Summation", "Households"], [],
]
XLSX_FOOTER = [[], [], ["INFO", "Data has been perturbed"], ["Crown copyright 2024\nFor further information"],
               ["\u00a9 WingArc Australia 2018"]]


def test_xlsx_wide_with_labels_one_column_right_stray_spaces_and_tabs(tmp_path):
    path = write_workbook(tmp_path / "tenure.xlsx", XLSX_PREAMBLE + [
        ["Household tenure", None, "All occupied households", "\tOwned: Total", "Social rented "],
        [None, "Intermediate Zone - Data Zone 2011"],
        [None, " S01006506", 491, 338, 100],
        [None, "S01006507 ", 366, 266, 50],
    ] + XLSX_FOOTER)
    export = read_superweb2(path)
    assert export.sheet == "Data Sheet 0"
    assert export.title == ("Scotland's Census 2022 - National Records of Scotland Table UV404 - Household tenure - "
                            "Households All occupied households")
    assert (export.table_id, export.counting, export.geography) == ("UV404", "Households", "datazone_2011")
    assert export.columns == ["All occupied households", "Owned: Total", "Social rented"]
    assert export.wide.set_index("geography_code").loc["S01006507", "Owned: Total"] == 266
    assert export.wide["source_row"].tolist() == [13, 14]
    assert export.footnotes[0] == "INFO: Data has been perturbed"


def test_two_header_rows_where_the_first_variable_spans_blank_cells(tmp_path):
    body = """\
"Household tenure","Owned",,"Rented",,
"Number of cars or vans","None","One or more","None","One or more",
"{geography}",
"S01013482",26,78,69,7,
"S01013483",33,75,53,7,
"""
    export = read_superweb2(wide_csv(tmp_path, body=body, total='"Total",59,153,122,14,\n'))
    assert export.variables == ["Household tenure", "Number of cars or vans"]
    assert export.columns == ["Owned | None", "Owned | One or more", "Rented | None", "Rented | One or more"]
    tidy = export.tidy().set_index(["geography_code", "Household tenure", "Number of cars or vans"])["count"]
    assert tidy[("S01013483", "Rented", "None")] == 53
    assert tidy[("S01013482", "Owned", "One or more")] == 78


LONG_ROWS = XLSX_PREAMBLE[:4] + [["Intermediate Zone - Data Zone 2011 by Age by Sex by Individuals"],
                                 ["Counting: Individuals"], [], ["Filters:"], ["Summation Options", "Individuals"], [],
                                 [" S01006506"], ["Sex", "All people", "Female", "Male"], ["Age"],
                                 ["All people", 969, 489, 480], ["0 - 4", 32, 16, 16], [], [],
                                 [" S01006507"], ["Sex", "All people", "Female", "Male"], ["Age"],
                                 ["All people", 758, 409, 349], ["0 - 4", 38, 19, 19], [], []]


def test_long_xlsx_a_block_per_area(tmp_path):
    export = read_superweb2(write_workbook(tmp_path / "age.xlsx", LONG_ROWS + XLSX_FOOTER[2:]))
    assert export.variables == ["Age", "Sex"]
    assert export.geography == "datazone_2011"
    assert export.columns == ["All people | All people", "All people | Female", "All people | Male",
                              "0 - 4 | All people", "0 - 4 | Female", "0 - 4 | Male"]
    tidy = export.tidy().set_index(["geography_code", "Age", "Sex"])["count"]
    assert tidy[("S01006507", "0 - 4", "Female")] == 19
    assert tidy[("S01006506", "All people", "Male")] == 480
    assert export.wide["source_row"].tolist() == [11, 18]


@pytest.mark.parametrize(("geography", "labels", "kind", "column"), [
    ("Output Area 2022", ["S00135307", "S00135308"], "output_area", "geography_code"),
    ("Intermediate Zone 2022", ["Cults, Bieldside and Milltimber West", "Culter"], "intermediate_zone",
     "geography_name"),
    ("Intermediate Zone 2011", ["S02001236", "S02001237"], "intermediate_zone", "geography_code"),
    ("Council Area 2019", ["Aberdeen City", "Fife"], "council", "geography_name"),
    ("Council Area 2019", ["S12000033", "S12000047"], "council", "geography_code"),
    ("Country", ["Scotland"], "scotland", "geography_name"),
])
def test_every_geography(tmp_path, geography, labels, kind, column):
    rows = "".join(f'"{label}",{10 + number},1,2,{7 + number},\n' for number, label in enumerate(labels))
    body = WIDE_BODY.split('"S01013482"')[0] + rows
    export = read_superweb2(wide_csv(tmp_path, geography, body, total=""), geography=kind)
    assert export.geography == kind
    assert export.wide[column].tolist() == labels
    assert export.by_name == (column == "geography_name")


def raises(path, **options) -> str:
    with pytest.raises(DataFileError) as raised:
        read_superweb2(path, **options)
    return str(raised.value)


def test_missing_total_row_when_one_is_required(tmp_path):
    path = wide_csv(tmp_path, total="")
    assert raises(path, require_total=True).startswith(f"{path}, row 16: expected a Total row after the last area")


def test_an_export_cut_short_after_an_area(tmp_path):
    path = wide_csv(tmp_path, total="", footer="")
    assert f"{path}, row 16: expected a Total row or NRS's footnotes after the last area" in raises(path)


def test_wrong_geography_a_2022_code_in_a_2011_export(tmp_path):
    path = wide_csv(tmp_path, "Intermediate Zone - Data Zone 2011", total="")
    assert raises(path) == (f"{path}, row 13, column 'Intermediate Zone - Data Zone 2011': expected a 2011 data "
                            "zone code (S01006506 to S01013481), found 'S01013482'")


def test_wrong_geography_an_export_of_another_geography_than_asked(tmp_path):
    path = wide_csv(tmp_path)
    assert raises(path, geography="datazone_2011") == (
        f"{path}, row 12: expected an export of 2011 data zones, found 'Data Zone (2022)'")


def test_a_geography_it_does_not_know(tmp_path):
    path = wide_csv(tmp_path, "Health Board 2019")
    assert raises(path).startswith(f"{path}, row 12: expected a geography of output areas, data zones")


def test_duplicate_codes(tmp_path):
    path = wide_csv(tmp_path, body=WIDE_BODY.replace('"S01013484"', '" S01013482"'), total="")
    assert raises(path) == (f"{path}, row 15, column 'Data Zone (2022)': expected each area once (it is also on "
                            "row 13), found 'S01013482'")


@pytest.mark.parametrize(("cell", "found"), [("fifty", "'fifty'"), ("", "'a blank cell'"), ("1,2", "'1,2'")])
def test_a_cell_that_is_not_a_number(tmp_path, cell, found):
    path = wide_csv(tmp_path, body=WIDE_BODY.replace("758,59,115", f'758,"{cell}",115'), total="")
    assert raises(path) == f"{path}, row 14, column 'Limited a lot': expected a number, found {found}"


def test_a_cell_that_is_not_a_number_in_a_long_block_names_its_own_row(tmp_path):
    rows = [list(row) for row in LONG_ROWS]
    rows[20][2] = "x"
    path = write_workbook(tmp_path / "age.xlsx", rows + XLSX_FOOTER[2:])
    assert raises(path) == (f"{path}, sheet 'Data Sheet 0', row 21, column 'All people | Female': "
                            "expected a number, found 'x'")


def test_a_total_that_disagrees_with_its_areas(tmp_path):
    path = wide_csv(tmp_path, total='"Total",2269,155,314,1900,\n')
    assert raises(path) == (f"{path}, row 16, column 'Not limited': expected a Total within 9 of the sum of the 3 "
                            "areas above it (1,800; NRS perturbs each cell a little), found '1,900'")


def test_a_file_that_is_not_an_export(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("Data zone,Count\nS01013482,4\n", encoding="utf-8")
    assert raises(path).startswith(f"{path}: expected an NRS Flexible Table Builder (SuperWEB2) export")
