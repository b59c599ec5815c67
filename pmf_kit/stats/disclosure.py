"""Which published figures must be hidden so that no small count can be seen or worked out.

Public Health Scotland's Statistical Disclosure Control Protocol: a count below the indicator's
threshold (commonly 5, sometimes 10) is not shown, nor any rate or interval calculated from it
(primary suppression); where a hidden count could still be worked out from what is shown, further
figures are hidden (secondary suppression). Denominators are populations and stay visible, so a
shown rate reveals its count: every shown figure counts as a published count.

Secondary suppression here is decided for everything a data set publishes at once, not one table
at a time (ScotPHO `apply_suppressions.R`, PHS `make_sdc_output.R`: one pass before any output).
Each published figure is the sum of the counts of a set of data zones (the "atoms"): an area of
any level, a custom area, an area's data zones in one SIMD quintile. `protect` makes sure every
hidden figure has a protection: a change to the data zones' counts that moves it but no shown
figure, and takes no count below zero. Then the true counts and the changed ones fit every shown
figure alike, so no combination of shown figures (differences of nested or overlapping areas, of a
custom area and the areas it nearly equals, of an area and its quintiles) pins the hidden one, not
even using that counts cannot be negative. This is cell suppression with one protection per
suppressed cell, as in tau-ARGUS (Hundepool et al., Statistical Disclosure Control, Wiley 2012,
ch. 4); the cheapest protection is found by linear programming. The data set module
(pmf_kit.data.publication) builds the sets and keeps the decision; every table, chart, report and
export reads it.

Not related here: periods that add up to other periods (quarters to a year).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linprog

SUPPRESSION_SYMBOL = "*"
"""Shown in place of a suppressed figure in every table."""

DEFAULT_THRESHOLD = 5
"""Counts below this are suppressed when the catalogue sets no threshold."""

SUPPRESSED_COLUMNS = ("numerator", "numerator_high", "value", "value_low", "value_high", "lower_ci", "upper_ci")
"""Columns blanked on a suppressed row; the denominator (a population) stays visible."""

VISIBLE, PRIMARY, SECONDARY = 0, 1, 2
PUBLISHED_AT_SOURCE = "published_at_source"
"""The catalogue's `disclosure` word for figures the source publishes itself (pmf_kit.data.catalogue_fields)."""
STATUS_WORDS = {VISIBLE: "", PRIMARY: "primary", SECONDARY: "secondary"}
"""How a decision reads in the `suppressed` column of every table."""

_TOLERANCE = 1e-7
"""A figure moves along a direction when its change is larger than this."""


def thresholds_from_catalogue(catalogue: pd.DataFrame) -> dict[str, int]:
    """The suppression threshold of each indicator: `suppression_threshold`, blank -> 5; 0 for an
    indicator whose source already publishes it for every data zone (`disclosure:
    published_at_source`): a reader has its counts from the publisher, so hiding them protects
    nothing and only withholds what is public."""
    column = (
        catalogue["suppression_threshold"]
        if "suppression_threshold" in catalogue.columns
        else pd.Series(np.nan, index=catalogue.index)
    )
    threshold = pd.to_numeric(column).fillna(DEFAULT_THRESHOLD).astype(int)
    if "disclosure" in catalogue.columns:
        threshold = threshold.where(catalogue["disclosure"].astype(str) != PUBLISHED_AT_SOURCE, 0)
    return dict(zip(catalogue["indicator_id"].astype(str), threshold))


