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

The bottom wing with `data`: it imports nothing of pmf_kit but `errors` and `lazy`.
"""

from pmf_kit.lazy import lazy_names

_PUBLIC = {
    "POLARITIES": "pmf_kit.stats.comparison",
    "compare_with_comparator": "pmf_kit.stats.comparison",
    "QUANTILE_TYPES": "pmf_kit.stats.inequality",
    "absolute_range": "pmf_kit.stats.inequality",
    "deprivation_profile": "pmf_kit.stats.inequality",
    "population_attributable_risk": "pmf_kit.stats.inequality",
    "relative_range": "pmf_kit.stats.inequality",
    "slope_index_of_inequality": "pmf_kit.stats.inequality",
    "UNIT_MULTIPLIERS": "pmf_kit.stats.intervals",
    "UNITS": "pmf_kit.stats.intervals",
    "add_confidence_limits": "pmf_kit.stats.intervals",
    "byar_interval": "pmf_kit.stats.intervals",
    "confidence_limits": "pmf_kit.stats.intervals",
    "wilson_interval": "pmf_kit.stats.intervals",
    "z_score": "pmf_kit.stats.intervals",
    "ESP2013_AGE_BANDS": "pmf_kit.stats.standardisation",
    "EUROPEAN_STANDARD_POPULATION_2013": "pmf_kit.stats.standardisation",
    "age_standardised_rate": "pmf_kit.stats.standardisation",
    "GROWTH_BOUNDS": "pmf_kit.stats.trend",
    "RECENT_TREND_CHI_SQUARE": "pmf_kit.stats.trend",
    "RecentTrend": "pmf_kit.stats.trend",
    "chi_square_for_trend": "pmf_kit.stats.trend",
    "improvement_rate": "pmf_kit.stats.trend",
    "logit_slope": "pmf_kit.stats.trend",
    "projection": "pmf_kit.stats.trend",
    "recent_trend": "pmf_kit.stats.trend",
    "weighted_slope": "pmf_kit.stats.trend",
}
"""Where each public name lives: imported when first used (pmf_kit.lazy), so a module that needs
one method (display needs rounding) does not import SciPy with the rest."""

__getattr__, __dir__ = lazy_names(__name__, _PUBLIC)

__all__ = sorted(_PUBLIC)
