"""A KPI's new figure, as a performance officer adds it: one council figure for a year the data set
does not hold, through `pmf-kit add-indicators`. The history stays, the KPI reads its own figure,
a locality KPI on the same indicator keeps its own latest period, and the comparator without the
new year is compared at the latest period both have, in so many words."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

from pmf_kit.cli import cli
from pmf_kit.data.dataset import open_dataset
from pmf_kit.errors import DataProblemsError
from pmf_kit.importers.add_indicators import add_indicators
from pmf_kit.performance import assess, load_register
from pmf_kit.performance.at_a_glance import kpi_at_a_glance
from pmf_kit.stats import compare_with_comparator
from tests.conftest import PROJECT_ROOT, SAMPLE_DATASET

LOIP = PROJECT_ROOT / "data" / "loip"
SPEC = """\
file: {file}
geography: {{level: council, name_column: Council}}
layout: long
period_column: Year
indicators:
  - id: emergency_admissions
    title: Emergency hospital admissions
    theme: Health
    unit: rate_per_100000
    polarity: lower_is_better
    source: Sample HSCP Information Team
    numerator: Admissions
    denominator: Residents
"""


def figure(tmp_path, period: str) -> str:
    data = tmp_path / "figure.csv"
    data.write_text(f"Council,Year,Admissions,Residents\nSample Council,{period},9800,100000\n", encoding="utf-8")
    spec = tmp_path / "figure.yaml"
    spec.write_text(SPEC.format(file=data), encoding="utf-8")
    return str(spec)


@pytest.fixture
def with_figure(tmp_path):
    dataset = tmp_path / "sample"
    shutil.copytree(SAMPLE_DATASET, dataset)
    result = CliRunner().invoke(cli, ["add-indicators", "--dataset", str(dataset), figure(tmp_path, "2025/26")])
    assert result.exit_code == 0, result.output
    assert "emergency_admissions: 1 row added, 0 replaced, 4,518 kept as they were" in result.output
    return dataset


def published(indicator: str, code_prefix: str, period: str) -> float:
    """The rate per 100,000 summed from values.csv by hand, over every row whose code starts so."""
    values = pd.read_csv(SAMPLE_DATASET / "values.csv", dtype={"geography_code": str, "period": str})
    rows = values[(values["indicator_id"] == indicator) & (values["period"] == period)
                  & values["geography_code"].str.startswith(code_prefix)]
    return 100_000 * rows["numerator"].sum() / rows["denominator"].sum()


def test_the_kpi_reads_its_new_figure_and_the_locality_kpi_keeps_its_own(with_figure):
    dataset = open_dataset(with_figure)
    table = assess(dataset, load_register(LOIP, dataset), "2025/26 Q4").table.set_index("kpi_id")
    assert (table.loc["HL01", "latest_period"], table.loc["HL01", "latest_value"]) == ("2025/26", pytest.approx(9800.0))
    inverbrackie = table.loc["LP-INV03"]
    assert inverbrackie["latest_period"] == "2024/25"
    assert inverbrackie["status"] != "no data"


def test_the_comparator_without_the_new_year_is_compared_at_the_latest_both_have(with_figure):
    dataset = open_dataset(with_figure)
    register = load_register(LOIP, dataset)
    performance = assess(dataset, register, "2025/26 Q4")
    table = performance.table
    hl01 = table.set_index("kpi_id").loc["HL01"]
    series = performance.series["HL01"]
    ours = series[(series["period"] == "2024/25") & (series["area_code"] == "X12000001")].iloc[0]
    scotland = published("emergency_admissions", "X92", "2024/25")
    council = dataset.aggregate("council", "emergency_admissions").set_index("period").loc["2024/25"]
    assert council["value"] == pytest.approx(published("emergency_admissions", "X01", "2024/25"))
    assert ours["value"] == pytest.approx(council["value"])
    expected = compare_with_comparator(ours["value"], ours["lower_ci"], ours["upper_ci"], scotland,
                                       "lower_is_better").item()
    assert (hl01["comparison_period"], hl01["comparator_value"], hl01["comparison"]) == (
        "2024/25", pytest.approx(scotland), expected)
    glance = kpi_at_a_glance(table, {key: outcome.title for key, outcome in register.outcomes.items()})
    text = glance.loc[table["kpi_id"] == "HL01", "Comparator"].iloc[0]
    assert text.startswith(f"in 2024/25, {expected} than Scotland (synthetic) (")
    assert text.endswith("; Scotland (synthetic) has no 2025/26 figure yet")


def test_a_quarterly_figure_for_the_annual_kpi_is_refused(with_figure, tmp_path):
    before = (with_figure / "values.csv").read_bytes()
    with pytest.raises(DataProblemsError, match="expected a period of the kind emergency_admissions already "
                       r"holds: financial years \(2023/24\), not financial quarters, found '2025/26 Q1'"):
        add_indicators(with_figure, figure(tmp_path, "2025/26 Q1"), replace=True)
    assert (with_figure / "values.csv").read_bytes() == before
