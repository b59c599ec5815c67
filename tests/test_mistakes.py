"""The newcomer's mistake catalogue: every public function and every CLI option, given a name
with a typo (an area, indicator, level, theme, folder, file, run-set key or report), answers in
one line that names what was wrong and the closest matches, with no traceback from pmf_kit or
pandas. One parametrised walk, not a test per function; `test_every_public_function_is_walked`
keeps the catalogue whole as the public API grows.

(tests/test_faults.py is the red team's catalogue of hostile input; this one is of honest slips.)
"""

from __future__ import annotations

import inspect
import shutil
import sys
from pathlib import Path

import pandas as pd
import click
import pytest

import pmf_kit as pk
from pmf_kit import cli, performance
from pmf_kit.errors import PmfKitError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def ds():
    return pk.open_dataset(ROOT / "data/sample")


@pytest.fixture(scope="module")
def auchterlinn(ds):
    return pk.LocalityProfile(ds, "Auchterlinn", level="locality")


@pytest.fixture(scope="module")
def health(ds):
    return pk.area_profile(ds, "Auchterlinn", level="locality", theme="Health")


@pytest.fixture(scope="module")
def comparison(ds):
    return pk.compare(ds, ["Auchterlinn", "Inverbrackie"], ["crime_rate", "child_poverty"])


