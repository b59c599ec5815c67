"""Custom areas made while exploring: from a list of data zones, from larger areas (intermediate
zones, wards), or from a map selection exported by another tool as GeoJSON. Each builder
returns `{name: [data zone codes]}`, ready for custom_areas.save_custom_areas, so the batch can
reuse the area; `use_custom_areas` saves and adds them to an open data set in one step.

A drawn polygon rarely follows data zone boundaries. A data zone belongs to a polygon selection
when its representative point (shapely's point guaranteed inside the data zone, near its
middle) falls inside the selection: each data zone is wholly in or out, and a polygon drawn
around a town takes the data zones that are mostly in it without weighing areas.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import geopandas as gpd
import pandas as pd
import shapely
from pyogrio.errors import DataSourceError

from pmf_kit.data.custom_areas import save_custom_areas
from pmf_kit.data.dataset import Dataset
from pmf_kit.data.geography import DATAZONE
from pmf_kit.data.paths import missing_path_hint, project_path
from pmf_kit.errors import ConfigError, DataFileError

BRITISH_NATIONAL_GRID = 27700
GEOJSON_CRS = 4326
DATAZONE_PROPERTIES = ("datazone_code", "datazone", "datazone2011", "datazone2011code", "dz2011_code",
                       "dz2011code", "dz_code", "dzcode", "datazone2022", "dz22_code")


def from_datazones(dataset: Dataset, name: str, datazones: Iterable[str]) -> dict[str, list[str]]:
    """A custom area from data zones given by code or name (each checked; unknown ones are an
    error listing the closest)."""
    codes = [dataset.find_area(str(datazone), DATAZONE).code for datazone in datazones]
    if not codes:
        raise ConfigError(name, "a custom area needs at least one data zone")
    return {name: list(dict.fromkeys(codes))}


def from_areas(dataset: Dataset, name: str, areas: Iterable[str], level: str) -> dict[str, list[str]]:
    """A custom area as the union of areas of one level (intermediate zones, wards, ...),
    given by code or name."""
    codes: list[str] = []
    for area in areas:
        codes += dataset.geography.datazones_in(dataset.find_area(str(area), level))
    if not codes:
        raise ConfigError(name, f"a custom area needs at least one {dataset.level_label(level).lower()}")
    return {name: list(dict.fromkeys(codes))}


def from_geojson(dataset: Dataset, name: str, path: str | Path) -> dict[str, list[str]]:
    """A custom area from a map selection saved as GeoJSON.

    Features that carry a data zone code property (datazone_code, DataZone, DZ2011_Code, ...)
    are taken by code. Otherwise polygons select the data zones whose representative point lies
    inside them, and points select the data zone they fall in. Coordinates are read in the
    file's CRS (WGS84 when it names none, as GeoJSON requires) and compared in British National
    Grid with the data set's boundaries.
    """
    path = project_path(path)
    selection = _read_selection(path)
    coded = _coded_datazones(selection, dataset, path)
    if coded is not None:
        return {name: coded}
    if not dataset.has_boundaries:
        raise ConfigError(path, "the features carry no data zone codes, and this data set has no "
                                "boundaries to place their shapes on")
    shapes = selection.geometry.to_crs(BRITISH_NATIONAL_GRID)
    boundaries = dataset.datazone_boundaries
    polygons = shapes[shapes.geom_type.isin(["Polygon", "MultiPolygon"])]
    points = shapes[shapes.geom_type.isin(["Point", "MultiPoint"])]
    chosen: set[str] = set()
    if len(polygons):
        area = shapely.union_all(polygons.to_numpy())
        inside = boundaries.geometry.representative_point().within(area)
        chosen |= set(boundaries.loc[inside, "datazone_code"])
    for point in points:
        chosen |= set(boundaries.loc[boundaries.geometry.intersects(point), "datazone_code"])
    if not chosen:
        raise ConfigError(path, "the selection takes in no data zone of this data set (is it the right "
                                "place and coordinate system?)")
    order = list(dataset.geography.lookup["datazone_code"])
    return {name: sorted(chosen, key=order.index)}


def _read_selection(path: Path) -> gpd.GeoDataFrame:
    """The features of a GeoJSON file, assumed WGS84 when no CRS is named."""
    if not path.is_file():
        raise DataFileError(path, f"a GeoJSON file here, but there is no such file{missing_path_hint(path)}")
    try:
        selection = gpd.read_file(path)
    except DataSourceError as error:
        raise DataFileError(path, "a readable GeoJSON file", found=str(error)) from None
    if selection.empty:
        raise ConfigError(path, "the GeoJSON holds no features")
    if selection.crs is None:
        selection = selection.set_crs(GEOJSON_CRS)
    return selection


def _coded_datazones(selection: gpd.GeoDataFrame, dataset: Dataset, path: Path) -> list[str] | None:
    """Data zone codes from a feature property, each checked, or None when there is no such property."""
    columns = {str(column).casefold(): column for column in selection.columns if column != "geometry"}
    found = [columns[candidate] for candidate in DATAZONE_PROPERTIES if candidate in columns]
    if not found:
        return None
    column = found[0]
    known = set(dataset.geography.lookup["datazone_code"])
    codes = [str(code).strip() for code in selection[column] if pd.notna(code)]
    for position, code in enumerate(codes, start=1):
        if code not in known:
            raise DataFileError(path, "a data zone code of this data set", row=position, column=str(column),
                                found=code)
    return list(dict.fromkeys(codes))


def use_custom_areas(dataset: Dataset, areas: dict[str, list[str]], path: str | Path) -> pd.DataFrame:
    """Save custom areas to YAML (for the batch: run sets name the file in `custom_areas:`) and
    add them to the open data set as areas of level `custom`. Returns the custom areas."""
    path = project_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_custom_areas(areas, path)
    return dataset.add_custom_areas(path)
