"""pmf_kit replaces only files it wrote: pages and manifests with its mark, executed notebooks,
tables with the same columns; anything else needs force."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pmf_kit.data.ownership import (
    check_replaceable, has_columns, is_executed_notebook, is_pmf_kit_json, is_pmf_kit_page,
)
from pmf_kit.errors import ForeignFileError


def test_pages_with_pmf_kits_mark_at_the_top_or_its_colophon_at_the_end(tmp_path):
    page = tmp_path / "report.html"
    page.write_text('<html><head><meta name="generator" content="pmf_kit 0.1.0">' + "x" * 10_000)
    older = tmp_path / "older.html"
    older.write_text("<html>" + "x" * 10_000 + '<footer class="pmf-colophon">Produced with pmf_kit</footer>')
    foreign = tmp_path / "notes.html"
    foreign.write_text("<html>pmf_kit is mentioned, but elsewhere</html>")
    assert is_pmf_kit_page(page) and is_pmf_kit_page(older) and not is_pmf_kit_page(foreign)


def test_manifests_and_executed_notebooks(tmp_path):
    manifest, other = tmp_path / "m.json", tmp_path / "o.json"
    manifest.write_text(json.dumps({"generator": "pmf_kit", "reports": {}}))
    other.write_text(json.dumps({"generator": "someone else"}))
    notebook = tmp_path / "r.failed.ipynb"
    notebook.write_text(json.dumps({"cells": [], "metadata": {"papermill": {"duration": 1}}}))
    assert is_pmf_kit_json(manifest) and not is_pmf_kit_json(other)
    assert is_executed_notebook(notebook) and not is_executed_notebook(manifest)


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "md"])
def test_a_table_is_known_by_its_columns(tmp_path, suffix):
    path = tmp_path / f"table.{suffix}"
    frame = pd.DataFrame({"area_code": ["X1"], "value": [1.5]})
    if suffix == "csv":
        frame.to_csv(path, index=False)
    elif suffix == "xlsx":
        frame.to_excel(path, index=False)
    else:
        path.write_text(frame.to_markdown(index=False))
    assert has_columns(["area_code", "value"])(path)
    assert not has_columns(["area_code", "value", "lower_95"])(path)


def test_check_replaceable_refuses_what_it_does_not_know_unless_forced(tmp_path):
    missing, empty, foreign = tmp_path / "missing.html", tmp_path / "empty.html", tmp_path / "foreign.html"
    empty.write_text("")
    foreign.write_text("<p>mine</p>")
    check_replaceable(missing, is_pmf_kit_page, "a pmf_kit report")
    check_replaceable(empty, is_pmf_kit_page, "a pmf_kit report")
    check_replaceable(foreign, is_pmf_kit_page, "a pmf_kit report", force=True)
    with pytest.raises(ForeignFileError) as refused:
        check_replaceable(foreign, is_pmf_kit_page, "a pmf_kit report")
    assert refused.value.path == str(foreign) and refused.value.expected == "a pmf_kit report"
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(ForeignFileError, match="exists and is not a pmf_kit manifest"):
        check_replaceable(broken, is_pmf_kit_json, "a pmf_kit manifest")
