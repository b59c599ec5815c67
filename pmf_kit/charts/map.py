"""Data zone map: a choropleth by SIMD class (or any numeric column), small enough to embed."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Sequence

import altair as alt
import numpy as np
import pandas as pd
import shapely

from pmf_kit.charts.shared import column_title, require_columns
from pmf_kit.charts.theme import CHART_WIDTH, MAP_BORDER_COLOUR, MAX_MAP_FEATURES, simd_palette
from pmf_kit.errors import PmfKitError

if TYPE_CHECKING:
    import geopandas

_SIMD_CLASSES = {"simd_decile": 10, "simd_quintile": 5}
COORDINATE_DECIMALS = 5


def _map_features(
    areas: geopandas.GeoDataFrame, properties: list[str], simplify_metres: float | None
) -> list[dict]:
    """GeoJSON features in WGS84, simplified as a coverage so neighbours still meet, rounded.

    Outer rings are made clockwise: Vega (d3-geo) reads an anticlockwise outer ring as "the whole
    globe except this polygon" and fills the entire map.
    """
    if areas.crs is None:
        raise PmfKitError(
            "datazone_map needs boundaries with a coordinate reference system "
            "(British National Grid, EPSG:27700); this GeoDataFrame has none"
        )
    geometry = areas.geometry.to_crs(27700)
    if simplify_metres is None:
        simplify_metres = _half_pixel_metres(geometry)
    if simplify_metres > 0:
        geometry = geometry.simplify_coverage(simplify_metres)
    lonlat = geometry.to_crs(4326).values
    rounded = shapely.transform(lonlat, lambda xy: np.round(xy, COORDINATE_DECIMALS))
    drawable = shapely.orient_polygons(rounded, exterior_cw=True)
    records = areas[properties].astype(object).where(areas[properties].notna(), None)
    return [
        {"type": "Feature", "geometry": shapely.geometry.mapping(shape), **record}
        for shape, record in zip(drawable, records.to_dict("records"))
    ]


def _half_pixel_metres(geometry: geopandas.GeoSeries) -> float:
    """Half a pixel of the drawn map in metres: detail finer than this cannot be seen."""
    west, south, east, north = geometry.total_bounds
    return max(east - west, north - south) / CHART_WIDTH / 2


def _map_height(features: list[dict], width: int) -> int:
    """Height that fits the area's Mercator aspect, so the map is not squashed or padded."""
    bounds = shapely.total_bounds(
        [shapely.geometry.shape(feature["geometry"]) for feature in features]
    )
    west, south, east, north = bounds
    mercator_height = math.log(math.tan(math.pi / 4 + math.radians(north) / 2)) - math.log(
        math.tan(math.pi / 4 + math.radians(south) / 2)
    )
    mercator_width = math.radians(east - west) or 1e-9
    return int(min(max(width * mercator_height / mercator_width, 250), 700))


def _simd_class_colour(colour_column: str, classes: int, legend_title: str) -> alt.Color:
    """Ordinal SIMD colour: every class in the legend in order, 1 (most deprived) darkest."""
    domain = list(range(1, classes + 1))
    label = (
        f"datum.value == 1 ? '1 most deprived' : datum.value == {classes} "
        f"? '{classes} least deprived' : datum.value"
    )
    return alt.Color(
        f"{colour_column}:O",
        title=legend_title,
        scale=alt.Scale(domain=domain, range=simd_palette(classes)),
        legend=alt.Legend(values=domain, labelExpr=label, orient="right", symbolType="square"),
    )


