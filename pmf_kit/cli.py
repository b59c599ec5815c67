"""The `pmf-kit` command line: thin wrappers over the package.

User errors (PmfKitError) are printed as one line and exit with status 2, never a traceback.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from pmf_kit.errors import PmfKitError


HELP = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
"""`-h` as well as `--help`, on every command (click passes context settings down to each)."""


@click.group(context_settings=HELP, epilog="""\b
Start here:
  pmf-kit run parameters/sample/ --list     what the sample reports are, before making them
  pmf-kit run parameters/sample/ --jobs 2   make them; open reports/index.html
  pmf-kit COMMAND -h                        each command's options, with an example""")
@click.version_option(package_name="pmf_kit")
def cli() -> None:
    """pmf_kit: locality profiles and LOIP performance reports for Scottish CPPs."""


@cli.command("run", epilog="""\b
Examples:
  pmf-kit run parameters/sample/ --list                 every report it would make, and how long
  pmf-kit run parameters/sample/ --jobs 2               every run set in the folder
  pmf-kit run parameters/sample/localities.yaml --only auchterlinn
  pmf-kit run parameters/sample/ --changed              only reports whose inputs changed
  pmf-kit run parameters/sample/dashboards.yaml --period latest   the latest quarter due""")
@click.argument("run_set_path", metavar="RUN_SET", type=click.Path(path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Reports to run at once: worker processes, or LocalCluster workers with dask.")
@click.option("--only", multiple=True, metavar="NAME",
              help="Run only this report (area name, file name or area code); may be repeated.")
@click.option("--index", "index_path", type=click.Path(path_type=Path), default=Path("reports/index.html"),
              show_default=True, help="The index page to update with links to the reports.")
@click.option("--executor", default="warm", show_default=True,
              type=click.Choice(["warm", "processes", "dask"]),
              help="warm: local workers each keeping one kernel warm; processes: a fresh kernel "
                   "per report; dask: a Dask cluster (--scheduler), or a LocalCluster.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="The Dask scheduler to send reports to (with --executor dask).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=1800,
              show_default=True, metavar="SECONDS",
              help="Stop a report (and kill its kernel) that runs longer than this.")
@click.option("--changed", is_flag=True,
              help="Build only reports whose inputs changed since their last good build.")
@click.option("--force", is_flag=True,
              help="Replace output files even if pmf_kit did not write them.")
@click.option("--period", metavar="PERIOD",
              help="Make every LOIP report (a notebook with a reporting_period) for this reporting "
                   "period, e.g. \"2025/26 Q3\", instead of the run set's; \"latest\": the latest "
                   "of the partnership's reporting quarters that has ended by today.")
@click.option("--list", "list_only", is_flag=True,
              help="Make nothing: list every report it would make (name, level, output path), "
                   "the count, and an estimate of the time from the last builds.")
def run_command(run_set_path: Path, jobs: int, only: tuple[str, ...], index_path: Path,
                executor: str, scheduler: str | None, timeout: float, changed: bool,
                force: bool, period: str | None, list_only: bool) -> None:
    """Execute the reports of a run set (a YAML file or a folder of them) and render them to HTML.

    Relative paths, here and in the run set, are taken from the project root (the folder holding
    pmf-kit.yaml), wherever the command runs. Writes one offline HTML file per report and
    updates the index page; exits with status 1 naming each report that failed, and 130 when
    interrupted (Ctrl-C), after updating the index with the reports written so far.
    """
    # Imported here so that other commands do not pay for papermill, nbconvert and Altair.
    from pmf_kit.batch.index_page import check_index_replaceable, update_index
    from pmf_kit.batch.run_log import append_to_run_log
    from pmf_kit.batch.runner import BatchInterrupted, run_batch, select_reports, summary_lines
    from pmf_kit.batch.runsets import load_run_sets
    from pmf_kit.data.kept_open import keep_data_sets_open

    keep_data_sets_open()  # the index reads the data sets the run sets opened
    run_sets = load_run_sets(run_set_path, period)
    for run_set in run_sets:
        for note in run_set.notes:
            click.echo(f"{run_set.source.name}: {note}")
    reports = select_reports(run_sets, only)
    if list_only:
        from pmf_kit.batch.preview import listing_lines
        from pmf_kit.data.paths import working_root

        for line in listing_lines(run_sets, reports, working_root(), jobs=jobs, changed=changed):
            click.echo(line)
        return
    index_path = check_index_replaceable(index_path, force)
    started = time.perf_counter()
    interrupted = False
    try:
        outcomes = run_batch(reports, jobs=jobs, executor=executor, scheduler=scheduler,
                             timeout=timeout, changed=changed, force=force)
    except BatchInterrupted as stopped:
        outcomes, interrupted = stopped.outcomes, True
    lines = summary_lines(outcomes, wall_seconds=time.perf_counter() - started)
    failed = any(outcome.status == "failed" for outcome in outcomes)
    try:
        lines[0] += f"; index: {update_index(run_sets, outcomes, index_path=index_path, force=force)}"
    except (OSError, PmfKitError) as error:
        lines.insert(1, f"FAILED index {index_path}: {type(error).__name__}: {error}")
        failed = True
    click.echo(lines[0])
    for line in lines[1:]:
        click.echo(line, err=True)
    try:
        logged = append_to_run_log(index_path, lines)
    except OSError as error:
        logged = None
        click.echo(f"the run log beside {index_path} could not be written: {error.strerror or error}", err=True)
    if logged and any(line.startswith("WARNING") for line in lines):
        click.echo(f"data warnings are kept in {logged}", err=True)
    if interrupted:
        click.echo("interrupted", err=True)
        sys.exit(130)
    if failed:
        sys.exit(1)


@cli.command("table", epilog="""\b
Examples:
  pmf-kit table --dataset data/sample --indicator emergency_admissions \\
      --level datazone --within locality=Auchterlinn --out auchterlinn.csv
  pmf-kit table --dataset data/sample --indicator crime_rate,child_poverty --level locality --period all

\b
Columns:
  area_level, area_code, area_name   the area of the row (its level id, code and name)
  indicator_id, period               the indicator (see the data set's indicators.csv) and the
                                     period its data describe (2017/18 for SIMD 2020's crime)
  release                            the release the figure comes from (SIMD 2020, Census 2022)
  period_is_edition                  true where no source states the data year: the period is
                                     then only the release's edition year
  numerator, denominator             the counts behind the value, as whole numbers; the
                                     numerator is empty where hidden or not published
  numerator_highest                  the numerator's largest possible value where its source hid
                                     some data zones' counts (equal to numerator otherwise)
  value                              the indicator's value in its unit, to 6 decimal places (the
                                     middle of its range where its source hid counts)
  value_lowest, value_highest        the range the value lies in (equal where it is exact)
  datazones_suppressed_at_source     how many of the area's data zones its source suppressed
  lower_95, upper_95                 the 95% confidence limits, to 6 decimal places; empty
                                     where hidden or where the value has none (a count)
  suppressed                         empty: published; "primary": its own count is under the
                                     indicator's threshold; "secondary": hidden as well, so that
                                     no hidden count can be worked out from the figures shown
                                     (by differencing totals, rate x denominator or overlaps)""")
@click.option("--dataset", "dataset_path", required=True, type=click.Path(path_type=Path),
              help="Data set folder (e.g. data/sample).")
@click.option("--indicator", "indicators", required=True, metavar="ID[,ID...]",
              help="Indicator ids, comma separated.")
@click.option("--level", required=True, help="Geography level of the rows, e.g. locality.")
@click.option("--within", metavar="LEVEL=NAME", help="Only areas inside this one, e.g. council=Fife.")
@click.option("--period", default="latest", show_default=True,
              help="A period (2023, 2023/24), `latest` for each indicator, or `all`.")
@click.option("--format", "table_format", type=click.Choice(["csv", "xlsx", "markdown"]),
              help="Output format; follows the --out suffix (.csv, .xlsx, .md), which it must "
                   "match; without --out, CSV on standard output (or markdown).")
@click.option("--out", type=click.Path(path_type=Path),
              help="File to write; standard output if absent.")
@click.option("--force", is_flag=True, help="Replace --out even if it is not a table pmf_kit wrote.")
@click.option("--custom-areas", "custom_areas", type=click.Path(path_type=Path), metavar="FILE",
              help="Custom areas YAML (as in a run set), for --level custom.")
def table_command(dataset_path: Path, indicators: str, level: str, within: str | None, period: str,
                  table_format: str | None, out: Path | None, force: bool,
                  custom_areas: Path | None) -> None:
    """The advanced table: one row per area, indicator and period, with 95% limits.

    Figures are suppressed by the data set's one decision, as in the reports. An empty table
    writes nothing, says so on standard error and exits with status 1.
    """
    from pmf_kit.data.dataset import open_dataset
    from pmf_kit.explore.advanced_table import csv_text, markdown, table, write_table

    if level == "custom" and custom_areas is None:
        raise click.UsageError("--level custom needs --custom-areas FILE (the custom areas YAML)")
    if out is None and table_format == "xlsx":
        raise PmfKitError("--format xlsx needs --out FILE.xlsx: a spreadsheet cannot go to standard output")
    dataset = open_dataset(dataset_path, custom_areas=custom_areas)
    frame = table(dataset, indicators, level, within=within, period=period)
    if frame.empty:
        click.echo(f"no rows: no {level} values of {indicators}"
                   f"{f' within {within}' if within else ''} for period {period}; nothing written",
                   err=True)
        sys.exit(1)
    if out is None:
        text = markdown(frame) if table_format == "markdown" else csv_text(frame)
        click.echo(text, nl=False)
        return
    write_table(frame, out, table_format, force=force)
    click.echo(f"wrote {len(frame)} rows to {out}")


@cli.command("import", epilog="""\b
Examples:
  pmf-kit import scotland-2011 --source ../shared/realdata --out data/scotland
  pmf-kit import scotland-2022 --source ../shared/realdata --out data/scotland-2022""")
@click.argument("dataset_kind", type=click.Choice(["scotland-2011", "scotland-2022"]))
@click.option("--source", "source", required=True, type=click.Path(path_type=Path),
              help="Folder of published files laid out like shared/realdata "
                   "(simd/, lookups/, population/, indicators/, boundaries/, census2022/).")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="Data set folder to write (replaced only when complete).")
def import_command(dataset_kind: str, source: Path, out: Path) -> None:
    """Build a whole-Scotland data set folder from the published source files: scotland-2011 on the
    2011 data zones (SIMD, population estimates, ScotPHO, census), scotland-2022 on the 2022 data
    zones (Census 2022 only, until SIMD and boundaries are published on them)."""
    from pmf_kit.importers import import_scotland_2011, import_scotland_2022

    progress = lambda step: click.echo(f"... {step}")  # noqa: E731
    if dataset_kind == "scotland-2022":
        summary = import_scotland_2022(source, out, progress=progress)
        _echo_written(summary.out, summary.seconds, summary.level_counts)
        click.echo(f"{summary.indicators} census indicators in {summary.themes} themes; no SIMD and no "
                   "boundaries yet (profiles say so)")
        click.echo("official 2022 data zone figures against the sum of their output areas (largest "
                   "difference per data zone):")
        for difference in summary.differences:
            click.echo(f"  {difference.indicator_id}: {difference.largest:,} ({difference.datazone_code}), "
                       f"mean {difference.mean:+.2f}")
        return
    summary = import_scotland_2011(source, out, progress=progress)
    _echo_written(summary.out, summary.seconds, summary.level_counts)
    click.echo("councils without HSCP localities (none published): "
               + (", ".join(summary.councils_without_localities) or "none"))
    if summary.councils_partly_without_localities:
        click.echo("councils with some data zones outside any locality: "
                   + ", ".join(summary.councils_partly_without_localities))
    unmatched = summary.scotpho_localities_unmatched
    click.echo(f"ScotPHO HSC localities matched to PHS localities by name within their HSCP: "
               f"{summary.scotpho_localities_matched}; unmatched ({len(unmatched)}), their life "
               "expectancy not shown:")
    for line in unmatched:
        click.echo(f"  {line}")
    click.echo("PHS HSCP localities without ScotPHO life expectancy: "
               + (", ".join(summary.localities_without_life_expectancy) or "none"))


def _echo_written(out: Path, seconds: float, level_counts: dict[str, int]) -> None:
    click.echo(f"wrote {out} in {seconds:.1f} s")
    for level, count in level_counts.items():
        click.echo(f"  {level}: {count:,}")


@cli.command("check-register", epilog="""\b
Example:
  pmf-kit check-register --loip data/loip --dataset data/sample --period "2024/25 Q4"
""")
@click.option("--loip", "loip", required=True, type=click.Path(path_type=Path), help="LOIP folder (e.g. data/loip).")
@click.option("--dataset", "dataset_path", required=True, type=click.Path(path_type=Path),
              help="Data set folder the KPIs read (e.g. data/sample).")
@click.option("--period", required=True, help="Reporting period whose data the check reads, e.g. \"2024/25 Q4\".")
def check_register_command(loip: Path, dataset_path: Path, period: str) -> None:
    """Say for each KPI of the register which SMART rule it fails, each rule stated. Exits 1 when
    any KPI fails a rule."""
    from pmf_kit.data.periods import parse_period
    from pmf_kit.performance.smart import FAILS, check_loip, report_lines

    period = parse_period(period).label
    check = check_loip(dataset_path, loip, period)
    for line in report_lines(check, period):
        click.echo(line)
    if (check["result"] == FAILS).any():
        sys.exit(1)


@cli.group("updates", epilog="""\b
Examples:
  pmf-kit updates send --loip data/loip --period "2025/26 Q2" --out reports/sample/updates
  pmf-kit updates collect --loip data/loip --period "2025/26 Q2" returned/*.xlsx
  pmf-kit updates add --loip data/loip --action HL-A1 --period "2025/26 Q2" --status "on track" \\
      --percent 60 --commentary "Second clinic open" --by "Jo Smith" --on 2025-11-03""")
def updates_group() -> None:
    """Progress updates from action leads: send each lead a form, collect the returned forms, add
    one that came late, by email, or needs correcting."""


@updates_group.command("send", epilog="""\b
Example:
  pmf-kit updates send --loip data/loip --period "2025/26 Q2" --out reports/sample/updates""")
@click.option("--loip", "loip", required=True, type=click.Path(path_type=Path), help="LOIP folder (e.g. data/loip).")
@click.option("--period", required=True, help="Reporting period, one of the partnership's reporting quarters (Q2 or Q4 unless partnership.yaml says otherwise), e.g. \"2025/26 Q2\".")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="Folder to write the forms to.")
def updates_send_command(loip: Path, period: str, out: Path) -> None:
    """Write one workbook per action lead: their actions, each with its last update, and checked
    cells for the new one."""
    from pmf_kit.data.paths import from_project_root
    from pmf_kit.charts.wording import count_noun
    from pmf_kit.performance.update_forms import send_update_forms

    sent = send_update_forms(loip, period, out)
    click.echo(f"wrote {count_noun(len(sent), 'update form')} for {period} to {from_project_root(out)}")
    for form in sent:
        click.echo(f"  {form.path.name}: {form.lead}, {count_noun(len(form.action_ids), 'action')} "
                   f"({', '.join(form.action_ids)})")


