"""Better / worse / no different against a comparator, read through polarity."""

import numpy as np
import pytest

from pmf_kit.stats import compare_with_comparator
from pmf_kit.stats.comparison import compare_by_size, compare_intervals


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


def test_a_comparator_known_as_a_range_is_different_only_when_the_whole_range_lies_outside():
    # area 205.5 to 208.0 (interval 195.2 to 218.9); Scotland 288.2 to 290.0: wholly above it
    assert compare_intervals(195.2, 218.9, 288.2, 290.0, "lower_is_better").tolist() == "better"
    # a comparator range that reaches into the area's interval is no different
    assert compare_intervals(195.2, 218.9, 210.0, 230.0, "lower_is_better").tolist() == "no different"
    # a point comparator gives what compare_with_comparator gives
    assert compare_intervals(10.0, 12.0, 9.0, 9.0, "higher_is_better").tolist() == \
        compare_with_comparator(11.0, 10.0, 12.0, 9.0, "higher_is_better").tolist() == "better"


def test_two_published_values_with_intervals_differ_only_when_the_intervals_do_not_overlap():
    # 82.3 (81.6 to 83.0) against 81.1 (80.3 to 81.9): the comparator's value lies below the area's
    # interval, so as a point it would be "better"; with both intervals counted they overlap
    assert compare_with_comparator(82.3, 81.6, 83.0, 81.1, "higher_is_better").tolist() == "better"
    assert compare_intervals(81.6, 83.0, 80.3, 81.9, "higher_is_better").tolist() == "no different"
    assert compare_intervals(81.6, 83.0, 79.0, 81.0, "higher_is_better").tolist() == "better"


def test_figures_without_sampling_error_are_compared_by_size_only():
    assert compare_by_size([11.7, 0.0, 5.0, 3.0, float("nan")], [11.7, 0.0, 5.0, 4.0, float("nan")],
                           [10.3, 2.8, 5.0, 3.5, 1.0], [10.3, 2.8, 5.0, 3.5, 1.0]).tolist() == \
        ["higher", "lower", "the same", "overlapping", "not comparable"]
