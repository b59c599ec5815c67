"""The `pmf_kit` papermill engine: registered with papermill, runs a notebook on a kernel it is
given and leaves that kernel running."""

from __future__ import annotations

import shutil

import papermill
import pytest
from nbformat.v4 import new_code_cell, new_notebook
from papermill.engines import papermill_engines

from pmf_kit.batch.engine import ENGINE_NAME, KernelEngine
from pmf_kit.batch.kernels import KERNEL_NAME, Kernel
from pmf_kit.batch.scratch import new_scratch


def test_the_engine_is_registered_with_papermill_by_name():
    assert papermill_engines.get_engine(ENGINE_NAME) is KernelEngine


@pytest.mark.integration
def test_the_engine_runs_notebooks_on_the_kernel_it_is_given_and_leaves_it_running(tmp_path):
    notebook = new_notebook(cells=[
        new_code_cell("total = 1", metadata={"tags": ["parameters"]}),
        new_code_cell("import os\nprint(total * 2, os.getpid())"),
    ])
    notebook.metadata["kernelspec"] = {"name": KERNEL_NAME, "language": "python", "display_name": "Python 3"}
    scratch = new_scratch("batch")
    kernel = Kernel(tmp_path, scratch).start()
    pid = kernel.pid
    try:
        outputs = []
        for total in (20, 21):
            executed = papermill.execute_notebook(
                notebook, str(tmp_path / "out.ipynb"), parameters={"total": total},
                engine_name=ENGINE_NAME, kernel=kernel, kernel_name=KERNEL_NAME, progress_bar=False,
            )
            outputs.append(executed.cells[-1].outputs[0].text.split())
        assert kernel.is_alive()
    finally:
        kernel.kill()
        shutil.rmtree(scratch)
    assert [doubled for doubled, _ in outputs] == ["40", "42"]
    assert outputs[0][1] == outputs[1][1] == str(pid)  # one process ran both


def test_the_engine_needs_a_kernel(tmp_path):
    notebook = new_notebook(cells=[new_code_cell("x = 1", metadata={"tags": ["parameters"]})])
    notebook.metadata["kernelspec"] = {"name": KERNEL_NAME, "language": "python", "display_name": "Python 3"}
    with pytest.raises(ValueError, match="the 'pmf_kit' engine needs kernel=<a started pmf_kit Kernel>"):
        papermill.execute_notebook(notebook, None, engine_name=ENGINE_NAME, kernel_name=KERNEL_NAME,
                                   progress_bar=False)
