"""The data zone lookup: which area of every level each data zone belongs to.

Everything geographic is built from data zones: an area is a set of data zones, so values are
aggregated by summing over that set, areas that do not nest are assigned best-fit by population,
and boundaries of any level are dissolved from data zone polygons.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pandas as pd

from pmf_kit.data.naming import closest_names, matching_names, normalise_name
from pmf_kit.data.tabular import (
    check_at_least_zero,
    check_plausible,
    check_unique,
    check_whole,
    fail_at_first,
    read_csv_checked,
    spreadsheet_row,
)
from pmf_kit.errors import ConfigError, DataFileError, UnknownAreaError, UnknownLevelError

DATAZONE = "datazone"
CUSTOM = "custom"


@dataclass(frozen=True)
class Level:
    """A geography level of a data set, e.g. `locality` labelled "Locality"."""

    id: str
    label: str
    classification: bool = False
    """A class of data zones (urban/rural 6-fold) rather than a place: its "areas" are scattered
    over the country, so no profile lists them as areas that straddle its boundary."""


@dataclass(frozen=True)
class Area:
    """One area of one level, named as in the lookup."""

    level: str
    code: str
    name: str


def read_levels(entries: object, path: Path) -> list[Level]:
    """The `levels:` list of dataset.yaml, smallest first, data zone first."""
    if not isinstance(entries, list) or not entries:
        raise ConfigError(path, "expected `levels:` to be a list of {id, label}, data zone first")
    levels = []
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not {"id", "label"} <= set(entry):
            raise ConfigError(path, f"levels entry {position}: expected {{id: ..., label: ...}}")
        classification = entry.get("classification", False)
        if not isinstance(classification, bool):
            raise ConfigError(path, f"levels entry {position}: expected `classification: true` or `false`, "
                                    f"found {classification!r}")
        levels.append(Level(str(entry["id"]), str(entry["label"]), classification))
    if levels[0].id != DATAZONE:
        raise ConfigError(path, f"the first level must be `{DATAZONE}`, found `{levels[0].id}`")
    if len({level.id for level in levels}) != len(levels):
        raise ConfigError(path, "each level id may appear only once in `levels:`")
    return levels


def load_lookup(path: Path, levels: list[Level]) -> pd.DataFrame:
    """Read lookup.csv: one row per data zone with a code and name for every level."""
    higher = [level.id for level in levels[1:]]
    columns = ["datazone_code", "datazone_name", "population"]
    for level in higher:
        columns += [f"{level}_code", f"{level}_name"]
    lookup = read_csv_checked(
        path, columns, numeric=["population"], keys=["datazone_code", "datazone_name"],
        text=[column for column in columns if column != "population"],
    )
    check_unique(lookup, ["datazone_code"], path)
    for level in higher:
        _check_names_follow_codes(lookup, level, path)
    fail_at_first(lookup["population"].isna(), path, "a population (residents)", "population")
    check_plausible(lookup, ["population"], path)
    check_at_least_zero(lookup, ["population"], path, "a population")
    check_whole(lookup, ["population"], path, "a whole number of residents")
    return lookup


def _check_names_follow_codes(lookup: pd.DataFrame, level: str, path: Path) -> None:
    """One code has one name, and a code is blank exactly where its name is."""
    code, name = lookup[f"{level}_code"], lookup[f"{level}_name"]
    half_blank = code.isna() != name.isna()
    if half_blank.any():
        position = int(half_blank.to_numpy().nonzero()[0][0])
        raise DataFileError(path, f"{level}_code and {level}_name both given or both blank",
                            spreadsheet_row(position), f"{level}_name")
    names_per_code = lookup.dropna(subset=[f"{level}_code"]).groupby(f"{level}_code")[f"{level}_name"].nunique()
    if (names_per_code > 1).any():
        bad_code = names_per_code[names_per_code > 1].index[0]
        position = int((code == bad_code).to_numpy().nonzero()[0][-1])
        raise DataFileError(path, f"one name for {level} {bad_code}", spreadsheet_row(position),
                            f"{level}_name", found=name.iloc[position])


class Geography:
    """The levels of a data set and the membership of data zones in areas of each level.

    Which data zones make up each area, and best fits between levels, are worked out once per
    level (a warm kernel keeps its data sets open, so once per batch); adding custom areas
    forgets those of the custom level."""

    def __init__(self, lookup: pd.DataFrame, levels: list[Level]) -> None:
        self.lookup = lookup
        self.levels = list(levels)
        self._custom = pd.DataFrame(columns=["datazone_code", "code", "name"])
        self._datazones_by_area: dict[str, dict[str, list[str]]] = {}
        self._best_fits: dict[tuple[str, str], pd.DataFrame] = {}
        self._repeated_names: dict[str, set[str]] = {}

    @property
    def level_ids(self) -> list[str]:
        """Every level id, including `custom` once custom areas are added."""
        ids = [level.id for level in self.levels]
        return ids + [CUSTOM] if len(self._custom) else ids

    @property
    def classification_ids(self) -> list[str]:
        """Levels that classify data zones (urban/rural classes) rather than name places."""
        return [level.id for level in self.levels if level.classification]

    def level_label(self, level: str) -> str:
        """The human label of a level ("Multi-member ward")."""
        level = self.level_id(level)
        labels = {entry.id: entry.label for entry in self.levels}
        return labels.get(level, "Custom area")

    def repeated_names(self, level: str) -> set[str]:
        """Names (case-folded) that more than one area of a level has: "IZ15" is an intermediate
        zone of several councils, so a profile names it with its council."""
        if level not in self.level_ids:
            return set()
        if level not in self._repeated_names:
            names = self.areas(level)["name"].str.casefold()
            self._repeated_names[level] = set(names[names.duplicated(keep=False)])
        return self._repeated_names[level]

    def check_level(self, level: str) -> None:
        """Raise UnknownLevelError unless the data set has this level."""
        self.level_id(level)

    def level_id(self, level: str, extra: Sequence[str] = ()) -> str:
        """The id of the level meant, read as forgivingly as an area name: `Locality`, `HSCP
        locality` or `data zone` name the levels `locality`, `hscp_locality` and `datazone`.
        `extra` adds levels outside the lookup (comparators such as `scotland`). Raises
        UnknownLevelError with the closest ids."""
        ids = [*self.level_ids, *[other for other in extra if other not in self.level_ids]]
        if level in ids:
            return level
        labels = {entry.label: entry.id for entry in self.levels}
        spellings = {**{identifier: identifier for identifier in ids}, **labels,
                     **{identifier.replace("datazone", "data zone"): identifier for identifier in ids}}
        matched = matching_names(str(level), list(spellings))
        if matched and len({spellings[name] for name in matched}) == 1:
            return spellings[matched[0]]
        close = dict.fromkeys(spellings[name] for name in closest_names(str(level), list(spellings)))
        raise UnknownLevelError(level, ids, list(close))

    def membership(self, level: str) -> pd.DataFrame:
        """Long table `datazone_code, code, name`: which area(s) of `level` hold each data zone.

        Standard levels give one row per data zone (none where the level is unpublished);
        custom areas may overlap, so a data zone can appear under several of them.
        """
        level = self.level_id(level)
        if level == CUSTOM:
            return self._custom.copy()
        if level == DATAZONE:
            frame = self.lookup[["datazone_code", "datazone_code", "datazone_name"]]
        else:
            frame = self.lookup[["datazone_code", f"{level}_code", f"{level}_name"]]
        frame = frame.set_axis(["datazone_code", "code", "name"], axis=1)
        return frame.dropna(subset=["code"]).reset_index(drop=True)

    def areas(self, level: str) -> pd.DataFrame:
        """Every area of a level: `code, name, population, datazones`, sorted by name."""
        members = self.membership(level).merge(
            self.lookup[["datazone_code", "population"]], on="datazone_code"
        )
        areas = members.groupby(["code", "name"], as_index=False).agg(
            population=("population", "sum"), datazones=("datazone_code", "size")
        )
        return areas.sort_values(["name", "code"], key=_natural_key).reset_index(drop=True)

    def find_area(self, name_or_code: str, level: str | None = None) -> Area:
        """The one area a user means by a code or a forgivingly matched name.

        With no level, every level is searched from the largest down; a name found at several
        levels (a locality and a ward both called "Kirkhaven") is ambiguous unless a level is given.
        """
        levels = [self.level_id(level)] if level else list(reversed(self.level_ids))
        query = str(name_or_code).strip()
        found: list[Area] = []
        all_names: list[str] = []
        for candidate_level in levels:
            areas = self.areas(candidate_level)
            by_code = areas[areas["code"].str.casefold() == query.casefold()]
            if len(by_code):
                row = by_code.iloc[0]
                return Area(candidate_level, row["code"], row["name"])
            names = list(areas["name"])
            all_names += names
            for name in dict.fromkeys(matching_names(query, names)):
                for _, row in areas[areas["name"] == name].iterrows():
                    found.append(Area(candidate_level, row["code"], row["name"]))
        if len(found) == 1:
            return found[0]
        if found:
            raise UnknownAreaError(query, level, [f"{a.name} ({a.level} {a.code})" for a in found], ambiguous=True)
        close = closest_names(query, list(dict.fromkeys(all_names)))
        if not close and any(character.isdigit() for character in query):
            codes = [code for candidate_level in levels for code in self.areas(candidate_level)["code"]]
            close = closest_names(query, codes)
        raise UnknownAreaError(query, level, close)

    def datazones_in(self, area: Area) -> list[str]:
        """Codes of the data zones that make up an area."""
        if area.level not in self._datazones_by_area:
            members = self.membership(area.level)
            self._datazones_by_area[area.level] = members.groupby("code", sort=False)["datazone_code"].agg(list).to_dict()
        return list(self._datazones_by_area[area.level].get(area.code, []))

    def best_fit(self, level: str, to: str) -> pd.DataFrame:
        """Assign each area of `level` to the area of `to` holding most of its residents.

        Returns `code, name, to_code, to_name, population_share, nests`: where `nests` is False
        the area straddles a boundary and a report must say it was assigned best-fit.
        """
        level, to = self.level_id(level), self.level_id(to)
        if (level, to) not in self._best_fits:
            self._best_fits[(level, to)] = self._best_fit(level, to)
        return self._best_fits[(level, to)].copy()

    def _best_fit(self, level: str, to: str) -> pd.DataFrame:
        population = self.lookup[["datazone_code", "population"]]
        pieces = (
            self.membership(level)
            .merge(self.membership(to).rename(columns={"code": "to_code", "name": "to_name"}), on="datazone_code")
            .merge(population, on="datazone_code")
            .groupby(["code", "name", "to_code", "to_name"], as_index=False)["population"].sum()
        )
        totals = pieces.groupby("code")["population"].transform("sum")
        pieces["population_share"] = (pieces["population"] / totals.where(totals > 0)).fillna(0.0)
        best = pieces.sort_values(["code", "population_share", "to_code"], ascending=[True, False, True])
        best = best.drop_duplicates("code").drop(columns="population")
        best["nests"] = best["population_share"] >= 1.0 - 1e-12
        return best.sort_values(["to_name", "name"], key=_natural_key).reset_index(drop=True)

    def areas_within(self, area: Area, level: str) -> pd.DataFrame:
        """Areas of `level` assigned best-fit to `area`, with the share of residents inside it."""
        fits = self.best_fit(level, area.level)
        return fits[fits["to_code"] == area.code].drop(columns=["to_code", "to_name"]).reset_index(drop=True)

    def add_custom_areas(self, members: pd.DataFrame) -> None:
        """Add custom areas given as `datazone_code, code, name` rows (see custom_areas).

        An area with the code of one already added replaces it, so re-running a notebook cell
        that defines custom areas just redefines them.
        """
        kept = self._custom[~self._custom["code"].isin(members["code"])]
        self._custom = pd.concat([kept, members], ignore_index=True)
        self._datazones_by_area.pop(CUSTOM, None)
        self._best_fits = {levels: fit for levels, fit in self._best_fits.items() if CUSTOM not in levels}
        self._repeated_names.pop(CUSTOM, None)


def _natural_key(values: pd.Series) -> pd.Series:
    """Sort names case-insensitively, ignoring punctuation."""
    return values.map(normalise_name)