@updates_group.command("collect", epilog="""\b
Example:
  pmf-kit updates collect --loip data/loip --period "2025/26 Q2" returned/*.xlsx""")
@click.option("--loip", "loip", required=True, type=click.Path(path_type=Path), help="LOIP folder (e.g. data/loip).")
@click.option("--period", required=True, help="Reporting period the forms were sent for, e.g. \"2025/26 Q2\".")
@click.option("--replace", is_flag=True, help="Replace an update already held for an action and period.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def updates_collect_command(loip: Path, period: str, replace: bool, files: tuple[Path, ...]) -> None:
    """Check returned forms cell by cell, merge the good rows into action_updates.csv, keep the
    files, and print every rejected cell and who still owes an update. Exits 1 when a cell was
    rejected or an update needs --replace."""
    from pmf_kit.data.paths import from_project_root
    from pmf_kit.charts.wording import count_noun
    from pmf_kit.performance.update_collection import collect_updates

    collection = collect_updates(loip, period, files, replace=replace)
    click.echo(f"collected {count_noun(len(collection.forms), 'form')} for {collection.period}: "
               f"{count_noun(len(collection.added), 'update')} added, {len(collection.replaced)} replaced, "
               f"{len(collection.unchanged)} already held")
    if collection.kept:
        click.echo(f"returned files kept in {from_project_root(collection.kept[0].parent)}")
    if collection.rejections:
        click.echo(f"rejected ({len(collection.rejections)}):")
        for error in collection.rejections:
            click.echo(f"  {error}")
    if collection.conflicts:
        click.echo(f"held back, already updated ({len(collection.conflicts)}):")
        for conflict in collection.conflicts:
            click.echo(f"  {conflict.message}")
    actions = sum(len(chase.action_ids) for chase in collection.chasing)
    click.echo(f"still to return: {count_noun(len(collection.chasing), 'lead')}, {count_noun(actions, 'action')}"
               if collection.chasing
               else "still to return: nobody; every action has its update")
    for chase in collection.chasing:
        click.echo(f"  {chase.lead}: {', '.join(chase.action_ids)}")
    if not collection.all_good:
        sys.exit(1)


@cli.group("kpis", epilog="""\b
Examples:
  pmf-kit kpis send --loip data/loip --dataset data/sample --period "2025/26 Q2" --out reports/sample/kpi-returns
  pmf-kit kpis collect --loip data/loip --dataset data/sample --period "2025/26 Q2" returned/*.xlsx
  pmf-kit kpis add --loip data/loip --dataset data/sample --period "2025/26 Q4" --kpi HL01 \\
      --figure-period 2025/26 --numerator 9800 --denominator 100000 --telling-us "..." --by "..."
""")
def kpis_group() -> None:
    """KPI returns from KPI owners: send each owner a form, collect their figures and commentary."""


@kpis_group.command("send")
@click.option("--loip", "loip", required=True, type=click.Path(path_type=Path), help="LOIP folder (e.g. data/loip).")
@click.option("--dataset", "dataset_path", required=True, type=click.Path(path_type=Path),
              help="Data set folder the KPIs read (e.g. data/sample).")
@click.option("--period", required=True, help="Reporting period, e.g. \"2025/26 Q2\".")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="Folder to write the forms to.")
def kpis_send_command(loip: Path, dataset_path: Path, period: str, out: Path) -> None:
    """Write one workbook per KPI owner (the sheet's `responsible`): each of their KPIs with the
    latest figure held, and checked cells for the next figure, what the data is telling us and
    the actions to improve."""
    from pmf_kit.charts.wording import count_noun
    from pmf_kit.data.paths import from_project_root
    from pmf_kit.performance.returns.kpi_forms import send_kpi_forms

    sending = send_kpi_forms(loip, dataset_path, period, out)
    click.echo(f"wrote {count_noun(len(sending.forms), 'KPI return form')} for {sending.period} to {from_project_root(out)}")
    for form in sending.forms:
        click.echo(f"  {form.path.name}: {form.owner}, {count_noun(len(form.kpi_ids), 'KPI')} ({', '.join(form.kpi_ids)})")
    if sending.without_owner:
        click.echo(f"no form for {', '.join(sending.without_owner)}: kpis.yaml names no owner (sheet.responsible)")


