"""The rules every new progress update must meet, however it arrives (a returned form, or
`pmf-kit updates add` for a late, emailed or corrected one), kept in one place so both agree.

A status from the list, % complete a whole number from 0 to 100 and no lower than last time
unless a reason is given, complete meaning 100, a date inside the period's window, a commentary
of bounded length. Each broken rule is reported through `fault(field, expected, found)`, every one
of them, so that a lead can fix a whole update at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable, Mapping

from pmf_kit.performance.actions import ACTION_STATUSES
from pmf_kit.performance.update_forms import TEXT_LIMIT, cell_text, date_window

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y")
"""Dates typed as text: ISO, or day first as in the UK."""
FIELDS = ("status", "percent_complete", "updated_on", "commentary", "reason")
"""What a new update gives; `reason` only when % complete fell since the last update."""

Fault = Callable[[str, str, object], None]


@dataclass(frozen=True)
class CheckedUpdate:
    """One action's new update, every rule met."""

    action_id: str
    status: str
    percent_complete: float
    commentary: str
    updated_by: str
    updated_on: date


@dataclass(frozen=True)
class LastUpdate:
    """The action's update before this period: its period and % complete."""

    period: str
    percent_complete: float


def check_update(values: Mapping[str, object], action_id: str, updated_by: str, period: str,
                 last: LastUpdate | None, reason_hint: str, fault: Fault) -> CheckedUpdate | None:
    """The update in `values` (keys of FIELDS) checked; None when any rule is broken, each reported.

    `reason_hint` says where a reason goes when % complete fell (a form's column, an option).
    """
    faults: list[str] = []

    def report(key: str, expected: str, found: object = None) -> None:
        faults.append(key)
        fault(key, expected, found)

    status = parse_status(values.get("status"))
    if status is None:
        report("status", f"one of {', '.join(ACTION_STATUSES)}", found_text(values.get("status")))
    percent = parse_percent(values.get("percent_complete"))
    if percent is None:
        report("percent_complete", "a whole number from 0 to 100", found_text(values.get("percent_complete")))
    updated_on = parse_date(values.get("updated_on"))
    first, last_day = date_window(period)
    if updated_on is None:
        report("updated_on", "a date such as 15/10/2025", found_text(values.get("updated_on")))
    elif not first <= updated_on <= last_day:
        report("updated_on", f"a date from {first:%d/%m/%Y} to {last_day:%d/%m/%Y} for {period}",
               f"{updated_on:%d/%m/%Y}")
    commentary = cell_text(values.get("commentary")).strip()
    reason = cell_text(values.get("reason")).strip()
    if not commentary:
        report("commentary", f"a commentary of up to {TEXT_LIMIT} characters", "a blank cell")
    for key, text in (("commentary", commentary), ("reason", reason)):
        if len(text) > TEXT_LIMIT:
            report(key, f"up to {TEXT_LIMIT} characters", f"{len(text)} characters")
    if status == "complete" and percent is not None and percent < 100:
        report("percent_complete", "100 for an action whose status is complete", found_text(percent))
    fell = percent is not None and last is not None and percent < last.percent_complete
    if fell and not reason:
        report("percent_complete", f"{last.percent_complete:g} or more (the last update, {last.period}), "
               f"or the reason it fell {reason_hint}", found_text(percent))
    if faults:
        return None
    if reason:
        commentary += (f" (Lower than the {last.percent_complete:g}% of {last.period}: {reason})" if fell
                       else f" ({reason})")
    return CheckedUpdate(action_id, status, percent, commentary, updated_by, updated_on)


def found_text(value: object) -> str:
    """What a value looked like, for a message: "a blank cell" when there was nothing."""
    return "a blank cell" if value is None or cell_text(value).strip() == "" else cell_text(value)


def parse_status(value: object) -> str | None:
    """One of ACTION_STATUSES, forgiving case and spaces; None for anything else."""
    text = " ".join(value.split()).lower() if isinstance(value, str) else None
    return text if text in ACTION_STATUSES else None


def parse_percent(value: object) -> float | None:
    """A whole number from 0 to 100, typed as a number or as text ("60")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, (int, float)) and float(value).is_integer() and 0 <= value <= 100:
        return float(value)
    return None


def parse_date(value: object) -> date | None:
    """A date cell, or a date typed as text (ISO or day first); anything else is not a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        for layout in DATE_FORMATS:
            try:
                return datetime.strptime(value.strip(), layout).date()
            except ValueError:
                continue
    return None
