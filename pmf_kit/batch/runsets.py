"""Run sets: the YAML files under parameters/ that say which reports a batch makes.

A run set names one notebook, one data set, one output folder and the reports to make: one per
area of a level (`areas`, optionally `within: council=NAME` for the areas of one council, and a
`fallback_level` for a council that has no area of that level, such as intermediate zones where
no HSCP localities are published) or a list of named reports with their own parameters
(`reports`).
Everything is checked before any notebook runs, so a typo costs seconds, not a half-done batch.
Paths in a run set, and the run set's own path, are taken from the project root
(pmf_kit.data.paths), wherever the command runs. A report name may hold `{period}`, and
`--period` makes a LOIP run set for one reporting period (pmf_kit.batch.run_period).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pmf_kit.batch.run_parameters import REPORTING_PERIOD, check_run_set_parameters, notebook_parameters
from pmf_kit.batch.run_period import fill_period, once_each, override_period, reporting_quarters
from pmf_kit.data.dataset import Dataset, open_dataset
from pmf_kit.data.naming import slugify
from pmf_kit.data.paths import missing_path_hint, project_path, working_root
from pmf_kit.errors import ConfigError, UnknownAreaError, UnknownLevelError

REQUIRED_KEYS = ("notebook", "dataset", "output")
OPTIONAL_KEYS = ("title", "parameters", "areas", "within", "fallback_level", "reports")
REPORT_KEYS = ("name", "parameters")
RESERVED_PARAMETERS = ("dataset", "area")


@dataclass(frozen=True)
class Report:
    """One notebook execution: its parameters and the HTML file it becomes."""

    name: str
    label: str
    notebook: Path
    parameters: dict[str, Any]
    output_path: Path
    run_set_source: Path

    @property
    def failed_notebook_path(self) -> Path:
        """Where the executed notebook of a failed run is kept for debugging."""
        return self.output_path.with_name(f"{self.name}.failed.ipynb")


@dataclass(frozen=True)
class RunSet:
    """One run-set file, resolved: every report it asks for, in order."""

    source: Path
    title: str
    notebook: Path
    dataset: Path
    dataset_name: str
    output: Path
    reports: list[Report] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the run set decided that its file does not say outright (a fallback level used)."""
    for_period: bool = False
    """Made for the reporting period given on the command line (`--period`)."""


def load_run_sets(
    path: str | Path, period: str | None = None, today: datetime.date | None = None
) -> list[RunSet]:
    """Read a run-set file, or every .yaml/.yml file of a folder, validating each strictly; with
    `period` ("2025/26 Q3" or "latest"), every LOIP run set is made for that reporting period."""
    path = project_path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        if not files:
            raise ConfigError(path, "expected a folder holding run-set .yaml files, found none")
        run_sets = [load_run_set(file, period, today) for file in files]
        _check_outputs_differ(run_sets)
    elif not path.is_file():
        raise ConfigError(path, f"expected a run-set .yaml file or a folder of them; not found{missing_path_hint(path)}")
    else:
        run_sets = [load_run_set(path, period, today)]
    if period is not None and not any(run_set.for_period for run_set in run_sets):
        raise ConfigError(path, f"--period: no run set here makes LOIP reports (a notebook with a "
                                f"{REPORTING_PERIOD} parameter)")
    return run_sets


