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
    NO_DATA_NOTE,
    display_chart,
    format_value,
    heading_anchor,
    markdown_to_safe_html,
    show_chart,
    show_data_warnings,
    show_heading,
    show_table,
)
from pmf_kit.data.escaping import html_attribute, html_text
from pmf_kit.data.indicators import simd_derived_note, unit_words
from pmf_kit.data.paths import from_project_root, project_path
from pmf_kit.profiles.inequalities import QUANTILE_LABEL, inequality_summary, quintile_values
from pmf_kit.profiles.key_points import key_points_with_override
from pmf_kit.profiles.profile import TREND_COLUMN, LocalityProfile
from pmf_kit.profiles.similar_areas import method_text
from pmf_kit.profiles.spine import comparison_with, spine_table
from pmf_kit.stats.disclosure import footnote, thresholds_from_catalogue
from pmf_kit.stats.intervals import PUBLISHED_ONLY_UNITS
from pmf_kit.stats.methods import methods_table
from pmf_kit.version import __version__

PUBLISHED_LIMIT_UNITS = PUBLISHED_ONLY_UNITS
"""Units whose limits can only have been published with the value (life expectancy): shown in
the theme table beside it, since no interval of pmf_kit's own exists for them."""
SECTIONS = ("Key points", "At a glance", "Indicators by theme", "Compared with the council and Scotland",
            "Inequalities", "Data zones and deprivation", "Areas that do not nest", "Service spend",
            "Sources and definitions")
"""The profile's sections, as notebooks/locality_profile.ipynb heads them, for the contents list."""
THEMES_SECTION = "Indicators by theme"
KEY_POINTS_SOURCES = {
    "drafted": "Drafted from this report's tables: every figure in it is one they show.",
    "drafted and extended by the analyst": "Drafted from this report's tables, then extended by the analyst.",
    "written by the analyst": "Written by the analyst.",
}
TREND_NOTE = (f"{TREND_COLUMN}: Fingertips' test over this area's last five yearly figures (p < 0.002, "
              "and the direction holds with any one year left out); not calculated for counts, for values "
              "without limits, for quarters or rolling periods, or with fewer than five years.")
NO_CHANGE = "–"


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
    display(HTML(
        f"<header class=\"pmf-title\"><h1>{html_text(profile.area.name)}</h1>"
        f"<p class=\"pmf-subtitle\">{html_text(level)} profile · {html_text(profile.dataset.name)}</p>"
        f"<p>Period: {html_text(period)} · Compared with: {html_text(compared)} · "
        f"Produced {date.today():%d %B %Y} with pmf_kit {__version__}</p>{similar}</header>"
    ))
    show_data_warnings(profile.dataset.warnings)


def show_contents(profile: LocalityProfile) -> None:
    """The contents list: a link to every section, and to every theme under its section."""
    def link(text: str) -> str:
        return f"<a href=\"#{html_attribute(heading_anchor(text))}\">{html_text(text)}</a>"

    items = []
    for section in SECTIONS:
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
    """Quick profile: population, data zones, age groups and deprivation, with the age pyramid."""
    headline = profile.headline()
    formatted = headline.copy()
    for column in headline.columns[1:]:
        formatted[column] = [
            format_value(value, "percent" if measure.endswith("%)") else "count")
            for measure, value in zip(headline["Measure"], headline[column])
        ]
    period = profile.population["period"].iloc[0] if len(profile.population) else "no data"
    show_table(formatted, f"{profile.label(profile.area)} at a glance (population {period})")
    pyramid = profile.population[["sex", "age_band", "population"]]
    if pyramid["population"].sum() > 0:
        show_chart(charts.age_pyramid(pyramid, f"Residents by age and sex, {period}"),
                   charts.age_pyramid_table(pyramid), f"Residents by age and sex, {period}")