def datazone_map(
    areas: geopandas.GeoDataFrame,
    colour_column: str = "simd_decile",
    title: str = "Data zones by SIMD decile",
    tooltip_columns: Sequence[str] = ("datazone_name", "datazone_code", "simd_decile"),
    *,
    legend_title: str | None = None,
    simplify_metres: float | None = None,
) -> alt.Chart:
    """Choropleth of data zones, SIMD classes dark (most deprived) to light, fitted to the area.

    `areas` is a GeoDataFrame in EPSG:27700 with datazone_code, datazone_name, the colour column
    (simd_decile 1..10 or simd_quintile 1..5 as classes, any other numeric column as a gradient)
    and geometry. Shapes are simplified as a coverage, so neighbours still meet: corners whose
    triangle is smaller than `simplify_metres` squared go (Visvalingam-Whyatt); by default half a
    pixel of the drawn map, 0 keeps every vertex. Coordinates are rounded to 1e-5 degrees (about
    1 m). Both keep the HTML small.
    """
    if len(areas) > MAX_MAP_FEATURES:
        raise PmfKitError(
            f"datazone_map draws at most {MAX_MAP_FEATURES:,} areas and was given {len(areas):,}; "
            "map a smaller area (a council or locality) or aggregate to intermediate zones"
        )
    require_columns(areas, ["datazone_code", "datazone_name", colour_column], "datazone_map")
    properties = list(dict.fromkeys([*tooltip_columns, colour_column]))
    require_columns(areas, properties, "datazone_map tooltip_columns")
    features = _map_features(areas, properties, simplify_metres)
    legend_title = legend_title or column_title(colour_column)
    tooltips = [
        _map_tooltip(areas[column], colour_column, legend_title) for column in tooltip_columns
    ]
    return (
        alt.Chart(alt.Data(values=features))
        .mark_geoshape(stroke=MAP_BORDER_COLOUR, strokeWidth=0.4)
        .encode(color=_map_colour(colour_column, legend_title), tooltip=tooltips)
        .project(type="mercator")
        .properties(
            width=CHART_WIDTH,
            height=_map_height(features, CHART_WIDTH),
            title=alt.Title(title),
            description=_map_description(areas, colour_column, title, legend_title),
        )
    )


def _map_tooltip(column: pd.Series, colour_column: str, legend_title: str) -> alt.Tooltip:
    if column.name in _SIMD_CLASSES:
        kind = "ordinal"
    elif pd.api.types.is_numeric_dtype(column):
        kind = "quantitative"
    else:
        kind = "nominal"
    title = legend_title if column.name == colour_column else column_title(str(column.name))
    return alt.Tooltip(str(column.name), type=kind, title=title)


def _map_colour(colour_column: str, legend_title: str) -> alt.Color:
    if colour_column in _SIMD_CLASSES:
        return _simd_class_colour(colour_column, _SIMD_CLASSES[colour_column], legend_title)
    return alt.Color(
        f"{colour_column}:Q", title=legend_title, scale=alt.Scale(scheme="viridis", reverse=True)
    )


def _map_description(
    areas: pd.DataFrame, colour_column: str, title: str, legend_title: str
) -> str:
    text = f"Map: {title}. {len(areas)} data zones shaded by {legend_title}."
    if colour_column in _SIMD_CLASSES:
        counts = areas[colour_column].value_counts()
        spread = ", ".join(
            f"{int(counts.get(level, 0))} in class {level}"
            for level in range(1, _SIMD_CLASSES[colour_column] + 1)
        )
        text += f" Darker is more deprived. Data zones per class: {spread}."
    return text


def datazone_map_table(areas: pd.DataFrame, colour_column: str = "simd_decile") -> pd.DataFrame:
    """One row per data zone (code, name, the mapped value), most deprived first."""
    columns = ["datazone_code", "datazone_name", colour_column]
    require_columns(areas, columns, "datazone_map_table")
    rows = pd.DataFrame(areas[columns]).sort_values([colour_column, "datazone_code"])
    headers = {column: column_title(column) for column in columns}
    return rows.rename(columns=headers).reset_index(drop=True)


def simd_class_counts(areas: pd.DataFrame, colour_column: str = "simd_decile") -> pd.DataFrame:
    """How many data zones fall in each SIMD class, every class listed even when none do."""
    require_columns(areas, [colour_column], "simd_class_counts")
    classes = range(1, _SIMD_CLASSES.get(colour_column, 10) + 1)
    counts = areas[colour_column].value_counts().reindex(classes, fill_value=0)
    return pd.DataFrame(
        {column_title(colour_column): list(classes), "Number of data zones": counts.to_numpy()}
    )
