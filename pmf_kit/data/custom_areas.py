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
from pmf_kit.data.geography import Geography
from pmf_kit.data.paths import project_path
from pmf_kit.errors import ConfigError, PmfKitError

ALLOWED_KEYS = {"name", "code", "datazones", "union", "description"}


def read_yaml(path: Path) -> object:
    """Parse a YAML file, turning a syntax error into a ConfigError naming the line."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(path, "no such file")
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
    for code in codes:
        if code not in known:
            raise ConfigError(path, f"{where}: unknown data zone code {code!r}")
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
    path = project_path(path)
    document = {"areas": [{"name": name, "datazones": sorted(codes)} for name, codes in areas.items()]}
    return write_text_atomically(path, yaml.safe_dump(document, sort_keys=False))

