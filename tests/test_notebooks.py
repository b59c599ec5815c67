"""Integration: every notebook runs top to bottom with its default parameters from notebooks/,
where JupyterLab starts its kernel, and writes its files where the README says (under the
project root, never in a stray notebooks/reports/)."""

from __future__ import annotations

import nbformat
import papermill
import pytest

from pmf_kit.batch.kernels import KERNEL_NAME, VenvKernelManager
from tests.conftest import PROJECT_ROOT, copy_project

pytestmark = pytest.mark.integration

NOTEBOOKS = sorted(path.name for path in (PROJECT_ROOT / "notebooks").glob("*.ipynb"))
WRITES = {
    "explore.ipynb": ["reports/explore/custom-areas.yaml", "reports/explore/advanced-table_crime-rate_8-datazones_2024-25.csv"],
    "outcome_report.ipynb": ["reports/sample/exports/healthier-lives-2024-25-q4-at-a-glance.xlsx"],
    "partnership_dashboard.ipynb": ["reports/sample/exports/partnership-dashboard-2024-25-q4-at-a-glance.xlsx"],
    "public_performance_report.ipynb": [],
    "locality_profile.ipynb": [],
}


def test_every_notebook_is_listed():
    assert sorted(WRITES) == NOTEBOOKS


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_from_its_own_folder_with_default_parameters(name, tmp_path):
    project = copy_project(tmp_path)
    executed = papermill.execute_notebook(
        str(project / "notebooks" / name), str(tmp_path / f"executed-{name}"),
        kernel_name=KERNEL_NAME, kernel_manager_class=VenvKernelManager,
        cwd=str(project / "notebooks"), progress_bar=False)
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code)
    assert not [output for cell in code for output in cell.outputs if output.output_type == "error"]
    for written in WRITES[name]:
        assert (project / written).is_file(), written
    assert not (project / "notebooks" / "reports").exists()
    assert nbformat.read(project / "notebooks" / name, as_version=4).cells[1].outputs == []
