"""The numbers of a locality profile: one area against its peers and comparators.

Every table and chart of notebooks/locality_profile.ipynb comes from a method here, so that the
notebook holds layout only and the same figures feed tables, charts and words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Callable, Hashable, TypeVar

import geopandas as gpd
import pandas as pd

from pmf_kit.charts import wording
from pmf_kit.data.aggregation import aggregate
from pmf_kit.data.catalogue_fields import WITHOUT_SAMPLING_ERROR, parse_series_breaks
from pmf_kit.data.dataset import Dataset
from pmf_kit.data.geography import CUSTOM, DATAZONE, Area
from pmf_kit.data.indicators import resolve_indicators, resolve_theme, unit_words
from pmf_kit.data.periods import parse_period
from pmf_kit.profiles import theme_tables
from pmf_kit.profiles.figures import period_text
from pmf_kit.profiles.similar_areas import similar_areas
from pmf_kit.profiles.similar_areas_spread import SimilarAreasSpread, similar_areas_spread
from pmf_kit.stats import RecentTrend, add_confidence_limits, recent_trend
from pmf_kit.stats.bounds import is_range
from pmf_kit.stats.disclosure import suppress_pooled
from pmf_kit.stats.standardisation import ESP2013_AGE_BANDS, POPULATION_AGE_BANDS

T = TypeVar("T")
MOST_DEPRIVED_QUINTILE = 1
MAX_PEERS = 12
SIMILAR_AREAS = "similar_areas"
"""The level of the comparator pooling an area's similar areas."""
TREND_WORDS = {"cannot be calculated": "not calculated"}
BROAD_AGE_GROUPS = {"Children and young people (0-19)": ESP2013_AGE_BANDS[:4],
                    "Working age (20-64)": ESP2013_AGE_BANDS[4:13], "Older people (65+)": POPULATION_AGE_BANDS[13:]}


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
        comparator_levels = [dataset.level_id(comparator) for comparator in comparator_levels]
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
        return [area for area in found if area not in self.same_as_area and area != self.area] + pooled

    @cached_property
    def same_as_area(self) -> list[Area]:
        """Comparators of other levels made of exactly this area's data zones (Clackmannanshire the
        HSCP locality and Clackmannanshire the council): left out, since an area compared with
        itself says nothing, and named in the title instead."""
        found = []
        for level in self.settings.comparator_levels:
            if level in self.dataset.geography.level_ids and level not in (CUSTOM, self.area.level):
                candidate = self._containing_area(level)
                if set(self.dataset.geography.datazones_in(candidate)) == set(self.datazones):
                    found.append(candidate)
        return found

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
    def similar_spread(self) -> SimilarAreasSpread | None:
        """The similar areas' own figures and their range, per indicator and period
        (profiles.similar_areas_spread), read from `values` so it hides what they hide."""
        return similar_areas_spread(self.values, self.similar) if self.similar else None

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
        "Clackmannanshire (HSCP locality)" beside "Clackmannanshire (council area)", and with its
        council where another area of its level has the same name anywhere in the data set
        ("IZ15 (Moray)"). Every table column, chart legend and sentence of the profile names areas
        this way."""
        return self.remembered(("label", area), lambda: self._label(area))

    def _label(self, area: Area) -> str:
        name = area.name
        if name.casefold() in self.dataset.geography.repeated_names(area.level) and "council" in self.dataset.geography.level_ids:
            council = self.dataset.geography.best_fit(area.level, "council").set_index("code")["to_name"].get(area.code)
            name = f"{name} ({council})" if council and council != name else name
        if area.name.casefold() not in self._colliding_names:
            return name
        return f"{name} ({wording.in_sentence(self.dataset.level_label(area.level))})"

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
        frames.append(self._published_for_the_same_zones(frames))
        values = pd.concat(frames, ignore_index=True)
        values = _with_limits(values, self.dataset.catalogue)
        values = self.dataset.disclosure.apply(values)
        if self.similar_group:
            values = suppress_pooled(values, {self.similar_group.code: [area.code for area in self.similar]})
        values["period_start"] = values["period"].map(lambda label: parse_period(label).start)
        values["period_middle"] = values["period"].map(lambda label: parse_period(label).midpoint)
        values["period_text"] = [period_text(period, release, edition) for period, release, edition
                                 in zip(values["period"], values["release"], values["period_is_edition"])]
        return values

    def _published_for_the_same_zones(self, frames: list[pd.DataFrame]) -> pd.DataFrame:
        """Figures published for an area of another level with exactly this area's data zones
        (Clackmannanshire council's migration, for Clackmannanshire the HSCP locality), taken as
        this area's for the indicators it has no figures of its own for: they describe the same
        residents."""
        same = [area.code for area in self.same_as_area]
        if not same:
            return self.dataset.aggregate(self.area.level).iloc[:0]
        published = pd.concat([self.dataset.aggregate(area.level) for area in self.same_as_area], ignore_index=True)
        published = published[published["geography_code"].isin(same) & (published["source"] == "published")]
        own = pd.concat(frames, ignore_index=True)
        had = set(own.loc[own["geography_code"] == self.area.code, "indicator_id"])
        taken = published[~published["indicator_id"].isin(had)].drop_duplicates(["indicator_id", "period"])
        return taken.assign(geography_code=self.area.code, geography_name=self.area.name, level=self.area.level,
                            source=f"published for {', '.join(area.name for area in self.same_as_area)}")

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
        """Percentage of residents living in data zones of national SIMD quintile 1 of the profile's
        edition: the data set's own indicator of it where it has one (`derived_from_simd`, the same
        figure and population base its table shows), else the latest residents in those zones."""
        area = area or self.area
        indicator_row = self._most_deprived_indicator_row(area)
        if indicator_row is not None:
            return float(indicator_row["value"])
        datazones = self.dataset.geography.datazones_in(area)
        simd = self.dataset.simd[self.dataset.simd["simd_edition"] == self.settings.simd_edition]
        residents = self.dataset.geography.lookup.set_index("datazone_code")["population"].reindex(datazones).fillna(0.0)
        quintile = simd.set_index("datazone_code")["simd_quintile"].reindex(datazones)
        total = residents.sum()
        return 100 * residents[quintile == MOST_DEPRIVED_QUINTILE].sum() / total if total else float("nan")

    @cached_property
    def _most_deprived_indicator(self) -> str | None:
        """The catalogue's indicator of the share in SIMD quintile 1, if it has one."""
        catalogue = self.dataset.catalogue
        found = catalogue[catalogue["derived_from_simd"] & (catalogue["unit"] == "percent")]
        return str(found.index[0]) if len(found) else None

    def _most_deprived_indicator_row(self, area: Area) -> pd.Series | None:
        """That indicator's figure for an area in the profile's SIMD edition (its release)."""
        if self._most_deprived_indicator is None:
            return None
        level_values = self.dataset.aggregate(area.level, self._most_deprived_indicator)
        rows = level_values[(level_values["geography_code"] == area.code)
                            & (level_values["release"] == self.settings.simd_edition) & level_values["value"].notna()]
        return rows.iloc[0] if len(rows) else None

    @property
    def most_deprived_share_words(self) -> str:
        """What the share in quintile 1 is of: "SIMD 2020; residents 2017" (the edition, and the
        year of the population it counts)."""
        row = self._most_deprived_indicator_row(self.area)
        year = row["period"] if row is not None else self.population_periods[0]
        return f"{self.settings.simd_edition}; residents {year}"

    def residents(self, area: Area, period: str) -> float:
        """Residents of an area (made of data zones) in a population period."""
        by_zone = self.dataset.residents[period]
        return float(by_zone.reindex(self.dataset.geography.datazones_in(area), fill_value=0.0).sum())

    @cached_property
    def population_periods(self) -> tuple[str, str | None]:
        """(latest, earliest) period of the population estimates, the earliest of the latest's own
        release (NRS's small area estimates with each other, never with a census count or another
        series); earliest is None where the latest's release has only the one period."""
        periods = sorted(self.dataset.population["period"].unique(), key=parse_period)
        latest = periods[-1]
        same = [period for period in periods if self.population_release(period) == self.population_release(latest)]
        return latest, (same[0] if len(same) > 1 else None)

    def population_release(self, period: str) -> str:
        """The release a population period comes from (population.csv `release`), or blank."""
        return self.remembered(("population release", period), lambda: _release_of(self.dataset.population, period))

    def population_period_text(self, period: str) -> str:
        """A population period with its release: "2021, NRS small area population estimates"."""
        return period_text(period, self.population_release(period))

    def headline_figures(self, area: Area) -> dict[str, float]:
        """The at-a-glance figures of one area (made of data zones): `residents` in the latest
        population period, `residents_before` and `change_percent` since the earliest of the same
        release, `datazones`, each broad age group's share, and `most_deprived_share`."""
        return self.remembered(("headline", area.code), lambda: self._headline_figures(area))

    def _residents_in_latest_period(self, datazones: list[str]) -> float:
        """Residents of data zones in the latest population period (population.csv), the period
        the headline names; the lookup's population where population.csv lacks a zone (it is the
        latest period's by docs/dataset-format.md)."""
        by_zone = self.dataset.residents[self.population_periods[0]].reindex(datazones)
        if by_zone.isna().any():
            lookup = self.dataset.geography.lookup
            return float(lookup.loc[lookup["datazone_code"].isin(datazones), "population"].sum())
        return float(by_zone.sum())

    def _headline_figures(self, area: Area) -> dict[str, float]:
        latest, earliest = self.population_periods
        datazones = self.dataset.geography.datazones_in(area)
        now = self._residents_in_latest_period(datazones)
        figures = {"residents": now, "datazones": float(len(datazones))}
        if earliest:
            before = self.residents(area, earliest)
            figures.update(residents_before=before, change_percent=100 * (now / before - 1) if before else float("nan"))
        structure = self.age_structure()
        shares = structure[structure["area_name"] == self.label(area)].set_index("age_group")["percent"]
        figures.update({group: shares.get(group) for group in BROAD_AGE_GROUPS})
        if self.dataset.has_simd:
            figures["most_deprived_share"] = self.share_in_most_deprived_quintile(area)
        return figures

    def headline_labels(self) -> dict[str, str]:
        """Each headline figure's row label, its period and release in it."""
        latest, earliest = self.population_periods
        labels = {"residents": f"Residents ({self.population_period_text(latest)})"}
        if earliest:
            labels.update(residents_before=f"Residents ({self.population_period_text(earliest)})",
                          change_percent=f"Change in residents since {earliest} (%)")
        labels["datazones"] = "Data zones"
        labels.update({group: f"{group} (%, {latest})" for group in BROAD_AGE_GROUPS})
        if self.dataset.has_simd:
            labels["most_deprived_share"] = (f"Residents in the most deprived 20% of data zones in Scotland "
                                             f"({self.most_deprived_share_words}, %)")
        return labels

    def headline(self) -> pd.DataFrame:
        """The quick profile: residents now and their change since the earliest population
        estimate of the same release, data zones, age groups, share most deprived; against each
        comparator. Row labels carry each figure's period and release."""
        labels = self.headline_labels()
        columns = {self.label(area): {labels[key]: value for key, value in self.headline_figures(area).items()}
                   for area in [self.area, *self._population_comparators()]}
        table = pd.DataFrame(columns)
        table.index.name = "Measure"
        return table.reset_index()

    @property
    def themes(self) -> list[str]:
        """Themes of the catalogue in the order they first appear."""
        return list(dict.fromkeys(self.dataset.catalogue["theme"]))

    def theme_indicators(self, theme: str) -> list[str]:
        """Indicator ids of one theme (named forgivingly; UnknownThemeError with the closest)."""
        catalogue = self.dataset.catalogue
        return list(catalogue.loc[catalogue["theme"] == resolve_theme(catalogue, theme), "indicator_id"])

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
        """The theme's table as the report shows it (profiles.theme_tables.theme_table): each
        indicator's period and release, this area and its comparators (a range where a source hid
        counts), its like-for-like change and its recent trend; peers are ranked in `ranking`
        instead, so the table keeps to a page's width."""
        return theme_tables.theme_table(self, theme)

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
                "area_name": rows["geography_code"].map(names), "role": role, "value": rows["value"],
                "value_low": rows["value_low"], "value_high": rows["value_high"]}))
        columns = ["indicator_id", "title", "unit", "period", "area_name", "role", "value", "value_low", "value_high"]
        return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)

    @cached_property
    def recent_trends(self) -> dict[str, RecentTrend]:
        """Fingertips' recent trend of this area's figures up to each indicator's reporting period
        (pmf_kit.stats.recent_trend): none for counts, quarters or fewer than five years, none
        across a series break (only the figures since the last break count), none for a figure
        without sampling error, and none where a figure is a range (its source hid counts)."""
        catalogue = self.dataset.catalogue
        trends = {}
        for indicator_id in catalogue.index:
            period = self.reporting_period(indicator_id)
            rows = self.indicator_values(indicator_id)
            rows = rows[rows["geography_code"] == self.area.code]
            if period is not None:
                rows = rows[rows["period_start"] <= parse_period(period).start]
            rows = rows[rows["period_start"] >= _last_break_start(str(catalogue.loc[indicator_id, "series_breaks"]))]
            testable = (catalogue.loc[indicator_id, "variability"] not in WITHOUT_SAMPLING_ERROR
                        and not is_range(rows["value_low"], rows["value_high"]).any())
            yearly = testable and bool(len(rows)) and all(parse_period(label).is_single_year for label in rows["period"])
            trends[indicator_id] = recent_trend(rows, str(catalogue.loc[indicator_id, "unit"]),
                                                str(catalogue.loc[indicator_id, "polarity"]), yearly=yearly)
        return trends

    @property
    def can_have_trends(self) -> bool:
        """Whether any indicator shown has five yearly figures for this area, so that a recent trend
        could be tested at all (a report says nothing about trends where none can be)."""
        return any(self.recent_trends[indicator].assessment != "cannot be calculated"
                   for indicator in self.shown_indicator_ids)

    def trend_words(self, indicator_id: str) -> str:
        """The recent trend as the theme table says it: improving, worsening, increasing,
        decreasing, no significant change or not calculated."""
        assessment = self.recent_trends[indicator_id].assessment
        return TREND_WORDS.get(assessment, assessment)

    def trend(self, indicator_id: str) -> pd.DataFrame:
        """Time series of one indicator for this area and its comparators, for the trend chart."""
        [indicator_id] = resolve_indicators(self.dataset.catalogue, [indicator_id])
        codes = [self.area.code, *[area.code for area in self.comparators]]
        names = {area.code: self.label(area) for area in [self.area, *self.comparators]}
        rows = self.indicator_values(indicator_id)
        rows = rows[rows["geography_code"].isin(codes)]
        trend = rows.assign(area_name=rows["geography_code"].map(names))
        trend = trend[["area_name", "period", "period_text", "period_start", "period_middle", "value", "value_low",
                       "value_high", "lower_ci", "upper_ci", "suppressed"]]
        return trend.sort_values(["period_start", "area_name"]).reset_index(drop=True)

    def datazone_table(self) -> pd.DataFrame:
        """The area's data zones with population and SIMD rank, decile and quintile (most deprived
        first); without SIMD, in name order."""
        table = self.simd_of_datazones
        columns = {"datazone_code": "Data zone code", "datazone_name": "Data zone", "population": "Residents"}
        if self.dataset.has_simd:
            columns.update({"simd_rank": f"{self.settings.simd_edition} rank (1 = most deprived)",
                            "simd_decile": "National decile", "simd_quintile": "National quintile"})
        for level in ("intermediate_zone", "ward"):
            if level != self.area.level and f"{level}_name" in table.columns:
                columns[f"{level}_name"] = self.dataset.level_label(level)
        whole = {column: "Int64" for column in ("population", "simd_rank") if column in columns}
        table = table[list(columns)].astype(whole).rename(columns=columns)
        return table.sort_values(columns.get("simd_rank", "Data zone")).reset_index(drop=True)

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
            if level in (DATAZONE, CUSTOM, self.area.level, *self.dataset.geography.classification_ids):
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
        shown (numerator and denominator in one column, the unit with its polarity and kind of
        variability in another, so the table fits a page's width); each period with its release,
        and where its data years are stated; how small counts are hidden, or that the source
        already publishes the figure."""
        catalogue = self.dataset.catalogue
        shown = self.values.drop_duplicates(["indicator_id", "period"])
        shown = shown.assign(start=shown["period"].map(lambda label: parse_period(label).start)).sort_values("start")
        periods = shown.groupby("indicator_id")["period_text"].agg(lambda texts: "; ".join(dict.fromkeys(texts)))
        counted = [f"{numerator} / {denominator}" if isinstance(denominator, str) and denominator.strip()
                   else (numerator if isinstance(numerator, str) else "")
                   for numerator, denominator in zip(catalogue["numerator_label"], catalogue["denominator_label"])]
        unit = [f"{unit_words(unit)} ({polarity.replace('_', ' ')}; "
                f"{'a count, no interval' if unit == 'count' else VARIABILITY_WORDS[variability]})"
                for unit, polarity, variability in zip(catalogue["unit"], catalogue["polarity"], catalogue["variability"])]
        source = [f"{source.rstrip('.')}. Data years: {years}." if years else source
                  for source, years in zip(catalogue["source"], catalogue["period_source"])]
        hidden = [("not hidden: published by its source for every data zone" if disclosure == "published_at_source"
                   else str(threshold)) for disclosure, threshold in zip(catalogue["disclosure"],
                                                                          catalogue["suppression_threshold"])]
        appendix = catalogue.assign(periods=catalogue["indicator_id"].map(periods).fillna("no data"),
                                    unit_polarity=unit, counted=counted, source_years=source, hidden=hidden)
        columns = {"theme": "Theme", "title": "Indicator", "definition": "Definition",
                   "counted": "Numerator / denominator", "unit_polarity": "Unit (polarity; variation)",
                   "periods": "Periods (release)", "source_years": "Source", "hidden": "Counts hidden below"}
        return appendix[list(columns)].rename(columns=columns).reset_index(drop=True)


VARIABILITY_WORDS = {"events": "counts, with 95% intervals", "published": "as published",
                     "classification": "whole zones classified, no interval", "estimate": "an estimate, no interval",
                     "census": "a census count, no interval"}
"""Each kind of variability (data.catalogue_fields) as the definitions appendix names it."""


def _release_of(population: pd.DataFrame, period: str) -> str:
    """The release of a population period ("" where population.csv names none)."""
    releases = population.loc[population["period"] == period, "release"]
    return str(releases.iloc[0]) if len(releases) else ""


def _last_break_start(text: str) -> date:
    """The start of the last series break's period, or the earliest date: figures before it are
    not comparable with those after."""
    breaks = parse_series_breaks(text)
    return parse_period(breaks[-1].period).start if breaks else date.min


def _with_limits(values: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Add 95% limits; population-weighted means built from data zones keep their weighted mean
    and get no limits (published ones keep the value and limits they were published with)."""
    weighted = ((values["indicator_id"].map(catalogue["aggregation"]) == "population_weighted")
                & (values["source"] != "published"))
    limited = add_confidence_limits(values, catalogue)
    for column in ("value", "value_low", "value_high"):
        limited.loc[weighted, column] = values.loc[weighted, "value"]
    limited.loc[weighted, ["lower_ci", "upper_ci"]] = float("nan")
    return limited
