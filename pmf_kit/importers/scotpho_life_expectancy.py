"""ScotPHO life expectancy in the whole-Scotland data set: published values and limits at every
level the extract covers, and ScotPHO's HSC localities matched to the PHS locality codes.

Values and their 95% limits are stored exactly as published (values.csv `lower_ci, upper_ci`)
and never recomputed. ScotPHO codes HSC localities S99..., the PHS locality lookup PN...; a
ScotPHO locality is matched to a PHS one by forgiving name (case, spacing, punctuation, "&" and
"and") within its HSCP. Its HSCP is the parent ScotPHO's geography lookup gives for that name
(the two ScotPHO files number localities differently, so codes cannot be used); where that
lookup does not know the name, the one HSCP whose PHS localities include it. Anything else stays
unmatched and is listed in the import summary: never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pmf_kit.data.naming import normalise_name
from pmf_kit.errors import DataFileError
from pmf_kit.sources.scotpho import SCOTPHO_SCOTLAND_CODE

SOURCE = ("Public Health Scotland and National Records of Scotland, ScotPHO online profiles "
          "(life expectancy extract)")
INDICATORS = {"Life expectancy, females": ("life_expectancy_female", "females"),
              "Life expectancy, males": ("life_expectancy_male", "males")}
LEVEL_OF_AREA_TYPE = {
    "Intermediate zone": "intermediate_zone", "HSC locality": "hscp_locality",
    "Council area": "council", "HSC partnership": "hscp", "Health board": "health_board",
    "Scotland": "scotland",
}
LOCALITY = "HSC locality"


RELEASE = "ScotPHO profiles"


def catalogue_rows() -> list[dict]:
    """The two life expectancy rows of indicators.csv."""
    return [{
        "indicator_id": indicator_id, "title": f"Life expectancy at birth, {sex}", "theme": "Health",
        "definition": (
            f"Life expectancy at birth of {sex}, in years, as ScotPHO publishes it with its 95% "
            "confidence interval (used as published, never recomputed): 5-year aggregates for "
            "intermediate zones and HSCP localities, 3-year aggregates for councils, HSCPs, NHS "
            "boards and Scotland. The extract holds no 5-year figure for councils or Scotland, so a "
            "locality's or intermediate zone's figure is shown beside theirs with both periods and no "
            "verdict (PHS's locality profiles do the same); a verdict compares like with like only, "
            "both intervals counting. ScotPHO's HSC localities (S99 codes) are matched to the PHS localities by name "
            "within their HSCP; unmatched ones are not shown. Not additive: shown where published."
        ),
        "numerator_label": "", "denominator_label": "", "unit": "years",
        "polarity": "higher_is_better", "source": SOURCE, "owner": "Public Health Scotland",
        "aggregation": "not_additive", "suppression_threshold": 0, "derived_from_simd": "false",
        "variability": "published", "disclosure": "published_at_source",
        "period_source": "ScotPHO online profiles extract: each figure's period as ScotPHO labels it (deaths "
                         "registered in those calendar years)",
    } for indicator_id, sex in INDICATORS.values()]


@dataclass(frozen=True)
class LocalityMatch:
    """ScotPHO localities matched to PHS ones (`S99 code -> PN code`) and those left over."""

    codes: dict[str, str]
    unmatched: list[str]
    """One line per ScotPHO locality not matched: code, name, HSCP and why."""
    without: list[str]
    """PHS localities no ScotPHO locality was matched to: they have no life expectancy."""


def match_localities(
    scotpho_localities: pd.DataFrame, geography: pd.DataFrame, lookup: pd.DataFrame
) -> LocalityMatch:
    """Match ScotPHO localities (`area_code, area_name`) to the lookup's PHS localities.

    `geography` is ScotPHO's geography lookup (code, name, area_type, parent_area).
    """
    pn = lookup.dropna(subset=["hscp_locality_code"]).drop_duplicates("hscp_locality_code")
    pn = pn[["hscp_locality_code", "hscp_locality_name", "hscp_code", "hscp_name"]]
    hscp_code_of = _hscp_codes(geography)
    hscp_name_of = {code: name for name, code in _hscp_names(geography).items()}
    parents = _parents_by_name(geography)
    codes, unmatched = {}, []
    for code, name in scotpho_localities[["area_code", "area_name"]].drop_duplicates().itertuples(index=False):
        key = normalise_name(name)
        hscp = parents.get(key)
        if hscp is None:
            same_name = pn[pn["hscp_locality_name"].map(normalise_name) == key]
            hscp_codes = set(same_name["hscp_code"])
            hscp = next(iter(hscp_codes)) if len(hscp_codes) == 1 else None
        else:
            hscp = hscp_code_of.get(normalise_name(hscp))
        if hscp is None:
            unmatched.append(f"{code} {name}: its HSCP is not known")
            continue
        in_hscp = pn[pn["hscp_code"] == hscp]
        hscp_name = hscp_name_of.get(hscp, hscp)
        found = in_hscp[in_hscp["hscp_locality_name"].map(normalise_name) == key]
        if len(found) == 1:
            codes[code] = found["hscp_locality_code"].iloc[0]
        elif in_hscp.empty:
            unmatched.append(f"{code} {name} ({hscp_name}): PHS publishes no localities for this HSCP")
        else:
            unmatched.append(f"{code} {name} ({hscp_name}): no PHS locality of this name in the HSCP")
    matched = set(codes.values())
    without = [f"{row.hscp_locality_code} {row.hscp_locality_name} ({row.hscp_name})"
               for row in pn.itertuples(index=False) if row.hscp_locality_code not in matched]
    return LocalityMatch(codes, unmatched, without)


def _hscp_codes(geography: pd.DataFrame) -> dict[str, str]:
    """HSCP code by normalised ScotPHO HSCP name ("argyll and bute" -> S37000004)."""
    return {normalise_name(name): code for name, code in _hscp_names(geography).items()}


def _hscp_names(geography: pd.DataFrame) -> dict[str, str]:
    """HSCP code by ScotPHO HSCP name ("Argyll & Bute" -> S37000004)."""
    partnerships = geography[geography["area_type"] == "HSC partnership"]
    return {name: code for code, name in partnerships[["code", "name"]].itertuples(index=False)}


def _parents_by_name(geography: pd.DataFrame) -> dict[str, str]:
    """Each ScotPHO locality name's HSCP, where the name belongs to one HSCP only."""
    localities = geography[geography["area_type"] == LOCALITY]
    parents = localities.groupby(localities["name"].map(normalise_name))["parent_area"].unique()
    return {name: found[0] for name, found in parents.items() if len(found) == 1}


