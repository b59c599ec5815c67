"""A deterministic, synthetic sample data set: a fictional Scottish council in the pmf_kit format.

`generate_sample(out_dir)` writes the folder described in docs/dataset-format.md: about 500
data zones in 7 localities, SIMD ranks, populations, 18 indicators over 9 years, a
Scotland comparator and service spend by data zone. A fixed seed makes every run
byte-identical, so the committed copy in data/sample/ can be checked against a fresh one. Nothing in it describes real people or places.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from pmf_kit.sample import card, catalogue, deprivation, population, spend, values, writing
from pmf_kit.sample.geography import Geography, build_geography

LOOKUP_LEVELS = ("intermediate_zone", "ward", "community_council", "locality", "council")

__all__ = ["generate_sample"]


@dataclass(frozen=True)
class SampleTables:
    """Every table of the sample data set, ready to write."""

    lookup: pd.DataFrame
    population: pd.DataFrame
    simd: pd.DataFrame
    indicators: pd.DataFrame
    values: pd.DataFrame
    comparators: pd.DataFrame
    boundaries: gpd.GeoDataFrame
    spend: pd.DataFrame


def generate_sample(out_dir: str | Path) -> None:
    """Write the sample data set to `out_dir`, replacing any earlier copy in one step."""
    tables = build_sample_tables()
    writing.replace_folder_atomically(Path(out_dir), lambda folder: _write_all(tables, folder))


def build_sample_tables() -> SampleTables:
    """Simulate the geography, people, deprivation and indicators, in that order."""
    geography = build_geography()
    latent_deprivation = deprivation.underlying_deprivation(geography.datazones)
    counts = population.population_counts(geography.datazones, latent_deprivation)
    simd = deprivation.simd_table(geography.datazones)
    latest_ranks = simd.loc[simd["simd_edition"] == deprivation.LATEST_EDITION, "simd_rank"]
    deprivation_position = 1 - (latest_ranks.to_numpy() - 1) / (deprivation.NATIONAL_DATAZONES - 1)
    population_groups = values.denominators(counts)
    indicator_values = pd.concat(
        [values.indicator_values(spec, geography.datazones, deprivation_position,
                                 population_groups)
         for spec in catalogue.INDICATORS],
        ignore_index=True)
    return SampleTables(
        lookup=_lookup(geography, counts),
        population=population.population_table(geography.datazones["datazone_code"], counts),
        simd=simd,
        indicators=_catalogue_table(),
        values=indicator_values[list(values.VALUE_COLUMNS)],
        comparators=pd.DataFrame({"geography_code": [values.SCOTLAND_CODE],
                                  "geography_name": [values.SCOTLAND_NAME],
                                  "level": ["scotland"]}),
        boundaries=geography.boundaries,
        spend=spend.spend_table(geography.datazones["datazone_code"], counts,
                                deprivation_position),
    )


def _lookup(geography: Geography, counts) -> pd.DataFrame:
    """lookup.csv: each data zone's name, latest population and every level above it."""
    lookup = geography.lookup.copy()
    lookup["population"] = counts[:, -1].sum(axis=(1, 2))
    columns = ["datazone_code", "datazone_name", "population"]
    for level in LOOKUP_LEVELS:
        columns += [f"{level}_code", f"{level}_name"]
    return lookup[columns]


def _catalogue_table() -> pd.DataFrame:
    """indicators.csv: the published fields of every indicator spec."""
    rows = [{column: getattr(spec, column)
             for column in catalogue.CATALOGUE_COLUMNS}
            for spec in catalogue.INDICATORS]
    return pd.DataFrame(rows, columns=list(catalogue.CATALOGUE_COLUMNS))


def _write_all(tables: SampleTables, folder: Path) -> None:
    """Every file of the data set, including its data card."""
    (folder / "dataset.yaml").write_text(card.dataset_yaml(), encoding="utf-8")
    writing.write_csv(tables.lookup, folder / "lookup.csv")
    writing.write_csv(tables.population, folder / "population.csv")
    writing.write_csv(tables.simd, folder / "simd.csv")
    writing.write_csv(tables.indicators, folder / "indicators.csv")
    writing.write_csv(tables.values, folder / "values.csv")
    writing.write_csv(tables.comparators, folder / "comparators.csv")
    writing.write_csv(tables.spend, folder / "spend.csv")
    writing.write_boundaries(tables.boundaries, folder / "boundaries.gpkg")
    (folder / "README.md").write_text(card.data_card(tables), encoding="utf-8")
