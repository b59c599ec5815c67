"""Showing a chart or a table in a notebook cell: accessible HTML tables with a caption and
notes, headings, text written in a little Markdown, and each chart with the same numbers as a
table folded beneath it. Every report (profiles, LOIP outcome reports, dashboards, the explorer)
lays itself out with these, so one look and one escaping of text serve them all.
"""

from __future__ import annotations

import math
import numbers
import re
from typing import Iterable

import altair as alt
import pandas as pd
from IPython.display import HTML, display

from pmf_kit.data.escaping import html_attribute, html_text
from pmf_kit.stats.rounding import figure_text

NO_DATA = "–"
NO_DATA_NOTE = f"{NO_DATA} No data for this area and period."
DATA_WARNINGS = "pmf_kit_data_warnings"
"""Output metadata key holding a report's data warnings, which the batch summary repeats."""
DECIMALS = {"percent": 1, "rate_per_1000": 1, "rate_per_10000": 1, "rate_per_100000": 1, "mean": 2, "score": 1,
            "count": 0, "standardised_ratio": 0, "minutes": 1, "years": 1}
MOST_DECIMALS = 6
LONG_TEXT = 60
"""Characters a column's cells average above which it is prose, given room to be read."""
TEXT_HEADERS = ("Period",)
"""Columns read as labels even when they hold numbers (2024 is a year, not an amount)."""
LONG_WORD = 12
"""Characters above which a word in a table may break (see _breakable)."""
BREAK_EVERY = 8
SOFT_HYPHEN = "&shy;"
_IDENTIFIER = re.compile(r"[_.@:\d]")
"""What makes a word an identifier, file name or address, never hyphenated."""
_FIGURE = re.compile(r"^[-−+]?[\d,]*\.?\d+%?$|^[*–]$")


def format_value(value: object, unit: str) -> str:
    """A figure as a table shows it: decimals by unit, half up (stats.rounding), thousands
    separated, symbols kept."""
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return NO_DATA
    return figure_text(float(value), DECIMALS.get(unit, 1))


def heading_anchor(text: str) -> str:
    """The id of a heading: its text with spaces as hyphens, the rule JupyterLab and nbconvert
    apply to Markdown headings, so a contents link finds a heading from either."""
    return "-".join(str(text).split())


def _decimals(column: pd.Series) -> int:
    """Decimals that show every float of a column: none for whole numbers (a count held as a
    float), else the fewest (at least one) that lose nothing, up to six."""
    floats = [float(cell) for cell in column if isinstance(cell, float) and math.isfinite(cell)]
    if floats and all(cell.is_integer() for cell in floats):
        return 0
    return next((places for places in range(1, MOST_DECIMALS)
                 if all(round(cell, places) == round(cell, MOST_DECIMALS) for cell in floats)), MOST_DECIMALS)


def _cell_text(cell: object, decimals: int) -> str:
    """A cell as text: strings as they are, integers plain (a year, a code), floats half up to the
    column's decimals with thousands separated (stats.rounding)."""
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return NO_DATA
    if isinstance(cell, bool) or isinstance(cell, str):
        return str(cell)
    if isinstance(cell, numbers.Integral):
        return str(int(cell))
    if isinstance(cell, numbers.Real):
        return figure_text(float(cell), decimals)
    return str(cell)


def _is_figure_column(texts: list[str]) -> bool:
    """A column of figures (numbers, "–" or "*"), aligned right; any other is text, aligned left."""
    return bool(texts) and all(_FIGURE.match(text.strip()) for text in texts) and any(
        text not in (NO_DATA, "*") for text in texts)


def _breakable(text: str) -> str:
    """Text for a table cell, escaped, where a long word may break only where a reader expects:
    after each "/" of a name such as "Hazlehead/Queens Cross/Countesswells", after the hyphen
    of "Alcohol-related" (the browser's own break: no soft hyphen beside it, which would show
    "Alcohol--related"), and at a soft hyphen every BREAK_EVERY letters of a longer plain word
    ("Clackman-nanshire"). An identifier or address (holding "_", ".", "@", ":" or a digit:
    "hscp_locality", "SpatialData.gov.scot") never shows a hyphen: it may break, invisibly,
    after its "_", "." or "/". Short words ("2024/25", "Scotland") stay whole."""
    pieces = []
    for piece in re.split(r"(\s+)", str(text)):
        if len(piece) <= LONG_WORD:
            pieces.append(html_text(piece))
        elif _IDENTIFIER.search(piece):
            pieces.append("<wbr>".join(html_text(part) for part in re.split(r"(?<=[_./])", piece)))
        else:
            parts = re.split(r"(?<=[/-])", piece)
            pieces.append("<wbr>".join(_soft_hyphenated(part) if not part.endswith("/") else html_text(part)
                                       for part in parts))
    return "".join(pieces)


def _soft_hyphenated(word: str) -> str:
    """A plain word longer than LONG_WORD with a soft hyphen every BREAK_EVERY letters; a hyphen
    it ends with stays the last character, with no soft hyphen beside it."""
    stem = word.rstrip("-")
    if len(stem) <= LONG_WORD:
        return html_text(word)
    chunks = [stem[start:start + BREAK_EVERY] for start in range(0, len(stem), BREAK_EVERY)]
    return SOFT_HYPHEN.join(html_text(chunk) for chunk in chunks) + html_text(word[len(stem):])


