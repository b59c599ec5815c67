"""Collecting returned KPI forms: new figures appended to the data set at each KPI's own area,
commentary kept per period, the files kept, and the chasing list of owners still to return.

`pmf-kit kpis collect` reads each form (`kpi_returns`), keeps a copy under `returns/kpis/<period>/`
in the LOIP folder, and adds each new figure to values.csv as a new period of the KPI's area,
never touching another period or area (`importers.indicator_merge`, as add-indicators). A figure
or a commentary already held and the same is left as it is, so collecting twice changes nothing;
one that differs is held back, and replaced only with `replace=True` (`--replace`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd

from pmf_kit.data.dataset import Dataset, open_dataset
from pmf_kit.data.naming import closest_names, slugify
from pmf_kit.data.paths import missing_path_hint, project_path
from pmf_kit.errors import DataFileError, PmfKitError
from pmf_kit.importers.indicator_merge import as_values_text, held_tables, merged_values, plan_merge, write_merged
from pmf_kit.performance.kpis import KPI, load_register
from pmf_kit.performance.returns.kpi_commentary import load_commentary, write_commentary
from pmf_kit.performance.returns.kpi_forms import figure_fields
from pmf_kit.performance.returns.kpi_returns import ReturnedFigure, ReturnedKpiForm, check_return, read_kpi_form
from pmf_kit.performance.update_collection import keep_returned_file
from pmf_kit.performance.partnership import load_partnership
from pmf_kit.performance.update_forms import reporting_period

RETURNS_FOLDER = Path("returns") / "kpis"
FIGURE_COLUMNS = {"numerator": "numerator", "denominator": "denominator", "value": "value",
                  "lower": "lower_ci", "upper": "upper_ci"}


@dataclass(frozen=True)
class HeldBack:
    """A figure or commentary that differs from the one held for the same KPI and period."""

    returned: ReturnedFigure
    what: str

    @property
    def message(self) -> str:
        where = f"{self.returned.source}, row {self.returned.row}: " if self.returned.row else ""
        return f"{where}{self.returned.kpi_id} already has {self.what}; add --replace to replace it"


@dataclass(frozen=True)
class KpiCollection:
    period: str
    forms: list[ReturnedKpiForm]
    figures_added: list[ReturnedFigure]
    figures_replaced: list[ReturnedFigure]
    commentary_saved: list[ReturnedFigure]
    unchanged: list[ReturnedFigure]
    held_back: list[HeldBack]
    kept: list[Path]
    chasing: dict[str, tuple[str, ...]]
    """Owner → the KPIs they have not returned for the period."""

    @property
    def rejections(self) -> list[DataFileError]:
        return [error for form in self.forms for error in form.rejections]

    @property
    def all_good(self) -> bool:
        return not self.rejections and not self.held_back


def collect_kpi_returns(loip: str | Path, dataset: str | Path, period: str, files: Iterable[str | Path],
                        replace: bool = False) -> KpiCollection:
    """Read returned KPI forms for `period`, keep them, add their figures and commentary."""
    loip = project_path(loip)
    period = reporting_period(period, load_partnership(loip))
    paths = [project_path(file) for file in files]
    for path in paths:
        if not path.is_file():
            raise DataFileError(path, f"a returned KPI form here, but there is no such file{missing_path_hint(path)}")
    data = open_dataset(dataset)
    register = load_register(loip, data)
    kpis = {kpi.id: kpi for kpi in register.kpis}
    forms = [read_kpi_form(path, period, register, data) for path in paths]
    kept = [keep_returned_file(path, loip / RETURNS_FOLDER / slugify(period)) for path in paths]
    returned = [item for form in forms for item in form.returns]
    held_back: list[HeldBack] = []
    added, replaced, figure_same = _add_figures(data, kpis, [item for item in returned if item.figure_period],
                                                replace, held_back)
    saved, words_same = _save_commentary(loip, period, returned, replace, held_back)
    unchanged = [item for item in returned if item in words_same and (item.figure_period is None or item in figure_same)]
    return KpiCollection(period, forms, added, replaced, saved, unchanged, held_back, kept,
                         kpi_chasing_list(loip, data, period))


OPTIONS = {"figure_period": "--figure-period", "numerator": "--numerator", "denominator": "--denominator",
           "value": "--value", "lower": "--lower", "upper": "--upper", "telling_us": "--telling-us",
           "actions": "--actions"}
"""The `pmf-kit kpis add` option of each field of a return."""


def add_kpi_return(loip: str | Path, dataset: str | Path, period: str, kpi_id: str, texts: dict[str, str],
                   by: str, replace: bool = False) -> KpiCollection:
    """One KPI's late or emailed figure and commentary, checked by the rules of a returned form."""
    loip = project_path(loip)
    period = reporting_period(period, load_partnership(loip))
    data = open_dataset(dataset)
    kpis = {kpi.id: kpi for kpi in load_register(loip, data).kpis}
    if kpi_id not in kpis:
        close = closest_names(kpi_id, list(kpis))
        raise PmfKitError(f"--kpi {kpi_id!r}: expected the id of a KPI in kpis.yaml"
                          + (f"; closest: {', '.join(close)}" if close else f" ({', '.join(kpis)})"))
    kpi = kpis[kpi_id]
    catalogue = data.catalogue.loc[kpi.indicator]
    fields = figure_fields(str(catalogue["unit"]), str(catalogue["aggregation"]))
    problems = [f"{OPTIONS[key]}: {kpi_id}'s indicator {kpi.indicator} takes "
                f"{' and '.join(OPTIONS[name] for name in fields if name not in ('lower', 'upper'))}, not this"
                for key in ("numerator", "denominator", "value", "lower", "upper") if texts.get(key) and key not in fields]
    returned = check_return({key: text.strip() for key, text in texts.items()}, kpi, data, period, by,
                            "pmf-kit kpis add", 0, lambda key, expected, found: problems.append(
                                f"{OPTIONS[key]}: expected {expected}, found {found!r}"))
    if problems:
        raise PmfKitError(f"{kpi_id} for {period}, nothing recorded:\n" + "\n".join(f"  - {line}" for line in problems))
    held_back: list[HeldBack] = []
    added, replaced, figure_same = _add_figures(data, kpis, [returned] if returned.figure_period else [],
                                                replace, held_back)
    saved, words_same = _save_commentary(loip, period, [returned], replace, held_back)
    unchanged = [returned] if returned in words_same and (returned.figure_period is None or figure_same) else []
    return KpiCollection(period, [], added, replaced, saved, unchanged, held_back, [],
                         kpi_chasing_list(loip, data, period))


