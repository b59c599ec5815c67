"""The body sections of a profile in a notebook: the themes, the spine, the inequalities, the
data zones and the areas that do not nest. Each `show_*` is one notebook cell's worth of output;
a section with nothing to show says so in one sentence, and a table column with nothing in it
(no indicator can have a recent trend, no change can be worked out) is left out with one
sentence saying why, never a column of "not calculated".
"""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML, display

from pmf_kit import charts
from pmf_kit.charts.display import NO_DATA_NOTE, display_chart, format_value, show_chart, show_heading, show_table
from pmf_kit.data.escaping import html_text
from pmf_kit.data.indicators import simd_derived_note, unit_words
from pmf_kit.profiles.comparisons import comparison_with
from pmf_kit.profiles.figures import figure_text
from pmf_kit.profiles.inequalities import QUANTILE_LABEL, inequality_summary, quintile_values
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.profiles.similar_areas import method_text
from pmf_kit.profiles.spine import spine_table
from pmf_kit.profiles.theme_tables import TREND_COLUMN, all_trends_missing, column_is_empty, table_notes
from pmf_kit.stats.disclosure import footnotes, thresholds_from_catalogue

TREND_NOTE = (f"{TREND_COLUMN}: Fingertips' test over this area's last five yearly figures (p < 0.002, "
              "and the direction holds with any one year left out); not calculated for counts, for figures "
              "without sampling error or without limits, for quarters or rolling periods, across a method "
              "change, or with fewer than five years.")
NO_TRENDS_NOTE = ("No recent trend can be tested here: no indicator has five yearly figures for this area "
                  "(Fingertips' test needs five).")
PERIOD_NOTE = "Each figure's period is the one its data describe, with the release it comes from"
PERIOD_EXAMPLES = {True: " (\"2017/18, SIMD 2020\": police recorded crime of 2017/18, published in SIMD 2020).",
                   False: " (\"2022, NRS table UV303\": census day 2022, from NRS's table UV303)."}
"""An example of a period and its release, from a data set with SIMD and from a census-only one."""


def figure_notes(profile: LocalityProfile) -> list[str]:
    """The notes every table of the report shares, said once: periods, no data, suppression, the
    recent trend (or that none can be tested), and how the similar areas were found."""
    notes = [PERIOD_NOTE + PERIOD_EXAMPLES[profile.dataset.has_simd], NO_DATA_NOTE, *footnotes(thresholds_from_catalogue(profile.dataset.catalogue), profile.shown_indicator_ids),
             TREND_NOTE if profile.can_have_trends else NO_TRENDS_NOTE]
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


def theme_table_display(profile: LocalityProfile, theme: str) -> pd.DataFrame:
    """A theme's table as shown: the id column dropped, and the trend and change columns left out
    where no cell of theirs has anything to say."""
    table = profile.theme_table(theme).drop(columns="indicator_id")
    change = f"Change in {profile.label(profile.area)}"
    dropped = [column for column, empty in ((TREND_COLUMN, all_trends_missing(table)),
                                            (change, column_is_empty(table, change))) if empty]
    return table.drop(columns=dropped)


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
        show_table(theme_table_display(profile, theme), f"{theme}: {name} compared", table_notes(profile, indicator_ids))
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


def show_spine(profile: LocalityProfile) -> None:
    """Every indicator with a figure for this area against each comparator: the verdict table and
    one spine chart each. Indicators published only for larger areas are not listed (the themes
    show them, and the key points name them once)."""
    table = spine_table(profile)
    if table.empty:
        display(HTML("<p>This report compares the area with no other area.</p>"))
        return
    name = profile.label(profile.area)
    units = profile.dataset.catalogue["unit"].reindex(profile.shown_indicator_ids).to_numpy()
    own = pd.Series(units, index=table.index).notna() & table[name].notna()
    verdicts = [column for column in table.columns if column.startswith("Compared with ")]
    table = table.loc[own, ["Indicator", "Period", name, *verdicts]].copy()
    table[name] = [format_value(value, unit) for value, unit in zip(table[name], units[own.to_numpy()])]
    show_table(table, f"{name} against its comparators",
               ["Better / worse: the comparator (or the whole range it lies in) lies outside this area's 95% "
                "confidence interval, read through whether a higher value is good; for two published figures "
                "with intervals, the intervals do not overlap. No different: it lies inside. By size: figures "
                "with no sampling error (a share of residents in zones of a class, a population estimate, a "
                "modelled travel time, a census count) are higher or lower, never significantly so. Not comparable: a figure of another "
                "period, a count, no interval, no data, or suppressed."])
    for comparator in profile.comparators:
        compared = comparison_with(profile, comparator)
        compared = compared[compared["value"].notna()]
        columns = {"title": "Indicator", "period_text": "Period", "difference_percent": "% difference",
                   "significance": "Significance"}
        data_table = compared[list(columns)].rename(columns=columns).round({"% difference": 1})
        other = profile.label(comparator)
        show_chart(charts.spine_chart(compared.assign(period=compared["period_text"]), name, other), data_table,
                   f"{name} compared with {other}")


