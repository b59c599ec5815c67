"""Browser: sample reports (a locality profile with its methods appendix, a LOIP outcome report, a
partnership dashboard) and the index page opened offline in headless Chromium at 390, 800, 1280
and 1920 px. No table, chart or map is wider than the box holding it (on a phone a table may
scroll inside its own box), nothing reaches past the window, and no soft hyphen shows where a
reader would not expect one: beside a hyphen ("Alcohol--related") or inside an identifier, file
name or address ("hscp_loc-ality"). Screenshots of each page at each width are kept in
reports/screenshots/widths-*.png for a person to look at."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.browser import CHARTS_DRAWN, WIDER_THAN_THE_WINDOW, keep_screenshot, needs_browser
from tests.conftest import copy_project
from tests.widths import PHONE_UP_TO, SOFT_HYPHEN_ARTEFACTS, WIDER_THAN_THEIR_BOX, WIDTHS

pytestmark = [pytest.mark.integration, needs_browser()]

LOCALITY = "Balgarvie, Lochmorran and the Ochterlony Villages"  # the sample's longest name, in its tables' headers
PAGES = {
    "profile": "reports/sample/localities/balgarvie-lochmorran-and-the-ochterlony-villages.html",
    "outcome": "reports/sample/outcomes/healthier-lives.html",
    "dashboard": "reports/sample/dashboards/dashboard-2024-25-q4.html",
    "index": "reports/index.html",
}
PLACES_SHOWN = {"profile": ["Health", "Sources-and-definitions"], "outcome": ["Methods-and-sources"], "dashboard": [],
                "index": []}
"""Headings (ids) scrolled to for a screenshot beside the top of the page: a theme table, the appendix."""


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The pages of PAGES, made by one batch in a copy of the project: {name: file}."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    ran = subprocess.run([sys.executable, "-c", "from pmf_kit.cli import main; main()", "run", "parameters/sample/",
                          "--jobs", "2", "--only", LOCALITY, "--only", "healthier-lives",
                          "--only", "dashboard-2024-25-q4"], cwd=project, capture_output=True, text=True, timeout=1800)
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-3000:]
    found = {name: project / path for name, path in PAGES.items()}
    assert all(path.is_file() for path in found.values()), found
    return found


def opened(browser, path, width: int):
    """The page at `width`, its charts drawn and every folded data table opened to be measured."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
    page.evaluate("() => document.querySelectorAll('details').forEach(details => { details.open = true; })")
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_is_wider_than_its_box(browser, pages, width):
    problems = {}
    for name, path in pages.items():
        page = opened(browser, path, width)
        window = page.evaluate(WIDER_THAN_THE_WINDOW)
        boxes = page.evaluate(WIDER_THAN_THEIR_BOX, width <= PHONE_UP_TO)
        if window["page"] > window["window"] or window["wide"] or boxes:
            problems[name] = {**window, "boxes": boxes}
        shown = page.evaluate("() => ({text: document.body.innerText.length, h1: document.querySelector('h1')"
                              ".getBoundingClientRect().top})")
        assert shown["text"] > 500 and 0 <= shown["h1"] < 400, (name, shown)  # not a blank or shifted page
        keep_screenshot(page, f"widths-{name}-{width}")
        for place in PLACES_SHOWN[name]:
            page.locator(f"[id='{place}']").first.scroll_into_view_if_needed()
            keep_screenshot(page, f"widths-{name}-{place.lower()}-{width}")
        page.close()
    assert problems == {}


@pytest.mark.parametrize("width", [WIDTHS[0], WIDTHS[1]])
def test_no_soft_hyphen_shows_where_a_reader_would_not_expect_one(browser, pages, width):
    found = {}
    for name, path in pages.items():
        page = opened(browser, path, width)
        artefacts = page.evaluate(SOFT_HYPHEN_ARTEFACTS)
        if artefacts:
            found[name] = artefacts
        page.close()
    assert found == {}


def test_the_soft_hyphen_check_finds_each_artefact(browser):
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.set_content("<table><tr><td>Alcohol-&shy;related</td><td>hscp_loc&shy;ality</td>"
                     "<td>Clackman&shy;nanshire</td></tr></table><p><code>Spatial&shy;Data</code></p>")
    assert page.evaluate(SOFT_HYPHEN_ARTEFACTS) == [
        "soft hyphen in code or a link: \"Spatial\u00adData\"",
        'soft hyphen beside a hyphen: "Alcohol-related"',
        'soft hyphen inside an identifier or address: "hscp_locality"',
    ]
    page.close()
