"""NRS migration in the whole-Scotland import: counts, derived residents and published rates."""

from __future__ import annotations

import pandas as pd
import pytest

from pmf_kit.errors import DataFileError
from pmf_kit.importers.nrs_migration import migration_values
from pmf_kit.sources.nrs_migration import read_nrs_migration
from tests.conftest import FIXTURES

MIGRATION = FIXTURES / "sources" / "scotland_2011" / "indicators" / "nrs_local_area_migration_ca_hb.csv"
LOOKUP = pd.DataFrame({
    "council_code": ["S12000033", "S12000049"], "council_name": ["Aberdeen City", "Glasgow City"],
    "health_board_code": ["S08000020", "S08000031"],
    "health_board_name": ["NHS Grampian", "NHS Greater Glasgow and Clyde"], "scotland_code": "S92000003"})


def test_in_flows_carry_count_and_derived_residents_net_flows_the_rate_alone():
    values = migration_values(read_nrs_migration(MIGRATION), LOOKUP, MIGRATION).set_index(["indicator_id", "geography_code"])
    arriving = values.loc[("migration_in", "S12000033")]
    assert (arriving["numerator"], arriving["denominator"], arriving["value"]) == (14120, round(14120 / 61.2 * 1000), 61.2)
    net = values.loc[("migration_net", "S12000033")]
    assert pd.isna(net["numerator"]) and pd.isna(net["denominator"]) and net["value"] == -4.551
    assert values.loc[("migration_in", "S08000031"), "numerator"] == 45700  # board "Greater Glasgow and Clyde"
    # SCOTLAND once, not under both area types, and without its total moves in and out: they count
    # only moves across Scotland's border, a council's moves from other councils too
    assert values.loc[(slice(None), "S92000003"), :].index.get_level_values(0).tolist() == ["migration_net"]
    assert ("migration_in", "S92000003") not in values.index
    assert set(values["period"]) == {"2018"}


def test_an_area_the_lookup_does_not_have_names_its_row(tmp_path):
    copy = tmp_path / MIGRATION.name
    copy.write_text(MIGRATION.read_text().replace("Glasgow City,Council Area", "Glasgow,Council Area", 1))
    with pytest.raises(DataFileError, match="row 4, column 'Area'"):
        migration_values(read_nrs_migration(copy), LOOKUP, copy)
