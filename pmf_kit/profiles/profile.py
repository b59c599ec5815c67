"""The numbers of a locality profile: one area against its peers and comparators.

Every table and chart of notebooks/locality_profile.ipynb comes from a method here, so that the
notebook holds layout only and the same figures feed tables, charts and words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Hashable, TypeVar

import geopandas as gpd
import pandas as pd

from pmf_kit.data.aggregation import aggregate
from pmf_kit.data.dataset import Dataset
from pmf_kit.data.geography import CUSTOM, DATAZONE, Area
from pmf_kit.data.indicators import unit_words
from pmf_kit.data.periods import parse_period
from pmf_kit.profiles.similar_areas import similar_areas
from pmf_kit.stats import RecentTrend, add_confidence_limits, recent_trend
from pmf_kit.stats.disclosure import SUPPRESSION_SYMBOL, suppress_pooled
from pmf_kit.stats.standardisation import ESP2013_AGE_BANDS

T = TypeVar("T")
MOST_DEPRIVED_QUINTILE = 1
MAX_PEERS = 12
SIMILAR_AREAS = "similar_areas"
"""The level of the comparator pooling an area's similar areas."""
TREND_COLUMN = "Recent trend"
TREND_WORDS = {"cannot be calculated": "not calculated"}
BROAD_AGE_GROUPS = {"Children and young people (0-19)": ESP2013_AGE_BANDS[:4],
                    "Working age (20-64)": ESP2013_AGE_BANDS[4:13], "Older people (65+)": ESP2013_AGE_BANDS[13:]}


@dataclass(frozen=True)
class ProfileSettings:
    """What a profile is about: the area, what it is compared with, and which period."""

    area: Area
    comparator_levels: tuple[str, ...]
    period: str
    simd_edition: str
    similar_areas: int = 0


