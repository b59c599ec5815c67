"""Census 2022 (and Census 2011's household deprivation) in the whole-Scotland import.

Unit tests read the synthetic exports of tests/fixtures/sources/scotland_2011/census2022/dz2011
(NRS's layout, made-up counts); integration tests compare the real import with figures computed
here straight from NRS's downloads with csv and openpyxl, and the lookups with plain pandas.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pmf_kit.data.dataset import open_dataset
from pmf_kit.errors import DataFileError
from pmf_kit.importers import import_scotland_2011
from pmf_kit.importers.census_dz2011 import FOLDER, find_exports, census_values
from tests.conftest import FIXTURES, REAL_DATA

FIXTURE_SOURCE = FIXTURES / "sources" / "scotland_2011"
CENSUS = REAL_DATA / "census2022" / "dz2011"


def raw_csv_rows(path: Path) -> dict[str, dict[str, float]]:
    """Data zone -> {column label: count} from a one-header-row SuperWEB2 CSV, read with csv."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = next(row for row in rows if row and row[0] and len(row) > 3 and not row[0].startswith("S01"))
    return {row[0].strip(): {label: float(cell) for label, cell in zip(header[1:], row[1:]) if label}
            for row in rows if row and row[0].strip().startswith("S01")}


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    out = tmp_path_factory.mktemp("mini") / "scotland"
    import_scotland_2011(FIXTURE_SOURCE, out)
    return out


def test_census_indicators_are_census_counts_published_at_source(mini):
    catalogue = pd.read_csv(mini / "indicators.csv").set_index("indicator_id")
    census = catalogue[catalogue.index.str.startswith("census_")]
    assert len(census) == 15 and len(set(census["theme"])) == 4
    assert set(census["variability"]) == {"census"}
    assert set(census["disclosure"]) == {"published_at_source"}
    assert census.loc["census_overcrowded_bedrooms", "definition"].count("households by bedrooms") == 1
    assert "people by rooms" in census.loc["census_overcrowded_bedrooms", "definition"]
    assert "swapping records" in census.loc["census_2011_households_deprived_2plus", "definition"]
    assert census.loc["census_limited", "period_source"] == "Scotland's Census 2022: census day, 20 March 2022 (NRS)"


def test_census_shares_are_the_categories_over_the_tables_total(mini):
    values = pd.read_csv(mini / "values.csv", dtype={"period": str}, low_memory=False)
    tenure = raw_csv_rows(FIXTURE_SOURCE / FOLDER / "uv404.csv")
    disability = raw_csv_rows(FIXTURE_SOURCE / FOLDER / "uv303.csv")
    for code in tenure:
        social = values[(values["indicator_id"] == "census_social_rented") & (values["geography_code"] == code)].iloc[0]
        counted = tenure[code]["Social Rented: Council (LA) or Housing Association/ Registered Social Landlord"]
        assert (social["period"], social["numerator"], social["denominator"]) == (
            "2022", counted, tenure[code]["All occupied households"])
        assert social["release"] == "NRS table UV404"
        limited = values[(values["indicator_id"] == "census_limited") & (values["geography_code"] == code)].iloc[0]
        a_lot, a_little = (disability[code][f"Day-to-day activities limited {how}"] for how in ("a lot", "a little"))
        assert limited["value"] == pytest.approx(100 * (a_lot + a_little) / disability[code]["All people"])


