"""Integration: the LOIP outcome reports and partnership dashboards built by the batch, read as a
board member would get them: every section, the right numbers, no unconsented story, typed script
shown as text, nothing loaded from outside and no code."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

from pmf_kit.cli import cli
from tests.conftest import PROJECT_ROOT, SAMPLE_DATASET
from tests.html_parts import as_read, parts

pytestmark = pytest.mark.integration

INJECTED = '<script>alert("pmf")</script>'
OUTCOME_SECTIONS = ["Summary", "At a Glance", "KPI trends, targets and forecasts", "Inequalities",
                    "Case studies and personal testimonies", "Action plan progress", "Methods and sources"]
DASHBOARD_SECTIONS = ["Every outcome at a glance", "At a Glance", "Summary by outcome", "Inequalities",
                      "Is each KPI SMART?", "Risks and the improvement plan",
                      "The detail by outcome", "People live longer, healthier lives",
                      "Safer, stronger communities", "Methods and sources"]

PUBLIC = ["public-performance-report-2024-25", "inverbrackie-locality-plan-2024-25",
          "isle-of-innisbrae-locality-plan-2024-25"]
PUBLIC_SECTIONS = ["About this report", "At a Glance", "How we are doing, outcome by outcome",
                   "What we achieved this year", "Stories from our communities", "Inequalities", "Methods and sources"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The three run sets, on a copy of the sample LOIP with script typed into a story, an update and a risk."""
    root = tmp_path_factory.mktemp("loip")
    loip = root / "loip"
    shutil.copytree(PROJECT_ROOT / "data" / "loip", loip)
    story = loip / "case_studies" / "01-link-worker.md"
    story.write_text(story.read_text(encoding="utf-8") + f"\n{INJECTED}\n", encoding="utf-8")
    updates = pd.read_csv(loip / "action_updates.csv", dtype=str)
    updates.loc[(updates["action_id"] == "HL-A2") & (updates["reporting_period"] == "2024/25 Q4"),
                "commentary"] = f"Weekend cover {INJECTED}"
    updates.to_csv(loip / "action_updates.csv", index=False)
    risks = loip / "risks.yaml"
    risks.write_text(risks.read_text(encoding="utf-8").replace(
        "title: GP practices cannot release staff for anticipatory care planning",
        f"title: 'GP practices cannot release staff for anticipatory care planning {INJECTED}'"),
        encoding="utf-8")
    pages = {}
    for name, folder in (("outcomes", "outcomes"), ("dashboards", "dashboards"), ("public_reports", "public")):
        output = root / name
        text = (PROJECT_ROOT / "parameters" / "sample" / f"{name}.yaml").read_text(encoding="utf-8")
        text = (text.replace("loip: data/loip", f"loip: {loip}")
                .replace(f"output: reports/sample/{folder}", f"output: {output}")
                .replace("export_dir: reports/sample/exports", f"export_dir: {root / 'exports'}"))
        run_set = root / f"{name}.yaml"
        run_set.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(cli, ["run", str(run_set), "--jobs", "2"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        pages |= {path.stem: path.read_text(encoding="utf-8") for path in output.glob("*.html")}
    return pages, root / "exports"


def headings(html: str) -> list[str]:
    return [heading.replace("¶", "").strip() for heading in parts(html).headings]


def test_every_report_and_section(built):
    pages, _ = built
    outcomes = ["healthier-lives", "tackling-poverty", "children-and-young-people", "safer-communities"]
    dashboards = ["dashboard-2024-25-q2", "dashboard-2024-25-q4"]
    assert sorted(pages) == sorted(outcomes + dashboards + PUBLIC)
    for name in outcomes:
        assert set(OUTCOME_SECTIONS) <= set(headings(pages[name])), name
    for name in dashboards:
        assert set(DASHBOARD_SECTIONS) <= set(headings(pages[name])), name
    for name in PUBLIC:
        assert headings(pages[name])[1:] == PUBLIC_SECTIONS, name


def test_a_kpi_value_matches_values_csv_worked_by_hand(built):
    """Alcohol-related stays per 100,000, Sample Council, 2024/25: summed over every data zone."""
    pages, _ = built
    values = pd.read_csv(SAMPLE_DATASET / "values.csv", dtype={"geography_code": str, "period": str})
    rows = values[(values["indicator_id"] == "alcohol_admissions") & (values["period"] == "2024/25")
                  & values["geography_code"].str.startswith("X01")].dropna(subset=["numerator", "denominator"])
    rate = 100_000 * rows["numerator"].sum() / rows["denominator"].sum()
    assert f">2024/25: {rate:,.1f}<" in pages["healthier-lives"]
    assert f"was {rate:,.1f} per 100,000 in 2024/25" in pages["healthier-lives"]
    assert f">2024/25: {rate:,.1f}<" in pages["dashboard-2024-25-q4"]
    assert f">2024/25: {rate:,.1f}<" not in pages["dashboard-2024-25-q2"]


def test_each_outcome_names_its_lead_and_owning_partnership(built):
    pages, _ = built
    said = "Outcome lead: HSCP Chief Officer · Owned by: Health and Wellbeing Partnership"
    assert said in as_read(pages["healthier-lives"])
    dashboard = as_read(pages["dashboard-2024-25-q4"])
    assert said in dashboard and "Outcome lead: Local Police Commander · Owned by: Community Safety Partnership" in dashboard


def test_no_unconsented_story_appears(built):
    pages, _ = built
    for name, html in pages.items():
        assert "UNCONSENTED-MARKER" not in html and "NOT FOR PUBLICATION" not in html, name
    assert "A link worker helped Mrs D stay at home" in pages["healthier-lives"]


def test_typed_script_is_shown_as_text(built):
    pages, _ = built
    escaped = re.compile(r"&lt;script&gt;alert\((&quot;|\")pmf(&quot;|\")\)&lt;/script&gt;")
    for name in ("healthier-lives", "dashboard-2024-25-q4"):
        page = as_read(pages[name])  # a table may break the long payload: read it whole
        assert INJECTED not in page, name
        assert len(escaped.findall(page)) >= 2, name  # the story and the action update
    public = as_read(pages["public-performance-report-2024-25"])
    assert INJECTED not in public and len(escaped.findall(public)) == 1  # the story; it shows no update text
    assert len(escaped.findall(as_read(pages["dashboard-2024-25-q4"]))) >= 3  # and the risk's title


def test_overdue_actions_and_the_analysts_own_words(built):
    pages, _ = built
    assert ">Overdue<" in pages["healthier-lives"]
    assert "Achievements to date." in pages["safer-communities"]
    assert "drafted and extended by the analyst" in pages["safer-communities"]
    assert "Achievements to date." in pages["dashboard-2024-25-q4"]
    assert "Achievements to date." not in pages["dashboard-2024-25-q2"]  # written for Q4 only


def test_nothing_is_loaded_from_outside_and_no_code_shows(built):
    pages, _ = built
    for name, html in pages.items():
        assert parts(html).external == [], name
        assert "import pmf_kit" not in html and "loip_report.show" not in html, name
        assert 'jp-CodeCell jp-Notebook-cell"' not in html, name  # every code cell has its input hidden
        assert "Traceback" not in html and "loip_report.open_loip" not in html, name
        assert html.count("vegaEmbed(") >= (1 if name in PUBLIC else 4), name


def test_the_at_a_glance_tables_are_exported_for_excel(built):
    _, exports = built
    names = sorted(path.name for path in exports.glob("*.xlsx"))
    assert "healthier-lives-2024-25-q4-at-a-glance.xlsx" in names
    assert "partnership-dashboard-2024-25-q2-at-a-glance.xlsx" in names
    sheets = pd.read_excel(exports / "healthier-lives-2024-25-q4-at-a-glance.xlsx", sheet_name=None)
    assert list(sheets) == ["KPIs", "Actions"] and len(sheets["KPIs"]) == 8


def test_the_dashboards_smart_check_risks_and_improvement_plan(built):
    pages, _ = built
    q4, q2 = pages["dashboard-2024-25-q4"], pages["dashboard-2024-25-q2"]
    for heading in (">Heat map of open risks</h3>", ">Risks above appetite</h3>", ">Overdue reviews</h3>",
                    ">Improvement plan progress<"):
        assert heading in q4 and heading in q2, heading
    assert "11 of the 22 KPIs fail at least one rule at 2024/25 Q4." in q4
    assert ">SC03 Deliberate fires</t" in q4 and "No interim milestone between the baseline (2019/20)" in q4
    assert "The data management sheet does not say what it measures (measures)." in q4
    assert ">Extreme (16): 2 (R01, R06)</t" in q4 and ">Extreme (20): 1 (R03)</t" in q4
    assert "10 open risks." in q4
    assert ">R03 The cost of living raises demand beyond welfare rights capacity</t" in q4
    assert ">R04 Contractor capacity delays the insulation programme</t" in q4  # review overdue at Q4 ...
    assert "Every open risk was reviewed on time up to the end of 2024/25 Q2." in q2  # ... but not at Q2
    assert "2 are overdue at the end of 2024/25 Q4" in q4 and "Delayed (overdue)" in q4


def test_updates_not_received_are_marked_and_listed(built):
    """By hand from data/loip/action_updates.csv: at 2024/25 Q4 CY-A2.1 (delayed, 90% at 2024/25 Q2,
    due 31 Aug 2024) has no update; at 2024/25 Q2 every action owed one has it."""
    pages, _ = built
    q4, q2 = as_read(pages["dashboard-2024-25-q4"]), as_read(pages["dashboard-2024-25-q2"])
    assert ">Updates not received for 2024/25 Q4<" in q4
    assert ('>College Schools Partnership Manager</th><td data-label="Actions">CY-A2.1</td></tr></tbody>'
            in q4)  # the one row
    assert "Update not received (last update 2024/25 Q2: delayed) (overdue)" in q4
    assert "Update not received (last update 2024/25 Q2: delayed)" in as_read(pages["children-and-young-people"])
    assert "Every action due an update for 2024/25 Q2 has one." in q2 and "Update not received (" not in q2


def test_the_public_report_and_the_locality_hubs_reports(built):
    pages, _ = built
    public, inverbrackie = pages["public-performance-report-2024-25"], pages["inverbrackie-locality-plan-2024-25"]
    assert "<h1>Public Performance Report 2024/25</h1>" in public
    assert "<h1>Inverbrackie locality plan: annual report 2024/25</h1>" in inverbrackie
    assert "For the Inverbrackie locality hub" in inverbrackie
    for outcome in ("People live longer, healthier lives", "Tackling poverty and a fairer economy",
                    "Children and young people reach their potential", "Safer, stronger communities"):
        assert f">{outcome}</h3>" in public, outcome
    assert "Children and young people reach their potential</h3>" not in inverbrackie  # no KPI or action there
    assert ("<strong>Recorded crime</strong> (Sample Council): 26.9 per 1,000 in 2024/25, down 14.3% since "
            "2019/20. We aim for a fall to 26.0 per 1,000 by 2026/27, and we are on track.") in public
    assert ("This year partners completed 1 action for this outcome: Safe and Together training for children's "
            "services staff.") in public
    assert ">512 staff trained; refresher course planned.</t" in public
    assert "A link worker helped Mrs D stay at home" in inverbrackie
    assert "Stopping smoking with the island midwife" not in inverbrackie  # a story of the other locality
    assert "Emergency hospital admissions, Inverbrackie" in inverbrackie and "Recorded crime</td>" not in inverbrackie
    assert "Stopping smoking with the island midwife" in pages["isle-of-innisbrae-locality-plan-2024-25"]

