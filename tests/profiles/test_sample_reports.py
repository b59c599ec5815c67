"""Integration: the batch builds every sample locality profile, and the HTML is what a locality
hub should receive: every section, the right numbers, nothing loaded from outside, no code, and
no small count anywhere in the page or its embedded chart data."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from click.testing import CliRunner

from pmf_kit.cli import cli
from pmf_kit.data.dataset import open_dataset
from tests.conftest import PROJECT_ROOT, SAMPLE_DATASET
from tests.html_parts import parts

pytestmark = pytest.mark.integration

SECTIONS = ["At a glance", "Indicators by theme", "Health", "Economy", "Education", "Community safety",
            "Housing", "Children and young people", "Older people", "Compared with the council and Scotland",
            "Inequalities", "Data zones and deprivation",
            "Areas that do not nest", "Sources and definitions"]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Run the sample locality run set once, into a temporary folder, with two workers."""
    output = tmp_path_factory.mktemp("reports") / "localities"
    run_set = tmp_path_factory.mktemp("parameters") / "localities.yaml"
    text = (PROJECT_ROOT / "parameters" / "sample" / "localities.yaml").read_text(encoding="utf-8")
    run_set.write_text(text.replace("output: reports/sample/localities", f"output: {output}"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(run_set), "--jobs", "2", "--index", str(output / "index.html")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    index = (output / "index.html").read_text(encoding="utf-8")
    pages = {path.stem: path.read_text(encoding="utf-8") for path in sorted(output.glob("*.html")) if path.name != "index.html"}
    assert all(f'href="{name}.html"' in index for name in pages), index
    return pages


def test_one_report_per_locality(reports):
    localities = open_dataset(SAMPLE_DATASET).areas("locality")
    assert len(reports) == len(localities) == 7
    assert "balgarvie-lochmorran-and-the-ochterlony-villages" in reports


def test_every_section_is_there(reports):
    for name, html in reports.items():
        headings = [heading.replace("¶", "").strip() for heading in parts(html, ("h1", "h2", "h3")).headings]
        for section in SECTIONS:
            assert section in headings, f"{name}: no heading {section!r}"


def test_nothing_is_loaded_from_outside_and_no_code_shows(reports):
    for name, html in reports.items():
        assert parts(html).external == [], name
        assert "import pmf_kit" not in html and "report.show_" not in html, name
        assert "hl-ipython3" not in html and "Traceback" not in html, name  # no highlighted code
        assert html.count("vegaEmbed(") >= 10, name


def test_population_matches_the_lookup(reports):
    lookup = pd.read_csv(SAMPLE_DATASET / "lookup.csv")
    residents = lookup.groupby("locality_name")["population"].sum()
    for locality, total in residents.items():
        slug = re.sub(r"[^a-z0-9]+", "-", locality.lower()).strip("-")
        assert f">{total:,.0f}<" in reports[slug], locality


def test_an_indicator_value_matches_the_data_worked_by_hand(reports):
    """Emergency admissions per 100,000 in 2024/25 for Auchterlinn, summed from data zones."""
    lookup = pd.read_csv(SAMPLE_DATASET / "lookup.csv", dtype=str)
    values = pd.read_csv(SAMPLE_DATASET / "values.csv", dtype={"geography_code": str, "period": str})
    zones = lookup.loc[lookup["locality_name"] == "Auchterlinn", "datazone_code"]
    rows = values[(values["indicator_id"] == "emergency_admissions") & (values["period"] == "2024/25")
                  & values["geography_code"].isin(zones)].dropna(subset=["numerator", "denominator"])
    rate = rows["numerator"].sum() / rows["denominator"].sum() * 100_000
    assert f">{rate:,.1f}<" in reports["auchterlinn"]


def embedded_specs(html: str) -> list[dict]:
    """Every Vega-Lite spec embedded in the page (Altair passes each as the first argument of an
    inline function call: `})({spec}, {options})`)."""
    decoder = json.JSONDecoder()
    return [decoder.raw_decode(html, match.end())[0] for match in re.finditer(r"\}\)\((?=\{)", html)]


def spec_rows(spec: dict) -> list[dict]:
    """The data rows a spec carries."""
    rows = [row for dataset in spec.get("datasets", {}).values() for row in dataset]
    if isinstance(spec.get("data"), dict):
        rows += spec["data"].get("values", [])
    return [row for row in rows if isinstance(row, dict)]


def spec_title(spec: dict) -> str:
    title = spec.get("title", "")
    return title.get("text", "") if isinstance(title, dict) else str(title)


def locality_numerators() -> pd.DataFrame:
    """Numerators summed from data zones per locality, indicator and period, worked with pandas."""
    lookup = pd.read_csv(SAMPLE_DATASET / "lookup.csv", dtype=str)
    values = pd.read_csv(SAMPLE_DATASET / "values.csv", dtype={"geography_code": str, "period": str})
    catalogue = pd.read_csv(SAMPLE_DATASET / "indicators.csv")
    values = values.dropna(subset=["numerator", "denominator"]).merge(
        lookup[["datazone_code", "locality_name"]], left_on="geography_code", right_on="datazone_code")
    sums = values.groupby(["locality_name", "indicator_id", "period"], as_index=False)["numerator"].sum()
    sums = sums.merge(catalogue[["indicator_id", "title", "suppression_threshold"]], on="indicator_id")
    sums["suppression_threshold"] = sums["suppression_threshold"].fillna(5)
    return sums


def trend_points(reports: dict[str, str]) -> pd.DataFrame:
    """Visible points of every trend chart of every report: chart title, area, period, value."""
    points = []
    for html in reports.values():
        for spec in embedded_specs(html):
            for row in spec_rows(spec):
                if {"area_name", "period", "value"} <= set(row) and row["value"] is not None:
                    points.append({"title": spec_title(spec), "area_name": row["area_name"],
                                   "period": row["period"], "value": row["value"]})
    return pd.DataFrame(points).drop_duplicates()


def test_no_small_count_is_charted(reports):
    small = locality_numerators()
    small = small[small["numerator"] < small["suppression_threshold"]]
    assert len(small), "the sample should hold small counts that need suppressing"
    shown = trend_points(reports).merge(small, left_on=["title", "area_name", "period"],
                                        right_on=["title", "locality_name", "period"])
    assert shown.empty, shown.head().to_string()


def test_no_hidden_locality_value_can_be_rebuilt_from_the_council_total(reports):
    points = trend_points(reports)
    localities = set(open_dataset(SAMPLE_DATASET).areas("locality")["name"])
    council = "Sample Council"
    locality_points = points[points["area_name"].isin(localities)]
    shown = locality_points.groupby(["title", "period"])["area_name"].nunique()
    council_shown = set(map(tuple, points.loc[points["area_name"] == council, ["title", "period"]].to_numpy()))
    hidden_one = [key for key, count in shown.items() if count == len(localities) - 1 and key in council_shown]
    assert hidden_one == [], hidden_one
    assert (shown < len(localities)).any(), "the sample should trigger suppression in some chart"
