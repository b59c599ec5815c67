"""Report title blocks: what the report is, for when, and the files it read, named from the project
root (never the folders of the machine that made it), every text escaped."""

from __future__ import annotations

import shutil

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


@pytest.fixture(scope="module")
def quarterly_loip(tmp_path_factory):
    """A copy of the sample LOIP for a partnership of another name that reports quarterly."""
    folder = tmp_path_factory.mktemp("quarterly") / "loip"
    shutil.copytree(LOIP, folder)
    (folder / "partnership.yaml").write_text("name: Borders Community Planning Partnership\n"
                                             "reporting_quarters: [1, 2, 3, 4]\n", encoding="utf-8")
    return folder


def test_the_dashboard_title_names_the_partnership_and_a_quarterly_period(monkeypatch, quarterly_loip):
    dashboard = loip_report.open_loip(SAMPLE_DATASET, quarterly_loip, "2024/25 Q3")
    assert loip_report.title(dashboard) == (
        "Partnership performance dashboard", "Borders Community Planning Partnership · quarterly (Q3) report, 2024/25 Q3")
    html = shown(monkeypatch, loip_report, loip_report.show_title, dashboard)
    assert "Borders Community Planning Partnership · quarterly (Q3) report, 2024/25 Q3</p>" in html


def test_a_title_names_the_sample_partnership(report):
    assert loip_report.title(report, "LOIP outcome report")[1] == (
        "Sample Community Planning Partnership · LOIP outcome report · full-year (Q4) report, 2024/25 Q4")


def test_the_public_report_title_names_the_partnership(quarterly_loip):
    public = public_report.open_public_report(SAMPLE_DATASET, quarterly_loip, "2024/25")
    assert public_report.title(public) == (
        "Public Performance Report 2024/25", "How the Borders Community Planning Partnership's Local Outcomes "
        "Improvement Plan made a difference from April 2024 to March 2025")