@kpis_group.command("add")
@click.option("--loip", "loip", required=True, type=click.Path(path_type=Path), help="LOIP folder (e.g. data/loip).")
@click.option("--dataset", "dataset_path", required=True, type=click.Path(path_type=Path),
              help="Data set folder to add the figure to (e.g. data/sample).")
@click.option("--period", required=True, help="Reporting period the return is for, e.g. \"2025/26 Q4\".")
@click.option("--kpi", "kpi_id", required=True, help="The KPI's id in kpis.yaml, e.g. HL01.")
@click.option("--figure-period", default="", help="The period the figure describes, e.g. 2025/26.")
@click.option("--numerator", default="", help="The count (for a rate, a percentage or a count).")
@click.option("--denominator", default="", help="Its denominator (or an average's weight).")
@click.option("--value", default="", help="The value (an average, or a published score, ratio or life expectancy).")
@click.option("--lower", default="", help="The value's lower 95% limit, where published.")
@click.option("--upper", default="", help="The value's upper 95% limit, where published.")
@click.option("--telling-us", "telling_us", required=True, help="What the data is telling us.")
@click.option("--actions", default="", help="Actions to improve.")
@click.option("--by", "by", required=True, help="Who gave the return, e.g. the KPI's owner.")
@click.option("--replace", is_flag=True, help="Replace a figure or commentary already held for the KPI and period.")
def kpis_add_command(loip: Path, dataset_path: Path, period: str, kpi_id: str, by: str, replace: bool,
                     **texts: str) -> None:
    """Record one KPI's late, emailed or corrected return (a figure, its commentary, or both) with
    the checks of a returned form. Exits 1 when something already held needs --replace."""
    from pmf_kit.performance.returns.kpi_collection import add_kpi_return

    done = add_kpi_return(loip, dataset_path, period, kpi_id, texts, by, replace=replace)
    for item in done.figures_added + done.figures_replaced:
        click.echo(f"{item.kpi_id}: {item.figure_period} figure {'added' if item in done.figures_added else 'replaced'}")
    if done.commentary_saved:
        click.echo(f"{kpi_id}: commentary for {done.period} recorded")
    if done.unchanged:
        click.echo(f"{kpi_id}: already held as given; nothing changed")
    for held in done.held_back:
        click.echo(f"held back: {held.message}")
    if done.held_back:
        sys.exit(1)


