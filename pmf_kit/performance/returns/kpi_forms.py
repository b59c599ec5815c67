"""KPI return forms: one locked workbook per KPI owner, for their KPIs' new figures and commentary.

`pmf-kit kpis send` writes, for each owner named in a KPI's data management sheet
(`sheet.responsible`), a row per KPI: what it is and where, the latest figure the data set holds,
and input cells for the figure of the next period (suggested, and editable) in the form the
indicator needs (a count and a denominator, or a published value with its limits), what the data
is telling us and the actions to improve. Every other cell is locked (`locked_workbooks`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pmf_kit.charts.display import format_value
from pmf_kit.data.atomic import replacing
from pmf_kit.data.dataset import Dataset, open_dataset
from pmf_kit.data.naming import slugify
from pmf_kit.data.paths import project_path
from pmf_kit.data.periods import following_period
from pmf_kit.performance.kpis import KPI, load_register
from pmf_kit.performance.returns.locked_workbooks import (
    INPUT_FILL,
    THIN,
    add_rule,
    make_input,
    protect,
    put_locked,
    write_record,
)
from pmf_kit.performance.status import period_end
from pmf_kit.performance.partnership import load_partnership
from pmf_kit.performance.update_forms import reporting_period
from pmf_kit.performance.values import area_series
from pmf_kit.stats.intervals import PUBLISHED_ONLY_UNITS

FORM_KIND = "pmf_kit KPI return form"
FORM_VERSION = "1"
FORM_SHEET = "KPI return"
PERIOD_CELL, OWNER_CELL = "B3", "B4"
HEADER_ROW, FIRST_ROW = 7, 8
TEXT_LIMIT = 800
"""Most characters "what the data is telling us" or "actions to improve" may hold."""


@dataclass(frozen=True)
class FormColumn:
    letter: str
    heading: str
    width: int
    is_input: bool = False


COLUMNS = {
    "kpi_id": FormColumn("A", "KPI ID", 10),
    "title": FormColumn("B", "KPI", 34),
    "area": FormColumn("C", "Area", 18),
    "unit": FormColumn("D", "Unit", 14),
    "held_period": FormColumn("E", "Latest figure held", 12),
    "held_value": FormColumn("F", "Its value", 11),
    "figure_period": FormColumn("G", "Period of the new figure", 13, True),
    "numerator": FormColumn("H", "Count (numerator)", 12, True),
    "denominator": FormColumn("I", "Denominator", 12, True),
    "value": FormColumn("J", "Value", 11, True),
    "lower": FormColumn("K", "Lower 95% limit", 11, True),
    "upper": FormColumn("L", "Upper 95% limit", 11, True),
    "telling_us": FormColumn("M", "What the data is telling us", 44, True),
    "actions": FormColumn("N", "Actions to improve", 40, True),
}
FIGURES = ("numerator", "denominator", "value", "lower", "upper")
TEXTS = ("telling_us", "actions")


def figure_fields(unit: str, aggregation: str) -> tuple[str, ...]:
    """The figure cells a KPI's indicator needs: a count alone; a count and its denominator (a
    percentage or a rate, summed); a value and the denominator it is weighted by (an average);
    or a published value and its limits (a score, a ratio, life expectancy)."""
    if unit == "count":
        return ("numerator",)
    if unit in PUBLISHED_ONLY_UNITS or aggregation == "not_additive":
        return ("value", "lower", "upper")
    if aggregation == "population_weighted":
        return ("value", "denominator")
    return ("numerator", "denominator")


@dataclass(frozen=True)
class SentKpiForm:
    owner: str
    path: Path
    kpi_ids: tuple[str, ...]


@dataclass(frozen=True)
class KpiSending:
    """The forms written, and the KPIs no form could go to (no owner on their sheet)."""

    period: str
    forms: list[SentKpiForm]
    without_owner: list[str]


def kpi_form_path(out: Path, owner: str, period: str) -> Path:
    return out / f"{slugify(owner)}-{slugify(period)}-kpi-return.xlsx"


def send_kpi_forms(loip: str | Path, dataset: str | Path, period: str, out: str | Path) -> KpiSending:
    """Write one KPI return form per owner into `out`."""
    loip, out = project_path(loip), project_path(out)
    period = reporting_period(period, load_partnership(loip))
    data = open_dataset(dataset)
    register = load_register(loip, data)
    owners: dict[str, list[KPI]] = {}
    for kpi in register.kpis:
        if kpi.sheet.get("responsible"):
            owners.setdefault(kpi.sheet["responsible"], []).append(kpi)
    forms = [SentKpiForm(owner, write_kpi_form(kpi_form_path(out, owner, period), owner, period, kpis, data),
                         tuple(kpi.id for kpi in kpis)) for owner, kpis in sorted(owners.items())]
    return KpiSending(period, forms, [kpi.id for kpi in register.kpis if not kpi.sheet.get("responsible")])


def latest_held(data: Dataset, kpi: KPI, period: str) -> tuple[str, str]:
    """The latest period the data set holds for the KPI's area by `period`, and its value as shown
    (after suppression, as every report shows it)."""
    series = area_series(data, kpi.indicator, kpi.level, kpi.area, period)
    if series.empty:
        return "", ""
    row = series.iloc[-1]
    unit = str(data.catalogue.loc[kpi.indicator, "unit"])
    return str(row["period"]), "suppressed" if pd.isna(row["value"]) else format_value(float(row["value"]), unit)


def suggested_period(held: str, period: str) -> str:
    """The period after the latest held, if it has ended by the end of the reporting period."""
    if not held:
        return ""
    following = following_period(held)
    return following if period_end(following) <= period_end(period) else ""


def write_kpi_form(path: Path, owner: str, period: str, kpis: list[KPI], data: Dataset) -> Path:
    """One owner's form, written atomically."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = FORM_SHEET
    locked: dict[str, str] = {}
    _write_heading(sheet, locked, owner, period)
    for offset, kpi in enumerate(kpis):
        _write_kpi(sheet, locked, FIRST_ROW + offset, kpi, data, period)
    _add_validation(sheet, FIRST_ROW + len(kpis) - 1)
    protect(workbook, sheet)
    write_record(workbook, {"form": FORM_KIND, "version": FORM_VERSION, "period": period, "owner": owner}, locked)
    with replacing(path) as temporary:
        workbook.save(temporary)
    return path


