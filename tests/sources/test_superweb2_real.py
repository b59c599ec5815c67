"""The real NRS exports of ../shared/realdata/census2022 read as SuperWEB2: cells checked against
figures read by eye from the raw files (head, tail and a spreadsheet view), and each Total row
against the sum of the zones above it, summed here from the raw CSV with the csv module."""

from __future__ import annotations

import csv
import math

import pytest

from pmf_kit.sources.superweb2 import TOTAL_NOISE_PER_ROOT_AREA, read_superweb2
from tests.conftest import REAL_DATA

CENSUS = REAL_DATA / "census2022"
pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not CENSUS.is_dir(), reason=f"real Census 2022 exports not found at {CENSUS}")]


def cells(export, code: str) -> dict[str, float]:
    return export.wide.set_index("geography_code").loc[code].to_dict()


def test_2011_zone_csv_ethnic_group_wide_without_total_row():
    export = read_superweb2(CENSUS / "dz2011" / "table_2024-07-12_20-31-26.csv", geography="datazone_2011")
    assert (export.table_id, export.counting, len(export.wide)) == ("UV201", "Individuals", 6976)
    assert export.total is None and export.footnotes[0] == "INFO: Data has been perturbed"
    first, last = cells(export, "S01006506"), cells(export, "S01013481")
    assert (first["All People"], first["White: Total"], first["White: White Scottish"]) == (969, 890, 703)
    assert (last["All People"], last["White: Total"], last["White: White Scottish"]) == (994, 839, 724)


def test_2011_zone_csv_religion():
    export = read_superweb2(CENSUS / "dz2011" / "table_2024-07-12_20-33-05.csv")
    first = cells(export, "S01006506")
    assert (first["All people"], first["Church of Scotland"], first["No religion"]) == (969, 195, 581)


def test_2011_zone_xlsx_age_by_sex_long_with_spaced_codes():
    export = read_superweb2(CENSUS / "dz2011" / "table_2024-07-12_20-33-56.xlsx")
    assert (export.table_id, export.variables, len(export.wide)) == ("UV102b", ["Age", "Sex"], 6976)
    assert len(export.columns) == 21 * 3
    first, last = cells(export, "S01006506"), cells(export, "S01013481")
    assert [first[f"All people | {sex}"] for sex in ("All people", "Female", "Male")] == [969, 489, 483]
    assert [first[f"0 - 4 | {sex}"] for sex in ("All people", "Female", "Male")] == [32, 16, 13]
    assert [first[f"85 and over | {sex}"] for sex in ("All people", "Female", "Male")] == [15, 8, 2]
    assert [last[f"85 and over | {sex}"] for sex in ("All people", "Female", "Male")] == [18, 10, 7]


@pytest.mark.parametrize(("name", "table", "column", "first", "last"), [
    ("table_2025-02-22_14-58-47.xlsx", "UV402", "Whole house or bungalow: Detached", (491, 133), (393, 203)),
    ("table_2025-02-22_19-48-17.xlsx", "UV415", "Occupancy rating of bedrooms: +2 or more", (491, 144), (393, 221)),
    ("table_2025-02-24_19-06-10.xlsx", "QS119SC", "Household is not deprived in any dimension", (424, 230), (189, 74)),
    ("table_2025-02-27_11-36-52.xlsx", "UV303", "Day-to-day activities limited a lot", (969, 63), (994, 53)),
])
def test_2011_zone_xlsx_wide(name, table, column, first, last):
    export = read_superweb2(CENSUS / "dz2011" / name, geography="datazone_2011")
    assert (export.table_id, export.sheet, len(export.wide)) == (table, "Data Sheet 0", 6976)
    everyone = export.columns[0]
    assert (cells(export, "S01006506")[everyone], cells(export, "S01006506")[column]) == first
    assert (cells(export, "S01013481")[everyone], cells(export, "S01013481")[column]) == last


def raw_zones_and_total(path):
    """Zone rows and the Total row of a raw export, by the csv module alone."""
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    zones = [row for row in rows if row and row[0].startswith("S01")]
    total = next(row for row in rows if row and row[0] == "Total")
    return zones, total


@pytest.mark.parametrize("name", [
    "scotlandcenus2022_AccType7_DataZone.csv", "scotlandcenus2022_CarVan5_DataZone.csv",
    "scotlandcenus2022_Tenure5_CarVan3_DataZone.csv", "scotlandcenus2022_Tenure5_DataZone.csv",
    "scotlandcenus2022_hhSize5_DataZone.csv", "scotlandcenus2022_householdComp10_DataZone.csv",
])
def test_2022_zone_total_row_agrees_with_the_sum_of_zones(name):
    path = CENSUS / "dz2022" / name
    export = read_superweb2(path, geography="datazone_2022", require_total=True)
    zones, total = raw_zones_and_total(path)
    assert len(export.wide) == len(zones) == 7392
    allowed = TOTAL_NOISE_PER_ROOT_AREA * math.sqrt(7392)
    for position, column in enumerate(export.columns, start=1):
        summed = sum(int(zone[position]) for zone in zones)
        assert export.total[column] == int(total[position])
        assert export.wide[column].sum() == summed
        assert abs(int(total[position]) - summed) <= allowed


def test_2022_zone_tenure_cells_and_total():
    export = read_superweb2(CENSUS / "dz2022" / "scotlandcenus2022_Tenure5_DataZone.csv")
    assert [cells(export, "S01013482")[column] for column in export.columns] == [169, 166, 43, 101, 11, 491]
    assert [cells(export, "S01020873")[column] for column in export.columns] == [114, 222, 38, 13, 6, 393]
    assert export.total["Total"] == 2509269 and export.total["Owned: Owned outright"] == 851132


def test_2022_zone_two_way_tenure_by_cars():
    export = read_superweb2(CENSUS / "dz2022" / "scotlandcenus2022_Tenure5_CarVan3_DataZone.csv")
    assert len(export.variables) == 2 and len(export.columns) == 15
    first = cells(export, "S01013482")
    assert first["Owned: Owned outright | Number of cars or vans in household: No cars or vans"] == 26
    assert first["Owned: Owned outright | Number of cars or vans in household: One car or van"] == 78
    assert first["Living rent free | Number of cars or vans in household: Two or more cars or vans"] == 0
    assert export.total["Owned: Owns with a mortgage or loan or shared ownership | "
                        "Number of cars or vans in household: No cars or vans"] == 58354
