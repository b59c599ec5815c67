"""The partnership's own settings: `partnership.yaml` in the LOIP folder, optional.

Every partnership names itself in its reports, and not every one reports at Q2 and Q4 only
(Dumfries and Galloway and Scottish Borders report quarterly). The file says so once; the reports,
the update forms and the run-set checks all read it here. Left out, a field keeps pmf_kit's
default: a partnership called "Community Planning Partnership" reporting at Q2 and Q4 of a
financial year starting in April. Each mistake is a ConfigError naming the file, line and field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from pmf_kit.data.paths import project_path
from pmf_kit.data.periods import PeriodError, parse_period
from pmf_kit.errors import ConfigError, PmfKitError
from pmf_kit.performance.status import period_end
from pmf_kit.performance.yaml_lines import LINE_KEY, Entry, read_yaml_with_lines

PARTNERSHIP_FILE = "partnership.yaml"
DEFAULT_NAME = "Community Planning Partnership"
REPORTING_QUARTERS = (2, 4)
"""The default cycle: Q2 (mid-year dashboard) and Q4 (full-year dashboard and annual report)."""
YEAR_START_MONTH = 4
"""April: the financial year the Scottish public sector reports on, the only one pmf_kit's periods know."""
FIELDS = ("name", "reporting_quarters", "year_start_month", "governance")
GOVERNANCE_KINDS = ("board", "executive_group", "thematic_partnership", "delivery_partnership",
                    "locality_partnership", "strategy")
"""`strategy`: another strategy or plan with its own annual report (a Children's Services Plan, say)."""


@dataclass(frozen=True)
class GovernanceBody:
    """One board, group, partnership or strategy the partnership reports to or through."""

    name: str
    kind: str


@dataclass(frozen=True)
class Partnership:
    """Who the partnership is and when it reports."""

    name: str = DEFAULT_NAME
    reporting_quarters: tuple[int, ...] = REPORTING_QUARTERS
    year_start_month: int = YEAR_START_MONTH
    governance: tuple[GovernanceBody, ...] = ()

    @property
    def quarters_text(self) -> str:
        """`Q2 or Q4`, `Q1, Q2, Q3 or Q4`: the reporting quarters in words."""
        names = [f"Q{quarter}" for quarter in self.reporting_quarters]
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"

    def reporting_period(self, label: str | int) -> str:
        """A reporting period of this partnership (`2025/26 Q3`), normalised; anything else is an
        error saying which quarters it reports."""
        try:
            period = parse_period(label)
        except PeriodError:
            period = None
        if period is None or period.kind != "financial_quarter" or quarter_of(period.label) not in self.reporting_quarters:
            example = f"2025/26 Q{self.reporting_quarters[0]}"
            raise PmfKitError(f"period {label!r}: expected a {self.quarters_text} reporting period such as {example}")
        return period.label

    def previous_period(self, period: str) -> str:
        """The reporting period before this one: with Q2 and Q4, 2025/26 Q2 → 2024/25 Q4."""
        year, quarter = int(parse_period(period).label[:4]), quarter_of(period)
        while True:
            year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
            if quarter in self.reporting_quarters:
                return quarter_label(year, quarter)

    def latest_due(self, today: date) -> str:
        """The latest reporting period that has ended by `today` (ended the day before, or earlier)."""
        year = today.year if today.month >= YEAR_START_MONTH else today.year - 1
        candidate = quarter_label(year, max(self.reporting_quarters))
        while period_end(candidate) > today:
            candidate = self.previous_period(candidate)
        return candidate


def quarter_of(period: str) -> int:
    """2025/26 Q3 → 3."""
    return int(parse_period(period).label[-1])


def quarter_label(first_year: int, quarter: int) -> str:
    """(2025, 3) → `2025/26 Q3`."""
    return f"{first_year}/{(first_year + 1) % 100:02d} Q{quarter}"


def load_partnership(loip: str | Path) -> Partnership:
    """The settings of `<loip>/partnership.yaml`, or the defaults when the folder has no such file."""
    path = project_path(loip) / PARTNERSHIP_FILE
    if not path.is_file():
        return Partnership()
    fields = read_yaml_with_lines(path)
    if fields is None:
        return Partnership()
    if not isinstance(fields, dict):
        raise ConfigError(path, f"line 1, partnership: expected a mapping of the fields {', '.join(FIELDS)}")
    lines = _field_lines(path)

    def field(key: str) -> Entry:
        """The one field, alone, so that a mistake names the field's own line."""
        return Entry(path, "partnership", {key: fields[key]}, lines.get(key))

    unknown = [str(key) for key in fields if key not in (*FIELDS, LINE_KEY)]
    if unknown:
        field(unknown[0]).fail(f"partnership.{unknown[0]}", f"one of the fields {', '.join(FIELDS)}")
    return Partnership(
        name=field("name").text("name") if "name" in fields else DEFAULT_NAME,
        reporting_quarters=_quarters(field("reporting_quarters")) if "reporting_quarters" in fields
        else REPORTING_QUARTERS,
        year_start_month=_year_start(field("year_start_month")) if "year_start_month" in fields
        else YEAR_START_MONTH,
        governance=_governance(path, field("governance")) if "governance" in fields else (),
    )


def _field_lines(path: Path) -> dict[str, int]:
    """The line of each top-level key (the file has already parsed, so composing it cannot fail)."""
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    pairs = root.value if isinstance(root, yaml.MappingNode) else []
    return {str(key.value): key.start_mark.line + 1 for key, _ in pairs}


def _quarters(entry: Entry) -> tuple[int, ...]:
    value = entry.entry["reporting_quarters"]
    expected = "a list of quarters from 1 to 4, each once, e.g. [2, 4] or [1, 2, 3, 4]"
    if (not isinstance(value, list) or not value
            or not all(isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= 4 for item in value)
            or len(set(value)) != len(value)):
        entry.fail("partnership.reporting_quarters", expected, value)
    return tuple(sorted(value))


def _year_start(entry: Entry) -> int:
    value = entry.entry["year_start_month"]
    if isinstance(value, bool) or value != YEAR_START_MONTH:
        entry.fail("partnership.year_start_month",
                   "4 (April, the financial year; pmf_kit's periods support no other start yet)", value)
    return YEAR_START_MONTH


def _governance(path: Path, entry: Entry) -> tuple[GovernanceBody, ...]:
    value = entry.entry["governance"]
    if not isinstance(value, list):
        entry.fail("partnership.governance", "a list of {name, kind}", value)
    bodies = []
    for number, item in enumerate(value, start=1):
        body = Entry(path, f"partnership.governance[{number}]", item, entry.line)
        unknown = [str(key) for key in body.entry if key not in ("name", "kind", LINE_KEY)]
        if unknown:
            body.fail(f"{body.where}.{unknown[0]}", "only the fields name and kind")
        kind = body.text("kind")
        if kind not in GOVERNANCE_KINDS:
            body.fail(f"{body.where}.kind", f"one of {', '.join(GOVERNANCE_KINDS)}", kind)
        bodies.append(GovernanceBody(body.text("name"), kind))
    return tuple(bodies)
