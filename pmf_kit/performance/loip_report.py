"""Showing LOIP performance reports in a notebook: the outcome report and the partnership dashboard.

Each `show_*` function is one notebook cell's worth of output, as in `pmf_kit.profiles.report` (whose
table, chart and heading helpers are reused), so the notebooks hold layout only. `open_loip`
gathers everything a report reads once: the register, the assessment at the reporting period,
the action plan's progress and the publishable case studies.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display

from pmf_kit.charts import wording
from pmf_kit.charts.display import markdown_to_safe_html, show_chart, show_data_warnings, show_heading, show_table, table_html
from pmf_kit.data.dataset import Dataset, open_dataset
from pmf_kit.data.escaping import html_text
from pmf_kit.data.indicators import simd_derived_note
from pmf_kit.data.naming import slugify
from pmf_kit.data.paths import from_project_root, project_path
from pmf_kit.data.periods import parse_period
from pmf_kit.errors import ConfigError
from pmf_kit.performance import narrative
from pmf_kit.performance import FORECAST_METHOD, STATUS_RULES, Performance, Register, assess, load_register
from pmf_kit.performance.actions import LOIP_PLAN, ActionPlan, action_progress, load_action_plan, updates_not_received
from pmf_kit.performance.at_a_glance import actions_at_a_glance, export_at_a_glance, kpi_at_a_glance
from pmf_kit.performance.case_studies import CaseStudy, load_case_studies, publishable
from pmf_kit.performance.chart import kpi_chart, kpi_chart_table
from pmf_kit.performance.improvement_plan import load_improvement_plan
from pmf_kit.performance.returns.kpi_commentary import with_latest_commentary
from pmf_kit.performance.inequalities import deprivation_gaps
from pmf_kit.performance.kpis import SHEET_FIELDS, Outcome
from pmf_kit.performance.risks import RiskRegister, load_risk_register
from pmf_kit.stats.disclosure import footnotes, thresholds_from_catalogue
from pmf_kit.stats.methods import methods_table
from pmf_kit.version import __version__


NOT_STATED = "Not stated (see the SMART check of the register)"


@dataclass(frozen=True)
class LoipReport:
    """What one report shows: one outcome (or all, for a dashboard) at one reporting period."""

    dataset: Dataset
    loip: Path
    register: Register
    reporting_period: str
    outcomes: list[str]
    performance: Performance
    plan: ActionPlan
    progress: pd.DataFrame
    stories: list[CaseStudy]
    risks: RiskRegister | None = None
    improvements: pd.DataFrame | None = None
    plan_name: str | None = None

    @property
    def outcome_titles(self) -> dict[str, str]:
        return {outcome.id: outcome.title for outcome in self.register.outcomes.values()}


NOT_RECEIVED_NOTE = ("Update not received: an active action owed an update for this period (started, not "
                     "complete) that has none; the status and % complete are those of its last update, named.")


def open_loip(dataset: str | Path, loip: str | Path, reporting_period: str, outcome: str | None = None,
              plan: str | None = None) -> LoipReport:
    """Load and assess a LOIP for one outcome, or every outcome when `outcome` is None; with `plan`
    (`LOIP` or a locality plan) only that plan's KPIs, actions and, for a locality plan, the stories
    of its locality, and only the outcomes the plan has KPIs or actions for."""
    data = open_dataset(dataset)
    loip = project_path(loip)
    register = with_latest_commentary(load_register(loip, data), loip, parse_period(reporting_period).label)
    if outcome is not None and outcome not in register.outcomes:
        raise ConfigError(loip / "outcomes.yaml", f"no outcome {outcome!r}; outcomes: {', '.join(register.outcomes)}")
    actions = load_action_plan(loip, register.outcomes)
    outcomes = [outcome] if outcome else list(register.outcomes)
    if plan is not None:
        outcomes = [name for name in outcomes if name in _plan_outcomes(loip, register, actions, plan)]
    performance = assess(data, register, reporting_period)
    table = performance.table
    table = table[table["outcome"].isin(outcomes) & ((table["plan"] == plan) if plan else True)].reset_index(drop=True)
    performance = Performance(performance.reporting_period, table, {k: performance.series[k] for k in table["kpi_id"]})
    progress = action_progress(actions, performance.reporting_period)
    progress = progress[progress["outcome"].isin(outcomes) & ((progress["plan"] == plan) if plan else True)]
    stories = publishable(load_case_studies(loip / "case_studies", register.outcomes),
                          period=performance.reporting_period)
    localities = {kpi.area_name for kpi in register.kpis if kpi.plan == plan} if plan not in (None, LOIP_PLAN) else None
    stories = [story for story in stories if story.outcome in outcomes
               and (localities is None or story.locality in localities)]
    improvements = load_improvement_plan(loip)
    improvement_ids = [] if improvements is None else list(improvements["improvement_id"])
    risks = load_risk_register(loip, register.outcomes, [*actions.actions["action_id"], *improvement_ids])
    return LoipReport(data, loip, register, performance.reporting_period, outcomes, performance, actions,
                      progress.reset_index(drop=True), stories, risks, improvements, plan)


def _plan_outcomes(loip: Path, register: Register, actions: ActionPlan, plan: str) -> set[str]:
    """The outcomes a plan has KPIs or actions for; an unknown plan is an error naming the known ones."""
    plans = {kpi.plan for kpi in register.kpis} | set(actions.actions["plan"])
    if plan not in plans:
        raise ConfigError(loip / "kpis.yaml", f"no plan {plan!r}; plans of the KPIs and actions: {', '.join(sorted(plans))}")
    return ({kpi.outcome for kpi in register.kpis if kpi.plan == plan}
            | set(actions.actions.loc[actions.actions["plan"] == plan, "outcome"]))


def only_outcome(report: LoipReport, outcome: str) -> LoipReport:
    """The same report narrowed to one outcome."""
    table = report.performance.table
    keep = table[table["outcome"] == outcome].reset_index(drop=True)
    performance = Performance(report.reporting_period, keep, {k: report.performance.series[k] for k in keep["kpi_id"]})
    progress = report.progress[report.progress["outcome"] == outcome].reset_index(drop=True)
    stories = [story for story in report.stories if story.outcome == outcome]
    return dataclasses.replace(report, outcomes=[outcome], performance=performance, progress=progress, stories=stories)


def _cycle(period: str) -> str:
    """Q2 is the mid-year report, Q4 the full-year one, Q1 and Q3 quarterly ones."""
    return {"2": "mid-year (Q2)", "4": "full-year (Q4)"}.get(period[-1], f"quarterly (Q{period[-1]})")


def title(report: LoipReport, what: str = "") -> tuple[str, str]:
    """(heading, subtitle): the outcome or the dashboard; the partnership (`partnership.yaml`),
    what the report is, and its period."""
    heading = (report.register.outcomes[report.outcomes[0]].title if len(report.outcomes) == 1
               else "Partnership performance dashboard")
    parts = [report.plan.partnership.name, what, f"{_cycle(report.reporting_period)} report, {report.reporting_period}"]
    return heading, " · ".join(part for part in parts if part)


def show_title(report: LoipReport, what: str = "") -> None:
    """Title block: outcome or dashboard, partnership, period, data set, date and pmf_kit version,
    and any warnings about the data set."""
    heading, subtitle = title(report, what)
    owner = _ownership(report.register.outcomes[report.outcomes[0]]) if len(report.outcomes) == 1 else ""
    display(HTML(
        f"<header class=\"pmf-title\"><h1>{html_text(heading)}</h1>"
        f"<p class=\"pmf-subtitle\">{html_text(subtitle)}</p>{owner}"
        f"<p>Data: {html_text(report.dataset.name)} · LOIP: {html_text(from_project_root(report.loip))} · "
        f"Produced {date.today():%d %B %Y} with pmf_kit {__version__}</p></header>"
    ))
    show_data_warnings(report.dataset.warnings)


def _ownership(outcome: Outcome) -> str:
    """"Outcome lead: ... · Owned by: ..." as a paragraph, or nothing when outcomes.yaml names neither."""
    said = [f"{label}: {html_text(value)}" for label, value in (("Outcome lead", outcome.lead),
                                                                 ("Owned by", outcome.partnership)) if value]
    return f"<p class=\"pmf-note\">{' · '.join(said)}</p>" if said else ""


def show_text(text: str, source: str) -> None:
    """Narrative text (escaped, then simple Markdown) and who wrote it."""
    display(HTML(f"<div class=\"pmf-narrative\">{markdown_to_safe_html(text)}"
                 f"<p class=\"pmf-note\">Text {html_text(source)}; every figure in it is one shown in this report's tables.</p></div>"))


def show_summary(report: LoipReport) -> None:
    """Each outcome's summary narrative: the draft, or the analyst's own text."""
    for outcome_id in report.outcomes:
        part = only_outcome(report, outcome_id)
        draft = narrative.outcome_summary(report.register.outcomes[outcome_id], part.performance.table,
                                          part.progress, report.reporting_period)
        text, source = narrative.with_override(draft, report.loip / "narratives", outcome_id,
                                                report.reporting_period)
        if len(report.outcomes) > 1:
            show_heading(report.register.outcomes[outcome_id].title, 3)
        show_text(text, source)


def at_a_glance_tables(report: LoipReport) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The At a Glance table of KPIs and of actions."""
    titles = report.outcome_titles
    return (kpi_at_a_glance(report.performance.table, titles), actions_at_a_glance(report.progress, titles))


