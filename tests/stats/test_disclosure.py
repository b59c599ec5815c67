"""Primary and secondary suppression over sets of data zones (PHS disclosure control)."""

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from scipy.optimize import linprog

from pmf_kit.stats.disclosure import (
    PRIMARY,
    SECONDARY,
    SUPPRESSION_SYMBOL,
    VISIBLE,
    Figures,
    blank_suppressed,
    footnote,
    footnotes,
    protect,
    suppress_pooled,
    thresholds_from_catalogue,
)


def figures(sets: list[list[int]], atom_counts: list[float], threshold: int = 5, **options) -> Figures:
    """Figures over atoms 0..n-1, each the sum of the atoms listed."""
    rows = np.repeat(np.arange(len(sets)), [len(members) for members in sets])
    columns = np.concatenate([np.asarray(members, dtype=int) for members in sets]) if sets else []
    incidence = sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(sets), len(atom_counts)))
    counts = incidence @ np.asarray(atom_counts, dtype=float)
    eligible = options.pop("eligible", np.ones(len(sets), dtype=bool))
    return Figures(incidence, counts, counts < threshold, eligible, np.asarray(atom_counts, float), **options)


def pinned(figure: Figures, status: np.ndarray) -> list[int]:
    """An attacker's check, independent of protect: for each hidden figure, the least and most it
    can be given every shown figure, counts never negative (nor above their bound): the rows whose
    range is a single value are worked out."""
    matrix = figure.incidence.toarray()
    shown = matrix[status == VISIBLE]
    bounds = [(0, None if np.isinf(cap) else cap) for cap in figure.capacity]
    worked_out = []
    for row in np.flatnonzero((status != VISIBLE) & matrix.any(axis=1)):
        ends = [linprog(sign * matrix[row], A_eq=shown, b_eq=shown @ figure.atom_counts, bounds=bounds,
                        method="highs").fun * sign for sign in (1, -1)]
        if abs(ends[1] - ends[0]) < 1e-6:
            worked_out.append(int(row))
    return worked_out


def test_counts_below_the_threshold_are_primary_and_a_count_at_it_is_shown():
    figure = figures([[0], [1], [2], [3]], [0, 4, 5, 6])
    assert protect(figure).tolist() == [PRIMARY, PRIMARY, VISIBLE, VISIBLE]


def test_thresholds_come_from_the_catalogue_with_5_when_blank():
    catalogue = pd.DataFrame({"indicator_id": ["admissions", "deaths"], "suppression_threshold": [10, np.nan]})
    assert thresholds_from_catalogue(catalogue) == {"admissions": 10, "deaths": 5}


def test_a_figure_its_source_publishes_for_every_data_zone_is_not_suppressed_again():
    catalogue = pd.DataFrame({"indicator_id": ["police_incidents", "overcrowded"], "suppression_threshold": [5, 5],
                              "disclosure": ["controlled", "published_at_source"]})
    assert thresholds_from_catalogue(catalogue) == {"police_incidents": 5, "overcrowded": 0}


def test_a_table_of_figures_that_cannot_be_hidden_has_no_suppression_footnote():
    thresholds = {"police_incidents": 5, "overcrowded": 0, "census_flats": 0}
    assert footnotes(thresholds, ["overcrowded", "census_flats"]) == []
    [note] = footnotes(thresholds, ["overcrowded", "police_incidents"])
    assert note == footnote({"police_incidents": 5}) and "fewer than 5," in note


def test_a_hidden_child_gets_its_smallest_sibling_hidden_not_the_parent():
    # parent {0,1,2} = 19; children 3 (primary), 7, 9: 3 = 19 - 7 - 9 unless a sibling is hidden.
    figure = figures([[0], [1], [2], [0, 1, 2]], [3, 7, 9])
    status = protect(figure)
    assert status.tolist() == [PRIMARY, SECONDARY, VISIBLE, VISIBLE]
    assert pinned(figure, status) == []


def test_two_hidden_zeros_are_still_pinned_by_their_sum_so_a_count_joins_them():
    # 0 and 0 hidden: their sum 9 - 9 = 0 and counts are never negative, so both are 0.
    figure = figures([[0], [1], [2], [0, 1, 2]], [0, 0, 9])
    status = protect(figure)
    assert status.tolist() == [PRIMARY, PRIMARY, SECONDARY, VISIBLE]
    assert pinned(figure, status) == []


def test_overlapping_areas_are_protected_by_a_rectangle_of_data_zones():
    # Two ways of splitting four data zones: A = {0,1}, B = {2,3}; C = {0,2}, D = {1,3}; and the
    # total. Zone 0 (count 2) is hidden; hiding zones 1, 2 and 3 lets 0 and 3 rise while 1 and 2
    # fall, leaving A, B, C, D and the total as published: cheaper than hiding A, C and the total.
    figure = figures([[0], [1], [2], [3], [0, 1], [2, 3], [0, 2], [1, 3], [0, 1, 2, 3]], [2, 6, 7, 8])
    status = protect(figure)
    assert status.tolist() == [PRIMARY, SECONDARY, SECONDARY, SECONDARY] + [VISIBLE] * 5
    assert pinned(figure, status) == []


def test_the_same_set_twice_is_one_figure():
    # A locality that is also a ward: hiding one copy hides the other.
    figure = figures([[0], [1], [0, 1], [0, 1], [0, 1, 2]], [1, 2, 30])
    status = protect(figure)
    assert status[2] != VISIBLE and status[3] != VISIBLE
    assert pinned(figure, status) == []


