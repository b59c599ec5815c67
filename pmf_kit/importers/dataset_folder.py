"""Writing a data set folder safely: never over a folder pmf_kit did not make, never half-made.

An import builds the folder in a hidden sibling and renames it into place only when complete, so a
failed or killed import leaves the previous data set as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

import pandas as pd

from pmf_kit.errors import PmfKitError


def check_replaceable(out: Path) -> None:
    """Refuse to replace anything but an empty folder or an earlier data set."""
    if not out.exists():
        return
    if out.is_dir() and (not any(out.iterdir()) or (out / "dataset.yaml").is_file()):
        return
    raise PmfKitError(f"{out} exists and is not a data set folder; choose a new folder for --out")


def write_atomically(out: Path, write: Callable[[Path], None]) -> None:
    """Build the folder with `write` in a hidden sibling, then swap it in by renaming."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.building-"))
    try:
        staging.chmod(_folder_mode())
        write(staging)
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _folder_mode() -> int:
    """The permissions a new folder gets (mkdtemp's are private to the user)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _swap_in(staging: Path, out: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
        return
    retired = out.with_name(f".{out.name}.replaced-{os.getpid()}")
    os.rename(out, retired)
    os.rename(staging, out)
    shutil.rmtree(retired)


def write_tables(folder: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Each table as CSV, without the readers' `source_row` bookkeeping."""
    for name, table in tables.items():
        table.drop(columns="source_row", errors="ignore").to_csv(folder / name, index=False, float_format="%.10g")