def theme_table_display(profile: LocalityProfile, theme: str) -> pd.DataFrame:
    """A theme table with figures formatted by unit, a value published with its 95% limits
    shown with them ("80.1 (79.5 to 80.7)"), the change since the earlier period signed, and
    the id column dropped."""
    table = profile.theme_table(theme)
    units = table["indicator_id"].map(profile.dataset.catalogue["unit"])
    formatted = table.drop(columns=["indicator_id", "Change since", "Change", TREND_COLUMN])
    for area in [profile.area, *profile.comparators]:
        column = profile.label(area)
        formatted[column] = [_with_published_limits(profile, indicator_id, area.code, period, format_value(value, unit), unit)
                             for indicator_id, period, value, unit in zip(table["indicator_id"], table["Period"], table[column], units)]
    formatted[f"Change in {profile.label(profile.area)}"] = [
        f"{_signed(change, unit)} since {since}" if since else NO_CHANGE
        for since, change, unit in zip(table["Change since"], table["Change"], units)]
    formatted[TREND_COLUMN] = table[TREND_COLUMN]
    return formatted


def _signed(change: float, unit: str) -> str:
    """A change with its sign, in percentage points for a percentage."""
    text = format_value(abs(change), unit)
    sign = "" if text == format_value(0.0, unit) else "+" if change > 0 else "−"
    return f"{sign}{text}{' points' if unit == 'percent' else ''}"


def _with_published_limits(profile: LocalityProfile, indicator_id: str, code: str, period: str, text: str,
                           unit: str) -> str:
    """The formatted value, followed by its 95% limits where they were published with it."""
    values = profile.indicator_values(indicator_id)
    row = values[(values["geography_code"] == code) & (values["period"] == period)]
    if row.empty or profile.dataset.catalogue.loc[indicator_id, "unit"] not in PUBLISHED_LIMIT_UNITS:
        return text
    lower, upper = row["lower_ci"].iloc[0], row["upper_ci"].iloc[0]
    if pd.isna(lower) or pd.isna(upper) or row["suppressed"].iloc[0]:
        return text
    return f"{text} ({format_value(lower, unit)} to {format_value(upper, unit)})"


def figure_notes(profile: LocalityProfile) -> list[str]:
    """The notes every table of the report shares, said once: no data, suppression, the recent
    trend, and how the similar areas were found."""
    notes = [NO_DATA_NOTE, *suppression_notes(profile, profile.shown_indicator_ids), TREND_NOTE]
    if profile.similar_group:
        notes.append(method_text(profile.dataset, len(profile.similar)))
    return notes


def show_themes(profile: LocalityProfile) -> None:
    """The notes on the figures, once, then every theme of the catalogue in catalogue order."""
    display(HTML("<div class=\"pmf-figure-notes\"><p class=\"pmf-notes-title\">About the figures</p>"
                 + "".join(f"<p class=\"pmf-note\">{html_text(note)}</p>" for note in figure_notes(profile))
                 + "</div>"))
    for theme in profile.themes:
        show_theme(profile, theme)


def show_theme(profile: LocalityProfile, theme: str) -> None:
    """One theme: the table of every indicator against the comparators with its change and
    recent trend, the area ranked among its peers and similar areas, and the trends as small
    multiples.

    A count is charted for this area alone (a council's count is no yardstick for a
    locality's). Suppressed or missing periods stay in the chart's data as blanks, so a line
    breaks there instead of joining across them."""
    show_heading(theme, 3)
    indicator_ids = profile.shown_indicators(theme)
    name = profile.label(profile.area)
    catalogue = profile.dataset.catalogue
    left_out = [catalogue.loc[indicator, "title"] for indicator in profile.theme_indicators(theme)
                if indicator not in indicator_ids]
    if indicator_ids:
        show_table(theme_table_display(profile, theme), f"{theme}: {name} compared",
                   period_notes(profile, indicator_ids))
    if left_out:
        display(HTML("<p class=\"pmf-note\">Published for data zones only, so not shown for this area (see the "
                     f"data zone profiles and the definitions): {html_text('; '.join(left_out))}.</p>"))
    if profile.peers or profile.similar:
        ranking = profile.ranking(theme)
        if len(ranking):
            title = f"{theme}: {name} ranked"
            show_chart(charts.ranked_dot_chart(ranking, title), charts.ranked_dot_table(ranking), title)
    trends, without_figure = theme_trends(profile, theme)
    if len(trends):
        title = f"{theme}: trends"
        show_chart(charts.trend_small_multiples(trends, title, name),
                   charts.trend_small_multiples_table(trends, name), f"{theme} over time")
    if without_figure:
        display(HTML(f"<p class=\"pmf-note\">No figure for {html_text(name)} can be shown (no data for this "
                     "area, or small counts suppressed), so there is no trend chart for: "
                     f"{html_text('; '.join(without_figure))}.</p>"))