def life_expectancy_values(
    extract: pd.DataFrame, localities: LocalityMatch, lookup: pd.DataFrame, path: Path
) -> pd.DataFrame:
    """values.csv rows: value and published limits for every area the lookup knows.

    Localities go by their matched PHS code (unmatched ones are left out, and listed); Scotland
    by the lookup's code; every other code must be one the lookup has.
    """
    rows = extract[extract["indicator"].isin(INDICATORS) & extract["area_type"].isin(LEVEL_OF_AREA_TYPE)].copy()
    scotland = lookup["scotland_code"].iloc[0]
    code = rows["area_code"].where(rows["area_code"] != SCOTPHO_SCOTLAND_CODE, scotland)
    is_locality = rows["area_type"] == LOCALITY
    code = code.where(~is_locality, rows["area_code"].map(localities.codes))
    rows["geography_code"] = code
    rows = rows[rows["geography_code"].notna()]
    _check_known_codes(rows, lookup, path)
    return pd.DataFrame({
        "indicator_id": rows["indicator"].map(lambda label: INDICATORS[label][0]),
        "geography_code": rows["geography_code"], "period": rows["period"],
        "numerator": pd.NA, "denominator": pd.NA, "value": rows["value"],
        "quality_flag": "", "lower_ci": rows["lower_ci"], "upper_ci": rows["upper_ci"],
        "release": RELEASE,
    }).reset_index(drop=True)


def _check_known_codes(rows: pd.DataFrame, lookup: pd.DataFrame, path: Path) -> None:
    for area_type, level in LEVEL_OF_AREA_TYPE.items():
        of_type = rows[rows["area_type"] == area_type]
        unknown = ~of_type["geography_code"].isin(set(lookup[f"{level}_code"].dropna()))
        if unknown.any():
            first = of_type[unknown].iloc[0]
            raise DataFileError(path, f"a {area_type.lower()} code of the data zone lookup",
                                row=int(first["source_row"]), column="area_code", found=first["area_code"])
