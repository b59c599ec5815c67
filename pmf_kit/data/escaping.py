"""Text from data files made safe for the place it is written: HTML text, an HTML attribute,
JSON inside a `<script>`, a spreadsheet cell. One helper per context, used by every writer.

Area names, indicator and KPI titles, action text and case studies come from files anyone may
edit, so each is escaped at the point of output for where it lands (OWASP output encoding):

- HTML text and attributes: `&`, `<`, `>`, `"` and `'` as character references.
- JSON inside an inline `<script>`: `<`, `>` and `&` written as `\\u003c`, `\\u003e`, `\\u0026`
  (and the JavaScript line separators U+2028, U+2029 escaped), so no value can close the script
  (`</script>`) or open a comment; JavaScript reads the same strings back.
- Spreadsheet cells: text starting with `=`, `+`, `-`, `@`, a tab or a carriage return would be
  taken as a formula by Excel or LibreOffice (OWASP CSV injection); such text is written as text.
"""

from __future__ import annotations

import html
import json

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection)."""

TEXT_PREFIX = "'"
"""Written before formula-like text in CSV, where a cell has no type: the spreadsheet convention
for "this is text", shown by Excel and LibreOffice as the text itself."""

_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def html_text(value: object) -> str:
    """Text for between HTML tags."""
    return html.escape(str(value), quote=True)


def html_attribute(value: object) -> str:
    """Text for a quoted HTML attribute value (`title="..."`, `aria-label="..."`)."""
    return html.escape(str(value), quote=True)


class ScriptJSONEncoder(json.JSONEncoder):
    """json.dumps(..., cls=ScriptJSONEncoder): JSON with no `<`, `>` or `&` characters, for
    writers that take a JSON encoder class (Altair's HTML output)."""

    def encode(self, value: object) -> str:
        text = super().encode(value)
        for character, escaped in _SCRIPT_SAFE.items():
            text = text.replace(character, escaped)
        return text


def script_json(value: object, **options) -> str:
    """JSON for inside an inline `<script>`: the same data for JavaScript, no `<`, `>` or `&`
    characters for the HTML parser to act on. `options` go to json.dumps (e.g. sort_keys)."""
    return json.dumps(value, cls=ScriptJSONEncoder, **options)


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would take this text as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def csv_cell(value: object) -> object:
    """A value for a CSV cell: formula-like text prefixed with an apostrophe, all else as it is."""
    if isinstance(value, str) and is_formula_like(value):
        return TEXT_PREFIX + value
    return value


def from_csv_cell(text: str) -> str:
    """The text `csv_cell` was given, read back from a CSV file pmf_kit wrote (the apostrophe it
    added taken off)."""
    if text.startswith(TEXT_PREFIX) and is_formula_like(text[1:]):
        return text[1:]
    return text
