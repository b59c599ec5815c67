"""Showing a profile in a notebook: headings, formatted tables with footnotes, charts with their
data tables. Each `show_*` function is one notebook cell's worth of output, so the notebook holds
layout only and the same code renders in JupyterLab and in the offline HTML.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from IPython.display import HTML, display

from pmf_kit import charts
from pmf_kit.charts.display import (
    format_value,
    heading_anchor,
    markdown_to_safe_html,
    show_chart,
    show_data_warnings,
    show_table,
)
from pmf_kit.data.escaping import html_attribute, html_text
from pmf_kit.data.paths import from_project_root, project_path
from pmf_kit.data.spend import has_spend
from pmf_kit.profiles.key_points import key_points_with_override
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.stats.methods import methods_table
from pmf_kit.version import __version__

SECTIONS = ("Key points", "At a glance", "Indicators by theme", "Compared with the council and Scotland",
            "Inequalities", "Data zones and deprivation", "Areas that do not nest", "Service spend",
            "Sources and definitions")
"""The profile's sections, as notebooks/locality_profile.ipynb heads them, for the contents list."""
THEMES_SECTION = "Indicators by theme"
SPEND_SECTION = "Service spend"
"""Listed only where the data set has spend (profiles.spend_report shows nothing otherwise)."""
KEY_POINTS_SOURCES = {
    "drafted": "Drafted from this report's tables: every figure in it is one they show.",
    "drafted and extended by the analyst": "Drafted from this report's tables, then extended by the analyst.",
    "written by the analyst": "Written by the analyst.",
}


def show_title(profile: LocalityProfile) -> None:
    """The report's title block: area, level, data set, period, comparators (and the similar
    areas, by name), date and pmf_kit version, and any warnings about the data set."""
    settings = profile.settings
    level = profile.dataset.level_label(profile.area.level)
    period = "latest available for each indicator" if settings.period == "latest" else settings.period
    compared = ", ".join(profile.label(area) for area in profile.comparators) or "none"
    similar = (f"<p>{html_text(profile.similar_group.name)}: "
               f"{html_text(', '.join(profile.label(area) for area in profile.similar))}</p>"
               if profile.similar_group else "")
    same = "".join(f"<p>{html_text(profile.label(area))} ({html_text(profile.dataset.level_label(area.level).lower())}) "
                   "has the same data zones as this area, so it is not compared with it.</p>"
                   for area in profile.same_as_area)
    display(HTML(
        f"<header class=\"pmf-title\"><h1>{html_text(profile.area.name)}</h1>"
        f"<p class=\"pmf-subtitle\">{html_text(level)} profile · {html_text(profile.dataset.name)}</p>"
        f"<p>Period: {html_text(period)} · Compared with: {html_text(compared)} · "
        f"Produced {date.today():%d %B %Y} with pmf_kit {__version__}</p>{similar}{same}</header>"
    ))
    show_data_warnings(profile.dataset.warnings)


def show_contents(profile: LocalityProfile) -> None:
    """The contents list: a link to every section, and to every theme under its section."""
    def link(text: str) -> str:
        return f"<a href=\"#{html_attribute(heading_anchor(text))}\">{html_text(text)}</a>"

    items = []
    for section in (section for section in SECTIONS if section != SPEND_SECTION or has_spend(profile.dataset)):
        themes = ("<ol>" + "".join(f"<li>{link(theme)}</li>" for theme in profile.themes) + "</ol>"
                  if section == THEMES_SECTION else "")
        items.append(f"<li>{link(section)}{themes}</li>")
    display(HTML(f"<nav class=\"pmf-contents\" aria-label=\"Contents\"><p class=\"pmf-contents-title\">Contents</p>"
                 f"<ol>{''.join(items)}</ol></nav>"))


def show_key_points(profile: LocalityProfile, folder: str | None = None) -> None:
    """The key points, drafted from the report's tables, or the analyst's own text for this
    area from `folder` (profiles.key_points), and who wrote them."""
    text, source = key_points_with_override(profile, project_path(folder) if folder else None)
    display(HTML(f"<div class=\"pmf-narrative pmf-key-points\">{markdown_to_safe_html(text)}"
                 f"<p class=\"pmf-note\">{KEY_POINTS_SOURCES[source]}</p></div>"))


def show_headline(profile: LocalityProfile) -> None:
    """Quick profile: population, data zones, age groups and deprivation, each row naming the
    period and release of its figures, with the age pyramid."""
    headline = profile.headline()
    formatted = headline.copy()
    for column in headline.columns[1:]:
        formatted[column] = [
            format_value(value, "percent" if "%" in measure else "count")
            for measure, value in zip(headline["Measure"], headline[column])
        ]
    latest = profile.population_period_text(profile.population_periods[0])
    show_table(formatted, f"{profile.label(profile.area)} at a glance")
    pyramid = profile.population[["sex", "age_band", "population"]]
    if pyramid["population"].sum() > 0:
        show_chart(charts.age_pyramid(pyramid, f"Residents by age and sex, {latest}"),
                   charts.age_pyramid_table(pyramid), f"Residents by age and sex, {latest}")


def show_sources(profile: LocalityProfile, parameters: dict) -> None:
    """Sources and definitions: data set, licence, parameters, version, and every indicator."""
    metadata = profile.dataset.metadata
    facts = pd.DataFrame({
        "Item": ["Data set", "Description", "Licence", "Deprivation", "Report parameters", "Made with"],
        "Detail": [
            f"{profile.dataset.name} ({from_project_root(profile.dataset.path)})",
            str(metadata.get("description", "")).strip(),
            str(metadata.get("licence", "")).strip(),
            (f"{profile.settings.simd_edition}, national ranks, deciles and quintiles" if profile.dataset.has_simd
             else profile.dataset.no_simd_note),
            "; ".join(f"{key} = {value}" for key, value in parameters.items()),
            f"pmf_kit {__version__}",
        ],
    })
    show_table(facts, "About this report")
    show_table(profile.indicator_appendix(), "Indicator definitions and sources",
               ["Rates and percentages for areas are built by summing numerators and denominators "
                "over data zones, never by averaging percentages. Each period is the one its data describe; "
                "where it comes from is in the last column."])
    show_table(methods_table(), "Statistical methods")
