"""The KPI register: LOIP outcomes and, for each KPI, its data management sheet and its target.

Read from `outcomes.yaml` and `kpis.yaml` in a LOIP folder (see data/loip/README.md) and checked
on load, so a typo stops the report at the start with the file, line and field to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pmf_kit.data.dataset import Dataset
from pmf_kit.data.paths import missing_path_hint, project_path
from pmf_kit.data.periods import KIND_WORDS, parse_period
from pmf_kit.errors import ConfigError, PmfKitError
from pmf_kit.performance.yaml_lines import LINE_KEY, Entry, line_of, read_yaml_with_lines

DIRECTED_POLARITIES = ("higher_is_better", "lower_is_better")
"""A KPI needs a direction: a neutral indicator has no target to be on track for."""

DEFAULT_TOLERANCE = 0.05
"""At risk, not off track, while within 5% of the baseline-to-target gap of the trajectory."""

SHEET_FIELDS = {
    "measures": "What it measures",
    "calculation": "How it is calculated",
    "data_source": "Where the data comes from",
    "telling_us": "What the data is telling us",
    "responsible": "Who is responsible",
    "actions_to_improve": "Actions to improve",
}
"""The data management sheet: field in kpis.yaml → heading in the report. A field may be blank:
the SMART check (`performance.smart`) says which rule that breaks."""

OUTCOME_KEYS = {"id", "title", "description", "priorities", "lead", "partnership"}
KPI_KEYS = {"id", "outcome", "priority", "title", "indicator", "geography", "baseline", "target",
            "trajectory", "polarity", "tolerance", "comparator", "sheet", "plan"}


@dataclass(frozen=True)
class Milestone:
    """A value a KPI should reach by a period: baseline, interim milestone or target."""

    period: str
    value: float


@dataclass(frozen=True)
class Outcome:
    """A LOIP outcome, its priority areas, its lead and the partnership that owns it."""

    id: str
    title: str
    description: str
    priorities: tuple[str, ...]
    lead: str = ""
    """The person responsible for the outcome's progress updates (a theme lead)."""
    partnership: str = ""
    """The partnership or group that owns it (a Strategic Delivery or thematic partnership)."""


@dataclass(frozen=True)
class KPI:
    """One KPI: what it reads, where, its baseline, target, trajectory and status tolerance."""

    id: str
    outcome: str
    priority: str
    title: str
    indicator: str
    level: str
    area: str
    area_name: str
    baseline_period: str
    baseline_value: float | None
    target: Milestone
    trajectory: tuple[Milestone, ...]
    polarity: str
    tolerance: float
    comparator: str | None
    plan: str
    sheet: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Register:
    """The outcomes and KPIs of one LOIP, in file order."""

    outcomes: dict[str, Outcome]
    kpis: list[KPI]

    def outcome_kpis(self, outcome: str, plan: str | None = None) -> list[KPI]:
        """The KPIs of an outcome, optionally only those of one plan (`LOIP` or a locality)."""
        return [kpi for kpi in self.kpis if kpi.outcome == outcome and (plan is None or kpi.plan == plan)]


def load_outcomes(path: str | Path) -> dict[str, Outcome]:
    """outcomes.yaml: `outcomes:` a list of {id, title, description, priorities, lead, partnership}."""
    path = project_path(path)
    document = read_yaml_with_lines(path)
    entries = document.get("outcomes") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ConfigError(path, "expected a mapping with 'outcomes:', a list of outcomes")
    outcomes: dict[str, Outcome] = {}
    for number, raw in enumerate(entries, start=1):
        entry = Entry(path, f"outcomes[{number}]", raw)
        outcome_id = entry.text("id")
        if outcome_id in outcomes:
            entry.fail(f"outcomes[{number}].id", "an id used once", outcome_id)
        priorities = raw.get("priorities") or []
        if not isinstance(priorities, list) or not all(isinstance(p, str) for p in priorities):
            entry.fail(f"outcomes[{number}].priorities", "a list of priority area names", priorities)
        unknown = sorted(set(raw) - OUTCOME_KEYS - {LINE_KEY})
        if unknown:
            entry.fail(f"outcomes[{number}].{unknown[0]}", f"one of the keys {', '.join(sorted(OUTCOME_KEYS))}")
        outcomes[outcome_id] = Outcome(outcome_id, entry.text("title"), entry.text("description", False),
                                       tuple(priorities), entry.text("lead", False), entry.text("partnership", False))
    return outcomes


