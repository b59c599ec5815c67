"""Similar areas: for any area, its statistical nearest neighbours among areas of the same level.

Every area of the level is described by the SIMD domain ranks of its data zones (income,
employment, health, education, access, crime, housing: each the population-weighted mean of
its data zones' national ranks, 1 = most deprived), by how rural it is where the data set has
an urban/rural classification (the population-weighted mean class, classes numbered in code
order, so 1 = large urban areas ... 6 = remote rural in the Scottish Government 6-fold), and by
its size (log10 of residents, so that 20,000 against 40,000 residents counts like 40,000
against 80,000). Neighbours are the areas nearest on these variables once each is standardised
across every area of the level (pmf_kit.stats.nearest_neighbours, the CIPFA / Fingertips
nearest-neighbour approach).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmf_kit.data.dataset import Dataset
from pmf_kit.data.geography import Area
from pmf_kit.stats.nearest_neighbours import nearest_neighbours

SIMD_DOMAINS = ("income", "employment", "health", "education", "access", "crime", "housing")
URBAN_RURAL_PREFIX = "urban_rural"
DEFAULT_NEIGHBOURS = 5
def _urban_rural_level(dataset: Dataset) -> str | None:
    """The data set's urban/rural classification level (e.g. urban_rural_6fold), if it has one."""
    return next((level for level in dataset.geography.level_ids if level.startswith(URBAN_RURAL_PREFIX)), None)


def method_text(dataset: Dataset, n: int) -> str:
    """How the similar areas were found, in a sentence naming what this data set matched them on."""
    rurality = _urban_rural_level(dataset)
    label = dataset.level_label(rurality) if rurality else ""
    on = ["SIMD domain ranks", *([label[:1].lower() + label[1:]] if rurality else []), "population"]
    return (f"Similar areas: the {n} areas of the same level nearest to this one on {', '.join(on[:-1])} "
            f"and {on[-1]} (statistical nearest neighbours; see Statistical methods).")


def similarity_variables(dataset: Dataset, level: str, simd_edition: str | None = None) -> pd.DataFrame:
    """One row per area of `level` (index: code): `name`, each `<domain>_rank`, `urban_rural`
    where the data set has a classification, and `log10_population`."""
    edition = simd_edition or dataset.simd_edition
    members = dataset.geography.membership(level)
    people = dataset.geography.lookup.set_index("datazone_code")["population"]
    simd = dataset.simd[dataset.simd["simd_edition"] == edition].set_index("datazone_code")
    zones = members.assign(population=members["datazone_code"].map(people))
    columns = {}
    for domain in SIMD_DOMAINS:
        columns[f"{domain}_rank"] = _weighted_mean(zones, zones["datazone_code"].map(simd[f"{domain}_rank"]))
    rurality = _urban_rural_level(dataset)
    if rurality:
        classes = dataset.geography.membership(rurality)
        order = {code: number for number, code in enumerate(sorted(classes["code"].unique()), start=1)}
        class_of = classes.set_index("datazone_code")["code"].map(order)
        columns["urban_rural"] = _weighted_mean(zones, zones["datazone_code"].map(class_of))
    residents = zones.groupby("code")["population"].sum()
    columns["log10_population"] = np.log10(residents.where(residents > 0))
    names = zones.drop_duplicates("code").set_index("code")["name"]
    return pd.DataFrame({"name": names, **columns})


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

    `area` is a code, a forgivingly matched name (`level` narrows the search) or an Area.
    """
    found = area if isinstance(area, Area) else dataset.find_area(area, level)
    variables = similarity_variables(dataset, found.level, simd_edition)
    nearest = nearest_neighbours(variables.drop(columns="name"), found.code, n)
    matched = variables.loc[nearest["code"]].reset_index(drop=True)
    return pd.concat([nearest[["rank", "code"]], matched[["name"]], nearest[["distance"]],
                      matched.drop(columns="name")], axis=1)
