"""Statistical nearest neighbours: the areas most like one area on a set of variables.

The approach of CIPFA's Nearest Neighbours Model, which OHID Fingertips uses to compare a local
authority with its most similar authorities, and of the LGBF's family groups: describe every
area by a few variables, put each variable on the same scale by standardising it across all the
areas (z = (x - mean) / standard deviation), and take as neighbours the areas at the smallest
weighted Euclidean distance over the standardised variables. CIPFA weights its forty or so
variables; the weights here are the caller's, stated where the variables are chosen (for similar
areas, pmf_kit.stats.similarity_aspects), and equal when none are given.
"""

from __future__ import annotations

from typing import Mapping

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


def nearest_neighbours(
    variables: pd.DataFrame, of: str, n: int, weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """The `n` rows nearest to row `of`: `code`, `distance`, `rank` (1 = most similar).

    `variables` has one row per area (index: area code) and one numeric column per variable.
    Distance = sqrt(sum over variables of w * (z_area - z_of)^2) on `standardised` variables, w
    the column's entry in `weights` (1 for every column when `weights` is None); ties are broken
    by code, so the answer never depends on row order. Fewer than `n` rows come back when fewer
    areas have every variable.
    """
    if n < 1:
        raise PmfKitError(f"the number of similar areas must be 1 or more, not {n}")
    scores = standardised(variables)
    if of not in scores.index:
        raise PmfKitError(f"{of} lacks a value for one of {', '.join(map(str, variables.columns))}, "
                          "so no similar areas can be found for it")
    weighting = pd.Series(1.0, index=scores.columns) if weights is None else pd.Series(weights, dtype=float)
    unweighted = [str(column) for column in scores.columns if column not in weighting.index]
    if unweighted:
        raise PmfKitError(f"no weight is given for {', '.join(unweighted)}")
    squared = (scores - scores.loc[of]) ** 2 * weighting[scores.columns]
    distance = np.sqrt(squared.sum(axis=1)).drop(of)
    nearest = pd.DataFrame({"code": distance.index.astype(str), "distance": distance.to_numpy()})
    nearest = nearest.sort_values(["distance", "code"], kind="stable").head(n).reset_index(drop=True)
    nearest["rank"] = np.arange(1, len(nearest) + 1)
    return nearest
