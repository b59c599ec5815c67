"""Executors are named, swappable classes in one registry, as papermill keeps its engines."""

from __future__ import annotations

from pathlib import Path

import pytest

import pmf_kit.batch.runner  # noqa: F401  (imports every executor, which registers itself)
from pmf_kit.batch.dask_executor import DaskExecutor
from pmf_kit.batch.executor import DEFAULT_EXECUTOR, executors
from pmf_kit.batch.process_executors import ColdProcessExecutor, WarmProcessExecutor
from pmf_kit.errors import PmfKitError


def test_every_executor_is_registered_by_its_name():
    assert executors.names == ["dask", "processes", "warm"]
    assert executors.get("warm") is WarmProcessExecutor and WarmProcessExecutor.warm
    assert executors.get("processes") is ColdProcessExecutor and not ColdProcessExecutor.warm
    assert executors.get("dask") is DaskExecutor
    assert DEFAULT_EXECUTOR == "warm"


def test_an_unknown_executor_names_the_known_ones():
    with pytest.raises(PmfKitError, match="no executor named 'slurm'; expected one of dask, processes, warm"):
        executors.get("slurm")


def test_only_the_dask_executor_takes_a_scheduler(tmp_path: Path):
    with pytest.raises(PmfKitError, match="--scheduler is for --executor dask, not --executor processes"):
        ColdProcessExecutor(2, tmp_path, scheduler="tcp://127.0.0.1:8786")
    assert DaskExecutor(2, tmp_path, scheduler="tcp://127.0.0.1:8786").scheduler == "tcp://127.0.0.1:8786"