def _write_heading(sheet: Worksheet, locked: dict[str, str], owner: str, period: str) -> None:
    put_locked(sheet, locked, "A1", f"KPI return: {period}")
    sheet["A1"].font = Font(bold=True, size=14)
    for coordinate, text in (("A3", "Reporting period"), (PERIOD_CELL, period), ("A4", "KPI owner"),
                             (OWNER_CELL, owner), ("A5", "What to do")):
        put_locked(sheet, locked, coordinate, text)
    put_locked(sheet, locked, "B5", (
        "For each KPI, fill in the shaded cells: the period the new figure describes (the next one is suggested; "
        "change it if your figure is for another), the figure in the cells open for it (a count and its "
        "denominator, or a published value with its 95% limits), what the data is telling us and the actions "
        f"to improve (up to {TEXT_LIMIT} characters each). With no new figure, give the commentary only. Leave "
        "a row empty if there is nothing to report. The other cells are locked, and checked when the form "
        "comes back."))
    sheet.merge_cells(f"B5:{COLUMNS['actions'].letter}5")
    sheet["B5"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[5].height = 48
    for label in ("A3", "A4", "A5"):
        sheet[label].font = Font(bold=True)
    for column in COLUMNS.values():
        coordinate = f"{column.letter}{HEADER_ROW}"
        put_locked(sheet, locked, coordinate, column.heading)
        sheet[coordinate].font = Font(bold=True)
        sheet[coordinate].alignment = Alignment(wrap_text=True, vertical="top")
        sheet[coordinate].border = Border(bottom=THIN)
        if column.is_input:
            sheet[coordinate].fill = INPUT_FILL
        sheet.column_dimensions[column.letter].width = column.width
    sheet.freeze_panes = f"B{FIRST_ROW}"


def _write_kpi(sheet: Worksheet, locked: dict[str, str], row: int, kpi: KPI, data: Dataset, period: str) -> None:
    catalogue = data.catalogue.loc[kpi.indicator]
    held_period, held_value = latest_held(data, kpi, period)
    values = {"kpi_id": kpi.id, "title": kpi.title, "area": kpi.area_name, "unit": str(catalogue["unit"]),
              "held_period": held_period or "none", "held_value": held_value}
    for key, value in values.items():
        if value:
            put_locked(sheet, locked, f"{COLUMNS[key].letter}{row}", value)
    sheet[f"{COLUMNS['title'].letter}{row}"].alignment = Alignment(wrap_text=True, vertical="top")
    open_cells = ("figure_period", *figure_fields(str(catalogue["unit"]), str(catalogue["aggregation"])), *TEXTS)
    for key in open_cells:
        make_input(sheet, f"{COLUMNS[key].letter}{row}", "@" if key in ("figure_period", *TEXTS) else "General")
    sheet[f"{COLUMNS['figure_period'].letter}{row}"].value = suggested_period(held_period, period) or None


def _add_validation(sheet: Worksheet, last_row: int) -> None:
    """Excel's own checks: whole counts of 0 or more, numbers in the value cells, bounded text."""
    def cells(key: str) -> str:
        letter = COLUMNS[key].letter
        return f"{letter}{FIRST_ROW}:{letter}{last_row}"

    for key in ("numerator", "denominator"):
        add_rule(sheet, DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0"), cells(key),
                 COLUMNS[key].heading, "A whole number, 0 or more.")
    for key in ("value", "lower", "upper"):
        add_rule(sheet, DataValidation(type="decimal", operator="between", formula1="-1000000000000",
                                       formula2="1000000000000"), cells(key),
                 COLUMNS[key].heading, "A number in the KPI's unit.")
    for key in TEXTS:
        add_rule(sheet, DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(TEXT_LIMIT)),
                 cells(key), COLUMNS[key].heading, f"Up to {TEXT_LIMIT} characters.")
