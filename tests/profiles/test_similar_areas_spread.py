"""The similar areas' own figures and their range, on small tables worked by hand and on the tiny
data set's profile of Hillfoot (similar areas Eastbay and Northtown)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pmf_kit.data.geography import Area
from pmf_kit.errors import PmfKitError
from pmf_kit.profiles.profile import SIMILAR_AREAS, LocalityProfile
from pmf_kit.profiles.similar_areas_spread import similar_areas_spread

SIMILAR = [Area("locality", code, name) for code, name in (("A", "Aird"), ("B", "Bràigh"), ("C", "Crois"))]


def table(rows: list[tuple]) -> pd.DataFrame:
    """(geography_code, value, suppressed[, value_low, value_high]) rows of indicator `x`, period 2023."""
    frame = pd.DataFrame([row[:3] for row in rows], columns=["geography_code", "value", "suppressed"])
    if any(len(row) > 3 for row in rows):
        frame["value_low"] = [row[3] if len(row) > 3 else row[1] for row in rows]
        frame["value_high"] = [row[4] if len(row) > 3 else row[1] for row in rows]
    return frame.assign(indicator_id="x", period="2023")


def test_each_similar_areas_figure_and_their_lowest_median_and_highest():
    spread = similar_areas_spread(table([("A", 12.1, ""), ("B", 19.8, ""), ("C", 16.0, ""), ("HERE", 16.4, "")]),
                                  SIMILAR).range("x", "2023")
    assert dict(zip(spread.figures["area_name"], spread.figures["value"])) == {"Aird": 12.1, "Bràigh": 19.8, "Crois": 16.0}
    assert (spread.lowest, spread.median, spread.highest) == (12.1, 16.0, 19.8)
    assert spread.words(lambda value: f"{value:.1f}") == "range 12.1 to 19.8"
    assert spread.position_words(16.4) == "within the range of the 3 similar areas"
    assert spread.position_words(19.8) == "within the range of the 3 similar areas"  # the ends are in the range
    assert spread.position_words(19.9) == "higher than all 3 similar areas"
    assert spread.position(12.0) == "lower" and spread.position(float("nan")) is None


def test_an_even_number_of_figures_takes_the_mean_of_the_middle_two_and_a_missing_one_is_said():
    spread = similar_areas_spread(table([("A", 10.0, ""), ("B", 13.0, ""), ("C", float("nan"), "")]),
                                  SIMILAR).range("x", "2023")
    assert (spread.areas, spread.with_figure, spread.median) == (3, 2, 11.5)
    assert spread.position_words(9.0) == "lower than all 2 similar areas with a figure"


def test_one_figure_makes_no_range():
    spread = similar_areas_spread(table([("A", 10.0, "")]), SIMILAR).range("x", "2023")
    assert math.isnan(spread.lowest) and spread.words(str) is None and spread.position(11.0) is None


def test_a_hidden_figure_hides_the_range_and_is_never_shown():
    """The decision hid Crois's figure; a value left in its row by mistake is blanked too."""
    spread = similar_areas_spread(table([("A", 12.1, ""), ("B", 19.8, ""), ("C", 3.0, "secondary")]),
                                  SIMILAR).range("x", "2023")
    assert spread.hidden and math.isnan(spread.lowest) and math.isnan(spread.highest) and math.isnan(spread.median)
    assert spread.words(str) is None and spread.position(25.0) is None
    assert math.isnan(spread.figures.set_index("area_name").loc["Crois", "value"])
    assert spread.figures.set_index("area_name").loc["Crois", "suppressed"] == "secondary"


def test_a_figure_known_only_within_bounds_widens_the_range_and_gives_a_position_only_where_sure():
    """Bràigh lies between 18 and 21 (its source hid some counts): the range runs 12.1 to 21; 20 could
    be above or below Bràigh's figure, 22 is above it for certain. Medians of the lows (12.1, 16, 18)
    and of the highs (12.1, 16, 21) agree at 16."""
    spread = similar_areas_spread(table([("A", 12.1, ""), ("B", 19.5, "", 18.0, 21.0), ("C", 16.0, "")]),
                                  SIMILAR).range("x", "2023")
    assert (spread.lowest, spread.median, spread.highest) == (12.1, 16.0, 21.0)
    assert spread.position(20.0) is None and spread.position(22.0) == "higher"
    assert spread.position(15.0, 17.0) == "within"  # above Aird's 12.1, below Bràigh's low 18
    assert spread.position(11.0, 12.5) is None  # might be below Aird's 12.1
    open_median = similar_areas_spread(table([("A", 12.1, ""), ("B", 16.5, "", 15.0, 18.0), ("C", 16.0, "")]),
                                       SIMILAR).range("x", "2023")
    assert math.isnan(open_median.median)  # lows' median 15, highs' 16


def test_values_the_decision_has_not_been_applied_to_are_refused():
    with pytest.raises(PmfKitError, match="suppression decision"):
        similar_areas_spread(table([("A", 1.0, "")]).drop(columns="suppressed"), SIMILAR)


def test_on_a_profile_the_range_is_hidden_exactly_where_the_pool_is(tiny):
    """Admissions 2023/24: Eastbay 150 / 1,000 and Northtown (40 + 70) / 1,200 per 1,000; Hillfoot's
    30 / 600 = 50 is lower than both. Smoking 2023: the decision hides Northtown's figure
    (test_profile), so the range is hidden as the pool is."""
    profile = LocalityProfile(tiny, "Hillfoot", "intermediate_zone", ["council"], similar_areas=2)
    spread = similar_areas_spread(profile.values, profile.similar)
    admissions = spread.range("admissions", "2023/24")
    assert (admissions.lowest, admissions.highest) == pytest.approx((110 / 1200 * 1000, 150))
    assert admissions.median == pytest.approx((110 / 1200 * 1000 + 150) / 2)
    assert admissions.position_words(30 / 600 * 1000) == "lower than all 2 similar areas"
    pool = profile.values[profile.values["level"] == SIMILAR_AREAS]
    assert len(pool) == 4  # admissions, births, smoking 2022 and 2023 (wellbeing is not additive)
    for row in pool.itertuples():
        assert spread.range(row.indicator_id, row.period).hidden == bool(row.suppressed), (row.indicator_id, row.period)
    assert spread.range("smoking", "2023").hidden
