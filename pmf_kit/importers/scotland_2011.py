"""Build the whole-Scotland data set (2011 data zones) from the published source files.

The source folder is laid out like `shared/realdata`: `simd/`, `lookups/`, `population/`,
`indicators/`, `boundaries/`. The result is a data set folder in the standard format
(docs/dataset-format.md), written atomically: it is built in a hidden folder beside the target
and renamed into place only when complete, so a failed import never leaves half a data set.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import geopandas as gpd
import pandas as pd
import yaml

from pmf_kit.data.paths import project_path
from pmf_kit.errors import DataFileError
from pmf_kit.importers import census_dz2011, nrs_migration, scotpho_life_expectancy
from pmf_kit.importers.dataset_folder import check_replaceable, write_atomically, write_tables
from pmf_kit.importers.scotland_2011_indicators import (
    INDICATOR_CATALOGUE,
    age_share_values,
    indicator_values,
)
from pmf_kit.sources import (
    esp2013_age_bands,
    read_datazone_boundaries,
    read_phs_datazone_labels,
    read_phs_locality_lookup,
    read_sape_table_csv,
    read_scotpho_geo_lookup,
    read_sape_workbook,
    read_sg_datazone_lookup,
    read_simd_workbook,
    read_urban_rural_2020,
)
from pmf_kit.sources.lookups import URBAN_RURAL_6FOLD_NAMES
from pmf_kit.sources.nrs_migration import read_nrs_migration
from pmf_kit.sources.scotpho import read_scotpho_extract
from pmf_kit.sources.simd import SIMD_2016, SIMD_2020
from pmf_kit.version import __version__

DATASET_NAME = "Scotland (2011 data zones)"
SIMD_EDITION = "SIMD 2020"
SOURCE_FILES = {
    "sg_lookup": ("lookups/Datazone2011lookup_SG.csv", "SG data zone 2011 lookup"),
    "phs_labels": (
        "lookups/dz2011_codes_and_labels_PHS.csv", "PHS data zone 2011 codes and labels"
    ),
    "phs_localities": (
        "lookups/datazone_to_hscp_locality_lookup_PHS_partial.csv",
        "PHS data zone to HSCP locality lookup",
    ),
    "urban_rural": (
        "lookups/datazone2011_urban_rural_2020.csv", "SG Urban Rural Classification 2020"
    ),
    "simd_2016": ("simd/SIMD16_Data.xlsx", "SG SIMD 2016 indicator data workbook"),
    "simd_2020": ("simd/SIMD20_Data.xlsx", "SG SIMD 2020v2 indicator data workbook"),
    "sape_2021_males": ("population/sape-2021-males.xlsx", "NRS SAPE mid-2021 males workbook"),
    "sape_2021_females": (
        "population/sape-2021-females.xlsx", "NRS SAPE mid-2021 females workbook"
    ),
    "sape_2020_persons": (
        "population/sape-2020-persons_Table1a.csv", "NRS SAPE mid-2020 Table 1a persons CSV"
    ),
    "scotpho_geography": ("lookups/scotpho_geo_lookup.csv", "ScotPHO profiles tool geography lookup"),
    "life_expectancy": (
        "indicators/scotpho_life_expectancy_extract.csv", "ScotPHO life expectancy extract"
    ),
    "migration": (
        "indicators/nrs_local_area_migration_ca_hb.csv", "NRS local area migration data set"
    ),
    "boundaries": ("boundaries/dz2011_simplified_wgs84.geojson", "SG data zone 2011 boundaries"),
}
SIMD_FILES = {"simd_2016": SIMD_2016, "simd_2020": SIMD_2020}
SAPE_RELEASES = {"2020": "NRS small area population estimates",
                 "2021": "NRS small area population estimates"}
"""Each population period's release: NRS's mid-year estimates, 30 June of the period's year."""
LEVELS = [
    ("datazone", "Data zone"),
    ("intermediate_zone", "Intermediate zone"),
    ("ward", "Multi-member ward"),
    ("hscp_locality", "HSCP locality"),
    ("council", "Council area"),
    ("hscp", "Health and social care partnership"),
    ("health_board", "NHS health board"),
    ("urban_rural_6fold", "Urban rural class (6-fold, 2020)"),
    ("scotland", "Scotland"),
]
CLASSIFICATIONS = ("urban_rural_6fold",)
"""Levels that classify data zones rather than name places."""
OGL_ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0."
)
OS_ATTRIBUTION = (
    "Contains OS data © Crown copyright and database right (2021). "
    "Source: Scottish Government, SpatialData.gov.scot."
)


