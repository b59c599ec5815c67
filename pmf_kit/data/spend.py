"""Where public money is spent locally, set beside need: spend per head, unit costs, spend by
SIMD decile and how concentrated spend is in the more deprived data zones.

Spend comes from the optional `spend.csv` of a data set (docs/dataset-format.md): spend in
pounds by data zone, period and service line, with service users where the service records
activity. Every figure here is built from data zones, so it exists for every level made of
them (data zones, intermediate zones, wards, localities, the council, custom areas), never for
published comparators such as Scotland.

Service users are counts of people: below SERVICE_USER_THRESHOLD they are suppressed, with the
unit cost that would reveal them, before any table is returned.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

from pmf_kit.data.dataset import Dataset
from pmf_kit.data.geography import Area
from pmf_kit.data.periods import latest_period, parse_period
from pmf_kit.data.publication import (
    SERVICE_USER_THRESHOLD,
    WHOLE_DATA_SET,
    decile_code,
    service_users_id,
)
from pmf_kit.data.spend_file import SPEND_FILE
from pmf_kit.errors import PmfKitError, expect_kind

ALL_SERVICES = "All services"
EVENLY_SPREAD = 0.02
AREA_COLUMNS = ["area_level", "area_code", "area_name"]


def has_spend(dataset: Dataset) -> bool:
    """Whether the data set ships the optional spend.csv."""
    return (dataset.path / SPEND_FILE).is_file()


def spend_periods(dataset: Dataset) -> list[str]:
    """Periods of spend.csv, oldest first."""
    return sorted(dataset.spend["period"].unique(), key=parse_period)


def _selected_periods(dataset: Dataset, period: str) -> list[str]:
    """`latest`, `all` or one period label, as a list of labels present in spend.csv."""
    periods = spend_periods(dataset)
    if period == "all":
        return periods
    if period == "latest":
        return [latest_period(periods)]
    label = parse_period(period).label
    if label not in periods:
        raise PmfKitError(f"no spend for period {label!r}; spend.csv has {', '.join(periods)}")
    return [label]


def residents(dataset: Dataset, period: str) -> pd.Series:
    """Residents of each data zone in the year a period starts (mid-year 2023 for 2023/24);
    the nearest earlier year when that one is not published, else the earliest."""
    population = dataset.population
    years = sorted(population["period"].unique(), key=parse_period)
    start = parse_period(period).start.year
    earlier = [year for year in years if parse_period(year).start.year <= start]
    year = earlier[-1] if earlier else years[0]
    rows = population[population["period"] == year]
    return rows.groupby("datazone_code")["population"].sum()


def _members(dataset: Dataset, level: str, within: Area | None) -> pd.DataFrame:
    """Membership of the areas of `level`, only those assigned to `within` when it is given."""
    members = dataset.geography.membership(level)
    if within is None:
        return members
    inside = dataset.geography.areas_within(within, level)["code"]
    return members[members["code"].isin(inside)]


def spend_per_head(
    dataset: Dataset, level: str, period: str = "latest", within: Area | None = None,
    service_lines: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Spend, spend per resident and unit cost per service user, per area, period and service line.

    Columns: area_level, area_code, area_name, period, service_line (plus "All services" unless
    some service lines are asked for),
    spend_gbp, residents, spend_per_head_gbp, service_users, unit_cost_gbp, suppressed.
    spend_per_head_gbp = spend_gbp / residents (residents in the year the period starts);
    unit_cost_gbp = spend_gbp / service_users, only where the service records activity (blank
    for universal services and for "All services"). Service users are suppressed by the data
    set's one decision (below SERVICE_USER_THRESHOLD, and wherever a hidden count could be worked
    out from any published figure), with their unit cost, spend and spend per head, and the area's
    "All services" total (see _suppress_service_users).
    """
    members = _members(dataset, level, within)
    rows = []
    for label in _selected_periods(dataset, period):
        spend = _service_spend(dataset, label, service_lines)
        people = residents(dataset, label)
        zones = members.assign(residents=members["datazone_code"].map(people).fillna(0))
        area_residents = zones.groupby(["code", "name"], as_index=False)["residents"].sum()
        joined = zones[["datazone_code", "code", "name"]].merge(spend, on="datazone_code")
        by_line = joined.groupby(["code", "name", "service_line"], as_index=False, sort=False).agg(
            spend_gbp=("spend_gbp", "sum"), service_users=("service_users", lambda users: users.sum(min_count=1)))
        if service_lines is None:
            total = by_line.groupby(["code", "name"], as_index=False)["spend_gbp"].sum().assign(
                service_line=ALL_SERVICES, service_users=np.nan)
            by_line = pd.concat([by_line, total], ignore_index=True)
        rows.append(by_line.merge(area_residents, on=["code", "name"]).assign(period=label))
    frame = pd.concat(rows, ignore_index=True)
    frame["spend_per_head_gbp"] = frame["spend_gbp"] / frame["residents"].where(frame["residents"] > 0)
    frame["unit_cost_gbp"] = frame["spend_gbp"] / frame["service_users"].where(frame["service_users"] > 0)
    frame = _suppress_service_users(frame, dataset)
    frame = frame.rename(columns={"code": "area_code", "name": "area_name"}).assign(area_level=level)
    columns = AREA_COLUMNS + ["period", "service_line", "spend_gbp", "residents", "spend_per_head_gbp",
                              "service_users", "unit_cost_gbp", "suppressed"]
    order = {line: position for position, line in enumerate([*dict.fromkeys(frame["service_line"])])}
    order[ALL_SERVICES] = len(order)
    frame = frame.assign(line_order=frame["service_line"].map(order), period_start=frame["period"].map(
        lambda label: parse_period(label).start))
    frame = frame.sort_values(["period_start", "area_name", "line_order"])
    return frame[columns].reset_index(drop=True)