# (what is called, the mistake, what the one line must name: the wrong name and a match)
CALLS = {
    "open_dataset: folder": (lambda f: pk.open_dataset("data/sampel"), ["data/sampel", "data/sample"]),
    "open_dataset: custom areas file": (
        lambda f: pk.open_dataset("data/sample", custom_areas="parameters/custom/area.yaml"),
        ["area.yaml", "parameters/custom/areas.yaml"]),
    "Dataset.areas: level": (lambda f: f["ds"].areas("localty"), ["'localty'", "closest: locality"]),
    "Dataset.find_area: name": (lambda f: f["ds"].find_area("Auchterlin", "locality"), ["'Auchterlin'", "Auchterlinn"]),
    "Dataset.find_area: code": (lambda f: f["ds"].find_area("X0100049", "datazone"), ["'X0100049'", "closest matches: X0100049"]),
    "Dataset.aggregate: indicator": (lambda f: f["ds"].aggregate("locality", "crime_rat"), ["'crime_rat'", "crime_rate"]),
    "Dataset.aggregate: level": (lambda f: f["ds"].aggregate("localty", "crime_rate"), ["'localty'", "locality"]),
    "Dataset.level_label: level": (lambda f: f["ds"].level_label("wrd"), ["'wrd'", "ward"]),
    "Geography.best_fit: level": (lambda f: f["ds"].geography.best_fit("wrd", "locality"), ["'wrd'", "ward"]),
    "quick_profile: area": (lambda f: pk.quick_profile(f["ds"], "Strathfern", level="locality"),
                            ["'Strathfern'", "Strathfearn"]),
    "quick_profile: level": (lambda f: pk.quick_profile(f["ds"], "innis", level="localities"), ["'localities'", "locality"]),
    "search_areas: level": (lambda f: pk.search_areas(f["ds"], "innis", level="ward s"), ["'ward s'", "ward"]),
    "search_indicators: theme": (lambda f: pk.search_indicators(f["ds"], theme="Helth"), ["'Helth'", "closest: Health"]),
    "area_profile: theme": (lambda f: pk.area_profile(f["ds"], "Auchterlinn", level="locality", theme="Helth"),
                            ["'Helth'", "closest: Health"]),
    "area_profile: area": (lambda f: pk.area_profile(f["ds"], "Inverbrakie", level="locality"), ["'Inverbrakie'", "Inverbrackie"]),
    "AreaProfile.trend_chart: indicator": (lambda f: f["health"].trend_chart("alcohol_admision"),
                                           ["'alcohol_admision'", "alcohol_admissions"]),
    "AreaProfile.theme_table: theme": (lambda f: f["health"].theme_table("Helth"), ["'Helth'", "Health"]),
    "table: indicator": (lambda f: pk.table(f["ds"], "crime_rat", level="datazone"), ["'crime_rat'", "crime_rate"]),
    "table: level": (lambda f: pk.table(f["ds"], "crime_rate", level="datazones"), ["'datazones'", "datazone"]),
    "table: within level": (lambda f: pk.table(f["ds"], "crime_rate", "datazone", within="localty=Isle of Innisbrae"),
                            ["'localty'", "locality"]),
    "table: within area": (lambda f: pk.table(f["ds"], "crime_rate", "datazone", within="locality=Isle of Inisbrae"),
                           ["'Isle of Inisbrae'", "Isle of Innisbrae"]),
    "compare: indicator": (lambda f: pk.compare(f["ds"], ["Auchterlinn"], ["child_povrty"]), ["'child_povrty'", "child_poverty"]),
    "compare: comparator": (lambda f: pk.compare(f["ds"], ["Auchterlinn"], ["crime_rate"], comparator="Sample Counci",
                                                 comparator_level="council"), ["'Sample Counci'", "Sample Council"]),
    "comparison_chart: indicator": (lambda f: pk.comparison_chart(f["comparison"], "child_povert"),
                                    ["'child_povert'", "child_poverty"]),
    "similar_areas: area": (lambda f: pk.similar_areas(f["ds"], "Auchterlin", n=5), ["'Auchterlin'", "Auchterlinn"]),
    "from_areas: area": (lambda f: pk.from_areas(f["ds"], "X", ["Muirfot"], "intermediate_zone"), ["'Muirfot'", "Muirfoot"]),
    "from_areas: level": (lambda f: pk.from_areas(f["ds"], "X", ["Muirfoot"], "intermediate_zon"),
                          ["'intermediate_zon'", "intermediate_zone"]),
    "from_datazones: code": (lambda f: pk.from_datazones(f["ds"], "X", ["X0100049"]), ["'X0100049'", "closest matches: X0100049"]),
    "from_geojson: file": (lambda f: pk.from_geojson(f["ds"], "X", "parameters/custom/map-selction.geojson"),
                           ["map-selction.geojson", "parameters/custom/map-selection.geojson"]),
    "use_custom_areas: level": (lambda f: custom_area_then_typo(f["ds"]), ["'costum'", "custom"]),
    "spend_per_head: level": (lambda f: pk.spend_per_head(f["ds"], "localty"), ["'localty'", "locality"]),
    "spend_per_head: within": (lambda f: pk.spend_per_head(f["ds"], "datazone", within="locality=Strathfern"),
                               ["'Strathfern'", "Strathfearn"]),
    "spend_against_need: indicator": (lambda f: pk.spend_against_need(f["ds"], "locality", ["employment_deprive"]),
                                      ["'employment_deprive'", "employment_deprived"]),
    "spend_by_simd_decile: period": (lambda f: pk.spend_by_simd_decile(f["ds"], period="2099/00"),
                                     ["'2099/00'", "2023/24"]),
    "spend_concentration: period": (lambda f: pk.spend_concentration(f["ds"], period="2099/00"), ["'2099/00'", "2023/24"]),
    "concentration_index: table": (lambda f: pk.concentration_index(pd.DataFrame({"x": [1]})), ["concentration_index"]),
    "export_table: not a table": (lambda f: pk.export_table(42, "reports/explore", "x"), ["export_table", "int"]),
    "export_chart: not a chart": (lambda f: pk.export_chart(pd.DataFrame(), "reports/explore"), ["export_chart", "DataFrame"]),
    "export_all: not a result": (lambda f: pk.export_all("Auchterlinn", "reports/explore"), ["export_all", "str"]),
    "save_custom_areas: not areas": (lambda f: pk.save_custom_areas(42, "reports/explore/x.yaml"), ["save_custom_areas", "int"]),
    "LocalityProfile: area": (lambda f: pk.LocalityProfile(f["ds"], "Auchterlin", level="locality"), ["'Auchterlin'", "Auchterlinn"]),
    "LocalityProfile: comparator level": (lambda f: pk.LocalityProfile(f["ds"], "Auchterlinn", level="locality",
                                                                       comparator_levels=["councl"]), ["'councl'", "council"]),
    "LocalityProfile.theme_table: theme": (lambda f: f["profile"].theme_table("Helth"), ["'Helth'", "Health"]),
    "LocalityProfile.ranking: theme": (lambda f: f["profile"].ranking("Economi"), ["'Economi'", "Economy"]),
    "LocalityProfile.trend: indicator": (lambda f: f["profile"].trend("crime_rat"), ["'crime_rat'", "crime_rate"]),
    "charts.trend_chart: highlight": (lambda f: pk.charts.trend_chart(f["profile"].trend("crime_rate"), "t", "u",
                                                                      highlight="Auchterlin"), ["'Auchterlin'", "Auchterlinn"]),
    "charts.comparison_bars: highlight": (lambda f: pk.charts.comparison_bars(
        pd.DataFrame({"area_name": ["Auchterlinn"], "value": [1.0]}), "t", "u", "Auchterlin"), ["'Auchterlin'", "Auchterlinn"]),
    "charts.save_chart: suffix": (lambda f: pk.charts.save_chart(f["health"].trend_chart("alcohol_admissions"), "x.jpg"),
                                  ["'.jpg'", ".png"]),
    "performance.load_outcomes: file": (lambda f: performance.load_outcomes("data/loip/outcome.yaml"),
                                        ["outcome.yaml", "data/loip/outcomes.yaml"]),
    "performance.load_register: folder": (lambda f: performance.load_register("data/lop", f["ds"]),
                                          ["data/lop", "data/loip"]),
    "performance.assess: period": (lambda f: performance.assess(f["ds"], performance.load_register("data/loip", f["ds"]),
                                                                "2024/25 Q5"), ["'2024/25 Q5'", "2024/25 Q2"]),
}

