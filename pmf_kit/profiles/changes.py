"""An area's change between two periods of one indicator, like for like only.

A change is worked out only between two figures of one definition over the same data zones:
periods of the same kind (calendar with calendar, financial with financial), never across a
series break the catalogue records (a method change: SIMD 2020's travel times, Universal Credit),
never between overlapping rolling aggregates, and never where either figure is missing, hidden or
built from fewer data zones than the area has. Where a source hid some counts, both figures are
ranges and so is the change (stats.bounds): from the lowest now minus the highest then, to the
highest now minus the lowest then. Otherwise the reason there is none is given, for the report to
say.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import dataclass

import pandas as pd

from pmf_kit.data.catalogue_fields import break_between, parse_series_breaks
from pmf_kit.data.periods import parse_period
from pmf_kit.stats.bounds import difference_range

if TYPE_CHECKING:
    from pmf_kit.profiles.profile import LocalityProfile

OVERLAPPING = "rolling aggregates overlap"
NO_EARLIER = "no earlier figure of the same kind"
MISSING = "a figure is missing or hidden"
OTHER_KIND = "the earlier figure is for a period of another kind (a financial year beside a calendar year)"
FEWER_ZONES = "a figure is built from fewer of the area's data zones than the other"


@dataclass(frozen=True)
class Change:
    """`low` to `high` (equal when exact) since the period `since` (its values row), or no change
    and the `reason` (a series break's own reason where that is why)."""

    since: pd.Series | None
    low: float = float("nan")
    high: float = float("nan")
    reason: str = ""

    @property
    def shown(self) -> bool:
        return self.since is not None and not self.reason


def change(profile: LocalityProfile, indicator_id: str, period: str | None) -> Change:
    """This area's change at `period` since its earliest comparable period (see module docstring)."""
    return profile.remembered(("change", indicator_id, period), lambda: _change(profile, indicator_id, period))


def _change(profile: LocalityProfile, indicator_id: str, period: str | None) -> Change:
    if period is None:
        return Change(None, reason=MISSING)
    now_period = parse_period(period)
    if now_period.is_multi_year:
        return Change(None, reason=OVERLAPPING)
    rows = profile.indicator_values(indicator_id)
    rows = rows[rows["geography_code"] == profile.area.code].set_index("period", drop=False)
    breaks = str(profile.dataset.catalogue.loc[indicator_id, "series_breaks"])
    before = sorted(parse_period(label) for label in rows.index if parse_period(label) < now_period)
    earlier = [then for then in before if then.kind == now_period.kind]
    if not earlier:
        found = break_between(breaks, before[0].label, period) if before else None
        return Change(None, reason=found.reason if found else (OTHER_KIND if before else NO_EARLIER))
    comparable = [then for then in earlier if break_between(breaks, then.label, period) is None]
    if not comparable:
        return Change(None, reason=break_between(breaks, earlier[-1].label, period).reason)
    now, then = rows.loc[period], rows.loc[comparable[0].label]
    if any(row["suppressed"] or pd.isna(row["value"]) for row in (now, then)):
        return Change(then, reason=MISSING)
    if any(_short(row) for row in (now, then)):
        return Change(then, reason=FEWER_ZONES)
    low, high = difference_range(now["value_low"], now["value_high"], then["value_low"], then["value_high"])
    return Change(then, float(low), float(high))


def _short(row: pd.Series) -> bool:
    """Whether an aggregated figure left out data zones with no figure at all (not bounded)."""
    reporting, expected = row.get("datazones_reporting"), row.get("datazones_expected")
    return pd.notna(reporting) and pd.notna(expected) and int(reporting) < int(expected)


def breaks_of(profile: LocalityProfile, indicator_id: str) -> list[str]:
    """The catalogue's series breaks of an indicator, as "PERIOD: reason" lines."""
    return [f"{found.period}: {found.reason}"
            for found in parse_series_breaks(str(profile.dataset.catalogue.loc[indicator_id, "series_breaks"]))]
