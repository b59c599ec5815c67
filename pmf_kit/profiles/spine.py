"""The spine view: every indicator of a profile against each comparator, like for like.

ScotPHO's spine chart shows, for each indicator, whether the area is significantly better,
worse or no different from the comparator; here the verdicts are profiles.comparisons' (same
period only, by each indicator's kind of variability), and the chart places the area's value as
a percentage difference from the comparator so that indicators of every unit share one axis.
"""

from __future__ import annotations

import pandas as pd

from pmf_kit.profiles.comparisons import NOT_TESTED, comparison_with
from pmf_kit.profiles.profile import LocalityProfile

SIGNIFICANCE_ORDER = ["better", "no different", "worse", "higher", "lower", NOT_TESTED, "not comparable"]


def by_size_words(size: str) -> str:
    """A comparison of figures without sampling error: "higher (by size; no sampling error)"."""
    return f"{size} (by size; no sampling error)"


def verdict_words(row: pd.Series) -> str:
    """A comparison as the spine table says it: "better", "higher (by size; no sampling error)",
    "not comparable: different periods"."""
    if row["significance"] == NOT_TESTED:
        return by_size_words(row["size"]) if row["size"] else NOT_TESTED
    if row["significance"] == "not comparable" and row["reason"]:
        return f"not comparable: {row['reason']}"
    return str(row["significance"])


def spine_table(profile: LocalityProfile) -> pd.DataFrame:
    """Every indicator against every comparator: period (with its release), value, and the verdict."""
    table = None
    for comparator in profile.comparators:
        compared = comparison_with(profile, comparator)
        name = profile.label(comparator)
        columns = compared[["title", "period_text", "value"]].rename(
            columns={"title": "Indicator", "period_text": "Period", "value": profile.label(profile.area)})
        columns[name] = compared["comparator_value"]
        columns[f"Compared with {name}"] = compared.apply(verdict_words, axis=1)
        table = columns if table is None else table.join(columns[[name, f"Compared with {name}"]])
    return table if table is not None else pd.DataFrame()