@dataclass
class Figures:
    """The published figures of one indicator and period, each the sum of a set of data zones.

    `incidence` (figures x atoms, 0/1) says which atoms (data zones) each figure sums; `counts`
    are the figures' counts and `atom_counts` the atoms' own counts (known to the data set, not
    to a reader); `primary` marks counts below the threshold; `eligible` marks figures that may be
    hidden to protect another (a custom area set added to a decided data set may hide only its own
    figures). `capacity` optionally bounds each atom's count from above (the denominator of a
    percentage): a count at its bound, like one at zero, can only move one way. `blocks` gives
    each atom a part (e.g. its council) within which most sets fall; a protection is sought
    within the blocks of the figure it protects. A figure whose row of `incidence` is empty
    stands alone (a comparator outside the data zones): primary suppression only.
    """

    incidence: sparse.csr_matrix
    counts: np.ndarray
    primary: np.ndarray
    eligible: np.ndarray
    atom_counts: np.ndarray
    capacity: np.ndarray | None = None
    blocks: np.ndarray | None = None
    unprotected: np.ndarray = field(init=False)
    directions: sparse.csc_matrix = field(init=False)

    def __post_init__(self) -> None:
        self.incidence = sparse.csr_matrix(self.incidence, dtype=np.float64)
        self.incidence.eliminate_zeros()
        self.counts = np.asarray(self.counts, dtype=np.float64)
        self.primary = np.asarray(self.primary, dtype=bool)
        self.eligible = np.asarray(self.eligible, dtype=bool)
        self.atom_counts = np.asarray(self.atom_counts, dtype=np.float64)
        atoms = self.incidence.shape[1]
        self.capacity = np.full(atoms, np.inf) if self.capacity is None else np.asarray(self.capacity, dtype=float)
        self.blocks = np.zeros(atoms, dtype=np.int64) if self.blocks is None else np.asarray(self.blocks)
        self.unprotected = np.zeros(len(self.counts), dtype=bool)


def protect(figures: Figures, hidden: np.ndarray | None = None, known: sparse.spmatrix | None = None) -> np.ndarray:
    """The status of every figure: VISIBLE, PRIMARY or SECONDARY.

    Each hidden figure is protected by a direction d over the atoms (a change of the data zones'
    counts) that changes it but leaves every shown figure as it is, and never takes a count below
    zero (or above its bound): the shown figures fit the true counts and the counts moved along d
    alike, so the hidden figure cannot be worked out, not even using that counts are never
    negative. Directions that cost nothing come first (`_twin_directions`); for the hidden figures
    still unprotected, the cheapest direction moving them all is found by linear programming per
    block (minimum total size of the shown figures it changes, which are then hidden; small areas
    and small counts first), splitting the set in two where no one direction moves them all. The
    figures a direction changes are all protected by it, so hiding them never exposes anything new
    (cell suppression with a protection for every suppressed cell, as in tau-ARGUS). `hidden`
    optionally marks figures hidden by an earlier decision (SECONDARY unless primary), and `known`
    the directions that decision used (atoms x directions), kept where they still protect
    (`_keep_known`). Figures that cannot be protected, because only ineligible figures could be
    hidden, are marked in `figures.unprotected`; every direction used is left in
    `figures.directions`, to be passed as `known` to a later decision on top of this one.
    """
    status = np.where(figures.primary, PRIMARY, VISIBLE).astype(np.int8)
    if hidden is not None:
        status = np.where(np.asarray(hidden, dtype=bool) & (status == VISIBLE), SECONDARY, status).astype(np.int8)
    incidence = figures.incidence
    linked = np.asarray(incidence.getnnz(axis=1) > 0)
    figures.directions = sparse.csc_matrix((incidence.shape[1], 0))
    if not (linked & (status != VISIBLE)).any():
        return status
    directions = _twin_directions(figures, status != VISIBLE)
    if known is not None and known.shape[1]:
        directions = sparse.hstack([directions, _keep_known(figures, status, linked, known)]).tocsc()
    problem = _Problem.of(figures)
    targets = np.flatnonzero(linked & (status != VISIBLE))

    def moved_by_any(rows) -> np.ndarray:
        return (abs(incidence[rows] @ directions) > _TOLERANCE).getnnz(axis=1) > 0

    def take(direction: np.ndarray) -> None:
        nonlocal directions
        status[linked & (np.abs(incidence @ direction) > _TOLERANCE) & (status == VISIBLE)] = SECONDARY
        directions = sparse.hstack([directions, sparse.csc_matrix(direction[:, None])]).tocsc()

    for batch, atoms, sign in _batches(problem, targets[~moved_by_any(targets)]):
        direction = _cheapest_direction(problem, status != VISIBLE, batch, atoms, sign)
        if direction is not None:
            take(direction)
    for target in targets[np.lexsort((incidence.getnnz(axis=1)[targets], figures.counts[targets]))]:
        if moved_by_any([target])[0]:
            continue
        direction = _protecting_direction(problem, status != VISIBLE, target)
        if direction is None:
            figures.unprotected[target] = True
            continue
        take(direction)
    figures.directions = directions
    return status


