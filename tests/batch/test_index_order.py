"""The index page lists run sets for a reader: profiles of places (largest areas first), then
performance reports (public, outcomes, dashboards), then analysts' extras; never by file name."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmf_kit.batch.index_order import EXTRAS, PERFORMANCE, PLACES, order_key, run_set_kind
from pmf_kit.batch.index_page import ListedReport, ListedRunSet, index_html, read_manifest
from pmf_kit.batch.runsets import load_run_set
from tests.conftest import PROJECT_ROOT

SAMPLE_KINDS = {
    "custom-areas.yaml": (EXTRAS, "locality_profile", "custom"),
    "dashboards.yaml": (PERFORMANCE, "partnership_dashboard", ""),
    "datazones-isle-of-innisbrae.yaml": (PLACES, "locality_profile", "datazone"),
    "localities.yaml": (PLACES, "locality_profile", "locality"),
    "outcomes.yaml": (PERFORMANCE, "outcome_report", ""),
    "public_reports.yaml": (PERFORMANCE, "public_performance_report", ""),
}


@pytest.mark.parametrize("file_name", sorted(SAMPLE_KINDS))
def test_each_sample_run_set_has_the_kind_of_what_it_makes(monkeypatch, file_name):
    monkeypatch.chdir(PROJECT_ROOT)
    kind = run_set_kind(load_run_set(f"parameters/sample/{file_name}"))
    assert (kind.kind, kind.notebook, kind.level) == SAMPLE_KINDS[file_name]


def group(title: str, kind: str = "", notebook: str = "", level: str = "") -> ListedRunSet:
    report = ListedReport(f"{title} report", f"reports/{title}.html", "2026-12-07", "0.1.0")
    return ListedRunSet(f"parameters/{title}.yaml", title, "Sample", [report], None, kind, notebook, level)


def test_the_sample_run_sets_are_listed_places_then_performance_then_extras():
    # In file-name order, as the manifest of a batch over parameters/sample/ holds them.
    in_file_order = [group("Custom area profiles", *SAMPLE_KINDS["custom-areas.yaml"]),
                     group("Partnership dashboards", *SAMPLE_KINDS["dashboards.yaml"]),
                     group("Data zone profiles, Isle of Innisbrae", *SAMPLE_KINDS["datazones-isle-of-innisbrae.yaml"]),
                     group("Locality profiles", *SAMPLE_KINDS["localities.yaml"]),
                     group("LOIP outcome reports", *SAMPLE_KINDS["outcomes.yaml"]),
                     group("Annual reports to the public", *SAMPLE_KINDS["public_reports.yaml"])]
    page = index_html(in_file_order, Path("reports"))
    headings = [page.index(f"<h2>{entry.title}</h2>") for entry in in_file_order]
    listed = [title for _, title in sorted(zip(headings, (entry.title for entry in in_file_order)))]
    assert listed == ["Locality profiles", "Data zone profiles, Isle of Innisbrae", "Annual reports to the public",
                      "LOIP outcome reports", "Partnership dashboards", "Custom area profiles"]


def test_places_go_largest_first_an_unknown_level_before_data_zones():
    levels = ["datazone", "ward", "neighbourhood", "council", "hscp_locality", "intermediate_zone"]
    ordered = sorted(levels, key=lambda level: order_key(PLACES, "locality_profile", level, "Profiles"))
    assert ordered == ["council", "hscp_locality", "ward", "intermediate_zone", "neighbourhood", "datazone"]


def test_run_sets_of_one_place_in_the_order_go_by_title_and_an_old_entry_goes_last():
    entries = [group("Zeta localities", PLACES, "locality_profile", "locality"),
               group("an old run set"),  # a manifest written before kinds: no kind
               group("alpha localities", PLACES, "locality_profile", "locality"),
               group("My own notebook", EXTRAS, "explore_more", "")]
    assert [entry.title for entry in sorted(entries, key=lambda entry: entry.order)] == [
        "alpha localities", "Zeta localities", "My own notebook", "an old run set"]


def test_the_manifest_keeps_each_run_sets_kind(tmp_path):
    import json
    from dataclasses import asdict

    stored = group("Locality profiles", PLACES, "locality_profile", "locality")
    (tmp_path / "index.json").write_text(json.dumps({"run_sets": [asdict(stored)]}))
    assert read_manifest(tmp_path / "index.json") == [stored]
