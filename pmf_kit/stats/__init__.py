"""Statistics for profiles and performance reports, each method one pure function with its source.

- `intervals`: Wilson, Byar and exact Poisson limits; value and limits by indicator unit.
- `comparison`: better / worse / no different against a comparator (ScotPHO spine charts).
"""

from pmf_kit.stats.comparison import POLARITIES, compare_with_comparator
from pmf_kit.stats.intervals import (
    UNIT_MULTIPLIERS,
    UNITS,
    add_confidence_limits,
    byar_interval,
    confidence_limits,
    wilson_interval,
    z_score,
)

__all__ = [
    "POLARITIES",
    "UNITS",
    "UNIT_MULTIPLIERS",
    "add_confidence_limits",
    "byar_interval",
    "compare_with_comparator",
    "confidence_limits",
    "wilson_interval",
    "z_score",
]
