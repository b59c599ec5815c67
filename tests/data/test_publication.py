"""One suppression decision for everything a data set publishes, shared by every output."""

from __future__ import annotations

import pandas as pd
import pytest

import pmf_kit as pk
from pmf_kit.data.dataset import open_dataset
from pmf_kit.data.publication import Disclosure, cache_folder, published_sets, quintile_code
from pmf_kit.performance.values import level_series
from tests.differencing import attack


def _smoking(tiny_copy, counts: dict[str, str]):
    path = tiny_copy / "values.csv"
    text = path.read_text(encoding="utf-8")
    for zone, count in counts.items():
        start = text.index(f"smoking,{zone},2023,")
        end = text.index(",", start + len(f"smoking,{zone},2023,"))
        text = text[:start] + f"smoking,{zone},2023,{count}" + text[end:]
    path.write_text(text, encoding="utf-8")
    return open_dataset(tiny_copy)


def test_the_published_sets_are_every_area_and_the_quintiles_of_large_ones(tiny):
    sets = published_sets(tiny)
    codes = set(sets.codes)
    assert {"XD0000001", "XI0000001", "XW0000002", "XL0000001", "XC0000001"} <= codes
    # breakdown_min_datazones is 3 in the tiny data set: localities and the council are broken
    # down, the two-zone intermediate zones and wards are not.
    assert quintile_code("XL0000002", "SIMD 2020", 1) in codes
    assert not any(code.startswith("XI0000003|") for code in codes)
    row = sets.position()[quintile_code("XC0000001", "SIMD 2020", 1)]
    assert set(sets.datazones[sets.incidence[row].indices]) == {"XD0000004", "XD0000005"}


def test_a_small_locality_is_hidden_with_the_other_so_the_council_gives_nothing_away(tiny_copy):
    # North & Hills 1 + 1 + 1 = 3 smokers (< 5); the council shows 73, so South Coast (70) is
    # hidden too, in the table, the profile and the KPI series alike.
    dataset = _smoking(tiny_copy, {"XD0000001": "1", "XD0000002": "1", "XD0000003": "1"})
    table = pk.table(dataset, "smoking", "locality", period="2023").set_index("area_name")["suppressed"]
    assert table.to_dict() == {"North & Hills": "primary", "South Coast": "secondary"}
    series = level_series(dataset, "smoking", "locality")
    assert series.loc[series["period"] == "2023"].set_index("area_name")["suppressed"].to_dict() == table.to_dict()
    profile = pk.LocalityProfile(dataset, "South Coast", "locality", ["council"])
    values = profile.values
    shown = values[(values["period"] == "2023") & (values["indicator_id"] == "smoking")].set_index("geography_name")[
        "suppressed"]
    assert shown["South Coast"] == "secondary" and shown["Tiny Council"] == ""
    assert attack(dataset).recovered.empty


def test_the_within_filter_changes_nothing_about_what_is_hidden(tiny_copy):
    dataset = _smoking(tiny_copy, {"XD0000003": "3"})
    everywhere = pk.table(dataset, "smoking", "datazone", period="2023").set_index("area_code")["suppressed"]
    north = pk.table(dataset, "smoking", "datazone", within="locality=North & Hills", period="2023")
    assert north.set_index("area_code")["suppressed"].to_dict() == everywhere[north["area_code"]].to_dict()


@pytest.mark.parametrize("counts", [{"XD0000003": "3"}, {"XD0000001": "0", "XD0000002": "0"},
                                    {"XD0000001": "1", "XD0000002": "1", "XD0000003": "1"},
                                    {"XD0000004": "2", "XD0000005": "0", "XD0000002": "4"}])
def test_the_attack_recovers_nothing_from_all_the_tiny_data_set_publishes(tiny_copy, counts):
    found = attack(_smoking(tiny_copy, counts))
    assert found.hidden > 0 and found.recovered.empty


def test_the_attack_does_recover_counts_that_only_primary_suppression_hides(tiny_copy):
    dataset = _smoking(tiny_copy, {"XD0000001": "1", "XD0000002": "1", "XD0000003": "1"})
    decision = dataset.disclosure.decision
    dataset.__dict__["disclosure"] = Disclosure(decision[decision["suppressed"] == "primary"])
    found = attack(dataset).recovered.set_index(["indicator_id", "period", "code"])["worked_out"]
    # council 73 minus South Coast 70, and Middle Ward (XD0000003 + XD0000004 = 31) minus 30
    assert found[("smoking", "2023", "XL0000001")] == pytest.approx(3)
    assert found[("smoking", "2023", "XD0000003")] == pytest.approx(1)


def test_a_custom_area_hides_only_its_own_figures_never_the_data_set_s(tiny_copy, tmp_path):
    values = tiny_copy / "values.csv"
    values.write_text(values.read_text(encoding="utf-8").replace("smoking,XD0000006,2023,,,", "smoking,XD0000006,2023,2,250,"),
                      encoding="utf-8")
    dataset = open_dataset(tiny_copy)
    before = dataset.disclosure.decision.copy()
    areas = tmp_path / "areas.yaml"
    areas.write_text("areas:\n  - name: West\n    union: [{level: locality, area: North & Hills}, "
                     "{level: intermediate_zone, area: Eastbay}]\n", encoding="utf-8")
    dataset.add_custom_areas(areas)
    after = dataset.disclosure.decision
    standard = after[~after["geography_code"].str.startswith("CUSTOM")]
    pd.testing.assert_frame_equal(standard.reset_index(drop=True), before.reset_index(drop=True))
    # West is North & Hills and Eastbay (XD0000006, 2 smokers, hidden): shown, it would give
    # Eastbay away as West minus North & Hills, so West is hidden; the areas keep their figures.
    shown = pk.table(dataset, "smoking", "custom", period="2023")
    assert shown["suppressed"].tolist() == ["secondary"]
    assert attack(dataset).recovered.empty


def test_the_decision_is_kept_in_the_cache_and_reused(tiny_copy, monkeypatch, tmp_path):
    monkeypatch.setenv("PMF_KIT_CACHE", str(tmp_path / "cache"))
    first = open_dataset(tiny_copy).disclosure.decision
    kept = list(cache_folder().glob("*.csv"))
    assert len(kept) == 1
    monkeypatch.setattr("pmf_kit.data.publication._decision", lambda *_: pytest.fail("decided again"))
    pd.testing.assert_frame_equal(open_dataset(tiny_copy).disclosure.decision, first)
