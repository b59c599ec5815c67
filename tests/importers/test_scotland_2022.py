"""Integration: `pmf-kit import scotland-2022` on ../shared/realdata, checked against figures
computed here straight from NRS's files (Parquet read with pandas, the SuperWEB2 CSVs with csv,
the lookups as plain CSV): the 2022 geography, census shares of councils and 2022 intermediate
zones, the 2022 population, the official figures preferred to summed ones; a broken source file
named; and the profiles of a 2022 intermediate zone and a council, which have no SIMD and no
map and say so, opened offline in Chromium."""

from __future__ import annotations

import csv
import html
import os
import re

import pandas as pd
import pytest
from click.testing import CliRunner

from pmf_kit.cli import cli
from pmf_kit.data.dataset import open_dataset
from pmf_kit.data.naming import slugify
from pmf_kit.errors import DataFileError
from pmf_kit.importers import import_scotland_2022
from tests.browser import CHARTS_DRAWN, LAPTOP, WIDER_THAN_THE_WINDOW, keep_screenshot, launch_offline, needs_browser
from tests.conftest import PROJECT_ROOT, REAL_DATA
from tests.html_parts import as_read, table_rows

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not REAL_DATA.is_dir(), reason=f"real published data not found at {REAL_DATA}"),
]

OUTPUT_AREAS = REAL_DATA / "census2022" / "oa2022"
OFFICIAL = REAL_DATA / "census2022" / "dz2022"
COUNCILS = ["Glasgow City", "Highland", "Orkney Islands", "Clackmannanshire", "Dumfries and Galloway"]
INTERMEDIATE_ZONES = ["S02002515", "S02003000", "S02003500", "S02003848"]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    work = tmp_path_factory.mktemp("scotland-2022")
    ran = CliRunner().invoke(cli, ["import", "scotland-2022", "--source", str(REAL_DATA),
                                   "--out", str(work / "scotland-2022")], catch_exceptions=False)
    assert ran.exit_code == 0, ran.output
    return work, ran.output


@pytest.fixture(scope="module")
def dataset(imported):
    return open_dataset(imported[0] / "scotland-2022")


@pytest.fixture(scope="module")
def by_zone():
    """Each 2022 data zone's intermediate zone and council, and each output area's zone."""
    lookup = pd.read_csv(REAL_DATA / "lookups" / "DataZone2022lookup_2024-12-16.csv", encoding="cp1252", dtype=str)
    zones = lookup.set_index("DZ22_Code")[["IZ22_Code", "LA_Name"]]
    areas = pd.read_csv(REAL_DATA / "lookups" / "oa2022_to_dz2022_by_centroid.csv", dtype=str)
    return zones, areas.set_index("OA")["geography_code"]


def output_area_table(table_id: str) -> pd.DataFrame:
    """An output-area table with NRS's labels for column names, as the metadata gives them."""
    metadata = pd.read_csv(OUTPUT_AREAS / "Table_Metadata.csv", dtype=str)
    labels = metadata[metadata["Table_ID"] == table_id].set_index("Variable_ID")["Variable_Name"].str.strip()
    return pd.read_parquet(OUTPUT_AREAS / f"{table_id}.parquet").rename(columns=labels)


def share_by_area(zone_counts: pd.DataFrame, counted: list[str], total: str, zones: pd.DataFrame) -> dict:
    """Percent of `total` in the `counted` columns for each council and intermediate zone, summed
    over data zones (a zone whose categories exceed its total counts their sum, as defined)."""
    numerator = zone_counts[counted].sum(axis=1)
    denominator = zone_counts[total].clip(lower=numerator)
    frame = pd.DataFrame({"n": numerator, "d": denominator}).join(zones)
    shares = {}
    for column in ("LA_Name", "IZ22_Code"):
        sums = frame.groupby(column)[["n", "d"]].sum()
        shares |= (100 * sums["n"] / sums["d"]).to_dict()
    return shares


def summed_to_zones(table_id: str, datazone_of: pd.Series) -> pd.DataFrame:
    table = output_area_table(table_id)
    return table.groupby(datazone_of.reindex(table.index).to_numpy()).sum()


def official_rows(name: str) -> dict[str, dict[str, float]]:
    """Data zone -> {label: count} from one of NRS's 2022 data zone CSVs, read with csv."""
    with (OFFICIAL / name).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = next(row for row in rows if len(row) > 3 and row[0].startswith("Household"))
    return {row[0].strip(): {label: float(cell) for label, cell in zip(header[1:], row[1:]) if label}
            for row in rows if row and row[0].strip().startswith("S01")}


def built_values(dataset, indicator_id: str) -> dict:
    values = {}
    for level in ("council", "intermediate_zone"):
        rows = dataset.aggregate(level, indicator_id)
        key = "geography_name" if level == "council" else "geography_code"
        values |= dict(zip(rows[key], rows["value"]))
    return values


