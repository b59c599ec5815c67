"""Importer fixtures: a copy of the synthetic source folder to break, and the real all-Scotland
import, run once for every test module that reads it."""

from __future__ import annotations

import shutil
import time

import pytest

from pmf_kit.importers import import_scotland_2011
from tests.conftest import FIXTURES, REAL_DATA


@pytest.fixture(scope="session")
def scotland(tmp_path_factory):
    """The real import, run once; prints how long it took."""
    if not REAL_DATA.is_dir():
        pytest.skip(f"real data folder {REAL_DATA} is absent (it sits beside the repository)")
    out = tmp_path_factory.mktemp("scotland") / "scotland-2011"
    started = time.perf_counter()
    summary = import_scotland_2011(REAL_DATA, out)
    print(f"\nfull Scotland import took {time.perf_counter() - started:.1f} s; sizes {summary.file_sizes}")
    return out, summary


@pytest.fixture
def source_copy(tmp_path):
    """A copy of tests/fixtures/sources/scotland_2011, for a test to spoil one file of."""
    copy = tmp_path / "source"
    shutil.copytree(FIXTURES / "sources" / "scotland_2011", copy)
    return copy
