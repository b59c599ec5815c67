"""NRS migration reader: counts, rates and years as numbers, with the row of each."""

from __future__ import annotations

from pmf_kit.sources.nrs_migration import read_nrs_migration
from tests.conftest import FIXTURES

MIGRATION = FIXTURES / "sources" / "scotland_2011" / "indicators" / "nrs_local_area_migration_ca_hb.csv"


def test_migration_rows_are_read_as_published():
    migration = read_nrs_migration(MIGRATION)
    net = migration[(migration["area_name"] == "Aberdeen City") & (migration["indicator"] == "Total Net Migration")]
    assert net[["year", "count", "rate", "source_row"]].iloc[0].tolist() == [2018, -1050, -4.551, 3]
    assert len(migration) == 11