def test_the_2022_geography_is_the_sg_lookups(dataset, imported):
    counts = {level: len(dataset.areas(level)) for level in ("datazone", "intermediate_zone", "ward", "council",
                                                             "hscp", "health_board", "scotland")}
    assert counts == {"datazone": 7392, "intermediate_zone": 1334, "ward": 355, "council": 32, "hscp": 31,
                      "health_board": 14, "scotland": 1}
    assert dataset.geography_version == "2022" and not dataset.has_simd and not dataset.has_boundaries
    assert "NHS Greater Glasgow and Clyde" in set(dataset.areas("health_board")["name"])
    assert "Clackmannanshire and Stirling" in set(dataset.areas("hscp")["name"])
    assert "no SIMD and no boundaries yet" in imported[1]


def test_at_least_twenty_census_indicators_in_six_themes_each_with_numerator_and_denominator(dataset):
    catalogue = dataset.catalogue
    assert len(catalogue) >= 20 and catalogue["theme"].nunique() >= 6
    assert set(catalogue["variability"]) == {"census"} and set(catalogue["disclosure"]) == {"published_at_source"}
    zones = dataset.values[dataset.values["geography_code"].str.startswith("S01")]
    assert zones.groupby("indicator_id").size().eq(7392).all()
    shares = zones[zones["indicator_id"].map(catalogue["unit"]) == "percent"]
    assert shares["numerator"].notna().all() and (shares["denominator"] >= shares["numerator"]).all()


@pytest.mark.parametrize("indicator_id, table_id, counted, total", [
    ("census_limited", "UV303", ["Day-to-day activities limited a lot", "Day-to-day activities limited a little"],
     "All people"),
    ("census_bad_health", "UV302", ["Bad", "Very bad"], "All people"),
    ("census_unpaid_carers", "UV301", ["All unpaid carers"], "All people aged 3 and over"),
])
def test_census_shares_of_councils_and_2022_intermediate_zones_equal_the_output_area_sums(
        dataset, by_zone, indicator_id, table_id, counted, total):
    zones, datazone_of = by_zone
    expected = share_by_area(summed_to_zones(table_id, datazone_of), counted, total, zones)
    built = built_values(dataset, indicator_id)
    for area in [*COUNCILS, *INTERMEDIATE_ZONES]:
        assert built[area] == pytest.approx(expected[area], rel=1e-9), area


def test_tenure_comes_from_nrss_own_2022_data_zone_table_and_differs_from_the_sum_by_a_few(dataset, by_zone, imported):
    zones, datazone_of = by_zone
    official = pd.DataFrame(official_rows("scotlandcenus2022_Tenure5_DataZone.csv")).T
    owned = ["Owned: Owned outright", "Owned: Owns with a mortgage or loan or shared ownership"]
    expected = share_by_area(official, owned, "Total", zones)
    built = built_values(dataset, "census_owner_occupied")
    for area in [*COUNCILS, *INTERMEDIATE_ZONES]:
        assert built[area] == pytest.approx(expected[area], rel=1e-9), area
    summed = summed_to_zones("UV404", datazone_of)["Owned: Total"]
    largest = (official[owned].sum(axis=1) - summed.reindex(official.index)).abs()
    assert f"census_owner_occupied: {int(largest.max()):,} ({largest.idxmax()})" in imported[1]
    assert 0 < largest.max() <= 30


@pytest.mark.parametrize("council", COUNCILS)
def test_the_2022_population_by_sex_and_age_is_the_census_by_council(dataset, by_zone, council):
    zones, datazone_of = by_zone
    ages = summed_to_zones("UV102b", datazone_of).join(zones)
    ages = ages[ages["LA_Name"] == council]
    population = dataset.population.merge(dataset.geography.lookup[["datazone_code", "council_name"]])
    population = population[population["council_name"] == council].groupby(["sex", "age_band"])["population"].sum()
    assert population[("female", "65-69")] == ages["Female: 65 - 69"].sum()
    assert population[("male", "15-19")] == ages[["Male: 15", "Male: 16 - 17", "Male: 18 - 19"]].sum(axis=1).sum()
    assert population[("female", "85+")] == ages["Female: 85 and over"].sum()
    assert "90+" not in population.index.get_level_values("age_band")


