"""KnowFife's functions in JupyterLab: Quick Profile, Data Explorer, Area Profiles, comparisons
and spend against need, each one call that returns something a notebook displays well.

Thin on purpose: the figures come from Dataset, LocalityProfile, advanced_table and spend, so a
number seen while exploring is the number the batch reports print. Everything returned is
already suppressed for small counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import altair as alt
import pandas as pd

from pmf_kit import charts
from pmf_kit.charts.display import NO_DATA_NOTE, format_value, table_html
from pmf_kit.data import spend as spending
from pmf_kit.data.catalogue_fields import WITHOUT_SAMPLING_ERROR
from pmf_kit.data.dataset import Dataset
from pmf_kit.data.escaping import html_text
from pmf_kit.data.geography import Area
from pmf_kit.data.indicators import resolve_indicators, resolve_theme, unit_words
from pmf_kit.data.naming import closest_names, matching_names, normalise_name
from pmf_kit.data.periods import parse_period
from pmf_kit.errors import PmfKitError, UnknownAreaError, UnknownIndicatorError
from pmf_kit.explore.advanced_table import parse_within, table
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.profiles.report_sections import theme_table_display
from pmf_kit.profiles.spine import by_size_words
from pmf_kit.stats import compare_with_comparator
from pmf_kit.stats.comparison import compare_by_size
from pmf_kit.stats.disclosure import SUPPRESSION_SYMBOL, footnotes, thresholds_from_catalogue

NESTING_LEVELS = ("intermediate_zone", "locality", "council")
SEARCHED_COLUMNS = ("indicator_id", "title", "theme", "definition", "numerator_label", "denominator_label")


def default_comparator_levels(dataset: Dataset, level: str) -> list[str]:
    """The larger areas an area is compared with: those of the nesting levels above its own
    (a data zone: its intermediate zone, locality and council), then published comparators
    such as Scotland."""
    standard = [entry.id for entry in dataset.geography.levels]
    above = standard[standard.index(level) + 1:] if level in standard else ["council"]
    nesting = [candidate for candidate in NESTING_LEVELS if candidate in above]
    published = [candidate for candidate in dataset.level_ids if candidate not in dataset.geography.level_ids]
    return nesting + published


def search_areas(dataset: Dataset, keyword: str, level: str | None = None) -> pd.DataFrame:
    """Areas whose name contains the keyword (forgiving case and punctuation): `level, code, name,
    population, datazones`, largest levels first."""
    wanted = normalise_name(keyword)
    levels = [level] if level else list(reversed(dataset.geography.level_ids))
    found = []
    for candidate in levels:
        areas = dataset.areas(candidate)
        hits = areas[areas["name"].map(normalise_name).str.contains(wanted, regex=False)
                     | (areas["code"].str.casefold() == keyword.strip().casefold())]
        found.append(hits.assign(level=candidate))
    columns = ["level", "code", "name", "population", "datazones"]
    matches = pd.concat(found, ignore_index=True).reindex(columns=columns)
    return matches.astype({"population": "Int64", "datazones": "Int64"})


def find_area_by_keyword(dataset: Dataset, keyword: str, level: str | None = None) -> Area:
    """The area a keyword means: an exact code or name first, else the one name containing it."""
    try:
        return dataset.find_area(keyword, level)
    except UnknownAreaError as error:
        if error.ambiguous:
            raise
        hits = search_areas(dataset, keyword, level)
        if len(hits) == 1:
            row = hits.iloc[0]
            return Area(row["level"], row["code"], row["name"])
        if len(hits) > 1:
            candidates = [f"{row.name} ({row.level} {row.code})" for row in hits.head(12).itertuples()]
            raise UnknownAreaError(keyword, level, candidates, ambiguous=True) from None
        raise


def _profile(dataset: Dataset, area: str | Area, level: str | None, comparator_levels: Iterable[str] | None,
             period: str) -> LocalityProfile:
    """A LocalityProfile for a keyword or Area, with the default comparators for its level."""
    found = area if isinstance(area, Area) else find_area_by_keyword(dataset, area, level)
    if comparator_levels is None:
        comparator_levels = default_comparator_levels(dataset, found.level)
    levels = list(comparator_levels)
    return LocalityProfile(dataset, found.code, level=found.level, comparator_levels=levels, period=period)


def _suppression_notes(profile: LocalityProfile) -> list[str]:
    """The footnote on suppressed figures, for any indicator of the data set that can be hidden."""
    catalogue = profile.dataset.catalogue
    return footnotes(thresholds_from_catalogue(catalogue), catalogue["indicator_id"])


@dataclass
class QuickProfile:
    """KnowFife's Quick Profile: who lives in an area and how its indicators compare."""

    profile: LocalityProfile

    @property
    def area(self) -> Area:
        """The area profiled."""
        return self.profile.area

    def headline(self) -> pd.DataFrame:
        """Residents, data zones, age groups and deprivation against the comparators."""
        return self.profile.headline()

    def comparison(self) -> pd.DataFrame:
        """Every indicator for this area against its nearest larger comparator (see `compare`)."""
        comparators = self.profile.comparators
        comparator = comparators[0] if comparators else None
        return compare(self.profile.dataset, [self.area], comparator=comparator,
                       period=self.profile.settings.period)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Long tables with geography columns, keyed by a name saying what they hold, for export."""
        headline = self.headline().melt(id_vars="Measure", var_name="area_name", value_name="value")
        areas = {area.name: area for area in [self.area, *self.profile.comparators]}
        headline.insert(0, "area_level", headline["area_name"].map(lambda name: areas[name].level))
        headline.insert(1, "area_code", headline["area_name"].map(lambda name: areas[name].code))
        headline = headline.rename(columns={"Measure": "measure"})
        return {f"quick-profile-{self.area.name}": headline,
                "indicators-compared": self.comparison()}

    def charts(self) -> dict[str, alt.TopLevelMixin]:
        """A quick profile is tables only; see area_profile for charts."""
        return {}

    def _repr_html_(self) -> str:
        headline = self.headline()
        shown = headline.copy()
        for column in headline.columns[1:]:
            shown[column] = [format_value(value, "percent" if measure.endswith("%)") else "count")
                             for measure, value in zip(headline["Measure"], headline[column])]
        comparison = self.comparison()
        against = f" with {comparison['comparator_name'].iloc[0]}" if comparison["comparator_name"].any() else ""
        compared = comparison_display(comparison).drop(columns=["Area", "Comparator"])
        level = self.profile.dataset.level_label(self.area.level)
        return (f"<h2>{html_text(self.area.name)}</h2><p>{html_text(level)} {html_text(self.area.code)}</p>"
                + table_html(shown, f"{self.area.name} at a glance")
                + table_html(compared, f"{self.area.name}: indicators compared{against}",
                             [NO_DATA_NOTE, *_suppression_notes(self.profile)]))


def quick_profile(
    dataset: Dataset, keyword: str, level: str | None = None, comparator_levels: Iterable[str] | None = None,
    period: str = "latest",
) -> QuickProfile:
    """Pick an area type, type a keyword, get a profile: headline figures and every indicator
    compared. A keyword may be part of a name ("innis" finds Isle of Innisbrae)."""
    return QuickProfile(_profile(dataset, keyword, level, comparator_levels, period))


class IndicatorMatches(pd.DataFrame):
    """Catalogue rows found by search_indicators: a DataFrame that shows itself as a readable
    table (title, theme, definition, unit, periods, source) in a notebook."""

    SHOWN = {"title": "Indicator", "indicator_id": "Id", "theme": "Theme", "definition": "Definition",
             "unit": "Unit", "periods": "Periods", "source": "Source"}

    @property
    def _constructor(self) -> type[IndicatorMatches]:
        return IndicatorMatches

    def _repr_html_(self) -> str:
        if not set(self.SHOWN) <= set(self.columns):
            return pd.DataFrame(self)._repr_html_()
        shown = pd.DataFrame(self)[list(self.SHOWN)].rename(columns=self.SHOWN)
        shown["Unit"] = shown["Unit"].map(unit_words)
        return table_html(shown, f"{len(shown)} indicator{'s' if len(shown) != 1 else ''} found")


def search_indicators(dataset: Dataset, keyword: str | None = None, theme: str | None = None) -> IndicatorMatches:
    """KnowFife's Data Explorer: catalogue rows whose id, title, theme, definition or labels
    contain every word of `keyword`, optionally of one theme, with the periods held."""
    catalogue = dataset.catalogue.reset_index(drop=True)
    selected = pd.Series(True, index=catalogue.index)
    if theme is not None:
        selected &= catalogue["theme"] == resolve_theme(catalogue, theme)
    if keyword:
        text = catalogue[list(SEARCHED_COLUMNS)].astype(str).agg(" ".join, axis=1).map(normalise_name)
        for word in normalise_name(keyword).split():
            selected &= text.str.contains(word, regex=False)
    periods = dataset.values.groupby("indicator_id")["period"].agg(
        lambda labels: f"{min(labels, key=parse_period)} to {max(labels, key=parse_period)}")
    found = catalogue[selected].copy()
    found["periods"] = found["indicator_id"].map(periods).fillna("no data")
    return IndicatorMatches(found.reset_index(drop=True))


@dataclass
class AreaProfile:
    """KnowFife's Area Profile: an area's indicators theme by theme against peers and comparators."""

    profile: LocalityProfile
    themes: list[str]

    @property
    def area(self) -> Area:
        """The area profiled."""
        return self.profile.area

    def theme_table(self, theme: str) -> pd.DataFrame:
        """One theme's table: every indicator, this area, its comparators and peers."""
        return self.profile.theme_table(resolve_theme(self.profile.dataset.catalogue, theme))

    def trend_chart(self, indicator_id: str) -> alt.LayerChart:
        """The indicator over time for this area and its comparators, with the 95% band."""
        catalogue = self.profile.dataset.catalogue
        [indicator_id] = resolve_indicators(catalogue, [indicator_id])
        trend = self.profile.trend(indicator_id)
        trend = trend[trend["value"].notna()]
        return charts.trend_chart(trend, catalogue.loc[indicator_id, "title"],
                                  unit_words(catalogue.loc[indicator_id, "unit"]), highlight=self.profile.label(self.area))

    def charts(self) -> dict[str, alt.LayerChart]:
        """The trend chart of every indicator shown that has a figure for this area, by file name."""
        shown = {}
        for theme in self.themes:
            for indicator_id in self.profile.theme_indicators(theme):
                trend = self.profile.trend(indicator_id)
                if trend.loc[trend["area_name"] == self.profile.label(self.area), "value"].notna().any():
                    shown[f"{self.area.name} {indicator_id} trend"] = self.trend_chart(indicator_id)
        return shown

    def tables(self) -> dict[str, pd.DataFrame]:
        """The values behind the theme tables, long, with geography columns, for export."""
        values = self.profile.values
        ids = [indicator for theme in self.themes for indicator in self.profile.theme_indicators(theme)]
        areas = {area.code: area for area in self.profile.compared_areas}
        rows = values[values["indicator_id"].isin(ids)]
        rows = rows.sort_values(["indicator_id", "period_start", "geography_code"])
        long = pd.DataFrame({
            "area_level": rows["geography_code"].map(lambda code: areas[code].level),
            "area_code": rows["geography_code"],
            "area_name": rows["geography_code"].map(lambda code: areas[code].name),
            "indicator_id": rows["indicator_id"], "period": rows["period"], "release": rows["release"],
            "period_is_edition": rows["period_is_edition"], "numerator": rows["numerator"],
            "numerator_highest": rows["numerator_high"], "denominator": rows["denominator"], "value": rows["value"],
            "value_lowest": rows["value_low"], "value_highest": rows["value_high"], "lower_95": rows["lower_ci"],
            "upper_95": rows["upper_ci"], "suppressed": rows["suppressed"]})
        subject = self.themes[0] if len(self.themes) == 1 else "all-themes"
        return {f"area-profile-{self.area.name}-{subject}": long.reset_index(drop=True)}

    def _repr_html_(self) -> str:
        level = self.profile.dataset.level_label(self.area.level)
        parts = [f"<h2>{html_text(self.area.name)}</h2><p>{html_text(level)} profile</p>"]
        notes = [NO_DATA_NOTE, *_suppression_notes(self.profile)]
        for theme in self.themes:
            table = theme_table_display(self.profile, theme)
            parts.append(table_html(table, f"{theme}: {self.area.name} compared", notes))
        return "".join(parts)


