"""A data set folder (docs/dataset-format.md) opened as one object.

`open_dataset` validates the lookup, catalogue and values up front so that a report fails at
the start with a clear message, not half way through; population, SIMD and boundaries are read
when first asked for.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Iterable

import geopandas as gpd
import pandas as pd

from pmf_kit.data.aggregation import aggregate, combine, published_values
from pmf_kit.data.boundaries import dissolve, load_boundaries
from pmf_kit.data.custom_areas import check_no_slivers, load_custom_areas, read_yaml
from pmf_kit.data.geography_versions import VERSIONS, describe, mixed_versions_message, other_version, versions_of
from pmf_kit.data.geography import Area, Geography, Level, load_lookup, read_levels
from pmf_kit.data.indicators import (
    RELEASE,
    counts_over_empty_denominators,
    fractional_counts,
    load_catalogue,
    load_values,
    resolve_indicators,
)
from pmf_kit.data.kept_open import kept_or_opened
from pmf_kit.data.paths import from_project_root, missing_path_hint, project_path
from pmf_kit.data.periods import parse_period
from pmf_kit.data.publication import BREAKDOWN_MIN_DATAZONES, Disclosure, decide
from pmf_kit.data.spend_file import SPEND_FILE, load_spend
from pmf_kit.data.tabular import (
    check_allowed,
    check_at_least_zero,
    check_plausible,
    check_unique,
    check_whole,
    fail_at_first,
    read_csv_checked,
)
from pmf_kit.errors import ConfigError, DataFileError, PmfKitError
from pmf_kit.stats.standardisation import ESP2013_AGE_BANDS, OPEN_85_BAND, POPULATION_AGE_BANDS

SEXES = ["female", "male", "persons"]
SIMD_COLUMNS = [
    "datazone_code", "simd_edition", "simd_rank", "simd_decile", "simd_quintile", "income_rank",
    "employment_rank", "health_rank", "education_rank", "access_rank", "crime_rank", "housing_rank",
]


class Dataset:
    """One data set: geography, indicator catalogue and values, population, SIMD, boundaries."""

    def __init__(self, path: Path) -> None:
        self.path = project_path(path)
        if not self.path.is_dir():
            raise DataFileError(self.path, f"a data set folder, but there is no such folder{missing_path_hint(self.path)}")
        self.metadata = self._read_metadata()
        self.name: str = str(self.metadata.get("name", self.path.name))
        self.levels: list[Level] = read_levels(self.metadata.get("levels"), self.path / "dataset.yaml")
        self.geography = Geography(load_lookup(self.path / "lookup.csv", self.levels), self.levels)
        self.comparators = self._read_comparators()
        self.catalogue = load_catalogue(self.path / "indicators.csv")
        datazones = self.geography.lookup["datazone_code"]
        self.values = load_values(self.path / "values.csv", self.catalogue, self.known_codes(), datazones)
        named = Path(from_project_root(self.path / "values.csv"))
        self.warnings: list[str] = [*fractional_counts(self.values, self.catalogue, named),
                                    *counts_over_empty_denominators(self.values, self.catalogue, named)]
        """Things in the files that look wrong but can be right; reports show them, naming each
        file from the project root (no report spells out the machine's folders)."""
        self._aggregates: dict[str, pd.DataFrame] = {}
        self._check_other_files()

    def __repr__(self) -> str:
        return f"<Dataset {self.name!r}: {len(self.geography.lookup)} data zones, {len(self.catalogue)} indicators>"

    def _read_metadata(self) -> dict:
        """dataset.yaml as a mapping."""
        document = read_yaml(self.path / "dataset.yaml")
        if not isinstance(document, dict):
            raise ConfigError(self.path / "dataset.yaml", "expected a mapping with name, levels, ...")
        return document

    def _check_other_files(self) -> None:
        """Read population, SIMD and spend now, so a mistake in them stops a report at its start
        rather than deep inside it."""
        self.population, self.simd, self.geography_version
        if (self.path / SPEND_FILE).is_file():
            self.spend

    def _read_comparators(self) -> pd.DataFrame:
        """comparators.csv (areas such as Scotland outside the lookup), or none. A comparator is
        listed once, and is no area of the lookup (it would be shown twice)."""
        path = self.path / "comparators.csv"
        columns = ["geography_code", "geography_name", "level"]
        if not path.exists():
            return pd.DataFrame(columns=columns)
        comparators = read_csv_checked(path, columns, keys=columns)
        check_unique(comparators, ["geography_code"], path)
        lookup_codes = set()
        for level in self.geography.level_ids:
            lookup_codes |= set(self.geography.membership(level)["code"])
        fail_at_first(comparators["geography_code"].isin(lookup_codes), path,
                      "an area outside lookup.csv (areas of the lookup are built from their data zones)",
                      "geography_code", comparators["geography_code"])
        fail_at_first(comparators["level"].isin(self.geography.level_ids), path,
                      f"a level that is not in dataset.yaml ({', '.join(self.geography.level_ids)})",
                      "level", comparators["level"])
        return comparators

    def known_codes(self) -> set[str]:
        """Every geography code values.csv may use."""
        codes = set(self.comparators["geography_code"])
        for level in self.geography.level_ids:
            codes |= set(self.geography.membership(level)["code"])
        return codes

    @property
    def level_ids(self) -> list[str]:
        """Level ids, data zone first, then custom and comparator levels where present."""
        extra = [level for level in self.comparators["level"].unique() if level not in self.geography.level_ids]
        return self.geography.level_ids + extra

    @cached_property
    def breakdown_min_datazones(self) -> int:
        """Areas with at least this many data zones are published by SIMD quintile and decile:
        dataset.yaml `breakdown_min_datazones`, else publication.BREAKDOWN_MIN_DATAZONES."""
        value = self.metadata.get("breakdown_min_datazones", BREAKDOWN_MIN_DATAZONES)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(self.path / "dataset.yaml",
                              f"breakdown_min_datazones: expected a whole number of at least 1, found {value!r}")
        return value

    @property
    def simd_edition(self) -> str | None:
        """The SIMD edition used when none is asked for; None for a data set without SIMD."""
        editions = sorted(self.simd["simd_edition"].unique())
        if not editions:
            return None
        return str(self.metadata.get("simd_edition") or editions[-1])

    @property
    def has_simd(self) -> bool:
        """Whether the data set has SIMD (a data set on new data zones may not yet)."""
        return not self.simd.empty

    @property
    def no_simd_note(self) -> str:
        """What a deprivation section says when the data set has no SIMD: dataset.yaml `no_simd`."""
        return str(self.metadata.get("no_simd") or "This data set has no SIMD, so it has no deprivation figures.")

    @property
    def no_boundaries_note(self) -> str:
        """What a report says once when the data set has no boundaries: dataset.yaml `no_boundaries`."""
        return str(self.metadata.get("no_boundaries") or "This data set has no boundaries, so it has no maps.")

    @cached_property
    def geography_version(self) -> str | None:
        """'2011' or '2022': which official data zones the data set is on (dataset.yaml
        `geography_version`, else the codes say), or None for a data set of its own zones."""
        found = versions_of(self.geography.lookup["datazone_code"])
        path = self.path / "dataset.yaml"
        stated = self.metadata.get("geography_version")
        if stated is not None and str(stated) not in VERSIONS:
            raise ConfigError(path, f"geography_version: expected one of {', '.join(VERSIONS)}, found {stated!r}")
        if len(found) > 1:
            raise DataFileError(self.path / "lookup.csv", "data zones of one version, 2011 or 2022",
                                column="datazone_code", found="both")
        if stated is not None and found and found != {str(stated)}:
            raise ConfigError(path, f"geography_version: {stated}, but lookup.csv holds {describe(found.pop())}")
        return str(stated) if stated is not None else (found.pop() if found else None)

    def level_label(self, level: str) -> str:
        """Human label of a level, comparator levels included."""
        level = self.level_id(level)
        if level in self.geography.level_ids:
            return self.geography.level_label(level)
        return level.replace("_", " ").capitalize()

    def level_id(self, level: str) -> str:
        """The id of the level meant (`Locality` -> `locality`, `HSCP locality` ->
        `hscp_locality`), comparator levels included; UnknownLevelError with the closest ids."""
        return self.geography.level_id(level, extra=self.level_ids)

    def _check_level(self, level: str) -> None:
        """Raise UnknownLevelError for a level neither in the lookup nor among comparators."""
        self.level_id(level)

    def areas(self, level: str) -> pd.DataFrame:
        """Every area of a level: `code, name` (plus population and data zone count), by name."""
        level = self.level_id(level)
        if level in self.geography.level_ids:
            return self.geography.areas(level)
        self._check_level(level)
        rows = self.comparators[self.comparators["level"] == level]
        return rows.rename(columns={"geography_code": "code", "geography_name": "name"})[["code", "name"]]

    def find_area(self, name_or_code: str | Area, level: str | None = None) -> Area:
        """The area meant by a code or a forgivingly matched name (see Geography.find_area); an
        Area (from this or another data set) is checked to be one of this data set's. A code of the
        other data zone version (2011 or 2022) is named as such."""
        if isinstance(name_or_code, Area):
            level, name_or_code = name_or_code.level, name_or_code.code
        try:
            return self._find_area(name_or_code, level)
        except PmfKitError:
            for code_level in ("datazone", "intermediate_zone"):
                theirs = other_version([str(name_or_code).strip()], self.geography_version, code_level)
                if theirs is not None:
                    raise PmfKitError(mixed_versions_message(repr(name_or_code), theirs, self.name,
                                                             self.geography_version, one=True,
                                                             level=code_level)) from None
            raise

    def _find_area(self, name_or_code: str, level: str | None) -> Area:
        level = None if level is None else self.level_id(level)
        if level is not None and level not in self.geography.level_ids:
            rows = self.areas(level)
            matches = rows[(rows["code"] == name_or_code) | (rows["name"].str.casefold() == str(name_or_code).casefold())]
            if len(matches) == 1:
                return Area(level, matches.iloc[0]["code"], matches.iloc[0]["name"])
        return self.geography.find_area(name_or_code, level)

    def add_custom_areas(self, path: str | Path) -> pd.DataFrame:
        """Load custom areas from YAML; they become areas of level `custom`. Returns their list.

        A custom area that is a sliver away from a published area is refused
        (custom_areas.check_no_slivers); the suppression decision is remade for the new set."""
        path = project_path(path)
        members = load_custom_areas(path, self.geography)
        check_no_slivers(members, self.geography, path)
        self.geography.add_custom_areas(members)
        self._aggregates.pop("custom", None)
        self.__dict__.pop("disclosure", None)
        return self.geography.areas("custom")

    @cached_property
    def disclosure(self) -> Disclosure:
        """The one suppression decision for everything this data set (and its custom areas)
        publishes: every table, chart, report and export applies it (data.publication)."""
        return decide(self)

    def aggregate(
        self, to: str, indicators: Iterable[str] | str | None = None,
        periods: Iterable[str] | None = None,
    ) -> pd.DataFrame:
        """Indicator values for every area of a level, summed from data zones or as published."""
        wanted = resolve_indicators(self.catalogue, indicators)
        to = self.level_id(to)
        level_values = self._level_values(to)
        selected = level_values[level_values["indicator_id"].isin(wanted)]
        if periods is not None:
            labels = {parse_period(period).label for period in periods}
            selected = selected[selected["period"].isin(labels)]
        return selected.reset_index(drop=True)

    def _level_values(self, level: str) -> pd.DataFrame:
        """Every indicator's values for every area of a level, built once and kept."""
        if level not in self._aggregates:
            published = published_values(self.values, self.areas(level), level)
            if level in self.geography.level_ids:
                built = aggregate(self.values, self.geography.membership(level), self.catalogue, level)
                published = combine(built, published)
            self._aggregates[level] = published
        return self._aggregates[level]

    @cached_property
    def population(self) -> pd.DataFrame:
        """population.csv: residents by data zone, period, sex and ESP2013 age band."""
        path = self.path / "population.csv"
        population = read_csv_checked(
            path, ["datazone_code", "period", "sex", "age_band", "population"],
            numeric=["population"], keys=["datazone_code", "period", "sex", "age_band"], text=[RELEASE],
        )
        check_allowed(population, "sex", SEXES, path)
        check_allowed(population, "age_band", POPULATION_AGE_BANDS, path)
        check_allowed(population, "datazone_code", list(self.geography.lookup["datazone_code"]), path)
        check_unique(population, ["datazone_code", "period", "sex", "age_band"], path)
        check_plausible(population, ["population"], path)
        fail_at_first(population["population"].isna(), path, "a number of residents", "population")
        check_at_least_zero(population, ["population"], path, "a number of residents")
        check_whole(population, ["population"], path, "a whole number of residents")
        _check_sexes_not_mixed(population, path)
        _check_open_band_not_mixed(population, path)
        population[RELEASE] = population[RELEASE].fillna("").str.strip() if RELEASE in population.columns else ""
        _check_one_release_per_period(population, path)
        return population

    @cached_property
    def residents(self) -> pd.DataFrame:
        """Residents of each data zone (rows) in each population period (columns), summed over sex
        and age once per data set: a report asks for many areas' totals."""
        return self.population.pivot_table(index="datazone_code", columns="period", values="population",
                                           aggfunc="sum", fill_value=0.0)

    @cached_property
    def simd(self) -> pd.DataFrame:
        """simd.csv: national SIMD ranks, deciles and quintiles per data zone and edition."""
        path = self.path / "simd.csv"
        if not path.exists() and "no_simd" in self.metadata:
            return pd.DataFrame({column: pd.Series(dtype="object" if column.endswith(("code", "edition")) else "Int64")
                                 for column in SIMD_COLUMNS})
        numeric = [column for column in SIMD_COLUMNS if column.endswith(("rank", "decile", "quintile"))]
        simd = read_csv_checked(path, SIMD_COLUMNS, numeric=numeric, keys=["datazone_code", "simd_edition"])
        check_allowed(simd, "datazone_code", list(self.geography.lookup["datazone_code"]), path)
        check_plausible(simd, numeric, path)
        check_whole(simd, ["simd_decile", "simd_quintile"], path)
        for column, top in (("simd_decile", 10), ("simd_quintile", 5)):
            fail_at_first(~simd[column].between(1, top) & simd[column].notna(), path, f"a number from 1 to {top}",
                          column, simd[column])
        for column in (column for column in numeric if column.endswith("rank")):
            check_at_least_zero(simd, [column], path, "a rank")
        for column in ("simd_decile", "simd_quintile"):
            simd[column] = simd[column].astype("Int64")
        return simd

    @cached_property
    def spend(self) -> pd.DataFrame:
        """spend.csv (optional): spend in pounds and service users by data zone, period and service line."""
        return load_spend(self.path / SPEND_FILE, self.geography.lookup["datazone_code"])

    @property
    def has_boundaries(self) -> bool:
        """Whether the data set ships data zone polygons (they are optional)."""
        return (self.path / str(self.metadata.get("boundaries", "boundaries.gpkg"))).is_file()

    @cached_property
    def datazone_boundaries(self) -> gpd.GeoDataFrame:
        """Data zone polygons in British National Grid."""
        name = str(self.metadata.get("boundaries", "boundaries.gpkg"))
        return load_boundaries(self.path / name, set(self.geography.lookup["datazone_code"]))

    def boundaries(self, level: str = "datazone") -> gpd.GeoDataFrame:
        """Polygons of every area of a level, dissolved from data zones: `code, name, geometry`."""
        return dissolve(self.datazone_boundaries, self.geography.membership(level))


def _check_sexes_not_mixed(population: pd.DataFrame, path: Path) -> None:
    """A period has female and male rows or persons rows, never both (summing would count every
    resident twice)."""
    persons = population["sex"] == "persons"
    both = set(population.loc[persons, "period"]) & set(population.loc[~persons, "period"])
    for period in (period for period in population["period"].unique() if period in both):
        in_period = population["period"] == period
        first_kind = bool(persons[in_period].iloc[0])
        fail_at_first(in_period & (persons != first_kind), path,
                      f"female and male rows or persons rows for {period}, not both", "sex", population["sex"])


def _check_open_band_not_mixed(population: pd.DataFrame, path: Path) -> None:
    """A period holds 85+ or 85-89 and 90+, never both (the oldest residents would count twice)."""
    open_band = population["age_band"] == OPEN_85_BAND
    split = population["age_band"].isin(ESP2013_AGE_BANDS[-2:])
    for period in set(population.loc[open_band, "period"]) & set(population.loc[split, "period"]):
        fail_at_first((population["period"] == period) & split, path,
                      f"the band {OPEN_85_BAND} or the bands 85-89 and 90+ for {period}, not both", "age_band",
                      population["age_band"])


def _check_one_release_per_period(population: pd.DataFrame, path: Path) -> None:
    """A population period comes from one release: two estimates of one year (a SIMD base and NRS's
    own) would give two residents figures for one area and year."""
    releases = population.groupby("period")[RELEASE].nunique()
    for period in releases[releases > 1].index:
        in_period = population["period"] == period
        first = population.loc[in_period, RELEASE].iloc[0]
        fail_at_first(in_period & (population[RELEASE] != first), path,
                      f"one release for every row of {period} ({first!r})", RELEASE, population[RELEASE])


def open_dataset(path: str | Path, custom_areas: str | Path | None = None) -> Dataset:
    """Open and validate a data set folder (see docs/dataset-format.md), with optional custom areas.

    A relative path is taken from the project root (pmf_kit.data.paths), wherever the code runs.
    In a batch's warm kernel an unchanged data set opened before is reused (data.kept_open).
    """
    def opener() -> Dataset:
        dataset = Dataset(path)
        if custom_areas:
            dataset.add_custom_areas(custom_areas)
        return dataset

    areas_file = project_path(custom_areas) if custom_areas else None
    return kept_or_opened(project_path(path), areas_file, opener)
