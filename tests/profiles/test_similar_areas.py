"""Similar areas of the tiny data set's intermediate zones, worked by hand.

Northtown is zones 1 and 2 (500 and 700 residents, SIMD ranks 5000 and 6500, quintiles 4 and 5),
Hillfoot zone 3 (600, rank 3000), Southport zones 4 and 5 (800 and 900, ranks 100 and 800, both
quintile 1, deciles 1 and 2), Eastbay zone 6 (1000, rank 2000); every domain rank of a zone equals
its SIMD rank.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import pmf_kit as pk
from pmf_kit.data.dataset import open_dataset
from pmf_kit.profiles.similar_areas import method_text, similarity_variables

NORTHTOWN, HILLFOOT, SOUTHPORT, EASTBAY = "XI0000001", "XI0000002", "XI0000003", "XI0000004"
ZONES = ["Northtown", "Hillfoot", "Southport", "Eastbay"]


def z(values: list[float]) -> list[float]:
    """z-scores with the population standard deviation, as stats.nearest_neighbours takes them."""
    mean = sum(values) / len(values)
    sd = math.sqrt(sum((value - mean) ** 2 for value in values) / len(values))
    return [(value - mean) / sd for value in values]


def with_urban_rural(folder: Path, classes: dict[str, tuple[str, str]]) -> Path:
    """The tiny data set with an urban/rural level: data zone code -> (class code, class name)."""
    yaml_path = folder / "dataset.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8").replace(
        "  - {id: council, label: Council area}",
        "  - {id: council, label: Council area}\n  - {id: urban_rural_6fold, label: Urban rural class}"), encoding="utf-8")
    lookup = pd.read_csv(folder / "lookup.csv")
    lookup["urban_rural_6fold_code"] = lookup["datazone_code"].map(lambda zone: classes[zone][0])
    lookup["urban_rural_6fold_name"] = lookup["datazone_code"].map(lambda zone: classes[zone][1])
    lookup.to_csv(folder / "lookup.csv", index=False)
    return folder


SIX_FOLD = {"XD0000001": ("UR6-1", "Large Urban Areas"), "XD0000002": ("UR6-5", "Accessible Rural"),
            "XD0000003": ("UR6-6", "Remote Rural"), "XD0000004": ("UR6-1", "Large Urban Areas"),
            "XD0000005": ("UR6-4", "Remote Small Towns"), "XD0000006": ("UR6-5", "Accessible Rural")}


def test_variables_are_population_weighted_ranks_shares_most_deprived_and_log_population(tiny):
    variables = similarity_variables(tiny, "intermediate_zone")
    # Northtown: zones ranked 5000 (500 residents) and 6500 (700): (5000*500 + 6500*700) / 1200
    assert variables.loc[NORTHTOWN, "income_rank"] == pytest.approx(5875)
    # Southport: 100 (800) and 800 (900): 800,000 / 1,700
    assert variables.loc[SOUTHPORT, "housing_rank"] == pytest.approx(800_000 / 1700)
    # Southport: both zones in quintile 1; only the first (800 of 1,700 residents) in decile 1
    assert variables.loc[SOUTHPORT, "most_deprived_quintile_share"] == pytest.approx(100)
    assert variables.loc[SOUTHPORT, "most_deprived_decile_share"] == pytest.approx(100 * 800 / 1700)
    assert variables.loc[[NORTHTOWN, HILLFOOT, EASTBAY], "most_deprived_quintile_share"].tolist() == [0, 0, 0]
    assert variables.loc[HILLFOOT, "log10_population"] == pytest.approx(math.log10(600))
    assert "rural_share" not in variables.columns  # the tiny data set has no urban/rural class


def test_nearest_neighbours_of_hillfoot(tiny):
    """Weights: each of the seven domain ranks 1/7 (all equal here, so together one rank at weight
    1), the quintile and decile shares 1/2 each, log10 population 1/2:
    distance^2 = dz_rank^2 + (dz_quintile^2 + dz_decile^2) / 2 + dz_log_population^2 / 2.
    Eastbay (1.18) and Northtown (3.83) are nearest; Southport (10.8) differs most in concentration."""
    z_rank = z([5875, 3000, 800_000 / 1700, 2000])
    z_size = z([math.log10(people) for people in (1200, 600, 1700, 1000)])
    z_quintile, z_decile = z([0, 0, 100, 0]), z([0, 0, 100 * 800 / 1700, 0])
    expected = {name: math.sqrt((z_rank[i] - z_rank[1]) ** 2 + ((z_quintile[i] - z_quintile[1]) ** 2
                                                               + (z_decile[i] - z_decile[1]) ** 2) / 2
                                + (z_size[i] - z_size[1]) ** 2 / 2)
                for i, name in enumerate(ZONES)}
    similar = pk.similar_areas(tiny, "Hillfoot", n=3, level="intermediate_zone")
    assert list(similar["name"]) == ["Eastbay", "Northtown", "Southport"]
    assert list(similar["distance"]) == pytest.approx([expected["Eastbay"], expected["Northtown"], expected["Southport"]])
    assert expected["Eastbay"] ** 2 == pytest.approx(1.18, abs=0.01)
    assert expected["Southport"] ** 2 == pytest.approx(10.8, abs=0.1)
    assert list(similar["rank"]) == [1, 2, 3]


def test_rurality_is_the_share_of_residents_in_rural_and_in_remote_classes(tiny_copy):
    """Northtown: 700 of 1,200 residents in Accessible Rural; Hillfoot: all in Remote Rural;
    Southport: 900 of 1,700 in Remote Small Towns (remote, not rural); Eastbay: all Accessible Rural."""
    dataset = open_dataset(with_urban_rural(tiny_copy, SIX_FOLD))
    variables = similarity_variables(dataset, "intermediate_zone")
    assert variables["rural_share"].tolist() == pytest.approx([100 * 700 / 1200, 100, 0, 100])
    assert variables["remote_share"].tolist() == pytest.approx([0, 100, 100 * 900 / 1700, 0])


def test_rurality_and_remoteness_weigh_in_the_distance(tiny_copy):
    """Northtown's distance from Hillfoot now adds 1.5 dz_rural^2 + 0.5 dz_remote^2."""
    dataset = open_dataset(with_urban_rural(tiny_copy, SIX_FOLD))
    z_rank = z([5875, 3000, 800_000 / 1700, 2000])
    z_size = z([math.log10(people) for people in (1200, 600, 1700, 1000)])
    z_rural, z_remote = z([100 * 700 / 1200, 100, 0, 100]), z([0, 100, 100 * 900 / 1700, 0])
    northtown = math.sqrt((z_rank[0] - z_rank[1]) ** 2 + 1.5 * (z_rural[0] - z_rural[1]) ** 2
                          + 0.5 * (z_remote[0] - z_remote[1]) ** 2 + (z_size[0] - z_size[1]) ** 2 / 2)
    similar = pk.similar_areas(dataset, "Hillfoot", n=3, level="intermediate_zone").set_index("name")
    assert similar.loc["Northtown", "distance"] == pytest.approx(northtown)


def test_classes_whose_names_say_neither_rural_nor_remote_are_not_matched_on(tiny_copy):
    plain = {zone: (f"C{number % 2}", f"Settlement class {number % 2}") for number, zone in
             enumerate(pd.read_csv(tiny_copy / "lookup.csv")["datazone_code"])}
    dataset = open_dataset(with_urban_rural(tiny_copy, plain))
    assert {"rural_share", "remote_share"}.isdisjoint(similarity_variables(dataset, "intermediate_zone").columns)
    assert "rurality" not in method_text(dataset, 5)


def test_the_method_names_each_aspect_and_its_weight(tiny, tiny_copy):
    assert method_text(tiny, 5) == (
        "Similar areas: the 5 areas of the same level nearest to this one on deprivation level (weight 1), "
        "concentration of deprivation (1) and population (0.5) (statistical nearest neighbours; see "
        "Statistical methods).")
    assert "concentration of deprivation (1), rurality (1.5), remoteness (0.5) and population (0.5)" in method_text(
        open_dataset(with_urban_rural(tiny_copy, SIX_FOLD)), 5)