def load_register(folder: str | Path, dataset: Dataset) -> Register:
    """Read outcomes.yaml and kpis.yaml from a LOIP folder, checked against the data set."""
    folder = project_path(folder)
    if not folder.is_dir():
        raise ConfigError(folder, f"expected a LOIP folder holding outcomes.yaml and kpis.yaml{missing_path_hint(folder)}")
    outcomes = load_outcomes(folder / "outcomes.yaml")
    path = folder / "kpis.yaml"
    document = read_yaml_with_lines(path)
    entries = document.get("kpis") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ConfigError(path, "expected a mapping with 'kpis:', a list of KPIs")
    kinds = _period_kinds(dataset)
    kpis: list[KPI] = []
    for number, raw in enumerate(entries, start=1):
        kpi = _read_kpi(Entry(path, f"kpis[{number}]", raw), outcomes, dataset)
        _check_period_kinds(Entry(path, f"kpis[{number}]", raw), kpi, kinds.get(kpi.indicator, set()))
        if kpi.id in {known.id for known in kpis}:
            raise ConfigError(path, f"line {line_of(raw)}, kpis[{number}].id: {kpi.id!r} is used twice")
        kpis.append(kpi)
    return Register(outcomes, kpis)


def _read_kpi(entry: Entry, outcomes: dict[str, Outcome], dataset: Dataset) -> KPI:
    """One KPI entry, every field checked."""
    unknown = sorted(set(entry.entry) - KPI_KEYS - {LINE_KEY})
    if unknown:
        entry.fail(f"{entry.where}.{unknown[0]}", f"one of the keys {', '.join(sorted(KPI_KEYS))}")
    outcome = entry.text("outcome")
    if outcome not in outcomes:
        entry.fail(f"{entry.where}.outcome", f"an outcome id from outcomes.yaml ({', '.join(outcomes)})", outcome)
    priority = entry.text("priority")
    if outcomes[outcome].priorities and priority not in outcomes[outcome].priorities:
        entry.fail(f"{entry.where}.priority",
                   f"a priority area of {outcome} ({'; '.join(outcomes[outcome].priorities)})", priority)
    indicator = entry.text("indicator")
    if indicator not in dataset.catalogue.index:
        entry.fail(f"{entry.where}.indicator", "an indicator_id of the data set's indicators.csv", indicator)
    level, area, area_name = _geography(entry, dataset)
    baseline = entry.child("baseline")
    baseline_period = baseline.period("period", baseline.entry.get("period"))
    baseline_value = baseline.entry.get("value")
    target_entry = entry.child("target")
    target = Milestone(target_entry.period("period", target_entry.entry.get("period")),
                       target_entry.number("value", target_entry.entry.get("value")))
    trajectory = _trajectory(entry, baseline_period, target)
    polarity = entry.entry.get("polarity") or str(dataset.catalogue.loc[indicator, "polarity"])
    if polarity not in DIRECTED_POLARITIES:
        entry.fail(f"{entry.where}.polarity", "higher_is_better or lower_is_better (the indicator "
                   "is neutral, so the KPI must say which way is better)", polarity)
    tolerance = entry.entry.get("tolerance", DEFAULT_TOLERANCE)
    if entry.number("tolerance", tolerance) < 0:
        entry.fail(f"{entry.where}.tolerance", "a share of the baseline-to-target gap, 0 or more", tolerance)
    comparator = entry.entry.get("comparator")
    if comparator is not None and comparator not in dataset.level_ids:
        entry.fail(f"{entry.where}.comparator", f"a level of the data set ({', '.join(dataset.level_ids)})", comparator)
    sheet = _sheet(entry)
    return KPI(
        id=entry.text("id"), outcome=outcome, priority=priority, title=entry.text("title"),
        indicator=indicator, level=level, area=area, area_name=area_name, baseline_period=baseline_period,
        baseline_value=None if baseline_value is None else baseline.number("value", baseline_value),
        target=target, trajectory=trajectory, polarity=polarity,
        tolerance=float(tolerance), comparator=comparator, plan=entry.text("plan", False) or "LOIP",
        sheet=sheet,
    )


