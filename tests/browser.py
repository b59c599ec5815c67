"""Driving headless Chromium as a person would: where the browser is, how to launch it with the
network cut off, and where screenshots are kept for a person to look at.

Browser tests never skip silently: a test that cannot find Chromium or Playwright skips with
BROWSER_MISSING, and `make test` ends by naming every such test and the command that enables
them (tests/conftest.py, pytest_terminal_summary).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_MISSING = "browser test: headless Chromium is not installed (apt-get install -y chromium)"
SCREENSHOTS = Path(os.environ.get("PMF_KIT_SCREENSHOTS", PROJECT_ROOT / "reports" / "screenshots"))
# A proxy that answers nothing: every request that is not to this machine fails, as offline.
OFFLINE_ARGS = ["--no-sandbox", "--proxy-server=127.0.0.1:9", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]

LAPTOP, PHONE = 1280, 390
"""Widths a report must fit: a laptop and a phone."""

# Every chart has drawn when each Altair output holds its SVG.
CHARTS_DRAWN = """() => [...document.querySelectorAll('[id^="altair-viz"]')].every(div => div.querySelector('svg'))"""

# Visible elements (charts' own marks aside) that reach past the window's edges, unless held in
# a box that clips or scrolls them (which is then checked itself).
WIDER_THAN_THE_WINDOW = """() => {
  const width = document.documentElement.clientWidth;
  const heldInABox = element => {
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      if (getComputedStyle(parent).overflowX !== 'visible') return true;
    }
    return false;
  };
  const wide = [];
  for (const element of document.body.querySelectorAll('*:not(svg *)')) {
    if (!element.checkVisibility()) continue;
    const box = element.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 1 || box.left < -1) && !heldInABox(element)) {
      wide.push(`${element.tagName.toLowerCase()}.${element.className} right=${Math.round(box.right)}`);
    }
  }
  return {page: document.documentElement.scrollWidth, window: width, wide: wide.slice(0, 5)};
}"""

TABLES_WIDER_THAN_THEIR_BOX = """() => [...document.querySelectorAll('table')]
  .filter(table => table.checkVisibility() && table.getBoundingClientRect().width > table.parentElement.clientWidth + 1)
  .map(table => `${table.caption ? table.caption.textContent : 'table'}: ${Math.round(table.getBoundingClientRect().width)} px`)"""


def needs_browser() -> pytest.MarkDecorator:
    """Skip (loudly: see the session summary) where Chromium or Playwright is missing."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return pytest.mark.skip(reason="browser test: Playwright is not installed (make test installs it)")
    return pytest.mark.skipif(CHROMIUM is None, reason=BROWSER_MISSING)


def launch_offline(playwright):
    """The system Chromium (Playwright's own download is unreachable here) with no network."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=OFFLINE_ARGS)


def keep_screenshot(page, name: str, **options) -> Path:
    """Save a screenshot where a person will look at it: reports/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), **options)
    return path
