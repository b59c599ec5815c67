"""`pmf-kit run RUNSET --period "2025/26 Q3"`: one reporting period for a whole LOIP run set.

A new quarter then needs no run-set edit. With `--period`, every report of a run set whose
notebook takes a `reporting_period` is made for that period: the period replaces the run set's
shared `reporting_period` and each listed report's own. `--period latest` is the latest reporting
period of the partnership (`partnership.yaml` in the run set's `loip` folder) that has ended by
today. A report name may hold `{period}`, filled with the report's period (`Dashboard {period}`
→ "Dashboard 2025/26 Q3", file dashboard-2025-26-q3.html), so each period keeps its own file;
listed reports that the override makes the same (same name, same parameters) are made once.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from pmf_kit.batch.run_parameters import REPORTING_PERIOD
from pmf_kit.data.paths import project_path
from pmf_kit.data.periods import PeriodError, parse_period
from pmf_kit.errors import ConfigError, PmfKitError
from pmf_kit.performance.partnership import PARTNERSHIP_FILE, Partnership, load_partnership

LATEST = "latest"
PERIOD_PLACEHOLDER = "{period}"


def partnership_of(loip: Any) -> Partnership:
    """The partnership of a `loip` parameter; the defaults when it names no folder."""
    return load_partnership(loip) if isinstance(loip, str) and loip.strip() else Partnership()


def reporting_quarters(loip: Any) -> tuple[int, ...]:
    """The reporting quarters of the partnership of a `loip` parameter."""
    return partnership_of(loip).reporting_quarters


def override_period(
    run_set: Path, shared: dict[str, Any], reports: Any, loip: Any, period: str, today: datetime.date,
) -> tuple[dict[str, Any], Any, str]:
    """The shared parameters and the listed reports with `period` in place of every
    `reporting_period`, and a note saying which period was used."""
    partnership, latest = partnership_of(loip), period.strip().lower() == LATEST
    try:
        label = partnership.latest_due(today) if latest else partnership.reporting_period(period)
    except PmfKitError as error:
        raise ConfigError(run_set, f"--period: {error} ({_quarters_from(loip)})") from error
    if isinstance(reports, list):
        reports = [
            {**entry, "parameters": {key: value for key, value in entry["parameters"].items() if key != REPORTING_PERIOD}}
            if isinstance(entry, dict) and isinstance(entry.get("parameters"), dict) else entry
            for entry in reports
        ]
    chosen = f"{label} (the latest reporting period ended by {today:%d %B %Y})" if latest else label
    return {**shared, REPORTING_PERIOD: label}, reports, f"every report for {chosen} (--period)"


def _quarters_from(loip: Any) -> str:
    """Where the reporting quarters came from, for an error message."""
    if isinstance(loip, str) and (project_path(loip) / PARTNERSHIP_FILE).is_file():
        return f"the reporting quarters of {loip}/{PARTNERSHIP_FILE}"
    return f"the default reporting quarters: {loip} has no {PARTNERSHIP_FILE}" if isinstance(loip, str) \
        else "the default reporting quarters"


def fill_period(run_set: Path, where: str, name: str, parameters: dict[str, Any]) -> str:
    """A report name with `{period}` replaced by the report's reporting period."""
    if PERIOD_PLACEHOLDER not in name:
        return name
    try:
        label = parse_period(parameters[REPORTING_PERIOD]).label
    except (KeyError, PeriodError):
        raise ConfigError(run_set, f"{where}.name: {PERIOD_PLACEHOLDER} needs the report's reporting_period "
                                   f"parameter, such as 2024/25 Q4") from None
    return name.replace(PERIOD_PLACEHOLDER, label)


def once_each(named: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    """Reports with the same name and parameters made once (the override can make two listed
    reports, say Q2 and Q4, the same)."""
    kept: list[tuple[str, dict[str, Any]]] = []
    for label, parameters in named:
        if (label, parameters) not in kept:
            kept.append((label, parameters))
    return kept
