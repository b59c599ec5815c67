"""One parser for every period label pmf_kit meets: `2023`, `2023/24`, `2024/25 Q2`, and the
multi-year aggregates ScotPHO publishes, `2014 to 2018 (5 year aggregate)`.

Periods sort by their start date, so a chart of financial years is in time order, and a
calendar year and a financial year starting in it are told apart. A multi-year aggregate is
a rolling period: consecutive ones overlap, so no recent trend is tested over them (METHODS.md),
and figures of different lengths centred on the same year (a locality's 5-year life expectancy,
Scotland's 3-year one) are set side by side by their midpoint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pmf_kit.errors import PmfKitError

_CALENDAR_YEAR = re.compile(r"^(\d{4})$")
_FINANCIAL_YEAR = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")
_FINANCIAL_QUARTER = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s+Q([1-4])$", re.IGNORECASE)
_MULTI_YEAR = re.compile(r"^(\d{4})\s+to\s+(\d{4})(?:\s*\(\s*(\d+)[\s-]*years?\s+aggregate\s*\))?$", re.IGNORECASE)

FINANCIAL_YEAR_START_MONTH = 4

KIND_WORDS = {
    "calendar_year": "calendar years (2023)",
    "financial_year": "financial years (2023/24)",
    "financial_quarter": "financial quarters (2024/25 Q2)",
    "multi_year_aggregate": "multi-year aggregates (2014 to 2018)",
}
"""Each kind of period in words, with an example, for a message saying which kind was expected."""


class PeriodError(PmfKitError):
    """A period label is not one of the forms pmf_kit understands."""

    def __init__(self, label: str) -> None:
        self.label = label
        super().__init__(
            f"period {label!r} is not a calendar year (2023), a financial year (2023/24), "
            "a financial quarter (2024/25 Q2) or a multi-year aggregate (2014 to 2018 (5 year aggregate))"
        )


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period; ordered by start date, then by length (a year before its quarters)."""

    start: date
    months: int
    label: str

    @property
    def kind(self) -> str:
        """`calendar_year`, `financial_year`, `financial_quarter` or `multi_year_aggregate`."""
        if self.months == 3:
            return "financial_quarter"
        if self.months > 12:
            return "multi_year_aggregate"
        return "financial_year" if "/" in self.label else "calendar_year"

    @property
    def is_single_year(self) -> bool:
        """A calendar or financial year: the only periods a recent trend is tested over
        (Fingertips gives none for quarters, nor for rolling or multi-year periods)."""
        return self.kind in ("calendar_year", "financial_year")

    @property
    def is_multi_year(self) -> bool:
        """A rolling aggregate of several years (ScotPHO's 3- and 5-year aggregates): not a single
        year, so no recent trend is tested over it; no change is worked out between overlapping ones."""
        return self.months > 12

    @property
    def midpoint(self) -> date:
        """The middle of the period (1 July 2016 for both 2014 to 2018 and 2015 to 2017)."""
        years, month = divmod(self.start.month - 1 + self.months // 2, 12)
        return date(self.start.year + years, month + 1, 1)


def _second_year(first: int, second: str, label: str) -> None:
    """Check that `2023/24` really names consecutive years."""
    expected = (first + 1) % 100 if len(second) == 2 else first + 1
    if int(second) != expected:
        raise PeriodError(label)


def parse_period(label: str | int) -> Period:
    """Parse a period label into a Period, normalising spacing (`2023-24` → `2023/24`)."""
    text = str(label).strip()
    if match := _CALENDAR_YEAR.match(text):
        return Period(date(int(match[1]), 1, 1), 12, text)
    if match := _FINANCIAL_YEAR.match(text):
        first = int(match[1])
        _second_year(first, match[2], text)
        return Period(date(first, FINANCIAL_YEAR_START_MONTH, 1), 12, f"{first}/{(first + 1) % 100:02d}")
    if match := _FINANCIAL_QUARTER.match(text):
        first = int(match[1])
        _second_year(first, match[2], text)
        quarter = int(match[3])
        month = FINANCIAL_YEAR_START_MONTH + 3 * (quarter - 1)
        year = first + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return Period(date(year, month, 1), 3, f"{first}/{(first + 1) % 100:02d} Q{quarter}")
    if match := _MULTI_YEAR.match(text):
        return _multi_year(int(match[1]), int(match[2]), match[3], text)
    raise PeriodError(text)


def _multi_year(first: int, last: int, stated_years: str | None, label: str) -> Period:
    """`2014 to 2018 (5 year aggregate)`: the years must run forward and match the stated count."""
    years = last - first + 1
    if years < 2 or (stated_years is not None and int(stated_years) != years):
        raise PeriodError(label)
    return Period(date(first, 1, 1), 12 * years, f"{first} to {last} ({years} year aggregate)")


def following_period(label: str) -> str:
    """The period after this one, of the same kind and length: 2024 → 2025, 2024/25 → 2025/26,
    2024/25 Q4 → 2025/26 Q1, 2014 to 2018 (5 year aggregate) → 2015 to 2019 (5 year aggregate)."""
    period = parse_period(label)
    first = int(period.label[:4])
    if period.kind == "calendar_year":
        return str(first + 1)
    if period.kind == "financial_year":
        return f"{first + 1}/{(first + 2) % 100:02d}"
    if period.kind == "financial_quarter":
        quarter = int(period.label[-1])
        year, quarter = (first + 1, 1) if quarter == 4 else (first, quarter + 1)
        return f"{year}/{(year + 1) % 100:02d} Q{quarter}"
    years = period.months // 12
    return f"{first + 1} to {first + years} ({years} year aggregate)"


def sort_periods(labels: list[str]) -> list[str]:
    """Period labels in time order."""
    return [period.label for period in sorted(parse_period(label) for label in labels)]


def latest_period(labels: list[str]) -> str:
    """The most recent of some period labels."""
    return max(parse_period(label) for label in labels).label
