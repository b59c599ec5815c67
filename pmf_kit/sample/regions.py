"""Group data zones into contiguous areas: localities, intermediate zones, wards, councils.

Groups grow across shared borders only, so every group is one connected piece of land, the
property real intermediate zones, wards and localities have.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def grow_balanced_regions(
    members: Sequence[int],
    centroids: np.ndarray,
    neighbours: Sequence[set[int]],
    region_count: int,
    rng: np.random.Generator,
    preferred_group: np.ndarray | None = None,
) -> list[list[int]]:
    """Split connected `members` into `region_count` contiguous groups of similar size.

    Starts from k-means centres, then repeatedly lets the smallest group that can still grow
    take the unassigned neighbouring data zone nearest its start. With `preferred_group`
    (e.g. each data zone's locality), a group takes zones of its start's group first, so it
    crosses into another only when boxed in, as a ward drawn along community lines does.
    """
    member_set = set(members)
    starts = _spread_out_starts(list(members), centroids, region_count, rng)
    region_of: dict[int, int] = {}
    regions: list[list[int]] = [[] for _ in starts]
    frontiers: list[set[int]] = [set() for _ in starts]
    for index, start in enumerate(starts):
        _claim(start, index, regions, frontiers, region_of, neighbours, member_set)
    while len(region_of) < len(member_set):
        _, chosen = min((len(region), index) for index, region in enumerate(regions)
                        if frontiers[index])
        start = starts[chosen]
        nearest = min(frontiers[chosen], key=lambda zone: (
            preferred_group is not None and preferred_group[zone] != preferred_group[start],
            float(np.hypot(*(centroids[zone] - centroids[start]))), zone))
        _claim(nearest, chosen, regions, frontiers, region_of, neighbours, member_set)
    return [sorted(region) for region in regions]


def _claim(
    zone: int,
    index: int,
    regions: list[list[int]],
    frontiers: list[set[int]],
    region_of: dict[int, int],
    neighbours: Sequence[set[int]],
    member_set: set[int],
) -> None:
    """Give `zone` to region `index` and update every region's unassigned border zones."""
    regions[index].append(zone)
    region_of[zone] = index
    for frontier in frontiers:
        frontier.discard(zone)
    frontiers[index].update(other for other in neighbours[zone]
                            if other in member_set and other not in region_of)


def _spread_out_starts(
    members: list[int], centroids: np.ndarray, region_count: int, rng: np.random.Generator
) -> list[int]:
    """The member nearest each of `region_count` k-means centres of the member centroids."""
    points = centroids[members]
    centres = points[rng.choice(len(members), size=region_count, replace=False)]
    for _ in range(25):
        distances = np.hypot(*(points[:, None, :] - centres[None, :, :]).transpose(2, 0, 1))
        nearest_centre = distances.argmin(axis=1)
        for index in range(region_count):
            if np.any(nearest_centre == index):
                centres[index] = points[nearest_centre == index].mean(axis=0)
    starts: list[int] = []
    for centre in centres:
        order = np.argsort(np.hypot(*(points - centre).T), kind="stable")
        starts.append(next(members[i] for i in order if members[i] not in starts))
    return starts


def assign_to_nearest_anchor(
    centroids: np.ndarray, anchors: np.ndarray, neighbours: Sequence[set[int]],
    allowed: np.ndarray,
) -> np.ndarray:
    """Each data zone joins the nearest allowed anchor, then stray pieces join a neighbour.

    `allowed[zone, anchor]` is False where a data zone may not join an anchor (an island data
    zone may only join the island locality). Pieces cut off from their anchor's main body are
    handed to the bordering group they share most borders with, so every group is contiguous.
    """
    distances = np.hypot(*(centroids[:, None, :] - anchors[None, :, :]).transpose(2, 0, 1))
    group = np.where(allowed, distances, np.inf).argmin(axis=1)
    while True:
        stray = _first_stray_piece(group, neighbours)
        if stray is None:
            return group
        bordering = [group[other] for zone in stray for other in neighbours[zone]
                     if group[other] != group[stray[0]]]
        group[stray] = np.bincount(bordering).argmax()


def _first_stray_piece(group: np.ndarray, neighbours: Sequence[set[int]]) -> list[int] | None:
    """A connected piece of some group that is not that group's largest piece, if any."""
    for label in np.unique(group):
        pieces = connected_pieces(np.flatnonzero(group == label).tolist(), neighbours)
        if len(pieces) > 1:
            return sorted(pieces, key=lambda piece: (-len(piece), piece[0]))[1]
    return None


def connected_pieces(members: Sequence[int], neighbours: Sequence[set[int]]) -> list[list[int]]:
    """The connected pieces of a set of data zones, through shared borders."""
    remaining = set(members)
    pieces = []
    while remaining:
        start = min(remaining)
        piece, queue = {start}, [start]
        while queue:
            zone = queue.pop()
            for other in neighbours[zone]:
                if other in remaining and other not in piece:
                    piece.add(other)
                    queue.append(other)
        remaining -= piece
        pieces.append(sorted(piece))
    return pieces