def show_at_a_glance(report: LoipReport) -> None:
    """At a Glance: every KPI and every action at the reporting period, outcome by outcome."""
    thresholds = thresholds_from_catalogue(report.dataset.catalogue)
    for outcome_id in report.outcomes:
        part = only_outcome(report, outcome_id)
        kpis, actions = at_a_glance_tables(part)
        title = report.register.outcomes[outcome_id].title
        if len(report.outcomes) > 1:
            show_heading(title, 3)
        show_table(kpis.drop(columns="Outcome"), f"KPIs at a glance: {title}, {report.reporting_period}",
                   ["Status: against the trajectory to the target. Trend: last five points. Forecast: the "
                    "value expected at the target date on the recent trend, whether the target is likely to "
                    "be met and the chance it is (see Methods).",
                    *footnotes(thresholds, part.performance.table["indicator_id"])])
        show_table(actions.drop(columns="Outcome"), f"Actions at a glance: {title}, {report.reporting_period}",
                   ["Overdue: past its due date by the end of the reporting period and not complete.",
                    NOT_RECEIVED_NOTE])


def show_dashboard_overview(report: LoipReport) -> None:
    """One line per outcome: how many KPIs on track, at risk, off track, and actions overdue."""
    table = report.performance.table
    rows = []
    for outcome_id in report.outcomes:
        kpis = table[table["outcome"] == outcome_id]["status"].value_counts()
        actions = report.progress[report.progress["outcome"] == outcome_id]
        rows.append({"Outcome": report.register.outcomes[outcome_id].title, "KPIs": int(kpis.sum()),
                     "✔ On track": int(kpis.get("on track", 0)), "▲ At risk": int(kpis.get("at risk", 0)),
                     "✖ Off track": int(kpis.get("off track", 0)), "– No data": int(kpis.get("no data", 0)),
                     "Actions": len(actions), "Complete": int((actions["status"] == "complete").sum()),
                     "Overdue": int(actions["overdue"].sum()),
                     "Update not received": int(actions["not_received"].sum())})
    show_table(pd.DataFrame(rows), f"Every outcome at a glance, {report.reporting_period}")


