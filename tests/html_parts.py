"""Reading a rendered report as a person would: its headings and anything it loads from outside."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _PageParts(HTMLParser):
    """Headings (of the levels asked for), external references and inline scripts of a page."""

    def __init__(self, levels: tuple[str, ...]) -> None:
        super().__init__()
        self._levels = levels
        self.headings: list[str] = []
        self.external: list[str] = []
        self._heading_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self._levels:
            self._heading_depth += 1
            self.headings.append("")
        for name in ("src", "href"):
            link = attributes.get(name) or ""
            if re.match(r"^(https?:)?//", link) and not (tag == "a" and name == "href"):
                self.external.append(f"<{tag} {name}={link}>")

    def handle_endtag(self, tag):
        if tag in self._levels and self._heading_depth:
            self._heading_depth -= 1

    def handle_data(self, data):
        if self._heading_depth:
            self.headings[-1] += data


def parts(html: str, levels: tuple[str, ...] = ("h1", "h2")) -> _PageParts:
    parser = _PageParts(levels)
    parser.feed(html)
    return parser


class _Tables(HTMLParser):
    """Every table of a page: its caption and its rows of cell texts (header row first)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif self.tables and tag == "tr":
            self.tables[-1]["rows"].append([])
        elif self.tables and tag in ("th", "td"):
            self.tables[-1]["rows"][-1].append("")
        if tag in ("caption", "th", "td"):
            self._in = tag

    def handle_endtag(self, tag):
        if tag in ("caption", "th", "td"):
            self._in = None

    def handle_data(self, data):
        if self._in == "caption":
            self.tables[-1]["caption"] += data
        elif self._in in ("th", "td"):
            self.tables[-1]["rows"][-1][-1] += data.strip().replace("\u00ad", "")  # soft hyphens, as a reader sees the cell


def table_rows(html: str, caption: str) -> list[list[str]]:
    """The rows (header first) of the first table whose caption is `caption`."""
    parser = _Tables()
    parser.feed(html)
    return next(table["rows"] for table in parser.tables if table["caption"] == caption)


def as_read(html: str) -> str:
    """A page without the line-break hints a table puts in long words (`<wbr>`, soft hyphens,
    as entity or character), which a reader never sees: text searched for is found whole."""
    return html.replace("<wbr>", "").replace("<wbr/>", "").replace("&shy;", "").replace("\u00ad", "")
