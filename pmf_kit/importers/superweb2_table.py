"""A SuperWEB2 census export as the table `pmf-kit add-indicators` reads: one row per area, the
export's period, and each numerator and denominator the spec names as the sum of its columns,
so an analyst adds a census table as downloaded, without reshaping it."""

from __future__ import annotations

import difflib
from dataclasses import replace

import pandas as pd

from pmf_kit.data.dataset import Dataset
from pmf_kit.data.geography_versions import mixed_versions_message
from pmf_kit.errors import DataProblemsError
from pmf_kit.importers.indicator_spec import AddSpec
from pmf_kit.sources.superweb2 import GEOGRAPHIES, SuperwebExport, read_superweb2

PERIOD_COLUMN = "period"
LEVEL_OF = {"datazone_2011": "datazone", "datazone_2022": "datazone", "intermediate_zone": "intermediate_zone",
            "council": "council"}
"""The data set level each SuperWEB2 geography is; output areas and Scotland are none."""


def superweb2_table(spec: AddSpec, dataset: Dataset) -> tuple[pd.DataFrame, str | None, AddSpec]:
    """The export as add-indicators' table, its sheet, and the spec as a long layout over it."""
    export = read_superweb2(spec.file, spec.sheet)
    problems = []
    level = LEVEL_OF.get(export.geography)
    rows_are = f"the export's rows are {GEOGRAPHIES[export.geography].label}s ({export.geography_label!r})"
    export_version = export.geography.removeprefix("datazone_") if export.geography.startswith("datazone_") else None
    if level != spec.level:
        problems.append(f"geography.level: {spec.level}, but {rows_are}")
    elif export_version and dataset.geography_version and export_version != dataset.geography_version:
        problems.append(f"geography.level: {rows_are}: " + mixed_versions_message(
            "its rows", export_version, dataset.name, dataset.geography_version))
    elif not export.by_name and spec.level in dataset.level_ids:
        known = set(dataset.areas(spec.level)["code"])
        if not export.wide["geography_code"].isin(known).any():
            problems.append(f"geography.level: {rows_are}, and none of its {len(export.wide):,} codes is a "
                            f"{spec.level} of the data set (is it another geography version?)")
    for number, indicator in enumerate(spec.indicators, start=1):
        for role in ("numerator", "denominator", "value"):
            for part in indicator.parts.get(getattr(indicator, role) or "", ()):
                if part not in export.columns:
                    problems.append(f"indicators[{number}].{role}: the export has no column {part!r}"
                                    f"{_closest(part, export)}")
    if problems:
        raise DataProblemsError(spec.path, problems)
    label = export.geography_label
    table = pd.DataFrame({
        label: export.wide["geography_name" if export.by_name else "geography_code"],
        PERIOD_COLUMN: spec.period,
    })
    for indicator in spec.indicators:
        for column, parts in indicator.parts.items():
            table[column] = export.wide[list(parts)].sum(axis=1)
    table["row"] = export.wide["source_row"]
    long = replace(spec, layout="long", period_column=PERIOD_COLUMN,
                   code_column=None if export.by_name else label, name_column=label if export.by_name else None)
    return table, export.sheet, long


def _closest(column: str, export: SuperwebExport) -> str:
    close = difflib.get_close_matches(column, export.columns, n=3, cutoff=0.5)
    return f"; closest: {', '.join(map(repr, close))}" if close else f"; it has {', '.join(map(repr, export.columns))}"
