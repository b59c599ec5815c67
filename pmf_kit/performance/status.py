"""Status of a KPI at a reporting period: on track / at risk / off track / no data, and its trend.

The rules (written out for the report's appendix in STATUS_RULES):

- The expected value at a period is read off the KPI's trajectory: straight lines from the
  baseline through any interim milestones to the target, by period start date; before the
  baseline it is the baseline, after the target it is the target.
- shortfall = expected - latest when higher is better, latest - expected when lower is better.
- on track: shortfall <= 0 (at or better than the trajectory);
  at risk: 0 < shortfall <= tolerance x |target - baseline| (tolerance per KPI, default 5%);
  off track: beyond that; no data: no value for the latest period due, or no figure for the
  baseline (a trajectory from nothing rates nothing).
  When target and baseline are equal (a "maintain" target) the allowance is tolerance x |baseline|.
- Trend: the Fingertips recent trend of the last five points (`pmf_kit.stats.recent_trend`),
  read through the KPI's polarity: improving / no change / worsening, or not calculated.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Sequence

import numpy as np

from pmf_kit.data.periods import parse_period
from pmf_kit.performance.kpis import Milestone
from pmf_kit.stats import RecentTrend

STATUSES = ("on track", "at risk", "off track", "no data")
TRENDS = ("improving", "no change", "worsening", "not calculated")

STATUS_RULES = (
    "Status compares the latest value with the value expected at that period on the KPI's "
    "trajectory: a straight line from the baseline through any interim milestones to the target. "
    "On track: at or better than the trajectory. At risk: worse, but by no more than the KPI's "
    "tolerance (5% of the gap between baseline and target unless the KPI sets its own). Off "
    "track: worse by more than that. No data: no value (or a value suppressed to protect "
    "confidentiality) for the latest period due, or no figure for the baseline. \"Better\" follows "
    "the KPI's polarity. "
    "Trend is the recent trend of the last five points (Fingertips method, p < 0.002: for a "
    "percentage the chi-square test for trend, its direction from the slope of logit(p); for a "
    "rate or any other value the regression of the value on time weighted by its 95% confidence "
    "interval; the direction must hold when each point is left out): improving, no change or "
    "worsening; not calculated for counts (no interval), values without limits, quarterly or "
    "multi-year periods, or fewer than five points."
)


def period_start_year(period: str) -> float:
    """A period's start as a decimal year: 2024/25 → 2024.25 (1 April), 2024 → 2024.0."""
    start = parse_period(period).start
    return start.year + (start.month - 1) / 12


def period_end(period: str) -> date:
    """The first day after a period: 2024/25 Q2 → 2024-10-01, 2024 → 2025-01-01."""
    parsed = parse_period(period)
    months = parsed.start.month - 1 + parsed.months
    return date(parsed.start.year + months // 12, months % 12 + 1, 1)


def expected_value(milestones: Sequence[Milestone], period: str) -> float:
    """The value the trajectory through `milestones` (baseline first, target last) expects at `period`."""
    years = [period_start_year(milestone.period) for milestone in milestones]
    values = [milestone.value for milestone in milestones]
    return float(np.interp(period_start_year(period), years, values))


def kpi_status(
    latest: float | None, expected: float, baseline: float, target: float, polarity: str,
    tolerance: float,
) -> str:
    """On track / at risk / off track / no data, by the rules in this module's docstring."""
    if latest is None or math.isnan(latest) or math.isnan(expected) or math.isnan(baseline):
        return "no data"
    shortfall = expected - latest if polarity == "higher_is_better" else latest - expected
    gap = abs(target - baseline) or abs(baseline)
    if shortfall <= 0:
        return "on track"
    return "at risk" if shortfall <= tolerance * gap else "off track"


def trend_label(trend: RecentTrend) -> str:
    """A recent trend in the words of a LOIP dashboard."""
    if trend.assessment in ("improving", "worsening"):
        return trend.assessment
    if trend.assessment == "no significant change":
        return "no change"
    return "not calculated"
