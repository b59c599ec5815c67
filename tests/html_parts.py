"""Reading a rendered report as a person would: its headings and anything it loads from outside."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _PageParts(HTMLParser):
    """Headings, external references and inline scripts of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.external: list[str] = []
        self._heading_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("h1", "h2"):
            self._heading_depth += 1
            self.headings.append("")
        for name in ("src", "href"):
            link = attributes.get(name) or ""
            if re.match(r"^(https?:)?//", link) and not (tag == "a" and name == "href"):
                self.external.append(f"<{tag} {name}={link}>")

    def handle_endtag(self, tag):
        if tag in ("h1", "h2") and self._heading_depth:
            self._heading_depth -= 1

    def handle_data(self, data):
        if self._heading_depth:
            self.headings[-1] += data


def parts(html: str) -> _PageParts:
    parser = _PageParts()
    parser.feed(html)
    return parser
