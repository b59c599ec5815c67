"""The index page's map as markup: an inline SVG of a run set's areas, each filled in its colour
and linking to its report, named on the map where the name fits, with a legend that pairs each
colour with its area's name (and link) for the areas too small to name and for readers who do
not read a map. Every name is escaped for where it lands (SVG text, title, attribute)."""

from __future__ import annotations

import re
from typing import Callable, Mapping, Protocol

import jinja2
from markupsafe import Markup

from pmf_kit.batch.index_map import AreaMap
from pmf_kit.data.escaping import html_text

NO_REPORT_FILL = "#eef0f2"
LINKED_FILL = "#6baed6"
"""An area's fill where its manifest names no colour (one written before maps were coloured)."""
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
LEGEND_UP_TO = 60
"""Areas above which the legend is left out (the table under the map lists every report)."""


class Linked(Protocol):
    """A listed report, as far as the map needs it."""

    label: str
    path: str
    council: str


def map_figure(area_map: AreaMap, title: str, links: Mapping[str, Linked], href: Callable[[str], str],
               search_text: Callable[..., str]) -> Markup:
    """The <figure> of `area_map`: shapes linking to the report of their code in `links`."""
    return Markup(_FIGURE.render(area_map=area_map, title=title, links=links, href=href,
                                 search_text=search_text, no_report=NO_REPORT_FILL, fill=_fill,
                                 legend=len(area_map.shapes) <= LEGEND_UP_TO))


def _fill(colour: str) -> str:
    """A shape's colour if it is one (#rrggbb), never other text in a style attribute."""
    return colour if _COLOUR.match(colour) else LINKED_FILL


MAP_CSS = """figure.map { margin: 0.5rem 0 1rem; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem;
             align-items: flex-start; }
figure.map svg { width: 100%; max-width: 36rem; height: auto; display: block; background: #f3f6f9; }
figure.map path { stroke: #ffffff; stroke-width: 1.2; }
figure.map a:hover path, figure.map a:focus path { stroke: #1b1b1b; stroke-width: 3; }
figure.map .dimmed path { fill: #e3e6ea; }
figure.map ul.legend a.dimmed { color: #6f6f6f; }
figure.map text { fill: #1b1b1b; font-weight: 600; text-anchor: middle; pointer-events: none;
                  paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
figure.map ul.legend { list-style: none; margin: 0; padding: 0; font-size: 0.9rem; flex: 1 1 12rem; }
figure.map ul.legend li { margin: 0.15rem 0; display: flex; gap: 0.5rem; align-items: baseline; }
figure.map .swatch { flex: none; width: 0.9rem; height: 0.9rem; border: 1px solid #5a5a5a;
                     align-self: center; }
figure.map figcaption { color: #5a5a5a; font-size: 0.85rem; flex-basis: 100%; }"""

_FIGURE = jinja2.Environment(autoescape=False, finalize=html_text, trim_blocks=True,
                             lstrip_blocks=True).from_string(
    """<figure class="map">
<svg viewBox="{{ area_map.view_box }}" role="group" aria-label="Map of the areas of {{ title }}">
{% for shape in area_map.shapes %}
{% set report = links.get(shape.code) %}
{% if report %}
<a href="{{ href(report.path) }}" data-search="{{ search_text(report.label, report.council, title) }}"><path d="{{ shape.path }}" fill="{{ fill(shape.colour) }}"><title>{{ shape.name }}</title></path></a>
{% else %}
<path d="{{ shape.path }}" fill="{{ no_report }}"><title>{{ shape.name }} (no report yet)</title></path>
{% endif %}
{% endfor %}
<g class="labels" aria-hidden="true">
{% for shape in area_map.shapes if shape.label_lines %}
{% set first = shape.label_y - (shape.label_lines | length - 1) * shape.label_size * 0.6 %}
<text x="{{ shape.label_x }}" y="{{ first | round(1) }}" font-size="{{ shape.label_size }}" dominant-baseline="middle">
{% for line in shape.label_lines %}
<tspan x="{{ shape.label_x }}"{% if not loop.first %} dy="{{ (shape.label_size * 1.2) | round(1) }}"{% endif %}>{{ line }}</tspan>
{% endfor %}
</text>
{% endfor %}
</g>
</svg>
{% if legend %}
<ul class="legend" aria-label="Areas on the map">
{% for shape in area_map.shapes | sort(attribute="name") %}
{% set report = links.get(shape.code) %}
<li><span class="swatch" style="background: {{ fill(shape.colour) if report else no_report }}"></span>
{% if report %}<a href="{{ href(report.path) }}" data-search="{{ search_text(report.label, report.council, title) }}">{{ shape.name }}</a>{% else %}{{ shape.name }} (no report yet){% endif %}
</li>
{% endfor %}
</ul>
{% endif %}
<figcaption>Select an area on the map{{ " or in the list" if legend }} to open its report. Colours only tell neighbouring areas apart.</figcaption>
</figure>
"""
)
