"""Boundary files: SG data zone and intermediate zone boundaries 2011 (SpatialData.gov.scot).

Read as published GeoJSON (WGS84; the simplified versions hold self-intersecting polygons),
as CSV with WKT geometry in British National Grid, and as data zone centroids. Every reader
returns a GeoDataFrame in British National Grid (EPSG:27700), the CRS areas and distances in
Scotland are measured in, with polygons made valid so they can be dissolved into larger areas.
"""

from __future__ import annotations

from pathlib import Path
from typing import Collection

import geopandas as gpd
import pandas as pd
import shapely

from pmf_kit.errors import DataFileError
from pmf_kit.sources.tables import (
    check_datazone_codes,
    drop_blank_rows,
    parse_numbers,
    read_csv_cells,
    require_columns,
)

BRITISH_NATIONAL_GRID = "EPSG:27700"
WGS84 = "EPSG:4326"

# Property names used for the same thing by the publishers we have met.
_DATAZONE_PROPERTIES = {
    "datazone_code": ["dz11_code", "DataZone", "DZ2011_Code", "dz", "datazone_code"],
    "datazone_name": ["dz11_name", "Name", "DZ2011_Name", "dzn", "datazone_name"],
}
_INTERMEDIATE_ZONE_PROPERTIES = {
    "intermediate_zone_code": ["iz11_code", "InterZone", "IZ2011_Code", "intermediate_zone_code"],
    "intermediate_zone_name": ["iz11_name", "Name", "IZ2011_Name", "intermediate_zone_name"],
}
_WKT_COLUMNS = {
    "IZ2011_Code": "intermediate_zone_code",
    "Community": "intermediate_zone_name",
    "Total population": "total_population",
}


def read_datazone_boundaries(
    path: Path, datazones: Collection[str] | None = None
) -> gpd.GeoDataFrame:
    """Data zone polygons: datazone_code, datazone_name, geometry (valid, EPSG:27700)."""
    return _read_area_file(
        Path(path), _DATAZONE_PROPERTIES, "datazone_code", datazones, polygons=True
    )


def read_intermediate_zone_boundaries(path: Path) -> gpd.GeoDataFrame:
    """Intermediate zone polygons: intermediate_zone_code, _name, geometry (valid, EPSG:27700)."""
    return _read_area_file(
        Path(path), _INTERMEDIATE_ZONE_PROPERTIES, "intermediate_zone_code", None, polygons=True
    )


def read_datazone_centroids(
    path: Path, datazones: Collection[str] | None = None
) -> gpd.GeoDataFrame:
    """Data zone centroid points (simd.scot): datazone_code, datazone_name, geometry (27700)."""
    return _read_area_file(
        Path(path), _DATAZONE_PROPERTIES, "datazone_code", datazones, polygons=False
    )


def read_wkt_boundaries_csv(path: Path, crs: str = BRITISH_NATIONAL_GRID) -> gpd.GeoDataFrame:
    """Intermediate zones from a CSV with WKT in a `geometry` column (BNG unless `crs` says).

    Columns: intermediate_zone_code, intermediate_zone_name, total_population, geometry.
    A cell that is not WKT is reported with its row.
    """
    path = Path(path)
    cells = drop_blank_rows(read_csv_cells(path, "IZ2011_Code"))
    require_columns(cells, [*_WKT_COLUMNS, "geometry"], path)
    geometry = [_geometry_from_wkt(cells, position, path) for position in range(len(cells))]
    total_population, _ = parse_numbers(cells, "Total population", path, whole=True)
    frame = pd.DataFrame({
        "intermediate_zone_code": cells["IZ2011_Code"].to_numpy(),
        "intermediate_zone_name": cells["Community"].to_numpy(),
        "total_population": total_population.to_numpy(),
    })
    areas = gpd.GeoDataFrame(frame, geometry=geometry, crs=crs)
    return _valid_in_british_national_grid(areas, polygons=True)


def _geometry_from_wkt(cells: pd.DataFrame, position: int, path: Path) -> shapely.Geometry:
    text = cells["geometry"].iloc[position]
    try:
        return shapely.from_wkt(text)
    except (shapely.errors.GEOSException, TypeError):
        raise DataFileError(
            path, "WKT geometry such as POLYGON ((...))",
            row=int(cells["source_row"].iloc[position]), column="geometry",
            found=str(text)[:40],
        ) from None


def _read_area_file(
    path: Path, properties: dict[str, list[str]], code_column: str,
    datazones: Collection[str] | None, polygons: bool,
) -> gpd.GeoDataFrame:
    if not path.is_file():
        raise DataFileError(path, "a boundary file here, but there is no such file")
    try:
        areas = gpd.read_file(path)
    except Exception as error:  # pyogrio raises DataSourceError and friends
        raise DataFileError(
            path, "a readable GeoJSON or GeoPackage file", found=str(error)
        ) from None
    renamed = _renamed_properties(areas, properties, path)
    if code_column == "datazone_code":
        cells = renamed.assign(source_row=range(1, len(renamed) + 1))
        check_datazone_codes(cells, code_column, path, sheet=None, known=datazones)
    if areas.crs is None:
        renamed = renamed.set_crs(WGS84)
    return _valid_in_british_national_grid(renamed, polygons)


def _renamed_properties(
    areas: gpd.GeoDataFrame, properties: dict[str, list[str]], path: Path
) -> gpd.GeoDataFrame:
    """Our columns from whichever of the known property names the file uses."""
    chosen = {}
    for ours, candidates in properties.items():
        found = next((name for name in candidates if name in areas.columns), None)
        if found is None:
            raise DataFileError(
                path, f"a feature property for {ours} (one of {', '.join(candidates)})",
                found=f"properties {', '.join(c for c in areas.columns if c != 'geometry')}",
            )
        chosen[found] = ours
    return areas[[*chosen, "geometry"]].rename(columns=chosen)


def _valid_in_british_national_grid(
    areas: gpd.GeoDataFrame, polygons: bool
) -> gpd.GeoDataFrame:
    """Geometry in EPSG:27700; polygons repaired after projecting, keeping polygonal parts."""
    areas = areas.to_crs(BRITISH_NATIONAL_GRID)
    if polygons:
        repaired = shapely.make_valid(
            areas.geometry.to_numpy(), method="structure", keep_collapsed=False
        )
        areas = areas.set_geometry(gpd.GeoSeries(repaired, index=areas.index, crs=areas.crs))
    return areas