def theme_trends(profile: LocalityProfile, theme: str) -> tuple[pd.DataFrame, list[str]]:
    """Every indicator of a theme shown for this area over time, for the small multiples (a
    count for this area alone), and the titles of those with no figure for the area to chart."""
    catalogue = profile.dataset.catalogue
    name = profile.label(profile.area)
    frames, without_figure = [], []
    for indicator_id in profile.shown_indicators(theme):
        trend = profile.trend(indicator_id)
        if catalogue.loc[indicator_id, "unit"] == "count":
            trend = trend[trend["area_name"] == name]
        title = catalogue.loc[indicator_id, "title"]
        if not trend.loc[trend["area_name"] == name, "value"].notna().any():
            without_figure.append(title)
            continue
        frames.append(trend.assign(title=title, unit=unit_words(catalogue.loc[indicator_id, "unit"])))
    return (pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()), without_figure


def period_notes(profile: LocalityProfile, indicator_ids: list[str]) -> list[str]:
    """One note per comparator period shown in the table beside this area's period of another
    length (a council's 3-year life expectancy beside a locality's 5-year one)."""
    values = profile.values
    shown = {(indicator, profile.reporting_period(indicator)) for indicator in indicator_ids}
    moved = values[values["indicator_id"].isin(indicator_ids) & (values["period"] != values["published_period"])]
    moved = moved[pd.Series([pair in shown for pair in zip(moved["indicator_id"], moved["period"])],
                            index=moved.index, dtype=bool)]
    labels = {area.code: profile.label(area) for area in profile.compared_areas}
    pairs = moved[["geography_code", "published_period", "period"]].drop_duplicates()
    notes = {}
    for row in pairs.itertuples(index=False):
        notes.setdefault((row.published_period, row.period), []).append(labels.get(row.geography_code, row.geography_code))
    return [f"{', '.join(areas)}: {published} figures, published for that period, shown beside this area's {period} "
            "(both centred on the same year)." for (published, period), areas in sorted(notes.items())]


def suppression_notes(profile: LocalityProfile, indicator_ids: list[str]) -> list[str]:
    """The footnote on suppressed figures, for indicators that have a threshold at all."""
    thresholds = thresholds_from_catalogue(profile.dataset.catalogue)
    applying = {indicator: thresholds[indicator] for indicator in indicator_ids if thresholds[indicator] > 0}
    return [footnote(applying)] if applying else []


def show_spine(profile: LocalityProfile) -> None:
    """Every indicator against each comparator: significance table and one spine chart each.

    The table gives this area's value and its significance against each comparator; the
    comparators' values are in the theme tables, so it keeps to a page's width."""
    table = spine_table(profile)
    if table.empty:
        display(HTML("<p>This report compares the area with no other area.</p>"))
        return
    units = profile.dataset.catalogue["unit"].reindex(profile.shown_indicator_ids).to_numpy()
    name = profile.label(profile.area)
    verdicts = [column for column in table.columns if column.startswith("Compared with ")]
    table = table[["Indicator", "Period", name, *verdicts]].copy()
    table[name] = [format_value(value, unit) for value, unit in zip(table[name], units)]
    show_table(table, f"{name} against its comparators",
               ["Better / worse: the comparator lies outside this area's 95% confidence interval, read "
                "through whether a higher value is good. No different: it lies inside. Not comparable: "
                "no interval (averages, and published figures without published limits), a count (residents or "
                "events are not compared with an area of another size), no data, or suppressed."])
    for comparator in profile.comparators:
        compared = comparison_with(profile, comparator)
        columns = {"title": "Indicator", "period": "Period", "difference_percent": "% difference",
                   "significance": "Significance"}
        data_table = compared[list(columns)].rename(columns=columns).round({"% difference": 1})
        name, other = profile.label(profile.area), profile.label(comparator)
        show_chart(charts.spine_chart(compared, name, other), data_table, f"{name} compared with {other}")