def test_a_count_at_its_bound_moves_only_down_as_a_zero_moves_only_up():
    # Zone 0 is 3 of 3 (100%, primary) and zone 1 is 6 of 6: neither can rise, so they cannot
    # trade, and the larger zone 2 (8 of 20) is hidden instead of the smaller sibling zone 1.
    sets, counts = [[0], [1], [2], [0, 1, 2]], [3, 6, 8]
    assert protect(figures(sets, counts)).tolist() == [PRIMARY, SECONDARY, VISIBLE, VISIBLE]
    bounded = figures(sets, counts, capacity=np.array([3.0, 6.0, 20.0]))
    status = protect(bounded)
    assert status.tolist() == [PRIMARY, VISIBLE, SECONDARY, VISIBLE]
    assert pinned(bounded, status) == []


def test_figures_already_hidden_by_an_earlier_decision_stay_hidden_and_protected():
    figure = figures([[0], [1], [2], [0, 1, 2]], [8, 7, 9])
    status = protect(figure, hidden=np.array([True, False, False, False]))
    assert status.tolist() == [SECONDARY, SECONDARY, VISIBLE, VISIBLE]


def test_only_eligible_figures_are_hidden_and_the_rest_are_reported_unprotected():
    figure = figures([[0], [1], [0, 1]], [3, 7], eligible=np.array([True, False, False]))
    status = protect(figure)
    assert status.tolist() == [PRIMARY, VISIBLE, VISIBLE]
    assert figure.unprotected.tolist() == [True, False, False]


def test_a_figure_outside_the_data_zones_gets_primary_suppression_only():
    figure = figures([[0], [1], [0, 1]], [8, 9])
    figure.incidence = sparse.vstack([figure.incidence, sparse.csr_matrix((1, 2))]).tocsr()
    figure.counts = np.append(figure.counts, 2.0)
    figure.primary = np.append(figure.primary, True)
    figure.eligible = np.append(figure.eligible, True)
    figure.unprotected = np.zeros(4, dtype=bool)
    assert protect(figure).tolist() == [VISIBLE, VISIBLE, VISIBLE, PRIMARY]


@pytest.mark.parametrize("seed", range(6))
def test_no_hidden_figure_can_be_worked_out_in_overlapping_geographies(seed):
    """Random data zones in intermediate zones (nested in localities), wards and quintiles that
    cross them, with a breakdown of each locality by quintile: whatever the counts, an attacker
    with every shown figure and non-negativity pins no hidden one."""
    generator = np.random.default_rng(seed)
    zones = 40
    intermediate = np.sort(generator.integers(0, 10, zones))
    locality, ward, quintile = intermediate // 4, generator.integers(0, 4, zones), generator.integers(0, 5, zones)
    sets = [[zone] for zone in range(zones)]
    for grouping in (intermediate, locality, ward, locality * 5 + quintile, np.zeros(zones, int)):
        sets += [list(np.flatnonzero(grouping == value)) for value in np.unique(grouping)]
    counts = generator.poisson([0.7, 2, 5, 9, 3, 1][seed], zones)
    figure = figures(sets, counts)
    status = protect(figure)
    assert (status[figure.primary] == PRIMARY).all()
    assert pinned(figure, status) == []
    assert not figure.unprotected.any()


def test_suppressed_rows_lose_count_value_and_limits_but_keep_the_denominator():
    values = pd.DataFrame({"numerator": [3.0, 7.0], "denominator": [100.0, 100.0], "value": [3.0, 7.0],
                           "lower_ci": [1.0, 3.0], "upper_ci": [8.0, 14.0]})
    shown = blank_suppressed(values, pd.Series(["primary", ""]))
    assert shown["suppressed"].tolist() == ["primary", ""]
    assert shown.loc[0, ["numerator", "value", "lower_ci", "upper_ci"]].isna().all()
    assert shown.loc[1, "numerator"] == 7.0 and shown["denominator"].tolist() == [100.0, 100.0]


def test_footnote_names_the_symbol_and_every_threshold():
    text = footnote({"a": 5, "b": 10})
    assert text.startswith(SUPPRESSION_SYMBOL)
    assert "fewer than 5 or 10 (depending on the indicator)" in text
    assert "Public Health Scotland" in text


def test_a_pool_is_hidden_where_one_of_its_areas_is_and_shown_elsewhere():
    """dz2's 3 is hidden; a pool of dz1 + dz2 shown as 23 would give it away as 23 - 20."""
    table = pd.DataFrame({
        "indicator_id": ["admissions"] * 3 + ["crime"] * 3,
        "period": "2023",
        "geography_code": ["dz1", "dz2", "pool"] * 2,
        "numerator": [20.0, float("nan"), 23.0, 20.0, 30.0, 50.0],
        "value": [0.2, float("nan"), 0.115, 0.2, 0.3, 0.25],
        "lower_ci": [0.1, float("nan"), 0.07, 0.1, 0.2, 0.2],
        "upper_ci": [0.3, float("nan"), 0.17, 0.3, 0.4, 0.3],
        "suppressed": ["", "primary", "", "", "", ""],
    })
    pooled = suppress_pooled(table, {"pool": ["dz1", "dz2"]}).set_index(["indicator_id", "geography_code"])
    assert pooled.loc[("admissions", "pool"), "suppressed"] == "secondary"
    assert pooled.loc[("admissions", "pool"), ["numerator", "value", "lower_ci", "upper_ci"]].isna().all()
    assert pooled.loc[("admissions", "dz1"), "numerator"] == 20
    assert pooled.loc[("crime", "pool"), "suppressed"] == "" and pooled.loc[("crime", "pool"), "numerator"] == 50
