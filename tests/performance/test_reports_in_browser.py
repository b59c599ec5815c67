"""Browser: the full-year (Q4) partnership dashboard and the annual Public Performance Report opened
in headless Chromium with the network cut off, as a board member or a resident would open them
from an email: every chart draws, nothing is fetched, and screenshots are kept for a person to
look at (reports/screenshots/)."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from pmf_kit.cli import cli
from tests.browser import keep_screenshot, launch_offline, needs_browser
from tests.conftest import PROJECT_ROOT

pytestmark = [pytest.mark.integration, needs_browser()]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """The Q4 dashboard and the LOIP's public report for 2024/25, built by the batch."""
    root = tmp_path_factory.mktemp("browser")
    built = {}
    for run_set, only, folder in (("dashboards", "Dashboard 2024-25 Q4", "dashboards"),
                                  ("public_reports", "Public Performance Report 2024-25", "public")):
        text = (PROJECT_ROOT / "parameters" / "sample" / f"{run_set}.yaml").read_text(encoding="utf-8")
        text = (text.replace(f"output: reports/sample/{folder}", f"output: {root / folder}")
                .replace("export_dir: reports/sample/exports", f"export_dir: {root / 'exports'}"))
        path = root / f"{run_set}.yaml"
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(cli, ["run", str(path), "--only", only, "--index", str(root / "index.html")],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        [page] = (root / folder).glob("*.html")
        built[run_set] = page
    yield built
    shutil.rmtree(root, ignore_errors=True)


def open_offline(playwright, path):
    """The page as a reader sees it, with every request that left the file recorded."""
    browser = launch_offline(playwright)
    page = browser.new_page(viewport={"width": 1200, "height": 1400})
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function("document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks').length > 0")
    return browser, page, requests, errors


def drawn_views(page) -> int:
    return page.locator(".vega-embed canvas, .vega-embed svg.marks").count()


def test_the_q4_dashboard_draws_its_risk_heat_map_offline(reports):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser, page, requests, errors = open_offline(playwright, reports["dashboards"])
        keep_screenshot(page, "dashboard-2024-25-q4-top")
        page.get_by_role("heading", name="Is each KPI SMART?").scroll_into_view_if_needed()
        keep_screenshot(page, "dashboard-2024-25-q4-smart-check")
        heat_map = page.get_by_role("heading", name="Heat map of open risks")
        heat_map.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        keep_screenshot(page, "dashboard-2024-25-q4-risks")
        page.get_by_role("heading", name="Improvement plan progress").scroll_into_view_if_needed()
        keep_screenshot(page, "dashboard-2024-25-q4-improvement-plan")
        assert page.get_by_role("heading", name="Risks above appetite").is_visible()
        page.get_by_text("Data table: Open risks by likelihood and impact").click()
        assert page.get_by_role("cell", name="Extreme (16): 2 (R01, R06)").is_visible()
        views, chart_errors = drawn_views(page), page.locator(".vega-embed .error").count()
        browser.close()
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []
    assert errors == [] and chart_errors == 0
    assert views == 22  # the heat map and the trend chart of each of the 21 KPIs with a figure


def test_the_public_report_reads_offline(reports):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser, page, requests, errors = open_offline(playwright, reports["public_reports"])
        keep_screenshot(page, "public-performance-report-2024-25-top")
        assert page.get_by_role("heading", name="Public Performance Report 2024/25").is_visible()
        page.get_by_role("heading", name="How we are doing, outcome by outcome").scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        keep_screenshot(page, "public-performance-report-2024-25-summary")
        page.get_by_role("heading", name="Stories from our communities").scroll_into_view_if_needed()
        keep_screenshot(page, "public-performance-report-2024-25-stories")
        headings = page.locator("h2").all_inner_texts()
        views = drawn_views(page)
        browser.close()
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []
    assert errors == []
    assert [heading.replace("¶", "").strip() for heading in headings] == [
        "About this report", "At a Glance", "How we are doing, outcome by outcome", "What we achieved this year",
        "Stories from our communities", "Inequalities", "Methods and sources"]
    assert views == 17  # one trend chart per LOIP measure
