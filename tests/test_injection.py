"""Text from data files never runs in a report and never becomes a spreadsheet formula.

A copy of the project gets payloads in the places anyone can type text: an area name
(lookup.csv), an indicator title (indicators.csv), KPI titles (kpis.yaml) and an action lead
(actions.csv). A locality profile and a LOIP outcome report are made from it by `pmf-kit run`,
with the index page, and each page is opened in headless Chromium with the network cut off: the
payloads show as text, none ran, and the charts drew. The At a Glance export and
`pmf-kit table --out` files are opened again: formula-like text is a string, never a formula.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml

from tests.browser import keep_screenshot, launch_offline, needs_browser
from tests.conftest import copy_project

PMF_KIT = str(Path(sys.executable).parent / "pmf-kit")
MARK = "window.__pmf_kit_payload_ran = true"
AREA_PAYLOAD = f'Isle of Innisbrae</script><script>{MARK}</script><img src=x onerror="{MARK}">'
TITLE_PAYLOAD = f"Recorded crime</script><script>{MARK}</script>"
KPI_PAYLOAD = f'Deliberate fires</script><script>{MARK}</script>"><svg onload="{MARK}">'
FORMULA_AREA = "=1+2 Strathfearn"
FORMULA_KPI = "=1+2"
FORMULA_LEAD = '=HYPERLINK("http://example.invalid","click")'
RUN_SET = """title: Payload reports
notebook: notebooks/{notebook}
dataset: data/sample
output: reports/payload/{folder}
parameters:
{parameters}
{areas}
"""


def _inject(project: Path) -> None:
    sample = project / "data" / "sample"
    lookup = pd.read_csv(sample / "lookup.csv", dtype=str, keep_default_na=False)
    lookup.loc[lookup["locality_code"] == "X99000007", "locality_name"] = AREA_PAYLOAD
    lookup.loc[lookup["locality_name"] == "Strathfearn", "locality_name"] = FORMULA_AREA
    lookup.to_csv(sample / "lookup.csv", index=False)
    catalogue = pd.read_csv(sample / "indicators.csv", dtype=str, keep_default_na=False)
    catalogue.loc[catalogue["indicator_id"] == "crime_rate", "title"] = TITLE_PAYLOAD
    catalogue.to_csv(sample / "indicators.csv", index=False)
    loip = project / "data" / "loip"
    register = yaml.safe_load((loip / "kpis.yaml").read_text(encoding="utf-8"))
    titles = {"SC03": KPI_PAYLOAD, "SC02": FORMULA_KPI}
    for kpi in register["kpis"]:
        kpi["title"] = titles.get(kpi["id"], kpi["title"])
        if kpi["geography"]["area"] == "Isle of Innisbrae":
            kpi["geography"]["area"] = "X99000007"
    (loip / "kpis.yaml").write_text(yaml.safe_dump(register, sort_keys=False), encoding="utf-8")
    actions = pd.read_csv(loip / "actions.csv", dtype=str, keep_default_na=False)
    first_safer = actions.index[actions["outcome"] == "safer_communities"][0]
    actions.loc[first_safer, "lead"] = FORMULA_LEAD
    actions.to_csv(loip / "actions.csv", index=False)
    parameters = project / "parameters" / "payload"
    parameters.mkdir()
    (parameters / "profile.yaml").write_text(RUN_SET.format(
        notebook="locality_profile.ipynb", folder="localities",
        parameters="  area_level: locality\n  comparator_levels: [council, scotland]",
        areas="areas: [X99000007]"), encoding="utf-8")
    (parameters / "outcome.yaml").write_text(RUN_SET.format(
        notebook="outcome_report.ipynb", folder="outcomes",
        parameters="  loip: data/loip\n  reporting_period: 2024/25 Q4\n  export_dir: reports/payload/exports",
        areas="reports:\n  - name: Safer communities\n    parameters: {outcome: safer_communities}"),
        encoding="utf-8")


@pytest.fixture(scope="module")
def payload_project(tmp_path_factory) -> Path:
    """A project copy with payloads in its data, its reports made by `pmf-kit run`."""
    project = copy_project(tmp_path_factory.mktemp("payload"))
    _inject(project)
    result = subprocess.run([PMF_KIT, "run", "parameters/payload/", "--jobs", "2"],
                            cwd=project, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def _pages(project: Path) -> list[Path]:
    return sorted((project / "reports" / "payload").rglob("*.html")) + [project / "reports" / "index.html"]


@pytest.mark.integration
def test_no_payload_reaches_a_page_unescaped(payload_project):
    pages = _pages(payload_project)
    assert len(pages) == 3
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for markup in (f"<script>{MARK}", "<img src=x onerror", "<svg onload"):
            assert markup not in html, (page, markup)


@pytest.mark.integration
@needs_browser()
def test_payloads_show_as_text_and_never_run_in_chromium(payload_project):
    from playwright.sync_api import sync_playwright

    expected_text = {"localities": ["Isle of Innisbrae</script><script>", "Recorded crime</script><script>"],
                     "outcomes": ["Deliberate fires</script><script>"],
                     "index": ["Isle of Innisbrae</script><script>"]}
    with sync_playwright() as playwright:
        browser = launch_offline(playwright)
        try:
            for path in _pages(payload_project):
                kind = path.parent.name if path.name != "index.html" else "index"
                page = browser.new_page(viewport={"width": 1200, "height": 1600})
                dialogs = []
                page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
                page.goto(path.as_uri())
                page.wait_for_load_state("load")
                if kind != "index":
                    page.wait_for_selector(".vega-embed svg, .vega-embed canvas", timeout=30_000)
                    page.wait_for_timeout(1000)
                    assert page.locator(".vega-embed .error, div.error").count() == 0
                    assert page.locator(".vega-embed svg, .vega-embed canvas").count() >= 2
                keep_screenshot(page, f"injection-{kind}")
                assert page.evaluate("window.__pmf_kit_payload_ran") is None, path
                assert dialogs == []
                text = page.inner_text("body")
                for payload in expected_text[kind]:
                    assert payload in text, (path, payload)
                page.close()
        finally:
            browser.close()


@pytest.mark.integration
def test_the_at_a_glance_export_keeps_formula_like_titles_and_leads_as_text(payload_project):
    [export] = list((payload_project / "reports" / "payload" / "exports").glob("*.xlsx"))
    workbook = openpyxl.load_workbook(export)
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    risky = [cell for cell in cells if isinstance(cell.value, str) and cell.value.startswith("=")]
    assert {cell.value for cell in risky} >= {FORMULA_KPI, FORMULA_LEAD}
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in risky)
    with zipfile.ZipFile(export) as archive:
        assert not any(b"<f>" in archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/"))


@pytest.mark.integration
@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_pmf_kit_table_keeps_a_formula_like_area_name_as_text(payload_project, suffix):
    out = payload_project / f"localities.{suffix}"
    result = subprocess.run([PMF_KIT, "table", "--dataset", "data/sample",
                             "--indicator", "crime_rate", "--level", "locality", "--out", out.name],
                            cwd=payload_project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    if suffix == "xlsx":
        sheet = openpyxl.load_workbook(out)["table"]
        [cell] = [cell for row in sheet.iter_rows() for cell in row if cell.value == FORMULA_AREA]
        assert cell.data_type == "s" and cell.quotePrefix
    else:
        with open(out, newline="", encoding="utf-8") as file:
            names = [row["area_name"] for row in csv.DictReader(file)]
        assert "'" + FORMULA_AREA in names and FORMULA_AREA not in names
