"""Report title blocks: what the report is, for when, and the files it read, named from the project
root (never the folders of the machine that made it), every text escaped."""

from __future__ import annotations

import pytest
from IPython.display import HTML

from pmf_kit.performance import loip_report, public_report
from tests.conftest import PROJECT_ROOT, SAMPLE_DATASET

LOIP = PROJECT_ROOT / "data" / "loip"


def shown(monkeypatch, module, show, report) -> str:
    """The HTML a show_* function displays."""
    displayed: list[HTML] = []
    monkeypatch.setattr(module, "display", displayed.append)
    show(report)
    return "".join(item.data for item in displayed)


@pytest.fixture(scope="module")
def report():
    return public_report.open_public_report(SAMPLE_DATASET, LOIP, "2024/25", "Inverbrackie locality plan")


def test_the_dashboard_title_names_the_loip_folder_from_the_root(monkeypatch, report):
    html = shown(monkeypatch, loip_report, loip_report.show_title, report)
    assert "LOIP: data/loip ·" in html and str(PROJECT_ROOT) not in html


def test_the_locality_hubs_title(monkeypatch, report):
    html = shown(monkeypatch, public_report, public_report.show_title, report)
    assert "<h1>Inverbrackie locality plan: annual report 2024/25</h1>" in html
    assert "For the Inverbrackie locality hub: what the locality plan achieved from April 2024 to March 2025" in html
    assert "Data: Sample Council (synthetic)" in html
