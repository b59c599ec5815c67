"""pyproject.toml (pip) and environment.yml (conda, with a pip: list for what conda-forge lacks) must ask for
the same packages and versions."""

import re
import tomllib

import yaml

from tests.conftest import PROJECT_ROOT

CONDA_ONLY = {"python", "pip"}


def requirement(text: str) -> tuple[str, str]:
    """(normalised name, version constraint) of a requirement such as `PyYAML>=6`."""
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", text)
    return re.sub(r"[-_.]+", "-", match[1]).lower(), match[2].replace(" ", "")


def test_environment_yml_agrees_with_pyproject():
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    pip_requirements = dict(map(requirement, project["dependencies"] + project["optional-dependencies"]["test"]))
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    entries = environment["dependencies"]
    from_pip = [line for entry in entries if isinstance(entry, dict) for line in entry.get("pip", [])]
    conda_requirements = dict(
        requirement(entry) for entry in [*entries, *from_pip] if isinstance(entry, str)
    )
    for name in CONDA_ONLY:
        conda_requirements.pop(name, None)
    assert conda_requirements == pip_requirements


def test_console_script_is_declared():
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"]["pmf-kit"] == "pmf_kit.cli:main"
