"""A user error in a notebook shows as one line; the whole traceback is there for `%tb`; the
batch still sees the cell fail."""

from __future__ import annotations

import re

import nbformat
import papermill
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook
from papermill.exceptions import PapermillExecutionError

from pmf_kit.batch.kernels import KERNEL_NAME, VenvKernelManager
from pmf_kit.errors import DataFileError

pytestmark = pytest.mark.integration

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def failing_notebook() -> nbformat.NotebookNode:
    return new_notebook(cells=[
        new_code_cell("import pmf_kit as pk"),
        new_code_cell('pk.open_dataset("no/such/folder")'),
        new_code_cell("%tb"),
    ])


def text_of(output: dict) -> str:
    return ANSI.sub("", "\n".join(output.get("traceback", [])) + output.get("text", ""))


def test_a_user_error_shows_its_message_alone_and_tb_shows_the_rest(tmp_path):
    notebook = failing_notebook()
    NotebookClient(notebook, kernel_name=KERNEL_NAME, kernel_manager_class=VenvKernelManager,
                   allow_errors=True, resources={"metadata": {"path": str(tmp_path)}}).execute()
    failed, traceback = notebook.cells[1].outputs, notebook.cells[2].outputs

    assert [output.output_type for output in failed] == ["error"]
    assert failed[0].ename == "DataFileError"
    assert text_of(failed[0]).splitlines() == [
        "DataFileError: no/such/folder: expected a data set folder, but there is no such folder",
        "(%tb shows the full traceback)",
    ]
    full = "\n".join(text_of(output) for output in traceback)
    assert "pmf_kit/data/dataset.py" in full and "DataFileError" in full


def test_a_batch_run_still_fails_on_a_user_error(tmp_path):
    path = tmp_path / "failing.ipynb"
    notebook = failing_notebook()
    notebook.cells = notebook.cells[:2]
    nbformat.write(notebook, path)
    with pytest.raises(PapermillExecutionError) as raised:
        papermill.execute_notebook(str(path), str(tmp_path / "out.ipynb"), kernel_name=KERNEL_NAME,
                                   kernel_manager_class=VenvKernelManager, cwd=str(tmp_path),
                                   progress_bar=False)
    assert raised.value.ename == "DataFileError"
    assert raised.value.evalue == str(DataFileError("no/such/folder", "a data set folder, but there is no such folder"))
