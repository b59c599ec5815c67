"""The real all-Scotland import, run once for every importer test module that reads it."""

from __future__ import annotations

import time

import pytest

from pmf_kit.importers import import_scotland_2011
from tests.conftest import REAL_DATA


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
