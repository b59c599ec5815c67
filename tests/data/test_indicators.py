"""The unit rule of the catalogue: values from numerators and denominators, and unit words."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pmf_kit.data.indicators import compute_value, unit_words


@pytest.mark.parametrize(("unit", "expected"), [
    ("percent", 100 * 30 / 400), ("rate_per_1000", 1000 * 30 / 400),
    ("rate_per_10000", 10000 * 30 / 400), ("rate_per_100000", 100000 * 30 / 400),
    ("mean", 30 / 400), ("count", 30),
])
def test_value_follows_the_unit_rule(unit, expected):
    value = compute_value(pd.Series([30.0]), pd.Series([400.0]), pd.Series([unit]))
    assert value.iloc[0] == pytest.approx(expected)


@pytest.mark.parametrize("unit", ["score", "standardised_ratio", "minutes", "years"])
def test_units_without_a_numerator_form_are_never_computed(unit):
    value = compute_value(pd.Series([30.0]), pd.Series([400.0]), pd.Series([unit]))
    assert math.isnan(value.iloc[0])


def test_unit_words_name_each_new_unit():
    assert unit_words("rate_per_10000") == "per 10,000"
    assert unit_words("standardised_ratio") == "ratio (Scotland = 100)"
    assert unit_words("minutes") == "minutes"
    assert unit_words("years") == "years"
