"""The sample as an attacker sees it: everything it publishes, with its custom areas, gives no
hidden count away, neither by the audit's attacks (issue 13) nor by solving for every data zone
at once (tests/differencing.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import pmf_kit as pk
from tests.conftest import PROJECT_ROOT, SAMPLE_DATASET
from tests.differencing import attack, published

CUSTOM_AREAS = PROJECT_ROOT / "parameters" / "custom" / "areas.yaml"


@pytest.fixture(scope="module")
def sample():
    return pk.open_dataset(SAMPLE_DATASET, custom_areas=CUSTOM_AREAS)


@pytest.fixture(scope="module")
def figures(sample) -> pd.DataFrame:
    return published(sample)


def _table(sample, level: str) -> pd.DataFrame:
    return pk.table(sample, list(sample.catalogue.index), level, period="all")


def _hidden_parts(totals: pd.DataFrame, parts: pd.DataFrame, part_of: pd.Series) -> pd.DataFrame:
    """Shown totals whose parts are all shown but one: total minus the others gives it away."""
    parts = parts.assign(total=parts["area_code"].map(part_of)).dropna(subset=["total"])
    parts = parts.assign(hidden=parts["suppressed"] != "")
    counted = parts.groupby(["indicator_id", "period", "total"])["hidden"].agg(["sum", "size"]).reset_index()
    shown = totals[totals["suppressed"] == ""][["indicator_id", "period", "area_code"]]
    exposed = counted[counted["sum"] == 1].merge(shown, left_on=["indicator_id", "period", "total"],
                                                  right_on=["indicator_id", "period", "area_code"])
    return exposed


@pytest.mark.integration
def test_intermediate_zone_totals_minus_their_shown_data_zones_give_nothing_away(sample):
    zones, intermediate = _table(sample, "datazone"), _table(sample, "intermediate_zone")
    part_of = sample.geography.lookup.set_index("datazone_code")["intermediate_zone_code"]
    # a data zone with no figure is no part of the total
    zones = zones[zones["numerator"].notna() | (zones["suppressed"] != "")]
    assert _hidden_parts(intermediate, zones, part_of).empty
    # the same with each intermediate zone's count read from its percentage and denominator
    percent = sample.catalogue.index[sample.catalogue["unit"] == "percent"]
    from_rates = intermediate[intermediate["indicator_id"].isin(percent)].assign(
        numerator=lambda frame: frame["value"] * frame["denominator"] / 100)
    assert _hidden_parts(from_rates, zones, part_of).empty


@pytest.mark.integration
def test_the_council_minus_its_localities_gives_nothing_away_in_a_table_without_within(sample):
    localities, council = _table(sample, "locality"), _table(sample, "council")
    part_of = sample.geography.lookup.drop_duplicates("locality_code").set_index("locality_code")["council_code"]
    assert _hidden_parts(council, localities, part_of).empty
    assert (localities["suppressed"] != "").any()


@pytest.mark.integration
def test_a_custom_area_minus_the_locality_it_holds_gives_nothing_away(sample):
    localities, custom = _table(sample, "locality"), _table(sample, "custom")
    coast = custom[custom["area_name"] == "Coast and islands"]
    portavie = localities[localities["area_name"] == "Portavie and the Carnbeg Coast"]
    innisbrae = localities[localities["area_name"] == "Isle of Innisbrae"]
    keys = ["indicator_id", "period"]
    both = coast.merge(portavie, on=keys, suffixes=("", "_portavie")).merge(innisbrae, on=keys,
                                                                               suffixes=("", "_innisbrae"))
    exposed = both[(both["suppressed"] == "") & (both["suppressed_portavie"] == "")
                   & (both["suppressed_innisbrae"] != "")]
    assert exposed.empty, exposed[keys].to_string()
    assert (both["suppressed_innisbrae"] != "").any(), "the island should have hidden figures to protect"


@pytest.mark.integration
def test_a_custom_area_a_locality_less_one_data_zone_is_refused(tmp_path):
    areas = tmp_path / "sliver.yaml"
    island = [f"X01000{number}" for number in range(494, 501)]
    areas.write_text("areas:\n  - name: Island less one\n    datazones: [" + ", ".join(island) + "]\n",
                     encoding="utf-8")
    result = subprocess.run([str(Path(sys.executable).parent / "pmf-kit"), "table", "--dataset", str(SAMPLE_DATASET),
                             "--indicator", "deliberate_fires", "--level", "custom", "--custom-areas", str(areas)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {areas}: custom area 'Island less one' differs from the ")
    assert "by only 1 data zone" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.integration
def test_solving_for_every_data_zone_from_everything_the_sample_publishes_recovers_nothing(sample, figures):
    found = attack(sample, figures)
    print(f"\ndifferencing attack on the sample with {CUSTOM_AREAS.name}: {found.figures:,} published figures, "
          f"{found.hidden:,} hidden, {len(found.recovered)} recovered")
    assert found.hidden > 10_000
    assert found.recovered.empty, found.recovered.head(20).to_string()


@pytest.mark.integration
def test_the_sample_reports_show_no_count_beyond_what_the_attack_read(sample, figures):
    """Every count a shipped profile shows (its tables and chart data: the area, its comparators
    and peers) is a figure the attack above solved from, shown there with the same count."""
    published_counts = figures.set_index(["indicator_id", "period", "code"])
    areas = [(code, "locality") for code in sample.areas("locality")["code"]]
    areas += [(code, "custom") for code in sample.areas("custom")["code"]]
    checked = 0
    for code, level in areas:
        values = pk.LocalityProfile(sample, code, level, comparator_levels=["council", "scotland"]).values
        shown = values[values["numerator"].notna() & (values["suppressed"] == "")]
        keys = pd.MultiIndex.from_frame(shown[["indicator_id", "period", "geography_code"]])
        assert keys.isin(published_counts.index).all(), shown[~keys.isin(published_counts.index)].head().to_string()
        matched = published_counts.loc[keys]
        assert not matched["hidden"].any(), shown[matched["hidden"].to_numpy()].head().to_string()
        assert np.allclose(matched["count"].to_numpy(dtype=float), shown["numerator"].to_numpy(dtype=float))
        hidden = values[values["suppressed"] != ""]
        assert hidden["numerator"].isna().all() and hidden["value"].isna().all()
        checked += len(shown)
    assert checked > 1_000
