"""The KPI register: the sample loads, and each kind of mistake names the file, line and field."""

from __future__ import annotations

import math
import shutil

import pytest
from click.testing import CliRunner

from pmf_kit.data.dataset import open_dataset
from pmf_kit.errors import ConfigError
from pmf_kit.cli import cli
from pmf_kit.performance import assess, load_register
from pmf_kit.performance.smart import FAILS, check_loip
from tests.conftest import PROJECT_ROOT, SAMPLE_DATASET

LOIP = PROJECT_ROOT / "data" / "loip"


@pytest.fixture(scope="module")
def sample():
    return open_dataset(SAMPLE_DATASET)


@pytest.fixture
def loip_copy(tmp_path):
    target = tmp_path / "loip"
    shutil.copytree(LOIP, target)
    return target


def test_the_sample_register(sample):
    register = load_register(LOIP, sample)
    assert len(register.outcomes) == 4
    assert len(register.kpis) >= 15
    assert {kpi.indicator for kpi in register.kpis} <= set(sample.catalogue.index)
    locality_plans = {kpi.plan for kpi in register.kpis if kpi.level == "locality"}
    assert len(locality_plans) >= 2
    fuel = next(kpi for kpi in register.kpis if kpi.id == "TP04")
    assert [(m.period, m.value) for m in fuel.trajectory] == [("2022", 23.0)]
    assert fuel.sheet["responsible"] and fuel.sheet["telling_us"]
    assert fuel.tolerance == 0.05


def _break(loip_copy, old: str, new: str) -> None:
    path = loip_copy / "kpis.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("indicator: emergency_admissions", "indicator: emergency_admisions", ["line 7", "kpis[1].indicator", "emergency_admisions"]),
        ("    value: 9500", "    value: lots", ["kpis[1].target.value", "a number", "lots"]),
        ("    value: 9500", "    value: 1.0e+300", ["kpis[1].target.value", "a finite number no larger than 1,000,000,000,000"]),
        ("    value: 9500", "    value: .nan", ["kpis[1].target.value", "a finite number"]),
        ("    period: 2026/27\n    value: 9500", "    period: 2018/19\n    value: 9500", ["kpis[1].target.period", "after the baseline"]),
        ("outcome: healthier_lives", "outcome: wealthier_lives", ["kpis[1].outcome", "wealthier_lives"]),
        ("    area: Sample Council", "    area: Nowhere Council", ["kpis[1].geography.area", "Nowhere Council"]),
        ("  comparator: scotland", "  comparator: planet", ["kpis[1].comparator", "planet"]),
        ("  comparator: scotland", "  comparator: scotland\n  tolerance: -1", ["kpis[1].tolerance"]),
        ("    period: 2019/20", "    period: 2019-2021", ["kpis[1].baseline.period", "2019-2021"]),
        ("    responsible: Sample HSCP", "    responsable: Sample HSCP", ["kpis[1].sheet.responsable", "one of the fields"]),
        ("  priority: Reducing avoidable hospital admissions", "  priority: Something else", ["kpis[1].priority"]),
        ("- id: HL02", "- id: HL01", ["kpis[2].id", "used twice"]),
    ],
)
def test_a_mistake_names_the_file_line_and_field(sample, loip_copy, old, new, words):
    _break(loip_copy, old, new)
    with pytest.raises(ConfigError) as caught:
        load_register(loip_copy, sample)
    message = str(caught.value)
    assert "kpis.yaml" in message
    for word in words:
        assert word in message, message


def test_a_sheet_field_left_out_or_blank_loads_as_blank_for_the_smart_check(sample, loip_copy):
    _break(loip_copy, "    responsible: Sample HSCP Information Team\n", "")
    _break(loip_copy, "    data_source: 'Synthetic sample: pmf_kit generator; published yearly.'",
           "    data_source: '  '")
    sheet = load_register(loip_copy, sample).kpis[0].sheet
    assert (sheet["responsible"], sheet["data_source"]) == ("", "")
    assert sheet["measures"].startswith("Emergency (non-elective) admissions")


