"""Is each KPI of the register SMART? Four rules, each stated in SMART_RULES and checked per KPI.

- Specific: the data management sheet says what the KPI measures and how it is calculated (its
  definition).
- Measurable: the KPI's indicator has a published figure for the KPI's area by the reporting
  period (not missing, not suppressed), and the sheet names the data source and who is
  responsible (the owner).
- Achievable and realistic: the target lies inside the 95% prediction interval of the KPI's
  forecast at the target date (`forecast.linear_forecast`, as the reports show it): reachable on
  the recent trend, and not already beaten by it. With too few values for a forecast the rule
  cannot be checked.
- Time-bound: a target date after the baseline (the register insists on one) and at least one
  interim milestone on the trajectory to it.

Everything is read from the register and the assessment (`assessment.assess`), so the check says
what the reports show.
"""

from __future__ import annotations

import math

import pandas as pd

from pathlib import Path

from pmf_kit.charts.display import format_value
from pmf_kit.data.dataset import open_dataset
from pmf_kit.performance.assessment import Performance, assess
from pmf_kit.performance.kpis import KPI, Register, load_register

RULES = ("specific", "measurable", "achievable", "time_bound")
RULE_NAMES = {"specific": "Specific", "measurable": "Measurable", "achievable": "Achievable and realistic",
              "time_bound": "Time-bound"}
SMART_RULES = {
    "specific": "The KPI's data management sheet says what it measures and how it is calculated (its definition).",
    "measurable": "The KPI's indicator has a published figure for the KPI's area by the reporting period (not "
                  "missing, not suppressed to protect confidentiality) and for its baseline period (or kpis.yaml "
                  "gives the baseline value), and the sheet names where the data comes from and who is "
                  "responsible for it (its owner).",
    "achievable": "The target lies inside the 95% prediction interval of the KPI's forecast at the target date (a "
                  "straight line through the last five values): reachable on the recent trend, and not already "
                  "beaten by it. With fewer than three values there is no forecast and the rule cannot be checked.",
    "time_bound": "The KPI has a target date after its baseline, and at least one interim milestone on the "
                  "trajectory from the baseline to the target.",
}
PASSES, FAILS, NOT_CHECKED = "passes", "fails", "cannot be checked"
RESULT_SYMBOLS = {PASSES: "✔ Passes", FAILS: "✖ Fails", NOT_CHECKED: "– Cannot be checked"}
"""A result with a shape as well as a word, so it reads without colour."""

CHECK_COLUMNS = ["kpi_id", "title", "plan", "rule", "result", "reason"]


def check_register(register: Register, performance: Performance) -> pd.DataFrame:
    """One row per KPI and rule: `result` (passes / fails / cannot be checked) and the `reason`."""
    assessed = performance.table.set_index("kpi_id")
    rows = []
    for kpi in register.kpis:
        if kpi.id not in assessed.index:
            continue
        row, series = assessed.loc[kpi.id], performance.series[kpi.id]
        checks = {"specific": specific(kpi), "measurable": measurable(kpi, series, performance.reporting_period),
                  "achievable": achievable(row), "time_bound": time_bound(kpi)}
        rows += [[kpi.id, kpi.title, kpi.plan, rule, *checks[rule]] for rule in RULES]
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


def check_loip(dataset: str | Path, loip: str | Path, reporting_period: str) -> pd.DataFrame:
    """The SMART check of a LOIP folder's register against its data set at a reporting period."""
    data = open_dataset(dataset)
    register = load_register(loip, data)
    return check_register(register, assess(data, register, reporting_period))


def report_lines(check: pd.DataFrame, reporting_period: str) -> list[str]:
    """The check in words: a summary, the rules, then each failing (or uncheckable) rule by KPI."""
    failing = failures(check)
    unchecked = check[check["result"] == NOT_CHECKED]
    lines = [f"SMART check at {reporting_period}: {check['kpi_id'].nunique()} KPIs, "
             f"{failing['kpi_id'].nunique()} failing at least one rule", "", "The rules:"]
    lines += [f"  {RULE_NAMES[rule]}: {SMART_RULES[rule]}" for rule in RULES]
    for title, rows, symbol in (("Failing", failing, "✖"), ("Cannot be checked", unchecked, "–")):
        if rows.empty:
            continue
        lines += ["", f"{title}:"]
        for kpi_id, kpi_rows in rows.groupby("kpi_id", sort=False):
            lines.append(f"  {kpi_id} {kpi_rows['title'].iloc[0]} ({kpi_rows['plan'].iloc[0]})")
            lines += [f"    {symbol} {RULE_NAMES[rule]}: {reason}" for rule, reason in zip(kpi_rows["rule"], kpi_rows["reason"])]
    return lines


