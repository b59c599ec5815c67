"""Browser: every sample report (locality, data zone and custom-area profiles, LOIP outcome reports
and dashboards) opened offline in headless Chromium, as a reader on a laptop (1280 px) and on a
phone (390 px) would: nothing on the page is wider than the window, no table is wider than its
box on the laptop, the contents links land on their sections, and the print preview (A4 PDF)
of a profile starts each section on a new page without losing a table's right-hand columns."""

from __future__ import annotations

import io
import subprocess
import sys
import unicodedata

import pytest

from pmf_kit.profiles.report import SECTIONS, THEMES_SECTION
from tests.browser import (
    CHARTS_DRAWN,
    LAPTOP,
    PHONE,
    TABLES_WIDER_THAN_THEIR_BOX,
    WIDER_THAN_THE_WINDOW,
    keep_screenshot,
    needs_browser,
)
from tests.conftest import copy_project

pytestmark = [pytest.mark.integration, needs_browser()]

PROFILE = "localities/auchterlinn.html"
THEMES = ["Health", "Economy", "Education", "Community safety", "Housing", "Children and young people", "Older people"]
A4_CONTENT_WIDTH = 680  # 210 mm less 2 x 15 mm margins, in CSS pixels


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Every run set of parameters/sample/, run in a copy of the project: {relative path: file}."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    ran = subprocess.run([sys.executable, "-c", "from pmf_kit.cli import main; main()", "run", "parameters/sample/",
                          "--jobs", "2"], cwd=project, capture_output=True, text=True, timeout=1800)
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-3000:]
    folder = project / "reports" / "sample"
    found = {path.relative_to(folder).as_posix(): path for path in sorted(folder.glob("*/*.html"))}
    kinds = {name.split("/")[0] for name in found}
    assert {"localities", "datazones-isle-of-innisbrae", "custom-areas", "outcomes", "dashboards"} <= kinds, kinds
    return found


def opened(browser, path, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
    return page


@pytest.mark.parametrize("width", [LAPTOP, PHONE])
def test_no_report_is_wider_than_the_window(browser, reports, width):
    problems = {}
    for name, path in reports.items():
        page = opened(browser, path, width)
        found = page.evaluate(WIDER_THAN_THE_WINDOW)
        tables = page.evaluate(TABLES_WIDER_THAN_THEIR_BOX) if width == LAPTOP else []
        if found["page"] > found["window"] or found["wide"] or tables:
            problems[name] = {**found, "tables": tables}
        if name == PROFILE:
            keep_screenshot(page, f"profile-auchterlinn-{width}")
            page.locator("#Health").scroll_into_view_if_needed()
            keep_screenshot(page, f"profile-auchterlinn-health-{width}")
        page.close()
    assert len(reports) >= 20
    assert problems == {}


def test_contents_links_land_on_their_sections(browser, reports):
    page = opened(browser, reports[PROFILE], LAPTOP)
    links = page.locator("nav.pmf-contents a")
    targets = [href.lstrip("#") for href in links.evaluate_all("links => links.map(link => link.getAttribute('href'))")]
    assert len(targets) == len(SECTIONS) + len(THEMES)
    for position, target in enumerate(targets):
        page.evaluate("window.scrollTo(0, 0)")
        links.nth(position).click()
        page.wait_for_function(f"() => location.hash === '#{target}'")
        landed = page.evaluate(f"""() => {{
          const heading = document.getElementById({target!r});
          const top = heading.getBoundingClientRect().top;
          const atTheEnd = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
          return {{top, atTheEnd, tag: heading.tagName}};
        }}""")
        assert landed["tag"] in ("H2", "H3"), target
        assert 0 <= landed["top"] <= 24 or (landed["atTheEnd"] and landed["top"] < 900), (target, landed)
    page.close()


def test_the_print_preview_starts_each_section_on_a_new_page(browser, reports):
    import pypdf

    page = opened(browser, reports[PROFILE], LAPTOP)
    pdf = page.pdf(format="A4", print_background=True)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": 1000})
    cut_off = page.evaluate(WIDER_THAN_THE_WINDOW)["wide"] + page.evaluate(TABLES_WIDER_THAN_THEIR_BOX)
    page.close()
    # NFKC: the PDF sets "fi" as one ligature glyph (deﬁnitions)
    pages = [unicodedata.normalize("NFKC", sheet.extract_text()).strip() for sheet in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    assert "Auchterlinn" in pages[0] and "Contents" in pages[0] and "Key points" in pages[0]
    starts = [text.split("\n", 1)[0].strip() for text in pages[1:]]
    for section in [*SECTIONS[1:], *THEMES[1:]]:
        assert section in starts, f"no page starts with {section!r}: {starts}"
    themes_page = pages[1 + starts.index(THEMES_SECTION)]
    assert THEMES[0] in themes_page  # the first theme follows the section's introduction
    assert cut_off == []  # a printed table keeps its right-hand columns
