"""Locality profiles: the numbers of a profile and how the profile notebook shows them.

- `profile`: `LocalityProfile`, an area of any level (a locality, a data zone, a custom area)
  with its comparators: headline, theme tables, trends, data zones, straddling areas.
- `spine`: every indicator against each comparator, better / worse / no different.
- `inequalities`: indicators by SIMD quintile within the area, SII and RII in words.
- `report`: one `show_*` function per section of notebooks/locality_profile.ipynb.
- `spend_report`: the optional service spend section.

Above `charts`, `data` and `stats`; below `performance`, `explore` and `batch`.
"""