@kpis_group.command("collect")
@click.option("--loip", "loip", required=True, type=click.Path(path_type=Path), help="LOIP folder (e.g. data/loip).")
@click.option("--dataset", "dataset_path", required=True, type=click.Path(path_type=Path),
              help="Data set folder to add the figures to (e.g. data/sample).")
@click.option("--period", required=True, help="Reporting period the forms were sent for.")
@click.option("--replace", is_flag=True, help="Replace a figure or commentary already held for a KPI and period.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def kpis_collect_command(loip: Path, dataset_path: Path, period: str, replace: bool, files: tuple[Path, ...]) -> None:
    """Check returned KPI forms cell by cell, add the new figures to the data set at each KPI's
    area (no other period or area touched), keep the commentary for the period and the files,
    and print every rejected cell and who still owes a return. Exits 1 when a cell was rejected
    or something needs --replace."""
    from pmf_kit.charts.wording import count_noun
    from pmf_kit.performance.returns.kpi_collection import collect_kpi_returns

    collection = collect_kpi_returns(loip, dataset_path, period, files, replace=replace)
    click.echo(f"collected {count_noun(len(collection.forms), 'form')} for {collection.period}: "
               f"{count_noun(len(collection.figures_added), 'figure')} added, {len(collection.figures_replaced)} "
               f"replaced; commentary for {count_noun(len(collection.commentary_saved), 'KPI')}; "
               f"{len(collection.unchanged)} already held")
    for item in collection.figures_added + collection.figures_replaced:
        click.echo(f"  {item.kpi_id}: {item.figure_period}")
    if collection.rejections:
        click.echo(f"rejected ({len(collection.rejections)}):")
        for error in collection.rejections:
            click.echo(f"  {error}")
    if collection.held_back:
        click.echo(f"held back ({len(collection.held_back)}):")
        for held in collection.held_back:
            click.echo(f"  {held.message}")
    owing = sum(len(ids) for ids in collection.chasing.values())
    click.echo(f"still to return: {count_noun(len(collection.chasing), 'owner')}, {count_noun(owing, 'KPI')}"
               if collection.chasing else "still to return: nobody; every KPI has its return")
    for owner, ids in collection.chasing.items():
        click.echo(f"  {owner}: {', '.join(ids)}")
    if not collection.all_good:
        sys.exit(1)


@cli.group("loip", epilog="""\b
Examples:
  pmf-kit loip export --loip data/loip --out plan.xlsx
  pmf-kit loip import --loip data/loip --dataset data/sample plan.xlsx""")
def loip_group() -> None:
    """The whole LOIP plan in one workbook: export it to edit, import it back checked."""


@loip_group.command("export")
@click.option("--loip", "loip", required=True, type=click.Path(path_type=Path), help="LOIP folder (e.g. data/loip).")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="Workbook to write (.xlsx).")
def loip_export_command(loip: Path, out: Path) -> None:
    """Write the plan (outcomes, KPIs with their data management sheets, targets and milestones,
    actions, risks, the improvement plan) to one workbook an officer can edit."""
    from pmf_kit.data.paths import from_project_root
    from pmf_kit.performance.plan.plan_export import export_plan

    click.echo(f"wrote the plan of {from_project_root(loip)} to {from_project_root(export_plan(loip, out))}")


