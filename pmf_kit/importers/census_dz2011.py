"""Scotland's Census 2022 (and Census 2011's household deprivation) on the 2011 data zones, as
indicators of the whole-Scotland data set.

NRS publishes these tables through its Flexible Table Builder; the exports under
`census2022/dz2011/` are read as they were downloaded (pmf_kit.sources.superweb2) and found by
their table id, not their time-stamped file names. Each indicator is a count of people or
households in a category over all people or households in the table, on the same 6,976 zones as
SIMD, so it aggregates to every level and splits by SIMD quintile like any other.

NRS protects census tables at source (cell-key perturbation), so they are not suppressed again
(`disclosure: published_at_source`), and a census count has no sampling error: no interval,
compared by size only (`variability: census`). Census 2011's occupancy rating counts people by
rooms and Census 2022's households by bedrooms: two indicators, each definition says which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pmf_kit.errors import DataFileError
from pmf_kit.sources.superweb2 import SuperwebExport, read_superweb2
from pmf_kit.sources.tables import column_by_label

FOLDER = Path("census2022") / "dz2011"
SOURCE = "National Records of Scotland, Scotland's Census {census} (Flexible Table Builder, 2011 data zones)"
OWNER = "National Records of Scotland"
CENSUS_DAY = {"2022": "Scotland's Census 2022: census day, 20 March 2022 (NRS)",
              "2011": "Scotland's Census 2011: census day, 27 March 2011 (NRS)"}
PROTECTED = {
    "2022": " NRS protects Census 2022 tables by cell-key perturbation before publishing them",
    "2011": " NRS protected Census 2011 tables by swapping records between areas before publishing them",
}
SUMS = (", so pmf_kit does not suppress them again, and a sum of data zones can differ slightly from "
        "NRS's own figure for a larger area; in the odd data zone where this makes the categories "
        "counted exceed the table's total, the total is taken as their sum. A census count, so no "
        "interval: compared by size only.")


CENSUS_FIELDS = {"owner": OWNER, "aggregation": "sum_ratio", "suppression_threshold": 0, "derived_from_simd": "false",
                 "variability": "census", "disclosure": "published_at_source", "source_suppression": "",
                 "series_breaks": ""}
"""What every census indicator's catalogue row says alike: summed, not suppressed again (protected
at source), no sampling error."""


@dataclass(frozen=True)
class CensusIndicator:
    """One indicator: the categories counted, over the table's total, from one NRS table."""

    indicator_id: str
    table_id: str
    title: str
    theme: str
    what: str
    counted: tuple[str, ...]
    """Column labels summed for the numerator, or `ages:<first>-<last>` for age bands by sex."""
    polarity: str = "neutral"
    unit: str = "percent"
    simd_input: bool = False
    """Built from the data SIMD's domains use: never a headline gap by deprivation."""


TABLES = {
    "UV102b": ("Age (20) by sex", "people", "All people | All people", "2022"),
    "UV201": ("Ethnic group", "people", "All People", "2022"),
    "UV205": ("Religion", "people", "All people", "2022"),
    "UV303": ("Disability", "people", "All people", "2022"),
    "UV402": ("Accommodation type", "households", "All occupied households", "2022"),
    "UV404": ("Household tenure", "households", "All occupied households", "2022"),
    "UV415": ("Occupancy rating for bedrooms", "households", "All occupied households", "2022"),
    "QS119SC": ("Households by deprivation dimensions", "households", "All households", "2011"),
}
"""Each table read: its name, what it counts, the column of its total (the denominator), and the
census it comes from (the indicator's period)."""


