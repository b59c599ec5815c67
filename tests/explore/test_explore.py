"""The exploring API: quick profile by keyword, the data explorer, area profiles at every level,
comparisons and spend against need, each returning what a notebook displays well."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

import pmf_kit as pk
from pmf_kit.batch.runsets import load_run_set
from pmf_kit.errors import PmfKitError, UnknownAreaError
from pmf_kit.explore.explore import comparison_display, default_comparator_levels, find_area_by_keyword
from tests.conftest import PROJECT_ROOT, SAMPLE_DATASET


@pytest.fixture(scope="module")
def sample():
    return pk.open_dataset(SAMPLE_DATASET)


def test_comparators_are_the_nesting_areas_above_then_scotland(sample):
    assert default_comparator_levels(sample, "datazone") == ["intermediate_zone", "locality", "council", "scotland"]
    assert default_comparator_levels(sample, "locality") == ["council", "scotland"]
    assert default_comparator_levels(sample, "ward") == ["locality", "council", "scotland"]


def test_a_keyword_finds_the_one_area_whose_name_holds_it(sample):
    assert find_area_by_keyword(sample, "innis", "locality").name == "Isle of Innisbrae"
    assert find_area_by_keyword(sample, "Auchterlinn").level == "locality"
    with pytest.raises(UnknownAreaError) as error:
        find_area_by_keyword(sample, "a", "locality")
    assert error.value.ambiguous
    assert set(pk.search_areas(sample, "innis", "locality")["name"]) == {"Isle of Innisbrae"}


def test_quick_profile_has_the_headline_and_every_indicator_compared_with_the_council(sample):
    quick = pk.quick_profile(sample, "innis", level="locality")
    assert quick.area.name == "Isle of Innisbrae"
    assert list(quick.headline().columns) == ["Measure", "Isle of Innisbrae", "Sample Council"]
    comparison = quick.comparison()
    assert len(comparison) == len(sample.catalogue)
    assert set(comparison["comparator_name"]) == {"Sample Council"}
    page = quick._repr_html_()
    assert "<h2>Isle of Innisbrae</h2>" in page and "indicators compared" in page
    assert "Emergency hospital admissions" in page


def test_search_indicators_by_keyword_and_by_theme_returns_catalogue_rows_with_definitions(sample):
    alcohol = pk.search_indicators(sample, "alcohol")
    assert list(alcohol["indicator_id"]) == ["alcohol_admissions"]
    assert alcohol.loc[0, "definition"].startswith("General acute hospital stays")
    assert alcohol.loc[0, "periods"] == "2016/17 to 2024/25"
    assert "1 indicator found" in alcohol._repr_html_() and "per 100,000" in alcohol._repr_html_()
    older = pk.search_indicators(sample, theme="older people")
    assert set(older["indicator_id"]) == {"home_care", "falls_admissions"}
    assert set(pk.search_indicators(sample, "admissions", theme="Health")["indicator_id"]) == {
        "emergency_admissions", "alcohol_admissions"}
    assert pk.search_indicators(sample, "zebra").empty
    with pytest.raises(PmfKitError, match="no theme called 'Helth'"):
        pk.search_indicators(sample, theme="Helth")


def test_area_profile_of_a_datazone_compares_it_with_its_intermediate_zone_locality_and_council(sample):
    profile = pk.area_profile(sample, "X01000497", level="datazone", theme="health")
    assert profile.themes == ["Health"]
    names = [area.name for area in profile.profile.comparators]
    assert names == ["Muirfoot", "Isle of Innisbrae", "Sample Council", "Scotland (synthetic)"]
    table = profile.theme_table("Health")
    assert {"Muirfoot - 01", "Muirfoot", "Isle of Innisbrae", "Sample Council"} <= set(table.columns)
    assert "Health: Muirfoot - 01 compared" in profile._repr_html_()
    assert isinstance(profile.trend_chart("emergency_admissions"), alt.LayerChart)
    [long] = profile.tables().values()
    assert list(long.columns[:3]) == ["area_level", "area_code", "area_name"]
    assert long.loc[long["suppressed"] != "", "numerator"].isna().all()


def test_area_profile_of_every_theme(sample):
    profile = pk.area_profile(sample, "Auchterlinn")
    assert profile.themes == list(dict.fromkeys(sample.catalogue["theme"]))


def test_compare_never_labels_a_count_against_an_area_of_another_size(tiny_copy):
    values = tiny_copy / "values.csv"
    values.write_text(values.read_text(encoding="utf-8").replace("births,XD0000005,2023,,,", "births,XD0000005,2023,8,,"),
                      encoding="utf-8")
    comparison = pk.compare(pk.open_dataset(tiny_copy), "South Coast", "births", level="locality")
    # 29 births in South Coast, 46 in the council: no interval, and "not comparable", never "lower"
    assert comparison[["value", "comparator_value"]].values.tolist() == [[29, 46]]
    assert comparison[["lower_95", "upper_95"]].isna().all().all()
    assert comparison["compared"].tolist() == ["not comparable"]


def test_compare_reads_a_census_share_by_size_never_as_significant(tiny_copy):
    catalogue = tiny_copy / "indicators.csv"
    lines = catalogue.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",variability"] + [line + (",census" if line.startswith("smoking,") else ",") for line in lines[1:]]
    catalogue.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dataset = pk.open_dataset(tiny_copy)
    comparison = pk.compare(dataset, ["Northtown", "Southport"], "smoking", level="intermediate_zone")
    # Southport 70 / 320 = 21.9% against the council's 103 / 650 = 15.8%: higher, by size; Northtown is hidden
    assert comparison["value"].tolist()[1] == pytest.approx(100 * 70 / 320)
    assert comparison["compared"].tolist() == ["not comparable", "higher (by size; no sampling error)"]
    assert comparison[["lower_95", "upper_95"]].isna().all().all()


def test_compare_labels_each_area_against_the_comparator(sample):
    comparison = pk.compare(sample, ["Auchterlinn", "Kilbarrow and Dalvane"], "child_poverty")
    assert list(comparison["area_name"]) == ["Auchterlinn", "Kilbarrow and Dalvane"]
    council = pk.table(sample, "child_poverty", "council")
    assert (comparison["comparator_value"] == council["value"].item()).all()
    assert set(comparison["compared"]) <= {"better", "worse", "no different", "not comparable"}
    row = comparison.iloc[0]
    expected = "worse" if row["lower_95"] > row["comparator_value"] else None
    if expected:
        assert row["compared"] == expected
    scotland = pk.compare(sample, "Auchterlinn", "child_poverty", comparator="X92000003", comparator_level="scotland")
    assert scotland["comparator_name"].item() == "Scotland (synthetic)"
    assert list(comparison_display(comparison).columns)[:2] == ["Area", "Indicator"]
    chart = pk.comparison_chart(comparison, "child_poverty")
    areas = {row["area_name"] for row in chart.to_dict()["datasets"][next(iter(chart.to_dict()["datasets"]))]}
    assert areas == {"Auchterlinn", "Kilbarrow and Dalvane", "Sample Council"}


def test_spend_per_head_within_a_locality_and_against_need(sample):
    spend = pk.spend_per_head(sample, "datazone", within="locality=Isle of Innisbrae")
    innisbrae = sample.find_area("Isle of Innisbrae", "locality")
    assert set(spend["area_code"]) == set(sample.geography.datazones_in(innisbrae))
    need = pk.spend_against_need(sample, "locality", ["employment_deprived"])
    assert len(need) == 7
    assert {"spend_per_head_gbp", "spend_per_head_gbp: Home care", "percent_in_most_deprived_quintile",
            "employment_deprived", "employment_deprived_period"} <= set(need.columns)
    inverbrackie = need.set_index("area_name").loc["Inverbrackie"]
    assert inverbrackie["percent_in_most_deprived_quintile"] > 20
    advanced = pk.table(sample, "employment_deprived", "locality").set_index("area_name")
    assert inverbrackie["employment_deprived"] == pytest.approx(advanced.loc["Inverbrackie", "value"])


def test_a_custom_area_profile_is_first_class(sample, tmp_path):
    dataset = pk.open_dataset(SAMPLE_DATASET)
    pk.use_custom_areas(dataset, pk.from_areas(dataset, "Muirfoot and Innisbrae", ["Muirfoot"], "intermediate_zone"),
                        tmp_path / "areas.yaml")
    quick = pk.quick_profile(dataset, "Muirfoot and Innisbrae", level="custom")
    assert quick.area.level == "custom"
    assert [area.level for area in quick.profile.comparators] == ["council", "scotland"]
    assert isinstance(quick.comparison(), pd.DataFrame) and len(quick.comparison()) == len(dataset.catalogue)


def test_the_datazone_run_set_profiles_every_datazone_of_isle_of_innisbrae(sample):
    run_set = load_run_set(PROJECT_ROOT / "parameters" / "sample" / "datazones-isle-of-innisbrae.yaml")
    innisbrae = sample.find_area("Isle of Innisbrae", "locality")
    assert [report.parameters["area"] for report in run_set.reports] == sample.geography.datazones_in(innisbrae)
    assert {report.parameters["area_level"] for report in run_set.reports} == {"datazone"}
    assert run_set.reports[0].parameters["comparator_levels"] == ["intermediate_zone", "locality", "council"]
