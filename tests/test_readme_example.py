"""The README's JupyterLab example is code an analyst will paste: it must run as written, on
the sample data set, from the project root and from a new notebook in notebooks/ (where
JupyterLab starts its kernel), writing its files under the project root."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import PROJECT_ROOT, copy_project

SECTION = "## Using pmf_kit in JupyterLab"


def readme_example() -> str:
    """The first ```python block of the README's JupyterLab section."""
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, f"no ```python block under {SECTION!r} in README.md"
    return match.group(1)


@pytest.mark.parametrize("folder", [".", "notebooks"])
def test_the_readme_example_runs_from_the_project_root_and_from_notebooks(folder, tmp_path):
    project = copy_project(tmp_path)
    result = subprocess.run([sys.executable, "-c", readme_example()], cwd=project / folder,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (project / "reports" / "explore" / "custom-areas.yaml").is_file()
    assert not (project / "notebooks" / "reports").exists()


def test_the_example_opens_the_sample_data_set():
    assert 'pk.open_dataset("data/sample")' in readme_example()