@dataclass
class ImportSummary:
    """What an import produced, for the command line to print."""

    out: Path
    level_counts: dict[str, int]
    councils_without_localities: list[str]
    councils_partly_without_localities: list[str]
    scotpho_localities_matched: int = 0
    scotpho_localities_unmatched: list[str] = field(default_factory=list)
    """ScotPHO HSC localities whose life expectancy could not be placed, each with the reason."""
    localities_without_life_expectancy: list[str] = field(default_factory=list)
    file_sizes: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def import_scotland_2011(
    source: Path, out: Path, progress: Callable[[str], None] = lambda message: None
) -> ImportSummary:
    """Read every source file under `source` and write the data set folder `out`.

    An existing `out` is replaced only if it is a data set folder (holds dataset.yaml) or
    empty, and only once the new one is complete.
    """
    started = time.perf_counter()
    source, out = project_path(source), project_path(out)
    paths = source_paths(source)
    check_replaceable(out)
    progress("reading Census 2022 on the 2011 data zones")
    census_exports = census_dz2011.find_exports(source / census_dz2011.FOLDER)
    progress("reading lookups")
    lookup = read_lookup(paths)
    datazones = list(lookup["datazone_code"])
    progress("reading SIMD 2016 and SIMD 2020")
    simd = [
        read_simd_edition(paths[key], edition, datazones) for key, edition in SIMD_FILES.items()
    ]
    progress("reading population estimates 2020 and 2021")
    population_2021 = pd.concat([
        read_sape_workbook(paths[key], datazones)
        for key in ("sape_2021_males", "sape_2021_females")
    ])
    population_2020 = read_sape_table_csv(paths["sape_2020_persons"], datazones)
    residents_2021 = population_2021.groupby("datazone_code")["population"].sum()
    lookup = with_population(lookup, residents_2021)
    progress("reading ScotPHO life expectancy and NRS migration")
    life_expectancy = read_scotpho_extract(paths["life_expectancy"])
    localities = scotpho_life_expectancy.match_localities(
        life_expectancy[life_expectancy["area_type"] == scotpho_life_expectancy.LOCALITY],
        read_scotpho_geo_lookup(paths["scotpho_geography"]), lookup,
    )
    published = [
        scotpho_life_expectancy.life_expectancy_values(
            life_expectancy, localities, lookup, paths["life_expectancy"]
        ),
        nrs_migration.migration_values(
            read_nrs_migration(paths["migration"]), lookup, paths["migration"]
        ),
    ]
    published.append(census_dz2011.census_values(census_exports, datazones))
    progress("reading data zone boundaries")
    boundaries = read_datazone_boundaries(paths["boundaries"], datazones)
    population = population_table({"2020": (population_2020, SAPE_RELEASES["2020"]),
                                   "2021": (population_2021, SAPE_RELEASES["2021"])})
    residents = {period: (rows.groupby("datazone_code")["population"].sum(), release)
                 for period, (rows, release) in (("2020", (population_2020, SAPE_RELEASES["2020"])),
                                                 ("2021", (population_2021, SAPE_RELEASES["2021"])))}
    tables = {
        "lookup.csv": lookup,
        "population.csv": population,
        "simd.csv": simd_table(simd),
        "indicators.csv": catalogue(),
        "values.csv": pd.concat(
            [indicator_values(simd, residents), age_share_values(population), *published],
            ignore_index=True,
        ),
    }
    without, partly = councils_without_localities(lookup)
    progress("writing the data set")
    write_atomically(out, lambda folder: _write_dataset(
        folder, tables, boundaries, readme(without, localities.unmatched)
    ))
    return ImportSummary(
        out=out,
        level_counts=level_counts(lookup),
        councils_without_localities=without,
        councils_partly_without_localities=partly,
        scotpho_localities_matched=len(localities.codes),
        scotpho_localities_unmatched=localities.unmatched,
        localities_without_life_expectancy=localities.without,
        file_sizes={path.name: path.stat().st_size for path in sorted(out.iterdir())},
        seconds=time.perf_counter() - started,
    )


def catalogue() -> pd.DataFrame:
    """indicators.csv: the SIMD indicators, then life expectancy, migration and the census."""
    return pd.concat([
        INDICATOR_CATALOGUE,
        pd.DataFrame(scotpho_life_expectancy.catalogue_rows()),
        pd.DataFrame(nrs_migration.catalogue_rows()),
        pd.DataFrame(census_dz2011.catalogue_rows()),
    ], ignore_index=True)


