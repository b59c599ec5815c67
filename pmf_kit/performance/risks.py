"""The partnership's risk register: `risks.yaml` in the LOIP folder, checked on load.

Each risk has an id, a title, the LOIP outcomes it threatens, an owner, likelihood and impact
from 1 to 5, its score (likelihood x impact, stated in the file and checked), the controls in
place, the actions that mitigate it (action ids of actions.csv or of the improvement plan), a
review date and a status (open or closed). The file also states the partnership's risk appetite:
the highest score it accepts. Scores are banded as in the NPSA 5 x 5 risk matrix (National
Patient Safety Agency, "A risk matrix for risk managers", 2008): 1-3 low, 4-6 moderate, 8-12
high, 15-25 extreme.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

import pandas as pd

from pmf_kit.data.paths import project_path
from pmf_kit.errors import ConfigError
from pmf_kit.performance.yaml_lines import LINE_KEY, Entry, line_of, read_yaml_with_lines

RISKS_FILE = "risks.yaml"
SCALE = (1, 2, 3, 4, 5)
LIKELIHOOD_WORDS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT_WORDS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Catastrophic"}
BANDS = (("low", 1, 3), ("moderate", 4, 6), ("high", 8, 12), ("extreme", 15, 25))
"""NPSA (2008) bands of likelihood x impact; no product of two whole numbers 1-5 falls between them."""
RISK_STATUSES = ("open", "closed")
RISK_KEYS = {"id", "title", "outcomes", "owner", "likelihood", "impact", "score", "controls",
             "mitigating_actions", "review_date", "status"}


@dataclass(frozen=True)
class Risk:
    """One risk of the register."""

    id: str
    title: str
    outcomes: tuple[str, ...]
    owner: str
    likelihood: int
    impact: int
    controls: str
    mitigating_actions: tuple[str, ...]
    review_date: date
    status: str

    @property
    def score(self) -> int:
        return risk_score(self.likelihood, self.impact)

    @property
    def band(self) -> str:
        return risk_band(self.score)


@dataclass(frozen=True)
class RiskRegister:
    """The risks, in file order, and the partnership's appetite: the highest score it accepts."""

    appetite: int
    appetite_statement: str
    risks: list[Risk]

    @property
    def open_risks(self) -> list[Risk]:
        return [risk for risk in self.risks if risk.status == "open"]


def risk_score(likelihood: int, impact: int) -> int:
    """Likelihood x impact, each 1 to 5."""
    return likelihood * impact


def risk_band(score: int) -> str:
    """low / moderate / high / extreme (NPSA 2008)."""
    return next(name for name, low, high in BANDS if low <= score <= high)


def above_appetite(register: RiskRegister) -> list[Risk]:
    """Open risks scoring more than the appetite, highest score first."""
    return sorted((risk for risk in register.open_risks if risk.score > register.appetite),
                  key=lambda risk: -risk.score)


def overdue_reviews(register: RiskRegister, as_of: date) -> list[Risk]:
    """Open risks whose review date has passed by `as_of` (the first day after the reporting period)."""
    return [risk for risk in register.open_risks if risk.review_date < as_of]


def heat_map_counts(register: RiskRegister) -> pd.DataFrame:
    """All 25 cells of the 5 x 5 matrix: likelihood, impact, score, band, and the open risks in it."""
    rows = []
    for likelihood in SCALE:
        for impact in SCALE:
            ids = [risk.id for risk in register.open_risks if (risk.likelihood, risk.impact) == (likelihood, impact)]
            score = risk_score(likelihood, impact)
            rows.append({"likelihood": likelihood, "impact": impact, "score": score, "band": risk_band(score),
                         "risks": len(ids), "risk_ids": ", ".join(ids)})
    return pd.DataFrame(rows)


def load_risk_register(folder: str | Path, outcomes: Iterable[str], action_ids: Iterable[str]) -> RiskRegister | None:
    """risks.yaml of a LOIP folder, every field checked; None when the folder has no risk register."""
    path = project_path(folder) / RISKS_FILE
    if not path.is_file():
        return None
    document = read_yaml_with_lines(path)
    if not isinstance(document, dict) or not isinstance(document.get("risks"), list):
        raise ConfigError(path, "expected a mapping with 'appetite:' and 'risks:', a list of risks")
    appetite = Entry(path, "appetite", document.get("appetite"), line_of(document))
    score, statement = appetite.whole("score", 1, 25), appetite.text("statement")
    outcomes, action_ids = list(outcomes), set(action_ids)
    risks: list[Risk] = []
    for number, raw in enumerate(document["risks"], start=1):
        risk = _read_risk(Entry(path, f"risks[{number}]", raw), outcomes, action_ids)
        if risk.id in {known.id for known in risks}:
            raise ConfigError(path, f"line {line_of(raw)}, risks[{number}].id: {risk.id!r} is used twice")
        risks.append(risk)
    return RiskRegister(score, statement, risks)


def _read_risk(fields: Entry, outcomes: list[str], action_ids: set[str]) -> Risk:
    where = fields.where
    unknown = sorted(set(fields.entry) - RISK_KEYS - {LINE_KEY})
    if unknown:
        fields.fail(f"{where}.{unknown[0]}", f"one of the keys {', '.join(sorted(RISK_KEYS))}")
    likelihood, impact = fields.whole("likelihood", 1, 5), fields.whole("impact", 1, 5)
    if fields.entry.get("score") != risk_score(likelihood, impact):
        fields.fail(f"{where}.score", f"likelihood x impact = {likelihood} x {impact} = {risk_score(likelihood, impact)}",
                    fields.entry.get("score"))
    status = fields.text("status")
    if status not in RISK_STATUSES:
        fields.fail(f"{where}.status", f"one of {', '.join(RISK_STATUSES)}", status)
    linked = fields.names("outcomes", outcomes, "outcome ids from outcomes.yaml")
    if not linked:
        fields.fail(f"{where}.outcomes", "at least one outcome id from outcomes.yaml", fields.entry.get("outcomes"))
    return Risk(
        id=fields.text("id"), title=fields.text("title"), outcomes=linked, owner=fields.text("owner"),
        likelihood=likelihood, impact=impact, controls=fields.text("controls"),
        mitigating_actions=fields.names("mitigating_actions", action_ids,
                                        "action ids from actions.csv or improvement_plan.csv"),
        review_date=fields.day("review_date"), status=status,
    )