def test_age_bands_are_summed_from_the_two_header_row_table(mini):
    with (FIXTURE_SOURCE / FOLDER / "uv102b.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    bands, sexes = rows[10], rows[11]
    labels = []
    for band, sex in zip(bands, sexes):
        labels.append((band or labels[-1][0], sex))
    zone = next(row for row in rows if row and row[0] == "S01006506")
    people = {label: float(cell) for label, cell in zip(labels[1:], zone[1:])}
    over_65 = sum(count for (band, sex), count in people.items()
                  if sex == "All people" and band[:2].isdigit() and int(band.split()[0]) >= 65)
    values = pd.read_csv(mini / "values.csv", dtype={"period": str}, low_memory=False)
    row = values[(values["indicator_id"] == "census_aged_65_plus") & (values["geography_code"] == "S01006506")].iloc[0]
    assert (row["numerator"], row["denominator"]) == (over_65, people[("All people", "All people")])


def test_a_missing_census_table_is_named_before_anything_is_written(source_copy, tmp_path):
    (source_copy / FOLDER / "uv303.csv").unlink()
    with pytest.raises(DataFileError, match=r"dz2011: expected an NRS export of each census table pmf_kit reads; "
                                            r"none of UV303 \(Disability\)"):
        import_scotland_2011(source_copy, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_two_exports_of_one_table_are_refused(source_copy):
    shutil.copy(source_copy / FOLDER / "uv205.csv", source_copy / FOLDER / "uv205-again.csv")
    with pytest.raises(DataFileError, match="uv205.csv: expected one export of table UV205, found 'a second one "
                                            "beside uv205-again.csv'"):
        find_exports(source_copy / FOLDER)


def test_a_data_zone_missing_from_a_table_names_the_table(source_copy):
    path = source_copy / FOLDER / "uv205.csv"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith('"S01010207"')), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"uv205.csv: expected a row for every 2011 data zone of the lookup; "
                                            r"1 missing, the first S01010207"):
        census_values(find_exports(source_copy / FOLDER), ["S01006506", "S01006507", "S01010206", "S01010207"])


def test_a_perturbed_category_above_its_total_raises_the_total_to_it(source_copy):
    path = source_copy / FOLDER / "uv402.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = next(line for line in lines if line.startswith('"S01006506"')).rstrip("\n").split(",")
    flats = float(fields[4])  # Flat, maisonette or apartment: Total
    fields[1] = str(int(flats) - 1)  # All occupied households, one below the flats
    path.write_text("".join(",".join(fields) + "\n" if line.startswith('"S01006506"') else line for line in lines),
                    encoding="utf-8")
    values = census_values(find_exports(source_copy / FOLDER), ["S01006506", "S01006507", "S01010206", "S01010207"])
    row = values[(values["indicator_id"] == "census_flats") & (values["geography_code"] == "S01006506")].iloc[0]
    assert row["numerator"] == row["denominator"] == flats and row["value"] == 100


# --- Integration tests on NRS's real downloads ------------------------------------------------


def real_export(table_id: str) -> Path:
    for path in sorted(CENSUS.iterdir()):
        if path.suffix == ".csv" and f"Table {table_id} " in path.read_text(encoding="utf-8")[:600]:
            return path
        if path.suffix == ".xlsx":
            sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
            if any(f"Table {table_id} " in str(row[0]) for row in sheet.iter_rows(max_row=5, values_only=True) if row):
                return path
    raise AssertionError(f"no real export of {table_id}")


def raw_xlsx_wide(path: Path) -> dict[str, dict[str, float]]:
    """Data zone -> {column label: count} from a one-header-row XLSX export, read with openpyxl
    (labels one column right of the codes, as NRS writes them)."""
    rows = [row for row in openpyxl.load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True)]
    header = next(row for row in rows if row and any(isinstance(cell, str) and cell.startswith("All ") for cell in row))
    zones = {}
    for row in rows:
        code = next((cell.strip() for cell in row if isinstance(cell, str) and cell.strip().startswith("S01")), None) if row else None
        if code:
            zones[code] = {label: float(cell) for label, cell in zip(header, row) if label and isinstance(cell, (int, float))}
    return zones


def raw_age_65_plus(path: Path) -> pd.DataFrame:
    """Per data zone, residents aged 65+ and all residents from the long UV102b workbook."""
    rows = openpyxl.load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True)
    zone, people = None, {}
    for row in rows:
        first = row[0] if row else None
        if isinstance(first, str) and first.strip().startswith("S01"):
            zone = first.strip()
            people[zone] = [0.0, 0.0]
        elif zone and isinstance(first, str) and len(row) > 1 and isinstance(row[1], (int, float)):
            if first == "All people":
                people[zone][1] = float(row[1])
            elif first[:2].strip().isdigit() and int(first.split()[0]) >= 65:
                people[zone][0] += float(row[1])
    return pd.DataFrame.from_dict(people, orient="index", columns=["over_65", "people"])