def table_html(frame: pd.DataFrame, caption: str, notes: Iterable[str] = (), labelled: bool = True) -> str:
    """An accessible HTML table: a caption, column headers with scope, the first cell of each row
    a row header, figures aligned right and text left (prose given room to be read), notes beneath. When `labelled`, each cell
    carries its column's header (`data-label`), which a narrow screen shows beside it instead of
    the header row (a chart's folded data table is not labelled: it scrolls in its box instead,
    and the page stays small). Every text (headers, cells, caption, notes) is escaped for where
    it lands."""
    headers = [str(column) for column in frame.columns]
    columns = []
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        decimals = _decimals(column)
        columns.append([_cell_text(cell, decimals) for cell in column])
    figures = [_is_figure_column(texts) and not header.startswith(TEXT_HEADERS) for header, texts in zip(headers, columns)]
    prose = [bool(texts) and sum(map(len, texts)) / len(texts) > LONG_TEXT for texts in columns]
    kinds = [" class=\"pmf-figure\"" if figure else " class=\"pmf-prose\"" if long else ""
             for figure, long in zip(figures, prose)]
    head = "".join(f"<th scope=\"col\"{kind}>{_breakable(header)}</th>" for header, kind in zip(headers, kinds))
    rows = []
    for row in range(frame.shape[0]):
        cells = []
        for position, (header, kind) in enumerate(zip(headers, kinds)):
            tag, scope = ("th", " scope=\"row\"") if position == 0 else ("td", "")
            label = f" data-label=\"{html_attribute(header)}\"" if labelled else ""
            cells.append(f"<{tag}{scope}{kind}{label}>{_breakable(columns[position][row])}</{tag}>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    notes_html = "".join(f"<p class=\"pmf-note\">{html_text(note)}</p>" for note in notes)
    classes = "pmf-table pmf-labelled" if labelled else "pmf-table"
    return (f"<div class=\"pmf-table-wrap\"><table class=\"{classes}\" aria-label=\"{html_attribute(caption)}\">"
            f"<caption>{html_text(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{notes_html}</div>")


def show_table(frame: pd.DataFrame, caption: str, notes: Iterable[str] = ()) -> None:
    """Display a table with its caption and notes."""
    display(HTML(table_html(frame, caption, notes)))


def show_heading(text: str, level: int = 2) -> None:
    """Display a heading (notebook markdown cannot hold parameter values), with the id a
    contents list links to (`heading_anchor`)."""
    display(HTML(f"<h{level} id=\"{html_attribute(heading_anchor(text))}\">{html_text(text)}</h{level}>"))


def display_chart(chart: alt.TopLevelMixin) -> None:
    """Display a chart through Altair's active renderer, its spec not checked against the
    Vega-Lite schema again: every builder's spec is checked in tests/charts, and checking each
    chart of each report (jsonschema) cost about a tenth of a report's time."""
    shown = alt.renderers.get()(chart.to_dict(validate=False, context={"pre_transform": False}))
    bundle, metadata = shown if isinstance(shown, tuple) else (shown, {})
    display(bundle, metadata=metadata, raw=True)


def show_chart(chart: alt.TopLevelMixin, data_table: pd.DataFrame, caption: str) -> None:
    """Display a chart and, folded beneath it, the same numbers as a table."""
    display_chart(chart)
    display(HTML(f"<details class=\"pmf-data-table\"><summary>Data table: {html_text(caption)}</summary>"
                 f"{table_html(data_table, caption, labelled=False)}</details>"))


def show_data_warnings(warnings: Iterable[str]) -> None:
    """Things in the data set that look wrong but can be right (e.g. fractional counts), for the
    analyst: shown in JupyterLab, and carried in the output's metadata to the batch summary and
    its log, while the rendered report leaves them out (batch.render): they are diagnostics for
    whoever made the data set, not for the page's readers."""
    warnings = list(warnings)
    if warnings:
        items = "".join(f"<li>{html_text(warning)}</li>" for warning in warnings)
        display(HTML(f"<aside class=\"pmf-warning\" role=\"note\"><p><strong>Check the data:</strong></p>"
                     f"<ul>{items}</ul></aside>"), metadata={DATA_WARNINGS: warnings})


def _inline_markdown(text: str) -> str:
    """Escape everything, then turn **strong**, *emphasis* and two-space line ends into HTML."""
    escaped = html_text(text)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped, flags=re.DOTALL)
    escaped = re.sub(r"\*(.+?)\*", r"<em>\1</em>", escaped, flags=re.DOTALL)
    return re.sub(r" {2,}\n", "<br>", escaped).replace("\n", " ")


def markdown_to_safe_html(text: str) -> str:
    """Paragraphs, `- ` lists, **strong**, *emphasis* and line breaks; every other character
    escaped first, so text an analyst or a data file supplies is shown, never run.

    As in Markdown, a blank line starts a paragraph, a paragraph whose lines all start with `- `
    is a list, a line ending in two spaces breaks the line, and any other line break is a space
    (so hard-wrapped text flows).
    """
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    rendered = []
    for paragraph in paragraphs:
        lines = paragraph.splitlines()
        if all(line.lstrip().startswith("- ") for line in lines):
            items = "".join(f"<li>{_inline_markdown(line.lstrip()[2:].strip())}</li>" for line in lines)
            rendered.append(f"<ul>{items}</ul>")
        else:
            rendered.append(f"<p>{_inline_markdown(paragraph)}</p>")
    return "\n".join(rendered)
