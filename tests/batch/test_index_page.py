"""The index page: reports grouped by run set and council, a map of the areas linking to their
reports, every text escaped for where it lands, and a lock so two batches never lose an entry."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from pmf_kit.batch.index_areas import run_set_areas
from pmf_kit.batch.index_map import AreaMap, MapShape
from pmf_kit.batch.index_page import (
    ListedReport, ListedRunSet, council_groups, index_html, is_index_manifest, read_manifest, update_index,
)
from pmf_kit.batch.runner import ReportOutcome
from pmf_kit.batch.runsets import load_run_set
from tests.conftest import PROJECT_ROOT, write_run_set

ATTACK = '</script><script>alert("label")</script>" onmouseover="alert(1)'


def listed(label: str, council: str, code: str = "") -> ListedReport:
    return ListedReport(label, f"reports/x/{code or label}.html", "2026-12-01", "0.1.0", council, code)


def test_reports_are_grouped_by_council_in_name_order():
    group = ListedRunSet("parameters/x.yaml", "Data zones", "Scotland", [
        listed("Kirkcaldy 01", "Fife"), listed("Leith 01", "City of Edinburgh"), listed("Kirkcaldy 02", "Fife"),
    ])
    assert [(council.council, [r.label for r in council.reports]) for council in council_groups(group)] == [
        ("City of Edinburgh", ["Leith 01"]), ("Fife", ["Kirkcaldy 01", "Kirkcaldy 02"]),
    ]
    page = index_html([group], Path("reports"))
    assert page.index("<summary>City of Edinburgh") < page.index("<summary>Fife")
    assert '<tr data-search="kirkcaldy 02 fife data zones">' in page


def test_every_text_is_escaped_for_where_it_lands():
    group = ListedRunSet("parameters/<x>.yaml", ATTACK, ATTACK, [listed(ATTACK, ATTACK, code="S01")],
                         AreaMap("0 0 10 10", [MapShape("S01", ATTACK, "M0,0L1,1Z")]))
    page = index_html([group], Path("reports"))
    assert ATTACK not in page and "<script>alert" not in page and '" onmouseover=' not in page
    assert page.count("<script>") == 1  # the page's own, inline
    assert "&lt;/script&gt;&lt;script&gt;alert(&quot;label&quot;)&lt;/script&gt;&quot; onmouseover=&quot;alert(1)" in page
    assert "<title>&lt;/script&gt;" in page
    assert "http" not in page and "<script src" not in page


def test_thousands_of_reports_start_folded_by_council():
    reports = [listed(f"Zone {n:04d}", f"Council {n % 32:02d}", code=f"S{n:04d}") for n in range(3000)]
    page = index_html([ListedRunSet("parameters/dz.yaml", "Every data zone", "Scotland", reports)], Path("reports"))
    assert page.count("<tr data-search=") == 3000
    assert page.count('<details class="council" data-open="no">') == 32
    assert '<p id="shown" aria-live="polite">3000 reports</p>' in page


def test_the_sample_localities_have_their_council_and_a_map_linking_to_each(monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT)
    run_set = load_run_set("parameters/sample/localities.yaml")
    areas = run_set_areas(run_set)
    assert set(areas.councils.values()) == {"Sample Council"} and len(areas.councils) == 7
    assert areas.map is not None and sorted(shape.name for shape in areas.map.shapes) == sorted(
        report.label for report in run_set.reports)
    assert all(shape.path.startswith("M") and shape.path.endswith("Z") for shape in areas.map.shapes)
    reports = [ListedReport(r.label, r.output_path.as_posix(), "2026-12-01", "0.1.0", "Sample Council",
                            r.parameters["area"]) for r in run_set.reports]
    page = index_html([ListedRunSet("p", run_set.title, "Sample", reports, areas.map)], PROJECT_ROOT / "reports")
    assert page.count('<a href="sample/localities/') == 21  # a link on the map, in its legend and in the table
    assert len(page) < 200_000


def test_an_old_manifest_is_read_and_recognised(tmp_path):
    old = tmp_path / "index.json"
    old.write_text(json.dumps([{"source": "parameters/a.yaml", "title": "A", "dataset_name": "D", "reports": [
        {"label": "X", "path": "reports/a/x.html", "generated": "2026-01-01", "pmf_kit_version": "0.1.0"}]}]))
    [group] = read_manifest(old)
    assert group.reports[0].council == "" and group.map is None
    assert is_index_manifest(old)


LISTED = """\
title: Batch {number}
notebook: notebooks/echo.ipynb
dataset: data/tiny
output: reports/batch{number}
reports:
  - {{name: only, parameters: {{area: XL0000001}}}}
"""
BATCHES, RUNS = 4, 12


def _finish_batches(project: Path, batch: int) -> None:
    """Batch `batch` finishing RUNS times, each time with a run set of its own."""
    import os

    os.chdir(project)
    for run in range(RUNS):
        run_set = load_run_set(f"parameters/batch{batch}-{run}.yaml")
        update_index([run_set], [ReportOutcome(report, 1.0) for report in run_set.reports])


@pytest.mark.integration
def test_batches_finishing_together_never_lose_an_entry(project):
    names = [f"{batch}-{run}" for batch in range(BATCHES) for run in range(RUNS)]
    for name in names:
        write_run_set(project, LISTED.format(number=name), f"batch{name}.yaml")
        (project / f"reports/batch{name}").mkdir(parents=True)
        (project / f"reports/batch{name}/only.html").write_text('<meta name="generator" content="pmf_kit">')
    spawn = multiprocessing.get_context("spawn")
    batches = [spawn.Process(target=_finish_batches, args=(project, batch)) for batch in range(BATCHES)]
    for batch in batches:
        batch.start()
    for batch in batches:
        batch.join(timeout=300)
        assert batch.exitcode == 0

    listed_titles = sorted(group.title for group in read_manifest(project / "reports/index.json"))
    assert listed_titles == sorted(f"Batch {name}" for name in names)
    page = (project / "reports/index.html").read_text(encoding="utf-8")
    assert all(f'href="batch{name}/only.html"' in page for name in names)