def custom_area_then_typo(ds):
    """Custom areas added in a notebook, then asked for at a misspelt level."""
    fresh = pk.open_dataset(ROOT / "data/sample")
    pk.use_custom_areas(fresh, pk.from_areas(ds, "Muirfoot", ["Muirfoot"], "intermediate_zone"),
                        "reports/explore/mistakes-custom-areas.yaml")
    return pk.quick_profile(fresh, "Muirfoot", level="costum")


TOLD_APART = {"Dataset.find_area", "Dataset.aggregate", "Dataset.areas", "Dataset.level_label", "Geography.best_fit",
              "AreaProfile.trend_chart", "AreaProfile.theme_table", "LocalityProfile.theme_table",
              "LocalityProfile.ranking", "LocalityProfile.trend"}
"""Methods walked above, besides the module-level public names."""

UNWALKED = {"Area", "Dataset", "charts", "__version__"}
"""Public names that take no name a user could misspell: a record, a class opened by
open_dataset, the charts namespace (its builders are walked as charts.*), the version."""


@pytest.fixture(scope="module")
def fixtures(ds, auchterlinn, health, comparison):
    return {"ds": ds, "profile": auchterlinn, "health": health, "comparison": comparison}


@pytest.mark.parametrize("name", list(CALLS))
def test_a_mistake_is_one_line_naming_it_and_the_closest_match(name, fixtures, monkeypatch):
    monkeypatch.chdir(ROOT)
    call, named = CALLS[name]
    with pytest.raises(PmfKitError) as raised:
        call(fixtures)
    message = str(raised.value)
    assert "\n" not in message, message
    for part in named:
        assert part in message, f"{name}: {part!r} not in {message!r}"


def test_every_public_function_is_walked():
    walked = {name.split(":")[0] for name in CALLS}
    public = {name for name in pk.__all__ if name not in UNWALKED}
    charts_builders = {f"charts.{name}" for name in ("trend_chart", "comparison_bars", "save_chart")}
    performance_api = {f"performance.{name}" for name in ("load_outcomes", "load_register", "assess")}
    assert public | charts_builders | performance_api | TOLD_APART <= walked, sorted(
        (public | charts_builders | performance_api | TOLD_APART) - walked)
    assert all(inspect.isfunction(getattr(pk, name)) or inspect.isclass(getattr(pk, name)) for name in public)


