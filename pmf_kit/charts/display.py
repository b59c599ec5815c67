"""Showing a chart or a table in a notebook cell: accessible HTML tables with a caption and
notes, headings, and each chart with the same numbers as a table folded beneath it. Every
report (profiles, LOIP outcome reports, dashboards, the explorer) lays itself out with these, so
one look and one escaping of text serve them all.
"""

from __future__ import annotations

import math
from typing import Iterable

import altair as alt
import pandas as pd
from IPython.display import HTML, display

from pmf_kit.data.escaping import html_attribute, html_text

NO_DATA = "–"
NO_DATA_NOTE = f"{NO_DATA} No data for this area and period."
DATA_WARNINGS = "pmf_kit_data_warnings"
"""Output metadata key holding a report's data warnings, which the batch summary repeats."""
DECIMALS = {"percent": 1, "rate_per_1000": 1, "rate_per_10000": 1, "rate_per_100000": 1, "mean": 2, "score": 1,
            "count": 0, "standardised_ratio": 0, "minutes": 1, "years": 1}


def format_value(value: object, unit: str) -> str:
    """A figure as a table shows it: decimals by unit, thousands separated, symbols kept."""
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return NO_DATA
    return f"{float(value):,.{DECIMALS.get(unit, 1)}f}"


def table_html(frame: pd.DataFrame, caption: str, notes: Iterable[str] = ()) -> str:
    """An accessible HTML table: a caption, header cells with scope, notes beneath. Every text
    (headers, cells, caption, notes) is escaped by pmf_kit.data.escaping."""
    shown = frame.rename(columns=lambda column: html_text(column))
    for position, dtype in enumerate(shown.dtypes):
        if not pd.api.types.is_numeric_dtype(dtype):
            shown.iloc[:, position] = shown.iloc[:, position].map(
                lambda cell: html_text(cell) if isinstance(cell, str) else cell).astype(object)
    body = shown.to_html(index=False, escape=False, na_rep=NO_DATA, border=0, classes="pmf-table")
    body = body.replace("<table", f"<table aria-label=\"{html_attribute(caption)}\"", 1)
    body = body.replace("<thead>", f"<caption>{html_text(caption)}</caption><thead>", 1)
    body = body.replace("<th>", "<th scope=\"col\">")
    notes_html = "".join(f"<p class=\"pmf-note\">{html_text(note)}</p>" for note in notes)
    return f"<div class=\"pmf-table-wrap\">{body}{notes_html}</div>"


def show_table(frame: pd.DataFrame, caption: str, notes: Iterable[str] = ()) -> None:
    """Display a table with its caption and notes."""
    display(HTML(table_html(frame, caption, notes)))


def show_heading(text: str, level: int = 2) -> None:
    """Display a heading (notebook markdown cannot hold parameter values)."""
    display(HTML(f"<h{level}>{html_text(text)}</h{level}>"))


def show_chart(chart: alt.TopLevelMixin, data_table: pd.DataFrame, caption: str) -> None:
    """Display a chart and, folded beneath it, the same numbers as a table."""
    display(chart)
    display(HTML(f"<details class=\"pmf-data-table\"><summary>Data table: {html_text(caption)}</summary>"
                 f"{table_html(data_table, caption)}</details>"))


def show_data_warnings(warnings: Iterable[str]) -> None:
    """Things in the data set that look wrong but can be right (e.g. fractional counts), shown
    at the top of a report and carried in the output's metadata for the batch summary."""
    warnings = list(warnings)
    if warnings:
        items = "".join(f"<li>{html_text(warning)}</li>" for warning in warnings)
        display(HTML(f"<aside class=\"pmf-warning\" role=\"note\"><p><strong>Check the data:</strong></p>"
                     f"<ul>{items}</ul></aside>"), metadata={DATA_WARNINGS: warnings})