INDICATORS = [
    CensusIndicator("census_residents", "UV102b", "Residents on census day 2022 (number)", "Population",
                    "All usual residents counted by Scotland's Census 2022", ("All people | All people",),
                    unit="count"),
    CensusIndicator("census_children_0_15", "UV102b", "Children aged 0 to 15 (census 2022)", "Population",
                    "Percentage of usual residents aged 0 to 15", ("ages:0-15",)),
    CensusIndicator("census_working_age_16_64", "UV102b", "Residents aged 16 to 64 (census 2022)", "Population",
                    "Percentage of usual residents aged 16 to 64", ("ages:16-64",)),
    CensusIndicator("census_aged_65_plus", "UV102b", "Residents aged 65 and over (census 2022)", "Population",
                    "Percentage of usual residents aged 65 and over", ("ages:65-200",)),
    CensusIndicator("census_aged_85_plus", "UV102b", "Residents aged 85 and over (census 2022)", "Population",
                    "Percentage of usual residents aged 85 and over", ("ages:85-200",)),
    CensusIndicator("census_minority_ethnic", "UV201", "Residents of minority ethnic groups (census 2022)",
                    "Population", "Percentage of usual residents whose ethnic group is not one of the White "
                    "groups (Mixed or multiple, Asian, African, Caribbean or Black, and other ethnic groups)",
                    ("Mixed or multiple ethnic group", "Asian, Asian Scottish or Asian British: Total",
                     "African: Total", "Caribbean or Black: Total", "Other ethnic groups: Total")),
    CensusIndicator("census_no_religion", "UV205", "Residents with no religion (census 2022)", "Population",
                    "Percentage of usual residents who answered that they have no religion (those who did "
                    "not answer stay in the total)", ("No religion",)),
    CensusIndicator("census_limited_a_lot", "UV303", "Day-to-day activities limited a lot (census 2022)",
                    "Health", "Percentage of usual residents whose day-to-day activities are limited a lot "
                    "by a long-term health problem or disability", ("Day-to-day activities limited a lot",),
                    polarity="lower_is_better"),
    CensusIndicator("census_limited", "UV303", "Day-to-day activities limited (census 2022)", "Health",
                    "Percentage of usual residents whose day-to-day activities are limited a lot or a "
                    "little by a long-term health problem or disability",
                    ("Day-to-day activities limited a lot", "Day-to-day activities limited a little"),
                    polarity="lower_is_better"),
    CensusIndicator("census_flats", "UV402", "Households living in flats (census 2022)", "Housing",
                    "Percentage of occupied households whose home is a flat, maisonette or apartment",
                    ("Flat, maisonette or apartment: Total",)),
    CensusIndicator("census_owner_occupied", "UV404", "Households owning their home (census 2022)", "Housing",
                    "Percentage of occupied households owning their home outright, with a mortgage or loan, "
                    "in shared ownership or shared equity", ("Owned: Total",)),
    CensusIndicator("census_social_rented", "UV404", "Households renting from a council or housing "
                    "association (census 2022)", "Housing", "Percentage of occupied households renting "
                    "from a council or a housing association or registered social landlord",
                    ("Social Rented: Council (LA) or Housing Association/ Registered Social Landlord",)),
    CensusIndicator("census_private_rented", "UV404", "Households renting privately (census 2022)", "Housing",
                    "Percentage of occupied households renting from a private landlord, a letting agency or "
                    "another private arrangement", ("Private rented: Total",)),
    CensusIndicator("census_overcrowded_bedrooms", "UV415", "Households with too few bedrooms (census 2022)",
                    "Housing", "Percentage of occupied households with an occupancy rating for bedrooms of "
                    "-1 or less (at least one bedroom fewer than the household needs). Census 2022 counts "
                    "households by bedrooms; the 2011 Census indicator from SIMD counts people by rooms, "
                    "so the two are separate indicators", ("Occupancy rating of bedrooms: -1 or less",),
                    polarity="lower_is_better"),
    CensusIndicator("census_2011_households_deprived_2plus", "QS119SC", "Households deprived in two or more "
                    "dimensions (census 2011)", "Deprivation", "Percentage of households deprived in at "
                    "least two of the 2011 Census's four dimensions (employment, education, health and "
                    "disability, housing). Its housing dimension uses the Census 2011 answers SIMD's housing "
                    "domain uses (overcrowding, central heating), and its education dimension the qualifications "
                    "SIMD's education domain uses, so split by SIMD it partly restates SIMD",
                    ("Household is deprived in 2 dimensions", "Household is deprived in 3 dimensions",
                     "Household is deprived in 4 dimensions"),
                    polarity="lower_is_better", simd_input=True),
]


def catalogue_rows() -> list[dict]:
    """One indicators.csv row per census indicator."""
    rows = []
    for indicator in INDICATORS:
        name, counts, _, census = TABLES[indicator.table_id]
        people = "Households" if counts == "households" else "Usual residents"
        rows.append({
            "indicator_id": indicator.indicator_id, "title": indicator.title, "theme": indicator.theme,
            "definition": f"{indicator.what}. From Scotland's Census {census}, NRS table {indicator.table_id} "
                          f"({name}) on the 2011 data zones; period {census} is census day.{PROTECTED[census]}{SUMS}",
            "numerator_label": indicator.title.split(" (census")[0],
            "denominator_label": "" if indicator.unit == "count" else f"{people} (the table's total)",
            "unit": indicator.unit, "polarity": indicator.polarity, "source": SOURCE.format(census=census),
            **CENSUS_FIELDS, "simd_input": "true" if indicator.simd_input else "false",
            "period_source": CENSUS_DAY[census],
        })
    return rows


