"""The index page's map: neighbours in different colours, names written where they fit, a legend
pairing each colour with its area, every name landing as text (a hostile one too)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import geopandas as gpd
from shapely.geometry import box

from pmf_kit.batch.index_map import PALETTE, AreaMap, MapShape, area_map, label_fit, neighbour_colours
from pmf_kit.batch.index_map_figure import NO_REPORT_FILL, map_figure
from pmf_kit.batch.index_page import ListedReport, ListedRunSet, index_html

HOSTILE = '<script>alert("x")</script>'


class _Parts(HTMLParser):
    """Tags opened, and the text inside each <tspan>, <title> and legend <li>, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.fills: list[str] = []
        self.text: dict[str, list[str]] = {"tspan": [], "title": [], "li": []}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attributes = dict(attrs)
        if tag == "path":
            self.fills.append(attributes["fill"])
        if tag in self.text:
            self.text[tag].append("")
            self._open.append(tag)

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        for tag in self._open:
            self.text[tag][-1] += data


def parsed(markup: str) -> _Parts:
    parts = _Parts()
    parts.feed(markup)
    return parts


def test_touching_areas_differ_in_colour_and_separate_ones_may_share():
    # A row of three touching squares: the middle one has most neighbours and takes the first colour.
    row = [box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1)]
    assert neighbour_colours(row) == [PALETTE[1], PALETTE[0], PALETTE[1]]
    # Four squares meeting at one corner all touch each other: four colours.
    corner = [box(0, 0, 1, 1), box(1, 0, 2, 1), box(0, 1, 1, 2), box(1, 1, 2, 2)]
    assert len(set(neighbour_colours(corner))) == 4


def test_a_name_is_written_at_the_largest_size_that_fits_its_shape():
    # "Kilbarrow and" (13 characters) and "Dalvane" are two lines; at size 22 the first is
    # 13 x 22 x 0.56 = 160.2 units wide and the two lines 2 x 22 x 1.2 = 52.8 high.
    assert label_fit("Kilbarrow and Dalvane", 200, 60) == (22.0, ["Kilbarrow and", "Dalvane"])
    # At 100 units wide only size 12 fits (13 x 16 x 0.56 = 116.5 > 100; 13 x 12 x 0.56 = 87.4).
    assert label_fit("Kilbarrow and Dalvane", 100, 60) == (12.0, ["Kilbarrow and", "Dalvane"])
    assert label_fit("Kilbarrow and Dalvane", 50, 60) == (0.0, [])


def test_the_map_of_two_areas_is_coloured_and_labelled():
    boundaries = gpd.GeoDataFrame({"code": ["A", "B"], "name": ["West End", "East End"]},
                                  geometry=[box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000)])
    drawn = area_map(boundaries)
    assert drawn.view_box == "0 0 1000 510"  # 2040 x 1040 with its 1% margins, scaled to 1000 wide
    west, east = drawn.shapes
    assert west.colour != east.colour and {west.colour, east.colour} <= set(PALETTE)
    # Each name at the centre of its square: (20 + 500) / 2040 x 1000 = 254.9 and (20 + 1500) / 2040 x 1000.
    assert (west.label_x, west.label_y, west.label_lines) == (254.9, 254.9, ["West End"])
    assert (east.label_x, east.label_lines) == (745.1, ["East End"])


def figure_of(shapes: list[MapShape], linked: set[str]) -> str:
    reports = {shape.code: ListedReport(shape.name, f"reports/{shape.code}.html", "2026-12-07", "0.1.0", "Fife",
                                        shape.code) for shape in shapes if shape.code in linked}
    return str(map_figure(AreaMap("0 0 100 100", shapes), "Localities", reports, lambda path: path,
                          lambda *parts: " ".join(parts).casefold()))


def test_a_hostile_name_lands_as_text_on_the_map_in_its_tooltip_and_in_the_legend():
    shape = MapShape("S1", HOSTILE, "M0,0L1,0L1,1Z", "#a6cee3", 50.0, 50.0, 12.0, [HOSTILE])
    markup = figure_of([shape], {"S1"})
    parts = parsed(markup)
    assert "script" not in parts.tags and "<script>" not in markup
    assert parts.text["tspan"] == [HOSTILE] and parts.text["title"] == [HOSTILE]
    assert [text.strip() for text in parts.text["li"]] == [HOSTILE]


def test_the_legend_pairs_each_colour_with_its_area_and_no_colour_is_taken_from_text():
    shapes = [MapShape("S1", "Leven", "M0,0L1,0L1,1Z", "#b2df8a"),
              MapShape("S2", "Kennoway", "M1,0L2,0L2,1Z", 'red" onclick="alert(1)'),
              MapShape("S3", "Buckhaven", "M2,0L3,0L3,1Z", "#fdbf6f")]
    markup = figure_of(shapes, {"S1", "S2"})
    parts = parsed(markup)
    # The stored colour that is not a colour gives the plain linked fill; the area with no report is grey.
    assert parts.fills == ["#b2df8a", "#6baed6", NO_REPORT_FILL]
    assert [" ".join(text.split()) for text in parts.text["li"]] == [
        "Buckhaven (no report yet)", "Kennoway", "Leven"]
    assert 'style="background: #b2df8a"' in markup and 'style="background: #eef0f2"' in markup
    assert "onclick" not in markup.replace("onclick=&quot;", "")
    assert 'href="reports/S1.html"' in markup and 'href="reports/S3.html"' not in markup


def test_the_index_page_writes_the_map_once_escaped_not_twice():
    shape = MapShape("S1", "Leven & Methil", "M0,0L1,0L1,1Z", "#b2df8a", 50.0, 50.0, 12.0, ["Leven & Methil"])
    report = ListedReport("Leven & Methil", "reports/x/S1.html", "2026-12-07", "0.1.0", "Fife", "S1")
    page = index_html([ListedRunSet("p.yaml", "Levenmouth", "Fife", [report], AreaMap("0 0 100 100", [shape]))],
                      Path("reports"))
    assert "<tspan x=\"50.0\">Leven &amp; Methil</tspan>" in page and "&amp;amp;" not in page
    assert '<svg viewBox="0 0 100 100" role="group"' in page
