"""Shared fixtures: the hand-worked tiny data set and paths to the project's folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pmf_kit.dataset

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TINY_DATASET = PROJECT_ROOT / "tests" / "fixtures" / "tiny_dataset"
SAMPLE_DATASET = PROJECT_ROOT / "data" / "sample"
REAL_DATA = PROJECT_ROOT.parent / "shared" / "realdata"


@pytest.fixture
def tiny():
    """The six-zone data set whose numbers the tests work out by hand."""
    return pmf_kit.dataset.open_dataset(TINY_DATASET)


@pytest.fixture
def tiny_copy(tmp_path):
    """A writable copy of the tiny data set, for tests that break one of its files."""
    target = tmp_path / "tiny"
    shutil.copytree(TINY_DATASET, target)
    return target