def show_inequalities(profile: LocalityProfile) -> None:
    """Each indicator by national SIMD quintile within the area, with SII and RII read in words;
    one sentence instead where none can be calculated."""
    if not profile.dataset.has_simd:
        display(HTML(f"<p>{html_text(profile.dataset.no_simd_note)}</p>"))
        return
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
    calculated = summary[summary["SII"].notna()] if len(summary) else summary
    if calculated.empty:
        reason = ("this area has no data zones in some national quintiles" if len(summary)
                  else "no indicator here can be split by deprivation quintile")
        display(HTML(f"<p>No gap by deprivation can be calculated here: {reason}, and the slope and relative "
                     "index of inequality need a figure in every quintile (ScotPHO).</p>"))
        if left_out:
            display(HTML(f"<p class=\"pmf-note\">{html_text(left_out)}</p>"))
        return
    show_table(_inequality_display(calculated), f"Inequalities in {profile.area.name} by {QUANTILE_LABEL} "
               f"({profile.settings.simd_edition})", _inequality_notes(summary, calculated, left_out))
    gradients = quintiles[quintiles["indicator_id"].isin(calculated["indicator_id"])]
    gradients = gradients.assign(title=gradients["indicator_id"].map(catalogue["title"]),
                                 unit=gradients["indicator_id"].map(catalogue["unit"]).map(unit_words))
    label = f"{profile.settings.simd_edition} {QUANTILE_LABEL} (1 = most deprived)"
    title = f"{profile.area.name} by deprivation"
    show_chart(charts.simd_gradient_small_multiples(gradients, title, label),
               charts.simd_gradient_small_multiples_table(gradients, label), title)


def _inequality_display(calculated: pd.DataFrame) -> pd.DataFrame:
    """The inequalities table as shown: SII and RII as ranges where their quintiles are, inputs of
    SIMD marked."""
    shown = calculated[["Indicator", "Period", "Unit", "Most deprived quintile", "Least deprived quintile"]].copy()
    shown["Indicator"] = [f"{title} ‡" if simd_input else title
                          for title, simd_input in zip(calculated["Indicator"], calculated["simd_input"])]
    shown["SII"] = [figure_text(low, high, "percent") for low, high in zip(calculated["SII low"], calculated["SII high"])]
    shown["RII"] = [figure_text(low, high, "mean") for low, high in zip(calculated["RII low"], calculated["RII high"])]
    shown["What it means"] = calculated["What it means"]
    return shown


def _inequality_notes(summary: pd.DataFrame, calculated: pd.DataFrame, left_out: str | None) -> list[str]:
    notes = ["Quintiles are national: quintile 1 holds the most deprived fifth of Scotland's data zones, so an "
             "area need not have data zones in every quintile. SII (slope index of inequality): the modelled gap "
             "between the most and least deprived ends of the area's population; RII: that gap as a share of the "
             "area's average. Calculated only when every quintile has a value (ScotPHO)."]
    if calculated["simd_input"].any():
        notes.append("‡ An input of SIMD itself, or built from the data its domains use: split by SIMD quintile it "
                     "partly restates how SIMD was built, so its gap is shown here but never headlined in the key "
                     "points.")
    missing = summary.loc[summary["SII"].isna(), "Indicator"]
    if len(missing):
        notes.append(f"Not calculated (a quintile with no data zones here, no data, or suppressed counts): "
                     f"{'; '.join(missing)}.")
    return notes + ([left_out] if left_out else [])


def show_datazones(profile: LocalityProfile) -> None:
    """The map of data zones by SIMD decile and the data zone table; without boundaries, a sentence
    saying so instead of the map; without SIMD (the inequalities section says why), the table alone."""
    edition = profile.settings.simd_edition
    map_data = profile.datazone_map_data()
    table = profile.datazone_table()
    if not profile.dataset.has_boundaries:
        display(HTML(f"<p>{html_text(profile.dataset.no_boundaries_note)}</p>"))
    if not profile.dataset.has_simd:
        show_table(table, f"Data zones in {profile.area.name}")
        return
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
