"""Primary and secondary suppression of small counts (PHS disclosure control)."""

import numpy as np
import pandas as pd
import pytest

from pmf_kit.stats.disclosure import (
    SUPPRESSION_SYMBOL,
    assert_no_disclosure,
    footnote,
    suppress,
    suppress_pooled,
    thresholds_from_catalogue,
)

LOCALITIES = {"dz1": "loc1", "dz2": "loc1", "dz3": "loc1", "dz4": "loc2", "dz5": "loc2"}


def values_table(counts: dict[str, float], indicator_id: str = "admissions") -> pd.DataFrame:
    codes = list(counts)
    return pd.DataFrame(
        {
            "indicator_id": indicator_id,
            "geography_code": codes,
            "period": "2023/24",
            "numerator": [counts[code] for code in codes],
            "denominator": 1000.0,
            "value": [counts[code] / 10 for code in codes],
            "lower_ci": 0.1,
            "upper_ci": 9.9,
        }
    )


def test_counts_below_the_threshold_are_suppressed_and_a_count_at_it_is_shown():
    result = suppress(values_table({"dz1": 0, "dz2": 4, "dz3": 5, "dz4": 6}), thresholds=5)
    assert result["suppressed"].tolist() == ["primary", "primary", "", ""]
    assert result[["numerator", "value", "lower_ci", "upper_ci"]].iloc[:2].isna().all().all()
    assert result["numerator"].iloc[2:].tolist() == [5, 6]
    assert result["denominator"].tolist() == [1000.0] * 4  # populations stay visible


def test_thresholds_come_from_the_catalogue_with_5_when_blank():
    catalogue = pd.DataFrame(
        {"indicator_id": ["admissions", "deaths"], "suppression_threshold": [10, np.nan]}
    )
    assert thresholds_from_catalogue(catalogue) == {"admissions": 10, "deaths": 5}
    values = pd.concat([values_table({"dz1": 9}), values_table({"dz1": 9}, "deaths")])
    assert suppress(values, catalogue)["suppressed"].tolist() == ["primary", ""]


def test_a_blank_count_is_not_marked_as_suppressed():
    result = suppress(values_table({"dz1": np.nan, "dz2": 7}))
    assert result["suppressed"].tolist() == ["", ""]


def test_every_count_small_means_every_row_suppressed():
    result = suppress(values_table({"dz1": 1, "dz2": 2, "loc1": 3}), hierarchies=LOCALITIES)
    assert result["suppressed"].tolist() == ["primary"] * 3
    assert result["numerator"].isna().all()


def test_one_suppressed_child_gets_the_next_smallest_suppressed_too():
    # loc1 = 31 = dz1 + dz2 + dz3 = 3 + 8 + 20: with only dz1 hidden, 31 - 8 - 20 = 3 gives it away
    values = values_table({"dz1": 3, "dz2": 8, "dz3": 20, "loc1": 31})
    result = suppress(values, hierarchies=LOCALITIES)
    assert result["suppressed"].tolist() == ["primary", "secondary", "", ""]
    assert_no_disclosure(result, hierarchies=LOCALITIES)


def test_a_parent_total_not_in_the_table_is_still_treated_as_known():
    result = suppress(values_table({"dz1": 3, "dz2": 8, "dz3": 20}), hierarchies=LOCALITIES)
    assert result["suppressed"].tolist() == ["primary", "secondary", ""]


def test_two_suppressed_children_need_no_secondary_suppression():
    values = values_table({"dz1": 3, "dz2": 2, "dz3": 20, "loc1": 25})
    assert suppress(values, hierarchies=LOCALITIES)["suppressed"].tolist() == [
        "primary", "primary", "", ""
    ]


def test_a_parent_below_the_threshold_hides_its_children_and_needs_no_partner():
    # loc1 = 4 = 1 + 3 + 0: all below 5; loc2 = 9 + 40, untouched
    values = values_table({"dz1": 1, "dz2": 3, "dz3": 0, "loc1": 4, "dz4": 9, "dz5": 40, "loc2": 49})
    result = suppress(values, hierarchies=LOCALITIES)
    assert result["suppressed"].tolist() == ["primary"] * 4 + [""] * 3


def test_a_hidden_parent_with_one_hidden_child_is_safe():
    # loc1 hidden at source (blank) and dz1 small: two unknowns, one equation
    values = values_table({"dz1": 3, "dz2": 8, "dz3": 20, "loc1": np.nan})
    assert suppress(values, hierarchies=LOCALITIES)["suppressed"].tolist() == [
        "primary", "", "", ""
    ]


