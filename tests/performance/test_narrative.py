"""LOIP drafts built only from the tables, and the analyst's own text in their place."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pmf_kit.performance.kpis import Outcome
from pmf_kit.performance.narrative import (
    achievements, aim, inequalities_note, outcome_summary, plain_change, public_summary, status_counts, with_override,
)

OUTCOME = Outcome("safer", "Safer communities", "", ("Reducing crime",))
PUBLIC_OUTCOME = Outcome("safer", "Safer communities", "People are safe in their homes.", ("Reducing crime",))


def kpi_row(**changes) -> dict:
    row = dict(title="Recorded crime", area_name="Sample Council", unit="rate_per_1000", latest_period="2024/25",
               latest_value=26.89, baseline_period="2019/20", baseline_value=31.36,
               change_since_baseline_percent=100 * (26.89 / 31.36 - 1), status="on track",
               target_value=26.0, target_period="2026/27", forecast_statement="likely to be met",
               polarity="lower_is_better")
    return row | changes


def progress(statuses: list[str], overdue: list[bool]) -> pd.DataFrame:
    return pd.DataFrame({"status": statuses, "overdue": overdue, "title": [f"Action {i}" for i in range(len(statuses))]})


def test_summary_takes_every_number_from_the_table():
    table = pd.DataFrame([kpi_row()])
    text = outcome_summary(OUTCOME, table, progress(["complete", "on track"], [False, True]), "2024/25 Q4")
    assert "1 KPI measures progress" in text
    assert "1 is on track, 0 are at risk and 0 are off track" in text
    assert "was 26.9 per 1,000 in 2024/25, a 14.3% fall from the 2019/20 baseline of 31.4 per 1,000" in text
    assert "target of 26.0 per 1,000 by 2026/27" in text and "the target is likely to be met" in text
    assert "Of the 2 actions in the action plan, 1 is complete and 1 is overdue (Action 1)" in text


def test_summary_plural_no_change_and_no_data():
    table = pd.DataFrame([
        kpi_row(status="off track", forecast_statement="uncertain"),
        kpi_row(title="Fires", latest_value=30.0, baseline_value=30.0, change_since_baseline_percent=0.0, status="off track"),
        kpi_row(title="Island", latest_value=math.nan, change_since_baseline_percent=math.nan, status="no data",
                forecast_statement="cannot be forecast"),
    ])
    text = outcome_summary(OUTCOME, table, progress([], []), "2024/25 Q2")
    assert "3 KPIs measure progress" in text
    assert "Of the 2 KPIs with data, 0 are on track, 0 are at risk and 2 are off track" in text
    assert "1 KPI has no data for the latest period" in text
    assert "it is uncertain whether the target will be met" in text
    assert "no change from the 2019/20 baseline" in text and "0% " not in text and "0.0%" not in text
    assert "**Island** (Sample Council): no data for 2024/25" in text
    assert "There are no actions for this outcome" in text


def test_inequalities_note_widening_and_no_data():
    gaps = pd.DataFrame([
        dict(title="Smoking in pregnancy", area_name="Sample Council", unit="percent", simd_edition="SIMD 2020",
             latest_period="2024/25", most_deprived_value=19.1, least_deprived_value=5.2, gap=13.9,
             baseline_period="2019/20", baseline_gap=12.0),
        dict(title="Island", area_name="Isle", unit="percent", simd_edition="SIMD 2020", latest_period="2024/25",
             most_deprived_value=math.nan, least_deprived_value=math.nan, gap=math.nan,
             baseline_period="2019/20", baseline_gap=math.nan),
    ])
    text = inequalities_note(OUTCOME, gaps)
    assert "a gap of 13.9 percentage points" in text
    assert "The gap has widened since 2019/20, when it was 12.0 percentage points" in text
    assert "**Island** (Isle): no data for the gap in 2024/25" in text


def test_an_analyst_text_replaces_or_extends_the_draft(tmp_path):
    assert with_override("Draft.", tmp_path, "safer") == ("Draft.", "drafted")
    (tmp_path / "safer.md").write_text("Our own words.\n", encoding="utf-8")
    assert with_override("Draft.", tmp_path, "safer") == ("Our own words.", "written by the analyst")
    (tmp_path / "safer.md").write_text("---\nmode: extend\n---\nMore context.\n", encoding="utf-8")
    assert with_override("Draft.", tmp_path, "safer") == ("Draft.\n\nMore context.", "drafted and extended by the analyst")


def test_an_analyst_text_for_one_period_comes_first(tmp_path):
    (tmp_path / "safer.md").write_text("Every period.", encoding="utf-8")
    (tmp_path / "safer-2024-25-q4.md").write_text("Only Q4.", encoding="utf-8")
    assert with_override("Draft.", tmp_path, "safer", "2024/25 Q4")[0] == "Only Q4."
    assert with_override("Draft.", tmp_path, "safer", "2024/25 Q2")[0] == "Every period."


@pytest.mark.parametrize(("percent", "words"), [(6.9, "up 6.9%"), (-14.3, "down 14.3%"), (8.0, "up 8%"),
                                                (0.04, "about the same"), (math.nan, "no data")])
def test_plain_change(percent, words):
    assert plain_change(percent) == words


@pytest.mark.parametrize(("counts", "words"), [
    ({"on track": 1, "at risk": 1, "off track": 3}, "1 is on track, 1 is slightly behind where we planned to be and "
                                                    "3 are further behind"),
    ({"on track": 1, "at risk": 0, "off track": 2}, "1 is on track and 2 are further behind"),
    ({"on track": 0, "at risk": 2, "off track": 0}, "both are slightly behind where we planned to be"),
    ({"on track": 4, "at risk": 0, "off track": 0}, "all 4 are on track"),
])
def test_status_counts_in_plain_words(counts, words):
    assert status_counts(counts) == words


def test_what_a_target_aims_for():
    assert aim(kpi_row()) == "a fall to 26.0 per 1,000"                           # baseline 31.36
    assert aim(kpi_row(target_value=35.0)) == "no more than 35.0 per 1,000"       # a rise allowed, but capped
    assert aim(kpi_row(target_value=31.36)) == "keeping it at 31.4 per 1,000"
    assert aim(kpi_row(polarity="higher_is_better", target_value=35.0)) == "a rise to 35.0 per 1,000"
    assert aim(kpi_row(polarity="higher_is_better")) == "at least 26.0 per 1,000"


def test_public_summary_in_plain_words():
    table = pd.DataFrame([
        kpi_row(),
        kpi_row(title="Fires", latest_value=30.0, change_since_baseline_percent=-4.34, status="off track"),
        kpi_row(title="Island", latest_value=math.nan, change_since_baseline_percent=math.nan, status="no data"),
    ])
    text = public_summary(PUBLIC_OUTCOME, table)
    assert text.startswith("People are safe in their homes.\n\nWe follow 3 measures of progress towards this outcome. "
                           "Of the 2 we can report on, 1 is on track and 1 is further behind. For 1 we cannot publish "
                           "a figure yet.")
    assert ("**Recorded crime** (Sample Council): 26.9 per 1,000 in 2024/25, down 14.3% since 2019/20. We aim for a "
            "fall to 26.0 per 1,000 by 2026/27, and we are on track.") in text
    assert "**Fires** (Sample Council): 30.0 per 1,000 in 2024/25, down 4.3% since 2019/20." in text
    assert "and we are behind where we planned to be." in text
    assert "**Island** (Sample Council): we cannot publish a figure for 2024/25" in text


def test_achievements_of_the_year():
    table = pd.DataFrame([kpi_row(), kpi_row(title="Fires", status="off track", trend="improving"),
                          kpi_row(title="Assaults", status="off track", trend="worsening")]).assign(
        trend=["no change", "improving", "worsening"])
    done = pd.DataFrame({"title": ["Hub open", "Patrols"], "commentary": ["Open five days", ""]})
    text = achievements(done, table)
    assert text == ("This year partners completed 2 actions for this outcome: Hub open; Patrols.\n\n"
                    "2 measures are on track or improving: Recorded crime; Fires.")
    assert achievements(done.iloc[:0], table.iloc[2:]) == "No action for this outcome was completed this year."