def show_updates_not_received(report: LoipReport) -> None:
    """Who owes what: each lead with the actions whose update for the period was not received (the
    list `pmf-kit updates collect` prints to chase)."""
    owed = updates_not_received(report.progress)
    if not owed:
        display(HTML(f"<p>Every action due an update for {html_text(report.reporting_period)} has one.</p>"))
        return
    show_table(pd.DataFrame({"Action lead": [lead for lead, _ in owed],
                             "Actions": [", ".join(action_ids) for _, action_ids in owed]}),
               f"Updates not received for {report.reporting_period}", [NOT_RECEIVED_NOTE])


def show_kpi_charts(report: LoipReport) -> None:
    """Each KPI: its trend with target line and forecast, the data table, and its data management sheet."""
    for _, kpi in report.performance.table.iterrows():
        series = report.performance.series[kpi["kpi_id"]]
        own = series[(series["area_name"] == kpi["area_name"]) & series["value"].notna()]
        show_heading(f"{kpi['title']} ({kpi['plan']})", 3)
        if own.empty:
            display(HTML(f"<p class=\"pmf-note\">{html_text(kpi['title'])}: no figure for "
                         f"{html_text(kpi['area_name'])} can be shown (no data, or small counts suppressed), "
                         "so there is no trend chart.</p>"))
        else:
            show_chart(kpi_chart(series, kpi), kpi_chart_table(series, kpi), f"{kpi['title']} over time")
        show_data_sheet(report, kpi["kpi_id"])


