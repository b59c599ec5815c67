"""Statistics for profiles and performance reports, each method one pure function with its source.

- `intervals`: Wilson, Byar and exact Poisson limits; value and limits by indicator unit.
- `standardisation`: European Standard Population 2013 rates with Dobson limits.
- `comparison`: better / worse / no different against a comparator (ScotPHO spine charts).
- `trend`: Fingertips recent trend (chi-square for trend in proportions, weighted regression
  otherwise); CPOP improvement rate and projection.
- `inequality`: SIMD deprivation profile, SII and RII, attributable risk, ranges (ScotPHO).
- `methods`: the methods in words, for the README and every report's methods appendix.
- `disclosure`: small-count suppression, primary and secondary (PHS disclosure control); the one
  place where what may be published is decided.

The bottom wing with `data`: it imports nothing of pmf_kit but `errors`.
"""

from pmf_kit.stats.comparison import POLARITIES, compare_with_comparator
from pmf_kit.stats.inequality import (
    QUANTILE_TYPES,
    absolute_range,
    deprivation_profile,
    population_attributable_risk,
    relative_range,
    slope_index_of_inequality,
)
from pmf_kit.stats.intervals import (
    UNIT_MULTIPLIERS,
    UNITS,
    add_confidence_limits,
    byar_interval,
    confidence_limits,
    wilson_interval,
    z_score,
)
from pmf_kit.stats.standardisation import (
    ESP2013_AGE_BANDS,
    EUROPEAN_STANDARD_POPULATION_2013,
    age_standardised_rate,
)
from pmf_kit.stats.trend import (
    GROWTH_BOUNDS,
    RECENT_TREND_CHI_SQUARE,
    RecentTrend,
    chi_square_for_trend,
    improvement_rate,
    logit_slope,
    projection,
    recent_trend,
    weighted_slope,
)

__all__ = [
    "ESP2013_AGE_BANDS",
    "EUROPEAN_STANDARD_POPULATION_2013",
    "GROWTH_BOUNDS",
    "POLARITIES",
    "QUANTILE_TYPES",
    "RECENT_TREND_CHI_SQUARE",
    "UNITS",
    "UNIT_MULTIPLIERS",
    "RecentTrend",
    "absolute_range",
    "add_confidence_limits",
    "age_standardised_rate",
    "byar_interval",
    "chi_square_for_trend",
    "compare_with_comparator",
    "confidence_limits",
    "deprivation_profile",
    "improvement_rate",
    "logit_slope",
    "population_attributable_risk",
    "projection",
    "recent_trend",
    "relative_range",
    "slope_index_of_inequality",
    "weighted_slope",
    "wilson_interval",
    "z_score",
]