def census_values(exports: dict[str, SuperwebExport], datazones: list[str]) -> pd.DataFrame:
    """values.csv rows for every census indicator and data zone, from the exports `find_exports`
    read; a table without every data zone of the lookup is a clear error."""
    on_datazones = {table_id: _on_datazones(export, datazones) for table_id, export in exports.items()}
    frames = []
    for indicator in INDICATORS:
        export, wide = exports[indicator.table_id], on_datazones[indicator.table_id]
        _, _, total, census = TABLES[indicator.table_id]
        numerator = sum(_counted(export, wide, label) for label in indicator.counted)
        if indicator.unit == "count":
            denominator, value = pd.Series(float("nan"), index=wide.index), numerator
        else:
            denominator = _column(export, wide, total).clip(lower=numerator)
            value = 100 * numerator / denominator.where(denominator > 0)
        frames.append(pd.DataFrame({
            "indicator_id": indicator.indicator_id, "geography_code": wide["geography_code"],
            "period": census, "numerator": numerator.round().astype("Int64"),
            "denominator": denominator.round().astype("Int64"), "value": value.round(6), "quality_flag": "",
            "release": f"NRS table {indicator.table_id}",
        }))
    return pd.concat(frames, ignore_index=True)


def tables_by_census() -> dict[str, list[str]]:
    """The table ids read from each census, newest first, for the data set's README."""
    by_census: dict[str, list[str]] = {}
    for table_id, (_, _, _, census) in sorted(TABLES.items(), key=lambda item: item[1][3], reverse=True):
        by_census.setdefault(census, []).append(table_id)
    return by_census


def find_exports(folder: Path) -> dict[str, SuperwebExport]:
    """Every table of TABLES, read from the SuperWEB2 exports in `folder`, by the id each states."""
    if not folder.is_dir():
        raise DataFileError(folder, "a folder of NRS Flexible Table Builder exports on the 2011 data zones "
                                    f"(tables {', '.join(TABLES)})")
    found: dict[str, SuperwebExport] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".csv", ".xlsx") or path.name.startswith("."):
            continue
        export = read_superweb2(path, geography="datazone_2011")
        if export.table_id in TABLES:
            if export.table_id in found:
                raise DataFileError(path, f"one export of table {export.table_id}",
                                    found=f"a second one beside {found[export.table_id].path.name}")
            found[export.table_id] = export
    missing = [f"{table_id} ({TABLES[table_id][0]})" for table_id in TABLES if table_id not in found]
    if missing:
        raise DataFileError(folder, f"an NRS export of each census table pmf_kit reads; none of {', '.join(missing)}")
    return found


def _on_datazones(export: SuperwebExport, datazones: list[str]) -> pd.DataFrame:
    """The export's rows in the lookup's data zone order; a zone missing names the table."""
    wide = export.wide.set_index("geography_code")
    missing = [code for code in datazones if code not in wide.index]
    if missing:
        raise DataFileError(export.path, f"a row for every 2011 data zone of the lookup; {len(missing):,} "
                                         f"missing, the first {missing[0]}")
    return wide.loc[datazones].reset_index()


def _counted(export: SuperwebExport, wide: pd.DataFrame, label: str) -> pd.Series:
    """A numerator part: one column, or the sum of the age bands of `ages:<first>-<last>`."""
    if not label.startswith("ages:"):
        return _column(export, wide, label)
    first, last = (int(age) for age in label.removeprefix("ages:").split("-"))
    bands = [column for column in export.columns
             if column.endswith("| All people") and (start := _band_start(column)) is not None
             and first <= start <= last]
    if not bands:
        raise DataFileError(export.path, f"age bands from {first} (columns such as '{first} - ... | All people')")
    return wide[bands].sum(axis=1)


def _band_start(column: str) -> int | None:
    """The first age of a band label ('65 - 69 | All people' -> 65, '85 and over | ...' -> 85)."""
    match = re.match(r"\s*(\d+)", column)
    return int(match.group(1)) if match else None


def _column(export: SuperwebExport, wide: pd.DataFrame, label: str) -> pd.Series:
    """A column by its label, forgiving case and spacing; one missing names the table's columns."""
    return column_by_label(wide, label, export.path, export.columns, where=f" in table {export.table_id}").astype(float)
