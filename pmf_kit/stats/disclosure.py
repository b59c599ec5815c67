"""Small-number suppression, applied before a value reaches a table, a chart or embedded data.

Follows the Public Health Scotland Statistical Disclosure Control Protocol: a count below the
indicator's threshold (commonly 5, sometimes 10) is not shown, nor is any rate or confidence
interval calculated from it (primary suppression); where a hidden count could still be worked
out by subtracting the visible parts from a total, a further count is hidden (secondary
suppression). Denominators are populations and stay visible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

SUPPRESSION_SYMBOL = "*"
"""Shown in place of a suppressed figure in every table."""

DEFAULT_THRESHOLD = 5
"""Counts below this are suppressed when the catalogue sets no threshold."""

SUPPRESSED_COLUMNS = ("numerator", "value", "lower_ci", "upper_ci")
"""Columns blanked on a suppressed row; the denominator (a population) stays visible."""

GROUP_COLUMNS = ("indicator_id", "period")
"""Columns that, with the parent area, define a group whose parts add up to the parent total."""

Thresholds = int | Mapping[str, int] | pd.DataFrame
Hierarchies = Mapping[str, str] | Sequence[Mapping[str, str]] | None


def thresholds_from_catalogue(catalogue: pd.DataFrame) -> dict[str, int]:
    """The suppression threshold of each indicator: `suppression_threshold`, blank -> 5."""
    column = (
        catalogue["suppression_threshold"]
        if "suppression_threshold" in catalogue.columns
        else pd.Series(np.nan, index=catalogue.index)
    )
    threshold = pd.to_numeric(column).fillna(DEFAULT_THRESHOLD).astype(int)
    return dict(zip(catalogue["indicator_id"].astype(str), threshold))


def _row_thresholds(values: pd.DataFrame, thresholds: Thresholds) -> pd.Series:
    """The threshold that applies to each row of a values table."""
    if isinstance(thresholds, pd.DataFrame):
        thresholds = thresholds_from_catalogue(thresholds)
    if isinstance(thresholds, Mapping):
        mapped = values["indicator_id"].astype(str).map(thresholds)
        return pd.to_numeric(mapped).fillna(DEFAULT_THRESHOLD)
    return pd.Series(float(thresholds), index=values.index)


def _as_hierarchy_list(hierarchies: Hierarchies) -> list[Mapping[str, str]]:
    if hierarchies is None:
        return []
    if isinstance(hierarchies, Mapping):
        return [hierarchies]
    return list(hierarchies)


def _summing_groups(values: pd.DataFrame, hierarchy: Mapping[str, str]) -> pd.DataFrame:
    """Rows of `values` that take part in a parent = sum of children relation.

    One row per (values row, group) with columns: row (position in `values`), parent, the
    GROUP_COLUMNS present, group (a number per indicator, period and parent), is_parent, hidden
    (numerator blank), numerator and geography_code.
    """
    keys = [column for column in GROUP_COLUMNS if column in values.columns]
    codes = values["geography_code"].astype(str)
    parent_codes = set(hierarchy.values())
    parent_of_row = codes.map(hierarchy)
    children = pd.DataFrame({"row": np.flatnonzero(parent_of_row.notna()), "is_parent": False})
    children["parent"] = parent_of_row.iloc[children["row"]].to_numpy()
    parents = pd.DataFrame({"row": np.flatnonzero(codes.isin(parent_codes)), "is_parent": True})
    parents["parent"] = codes.iloc[parents["row"]].to_numpy()
    members = pd.concat([children, parents], ignore_index=True)
    for key in keys:
        members[key] = values[key].astype(str).iloc[members["row"]].to_numpy()
    members["group"] = members.groupby([*keys, "parent"], sort=False).ngroup()
    numerator = pd.to_numeric(values["numerator"]).astype(float)
    members["numerator"] = numerator.iloc[members["row"]].to_numpy()
    members["hidden"] = members["numerator"].isna()
    members["geography_code"] = codes.iloc[members["row"]].to_numpy()
    return members


def _recoverable_groups(members: pd.DataFrame) -> pd.Index:
    """Groups with exactly one hidden count: it equals the total minus the visible parts.

    A parent total that is not in the table is treated as published elsewhere (visible).
    """
    hidden_per_group = members.groupby("group")["hidden"].sum()
    return hidden_per_group.index[hidden_per_group == 1]


def suppress(
    values: pd.DataFrame,
    thresholds: Thresholds = DEFAULT_THRESHOLD,
    hierarchies: Hierarchies = None,
) -> pd.DataFrame:
    """Primary and secondary suppression of small counts in a tidy values table.

    `values` has indicator_id, geography_code, numerator (and usually period, denominator, value,
    lower_ci, upper_ci). `thresholds` is one threshold for all, a mapping indicator_id ->
    threshold, or the catalogue (its `suppression_threshold`, blank -> 5).

    Primary: a numerator below its threshold (zero included; a count equal to the threshold is
    shown) has numerator, value, lower_ci and upper_ci blanked and `suppressed = "primary"`.

    Secondary: each mapping in `hierarchies` gives child geography_code -> parent geography_code
    (e.g. data zone -> locality, locality -> council). For each indicator, period and parent, the
    parent total equals the sum of its children, so if exactly one of them is hidden it can be
    recovered by subtraction. Then the smallest visible child (ties broken by geography_code) is
    also blanked with `suppressed = "secondary"`; if no child is left visible, the parent is. A
    parent absent from the table is treated as published elsewhere; a parent that is itself
    hidden (e.g. its total is below threshold) counts as one of the hidden figures, so one hidden
    child then needs no partner. A blank numerator from the source counts as hidden, so it is
    protected too. Repeated until no group has exactly one hidden figure, since a secondary
    suppression can expose a figure one level up.

    Source: Public Health Scotland, Statistical Disclosure Control Protocol (primary and
    secondary suppression); threshold per indicator from the catalogue. Differencing between
    overlapping geographies or periods not given as hierarchies is not checked.

    Returns a copy with the column `suppressed` ("primary", "secondary" or "").
    """
    result = values.reset_index(drop=True).copy()
    numerator = pd.to_numeric(result["numerator"]).astype(float)
    status = np.where(numerator < _row_thresholds(result, thresholds), "primary", "").astype(object)
    hidden = numerator.isna().to_numpy() | (status == "primary")
    hierarchy_list = _as_hierarchy_list(hierarchies)
    changed = bool(hierarchy_list)
    while changed:
        changed = False
        for hierarchy in hierarchy_list:
            members = _summing_groups(result.assign(numerator=numerator.where(~hidden)), hierarchy)
            recoverable = members[members["group"].isin(_recoverable_groups(members))]
            visible = recoverable[~recoverable["hidden"]].sort_values(
                ["is_parent", "numerator", "geography_code"]
            )
            for row in visible.groupby("group")["row"].first():
                hidden[row] = True
                status[row] = "secondary"
                changed = True
    result["suppressed"] = status
    blanked = [column for column in SUPPRESSED_COLUMNS if column in result.columns]
    is_suppressed = pd.Series(status != "", index=result.index)
    result[blanked] = result[blanked].astype(float).mask(is_suppressed, axis=0)
    result.index = values.index
    return result


def suppress_pooled(values: pd.DataFrame, pools: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """Hide a pooled figure wherever one of the areas it pools is hidden.

    `pools` maps the geography_code of a pooled figure (e.g. an area's similar areas summed
    together) to the codes of the areas it sums. Those areas are shown one by one as well, so
    a pool beside a hidden member would give the member away as the pool minus the others: the
    pool's row for that indicator and period is blanked with `suppressed = "secondary"`. A pool
    shown only beside visible members adds nothing a reader could not sum for themselves.
    """
    result = values.copy()
    keys = [column for column in GROUP_COLUMNS if column in result.columns]
    blanked = [column for column in SUPPRESSED_COLUMNS if column in result.columns]
    for pool, members in pools.items():
        hidden = result[result["geography_code"].isin(members) & (result["suppressed"] != "")]
        exposed = pd.MultiIndex.from_frame(hidden[keys].astype(str)).unique()
        rows = (result["geography_code"] == pool) & (result["suppressed"] == "")
        rows &= pd.MultiIndex.from_frame(result[keys].astype(str)).isin(exposed)
        result.loc[rows, "suppressed"] = "secondary"
        result.loc[rows, blanked] = float("nan")
    return result


def footnote(thresholds: int | Mapping[str, int] = DEFAULT_THRESHOLD) -> str:
    """Text explaining the suppression symbol, for the foot of every table and chart."""
    limits = sorted(set(thresholds.values())) if isinstance(thresholds, Mapping) else [thresholds]
    below = " or ".join(str(limit) for limit in limits)
    depending = " (depending on the indicator)" if len(limits) > 1 else ""
    return (
        f"{SUPPRESSION_SYMBOL} Not shown to protect confidentiality: counts of fewer than "
        f"{below}{depending}, and any rate or confidence interval calculated from them, are "
        "suppressed, and where needed a further figure is suppressed so that a hidden count "
        "cannot be worked out from a total (Public Health Scotland statistical disclosure "
        "control)."
    )


def assert_no_disclosure(
    frame: pd.DataFrame,
    thresholds: Thresholds = DEFAULT_THRESHOLD,
    hierarchies: Hierarchies = None,
) -> None:
    """Raise AssertionError if `frame` discloses a small count.

    Checks that no visible numerator is below its threshold, that no value or interval is shown
    on a row marked suppressed, and that no group of `hierarchies` (as in `suppress`) has
    exactly one hidden count, which could be recovered as total minus visible parts.
    """
    frame = frame.reset_index(drop=True)
    numerator = pd.to_numeric(frame["numerator"]).astype(float)
    problems = []
    small = frame[numerator < _row_thresholds(frame, thresholds)]
    problems += [
        f"visible count {count:g} below threshold: {code} {indicator}"
        for code, indicator, count in zip(
            small["geography_code"], small["indicator_id"], small["numerator"]
        )
    ]
    if "suppressed" in frame.columns:
        shown = [column for column in SUPPRESSED_COLUMNS if column in frame.columns]
        leaking = frame[(frame["suppressed"].fillna("") != "") & frame[shown].notna().any(axis=1)]
        problems += [
            f"figure shown on a suppressed row: {code} {indicator}"
            for code, indicator in zip(leaking["geography_code"], leaking["indicator_id"])
        ]
    for hierarchy in _as_hierarchy_list(hierarchies):
        members = _summing_groups(frame, hierarchy)
        exposed = members[members["group"].isin(_recoverable_groups(members)) & members["hidden"]]
        problems += [
            f"hidden count recoverable by subtraction from the total of {parent}: {code}"
            for code, parent in zip(exposed["geography_code"], exposed["parent"])
        ]
    if problems:
        raise AssertionError("disclosure: " + "; ".join(problems))