def area_profile(
    dataset: Dataset, area: str | Area, level: str | None = None, theme: str | None = None,
    comparator_levels: Iterable[str] | None = None, period: str = "latest",
) -> AreaProfile:
    """A profile of an area by theme (one theme, or all of them), at any level down to a data zone."""
    profile = _profile(dataset, area, level, comparator_levels, period)
    if theme is None:
        return AreaProfile(profile, profile.themes)
    return AreaProfile(profile, [resolve_theme(dataset.catalogue, theme)])


def _comparator_area(dataset: Dataset, comparator: str | Area | None, level: str | None,
                     first: Area) -> Area | None:
    """The comparator asked for, or the council holding most of the first area's residents."""
    if isinstance(comparator, Area):
        return dataset.find_area(comparator)
    if comparator is not None:
        return dataset.find_area(comparator, level)
    if "council" not in dataset.geography.level_ids or first.level == "council":
        return None
    return LocalityProfile(dataset, first.code, level=first.level, comparator_levels=["council"]).comparators[0]


def compare(
    dataset: Dataset, areas: Iterable[str | Area] | str | Area, indicators: Iterable[str] | str | None = None,
    level: str | None = None, comparator: str | Area | None = None, comparator_level: str | None = None,
    period: str = "latest",
) -> pd.DataFrame:
    """Areas side by side on indicators, each labelled against a comparator (ScotPHO rule:
    better / worse / no different by the 95% interval, read through the indicator's polarity; a
    figure without sampling error, such as a census share, higher / lower / the same by size only).

    The comparator is the council by default; give `comparator` (and `comparator_level` for a
    published comparator such as Scotland) to choose another. Columns: area_level, area_code,
    area_name, indicator_id, title, unit, period, value, lower_95, upper_95, suppressed,
    comparator_name, comparator_value, compared.
    """
    wanted = [areas] if isinstance(areas, (str, Area)) else list(areas)
    found = [dataset.find_area(area) if isinstance(area, Area) else find_area_by_keyword(dataset, area, level)
             for area in wanted]
    if not found:
        raise PmfKitError("compare: give at least one area")
    indicator_ids = resolve_indicators(dataset.catalogue, indicators)
    frames = []
    for area_level in dict.fromkeys(area.level for area in found):
        codes = [area.code for area in found if area.level == area_level]
        rows = table(dataset, indicator_ids, area_level, None, period)
        frames.append(rows[rows["area_code"].isin(codes)])
    compared = pd.concat(frames, ignore_index=True)
    reference = _comparator_area(dataset, comparator, comparator_level, found[0])
    if reference is not None:
        rows = table(dataset, indicator_ids, reference.level, None, "all")
        rows = rows[rows["area_code"] == reference.code][["indicator_id", "period", "value"]]
        rows = rows.rename(columns={"value": "comparator_value"})
        compared = compared.merge(rows, on=["indicator_id", "period"], how="left")
        compared["comparator_name"] = reference.name
    else:
        compared = compared.assign(comparator_name="", comparator_value=float("nan"))
    catalogue = dataset.catalogue
    polarity = compared["indicator_id"].map(catalogue["polarity"])
    compared["compared"] = compare_with_comparator(compared["value"], compared["lower_95"], compared["upper_95"],
                                                   compared["comparator_value"], polarity) if len(compared) else []
    by_size = (compared["indicator_id"].map(catalogue["variability"]).isin(WITHOUT_SAMPLING_ERROR)
               & (compared["indicator_id"].map(catalogue["unit"]) != "count"))
    if by_size.any():
        sizes = compare_by_size(compared["value"], compared["value"], compared["comparator_value"],
                                compared["comparator_value"])
        compared.loc[by_size, "compared"] = [by_size_words(size) if size != "not comparable" else size
                                             for size in sizes[by_size.to_numpy()]]
    compared["title"] = compared["indicator_id"].map(catalogue["title"])
    compared["unit"] = compared["indicator_id"].map(catalogue["unit"])
    columns = ["area_level", "area_code", "area_name", "indicator_id", "title", "unit", "period", "value", "lower_95",
               "upper_95", "suppressed", "comparator_name", "comparator_value", "compared"]
    order = {indicator: position for position, indicator in enumerate(indicator_ids)}
    compared = compared.assign(order=compared["indicator_id"].map(order))
    return compared.sort_values(["order", "area_name"], kind="stable")[columns].reset_index(drop=True)


