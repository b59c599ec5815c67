"""Scotland's Census 2022 on the 2022 data zones: population and indicators for the data set of
`pmf-kit import scotland-2022`.

Output-area tables are summed to data zones (pmf_kit.sources.census_output_areas). Where NRS
also publishes a figure on the 2022 data zones (its Flexible Table Builder exports under
`census2022/dz2022/`), the official figure is used, and the largest difference between the two
is reported: both are perturbed by NRS, so they differ by a few households. Census figures are
protected at source, so they are not suppressed again; a census count has no sampling error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pmf_kit.errors import DataFileError
from pmf_kit.importers.census_dz2011 import CENSUS_DAY, CENSUS_FIELDS, PROTECTED, SUMS
from pmf_kit.importers.census_dz2022_indicators import (
    ACCOMMODATION_TABLE,
    FIGURES,
    OFFICIAL_VARIABLES,
    CensusFigure,
)
from pmf_kit.sources.census_output_areas import (
    OutputAreaTable,
    read_metadata,
    read_output_area_table,
    sum_to_datazones,
)
from pmf_kit.sources.superweb2 import SuperwebExport, read_superweb2
from pmf_kit.sources.tables import column_by_label

OUTPUT_AREA_FOLDER = Path("census2022") / "oa2022"
OFFICIAL_FOLDER = Path("census2022") / "dz2022"
PERIOD = "2022"
RELEASE = "Scotland's Census 2022 (NRS)"
POPULATION_TABLE = "UV102b"
SOURCE_SUMMED = "National Records of Scotland, Scotland's Census 2022 (output area tables summed to 2022 data zones)"
SOURCE_OFFICIAL = "National Records of Scotland, Scotland's Census 2022 (Flexible Table Builder, 2022 data zones)"
ESP_BANDS = {"15": "15-19", "16 - 17": "15-19", "18 - 19": "15-19", "85 and over": "85+"}
"""Census age bands that are not already an ESP2013 band, and the band each belongs to."""


@dataclass(frozen=True)
class Difference:
    """How far an official 2022 data zone figure is from the sum of its output areas."""

    indicator_id: str
    largest: int
    datazone_code: str
    mean: float


@dataclass(frozen=True)
class CensusOnDatazones:
    """Everything read: each table's counts per data zone, and the official exports."""

    summed: dict[str, pd.DataFrame]
    units: dict[str, str]
    official: dict[str, SuperwebExport]


def read_census(source: Path, datazone_of: pd.Series, datazones: list[str]) -> CensusOnDatazones:
    """Every table the figures and the population need, summed to data zones in lookup order."""
    folder = source / OUTPUT_AREA_FOLDER
    if not folder.is_dir():
        raise DataFileError(folder, "a folder of Census 2022 output area tables (Parquet) and Table_Metadata.csv")
    metadata = read_metadata(folder)
    table_ids = sorted({POPULATION_TABLE, *(figure.table_id for figure in FIGURES
                                            if figure.table_id != ACCOMMODATION_TABLE)})
    tables: dict[str, OutputAreaTable] = {
        table_id: read_output_area_table(folder, table_id, metadata) for table_id in table_ids}
    return CensusOnDatazones(
        summed={table_id: sum_to_datazones(table, datazone_of, datazones) for table_id, table in tables.items()},
        units={table_id: table.unit for table_id, table in tables.items()},
        official=find_official_exports(source / OFFICIAL_FOLDER, datazones),
    )


def find_official_exports(folder: Path, datazones: list[str]) -> dict[str, SuperwebExport]:
    """The one-variable NRS exports on the 2022 data zones, by their variable, each with every zone."""
    if not folder.is_dir():
        raise DataFileError(folder, "a folder of NRS Flexible Table Builder exports on the 2022 data zones")
    found: dict[str, SuperwebExport] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".csv", ".xlsx") or path.name.startswith("."):
            continue
        export = read_superweb2(path, geography="datazone_2022")
        if len(export.variables) != 1 or export.variables[0] not in OFFICIAL_VARIABLES:
            continue
        variable = export.variables[0]
        if variable in found:
            raise DataFileError(path, f"one export of {variable!r}", found=f"a second one beside {found[variable].path.name}")
        missing = set(datazones) - set(export.wide["geography_code"])
        if missing:
            raise DataFileError(path, f"a row for every 2022 data zone of the lookup; {len(missing):,} missing",
                                found=min(missing))
        found[variable] = export
    absent = [variable for variable in OFFICIAL_VARIABLES if variable not in found]
    if absent:
        raise DataFileError(folder, f"an NRS export by {', '.join(map(repr, absent))} on the 2022 data zones")
    return found


def population_rows(census: CensusOnDatazones) -> pd.DataFrame:
    """population.csv rows: residents on census day by data zone, sex and age band (85+ open)."""
    counts = census.summed[POPULATION_TABLE]
    frames = []
    for sex, prefix in (("female", "Female: "), ("male", "Male: ")):
        columns = [column for column in counts.columns if column.startswith(prefix) and column != f"{prefix}All people"]
        long = counts[columns].rename(columns=lambda column: _esp_band(column.removeprefix(prefix)))
        by_band = long.T.groupby(level=0, sort=False).sum().T
        frame = by_band.stack().rename("population").reset_index()
        frame.columns = ["datazone_code", "age_band", "population"]
        frames.append(frame.assign(sex=sex))
    population = pd.concat(frames, ignore_index=True).assign(period=PERIOD, release=RELEASE)
    population["population"] = population["population"].round().astype("int64")
    return population[["datazone_code", "period", "sex", "age_band", "population", "release"]]