# The command line: each option a name goes in, with the mistake; what stderr's one line names.
COMMANDS = {
    "run RUN_SET": (["run", "parameters/sampel/", "--list"], ["parameters/sampel", "parameters/sample"]),
    "run --only": (["run", "parameters/sample/localities.yaml", "--only", "auchterlin", "--list"],
                   ["auchterlin", "closest: auchterlinn"]),
    "table --dataset": (["table", "--dataset", "data/sampel", "--indicator", "crime_rate", "--level", "locality"],
                        ["data/sampel", "data/sample"]),
    "table --indicator": (["table", "--dataset", "data/sample", "--indicator", "crime_rat", "--level", "locality"],
                          ["'crime_rat'", "crime_rate"]),
    "table --level": (["table", "--dataset", "data/sample", "--indicator", "crime_rate", "--level", "localty"],
                      ["'localty'", "locality"]),
    "table --within": (["table", "--dataset", "data/sample", "--indicator", "crime_rate", "--level", "datazone",
                        "--within", "locality=Auchterlin"], ["'Auchterlin'", "Auchterlinn"]),
    "table --custom-areas": (["table", "--dataset", "data/sample", "--indicator", "crime_rate", "--level", "custom",
                              "--custom-areas", "parameters/custom/area.yaml"], ["area.yaml", "parameters/custom/areas.yaml"]),
    "check-register --loip": (["check-register", "--loip", "data/lop", "--dataset", "data/sample", "--period",
                               "2024/25 Q4"], ["data/lop", "data/loip"]),
    "check-register --dataset": (["check-register", "--loip", "data/loip", "--dataset", "data/sampel", "--period",
                                  "2024/25 Q4"], ["data/sampel", "data/sample"]),
    "updates send --loip": (["updates", "send", "--loip", "data/lop", "--period", "2025/26 Q2", "--out", "reports/x"],
                            ["data/lop", "data/loip"]),
    "updates collect FILES": (["updates", "collect", "--loip", "data/loip", "--period", "2025/26 Q2",
                               "reports/sample/updates/no-such-form.xlsx"], ["no-such-form.xlsx"]),
    "updates add --action": (["updates", "add", "--loip", "data/loip", "--action", "HL-A9", "--period", "2025/26 Q2",
                              "--status", "on track", "--percent", "75", "--commentary", "x", "--by", "me"],
                             ["'HL-A9'", "--action", "actions.csv"]),
    "kpis send --loip": (["kpis", "send", "--loip", "data/lop", "--dataset", "data/sample", "--period", "2025/26 Q4",
                          "--out", "reports/x"], ["data/lop", "data/loip"]),
    "kpis send --dataset": (["kpis", "send", "--loip", "data/loip", "--dataset", "data/sampel", "--period", "2025/26 Q4",
                             "--out", "reports/x"], ["data/sampel", "data/sample"]),
    "kpis add --kpi": (["kpis", "add", "--loip", "data/loip", "--dataset", "data/sample", "--period", "2025/26 Q4",
                        "--kpi", "HL1", "--telling-us", "x", "--by", "me"], ["'HL1'", "closest: HL01"]),
    "kpis collect FILES": (["kpis", "collect", "--loip", "data/loip", "--dataset", "data/sample", "--period", "2025/26 Q4",
                            "reports/sample/kpi-returns/no-such-form.xlsx"], ["no-such-form.xlsx"]),
    "loip export --loip": (["loip", "export", "--loip", "data/lop", "--out", "reports/x.xlsx"], ["data/lop", "data/loip"]),
    "loip import WORKBOOK": (["loip", "import", "--loip", "data/loip", "--dataset", "data/sample", "reports/plan.xlx"],
                             ["plan.xlx"]),
    "add-indicators --dataset": (["add-indicators", "--dataset", "data/scotlnd", "docs/examples/fife-community-safety.yaml"],
                                 ["data/scotlnd"]),
    "add-indicators SPEC": (["add-indicators", "--dataset", "data/sample", "docs/examples/fife-comunity-safety.yaml"],
                            ["fife-comunity-safety.yaml", "docs/examples/fife-community-safety.yaml"]),
    "import --source": (["import", "scotland-2011", "--source", "../shared/realdat", "--out", "data/x"], ["realdat"]),
    "a command": (["tabel"], ["tabel", "table"]),
    "an option": (["table", "--dataset", "data/sample", "--indicators", "crime_rate"], ["--indicators", "--indicator"]),
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_command_line_mistake_is_one_line_on_stderr(name, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    arguments, named = COMMANDS[name]
    monkeypatch.setattr(sys, "argv", ["pmf-kit", *arguments])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 2
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip() and not line.startswith(("Usage:", "Try "))]
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    for part in named:
        assert part in lines[0], f"{name}: {part!r} not in {lines[0]!r}"


def test_every_command_and_option_of_the_cli_is_walked_or_takes_no_name():
    takes_no_name = {"--jobs", "--index", "--executor", "--scheduler", "--timeout", "--changed", "--force", "--list",
                     "--period", "--format", "--out", "--replace", "--version", "--help",
                     # what a lead or owner reports: numbers, dates and text, checked by the rules of a form
                     "--status", "--percent", "--on", "--commentary", "--reason", "--by", "--figure-period",
                     "--numerator", "--denominator", "--value", "--lower", "--upper", "--telling-us", "--actions"}
    walked = {word for arguments, _ in COMMANDS.values() for word in arguments if word.startswith("--")}
    walked |= {"RUN_SET", "FILES", "SPEC", "--source"}
    options = set()
    groups = [command for command in cli.cli.commands.values() if isinstance(command, click.Group)]
    commands = [cli.cli, *cli.cli.commands.values(), *(sub for group in groups for sub in group.commands.values())]
    for command in commands:
        for parameter in command.params:
            options |= {name for name in parameter.opts if name.startswith("--")}
    assert options - takes_no_name <= walked, sorted(options - takes_no_name - walked)


@pytest.mark.skipif(shutil.which("jupyter") is None and not (Path(sys.executable).parent / "jupyter").exists(),
                    reason="needs Jupyter's kernel machinery")
def test_in_a_notebook_a_mistake_shows_one_line_not_a_traceback():
    """What a newcomer sees in a cell: the error's name and one line, and a pointer to %tb."""
    import nbformat
    from nbclient import NotebookClient

    cells = ["import pmf_kit as pk\nds = pk.open_dataset('data/sample')",
             "pk.area_profile(ds, 'Auchterlinn', level='Locality', theme='Health').trend_chart('alcohol_admision')"]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    NotebookClient(notebook, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(ROOT)}},
                   timeout=120).execute()
    [error] = notebook.cells[1].outputs
    shown = "\n".join(error["traceback"])
    assert error["ename"] == "UnknownIndicatorError"
    assert "closest: alcohol_admissions" in shown
    assert "pandas" not in shown and "File " not in shown and "KeyError" not in shown
