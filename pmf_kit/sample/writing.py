"""Write the sample data set all at once: into a temporary folder, then swap it into place.

A failure part-way (a full disk, an interrupted run) leaves the previous data set untouched,
never half a data set.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

# GeoPackages record when they were written; a fixed date keeps regenerated files identical.
FIXED_GEOPACKAGE_DATE = "2025-01-01T00:00:00.000Z"
# mkdtemp makes owner-only folders; the finished data set should be readable like any other.
FOLDER_PERMISSIONS = 0o755


def replace_folder_atomically(out_dir: Path, write_contents: Callable[[Path], None]) -> None:
    """Let `write_contents` fill a fresh folder next to `out_dir`, then put it in its place."""
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    staging.chmod(FOLDER_PERMISSIONS)
    try:
        write_contents(staging)
        _swap_into_place(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_into_place(staging: Path, out_dir: Path) -> None:
    """Rename the old folder aside, the new one in, and only then delete the old one."""
    if not out_dir.exists():
        staging.rename(out_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    retired.rmdir()
    out_dir.rename(retired)
    try:
        staging.rename(out_dir)
    except OSError:
        retired.rename(out_dir)
        raise
    shutil.rmtree(retired)


def write_csv(table: pd.DataFrame, path: Path) -> None:
    """UTF-8, comma separated, Unix line endings, blanks for missing values."""
    table.to_csv(path, index=False, lineterminator="\n", na_rep="", encoding="utf-8")


def write_boundaries(boundaries: gpd.GeoDataFrame, path: Path) -> None:
    """The `datazone` layer of a GeoPackage, stamped with a fixed date so it is reproducible."""
    with _gdal_option("OGR_CURRENT_DATE", FIXED_GEOPACKAGE_DATE):
        boundaries.to_file(path, layer="datazone", driver="GPKG", engine="pyogrio")


@contextmanager
def _gdal_option(name: str, value: str) -> Iterator[None]:
    """Set a GDAL configuration option for the duration of a block, then restore it."""
    previous = pyogrio.get_gdal_config_option(name)
    pyogrio.set_gdal_config_options({name: value})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({name: previous})