def test_a_neutral_indicator_needs_a_polarity(sample, loip_copy):
    _break(loip_copy, "indicator: emergency_admissions", "indicator: home_care")
    with pytest.raises(ConfigError, match="neutral"):
        load_register(loip_copy, sample)


def test_a_milestone_outside_baseline_and_target(sample, loip_copy):
    _break(loip_copy, "  - period: '2022'\n    value: 23.0", "  - period: '2028'\n    value: 23.0")
    with pytest.raises(ConfigError, match=r"trajectory\[1\]\.period"):
        load_register(loip_copy, sample)


def test_broken_yaml_names_the_line(sample, loip_copy):
    _break(loip_copy, "- id: HL02", "- id: [HL02")
    with pytest.raises(ConfigError, match=r"kpis.yaml: not valid YAML at line \d+"):
        load_register(loip_copy, sample)


def test_an_outcome_without_a_title(sample, loip_copy):
    path = loip_copy / "outcomes.yaml"
    path.write_text(path.read_text().replace("    title: Safer, stronger communities\n", ""), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"outcomes.yaml: line \d+, outcomes\[4\]\.title"):
        load_register(loip_copy, sample)


def test_a_baseline_period_the_indicator_cannot_have_is_refused_and_check_register_says_so(sample, loip_copy):
    # HL04 reads low_birthweight, published for calendar years 2016 to 2024.
    _break(loip_copy, "  baseline:\n    period: '2019'\n  target:\n    period: '2026'",
           "  baseline:\n    period: 2019/20\n  target:\n    period: '2026'")
    with pytest.raises(ConfigError) as caught:
        load_register(loip_copy, sample)
    assert str(caught.value) == (
        f"{loip_copy / 'kpis.yaml'}: line 84, kpis[4].baseline.period: expected a period of the kind "
        "low_birthweight has: calendar years (2023), found '2019/20'")
    result = CliRunner().invoke(cli, ["check-register", "--loip", str(loip_copy), "--dataset", str(SAMPLE_DATASET),
                                      "--period", "2024/25 Q4"])
    assert result.exit_code != 0 and isinstance(result.exception, ConfigError)


def test_a_baseline_without_a_figure_gets_no_status_and_fails_measurable(sample, loip_copy):
    # CY01 reads school_attendance, which has no figure for 2020/21 (schools were closed).
    _break(loip_copy, "  baseline:\n    period: 2019/20\n  target:\n    period: 2026/27\n    value: 94.5",
           "  baseline:\n    period: 2020/21\n  target:\n    period: 2026/27\n    value: 94.5")
    register = load_register(loip_copy, sample)
    kpi = next(kpi for kpi in register.kpis if kpi.indicator == "school_attendance")
    row = assess(sample, register, "2024/25 Q4").table.set_index("kpi_id").loc[kpi.id]
    assert math.isnan(row["baseline_value"]) and not math.isnan(row["latest_value"])
    assert row["status"] == "no data"
    check = check_loip(SAMPLE_DATASET, loip_copy, "2024/25 Q4").set_index(["kpi_id", "rule"])
    assert check.loc[(kpi.id, "measurable"), "result"] == FAILS
    assert check.loc[(kpi.id, "measurable"), "reason"].startswith(
        f"The baseline period 2020/21 has no published figure for {kpi.area_name}")


def test_an_outcome_names_its_lead_and_partnership_and_a_misspelt_key_is_refused(sample, loip_copy):
    outcome = load_register(loip_copy, sample).outcomes["safer_communities"]
    assert (outcome.lead, outcome.partnership) == ("Local Police Commander", "Community Safety Partnership")
    path = loip_copy / "outcomes.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    partnership: Community Safety",
                                                             "    partnersip: Community Safety"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"outcomes\[4\]\.partnersip: expected one of the keys"):
        load_register(loip_copy, sample)