def test_a_broken_source_file_is_named_and_nothing_is_left_behind(tmp_path):
    """A source folder of links to the real files, one table replaced by a damaged copy."""
    source = tmp_path / "source"
    for folder in ("lookups", "census2022/dz2022", "census2022/oa2022"):
        (source / folder).mkdir(parents=True)
        for path in (REAL_DATA / folder).iterdir():
            os.symlink(path, source / folder / path.name)
    broken = output_area_table("UV302").head(40)
    broken.iloc[3, 1] = -2
    (source / "census2022/oa2022/UV302.parquet").unlink()
    pd.read_parquet(OUTPUT_AREAS / "UV302.parquet").head(40).assign(UV3020002=broken.iloc[:, 1].to_numpy()).to_parquet(
        source / "census2022/oa2022/UV302.parquet")
    with pytest.raises(DataFileError) as raised:
        import_scotland_2022(source, tmp_path / "out")
    assert "UV302.parquet, row 4, column 'UV3020002 (Very good)': expected a whole number" in str(raised.value)
    assert not (tmp_path / "out").exists() and [path.name for path in tmp_path.iterdir()] == ["source"]
    (source / "census2022/oa2022/UV302.parquet").unlink()
    os.symlink(OUTPUT_AREAS / "UV302.parquet", source / "census2022/oa2022/UV302.parquet")
    (source / "census2022/dz2022/scotlandcenus2022_Tenure5_DataZone.csv").unlink()
    with pytest.raises(DataFileError, match="expected an NRS export by 'Household tenure - 5 groups, collapsed'"):
        import_scotland_2022(source, tmp_path / "out")


def run_report(work, run_set: str, only: str) -> str:
    """One report of a committed 2022 run set, against the data set imported here; its HTML."""
    text = (PROJECT_ROOT / "parameters" / "scotland-2022" / run_set).read_text(encoding="utf-8")
    text = text.replace("dataset: data/scotland-2022", f"dataset: {work / 'scotland-2022'}")
    text = re.sub(r"output: \S+", f"output: {work / 'reports'}", text)
    (work / run_set).write_text(text, encoding="utf-8")
    ran = CliRunner().invoke(cli, ["run", str(work / run_set), "--only", only, "--index", str(work / "index.html")],
                             catch_exceptions=False)
    assert ran.exit_code == 0, ran.output
    return as_read((work / "reports" / f"{slugify(only)}.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reports(imported):
    work = imported[0]
    return {"Alloa North": run_report(work, "clackmannanshire.yaml", "Alloa North"),
            "Clackmannanshire": run_report(work, "councils.yaml", "Clackmannanshire")}


@pytest.mark.parametrize("name", ["Alloa North", "Clackmannanshire"])
def test_a_2022_profile_says_there_is_no_simd_or_map_yet_and_shows_the_census(dataset, reports, name):
    page = reports[name]
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", page, flags=re.S)))
    assert text.count(dataset.no_simd_note) == 2  # the inequalities section, and the sources' Deprivation row
    assert text.count(dataset.no_boundaries_note) == 1
    assert not re.search(r"\bNone\b|\bnan\b", text)
    level = "council" if name == "Clackmannanshire" else "intermediate_zone"
    area = dataset.find_area(name, level)
    residents = dataset.aggregate(level, "census_residents")
    residents = residents.loc[residents["geography_code"] == area.code, "value"].iloc[0]
    glance = dict((row[0], row[1]) for row in table_rows(page, f"{name} at a glance")[1:])
    assert not any("deprived" in measure for measure in glance)
    assert glance["Residents (2022, Scotland's Census 2022 (NRS))"] == f"{residents:,.0f}"
    health = table_rows(page, f"Health: {name} compared")
    limited = next(row for row in health if row[0] == "Day-to-day activities limited (census 2022)")
    value = dataset.aggregate(level, "census_limited").set_index("geography_code").loc[area.code, "value"]
    assert limited[3] == f"{value:.1f}"


@needs_browser()
def test_the_2022_profiles_render_offline(imported, reports):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_offline(playwright)
        page = chromium.new_page(viewport={"width": LAPTOP, "height": 900})
        requests = []
        page.on("request", lambda request: requests.append(request.url)
                if not request.url.startswith(("file:", "data:", "blob:", "about:")) else None)
        for name in reports:
            page.goto((imported[0] / "reports" / f"{slugify(name)}.html").as_uri())
            page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
            drawn = page.evaluate("() => document.querySelectorAll('[id^=\"altair-viz\"] svg').length")
            found = page.evaluate(WIDER_THAN_THE_WINDOW)
            keep_screenshot(page, f"profile-2022-{slugify(name)}")
            assert drawn >= 20 and found["wide"] == [] and found["page"] <= found["window"], (name, drawn, found)
        chromium.close()
    assert requests == []


def test_the_index_says_once_per_run_set_that_there_is_no_map(imported, dataset, reports):
    index = html.unescape((imported[0] / "index.html").read_text(encoding="utf-8"))
    assert index.count(dataset.no_boundaries_note) == 2 and "<svg" not in index
    assert "Alloa North" in index and "Clackmannanshire" in index
