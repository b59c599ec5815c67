"""Census 2022 output-area tables summed to 2022 data zones, and the SG 2022 data zone lookup,
on small files written here: sums worked by hand, and every malformed file a clear error naming
the file, row and column."""

from __future__ import annotations

import pandas as pd
import pytest

from pmf_kit.errors import DataFileError
from pmf_kit.sources.census_output_areas import (
    read_metadata,
    read_output_area_lookup,
    read_output_area_table,
    sum_to_datazones,
)
from pmf_kit.sources.lookups import read_sg_datazone_2022_lookup

ZONES = ["S01013482", "S01013483"]
METADATA = """\
Variable_Name,Variable_ID,Table_ID,Table_Name,Type,Unit,Full_Name
All people,UV3030001,UV303,Disability,Count,Person,x
Day-to-day activities limited a lot,UV3030002,UV303,Disability,Count,Person,x
\tDay-to-day activities  limited a little,UV3030003,UV303,Disability,Count,Person,x
"""


def write_table(folder, rows: dict[str, list[float]]) -> None:
    frame = pd.DataFrame(rows, index=pd.Index(["UV3030001", "UV3030002", "UV3030003"])).T
    frame.index.name = "OA"
    frame.to_parquet(folder / "UV303.parquet")


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "Table_Metadata.csv").write_text(METADATA, encoding="utf-8")
    write_table(tmp_path, {"S00135307": [100, 10, 20], "S00135308": [50, 5, 5], "S00135309": [80, 8, 16]})
    (tmp_path / "lookup.csv").write_text(
        "OA,geography_code\nS00135307,S01013482\nS00135308,S01013482\nS00135309,S01013483\n", encoding="utf-8")
    return tmp_path


def test_output_areas_are_summed_to_their_data_zones_by_label(folder):
    table = read_output_area_table(folder, "UV303", read_metadata(folder))
    assert (table.name, table.unit) == ("Disability", "Person")
    summed = sum_to_datazones(table, read_output_area_lookup(folder / "lookup.csv", ZONES), ZONES)
    assert summed.loc["S01013482"].tolist() == [150, 15, 25]
    assert summed.loc["S01013483", "Day-to-day activities limited a lot"] == 8
    assert table.column("day-to-day activities limited a little").sum() == 41


@pytest.mark.parametrize("rows, message", [
    ({"S00135307": [100, 10, 20], "X": [1, 1, 1]}, "row 2, column 'OA': expected an output area code like S00135307, found 'X'"),
    ({"S00135307": [100, -1, 20]}, "row 1, column 'UV3030002 (Day-to-day activities limited a lot)': expected a whole number"),
    ({"S00135307": [100, 2.5, 20]}, "row 1, column 'UV3030002 (Day-to-day activities limited a lot)': expected a whole number"),
])
def test_a_bad_cell_names_its_row_and_column(folder, rows, message):
    write_table(folder, rows)
    with pytest.raises(DataFileError) as raised:
        read_output_area_table(folder, "UV303", read_metadata(folder))
    assert "UV303.parquet" in str(raised.value) and message in str(raised.value)


def test_a_table_missing_a_listed_column_or_its_file_is_named(folder):
    with (folder / "Table_Metadata.csv").open("a", encoding="utf-8") as metadata:
        metadata.write("Not limited,UV3030004,UV303,Disability,Count,Person,x\n")
    with pytest.raises(DataFileError, match="column 'UV3030004': expected every column Table_Metadata.csv lists"):
        read_output_area_table(folder, "UV303", read_metadata(folder))
    with pytest.raises(DataFileError, match="UV302.parquet: expected Census 2022 output area table UV302"):
        read_output_area_table(folder, "UV302", read_metadata(folder))
    (folder / "UV301.parquet").write_bytes(b"not parquet")
    with (folder / "Table_Metadata.csv").open("a", encoding="utf-8") as metadata:
        metadata.write("All people aged 3 and over,UV3010001,UV301,Unpaid care,Count,Person,x\n")
    with pytest.raises(DataFileError, match="UV301.parquet: expected a Parquet table"):
        read_output_area_table(folder, "UV301", read_metadata(folder))


@pytest.mark.parametrize("lookup, message", [
    ("OA,geography_code\nS00135307,S01013482\nS00135307,S01013483\n", "row 3, column 'OA': expected each output area once"),
    ("OA,geography_code\nS00135307,S01013482\nS00135309,S01006506\n",
     "row 3, column 'geography_code': expected a 2022 data zone of the lookup, found 'S01006506'"),
    ("OA,geography_code\nS00135307,S01013482\n", "expected at least one output area in every 2022 data zone; 1 have none"),
    ("OA,geography_code\nS0013530,S01013482\nS00135309,S01013483\n", "row 2, column 'OA': expected an output area code"),
])
def test_a_bad_output_area_lookup_is_named(folder, lookup, message):
    (folder / "lookup.csv").write_text(lookup, encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        read_output_area_lookup(folder / "lookup.csv", ZONES)
    assert message in str(raised.value)


def test_an_output_area_the_lookup_does_not_place_is_named(folder):
    (folder / "lookup.csv").write_text("OA,geography_code\nS00135307,S01013482\nS00135309,S01013483\n",
                                       encoding="utf-8")
    table = read_output_area_table(folder, "UV303", read_metadata(folder))
    with pytest.raises(DataFileError, match="found 'S00135308'"):
        sum_to_datazones(table, read_output_area_lookup(folder / "lookup.csv", ZONES), ZONES)


LOOKUP_2022 = ("DZ22_Code,DZ22_Name,IZ22_Code,IZ22_Name,MMWard_Code,MMWard_Name,LA_Code,LA_Name,HB_Code,HB_Name,"
               "HIA_Code,HIA_Name,UR6_Code,UR6_Name,Country_Code,Country_Name\n"
               "S01013482,Culter - 01,S02002515,Culter,S13002843,Lower Deeside\xa0,S12000033,Aberdeen City,"
               "S08000020,Grampian,S37000001,Aberdeen City,1,Large Urban Areas,S92000003,Scotland\n")


def test_the_2022_lookup_is_read_in_windows_1252_with_hscps_and_nhs_boards(tmp_path):
    path = tmp_path / "DataZone2022lookup.csv"
    path.write_bytes(LOOKUP_2022.encode("cp1252"))
    row = read_sg_datazone_2022_lookup(path).iloc[0]
    assert (row["ward_name"], row["hscp_code"], row["health_board_name"]) == (
        "Lower Deeside", "S37000001", "NHS Grampian")


def test_a_2011_lookup_given_as_the_2022_one_is_named(tmp_path):
    path = tmp_path / "DataZone2022lookup.csv"
    path.write_bytes(LOOKUP_2022.replace("S01013482", "S01006506").encode("cp1252"))
    with pytest.raises(DataFileError) as raised:
        read_sg_datazone_2022_lookup(path)
    assert ("row 2, column 'DZ22_Code': expected a 2022 data zone code (S01013482 to S01020873), not one of "
            "the 2011 data zones, found 'S01006506'") in str(raised.value)
