"""Integration: a real Fife locality profile built from ../shared/realdata through the importer
and the same notebook as the sample, checked against figures computed from the raw files."""

from __future__ import annotations

import html
import re
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest
from click.testing import CliRunner

import pmf_kit as pk
from pmf_kit.cli import cli
from pmf_kit.data.dataset import open_dataset
from pmf_kit.data.naming import slugify
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.profiles.similar_areas import similarity_variables
from tests.browser import (
    CHARTS_DRAWN,
    LAPTOP,
    PHONE,
    TABLES_WIDER_THAN_THEIR_BOX,
    WIDER_THAN_THE_WINDOW,
    keep_screenshot,
    launch_offline,
    needs_browser,
)
from tests.conftest import PROJECT_ROOT, REAL_DATA
from tests.html_parts import as_read, table_rows

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not REAL_DATA.is_dir(), reason=f"real published data not found at {REAL_DATA}"),
]


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """All Scotland imported once; reports are written under the same folder."""
    work = tmp_path_factory.mktemp("real")
    imported = CliRunner().invoke(cli, ["import", "scotland-2011", "--source", str(REAL_DATA),
                                        "--out", str(work / "scotland")], catch_exceptions=False)
    assert imported.exit_code == 0, imported.output
    return work


def run_report(work, run_set_path, only: str) -> str:
    """Run one report of a committed run set against the imported data set; its HTML."""
    text = run_set_path.read_text(encoding="utf-8")
    text = text.replace("dataset: data/scotland", f"dataset: {work / 'scotland'}")
    text = re.sub(r"output: \S+", f"output: {work / 'reports'}", text)
    run_set = work / run_set_path.name
    run_set.write_text(text, encoding="utf-8")
    ran = CliRunner().invoke(cli, ["run", str(run_set), "--only", only, "--index", str(work / "index.html")],
                             catch_exceptions=False)
    assert ran.exit_code == 0, ran.output
    return (work / "reports" / f"{slugify(only)}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def levenmouth(real):
    """The Fife run set (areas: all within council=Fife), Levenmouth only."""
    return run_report(real, PROJECT_ROOT / "parameters" / "scotland" / "fife.yaml", "Levenmouth")


def test_residents_match_the_population_estimates(levenmouth):
    """Levenmouth's 2021 residents: SAPE 2021 persons summed over the PHS locality's data zones."""
    localities = pd.read_csv(REAL_DATA / "lookups" / "datazone_to_hscp_locality_lookup_PHS_partial.csv",
                             encoding="utf-8-sig")
    zones = set(localities.loc[localities["SubHSCPName"].str.strip() == "Levenmouth", "DataZone"])
    persons = pd.read_excel(REAL_DATA / "population" / "sape-2021-persons.xlsx",
                            sheet_name="Population_persons_2021", skiprows=2)
    residents = persons.loc[persons["Data zone code"].isin(zones), "Total population"].sum()
    assert len(zones) == 51
    assert f">{residents:,.0f}<" in levenmouth
    assert ">374,730<" in levenmouth and ">5,479,900<" in levenmouth  # Fife and Scotland


def test_income_deprivation_matches_simd_2020(levenmouth):
    """Income deprived share: SIMD 2020 income_count / Total_population over Levenmouth's zones."""
    localities = pd.read_csv(REAL_DATA / "lookups" / "datazone_to_hscp_locality_lookup_PHS_partial.csv",
                             encoding="utf-8-sig")
    zones = set(localities.loc[localities["SubHSCPName"].str.strip() == "Levenmouth", "DataZone"])
    simd = pd.read_excel(REAL_DATA / "simd" / "SIMD20_Data.xlsx", sheet_name="Data")
    rows = simd[simd["Data_Zone"].isin(zones)]
    share = 100 * pd.to_numeric(rows["income_count"]).sum() / rows["Total_population"].sum()
    assert f">{share:,.1f}<" in levenmouth


def test_the_real_report_is_self_contained(levenmouth):
    assert "<script src=" not in levenmouth and 'rel="stylesheet" href="http' not in levenmouth
    assert "Levenmouth" in levenmouth and "Data zones and deprivation" in levenmouth


def test_population_is_a_count_with_no_interval_and_no_comparison(levenmouth):
    """37,888 residents are not "lower" than Fife's 374,730: a count is no estimate of a rate."""
    header, *rows = table_rows(levenmouth, "Levenmouth against its comparators")
    population = dict(zip(header, next(row for row in rows if row[0] == "Total population")))
    assert population["Compared with Fife"] == population["Compared with Scotland"] == "not comparable: a count"
    header, *rows = table_rows(levenmouth, "Population over time")  # the theme's small multiples
    limits = [position for position, cell in enumerate(header) if "confidence limit" in cell]
    population = [row for row in rows if row[0] == "Total population"]
    assert population and all(row[position] == "–" for row in population for position in limits)
    header, *rows = table_rows(levenmouth, "Deprivation over time")
    income = [row for row in rows if row[0] == "People who are income deprived"]
    assert income and all(row[position] not in ("", "–") for row in income for position in limits)


def test_the_indicator_made_from_simd_is_not_broken_down_by_simd(levenmouth):
    header, *rows = table_rows(levenmouth, "Inequalities in Levenmouth by national SIMD quintile (SIMD 2020)")
    broken_down = [row[0] for row in rows]
    # inputs of SIMD itself are shown, marked, and never headline the key points' gaps
    assert {"People who are income deprived ‡", "Working-age people who are employment deprived ‡"} <= set(broken_down)
    assert "Residents of Scotland's 20% most deprived data zones" not in broken_down
    text = html.unescape(levenmouth)
    assert "Not broken down by deprivation: Residents of Scotland's 20% most deprived data zones. It is defined" in text
    assert "Residents of Scotland's 20% most deprived data zones by deprivation" not in text


def test_the_real_profile_is_as_rich_as_the_sample(real, levenmouth):
    """At least 25 indicators in at least 6 themes, like-for-like changes between the editions, and
    life expectancy with its published interval beside Fife's and Scotland's of another period (no
    verdict), read from the ScotPHO extract."""
    profile = LocalityProfile(open_dataset(real / "scotland"), "Levenmouth", "hscp_locality", ["council", "scotland"])
    with_own_figures = [indicator for indicator in profile.shown_indicator_ids
                        if profile.values[(profile.values["indicator_id"] == indicator)
                                          & (profile.values["geography_code"] == profile.area.code)]["value"].notna().any()]
    assert len(with_own_figures) >= 25
    assert len({profile.dataset.catalogue.loc[indicator, "theme"] for indicator in with_own_figures}) >= 6
    shown = as_read(levenmouth)
    assert shown.count(" since 2014/15, SIMD 2016<") == 2  # recorded crimes and their rate
    assert shown.count(" since ") >= 6
    extract = pd.read_csv(REAL_DATA / "indicators" / "scotpho_life_expectancy_extract.csv")
    females = extract[extract["indicator"] == "Life expectancy, females"]
    for name, area_type, period in [("Levenmouth", "HSC locality", "2016 to 2020 (5 year aggregate)"),
                                    ("Fife", "Council area", "2017 to 2019 (3 year aggregate)"),
                                    ("Scotland", "Scotland", "2017 to 2019 (3 year aggregate)")]:
        row = females[(females["area_name"] == name) & (females["area_type"] == area_type) & (females["period"] == period)].iloc[0]
        published = [Decimal(str(row[column])).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
                     for column in ("measure", "lower_confidence_interval", "upper_confidence_interval")]
        figure = "{} ({} to {})".format(*published)  # PHS rounds half up: 78.55 is 78.6
        assert f">{figure}{'' if name == 'Levenmouth' else '†'}<" in levenmouth, name
    assert ("† 3-year aggregate 2017-2019, ScotPHO profiles: Fife and Scotland (Life expectancy at birth, females; "
            "Life expectancy at birth, males). No figure for this area's period, so shown beside it for context, "
            "without a verdict.") in html.unescape(shown)


def test_levenmouths_similar_areas_are_matched_on_rurality_from_the_published_classes(real, levenmouth):
    """Levenmouth's rurality: the share of its SAPE 2021 residents in data zones of the SG Urban
    Rural Classification 2020's rural classes (6-fold 5 and 6); its five similar areas are HSCP
    localities, named under the title, and the method is stated once."""
    dataset = open_dataset(real / "scotland")
    localities = pd.read_csv(REAL_DATA / "lookups" / "datazone_to_hscp_locality_lookup_PHS_partial.csv",
                             encoding="utf-8-sig")
    zones = localities.loc[localities["SubHSCPName"].str.strip() == "Levenmouth", ["DataZone"]]
    classes = pd.read_csv(REAL_DATA / "lookups" / "datazone2011_urban_rural_2020.csv", encoding="utf-8-sig")
    persons = pd.read_excel(REAL_DATA / "population" / "sape-2021-persons.xlsx",
                            sheet_name="Population_persons_2021", skiprows=2)
    persons = persons.rename(columns={"Data zone code": "DataZone", "Total population": "people"})
    zones = zones.merge(classes, on="DataZone").merge(persons[["DataZone", "people"]], on="DataZone")
    expected = 100 * zones.loc[zones["UrbanRural6fold2020"].isin([5, 6]), "people"].sum() / zones["people"].sum()
    similar = pk.similar_areas(dataset, "Levenmouth", n=5, level="hscp_locality")
    levenmouth_code = dataset.find_area("Levenmouth", "hscp_locality").code
    variables = similarity_variables(dataset, "hscp_locality")
    assert variables.loc[levenmouth_code, "rural_share"] == pytest.approx(expected)
    assert len(similar) == 5 and levenmouth_code not in set(similar["code"])
    assert set(similar["code"]) <= set(dataset.areas("hscp_locality")["code"])
    names = ", ".join(html.escape(name) for name in similar["name"])
    assert f"Similar areas (5): {names}" in levenmouth
    assert levenmouth.count("the 5 areas of the same level nearest to this one on deprivation level (weight 1)") == 1
    assert len(levenmouth.encode("utf-8")) < 2_000_000


def test_a_locality_named_like_its_council_builds_with_both_labelled(real):
    report = run_report(real, PROJECT_ROOT / "parameters" / "scotland-national" / "hscp-localities.yaml",
                        "Clackmannanshire")
    shown = as_read(report)  # the long name may break in a narrow column (charts.display)
    # the council has the same data zones as the locality: never compared with itself, said in the title
    assert ">Clackmannanshire (council area)<" not in shown
    assert "Clackmannanshire (council area) has the same data zones as this area, so it is not compared with it." in \
        html.unescape(shown)


WIDEST_NAMES = ["Clackmannanshire", "Dumbarton/Alexandria", "Aberdeen North"]
"""Of the 97 HSCP localities opened in Chromium, the three whose tables were wider than their box at
1280 px: a locality named like its council (both columns labelled), a name joined by a slash, and
data zones named "Hazlehead/Queens Cross/Countesswells"."""


@needs_browser()
@pytest.mark.parametrize("width", [LAPTOP, PHONE])
def test_the_real_profiles_fit_a_laptop_and_a_phone(real, levenmouth, width):
    """Levenmouth and the localities with the widest names, opened offline in Chromium: nothing
    wider than the window and, on a laptop, no table wider than its box (the appendix's long
    definitions included)."""
    from playwright.sync_api import sync_playwright

    national = PROJECT_ROOT / "parameters" / "scotland-national" / "hscp-localities.yaml"
    for name in WIDEST_NAMES:
        if not (real / "reports" / f"{slugify(name)}.html").is_file():
            run_report(real, national, name)
    with sync_playwright() as playwright:
        chromium = launch_offline(playwright)
        page = chromium.new_page(viewport={"width": width, "height": 900})
        for name in ["Levenmouth", *WIDEST_NAMES]:
            page.goto((real / "reports" / f"{slugify(name)}.html").as_uri())
            page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
            found = page.evaluate(WIDER_THAN_THE_WINDOW)
            tables = page.evaluate(TABLES_WIDER_THAN_THEIR_BOX) if width == LAPTOP else []
            keep_screenshot(page, f"profile-{slugify(name)}-{width}")
            assert found["page"] <= found["window"] and found["wide"] == [] and tables == [], (name, found, tables)
        chromium.close()