def load_run_set(
    path: str | Path, period: str | None = None, today: datetime.date | None = None
) -> RunSet:
    """Read one run-set file and resolve its reports against the data set it names; `period`
    overrides every `reporting_period` when the notebook takes one."""
    path = project_path(path)
    spec = _read_mapping(path)
    _check_keys(path, spec)
    notebook = _notebook(path, spec)
    dataset = _dataset_folder(path, spec)
    output = Path(_string(path, spec, "output"))
    title = _string(path, spec, "title") if "title" in spec else path.stem
    shared = _mapping(path, spec.get("parameters", {}), "parameters")
    reserved = [key for key in RESERVED_PARAMETERS if key in shared]
    if reserved:
        raise ConfigError(
            path, f"parameters: {', '.join(reserved)} is set by the run set itself; remove it"
        )

    declared = notebook_parameters(project_path(notebook))
    listed, notes = spec.get("reports"), []
    for_period = period is not None and REPORTING_PERIOD in declared
    if for_period:
        shared, listed, note = override_period(path, shared, listed, shared.get("loip", declared.get("loip")),
                                               period, today or datetime.date.today())
        notes.append(note)
    check_run_set_parameters(
        path, project_path(notebook), shared, listed,
        injected=["dataset", "area"] if "areas" in spec else ["dataset"],
        reporting_quarters=reporting_quarters, today=today,
    )
    data = open_dataset(dataset, custom_areas=shared.get("custom_areas"))
    if "areas" in spec:
        named = _area_reports(path, spec, data, dataset, shared, notes)
    else:
        named = once_each(_listed_reports(path, listed, dataset, shared))

    reports = []
    seen: dict[str, str] = {}
    for label, parameters in _named_apart(named):
        name = slugify(label)
        if not name:
            raise ConfigError(path, f"report {label!r} has no letters or digits to name its file")
        if name in seen:
            raise ConfigError(
                path, f"reports {seen[name]!r} and {label!r} would both be written to {name}.html"
            )
        seen[name] = label
        reports.append(
            Report(
                name=name,
                label=label,
                notebook=notebook,
                parameters=parameters,
                output_path=output / f"{name}.html",
                run_set_source=path,
            )
        )
    return RunSet(path, title, notebook, dataset, data.name, output, reports, notes, for_period)


