"""Data zone boundaries, and the boundaries of any other level dissolved from them."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from pmf_kit.errors import DataFileError

BRITISH_NATIONAL_GRID = 27700
LAYER = "datazone"


def load_boundaries(path: Path, known_datazones: set[str]) -> gpd.GeoDataFrame:
    """Read boundaries.gpkg: one polygon per data zone, in British National Grid."""
    path = Path(path)
    if not path.is_file():
        raise DataFileError(path, "a GeoPackage of data zone boundaries, but there is no such file")
    try:
        boundaries = gpd.read_file(path, layer=LAYER)
    except Exception as error:  # pyogrio raises several types for unreadable files
        raise DataFileError(path, f"a GeoPackage with a layer {LAYER!r}", found=str(error)) from None
    if "datazone_code" not in boundaries.columns:
        raise DataFileError(path, "a column datazone_code", column="datazone_code",
                            found=", ".join(boundaries.columns))
    if boundaries.crs is None or boundaries.crs.to_epsg() != BRITISH_NATIONAL_GRID:
        boundaries = boundaries.set_crs(BRITISH_NATIONAL_GRID) if boundaries.crs is None \
            else boundaries.to_crs(BRITISH_NATIONAL_GRID)
    unknown = ~boundaries["datazone_code"].isin(known_datazones)
    if unknown.any():
        raise DataFileError(path, "data zone codes from lookup.csv", row=int(unknown.argmax()) + 1,
                            column="datazone_code", found=boundaries["datazone_code"][unknown].iloc[0])
    invalid = ~boundaries.geometry.is_valid
    if invalid.any():
        boundaries.loc[invalid, "geometry"] = boundaries.geometry[invalid].make_valid()
    return boundaries[["datazone_code", "geometry"]]


def dissolve(boundaries: gpd.GeoDataFrame, membership: pd.DataFrame) -> gpd.GeoDataFrame:
    """Boundaries of the areas in `membership` (`datazone_code, code, name`), one row each."""
    joined = boundaries.merge(membership, on="datazone_code")
    dissolved = joined.dissolve(by=["code", "name"], as_index=False)
    return dissolved[["code", "name", "geometry"]]
