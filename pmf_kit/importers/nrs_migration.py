"""NRS migration flows in the whole-Scotland data set, for councils, NHS boards and Scotland.

NRS publishes each flow (people moving in, out, and the net balance) as a count and a rate per
1,000 residents by area name, mid-year to mid-year. In and out flows are stored with the count
as numerator and the residents as denominator, derived as count / rate × 1,000 (NRS does not
publish it beside the flow; the definition says so); net flows, which can be negative, as the
published rate alone. Areas are matched to the lookup's councils and boards by forgiving name.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pmf_kit.data.naming import normalise_name
from pmf_kit.errors import DataFileError

SOURCE = "National Records of Scotland, local area migration (data visualisation data set)"
LEVEL_OF_AREA_TYPE = {"Council Area": "council", "Health Board": "health_board"}
FLOWS = {
    "Total In-Migration": ("migration_in", "People moving into the area", "in", "into the area from anywhere"),
    "Total Out-Migration": ("migration_out", "People moving out of the area", "out", "out of the area to anywhere"),
    "Total Net Migration": ("migration_net", "Net migration", "net", "in minus out, all moves"),
    "Overseas In Migration": ("migration_overseas_in", "People moving in from overseas", "in", "into the area from outside the UK"),
    "Overseas Out Migration": ("migration_overseas_out", "People moving out overseas", "out", "out of the area to outside the UK"),
    "Overseas Net Migration": ("migration_overseas_net", "Net migration from overseas", "net", "in minus out, moves to and from outside the UK"),
    "Rest of UK In-Migration": ("migration_rest_of_uk_in", "People moving in from the rest of the UK", "in", "into the area from England, Wales or Northern Ireland"),
    "Rest of UK Out-Migration": ("migration_rest_of_uk_out", "People moving out to the rest of the UK", "out", "out of the area to England, Wales or Northern Ireland"),
    "Rest of UK Net Migration": ("migration_rest_of_uk_net", "Net migration from the rest of the UK", "net", "in minus out, moves to and from the rest of the UK"),
    "Within Scotland In - Migration": ("migration_within_scotland_in", "People moving in from elsewhere in Scotland", "in", "into the area from another Scottish council"),
    "Within Scotland Out - Migration": ("migration_within_scotland_out", "People moving out to elsewhere in Scotland", "out", "out of the area to another Scottish council"),
    "Within Scotland Net Migration": ("migration_within_scotland_net", "Net migration within Scotland", "net", "in minus out, moves between Scottish councils"),
    "Total Net Migration (0-15)": ("migration_net_0_15", "Net migration of children (0-15)", "net", "in minus out, people aged 0 to 15"),
    "Total Net mIgration (16-64)": ("migration_net_16_64", "Net migration of people aged 16-64", "net", "in minus out, people aged 16 to 64"),
    "Total Net Migration (65+)": ("migration_net_65_plus", "Net migration of people aged 65 and over", "net", "in minus out, people aged 65 and over"),
}
PERIOD_WORDS = (" NRS mid-year flows: period 2018 is the year to 30 June 2018, and the rate is per "
                "1,000 residents of the area at that date (all ages).")
NOT_FOR_SCOTLAND = {"migration_in", "migration_out"}
"""Flows whose Scotland figure means something else: Scotland's moves in and out are only those across
its border, while a council's include moves from and to other councils, so they are not compared."""
RELEASE = "NRS local area migration"


def catalogue_rows() -> list[dict]:
    """One indicators.csv row per migration flow."""
    rows = []
    for indicator_id, title, direction, what in FLOWS.values():
        if direction == "net":
            definition = (f"Net migration ({what}) per 1,000 residents, as NRS publishes the rate; "
                          "negative when more people left than arrived.")
            labels = ("", "")
        else:
            definition = (f"People moving {what}, per 1,000 residents. The count is NRS's; the "
                          "residents are derived as count / rate × 1,000.")
            if indicator_id in NOT_FOR_SCOTLAND:
                definition += (" No figure for Scotland: its moves in and out count only moves across Scotland's "
                               "border, while a council's include moves from and to other councils (NRS).")
            labels = ("People moving", "Residents (derived as count / rate)")
        rows.append({
            "indicator_id": indicator_id, "title": title, "theme": "Migration",
            "definition": definition + PERIOD_WORDS + " Published for councils, NHS boards and "
            "Scotland only.", "numerator_label": labels[0], "denominator_label": labels[1],
            "unit": "rate_per_1000", "polarity": "neutral", "source": SOURCE,
            "owner": "National Records of Scotland", "aggregation": "not_additive",
            "suppression_threshold": 0, "derived_from_simd": "false",
            "variability": "estimate", "disclosure": "published_at_source",
            "period_source": "NRS local area migration: mid-year to mid-year (period 2018 is 1 July 2017 to 30 June 2018)",
        })
    return rows


def migration_values(migration: pd.DataFrame, lookup: pd.DataFrame, path: Path) -> pd.DataFrame:
    """values.csv rows for every flow, council, board and Scotland (SCOTLAND once)."""
    flows = migration[migration["indicator"].isin(FLOWS)].copy()
    flows["geography_code"] = _area_codes(flows, lookup, path)
    flows = flows.drop_duplicates(["geography_code", "indicator", "year"])
    scotland = lookup["scotland_code"].iloc[0]
    indicator_ids = flows["indicator"].map(lambda name: FLOWS[name][0])
    flows = flows[~(indicator_ids.isin(NOT_FOR_SCOTLAND) & (flows["geography_code"] == scotland))]
    direction = flows["indicator"].map(lambda name: FLOWS[name][2])
    counted = direction != "net"
    rate = flows["rate"].where(flows["rate"] > 0)
    return pd.DataFrame({
        "indicator_id": flows["indicator"].map(lambda name: FLOWS[name][0]),
        "geography_code": flows["geography_code"], "period": flows["year"].astype(str),
        "numerator": flows["count"].where(counted).astype("Int64"),
        "denominator": (1000 * flows["count"] / rate).round().where(counted).astype("Int64"),
        "value": flows["rate"].round(6), "quality_flag": "", "release": RELEASE,
    }).reset_index(drop=True)


def _area_codes(flows: pd.DataFrame, lookup: pd.DataFrame, path: Path) -> pd.Series:
    """Each row's council, board or Scotland code, by forgiving name; an unknown name names its row."""
    by_name = {"council": _names(lookup, "council"), "health_board": _names(lookup, "health_board")}
    scotland = lookup["scotland_code"].iloc[0]
    codes = []
    for row in flows.itertuples(index=False):
        key = normalise_name(row.area_name)
        level = LEVEL_OF_AREA_TYPE.get(row.area_type)
        code = scotland if key == "scotland" else by_name.get(level, {}).get(key)
        if code is None:
            raise DataFileError(path, "a council, NHS board or SCOTLAND named as in the data zone lookup",
                                row=int(row.source_row), column="Area", found=row.area_name)
        codes.append(code)
    return pd.Series(codes, index=flows.index)


def _names(lookup: pd.DataFrame, level: str) -> dict[str, str]:
    """Codes by normalised name; boards also without their "NHS " prefix."""
    areas = lookup[[f"{level}_code", f"{level}_name"]].drop_duplicates()
    names = {}
    for code, name in areas.itertuples(index=False):
        names[normalise_name(name)] = code
        names[normalise_name(name.removeprefix("NHS "))] = code
    return names
