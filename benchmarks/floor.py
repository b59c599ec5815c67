"""The floor every report benchmark measures against: papermill + nbconvert, in a fresh kernel,
of a notebook that only imports the libraries a report imports. Imported by the benchmarks
beside it (`python benchmarks/<name>.py` puts this folder on the path)."""

from __future__ import annotations

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from pmf_kit.batch.report_task import ColdKernels, ReportJob, run_job
from pmf_kit.batch.scratch import new_scratch
from pmf_kit.data.paths import working_root

FLOOR_IMPORTS = "import pandas\nimport altair\nimport geopandas\nimport pmf_kit"


def floor_seconds() -> float:
    """Seconds for one run of the floor notebook, rendered to HTML."""
    notebook = new_notebook(cells=[
        new_code_cell("dataset = ''", metadata={"tags": ["parameters"]}),
        new_markdown_cell("# Floor"),
        new_code_cell(FLOOR_IMPORTS),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
    scratch = new_scratch("batch")
    try:
        result = run_job(ReportJob("floor", "Floor", notebook, {}, 600),
                         ColdKernels(working_root(), scratch, lambda kernel: None))
    finally:
        scratch.rmdir()
    if result.html is None:
        raise SystemExit(f"the floor notebook failed: {result.cause}")
    return result.seconds
