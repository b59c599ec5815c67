"""KPI returns end to end through the CLI on a copy of the sample: forms sent per owner, filled in
with openpyxl as an owner would, collected into the data set and the commentary file, and read by
the reports; every bad cell of a row named, collecting twice changing nothing."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pmf_kit.cli import cli
from pmf_kit.data.dataset import open_dataset
from pmf_kit.performance.loip_report import open_loip
from tests.conftest import PROJECT_ROOT, SAMPLE_DATASET

PERIOD = "2025/26 Q4"
HSCP = "Sample HSCP Information Team"
EDUCATION = "Sample Council Education Services"


@pytest.fixture
def copies(tmp_path):
    shutil.copytree(SAMPLE_DATASET, tmp_path / "sample")
    shutil.copytree(PROJECT_ROOT / "data" / "loip", tmp_path / "loip")
    return tmp_path


def run(copies, command: str, *arguments: str):
    """`pmf-kit kpis <command>` on the copies, for the period."""
    return CliRunner().invoke(cli, ["kpis", command, "--loip", str(copies / "loip"), "--dataset",
                                    str(copies / "sample"), "--period", PERIOD, *arguments])


def send(copies) -> dict[str, str]:
    result = run(copies, "send", "--out", str(copies / "forms"))
    assert result.exit_code == 0, result.output
    return {path.name: str(path) for path in (copies / "forms").glob("*.xlsx")}


def form_of(copies, owner_slug: str) -> str:
    return str(copies / "forms" / f"{owner_slug}-2025-26-q4-kpi-return.xlsx")


def published_council_rate(indicator: str, period: str) -> float:
    values = pd.read_csv(SAMPLE_DATASET / "values.csv", dtype={"geography_code": str, "period": str})
    rows = values[(values["indicator_id"] == indicator) & (values["period"] == period)
                  & values["geography_code"].str.startswith("X01")]
    return 100_000 * rows["numerator"].sum() / rows["denominator"].sum()


def test_one_locked_form_per_owner_with_the_latest_figure_and_the_cells_the_indicator_needs(copies):
    forms = send(copies)
    assert len(forms) == 6
    workbook = load_workbook(form_of(copies, "sample-hscp-information-team"))
    sheet = workbook["KPI return"]
    assert (sheet["B3"].value, sheet["B4"].value) == (PERIOD, HSCP)
    assert [cell.value for cell in sheet[8]][:7] == [
        "HL01", "Emergency hospital admissions", "Sample Council", "rate_per_100000", "2024/25",
        f"{published_council_rate('emergency_admissions', '2024/25'):,.1f}", "2025/26"]
    unlocked = [cell.column_letter for cell in sheet[8] if not cell.protection.locked]
    assert unlocked == ["G", "H", "I", "M", "N"]  # period, count, denominator, the two texts
    assert sheet.protection.sheet and workbook["pmf_kit_form"].sheet_state == "veryHidden"
    education = load_workbook(form_of(copies, "sample-council-education-services"))["KPI return"]
    tariff = next(row for row in education.iter_rows(min_row=8) if row[0].value == "CY03")
    assert [cell.column_letter for cell in tariff if not cell.protection.locked] == ["G", "I", "J", "M", "N"]


def test_a_returned_figure_is_added_at_the_kpis_area_and_its_words_reach_the_report(copies):
    send(copies)
    path = form_of(copies, "sample-hscp-information-team")
    workbook = load_workbook(path)
    sheet = workbook["KPI return"]
    sheet["H8"], sheet["I8"] = 9800, 100000
    sheet["M8"], sheet["N8"] = "Admissions fell for the first time since 2020.", "Anticipatory care plans."
    sheet["M9"] = "No new figure yet; the 2024/25 figure stands."
    workbook.save(path)
    before = pd.read_csv(copies / "sample" / "values.csv", dtype=str)
    result = run(copies, "collect", path)
    assert result.exit_code == 0, result.output
    assert "1 figure added, 0 replaced; commentary for 2 KPIs; 0 already held" in result.output
    assert f"  {HSCP}: HL03, HL05, LP-INV03, LP-ISL01, LP-ISL02" in result.output
    after = pd.read_csv(copies / "sample" / "values.csv", dtype=str)
    assert len(after) == len(before) + 1
    assert after.iloc[-1][["indicator_id", "geography_code", "period", "numerator", "denominator"]].tolist() == [
        "emergency_admissions", "X12000001", "2025/26", "9800", "100000"]
    report = open_loip(copies / "sample", copies / "loip", PERIOD)
    hl01 = report.performance.table.set_index("kpi_id").loc["HL01"]
    assert (hl01["latest_period"], hl01["latest_value"]) == ("2025/26", pytest.approx(9800.0))
    sheets = {kpi.id: kpi.sheet for kpi in report.register.kpis}
    assert sheets["HL01"]["telling_us"] == (f"Admissions fell for the first time since 2020. ({HSCP}, {PERIOD} return)")
    assert sheets["HL02"]["telling_us"].startswith("No new figure yet")
    assert open_loip(copies / "sample", copies / "loip", "2025/26 Q2").register.kpis[0].sheet["telling_us"].startswith(
        "Admissions dipped in 2020/21")  # an earlier report keeps the words of its own time
    again = run(copies, "collect", path)
    assert "0 figures added, 0 replaced; commentary for 0 KPIs; 2 already held" in again.output
    assert pd.read_csv(copies / "sample" / "values.csv", dtype=str).equals(after)

    workbook = load_workbook(path)
    workbook["KPI return"]["H8"] = 9900
    workbook.save(path)
    held = run(copies, "collect", path)
    assert held.exit_code == 1
    assert "HL01 already has a different 2025/26 figure in the data set; add --replace to replace it" in held.output
    replaced = run(copies, "collect", "--replace", path)
    assert "0 figures added, 1 replaced" in replaced.output
    council = open_dataset(copies / "sample").aggregate("council", "emergency_admissions").set_index("period")
    assert council.loc["2025/26", "numerator"] == 9900
    assert len(list((copies / "loip" / "returns" / "kpis" / "2025-26-q4").glob("*.xlsx"))) == 2


def test_every_bad_cell_of_a_row_is_named_even_beside_a_changed_locked_cell(copies):
    send(copies)
    path = form_of(copies, "sample-hscp-information-team")
    workbook = load_workbook(path)
    sheet = workbook["KPI return"]
    sheet["B10"] = "Something else"           # a locked cell changed
    sheet["H10"], sheet["I10"] = "lots", 80.5  # not a number; not a whole count
    sheet["G11"], sheet["H11"], sheet["I11"], sheet["M11"] = "2025/26 Q1", 30, 1000, "Falls are down."
    sheet["G12"], sheet["H12"], sheet["I12"], sheet["M12"] = "2026/27", 30, 1000, "Too early."
    workbook.save(path)
    before = (copies / "sample" / "values.csv").read_bytes()
    result = run(copies, "collect", path)
    assert result.exit_code == 1
    where = f"{path}, sheet 'KPI return'"
    for line in [
        f"{where}, row 10, column 'B (KPI)': expected 'Smoking in pregnancy' as sent (a locked cell), found 'Something else'",
        f"{where}, row 10, column 'H (Count (numerator))': expected a number, found 'lots'",
        f"{where}, row 10, column 'I (Denominator)': expected a whole number of 0 or more (a count), found '80.5'",
        f"{where}, row 10, column 'M (What the data is telling us)': expected what the data is telling us, "
        "with or without a new figure, found 'a blank cell'",
        f"{where}, row 11, column 'G (Period of the new figure)': expected a period of the kind falls_admissions "
        "holds: financial years (2023/24), found '2025/26 Q1'",
        f"{where}, row 12, column 'G (Period of the new figure)': expected a period that has ended by the end of "
        "2025/26 Q4, found '2026/27'",
    ]:
        assert line in result.output
    assert "rejected (6):" in result.output
    assert (copies / "sample" / "values.csv").read_bytes() == before


def test_a_file_that_is_not_a_kpi_form_is_named(copies):
    send(copies)
    other = copies / "other.xlsx"
    shutil.copy(PROJECT_ROOT / "docs" / "examples" / "fife-community-safety.xlsx", other)
    result = run(copies, "collect", str(other))
    assert result.exit_code == 1
    assert "expected a workbook made by `pmf-kit kpis send`" in result.output


def test_a_late_figure_by_email_goes_in_with_the_same_checks(copies):
    figure = ["--kpi", "HL01", "--figure-period", "2025/26", "--numerator", "9800", "--denominator", "100000",
              "--telling-us", "Fell for the first time since 2020.", "--by", HSCP]
    result = run(copies, "add", *figure)
    assert result.exit_code == 0, result.output
    assert result.output == "HL01: 2025/26 figure added\nHL01: commentary for 2025/26 Q4 recorded\n"
    council = open_dataset(copies / "sample").aggregate("council", "emergency_admissions").set_index("period")
    assert council.loc["2025/26", "value"] == pytest.approx(9800.0)
    assert run(copies, "add", *figure).output == "HL01: already held as given; nothing changed\n"
    corrected = [*figure[:5], "9900", *figure[6:]]
    held = run(copies, "add", *corrected)
    assert held.exit_code == 1 and "add --replace to replace it" in held.output
    assert run(copies, "add", *corrected, "--replace").output.startswith("HL01: 2025/26 figure replaced")
    bad = run(copies, "add", "--kpi", "HL01", "--figure-period", "2025/26 Q1", "--numerator", "x", "--value", "3",
              "--telling-us", "", "--by", HSCP)
    assert bad.exit_code != 0
    assert str(bad.exception).splitlines() == [
        "HL01 for 2025/26 Q4, nothing recorded:",
        "  - --value: HL01's indicator emergency_admissions takes --numerator and --denominator, not this",
        "  - --numerator: expected a number, found 'x'",
        "  - --figure-period: expected a period of the kind emergency_admissions holds: financial years (2023/24), "
        "found '2025/26 Q1'",
        "  - --denominator: expected the denominator of the figure, found 'a blank cell'",
        "  - --telling-us: expected what the data is telling us, with or without a new figure, found 'a blank cell'"]