def _service_spend(dataset: Dataset, period: str, service_lines: Iterable[str] | None) -> pd.DataFrame:
    """Rows of spend.csv for one period, optionally only some service lines (checked)."""
    spend = dataset.spend[dataset.spend["period"] == period]
    if service_lines is None:
        return spend
    wanted = [service_lines] if isinstance(service_lines, str) else list(service_lines)
    known = list(dict.fromkeys(dataset.spend["service_line"]))
    unknown = [line for line in wanted if line not in known]
    if unknown:
        raise PmfKitError(f"unknown service line {unknown[0]!r}; spend.csv has {', '.join(known)}")
    return spend[spend["service_line"].isin(wanted)]


def _suppress_service_users(frame: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """Blank small service user counts and every figure that would reveal them, by the data
    set's one decision (data.publication): a hidden count hides its unit cost, its spend and
    spend per head (spend is close to users x a unit cost known from other areas), and the area's
    "All services" spend, from which the hidden spend could be worked out by subtraction
    (`suppressed` = secondary)."""
    result = frame.assign(suppressed="")
    counted = result["service_users"].notna()
    ids = result.loc[counted, "service_line"].map(service_users_id)
    result.loc[counted, "suppressed"] = dataset.disclosure.status(
        ids, result.loc[counted, "period"], result.loc[counted, "code"]).to_numpy()
    is_hidden = result["suppressed"] != ""
    result.loc[is_hidden, ["service_users", "unit_cost_gbp"]] = np.nan
    areas_with_hidden = result.loc[is_hidden, ["code", "period"]].drop_duplicates()
    totals = result["service_line"] == ALL_SERVICES
    total_hidden = totals & pd.MultiIndex.from_frame(result[["code", "period"]]).isin(
        pd.MultiIndex.from_frame(areas_with_hidden))
    result.loc[total_hidden, "suppressed"] = "secondary"
    result.loc[is_hidden | total_hidden, ["spend_gbp", "spend_per_head_gbp"]] = np.nan
    return result


def spend_by_simd_decile(
    dataset: Dataset, area: str | Area | None = None, level: str | None = None, period: str = "latest",
    service_lines: Iterable[str] | None = None, simd_edition: str | None = None,
) -> pd.DataFrame:
    """Spend and spend per resident by national SIMD decile, for the data zones of an area
    (the whole data set when no area is given), every decile listed, most deprived first.

    Columns: area_code, area_name, simd_edition, simd_decile, period, datazones, residents,
    spend_gbp, spend_per_head_gbp, share_of_residents_percent, share_of_spend_percent, suppressed.
    A decile whose service users of some line the data set's decision hides has its spend
    blanked, as in spend_per_head; an area of fewer than `breakdown_min_datazones` data zones is
    not broken down (every decile's spend hidden).
    """
    zones = _ranked_datazones(dataset, area, level, period, service_lines, simd_edition)
    deciles = zones.groupby("simd_decile").agg(datazones=("datazone_code", "size"), residents=("residents", "sum"),
                                               spend_gbp=("spend_gbp", "sum"))
    deciles = deciles.reindex(range(1, 11), fill_value=0).rename_axis("simd_decile").reset_index()
    deciles["spend_per_head_gbp"] = deciles["spend_gbp"] / deciles["residents"].where(deciles["residents"] > 0)
    deciles["share_of_residents_percent"] = 100 * deciles["residents"] / deciles["residents"].sum()
    deciles["share_of_spend_percent"] = 100 * deciles["spend_gbp"] / deciles["spend_gbp"].sum()
    found = _area(dataset, area, level)
    hidden = deciles["simd_decile"].map(_hidden_deciles(dataset, zones, service_lines, found))
    deciles["suppressed"] = hidden.astype(object).fillna("")
    hidden = deciles["suppressed"] != ""
    deciles.loc[hidden, ["spend_gbp", "spend_per_head_gbp", "share_of_spend_percent"]] = np.nan
    return deciles.assign(area_code=found.code, area_name=found.name, simd_edition=zones.attrs["simd_edition"],
                          period=zones.attrs["period"])[
        ["area_code", "area_name", "simd_edition", "simd_decile", "period", "datazones", "residents", "spend_gbp",
         "spend_per_head_gbp", "share_of_residents_percent", "share_of_spend_percent", "suppressed"]]


def _hidden_deciles(dataset: Dataset, zones: pd.DataFrame, service_lines: Iterable[str] | None,
                    area: Area) -> pd.Series:
    """Deciles whose spend would reveal service users the data set's decision hides: `primary`
    or `secondary` by decile (the most serious over the service lines). An area too small to be
    broken down (Dataset.breakdown_min_datazones) has every decile hidden."""
    spend = _service_spend(dataset, zones.attrs["period"], service_lines)
    lines = list(dict.fromkeys(spend.loc[spend["service_users"].notna(), "service_line"]))
    if not lines:
        return pd.Series(dtype=object)
    if area.level != "all" and len(dataset.geography.datazones_in(area)) < dataset.breakdown_min_datazones:
        return pd.Series("secondary", index=range(1, 11))
    edition, period = zones.attrs["simd_edition"], zones.attrs["period"]
    code = WHOLE_DATA_SET if area.level == "all" else area.code
    deciles = list(range(1, 11))
    found = pd.DataFrame({"service_line": np.repeat(lines, len(deciles)), "simd_decile": deciles * len(lines)})
    found["suppressed"] = dataset.disclosure.status(
        found["service_line"].map(service_users_id), [period] * len(found),
        [decile_code(code, edition, decile) for decile in found["simd_decile"]]).to_numpy()
    hidden = found[found["suppressed"] != ""].sort_values("suppressed").drop_duplicates("simd_decile")
    return pd.Series(hidden["suppressed"].to_numpy(), index=hidden["simd_decile"].to_numpy())


def _area(dataset: Dataset, area: str | Area | None, level: str | None) -> Area:
    """The area meant, or the whole data set as one area."""
    if isinstance(area, Area):
        return area
    if area is None:
        return Area("all", "all", dataset.name)
    return dataset.find_area(area, level)


def _ranked_datazones(
    dataset: Dataset, area: str | Area | None, level: str | None, period: str,
    service_lines: Iterable[str] | None, simd_edition: str | None,
) -> pd.DataFrame:
    """The area's data zones with residents, spend (summed over service lines) and SIMD rank."""
    found = _area(dataset, area, level)
    lookup = dataset.geography.lookup
    codes = lookup["datazone_code"] if found.level == "all" else dataset.geography.datazones_in(found)
    [label] = _selected_periods(dataset, period if period != "all" else "latest")
    edition = simd_edition or dataset.simd_edition
    simd = dataset.simd[dataset.simd["simd_edition"] == edition].set_index("datazone_code")
    spend = _service_spend(dataset, label, service_lines).groupby("datazone_code")["spend_gbp"].sum()
    zones = pd.DataFrame({"datazone_code": list(codes)})
    zones["residents"] = zones["datazone_code"].map(residents(dataset, label)).fillna(0)
    zones["spend_gbp"] = zones["datazone_code"].map(spend).fillna(0)
    zones["simd_rank"] = zones["datazone_code"].map(simd["simd_rank"])
    zones["simd_decile"] = zones["datazone_code"].map(simd["simd_decile"])
    zones.attrs.update(period=label, simd_edition=edition)
    return zones.dropna(subset=["simd_rank"])


def concentration_index(groups: pd.DataFrame, rank: str = "simd_rank", spend: str = "spend_gbp",
                        population: str = "residents") -> float:
    """The concentration index of spend across groups ranked from most to least deprived.

    Grouped-data form (Kakwani, Wagstaff and van Doorslaer 1997; O'Donnell et al. 2008,
    Analyzing Health Equity Using Household Survey Data, World Bank, chapter 8, eq. 8.3):

        C = Σ_{t=1..T} (p_{t-1} L_t − p_t L_{t-1}),   p_0 = L_0 = 0,

    where groups (data zones, or deciles) are sorted by `rank` ascending, i.e. most deprived first
    (SIMD rank 1 = most deprived), p_t is the cumulative share of residents and L_t the
    cumulative share of spend up to group t. It equals 1 − 2 × (area under the concentration
    curve) and 2·cov(spend per head, fractional rank)/mean with population weights.

    Sign: C < 0 means spend is concentrated in the more deprived groups (the concentration curve
    lies above the diagonal), C > 0 in the less deprived, 0 means spend per resident is the same
    throughout; C runs from −1 to 1. Groups of equal rank are kept in input order. Returns NaN
    when there are no residents or no spend.
    """
    expect_kind(groups, pd.DataFrame, "concentration_index", "a table of groups")
    missing = [column for column in (rank, spend, population) if column not in groups.columns]
    if missing:
        raise PmfKitError(f"concentration_index: the table has no column {', '.join(map(repr, missing))}; "
                          f"its columns are {', '.join(map(str, groups.columns))}")
    ordered = groups.sort_values(rank, kind="stable")
    people = ordered[population].to_numpy(dtype=float)
    money = ordered[spend].to_numpy(dtype=float)
    if people.sum() <= 0 or money.sum() <= 0:
        return float("nan")
    cumulative_people = np.concatenate([[0.0], np.cumsum(people) / people.sum()])
    cumulative_spend = np.concatenate([[0.0], np.cumsum(money) / money.sum()])
    terms = cumulative_people[:-1] * cumulative_spend[1:] - cumulative_people[1:] * cumulative_spend[:-1]
    return float(np.sum(terms))


def concentration_reading(index: float) -> str:
    """Words for a concentration index, for tables and narrative."""
    if np.isnan(index):
        return "not enough data zones to say"
    if abs(index) < EVENLY_SPREAD:
        return "spread evenly by deprivation"
    side = "more" if index < 0 else "less"
    return f"concentrated in {side} deprived data zones"


def spend_concentration(
    dataset: Dataset, area: str | Area | None = None, level: str | None = None, period: str = "latest",
    simd_edition: str | None = None,
) -> pd.DataFrame:
    """Concentration index of each service line's spend across the area's data zones, ranked by
    national SIMD rank (see concentration_index); "All services" last.

    Columns: area_code, area_name, period, service_line, datazones, concentration_index, reading.
    Fewer than two data zones give NaN: there is no distribution to measure.
    """
    found = _area(dataset, area, level)
    [label] = _selected_periods(dataset, period if period != "all" else "latest")
    lines = list(dict.fromkeys(dataset.spend["service_line"]))
    rows = []
    for line in [*lines, ALL_SERVICES]:
        chosen = None if line == ALL_SERVICES else [line]
        zones = _ranked_datazones(dataset, found, None, label, chosen, simd_edition)
        index = concentration_index(zones) if len(zones) > 1 else float("nan")
        rows.append({"area_code": found.code, "area_name": found.name, "period": label, "service_line": line,
                     "datazones": len(zones), "concentration_index": index,
                     "reading": concentration_reading(index)})
    return pd.DataFrame(rows)

