"""The annual Public Performance Report across every LOIP outcome, and the annual report of each
locality plan for its locality hub: notebooks/public_performance_report.ipynb.

A year's report is the plan at the year's Q4 (`loip_report.open_loip` with `plan`), with the
stories of that year only. It reuses the At a Glance table, the inequalities note and the
case studies of the outcome reports, and adds what a resident needs: a plain-language summary per
outcome, the year's achievements, and a short account of where the figures come from. An
analyst's own words replace or extend a draft as for the other reports: `narratives/<outcome>-public.md`
and `narratives/<outcome>-achievements.md` (or with the period, `-2024-25-q4`).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display

from pmf_kit.charts import wording
from pmf_kit.charts.display import show_chart, show_heading, show_table
from pmf_kit.data.escaping import html_text
from pmf_kit.data.paths import from_project_root
from pmf_kit.data.periods import PeriodError, parse_period
from pmf_kit.errors import PmfKitError
from pmf_kit.performance import narrative
from pmf_kit.performance.actions import LOIP_PLAN
from pmf_kit.performance.chart import kpi_chart, kpi_chart_table
from pmf_kit.performance.loip_report import LoipReport, only_outcome, open_loip, show_text
from pmf_kit.version import __version__

LOCALITY_PLAN_SUFFIX = " locality plan"


def financial_year(year: str) -> str:
    """`2024/25` (or `2024-25`), normalised; anything else is an error."""
    try:
        period = parse_period(year)
    except PeriodError:
        period = None
    if period is None or period.kind != "financial_year":
        raise PmfKitError(f"year {year!r}: expected a financial year such as 2024/25")
    return period.label


def open_public_report(dataset: str | Path, loip: str | Path, year: str, plan: str = LOIP_PLAN) -> LoipReport:
    """The year's report of a plan: its KPIs and actions at the year's Q4, the year's consented stories."""
    year = financial_year(year)
    report = open_loip(dataset, loip, f"{year} Q4", plan=plan)
    start = parse_period(year).start
    stories = [story for story in report.stories if parse_period(story.period).start >= start]
    return dataclasses.replace(report, stories=stories)


def report_year(report: LoipReport) -> str:
    """The financial year of a year's report: 2024/25 Q4 → 2024/25."""
    return report.reporting_period.split()[0]


def completed_in_year(report: LoipReport) -> pd.DataFrame:
    """The report's actions first marked complete in its year (at Q2 or Q4), with the lead's words then."""
    year = report_year(report)
    updates = report.plan.updates[report.plan.updates["action_id"].isin(report.progress["action_id"])]
    complete = updates[updates["status"] == "complete"]
    complete = complete.assign(order=complete["reporting_period"].map(parse_period)).sort_values("order")
    first = complete.drop_duplicates("action_id", keep="first")
    first = first[first["reporting_period"].str.startswith(year)]
    actions = report.progress.set_index("action_id")
    return pd.DataFrame({"action_id": first["action_id"], "outcome": first["action_id"].map(actions["outcome"]),
                         "title": first["action_id"].map(actions["title"]), "commentary": first["commentary"]},
                        columns=["action_id", "outcome", "title", "commentary"]).reset_index(drop=True)


def _is_locality_plan(report: LoipReport) -> bool:
    return report.plan_name not in (None, LOIP_PLAN)


def title(report: LoipReport) -> tuple[str, str]:
    """(heading, subtitle) of a year's report."""
    year = report_year(report)
    start = parse_period(year).start
    span = f"from April {start.year} to March {start.year + 1}"
    if _is_locality_plan(report):
        hub = report.plan_name.removesuffix(LOCALITY_PLAN_SUFFIX)
        return (f"{report.plan_name[:1].upper()}{report.plan_name[1:]}: annual report {year}",
                f"For the {hub} locality hub: what the locality plan achieved {span}")
    return (f"Public Performance Report {year}",
            f"How the {report.plan.partnership.name}'s Local Outcomes Improvement Plan made a difference {span}")


