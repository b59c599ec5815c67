"""Build the whole-Scotland data set on the 2022 data zones from Scotland's Census 2022.

The 2022 data zones (7,392 of them, in 1,334 intermediate zones) are the geography SIMD 2026 is to
be published on. What exists on them today is the SG lookup and the census, so this data set
holds the lookup, the 2022 population by sex and age and the census indicators. It has no
boundaries and no SIMD yet: dataset.yaml says so, and profiles say so rather than failing. The
folder is written atomically, as `import scotland-2011` does.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd
import yaml

from pmf_kit.data.paths import project_path
from pmf_kit.errors import DataFileError
from pmf_kit.importers import census_dz2022
from pmf_kit.importers.census_dz2022 import Difference
from pmf_kit.importers.census_dz2022_indicators import FIGURES
from pmf_kit.importers.dataset_folder import check_replaceable, write_atomically, write_tables
from pmf_kit.importers.scotland_2011 import OGL_ATTRIBUTION
from pmf_kit.sources.census_output_areas import read_output_area_lookup
from pmf_kit.sources.lookups import URBAN_RURAL_6FOLD_NAMES, read_sg_datazone_2022_lookup
from pmf_kit.version import __version__

DATASET_NAME = "Scotland (2022 data zones)"
LOOKUP = Path("lookups") / "DataZone2022lookup_2024-12-16.csv"
OUTPUT_AREA_LOOKUP = Path("lookups") / "oa2022_to_dz2022_by_centroid.csv"
LEVELS = [
    ("datazone", "Data zone (2022)"),
    ("intermediate_zone", "Intermediate zone (2022)"),
    ("ward", "Multi-member ward"),
    ("council", "Council area"),
    ("hscp", "Health and social care partnership"),
    ("health_board", "NHS health board"),
    ("urban_rural_6fold", "Urban rural class (6-fold)"),
    ("scotland", "Scotland"),
]
CLASSIFICATIONS = ("urban_rural_6fold",)
NO_SIMD = ("SIMD is not yet published on the 2022 data zones (SIMD 2026 is to be the first edition on "
           "them), so this data set has no deprivation figures.")
NO_BOUNDARIES = "The 2022 data zone boundaries are not in this data set, so it has no maps."


@dataclass
class Import2022Summary:
    """What the import produced, for the command line to print."""

    out: Path
    level_counts: dict[str, int]
    indicators: int
    themes: int
    differences: list[Difference] = field(default_factory=list)
    """For each figure NRS publishes on the 2022 data zones: how far the sum of output areas is."""
    file_sizes: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def import_scotland_2022(
    source: Path, out: Path, progress: Callable[[str], None] = lambda message: None
) -> Import2022Summary:
    """Read the 2022 lookup and census files under `source` and write the data set folder `out`."""
    started = time.perf_counter()
    source, out = project_path(source), project_path(out)
    if not source.is_dir():
        raise DataFileError(source, "a folder with lookups/ and census2022/ (oa2022/ and dz2022/)")
    check_replaceable(out)
    progress("reading the 2022 data zone lookup")
    lookup = read_sg_datazone_2022_lookup(_required(source / LOOKUP, "the SG 2022 data zone lookup"))
    datazones = list(lookup["datazone_code"])
    datazone_of = read_output_area_lookup(_required(source / OUTPUT_AREA_LOOKUP, "the output area lookup"),
                                          datazones)
    progress("reading Census 2022 output area tables and NRS's 2022 data zone tables")
    census = census_dz2022.read_census(source, datazone_of, datazones)
    values, differences = census_dz2022.values(census, datazones)
    lookup = _lookup_table(lookup, census_dz2022.residents(census))
    tables = {
        "lookup.csv": lookup,
        "population.csv": census_dz2022.population_rows(census),
        "indicators.csv": pd.DataFrame(census_dz2022.catalogue_rows(census)),
        "values.csv": values,
    }
    progress("writing the data set")
    write_atomically(out, lambda folder: _write(folder, tables, differences))
    return Import2022Summary(
        out=out, level_counts={level: int(lookup[f"{level}_code"].nunique()) for level, _ in LEVELS},
        indicators=len(FIGURES), themes=len({figure.theme for figure in FIGURES}), differences=differences,
        file_sizes={path.name: path.stat().st_size for path in sorted(out.iterdir())},
        seconds=time.perf_counter() - started,
    )


def _required(path: Path, what: str) -> Path:
    if not path.is_file():
        raise DataFileError(path, f"{what} here, but there is no such file")
    return path


def _lookup_table(lookup: pd.DataFrame, residents: pd.Series) -> pd.DataFrame:
    """lookup.csv: every level's code and name, with census residents after the zone's name."""
    classes = lookup["urban_rural_6fold_code"].astype(int)
    lookup = lookup.assign(urban_rural_6fold_code=classes.map(lambda number: f"UR6-{number}"),
                           urban_rural_6fold_name=classes.map(URBAN_RURAL_6FOLD_NAMES))
    columns = ["datazone_code", "datazone_name"]
    for level, _ in LEVELS[1:]:
        columns += [f"{level}_code", f"{level}_name"]
    table = lookup[columns].copy()
    table.insert(2, "population", table["datazone_code"].map(residents).astype("Int64"))
    return table


def _write(folder: Path, tables: dict[str, pd.DataFrame], differences: list[Difference]) -> None:
    write_tables(folder, tables)
    (folder / "dataset.yaml").write_text(dataset_yaml(), encoding="utf-8")
    (folder / "README.md").write_text(readme(differences), encoding="utf-8")


def dataset_yaml() -> str:
    """dataset.yaml text: the geography version, and what is not there yet (SIMD, boundaries)."""
    card = {
        "name": DATASET_NAME,
        "description": (
            "All 7,392 data zones of Scotland (2022 boundaries) with their intermediate zones, wards, "
            "councils, HSCPs, NHS boards and urban rural class; residents by sex and age and "
            f"{len(FIGURES)} indicators from Scotland's Census 2022. No SIMD and no boundaries yet. "
            "See README.md in this folder for every source."
        ),
        "licence": OGL_ATTRIBUTION,
        "geography_version": "2022",
        "levels": [{"id": level, "label": label, **({"classification": True} if level in CLASSIFICATIONS else {})}
                   for level, label in LEVELS],
        "no_simd": NO_SIMD,
        "no_boundaries": NO_BOUNDARIES,
    }
    return yaml.safe_dump(card, sort_keys=False, allow_unicode=True, width=95)


def readme(differences: list[Difference]) -> str:
    """README.md text: the sources, how official and summed figures compare, what is missing."""
    rows = "\n".join(f"| {difference.indicator_id} | {difference.largest:,} ({difference.datazone_code}) | "
                     f"{difference.mean:+.2f} |" for difference in differences)
    return f"""# {DATASET_NAME}

Made by `pmf-kit import scotland-2022` (pmf_kit {__version__}) from these published files:

- SG 2022 data zone lookup: `{LOOKUP}`
- Output areas to 2022 data zones (by population-weighted centroid): `{OUTPUT_AREA_LOOKUP}`
- Scotland's Census 2022 output area tables (NRS): `{census_dz2022.OUTPUT_AREA_FOLDER}/`
- NRS Flexible Table Builder exports on the 2022 data zones: `{census_dz2022.OFFICIAL_FOLDER}/`

Population: usual residents on census day (20 March 2022) by sex and age band, summed from output
areas (table UV102b); the oldest band is 85 and over, so it cannot be age-standardised.

Where NRS publishes a figure on the 2022 data zones, that official figure is used; the sum of output
areas differs from it by NRS's perturbation. Per data zone, for each such indicator's numerator:

| Indicator | Largest difference (data zone) | Mean difference (official - summed) |
|---|---|---|
{rows}

{NO_SIMD} {NO_BOUNDARIES} HSCP localities are not published on the 2022 data zones yet.

## Licence and attribution

{OGL_ATTRIBUTION}
"""
