"""Integration: README.md walked top to bottom as a newcomer walks it, on a fresh clone.

The walk reads the README's own code blocks, in order, so it keeps working whatever the README
becomes: every ```bash line is a command, classified by RULES below (run it as written; run a
batch as `--list`, which checks the run set and makes nothing; check a make target exists; or
leave out a long-running server or benchmark, saying why); a command no rule knows fails the
walk, so a new command in the README gets a rule. Every ```python block runs, in order, in one
Jupyter kernel started in the clone's notebooks/ folder, as a newcomer pasting them into a new
notebook in JupyterLab would.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from pmf_kit.batch.kernels import KERNEL_NAME, VenvKernelManager
from tests.conftest import PROJECT_ROOT, REAL_DATA

pytestmark = pytest.mark.integration

BIN = Path(sys.executable).parent

RULES = [
    # (a command starting with this, what the walk does with it, and why)
    ("make ", "make-target", "make reports / make test are the walk itself; the target must exist"),
    (".venv/bin/pmf-kit run ", "list", "a batch is run as --list: its run set checked, nothing made"),
    (".venv/bin/pmf-kit import ", "real-data", "the all-Scotland import, where ../shared/realdata exists"),
    (".venv/bin/pmf-kit add-indicators ", "real-data", "adds to the all-Scotland data set"),
    (".venv/bin/pmf-kit updates collect ", "leave-out", "needs the forms an action lead returns"),
    (".venv/bin/pmf-kit kpis collect ", "leave-out", "needs the forms a KPI owner returns"),
    (".venv/bin/pmf-kit kpis add ", "leave-out", "adds a made-up figure to the sample data set"),
    (".venv/bin/pmf-kit loip import ", "leave-out", "rewrites the LOIP folder from an officer's edited workbook"),
    (".venv/bin/pmf-kit ", "run", "a quick command, run as written"),
    (".venv/bin/dask ", "leave-out", "starts a long-running scheduler or worker"),
    ("export ", "leave-out", "sets Dask's environment for the cluster commands"),
    (".venv/bin/python benchmarks/", "leave-out", "a benchmark: minutes of machine time"),
]


def readme_blocks(language: str) -> list[str]:
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


def readme_commands() -> list[str]:
    """Every command line of the README's bash blocks, comments dropped, `\\` lines joined."""
    commands = []
    for block in readme_blocks("bash"):
        for line in block.replace("\\\n", " ").splitlines():
            command = line.split("  #")[0].split(" # ")[0].strip()
            if command and not command.startswith("#"):
                commands.append(command)
    return commands


def rule_of(command: str) -> tuple[str, str]:
    for prefix, action, reason in RULES:
        if command.startswith(prefix):
            return action, reason
    raise AssertionError(f"README command {command!r} matches no rule of tests/test_readme_walk.py: add one")


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A fresh clone of the committed project, as a newcomer gets it (no data/scotland, no
    reports), with ../shared beside it where this checkout has one."""
    base = tmp_path_factory.mktemp("readme-walk")
    subprocess.run(["git", "clone", "--quiet", str(PROJECT_ROOT), str(base / "pmf_kit")], check=True)
    if REAL_DATA.is_dir():
        (base / "shared").symlink_to(REAL_DATA.parent)
    return base / "pmf_kit"


def test_every_readme_command_has_a_rule():
    commands = readme_commands()
    assert commands, "README.md has no ```bash block"
    for command in commands:
        rule_of(command)


def test_the_readme_commands_work_on_a_fresh_clone(clone):
    walked = []
    for command in readme_commands():
        action, _ = rule_of(command)
        words = shlex.split(command)
        if action == "make-target":
            target = words[1]
            assert re.search(rf"^{re.escape(target)}:", (clone / "Makefile").read_text(), re.MULTILINE), command
            continue
        if action == "leave-out" or (action == "real-data" and not REAL_DATA.is_dir()):
            continue
        if action == "list":
            words.append("--list")
        words[0] = str(BIN / Path(words[0]).name)
        result = subprocess.run(words, cwd=clone, capture_output=True, text=True, timeout=600)
        needs_real_data = any("scotland" in word for word in words) and not REAL_DATA.is_dir()
        if needs_real_data:
            continue
        assert result.returncode in (0, 1) if "check-register" in command else result.returncode == 0, (
            f"{command}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        walked.append(command)
    print("walked:", *walked, sep="\n  ")
    assert walked


def test_the_readme_python_runs_in_a_kernel_as_a_newcomer_pastes_it(clone):
    blocks = readme_blocks("python")
    assert blocks, "README.md has no ```python block"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(block) for block in blocks])
    client = NotebookClient(notebook, kernel_name=KERNEL_NAME, kernel_manager_class=VenvKernelManager,
                            timeout=600, allow_errors=True, resources={"metadata": {"path": str(clone / "notebooks")}})
    client.execute()
    errors = [(cell.source[:80], output.get("ename"), output.get("evalue"))
              for cell in notebook.cells for output in cell.outputs if output.output_type == "error"]
    assert errors == []
    assert (clone / "reports" / "explore" / "custom-areas.yaml").is_file()