COUNCILS = {"S12000041": "Angus", "S12000047": "Fife", "S12000049": "Glasgow City", "S12000013": "Na h-Eileanan Siar"}
LOCALITIES = ["Levenmouth", "Angus South West", "Coatbridge", "Barra"]


@pytest.mark.integration
def test_real_share_aged_65_and_over_in_2022_for_councils_and_localities(scotland):
    by_zone = raw_age_65_plus(real_export("UV102b"))
    council = pd.read_csv(REAL_DATA / "lookups" / "Datazone2011lookup_SG.csv", dtype=str).set_index("DZ2011_Code")["LA_Code"]
    localities = pd.read_csv(REAL_DATA / "lookups" / "datazone_to_hscp_locality_lookup_PHS_partial.csv",
                             encoding="utf-8-sig", dtype=str).set_index("DataZone")["SubHSCPName"].str.strip()
    dataset = open_dataset(scotland[0])
    councils = dataset.aggregate("council", "census_aged_65_plus", periods=["2022"]).set_index("geography_code")
    sums = by_zone.groupby(council).sum()
    for code in COUNCILS:
        assert councils.loc[code, "value"] == pytest.approx(100 * sums.loc[code, "over_65"] / sums.loc[code, "people"])
    shown = dataset.aggregate("hscp_locality", "census_aged_65_plus", periods=["2022"]).set_index("geography_name")
    sums = by_zone.groupby(localities).sum()
    for name in LOCALITIES:
        assert shown.loc[name, "value"] == pytest.approx(100 * sums.loc[name, "over_65"] / sums.loc[name, "people"])
    assert 20 < councils.loc["S12000041", "value"] < 30  # Angus is older than Scotland's 20%


@pytest.mark.integration
@pytest.mark.parametrize("indicator_id, table_id, counted, total", [
    ("census_limited_a_lot", "UV303", ["Day-to-day activities limited a lot"], "All people"),
    ("census_social_rented", "UV404", ["Social Rented: Council (LA) or Housing Association/ Registered Social Landlord"],
     "All occupied households"),
    ("census_minority_ethnic", "UV201", ["Mixed or multiple ethnic group", "Asian, Asian Scottish or Asian British: Total",
                                         "African: Total", "Caribbean or Black: Total", "Other ethnic groups: Total"],
     "All People"),
])
def test_real_census_shares_per_council(scotland, indicator_id, table_id, counted, total):
    path = real_export(table_id)
    zones = raw_csv_rows(path) if path.suffix == ".csv" else raw_xlsx_wide(path)
    frame = pd.DataFrame.from_dict(zones, orient="index")
    council = pd.read_csv(REAL_DATA / "lookups" / "Datazone2011lookup_SG.csv", dtype=str).set_index("DZ2011_Code")["LA_Code"]
    frame["counted"] = frame[counted].sum(axis=1)
    frame["total"] = frame[[total, "counted"]].max(axis=1)
    sums = frame.groupby(council)[["counted", "total"]].sum()
    imported = open_dataset(scotland[0]).aggregate("council", indicator_id, periods=["2022"]).set_index("geography_code")
    for code in COUNCILS:
        assert imported.loc[code, "value"] == pytest.approx(100 * sums.loc[code, "counted"] / sums.loc[code, "total"])
    assert len(imported) == 32 and imported["value"].notna().all()


def test_census_2011_household_deprivation_never_headlines_the_gaps_by_deprivation(mini):
    catalogue = pd.read_csv(mini / "indicators.csv").set_index("indicator_id")
    assert catalogue.loc["census_2011_households_deprived_2plus", "simd_input"]
    assert not catalogue.loc[catalogue.index.str.startswith("census_") & (catalogue.index != "census_2011_households_"
                                                                            "deprived_2plus"), "simd_input"].any()
