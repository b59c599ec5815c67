"""Everything a data set publishes, each figure a set of data zones, and the one suppression
decision for all of it, kept per data set (and custom area set) so every report, table, chart and
export of the data set shows the same figures and hides the same ones.

What is published, for each indicator and period (and for each service line's users in spend.csv):

- the figure of every area of every level of the lookup, data zones included, built from data
  zones or as published in values.csv, and of every custom area in use;
- the figures of every area of at least `breakdown_min_datazones` data zones (30 by default) by national SIMD
  quintile (inequalities sections) in every SIMD edition of simd.csv, and for service users by
  SIMD decile (the spend section), also for the whole data set. Smaller areas are not broken
  down: their quintiles would be a handful of data zones, nearly repeating the data zones' own
  figures;
- published comparators (Scotland) stand alone: they are not sums of this data set's data zones.

pmf_kit.stats.disclosure decides what to hide (primary, then secondary suppression over all of
it at once). Custom areas come on top of a data set's decision: they may hide their own figures,
never change the data set's, so a locality shows the same figures in every report whichever
custom areas another report used. The decision is computed once per data set content and kept in
the user's cache folder (PMF_KIT_CACHE, else ~/.cache/pmf_kit), so a batch pays for it once.
"""

from __future__ import annotations

import fcntl
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import numpy as np
import pandas as pd
from scipy import sparse

from pmf_kit.data.atomic import replacing
from pmf_kit.data.geography import CUSTOM, DATAZONE, Area
from pmf_kit.data.indicators import compute_value
from pmf_kit.data.paths import user_cache
from pmf_kit.errors import ConfigError
from pmf_kit.stats.disclosure import (
    STATUS_WORDS,
    VISIBLE,
    Figures,
    blank_suppressed,
    protect,
    thresholds_from_catalogue,
)

if TYPE_CHECKING:
    from pmf_kit.data.dataset import Dataset

BREAKDOWN_MIN_DATAZONES = 30
"""Areas with at least this many data zones are published by SIMD quintile (and decile), unless
dataset.yaml sets `breakdown_min_datazones`."""

WHOLE_DATA_SET = "all"
"""Area code of the whole data set, broken down by SIMD decile in the spend section."""

SERVICE_USERS = "service_users: "
"""Prefix of the decision's indicator id for the service users of a spend.csv service line."""

SERVICE_USER_THRESHOLD = 5
"""Service users below this are suppressed (people, like any other count)."""

BREAKDOWN_UNITS = ("percent", "rate_per_1000", "rate_per_10000", "rate_per_100000", "mean")
"""Units whose figures are published by SIMD quintile (counts and scores are not)."""

DECIDED_BY = (Path(__file__), Path(__file__).parents[1] / "stats" / "disclosure.py")
"""The code that makes a decision: its text is part of the cache key, so a change to it (a new
pmf_kit) never reads a decision made the old way."""

DECISION_COLUMNS = ["indicator_id", "period", "geography_code", "suppressed"]


def quintile_code(area_code: str, edition: str, quintile: int) -> str:
    """The code of an area's data zones in one national SIMD quintile of an edition."""
    return f"{area_code}|{edition}|Q{int(quintile)}"


def decile_code(area_code: str, edition: str, decile: int) -> str:
    """The code of an area's data zones in one national SIMD decile of an edition."""
    return f"{area_code}|{edition}|D{int(decile)}"


def service_users_id(service_line: str) -> str:
    """The decision's indicator id for a service line's users."""
    return f"{SERVICE_USERS}{service_line}"


def cache_folder() -> Path:
    """Where decisions are kept (data.paths.user_cache)."""
    return user_cache("disclosure")


