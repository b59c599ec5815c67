"""A differencing attack on everything a data set publishes, written as an outsider would.

It reads only what pmf_kit publishes: the advanced table of every indicator at every level and
period (with custom areas), every profile's inequalities section (each area large enough, each
SIMD edition, each period) and every spend table (per area and level, by SIMD decile). From the
public lookup and SIMD files it knows which data zones each published figure adds up, and from
the data zone table which data zones have a figure at all. Every shown figure is a count (a
shown rate times its shown denominator is one). Then, for each indicator and period, it solves
for the data zones' counts: shown figures as equations, counts never negative, a percentage's
count never above its denominator. A hidden figure is recovered when it has one possible value:
found by linear programming (its least and most possible value agree), after feasible points
drawn with random objectives have ruled out the figures that can vary.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linprog

import pmf_kit as pk
from pmf_kit.data.geography import CUSTOM, Area
from pmf_kit.data.spend import ALL_SERVICES, has_spend, spend_by_simd_decile, spend_per_head
from pmf_kit.profiles.inequalities import quintile_values

FAMILY = ["indicator_id", "period"]


@dataclass
class Recovered:
    """What the attack found: hidden figures recovered, with the value it worked out."""

    hidden: int
    figures: int
    recovered: pd.DataFrame


def published(dataset) -> pd.DataFrame:
    """Every figure the data set publishes, as an outsider reads it: indicator_id (or
    `service_users: LINE`), period, code, members (a frozenset of data zones), count (NaN when
    hidden), hidden, capacity_known (percent: counts bounded by their denominators)."""
    lookup_zones = dataset.geography.lookup["datazone_code"]
    rows = []
    indicators = list(dataset.catalogue.index)
    for level in dataset.level_ids:
        table = pk.table(dataset, indicators, level, period="all")
        for row in table.itertuples(index=False):
            if pd.isna(row.numerator) and not row.suppressed:
                continue
            rows.append((row.indicator_id, row.period, row.area_code, level, row.numerator, bool(row.suppressed)))
    rows += _quintiles(dataset)
    if has_spend(dataset):
        rows += _service_users(dataset)
    frame = pd.DataFrame(rows, columns=[*FAMILY, "code", "kind", "count", "hidden"])
    frame = frame.drop_duplicates([*FAMILY, "code"])
    frame["members"] = _members(dataset, frame, lookup_zones)
    return frame


def _quintiles(dataset) -> list[tuple]:
    found = []
    periods = sorted(dataset.values["period"].unique(), key=lambda label: pk.data.periods.parse_period(label))
    for level in dataset.level_ids:
        if level not in dataset.geography.level_ids:
            continue
        for area in dataset.areas(level).itertuples():
            if area.datazones < dataset.breakdown_min_datazones:
                continue
            for edition in dataset.simd["simd_edition"].unique():
                for period in periods:
                    profile = pk.LocalityProfile(dataset, area.code, level, comparator_levels=[], period=period,
                                                 simd_edition=edition)
                    for row in quintile_values(profile).itertuples(index=False):
                        code = f"{area.code}|{edition}|Q{int(row.quantile)}"
                        found.append((row.indicator_id, row.period, code, "quintile", row.numerator,
                                      bool(row.suppressed)))
    return found


def _service_users(dataset) -> list[tuple]:
    found = []
    for level in dataset.geography.level_ids:
        table = spend_per_head(dataset, level, period="all")
        table = table[(table["service_line"] != ALL_SERVICES) & (table["service_users"].notna()
                                                                 | (table["suppressed"] != ""))]
        found += [(f"service_users: {row.service_line}", row.period, row.area_code, level, row.service_users,
                   bool(row.suppressed)) for row in table.itertuples(index=False)]
    areas = [Area("all", "all", dataset.name)]
    for level in dataset.geography.level_ids:
        areas += [Area(level, row.code, row.name) for row in dataset.areas(level).itertuples()
                  if row.datazones >= dataset.breakdown_min_datazones]
    lines = dataset.spend.loc[dataset.spend["service_users"].notna(), "service_line"].unique()
    for period in dataset.spend["period"].unique():
        for edition in dataset.simd["simd_edition"].unique():
            for area in areas:
                for line in lines:
                    deciles = spend_by_simd_decile(dataset, area, period=period, service_lines=[line],
                                                   simd_edition=edition)
                    # Spend shown beside a known unit cost gives the users away: count it as shown.
                    for row in deciles.itertuples(index=False):
                        if row.datazones:
                            found.append((f"service_users: {line}", period, f"{area.code}|{edition}|D{row.simd_decile}",
                                          "decile", _users_in(dataset, area, edition, row.simd_decile, line, period)
                                          if not row.suppressed else np.nan, bool(row.suppressed)))
    return found


def _users_in(dataset, area: Area, edition: str, decile: int, line: str, period: str) -> float:
    """What a shown decile's spend reveals: its service users (spend over a known unit cost)."""
    zones = _zones(dataset, area, edition, decile)
    spend = dataset.spend
    rows = spend[(spend["service_line"] == line) & (spend["period"] == period) & spend["datazone_code"].isin(zones)]
    return float(rows["service_users"].sum())


