"""`import pmf_kit as pk`: every public name there when asked for, and nothing heavy imported
before it is (a batch worker imports pmf_kit.batch only)."""

import subprocess
import sys

import pytest

import pmf_kit
from tests.conftest import PROJECT_ROOT


@pytest.mark.parametrize("name", pmf_kit.__all__)
def test_every_public_name_is_there_and_listed(name):
    assert getattr(pmf_kit, name) is not None
    assert name in dir(pmf_kit)


def test_a_public_name_is_the_object_its_module_defines():
    from pmf_kit.data.dataset import open_dataset
    from pmf_kit.profiles.profile import LocalityProfile

    assert pmf_kit.open_dataset is open_dataset and pmf_kit.LocalityProfile is LocalityProfile
    assert pmf_kit.charts is sys.modules["pmf_kit.charts"]


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'open_dataste'"):
        pmf_kit.open_dataste


def test_a_batch_worker_does_not_import_the_report_libraries():
    """A spawned worker imports pmf_kit.batch.process_executors; geopandas and SciPy stay in the
    kernel, which imports them for the report."""
    code = ("import sys, pmf_kit.batch.process_executors, pmf_kit.batch.dask_worker; "
            "print(sorted(name for name in ('geopandas', 'pyogrio', 'scipy', 'shapely') if name in sys.modules))")
    ran = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "[]"