@loip_group.command("import")
@click.option("--loip", "loip", required=True, type=click.Path(path_type=Path), help="LOIP folder to write (e.g. data/loip).")
@click.option("--dataset", "dataset_path", required=True, type=click.Path(path_type=Path),
              help="Data set the KPIs read, to check them against (e.g. data/sample).")
@click.argument("workbook", type=click.Path(path_type=Path))
def loip_import_command(loip: Path, dataset_path: Path, workbook: Path) -> None:
    """Check a plan workbook whole (every KPI against the data set, every id, every risk score)
    and write it into the LOIP folder in one swap; nothing changes while any problem is left.
    The plan files it replaces are kept under history/ in the folder."""
    from pmf_kit.data.paths import from_project_root
    from pmf_kit.performance.plan.plan_import import import_plan

    done = import_plan(workbook, loip, dataset_path)
    click.echo(f"imported {from_project_root(workbook)} into {from_project_root(loip)}:")
    for sheet, count in done.counts.items():
        changes = [f"added {', '.join(done.added[sheet])}" if done.added.get(sheet) else "",
                   f"removed {', '.join(done.removed[sheet])}" if done.removed.get(sheet) else ""]
        said = "; ".join(change for change in changes if change)
        click.echo(f"  {sheet}: {count}{f' ({said})' if said else ''}")
    click.echo(f"the plan files it replaced are in {from_project_root(done.kept_in)}")