def show_data_sheet(report: LoipReport, kpi_id: str) -> None:
    """The KPI's data management sheet, folded."""
    kpi = next(kpi for kpi in report.register.kpis if kpi.id == kpi_id)
    sheet = pd.DataFrame({"Item": ["KPI", "LOIP outcome", "Priority", "Geography", *SHEET_FIELDS.values()],
                          "Detail": [kpi.id, report.register.outcomes[kpi.outcome].title, kpi.priority,
                                     f"{report.dataset.level_label(kpi.level)}: {kpi.area_name}",
                                     *(text or NOT_STATED for text in kpi.sheet.values())]})
    display(HTML(f"<details class=\"pmf-data-sheet\"><summary>Data management sheet: {html_text(kpi.title)}</summary>"
                 f"{table_html(sheet, f'Data management sheet: {kpi.title}')}</details>"))


def show_inequalities(report: LoipReport) -> None:
    """Each outcome's note on the gap between the most and least deprived communities, and its table."""
    for outcome_id in report.outcomes:
        part = only_outcome(report, outcome_id)
        gaps = deprivation_gaps(report.dataset, part.performance)
        draft = narrative.inequalities_note(report.register.outcomes[outcome_id], gaps)
        text, source = narrative.with_override(draft, report.loip / "narratives", f"{outcome_id}-inequalities",
                                                report.reporting_period)
        if len(report.outcomes) > 1:
            show_heading(report.register.outcomes[outcome_id].title, 3)
        show_text(text, source)
        left_out = simd_derived_note(report.dataset.catalogue, part.performance.table["indicator_id"].unique())
        show_table(gap_table(gaps), f"Deprivation gaps: {report.register.outcomes[outcome_id].title}",
                   [f"{report.dataset.simd_edition} national quintiles of data zones; values summed from data zones.",
                    *([left_out] if left_out else [])])


def gap_table(gaps: pd.DataFrame) -> pd.DataFrame:
    """The deprivation gaps as the report shows them."""
    return pd.DataFrame({
        "KPI": gaps["title"], "Area": gaps["area_name"], "Period": gaps["latest_period"],
        "Most deprived fifth": [wording.format_quantity(v, u) for v, u in zip(gaps["most_deprived_value"], gaps["unit"])],
        "Least deprived fifth": [wording.format_quantity(v, u) for v, u in zip(gaps["least_deprived_value"], gaps["unit"])],
        "Gap": [wording.format_gap(abs(v), u) for v, u in zip(gaps["gap"], gaps["unit"])],
        "Gap at baseline": [f"{p}: {wording.format_gap(abs(v), u)}" for p, v, u
                            in zip(gaps["baseline_period"], gaps["baseline_gap"], gaps["unit"])],
    })


def show_case_studies(report: LoipReport) -> None:
    """Consented case studies and testimonies, their text escaped."""
    if not report.stories:
        display(HTML("<p>No case studies with consent to publish for this period.</p>"))
        return
    for story in report.stories:
        display(HTML(
            f"<article class=\"pmf-case-study\"><h3>{html_text(story.title)}</h3>"
            f"<p class=\"pmf-note\">{html_text(story.kind.capitalize())} · {html_text(story.locality)} · "
            f"{html_text(story.period)}</p>{markdown_to_safe_html(story.body)}</article>"
        ))


