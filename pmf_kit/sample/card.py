"""The words that travel with the sample: dataset.yaml and the data card (README.md).

The card is written from the generated tables, so its counts and lists can never drift from
the data they describe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from pmf_kit.sample import catalogue, deprivation, spend, values
from pmf_kit.sample.population import YEARS

if TYPE_CHECKING:
    from pmf_kit.sample import SampleTables

DATASET_YAML = """\
name: Sample Council (synthetic)
description: >-
  A fictional Scottish council made up by the pmf_kit sample generator: about 500 data zones
  in 7 localities, with populations, SIMD-style deprivation ranks and 18 community planning
  indicators over nine years. Places, people and numbers are all invented; it exists to
  demonstrate and test pmf_kit.
licence: >-
  Synthetic data made by the pmf_kit generator; describes no real place or person. Free to
  use, copy and adapt for any purpose, without attribution.
levels:
  - {id: datazone, label: Data zone}
  - {id: intermediate_zone, label: Intermediate zone}
  - {id: ward, label: Multi-member ward}
  - {id: community_council, label: Community council area}
  - {id: locality, label: Locality}
  - {id: council, label: Council area}
simd_edition: SIMD 2020
boundaries: boundaries.gpkg
"""

FILE_COLUMNS = (
    ("dataset.yaml", "name, description, licence, levels (id and label), simd_edition, "
     "boundaries"),
    ("lookup.csv", "datazone_code, datazone_name, population, then code and name of "
     "intermediate_zone, ward, community_council, locality, council"),
    ("population.csv", "datazone_code, period (mid-year, 2016 to 2024), sex (female, male), "
     "age_band (ESP 2013 bands 0-4 to 90+), population"),
    ("simd.csv", "datazone_code, simd_edition (SIMD 2016, SIMD 2020), simd_rank, simd_decile, "
     "simd_quintile, income_rank, employment_rank, health_rank, education_rank, access_rank, "
     "crime_rank, housing_rank"),
    ("indicators.csv", ", ".join(catalogue.CATALOGUE_COLUMNS)),
    ("values.csv", ", ".join(values.VALUE_COLUMNS)),
    ("comparators.csv", "geography_code, geography_name, level"),
    ("spend.csv", ", ".join(spend.SPEND_COLUMNS)),
    ("boundaries.gpkg", "layer `datazone`: datazone_code, geometry (EPSG:27700 polygons)"),
    ("README.md", "this data card"),
)


def dataset_yaml() -> str:
    """dataset.yaml, exactly as docs/dataset-format.md lays it out."""
    return DATASET_YAML


def data_card(tables: SampleTables) -> str:
    """The whole data card, section by section."""
    sections = [
        _introduction(),
        _files_section(),
        _geography_section(tables),
        _localities_section(tables),
        _indicators_section(tables),
        _quirks_section(tables),
        _spend_section(tables),
    ]
    return "\n\n".join(sections) + "\n"


def _introduction() -> str:
    """What the data set is, that it is not real, and how to make it again."""
    return f"""\
# Sample Council (synthetic): data card

**None of this is real.** Sample Council is a fictional Scottish council invented by
`pmf_kit.sample` so that pmf_kit's notebooks, reports and tests have a realistic data set to
run on. Every place name, code, population, deprivation rank and indicator value was
simulated; any resemblance to a real place is accidental. Free to use for any purpose.

## How it was made

```
.venv/bin/python -m pmf_kit.sample data/sample
```

The generator uses one fixed seed, so a run on the same library versions (numpy, shapely/GEOS,
GDAL) rewrites every file byte for byte; `tests/test_sample.py` checks the committed copy
against a fresh one. The folder is written to a temporary folder beside the target and swapped
in at the end, so a failed run leaves the previous copy untouched.

In outline: seed points are scattered densely in towns and thinly in the countryside, inside a
made-up coastline placed in the British National Grid north of the Forth, plus an offshore
island. Their Voronoi cells, clipped to the land, are the data zones, so urban data zones are
small and rural ones large and together they tile the council without gaps or overlaps. Higher
levels are grown from neighbouring data zones so each is one contiguous area. Each data zone
gets 500 to 1,000 residents by sex and age band for {YEARS[0]} to {YEARS[-1]} (older in
rural, coastal and island places), SIMD ranks that cluster spatially (deprived town centres,
affluent suburbs, a middling countryside), and indicator counts drawn (binomial or Poisson)
around rates that worsen with deprivation and trend over time."""


def _files_section() -> str:
    """Every file and its columns."""
    rows = "\n".join(f"| `{name}` | {columns} |" for name, columns in FILE_COLUMNS)
    return f"""\
