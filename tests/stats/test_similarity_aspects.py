"""The aspects similar areas are matched on, their weights and how the weights are shared."""

from __future__ import annotations

import pytest

from pmf_kit.stats.similarity_aspects import ASPECTS, aspects_in_words, aspects_measured, variable_weights

EVERY_VARIABLE = [variable for aspect in ASPECTS for variable in aspect.variables]


def test_deprivation_and_where_people_live_weigh_the_same_and_population_less():
    weight = {aspect.name: aspect.weight for aspect in ASPECTS}
    assert weight["deprivation level"] + weight["concentration of deprivation"] == 2
    assert weight["rurality"] + weight["remoteness"] == 2
    assert weight["population"] == 0.5


def test_an_aspects_weight_is_shared_by_its_variables():
    weights = variable_weights(EVERY_VARIABLE)
    assert weights["income_rank"] == pytest.approx(1 / 7) and weights["housing_rank"] == pytest.approx(1 / 7)
    assert weights["most_deprived_quintile_share"] == weights["most_deprived_decile_share"] == 0.5
    assert weights["rural_share"] == 1.5 and weights["remote_share"] == 0.5
    assert weights["log10_population"] == 0.5
    assert sum(weights.values()) == pytest.approx(4.5)


def test_an_aspect_left_with_fewer_variables_keeps_its_weight_and_one_without_any_is_left_out():
    """Without its decile share, concentration's weight 1 falls on the quintile share alone; without
    an urban/rural classification rurality and remoteness are not matched on, and their weight is
    handed to no other aspect."""
    columns = [*(f"{domain}_rank" for domain in ("income", "employment")), "most_deprived_quintile_share",
               "log10_population"]
    assert variable_weights(columns) == {"income_rank": 0.5, "employment_rank": 0.5,
                                         "most_deprived_quintile_share": 1.0, "log10_population": 0.5}
    assert [aspect.name for aspect in aspects_measured(columns)] == [
        "deprivation level", "concentration of deprivation", "population"]


def test_the_aspects_in_words_name_each_weight_once():
    assert aspects_in_words() == ("deprivation level (weight 1), concentration of deprivation (1), rurality (1.5), "
                                  "remoteness (0.5) and population (0.5)")
    described = aspects_in_words(described=True)
    assert described.startswith("deprivation level (weight 1: the population-weighted mean national rank")
    assert "rurality (1.5: the share of its residents in classes" in described
