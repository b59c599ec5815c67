"""The inequalities section on the tiny data set (every SIMD quintile is present in its council)."""

import pytest

from pmf_kit.data.dataset import open_dataset
from pmf_kit.data.indicators import simd_derived_note
from pmf_kit.profiles.inequalities import inequality_summary, quintile_values, reading
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.stats.inequality import slope_index_of_inequality
from tests.differencing import attack


@pytest.fixture
def council(tiny):
    return LocalityProfile(tiny, "Tiny Council", "council", ["scotland"])


def test_quintile_values_sum_data_zones_by_quintile(council):
    quintiles = quintile_values(council)
    admissions = quintiles[quintiles["indicator_id"] == "admissions"].set_index("quantile")
    # Q1 = XD0000004 + XD0000005: (100 + 90) / (800 + 900); Q2 = XD0000006: 150 / 1000;
    # Q3 = XD0000003: 30 / 600; Q4 = XD0000001: 40 / 500; Q5 = XD0000002: 70 / 700 (per 1,000)
    assert list(admissions["numerator"]) == [190, 150, 30, 40, 70]
    assert admissions.loc[1, "value"] == pytest.approx(190 / 1700 * 1000)
    assert admissions.loc[5, "value"] == pytest.approx(100.0)


def test_sii_uses_every_quintile_and_says_which_end_is_worse(council):
    quintiles = quintile_values(council)
    summary = inequality_summary(council, quintiles).set_index("Indicator")
    admissions = summary.loc["Emergency admissions"]
    expected = slope_index_of_inequality(
        quintiles.loc[quintiles["indicator_id"] == "admissions",
                      ["indicator_id", "period", "quantile_type", "quantile", "numerator", "denominator", "value"]])
    assert admissions["SII"] == pytest.approx(expected["sii"].iloc[0])
    # smoking 2023: XD0000006 (quintile 2) is blank, so no SII
    assert summary.loc["Adults who smoke", "What it means"].startswith("Not calculated")


def test_small_quintiles_are_hidden_with_what_would_give_them_away(tiny_copy):
    values = tiny_copy / "values.csv"
    values.write_text(values.read_text(encoding="utf-8").replace("smoking,XD0000003,2023,3,", "smoking,XD0000003,2023,9,")
                      .replace("smoking,XD0000006,2023,,,", "smoking,XD0000006,2023,3,250,"), encoding="utf-8")
    dataset = open_dataset(tiny_copy)
    council = LocalityProfile(dataset, "Tiny Council", "council", ["scotland"])
    smoking = quintile_values(council)
    smoking = smoking[smoking["indicator_id"] == "smoking"].set_index("quantile")
    # Counts by quintile 70, 3, 9, 10, 20. Quintile 2 is XD0000006 alone (3): primary. South Ward
    # (XD0000005 + XD0000006) and South Coast are shown, so XD0000005 (40) is hidden with it by
    # the data set's decision, and with it quintile 1 (XD0000004 + XD0000005): the council's
    # total now gives only quintiles 1 and 2 together away.
    assert list(smoking["suppressed"]) == ["secondary", "primary", "", "", ""]
    assert smoking.loc[1, "value"] != smoking.loc[1, "value"]
    assert smoking.loc[3, "numerator"] == 9
    assert attack(dataset).recovered.empty


def test_reading_in_plain_words():
    assert reading(5.0, 5.0, 0.25, 0.25, "percent", "lower_is_better", "") == (
        "Across the deprivation scale, the value is 5.0 percentage points higher at the most deprived "
        "end than at the least deprived end — worse for the most deprived; that gap is 25% of the area's average.")
    assert "better for the most deprived" in reading(-3.0, -3.0, -0.1, -0.1, "rate_per_1000", "lower_is_better", "")
    nothing = float("nan")
    assert reading(nothing, nothing, nothing, nothing, "percent", "neutral", "not calculated").startswith("Not calculated")


def test_a_gap_between_ranges_reads_as_a_range_and_says_no_side_when_it_spans_zero():
    assert reading(764.97, 775.72, 2.2413, 2.2888, "rate_per_10000", "lower_is_better", "") == (
        "Across the deprivation scale, the value is 765.0 to 775.7 per 10,000 higher at the most deprived end than at "
        "the least deprived end — worse for the most deprived; that gap is 224 to 229% of the area's average.")
    assert reading(-1.0, 2.0, -0.1, 0.2, "percent", "lower_is_better", "") == (
        "The gap lies between -1.0 to 2.0: its source hid too many counts to say which end is higher.")


def test_an_indicator_made_from_simd_is_never_broken_down_by_simd(tiny_copy):
    catalogue = tiny_copy / "indicators.csv"
    lines = catalogue.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",derived_from_simd"] + [line + (",true" if line.startswith("admissions,") else ",")
                                                 for line in lines[1:]]
    catalogue.write_text("\n".join(lines) + "\n", encoding="utf-8")
    council = LocalityProfile(open_dataset(tiny_copy), "Tiny Council", "council", ["scotland"])
    quintiles = quintile_values(council)
    assert "admissions" not in set(quintiles["indicator_id"])
    assert "smoking" in set(quintiles["indicator_id"])
    assert "Emergency admissions" not in set(inequality_summary(council, quintiles)["Indicator"])
    assert simd_derived_note(council.dataset.catalogue, council.dataset.catalogue.index) == (
        "Not broken down by deprivation: Emergency admissions. It is defined by the SIMD classification itself, "
        "so by SIMD quintile it would be 100% in the most deprived quintile and 0% elsewhere by construction.")
    assert simd_derived_note(council.dataset.catalogue, ["smoking"]) is None