def show_action_plan(report: LoipReport) -> None:
    """The action plan (what, target, measures, timescale, who, with whom), then its progress."""
    progress = report.progress
    actions = [("" if high else "↳ ") + f"{action_id} {title}" for action_id, title, high
               in zip(progress["action_id"], progress["title"], progress["is_high_level"])]
    plan = pd.DataFrame({
        "Action": actions, "LOIP outcome": progress["outcome"].map(report.outcome_titles),
        "Target": progress["target"], "Measuring success": progress["measuring_success"],
        "Timescale": [f"{start:%b %Y} to {due:%b %Y}" if start else f"by {due:%b %Y}"
                      for start, due in zip(progress["start"], progress["due"])],
        "Responsibility": progress["lead"], "Collaborative working": progress["partners"],
    })
    show_table(plan, "Action plan", ["↳ marks an operational action under the high-level action above it."])
    updates = pd.DataFrame({
        "Action": actions,
        "Status": [status + (" (overdue)" if overdue else "")
                   for status, overdue in zip(progress["status_shown"], progress["overdue"])],
        "% complete": [f"{percent:.0f}%" for percent in progress["percent_complete"]],
        "Progress update from the action lead": [f"{period}: {text}" if period else "No update yet"
                                                 for period, text in zip(progress["update_period"], progress["commentary"])],
    })
    show_table(updates, f"Action plan progress at {report.reporting_period}",
               ["The latest update at or before this reporting period. Overdue: past its due date by the "
                "end of the period and not complete.", NOT_RECEIVED_NOTE])


def show_outcome_details(report: LoipReport) -> None:
    """The dashboard's detail: for each outcome, its KPIs charted and its action plan."""
    for outcome_id in report.outcomes:
        part = only_outcome(report, outcome_id)
        show_heading(report.register.outcomes[outcome_id].title, 2)
        owner = _ownership(report.register.outcomes[outcome_id])
        if owner:
            display(HTML(owner))
        show_kpi_charts(part)
        show_action_plan(part)


def export_path(report: LoipReport, export_dir: str | Path, name: str) -> Path:
    """`<export_dir>/<name>-<period>-at-a-glance.xlsx`."""
    return project_path(export_dir) / f"{slugify(name)}-{slugify(report.reporting_period)}-at-a-glance.xlsx"


def export_excel(report: LoipReport, export_dir: str | Path, name: str) -> None:
    """Write the At a Glance table to Excel and say where."""
    kpis, actions = at_a_glance_tables(report)
    path = export_at_a_glance(kpis, actions, export_path(report, export_dir, name))
    display(HTML(f"<p class=\"pmf-note\">The At a Glance table is also saved for Excel as "
                 f"<code>{html_text(str(path))}</code>.</p>"))


def show_methods(report: LoipReport, parameters: dict) -> None:
    """Appendix: the status and forecast rules, each KPI's tolerance, sources and parameters."""
    rules = {
        "Status and trend": STATUS_RULES,
        "Forecast": FORECAST_METHOD,
        "Benchmark": "Compared with the council or Scotland: better or worse when the comparator lies outside "
                     "the KPI's 95% confidence interval (ScotPHO method), else no different; not comparable "
                     "where there is no interval (counts, averages, values published without limits).",
        "Inequalities": f"Most deprived minus least deprived fifth of data zones ({report.dataset.simd_edition} "
                        "national quintiles), values summed from data zones.",
        "Small numbers": "Counts below each indicator's threshold, and any rate from them, are never shown.",
    }
    display(HTML("<h3>How status, trend and forecast are worked out</h3><dl class=\"pmf-methods\">" + "".join(
        f"<dt><strong>{html_text(rule)}</strong></dt><dd>{html_text(text)}</dd>" for rule, text in rules.items()
    ) + "</dl>"))
    tolerances = pd.DataFrame({
        "KPI": [kpi.title for kpi in report.register.kpis if kpi.outcome in report.outcomes],
        "Polarity": [kpi.polarity.replace("_", " ") for kpi in report.register.kpis if kpi.outcome in report.outcomes],
        "Tolerance (share of baseline-to-target gap)": [f"{kpi.tolerance:.0%}" for kpi in report.register.kpis
                                                        if kpi.outcome in report.outcomes],
        "Trajectory milestones": ["; ".join(f"{m.period}: {m.value:g}" for m in kpi.trajectory) or "straight line"
                                  for kpi in report.register.kpis if kpi.outcome in report.outcomes],
    })
    show_table(tolerances, "Status settings of each KPI")
    show_table(methods_table(), "Statistical methods")
    metadata = report.dataset.metadata
    facts = pd.DataFrame({"Item": ["Data set", "Licence", "LOIP folder", "Report parameters", "Made with"],
                          "Detail": [f"{report.dataset.name} ({from_project_root(report.dataset.path)})", str(metadata.get("licence", "")).strip(),
                                     from_project_root(report.loip), "; ".join(f"{key} = {value}" for key, value in parameters.items()),
                                     f"pmf_kit {__version__}"]})
    show_table(facts, "About this report")