def comparison_display(comparison: pd.DataFrame) -> pd.DataFrame:
    """A comparison as a notebook table shows it: words for units, figures rounded by unit."""
    shown = pd.DataFrame({
        "Area": comparison["area_name"], "Indicator": comparison["title"], "Period": comparison["period"],
        "Unit": comparison["unit"].map(unit_words),
        "Value": [(SUPPRESSION_SYMBOL if hidden else format_value(value, unit)) for value, unit, hidden
                  in zip(comparison["value"], comparison["unit"], comparison["suppressed"])],
        "Comparator": comparison["comparator_name"],
        "Comparator value": [format_value(value, unit)
                             for value, unit in zip(comparison["comparator_value"], comparison["unit"])],
        "Compared": comparison["compared"]})
    return shown


def comparison_chart(comparison: pd.DataFrame, indicator_id: str, highlight: str | None = None) -> alt.LayerChart:
    """Bars of one indicator across the compared areas and their comparator, with 95% limits,
    each coloured by whether it is better, worse or no different than the comparator."""
    compared = list(dict.fromkeys(comparison["indicator_id"]))
    rows = comparison[comparison["indicator_id"] == indicator_id]
    if rows.empty:
        matched = matching_names(str(indicator_id), compared)
        if len(matched) != 1:
            closest = closest_names(str(indicator_id), compared)
            raise UnknownIndicatorError(str(indicator_id), closest or compared,
                                        where="in this comparison")
        rows = comparison[comparison["indicator_id"] == matched[0]]
    bars = rows.rename(columns={"lower_95": "lower_ci", "upper_95": "upper_ci"})
    bars = bars[["area_name", "value", "lower_ci", "upper_ci", "compared"]]
    if rows["comparator_name"].iloc[0]:
        bars = pd.concat([bars, pd.DataFrame({"area_name": [rows["comparator_name"].iloc[0]],
                                              "value": [rows["comparator_value"].iloc[0]],
                                              "compared": ["comparator"]})], ignore_index=True)
    title = f"{rows['title'].iloc[0]}, {', '.join(dict.fromkeys(rows['period']))}"
    unit = unit_words(rows["unit"].iloc[0])
    return charts.comparison_bars(bars, title, unit, highlight or rows["area_name"].iloc[0])