def _named_apart(named: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    """Areas that share a name (Scotland has several data zones called "Blackburn - 01") are
    told apart by their code, in the label and so in the file name."""
    counts = Counter(label for label, _ in named)
    return [
        (f"{label} ({parameters['area']})" if counts[label] > 1 and "area" in parameters else label, parameters)
        for label, parameters in named
    ]


def _check_outputs_differ(run_sets: list[RunSet]) -> None:
    """Two run sets of one folder must not write the same file, or one would overwrite the other."""
    writers: dict[Path, RunSet] = {}
    for run_set in run_sets:
        for report in run_set.reports:
            other = writers.setdefault(report.output_path, run_set)
            if other is not run_set:
                raise ConfigError(
                    run_set.source,
                    f"report {report.label!r} would overwrite {report.output_path} written by "
                    f"{other.source}; give the run sets different output folders",
                )


def _read_mapping(path: Path) -> dict[str, Any]:
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ConfigError(path, f"not valid YAML{where}: {problem}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, f"cannot be read: {error}") from error
    if not isinstance(spec, dict):
        raise ConfigError(path, "expected a mapping with keys notebook, dataset, output, ...")
    return spec


def _check_keys(path: Path, spec: dict[str, Any]) -> None:
    known = REQUIRED_KEYS + OPTIONAL_KEYS
    unknown = [str(key) for key in spec if key not in known]
    if unknown:
        raise ConfigError(
            path, f"unknown key {', '.join(map(repr, unknown))}; expected keys: {', '.join(known)}"
        )
    missing = [key for key in REQUIRED_KEYS if key not in spec]
    if missing:
        raise ConfigError(path, f"missing key {', '.join(map(repr, missing))}")
    if ("areas" in spec) == ("reports" in spec):
        raise ConfigError(
            path, "expected exactly one of 'areas' (one report per area) or 'reports'"
        )
    for key in ("within", "fallback_level"):
        if key in spec and "areas" not in spec:
            raise ConfigError(path, f"{key}: only goes with 'areas' (one report per area)")


def _string(path: Path, spec: dict[str, Any], key: str) -> str:
    value = spec[key]
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(path, f"{key}: expected a non-empty string, found {value!r}")
    return value


def _mapping(path: Path, value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        raise ConfigError(path, f"{where}: expected a mapping of parameter names to values")
    return dict(value)


def _notebook(path: Path, spec: dict[str, Any]) -> Path:
    notebook = Path(_string(path, spec, "notebook"))
    if notebook.suffix != ".ipynb":
        raise ConfigError(
            path, f"notebook: expected a .ipynb file (convert jupytext .py files first), "
            f"found {str(notebook)!r}"
        )
    if not project_path(notebook).is_file():
        raise ConfigError(
            path, f"notebook: expected a file relative to the project root {working_root()}, "
            f"{str(notebook)!r} does not exist{missing_path_hint(notebook)}"
        )
    return notebook


def _dataset_folder(path: Path, spec: dict[str, Any]) -> Path:
    dataset = Path(_string(path, spec, "dataset"))
    if not project_path(dataset).is_dir():
        raise ConfigError(
            path, f"dataset: expected a data set folder relative to the project root "
            f"{working_root()}, {str(dataset)!r} does not exist{missing_path_hint(dataset)}"
        )
    return dataset


def _area_reports(
    path: Path, spec: dict[str, Any], data: Dataset, dataset: Path, shared: dict[str, Any],
    notes: list[str],
) -> list[tuple[str, dict[str, Any]]]:
    areas = spec["areas"]
    level = shared.get("area_level")
    if not isinstance(level, str):
        raise ConfigError(path, "parameters.area_level: expected the geography level of 'areas'")
    if areas != "all" and not (
        isinstance(areas, list) and areas and all(isinstance(area, str) for area in areas)
    ):
        raise ConfigError(path, "areas: expected 'all' or a list of area names or codes")
    if areas != "all" and "within" in spec:
        raise ConfigError(path, "within: only goes with 'areas: all'")
    try:
        level = data.level_id(level)
    except UnknownLevelError as error:
        raise ConfigError(path, f"parameters.area_level: {error}") from error
    try:
        if areas != "all":
            found = [(area.name, area.code) for area in (data.find_area(name, level) for name in areas)]
        elif "within" in spec:
            found, level = _areas_within(path, spec, data, level, notes)
        else:
            found = [(row.name, row.code) for row in data.areas(level).itertuples(index=False)]
    except (UnknownAreaError, UnknownLevelError) as error:
        raise ConfigError(path, f"areas: {error}") from error
    parameters = {**shared, "area_level": level}
    return [(name, {"dataset": str(dataset), **parameters, "area": code}) for name, code in found]


def _areas_within(
    path: Path, spec: dict[str, Any], data: Dataset, level: str, notes: list[str]
) -> tuple[list[tuple[str, str]], str]:
    """Every area of `level` assigned best-fit to the one `within` names (matched forgivingly),
    or of `fallback_level` when it has none; the level used comes back with them."""
    within = spec["within"]
    if not isinstance(within, str) or "=" not in within:
        raise ConfigError(path, f"within: expected LEVEL=NAME, e.g. council=Fife, found {within!r}")
    within_level, name = (part.strip() for part in within.split("=", 1))
    try:
        container = data.find_area(name, within_level)
    except (UnknownAreaError, UnknownLevelError) as error:
        raise ConfigError(path, f"within: {error}") from error
    found = data.geography.areas_within(container, level)
    if found.empty and "fallback_level" in spec:
        fallback = spec["fallback_level"]
        if not isinstance(fallback, str):
            raise ConfigError(path, f"fallback_level: expected a level id, found {fallback!r}")
        try:
            fallback = data.level_id(fallback)
        except UnknownLevelError as error:
            raise ConfigError(path, f"fallback_level: {error}") from error
        notes.append(f"{container.name} has no {data.level_label(level)} areas: "
                     f"{data.level_label(fallback)} reports instead")
        level, found = fallback, data.geography.areas_within(container, fallback)
    if found.empty:
        raise ConfigError(path, f"within: {container.name} has no areas of level {level!r}")
    return [(row.name, row.code) for row in found.itertuples(index=False)], level


def _listed_reports(
    path: Path, reports: Any, dataset: Path, shared: dict[str, Any]
) -> list[tuple[str, dict[str, Any]]]:
    if not isinstance(reports, list) or not reports:
        raise ConfigError(path, "reports: expected a list of {name: ..., parameters: {...}}")
    listed = []
    for number, entry in enumerate(reports, start=1):
        where = f"reports[{number}]"
        if not isinstance(entry, dict):
            raise ConfigError(path, f"{where}: expected a mapping with keys name, parameters")
        unknown = [str(key) for key in entry if key not in REPORT_KEYS]
        if unknown:
            raise ConfigError(
                path,
                f"{where}: unknown key {', '.join(map(repr, unknown))}; "
                f"expected keys: {', '.join(REPORT_KEYS)}",
            )
        name = entry.get("name")
        if not isinstance(name, (str, int)) or not str(name).strip():
            raise ConfigError(path, f"{where}.name: expected a non-empty name for the report")
        own = _mapping(path, entry.get("parameters"), f"{where}.parameters")
        parameters = {"dataset": str(dataset), **shared, **own}
        listed.append((fill_period(path, where, str(name), parameters), parameters))
    return listed
