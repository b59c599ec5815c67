"""Fictional, Scottish-sounding place names for neighbourhoods, wards and community councils.

Names are built from common Scots and Gaelic place-name elements (bal-, kil-, -brae, -muir), so
they read like real places without being the name of any particular one.
"""

from __future__ import annotations

import numpy as np

NAME_STARTS = (
    "Bal", "Kil", "Auchen", "Dal", "Glen", "Strath", "Craig", "Bracken", "Pit", "Tor", "Drum",
    "Ard", "Carn", "Lang", "Muir", "Whin", "Blair", "Fern", "Heather", "Rowan", "Birk", "Cairn",
    "Knock", "Ash", "Thorn", "Broom", "Loch", "Inch", "Gowan", "Linn",
)
NAME_ENDS = (
    "hill", "brae", "field", "bank", "muir", "side", "haugh", "loan", "mill", "burn", "wood",
    "lea", "knowe", "shiels", "dykes", "riggs", "park", "croft", "mains", "gate", "foot",
    "head", "cleugh", "law",
)
AWKWARD_JOINS = ("ll" + "l", "nnl", "hh")


def neighbourhood_names(rng: np.random.Generator, count: int, taken: set[str]) -> list[str]:
    """`count` distinct neighbourhood names, none in `taken` and none with an awkward join."""
    candidates = [start + end for start in NAME_STARTS for end in NAME_ENDS]
    candidates = [name for name in candidates
                  if name not in taken and not any(join in name.lower() for join in AWKWARD_JOINS)]
    order = rng.permutation(len(candidates))
    if count > len(candidates):
        raise ValueError(f"only {len(candidates)} neighbourhood names available, {count} needed")
    return [candidates[index] for index in order[:count]]
