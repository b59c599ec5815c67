"""Similar areas: for any area, its statistical nearest neighbours among areas of the same level.

Every area of the level is described by the variables pmf_kit.stats.similarity_aspects names,
each worked out here from the area's data zones weighted by their residents: the mean national
rank on each SIMD domain (`<domain>_rank`, 1 = most deprived); the percentage of residents in
zones of national SIMD quintile 1 and of decile 1 (`most_deprived_quintile_share`,
`most_deprived_decile_share`); where the data set has an urban/rural classification, the
percentage in zones of a class whose name says rural, and says remote (`rural_share`,
`remote_share`: Accessible Rural and Remote Rural, Remote Small Towns and Remote Rural in the
Scottish Government 6-fold); and log10 of its residents. Neighbours are the areas nearest on these
variables once each is standardised across every area of the level, weighted as
similarity_aspects states (pmf_kit.stats.nearest_neighbours, the CIPFA / Fingertips approach).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from pmf_kit.data.dataset import Dataset
from pmf_kit.data.geography import Area
from pmf_kit.stats.nearest_neighbours import nearest_neighbours, standardised
from pmf_kit.stats.similarity_aspects import (
    CONCENTRATION,
    DEPRIVATION_LEVEL,
    POPULATION,
    REMOTENESS,
    RURALITY,
    SIMD_DOMAINS,
    Aspect,
    aspects_in_words,
    aspects_measured,
    variable_weights,
)

URBAN_RURAL_PREFIX = "urban_rural"
DEFAULT_NEIGHBOURS = 5
MOST_DEPRIVED = 1
CLASS_WORDS = {RURALITY.variables[0]: "rural", REMOTENESS.variables[0]: "remote"}
"""Each rurality variable and the word a class's name holds when its zones count towards it."""


def _urban_rural_level(dataset: Dataset) -> str | None:
    """The data set's urban/rural classification level (e.g. urban_rural_6fold), if it has one."""
    return next((level for level in dataset.geography.level_ids if level.startswith(URBAN_RURAL_PREFIX)), None)


def rurality_classes(dataset: Dataset) -> dict[str, set[str]]:
    """For `rural_share` and `remote_share`, the codes of the urban/rural classes whose name says
    rural (remote); a variable no class name speaks for is left out. Empty without a classification."""
    level = _urban_rural_level(dataset)
    if level is None:
        return {}
    classes = dataset.geography.membership(level).drop_duplicates("code")
    found = {column: {code for code, name in zip(classes["code"], classes["name"])
                      if re.search(rf"\b{word}\b", str(name), re.IGNORECASE)}
             for column, word in CLASS_WORDS.items()}
    return {column: codes for column, codes in found.items() if codes}


def matched_on(dataset: Dataset) -> tuple[Aspect, ...]:
    """The aspects this data set's similar areas are matched on (deprivation only where it has SIMD,
    rurality and remoteness only where its urban/rural classes say so)."""
    deprivation = [*DEPRIVATION_LEVEL.variables, *CONCENTRATION.variables] if dataset.has_simd else []
    columns = [*deprivation, *rurality_classes(dataset), *POPULATION.variables]
    return aspects_measured(columns)


def method_text(dataset: Dataset, n: int) -> str:
    """How the similar areas were found, in a sentence naming what this data set matched them on
    and the weight of each."""
    return (f"Similar areas: the {n} areas of the same level nearest to this one on "
            f"{aspects_in_words(matched_on(dataset))} (statistical nearest neighbours; see Statistical methods).")


def similarity_variables(dataset: Dataset, level: str, simd_edition: str | None = None) -> pd.DataFrame:
    """One row per area of `level` (index: code): `name`, then the variables of this module's
    docstring, shares in percent."""
    edition = simd_edition or dataset.simd_edition
    members = dataset.geography.membership(level)
    people = dataset.geography.lookup.set_index("datazone_code")["population"]
    simd = dataset.simd[dataset.simd["simd_edition"] == edition].set_index("datazone_code")
    zones = members.assign(population=members["datazone_code"].map(people))

    def of_zones(by_zone: pd.Series) -> pd.Series:
        return zones["datazone_code"].map(by_zone)

    columns = {}
    if dataset.has_simd:
        columns = {f"{domain}_rank": _weighted_mean(zones, of_zones(simd[f"{domain}_rank"])) for domain in SIMD_DOMAINS}
        for column, by_zone in zip(CONCENTRATION.variables, (simd["simd_quintile"], simd["simd_decile"])):
            columns[column] = 100 * _weighted_mean(zones, _in(of_zones(by_zone), {MOST_DEPRIVED}))
    classes = rurality_classes(dataset)
    if classes:
        class_of = of_zones(dataset.geography.membership(_urban_rural_level(dataset)).set_index("datazone_code")["code"])
        for column, codes in classes.items():
            columns[column] = 100 * _weighted_mean(zones, _in(class_of, codes))
    residents = zones.groupby("code")["population"].sum()
    columns[POPULATION.variables[0]] = np.log10(residents.where(residents > 0))
    names = zones.drop_duplicates("code").set_index("code")["name"]
    return pd.DataFrame({"name": names, **columns})


def _in(by_zone: pd.Series, wanted: set) -> pd.Series:
    """1 where a data zone's class is one of `wanted`, 0 where it is another, missing where unknown."""
    return by_zone.isin(wanted).astype(float).where(by_zone.notna())


def _weighted_mean(zones: pd.DataFrame, measure: pd.Series) -> pd.Series:
    """Per area, the mean of a data zone measure weighted by residents, over zones that have it."""
    known = measure.notna() & (zones["population"] > 0)
    weighted = (measure * zones["population"]).where(known)
    weights = zones["population"].where(known)
    totals = pd.DataFrame({"code": zones["code"], "weighted": weighted, "weights": weights}).groupby("code").sum(min_count=1)
    return totals["weighted"] / totals["weights"]


def similar_areas(
    dataset: Dataset, area: str | Area, n: int = DEFAULT_NEIGHBOURS, level: str | None = None,
    simd_edition: str | None = None,
) -> pd.DataFrame:
    """The `n` areas of the same level most like `area`: `rank, code, name, distance` and the
    variables they were matched on (see this module's docstring and `method_text`).

    `area` is a code, a forgivingly matched name (`level` narrows the search) or an Area. Each
    variable's weight is its aspect's, shared among the aspect's variables that tell the areas
    of this level apart (a variable the same for every area is left out).
    """
    found = area if isinstance(area, Area) else dataset.find_area(area, level)
    variables = similarity_variables(dataset, found.level, simd_edition)
    measured = variables.drop(columns="name")
    weights = variable_weights(standardised(measured).columns)
    nearest = nearest_neighbours(measured, found.code, n, weights)
    matched = variables.loc[nearest["code"]].reset_index(drop=True)
    return pd.concat([nearest[["rank", "code"]], matched[["name"]], nearest[["distance"]],
                      matched.drop(columns="name")], axis=1)
