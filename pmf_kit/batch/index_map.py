"""The index page's map: the areas of a run set as inline SVG shapes, each linking to its report.

Drawn at batch time from the data set's boundaries (British National Grid, dissolved to the run
set's level), simplified to about a thousandth of the map's width and scaled to a 1000-unit
view box, so a map of Scotland's HSCP localities stays in the tens of kilobytes and draws
offline with no script. A run set with no boundaries, or with more areas than a map can show
usefully (MAX_AREAS; one per data zone of Scotland would be megabytes), has no map.

Each area is filled with one of a few pale colours, never the colour of an area it touches, so
borders read at a glance, and named at a point inside it (in lines, at the largest size that fits
its shape; an area too small for its name is named only in its tooltip and the legend).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import geopandas as gpd
from shapely import STRtree
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

MAX_AREAS = 500
VIEW_WIDTH = 1000.0
SIMPLIFY_SHARE = 0.001
MARGIN_SHARE = 0.01
PALETTE = ("#a6cee3", "#b2df8a", "#fdbf6f", "#cab2d6", "#fb9a99", "#ffff99", "#8dd3c7", "#d9d9d9")
"""Pale fills (ColorBrewer Paired and Set3 light shades) under dark labels; neighbours differ."""
LABEL_SIZES = (22.0, 16.0, 12.0)
"""Label font sizes tried, in view-box units (1000 wide), largest first."""
LINE_CHARACTERS = 16
CHARACTER_WIDTH = 0.56
"""A label character's width as a share of its font size (a plain sans-serif face)."""


@dataclass(frozen=True)
class MapShape:
    """One area on the map: its code (to find its report), name, SVG path, fill, and where its
    name is written (lines centred on `label_x`, `label_y`, in `label_size` units; no lines
    where the name does not fit the shape)."""

    code: str
    name: str
    path: str
    colour: str = ""
    label_x: float = 0.0
    label_y: float = 0.0
    label_size: float = 0.0
    label_lines: list[str] = field(default_factory=list)


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

    colours = neighbour_colours(list(shapes.geometry))
    drawn = []
    for code, name, geometry, outline, colour in zip(shapes["code"], shapes["name"], shapes.geometry,
                                                     simplified, colours):
        largest = max(_polygons(geometry), key=lambda polygon: polygon.area)
        inside = largest.representative_point()
        left, bottom, right, top = largest.bounds
        size, lines = label_fit(str(name), (right - left) * scale, (top - bottom) * scale)
        drawn.append(MapShape(str(code), str(name), _svg_path(outline, point), colour,
                              round((inside.x - west) * scale, 1), round((north - inside.y) * scale, 1),
                              size, lines))
    return AreaMap(f"0 0 {VIEW_WIDTH:.0f} {math.ceil(height * scale)}", drawn)


def neighbour_colours(geometries: list[BaseGeometry]) -> list[str]:
    """A PALETTE colour for each geometry, none the colour of a geometry it touches (greedy, the
    most-neighboured first: Welsh and Powell), cycling the palette only if a map needs more."""
    tree = STRtree(geometries)
    touching: list[set[int]] = [set() for _ in geometries]
    for one, other in zip(*tree.query(geometries, predicate="intersects")):
        if one != other:
            touching[int(one)].add(int(other))
    chosen: dict[int, int] = {}
    for area in sorted(range(len(geometries)), key=lambda index: (-len(touching[index]), index)):
        taken = {chosen[other] for other in touching[area] if other in chosen}
        chosen[area] = next(colour for colour in range(len(PALETTE) + len(taken) + 1) if colour not in taken)
    return [PALETTE[chosen[area] % len(PALETTE)] for area in range(len(geometries))]


def label_fit(name: str, width: float, height: float) -> tuple[float, list[str]]:
    """The largest LABEL_SIZES size at which `name`, in lines of about LINE_CHARACTERS, fits a
    box `width` x `height` (view-box units) with its lines; (0, []) if none does."""
    lines = _lines(name)
    longest = max(len(line) for line in lines)
    for size in LABEL_SIZES:
        if longest * size * CHARACTER_WIDTH <= width and len(lines) * size * 1.2 <= height:
            return size, lines
    return 0.0, []


def _lines(name: str) -> list[str]:
    """Words of a name gathered into lines of at most LINE_CHARACTERS (a longer word alone)."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LINE_CHARACTERS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [name]


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
