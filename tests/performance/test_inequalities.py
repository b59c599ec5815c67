"""Deprivation gaps of a LOIP: an indicator made from SIMD is never broken down by SIMD."""

from __future__ import annotations

import shutil

import pandas as pd

from pmf_kit.data.dataset import open_dataset
from pmf_kit.performance import assess, load_register
from pmf_kit.performance.inequalities import deprivation_gaps
from tests.conftest import PROJECT_ROOT, SAMPLE_DATASET


def test_a_kpi_made_from_simd_has_no_deprivation_gap(tmp_path):
    shutil.copytree(SAMPLE_DATASET, tmp_path / "sample")
    path = tmp_path / "sample" / "indicators.csv"
    catalogue = pd.read_csv(path, dtype=str, keep_default_na=False)
    catalogue["derived_from_simd"] = (catalogue["indicator_id"] == "child_poverty").map({True: "true", False: ""})
    catalogue.to_csv(path, index=False)
    dataset = open_dataset(tmp_path / "sample")
    performance = assess(dataset, load_register(PROJECT_ROOT / "data" / "loip", dataset), "2024/25 Q4")
    assert "child_poverty" in set(performance.table["indicator_id"])
    gaps = deprivation_gaps(dataset, performance)
    shown = set(performance.table.set_index("kpi_id").loc[gaps["kpi_id"], "indicator_id"])
    assert "child_poverty" not in shown
    assert {"employment_deprived", "fuel_poverty"} <= shown
