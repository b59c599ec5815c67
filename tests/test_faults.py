"""The catalogue of bad inputs and faults (issue 13): each one, caused on a small project, gives
the exact exit status and a first line on standard error that says what went wrong, never a
traceback, and leaves what was there before as it was.

To add a case, add a `Fault` to CATALOGUE: `given` prepares the project (the `project` fixture:
notebooks/echo.ipynb and notebooks/faults.ipynb, the tiny data set in data/tiny, an empty
parameters/) and returns the `pmf-kit` arguments; `first_line` is the start of the first line
written to standard error (or to standard output where `stream` says so); `intact` lists files
(relative to the project) that must hold the same bytes afterwards, and `written` files that
must exist afterwards. A fault that needs a helper from the test (a broken disk) gets it through
`monkeypatch`.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import pytest

import pmf_kit.batch.runner
from pmf_kit.cli import main
from tests.conftest import FIXTURES, PROJECT_ROOT

GOOD_REPORT = ('<!DOCTYPE html><html><head><meta name="generator" content="pmf_kit 0.1.0"></head>'
               "<body>the last good report</body></html>")
AREAS = """\
title: Locality profiles
notebook: notebooks/{notebook}
dataset: data/tiny
output: {output}
parameters:
  area_level: locality
{parameters}areas: all
"""
LISTED = """\
title: {title}
notebook: notebooks/{notebook}
dataset: data/tiny
output: reports/{folder}
parameters: {{area_level: council}}
reports:
{reports}"""


@dataclass(frozen=True)
class Fault:
    """One bad input or fault: how to cause it, and what the user must be told."""

    id: str
    given: Callable[[Path, pytest.MonkeyPatch], list[str]]
    exit_code: int
    first_line: str
    stream: str = "err"
    intact: tuple[str, ...] = ()
    written: tuple[str, ...] = ()
    integration: bool = False


def write(project: Path, relative: str, text: str) -> Path:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def areas_run_set(parameters: str = "", output: str = "reports/tiny/localities", name: str = "run.yaml",
                  notebook: str = "echo.ipynb", extra: Sequence[str] = ()):
    """A `given` writing the two-locality run set, with extra `parameters` lines."""
    def given(project: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        write(project, f"parameters/{name}", AREAS.format(notebook=notebook, output=output, parameters=parameters))
        return ["run", f"parameters/{name}", *extra]
    return given


def listed_run_set(reports: str, notebook: str = "echo.ipynb", extra: Sequence[str] = (),
                   folder: str = "tiny/listed"):
    """A `given` writing a run set of listed reports (YAML lines under `reports:`)."""
    def given(project: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        write(project, "parameters/run.yaml",
              LISTED.format(title="Listed", notebook=notebook, folder=folder, reports=reports))
        return ["run", "parameters/run.yaml", *extra]
    return given


def outcome_notebook_run_set(period: str):
    """The real LOIP outcome report notebook with a reporting period (checked, never run)."""
    def given(project: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        shutil.copy(PROJECT_ROOT / "notebooks" / "outcome_report.ipynb", project / "notebooks")
        write(project, "parameters/run.yaml", LISTED.format(
            title="Outcomes", notebook="outcome_report.ipynb", folder="outcomes",
            reports=f"  - {{name: Healthier lives, parameters: {{outcome: healthier_lives, {period}}}}}\n",
        ).replace("parameters: {area_level: council}\n", "parameters: {loip: data/loip}\n"))
        return ["run", "parameters/run.yaml"]
    return given


def run_set_text(text: str):
    """A `given` writing `text` as parameters/run.yaml, whatever it holds."""
    def given(project: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        write(project, "parameters/run.yaml", text)
        return ["run", "parameters/run.yaml"]
    return given


def then(*steps: Callable[[Path, pytest.MonkeyPatch], list[str] | None]):
    """Several preparations in order; the arguments are the last one's."""
    def given(project: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        arguments: list[str] | None = None
        for step in steps:
            arguments = step(project, monkeypatch) or arguments
        assert arguments is not None
        return arguments
    return given


def file_at(relative: str, text: str):
    def given(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        write(project, relative, text)
    return given


def disk_error(folder: str, number: int):
    """Writes under `folder` fail with OSError `number` (a read-only or full disk), as the
    batch process sees them: the runner writes every report file itself."""
    def given(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        real = pmf_kit.batch.runner.write_text_atomically

        def failing(path, text):
            if f"/{folder}/" in Path(path).as_posix():
                raise OSError(number, os.strerror(number), str(path))
            return real(path, text)
        monkeypatch.setattr(pmf_kit.batch.runner, "write_text_atomically", failing)
    return given


def table(*arguments: str):
    def given(project: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        return ["table", "--dataset", "data/tiny", "--indicator", "smoking", *arguments]
    return given


FAST = [
    # Issue 13 item 8: run-set parameters are checked against the notebook before anything runs.
    Fault("misspelt-parameter", outcome_notebook_run_set("reporting_priod: 2024/25 Q4"), 2,
          "error: parameters/run.yaml: reports[1].parameters.reporting_priod: "
          "outcome_report.ipynb has no parameter 'reporting_priod' (did you mean 'reporting_period'?)"),
    Fault("misspelt-shared-parameter", areas_run_set("  comparator_level: [council]\n"), 2,
          "error: parameters/run.yaml: parameters.comparator_level: echo.ipynb has no "
          "parameter 'comparator_level' (did you mean 'comparator_levels'?)"),
    Fault("string-for-a-list", areas_run_set("  comparator_levels: council\n"), 2,
          "error: parameters/run.yaml: parameters.comparator_levels: expected a list, e.g. "
          "[council, scotland] (the notebook's default is ['council']), found 'council'"),
    Fault("text-for-true-false", areas_run_set("  should_fail: 'no'\n"), 2,
          "error: parameters/run.yaml: parameters.should_fail: expected true or false "
          "(the notebook's default is False), found 'no'"),
    Fault("reporting-period-q1", outcome_notebook_run_set("reporting_period: 2024/25 Q1"), 2,
          "error: parameters/run.yaml: reports[1].parameters.reporting_period: expected a "
          "Q2 (mid-year) or Q4 (full-year) reporting period such as 2024/25 Q4, found '2024/25 Q1'"),
    Fault("reporting-period-a-year", outcome_notebook_run_set("reporting_period: 2024/25"), 2,
          "error: parameters/run.yaml: reports[1].parameters.reporting_period: expected a "
          "Q2 (mid-year) or Q4 (full-year) reporting period such as 2024/25 Q4, found '2024/25'"),
    Fault("reporting-period-in-the-future", outcome_notebook_run_set("reporting_period: 2090/91 Q2"), 2,
          "error: parameters/run.yaml: reports[1].parameters.reporting_period: 2090/91 Q2 "
          "ends on 30 September 2090, which is not yet past"),
    Fault("reporting-period-not-a-period", outcome_notebook_run_set("reporting_period: last year"), 2,
          "error: parameters/run.yaml: reports[1].parameters.reporting_period: period "
          "'last year' is not"),
    Fault("parameter-name-is-code", areas_run_set('  "x = 1; import os": 1\n'), 2,
          "error: parameters/run.yaml: parameters.x = 1; import os: a parameter name must "
          "be a Python identifier"),
    Fault("parameter-name-is-a-keyword", areas_run_set("  class: 1\n"), 2,
          "error: parameters/run.yaml: parameters.class: a parameter name must be a "
          "Python identifier"),
    Fault("notebook-without-a-parameter",
          areas_run_set("  period: latest\n", notebook="faults.ipynb"), 2,
          "error: parameters/run.yaml: parameters.period: faults.ipynb has no parameter "
          "'period'; its parameters: dataset, area_level, area, sleep_seconds, kill, marker, pid_file"),
    Fault("notebook-without-area", areas_run_set(notebook="no-area.ipynb"), 2,
          "error: parameters/run.yaml: no-area.ipynb has no parameter 'area', which the "
          "run set sets for every report"),
    # Issue 13 item 6: outputs never replace a file pmf_kit did not write, unless --force.
    Fault("index-over-a-readme",
          then(file_at("audit/README-copy.md", "# keep me\n"), areas_run_set(extra=["--index", "audit/README-copy.md"])),
          2, "error: audit/README-copy.md: --index must name an .html file",
          intact=("audit/README-copy.md",)),
    Fault("index-over-a-foreign-page",
          then(file_at("audit/notes.html", "<html>someone's notes</html>"),
               areas_run_set(extra=["--index", "audit/notes.html"])),
          2, "error: audit/notes.html: exists and is not a pmf_kit index page, so pmf_kit "
             "will not replace it; choose another path, or replace it with --force",
          intact=("audit/notes.html",)),
    Fault("index-manifest-foreign",
          then(file_at("reports/index.json", '{"budget": 2026}'), areas_run_set()),
          2, "error: reports/index.json: exists and is not a pmf_kit index manifest",
          intact=("reports/index.json",)),
    Fault("report-over-a-foreign-file",
          then(file_at("reports/tiny/localities/north-hills.html", "<p>edited by hand</p>"), areas_run_set()),
          2, "error: {project}/reports/tiny/localities/north-hills.html: exists and is not a pmf_kit report",
          intact=("reports/tiny/localities/north-hills.html",)),
    Fault("report-over-a-folder",
          then(file_at("reports/tiny/localities/north-hills.html/keep.txt", "mine"), areas_run_set()),
          2, "error: {project}/reports/tiny/localities/north-hills.html: exists and is not a pmf_kit "
             "report (it is a folder)",
          intact=("reports/tiny/localities/north-hills.html/keep.txt",)),
    Fault("failed-notebook-over-a-foreign-file",
          then(file_at("reports/tiny/localities/south-coast.failed.ipynb", "not a notebook"), areas_run_set()),
          2, "error: {project}/reports/tiny/localities/south-coast.failed.ipynb: exists and is not an "
             "executed notebook from a pmf_kit batch",
          intact=("reports/tiny/localities/south-coast.failed.ipynb",)),
    Fault("build-manifest-foreign",
          then(file_at("reports/tiny/localities/pmf-kit-builds.json", "[1, 2]"), areas_run_set()),
          2, "error: {project}/reports/tiny/localities/pmf-kit-builds.json: exists and is not a "
             "pmf_kit build manifest",
          intact=("reports/tiny/localities/pmf-kit-builds.json",)),
    Fault("table-csv-over-a-report",
          then(file_at("reports/strathfearn.html", GOOD_REPORT),
               table("--level", "locality", "--out", "reports/strathfearn.html", "--format", "csv")),
          2, "error: reports/strathfearn.html: cannot tell a table format from the suffix "
             "'.html'; expected .csv, .xlsx, .md",
          intact=("reports/strathfearn.html",)),
    Fault("table-format-against-suffix",
          then(file_at("tables/smoking.csv", "area_level\n"),
               table("--level", "locality", "--out", "tables/smoking.csv", "--format", "xlsx")),
          2, "error: tables/smoking.csv: --format xlsx does not match the suffix .csv (csv); "
             "name the file *.xlsx or leave --format out",
          intact=("tables/smoking.csv",)),
    Fault("table-over-a-foreign-csv",
          then(file_at("budget.csv", "line,amount\nroads,12\n"), table("--level", "locality", "--out", "budget.csv")),
          2, "error: budget.csv: exists and is not a csv table with the columns area_level, "
             "area_code, area_name, indicator_id, ..., so pmf_kit will not replace it",
          intact=("budget.csv",)),
    Fault("table-xlsx-to-the-terminal", table("--level", "locality", "--format", "xlsx"), 2,
          "error: --format xlsx needs --out FILE.xlsx: a spreadsheet cannot go to standard output"),
    Fault("table-empty", table("--level", "locality", "--period", "1999"), 1,
          "no rows: no locality values of smoking for period 1999; nothing written"),
    Fault("scheduler-without-dask", areas_run_set(extra=["--scheduler", "tcp://127.0.0.1:8786"]), 2,
          "error: --scheduler is for --executor dask, not --executor warm"),
    # Bad run sets, options and table requests: one line naming the file and what was expected,
    # before any notebook runs, and the last good index left as it was.
    Fault("run-set-absent", lambda project, monkeypatch: ["run", "parameters/absent.yaml"], 2,
          "error: parameters/absent.yaml: expected a run-set .yaml file or a folder of them; not found"),
    Fault("run-set-folder-empty", then(file_at("parameters/empty/notes.txt", "none"),
                                       lambda project, monkeypatch: ["run", "parameters/empty"]), 2,
          "error: parameters/empty: expected a folder holding run-set .yaml files, found none"),
    Fault("run-set-not-yaml", run_set_text("title: [Localities\nnotebook: notebooks/echo.ipynb\n"), 2,
          "error: parameters/run.yaml: not valid YAML at line 2, column 9: expected ',' or ']'"),
    Fault("run-set-a-list", run_set_text("- notebooks/echo.ipynb\n- data/tiny\n"), 2,
          "error: parameters/run.yaml: expected a mapping with keys notebook, dataset, output"),
    Fault("run-set-unknown-key", run_set_text(AREAS.format(notebook="echo.ipynb", output="reports/x", parameters="")
                                              + "surprise: 1\n"), 2,
          "error: parameters/run.yaml: unknown key 'surprise'; expected keys: notebook, dataset, output"),
    Fault("notebook-absent", areas_run_set(notebook="absent.ipynb"), 2,
          "error: parameters/run.yaml: notebook: expected a file relative to the project root {project}, "
          "'notebooks/absent.ipynb' does not exist"),
    Fault("dataset-absent", run_set_text(AREAS.format(notebook="echo.ipynb", output="reports/x", parameters="")
                                         .replace("data/tiny", "data/absent")), 2,
          "error: parameters/run.yaml: dataset: expected a data set folder relative to the project root "
          "{project}, 'data/absent' does not exist"),
    Fault("unknown-area-level", run_set_text(AREAS.format(notebook="echo.ipynb", output="reports/x", parameters="")
                                             .replace("area_level: locality", "area_level: moon")), 2,
          "error: parameters/run.yaml: parameters.area_level: unknown geography level 'moon'; "
          "this data set has: datazone, intermediate_zone, ward, locality, council, scotland"),
    Fault("unknown-area", run_set_text(AREAS.format(notebook="echo.ipynb", output="reports/x", parameters="")
                                       .replace("areas: all", "areas: [Atlantis]")), 2,
          "error: parameters/run.yaml: areas: no area called 'Atlantis' at level 'locality'"),
    Fault("within-unknown-council", run_set_text(AREAS.format(notebook="echo.ipynb", output="reports/x", parameters="")
                                                 + "within: council=Atlantis\n"), 2,
          "error: parameters/run.yaml: within: no area called 'Atlantis' at level 'council'"),
    Fault("two-reports-one-file", then(file_at("reports/index.html", GOOD_REPORT), listed_run_set(
              "  - {name: Fife}\n  - {name: fife}\n")), 2,
          "error: parameters/run.yaml: reports 'Fife' and 'fife' would both be written to fife.html",
          intact=("reports/index.html",)),
    Fault("only-an-unknown-report", then(file_at("reports/index.html", GOOD_REPORT),
                                         areas_run_set(extra=["--only", "Nowhere"])), 2,
          "error: parameters/run.yaml: --only nowhere: no such report; expected one of north-hills, south-coast",
          intact=("reports/index.html",)),
    Fault("scheduler-not-tcp", areas_run_set(extra=["--executor", "dask", "--scheduler", "http://127.0.0.1:8786"]), 2,
          "error: --scheduler http://127.0.0.1:8786: cannot reach a Dask scheduler there"),
    Fault("table-unknown-indicator", lambda project, monkeypatch: [
              "table", "--dataset", "data/tiny", "--indicator", "nosuch", "--level", "locality"], 2,
          "error: unknown indicator 'nosuch'"),
    Fault("table-unknown-level", table("--level", "moon"), 2,
          "error: unknown geography level 'moon'; this data set has: datazone, intermediate_zone, ward, "
          "locality, council"),
    Fault("table-within-unknown-area", table("--level", "locality", "--within", "council=Atlantis"), 2,
          "error: no area called 'Atlantis' at level 'council'"),
    Fault("table-dataset-absent", lambda project, monkeypatch: [
              "table", "--dataset", "data/absent", "--indicator", "smoking", "--level", "locality"], 2,
          "error: data/absent: expected a data set folder, but there is no such folder"),
    Fault("table-unknown-suffix", table("--level", "locality", "--out", "smoking.docx"), 2,
          "error: smoking.docx: cannot tell a table format from the suffix '.docx'; expected .csv, .xlsx, .md"),
]

SLOW = [
    # Issue 13 item 5: faults in the failure paths are one failure line per report; the batch
    # finishes and the index is updated.
    Fault("output-folder-is-a-file",
          then(file_at("reports/tiny/blocked", "a file where a folder should be"),
               file_at("parameters/good.yaml", AREAS.format(notebook="echo.ipynb", output="reports/tiny/good", parameters="")),
               areas_run_set(output="reports/tiny/blocked", name="blocked.yaml"),
               lambda project, monkeypatch: ["run", "parameters/"]),
          1, "FAILED North & Hills: FileExistsError: cannot write reports/tiny/blocked/north-hills.html: File exists",
          intact=("reports/tiny/blocked",), written=("reports/tiny/good/north-hills.html", "reports/index.html"),
          integration=True),
    Fault("read-only-disk",
          then(disk_error("readonly", errno.EROFS), file_at("reports/tiny/readonly/north-hills.html", GOOD_REPORT),
               areas_run_set(output="reports/tiny/readonly")),
          1, "FAILED North & Hills: OSError: cannot write reports/tiny/readonly/north-hills.html: "
             "Read-only file system",
          intact=("reports/tiny/readonly/north-hills.html",), written=("reports/index.html",), integration=True),
    Fault("full-disk",
          then(disk_error("full", errno.ENOSPC), areas_run_set(output="reports/tiny/full")),
          1, "FAILED North & Hills: OSError: cannot write reports/tiny/full/north-hills.html: "
             "No space left on device",
          written=("reports/index.html",), integration=True),
    Fault("index-folder-is-a-file",
          then(file_at("audit", "a file"), areas_run_set(extra=["--index", "audit/index.html"])),
          1, "FAILED index audit/index.html: FileExistsError: ", intact=("audit",),
          written=("reports/tiny/localities/north-hills.html",), integration=True),
    # Issue 13 item 4: a hanging report is stopped by --timeout and named; a report whose worker
    # dies every time fails alone; the others are written.
    Fault("report-hangs", listed_run_set(
        "  - {name: hangs, parameters: {area: A, sleep_seconds: 600}}\n  - {name: fine, parameters: {area: B}}\n",
        notebook="faults.ipynb", extra=["--timeout", "6"], folder="faults"),
        1, "FAILED hangs: timed out after 6 s (--timeout); its kernel was stopped",
        written=("reports/faults/fine.html",), integration=True),
    Fault("worker-dies-every-time", then(file_at("reports/faults/dies.html", GOOD_REPORT), listed_run_set(
        "  - {name: dies, parameters: {area: A, kill: worker}}\n  - {name: fine, parameters: {area: B}}\n",
        notebook="faults.ipynb", extra=["--jobs", "2"], folder="faults")),
        1, "FAILED dies: WorkerDied: its worker process died (killed by signal 9) twice while running "
           "this report (tried again once on a new worker)",
        intact=("reports/faults/dies.html",), written=("reports/faults/fine.html",), integration=True),
]

CATALOGUE = FAST + SLOW


def _params(faults: list[Fault]):
    return [pytest.param(fault, id=fault.id, marks=[pytest.mark.integration] if fault.integration else [])
            for fault in faults]


@pytest.fixture
def fault_project(project):
    """The project of tests/conftest.py, with the faults notebook and one lacking `area`."""
    shutil.copy(FIXTURES / "faults.ipynb", project / "notebooks" / "faults.ipynb")
    notebook = json.loads((FIXTURES / "echo.ipynb").read_text(encoding="utf-8"))
    notebook["cells"][0]["source"] = 'dataset = ""\narea_level = ""\n'
    (project / "notebooks" / "no-area.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    return project


@pytest.mark.parametrize("fault", _params(CATALOGUE))
def test_each_fault_gives_its_status_and_message_and_spoils_nothing(fault, fault_project, monkeypatch, capsys):
    arguments = fault.given(fault_project, monkeypatch)
    before = {name: _contents(fault_project / name) for name in fault.intact}
    monkeypatch.setattr(sys, "argv", ["pmf-kit", *arguments])

    with pytest.raises(SystemExit) as exited:
        main()

    captured = capsys.readouterr()
    shown = captured.err if fault.stream == "err" else captured.out
    first_line = shown.splitlines()[0] if shown else ""
    assert exited.value.code == fault.exit_code, shown
    assert first_line.startswith(fault.first_line.format(project=fault_project)), first_line
    assert "Traceback" not in captured.err + captured.out
    for name, contents in before.items():
        assert _contents(fault_project / name) == contents, f"{name} changed"
    for name in fault.written:
        assert (fault_project / name).exists(), f"{name} not written"


def test_the_catalogue_holds_each_case_once():
    ids = [fault.id for fault in CATALOGUE]
    assert len(ids) == len(set(ids)) >= 40


def _contents(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None