def test_secondary_suppression_cascades_up_and_down_the_hierarchy():
    # dz1 (3) is the only data zone of loc1, so loc1 = dz1 must go (secondary); then the council
    # total 93 = loc1 + loc2 exposes loc1, so loc2 goes; then loc2 = dz4 + dz5 = 40 + 50 exposes
    # loc2, so the smaller data zone dz4 goes.
    hierarchy = {"dz1": "loc1", "dz4": "loc2", "dz5": "loc2", "loc1": "council", "loc2": "council"}
    values = values_table({"dz1": 3, "loc1": 3, "dz4": 40, "dz5": 50, "loc2": 90, "council": 93})
    result = suppress(values, hierarchies=[hierarchy])
    assert result["suppressed"].tolist() == [
        "primary", "primary", "secondary", "", "secondary", ""
    ]
    assert_no_disclosure(result, hierarchies=hierarchy)


def test_groups_are_separate_for_each_indicator_and_period():
    first = values_table({"dz1": 3, "dz2": 8, "dz3": 20})
    later = first.assign(period="2024/25", numerator=[30.0, 8.0, 20.0])
    result = suppress(pd.concat([first, later], ignore_index=True), hierarchies=LOCALITIES)
    assert result["suppressed"].tolist() == ["primary", "secondary", "", "", "", ""]


def test_suppress_keeps_the_index_and_does_not_change_its_input():
    values = values_table({"dz1": 3, "dz2": 8}).set_axis([10, 11])
    result = suppress(values)
    assert result.index.tolist() == [10, 11]
    assert values["numerator"].tolist() == [3, 8]


def test_assert_no_disclosure_finds_a_visible_small_count():
    with pytest.raises(AssertionError, match="visible count 3 below threshold: dz1"):
        assert_no_disclosure(values_table({"dz1": 3, "dz2": 8}))


def test_assert_no_disclosure_finds_a_figure_left_on_a_suppressed_row():
    result = suppress(values_table({"dz1": 3, "dz2": 8}))
    result.loc[0, "value"] = 0.3
    with pytest.raises(AssertionError, match="figure shown on a suppressed row: dz1"):
        assert_no_disclosure(result)


def test_assert_no_disclosure_finds_a_count_recoverable_by_subtraction():
    primary_only = suppress(values_table({"dz1": 3, "dz2": 8, "dz3": 20, "loc1": 31}))
    with pytest.raises(AssertionError, match="recoverable by subtraction from the total of loc1: dz1"):
        assert_no_disclosure(primary_only, hierarchies=LOCALITIES)


def test_footnote_explains_the_symbol_and_the_threshold():
    text = footnote(10)
    assert text.startswith(SUPPRESSION_SYMBOL) and "fewer than 10" in text
    assert "5 or 10 (depending on the indicator)" in footnote({"a": 5, "b": 10})


def test_nullable_integer_counts_are_suppressed_like_floats():
    values = values_table({"dz1": 3, "dz2": 8, "dz3": 20}).astype({"numerator": "Int64"})
    values.loc[2, "numerator"] = pd.NA
    result = suppress(values, hierarchies=LOCALITIES)
    # dz1 small, dz3 blank at source: two hidden, so dz2 can stay
    assert result["suppressed"].tolist() == ["primary", "", ""]
    assert_no_disclosure(result, hierarchies=LOCALITIES)


def test_a_pool_is_hidden_where_one_of_its_areas_is_and_shown_elsewhere():
    """dz2's 3 is hidden; a pool of dz1 + dz2 shown as 23 would give it away as 23 - 20."""
    table = pd.concat([values_table({"dz1": 20, "dz2": 3, "pool": 23}),
                       values_table({"dz1": 20, "dz2": 30, "pool": 50}, "crime")], ignore_index=True)
    pooled = suppress_pooled(suppress(table, 5), {"pool": ["dz1", "dz2"]}).set_index(["indicator_id", "geography_code"])
    assert pooled.loc[("admissions", "pool"), "suppressed"] == "secondary"
    assert np.isnan(pooled.loc[("admissions", "pool"), "numerator"])
    assert np.isnan(pooled.loc[("admissions", "pool"), "upper_ci"])
    assert pooled.loc[("admissions", "dz1"), "numerator"] == 20
    assert pooled.loc[("crime", "pool"), "suppressed"] == "" and pooled.loc[("crime", "pool"), "numerator"] == 50
