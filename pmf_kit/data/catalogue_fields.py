"""What the catalogue says about how each indicator may be read, so that no output decides it on
its own (the Fingertips and ScotPHO indicator metadata habit):

- `variability`: the kind of chance variation its figures carry, which decides whether they get
  a 95% interval and a significance verdict (METHODS.md, "Random variation, or none");
- `disclosure`: whether pmf_kit controls it for disclosure, or its source already publishes it
  at data zone level, so suppressing it again would hide a public figure;
- `period_source`: where the data year of each of its periods comes from (a technical note, a
  sheet of the workbook), cited beside the periods in every report's definitions;
- `series_breaks`: the periods at which its method changed, with the reason: no change is worked
  out across a break, and the report says why;
- `source_suppression`: the rule by which its publisher hid small cells (`fewer than 3 crimes`),
  said wherever a figure is a range because of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pmf_kit.data.periods import PeriodError, parse_period
from pmf_kit.data.tabular import spreadsheet_row
from pmf_kit.errors import DataFileError
from pmf_kit.stats.disclosure import PUBLISHED_AT_SOURCE

EVENTS = "events"
PUBLISHED = "published"
CLASSIFICATION = "classification"
ESTIMATE = "estimate"
CENSUS = "census"
VARIABILITY_KINDS = {
    EVENTS: "counts of events or people, as ScotPHO and Fingertips treat them: a 95% interval "
            "(Wilson for a percentage, Byar or exact Poisson for a rate), significance against a "
            "comparator and a recent trend",
    PUBLISHED: "a value as its publisher gives it: compared for significance only with the 95% limits "
               "published beside it, and then with both intervals",
    CLASSIFICATION: "a share of residents living in data zones of a class (such as SIMD quintile 1): "
                    "each zone is classified whole, so there is no sampling error; no interval, compared "
                    "by size only",
    ESTIMATE: "a population estimate or a modelled value (such as a travel time over the road network): no "
              "sampling error to test; no interval, compared by size only",
    CENSUS: "a census count: a count of everyone, protected by NRS's cell-key perturbation, not a "
            "sample; no interval, compared by size only (the differences are real differences in the "
            "population, give or take a few people of perturbation)",
}
"""Each kind of variability and what every output gives it (METHODS.md, and the methods appendix)."""
WITHOUT_SAMPLING_ERROR = (CLASSIFICATION, ESTIMATE, CENSUS)
"""Kinds whose figures get no interval and no significance verdict: compared by size only."""
CONTROLLED = "controlled"
DISCLOSURE_KINDS = (CONTROLLED, PUBLISHED_AT_SOURCE)
OPTIONAL_TEXT = ("period_source", "series_breaks", "source_suppression")


_BREAK_SEPARATOR = re.compile(r";\s*(?=\d{4}[^:;]*:)")
"""Breaks are separated by ';' before the next `PERIOD:`, so a reason may hold a ';' of its own."""


@dataclass(frozen=True)
class SeriesBreak:
    """A method change: figures from `period` on are not comparable with those before it."""

    period: str
    reason: str


def read_catalogue_fields(catalogue: pd.DataFrame, path: Path, published_only_units: tuple[str, ...]) -> pd.DataFrame:
    """The optional columns checked and filled: `variability` (default `events`, or `published` for
    units that have no numerator and denominator), `disclosure` (default `controlled`), and the
    text columns (default blank); every series break must name a period pmf_kit can read."""
    catalogue = catalogue.copy()
    default_variability = catalogue["unit"].map(lambda unit: PUBLISHED if unit in published_only_units else EVENTS)
    catalogue["variability"] = _choice(catalogue, "variability", list(VARIABILITY_KINDS), default_variability, path)
    catalogue["disclosure"] = _choice(catalogue, "disclosure", list(DISCLOSURE_KINDS),
                                      pd.Series(CONTROLLED, index=catalogue.index), path)
    for column in OPTIONAL_TEXT:
        if column not in catalogue.columns:
            catalogue[column] = ""
        catalogue[column] = catalogue[column].fillna("").astype(str).str.strip()
    for position, text in enumerate(catalogue["series_breaks"]):
        try:
            parse_series_breaks(text)
        except PeriodError as error:
            raise DataFileError(path, "breaks written as PERIOD: reason, separated by ';' (2019/20: new "
                                      "recording system)", spreadsheet_row(position), "series_breaks",
                                found=error.label) from None
    return catalogue


def _choice(catalogue: pd.DataFrame, column: str, allowed: list[str], default: pd.Series, path: Path) -> pd.Series:
    """An optional column of one of `allowed` words; a blank cell takes the row's default."""
    if column not in catalogue.columns:
        return default
    words = catalogue[column].astype("string").str.strip().str.lower().fillna("")
    bad = ~words.isin([*allowed, ""])
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        raise DataFileError(path, f"one of {', '.join(allowed)} (or a blank cell)", spreadsheet_row(position), column,
                            found=catalogue[column].iloc[position])
    return words.where(words != "", default).astype(str)


def parse_series_breaks(text: str) -> list[SeriesBreak]:
    """`2019/20: new recording system; 2020: new road network` as breaks in time order."""
    breaks = []
    for part in (piece.strip() for piece in _BREAK_SEPARATOR.split(str(text or ""))):
        if not part:
            continue
        period, _, reason = part.partition(":")
        if not reason.strip():
            raise PeriodError(part)
        breaks.append(SeriesBreak(parse_period(period.strip()).label, reason.strip()))
    return sorted(breaks, key=lambda found: parse_period(found.period))


def break_between(text: str, earlier: str, later: str) -> SeriesBreak | None:
    """The first method change between two periods of an indicator (after `earlier`, at or
    before `later`), or None when the two are alike."""
    start, end = parse_period(earlier), parse_period(later)
    for found in parse_series_breaks(text):
        if start < parse_period(found.period) <= end:
            return found
    return None
