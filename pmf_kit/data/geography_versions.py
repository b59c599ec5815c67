"""Which set of Scottish data zones a code, a lookup or a data set is on: 2011 or 2022.

The 2011 and 2022 data zones are two geographies, not two editions of one: 2022 zones are new
areas with new codes (S01013482 onwards), and 1,081 intermediate zone names are used by both
versions for different areas. Code ranges are the Scottish Government's and never overlap, so a
code says its version; mixing versions is refused with a message naming each side's.
"""

from __future__ import annotations

from typing import Iterable

VERSIONS = {
    "2011": {"datazone": (6506, 13481), "intermediate_zone": (1236, 2514)},
    "2022": {"datazone": (13482, 20873), "intermediate_zone": (2515, 3848)},
}
"""Each version's code numbers: data zones S01..., intermediate zones S02..."""
PREFIXES = {"datazone": "S01", "intermediate_zone": "S02"}


def version_of_code(code: str, level: str = "datazone") -> str | None:
    """'2011' or '2022' for a Scottish data zone (or intermediate zone) code, else None."""
    prefix = PREFIXES[level]
    if not (isinstance(code, str) and code.startswith(prefix) and code[3:].isdigit() and len(code) == 9):
        return None
    number = int(code[3:])
    for version, ranges in VERSIONS.items():
        low, high = ranges[level]
        if low <= number <= high:
            return version
    return None


def versions_of(codes: Iterable[str], level: str = "datazone") -> set[str]:
    """The versions found among some codes (codes of neither version, such as the sample's, add none)."""
    return {version for code in codes if (version := version_of_code(code, level)) is not None}


def describe(version: str | None) -> str:
    """'the 2011 data zones', or 'its own data zones' for a data set on neither version."""
    return f"the {version} data zones" if version else "its own (not official) data zones"


def other_version(codes: Iterable[str], version: str | None, level: str = "datazone") -> str | None:
    """The version the codes are on when it is not `version` (a data set's), else None: codes of
    both, or of neither official version, are left to the ordinary unknown-code checks."""
    if level not in PREFIXES:
        return None
    found = versions_of(codes, level)
    if len(found) == 1 and version not in found:
        return found.pop()
    return None


def mixed_versions_message(what: str, theirs: str, dataset_name: str, version: str | None, one: bool = False,
                           level: str = "datazone") -> str:
    """One sentence naming each side's version: "<what> are codes of the 2022 data zones, but the
    data set ... is on the 2011 data zones" (`one`: "<what> is a code of ...")."""
    level = "intermediate zones" if level == "intermediate_zone" else "data zones"
    return (f"{what} {'is a code' if one else 'are codes'} of the {theirs} {level}, but the data set {dataset_name!r} is on "
            f"{describe(version)}; the 2011 and 2022 data zones are different areas, so use a data set on "
            f"the {theirs} {level}")