def _period_kinds(dataset: Dataset) -> dict[str, set[str]]:
    """The kinds of period each indicator's figures are for (financial years, calendar years, ...)."""
    pairs = dataset.values[["indicator_id", "period"]].drop_duplicates()
    kinds: dict[str, set[str]] = {}
    for indicator, period in zip(pairs["indicator_id"], pairs["period"]):
        kinds.setdefault(indicator, set()).add(parse_period(period).kind)
    return kinds


def _check_period_kinds(entry: Entry, kpi: KPI, kinds: set[str]) -> None:
    """A baseline, milestone or target period the indicator cannot have (2019/20 for a calendar-year
    indicator) would show "Baseline: no data" and still rate the KPI: refused on load."""
    if not kinds:
        return
    expected = f"a period of the kind {kpi.indicator} has: {' or '.join(KIND_WORDS[kind] for kind in sorted(kinds))}"
    places = [("baseline.period", kpi.baseline_period), ("target.period", kpi.target.period)]
    places += [(f"trajectory[{number}].period", milestone.period) for number, milestone in enumerate(kpi.trajectory, 1)]
    for place, period in places:
        if parse_period(period).kind not in kinds:
            entry.fail(f"{entry.where}.{place}", expected, period)


def _sheet(entry: Entry) -> dict[str, str]:
    """The data management sheet: a field left out or blank is "" (the SMART check reports it);
    a field name not on the sheet is a mistake."""
    if entry.entry.get("sheet") is None:
        return {key: "" for key in SHEET_FIELDS}
    sheet = entry.child("sheet")
    unknown = sorted(set(sheet.entry) - set(SHEET_FIELDS) - {LINE_KEY})
    if unknown:
        sheet.fail(f"{sheet.where}.{unknown[0]}", f"one of the fields {', '.join(SHEET_FIELDS)}")
    return {key: sheet.text(key, required=False) for key in SHEET_FIELDS}


def _geography(entry: Entry, dataset: Dataset) -> tuple[str, str, str]:
    """Level, area code and name a KPI is reported at: `geography: {level: council, area: ...}`."""
    geography = entry.child("geography")
    level, name = geography.text("level"), geography.text("area")
    try:
        area = dataset.find_area(name, level)
        return level, area.code, area.name
    except PmfKitError as error:
        geography.fail(f"{geography.where}.area", f"an area of the data set ({error})", name)
    raise AssertionError  # unreachable: fail raises


def _trajectory(entry: Entry, baseline_period: str, target: Milestone) -> tuple[Milestone, ...]:
    """Interim milestones, in time order, strictly between the baseline and the target."""
    raw = entry.entry.get("trajectory") or []
    if not isinstance(raw, list):
        entry.fail(f"{entry.where}.trajectory", "a list of {period, value} milestones", raw)
    start, end = parse_period(baseline_period), parse_period(target.period)
    if not start < end:
        entry.fail(f"{entry.where}.target.period", f"a period after the baseline {baseline_period}", target.period)
    milestones = []
    for number, item in enumerate(raw, start=1):
        milestone = Entry(entry.path, f"{entry.where}.trajectory[{number}]", item, entry.line)
        period = milestone.period("period", item.get("period"))
        if not start < parse_period(period) < end:
            milestone.fail(f"{milestone.where}.period", f"a period between {baseline_period} and {target.period}", period)
        milestones.append(Milestone(period, milestone.number("value", item.get("value"))))
    return tuple(sorted(milestones, key=lambda milestone: parse_period(milestone.period)))
