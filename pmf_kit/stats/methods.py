"""The statistical methods in words, for the README's methods section and every report's methods
appendix: what each figure is, and each convention where pmf_kit differs from the peer
(PHStatsMethods / PHEindicatormethods, whose methods Fingertips uses) on purpose."""

from __future__ import annotations

import pandas as pd

from pmf_kit.stats.similarity_aspects import WHY_THESE_WEIGHTS, aspects_in_words

METHODS: tuple[tuple[str, str], ...] = (
    ("Data years",
     "Every figure carries the period its data describe and the release it comes from (\"2017/18, SIMD "
     "2020\": police recorded crime of 2017/18, published in SIMD 2020), never the edition year in place of "
     "the data year; the catalogue cites where each data year is stated. SIMD 2016's population base is "
     "NRS's mid-2014 estimate (unrevised) and SIMD 2020's mid-2017. Where no source states a figure's data "
     "year it says \"data year not stated\" and names its edition."),
    ("Source suppression",
     "A count its source suppressed (SG hid SIMD 2020's crime in data zones with fewer than 3 crimes) enters "
     "an area's figure as bounds: from 0 to its largest possible count (threshold - 1, times any grossing "
     "factor) per suppressed data zone, its residents kept in the denominator, never dropped from both. The "
     "value, interval (from the lowest count's lower limit to the highest count's upper limit), comparison, "
     "change, SII and pooled figures all carry the range; a figure is shown as one value only where the ends "
     "agree to the precision shown, otherwise as the range, and the table says how the source suppressed "
     "it. Disclosure control applies only to figures pmf_kit controls: one its source already publishes for "
     "every data zone (SIMD, the census, NRS's estimates) is not hidden again."),
    ("Random variation, or none",
     "Each indicator states its kind of variability in the catalogue. Counts of events or people get 95% "
     "intervals, significance and recent trends. A published value is compared for significance only with "
     "limits published beside it. A share of residents living in data zones of a class (such as SIMD "
     "quintile 1), a population estimate, a modelled travel time and a census count have no sampling error: no interval, compared by "
     "size only (higher, lower, the same), never \"significantly\"; the census is protected by NRS's "
     "cell-key perturbation, not sampled, so its figures are compared as they are, and a sum of its data "
     "zones can differ slightly from NRS's own figure for a larger area."),
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
     "Like for like only: a verdict compares figures of the same period and aggregate; where a comparator has "
     "no figure for the area's period (a council's 3-year life expectancy beside a locality's 5-year one) "
     "both are shown side by side with their periods and no verdict. Better or worse when the comparator, or "
     "the whole range it lies in, lies outside the area's 95% interval, read through whether a higher value "
     "is good; for two published values with intervals, when the intervals do not overlap; no different "
     "otherwise; not comparable without an interval (a count, an average, a value published without "
     "limits), without data, or when suppressed (ScotPHO, Fingertips)."),
    ("Change",
     "A change is worked out only between two figures of one definition over the same data zones: periods of "
     "the same kind, no method change between them (the catalogue's series breaks, such as SIMD 2020's new "
     "travel times and the Universal Credit roll-out across the income and employment domains, which the "
     "report names instead), never between overlapping rolling aggregates; where a source hid counts, the "
     "change is the range from the lowest now minus the highest then to the highest now minus the lowest "
     "then."),
    ("Small numbers",
     "A rate or percentage from fewer than 20 events or people, and life expectancy of an area of fewer than "
     "5,000 residents (Eayres and Williams 2004), are flagged unstable: never among the key findings, listed "
     "to read with care."),
    ("Recent trend",
     "Fingertips' recent trend over the last five single-year points, significant when the "
     "chi-square exceeds 9.54953570608324 (p < 0.002) and the direction holds when each point is "
     "left out in turn: for a percentage the chi-square test for trend, its direction from the "
     "unweighted slope of logit(p); for any other value the regression of the value on time weighted "
     "by 1/se^2, se = (upper95 - lower95) / 3.92, chi-square = (slope / se(slope))^2. Not given for "
     "quarterly, rolling or multi-year periods, counts, figures without sampling error, values without "
     "limits, ranges, or across a method change; a report that can test none says so once."),
    ("Inequalities",
     "SII: population-weighted regression of the quintile values on the mid-point of each "
     "quintile's cumulative population rank, reported as the modelled value at the most deprived "
     "end minus the value at the least deprived end (ScotPHO); RII = SII / the population-weighted "
     "mean; both only when every quintile has a value, and as ranges (their extremes over the quintiles' "
     "ranges) where a source hid counts. An indicator made from SIMD itself (such as the share of "
     "residents in the most deprived 20% of data zones) is never broken down by SIMD; an input of SIMD "
     "(income, employment, crime, the housing and health indicators) is shown by SIMD quintile but never "
     "headlines the gaps by deprivation, since split by SIMD it partly restates how SIMD was built."),
    ("Rounding",
     "Figures are rounded half up on their decimal value, as Public Health Scotland rounds (79.85 to 79.9, "
     "77.25 to 77.3), everywhere they are shown."),
    ("Similar areas",
     "An area's statistical nearest neighbours among all areas of its level (the CIPFA "
     "nearest-neighbour approach OHID Fingertips uses, and the idea of the LGBF's family groups), "
     f"matched on {aspects_in_words(described=True)}; rurality and remoteness where the data set has "
     "an urban/rural classification. Each variable is standardised across the areas (z-scores) and "
     "carries its aspect's weight, shared equally among the aspect's variables; the areas at the "
     f"smallest weighted Euclidean distance are taken. {WHY_THESE_WEIGHTS} Their pooled figure sums "
     "their numerators and denominators, so the largest of them weighs most; the range of their own "
     "figures (lowest to highest, with the median) shows how they differ. Both are hidden wherever "
     "one of theirs is. Against them an area is better or worse only where its whole 95% interval lies "
     "beyond every one of their figures; a figure beyond them whose interval reaches into their range is "
     "described (\"lower than all 5 similar areas\") with no verdict."),
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
