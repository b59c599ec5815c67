"""Agreement with the peer library, PHStatsMethods (OHID's Python port of PHEindicatormethods):
every generated case compared is counted per method, with the largest relative difference, and
the table is printed at the end of the test run (tests/stats/conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

TOLERANCE = 1e-9
"""Largest relative difference allowed from the peer: the methods are the same formulas."""


@dataclass
class Agreement:
    """Cases compared for one method and the largest relative difference seen."""

    cases: int = 0
    largest_relative_difference: float = 0.0


AGREEMENT: dict[str, Agreement] = {}


def relative_difference(ours: ArrayLike, theirs: ArrayLike) -> np.ndarray:
    """|ours - theirs| / |theirs|; where the peer gives 0, the absolute difference; where both
    are missing, 0 (they agree that there is no figure); where only one is, infinity."""
    ours, theirs = np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float)
    both_missing = np.isnan(ours) & np.isnan(theirs)
    with np.errstate(divide="ignore", invalid="ignore"):
        difference = np.abs(ours - theirs) / np.where(theirs == 0, 1.0, np.abs(theirs))
    difference = np.where(both_missing, 0.0, difference)
    return np.where(np.isnan(difference), np.inf, difference)


def agree(method: str, ours: ArrayLike, theirs: ArrayLike, cases: int) -> None:
    """Record `cases` compared for `method` and assert every figure agrees within TOLERANCE."""
    difference = relative_difference(ours, theirs)
    record = AGREEMENT.setdefault(method, Agreement())
    record.cases += cases
    record.largest_relative_difference = max(record.largest_relative_difference, float(difference.max(initial=0.0)))
    assert difference.max(initial=0.0) <= TOLERANCE, f"{method}: ours {ours}, PHStatsMethods {theirs}"
