"""Levels, membership, forgiving area look-up, best-fit and custom areas on the tiny data set."""

import re
import pytest

from pmf_kit.data.geography import Area
from pmf_kit.errors import ConfigError, UnknownAreaError, UnknownLevelError


def test_areas_of_a_level_with_population_summed(tiny):
    localities = tiny.areas("locality")
    assert list(localities["name"]) == ["North & Hills", "South Coast"]
    assert list(localities["population"]) == [1800, 2700]  # 500+700+600, 800+900+1000
    assert list(localities["datazones"]) == [3, 3]


@pytest.mark.parametrize("typed", ["North & Hills", "north and hills", "  NORTH  &  HILLS ", "Hills North",
                                   "XL0000001", "xl0000001"])
def test_find_area_forgives_case_spacing_and_ampersand(tiny, typed):
    assert tiny.find_area(typed, "locality") == Area("locality", "XL0000001", "North & Hills")


def test_find_area_without_level_searches_every_level(tiny):
    assert tiny.find_area("Middle Ward") == Area("ward", "XW0000002", "Middle Ward")


def test_unknown_name_lists_closest_matches(tiny):
    with pytest.raises(UnknownAreaError) as caught:
        tiny.find_area("South Coats", "locality")
    assert caught.value.suggestions == ["South Coast"]
    assert "closest matches: South Coast" in str(caught.value)


def test_unknown_level_lists_the_levels(tiny):
    with pytest.raises(UnknownLevelError, match="this data set has: datazone, intermediate_zone"):
        tiny.areas("parish")


def test_best_fit_assigns_straddling_ward_by_population(tiny):
    fits = tiny.geography.best_fit("ward", "locality").set_index("code")
    # Middle Ward: XD0000003 (600, North & Hills) + XD0000004 (800, South Coast) -> South Coast, 800/1400
    assert fits.loc["XW0000002", "to_name"] == "South Coast"
    assert fits.loc["XW0000002", "population_share"] == pytest.approx(800 / 1400)
    assert not fits.loc["XW0000002", "nests"]
    assert fits.loc["XW0000001", "nests"]


def test_areas_within_a_locality(tiny):
    south = tiny.find_area("South Coast", "locality")
    within = tiny.geography.areas_within(south, "ward")
    assert list(within["name"]) == ["Middle Ward", "South Ward"]


def test_datazones_in_an_area(tiny):
    north = tiny.find_area("North & Hills", "locality")
    assert tiny.geography.datazones_in(north) == ["XD0000001", "XD0000002", "XD0000003"]


def write_custom(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_custom_area_from_datazones_and_from_a_union(tiny, tmp_path):
    areas = tiny.add_custom_areas(write_custom(tmp_path / "areas.yaml", """
areas:
  - name: Harbour regeneration
    datazones: [XD0000004, XD0000005, XD0000006]
  - name: Harbour & north
    union:
      - {custom: Harbour regeneration}
      - {level: ward, area: north ward}
      - {level: intermediate_zone, area: Hillfoot}
"""))
    assert list(areas["name"]) == ["Harbour & north", "Harbour regeneration"]
    assert list(areas["population"]) == [800 + 900 + 1000 + 500 + 700 + 600, 800 + 900 + 1000]
    value = tiny.aggregate("custom", indicators="smoking", periods=["2023"]).set_index("geography_name")
    # Harbour regeneration: (30 + 40) / (120 + 200) = 21.875 % (XD0000006 has no 2023 figure)
    assert value.loc["Harbour regeneration", "value"] == pytest.approx(21.875)
    # Harbour & north: (30 + 40 + 10 + 20 + 3) / (120 + 200 + 100 + 150 + 80) = 103 / 650
    assert value.loc["Harbour & north", "value"] == pytest.approx(103 / 650 * 100)
    assert tiny.find_area("harbour and north", "custom").code == "CUSTOM-HARBOUR-AND-NORTH"


@pytest.mark.parametrize("text, message", [
    ("areas:\n  - name: Harbour\n    datazones: [XD0000001, XD0000003]\n",
     "custom area 'Harbour' differs from the intermediate zone area Hillfoot by only 1 data zone (500 residents: "
     "XD0000001)"),
    ("areas:\n  - name: Most\n    union: [{level: locality, area: South Coast}, {level: datazone, area: XD0000001}]\n",
     "custom area 'Most' differs from the intermediate zone areas Southport, Eastbay by only 1 data zone "
     "(500 residents: XD0000001)"),
])
def test_a_custom_area_a_sliver_away_from_a_published_area_is_refused(tiny, tmp_path, text, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        tiny.add_custom_areas(write_custom(tmp_path / "areas.yaml", text))
    assert "custom" not in tiny.level_ids


@pytest.mark.parametrize("text, message", [
    ("areas: [\n", "broken YAML at line"),
    ("areas:\n  - name: A\n    datazones: [XD9999999]\n", "unknown data zone code 'XD9999999'"),
    ("areas:\n  - name: A\n", "give exactly one of `datazones:` or `union:`"),
    ("areas:\n  - name: A\n    union: [{level: locality, area: Nowhere}]\n", "no area called 'Nowhere'"),
    ("areas:\n  - name: A\n    datazones: [XD0000001]\n    colour: red\n", "unknown key `colour`"),
    ("areas:\n  - name: A\n    union: [{custom: B}]\n", "custom area 'B' is not defined above it"),
    ("areas:\n  - {name: A, datazones: [XD0000001]}\n  - {name: A, datazones: [XD0000002]}\n", "defined twice"),
])
def test_bad_custom_area_files_name_the_file_and_problem(tiny, tmp_path, text, message):
    path = write_custom(tmp_path / "areas.yaml", text)
    with pytest.raises(ConfigError) as caught:
        tiny.add_custom_areas(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_saved_custom_areas_load_back(tiny, tmp_path):
    from pmf_kit.data.custom_areas import save_custom_areas

    path = save_custom_areas({"Two zones": ["XD0000002", "XD0000001"]}, tmp_path / "saved.yaml")
    areas = tiny.add_custom_areas(path)
    assert list(areas["population"]) == [1200]


def test_adding_the_same_custom_area_again_redefines_it(tiny, tmp_path):
    path = write_custom(tmp_path / "areas.yaml", "areas:\n  - {name: Pair, datazones: [XD0000001, XD0000002]}\n")
    tiny.add_custom_areas(path)
    write_custom(path, "areas:\n  - {name: Pair, datazones: [XD0000001]}\n")
    areas = tiny.add_custom_areas(path)
    assert list(areas["population"]) == [500]
