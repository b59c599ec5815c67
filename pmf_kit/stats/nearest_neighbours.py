"""Statistical nearest neighbours: the areas most like one area on a set of variables.

The approach of CIPFA's Nearest Neighbours Model, which OHID Fingertips uses to compare a local
authority with its most similar authorities, and of the LGBF's family groups: describe every
area by a few variables, put each variable on the same scale by standardising it across all the
areas (z = (x - mean) / standard deviation), and take as neighbours the areas at the smallest
Euclidean distance over the standardised variables. Here every variable has the same weight
(CIPFA weights its forty or so variables; with a handful of chosen ones, equal weights keep the
choice visible and the result easy to check by hand).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmf_kit.errors import PmfKitError


def standardised(variables: pd.DataFrame) -> pd.DataFrame:
    """Each column as z-scores across the rows: (x - mean) / standard deviation (ddof = 0).

    A column with the same value in every row tells areas apart by nothing and is dropped (its
    z-score would be 0 / 0). Rows with any missing value are dropped first: an area is compared
    on every variable or not at all.
    """
    complete = variables.dropna()
    spread = complete.std(ddof=0)
    varying = spread.index[spread > 0]
    return (complete[varying] - complete[varying].mean()) / spread[varying]


def nearest_neighbours(variables: pd.DataFrame, of: str, n: int) -> pd.DataFrame:
    """The `n` rows nearest to row `of`: `code`, `distance`, `rank` (1 = most similar).

    `variables` has one row per area (index: area code) and one numeric column per variable.
    Distance = sqrt(sum over variables of (z_area - z_of)^2) on `standardised` variables; ties
    are broken by code, so the answer never depends on row order. Fewer than `n` rows come back
    when fewer areas have every variable.
    """
    if n < 1:
        raise PmfKitError(f"the number of similar areas must be 1 or more, not {n}")
    scores = standardised(variables)
    if of not in scores.index:
        raise PmfKitError(f"{of} lacks a value for one of {', '.join(map(str, variables.columns))}, "
                          "so no similar areas can be found for it")
    distance = np.sqrt(((scores - scores.loc[of]) ** 2).sum(axis=1)).drop(of)
    nearest = pd.DataFrame({"code": distance.index.astype(str), "distance": distance.to_numpy()})
    nearest = nearest.sort_values(["distance", "code"], kind="stable").head(n).reset_index(drop=True)
    nearest["rank"] = np.arange(1, len(nearest) + 1)
    return nearest