def show_inequalities(profile: LocalityProfile) -> None:
    """Each indicator by national SIMD quintile within the area, with SII and RII read in words."""
    if profile.area.level == "datazone":
        display(HTML("<p>A single data zone lies in one SIMD quintile, so there is no gradient within it.</p>"))
        return
    if len(profile.datazones) < profile.dataset.breakdown_min_datazones:
        display(HTML(f"<p>Areas of fewer than {profile.dataset.breakdown_min_datazones} data zones are not broken down by SIMD "
                     "quintile: each quintile would hold a handful of data zones, too few for the figures to be "
                     "published safely or read reliably.</p>"))
        return
    quintiles = quintile_values(profile)
    summary = inequality_summary(profile, quintiles)
    catalogue = profile.dataset.catalogue
    left_out = simd_derived_note(catalogue, catalogue.index)
    if summary.empty:
        display(HTML("<p>No indicator here can be split by deprivation quintile.</p>"))
        if left_out:
            display(HTML(f"<p class=\"pmf-note\">{html_text(left_out)}</p>"))
        return
    formatted = summary.copy()
    for column in ("Most deprived quintile", "Least deprived quintile", "SII"):
        formatted[column] = [format_value(value, "percent") for value in summary[column]]
    formatted["RII"] = [format_value(value, "mean") for value in summary["RII"]]
    show_table(formatted, f"Inequalities in {profile.area.name} by {QUANTILE_LABEL} ({profile.settings.simd_edition})",
               ["Quintiles are national: quintile 1 holds the most deprived fifth of Scotland's data zones, "
                "so an area need not have data zones in every quintile. SII (slope index of inequality): "
                "the modelled gap between the most and least deprived ends of the area's population; "
                "RII: that gap as a share of the area's average. Calculated only when every quintile has "
                "a value (ScotPHO).", *([left_out] if left_out else [])])
    calculated = catalogue.index[catalogue["title"].isin(summary.loc[summary["SII"].notna(), "Indicator"])]
    if len(calculated):
        gradients = quintiles[quintiles["indicator_id"].isin(calculated)]
        gradients = gradients.assign(title=gradients["indicator_id"].map(catalogue["title"]),
                                     unit=gradients["indicator_id"].map(catalogue["unit"]).map(unit_words))
        label = f"{profile.settings.simd_edition} {QUANTILE_LABEL} (1 = most deprived)"
        title = f"{profile.area.name} by deprivation"
        show_chart(charts.simd_gradient_small_multiples(gradients, title, label),
                   charts.simd_gradient_small_multiples_table(gradients, label), title)


def show_datazones(profile: LocalityProfile) -> None:
    """The map of data zones by SIMD decile and the data zone table."""
    edition = profile.settings.simd_edition
    map_data = profile.datazone_map_data()
    table = profile.datazone_table()
    if len(map_data):
        chart = charts.datazone_map(map_data, title=f"Data zones by {edition} national decile")
        display_chart(chart)
    show_table(table, f"Data zones in {profile.area.name}, most deprived first",
               [f"{edition} ranks are national: 1 is the most deprived of Scotland's data zones; "
                "decile and quintile 1 are the most deprived tenth and fifth."])


def show_straddling(profile: LocalityProfile) -> None:
    """The areas that do not nest in this one, and where they were assigned (best-fit)."""
    straddling = profile.straddling_areas()
    if straddling.empty:
        display(HTML("<p>Every smaller area used here nests exactly inside this area.</p>"))
        return
    show_table(straddling, "Areas that straddle this area's boundary",
               ["These areas do not nest in this area. Figures in this profile are summed from data "
                "zones, so they are exact; where an area is listed under one locality elsewhere, it is "
                "assigned best-fit to the locality holding most of its residents."])


def show_sources(profile: LocalityProfile, parameters: dict) -> None:
    """Sources and definitions: data set, licence, parameters, version, and every indicator."""
    metadata = profile.dataset.metadata
    facts = pd.DataFrame({
        "Item": ["Data set", "Description", "Licence", "Deprivation", "Report parameters", "Made with"],
        "Detail": [
            f"{profile.dataset.name} ({from_project_root(profile.dataset.path)})",
            str(metadata.get("description", "")).strip(),
            str(metadata.get("licence", "")).strip(),
            f"{profile.settings.simd_edition}, national ranks, deciles and quintiles",
            "; ".join(f"{key} = {value}" for key, value in parameters.items()),
            f"pmf_kit {__version__}",
        ],
    })
    show_table(facts, "About this report")
    show_table(profile.indicator_appendix(), "Indicator definitions and sources",
               ["Rates and percentages for areas are built by summing numerators and denominators "
                "over data zones, never by averaging percentages."])
    show_table(methods_table(), "Statistical methods")
