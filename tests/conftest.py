"""Shared fixtures: the hand-worked tiny data set and paths to the project's folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pmf_kit.data.dataset
import pmf_kit.data.kept_open

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TINY_DATASET = PROJECT_ROOT / "tests" / "fixtures" / "tiny_dataset"
SAMPLE_DATASET = PROJECT_ROOT / "data" / "sample"
REAL_DATA = PROJECT_ROOT.parent / "shared" / "realdata"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"


@pytest.fixture(autouse=True)
def data_sets_opened_afresh(monkeypatch):
    """Each test opens data sets afresh: `pmf-kit run`, which tests call in this process, keeps
    them open for the rest of its process (pmf_kit.data.kept_open)."""
    monkeypatch.setattr(pmf_kit.data.kept_open, "_kept", None)


@pytest.fixture
def tiny():
    """The six-zone data set whose numbers the tests work out by hand."""
    return pmf_kit.data.dataset.open_dataset(TINY_DATASET)


@pytest.fixture
def tiny_copy(tmp_path):
    """A writable copy of the tiny data set, for tests that break one of its files."""
    target = tmp_path / "tiny"
    shutil.copytree(TINY_DATASET, target)
    return target


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project root with the echo notebook and the tiny data set; the current directory."""
    (tmp_path / "notebooks").mkdir()
    shutil.copy(FIXTURES / "echo.ipynb", tmp_path / "notebooks" / "echo.ipynb")
    shutil.copytree(FIXTURES / "tiny_dataset", tmp_path / "data" / "tiny")
    (tmp_path / "parameters").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_run_set(project: Path, text: str, name: str = "run.yaml") -> Path:
    """Write a run set under the project's parameters/ and return its path relative to the project."""
    path = project / "parameters" / name
    path.write_text(text, encoding="utf-8")
    return path.relative_to(project)


def copy_project(target: Path) -> Path:
    """A copy of this project as a user's checkout holds it (marker, notebooks, data, run sets),
    for tests that run notebooks where they write files, without touching the repository."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT_ROOT / "pmf-kit.yaml", target / "pmf-kit.yaml")
    for folder in ("notebooks", "data", "parameters"):
        shutil.copytree(PROJECT_ROOT / folder, target / folder,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "scotland"))
    return target


@pytest.fixture(scope="module")
def browser():
    """Offline Chromium, one per test module that opens pages in it (tests.browser)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import launch_offline

    with sync_playwright() as playwright:
        chromium = launch_offline(playwright)
        yield chromium
        chromium.close()


def pytest_terminal_summary(terminalreporter):
    """End the run by naming every browser test that skipped and the one command that enables
    them, so a machine without Chromium never passes browser tests by skipping them quietly."""
    skipped = [report for report in terminalreporter.stats.get("skipped", [])
               if "browser test:" in str(report.longrepr)]
    if not skipped:
        return
    terminalreporter.write_sep("!", f"{len(skipped)} browser tests SKIPPED", red=True, bold=True)
    for report in skipped:
        terminalreporter.write_line(f"  {report.nodeid}: {report.longrepr[2]}")
    terminalreporter.write_line("  Enable them with: sudo apt-get install -y chromium   (CI: .ci/run does this)")
