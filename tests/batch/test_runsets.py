"""Run-set files: good ones resolve to reports; each kind of mistake names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmf_kit.batch.runsets import load_run_set, load_run_sets
from pmf_kit.errors import ConfigError
from tests.conftest import write_run_set


LOCALITIES = """\
title: Locality profiles
notebook: notebooks/echo.ipynb
dataset: data/tiny
output: reports/tiny/localities
parameters:
  area_level: locality
  comparator_levels: [council]
  period: latest
areas: all
"""


def test_areas_all_makes_one_report_per_area_with_its_code(project):
    run_set = load_run_set(write_run_set(project, LOCALITIES))

    assert run_set.title == "Locality profiles"
    assert run_set.dataset_name == "Tiny Council (test fixture)"
    assert [report.name for report in run_set.reports] == ["north-hills", "south-coast"]
    first = run_set.reports[0]
    assert first.label == "North & Hills"
    assert first.output_path == Path("reports/tiny/localities/north-hills.html")
    assert first.failed_notebook_path == Path("reports/tiny/localities/north-hills.failed.ipynb")
    assert first.parameters == {
        "dataset": "data/tiny",
        "area_level": "locality",
        "comparator_levels": ["council"],
        "period": "latest",
        "area": "XL0000001",
    }


def test_areas_listed_by_name_or_code_are_matched_forgivingly(project):
    text = LOCALITIES.replace("areas: all", 'areas: ["north and hills", "XL0000002"]')
    run_set = load_run_set(write_run_set(project, text))

    assert [(r.label, r.parameters["area"]) for r in run_set.reports] == [
        ("North & Hills", "XL0000001"),
        ("South Coast", "XL0000002"),
    ]


def test_listed_reports_get_shared_then_own_parameters(project):
    text = """\
title: Partnership dashboard
notebook: notebooks/echo.ipynb
dataset: data/tiny
output: reports/tiny/dashboard
parameters: {period: 2024/25 Q2, area_level: council}
reports:
  - name: q2-2024-25
    parameters: {period: 2024/25 Q2}
  - name: Q4 2024-25
    parameters: {period: 2024/25 Q4}
