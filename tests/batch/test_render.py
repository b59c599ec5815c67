"""Rendered reports are one offline file with no code showing, written atomically."""

from __future__ import annotations

import os
import re
import subprocess

import nbformat
import papermill
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from pmf_kit.batch import render
from pmf_kit.batch.render import notebook_to_html
from pmf_kit.charts.theme import VEGA_BUNDLE_OUTPUT
from pmf_kit.data import atomic
from pmf_kit.data.atomic import write_text_atomically
from tests.browser import BROWSER_MISSING, CHROMIUM
from tests.conftest import FIXTURES

BUNDLE_MARKER = "window.vegaEmbed="


def notebook_with(*cells) -> nbformat.NotebookNode:
    return new_notebook(cells=list(cells))


def code_cell(source: str, *outputs) -> nbformat.NotebookNode:
    return new_code_cell(source, outputs=list(outputs))


@pytest.fixture(scope="module")
def chart_html(tmp_path_factory) -> str:
    """The chart fixture notebook executed by papermill and rendered."""
    folder = tmp_path_factory.mktemp("chart")
    executed = papermill.execute_notebook(
        str(FIXTURES / "chart.ipynb"), str(folder / "chart.ipynb"), kernel_name="python3",
        progress_bar=False,
    )
    return notebook_to_html(executed, folder / "chart.html").read_text(encoding="utf-8")


def test_code_stderr_and_empty_cells_are_left_out(tmp_path):
    notebook = notebook_with(
        new_markdown_cell("# Kirkhaven profile"),
        code_cell("import pandas as pd  # SET-UP-CODE"),
        code_cell(
            "print('hello'); warn()",
            new_output("stream", name="stdout", text="Residents: 12,400\n"),
            new_output("stream", name="stderr", text="FutureWarning: WARNING-TEXT\n"),
        ),
        code_cell(
            "allowed_to_fail()",
            new_output("error", ename="KeyError", evalue="TRACEBACK-TEXT", traceback=[]),
        ),
    )

    html = notebook_to_html(notebook, tmp_path / "kirkhaven.html").read_text(encoding="utf-8")

    assert "Residents: 12,400" in html
    assert "<title>Kirkhaven profile</title>" in html
    hidden = ("SET-UP-CODE", "WARNING-TEXT", "TRACEBACK-TEXT", "print(", 'class="jp-InputPrompt')
    for text in hidden:
        assert text not in html
    assert html.count('class="jp-Cell jp-CodeCell') == 1


def test_the_title_is_given_or_the_first_level_one_heading(tmp_path):
    notebook = notebook_with(new_markdown_cell("## Contents"), new_markdown_cell("# Kirkhaven"))

    default = notebook_to_html(notebook, tmp_path / "a.html").read_text(encoding="utf-8")
    given = notebook_to_html(notebook, tmp_path / "b.html", title="Glen Avon").read_text()

    assert "<title>Kirkhaven</title>" in default
    assert "<title>Glen Avon</title>" in given


def test_a_notebook_file_renders_like_a_node(tmp_path):
    notebook = notebook_with(new_markdown_cell("# From a file"))
    nbformat.write(notebook, tmp_path / "executed.ipynb")

    written = notebook_to_html(str(tmp_path / "executed.ipynb"), tmp_path / "out" / "page.html")

    assert written == tmp_path / "out" / "page.html"
    assert "<title>From a file</title>" in written.read_text(encoding="utf-8")


def test_a_page_without_charts_carries_no_vega_bundle(tmp_path):
    notebook = notebook_with(new_markdown_cell("# Text only"))

    html = notebook_to_html(notebook, tmp_path / "text.html").read_text(encoding="utf-8")

    assert BUNDLE_MARKER not in html
    assert "require.js" not in html and "mathjax" not in html.lower()


def test_the_bundle_a_kernel_shows_for_jupyterlab_is_left_out_of_the_page(tmp_path):
    loader = new_output("display_data", data={"text/html": "<script>JUPYTERLAB-ONLY-LOADER</script>"},
                        metadata={VEGA_BUNDLE_OUTPUT: True})
    notebook = notebook_with(new_markdown_cell("# Report"), code_cell("pk.charts.enable_offline_rendering()", loader))

    html = notebook_to_html(notebook, tmp_path / "report.html").read_text(encoding="utf-8")

    assert "JUPYTERLAB-ONLY-LOADER" not in html and BUNDLE_MARKER not in html


@pytest.mark.integration
def test_altair_chart_page_is_self_contained_and_shows_no_code(chart_html):
    assert not re.search(r"<script[^>]+src=", chart_html)
    assert not re.search(r"<link[^>]+href=[\"']?(https?:)?//", chart_html)
    assert not re.search(r"@import\s+url\(\s*[\"']?(https?:)?//", chart_html)
    assert "CODE-SHOULD-NOT-SHOW" not in chart_html
    assert "import altair" not in chart_html
    assert chart_html.count(BUNDLE_MARKER) == 1
    assert "var VEGA_DEBUG = {" in chart_html
    assert "vegaEmbed(outputDiv, spec, embedOpt)" in chart_html
    assert "<caption" in chart_html and "12,400" in chart_html


@pytest.mark.integration
@pytest.mark.skipif(CHROMIUM is None, reason=BROWSER_MISSING)
def test_altair_chart_draws_in_chromium_with_the_network_cut_off(chart_html, tmp_path):
    page = tmp_path / "chart.html"
    page.write_text(chart_html, encoding="utf-8")
    net_log = tmp_path / "net.json"

    dom = subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
            "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
            f"--log-net-log={net_log}", "--virtual-time-budget=5000", "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout

    assert 'role="graphics-document"' in dom
    assert 'style="color:red;">Error' not in dom
    requested = set(re.findall(r'"url":"([^"]+)"', net_log.read_text()))
    assert not {url for url in requested if "jsdelivr" in url or "cdnjs" in url}


def test_atomic_write_replaces_the_file(tmp_path):
    target = tmp_path / "reports" / "kirkhaven.html"

    write_text_atomically(target, "first")
    write_text_atomically(target, "second")

    assert target.read_text() == "second"
    assert os.listdir(target.parent) == ["kirkhaven.html"]


def test_a_failure_while_writing_keeps_the_good_report_and_leaves_no_temp_file(
    tmp_path, monkeypatch
):
    target = tmp_path / "kirkhaven.html"
    target.write_text("GOOD OLD REPORT")

    def disk_full(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        notebook_to_html(notebook_with(new_markdown_cell("# New")), target)

    assert target.read_text() == "GOOD OLD REPORT"
    assert os.listdir(tmp_path) == ["kirkhaven.html"]


def test_a_failure_while_rendering_keeps_the_good_report(tmp_path, monkeypatch):
    target = tmp_path / "kirkhaven.html"
    target.write_text("GOOD OLD REPORT")

    def broken_template(notebook, title):
        raise RuntimeError("template exploded")

    monkeypatch.setattr(render, "notebook_html", broken_template)
    with pytest.raises(RuntimeError):
        notebook_to_html(notebook_with(new_markdown_cell("# New")), target)

    assert target.read_text() == "GOOD OLD REPORT"
    assert os.listdir(tmp_path) == ["kirkhaven.html"]


def test_an_interrupt_while_writing_leaves_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "kirkhaven.html"

    def interrupted(source, destination):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomically(target, "half")

    assert os.listdir(tmp_path) == []