@dataclass
class PublishedSets:
    """The sets of data zones the data set publishes figures for: `codes` (area codes, and
    quintile/decile codes), `kinds` ("area", "quintile", "decile"), `custom` (a custom area or
    its breakdown) and `incidence` (sets x data zones)."""

    codes: np.ndarray
    kinds: np.ndarray
    custom: np.ndarray
    incidence: sparse.csr_matrix
    datazones: pd.Index

    def position(self) -> pd.Series:
        """Row of each code."""
        return pd.Series(np.arange(len(self.codes)), index=self.codes)


def published_sets(dataset: Dataset, custom: bool = False) -> PublishedSets:
    """The data set's published sets of data zones (custom=False): every area of every lookup
    level, the quintile and decile breakdowns of the areas large enough to be broken down and the
    whole data set's deciles; or those of its custom areas (custom=True)."""
    datazones = pd.Index(dataset.geography.lookup["datazone_code"])
    levels = [CUSTOM] if custom else [level for level in dataset.geography.level_ids if level != CUSTOM]
    memberships = []
    for level in levels:
        members = dataset.geography.membership(level)[["datazone_code", "code"]]
        memberships.append(members.assign(kind="area"))
        large = members[members.groupby("code")["datazone_code"].transform("size") >= dataset.breakdown_min_datazones]
        if level != DATAZONE and len(large):
            memberships += _breakdowns(large, dataset.simd)
    if not custom:
        whole = pd.DataFrame({"datazone_code": datazones, "code": WHOLE_DATA_SET})
        memberships += _breakdowns(whole, dataset.simd, kinds=("decile",))
    members = pd.concat(memberships, ignore_index=True)
    codes = pd.Index(members["code"].unique())
    rows = codes.get_indexer(members["code"])
    columns = datazones.get_indexer(members["datazone_code"])
    incidence = sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(codes), len(datazones)))
    incidence.data[:] = 1.0
    kinds = members.drop_duplicates("code").set_index("code").loc[codes, "kind"].to_numpy()
    return PublishedSets(np.asarray(codes, dtype=object), kinds, np.full(len(codes), custom), incidence, datazones)


def _breakdowns(members: pd.DataFrame, simd: pd.DataFrame,
                kinds: Iterable[str] = ("quintile", "decile")) -> list[pd.DataFrame]:
    """Membership of each area's data zones in each SIMD quintile and decile of every edition."""
    found = []
    for edition, classes in simd.groupby("simd_edition"):
        classes = classes.set_index("datazone_code")[["simd_quintile", "simd_decile"]]
        joined = members.join(classes, on="datazone_code").dropna(subset=["simd_quintile"])
        for kind in kinds:
            column, make = ("simd_quintile", quintile_code) if kind == "quintile" else ("simd_decile", decile_code)
            codes = [make(area, str(edition), number) for area, number in zip(joined["code"], joined[column])]
            found.append(pd.DataFrame({"datazone_code": joined["datazone_code"].to_numpy(), "code": codes,
                                       "kind": kind}))
    return found


def breaks_down(dataset: Dataset, indicator_id: str) -> bool:
    """Whether an indicator's figures are published by SIMD quintile: a ratio built from data
    zones, and not itself defined by SIMD."""
    row = dataset.catalogue.loc[indicator_id]
    return (row["unit"] in BREAKDOWN_UNITS and row["aggregation"] in ("sum_ratio", "population_weighted")
            and not row["derived_from_simd"])


