"""The fictional council's land: a coastline, an offshore island, its towns and villages.

Everything is placed in British National Grid metres, east of Perth and north of the Forth, a
stretch of the grid where a Scottish council plausibly sits. Towns decide where data zones are
dense (small cells), where deprivation is concentrated, and which localities are older.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
import shapely
from shapely.geometry import Polygon

from pmf_kit.sample.seeding import random_stream

MAINLAND_CENTRE = (350_000.0, 735_000.0)
ISLAND_CENTRE = (385_500.0, 733_000.0)


@dataclass(frozen=True)
class Settlement:
    """A town or village: where its data zone seeds cluster and how deprived its core is.

    `deprivation` is the strength of the deprived core (negative for an affluent place);
    `suburb_affluence` adds a ring of affluent suburbs around a bigger town.
    """

    name: str
    locality: str
    east_km: float
    north_km: float
    spread_km: float
    datazones: int
    deprivation: float
    core_km: float
    suburb_affluence: float = 0.0


@dataclass(frozen=True)
class Locality:
    """A locality: its name, where its territory is anchored, and how old its residents are."""

    name: str
    anchor_east_km: float
    anchor_north_km: float
    ageing: float
    island: bool = False


LOCALITIES = (
    Locality("Inverbrackie", 12.0, -5.0, ageing=-0.15),
    Locality("Auchterlinn", -8.0, -7.0, ageing=0.0),
    Locality("Kilbarrow and Dalvane", 3.0, 3.0, ageing=0.1),
    Locality("Portavie and the Carnbeg Coast", 17.0, 9.0, ageing=0.45),
    Locality("Strathfearn", -15.0, 8.0, ageing=0.4),
    Locality("Balgarvie, Lochmorran and the Ochterlony Villages", -2.0, 14.0, ageing=0.35),
    Locality("Isle of Innisbrae", 35.5, -2.0, ageing=0.6, island=True),
)

SETTLEMENTS = (
    Settlement("Inverbrackie", "Inverbrackie", 12.0, -5.0, 2.3, 118, 2.4, 2.6, 0.9),
    Settlement("Auchterlinn", "Auchterlinn", -8.0, -7.0, 2.0, 82, 1.7, 2.2, 0.6),
    Settlement("Kilbarrow", "Kilbarrow and Dalvane", 3.0, 3.0, 2.6, 72, -0.9, 4.0),
    Settlement("Portavie", "Portavie and the Carnbeg Coast", 17.0, 9.0, 1.6, 44, 0.9, 1.3),
    Settlement("Strathfearn", "Strathfearn", -15.0, 8.0, 1.4, 28, 0.3, 1.0),
    Settlement("Balgarvie", "Balgarvie, Lochmorran and the Ochterlony Villages",
               -3.0, 13.0, 0.8, 12, 0.0, 0.8),
    Settlement("Lochmorran", "Balgarvie, Lochmorran and the Ochterlony Villages",
               5.0, 14.0, 0.7, 10, -0.3, 0.8),
    Settlement("Ochterlony", "Balgarvie, Lochmorran and the Ochterlony Villages",
               -9.0, 14.0, 0.7, 9, 0.2, 0.8),
    Settlement("Port Innis", "Isle of Innisbrae", 35.5, -2.0, 1.2, 8, 0.4, 1.0),
)

RURAL_DATAZONES = 118
ISLAND_LOCALITIES = {locality.name for locality in LOCALITIES if locality.island}


def mainland_polygon() -> Polygon:
    """An irregular coastline and council border: an ellipse with a few harmonics of wobble."""
    return _wobbly_ellipse(MAINLAND_CENTRE, 26_000, 19_000, vertices=240, part="mainland")


def island_polygon() -> Polygon:
    """A small island off the east coast, home of the smallest locality."""
    return _wobbly_ellipse(ISLAND_CENTRE, 3_600, 2_300, vertices=72, part="island")


def _wobbly_ellipse(
    centre: tuple[float, float], east_radius: float, north_radius: float, vertices: int, part: str
) -> Polygon:
    """A star-shaped outline, so it is always a simple polygon however the wobble falls."""
    rng = random_stream(f"coast-{part}")
    angles = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    wobble = np.ones_like(angles)
    for harmonic in range(2, 9):
        amplitude = rng.uniform(0.01, 0.06) / np.sqrt(harmonic - 1)
        wobble += amplitude * np.cos(harmonic * angles + rng.uniform(0, 2 * np.pi))
    wobble += rng.normal(0, 0.004, size=vertices)
    east = centre[0] + east_radius * wobble * np.cos(angles)
    north = centre[1] + north_radius * wobble * np.sin(angles)
    return Polygon(np.round(np.column_stack([east, north]), 1))


def km_to_grid(east_km: float, north_km: float) -> tuple[float, float]:
    """Kilometres from the mainland centre to British National Grid metres."""
    return MAINLAND_CENTRE[0] + east_km * 1000, MAINLAND_CENTRE[1] + north_km * 1000


def seed_points() -> np.ndarray:
    """Data zone seed points: dense clusters in towns, sparse across the countryside.

    Voronoi cells of these seeds become the data zones, so dense seeds make the small urban
    data zones and sparse seeds the large rural ones, as in the real 2011 data zones.
    """
    rng = random_stream("seeds")
    mainland, island = mainland_polygon(), island_polygon()
    accepted: list[tuple[float, float]] = []
    for settlement in SETTLEMENTS:
        land = island if settlement.locality in ISLAND_LOCALITIES else mainland
        centre = km_to_grid(settlement.east_km, settlement.north_km)
        _scatter(accepted, land, settlement.datazones, 180.0,
                 partial(rng.normal, centre, settlement.spread_km * 1000))
    bounds = np.array(mainland.bounds)
    _scatter(accepted, mainland, RURAL_DATAZONES, 1_600.0,
             partial(rng.uniform, bounds[:2], bounds[2:]))
    return np.array(accepted)


def _scatter(
    accepted: list[tuple[float, float]],
    land: Polygon,
    count: int,
    min_spacing: float,
    draw_point: Callable[[], np.ndarray],
) -> None:
    """Add `count` points on `land`, none closer than `min_spacing` to an earlier one."""
    added = 0
    inset = land.buffer(-150)
    while added < count:
        point = draw_point()
        if not shapely.contains_xy(inset, point[0], point[1]):
            continue
        if accepted:
            nearest = np.min(np.hypot(*(np.array(accepted) - point).T))
            if nearest < min_spacing:
                continue
        accepted.append((float(point[0]), float(point[1])))
        added += 1
