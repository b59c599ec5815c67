"""Data zone polygons: a Voronoi tessellation of the seed points, clipped to the land.

Voronoi cells tile the plane without gaps or overlaps, so clipping them to the coastline gives
data zones that tile the council exactly, as real data zones do.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import MultiPoint, Polygon

SHARED_BORDER_METRES = 1.0


def tessellate(seeds: np.ndarray, land: Polygon) -> list[Polygon]:
    """One polygon per seed, in seed order, together covering `land` exactly."""
    envelope = land.buffer(5_000).envelope
    cells = shapely.voronoi_polygons(MultiPoint(seeds), extend_to=envelope, ordered=True)
    clipped = [shapely.intersection(cell, land) for cell in shapely.get_parts(cells)]
    return _merge_stray_fragments(clipped)


def _merge_stray_fragments(cells: list) -> list[Polygon]:
    """Keep each cell's largest piece; give pieces cut off by the coast to their neighbour.

    A concave coastline can split a Voronoi cell in two; a data zone must be one polygon.
    """
    main_parts = []
    fragments = []
    for cell in cells:
        parts = sorted(shapely.get_parts(cell), key=lambda part: -part.area)
        main_parts.append(parts[0])
        fragments.extend(parts[1:])
    for fragment in fragments:
        borders = [shapely.length(shapely.intersection(fragment.boundary, part.boundary))
                   for part in main_parts]
        owner = int(np.argmax(borders))
        main_parts[owner] = shapely.union(main_parts[owner], fragment)
    return [shapely.normalize(part) for part in main_parts]


def adjacency(cells: list[Polygon]) -> list[set[int]]:
    """For each cell, the cells it shares a border with (touching at a corner does not count)."""
    tree = shapely.STRtree(cells)
    neighbours: list[set[int]] = [set() for _ in cells]
    left, right = tree.query(cells, predicate="intersects")
    for first, second in zip(left.tolist(), right.tolist()):
        if first >= second:
            continue
        border = shapely.intersection(cells[first].boundary, cells[second].boundary)
        if shapely.length(border) >= SHARED_BORDER_METRES:
            neighbours[first].add(second)
            neighbours[second].add(first)
    return neighbours
