"""Run-set parameters checked against the notebook's own `parameters` cell, before anything runs.

papermill pastes each parameter into the kernel as `name = value` after the `parameters` cell,
so a misspelt name (`reporting_priod`) silently leaves the notebook's default in place, a string
where the notebook expects a list (`comparator_levels: council`) is read letter by letter, and a
name that is not a Python identifier is pasted in as code. Each of these is a ConfigError naming
the run set and the key. A LOIP `reporting_period` must be one of the partnership's reporting
quarters (Q2 mid-year and Q4 full-year unless its partnership.yaml says otherwise, which the run
set's caller looks up from the report's `loip`) and must have ended.
"""

from __future__ import annotations

import ast
import datetime
import difflib
import json
import keyword
from pathlib import Path
from typing import Any, Callable, Sequence

from pmf_kit.data.periods import PeriodError, parse_period
from pmf_kit.errors import ConfigError

PARAMETERS_TAG = "parameters"
REPORTING_PERIOD = "reporting_period"
REPORTING_QUARTERS = (2, 4)
"""The reporting quarters when the caller names none: those of a partnership without partnership.yaml."""
QUARTER_ROLES = {2: "mid-year", 4: "full-year"}
ANY = object()  # a default that is not a literal, or None: any value will do


def notebook_parameters(notebook: Path) -> dict[str, Any]:
    """The names assigned in the notebook's `parameters` cell, with their literal defaults."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ConfigError(notebook, f"cannot be read as a notebook: {error}") from error
    tagged = [cell for cell in cells if PARAMETERS_TAG in cell.get("metadata", {}).get("tags", [])]
    if not tagged:
        raise ConfigError(notebook, "expected a code cell tagged 'parameters'; found none")
    source = "".join(tagged[0]["source"]) if isinstance(tagged[0]["source"], list) else tagged[0]["source"]
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise ConfigError(notebook, f"the parameters cell is not valid Python: {error.msg}") from error
    declared: dict[str, Any] = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        value = getattr(node, "value", None)
        for target in targets:
            if isinstance(target, ast.Name):
                declared[target.id] = _literal(value)
    return declared


def _literal(node: ast.AST | None) -> Any:
    try:
        value = ast.literal_eval(node) if node is not None else None
    except ValueError:
        return ANY
    return ANY if value is None else value


def check_run_set_parameters(
    run_set: Path, notebook: Path, shared: dict[str, Any], reports: Any, injected: list[str],
    reporting_quarters: Callable[[Any], Sequence[int]] = lambda loip: REPORTING_QUARTERS,
    today: datetime.date | None = None,
) -> None:
    """Check the shared parameters, each listed report's own, and those the run set sets itself
    (`dataset`, and `area` for one report per area), against the notebook. `reporting_quarters`
    gives the quarters of the report's `loip` parameter (the notebook's default when not set)."""
    declared = notebook_parameters(notebook)

    def quarters(own: dict[str, Any]) -> Sequence[int]:
        return reporting_quarters({**declared, **shared, **own}.get("loip"))

    check_parameters(run_set, notebook, "parameters", shared, today, quarters({}))
    for number, entry in enumerate(reports if isinstance(reports, list) else [], start=1):
        if isinstance(entry, dict) and isinstance(entry.get("parameters"), dict):
            check_parameters(run_set, notebook, f"reports[{number}].parameters", entry["parameters"], today,
                             quarters(entry["parameters"]))
    for name in injected:
        if name not in declared:
            raise ConfigError(run_set, f"{notebook.name} has no parameter {name!r}, which the run "
                                       f"set sets for every report; its parameters: {', '.join(declared)}")


def check_parameters(
    run_set: Path, notebook: Path, where: str, parameters: dict[str, Any],
    today: datetime.date | None = None, quarters: Sequence[int] = REPORTING_QUARTERS,
) -> None:
    """Raise ConfigError for the first parameter the notebook cannot take as given; a
    `reporting_period` must be one of `quarters` and have ended by `today`."""
    declared = notebook_parameters(notebook)
    for name, value in parameters.items():
        key = f"{where}.{name}"
        if not name.isidentifier() or keyword.iskeyword(name):
            raise ConfigError(run_set, f"{key}: a parameter name must be a Python identifier "
                                       "(letters, digits and _, not starting with a digit)")
        if name not in declared:
            raise ConfigError(run_set, f"{key}: {notebook.name} has no parameter {name!r}"
                                       f"{_did_you_mean(name, declared)}; its parameters: "
                                       f"{', '.join(declared)}")
        _check_kind(run_set, key, value, declared[name])
        if name == REPORTING_PERIOD:
            _check_reporting_period(run_set, key, value, today or datetime.date.today(), quarters)


def _did_you_mean(name: str, declared: dict[str, Any]) -> str:
    close = difflib.get_close_matches(name, list(declared), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _check_kind(run_set: Path, key: str, value: Any, default: Any) -> None:
    """The value is of the kind the notebook's default is: a list for a list, and so on."""
    if default is ANY:
        return
    kinds = [
        (bool, "true or false", lambda v: isinstance(v, bool)),
        ((list, tuple), "a list, e.g. [council, scotland]", lambda v: isinstance(v, list)),
        (dict, "a mapping", lambda v: isinstance(v, dict)),
        ((int, float), "a number", lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)),
        (str, "text", lambda v: isinstance(v, (str, int, float)) and not isinstance(v, bool)),
    ]
    for python_type, expected, accepts in kinds:
        if isinstance(default, python_type):
            if not accepts(value):
                raise ConfigError(run_set, f"{key}: expected {expected} (the notebook's default is "
                                           f"{default!r}), found {value!r}")
            return


def _check_reporting_period(run_set: Path, key: str, value: Any, today: datetime.date,
                            quarters: Sequence[int]) -> None:
    try:
        period = parse_period(value)
    except PeriodError as error:
        raise ConfigError(run_set, f"{key}: {error}") from error
    quarter = int(period.label[-1]) if period.kind == "financial_quarter" else None
    if quarter not in quarters:
        raise ConfigError(run_set, f"{key}: expected a {quarters_in_words(quarters)} reporting "
                                   f"period such as 2024/25 Q{max(quarters)}, found {value!r}")
    ends = _last_day(period.start, period.months)
    if ends >= today:
        raise ConfigError(run_set, f"{key}: {period.label} ends on {ends:%d %B %Y}, which is not "
                                   f"yet past (today is {today:%d %B %Y}); expected a period that has ended")


def quarters_in_words(quarters: Sequence[int]) -> str:
    """(2, 4) → `Q2 (mid-year) or Q4 (full-year)`; (1, 2, 3, 4) → `Q1, Q2 (mid-year), Q3 or Q4 (full-year)`."""
    names = [f"Q{quarter} ({QUARTER_ROLES[quarter]})" if quarter in QUARTER_ROLES else f"Q{quarter}"
             for quarter in sorted(quarters)]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _last_day(start: datetime.date, months: int) -> datetime.date:
    month = start.month - 1 + months
    first_after = datetime.date(start.year + month // 12, month % 12 + 1, 1)
    return first_after - datetime.timedelta(days=1)
