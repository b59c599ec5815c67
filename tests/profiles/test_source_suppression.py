"""Cells a source suppressed, on a generated copy of the tiny data set: every figure built from
them is a range (0 to the largest count per hidden cell, residents kept), and so is everything
derived from it: the value, the interval, the comparison, the change and the key points.

The copy hides XD0000003's smokers (3 in 2023, 4 in 2022) at source, as a police file withholding
counts under 5 would: each may hold 0 to 4.
"""

from __future__ import annotations

import pytest

from pmf_kit.data.dataset import open_dataset
from pmf_kit.profiles.changes import change
from pmf_kit.profiles.comparisons import comparison_with
from pmf_kit.profiles.key_points import key_points
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.profiles.theme_tables import table_notes


@pytest.fixture
def hidden_at_source(tiny_copy):
    values = tiny_copy / "values.csv"
    lines = values.read_text().splitlines()
    lines = [lines[0] + ",quality_flag,numerator_max"] + [line + ",," for line in lines[1:]]
    for period, count in (("2023", 3), ("2022", 4)):
        lines = [line.replace(f"smoking,XD0000003,{period},{count},80,,,", f"smoking,XD0000003,{period},,80,,source_suppressed,4")
                 for line in lines]
    values.write_text("\n".join(lines) + "\n")
    catalogue = tiny_copy / "indicators.csv"
    rows = catalogue.read_text().splitlines()
    rows = [rows[0] + ",source_suppression"] + [
        row + (",the source withheld counts under 5" if row.startswith("smoking,") else ",") for row in rows[1:]]
    catalogue.write_text("\n".join(rows) + "\n")
    return open_dataset(tiny_copy)


@pytest.fixture
def north(hidden_at_source):
    return LocalityProfile(hidden_at_source, "North & Hills", "locality", ["council", "scotland"])


def test_the_area_figure_is_a_range_over_all_its_data_zones(north):
    """2023: 10 + 20 smokers known, 0 to 4 hidden, over 100 + 150 + 80 adults: 9.1% to 10.3%, never
    the 30 / 250 = 12.0% of the zones left."""
    row = north.values.set_index(["indicator_id", "geography_code", "period"]).loc[("smoking", "XL0000001", "2023")]
    assert (row["numerator"], row["numerator_high"], row["denominator"]) == (30, 34, 330)
    assert row["value_low"] == pytest.approx(100 * 30 / 330) and row["value_high"] == pytest.approx(100 * 34 / 330)
    assert row["datazones_source_suppressed"] == 1
    table = north.theme_table("Health").set_index("indicator_id")
    assert table.loc["smoking", "North & Hills"] == "9.1 to 10.3"
    # the council: 10 + 20 + 30 + 40 known (XD0000006 sent nothing), 0 to 4 hidden, over 650 adults
    assert table.loc["smoking", "Tiny Council"] == "15.4 to 16.0"
    assert any(note.startswith("Shown as a range") and "The source withheld counts under 5" in note
               for note in table_notes(north, ["smoking"]))


def test_the_interval_runs_from_the_lowest_counts_lower_limit_to_the_highest_counts_upper(north):
    """Wilson 95% limits: 30 / 330 gives 6.44% to 12.68%; 34 / 330 gives 7.47% to 14.05%."""
    row = north.values.set_index(["indicator_id", "geography_code", "period"]).loc[("smoking", "XL0000001", "2023")]
    assert row["lower_ci"] == pytest.approx(6.4421, abs=1e-3)
    assert row["upper_ci"] == pytest.approx(14.0526, abs=1e-3)


def test_the_change_is_a_range_too(north):
    """2022: 12 + 21 known, 0 to 4 hidden, over 330: 10.0% to 11.2%. The change runs from
    30/330 - 37/330 = -2.1 to 34/330 - 33/330 = +0.3 points."""
    found = change(north, "smoking", "2023")
    assert found.low == pytest.approx(100 * (30 - 37) / 330) and found.high == pytest.approx(100 * (34 - 33) / 330)
    table = north.theme_table("Health").set_index("indicator_id")
    assert table.loc["smoking", "Change in North & Hills"] == "−2.1 to +0.3 points since 2022"


def test_a_comparison_uses_the_whole_range(north):
    council = comparison_with(north, north.comparators[0]).set_index("indicator_id").loc["smoking"]
    # the area's interval (6.4 to 14.1) lies wholly below the council's range (15.4 to 16.0)
    assert council["significance"] == "better"
    scotland = comparison_with(north, north.comparators[1]).set_index("indicator_id").loc["smoking"]
    assert scotland["comparator_value_low"] == scotland["comparator_value_high"] == 15.0


def test_the_key_points_write_the_range_as_the_table_does(north):
    text = key_points(north)
    assert "- **Adults who smoke**: 9.1 to 10.3% (2023), significantly better than Tiny Council at 15.4 to 16.0% and " \
           "Scotland at 15.0%." in text
