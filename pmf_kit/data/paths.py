"""Where a relative path points: the project root, wherever the code runs from.

JupyterLab starts each notebook's kernel in the notebook's own folder (`notebooks/`), while
papermill, the tests and most shell sessions run from the project root. So that "data/sample"
means the same in all of them, pmf_kit takes every relative path it is given (a data set, a LOIP
folder, custom areas, a run set, an export folder, a report or the index page) from the project
root: the nearest folder at or above the working directory that holds the marker file
`pmf-kit.yaml`. Outside any project (no marker above), a relative path is taken from the working
directory, as usual. Absolute paths, and paths starting with `~`, are left as they are.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

PROJECT_MARKER = "pmf-kit.yaml"


def project_root(start: str | os.PathLike | None = None) -> Path | None:
    """The nearest folder at or above `start` (the working directory) holding `pmf-kit.yaml`."""
    folder = Path(start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / PROJECT_MARKER).is_file():
            return candidate
    return None


def project_path(path: str | os.PathLike) -> Path:
    """`path` as pmf_kit reads it: a relative path is taken from the project root (see above).

    Inside a project the result is absolute, so passing it on (to another pmf_kit function, or
    into a notebook kernel started elsewhere) cannot move it again.
    """
    given = Path(path).expanduser()
    if given.is_absolute():
        return given
    root = project_root()
    return given if root is None else root / given


def from_project_root(path: str | os.PathLike) -> str:
    """How a report or a manifest names a file: from the project root (`data/sample`), so that
    nothing published spells out the folders of the machine that made it."""
    located = Path(path).expanduser().resolve()
    root = working_root()
    return located.relative_to(root).as_posix() if located.is_relative_to(root) else located.as_posix()


def working_root() -> Path:
    """The folder relative paths are taken from: the project root, else the working directory."""
    return project_root() or Path.cwd().resolve()


def user_cache(kind: str) -> Path:
    """The user's cache folder for one kind of kept result: $PMF_KIT_CACHE/<kind>, else
    $XDG_CACHE_HOME/pmf_kit/<kind>, else ~/.cache/pmf_kit/<kind>."""
    if os.environ.get("PMF_KIT_CACHE"):
        return Path(os.environ["PMF_KIT_CACHE"]).expanduser() / kind
    return Path(os.environ.get("XDG_CACHE_HOME") or "~/.cache").expanduser() / "pmf_kit" / kind


def closest_paths(path: str | os.PathLike, limit: int = 3) -> list[str]:
    """Existing paths most like one that does not exist, from the project root: `data/sampel`
    gives `data/sample`. The first part of the path that is missing is matched, case forgiven,
    against what its folder holds; empty when nothing is close."""
    located = project_path(path)
    existing = Path(located.anchor) if located.is_absolute() else Path(".")
    parts = located.parts[1:] if located.is_absolute() else located.parts
    for position, part in enumerate(parts):
        candidate = existing / part
        if not candidate.exists():
            try:
                names = {entry.name.casefold(): entry.name for entry in existing.iterdir()
                         if not entry.name.startswith(".")}
            except OSError:
                return []
            close = difflib.get_close_matches(part.casefold(), list(names), n=limit, cutoff=0.6)
            rest = parts[position + 1:]
            return [from_project_root(existing.joinpath(names[name], *rest)) for name in close]
        existing = candidate
    return []


def missing_path_hint(path: str | os.PathLike) -> str:
    """What an error about a missing file or folder adds: `; closest: data/sample`, or ""."""
    close = closest_paths(path)
    return f"; closest: {', '.join(close)}" if close else ""
