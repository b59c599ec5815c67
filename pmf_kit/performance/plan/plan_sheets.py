"""The LOIP plan as workbook sheets: which file each sheet holds, and a YAML entry as one row.

A nested field becomes a dotted column (`baseline.period`, `sheet.responsible`), a list of names
one cell joined by "; " (`priorities`, `outcomes`, `mitigating_actions`), and a KPI's trajectory
one cell of milestones (`2022/23: 9872.8; 2024/25: 9700`), so that every field of the plan is a
cell an officer can edit and the row reads back into the same entry.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

YAML_SHEETS = {"Outcomes": ("outcomes.yaml", "outcomes"), "KPIs": ("kpis.yaml", "kpis"), "Risks": ("risks.yaml", "risks")}
"""Sheet → (file in the LOIP folder, its list key)."""
CSV_SHEETS = {"Actions": "actions.csv", "Improvement plan": "improvement_plan.csv"}
APPETITE_SHEET = "Risk appetite"
OPTIONAL_FILES = ("risks.yaml", "improvement_plan.csv")
"""Plan files a LOIP folder may be without; their sheets are then left out."""
LIST_FIELDS = {"priorities", "outcomes", "mitigating_actions"}
MILESTONES = "trajectory"
LIST_SEPARATOR = "; "


def flatten(entry: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """One YAML entry as cells: nested mappings dotted, lists joined, the trajectory as milestones."""
    cells: dict[str, Any] = {}
    for key, value in entry.items():
        if key.startswith("__"):
            continue
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            cells.update(flatten(value, f"{name}."))
        elif key == MILESTONES and isinstance(value, list):
            cells[name] = LIST_SEPARATOR.join(f"{item.get('period')}: {item.get('value')}" for item in value)
        elif isinstance(value, list):
            cells[name] = LIST_SEPARATOR.join(str(item) for item in value)
        else:
            cells[name] = value
    return cells


def unflatten(cells: dict[str, Any]) -> dict[str, Any]:
    """A row back into the YAML entry it came from; a blank cell leaves its field out.

    Raises ValueError naming the column when a trajectory cell is not `period: value; ...`.
    """
    entry: dict[str, Any] = {}
    for name, value in cells.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        *parents, key = name.split(".")
        target = entry
        for parent in parents:
            target = target.setdefault(parent, {})
        target[key] = _field_value(key, name, value)
    return entry


def _field_value(key: str, name: str, value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if key == MILESTONES:
        return parse_milestones(str(value), name)
    if key in LIST_FIELDS:
        return [part.strip() for part in str(value).split(";") if part.strip()]
    return value.strip() if isinstance(value, str) else value


def parse_milestones(text: str, column: str) -> list[dict[str, Any]]:
    """`2022/23: 9872.8; 2024/25: 9700` → [{period, value}, ...]."""
    milestones = []
    for part in (piece.strip() for piece in text.split(";") if piece.strip()):
        period, colon, number = part.rpartition(":")
        try:
            value = float(number)
        except ValueError:
            value = None
        if not colon or not period.strip() or value is None:
            raise ValueError(f"column {column!r}: expected milestones such as '2022/23: 9872.8; 2024/25: 9700', "
                             f"found {part!r}")
        milestones.append({"period": period.strip(), "value": int(value) if value.is_integer() else value})
    return milestones


def cell_value(value: Any) -> Any:
    """A YAML or CSV value as a workbook cell: dates as dates, everything else as it is."""
    return value if isinstance(value, (date, int, float)) or value is None else str(value)
