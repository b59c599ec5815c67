"""Words drafted from numbers: a summary per LOIP outcome and an inequalities note, and for the
annual Public Performance Report a plain-language summary and the year's achievements.

Drafts are Jinja2 templates (pmf_kit/templates/narrative/) filled only from the assessment,
action progress and deprivation-gap tables the At a Glance table and charts also show, so the
text never holds a number of its own; pmf_kit.charts.wording gets "a"/"an", singular/plural,
"no change" and "no data" right. An analyst can replace or extend a draft with a Markdown file in the
LOIP's `narratives/` folder (`<outcome>.md` or `<outcome>-inequalities.md` for every report, or
with the period, `<outcome>-2024-25-q4.md`, for one; optional front matter `mode: extend` adds to
the draft instead of replacing it).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import jinja2
import pandas as pd

from pmf_kit.charts import wording
from pmf_kit.performance.kpis import Outcome

TEMPLATES = Path(__file__).parents[1] / "templates" / "narrative"
PLAIN_STATUS = {"on track": "we are on track", "at risk": "we are slightly behind where we planned to be",
                "off track": "we are behind where we planned to be", "no data": "we cannot say how we are doing yet"}
"""A KPI's status in the words of a report to the public."""


def plain_change(percent: float) -> str:
    """"up 7%", "down 1.2%", "about the same" (under 0.05% either way), for readers who are not analysts."""
    if percent is None or math.isnan(percent):
        return wording.NO_DATA_WORDS
    if round(percent, 1) == 0:
        return "about the same"
    return f"{'up' if percent > 0 else 'down'} {wording.format_percent(percent)}"


def status_counts(counts: dict[str, int]) -> str:
    """"1 is on track, 1 is slightly behind where we planned to be and 3 are further behind"; a status
    no KPI has is left out, and "all 3 are on track" ("both", for two) when they share one."""
    words = {"on track": "on track", "at risk": "slightly behind where we planned to be", "off track": "further behind"}
    parts = [f"{counts[status]} {wording.verb(counts[status])} {text}" for status, text in words.items() if counts[status]]
    shared = [status for status in words if counts[status]]
    if len(shared) == 1:
        everyone = "both" if counts[shared[0]] == 2 else f"all {counts[shared[0]]}"
        return f"{everyone} are {words[shared[0]]}"
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def aim(kpi: dict) -> str:
    """What a KPI's target asks for, read through its polarity: "a fall to 9,500.0 per 100,000", "a rise to
    95.5%", "no more than 25.0 per 1,000" (a lower-is-better target above the baseline), "at least 90.0%",
    "keeping it at 3.0%"."""
    target, baseline = kpi["target_value"], kpi["baseline_value"]
    words = wording.format_quantity(target, kpi["unit"])
    if baseline is None or math.isnan(baseline):
        return words
    if target == baseline:
        return f"keeping it at {words}"
    lower_is_better = kpi["polarity"] == "lower_is_better"
    if (target < baseline) == lower_is_better:
        return f"{'a fall' if lower_is_better else 'a rise'} to {words}"
    return f"{'no more than' if lower_is_better else 'at least'} {words}"


def _period_slug(period: str) -> str:
    """`2024/25 Q4` → `2024-25-q4`, as in report file names."""
    return re.sub(r"[^a-z0-9]+", "-", period.lower()).strip("-")


def _environment() -> jinja2.Environment:
    """The drafting environment (pmf_kit.charts.wording) with the public report's words added."""
    environment = wording.drafting_environment(TEMPLATES)
    environment.filters.update(plain_change=plain_change, aim=aim)
    environment.globals.update(status_counts=status_counts)
    return environment


def outcome_summary(outcome: Outcome, assessment: pd.DataFrame, progress: pd.DataFrame, reporting_period: str) -> str:
    """The drafted summary of one outcome: KPI positions, each KPI in a sentence, action progress."""
    statuses = assessment["status"].value_counts()
    text = _environment().get_template("outcome_summary.md.j2").render(
        outcome=outcome, period=reporting_period, kpis=assessment.to_dict("records"),
        counts={status: int(statuses.get(status, 0)) for status in ("on track", "at risk", "off track", "no data")},
        actions=len(progress), complete=int((progress["status"] == "complete").sum()),
        overdue=int(progress["overdue"].sum()),
        overdue_titles=list(progress.loc[progress["overdue"], "title"]),
    )
    return wording.tidy(text)


def inequalities_note(outcome: Outcome, gaps: pd.DataFrame) -> str:
    """The drafted note on the gap between the most and least deprived communities."""
    text = _environment().get_template("inequalities.md.j2").render(outcome=outcome, gaps=gaps.to_dict("records"))
    return wording.tidy(text)


def public_summary(outcome: Outcome, assessment: pd.DataFrame) -> str:
    """The plain-language summary of one outcome for the Public Performance Report."""
    statuses = assessment["status"].value_counts()
    text = _environment().get_template("public_summary.md.j2").render(
        outcome=outcome, kpis=assessment.to_dict("records"), plain_status=PLAIN_STATUS,
        counts={status: int(statuses.get(status, 0)) for status in PLAIN_STATUS},
    )
    return wording.tidy(text)


def achievements(completed: pd.DataFrame, assessment: pd.DataFrame) -> str:
    """The year's achievements of one outcome: the actions completed in it and the KPIs on track or improving."""
    improving = assessment[(assessment["status"] == "on track") | (assessment["trend"] == "improving")]
    text = _environment().get_template("achievements.md.j2").render(
        completed=completed.to_dict("records"), improving=list(improving["title"]))
    return wording.tidy(text)


def with_override(
    draft: str, folder: str | Path | None, name: str, reporting_period: str | None = None
) -> tuple[str, str]:
    """(text, source): the analyst's `<name>-<period>.md` or `<name>.md` instead of the draft, or added to it."""
    for_period = [f"{name}-{_period_slug(reporting_period)}"] if reporting_period else []
    return wording.with_override(draft, folder, [*for_period, name])
