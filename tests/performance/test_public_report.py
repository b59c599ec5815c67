"""The annual reports: the year's plan, its stories and completed actions, worked from the sample
files by hand; titles for the public and for a locality hub."""

from __future__ import annotations

import re

import pytest

from pmf_kit.errors import ConfigError, PmfKitError
from pmf_kit.performance.public_report import completed_in_year, financial_year, open_public_report, title
from tests.conftest import PROJECT_ROOT, SAMPLE_DATASET

LOIP = PROJECT_ROOT / "data" / "loip"


@pytest.fixture(scope="module")
def public():
    return open_public_report(SAMPLE_DATASET, LOIP, "2024-25")


@pytest.fixture(scope="module")
def inverbrackie():
    return open_public_report(SAMPLE_DATASET, LOIP, "2024/25", "Inverbrackie locality plan")


def test_a_financial_year_is_needed():
    assert financial_year("2024-25") == "2024/25"
    for wrong in ("2024", "2024/25 Q4", "last year"):
        with pytest.raises(PmfKitError, match="a financial year such as 2024/25"):
            financial_year(wrong)


def test_the_public_report_covers_every_outcome_of_the_loip(public):
    assert public.reporting_period == "2024/25 Q4" and public.plan_name == "LOIP"
    assert public.outcomes == ["healthier_lives", "tackling_poverty", "children_young_people", "safer_communities"]
    assert len(public.performance.table) == 17 and set(public.performance.table["plan"]) == {"LOIP"}
    assert not public.progress["action_id"].isin(["HL-A1.2", "TP-A2.2", "SC-A1.2", "HL-A4.2", "HL-A5.2"]).any()
    # Consented stories of 2024/25 only: 05 has no consent.
    assert sorted(story.path.name for story in public.stories) == [
        "01-link-worker.md", "02-island-clinic.md", "03-family-centre.md", "04-youth-worker.md",
        "06-school-partnership.md"]


def test_actions_completed_in_the_year(public):
    # action_updates.csv: TP-A2.1 complete at 2024/25 Q2, HL-A3 and SC-A2 at 2024/25 Q4; HL-A1.1 was complete
    # in 2023/24, and HL-A4.2 (complete at 2024/25 Q4) belongs to the Isle of Innisbrae locality plan.
    completed = completed_in_year(public)
    assert completed[["action_id", "outcome"]].values.tolist() == [
        ["TP-A2.1", "tackling_poverty"], ["HL-A3", "healthier_lives"], ["SC-A2", "safer_communities"]]
    assert completed.set_index("action_id").loc["SC-A2", "commentary"] == "512 staff trained; refresher course planned."


def test_a_locality_plans_report_for_its_hub(inverbrackie):
    assert inverbrackie.outcomes == ["healthier_lives", "tackling_poverty", "safer_communities"]
    assert inverbrackie.performance.table["kpi_id"].tolist() == ["LP-INV01", "LP-INV02", "LP-INV03"]
    assert sorted(inverbrackie.progress["action_id"]) == ["HL-A1.2", "SC-A1.2", "TP-A2.2"]
    assert sorted(story.path.name for story in inverbrackie.stories) == ["01-link-worker.md", "03-family-centre.md"]
    assert completed_in_year(inverbrackie).empty
    assert title(inverbrackie) == ("Inverbrackie locality plan: annual report 2024/25",
                                   "For the Inverbrackie locality hub: what the locality plan achieved from April "
                                   "2024 to March 2025")


def test_the_island_plan_completed_its_clinic():
    island = open_public_report(SAMPLE_DATASET, LOIP, "2024/25", "Isle of Innisbrae locality plan")
    assert island.outcomes == ["healthier_lives"]
    assert completed_in_year(island)["action_id"].tolist() == ["HL-A4.2"]


def test_an_earlier_year_has_its_own_stories_and_achievements():
    earlier = open_public_report(SAMPLE_DATASET, LOIP, "2023/24")
    assert earlier.stories == []  # every sample story is from 2024/25
    assert completed_in_year(earlier)["action_id"].tolist() == ["HL-A1.1"]
    assert title(earlier)[0] == "Public Performance Report 2023/24"


def test_an_unknown_plan_names_the_plans():
    expected = ("no plan 'Harbour locality plan'; plans of the KPIs and actions: Inverbrackie locality plan, "
                "Isle of Innisbrae locality plan, LOIP")
    with pytest.raises(ConfigError, match=re.escape(expected)):
        open_public_report(SAMPLE_DATASET, LOIP, "2024/25", "Harbour locality plan")
