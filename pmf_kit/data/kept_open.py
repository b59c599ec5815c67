"""Data sets kept open in a warm kernel, so that a batch reads and aggregates each one once.

A batch's warm kernel runs report after report (pmf_kit.batch.kernels); it calls
`keep_data_sets_open()` once, after which `open_dataset` returns the data set it opened before
for the same folder and custom-areas file, as long as no file in them has changed since (size
and modification time). Its aggregates, population, SIMD and boundaries are then built once for
every report of the kernel. Elsewhere (JupyterLab, scripts) every call opens the folder afresh,
as before. Reports must not change a data set they opened (add_custom_areas does): in a warm
kernel the next report would see the change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

Opened = TypeVar("Opened")

_kept: dict[tuple, tuple[tuple, object]] | None = None


def keep_data_sets_open() -> None:
    """From now on, in this process, reuse data sets whose files have not changed."""
    global _kept
    if _kept is None:
        _kept = {}


def kept_or_opened(folder: Path, custom_areas: Path | None, opener: Callable[[], Opened]) -> Opened:
    """The data set kept for (`folder`, `custom_areas`) if still current, else `opener()`."""
    if _kept is None:
        return opener()
    key = (folder.resolve(), custom_areas.resolve() if custom_areas else None)
    state = _state(folder, custom_areas)
    kept = _kept.get(key)
    if kept is not None and kept[0] == state:
        return kept[1]  # type: ignore[return-value]
    opened = opener()
    _kept[key] = (state, opened)
    return opened


def _state(folder: Path, custom_areas: Path | None) -> tuple:
    """Size and modification time of every file the data set may read."""
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    if custom_areas is not None:
        files.append(custom_areas)
    return tuple((str(path), *_stat(path)) for path in files)


def _stat(path: Path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError:
        return (-1, -1)
    return (status.st_size, status.st_mtime_ns)
