"""The spread of an area's similar areas: for an indicator and period, each similar area's own
figure and their range (lowest, median, highest), to show beside their pooled figure (which the
largest of them dominates, and whose interval ignores how they differ) and to read a verdict
against: "higher than all 5 similar areas", "within the range of the 5 similar areas".

It reads a values table already through the data set's one suppression decision (a profile's
`values`: dataset.disclosure, then stats.disclosure.suppress_pooled for the pool). A figure the
decision hides stays hidden, and the range with it wherever one similar area's figure is hidden,
by the rule that hides their pool (suppress_pooled): the lowest or highest beside a hidden figure
would bound it.

A figure whose source hid some of its counts is itself a range (value_low to value_high,
stats.bounds): the similar areas' range then runs from the lowest low to the highest high, and a
position is given only where it holds for every value the bounds allow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Literal, Sequence

import pandas as pd

from pmf_kit.data.geography import Area
from pmf_kit.errors import PmfKitError
from pmf_kit.stats.disclosure import suppress_pooled

MIN_FIGURES = 2
"""A range needs the figures of at least two similar areas."""
RANGE_CODE = "similar-areas-range"
"""The code the range goes by when suppress_pooled decides whether it is hidden."""
KEYS = ["indicator_id", "period"]
Position = Literal["higher", "lower", "within"]


@dataclass(frozen=True)
class SimilarAreasRange:
    """The similar areas' figures for one indicator and period: `figures` has one row per similar
    area (`geography_code, area_name, value, value_low, value_high, suppressed`; value blank where
    hidden or missing), and `hidden` says the range is withheld because one of them is hidden."""

    indicator_id: str
    period: str
    figures: pd.DataFrame
    hidden: bool

    @property
    def areas(self) -> int:
        """How many similar areas there are."""
        return len(self.figures)

    @property
    def with_figure(self) -> int:
        """How many of them have a figure shown (not hidden, not missing)."""
        return int(self.figures["value"].notna().sum())

    @property
    def shown(self) -> bool:
        """Whether the range may be shown: nothing hidden, and at least two figures."""
        return not self.hidden and self.with_figure >= MIN_FIGURES

    @property
    def lowest(self) -> float:
        """The lowest similar area's figure (its low bound); NaN where the range is not shown."""
        return float(self.figures["value_low"].min()) if self.shown else float("nan")

    @property
    def highest(self) -> float:
        """The highest similar area's figure (its high bound); NaN where the range is not shown."""
        return float(self.figures["value_high"].max()) if self.shown else float("nan")

    @property
    def median(self) -> float:
        """The median of their figures (the mean of the middle two for an even number); NaN where
        the range is not shown, or where bounds leave the median open."""
        if not self.shown:
            return float("nan")
        low, high = self.figures["value_low"].median(), self.figures["value_high"].median()
        return float(low) if low == high else float("nan")

    def position(self, value: float, value_high: float | None = None) -> Position | None:
        """Where a figure lies against the range: "higher" than every similar area, "lower" than
        every one, or "within" the range (the ends included); None where the range is not shown,
        the figure is missing, or a figure known only within bounds (`value` to `value_high`, or
        a similar area's) could lie either side."""
        high = value if value_high is None else value_high
        if not self.shown or pd.isna(value) or pd.isna(high):
            return None
        lows, highs = self.figures["value_low"].dropna(), self.figures["value_high"].dropna()
        if value > highs.max():
            return "higher"
        if high < lows.min():
            return "lower"
        if value >= highs.min() and high <= lows.max():
            return "within"
        return None

    def position_words(self, value: float, value_high: float | None = None) -> str | None:
        """`position` as a sentence ends: "higher than all 5 similar areas", "within the range of
        the 4 similar areas with a figure"; None where there is no position."""
        position = self.position(value, value_high)
        if position is None:
            return None
        which = f"{self.with_figure} similar areas" + (" with a figure" if self.with_figure < self.areas else "")
        return f"within the range of the {which}" if position == "within" else f"{position} than all {which}"

    def words(self, formatted: Callable[[float], str]) -> str | None:
        """"range 12.1 to 19.8", each end written by `formatted`; None where the range is not shown."""
        if not self.shown:
            return None
        return f"range {formatted(self.lowest)} to {formatted(self.highest)}"


@dataclass(frozen=True)
class SimilarAreasSpread:
    """Every indicator's and period's similar areas' figures (`figures`, one row per similar area,
    indicator and period) and which ranges are hidden (`hidden`: a set of (indicator_id, period))."""

    figures: pd.DataFrame
    hidden: frozenset[tuple[str, str]]

    def range(self, indicator_id: str, period: str) -> SimilarAreasRange:
        """The similar areas' figures for one indicator and period, with their range."""
        rows = self.figures[(self.figures["indicator_id"] == indicator_id) & (self.figures["period"] == period)]
        return SimilarAreasRange(indicator_id, period, rows.drop(columns=KEYS).reset_index(drop=True),
                                 (indicator_id, period) in self.hidden)


def similar_areas_spread(values: pd.DataFrame, similar: Sequence[Area]) -> SimilarAreasSpread:
    """The spread of the similar areas' own figures in `values`, a table already through the data
    set's suppression decision (a profile's `values`, or one indicator's rows of it).

    `similar` are the similar areas (a profile's `similar`). Each gets a row for every indicator
    and period of `values`, blank where it has no figure.
    """
    if "suppressed" not in values.columns:
        raise PmfKitError("the similar areas' spread reads values the data set's suppression decision has "
                          "been applied to (a profile's values); these have no `suppressed` column")
    codes = [area.code for area in similar]
    names = {area.code: area.name for area in similar}
    rows = values[values["geography_code"].isin(codes)]
    cells = values[KEYS].drop_duplicates()
    grid = cells.merge(pd.DataFrame({"geography_code": codes}), how="cross")
    figures = grid.merge(rows, on=[*KEYS, "geography_code"], how="left")
    suppressed = figures["suppressed"].fillna("")
    value = figures["value"].astype(float).where(suppressed == "")
    figures = pd.DataFrame({
        **{key: figures[key] for key in KEYS}, "geography_code": figures["geography_code"],
        "area_name": figures["geography_code"].map(names), "value": value,
        "value_low": _bound(figures, "value_low", value), "value_high": _bound(figures, "value_high", value),
        "suppressed": suppressed})
    return SimilarAreasSpread(figures, _hidden_ranges(figures, codes))


def _bound(figures: pd.DataFrame, column: str, value: pd.Series) -> pd.Series:
    """A figure's low or high bound (stats.bounds), the value itself where it has none; blank with it."""
    bound = figures[column].astype(float).fillna(value) if column in figures.columns else value
    return bound.where(value.notna())


def _hidden_ranges(figures: pd.DataFrame, codes: list[str]) -> frozenset[tuple[str, str]]:
    """(indicator_id, period) whose range suppress_pooled hides, as it would hide a pool of `codes`."""
    ranges = figures[KEYS].drop_duplicates().assign(geography_code=RANGE_CODE, suppressed="")
    decided = suppress_pooled(pd.concat([figures[[*KEYS, "geography_code", "suppressed"]], ranges], ignore_index=True),
                              {RANGE_CODE: codes})
    hidden = decided[(decided["geography_code"] == RANGE_CODE) & (decided["suppressed"] != "")]
    return frozenset(zip(hidden["indicator_id"], hidden["period"]))