def quintile_figures(dataset: Dataset, area: Area, edition: str, wanted: pd.DataFrame) -> pd.DataFrame:
    """An area's figures by national SIMD quintile as published, for the (indicator_id, period)
    pairs in `wanted`: numerator and denominator summed over the area's data zones that report
    both, in each quintile with any (a zone its source suppressed adds 0 to the numerator and its
    bound to `numerator_high`, as in data.aggregation), value by the unit rule, `geography_code` the quintile's code
    (quintile_code). Empty where the area is too small to be broken down
    (Dataset.breakdown_min_datazones) or an indicator is not
    (breaks_down). Columns: indicator_id, period, quantile, numerator, denominator, value,
    geography_code."""
    columns = ["indicator_id", "period", "quantile", "numerator", "numerator_high", "denominator", "value",
               "geography_code"]
    zones = dataset.geography.datazones_in(area)
    wanted = wanted[[breaks_down(dataset, indicator) for indicator in wanted["indicator_id"]]] if len(wanted) else wanted
    if len(zones) < dataset.breakdown_min_datazones or wanted.empty:
        return pd.DataFrame(columns=columns)
    values = dataset.values[dataset.values["geography_code"].isin(zones)].merge(wanted, on=["indicator_id", "period"])
    bounded = values["numerator"].isna() & values["numerator_max"].notna()
    values = values.assign(numerator=values["numerator"].mask(bounded, 0.0),
                           numerator_high=values["numerator"].fillna(values["numerator_max"]))
    values = values.dropna(subset=["numerator", "denominator"])
    simd = dataset.simd[dataset.simd["simd_edition"] == edition].set_index("datazone_code")["simd_quintile"]
    values = values.assign(quantile=values["geography_code"].map(simd)).dropna(subset=["quantile"])
    sums = values.groupby(["indicator_id", "period", "quantile"], as_index=False)[
        ["numerator", "numerator_high", "denominator"]].sum()
    sums["quantile"] = sums["quantile"].astype(int)
    sums["value"] = compute_value(sums["numerator"], sums["denominator"],
                                  sums["indicator_id"].map(dataset.catalogue["unit"]))
    sums["geography_code"] = [quintile_code(area.code, edition, quantile) for quantile in sums["quantile"]]
    return sums[columns]


class Disclosure:
    """The suppression decision of a data set (and its custom areas): which figure of which
    indicator, period and area is hidden, and why. `apply` blanks a table by it."""

    def __init__(self, decision: pd.DataFrame) -> None:
        self.decision = decision
        self._status = decision.set_index(["indicator_id", "period", "geography_code"])["suppressed"]

    def status(self, indicator_ids: Iterable[str], periods: Iterable[str], codes: Iterable[str]) -> pd.Series:
        """"primary", "secondary" or "" for each (indicator, period, code)."""
        keys = pd.MultiIndex.from_arrays([list(indicator_ids), list(periods), list(codes)])
        return pd.Series(self._status.reindex(keys).fillna("").to_numpy(), dtype=object)

    def apply(self, values: pd.DataFrame, code_column: str = "geography_code",
              indicator_column: str = "indicator_id") -> pd.DataFrame:
        """`values` with `suppressed` and, where hidden, numerator, value and limits blanked."""
        status = self.status(values[indicator_column], values["period"], values[code_column])
        status.index = values.index
        return blank_suppressed(values, status)

    def hidden_count(self) -> int:
        """How many figures the decision hides."""
        return len(self.decision)


def decide(dataset: Dataset) -> Disclosure:
    """The data set's decision, with its custom areas' on top: from the cache, else computed."""
    standard, directions = _cached(_fingerprint(dataset, False), lambda: _decision(dataset))
    if CUSTOM not in dataset.geography.level_ids:
        return Disclosure(standard)
    custom, _ = _cached(_fingerprint(dataset, True), lambda: _decision(dataset, standard, directions))
    return Disclosure(pd.concat([standard, custom], ignore_index=True))


def _fingerprint(dataset: Dataset, with_custom: bool) -> str:
    """A hash of everything the decision depends on (codes and numbers, not names)."""
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in DECIDED_BY))
    digest.update(str(dataset.breakdown_min_datazones).encode())
    lookup = dataset.geography.lookup
    parts = [
        lookup[[column for column in lookup.columns if column == "datazone_code" or column.endswith("_code")]],
        dataset.values[["indicator_id", "geography_code", "period", "numerator", "denominator", "value"]],
        dataset.catalogue[["indicator_id", "unit", "aggregation", "suppression_threshold", "disclosure",
                           "derived_from_simd"]],
        dataset.simd[["datazone_code", "simd_edition", "simd_quintile", "simd_decile"]],
        dataset.comparators[["geography_code"]],
    ]
    if (dataset.path / "spend.csv").is_file():
        parts.append(dataset.spend[["datazone_code", "period", "service_line", "service_users"]])
    if with_custom:
        parts.append(dataset.geography.membership(CUSTOM).sort_values(["code", "datazone_code"]))
    for part in parts:
        digest.update(str(list(part.columns)).encode())
        digest.update(pd.util.hash_pandas_object(part.astype(str), index=False).to_numpy().tobytes())
    return digest.hexdigest()[:32]


