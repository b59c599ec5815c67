"""The sample council's geography: data zone polygons and every higher level, coded and named.

Intermediate zones are grown inside localities (so they nest), while wards and community
councils are grown across the whole council from other starting points (so some straddle two
localities, as real multi-member wards do).
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from pmf_kit.sample import landscape, names, regions, tessellation
from pmf_kit.sample.seeding import random_stream

COUNCIL_CODE = "X12000001"
COUNCIL_NAME = "Sample Council"
DATAZONES_PER_INTERMEDIATE_ZONE = 4.2
MAINLAND_WARDS = 19
MAINLAND_COMMUNITY_COUNCILS = 39
CODE_PREFIXES = {
    "datazone": "X01",
    "intermediate_zone": "X02",
    "ward": "X13",
    "community_council": "X16",
    "locality": "X99",
}


@dataclass(frozen=True)
class Geography:
    """The lookup (one row per data zone, every level), boundaries and modelling attributes.

    `datazones` holds what the other generators need to know about each data zone: where it
    is, how rural it is, how old its locality is, in lookup order.
    """

    lookup: pd.DataFrame
    boundaries: gpd.GeoDataFrame
    datazones: pd.DataFrame


def build_geography() -> Geography:
    """Tessellate the land, group the data zones into every level, then code and name them."""
    seeds = landscape.seed_points()
    on_island = shapely.contains_xy(landscape.island_polygon(), seeds[:, 0], seeds[:, 1])
    seeds = np.concatenate([seeds[~on_island], seeds[on_island]])
    on_island = np.sort(on_island)
    cells = (tessellation.tessellate(seeds[~on_island], landscape.mainland_polygon())
             + tessellation.tessellate(seeds[on_island], landscape.island_polygon()))
    neighbours = tessellation.adjacency(cells)
    centroids = shapely.get_coordinates(shapely.centroid(cells))
    zones = pd.DataFrame({
        "east": centroids[:, 0],
        "north": centroids[:, 1],
        "area_km2": shapely.area(cells) / 1e6,
        "on_island": on_island,
    })
    zones["locality"] = _localities(centroids, neighbours, on_island)
    zones["intermediate_zone"] = _intermediate_zones(zones, centroids, neighbours)
    zones["ward"] = _cross_cutting_groups(
        zones, centroids, neighbours, MAINLAND_WARDS, "wards")
    zones["community_council"] = _cross_cutting_groups(
        zones, centroids, neighbours, MAINLAND_COMMUNITY_COUNCILS, "community councils")
    zones["geometry"] = cells
    return _coded_and_named(zones)


def _localities(
    centroids: np.ndarray, neighbours: list[set[int]], on_island: np.ndarray
) -> np.ndarray:
    """Locality number of each data zone: nearest anchor town, island zones to the island."""
    anchors = np.array([landscape.km_to_grid(locality.anchor_east_km, locality.anchor_north_km)
                        for locality in landscape.LOCALITIES])
    island_locality = np.array([locality.island for locality in landscape.LOCALITIES])
    allowed = on_island[:, None] == island_locality[None, :]
    return regions.assign_to_nearest_anchor(centroids, anchors, neighbours, allowed)


def _intermediate_zones(
    zones: pd.DataFrame, centroids: np.ndarray, neighbours: list[set[int]]
) -> np.ndarray:
    """Intermediate zone number of each data zone, grown inside its locality so they nest."""
    rng = random_stream("intermediate-zones")
    result = np.zeros(len(zones), dtype=int)
    next_number = 0
    for locality in sorted(zones["locality"].unique()):
        members = np.flatnonzero(zones["locality"] == locality).tolist()
        count = max(1, round(len(members) / DATAZONES_PER_INTERMEDIATE_ZONE))
        for region in regions.grow_balanced_regions(members, centroids, neighbours, count, rng):
            result[region] = next_number
            next_number += 1
    return result


def _cross_cutting_groups(
    zones: pd.DataFrame, centroids: np.ndarray, neighbours: list[set[int]], mainland_count: int,
    part: str,
) -> np.ndarray:
    """Groups grown over the whole mainland from their own starts; the island is one group.

    Growth prefers the locality it started in but is not bound by it, so most groups sit in
    one locality and a few straddle two or more, as real wards and community councils do.
    """
    rng = random_stream(part)
    mainland = np.flatnonzero(~zones["on_island"]).tolist()
    result = np.zeros(len(zones), dtype=int)
    grown = regions.grow_balanced_regions(mainland, centroids, neighbours, mainland_count, rng,
                                          preferred_group=zones["locality"].to_numpy())
    for number, region in enumerate(grown):
        result[region] = number
    result[zones["on_island"].to_numpy()] = len(grown)
    return result


def _coded_and_named(zones: pd.DataFrame) -> Geography:
    """Codes in a north-to-south reading order, names from places, like the real lookups."""
    zones = zones.copy()
    locality_names = [locality.name for locality in landscape.LOCALITIES]
    zones["locality_name"] = [locality_names[number] for number in zones["locality"]]
    zones["locality_code"] = [f"{CODE_PREFIXES['locality']}{number + 1:06d}"
                              for number in zones["locality"]]
    iz_order = _reading_order(zones, "intermediate_zone", first_by="locality")
    zones["intermediate_zone_code"] = _codes(zones["intermediate_zone"], iz_order,
                                             "intermediate_zone")
    zones["intermediate_zone_name"] = _intermediate_zone_names(zones)
    zones = zones.sort_values(["intermediate_zone_code", "north", "east"],
                              ascending=[True, False, True]).reset_index(drop=True)
    zones["datazone_code"] = [f"{CODE_PREFIXES['datazone']}{number + 1:06d}"
                              for number in range(len(zones))]
    zones["datazone_name"] = (zones["intermediate_zone_name"] + " - "
                              + (zones.groupby("intermediate_zone").cumcount() + 1)
                              .map("{:02d}".format))
    for level in ("ward", "community_council"):
        zones[f"{level}_code"] = _codes(zones[level], _reading_order(zones, level), level)
    zones["ward_name"] = _ward_names(zones)
    zones["community_council_name"] = _community_council_names(zones)
    zones["council_code"] = COUNCIL_CODE
    zones["council_name"] = COUNCIL_NAME
    zones["rurality"] = _rurality(zones["area_km2"])
    zones["ageing"] = [landscape.LOCALITIES[number].ageing for number in zones["locality"]]
    boundaries = gpd.GeoDataFrame(
        {"datazone_code": zones["datazone_code"]}, geometry=list(zones["geometry"]),
        crs="EPSG:27700")
    modelling = zones[["datazone_code", "east", "north", "area_km2", "rurality", "ageing",
                       "locality_name", "on_island"]].reset_index(drop=True)
    return Geography(lookup=zones, boundaries=boundaries, datazones=modelling)


def _reading_order(zones: pd.DataFrame, level: str, first_by: str | None = None) -> list[int]:
    """Group numbers ordered north to south (and by `first_by` first), as codes are read."""
    centres = zones.groupby(level)[["north", "east"]].mean()
    if first_by is not None:
        centres[first_by] = zones.groupby(level)[first_by].first()
        centres = centres.sort_values([first_by, "north", "east"], ascending=[True, False, True])
    else:
        centres = centres.sort_values(["north", "east"], ascending=[False, True])
    return centres.index.tolist()


def _codes(groups: pd.Series, order: list[int], level: str) -> list[str]:
    """The X-prefixed code of each data zone's group, numbered in `order`."""
    number_of = {group: position + 1 for position, group in enumerate(order)}
    return [f"{CODE_PREFIXES[level]}{number_of[group]:06d}" for group in groups]


