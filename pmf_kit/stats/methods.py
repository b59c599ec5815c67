"""The statistical methods in words, for the README's methods section and every report's methods
appendix: what each figure is, and each convention where pmf_kit differs from the peer
(PHStatsMethods / PHEindicatormethods, whose methods Fingertips uses) on purpose."""

from __future__ import annotations

import pandas as pd

METHODS: tuple[tuple[str, str], ...] = (
    ("Confidence intervals",
     "95% limits: Wilson score for percentages; Byar's method for crude rates, with exact Poisson "
     "limits below 10 events (lower chi2.ppf(a/2, 2O)/2, upper chi2.ppf(1-a/2, 2O+2)/2, also for "
     "counts that are not whole); European Standard Population 2013 age-standardised rates with "
     "Dobson limits, none from fewer than 10 events. A value published with its limits (such as "
     "life expectancy) keeps them exactly as published."),
    ("Counts",
     "A count (residents, events) is not an estimate of a rate: it has no interval, no recent trend, "
     "and is never compared for significance with an area of another size (not comparable)."),
    ("Comparison with a comparator",
     "Better or worse when the comparator lies outside the area's 95% interval, read through whether "
     "a higher value is good; no different when inside; not comparable without an interval (a count, "
     "an average, a value published without limits), without data, or when suppressed (ScotPHO)."),
    ("Recent trend",
     "Fingertips' recent trend over the last five single-year points, significant when the "
     "chi-square exceeds 9.54953570608324 (p < 0.002) and the direction holds when each point is "
     "left out in turn: for a percentage the chi-square test for trend, its direction from the "
     "unweighted slope of logit(p); for any other value the regression of the value on time weighted "
     "by 1/se^2, se = (upper95 - lower95) / 3.92, chi-square = (slope / se(slope))^2. Not given for "
     "quarterly, rolling or multi-year periods, counts, or values without limits."),
    ("Inequalities",
     "SII: population-weighted regression of the quintile values on the mid-point of each "
     "quintile's cumulative population rank, reported as the modelled value at the most deprived "
     "end minus the value at the least deprived end (ScotPHO); RII = SII / the population-weighted "
     "mean; both only when every quintile has a value. An indicator made from SIMD itself (such as "
     "the share of residents in the most deprived 20% of data zones) is never broken down by SIMD."),
    ("Similar areas",
     "An area's statistical nearest neighbours among all areas of its level (the CIPFA "
     "nearest-neighbour approach OHID Fingertips uses, and the idea of the LGBF's family groups): "
     "each area is described by the population-weighted mean national rank of its data zones on "
     "each of the seven SIMD domains, its population-weighted mean urban/rural class where the data "
     "set has one, and log10 of its residents; each variable is standardised across the areas "
     "(z-scores, equal weights) and the areas at the smallest Euclidean distance are taken. Their "
     "pooled figure sums their numerators and denominators, and is hidden wherever one of theirs is."),
)
"""Topic and method, in the order a reader meets them."""

DIFFERENCES_FROM_THE_PEER: tuple[str, ...] = (
    "SII sign and RII: ScotPHO's. The SII is most deprived minus least deprived, where "
    "PHEindicatormethods' phe_sii gives the slope from the most to the least deprived end (the "
    "opposite sign); the RII is SII / mean, not the ratio of the fitted values at the two ends.",
    "A count of 0 has exact limits 0 to 3.689 (95%), where PHStatsMethods raises an error: no events "
    "is a result, not a mistake.",
    "An age band with a blank numerator makes an age-standardised rate missing, where PHStatsMethods "
    "counts the blank as 0 events: a missing figure is never read as none.",
    "Where Fingertips' trend code leaves a case undefined, no trend is given: a percentage at 0% or "
    "100% has no logit, and a left-out slope of exactly 0 does not hold the direction (as in "
    "PHEindicatormethods' assign_trend_markers).",
)
"""Conventions that differ from PHStatsMethods / PHEindicatormethods on purpose."""


def methods_table() -> pd.DataFrame:
    """Every method and every deliberate difference from the peer, as a report's appendix shows them."""
    rows = [*METHODS, *(("Differs from PHStatsMethods / PHEindicatormethods on purpose", text) for text in DIFFERENCES_FROM_THE_PEER)]
    return pd.DataFrame(rows, columns=["Method", "How it is worked out"])
