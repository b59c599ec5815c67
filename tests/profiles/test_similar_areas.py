"""Similar areas of the tiny data set's intermediate zones, worked by hand."""

from __future__ import annotations

import math

import pytest

import pmf_kit as pk
from pmf_kit.profiles.similar_areas import method_text, similarity_variables


def test_variables_are_population_weighted_domain_ranks_and_log_population(tiny):
    variables = similarity_variables(tiny, "intermediate_zone")
    # Northtown: zones ranked 5000 (500 residents) and 6500 (700): (5000*500 + 6500*700) / 1200
    assert variables.loc["XI0000001", "income_rank"] == pytest.approx(5875)
    # Southport: 100 (800) and 800 (900): 800,000 / 1,700
    assert variables.loc["XI0000003", "housing_rank"] == pytest.approx(800_000 / 1700)
    assert variables.loc["XI0000002", "log10_population"] == pytest.approx(math.log10(600))
    assert "urban_rural" not in variables.columns  # the tiny data set has no urban/rural class


def test_nearest_neighbours_of_hillfoot(tiny):
    """Ranks 5875, 3000, 470.6, 2000 and residents 1200, 600, 1700, 1000 standardised; every one of
    the seven domain ranks is the same here, so distance^2 = 7 dz_rank^2 + dz_log_population^2."""
    ranks = [5875, 3000, 800_000 / 1700, 2000]
    sizes = [math.log10(people) for people in (1200, 600, 1700, 1000)]

    def z(values):
        mean = sum(values) / len(values)
        sd = math.sqrt(sum((value - mean) ** 2 for value in values) / len(values))
        return [(value - mean) / sd for value in values]

    z_rank, z_size = z(ranks), z(sizes)
    expected = {code: math.sqrt(7 * (z_rank[i] - z_rank[1]) ** 2 + (z_size[i] - z_size[1]) ** 2)
                for i, code in enumerate(["XI0000001", "XI0000002", "XI0000003", "XI0000004"])}
    similar = pk.similar_areas(tiny, "Hillfoot", n=2, level="intermediate_zone")
    assert list(similar["name"]) == ["Eastbay", "Northtown"]
    assert list(similar["distance"]) == pytest.approx([expected["XI0000004"], expected["XI0000001"]])
    assert list(similar["rank"]) == [1, 2]


def test_the_method_is_stated(tiny):
    assert method_text(tiny, 5) == ("Similar areas: the 5 areas of the same level nearest to this one on SIMD domain "
                                    "ranks and population (statistical nearest neighbours; see Statistical methods).")
