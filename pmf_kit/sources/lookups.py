"""Data zone lookups: Scottish Government, Public Health Scotland and ScotPHO.

- SG `Datazone2011lookup.csv` (statistics.gov.scot): every statutory level of a 2011 data
  zone (intermediate zone, ward, council, health board, urban/rural classes). Current council
  codes (Fife S12000047).
- PHS `dz2011_codes_and_labels`: HSCP codes and names, and health boards as "NHS ...".
- PHS "Datazone to Locality Lookup" (Sub-HSCP areas): HSCP localities, published for only
  some councils in the version we hold; its council and HSCP codes are the older ones, so only
  the locality columns are used.
- SG Urban Rural Classification 2020 at 2011 data zones.
- ScotPHO profiles tool geography dictionary (areas by type, with S99 locality codes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Collection

import pandas as pd

from pmf_kit.data.geography_versions import describe, version_of_code
from pmf_kit.errors import DataFileError
from pmf_kit.sources.tables import (
    check_datazone_codes,
    drop_blank_rows,
    parse_numbers,
    read_csv_cells,
    require_columns,
)

_SG_LEVEL_NAMES = {
    "MMWard_Code": "ward_code",
    "MMWard_Name": "ward_name",
    "LA_Code": "council_code",
    "LA_Name": "council_name",
    "HB_Code": "health_board_code",
    "HB_Name": "health_board_name",
    "UR6_Code": "urban_rural_6fold_code",
    "UR6_Name": "urban_rural_6fold_name",
    "Country_Code": "scotland_code",
    "Country_Name": "scotland_name",
}
"""The columns the SG lookups of both data zone versions share."""
_SG_LOOKUP_NAMES = {
    "DZ2011_Code": "datazone_code",
    "DZ2011_Name": "datazone_name",
    "IZ2011_Code": "intermediate_zone_code",
    "IZ2011_Name": "intermediate_zone_name",
    **_SG_LEVEL_NAMES,
}
_SG_2022_LOOKUP_NAMES = {
    "DZ22_Code": "datazone_code",
    "DZ22_Name": "datazone_name",
    "IZ22_Code": "intermediate_zone_code",
    "IZ22_Name": "intermediate_zone_name",
    "HIA_Code": "hscp_code",
    "HIA_Name": "hscp_name",
    **_SG_LEVEL_NAMES,
}
_PHS_LABEL_NAMES = {
    "DataZone": "datazone_code",
    "DataZoneName": "datazone_name",
    "IntZone": "intermediate_zone_code",
    "IntZoneName": "intermediate_zone_name",
    "CA": "council_code",
    "CAName": "council_name",
    "HSCP": "hscp_code",
    "HSCPName": "hscp_name",
    "HB": "health_board_code",
    "HBName": "health_board_name",
}
_PHS_LOCALITY_NAMES = {
    "DataZone": "datazone_code",
    "SubHSCP": "hscp_locality_code",
    "SubHSCPName": "hscp_locality_name",
}
_URBAN_RURAL_NAMES = {
    "DataZone": "datazone_code",
    "UrbanRural2fold2020": "urban_rural_2fold",
    "UrbanRural3fold2020": "urban_rural_3fold",
    "UrbanRural6fold2020": "urban_rural_6fold",
    "UrbanRural8fold2020": "urban_rural_8fold",
}
# Class names of the SG Urban Rural Classification 6-fold (2016 and 2020 editions alike).
URBAN_RURAL_6FOLD_NAMES = {
    1: "Large Urban Areas",
    2: "Other Urban Areas",
    3: "Accessible Small Towns",
    4: "Remote Small Towns",
    5: "Accessible Rural",
    6: "Remote Rural",
}
_SCOTPHO_NAMES = {
    "code": "code",
    "areaname": "name",
    "areatype": "area_type",
    "parent_area": "parent_area",
}


def read_sg_datazone_lookup(path: Path, datazones: Collection[str] | None = None) -> pd.DataFrame:
    """Data zone to every SG level: one row per data zone, codes and names in our names.

    Columns: datazone, intermediate_zone, ward, council, health_board, urban_rural_6fold and
    scotland, each as `<level>_code` and `<level>_name` (urban/rural codes are 1 to 6).
    """
    return _renamed_datazone_table(Path(path), _SG_LOOKUP_NAMES, datazones)


def read_sg_datazone_2022_lookup(path: Path) -> pd.DataFrame:
    """The SG lookup of the 2022 data zones: one row per zone with its intermediate zone, ward,
    council, HSCP (the health integration authority, `HIA_`), NHS board and urban/rural class.

    Published in Windows-1252 with no-break spaces after some ward names; names are trimmed,
    boards named "NHS <board>" as PHS does, and every code must be a 2022 one (a 2011 lookup
    given by mistake is named as such).
    """
    path = Path(path)
    frame = _renamed_datazone_table(path, _SG_2022_LOOKUP_NAMES, None)
    versions = frame["datazone_code"].map(version_of_code)
    wrong = versions != "2022"
    if wrong.any():
        position = int(wrong.to_numpy().argmax())
        raise DataFileError(path, f"a 2022 data zone code (S01013482 to S01020873), not one of "
                            f"{describe(versions.iloc[position])}", row=int(frame["source_row"].iloc[position]),
                            column="DZ22_Code", found=frame["datazone_code"].iloc[position])
    frame["health_board_name"] = "NHS " + frame["health_board_name"].str.removeprefix("NHS ")
    return frame


def read_phs_datazone_labels(path: Path, datazones: Collection[str] | None = None) -> pd.DataFrame:
    """PHS data zone codes and labels: one row per data zone with HSCP and health board."""
    return _renamed_datazone_table(Path(path), _PHS_LABEL_NAMES, datazones)


def read_phs_locality_lookup(path: Path, datazones: Collection[str] | None = None) -> pd.DataFrame:
    """Data zone to HSCP locality (PHS Sub-HSCP codes `PN...`) where PHS publishes one.

    Data zones of councils without published localities are simply absent; `datazones` is
    then the set every listed code must belong to, not the set that must be complete.
    Locality names are trimmed (one is published as "West Renfrewshire ").
    """
    path = Path(path)
    cells = drop_blank_rows(read_csv_cells(path, "DataZone"))
    require_columns(cells, _PHS_LOCALITY_NAMES, path)
    codes = check_datazone_codes(cells, "DataZone", path, known=datazones, complete=False)
    return _renamed(cells, _PHS_LOCALITY_NAMES).assign(datazone_code=codes.to_numpy())


def read_urban_rural_2020(path: Path, datazones: Collection[str] | None = None) -> pd.DataFrame:
    """SG Urban Rural Classification 2020 per data zone: 2-, 3-, 6- and 8-fold class numbers.

    Class names are in URBAN_RURAL_6FOLD_NAMES; a 6-fold class outside 1 to 6 is an error.
    """
    path = Path(path)
    cells = drop_blank_rows(read_csv_cells(path, "DataZone"))
    require_columns(cells, _URBAN_RURAL_NAMES, path)
    frame = _renamed(cells, _URBAN_RURAL_NAMES)
    frame["datazone_code"] = check_datazone_codes(cells, "DataZone", path, known=datazones)
    for column, name in _URBAN_RURAL_NAMES.items():
        if name != "datazone_code":
            frame[name] = parse_numbers(cells, column, path, whole=True, allow_blank=False)[0]
    unknown = ~frame["urban_rural_6fold"].isin(list(URBAN_RURAL_6FOLD_NAMES)).to_numpy(dtype=bool)
    if unknown.any():
        position = int(unknown.nonzero()[0][0])
        raise DataFileError(
            path, "a 6-fold urban rural class from 1 to 6",
            row=int(cells["source_row"].iloc[position]), column="UrbanRural6fold2020",
            found=frame["urban_rural_6fold"].iloc[position],
        )
    return frame


def read_scotpho_geo_lookup(path: Path) -> pd.DataFrame:
    """ScotPHO's area dictionary: code, name, area_type, parent_area (HSCP for IZs/localities)."""
    path = Path(path)
    cells = drop_blank_rows(read_csv_cells(path, "code"))
    require_columns(cells, _SCOTPHO_NAMES, path)
    return _renamed(cells, _SCOTPHO_NAMES)


def _renamed_datazone_table(
    path: Path, names: dict[str, str], datazones: Collection[str] | None
) -> pd.DataFrame:
    first = next(iter(names))
    cells = drop_blank_rows(read_csv_cells(path, first))
    require_columns(cells, names, path)
    frame = _renamed(cells, names)
    frame["datazone_code"] = check_datazone_codes(cells, first, path, known=datazones)
    return frame


def _renamed(cells: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The named columns only, renamed, as trimmed text, plus `source_row`."""
    frame = cells[[*names, "source_row"]].rename(columns=names)
    for name in names.values():
        frame[name] = frame[name].map(lambda value: None if value is None else str(value).strip())
    return frame.reset_index(drop=True)
