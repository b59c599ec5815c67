"""The index page's map: the areas of a run set as inline SVG shapes, each linking to its report.

Drawn at batch time from the data set's boundaries (British National Grid, dissolved to the run
set's level), simplified to about a thousandth of the map's width and scaled to a 1000-unit
view box, so a map of Scotland's HSCP localities stays in the tens of kilobytes and draws
offline with no script. A run set with no boundaries, or with more areas than a map can show
usefully (MAX_AREAS; one per data zone of Scotland would be megabytes), has no map.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import geopandas as gpd
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

MAX_AREAS = 500
VIEW_WIDTH = 1000.0
SIMPLIFY_SHARE = 0.001
MARGIN_SHARE = 0.01


@dataclass(frozen=True)
class MapShape:
    """One area on the map: its code (to find its report), name and SVG path."""

    code: str
    name: str
    path: str


@dataclass(frozen=True)
class AreaMap:
    """The SVG view box (`0 0 W H`) and one shape per area."""

    view_box: str
    shapes: list[MapShape]


def area_map(boundaries: gpd.GeoDataFrame) -> AreaMap | None:
    """The map of `boundaries` (`code, name, geometry`), or None if there is nothing to draw."""
    shapes = boundaries[~boundaries.geometry.is_empty & boundaries.geometry.notna()]
    if shapes.empty or len(shapes) > MAX_AREAS:
        return None
    west, south, east, north = shapes.total_bounds
    margin = max(east - west, north - south, 1.0) * MARGIN_SHARE
    west, south, east, north = west - margin, south - margin, east + margin, north + margin
    width, height = east - west, north - south
    scale = VIEW_WIDTH / width
    simplified = shapes.geometry.simplify(width * SIMPLIFY_SHARE, preserve_topology=True)

    def point(x: float, y: float) -> str:
        return f"{(x - west) * scale:.1f},{(north - y) * scale:.1f}"

    drawn = [
        MapShape(str(code), str(name), _svg_path(geometry, point))
        for code, name, geometry in zip(shapes["code"], shapes["name"], simplified)
    ]
    return AreaMap(f"0 0 {VIEW_WIDTH:.0f} {math.ceil(height * scale)}", drawn)


def _polygons(geometry: BaseGeometry) -> list[Polygon]:
    """The polygons of any geometry (a dissolve can give a collection with stray lines)."""
    if isinstance(geometry, Polygon):
        return [] if geometry.is_empty else [geometry]
    return [polygon for part in getattr(geometry, "geoms", []) for polygon in _polygons(part)]


def _svg_path(geometry: BaseGeometry, point: Callable[[float, float], str]) -> str:
    rings = []
    for polygon in _polygons(geometry):
        for ring in (polygon.exterior, *polygon.interiors):
            coordinates = list(ring.coords)[:-1]
            if len(coordinates) >= 3:
                rings.append("M" + "L".join(point(x, y) for x, y in coordinates) + "Z")
    return "".join(rings)