def _esp_band(band: str) -> str:
    """'0 - 4' -> '0-4'; the single years 15, 16-17 and 18-19 -> '15-19'; '85 and over' -> '85+'."""
    return ESP_BANDS.get(band, band.replace(" ", ""))


def residents(census: CensusOnDatazones) -> pd.Series:
    """All usual residents of each data zone."""
    return census.summed[POPULATION_TABLE]["All people: All people"].round().astype("int64")


def values(census: CensusOnDatazones, datazones: list[str]) -> tuple[pd.DataFrame, list[Difference]]:
    """values.csv rows of every figure, and for each official one its difference from the sum."""
    frames, differences = [], []
    for figure in FIGURES:
        numerator, denominator, release = _counts(figure, census, datazones)
        if figure.official is not None and figure.table_id != ACCOMMODATION_TABLE:
            summed, _ = _summed(figure, census)
            differences.append(_difference(figure.indicator_id, numerator, summed))
        if figure.unit == "count":
            denominator, value = pd.Series(float("nan"), index=numerator.index), numerator
        else:
            denominator = denominator.clip(lower=numerator)
            value = 100 * numerator / denominator.where(denominator > 0)
        frames.append(pd.DataFrame({
            "indicator_id": figure.indicator_id, "geography_code": datazones, "period": PERIOD,
            "numerator": numerator.round().astype("Int64").to_numpy(),
            "denominator": denominator.round().astype("Int64").to_numpy(), "value": value.round(6).to_numpy(),
            "quality_flag": "", "release": release,
        }))
    return pd.concat(frames, ignore_index=True), differences


def _counts(figure: CensusFigure, census: CensusOnDatazones, datazones: list[str]) -> tuple[pd.Series, pd.Series, str]:
    """Numerator, denominator and release: from the official export where there is one."""
    if figure.official is None:
        numerator, denominator = _summed(figure, census)
        return numerator, denominator, f"NRS table {figure.table_id}"
    export = census.official[figure.official.variable]
    wide = export.wide.set_index("geography_code").loc[datazones]
    categories = [column for column in export.columns if column != "Total"]
    numerator = sum(column_by_label(wide, label, export.path, export.columns) for label in figure.official.counted)
    denominator = wide["Total"] if "Total" in wide.columns else wide[categories].sum(axis=1)
    return numerator.astype(float), denominator.astype(float), "NRS table on the 2022 data zones"


def _summed(figure: CensusFigure, census: CensusOnDatazones) -> tuple[pd.Series, pd.Series]:
    """Numerator and denominator from the output-area table summed to data zones."""
    counts = census.summed[figure.table_id]
    numerator = sum(_labelled(counts, label, figure.table_id) for label in figure.counted)
    if figure.denominator:
        denominator = sum(_labelled(counts, label, figure.table_id) for label in figure.denominator)
    else:
        denominator = counts.iloc[:, 0]
    return numerator.astype(float), denominator.astype(float)


def _labelled(counts: pd.DataFrame, label: str, table_id: str) -> pd.Series:
    return column_by_label(counts, label, OUTPUT_AREA_FOLDER / f"{table_id}.parquet", where=f" in table {table_id}")


def _difference(indicator_id: str, official: pd.Series, summed: pd.Series) -> Difference:
    gap = (official.to_numpy() - summed.to_numpy())
    position = int(abs(gap).argmax())
    return Difference(indicator_id, int(round(abs(gap[position]))), str(official.index[position]), float(gap.mean()))


def catalogue_rows(census: CensusOnDatazones) -> list[dict]:
    """One indicators.csv row per figure, saying which table it comes from and how."""
    rows = []
    for figure in FIGURES:
        official = figure.official is not None
        unit = "Household" if official else census.units[figure.table_id]
        counts = "Households" if unit == "Household" else "Usual residents"
        table = f"NRS table {figure.table_id}, output areas summed to the 2022 data zones"
        if official:
            table = f"NRS's own table by {figure.official.variable.lower()} on the 2022 data zones"
            if figure.table_id != ACCOMMODATION_TABLE:
                table += f" (the sum of output areas of table {figure.table_id} differs from it by a few households)"
        denominator = "the economically active" if figure.denominator else "the table's total"
        rows.append({
            "indicator_id": figure.indicator_id, "title": figure.title, "theme": figure.theme,
            "definition": f"{figure.what}. From Scotland's Census 2022, {table}; period 2022 is census day."
                          f"{PROTECTED['2022']}{SUMS}",
            "numerator_label": figure.title.split(" (census")[0],
            "denominator_label": "" if figure.unit == "count" else f"{counts} ({denominator})",
            "unit": figure.unit, "polarity": figure.polarity,
            "source": SOURCE_OFFICIAL if official else SOURCE_SUMMED, **CENSUS_FIELDS, "simd_input": "false",
            "period_source": CENSUS_DAY["2022"],
        })
    return rows