def show_title(report: LoipReport) -> None:
    """Title block: the report, the year, and what made it."""
    heading, subtitle = title(report)
    display(HTML(
        f"<header class=\"pmf-title\"><h1>{html_text(heading)}</h1>"
        f"<p class=\"pmf-subtitle\">{html_text(subtitle)}</p>"
        f"<p>Produced {date.today():%d %B %Y} with pmf_kit {__version__} · Data: {html_text(report.dataset.name)}</p>"
        "</header>"))


def show_introduction(report: LoipReport) -> None:
    """What the report covers and how to read it, in plain words."""
    kpis, actions = len(report.performance.table), len(report.progress)
    subject = f"the {report.plan_name}" if _is_locality_plan(report) else "our Local Outcomes Improvement Plan"
    display(HTML(
        f"<p>This report tells you how partners did in {html_text(report_year(report))} on "
        f"{html_text(subject)}: {html_text(wording.count_noun(len(report.outcomes), 'outcome'))}, "
        f"{html_text(wording.count_noun(kpis, 'measure'))} of progress and "
        f"{html_text(wording.count_noun(actions, 'action'))}.</p>"
        "<p>Each measure has a target and a planned path to it. <strong>On track</strong> means the latest figure "
        "is where we planned it to be, or better; <strong>slightly behind</strong> (at risk) means a little short "
        "of the plan; <strong>behind</strong> (off track) means further short. Figures based on very few people "
        "are never published, so that no one can be identified.</p>"))


def show_plain_summaries(report: LoipReport) -> None:
    """For each outcome, the plain-language summary (or the analyst's own words), then each measure's
    trend towards its target, with the same figures as a table beneath."""
    for outcome_id in report.outcomes:
        part = only_outcome(report, outcome_id)
        outcome = report.register.outcomes[outcome_id]
        draft = narrative.public_summary(outcome, part.performance.table)
        text, source = narrative.with_override(draft, report.loip / "narratives", f"{outcome_id}-public",
                                                report.reporting_period)
        show_heading(outcome.title, 3)
        show_text(text, source)
        for _, kpi in part.performance.table.iterrows():
            series = part.performance.series[kpi["kpi_id"]]
            if series[(series["area_name"] == kpi["area_name"]) & series["value"].notna()].empty:
                continue
            show_chart(kpi_chart(series, kpi), kpi_chart_table(series, kpi), f"{kpi['title']} over time")


def show_achievements(report: LoipReport) -> None:
    """For each outcome, the actions completed this year (and the lead's words about each, in a table)
    and the measures on track or improving."""
    completed = completed_in_year(report)
    for outcome_id in report.outcomes:
        part = only_outcome(report, outcome_id)
        draft = narrative.achievements(completed[completed["outcome"] == outcome_id], part.performance.table)
        text, source = narrative.with_override(draft, report.loip / "narratives", f"{outcome_id}-achievements",
                                                report.reporting_period)
        show_heading(report.register.outcomes[outcome_id].title, 3)
        show_text(text, source)
        done = completed[completed["outcome"] == outcome_id]
        if not done.empty:
            show_table(pd.DataFrame({"Action completed": done["title"], "What the action lead told us": done["commentary"]}),
                       f"Actions completed in {report_year(report)}: {report.register.outcomes[outcome_id].title}")


def show_methods(report: LoipReport, parameters: dict) -> None:
    """Where the figures come from and what made the report."""
    display(HTML(
        "<p>The figures come from the data set named below, added up from small areas (data zones); a rate is "
        "always worked out from the totals, never by averaging. The planned path to each target is a straight "
        "line from the starting point through any milestones to the target. Whether a target is likely to be "
        "met is forecast from the last five figures; a forecast assumes the recent trend continues.</p>"))
    metadata = report.dataset.metadata
    show_table(pd.DataFrame({
        "Item": ["Year", "Plan", "Data set", "Licence", "Report parameters", "Made with"],
        "Detail": [report_year(report), report.plan_name or LOIP_PLAN,
                   f"{report.dataset.name} ({from_project_root(report.dataset.path)})",
                   str(metadata.get("licence", "")).strip(),
                   "; ".join(f"{key} = {value}" for key, value in parameters.items()), f"pmf_kit {__version__}"]}),
        "About this report")