Directions = dict[tuple[str, str], sparse.csc_matrix]
"""The protecting directions of a decision, per (indicator id, period): data zones x directions."""


def _cached(key: str, compute) -> tuple[pd.DataFrame, Directions]:
    """The decision (and its directions) kept under `key`, computed once: under a lock, so two
    reports of a batch starting together compute it once between them."""
    folder = cache_folder()
    folder.mkdir(parents=True, exist_ok=True)
    table, kept = folder / f"{key}.csv", folder / f"{key}.npz"
    if not (table.is_file() and kept.is_file()):
        with open(folder / f"{key}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (table.is_file() and kept.is_file()):
                decision, directions = compute()
                with replacing(kept) as temporary:
                    np.savez_compressed(temporary, **_as_arrays(directions))
                with replacing(table) as temporary:
                    decision.to_csv(temporary, index=False)
    with np.load(kept, allow_pickle=False) as arrays:
        directions = _from_arrays(arrays)
    return pd.read_csv(table, dtype=str, keep_default_na=False), directions


def _as_arrays(directions: Directions) -> dict[str, np.ndarray]:
    families, atoms, columns, values, shapes = [], [], [], [], []
    for number, ((indicator, period), matrix) in enumerate(directions.items()):
        coo = matrix.tocoo()
        families.append(f"{indicator}\t{period}")
        shapes.append(matrix.shape)
        atoms.append(coo.row), columns.append(coo.col), values.append(coo.data)
    joined = (lambda parts, kind: np.concatenate(parts) if parts else np.zeros(0, dtype=kind))
    return {"families": np.array(families, dtype=str), "shapes": np.array(shapes, dtype=np.int64).reshape(-1, 2),
            "lengths": np.array([len(part) for part in atoms], dtype=np.int64),
            "atoms": joined(atoms, np.int64), "columns": joined(columns, np.int64), "values": joined(values, float)}


def _from_arrays(arrays) -> Directions:
    directions, start = {}, 0
    for family, shape, length in zip(arrays["families"], arrays["shapes"], arrays["lengths"]):
        end = start + int(length)
        indicator, period = str(family).split("\t")
        directions[(indicator, period)] = sparse.csc_matrix(
            (arrays["values"][start:end], (arrays["atoms"][start:end], arrays["columns"][start:end])), shape=tuple(shape))
        start = end
    return directions


def _decision(dataset: Dataset, standard: pd.DataFrame | None = None,
              known: Directions | None = None) -> tuple[pd.DataFrame, Directions]:
    """Hidden figures and the directions protecting them: the data set's own (standard is None),
    or its custom areas' on top of the data set's decision `standard` and its directions `known`."""
    with_custom = standard is not None
    sets = published_sets(dataset)
    if with_custom:
        extra = published_sets(dataset, custom=True)
        sets = PublishedSets(np.concatenate([sets.codes, extra.codes]), np.concatenate([sets.kinds, extra.kinds]),
                             np.concatenate([sets.custom, extra.custom]),
                             sparse.vstack([sets.incidence, extra.incidence]).tocsr(), sets.datazones)
    blocks = _blocks(dataset, sets.datazones)
    earlier = None if standard is None else standard.set_index(["indicator_id", "period", "geography_code"])
    found, directions = [], {}
    for family in _families(dataset, sets):
        hidden = None
        if earlier is not None:
            keys = pd.MultiIndex.from_arrays([[family.indicator_id] * len(family.codes),
                                              [family.period] * len(family.codes), family.codes])
            hidden = keys.isin(earlier.index)
        figures = Figures(family.incidence, family.counts, family.counts < family.threshold,
                          ~family.fixed if with_custom else np.ones(len(family.codes), dtype=bool),
                          family.atom_counts, family.capacity, blocks)
        status = protect(figures, hidden, (known or {}).get((family.indicator_id, family.period)))
        directions[(family.indicator_id, family.period)] = figures.directions
        if with_custom and figures.unprotected.any():
            code = family.codes[np.flatnonzero(figures.unprotected)[0]]
            raise ConfigError("custom areas", f"custom area {code}: its {family.indicator_id} count for "
                                              f"{family.period} is too small to publish and could be worked out "
                                              "from the figures of other areas; make it larger or match "
                                              "published areas")
        keep = status != VISIBLE
        if with_custom:
            keep &= family.custom
        found.append(pd.DataFrame({
            "indicator_id": family.indicator_id, "period": family.period, "geography_code": family.codes[keep],
            "suppressed": [STATUS_WORDS[int(code)] for code in status[keep]],
        }))
    if not found:
        return pd.DataFrame(columns=DECISION_COLUMNS), directions
    return pd.concat(found, ignore_index=True)[DECISION_COLUMNS], directions


def _blocks(dataset: Dataset, datazones: pd.Index) -> np.ndarray:
    """Each data zone's council (most published sets lie within one), to keep the algebra small."""
    if "council" not in dataset.geography.level_ids:
        return np.zeros(len(datazones), dtype=np.int64)
    council = dataset.geography.lookup.set_index("datazone_code")["council_code"].reindex(datazones)
    return pd.factorize(council.fillna(""))[0].astype(np.int64)


@dataclass
class _Family:
    """The published figures of one indicator (or service line's users) and period."""

    indicator_id: str
    period: str
    threshold: int
    codes: np.ndarray
    incidence: sparse.csr_matrix
    counts: np.ndarray
    atom_counts: np.ndarray
    capacity: np.ndarray
    custom: np.ndarray

    @property
    def fixed(self) -> np.ndarray:
        """Figures a custom area set may not hide: the data set's own."""
        return ~self.custom


def _families(dataset: Dataset, sets: PublishedSets):
    """Every indicator's and service line's published figures, period by period."""
    yield from _indicator_families(dataset, sets)
    if (dataset.path / "spend.csv").is_file():
        yield from _service_user_families(dataset, sets)


def _indicator_families(dataset: Dataset, sets: PublishedSets):
    catalogue = dataset.catalogue
    thresholds = thresholds_from_catalogue(catalogue)
    values = dataset.values
    datazone_rows = values[values["geography_code"].isin(sets.datazones)]
    published = values[values["geography_code"].isin(set(sets.codes)) & ~values["geography_code"].isin(sets.datazones)]
    position = sets.position()
    area_rows = np.flatnonzero(sets.kinds == "area")
    quintile_rows = np.flatnonzero(sets.kinds == "quintile")
    comparators = values[values["geography_code"].isin(set(dataset.comparators["geography_code"]))]
    by_family = {key: rows for key, rows in datazone_rows.groupby(["indicator_id", "period"], sort=False)}
    published_by_family = {key: rows for key, rows in published.groupby(["indicator_id", "period"], sort=False)}
    comparators_by_family = {key: rows for key, rows in comparators.groupby(["indicator_id", "period"], sort=False)}
    nothing = values.iloc[:0]
    for indicator_id, period in values[["indicator_id", "period"]].drop_duplicates().itertuples(index=False):
        threshold = thresholds.get(indicator_id, 5)
        if threshold <= 0:
            continue
        unit = catalogue.loc[indicator_id, "unit"]
        rule = catalogue.loc[indicator_id, "aggregation"]
        zones = by_family.get((indicator_id, period), nothing)
        atom_counts = np.full(len(sets.datazones), np.nan)
        capacity = np.full(len(sets.datazones), np.inf)
        reporting = np.zeros(len(sets.datazones), dtype=bool)
        if rule != "not_additive" and len(zones):
            columns = sets.datazones.get_indexer(zones["geography_code"])
            numerator, denominator = zones["numerator"].to_numpy(), zones["denominator"].to_numpy()
            counted = ~np.isnan(numerator) & (~np.isnan(denominator) | (unit == "count"))
            reporting[columns[counted]] = True
            atom_counts[columns] = numerator
            if unit == "percent":
                capacity[columns[counted]] = denominator[counted]
        rows, counts = [], []
        if reporting.any():
            built = sets.incidence.multiply(reporting[None, :]).tocsr()
            built.eliminate_zeros()
            candidate = np.concatenate([area_rows, quintile_rows]) if (
                unit in BREAKDOWN_UNITS and rule in ("sum_ratio", "population_weighted")
                and not catalogue.loc[indicator_id, "derived_from_simd"]) else area_rows
            members = np.asarray(built[candidate].getnnz(axis=1)).ravel()
            complete = members == np.asarray(sets.incidence[candidate].getnnz(axis=1)).ravel()
            keep = candidate[(members > 0) & (complete | (unit != "count"))]
            rows.append(built[keep])
            counts.append(built[keep] @ np.nan_to_num(atom_counts))
            codes = [sets.codes[keep]]
        else:
            codes = []
        extra = published_by_family.get((indicator_id, period), nothing)
        extra = extra[extra["numerator"].notna() & ~extra["geography_code"].isin(set(codes[0]) if codes else set())]
        if len(extra):
            rows.append(sets.incidence[position[extra["geography_code"]].to_numpy()])
            counts.append(extra["numerator"].to_numpy())
            codes.append(extra["geography_code"].to_numpy())
        alone = comparators_by_family.get((indicator_id, period), nothing)
        alone = alone[alone["numerator"].notna()]
        if len(alone):
            rows.append(sparse.csr_matrix((len(alone), len(sets.datazones))))
            counts.append(alone["numerator"].to_numpy())
            codes.append(alone["geography_code"].to_numpy())
        if not codes:
            continue
        all_codes = np.concatenate(codes).astype(object)
        all_counts = np.concatenate(counts).astype(float)
        if not (all_counts < threshold).any():
            continue
        custom = np.isin(all_codes, sets.codes[sets.custom])
        yield _Family(indicator_id, period, threshold, all_codes, sparse.vstack(rows).tocsr(), all_counts,
                      atom_counts, capacity, custom)


def _service_user_families(dataset: Dataset, sets: PublishedSets):
    spend = dataset.spend[dataset.spend["service_users"].notna()]
    candidate = np.flatnonzero(sets.kinds != "quintile")
    for (line, period), rows in spend.groupby(["service_line", "period"], sort=False):
        atom_counts = np.zeros(len(sets.datazones))
        columns = sets.datazones.get_indexer(rows["datazone_code"])
        atom_counts[columns] = rows["service_users"].to_numpy()
        present = np.zeros(len(sets.datazones), dtype=bool)
        present[columns] = True
        built = sets.incidence[candidate].multiply(present[None, :]).tocsr()
        built.eliminate_zeros()
        keep = np.asarray(built.getnnz(axis=1)).ravel() > 0
        counts = built[keep] @ atom_counts
        if not (counts < SERVICE_USER_THRESHOLD).any():
            continue
        codes = sets.codes[candidate[keep]]
        yield _Family(service_users_id(str(line)), str(period), SERVICE_USER_THRESHOLD, codes, built[keep], counts,
                      np.where(present, atom_counts, np.nan), np.full(len(sets.datazones), np.inf),
                      np.isin(codes, sets.codes[sets.custom]))

