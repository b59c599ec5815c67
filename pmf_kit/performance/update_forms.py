"""Update forms sent to action leads: one workbook per lead, their actions, Excel's own checks.

`pmf-kit updates send` writes, for each lead, the actions that need an update at a reporting
period (active, started by its end, not complete at the last update) with that last update, and input
cells for the new one, each with Excel's data validation: a drop-down of statuses, % complete a
whole number from 0 to 100, a date inside the period's window, commentary of bounded length.
Every other cell is locked and the sheet protected; a very hidden sheet records what each locked
cell held, so `update_returns` can tell when one was changed. Text from the LOIP files goes in as
text (`data.spreadsheets`), never as a formula.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pmf_kit.data.atomic import replacing
from pmf_kit.data.naming import slugify
from pmf_kit.data.paths import project_path
from pmf_kit.data.periods import parse_period
from pmf_kit.data.spreadsheets import write_text_cell
from pmf_kit.performance.actions import (
    ACTION_STATUSES,
    ActionPlan,
    action_progress,
    load_action_plan,
    needs_update,
    previous_reporting_period,
)
from pmf_kit.performance.kpis import load_outcomes
from pmf_kit.performance.partnership import Partnership, load_partnership
from pmf_kit.performance.status import period_end

FORM_KIND = "pmf_kit action update form"
FORM_VERSION = "1"
FORM_SHEET = "Update"
RECORD_SHEET = "pmf_kit_form"
"""The very hidden sheet holding the period, the lead and every locked cell as it was sent."""

PERIOD_CELL, LEAD_CELL = "B3", "B4"
HEADER_ROW = 7
FIRST_ROW = 8
TEXT_LIMIT = 500
"""Most characters a commentary or a reason may hold."""

RETURN_MONTHS = 3
"""An update may be dated from the start of its period to three months after the period ends."""


@dataclass(frozen=True)
class FormColumn:
    """One column of the form: its letter, heading, width, and whether the lead fills it in."""

    letter: str
    heading: str
    width: int
    is_input: bool = False


COLUMNS = {
    "action_id": FormColumn("A", "Action ID", 10),
    "title": FormColumn("B", "Action", 42),
    "outcome": FormColumn("C", "LOIP outcome", 26),
    "due": FormColumn("D", "Due", 12),
    "last_period": FormColumn("E", "Last update", 11),
    "last_status": FormColumn("F", "Last status", 11),
    "last_percent": FormColumn("G", "Last % complete", 10),
    "last_commentary": FormColumn("H", "Last commentary", 42),
    "status": FormColumn("I", "Status", 13, True),
    "percent_complete": FormColumn("J", "% complete", 10, True),
    "updated_on": FormColumn("K", "Date of update", 13, True),
    "commentary": FormColumn("L", "Commentary", 48, True),
    "reason": FormColumn("M", "Why % complete is lower", 34, True),
}
INPUTS = [key for key, column in COLUMNS.items() if column.is_input]
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
THIN = Side(style="thin", color="8C8C8C")


@dataclass(frozen=True)
class SentForm:
    """One workbook written for one action lead."""

    lead: str
    path: Path
    action_ids: tuple[str, ...]


def reporting_period(label: str, partnership: Partnership = Partnership()) -> str:
    """One of the partnership's reporting periods (`2025/26 Q2`), normalised; anything else is an error."""
    return partnership.reporting_period(label)


