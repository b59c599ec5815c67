"""One parser for every period label pmf_kit meets: `2023`, `2023/24`, `2024/25 Q2`.

Periods sort by their start date, so a chart of financial years is in time order, and a
calendar year and a financial year starting in it are told apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pmf_kit.errors import PmfKitError

_CALENDAR_YEAR = re.compile(r"^(\d{4})$")
_FINANCIAL_YEAR = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")
_FINANCIAL_QUARTER = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s+Q([1-4])$", re.IGNORECASE)

FINANCIAL_YEAR_START_MONTH = 4


class PeriodError(PmfKitError):
    """A period label is not one of the forms pmf_kit understands."""

    def __init__(self, label: str) -> None:
        self.label = label
        super().__init__(
            f"period {label!r} is not a calendar year (2023), a financial year (2023/24) "
            "or a financial quarter (2024/25 Q2)"
        )


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period; ordered by start date, then by length (a year before its quarters)."""

    start: date
    months: int
    label: str

    @property
    def kind(self) -> str:
        """`calendar_year`, `financial_year` or `financial_quarter`."""
        if self.months == 3:
            return "financial_quarter"
        return "financial_year" if "/" in self.label else "calendar_year"

    @property
    def is_single_year(self) -> bool:
        """A calendar or financial year: the only periods a recent trend is tested over
        (Fingertips gives none for quarters, nor for rolling or multi-year periods)."""
        return self.kind in ("calendar_year", "financial_year")


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
    raise PeriodError(text)


def sort_periods(labels: list[str]) -> list[str]:
    """Period labels in time order."""
    return [period.label for period in sorted(parse_period(label) for label in labels)]


def latest_period(labels: list[str]) -> str:
    """The most recent of some period labels."""
    return max(parse_period(label) for label in labels).label