def source_paths(source: Path) -> dict[str, Path]:
    """Every source file's path, failing first on any that is missing, before reading any."""
    if not source.is_dir():
        raise DataFileError(
            source, "a folder with simd/, lookups/, population/, indicators/ and boundaries/"
        )
    paths = {key: source / relative for key, (relative, _) in SOURCE_FILES.items()}
    for key, path in paths.items():
        if not path.is_file():
            raise DataFileError(path, f"the {SOURCE_FILES[key][1]} here, but there is no such file")
    return paths


def read_simd_edition(path: Path, edition: str, datazones: list[str]) -> pd.DataFrame:
    """An SIMD workbook, insisting it is the edition its file name promises."""
    simd = read_simd_workbook(path, datazones)
    found = simd["simd_edition"].iloc[0]
    if found != edition:
        raise DataFileError(path, f"the {edition} indicator data", sheet="Data", found=found)
    return simd


def read_lookup(paths: dict[str, Path]) -> pd.DataFrame:
    """One row per data zone with every level's code and name (population added later).

    Statutory levels come from the SG lookup; HSCPs and NHS board names from PHS; localities
    from the PHS locality lookup, blank where PHS publishes none (never guessed).
    """
    sg = read_sg_datazone_lookup(paths["sg_lookup"])
    datazones = list(sg["datazone_code"])
    labels = read_phs_datazone_labels(paths["phs_labels"], datazones)
    _check_same_councils(sg, labels, paths["phs_labels"])
    localities = read_phs_locality_lookup(paths["phs_localities"], datazones)
    urban_rural = read_urban_rural_2020(paths["urban_rural"], datazones)
    lookup = sg[["datazone_code", "datazone_name", "intermediate_zone_code",
                 "intermediate_zone_name", "ward_code", "ward_name"]]
    lookup = lookup.merge(
        localities[["datazone_code", "hscp_locality_code", "hscp_locality_name"]],
        on="datazone_code", how="left", validate="one_to_one",
    )
    lookup = lookup.merge(sg[["datazone_code", "council_code", "council_name"]], on="datazone_code")
    nhs_columns = ["hscp_code", "hscp_name", "health_board_code", "health_board_name"]
    lookup = lookup.merge(labels[["datazone_code", *nhs_columns]], on="datazone_code")
    lookup = lookup.merge(_urban_rural_6fold(urban_rural), on="datazone_code")
    return lookup.merge(sg[["datazone_code", "scotland_code", "scotland_name"]], on="datazone_code")


def _check_same_councils(sg: pd.DataFrame, labels: pd.DataFrame, path: Path) -> None:
    """The PHS labels must put each data zone in the same council as the SG lookup."""
    merged = labels.merge(sg[["datazone_code", "council_code"]], on="datazone_code",
                          suffixes=("", "_sg"))
    different = merged["council_code"] != merged["council_code_sg"]
    if different.any():
        first = merged[different].iloc[0]
        raise DataFileError(
            path, f"council {first['council_code_sg']} for {first['datazone_code']}, as in the "
            "SG lookup", row=int(first["source_row"]), column="CA", found=first["council_code"],
        )


def _urban_rural_6fold(urban_rural: pd.DataFrame) -> pd.DataFrame:
    """The 2020 6-fold class per data zone, coded `UR6-<class>` so codes stay unique."""
    classes = urban_rural["urban_rural_6fold"].astype(int)
    return pd.DataFrame({
        "datazone_code": urban_rural["datazone_code"],
        "urban_rural_6fold_code": classes.map(lambda number: f"UR6-{number}"),
        "urban_rural_6fold_name": classes.map(URBAN_RURAL_6FOLD_NAMES),
    })


def with_population(lookup: pd.DataFrame, residents: pd.Series) -> pd.DataFrame:
    """The lookup with each data zone's total residents (mid-2021) after its name."""
    lookup = lookup.copy()
    lookup.insert(2, "population", lookup["datazone_code"].map(residents).astype("Int64"))
    return lookup


def population_table(by_period: dict[str, tuple[pd.DataFrame, str]]) -> pd.DataFrame:
    """population.csv rows: residents by data zone, period, sex and ESP2013 age band, and the
    release each period comes from; `by_period` maps a period to (single years of age, release)."""
    frames = [
        esp2013_age_bands(single_years).assign(period=period, release=release)
        for period, (single_years, release) in by_period.items()
    ]
    table = pd.concat(frames, ignore_index=True)
    return table[["datazone_code", "period", "sex", "age_band", "population", "release"]]


