"""The package's layout holds: every module lives in a wing, and a wing imports only wings below it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "pmf_kit"

# Bottom first. Modules of one rank may import each other; nothing imports a higher rank.
WING_RANKS = {
    "errors": 0, "version": 0, "lazy": 0,
    "stats": 1,
    "data": 2,
    "sources": 3, "sample": 3,
    "importers": 4,
    "charts": 5,
    "profiles": 6,
    "performance": 7,
    "explore": 8,
    "batch": 9,
    "cli": 10, "__init__": 10,
}


def wing_of(module: str) -> str:
    """`pmf_kit.data.dataset` -> `data`; `pmf_kit` itself -> `__init__`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path) -> str:
    relative = path.relative_to(PROJECT_ROOT).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1] if len(parts) > 2 else parts[:1] + ["__init__"]
    return ".".join(parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every pmf_kit module the file imports, `from pmf_kit import x` included,
    and every module a package's `_PUBLIC` names lazily (pmf_kit.lazy)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(getattr(target, "id", "") == "_PUBLIC" for target in node.targets):
            found += [(value.lineno, value.value) for value in node.value.values
                      if isinstance(value, ast.Constant) and str(value.value).startswith("pmf_kit")]
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("pmf_kit")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pmf_kit"):
            if node.module == "pmf_kit":
                found += [(node.lineno, f"pmf_kit.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_lives_in_a_known_wing():
    wings = {wing_of(module_name(path)) for path in MODULES}
    assert wings <= set(WING_RANKS), wings - set(WING_RANKS)
    top_level = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert top_level == ["__init__.py", "cli.py", "errors.py", "lazy.py", "version.py"]


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_module_imports_a_wing_above_its_own(path):
    own = wing_of(module_name(path))
    upward = [
        f"line {line}: {module} ({wing_of(module)})"
        for line, module in imported_modules(path)
        if WING_RANKS[wing_of(module)] > WING_RANKS[own]
    ]
    assert upward == [], f"{path.relative_to(PROJECT_ROOT)} ({own}) reaches up: {upward}"


def test_tests_mirror_the_wings():
    for wing in ("stats", "data", "charts", "profiles", "performance", "explore", "batch", "sources",
                 "importers", "sample"):
        assert list((PROJECT_ROOT / "tests" / wing).glob("test_*.py")), f"no tests/{wing}/"


def test_docs_layout_names_every_module_under_its_wing():
    layout = (PROJECT_ROOT / "docs" / "layout.md").read_text(encoding="utf-8")
    sections = {heading.split("/")[0]: body for heading, _, body in
                (part.partition("\n") for part in layout.split("\n## ")[1:])}
    for path in MODULES:
        wing = wing_of(module_name(path))
        if path.name == "__init__.py" or path.parent == PACKAGE:
            continue
        assert f"- `{path.stem}`:" in sections.get(wing, ""), f"docs/layout.md: {wing}/{path.name} missing"