def date_window(period: str) -> tuple[date, date]:
    """First and last date an update for `period` may carry: 2025/26 Q2 → 1 Jul 2025 to 31 Dec 2025."""
    after = period_end(period)
    months = after.month - 1 + RETURN_MONTHS
    last = date(after.year + months // 12, months % 12 + 1, 1) - timedelta(days=1)
    return parse_period(period).start, last


def actions_to_update(plan: ActionPlan, period: str) -> pd.DataFrame:
    """Actions that need an update at `period` (`actions.needs_update`: active, started, not complete),
    each with its last update before it: the columns of `action_progress` at the previous reporting
    period (`status`, `percent_complete`, `commentary`, `update_period` = the last update)."""
    progress = action_progress(plan, previous_reporting_period(period, plan.partnership))
    return progress[progress["action_id"].isin(needs_update(plan, period))].reset_index(drop=True)


def cell_text(value: object) -> str:
    """A cell's value as comparable text, the same whether just written or read back from a file."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def form_path(out: Path, lead: str, period: str) -> Path:
    """`<out>/<lead>-<period>-update.xlsx`."""
    return out / f"{slugify(lead)}-{slugify(period)}-update.xlsx"


def send_update_forms(loip: str | Path, period: str, out: str | Path) -> list[SentForm]:
    """Write one update form per action lead with actions to update at `period` into `out`."""
    loip, out = project_path(loip), project_path(out)
    period = reporting_period(period, load_partnership(loip))
    outcomes = load_outcomes(loip / "outcomes.yaml")
    titles = {outcome.id: outcome.title for outcome in outcomes.values()}
    due = actions_to_update(load_action_plan(loip, outcomes), period)
    sent = []
    for lead, rows in due.groupby("lead", sort=True):
        path = write_update_form(form_path(out, lead, period), lead, period, rows.reset_index(drop=True), titles)
        sent.append(SentForm(lead, path, tuple(rows["action_id"])))
    return sent


def write_update_form(path: Path, lead: str, period: str, rows: pd.DataFrame, outcome_titles: dict[str, str]) -> Path:
    """One lead's form: a heading, instructions, a row per action; written atomically."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = FORM_SHEET
    locked: dict[str, str] = {}
    _write_heading(sheet, locked, lead, period)
    for offset, (_, action) in enumerate(rows.iterrows()):
        _write_action(sheet, locked, FIRST_ROW + offset, action, outcome_titles)
    last_row = FIRST_ROW + len(rows) - 1
    _add_validation(sheet, period, last_row)
    _protect(workbook, sheet)
    _write_record(workbook, lead, period, locked)
    with replacing(path) as temporary:
        workbook.save(temporary)
    return path


def _put(sheet: Worksheet, locked: dict[str, str], coordinate: str, value: object) -> None:
    """A locked cell: text written as text, and what it holds recorded for the return check."""
    cell = sheet[coordinate]
    if isinstance(value, str):
        write_text_cell(cell, value)
    else:
        cell.value = value
    locked[coordinate] = cell_text(cell.value)


def _write_heading(sheet: Worksheet, locked: dict[str, str], lead: str, period: str) -> None:
    first, last = date_window(period)
    _put(sheet, locked, "A1", f"Action progress update: {period}")
    sheet["A1"].font = Font(bold=True, size=14)
    _put(sheet, locked, "A3", "Reporting period")
    _put(sheet, locked, PERIOD_CELL, period)
    _put(sheet, locked, "A4", "Action lead")
    _put(sheet, locked, LEAD_CELL, lead)
    _put(sheet, locked, "A5", "What to do")
    _put(sheet, locked, "B5", (
        "For each action, fill in the shaded cells: the status (choose from the list), % complete (a whole "
        f"number from 0 to 100), the date of this update ({first:%d %b %Y} to {last:%d %b %Y}) and a "
        f"commentary of up to {TEXT_LIMIT} characters. If % complete is lower than at the last update, say why "
        "in the last column. Leave a row empty if there is nothing to report. The other cells are locked: they "
        "are checked when the form comes back, and a row whose locked cells were changed is not accepted."))
    sheet.merge_cells(f"B5:{COLUMNS['reason'].letter}5")
    sheet["B5"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[5].height = 48
    for key, column in COLUMNS.items():
        coordinate = f"{column.letter}{HEADER_ROW}"
        _put(sheet, locked, coordinate, column.heading)
        sheet[coordinate].font = Font(bold=True)
        sheet[coordinate].alignment = Alignment(wrap_text=True, vertical="top")
        sheet[coordinate].border = Border(bottom=THIN)
        if column.is_input:
            sheet[coordinate].fill = INPUT_FILL
        sheet.column_dimensions[column.letter].width = column.width
    for label in ("A3", "A4", "A5"):
        sheet[label].font = Font(bold=True)
    sheet.freeze_panes = f"B{FIRST_ROW}"


def _write_action(sheet: Worksheet, locked: dict[str, str], row: int, action: pd.Series,
                  outcome_titles: dict[str, str]) -> None:
    has_update = bool(action["update_period"])
    values = {
        "action_id": action["action_id"],
        "title": ("" if action["is_high_level"] else "↳ ") + action["title"],
        "outcome": outcome_titles.get(action["outcome"], action["outcome"]),
        "due": action["due"],
        "last_period": action["update_period"] or "none yet",
        "last_status": action["status"] if has_update else "",
        "last_percent": _whole_if_whole(action["percent_complete"]) if has_update else None,
        "last_commentary": action["commentary"] if has_update else "",
    }
    for key, value in values.items():
        if value is None or value == "":
            continue
        _put(sheet, locked, f"{COLUMNS[key].letter}{row}", value)
    sheet[f"{COLUMNS['due'].letter}{row}"].number_format = "dd mmm yyyy"
    for key in ("title", "last_commentary"):
        sheet[f"{COLUMNS[key].letter}{row}"].alignment = Alignment(wrap_text=True, vertical="top")
    for key in INPUTS:
        cell = sheet[f"{COLUMNS[key].letter}{row}"]
        cell.protection = Protection(locked=False)
        cell.fill = INPUT_FILL
        cell.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet[f"{COLUMNS['percent_complete'].letter}{row}"].number_format = "0"
    sheet[f"{COLUMNS['updated_on'].letter}{row}"].number_format = "dd/mm/yyyy"
    for key in ("commentary", "reason"):
        sheet[f"{COLUMNS[key].letter}{row}"].number_format = "@"  # typed text stays text, never a formula


def _whole_if_whole(number: float) -> int | float:
    """70.0 → 70, so a form shows 70 rather than 70.0."""
    return int(number) if float(number).is_integer() else float(number)


def _add_validation(sheet: Worksheet, period: str, last_row: int) -> None:
    """Excel's own checks on the input cells, each with a prompt and an error message."""
    first, last = date_window(period)

    def cells(key: str) -> str:
        letter = COLUMNS[key].letter
        return f"{letter}{FIRST_ROW}:{letter}{last_row}"

    rules = [
        ("status", DataValidation(type="list", formula1='"' + ",".join(ACTION_STATUSES) + '"'),
         "Status", f"Choose one of: {', '.join(ACTION_STATUSES)}."),
        ("percent_complete", DataValidation(type="whole", operator="between", formula1="0", formula2="100"),
         "% complete", "A whole number from 0 to 100. Complete means 100."),
        ("updated_on", DataValidation(type="date", operator="between",
                                      formula1=f"DATE({first.year},{first.month},{first.day})",
                                      formula2=f"DATE({last.year},{last.month},{last.day})"),
         "Date of update", f"A date from {first:%d/%m/%Y} to {last:%d/%m/%Y}."),
        ("commentary", DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(TEXT_LIMIT)),
         "Commentary", f"Up to {TEXT_LIMIT} characters: progress since the last update."),
        ("reason", DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(TEXT_LIMIT)),
         "Why lower", f"Only if % complete is lower than at the last update; up to {TEXT_LIMIT} characters."),
    ]
    for key, rule, title, message in rules:
        rule.allow_blank = True
        rule.showErrorMessage = rule.showInputMessage = True
        rule.errorTitle = rule.promptTitle = title
        rule.error = rule.prompt = message
        rule.add(cells(key))
        sheet.add_data_validation(rule)


def _protect(workbook: Workbook, sheet: Worksheet) -> None:
    """Locked cells stay locked: the sheet is protected (columns and rows may still be resized),
    and the workbook's structure too, so the record sheet cannot be shown or sheets renamed."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    workbook.security = WorkbookProtection(lockStructure=True)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _write_record(workbook: Workbook, lead: str, period: str, locked: dict[str, str]) -> None:
    """The very hidden sheet: what the form is, for whom and when, and every locked cell as sent."""
    record = workbook.create_sheet(RECORD_SHEET)
    record.sheet_state = "veryHidden"
    rows = [("form", FORM_KIND), ("version", FORM_VERSION), ("period", period), ("lead", lead)]
    rows += [("cell", coordinate, text) for coordinate, text in locked.items()]
    for number, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            write_text_cell(record.cell(row=number, column=column), value)
    record.protection.sheet = True