## Files

| File | Columns |
|---|---|
{rows}

All CSVs are UTF-8, comma separated, one header row, with blank cells for missing data, as
described in `docs/dataset-format.md`."""


def _geography_section(tables: SampleTables) -> str:
    """Counts per level and the codes used."""
    lookup = tables.lookup
    population = lookup["population"]
    counts = "\n".join(
        f"| {label} | `{lookup[code].iloc[0][:3]}…` | {lookup[code].nunique()} |"
        for label, code in (("Data zone", "datazone_code"),
                            ("Intermediate zone", "intermediate_zone_code"),
                            ("Multi-member ward", "ward_code"),
                            ("Community council area", "community_council_code"),
                            ("Locality", "locality_code"),
                            ("Council area", "council_code")))
    return f"""\
## Geography

| Level | Code prefix | Areas |
|---|---|---|
{counts}

Codes start with `X` so they can never be mistaken for real Scottish (`S…`) codes. Data zone
names follow the real pattern of intermediate zone name plus a number ("Brackenhill - 03").
As in real lookups, names repeat across levels (most community councils share a name with an
intermediate zone), so look areas up with their level; locality names are used by no other
level, so a locality can be found by name alone.
Data zones hold {population.min():,} to {population.max():,} residents in
{YEARS[-1]} ({population.sum():,} in all). Intermediate zones nest in localities; wards and
community council areas were grown separately and do not. Boundaries are British National
Grid (EPSG:27700) polygons."""


def _localities_section(tables: SampleTables) -> str:
    """Each locality's size and deprivation, the special ones, the straddling wards."""
    lookup = tables.lookup
    latest = tables.simd[tables.simd["simd_edition"] == deprivation.LATEST_EDITION]
    quintile = latest.set_index("datazone_code")["simd_quintile"]
    rows = []
    for (code, name), members in lookup.groupby(["locality_code", "locality_name"]):
        most_deprived = int((members["datazone_code"].map(quintile) == 1).sum())
        rows.append(f"| `{code}` | {name} | {len(members)} | {members['population'].sum():,} "
                    f"| {most_deprived} |")
    localities = lookup.groupby("locality_name").size()
    smallest = localities.idxmin()
    longest = max(localities.index, key=len)
    straddling = _straddling_wards(lookup)
    return f"""\
## Localities

| Code | Locality | Data zones | Residents {YEARS[-1]} | Data zones in SIMD quintile 1 |
|---|---|---|---|---|
{chr(10).join(rows)}

- **Long name**: "{longest}" ({len(longest)} characters) tests titles, tables and file names.
- **Small locality**: "{smallest}" is an island of {localities[smallest]} data zones, so
  most of its counts are small and get suppressed; it is also its own ward and community
  council area.
- **Deprivation**: Inverbrackie's town centre is the council's most deprived area; Kilbarrow
  and Dalvane is affluent suburbs; every national SIMD quintile is present.
- **Wards that straddle localities** ({len(straddling)} of
  {lookup['ward_code'].nunique()}): {'; '.join(straddling)}. Use best-fit assignment (by
  population) to report wards by locality.
- The council is `{lookup['council_code'].iloc[0]}` "{lookup['council_name'].iloc[0]}".
  Scotland comparator: `{values.SCOTLAND_CODE}` "{values.SCOTLAND_NAME}" (level
  `scotland`, in comparators.csv)."""


def _straddling_wards(lookup: pd.DataFrame) -> list[str]:
    """"Ward (locality, locality)" for every ward with data zones in more than one locality."""
    straddling = []
    for ward_name, members in lookup.groupby("ward_name"):
        localities = sorted(members["locality_name"].unique())
        if len(localities) > 1:
            straddling.append(f"{ward_name} ({', '.join(localities)})")
    return straddling


