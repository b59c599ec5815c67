"""Run-set parameters against the notebook's `parameters` cell: names, kinds, reporting periods."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from pmf_kit.batch.run_parameters import ANY, check_parameters, notebook_parameters
from pmf_kit.errors import ConfigError
from tests.conftest import PROJECT_ROOT

PROFILE = PROJECT_ROOT / "notebooks" / "locality_profile.ipynb"
OUTCOME = PROJECT_ROOT / "notebooks" / "outcome_report.ipynb"
TODAY = datetime.date(2026, 12, 1)


def test_the_parameters_cell_is_read_with_its_defaults():
    assert notebook_parameters(PROFILE) == {
        "dataset": "data/sample", "area_level": "locality", "area": "Auchterlinn",
        "comparator_levels": ["council", "scotland"], "period": "latest", "simd_edition": ANY,
        "custom_areas": ANY, "similar_areas": 5, "key_points_folder": ANY,
    }


def test_what_the_notebooks_take_passes():
    check_parameters(Path("run.yaml"), PROFILE, "parameters", {
        "area_level": "datazone", "comparator_levels": ["locality"], "period": 2023,
        "simd_edition": "SIMD 2016", "custom_areas": "parameters/custom/areas.yaml",
    }, today=TODAY)
    check_parameters(Path("run.yaml"), OUTCOME, "parameters",
                     {"reporting_period": "2024/25 Q2", "loip": "data/loip"}, today=TODAY)
    check_parameters(Path("run.yaml"), OUTCOME, "parameters",
                     {"reporting_period": "2026/27 Q2"}, today=TODAY)  # ended 30 September 2026


@pytest.mark.parametrize("parameters, message", [
    ({"comparator_levels": ("council",)}, "comparator_levels: expected a list"),
    ({"period": ["latest"]}, "period: expected text"),
    ({"period": True}, "period: expected text"),
    ({"area level": "x"}, "area level: a parameter name must be a Python identifier"),
    ({"lambda": "x"}, "lambda: a parameter name must be a Python identifier"),
    ({"areas": "all"}, "areas: locality_profile.ipynb has no parameter 'areas' "
                       r"\(did you mean 'area'\?\)"),
])
def test_what_the_profile_cannot_take_is_named(parameters, message):
    with pytest.raises(ConfigError, match=f"run.yaml: parameters.{message}"):
        check_parameters(Path("run.yaml"), PROFILE, "parameters", parameters, today=TODAY)


@pytest.mark.parametrize("period, message", [
    ("2026/27 Q3", "expected a Q2 \\(mid-year\\) or Q4 \\(full-year\\) reporting period"),
    ("2026/27 Q4", "2026/27 Q4 ends on 31 March 2027, which is not yet past \\(today is 01 December 2026\\)"),
    ("2026/27", "expected a Q2"),
    ("Q4", "period 'Q4' is not"),
])
def test_a_reporting_period_must_be_a_q2_or_q4_that_has_ended(period, message):
    with pytest.raises(ConfigError, match=f"reports\\[2\\].parameters.reporting_period: {message}"):
        check_parameters(Path("run.yaml"), OUTCOME, "reports[2].parameters", {"reporting_period": period},
                         today=TODAY)


def test_a_quarterly_partnership_takes_q1_and_q3():
    for period in ("2025/26 Q1", "2025/26 Q3"):
        check_parameters(Path("run.yaml"), OUTCOME, "parameters", {"reporting_period": period},
                         today=TODAY, quarters=(1, 2, 3, 4))
    with pytest.raises(ConfigError, match=r"expected a Q2 \(mid-year\) or Q3 reporting period such as 2024/25 Q3, "
                                          r"found '2025/26 Q1'"):
        check_parameters(Path("run.yaml"), OUTCOME, "parameters", {"reporting_period": "2025/26 Q1"},
                         today=TODAY, quarters=(2, 3))