def _keep_known(figures: Figures, status: np.ndarray, linked: np.ndarray, known: sparse.spmatrix) -> sparse.csc_matrix:
    """Directions of an earlier decision, for figures added since (a custom area set): each still
    protects what it moved once the new shown figures it moves are hidden. For every hidden
    figure, the known direction moving it that moves fewest new shown figures is kept and those
    figures hidden (SECONDARY); a direction moving a shown figure that may not be hidden is
    dropped."""
    incidence = figures.incidence
    known = sparse.csc_matrix(known)
    moves = (abs(incidence @ known) > _TOLERANCE).tocsc()
    kept = []
    for target in np.flatnonzero(linked & (status != VISIBLE)):
        columns = moves[target].indices
        best, fewest = None, None
        for column in columns:
            cells = moves[:, column].indices
            shown = cells[status[cells] == VISIBLE]
            if not figures.eligible[shown].all():
                continue
            if fewest is None or len(shown) < fewest:
                best, fewest = column, len(shown)
        if best is not None:
            cells = moves[:, best].indices
            status[cells[status[cells] == VISIBLE]] = SECONDARY
            kept.append(best)
    return known[:, sorted(set(kept))]


def _twin_directions(figures: Figures, hidden: np.ndarray) -> np.ndarray:
    """Directions that cost nothing: atoms not shown alone that no shown figure tells apart (each
    shown figure holds both or neither) can trade a count, e_a - e_b, while b's count is above
    zero and a's below its bound. Columns: each such atom paired with its twins' largest count."""
    incidence = figures.incidence
    none = sparse.csc_matrix((incidence.shape[1], 0))
    shown = incidence[np.flatnonzero(~hidden)]
    alone = np.zeros(incidence.shape[1], dtype=bool)
    alone[shown[np.asarray(shown.getnnz(axis=1) == 1)].indices] = True
    free = np.flatnonzero(~alone & (np.asarray(incidence.getnnz(axis=0)).ravel() > 0))
    if len(free) < 2:
        return none
    patterns = shown[:, free].T.tocsr()
    generator = np.random.default_rng(20240401)
    keys = np.round(np.column_stack([patterns @ generator.random(patterns.shape[1]) for _ in range(2)]), 9)
    twin_group = np.unique(keys, axis=0, return_inverse=True)[1].ravel()
    counts, capacity = figures.atom_counts[free], figures.capacity[free]
    rows, values = [], []
    for group in np.flatnonzero(np.bincount(twin_group) > 1):
        members = np.flatnonzero(twin_group == group)
        giver = members[np.argmax(np.nan_to_num(counts[members], nan=0.0))]
        if not counts[giver] > 0:
            continue
        for taker in members[(members != giver) & (counts[members] < capacity[members])]:
            rows += [free[taker], free[giver]]
            values += [1.0, -1.0]
    columns = np.repeat(np.arange(len(rows) // 2), 2)
    return sparse.csc_matrix((values, (rows, columns)), shape=(incidence.shape[1], len(rows) // 2))


NEIGHBOURHOOD_SIZE = 200
"""A protection is first sought among the data zones of the small published sets (at most this
many data zones) that share a data zone with the figure protected; then in its whole block."""


def _batches(problem: _Problem, unprotected: np.ndarray):
    """Hidden single data zones at zero (which can only rise), protected together block by block
    by one direction: far fewer programmes, and no worse, since what they take comes from counts
    hidden anyway. Yields (targets, atoms, sign); what a batch leaves unprotected is protected
    alone, as are all other hidden figures."""
    figures = problem.figures
    zeros = unprotected[(problem.sizes[unprotected] == 1) & (figures.counts[unprotected] <= 0)]
    blocks = figures.blocks[figures.incidence[zeros].indices]
    for block in np.unique(blocks):
        yield zeros[blocks == block], np.flatnonzero(figures.blocks == block), 1.0


@dataclass
class _Problem:
    """What every protecting direction of one set of figures is sought in, worked out once."""

    figures: Figures
    by_atom: sparse.csc_matrix
    sizes: np.ndarray
    capacities: np.ndarray
    same_set: np.ndarray
    """A number per distinct set: figures of the same set (a locality that is also a ward) are
    one figure, costed once."""

    def neighbourhood(self, target: int) -> np.ndarray:
        """The target's data zones and those of the small published sets sharing one with it."""
        own = self.figures.incidence[target].indices
        touching = np.unique(self.by_atom[:, own].indices)
        small = touching[self.sizes[touching] <= NEIGHBOURHOOD_SIZE]
        return np.union1d(own, self.figures.incidence[small].indices)

    @classmethod
    def of(cls, figures: Figures) -> _Problem:
        incidence = figures.incidence
        generator = np.random.default_rng(20240401)
        keys = np.round(np.column_stack([incidence @ generator.random(incidence.shape[1]) for _ in range(2)]), 9)
        same_set = np.unique(keys, axis=0, return_inverse=True)[1].ravel()
        return cls(figures, incidence.tocsc(), np.asarray(incidence.getnnz(axis=1)), incidence @ figures.capacity,
                   same_set)


def _protecting_direction(problem: _Problem, hidden: np.ndarray, target: int) -> np.ndarray | None:
    """The cheapest direction that moves the target by 1 (up, or down where it cannot rise),
    keeps ineligible shown figures still and respects zero and full counts; None if there is
    none. Sought first in the target's neighbourhood (NEIGHBOURHOOD_SIZE), then in its blocks."""
    figures = problem.figures
    own = figures.incidence[target].indices
    in_blocks = np.flatnonzero(np.isin(figures.blocks, np.unique(figures.blocks[own])))
    near = problem.neighbourhood(target)
    count = figures.counts[target]
    signs = [sign for sign, possible in ((1.0, count < problem.capacities[target]), (-1.0, count > 0)) if possible]
    for atoms in ([near, in_blocks] if len(near) < len(in_blocks) else [in_blocks]):
        for sign in signs:
            direction = _cheapest_direction(problem, hidden, target, atoms, sign)
            if direction is not None:
                return direction
    return None


def _cheapest_direction(problem: _Problem, hidden: np.ndarray, targets: np.ndarray | int, atoms: np.ndarray,
                        sign: float | np.ndarray) -> np.ndarray | None:
    """The linear programme: over directions d on `atoms` (zero elsewhere),

    min sum_j cost_j |a_j . d| over shown eligible figures j, subject to sign a_t . d >= 1 for
    each target t,
    a_j . d = 0 for shown ineligible figures, a_j . d >= 0 where figure j is 0 and <= 0 where it
    is full, and d_i >= 0 (<= 0) for atoms at 0 (at their bound). cost_j is the figure's number
    of data zones, plus less than 1 by its count; figures of the same set count once (any figure
    of a set that moves is hidden with it).
    """
    figures = problem.figures
    local = problem.by_atom[:, atoms].tocsr()
    rows = np.flatnonzero(np.diff(local.indptr) > 0)
    local = local[rows]
    shown = ~hidden[rows]
    costly, fixed = shown & figures.eligible[rows], shown & ~figures.eligible[rows]
    first_of_set = np.zeros(len(rows), dtype=bool)
    first_of_set[np.unique(problem.same_set[rows], return_index=True)[1]] = True
    costly &= first_of_set
    counts = figures.counts[rows]
    cost = problem.sizes[rows][costly] + counts[costly] / (1.0 + counts.max(initial=0.0))
    n_atoms, n_costly = len(atoms), int(costly.sum())
    parts, offset = [], 0
    for block, factor, slack in ((local[costly], 1.0, True), (local[costly], -1.0, True),
                                 (local[counts <= 0], -1.0, False), (local[counts >= problem.capacities[rows]], 1.0, False)):
        coo = block.tocoo()
        parts.append((coo.row + offset, coo.col, factor * coo.data))
        if slack:
            parts.append((np.arange(n_costly) + offset, n_atoms + np.arange(n_costly), -np.ones(n_costly)))
        offset += block.shape[0]
    moving = figures.incidence[np.atleast_1d(targets)][:, atoms].tocoo()
    parts.append((moving.row + offset, moving.col, -np.broadcast_to(sign, (moving.shape[0],))[moving.row] * moving.data))
    b_upper = np.concatenate([np.zeros(offset), -np.ones(moving.shape[0])])
    offset += moving.shape[0]
    upper = sparse.csr_matrix((np.concatenate([part[2] for part in parts]),
                               (np.concatenate([part[0] for part in parts]), np.concatenate([part[1] for part in parts]))),
                              shape=(offset, n_atoms + n_costly))
    equal = sparse.hstack([local[fixed], sparse.csr_matrix((int(fixed.sum()), n_costly))]).tocsr() if fixed.any() else None
    atom_counts = figures.atom_counts[atoms]
    low = np.concatenate([np.where(atom_counts <= 0, 0.0, -np.inf), np.zeros(n_costly)])
    high = np.concatenate([np.where(atom_counts >= figures.capacity[atoms], 0.0, np.inf), np.full(n_costly, np.inf)])
    result = linprog(np.concatenate([np.zeros(n_atoms), cost]), A_ub=upper, b_ub=b_upper,
                     A_eq=equal, b_eq=None if equal is None else np.zeros(equal.shape[0]),
                     bounds=np.column_stack([low, high]), method="highs")
    if result.status != 0:
        return None
    direction = np.zeros(figures.incidence.shape[1])
    direction[atoms] = np.where(np.abs(result.x[:n_atoms]) > 1e-9, result.x[:n_atoms], 0.0)
    return direction


def statuses_as_words(status: np.ndarray) -> np.ndarray:
    """VISIBLE / PRIMARY / SECONDARY as the `suppressed` column spells them."""
    return np.array([STATUS_WORDS[int(code)] for code in status], dtype=object)


def blank_suppressed(values: pd.DataFrame, suppressed: pd.Series) -> pd.DataFrame:
    """A copy of `values` with `suppressed` set ("primary", "secondary" or "") and, on suppressed
    rows, numerator, value and 95% limits blanked; the denominator stays."""
    result = values.copy()
    result["suppressed"] = suppressed.fillna("").to_numpy()
    hidden = result["suppressed"] != ""
    for column in SUPPRESSED_COLUMNS:
        if column in result.columns:
            result[column] = result[column].astype(float).mask(hidden)
    return result


def suppress_pooled(values: pd.DataFrame, pools: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """Hide a pooled figure wherever one of the areas it pools is hidden.

    `pools` maps the geography_code of a pooled figure (e.g. an area's similar areas summed
    together) to the codes of the areas it sums. Those areas are shown one by one as well, so
    a pool beside a hidden member would give the member away as the pool minus the others: the
    pool's row for that indicator and period is blanked with `suppressed = "secondary"`. A pool
    shown only beside visible members adds nothing a reader could not sum for themselves.
    """
    result = values.copy()
    keys = [column for column in ("indicator_id", "period") if column in result.columns]
    blanked = [column for column in SUPPRESSED_COLUMNS if column in result.columns]
    for pool, members in pools.items():
        hidden = result[result["geography_code"].isin(members) & (result["suppressed"] != "")]
        exposed = pd.MultiIndex.from_frame(hidden[keys].astype(str)).unique()
        rows = (result["geography_code"] == pool) & (result["suppressed"] == "")
        rows &= pd.MultiIndex.from_frame(result[keys].astype(str)).isin(exposed)
        result.loc[rows, "suppressed"] = "secondary"
        result.loc[rows, blanked] = float("nan")
    return result


def footnotes(thresholds: Mapping[str, int], indicator_ids: Iterable[str]) -> list[str]:
    """The suppression footnote for a table of `indicator_ids`, as a list to add to its notes:
    empty where none of them can be hidden (no threshold above 0, as for a figure its source
    already publishes for every data zone), so no table speaks of suppression it cannot have."""
    applying = {indicator: thresholds[indicator] for indicator in indicator_ids if thresholds.get(indicator, 0) > 0}
    return [footnote(applying)] if applying else []


def footnote(thresholds: int | Mapping[str, int] = DEFAULT_THRESHOLD) -> str:
    """Text explaining the suppression symbol, for the foot of every table and chart."""
    limits = sorted(set(thresholds.values())) if isinstance(thresholds, Mapping) else [thresholds]
    below = " or ".join(str(limit) for limit in limits)
    depending = " (depending on the indicator)" if len(limits) > 1 else ""
    return (
        f"{SUPPRESSION_SYMBOL} Not shown to protect confidentiality: counts of fewer than "
        f"{below}{depending}, and any rate or confidence interval calculated from them, are "
        "suppressed, and further figures are suppressed so that no hidden count can be worked out "
        "from any figures published from this data set (Public Health Scotland statistical "
        "disclosure control)."
    )