def _indicators_section(tables: SampleTables) -> str:
    """The indicator table: id, theme, unit, polarity, periods and trend direction."""
    periods = tables.values.groupby("indicator_id")["period"].agg(["min", "max", "nunique"])
    rows = "\n".join(
        f"| `{spec.indicator_id}` | {spec.title} | {spec.theme} | {spec.unit} | "
        f"{spec.polarity} | {periods.loc[spec.indicator_id, 'min']} to "
        f"{periods.loc[spec.indicator_id, 'max']} ({periods.loc[spec.indicator_id, 'nunique']}) "
        f"| {spec.trend} | {spec.suppression_threshold} |"
        for spec in catalogue.INDICATORS)
    return f"""\
## Indicators

Each indicator has data zone rows (numerator, denominator, value) and a published row for
the Scotland comparator in every period. Values follow the unit rule of the format
(percent = 100 × n / d, rate_per_1000 = 1000 × n / d, rate_per_100000 = 100000 × n / d,
mean = n / d), rounded to {values.UNIT_DECIMALS['percent']} decimals (1 for rates per
100,000). Denominators come from the population table of the period's (start) year: age
groups such as 16 to 64 take the right share of the 15-19 band; births, P1 children, school
leavers, possible school sessions and households (residents / 2.15) are estimated from it.
Trend is the simulated underlying direction; noise can hide it locally.

| Id | Title | Theme | Unit | Polarity | Periods (count) | Trend | Suppress below |
|---|---|---|---|---|---|---|---|
{rows}"""


def _quirks_section(tables: SampleTables) -> str:
    """The deliberate imperfections that exercise suppression and missing-data handling."""
    datazone_rows = tables.values[tables.values["geography_code"].str.startswith("X01")]
    small = datazone_rows["numerator"].between(0, 4).mean()
    blank = datazone_rows["value"].isna().sum()
    not_received = [spec.indicator_id for spec in catalogue.INDICATORS if spec.missing_share]
    return f"""\
## Deliberate quirks

- **Small counts**: {small:.0%} of data zone numerators are 0 to 4 (most of
  `low_birthweight`, `smoking_in_pregnancy`, `p1_overweight` and `deliberate_fires`), so
  primary and secondary disclosure suppression have work to do.
- **Cells not received**: {blank:,} data zone rows have a blank value: blank numerator,
  denominator and value at random in {', '.join(f'`{name}`' for name in not_received)}
  (data not received) and wherever a denominator population was zero, plus the source
  suppressed rows below.
- **A missing period**: `school_attendance` has no rows at all for 2020/21 (data not
  collected during the pandemic), for data zones and Scotland alike.
- **Source suppression**: in 2016/17 and 2017/18 the source of `domestic_abuse` suppressed
  counts of 1 to 4; those rows keep their denominator but have blank numerator and value,
  `quality_flag = source_suppressed` and `numerator_max = 4`, so an area's figure for those years
  is a range (from the known counts to the known counts plus 4 per withheld data zone).
- **Shocks**: `claimant_count` jumps in 2020 and 2021, `emergency_admissions` drops in
  2020/21, `fuel_poverty` jumps from 2022, as a real series would.
- **Mixed periods**: calendar years (`2016`) and financial or school years (`2016/17`).
- **SIMD**: both SIMD 2016 and SIMD 2020 are present with different but correlated ranks;
  ranks are distinct within an edition and spread over the national range 1 to 6,976.
- `average_tariff_score` is a mean with `aggregation = population_weighted`; `home_care` is
  the one `neutral` indicator."""


def _spend_section(tables: SampleTables) -> str:
    """The service lines of spend.csv, which record activity, and the council totals."""
    latest = spend.financial_year(spend.SPEND_YEARS[-1])
    totals = tables.spend[tables.spend["period"] == latest].groupby("service_line", sort=False)[
        ["spend_gbp", "service_users"]].sum(min_count=1)
    rows = "\n".join(
        f"| {line.name} | {spend.SERVED_LABELS[line.served]} | "
        f"{'yes' if line.users_per_person is not None else 'no (blank)'} | "
        f"£{totals.loc[line.name, 'spend_gbp']:,.0f} |"
        for line in spend.SERVICE_LINES)
    return f"""\
## Service spend

`spend.csv` apportions the council's spend on {len(spend.SERVICE_LINES)} service lines to data zones for the
financial years {spend.financial_year(spend.SPEND_YEARS[0])} to {latest}, in whole pounds at cash prices (unit costs rise
{spend.ANNUAL_INFLATION:.1%} a year). Demand-led services record `service_users` (people or households supported in the year, 0 where
nobody was), so a unit cost per service user can be worked out; universal services record no
activity and leave `service_users` blank. Demand rises with deprivation, so spend per resident
on employability, housing support and wardens is highest in the most deprived data zones; home
care follows older residents, few of whom live in the deprived town centres, so per resident it
is not; parks lean slightly towards the least deprived. Service user
counts are small in a single data zone: suppress them (and the unit costs they reveal) before
showing data zone figures.

| Service line | Served | Service users recorded | Council spend {latest} |
|---|---|---|---|
{rows}"""