def _within(dataset: Dataset, within: str | tuple[str, str] | Area | None) -> Area | None:
    """`locality=Auchterlinn`, ("locality", "Auchterlinn") or an Area, as an Area."""
    if within is None or isinstance(within, Area):
        return within
    level, name = parse_within(within) if isinstance(within, str) else within
    return find_area_by_keyword(dataset, name, level)


def spend_per_head(
    dataset: Dataset, level: str, within: str | tuple[str, str] | Area | None = None, period: str = "latest",
    service_lines: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Spend, spend per resident and unit cost per service user for every area of a level
    (optionally only those within another area, e.g. "locality=Isle of Innisbrae"); see
    pmf_kit.data.spend.spend_per_head for the columns and the suppression of small user counts."""
    return spending.spend_per_head(dataset, level, period, _within(dataset, within), service_lines)


def spend_against_need(
    dataset: Dataset, level: str, need_indicators: Iterable[str] | str = (), period: str = "latest",
    within: str | tuple[str, str] | Area | None = None, simd_edition: str | None = None,
) -> pd.DataFrame:
    """Per area: spend per resident, in all and by service line, next to need (share of residents
    in the most deprived SIMD quintile and the latest value of each need indicator).

    Columns: area_level, area_code, area_name, period, spend_gbp, residents, spend_per_head_gbp
    (all services), `spend_per_head_gbp: <service line>` for each line,
    percent_in_most_deprived_quintile, then `<indicator_id>` and `<indicator_id>_period`.
    """
    parent = _within(dataset, within)
    per_head = spending.spend_per_head(dataset, level, period, parent)
    totals = per_head[per_head["service_line"] == spending.ALL_SERVICES].drop(
        columns=["service_line", "service_users", "unit_cost_gbp", "suppressed"])
    by_line = per_head[per_head["service_line"] != spending.ALL_SERVICES].pivot_table(
        index=["area_code", "period"], columns="service_line", values="spend_per_head_gbp", sort=False)
    by_line.columns = [f"spend_per_head_gbp: {line}" for line in by_line.columns]
    wide = totals.merge(by_line.reset_index(), on=["area_code", "period"])
    wide["percent_in_most_deprived_quintile"] = wide["area_code"].map(
        _share_most_deprived(dataset, level, simd_edition or dataset.simd_edition))
    indicators = resolve_indicators(dataset.catalogue, need_indicators) if need_indicators else []
    if indicators:
        values = table(dataset, indicators, level, (parent.level, parent.code) if parent else None, "latest")
        for indicator_id in indicators:
            rows = values[values["indicator_id"] == indicator_id].set_index("area_code")
            wide[indicator_id] = wide["area_code"].map(rows["value"])
            wide[f"{indicator_id}_period"] = wide["area_code"].map(rows["period"])
    return wide.reset_index(drop=True)


def _share_most_deprived(dataset: Dataset, level: str, simd_edition: str) -> pd.Series:
    """Percentage of each area's residents living in SIMD quintile 1 data zones, by area code."""
    simd = dataset.simd[dataset.simd["simd_edition"] == simd_edition].set_index("datazone_code")
    members = dataset.geography.membership(level).merge(dataset.geography.lookup[["datazone_code", "population"]])
    most_deprived = members["datazone_code"].map(simd["simd_quintile"]) == 1
    members["most_deprived"] = members["population"].where(most_deprived, 0)
    shares = members.groupby("code")[["most_deprived", "population"]].sum()
    return 100 * shares["most_deprived"] / shares["population"]


__all__ = ["AreaProfile", "IndicatorMatches", "QuickProfile", "area_profile", "compare", "comparison_chart",
           "comparison_display", "default_comparator_levels", "find_area_by_keyword", "quick_profile", "search_areas",
           "search_indicators", "spend_against_need", "spend_per_head"]