@updates_group.command("add", epilog="""\b
Examples:
  pmf-kit updates add --loip data/loip --action HL-A1 --period "2025/26 Q2" --status "on track" \\
      --percent 60 --commentary "Second clinic open" --by "Jo Smith" --on 2025-11-03
  (the same with --percent 65 --replace corrects it)""")
@click.option("--loip", "loip", required=True, type=click.Path(path_type=Path), help="LOIP folder (e.g. data/loip).")
@click.option("--action", "action_id", required=True, help="The action_id of actions.csv, e.g. HL-A1.")
@click.option("--period", required=True, help="Reporting period of the update, Q2 or Q4, e.g. \"2025/26 Q2\".")
@click.option("--status", required=True, help="not started, on track, at risk, delayed or complete.")
@click.option("--percent", required=True, help="% complete: a whole number from 0 to 100 (complete means 100).")
@click.option("--commentary", required=True, help="Progress since the last update.")
@click.option("--by", "updated_by", required=True, help="Who gave the update (usually the action lead).")
@click.option("--on", "updated_on", help="Date the update was given (2025-11-03 or 03/11/2025); default today.")
@click.option("--reason", help="Why % complete is lower than at the last update, when it is.")
@click.option("--replace", is_flag=True, help="Replace an update already held for the action and period.")
def updates_add_command(loip: Path, action_id: str, period: str, status: str, percent: str, commentary: str,
                        updated_by: str, updated_on: str | None, reason: str | None, replace: bool) -> None:
    """Add one update to action_updates.csv, checked as a returned form is. Exits 1, changing
    nothing, when the action already has an update for the period and --replace is not given."""
    from pmf_kit.performance.update_entry import add_update

    values = {"status": status, "percent_complete": percent, "commentary": commentary, "updated_on": updated_on,
              "reason": reason}
    entry = add_update(loip, action_id, period, values, updated_by, replace=replace)
    update = entry.update
    if entry.outcome == "held":
        click.echo(f"not added: {entry.held}; add with --replace to replace it")
        sys.exit(1)
    click.echo(f"{update.action_id}, {entry.period}: {entry.outcome} ({update.status}, "
               f"{update.percent_complete:g}% complete, from {update.updated_by} on {update.updated_on:%d/%m/%Y})")


