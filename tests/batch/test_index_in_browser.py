"""The index page as a locality hub member uses it, in headless Chromium with no network: type
part of a name in the search box and only the matching reports stay; select an area on the map
and its report opens."""

from __future__ import annotations

import pytest

from pmf_kit.batch.index_page import ListedReport, ListedRunSet, index_html, update_index
from pmf_kit.batch.runner import ReportOutcome, select_reports
from pmf_kit.batch.runsets import load_run_sets
from tests.browser import keep_screenshot, launch_offline, needs_browser
from tests.conftest import copy_project

pytestmark = [pytest.mark.integration, needs_browser()]
# The labels of the report rows a reader can see, read in the page at once.
VISIBLE_REPORTS = ("Array.from(document.querySelectorAll('tbody tr'))"
                   ".filter(row => row.offsetParent !== null).map(row => row.cells[0].innerText)")
# A map as drawn: each area's fill, the names written on it and the legend's names.
MAP_AS_DRAWN = """figure => ({
  fills: [...figure.querySelectorAll('svg a path')].map(path => getComputedStyle(path).fill),
  labels: [...figure.querySelectorAll('svg text')].map(text => text.textContent.replace(/\\s+/g, ' ').trim()),
  legend: [...figure.querySelectorAll('ul.legend li')].map(item => item.innerText.trim())})"""


@pytest.fixture
def index(tmp_path, monkeypatch):
    """The index of every sample run set, each report a one-line page of its own."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    run_sets = load_run_sets("parameters/sample")
    reports = select_reports(run_sets)
    for report in reports:
        page = project / report.output_path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<!DOCTYPE html><meta name="generator" content="pmf_kit"><title>{report.label}</title>'
                        f"<h1>Report for {report.label}</h1>", encoding="utf-8")
    return update_index(run_sets, [ReportOutcome(report, 1.0) for report in reports]), len(reports)


def test_the_search_box_filters_as_you_type_and_the_map_opens_a_report(index):
    from playwright.sync_api import sync_playwright

    path, total = index
    requests = []
    with sync_playwright() as playwright:
        browser = launch_offline(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.on("request", lambda request: requests.append(request.url))
        page.goto(path.as_uri())
        rows = page.locator("tbody tr")
        assert rows.count() == total
        assert page.locator("#shown").inner_text() == f"{total} reports"
        localities = page.locator("section.run-set", has_text="Locality profiles")
        assert localities.locator("figure.map svg a").count() == 7  # the seven localities, each a link
        assert page.locator("figure.map svg a").count() == 7 + 8 + 2  # and data zones, custom areas
        keep_screenshot(page, "index-1280", full_page=True)
        assert page.locator("h2").all_inner_texts() == [
            "Locality profiles", "Data zone profiles, Isle of Innisbrae", "Annual reports to the public",
            "LOIP outcome reports", "Partnership dashboards", "Custom area profiles"]
        map_drawn = localities.locator("figure.map").evaluate(MAP_AS_DRAWN)
        assert len(set(map_drawn["fills"])) >= 3 and "rgb(107, 174, 214)" not in map_drawn["fills"]
        assert "Inverbrackie" in map_drawn["labels"] and "Strathfearn" in map_drawn["labels"]
        assert map_drawn["legend"] == sorted(map_drawn["legend"]) and len(map_drawn["legend"]) == 7

        page.locator("#search").press_sequentially("inverb", delay=40)  # as a person types
        # a custom area, the locality, its locality plan
        # the locality, its locality plan, a custom area: places, performance, extras
        assert page.evaluate(VISIBLE_REPORTS) == ["Inverbrackie", "Inverbrackie locality plan 2024-25",
                                                  "Inverbrackie town centre"]
        assert page.locator("#shown").inner_text() == f"3 of {total} reports found"
        assert page.locator("figure.map svg a:not(.dimmed)").count() == 2
        assert page.locator("figure.map ul.legend a:not(.dimmed)").count() == 2
        assert not page.locator("section.run-set", has_text="LOIP outcome reports").is_visible()
        keep_screenshot(page, "index-1280-search", full_page=True)

        page.locator("#search").fill("isle of innisbrae")
        assert len(page.evaluate(VISIBLE_REPORTS)) == 1 + 8 + 1  # the locality, its data zones, its plan
        page.locator("#search").fill("")
        assert len(page.evaluate(VISIBLE_REPORTS)) == total

        localities.locator("figure.map a", has=page.locator("title", has_text="Auchterlinn")).click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Report for Auchterlinn"
        browser.close()
    assert all(url.startswith("file://") for url in requests), requests


def test_the_search_copes_with_every_report_of_the_national_run_sets(tmp_path):
    from playwright.sync_api import sync_playwright

    sizes = {"HSCP localities": (97, "hscp_locality"), "Intermediate zones": (1279, "intermediate_zone"),
             "Data zones": (6976, "datazone")}
    groups = [
        ListedRunSet(f"parameters/{title}.yaml", title, "Scotland", [
            ListedReport(f"{title} area {n:04d}", f"reports/{title}/{n}.html", "2026-12-01", "0.1.0",
                         f"Council {n % 32:02d}", f"S{n:04d}") for n in range(count)],
            None, "places", "locality_profile", level)
        for title, (count, level) in sizes.items()
    ]
    path = tmp_path / "index.html"
    path.write_text(index_html(groups, tmp_path), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = launch_offline(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(path.as_uri())
        assert page.locator("#shown").inner_text() == "8352 reports"
        assert page.locator("details.council[open]").count() == 0  # 96 council groups, folded
        page.locator("#search").press_sequentially("zones area 0042", delay=20)
        assert page.locator("#shown").inner_text() == "2 of 8352 reports found"
        assert page.evaluate(VISIBLE_REPORTS) == ["Intermediate zones area 0042", "Data zones area 0042"]
        assert page.locator("details.council[open]").count() == 2
        keep_screenshot(page, "index-national-8352-search")
        browser.close()
