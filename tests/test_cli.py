"""The console script prints one line for a user error and exits 2, never a traceback."""

import sys

import pandas as pd
import pytest

from pmf_kit.cli import main
from tests.conftest import PROJECT_ROOT, TINY_DATASET


@pytest.mark.parametrize("arguments, message", [
    (["table", "--dataset", str(TINY_DATASET), "--indicator", "smokng", "--level", "locality"],
     "error: unknown indicator 'smokng'; closest: smoking"),
    (["table", "--dataset", "no/such/folder", "--indicator", "smoking", "--level", "locality"],
     f"error: {PROJECT_ROOT}/no/such/folder: expected a data set folder"),
    (["table", "--dataset", str(TINY_DATASET), "--indicator", "smoking", "--level", "parish"],
     "error: unknown geography level 'parish'"),
    (["updates", "send", "--loip", str(PROJECT_ROOT / "data" / "loip"), "--period", "2025/26 Q1", "--out", "unused"],
     "error: period '2025/26 Q1': expected a Q2 or Q4 reporting period such as 2025/26 Q2"),
    (["updates", "collect", "--loip", str(PROJECT_ROOT / "data" / "loip"), "--period", "2025/26 Q2", "no-such.xlsx"],
     f"error: {PROJECT_ROOT}/no-such.xlsx: expected a returned update form here, but there is no such file"),
    (["updates", "add", "--loip", str(PROJECT_ROOT / "data" / "loip"), "--action", "HL-A9", "--period", "2025/26 Q2",
      "--status", "on track", "--percent", "80", "--commentary", "x", "--by", "Jo"],
     f"error: {PROJECT_ROOT}/data/loip/actions.csv: expected a row for action 'HL-A9' (--action)"),
    (["check-register", "--loip", "no/such/loip", "--dataset", str(PROJECT_ROOT / "data" / "sample"),
      "--period", "2024/25 Q4"], f"error: {PROJECT_ROOT}/no/such/loip: expected a LOIP folder"),
])
def test_user_error_is_one_line(monkeypatch, capsys, arguments, message):
    monkeypatch.setattr(sys, "argv", ["pmf-kit", *arguments])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith(message)
    assert "Traceback" not in error and error.count("\n") == 1


def test_table_of_custom_areas_reads_the_custom_areas_file(monkeypatch, capsys, tmp_path):
    areas = tmp_path / "areas.yaml"
    areas.write_text("areas:\n  - name: Harbour regeneration\n    datazones: [XD0000004, XD0000005, XD0000006]\n",
                     encoding="utf-8")
    out = tmp_path / "custom.csv"
    monkeypatch.setattr(sys, "argv", ["pmf-kit", "table", "--dataset", str(TINY_DATASET), "--indicator", "smoking",
                                      "--level", "custom", "--period", "2023", "--custom-areas", str(areas),
                                      "--out", str(out)])
    main()
    [row] = pd.read_csv(out).to_dict("records")
    # (30 + 40) / (120 + 200): XD0000006 has no 2023 figure
    assert (row["area_name"], row["numerator"], row["denominator"]) == ("Harbour regeneration", 70, 320)
    assert row["value"] == pytest.approx(21.875)


def test_table_of_custom_areas_needs_the_custom_areas_file(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["pmf-kit", "table", "--dataset", str(TINY_DATASET), "--indicator", "smoking",
                                      "--level", "custom"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    assert "--level custom needs --custom-areas FILE" in capsys.readouterr().err


def test_run_with_a_period_lists_the_one_dashboard_for_it():
    from click.testing import CliRunner

    from pmf_kit.cli import cli

    result = CliRunner().invoke(cli, ["run", str(PROJECT_ROOT / "parameters" / "sample" / "dashboards.yaml"),
                                      "--period", "2024/25 Q2", "--list"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "dashboards.yaml: every report for 2024/25 Q2 (--period)" in result.output
    assert "dashboard-2024-25-q2.html" in result.output and "dashboard-2024-25-q4" not in result.output


def test_run_with_a_period_outside_the_cycle_is_one_line(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["pmf-kit", "run", str(PROJECT_ROOT / "parameters" / "sample" / "dashboards.yaml"),
                                      "--period", "2025/26 Q3"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert error == (f"error: {PROJECT_ROOT}/parameters/sample/dashboards.yaml: --period: period '2025/26 Q3': expected a "
                     "Q2 or Q4 reporting period such as 2025/26 Q2 (the reporting quarters of data/loip/partnership.yaml)\n")
