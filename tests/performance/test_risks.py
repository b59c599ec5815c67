"""The risk register: the sample's scores, bands and heat-map counts worked by hand, risks above
appetite, overdue reviews, and each kind of mistake named by file, line and field."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from pmf_kit.errors import ConfigError
from pmf_kit.performance.actions import load_action_plan
from pmf_kit.performance.improvement_plan import load_improvement_plan
from pmf_kit.performance.kpis import load_outcomes
from pmf_kit.performance.risk_matrix import BAND_COLOURS, heat_map_chart, heat_map_table
from pmf_kit.performance.risks import above_appetite, heat_map_counts, load_risk_register, overdue_reviews, risk_band
from tests.conftest import PROJECT_ROOT

LOIP = PROJECT_ROOT / "data" / "loip"
OUTCOMES = list(load_outcomes(LOIP / "outcomes.yaml"))
ACTION_IDS = [*load_action_plan(LOIP, OUTCOMES).actions["action_id"], *load_improvement_plan(LOIP)["improvement_id"]]


def load(folder=LOIP):
    return load_risk_register(folder, OUTCOMES, ACTION_IDS)


@pytest.mark.parametrize(("score", "band"), [(1, "low"), (3, "low"), (4, "moderate"), (6, "moderate"), (8, "high"),
                                             (12, "high"), (15, "extreme"), (25, "extreme")])
def test_npsa_bands(score, band):
    assert risk_band(score) == band


def test_the_sample_register_scored_by_hand():
    register = load()
    assert register.appetite == 12 and len(register.risks) == 11 and len(register.open_risks) == 10
    scores = {risk.id: (risk.score, risk.band) for risk in register.risks}
    assert scores["R01"] == (16, "extreme")   # likelihood 4 x impact 4
    assert scores["R03"] == (20, "extreme")   # 5 x 4
    assert scores["R08"] == (10, "high")      # 2 x 5
    assert scores["R05"] == (6, "moderate")   # 2 x 3
    assert scores["R10"] == (3, "low")        # 1 x 3, closed
    r08 = next(risk for risk in register.risks if risk.id == "R08")
    assert r08.mitigating_actions == ("IP-03",) and len(r08.outcomes) == 4 and r08.review_date == date(2025, 3, 31)


def test_heat_map_counts_by_hand():
    cells = heat_map_counts(load())
    assert len(cells) == 25 and cells["risks"].sum() == 10  # R10 is closed and left out
    at = cells.set_index(["likelihood", "impact"])
    assert (at.loc[(4, 4), "risks"], at.loc[(4, 4), "risk_ids"]) == (2, "R01, R06")
    assert (at.loc[(5, 4), "risks"], at.loc[(2, 5), "risks"], at.loc[(1, 3), "risks"]) == (1, 1, 0)
    assert cells.groupby("band")["risks"].sum().to_dict() == {"extreme": 3, "high": 4, "moderate": 3, "low": 0}


def test_risks_above_appetite_and_overdue_reviews():
    register = load()
    assert [risk.id for risk in above_appetite(register)] == ["R03", "R01", "R06"]  # more than 12, highest first
    # At the end of 2024/25 Q4 (as of 1 April 2025): reviews due 15 Mar, 31 Jan and 31 Mar 2025 have passed;
    # R10's (31 Dec 2024) too, but it is closed.
    assert [risk.id for risk in overdue_reviews(register, date(2025, 4, 1))] == ["R02", "R04", "R08"]
    assert overdue_reviews(register, date(2024, 10, 1)) == []


def test_the_heat_map_as_a_table_and_a_chart():
    cells = heat_map_counts(load())
    table = heat_map_table(cells).set_index("Likelihood")
    assert list(table.index) == ["5 Almost certain", "4 Likely", "3 Possible", "2 Unlikely", "1 Rare"]
    assert list(table.columns) == ["Impact 1 Negligible", "Impact 2 Minor", "Impact 3 Moderate", "Impact 4 Major",
                                   "Impact 5 Catastrophic"]
    assert table.loc["4 Likely", "Impact 4 Major"] == "Extreme (16): 2 (R01, R06)"
    assert table.loc["5 Almost certain", "Impact 4 Major"] == "Extreme (20): 1 (R03)"
    assert table.loc["1 Rare", "Impact 1 Negligible"] == "Low (1): 0"
    spec = heat_map_chart(cells).to_dict()
    colour = spec["layer"][0]["encoding"]["color"]["scale"]
    assert colour == {"domain": ["Low", "Moderate", "High", "Extreme"], "range": list(BAND_COLOURS.values())}
    assert len(spec["layer"]) == 3


def test_no_risk_register_is_none(tmp_path):
    assert load(tmp_path) is None


@pytest.fixture
def broken(tmp_path):
    shutil.copy(LOIP / "risks.yaml", tmp_path / "risks.yaml")

    def breaking(old: str, new: str):
        path = tmp_path / "risks.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(ConfigError) as caught:
            load(tmp_path)
        return str(caught.value)
    return breaking


@pytest.mark.parametrize(("old", "new", "words"), [
    ("    score: 16\n", "    score: 15\n", ["line 9", "risks[1].score", "likelihood x impact = 4 x 4 = 16", "found 15"]),
    ("    likelihood: 4\n", "    likelihood: 6\n", ["risks[1].likelihood", "a whole number from 1 to 5", "found 6"]),
    ("    impact: 4\n", "    impact: high\n", ["risks[1].impact", "found 'high'"]),
    ("outcomes: [healthier_lives]", "outcomes: [wealthier_lives]", ["risks[1].outcomes", "wealthier_lives"]),
    ("outcomes: [healthier_lives]", "outcomes: []", ["risks[1].outcomes", "at least one outcome id"]),
    ("mitigating_actions: [HL-A2]", "mitigating_actions: [HL-A9]", ["risks[1].mitigating_actions", "HL-A9"]),
    ("review_date: 2025-06-30", "review_date: 30/06/2025", ["risks[1].review_date", "a date such as 2025-03-31"]),
    ("    status: open\n", "    status: active\n", ["risks[1].status", "one of open, closed", "active"]),
    ("    owner: HSCP Chief Finance Officer\n", "", ["risks[1].owner", "a non-empty text"]),
    ("  - id: R02", "  - id: R01", ["risks[2].id", "'R01' is used twice"]),
    ("    controls: IJB", "    control: IJB", ["risks[1].control", "one of the keys"]),
    ("  score: 12\n", "  score: 30\n", ["appetite.score", "a whole number from 1 to 25"]),
])
def test_a_mistake_names_the_file_line_and_field(broken, old, new, words):
    message = broken(old, new)
    assert "risks.yaml" in message
    for word in words:
        assert word in message, message
