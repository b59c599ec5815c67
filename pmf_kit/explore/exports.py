"""Exports for analysts: every table to CSV and XLSX, every chart to PNG and SVG, each file
named after what it holds so a folder of exports explains itself.

Tables must carry geography columns (a `*_code` column such as area_code or datazone_code) so a
figure can always be traced to its area once it has left pmf_kit. Writing reuses
advanced_table.write_table and charts.save_chart, which replace files atomically and render
charts with vl-convert, without a network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Protocol

import altair as alt
import pandas as pd

from pmf_kit.charts import save_chart
from pmf_kit.data.naming import slugify
from pmf_kit.data.paths import project_path
from pmf_kit.data.periods import parse_period
from pmf_kit.errors import PmfKitError, expect_kind
from pmf_kit.explore.advanced_table import write_table

TABLE_FORMATS = ("csv", "xlsx")
CHART_FORMATS = ("png", "svg")
MAX_NAMED_ITEMS = 2


class Exportable(Protocol):
    """Anything with named tables and charts, like explore's QuickProfile and AreaProfile."""

    def tables(self) -> dict[str, pd.DataFrame]: ...

    def charts(self) -> dict[str, alt.TopLevelMixin]: ...


def _plural(noun: str) -> str:
    """locality → localities, ward → wards."""
    return f"{noun[:-1]}ies" if noun.endswith("y") else f"{noun}s"


def _few_or_count(values: Iterable[str], noun: str) -> str:
    """"a-and-b" for a few values, "12-<nouns>" for many."""
    distinct = [str(value) for value in dict.fromkeys(values) if pd.notna(value) and str(value)]
    if not distinct:
        return ""
    if len(distinct) <= MAX_NAMED_ITEMS:
        return "-and-".join(distinct)
    return f"{len(distinct)}-{_plural(noun)}"


def _period_span(periods: Iterable[str]) -> str:
    """One period, or "first-to-last"."""
    labels = [label for label in dict.fromkeys(periods) if pd.notna(label)]
    if not labels:
        return ""
    ordered = sorted(labels, key=parse_period)
    return ordered[0] if len(ordered) == 1 else f"{ordered[0]}-to-{ordered[-1]}"


def table_file_stem(frame: pd.DataFrame, subject: str | None = None) -> str:
    """A file name (without suffix) from what a table holds: subject, indicators or service
    lines, areas (one name, or how many of which level) and periods, e.g.
    `advanced-table_crime-rate_7-localities_2024-25`."""
    parts = [subject or ""]
    for column, noun in (("indicator_id", "indicator"), ("service_line", "service-line")):
        if column in frame.columns:
            parts.append(_few_or_count(frame[column], noun))
    if "area_name" in frame.columns:
        names = list(dict.fromkeys(frame["area_name"]))
        levels = list(dict.fromkeys(frame["area_level"])) if "area_level" in frame.columns else []
        noun = levels[0] if len(levels) == 1 else "area"
        parts.append(names[0] if len(names) == 1 else f"{len(names)}-{_plural(noun)}")
    if "period" in frame.columns:
        parts.append(_period_span(frame["period"]))
    stem = "_".join(slugify(part) for part in parts if part and slugify(part))
    if not stem:
        raise PmfKitError("cannot name the export from its content; give it a subject")
    return stem


def check_geography_columns(frame: pd.DataFrame, name: str) -> None:
    """An exported table must say which areas its rows are about."""
    if not any(str(column).endswith("_code") for column in frame.columns):
        raise PmfKitError(f"table {name!r} has no geography column (area_code, datazone_code, ...); "
                          f"found columns {', '.join(map(str, frame.columns))}")


def export_table(frame: pd.DataFrame, folder: str | Path, subject: str | None = None,
                 formats: Iterable[str] = TABLE_FORMATS) -> list[Path]:
    """Write a table to each format (CSV and XLSX by default) in `folder`, named from its content."""
    expect_kind(frame, pd.DataFrame, "export_table", "a table (a DataFrame, e.g. from pk.table)")
    stem = table_file_stem(frame, subject)
    check_geography_columns(frame, stem)
    folder = project_path(folder)
    return [write_table(frame, folder / f"{stem}.{table_format}", table_format) for table_format in formats]


def chart_title(chart: alt.TopLevelMixin) -> str:
    """The title text of a chart, or "" when it has none."""
    title = chart.to_dict().get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    return " ".join(title) if isinstance(title, list) else str(title)


def export_chart(chart: alt.TopLevelMixin, folder: str | Path, name: str | None = None,
                 formats: Iterable[str] = CHART_FORMATS) -> list[Path]:
    """Write a chart to each format (PNG and SVG by default) in `folder`, named after its title
    unless a name is given; rendered offline by vl-convert."""
    expect_kind(chart, alt.TopLevelMixin, "export_chart", "an Altair chart (e.g. from trend_chart)")
    stem = slugify(name or chart_title(chart))
    if not stem:
        raise PmfKitError("the chart has no title to name its file after; give it a name")
    folder = project_path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [save_chart(chart, folder / f"{stem}.{chart_format}") for chart_format in formats]


def export_all(result: Exportable, folder: str | Path) -> list[Path]:
    """Every table and chart of an explore result."""
    if not (callable(getattr(result, "tables", None)) and callable(getattr(result, "charts", None))):
        raise PmfKitError(f"export_all: expected a result of quick_profile or area_profile, "
                          f"found {type(result).__name__}")
    written = []
    for subject, frame in result.tables().items():
        written += export_table(frame, folder, subject)
    for name, chart in result.charts().items():
        written += export_chart(chart, folder, name)
    return written