class LocalityProfile:
    """Figures for one area: headline, themes, trends, data zones, deprivation and sources."""

    def __init__(
        self, dataset: Dataset, area: str, level: str | None = None,
        comparator_levels: list[str] | tuple[str, ...] = ("council",), period: str = "latest",
        simd_edition: str | None = None, similar_areas: int = 0,
    ) -> None:
        self.dataset = dataset
        found = dataset.find_area(area, level)
        for comparator in comparator_levels:
            dataset.areas(comparator)
        self.settings = ProfileSettings(
            area=found,
            comparator_levels=tuple(comparator_levels),
            period=str(period),
            simd_edition=simd_edition or dataset.simd_edition,
            similar_areas=int(similar_areas or 0),
        )
        if self.settings.period != "latest":
            parse_period(self.settings.period)

    @property
    def area(self) -> Area:
        """The area the profile is about."""
        return self.settings.area

    @cached_property
    def datazones(self) -> list[str]:
        """Codes of the data zones that make up the area."""
        return self.dataset.geography.datazones_in(self.area)

    @cached_property
    def comparators(self) -> list[Area]:
        """The areas compared with: for each comparator level, the one holding most residents;
        then, when similar areas are asked for, their pooled figure."""
        found = []
        for level in self.settings.comparator_levels:
            if level in self.dataset.geography.level_ids and level != CUSTOM:
                found.append(self._containing_area(level))
            else:
                found += [Area(level, row.code, row.name) for row in self.dataset.areas(level).itertuples()]
        pooled = [self.similar_group] if self.similar_group else []
        return [area for area in found if area != self.area] + pooled

    @cached_property
    def similar(self) -> list[Area]:
        """The area's statistical nearest neighbours of its own level (profiles.similar_areas),
        as many as `similar_areas` asks for; none when it is 0, and none for a custom area: the
        analyst's own areas are drawn by hand, not a set of like areas to choose from."""
        if not self.settings.similar_areas or self.area.level == CUSTOM:
            return []
        nearest = similar_areas(self.dataset, self.area, self.settings.similar_areas,
                                simd_edition=self.settings.simd_edition)
        return [Area(self.area.level, row.code, row.name) for row in nearest.itertuples()]

    @cached_property
    def similar_group(self) -> Area | None:
        """The comparator that pools the similar areas' numerators and denominators."""
        if not self.similar:
            return None
        return Area(SIMILAR_AREAS, f"{self.area.code}-similar", f"Similar areas ({len(self.similar)})")

    def _containing_area(self, level: str) -> Area:
        """The area of `level` holding most of this area's residents."""
        members = self.dataset.geography.membership(level)
        population = self.dataset.geography.lookup.set_index("datazone_code")["population"]
        inside = members[members["datazone_code"].isin(self.datazones)].copy()
        inside["population"] = inside["datazone_code"].map(population)
        best = inside.groupby(["code", "name"])["population"].sum().idxmax()
        return Area(level, best[0], best[1])

    @cached_property
    def peers(self) -> list[Area]:
        """Other areas of the same level in the same council, when few enough to show side by side."""
        if self.area.level in (DATAZONE, CUSTOM):
            return []
        areas = self.dataset.areas(self.area.level)
        if "council" in self.dataset.geography.level_ids and self.area.level != "council":
            council = self._containing_area("council")
            fits = self.dataset.geography.best_fit(self.area.level, "council")
            areas = areas[areas["code"].isin(fits.loc[fits["to_code"] == council.code, "code"])]
        if len(areas) > MAX_PEERS:
            return []
        return [Area(self.area.level, row.code, row.name) for row in areas.itertuples() if row.code != self.area.code]

    @property
    def compared_areas(self) -> list[Area]:
        """This area first, then its comparators, then its peers."""
        return [self.area, *self.comparators, *self.peers]

    @property
    def ranked_areas(self) -> list[Area]:
        """The areas of this area's level ranked beside it: itself, its peers and its similar areas."""
        return list(dict.fromkeys([self.area, *self.peers, *self.similar]))

    @cached_property
    def _colliding_names(self) -> set[str]:
        """Names shared by two compared areas (a locality called after its council)."""
        names = [area.name.casefold() for area in dict.fromkeys([*self.compared_areas, *self.similar])]
        return {name for name in names if names.count(name) > 1}

    def label(self, area: Area) -> str:
        """The area's name, with its level where another compared area has the same name:
        "Clackmannanshire (HSCP locality)" beside "Clackmannanshire (council area)". Every table
        column, chart legend and sentence of the profile names areas this way."""
        if area.name.casefold() not in self._colliding_names:
            return area.name
        level = self.dataset.level_label(area.level)
        if level[1:2].islower():
            level = level[0].lower() + level[1:]
        return f"{area.name} ({level})"

    @cached_property
    def values(self) -> pd.DataFrame:
        """Values with 95% limits for this area, its comparators, peers and similar areas, hidden
        by the data set's one decision (data.publication), and the similar areas' pooled figure
        hidden wherever one of theirs is."""
        shown = [area for area in dict.fromkeys([*self.compared_areas, *self.similar]) if area.level != SIMILAR_AREAS]
        frames = []
        for level in dict.fromkeys(area.level for area in shown):
            codes = [area.code for area in shown if area.level == level]
            built = self.dataset.aggregate(level)
            frames.append(built[built["geography_code"].isin(codes)])
        if self.similar_group:
            frames.append(self._pooled_similar_values())
        values = pd.concat(frames, ignore_index=True)
        values = _with_limits(values, self.dataset.catalogue)
        values = self.dataset.disclosure.apply(values)
        if self.similar_group:
            values = suppress_pooled(values, {self.similar_group.code: [area.code for area in self.similar]})
        values = aligned_to_area_periods(values, self.area.code)
        values["period_start"] = values["period"].map(lambda label: parse_period(label).start)
        return values

    def _pooled_similar_values(self) -> pd.DataFrame:
        """The similar areas as one: numerators and denominators summed over their data zones."""
        zones = dict.fromkeys(zone for area in self.similar for zone in self.dataset.geography.datazones_in(area))
        membership = pd.DataFrame({"datazone_code": list(zones), "code": self.similar_group.code,
                                   "name": self.similar_group.name})
        values = self.dataset.values
        return aggregate(values[values["geography_code"].isin(zones)], membership, self.dataset.catalogue,
                         SIMILAR_AREAS)

    @cached_property
    def _values_by_indicator(self) -> dict[str, pd.DataFrame]:
        return dict(iter(self.values.groupby("indicator_id", sort=False)))

    def indicator_values(self, indicator_id: str) -> pd.DataFrame:
        """`values` of one indicator: split once per profile, as every table and chart asks for
        one indicator at a time (filtering the whole table each time cost seconds a report)."""
        return self._values_by_indicator.get(indicator_id, self.values.iloc[:0])

    def remembered(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What `compute` gives, worked out once per profile: for modules built on the profile
        whose results several sections share (the spine's comparisons feed the spine chart and
        the key points)."""
        if key not in self._remembered:
            self._remembered[key] = compute()
        return self._remembered[key]

    @cached_property
    def _remembered(self) -> dict:
        return {}

    def reporting_period(self, indicator_id: str) -> str | None:
        """The period shown for an indicator: the one asked for, or its latest with data for
        this area (or, where the area has none, such as migration for a locality, for its
        comparators). Worked out once per indicator."""
        return self.remembered(("reporting_period", indicator_id), lambda: self._find_reporting_period(indicator_id))

    def _find_reporting_period(self, indicator_id: str) -> str | None:
        of_indicator = self.indicator_values(indicator_id)
        periods = pd.Series(dtype=object)
        for codes in ([self.area.code], [area.code for area in self.comparators]):
            rows = of_indicator[of_indicator["geography_code"].isin(codes)]
            periods = rows.loc[rows["value"].notna() | (rows["suppressed"] != ""), "period"]
            if not periods.empty:
                break
        if periods.empty:
            return None
        if self.settings.period == "latest":
            return max(periods, key=parse_period)
        wanted = parse_period(self.settings.period)
        earlier = [p for p in periods if parse_period(p).start <= wanted.start]
        return max(earlier, key=parse_period) if earlier else None

    @cached_property
    def population(self) -> pd.DataFrame:
        """Residents of the area in the latest population period, by sex and age band."""
        population = self._latest_population
        rows = population[population["datazone_code"].isin(self.datazones)]
        by_band = rows.groupby(["sex", "age_band"], as_index=False)["population"].sum()
        by_band["period"] = self.population_periods[0]
        return by_band

    @cached_property
    def _latest_population(self) -> pd.DataFrame:
        population = self.dataset.population
        return population[population["period"] == self.population_periods[0]]

    def age_structure(self) -> pd.DataFrame:
        """Share of residents in broad age groups: this area against each comparator."""
        rows = []
        population = self._latest_population
        for area in [self.area, *self._population_comparators()]:
            datazones = self.dataset.geography.datazones_in(area)
            selected = population[population["datazone_code"].isin(datazones)]
            total = selected["population"].sum()
            for group, bands in BROAD_AGE_GROUPS.items():
                residents = selected.loc[selected["age_band"].isin(bands), "population"].sum()
                rows.append({"area_name": self.label(area), "age_group": group, "residents": residents,
                             "percent": 100 * residents / total if total else float("nan")})
        return pd.DataFrame(rows)

    def _population_comparators(self) -> list[Area]:
        """Comparators built from data zones (population is only known for those)."""
        return [area for area in self.comparators if area.level in self.dataset.geography.level_ids]

    @cached_property
    def simd_of_datazones(self) -> pd.DataFrame:
        """SIMD ranks of this area's data zones in the profile's edition, with names and population."""
        simd = self.dataset.simd
        simd = simd[simd["simd_edition"] == self.settings.simd_edition]
        lookup = self.dataset.geography.lookup
        zones = lookup[lookup["datazone_code"].isin(self.datazones)]
        return zones.merge(simd, on="datazone_code", how="left")

    def share_in_most_deprived_quintile(self, area: Area | None = None) -> float:
        """Percentage of residents living in data zones of national SIMD quintile 1."""
        datazones = self.dataset.geography.datazones_in(area or self.area)
        lookup = self.dataset.geography.lookup
        simd = self.dataset.simd[self.dataset.simd["simd_edition"] == self.settings.simd_edition]
        zones = lookup[lookup["datazone_code"].isin(datazones)].merge(simd, on="datazone_code")
        total = zones["population"].sum()
        most_deprived = zones.loc[zones["simd_quintile"] == MOST_DEPRIVED_QUINTILE, "population"].sum()
        return 100 * most_deprived / total if total else float("nan")

    def residents(self, area: Area, period: str) -> float:
        """Residents of an area (made of data zones) in a population period."""
        by_zone = self.dataset.residents[period]
        return float(by_zone.reindex(self.dataset.geography.datazones_in(area), fill_value=0.0).sum())

    @cached_property
    def population_periods(self) -> tuple[str, str | None]:
        """(latest, earliest) period of the population estimates; earliest is None with only one."""
        periods = sorted(self.dataset.population["period"].unique(), key=parse_period)
        return periods[-1], (periods[0] if len(periods) > 1 else None)

    def headline(self) -> pd.DataFrame:
        """The quick profile: residents now and their change since the earliest population
        estimate, data zones, age groups, share most deprived; against each comparator."""
        return self._headline.copy()

    @cached_property
    def _headline(self) -> pd.DataFrame:
        areas = [self.area, *self._population_comparators()]
        lookup = self.dataset.geography.lookup
        structure = self.age_structure()
        latest, earliest = self.population_periods
        columns = {}
        for area in areas:
            datazones = self.dataset.geography.datazones_in(area)
            shares = structure[structure["area_name"] == self.label(area)].set_index("age_group")["percent"]
            change = {}
            if earliest:
                before, now = self.residents(area, earliest), self.residents(area, latest)
                change = {f"Residents in {earliest}": before,
                          f"Change in residents since {earliest} (%)": 100 * (now / before - 1) if before else float("nan")}
            columns[self.label(area)] = {
                "Residents": lookup.loc[lookup["datazone_code"].isin(datazones), "population"].sum(),
                **change,
                "Data zones": len(datazones),
                **{f"{group} (%)": shares.get(group) for group in BROAD_AGE_GROUPS},
                f"Residents in the most deprived 20% of data zones in Scotland ({self.settings.simd_edition}, %)":
                    self.share_in_most_deprived_quintile(area),
            }
        table = pd.DataFrame(columns)
        table.index.name = "Measure"
        return table.reset_index()

    @property
    def themes(self) -> list[str]:
        """Themes of the catalogue in the order they first appear."""
        return list(dict.fromkeys(self.dataset.catalogue["theme"]))

    def theme_indicators(self, theme: str) -> list[str]:
        """Indicator ids of one theme."""
        catalogue = self.dataset.catalogue
        return list(catalogue.loc[catalogue["theme"] == theme, "indicator_id"])

    def shown_indicators(self, theme: str) -> list[str]:
        """Indicators of a theme with a figure for this area or a comparator: one published for
        data zones only (not additive) has none for a larger area and is left out of its tables."""
        return [indicator for indicator in self.theme_indicators(theme) if indicator in self._indicators_with_a_figure]

    @cached_property
    def _indicators_with_a_figure(self) -> set[str]:
        codes = [area.code for area in [self.area, *self.comparators]]
        present = self.values[self.values["geography_code"].isin(codes)
                              & (self.values["value"].notna() | (self.values["suppressed"] != ""))]
        return set(present["indicator_id"])

    @property
    def shown_indicator_ids(self) -> list[str]:
        """Every indicator the profile shows, theme by theme."""
        return [indicator for theme in self.themes for indicator in self.shown_indicators(theme)]

    def theme_table(self, theme: str) -> pd.DataFrame:
        """One row per indicator of a theme with a figure to show: period, unit, the value of this
        area and of each comparator, this area's change since its earliest period of the same kind
        (2016 -> 2020 for SIMD) where both are shown, and its recent trend (peers are ranked in
        `ranking` instead, so the table keeps to a page's width).

        Cells hold numbers, NaN for no data, and the suppression symbol where a count is hidden.
        """
        rows = []
        catalogue = self.dataset.catalogue
        for indicator_id in self.shown_indicators(theme):
            period = self.reporting_period(indicator_id)
            row = {"Indicator": catalogue.loc[indicator_id, "title"], "Period": period or "no data",
                   "Unit": unit_words(catalogue.loc[indicator_id, "unit"]), "indicator_id": indicator_id}
            of_indicator = self.indicator_values(indicator_id)
            shown = of_indicator[of_indicator["period"] == period]
            for area in [self.area, *self.comparators]:
                cell = shown[shown["geography_code"] == area.code]
                row[self.label(area)] = _cell(cell)
            row["Change since"], row["Change"] = self.change(indicator_id, period)
            row[TREND_COLUMN] = self.trend_words(indicator_id)
            rows.append(row)
        return pd.DataFrame(rows, columns=["Indicator", "Period", "Unit", "indicator_id",
                                           *map(self.label, [self.area, *self.comparators]), "Change since", "Change",
                                           TREND_COLUMN])

    def change(self, indicator_id: str, period: str | None) -> tuple[str, float]:
        """This area's value at `period` minus its value at the earliest period of the same kind
        (calendar years with calendar years); blank for rolling aggregates, which overlap, and
        where either figure is missing or suppressed."""
        nothing = ("", float("nan"))
        if period is None or parse_period(period).is_multi_year:
            return nothing
        rows = self.indicator_values(indicator_id)
        rows = rows[rows["geography_code"] == self.area.code]
        kind = parse_period(period).kind
        earlier = [label for label in rows["period"] if parse_period(label).kind == kind
                   and parse_period(label) < parse_period(period)]
        if not earlier:
            return nothing
        first = min(earlier, key=parse_period)
        now, then = (rows[rows["period"] == label].iloc[0] for label in (period, first))
        if now["suppressed"] or then["suppressed"] or pd.isna(now["value"]) or pd.isna(then["value"]):
            return nothing
        return first, float(now["value"] - then["value"])

    def ranking(self, theme: str) -> pd.DataFrame:
        """This area beside its peers, similar areas and comparators, for each indicator of a
        theme in its reporting period: indicator_id, title, unit, period, area_name, role (this
        area, similar area, other <level>, comparator), value. Hidden and missing figures are
        left out; a count is ranked among areas of this level only."""
        roles = {area.code: "similar area" for area in self.similar}
        level_words = f"other {self.dataset.level_label(self.area.level).lower()}"
        roles.update({area.code: level_words for area in self.peers if area.code not in roles})
        roles.update({area.code: "comparator" for area in self.comparators})
        roles[self.area.code] = "this area"
        names = {area.code: self.label(area) for area in [*self.compared_areas, *self.similar]}
        catalogue = self.dataset.catalogue
        frames = []
        for indicator_id in self.theme_indicators(theme):
            period = self.reporting_period(indicator_id)
            rows = self.indicator_values(indicator_id)
            rows = rows[(rows["period"] == period) & rows["geography_code"].isin(roles) & rows["value"].notna()]
            role = rows["geography_code"].map(roles)
            if catalogue.loc[indicator_id, "unit"] == "count":
                rows, role = rows[role != "comparator"], role[role != "comparator"]
            frames.append(pd.DataFrame({
                "indicator_id": indicator_id, "title": catalogue.loc[indicator_id, "title"],
                "unit": unit_words(catalogue.loc[indicator_id, "unit"]), "period": period,
                "area_name": rows["geography_code"].map(names), "role": role, "value": rows["value"]}))
        columns = ["indicator_id", "title", "unit", "period", "area_name", "role", "value"]
        return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)

    @cached_property
    def recent_trends(self) -> dict[str, RecentTrend]:
        """Fingertips' recent trend of this area's figures up to each indicator's reporting period
        (pmf_kit.stats.recent_trend): none for counts, quarters or fewer than five years."""
        catalogue = self.dataset.catalogue
        trends = {}
        for indicator_id in catalogue.index:
            period = self.reporting_period(indicator_id)
            rows = self.indicator_values(indicator_id)
            rows = rows[rows["geography_code"] == self.area.code]
            if period is not None:
                rows = rows[rows["period_start"] <= parse_period(period).start]
            yearly = bool(len(rows)) and all(parse_period(label).is_single_year for label in rows["period"])
            trends[indicator_id] = recent_trend(rows, str(catalogue.loc[indicator_id, "unit"]),
                                                str(catalogue.loc[indicator_id, "polarity"]), yearly=yearly)
        return trends

    def trend_words(self, indicator_id: str) -> str:
        """The recent trend as the theme table says it: improving, worsening, increasing,
        decreasing, no significant change or not calculated."""
        assessment = self.recent_trends[indicator_id].assessment
        return TREND_WORDS.get(assessment, assessment)

    def trend(self, indicator_id: str) -> pd.DataFrame:
        """Time series of one indicator for this area and its comparators, for the trend chart."""
        codes = [self.area.code, *[area.code for area in self.comparators]]
        names = {area.code: self.label(area) for area in [self.area, *self.comparators]}
        rows = self.indicator_values(indicator_id)
        rows = rows[rows["geography_code"].isin(codes)]
        trend = rows.assign(area_name=rows["geography_code"].map(names))
        trend = trend[["area_name", "period", "published_period", "period_start", "value", "lower_ci", "upper_ci",
                       "suppressed"]]
        return trend.sort_values(["period_start", "area_name"]).reset_index(drop=True)

    def datazone_table(self) -> pd.DataFrame:
        """The area's data zones with population and SIMD rank, decile and quintile."""
        table = self.simd_of_datazones
        columns = {"datazone_code": "Data zone code", "datazone_name": "Data zone", "population": "Residents",
                   "simd_rank": f"{self.settings.simd_edition} rank (1 = most deprived)",
                   "simd_decile": "National decile", "simd_quintile": "National quintile"}
        for level in ("intermediate_zone", "ward"):
            if level != self.area.level and f"{level}_name" in table.columns:
                columns[f"{level}_name"] = self.dataset.level_label(level)
        table = table[list(columns)].astype({"population": "Int64", "simd_rank": "Int64"})
        return table.rename(columns=columns).sort_values(columns["simd_rank"]).reset_index(drop=True)

    def datazone_map_data(self) -> gpd.GeoDataFrame:
        """Data zone polygons of the area with SIMD decile, for the map; empty without boundaries."""
        if not self.dataset.has_boundaries:
            return gpd.GeoDataFrame(columns=["datazone_code", "datazone_name", "simd_decile", "geometry"])
        boundaries = self.dataset.datazone_boundaries
        zones = boundaries[boundaries["datazone_code"].isin(self.datazones)]
        details = self.simd_of_datazones[["datazone_code", "datazone_name", "simd_decile", "simd_rank"]]
        return zones.merge(details, on="datazone_code")

    def straddling_areas(self) -> pd.DataFrame:
        """Areas of other levels (wards, community councils) that straddle this area's boundary.

        An area straddles when part of it lies inside this area and part outside, and it does not
        contain this area whole. Figures in the profile are summed from data zones and stay exact;
        the table says what share of each straddling area's residents live inside, and which area
        it is assigned to best-fit by population wherever one area per ward is needed.
        """
        columns = ["Level", "Area", "Share of its residents in this area", "Assigned to"]
        if self.area.level in (DATAZONE, CUSTOM):
            return pd.DataFrame(columns=columns)
        rows = []
        for level in self.dataset.geography.level_ids:
            if level in (DATAZONE, CUSTOM, self.area.level):
                continue
            for piece in self._straddling(level).itertuples():
                rows.append({"Level": self.dataset.level_label(level), "Area": piece.name,
                             "Share of its residents in this area": round(100 * piece.share, 1),
                             "Assigned to": piece.best_fit_name})
        return pd.DataFrame(rows, columns=columns)

    def _straddling(self, level: str) -> pd.DataFrame:
        """Areas of `level` partly inside this area that do not contain it: share inside, best fit."""
        geography = self.dataset.geography
        population = geography.lookup.set_index("datazone_code")["population"]
        members = geography.membership(level)
        members = members.assign(population=members["datazone_code"].map(population),
                                 inside=members["datazone_code"].isin(self.datazones))
        members["population_inside"] = members["population"].where(members["inside"], 0)
        areas = members.groupby(["code", "name"], as_index=False).agg(
            population=("population", "sum"), population_inside=("population_inside", "sum"),
            datazones_inside=("inside", "sum"), datazones=("inside", "size"))
        partly_inside = (areas["datazones_inside"] > 0) & (areas["datazones_inside"] < areas["datazones"])
        contains_this_area = areas["datazones_inside"] == len(self.datazones)
        areas = areas[partly_inside & ~contains_this_area].copy()
        areas["share"] = areas["population_inside"] / areas["population"].where(areas["population"] > 0)
        fits = geography.best_fit(level, self.area.level)[["code", "to_name"]]
        return areas.merge(fits.rename(columns={"to_name": "best_fit_name"}), on="code")

    def indicator_appendix(self) -> pd.DataFrame:
        """Definitions, what is counted over what, units, sources and periods of every indicator
        shown (numerator and denominator in one column, the unit with its polarity in another,
        so the table fits a page's width)."""
        catalogue = self.dataset.catalogue
        periods = self.values.groupby("indicator_id")["period"].agg(
            lambda labels: f"{min(labels, key=parse_period)} to {max(labels, key=parse_period)}")
        counted = [f"{numerator} / {denominator}" if isinstance(denominator, str) and denominator.strip()
                   else (numerator if isinstance(numerator, str) else "")
                   for numerator, denominator in zip(catalogue["numerator_label"], catalogue["denominator_label"])]
        unit = [f"{unit_words(unit)} ({polarity.replace('_', ' ')})"
                for unit, polarity in zip(catalogue["unit"], catalogue["polarity"])]
        appendix = catalogue.assign(periods=catalogue["indicator_id"].map(periods).fillna("no data"),
                                    unit_polarity=unit, counted=counted)
        columns = {"theme": "Theme", "title": "Indicator", "definition": "Definition",
                   "counted": "Numerator / denominator", "unit_polarity": "Unit (polarity)",
                   "periods": "Periods", "source": "Source", "suppression_threshold": "Counts hidden below"}
        return appendix[list(columns)].rename(columns=columns).reset_index(drop=True)


def aligned_to_area_periods(values: pd.DataFrame, area_code: str) -> pd.DataFrame:
    """Comparators' multi-year aggregates set beside the area's aggregate with the same midpoint.

    ScotPHO publishes life expectancy in 5-year aggregates for localities and 3-year ones for
    councils and Scotland; ScotPHO's profiles compare the two for the same middle year. A
    comparator row whose period the area does not have, but whose midpoint equals one of the
    area's multi-year periods, takes that period's label; `published_period` keeps its own.
    """
    values = values.assign(published_period=values["period"])
    area_periods = values[values["geography_code"] == area_code].groupby("indicator_id")["period"].unique()
    for indicator_id, periods in area_periods.items():
        by_midpoint = {parse_period(label).midpoint: label for label in periods if parse_period(label).is_multi_year}
        if not by_midpoint:
            continue
        rows = (values["indicator_id"] == indicator_id) & ~values["period"].isin(periods)
        relabelled = values.loc[rows, "period"].map(
            lambda label: by_midpoint.get(parse_period(label).midpoint) if parse_period(label).is_multi_year else None)
        values.loc[relabelled.dropna().index, "period"] = relabelled.dropna()
    as_published_first = values.assign(moved=values["period"] != values["published_period"]).sort_values("moved", kind="stable")
    kept = as_published_first.drop_duplicates(["indicator_id", "geography_code", "period"])
    return kept.drop(columns="moved").sort_index()


def _cell(rows: pd.DataFrame) -> object:
    """A theme-table cell: the value, the suppression symbol, or NaN for no data."""
    if rows.empty:
        return float("nan")
    row = rows.iloc[0]
    if row["suppressed"]:
        return SUPPRESSION_SYMBOL
    return row["value"]


def _with_limits(values: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Add 95% limits; population-weighted means built from data zones keep their weighted mean
    and get no limits (published ones keep the value and limits they were published with)."""
    weighted = ((values["indicator_id"].map(catalogue["aggregation"]) == "population_weighted")
                & (values["source"] != "published"))
    limited = add_confidence_limits(values, catalogue)
    limited.loc[weighted, "value"] = values.loc[weighted, "value"]
    limited.loc[weighted, ["lower_ci", "upper_ci"]] = float("nan")
    return limited
