"""Custom areas from YAML: a list of data zones, or a union of other areas.

A CPP often reports on areas that are no official geography (a regeneration area, "the coast
and islands"). Each is defined once in YAML and becomes an area of level `custom` that every
function and report accepts like a locality.

```yaml
areas:
  - name: Town centre regeneration area
    datazones: [X01000012, X01000013]
  - name: Coast and islands
    union:
      - {level: locality, area: Auchterlinn}
      - {level: ward, area: X13000004}
      - {custom: Town centre regeneration area}
```
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import yaml

from pmf_kit.data.atomic import write_text_atomically
from pmf_kit.data.geography import CUSTOM, DATAZONE, Geography
from pmf_kit.data.geography_versions import describe, other_version, versions_of
from pmf_kit.data.paths import missing_path_hint, project_path
from pmf_kit.errors import ConfigError, PmfKitError, expect_kind

ALLOWED_KEYS = {"name", "code", "datazones", "union", "description"}
SLIVER_DATAZONES = 2
SLIVER_RESIDENTS = 1000
"""A custom area must match each published area, each union of one level's areas and each other
custom area of its file, or differ from it by at least this many data zones and residents."""


def read_yaml(path: Path) -> object:
    """Parse a YAML file, turning a syntax error into a ConfigError naming the line."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(path, f"no such file{missing_path_hint(path)}")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ConfigError(path, f"broken YAML at {where}{problem}") from None