@cli.command("add-indicators", epilog="""\b
Examples:
  pmf-kit add-indicators --dataset data/scotland docs/examples/fife-community-safety.yaml
  pmf-kit add-indicators --dataset data/sample --replace corrected-figure.yaml""")
@click.option("--dataset", "dataset_path", required=True, type=click.Path(path_type=Path),
              help="Data set folder to add to (e.g. data/scotland).")
@click.option("--replace", is_flag=True,
              help="Let the file replace values the data set holds (same indicator, area and period), "
                   "or an indicator's whole history when its unit or aggregation changes.")
@click.argument("spec_path", metavar="SPEC.yaml", type=click.Path(path_type=Path))
def add_indicators_command(dataset_path: Path, replace: bool, spec_path: Path) -> None:
    """Add an analyst's own indicators (a CSV or XLSX file, by data zone or any level of the
    data set, long or wide, or a census table as NRS's table builder exports it) to a data set,
    as SPEC.yaml describes (see docs/examples/).

    Every problem in the file is listed, each naming its file, sheet, row and column, and nothing
    is written until there are none. Rows for an indicator the data set holds are added beside
    its history: a new period (a KPI's latest figure) is appended; a value already held is
    replaced only with --replace, and without it the command says exactly what would be lost. A
    period of another kind than the indicator holds (a quarter for an annual series) is refused.
    """
    from pmf_kit.charts.wording import count_noun
    from pmf_kit.importers.add_indicators import add_indicators

    for added in add_indicators(dataset_path, spec_path, replace=replace):
        periods = ", ".join(added.periods)
        if added.new:
            click.echo(f"{added.indicator_id}: added; {count_noun(added.rows, 'row')}, "
                       f"{count_noun(added.areas, 'area')}, periods {periods}")
            continue
        click.echo(f"{added.indicator_id}: {count_noun(added.added_rows, 'row')} added, "
                   f"{added.replaced_rows:,} replaced, {added.kept_rows:,} kept as they were; "
                   f"the file's {count_noun(added.areas, 'area')}, periods {periods}")
        if added.replaced:
            click.echo(f"  replaced: {added.replaced}")
        for change in added.catalogue_changes:
            click.echo(f"  indicators.csv: {change}")


def main() -> None:
    """Entry point of the console script: run the CLI, turning user errors into one line."""
    try:
        cli(standalone_mode=False)
    except PmfKitError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
