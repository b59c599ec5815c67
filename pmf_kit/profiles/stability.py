"""Figures too unstable to lead a report: flagged, said with care, never a headline.

- A rate or percentage built from fewer than 20 events or people (its highest possible count,
  where its source hid some): ONS and OHID treat rates from under 20 events as unreliable
  (Fingertips marks them "value based on small numbers").
- Life expectancy of an area of fewer than 5,000 residents: below that, abridged life tables give
  estimates too unstable to compare (Eayres and Williams 2004, J Epidemiol Community Health 58:
  243-9, the population threshold PHE and ONS adopted). A 2,539-resident intermediate zone's male
  life expectancy of 84.0, 3.6 years up on an overlapping period and above its female figure, is
  the kind of figure this keeps out of the key points.
"""

from __future__ import annotations

import pandas as pd

SMALL_COUNT = 20
"""Rates and percentages from fewer than this many events or people are flagged unstable."""
SMALL_POPULATION_FOR_LIFE_EXPECTANCY = 5000
"""Life expectancy of an area with fewer residents than this is flagged unstable."""


def instability(row: pd.Series | None, unit: str, variability: str, residents: float) -> str:
    """Why a figure is unstable, in words ("" when it is not): `row` is its values row, `residents`
    the area's population."""
    if row is None or pd.isna(row.get("value")) or row.get("suppressed"):
        return ""
    if variability == "events" and unit != "count":
        count = row.get("numerator_high", row.get("numerator"))
        if pd.notna(count) and float(count) < SMALL_COUNT:
            return f"small numbers (fewer than {SMALL_COUNT} counted)"
    if unit == "years" and pd.notna(residents) and residents < SMALL_POPULATION_FOR_LIFE_EXPECTANCY:
        return (f"a population under {SMALL_POPULATION_FOR_LIFE_EXPECTANCY:,} (life expectancy is unstable for so few "
                "residents)")
    return ""
