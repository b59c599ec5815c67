"""How a profile's theme tables read: changes signed, published limits beside their value, notes
only for periods that moved; on the tiny data set."""

from __future__ import annotations

import pytest

from pmf_kit.data.dataset import open_dataset
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.profiles.report import period_notes, theme_table_display


@pytest.fixture
def south(tiny):
    return LocalityProfile(tiny, "south coast", level="locality", comparator_levels=["council", "scotland"])


def test_change_reads_in_percentage_points_with_its_sign(south):
    table = theme_table_display(south, "Health").set_index("Indicator")
    # 100 * 70 / 320 - 100 * 127 / 570 = -0.41
    assert table.loc["Adults who smoke", "Change in South Coast"] == "−0.4 points since 2022"
    assert table.loc["Emergency admissions", "Change in South Coast"] == "–"


def test_no_period_notes_when_every_figure_is_of_its_own_period(south):
    assert period_notes(south, south.shown_indicators("Health")) == []


def test_a_score_published_with_its_limits_shows_them(tiny_copy):
    values = tiny_copy / "values.csv"
    text = values.read_text().replace("indicator_id,geography_code,period,numerator,denominator,value",
                                      "indicator_id,geography_code,period,numerator,denominator,value,lower_ci,upper_ci")
    lines = [line + (",46.0,48.5" if line.startswith("wellbeing,XL0000002") else ",," if line and not line.startswith("indicator_id") else "")
             for line in text.splitlines()]
    values.write_text("\n".join(lines) + "\n")
    profile = LocalityProfile(open_dataset(tiny_copy), "South Coast", level="locality", comparator_levels=["council"])
    table = theme_table_display(profile, "Health").set_index("Indicator")
    assert table.loc["Wellbeing score", "South Coast"] == "47.2 (46.0 to 48.5)"
