"""Nearest neighbours worked by hand on four areas and two variables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pmf_kit.errors import PmfKitError
from pmf_kit.stats.nearest_neighbours import nearest_neighbours, standardised

# x = 1, 3, 5, 7: mean 4, sd sqrt(5), z = (-3, -1, 1, 3) / sqrt(5)
# y = 10, 10, 30, 30: mean 20, sd 10, z = (-1, -1, 1, 1)
AREAS = pd.DataFrame({"x": [1.0, 3.0, 5.0, 7.0], "y": [10.0, 10.0, 30.0, 30.0]}, index=["A", "B", "C", "D"])


def test_variables_are_z_scores():
    z = standardised(AREAS)
    assert list(z["x"]) == pytest.approx([-3 / math.sqrt(5), -1 / math.sqrt(5), 1 / math.sqrt(5), 3 / math.sqrt(5)])
    assert list(z["y"]) == pytest.approx([-1, -1, 1, 1])


def test_nearest_by_euclidean_distance_on_standardised_variables():
    nearest = nearest_neighbours(AREAS, "B", 3)
    assert list(nearest["code"]) == ["A", "C", "D"]
    # A: sqrt((2/sqrt5)^2 + 0^2); C: sqrt((2/sqrt5)^2 + 2^2); D: sqrt((4/sqrt5)^2 + 2^2)
    assert list(nearest["distance"]) == pytest.approx([math.sqrt(0.8), math.sqrt(4.8), math.sqrt(7.2)])
    assert list(nearest["rank"]) == [1, 2, 3]
    assert list(nearest_neighbours(AREAS, "A", 1)["code"]) == ["B"]


def test_weights_scale_each_variables_squared_difference():
    """x = 0, 2, 0, 1 and y = 0, 0, 2, 1: both have mean 0.75 and variance 0.6875. From O, P differs
    by 2 in x, Q by 2 in y, R by 1 in each. Unweighted: R (2 / 0.6875), then P and Q (4 / 0.6875),
    tied and taken by code. With x weighted 4 and y 1: Q 4 / 0.6875, R (4 + 1) / 0.6875, P 16 / 0.6875."""
    areas = pd.DataFrame({"x": [0.0, 2.0, 0.0, 1.0], "y": [0.0, 0.0, 2.0, 1.0]}, index=["O", "P", "Q", "R"])
    assert list(nearest_neighbours(areas, "O", 3)["code"]) == ["R", "P", "Q"]
    weighted = nearest_neighbours(areas, "O", 3, weights={"x": 4.0, "y": 1.0})
    assert list(weighted["code"]) == ["Q", "R", "P"]
    assert list(weighted["distance"]) == pytest.approx([math.sqrt(v / 0.6875) for v in (4, 5, 16)])
    with pytest.raises(PmfKitError, match="no weight is given for y"):
        nearest_neighbours(areas, "O", 3, weights={"x": 1.0})


def test_a_constant_variable_is_dropped_and_an_incomplete_area_left_out():
    areas = AREAS.assign(same=5.0)
    areas.loc["E"] = [2.0, float("nan"), 5.0]
    assert list(standardised(areas).columns) == ["x", "y"]
    assert list(nearest_neighbours(areas, "B", 5)["code"]) == ["A", "C", "D"]
    assert list(nearest_neighbours(areas, "B", 5, weights={"x": 1.0, "y": 1.0})["code"]) == ["A", "C", "D"]
    with pytest.raises(PmfKitError, match="E lacks a value"):
        nearest_neighbours(areas, "E", 2)


def test_ties_go_by_code_and_n_must_be_positive():
    twins = pd.DataFrame({"x": [0.0, 1.0, 1.0]}, index=["M", "Z", "K"])
    assert list(nearest_neighbours(twins, "M", 2)["code"]) == ["K", "Z"]
    with pytest.raises(PmfKitError, match="1 or more"):
        nearest_neighbours(twins, "M", 0)