def _intermediate_zone_names(zones: pd.DataFrame) -> list[str]:
    """Town and village centres keep the settlement's name; the rest get neighbourhood names."""
    settlement_zone = {}
    for settlement in landscape.SETTLEMENTS:
        east, north = landscape.km_to_grid(settlement.east_km, settlement.north_km)
        nearest = int(np.argmin(np.hypot(zones["east"] - east, zones["north"] - north)))
        suffix = " Central" if settlement.datazones >= 25 else ""
        settlement_zone[zones["intermediate_zone"].iloc[nearest]] = settlement.name + suffix
    others = sorted(set(zones["intermediate_zone_code"]) - {
        zones.loc[zones["intermediate_zone"] == group, "intermediate_zone_code"].iloc[0]
        for group in settlement_zone})
    pool = names.neighbourhood_names(random_stream("names"), len(others),
                                     {settlement.name for settlement in landscape.SETTLEMENTS})
    name_of_code = dict(zip(others, pool))
    return [settlement_zone.get(group, name_of_code.get(code))
            for group, code in zip(zones["intermediate_zone"], zones["intermediate_zone_code"])]


def _ward_names(zones: pd.DataFrame) -> list[str]:
    """A ward is named after its two biggest intermediate zones, as in "Glenrothes West and X".

    A ward that is a whole island locality is named after the island ("Innisbrae"), so no
    ward shares a locality's name and a locality can be found by name alone.
    """
    name_of_ward = {}
    for ward_code, members in zones.groupby("ward_code"):
        if _whole_locality(zones, members):
            name_of_ward[ward_code] = members["locality_name"].iloc[0].removeprefix("Isle of ")
            continue
        counts = members.groupby("intermediate_zone_name").size()
        biggest = sorted(counts.index, key=lambda name: (-counts[name], name))[:2]
        name_of_ward[ward_code] = " and ".join(biggest)
    return [name_of_ward[code] for code in zones["ward_code"]]


def _community_council_names(zones: pd.DataFrame) -> list[str]:
    """A community council takes the name of the first unused neighbourhood nearest its middle.

    Locality names count as used, so a town's community council is not called the same as
    the locality around it ("Auchterlinn") and a locality can be found by name alone.
    """
    name_of_council = {}
    used = set(zones["locality_name"])
    for council_code, members in zones.groupby("community_council_code"):
        middle = members[["east", "north"]].mean()
        order = np.argsort(np.hypot(members["east"] - middle["east"],
                                    members["north"] - middle["north"]).to_numpy(), kind="stable")
        candidates = [members["intermediate_zone_name"].iloc[i].removesuffix(" Central")
                      for i in order]
        chosen = next((name for name in candidates if name not in used),
                      f"{candidates[0]} and District")
        used.add(chosen)
        name_of_council[council_code] = chosen
    return [name_of_council[code] for code in zones["community_council_code"]]


def _whole_locality(zones: pd.DataFrame, members: pd.DataFrame) -> bool:
    """Whether `members` are exactly the data zones of one locality."""
    localities = members["locality"].unique()
    return len(localities) == 1 and (zones["locality"] == localities[0]).sum() == len(members)


def _rurality(area_km2: pd.Series) -> np.ndarray:
    """0 for a compact urban data zone (under 0.5 km²) rising to 1 for a large rural one (10+)."""
    scaled = (np.log10(area_km2) - np.log10(0.5)) / (np.log10(10) - np.log10(0.5))
    return np.clip(scaled.to_numpy(), 0.0, 1.0)
