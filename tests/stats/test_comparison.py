"""Better / worse / no different against a comparator, read through polarity."""

import numpy as np
import pytest

from pmf_kit.stats import compare_with_comparator


@pytest.mark.parametrize(
    ("comparator", "polarity", "label"),
    [
        (7.0, "higher_is_better", "better"),  # comparator below the interval 8..12: area higher
        (13.0, "higher_is_better", "worse"),  # comparator above the interval: area lower
        (7.0, "lower_is_better", "worse"),
        (13.0, "lower_is_better", "better"),
        (7.0, "neutral", "higher"),
        (13.0, "neutral", "lower"),
        (10.0, "higher_is_better", "no different"),
        (12.0, "lower_is_better", "no different"),  # exactly on the upper limit
        (8.0, "neutral", "no different"),  # exactly on the lower limit
        (np.nan, "higher_is_better", "not comparable"),
    ],
)
def test_compare_with_comparator(comparator, polarity, label):
    assert compare_with_comparator(10.0, 8.0, 12.0, comparator, polarity) == label


def test_compare_with_comparator_is_vectorised_and_not_comparable_without_limits():
    labels = compare_with_comparator(
        [10.0, 10.0, 10.0], [8.0, np.nan, 8.0], [12.0, np.nan, 12.0], [7.0, 7.0, 13.0],
        ["lower_is_better", "higher_is_better", "neutral"],
    )
    assert labels.tolist() == ["worse", "not comparable", "lower"]


def test_compare_with_comparator_rejects_an_unknown_polarity():
    with pytest.raises(ValueError, match="up_is_good"):
        compare_with_comparator(10.0, 8.0, 12.0, 7.0, "up_is_good")
