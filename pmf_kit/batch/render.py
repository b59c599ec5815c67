"""Executed notebook -> one self-contained HTML file that opens offline with no code showing.

Reports are emailed to locality hubs, so the page may reference nothing outside itself. The
`offline` template (pmf_kit/templates/offline) extends JupyterLab's `lab` layout, drops the
require.js, MathJax, mermaid and widget loaders it would fetch from a CDN, and inlines the
Vega/Vega-Lite/Vega-Embed bundle once. `VEGA_DEBUG` tells Altair's default HTML output that those
libraries are already loaded, so its charts draw without fetching anything.
"""

from __future__ import annotations

import copy
import datetime
import functools
import re
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbformat import NotebookNode

from pmf_kit.charts.display import DATA_WARNINGS
from pmf_kit.charts.theme import VEGA_BUNDLE_OUTPUT, altair_vega_versions, vega_bundle
from pmf_kit.data.atomic import write_text_atomically
from pmf_kit.data.escaping import script_json
from pmf_kit.data.paths import project_path
from pmf_kit.version import __version__

TEMPLATES = Path(__file__).parents[1] / "templates"
TEMPLATE_NAME = "offline"


def notebook_to_html(
    notebook: str | Path | NotebookNode, html_path: str | Path, title: str | None = None
) -> Path:
    """Render an executed notebook (file or node) to `html_path`, replacing it atomically.

    `title` is the browser tab's title; by default the notebook's first `# ` heading.
    """
    node = notebook if isinstance(notebook, NotebookNode) else nbformat.read(notebook, as_version=4)
    html_path = project_path(html_path)
    page_title = title or report_title(node, fallback=html_path.stem)
    return write_text_atomically(html_path, notebook_html(node, page_title))


def notebook_html(notebook: NotebookNode, title: str) -> str:
    """The offline report page for an executed notebook, as a string."""
    visible = without_code_traces(notebook)
    resources = {
        "metadata": {"name": title},
        "pmf_kit": {
            "version": __version__,
            "generated": datetime.date.today().isoformat(),
            "vega_bundle": vega_bundle() if draws_vega_charts(visible) else "",
            "vega_debug": script_json(altair_vega_versions()),
        },
    }
    html, _ = _exporter().from_notebook_node(visible, resources=resources)
    return html


def report_title(notebook: NotebookNode, fallback: str) -> str:
    """The page title: the notebook's first level-one Markdown heading, else `fallback`."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            heading = re.search(r"^#\s+(.+?)\s*#*\s*$", cell.source, flags=re.MULTILINE)
            if heading:
                return heading.group(1)
    return fallback


def without_code_traces(notebook: NotebookNode) -> NotebookNode:
    """A copy without stderr streams (warnings, logs), tracebacks of cells allowed to fail, the
    Vega bundle a notebook kernel shows for JupyterLab (the page inlines its own), the analyst's
    data warnings (the batch summary and log carry them: a page for readers does not), and code
    cells left with no output.

    Inputs are excluded by the exporter; dropping the then-empty cells keeps the page free of
    blank gaps where set-up cells were.
    """
    visible = copy.deepcopy(notebook)
    cells = []
    for cell in visible.cells:
        if cell.cell_type == "code":
            outputs = cell.get("outputs", [])
            cell.outputs = [output for output in outputs if not _is_code_trace(output)]
            if not cell.outputs:
                continue
        cells.append(cell)
    visible.cells = cells
    return visible


def _is_code_trace(output: NotebookNode) -> bool:
    return (
        output.get("output_type") == "error"
        or (output.get("output_type") == "stream" and output.get("name") == "stderr")
        or bool(output.get("metadata", {}).get(VEGA_BUNDLE_OUTPUT))
        or bool(output.get("metadata", {}).get(DATA_WARNINGS))
    )


def data_warnings(notebook: NotebookNode) -> tuple[str, ...]:
    """The data warnings a report showed (charts.display.show_data_warnings), for the summary."""
    return tuple(dict.fromkeys(
        warning
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        for warning in output.get("metadata", {}).get(DATA_WARNINGS, [])
    ))


def draws_vega_charts(notebook: NotebookNode) -> bool:
    """Whether any output is Altair's default HTML rendering, which needs the Vega bundle."""
    return any(
        "vegaEmbed" in str(output.get("data", {}).get("text/html", ""))
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    )


@functools.cache
def _exporter() -> HTMLExporter:
    return HTMLExporter(
        extra_template_basedirs=[str(TEMPLATES)],
        template_name=TEMPLATE_NAME,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
