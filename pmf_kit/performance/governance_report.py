"""The dashboard's sections for the Board's assurance: the SMART check of the KPI register, the
risk register (heat map, risks above appetite, overdue reviews) and the improvement plan.

Each `show_*` function is one notebook cell's worth of output, laid out with the same table,
chart and heading helpers as `loip_report`, from the `LoipReport` that `loip_report.open_loip`
gathered. Text from the LOIP files is escaped by those helpers.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
from IPython.display import HTML, display

from pmf_kit.charts.display import show_chart, show_heading, show_table, table_html
from pmf_kit.data.escaping import html_text
from pmf_kit.charts.wording import count_noun, verb
from pmf_kit.performance import smart
from pmf_kit.performance.improvement_plan import improvement_progress, progress_counts
from pmf_kit.performance.loip_report import LoipReport
from pmf_kit.performance.risk_matrix import heat_map_chart, heat_map_table
from pmf_kit.performance.risks import IMPACT_WORDS, LIKELIHOOD_WORDS, Risk, above_appetite, heat_map_counts, overdue_reviews
from pmf_kit.performance.status import period_end


def _rules(rules: dict[str, str], names: dict[str, str]) -> str:
    return "<dl class=\"pmf-methods\">" + "".join(
        f"<dt><strong>{html_text(names[key])}</strong></dt><dd>{html_text(text)}</dd>" for key, text in rules.items()
    ) + "</dl>"


def _note(text: str) -> None:
    display(HTML(f"<p>{html_text(text)}</p>"))


def show_smart_check(report: LoipReport) -> None:
    """Which KPIs fail which SMART rule, each rule stated, and every KPI against every rule (folded)."""
    check = smart.check_register(report.register, report.performance)
    display(HTML("<p>Each KPI is checked against four rules:</p>" + _rules(smart.SMART_RULES, smart.RULE_NAMES)))
    failing = smart.failures(check)
    if failing.empty:
        _note(f"Every KPI passes every rule at {report.reporting_period}.")
    else:
        _note(f"{failing['kpi_id'].nunique()} of the {count_noun(check['kpi_id'].nunique(), 'KPI')} "
              f"{verb(failing['kpi_id'].nunique(), 'fails', 'fail')} at least one rule at {report.reporting_period}.")
        show_table(pd.DataFrame({"KPI": failing["kpi_id"] + " " + failing["title"], "Plan": failing["plan"],
                                 "Rule it fails": failing["rule"].map(smart.RULE_NAMES), "Why": failing["reason"]}),
                   f"KPIs failing a SMART rule, {report.reporting_period}")
    caption = f"Every KPI against every SMART rule, {report.reporting_period}"
    display(HTML(f"<details class=\"pmf-data-table\"><summary>{html_text(caption)}</summary>"
                 f"{table_html(smart.by_kpi(check), caption, ['– Cannot be checked: too few values for a forecast.'])}"
                 "</details>"))


def _outcome_risks(report: LoipReport, risks: list[Risk]) -> list[Risk]:
    """The risks that threaten one of the report's outcomes."""
    return [risk for risk in risks if set(risk.outcomes) & set(report.outcomes)]


def risk_table(report: LoipReport, risks: list[Risk]) -> pd.DataFrame:
    """Risks as the report lists them, mitigating actions with their titles."""
    titles = dict(zip(report.plan.actions["action_id"], report.plan.actions["title"]))
    if report.improvements is not None:
        titles |= dict(zip(report.improvements["improvement_id"], report.improvements["action"]))
    return pd.DataFrame({
        "Risk": [f"{risk.id} {risk.title}" for risk in risks],
        "Outcomes": ["; ".join(report.outcome_titles[outcome] for outcome in risk.outcomes) for risk in risks],
        "Owner": [risk.owner for risk in risks],
        "Score": [f"{risk.score} {risk.band}: likelihood {risk.likelihood} ({LIKELIHOOD_WORDS[risk.likelihood].lower()}) "
                  f"x impact {risk.impact} ({IMPACT_WORDS[risk.impact].lower()})" for risk in risks],
        "Controls": [risk.controls for risk in risks],
        "Mitigating actions": ["; ".join(f"{action} {titles.get(action, '')}".strip() for action in risk.mitigating_actions)
                               or "none" for risk in risks],
        "Review date": [f"{risk.review_date:%d %b %Y}" for risk in risks],
    }, columns=["Risk", "Outcomes", "Owner", "Score", "Controls", "Mitigating actions", "Review date"])


def show_risks(report: LoipReport) -> None:
    """The risk appetite, the 5 x 5 heat map of open risks, risks above appetite and overdue reviews."""
    if report.risks is None:
        _note("There is no risk register (risks.yaml) in the LOIP folder.")
        return
    register = dataclasses.replace(report.risks, risks=_outcome_risks(report, report.risks.risks))
    display(HTML(f"<p><strong>Risk appetite:</strong> a score of up to {register.appetite}. "
                 f"{html_text(register.appetite_statement)}</p>"))
    show_heading("Heat map of open risks", 3)
    cells = heat_map_counts(register)
    show_chart(heat_map_chart(cells), heat_map_table(cells), "Open risks by likelihood and impact")
    display(HTML(f"<p class=\"pmf-note\">{html_text(count_noun(len(register.open_risks), 'open risk'))}. Score = "
                 "likelihood x impact, each 1 to 5; bands as in the NPSA 5 x 5 risk matrix: 1-3 low, 4-6 moderate, "
                 "8-12 high, 15-25 extreme.</p>"))
    show_heading("Risks above appetite", 3)
    above = above_appetite(register)
    if above:
        show_table(risk_table(report, above), f"Open risks scoring more than {register.appetite}, highest first")
    else:
        _note(f"No open risk scores more than the appetite of {register.appetite}.")
    show_heading("Overdue reviews", 3)
    overdue = overdue_reviews(register, period_end(report.reporting_period))
    if overdue:
        show_table(risk_table(report, overdue), f"Open risks whose review date has passed by the end of "
                                                f"{report.reporting_period}")
    else:
        _note(f"Every open risk was reviewed on time up to the end of {report.reporting_period}.")


def show_improvement_plan(report: LoipReport) -> None:
    """The improvement plan's progress: how many actions have each status, which are overdue, the plan."""
    if report.improvements is None:
        _note("There is no improvement plan (improvement_plan.csv) in the LOIP folder.")
        return
    progress = improvement_progress(report.improvements, period_end(report.reporting_period))
    counts = progress_counts(progress)
    _note(f"Of the {count_noun(counts['total'], 'improvement action')}, {counts['complete']} "
          f"{verb(counts['complete'])} complete, {counts['on track']} on track, {counts['at risk']} at risk, "
          f"{counts['delayed']} delayed and {counts['not started']} not started; {counts['overdue']} "
          f"{verb(counts['overdue'])} overdue at the end of {report.reporting_period}.")
    show_table(pd.DataFrame({
        "Improvement": progress["improvement_id"] + " " + progress["action"], "Finding it answers": progress["finding"],
        "Owner": progress["owner"], "Due": [f"{due:%d %b %Y}" for due in progress["due"]],
        "Status": [status.capitalize() + (" (overdue)" if overdue else "")
                   for status, overdue in zip(progress["status"], progress["overdue"])],
    }), f"Improvement plan progress at {report.reporting_period}",
        ["Overdue: past its due date by the end of the reporting period and not complete."])