def simd_table(editions: list[pd.DataFrame]) -> pd.DataFrame:
    """simd.csv rows: national ranks, decile and quintile per data zone and edition."""
    columns = [
        "datazone_code", "simd_edition", "simd_rank", "simd_decile", "simd_quintile",
        "income_rank", "employment_rank", "health_rank", "education_rank", "access_rank",
        "crime_rank", "housing_rank",
    ]
    return pd.concat([edition[columns] for edition in editions], ignore_index=True)


def councils_without_localities(lookup: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Councils with no published HSCP locality at all, and those with some data zones missing."""
    has_locality = lookup["hscp_locality_code"].notna().groupby(lookup["council_name"])
    none = sorted(name for name, flags in has_locality if not flags.any())
    partly = sorted(name for name, flags in has_locality if flags.any() and not flags.all())
    return none, partly


def level_counts(lookup: pd.DataFrame) -> dict[str, int]:
    """How many areas each level has (localities: only those published)."""
    return {level: int(lookup[f"{level}_code"].nunique()) for level, _ in LEVELS}


def _write_dataset(
    folder: Path, tables: dict[str, pd.DataFrame], boundaries: gpd.GeoDataFrame, card: str
) -> None:
    write_tables(folder, tables)
    _write_boundaries(boundaries, folder / "boundaries.gpkg")
    (folder / "dataset.yaml").write_text(dataset_yaml(), encoding="utf-8")
    (folder / "README.md").write_text(card, encoding="utf-8")


def _write_boundaries(boundaries: gpd.GeoDataFrame, path: Path) -> None:
    boundaries[["datazone_code", "geometry"]].to_file(
        path, layer="datazone", driver="GPKG", promote_to_multi=True
    )


def dataset_yaml() -> str:
    """dataset.yaml text: name, description, licence, levels and defaults."""
    card = {
        "name": DATASET_NAME,
        "description": (
            "All 6,976 data zones of Scotland (2011 boundaries) with their intermediate "
            "zones, wards, HSCP localities (where Public Health Scotland publishes them), "
            "councils, HSCPs, NHS boards and urban rural class; SIMD 2016 and 2020 with every "
            "indicator their workbooks publish; NRS small area population estimates for mid-2020 "
            "and mid-2021; ScotPHO life expectancy with its published intervals; NRS migration "
            "for councils and boards. See README.md in this folder for every source."
        ),
        "licence": f"{OGL_ATTRIBUTION} {OS_ATTRIBUTION}",
        "levels": [{"id": level, "label": label, **({"classification": True} if level in CLASSIFICATIONS else {})}
                   for level, label in LEVELS],
        "geography_version": "2011",
        "simd_edition": SIMD_EDITION,
        "boundaries": "boundaries.gpkg",
    }
    return yaml.safe_dump(card, sort_keys=False, allow_unicode=True, width=95)


def readme(councils_without: list[str], localities_unmatched: list[str] = ()) -> str:
    """README.md text: where every file came from, the gaps, and the attribution to show."""
    unmatched = "".join(f"\n- {line}" for line in localities_unmatched) or " none."
    sources = "\n".join(
        f"- {description}: `{relative}`" for relative, description in SOURCE_FILES.values()
    ) + (f"\n- NRS Flexible Table Builder exports on the 2011 data zones ("
         + "; ".join(f"Census {census}: {', '.join(tables)}"
                     for census, tables in census_dz2011.tables_by_census().items())
         + f"): `{census_dz2011.FOLDER}/`")
    gaps = ", ".join(councils_without) or "none"
    return f"""# {DATASET_NAME}

Made by `pmf-kit import scotland-2011` (pmf_kit {__version__}) from these published files:

{sources}

Levels: {", ".join(label for _, label in LEVELS)}. HSCP localities are those of the Public
Health Scotland data zone to locality lookup; they are blank, never guessed, for councils it
does not cover: {gaps}. Locality codes are PHS Sub-HSCP codes (PN...).

ScotPHO life expectancy for HSC localities (S99 codes) is placed on the PHS locality of the same
name (forgiving case, spacing, punctuation and "&"/"and") within its HSCP. Not placed:{unmatched}

Boundaries are the simplified SG data zone boundaries 2011, repaired where simplification made
polygons invalid and projected to British National Grid (EPSG:27700).

## Licence and attribution

{OGL_ATTRIBUTION}

{OS_ATTRIBUTION}
"""
