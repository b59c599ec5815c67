"""Integration: the guided notebook an analyst opens first runs top to bottom on the sample,
shows its tables and charts, and writes its exports and custom areas where it is told to."""

from __future__ import annotations

import json

import nbformat
import papermill
import pytest

from pmf_kit.batch.kernels import KERNEL_NAME, VenvKernelManager
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.integration

NOTEBOOK = PROJECT_ROOT / "notebooks" / "explore.ipynb"


def test_the_committed_notebook_has_no_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source


def test_explore_runs_top_to_bottom_on_the_sample(tmp_path):
    executed = papermill.execute_notebook(
        str(NOTEBOOK), str(tmp_path / "explore.ipynb"),
        parameters={"exports_folder": str(tmp_path / "exports"),
                    "custom_areas_file": str(tmp_path / "custom-areas.yaml")},
        kernel_name=KERNEL_NAME, kernel_manager_class=VenvKernelManager, cwd=str(PROJECT_ROOT),
        progress_bar=False)
    outputs = [output for cell in executed.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [output for output in outputs if output.output_type == "error"]
    html = json.dumps([output.get("data", {}).get("text/html", "") for output in outputs])
    assert "Isle of Innisbrae" in html and "Inverbrackie town centre" in html
    charts = [output for output in outputs if any("vega" in key for key in output.get("data", {}))
              or "vegaEmbed" in str(output.get("data", {}).get("text/html", ""))]
    assert len(charts) >= 3
    exports = sorted(path.suffix for path in (tmp_path / "exports").iterdir())
    assert {".csv", ".xlsx", ".png", ".svg"} <= set(exports)
    assert "Inverbrackie town centre" in (tmp_path / "custom-areas.yaml").read_text()


class LabKernelManager(VenvKernelManager):
    """A kernel as JupyterLab starts one: not a report's, so JupyterLab draws its charts."""

    report_kernel = False


SAVED_LIMIT_BYTES = 200_000


def test_explore_run_and_saved_as_in_jupyterlab_stays_small(tmp_path):
    """A newcomer runs explore.ipynb in JupyterLab and saves it: the file must stay small enough
    that git does not carry a copy of Vega (about 0.9 MB) for every save. Its charts are specs for
    JupyterLab's own Vega renderer (valid nbformat), none of them HTML loading Vega."""
    saved = tmp_path / "explore.ipynb"
    executed = papermill.execute_notebook(
        str(NOTEBOOK), str(saved),
        parameters={"exports_folder": str(tmp_path / "exports"),
                    "custom_areas_file": str(tmp_path / "custom-areas.yaml")},
        kernel_name=KERNEL_NAME, kernel_manager_class=LabKernelManager, cwd=str(PROJECT_ROOT / "notebooks"),
        progress_bar=False)
    nbformat.validate(executed)
    outputs = [output for cell in executed.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [output for output in outputs if output.output_type == "error"]
    specs = [output for output in outputs if "application/vnd.vegalite.v5+json" in output.get("data", {})]
    assert len(specs) >= 3
    assert not any("vegaEmbed" in str(output.get("data", {}).get("text/html", "")) for output in outputs)
    size = saved.stat().st_size
    print(f"explore.ipynb run and saved: {size:,} bytes")
    assert size < SAVED_LIMIT_BYTES, size