def _zones(dataset, area: Area, edition: str, decile: int) -> set[str]:
    zones = set(dataset.geography.lookup["datazone_code"]) if area.level == "all" else \
        set(dataset.geography.datazones_in(area))
    simd = dataset.simd[dataset.simd["simd_edition"] == edition].set_index("datazone_code")["simd_decile"]
    return {zone for zone in zones if simd.get(zone) == decile}


def _members(dataset, frame: pd.DataFrame, lookup_zones: pd.Series) -> list[frozenset]:
    """The data zones each figure adds up: the area's (or its quintile's or decile's), less the
    data zones that have no figure of that indicator and period at all."""
    areas = {}
    for level in dataset.level_ids:
        if level in dataset.geography.level_ids:
            membership = dataset.geography.membership(level)
            areas.update({code: frozenset(group["datazone_code"]) for code, group in membership.groupby("code")})
    areas["all"] = frozenset(lookup_zones)
    simd = {edition: rows.set_index("datazone_code")
            for edition, rows in dataset.simd.groupby("simd_edition")}
    with_figures = frame[frame["kind"] == "datazone"].groupby(FAMILY)["code"].agg(frozenset).to_dict()
    members = []
    for row in frame.itertuples(index=False):
        if "|" in row.code:
            area, edition, part = row.code.split("|")
            column = "simd_quintile" if part[0] == "Q" else "simd_decile"
            zones = frozenset(zone for zone in areas[area] if simd[edition][column].get(zone) == int(part[1:]))
        else:
            zones = areas.get(row.code, frozenset())
        reporting = with_figures.get((row.indicator_id, row.period))
        members.append(zones & reporting if reporting is not None and row.kind != "datazone" and zones & reporting
                       else zones)
    return members


def attack(dataset, figures: pd.DataFrame | None = None) -> Recovered:
    """Solve for every hidden figure of the data set from all it publishes (see module docstring)."""
    figures = published(dataset) if figures is None else figures
    denominators = _datazone_denominators(dataset)
    found = []
    for (indicator, period), family in figures.groupby(FAMILY, sort=False):
        if not family["hidden"].any():
            continue
        percent = not indicator.startswith("service_users") and dataset.catalogue.loc[indicator, "unit"] == "percent"
        capacity = denominators.get((indicator, period)) if percent else None
        for code, value in _pinned(family, capacity):
            found.append((indicator, period, code, value))
    return Recovered(int(figures["hidden"].sum()), len(figures),
                     pd.DataFrame(found, columns=[*FAMILY, "code", "worked_out"]))


def _datazone_denominators(dataset) -> dict:
    values = dataset.values[dataset.values["geography_code"].isin(dataset.geography.lookup["datazone_code"])]
    return {key: rows.set_index("geography_code")["denominator"] for key, rows in values.groupby(FAMILY)}


def _pinned(family: pd.DataFrame, capacity: pd.Series | None) -> list[tuple[str, float]]:
    linked = family[family["members"].map(len) > 0]
    zones = sorted(set().union(*linked["members"])) if len(linked) else []
    if not zones:
        return []
    column = {zone: position for position, zone in enumerate(zones)}
    rows = np.repeat(np.arange(len(linked)), linked["members"].map(len))
    columns = [column[zone] for members in linked["members"] for zone in members]
    matrix = sparse.csr_matrix((np.ones(len(columns)), (rows, columns)), shape=(len(linked), len(zones)))
    shown = ~linked["hidden"].to_numpy()
    equations, totals = matrix[shown], linked["count"].to_numpy()[shown]
    upper = [None] * len(zones) if capacity is None else [capacity.get(zone) for zone in zones]
    bounds = [(0, None if high is None or pd.isna(high) else high) for high in upper]
    hidden_rows = matrix[~shown].tocsr()
    generator = np.random.default_rng(1)
    seen = []
    for draw in range(4):
        weights = generator.normal(size=hidden_rows.shape[0]) + (2 if draw % 2 else -2)
        result = linprog(hidden_rows.T @ weights, A_eq=equations, b_eq=totals, bounds=bounds, method="highs")
        if result.status == 0:
            seen.append(hidden_rows @ result.x)
    if not seen:
        return []
    seen = np.array(seen)
    steady = np.flatnonzero(seen.max(axis=0) - seen.min(axis=0) < 1e-6)
    pinned = []
    codes = linked["code"].to_numpy()[~shown]
    for row in steady:
        objective = hidden_rows[row].toarray().ravel()
        ends = [linprog(sign * objective, A_eq=equations, b_eq=totals, bounds=bounds, method="highs")
                for sign in (1, -1)]
        if all(end.status == 0 for end in ends) and abs(ends[0].fun + ends[1].fun) < 1e-6:
            pinned.append((codes[row], float(ends[0].fun)))
    return pinned