def custom_area_code(name: str) -> str:
    """A stable code for a custom area from its name ("Coast & islands" → CUSTOM-COAST-AND-ISLANDS)."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name.replace("&", " and ")).strip("-").upper()
    return f"CUSTOM-{slug}"


def load_custom_areas(path: Path, geography: Geography) -> pd.DataFrame:
    """Read a custom areas file into `datazone_code, code, name` rows, checking every reference."""
    document = read_yaml(path)
    if not isinstance(document, dict) or not isinstance(document.get("areas"), list):
        raise ConfigError(path, "expected a mapping with `areas:` holding a list of areas")
    known_datazones = set(geography.lookup["datazone_code"])
    members: dict[str, tuple[str, list[str]]] = {}
    for position, entry in enumerate(document["areas"], start=1):
        where = f"areas entry {position}"
        if not isinstance(entry, dict) or "name" not in entry:
            raise ConfigError(path, f"{where}: expected a mapping with at least `name:`")
        unknown = set(entry) - ALLOWED_KEYS
        if unknown:
            raise ConfigError(path, f"{where} ({entry['name']}): unknown key `{sorted(unknown)[0]}`; "
                                    f"expected {', '.join(sorted(ALLOWED_KEYS))}")
        if ("datazones" in entry) == ("union" in entry):
            raise ConfigError(path, f"{where} ({entry['name']}): give exactly one of `datazones:` or `union:`")
        name = str(entry["name"])
        code = str(entry.get("code") or custom_area_code(name))
        if code in members:
            raise ConfigError(path, f"{where}: custom area {name!r} (code {code}) is defined twice")
        if "datazones" in entry:
            datazones = _listed_datazones(entry["datazones"], known_datazones, path, where)
        else:
            datazones = _union(entry["union"], geography, members, path, where)
        members[code] = (name, datazones)
    rows = [
        {"datazone_code": datazone, "code": code, "name": name}
        for code, (name, datazones) in members.items()
        for datazone in dict.fromkeys(datazones)
    ]
    return pd.DataFrame(rows, columns=["datazone_code", "code", "name"])


def _listed_datazones(listed: object, known: set[str], path: Path, where: str) -> list[str]:
    """Data zone codes given directly, each checked against the lookup."""
    if not isinstance(listed, list) or not listed:
        raise ConfigError(path, f"{where}: `datazones:` must be a non-empty list of data zone codes")
    codes = [str(code).strip() for code in listed]
    unknown = [code for code in codes if code not in known]
    if unknown:
        version = next(iter(versions_of(known)), None)
        theirs = other_version(unknown, version)
        if theirs is not None:
            raise ConfigError(path, f"{where}: `datazones:` are codes of the {theirs} data zones, but the data set is "
                                    f"on {describe(version)}; the 2011 and 2022 data zones are different areas")
        raise ConfigError(path, f"{where}: unknown data zone code {unknown[0]!r}")
    return codes


def _union(parts: object, geography: Geography, defined: dict[str, tuple[str, list[str]]],
           path: Path, where: str) -> list[str]:
    """Data zones of a union of standard areas and earlier custom areas."""
    if not isinstance(parts, list) or not parts:
        raise ConfigError(path, f"{where}: `union:` must be a non-empty list of areas")
    datazones: list[str] = []
    for part in parts:
        if isinstance(part, dict) and "custom" in part:
            match = [codes for code, (name, codes) in defined.items()
                     if str(part["custom"]) in (code, name)]
            if not match:
                raise ConfigError(path, f"{where}: custom area {part['custom']!r} is not defined above it")
            datazones += match[0]
        elif isinstance(part, dict) and {"level", "area"} <= set(part):
            try:
                area = geography.find_area(str(part["area"]), str(part["level"]))
            except PmfKitError as error:
                raise ConfigError(path, f"{where}: {error}") from None
            datazones += geography.datazones_in(area)
        else:
            raise ConfigError(path, f"{where}: each union part is {{level: ..., area: ...}} or {{custom: ...}}")
    return datazones


def save_custom_areas(areas: dict[str, list[str]], path: Path) -> Path:
    """Write custom areas (name → data zone codes) as YAML the batch can reuse; atomically."""
    expect_kind(areas, dict, "save_custom_areas", "custom areas: a dict of name -> data zone codes")
    path = project_path(path)
    document = {"areas": [{"name": name, "datazones": sorted(codes)} for name, codes in areas.items()]}
    return write_text_atomically(path, yaml.safe_dump(document, sort_keys=False))



def check_no_slivers(members: pd.DataFrame, geography: Geography, path: Path) -> None:
    """Refuse a custom area that differs by a sliver from a published area, from a union of the
    areas of one level, or from another custom area of its file: the difference of two published
    figures would be the figure of that sliver, a population too small to publish on its own.

    A sliver is a difference of fewer than SLIVER_DATAZONES data zones or fewer than
    SLIVER_RESIDENTS residents that is not itself a published area or union of areas of one level;
    an exact match is no sliver (its figures add up from published ones). Rule followed: NISRA,
    Census 2001 disclosure control (areas asked for are amalgamations of output areas, released
    only above thresholds; 1,000 people for its fuller tables) and ONS,
    2001 Census overlapping geographies (exact counts for one geography, others best fitted, to
    remove the risk of disclosure by differencing overlapping areas). The suppression decision
    (pmf_kit.data.publication) protects small counts whatever the areas; this rule keeps custom
    areas from being drawn to isolate a few data zones at all.
    """
    residents = geography.lookup.set_index("datazone_code")["population"]
    levels = [level for level in geography.level_ids if level not in (DATAZONE, CUSTOM)]
    memberships = {level: geography.membership(level) for level in levels}
    areas = {code: set(group["datazone_code"]) for code, group in members.groupby("code", sort=False)}
    names = members.drop_duplicates("code").set_index("code")["name"]

    def is_sliver(difference: set[str]) -> bool:
        small = len(difference) < SLIVER_DATAZONES or residents.reindex(list(difference)).sum() < SLIVER_RESIDENTS
        return bool(difference) and small and not any(
            _is_union_of_areas(difference, membership) for membership in memberships.values())

    for code, zones in areas.items():
        for level in levels:
            difference, nearest = _difference_from_unions(zones, memberships[level], residents)
            if nearest and is_sliver(difference):
                _refuse(path, names[code], f"the {level.replace('_', ' ')} area{'s' if len(nearest) > 1 else ''} "
                                           f"{', '.join(nearest)}", difference, residents)
        for other, other_zones in areas.items():
            if other != code and is_sliver(zones ^ other_zones):
                _refuse(path, names[code], f"custom area {names[other]!r}", zones ^ other_zones, residents)


def _difference_from_unions(zones: set[str], membership: pd.DataFrame, residents: pd.Series) -> tuple[set[str], list[str]]:
    """The data zones by which `zones` differs from the union of one level's areas nearest to it
    (an area is in the union when more of its residents are inside than outside), and the names of
    that union's areas."""
    touched = membership[membership["code"].isin(membership.loc[membership["datazone_code"].isin(zones), "code"])]
    difference: set[str] = set()
    nearest = []
    for (_, name), group in touched.groupby(["code", "name"], sort=False):
        inside = group["datazone_code"].isin(zones)
        if residents.reindex(group.loc[inside, "datazone_code"]).sum() > \
                residents.reindex(group.loc[~inside, "datazone_code"]).sum():
            difference |= set(group.loc[~inside, "datazone_code"])
            nearest.append(name)
        else:
            difference |= set(group.loc[inside, "datazone_code"])
    return difference, nearest


def _is_union_of_areas(zones: set[str], membership: pd.DataFrame) -> bool:
    """Whether `zones` are exactly some areas of one level (then their figures are published)."""
    touched = membership[membership["code"].isin(membership.loc[membership["datazone_code"].isin(zones), "code"])]
    return bool(len(touched)) and set(touched["datazone_code"]) == zones


def _refuse(path: Path, name: str, what: str, difference: set[str], residents: pd.Series) -> None:
    count = len(difference)
    raise ConfigError(path, f"custom area {name!r} differs from {what} by only {count} data "
                            f"zone{'s' if count != 1 else ''} ({int(residents.reindex(list(difference)).sum()):,} "
                            f"residents: {', '.join(sorted(difference)[:5])}); the difference of their figures "
                            f"would publish that sliver. Make it match, or differ by at least {SLIVER_DATAZONES} "
                            f"data zones and {SLIVER_RESIDENTS:,} residents (NISRA/ONS small-area differencing rules)")