def _figure_row(kpi: KPI, item: ReturnedFigure) -> dict[str, object]:
    row: dict[str, object] = {"indicator_id": kpi.indicator, "geography_code": kpi.area, "period": item.figure_period,
                              "quality_flag": "", "row": item.row}
    for key, column in FIGURE_COLUMNS.items():
        row[column] = item.figures.get(key, math.nan)
    return row


def _same_figure(held: pd.Series, new: dict[str, object]) -> bool:
    for column in FIGURE_COLUMNS.values():
        text = str(held.get(column, "") or "")
        old = float(text) if text else math.nan
        value = float(new[column])  # type: ignore[arg-type]
        if not (old == value or (math.isnan(old) and math.isnan(value))):
            return False
    return True


def _add_figures(data: Dataset, kpis: dict[str, KPI], items: list[ReturnedFigure], replace: bool,
                 held_back: list[HeldBack]) -> tuple[list[ReturnedFigure], list[ReturnedFigure], list[ReturnedFigure]]:
    """Append the new figures (one write); the same figure again is unchanged, a different one held back."""
    catalogue, values = held_tables(data)
    asked = values[values["indicator_id"].isin({kpis[item.kpi_id].indicator for item in items})
                   & values["geography_code"].isin({kpis[item.kpi_id].area for item in items})]
    held = {(row["indicator_id"], row["geography_code"], row["period"]): row for _, row in asked.iterrows()}
    new_rows, added, replaced, same = [], [], [], []
    for item in items:
        kpi = kpis[item.kpi_id]
        row = _figure_row(kpi, item)
        key = (kpi.indicator, kpi.area, item.figure_period)
        if key not in held:
            added.append(item)
        elif _same_figure(held[key], row):
            same.append(item)
            continue
        elif replace:
            replaced.append(item)
        else:
            held_back.append(HeldBack(item, f"a different {item.figure_period} figure in the data set"))
            continue
        new_rows.append(row)
    if new_rows:
        rows = pd.DataFrame(new_rows)
        merges = [plan_merge(indicator, catalogue[catalogue["indicator_id"] == indicator].iloc[0].to_dict(),
                             catalogue, values, group) for indicator, group in rows.groupby("indicator_id")]
        write_merged(data, catalogue, merges, merged_values(values, merges, as_values_text(rows.drop(columns="row"))))
    return added, replaced, same


def _save_commentary(loip: Path, period: str, items: list[ReturnedFigure], replace: bool,
                     held_back: list[HeldBack]) -> tuple[list[ReturnedFigure], list[ReturnedFigure]]:
    """Each KPI's words for the period, added or (with replace) replaced; the same words unchanged."""
    table = load_commentary(loip)
    saved, same = [], []
    for item in items:
        row = {"kpi_id": item.kpi_id, "reporting_period": period, "figure_period": item.figure_period or "",
               "telling_us": item.telling_us, "actions_to_improve": item.actions, "updated_by": item.owner}
        at = table.index[(table["kpi_id"] == item.kpi_id) & (table["reporting_period"] == period)]
        if len(at) and table.loc[at[0]].to_dict() == row:
            same.append(item)
        elif len(at) and not replace:
            held_back.append(HeldBack(item, f"different commentary for {period}"))
        elif len(at):
            table.loc[at[0]] = row
            saved.append(item)
        else:
            table = pd.concat([table, pd.DataFrame([row])], ignore_index=True)
            saved.append(item)
    if saved:
        write_commentary(loip, table)
    return saved, same


def kpi_chasing_list(loip: Path, data: Dataset, period: str) -> dict[str, tuple[str, ...]]:
    """Owners with KPIs that have no return (no commentary row) for `period`."""
    returned = set(load_commentary(loip).query("reporting_period == @period")["kpi_id"])
    owing: dict[str, list[str]] = {}
    for kpi in load_register(loip, data).kpis:
        if kpi.sheet.get("responsible") and kpi.id not in returned:
            owing.setdefault(kpi.sheet["responsible"], []).append(kpi.id)
    return {owner: tuple(ids) for owner, ids in sorted(owing.items())}
