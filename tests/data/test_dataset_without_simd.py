"""A data set on new data zones may have no SIMD yet (the 2022 zones until SIMD 2026) and a census
population that ends at 85 and over: it opens, and a profile says what is missing instead of
failing. Worked on the tiny data set."""

from __future__ import annotations

import pytest

import pmf_kit.charts.display
from pmf_kit.data.dataset import open_dataset
from pmf_kit.errors import DataFileError
from pmf_kit.profiles import report_sections
from pmf_kit.profiles.key_points import gap_facts
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.profiles.similar_areas import matched_on

NO_SIMD = "SIMD is not yet published on these zones."


@pytest.fixture
def without_simd(tiny_copy):
    (tiny_copy / "simd.csv").unlink()
    card = tiny_copy / "dataset.yaml"
    text = card.read_text(encoding="utf-8").replace("simd_edition: SIMD 2020\n", "")
    card.write_text(text + f"no_simd: {NO_SIMD}\n", encoding="utf-8")
    return tiny_copy


def test_a_data_set_that_says_it_has_no_simd_opens_without_it(without_simd):
    dataset = open_dataset(without_simd)
    assert not dataset.has_simd and dataset.simd_edition is None and dataset.no_simd_note == NO_SIMD
    assert [aspect.name for aspect in matched_on(dataset)] == ["population"]


def test_a_missing_simd_file_is_still_an_error_where_the_card_does_not_say_so(tiny_copy):
    (tiny_copy / "simd.csv").unlink()
    with pytest.raises(DataFileError, match="simd.csv"):
        open_dataset(tiny_copy)


def test_a_profile_without_simd_has_no_deprivation_figure_and_says_why(without_simd, monkeypatch):
    profile = LocalityProfile(open_dataset(without_simd), "Northtown", "intermediate_zone")
    assert not any("deprived" in measure for measure in profile.headline()["Measure"])
    assert list(profile.datazone_table().columns) == ["Data zone code", "Data zone", "Residents",
                                                      "Multi-member ward"]
    assert profile.datazone_table()["Data zone"].is_monotonic_increasing
    assert gap_facts(profile) == (None, [])
    shown: list[str] = []
    for module in (report_sections, pmf_kit.charts.display):
        monkeypatch.setattr(module, "display", lambda item, **_: shown.append(str(getattr(item, "data", ""))))
    report_sections.show_inequalities(profile)
    report_sections.show_datazones(profile)
    html = "".join(shown)
    assert html.count(NO_SIMD) == 1
    assert "rank (1 = most deprived)" not in html and "None" not in html


def test_a_population_may_end_at_85_and_over_but_never_beside_85_to_89(tiny_copy):
    path = tiny_copy / "population.csv"
    rows = path.read_text(encoding="utf-8")
    path.write_text(rows + "XD0000001,2023,female,85+,7\n", encoding="utf-8")
    population = open_dataset(tiny_copy).population
    assert population.loc[population["age_band"] == "85+", "population"].tolist() == [7]
    path.write_text(rows + "XD0000001,2023,female,85+,7\nXD0000002,2023,male,85-89,3\n", encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        open_dataset(tiny_copy)
    assert "column 'age_band': expected the band 85+ or the bands 85-89 and 90+ for 2023, not both" in str(raised.value)
