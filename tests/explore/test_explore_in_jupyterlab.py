"""Browser: an analyst starts JupyterLab as `make lab` does, opens explore.ipynb, chooses
Run > Run All Cells and waits for the kernel: every cell ran, none shows an error, and the
charts drew (Vega views in the page), with no request leaving the machine."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest

from tests.browser import keep_screenshot, launch_offline, needs_browser
from tests.conftest import PROJECT_ROOT, copy_project


NOTEBOOK = "notebooks/explore.ipynb"
# The settings a test session needs: every cell in the page (JupyterLab otherwise windows long
# notebooks, leaving far cells out of the DOM) and no news pop-up over the screenshot.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": '{"windowingMode": "none"}',
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": '{"fetchNews": "false"}',
}


# Run All has finished when every code cell shows its execution number and the kernel is idle.
EVERY_CELL_RAN_AND_KERNEL_IDLE = """() => {
  const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.innerText.trim());
  const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
  return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:$/.test(p))
    && indicator && indicator.dataset.status === 'idle';
}"""


def wait_for_the_notebook_kernel(page, base: str, token: str, seconds: float = 90) -> None:
    """Until the notebook's kernel is up and idle; if JupyterLab asks which kernel to start (it
    does when the notebook opens before the kernel list has loaded), choose the project's."""
    choose = page.locator(".jp-Dialog", has_text="Select Kernel")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if choose.is_visible():
            choose.get_by_role("button", name="Select").click()
        with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=5) as response:
            sessions = json.load(response)
        if any(session["path"] == NOTEBOOK and session["kernel"]["execution_state"] == "idle"
               for session in sessions):
            return
        time.sleep(0.5)
    raise AssertionError(f"the kernel of {NOTEBOOK} did not start within {seconds:.0f} s")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def jupyterlab(tmp_path):
    """JupyterLab on a copy of the project, started as `make lab` starts it, with a token."""
    project = copy_project(tmp_path / "project")
    settings = tmp_path / "lab-settings"
    for name, text in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(text, encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--IdentityProvider.token={token}", "--ServerApp.root_dir=.", NOTEBOOK]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = (tmp_path / "jupyterlab.log").open("w")
    server = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT,
                              env={**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(settings)})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "jupyterlab.log").read_text()
                time.sleep(0.5)
        yield project, base, token
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.mark.integration
@needs_browser()
def test_explore_runs_all_cells_in_jupyterlab_and_draws_its_charts(jupyterlab):
    from playwright.sync_api import sync_playwright

    project, base, token = jupyterlab
    code_cells = sum(cell.cell_type == "code" for cell in nbformat.read(project / NOTEBOOK, as_version=4).cells)
    with sync_playwright() as playwright:
        browser = launch_offline(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))

        page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}")
        wait_for_the_notebook_kernel(page, base, token)
        page.locator(".lm-MenuBar-item", has_text="Run").first.click()
        page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()
        page.wait_for_function(EVERY_CELL_RAN_AND_KERNEL_IDLE, polling=500, timeout=300_000)

        prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        views = page.locator(".vega-embed canvas, .vega-embed svg.marks")
        chart_errors = page.locator(".vega-embed .error")
        page.locator(".vega-embed").first.scroll_into_view_if_needed()
        keep_screenshot(page, "jupyterlab-explore-first-chart")
        page.locator(".jp-CodeCell").last.scroll_into_view_if_needed()
        keep_screenshot(page, "jupyterlab-explore-after-run-all")

        assert len(prompts) == code_cells
        assert all(prompt.strip("[]: ").isdigit() for prompt in prompts), prompts
        assert errors.count() == 0, errors.all_inner_texts()
        assert views.count() >= 3 and chart_errors.count() == 0
        assert [request for request in requests if not request.startswith(("http://127.0.0.1", "data:", "blob:"))] == []
        browser.close()
    assert (project / "reports" / "explore" / "custom-areas.yaml").is_file()
    assert not (project / "notebooks" / "reports").exists()


def test_the_browser_test_starts_jupyterlab_as_make_lab_does():
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "jupyter lab --ServerApp.root_dir=." in recipe and recipe.rstrip().endswith(NOTEBOOK)