def failures(check: pd.DataFrame) -> pd.DataFrame:
    """Only the rules a KPI fails."""
    return check[check["result"] == FAILS].reset_index(drop=True)


def specific(kpi: KPI) -> tuple[str, str]:
    """What it measures and how it is calculated, both on the data management sheet."""
    missing = [words for field, words in (("measures", "what it measures (measures)"),
                                          ("calculation", "how it is calculated (calculation)"))
               if not kpi.sheet.get(field)]
    if missing:
        return FAILS, f"The data management sheet does not say {' or '.join(missing)}."
    return PASSES, "The sheet says what it measures and how it is calculated."


def measurable(kpi: KPI, series: pd.DataFrame, reporting_period: str) -> tuple[str, str]:
    """A published figure for the KPI's area, a data source and an owner."""
    own = series[(series["area_code"] == kpi.area) & series["value"].notna()]
    problems = []
    if kpi.baseline_value is None and not (own["period"] == kpi.baseline_period).any():
        problems.append(f"the baseline period {kpi.baseline_period} has no published figure for {kpi.area_name}, "
                        "and kpis.yaml gives no baseline value, so the KPI gets no status")
    if own.empty:
        problems.append(f"no figure for {kpi.area_name} up to {reporting_period} can be published (no data, or "
                        "every count below the suppression threshold)")
    problems += [words for field, words in (("data_source", "the sheet does not say where the data comes from "
                                                            "(data_source)"),
                                            ("responsible", "the sheet does not say who is responsible (responsible)"))
                 if not kpi.sheet.get(field)]
    if problems:
        text = "; ".join(problems)
        return FAILS, text[0].upper() + text[1:] + "."
    return PASSES, f"{len(own)} published figures; source and owner named."


def achievable(row: pd.Series) -> tuple[str, str]:
    """The target inside the forecast's 95% prediction interval at the target date."""
    if math.isnan(row["forecast_value"]):
        return NOT_CHECKED, "Too few published values to forecast the target date."
    unit, target = row["unit"], row["target_value"]
    interval = (f"{format_value(row['forecast_lower'], unit)} to {format_value(row['forecast_upper'], unit)} "
                f"in {row['target_period']}")
    if row["forecast_lower"] <= target <= row["forecast_upper"]:
        return PASSES, f"The target {format_value(target, unit)} is inside the 95% prediction interval ({interval})."
    better_than_interval = (target > row["forecast_upper"]) == (row["polarity"] == "higher_is_better")
    if better_than_interval:
        return FAILS, (f"The target {format_value(target, unit)} is better than the whole 95% prediction interval "
                       f"({interval}): not reachable on the recent trend.")
    return FAILS, (f"The target {format_value(target, unit)} is worse than the whole 95% prediction interval "
                   f"({interval}): the recent trend is expected to beat it, so it asks for nothing beyond the trend.")


def time_bound(kpi: KPI) -> tuple[str, str]:
    """A target date, and interim milestones on the way to it."""
    if not kpi.trajectory:
        return FAILS, (f"No interim milestone between the baseline ({kpi.baseline_period}) and the target date "
                       f"({kpi.target.period}).")
    milestones = ", ".join(milestone.period for milestone in kpi.trajectory)
    return PASSES, f"Target date {kpi.target.period}; milestones {milestones}."


def by_kpi(check: pd.DataFrame) -> pd.DataFrame:
    """One row per KPI, a column per rule, each result with its symbol: the dashboard's table."""
    wide = check.pivot(index="kpi_id", columns="rule", values="result").reindex(columns=list(RULES))
    order = list(dict.fromkeys(check["kpi_id"]))
    titles = check.drop_duplicates("kpi_id").set_index("kpi_id")
    table = pd.DataFrame({"KPI": [f"{kpi_id} {titles.loc[kpi_id, 'title']}" for kpi_id in order],
                          "Plan": [titles.loc[kpi_id, "plan"] for kpi_id in order]})
    for rule in RULES:
        table[RULE_NAMES[rule]] = [RESULT_SYMBOLS[wide.loc[kpi_id, rule]] for kpi_id in order]
    return table