"""
    run_set = load_run_set(write_run_set(project, text))

    assert [report.name for report in run_set.reports] == ["q2-2024-25", "q4-2024-25"]
    assert run_set.reports[1].parameters == {
        "dataset": "data/tiny", "period": "2024/25 Q4", "area_level": "council",
    }


def test_a_folder_is_every_yaml_file_in_it_in_name_order(project):
    write_run_set(project, LOCALITIES, "b_localities.yaml")
    write_run_set(project, LOCALITIES.replace("localities", "wards"), "a_wards.yml")
    (project / "parameters" / "notes.txt").write_text("not a run set")

    run_sets = load_run_sets("parameters")

    assert [run_set.source.name for run_set in run_sets] == ["a_wards.yml", "b_localities.yaml"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("title: [unclosed\n", "not valid YAML at line"),
        ("- just\n- a list\n", "expected a mapping"),
        (LOCALITIES + "notebok: x.ipynb\n", "unknown key 'notebok'"),
        (LOCALITIES.replace("dataset: data/tiny\n", ""), "missing key 'dataset'"),
        (LOCALITIES.replace("notebooks/echo.ipynb", "notebooks/nope.ipynb"),
         "notebooks/nope.ipynb' does not exist"),
        (LOCALITIES.replace("notebooks/echo.ipynb", "notebooks/echo.py"),
         "notebook: expected a .ipynb file"),
        (LOCALITIES.replace("data/tiny", "data/absent"), "dataset: expected a data set folder"),
        (LOCALITIES.replace("areas: all", 'areas: ["Nowhere Town"]'),
         "areas: no area called 'Nowhere Town'"),
        (LOCALITIES.replace("area_level: locality", "area_level: planet"),
         "parameters.area_level: unknown geography level 'planet'"),
        (LOCALITIES.replace("  area_level: locality\n", ""), "parameters.area_level"),
        (LOCALITIES + "reports: [{name: x}]\n", "exactly one of 'areas'"),
        (LOCALITIES.replace("areas: all", "areas: 3"), "areas: expected 'all' or a list"),
        (LOCALITIES.replace("period: latest", "area: XL0000001"), "area is set by the run set"),
        (LOCALITIES.replace("areas: all", "reports: [{name: A b}, {name: a-B}]"),
         "would both be written to a-b.html"),
        (LOCALITIES.replace("areas: all", "reports: [{name: x, params: {}}]"),
         "reports[1]: unknown key 'params'"),
        (LOCALITIES.replace("areas: all", "reports: [{parameters: {}}]"), "reports[1].name"),
        (LOCALITIES.replace("output: reports/tiny/localities", "output: 12"),
         "output: expected a non-empty string"),
    ],
)
def test_each_mistake_names_the_file_and_what_was_expected(project, text, expected):
    path = write_run_set(project, text)

    with pytest.raises(ConfigError) as raised:
        load_run_sets(path)

    assert str(raised.value).startswith(f"{path}: ")
    assert expected in str(raised.value)


def test_two_run_sets_writing_the_same_file_is_an_error(project):
    write_run_set(project, LOCALITIES, "a.yaml")
    write_run_set(project, LOCALITIES.replace("Locality profiles", "Again"), "b.yaml")

    with pytest.raises(ConfigError, match=r"parameters/b.yaml: report 'North & Hills' would "
                                          r"overwrite reports/tiny/localities/north-hills.html"):
        load_run_sets("parameters")


def test_a_folder_without_run_sets_is_an_error(project):
    with pytest.raises(ConfigError, match="found none"):
        load_run_sets("parameters")


def test_a_missing_path_is_an_error(project):
    with pytest.raises(ConfigError, match="parameters/absent.yaml: expected a run-set"):
        load_run_sets("parameters/absent.yaml")


def test_areas_all_within_an_area_matched_forgivingly(project):
    text = LOCALITIES.replace("  area_level: locality", "  area_level: intermediate_zone") + "within: locality=south coast\n"
    run_set = load_run_set(write_run_set(project, text))
    assert [report.label for report in run_set.reports] == ["Eastbay", "Southport"]
    assert run_set.reports[1].parameters["area"] == "XI0000003" and run_set.notes == []


def test_an_area_without_any_of_the_level_falls_back_and_says_so(project):
    # Hillfoot's only data zone lies in North & Hills, which is assigned best-fit to Northtown.
    text = LOCALITIES + "within: intermediate_zone=Hillfoot\nfallback_level: datazone\n"
    run_set = load_run_set(write_run_set(project, text))
    assert [report.label for report in run_set.reports] == ["Hillfoot - 01"]
    assert run_set.reports[0].parameters["area_level"] == "datazone"
    assert run_set.notes == ["Hillfoot has no Locality areas: Data zone reports instead"]


@pytest.mark.parametrize(("extra", "expected"), [
    ("within: Fife\n", "within: expected LEVEL=NAME"),
    ("within: intermediate_zone=Hillfoot\n", "Hillfoot has no areas of level 'locality'"),
    ("within: council=Atlantis\n", "no area called 'Atlantis'"),
])
def test_a_bad_within_names_the_problem(project, extra, expected):
    with pytest.raises(ConfigError, match=expected):
        load_run_set(write_run_set(project, LOCALITIES + extra))


def test_areas_that_share_a_name_are_told_apart_by_their_code(project):
    lookup = project / "data" / "tiny" / "lookup.csv"
    lookup.write_text(lookup.read_text().replace("South Coast", "North & Hills"))
    run_set = load_run_set(write_run_set(project, LOCALITIES))

    assert [(report.label, report.name) for report in run_set.reports] == [
        ("North & Hills (XL0000001)", "north-hills-xl0000001"),
        ("North & Hills (XL0000002)", "north-hills-xl0000002"),
    ]
