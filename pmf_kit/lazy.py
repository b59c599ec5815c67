"""Public names of a package imported when first used (PEP 562), not when the package is.

`import pmf_kit as pk` and `from pmf_kit import charts` stay as they were; what changes is that
importing one module of a package no longer imports all of them. A batch worker imports
pmf_kit.batch only and so leaves geopandas, SciPy and Shapely to the kernel, which imports them
for the report (about 50 MB less in every worker, beside its kernel).
"""

from __future__ import annotations

import importlib
import sys
from typing import Callable, Mapping


def lazy_names(package: str, public: Mapping[str, str]) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """`__getattr__` and `__dir__` for `package`: each name of `public` is taken, when first
    asked for, from the module it maps to (or is that module, for a subpackage of the same name)."""

    def __getattr__(name: str) -> object:
        if name not in public:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = importlib.import_module(public[name])
        value = module if module.__name__ == f"{package}.{name}" else getattr(module, name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *public})

    return __getattr__, __dir__
