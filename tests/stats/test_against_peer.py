"""pmf_kit.stats against the peer, PHStatsMethods 0.1.16 (OHID's Python port of
PHEindicatormethods, where Fingertips' methods come from), on generated inputs and by hand.

Generated inputs are drawn by hypothesis with a fixed seed (derandomize), so every run compares
the same cases; tests/stats/conftest.py prints the number of cases and the largest relative
difference per method. The conventions where pmf_kit differs on purpose are tested at the end
and stated in the README's methods section and the reports' methods appendix.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PHStatsMethods import ph_dsr, ph_proportion, ph_rate
from PHStatsMethods.confidence_intervals import byars_lower, byars_upper, wilson_lower, wilson_upper

from pmf_kit.stats import ESP2013_AGE_BANDS, age_standardised_rate, byar_interval, confidence_limits, wilson_interval
from tests.stats.peer import agree

GENERATED = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                     suppress_health_check=[HealthCheck.too_slow])
CONFIDENCE = st.sampled_from([0.95, 0.998])


@st.composite
def proportions(draw, max_denominator=10**7):
    """Lists of (numerator, denominator) with 0 <= numerator <= denominator."""
    denominators = draw(st.lists(st.integers(1, max_denominator), min_size=1, max_size=40))
    numerators = [draw(st.one_of(st.integers(0, denominator), st.sampled_from([0, denominator])))
                  for denominator in denominators]
    return numerators, denominators


@GENERATED
@given(proportions(), CONFIDENCE)
def test_wilson_limits_agree_with_the_peer(cases, confidence):
    numerators, denominators = cases
    lower, upper = wilson_interval(numerators, denominators, confidence)
    agree("Wilson limits (wilson_interval)", lower,
          [wilson_lower(o, n, confidence) for o, n in zip(numerators, denominators)], len(numerators))
    agree("Wilson limits (wilson_interval)", upper,
          [wilson_upper(o, n, confidence) for o, n in zip(numerators, denominators)], 0)


COUNTS = st.lists(st.one_of(st.integers(1, 10**6), st.integers(1, 12),
                            st.floats(0.001, 12, allow_nan=False), st.floats(0.001, 0.999)),
                  min_size=1, max_size=40)


@GENERATED
@given(COUNTS, CONFIDENCE)
def test_byar_and_exact_poisson_limits_agree_with_the_peer(counts, confidence):
    # counts above 0: whole and not (apportioned counts between 0 and 1 included); exact below 10
    lower, upper = byar_interval(counts, confidence)
    agree("Byar / exact Poisson limits (byar_interval)", lower,
          [byars_lower(count, confidence) for count in counts], len(counts))
    agree("Byar / exact Poisson limits (byar_interval)", upper,
          [byars_upper(count, confidence) for count in counts], 0)


@st.composite
def rates(draw):
    """(numerators >= 1, denominators) for crude rates; the peer raises on a count of 0."""
    numerators = draw(st.lists(st.integers(1, 10**5), min_size=1, max_size=25))
    denominators = [draw(st.integers(max(1, numerator // 10), 10**8)) for numerator in numerators]
    return numerators, denominators


@GENERATED
@given(rates(), st.sampled_from([("rate_per_1000", 1000), ("rate_per_100000", 100000)]), CONFIDENCE)
def test_crude_rates_agree_with_the_peer(cases, unit_and_multiplier, confidence):
    numerators, denominators = cases
    unit, multiplier = unit_and_multiplier
    ours = confidence_limits(numerators, denominators, unit, confidence)
    frame = pd.DataFrame({"row": range(len(numerators)), "numerator": numerators, "denominator": denominators})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = ph_rate(frame, "numerator", "denominator", group_cols="row", metadata=False,
                         confidence=confidence, multiplier=multiplier).sort_values("row")
    limit = "95" if confidence == 0.95 else "99_8"
    for column, peer_column in (("value", "Value"), ("lower_ci", f"lower_{limit}_ci"), ("upper_ci", f"upper_{limit}_ci")):
        agree("Crude rates (confidence_limits)", ours[column], theirs[peer_column], len(numerators) if column == "value" else 0)


@GENERATED
@given(proportions(max_denominator=10**6), CONFIDENCE)
def test_percentages_agree_with_the_peer(cases, confidence):
    numerators, denominators = cases
    ours = confidence_limits(numerators, denominators, "percent", confidence)
    frame = pd.DataFrame({"row": range(len(numerators)), "numerator": numerators, "denominator": denominators})
    theirs = ph_proportion(frame, "numerator", "denominator", group_cols="row", metadata=False,
                           confidence=confidence, multiplier=100).sort_values("row")
    limit = "95" if confidence == 0.95 else "99_8"
    for column, peer_column in (("value", "Value"), ("lower_ci", f"lower_{limit}_ci"), ("upper_ci", f"upper_{limit}_ci")):
        agree("Percentages (confidence_limits)", ours[column], theirs[peer_column], len(numerators) if column == "value" else 0)


@st.composite
def age_bands(draw):
    """Groups of 19 ESP 2013 bands with events (0 to 300) and population (1 to 100,000)."""
    groups = draw(st.integers(1, 4))
    events = draw(st.lists(st.integers(0, 300), min_size=19 * groups, max_size=19 * groups))
    population = draw(st.lists(st.integers(1, 100_000), min_size=19 * groups, max_size=19 * groups))
    return pd.DataFrame({"group": np.repeat(range(groups), 19), "age_band": list(ESP2013_AGE_BANDS) * groups,
                         "numerator": events, "denominator": population})


@GENERATED
@given(age_bands(), CONFIDENCE)
def test_directly_standardised_rates_and_dobson_limits_agree_with_the_peer(frame, confidence):
    ours = age_standardised_rate(frame, confidence=confidence, by=["group"]).sort_values("group")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = ph_dsr(frame.copy(), "numerator", "denominator", ref_denom_col="age_band", group_cols="group",
                        metadata=False, confidence=confidence).sort_values("group")
    limit = "95" if confidence == 0.95 else "99_8"
    for column, peer_column in (("value", "Value"), ("lower_ci", f"lower_{limit}_ci"), ("upper_ci", f"upper_{limit}_ci")):
        agree("Directly standardised rates (age_standardised_rate)", ours[column], theirs[peer_column],
              len(ours) if column == "value" else 0)


def test_hand_worked_rate_agrees_with_the_peer():
    # 20 events in 4,000: 5.0 per 1,000; Byar's limits of 20 are 12.211429 and 30.889880
    ours = confidence_limits([20], [4000], "rate_per_1000").iloc[0].tolist()
    theirs = ph_rate(pd.DataFrame({"n": [20], "d": [4000]}), "n", "d", metadata=False, multiplier=1000)
    assert ours == pytest.approx([5.0, 3.052857, 7.722470], abs=1e-6)
    assert ours == pytest.approx(theirs[["Value", "lower_95_ci", "upper_95_ci"]].iloc[0].tolist(), rel=1e-12)


def test_hand_worked_count_between_0_and_1_agrees_with_the_peer():
    lower, upper = byar_interval([0.5])
    assert (lower[0], upper[0]) == pytest.approx((byars_lower(0.5), byars_upper(0.5)), rel=1e-12)
    assert lower[0] == pytest.approx(0.000491, abs=5e-7)


# Conventions where pmf_kit differs from the peer on purpose (README, "Methods").

def test_a_count_of_0_has_limits_where_the_peer_raises():
    # No events is a result, not an error: exact limits 0 and chi2.ppf(0.975, 2) / 2 = -ln(0.025)
    lower, upper = byar_interval([0])
    assert (lower[0], upper[0]) == pytest.approx((0.0, -np.log(0.025)))
    with pytest.raises(ValueError):
        byars_upper(0)


def test_an_age_band_with_a_blank_numerator_is_missing_where_the_peer_counts_it_as_0():
    frame = pd.DataFrame({"age_band": list(ESP2013_AGE_BANDS), "numerator": [20.0] * 19, "denominator": [1000] * 19})
    frame.loc[18, "numerator"] = np.nan
    ours = age_standardised_rate(frame, by=[])
    assert ours[["value", "lower_ci", "upper_ci"]].isna().all().all()
    theirs = ph_dsr(frame.copy(), "numerator", "denominator", ref_denom_col="age_band", metadata=False)
    # the peer reads the blank as no events: (100,000 - 1,000) x 20 / 1000 per 100,000 = 1980
    assert theirs["Value"].iloc[0] == pytest.approx(1980.0)
