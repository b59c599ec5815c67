"""Figures rounded half up, as PHS publishes them, on the decimal number a reader sees."""

import math

import pytest

from pmf_kit.stats.rounding import figure_text, machine_text, round_half_up


@pytest.mark.parametrize("value, decimals, expected", [
    (79.85, 1, 79.9),    # format(79.85, ".1f") gives 79.8: the binary value is 79.8499...
    (77.25, 1, 77.3),    # round(77.25, 1) gives 77.2: half to even
    (2.5, 0, 3.0), (0.5, 0, 1.0), (-2.5, 0, -3.0),  # half away from zero, as janitor::round_half_up
    (1.005, 2, 1.01), (0.125, 2, 0.13), (12.344, 2, 12.34), (99.95, 1, 100.0),
])
def test_half_up_on_the_shortest_decimal(value, decimals, expected):
    assert round_half_up(value, decimals) == expected


def test_missing_and_infinite_values_come_back_as_they_are():
    assert math.isnan(round_half_up(float("nan"), 1))
    assert round_half_up(float("inf"), 1) == float("inf")


@pytest.mark.parametrize("value, decimals, expected", [
    (5440.0, 0, "5,440"), (375553.0, 0, "375,553"), (79.85, 1, "79.9"), (1234.565, 2, "1,234.57"),
    (-0.04, 1, "0.0"), (float("nan"), 1, ""),
])
def test_figures_for_people_have_separators_and_the_decimals_asked_for(value, decimals, expected):
    assert figure_text(value, decimals) == expected


@pytest.mark.parametrize("value, expected", [
    (9968.0, "9968"), (29.253636938646427, "29.253637"), (0.5, "0.5"), (float("nan"), ""), (-3.0, "-3"),
])
def test_figures_for_machines_are_whole_numbers_or_six_decimals(value, expected):
    assert machine_text(value) == expected
